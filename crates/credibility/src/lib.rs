//! Guarantor's credibility model: how a guarantee package compares, indicator by indicator, with
//! reference arrangements from NATO's Article 5 down to the 1994 Budapest Memorandum.
//!
//! Ten indicators ([`weights::INDICATORS`]) each score 0..1 with the evidence behind the score:
//! legal form, automaticity, guarantor forces present (how many, from how many guarantors,
//! whether one is nuclear-armed), capability coverage (from the engine's assessment), a
//! major-power backstop, integrated command, duration and the alliance-reliability prior. The
//! package score is their weighted mean; the weights are judgements kept in
//! `data/credibility-weights.toml`. [`rank()`] sets packages against each other and finds the
//! smallest weight change that would reorder two neighbours.
//!
//! Architecture invariant: pure, like the engine. No files (the weights and the reference
//! scenarios are compiled in or passed as text), no terminal, no clock, no randomness; the same
//! scenario and weights always give the same scores in the same order.
//! It is not a probability of deterrence success: it is a transparent index whose every part a
//! user can read and change.

pub mod indicator;
pub mod rank;
pub mod references;
pub mod text;
pub mod weights;

pub use indicator::{BestRaise, Credibility, Indicator, Raise, evaluate, evaluate_with};
pub use rank::{Fell, Swap, fell, rank, sensitivity, smallest_swap};
pub use references::{BrokenReference, REFERENCES, Reference, load_references};
pub use weights::{INDICATORS, Weights, WeightsError};

use guarantor_engine::UnknownContributor;
use guarantor_model::Scenario;

/// Scores a package with some contributors removed (`--without`): the reduced scenario is
/// assessed and scored, so the backstop, forces and coverage indicators see the removal.
///
/// # Errors
/// When a code names no contributor of the scenario.
pub fn evaluate_without(
    scenario: &Scenario,
    codes: &[String],
    weights: &Weights,
) -> Result<Credibility, UnknownContributor> {
    let (reduced, _) = guarantor_engine::without(scenario, codes)?;
    let assessment = guarantor_engine::assess_without(scenario, codes)?;
    Ok(evaluate_with(&reduced, &assessment, weights))
}

/// Scores every shipped reference arrangement with the given weights.
///
/// # Errors
/// When a shipped reference does not load (a release bug; the tests rule it out).
pub fn evaluate_references(weights: &Weights) -> Result<Vec<Credibility>, BrokenReference> {
    Ok(load_references()?
        .into_iter()
        .map(|(_, s)| {
            let a = guarantor_engine::assess(&s);
            evaluate_with(&s, &a, weights)
        })
        .collect())
}

/// What `guarantor credibility` reports; its JSON form is `guarantor credibility --json`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct Report {
    /// The scenario's name, as it appears in `ranking`.
    pub scenario: String,
    /// Contributors removed (`--without`).
    pub without: Vec<String>,
    /// Best first: the scenario (under its own name) and, with `--references`, the reference
    /// arrangements.
    pub ranking: Vec<Credibility>,
    /// With `--without`: the package before the removal, and the indicators that fell.
    pub change: Option<Change>,
    /// With `--references`: for each pair of neighbours, the smallest single-weight change that
    /// swaps them.
    pub sensitivity: Vec<Swap>,
    /// Where the weights come from (all judgements).
    pub weights: String,
}

/// The package before `--without`, and what fell.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct Change {
    pub score_before: f64,
    pub score_after: f64,
    pub fell: Vec<Fell>,
}

/// Why a report could not be made.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    UnknownContributor(#[from] UnknownContributor),
    #[error(transparent)]
    BrokenReference(#[from] BrokenReference),
}

/// Scores a scenario (with `without` removed), and with `references` ranks it among the shipped
/// reference arrangements. `weights_origin` names the weights file in the report.
///
/// # Errors
/// An unknown `--without` code (bad input), or a broken shipped reference (a release bug).
pub fn report(
    scenario: &Scenario,
    without: &[String],
    weights: &Weights,
    weights_origin: &str,
    references: bool,
) -> Result<Report, ReportError> {
    let package = evaluate_without(scenario, without, weights)?;
    let change = if without.is_empty() {
        None
    } else {
        let before = evaluate_without(scenario, &[], weights)?;
        Some(Change {
            score_before: before.score,
            score_after: package.score,
            fell: fell(&before, &package),
        })
    };
    let mut all = vec![package];
    if references {
        all.extend(evaluate_references(weights)?);
    }
    let ranking = rank(all);
    let sensitivity = if references {
        rank::sensitivity(&ranking, weights)
    } else {
        Vec::new()
    };
    Ok(Report {
        scenario: scenario.meta.name.clone(),
        without: without.to_vec(),
        ranking,
        change,
        sensitivity,
        weights: format!("{weights_origin} (every weight a judgement)"),
    })
}
