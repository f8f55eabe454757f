//! Packages set against each other: the ranking, which indicators fell between two versions of a
//! package, and how far one weight must move before two neighbours in the ranking swap.
//!
//! The sensitivity is exact, not sampled. With raw sums `Sₓ = Σ wᵢ sₓᵢ`, changing one weight `wᵢ`
//! by `Δ` ties packages a and b when `Sₐ + Δ sₐᵢ = S_b + Δ s_bᵢ`, i.e. `Δ = (Sₐ − S_b) / (s_bᵢ − sₐᵢ)`
//! (the common denominator `Σ w + Δ` cancels). Beyond that change the two swap. A change is
//! admissible while the weight stays zero or more. Nothing here scores indicators
//! ([`crate::indicator`] does) or prints ([`crate::text`] does).

use schemars::JsonSchema;
use serde::Serialize;

use crate::indicator::{Credibility, name_of};
use crate::weights::{INDICATORS, Weights};

/// Sorts packages best first; equal scores keep their given order (stable), so the result is
/// deterministic.
pub fn rank(mut packages: Vec<Credibility>) -> Vec<Credibility> {
    packages.sort_by(|a, b| b.score.total_cmp(&a.score));
    packages
}

/// An indicator that scored lower after a change (e.g. `--without USA`).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Fell {
    pub indicator: String,
    pub name: String,
    pub before: f64,
    pub after: f64,
    /// What the package score lost through it (normalised weight × score lost).
    pub loss: f64,
    pub value_before: String,
    pub value_after: String,
    /// The evidence after the change.
    pub evidence: String,
}

/// Indicators whose score went down from `before` to `after`, largest loss first.
pub fn fell(before: &Credibility, after: &Credibility) -> Vec<Fell> {
    let mut out: Vec<Fell> = before
        .indicators
        .iter()
        .filter_map(|b| {
            let a = after.indicator(&b.id)?;
            (a.score < b.score - 1e-12).then(|| Fell {
                indicator: b.id.clone(),
                name: b.name.clone(),
                before: b.score,
                after: a.score,
                loss: b.contribution - a.contribution,
                value_before: b.value.clone(),
                value_after: a.value.clone(),
                evidence: a.evidence.clone(),
            })
        })
        .collect();
    out.sort_by(|x, y| y.loss.total_cmp(&x.loss));
    out
}

/// The smallest single-weight change that makes two neighbours of the ranking swap.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Swap {
    /// The package ranked higher now.
    pub above: String,
    /// The package just below it.
    pub below: String,
    /// Their score difference now.
    pub margin: f64,
    /// The indicator whose weight moves; `None` when no single weight change swaps them.
    pub indicator: Option<String>,
    pub weight: Option<f64>,
    /// The weight at which they tie; beyond it (in the direction of the change) they swap.
    pub tie_at: Option<f64>,
    /// `tie_at − weight`.
    pub change: Option<f64>,
}

/// For each pair of neighbours in `ranked` (best first), the smallest change of one weight (in
/// the units of `data/credibility-weights.toml`) that ties them.
pub fn sensitivity(ranked: &[Credibility], weights: &Weights) -> Vec<Swap> {
    ranked
        .windows(2)
        .map(|pair| smallest_swap(&pair[0], &pair[1], weights))
        .collect()
}

/// The smallest admissible single-weight change that ties `a` (above) and `b` (below).
pub fn smallest_swap(a: &Credibility, b: &Credibility, weights: &Weights) -> Swap {
    let raw = |c: &Credibility| -> f64 {
        INDICATORS
            .iter()
            .enumerate()
            .map(|(i, id)| weights.weights[i] * c.indicator(id).map_or(0.0, |x| x.score))
            .sum()
    };
    let (sa, sb) = (raw(a), raw(b));
    let mut best: Option<(usize, f64)> = None;
    for (i, id) in INDICATORS.iter().enumerate() {
        let (ai, bi) = (
            a.indicator(id).map_or(0.0, |x| x.score),
            b.indicator(id).map_or(0.0, |x| x.score),
        );
        let d = bi - ai;
        if d.abs() < 1e-12 {
            continue;
        }
        let delta = (sa - sb) / d;
        let new = weights.weights[i] + delta;
        if new < 0.0 || weights.total() + delta <= 0.0 {
            continue;
        }
        if best.is_none_or(|(_, x)| delta.abs() < x.abs()) {
            best = Some((i, delta));
        }
    }
    Swap {
        above: a.name.clone(),
        below: b.name.clone(),
        margin: a.score - b.score,
        indicator: best.map(|(i, _)| INDICATORS[i].to_string()),
        weight: best.map(|(i, _)| weights.weights[i]),
        tie_at: best.map(|(i, d)| weights.weights[i] + d),
        change: best.map(|(_, d)| d),
    }
}

/// One line per swap, for reports.
pub fn describe(swap: &Swap) -> String {
    match (&swap.indicator, swap.weight, swap.tie_at) {
        (Some(id), Some(w), Some(t)) => format!(
            "{} over {} (by {:.3}): they swap when the weight of `{}` ({}) goes {} {:.3} to beyond {:.3}",
            swap.above,
            swap.below,
            swap.margin,
            id,
            name_of(id).to_lowercase(),
            if t > w { "up" } else { "down" },
            (t - w).abs(),
            t
        ),
        _ => format!(
            "{} over {} (by {:.3}): no change of a single weight reorders them",
            swap.above, swap.below, swap.margin
        ),
    }
}
