//! Pledges as written: who offers what, how much, where, on which conditions.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::scenario::{Location, Status};
use crate::schema::{CapabilityName, EventIds};

/// A pledged quantity: a number, or a range `[low, high]`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(rename = "Quantity")]
#[serde(
    untagged,
    expecting = "a quantity is a number or a range `[low, high]`, e.g. `500` or `[500, 7500]`"
)]
pub enum RawQuantity {
    /// One number.
    One(f64),
    /// `[low, high]`: what is firmly on offer, and the most mentioned.
    Range(#[schemars(length(equal = 2))] Vec<f64>),
}

/// Who offers what, where, on which conditions.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Pledge")]
pub struct RawPledge {
    /// Unique identifier, used in reports and in `--set pledges.ID.quantity=...`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// ISO 3166 alpha-3 code of a contributor.
    #[schemars(with = "String")]
    pub contributor: Spanned<String>,
    /// What is offered.
    #[schemars(with = "CapabilityName")]
    pub capability: Spanned<String>,
    /// A number or `[low, high]`. Instruments default to 1.
    #[serde(default)]
    #[schemars(with = "Option<RawQuantity>")]
    pub quantity: Option<Spanned<RawQuantity>>,
    /// The mission it serves; or give `layer`; or neither, to count wherever the capability is
    /// needed.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub mission: Option<Spanned<String>>,
    /// The layer it serves, when no mission is named: it counts for any mission of the layer.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub layer: Option<Spanned<String>>,
    /// `front`, `rear` or `outside`; defaults to the mission's location.
    #[serde(default)]
    #[schemars(with = "Option<Location>")]
    pub location: Option<Spanned<String>>,
    /// How firm the pledge is, as reported: one of the status words (the schema gives each with
    /// its meaning).
    #[schemars(with = "Status")]
    pub status: Spanned<String>,
    /// What must hold for the pledge to count.
    #[serde(default)]
    pub conditions: Option<RawConditions>,
    /// The first day the pledge is in force (`YYYY-MM-DD`); before it, it does not count.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub from: Option<Spanned<toml::Value>>,
    /// The first day the pledge is no longer in force (`YYYY-MM-DD`): it counts on days before
    /// it, so one pledge's `until` can be the next one's `from`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub until: Option<Spanned<toml::Value>>,
    /// Days the pledge needs after each dated event it waits for (`after`, `depends_on`) before
    /// it is in place: a force that deploys 90 days after a ceasefire.
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub lead_time_days: Option<Spanned<i64>>,
    /// Where the pledge is reported: outlet, date and address.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Ids of evidence-ledger statements this pledge rests on.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// Anything a reader should know about the pledge.
    #[serde(default)]
    pub note: String,
    /// Probability that the pledge is honoured, for `guarantor simulate`. Defaults by `status`
    /// from `data/pledge-reliability.toml`.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub probability: Option<Spanned<f64>>,
    /// Where the probability comes from; say `judgement: ...` when it is one.
    #[serde(default)]
    pub probability_source: String,
    /// Shared causes: events (declared under `[[events]]`, usually with a `probability`) that
    /// must happen for the pledge to be honoured, e.g. `["us_backstop"]`.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub depends_on: Vec<Spanned<String>>,
}

/// Conditions of a pledge. All must hold.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Conditions")]
pub struct RawConditions {
    /// Pledges that must be in force: `CODE:capability` (that contributor pledges that
    /// capability), `CODE:group` or `CODE` (any pledge of that contributor).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub requires: Vec<Spanned<String>>,
    /// Events that must have happened (an event id, or a list of them).
    #[serde(default)]
    #[schemars(with = "Option<EventIds>")]
    pub after: Option<Spanned<toml::Value>>,
}
