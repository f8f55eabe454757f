//! Requirements: how much of each capability a mission needs, by a stated formula.
//!
//! Each method is a force-sizing practice from the literature (see `docs/scenario-format.md`):
//! troops or monitors per km of a line (force-to-space), units per protected site, a fixed amount,
//! or a base divided by a ratio (trainees per instructor, residents per soldier). The result is the
//! amount needed *in place at any one time*; the rotation factor turns it into the force that must
//! be generated to keep it there. Formulas are returned with every parameter, so a report can show
//! how each number was made.

use std::collections::BTreeMap;

use guarantor_model::{Base, Method, MethodKind, Mission, RequirementSpec, Scenario};
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
    /// How it is computed: `per_km`, `per_site`, `fixed` or `ratio`.
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

/// Computes every requirement of every mission, in file order.
pub fn requirements(scenario: &Scenario) -> Vec<Requirement> {
    scenario
        .missions
        .iter()
        .flat_map(|m| {
            m.requirements
                .iter()
                .map(move |r| requirement(scenario, m, r))
        })
        .collect()
}

fn requirement(scenario: &Scenario, mission: &Mission, spec: &RequirementSpec) -> Requirement {
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
