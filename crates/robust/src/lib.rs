//! Guarantor's robustness analysis: how likely a guarantee package is to cover its
//! requirements when contributors may not honour their pledges, shared causes (a US decision)
//! may not happen and planning assumptions are uncertain, and which of these decides it.
//!
//! Pipeline: a checked [`guarantor_model::Scenario`] is compiled once into a
//! [`CompiledScenario`]: the engine's coverage kernel ([`guarantor_engine::kernel`]) and the
//! uncertain inputs that set its numbers, events and pledges per draw. [`simulate()`] draws it by
//! Monte Carlo, [`sensitivity()`] decomposes the variance of one output into Sobol indices
//! ([`sobol()`] works for any function of the unit cube). [`text`] renders both for people.
//!
//! Architecture invariants: pure and deterministic. No files, no terminal, no clock; the random
//! numbers of each chunk of draws derive from (seed, chunk index) alone and sums are added in
//! chunk order, so the same seed gives the same numbers whatever the thread count. No rule of the
//! guarantee is written here: coverage is the engine's kernel, so it equals
//! [`guarantor_engine::assess()`] on the concrete scenario of any draw (a test checks it draw by
//! draw). Default pledge reliabilities come from `data/pledge-reliability.toml`.

pub mod compiled;
pub mod distribution;
pub mod reliability;
pub mod sensitivity;
pub mod simulate;
pub mod sobol;
pub mod text;

pub use compiled::{CompiledScenario, Input, InputKind, Workspace};
pub use reliability::Reliability;
pub use sensitivity::{Output, Sensitivity, UnknownOutput, sensitivity, sensitivity_with_progress};
pub use simulate::{Settings, SimulatedScenario, Simulation, simulate};
pub use sobol::{SobolRun, SobolSettings, sobol};

use guarantor_model::Scenario;

/// The scenario block of a result.
pub fn scenario_info(scenario: &Scenario, without: &[String]) -> SimulatedScenario {
    SimulatedScenario {
        id: scenario.meta.id.clone(),
        name: scenario.meta.name.clone(),
        as_of: scenario.meta.as_of.clone(),
        without: without.to_vec(),
    }
}
