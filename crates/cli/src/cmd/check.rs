//! `guarantor check`: validate scenario files without assessing them.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use guarantor_model::diag;

use crate::input;

/// Check scenario files for errors and warnings (unknown names, wrong types, numbers without a
/// source, condition cycles). Exit code 2 when any file has an error.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Scenario files (TOML).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let mut failed = false;
    let mut stderr = std::io::stderr().lock();
    for path in &args.files {
        let (name, text) = match input::read(Some(path)) {
            Ok(x) => x,
            Err(e) => {
                writeln!(stderr, "{e}")?;
                failed = true;
                continue;
            }
        };
        let loaded = guarantor_model::load(&text);
        write!(
            stderr,
            "{}",
            diag::render(&name, &text, &loaded.diagnostics)
        )?;
        if loaded.has_errors() {
            failed = true;
            writeln!(stderr, "{name}: {}", diag::summary(&loaded.diagnostics))?;
        } else if loaded.diagnostics.is_empty() {
            writeln!(stderr, "{name}: ok")?;
        } else {
            writeln!(
                stderr,
                "{name}: ok with {}",
                diag::summary(&loaded.diagnostics)
            )?;
        }
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
