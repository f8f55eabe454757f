//! The evidence ledger in the API: statements with their sources (`GET /api/evidence`), the
//! articles (`GET /api/sources`) and a scenario's entries checked against the ledger
//! (`GET /api/scenarios/{name}/evidence`).
//!
//! The ledger is the SQLite file `guarantor serve --db FILE` names, opened read-only through
//! `guarantor-store` on each request (so an ingest while the server runs shows on the next
//! request, and the server never writes to it); the link check is
//! `guarantor_evidence::link::check_entries`, as for `guarantor assess --db`. This module knows no
//! SQL and does no escaping: article titles, quotes and URLs are passed on exactly as stored, and
//! the page shows them with `textContent` and links only `http`/`https` addresses.

use std::collections::BTreeMap;
use std::path::Path;

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path as UrlPath, Query, State};
use guarantor_evidence::link::{EntryFlag, EntryKind};
use guarantor_evidence::{DuplicateLink, Ledger, Stance, Statement};
use guarantor_store::{ArticleRecord, Store, StoreError};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::api::{self, ApiError, AssessRequest, blocking};

/// The most statements one `GET /api/evidence` returns.
pub const MAX_LIMIT: usize = 5000;
/// How many statements `GET /api/evidence` returns without `limit`.
pub const DEFAULT_LIMIT: usize = 500;

/// What the startup check found in the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LedgerSummary {
    pub articles: usize,
    pub statements: usize,
}

/// Opens a ledger read-only and reads it through once, so that `guarantor serve --db` fails at
/// startup rather than on the first request.
///
/// # Errors
/// [`StoreError`]: no such file, a file that is not SQLite or not a Guarantor ledger, a ledger
/// from a newer Guarantor, a corrupt row.
pub fn check_ledger(path: &Path) -> Result<LedgerSummary, StoreError> {
    let store = Store::open_read_only(path)?;
    let ledger = store.ledger()?;
    let articles = store.articles()?;
    Ok(LedgerSummary {
        articles: articles.len(),
        statements: ledger.statements.len(),
    })
}

/// The article a statement comes from, as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    pub article: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    /// As the input gave it: any text, not necessarily a web address.
    pub url: Option<String>,
}

/// A statement with its source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourcedStatement {
    #[serde(flatten)]
    pub statement: Statement,
    pub source: Source,
}

/// `GET /api/evidence` query parameters.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceQuery {
    /// An actor (`USA`, `NATO`) or a speaker (`Volodymyr Zelenskyy`); empty means all.
    pub actor: Option<String>,
    /// A taxonomy capability or an evidence-only topic; empty means all.
    pub capability: Option<String>,
    /// At most this many statements (1 to [`MAX_LIMIT`], default [`DEFAULT_LIMIT`]).
    pub limit: Option<usize>,
}

/// `GET /api/evidence`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceList {
    /// The filter as applied (actor codes in capitals).
    pub actor: Option<String>,
    pub capability: Option<String>,
    /// Statements matching the filter; `statements` holds the newest `limit` of them.
    pub total: usize,
    /// Every actor and capability in the ledger, whatever the filter, sorted.
    pub actors: Vec<String>,
    pub capabilities: Vec<String>,
    /// Newest first (undated last), then by article, sentence and capability.
    pub statements: Vec<SourcedStatement>,
}

/// One entry of `GET /api/sources`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceEntry {
    pub id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
    pub statements: usize,
    /// Set when the article is a copy or rewrite of an earlier one.
    pub duplicate_of: Option<DuplicateLink>,
}

/// How a scenario entry stands against the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryStatus {
    /// Cites a statement the ledger holds, and the actor's latest statement does not contradict it.
    Backed,
    /// Cites nothing, or only ids the ledger does not hold; not contradicted.
    NoEvidence,
    /// The actor's latest statement on the capability has the opposite polarity.
    Contradicted,
}

/// One scenario entry (a pledge, or a red line on one capability) against the ledger.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryEvidence {
    pub id: String,
    pub kind: EntryKind,
    pub actor: String,
    pub capability: String,
    /// The stance the entry implies: `commits` for a pledge, `rules_out` or `demands` for a red
    /// line.
    pub implies: Stance,
    pub status: EntryStatus,
    /// Both can hold: an entry without evidence whose actor says the opposite.
    pub no_evidence: bool,
    /// Statement ids the entry cites.
    pub cites: Vec<String>,
    /// Cited ids the ledger does not hold.
    pub unknown: Vec<String>,
    /// The cited statements the ledger holds, with their sources.
    pub cited: Vec<SourcedStatement>,
    /// The actor's latest statement, when it contradicts the entry.
    pub contradicted_by: Option<SourcedStatement>,
}

/// `GET /api/scenarios/{name}/evidence`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioEvidence {
    pub scenario: String,
    pub entries: Vec<EntryEvidence>,
}

/// The ledger and its articles, read on each request.
struct Loaded {
    ledger: Ledger,
    articles: BTreeMap<String, ArticleRecord>,
}

impl Loaded {
    fn read(state: &AppState) -> Result<Loaded, ApiError> {
        let db = state.db.as_deref().ok_or(ApiError::NoLedger)?;
        let unreadable =
            |e: StoreError| ApiError::Io(format!("cannot read the evidence ledger: {e}"));
        let store = Store::open_read_only(db).map_err(unreadable)?;
        let ledger = store.ledger().map_err(unreadable)?;
        let articles = store
            .articles()
            .map_err(unreadable)?
            .into_iter()
            .map(|a| (a.id.clone(), a))
            .collect();
        Ok(Loaded { ledger, articles })
    }

    fn sourced(&self, s: &Statement) -> SourcedStatement {
        let a = self.articles.get(&s.article);
        SourcedStatement {
            statement: s.clone(),
            source: Source {
                article: s.article.clone(),
                title: a.and_then(|a| a.title.clone()),
                outlet: a
                    .and_then(|a| a.outlet.clone())
                    .or_else(|| s.outlet.clone()),
                date: a.and_then(|a| a.date.clone()).or_else(|| s.date.clone()),
                url: a.and_then(|a| a.url.clone()),
            },
        }
    }
}

/// Capability names the ledger accepts: the taxonomy's and the evidence-only topics.
fn known_capabilities() -> Vec<String> {
    let taxonomy = guarantor_model::Taxonomy::default();
    let mut names: Vec<String> = taxonomy.names().map(str::to_string).collect();
    names.extend(
        guarantor_evidence::EVIDENCE_ONLY_TOPICS
            .iter()
            .map(|s| s.to_string()),
    );
    names
}

/// Checks the query: an unknown capability or a limit out of range is a 400.
fn checked(q: EvidenceQuery) -> Result<(Option<String>, Option<String>, usize), ApiError> {
    let actor = q.actor.filter(|a| !a.trim().is_empty()).map(|a| {
        let a = a.trim();
        // As `guarantor evidence --actor`: `usa` is the code USA.
        if a.len() == 3 && a.chars().all(|c| c.is_ascii_alphabetic()) {
            a.to_ascii_uppercase()
        } else {
            a.to_string()
        }
    });
    let capability = q.capability.filter(|c| !c.trim().is_empty());
    if let Some(c) = &capability {
        let names = known_capabilities();
        if !names.contains(c) {
            return Err(ApiError::BadQuery(format!(
                "unknown capability `{c}`{}; capabilities are the taxonomy's (`GET /api/scenarios/{{name}}` lists those pledged) and `reassurance_force`",
                guarantor_model::did_you_mean(c, names.iter().map(String::as_str))
                    .map(|h| format!(" (did you mean `{h}`?)"))
                    .unwrap_or_default()
            )));
        }
    }
    let limit = q.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::BadQuery(format!(
            "`limit` must be between 1 and {MAX_LIMIT}, not {limit}"
        )));
    }
    Ok((actor, capability, limit))
}

/// `GET /api/evidence?actor=CODE&capability=NAME&limit=N`.
pub async fn list(
    State(state): State<AppState>,
    query: Result<Query<EvidenceQuery>, QueryRejection>,
) -> Result<Json<EvidenceList>, ApiError> {
    let Query(q) = query.map_err(|r| ApiError::BadQuery(r.body_text()))?;
    let (actor, capability, limit) = checked(q)?;
    blocking(move || {
        let loaded = Loaded::read(&state)?;
        let sorted = |mut v: Vec<String>| {
            v.sort();
            v.dedup();
            v
        };
        let actors = sorted(
            loaded
                .ledger
                .statements
                .iter()
                .map(|s| s.actor.clone())
                .collect(),
        );
        let capabilities = sorted(
            loaded
                .ledger
                .statements
                .iter()
                .map(|s| s.capability.clone())
                .collect(),
        );
        let mut matching: Vec<&Statement> = loaded
            .ledger
            .statements
            .iter()
            .filter(|s| {
                actor
                    .as_deref()
                    .is_none_or(|a| s.actor == a || s.attributed_to.as_deref() == Some(a))
            })
            .filter(|s| capability.as_deref().is_none_or(|c| s.capability == c))
            .collect();
        matching.sort_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then_with(|| a.article.cmp(&b.article))
                .then_with(|| a.sentence.cmp(&b.sentence))
                .then_with(|| a.capability.cmp(&b.capability))
        });
        let total = matching.len();
        let statements = matching
            .into_iter()
            .take(limit)
            .map(|s| loaded.sourced(s))
            .collect();
        Ok(Json(EvidenceList {
            actor,
            capability,
            total,
            actors,
            capabilities,
            statements,
        }))
    })
    .await
}

/// `GET /api/sources`: every article, by date (undated first), then id.
pub async fn sources(State(state): State<AppState>) -> Result<Json<Vec<SourceEntry>>, ApiError> {
    blocking(move || {
        let loaded = Loaded::read(&state)?;
        let entries = loaded.articles.values().map(|a| SourceEntry {
            id: a.id.clone(),
            title: a.title.clone(),
            outlet: a.outlet.clone(),
            date: a.date.clone(),
            url: a.url.clone(),
            lang: a.lang.clone(),
            statements: a.statements,
            duplicate_of: loaded.ledger.duplicate_of(&a.id).cloned(),
        });
        let mut entries: Vec<SourceEntry> = entries.collect();
        entries.sort_by(|a, b| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
        Ok(Json(entries))
    })
    .await
}

/// `GET /api/scenarios/{name}/evidence`: the scenario as written, entry by entry.
pub async fn scenario(
    State(state): State<AppState>,
    UrlPath(name): UrlPath<String>,
) -> Result<Json<ScenarioEvidence>, ApiError> {
    blocking(move || {
        let req = AssessRequest {
            scenario: name,
            ..AssessRequest::default()
        };
        let s = api::scenario(&state, &req)?;
        let loaded = Loaded::read(&state)?;
        let entries = guarantor_evidence::link::scenario_entries(&s);
        let checks = guarantor_evidence::link::check_entries(&entries, &loaded.ledger);
        let entries = entries
            .into_iter()
            .zip(checks)
            .map(|(e, c)| {
                let mut no_evidence = false;
                let mut contradicted_by = None;
                for flag in c.flags {
                    match flag {
                        EntryFlag::NoEvidence { .. } => no_evidence = true,
                        EntryFlag::Contradicted { statement } => {
                            contradicted_by = Some(loaded.sourced(&statement));
                        }
                    }
                }
                let status = if contradicted_by.is_some() {
                    EntryStatus::Contradicted
                } else if no_evidence {
                    EntryStatus::NoEvidence
                } else {
                    EntryStatus::Backed
                };
                let holds = |id: &String| loaded.ledger.statements.iter().any(|s| &s.id == id);
                let unknown = e.evidence.iter().filter(|id| !holds(id)).cloned().collect();
                let cited = e
                    .evidence
                    .iter()
                    .filter_map(|id| loaded.ledger.statements.iter().find(|s| &s.id == id))
                    .map(|s| loaded.sourced(s))
                    .collect();
                EntryEvidence {
                    id: e.id,
                    kind: e.kind,
                    actor: e.actor,
                    capability: e.capability,
                    implies: e.stance,
                    status,
                    no_evidence,
                    cites: e.evidence,
                    unknown,
                    cited,
                    contradicted_by,
                }
            })
            .collect();
        Ok(Json(ScenarioEvidence {
            scenario: crate::ScenarioName::parse(&req.scenario)?
                .as_str()
                .to_string(),
            entries,
        }))
    })
    .await
}
