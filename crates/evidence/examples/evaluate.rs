//! Prints the evaluation of the evidence pipeline: per-stage precision and recall on the
//! fixture articles; on the real corpus (`tests/corpus/{dev,test}`), per language and overall,
//! P/R/F1 on (article, target, stance), the actor accuracy of matched claims and the recall and
//! precision of rewrite links; and main-content extraction on the ScrapingHub benchmark
//! (dom_smoothie alone and with the line classifier).
//!
//! Run: `cargo run -p guarantor-evidence --release --example evaluate` (both splits), with
//! `-- --split dev` for the development split only, and `-- --diff` for every difference from
//! the gold of the fixtures and of the development split. `GUARANTOR_CORPUS=DIR` reads the
//! splits from `DIR/dev` and `DIR/test` instead, or `DIR` itself as the test split when it is not
//! split (a corpus of your own, annotated by ANNOTATION.md: every `.jsonl` file, a line with
//! `text` an article and one with `statements` its annotation). Differences are never printed for the
//! test split: it is for measuring, not for tuning. The floors are enforced by
//! `tests/evaluation.rs`, not here.

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
        "{:<24} {:>9} {:>7} {:>6}   tp/fp/fn",
        "stage", "precision", "recall", "F1"
    );
    for (name, c) in [
        ("clean", r.clean),
        ("dedupe", r.dedupe),
        ("resolve", r.resolve),
        ("extract", r.extract),
        ("extract by ANNOTATION.md", r.extract_annotated),
        ("  (target, stance) only", r.extract_annotated_claims),
    ] {
        println!(
            "{name:<24} {:>9.3} {:>7.3} {:>6.3}   {}/{}/{}",
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
    let args: Vec<String> = std::env::args().collect();
    let diff = args.iter().any(|a| a == "--diff");
    if diff {
        println!("\nDifferences against gold:");
        for d in fixture_differences(&pipeline) {
            println!("  {d}");
        }
    }
    let split_arg = args
        .iter()
        .position(|a| a == "--split")
        .and_then(|i| args.get(i + 1))
        .map(String::as_str);
    let splits: Vec<Split> = match split_arg {
        Some("dev") => vec![Split::Dev],
        Some("test") => vec![Split::Test],
        _ => vec![Split::Dev, Split::Test],
    };
    for split in splits {
        let mut differences = Vec::new();
        let want_diff = diff && split == Split::Dev;
        let r = evaluate_corpus(&pipeline, split, want_diff.then_some(&mut differences));
        print_corpus(split, &r);
        for d in &differences {
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

/// Resamples of the stories for the F1 interval: enough for its ends to stay put within 0.002.
const BOOTSTRAP_RESAMPLES: usize = 2000;

fn print_corpus(split: Split, r: &CorpusReport) {
    println!(
        "\nReal corpus, {} split ({}): (article, target, stance)",
        split.dir_name(),
        corpus_dir(split).display()
    );
    if r.overall.articles == 0 {
        println!("  no articles found");
        return;
    }
    println!(
        "  {:<12} {:>8} {:>9} {:>7} {:>6} {:>14}           {:>8} {:>9}   tp/fp/fn",
        "language",
        "articles",
        "precision",
        "recall",
        "F1",
        "actor accuracy",
        "modality",
        "asserted"
    );
    let mut rows: Vec<(String, &LangScores)> =
        r.per_lang.iter().map(|(l, s)| (l.clone(), s)).collect();
    rows.push(("non-English".to_string(), &r.non_english));
    rows.push(("overall".to_string(), &r.overall));
    for (lang, s) in rows {
        println!(
            "  {:<12} {:>8} {:>9.3} {:>7.3} {:>6.3} {:>8.3} {:>13} {:>8.3} {:>9.3}   {}/{}/{}",
            lang,
            s.articles,
            s.extract.precision(),
            s.extract.recall(),
            s.extract.f1(),
            s.actor_accuracy(),
            format!("({}/{})", s.actor_right, s.actor_matched),
            s.modality_accuracy(),
            s.modality_baseline(),
            s.extract.tp,
            s.extract.fp,
            s.extract.fn_
        );
    }
    // How far the F1 would move on another sample of stories like these: two runs whose
    // figures differ by less than the interval's half-width have not been told apart.
    let interval = |counted: &dyn Fn(&str) -> bool| {
        story_interval(&r.per_article, counted, BOOTSTRAP_RESAMPLES)
            .map(|(lo, hi)| format!("{lo:.3} to {hi:.3}"))
            .unwrap_or_else(|| "none".to_string())
    };
    println!(
        "  F1, 95% interval over {BOOTSTRAP_RESAMPLES} resamples of the stories: overall {}, non-English {}",
        interval(&|_| true),
        interval(&|lang| lang != "en")
    );
    let q = |s: &LangScores| {
        format!(
            "recall {:.3} ({}/{}) precision {:.3} ({}/{})",
            s.quantity_recall(),
            s.quantity_found,
            s.quantity_gold,
            s.quantity_precision(),
            s.quantity_right,
            s.quantity_emitted
        )
    };
    println!(
        "  quantities of matched claims: English {}; other languages {}",
        q(r.per_lang.get("en").unwrap_or(&LangScores::default())),
        q(&r.non_english)
    );
    let who = |s: &LangScores| {
        format!(
            "P {:.3} R {:.3} F1 {:.3} ({}/{}/{})",
            s.who.precision(),
            s.who.recall(),
            s.who.f1(),
            s.who.tp,
            s.who.fp,
            s.who.fn_
        )
    };
    println!(
        "  who holds each claim, (article, actor, target, stance): English {}; other languages {}; overall {}",
        who(r.per_lang.get("en").unwrap_or(&LangScores::default())),
        who(&r.non_english),
        who(&r.overall)
    );
    println!(
        "  rewrite links: recall {:.3} precision {:.3}   tp/fp/fn {}/{}/{}",
        r.rewrite.recall(),
        r.rewrite.precision(),
        r.rewrite.tp,
        r.rewrite.fp,
        r.rewrite.fn_
    );
    println!("  claims by how they were found (precision, right/emitted):");
    for band in SOURCE_BANDS {
        let c = r.by_source.get(band).copied().unwrap_or_default();
        println!(
            "    {band:<20} {:>6.3}   {}/{}",
            c.precision(),
            c.tp,
            c.tp + c.fp
        );
    }
    for e in &r.errors {
        println!("  error: {e}");
    }
}
