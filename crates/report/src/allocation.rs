//! The allocation section of the HTML report: the least-burden set of extra contributions that
//! closes the gaps (from `guarantor_allocate::allocate`), as a chart of each contributor's burden
//! and a table of what each would add, with the shortfall that remains when no plan closes them.
//!
//! Rendering only: the caller solves the program (the CLI does, with CBC) and passes the
//! report in. Burdens are shown in whole EUR m: the cost weights are not precise to a fraction.

use guarantor_allocate::AllocationReport;
use guarantor_engine::{fmt_amount, fmt_need, fmt_num};
use maud::{Markup, html};

use crate::html::Report;
use crate::svg::{BurdenChart, BurdenRow, burden_chart};

/// The allocation, or why there is none.
#[derive(Debug, Clone, Copy)]
pub enum AllocationSection<'a> {
    Plan(&'a AllocationReport),
    /// The solver failed; the message is shown.
    Failed(&'a str),
}

/// Burden per contributor: pledged, added, fair share (contributors with none of these left out).
pub fn burden(a: &AllocationReport) -> BurdenChart {
    let rows = a
        .contributors
        .iter()
        .filter(|c| c.total_eur_m > 0.0 || c.key > 0.0)
        .map(|c| BurdenRow {
            label: c.contributor.clone(),
            pledged: c.pledged_eur_m,
            added: c.added_eur_m,
            fair: (c.key > 0.0).then_some(c.fair_eur_m),
        })
        .collect();
    BurdenChart {
        title: "Burden per contributor, EUR m per year".into(),
        unit: "EUR m/yr".into(),
        rows,
    }
}

/// What binds each shortfall of `a`, in its order: one sentence per binding constraint, with
/// contributors, missions and red lines in words. The report's "what binds" column and the
/// dashboard's.
pub fn shortfall_reasons(
    scenario: &guarantor_model::Scenario,
    a: &AllocationReport,
) -> Vec<Vec<String>> {
    let names = crate::names::Names::new(scenario);
    let (contributor, mission, rule) = (
        |c: &str| names.contributor(c),
        |m: &str| names.mission(m),
        |t: &str| names.rule(t),
    );
    let namer = guarantor_allocate::Namer {
        contributor: &contributor,
        mission: &mission,
        rule: &rule,
        ids: false,
    };
    a.shortfalls
        .iter()
        .map(|s| s.binding.iter().map(|b| b.describe_with(&namer)).collect())
        .collect()
}

/// The allocation section (`id="allocation"`), or what to do to get it.
pub fn section(r: &Report) -> Markup {
    let a = match r.allocation {
        None => {
            return html! {
                h2 id="allocation" { "Closing the gaps" }
                p { "Not computed for this report (" code { "--no-allocation" } "); " code { "guarantor allocate" } " computes it." }
            };
        }
        Some(AllocationSection::Failed(message)) => {
            return html! {
                h2 id="allocation" { "Closing the gaps" }
                p { "The allocation could not be computed: " (message) }
            };
        }
        Some(AllocationSection::Plan(a)) => a,
    };
    let after = &a.after.summary;
    let names = crate::names::Names::new(r.scenario);
    let (contributor, mission, rule) = (
        |c: &str| names.contributor(c),
        |m: &str| names.mission(m),
        |t: &str| names.rule(t),
    );
    // A red line's id is the rule's own name on the page: its wording, from the scenario.
    let red_line_text = |id: &str| {
        r.scenario
            .red_lines
            .iter()
            .find(|l| l.id == id)
            .map_or_else(|| id.to_string(), |l| names.rule(&l.text))
    };
    let namer = guarantor_allocate::Namer {
        contributor: &contributor,
        mission: &mission,
        rule: &rule,
        ids: false,
    };
    let lift_namer = guarantor_allocate::Namer {
        contributor: &contributor,
        mission: &mission,
        rule: &red_line_text,
        ids: false,
    };
    html! {
        h2 id="allocation" { "Closing the gaps" }
        p {
            @if a.nothing_to_allocate {
                "Nothing to allocate: every requirement is already met by the pledges in force, within every red line and cap."
            } @else if a.feasible {
                "The least-" (a.run.objective) " plan below closes every gap within each contributor's sustainable capacity, every red line and every cap: "
                (a.allocation.len()) (if a.allocation.len() == 1 { " extra pledge, " } else { " extra pledges, " }) strong { (fmt_num(a.objective_value.round())) " EUR m per year" } " of cost-weighted burden (data/cost-weights.toml)."
            } @else {
                "No plan closes every gap within the contributors' sustainable capacities, the red lines and the caps. "
                "The plan below leaves the least relative shortfall, then the least " (a.run.objective) ": "
                (a.allocation.len()) (if a.allocation.len() == 1 { " extra pledge, " } else { " extra pledges, " }) strong { (fmt_num(a.objective_value.round())) " EUR m per year" } "."
            }
            " After it, " (after.met) " of " (after.requirements) " requirements are met. Solved by " (a.run.solver) "; "
            code { "guarantor allocate" } " has the other objective (" code { "--objective fair-share" } ") and " code { "--ignore-red-line" } "."
        }
        @if !a.already_crossed.is_empty() {
            p { span.gap { "Red lines already crossed by pledges in force" } " (no allocation can undo them): " (a.already_crossed.iter().map(|id| names.red_line(id)).collect::<Vec<_>>().join("; ")) "." }
        }
        @let chart = burden(a);
        @if !chart.rows.is_empty() {
            (crate::html::chart_figure("allocation-burden", burden_chart(&chart)))
            p { "Fair share: the contributor's share of the coalition's " (if a.run.fair_share_basis == "gdp" { "GDP" } else { "fair-share keys" }) " times the coalition's total burden after the plan." }
        }
        @if a.allocation.is_empty() {
            p { "The plan adds nothing." }
        } @else {
            h3 { "What each contributor would add" }
            table {
                thead { tr { th { "contributor" } th { "capability" } th { "mission" } th.n { "adds" } th { "unit" } th.n { "burden, EUR m/yr" } } }
                tbody {
                    @for x in &a.allocation {
                        tr { td { (names.contributor(&x.contributor)) } td { (names.capability(&x.capability)) } td { (names.mission(&x.mission)) } td.n { (fmt_amount(x.units, &x.unit)) } td { (x.unit) } td.n { (fmt_num(x.burden_eur_m.round())) } }
                    }
                }
            }
        }
        @if !a.shortfalls.is_empty() {
            h3 { "Shortfall that remains" }
            table {
                thead { tr { th { "requirement" } th { "capability" } th.n { "required" } th.n { "shortfall" } th.n { "least possible" } th { "unit" } th { "what binds" } } }
                tbody {
                    @for (s, reasons) in a.shortfalls.iter().zip(shortfall_reasons(r.scenario, a)) {
                        tr {
                            td { @if let Some(m) = &s.mission { (names.mission(m)) } @else if let Some(l) = &s.red_line { "red line: " (red_line_text(l)) } }
                            td { (names.capability(&s.capability)) } td.n { (fmt_need(s.required, &s.unit)) } td.n { span.gap { (fmt_need(s.shortfall, &s.unit)) } }
                            td.n { (fmt_need(s.least_possible, &s.unit)) } td { (s.unit) }
                            td { @for (i, b) in reasons.iter().enumerate() { @if i > 0 { br; } (b) } }
                        }
                    }
                }
            }
            p { "Least possible: the shortfall if this requirement had first call on every resource; more than that means the capacity went to other missions." }
        }
        @if let Some(r) = &a.relaxations {
            h3 { "What would have to change" }
            @if r.candidates.is_empty() || r.capacity_binds {
                p { "Lifting every red line and cap that binds a shortfall would still leave gaps: capacity, not politics, is what is missing." }
            } @else {
                p { "The smallest sets of red lines and caps whose lifting makes the plan feasible, with what each set asks:" }
                table {
                    thead { tr { th { "lift" } th.n { "units across it" } th.n { "extra pledges" } th.n { "EUR m/yr added" } } }
                    tbody {
                        @for set in &r.smallest {
                            tr {
                                td { @for (i, l) in set.lifted.iter().enumerate() { @if i > 0 { " + " } (match l {
                                    guarantor_allocate::Lift::Cap { .. } => l.describe_with(&namer),
                                    guarantor_allocate::Lift::RedLine { .. } => l.describe_with(&lift_namer),
                                }) } }
                                td.n { @for (i, u) in set.units_across.iter().enumerate() { @if i > 0 { " + " } (fmt_num(*u)) } }
                                td.n { (set.extra_pledges) }
                                td.n { (fmt_num(set.added_eur_m.round())) }
                            }
                        }
                    }
                }
            }
        }
    }
}
