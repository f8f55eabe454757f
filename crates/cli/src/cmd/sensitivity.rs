//! `guarantor sensitivity`: Sobol indices and tornado data of one output of a scenario.
//!
//! Flags and the terminal only: the analysis is `guarantor_robust::sensitivity`. The progress bar
//! goes to stderr, only on a terminal, never with `--json`, and only for runs long enough to
//! need one.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use guarantor_robust::{CompiledScenario, Output, Reliability, SobolSettings};

use crate::input;

/// Which uncertain input decides the outcome: Sobol first-order and total indices (Saltelli
/// sampling, Saltelli-2010 and Jansen estimators, bootstrap intervals) of one output over every
/// uncertain pledge, shared cause and parameter, with tornado data.
///
/// Outputs: `all_met` (every requirement met, the default), `share_met` (the share of
/// requirements met, which still varies when one requirement can never be met), a capability
/// (`air_defence`: its total gap) or one requirement (`rear_presence.ground_troops`: its gap). Exit code 0 when the
/// run completed, 2 on bad input.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Scenario file (TOML). Without one, the bundled August 2025 scenario is analysed.
    pub file: Option<PathBuf>,
    /// The output to decompose: `all_met`, `share_met`, `CAPABILITY` or `MISSION.CAPABILITY`.
    #[arg(long, default_value = "all_met")]
    pub output: String,
    /// Base sample size N (N × (inputs + 2) evaluations); at most 65536.
    #[arg(long, default_value_t = 8192, value_parser = clap::value_parser!(u64).range(2..=65536))]
    pub samples: u64,
    /// Scrambling seed of the Sobol sequence and of the bootstrap.
    #[arg(long, default_value_t = 0)]
    pub seed: u32,
    /// Bootstrap resamples for the confidence intervals.
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    pub bootstrap: u64,
    /// Worker threads (default: one per core). Results do not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=1024))]
    pub threads: Option<u64>,
    /// Rows shown in each text table.
    #[arg(long, default_value_t = 15)]
    pub top: usize,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
    /// Remove a contributor and its pledges (ISO 3166 alpha-3 code); repeatable.
    #[arg(long = "without", value_name = "CODE")]
    pub without: Vec<String>,
    /// Change one value before the analysis; repeatable.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
}

/// Evaluations from which a run shows a progress bar: above the default run (N = 8192 over the
/// bundled scenario's 50 inputs, 425,984 evaluations, a fraction of a second in a release build).
const BAR_FROM: u64 = 500_000;

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let scenario = input::scenario(args.file.as_ref(), &args.set)?;
    let (scenario, _) = guarantor_engine::without(&scenario, &args.without)
        .map_err(|e| input::fail(format!("error: {e}")))?;
    let model = CompiledScenario::new(&scenario, &Reliability::default());
    if model.inputs().is_empty() {
        return Err(input::fail(
            "error: the scenario has no uncertain input, so there is nothing to attribute\nhelp: every pledge is certain and no parameter has a range; see docs/robustness.md",
        ));
    }
    if model.inputs().len() > guarantor_robust::sobol::MAX_INPUTS {
        return Err(input::fail(format!(
            "error: {} uncertain inputs; the Sobol sequence has {} dimensions",
            model.inputs().len(),
            guarantor_robust::sobol::MAX_INPUTS
        )));
    }
    let output =
        Output::parse(&model, &args.output).map_err(|e| input::fail(format!("error: {e}")))?;
    let info = guarantor_robust::scenario_info(&scenario, &args.without);
    let settings = SobolSettings {
        samples: args.samples as usize,
        seed: args.seed,
        bootstrap: args.bootstrap as usize,
        confidence: 0.95,
    };
    // N (d + 2) model evaluations; the bootstrap afterwards takes a small fraction of that.
    let evaluations = settings.samples as u64 * (model.inputs().len() as u64 + 2);
    let bar =
        (!args.json && std::io::stderr().is_terminal() && evaluations >= BAR_FROM).then(|| {
            let bar = indicatif::ProgressBar::new(evaluations);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{bar:40} {pos}/{len} evaluations, {eta} left",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar
        });
    let progress = |n: u64| {
        if let Some(b) = &bar {
            b.inc(n);
        }
    };
    let result = crate::cmd::simulate::pool(args.threads)?.install(|| {
        guarantor_robust::sensitivity_with_progress(&model, info, output, settings, &progress)
    });
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let mut stdout = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut stdout, &result)?;
        writeln!(stdout)?;
    } else {
        write!(
            stdout,
            "{}",
            guarantor_robust::text::sensitivity(&result, args.top)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
