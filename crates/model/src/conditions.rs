//! Pledge conditions evaluated to a fixed point.
//!
//! A conditional pledge counts only while its conditions hold: its events have happened and, for
//! each `requires` entry, some *other* pledge in force matches it. Conditions refer to pledges that
//! may be conditional themselves, so the set of pledges in force is a fixed point. We take the
//! least one: start from nothing and add every pledge whose conditions are met by what is already
//! in force, until nothing changes. That never loops, and a pledge that waits (through any chain)
//! only on itself never comes into force. Such pledges are exactly those in the greatest fixed
//! point (start from everything, remove what is unsupported) but not in the least one; they are
//! reported as a cycle, not silently dropped.
//!
//! The graph is built once per scenario ([`ConditionGraph`]); evaluating it for a given set of
//! present pledges and events is cheap, so Monte Carlo can call it per draw.

use serde::Serialize;

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
}

impl LapseReason {
    /// The condition as the user wrote it.
    pub fn condition(&self) -> String {
        match self {
            LapseReason::EventNotHeld { event } => format!("after {event}"),
            LapseReason::Unmet { condition, .. } => condition.clone(),
            LapseReason::Cycle { cycle } => format!("cycle {}", cycle.join(" → ")),
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
        }
    }
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
    event_ids: Vec<String>,
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
                    .map(|c| {
                        let candidates = scenario
                            .pledges
                            .iter()
                            .enumerate()
                            .filter(|(j, q)| {
                                *j != i
                                    && q.contributor == c.contributor
                                    && c.capabilities.contains(&q.capability)
                            })
                            .map(|(j, _)| j)
                            .collect();
                        (c.text.clone(), candidates)
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
            event_ids: scenario.events.iter().map(|e| e.id.clone()).collect(),
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

    /// The least fixed point: which pledges are in force, given which are present (not removed,
    /// honoured in a draw) and which events hold.
    pub fn in_force(&self, present: &[bool], events: &[bool]) -> Vec<bool> {
        let n = self.len();
        let mut active = vec![false; n];
        loop {
            let mut changed = false;
            for i in 0..n {
                if !active[i] && self.eligible(i, present, events) && self.supported(i, &active) {
                    active[i] = true;
                    changed = true;
                }
            }
            if !changed {
                return active;
            }
        }
    }

    /// The greatest fixed point: what would be in force if every cycle were assumed to hold.
    fn greatest(&self, present: &[bool], events: &[bool]) -> Vec<bool> {
        let n = self.len();
        let mut active: Vec<bool> = (0..n).map(|i| self.eligible(i, present, events)).collect();
        loop {
            let mut changed = false;
            for i in 0..n {
                if active[i] && !self.supported(i, &active) {
                    active[i] = false;
                    changed = true;
                }
            }
            if !changed {
                return active;
            }
        }
    }

    /// Why each pledge that is present but not in force lapsed.
    pub fn lapses(&self, present: &[bool], events: &[bool]) -> Vec<(usize, LapseReason)> {
        let active = self.in_force(present, events);
        let greatest = self.greatest(present, events);
        let stuck: Vec<bool> = (0..self.len()).map(|i| greatest[i] && !active[i]).collect();
        let cycles = self.cycles_among(&stuck);
        let mut out = Vec::new();
        for i in 0..self.len() {
            if !present[i] || active[i] {
                continue;
            }
            if let Some(&e) = self.events[i].iter().find(|&&e| !events[e]) {
                out.push((
                    i,
                    LapseReason::EventNotHeld {
                        event: self.event_ids[e].clone(),
                    },
                ));
            } else if stuck[i] {
                let cycle = cycles
                    .iter()
                    .find(|c| c.contains(&i))
                    .map(|c| c.iter().map(|&j| self.ids[j].clone()).collect())
                    .unwrap_or_else(|| vec![self.ids[i].clone()]);
                out.push((i, LapseReason::Cycle { cycle }));
            } else if let Some((text, cands)) = self.requires[i]
                .iter()
                .find(|(_, cands)| !cands.iter().any(|&j| active[j] && self.positive[j]))
            {
                out.push((
                    i,
                    LapseReason::Unmet {
                        condition: text.clone(),
                        candidates: cands
                            .iter()
                            .filter(|&&j| present[j])
                            .map(|&j| self.ids[j].clone())
                            .collect(),
                    },
                ));
            }
        }
        out
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
    let active = graph.in_force(&present, &events);
    let greatest = graph.greatest(&present, &events);
    let stuck: Vec<bool> = (0..graph.len())
        .map(|i| greatest[i] && !active[i])
        .collect();
    graph
        .cycles_among(&stuck)
        .into_iter()
        .map(|c| c.into_iter().map(|i| graph.ids[i].clone()).collect())
        .collect()
}
