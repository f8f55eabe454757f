//! Prints the evaluation of the evidence pipeline: per-stage precision and recall on the
//! fixture articles, the differences against the gold annotations, and main-content extraction
//! on the ScrapingHub benchmark (dom_smoothie alone and with the line classifier).
//!
//! Run: `cargo run -p guarantor-evidence --release --example evaluate`. The floors are enforced
//! by `tests/evaluation.rs`, not here.

#[path = "../tests/support/evaluation.rs"]
mod evaluation;

use evaluation::*;
use guarantor_evidence::Pipeline;

fn main() {
    let pipeline = Pipeline::default();
    let r = evaluate_fixtures(&pipeline);
    println!(
        "Fixture set: {} articles (crates/evidence/tests/fixtures)",
        r.articles
    );
    println!(
        "{:<8} {:>9} {:>7} {:>6}   tp/fp/fn",
        "stage", "precision", "recall", "F1"
    );
    for (name, c) in [
        ("clean", r.clean),
        ("dedupe", r.dedupe),
        ("resolve", r.resolve),
        ("extract", r.extract),
    ] {
        println!(
            "{name:<8} {:>9.3} {:>7.3} {:>6.3}   {}/{}/{}",
            c.precision(),
            c.recall(),
            c.f1(),
            c.tp,
            c.fp,
            c.fn_
        );
    }
    println!(
        "boilerplate lines removed: {}/{}",
        r.boilerplate_removed.0, r.boilerplate_removed.1
    );
    for e in &r.errors {
        println!("error: {e}");
    }
    if std::env::args().any(|a| a == "--diff") {
        println!("\nDifferences against gold:");
        for d in fixture_differences(&pipeline) {
            println!("  {d}");
        }
    }
    match extraction_benchmark_dir() {
        None => println!(
            "\nnote: ScrapingHub benchmark not found next to the workspace; extraction not measured"
        ),
        Some(dir) => {
            println!(
                "\nMain-content extraction, ScrapingHub article-extraction-benchmark (4-shingle P/R/F1 as evaluate.py):"
            );
            let a = evaluate_extraction(&dir, dom_smoothie_only);
            println!(
                "  dom_smoothie 0.19 alone          pages {}  P {:.3}  R {:.3}  F1 {:.3}  {:.2}s",
                a.pages, a.precision, a.recall, a.f1, a.seconds
            );
            let b = evaluate_extraction(&dir, |h| clean_stage(&pipeline, h));
            println!(
                "  clean stage (+ line classifier)  pages {}  P {:.3}  R {:.3}  F1 {:.3}  {:.2}s",
                b.pages, b.precision, b.recall, b.f1, b.seconds
            );
        }
    }
}
