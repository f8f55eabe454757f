//! Lists the dev split's gold claims that the extraction rules alone (no learned classifier)
//! miss, for one language: article, target, stance, whether the rules state the target
//! elsewhere in the article (`T`) or nowhere (`-`), and the gold evidence. A tool for writing
//! lexicon entries from real wording; the test split is never listed.
//!
//! Run: `cargo run -p guarantor-evidence --release --example misses -- en` (a language code of
//! the corpus: en, uk, ru, de, fr, pl, it, es, nl, pt, ro, tr). Output is tab-separated.
//!
//! With `-- en --wrong` it lists instead the rules' claims the gold does not have: article,
//! target, stance stated, the stances the gold gives that target in the article (`-` for none),
//! and the statement's quote.

#[path = "../tests/support/evaluation.rs"]
mod evaluation;

use std::collections::{BTreeSet, HashMap};
use std::io::Write;

use evaluation::*;
use guarantor_evidence::{Extractor, Lexicon, Pipeline};

fn main() {
    let wrong = std::env::args().any(|a| a == "--wrong");
    let Some(lang) = std::env::args().nth(1) else {
        eprintln!("usage: misses LANG   (e.g. `misses en`; lists the dev split's missed claims)");
        std::process::exit(2);
    };
    let pipeline = Pipeline {
        extractor: Extractor::new(&Lexicon::default()),
        ..Pipeline::default()
    };
    let corpus = load_corpus(Split::Dev);
    let gold: HashMap<&str, &CorpusGold> = corpus.gold.iter().map(|g| (g.id.as_str(), g)).collect();
    let mut articles = 0;
    // A closed pipe (`| head`) ends the listing quietly.
    let mut out = std::io::stdout().lock();
    for raw in &corpus.articles {
        if raw.lang.as_deref() != Some(lang.as_str()) {
            continue;
        }
        let (Ok(p), Some(g)) = (pipeline.process(raw), gold.get(raw.id.as_str())) else {
            continue;
        };
        articles += 1;
        let predicted: BTreeSet<(&str, &str)> = p
            .statements
            .iter()
            .map(|s| (s.capability.as_str(), s.stance.as_str()))
            .collect();
        if wrong {
            let gold_claims: BTreeSet<(&str, &str)> = g
                .statements
                .iter()
                .map(|s| (s.target.as_str(), s.stance.as_str()))
                .collect();
            let mut seen = BTreeSet::new();
            for s in &p.statements {
                let claim = (s.capability.as_str(), s.stance.as_str());
                if gold_claims.contains(&claim) || !seen.insert(claim) {
                    continue;
                }
                let stances: Vec<&str> = gold_claims
                    .iter()
                    .filter(|(t, _)| *t == claim.0)
                    .map(|(_, st)| *st)
                    .collect();
                let stances = if stances.is_empty() {
                    "-".to_string()
                } else {
                    stances.join(",")
                };
                let line = writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}",
                    raw.id,
                    claim.0,
                    claim.1,
                    stances,
                    s.quote.replace('\n', " ")
                );
                if line.is_err() {
                    return;
                }
            }
            continue;
        }
        for s in &g.statements {
            if predicted.contains(&(s.target.as_str(), s.stance.as_str())) {
                continue;
            }
            let target_found = predicted.iter().any(|(t, _)| *t == s.target);
            let line = writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}",
                raw.id,
                s.target,
                s.stance,
                if target_found { "T" } else { "-" },
                s.evidence.replace('\n', " ")
            );
            if line.is_err() {
                return;
            }
        }
    }
    if articles == 0 {
        eprintln!("no dev article in language `{lang}`");
        std::process::exit(2);
    }
}
