//! Red lines checked against the pledges in force.
//!
//! A rule (parsed by the model, see `guarantor_model::redline`) selects pledges by capability,
//! contributor (a state or every member of an alliance) and place, sums them, and compares the sum
//! with its bound. `no` and `at most` are violated by the pledges they select; `some` and
//! `at least` are violated by an absence, so they name no pledge but say what is missing.

use guarantor_model::{Bound, PartyRef, PartySet, RedLine, Scenario};
use schemars::JsonSchema;
use serde::Serialize;

use crate::number::{fmt_num, total};

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

fn party_matches(scenario: &Scenario, parties: &PartySet, code: &str) -> bool {
    match parties {
        PartySet::Anyone => true,
        PartySet::Some(list) => list.iter().any(|p| match p {
            PartyRef::State(s) => s == code,
            PartyRef::Alliance(a) => scenario.alliances_of(code).iter().any(|x| x == a),
        }),
    }
}

pub(crate) fn check(scenario: &Scenario, in_force: &[bool]) -> Vec<RedLineCheck> {
    scenario
        .red_lines
        .iter()
        .map(|r| check_one(scenario, in_force, r))
        .collect()
}

fn check_one(scenario: &Scenario, in_force: &[bool], red_line: &RedLine) -> RedLineCheck {
    let basis = scenario.meta.quantity_basis;
    let rule = &red_line.rule;
    let selected: Vec<(&str, f64)> = scenario
        .pledges
        .iter()
        .enumerate()
        .filter(|(i, p)| {
            in_force[*i]
                && rule.capabilities.contains(&p.capability)
                && party_matches(scenario, &rule.parties, &p.contributor)
                && rule.place.contains(p.location)
                && p.quantity.value(basis) > 0.0
        })
        .map(|(_, p)| (p.id.as_str(), p.quantity.value(basis)))
        .collect();
    let amount = total(selected.iter().map(|(_, q)| q));
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
