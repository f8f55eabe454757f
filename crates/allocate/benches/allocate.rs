//! Benchmark: allocation of a generated scenario with 40 contributors and 30 capabilities
//! (`benches/generated.rs`), goals: fair share optimal in under 200 ms, least burden in under
//! 100 ms.
//!
//! Run: `cargo bench -p guarantor-allocate --bench allocate`, and with
//! `--features solver-highs` to put HiGHS beside CBC in the same run. Every case is named
//! `solver/objective`. `solve_*` times the MILP phases alone (single-threaded); `allocate_*` the
//! whole run with the default solver (assessments before and after, instance, solve,
//! explanations). Timings are reported, not asserted.

use std::fmt;

use guarantor_allocate::formulate::{Objective, solve};
use guarantor_allocate::{DefaultSolver, Instance, Options, allocate, shipped_solvers};
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

/// One solver on one objective.
#[derive(Clone, Copy)]
struct Case {
    solver: usize,
    objective: Objective,
}

impl fmt::Display for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let solver = shipped_solvers()[self.solver].name();
        write!(f, "{solver}/{}", self.objective.name())
    }
}

fn cases() -> Vec<Case> {
    (0..shipped_solvers().len())
        .flat_map(|solver| {
            [Objective::Burden, Objective::FairShare].map(|objective| Case { solver, objective })
        })
        .collect()
}

#[divan::bench(args = cases(), sample_count = 20)]
fn solve_40x30(bencher: divan::Bencher, case: Case) {
    let (scenario, weights) = setup();
    let inst = Instance::from_scenario(&scenario, &assess(&scenario), &weights);
    let solvers = shipped_solvers();
    let solver = solvers[case.solver].as_ref();
    bencher.bench(|| {
        let plan = solve(divan::black_box(&inst), case.objective, solver).unwrap();
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
    bencher.bench(|| {
        allocate(
            divan::black_box(&scenario),
            &options,
            &weights,
            &DefaultSolver,
        )
        .unwrap()
    });
}
