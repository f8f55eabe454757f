//! The benchmark's generated scenario (40 contributors, 30 capabilities) loads, is feasible, and
//! its allocation leaves no gap; timing is the benchmark's job (`benches/allocate.rs`).

use guarantor_allocate::formulate::Objective;
use guarantor_allocate::{DefaultSolver, Options, allocate};

#[path = "../benches/generated.rs"]
mod generated;

#[test]
fn generated_40x30_is_feasible_and_closes_every_gap() {
    let (text, weights) = generated::scenario(7);
    let loaded = guarantor_model::load(&text);
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    let scenario = loaded.scenario.unwrap();
    assert_eq!(scenario.contributors.len(), generated::CONTRIBUTORS);
    for objective in [Objective::Burden, Objective::FairShare] {
        let options = Options {
            objective,
            ..Options::default()
        };
        let r = allocate(&scenario, &options, &weights, &DefaultSolver).unwrap();
        assert!(r.feasible, "{objective:?}: {:?}", r.shortfalls);
        assert_eq!(r.after.summary.with_gap, 0);
        assert!(r.after.red_lines.iter().all(|l| !l.violated));
    }
}
