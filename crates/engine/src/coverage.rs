//! Coverage: pledges in force set against requirements, giving the gap per mission, layer and
//! capability.
//!
//! Pledges are matched to requirements in three passes, most specific first, so that a pledge
//! aimed at a mission is never used up elsewhere: (1) pledges to a mission fill that mission;
//! (2) pledges to a layer fill that layer's missions, in file order; (3) pledges with no target
//! fill any mission needing the capability, in file order. What is left is surplus. For
//! capabilities that combine by `max` (a level of intelligence sharing), each requirement takes the
//! best eligible pledge instead. Because every pass only adds supply, adding a pledge never widens
//! a gap: a law the property tests check.

use guarantor_model::{Aggregate, Scenario, Target};
use schemars::JsonSchema;
use serde::Serialize;

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

/// Matches in-force pledges (`in_force[i]` for `scenario.pledges[i]`) to requirements.
pub(crate) fn coverage(
    scenario: &Scenario,
    requirements: &[Requirement],
    in_force: &[bool],
) -> Coverage {
    let basis = scenario.meta.quantity_basis;
    let mut rows: Vec<CoverageRow> = requirements
        .iter()
        .map(|r| CoverageRow {
            layer: r.layer.clone(),
            mission: r.mission.clone(),
            capability: r.capability.clone(),
            unit: r.unit.clone(),
            required: r.required,
            pledged: 0.0,
            gap: 0.0,
            covered: 0.0,
            from: Vec::new(),
        })
        .collect();
    let mut left: Vec<f64> = scenario
        .pledges
        .iter()
        .map(|p| p.quantity.value(basis))
        .collect();
    let active: Vec<usize> = (0..scenario.pledges.len())
        .filter(|&i| in_force[i] && left[i] > 0.0)
        .collect();
    let eligible = |pass: u8, row: &CoverageRow, i: usize| {
        let p = &scenario.pledges[i];
        p.capability == row.capability
            && match (&p.target, pass) {
                (Target::Mission(m), 0) => *m == row.mission,
                (Target::Layer(l), 1) => *l == row.layer,
                (Target::Anywhere, 2) => true,
                _ => false,
            }
    };
    for pass in 0..3u8 {
        for row in rows.iter_mut() {
            let aggregate = scenario
                .taxonomy
                .get(&row.capability)
                .map_or(Aggregate::Sum, |c| c.aggregate);
            for &i in &active {
                if !eligible(pass, row, i) {
                    continue;
                }
                let p = &scenario.pledges[i];
                match aggregate {
                    Aggregate::Sum => {
                        let need = (row.required - row.pledged).max(0.0);
                        let take = left[i].min(need);
                        if take > 0.0 {
                            left[i] -= take;
                            row.pledged += take;
                            row.from.push(Contribution {
                                pledge: p.id.clone(),
                                contributor: p.contributor.clone(),
                                units: take,
                            });
                        }
                    }
                    Aggregate::Max => {
                        let level = p.quantity.value(basis);
                        if level > row.pledged {
                            row.pledged = level;
                            row.from = vec![Contribution {
                                pledge: p.id.clone(),
                                contributor: p.contributor.clone(),
                                units: level,
                            }];
                        }
                    }
                }
            }
        }
    }
    for row in rows.iter_mut() {
        row.gap = (row.required - row.pledged).max(0.0);
        row.covered = if row.required > 0.0 {
            (row.pledged / row.required).min(1.0)
        } else {
            1.0
        };
    }

    let mut capabilities = Vec::new();
    for cap in scenario.taxonomy.capabilities() {
        let cap_rows: Vec<&CoverageRow> =
            rows.iter().filter(|r| r.capability == cap.name).collect();
        let pledges: Vec<f64> = active
            .iter()
            .filter(|&&i| scenario.pledges[i].capability == cap.name)
            .map(|&i| scenario.pledges[i].quantity.value(basis))
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
