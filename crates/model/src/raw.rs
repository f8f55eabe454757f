//! The scenario file as written: serde types that mirror the TOML, with source spans kept.
//!
//! These types are only the shape of the file. They do not know whether `capability = "air_defense"`
//! exists or whether a mission's layer is declared; [`crate::load()`] checks that and builds the
//! validated [`crate::Scenario`]. Fields that a later check may complain about are
//! [`Spanned`], so that the complaint can point at the exact text. The doc comments here are
//! also the descriptions in the JSON Schema (`guarantor schema`), so they are written for users;
//! a field the checker reads as a word of a vocabulary is a string here (so an unknown word gets
//! a "did you mean" rather than serde's error) and that vocabulary's enum in the schema
//! ([`crate::schema`]), so an editor can complete it.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::scenario::{Location, MethodKind, QuantityBasis};
use crate::schema::{CapabilityName, RatioBase};
use crate::taxonomy::{Aggregate, CapabilityKind};

mod guarantee;
mod parties;
mod pledges;
mod uncertainty;

pub use guarantee::*;
pub use parties::*;
pub use pledges::*;
pub use uncertainty::*;

/// A security-guarantee scenario.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Scenario", title = "Guarantor scenario")]
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
    /// Parameters whose value is uncertain, each with a distribution (`guarantor simulate`,
    /// `guarantor sensitivity`).
    #[serde(default)]
    pub uncertain: Vec<RawUncertain>,
    /// Attributes of the package as a whole (legal form, automaticity, duration, command,
    /// backstop), read by `guarantor credibility`. Optional: an absent attribute scores as none.
    #[serde(default)]
    pub guarantee: Option<RawGuarantee>,
}

/// Name, date and conventions of the scenario.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Metadata")]
pub struct RawMeta {
    /// Short identifier, e.g. `ukraine-2025-08`.
    pub id: String,
    /// Title shown in reports.
    pub name: String,
    /// The date the scenario describes (ISO 8601, e.g. `2025-08-19`).
    #[schemars(with = "String")]
    pub as_of: Spanned<String>,
    /// The date the rules are evaluated at, when it is not `as_of` (`YYYY-MM-DD`): a pledge
    /// counts only from its `from` date and before its `until` date, a dated event holds only once
    /// its date has come. Reports then say "as of" this date. `--as-of` overrides it.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub assess_at: Option<Spanned<toml::Value>>,
    /// What the scenario describes, for reports.
    #[serde(default)]
    pub description: String,
    /// Which value of a pledged range the assessment counts: `low` (default: what is firmly on
    /// offer), `mid` or `high`.
    #[serde(default)]
    #[schemars(with = "Option<QuantityBasis>")]
    pub quantity_basis: Option<Spanned<String>>,
    /// Which pledges count, by status: `all` (default), `announced` (conditional and firmer: said
    /// on the record) or `firm` (agreed, signed or delivered). `--basis` overrides it.
    #[serde(default)]
    #[schemars(with = "Option<crate::scenario::StatusBasis>")]
    pub status_basis: Option<Spanned<String>>,
    /// Rotation factor used where a mission gives none, and to derive a contributor's sustainable
    /// capacity from its deployable capacity (units in the force pool per unit deployed).
    #[serde(default)]
    pub default_rotation: Option<RawNumber>,
}

/// A number with the source it comes from.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "SourcedNumber")]
pub struct RawNumber {
    /// The number.
    #[schemars(with = "f64")]
    pub value: Spanned<f64>,
    /// Where the number comes from; say `judgement: ...` when it is one.
    #[serde(default)]
    pub source: String,
}

/// The protected state and its surroundings.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Theatre")]
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
#[schemars(rename = "Line")]
pub struct RawLine {
    /// Identifier, used by `per_km` requirements (`line = "contact_line"`).
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Name shown in reports.
    #[serde(default)]
    pub name: String,
    /// Length in kilometres.
    #[schemars(with = "f64")]
    pub km: Spanned<f64>,
    /// Where the length comes from.
    #[serde(default)]
    pub source: String,
}

/// A place to protect.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Site")]
pub struct RawSite {
    /// Identifier, unique among sites.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Name shown in reports.
    #[serde(default)]
    pub name: String,
    /// Free word used by `per_site` requirements to select sites: `city`, `power_plant`, `port`,
    /// `border_crossing`...
    pub kind: String,
    /// Residents, where it matters (a city).
    #[serde(default)]
    pub population: Option<f64>,
    /// Where the site's data come from.
    #[serde(default)]
    pub source: String,
}

/// A named event that conditions may wait for.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Event")]
pub struct RawEvent {
    /// Identifier, named by pledge conditions (`after`) and shared causes (`depends_on`).
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// What the event is.
    #[serde(default)]
    pub description: String,
    /// Whether the assessment assumes the event has happened (default true).
    #[serde(default = "yes")]
    pub holds: bool,
    /// When it happened or is expected (`YYYY-MM-DD`). A dated event holds only from that date
    /// on (and only if `holds`), and pledges with a `lead_time_days` count from that many days
    /// after it. Without a date, the event holds or not as `holds` says, at any date.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub date: Option<Spanned<toml::Value>>,
    /// Where the assumption comes from.
    #[serde(default)]
    pub source: String,
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
#[schemars(rename = "NewCapability")]
pub struct RawCapability {
    /// Identifier, not one of the default taxonomy's (`demining`).
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// What one unit is (`personnel`, `teams`, `USD bn per year`).
    pub unit: String,
    /// `force` (counted in its unit) or `instrument` (a commitment, counted in guarantors).
    pub kind: CapabilityKind,
    /// How several contributors' pledges combine: `sum` or `max` (the best counts).
    pub aggregate: Aggregate,
    /// True when units are physically present where pledged, so presence red lines and rotation
    /// apply.
    #[serde(default)]
    pub presence: bool,
    /// What the capability is.
    #[serde(default)]
    pub description: String,
}

/// A layer of the guarantee.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Layer")]
pub struct RawLayer {
    /// Identifier, named by missions and pledges.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Name shown in reports.
    pub name: String,
    /// What the layer does.
    #[serde(default)]
    pub description: String,
}

/// A mission: one task of one layer, with what it requires.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Mission")]
pub struct RawMission {
    /// Identifier, named by pledges (`mission = "..."`).
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// The layer it belongs to.
    #[schemars(with = "String")]
    pub layer: Spanned<String>,
    /// Name shown in reports.
    pub name: String,
    /// What the mission does.
    #[serde(default)]
    pub description: String,
    /// Where its forces are: `front` (at the line of contact), `rear` (in the protected state,
    /// away from combat zones) or `outside` (in neighbouring states or at sea). Default `rear`.
    #[serde(default)]
    #[schemars(with = "Option<Location>")]
    pub location: Option<Spanned<String>>,
    /// True when forces stationed outside the protected state can serve the mission where it is
    /// (air policing flown from neighbouring states, an over-the-horizon reserve). Without it, a
    /// pledge located `outside` fills only missions located `outside`. Default false.
    #[serde(default)]
    pub served_from_outside: bool,
    /// The lead or framework nation (a contributor's code, or a member of an organisation
    /// contributor), e.g. the United Kingdom for a UK-led multinational force.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub lead: Option<Spanned<String>>,
    /// Units in the force pool per unit deployed (3 keeps one deployed, one recovering, one
    /// preparing). Defaults to the scenario's `default_rotation`.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub rotation: Option<Spanned<f64>>,
    /// Where the rotation factor comes from.
    #[serde(default)]
    pub rotation_source: String,
    /// What the mission needs, one entry per capability.
    pub requirements: Vec<RawRequirement>,
}

/// One capability a mission needs, and how much, by a named method.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Requirement")]
pub struct RawRequirement {
    /// The capability needed.
    #[schemars(with = "CapabilityName")]
    pub capability: Spanned<String>,
    /// How the amount is computed: `per_km`, `per_site`, `fixed`, `ratio`, `echelon`,
    /// `dependent` or `area`, each with its own parameters.
    #[schemars(with = "MethodKind")]
    pub method: Spanned<String>,
    /// per_km: the theatre line whose length is used.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub line: Option<Spanned<String>>,
    /// per_km: units per km of line; area: units per km² of the zone.
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
    #[schemars(with = "Option<RatioBase>")]
    pub base: Option<Spanned<toml::Value>>,
    /// ratio: units of base per unit required (trainees per instructor, residents per soldier);
    /// dependent: units required per unit of the requirement named by `of` (protection troops
    /// per monitor).
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub per: Option<Spanned<f64>>,
    /// echelon: the level of formation (`brigade`, `division`, `corps`, ...).
    #[serde(default)]
    #[schemars(with = "Option<crate::formations::Echelon>")]
    pub echelon: Option<Spanned<String>>,
    /// echelon: how many formations.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub count: Option<Spanned<f64>>,
    /// echelon: the `data/formations.toml` entry whose size is used (default: the first entry
    /// of the echelon).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub formation: Option<Spanned<String>>,
    /// echelon: which value of the entry's range: `low`, `typical` (default) or `high`.
    #[serde(default)]
    #[schemars(with = "Option<crate::formations::FormationEnd>")]
    pub take: Option<Spanned<String>>,
    /// echelon: the size of one formation with its own source, instead of an entry's.
    #[serde(default)]
    pub size: Option<RawNumber>,
    /// dependent: the requirement it is derived from, `"mission.capability"` (or `"capability"`
    /// of the same mission).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub of: Option<Spanned<String>>,
    /// area: the zone's area in km².
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub km2: Option<Spanned<f64>>,
    /// area: a buffer zone's length along the line, in km (with `depth_km`).
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub length_km: Option<Spanned<f64>>,
    /// area: a buffer zone's depth (its width across the line), in km (with `length_km`).
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub depth_km: Option<Spanned<f64>>,
    /// Rotation factor for this requirement only, overriding the mission's.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub rotation: Option<Spanned<f64>>,
    /// Where the parameters come from; say `judgement: ...` when they are one.
    #[serde(default)]
    pub source: String,
}
