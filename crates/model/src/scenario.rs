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
    // --- burden-sharing allocation (issue 4) ---
    /// Political caps on what it will give (`no ground_troops`); empty when none.
    pub caps: Vec<Cap>,
    /// Fair-share key that replaces GDP in `allocate --objective fair-share`.
    pub fair_share: Option<Sourced>,
}

impl Contributor {
    pub fn capacity(&self, capability: &str) -> Option<&Capacity> {
        self.capacity.iter().find(|c| c.capability == capability)
    }
}

// --- burden-sharing allocation (issue 4) ---
/// A contributor's political cap: a red-line rule whose party is the contributor itself, bounding
/// what it pledges (`no` or `at most N`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cap {
    /// The rule, with `parties` set to the contributor.
    pub rule: Rule,
    /// The cap as written.
    pub text: String,
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
    // --- uncertainty (issue 3, robustness) ---
    /// Probabilities and parameter ranges for `guarantor simulate` and `sensitivity`; empty
    /// when the file states none. The deterministic assessment ignores it.
    #[serde(skip_serializing_if = "Uncertainty::is_empty")]
    pub uncertainty: Uncertainty,
    // --- credibility indicators (issue 5) ---
    /// Package-level attributes from `[guarantee]`; every one absent when the file has none.
    #[serde(skip_serializing_if = "Guarantee::is_empty")]
    pub guarantee: Guarantee,
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

// --- uncertainty (issue 3, robustness) ---

/// What a scenario says is uncertain: how likely each pledge and event is, and the ranges of its
/// parameters. Every name in it resolves (checked by [`crate::load`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Uncertainty {
    /// Pledges with a stated probability of being honoured, in file order. The others take the
    /// default of their status.
    pub pledges: Vec<PledgeChance>,
    /// Events with a probability: shared causes drawn once per Monte Carlo draw.
    pub events: Vec<EventChance>,
    /// Parameters with a distribution, in file order.
    pub parameters: Vec<UncertainParameter>,
}

impl Uncertainty {
    pub fn is_empty(&self) -> bool {
        self.pledges.is_empty() && self.events.is_empty() && self.parameters.is_empty()
    }

    /// The stated probability that a pledge is honoured, if the file gives one.
    pub fn pledge_probability(&self, pledge: &str) -> Option<f64> {
        self.pledges
            .iter()
            .find(|p| p.pledge == pledge)
            .map(|p| p.probability)
    }

    /// The probability of an event, if the file gives one.
    pub fn event_probability(&self, event: &str) -> Option<f64> {
        self.events
            .iter()
            .find(|e| e.event == event)
            .map(|e| e.probability)
    }
}

/// A pledge's stated probability of being honoured.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PledgeChance {
    pub pledge: String,
    pub probability: f64,
    pub source: String,
}

/// An event's probability.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventChance {
    pub event: String,
    pub probability: f64,
    pub source: String,
}

/// Which number of the scenario an uncertain parameter replaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ParameterTarget {
    /// `theatre.lines.ID.km`
    LineKm { line: String },
    /// `theatre.population`
    Population,
    /// `theatre.area_km2`
    AreaKm2,
    /// `missions.ID.requirements.CAPABILITY.FIELD`
    Requirement {
        mission: String,
        capability: String,
        field: RequirementField,
    },
    /// `pledges.ID.quantity`
    PledgeQuantity { pledge: String },
}

/// A parameter of a requirement's method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RequirementField {
    Density,
    PerSite,
    Amount,
    Base,
    Per,
}

impl RequirementField {
    pub const NAMES: [&'static str; 5] = ["density", "per_site", "amount", "base", "per"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "density" => Some(Self::Density),
            "per_site" => Some(Self::PerSite),
            "amount" => Some(Self::Amount),
            "base" => Some(Self::Base),
            "per" => Some(Self::Per),
            _ => None,
        }
    }
}

/// A probability distribution of an uncertain parameter.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "distribution", rename_all = "snake_case")]
pub enum Distribution {
    Uniform {
        low: f64,
        high: f64,
    },
    Triangular {
        low: f64,
        mode: f64,
        high: f64,
    },
    Normal {
        mean: f64,
        sd: f64,
    },
    /// `ln X` is normal with mean `ln median` and standard deviation `sigma`.
    Lognormal {
        median: f64,
        sigma: f64,
    },
}

impl Distribution {
    pub const NAMES: [&'static str; 4] = ["uniform", "triangular", "normal", "lognormal"];
}

/// A scenario number with a distribution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UncertainParameter {
    /// As written (`theatre.lines.contact_line.km`).
    pub path: String,
    pub target: ParameterTarget,
    pub distribution: Distribution,
    pub source: String,
}

// --- credibility indicators (issue 5) ---
// The checked `[guarantee]` table. `None` means the file does not say; the credibility indicators
// score an unstated attribute as its weakest value and say so.

/// A value with the source it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attribute<T> {
    pub value: T,
    pub source: String,
}

/// The legal form of the commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LegalForm {
    /// A treaty ratified by the guarantors' legislatures (North Atlantic Treaty, US-ROK treaty).
    RatifiedTreaty,
    /// A binding agreement signed by governments without ratification (2024 bilateral agreements).
    ExecutiveAgreement,
    /// A political declaration or memorandum (Budapest Memorandum, summit declarations).
    PoliticalDeclaration,
    None,
}

impl LegalForm {
    pub const NAMES: [&'static str; 4] = [
        "ratified_treaty",
        "executive_agreement",
        "political_declaration",
        "none",
    ];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "ratified_treaty" => Some(Self::RatifiedTreaty),
            "executive_agreement" => Some(Self::ExecutiveAgreement),
            "political_declaration" => Some(Self::PoliticalDeclaration),
            "none" => Some(Self::None),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// What an armed attack on the protected state triggers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Automaticity {
    /// An obligation to respond (NATO Article 5, US-ROK treaty Article III).
    Automatic,
    /// An obligation to consult (within 24 hours, in the 2024 bilateral agreements).
    Consultation,
    None,
}

impl Automaticity {
    pub const NAMES: [&'static str; 3] = ["automatic", "consultation", "none"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "automatic" => Some(Self::Automatic),
            "consultation" => Some(Self::Consultation),
            "none" => Some(Self::None),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// How the guarantors' forces are commanded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CommandForm {
    /// A standing combined command (NATO's integrated command structure, ROK-US CFC).
    Integrated,
    /// A coordination cell or a lead-nation headquarters.
    Coordination,
    None,
}

impl CommandForm {
    pub const NAMES: [&'static str; 3] = ["integrated", "coordination", "none"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "integrated" => Some(Self::Integrated),
            "coordination" => Some(Self::Coordination),
            "none" => Some(Self::None),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// How long the commitment runs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Duration {
    Years(f64),
    OpenEnded,
}

/// The alliance-reliability base rate that applies (rates in `data/credibility-weights.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReliabilityClass {
    /// Leeds, Long & Mitchell (2000): specific obligations honoured 74.5% of the time.
    SpecificObligation,
    /// Berkemeier & Fuhrmann (2018): all alliance commitments, 50%.
    AllAlliances,
    /// Berkemeier & Fuhrmann (2018): defense pacts, 41%.
    DefensePact,
    /// Berkemeier & Fuhrmann (2018): commitments invoked after 1945, 22%.
    Post1945,
}

impl ReliabilityClass {
    pub const NAMES: [&'static str; 4] = [
        "specific_obligation",
        "all_alliances",
        "defense_pact",
        "post_1945",
    ];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "specific_obligation" => Some(Self::SpecificObligation),
            "all_alliances" => Some(Self::AllAlliances),
            "defense_pact" => Some(Self::DefensePact),
            "post_1945" => Some(Self::Post1945),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// Package-level attributes of the guarantee (`[guarantee]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Guarantee {
    pub legal_form: Option<Attribute<LegalForm>>,
    pub automaticity: Option<Attribute<Automaticity>>,
    pub duration: Option<Attribute<Duration>>,
    pub integrated_command: Option<Attribute<CommandForm>>,
    /// The backing major power's code; `Some` with value `None` when the file says `none`.
    pub backstop: Option<Attribute<Option<String>>>,
    pub reliability_class: Option<Attribute<ReliabilityClass>>,
}

impl Guarantee {
    pub fn is_empty(&self) -> bool {
        *self == Guarantee::default()
    }
}
