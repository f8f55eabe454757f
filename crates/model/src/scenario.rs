//! The validated scenario: what the engine works on.
//!
//! Every reference in a [`Scenario`] resolves (a pledge's capability is in the taxonomy, its
//! mission exists, its conditions name known contributors and events), every number is finite and
//! non-negative, and defaults are filled in. Building one is [`crate::load`]'s job; this module
//! only defines the types and small lookups. Order is file order everywhere, so output is stable.

use serde::Serialize;

use crate::redline::Rule;
use crate::taxonomy::Taxonomy;

/// A number with the source it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sourced {
    pub value: f64,
    pub source: String,
}

/// Which value of a pledged range counts in a deterministic assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuantityBasis {
    Low,
    Mid,
    High,
}

impl QuantityBasis {
    pub const NAMES: [&'static str; 3] = ["low", "mid", "high"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "low" => Some(Self::Low),
            "mid" => Some(Self::Mid),
            "high" => Some(Self::High),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Meta {
    pub id: String,
    pub name: String,
    pub as_of: String,
    pub description: String,
    pub quantity_basis: QuantityBasis,
    pub default_rotation: Sourced,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    pub id: String,
    pub name: String,
    pub km: f64,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Site {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub population: Option<f64>,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Theatre {
    pub protected: String,
    pub adversary: String,
    pub area_km2: Option<Sourced>,
    pub population: Option<Sourced>,
    pub lines: Vec<Line>,
    pub sites: Vec<Site>,
}

impl Theatre {
    pub fn line(&self, id: &str) -> Option<&Line> {
        self.lines.iter().find(|l| l.id == id)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub id: String,
    pub description: String,
    pub holds: bool,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Layer {
    pub id: String,
    pub name: String,
    pub description: String,
}

/// Where forces are: at the line of contact, in the protected state away from it, or outside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Location {
    Front,
    Rear,
    Outside,
}

impl Location {
    pub const NAMES: [&'static str; 3] = ["front", "rear", "outside"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "front" => Some(Self::Front),
            "rear" => Some(Self::Rear),
            "outside" => Some(Self::Outside),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Front => "front",
            Self::Rear => "rear",
            Self::Outside => "outside",
        }
    }
}

/// What a `ratio` requirement divides.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Base {
    Number(f64),
    Population,
    AreaKm2,
}

/// How a requirement is computed. Each is a published force-sizing practice (see
/// `docs/scenario-format.md`); the engine shows the formula with its parameters.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Method {
    /// Length of a line × units per km (troops or monitors along a line).
    PerKm { line: String, density: f64 },
    /// Number of sites of the given kinds × units per site (presence, air defence of sites).
    PerSite { kinds: Vec<String>, per_site: f64 },
    /// A stated amount.
    Fixed { amount: f64 },
    /// A base divided by a ratio (trainees per instructor, residents per soldier).
    Ratio { base: Base, per: f64 },
}

impl Method {
    pub const NAMES: [&'static str; 4] = ["per_km", "per_site", "fixed", "ratio"];
}

/// One capability a mission needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequirementSpec {
    pub capability: String,
    pub method: Method,
    /// Units in the force pool per unit deployed.
    pub rotation: f64,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mission {
    pub id: String,
    pub layer: String,
    pub name: String,
    pub description: String,
    pub location: Location,
    pub rotation: f64,
    pub rotation_source: String,
    pub requirements: Vec<RequirementSpec>,
}

/// What a contributor can field of one capability.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Capacity {
    pub capability: String,
    pub deployable: Option<f64>,
    /// The most it can keep deployed indefinitely, rotation included.
    pub sustainable: f64,
    /// True when `sustainable` was derived as deployable / default rotation.
    pub sustainable_derived: bool,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contributor {
    pub code: String,
    pub name: String,
    pub alliances: Vec<String>,
    pub nuclear_armed: bool,
    pub gdp_usd_bn: Option<Sourced>,
    pub capacity: Vec<Capacity>,
}

impl Contributor {
    pub fn capacity(&self, capability: &str) -> Option<&Capacity> {
        self.capacity.iter().find(|c| c.capability == capability)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Party {
    pub code: String,
    pub name: String,
    pub alliances: Vec<String>,
}

/// How firm a pledge is, as reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Said on the record by the contributor.
    Stated,
    /// Said on the record, with conditions attached.
    Conditional,
    /// Reported by media from officials or documents.
    Reported,
    /// Reported from unnamed or single sources.
    Rumoured,
}

impl Status {
    pub const NAMES: [&'static str; 4] = ["stated", "conditional", "reported", "rumoured"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "stated" => Some(Self::Stated),
            "conditional" => Some(Self::Conditional),
            "reported" => Some(Self::Reported),
            "rumoured" => Some(Self::Rumoured),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Stated => "stated",
            Self::Conditional => "conditional",
            Self::Reported => "reported",
            Self::Rumoured => "rumoured",
        }
    }
}

/// A pledged amount; a single number has `low == high`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Quantity {
    pub low: f64,
    pub high: f64,
}

impl Quantity {
    pub fn exact(value: f64) -> Self {
        Quantity {
            low: value,
            high: value,
        }
    }

    pub fn value(&self, basis: QuantityBasis) -> f64 {
        match basis {
            QuantityBasis::Low => self.low,
            QuantityBasis::Mid => (self.low + self.high) / 2.0,
            QuantityBasis::High => self.high,
        }
    }
}

/// Where a pledge counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "lowercase")]
pub enum Target {
    Mission(String),
    Layer(String),
    /// Wherever its capability is needed.
    Anywhere,
}

/// Which capabilities a condition or rule matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CapabilitySet {
    Any,
    Some(Vec<String>),
}

impl CapabilitySet {
    pub fn contains(&self, capability: &str) -> bool {
        match self {
            CapabilitySet::Any => true,
            CapabilitySet::Some(names) => names.iter().any(|n| n == capability),
        }
    }
}

/// "This pledge counts only while `contributor` has a pledge of `capabilities` in force."
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PledgeCondition {
    /// As written (`USA:air_power`).
    pub text: String,
    pub contributor: String,
    pub capabilities: CapabilitySet,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pledge {
    pub id: String,
    pub contributor: String,
    pub capability: String,
    pub quantity: Quantity,
    pub target: Target,
    pub location: Location,
    pub status: Status,
    pub requires: Vec<PledgeCondition>,
    pub after: Vec<String>,
    pub sources: Vec<String>,
    pub evidence: Vec<String>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RedLine {
    pub id: String,
    pub party: String,
    pub rule: Rule,
    /// The rule as written.
    pub text: String,
    pub source: String,
    pub date: String,
    pub evidence: Vec<String>,
    pub note: String,
}

/// A checked scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scenario {
    pub meta: Meta,
    pub theatre: Theatre,
    pub events: Vec<Event>,
    #[serde(skip)]
    pub taxonomy: Taxonomy,
    pub layers: Vec<Layer>,
    pub missions: Vec<Mission>,
    pub contributors: Vec<Contributor>,
    pub parties: Vec<Party>,
    pub pledges: Vec<Pledge>,
    pub red_lines: Vec<RedLine>,
}

impl Scenario {
    pub fn mission(&self, id: &str) -> Option<&Mission> {
        self.missions.iter().find(|m| m.id == id)
    }

    pub fn layer(&self, id: &str) -> Option<&Layer> {
        self.layers.iter().find(|l| l.id == id)
    }

    pub fn contributor(&self, code: &str) -> Option<&Contributor> {
        self.contributors.iter().find(|c| c.code == code)
    }

    pub fn event(&self, id: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.id == id)
    }

    pub fn pledge(&self, id: &str) -> Option<&Pledge> {
        self.pledges.iter().find(|p| p.id == id)
    }

    /// Alliances a party belongs to: a contributor's or a declared party's.
    pub fn alliances_of(&self, code: &str) -> &[String] {
        if let Some(c) = self.contributor(code) {
            return &c.alliances;
        }
        self.parties
            .iter()
            .find(|p| p.code == code)
            .map_or(&[], |p| &p.alliances)
    }

    /// Every code that may hold a red line: contributors, declared parties, the protected state
    /// and the adversary.
    pub fn party_codes(&self) -> Vec<&str> {
        let mut codes: Vec<&str> = self.contributors.iter().map(|c| c.code.as_str()).collect();
        codes.extend(self.parties.iter().map(|p| p.code.as_str()));
        for code in [&self.theatre.protected, &self.theatre.adversary] {
            if !codes.contains(&code.as_str()) {
                codes.push(code);
            }
        }
        codes
    }

    /// Removes a contributor and its pledges (the `--without` of the CLI). Pledges that were
    /// conditional on it stay and will lapse when conditions are evaluated. Returns the ids of
    /// the removed pledges, or `None` when no contributor has that code.
    pub fn without(&mut self, code: &str) -> Option<Vec<String>> {
        let before = self.contributors.len();
        self.contributors.retain(|c| c.code != code);
        if self.contributors.len() == before {
            return None;
        }
        let removed = self
            .pledges
            .iter()
            .filter(|p| p.contributor == code)
            .map(|p| p.id.clone())
            .collect();
        self.pledges.retain(|p| p.contributor != code);
        Some(removed)
    }
}
