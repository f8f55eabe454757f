//! The evidence ledger in the API: statements with their sources (`GET /api/evidence`), the
//! articles (`GET /api/sources`) and a scenario's entries checked against the ledger
//! (`GET /api/scenarios/{name}/evidence`).
//!
//! The ledger is the SQLite file `guarantor serve --db FILE` names, opened read-only through
//! `guarantor-store` on each request (so an ingest while the server runs shows on the next
//! request, and the server never writes to it); the link check is
//! `guarantor_evidence::link::check_entries`, as for `guarantor assess --db`. Each request reads
//! only what it shows: `/api/evidence` one page, filtered, sorted and counted by the store on
//! indexed columns; the scenario view the statements on its entries' actors and capabilities. So
//! a ledger of tens of thousands of articles answers as fast as a small one. This module knows no
//! SQL and does no escaping: article titles, quotes and URLs are passed on exactly as stored, and
//! the page shows them with `textContent` and links only `http`/`https` addresses.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::LazyLock;

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path as UrlPath, Query, State};
use guarantor_evidence::link::{EntryFlag, EntryKind};
use guarantor_evidence::{DuplicateLink, Ledger, Stance, Statement};
use guarantor_store::{ArticleRecord, StatementFilter, Store, StoreError};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::api::{self, ApiError, AssessRequest, blocking};

/// The embedded gazetteer, built once, that reads the names of the actor filter.
static GAZETTEER: LazyLock<guarantor_evidence::Gazetteer> =
    LazyLock::new(guarantor_evidence::Gazetteer::default);

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

/// Opens a ledger read-only and queries it once, so that `guarantor serve --db` fails at
/// startup rather than on the first request.
///
/// # Errors
/// [`StoreError`]: no such file, a file that is not SQLite or not a Guarantor ledger, a ledger
/// from a newer Guarantor.
pub fn check_ledger(path: &Path) -> Result<LedgerSummary, StoreError> {
    let store = Store::open_read_only(path)?;
    Ok(LedgerSummary {
        articles: store.article_count()?,
        statements: store.statement_count()?,
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
    /// `true`: only firm statements (the rules', the classifier's from
    /// [`guarantor_evidence::FIRM_PROBABILITY`]); default `false`.
    pub firm: Option<bool>,
}

/// `GET /api/evidence`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceList {
    /// The filter as applied: the actor as the ledger writes it (codes in capitals, "Britain"
    /// as GBR, "Zelensky" as Volodymyr Zelenskyy).
    pub actor: Option<String>,
    pub capability: Option<String>,
    pub firm: bool,
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
    /// Why it was linked, in words (`LinkReason::describe`), when the link records it.
    pub duplicate_because: Option<&'static str>,
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
    /// For a pledge whose status is agreed, signed or delivered while none of the statements it
    /// cites commits: the most they say (`offers`, `considers`, ...; see
    /// `guarantor_evidence::link::EntryFlag::AheadOfEvidence`). The entry still counts as backed.
    pub ahead_of_evidence: Option<Stance>,
    /// For an entry without evidence, ledger statements a reader may check and cite (same actor
    /// and capability, not of the opposite polarity, dated by the scenario's date; see
    /// `guarantor_evidence::link::EntryFlag::NoEvidence`).
    pub to_check: Vec<SourcedStatement>,
}

/// `GET /api/scenarios/{name}/evidence`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioEvidence {
    pub scenario: String,
    pub entries: Vec<EntryEvidence>,
}

/// The ledger, opened read-only on each request.
fn open(state: &AppState) -> Result<Store, ApiError> {
    let db = state.db.as_deref().ok_or(ApiError::NoLedger)?;
    Store::open_read_only(db).map_err(unreadable)
}

fn unreadable(e: StoreError) -> ApiError {
    ApiError::Io(format!("cannot read the evidence ledger: {e}"))
}

/// Statements with their articles' metadata, read for those statements only.
struct Sources {
    articles: BTreeMap<String, ArticleRecord>,
}

impl Sources {
    fn read<'a>(
        store: &Store,
        statements: impl IntoIterator<Item = &'a Statement>,
    ) -> Result<Sources, ApiError> {
        let articles = store
            .articles_by_id(statements.into_iter().map(|s| s.article.as_str()))
            .map_err(unreadable)?;
        Ok(Sources { articles })
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

/// Checks the query: an unknown capability or a limit out of range is a 400.
fn checked(q: EvidenceQuery) -> Result<(Option<String>, Option<String>, usize, bool), ApiError> {
    // As `guarantor evidence --actor`: `usa` is the code USA, "Britain" is GBR and "Zelensky"
    // the speaker Volodymyr Zelenskyy.
    let actor = q
        .actor
        .filter(|a| !a.trim().is_empty())
        .map(|a| GAZETTEER.actor_query(&a));
    // As `guarantor evidence --capability`: "Ground-Troops" is `ground_troops`.
    let capability = q
        .capability
        .filter(|c| !c.trim().is_empty())
        .map(|c| guarantor_evidence::ledger_capability(&c).unwrap_or(c));
    if let Some(c) = &capability {
        let names = guarantor_evidence::ledger_capabilities();
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
    Ok((actor, capability, limit, q.firm.unwrap_or(false)))
}

/// `GET /api/evidence?actor=NAME&capability=NAME&limit=N&firm=true`.
pub async fn list(
    State(state): State<AppState>,
    query: Result<Query<EvidenceQuery>, QueryRejection>,
) -> Result<Json<EvidenceList>, ApiError> {
    let Query(q) = query.map_err(|r| ApiError::BadQuery(r.body_text()))?;
    let (actor, capability, limit, firm) = checked(q)?;
    blocking(move || {
        let store = open(&state)?;
        let (actors, capabilities) = store.actors_and_capabilities().map_err(unreadable)?;
        let page = store
            .statement_page(
                StatementFilter {
                    actor: actor.as_deref(),
                    capability: capability.as_deref(),
                    min_probability: firm.then_some(guarantor_evidence::FIRM_PROBABILITY),
                },
                limit,
            )
            .map_err(unreadable)?;
        let sources = Sources::read(&store, &page.statements)?;
        let statements = page.statements.iter().map(|s| sources.sourced(s)).collect();
        Ok(Json(EvidenceList {
            actor,
            capability,
            firm,
            total: page.total,
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
        let store = open(&state)?;
        let links = Ledger {
            statements: Vec::new(),
            duplicates: store.duplicates().map_err(unreadable)?,
        };
        let copies = links.duplicate_index();
        let entries = store
            .articles()
            .map_err(unreadable)?
            .into_iter()
            .map(|a| SourceEntry {
                duplicate_of: copies.get(a.id.as_str()).map(|d| (*d).clone()),
                duplicate_because: copies
                    .get(a.id.as_str())
                    .and_then(|d| d.reason)
                    .map(|r| r.describe()),
                id: a.id,
                title: a.title,
                outlet: a.outlet,
                date: a.date,
                url: a.url,
                lang: a.lang,
                statements: a.statements,
            })
            .collect();
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
        let store = open(&state)?;
        let entries = guarantor_evidence::link::scenario_entries(&s);
        let ledger = entries_ledger(&store, &entries)?;
        let held: BTreeMap<&str, &Statement> = ledger
            .statements
            .iter()
            .map(|s| (s.id.as_str(), s))
            .collect();
        let loaded = Sources::read(&store, &ledger.statements)?;
        let as_of = s.meta.assess_at.to_string();
        let checks = guarantor_evidence::link::check_entries(&entries, &ledger, Some(&as_of));
        let entries = entries
            .into_iter()
            .zip(checks)
            .map(|(e, c)| {
                let mut no_evidence = false;
                let mut contradicted_by = None;
                let mut ahead_of_evidence = None;
                let mut to_check = Vec::new();
                for flag in c.flags {
                    match flag {
                        EntryFlag::NoEvidence { candidates, .. } => {
                            no_evidence = true;
                            to_check = candidates
                                .iter()
                                .filter_map(|id| held.get(id.as_str()))
                                .map(|s| loaded.sourced(s))
                                .collect();
                        }
                        EntryFlag::Contradicted { statement } => {
                            contradicted_by = Some(loaded.sourced(&statement));
                        }
                        EntryFlag::AheadOfEvidence { strongest, .. } => {
                            ahead_of_evidence = Some(strongest);
                        }
                        // Backed by the later word the entry cites; the older statement is
                        // in the ledger view, and `assess --db` names it.
                        EntryFlag::Superseded { .. } => {}
                    }
                }
                let status = if contradicted_by.is_some() {
                    EntryStatus::Contradicted
                } else if no_evidence {
                    EntryStatus::NoEvidence
                } else {
                    EntryStatus::Backed
                };
                let unknown = e
                    .evidence
                    .iter()
                    .filter(|id| !held.contains_key(id.as_str()))
                    .cloned()
                    .collect();
                let cited = e
                    .evidence
                    .iter()
                    .filter_map(|id| held.get(id.as_str()))
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
                    ahead_of_evidence,
                    to_check,
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

/// The part of the ledger a scenario's entries are checked against: every statement on each
/// entry's actor and capability (for the latest stance) and the statements they cite, in the
/// order of the whole ledger. `check_entries` gives the same answer on it as on the whole ledger.
fn entries_ledger(
    store: &Store,
    entries: &[guarantor_evidence::ScenarioEntry],
) -> Result<Ledger, ApiError> {
    let mut statements: BTreeMap<String, Statement> = BTreeMap::new();
    let pairs: BTreeSet<(&str, &str)> = entries
        .iter()
        .map(|e| (e.actor.as_str(), e.capability.as_str()))
        .collect();
    for (actor, capability) in pairs {
        let part = store
            .ledger_of(StatementFilter {
                actor: Some(actor),
                capability: Some(capability),
                min_probability: None,
            })
            .map_err(unreadable)?;
        statements.extend(part.statements.into_iter().map(|s| (s.id.clone(), s)));
    }
    let cited = entries
        .iter()
        .flat_map(|e| e.evidence.iter().map(String::as_str));
    statements.extend(store.statements_by_id(cited).map_err(unreadable)?);
    let mut statements: Vec<Statement> = statements.into_values().collect();
    statements.sort_by(|a, b| {
        (a.date.as_deref(), &a.article, a.sentence, &a.capability).cmp(&(
            b.date.as_deref(),
            &b.article,
            b.sentence,
            &b.capability,
        ))
    });
    Ok(Ledger {
        statements,
        duplicates: Vec::new(),
    })
}
