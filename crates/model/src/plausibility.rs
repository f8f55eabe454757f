//! The ranges inside which historical operations and published templates lie, so that an input
//! outside every one of them (a 400,000 km line, 900 monitors per km) loads with a warning
//! naming the range and its source, instead of passing in silence.
//!
//! The ranges ship in `data/densities.toml` (`[[plausibility]]`), beside the defaults they
//! bound, and are compiled in; the engine's calibration test checks that each still covers the
//! historical figures it cites. A warning, not an error: a scenario may mean to go beyond the
//! record, and then the warning says by how much.

use serde::Deserialize;

/// The defaults-and-ranges file, embedded at build time.
pub const DENSITIES_TOML: &str = include_str!("../../../data/densities.toml");

/// What a range bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// A theatre line's length in km.
    LineKm,
    /// A `per_km` requirement's density.
    PerKm,
    /// An `area` requirement's density per km².
    PerKm2,
    /// A `dependent` requirement's `per`, when derived from a monitoring requirement.
    PerMonitor,
}

/// One range with its source.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Range {
    pub measure: Measure,
    #[serde(default)]
    pub capabilities: Vec<String>,
    pub low: f64,
    pub high: f64,
    pub source: String,
}

impl Range {
    /// True when `value` lies outside the range.
    pub fn outside(&self, value: f64) -> bool {
        value < self.low || value > self.high
    }
}

#[derive(Debug, Deserialize)]
struct File {
    plausibility: Vec<Range>,
}

/// Every range of `data/densities.toml`.
pub fn ranges() -> Vec<Range> {
    // The embedded file is part of the build and checked by a unit test.
    toml::from_str::<File>(DENSITIES_TOML)
        .expect("data/densities.toml is valid (checked by tests)")
        .plausibility
}

/// The range of `measure` that applies to `capability` (any capability for `line_km`).
pub fn range(measure: Measure, capability: &str) -> Option<Range> {
    ranges().into_iter().find(|r| {
        r.measure == measure
            && (r.capabilities.is_empty() || r.capabilities.iter().any(|c| c == capability))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_range_is_ordered_and_sourced() {
        let all = ranges();
        assert!(all.iter().any(|r| r.measure == Measure::LineKm));
        for r in &all {
            assert!(0.0 <= r.low && r.low < r.high, "{r:?}");
            assert!(!r.source.trim().is_empty(), "{r:?}");
        }
        assert!(range(Measure::LineKm, "").unwrap().outside(400_000.0));
        assert!(
            !range(Measure::PerKm, "ceasefire_monitoring")
                .unwrap()
                .outside(1.28)
        );
        assert!(range(Measure::PerKm, "surveillance").is_none());
    }
}
