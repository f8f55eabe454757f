//! `POST /api/view`: what the dashboard shows after each change, worded and drawn by the report
//! crate rather than by the page, and the charts of the analysis routes (their `chart` field).
//!
//! The dashboard draws no picture and writes no sentence of its own: the coverage chart is
//! `guarantor_report::svg::bar_chart` of `guarantor_report::html::capability_chart`, the chart
//! of `guarantor report --without CODE`, with the scenario as written as the first series and
//! the changed package as the second; the summary sentence is the report's. Each pledge comes
//! with its state after the change (counts, lapsed with the engine's reason, removed with its
//! contributor, switched off), so a pledge that stops counting stays on the page, greyed, saying
//! why. SVG markup is built with maud from escaped data; the page parses it as
//! `image/svg+xml` and imports the nodes, never `innerHTML`.
//!
//! It is not a second renderer: every layout, colour and caption lives in `guarantor_report`.

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use guarantor_engine::Assessment;
use guarantor_model::Scenario;
use guarantor_report::names::Names;
use serde::Serialize;

use crate::AppState;
use crate::api::{ApiError, AssessRequest, assessment, blocking, scenario};

/// The answer of `POST /api/view`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct View {
    /// The assessment of the request, the same document as `POST /api/assess`.
    pub assessment: Assessment,
    /// The report's summary of this assessment (`guarantor_report::findings::summary`): the
    /// sentence in `text`, and the figures it is made of.
    pub summary: guarantor_report::findings::Summary,
    /// The coverage chart per capability (SVG markup): the scenario as written, and the
    /// changed package when the request changes anything.
    pub chart: String,
    /// Every pledge of the scenario as written, in file order, with its state after the change.
    pub pledges: Vec<PledgeView>,
    /// The red lines of `assessment`, in its order, worded as the report words them.
    pub red_lines: Vec<RedLineView>,
    /// The theatre map (SVG markup, `guarantor_report::map`): where the changed package's forces
    /// stand, at the line of contact, in Ukraine away from combat, or outside it.
    pub map: String,
}

/// One red line of `View::red_lines`: the party by name, the rule and why in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RedLineView {
    pub id: String,
    pub party: String,
    pub rule: String,
    pub violated: bool,
    pub why: String,
}

/// What became of one pledge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PledgeState {
    /// In force: it counts toward coverage.
    Counts,
    /// A condition or a date rule failed.
    Lapsed,
    /// Removed with a contributor (`without`).
    Removed,
    /// Switched off in the request (`off`).
    Off,
}

/// One pledge of `View::pledges`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PledgeView {
    pub id: String,
    pub contributor: String,
    pub state: PledgeState,
    /// Why it does not count, in one sentence (a lapse in the report's words, `removed with
    /// United States`, `switched off`); `null` when it counts.
    pub reason: Option<String>,
}

/// Whether a request changes the scenario as written.
pub fn changes(req: &AssessRequest) -> bool {
    !(req.without.is_empty() && req.off.is_empty() && req.set.is_empty())
}

/// The name of the changed package in a chart's legend, after `without `: the contributors
/// removed, or what else changed (`USA`, `USA; 2 pledges off`, `the changes`).
pub fn change_label(req: &AssessRequest) -> String {
    change_label_with(req, str::to_string)
}

/// [`change_label`] with each removed contributor written by `name` (`United States` for `USA`,
/// as the report names them where it does).
pub fn change_label_with(req: &AssessRequest, name: impl Fn(&str) -> String) -> String {
    let mut parts = Vec::new();
    if !req.without.is_empty() {
        let names: Vec<String> = req.without.iter().map(|c| name(c)).collect();
        parts.push(names.join(", "));
    }
    match req.off.len() {
        0 => {}
        1 => parts.push("1 pledge off".to_string()),
        n => parts.push(format!("{n} pledges off")),
    }
    if !req.set.is_empty() || parts.is_empty() {
        parts.push("the changes".to_string());
    }
    parts.join("; ")
}

/// The request with no change: the scenario as written.
pub fn as_written(req: &AssessRequest) -> AssessRequest {
    AssessRequest {
        scenario: req.scenario.clone(),
        ..AssessRequest::default()
    }
}

/// The report as the dashboard's charts see it: the scenario as written, and the changed
/// package as the report's `--without` comparison when there is a change.
pub fn report<'a>(
    scenario: &'a Scenario,
    written: &'a Assessment,
    changed: Option<(&'a str, &'a Assessment)>,
) -> guarantor_report::html::Report<'a> {
    guarantor_report::html::Report {
        scenario,
        assessment: written,
        without: changed
            .map(|(code, assessment)| guarantor_report::html::Without { code, assessment }),
        generator: "guarantor serve",
        credibility: None,
        robustness: None,
        allocation: None,
        timeline: None,
        sequence: None,
    }
}

/// The coverage chart per capability of a request whose assessment is `changed`, as
/// `guarantor report --without CODE` draws it.
///
/// # Errors
/// As [`assessment`], for the scenario as written.
pub fn coverage_chart(
    state: &AppState,
    req: &AssessRequest,
    changed: &Assessment,
) -> Result<String, ApiError> {
    let s = scenario(state, &as_written(req))?;
    let written = assessment(state, &as_written(req))?;
    let label = change_label(req);
    let r = report(
        &s,
        &written,
        changes(req).then_some((label.as_str(), changed)),
    );
    Ok(
        guarantor_report::svg::bar_chart(&guarantor_report::html::capability_chart(&r))
            .into_string(),
    )
}

/// The state of every pledge after the request's changes, the reasons worded as the report words
/// them (`names`).
pub fn pledge_states(
    full: &Scenario,
    req: &AssessRequest,
    a: &Assessment,
    names: &Names,
) -> Vec<PledgeView> {
    let name = |code: &str| names.contributor(code);
    full.pledges
        .iter()
        .map(|p| {
            let (state, reason) = if req.off.contains(&p.id) {
                (PledgeState::Off, Some("switched off".to_string()))
            } else if a.excluded.iter().any(|e| e.pledge == p.id) {
                let with = if req.without.contains(&p.contributor) {
                    name(&p.contributor)
                } else {
                    req.without
                        .iter()
                        .map(|c| name(c))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                (PledgeState::Removed, Some(format!("removed with {with}")))
            } else if let Some(l) = a.lapsed.iter().find(|l| l.pledge == p.id) {
                (PledgeState::Lapsed, Some(names.explanation(&l.explanation)))
            } else {
                (PledgeState::Counts, None)
            };
            PledgeView {
                id: p.id.clone(),
                contributor: p.contributor.clone(),
                state,
                reason,
            }
        })
        .collect()
}

/// Builds the view of a request.
///
/// # Errors
/// As [`assessment`].
pub fn view(state: &AppState, req: &AssessRequest) -> Result<View, ApiError> {
    let full = scenario(state, req)?;
    let a = assessment(state, req)?;
    let chart = coverage_chart(state, req, &a)?;
    let names = Names::new(&full);
    let summary = guarantor_report::findings::summary(&a, &names);
    let pledges = pledge_states(&full, req, &a, &names);
    let map = guarantor_report::map::theatre_map(&full, &a).into_string();
    let red_lines = a
        .red_lines
        .iter()
        .map(|l| RedLineView {
            id: l.id.clone(),
            party: names.contributor(&l.party),
            rule: names.rule(&l.text),
            violated: l.violated,
            why: names.explanation(&l.explanation),
        })
        .collect();
    Ok(View {
        assessment: a,
        summary,
        chart,
        pledges,
        red_lines,
        map,
    })
}

/// `POST /api/view`.
pub async fn handler(
    State(state): State<AppState>,
    body: Result<Json<AssessRequest>, JsonRejection>,
) -> Result<Json<View>, ApiError> {
    let Json(req) = body?;
    blocking(move || view(&state, &req).map(Json)).await
}
