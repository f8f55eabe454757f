//! Global sensitivity of a scenario: which contributor, shared cause or assumption decides
//! whether the guarantee covers its requirements.
//!
//! The output studied is one number per draw: whether every requirement is met (`all_met`, an
//! indicator whose mean is the probability all are met), the gap of one requirement
//! (`MISSION.CAPABILITY`), or the total gap of a capability (`CAPABILITY`). Its Sobol indices over
//! every uncertain input come from [`crate::sobol()`]. The tornado data are read off the same
//! evaluations: the mean output when an input is on its low side (pledge not honoured, event not
//! happening, parameter below its median) against its high side, all other inputs varying. That
//! costs no extra runs and, unlike one-at-a-time swings around a base case, it is meaningful for
//! an indicator output.

use guarantor_model::did_you_mean;
use schemars::JsonSchema;
use serde::Serialize;

use crate::compiled::{CompiledScenario, InputKind, Workspace};
use crate::simulate::SimulatedScenario;
use crate::sobol::{SobolSettings, point, sobol_with_progress};

/// Version of the JSON document of `guarantor sensitivity --json`.
pub const SCHEMA_VERSION: u32 = 1;

/// The output whose variance is decomposed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// 1 when every requirement is met, else 0.
    AllMet,
    /// The share of requirements met (0 to 1): still varies when one requirement can never be
    /// met, where `all_met` is constant.
    ShareMet,
    /// The gap of one requirement row.
    Requirement(usize),
    /// The total gap of one capability (the largest for `max` capabilities).
    Capability(usize),
}

/// `--output` named nothing the scenario has.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`--output {name}`: no such output{}", hint_text(.hint))]
pub struct UnknownOutput {
    pub name: String,
    pub hint: Option<String>,
}

fn hint_text(hint: &Option<String>) -> String {
    match hint {
        Some(h) => format!(" (did you mean `{h}`?)"),
        None => " (use `all_met`, `share_met`, a capability such as `ground_troops`, or `MISSION.CAPABILITY`)"
            .to_string(),
    }
}

impl Output {
    /// Parses `all_met`, `share_met`, `CAPABILITY` or `MISSION.CAPABILITY`.
    pub fn parse(model: &CompiledScenario, name: &str) -> Result<Output, UnknownOutput> {
        if name == "all_met" {
            return Ok(Output::AllMet);
        }
        if name == "share_met" {
            return Ok(Output::ShareMet);
        }
        if let Some(r) = model
            .rows()
            .iter()
            .position(|r| format!("{}.{}", r.mission, r.capability) == name)
        {
            return Ok(Output::Requirement(r));
        }
        if let Some(c) = model
            .capabilities()
            .iter()
            .position(|c| c.capability == name)
        {
            return Ok(Output::Capability(c));
        }
        let names = Output::names(model);
        Err(UnknownOutput {
            name: name.to_string(),
            hint: did_you_mean(name, names.iter().map(String::as_str)),
        })
    }

    /// Every output name of a model.
    pub fn names(model: &CompiledScenario) -> Vec<String> {
        let mut names = vec!["all_met".to_string(), "share_met".to_string()];
        names.extend(model.capabilities().iter().map(|c| c.capability.clone()));
        names.extend(
            model
                .rows()
                .iter()
                .map(|r| format!("{}.{}", r.mission, r.capability)),
        );
        names
    }

    /// The name, as `--output` takes it.
    pub fn name(self, model: &CompiledScenario) -> String {
        match self {
            Output::AllMet => "all_met".to_string(),
            Output::ShareMet => "share_met".to_string(),
            Output::Requirement(r) => {
                let row = &model.rows()[r];
                format!("{}.{}", row.mission, row.capability)
            }
            Output::Capability(c) => model.capabilities()[c].capability.clone(),
        }
    }

    /// What the number is, for reports.
    pub fn describe(self, model: &CompiledScenario) -> String {
        match self {
            Output::AllMet => "1 when every requirement is met, else 0".to_string(),
            Output::ShareMet => "share of the requirements met (0 to 1)".to_string(),
            Output::Requirement(r) => {
                let row = &model.rows()[r];
                format!(
                    "gap of `{}` in mission `{}` ({})",
                    row.capability, row.mission, row.unit
                )
            }
            Output::Capability(c) => {
                let cap = &model.capabilities()[c];
                format!("total gap of `{}` ({})", cap.capability, cap.unit)
            }
        }
    }

    /// The output of the draw in `ws` (after [`CompiledScenario::evaluate`]).
    pub fn value(self, model: &CompiledScenario, ws: &Workspace) -> f64 {
        match self {
            Output::AllMet => {
                let all = (0..model.rows().len()).all(|r| ws.gap(r) <= 0.0);
                if all { 1.0 } else { 0.0 }
            }
            Output::ShareMet => {
                let rows = model.rows().len();
                let met = (0..rows).filter(|&r| ws.gap(r) <= 0.0).count();
                met as f64 / rows.max(1) as f64
            }
            Output::Requirement(r) => ws.gap(r),
            Output::Capability(c) => {
                let max = model.capabilities()[c].max;
                model
                    .rows()
                    .iter()
                    .enumerate()
                    .filter(|(_, row)| row.capability_index == c)
                    .fold(0.0, |acc, (r, _)| {
                        if max {
                            acc.max(ws.gap(r))
                        } else {
                            acc + ws.gap(r)
                        }
                    })
            }
        }
    }
}

/// Sobol indices of one input.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct InputSensitivity {
    /// The input, e.g. `pledge usa-air`, `event us_backstop`, `theatre.lines.contact_line.km`.
    pub input: String,
    /// `event`, `pledge` or `parameter`.
    pub kind: String,
    pub first: f64,
    pub first_ci: [f64; 2],
    pub total: f64,
    pub total_ci: [f64; 2],
}

/// One bar of a tornado chart.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct TornadoBar {
    pub input: String,
    /// What the low and high sides mean (`not honoured` / `honoured`).
    pub low_label: String,
    pub high_label: String,
    /// Mean output with the input on its low side (null when no draw fell there).
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// |high − low|.
    pub swing: f64,
}

/// The result of `guarantor sensitivity`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Sensitivity {
    pub schema_version: u32,
    pub scenario: SimulatedScenario,
    /// The output studied, as `--output` names it.
    pub output: String,
    pub output_description: String,
    /// N, the base sample size.
    pub samples: usize,
    /// N (d + 2) model evaluations.
    pub evaluations: usize,
    pub seed: u32,
    /// Mean of the output (for `all_met`: the probability that all requirements are met).
    pub mean: f64,
    pub variance: f64,
    /// Confidence level of the intervals.
    pub confidence: f64,
    /// Per input, largest total index first.
    pub inputs: Vec<InputSensitivity>,
    /// Largest swing first.
    pub tornado: Vec<TornadoBar>,
}

/// Sobol indices and tornado data of `output` over every uncertain input of `model`.
pub fn sensitivity(
    model: &CompiledScenario,
    scenario: SimulatedScenario,
    output: Output,
    settings: SobolSettings,
) -> Sensitivity {
    sensitivity_with_progress(model, scenario, output, settings, &|_| {})
}

/// [`sensitivity`], calling `progress` with the number of model evaluations done as they are
/// done (N (d + 2) in all, reported in `evaluations`), for a progress bar; it changes no result.
pub fn sensitivity_with_progress(
    model: &CompiledScenario,
    scenario: SimulatedScenario,
    output: Output,
    settings: SobolSettings,
    progress: &(dyn Fn(u64) + Sync),
) -> Sensitivity {
    let inputs = model.inputs();
    let run = sobol_with_progress(
        inputs.len(),
        settings,
        || model.workspace(),
        |u, ws| {
            model.evaluate(u, ws);
            output.value(model, ws)
        },
        progress,
    );
    let n = run.f_a.len();
    let mut indices: Vec<InputSensitivity> = inputs
        .iter()
        .zip(&run.indices)
        .map(|(input, ix)| InputSensitivity {
            input: input.name.clone(),
            kind: match input.kind {
                InputKind::Event { .. } => "event",
                InputKind::Pledge { .. } => "pledge",
                InputKind::Parameter { .. } => "parameter",
            }
            .to_string(),
            first: ix.first,
            first_ci: ix.first_ci,
            total: ix.total,
            total_ci: ix.total_ci,
        })
        .collect();
    indices.sort_by(|a, b| b.total.total_cmp(&a.total));
    let mut tornado: Vec<TornadoBar> = inputs
        .iter()
        .enumerate()
        .map(|(i, input)| {
            let (mut lo, mut lo_n, mut hi, mut hi_n) = (0.0, 0usize, 0.0, 0usize);
            for j in 0..n {
                if input.is_high(point(j, i, inputs.len(), settings.seed, 0)) {
                    hi += run.f_a[j];
                    hi_n += 1;
                } else {
                    lo += run.f_a[j];
                    lo_n += 1;
                }
            }
            let low = (lo_n > 0).then(|| lo / lo_n as f64);
            let high = (hi_n > 0).then(|| hi / hi_n as f64);
            let (low_label, high_label) = input.sides();
            TornadoBar {
                input: input.name.clone(),
                low_label: low_label.to_string(),
                high_label: high_label.to_string(),
                low,
                high,
                swing: match (low, high) {
                    (Some(l), Some(h)) => (h - l).abs(),
                    _ => 0.0,
                },
            }
        })
        .collect();
    tornado.sort_by(|a, b| b.swing.total_cmp(&a.swing));
    Sensitivity {
        schema_version: SCHEMA_VERSION,
        scenario,
        output: output.name(model),
        output_description: output.describe(model),
        samples: n,
        evaluations: run.evaluations,
        seed: settings.seed,
        mean: run.mean,
        variance: run.variance,
        confidence: settings.confidence,
        inputs: indices,
        tornado,
    }
}
