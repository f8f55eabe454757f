//! Throughput of the robustness engine: Monte Carlo draws per second of the August 2025
//! scenario on one thread and on all threads, and the time of the Ishigami Sobol run
//! (N = 2^14, 3 inputs, 200 bootstrap resamples).
//!
//! A bench binary, not a test: timings never decide whether the build is green. Run with
//! `cargo bench -p guarantor-robust --bench throughput`; each figure is the best of three runs.

use std::f64::consts::PI;
use std::time::{Duration, Instant};

use guarantor_robust::{CompiledScenario, Reliability, Settings, SobolSettings, simulate, sobol};

const AUGUST: &str = include_str!("../../../scenarios/ukraine-2025-08.toml");

fn best_of_three(mut f: impl FnMut()) -> Duration {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let Some(scenario) = guarantor_model::load(AUGUST).scenario else {
        eprintln!("the August scenario does not load");
        std::process::exit(1);
    };
    let model = CompiledScenario::new(&scenario, &Reliability::default());
    let info = guarantor_robust::scenario_info(&scenario, &[]);
    let draws = 1_000_000;
    let settings = Settings { draws, seed: 7 };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "scenario ukraine-2025-08: {} uncertain inputs, {} requirements",
        model.inputs().len(),
        model.rows().len()
    );
    for threads in [1, cores] {
        let Ok(pool) = rayon::ThreadPoolBuilder::new().num_threads(threads).build() else {
            continue;
        };
        let t = best_of_three(|| {
            let sim = pool.install(|| simulate(&model, info.clone(), settings, &|_| {}));
            std::hint::black_box(sim);
        });
        println!(
            "simulate {draws} draws, {threads} thread(s): {:.3} s = {:.2} M draws/s",
            t.as_secs_f64(),
            draws as f64 / t.as_secs_f64() / 1e6
        );
    }
    let t = best_of_three(|| {
        let run = sobol(
            3,
            SobolSettings {
                samples: 1 << 14,
                seed: 1,
                bootstrap: 200,
                confidence: 0.95,
            },
            || (),
            |u, _| {
                let x: Vec<f64> = u.iter().map(|&v| -PI + 2.0 * PI * v).collect();
                x[0].sin() + 7.0 * x[1].sin().powi(2) + 0.1 * x[2].powi(4) * x[0].sin()
            },
        );
        std::hint::black_box(run);
    });
    println!(
        "Ishigami Sobol indices, N = 2^14 (81,920 evaluations, 200 bootstrap resamples), {cores} thread(s): {:.3} s",
        t.as_secs_f64()
    );
}
