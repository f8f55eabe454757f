//! Throughput of the robustness engine on the August 2025 scenario: Monte Carlo draws per second
//! on one thread and on all threads, against a bare random-number loop that draws the same
//! uniforms per draw (one per uncertain input, from the same per-chunk streams) and does nothing
//! else, so the gap between the two is what evaluating and tallying a draw costs. Also the time of
//! the Ishigami Sobol run (N = 2^14, 3 inputs, 200 bootstrap resamples).
//!
//! Rates are per CPU-second (the CPU time of every thread of the process, read from Linux's
//! `/proc/self/task/*/schedstat`; wall time where that is unavailable), so a busy machine does
//! not distort them; wall times are printed beside them.
//!
//! A bench binary, not a test: timings never decide whether the build is green. Run with
//! `cargo bench -p guarantor-robust --bench throughput`; each figure is the best of five runs.

use std::f64::consts::PI;
use std::time::{Duration, Instant};

use guarantor_robust::simulate::{CHUNK, stream, unit};
use guarantor_robust::{CompiledScenario, Reliability, Settings, SobolSettings, simulate, sobol};

const AUGUST: &str = include_str!("../../../scenarios/ukraine-2025-08.toml");

/// CPU time used so far by all threads of this process, if Linux says.
fn cpu_time() -> Option<Duration> {
    let mut total = 0u64;
    for task in std::fs::read_dir("/proc/self/task").ok()? {
        let stat = std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
        total += stat.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(Duration::from_nanos(total))
}

/// Best of five runs: (CPU time, wall time), CPU time falling back to wall time.
fn best_of_five(mut f: impl FnMut()) -> (Duration, Duration) {
    (0..5)
        .map(|_| {
            let cpu = cpu_time();
            let t = Instant::now();
            f();
            let wall = t.elapsed();
            let cpu = cpu
                .zip(cpu_time())
                .map_or(wall, |(a, b)| b.saturating_sub(a));
            (cpu, wall)
        })
        .min()
        .unwrap_or_default()
}

/// The random numbers of `draws` draws of `dims` uniforms each, read as `simulate` reads them,
/// summed so that the compiler cannot drop them.
fn bare_uniforms(draws: u64, dims: usize, seed: u64) -> f64 {
    let mut total = 0.0;
    for chunk in 0..draws.div_ceil(CHUNK) {
        let mut rng = stream(seed, chunk);
        for _ in chunk * CHUNK..((chunk + 1) * CHUNK).min(draws) {
            for _ in 0..dims {
                total += unit(&mut rng);
            }
        }
    }
    total
}

fn rate(draws: u64, t: Duration) -> f64 {
    draws as f64 / t.as_secs_f64() / 1e6
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
    let dims = model.inputs().len();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "scenario ukraine-2025-08: {dims} uncertain inputs, {} requirements",
        model.rows().len()
    );
    let (bare, bare_wall) = best_of_five(|| {
        std::hint::black_box(bare_uniforms(draws, dims, settings.seed));
    });
    println!(
        "bare random numbers, {draws} draws × {dims} uniforms, 1 thread: {:.3} CPU-s ({:.3} s wall) = {:.2} M draws per CPU-second",
        bare.as_secs_f64(),
        bare_wall.as_secs_f64(),
        rate(draws, bare)
    );
    let mut threads = vec![1];
    if cores > 1 {
        threads.push(cores);
    }
    // Every pool lives to the end, so no thread exits (taking its CPU time with it) mid-count.
    let pools: Vec<(usize, rayon::ThreadPool)> = threads
        .into_iter()
        .filter_map(|n| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .ok()?;
            Some((n, pool))
        })
        .collect();
    for (threads, pool) in &pools {
        let (t, wall) = best_of_five(|| {
            let sim = pool.install(|| simulate(&model, info.clone(), settings, &|_| {}));
            std::hint::black_box(sim);
        });
        println!(
            "simulate {draws} draws, {threads} thread(s): {:.3} CPU-s ({:.3} s wall) = {:.2} M draws per CPU-second, {:.2} M draws/s wall ({:.0}% of the bare random-number rate)",
            t.as_secs_f64(),
            wall.as_secs_f64(),
            rate(draws, t),
            rate(draws, wall),
            100.0 * rate(draws, t) / rate(draws, bare)
        );
    }
    let (_, t) = best_of_five(|| {
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
        "Ishigami Sobol indices, N = 2^14 (81,920 evaluations, 200 bootstrap resamples), {cores} thread(s): {:.3} s wall",
        t.as_secs_f64()
    );
}
