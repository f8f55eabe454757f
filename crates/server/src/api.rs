//! The JSON API under `/api/` (documented in `docs/api.md`): list scenarios, outline one, assess
//! one with changes, compare two. Simulation and credibility are in [`crate::analysis`], the
//! evidence routes in [`crate::evidence`].
//!
//! A request carries the same changes as the CLI flags: `without` (contributor codes, as
//! `--without`), `set` (`PATH=VALUE`, as `--set`, applied to the text with
//! `guarantor_model::overrides`, so an override is checked like a hand edit) and `off` (pledge ids
//! switched off in the dashboard). Bad input is a 400 whose `error` is the diagnostics text the
//! CLI would print. The handlers hold no state between requests.

use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use guarantor_engine::{Assessment, Comparison, Excluded};
use guarantor_model::{Override, Scenario, did_you_mean};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::cache::Stamp;
use crate::scenarios::{self, ScenarioName};

/// What can go wrong, and the HTTP status it maps to.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// 400: a name that is not a plain file stem inside the scenarios directory.
    #[error(
        "`{0}` is not a scenario name: use a name from `GET /api/scenarios` (letters, digits, `-`, `_`, `.`; no `/` or `..`)"
    )]
    BadName(String),
    /// 404.
    #[error("no scenario `{name}` in the scenarios directory{}", .hint.as_ref().map(|h| format!(" (did you mean `{h}`?)")).unwrap_or_default())]
    NotFound { name: String, hint: Option<String> },
    /// 400: the scenario with the requested changes does not load; the text is the diagnostics.
    #[error("{0}")]
    Invalid(String),
    /// The body could not be read as the request (400), or is too large (413).
    #[error("{message}")]
    Body { status: u16, message: String },
    /// 404 for an unknown route.
    #[error("no such page or API route")]
    NoRoute,
    /// 400: a query parameter that is unknown, malformed or out of range.
    #[error("{0}")]
    BadQuery(String),
    /// 404: an evidence route on a server started without `--db`.
    #[error(
        "no evidence ledger: this server was started without `--db`; start it with `guarantor serve --db FILE` (make FILE with `guarantor ingest ARTICLES... --db FILE`)"
    )]
    NoLedger,
    /// 500.
    #[error("{0}")]
    Io(String),
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: &'a str,
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadName(_) | ApiError::Invalid(_) | ApiError::BadQuery(_) => {
                StatusCode::BAD_REQUEST
            }
            ApiError::NotFound { .. } | ApiError::NoRoute | ApiError::NoLedger => {
                StatusCode::NOT_FOUND
            }
            ApiError::Body { status, .. } => {
                StatusCode::from_u16(*status).unwrap_or(StatusCode::BAD_REQUEST)
            }
            ApiError::Io(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let text = self.to_string();
        (self.status(), Json(ErrorBody { error: &text })).into_response()
    }
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> Self {
        ApiError::Body {
            status: r.status().as_u16(),
            message: r.body_text(),
        }
    }
}

/// `POST /api/assess`: one scenario and the changes to make before assessing it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AssessRequest {
    /// A name from `GET /api/scenarios`.
    pub scenario: String,
    /// Contributors to remove with their pledges, as `--without`.
    #[serde(default)]
    pub without: Vec<String>,
    /// `PATH=VALUE` overrides, as `--set`.
    #[serde(default)]
    pub set: Vec<String>,
    /// Pledge ids switched off.
    #[serde(default)]
    pub off: Vec<String>,
}

/// `POST /api/compare`: two requests, compared as `guarantor compare` does (b against a).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CompareRequest {
    pub a: AssessRequest,
    pub b: AssessRequest,
}

/// One entry of `GET /api/scenarios`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioEntry {
    pub name: String,
    /// `null` when the file does not load; `error` then says why in one line, and
    /// `diagnostics` in full.
    pub title: Option<String>,
    pub as_of: Option<String>,
    pub error: Option<String>,
    /// The diagnostics the CLI prints for the file (each with `file:line:column`, the line and
    /// the message), when it does not load; `null` otherwise.
    pub diagnostics: Option<String>,
}

/// `GET /api/scenarios/{name}`: what the dashboard offers to switch and edit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outline {
    pub name: String,
    pub title: String,
    pub as_of: String,
    pub quantity_basis: String,
    pub contributors: Vec<OutlineContributor>,
    pub pledges: Vec<OutlinePledge>,
    /// Every identifier of the scenario in the report's words (capabilities, missions, layers,
    /// contributors, pledges, red lines, events), so the page names things as the report does.
    pub words: guarantor_report::names::Words,
    /// Decimals worth showing per unit of the taxonomy (`personnel` 0, `EUR bn per year` 2):
    /// the engine's one rounding rule (`guarantor_engine::decimals`), for the page's figures.
    pub unit_decimals: std::collections::BTreeMap<String, usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutlineContributor {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutlinePledge {
    pub id: String,
    pub contributor: String,
    pub capability: String,
    pub unit: String,
    pub low: f64,
    pub high: f64,
    pub status: String,
    /// The sources the scenario cites for the pledge, as written.
    pub sources: Vec<String>,
}

fn load_text(name: &str, text: &str) -> Result<Scenario, ApiError> {
    let loaded = guarantor_model::load(text);
    if loaded.has_errors() {
        let rendered = guarantor_model::diag::render(name, text, &loaded.diagnostics);
        return Err(ApiError::Invalid(format!(
            "{rendered}error: `{name}` has {}; nothing was assessed\n",
            guarantor_model::diag::summary(&loaded.diagnostics)
        )));
    }
    loaded
        .scenario
        .ok_or_else(|| ApiError::Invalid(format!("error: `{name}` could not be loaded\n")))
}

/// Loads a scenario with the request's overrides, and checks that every pledge in `off` exists.
/// The pledges stay in: [`assessment`] removes them.
///
/// The checked scenario comes from the app's [`ScenarioCache`](crate::cache::ScenarioCache) when
/// the file is unchanged since it was last checked with the same overrides.
///
/// # Errors
/// Any [`ApiError`]: a bad name, a missing file, an override that does not apply, a scenario
/// that does not check, or an unknown pledge in `off`.
pub fn scenario(state: &AppState, req: &AssessRequest) -> Result<Arc<Scenario>, ApiError> {
    let dir = state.scenarios.as_path();
    let name = ScenarioName::parse(&req.scenario)?;
    let overrides = req
        .set
        .iter()
        .map(|s| s.parse::<Override>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| ApiError::Invalid(format!("error: {e}\n")))?;
    let real = scenarios::resolve(dir, &name)?;
    let stamp = std::fs::metadata(&real).map(|m| Stamp::of(&m)).ok();
    let cached = stamp.and_then(|stamp| state.cache.get(&real, &req.set, stamp));
    let scenario = match cached {
        Some(s) => s,
        None => {
            let text = scenarios::read_resolved(dir, &name, &real)?;
            let (label, text) = if overrides.is_empty() {
                (format!("{}.toml", name.as_str()), text)
            } else {
                let edited = guarantor_model::overrides::apply(&text, &overrides)
                    .map_err(|e| ApiError::Invalid(format!("error: {e}\n")))?;
                (format!("{}.toml (with set)", name.as_str()), edited)
            };
            let s = Arc::new(load_text(&label, &text)?);
            // The stamp taken before reading: if the file changed in between, the next request
            // sees a newer stamp and checks it again.
            if let Some(stamp) = stamp {
                state.cache.insert(&real, &req.set, stamp, Arc::clone(&s));
            }
            s
        }
    };
    for id in &req.off {
        if !scenario.pledges.iter().any(|p| &p.id == id) {
            return Err(ApiError::Invalid(format!(
                "error: `off`: no pledge `{id}` in this scenario{}\n",
                did_you_mean(id, scenario.pledges.iter().map(|p| p.id.as_str()))
                    .map(|h| format!(" (did you mean `{h}`?)"))
                    .unwrap_or_default()
            )));
        }
    }
    Ok(scenario)
}

/// Assesses a request: [`scenario`], the pledges in `off` removed, then
/// `guarantor_engine::assess_without`; pledges switched off are listed with the excluded ones.
///
/// # Errors
/// As [`scenario`], and an unknown contributor in `without`.
pub fn assessment(state: &AppState, req: &AssessRequest) -> Result<Assessment, ApiError> {
    let full = scenario(state, req)?;
    let invalid =
        |e: guarantor_engine::UnknownContributor| ApiError::Invalid(format!("error: {e}\n"));
    if req.off.is_empty() {
        return guarantor_engine::assess_without(&full, &req.without).map_err(invalid);
    }
    let mut reduced = Scenario::clone(&full);
    reduced.pledges.retain(|p| !req.off.contains(&p.id));
    let mut a = guarantor_engine::assess_without(&reduced, &req.without).map_err(invalid)?;
    a.excluded.extend(
        full.pledges
            .iter()
            .filter(|p| req.off.contains(&p.id))
            .map(|p| Excluded {
                pledge: p.id.clone(),
                contributor: p.contributor.clone(),
                capability: p.capability.clone(),
            }),
    );
    Ok(a)
}

pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::Io(format!("internal error: {e}")))?
}

/// `GET /api/scenarios`.
pub async fn list(State(state): State<AppState>) -> Result<Json<Vec<ScenarioEntry>>, ApiError> {
    blocking(move || {
        let entries = scenarios::list(&state.scenarios)?
            .into_iter()
            .map(|name| {
                let req = AssessRequest {
                    scenario: name.as_str().to_string(),
                    ..AssessRequest::default()
                };
                match scenario(&state, &req) {
                    Ok(s) => ScenarioEntry {
                        name: name.as_str().to_string(),
                        title: Some(s.meta.name.clone()),
                        as_of: Some(s.meta.as_of.clone()),
                        error: None,
                        diagnostics: None,
                    },
                    Err(e) => {
                        let text = e.to_string();
                        ScenarioEntry {
                            name: name.as_str().to_string(),
                            title: None,
                            as_of: None,
                            error: Some(text.lines().last().unwrap_or("does not load").to_string()),
                            diagnostics: Some(text),
                        }
                    }
                }
            })
            .collect();
        Ok(Json(entries))
    })
    .await
}

/// `GET /api/scenarios/{name}`.
pub async fn outline(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> Result<Json<Outline>, ApiError> {
    blocking(move || {
        let req = AssessRequest {
            scenario: name,
            ..AssessRequest::default()
        };
        let s = scenario(&state, &req)?;
        let unit = |cap: &str| {
            s.taxonomy
                .get(cap)
                .map(|c| c.unit.clone())
                .unwrap_or_default()
        };
        Ok(Json(Outline {
            name: ScenarioName::parse(&req.scenario)?.as_str().to_string(),
            title: s.meta.name.clone(),
            as_of: s.meta.as_of.clone(),
            quantity_basis: format!("{:?}", s.meta.quantity_basis).to_lowercase(),
            contributors: s
                .contributors
                .iter()
                .map(|c| OutlineContributor {
                    code: c.code.clone(),
                    name: c.name.clone(),
                })
                .collect(),
            pledges: s
                .pledges
                .iter()
                .map(|p| OutlinePledge {
                    id: p.id.clone(),
                    contributor: p.contributor.clone(),
                    capability: p.capability.clone(),
                    unit: unit(&p.capability),
                    low: p.quantity.low,
                    high: p.quantity.high,
                    status: p.status.name().to_string(),
                    sources: p.sources.clone(),
                })
                .collect(),
            words: guarantor_report::names::Names::new(&s).words(),
            unit_decimals: s
                .taxonomy
                .capabilities()
                .iter()
                .map(|c| (c.unit.clone(), guarantor_engine::decimals(&c.unit)))
                .collect(),
        }))
    })
    .await
}

/// `POST /api/assess`.
pub async fn assess(
    State(state): State<AppState>,
    body: Result<Json<AssessRequest>, JsonRejection>,
) -> Result<Json<Assessment>, ApiError> {
    let Json(req) = body?;
    blocking(move || assessment(&state, &req).map(Json)).await
}

/// `POST /api/compare`.
pub async fn compare(
    State(state): State<AppState>,
    body: Result<Json<CompareRequest>, JsonRejection>,
) -> Result<Json<Comparison>, ApiError> {
    let Json(req) = body?;
    blocking(move || {
        let a = assessment(&state, &req.a)?;
        let b = assessment(&state, &req.b)?;
        Ok(Json(guarantor_engine::compare(&a, &b)))
    })
    .await
}
