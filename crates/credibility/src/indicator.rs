//! The credibility indicators: each scored 0..1 from the scenario's `[guarantee]` attributes and
//! from the assessment, with the evidence it rests on and the change that would raise it.
//!
//! Formulas (parameters in `data/credibility-weights.toml`, literature in `docs/credibility.md`):
//! categorical indicators take their level's score; forces present is
//! `ln(1 + n/knee) / ln(1 + full/knee)` capped at 1; multinational is `min(1, guarantors/full)`;
//! coverage is the mean covered share of the requirements; duration is `min(1, years/full)` or 1
//! when open-ended; the reliability prior is the base rate of its class. The package score is
//! `Σ wᵢ sᵢ / Σ wᵢ`. This module does not rank or compare (see [`crate::rank()`]) and prints nothing.

use guarantor_engine::{Assessment, fmt_num};
use guarantor_model::{Automaticity, CommandForm, Duration, LegalForm, ReliabilityClass, Scenario};
use schemars::JsonSchema;
use serde::Serialize;

use crate::weights::{INDICATORS, Weights};

/// A change to the package that would raise one indicator, and what it would add to the score.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Raise {
    /// The change, in one sentence.
    pub change: String,
    /// The indicator's score after the change.
    pub score: f64,
    /// What the package score would gain (normalised weight × score gained).
    pub gain: f64,
}

/// One credibility indicator of one package.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Indicator {
    /// Identifier, a key of `[weights]` (`legal_form`).
    pub id: String,
    /// Name shown in reports.
    pub name: String,
    /// 0..1.
    pub score: f64,
    /// Share of the total weight (the weights divided by their sum).
    pub weight: f64,
    /// `weight × score`: what the indicator adds to the package score.
    pub contribution: f64,
    /// The value scored, in a few words (`executive agreement`, `1,950 personnel`).
    pub value: String,
    /// Why: the attribute's source, or the figures from the assessment.
    pub evidence: String,
    /// The change that would raise this indicator, when the package can make one.
    pub raise: Option<Raise>,
}

/// The credibility of one package: its indicators and their weighted mean.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Credibility {
    /// The scenario id.
    pub id: String,
    /// The scenario name, as reports show it.
    pub name: String,
    pub as_of: String,
    /// Contributors removed for this run (`--without`).
    pub without: Vec<String>,
    /// `Σ weight × score`, 0..1.
    pub score: f64,
    /// In the order of `data/credibility-weights.toml`.
    pub indicators: Vec<Indicator>,
    /// The single change that would raise the score most (largest `raise.gain`).
    pub best_raise: Option<BestRaise>,
}

/// The indicator whose change would raise the package score most.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct BestRaise {
    pub indicator: String,
    pub change: String,
    pub gain: f64,
}

impl Credibility {
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }
}

/// What one indicator function finds, before weighting.
struct Found {
    score: f64,
    value: String,
    evidence: String,
    /// (change, score after the change)
    raise: Option<(String, f64)>,
}

/// Scores a package with the default weights. `assessment` must be the assessment of `scenario`
/// (for `--without`, of the reduced scenario: see [`crate::evaluate_without`]).
pub fn evaluate(scenario: &Scenario, assessment: &Assessment) -> Credibility {
    evaluate_with(scenario, assessment, &Weights::default())
}

/// Scores a package with the given weights.
pub fn evaluate_with(scenario: &Scenario, assessment: &Assessment, w: &Weights) -> Credibility {
    let total = w.total();
    let found: Vec<(usize, Found)> = INDICATORS
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let f = match *id {
                "legal_form" => legal_form(scenario, w),
                "automaticity" => automaticity(scenario, w),
                "forces_present" => forces_present(scenario, assessment, w),
                "forces_multinational" => forces_multinational(scenario, assessment, w),
                "nuclear_tripwire" => nuclear_tripwire(scenario, assessment),
                "capability_coverage" => capability_coverage(scenario, assessment),
                "major_power_backstop" => backstop(scenario, assessment, w),
                "integrated_command" => integrated_command(scenario, w),
                "duration" => duration(scenario, w),
                _ => reliability_prior(scenario, w),
            };
            (i, f)
        })
        .collect();
    let indicators: Vec<Indicator> = found
        .into_iter()
        .map(|(i, f)| {
            let weight = if total > 0.0 {
                w.weights[i] / total
            } else {
                0.0
            };
            let raise = f.raise.and_then(|(change, after)| {
                let gain = weight * (after - f.score);
                (gain > 1e-12).then_some(Raise {
                    change,
                    score: after,
                    gain,
                })
            });
            Indicator {
                id: INDICATORS[i].to_string(),
                name: name_of(INDICATORS[i]).to_string(),
                score: f.score,
                weight,
                contribution: weight * f.score,
                value: f.value,
                evidence: f.evidence,
                raise,
            }
        })
        .collect();
    let score = indicators
        .iter()
        .map(|i| i.contribution)
        .sum::<f64>()
        .clamp(0.0, 1.0);
    let best_raise = indicators
        .iter()
        .filter_map(|i| i.raise.as_ref().map(|r| (i, r)))
        .fold(None::<(&Indicator, &Raise)>, |best, (i, r)| match best {
            Some((_, b)) if b.gain >= r.gain => best,
            _ => Some((i, r)),
        })
        .map(|(i, r)| BestRaise {
            indicator: i.id.clone(),
            change: r.change.clone(),
            gain: r.gain,
        });
    Credibility {
        id: scenario.meta.id.clone(),
        name: scenario.meta.name.clone(),
        as_of: scenario.meta.as_of.clone(),
        without: assessment.scenario.without.clone(),
        score,
        indicators,
        best_raise,
    }
}

/// The name of an indicator in reports.
pub fn name_of(id: &str) -> &'static str {
    match id {
        "legal_form" => "Legal form",
        "automaticity" => "Automaticity",
        "forces_present" => "Guarantor forces present",
        "forces_multinational" => "Guarantors with forces present",
        "nuclear_tripwire" => "Nuclear-armed guarantor present",
        "capability_coverage" => "Capability coverage",
        "major_power_backstop" => "Major-power backstop",
        "integrated_command" => "Integrated command",
        "duration" => "Duration",
        "reliability_prior" => "Reliability prior",
        _ => "?",
    }
}

/// A capability's label for evidence a person reads (`air and missile defence`).
fn label(s: &Scenario, capability: &str) -> String {
    s.taxonomy
        .get(capability)
        .map_or_else(|| capability.replace('_', " "), |c| c.label())
}

fn unstated(field: &str, weakest: &str) -> String {
    format!(
        "not stated in the scenario's guarantee ({}); scored as {}",
        words(field),
        words(weakest)
    )
}

fn sourced(source: &str) -> String {
    if source.trim().is_empty() {
        "no source given".to_string()
    } else {
        source.to_string()
    }
}

fn words(name: &str) -> String {
    name.replace('_', " ")
}

fn legal_form(s: &Scenario, w: &Weights) -> Found {
    let top = LegalForm::RatifiedTreaty;
    let (form, evidence) = match &s.guarantee.legal_form {
        Some(a) => (a.value, sourced(&a.source)),
        None => (LegalForm::None, unstated("legal_form", "none")),
    };
    let score = w.level("legal_form", form.name());
    Found {
        score,
        value: words(form.name()),
        evidence,
        raise: (form != top).then(|| {
            (
                "make the commitment a treaty ratified by the guarantors' legislatures".to_string(),
                w.level("legal_form", top.name()),
            )
        }),
    }
}

fn automaticity(s: &Scenario, w: &Weights) -> Found {
    let (a, evidence) = match &s.guarantee.automaticity {
        Some(a) => (a.value, sourced(&a.source)),
        None => (Automaticity::None, unstated("automaticity", "none")),
    };
    Found {
        score: w.level("automaticity", a.name()),
        value: words(a.name()),
        evidence,
        raise: (a != Automaticity::Automatic).then(|| {
            (
                "commit the guarantors to respond to an armed attack, not only to consult"
                    .to_string(),
                w.level("automaticity", Automaticity::Automatic.name()),
            )
        }),
    }
}

fn integrated_command(s: &Scenario, w: &Weights) -> Found {
    let (c, evidence) = match &s.guarantee.integrated_command {
        Some(a) => (a.value, sourced(&a.source)),
        None => (CommandForm::None, unstated("integrated_command", "none")),
    };
    Found {
        score: w.level("integrated_command", c.name()),
        value: words(c.name()),
        evidence,
        raise: (c != CommandForm::Integrated).then(|| {
            (
                "put the guarantors' forces under a standing combined command".to_string(),
                w.level("integrated_command", CommandForm::Integrated.name()),
            )
        }),
    }
}

fn duration(s: &Scenario, w: &Weights) -> Found {
    match &s.guarantee.duration {
        Some(a) => match a.value {
            Duration::OpenEnded => Found {
                score: 1.0,
                value: "open-ended".into(),
                evidence: sourced(&a.source),
                raise: None,
            },
            Duration::Years(y) => Found {
                score: (y / w.full_years).min(1.0),
                value: format!("{} years", fmt_num(y)),
                evidence: format!(
                    "{}; scored {} / {} years",
                    sourced(&a.source),
                    fmt_num(y),
                    fmt_num(w.full_years)
                ),
                raise: (y < w.full_years)
                    .then(|| ("make the commitment open-ended".to_string(), 1.0)),
            },
        },
        None => Found {
            score: 0.0,
            value: "not stated".into(),
            evidence: unstated("duration", "0 years"),
            raise: Some(("state an open-ended commitment".to_string(), 1.0)),
        },
    }
}

/// The class the scenario names, or the default: a ratified treaty with an automatic response is
/// a defense pact; anything else falls in the post-1945 record.
pub fn reliability_class(s: &Scenario) -> (ReliabilityClass, bool) {
    if let Some(a) = &s.guarantee.reliability_class {
        return (a.value, true);
    }
    let treaty = s
        .guarantee
        .legal_form
        .as_ref()
        .is_some_and(|a| a.value == LegalForm::RatifiedTreaty);
    let automatic = s
        .guarantee
        .automaticity
        .as_ref()
        .is_some_and(|a| a.value == Automaticity::Automatic);
    if treaty && automatic {
        (ReliabilityClass::DefensePact, false)
    } else {
        (ReliabilityClass::Post1945, false)
    }
}

fn reliability_prior(s: &Scenario, w: &Weights) -> Found {
    let (class, stated) = reliability_class(s);
    let (rate, source) = w
        .rate(class)
        .map_or((0.0, String::new()), |r| (r.rate, r.source.clone()));
    let why = match (&s.guarantee.reliability_class, stated) {
        (Some(a), true) => format!("class {} ({}); ", words(class.name()), sourced(&a.source)),
        _ => format!(
            "class {} by default (a ratified treaty with an automatic response is a defense pact, anything else the post-1945 record); ",
            words(class.name())
        ),
    };
    Found {
        score: rate,
        value: format!("{} {:.1}%", words(class.name()), rate * 100.0),
        evidence: format!("{why}{source}"),
        raise: None,
    }
}

/// Pledges in force, by a guarantor (not the protected state), with a quantity above zero, at the
/// front or in the rear of the theatre.
fn in_theatre<'a>(
    s: &'a Scenario,
    a: &'a Assessment,
) -> impl Iterator<Item = &'a guarantor_engine::PledgeStatus> + 'a {
    a.pledges.iter().filter(move |p| {
        p.in_force
            && p.counted > 0.0
            && (p.location == "front" || p.location == "rear")
            && p.contributor != s.theatre.protected
    })
}

/// Capabilities that count as personnel present: the taxonomy's `troops` group, or ground troops.
fn is_personnel(s: &Scenario, capability: &str) -> bool {
    match s.taxonomy.group("troops") {
        Some(g) => g.members.iter().any(|m| m == capability),
        None => capability == "ground_troops",
    }
}

fn is_presence(s: &Scenario, capability: &str) -> bool {
    s.taxonomy.get(capability).is_some_and(|c| c.presence)
}

fn present_guarantors(s: &Scenario, a: &Assessment) -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    for p in in_theatre(s, a) {
        if is_presence(s, &p.capability) && !codes.contains(&p.contributor) {
            codes.push(p.contributor.clone());
        }
    }
    codes
}

fn forces_score(n: f64, w: &Weights) -> f64 {
    if n <= 0.0 {
        return 0.0;
    }
    ((1.0 + n / w.knee_personnel).ln() / (1.0 + w.full_personnel / w.knee_personnel).ln()).min(1.0)
}

fn forces_present(s: &Scenario, a: &Assessment, w: &Weights) -> Found {
    let mut personnel = 0.0;
    let mut by: Vec<(String, f64)> = Vec::new();
    for p in in_theatre(s, a).filter(|p| is_personnel(s, &p.capability)) {
        personnel += p.counted;
        match by.iter_mut().find(|(c, _)| *c == p.contributor) {
            Some((_, n)) => *n += p.counted,
            None => by.push((p.contributor.clone(), p.counted)),
        }
    }
    let score = forces_score(personnel, w);
    let detail = if by.is_empty() {
        "no guarantor personnel pledged in force at the front or in the rear".to_string()
    } else {
        format!(
            "{} personnel in force at the front or in the rear ({})",
            fmt_num(personnel),
            by.iter()
                .map(|(c, n)| format!("{c} {}", fmt_num(*n)))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let target = if personnel > 0.0 {
        personnel * 2.0
    } else {
        1000.0
    };
    Found {
        score,
        value: format!("{} personnel", fmt_num(personnel)),
        evidence: format!(
            "{detail}; scale: {} scores 1 ({})",
            fmt_num(w.full_personnel),
            w.full_personnel_source
        ),
        raise: (score < 1.0).then(|| {
            (
                format!(
                    "station {} guarantor personnel in theatre",
                    fmt_num(target.min(w.full_personnel))
                ),
                forces_score(target.min(w.full_personnel), w),
            )
        }),
    }
}

fn forces_multinational(s: &Scenario, a: &Assessment, w: &Weights) -> Found {
    let codes = present_guarantors(s, a);
    let n = codes.len() as f64;
    let score = (n / w.full_guarantors).min(1.0);
    Found {
        score,
        value: format!(
            "{} guarantor{}",
            codes.len(),
            if codes.len() == 1 { "" } else { "s" }
        ),
        evidence: if codes.is_empty() {
            "no guarantor has forces in force at the front or in the rear".to_string()
        } else {
            format!(
                "forces in theatre from {}; {} or more score 1",
                codes.join(", "),
                fmt_num(w.full_guarantors)
            )
        },
        raise: (score < 1.0).then(|| {
            (
                "add forces in theatre from one more guarantor".to_string(),
                ((n + 1.0) / w.full_guarantors).min(1.0),
            )
        }),
    }
}

fn nuclear_tripwire(s: &Scenario, a: &Assessment) -> Found {
    let codes = present_guarantors(s, a);
    let nuclear: Vec<&String> = codes
        .iter()
        .filter(|c| s.contributor(c).is_some_and(|c| c.nuclear_armed))
        .collect();
    if nuclear.is_empty() {
        Found {
            score: 0.0,
            value: "no".into(),
            evidence: if codes.is_empty() {
                "no guarantor forces in theatre".to_string()
            } else {
                format!("none of {} is nuclear-armed", codes.join(", "))
            },
            raise: Some((
                "station forces of a nuclear-armed guarantor in theatre".to_string(),
                1.0,
            )),
        }
    } else {
        Found {
            score: 1.0,
            value: "yes".into(),
            evidence: format!(
                "nuclear-armed guarantor{} with forces in theatre: {}",
                if nuclear.len() == 1 { "" } else { "s" },
                nuclear
                    .iter()
                    .map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            raise: None,
        }
    }
}

fn capability_coverage(s: &Scenario, a: &Assessment) -> Found {
    let rows = &a.coverage;
    if rows.is_empty() {
        return Found {
            score: 0.0,
            value: "no requirements".into(),
            evidence: "the scenario states no requirements, so nothing is covered".into(),
            raise: None,
        };
    }
    let score = rows.iter().map(|r| r.covered).sum::<f64>() / rows.len() as f64;
    let met = rows.iter().filter(|r| r.gap <= 0.0).count();
    let worst =
        rows.iter()
            .filter(|r| r.gap > 0.0)
            .fold(None::<&guarantor_engine::CoverageRow>, |w, r| match w {
                Some(x) if x.covered <= r.covered => Some(x),
                _ => Some(r),
            });
    let mut evidence = format!(
        "{met} of {} requirements met; mean covered share {:.0}% (from the assessment)",
        rows.len(),
        score * 100.0
    );
    if let Some(r) = worst {
        evidence.push_str(&format!(
            "; least covered: {} for {} ({:.0}%, gap {} {})",
            label(s, &r.capability),
            s.missions
                .iter()
                .find(|m| m.id == r.mission)
                .map_or(r.mission.as_str(), |m| m.name.as_str()),
            r.covered * 100.0,
            guarantor_engine::fmt_need(r.gap, &r.unit),
            r.unit
        ));
    }
    Found {
        score,
        value: format!("{met}/{} met, {:.0}%", rows.len(), score * 100.0),
        evidence,
        raise: (score < 1.0).then(|| ("close every requirement's gap".to_string(), 1.0)),
    }
}

fn backstop(s: &Scenario, a: &Assessment, w: &Weights) -> Found {
    let military = "a major power backs the package with military means in force (air power, air defence, ground or naval forces, a nuclear commitment)";
    let (code, source) = match &s.guarantee.backstop {
        None => {
            return Found {
                score: w.level("major_power_backstop", "none"),
                value: "none".into(),
                evidence: unstated("backstop", "none"),
                raise: Some((
                    military.to_string(),
                    w.level("major_power_backstop", "forces"),
                )),
            };
        }
        Some(attr) => match &attr.value {
            None => {
                return Found {
                    score: w.level("major_power_backstop", "none"),
                    value: "none".into(),
                    evidence: format!("no backstop ({})", sourced(&attr.source)),
                    raise: Some((
                        military.to_string(),
                        w.level("major_power_backstop", "forces"),
                    )),
                };
            }
            Some(code) => (code.clone(), sourced(&attr.source)),
        },
    };
    let in_force: Vec<&guarantor_engine::PledgeStatus> = a
        .pledges
        .iter()
        .filter(|p| p.contributor == code && p.in_force && p.counted > 0.0)
        .collect();
    let means: Vec<String> = in_force
        .iter()
        .filter(|p| w.backstop_capabilities.contains(&p.capability))
        .map(|p| label(s, &p.capability))
        .collect();
    // Military means count as a present backstop only when the backstop said so on the record
    // (`conditional` or firmer); a floated, reported or rumoured offer is only `offered`.
    let on_record = |p: &guarantor_engine::PledgeStatus| {
        guarantor_model::Status::parse(&p.status)
            .is_some_and(|st| st >= guarantor_model::Status::Conditional)
    };
    let firm_means: Vec<String> = in_force
        .iter()
        .filter(|p| w.backstop_capabilities.contains(&p.capability) && on_record(p))
        .map(|p| label(s, &p.capability))
        .collect();
    // Evidence is read by people: the backstop by name when the scenario has it.
    let who = s
        .contributor(&code)
        .map_or(code.clone(), |c| c.name.clone());
    let major = w.major_powers.contains(&code);
    let level = if s.contributor(&code).is_none() || in_force.is_empty() {
        "none"
    } else if !firm_means.is_empty() && major {
        "forces"
    } else if !means.is_empty() && major && !in_force.iter().any(|p| on_record(p)) {
        "offered"
    } else {
        "instruments"
    };
    let mut evidence = match level {
        "none" if s.contributor(&code).is_none() => {
            format!("the backstop {who} is not in this package (removed with --without)")
        }
        "none" => format!("the backstop {who} has no pledge in force"),
        "forces" => {
            let mut m = firm_means.clone();
            m.dedup();
            format!("{who} backs it with {} in force", m.join(", "))
        }
        "offered" => {
            let mut m = means.clone();
            m.dedup();
            format!(
                "{who}'s military means ({}) are only floated, reported or rumoured, not stated on the record",
                m.join(", ")
            )
        }
        _ => format!(
            "{who} has pledges in force ({}) but no military means",
            in_force
                .iter()
                .map(|p| label(s, &p.capability))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    if !major && level != "none" {
        evidence.push_str(&format!(
            "; {who} is not a major power ({}), so it scores at most instruments",
            w.major_powers_source
        ));
    }
    evidence.push_str(&format!("; named as backstop: {source}"));
    Found {
        score: w.level("major_power_backstop", level),
        value: if level == "none" {
            format!("{code}: none in force")
        } else {
            format!("{code}: {level}")
        },
        evidence,
        raise: (level != "forces").then(|| {
            (
                military.to_string(),
                w.level("major_power_backstop", "forces"),
            )
        }),
    }
}
