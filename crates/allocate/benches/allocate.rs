//! Benchmark: allocation of a generated scenario with 40 contributors and 30 capabilities
//! (`benches/generated.rs`), goal: optimal in under 200 ms.
//!
//! Run: `cargo bench -p guarantor-allocate --bench allocate`. `solve_*` times the MILP phases
//! alone (HiGHS, single-threaded); `allocate_*` the whole run (assessments before and after,
//! instance, solve, explanations). Timings are reported, not asserted.

use guarantor_allocate::formulate::{Objective, solve};
use guarantor_allocate::{Highs, Instance, Options, allocate};
use guarantor_engine::assess;

#[path = "generated.rs"]
mod generated;

fn main() {
    divan::main();
}

fn setup() -> (guarantor_model::Scenario, guarantor_allocate::CostWeights) {
    let (text, weights) = generated::scenario(7);
    let loaded = guarantor_model::load(&text);
    (
        loaded.scenario.expect("the generated scenario loads"),
        weights,
    )
}

#[divan::bench(args = [Objective::Burden, Objective::FairShare], sample_count = 20)]
fn solve_40x30(bencher: divan::Bencher, objective: Objective) {
    let (scenario, weights) = setup();
    let inst = Instance::from_scenario(&scenario, &assess(&scenario), &weights);
    bencher.bench(|| {
        let plan = solve(divan::black_box(&inst), objective, &Highs).unwrap();
        assert!(plan.feasible());
        plan
    });
}

#[divan::bench(args = [Objective::Burden, Objective::FairShare], sample_count = 20)]
fn allocate_40x30(bencher: divan::Bencher, objective: Objective) {
    let (scenario, weights) = setup();
    let options = Options {
        objective,
        ..Options::default()
    };
    bencher.bench(|| allocate(divan::black_box(&scenario), &options, &weights, &Highs).unwrap());
}
