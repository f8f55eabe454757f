//! Hand-written SVG bar charts for the HTML report: coverage against requirement, one bar per
//! series (as assessed, and without a contributor), grouped by layer or capability.
//!
//! Every capability has its own unit (batteries, personnel, EUR bn), so a bar shows the share of
//! the requirement that is pledged, with the requirement as a line at 100 %; the figures in their
//! own unit are written beside the bar. The chart is a string of SVG markup built with maud, so
//! every label is escaped. It is not a charting library: no axes beyond the 100 % line, no
//! interaction, no script.

use guarantor_engine::fmt_num;
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
                    fmt_num(pledged),
                    fmt_num(row.required),
                    row.unit,
                    s * 100.0,
                    fmt_num(gap)
                )
            } else {
                format!(
                    "{} of {} {} (covered)",
                    fmt_num(pledged),
                    fmt_num(row.required),
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

#[cfg(test)]
mod tests {
    use super::*;

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
