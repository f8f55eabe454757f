//! What to change when no allocation closes the gaps: the smallest sets of red lines and caps
//! whose lifting makes the allocation feasible, and what each set would cost.
//!
//! Candidates are only the red lines and caps that the explanation names as binding a shortfall
//! ([`crate::explain::Binding::RedLine`] and [`Binding::Cap`]); lifting anything else cannot
//! help. Lifting is monotone (a lifted rule only widens what may be allocated), so if lifting
//! every candidate at once leaves a gap, no set does, and capacity is what binds. Otherwise sets
//! are tried in order of size and the search stops at the first size with a feasible set,
//! reporting every feasible set of that size. The number of candidates is small in practice (the
//! August 2025 package has two), and the search is bounded by [`MAX_CANDIDATES`].

use guarantor_model::{Location, Scenario};
use schemars::JsonSchema;
use serde::Serialize;

use crate::explain::Binding;
use crate::formulate::{Objective, solve};
use crate::instance::{EPS, Instance, LimitKind, Origin};
use crate::program::{SolveError, Solver};
use crate::weights::CostWeights;

/// At most this many candidates are searched (2^12 sets at worst); beyond it, the ones named by
/// the most shortfalls are kept. A judgement: enough for any published package, and bounded time.
pub const MAX_CANDIDATES: usize = 12;

/// A red line or cap that could be lifted.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Lift {
    /// A party's red line, by id.
    RedLine { id: String, party: String },
    /// A contributor's own cap, as written.
    Cap { contributor: String, rule: String },
}

impl Lift {
    /// One phrase for the text report.
    pub fn describe(&self) -> String {
        let id = |s: &str| s.to_string();
        self.describe_with(&crate::Namer {
            contributor: &id,
            mission: &id,
            rule: &id,
            ids: true,
        })
    }

    /// One phrase, naming things as `namer` says (labels in the HTML report).
    pub fn describe_with(&self, namer: &crate::Namer<'_>) -> String {
        match self {
            Lift::RedLine { id, party } if namer.ids => {
                format!("red line {id} of {}", (namer.contributor)(party))
            }
            Lift::RedLine { id, party } => format!(
                "red line of {} ({})",
                (namer.contributor)(party),
                (namer.rule)(id)
            ),
            Lift::Cap { contributor, rule } => format!(
                "cap of {} \"{}\"",
                (namer.contributor)(contributor),
                (namer.rule)(rule)
            ),
        }
    }
}

/// A set of lifts that makes the allocation feasible, and its price.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Relaxation {
    pub lifted: Vec<Lift>,
    /// Burden the allocation adds with these lifted, EUR m per year (cost weights).
    pub added_eur_m: f64,
    /// Extra pledges in that allocation.
    pub extra_pledges: usize,
    /// Units the allocation places where the lifted rules forbade them, per rule (same order as
    /// `lifted`): the size of the concession asked of each party or contributor.
    pub units_across: Vec<f64>,
}

/// The answer to "what would have to change?".
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
pub struct Relaxations {
    /// Red lines and caps that bind some shortfall, in a stable order.
    pub candidates: Vec<Lift>,
    /// The smallest feasible sets (all of the same, least size); empty when none exists.
    pub smallest: Vec<Relaxation>,
    /// True when lifting every candidate still leaves a gap: capacity, not politics, binds.
    pub capacity_binds: bool,
}

/// Lists the candidates named by the shortfalls' bindings, most often named first.
pub fn candidates<'a>(bindings: impl IntoIterator<Item = &'a Binding>) -> Vec<Lift> {
    let mut counted: Vec<(Lift, usize)> = Vec::new();
    for b in bindings {
        let lift = match b {
            Binding::RedLine { id, party, .. } => Lift::RedLine {
                id: id.clone(),
                party: party.clone(),
            },
            Binding::Cap { contributor, rule } => Lift::Cap {
                contributor: contributor.clone(),
                rule: rule.clone(),
            },
            _ => continue,
        };
        match counted.iter_mut().find(|(l, _)| *l == lift) {
            Some((_, n)) => *n += 1,
            None => counted.push((lift, 1)),
        }
    }
    counted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counted.truncate(MAX_CANDIDATES);
    let mut out: Vec<Lift> = counted.into_iter().map(|(l, _)| l).collect();
    out.sort();
    out
}

/// The scenario with the chosen lifts applied.
fn lifted(base: &Scenario, lifts: &[&Lift]) -> Scenario {
    let mut s = base.clone();
    for lift in lifts {
        match lift {
            Lift::RedLine { id, .. } => s.red_lines.retain(|r| &r.id != id),
            Lift::Cap { contributor, rule } => {
                for c in s.contributors.iter_mut().filter(|c| &c.code == contributor) {
                    c.caps.retain(|cap| &cap.text != rule);
                }
            }
        }
    }
    s
}

struct Trial {
    feasible: bool,
    added_eur_m: f64,
    /// (member, capability, location, units): indices are the same in every instance of the
    /// scenario (contributors in file order, capabilities in taxonomy order).
    allotments: Vec<(usize, usize, Location, f64)>,
}

fn trial(
    base: &Scenario,
    lifts: &[&Lift],
    objective: Objective,
    weights: &CostWeights,
    solver: &dyn Solver,
) -> Result<Trial, SolveError> {
    let s = lifted(base, lifts);
    let inst = Instance::from_scenario(&s, &guarantor_engine::assess(&s), weights);
    let plan = solve(&inst, objective, solver)?;
    let allotments = plan
        .allocation
        .iter()
        .filter(|&&(_, _, u)| u > EPS)
        .map(|&(o, d, u)| {
            let offer = &inst.offers[o];
            (offer.member, offer.capability, inst.demands[d].location, u)
        })
        .collect();
    let added_eur_m = plan
        .allocation
        .iter()
        .map(|&(o, _, u)| u * inst.capabilities[inst.offers[o].capability].eur_m)
        .sum();
    Ok(Trial {
        feasible: plan.feasible(),
        added_eur_m,
        allotments,
    })
}

fn is_origin(lift: &Lift, origin: &Origin) -> bool {
    match (lift, origin) {
        (Lift::RedLine { id, .. }, Origin::RedLine { id: o, .. }) => id == o,
        (
            Lift::Cap { contributor, rule },
            Origin::Cap {
                contributor: c,
                rule: r,
            },
        ) => contributor == c && rule == r,
        _ => false,
    }
}

/// Units of the allocation that one lifted rule would have kept out: everything it forbids, or
/// what exceeds its `at most` room, read from the instance with every rule in place.
fn units_across(full: &Instance, lift: &Lift, t: &Trial) -> f64 {
    full.limits
        .iter()
        .filter(|l| is_origin(lift, &l.origin))
        .map(|l| {
            let covered: f64 = t
                .allotments
                .iter()
                .filter(|&&(m, k, loc, _)| l.selector.matches(m, k, loc))
                .map(|a| a.3)
                .sum();
            match l.kind {
                LimitKind::Forbid => covered,
                LimitKind::AtMost(room) => (covered - room).max(0.0),
            }
        })
        .sum()
}

/// Searches the smallest sets of `candidates` whose lifting makes `base` feasible.
///
/// # Errors
/// A solver failure (a bug: every program here is elastic).
pub fn search(
    base: &Scenario,
    candidates: Vec<Lift>,
    objective: Objective,
    weights: &CostWeights,
    solver: &dyn Solver,
) -> Result<Relaxations, SolveError> {
    let mut out = Relaxations {
        candidates,
        ..Relaxations::default()
    };
    if out.candidates.is_empty() {
        out.capacity_binds = true;
        return Ok(out);
    }
    let every: Vec<&Lift> = out.candidates.iter().collect();
    if !trial(base, &every, objective, weights, solver)?.feasible {
        out.capacity_binds = true;
        return Ok(out);
    }
    let full = Instance::from_scenario(base, &guarantor_engine::assess(base), weights);
    let n = out.candidates.len();
    for size in 1..=n {
        for mask in 0u32..(1 << n) {
            if mask.count_ones() as usize != size {
                continue;
            }
            let set: Vec<&Lift> = (0..n)
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| &out.candidates[i])
                .collect();
            let t = trial(base, &set, objective, weights, solver)?;
            if !t.feasible {
                continue;
            }
            let units = set.iter().map(|l| units_across(&full, l, &t)).collect();
            out.smallest.push(Relaxation {
                lifted: set.into_iter().cloned().collect(),
                added_eur_m: t.added_eur_m,
                extra_pledges: t.allotments.len(),
                units_across: units,
            });
        }
        if !out.smallest.is_empty() {
            break;
        }
    }
    Ok(out)
}
