//! `POST /api/simulate`, `POST /api/sensitivity`, `POST /api/credibility` and
//! `POST /api/allocate`: the robustness, sensitivity, credibility and allocation analyses of the
//! CLI over the same requests as `/api/assess`, so a page or a script can ask how likely the
//! changed package is to hold, which input decides that, how it scores against the reference
//! arrangements, and what extra contributions would close its gaps.
//!
//! The Monte Carlo runs on the shared worker pool; `draws` is capped so that one request cannot
//! hold the server for long (the CLI has no cap). The allocation is a mixed-integer program
//! solved by CBC on a blocking thread.

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use guarantor_allocate::{AllocateError, AllocationReport, CostWeights, DefaultSolver, Objective, Options};
use guarantor_credibility::{Credibility, Weights};
use guarantor_model::Scenario;
use guarantor_robust::{
    CompiledScenario, Output, Reliability, Sensitivity, Settings, Simulation, SobolSettings,
};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::api::{ApiError, AssessRequest, blocking, scenario};

/// Draws when a request names none.
pub const DEFAULT_DRAWS: u64 = 10_000;
/// The most draws one request may ask for (about 0.2 s of one core on the August scenario).
pub const MAX_DRAWS: u64 = 200_000;

// Each request below repeats the fields of `AssessRequest` rather than flattening it: serde's
// `deny_unknown_fields`, which turns a misspelt field into a 422 naming it, does not work with
// `#[serde(flatten)]`.

/// `POST /api/simulate`: an assess request plus the Monte Carlo settings.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SimulateRequest {
    pub scenario: String,
    #[serde(default)]
    pub without: Vec<String>,
    #[serde(default)]
    pub set: Vec<String>,
    #[serde(default)]
    pub off: Vec<String>,
    /// Number of draws, 1 to [`MAX_DRAWS`]; default [`DEFAULT_DRAWS`].
    pub draws: Option<u64>,
    /// Seed of the draws; default 0. The same seed gives the same numbers.
    #[serde(default)]
    pub seed: u64,
}

/// Base sample size of `POST /api/sensitivity` when a request names none (about 50 ms on the
/// August scenario; the CLI's default is 8,192).
pub const DEFAULT_SAMPLES: usize = 2048;
/// The largest base sample size one request may ask for.
pub const MAX_SAMPLES: usize = 16_384;
/// The most bootstrap resamples one request may ask for.
pub const MAX_BOOTSTRAP: usize = 1000;

/// `POST /api/sensitivity`: an assess request plus the settings of `guarantor sensitivity`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SensitivityRequest {
    pub scenario: String,
    #[serde(default)]
    pub without: Vec<String>,
    #[serde(default)]
    pub set: Vec<String>,
    #[serde(default)]
    pub off: Vec<String>,
    /// `all_met` (default), `share_met`, a capability or `MISSION.CAPABILITY`.
    pub output: Option<String>,
    /// Base sample size N, 2 to [`MAX_SAMPLES`]; default [`DEFAULT_SAMPLES`].
    pub samples: Option<usize>,
    /// Scrambling seed of the Sobol sequence and the bootstrap; default 0.
    #[serde(default)]
    pub seed: u32,
    /// Bootstrap resamples, 1 to [`MAX_BOOTSTRAP`]; default 200.
    pub bootstrap: Option<usize>,
}

/// `POST /api/credibility`: an assess request, and whether to score the references too.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CredibilityRequest {
    pub scenario: String,
    #[serde(default)]
    pub without: Vec<String>,
    #[serde(default)]
    pub set: Vec<String>,
    #[serde(default)]
    pub off: Vec<String>,
    /// Also score the reference arrangements (`scenarios/references/`) with the same weights.
    #[serde(default)]
    pub references: bool,
}

/// The answer of `POST /api/credibility`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CredibilityResponse {
    pub package: Credibility,
    /// Empty unless the request asked for `references`.
    pub references: Vec<Credibility>,
}

/// The scenario of a request with its `off` pledges removed and its `without` contributors
/// taken out, as the simulation and the credibility score see it.
fn reduced(state: &AppState, req: &AssessRequest) -> Result<Scenario, ApiError> {
    let full = scenario(state, req)?;
    let mut s = Scenario::clone(&full);
    s.pledges.retain(|p| !req.off.contains(&p.id));
    Ok(s)
}

/// [`reduced`] with the `without` contributors removed too, as the Monte Carlo model is
/// compiled from it (the credibility score and the allocation remove them themselves).
fn reduced_without(state: &AppState, req: &AssessRequest) -> Result<Scenario, ApiError> {
    let s = reduced(state, req)?;
    let (s, _) = guarantor_engine::without(&s, &req.without).map_err(invalid)?;
    Ok(s)
}

fn invalid(e: impl std::fmt::Display) -> ApiError {
    ApiError::Invalid(format!("error: {e}\n"))
}

/// `POST /api/simulate`.
pub async fn simulate(
    State(state): State<AppState>,
    body: Result<Json<SimulateRequest>, JsonRejection>,
) -> Result<Json<Simulation>, ApiError> {
    let Json(req) = body?;
    let draws = req.draws.unwrap_or(DEFAULT_DRAWS);
    if !(1..=MAX_DRAWS).contains(&draws) {
        return Err(ApiError::Invalid(format!(
            "error: `draws` must be between 1 and {MAX_DRAWS} (got {draws}); run `guarantor simulate --draws N` for more\n"
        )));
    }
    blocking(move || {
        let assess = AssessRequest {
            scenario: req.scenario,
            without: req.without,
            set: req.set,
            off: req.off,
        };
        let s = reduced_without(&state, &assess)?;
        let model = CompiledScenario::new(&s, &Reliability::default());
        let info = guarantor_robust::scenario_info(&s, &assess.without);
        let settings = Settings {
            draws,
            seed: req.seed,
        };
        Ok(Json(guarantor_robust::simulate(
            &model,
            info,
            settings,
            &|_| {},
        )))
    })
    .await
}

/// `POST /api/sensitivity`.
pub async fn sensitivity(
    State(state): State<AppState>,
    body: Result<Json<SensitivityRequest>, JsonRejection>,
) -> Result<Json<Sensitivity>, ApiError> {
    let Json(req) = body?;
    let samples = req.samples.unwrap_or(DEFAULT_SAMPLES);
    if !(2..=MAX_SAMPLES).contains(&samples) {
        return Err(ApiError::Invalid(format!(
            "error: `samples` must be between 2 and {MAX_SAMPLES} (got {samples}); run `guarantor sensitivity --samples N` for more\n"
        )));
    }
    let bootstrap = req.bootstrap.unwrap_or(SobolSettings::default().bootstrap);
    if !(1..=MAX_BOOTSTRAP).contains(&bootstrap) {
        return Err(ApiError::Invalid(format!(
            "error: `bootstrap` must be between 1 and {MAX_BOOTSTRAP} (got {bootstrap})\n"
        )));
    }
    blocking(move || {
        let assess = AssessRequest {
            scenario: req.scenario,
            without: req.without,
            set: req.set,
            off: req.off,
        };
        let s = reduced_without(&state, &assess)?;
        let model = CompiledScenario::new(&s, &Reliability::default());
        if model.inputs().is_empty() {
            return Err(invalid(
                "the scenario has no uncertain input, so there is nothing to attribute (every pledge is certain and no parameter has a range)",
            ));
        }
        if model.inputs().len() > guarantor_robust::sobol::MAX_INPUTS {
            return Err(invalid(format!(
                "{} uncertain inputs; the Sobol sequence has {} dimensions",
                model.inputs().len(),
                guarantor_robust::sobol::MAX_INPUTS
            )));
        }
        let name = req.output.as_deref().unwrap_or("all_met");
        // The CLI's message names its flag; name the request's field instead.
        let output = Output::parse(&model, name).map_err(|e| {
            invalid(format!(
                "`output`: no output `{}` in this scenario ({})",
                e.name,
                match e.hint {
                    Some(h) => format!("did you mean `{h}`?"),
                    None => "use `all_met`, `share_met`, a capability such as `ground_troops`, or `MISSION.CAPABILITY`".into(),
                }
            ))
        })?;
        let info = guarantor_robust::scenario_info(&s, &assess.without);
        let settings = SobolSettings {
            samples,
            seed: req.seed,
            bootstrap,
            confidence: 0.95,
        };
        Ok(Json(guarantor_robust::sensitivity(
            &model, info, output, settings,
        )))
    })
    .await
}

/// `POST /api/credibility`.
pub async fn credibility(
    State(state): State<AppState>,
    body: Result<Json<CredibilityRequest>, JsonRejection>,
) -> Result<Json<CredibilityResponse>, ApiError> {
    let Json(req) = body?;
    blocking(move || {
        let assess = AssessRequest {
            scenario: req.scenario,
            without: req.without,
            set: req.set,
            off: req.off,
        };
        let s = reduced(&state, &assess)?;
        let weights = Weights::default();
        let package = guarantor_credibility::evaluate_without(&s, &assess.without, &weights)
            .map_err(invalid)?;
        let references = if req.references {
            guarantor_credibility::evaluate_references(&weights)
                .map_err(|e| ApiError::Io(format!("internal error: {e}")))?
        } else {
            Vec::new()
        };
        Ok(Json(CredibilityResponse {
            package,
            references,
        }))
    })
    .await
}

/// The objectives of `POST /api/allocate`, spelled as `guarantor allocate --objective`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ObjectiveName {
    /// Least cost-weighted burden added.
    #[default]
    Burden,
    /// Least deviation of each contributor's burden from its fair share.
    FairShare,
}

/// `POST /api/allocate`: an assess request plus the allocation options of `guarantor allocate`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AllocateRequest {
    pub scenario: String,
    #[serde(default)]
    pub without: Vec<String>,
    #[serde(default)]
    pub set: Vec<String>,
    #[serde(default)]
    pub off: Vec<String>,
    /// `burden` (default) or `fair-share`.
    #[serde(default)]
    pub objective: ObjectiveName,
    /// Red lines to leave out, by id (`--ignore-red-line`).
    #[serde(default)]
    pub ignore_red_lines: Vec<String>,
}

/// The answer of `POST /api/allocate`: `guarantor allocate --json`'s document, plus each
/// shortfall's binding constraints in the CLI's words, so a page need not phrase them again.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AllocateResponse {
    #[serde(flatten)]
    pub report: AllocationReport,
    /// One list per entry of `shortfalls`, in its order: one sentence per binding constraint.
    pub shortfall_reasons: Vec<Vec<String>>,
}

/// `POST /api/allocate`.
pub async fn allocate(
    State(state): State<AppState>,
    body: Result<Json<AllocateRequest>, JsonRejection>,
) -> Result<Json<AllocateResponse>, ApiError> {
    let Json(req) = body?;
    blocking(move || {
        let assess = AssessRequest {
            scenario: req.scenario,
            without: req.without,
            set: req.set,
            off: req.off,
        };
        let s = reduced(&state, &assess)?;
        let options = Options {
            objective: match req.objective {
                ObjectiveName::Burden => Objective::Burden,
                ObjectiveName::FairShare => Objective::FairShare,
            },
            without: assess.without,
            ignore_red_lines: req.ignore_red_lines,
        };
        let report = guarantor_allocate::allocate(&s, &options, &CostWeights::default(), &DefaultSolver)
            .map_err(|e| match e {
                AllocateError::UnknownContributor(_) => invalid(e),
                // The CLI's message names its flag; name the request's field instead.
                AllocateError::UnknownRedLine { id, hint } => invalid(format!(
                    "`ignore_red_lines`: no red line `{id}` in this scenario{}",
                    hint.map(|h| format!(" (did you mean `{h}`?)"))
                        .unwrap_or_default()
                )),
                AllocateError::Solver(_) => ApiError::Io(format!("allocation failed: {e}")),
            })?;
        let shortfall_reasons = report
            .shortfalls
            .iter()
            .map(|s| s.binding.iter().map(|b| b.describe()).collect())
            .collect();
        Ok(Json(AllocateResponse {
            report,
            shortfall_reasons,
        }))
    })
    .await
}
