//! The evaluation gate: per-stage precision and recall on the hand-annotated fixtures must stay
//! above the floors stated in docs/evidence.md, and main-content extraction on the ScrapingHub
//! benchmark (when present next to the workspace) must stay above its F1 floor.
//!
//! Figures are printed (`cargo test -p guarantor-evidence --test evaluation -- --nocapture`);
//! `cargo run -p guarantor-evidence --release --example evaluate` prints them with details.

#[path = "support/evaluation.rs"]
mod evaluation;

use evaluation::*;
use guarantor_evidence::Pipeline;

/// Floors, stated in docs/evidence.md; each is below the measured figure by a margin so that a
/// harmless lexicon edit does not fail the build, but a real regression does.
const FLOORS: [(&str, f64, f64); 5] = [
    // (stage, precision floor, recall floor)
    ("clean", 0.95, 0.95),
    ("dedupe", 0.99, 0.99),
    ("resolve", 0.95, 0.95),
    // 0.820 / 0.753 until the headline was read (5 December 2026): its claims are outside
    // this gold's scope (`in_fixture_scope`), but as the text's first sentence it moves the
    // classifier on a07 (GBR reassurance_force, which this gold has and ANNOTATION.md's has
    // not) and h05; 0.809 / 0.742 since, and 0.800 / 0.742 (on the floor) with the model
    // trained on 1,112 dev articles: it reads a20's "legitimate targets" as rejects beside the
    // opposition this gold has, as the newer dev shards do. 0.811 / 0.753 at the English claim
    // threshold 0.5; since 6 December 2026 it is 0.3, the best English F1 of dev
    // cross-validation on real reporting (0.463 to 0.496 by week, 0.471 to 0.511 by story),
    // and these own-written articles measure 0.655 / 0.763: the floor follows the real
    // reporting, not our own writing (see `ENGLISH_CLAIM_THRESHOLD` in examples/train.rs).
    // Precision 0.64 until 7 December 2026: trained on 2,028 dev articles (1,325 before) the
    // classifier states two more claims the fixtures' own gold has not (FRA ground troops
    // supported in a07, GBR Article-5-like offered in a11), 0.636 / 0.794, while the test
    // split of real reporting went from 0.459 to 0.480.
    ("extract", 0.62, 0.74),
    // The same statements read by ANNOTATION.md (`tests/fixtures/statements.toml`): every
    // claim, unnamed actors of their own, so recall is lower; 0.748 / 0.624 when set, 0.779 /
    // 0.662 at the English threshold 0.5, 0.628 / 0.684 at 0.3.
    ("extract by ANNOTATION.md", 0.61, 0.66),
];

/// F1 floor for main-content extraction on the 181 benchmark pages (dom_smoothie + line
/// classifier); dom_smoothie alone measured 0.946 in shared/EVIDENCE-ANCHORS.md.
const EXTRACTION_F1_FLOOR: f64 = 0.94;

#[test]
fn fixture_stages_meet_their_floors() {
    let pipeline = Pipeline::default();
    let r = evaluate_fixtures(&pipeline);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert!(
        r.articles >= 30,
        "the fixture set has {} articles, fewer than 30",
        r.articles
    );
    let stages = [
        ("clean", r.clean),
        ("dedupe", r.dedupe),
        ("resolve", r.resolve),
        ("extract", r.extract),
        ("extract by ANNOTATION.md", r.extract_annotated),
    ];
    for ((name, c), (fname, pf, rf)) in stages.iter().zip(FLOORS) {
        assert_eq!(*name, fname);
        println!(
            "{name:<8} precision {:.3}  recall {:.3}  F1 {:.3}  (tp {} fp {} fn {})",
            c.precision(),
            c.recall(),
            c.f1(),
            c.tp,
            c.fp,
            c.fn_
        );
        assert!(
            c.precision() >= pf,
            "{name} precision {:.3} below floor {pf}",
            c.precision()
        );
        assert!(
            c.recall() >= rf,
            "{name} recall {:.3} below floor {rf}",
            c.recall()
        );
    }
}

#[test]
fn extraction_benchmark_meets_its_floor() {
    let Some(dir) = extraction_benchmark_dir() else {
        println!(
            "note: ScrapingHub article-extraction benchmark not found next to the workspace; skipped"
        );
        return;
    };
    let pipeline = Pipeline::default();
    let s = evaluate_extraction(&dir, |html| clean_stage(&pipeline, html));
    println!(
        "extraction on {} pages: precision {:.3} recall {:.3} F1 {:.3}",
        s.pages, s.precision, s.recall, s.f1
    );
    assert_eq!(s.pages, 181);
    assert!(
        s.f1 >= EXTRACTION_F1_FLOOR,
        "F1 {:.3} below floor {EXTRACTION_F1_FLOOR}",
        s.f1
    );
}

#[test]
fn one_parse_reads_the_metadata_the_head_alone_gives() {
    // `read_html` takes a page's metadata from the content parse; on every HTML fixture and
    // benchmark page it must be what reading the head alone gives, or page files would change
    // title, date or language (and so their content hash) with the speed-up.
    let same = |html: &str, name: &str| {
        assert_eq!(
            guarantor_evidence::clean::read_html(html).meta,
            guarantor_evidence::clean::html_metadata(html),
            "{name}"
        );
    };
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles");
    let mut compared = 0;
    for entry in std::fs::read_dir(&fixtures).expect("fixture directory") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "html") {
            same(
                &std::fs::read_to_string(&path).expect("fixture"),
                &path.display().to_string(),
            );
            compared += 1;
        }
    }
    assert!(compared >= 5, "{compared} HTML fixtures");
    let Some(dir) = extraction_benchmark_dir() else {
        println!(
            "note: ScrapingHub article-extraction benchmark not found next to the workspace; skipped"
        );
        return;
    };
    let mut pages = 0;
    for entry in std::fs::read_dir(dir.join("html")).expect("html directory") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("page readable");
        let html = guarantor_evidence::source::gunzip(&bytes).expect("gzip page");
        same(&String::from_utf8_lossy(&html), &path.display().to_string());
        pages += 1;
    }
    assert_eq!(pages, 181);
}

/// Floors on the test split of the real corpus (`tests/corpus/test`), from the figures measured
/// on 3 December 2026 (07:05 UTC) with `cargo run -p guarantor-evidence --release --example
/// evaluate -- --split test` on 169 test articles, with the sentence classifier
/// (`data/evidence-model.txt`, trained on the 297 dev articles only) added to the rules: overall
/// F1 0.389, non-English F1 0.398, actor accuracy 0.589, rewrite recall 0.424 at precision 0.933;
/// each lowered by about 0.02 and rounded down (at 09:00 on 3 December, after the tense
/// convention: F1 0.405, non-English 0.418, actor accuracy 0.576, the same rewrites; at 07:45,
/// after the prefix fixes: F1 0.390, non-English 0.400, actor accuracy 0.575). (At 06:10 the same split measured F1 0.384,
/// non-English 0.406, actor accuracy 0.553 and the same rewrites; since then lists of subjects
/// (people, far from the verb, before a beneficiary) and the lexicons' stemming collisions:
/// English F1 0.298 to 0.353, non-English 0.406 to 0.398.) At 14:40 on 3 December the Dutch and
/// Portuguese shards (`n`, `v`; 23 test articles) and lexicons joined: on 192 test articles F1
/// 0.410, non-English 0.422, actor accuracy 0.588, rewrite recall 0.444 at precision 0.889 (16
/// links right, 2 wrong: the gazetteer's new Dutch and Portuguese names made one more pair of
/// independent reports share their anchors; 0.941 with the old gazetteer), so the precision
/// floor was 0.87. At 15:40 the Romanian and Turkish shards (`x`, `y`; 23 test articles) and
/// lexicons joined, the classifier was retrained on the 347 dev articles and the English
/// new-target threshold went from 0.4 to 0.5 (the fixture floor): on 215 test articles F1 0.421,
/// non-English 0.435, actor accuracy 0.616, rewrite recall 0.487 at precision 0.905 (19 right, 2
/// wrong). At 17:10 UTC on 3 December the classifier was retrained with three dev-only shards
/// (`g`, `i`, `k`: 72 English, Italian and Spanish articles, 419 dev articles in all; the test
/// split unchanged): F1 0.432, non-English 0.446, actor accuracy 0.617, the same rewrites, which
/// set the floors then. At 17:40 six more dev-only shards (`u`, `m`, `l`, `d`, `h`, `z`; 563 dev
/// articles) and six English cue phrases: F1 0.437, non-English 0.453, actor accuracy 0.606, the
/// same rewrites; at 18:20 positives weighted 10 in training: F1 0.441, non-English 0.456, actor
/// accuracy 0.603, the same rewrites, which set the floors below (at 18:40, four more dev-only
/// shards: F1 0.439, non-English 0.455, actor accuracy 0.612). On 4 December (06:40 UTC) the
/// dedupe stage's eighth tier (a retelling naming the other article's publisher, chosen on dev)
/// took rewrite recall to 0.513 at precision 0.909 (20 right, 2 wrong), and at 07:10 its list
/// of 87 outlets (from 50) to 0.538 at 0.913 (21 right, 2 wrong; dev unchanged), which set the
/// recall floor to 0.51. On 4 December (12:30) listed people each speaking for their state,
/// German reported speech and dropping a sentence's weak rival stances took actor accuracy to
/// 0.630 (F1 0.438, non-English 0.456), which set its floor to 0.61. Separable verbs, actors
/// with targets as features, the worded English threshold and 147 more dev articles took F1 to
/// 0.450 and non-English to 0.465 (4 December, 21:50), which set their floors to 0.43 and 0.44.
/// The sixth dedupe tier's short case (4 December, 23:30) took rewrite recall to 0.564 at
/// precision 0.917 (22 right, 2 wrong), which set the recall floor to 0.54. The article-level
/// claim model and three dev-only shards (5 December, 07:00; chosen on dev cross-validation,
/// 0.499 to 0.510) measured F1 0.439, non-English 0.452 and actor accuracy 0.653: the floors stay.
/// Ten more dev-only shards (5 December, 10:00; 1,112 dev articles): F1 0.444, non-English 0.459,
/// actor accuracy 0.646; the floors stay. Modality (asserted or hedged) of the matched claims,
/// scored since 5 December 2026 (14:00): 0.741 before hedges followed ANNOTATION.md (no
/// conditions, no "can", only offers, considerations and support hedged), 0.831 after, which set
/// its floor to 0.80; always saying "asserted" scores 0.852 on the test split (0.767 on dev,
/// where the rule scores 0.807). Quantities of matched claims, scored since 5 December 2026
/// (15:00): of the test gold's 24 in digits, 1 (English) and 0 (other languages) were found
/// before the lexicons' `[quantities]`, 2 and 11 after (dev: 40 of 68 and 147 of 218), which
/// set the floor of their recall to 0.40. Scored with the gold's amounts in words too (31 on
/// test), and with numbers written as words read: 2 of 4 and 12 of 27 (0.452). With the
/// conditional mood, either/or and adverbs of probability as hedges (5 December, 22:10):
/// modality 0.828 (dev 0.807 to 0.819), F1 0.451, non-English 0.465; the floors stay. With
/// speakers not governed by a preposition, datelines, the gazetteer's "Сполучені Штати" and
/// "Sir Keir" (6 December, 01:05): actor accuracy 0.659 (271 of 411; dev 0.616 to 0.632), F1
/// 0.451, non-English 0.465, which set the actor floor to 0.63. With the classifier's cognate
/// prefixes shared across languages and scripts (6 December, 03:00): F1 0.454, non-English
/// 0.471, actor accuracy 0.660, which set the non-English floor to 0.45. Who holds each claim,
/// (article, actor, target, stance) with every actor apart, was first scored on 6 December
/// (05:00): F1 0.276 (P 0.307, R 0.250; English 0.167), which set its floor to 0.25.
/// The learned choice of a statement's party (6 December, 11:40) took actor accuracy to 0.679
/// and who holds each claim to 0.284; the ninth dedupe tier (a retelling sentence by sentence,
/// 6 December, 13:00) left the test rewrites as they were (22 right, 2 wrong): the floors stay.
/// Sites outside the news-source list credited by their address or a credit line (6 December,
/// 15:00) linked nothing new on test; English claims stated from 0.3 instead of 0.5 (15:40)
/// took F1 to 0.466 (English 0.370 to 0.442), actor accuracy to 0.670 and who holds each claim
/// to 0.289: the floors stay. On 7 December (08:30) the sixth dedupe tier asks a similarity of
/// 0.75 instead of 0.7: on the ten shards added to dev that day it had linked 7 false pairs and
/// 1 true between the two; on test it loses one true link (recall 0.564 to 0.538, 21 right, 2
/// wrong), which set the recall floor to 0.53. On 7 December (14:00) two more waves of dev
/// shards (401 articles: December 2025 to February 2026, and the force as a whole with its
/// tasks) took F1 to 0.501 (non-English 0.500, interval over stories 0.463 to 0.538), actor
/// accuracy to 0.687 and who holds each claim to 0.320, which set their floors to 0.48, 0.48,
/// 0.66 and 0.30; a seventh wave (145 articles from outlets new to the corpus; neutral on the
/// older dev articles by week folds, 0.463 to 0.464) measured 0.496, non-English 0.498, actor
/// accuracy 0.677, who holds each claim 0.314, and after two more copies were joined in its
/// gold 0.500, 0.502, 0.682 and 0.319. The floors are below the targets (F1 0.6
/// overall, 0.5 non-English, rewrite recall 0.6 at precision 0.9; non-English sits on 0.5, and
/// a retraining moves it by a few thousandths either way): they catch regressions, they do not
/// claim a target is met.
const CORPUS_TEST_FLOORS: CorpusFloors = CorpusFloors {
    f1: 0.48,
    non_english_f1: 0.48,
    actor_accuracy: 0.66,
    rewrite_recall: 0.53,
    rewrite_precision: 0.88,
    modality_accuracy: 0.80,
    quantity_recall: 0.40,
    who_f1: 0.30,
};

struct CorpusFloors {
    f1: f64,
    non_english_f1: f64,
    actor_accuracy: f64,
    rewrite_recall: f64,
    rewrite_precision: f64,
    modality_accuracy: f64,
    quantity_recall: f64,
    who_f1: f64,
}

#[test]
fn real_corpus_test_split_meets_its_floors() {
    let pipeline = Pipeline::default();
    let r = evaluate_corpus(&pipeline, Split::Test, None);
    if r.overall.articles == 0 {
        println!("note: no real corpus under tests/corpus/test; skipped");
        return;
    }
    let f = CORPUS_TEST_FLOORS;
    println!(
        "test split: {} articles, F1 {:.3} (non-English {:.3}), actor accuracy {:.3}, rewrite recall {:.3} precision {:.3}",
        r.overall.articles,
        r.overall.extract.f1(),
        r.non_english.extract.f1(),
        r.overall.actor_accuracy(),
        r.rewrite.recall(),
        r.rewrite.precision()
    );
    for (name, value, floor) in [
        ("F1", r.overall.extract.f1(), f.f1),
        (
            "non-English F1",
            r.non_english.extract.f1(),
            f.non_english_f1,
        ),
        (
            "actor accuracy",
            r.overall.actor_accuracy(),
            f.actor_accuracy,
        ),
        ("rewrite recall", r.rewrite.recall(), f.rewrite_recall),
        (
            "rewrite precision",
            r.rewrite.precision(),
            f.rewrite_precision,
        ),
        (
            "modality accuracy",
            r.overall.modality_accuracy(),
            f.modality_accuracy,
        ),
        (
            "quantity recall",
            r.overall.quantity_recall(),
            f.quantity_recall,
        ),
        ("who F1", r.overall.who.f1(), f.who_f1),
    ] {
        assert!(value >= floor, "{name} {value:.3} below floor {floor}");
    }
    // The probability a classifier statement keeps must mean something: its firm claims (from
    // `FIRM_PROBABILITY`) are right clearly more often than its most doubtful ones (below 0.35).
    // Measured 4 December 2026: 73/137 = 0.533 against 75/223 = 0.336; at 12:30, with the weak
    // rival stances of a sentence dropped (`SentenceModel::competing`), 69/135 = 0.511 against
    // 61/168 = 0.363. At 21:50, trained with 147 more dev articles (shards `ja` to `jh`), 82/169
    // = 0.485 against 69/177 = 0.390, while dev cross-validation, on five times the claims, gives
    // 375/676 = 0.555 against 209/759 = 0.275: each band here has a standard error near 0.04, so
    // the margin asked of this split is 0.05 (it was 0.1, within two standard errors of noise).
    let band = |names: &[&str]| {
        let (tp, emitted) = names.iter().fold((0, 0), |(tp, n), b| {
            let c = r.by_source.get(b).copied().unwrap_or_default();
            (tp + c.tp, n + c.tp + c.fp)
        });
        assert!(emitted > 0, "no claims in {names:?}");
        tp as f64 / emitted as f64
    };
    assert_eq!(
        guarantor_evidence::FIRM_PROBABILITY,
        0.5,
        "the bands below assume it"
    );
    let firm = band(&[SOURCE_BANDS[1], SOURCE_BANDS[2]]);
    let doubtful = band(&[SOURCE_BANDS[4]]);
    println!("classifier claims right: firm {firm:.3}, below 0.35 {doubtful:.3}");
    assert!(
        firm >= doubtful + 0.05,
        "firm classifier claims {firm:.3} not clearly above the doubtful {doubtful:.3}"
    );
}

#[test]
fn real_corpus_reads_and_yields_statements_in_every_language() {
    let pipeline = Pipeline::default();
    let r = evaluate_corpus(&pipeline, Split::Dev, None);
    if r.overall.articles == 0 {
        println!("note: no real corpus under tests/corpus/dev; skipped");
        return;
    }
    for lang in [
        "en", "uk", "ru", "de", "fr", "pl", "it", "es", "nl", "pt", "ro", "tr",
    ] {
        let Some(s) = r.per_lang.get(lang) else {
            continue;
        };
        assert!(
            s.extract.tp > 0,
            "{lang}: no (article, target, stance) claim found on the dev split"
        );
    }
}

/// The second annotations of `tests/corpus/agreement` (`examples/agreement.rs`) are of dev
/// articles, quote their texts exactly and use the gold's labels: an agreement figure from a
/// misplaced id or a paraphrased span would be meaningless.
#[test]
fn second_annotations_quote_dev_articles_and_use_the_gold_labels() {
    let dir = corpus_dir(Split::Dev).join("../agreement");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("note: no tests/corpus/agreement; skipped");
        return;
    };
    let corpus = load_corpus(Split::Dev);
    let texts: std::collections::HashMap<&str, String> = corpus
        .articles
        .iter()
        .map(|a| {
            let text = match &a.body {
                guarantor_evidence::Body::Text(t) | guarantor_evidence::Body::Html(t) => t.clone(),
                other => panic!("{}: unexpected body {other:?}", a.id),
            };
            (a.id.as_str(), text)
        })
        .collect();
    let targets: std::collections::BTreeSet<&str> = corpus
        .gold
        .iter()
        .flat_map(|g| g.statements.iter().map(|s| s.target.as_str()))
        .collect();
    let mut checked = 0;
    for e in entries.filter_map(|e| e.ok()) {
        let name = e.file_name().to_string_lossy().to_string();
        if !(name.starts_with("second-") && name.ends_with(".jsonl")) {
            continue;
        }
        let file = std::fs::read_to_string(e.path()).expect("agreement file readable");
        for (i, line) in file
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let g: CorpusGold =
                serde_json::from_str(line).unwrap_or_else(|err| panic!("{name}:{}: {err}", i + 1));
            let text = texts
                .get(g.id.as_str())
                .unwrap_or_else(|| panic!("{name}:{}: {} is not a dev article", i + 1, g.id));
            for s in &g.statements {
                assert!(
                    text.contains(&s.evidence) && !s.evidence.trim().is_empty(),
                    "{name}: {}: evidence not in the text: {:?}",
                    g.id,
                    s.evidence
                );
                assert!(
                    targets.contains(s.target.as_str()),
                    "{name}: {}: unknown target {}",
                    g.id,
                    s.target
                );
                assert!(
                    guarantor_evidence::Stance::parse(&s.stance).is_some(),
                    "{name}: {}: unknown stance {}",
                    g.id,
                    s.stance
                );
                checked += 1;
            }
        }
    }
    println!("second annotations: {checked} statements checked");
}

/// The address of a page as `evaluation-exclusions.txt` hashes it: lowercase, without scheme,
/// leading `www.` and trailing `/`.
fn exclusion_key(url: &str) -> String {
    let lower = url.to_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or(&lower);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    rest.trim_end_matches('/').to_string()
}

/// The list of pages kept for an independent evaluation, when it is next to the workspace.
fn evaluation_exclusions() -> Option<std::collections::HashSet<String>> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = ["../shared", "../../shared"].iter().find_map(|r| {
        std::fs::read_to_string(root.join(r).join("evaluation-exclusions.txt")).ok()
    })?;
    Some(
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect(),
    )
}

/// Every corpus item is read, has one id and one address across both splits (an address in both
/// would be a test item trained on), its gold in its own split, evidence quoted exactly, a
/// rewrite link inside its split, and no address on the independent evaluation's list.
#[test]
fn corpus_items_are_sound_and_kept_apart_from_the_independent_evaluation() {
    use sha2::Digest;
    use std::collections::HashMap;
    assert_eq!(exclusion_key("https://www.Example.com/a/"), "example.com/a");
    assert_eq!(exclusion_key("http://example.com"), "example.com");
    let mut split_of: HashMap<String, Split> = HashMap::new();
    let mut texts: HashMap<String, String> = HashMap::new();
    let mut addresses: HashMap<String, String> = HashMap::new();
    let exclusions = evaluation_exclusions();
    if exclusions.is_none() {
        println!("note: evaluation-exclusions.txt not found next to the workspace; not checked");
    }
    let corpora: Vec<(Split, Corpus)> = [Split::Dev, Split::Test]
        .into_iter()
        .map(|s| (s, load_corpus(s)))
        .collect();
    for (split, corpus) in &corpora {
        assert!(corpus.errors.is_empty(), "{:?}", corpus.errors);
        for a in &corpus.articles {
            assert!(
                split_of.insert(a.id.clone(), *split).is_none(),
                "id {} twice",
                a.id
            );
            let text = match &a.body {
                guarantor_evidence::Body::Text(t) | guarantor_evidence::Body::Html(t) => t.clone(),
                other => panic!("{}: unexpected body {other:?}", a.id),
            };
            texts.insert(a.id.clone(), text);
            if let Some(url) = &a.url {
                let key = exclusion_key(url);
                if let Some(first) = addresses.insert(key.clone(), a.id.clone()) {
                    panic!("{} and {} are one page: {url}", first, a.id);
                }
                if let Some(list) = &exclusions {
                    let hash = format!("{:x}", sha2::Sha256::digest(key.as_bytes()));
                    assert!(
                        !list.contains(&hash),
                        "{}: {url} is kept for the independent evaluation",
                        a.id
                    );
                }
            }
        }
    }
    for (split, corpus) in &corpora {
        for g in &corpus.gold {
            assert_eq!(split_of.get(&g.id), Some(split), "gold of {}", g.id);
            for s in &g.statements {
                assert!(
                    texts[&g.id].contains(&s.evidence),
                    "{}: evidence not in the text: {:?}",
                    g.id,
                    s.evidence
                );
            }
            if let Some(o) = &g.near_duplicate_of {
                assert_eq!(split_of.get(o), Some(split), "{} rewrites {o}", g.id);
            }
        }
    }
    assert!(split_of.len() > 800, "{} corpus items", split_of.len());
}

/// A corpus annotated by ANNOTATION.md is read however its lines are filed: its `gold.jsonl`
/// beside the articles, or an article and its annotation in one line; and a directory that is
/// not split into `dev` and `test` is the test split.
#[test]
fn a_corpus_of_ones_own_is_read_however_its_lines_are_filed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let article = |id: &str| {
        serde_json::json!({"id": id, "url": null, "outlet": "Test Wire", "date": "2025-09",
            "lang": "en", "text": "Britain is ready to send troops to Ukraine, the minister said."})
    };
    let gold = serde_json::json!({"id": "a1", "near_duplicate_of": null,
        "statements": [{"actor": "United Kingdom", "target": "ground_troops", "stance": "offers"}]});
    let mut both = article("a2");
    both["statements"] = gold["statements"].clone();
    both["date"] = "2025-09-04T10:00:00Z".into();
    std::fs::write(
        root.join("articles.jsonl"),
        format!("{}\n{both}\n", article("a1")),
    )
    .unwrap();
    std::fs::write(
        root.join("gold.jsonl"),
        format!("{gold}\n{{\"id\": \"a3\"}}\nnot json\n"),
    )
    .unwrap();
    std::fs::write(root.join("notes.txt"), "not a corpus file").unwrap();
    assert_eq!(corpus_dir_in(Some(root), Split::Test), root);
    assert_eq!(corpus_dir_in(Some(root), Split::Dev), root.join("dev"));
    let corpus = load_corpus_at(root);
    let ids = |v: Vec<&str>| v.join(" ");
    assert_eq!(
        ids(corpus.articles.iter().map(|a| a.id.as_str()).collect()),
        "a1 a2"
    );
    assert_eq!(
        ids(corpus.gold.iter().map(|g| g.id.as_str()).collect()),
        "a2 a1"
    );
    let dates: Vec<Option<&str>> = corpus.articles.iter().map(|a| a.date.as_deref()).collect();
    assert_eq!(
        dates,
        [Some("2025-09"), Some("2025-09-04")],
        "read as ingest reads them"
    );
    let errors: Vec<String> = corpus
        .errors
        .iter()
        .map(|e| e.replace(&root.display().to_string(), "DIR"))
        .collect();
    assert_eq!(
        errors,
        [
            "DIR/gold.jsonl:2: neither an article (`text`) nor an annotation (`statements`)",
            "DIR/gold.jsonl:3: expected ident at line 1 column 2",
        ]
    );
    assert_eq!(language_row(Some("en-GB")), "en");
    assert_eq!(language_row(Some(" UK_ua")), "uk");
    assert_eq!(language_row(Some("")), "?");
    assert_eq!(language_row(None), "?");
    // Split into `dev` and `test`, the subdirectories are the splits.
    std::fs::create_dir(root.join("test")).unwrap();
    assert_eq!(corpus_dir_in(Some(root), Split::Test), root.join("test"));
}

/// The bundled ledger (`ledger/articles.jsonl`) is the corpus's openly licensed part, as
/// ledger/README.md says: every corpus article whose licence is not `excerpt, evaluation only`,
/// with the same fields, sorted by id. Three openly licensed items added to the corpus on
/// 4 and 5 December 2026 were missing from it until 6 December, and nothing noticed.
#[test]
fn the_bundled_ledger_is_the_corpus_s_openly_licensed_part() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |path: &std::path::Path| -> Vec<serde_json::Value> {
        std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
            .collect()
    };
    let mut expected: Vec<serde_json::Value> = Vec::new();
    for split in ["dev", "test"] {
        let dir = root.join("tests/corpus").join(split);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("directory entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
            .collect();
        files.sort();
        for file in files {
            expected.extend(read(&file).into_iter().filter(|v| {
                v.get("text").is_some()
                    && v["licence"]
                        .as_str()
                        .is_some_and(|l| l != "excerpt, evaluation only")
            }));
        }
    }
    expected.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    let ledger = read(&root.join("../../ledger/articles.jsonl"));
    let ids = |v: &[serde_json::Value]| -> Vec<String> {
        v.iter()
            .map(|a| a["id"].as_str().unwrap_or("?").to_string())
            .collect()
    };
    assert_eq!(
        ids(&ledger),
        ids(&expected),
        "ledger/articles.jsonl lists other items than the corpus's openly licensed ones \
         (regenerate it as ledger/README.md says)"
    );
    for (l, e) in ledger.iter().zip(&expected) {
        assert_eq!(
            l, e,
            "ledger/articles.jsonl: {} differs from its corpus line",
            e["id"]
        );
    }
}
