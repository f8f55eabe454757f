//! Why a requirement (or a party's floor) cannot be met: what binds.
//!
//! For each shortfall, the demand is solved alone, with first call on every resource
//! ([`crate::formulate::least_possible`]); what still stops it there is structural, and is named
//! contributor by contributor: a red line or cap that forbids it, a capacity used up (or none
//! declared), an `at most` limit reached. When the joint plan leaves more unmet than that, the
//! capacity went to other missions, which are named too. This module reads solutions; it does
//! not solve the joint problem or format text (see [`Binding::describe`] for one sentence).

use schemars::JsonSchema;
use serde::Serialize;

use crate::formulate::{Focus, Layout};
use crate::instance::{EPS, Instance, LimitKind, Origin};

/// One thing that binds.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Binding {
    /// A contributor gives all it can sustain.
    Capacity {
        contributor: String,
        /// Sustainable capacity (a level for level capabilities); `null` for an instrument.
        sustainable: Option<f64>,
        /// Already pledged in force.
        pledged: f64,
        /// What it can still add (whole units where indivisible).
        room: f64,
    },
    /// These contributors declare no capacity of the capability.
    NoCapacity { contributors: Vec<String> },
    /// A party's red line forbids or limits these contributors.
    RedLine {
        id: String,
        party: String,
        rule: String,
        contributors: Vec<String>,
    },
    /// A contributor's own political cap.
    Cap { contributor: String, rule: String },
    /// Capacity that could serve it went to these missions in the joint plan.
    SharedWith { missions: Vec<String> },
    /// No contributor of the coalition declares any capacity of the capability.
    NoneDeclared,
    /// No mission with a gap needs what the floor demands, so nothing can be allocated to it.
    NoMission,
    /// No contributor the floor names is in the coalition (e.g. removed with `--without`).
    NotInCoalition,
}

/// How a renderer names what a binding mentions: contributors, missions and red-line rules by
/// id (the text report, JSON users) or in words (the HTML report, through its label table).
pub struct Namer<'a> {
    pub contributor: &'a dyn Fn(&str) -> String,
    pub mission: &'a dyn Fn(&str) -> String,
    pub rule: &'a dyn Fn(&str) -> String,
    /// Whether to show red-line ids (a reader of the page does not need them).
    pub ids: bool,
}

impl Binding {
    /// One line for the text report, with ids.
    pub fn describe(&self) -> String {
        let id = |s: &str| s.to_string();
        self.describe_with(&Namer {
            contributor: &id,
            mission: &id,
            rule: &id,
            ids: true,
        })
    }

    /// One line, naming things as `namer` says.
    pub fn describe_with(&self, namer: &Namer<'_>) -> String {
        let num = guarantor_engine::fmt_num;
        let list = |codes: &[String], f: &dyn Fn(&str) -> String| {
            codes.iter().map(|c| f(c)).collect::<Vec<_>>().join(", ")
        };
        match self {
            Binding::Capacity {
                contributor,
                sustainable: Some(s),
                pledged,
                room,
            } => format!(
                "capacity of {}: sustainable {}, pledged {}, room {}",
                (namer.contributor)(contributor),
                num(*s),
                num(*pledged),
                num(*room)
            ),
            Binding::Capacity {
                contributor,
                sustainable: None,
                room,
                ..
            } => format!(
                "{} can add {} guarantor",
                (namer.contributor)(contributor),
                num(*room)
            ),
            Binding::NoCapacity { contributors } => format!(
                "no capacity declared by {}",
                list(contributors, namer.contributor)
            ),
            Binding::RedLine {
                id,
                party,
                rule,
                contributors,
            } => format!(
                "red line{} of {} (\"{}\") for {}",
                if namer.ids {
                    format!(" {id}")
                } else {
                    String::new()
                },
                (namer.contributor)(party),
                (namer.rule)(rule),
                list(contributors, namer.contributor)
            ),
            Binding::Cap { contributor, rule } => format!(
                "cap of {}: \"{}\"",
                (namer.contributor)(contributor),
                (namer.rule)(rule)
            ),
            Binding::SharedWith { missions } => {
                format!("capacity shared with {}", list(missions, namer.mission))
            }
            Binding::NoneDeclared => "no contributor declares any capacity of it".to_string(),
            Binding::NoMission => "no mission with a gap needs it".to_string(),
            Binding::NotInCoalition => "no contributor it names is in the coalition".to_string(),
        }
    }
}

/// Collects bindings, merging red lines by id.
#[derive(Default)]
struct Collector {
    items: Vec<Binding>,
    no_capacity: Vec<String>,
    /// How many contributors were considered, to say "none declares any" instead of listing all.
    considered: usize,
}

impl Collector {
    fn origin(&mut self, origin: &Origin, contributor: &str) {
        match origin {
            Origin::RedLine { id, party, rule } => {
                for item in &mut self.items {
                    if let Binding::RedLine {
                        id: existing,
                        contributors,
                        ..
                    } = item
                        && existing == id
                    {
                        if !contributors.iter().any(|c| c == contributor) {
                            contributors.push(contributor.to_string());
                        }
                        return;
                    }
                }
                self.items.push(Binding::RedLine {
                    id: id.clone(),
                    party: party.clone(),
                    rule: rule.clone(),
                    contributors: vec![contributor.to_string()],
                });
            }
            Origin::Cap { contributor, rule } => {
                let b = Binding::Cap {
                    contributor: contributor.clone(),
                    rule: rule.clone(),
                };
                if !self.items.contains(&b) {
                    self.items.push(b);
                }
            }
        }
    }

    fn push(&mut self, b: Binding) {
        if !self.items.contains(&b) {
            self.items.push(b);
        }
    }

    fn finish(mut self) -> Vec<Binding> {
        if !self.no_capacity.is_empty() && self.no_capacity.len() == self.considered {
            self.items.push(Binding::NoneDeclared);
        } else if !self.no_capacity.is_empty() {
            self.items.push(Binding::NoCapacity {
                contributors: self.no_capacity,
            });
        }
        self.items
    }
}

/// What binds a demand or floor, given its solve-alone values (`layout`, `x`) and the joint
/// plan's allocation (`(offer, demand, units)`).
pub fn binding(
    inst: &Instance,
    focus: Focus,
    layout: &Layout,
    x: &[f64],
    joint: &[(usize, usize, f64)],
    joint_shortfall: f64,
    least: f64,
) -> Vec<Binding> {
    let mut out = Collector::default();
    // The (member, demand) pairs the focus draws on.
    let (demands, members): (Vec<usize>, Vec<usize>) = match focus {
        Focus::Demand(d) => (vec![d], (0..inst.members.len()).collect()),
        Focus::Floor(j) => {
            let floor = &inst.floors[j];
            let demands: Vec<usize> = (0..inst.demands.len())
                .filter(|&d| {
                    floor
                        .selector
                        .capabilities
                        .contains(&inst.demands[d].capability)
                        && floor.selector.place.contains(inst.demands[d].location)
                })
                .collect();
            if floor.selector.members.is_empty() {
                out.push(Binding::NotInCoalition);
            } else if demands.is_empty() {
                out.push(Binding::NoMission);
            }
            (demands, floor.selector.members.clone())
        }
        Focus::All => (Vec::new(), Vec::new()),
    };
    out.considered = members.len();
    let used = |o: usize| -> f64 {
        layout
            .x
            .iter()
            .filter(|&&(xo, _, _)| xo == o)
            .map(|&(_, _, v)| x.get(v).copied().unwrap_or(0.0))
            .sum()
    };
    for &d in &demands {
        let demand = &inst.demands[d];
        let cap = &inst.capabilities[demand.capability];
        for &m in &members {
            let code = &inst.members[m].code;
            let Some((o, offer)) = inst
                .offers
                .iter()
                .enumerate()
                .find(|(_, o)| o.member == m && o.capability == demand.capability)
            else {
                if !out.no_capacity.contains(code) {
                    out.no_capacity.push(code.clone());
                }
                continue;
            };
            let forbidding = inst.forbidding(offer, demand);
            if !forbidding.is_empty() {
                for l in forbidding {
                    out.origin(&inst.limits[l].origin, code);
                }
                continue;
            }
            let room = inst.usable_room(offer);
            let short_of_level = cap.level && offer.room + EPS < demand.required;
            let exhausted = !cap.level && used(o) + EPS >= room;
            if short_of_level || exhausted {
                out.push(Binding::Capacity {
                    contributor: code.clone(),
                    sustainable: offer.sustainable,
                    pledged: offer.pledged,
                    room: if cap.level { offer.room } else { room },
                });
            }
            // `at most` limits this pair falls under that are reached.
            for limit in &inst.limits {
                let LimitKind::AtMost(left) = limit.kind else {
                    continue;
                };
                if !limit
                    .selector
                    .matches(offer.member, offer.capability, demand.location)
                {
                    continue;
                }
                let sum: f64 = layout
                    .x
                    .iter()
                    .filter(|&&(xo, xd, _)| {
                        let of = &inst.offers[xo];
                        limit
                            .selector
                            .matches(of.member, of.capability, inst.demands[xd].location)
                    })
                    .map(|&(_, xd, v)| {
                        x.get(v).copied().unwrap_or(0.0) * inst.units_per_var(&inst.demands[xd])
                    })
                    .sum();
                if sum + EPS >= left {
                    out.origin(&limit.origin, code);
                }
            }
        }
    }
    // Competition: the joint plan left more unmet than the solve-alone.
    if joint_shortfall > least + EPS {
        let mut missions: Vec<String> = Vec::new();
        for &(o, jd, _) in joint {
            if demands.contains(&jd) {
                continue;
            }
            let offer = &inst.offers[o];
            let serves_focus = demands
                .iter()
                .any(|&d| inst.can_serve(offer, &inst.demands[d]))
                && members.contains(&offer.member);
            let mission = &inst.demands[jd].mission;
            if serves_focus && !missions.contains(mission) {
                missions.push(mission.clone());
            }
        }
        if !missions.is_empty() {
            out.push(Binding::SharedWith { missions });
        }
    }
    out.finish()
}
