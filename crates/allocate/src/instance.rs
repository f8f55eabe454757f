//! The allocation problem as plain data: who can still give how much of what, which missions
//! still need it, and which red lines and caps bound the answer.
//!
//! [`Instance::from_scenario`] reads a checked scenario and its assessment (the engine's gaps and
//! loads) into this form; tests and benchmarks can also build an [`Instance`] by hand. It is not
//! the mathematical program: [`crate::formulate`] turns it into one. Everything here is indexed
//! and ordered as the scenario is (contributors and missions in file order, capabilities in
//! taxonomy order), so the output is stable.

use guarantor_engine::{Assessment, party_matches, rule_selects};
use guarantor_model::{
    Aggregate, Bound, CapabilityKind, CapabilitySet, Location, Place, Rule, Scenario,
};
use serde::Serialize;

use crate::weights::CostWeights;

/// Tolerance for comparing quantities (units of a capability).
pub const EPS: f64 = 1e-6;

/// A contributor as the allocation sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    pub code: String,
    /// Its fair-share key (GDP in USD bn, or the scenario's own key); 0 when it has none.
    pub key: f64,
    /// Burden of its pledges already in force, EUR m per year (cost weights × units).
    pub pledged_burden: f64,
}

/// A capability as the allocation sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CapInfo {
    pub name: String,
    pub unit: String,
    /// Whole units only.
    pub integer: bool,
    /// Cost weight, EUR m per unit per year.
    pub eur_m: f64,
    /// The best pledge counts (a level), instead of pledges adding up.
    pub level: bool,
}

/// A requirement that still has a gap.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Demand {
    pub mission: String,
    pub capability: usize,
    pub location: Location,
    pub required: f64,
    /// The gap left by the pledges in force: what the allocation must add. For a level
    /// capability, the level itself must be provided by one contributor.
    pub need: f64,
}

/// What one contributor can still give of one capability.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Offer {
    pub member: usize,
    pub capability: usize,
    /// Sustainable capacity (for a level capability: the highest level it can provide); `None`
    /// for an instrument without a declared capacity (one guarantor each).
    pub sustainable: Option<f64>,
    /// Already pledged in force.
    pub pledged: f64,
    /// What is left: sustainable − pledged, at least 0 (for a level capability: the level).
    pub room: f64,
}

/// Which allocations a rule covers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Selector {
    pub members: Vec<usize>,
    pub capabilities: Vec<usize>,
    pub place: Place,
}

impl Selector {
    pub fn matches(&self, member: usize, capability: usize, location: Location) -> bool {
        self.members.contains(&member)
            && self.capabilities.contains(&capability)
            && self.place.contains(location)
    }
}

/// Where a limit or a floor comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Origin {
    /// A party's red line.
    RedLine {
        id: String,
        party: String,
        rule: String,
    },
    /// A contributor's own political cap.
    Cap { contributor: String, rule: String },
}

/// A bound on what may be added.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum LimitKind {
    /// Nothing the selector covers may be added (`no ...`).
    Forbid,
    /// At most this much more may be added (`at most N`, minus what is in force).
    AtMost(f64),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Limit {
    pub selector: Selector,
    pub kind: LimitKind,
    pub origin: Origin,
}

/// A red line that demands more (`some ...`, `at least N ...`) than is in force.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Floor {
    pub selector: Selector,
    /// What must still be added.
    pub need: f64,
    pub origin: Origin,
    /// The capabilities it names, as written in reports.
    pub label: String,
}

/// The allocation problem.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Instance {
    pub members: Vec<Member>,
    pub capabilities: Vec<CapInfo>,
    pub demands: Vec<Demand>,
    pub offers: Vec<Offer>,
    pub limits: Vec<Limit>,
    pub floors: Vec<Floor>,
    /// Red lines that pledges in force already cross; the allocation adds nothing that crosses
    /// them further, but cannot undo them.
    pub already_crossed: Vec<String>,
}

impl Instance {
    /// What an offer can give in total: its room, rounded down to whole units where units are
    /// indivisible.
    pub fn usable_room(&self, offer: &Offer) -> f64 {
        if self.capabilities[offer.capability].integer {
            (offer.room + EPS).floor()
        } else {
            offer.room
        }
    }

    /// The most a demand may receive: its need, rounded up to whole units where units are
    /// indivisible (one unit for a level, which one contributor provides whole).
    pub fn demand_ceiling(&self, demand: &Demand) -> f64 {
        let cap = &self.capabilities[demand.capability];
        if cap.level {
            1.0
        } else if cap.integer {
            (demand.need - EPS).ceil().max(0.0)
        } else {
            demand.need
        }
    }

    /// Whether an allocation of `offer` to `demand` is forbidden, and by which limits.
    pub fn forbidding(&self, offer: &Offer, demand: &Demand) -> Vec<usize> {
        self.limits
            .iter()
            .enumerate()
            .filter(|(_, l)| {
                l.kind == LimitKind::Forbid
                    && l.selector
                        .matches(offer.member, offer.capability, demand.location)
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// Whether `offer` may serve `demand` at all: same capability, room for it, not forbidden.
    pub fn can_serve(&self, offer: &Offer, demand: &Demand) -> bool {
        offer.capability == demand.capability
            && self.forbidding(offer, demand).is_empty()
            && if self.capabilities[offer.capability].level {
                offer.room + EPS >= demand.required
            } else {
                self.usable_room(offer) > EPS
            }
    }

    /// Units a variable of `demand` stands for: 1 per unit, or the level for a level capability
    /// (whose variable says "this contributor provides the level").
    pub fn units_per_var(&self, demand: &Demand) -> f64 {
        if self.capabilities[demand.capability].level {
            demand.required
        } else {
            1.0
        }
    }

    /// Reads a scenario (already stripped of any `--without` contributors) and its assessment.
    pub fn from_scenario(
        scenario: &Scenario,
        assessment: &Assessment,
        weights: &CostWeights,
    ) -> Self {
        let taxonomy = &scenario.taxonomy;
        let capabilities: Vec<CapInfo> = taxonomy
            .capabilities()
            .iter()
            .map(|c| {
                let w = weights.get(&c.name);
                CapInfo {
                    name: c.name.clone(),
                    unit: c.unit.clone(),
                    integer: w.integer || c.aggregate == Aggregate::Max,
                    eur_m: w.eur_m,
                    level: c.aggregate == Aggregate::Max,
                }
            })
            .collect();
        let cap_index = |name: &str| capabilities.iter().position(|c| c.name == name);

        // Fair-share keys: the scenario's own when any contributor gives one, else GDP.
        let own_keys = scenario.contributors.iter().any(|c| c.fair_share.is_some());
        let members: Vec<Member> = scenario
            .contributors
            .iter()
            .map(|c| {
                let key = if own_keys {
                    c.fair_share.as_ref().map_or(0.0, |k| k.value)
                } else {
                    c.gdp_usd_bn.as_ref().map_or(0.0, |g| g.value)
                };
                let pledged_burden = assessment
                    .pledges
                    .iter()
                    .filter(|p| p.in_force && p.contributor == c.code)
                    .map(|p| weights.get(&p.capability).eur_m * p.counted)
                    .sum();
                Member {
                    code: c.code.clone(),
                    key,
                    pledged_burden,
                }
            })
            .collect();

        let demands: Vec<Demand> = assessment
            .coverage
            .iter()
            .filter(|row| row.gap > EPS)
            .filter_map(|row| {
                let capability = cap_index(&row.capability)?;
                let mission = scenario.mission(&row.mission)?;
                Some(Demand {
                    mission: row.mission.clone(),
                    capability,
                    location: mission.location,
                    required: row.required,
                    need: row.gap,
                })
            })
            .collect();

        let mut offers = Vec::new();
        for (m, c) in scenario.contributors.iter().enumerate() {
            for (k, cap) in taxonomy.capabilities().iter().enumerate() {
                let load = assessment
                    .contributors
                    .iter()
                    .find(|l| l.code == c.code && l.capability == cap.name);
                let pledged = load.map_or(0.0, |l| l.pledged);
                let sustainable = c.capacity(&cap.name).map(|k| k.sustainable);
                let room = match (sustainable, cap.kind) {
                    (Some(s), _) if cap.aggregate == Aggregate::Max => s,
                    (Some(s), _) => (s - pledged).max(0.0),
                    // An instrument is a commitment: each contributor can be one guarantor.
                    (None, CapabilityKind::Instrument) => (1.0 - pledged).max(0.0),
                    (None, CapabilityKind::Force) => continue,
                };
                offers.push(Offer {
                    member: m,
                    capability: k,
                    sustainable,
                    pledged,
                    room,
                });
            }
        }

        let selector = |rule: &Rule| Selector {
            members: scenario
                .contributors
                .iter()
                .enumerate()
                .filter(|(_, c)| party_matches(scenario, &rule.parties, &c.code))
                .map(|(i, _)| i)
                .collect(),
            capabilities: capabilities
                .iter()
                .enumerate()
                .filter(|(_, c)| rule.capabilities.contains(&c.name))
                .map(|(i, _)| i)
                .collect(),
            place: rule.place,
        };
        let mut limits = Vec::new();
        let mut floors = Vec::new();
        let mut already_crossed = Vec::new();
        for red_line in &scenario.red_lines {
            let origin = Origin::RedLine {
                id: red_line.id.clone(),
                party: red_line.party.clone(),
                rule: red_line.text.clone(),
            };
            let check = assessment.red_lines.iter().find(|r| r.id == red_line.id);
            let amount = check.map_or(0.0, |r| r.amount);
            if check.is_some_and(|r| r.violated)
                && matches!(red_line.rule.bound, Bound::No | Bound::AtMost(_))
            {
                already_crossed.push(red_line.id.clone());
            }
            let sel = selector(&red_line.rule);
            match red_line.rule.bound {
                Bound::No => limits.push(Limit {
                    selector: sel,
                    kind: LimitKind::Forbid,
                    origin,
                }),
                Bound::AtMost(n) => limits.push(Limit {
                    selector: sel,
                    kind: LimitKind::AtMost((n - amount).max(0.0)),
                    origin,
                }),
                Bound::AtLeast(n) if n - amount > EPS => floors.push(Floor {
                    selector: sel,
                    need: n - amount,
                    origin,
                    label: label(&red_line.rule.capabilities),
                }),
                // `some`: one unit more than nothing.
                Bound::Some if amount <= 0.0 => floors.push(Floor {
                    selector: sel,
                    need: 1.0,
                    origin,
                    label: label(&red_line.rule.capabilities),
                }),
                Bound::AtLeast(_) | Bound::Some => {}
            }
        }
        for c in &scenario.contributors {
            for cap in &c.caps {
                let origin = Origin::Cap {
                    contributor: c.code.clone(),
                    rule: cap.text.clone(),
                };
                let sel = selector(&cap.rule);
                let kind = match cap.rule.bound {
                    Bound::No => LimitKind::Forbid,
                    Bound::AtMost(n) => {
                        let amount = in_force_amount(scenario, assessment, &cap.rule);
                        LimitKind::AtMost((n - amount).max(0.0))
                    }
                    // The model refuses `some` / `at least` caps.
                    Bound::AtLeast(_) | Bound::Some => continue,
                };
                limits.push(Limit {
                    selector: sel,
                    kind,
                    origin,
                });
            }
        }

        Instance {
            members,
            capabilities,
            demands,
            offers,
            limits,
            floors,
            already_crossed,
        }
    }
}

fn label(set: &CapabilitySet) -> String {
    match set {
        CapabilitySet::Any => "anything".to_string(),
        CapabilitySet::Some(names) => names.join(", "),
    }
}

/// Units a rule selects among the pledges in force (as the engine sums them for red lines).
fn in_force_amount(scenario: &Scenario, assessment: &Assessment, rule: &Rule) -> f64 {
    scenario
        .pledges
        .iter()
        .zip(&assessment.pledges)
        .filter(|(p, status)| status.in_force && rule_selects(scenario, rule, p))
        .map(|(_, status)| status.counted)
        .sum()
}
