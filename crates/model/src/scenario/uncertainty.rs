//! What a scenario says is uncertain, for `guarantor simulate` and `sensitivity`: how likely each
//! pledge and event is, and the distributions of its parameters. The deterministic assessment
//! ignores all of it.

use serde::Serialize;

use crate::vocabulary::vocabulary;

/// What a scenario says is uncertain: how likely each pledge and event is, and the ranges of its
/// parameters. Every name in it resolves (checked by [`crate::load()`]).
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

vocabulary! {
    /// A number of a requirement's method that `[[uncertain]]` can vary.
    pub enum RequirementField {
        /// `per_km`: units per km of line; `area`: units per km².
        Density = "density",
        /// `per_site`: units per site.
        PerSite = "per_site",
        /// `fixed`: the amount.
        Amount = "amount",
        /// `ratio`: a base given as a number.
        Base = "base",
        /// `ratio`: units of base per unit required; `dependent`: units per unit of the other
        /// requirement.
        Per = "per",
        /// `echelon`: the number of formations.
        Count = "count",
        /// `echelon`: the size of one formation.
        Size = "size",
        /// `area`: the zone's area in km².
        Km2 = "km2",
        /// `area`: the buffer zone's length in km.
        LengthKm = "length_km",
        /// `area`: the buffer zone's depth in km.
        DepthKm = "depth_km",
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

vocabulary! {
    /// The name of a distribution, and the parameters it takes.
    pub enum DistributionKind {
        /// Every value between `low` and `high` equally likely.
        Uniform = "uniform"("low", "high"),
        /// Most likely at `mode`, falling linearly to zero at `low` and `high`.
        Triangular = "triangular"("low", "mode", "high"),
        /// The bell curve with mean `mean` and standard deviation `sd`.
        Normal = "normal"("mean", "sd"),
        /// A skewed, positive quantity: `median`, and `sigma` the standard deviation of its
        /// logarithm.
        Lognormal = "lognormal"("median", "sigma"),
    }
}

impl Distribution {
    pub fn kind(&self) -> DistributionKind {
        match self {
            Distribution::Uniform { .. } => DistributionKind::Uniform,
            Distribution::Triangular { .. } => DistributionKind::Triangular,
            Distribution::Normal { .. } => DistributionKind::Normal,
            Distribution::Lognormal { .. } => DistributionKind::Lognormal,
        }
    }
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
