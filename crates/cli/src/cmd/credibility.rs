//! `guarantor credibility`: a package's credibility indicators, ranked among reference
//! arrangements. Wiring only: scoring lives in guarantor-credibility.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use guarantor_credibility::{ReportError, Weights};

use crate::input;

/// Score a package's credibility indicator by indicator (legal form, automaticity, guarantor
/// forces present, capability coverage, major-power backstop, integrated command, duration,
/// alliance-reliability prior), and with `--references` rank it among NATO Article 5 with eFP, the
/// US-Korea alliance, the MFO in Sinai, the 2024 bilateral agreements and the Budapest Memorandum.
///
/// The weights are judgements (data/credibility-weights.toml; docs/credibility.md explains each
/// indicator). Exit code 0 when scored, 2 on bad input.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Scenario file (TOML). Without one, the bundled August 2025 scenario is scored.
    pub file: Option<PathBuf>,
    /// Rank the package among the reference arrangements, with the smallest weight change that
    /// would swap each pair of neighbours.
    #[arg(long)]
    pub references: bool,
    /// Print the report as JSON: `ranking` (best first: `name`, `score`, `indicators`), `change`
    /// (with `--without`) and `sensitivity` (with `--references`).
    #[arg(long)]
    pub json: bool,
    /// Remove a contributor and its pledges (ISO 3166 alpha-3 code) and say which indicators fell;
    /// repeatable.
    #[arg(long = "without", value_name = "CODE")]
    pub without: Vec<String>,
    /// Read weights, level scores and reliability rates from this file instead of the shipped
    /// data/credibility-weights.toml.
    #[arg(long, value_name = "FILE")]
    pub weights: Option<PathBuf>,
    /// Change one value of the scenario before scoring, e.g. `pledges.gbr-troops.quantity=5000`;
    /// repeatable.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let (weights, origin) = match &args.weights {
        None => (
            Weights::default(),
            "data/credibility-weights.toml".to_string(),
        ),
        Some(path) => {
            let (name, text) = input::read(Some(path))?;
            let w = Weights::parse(&text, &name).map_err(|e| input::fail(format!("error: {e}")))?;
            (w, name)
        }
    };
    let scenario = input::scenario(args.file.as_ref(), &args.set)?;
    let report = match guarantor_credibility::report(
        &scenario,
        &args.without,
        &weights,
        &origin,
        args.references,
    ) {
        Ok(r) => r,
        Err(ReportError::UnknownContributor(e)) => return Err(input::fail(format!("error: {e}"))),
        Err(e @ ReportError::BrokenReference(_)) => return Err(e.into()),
    };
    let mut stdout = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut stdout, &report)?;
        writeln!(stdout)?;
    } else {
        write!(stdout, "{}", guarantor_credibility::text::report(&report))?;
    }
    Ok(ExitCode::SUCCESS)
}
