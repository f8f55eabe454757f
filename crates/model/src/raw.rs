//! The scenario file as written: serde types that mirror the TOML, with source spans kept.
//!
//! These types are only the shape of the file. They do not know whether `capability = "air_defense"`
//! exists or whether a mission's layer is declared; [`crate::load`] checks that and builds the
//! validated [`crate::Scenario`]. Fields that a later check may complain about are
//! [`Spanned`], so that the complaint can point at the exact text. The doc comments here are
//! also the descriptions in the JSON Schema (`guarantor schema`), so they are written for users.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::taxonomy::{Aggregate, CapabilityKind};

/// A security-guarantee scenario.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    /// Name, date and conventions of the scenario.
    pub scenario: RawMeta,
    /// The protected state, the adversary, the lines and sites to protect.
    pub theatre: RawTheatre,
    /// Named events (a ceasefire, a US decision) that pledge conditions can wait for.
    #[serde(default)]
    pub events: Vec<RawEvent>,
    /// Capabilities this scenario adds to the default taxonomy (`data/capabilities.toml`).
    #[serde(default)]
    pub capabilities: Vec<RawCapability>,
    /// Layers of the guarantee (own forces, reassurance force, backstop, political commitment...).
    #[serde(default)]
    pub layers: Vec<RawLayer>,
    /// Missions, each in one layer, each with one or more requirements.
    #[serde(default)]
    pub missions: Vec<RawMission>,
    /// States that contribute to the guarantee.
    #[serde(default)]
    pub contributors: Vec<RawContributor>,
    /// Other parties that hold red lines but contribute nothing (beyond the protected state and
    /// the adversary, which are parties already).
    #[serde(default)]
    pub parties: Vec<RawParty>,
    /// Who offers what, where, on which conditions.
    #[serde(default)]
    pub pledges: Vec<RawPledge>,
    /// Constraints the parties have stated.
    #[serde(default)]
    pub red_lines: Vec<RawRedLine>,
    // --- uncertainty (issue 3, robustness) ---
    /// Parameters whose value is uncertain, each with a distribution (`guarantor simulate`,
    /// `guarantor sensitivity`).
    #[serde(default)]
    pub uncertain: Vec<RawUncertain>,
    // --- credibility indicators (issue 5): package-level attributes, optional ---
    /// Attributes of the package as a whole (legal form, automaticity, duration, command,
    /// backstop), read by `guarantor credibility`. Optional: an absent attribute scores as none.
    #[serde(default)]
    pub guarantee: Option<RawGuarantee>,
}

/// Name, date and conventions of the scenario.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawMeta {
    /// Short identifier, e.g. `ukraine-2025-08`.
    pub id: String,
    /// Title shown in reports.
    pub name: String,
    /// The date the scenario describes (ISO 8601, e.g. `2025-08-19`).
    #[schemars(with = "String")]
    pub as_of: Spanned<String>,
    #[serde(default)]
    pub description: String,
    /// Which value of a pledged range the assessment counts: `low` (default: what is firmly on
    /// offer), `mid` or `high`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub quantity_basis: Option<Spanned<String>>,
    /// Rotation factor used where a mission gives none, and to derive a contributor's sustainable
    /// capacity from its deployable capacity (units in the force pool per unit deployed).
    #[serde(default)]
    pub default_rotation: Option<RawNumber>,
}

/// A number with the source it comes from.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawNumber {
    #[schemars(with = "f64")]
    pub value: Spanned<f64>,
    /// Where the number comes from; say `judgement: ...` when it is one.
    #[serde(default)]
    pub source: String,
}

/// The protected state and its surroundings.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTheatre {
    /// ISO 3166 alpha-3 code of the state the guarantee protects (`UKR`).
    #[schemars(with = "String")]
    pub protected: Spanned<String>,
    /// ISO 3166 alpha-3 code of the state the guarantee deters (`RUS`).
    #[schemars(with = "String")]
    pub adversary: Spanned<String>,
    /// Area of the protected state in km².
    #[serde(default)]
    pub area_km2: Option<RawNumber>,
    /// Population of the protected state.
    #[serde(default)]
    pub population: Option<RawNumber>,
    /// Lines whose length sizes `per_km` requirements (line of contact, borders).
    #[serde(default)]
    pub lines: Vec<RawLine>,
    /// Named sites that `per_site` requirements protect.
    #[serde(default)]
    pub sites: Vec<RawSite>,
}

/// A line with a length: a line of contact, a border.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLine {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[serde(default)]
    pub name: String,
    /// Length in km.
    #[schemars(with = "f64")]
    pub km: Spanned<f64>,
    #[serde(default)]
    pub source: String,
}

/// A place to protect.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSite {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[serde(default)]
    pub name: String,
    /// Free word used by `per_site` requirements to select sites: `city`, `power_plant`, `port`,
    /// `border_crossing`...
    pub kind: String,
    #[serde(default)]
    pub population: Option<f64>,
    #[serde(default)]
    pub source: String,
}

/// A named event that conditions may wait for.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[serde(default)]
    pub description: String,
    /// Whether the assessment assumes the event has happened (default true).
    #[serde(default = "yes")]
    pub holds: bool,
    #[serde(default)]
    pub source: String,
    // --- uncertainty (issue 3, robustness) ---
    /// Probability that the event happens, for `guarantor simulate`: a shared cause that moves
    /// every pledge waiting for it (`after`) or depending on it (`depends_on`) at once. Without
    /// it the event is fixed as `holds` says.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub probability: Option<Spanned<f64>>,
    /// Where the probability comes from; say `judgement: ...` when it is one.
    #[serde(default)]
    pub probability_source: String,
}

fn yes() -> bool {
    true
}

/// A capability added by the scenario.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCapability {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    pub unit: String,
    pub kind: CapabilityKind,
    pub aggregate: Aggregate,
    #[serde(default)]
    pub presence: bool,
    #[serde(default)]
    pub description: String,
}

/// A layer of the guarantee.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLayer {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub name: String,
    #[serde(default)]
    pub description: String,
}

/// A mission: one task of one layer, with what it requires.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawMission {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// The layer it belongs to.
    #[schemars(with = "String")]
    pub layer: Spanned<String>,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Where its forces are: `front` (at the line of contact), `rear` (in the protected state,
    /// away from combat zones) or `outside` (in neighbouring states or at sea). Default `rear`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub location: Option<Spanned<String>>,
    /// Units in the force pool per unit deployed (3 keeps one deployed, one recovering, one
    /// preparing). Defaults to the scenario's `default_rotation`.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub rotation: Option<Spanned<f64>>,
    #[serde(default)]
    pub rotation_source: String,
    /// What the mission needs, one entry per capability.
    pub requirements: Vec<RawRequirement>,
}

/// One capability a mission needs, and how much, by a named method.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRequirement {
    #[schemars(with = "String")]
    pub capability: Spanned<String>,
    /// `per_km`, `per_site`, `fixed` or `ratio`.
    #[schemars(with = "String")]
    pub method: Spanned<String>,
    /// per_km: the theatre line whose length is used.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub line: Option<Spanned<String>>,
    /// per_km: units per km of line.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub density: Option<Spanned<f64>>,
    /// per_site: the kinds of site protected.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub kinds: Option<Vec<Spanned<String>>>,
    /// per_site: units per site.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub per_site: Option<Spanned<f64>>,
    /// fixed: the amount.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub amount: Option<Spanned<f64>>,
    /// ratio: what is divided (a number, or `population` / `area_km2` of the theatre).
    #[serde(default)]
    #[schemars(with = "Option<serde_json::Value>")]
    pub base: Option<Spanned<toml::Value>>,
    /// ratio: units of base per unit required (trainees per instructor, residents per soldier).
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub per: Option<Spanned<f64>>,
    /// Rotation factor for this requirement only, overriding the mission's.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub rotation: Option<Spanned<f64>>,
    /// Where the parameters come from; say `judgement: ...` when they are one.
    #[serde(default)]
    pub source: String,
}

/// A contributing state.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawContributor {
    /// ISO 3166 alpha-3 code.
    #[schemars(with = "String")]
    pub code: Spanned<String>,
    pub name: String,
    /// Alliances it belongs to (`NATO`, `EU`, `JEF`); red lines can name them.
    #[serde(default)]
    pub alliances: Vec<String>,
    /// Whether it has nuclear weapons.
    #[serde(default)]
    pub nuclear_armed: bool,
    /// GDP in USD bn, for fair shares.
    #[serde(default)]
    pub gdp_usd_bn: Option<RawNumber>,
    /// Capacity per capability: what it could deploy and what it could sustain.
    #[serde(default)]
    #[schemars(with = "std::collections::BTreeMap<String, RawCapacity>")]
    pub capacity: std::collections::BTreeMap<Spanned<String>, RawCapacity>,
    // --- burden-sharing allocation (issue 4): optional, so older scenarios load unchanged ---
    /// Political caps on what this contributor will give, in the red-line rule language without
    /// `from` (the contributor is implied): `no ground_troops`, `at most 5000 ground_troops in
    /// theatre`. `guarantor allocate` never allocates beyond them.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub caps: Vec<Spanned<String>>,
    /// Fair-share key for `guarantor allocate --objective fair-share` (any positive weight, e.g.
    /// population or an agreed formula). When any contributor gives one, keys replace GDP shares.
    #[serde(default)]
    pub fair_share: Option<RawNumber>,
}

/// What a contributor can field of one capability.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCapacity {
    /// The most it could deploy at once (a surge).
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub deployable: Option<Spanned<f64>>,
    /// The most it could keep deployed indefinitely, rotation included. When absent:
    /// deployable / default_rotation.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub sustainable: Option<Spanned<f64>>,
    #[serde(default)]
    pub source: String,
}

/// A party that holds red lines without contributing.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawParty {
    #[schemars(with = "String")]
    pub code: Spanned<String>,
    pub name: String,
    #[serde(default)]
    pub alliances: Vec<String>,
}

/// A pledged quantity: a number, or a range `[low, high]`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(
    untagged,
    expecting = "a quantity is a number or a range `[low, high]`, e.g. `500` or `[500, 7500]`"
)]
pub enum RawQuantity {
    One(f64),
    Range(Vec<f64>),
}

/// Who offers what, where, on which conditions.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPledge {
    /// Unique identifier, used in reports and in `--set pledges.ID.quantity=...`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// ISO 3166 alpha-3 code of a contributor.
    #[schemars(with = "String")]
    pub contributor: Spanned<String>,
    #[schemars(with = "String")]
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
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub layer: Option<Spanned<String>>,
    /// `front`, `rear` or `outside`; defaults to the mission's location.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub location: Option<Spanned<String>>,
    /// `stated`, `conditional`, `reported` or `rumoured`.
    #[schemars(with = "String")]
    pub status: Spanned<String>,
    /// What must hold for the pledge to count.
    #[serde(default)]
    pub conditions: Option<RawConditions>,
    #[serde(default)]
    pub sources: Vec<String>,
    /// Ids of evidence-ledger statements this pledge rests on.
    #[serde(default)]
    pub evidence: Vec<String>,
    #[serde(default)]
    pub note: String,
    // --- uncertainty (issue 3, robustness) ---
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
pub struct RawConditions {
    /// Pledges that must be in force: `CODE:capability` (that contributor pledges that
    /// capability), `CODE:group` or `CODE` (any pledge of that contributor).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub requires: Vec<Spanned<String>>,
    /// Events that must have happened (an event id, or a list of them).
    #[serde(default)]
    #[schemars(with = "Option<serde_json::Value>")]
    pub after: Option<Spanned<toml::Value>>,
}

/// A constraint a party has stated.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRedLine {
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub id: Option<Spanned<String>>,
    /// The party holding it (ISO 3166 alpha-3).
    #[schemars(with = "String")]
    pub party: Spanned<String>,
    /// The rule, e.g. `no ground_troops from USA`, `no troops from NATO in theatre`,
    /// `at most 5000 ground_troops from anyone in front`, `some ground_troops from USA`.
    #[schemars(with = "String")]
    pub rule: Spanned<String>,
    #[serde(default)]
    pub source: String,
    /// When the party stated it (ISO 8601).
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub evidence: Vec<String>,
    #[serde(default)]
    pub note: String,
}

// --- uncertainty (issue 3, robustness) ---

/// An uncertain parameter: a scenario number, named by the same path `--set` uses, with a
/// distribution.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawUncertain {
    /// The number, e.g. `missions.rear_presence.requirements.ground_troops.per_site`,
    /// `theatre.lines.contact_line.km`, `theatre.population` or `pledges.gbr-troops.quantity`.
    #[schemars(with = "String")]
    pub parameter: Spanned<String>,
    /// `uniform` (low, high), `triangular` (low, mode, high), `normal` (mean, sd) or `lognormal`
    /// (median, sigma: the standard deviation of the logarithm).
    #[schemars(with = "String")]
    pub distribution: Spanned<String>,
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub low: Option<Spanned<f64>>,
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub mode: Option<Spanned<f64>>,
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub high: Option<Spanned<f64>>,
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub mean: Option<Spanned<f64>>,
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub sd: Option<Spanned<f64>>,
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub median: Option<Spanned<f64>>,
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub sigma: Option<Spanned<f64>>,
    /// Where the range comes from; say `judgement: ...` when it is one.
    #[serde(default)]
    pub source: String,
}

// --- credibility indicators (issue 5) ---
// The `[guarantee]` table. Every attribute is optional and carries its source, so existing
// scenarios load unchanged and each indicator can show why it scores what it scores.

/// Package-level attributes of the guarantee, read by the credibility indicators.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawGuarantee {
    /// `ratified_treaty`, `executive_agreement`, `political_declaration` or `none`.
    #[serde(default)]
    pub legal_form: Option<RawAttribute>,
    /// What an attack triggers: `automatic` (an obligation to respond), `consultation` (an
    /// obligation to consult) or `none`.
    #[serde(default)]
    pub automaticity: Option<RawAttribute>,
    /// How long the commitment runs: a number of years, or `"open_ended"`.
    #[serde(default)]
    pub duration: Option<RawDuration>,
    /// Command of the guarantors' forces: `integrated` (a standing combined command),
    /// `coordination` (a coordination cell or lead-nation headquarters) or `none`.
    #[serde(default)]
    pub integrated_command: Option<RawAttribute>,
    /// The major power that backs the package (ISO 3166 alpha-3 code of a contributor), or `none`.
    #[serde(default)]
    pub backstop: Option<RawAttribute>,
    /// Which alliance-reliability base rate applies: `specific_obligation`, `all_alliances`,
    /// `defense_pact` or `post_1945` (rates and sources in `data/credibility-weights.toml`).
    #[serde(default)]
    pub reliability_class: Option<RawAttribute>,
}

/// A named value with the source it comes from.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAttribute {
    #[schemars(with = "String")]
    pub value: Spanned<String>,
    /// Where the value comes from; say `judgement: ...` when it is one.
    #[serde(default)]
    pub source: String,
}

/// A duration in years, or `"open_ended"`, with its source.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDuration {
    #[schemars(with = "serde_json::Value")]
    pub value: Spanned<toml::Value>,
    /// Where the value comes from; say `judgement: ...` when it is one.
    #[serde(default)]
    pub source: String,
}
