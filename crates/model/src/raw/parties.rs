//! The states in a scenario as written: contributors with their capacities and caps, parties that
//! only hold red lines, and the red lines themselves.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use super::RawNumber;
use crate::schema::CapacityTable;

/// A contributing state, or an organisation or group of states (`members` given).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Contributor")]
pub struct RawContributor {
    /// ISO 3166 alpha-3 code for a state; for an organisation or group (`members` given), an
    /// upper-case code of 2 to 8 letters (`EU`, `NATO`, `COW` for the coalition of the willing).
    #[schemars(with = "String")]
    pub code: Spanned<String>,
    /// For an organisation or group of states: its members (ISO 3166 alpha-3 codes). Its pledges
    /// count toward coverage but toward no member's capacity, and red lines that name a member or
    /// a member's alliance cover them.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub members: Vec<Spanned<String>>,
    /// Name shown in reports.
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
    #[schemars(with = "CapacityTable")]
    pub capacity: std::collections::BTreeMap<Spanned<String>, RawCapacity>,
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
#[schemars(rename = "Capacity")]
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
    /// Where the figures come from.
    #[serde(default)]
    pub source: String,
}

/// A party that holds red lines without contributing.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Party")]
pub struct RawParty {
    /// ISO 3166 alpha-3 code.
    #[schemars(with = "String")]
    pub code: Spanned<String>,
    /// Name shown in reports.
    pub name: String,
    /// Alliances it belongs to; red lines can name them.
    #[serde(default)]
    pub alliances: Vec<String>,
}

/// A constraint a party has stated.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "RedLine")]
pub struct RawRedLine {
    /// Identifier; defaults to the party's code and the red line's number (`rus-1`).
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
    /// Where the party stated it: outlet and address.
    #[serde(default)]
    pub source: String,
    /// When the party stated it (`YYYY-MM-DD`). A record of the source, not a period of force:
    /// the red line applies at every assessment date.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub date: Option<Spanned<toml::Value>>,
    /// Ids of evidence-ledger statements the red line rests on.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// Anything a reader should know about the red line.
    #[serde(default)]
    pub note: String,
}
