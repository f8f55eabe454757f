//! How long scoring takes: one package from an assessment, and the whole `--references` report
//! (five reference scenarios loaded, assessed and scored, plus the sensitivity check).
//! Run with `cargo bench -p guarantor-credibility`.

use guarantor_credibility::{Weights, evaluate_with, report};

const AUGUST: &str = include_str!("../../../scenarios/ukraine-2025-08.toml");

fn main() {
    divan::main();
}

#[divan::bench]
fn evaluate_package(bencher: divan::Bencher) {
    let s = guarantor_model::load(AUGUST).scenario.expect("loads");
    let a = guarantor_engine::assess(&s);
    let w = Weights::default();
    bencher.bench(|| evaluate_with(divan::black_box(&s), divan::black_box(&a), &w));
}

#[divan::bench]
fn report_with_references(bencher: divan::Bencher) {
    let s = guarantor_model::load(AUGUST).scenario.expect("loads");
    let w = Weights::default();
    bencher.bench(|| report(divan::black_box(&s), &[], &w, "bench", true));
}
