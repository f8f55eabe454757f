//! Default probabilities that a pledge is honoured, by its reported status.
//!
//! The table ships in `data/pledge-reliability.toml` (compiled in) and names, per status, the
//! published figure it rests on and the judgement that maps a reporting status onto it. It is
//! only the default: a pledge's own `probability` always wins. This module does not draw anything.

use guarantor_model::{Pledge, Scenario, Status};
use serde::{Deserialize, Serialize};

/// The default table, embedded at build time.
pub const DEFAULT_RELIABILITY_TOML: &str = include_str!("../../../data/pledge-reliability.toml");

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusReliability {
    pub status: String,
    pub probability: f64,
    pub source: String,
    pub judgement: String,
}

/// Default probabilities by status.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reliability {
    rows: Vec<StatusReliability>,
}

/// The reliability table is malformed (a bug in `data/`, caught by a test).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReliabilityError {
    #[error("data/pledge-reliability.toml: {0}")]
    Parse(String),
    #[error("data/pledge-reliability.toml: no row for status `{0}`")]
    Missing(String),
    #[error("data/pledge-reliability.toml: probability of `{0}` is not in [0, 1]")]
    Range(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    status: Vec<StatusReliability>,
}

impl Reliability {
    /// Parses a table; every status must have a probability in [0, 1].
    pub fn parse(text: &str) -> Result<Self, ReliabilityError> {
        let file: File =
            toml::from_str(text).map_err(|e| ReliabilityError::Parse(e.message().to_string()))?;
        for name in Status::NAMES {
            let row = file
                .status
                .iter()
                .find(|r| r.status == name)
                .ok_or_else(|| ReliabilityError::Missing(name.to_string()))?;
            if !(0.0..=1.0).contains(&row.probability) {
                return Err(ReliabilityError::Range(name.to_string()));
            }
        }
        Ok(Reliability { rows: file.status })
    }

    pub fn rows(&self) -> &[StatusReliability] {
        &self.rows
    }

    /// The default probability of a status.
    pub fn of(&self, status: Status) -> f64 {
        self.rows
            .iter()
            .find(|r| r.status == status.name())
            .map_or(1.0, |r| r.probability)
    }

    /// The probability a pledge is honoured: its own, or its status's default.
    pub fn pledge(&self, scenario: &Scenario, pledge: &Pledge) -> f64 {
        scenario
            .uncertainty
            .pledge_probability(&pledge.id)
            .unwrap_or_else(|| self.of(pledge.status))
    }
}

impl Default for Reliability {
    /// The shipped table. It is checked by a test, so the fallback (every pledge honoured) is
    /// never used in a release.
    fn default() -> Self {
        Reliability::parse(DEFAULT_RELIABILITY_TOML).unwrap_or(Reliability { rows: Vec::new() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_table_parses_and_names_its_sources() {
        let r = Reliability::parse(DEFAULT_RELIABILITY_TOML).expect("shipped table");
        // Leeds, Long & Mitchell (2000): 74.5% of specific alliance commitments honoured.
        assert_eq!(r.of(Status::Stated), 0.745);
        // Berkemeier & Fuhrmann (2018): overall compliance 50%.
        assert_eq!(r.of(Status::Reported), 0.50);
        for row in r.rows() {
            assert!(!row.source.trim().is_empty(), "{row:?}");
            assert!(!row.judgement.trim().is_empty(), "{row:?}");
        }
    }

    #[test]
    fn malformed_tables_are_errors() {
        assert_eq!(
            Reliability::parse(
                "[[status]]\nstatus = \"stated\"\nprobability = 0.5\nsource = \"x\"\njudgement = \"y\"\n"
            ),
            // Statuses are checked least firm first, so the first one missing is `rumoured`.
            Err(ReliabilityError::Missing("rumoured".into()))
        );
        let bad = DEFAULT_RELIABILITY_TOML.replace("probability = 0.50", "probability = 1.5");
        assert_eq!(
            Reliability::parse(&bad),
            Err(ReliabilityError::Range("reported".into()))
        );
    }
}
