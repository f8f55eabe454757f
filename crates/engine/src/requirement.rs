//! Requirements: how much of each capability a mission needs, by a stated formula.
//!
//! Each method is a force-sizing practice from the literature (see `docs/scenario-format.md`):
//! troops or monitors per km of a line (force-to-space), units per protected site, a fixed amount,
//! a base divided by a ratio (trainees per instructor, residents per soldier), a number of
//! formations of an echelon, a multiple of another requirement (protection per monitor), or a
//! zone's area × a density. The result is the
//! amount needed *in place at any one time*; the rotation factor turns it into the force that must
//! be generated to keep it there. Formulas are returned with every parameter, so a report can show
//! how each number was made.

use std::collections::BTreeMap;

use guarantor_model::{Base, Method, MethodKind, Mission, RequirementSpec, Scenario, Zone};
use schemars::JsonSchema;
use serde::Serialize;

use crate::number::fmt_num;

/// One mission's need for one capability.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Requirement {
    pub layer: String,
    pub mission: String,
    pub capability: String,
    pub unit: String,
    /// How it is computed: `per_km`, `per_site`, `fixed`, `ratio`, `echelon`, `dependent` or
    /// `area`.
    pub method: MethodKind,
    /// The arithmetic, e.g. `contact_line 1,250 km × 40 per km`.
    pub formula: String,
    /// Every parameter of the formula by name.
    pub parameters: BTreeMap<String, serde_json::Value>,
    /// Needed in place at any one time.
    pub required: f64,
    /// Units in the force pool per unit in place.
    pub rotation: f64,
    /// `required × rotation` for capabilities physically present (people, platforms); equal to
    /// `required` for the others (money, intelligence, commitments), which do not rotate.
    pub force_generation: f64,
    pub source: String,
}

/// Computes every requirement of every mission, in file order. A `dependent` requirement is
/// computed after the one it derives from ([`Scenario::requirement_order`]) and reads its amount.
pub fn requirements(scenario: &Scenario) -> Vec<Requirement> {
    let rows = scenario.requirement_rows();
    let mut done: Vec<Option<Requirement>> = vec![None; rows.len()];
    for i in scenario.requirement_order() {
        let (m, r) = rows[i];
        let mission = &scenario.missions[m];
        let computed = requirement(scenario, mission, &mission.requirements[r], &done);
        done[i] = Some(computed);
    }
    done.into_iter().flatten().collect()
}

fn requirement(
    scenario: &Scenario,
    mission: &Mission,
    spec: &RequirementSpec,
    done: &[Option<Requirement>],
) -> Requirement {
    let mut parameters = BTreeMap::new();
    let mut param = |name: &str, value: serde_json::Value| {
        parameters.insert(name.to_string(), value);
    };
    let (required, formula) = match &spec.method {
        Method::PerKm { line, density } => {
            let km = scenario.theatre.line(line).map_or(0.0, |l| l.km);
            param("line", line.clone().into());
            param("line_km", km.into());
            param("density_per_km", (*density).into());
            (
                km * density,
                format!("{line} {} km × {} per km", fmt_num(km), fmt_num(*density)),
            )
        }
        Method::PerSite { kinds, per_site } => {
            let sites: Vec<&str> = scenario
                .theatre
                .sites
                .iter()
                .filter(|s| kinds.contains(&s.kind))
                .map(|s| s.id.as_str())
                .collect();
            let n = sites.len() as f64;
            param("kinds", kinds.clone().into());
            param("sites", sites.clone().into());
            param("site_count", n.into());
            param("per_site", (*per_site).into());
            (
                n * per_site,
                format!(
                    "{} sites ({}) × {} per site",
                    sites.len(),
                    kinds.join(", "),
                    fmt_num(*per_site)
                ),
            )
        }
        Method::Fixed { amount } => {
            param("amount", (*amount).into());
            (*amount, format!("fixed {}", fmt_num(*amount)))
        }
        Method::Ratio { base, per } => {
            let (name, value) = match base {
                Base::Number(n) => ("base".to_string(), *n),
                Base::Population => (
                    "population".to_string(),
                    scenario
                        .theatre
                        .population
                        .as_ref()
                        .map_or(0.0, |p| p.value),
                ),
                Base::AreaKm2 => (
                    "area_km2".to_string(),
                    scenario.theatre.area_km2.as_ref().map_or(0.0, |p| p.value),
                ),
            };
            param("base", value.into());
            param("base_is", name.clone().into());
            param("per", (*per).into());
            (
                value / per,
                format!("{name} {} ÷ {} per unit", fmt_num(value), fmt_num(*per)),
            )
        }
        Method::Echelon {
            echelon,
            count,
            size,
            basis,
        } => {
            param("echelon", echelon.name().into());
            param("count", (*count).into());
            param("size", (*size).into());
            param("size_source", basis.source.clone().into());
            let from = match (&basis.formation, basis.take) {
                (Some(formation), Some(take)) => {
                    param("formation", formation.clone().into());
                    param("take", take.name().into());
                    if let (Some(low), Some(high)) = (basis.low, basis.high) {
                        param("formation_low", low.into());
                        param("formation_high", high.into());
                    }
                    if let Some(enablers) = basis.includes_enablers {
                        param("includes_enablers", enablers.into());
                    }
                    let what = if basis.includes_enablers == Some(true) {
                        "with enablers"
                    } else {
                        "as organised"
                    };
                    format!("{formation}, {take}, {what}")
                }
                _ => "stated size".to_string(),
            };
            (
                count * size,
                format!(
                    "{} × {echelon} of {} ({from})",
                    fmt_num(*count),
                    fmt_num(*size)
                ),
            )
        }
        Method::Dependent {
            mission: of_mission,
            capability,
            per,
        } => {
            // The loader guarantees the requirement exists and the order computes it first.
            let of = scenario
                .requirement_row(of_mission, capability)
                .and_then(|i| done[i].as_ref())
                .map_or(0.0, |r| r.required);
            let name = format!("{of_mission}.{capability}");
            param("of", name.clone().into());
            param("of_required", of.into());
            param("per", (*per).into());
            (
                of * per,
                format!("{name} {} × {} per unit", fmt_num(of), fmt_num(*per)),
            )
        }
        Method::Area { zone, density } => {
            param("density_per_km2", (*density).into());
            let (km2, zone_text) = match zone {
                Zone::Km2(km2) => (*km2, format!("{} km²", fmt_num(*km2))),
                Zone::Strip {
                    length_km,
                    depth_km,
                } => {
                    param("length_km", (*length_km).into());
                    param("depth_km", (*depth_km).into());
                    let km2 = length_km * depth_km;
                    (
                        km2,
                        format!(
                            "zone {} km × {} km = {} km²",
                            fmt_num(*length_km),
                            fmt_num(*depth_km),
                            fmt_num(km2)
                        ),
                    )
                }
            };
            param("km2", km2.into());
            (
                km2 * density,
                format!("{zone_text} × {} per km²", fmt_num(*density)),
            )
        }
    };
    let capability = scenario.taxonomy.get(&spec.capability);
    let rotates = capability.is_some_and(|c| c.presence);
    let rotation = if rotates { spec.rotation } else { 1.0 };
    param("rotation", rotation.into());
    Requirement {
        layer: mission.layer.clone(),
        mission: mission.id.clone(),
        capability: spec.capability.clone(),
        unit: capability.map_or(String::new(), |c| c.unit.clone()),
        method: spec.method.kind(),
        formula,
        parameters,
        required,
        rotation,
        force_generation: required * rotation,
        source: spec.source.clone(),
    }
}
