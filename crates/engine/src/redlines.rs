//! Red lines checked against the pledges in force.
//!
//! A rule (parsed by the model, see `guarantor_model::redline`) selects pledges by capability,
//! contributor (a state or every member of an alliance) and place, sums them, and compares the sum
//! with its bound; which pledges a rule selects, and their sum, come from the kernel
//! ([`Kernel::red_line`]). `no` and `at most` are violated by the pledges they select; `some` and
//! `at least` are violated by an absence, so they name no pledge but say what is missing.

use guarantor_model::{Bound, RedLine, Scenario};
use schemars::JsonSchema;
use serde::Serialize;

use crate::explain::Explanation;
use crate::kernel::{Kernel, State};

/// A red line's status.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RedLineCheck {
    pub id: String,
    /// The party holding it.
    pub party: String,
    /// The rule as written.
    pub text: String,
    pub violated: bool,
    /// Pledges that cross it (empty for `some` / `at least` rules, which absence violates).
    pub violated_by: Vec<String>,
    /// Units the rule selects among pledges in force.
    pub amount: f64,
    /// One sentence: why it holds or not (a string in JSON, segments for the renderers).
    pub explanation: Explanation,
    pub source: String,
    pub date: String,
}

pub(crate) fn check(scenario: &Scenario, kernel: &Kernel, st: &State) -> Vec<RedLineCheck> {
    scenario
        .red_lines
        .iter()
        .enumerate()
        .map(|(r, red_line)| check_one(scenario, kernel, st, r, red_line))
        .collect()
}

fn check_one(
    scenario: &Scenario,
    kernel: &Kernel,
    st: &State,
    r: usize,
    red_line: &RedLine,
) -> RedLineCheck {
    let rule = &red_line.rule;
    let (selected, amount) = kernel.red_line(st, r);
    let unit_of = |i: usize| {
        scenario
            .taxonomy
            .get(&scenario.pledges[i].capability)
            .map_or(String::new(), |c| c.unit.clone())
    };
    let selected: Vec<(String, f64, String)> = selected
        .map(|i| (scenario.pledges[i].id.clone(), st.quantity(i), unit_of(i)))
        .collect();
    // The rule's amount is in the unit of what it selects; a rule selecting nothing (or several
    // units, as a group may) is written in the first one's, or unrounded words.
    let unit = selected.first().map_or("", |(_, _, u)| u.as_str());
    let (violated, explanation) = crate::explain::red_line(&rule.bound, amount, unit, &selected);
    let names_pledges = violated && matches!(rule.bound, Bound::No | Bound::AtMost(_));
    let violated_by = if names_pledges {
        selected.iter().map(|(id, _, _)| id.clone()).collect()
    } else {
        Vec::new()
    };
    RedLineCheck {
        id: red_line.id.clone(),
        party: red_line.party.clone(),
        text: red_line.text.clone(),
        violated,
        violated_by,
        amount,
        explanation,
        source: red_line.source.clone(),
        date: red_line.date.map(|d| d.to_string()).unwrap_or_default(),
    }
}
