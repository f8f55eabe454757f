//! Text reports of `guarantor simulate` and `guarantor sensitivity`: tables a person reads.
//!
//! The same layout as the assessment report (a rule under the header, numbers right-aligned),
//! so the three read alike. Probabilities are percentages with one decimal; shortfalls use the
//! engine's number format. JSON output does not pass through here.

use guarantor_engine::fmt_num;
use guarantor_engine::table::table;

use crate::sensitivity::Sensitivity;
use crate::simulate::Simulation;

fn pct(p: f64) -> String {
    format!("{:.1}%", p * 100.0)
}

fn share(x: f64) -> String {
    format!("{:.2}", x)
}

/// Renders a simulation.
pub fn simulation(s: &Simulation) -> String {
    let mut out = String::new();
    let sc = &s.scenario;
    out.push_str(&format!("{} ({}, as of {})\n", sc.name, sc.id, sc.as_of));
    out.push_str(&format!(
        "{} draws, seed {}; {} uncertain inputs.",
        fmt_num(s.draws as f64),
        s.seed,
        s.inputs.len()
    ));
    if !sc.without.is_empty() {
        out.push_str(&format!(" Simulated without: {}.", sc.without.join(", ")));
    }
    out.push('\n');
    out.push_str(&format!(
        "Probability that every requirement is met: {} (standard error {})\n",
        pct(s.p_all_met),
        pct(s.p_all_met_se)
    ));
    out.push_str(&format!(
        "Mean share of requirements met in a draw: {} (standard error {})\n\n",
        pct(s.share_met),
        pct(s.share_met_se)
    ));
    out.push_str(
        "Requirements: P(met), quantiles of coverage (pledged in force / required, capped at 1), mean gap\n",
    );
    let mut t = table(
        &[
            "mission",
            "capability",
            "P(met)",
            "q05",
            "q50",
            "q95",
            "E[shortfall]",
            "unit",
        ],
        &[2, 3, 4, 5, 6],
    );
    for r in &s.requirements {
        t.add_row(vec![
            r.mission.clone(),
            r.capability.clone(),
            pct(r.p_met),
            share(r.q05),
            share(r.q50),
            share(r.q95),
            fmt_num(r.expected_shortfall),
            r.unit.clone(),
        ]);
    }
    out.push_str(&format!("{t}\n"));
    let never: Vec<String> = s
        .requirements
        .iter()
        .filter(|r| r.p_met == 0.0)
        .map(|r| format!("{}.{}", r.mission, r.capability))
        .collect();
    if !never.is_empty() {
        out.push_str(&format!(
            "Never met in any draw (so no draw meets them all): {}\n",
            never.join(", ")
        ));
    }
    out.push_str("\nLayers: probability that all requirements of the layer are met\n");
    let mut t = table(&["layer", "P(all met)"], &[1]);
    for l in &s.layers {
        t.add_row(vec![l.layer.clone(), pct(l.p_all_met)]);
    }
    out.push_str(&format!("{t}\n"));
    out.push_str("\nCapabilities\n");
    let mut t = table(&["capability", "P(gap)", "E[shortfall]", "unit"], &[1, 2]);
    for c in &s.capabilities {
        t.add_row(vec![
            c.capability.clone(),
            pct(c.p_gap),
            fmt_num(c.expected_shortfall),
            c.unit.clone(),
        ]);
    }
    out.push_str(&format!("{t}\n"));
    out
}

/// Renders a sensitivity analysis; `top` limits the rows of each table.
pub fn sensitivity(s: &Sensitivity, top: usize) -> String {
    let mut out = String::new();
    let sc = &s.scenario;
    out.push_str(&format!("{} ({}, as of {})\n", sc.name, sc.id, sc.as_of));
    out.push_str(&format!(
        "Output `{}`: {}. Mean {}, variance {}.\n",
        s.output,
        s.output_description,
        fmt_num(s.mean),
        fmt_num(s.variance)
    ));
    out.push_str(&format!(
        "Sobol indices from {} evaluations (N = {}, seed {}); {:.0}% bootstrap intervals.\n",
        fmt_num(s.evaluations as f64),
        s.samples,
        s.seed,
        s.confidence * 100.0
    ));
    if !sc.without.is_empty() {
        out.push_str(&format!("Without: {}.\n", sc.without.join(", ")));
    }
    if s.variance <= 0.0 {
        out.push_str("The output does not vary over the inputs: every index is zero.\n");
        if s.output == "all_met" {
            out.push_str(
                "(When some requirement is never met, `all_met` is 0 in every draw; \
                 `--output share_met` or a capability still shows what moves the package.)\n",
            );
        }
        return out;
    }
    out.push('\n');
    let mut t = table(
        &["input", "first order", "interval", "total", "interval"],
        &[1, 2, 3, 4],
    );
    for i in s.inputs.iter().take(top) {
        t.add_row(vec![
            i.input.clone(),
            share(i.first),
            format!("{} to {}", share(i.first_ci[0]), share(i.first_ci[1])),
            share(i.total),
            format!("{} to {}", share(i.total_ci[0]), share(i.total_ci[1])),
        ]);
    }
    out.push_str(&format!("{t}\n\n"));
    out.push_str("Tornado: mean output with each input on its low and its high side\n");
    let mut t = table(
        &["input", "low side", "mean", "high side", "mean", "swing"],
        &[2, 4, 5],
    );
    let num = |x: Option<f64>| x.map_or("-".to_string(), fmt_num);
    for b in s.tornado.iter().take(top) {
        t.add_row(vec![
            b.input.clone(),
            b.low_label.clone(),
            num(b.low),
            b.high_label.clone(),
            num(b.high),
            fmt_num(b.swing),
        ]);
    }
    out.push_str(&format!("{t}\n"));
    out
}
