//! What changed between two assessments: two scenarios, or one with and without a contributor.
//!
//! Rows are matched by (mission, capability) for coverage and by id for red lines and pledges, so
//! a comparison of two dates of the same guarantee reads as a list of moves. Rows present on one
//! side only appear with the other side's figures as `null`.

use schemars::JsonSchema;
use serde::Serialize;

use crate::assess::{Assessment, ScenarioInfo, Summary};

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct CoverageChange {
    pub layer: String,
    pub mission: String,
    pub capability: String,
    pub unit: String,
    pub required_a: Option<f64>,
    pub required_b: Option<f64>,
    pub pledged_a: Option<f64>,
    pub pledged_b: Option<f64>,
    pub gap_a: Option<f64>,
    pub gap_b: Option<f64>,
    /// `gap_b − gap_a` (a missing side counts as no gap).
    pub gap_change: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RedLineChange {
    pub id: String,
    pub party: String,
    pub text: String,
    pub violated_a: Option<bool>,
    pub violated_b: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PledgeChange {
    pub pledge: String,
    pub contributor: String,
    pub capability: String,
    /// `in force`, `lapsed`, `excluded` or `absent`.
    pub state_a: String,
    pub state_b: String,
}

/// `guarantor compare --json`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Comparison {
    pub schema_version: u32,
    pub a: ScenarioInfo,
    pub b: ScenarioInfo,
    pub summary_a: Summary,
    pub summary_b: Summary,
    /// Every requirement, with both sides' figures.
    pub coverage: Vec<CoverageChange>,
    /// Red lines whose status differs, or that exist on one side only.
    pub red_lines: Vec<RedLineChange>,
    /// Pledges whose state differs.
    pub pledges: Vec<PledgeChange>,
}

fn pledge_state(a: &Assessment, id: &str) -> String {
    if a.excluded.iter().any(|e| e.pledge == id) {
        "excluded".into()
    } else if a.lapsed.iter().any(|l| l.pledge == id) {
        "lapsed".into()
    } else if a.pledges.iter().any(|p| p.id == id && p.in_force) {
        "in force".into()
    } else {
        "absent".into()
    }
}

pub fn compare(a: &Assessment, b: &Assessment) -> Comparison {
    let mut coverage = Vec::new();
    let key = |r: &crate::coverage::CoverageRow| (r.mission.clone(), r.capability.clone());
    for ra in &a.coverage {
        let rb = b.coverage.iter().find(|r| key(r) == key(ra));
        coverage.push(CoverageChange {
            layer: ra.layer.clone(),
            mission: ra.mission.clone(),
            capability: ra.capability.clone(),
            unit: ra.unit.clone(),
            required_a: Some(ra.required),
            required_b: rb.map(|r| r.required),
            pledged_a: Some(ra.pledged),
            pledged_b: rb.map(|r| r.pledged),
            gap_a: Some(ra.gap),
            gap_b: rb.map(|r| r.gap),
            gap_change: rb.map_or(0.0, |r| r.gap) - ra.gap,
        });
    }
    for rb in &b.coverage {
        if !a.coverage.iter().any(|r| key(r) == key(rb)) {
            coverage.push(CoverageChange {
                layer: rb.layer.clone(),
                mission: rb.mission.clone(),
                capability: rb.capability.clone(),
                unit: rb.unit.clone(),
                required_a: None,
                required_b: Some(rb.required),
                pledged_a: None,
                pledged_b: Some(rb.pledged),
                gap_a: None,
                gap_b: Some(rb.gap),
                gap_change: rb.gap,
            });
        }
    }

    let mut red_lines = Vec::new();
    for la in &a.red_lines {
        let lb = b.red_lines.iter().find(|l| l.id == la.id);
        if lb.is_none_or(|l| l.violated != la.violated) {
            red_lines.push(RedLineChange {
                id: la.id.clone(),
                party: la.party.clone(),
                text: la.text.clone(),
                violated_a: Some(la.violated),
                violated_b: lb.map(|l| l.violated),
            });
        }
    }
    for lb in &b.red_lines {
        if !a.red_lines.iter().any(|l| l.id == lb.id) {
            red_lines.push(RedLineChange {
                id: lb.id.clone(),
                party: lb.party.clone(),
                text: lb.text.clone(),
                violated_a: None,
                violated_b: Some(lb.violated),
            });
        }
    }

    let mut pledges = Vec::new();
    let mut ids: Vec<(&str, &str, &str)> = Vec::new();
    for side in [a, b] {
        for p in &side.pledges {
            if !ids.iter().any(|(id, _, _)| *id == p.id) {
                ids.push((&p.id, &p.contributor, &p.capability));
            }
        }
        for e in &side.excluded {
            if !ids.iter().any(|(id, _, _)| *id == e.pledge) {
                ids.push((&e.pledge, &e.contributor, &e.capability));
            }
        }
    }
    for (id, contributor, capability) in ids {
        let (sa, sb) = (pledge_state(a, id), pledge_state(b, id));
        if sa != sb {
            pledges.push(PledgeChange {
                pledge: id.to_string(),
                contributor: contributor.to_string(),
                capability: capability.to_string(),
                state_a: sa,
                state_b: sb,
            });
        }
    }

    Comparison {
        schema_version: crate::assess::SCHEMA_VERSION,
        a: a.scenario.clone(),
        b: b.scenario.clone(),
        summary_a: a.summary.clone(),
        summary_b: b.summary.clone(),
        coverage,
        red_lines,
        pledges,
    }
}
