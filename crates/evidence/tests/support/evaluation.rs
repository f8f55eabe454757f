//! Evaluation of the evidence pipeline, shared by `tests/evaluation.rs` (which enforces the
//! floors) and `examples/evaluate.rs` (which prints the figures).
//!
//! Three measurements: per-stage precision and recall on the hand-annotated fixture articles
//! (`tests/fixtures/gold.toml` and `statements.toml`), the real corpus (in `corpus.rs`), and
//! main-content extraction on the public ScrapingHub
//! article-extraction benchmark (181 pages), scored like its `evaluate.py`: 4-word shingles
//! counted per page, tp/fp/fn normalised per page, precision and recall averaged over pages.
//! Test support only; nothing here is part of the library.

#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};

use guarantor_evidence::source::{self, Body, Format, RawArticle};
use guarantor_evidence::{DedupeIndex, Pipeline, ProcessedArticle, Statement};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct GoldFile {
    duplicate: Vec<GoldDuplicate>,
    article: Vec<GoldArticle>,
}

#[derive(Debug, Deserialize)]
struct GoldDuplicate {
    article: String,
    duplicate_of: String,
}

#[derive(Debug, Deserialize)]
struct GoldArticle {
    id: String,
    file: String,
    boilerplate: Vec<String>,
    entities: Vec<String>,
    statements: Vec<[String; 3]>,
}

/// Targets the fixture gold (`tests/fixtures/gold.toml`, written before issue 12) was not
/// annotated for: its annotators had no `security_guarantee` topic, so statements on it are left
/// out of the fixture score rather than counted as false positives. The real corpus is annotated
/// with it (../shared/ANNOTATION.md) and scores it.
pub const FIXTURE_UNANNOTATED_TOPICS: &[&str] = &["security_guarantee"];

/// The statements the fixture gold (`tests/fixtures/gold.toml`) is written for: on the targets
/// it has (`FIXTURE_UNANNOTATED_TOPICS`), and in the content, the lines under the headline. Its
/// annotators left the title out, as a header; the pipeline reads it as the text's first line
/// since 5 December 2026, and ANNOTATION.md annotates it (`statements.toml` scores it).
pub fn in_fixture_scope<'a>(
    raw: &'a RawArticle,
    statements: &'a [Statement],
) -> impl Iterator<Item = &'a Statement> + 'a {
    let headline = raw.title.as_deref().map(str::trim).unwrap_or_default();
    statements.iter().filter(move |s| {
        !FIXTURE_UNANNOTATED_TOPICS.contains(&s.capability.as_str())
            && (headline.is_empty() || !headline.contains(s.quote.trim()))
    })
}

/// The fixtures' statements read again by `../shared/ANNOTATION.md`
/// (`tests/fixtures/statements.toml`): the conventions the real corpus is annotated with, by an
/// annotator who saw neither `gold.toml` nor the extractor's output.
#[derive(Debug, Deserialize)]
struct AnnotatedFile {
    article: Vec<AnnotatedArticle>,
}

#[derive(Debug, Deserialize)]
struct AnnotatedArticle {
    id: String,
    statements: Vec<[String; 3]>,
}

/// The statements of `tests/fixtures/statements.toml` by article id.
fn annotated_statements() -> BTreeMap<String, BTreeSet<[String; 3]>> {
    let file: AnnotatedFile = toml::from_str(
        &std::fs::read_to_string(fixtures_dir().join("statements.toml"))
            .expect("statements.toml readable"),
    )
    .expect("statements.toml parses");
    file.article
        .into_iter()
        .map(|a| (a.id, a.statements.into_iter().collect()))
        .collect()
}

/// The (actor, target, stance) triples of an article's statements.
fn triples<'a>(statements: impl Iterator<Item = &'a Statement>) -> BTreeSet<[String; 3]> {
    statements
        .map(|s| {
            [
                s.actor.clone(),
                s.capability.clone(),
                s.stance.as_str().to_string(),
            ]
        })
        .collect()
}

/// Counts of one stage.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }

    pub fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add_sets<T: Ord + Clone>(&mut self, predicted: &BTreeSet<T>, gold: &BTreeSet<T>) {
        self.tp += predicted.intersection(gold).count();
        self.fp += predicted.difference(gold).count();
        self.fn_ += gold.difference(predicted).count();
    }
}

/// The per-stage result on the fixtures, with the misses listed for inspection.
#[derive(Debug, Default)]
pub struct FixtureReport {
    pub articles: usize,
    /// Content lines kept (tp), boilerplate lines kept (fp), content lines lost (fn).
    pub clean: Counts,
    /// Boilerplate lines removed over all boilerplate lines.
    pub boilerplate_removed: (usize, usize),
    pub dedupe: Counts,
    pub resolve: Counts,
    /// Statements against `gold.toml`, the fixtures' first gold (written before ANNOTATION.md).
    pub extract: Counts,
    /// Statements against `statements.toml`, the same articles read by ANNOTATION.md.
    pub extract_annotated: Counts,
    /// The same without the actor: (article, target, stance), as the real corpus is scored.
    pub extract_annotated_claims: Counts,
    pub errors: Vec<String>,
}

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Loads every fixture article, in file-name order (the order `guarantor ingest DIR` uses).
pub fn load_articles() -> Vec<RawArticle> {
    let dir = fixtures_dir().join("articles");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixture directory exists")
        .map(|e| e.expect("readable entry").path())
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let name = f.to_string_lossy().to_string();
        let Some(format) = Format::from_path(&name) else {
            continue;
        };
        let stem = f.file_stem().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(&f).expect("fixture readable");
        for a in source::parse_file(format, &stem, &bytes).expect("fixture file parses") {
            out.push(a.expect("fixture article parses"));
        }
    }
    out
}

fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// Gold content lines: body lines that are not boilerplate; for HTML, each `<p>` in `<article>`.
fn content_lines(raw: &RawArticle, boilerplate: &[String]) -> Vec<String> {
    match &raw.body {
        Body::Text(t) => t
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !boilerplate.iter().any(|b| b == l))
            .map(str::to_string)
            .collect(),
        Body::Html(h) | Body::Page { html: h, .. } => {
            let inner = h
                .split_once("<article>")
                .and_then(|(_, r)| r.split_once("</article>"))
                .map_or("", |(a, _)| a);
            inner
                .split("<p>")
                .skip(1)
                .filter_map(|p| p.split_once("</p>").map(|(x, _)| strip_tags(x)))
                .filter(|p| !p.is_empty())
                .collect()
        }
    }
}

/// Runs the pipeline on the fixtures and scores each stage against `gold.toml`.
pub fn evaluate_fixtures(pipeline: &Pipeline) -> FixtureReport {
    let gold: GoldFile = toml::from_str(
        &std::fs::read_to_string(fixtures_dir().join("gold.toml")).expect("gold.toml readable"),
    )
    .expect("gold.toml parses");
    let annotated = annotated_statements();
    let raws = load_articles();
    let by_id: HashMap<&str, &RawArticle> = raws.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut report = FixtureReport {
        articles: raws.len(),
        ..FixtureReport::default()
    };
    let mut processed: BTreeMap<String, ProcessedArticle> = BTreeMap::new();
    let mut index = DedupeIndex::new(pipeline.dedupe_params);
    let mut predicted_links = BTreeSet::new();
    for raw in &raws {
        match pipeline.process(raw) {
            Ok(p) => {
                for l in index.insert(
                    &p.id,
                    p.date.as_deref(),
                    p.url.as_deref(),
                    p.fingerprint.clone(),
                ) {
                    predicted_links.insert((l.article, l.duplicate_of));
                }
                processed.insert(p.id.clone(), p);
            }
            Err(e) => report.errors.push(format!("{}: {e}", raw.id)),
        }
    }
    let gold_links: BTreeSet<(String, String)> = gold
        .duplicate
        .iter()
        .map(|d| (d.article.clone(), d.duplicate_of.clone()))
        .collect();
    report.dedupe.add_sets(&predicted_links, &gold_links);

    for g in &gold.article {
        let (Some(raw), Some(p)) = (by_id.get(g.id.as_str()), processed.get(&g.id)) else {
            report.errors.push(format!(
                "{}: gold article not processed (file {})",
                g.id, g.file
            ));
            continue;
        };
        // clean
        let kept: Vec<&str> = p.cleaned.text.lines().map(str::trim).collect();
        let is_kept = |line: &str| {
            kept.iter()
                .any(|k| *k == line || (line.len() >= 20 && k.contains(line)))
        };
        for c in content_lines(raw, &g.boilerplate) {
            if is_kept(&c) {
                report.clean.tp += 1;
            } else {
                report.clean.fn_ += 1;
            }
        }
        for b in &g.boilerplate {
            report.boilerplate_removed.1 += 1;
            if is_kept(b) {
                report.clean.fp += 1;
            } else {
                report.boilerplate_removed.0 += 1;
            }
        }
        // resolve
        let predicted: BTreeSet<String> = p.mentions.iter().map(|m| m.entity.clone()).collect();
        let gold_entities: BTreeSet<String> = g.entities.iter().cloned().collect();
        report.resolve.add_sets(&predicted, &gold_entities);
        // extract (what the fixture annotation scheme covers; see `in_fixture_scope`)
        let predicted = triples(in_fixture_scope(raw, &p.statements));
        let gold_statements: BTreeSet<[String; 3]> = g.statements.iter().cloned().collect();
        report.extract.add_sets(&predicted, &gold_statements);
        match annotated.get(&g.id) {
            Some(a) => {
                let found = triples(p.statements.iter());
                report.extract_annotated.add_sets(&found, a);
                let claims = |t: &BTreeSet<[String; 3]>| -> BTreeSet<(String, String)> {
                    t.iter().map(|[_, c, s]| (c.clone(), s.clone())).collect()
                };
                report
                    .extract_annotated_claims
                    .add_sets(&claims(&found), &claims(a));
            }
            None => report
                .errors
                .push(format!("{}: not in statements.toml", g.id)),
        }
    }
    report
}

/// Per-stage differences against the gold, for debugging the rules (printed by the example).
pub fn fixture_differences(pipeline: &Pipeline) -> Vec<String> {
    let gold: GoldFile = toml::from_str(
        &std::fs::read_to_string(fixtures_dir().join("gold.toml")).expect("gold.toml readable"),
    )
    .expect("gold.toml parses");
    let annotated = annotated_statements();
    let raws = load_articles();
    let mut out = Vec::new();
    for g in &gold.article {
        let Some(raw) = raws.iter().find(|r| r.id == g.id) else {
            continue;
        };
        let Ok(p) = pipeline.process(raw) else {
            continue;
        };
        let predicted = triples(in_fixture_scope(raw, &p.statements));
        let gold_statements: BTreeSet<[String; 3]> = g.statements.iter().cloned().collect();
        for s in predicted.difference(&gold_statements) {
            out.push(format!("{} extra   {}", g.id, s.join(" ")));
        }
        for s in gold_statements.difference(&predicted) {
            out.push(format!("{} missed  {}", g.id, s.join(" ")));
        }
        let all = triples(p.statements.iter());
        let read = annotated.get(&g.id).cloned().unwrap_or_default();
        for s in all.difference(&read) {
            out.push(format!("{} extra by ANNOTATION.md   {}", g.id, s.join(" ")));
        }
        for s in read.difference(&all) {
            out.push(format!("{} missed by ANNOTATION.md  {}", g.id, s.join(" ")));
        }
        let pe: BTreeSet<String> = p.mentions.iter().map(|m| m.entity.clone()).collect();
        let ge: BTreeSet<String> = g.entities.iter().cloned().collect();
        for e in pe.difference(&ge) {
            out.push(format!("{} entity extra   {e}", g.id));
        }
        for e in ge.difference(&pe) {
            out.push(format!("{} entity missed  {e}", g.id));
        }
    }
    out
}

/// Where the ScrapingHub benchmark is, if present: `GUARANTOR_EXTRACTION_BENCHMARK`, or
/// `../shared/benchmarks/article-extraction` or `../../shared/...` from the workspace root.
pub fn extraction_benchmark_dir() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("GUARANTOR_EXTRACTION_BENCHMARK") {
        return Some(PathBuf::from(p));
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    [
        "../shared/benchmarks/article-extraction",
        "../../shared/benchmarks/article-extraction",
    ]
    .iter()
    .map(|r| root.join(r))
    .find(|p| p.join("ground-truth.json").is_file())
}

/// Scores of main-content extraction on the benchmark.
#[derive(Debug, Clone, Copy)]
pub struct ExtractionScores {
    pub pages: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub seconds: f64,
}

fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    // Python's `\w+`: runs of letters, digits and underscores.
    let tokens: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .collect();
    let mut out = HashMap::new();
    let n = 4;
    let last = tokens.len().saturating_sub(n) + 1;
    for i in 0..last.max(1) {
        let s: Vec<&str> = tokens[i.min(tokens.len())..(i + n).min(tokens.len())].to_vec();
        if !s.is_empty() {
            *out.entry(s).or_insert(0) += 1;
        }
    }
    out
}

/// tp, fp, fn normalised to sum to 1, as `string_shingle_matching` in evaluate.py.
fn shingle_match(truth: &str, pred: &str) -> (f64, f64, f64) {
    let t = shingles(truth);
    let p = shingles(pred);
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    let keys: BTreeSet<&Vec<&str>> = t.keys().chain(p.keys()).collect();
    for k in keys {
        let tc = *t.get(k).unwrap_or(&0) as f64;
        let pc = *p.get(k).unwrap_or(&0) as f64;
        tp += tc.min(pc);
        fp += (pc - tc).max(0.0);
        fn_ += (tc - pc).max(0.0);
    }
    let s = tp + fp + fn_;
    if s > 0.0 {
        (tp / s, fp / s, fn_ / s)
    } else {
        (tp, fp, fn_)
    }
}

/// Runs `extract` on every page of the benchmark and scores it.
pub fn evaluate_extraction(dir: &Path, extract: impl Fn(&str) -> String) -> ExtractionScores {
    let truth: HashMap<String, serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(dir.join("ground-truth.json")).expect("ground truth readable"),
    )
    .expect("ground truth parses");
    let mut keys: Vec<&String> = truth.keys().collect();
    keys.sort();
    let start = std::time::Instant::now();
    let mut triples = Vec::new();
    for k in keys {
        let path = dir.join("html").join(format!("{k}.html.gz"));
        let mut html = Vec::new();
        let file = std::fs::File::open(&path).expect("benchmark page readable");
        flate2::read::GzDecoder::new(file)
            .read_to_end(&mut html)
            .expect("gzip page");
        let html = String::from_utf8_lossy(&html);
        let pred = extract(&html);
        let body = truth[k]["articleBody"].as_str().unwrap_or("");
        triples.push(shingle_match(body, &pred));
    }
    let seconds = start.elapsed().as_secs_f64();
    let precision_of = |(tp, fp, fn_): (f64, f64, f64)| {
        if fp == 0.0 && fn_ == 0.0 {
            1.0
        } else if tp == 0.0 && fp == 0.0 {
            0.0
        } else {
            tp / (tp + fp)
        }
    };
    let recall_of = |(tp, fp, fn_): (f64, f64, f64)| {
        if fp == 0.0 && fn_ == 0.0 {
            1.0
        } else if tp == 0.0 && fn_ == 0.0 {
            0.0
        } else {
            tp / (tp + fn_)
        }
    };
    let ps: Vec<f64> = triples
        .iter()
        .filter(|(tp, fp, _)| tp + fp > 0.0)
        .map(|t| precision_of(*t))
        .collect();
    let rs: Vec<f64> = triples
        .iter()
        .filter(|(tp, _, fn_)| tp + fn_ > 0.0)
        .map(|t| recall_of(*t))
        .collect();
    let precision = ps.iter().sum::<f64>() / ps.len().max(1) as f64;
    let recall = rs.iter().sum::<f64>() / rs.len().max(1) as f64;
    ExtractionScores {
        pages: triples.len(),
        precision,
        recall,
        f1: if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        },
        seconds,
    }
}

/// The clean stage as used by ingest: dom_smoothie, then the boilerplate line classifier (the
/// body only: `Pipeline::process` then puts the headline before it, which the benchmark's
/// article bodies leave out).
pub fn clean_stage(pipeline: &Pipeline, html: &str) -> String {
    let raw = source::parse_html("page", html);
    pipeline.classifier.clean(&raw).text
}

/// dom_smoothie alone, for comparison.
pub fn dom_smoothie_only(html: &str) -> String {
    guarantor_evidence::clean::extract_html(html).unwrap_or_default()
}

#[path = "corpus.rs"]
mod corpus;
pub use corpus::*;
