//! The assessment: every answer of issue "coverage" in one document.
//!
//! [`assess`] evaluates the coverage kernel ([`crate::kernel`]) at the scenario's own point, then
//! explains what it found stage by stage (requirements, lapses, coverage, capacity, red lines)
//! and returns an [`Assessment`] whose JSON form is the stable output of `guarantor assess --json`
//! (schema in `docs/json-output.md`; bump [`SCHEMA_VERSION`] on any breaking change).

use guarantor_model::{ConditionGraph, Scenario, did_you_mean};
use schemars::JsonSchema;
use serde::Serialize;

use crate::capacity::{ContributorLoad, loads};
use crate::coverage::{CapabilityTotal, CoverageRow, Fills, LayerTotal, coverage};
use crate::kernel::Kernel;
use crate::redlines::{RedLineCheck, check};
use crate::requirement::{Requirement, requirements};

/// Version of the JSON document. Additions keep it; removals and renames bump it.
pub const SCHEMA_VERSION: u32 = 1;

/// Which scenario was assessed, and how.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ScenarioInfo {
    pub id: String,
    pub name: String,
    pub as_of: String,
    /// `low`, `mid` or `high`: which value of a pledged range counts.
    pub quantity_basis: String,
    /// Contributors removed for this run (`--without`).
    pub without: Vec<String>,
}

/// A pledge removed with its contributor (`--without`).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Excluded {
    pub pledge: String,
    pub contributor: String,
    pub capability: String,
}

/// A pledge that does not count because a condition or a date rule failed.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Lapsed {
    pub pledge: String,
    pub contributor: String,
    pub capability: String,
    /// The failed condition as written (`USA:air_power`, `after ceasefire`).
    pub condition: String,
    /// Why, in one sentence.
    pub reason: String,
    /// The same sentence in segments, for renderers (not in JSON, which has `reason`).
    #[serde(skip)]
    #[schemars(skip)]
    pub explanation: crate::explain::Explanation,
    /// `event_not_held`, `unmet` or `cycle`; for the date rules `not_yet_in_force` (before its
    /// `from`), `ended` (on or after its `until`), `event_later` (an event it waits for is dated
    /// after the assessment date) or `lead_time` (its lead time after an event has not passed).
    pub kind: String,
}

/// Every pledge and whether it counts.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PledgeStatus {
    pub id: String,
    pub contributor: String,
    pub capability: String,
    pub status: String,
    pub low: f64,
    pub high: f64,
    /// The value counted under the quantity basis.
    pub counted: f64,
    pub target: String,
    pub location: String,
    pub in_force: bool,
    pub sources: Vec<String>,
}

/// Headline figures.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Summary {
    pub requirements: usize,
    /// Requirements with no gap.
    pub met: usize,
    pub with_gap: usize,
    pub red_lines_violated: usize,
    pub pledges_in_force: usize,
    pub pledges_lapsed: usize,
    pub contributors_over_capacity: usize,
}

/// The whole assessment; its JSON form is `guarantor assess --json`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Assessment {
    pub schema_version: u32,
    pub scenario: ScenarioInfo,
    pub summary: Summary,
    pub requirements: Vec<Requirement>,
    pub coverage: Vec<CoverageRow>,
    pub capabilities: Vec<CapabilityTotal>,
    pub layers: Vec<LayerTotal>,
    pub contributors: Vec<ContributorLoad>,
    pub red_lines: Vec<RedLineCheck>,
    pub lapsed: Vec<Lapsed>,
    pub excluded: Vec<Excluded>,
    pub pledges: Vec<PledgeStatus>,
}

/// `--without CODE` named no contributor of the scenario.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`--without {code}`: no contributor `{code}` in this scenario{}", .hint.as_ref().map(|h| format!(" (did you mean `{h}`?)")).unwrap_or_default())]
pub struct UnknownContributor {
    pub code: String,
    pub hint: Option<String>,
}

/// Removes contributors (and their pledges) from a scenario, as `--without` does.
pub fn without(
    scenario: &Scenario,
    codes: &[String],
) -> Result<(Scenario, Vec<Excluded>), UnknownContributor> {
    let mut s = scenario.clone();
    let mut excluded = Vec::new();
    for (i, code) in codes.iter().enumerate() {
        if codes[..i].contains(code) {
            continue;
        }
        let pledges: Vec<Excluded> = s
            .pledges
            .iter()
            .filter(|p| &p.contributor == code)
            .map(|p| Excluded {
                pledge: p.id.clone(),
                contributor: p.contributor.clone(),
                capability: p.capability.clone(),
            })
            .collect();
        if s.without(code).is_none() {
            return Err(UnknownContributor {
                code: code.clone(),
                hint: did_you_mean(code, scenario.contributors.iter().map(|c| c.code.as_str())),
            });
        }
        excluded.extend(pledges);
    }
    Ok((s, excluded))
}

/// Assesses a scenario with some contributors removed.
pub fn assess_without(
    scenario: &Scenario,
    codes: &[String],
) -> Result<Assessment, UnknownContributor> {
    let (s, excluded) = without(scenario, codes)?;
    let mut a = assess(&s);
    let mut unique: Vec<String> = Vec::new();
    for code in codes {
        if !unique.contains(code) {
            unique.push(code.clone());
        }
    }
    a.scenario.without = unique;
    a.excluded = excluded;
    Ok(a)
}

/// Assesses a scenario as written: the kernel evaluated once at the scenario's own point (every
/// pledge available, events as assumed), with the coverage passes recorded to explain each row.
pub fn assess(scenario: &Scenario) -> Assessment {
    let kernel = Kernel::new(scenario);
    let mut st = kernel.state();
    let mut fills = Fills::new(kernel.rows().len());
    kernel.evaluate_traced(&mut st, &mut fills);
    let active = st.in_force().to_vec();
    let stuck = ConditionGraph::new(scenario).stuck(kernel.eligibility(), &st.events);
    let lapsed: Vec<Lapsed> = kernel
        .lapses(scenario, &st, &stuck)
        .into_iter()
        .map(|(i, reason)| {
            let p = &scenario.pledges[i];
            let kind = reason.kind();
            Lapsed {
                pledge: p.id.clone(),
                contributor: p.contributor.clone(),
                capability: p.capability.clone(),
                condition: reason.condition(),
                reason: reason.explain(),
                explanation: crate::explain::lapse(&reason),
                kind: kind.to_string(),
            }
        })
        .collect();
    let requirements = requirements(scenario);
    let cov = coverage(scenario, &requirements, &st, fills);
    let contributors = loads(scenario, &kernel, &st);
    let red_lines = check(scenario, &kernel, &st);
    let basis = scenario.meta.quantity_basis;
    let pledges: Vec<PledgeStatus> = scenario
        .pledges
        .iter()
        .zip(&active)
        .map(|(p, &in_force)| PledgeStatus {
            id: p.id.clone(),
            contributor: p.contributor.clone(),
            capability: p.capability.clone(),
            status: p.status.name().to_string(),
            low: p.quantity.low,
            high: p.quantity.high,
            counted: p.quantity.value(basis),
            target: match &p.target {
                guarantor_model::Target::Mission(m) => format!("mission {m}"),
                guarantor_model::Target::Layer(l) => format!("layer {l}"),
                guarantor_model::Target::Anywhere => "anywhere".to_string(),
            },
            location: p.location.name().to_string(),
            in_force,
            sources: p.sources.clone(),
        })
        .collect();
    let summary = Summary {
        requirements: cov.rows.len(),
        met: cov.rows.iter().filter(|r| r.gap <= 0.0).count(),
        with_gap: cov.rows.iter().filter(|r| r.gap > 0.0).count(),
        red_lines_violated: red_lines.iter().filter(|r| r.violated).count(),
        pledges_in_force: active.iter().filter(|&&a| a).count(),
        pledges_lapsed: lapsed.len(),
        contributors_over_capacity: {
            let mut codes: Vec<&str> = contributors
                .iter()
                .filter(|c| c.over_capacity)
                .map(|c| c.code.as_str())
                .collect();
            codes.dedup();
            codes.len()
        },
    };
    Assessment {
        schema_version: SCHEMA_VERSION,
        scenario: ScenarioInfo {
            id: scenario.meta.id.clone(),
            name: scenario.meta.name.clone(),
            as_of: scenario.meta.as_of.clone(),
            quantity_basis: format!("{:?}", scenario.meta.quantity_basis).to_lowercase(),
            without: Vec::new(),
        },
        summary,
        requirements,
        coverage: cov.rows,
        capabilities: cov.capabilities,
        layers: cov.layers,
        contributors,
        red_lines,
        lapsed,
        excluded: Vec::new(),
        pledges,
    }
}

/// The JSON Schema of [`Assessment`] (`guarantor schema assessment`).
pub fn assessment_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Assessment)).unwrap_or(serde_json::Value::Null)
}
