//! `[[uncertain]]` as written: parameters whose value is uncertain, each with a distribution, for
//! `guarantor simulate` and `sensitivity`.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::scenario::DistributionKind;

/// An uncertain parameter: a scenario number, named by the same path `--set` uses, with a
/// distribution.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "UncertainParameter")]
pub struct RawUncertain {
    /// The number, e.g. `missions.rear_presence.requirements.ground_troops.per_site`,
    /// `theatre.lines.contact_line.km`, `theatre.population` or `pledges.gbr-troops.quantity`.
    #[schemars(with = "String")]
    pub parameter: Spanned<String>,
    /// `uniform` (low, high), `triangular` (low, mode, high), `normal` (mean, sd) or `lognormal`
    /// (median, sigma: the standard deviation of the logarithm).
    #[schemars(with = "DistributionKind")]
    pub distribution: Spanned<String>,
    /// uniform, triangular: the lowest value.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub low: Option<Spanned<f64>>,
    /// triangular: the most likely value.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub mode: Option<Spanned<f64>>,
    /// uniform, triangular: the highest value.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub high: Option<Spanned<f64>>,
    /// normal: the mean.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub mean: Option<Spanned<f64>>,
    /// normal: the standard deviation.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub sd: Option<Spanned<f64>>,
    /// lognormal: the median.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub median: Option<Spanned<f64>>,
    /// lognormal: the standard deviation of the logarithm.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub sigma: Option<Spanned<f64>>,
    /// Where the range comes from; say `judgement: ...` when it is one.
    #[serde(default)]
    pub source: String,
}
