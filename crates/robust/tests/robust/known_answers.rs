//! Sobol indices of analytic test functions, against their published values.

use guarantor_robust::{SobolSettings, sobol};
use std::f64::consts::PI;

fn settings(samples: usize) -> SobolSettings {
    SobolSettings {
        samples,
        seed: 1,
        bootstrap: 100,
        confidence: 0.95,
    }
}

/// Ishigami & Homma (1990), "An importance quantification technique in uncertainty analysis
/// for computer models", Proc. ISUMA '90: f = sin x1 + a sin² x2 + b x3⁴ sin x1, x ~ U(−π, π).
/// With a = 7, b = 0.1 the indices are S1 = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437)
/// (Saltelli et al. 2008, "Global Sensitivity Analysis: The Primer", Wiley; also the SALib
/// documentation); the issue asks for them within 0.02 at N = 2^14.
#[test]
fn ishigami_indices_within_two_hundredths() {
    let (a, b) = (7.0, 0.1);
    let run = sobol(
        3,
        settings(1 << 14),
        || (),
        |u, _| {
            let x: Vec<f64> = u.iter().map(|&v| -PI + 2.0 * PI * v).collect();
            x[0].sin() + a * x[1].sin().powi(2) + b * x[2].powi(4) * x[0].sin()
        },
    );
    let s1 = [0.3139, 0.4424, 0.0];
    let st = [0.5576, 0.4424, 0.2437];
    for i in 0..3 {
        let got = run.indices[i];
        assert!((got.first - s1[i]).abs() < 0.02, "S1[{i}] = {}", got.first);
        assert!((got.total - st[i]).abs() < 0.02, "ST[{i}] = {}", got.total);
        assert!(
            got.first_ci[0] <= got.first && got.first <= got.first_ci[1],
            "{got:?}"
        );
        assert!(
            got.total_ci[0] <= got.total && got.total <= got.total_ci[1],
            "{got:?}"
        );
    }
    // The variance of the Ishigami function: a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2 = 13.8446.
    assert!((run.variance - 13.8446).abs() < 0.3, "{}", run.variance);
}

/// The Sobol g-function (Saltelli & Sobol' 1995, "About the use of rank transformation in
/// sensitivity analysis of model output", Reliability Engineering & System Safety 50: 225-239):
/// f = Π (|4xᵢ − 2| + aᵢ) / (1 + aᵢ), x ~ U(0, 1), with the coefficients
/// a = (0, 1, 4.5, 9, 99, 99, 99, 99) published there and reused in Saltelli et al. (2010),
/// Computer Physics Communications 181: 259-270. Analytic indices (same sources):
/// Vᵢ = 1 / (3 (1 + aᵢ)²), V = Π (1 + Vᵢ) − 1, Sᵢ = Vᵢ / V, STᵢ = Vᵢ Π_{j≠i} (1 + Vⱼ) / V.
#[test]
fn g_function_indices_match_the_analytic_ones() {
    let a = [0.0, 1.0, 4.5, 9.0, 99.0, 99.0, 99.0, 99.0];
    let run = sobol(
        8,
        settings(1 << 14),
        || (),
        |u, _| {
            u.iter()
                .zip(a)
                .map(|(&x, ai)| ((4.0 * x - 2.0).abs() + ai) / (1.0 + ai))
                .product()
        },
    );
    let vi: Vec<f64> = a
        .iter()
        .map(|ai| 1.0 / (3.0 * (1.0 + ai) * (1.0 + ai)))
        .collect();
    let v = vi.iter().map(|x| 1.0 + x).product::<f64>() - 1.0;
    for i in 0..8 {
        let s1 = vi[i] / v;
        let st = vi[i]
            * vi.iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, x)| 1.0 + x)
                .product::<f64>()
            / v;
        let got = run.indices[i];
        assert!(
            (got.first - s1).abs() < 0.02,
            "S1[{i}] = {} vs {s1}",
            got.first
        );
        assert!(
            (got.total - st).abs() < 0.02,
            "ST[{i}] = {} vs {st}",
            got.total
        );
    }
    assert!((run.variance - v).abs() < 0.02, "{} vs {v}", run.variance);
}

/// The indices do not depend on the thread count.
#[test]
fn sobol_is_the_same_on_one_and_two_threads() {
    let f = |u: &[f64], _: &mut ()| u[0] * u[1] + u[2];
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(|| sobol(3, settings(512), || (), f));
    let two = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap()
        .install(|| sobol(3, settings(512), || (), f));
    assert_eq!(one, two);
}

/// The share of requirements met over three requirements, each met by one independent pledge
/// (probabilities p = 0.7, 0.4, 0.9), is (B1 + B2 + B3) / 3 with Bi ~ Bernoulli(pi): additive,
/// so each pledge's first-order and total indices are both pi(1 − pi) / Σ pj(1 − pj), i.e.
/// 0.21 / 0.54 = 0.3889, 0.24 / 0.54 = 0.4444 and 0.09 / 0.54 = 0.1667, and the variance is
/// 0.54 / 9 = 0.06.
#[test]
fn share_met_indices_of_independent_pledges_are_their_variance_shares() {
    use crate::fixtures::*;
    let text = head(1.0)
        + &mission("m1", "ground_troops", 100.0)
        + &mission("m2", "air_power", 10.0)
        + &mission("m3", "naval", 4.0)
        + &pledge("a", "GBR", "ground_troops", 100.0, "m1", 0.7, "")
        + &pledge("b", "FRA", "air_power", 10.0, "m2", 0.4, "")
        + &pledge("c", "DEU", "naval", 4.0, "m3", 0.9, "");
    let s = scenario(&text);
    let model = compile(&s);
    let output = guarantor_robust::Output::parse(&model, "share_met").unwrap();
    let sens = guarantor_robust::sensitivity(&model, info(&s), output, settings(1 << 14));
    assert!((sens.variance - 0.06).abs() < 0.003, "{}", sens.variance);
    for (pledge, want) in [
        ("pledge a", 0.21 / 0.54),
        ("pledge b", 0.24 / 0.54),
        ("pledge c", 0.09 / 0.54),
    ] {
        let i = sens.inputs.iter().find(|i| i.input == pledge).unwrap();
        assert!((i.first - want).abs() < 0.02, "{pledge} S = {}", i.first);
        assert!((i.total - want).abs() < 0.02, "{pledge} ST = {}", i.total);
    }
}
