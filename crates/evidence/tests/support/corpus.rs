//! The real corpus (tests/corpus/{dev,test}): published reporting in several languages, annotated
//! per ../shared/ANNOTATION.md by other hands. Scored on (article, target, stance), per language
//! and overall, with the actor accuracy of matched claims and the recall and precision of rewrite
//! links. Develop against `dev` only; `test` is run once, for aggregate figures.
//! A child module of `evaluation.rs` (test support only).

use super::*;
use rand::{RngExt, SeedableRng};

#[path = "quantity.rs"]
mod quantity;

/// The two splits of the corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    Dev,
    Test,
}

impl Split {
    pub fn dir_name(self) -> &'static str {
        match self {
            Split::Dev => "dev",
            Split::Test => "test",
        }
    }
}

/// The directory of a split: under `GUARANTOR_CORPUS` when it is set (a corpus kept elsewhere,
/// such as a private test split or a frozen copy to compare runs while shards are being
/// written), else under `tests/corpus`. A `GUARANTOR_CORPUS` directory without a `test`
/// subdirectory but with `.jsonl` files of its own is the test split itself (and there is no
/// dev split): a corpus written by ANNOTATION.md need not be split to be scored.
pub fn corpus_dir(split: Split) -> PathBuf {
    corpus_dir_in(
        std::env::var_os("GUARANTOR_CORPUS")
            .map(PathBuf::from)
            .as_deref(),
        split,
    )
}

/// [`corpus_dir`] with the root `GUARANTOR_CORPUS` names, if any.
pub fn corpus_dir_in(root: Option<&Path>, split: Split) -> PathBuf {
    let Some(root) = root else {
        return Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/corpus")
            .join(split.dir_name());
    };
    let dir = root.join(split.dir_name());
    let unsplit = !root.join("test").is_dir() && !root.join("dev").is_dir();
    if split == Split::Test && unsplit && !corpus_files(root).is_empty() {
        return root.to_path_buf();
    }
    dir
}

#[derive(Debug, Clone, Deserialize)]
struct CorpusArticle {
    id: String,
    url: Option<String>,
    outlet: Option<String>,
    date: Option<String>,
    lang: Option<String>,
    text: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CorpusStatement {
    pub actor: String,
    pub target: String,
    pub stance: String,
    /// `asserted` or `hedged` (ANNOTATION.md); absent in an annotation that does not say.
    #[serde(default)]
    pub modality: Option<String>,
    /// The amount as written (`"up to 30,000"`, `"26 countries"`), or null.
    #[serde(default)]
    pub quantity: Option<serde_json::Value>,
    #[serde(default)]
    pub evidence: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CorpusGold {
    pub id: String,
    pub statements: Vec<CorpusStatement>,
    #[serde(default)]
    pub near_duplicate_of: Option<String>,
    /// The story the article tells (ANNOTATION.md): a rewrite and its original share it.
    #[serde(default)]
    pub story: Option<String>,
}

/// Articles and annotations of one split, in file-name then line order.
pub struct Corpus {
    pub articles: Vec<RawArticle>,
    pub gold: Vec<CorpusGold>,
    pub errors: Vec<String>,
}

/// The `.jsonl` files of a directory, sorted by name.
fn corpus_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    files
}

/// Reads the articles and annotations of a split from its `.jsonl` files, in file-name then
/// line order: a line with `text` is an article, one with `statements` its annotation (a line
/// may be both), so `articles-*.jsonl` beside `gold-*.jsonl`, ANNOTATION.md's `gold.jsonl`
/// beside the articles, or one file of both are read alike. Bad lines are listed in `errors`.
pub fn load_corpus(split: Split) -> Corpus {
    load_corpus_at(&corpus_dir(split))
}

/// [`load_corpus`] of a directory.
pub fn load_corpus_at(dir: &Path) -> Corpus {
    let mut corpus = Corpus {
        articles: Vec::new(),
        gold: Vec::new(),
        errors: Vec::new(),
    };
    for f in corpus_files(dir) {
        let text = match std::fs::read_to_string(&f) {
            Ok(t) => t,
            Err(e) => {
                corpus.errors.push(format!("{}: {e}", f.display()));
                continue;
            }
        };
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let at = || format!("{}:{}", f.display(), i + 1);
            let value: serde_json::Value = match serde_json::from_str(line) {
                Ok(v) => v,
                Err(e) => {
                    corpus.errors.push(format!("{}: {e}", at()));
                    continue;
                }
            };
            let (is_article, is_gold) = (
                value.get("text").is_some(),
                value.get("statements").is_some(),
            );
            if !is_article && !is_gold {
                corpus.errors.push(format!(
                    "{}: neither an article (`text`) nor an annotation (`statements`)",
                    at()
                ));
            }
            if is_article {
                match CorpusArticle::deserialize(&value) {
                    Ok(a) => corpus.articles.push(a.into_raw()),
                    Err(e) => corpus.errors.push(format!("{}: {e}", at())),
                }
            }
            if is_gold {
                match CorpusGold::deserialize(&value) {
                    Ok(g) => corpus.gold.push(g),
                    Err(e) => corpus.errors.push(format!("{}: {e}", at())),
                }
            }
        }
    }
    corpus
}

impl CorpusArticle {
    /// Article records are read here rather than by `source`, so that the evaluation reads
    /// exactly ANNOTATION.md's fields. The date is read as ingest reads it (a timestamp's day, a
    /// month as written); one that is not a date counts as none, since it only orders rewrite
    /// links.
    fn into_raw(self) -> RawArticle {
        RawArticle {
            id: self.id,
            url: self.url,
            outlet: self.outlet,
            date: self
                .date
                .and_then(|d| source::parse_date(&d).ok().flatten()),
            title: None,
            lang: self.lang,
            body: if self.text.trim_start().starts_with('<') {
                Body::Html(self.text)
            } else {
                Body::Text(self.text)
            },
        }
    }
}

/// Scores of one language (or of all).
#[derive(Debug, Clone, Copy, Default)]
pub struct LangScores {
    pub articles: usize,
    /// (article, target, stance) claims.
    pub extract: Counts,
    /// (article, actor, target, stance): who holds each claim, every actor apart, as
    /// `guarantor evidence --actor` shows them (actors compared as [`actor_matches`] does).
    pub who: Counts,
    /// Matched claims whose actor is right, of matched claims.
    pub actor_right: usize,
    pub actor_matched: usize,
    /// Matched claims whose modality (asserted or hedged) is right, of matched claims whose
    /// gold gives one: a floated offer told from a firm one.
    pub modality_right: usize,
    pub modality_matched: usize,
    /// Of those, the claims a gold statement gives as asserted: what always saying "asserted"
    /// would get right, the baseline the modality must beat.
    pub modality_asserted: usize,
    /// Quantities of matched claims: those whose gold gives one, and of them those our
    /// statements of the claim give; those our statements give one, and of them those the gold
    /// gives too (see `score_quantities`).
    pub quantity_gold: usize,
    pub quantity_found: usize,
    pub quantity_emitted: usize,
    pub quantity_right: usize,
}

impl LangScores {
    pub fn actor_accuracy(&self) -> f64 {
        if self.actor_matched == 0 {
            0.0
        } else {
            self.actor_right as f64 / self.actor_matched as f64
        }
    }

    pub fn modality_accuracy(&self) -> f64 {
        self.modality_right as f64 / self.modality_matched.max(1) as f64
    }

    /// The modality accuracy of always saying "asserted".
    pub fn modality_baseline(&self) -> f64 {
        self.modality_asserted as f64 / self.modality_matched.max(1) as f64
    }

    fn add(&mut self, o: &LangScores) {
        self.articles += o.articles;
        self.extract.tp += o.extract.tp;
        self.extract.fp += o.extract.fp;
        self.extract.fn_ += o.extract.fn_;
        self.who.tp += o.who.tp;
        self.who.fp += o.who.fp;
        self.who.fn_ += o.who.fn_;
        self.actor_right += o.actor_right;
        self.actor_matched += o.actor_matched;
        self.modality_right += o.modality_right;
        self.modality_matched += o.modality_matched;
        self.modality_asserted += o.modality_asserted;
        self.quantity_gold += o.quantity_gold;
        self.quantity_found += o.quantity_found;
        self.quantity_emitted += o.quantity_emitted;
        self.quantity_right += o.quantity_right;
    }

    /// Share of the gold's quantities (of matched claims) that our statements give.
    pub fn quantity_recall(&self) -> f64 {
        self.quantity_found as f64 / self.quantity_gold.max(1) as f64
    }

    /// Share of our quantities (of matched claims) that the gold gives.
    pub fn quantity_precision(&self) -> f64 {
        self.quantity_right as f64 / self.quantity_emitted.max(1) as f64
    }
}

/// The corpus evaluation of one split.
#[derive(Debug, Default)]
pub struct CorpusReport {
    /// Per language code of the article record.
    pub per_lang: BTreeMap<String, LangScores>,
    pub overall: LangScores,
    /// Every language but English.
    pub non_english: LangScores,
    /// Rewrite and translation links: a predicted pair is right when gold puts both articles in
    /// one duplicate group; a gold pair is found when the predicted links join its articles.
    pub rewrite: Counts,
    /// Predicted claims, right (`tp`) or not (`fp`), by how they were found: the band of
    /// [`source_band`]. `fn_` stays 0: a missed claim has no source.
    pub by_source: BTreeMap<&'static str, Counts>,
    /// Each article's (article, target, stance) counts with its story (the article's id when
    /// the gold names none) and language row, for [`story_interval`].
    pub per_article: Vec<(String, String, Counts)>,
    pub errors: Vec<String>,
}

/// A 95% percentile interval of the F1 of the articles `counted` keeps, from `resamples`
/// resamples of their stories with replacement (a story's articles, a rewrite and its original,
/// are drawn together: they are not independent evidence). Deterministic: the same report gives
/// the same interval. `None` without an article.
pub fn story_interval(
    per_article: &[(String, String, Counts)],
    counted: impl Fn(&str) -> bool,
    resamples: usize,
) -> Option<(f64, f64)> {
    let mut by_story: BTreeMap<&str, Counts> = BTreeMap::new();
    for (story, _, c) in per_article.iter().filter(|(_, lang, _)| counted(lang)) {
        let s = by_story.entry(story.as_str()).or_default();
        s.tp += c.tp;
        s.fp += c.fp;
        s.fn_ += c.fn_;
    }
    let stories: Vec<Counts> = by_story.into_values().collect();
    if stories.is_empty() || resamples == 0 {
        return None;
    }
    // A fixed seed: the same report gives the same interval.
    let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(7);
    let n = stories.len();
    let mut f1s: Vec<f64> = (0..resamples)
        .map(|_| {
            let mut total = Counts::default();
            for _ in 0..n {
                let s = stories[rng.random_range(0..n)];
                total.tp += s.tp;
                total.fp += s.fp;
                total.fn_ += s.fn_;
            }
            total.f1()
        })
        .collect();
    f1s.sort_by(f64::total_cmp);
    let at = |q: f64| f1s[((q * (resamples - 1) as f64).round() as usize).min(resamples - 1)];
    Some((at(0.025), at(0.975)))
}

/// The bands claims are counted in by how they were found: the rules, else the highest
/// classifier probability among the claim's statements (`Statement::probability`).
pub const SOURCE_BANDS: [&str; 5] = [
    "rules",
    "classifier >= 0.8",
    "classifier 0.5-0.8",
    "classifier 0.35-0.5",
    "classifier < 0.35",
];

/// The band of a claim from the probabilities of its statements (`None` for the rules').
pub fn source_band(probabilities: impl IntoIterator<Item = Option<f64>>) -> &'static str {
    let mut best: Option<f64> = None;
    for p in probabilities {
        match p {
            None => return SOURCE_BANDS[0],
            Some(p) => best = Some(best.map_or(p, |b: f64| b.max(p))),
        }
    }
    match best.unwrap_or(0.0) {
        p if p >= 0.8 => SOURCE_BANDS[1],
        p if p >= 0.5 => SOURCE_BANDS[2],
        p if p >= 0.35 => SOURCE_BANDS[3],
        _ => SOURCE_BANDS[4],
    }
}

/// A gold actor as the ledger writes it: the gazetteer's actor when the name resolves to one
/// entity, else the folded description ("26 countries (unnamed)").
pub fn normalise_actor(pipeline: &Pipeline, name: &str) -> String {
    let mentions = pipeline.gazetteer.resolve(name);
    let letters = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).count();
    if let [m] = mentions.as_slice()
        && letters(&name[m.start..m.end]) * 2 >= letters(name)
        && let Some(a) = pipeline.gazetteer.actor_of(&m.entity)
    {
        return a;
    }
    fold_actor(name)
}

fn fold_actor(name: &str) -> String {
    guarantor_evidence::text::fold_phrase(name)
}

/// An actor as the scores compare it: [`normalise_actor`], and an unnamed group by its count
/// alone ("26 countries (unnamed)" and "26 nations (unnamed)" are one group).
pub fn actor_key(pipeline: &Pipeline, name: &str) -> String {
    let count = name
        .contains("(unnamed")
        .then(|| {
            name.split(|c: char| !c.is_ascii_digit())
                .find(|t| !t.is_empty())
        })
        .flatten();
    match count {
        Some(n) => format!("{n} (unnamed)"),
        None => normalise_actor(pipeline, name),
    }
}

/// Whether a predicted actor matches a gold one (see [`actor_key`]).
fn actor_matches(pipeline: &Pipeline, predicted: &str, gold: &str) -> bool {
    actor_key(pipeline, predicted) == actor_key(pipeline, gold)
}

/// Runs the pipeline over a split and scores it. `differences`, when given, receives every
/// difference from the gold: only ever pass it for the development split.
pub fn evaluate_corpus(
    pipeline: &Pipeline,
    split: Split,
    mut differences: Option<&mut Vec<String>>,
) -> CorpusReport {
    let corpus = load_corpus(split);
    let mut report = CorpusReport {
        errors: corpus.errors.clone(),
        ..CorpusReport::default()
    };
    let gold_by_id: HashMap<&str, &CorpusGold> =
        corpus.gold.iter().map(|g| (g.id.as_str(), g)).collect();
    let mut index = DedupeIndex::new(pipeline.dedupe_params);
    let mut predicted_links: Vec<(String, String)> = Vec::new();
    // The tier and similarity of each predicted link, for the differences.
    let mut link_reasons: HashMap<(String, String), String> = HashMap::new();
    for raw in &corpus.articles {
        let Some(gold) = gold_by_id.get(raw.id.as_str()) else {
            report
                .errors
                .push(format!("{}: article without annotation", raw.id));
            continue;
        };
        let lang = language_row(raw.lang.as_deref());
        let mut scores = LangScores {
            articles: 1,
            ..LangScores::default()
        };
        let p = match pipeline.process(raw) {
            Ok(p) => p,
            Err(e) => {
                report.errors.push(format!("{}: {e}", raw.id));
                scores.extract.fn_ += gold
                    .statements
                    .iter()
                    .map(|s| (s.target.as_str(), s.stance.as_str()))
                    .collect::<BTreeSet<_>>()
                    .len();
                report.per_article.push((
                    gold.story.clone().unwrap_or_else(|| raw.id.clone()),
                    lang.clone(),
                    scores.extract,
                ));
                report.per_lang.entry(lang).or_default().add(&scores);
                continue;
            }
        };
        for l in index.insert(
            &p.id,
            p.date.as_deref(),
            p.url.as_deref(),
            p.fingerprint.clone(),
        ) {
            let why = l
                .reason
                .map_or_else(|| "no reason".to_string(), |r| format!("{r:?}"));
            link_reasons.insert(
                (l.article.clone(), l.duplicate_of.clone()),
                format!("{why} {:.2}", l.similarity),
            );
            predicted_links.push((l.article, l.duplicate_of));
        }
        let predicted: BTreeSet<(String, String)> = p
            .statements
            .iter()
            .map(|s| (s.capability.clone(), s.stance.as_str().to_string()))
            .collect();
        let gold_claims: BTreeSet<(String, String)> = gold
            .statements
            .iter()
            .map(|s| (s.target.clone(), s.stance.clone()))
            .collect();
        scores.extract.add_sets(&predicted, &gold_claims);
        report.per_article.push((
            gold.story.clone().unwrap_or_else(|| raw.id.clone()),
            lang.clone(),
            scores.extract,
        ));
        let our_who: BTreeSet<(String, &str, &str)> = p
            .statements
            .iter()
            .map(|s| {
                (
                    actor_key(pipeline, &s.actor),
                    s.capability.as_str(),
                    s.stance.as_str(),
                )
            })
            .collect();
        let gold_who: BTreeSet<(String, &str, &str)> = gold
            .statements
            .iter()
            .map(|s| {
                (
                    actor_key(pipeline, &s.actor),
                    s.target.as_str(),
                    s.stance.as_str(),
                )
            })
            .collect();
        scores.who.add_sets(&our_who, &gold_who);
        for claim in &predicted {
            let band = source_band(
                p.statements
                    .iter()
                    .filter(|s| s.capability == claim.0 && s.stance.as_str() == claim.1)
                    .map(|s| s.probability),
            );
            let c = report.by_source.entry(band).or_default();
            if gold_claims.contains(claim) {
                c.tp += 1;
            } else {
                c.fp += 1;
            }
        }
        for claim in predicted.intersection(&gold_claims) {
            scores.actor_matched += 1;
            // The claim's statements, ours and the gold's, read once for actor, modality and
            // quantity.
            let our_statements: Vec<&Statement> = p
                .statements
                .iter()
                .filter(|s| s.capability == claim.0 && s.stance.as_str() == claim.1)
                .collect();
            let gold_statements: Vec<&CorpusStatement> = gold
                .statements
                .iter()
                .filter(|s| s.target == claim.0 && s.stance == claim.1)
                .collect();
            let ours: Vec<&str> = our_statements.iter().map(|s| s.actor.as_str()).collect();
            let theirs: Vec<&str> = gold_statements.iter().map(|s| s.actor.as_str()).collect();
            // The claim's modality is that of its likeliest statement; it is right when a gold
            // statement of the claim has it.
            let gold_modalities: Vec<&str> = gold_statements
                .iter()
                .filter_map(|s| s.modality.as_deref())
                .collect();
            let likeliest = our_statements.iter().max_by(|a, b| {
                let (pa, pb) = (a.probability.unwrap_or(1.0), b.probability.unwrap_or(1.0));
                pa.total_cmp(&pb)
            });
            if let (false, Some(s)) = (gold_modalities.is_empty(), likeliest) {
                scores.modality_matched += 1;
                scores.modality_asserted += usize::from(gold_modalities.contains(&"asserted"));
                if gold_modalities.contains(&s.modality.as_str()) {
                    scores.modality_right += 1;
                } else if let Some(d) = differences.as_deref_mut() {
                    d.push(format!(
                        "{} [{lang}] modality {} {}: ours {}, gold {}  «{}»",
                        raw.id,
                        claim.0,
                        claim.1,
                        s.modality.as_str(),
                        gold_modalities.join(","),
                        s.quote.chars().take(160).collect::<String>()
                    ));
                }
            }
            if let Some(miss) = score_quantities(&mut scores, &our_statements, &gold_statements)
                && let Some(d) = differences.as_deref_mut()
            {
                d.push(format!(
                    "{} [{lang}] quantity {} {}: {miss}",
                    raw.id, claim.0, claim.1
                ));
            }
            let right = ours
                .iter()
                .any(|o| theirs.iter().any(|t| actor_matches(pipeline, o, t)));
            if right {
                scores.actor_right += 1;
            } else if let Some(d) = differences.as_deref_mut() {
                let quote = likeliest
                    .map(|s| s.quote.chars().take(160).collect::<String>())
                    .unwrap_or_default();
                d.push(format!(
                    "{} [{lang}] actor    {} {}: ours {ours:?}, gold {theirs:?}  «{quote}»",
                    raw.id, claim.0, claim.1
                ));
            }
        }
        if let Some(d) = differences.as_deref_mut() {
            for (t, s) in predicted.difference(&gold_claims) {
                let quote = p
                    .statements
                    .iter()
                    .find(|x| &x.capability == t && x.stance.as_str() == s)
                    .map(|x| x.quote.chars().take(160).collect::<String>())
                    .unwrap_or_default();
                d.push(format!("{} [{lang}] extra    {t} {s}  «{quote}»", raw.id));
            }
            for (t, s) in gold_claims.difference(&predicted) {
                let ev = gold
                    .statements
                    .iter()
                    .find(|x| &x.target == t && &x.stance == s)
                    .map(|x| {
                        format!(
                            "{}: «{}»",
                            x.actor,
                            x.evidence.chars().take(160).collect::<String>()
                        )
                    })
                    .unwrap_or_default();
                d.push(format!("{} [{lang}] missed   {t} {s}  ({ev})", raw.id));
            }
        }
        report.per_lang.entry(lang).or_default().add(&scores);
    }
    for (lang, s) in &report.per_lang {
        report.overall.add(s);
        if lang != "en" {
            report.non_english.add(s);
        }
    }
    // Rewrite links, scored over duplicate groups (connected components).
    let ids: Vec<String> = corpus.articles.iter().map(|a| a.id.clone()).collect();
    let gold_links: Vec<(String, String)> = corpus
        .gold
        .iter()
        .filter_map(|g| g.near_duplicate_of.clone().map(|o| (g.id.clone(), o)))
        .collect();
    let gold_group = components(&ids, &gold_links);
    let predicted_group = components(&ids, &predicted_links);
    for (a, b) in &predicted_links {
        if gold_group.contains_key(a) && gold_group.get(a) == gold_group.get(b) {
            report.rewrite.tp += 1;
        } else {
            report.rewrite.fp += 1;
            if let Some(d) = differences.as_deref_mut() {
                let why = link_reasons
                    .get(&(a.clone(), b.clone()))
                    .map_or("", String::as_str);
                d.push(format!("link     extra  {a} -> {b}  ({why})"));
            }
        }
    }
    for (a, b) in &gold_links {
        let found =
            predicted_group.contains_key(a) && predicted_group.get(a) == predicted_group.get(b);
        if !found {
            report.rewrite.fn_ += 1;
            if let Some(d) = differences.as_deref_mut() {
                d.push(format!("link     missed {a} -> {b}"));
            }
        }
    }
    report
}

/// Scores the quantities of one matched claim: the values of our statements of it (`ours`)
/// against those of the gold's (`gold`) ([`quantity::gold_value`]). Returns what differs, if anything.
fn score_quantities(
    scores: &mut LangScores,
    ours: &[&Statement],
    gold: &[&CorpusStatement],
) -> Option<String> {
    let our_quantities: Vec<&guarantor_evidence::Quantity> =
        ours.iter().filter_map(|s| s.quantity.as_ref()).collect();
    // "3 billion" is the value 3 with the unit "billion".
    let our_values: Vec<f64> = our_quantities
        .iter()
        .flat_map(|q| {
            let scale = match q.unit.as_deref() {
                Some("billion") => 1e9,
                Some("million") => 1e6,
                _ => 1.0,
            };
            [q.value, q.upper]
                .into_iter()
                .flatten()
                .map(move |v| v * scale)
        })
        .collect();
    let gold_texts: Vec<String> = gold
        .iter()
        .filter_map(|s| match s.quantity.as_ref()? {
            serde_json::Value::String(t) => Some(t.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
        .collect();
    // A gold amount with digits is met by a value within 1%, one in words ("Vingt-six pays",
    // "hundreds") by our text inside it or it inside ours.
    let gold_values: Vec<f64> = gold_texts
        .iter()
        .filter_map(|t| quantity::gold_value(t))
        .collect();
    let gold_words: Vec<String> = gold_texts
        .iter()
        .filter(|t| quantity::gold_value(t).is_none())
        .map(|t| t.to_lowercase())
        .collect();
    let meet = our_values
        .iter()
        .any(|x| gold_values.iter().any(|y| quantity::values_meet(*x, *y)))
        || our_quantities.iter().any(|q| {
            let ours = q.text.to_lowercase();
            gold_words
                .iter()
                .any(|g| g.contains(&ours) || ours.contains(g.as_str()))
        });
    if !gold_texts.is_empty() {
        scores.quantity_gold += 1;
        scores.quantity_found += usize::from(meet);
    }
    if !our_quantities.is_empty() {
        scores.quantity_emitted += 1;
        scores.quantity_right += usize::from(meet);
    }
    let differs = !meet && (!gold_texts.is_empty() || !our_quantities.is_empty());
    differs.then(|| {
        let ours: Vec<&str> = our_quantities.iter().map(|q| q.text.as_str()).collect();
        format!("ours {ours:?}, gold {gold_texts:?}")
    })
}

/// The row of the per-language table an article counts in: its language's primary subtag,
/// lowercased (`en-GB` and `EN` are `en`), or `?` when none is declared.
pub fn language_row(lang: Option<&str>) -> String {
    lang.map(|l| {
        l.trim()
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_lowercase()
    })
    .filter(|l| !l.is_empty())
    .unwrap_or_else(|| "?".to_string())
}

/// Connected components: article id to the smallest id of its group.
fn components(ids: &[String], links: &[(String, String)]) -> HashMap<String, String> {
    let mut parent: HashMap<String, String> = ids.iter().map(|i| (i.clone(), i.clone())).collect();
    fn find(parent: &mut HashMap<String, String>, x: &str) -> String {
        let p = parent.get(x).cloned().unwrap_or_else(|| x.to_string());
        if p == x {
            return p;
        }
        let r = find(parent, &p);
        parent.insert(x.to_string(), r.clone());
        r
    }
    for (a, b) in links {
        parent.entry(a.clone()).or_insert_with(|| a.clone());
        parent.entry(b.clone()).or_insert_with(|| b.clone());
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            parent.insert(hi, lo);
        }
    }
    let keys: Vec<String> = parent.keys().cloned().collect();
    keys.into_iter()
        .map(|k| {
            let r = find(&mut parent, &k);
            (k, r)
        })
        .collect()
}
