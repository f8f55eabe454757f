//! Scenarios shared by the tests.

use guarantor_model::{Scenario, load};
use guarantor_robust::{CompiledScenario, Reliability, Settings, SimulatedScenario, Simulation};

pub const AUGUST: &str = include_str!("../../../../scenarios/ukraine-2025-08.toml");

/// A scenario with every problem found (panics with the diagnostics in a test).
pub fn scenario(text: &str) -> Scenario {
    let loaded = load(text);
    match loaded.scenario {
        Some(s) => s,
        None => panic!(
            "{}",
            guarantor_model::diag::render("test.toml", text, &loaded.diagnostics)
        ),
    }
}

pub fn compile(s: &Scenario) -> CompiledScenario {
    CompiledScenario::new(s, &Reliability::default())
}

pub fn run(s: &Scenario, draws: u64, seed: u64) -> Simulation {
    let model = compile(s);
    guarantor_robust::simulate(
        &model,
        guarantor_robust::scenario_info(s, &[]),
        Settings { draws, seed },
        &|_| {},
    )
}

pub fn info(s: &Scenario) -> SimulatedScenario {
    guarantor_robust::scenario_info(s, &[])
}

/// The head of a small scenario: one layer, contributors USA, GBR, FRA, DEU, an event
/// `us_backstop` with `event_probability`. Missions and pledges are appended by each test.
pub fn head(event_probability: f64) -> String {
    format!(
        r#"
[scenario]
id = "test"
name = "Test"
as_of = "2025-08-19"

[theatre]
protected = "UKR"
adversary = "RUS"

[[events]]
id = "us_backstop"
probability = {event_probability}
probability_source = "test"

[[layers]]
id = "reassurance"
name = "Reassurance"

[[contributors]]
code = "USA"
name = "United States"

[[contributors]]
code = "GBR"
name = "United Kingdom"

[[contributors]]
code = "FRA"
name = "France"

[[contributors]]
code = "DEU"
name = "Germany"
"#
    )
}

/// A mission `id` requiring `amount` of `capability`.
pub fn mission(id: &str, capability: &str, amount: f64) -> String {
    format!(
        r#"
[[missions]]
id = "{id}"
layer = "reassurance"
name = "{id}"

[[missions.requirements]]
capability = "{capability}"
method = "fixed"
amount = {amount}
source = "test"
"#
    )
}

/// A pledge; `extra` holds further lines (`depends_on = [...]`, `conditions = ...`).
pub fn pledge(
    id: &str,
    contributor: &str,
    capability: &str,
    quantity: f64,
    mission: &str,
    probability: f64,
    extra: &str,
) -> String {
    format!(
        r#"
[[pledges]]
id = "{id}"
contributor = "{contributor}"
capability = "{capability}"
quantity = {quantity}
mission = "{mission}"
status = "stated"
probability = {probability}
probability_source = "test"
sources = ["test"]
{extra}
"#
    )
}
