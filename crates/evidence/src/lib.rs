//! Guarantor's evidence pipeline: news articles in, sourced statements out.
//!
//! Four pure stages, each its own module with its own tests:
//! [`clean`] (main content and boilerplate lines) → [`dedupe`] (near duplicates and rewrites)
//! → [`resolve`] (entities and spelling variants) → [`extract`] (attributed statements).
//! [`source`] turns file bytes into articles, [`ledger`] summarises stored statements and
//! [`link`] checks scenario entries against them.
//!
//! Architecture invariant: no I/O. Files are read by the caller (the CLI) and records are
//! stored by `guarantor-store`, the only crate that knows SQL. The lexicon and gazetteer are
//! embedded at build time.

pub mod actor_model;
pub mod charset;
pub mod claim_model;
pub mod clean;
pub mod dedupe;
pub mod extract;
pub mod lang;
pub mod ledger;
pub mod lexicon;
pub mod link;
pub mod model;
pub mod mojibake;
pub mod resolve;
pub mod romanise;
pub mod script;
pub mod source;
pub mod statement;
pub mod text;
pub mod words;

pub use clean::{Cleaned, DropReason, Dropped, LineClassifier};
pub use dedupe::{DedupeIndex, DedupeParams, DuplicateLink, Fingerprint, LinkKind, LinkReason};
pub use extract::{ArticleRef, Extractor};
pub use ledger::{Disagreement, Ledger, Position};
pub use lexicon::Lexicon;
pub use link::{EntryCheck, EntryFlag, EntryKind, ScenarioEntry, check_entries};
pub use model::SentenceModel;
pub use resolve::{Entity, EntityKind, Gazetteer, MatchMethod, Mention};
pub use source::{Body, Format, RawArticle};
pub use statement::{AttributionKind, FIRM_PROBABILITY, Modality, Quantity, Stance, Statement};

/// Topics the ledger records that are not capabilities of the scenario taxonomy.
/// `reassurance_force` is the force as a whole; the taxonomy counts its parts
/// (`ground_troops`, `air_power`, ...), so scenarios cannot pledge it directly.
/// `security_guarantee` is an unspecified guarantee, backstop or safety net that the text does not
/// describe as Article-5-like.
pub const EVIDENCE_ONLY_TOPICS: &[&str] = &["reassurance_force", "security_guarantee"];

/// The capability names the ledger records: the taxonomy's and [`EVIDENCE_ONLY_TOPICS`].
pub fn ledger_capabilities() -> Vec<String> {
    let taxonomy = guarantor_model::Taxonomy::default();
    let mut names: Vec<String> = taxonomy.names().map(str::to_string).collect();
    names.extend(EVIDENCE_ONLY_TOPICS.iter().map(|s| s.to_string()));
    names
}

/// The ledger's name for a capability as a reader writes it: case, hyphens and spaces do not
/// matter ("Ground-Troops" is `ground_troops`). `None` when it names none of
/// [`ledger_capabilities`].
pub fn ledger_capability(name: &str) -> Option<String> {
    let key = name.trim().to_lowercase().replace(['-', ' '], "_");
    ledger_capabilities().into_iter().find(|n| *n == key)
}

/// Version of the extraction rules, stored with each article so a changed lexicon is visible
/// (`/4`: the headline opens the text, so statement ids of titled articles moved by one).
pub const EXTRACTOR_VERSION: &str = concat!("guarantor-evidence ", env!("CARGO_PKG_VERSION"), "/4");

/// Errors of the evidence pipeline. Messages name the offending value; the caller adds the path.
#[derive(Debug, thiserror::Error)]
pub enum EvidenceError {
    #[error("file is empty")]
    Empty,
    #[error("file is {size} bytes, above the limit of {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
    #[error("file looks binary (it contains a NUL byte)")]
    Binary,
    #[error(
        "file is not valid UTF-8 (first bad byte at offset {offset}); save a text file as UTF-8 (a web page in another encoding is read from its .html file)"
    )]
    InvalidUtf8 { offset: usize },
    #[error("invalid JSON article: {0}")]
    Json(String),
    #[error("not valid UTF-8 (first bad byte at column {column})")]
    LineNotUtf8 { column: usize },
    #[error("contains a NUL byte")]
    LineNul,
    #[error("cannot decompress: {0}")]
    Gzip(String),
    #[error("date `{date}` {reason}")]
    Date { date: String, reason: String },
    #[error("line {line}: {source}")]
    Line {
        line: usize,
        #[source]
        source: Box<EvidenceError>,
    },
    #[error("item {item}: {source}")]
    Item {
        item: usize,
        #[source]
        source: Box<EvidenceError>,
    },
    /// A line of annotations (ANNOTATION.md's gold: `statements` and no `text`), not an article:
    /// an annotated corpus keeps both kinds of lines side by side.
    #[error("an annotation line (`statements` without `text`), not an article")]
    AnnotationLine,
    #[error("no article text left after cleaning")]
    NoContent,
    #[error("invalid lexicon: {0}")]
    Lexicon(String),
    #[error("invalid gazetteer: {0}")]
    Gazetteer(String),
}

impl EvidenceError {
    /// Wraps an error with the line of a `.jsonl` file it came from.
    pub fn at_line(self, line: usize) -> EvidenceError {
        EvidenceError::Line {
            line,
            source: Box::new(self),
        }
    }

    /// Whether this is, or wraps, [`EvidenceError::AnnotationLine`]: a line to skip, not bad input.
    pub fn is_annotation_line(&self) -> bool {
        match self {
            EvidenceError::AnnotationLine => true,
            EvidenceError::Line { source, .. } | EvidenceError::Item { source, .. } => {
                source.is_annotation_line()
            }
            _ => false,
        }
    }

    /// Wraps an error with the place (from 1) of the article in a `.json` array.
    pub fn at_item(self, item: usize) -> EvidenceError {
        EvidenceError::Item {
            item,
            source: Box::new(self),
        }
    }
}

/// An article after all per-article stages; dedupe links are added by the caller with a
/// [`DedupeIndex`], since they depend on the other articles.
#[derive(Debug, Clone, PartialEq)]
pub struct ProcessedArticle {
    pub id: String,
    pub content_hash: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
    pub lang: Option<String>,
    /// The language the extractor read the article in (the declared one when a lexicon covers
    /// it, else the detected one); `None` when no lexicon covers it, so it has no statements.
    pub read_in: Option<lang::Lang>,
    /// When no lexicon reads it (`read_in` is `None`), the language to name: the declared tag,
    /// else the detected language's English name ([`lang::foreign`]), else `unknown`.
    pub language_not_read: Option<String>,
    /// True when the article names neither party to the war the guarantee is to end, nor any
    /// of their people ([`Gazetteer::names_a_belligerent`]): it is stored and linked, but no
    /// statement is read from it.
    pub off_topic: bool,
    pub cleaned: Cleaned,
    pub fingerprint: Fingerprint,
    pub mentions: Vec<Mention>,
    pub statements: Vec<Statement>,
}

/// The compiled stages, built once and reused for every article.
pub struct Pipeline {
    pub classifier: LineClassifier,
    pub dedupe_params: DedupeParams,
    pub gazetteer: Gazetteer,
    pub extractor: Extractor,
}

/// An article as the extractor reads it, with the language it declares (`Pipeline::process`
/// gives the one it decided instead, which differs only for an undeclared language).
impl<'a> From<&'a RawArticle> for ArticleRef<'a> {
    fn from(raw: &'a RawArticle) -> Self {
        ArticleRef {
            id: &raw.id,
            date: raw.date.as_deref(),
            outlet: raw.outlet.as_deref(),
            lang: raw.lang.as_deref(),
        }
    }
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline::new(
            &Lexicon::default(),
            Gazetteer::default(),
            DedupeParams::default(),
        )
    }
}

impl Pipeline {
    pub fn new(lexicon: &Lexicon, gazetteer: Gazetteer, dedupe_params: DedupeParams) -> Self {
        Pipeline {
            classifier: LineClassifier::new(&lexicon.boilerplate),
            dedupe_params,
            gazetteer,
            extractor: match model::default_model() {
                Some(m) => Extractor::with_shared_model(lexicon, m),
                None => Extractor::new(lexicon),
            },
        }
    }

    /// Runs clean, fingerprinting, resolve and extract on one article.
    ///
    /// # Errors
    /// [`EvidenceError::NoContent`] when cleaning leaves no text.
    pub fn process(&self, raw: &RawArticle) -> Result<ProcessedArticle, EvidenceError> {
        let body = self.classifier.clean(raw);
        // A page whose body cleaning empties (a failed or script-only page) is refused; a text
        // may be its headline alone (a one-line `.txt`).
        if body.text.trim().is_empty() && !matches!(raw.body, Body::Text(_)) {
            return Err(EvidenceError::NoContent);
        }
        let cleaned = body.with_headline(raw.title.as_deref());
        if cleaned.text.trim().is_empty() {
            return Err(EvidenceError::NoContent);
        }
        let mentions = self.gazetteer.resolve(&cleaned.text);
        let fingerprint =
            dedupe::fingerprint_with_anchors(&cleaned.text, &mentions, &self.dedupe_params);
        // Decided once here, and given to the extractor as declared, so it does not detect again.
        let read_in = self.extractor.language(&cleaned.text, raw.lang.as_deref());
        let language_not_read = read_in.is_none().then(|| {
            raw.lang
                .as_deref()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .or_else(|| lang::foreign(&cleaned.text))
                .unwrap_or("unknown")
                .to_string()
        });
        // A general news feed is mostly about other things: its "training team" of a theatre
        // or tariff demands are no pledges, so only a text about the war is read.
        let off_topic = !self.gazetteer.names_a_belligerent(&mentions);
        let statements = if off_topic {
            Vec::new()
        } else {
            self.extractor.extract(
                &cleaned.text,
                &mentions,
                &self.gazetteer,
                ArticleRef {
                    id: &raw.id,
                    date: raw.date.as_deref(),
                    outlet: raw.outlet.as_deref(),
                    lang: read_in.map(lang::Lang::code).or(raw.lang.as_deref()),
                },
            )
        };
        Ok(ProcessedArticle {
            id: raw.id.clone(),
            content_hash: raw.content_hash(),
            url: raw.url.clone(),
            outlet: raw.outlet.clone(),
            date: raw.date.clone(),
            title: raw.title.clone(),
            lang: raw.lang.clone(),
            read_in,
            language_not_read,
            off_topic,
            cleaned,
            fingerprint,
            mentions,
            statements,
        })
    }
}

#[cfg(test)]
#[path = "pipeline_tests.rs"]
mod pipeline_tests;
