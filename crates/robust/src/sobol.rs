//! Sobol variance-based sensitivity indices by Saltelli sampling, for any function of the unit
//! cube.
//!
//! Design: two N × d matrices A and B from one Owen-scrambled 2d-dimensional Sobol sequence
//! (`sobol_burley`; A the first d coordinates, B the last d), and for each input i the matrix A_B^(i), A with column i
//! taken from B: N (d + 2) evaluations. Estimators (Saltelli et al. 2010, "Variance based
//! sensitivity analysis of model output. Design and estimator for the total sensitivity index",
//! Computer Physics Communications 181: 259-270, Table 2):
//!
//! - first order, Saltelli 2010 (their eq. (b)): S_i = (1/N) Σ f(B)_j (f(A_B^(i))_j − f(A)_j) / V
//! - total, Jansen 1999 (their eq. (f)): ST_i = (1/2N) Σ (f(A)_j − f(A_B^(i))_j)² / V
//!
//! with V the variance of f over A and B together. Confidence intervals come from a percentile
//! bootstrap over the N rows (Efron & Tibshirani 1993), resampling with a seeded generator, so
//! they are reproducible. This module knows nothing of scenarios.

use rayon::prelude::*;
use schemars::JsonSchema;
use serde::Serialize;

/// The most base samples one Sobol sequence of `sobol_burley` provides (2^16).
pub const MAX_SAMPLES: usize = 1 << 16;
/// The most inputs (`sobol_burley` has 256 dimensions).
pub const MAX_INPUTS: usize = sobol_burley::NUM_DIMENSIONS as usize;

/// How to estimate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SobolSettings {
    /// N, the base sample size; N (d + 2) evaluations. At most [`MAX_SAMPLES`].
    pub samples: usize,
    /// Scrambling seed of the Sobol sequence and of the bootstrap.
    pub seed: u32,
    /// Bootstrap resamples for the confidence intervals.
    pub bootstrap: usize,
    /// Confidence level of the intervals (0.95).
    pub confidence: f64,
}

impl Default for SobolSettings {
    fn default() -> Self {
        SobolSettings {
            samples: 8192,
            seed: 0,
            bootstrap: 200,
            confidence: 0.95,
        }
    }
}

/// Indices of one input.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
pub struct Indices {
    /// First-order index S_i: the share of variance due to input i alone.
    pub first: f64,
    /// Bootstrap confidence interval of `first`.
    pub first_ci: [f64; 2],
    /// Total index ST_i: the share of variance due to input i, interactions included.
    pub total: f64,
    pub total_ci: [f64; 2],
}

/// The estimates, with the evaluations they were made from.
#[derive(Debug, Clone, PartialEq)]
pub struct SobolRun {
    pub indices: Vec<Indices>,
    /// Mean and variance of the output over A and B.
    pub mean: f64,
    pub variance: f64,
    /// f(A), one per row, for tornado data.
    pub f_a: Vec<f64>,
    /// N (d + 2).
    pub evaluations: usize,
}

/// Coordinate `dim` of row `j` of matrix A (`matrix` 0) or B (`matrix` 1) of a design over
/// `dims` inputs. A and B are the two halves of one 2d-dimensional Sobol sequence when
/// 2d ≤ 256 (so the pairs are stratified together); beyond that B comes from a second,
/// independently scrambled sequence.
pub fn point(j: usize, dim: usize, dims: usize, seed: u32, matrix: u32) -> f64 {
    let (dimension, seed) = if 2 * dims <= MAX_INPUTS {
        (dim + matrix as usize * dims, seed)
    } else {
        (dim, seed.wrapping_mul(2).wrapping_add(matrix))
    };
    // Centre of the f32 cell, so no coordinate is exactly 0.
    f64::from(sobol_burley::sample(j as u32, dimension as u32, seed)) + 0.5 / f64::from(1u32 << 24)
}

fn variance(a: &[f64], b: &[f64], rows: &[usize]) -> (f64, f64) {
    let n = (2 * rows.len()) as f64;
    let mean = rows.iter().map(|&j| a[j] + b[j]).sum::<f64>() / n;
    let var = rows
        .iter()
        .map(|&j| (a[j] - mean).powi(2) + (b[j] - mean).powi(2))
        .sum::<f64>()
        / (n - 1.0);
    (mean, var)
}

/// First-order and total indices of every input.
type Estimate = (Vec<f64>, Vec<f64>);

/// Point estimates over the given rows (a bootstrap resample or all of them).
fn estimate(a: &[f64], b: &[f64], ab: &[Vec<f64>], rows: &[usize]) -> Estimate {
    let (_, v) = variance(a, b, rows);
    let n = rows.len() as f64;
    ab.iter()
        .map(|abi| {
            if v <= 0.0 {
                return (0.0, 0.0);
            }
            let mut s1 = 0.0;
            let mut st = 0.0;
            for &j in rows {
                s1 += b[j] * (abi[j] - a[j]);
                st += (a[j] - abi[j]).powi(2);
            }
            (s1 / n / v, st / (2.0 * n) / v)
        })
        .unzip()
}

fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let pos = q * (sorted.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

/// Estimates first-order and total indices of `f` over `dims` inputs uniform on [0, 1).
/// `init` makes a per-thread workspace for `f`. Results do not depend on the thread count.
pub fn sobol<W, I, F>(dims: usize, settings: SobolSettings, init: I, f: F) -> SobolRun
where
    I: Fn() -> W + Sync,
    F: Fn(&[f64], &mut W) -> f64 + Sync,
{
    sobol_with_progress(dims, settings, init, f, &|_| {})
}

/// [`sobol`], calling `progress` with the number of evaluations done after each row of the
/// design (d + 2 at a time, N (d + 2) in all), from any worker thread; it changes no result.
pub fn sobol_with_progress<W, I, F>(
    dims: usize,
    settings: SobolSettings,
    init: I,
    f: F,
    progress: &(dyn Fn(u64) + Sync),
) -> SobolRun
where
    I: Fn() -> W + Sync,
    F: Fn(&[f64], &mut W) -> f64 + Sync,
{
    let n = settings.samples.clamp(2, MAX_SAMPLES);
    let dims = dims.min(MAX_INPUTS);
    // Per row j: f(A_j), f(B_j), f(A_B^(i)_j) for each i.
    let per_row: Vec<(f64, f64, Vec<f64>)> = (0..n)
        .into_par_iter()
        .map_init(
            || (init(), vec![0.0; dims], vec![0.0; dims]),
            |(w, a, x), j| {
                for (i, v) in a.iter_mut().enumerate() {
                    *v = point(j, i, dims, settings.seed, 0);
                }
                let fa = f(a, w);
                for (i, v) in x.iter_mut().enumerate() {
                    *v = point(j, i, dims, settings.seed, 1);
                }
                let fb = f(x, w);
                let mut fab = Vec::with_capacity(dims);
                for i in 0..dims {
                    x.copy_from_slice(a);
                    x[i] = point(j, i, dims, settings.seed, 1);
                    fab.push(f(x, w));
                }
                progress(dims as u64 + 2);
                (fa, fb, fab)
            },
        )
        .collect();
    let f_a: Vec<f64> = per_row.iter().map(|r| r.0).collect();
    let f_b: Vec<f64> = per_row.iter().map(|r| r.1).collect();
    let ab: Vec<Vec<f64>> = (0..dims)
        .map(|i| per_row.iter().map(|r| r.2[i]).collect())
        .collect();
    let all: Vec<usize> = (0..n).collect();
    let (mean, var) = variance(&f_a, &f_b, &all);
    let (s1, st) = estimate(&f_a, &f_b, &ab, &all);

    let boot: Vec<Estimate> = (0..settings.bootstrap)
        .into_par_iter()
        .map(|r| {
            let mut rng = crate::simulate::stream(u64::from(settings.seed) ^ 0xB007_57A9, r as u64);
            let rows: Vec<usize> = (0..n)
                .map(|_| (crate::simulate::unit(&mut rng) * n as f64) as usize % n)
                .collect();
            estimate(&f_a, &f_b, &ab, &rows)
        })
        .collect();
    let alpha = (1.0 - settings.confidence) / 2.0;
    let ci = |pick: &dyn Fn(&Estimate) -> f64| -> [f64; 2] {
        let mut v: Vec<f64> = boot.iter().map(pick).collect();
        v.sort_by(f64::total_cmp);
        [percentile(&v, alpha), percentile(&v, 1.0 - alpha)]
    };
    let indices = (0..dims)
        .map(|i| Indices {
            first: s1[i],
            first_ci: ci(&|b| b.0[i]),
            total: st[i],
            total_ci: ci(&|b| b.1[i]),
        })
        .collect();
    SobolRun {
        indices,
        mean,
        variance: var,
        f_a,
        evaluations: n * (dims + 2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn additive_function_has_equal_first_and_total_indices() {
        // f = x1 + 2 x2 with x uniform: V1 = 1/12, V2 = 4/12, so S = (0.2, 0.8) = ST.
        let run = sobol(
            2,
            SobolSettings {
                samples: 4096,
                bootstrap: 50,
                ..SobolSettings::default()
            },
            || (),
            |x, _| x[0] + 2.0 * x[1],
        );
        for (got, want) in run.indices.iter().zip([0.2, 0.8]) {
            // The Saltelli-2010 first-order estimator is the noisier one.
            assert!((got.first - want).abs() < 0.03, "{got:?}");
            assert!((got.total - want).abs() < 0.01, "{got:?}");
            assert!(got.first_ci[0] <= got.first_ci[1]);
        }
    }

    #[test]
    fn constant_output_gives_zero_indices() {
        let run = sobol(
            3,
            SobolSettings {
                samples: 64,
                bootstrap: 10,
                ..SobolSettings::default()
            },
            || (),
            |_, _| 1.0,
        );
        assert_eq!(run.variance, 0.0);
        assert!(run.indices.iter().all(|i| i.first == 0.0 && i.total == 0.0));
    }
}
