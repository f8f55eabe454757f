//! What changed between two assessments: two scenarios, or one with and without a contributor.
//!
//! Rows are matched by (mission, capability) for coverage and by id for red lines and pledges, so
//! a comparison of two dates of the same guarantee reads as a list of moves. Two versions written
//! by different hands name things differently, so what the ids leave unmatched is paired by
//! meaning where that is unambiguous: requirements by (layer, capability), pledges by
//! (contributor, capability). Rows present on one side only appear with the other side's
//! figures as `null`. Inside a pledge, every field that moved is listed (quantity, status,
//! target, location), not only whether it is in force.

use schemars::JsonSchema;
use serde::Serialize;

use crate::assess::{Assessment, PledgeStatus, ScenarioInfo, Summary};

/// How two rows were matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Pairing {
    /// Same id (mission and capability, or pledge id).
    Id,
    /// Different ids, the only unmatched pair with the same layer and capability (requirements)
    /// or the same contributor and capability (pledges).
    Meaning,
    /// On one side only.
    OneSide,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct CoverageChange {
    pub layer: String,
    pub mission: String,
    /// B's mission id when it differs from A's (paired by layer and capability).
    pub mission_b: Option<String>,
    pub paired_by: Pairing,
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

/// One field of a pledge that differs between A and B.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct FieldChange {
    /// `quantity`, `status`, `target` or `location`.
    pub field: String,
    pub a: String,
    pub b: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PledgeChange {
    pub pledge: String,
    /// B's pledge id when it differs from A's (paired by contributor and capability).
    pub pledge_b: Option<String>,
    pub paired_by: Pairing,
    pub contributor: String,
    pub capability: String,
    /// `in force`, `lapsed`, `excluded` or `absent`.
    pub state_a: String,
    pub state_b: String,
    /// Fields that moved; empty when only the state changed or the pledge is on one side only.
    pub changes: Vec<FieldChange>,
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
    /// Pledges whose state or any field differs.
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

/// Pairs rows of A and B: first by `id`, then, among what is left, by `meaning` where exactly
/// one row on each side shares it. Returns (index in A, index in B, how).
fn pair<T, I: PartialEq, M: PartialEq>(
    a: &[T],
    b: &[T],
    id: impl Fn(&T) -> I,
    meaning: impl Fn(&T) -> M,
) -> Vec<(Option<usize>, Option<usize>, Pairing)> {
    let mut out = Vec::new();
    let mut used_b = vec![false; b.len()];
    let mut open_a = Vec::new();
    for (i, ra) in a.iter().enumerate() {
        match b.iter().position(|rb| id(rb) == id(ra)) {
            Some(j) => {
                used_b[j] = true;
                out.push((Some(i), Some(j), Pairing::Id));
            }
            None => open_a.push(i),
        }
    }
    let open_b: Vec<usize> = (0..b.len()).filter(|&j| !used_b[j]).collect();
    for i in open_a {
        let key = meaning(&a[i]);
        let in_a = a.iter().filter(|r| meaning(r) == key).count();
        let matches: Vec<usize> = open_b
            .iter()
            .copied()
            .filter(|&j| !used_b[j] && meaning(&b[j]) == key)
            .collect();
        let in_b = b.iter().filter(|r| meaning(r) == key).count();
        if let ([j], 1, 1) = (matches.as_slice(), in_a, in_b) {
            used_b[*j] = true;
            out.push((Some(i), Some(*j), Pairing::Meaning));
        } else {
            out.push((Some(i), None, Pairing::OneSide));
        }
    }
    for (j, used) in used_b.iter().enumerate() {
        if !used {
            out.push((None, Some(j), Pairing::OneSide));
        }
    }
    out
}

/// A pledge on one side: assessed (with its fields), or excluded by `--without` (the assessment
/// lists those apart, without fields).
struct Listed<'a> {
    id: &'a str,
    contributor: &'a str,
    capability: &'a str,
    assessed: Option<&'a PledgeStatus>,
}

fn listed(x: &Assessment) -> Vec<Listed<'_>> {
    let mut all: Vec<Listed<'_>> = x
        .pledges
        .iter()
        .map(|p| Listed {
            id: &p.id,
            contributor: &p.contributor,
            capability: &p.capability,
            assessed: Some(p),
        })
        .collect();
    for e in &x.excluded {
        if !all.iter().any(|p| p.id == e.pledge) {
            all.push(Listed {
                id: &e.pledge,
                contributor: &e.contributor,
                capability: &e.capability,
                assessed: None,
            });
        }
    }
    all
}

fn quantity(p: &PledgeStatus) -> String {
    if p.low == p.high {
        crate::fmt_num(p.low)
    } else {
        format!("{}–{}", crate::fmt_num(p.low), crate::fmt_num(p.high))
    }
}

fn field_changes(a: &PledgeStatus, b: &PledgeStatus) -> Vec<FieldChange> {
    let fields = [
        ("quantity", quantity(a), quantity(b)),
        ("status", a.status.clone(), b.status.clone()),
        ("target", a.target.clone(), b.target.clone()),
        ("location", a.location.clone(), b.location.clone()),
    ];
    fields
        .into_iter()
        .filter(|(_, x, y)| x != y)
        .map(|(field, a, b)| FieldChange {
            field: field.to_string(),
            a,
            b,
        })
        .collect()
}

pub fn compare(a: &Assessment, b: &Assessment) -> Comparison {
    let mut coverage = Vec::new();
    for (ia, ib, paired_by) in pair(
        &a.coverage,
        &b.coverage,
        |r| (r.mission.clone(), r.capability.clone()),
        |r| (r.layer.clone(), r.capability.clone()),
    ) {
        let ra = ia.map(|i| &a.coverage[i]);
        let rb = ib.map(|j| &b.coverage[j]);
        let any = ra.or(rb).expect("a pair has a side");
        coverage.push(CoverageChange {
            layer: any.layer.clone(),
            mission: any.mission.clone(),
            mission_b: match (ra, rb) {
                (Some(x), Some(y)) if x.mission != y.mission => Some(y.mission.clone()),
                _ => None,
            },
            paired_by,
            capability: any.capability.clone(),
            unit: any.unit.clone(),
            required_a: ra.map(|r| r.required),
            required_b: rb.map(|r| r.required),
            pledged_a: ra.map(|r| r.pledged),
            pledged_b: rb.map(|r| r.pledged),
            gap_a: ra.map(|r| r.gap),
            gap_b: rb.map(|r| r.gap),
            gap_change: rb.map_or(0.0, |r| r.gap) - ra.map_or(0.0, |r| r.gap),
        });
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

    let (pa, pb) = (listed(a), listed(b));
    let mut pledges = Vec::new();
    for (ia, ib, paired_by) in pair(&pa, &pb, |p| p.id, |p| (p.contributor, p.capability)) {
        let xa = ia.map(|i| &pa[i]);
        let xb = ib.map(|j| &pb[j]);
        let any = xa.or(xb).expect("a pair has a side");
        let sa = xa.map_or("absent".to_string(), |p| pledge_state(a, p.id));
        let sb = xb.map_or("absent".to_string(), |p| pledge_state(b, p.id));
        let changes = match (xa.and_then(|p| p.assessed), xb.and_then(|p| p.assessed)) {
            (Some(x), Some(y)) => field_changes(x, y),
            _ => Vec::new(),
        };
        if sa != sb || !changes.is_empty() {
            pledges.push(PledgeChange {
                pledge: any.id.to_string(),
                pledge_b: match (xa, xb) {
                    (Some(x), Some(y)) if x.id != y.id => Some(y.id.to_string()),
                    _ => None,
                },
                paired_by,
                contributor: any.contributor.to_string(),
                capability: any.capability.to_string(),
                state_a: sa,
                state_b: sb,
                changes,
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
