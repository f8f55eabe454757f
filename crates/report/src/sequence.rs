//! The guarantee as one story: a sequence of states (scenario versions, or one scenario at several
//! dates) with coverage, gaps, lapses and credibility moving from one to the next.
//!
//! Pure: the caller assesses each state (the CLI does, for `guarantor timeline` and for the
//! report's "How the guarantee changed" section) and passes the results in. One [`Sequence`]
//! feeds the text table, the JSON document and the SVG chart, so they cannot disagree.

use guarantor_credibility::Credibility;
use guarantor_engine::Assessment;
use guarantor_model::Scenario;
use schemars::JsonSchema;
use serde::Serialize;

/// How many of the largest gaps each state lists.
pub const GAPS_LISTED: usize = 3;

/// One requirement's gap, as a share of what it requires.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Gap {
    pub mission: String,
    pub capability: String,
    /// The mission's name and the capability's label, as reports show them.
    pub mission_name: String,
    pub capability_label: String,
    pub unit: String,
    pub required: f64,
    pub gap: f64,
    /// `gap / required`.
    pub share: f64,
}

/// One state of the guarantee.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct State {
    /// The scenario's name.
    pub name: String,
    /// The date the state describes (`as_of`, or the `--as-of` date).
    pub as_of: String,
    pub requirements: usize,
    pub met: usize,
    /// Mean over requirements of `min(pledged / required, 1)`: how much of the package is there,
    /// where `met` only counts requirements fully met.
    pub mean_coverage: f64,
    pub pledges_in_force: usize,
    pub pledges_lapsed: usize,
    pub red_lines_violated: usize,
    /// Credibility score, 0..1 (`guarantor credibility`).
    pub credibility: f64,
    /// The largest gaps relative to their requirement, largest first.
    pub largest_gaps: Vec<Gap>,
}

/// The sequence, in the order given (oldest first, as the user lists them).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Sequence {
    pub states: Vec<State>,
}

impl State {
    /// Summarises one assessed state of `scenario`.
    pub fn new(scenario: &Scenario, assessment: &Assessment, credibility: &Credibility) -> State {
        let names = crate::names::Names::new(scenario);
        let rows = &assessment.coverage;
        let mean_coverage = if rows.is_empty() {
            1.0
        } else {
            rows.iter().map(|r| r.covered).sum::<f64>() / rows.len() as f64
        };
        let mut gaps: Vec<Gap> = rows
            .iter()
            .filter(|r| r.gap > 0.0 && r.required > 0.0)
            .map(|r| Gap {
                mission: r.mission.clone(),
                capability: r.capability.clone(),
                mission_name: names.mission(&r.mission),
                capability_label: names.capability(&r.capability),
                unit: r.unit.clone(),
                required: r.required,
                gap: r.gap,
                share: r.gap / r.required,
            })
            .collect();
        // Largest share first; ties by size, then by name, so the order is stable.
        gaps.sort_by(|a, b| {
            b.share
                .total_cmp(&a.share)
                .then(b.gap.total_cmp(&a.gap))
                .then_with(|| (&a.mission, &a.capability).cmp(&(&b.mission, &b.capability)))
        });
        gaps.truncate(GAPS_LISTED);
        let s = &assessment.summary;
        State {
            name: assessment.scenario.name.clone(),
            as_of: assessment.scenario.as_of.clone(),
            requirements: s.requirements,
            met: s.met,
            mean_coverage,
            pledges_in_force: s.pledges_in_force,
            pledges_lapsed: s.pledges_lapsed,
            red_lines_violated: s.red_lines_violated,
            credibility: credibility.score,
            largest_gaps: gaps,
        }
    }
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// The sequence as a text table, then the largest gaps of each state.
pub fn text(seq: &Sequence) -> String {
    let mut t = crate::text::table(
        &[
            "as of",
            "state",
            "met",
            "coverage",
            "in force",
            "lapsed",
            "red lines crossed",
            "credibility",
        ],
        &[2, 3, 4, 5, 6, 7],
    );
    for s in &seq.states {
        t.add_row(vec![
            s.as_of.clone(),
            s.name.clone(),
            format!("{} of {}", s.met, s.requirements),
            pct(s.mean_coverage),
            s.pledges_in_force.to_string(),
            s.pledges_lapsed.to_string(),
            s.red_lines_violated.to_string(),
            format!("{:.2}", s.credibility),
        ]);
    }
    let mut out = format!("THE GUARANTEE OVER TIME\n{t}\n");
    out.push_str(
        "coverage: mean share of each requirement that is pledged and in force (capped at 100%)\n",
    );
    out.push_str("\nLARGEST GAPS\n");
    for s in &seq.states {
        let gaps = if s.largest_gaps.is_empty() {
            "none".to_string()
        } else {
            s.largest_gaps
                .iter()
                .map(|g| {
                    format!(
                        "{} in {}: {} of {} {} missing ({})",
                        g.capability_label,
                        g.mission_name,
                        guarantor_engine::fmt_need(g.gap, &g.unit),
                        guarantor_engine::fmt_need(g.required, &g.unit),
                        g.unit,
                        pct(g.share)
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        out.push_str(&format!("{} {}: {gaps}\n", s.as_of, s.name));
    }
    out
}

/// One line of the chart: its name, its colour and the value it reads off each state.
type Series = (&'static str, &'static str, Box<dyn Fn(&State) -> f64>);

/// A line chart of coverage, requirements met and credibility across the states (0..1 each).
pub fn svg(seq: &Sequence) -> String {
    let (w, h, left, right, top, bottom) = (640.0, 260.0, 48.0, 150.0, 16.0, 56.0);
    let plot_w = w - left - right;
    let plot_h = h - top - bottom;
    let n = seq.states.len();
    // States are placed by date when every one has a full date (so seven months look longer
    // than five), otherwise evenly.
    let days: Option<Vec<f64>> = seq.states.iter().map(|s| day_number(&s.as_of)).collect();
    let span = days
        .as_ref()
        .and_then(|d| Some(d.last()? - d.first()?))
        .filter(|&s| s > 0.0);
    let x = |i: usize| match (&days, span) {
        (Some(d), Some(span)) => left + plot_w * (d[i] - d[0]) / span,
        _ if n <= 1 => left + plot_w / 2.0,
        _ => left + plot_w * i as f64 / (n - 1) as f64,
    };
    let y = |v: f64| top + plot_h * (1.0 - v.clamp(0.0, 1.0));
    let series: [Series; 3] = [
        ("coverage", "#1f77b4", Box::new(|s: &State| s.mean_coverage)),
        (
            "requirements met",
            "#2ca02c",
            Box::new(|s: &State| {
                if s.requirements == 0 {
                    1.0
                } else {
                    s.met as f64 / s.requirements as f64
                }
            }),
        ),
        (
            "credibility",
            "#d62728",
            Box::new(|s: &State| s.credibility),
        ),
    ];
    let mut out = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="The guarantee over time: coverage, requirements met and credibility" font-family="sans-serif" font-size="11">"#
    );
    for tick in [0.0, 0.25, 0.5, 0.75, 1.0] {
        out.push_str(&format!(
            r##"<line x1="{left}" x2="{}" y1="{y:.1}" y2="{y:.1}" stroke="#ddd"/><text x="{}" y="{:.1}" text-anchor="end">{}</text>"##,
            left + plot_w,
            left - 6.0,
            y(tick) + 4.0,
            pct(tick),
            y = y(tick),
        ));
    }
    for (i, s) in seq.states.iter().enumerate() {
        out.push_str(&format!(
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            x(i),
            h - bottom + 18.0,
            escape(&s.as_of)
        ));
    }
    for (k, (label, colour, value)) in series.iter().enumerate() {
        let points: Vec<String> = seq
            .states
            .iter()
            .enumerate()
            .map(|(i, s)| format!("{:.1},{:.1}", x(i), y(value(s))))
            .collect();
        out.push_str(&format!(
            r#"<polyline fill="none" stroke="{colour}" stroke-width="2" points="{}"/>"#,
            points.join(" ")
        ));
        for (i, s) in seq.states.iter().enumerate() {
            out.push_str(&format!(
                r#"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{colour}"><title>{}: {} {}</title></circle>"#,
                x(i),
                y(value(s)),
                escape(&s.name),
                label,
                pct(value(s))
            ));
        }
        let ly = top + 14.0 + 18.0 * k as f64;
        let lx = left + plot_w + 16.0;
        out.push_str(&format!(
            r#"<line x1="{lx}" x2="{}" y1="{ly}" y2="{ly}" stroke="{colour}" stroke-width="2"/><text x="{}" y="{}">{label}</text>"#,
            lx + 18.0,
            lx + 24.0,
            ly + 4.0,
        ));
    }
    out.push_str("</svg>");
    out
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date, through the model's civil-date type; `None`
/// for anything else.
fn day_number(date: &str) -> Option<f64> {
    guarantor_model::Date::parse(date)
        .ok()
        .map(|d| d.days() as f64)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::day_number;

    /// Known intervals: 2024 is a leap year (366 days), 2025-01-22 to 2025-08-19 is 209 days
    /// (9 + 28 + 31 + 30 + 31 + 30 + 31 + 19).
    #[test]
    fn day_numbers_count_real_days() {
        let d = |s| day_number(s).unwrap();
        assert_eq!(d("2025-01-01") - d("2024-01-01"), 366.0);
        assert_eq!(d("2025-08-19") - d("2025-01-22"), 209.0);
        assert_eq!(d("2026-01-06") - d("2025-08-19"), 140.0);
        assert_eq!(day_number("2025-13-01"), None);
        assert_eq!(day_number("August 2025"), None);
    }
}
