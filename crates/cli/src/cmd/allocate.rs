//! `guarantor allocate`: the extra contributions that would close a package's gaps, or why none
//! can.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use guarantor_allocate::{AllocateError, CostWeights, DefaultSolver, Objective, Options};

use crate::input;

/// Allocate extra contributions that close the gaps: the least burden or the fairest split,
/// within each contributor's sustainable capacity, every party's red lines and each
/// contributor's caps. When no allocation exists, say for each requirement the smallest
/// shortfall and what binds (capacity of whom, which red line, which cap).
///
/// Solved as a mixed-integer program by CBC (formulation: docs/allocation.md).
/// Exit code 0 when the allocation ran (infeasible is a result), 2 on bad input.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Scenario file (TOML). Without one, the bundled August 2025 scenario is used.
    pub file: Option<PathBuf>,
    /// What to minimise once every requirement that can be met is met: `burden` (cost-weighted
    /// units added, data/cost-weights.toml) or `fair-share` (deviation of each contributor's
    /// burden from its share of the coalition's GDP, or of the scenario's `fair_share` keys).
    #[arg(long, value_enum, default_value_t = ObjectiveArg::Burden)]
    pub objective: ObjectiveArg,
    /// Remove a contributor and its pledges first (ISO 3166 alpha-3 code); repeatable.
    #[arg(long = "without", value_name = "CODE")]
    pub without: Vec<String>,
    /// Leave a red line out (by its id), to see what it costs; repeatable.
    #[arg(long = "ignore-red-line", value_name = "ID")]
    pub ignore_red_line: Vec<String>,
    /// Print the allocation as JSON (with `after`, the assessment after the allocation, shaped as
    /// `guarantor assess --json`).
    #[arg(long)]
    pub json: bool,
    /// Change one value before allocating, e.g. `pledges.gbr-troops.quantity=5000`; repeatable.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
}

/// The objectives, as spelled on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ObjectiveArg {
    Burden,
    FairShare,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let scenario = input::scenario(args.file.as_ref(), &args.set)?;
    let options = Options {
        objective: match args.objective {
            ObjectiveArg::Burden => Objective::Burden,
            ObjectiveArg::FairShare => Objective::FairShare,
        },
        without: args.without.clone(),
        ignore_red_lines: args.ignore_red_line.clone(),
    };
    let report = match guarantor_allocate::allocate(
        &scenario,
        &options,
        &CostWeights::default(),
        &DefaultSolver,
    ) {
        Ok(r) => r,
        Err(e @ (AllocateError::UnknownContributor(_) | AllocateError::UnknownRedLine { .. })) => {
            return Err(input::fail(format!("error: {e}")));
        }
        Err(e) => return Err(anyhow::Error::new(e).context("allocation failed")),
    };
    let mut stdout = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut stdout, &report)?;
        writeln!(stdout)?;
    } else {
        write!(stdout, "{}", guarantor_allocate::text::report(&report))?;
    }
    Ok(ExitCode::SUCCESS)
}
