//! Monte Carlo over contributors, shared causes and parameters: how likely each requirement is
//! met, how much of it is covered, and the expected shortfall per capability.
//!
//! Draws come in fixed chunks of [`CHUNK`]. Chunk `c` of a run with seed `s` has its own random
//! stream, seeded from `(s, c)` alone, and its draws read that stream in order, each taking one
//! number per uncertain input; so a draw is the same whichever thread computes it, and no
//! generator is seeded per draw. Counts (requirements met, histogram bins) are integers, exact in
//! any order, so each worker keeps its own and they are added at the end; floating-point sums are
//! kept per chunk and added in chunk order. Every figure is therefore identical for any number of
//! threads. Quantiles of coverage come from a histogram of 10,000 bins over [0, 1] (coverage is
//! capped at 1), so they are exact to 0.0001 and cost no sort.
//!
//! Each draw evaluates the engine's coverage kernel (`guarantor_engine::kernel`) through
//! [`CompiledScenario::evaluate`]. This module computes; it prints nothing. Progress is reported
//! through a callback.

use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;
use schemars::JsonSchema;
use serde::Serialize;

use crate::compiled::{CompiledScenario, Input, Workspace};

/// Version of the JSON document of `guarantor simulate --json`.
pub const SCHEMA_VERSION: u32 = 1;

/// Draws per chunk: the unit of random streams, of parallel work and of progress. Fixed, so
/// results do not depend on the thread count.
pub const CHUNK: u64 = 8192;

/// Chunks whose sums are held before they are added up: bounds memory for any number of draws.
const BLOCK: u64 = 256;

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

/// Random stream `index` of a run seeded with `seed`: chunk `index` of a Monte Carlo run, or
/// resample `index` of a bootstrap.
pub fn stream(seed: u64, index: u64) -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(splitmix64(seed) ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03))
}

/// A uniform number in [0, 1) with 53 random bits.
#[inline]
pub fn unit(rng: &mut impl Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// Fills `u` with the unit-cube point of draw `draw` of a run seeded with `seed`, as
/// [`simulate`] draws it: the stream of its chunk, after the earlier draws of the chunk. For
/// tests and for inspecting one draw; [`simulate`] reads each stream straight through.
pub fn draw_point(seed: u64, draw: u64, u: &mut [f64]) {
    let mut rng = stream(seed, draw / CHUNK);
    for _ in 0..(draw % CHUNK) * u.len() as u64 {
        rng.next_u64();
    }
    for x in u.iter_mut() {
        *x = unit(&mut rng);
    }
}

/// Integer counts of a worker's draws. Integers add up exactly in any order, so workers keep
/// their own and the totals do not depend on which worker drew what. A worker draws at most one
/// block ([`BLOCK`] × [`CHUNK`] draws, far below `u32::MAX`), so its histogram holds `u32`s:
/// half the cache of `u64`s.
struct Counts<H> {
    all_met: u64,
    /// Sum over draws of the number of requirements met, and of its square (for the error).
    met_count: u64,
    met_count_sq: u64,
    met: Vec<u64>,
    histogram: Vec<H>,
    cap_gap: Vec<u64>,
    layer_met: Vec<u64>,
}

impl<H: Copy + Default + Into<u64>> Counts<H> {
    fn new(rows: usize, caps: usize, layers: usize) -> Self {
        Counts {
            all_met: 0,
            met_count: 0,
            met_count_sq: 0,
            met: vec![0; rows],
            histogram: vec![H::default(); rows * (BINS + 1)],
            cap_gap: vec![0; caps],
            layer_met: vec![0; layers],
        }
    }
}

impl Counts<u64> {
    fn add(&mut self, other: &Counts<u32>) {
        self.all_met += other.all_met;
        self.met_count += other.met_count;
        self.met_count_sq += other.met_count_sq;
        let pairs = [
            (&mut self.met, &other.met),
            (&mut self.cap_gap, &other.cap_gap),
            (&mut self.layer_met, &other.layer_met),
        ];
        for (a, b) in pairs {
            a.iter_mut().zip(b).for_each(|(a, b)| *a += b);
        }
        (self.histogram.iter_mut())
            .zip(&other.histogram)
            .for_each(|(a, &b)| *a += u64::from(b));
    }
}

/// Floating-point sums of one chunk's draws, added to the totals in chunk order.
struct Sums {
    gap: Vec<f64>,
    required: Vec<f64>,
    cap_gap: Vec<f64>,
}

impl Sums {
    fn new(rows: usize, caps: usize) -> Self {
        Sums {
            gap: vec![0.0; rows],
            required: vec![0.0; rows],
            cap_gap: vec![0.0; caps],
        }
    }

    fn add(&mut self, other: &Sums) {
        let pairs = [
            (&mut self.gap, &other.gap),
            (&mut self.required, &other.required),
            (&mut self.cap_gap, &other.cap_gap),
        ];
        for (a, b) in pairs {
            a.iter_mut().zip(b).for_each(|(a, b)| *a += b);
        }
    }
}

/// What a worker holds: its counts, the sums of the chunks it drew, and its buffers.
struct Worker {
    counts: Counts<u32>,
    sums: Vec<(u64, Sums)>,
    ws: Workspace,
    u: Vec<f64>,
    cap_gap: Vec<f64>,
    layer_ok: Vec<bool>,
}

impl Worker {
    fn new(model: &CompiledScenario) -> Self {
        let (rows, caps, layers) = (
            model.rows().len(),
            model.capabilities().len(),
            model.layers().len(),
        );
        Worker {
            counts: Counts::new(rows, caps, layers),
            sums: Vec::new(),
            ws: model.workspace(),
            u: vec![0.0; model.inputs().len()],
            cap_gap: vec![0.0; caps],
            layer_ok: vec![true; layers],
        }
    }

    /// Draws chunk `chunk` and tallies it.
    fn run_chunk(&mut self, model: &CompiledScenario, settings: Settings, chunk: u64) {
        let rows = model.rows();
        let caps = model.capabilities();
        let mut sums = Sums::new(rows.len(), caps.len());
        let counts = &mut self.counts;
        let mut rng = stream(settings.seed, chunk);
        let start = chunk * CHUNK;
        let end = (start + CHUNK).min(settings.draws);
        for _ in start..end {
            for x in self.u.iter_mut() {
                *x = unit(&mut rng);
            }
            model.evaluate(&self.u, &mut self.ws);
            let ws = &self.ws;
            let mut met = 0u64;
            self.cap_gap.fill(0.0);
            self.layer_ok.fill(true);
            for (r, row) in rows.iter().enumerate() {
                // Whether a requirement is met is random from draw to draw: counted without a
                // branch, so no misprediction.
                let gap = ws.gap(r);
                let ok = gap <= 0.0;
                counts.met[r] += u64::from(ok);
                met += u64::from(ok);
                self.layer_ok[row.layer_index] &= ok;
                sums.gap[r] += gap;
                sums.required[r] += ws.required()[r];
                let bin = ((ws.covered(r) * BINS as f64) as usize).min(BINS);
                counts.histogram[r * (BINS + 1) + bin] += 1;
                let c = row.capability_index;
                self.cap_gap[c] = if caps[c].max {
                    self.cap_gap[c].max(gap)
                } else {
                    self.cap_gap[c] + gap
                };
            }
            if met == rows.len() as u64 {
                counts.all_met += 1;
            }
            counts.met_count += met;
            counts.met_count_sq += met * met;
            for (l, &ok) in self.layer_ok.iter().enumerate() {
                counts.layer_met[l] += u64::from(ok);
            }
            for (c, &g) in self.cap_gap.iter().enumerate() {
                counts.cap_gap[c] += u64::from(g > 0.0);
                sums.cap_gap[c] += g;
            }
        }
        self.sums.push((chunk, sums));
    }
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

fn quantile(histogram: &[u64], n: u64, q: f64) -> f64 {
    // The smallest bin value v with at least q·n draws at or below it.
    let target = ((q * n as f64).ceil() as u64).max(1);
    let mut seen = 0u64;
    for (b, &count) in histogram.iter().enumerate() {
        seen += count;
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
    let (rows, caps, layers) = (
        model.rows().len(),
        model.capabilities().len(),
        model.layers().len(),
    );
    let mut counts = Counts::<u64>::new(rows, caps, layers);
    let mut sums = Sums::new(rows, caps);
    for block in (0..chunks).step_by(BLOCK as usize) {
        let workers: Vec<Worker> = (block..(block + BLOCK).min(chunks))
            .into_par_iter()
            .fold(
                || Worker::new(model),
                |mut worker, c| {
                    worker.run_chunk(model, settings, c);
                    progress(((c + 1) * CHUNK).min(settings.draws) - c * CHUNK);
                    worker
                },
            )
            .collect();
        let mut chunk_sums: Vec<(u64, Sums)> = Vec::new();
        for worker in workers {
            counts.add(&worker.counts);
            chunk_sums.extend(worker.sums);
        }
        chunk_sums.sort_by_key(|(c, _)| *c);
        for (_, s) in &chunk_sums {
            sums.add(s);
        }
    }
    let n = settings.draws.max(1);
    let nf = n as f64;
    let requirements = model
        .rows()
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let h = &counts.histogram[r * (BINS + 1)..(r + 1) * (BINS + 1)];
            let p = counts.met[r] as f64 / nf;
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
                expected_shortfall: sums.gap[r] / nf,
                expected_required: sums.required[r] / nf,
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
            p_gap: counts.cap_gap[c] as f64 / nf,
            expected_shortfall: sums.cap_gap[c] / nf,
        })
        .collect();
    let layers = model
        .layers()
        .iter()
        .enumerate()
        .map(|(l, id)| {
            let p = counts.layer_met[l] as f64 / nf;
            LayerOdds {
                layer: id.clone(),
                p_all_met: p,
                p_all_met_se: se(p, n),
            }
        })
        .collect();
    let p_all = counts.all_met as f64 / nf;
    let rows = model.rows().len().max(1) as f64;
    let mean = counts.met_count as f64 / nf;
    let var = (counts.met_count_sq as f64 / nf - mean * mean).max(0.0);
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
        let mut h = vec![0u64; BINS + 1];
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
