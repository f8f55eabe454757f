//! The allocation of a scenario: from a checked scenario to a report with the extra pledges,
//! each contributor's burden against its fair share, the shortfalls with what binds, and the
//! assessment after the allocation.
//!
//! [`allocate`] is the entry point of `guarantor allocate`. Its JSON form ([`AllocationReport`])
//! is the stable output of `guarantor allocate --json`; `after` is shaped exactly as
//! `guarantor assess --json`. It does no I/O; formatting for the terminal is in [`crate::text`].

use guarantor_engine::{Assessment, UnknownContributor, assess, without};
use guarantor_model::{Pledge, Quantity, Scenario, Status, Target};
use schemars::JsonSchema;
use serde::Serialize;

use crate::explain::{Binding, binding};
use crate::formulate::{Focus, Objective, clean, least_possible, solve};
use crate::instance::{EPS, Instance, Origin};
use crate::program::{SolveError, Solver};
use crate::relax::{self, Relaxations, candidates};
use crate::weights::CostWeights;

/// Version of the JSON document. Additions keep it; removals and renames bump it.
pub const SCHEMA_VERSION: u32 = 1;

/// One extra pledge the allocation proposes.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Allotment {
    pub contributor: String,
    pub capability: String,
    /// Units added (for a level capability: the level provided).
    pub units: f64,
    pub unit: String,
    /// The mission it goes to.
    pub mission: String,
    /// Cost-weighted burden, EUR m per year (`data/cost-weights.toml`).
    pub burden_eur_m: f64,
}

/// A contributor's burden against its fair share.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ShareRow {
    pub contributor: String,
    /// Its fair-share key (GDP in USD bn, or the scenario's `fair_share`); 0 when it has none.
    pub key: f64,
    /// `key / Σ keys`.
    pub fair_share: f64,
    /// Burden of its pledges in force, EUR m per year.
    pub pledged_eur_m: f64,
    /// Burden the allocation adds.
    pub added_eur_m: f64,
    /// Pledged + added.
    pub total_eur_m: f64,
    /// `fair_share × ` the coalition's total.
    pub fair_eur_m: f64,
    /// `total / fair − 1`; `null` when its fair share is 0.
    pub deviation: Option<f64>,
}

/// A requirement (or a party's floor) the allocation cannot meet.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Shortfall {
    /// The mission; `null` for a party's red line that demands a contribution.
    pub mission: Option<String>,
    /// The red line, for a floor (`some` / `at least`); `null` for a mission.
    pub red_line: Option<String>,
    /// The capability (for a floor: the capabilities it names).
    pub capability: String,
    pub unit: String,
    /// What is required in place (for a floor: what it demands beyond the pledges in force).
    pub required: f64,
    /// What the allocation leaves unmet.
    pub shortfall: f64,
    /// The smallest shortfall possible if this requirement had first call on every resource.
    pub least_possible: f64,
    /// What binds: capacities, red lines, caps, competition with other missions.
    pub binding: Vec<Binding>,
}

/// Run information.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RunInfo {
    pub id: String,
    pub name: String,
    pub as_of: String,
    /// `burden` or `fair-share`.
    pub objective: String,
    /// Contributors removed for this run (`--without`).
    pub without: Vec<String>,
    /// Red lines left out for this run (`--ignore-red-line`).
    pub ignored_red_lines: Vec<String>,
    /// `gdp` or `scenario` (the contributors' `fair_share` keys).
    pub fair_share_basis: String,
    pub solver: String,
}

/// The allocation; its JSON form is `guarantor allocate --json`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct AllocationReport {
    pub schema_version: u32,
    pub run: RunInfo,
    /// True when every requirement and every party's floor is met.
    pub feasible: bool,
    /// True when they were all met before the allocation, so it adds nothing (an answer, not a
    /// failure: the reference arrangements are of this kind).
    pub nothing_to_allocate: bool,
    /// Phase-2 optimum, EUR m per year: burden added, or total deviation from fair shares.
    pub objective_value: f64,
    pub allocation: Vec<Allotment>,
    pub contributors: Vec<ShareRow>,
    pub shortfalls: Vec<Shortfall>,
    /// When not feasible: the smallest sets of red lines and caps whose lifting would make it
    /// feasible, with what each costs; `null` when feasible.
    pub relaxations: Option<Relaxations>,
    /// Red lines already crossed by pledges in force, which no allocation can undo.
    pub already_crossed: Vec<String>,
    /// The assessment after adding the allocation as pledges, shaped as `guarantor assess --json`.
    pub after: Assessment,
}

/// Options of one run.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub objective: Objective,
    /// Contributors to remove first (`--without`).
    pub without: Vec<String>,
    /// Red lines to leave out (`--ignore-red-line`), by id.
    pub ignore_red_lines: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            objective: Objective::Burden,
            without: Vec::new(),
            ignore_red_lines: Vec::new(),
        }
    }
}

/// Why an allocation could not run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AllocateError {
    #[error(transparent)]
    UnknownContributor(#[from] UnknownContributor),
    #[error("`--ignore-red-line {id}`: no red line `{id}` in this scenario{}", .hint.as_ref().map(|h| format!(" (did you mean `{h}`?)")).unwrap_or_default())]
    UnknownRedLine { id: String, hint: Option<String> },
    #[error(transparent)]
    Solver(#[from] SolveError),
}

/// Allocates extra contributions to close a scenario's gaps.
///
/// # Errors
/// An unknown `--without` contributor or ignored red line (bad input), or a solver failure.
pub fn allocate(
    scenario: &Scenario,
    options: &Options,
    weights: &CostWeights,
    solver: &dyn Solver,
) -> Result<AllocationReport, AllocateError> {
    let (mut base, excluded) = without(scenario, &options.without)?;
    for id in &options.ignore_red_lines {
        if !base.red_lines.iter().any(|r| &r.id == id) {
            return Err(AllocateError::UnknownRedLine {
                id: id.clone(),
                hint: guarantor_model::did_you_mean(
                    id,
                    base.red_lines.iter().map(|r| r.id.as_str()),
                ),
            });
        }
    }
    base.red_lines
        .retain(|r| !options.ignore_red_lines.contains(&r.id));
    let before = assess(&base);
    let inst = Instance::from_scenario(&base, &before, weights);
    let plan = solve(&inst, options.objective, solver)?;

    let allocation: Vec<Allotment> = plan
        .allocation
        .iter()
        .map(|&(o, d, units)| {
            let offer = &inst.offers[o];
            let cap = &inst.capabilities[offer.capability];
            Allotment {
                contributor: inst.members[offer.member].code.clone(),
                capability: cap.name.clone(),
                units: clean(units),
                unit: cap.unit.clone(),
                mission: inst.demands[d].mission.clone(),
                burden_eur_m: clean(units * cap.eur_m),
            }
        })
        .collect();

    let mut shortfalls = Vec::new();
    for (d, &short) in plan.demand_shortfall.iter().enumerate() {
        if short <= EPS {
            continue;
        }
        let demand = &inst.demands[d];
        let cap = &inst.capabilities[demand.capability];
        let (least, layout, x) = least_possible(&inst, Focus::Demand(d), solver)?;
        shortfalls.push(Shortfall {
            mission: Some(demand.mission.clone()),
            red_line: None,
            capability: cap.name.clone(),
            unit: cap.unit.clone(),
            required: demand.required,
            shortfall: short,
            least_possible: least,
            binding: binding(
                &inst,
                Focus::Demand(d),
                &layout,
                &x,
                &plan.allocation,
                short,
                least,
            ),
        });
    }
    for (j, &short) in plan.floor_shortfall.iter().enumerate() {
        if short <= EPS {
            continue;
        }
        let floor = &inst.floors[j];
        let (least, layout, x) = least_possible(&inst, Focus::Floor(j), solver)?;
        let id = match &floor.origin {
            Origin::RedLine { id, .. } => id.clone(),
            Origin::Cap { rule, .. } => rule.clone(),
        };
        let unit = match floor.selector.capabilities.as_slice() {
            [k] => inst.capabilities[*k].unit.clone(),
            _ => "units".to_string(),
        };
        shortfalls.push(Shortfall {
            mission: None,
            red_line: Some(id),
            capability: floor.label.clone(),
            unit,
            required: floor.need,
            shortfall: short,
            least_possible: least,
            binding: binding(
                &inst,
                Focus::Floor(j),
                &layout,
                &x,
                &plan.allocation,
                short,
                least,
            ),
        });
    }

    let relaxations = if plan.feasible() {
        None
    } else {
        let found = candidates(shortfalls.iter().flat_map(|s| &s.binding));
        Some(relax::search(
            &base,
            found,
            options.objective,
            weights,
            solver,
        )?)
    };

    // Burden against fair shares.
    let keys: f64 = inst.members.iter().map(|m| m.key.max(0.0)).sum();
    let added: Vec<f64> = inst
        .members
        .iter()
        .map(|m| {
            allocation
                .iter()
                .filter(|a| a.contributor == m.code)
                .map(|a| a.burden_eur_m)
                .sum()
        })
        .collect();
    let coalition: f64 = inst
        .members
        .iter()
        .zip(&added)
        .map(|(m, a)| m.pledged_burden + a)
        .sum();
    let contributors = inst
        .members
        .iter()
        .zip(&added)
        .map(|(m, &a)| {
            let share = if keys > 0.0 {
                m.key.max(0.0) / keys
            } else {
                0.0
            };
            let total = m.pledged_burden + a;
            let fair = share * coalition;
            ShareRow {
                contributor: m.code.clone(),
                key: m.key,
                fair_share: clean(share),
                pledged_eur_m: clean(m.pledged_burden),
                added_eur_m: clean(a),
                total_eur_m: clean(total),
                fair_eur_m: clean(fair),
                deviation: (fair > EPS).then(|| clean(total / fair - 1.0)),
            }
        })
        .collect();

    // The assessment after: the allocation as stated pledges to their missions.
    let mut after_scenario = base.clone();
    for (n, a) in allocation.iter().enumerate() {
        let location = after_scenario
            .mission(&a.mission)
            .map_or(guarantor_model::Location::Rear, |m| m.location);
        after_scenario.pledges.push(Pledge {
            id: format!("allocated-{}", n + 1),
            contributor: a.contributor.clone(),
            capability: a.capability.clone(),
            quantity: Quantity::exact(a.units),
            target: Target::Mission(a.mission.clone()),
            location,
            status: Status::Stated,
            requires: Vec::new(),
            after: Vec::new(),
            timing: guarantor_model::Timing::default(),
            sources: vec![format!(
                "guarantor allocate --objective {}",
                options.objective.name()
            )],
            evidence: Vec::new(),
            note: "proposed by the allocation, not pledged".to_string(),
        });
    }
    let mut after = assess(&after_scenario);
    after.scenario.without = options.without.clone();
    after.excluded = excluded;

    Ok(AllocationReport {
        schema_version: SCHEMA_VERSION,
        run: RunInfo {
            id: scenario.meta.id.clone(),
            name: scenario.meta.name.clone(),
            as_of: scenario.meta.as_of.clone(),
            objective: options.objective.name().to_string(),
            without: options.without.clone(),
            ignored_red_lines: options.ignore_red_lines.clone(),
            fair_share_basis: if base.contributors.iter().any(|c| c.fair_share.is_some()) {
                "scenario".to_string()
            } else {
                "gdp".to_string()
            },
            solver: solver.name().to_string(),
        },
        feasible: plan.feasible(),
        nothing_to_allocate: plan.feasible() && allocation.is_empty(),
        objective_value: plan.objective_value,
        allocation,
        contributors,
        shortfalls,
        relaxations,
        already_crossed: inst.already_crossed.clone(),
        after,
    })
}

/// The JSON Schema of [`AllocationReport`].
pub fn report_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(AllocationReport)).unwrap_or(serde_json::Value::Null)
}
