//! Feasibility per contributor: can each one sustain what it pledges?
//!
//! A contributor's *sustainable* capacity is what it can keep in place indefinitely, rotation
//! included (NATO's usability targets put it near a fifth of what is deployable; see
//! `docs/scenario-format.md`). Pledges in force are summed per contributor and capability and set
//! against it; going beyond the deployable capacity as well is flagged separately, because that is
//! not merely unsustainable but impossible.

use guarantor_model::{Aggregate, CapabilityKind, Scenario};
use schemars::JsonSchema;
use serde::Serialize;

use crate::number::total;

/// One contributor's pledges of one capability against its capacity.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ContributorLoad {
    /// ISO 3166 alpha-3 code.
    pub code: String,
    pub capability: String,
    pub unit: String,
    /// `force` or `instrument`: instruments (commitments) have no capacity to exceed.
    pub kind: CapabilityKind,
    /// Sum of its pledges in force (for `max` capabilities, the highest).
    pub pledged: f64,
    /// Sustainable capacity, rotation included; `null` when the scenario gives none.
    pub capacity: Option<f64>,
    /// Deployable (surge) capacity, when given.
    pub deployable: Option<f64>,
    /// True when it pledges more than it can sustain.
    pub over_capacity: bool,
    /// True when it pledges more than it could deploy at all.
    pub beyond_deployable: bool,
    /// `pledged / capacity`, when a capacity is given and positive.
    pub share_of_capacity: Option<f64>,
    pub capacity_source: String,
}

pub(crate) fn loads(scenario: &Scenario, in_force: &[bool]) -> Vec<ContributorLoad> {
    let basis = scenario.meta.quantity_basis;
    let mut out = Vec::new();
    for c in &scenario.contributors {
        for cap in scenario.taxonomy.capabilities() {
            let pledges: Vec<f64> = scenario
                .pledges
                .iter()
                .enumerate()
                .filter(|(i, p)| {
                    in_force[*i] && p.contributor == c.code && p.capability == cap.name
                })
                .map(|(_, p)| p.quantity.value(basis))
                .collect();
            let capacity = c.capacity(&cap.name);
            if pledges.is_empty() && capacity.is_none() {
                continue;
            }
            let pledged = match cap.aggregate {
                Aggregate::Sum => total(&pledges),
                Aggregate::Max => pledges.iter().copied().fold(0.0, f64::max),
            };
            let sustainable = capacity.map(|k| k.sustainable);
            let deployable = capacity.and_then(|k| k.deployable);
            out.push(ContributorLoad {
                code: c.code.clone(),
                capability: cap.name.clone(),
                unit: cap.unit.clone(),
                kind: cap.kind,
                pledged,
                capacity: sustainable,
                deployable,
                over_capacity: sustainable.is_some_and(|s| pledged > s),
                beyond_deployable: deployable.is_some_and(|d| pledged > d),
                share_of_capacity: sustainable.filter(|&s| s > 0.0).map(|s| pledged / s),
                capacity_source: capacity.map_or(String::new(), |k| k.source.clone()),
            });
        }
    }
    out
}
