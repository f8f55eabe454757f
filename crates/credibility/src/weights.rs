//! The parameters of the credibility model: indicator weights, level scores, scales and the
//! alliance-reliability base rates, read from `data/credibility-weights.toml`.
//!
//! This module only parses and checks the file; it does not score anything (see
//! [`crate::indicator`]). The default file is compiled in, so the model works from any directory;
//! a user's copy comes in as text (`guarantor credibility --weights FILE`) and a bad one is an
//! error with its line and column, never a panic.

use std::collections::BTreeMap;

use guarantor_model::ReliabilityClass;
use serde::{Deserialize, Serialize};

/// The default parameter file, embedded at build time.
pub const DEFAULT_WEIGHTS_TOML: &str = include_str!("../../../data/credibility-weights.toml");

/// The indicators, in the order reports show them. Their ids are the keys of `[weights]`.
pub const INDICATORS: [&str; 10] = [
    "legal_form",
    "automaticity",
    "forces_present",
    "forces_multinational",
    "nuclear_tripwire",
    "capability_coverage",
    "major_power_backstop",
    "integrated_command",
    "duration",
    "reliability_prior",
];

/// A bad parameter file: what is wrong, and where (line and column, 1-based) when known.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WeightsError {
    #[error("{origin}:{line}:{column}: {message}")]
    Syntax {
        origin: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{origin}: {message}")]
    Invalid { origin: String, message: String },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWeights {
    weights: BTreeMap<String, f64>,
    levels: BTreeMap<String, BTreeMap<String, f64>>,
    backstop: RawBackstop,
    forces_present: RawForces,
    forces_multinational: RawMultinational,
    duration: RawDuration,
    reliability: Vec<RawReliability>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBackstop {
    capabilities: Vec<String>,
    major_powers: Vec<String>,
    major_powers_source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawForces {
    full_personnel: f64,
    full_personnel_source: String,
    knee_personnel: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMultinational {
    full_count: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDuration {
    full_years: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReliability {
    class: String,
    rate: f64,
    source: String,
}

/// One alliance-reliability base rate with its source.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ReliabilityRate {
    pub class: String,
    pub rate: f64,
    pub source: String,
}

/// The checked parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    /// Weight per indicator, in [`INDICATORS`] order (not normalised).
    pub weights: [f64; 10],
    /// Level scores of the categorical indicators, by indicator id then level name.
    pub levels: BTreeMap<String, BTreeMap<String, f64>>,
    pub backstop_capabilities: Vec<String>,
    pub major_powers: Vec<String>,
    pub major_powers_source: String,
    pub full_personnel: f64,
    pub full_personnel_source: String,
    pub knee_personnel: f64,
    pub full_guarantors: f64,
    pub full_years: f64,
    pub reliability: Vec<ReliabilityRate>,
}

/// Levels each categorical indicator must score.
const LEVELS: [(&str, &[&str]); 4] = [
    (
        "legal_form",
        &[
            "ratified_treaty",
            "executive_agreement",
            "political_declaration",
            "none",
        ],
    ),
    ("automaticity", &["automatic", "consultation", "none"]),
    (
        "integrated_command",
        &["integrated", "coordination", "none"],
    ),
    (
        "major_power_backstop",
        &["forces", "instruments", "offered", "none"],
    ),
];

impl Default for Weights {
    fn default() -> Self {
        // The embedded file is checked by a unit test; falling back keeps this total.
        Weights::parse(DEFAULT_WEIGHTS_TOML, "data/credibility-weights.toml")
            .unwrap_or_else(|_| Weights::fallback())
    }
}

impl Weights {
    /// Parses and checks a parameter file. `origin` names it in error messages.
    ///
    /// # Errors
    /// A TOML syntax or type error (with line and column), an unknown or missing indicator or
    /// level, a weight or score outside its range, or a missing reliability class.
    pub fn parse(text: &str, origin: &str) -> Result<Weights, WeightsError> {
        let raw: RawWeights = toml::from_str(text).map_err(|e| {
            let (line, column) = e
                .span()
                .map(|s| line_column(text, s.start))
                .unwrap_or((1, 1));
            WeightsError::Syntax {
                origin: origin.to_string(),
                line,
                column,
                message: e.message().lines().next().unwrap_or("").to_string(),
            }
        })?;
        let invalid = |message: String| WeightsError::Invalid {
            origin: origin.to_string(),
            message,
        };
        for key in raw.weights.keys() {
            if !INDICATORS.contains(&key.as_str()) {
                return Err(invalid(format!(
                    "unknown indicator `{key}` in [weights]; the indicators are {}",
                    list(&INDICATORS)
                )));
            }
        }
        let mut weights = [0.0; 10];
        for (i, id) in INDICATORS.iter().enumerate() {
            let w = *raw
                .weights
                .get(*id)
                .ok_or_else(|| invalid(format!("[weights] has no weight for `{id}`")))?;
            if !w.is_finite() || w < 0.0 {
                return Err(invalid(format!(
                    "weight of `{id}` must be zero or more, found `{w}`"
                )));
            }
            weights[i] = w;
        }
        if weights.iter().sum::<f64>() <= 0.0 {
            return Err(invalid(
                "the weights sum to zero; give at least one a positive weight".into(),
            ));
        }
        for (indicator, names) in LEVELS {
            let table = raw
                .levels
                .get(indicator)
                .ok_or_else(|| invalid(format!("missing table [levels.{indicator}]")))?;
            for name in names {
                let v = *table.get(*name).ok_or_else(|| {
                    invalid(format!("[levels.{indicator}] has no score for `{name}`"))
                })?;
                if !(0.0..=1.0).contains(&v) {
                    return Err(invalid(format!(
                        "[levels.{indicator}] `{name}` must be between 0 and 1, found `{v}`"
                    )));
                }
            }
            if let Some(extra) = table.keys().find(|k| !names.contains(&k.as_str())) {
                return Err(invalid(format!(
                    "unknown level `{extra}` in [levels.{indicator}]; expected {}",
                    list(names)
                )));
            }
        }
        if let Some(extra) = raw
            .levels
            .keys()
            .find(|k| !LEVELS.iter().any(|(i, _)| i == k))
        {
            return Err(invalid(format!("unknown table [levels.{extra}]")));
        }
        let positive = |v: f64, what: &str| {
            if v.is_finite() && v > 0.0 {
                Ok(v)
            } else {
                Err(invalid(format!("{what} must be positive, found `{v}`")))
            }
        };
        let full_personnel = positive(
            raw.forces_present.full_personnel,
            "[forces_present] full_personnel",
        )?;
        let knee_personnel = positive(
            raw.forces_present.knee_personnel,
            "[forces_present] knee_personnel",
        )?;
        let full_guarantors = positive(
            raw.forces_multinational.full_count,
            "[forces_multinational] full_count",
        )?;
        let full_years = positive(raw.duration.full_years, "[duration] full_years")?;
        let mut reliability = Vec::new();
        for r in raw.reliability {
            if ReliabilityClass::parse(&r.class).is_none() {
                return Err(invalid(format!(
                    "unknown reliability class `{}`; expected {}",
                    r.class,
                    list(&ReliabilityClass::NAMES)
                )));
            }
            if !(0.0..=1.0).contains(&r.rate) {
                return Err(invalid(format!(
                    "reliability rate of `{}` must be between 0 and 1, found `{}`",
                    r.class, r.rate
                )));
            }
            reliability.push(ReliabilityRate {
                class: r.class,
                rate: r.rate,
                source: r.source,
            });
        }
        for class in ReliabilityClass::NAMES {
            if !reliability.iter().any(|r| r.class == class) {
                return Err(invalid(format!(
                    "no [[reliability]] rate for class `{class}`"
                )));
            }
        }
        Ok(Weights {
            weights,
            levels: raw.levels,
            backstop_capabilities: raw.backstop.capabilities,
            major_powers: raw.backstop.major_powers,
            major_powers_source: raw.backstop.major_powers_source,
            full_personnel,
            full_personnel_source: raw.forces_present.full_personnel_source,
            knee_personnel,
            full_guarantors,
            full_years,
            reliability,
        })
    }

    /// The weight of an indicator, by id (0 for an unknown id).
    pub fn weight(&self, id: &str) -> f64 {
        INDICATORS
            .iter()
            .position(|i| *i == id)
            .map_or(0.0, |i| self.weights[i])
    }

    /// Sets the weight of an indicator, by id; false when there is no such indicator.
    pub fn set_weight(&mut self, id: &str, value: f64) -> bool {
        match INDICATORS.iter().position(|i| *i == id) {
            Some(i) => {
                self.weights[i] = value;
                true
            }
            None => false,
        }
    }

    /// The sum of the weights (the denominator of the score).
    pub fn total(&self) -> f64 {
        self.weights.iter().sum()
    }

    /// The score of one level of a categorical indicator (0 when absent).
    pub fn level(&self, indicator: &str, level: &str) -> f64 {
        self.levels
            .get(indicator)
            .and_then(|t| t.get(level))
            .copied()
            .unwrap_or(0.0)
    }

    /// The base rate of a reliability class.
    pub fn rate(&self, class: ReliabilityClass) -> Option<&ReliabilityRate> {
        self.reliability.iter().find(|r| r.class == class.name())
    }

    /// Equal weights and ordinal levels: only reached if the embedded file were broken, which a
    /// unit test rules out.
    fn fallback() -> Weights {
        let mut levels = BTreeMap::new();
        for (indicator, names) in LEVELS {
            let n = names.len() as f64 - 1.0;
            levels.insert(
                indicator.to_string(),
                names
                    .iter()
                    .enumerate()
                    .map(|(i, name)| (name.to_string(), 1.0 - i as f64 / n))
                    .collect(),
            );
        }
        Weights {
            weights: [0.1; 10],
            levels,
            backstop_capabilities: vec!["ground_troops".into(), "air_power".into()],
            major_powers: Vec::new(),
            major_powers_source: String::new(),
            full_personnel: 28500.0,
            full_personnel_source: String::new(),
            knee_personnel: 100.0,
            full_guarantors: 4.0,
            full_years: 20.0,
            reliability: ReliabilityClass::NAMES
                .iter()
                .map(|c| ReliabilityRate {
                    class: c.to_string(),
                    rate: 0.5,
                    source: String::new(),
                })
                .collect(),
        }
    }
}

fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// 1-based line and column of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_file_parses() {
        let w = Weights::parse(DEFAULT_WEIGHTS_TOML, "data/credibility-weights.toml").unwrap();
        assert!(w.total() > 0.0);
        assert_eq!(w.reliability.len(), 4);
        assert_eq!(Weights::default(), w);
    }

    #[test]
    fn a_type_error_names_line_and_column() {
        let text = DEFAULT_WEIGHTS_TOML.replace("legal_form = 0.12", "legal_form = \"high\"");
        let err = Weights::parse(&text, "w.toml").unwrap_err().to_string();
        let line = text
            .lines()
            .position(|l| l.starts_with("legal_form = \"high\""))
            .unwrap()
            + 1;
        assert_eq!(
            err,
            format!("w.toml:{line}:14: invalid type: string \"high\", expected f64")
        );
    }

    #[test]
    fn a_negative_weight_is_refused() {
        let text = DEFAULT_WEIGHTS_TOML.replace("duration = 0.04", "duration = -1");
        let err = Weights::parse(&text, "w.toml").unwrap_err().to_string();
        assert_eq!(
            err,
            "w.toml: weight of `duration` must be zero or more, found `-1`"
        );
    }

    #[test]
    fn an_unknown_indicator_is_refused() {
        let text = DEFAULT_WEIGHTS_TOML.replace("duration = 0.04", "durration = 0.04");
        let err = Weights::parse(&text, "w.toml").unwrap_err().to_string();
        assert!(
            err.starts_with("w.toml: unknown indicator `durration` in [weights]"),
            "{err}"
        );
    }
}
