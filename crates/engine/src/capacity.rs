//! Feasibility per contributor: can each one sustain what it pledges?
//!
//! A contributor's *sustainable* capacity is what it can keep in place indefinitely, rotation
//! included (NATO's usability targets put it near a fifth of what is deployable; see
//! `docs/scenario-format.md`). Pledges in force are summed per contributor and capability and set
//! against it; going beyond the deployable capacity as well is flagged separately, because that is
//! not merely unsustainable but impossible. The amounts come from the kernel ([`Kernel::load`]).

use guarantor_model::{CapabilityKind, Scenario};
use schemars::JsonSchema;
use serde::Serialize;

use crate::kernel::{Kernel, State};

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

/// Each contributor's load per capability in the evaluation `st` (in force there), in the
/// kernel's order: contributors in file order, capabilities in taxonomy order; a capability with
/// neither a pledge in force nor a stated capacity is left out.
pub(crate) fn loads(scenario: &Scenario, kernel: &Kernel, st: &State) -> Vec<ContributorLoad> {
    let mut out = Vec::new();
    for (k, load) in kernel.loads().iter().enumerate() {
        let c = &scenario.contributors[load.contributor];
        let (count, pledged) = kernel.load(st, k);
        let capacity = c.capacity(&load.capability);
        if count == 0 && capacity.is_none() {
            continue;
        }
        let Some(cap) = scenario.taxonomy.get(&load.capability) else {
            continue;
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
    out
}
