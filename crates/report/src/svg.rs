//! Hand-written SVG charts for the HTML report: coverage against requirement (one bar per
//! series: as assessed, and without a contributor, grouped by layer or capability); the
//! simulated coverage of each requirement as dots and whiskers; the sensitivity tornado; the
//! burden an allocation adds per contributor; and the stance timeline of the evidence ledger.
//!
//! Each chart takes plain data (labels and numbers, no engine types), so the drawing can be
//! tested on its own.
//!
//! Every capability has its own unit (batteries, personnel, EUR bn), so a bar shows the share of
//! the requirement that is pledged, with the requirement as a line at 100 %; the figures in their
//! own unit are written beside the bar. The chart is a string of SVG markup built with maud, so
//! every label is escaped. It is not a charting library: fixed layouts, no interaction beyond
//! tooltips (`<title>`) and in-page links, no script.

use guarantor_engine::{fmt_amount, fmt_need, fmt_num};
use maud::{Markup, html};

/// One capability (within a layer or the whole package) and what each series pledges to it.
#[derive(Debug, Clone, PartialEq)]
pub struct BarRow {
    /// A heading drawn above the first row of a group (the layer name), if any.
    pub group: Option<String>,
    pub label: String,
    pub unit: String,
    pub required: f64,
    /// Pledged in force, one value per series (same order as [`BarChart::series`]).
    pub pledged: Vec<f64>,
}

/// A chart: its title, the names of the series, and the rows.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    pub title: String,
    pub series: Vec<String>,
    pub rows: Vec<BarRow>,
}

const LABEL_W: f64 = 230.0;
const BAR_W: f64 = 360.0;
const TEXT_W: f64 = 330.0;
/// The bar area covers 0..=150 % of the requirement; more is drawn as 150 % with an arrow.
const SCALE_MAX: f64 = 1.5;
const BAR_H: f64 = 14.0;
const ROW_GAP: f64 = 10.0;
const GROUP_H: f64 = 24.0;
const COLOURS: [&str; 3] = ["#1f5f8b", "#d0803a", "#6a8d3a"];

/// The share of the requirement pledged; a requirement of zero counts as fully covered.
pub fn share(pledged: f64, required: f64) -> f64 {
    if required > 0.0 {
        pledged / required
    } else {
        1.0
    }
}

fn px(x: f64) -> String {
    // One decimal is enough for a screen and keeps the markup stable across platforms.
    format!("{:.1}", x)
}

/// Renders the chart as an inline `<svg>` element.
pub fn bar_chart(chart: &BarChart) -> Markup {
    let n = chart.series.len().max(1) as f64;
    let row_h = n * BAR_H + ROW_GAP;
    let legend_h = 22.0;
    let groups = chart.rows.iter().filter(|r| r.group.is_some()).count() as f64;
    let height = legend_h + chart.rows.len() as f64 * row_h + groups * GROUP_H + 20.0;
    let width = LABEL_W + BAR_W + TEXT_W;
    let hundred = LABEL_W + BAR_W / SCALE_MAX;
    let mut y = legend_h;
    let mut items: Vec<Markup> = Vec::new();
    for row in &chart.rows {
        if let Some(group) = &row.group {
            items.push(html! {
                text x="4" y=(px(y + 16.0)) class="group" { (group) }
            });
            y += GROUP_H;
        }
        let top = y;
        items.push(html! {
            text x=(px(LABEL_W - 8.0)) y=(px(top + n * BAR_H / 2.0 + 4.0)) text-anchor="end" class="label" { (row.label) }
            rect x=(px(LABEL_W)) y=(px(top)) width=(px(BAR_W / SCALE_MAX)) height=(px(n * BAR_H)) class="need" {}
        });
        for (i, &pledged) in row.pledged.iter().enumerate() {
            let s = share(pledged, row.required);
            let w = s.clamp(0.0, SCALE_MAX) * BAR_W / SCALE_MAX;
            let by = top + i as f64 * BAR_H;
            let colour = COLOURS[i % COLOURS.len()];
            let series = chart.series.get(i).map(String::as_str).unwrap_or("");
            let gap = (row.required - pledged).max(0.0);
            let caption = if gap > 0.0 {
                format!(
                    "{} of {} {} ({:.0}%), gap {}",
                    fmt_amount(pledged, &row.unit),
                    fmt_need(row.required, &row.unit),
                    row.unit,
                    s * 100.0,
                    fmt_need(gap, &row.unit)
                )
            } else {
                format!(
                    "{} of {} {} (covered)",
                    fmt_amount(pledged, &row.unit),
                    fmt_need(row.required, &row.unit),
                    row.unit
                )
            };
            items.push(html! {
                rect x=(px(LABEL_W)) y=(px(by + 1.0)) width=(px(w)) height=(px(BAR_H - 2.0)) fill=(colour) {
                    title { (series) ": " (caption) }
                }
                @if s > SCALE_MAX {
                    text x=(px(LABEL_W + BAR_W + 2.0)) y=(px(by + BAR_H - 3.0)) class="value" { "▶" }
                }
                text x=(px(LABEL_W + BAR_W + 14.0)) y=(px(by + BAR_H - 3.0)) class="value" { (caption) }
            });
        }
        y += row_h;
    }
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width=(px(width)) height=(px(height)) viewBox={ "0 0 " (px(width)) " " (px(height)) } {
            title { (chart.title) }
            @for (i, name) in chart.series.iter().enumerate() {
                rect x=(px(LABEL_W + i as f64 * 200.0)) y="4" width="12" height="12" fill=(COLOURS[i % COLOURS.len()]) {}
                text x=(px(LABEL_W + 16.0 + i as f64 * 200.0)) y="14" class="legend" { (name) }
            }
            @for item in &items { (item) }
            line x1=(px(hundred)) y1=(px(legend_h - 2.0)) x2=(px(hundred)) y2=(px(y)) class="req" {}
            text x=(px(hundred)) y=(px(y + 14.0)) text-anchor="middle" class="legend" { "requirement (100%)" }
        }
    }
}

/// The five tick positions 0, 25, 50, 75 and 100 % of a share axis.
const SHARE_TICKS: [f64; 5] = [0.0, 0.25, 0.5, 0.75, 1.0];

/// A probability or share as a percentage with one decimal (`42.5%`).
pub fn pct(p: f64) -> String {
    format!("{:.1}%", p * 100.0)
}

/// The distribution of one requirement's coverage in one series (simulated as written, or
/// without a contributor).
#[derive(Debug, Clone, PartialEq)]
pub struct Whisker {
    /// Quantiles of coverage (pledged in force ÷ required, capped at 1).
    pub q05: f64,
    pub q50: f64,
    pub q95: f64,
    /// Probability that the requirement is met.
    pub p_met: f64,
}

/// One requirement: a whisker per series.
#[derive(Debug, Clone, PartialEq)]
pub struct WhiskerRow {
    /// A heading drawn above the first row of a group (the layer), if any.
    pub group: Option<String>,
    pub label: String,
    pub series: Vec<Whisker>,
}

/// Coverage quantiles and the probability of being met, per requirement.
#[derive(Debug, Clone, PartialEq)]
pub struct WhiskerChart {
    pub title: String,
    pub series: Vec<String>,
    pub rows: Vec<WhiskerRow>,
}

const WH_LABEL: f64 = 300.0;
const WH_PLOT: f64 = 400.0;
const WH_GAP: f64 = 40.0;
const WH_PBAR: f64 = 120.0;
const WH_TEXT: f64 = 70.0;
const WH_LINE: f64 = 13.0;

/// Renders a dot-and-whisker chart: per requirement and series, a line from the 5 % to the 95 %
/// quantile of coverage with a dot at the median, the requirement (coverage 1) as a dashed line,
/// and on the right the probability that the requirement is met as a bar.
pub fn whisker_chart(chart: &WhiskerChart) -> Markup {
    let n = chart.series.len().max(1) as f64;
    let row_h = n * WH_LINE + 8.0;
    let top = 44.0;
    let groups = chart.rows.iter().filter(|r| r.group.is_some()).count() as f64;
    let bottom = top + chart.rows.len() as f64 * row_h + groups * GROUP_H;
    let height = bottom + 36.0;
    let width = WH_LABEL + WH_PLOT + WH_GAP + WH_PBAR + WH_TEXT;
    let x = |v: f64| WH_LABEL + v.clamp(0.0, 1.0) * WH_PLOT;
    let p0 = WH_LABEL + WH_PLOT + WH_GAP;
    let mut y = top;
    let mut items: Vec<Markup> = Vec::new();
    for row in &chart.rows {
        if let Some(group) = &row.group {
            items.push(html! { text x="4" y=(px(y + 16.0)) class="group" { (group) } });
            y += GROUP_H;
        }
        items.push(html! {
            text x=(px(WH_LABEL - 8.0)) y=(px(y + 4.0 + n * WH_LINE / 2.0 + 4.0)) text-anchor="end" class="label" { (row.label) }
        });
        for (i, w) in row.series.iter().enumerate() {
            let cy = y + 4.0 + i as f64 * WH_LINE + WH_LINE / 2.0;
            let colour = COLOURS[i % COLOURS.len()];
            let series = chart.series.get(i).map(String::as_str).unwrap_or("");
            let tip = format!(
                "{series}: P(met) {}; coverage 5% {}, median {}, 95% {}",
                pct(w.p_met),
                pct(w.q05),
                pct(w.q50),
                pct(w.q95)
            );
            items.push(html! {
                g {
                    title { (tip) }
                    line x1=(px(x(w.q05))) y1=(px(cy)) x2=(px(x(w.q95))) y2=(px(cy)) stroke=(colour) stroke-width="2" {}
                    line x1=(px(x(w.q05))) y1=(px(cy - 4.0)) x2=(px(x(w.q05))) y2=(px(cy + 4.0)) stroke=(colour) stroke-width="2" {}
                    line x1=(px(x(w.q95))) y1=(px(cy - 4.0)) x2=(px(x(w.q95))) y2=(px(cy + 4.0)) stroke=(colour) stroke-width="2" {}
                    circle cx=(px(x(w.q50))) cy=(px(cy)) r="4" fill=(colour) {}
                    rect x=(px(p0)) y=(px(cy - 5.0)) width=(px(WH_PBAR)) height="10" class="need" {}
                    rect x=(px(p0)) y=(px(cy - 5.0)) width=(px(w.p_met.clamp(0.0, 1.0) * WH_PBAR)) height="10" fill=(colour) {}
                    text x=(px(p0 + WH_PBAR + 6.0)) y=(px(cy + 4.0)) class="value" { (pct(w.p_met)) }
                }
            });
        }
        y += row_h;
    }
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width=(px(width)) height=(px(height)) viewBox={ "0 0 " (px(width)) " " (px(height)) } {
            title { (chart.title) }
            @for (i, name) in chart.series.iter().enumerate() {
                line x1=(px(WH_LABEL + i as f64 * 200.0)) y1="10" x2=(px(WH_LABEL + 20.0 + i as f64 * 200.0)) y2="10" stroke=(COLOURS[i % COLOURS.len()]) stroke-width="2" {}
                circle cx=(px(WH_LABEL + 10.0 + i as f64 * 200.0)) cy="10" r="4" fill=(COLOURS[i % COLOURS.len()]) {}
                text x=(px(WH_LABEL + 26.0 + i as f64 * 200.0)) y="14" class="legend" { (name) }
            }
            text x=(px(WH_LABEL)) y=(px(top - 8.0)) class="axis" { "coverage: 5–95% range, dot at the median" }
            text x=(px(p0)) y=(px(top - 8.0)) class="axis" { "P(met)" }
            @for t in SHARE_TICKS {
                line x1=(px(x(t))) y1=(px(top - 2.0)) x2=(px(x(t))) y2=(px(bottom)) class=(if t >= 1.0 { "req" } else { "grid" }) {}
                text x=(px(x(t))) y=(px(bottom + 14.0)) text-anchor="middle" class="axis" { (format!("{:.0}%", t * 100.0)) }
            }
            text x=(px(x(1.0))) y=(px(bottom + 28.0)) text-anchor="middle" class="legend" { "requirement" }
            @for item in &items { (item) }
        }
    }
}

/// One input of a tornado chart: the mean output with the input on its low and high side.
#[derive(Debug, Clone, PartialEq)]
pub struct TornadoRow {
    pub label: String,
    /// What the sides mean (`not honoured`, `honoured`).
    pub low_label: String,
    pub high_label: String,
    pub low: f64,
    pub high: f64,
}

/// A tornado chart: bars from the output's mean to its mean on each side of each input,
/// largest swing first.
#[derive(Debug, Clone, PartialEq)]
pub struct TornadoChart {
    pub title: String,
    /// The output's mean over all evaluations: where the bars start.
    pub mean: f64,
    /// Values are shares (0..1) to print as percentages; otherwise plain numbers.
    pub percent: bool,
    pub rows: Vec<TornadoRow>,
}

const TO_LABEL: f64 = 260.0;
const TO_PLOT: f64 = 400.0;
const TO_TEXT: f64 = 320.0;
const TO_BAR: f64 = 16.0;
const TO_ROW: f64 = 24.0;
const LOW_COLOUR: &str = "#b5523b";
const HIGH_COLOUR: &str = "#1f5f8b";

/// Renders a tornado chart.
pub fn tornado_chart(chart: &TornadoChart) -> Markup {
    let fmt = |v: f64| {
        if chart.percent { pct(v) } else { fmt_num(v) }
    };
    let mut lo = chart.mean;
    let mut hi = chart.mean;
    for r in &chart.rows {
        lo = lo.min(r.low).min(r.high);
        hi = hi.max(r.low).max(r.high);
    }
    if chart.percent {
        lo = lo.max(0.0);
        hi = hi.min(1.0);
    }
    let span = if hi - lo > 1e-12 { hi - lo } else { 1.0 };
    let (lo, hi) = (lo - span * 0.05, hi + span * 0.05);
    let x = |v: f64| TO_LABEL + (v - lo) / (hi - lo) * TO_PLOT;
    let top = 30.0;
    let bottom = top + chart.rows.len() as f64 * TO_ROW;
    let height = bottom + 36.0;
    let width = TO_LABEL + TO_PLOT + TO_TEXT;
    let (ticks, step) = nice_ticks(lo, hi);
    let tick_label = |v: f64| {
        if chart.percent {
            // Whole percentages unless the steps are finer.
            let decimals = if step * 100.0 >= 1.0 - 1e-9 { 0 } else { 1 };
            format!("{:.*}%", decimals, v * 100.0)
        } else {
            fmt_num(v)
        }
    };
    let xm = x(chart.mean);
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width=(px(width)) height=(px(height)) viewBox={ "0 0 " (px(width)) " " (px(height)) } {
            title { (chart.title) }
            rect x=(px(TO_LABEL)) y="4" width="12" height="12" fill=(LOW_COLOUR) {}
            text x=(px(TO_LABEL + 16.0)) y="14" class="legend" { "low side (not honoured, does not happen, below median)" }
            rect x=(px(TO_LABEL + 400.0)) y="4" width="12" height="12" fill=(HIGH_COLOUR) {}
            text x=(px(TO_LABEL + 416.0)) y="14" class="legend" { "high side (honoured, happens, above median)" }
            @for t in &ticks {
                line x1=(px(x(*t))) y1=(px(top - 4.0)) x2=(px(x(*t))) y2=(px(bottom)) class="grid" {}
                text x=(px(x(*t))) y=(px(bottom + 14.0)) text-anchor="middle" class="axis" { (tick_label(*t)) }
            }
            @for (i, r) in chart.rows.iter().enumerate() {
                @let by = top + i as f64 * TO_ROW + (TO_ROW - TO_BAR) / 2.0;
                g {
                    title { (r.label) ": " (r.low_label) " " (fmt(r.low)) ", " (r.high_label) " " (fmt(r.high)) }
                    text x=(px(TO_LABEL - 8.0)) y=(px(by + TO_BAR - 4.0)) text-anchor="end" class="label" { (r.label) }
                    // The longer side first, so a short bar on the same side stays visible.
                    @for (v, colour) in sides(r) {
                        rect x=(px(x(v).min(xm))) y=(px(by)) width=(px((x(v) - xm).abs())) height=(px(TO_BAR)) fill=(colour) {}
                    }
                    text x=(px(TO_LABEL + TO_PLOT + 10.0)) y=(px(by + TO_BAR - 4.0)) class="value" {
                        (r.low_label) " " (fmt(r.low)) " · " (r.high_label) " " (fmt(r.high))
                    }
                }
            }
            line x1=(px(xm)) y1=(px(top - 4.0)) x2=(px(xm)) y2=(px(bottom)) class="mean" {}
            text x=(px(xm)) y=(px(bottom + 28.0)) text-anchor="middle" class="legend" { "mean " (fmt(chart.mean)) }
        }
    }
}

/// Round tick values (steps of 1, 2, 2.5 or 5 times a power of ten), three to six of them over
/// `lo..=hi`, and the step.
pub fn nice_ticks(lo: f64, hi: f64) -> (Vec<f64>, f64) {
    let raw = (hi - lo) / 4.0;
    if !(raw > 0.0 && raw.is_finite()) {
        return (vec![lo], 1.0);
    }
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let step = mag
        * if norm <= 1.5 {
            1.0
        } else if norm <= 2.25 {
            2.0
        } else if norm <= 3.5 {
            2.5
        } else if norm <= 7.5 {
            5.0
        } else {
            10.0
        };
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    ((first..=last).map(|k| k as f64 * step).collect(), step)
}

fn sides(r: &TornadoRow) -> [(f64, &'static str); 2] {
    if (r.low).abs() >= (r.high).abs() {
        [(r.low, LOW_COLOUR), (r.high, HIGH_COLOUR)]
    } else {
        [(r.high, HIGH_COLOUR), (r.low, LOW_COLOUR)]
    }
}

/// One contributor's burden: pledged in force, added by an allocation, and its fair share.
#[derive(Debug, Clone, PartialEq)]
pub struct BurdenRow {
    pub label: String,
    pub pledged: f64,
    pub added: f64,
    pub fair: Option<f64>,
}

/// Burden per contributor as stacked bars (pledged, then added) with a tick at the fair share.
#[derive(Debug, Clone, PartialEq)]
pub struct BurdenChart {
    pub title: String,
    /// The unit of every figure (`EUR m/yr`).
    pub unit: String,
    pub rows: Vec<BurdenRow>,
}

const BU_LABEL: f64 = 120.0;
const BU_PLOT: f64 = 480.0;
const BU_TEXT: f64 = 380.0;
const BU_ROW: f64 = 22.0;
const PLEDGED_COLOUR: &str = "#9fbcd4";
const ADDED_COLOUR: &str = "#d0803a";

/// A burden rounded to whole units: the cost weights are not precise to a fraction.
fn whole(x: f64) -> String {
    fmt_num(x.round())
}

/// Renders the burden chart.
pub fn burden_chart(chart: &BurdenChart) -> Markup {
    let max = chart
        .rows
        .iter()
        .map(|r| (r.pledged + r.added).max(r.fair.unwrap_or(0.0)))
        .fold(0.0, f64::max);
    let max = if max > 0.0 { max } else { 1.0 };
    let w = |v: f64| v.max(0.0) / max * BU_PLOT;
    let top = 26.0;
    let bottom = top + chart.rows.len() as f64 * BU_ROW;
    let height = bottom + 12.0;
    let width = BU_LABEL + BU_PLOT + BU_TEXT;
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width=(px(width)) height=(px(height)) viewBox={ "0 0 " (px(width)) " " (px(height)) } {
            title { (chart.title) }
            rect x=(px(BU_LABEL)) y="4" width="12" height="12" fill=(PLEDGED_COLOUR) {}
            text x=(px(BU_LABEL + 16.0)) y="14" class="legend" { "pledged in force" }
            rect x=(px(BU_LABEL + 140.0)) y="4" width="12" height="12" fill=(ADDED_COLOUR) {}
            text x=(px(BU_LABEL + 156.0)) y="14" class="legend" { "added by the allocation" }
            line x1=(px(BU_LABEL + 330.0)) y1="3" x2=(px(BU_LABEL + 330.0)) y2="17" class="fair" {}
            text x=(px(BU_LABEL + 336.0)) y="14" class="legend" { "fair share" }
            @for (i, r) in chart.rows.iter().enumerate() {
                @let by = top + i as f64 * BU_ROW + 3.0;
                g {
                    text x=(px(BU_LABEL - 8.0)) y=(px(by + 12.0)) text-anchor="end" class="label" { (r.label) }
                    rect x=(px(BU_LABEL)) y=(px(by)) width=(px(w(r.pledged))) height="15" fill=(PLEDGED_COLOUR) {}
                    rect x=(px(BU_LABEL + w(r.pledged))) y=(px(by)) width=(px(w(r.added))) height="15" fill=(ADDED_COLOUR) {}
                    @if let Some(f) = r.fair {
                        line x1=(px(BU_LABEL + w(f))) y1=(px(by - 2.0)) x2=(px(BU_LABEL + w(f))) y2=(px(by + 17.0)) class="fair" {}
                    }
                    text x=(px(BU_LABEL + BU_PLOT + 10.0)) y=(px(by + 12.0)) class="value" {
                        (whole(r.pledged))
                        @if r.added > 0.0 { " + " (whole(r.added)) " = " (whole(r.pledged + r.added)) }
                        " " (chart.unit)
                        @if let Some(f) = r.fair { "; fair share " (whole(f)) }
                    }
                }
            }
        }
    }
}

/// How a statement's stance is drawn on the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StanceMark {
    /// Offers, commits, supports: a circle.
    For,
    /// Considers, demands: a diamond.
    Conditional,
    /// Rules out, rejects, opposes, doubts: a square.
    Against,
}

impl StanceMark {
    fn colour(self) -> &'static str {
        match self {
            StanceMark::For => "#1d6b2f",
            StanceMark::Conditional => "#b07800",
            StanceMark::Against => "#a31515",
        }
    }
}

/// One statement on the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineMark {
    /// Days since 1970-01-01.
    pub day: i64,
    pub stance: StanceMark,
    /// Hedged statements are drawn hollow.
    pub hedged: bool,
    /// Where the marker links to (an anchor in the page).
    pub href: String,
    /// The tooltip: date, stance, quote.
    pub title: String,
}

/// One actor's statements, in date order.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineRow {
    pub label: String,
    pub marks: Vec<TimelineMark>,
}

/// Statements per actor over time.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineChart {
    pub title: String,
    /// First and last day of the axis (days since 1970-01-01).
    pub start: i64,
    pub end: i64,
    /// Gridlines: day and label.
    pub ticks: Vec<(i64, String)>,
    pub rows: Vec<TimelineRow>,
}

const TL_LABEL: f64 = 170.0;
const TL_PLOT: f64 = 740.0;
const TL_PAD: f64 = 40.0;
const TL_STACK: f64 = 12.0;

fn marker(m: StanceMark, hedged: bool, cx: f64, cy: f64) -> Markup {
    let colour = m.colour();
    let fill = if hedged { "#fff" } else { colour };
    html! {
        @match m {
            StanceMark::For => circle cx=(px(cx)) cy=(px(cy)) r="4.5" fill=(fill) stroke=(colour) stroke-width="1.8" {},
            StanceMark::Conditional => polygon points=(format!("{},{} {},{} {},{} {},{}", px(cx), px(cy - 5.5), px(cx + 5.5), px(cy), px(cx), px(cy + 5.5), px(cx - 5.5), px(cy))) fill=(fill) stroke=(colour) stroke-width="1.8" {},
            StanceMark::Against => rect x=(px(cx - 4.0)) y=(px(cy - 4.0)) width="8" height="8" fill=(fill) stroke=(colour) stroke-width="1.8" {},
        }
    }
}

/// The stack slot of each marker at `xs` (in date order): a marker closer than [`TL_STACK`] to
/// the first marker of the current stack goes on top of it, otherwise it starts a new stack.
fn stack_slots(xs: impl Iterator<Item = f64>) -> Vec<usize> {
    let mut out = Vec::new();
    let mut start = f64::NEG_INFINITY;
    let mut k = 0;
    for x in xs {
        if x - start < TL_STACK {
            k += 1;
        } else {
            start = x;
            k = 0;
        }
        out.push(k);
    }
    out
}

/// Renders the stance timeline: one row per actor, a marker per statement at its date (shape
/// and colour by stance, hollow when hedged, statements of one day stacked), each a link.
pub fn timeline_chart(chart: &TimelineChart) -> Markup {
    let span = (chart.end - chart.start).max(1) as f64;
    let x = |day: i64| TL_LABEL + 10.0 + (day - chart.start) as f64 / span * (TL_PLOT - 20.0);
    let top = 30.0;
    let mut y = top;
    let mut items: Vec<Markup> = Vec::new();
    for (i, row) in chart.rows.iter().enumerate() {
        // Markers that would touch (closer than a marker's width) are stacked, each still at its
        // own date: the row is as tall as its largest stack.
        let slots = stack_slots(row.marks.iter().map(|m| x(m.day)));
        let deepest = slots.iter().copied().max().map_or(1, |k| k + 1) as f64;
        let row_h = deepest * TL_STACK + 8.0;
        let mut marks: Vec<Markup> = Vec::new();
        for (m, &k) in row.marks.iter().zip(&slots) {
            let cy = y + 4.0 + TL_STACK / 2.0 + k as f64 * TL_STACK;
            marks.push(html! {
                a href=(m.href) {
                    title { (m.title) }
                    (marker(m.stance, m.hedged, x(m.day), cy))
                }
            });
        }
        items.push(html! {
            @if i % 2 == 0 {
                rect x="0" y=(px(y)) width=(px(TL_LABEL + TL_PLOT)) height=(px(row_h)) class="stripe" {}
            }
            text x=(px(TL_LABEL - 8.0)) y=(px(y + row_h / 2.0 + 4.0)) text-anchor="end" class="label" { (row.label) }
            @for m in &marks { (m) }
        });
        y += row_h;
    }
    let bottom = y;
    let height = bottom + 24.0;
    let width = TL_LABEL + TL_PLOT + TL_PAD;
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width=(px(width)) height=(px(height)) viewBox={ "0 0 " (px(width)) " " (px(height)) } {
            title { (chart.title) }
            (marker(StanceMark::For, false, TL_LABEL + 6.0, 10.0))
            text x=(px(TL_LABEL + 16.0)) y="14" class="legend" { "offers, commits, supports" }
            (marker(StanceMark::Conditional, false, TL_LABEL + 196.0, 10.0))
            text x=(px(TL_LABEL + 206.0)) y="14" class="legend" { "considers, demands" }
            (marker(StanceMark::Against, false, TL_LABEL + 346.0, 10.0))
            text x=(px(TL_LABEL + 356.0)) y="14" class="legend" { "rules out, rejects, opposes, doubts" }
            (marker(StanceMark::For, true, TL_LABEL + 586.0, 10.0))
            text x=(px(TL_LABEL + 596.0)) y="14" class="legend" { "hollow: hedged" }
            @for item in &items { (item) }
            @for (day, label) in &chart.ticks {
                line x1=(px(x(*day))) y1=(px(top - 4.0)) x2=(px(x(*day))) y2=(px(bottom)) class="grid" {}
                text x=(px(x(*day))) y=(px(bottom + 14.0)) text-anchor="middle" class="axis" { (label) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_few() {
        assert_eq!(
            nice_ticks(0.185, 0.29),
            (vec![0.2, 0.225, 0.25, 0.275], 0.025)
        );
        let (t, step) = nice_ticks(3500.0, 8000.0);
        assert_eq!(
            (t, step),
            (vec![4000.0, 5000.0, 6000.0, 7000.0, 8000.0], 1000.0)
        );
        for (lo, hi) in [(0.0, 1.0), (0.13, 0.41), (2.0, 2.5), (-3.0, 170.0)] {
            let (t, _) = nice_ticks(lo, hi);
            assert!((3..=6).contains(&t.len()), "{lo}..{hi}: {t:?}");
        }
    }

    #[test]
    fn zero_requirement_counts_as_covered() {
        assert_eq!(share(5.0, 0.0), 1.0);
        assert_eq!(share(2.0, 8.0), 0.25);
    }

    #[test]
    fn labels_are_escaped() {
        let chart = BarChart {
            title: "<script>t</script>".into(),
            series: vec!["a\" onload=\"x".into()],
            rows: vec![BarRow {
                group: Some("<img src=x onerror=alert(1)>".into()),
                label: "</text><script>".into(),
                unit: "&".into(),
                required: 8.0,
                pledged: vec![2.0],
            }],
        };
        let svg = bar_chart(&chart).into_string();
        assert!(!svg.contains("<script"), "{svg}");
        assert!(!svg.contains("<img"), "{svg}");
        assert!(svg.contains("&lt;script&gt;t&lt;/script&gt;"));
        assert!(svg.contains("&amp;"));
    }

    #[test]
    fn small_chart_snapshot() {
        let chart = BarChart {
            title: "Air defence".into(),
            series: vec!["as assessed".into(), "without USA".into()],
            rows: vec![BarRow {
                group: Some("American backstop".into()),
                label: "air_defence".into(),
                unit: "batteries".into(),
                required: 8.0,
                pledged: vec![2.0, 0.0],
            }],
        };
        insta::assert_snapshot!(bar_chart(&chart).into_string());
    }
}

/// One bar of a score chart: a package and its credibility score (0 to 1).
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRow {
    pub label: String,
    pub score: f64,
    /// Drawn in the package colour (the scenario, and the scenario without a contributor);
    /// reference arrangements are drawn grey.
    pub highlight: bool,
}

/// Horizontal bars of scores on a 0..1 axis, best first as given.
pub fn score_chart(title: &str, rows: &[ScoreRow]) -> Markup {
    const W: f64 = 420.0;
    // Names of arrangements are long: size the label column to the longest (about 6.5 px per
    // character at the chart's 12 px font) so none is clipped.
    let longest = rows
        .iter()
        .map(|r| r.label.chars().count())
        .max()
        .unwrap_or(0);
    let label_w = (longest as f64 * 6.5 + 16.0).max(LABEL_W);
    let height = 30.0 + rows.len() as f64 * (BAR_H + ROW_GAP) + 20.0;
    let width = label_w + W + 70.0;
    let x = |s: f64| label_w + s.clamp(0.0, 1.0) * W;
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width=(px(width)) height=(px(height)) viewBox={ "0 0 " (px(width)) " " (px(height)) } {
            title { (title) }
            @for t in SHARE_TICKS {
                line x1=(px(x(t))) y1="18" x2=(px(x(t))) y2=(px(height - 20.0)) class="grid" {}
                text x=(px(x(t))) y=(px(height - 6.0)) text-anchor="middle" class="legend" { (format!("{t:.2}")) }
            }
            @for (i, row) in rows.iter().enumerate() {
                @let y = 24.0 + i as f64 * (BAR_H + ROW_GAP);
                text x=(px(label_w - 8.0)) y=(px(y + BAR_H - 3.0)) text-anchor="end" class="label" { (row.label) }
                rect x=(px(label_w)) y=(px(y)) width=(px(x(row.score) - label_w)) height=(px(BAR_H))
                    fill=(if row.highlight { COLOURS[0] } else { "#9a9a9a" }) {
                    title { (row.label) ": " (format!("{:.3}", row.score)) }
                }
                text x=(px(x(row.score) + 6.0)) y=(px(y + BAR_H - 3.0)) class="value" { (format!("{:.2}", row.score)) }
            }
        }
    }
}
