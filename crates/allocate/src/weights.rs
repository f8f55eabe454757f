//! Cost weights: what one unit of a capability costs its contributor per year, and whether it is
//! indivisible.
//!
//! The table ships in `data/cost-weights.toml` (every figure with its source, judgement marked)
//! and is compiled in, so the allocation works from any directory. This module only reads the
//! table; it does not decide how weights enter an objective (that is [`crate::formulate`]).

use serde::{Deserialize, Serialize};

/// The shipped table, embedded at build time.
pub const DEFAULT_COST_WEIGHTS_TOML: &str = include_str!("../../../data/cost-weights.toml");

/// One capability's weight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weight {
    #[serde(default)]
    pub capability: String,
    /// EUR million per unit per year in place.
    pub eur_m: f64,
    /// Whether allocations of it must be whole units.
    pub integer: bool,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WeightsFile {
    default: Weight,
    weight: Vec<Weight>,
}

/// The cost-weight table.
#[derive(Debug, Clone, PartialEq)]
pub struct CostWeights {
    default: Weight,
    weights: Vec<Weight>,
}

/// The table could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WeightsError {
    #[error("cost-weight table is not valid TOML: {0}")]
    Toml(String),
    #[error("cost weight of `{capability}` must be a finite number ≥ 0, found {value}")]
    Negative { capability: String, value: f64 },
}

impl CostWeights {
    /// Parses a table in the format of `data/cost-weights.toml`.
    ///
    /// # Errors
    /// When the text is not such a table, or a weight is negative or not finite.
    pub fn parse(text: &str) -> Result<Self, WeightsError> {
        let file: WeightsFile =
            toml::from_str(text).map_err(|e| WeightsError::Toml(e.message().to_string()))?;
        for w in file.weight.iter().chain([&file.default]) {
            if !(w.eur_m.is_finite() && w.eur_m >= 0.0) {
                return Err(WeightsError::Negative {
                    capability: w.capability.clone(),
                    value: w.eur_m,
                });
            }
        }
        Ok(CostWeights {
            default: file.default,
            weights: file.weight,
        })
    }

    /// The weight of a capability, or the table's default for capabilities it does not list.
    pub fn get(&self, capability: &str) -> &Weight {
        self.weights
            .iter()
            .find(|w| w.capability == capability)
            .unwrap_or(&self.default)
    }

    /// Whether the table lists the capability (rather than falling back to the default).
    pub fn lists(&self, capability: &str) -> bool {
        self.weights.iter().any(|w| w.capability == capability)
    }

    /// Uniform weights (every unit costs `eur_m`), for tests and generated instances.
    pub fn uniform(eur_m: f64, integer: bool) -> Self {
        CostWeights {
            default: Weight {
                capability: String::new(),
                eur_m,
                integer,
                source: "uniform".into(),
            },
            weights: Vec::new(),
        }
    }

    /// Sets or replaces one capability's weight.
    pub fn set(&mut self, capability: &str, eur_m: f64, integer: bool) {
        let w = Weight {
            capability: capability.to_string(),
            eur_m,
            integer,
            source: "set by caller".into(),
        };
        match self.weights.iter_mut().find(|x| x.capability == capability) {
            Some(x) => *x = w,
            None => self.weights.push(w),
        }
    }
}

impl Default for CostWeights {
    /// The table shipped in `data/cost-weights.toml`.
    fn default() -> Self {
        // The embedded file is part of the build and checked by a unit test below, so a failure
        // here is a broken build, not bad user input.
        CostWeights::parse(DEFAULT_COST_WEIGHTS_TOML)
            .expect("data/cost-weights.toml is valid (checked by tests)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use guarantor_model::Taxonomy;

    #[test]
    fn shipped_table_covers_the_taxonomy_and_names_sources() {
        let w = CostWeights::parse(DEFAULT_COST_WEIGHTS_TOML).unwrap();
        for cap in Taxonomy::default().capabilities() {
            assert!(w.lists(&cap.name), "no cost weight for `{}`", cap.name);
            let weight = w.get(&cap.name);
            assert!(
                !weight.source.trim().is_empty(),
                "`{}` has no source",
                cap.name
            );
        }
        // Money is divisible; people and platforms are not.
        assert!(!w.get("arms_supply").integer);
        assert!(w.get("ground_troops").integer);
        assert!(w.get("air_defence").integer);
    }

    #[test]
    fn bad_tables_are_errors() {
        let e = CostWeights::parse(
            "weight = []\n[default]\neur_m = -1\ninteger = true\nsource = \"x\"",
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "cost weight of `` must be a finite number ≥ 0, found -1"
        );
        assert!(CostWeights::parse("nonsense").is_err());
    }
}
