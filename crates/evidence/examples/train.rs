//! Trains the learned half of the extract stage on the development split of the real corpus and
//! writes `data/evidence-model.txt`: the sentence classifier (`guarantor_evidence::model`) and
//! the article-level claim model (`guarantor_evidence::claim_model`).
//!
//! Each sentence of each dev article (cleaned and split as the extractor does) is an example
//! for the sentence classifier; its labels are the (target, stance) claims whose gold `evidence`
//! overlaps it. The claim model learns from each article's candidate claims, summarised from the
//! out-of-fold probabilities of five sentence models (each trained without the article's fold),
//! labelled by whether the article's gold has them. The test split is never read.
//!
//! Run: `cargo run -p guarantor-evidence --release --example train` (writes the model), or with
//! `-- --cv` to compare settings by 5-fold cross-validation within the dev split, folds by story
//! (a rewrite and its original in one fold), scored like the evaluation: (article, target, stance)
//! claims as the claim model decides them (each fold's claim model trained on the other folds).
//! With `-- --cv --confusion` it also counts, for the gold claims missed, the stances predicted
//! for their target instead; `--dump` adds every article's gold and candidates (dev text only); `-- --cv --curve` gives the
//! learning curve (each fold's model trained on 25, 50, 75 and 100% of its stories).
//!
//! `--folds week` (with `--cv`) puts every story dated in one calendar week in one fold (undated
//! stories stay folded by story): reports of one event are then never on both sides, as between
//! the dev and test splits, whose items were chosen away from each other's events. Folds by story
//! let other outlets' reports of a held-out article's event train its model, which flatters the
//! score: on 873 dev articles (5 December 2026) F1 0.509 by story and 0.471 by week, against
//! 0.439 on the test split.

#[path = "../tests/support/evaluation.rs"]
mod evaluation;
#[path = "train/folds.rs"]
mod folds;
#[path = "train/reports.rs"]
mod reports;
#[path = "train/shipped.rs"]
mod shipped;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use evaluation::*;
use guarantor_evidence::claim_model::{
    ClaimModel, ClaimSummary, LabelHit, SentenceClaims, label_hits, summarise,
};
use guarantor_evidence::extract::ArticleRef;
use guarantor_evidence::model::{Example, TrainParams, feature_id_of};
use guarantor_evidence::{Extractor, Lexicon, Pipeline, SentenceModel, Stance};

const SEED: u64 = 12;

/// The seed of the sentence model's shuffle under `--cv --seed N`, to tell a change from the
/// noise of one visiting order; the shipped model always uses [`SEED`].
static CV_SEED: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
const FOLDS: u64 = 5;
/// The article-level claim model's training: L2 shrinkage and full-batch iterations. Dev
/// cross-validation (5 December 2026): F1 0.517 at 1e-3 and 1e-4, 0.517 at 1e-2, the same with
/// 1,000 iterations as with 300.
const CLAIM_L2: f32 = 1e-3;
const CLAIM_ITERATIONS: usize = 300;
/// The claim model states a candidate from this probability: the best F1 of dev
/// cross-validation (see `--cv`).
const CLAIM_THRESHOLD: f32 = 0.25;
/// English candidates need a little more than the others: the best English F1 of dev
/// cross-validation by week (6 December 2026, 1,112 articles, 184 English; the rules' claims
/// passing from 0.1): 0.463 at 0.5, 0.473 at 0.4, **0.496 at 0.3**, and 0.50 at 0.25 or 0.3 with
/// the rules' claims at the same threshold; overall 0.464 to 0.470, other languages unchanged.
/// Until then it was 0.5, which the project's own 31 English fixtures ask for (extract
/// precision 0.811 at 0.5, 0.755 at 0.4, 0.655 at 0.3, and by ANNOTATION.md 0.779, 0.740,
/// 0.628): their gold leaves out claims the real corpus's annotators take (Russia's "legitimate
/// targets" as a rejection beside the opposition), and real reporting, not our own writing, is
/// what the ledger is for.
const ENGLISH_CLAIM_THRESHOLD: f32 = 0.3;
/// English claims the rules state pass from this: the fixtures' rule claims are kept (extract
/// recall 0.742 at 0.05 and 0.1, 0.722 at 0.2), and dev English F1 is the same at 0.1 and 0.25.
const ENGLISH_RULED_THRESHOLD: f32 = 0.1;

/// The shipped threshold of a candidate in `lang` (`ruled` when the rules state it).
fn shipped_threshold(lang: &str, ruled: bool) -> f32 {
    match (lang, ruled) {
        ("en", true) => ENGLISH_RULED_THRESHOLD,
        ("en", false) => ENGLISH_CLAIM_THRESHOLD,
        _ => CLAIM_THRESHOLD,
    }
}

/// One dev article, ready for training and scoring.
struct Item {
    id: String,
    lang: String,
    /// The fold key: the story's root article, or its week with `--folds week`.
    story: String,
    /// The cross-validation fold (`assign_folds`).
    fold: u64,
    /// Features and labels per sentence.
    examples: Vec<Example>,
    /// Claims of the rules alone, with the sentence each came from.
    rule_claims: Vec<(usize, (String, Stance))>,
    gold: BTreeSet<(String, Stance)>,
    /// The text of each sentence (for `--dump`).
    texts: Vec<String>,
}

fn find_evidence(text: &str, evidence: &str) -> Option<(usize, usize)> {
    // The clean stage repairs mojibake; a quotation of it is looked for as repaired.
    let ev = guarantor_evidence::mojibake::repair(evidence);
    let ev = ev.trim();
    if ev.is_empty() {
        return None;
    }
    if let Some(i) = text.find(ev) {
        return Some((i, i + ev.len()));
    }
    // The cleaned text may have lost part of a span (a dropped line): try its first 40 chars.
    let head: String = ev.chars().take(40).collect();
    if head.chars().count() >= 20
        && let Some(i) = text.find(&head)
    {
        return Some((i, i + head.len()));
    }
    None
}

/// How cross-validation folds the dev articles (`--folds`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Folds {
    /// A story (an article with its rewrites) in one fold.
    Story,
    /// Every story of one calendar week in one fold.
    Week,
}

fn load(pipeline: &Pipeline, folds: Folds) -> (Vec<Item>, usize, usize) {
    let corpus = load_corpus(Split::Dev);
    let gold_by_id: HashMap<&str, &CorpusGold> =
        corpus.gold.iter().map(|g| (g.id.as_str(), g)).collect();
    let keys = folds::fold_keys(&corpus, folds == Folds::Week);
    let mut items = Vec::new();
    let (mut located, mut lost) = (0, 0);
    for raw in &corpus.articles {
        let Some(gold) = gold_by_id.get(raw.id.as_str()) else {
            continue;
        };
        let Ok(p) = pipeline.process(raw) else {
            continue;
        };
        let sentences = pipeline.extractor.sentence_features(
            &p.cleaned.text,
            &p.mentions,
            &pipeline.gazetteer,
            ArticleRef::from(raw),
        );
        let mut examples: Vec<Example> = sentences
            .iter()
            .map(|(_, f)| Example {
                features: f.clone(),
                labels: Vec::new(),
            })
            .collect();
        let mut gold_claims = BTreeSet::new();
        for st in &gold.statements {
            let Some(stance) = Stance::parse(&st.stance) else {
                continue;
            };
            let label = (st.target.clone(), stance);
            gold_claims.insert(label.clone());
            match find_evidence(&p.cleaned.text, &st.evidence) {
                Some((a, b)) => {
                    located += 1;
                    for (k, (s, _)) in sentences.iter().enumerate() {
                        if s.start < b && a < s.end && !examples[k].labels.contains(&label) {
                            examples[k].labels.push(label.clone());
                        }
                    }
                }
                None => lost += 1,
            }
        }
        items.push(Item {
            id: raw.id.clone(),
            lang: raw.lang.clone().unwrap_or_default(),
            story: keys[&raw.id].clone(),
            fold: 0,
            examples,
            rule_claims: p
                .statements
                .iter()
                .map(|s| (s.sentence, (s.capability.clone(), s.stance)))
                .collect(),
            gold: gold_claims,
            texts: sentences
                .iter()
                .map(|(s, _)| p.cleaned.text[s.start..s.end].to_string())
                .collect(),
        });
    }
    assign_folds(&mut items, folds);
    (items, located, lost)
}

/// Ids of the dev articles with a second annotation (`tests/corpus/agreement/second-*.jsonl`).
fn second_annotated() -> BTreeSet<String> {
    let dir = corpus_dir(Split::Dev).join("../agreement");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return BTreeSet::new();
    };
    let mut ids = BTreeSet::new();
    for e in entries.filter_map(|e| e.ok()) {
        let name = e.file_name().to_string_lossy().to_string();
        if !(name.starts_with("second-") && name.ends_with(".jsonl")) {
            continue;
        }
        let text = std::fs::read_to_string(e.path()).unwrap_or_default();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            if let Ok(g) = serde_json::from_str::<CorpusGold>(line) {
                ids.insert(g.id);
            }
        }
    }
    ids
}

/// The fold of each fold key: by its hash for stories (many small keys), and for weeks, whose
/// keys are few and of very different sizes, balanced by size (`folds::balanced_folds`).
fn assign_folds(items: &mut [Item], folds: Folds) {
    match folds {
        Folds::Story => {
            for i in items.iter_mut() {
                i.fold = guarantor_evidence::text::stable_hash(i.story.as_bytes()) % FOLDS;
            }
        }
        Folds::Week => {
            let mut sizes: BTreeMap<&str, usize> = BTreeMap::new();
            for i in items.iter() {
                *sizes.entry(i.story.as_str()).or_default() += 1;
            }
            let fold_of = folds::balanced_folds(sizes, FOLDS as usize);
            for i in items.iter_mut() {
                i.fold = fold_of[&i.story] as u64;
            }
        }
    }
}

fn train_on<'a>(items: impl Iterator<Item = &'a Item>, params: TrainParams) -> SentenceModel {
    let examples: Vec<Example> = items.flat_map(|i| i.examples.iter().cloned()).collect();
    SentenceModel::train(&examples, params, *CV_SEED.get().unwrap_or(&SEED))
}

#[derive(Default, Clone, Copy)]
struct C {
    tp: usize,
    fp: usize,
    fn_: usize,
}
impl C {
    fn f1(&self) -> f64 {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn line(&self) -> String {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        format!(
            "P {p:.3} R {r:.3} F1 {:.3} ({}/{}/{})",
            self.f1(),
            self.tp,
            self.fp,
            self.fn_
        )
    }
}

fn score(pred: &BTreeSet<(String, Stance)>, gold: &BTreeSet<(String, Stance)>, c: &mut C) {
    c.tp += pred.intersection(gold).count();
    c.fp += pred.difference(gold).count();
    c.fn_ += gold.difference(pred).count();
}

/// The candidate claims of an item for the article-level model, from its sentences'
/// probabilities under `model` (`claim_model::summarise`, as the extractor calls it).
fn summaries(item: &Item, probs: &[Vec<f32>], model: &SentenceModel) -> Vec<ClaimSummary> {
    let labels: Vec<(&str, Stance)> = (0..model.pairs.len()).map(|k| model.label(k)).collect();
    let hits: Vec<Vec<LabelHit>> = item
        .examples
        .iter()
        .zip(probs)
        .map(|(e, p)| {
            let has = |parts: &[&str]| e.features.binary_search(&feature_id_of(parts)).is_ok();
            label_hits(p, |k| {
                let (t, s) = labels[k];
                has(&["T:", t]) && (has(&["C:", s.as_str()]) || has(&["CN:", s.as_str()]))
            })
        })
        .collect();
    let mut ruled: Vec<Vec<(String, Stance)>> = vec![Vec::new(); item.examples.len()];
    for (k, c) in &item.rule_claims {
        if let Some(r) = ruled.get_mut(*k) {
            r.push(c.clone());
        }
    }
    let sentences: Vec<SentenceClaims<'_>> = hits
        .iter()
        .zip(&ruled)
        .map(|(hits, ruled)| SentenceClaims { hits, ruled })
        .collect();
    summarise(&labels, &sentences, &item.lang)
}

/// Out-of-fold sentence probabilities: each item's from the model of the folds without it,
/// trained on the items `kept` allows.
fn out_of_fold(
    items: &[Item],
    params: TrainParams,
    kept: impl Fn(&Item) -> bool,
) -> Vec<Vec<ClaimSummary>> {
    let models: Vec<SentenceModel> = (0..FOLDS)
        .map(|f| train_on(items.iter().filter(|i| i.fold != f && kept(i)), params))
        .collect();
    items
        .iter()
        .map(|i| {
            let m = &models[i.fold as usize];
            let probs: Vec<Vec<f32>> = i.examples.iter().map(|e| m.predict(&e.features)).collect();
            summaries(i, &probs, m)
        })
        .collect()
}

fn train_claims<'a>(items: impl Iterator<Item = (&'a Item, &'a Vec<ClaimSummary>)>) -> ClaimModel {
    let examples: Vec<(ClaimSummary, bool)> = items
        .flat_map(|(i, cands)| {
            cands.iter().map(|c| {
                let y = i.gold.contains(&(c.target.clone(), c.stance));
                (c.clone(), y)
            })
        })
        .collect();
    ClaimModel::train(&examples, CLAIM_L2, CLAIM_ITERATIONS)
}

/// Every candidate of every item with the probability of a claim model that never saw its
/// fold: each fold's claim model is trained on the other folds' out-of-fold candidates of the
/// items `kept` allows.
fn held_out_claims(
    items: &[Item],
    cands: &[Vec<ClaimSummary>],
    kept: impl Fn(&Item) -> bool,
) -> Vec<Vec<(f32, ClaimSummary)>> {
    let models: Vec<ClaimModel> = (0..FOLDS)
        .map(|f| {
            train_claims(
                items
                    .iter()
                    .zip(cands)
                    .filter(|(i, _)| i.fold != f && kept(i)),
            )
        })
        .collect();
    items
        .iter()
        .zip(cands)
        .map(|(i, c)| {
            let m = &models[i.fold as usize];
            c.iter().map(|c| (m.predict(c), c.clone())).collect()
        })
        .collect()
}

/// The claims stated at the shipped thresholds of `lang`.
fn stated_as_shipped(scored: &[(f32, ClaimSummary)], lang: &str) -> BTreeSet<(String, Stance)> {
    scored
        .iter()
        .filter(|(p, c)| *p >= shipped_threshold(lang, c.ruled > 0))
        .map(|(_, c)| (c.target.clone(), c.stance))
        .collect()
}

/// The claims stated at a threshold.
fn stated(scored: &[(f32, ClaimSummary)], th: f32) -> BTreeSet<(String, Stance)> {
    scored
        .iter()
        .filter(|(p, _)| *p >= th)
        .map(|(_, c)| (c.target.clone(), c.stance))
        .collect()
}

/// Cross-validation within dev: the models of each fold learn from the other folds' articles
/// that `trained` keeps, and the articles `counted` keeps are scored.
fn cross_validate(
    items: &[Item],
    params: TrainParams,
    counted: &dyn Fn(&Item) -> bool,
    trained: &dyn Fn(&Item) -> bool,
) {
    let cands = out_of_fold(items, params, trained);
    let scored = held_out_claims(items, &cands, trained);
    // The articles scored (all unless `--score-without`), with their held-out claims.
    let pairs: Vec<(&Item, &Vec<(f32, ClaimSummary)>)> = items
        .iter()
        .zip(&scored)
        .filter(|(i, _)| counted(i))
        .collect();
    let mut rules = C::default();
    for i in items.iter().filter(|i| counted(i)) {
        let r: BTreeSet<_> = i.rule_claims.iter().map(|(_, c)| c.clone()).collect();
        score(&r, &i.gold, &mut rules);
    }
    let covered: usize = items
        .iter()
        .zip(&cands)
        .filter(|(i, _)| counted(i))
        .map(|(i, c)| {
            c.iter()
                .filter(|c| i.gold.contains(&(c.target.clone(), c.stance)))
                .count()
        })
        .sum();
    println!(
        "params {params:?}\n  rules alone            {}\n  candidates: {}, holding {covered} of the {} gold claims",
        rules.line(),
        cands.iter().map(Vec::len).sum::<usize>(),
        items
            .iter()
            .filter(|i| counted(i))
            .map(|i| i.gold.len())
            .sum::<usize>()
    );
    for th in [0.15f32, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6] {
        let mut all = C::default();
        let mut non_en = C::default();
        let mut per_lang: BTreeMap<&str, C> = BTreeMap::new();
        // The same claims with the stance ignored: how much of the error is the stance.
        let mut targets = C::default();
        for (i, sc) in pairs.iter().copied() {
            let pred = stated(sc, th);
            score(&pred, &i.gold, &mut all);
            let target_only = |s: &BTreeSet<(String, Stance)>| -> BTreeSet<(String, Stance)> {
                s.iter()
                    .map(|(t, _)| (t.clone(), Stance::Supports))
                    .collect()
            };
            score(&target_only(&pred), &target_only(&i.gold), &mut targets);
            if i.lang != "en" {
                score(&pred, &i.gold, &mut non_en);
            }
            score(&pred, &i.gold, per_lang.entry(i.lang.as_str()).or_default());
        }
        let langs: Vec<String> = per_lang
            .iter()
            .map(|(l, c)| format!("{l} {:.2}", c.f1()))
            .collect();
        println!(
            "  threshold {th:.2}  {}  non-en F1 {:.3}  [{}]",
            all.line(),
            non_en.f1(),
            langs.join(" ")
        );
        println!("      targets only (stance ignored)  {}", targets.line());
    }
    {
        let (mut all, mut en, mut non_en) = (C::default(), C::default(), C::default());
        for (i, sc) in pairs.iter().copied() {
            let pred = stated_as_shipped(sc, &i.lang);
            score(&pred, &i.gold, &mut all);
            score(
                &pred,
                &i.gold,
                if i.lang == "en" { &mut en } else { &mut non_en },
            );
        }
        println!(
            "  shipped ({CLAIM_THRESHOLD}; en {ENGLISH_CLAIM_THRESHOLD}, ruled {ENGLISH_RULED_THRESHOLD}) {}  en F1 {:.3} non-en F1 {:.3}",
            all.line(),
            en.f1(),
            non_en.f1()
        );
    }
    // The same score on the articles with a second annotation (`examples/agreement.rs`), to set
    // beside the agreement of two annotators on them.
    let second = second_annotated();
    if !second.is_empty() {
        let mut c = C::default();
        for (i, sc) in pairs.iter().copied() {
            if second.contains(&i.id) {
                score(&stated_as_shipped(sc, &i.lang), &i.gold, &mut c);
            }
        }
        println!(
            "  shipped, on the {} articles with a second annotation: {}",
            second.len(),
            c.line()
        );
    }
    // Held-out precision of claims by how they were found (`Statement::probability`): the
    // rules, else the claim model's probability. The evaluate example shows the same bands on
    // the test split; on dev it is in-sample there.
    let mut by_band: BTreeMap<&str, C> = BTreeMap::new();
    for (i, sc) in pairs.iter().copied() {
        for (p, c) in sc
            .iter()
            .filter(|(p, c)| *p >= shipped_threshold(&i.lang, c.ruled > 0))
        {
            let band = source_band([(c.ruled == 0).then_some(f64::from(*p))]);
            let b = by_band.entry(band).or_default();
            if i.gold.contains(&(c.target.clone(), c.stance)) {
                b.tp += 1;
            } else {
                b.fp += 1;
            }
        }
    }
    println!("  claims by how they were found, held out (precision, right/emitted):");
    for band in SOURCE_BANDS {
        let c = by_band.get(band).copied().unwrap_or_default();
        println!(
            "    {band:<20} {:>6.3}   {}/{}",
            c.tp as f64 / (c.tp + c.fp).max(1) as f64,
            c.tp,
            c.tp + c.fp
        );
    }
    if std::env::args().any(|a| a == "--confusion") {
        reports::confusion(items, &scored);
    }
}

/// The value after flag `name` (empty when the flag ends the line), both taken out of `args`
/// so the check for unknown arguments sees neither.
fn take_value(args: &mut Vec<String>, name: &str) -> Option<String> {
    let i = args.iter().position(|a| a == name)?;
    let value = args.get(i + 1).cloned().unwrap_or_default();
    args.drain(i..(i + 2).min(args.len()));
    Some(value)
}

fn main() {
    let mut args: Vec<String> = std::env::args().collect();
    let folds = match take_value(&mut args, "--folds") {
        None => Folds::Story,
        Some(value) => match value.as_str() {
            "story" => Folds::Story,
            "week" => Folds::Week,
            other => {
                eprintln!("train: `--folds` takes `story` or `week`, not `{other}`");
                std::process::exit(2);
            }
        },
    };
    if let Some(value) = take_value(&mut args, "--seed") {
        match value.parse::<u64>() {
            Ok(seed) if args.iter().any(|a| a == "--cv") => {
                let _ = CV_SEED.set(seed);
            }
            Ok(_) => {
                eprintln!(
                    "train: `--seed` applies to `--cv` only (the shipped model uses seed {SEED})"
                );
                std::process::exit(2);
            }
            Err(_) => {
                eprintln!("train: `--seed` takes a whole number, not `{value}`");
                std::process::exit(2);
            }
        }
    }
    // Id prefixes of articles to train on but leave out of the scores (`--score-without`), and
    // of articles to score but never train on (`--train-without`).
    let mut prefixes = |flag: &str| -> Vec<String> {
        take_value(&mut args, flag)
            .map(|value| {
                value
                    .split(',')
                    .filter(|p| !p.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default()
    };
    let unscored = prefixes("--score-without");
    let untrained = prefixes("--train-without");
    if let Some(unknown) = args[1..].iter().find(|a| {
        ![
            "--cv",
            "--grid",
            "--confusion",
            "--dump",
            "--curve",
            "--check",
        ]
        .contains(&a.as_str())
    }) {
        let help = matches!(unknown.as_str(), "-h" | "--help");
        eprintln!(
            "{}usage: train [--check | --cv [--folds story|week] [--seed N] [--score-without PREFIXES] [--train-without PREFIXES] [--grid] [--confusion] [--dump] [--curve]]\n  (no flag) train on the dev split and write data/evidence-model.txt\n  --check     train, and fail unless data/evidence-model.txt is what it writes (run by CI)\n  --cv        5-fold cross-validation within the dev split; writes nothing\n  --folds     with --cv, fold by story (the default) or by calendar week (no event on both sides)\n  --seed      with --cv, the sentence model's shuffling seed (default {SEED}): a change that\n              holds under several seeds is not the noise of one visiting order\n  --score-without  with --cv, train on every dev article but score only those whose id starts\n              with none of PREFIXES (comma-separated, e.g. jl,jm): what new shards add to the others\n  --train-without  with --cv, score every dev article but train only on those whose id starts\n              with none of PREFIXES: how the model without new shards reads them\n  --grid      with --cv, also compare the training settings of a small grid\n  --confusion with --cv, count the stances predicted for missed gold claims\n  --dump      with --cv --confusion, print every sentence with a gold or predicted claim\n  --curve     with --cv, the learning curve: folds trained on 25 to 100% of their stories",
            if help {
                String::new()
            } else {
                format!("train: unknown argument `{unknown}`\n")
            }
        );
        std::process::exit(if help { 0 } else { 2 });
    }
    // The rules alone: the features include their decisions, never the shipped model's.
    let pipeline = Pipeline {
        extractor: Extractor::new(&Lexicon::default()),
        ..Pipeline::default()
    };
    if folds == Folds::Week && !args.iter().any(|a| a == "--cv") {
        // The shipped model learns its claim model from folds by story (see `Folds`).
        eprintln!("train: `--folds` applies to `--cv` only");
        std::process::exit(2);
    }
    let (items, located, lost) = load(&pipeline, folds);
    let sentences: usize = items.iter().map(|i| i.examples.len()).sum();
    let positives: usize = items
        .iter()
        .flat_map(|i| &i.examples)
        .filter(|e| !e.labels.is_empty())
        .count();
    println!(
        "dev split: {} articles, {sentences} sentences ({positives} with a claim); evidence located {located}, not found in the cleaned text {lost}",
        items.len()
    );
    let base = TrainParams::default();
    if args.iter().any(|a| a == "--cv") && args.iter().any(|a| a == "--curve") {
        reports::learning_curve(&items, base);
        return;
    }
    if args.iter().any(|a| a == "--cv") {
        let mut grid = vec![base];
        if args.iter().any(|a| a == "--grid") {
            for (epochs, lr, l2, pw) in [
                (8, 0.2, 1e-4, 3.0),
                (20, 0.2, 1e-4, 3.0),
                (12, 0.1, 1e-4, 3.0),
                (12, 0.4, 1e-4, 3.0),
                (12, 0.2, 1e-3, 3.0),
                (12, 0.2, 1e-5, 3.0),
                (12, 0.2, 1e-4, 1.0),
                (12, 0.2, 1e-4, 6.0),
            ] {
                grid.push(TrainParams {
                    epochs,
                    learning_rate: lr,
                    l2,
                    positive_weight: pw,
                    ..base
                });
            }
        }
        for p in grid {
            let without =
                |list: &[String], i: &Item| !list.iter().any(|u| i.id.starts_with(u.as_str()));
            cross_validate(&items, p, &|i: &Item| without(&unscored, i), &|i: &Item| {
                without(&untrained, i)
            });
        }
        return;
    }
    let mut model = train_on(items.iter(), base);
    // The claim model learns from out-of-fold probabilities: the sentence model's on text it
    // has not seen, as on every article it will read.
    let cands = out_of_fold(&items, base, |_| true);
    model.claims = train_claims(items.iter().zip(&cands));
    model.claims.threshold = CLAIM_THRESHOLD;
    model.claims.language_thresholds = vec![("en".to_string(), ENGLISH_CLAIM_THRESHOLD)];
    model.claims.ruled_thresholds = vec![("en".to_string(), ENGLISH_RULED_THRESHOLD)];
    let ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
    let files: Vec<String> = std::fs::read_dir(corpus_dir(Split::Dev))
        .map(|d| {
            let mut v: Vec<String> = d
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().to_string())
                .filter(|n| n.ends_with(".jsonl"))
                .collect();
            v.sort();
            v
        })
        .unwrap_or_default();
    model.header = vec![
        "Sentence classifier of the evidence extract stage (guarantor_evidence::model).".into(),
        "Written by `cargo run -p guarantor-evidence --release --example train`; do not edit."
            .into(),
        format!(
            "Trained on the dev split only (crates/evidence/tests/corpus/dev: {}): {} articles, {sentences} sentences, {positives} with a gold claim.",
            files.join(", "),
            ids.len()
        ),
        format!(
            "Sentences: logistic regression, one vector per target, per stance and per (target, stance) pair; SGD, {} epochs, learning rate {}, L2 {}, positive weight {}, pairs with >= {} sentences, seed {SEED}.",
            base.epochs, base.learning_rate, base.l2, base.positive_weight, base.min_pair_count,
        ),
        format!(
            "Claims (`claim` lines): logistic regression over each candidate claim's summary of the article, trained on the 5-fold out-of-fold sentence probabilities of dev, L2 {CLAIM_L2}, {CLAIM_ITERATIONS} iterations; threshold {CLAIM_THRESHOLD} ({ENGLISH_CLAIM_THRESHOLD} in English, the best English F1 of dev cross-validation by week, and {ENGLISH_RULED_THRESHOLD} there for a claim the rules state). Settings chosen by 5-fold cross-validation by story within dev (`-- --cv`)."
        ),
        "Holds label names and weights of hashed feature ids only: no text of any article.".into(),
    ];
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/evidence-model.txt");
    let check = args.iter().any(|a| a == "--check");
    shipped::write_or_check(&path, &model.to_text(), check, "train");
    if !check {
        println!(
            "wrote {} ({} labels, {} weights)",
            path.display(),
            model.pairs.len(),
            model.weight_count()
        );
    }
}
