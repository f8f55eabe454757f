//! Pledge conditions: why a pledge lapses, and the cycles of conditions the loader rejects.
//!
//! A conditional pledge counts only while its conditions hold: its events have happened and, for
//! each `requires` entry, some *other* pledge in force matches it. The set of pledges in force is
//! the least fixed point of those conditions, and evaluating it (per scenario, and per Monte Carlo
//! draw) is the engine's job: `guarantor_engine::kernel` is the one evaluator of the rules.
//!
//! This module is the loader's cycle detector. A pledge that waits (through any chain) only on
//! itself never comes into force; such pledges are exactly those in the greatest fixed point
//! (start from everything, remove what is unsupported) but not in the least one. [`cycles`] finds
//! them so that the loader reports them as an error, and [`ConditionGraph::stuck`] lets the
//! engine explain such a lapse when one arises after `--without`. Nothing here decides coverage.
//! [`LapseReason`] is the vocabulary of lapses, shared by both.

use serde::Serialize;

use crate::date::Date;
use crate::scenario::Scenario;

/// Why a pledge does not count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LapseReason {
    /// An event it waits for is assumed not to have happened.
    EventNotHeld { event: String },
    /// No pledge in force with a quantity above zero matches a condition. `candidates` are the
    /// pledges that match it but are not in force or count zero (empty when none matches at all).
    Unmet {
        condition: String,
        candidates: Vec<String>,
    },
    /// The pledge waits, through a chain of conditions, on itself.
    Cycle { cycle: Vec<String> },
    /// Its `from` date is after the assessment date `at`.
    NotYetInForce { from: Date, at: Date },
    /// Its `until` date (the first day it no longer counts) is on or before `at`.
    Ended { until: Date, at: Date },
    /// An event it waits for is dated after `at`.
    EventLater { event: String, date: Date, at: Date },
    /// It needs `days` after a dated event to be in place (from `ready`), which is after `at`.
    LeadTime {
        event: String,
        date: Date,
        days: u32,
        ready: Date,
        at: Date,
    },
}

impl LapseReason {
    /// The kind of lapse, as the JSON output names it (the serde tag).
    pub fn kind(&self) -> &'static str {
        match self {
            LapseReason::EventNotHeld { .. } => "event_not_held",
            LapseReason::Unmet { .. } => "unmet",
            LapseReason::Cycle { .. } => "cycle",
            LapseReason::NotYetInForce { .. } => "not_yet_in_force",
            LapseReason::Ended { .. } => "ended",
            LapseReason::EventLater { .. } => "event_later",
            LapseReason::LeadTime { .. } => "lead_time",
        }
    }

    /// The condition as the user wrote it.
    pub fn condition(&self) -> String {
        match self {
            LapseReason::EventNotHeld { event } => format!("after {event}"),
            LapseReason::Unmet { condition, .. } => condition.clone(),
            LapseReason::Cycle { cycle } => format!("cycle {}", cycle.join(" → ")),
            LapseReason::NotYetInForce { from, .. } => format!("from {from}"),
            LapseReason::Ended { until, .. } => format!("until {until}"),
            LapseReason::EventLater { event, .. } => format!("after {event}"),
            LapseReason::LeadTime { event, days, .. } => format!("{days} days after {event}"),
        }
    }

    /// A sentence for reports.
    pub fn explain(&self) -> String {
        match self {
            LapseReason::EventNotHeld { event } => {
                format!("waits for event `{event}`, which is assumed not to hold")
            }
            LapseReason::Unmet {
                condition,
                candidates,
            } if candidates.is_empty() => {
                format!("requires `{condition}`, and no pledge matches it")
            }
            LapseReason::Unmet {
                condition,
                candidates,
            } => format!(
                "requires `{condition}`, whose pledges ({}) are not in force or count zero",
                candidates.join(", ")
            ),
            LapseReason::Cycle { cycle } => {
                let mut path = cycle.clone();
                if let Some(first) = cycle.first() {
                    path.push(first.clone());
                }
                format!("waits on itself: {}", path.join(" → "))
            }
            LapseReason::NotYetInForce { from, at } => {
                format!("not yet in force: in force from {from}, assessed at {at}")
            }
            LapseReason::Ended { until, at } => {
                format!("no longer in force: in force until {until}, assessed at {at}")
            }
            LapseReason::EventLater { event, date, at } => {
                format!("waits for event `{event}`, dated {date}, after the assessment date {at}")
            }
            LapseReason::LeadTime {
                event,
                date,
                days,
                ready,
                at,
            } => format!(
                "needs {days} days after event `{event}` ({date}) to be in place, so from {ready}; assessed at {at}"
            ),
        }
    }
}

/// Whether pledge `j` can satisfy `requires` entry `condition` of pledge `of`: another pledge of
/// the named contributor and capability (or the one pledge it names, `pledge:id`), at least as
/// firm as the condition asks
/// (`USA:air_power@signed`). Whether it does in a given evaluation (in force, counting above
/// zero) is the engine's business. This is the one definition of what a condition names, shared
/// by the loader's cycle detector and the engine's kernel, so the two cannot disagree.
pub fn satisfies(scenario: &Scenario, of: usize, condition: usize, j: usize) -> bool {
    let c = &scenario.pledges[of].requires[condition];
    let q = &scenario.pledges[j];
    let names_it = match &c.pledge {
        Some(id) => q.id == *id,
        None => q.contributor == c.contributor && c.capabilities.contains(&q.capability),
    };
    j != of && names_it && c.min_status.is_none_or(|min| q.status >= min)
}

/// Pledges stuck on a cycle of conditions: [`ConditionGraph::stuck`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stuck {
    /// Per pledge: in the greatest fixed point but not in the least one.
    pub pledges: Vec<bool>,
    /// The cycles among them, by pledge index, each found once.
    pub cycles: Vec<Vec<usize>>,
}

/// For each pledge, its events and, for each `requires` entry, the pledges that would satisfy it.
#[derive(Debug, Clone)]
pub struct ConditionGraph {
    /// Per pledge: indices into `Scenario::events` it waits for.
    events: Vec<Vec<usize>>,
    /// Per pledge, per condition: (condition text, candidate pledge indices).
    requires: Vec<Vec<(String, Vec<usize>)>>,
    /// Per pledge: whether it counts a quantity above zero (a zero pledge supports nothing).
    positive: Vec<bool>,
    ids: Vec<String>,
}

impl ConditionGraph {
    pub fn new(scenario: &Scenario) -> Self {
        let basis = scenario.meta.quantity_basis;
        let events = scenario
            .pledges
            .iter()
            .map(|p| {
                p.after
                    .iter()
                    .filter_map(|e| scenario.events.iter().position(|x| &x.id == e))
                    .collect()
            })
            .collect();
        let requires = scenario
            .pledges
            .iter()
            .enumerate()
            .map(|(i, p)| {
                p.requires
                    .iter()
                    .enumerate()
                    .map(|(c, condition)| {
                        let candidates = (0..scenario.pledges.len())
                            .filter(|&j| satisfies(scenario, i, c, j))
                            .collect();
                        (condition.text.clone(), candidates)
                    })
                    .collect()
            })
            .collect();
        ConditionGraph {
            events,
            requires,
            positive: scenario
                .pledges
                .iter()
                .map(|p| p.quantity.value(basis) > 0.0)
                .collect(),
            ids: scenario.pledges.iter().map(|p| p.id.clone()).collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    fn eligible(&self, i: usize, present: &[bool], events: &[bool]) -> bool {
        present[i] && self.events[i].iter().all(|&e| events[e])
    }

    fn supported(&self, i: usize, active: &[bool]) -> bool {
        self.requires[i]
            .iter()
            .all(|(_, cands)| cands.iter().any(|&j| active[j] && self.positive[j]))
    }

    /// Starting from `active`, adds (`grow`) every pledge whose conditions are met, or removes
    /// (`!grow`) every pledge whose conditions are not, until nothing changes.
    fn iterate(
        &self,
        mut active: Vec<bool>,
        present: &[bool],
        events: &[bool],
        grow: bool,
    ) -> Vec<bool> {
        loop {
            let mut changed = false;
            for i in 0..self.len() {
                let holds = self.eligible(i, present, events) && self.supported(i, &active);
                if active[i] != holds && holds == grow {
                    active[i] = holds;
                    changed = true;
                }
            }
            if !changed {
                return active;
            }
        }
    }

    /// The pledges stuck on a cycle of conditions (in the greatest fixed point, not in the least
    /// one), given which pledges are present and which events hold, and the cycles among them,
    /// each in the order its conditions chain (by pledge index).
    pub fn stuck(&self, present: &[bool], events: &[bool]) -> Stuck {
        let n = self.len();
        let least = self.iterate(vec![false; n], present, events, true);
        let greatest = self.iterate(vec![true; n], present, events, false);
        let pledges: Vec<bool> = (0..n).map(|i| greatest[i] && !least[i]).collect();
        let cycles = self.cycles_among(&pledges);
        Stuck { pledges, cycles }
    }

    /// Cycles among the stuck pledges, each in the order its conditions chain, each found once.
    fn cycles_among(&self, stuck: &[bool]) -> Vec<Vec<usize>> {
        let mut seen = vec![false; self.len()];
        let mut cycles = Vec::new();
        for start in 0..self.len() {
            if !stuck[start] || seen[start] {
                continue;
            }
            // Follow stuck successors until a node repeats; the repeat closes a cycle.
            let mut path = vec![start];
            let mut on_path = vec![false; self.len()];
            on_path[start] = true;
            let mut node = start;
            while let Some(next) = self.requires[node]
                .iter()
                .flat_map(|(_, c)| c.iter().copied())
                .find(|&j| stuck[j] && self.positive[j])
            {
                if on_path[next] {
                    let at = path.iter().position(|&p| p == next).unwrap_or(0);
                    let cycle: Vec<usize> = path[at..].to_vec();
                    if !cycle.iter().any(|&c| seen[c]) {
                        cycles.push(cycle);
                    }
                    break;
                }
                if seen[next] {
                    break;
                }
                on_path[next] = true;
                path.push(next);
                node = next;
            }
            for p in path {
                seen[p] = true;
            }
        }
        cycles
    }
}

/// Cycles among the scenario's pledges as written (all present, events as assumed), by pledge id.
pub fn cycles(scenario: &Scenario) -> Vec<Vec<String>> {
    let graph = ConditionGraph::new(scenario);
    let present = vec![true; graph.len()];
    let events: Vec<bool> = scenario.events.iter().map(|e| e.holds).collect();
    graph
        .stuck(&present, &events)
        .cycles
        .into_iter()
        .map(|c| c.into_iter().map(|i| graph.ids[i].clone()).collect())
        .collect()
}
