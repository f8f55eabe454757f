//! The HTML report of `guarantor report`: one self-contained page an analyst can open offline,
//! mail or archive.
//!
//! It holds server-rendered SVG charts (coverage against requirement per capability and per
//! layer, as assessed and without one contributor), the tables of the text report (requirements
//! with their formulas, contributors against capacity, red lines, lapsed pledges), credibility,
//! and, when the caller computed them, the robustness distributions and the sensitivity tornado
//! ([`crate::robustness`]), the allocation that closes the gaps ([`crate::allocation`]) and the
//! stance timeline of the evidence ledger ([`crate::timeline`]); then every source the scenario
//! cites, with web addresses made into links.
//!
//! Scenario strings are untrusted: everything goes through maud, which escapes text and
//! attributes, and the page carries a Content-Security-Policy that allows one script, the chart
//! downloads of [`DOWNLOAD_JS`], by its SHA-256 hash, so a string that slipped through still
//! could not run. That script only saves a chart as SVG or PNG when its button is pressed (the
//! page reads the same with scripts disabled). The page has no external script, style, font or
//! image, and no clock: the same inputs give the same bytes. It is not the interactive dashboard
//! (that is `guarantor serve`).

use guarantor_credibility::Credibility;
use guarantor_engine::{Assessment, fmt_amount, fmt_capacity, fmt_need, fmt_num};
use guarantor_model::Scenario;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use sha2::{Digest, Sha256};

pub use crate::allocation::AllocationSection;
use crate::findings::{Findings, findings};
use crate::names::Names;
pub use crate::robustness::RobustnessSection;
use crate::svg::{BarChart, BarRow, bar_chart};
pub use crate::timeline::{ArticleLink, TimelineSection};

/// The assessment without one contributor, set beside the main one in the charts.
#[derive(Debug, Clone, Copy)]
pub struct Without<'a> {
    pub code: &'a str,
    pub assessment: &'a Assessment,
}

/// Everything the page shows.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    pub scenario: &'a Scenario,
    pub assessment: &'a Assessment,
    pub without: Option<Without<'a>>,
    /// Named in the footer (`guarantor 0.1.0`); no date, so the output is reproducible.
    pub generator: &'a str,
    /// The credibility indicators, for the package and without the contributor.
    pub credibility: Option<CredibilitySection<'a>>,
    /// Monte Carlo and sensitivity; `None` says on the page how to get them.
    pub robustness: Option<RobustnessSection<'a>>,
    /// The allocation that closes the gaps; `None` says on the page how to get it.
    pub allocation: Option<AllocationSection<'a>>,
    /// The evidence ledger (`--db`); `None` says on the page how to get it.
    pub timeline: Option<TimelineSection<'a>>,
    /// Earlier (and later) states of the guarantee (`--timeline FILE`); `None` leaves the section
    /// out.
    pub sequence: Option<&'a crate::sequence::Sequence>,
}

/// Credibility indicators as assessed, and without the chosen contributor.
#[derive(Debug, Clone, Copy)]
pub struct CredibilitySection<'a> {
    pub package: &'a Credibility,
    pub without: Option<&'a Credibility>,
    /// The reference arrangements (`scenarios/references/`), scored with the same weights; empty
    /// leaves the comparison out.
    pub references: &'a [Credibility],
}

/// The score chart's rows: the package, the package without a contributor (labelled by whom it
/// lacks), and the references, best first (a stable sort keeps ties in file order). The report
/// and the dashboard's credibility chart both take their rows from here.
pub fn score_rows(
    package: &Credibility,
    without: Option<(&Credibility, &str)>,
    references: &[Credibility],
) -> Vec<crate::svg::ScoreRow> {
    let mut rows = vec![crate::svg::ScoreRow {
        label: "this package".to_string(),
        score: package.score,
        highlight: true,
    }];
    if let Some((w, label)) = without {
        rows.push(crate::svg::ScoreRow {
            label: format!("this package without {label}"),
            score: w.score,
            highlight: true,
        });
    }
    rows.extend(references.iter().map(|x| crate::svg::ScoreRow {
        label: x.name.clone(),
        score: x.score,
        highlight: false,
    }));
    rows.sort_by(|a, b| b.score.total_cmp(&a.score));
    rows
}

/// One source text and what cites it.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceUse {
    pub text: String,
    pub cited_by: Vec<String>,
}

/// Every source string of the scenario, first appearance first, with what cites it (in words:
/// missions, capabilities and contributors by their names).
pub fn sources(s: &Scenario) -> Vec<SourceUse> {
    let n = Names::new(s);
    let mut out: Vec<SourceUse> = Vec::new();
    let mut add = |text: &str, by: String| {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        match out.iter_mut().find(|u| u.text == text) {
            Some(u) => {
                if !u.cited_by.contains(&by) {
                    u.cited_by.push(by);
                }
            }
            None => out.push(SourceUse {
                text: text.to_string(),
                cited_by: vec![by],
            }),
        }
    };
    add(&s.meta.default_rotation.source, "default rotation".into());
    if let Some(a) = &s.theatre.area_km2 {
        add(&a.source, "theatre area".into());
    }
    if let Some(p) = &s.theatre.population {
        add(&p.source, "theatre population".into());
    }
    for l in &s.theatre.lines {
        add(&l.source, format!("line: {}", l.name));
    }
    for site in &s.theatre.sites {
        add(&site.source, format!("site: {}", site.name));
    }
    for e in &s.events {
        add(&e.source, format!("event: {}", e.description));
    }
    for m in &s.missions {
        add(&m.rotation_source, format!("rotation of {}", m.name));
        for r in &m.requirements {
            add(
                &r.source,
                format!("requirement: {}, {}", m.name, n.capability(&r.capability)),
            );
        }
    }
    for c in &s.contributors {
        if let Some(g) = &c.gdp_usd_bn {
            add(&g.source, format!("GDP of {}", c.name));
        }
        if let Some(f) = &c.fair_share {
            add(&f.source, format!("fair share of {}", c.name));
        }
        for cap in &c.capacity {
            add(
                &cap.source,
                format!("capacity of {}, {}", c.name, n.capability(&cap.capability)),
            );
        }
    }
    for p in &s.pledges {
        for src in &p.sources {
            add(src, format!("pledge: {}", n.pledge(&p.id)));
        }
    }
    for r in &s.red_lines {
        add(
            &r.source,
            format!("red line of {}", n.contributor(&r.party)),
        );
    }
    out
}

/// A piece of a source text: plain words, or a web address to link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Link(&'a str),
}

/// Splits a text at its `http://` and `https://` addresses. Only those two schemes become links,
/// so a `javascript:` address in a scenario stays plain text.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        let start = [rest.find("https://"), rest.find("http://")]
            .into_iter()
            .flatten()
            .min();
        let Some(start) = start else {
            if !rest.is_empty() {
                out.push(Piece::Text(rest));
            }
            return out;
        };
        if start > 0 {
            out.push(Piece::Text(&rest[..start]));
        }
        let tail = &rest[start..];
        let mut end = tail
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '<' | '>'))
            .unwrap_or(tail.len());
        // Sentence punctuation after an address belongs to the sentence.
        while end > 0 && tail[..end].ends_with(['.', ',', ';', ':', ')', ']', '\'']) {
            end -= 1;
        }
        let scheme_len = if tail.starts_with("https://") { 8 } else { 7 };
        if end <= scheme_len {
            out.push(Piece::Text(&tail[..scheme_len]));
            rest = &tail[scheme_len..];
        } else {
            out.push(Piece::Link(&tail[..end]));
            rest = &tail[end..];
        }
    }
}

fn linked(text: &str) -> Markup {
    html! {
        @for piece in pieces(text) {
            @match piece {
                Piece::Text(t) => (t),
                Piece::Link(url) => a href=(url) rel="noreferrer noopener" { (url) },
            }
        }
    }
}

fn gap_cell(gap: f64, unit: &str) -> Markup {
    html! {
        @if gap > 0.0 { span.gap { "−" (fmt_need(gap, unit)) } } @else { span.ok { "ok" } }
    }
}

/// The series of the charts: as assessed, then without the chosen contributor.
fn series(r: &Report) -> Vec<String> {
    let n = Names::new(r.scenario);
    let mut s = vec![if r.assessment.scenario.without.is_empty() {
        "as assessed".to_string()
    } else {
        format!(
            "without {}",
            without_names(&n, &r.assessment.scenario.without)
        )
    }];
    if let Some(w) = r.without {
        s.push(if r.assessment.scenario.without.is_empty() {
            format!("without {}", n.contributor(w.code))
        } else {
            format!("also without {}", n.contributor(w.code))
        });
    }
    s
}

/// Contributors removed with `--without`, by name.
fn without_names(n: &Names, codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| n.contributor(c))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Coverage per capability over the whole package.
pub fn capability_chart(r: &Report) -> BarChart {
    let n = Names::new(r.scenario);
    let rows = r
        .assessment
        .capabilities
        .iter()
        .map(|c| {
            // Pledged to requirements, surplus left out: the bar shows how much of the need is met.
            let mut pledged = vec![(c.required - c.gap).max(0.0)];
            if let Some(w) = r.without {
                let other = w
                    .assessment
                    .capabilities
                    .iter()
                    .find(|o| o.capability == c.capability)
                    .map_or(0.0, |o| (o.required - o.gap).max(0.0));
                pledged.push(other);
            }
            BarRow {
                group: None,
                label: n.capability(&c.capability),
                unit: c.unit.clone(),
                required: c.required,
                pledged,
            }
        })
        .filter(|row| row.required > 0.0)
        .collect();
    BarChart {
        title: "Coverage against requirement per capability".into(),
        series: series(r),
        rows,
    }
}

/// Coverage per capability within each layer.
pub fn layer_chart(r: &Report) -> BarChart {
    let n = Names::new(r.scenario);
    let mut rows = Vec::new();
    for layer in &r.assessment.layers {
        let mut first = true;
        for c in &layer.capabilities {
            if c.required <= 0.0 {
                continue;
            }
            let mut pledged = vec![(c.required - c.gap).max(0.0)];
            if let Some(w) = r.without {
                let other = w
                    .assessment
                    .layers
                    .iter()
                    .find(|l| l.layer == layer.layer)
                    .and_then(|l| l.capabilities.iter().find(|o| o.capability == c.capability))
                    .map_or(0.0, |o| (o.required - o.gap).max(0.0));
                pledged.push(other);
            }
            rows.push(BarRow {
                group: first.then(|| layer.name.clone()),
                label: n.capability(&c.capability),
                unit: c.unit.clone(),
                required: c.required,
                pledged,
            });
            first = false;
        }
    }
    BarChart {
        title: "Coverage against requirement per layer".into(),
        series: series(r),
        rows,
    }
}

/// The chart downloads: a click on a chart's SVG or PNG button saves that chart as a file that
/// stands alone (styles inlined; the PNG at twice the size). The report inlines it; the dashboard
/// serves it ahead of its own script, so both pages save charts the same way.
pub const DOWNLOAD_JS: &str = include_str!("download.js");

/// A chart with its two download buttons. `file` names the saved file (`coverage-by-capability`
/// gives `coverage-by-capability.svg` and `.png`); it is a fixed name chosen by the caller, never
/// scenario text.
pub fn chart_figure(file: &str, chart: Markup) -> Markup {
    html! {
        figure.chartfig data-chart=(file) {
            (chart)
            figcaption.downloads {
                "Download this chart: "
                button type="button" data-download="svg" title={ "Save as " (file) ".svg" } { "SVG" }
                " "
                button type="button" data-download="png" title={ "Save as " (file) ".png, at twice the size" } { "PNG" }
            }
        }
    }
}

/// The `script-src` source of [`DOWNLOAD_JS`]: its SHA-256 hash in base64 (CSP level 2).
pub fn download_script_hash() -> String {
    format!(
        "'sha256-{}'",
        base64(&Sha256::digest(DOWNLOAD_JS.as_bytes()))
    )
}

/// Standard base64 with padding (RFC 4648 §4), for the CSP hash: too small for a dependency.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

const STYLE: &str = "
body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0 auto;max-width:1100px;padding:1.5em;color:#1b1b1b}
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5em 0 1em;font-size:.92em}
th,td{border-bottom:1px solid #e3e3e3;padding:.25em .6em;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.gap{color:#a31515;font-weight:600}.ok{color:#1d6b2f}
.summary{background:#f4f6f8;padding:.6em 1em;border-left:4px solid #1f5f8b}
svg.chart{max-width:100%;height:auto;font:12px system-ui,sans-serif}
svg .need{fill:#eceff2;stroke:#c8ccd0}svg .req{stroke:#a31515;stroke-dasharray:4 3}
svg .group{font-weight:700}svg .value{fill:#333}svg .axis{fill:#555;font-size:11px}
svg .grid{stroke:#e3e3e3}svg .mean{stroke:#333;stroke-dasharray:3 3}svg .fair{stroke:#111;stroke-width:2}
svg .stripe{fill:#f6f7f9}svg a:hover circle,svg a:hover rect,svg a:hover polygon{stroke-width:3}
tr:target{background:#fff4c2}table.quotes td{font-size:.95em}td.date{white-space:nowrap}
.src{font-size:.9em}.src li{margin:.2em 0}.cited{color:#666}
footer{margin-top:3em;color:#666;font-size:.85em}
.wide{overflow-x:auto}
figure.chartfig{margin:.5em 0 1em}figcaption.downloads{font-size:.85em;color:#555}
figcaption.downloads button{font:inherit;color:#1f5f8b;background:none;border:1px solid #c8ccd0;border-radius:3px;padding:0 .5em;cursor:pointer}
@media print{figcaption.downloads{display:none}}
";

/// The key findings, first on the page: the summary sentence, the largest gaps, what the
/// backstop carries, red lines crossed and what changes without the contributors that matter
/// most, all computed from the results ([`crate::findings`]).
fn key_findings(f: &Findings, names: &Names) -> Markup {
    html! {
        h2 id="findings" { "Key findings" }
        p.summary id="summary" { (f.summary.text) }
        @if !f.gaps.is_empty() {
            h3 { "Largest gaps" }
            ul.findings { @for g in &f.gaps { li { (g.text) "." } } }
        }
        @if let Some(b) = &f.backstop {
            h3 { "What the backstop carries: " (names.contributor(&b.code)) }
            @if b.items.is_empty() { p { (b.text) } } @else {
                p { "Without " (names.contributor(&b.code)) ", " (b.items.len())
                    (if b.items.len() == 1 { " requirement would lose cover" } else { " requirements would lose cover" })
                    @match b.more_lapsed { 0 => ".", 1 => "; one more pledge lapses, as its condition wanted it.", n => { "; " (n) " more pledges lapse, as their conditions wanted it." } } }
                ul.findings { @for i in &b.items { li { (i) } } }
            }
        }
        h3 { "Red lines" }
        @if f.red_lines.is_empty() { p { "No red line is crossed." } } @else {
            ul.findings { @for l in &f.red_lines { li { (l) } } }
        }
        @if !f.without.is_empty() {
            h3 { "Without each major contributor" }
            ul.findings { @for w in &f.without { li { (w.text) } } }
        }
    }
}

/// The sections of the page that are present, for the contents list: (anchor, title).
fn contents(r: &Report) -> Vec<(&'static str, &'static str)> {
    let mut out = vec![
        ("findings", "Key findings"),
        ("coverage-capability", "Coverage per capability"),
        ("coverage-layer", "Coverage per layer"),
        ("gaps", "Requirements and gaps"),
        ("requirements", "How each requirement was computed"),
        ("contributors", "Contributors against capacity"),
        ("red-lines", "Red lines"),
        ("lapsed", "Lapsed pledges"),
    ];
    if r.credibility.is_some() {
        out.push(("credibility", "Credibility indicators"));
    }
    if r.sequence.is_some() {
        out.push(("over-time", "How the guarantee changed"));
    }
    out.push(("robustness", "Robustness"));
    out.push(("sensitivity", "Sensitivity"));
    out.push(("allocation", "Closing the gaps"));
    out.push(("timeline", "Stance timeline"));
    out.push(("sources", "Sources"));
    out
}

/// Renders the whole page.
pub fn render(r: &Report) -> String {
    let a = r.assessment;
    let s = &a.scenario;
    let names = Names::new(r.scenario);
    let found = findings(r.scenario, a, &names);
    let sources = sources(r.scenario);
    let without_name = r.without.map(|w| names.contributor(w.code));
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content={ "default-src 'none'; script-src " (download_script_hash()) "; style-src 'unsafe-inline'; img-src data:" };
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "Guarantor report: " (s.name) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                h1 { (s.name) }
                p { "As of " (s.as_of) ". Pledged ranges count at their " strong { (s.quantity_basis) } " end."
                    @if !s.without.is_empty() { " Assessed without " (without_names(&names, &s.without)) "." } }
                @if !r.scenario.meta.description.trim().is_empty() { p { (r.scenario.meta.description.trim()) } }

                (key_findings(&found, &names))
                @if let Some(w) = r.without {
                    p { "Without " (names.contributor(w.code)) ": " (w.assessment.summary.met) " of " (w.assessment.summary.requirements)
                        " requirements met, " (w.assessment.summary.red_lines_violated) " red lines crossed, "
                        (w.assessment.summary.pledges_lapsed) " pledges lapsed." }
                }

                nav.contents aria-label="Contents" {
                    h2 { "Contents" }
                    ol { @for (id, title) in contents(r) { li { a href={ "#" (id) } { (title) } } } }
                }

                h2 id="coverage-capability" { "Coverage per capability" }
                p { "Each bar is the share of the requirement that pledges in force fill; the dashed line is the requirement. Figures in the capability's own unit are written beside the bar." }
                (chart_figure("coverage-by-capability", bar_chart(&capability_chart(r))))

                h2 id="coverage-layer" { "Coverage per layer" }
                (chart_figure("coverage-by-layer", bar_chart(&layer_chart(r))))

                h2 id="gaps" { "Requirements and gaps" }
                table {
                    thead { tr { th { "layer" } th { "mission" } th { "capability" } th { "unit" } th.n { "required" } th.n { "pledged" } th.n { "gap" }
                        @if let Some(wn) = &without_name { th.n { "gap without " (wn) } } } }
                    tbody {
                        @for row in &a.coverage {
                            tr {
                                td { (names.layer(&row.layer)) } td { (names.mission(&row.mission)) } td { (names.capability(&row.capability)) } td { (row.unit) }
                                td.n { (fmt_need(row.required, &row.unit)) } td.n { (fmt_amount(row.pledged, &row.unit)) } td.n { (gap_cell(row.gap, &row.unit)) }
                                @if let Some(w) = r.without {
                                    td.n {
                                        @match w.assessment.coverage.iter().find(|o| o.mission == row.mission && o.capability == row.capability) {
                                            Some(o) => (gap_cell(o.gap, &o.unit)),
                                            None => "–",
                                        }
                                    }
                                }
                            }
                        }
                    }
                }

                h2 id="requirements" { "How each requirement was computed" }
                table {
                    thead { tr { th { "mission" } th { "capability" } th { "formula" } th.n { "in place" } th.n { "rotation" } th.n { "to generate" } th { "source" } } }
                    tbody {
                        @for q in &a.requirements {
                            tr { td { (names.mission(&q.mission)) } td { (names.capability(&q.capability)) } td { (names.formula(q)) } td.n { (fmt_need(q.required, &q.unit)) }
                                td.n { "×" (fmt_num(q.rotation)) } td.n { (fmt_need(q.force_generation, &q.unit)) } td.src { (linked(&q.source)) } }
                        }
                    }
                }

                h2 id="contributors" { "Contributors against capacity" }
                table {
                    thead { tr { th { "contributor" } th { "capability" } th.n { "pledged" } th.n { "sustainable" } th.n { "deployable" } th.n { "use" } th { "status" } th { "capacity source" } } }
                    tbody {
                        @for c in &a.contributors {
                            tr {
                                td { (names.contributor(&c.code)) } td { (names.capability(&c.capability)) } td.n { (fmt_amount(c.pledged, &c.unit)) }
                                td.n { @if let Some(x) = c.capacity { (fmt_capacity(x, &c.unit)) } @else { "–" } }
                                td.n { @if let Some(x) = c.deployable { (fmt_capacity(x, &c.unit)) } @else { "–" } }
                                td.n { @if let Some(x) = c.share_of_capacity { (format!("{:.0}%", x * 100.0)) } @else { "–" } }
                                td { @if c.over_capacity { span.gap { "over sustainable capacity" } } @else if c.beyond_deployable { span.gap { "beyond deployable" } } @else { span.ok { "within" } } }
                                td.src { (linked(&c.capacity_source)) }
                            }
                        }
                    }
                }

                h2 id="red-lines" { "Red lines" }
                @if a.red_lines.is_empty() { p { "The scenario states no red lines." } } @else {
                    table {
                        thead { tr { th { "party" } th { "red line" } th { "status" } th { "why" } th { "source" } } }
                        tbody {
                            @for l in &a.red_lines {
                                tr { td { (names.contributor(&l.party)) } td { (names.rule(&l.text)) }
                                    td { @if l.violated { span.gap { "crossed" } } @else { span.ok { "respected" } } }
                                    td { (names.explanation(&l.explanation)) } td.src { (linked(&l.source)) " " (l.date) } }
                            }
                        }
                    }
                }

                h2 id="lapsed" { "Lapsed pledges" }
                @if a.lapsed.is_empty() { p { "No pledge lapsed: every condition holds." } } @else {
                    table {
                        thead { tr { th { "pledge" } th { "contributor" } th { "capability" } th { "condition" } th { "why" } } }
                        tbody { @for l in &a.lapsed { tr { td { (names.pledge(&l.pledge)) } td { (names.contributor(&l.contributor)) } td { (names.capability(&l.capability)) } td { (names.condition(&l.condition)) } td { (names.explanation(&l.explanation)) } } } }
                    }
                }
                @if let Some(w) = r.without {
                    h3 { "Lapsed without " (names.contributor(w.code)) }
                    @if w.assessment.lapsed.is_empty() { p { "None." } } @else {
                        table {
                            thead { tr { th { "pledge" } th { "contributor" } th { "capability" } th { "condition" } th { "why" } } }
                            tbody { @for l in &w.assessment.lapsed { tr { td { (names.pledge(&l.pledge)) } td { (names.contributor(&l.contributor)) } td { (names.capability(&l.capability)) } td { (names.condition(&l.condition)) } td { (names.explanation(&l.explanation)) } } } }
                        }
                    }
                }

                @if let Some(c) = r.credibility {
                    h2 id="credibility" { "Credibility indicators" }
                    p { "Package score " strong { (format!("{:.2}", c.package.score)) } " of 1"
                        @if let (Some(wn), Some(wc)) = (&without_name, c.without) { "; without " (wn) ": " strong { (format!("{:.2}", wc.score)) } }
                        ". A transparent weighted index (weights are judgements, data/credibility-weights.toml), not a probability of deterrence success." }
                    table {
                        thead { tr { th { "indicator" } th.n { "weight" } th.n { "score" }
                            @if let Some(wn) = &without_name { @if c.without.is_some() { th.n { "without " (wn) } } }
                            th { "value" } th { "why" } } }
                        tbody {
                            @for i in &c.package.indicators {
                                tr { td { (i.name) } td.n { (format!("{:.2}", i.weight)) } td.n { (format!("{:.2}", i.score)) }
                                    @if let Some(wc) = c.without {
                                        td.n { @match wc.indicator(&i.id) { Some(o) => (format!("{:.2}", o.score)), None => "–" } }
                                    }
                                    td { (i.value) } td.src { (linked(&i.evidence)) } }
                            }
                        }
                    }
                    @if !c.references.is_empty() {
                        h3 { "Against the reference arrangements" }
                        p { "The same ten indicators and weights applied to past and present arrangements (scenarios/references/), best first. A score places the package among them; it does not predict whether deterrence holds." }
                        (chart_figure("credibility-against-references", crate::svg::score_chart("Credibility score of the package and of the reference arrangements", &score_rows(c.package, c.without.zip(without_name.as_deref()), c.references))))
                        div.wide { table {
                            thead { tr { th { "indicator" }
                                th.n { (c.package.name) }
                                @for x in c.references { th.n { (x.name) } } } }
                            tbody {
                                @for i in &c.package.indicators {
                                    tr { td { (i.name) } td.n { (format!("{:.2}", i.score)) }
                                        @for x in c.references {
                                            td.n { @match x.indicator(&i.id) { Some(o) => (format!("{:.2}", o.score)), None => "–" } }
                                        } }
                                }
                                tr { td { strong { "score" } } td.n { strong { (format!("{:.2}", c.package.score)) } }
                                    @for x in c.references { td.n { strong { (format!("{:.2}", x.score)) } } } }
                            }
                        } }
                    }
                }

                @if let Some(seq) = r.sequence {
                    h2 id="over-time" { "How the guarantee changed" }
                    p { "Each state assessed with the same rules and weights: the mean share of each requirement that is pledged and in force, the share of requirements fully met, and the credibility score. " code { "guarantor compare A B" } " details any one step." }
                    (chart_figure("guarantee-over-time", PreEscaped(crate::sequence::svg(seq))))
                    table {
                        thead { tr { th { "as of" } th { "state" } th.n { "met" } th.n { "coverage" } th.n { "in force" } th.n { "lapsed" } th.n { "red lines crossed" } th.n { "credibility" } th { "largest gaps" } } }
                        tbody {
                            @for st in &seq.states {
                                tr {
                                    td { (st.as_of) } td { (st.name) }
                                    td.n { (st.met) " of " (st.requirements) }
                                    td.n { (format!("{:.0}%", st.mean_coverage * 100.0)) }
                                    td.n { (st.pledges_in_force) } td.n { (st.pledges_lapsed) } td.n { (st.red_lines_violated) }
                                    td.n { (format!("{:.2}", st.credibility)) }
                                    td { @for (i, g) in st.largest_gaps.iter().enumerate() { @if i > 0 { br; } (names.capability(&g.capability)) " in " (names.mission(&g.mission)) ": " (format!("{:.0}%", g.share * 100.0)) " missing" } }
                                }
                            }
                        }
                    }
                }

                (crate::robustness::robustness(r))
                (crate::robustness::sensitivity(r))
                (crate::allocation::section(r))
                (crate::timeline::section(r))

                h2 id="sources" { "Sources" }
                p { (sources.len()) " distinct sources are cited by the scenario. Web addresses are links; the rest name a publication and date." }
                ol.src {
                    @for u in &sources {
                        li { (linked(&u.text)) br; span.cited { "cited by: " (u.cited_by.join("; ")) } }
                    }
                }

                footer { "Made by " (r.generator) " from scenario " (s.id) "." }
                script { (PreEscaped(DOWNLOAD_JS)) }
            }
        }
    };
    page.into_string()
}

#[cfg(test)]
#[path = "html_tests.rs"]
mod tests;
