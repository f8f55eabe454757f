//! Coverage: pledges in force set against requirements, giving the gap per mission, layer and
//! capability.
//!
//! The matching itself (which pledge fills which requirement, in three passes, most specific
//! first) is the kernel's ([`crate::kernel`]); this module records what the passes did and turns
//! it into explained rows: who fills each requirement and by how much, and the totals per
//! capability and per layer.

use guarantor_model::{Aggregate, Scenario};
use schemars::JsonSchema;
use serde::Serialize;

use crate::kernel::{State, Trace};
use crate::number::total;
use crate::requirement::Requirement;

/// How much of one pledge went to one requirement.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Contribution {
    pub pledge: String,
    pub contributor: String,
    pub units: f64,
}

/// One requirement against what is pledged to it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct CoverageRow {
    pub layer: String,
    pub mission: String,
    pub capability: String,
    pub unit: String,
    pub required: f64,
    pub pledged: f64,
    /// `max(required − pledged, 0)`.
    pub gap: f64,
    /// `pledged / required`, capped at 1 (1 when nothing is required).
    pub covered: f64,
    /// Which pledges fill it, and by how much.
    pub from: Vec<Contribution>,
}

/// One capability over the whole package.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct CapabilityTotal {
    pub capability: String,
    pub unit: String,
    pub required: f64,
    /// Everything pledged and in force, surplus included.
    pub pledged: f64,
    /// Sum of the mission gaps (for `max` capabilities: the largest one).
    pub gap: f64,
    /// Pledged in force but needed by no requirement left unfilled.
    pub surplus: f64,
}

/// One capability within one layer.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct LayerCapability {
    pub capability: String,
    pub unit: String,
    pub required: f64,
    pub pledged: f64,
    pub gap: f64,
}

/// A layer's coverage.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct LayerTotal {
    pub layer: String,
    pub name: String,
    pub capabilities: Vec<LayerCapability>,
    /// True when no requirement of the layer has a gap.
    pub covered: bool,
}

pub(crate) struct Coverage {
    pub rows: Vec<CoverageRow>,
    pub capabilities: Vec<CapabilityTotal>,
    pub layers: Vec<LayerTotal>,
}

/// What the coverage passes did, row by row: which pledge filled it and by how much (for `max`
/// capabilities, the one best pledge). A [`Trace`] of [`crate::kernel::Kernel::evaluate_traced`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Fills(Vec<Vec<(usize, f64)>>);

impl Fills {
    pub fn new(rows: usize) -> Self {
        Fills(vec![Vec::new(); rows])
    }
}

impl Trace for Fills {
    fn take(&mut self, row: usize, pledge: usize, units: f64) {
        self.0[row].push((pledge, units));
    }

    fn best(&mut self, row: usize, pledge: usize, level: f64) {
        self.0[row] = vec![(pledge, level)];
    }
}

/// The coverage rows, and totals per capability and layer, of the evaluation in `st` (whose
/// passes `fills` recorded), for the requirements in the same order as the kernel's rows.
pub(crate) fn coverage(
    scenario: &Scenario,
    requirements: &[Requirement],
    st: &State,
    fills: Fills,
) -> Coverage {
    let rows: Vec<CoverageRow> = requirements
        .iter()
        .zip(fills.0)
        .enumerate()
        .map(|(r, (req, fills))| CoverageRow {
            layer: req.layer.clone(),
            mission: req.mission.clone(),
            capability: req.capability.clone(),
            unit: req.unit.clone(),
            required: st.required()[r],
            pledged: st.pledged()[r],
            gap: st.gap(r),
            covered: st.covered(r),
            from: fills
                .into_iter()
                .map(|(i, units)| Contribution {
                    pledge: scenario.pledges[i].id.clone(),
                    contributor: scenario.pledges[i].contributor.clone(),
                    units,
                })
                .collect(),
        })
        .collect();
    // Pledges in force that count a quantity above zero.
    let active: Vec<usize> = (0..scenario.pledges.len())
        .filter(|&i| st.in_force()[i] && st.quantity(i) > 0.0)
        .collect();

    let mut capabilities = Vec::new();
    for cap in scenario.taxonomy.capabilities() {
        let cap_rows: Vec<&CoverageRow> =
            rows.iter().filter(|r| r.capability == cap.name).collect();
        let pledges: Vec<f64> = active
            .iter()
            .filter(|&&i| scenario.pledges[i].capability == cap.name)
            .map(|&i| st.quantity(i))
            .collect();
        if cap_rows.is_empty() && pledges.is_empty() {
            continue;
        }
        let (required, pledged, gap, surplus) = match cap.aggregate {
            Aggregate::Sum => {
                let required = total(cap_rows.iter().map(|r| &r.required));
                let pledged = total(&pledges);
                let gap = total(cap_rows.iter().map(|r| &r.gap));
                let used = total(cap_rows.iter().map(|r| &r.pledged));
                (required, pledged, gap, (pledged - used).max(0.0))
            }
            Aggregate::Max => {
                let required = cap_rows.iter().map(|r| r.required).fold(0.0, f64::max);
                let pledged = pledges.iter().copied().fold(0.0, f64::max);
                let gap = cap_rows.iter().map(|r| r.gap).fold(0.0, f64::max);
                (required, pledged, gap, (pledged - required).max(0.0))
            }
        };
        capabilities.push(CapabilityTotal {
            capability: cap.name.clone(),
            unit: cap.unit.clone(),
            required,
            pledged,
            gap,
            surplus,
        });
    }

    let layers = scenario
        .layers
        .iter()
        .map(|layer| {
            let layer_rows: Vec<&CoverageRow> =
                rows.iter().filter(|r| r.layer == layer.id).collect();
            let mut caps: Vec<LayerCapability> = Vec::new();
            for row in &layer_rows {
                let max = scenario
                    .taxonomy
                    .get(&row.capability)
                    .is_some_and(|c| c.aggregate == Aggregate::Max);
                match caps.iter_mut().find(|c| c.capability == row.capability) {
                    Some(c) if max => {
                        c.required = c.required.max(row.required);
                        c.pledged = c.pledged.max(row.pledged);
                        c.gap = c.gap.max(row.gap);
                    }
                    Some(c) => {
                        c.required += row.required;
                        c.pledged += row.pledged;
                        c.gap += row.gap;
                    }
                    None => caps.push(LayerCapability {
                        capability: row.capability.clone(),
                        unit: row.unit.clone(),
                        required: row.required,
                        pledged: row.pledged,
                        gap: row.gap,
                    }),
                }
            }
            caps.sort_by_key(|c| scenario.taxonomy.index(&c.capability));
            LayerTotal {
                layer: layer.id.clone(),
                name: layer.name.clone(),
                covered: layer_rows.iter().all(|r| r.gap <= 0.0),
                capabilities: caps,
            }
        })
        .collect();

    Coverage {
        rows,
        capabilities,
        layers,
    }
}
