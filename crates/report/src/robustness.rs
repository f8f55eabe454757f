//! The robustness and sensitivity sections of the HTML report: how likely each requirement is
//! met when pledges may not be honoured and assumptions vary (from `guarantor_robust::simulate`),
//! and which uncertain input decides it (from `guarantor_robust::sensitivity`).
//!
//! Rendering only: the caller runs the Monte Carlo and the Sobol analysis (the CLI does, with a
//! fixed seed) and passes the results in, so the page stays a pure function of its inputs.

use guarantor_engine::{fmt_amount, fmt_num};
use guarantor_robust::{Sensitivity, Simulation};
use maud::{Markup, html};

use crate::html::Report;
use crate::svg::{
    TornadoChart, TornadoRow, Whisker, WhiskerChart, WhiskerRow, pct, tornado_chart, whisker_chart,
};

/// Bars of the tornado chart and rows of the index table.
pub const TOP_INPUTS: usize = 12;

/// Monte Carlo results, and the sensitivity of one output.
#[derive(Debug, Clone, Copy)]
pub struct RobustnessSection<'a> {
    pub simulation: &'a Simulation,
    /// The same simulation without the contributor the report compares (its code, result).
    pub without: Option<(&'a str, &'a Simulation)>,
    pub sensitivity: Option<&'a Sensitivity>,
    /// The output the sensitivity was meant for, when it did not vary and the analysis shown is
    /// of another (`all_met` is 0 in every draw when one requirement is never met).
    pub replaced_output: Option<&'a str>,
}

fn layer_name(r: &Report, id: &str) -> String {
    r.assessment
        .layers
        .iter()
        .find(|l| l.layer == id)
        .map_or_else(|| id.to_string(), |l| l.name.clone())
}

/// Coverage quantiles and P(met) per requirement, grouped by layer.
pub fn whisker_rows(r: &Report, s: &RobustnessSection) -> WhiskerChart {
    let mut series = vec!["as written".to_string()];
    if let Some((code, _)) = s.without {
        series.push(format!("without {code}"));
    }
    let names = crate::names::Names::new(r.scenario);
    let mut rows = Vec::new();
    let mut last_layer: Option<&str> = None;
    for q in &s.simulation.requirements {
        let group = (last_layer != Some(q.layer.as_str())).then(|| layer_name(r, &q.layer));
        last_layer = Some(q.layer.as_str());
        let mut ws = vec![Whisker {
            q05: q.q05,
            q50: q.q50,
            q95: q.q95,
            p_met: q.p_met,
        }];
        if let Some((_, w)) = s.without {
            let o = w
                .requirements
                .iter()
                .find(|o| o.mission == q.mission && o.capability == q.capability);
            ws.push(o.map_or(
                Whisker {
                    q05: 0.0,
                    q50: 0.0,
                    q95: 0.0,
                    p_met: 0.0,
                },
                |o| Whisker {
                    q05: o.q05,
                    q50: o.q50,
                    q95: o.q95,
                    p_met: o.p_met,
                },
            ));
        }
        rows.push(WhiskerRow {
            group,
            label: format!(
                "{}: {}",
                names.mission(&q.mission),
                names.capability(&q.capability)
            ),
            series: ws,
        });
    }
    WhiskerChart {
        title: "Simulated coverage and probability met per requirement".into(),
        series,
        rows,
    }
}

/// An output of the sensitivity analysis in words: a requirement (`rear_presence.ground_troops`)
/// by mission and capability; the package-wide outputs (`share_met`) as named.
fn output_name(names: &crate::names::Names, output: &str) -> String {
    match output.split_once('.') {
        Some((mission, capability)) => format!(
            "{}: {}",
            names.mission(mission),
            names.capability(capability)
        ),
        None if matches!(output, "all_met" | "share_met") => output.replace('_', " "),
        None => names.capability(output),
    }
}

/// What an output measures, in words: the robustness crate's description names a requirement
/// by its identifiers, so a requirement's or capability's gap is described here from the names,
/// with the unit the description ends with.
fn output_description(names: &crate::names::Names, output: &str, description: &str) -> String {
    let unit = description
        .rsplit_once('(')
        .map_or("", |(_, u)| u.trim_end_matches(')'));
    match output.split_once('.') {
        Some((mission, capability)) => format!(
            "gap of {} for {} ({unit})",
            names.capability(capability),
            names.mission(mission)
        ),
        None if matches!(output, "all_met" | "share_met") => description.to_string(),
        None => format!("total gap of {} ({unit})", names.capability(output)),
    }
}

/// The tornado of a sensitivity analysis, its inputs and output in words: the chart of the
/// report's sensitivity section and of the dashboard.
pub fn tornado_named(s: &Sensitivity, names: &crate::names::Names) -> TornadoChart {
    let mut chart = tornado(s);
    chart.title = format!("Sensitivity tornado of {}", output_name(names, &s.output));
    for row in &mut chart.rows {
        row.label = names.input(&row.label);
    }
    chart
}

/// The tornado of a sensitivity analysis: its largest swings, inputs as the analysis names them.
pub fn tornado(s: &Sensitivity) -> TornadoChart {
    let rows = s
        .tornado
        .iter()
        .filter(|b| b.swing > 0.0)
        .filter_map(|b| {
            Some(TornadoRow {
                label: b.input.clone(),
                low_label: b.low_label.clone(),
                high_label: b.high_label.clone(),
                low: b.low?,
                high: b.high?,
            })
        })
        .take(TOP_INPUTS)
        .collect();
    TornadoChart {
        title: format!("Sensitivity tornado of {}", s.output),
        mean: s.mean,
        percent: matches!(s.output.as_str(), "all_met" | "share_met"),
        rows,
    }
}

fn interval(ci: [f64; 2]) -> String {
    format!("[{:.2}, {:.2}]", ci[0], ci[1])
}

/// The robustness section (`id="robustness"`), or what to do to get it.
pub fn robustness(r: &Report) -> Markup {
    let Some(s) = r.robustness else {
        return html! {
            h2 id="robustness" { "Robustness" }
            p { "Not computed for this report (" code { "--draws 0" } " or " code { "--no-robustness" } "). "
                code { "guarantor report" } " simulates 10,000 draws by default; " code { "guarantor simulate" } " runs more." }
        };
    };
    let sim = s.simulation;
    let names = crate::names::Names::new(r.scenario);
    let wo = s.without.map(|(code, w)| (names.contributor(code), w));
    let wo = wo.as_ref().map(|(code, w)| (code.as_str(), *w));
    let never: Vec<String> = sim
        .requirements
        .iter()
        .filter(|q| q.p_met == 0.0)
        .map(|q| {
            format!(
                "{} ({})",
                names.capability(&q.capability),
                names.mission(&q.mission)
            )
        })
        .collect();
    html! {
        h2 id="robustness" { "Robustness" }
        p { "Monte Carlo over every uncertain input: " (fmt_num(sim.draws as f64)) " draws (seed " (sim.seed) "), "
            (sim.inputs.len()) " uncertain inputs (pledges honoured or not, shared causes, pledged ranges, uncertain parameters; docs/robustness.md)." }
        p.summary {
            "Probability that every requirement is met in the same draw: " strong { (pct(sim.p_all_met)) } " (standard error " (pct(sim.p_all_met_se)) ")"
            @if let Some((code, w)) = wo { "; without " (code) ": " strong { (pct(w.p_all_met)) } }
            ". " br;
            "Mean share of the requirements met in a draw: " strong { (pct(sim.share_met)) } " (standard error " (pct(sim.share_met_se)) ")"
            @if let Some((code, w)) = wo { "; without " (code) ": " strong { (pct(w.share_met)) } }
            "."
        }
        @if !never.is_empty() {
            p { "Never met in any draw, so no draw meets them all: " (never.join(", ")) "." }
        }
        (crate::html::chart_figure("coverage-odds", whisker_chart(&whisker_rows(r, &s))))
        p { "Coverage is pledged in force ÷ required, capped at 1: a dot at the requirement line means the median draw meets it. The bars on the right are the probability that the requirement is met." }

        h3 { "Layers" }
        table {
            thead { tr { th { "layer" } th.n { "P(all its requirements met)" } @if let Some((code, _)) = wo { th.n { "without " (code) } } } }
            tbody {
                @for l in &sim.layers {
                    tr { td { (layer_name(r, &l.layer)) } td.n { (pct(l.p_all_met)) }
                        @if let Some((_, w)) = wo {
                            td.n { @match w.layers.iter().find(|o| o.layer == l.layer) { Some(o) => (pct(o.p_all_met)), None => "–" } }
                        }
                    }
                }
            }
        }
        h3 { "Capabilities" }
        table {
            thead { tr { th { "capability" } th.n { "P(gap)" } th.n { "expected shortfall" } th { "unit" }
                @if let Some((code, _)) = wo { th.n { "P(gap) without " (code) } th.n { "expected shortfall without " (code) } } } }
            tbody {
                @for c in &sim.capabilities {
                    tr { td { (names.capability(&c.capability)) } td.n { (pct(c.p_gap)) } td.n { (fmt_amount(c.expected_shortfall, &c.unit)) } td { (c.unit) }
                        @if let Some((_, w)) = wo {
                            @match w.capabilities.iter().find(|o| o.capability == c.capability) {
                                Some(o) => { td.n { (pct(o.p_gap)) } td.n { (fmt_amount(o.expected_shortfall, &o.unit)) } },
                                None => { td.n { "–" } td.n { "–" } },
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The sensitivity section (`id="sensitivity"`), or what to do to get it.
pub fn sensitivity(r: &Report) -> Markup {
    let Some(s) = r.robustness.and_then(|s| s.sensitivity.map(|t| (s, t))) else {
        return html! {
            h2 id="sensitivity" { "Sensitivity" }
            p { "Not computed for this report (" code { "--samples 0" } ", " code { "--draws 0" } " or " code { "--no-robustness" } "). "
                code { "guarantor sensitivity" } " computes it for any output." }
        };
    };
    let (section, t) = s;
    let names = crate::names::Names::new(r.scenario);
    let chart = tornado_named(t, &names);
    let first_sum: f64 = t.inputs.iter().map(|i| i.first).sum();
    html! {
        h2 id="sensitivity" { "Sensitivity" }
        @if let Some(replaced) = section.replaced_output {
            p { "The default output " (output_name(&names, replaced)) " does not vary over the inputs (a requirement that is never met keeps it at 0 in every draw), so this section decomposes " (output_name(&names, &t.output)) " instead." }
        }
        p { "Output " (output_name(&names, &t.output)) ": " (output_description(&names, &t.output, &t.output_description)) ". Mean " (if chart.percent { pct(t.mean) } else { fmt_num(t.mean) })
            ". Sobol indices from " (fmt_num(t.evaluations as f64)) " evaluations (N = " (t.samples) ", seed " (t.seed) "), "
            (format!("{:.0}%", t.confidence * 100.0)) " bootstrap intervals; " code { "guarantor sensitivity" } " runs larger samples." }
        @if t.variance <= 0.0 {
            p { "The output does not vary over the inputs: every index is zero and there is no tornado to draw." }
        } @else {
            h3 { "Tornado: the mean output with each input on its low and its high side" }
            (crate::html::chart_figure("sensitivity-tornado", tornado_chart(&chart)))
            p { "Bars start at the mean over all evaluations; the " (chart.rows.len()) " inputs with the largest swing are shown. Swings within the noise of the sample are not evidence that an input matters: read them with the indices below." }
            h3 { "Sobol indices (largest total index first)" }
            p { "First order: the share of the output's variance an input explains on its own; total: with all its interactions. "
                "1 − Σ first order = " (format!("{:.2}", 1.0 - first_sum)) " of the variance comes from inputs acting together." }
            table {
                thead { tr { th { "input" } th { "kind" } th.n { "first order" } th.n { "interval" } th.n { "total" } th.n { "interval" } } }
                tbody {
                    @for i in t.inputs.iter().take(TOP_INPUTS) {
                        tr { td title=(i.input) { (names.input(&i.input)) } td { (i.kind) } td.n { (format!("{:.3}", i.first)) } td.n { (interval(i.first_ci)) }
                            td.n { (format!("{:.3}", i.total)) } td.n { (interval(i.total_ci)) } }
                    }
                }
            }
            @if t.inputs.len() > TOP_INPUTS {
                p { (t.inputs.len() - TOP_INPUTS) " more inputs with smaller total indices are left out (" code { "guarantor sensitivity --top N" } " lists them)." }
            }
        }
    }
}
