//! The text report of `guarantor allocate`: the allocation, burdens against fair shares, and the
//! shortfalls with what binds.
//!
//! Tables follow the style of `guarantor assess` (a rule under the header, right-aligned numbers,
//! thousands separators). The assessment after the allocation is not repeated here; `--json`
//! carries it in full, and `guarantor assess` prints the same tables.

use guarantor_engine::fmt_num;
use guarantor_engine::table::table;

use crate::allocate::AllocationReport;

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// Renders an allocation report as text.
pub fn report(r: &AllocationReport) -> String {
    let mut out = String::new();
    let run = &r.run;
    out.push_str(&format!("{} ({}, as of {})\n", run.name, run.id, run.as_of));
    out.push_str(&format!(
        "Objective: {} (solver: {}; fair shares by {}).",
        run.objective,
        run.solver,
        if run.fair_share_basis == "gdp" {
            "GDP"
        } else {
            "the scenario's keys"
        }
    ));
    if !run.without.is_empty() {
        out.push_str(&format!(" Without: {}.", run.without.join(", ")));
    }
    if !run.ignored_red_lines.is_empty() {
        out.push_str(&format!(
            " Red lines ignored: {}.",
            run.ignored_red_lines.join(", ")
        ));
    }
    out.push('\n');
    let added: f64 = r.allocation.iter().map(|a| a.burden_eur_m).sum();
    if r.nothing_to_allocate {
        out.push_str(
            "Nothing to allocate: every requirement is already met by the pledges in force.\n",
        );
    } else if r.feasible {
        out.push_str(&format!(
            "Feasible: every requirement can be met with {} extra pledge(s), adding EUR {} m a year.\n",
            r.allocation.len(),
            fmt_num(added)
        ));
    } else {
        out.push_str(&format!(
            "Not feasible: {} requirement(s) or red-line demand(s) cannot be met within capacities, red lines and caps; the closest allocation has {} extra pledge(s), adding EUR {} m a year.\n",
            r.shortfalls.len(),
            r.allocation.len(),
            fmt_num(added)
        ));
    }
    if !r.already_crossed.is_empty() {
        out.push_str(&format!(
            "Already crossed by pledges in force (the allocation adds nothing across them): {}.\n",
            r.already_crossed.join(", ")
        ));
    }

    out.push_str("\nALLOCATION (extra pledges)\n");
    if r.allocation.is_empty() {
        out.push_str("nothing to add\n");
    } else {
        let mut t = table(
            &[
                "contributor",
                "capability",
                "mission",
                "units",
                "unit",
                "EUR m/yr",
            ],
            &[3, 5],
        );
        for a in &r.allocation {
            t.add_row(vec![
                a.contributor.clone(),
                a.capability.clone(),
                a.mission.clone(),
                fmt_num(a.units),
                a.unit.clone(),
                fmt_num(a.burden_eur_m),
            ]);
        }
        out.push_str(&format!("{t}\n"));
    }

    out.push_str(
        "\nBURDEN AGAINST FAIR SHARE (EUR m a year, cost weights of data/cost-weights.toml)\n",
    );
    let mut t = table(
        &[
            "contributor",
            "fair share",
            "pledged",
            "added",
            "total",
            "fair",
            "vs fair",
        ],
        &[1, 2, 3, 4, 5, 6],
    );
    for c in &r.contributors {
        t.add_row(vec![
            c.contributor.clone(),
            pct(c.fair_share),
            fmt_num(c.pledged_eur_m),
            fmt_num(c.added_eur_m),
            fmt_num(c.total_eur_m),
            fmt_num(c.fair_eur_m),
            c.deviation.map_or("no key".to_string(), |d| {
                format!("{}{}", if d >= 0.0 { "+" } else { "" }, pct(d))
            }),
        ]);
    }
    out.push_str(&format!("{t}\n"));

    out.push_str("\nSHORTFALLS\n");
    if r.shortfalls.is_empty() {
        out.push_str("none: after the allocation every requirement is met\n");
    } else {
        let mut t = table(
            &[
                "mission / red line",
                "capability",
                "required",
                "short",
                "least",
                "what binds",
            ],
            &[2, 3, 4],
        );
        for s in &r.shortfalls {
            let what = s
                .mission
                .clone()
                .or_else(|| s.red_line.as_ref().map(|id| format!("red line {id}")))
                .unwrap_or_default();
            t.add_row(vec![
                what,
                format!("{} ({})", s.capability, s.unit),
                fmt_num(s.required),
                fmt_num(s.shortfall),
                fmt_num(s.least_possible),
                s.binding
                    .iter()
                    .map(|b| b.describe())
                    .collect::<Vec<_>>()
                    .join("; "),
            ]);
        }
        out.push_str(&format!("{t}\n"));
        out.push_str(
            "short: left unmet by this allocation; least: unmet even with first call on every resource\n",
        );
    }
    if let Some(relax) = &r.relaxations {
        out.push_str(&relaxations(relax));
    }
    out
}

/// The section "what would have to change": the smallest sets of red lines and caps to lift.
fn relaxations(r: &crate::Relaxations) -> String {
    let mut out = String::from(
        "
WHAT WOULD HAVE TO CHANGE
",
    );
    if r.candidates.is_empty() {
        out.push_str(
            "No red line or cap binds a shortfall: capacity is what is missing, and lifting political limits would not close the gaps.\n",
        );
        return out;
    }
    if r.capacity_binds {
        out.push_str(&format!(
            "Even lifting every red line and cap that binds ({}) leaves gaps: capacity is what is missing.\n",
            r.candidates
                .iter()
                .map(|l| l.describe())
                .collect::<Vec<_>>()
                .join(", ")
        ));
        return out;
    }
    let size = r.smallest.first().map_or(0, |s| s.lifted.len());
    out.push_str(&format!(
        "Lifting {size} of the {} red lines and caps that bind would make the allocation feasible; the smallest such sets:\n",
        r.candidates.len()
    ));
    let mut t = table(
        &["lift", "units across it", "extra pledges", "EUR m/yr added"],
        &[1, 2, 3],
    );
    for set in &r.smallest {
        t.add_row(vec![
            set.lifted
                .iter()
                .map(|l| l.describe())
                .collect::<Vec<_>>()
                .join(" + "),
            set.units_across
                .iter()
                .map(|u| fmt_num(*u))
                .collect::<Vec<_>>()
                .join(" + "),
            set.extra_pledges.to_string(),
            fmt_num(set.added_eur_m),
        ]);
    }
    out.push_str(&format!("{t}\n"));
    out.push_str(
        "units across it: what the allocation would place where the lifted rule forbade it\n",
    );
    out
}
