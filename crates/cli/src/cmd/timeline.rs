//! `guarantor timeline`: the guarantee as one story across scenario versions (January 2025 →
//! August 2025 → January 2026): coverage, gaps, lapses and credibility moving. Wiring only: the
//! summary of each state and its renderings live in `guarantor_report::sequence`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use guarantor_report::sequence::{self, Sequence, State};

use crate::input;

/// Show how the guarantee changed across versions of it: one row per scenario file, in the order
/// given (oldest first), with requirements met, mean coverage, pledges in force and lapsed, red
/// lines crossed and the credibility score, then each state's largest gaps.
///
/// Example: `guarantor timeline scenarios/ukraine-2025-01.toml scenarios/ukraine-2025-08.toml
/// scenarios/ukraine-2026-01.toml`. `guarantor compare A B` details any one step; `--svg FILE`
/// writes the chart that `guarantor report --timeline` embeds.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Scenario files, oldest first (at least one).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Print the sequence as JSON (`states`: one object per file).
    #[arg(long)]
    pub json: bool,
    /// Also write the chart (coverage, requirements met, credibility) as an SVG file.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
}

/// Assesses each file into one state of the sequence.
pub fn sequence(files: &[PathBuf]) -> anyhow::Result<Sequence> {
    let weights = guarantor_credibility::Weights::default();
    let mut states = Vec::with_capacity(files.len());
    for file in files {
        let scenario = input::scenario(Some(file), &[])?;
        let assessment = guarantor_engine::assess(&scenario);
        let credibility = guarantor_credibility::evaluate_with(&scenario, &assessment, &weights);
        states.push(State::new(&assessment, &credibility));
    }
    Ok(Sequence { states })
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let seq = sequence(&args.files)?;
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
