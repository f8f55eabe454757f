//! The validated scenario: what the engine works on.
//!
//! Every reference in a [`Scenario`] resolves (a pledge's capability is in the taxonomy, its
//! mission exists, its conditions name known contributors and events), every number is finite and
//! non-negative, and defaults are filled in. Building one is [`crate::load()`]'s job; this module
//! only defines the types and small lookups. Order is file order everywhere, so output is stable.

use serde::Serialize;

use crate::date::Date;
use crate::formations::{Echelon, FormationEnd};
use crate::redline::Rule;
use crate::taxonomy::Taxonomy;
use crate::vocabulary::vocabulary;

mod guarantee;
mod uncertainty;

pub use guarantee::*;
pub use uncertainty::*;

/// A number with the source it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sourced {
    pub value: f64,
    pub source: String,
}

vocabulary! {
    /// Which value of a pledged range counts in a deterministic assessment.
    pub enum QuantityBasis {
        /// The low end: what is firmly on offer (the default).
        Low = "low",
        /// The middle of the range.
        Mid = "mid",
        /// The high end: everything mentioned.
        High = "high",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Meta {
    pub id: String,
    pub name: String,
    /// The date the assessment describes, as reports print it: the scenario's `as_of`, or its
    /// `assess_at`, or the `--as-of` date ([`Scenario::assess_at`]).
    pub as_of: String,
    /// The date the rules are evaluated at (pledges' `from`/`until`, events' dates, lead times):
    /// `as_of` as a date (a month, `YYYY-MM`, means its last day) unless `assess_at` or
    /// `--as-of` says otherwise.
    pub assess_at: Date,
    pub description: String,
    pub quantity_basis: QuantityBasis,
    /// Which pledges count, by status (`status_basis`, or `--basis`).
    pub status_basis: StatusBasis,
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
    /// When it happened or is expected; `None`: it holds or not as `holds` says, at any date.
    pub date: Option<Date>,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Layer {
    pub id: String,
    pub name: String,
    pub description: String,
}

vocabulary! {
    /// Where forces are: at the line of contact, in the protected state away from it, or outside it.
    pub enum Location {
        /// At the line of contact.
        Front = "front",
        /// In the protected state, away from combat zones.
        Rear = "rear",
        /// Outside the protected state: in neighbouring states or at sea.
        Outside = "outside",
    }
}

vocabulary! {
    /// A figure of the theatre that a `ratio` requirement can divide (`base = "population"`).
    pub enum TheatreFigure {
        /// The theatre's `population`.
        Population = "population",
        /// The theatre's `area_km2`.
        AreaKm2 = "area_km2",
    }
}

impl From<TheatreFigure> for Base {
    fn from(figure: TheatreFigure) -> Self {
        match figure {
            TheatreFigure::Population => Base::Population,
            TheatreFigure::AreaKm2 => Base::AreaKm2,
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

vocabulary! {
    /// The name of a requirement's method, and the parameters it takes. Each is a published
    /// force-sizing practice (see `docs/scenario-format.md`).
    pub enum MethodKind {
        /// Length of a theatre line × units per km (troops or monitors along a line).
        PerKm = "per_km"("line", "density"),
        /// Number of sites of the given kinds × units per site (presence, air defence of sites).
        PerSite = "per_site"("kinds", "per_site"),
        /// A stated amount.
        Fixed = "fixed"("amount"),
        /// A base divided by a ratio (trainees per instructor, residents per soldier).
        Ratio = "ratio"("base", "per"),
        /// A number of formations of an echelon × the formation's size from
        /// `data/formations.toml` ("two brigades", "a large division"), or a size with its own
        /// source.
        Echelon = "echelon"("echelon", "count", "formation", "take", "size"),
        /// Another requirement (`of = "mission.capability"`) × units per unit of it (protection
        /// troops per monitor, enablers per combat troop).
        Dependent = "dependent"("of", "per"),
        /// A zone's area in km² (`km2`, or a buffer zone's `length_km` × `depth_km`) × units
        /// per km².
        Area = "area"("km2", "length_km", "depth_km", "density"),
    }
}

impl MethodKind {
    /// The parameters of [`Self::parameters`] a requirement may leave out: an echelon's entry,
    /// end and size have defaults; an area is either `km2` or `length_km` × `depth_km`, which
    /// the loader checks itself.
    pub fn optional_parameters(self) -> &'static [&'static str] {
        match self {
            MethodKind::PerKm | MethodKind::PerSite | MethodKind::Fixed | MethodKind::Ratio => &[],
            MethodKind::Echelon => &["formation", "take", "size"],
            MethodKind::Dependent => &[],
            MethodKind::Area => &["km2", "length_km", "depth_km"],
        }
    }
}

/// Where an `echelon` requirement's formation size comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormationSize {
    /// The `data/formations.toml` entry, or `None` when the requirement states its own `size`.
    pub formation: Option<String>,
    /// Which value of the entry's range was taken; `None` for a stated size.
    pub take: Option<FormationEnd>,
    /// The entry's published range.
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// Whether the size counts the enablers that deploy with the formation; `None` for a stated
    /// size, which says nothing about it.
    pub includes_enablers: Option<bool>,
    /// The entry's source, or the stated size's.
    pub source: String,
}

/// The zone of an `area` requirement.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Zone {
    /// An area stated in km².
    Km2(f64),
    /// A buffer zone: length along the line × depth, in km.
    Strip { length_km: f64, depth_km: f64 },
}

/// How a requirement is computed, with its parameters checked; the engine shows the formula.
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
    /// `count` formations of an echelon × the size of one.
    Echelon {
        echelon: Echelon,
        count: f64,
        size: f64,
        basis: FormationSize,
    },
    /// Requirement `capability` of mission `mission` × `per`. The loader rejects cycles, so
    /// dependents can be computed in [`Scenario::requirement_order`].
    Dependent {
        mission: String,
        capability: String,
        per: f64,
    },
    /// A zone's area × units per km².
    Area { zone: Zone, density: f64 },
}

impl Method {
    pub fn kind(&self) -> MethodKind {
        match self {
            Method::PerKm { .. } => MethodKind::PerKm,
            Method::PerSite { .. } => MethodKind::PerSite,
            Method::Fixed { .. } => MethodKind::Fixed,
            Method::Ratio { .. } => MethodKind::Ratio,
            Method::Echelon { .. } => MethodKind::Echelon,
            Method::Dependent { .. } => MethodKind::Dependent,
            Method::Area { .. } => MethodKind::Area,
        }
    }

    /// The numbers of this requirement that `[[uncertain]]` may vary: a `ratio` whose base is
    /// the theatre's population or area varies that through the theatre, not here.
    pub fn fields(&self) -> &'static [RequirementField] {
        match self {
            Method::PerKm { .. } => &[RequirementField::Density],
            Method::PerSite { .. } => &[RequirementField::PerSite],
            Method::Fixed { .. } => &[RequirementField::Amount],
            Method::Ratio {
                base: Base::Number(_),
                ..
            } => &[RequirementField::Base, RequirementField::Per],
            Method::Ratio { .. } => &[RequirementField::Per],
            Method::Echelon { .. } => &[RequirementField::Count, RequirementField::Size],
            Method::Dependent { .. } => &[RequirementField::Per],
            Method::Area {
                zone: Zone::Km2(_), ..
            } => &[RequirementField::Km2, RequirementField::Density],
            Method::Area {
                zone: Zone::Strip { .. },
                ..
            } => &[
                RequirementField::LengthKm,
                RequirementField::DepthKm,
                RequirementField::Density,
            ],
        }
    }
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
    /// Forces stationed outside the protected state can serve it where it is (air policing from
    /// neighbouring states, an over-the-horizon reserve).
    pub served_from_outside: bool,
    /// The lead or framework nation, when the scenario names one.
    pub lead: Option<String>,
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
    /// Members of an organisation or group (EU, NATO, the coalition); empty for a state.
    pub members: Vec<String>,
    pub alliances: Vec<String>,
    pub nuclear_armed: bool,
    pub gdp_usd_bn: Option<Sourced>,
    pub capacity: Vec<Capacity>,
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

vocabulary! {
    /// How firm a pledge is, from least to most firm: the order is the scale (`Ord` follows it),
    /// so a basis or a condition can ask for "at least `signed`". The steps follow the life of a
    /// commitment as the literature on alliance commitments separates them: an offer floated or
    /// reported is not a commitment; one stated on the record is a unilateral political
    /// commitment; one agreed in a joint text binds politically; a signed instrument is the formal
    /// commitment whose reliability Leeds, Long & Mitchell (2000) measure; delivered is in place.
    pub enum Status {
        /// Reported from unnamed or single sources.
        Rumoured = "rumoured",
        /// Put forward on the record as a possibility ("could", "ready to consider"), not decided.
        Floated = "floated",
        /// Reported by media from officials or documents as decided.
        Reported = "reported",
        /// Said on the record by the contributor, with conditions attached.
        Conditional = "conditional",
        /// Said on the record by the contributor.
        Stated = "stated",
        /// In a text the parties agreed (a joint declaration or communiqué).
        Agreed = "agreed",
        /// In an instrument the contributor signed (a bilateral agreement, a declaration of
        /// intent).
        Signed = "signed",
        /// In place: deployed, delivered or in force.
        Delivered = "delivered",
    }
}

vocabulary! {
    /// Which pledges count, by status (`--basis`).
    pub enum StatusBasis {
        /// Every pledge, floated and rumoured ones included (the default).
        All = "all",
        /// Only what contributors said on the record: `conditional` and firmer.
        Announced = "announced",
        /// Only what is agreed, signed or delivered.
        Firm = "firm",
    }
}

impl StatusBasis {
    /// The least firm status that counts under this basis.
    pub fn threshold(self) -> Status {
        match self {
            StatusBasis::All => Status::Rumoured,
            StatusBasis::Announced => Status::Conditional,
            StatusBasis::Firm => Status::Agreed,
        }
    }

    /// Whether a pledge of `status` counts under this basis.
    pub fn admits(self, status: Status) -> bool {
        status >= self.threshold()
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
    /// As written (`USA:air_power`, `USA:air_power@signed`).
    pub text: String,
    pub contributor: String,
    pub capabilities: CapabilitySet,
    /// The least firm status the other pledge must have (`@signed`); `None`: any status.
    pub min_status: Option<Status>,
    /// One named pledge instead of a contributor and capability (`pledge:usa-air`).
    pub pledge: Option<String>,
}

/// When a pledge is in force: from `from` (inclusive) to `until` (exclusive), and only once
/// `lead_time_days` have passed since each dated event it waits for. All `None`: at any date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Timing {
    pub from: Option<Date>,
    pub until: Option<Date>,
    pub lead_time_days: Option<u32>,
}

impl Timing {
    /// True when the pledge carries no date rule of its own.
    pub fn is_undated(&self) -> bool {
        *self == Timing::default()
    }
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
    /// When it is in force, and how long it needs after the events it waits for.
    pub timing: Timing,
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
    /// When the party stated it (a record of the source; the red line applies at any date).
    pub date: Option<Date>,
    pub evidence: Vec<String>,
    pub note: String,
}

impl Mission {
    /// Whether forces located at `location` can fill this mission: forces in the protected state
    /// serve missions in it, and forces outside it serve missions outside it or missions
    /// `served_from_outside`. A force next door is not a force in place.
    pub fn accepts(&self, location: Location) -> bool {
        location != Location::Outside
            || self.location == Location::Outside
            || self.served_from_outside
    }
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
    /// Probabilities and parameter ranges for `guarantor simulate` and `sensitivity`; empty
    /// when the file states none. The deterministic assessment ignores it.
    #[serde(skip_serializing_if = "Uncertainty::is_empty")]
    pub uncertainty: Uncertainty,
    /// Package-level attributes from `[guarantee]`; every one absent when the file has none.
    #[serde(skip_serializing_if = "Guarantee::is_empty")]
    pub guarantee: Guarantee,
}

impl Scenario {
    /// Every requirement as (mission index, requirement index), missions then requirements in
    /// file order: the rows of the assessment and of the engine's kernel.
    pub fn requirement_rows(&self) -> Vec<(usize, usize)> {
        (self.missions.iter().enumerate())
            .flat_map(|(m, mission)| (0..mission.requirements.len()).map(move |r| (m, r)))
            .collect()
    }

    /// The row of mission `mission`'s requirement of `capability`, in [`Self::requirement_rows`].
    pub fn requirement_row(&self, mission: &str, capability: &str) -> Option<usize> {
        self.requirement_rows().into_iter().position(|(m, r)| {
            let mission_ = &self.missions[m];
            mission_.id == mission && mission_.requirements[r].capability == capability
        })
    }

    /// The rows in an order that computes every `dependent` requirement after the one it is
    /// derived from (file order otherwise). The loader rejects cycles; were one to remain, its
    /// back edge is ignored rather than looped on.
    pub fn requirement_order(&self) -> Vec<usize> {
        let rows = self.requirement_rows();
        let of = |i: usize| -> Option<usize> {
            let (m, r) = rows[i];
            match &self.missions[m].requirements[r].method {
                Method::Dependent {
                    mission,
                    capability,
                    ..
                } => self.requirement_row(mission, capability),
                _ => None,
            }
        };
        // 0 unvisited, 1 on the path, 2 placed.
        let mut state = vec![0u8; rows.len()];
        let mut order = Vec::with_capacity(rows.len());
        for root in 0..rows.len() {
            let mut path = Vec::new();
            let mut at = Some(root);
            while let Some(i) = at.filter(|&i| state[i] == 0) {
                state[i] = 1;
                path.push(i);
                at = of(i);
            }
            for &i in path.iter().rev() {
                state[i] = 2;
                order.push(i);
            }
        }
        order
    }

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

    /// Assesses the scenario at `date` (`--as-of`, `guarantor timeline --at`): the rules are
    /// evaluated at that date and reports say "as of" it.
    pub fn assess_at(&mut self, date: Date) {
        self.meta.assess_at = date;
        self.meta.as_of = date.to_string();
    }

    /// Alliances a party belongs to: a contributor's or a declared party's.
    /// The members of an organisation contributor; empty for a state or an unknown code.
    pub fn members_of(&self, code: &str) -> &[String] {
        self.contributor(code).map_or(&[], |c| &c.members)
    }

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
