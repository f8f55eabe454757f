//! The coverage kernel against what it must agree with: the requirement formulas as
//! [`guarantor_engine::requirements`] writes them out, on every shipped scenario and with each
//! contributor removed; and itself, evaluated again in a reused state.

use std::path::{Path, PathBuf};

use guarantor_engine::{Kernel, assess, assess_without};
use guarantor_model::{Scenario, load};

fn shipped() -> Vec<(PathBuf, Scenario)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let mut files = Vec::new();
    for dir in [
        root.clone(),
        root.join("references"),
        root.join("validation"),
    ] {
        let mut here: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        here.sort();
        files.extend(here);
    }
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let scenario = load(&text)
                .scenario
                .unwrap_or_else(|| panic!("{} does not load", path.display()));
            (path, scenario)
        })
        .collect()
}

/// The amount a coverage row is filled against (the kernel's arithmetic) is, bit for bit, the
/// amount the requirement's formula states (the formula's arithmetic), with every contributor
/// present and with each one removed.
#[test]
fn kernel_requirements_equal_the_formulas_on_every_shipped_scenario() {
    let scenarios = shipped();
    assert!(scenarios.len() >= 10, "{} scenarios", scenarios.len());
    for (path, s) in &scenarios {
        let mut runs = vec![assess(s)];
        for c in &s.contributors {
            runs.push(assess_without(s, std::slice::from_ref(&c.code)).unwrap());
        }
        for a in runs {
            assert_eq!(a.coverage.len(), a.requirements.len());
            for (row, req) in a.coverage.iter().zip(&a.requirements) {
                assert_eq!(
                    row.required.to_bits(),
                    req.required.to_bits(),
                    "{} without {:?}: {} {}",
                    path.display(),
                    a.scenario.without,
                    row.mission,
                    row.capability
                );
            }
        }
    }
}

/// A state reused after another evaluation gives exactly what a fresh one gives: nothing of the
/// earlier draw survives in the buffers.
#[test]
fn a_reused_state_keeps_nothing_of_the_last_evaluation() {
    for (path, s) in shipped() {
        let kernel = Kernel::new(&s);
        let mut fresh = kernel.state();
        kernel.evaluate(&mut fresh);
        let mut reused = kernel.state();
        for i in (0..reused.available.len()).step_by(2) {
            reused.available[i] = false;
        }
        reused.events.iter_mut().for_each(|e| *e = !*e);
        for (i, v) in reused.values.iter_mut().enumerate() {
            *v *= 1.0 + (i % 3) as f64;
        }
        kernel.evaluate(&mut reused);
        let point = kernel.state();
        reused.values.copy_from_slice(&point.values);
        reused.events.copy_from_slice(&point.events);
        reused.available.copy_from_slice(&point.available);
        kernel.evaluate(&mut reused);
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(reused.in_force(), fresh.in_force(), "{}", path.display());
        assert_eq!(bits(reused.required()), bits(fresh.required()));
        assert_eq!(bits(reused.pledged()), bits(fresh.pledged()));
    }
}

/// At the scenario's own point the kernel's pledges in force and per-row figures are the ones
/// `assess` reports.
#[test]
fn assess_reports_the_kernel_at_the_scenarios_point() {
    for (path, s) in shipped() {
        let kernel = Kernel::new(&s);
        let mut st = kernel.state();
        kernel.evaluate(&mut st);
        let a = assess(&s);
        let in_force: Vec<bool> = a.pledges.iter().map(|p| p.in_force).collect();
        assert_eq!(in_force, st.in_force(), "{}", path.display());
        for (r, row) in a.coverage.iter().enumerate() {
            assert_eq!(row.pledged.to_bits(), st.pledged()[r].to_bits());
            assert_eq!(row.gap.to_bits(), st.gap(r).to_bits());
            assert_eq!(row.covered.to_bits(), st.covered(r).to_bits());
        }
    }
}
