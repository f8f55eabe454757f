//! `guarantor timeline`: the guarantee as one story across scenario versions (January 2025 →
//! August 2025 → January 2026), or one scenario at several dates (`--at`): coverage, gaps, lapses
//! and credibility moving. Wiring only: the summary of each state and its renderings live in
//! `guarantor_report::sequence`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use guarantor_model::Date;
use guarantor_report::sequence::{self, Sequence, State};

use crate::input;

/// Show how the guarantee changed across versions of it: one row per scenario file, in the order
/// given (oldest first), with requirements met, mean coverage, pledges in force and lapsed, red
/// lines crossed and the credibility score, then each state's largest gaps.
///
/// With `--at DATE` (repeated), each file is assessed at each date instead, in the order given: a
/// pledge counts from its `from` date and before its `until` date, a dated event holds from its
/// date, a lead time runs from the events it follows.
///
/// Example: `guarantor timeline scenarios/ukraine-2025-01.toml scenarios/ukraine-2025-08.toml
/// scenarios/ukraine-2026-01.toml`, or `guarantor timeline scenarios/ukraine-2026-01.toml --at
/// 2026-01-06 --at 2026-07-01 --at 2032-01-01`. `guarantor compare A B` details any one step;
/// `--svg FILE` writes the chart that `guarantor report --timeline` embeds.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Scenario files, oldest first (at least one).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Assess each file at this date (YYYY-MM-DD) instead of its own; repeat for a series of
    /// dates, oldest first. Not together with the global `--as-of`.
    #[arg(long = "at", value_name = "DATE", value_parser = crate::parse_date)]
    pub at: Vec<Date>,
    /// Print the sequence as JSON (`states`: one object per file).
    #[arg(long)]
    pub json: bool,
    /// Also write the chart (coverage, requirements met, credibility) as an SVG file.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
}

/// Assesses each file into one state of the sequence.
pub fn sequence(files: &[PathBuf]) -> anyhow::Result<Sequence> {
    sequence_at(files, &[])
}

/// Assesses each file at each date of `at` (each at its own date when `at` is empty), files in
/// the order given and, within a file, dates in the order given. A file is read and checked once.
pub fn sequence_at(files: &[PathBuf], at: &[Date]) -> anyhow::Result<Sequence> {
    let weights = guarantor_credibility::Weights::default();
    let mut states = Vec::with_capacity(files.len() * at.len().max(1));
    for file in files {
        let scenario = input::scenario(Some(file), &[])?;
        let mut state = |scenario: &guarantor_model::Scenario| {
            let assessment = guarantor_engine::assess(scenario);
            let credibility = guarantor_credibility::evaluate_with(scenario, &assessment, &weights);
            states.push(State::new(scenario, &assessment, &credibility));
        };
        if at.is_empty() {
            state(&scenario);
        }
        for &date in at {
            let mut dated = scenario.clone();
            dated.assess_at(date);
            state(&dated);
        }
    }
    Ok(Sequence { states })
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    if !args.at.is_empty() && input::as_of().is_some() {
        return Err(input::fail(
            "error: `--at` and `--as-of` both set the date to assess at; give `--at` once per date",
        ));
    }
    let seq = sequence_at(&args.files, &args.at)?;
    if let Some(path) = &args.svg {
        std::fs::write(path, sequence::svg(&seq))
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    }
    let mut stdout = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut stdout, &seq)?;
        writeln!(stdout)?;
    } else {
        write!(stdout, "{}", sequence::text(&seq))?;
    }
    Ok(ExitCode::SUCCESS)
}
