//! `guarantor report`: the assessment as one self-contained HTML page with charts.
//!
//! Wiring only: load the scenario (with `--set`), assess it as written and without one
//! contributor, and hand both to `guarantor_report::html`. It writes a file (or stdout with
//! `-o -`); it does not open a browser.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use guarantor_credibility::Weights;
use guarantor_report::html::{CredibilitySection, Report, Without, render};

use crate::input;

/// Write an HTML report: coverage charts per capability and per layer (as assessed and without
/// one contributor), requirements with their formulas, contributors against capacity, red lines,
/// lapsed pledges, credibility indicators (shipped weights) and every source. The page needs no
/// network and runs no script.
///
/// Exit code 0 when the report was written, 2 on bad input.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Scenario file (TOML). Without one, the bundled August 2025 scenario is reported.
    pub file: Option<PathBuf>,
    /// Where to write the page; `-` for stdout.
    #[arg(short, long, value_name = "FILE", default_value = "report.html")]
    pub output: PathBuf,
    /// The contributor whose absence the charts show beside the assessment (ISO 3166 alpha-3).
    /// Default: `USA` when the scenario has it; `none` for no comparison.
    #[arg(long = "without", value_name = "CODE")]
    pub without: Option<String>,
    /// Change one value before assessing, e.g. `pledges.gbr-troops.quantity=5000`; repeatable.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let scenario = input::scenario(args.file.as_ref(), &args.set)?;
    let assessment = guarantor_engine::assess(&scenario);
    let code = match args.without.as_deref() {
        Some("none") => None,
        Some(code) => Some(code.to_string()),
        None => scenario
            .contributors
            .iter()
            .any(|c| c.code == "USA")
            .then(|| "USA".to_string()),
    };
    let without = match &code {
        Some(code) => Some(
            guarantor_engine::assess_without(&scenario, std::slice::from_ref(code))
                .map_err(|e| input::fail(format!("error: {e}")))?,
        ),
        None => None,
    };
    // Credibility with the shipped weights (`guarantor credibility --weights` for others).
    let weights = Weights::default();
    let credibility = guarantor_credibility::evaluate_without(&scenario, &[], &weights)
        .map_err(|e| input::fail(format!("error: {e}")))?;
    let credibility_without = match &code {
        Some(code) => Some(
            guarantor_credibility::evaluate_without(
                &scenario,
                std::slice::from_ref(code),
                &weights,
            )
            .map_err(|e| input::fail(format!("error: {e}")))?,
        ),
        None => None,
    };
    let generator = format!("guarantor {}", env!("CARGO_PKG_VERSION"));
    let page = render(&Report {
        scenario: &scenario,
        assessment: &assessment,
        without: code
            .as_deref()
            .zip(without.as_ref())
            .map(|(code, assessment)| Without { code, assessment }),
        generator: &generator,
        credibility: Some(CredibilitySection {
            package: &credibility,
            without: credibility_without.as_ref(),
        }),
    });
    if args.output.as_os_str() == "-" {
        std::io::stdout().lock().write_all(page.as_bytes())?;
    } else {
        std::fs::write(&args.output, page).map_err(|e| {
            input::fail(format!(
                "error: cannot write `{}`: {e}",
                args.output.display()
            ))
        })?;
        eprintln!("wrote {}", args.output.display());
    }
    Ok(ExitCode::SUCCESS)
}
