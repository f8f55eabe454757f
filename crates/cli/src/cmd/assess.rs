//! `guarantor assess`: what a guarantee package covers and lacks.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::input;

/// Assess a scenario: requirements, coverage and gaps per layer, each contributor against its
/// capacity, red lines, and the pledges whose conditions failed.
///
/// Exit code 0 when the assessment ran (gaps and violated red lines are results), 2 on bad input.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Scenario file (TOML). Without one, the bundled August 2025 scenario is assessed.
    pub file: Option<PathBuf>,
    /// Print the assessment as JSON (schema: `guarantor schema assessment`, docs/json-output.md).
    #[arg(long)]
    pub json: bool,
    /// Remove a contributor and its pledges (ISO 3166 alpha-3 code); repeatable.
    /// Pledges conditional on it lapse.
    #[arg(long = "without", value_name = "CODE")]
    pub without: Vec<String>,
    /// Change one value before assessing, e.g. `pledges.gbr-troops.quantity=5000` or
    /// `scenario.quantity_basis=mid`; repeatable.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let scenario = input::scenario(args.file.as_ref(), &args.set)?;
    let assessment = guarantor_engine::assess_without(&scenario, &args.without)
        .map_err(|e| input::fail(format!("error: {e}")))?;
    // --- credibility section (issue 5) ---
    let credibility = guarantor_credibility::evaluate_without(
        &scenario,
        &args.without,
        &guarantor_credibility::Weights::default(),
    )
    .map_err(|e| input::fail(format!("error: {e}")))?;
    // --- end credibility section ---
    let mut stdout = std::io::stdout().lock();
    if args.json {
        // credibility (issue 5): one key added after the assessment's own keys, which keep
        // their names and order.
        #[derive(serde::Serialize)]
        struct WithCredibility<'a> {
            #[serde(flatten)]
            assessment: &'a guarantor_engine::Assessment,
            credibility: &'a guarantor_credibility::Credibility,
        }
        let document = WithCredibility {
            assessment: &assessment,
            credibility: &credibility,
        };
        serde_json::to_writer_pretty(&mut stdout, &document)?;
        writeln!(stdout)?;
    } else {
        write!(
            stdout,
            "{}",
            guarantor_report::text::assessment(&assessment)
        )?;
        // credibility (issue 5)
        write!(
            stdout,
            "\n{}",
            guarantor_credibility::text::section(&credibility)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
