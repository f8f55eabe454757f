//! `guarantor compare`: what changed between two packages, or one package with and without a
//! contributor.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::input;

/// Compare two scenarios (A and B), or one scenario with and without contributors.
///
/// With one file, B is that file after `--without` and `--set`; with two, they apply to B only.
/// Examples: `guarantor compare scenarios/ukraine-2025-08.toml --without USA`;
/// `guarantor compare scenarios/ukraine-2025-01.toml scenarios/ukraine-2025-08.toml`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Scenario A.
    pub a: PathBuf,
    /// Scenario B (default: A again, changed by `--without` / `--set`).
    pub b: Option<PathBuf>,
    /// Print the comparison as JSON.
    #[arg(long)]
    pub json: bool,
    /// Remove a contributor from B; repeatable.
    #[arg(long = "without", value_name = "CODE")]
    pub without: Vec<String>,
    /// Change one value of B, e.g. `pledges.gbr-troops.quantity=5000`; repeatable.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    if args.b.is_none() && args.without.is_empty() && args.set.is_empty() {
        return Err(input::fail(
            "error: nothing to compare: give a second file, or `--without CODE` / `--set PATH=VALUE`",
        ));
    }
    let a = input::scenario(Some(&args.a), &[])?;
    let b = input::scenario(Some(args.b.as_ref().unwrap_or(&args.a)), &args.set)?;
    let assessed_a = guarantor_engine::assess(&a);
    let assessed_b = guarantor_engine::assess_without(&b, &args.without)
        .map_err(|e| input::fail(format!("error: {e}")))?;
    let comparison = guarantor_engine::compare(&assessed_a, &assessed_b);
    // --- credibility side by side ---
    let weights = guarantor_credibility::Weights::default();
    let credibility_a = guarantor_credibility::evaluate_with(&a, &assessed_a, &weights);
    let credibility_b = guarantor_credibility::evaluate_without(&b, &args.without, &weights)
        .map_err(|e| input::fail(format!("error: {e}")))?;
    // --- end credibility ---
    let mut stdout = std::io::stdout().lock();
    if args.json {
        // Credibility: one key added after the comparison's own keys.
        #[derive(serde::Serialize)]
        struct Credibilities<'a> {
            a: &'a guarantor_credibility::Credibility,
            b: &'a guarantor_credibility::Credibility,
        }
        #[derive(serde::Serialize)]
        struct WithCredibility<'a> {
            #[serde(flatten)]
            comparison: &'a guarantor_engine::Comparison,
            credibility: Credibilities<'a>,
        }
        let document = WithCredibility {
            comparison: &comparison,
            credibility: Credibilities {
                a: &credibility_a,
                b: &credibility_b,
            },
        };
        serde_json::to_writer_pretty(&mut stdout, &document)?;
        writeln!(stdout)?;
    } else {
        write!(
            stdout,
            "{}",
            guarantor_report::text::comparison(
                &comparison,
                &guarantor_report::names::Names::of(&[&a, &b])
            )
        )?;
        // Credibility, indicator by indicator, after the comparison table.
        write!(
            stdout,
            "\nCredibility, indicator by indicator:\n{}",
            guarantor_credibility::text::side_by_side(&[&credibility_a, &credibility_b])
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
