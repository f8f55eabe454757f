//! Monte Carlo over contributors, shared causes and parameters: how likely each requirement is
//! met, how much of it is covered, and the expected shortfall per capability.
//!
//! Draw `k` of a run with seed `s` uses its own generator, seeded from `(s, k)` alone, so a draw
//! is the same whichever thread computes it. Draws are counted in fixed chunks and the chunks
//! are combined in chunk order, so every figure, floating-point sums included, is identical for
//! any number of threads. Quantiles of coverage come from a histogram of 10,000 bins over
//! [0, 1] (coverage is capped at 1), so they are exact to 0.0001.
//!
//! This module computes; it prints nothing. Progress is reported through a callback.

use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;
use schemars::JsonSchema;
use serde::Serialize;

use crate::compiled::{CompiledScenario, Input};

/// Version of the JSON document of `guarantor simulate --json`.
pub const SCHEMA_VERSION: u32 = 1;

/// Draws per chunk: the unit of parallel work and of progress. Fixed, so results do not depend
/// on the thread count.
pub const CHUNK: u64 = 8192;

/// Histogram bins of coverage over [0, 1].
const BINS: usize = 10_000;

/// How to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub draws: u64,
    pub seed: u64,
}

/// SplitMix64 (Steele, Lea & Flood 2014), to spread a seed over 64 bits.
fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The generator of draw `draw` of a run seeded with `seed`.
pub fn draw_rng(seed: u64, draw: u64) -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(splitmix64(seed) ^ draw.wrapping_mul(0xD1B5_4A32_D192_ED03))
}

/// A uniform number in [0, 1) with 53 random bits.
#[inline]
pub fn unit(rng: &mut impl Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// Fills `u` with the unit-cube point of draw `draw`.
pub fn draw_point(seed: u64, draw: u64, u: &mut [f64]) {
    let mut rng = draw_rng(seed, draw);
    for x in u.iter_mut() {
        *x = unit(&mut rng);
    }
}

struct Tally {
    all_met: u64,
    /// Sum over draws of the number of requirements met, and of its square (for the error).
    met_count: u64,
    met_count_sq: u64,
    met: Vec<u64>,
    gap_sum: Vec<f64>,
    required_sum: Vec<f64>,
    histogram: Vec<u32>,
    cap_gap: Vec<u64>,
    cap_gap_sum: Vec<f64>,
    layer_met: Vec<u64>,
}

impl Tally {
    fn new(rows: usize, caps: usize, layers: usize) -> Self {
        Tally {
            all_met: 0,
            met_count: 0,
            met_count_sq: 0,
            met: vec![0; rows],
            gap_sum: vec![0.0; rows],
            required_sum: vec![0.0; rows],
            histogram: vec![0; rows * (BINS + 1)],
            cap_gap: vec![0; caps],
            cap_gap_sum: vec![0.0; caps],
            layer_met: vec![0; layers],
        }
    }

    fn add(&mut self, other: &Tally) {
        self.all_met += other.all_met;
        self.met_count += other.met_count;
        self.met_count_sq += other.met_count_sq;
        for (a, b) in self.met.iter_mut().zip(&other.met) {
            *a += b;
        }
        for (a, b) in self.gap_sum.iter_mut().zip(&other.gap_sum) {
            *a += b;
        }
        for (a, b) in self.required_sum.iter_mut().zip(&other.required_sum) {
            *a += b;
        }
        for (a, b) in self.histogram.iter_mut().zip(&other.histogram) {
            *a += b;
        }
        for (a, b) in self.cap_gap.iter_mut().zip(&other.cap_gap) {
            *a += b;
        }
        for (a, b) in self.cap_gap_sum.iter_mut().zip(&other.cap_gap_sum) {
            *a += b;
        }
        for (a, b) in self.layer_met.iter_mut().zip(&other.layer_met) {
            *a += b;
        }
    }
}

fn run_chunk(model: &CompiledScenario, settings: Settings, chunk: u64) -> Tally {
    let rows = model.rows().len();
    let caps = model.capabilities();
    let layers = model.layers().len();
    let mut tally = Tally::new(rows, caps.len(), layers);
    let mut layer_ok = vec![true; layers];
    let mut ws = model.workspace();
    let mut u = vec![0.0; model.inputs().len()];
    let mut cap_gap: Vec<f64> = vec![0.0; caps.len()];
    let start = chunk * CHUNK;
    let end = (start + CHUNK).min(settings.draws);
    for draw in start..end {
        draw_point(settings.seed, draw, &mut u);
        model.evaluate(&u, &mut ws);
        let mut all = true;
        let mut met = 0u64;
        cap_gap.iter_mut().for_each(|g| *g = 0.0);
        layer_ok.iter_mut().for_each(|l| *l = true);
        for (r, row) in model.rows().iter().enumerate() {
            let gap = ws.gap(r);
            if gap <= 0.0 {
                tally.met[r] += 1;
                met += 1;
            } else {
                all = false;
                layer_ok[row.layer_index] = false;
            }
            tally.gap_sum[r] += gap;
            tally.required_sum[r] += ws.required[r];
            let bin = (ws.covered(r) * BINS as f64) as usize;
            tally.histogram[r * (BINS + 1) + bin.min(BINS)] += 1;
            let c = row.capability_index;
            cap_gap[c] = if caps[c].max {
                cap_gap[c].max(gap)
            } else {
                cap_gap[c] + gap
            };
        }
        if all {
            tally.all_met += 1;
        }
        tally.met_count += met;
        tally.met_count_sq += met * met;
        for (l, &ok) in layer_ok.iter().enumerate() {
            if ok {
                tally.layer_met[l] += 1;
            }
        }
        for (c, &g) in cap_gap.iter().enumerate() {
            if g > 0.0 {
                tally.cap_gap[c] += 1;
            }
            tally.cap_gap_sum[c] += g;
        }
    }
    tally
}

/// One requirement over all draws.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RequirementOdds {
    pub layer: String,
    pub mission: String,
    pub capability: String,
    pub unit: String,
    /// Probability that the requirement is met (no gap).
    pub p_met: f64,
    /// Standard error of `p_met`: √(p(1 − p)/draws).
    pub p_met_se: f64,
    /// Quantiles of coverage (pledged in force ÷ required, capped at 1): 5%, 50%, 95%.
    pub q05: f64,
    pub q50: f64,
    pub q95: f64,
    /// Mean gap, in the capability's unit (zero in draws where it is met).
    pub expected_shortfall: f64,
    /// Mean requirement (it varies when its parameters are uncertain).
    pub expected_required: f64,
}

/// One capability over all draws.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct CapabilityShortfall {
    pub capability: String,
    pub unit: String,
    /// Probability that some requirement of the capability has a gap.
    pub p_gap: f64,
    /// Mean total gap (sum over its requirements; the largest for `max` capabilities).
    pub expected_shortfall: f64,
}

/// One layer of the guarantee over all draws.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct LayerOdds {
    pub layer: String,
    /// Probability that every requirement of the layer is met in the same draw.
    pub p_all_met: f64,
    pub p_all_met_se: f64,
}

/// Which scenario was simulated.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct SimulatedScenario {
    pub id: String,
    pub name: String,
    pub as_of: String,
    /// Contributors removed for this run (`--without`).
    pub without: Vec<String>,
}

/// The result of `guarantor simulate`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Simulation {
    pub schema_version: u32,
    pub scenario: SimulatedScenario,
    pub draws: u64,
    pub seed: u64,
    /// Probability that every requirement is met in the same draw.
    pub p_all_met: f64,
    pub p_all_met_se: f64,
    /// Mean share of the requirements met in a draw (0 to 1). Unlike `p_all_met` it still moves
    /// when one requirement can never be met: it tells a package that fails narrowly from one
    /// that fails everywhere.
    pub share_met: f64,
    /// Standard error of `share_met` (from the variance of the share across draws).
    pub share_met_se: f64,
    pub requirements: Vec<RequirementOdds>,
    /// Per layer, the probability that all its requirements are met.
    pub layers: Vec<LayerOdds>,
    pub capabilities: Vec<CapabilityShortfall>,
    /// The uncertain inputs drawn (events, pledges, parameters).
    #[schemars(with = "Vec<serde_json::Value>")]
    pub inputs: Vec<Input>,
}

fn quantile(histogram: &[u32], n: u64, q: f64) -> f64 {
    // The smallest bin value v with at least q·n draws at or below it.
    let target = ((q * n as f64).ceil() as u64).max(1);
    let mut seen = 0u64;
    for (b, &count) in histogram.iter().enumerate() {
        seen += count as u64;
        if seen >= target {
            return b as f64 / BINS as f64;
        }
    }
    1.0
}

fn se(p: f64, n: u64) -> f64 {
    (p * (1.0 - p) / n as f64).sqrt()
}

/// Runs the Monte Carlo on the current rayon pool. `progress` is called with the number of
/// draws completed by each chunk as it finishes (in any order).
pub fn simulate(
    model: &CompiledScenario,
    scenario: SimulatedScenario,
    settings: Settings,
    progress: &(dyn Fn(u64) + Sync),
) -> Simulation {
    let chunks = settings.draws.div_ceil(CHUNK);
    let mut total = Tally::new(
        model.rows().len(),
        model.capabilities().len(),
        model.layers().len(),
    );
    // Chunks run in parallel in blocks and are added in chunk order, so the sums are the same
    // for any thread count and memory stays bounded (a tally holds a histogram per row).
    const BLOCK: u64 = 32;
    for block in (0..chunks).step_by(BLOCK as usize) {
        let tallies: Vec<Tally> = (block..(block + BLOCK).min(chunks))
            .into_par_iter()
            .map(|c| {
                let t = run_chunk(model, settings, c);
                progress(((c + 1) * CHUNK).min(settings.draws) - c * CHUNK);
                t
            })
            .collect();
        for t in &tallies {
            total.add(t);
        }
    }
    let n = settings.draws.max(1);
    let nf = n as f64;
    let requirements = model
        .rows()
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let h = &total.histogram[r * (BINS + 1)..(r + 1) * (BINS + 1)];
            let p = total.met[r] as f64 / nf;
            RequirementOdds {
                layer: row.layer.clone(),
                mission: row.mission.clone(),
                capability: row.capability.clone(),
                unit: row.unit.clone(),
                p_met: p,
                p_met_se: se(p, n),
                q05: quantile(h, n, 0.05),
                q50: quantile(h, n, 0.50),
                q95: quantile(h, n, 0.95),
                expected_shortfall: total.gap_sum[r] / nf,
                expected_required: total.required_sum[r] / nf,
            }
        })
        .collect();
    let capabilities = model
        .capabilities()
        .iter()
        .enumerate()
        .map(|(c, info)| CapabilityShortfall {
            capability: info.capability.clone(),
            unit: info.unit.clone(),
            p_gap: total.cap_gap[c] as f64 / nf,
            expected_shortfall: total.cap_gap_sum[c] / nf,
        })
        .collect();
    let layers = model
        .layers()
        .iter()
        .enumerate()
        .map(|(l, id)| {
            let p = total.layer_met[l] as f64 / nf;
            LayerOdds {
                layer: id.clone(),
                p_all_met: p,
                p_all_met_se: se(p, n),
            }
        })
        .collect();
    let p_all = total.all_met as f64 / nf;
    let rows = model.rows().len().max(1) as f64;
    let mean = total.met_count as f64 / nf;
    let var = (total.met_count_sq as f64 / nf - mean * mean).max(0.0);
    Simulation {
        schema_version: SCHEMA_VERSION,
        scenario,
        draws: settings.draws,
        seed: settings.seed,
        p_all_met: p_all,
        p_all_met_se: se(p_all, n),
        share_met: mean / rows,
        share_met_se: (var / nf).sqrt() / rows,
        requirements,
        layers,
        capabilities,
        inputs: model.inputs().to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_of_a_histogram() {
        let mut h = vec![0u32; BINS + 1];
        h[0] = 10;
        h[5000] = 80;
        h[BINS] = 10;
        assert_eq!(quantile(&h, 100, 0.05), 0.0);
        assert_eq!(quantile(&h, 100, 0.10), 0.0);
        assert_eq!(quantile(&h, 100, 0.11), 0.5);
        assert_eq!(quantile(&h, 100, 0.95), 1.0);
    }

    #[test]
    fn draws_depend_only_on_seed_and_index() {
        let mut a = [0.0; 4];
        let mut b = [0.0; 4];
        draw_point(7, 12345, &mut a);
        draw_point(7, 12345, &mut b);
        assert_eq!(a, b);
        draw_point(7, 12346, &mut b);
        assert_ne!(a, b);
        draw_point(8, 12345, &mut b);
        assert_ne!(a, b);
        assert!(a.iter().all(|x| (0.0..1.0).contains(x)));
    }
}
