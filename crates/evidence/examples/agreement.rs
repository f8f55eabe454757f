//! Inter-annotator agreement on the development split: how far two people applying
//! `../shared/ANNOTATION.md` to the same real articles agree, scored exactly as the extractor is
//! scored (claims of (article, target, stance)). The second annotations are in
//! `tests/corpus/agreement/second-*.jsonl` (see the README there); the first are the dev split's
//! `gold-*.jsonl`.
//!
//! Why: the extractor's F1 means little without the ceiling a second reader reaches; a target
//! above agreement cannot be met by any extractor, and the stances on which readers disagree
//! are the conventions to sharpen before more annotation.
//!
//! Run: `cargo run -p guarantor-evidence --release --example agreement`.

#[path = "../tests/support/evaluation.rs"]
mod evaluation;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use evaluation::*;
use guarantor_evidence::Pipeline;

fn claims(g: &CorpusGold) -> BTreeSet<(String, String)> {
    g.statements
        .iter()
        .map(|s| (s.target.clone(), s.stance.clone()))
        .collect()
}

fn main() {
    let dir = corpus_dir(Split::Dev).join("../agreement");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| {
            eprintln!("agreement: cannot read {}: {e}", dir.display());
            std::process::exit(2)
        })
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("second-") && n.ends_with(".jsonl"))
        })
        .collect();
    files.sort();
    let mut second: Vec<CorpusGold> = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("agreement file readable");
        for (i, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            match serde_json::from_str::<CorpusGold>(line) {
                Ok(g) => second.push(g),
                Err(e) => {
                    eprintln!("agreement: {}:{}: {e}", f.display(), i + 1);
                    std::process::exit(2)
                }
            }
        }
    }
    let corpus = load_corpus(Split::Dev);
    let first: HashMap<&str, &CorpusGold> =
        corpus.gold.iter().map(|g| (g.id.as_str(), g)).collect();
    let lang: HashMap<&str, String> = corpus
        .articles
        .iter()
        .map(|a| (a.id.as_str(), a.lang.clone().unwrap_or_default()))
        .collect();
    let pipeline = Pipeline::default();
    let mut per_lang: BTreeMap<String, Counts> = BTreeMap::new();
    let (mut all, mut targets) = (Counts::default(), Counts::default());
    let (mut actor_right, mut actor_matched) = (0, 0);
    let (mut modality_same, mut modality_matched) = (0, 0);
    let (mut stance_same, mut stance_shared_targets) = (0, 0);
    let mut confusion: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut articles = 0;
    for b in &second {
        let Some(a) = first.get(b.id.as_str()) else {
            eprintln!("agreement: {} is not in the dev split", b.id);
            std::process::exit(2)
        };
        articles += 1;
        let (ca, cb) = (claims(a), claims(b));
        let c = Counts {
            tp: ca.intersection(&cb).count(),
            fp: cb.difference(&ca).count(),
            fn_: ca.difference(&cb).count(),
        };
        for (x, y) in [
            (&mut all, c),
            (per_lang.entry(lang[b.id.as_str()].clone()).or_default(), c),
        ] {
            x.tp += y.tp;
            x.fp += y.fp;
            x.fn_ += y.fn_;
        }
        let ta: BTreeSet<&str> = ca.iter().map(|(t, _)| t.as_str()).collect();
        let tb: BTreeSet<&str> = cb.iter().map(|(t, _)| t.as_str()).collect();
        targets.tp += ta.intersection(&tb).count();
        targets.fp += tb.difference(&ta).count();
        targets.fn_ += ta.difference(&tb).count();
        // On a target both annotated: the same set of stances, and which stance met which.
        for t in ta.intersection(&tb) {
            let sa: BTreeSet<&str> = ca
                .iter()
                .filter(|c| c.0 == *t)
                .map(|c| c.1.as_str())
                .collect();
            let sb: BTreeSet<&str> = cb
                .iter()
                .filter(|c| c.0 == *t)
                .map(|c| c.1.as_str())
                .collect();
            stance_shared_targets += 1;
            if sa == sb {
                stance_same += 1;
            }
            for x in sa.difference(&sb) {
                for y in sb.difference(&sa) {
                    *confusion.entry((x.to_string(), y.to_string())).or_default() += 1;
                }
            }
        }
        // Actors of the claims both annotated: does some actor of one match one of the other?
        for (t, s) in ca.intersection(&cb) {
            let actors = |g: &CorpusGold| -> BTreeSet<String> {
                g.statements
                    .iter()
                    .filter(|x| &x.target == t && &x.stance == s)
                    .map(|x| normalise_actor(&pipeline, &x.actor))
                    .collect()
            };
            actor_matched += 1;
            if !actors(a).is_disjoint(&actors(b)) {
                actor_right += 1;
            }
            // Modality: does a modality of one reader's statements of the claim meet one of
            // the other's?
            let modalities = |g: &CorpusGold| -> BTreeSet<String> {
                g.statements
                    .iter()
                    .filter(|x| &x.target == t && &x.stance == s)
                    .filter_map(|x| x.modality.clone())
                    .collect()
            };
            let (ma, mb) = (modalities(a), modalities(b));
            if !ma.is_empty() && !mb.is_empty() {
                modality_matched += 1;
                if !ma.is_disjoint(&mb) {
                    modality_same += 1;
                }
            }
        }
    }
    let line = |c: &Counts| {
        format!(
            "P {:.3} R {:.3} F1 {:.3}   {}/{}/{}",
            c.precision(),
            c.recall(),
            c.f1(),
            c.tp,
            c.fp,
            c.fn_
        )
    };
    println!(
        "Second annotation of {articles} dev articles ({}) against the dev gold, (article, target, stance):",
        files
            .iter()
            .filter_map(|f| f.file_name().and_then(|n| n.to_str()))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for (l, c) in &per_lang {
        println!("  {l:<4} {}", line(c));
    }
    println!("  all  {}", line(&all));
    println!("  targets only (stance ignored)  {}", line(&targets));
    println!(
        "  same stances on a target both annotated: {stance_same}/{stance_shared_targets} ({:.3})",
        stance_same as f64 / stance_shared_targets.max(1) as f64
    );
    println!(
        "  an actor in common on a claim both annotated: {actor_right}/{actor_matched} ({:.3})",
        actor_right as f64 / actor_matched.max(1) as f64
    );
    println!(
        "  a modality in common on a claim both annotated: {modality_same}/{modality_matched} ({:.3})",
        modality_same as f64 / modality_matched.max(1) as f64
    );
    let mut v: Vec<_> = confusion.into_iter().collect();
    v.sort_by_key(|(k, n)| (std::cmp::Reverse(*n), k.clone()));
    println!("  stances on a shared target, first -> second (most frequent):");
    for ((x, y), n) in v.iter().take(12) {
        println!("    {x:<10} -> {y:<10} {n}");
    }
}
