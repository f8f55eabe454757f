//! The `[guarantee]` table as written. Every attribute is optional and carries its source, so
//! existing scenarios load unchanged and each credibility indicator can show why it scores what
//! it scores.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::scenario::{Automaticity, CommandForm, LegalForm, ReliabilityClass};
use crate::schema::{Attribute, DurationValue};

// The `[guarantee]` table. Every attribute is optional and carries its source, so existing
// scenarios load unchanged and each indicator can show why it scores what it scores.

/// Package-level attributes of the guarantee, read by the credibility indicators.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Guarantee")]
pub struct RawGuarantee {
    /// `ratified_treaty`, `executive_agreement`, `political_declaration` or `none`.
    #[serde(default)]
    #[schemars(with = "Option<Attribute<LegalForm>>")]
    pub legal_form: Option<RawAttribute>,
    /// What an attack triggers: `automatic` (an obligation to respond), `consultation` (an
    /// obligation to consult) or `none`.
    #[serde(default)]
    #[schemars(with = "Option<Attribute<Automaticity>>")]
    pub automaticity: Option<RawAttribute>,
    /// How long the commitment runs: a number of years, or `"open_ended"`.
    #[serde(default)]
    pub duration: Option<RawDuration>,
    /// Command of the guarantors' forces: `integrated` (a standing combined command),
    /// `coordination` (a coordination cell or lead-nation headquarters) or `none`.
    #[serde(default)]
    #[schemars(with = "Option<Attribute<CommandForm>>")]
    pub integrated_command: Option<RawAttribute>,
    /// The major power that backs the package (ISO 3166 alpha-3 code of a contributor), or `none`.
    #[serde(default)]
    pub backstop: Option<RawAttribute>,
    /// Which alliance-reliability base rate applies: `specific_obligation`, `all_alliances`,
    /// `defense_pact` or `post_1945` (rates and sources in `data/credibility-weights.toml`).
    #[serde(default)]
    #[schemars(with = "Option<Attribute<ReliabilityClass>>")]
    pub reliability_class: Option<RawAttribute>,
}

/// A named value with the source it comes from.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Attribute")]
pub struct RawAttribute {
    /// The value.
    #[schemars(with = "String")]
    pub value: Spanned<String>,
    /// Where the value comes from; say `judgement: ...` when it is one.
    #[serde(default)]
    pub source: String,
}

/// A duration in years, or `"open_ended"`, with its source.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Duration")]
pub struct RawDuration {
    /// A number of years, or `"open_ended"`.
    #[schemars(with = "DurationValue")]
    pub value: Spanned<toml::Value>,
    /// Where the value comes from; say `judgement: ...` when it is one.
    #[serde(default)]
    pub source: String,
}
