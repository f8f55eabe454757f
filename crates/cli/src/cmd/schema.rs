//! `guarantor schema`: JSON Schemas for editors and for consumers of `--json`.

use std::io::Write;
use std::process::ExitCode;

/// Print a JSON Schema: of the scenario format (for editors such as VS Code with Even Better
/// TOML / taplo), or of a `--json` output (`assess`, `simulate`).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which schema.
    #[arg(value_enum, default_value_t = Which::Scenario)]
    pub which: Which,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Which {
    /// The scenario file format.
    Scenario,
    /// The document printed by `guarantor assess --json` (with its credibility and evidence keys).
    Assessment,
    /// The document printed by `guarantor simulate --json`.
    Simulation,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let schema = match args.which {
        Which::Scenario => guarantor_model::scenario_schema(),
        Which::Assessment => serde_json::to_value(schemars::schema_for!(
            super::assess::AssessmentDocument<'static>
        ))?,
        Which::Simulation => {
            serde_json::to_value(schemars::schema_for!(guarantor_robust::Simulation))?
        }
    };
    let mut stdout = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut stdout, &schema)?;
    writeln!(stdout)?;
    Ok(ExitCode::SUCCESS)
}
