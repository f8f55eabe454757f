//! `POST /api/simulate`, `POST /api/sensitivity`, `POST /api/credibility` and
//! `POST /api/allocate`: the robustness, sensitivity, credibility and allocation analyses of the
//! CLI over the same requests as `/api/assess`, so a page or a script can ask how likely the
//! changed package is to hold, which input decides that, how it scores against the reference
//! arrangements, and what extra contributions would close its gaps.
//!
//! With `"chart": true` each answers the report's chart of its result too (`chart`, SVG markup
//! from `guarantor_report::svg`), so the dashboard shows the report's pictures rather than
//! drawing its own; without it the answer is the CLI's document unchanged.
//!
//! The Monte Carlo runs on the shared worker pool; `draws` is capped so that one request cannot
//! hold the server for long (the CLI has no cap). The allocation is a mixed-integer program
//! solved by CBC on a blocking thread.

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use guarantor_allocate::{
    AllocateError, AllocationReport, CostWeights, DefaultSolver, Objective, Options,
};
use guarantor_credibility::{Credibility, Weights};
use guarantor_model::Scenario;
use guarantor_robust::{
    CompiledScenario, Output, Reliability, Sensitivity, Settings, Simulation, SobolSettings,
};
use serde::{Deserialize, Serialize};

use guarantor_report::html::score_rows;
use guarantor_report::robustness::RobustnessSection;
use guarantor_report::svg;

use crate::AppState;
use crate::api::{ApiError, AssessRequest, blocking, scenario};
use crate::view;

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
    /// Also answer the report's chart of the result as SVG markup, in `chart`.
    #[serde(default)]
    pub chart: bool,
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
    /// Also answer the report's chart of the result as SVG markup, in `chart`.
    #[serde(default)]
    pub chart: bool,
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
    /// Also answer the report's chart of the result as SVG markup, in `chart`.
    #[serde(default)]
    pub chart: bool,
}

/// The answer of `POST /api/credibility`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CredibilityResponse {
    pub package: Credibility,
    /// Empty unless the request asked for `references`.
    pub references: Vec<Credibility>,
    /// With `chart`: the package's score among the reference arrangements' (and the scenario as
    /// written, when the request changes it), as the report draws it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chart: Option<String>,
}

/// A result of an analysis route, with the report's chart of it when the request asked for one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Charted<T> {
    #[serde(flatten)]
    pub result: T,
    /// SVG markup drawn by `guarantor_report::svg`; absent unless the request set `chart`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chart: Option<String>,
    /// With `chart`, for a sensitivity analysis: each input in words, as the chart labels it
    /// (`pledge usa-air` → `air power from United States`), so a page need not word it again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inputs_in_words: Option<std::collections::BTreeMap<String, String>>,
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
) -> Result<Json<Charted<Simulation>>, ApiError> {
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
        let run = |assess: &AssessRequest| -> Result<Simulation, ApiError> {
            let s = reduced_without(&state, assess)?;
            let model = CompiledScenario::new(&s, &Reliability::default());
            let info = guarantor_robust::scenario_info(&s, &assess.without);
            let settings = Settings {
                draws,
                seed: req.seed,
            };
            Ok(guarantor_robust::simulate(&model, info, settings, &|_| {}))
        };
        let simulation = run(&assess)?;
        let chart = if req.chart {
            // The report's chart of `guarantor report --without CODE`: the scenario as written
            // first, the changed package beside it.
            let written = view::as_written(&assess);
            let s = scenario(&state, &written)?;
            let a = crate::api::assessment(&state, &written)?;
            let base = view::changes(&assess).then(|| run(&written)).transpose()?;
            let label = view::change_label(&assess);
            let section = RobustnessSection {
                simulation: base.as_ref().unwrap_or(&simulation),
                without: base.is_some().then_some((label.as_str(), &simulation)),
                sensitivity: None,
                replaced_output: None,
            };
            let r = view::report(&s, &a, None);
            Some(
                svg::whisker_chart(&guarantor_report::robustness::whisker_rows(&r, &section))
                    .into_string(),
            )
        } else {
            None
        };
        Ok(Json(Charted {
            result: simulation,
            chart,
            inputs_in_words: None,
        }))
    })
    .await
}

/// `POST /api/sensitivity`.
pub async fn sensitivity(
    State(state): State<AppState>,
    body: Result<Json<SensitivityRequest>, JsonRejection>,
) -> Result<Json<Charted<Sensitivity>>, ApiError> {
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
        let result = guarantor_robust::sensitivity(&model, info, output, settings);
        let names = guarantor_report::names::Names::new(&s);
        let chart = req.chart.then(|| {
            svg::tornado_chart(&guarantor_report::robustness::tornado_named(&result, &names))
                .into_string()
        });
        let inputs_in_words = req.chart.then(|| {
            result
                .inputs
                .iter()
                .map(|i| (i.input.clone(), names.input(&i.input)))
                .collect()
        });
        Ok(Json(Charted {
            result,
            chart,
            inputs_in_words,
        }))
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
        let all_references = if req.references || req.chart {
            guarantor_credibility::evaluate_references(&weights)
                .map_err(|e| ApiError::Io(format!("internal error: {e}")))?
        } else {
            Vec::new()
        };
        let chart = if req.chart {
            let written = if view::changes(&assess) {
                let s = reduced(&state, &view::as_written(&assess))?;
                Some(guarantor_credibility::evaluate_without(&s, &[], &weights).map_err(invalid)?)
            } else {
                None
            };
            // The report's score chart names a removed contributor (`without United States`).
            let names = guarantor_report::names::Names::new(&s);
            let label = view::change_label_with(&assess, |c| names.contributor(c));
            // The report's rows: the scenario as written first, the changed package beside it.
            let rows = match &written {
                Some(w) => score_rows(w, Some((&package, label.as_str())), &all_references),
                None => score_rows(&package, None, &all_references),
            };
            Some(svg::score_chart(SCORE_TITLE, &rows).into_string())
        } else {
            None
        };
        let references = if req.references {
            all_references
        } else {
            Vec::new()
        };
        Ok(Json(CredibilityResponse {
            package,
            references,
            chart,
        }))
    })
    .await
}

/// The title of the report's score chart.
const SCORE_TITLE: &str = "Credibility score of the package and of the reference arrangements";

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
    /// Also answer the report's chart of the result as SVG markup, in `chart`.
    #[serde(default)]
    pub chart: bool,
}

/// The answer of `POST /api/allocate`: `guarantor allocate --json`'s document, plus each
/// shortfall's binding constraints in the report's words, so a page need not phrase them again.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AllocateResponse {
    #[serde(flatten)]
    pub report: AllocationReport,
    /// One list per entry of `shortfalls`, in its order: one sentence per binding constraint.
    pub shortfall_reasons: Vec<Vec<String>>,
    /// With `chart`: each contributor's burden against its fair share, as the report draws it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chart: Option<String>,
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
        let report =
            guarantor_allocate::allocate(&s, &options, &CostWeights::default(), &DefaultSolver)
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
        let shortfall_reasons = guarantor_report::allocation::shortfall_reasons(&s, &report);
        let chart = req.chart.then(|| {
            svg::burden_chart(&guarantor_report::allocation::burden(&report)).into_string()
        });
        Ok(Json(AllocateResponse {
            report,
            shortfall_reasons,
            chart,
        }))
    })
    .await
}
