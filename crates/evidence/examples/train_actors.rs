//! Trains the learned choice of a statement's party (`guarantor_evidence::actor_model`) on the
//! development split of the real corpus and writes `data/evidence-actor-model.txt`.
//!
//! Each statement the extractor makes on a dev article (the shipped sentence classifier's
//! included) to which the rules give one party is an example when the article's gold holds its
//! (target, stance) claim: its candidates are the parties the sentence and the article offer
//! (`Extractor::actor_choices`), and a candidate is right when it is one of the parties the gold
//! gives that claim (as the evaluation compares actors). Statements whose right party is not
//! among the candidates, or whose every candidate is right, teach nothing. The test split is
//! never read.
//!
//! Run: `cargo run -p guarantor-evidence --release --example train_actors` (writes the model),
//! or with `-- --cv` to score the choice by 5-fold cross-validation within dev, folds by
//! calendar week (every story of a week in one fold, as `train -- --cv --folds week`): how often
//! the rules' party and the model's are right on the held-out statements, and end to end per
//! language, apart for the statements the rules found and those the classifier added; add
//! `--wrong LANG` to print each held-out statement of that language whose party is wrong, with
//! the gold's parties and its sentence (dev text only). Train the sentence classifier first
//! (`--example train`): the statements are those it makes.

#[path = "../tests/support/evaluation.rs"]
mod evaluation;
#[path = "train/folds.rs"]
mod folds;
#[path = "train/shipped.rs"]
mod shipped;

use std::collections::{BTreeMap, HashMap};

use evaluation::*;
use guarantor_evidence::actor_model::{ActorExample, ActorModel, ActorTrainParams};
use guarantor_evidence::extract::ArticleRef;
use guarantor_evidence::{Pipeline, Stance};

const SEED: u64 = 12;
const FOLDS: usize = 5;
/// The rules' party is kept unless another candidate scores this much more. Held-out claim-level
/// actor accuracy on dev (`-- --cv`, 6 December 2026): 2,782 of 4,195 at 0 and 0.5, 2,767 at
/// 1.0; at 0 the fixtures read by ANNOTATION.md lose four right claims, at 0.5 none. With the
/// body of states the article named as a candidate (6 December 2026, 20:40 UTC), of 4,243:
/// 2,838 at 0.5, 2,831 at 0.6, 2,821 at 0.65 and 0.75, 2,806 at 1.0 (2,809 before it, at 0.5);
/// the other seeds tried (1, 2) keep that order. Below 0.75 the fixtures lose three right
/// claims (Zelenskiy's "must include American troops" becomes the United States'), so 0.75.
const MARGIN: f32 = 0.75;

/// One dev article, for scoring the whole extraction with a fold's model.
struct Article {
    raw: guarantor_evidence::source::RawArticle,
    text: String,
    mentions: Vec<guarantor_evidence::resolve::Mention>,
    /// The gold's parties of each (target, stance) claim, as the evaluation compares them.
    gold: BTreeMap<(String, String), Vec<String>>,
    fold: usize,
}

/// One dev statement with a gold claim.
struct Item {
    lang: String,
    fold: usize,
    example: ActorExample,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!(
            "usage: train_actors [--check | --cv [--wrong LANG]]\n  (no flag) train on the dev split and write data/evidence-actor-model.txt\n  --check     train, and fail unless data/evidence-actor-model.txt is what it writes (run by CI)\n  --cv        5-fold cross-validation within the dev split, folds by week; writes nothing\n  --wrong     with --cv, print the held-out statements of language LANG (ISO 639-1) whose party is wrong"
        );
        return;
    }
    let wrong = match args.iter().position(|a| a == "--wrong") {
        Some(i) => match args.get(i + 1) {
            Some(lang) if !lang.starts_with('-') => Some(lang.clone()),
            _ => {
                eprintln!("train_actors: --wrong needs a language code (e.g. --wrong en)");
                std::process::exit(2);
            }
        },
        None => None,
    };
    if let Some(bad) = args
        .iter()
        .filter(|a| Some(*a) != wrong.as_ref())
        .find(|a| !["--cv", "--wrong", "--check"].contains(&a.as_str()))
    {
        eprintln!("train_actors: unknown argument `{bad}` (see --help)");
        std::process::exit(2);
    }
    let pipeline = Pipeline::default();
    let (items, articles, statements, covered) = load(&pipeline);
    eprintln!(
        "dev split: {statements} statements of one party with a gold claim, {} with the right party among the candidates and a wrong one",
        items.len()
    );
    eprintln!("the gold's party is among the candidates of {covered}");
    if args.iter().any(|a| a == "--cv") {
        let base = ActorTrainParams::default();
        let mut grid = vec![base];
        for epochs in [5, 20] {
            grid.push(ActorTrainParams { epochs, ..base });
        }
        for l2 in [1e-3, 1e-5] {
            grid.push(ActorTrainParams { l2, ..base });
        }
        for learning_rate in [0.03, 0.3] {
            grid.push(ActorTrainParams {
                learning_rate,
                ..base
            });
        }
        for params in grid {
            cross_validate(&items, params);
        }
        end_to_end(
            &pipeline,
            &items,
            &articles,
            ActorTrainParams::default(),
            wrong.as_deref(),
        );
        return;
    }
    let examples: Vec<ActorExample> = items.iter().map(|i| i.example.clone()).collect();
    let params = ActorTrainParams::default();
    let mut model = ActorModel::train(&examples, params, SEED);
    model.margin = MARGIN;
    model.header = vec![
        "Choice of a statement's party of the evidence extract stage (guarantor_evidence::actor_model).".to_string(),
        "Written by `cargo run -p guarantor-evidence --release --example train_actors`; do not edit.".to_string(),
        format!(
            "Trained on the dev split only (crates/evidence/tests/corpus/dev): {} statements whose gold claim's party is among their candidates.",
            examples.len()
        ),
        format!(
            "Softmax ranker over each statement's candidates; SGD, {} epochs, learning rate {}, L2 {}, seed {SEED}; the rules' party kept unless another scores {MARGIN} more.",
            params.epochs, params.learning_rate, params.l2
        ),
        "Holds hashed feature ids and weights only: no text of any article.".to_string(),
    ];
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/evidence-actor-model.txt");
    let check = args.iter().any(|a| a == "--check");
    shipped::write_or_check(&path, &model.to_text(), check, "train_actors");
    if !check {
        eprintln!(
            "wrote {} ({} weights)",
            path.display(),
            model.weight_count()
        );
    }
}

/// The dev statements with a gold claim, and how many there were before those that teach
/// nothing were left out.
fn load(pipeline: &Pipeline) -> (Vec<Item>, Vec<Article>, usize, usize) {
    let corpus = load_corpus(Split::Dev);
    let gold_by_id: HashMap<&str, &CorpusGold> =
        corpus.gold.iter().map(|g| (g.id.as_str(), g)).collect();
    let keys = folds::fold_keys(&corpus, true);
    let mut per_key: BTreeMap<&str, usize> = BTreeMap::new();
    for k in keys.values() {
        *per_key.entry(k.as_str()).or_default() += 1;
    }
    let fold_of = folds::balanced_folds(per_key, FOLDS);
    let mut items = Vec::new();
    let mut articles = Vec::new();
    let (mut statements, mut covered) = (0, 0);
    for raw in &corpus.articles {
        let Some(gold) = gold_by_id.get(raw.id.as_str()) else {
            continue;
        };
        let Ok(p) = pipeline.process(raw) else {
            continue;
        };
        let choices = pipeline.extractor.actor_choices(
            &p.cleaned.text,
            &p.mentions,
            &pipeline.gazetteer,
            ArticleRef::from(raw),
        );
        let mut claims: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
        for s in &gold.statements {
            claims
                .entry((s.target.clone(), s.stance.clone()))
                .or_default()
                .push(actor_key(pipeline, &s.actor));
        }
        articles.push(Article {
            raw: raw.clone(),
            text: p.cleaned.text.clone(),
            mentions: p.mentions.clone(),
            gold: claims,
            fold: fold_of[&keys[&raw.id]],
        });
        for c in choices {
            let parties: Vec<String> = gold
                .statements
                .iter()
                .filter(|s| s.target == c.target && Stance::parse(&s.stance) == Some(c.stance))
                .map(|s| actor_key(pipeline, &s.actor))
                .collect();
            if parties.is_empty() {
                continue;
            }
            statements += 1;
            let right: Vec<bool> = c
                .candidates
                .iter()
                .map(|x| parties.contains(&actor_key(pipeline, x)))
                .collect();
            covered += usize::from(right.iter().any(|r| *r));
            if right.iter().all(|r| *r) || !right.iter().any(|r| *r) {
                continue;
            }
            items.push(Item {
                lang: raw.lang.clone().unwrap_or_default(),
                fold: fold_of[&keys[&raw.id]],
                example: ActorExample {
                    candidates: c.features,
                    right,
                },
            });
        }
    }
    (items, articles, statements, covered)
}

/// Claim-level actor accuracy of the whole extraction on the held-out folds, as the evaluation
/// scores it (a matched claim is right when one of our parties is one of the gold's), without
/// and with each fold's model: a choice changes the party later sentences fall back on, which
/// the statement-level figure does not see.
fn end_to_end(
    pipeline: &Pipeline,
    items: &[Item],
    articles: &[Article],
    params: ActorTrainParams,
    wrong: Option<&str>,
) {
    use guarantor_evidence::{Extractor, Lexicon};
    use std::sync::Arc;
    let lexicon = Lexicon::default();
    let Some(sentence_model) = guarantor_evidence::model::default_model() else {
        eprintln!("train_actors: no sentence model");
        return;
    };
    let mut totals = [(0usize, 0usize); 2];
    // With the model: (language, found by the classifier) -> (matched claims, right party).
    let mut by_source: BTreeMap<(String, bool), (usize, usize)> = BTreeMap::new();
    for fold in 0..FOLDS {
        let model = Arc::new(fold_model(items, fold, params));
        for (k, actor_model) in [None, Some(model)].into_iter().enumerate() {
            let extractor = Extractor::with_shared_model(&lexicon, sentence_model.clone())
                .with_actor_model(actor_model);
            for a in articles.iter().filter(|a| a.fold == fold) {
                let statements = extractor.extract(
                    &a.text,
                    &a.mentions,
                    &pipeline.gazetteer,
                    ArticleRef::from(&a.raw),
                );
                let mut ours: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
                for s in &statements {
                    ours.entry((s.capability.clone(), s.stance.as_str().to_string()))
                        .or_default()
                        .push(actor_key(pipeline, &s.actor));
                }
                for (claim, parties) in &ours {
                    if let Some(gold) = a.gold.get(claim) {
                        totals[k].0 += 1;
                        let right = parties.iter().any(|p| gold.contains(p));
                        totals[k].1 += usize::from(right);
                        if k == 0 {
                            continue;
                        }
                        let of_claim = || {
                            statements
                                .iter()
                                .filter(|s| s.capability == claim.0 && s.stance.as_str() == claim.1)
                        };
                        let learned = of_claim().all(|s| s.probability.is_some());
                        let lang = a.raw.lang.clone().unwrap_or_default();
                        let e = by_source.entry((lang, learned)).or_default();
                        e.0 += 1;
                        e.1 += usize::from(right);
                        if !right && wrong.is_some() && a.raw.lang.as_deref() == wrong {
                            for s in of_claim() {
                                println!(
                                    "wrong {} {}.{} ({}) ours {} gold {:?}\n    {}",
                                    a.raw.id,
                                    claim.0,
                                    claim.1,
                                    if learned { "classifier" } else { "rules" },
                                    s.actor,
                                    gold,
                                    s.quote.replace('\n', " ")
                                );
                            }
                        }
                    }
                }
            }
        }
    }
    println!(
        "end to end, held out: actor accuracy of matched claims, rules {}/{} ({:.3}), with the model {}/{} ({:.3})",
        totals[0].1,
        totals[0].0,
        totals[0].1 as f64 / totals[0].0.max(1) as f64,
        totals[1].1,
        totals[1].0,
        totals[1].1 as f64 / totals[1].0.max(1) as f64
    );
    println!(
        "  with the model, by language and by who found the claim (right party / matched claims):"
    );
    let langs: std::collections::BTreeSet<&str> =
        by_source.keys().map(|(l, _)| l.as_str()).collect();
    for l in langs {
        let cell = |learned: bool| {
            let (n, r) = by_source
                .get(&(l.to_string(), learned))
                .copied()
                .unwrap_or_default();
            format!("{r}/{n} ({:.3})", r as f64 / n.max(1) as f64)
        };
        println!(
            "    {l}  rules {:<16} classifier {}",
            cell(false),
            cell(true)
        );
    }
}

/// The model trained on every fold but `fold`.
fn fold_model(items: &[Item], fold: usize, params: ActorTrainParams) -> ActorModel {
    let train: Vec<ActorExample> = items
        .iter()
        .filter(|i| i.fold != fold)
        .map(|i| i.example.clone())
        .collect();
    let mut model = ActorModel::train(&train, params, SEED);
    model.margin = MARGIN;
    model
}

/// Held-out accuracy of the rules' party and the model's, overall and per language.
fn cross_validate(items: &[Item], params: ActorTrainParams) {
    let mut by_lang: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for fold in 0..FOLDS {
        let model = fold_model(items, fold, params);
        for i in items.iter().filter(|i| i.fold == fold) {
            let e = by_lang.entry(i.lang.as_str()).or_default();
            e.0 += 1;
            e.1 += usize::from(i.example.right[0]);
            let pick = model.choose(&i.example.candidates).unwrap_or(0);
            e.2 += usize::from(i.example.right[pick]);
        }
    }
    let total = by_lang
        .values()
        .fold((0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2));
    let langs: Vec<String> = by_lang
        .iter()
        .map(|(l, (n, r, m))| format!("{l} {r}->{m}/{n}"))
        .collect();
    println!(
        "{params:?}: rules right {}/{} ({:.3}), model {} ({:.3})  [{}]",
        total.1,
        total.0,
        total.1 as f64 / total.0.max(1) as f64,
        total.2,
        total.2 as f64 / total.0.max(1) as f64,
        langs.join(", ")
    );
}
