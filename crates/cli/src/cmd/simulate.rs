//! `guarantor simulate`: Monte Carlo over pledges, shared causes and parameter ranges.
//!
//! Flags and the terminal only: the draws are `guarantor_robust::simulate`. The progress bar
//! goes to stderr, only on a terminal and never with `--json`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use guarantor_robust::{CompiledScenario, Reliability, Settings};

use crate::export::{self, Format};
use crate::input;

/// Simulate a scenario: the probability that each requirement is met when pledges may not be
/// honoured, shared causes may not happen and parameters are uncertain; coverage quantiles
/// (5/50/95%), the probability that all requirements are met, and the expected shortfall per
/// capability.
///
/// Pledges take their `probability`, or the default of their status
/// (data/pledge-reliability.toml); events with a `probability` are drawn once per draw; pledged
/// ranges are uniform; `[[uncertain]]` parameters follow their distributions. The same seed gives
/// the same numbers whatever `--threads` is. Exit code 0 when the run completed, 2 on bad input.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Scenario file (TOML). Without one, the bundled August 2025 scenario is simulated.
    pub file: Option<PathBuf>,
    /// Number of Monte Carlo draws.
    #[arg(long, default_value_t = 100_000, value_parser = clap::value_parser!(u64).range(1..))]
    pub draws: u64,
    /// Seed of the random draws.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Worker threads (default: one per core). Results do not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=1024))]
    pub threads: Option<u64>,
    /// Output format: `text` (tables to read), `json` (schema: `guarantor schema simulation`) or
    /// `csv` (one row per requirement: probability met, coverage quantiles, expected shortfall).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Print the result as JSON: short for `--format json`.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Remove a contributor and its pledges (ISO 3166 alpha-3 code); repeatable.
    #[arg(long = "without", value_name = "CODE")]
    pub without: Vec<String>,
    /// Change one value before simulating, e.g. `events.us_backstop.probability=0.5`; repeatable.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
}

/// A rayon pool of `threads` workers (the default pool size when `None`).
pub fn pool(threads: Option<u64>) -> anyhow::Result<rayon::ThreadPool> {
    let mut b = rayon::ThreadPoolBuilder::new();
    if let Some(t) = threads {
        b = b.num_threads(t as usize);
    }
    Ok(b.build()?)
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let format = Format::chosen(args.format, args.json);
    let scenario = input::scenario(args.file.as_ref(), &args.set)?;
    let (scenario, _) = guarantor_engine::without(&scenario, &args.without)
        .map_err(|e| input::fail(format!("error: {e}")))?;
    let model = CompiledScenario::new(&scenario, &Reliability::default());
    let info = guarantor_robust::scenario_info(&scenario, &args.without);
    let settings = Settings {
        draws: args.draws,
        seed: args.seed,
    };
    let bar = (format != Format::Json && std::io::stderr().is_terminal() && args.draws >= 200_000)
        .then(|| {
            let bar = indicatif::ProgressBar::new(args.draws);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} draws, {eta} left")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar
        });
    let progress = |n: u64| {
        if let Some(b) = &bar {
            b.inc(n);
        }
    };
    let result = pool(args.threads)?
        .install(|| guarantor_robust::simulate(&model, info, settings, &progress));
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let mut stdout = std::io::stdout().lock();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut stdout, &result)?;
            writeln!(stdout)?;
        }
        Format::Csv => write!(
            stdout,
            "{}",
            export::simulation(&scenario, &result).to_csv()?
        )?,
        Format::Text => write!(stdout, "{}", guarantor_robust::text::simulation(&result))?,
    }
    Ok(ExitCode::SUCCESS)
}
