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

use crate::kernel::{Kernel, State};
use crate::number::fmt_num;

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
    /// One sentence: why it holds or not.
    pub explanation: String,
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
    let selected: Vec<(&str, f64)> = selected
        .map(|i| (scenario.pledges[i].id.as_str(), st.quantity(i)))
        .collect();
    let names = || {
        selected
            .iter()
            .map(|(id, q)| format!("`{id}` ({})", fmt_num(*q)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let ids = || selected.iter().map(|(id, _)| id.to_string()).collect();
    let (violated, violated_by, explanation) = match rule.bound {
        Bound::No if amount > 0.0 => (true, ids(), format!("crossed by {}", names())),
        Bound::No => (
            false,
            Vec::new(),
            "no pledge in force crosses it".to_string(),
        ),
        Bound::AtMost(limit) if amount > limit => (
            true,
            ids(),
            format!(
                "{} pledged against a limit of {}: {}",
                fmt_num(amount),
                fmt_num(limit),
                names()
            ),
        ),
        Bound::AtMost(limit) => (
            false,
            Vec::new(),
            format!(
                "{} pledged, within the limit of {}",
                fmt_num(amount),
                fmt_num(limit)
            ),
        ),
        Bound::AtLeast(need) if amount < need => (
            true,
            Vec::new(),
            format!(
                "only {} pledged where at least {} is demanded",
                fmt_num(amount),
                fmt_num(need)
            ),
        ),
        Bound::AtLeast(need) => (
            false,
            Vec::new(),
            format!(
                "{} pledged, at least {} demanded",
                fmt_num(amount),
                fmt_num(need)
            ),
        ),
        Bound::Some if amount <= 0.0 => (
            true,
            Vec::new(),
            "nothing matching is pledged, and the party demands it".to_string(),
        ),
        Bound::Some => (false, Vec::new(), format!("met by {}", names())),
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
        date: red_line.date.clone(),
    }
}
