//! Reading a scenario for a subcommand: the file (or the bundled default), `--set` overrides,
//! parsing and checking, with diagnostics printed to stderr.
//!
//! Bad input ends the run with exit code 2 through [`Failure`], whose message has already been
//! rendered for the user. Warnings are printed and the run goes on.

use std::io::Write;
use std::path::{Path, PathBuf};

use guarantor_model::{Override, Scenario, diag};

/// The scenario compiled into the binary, used when no file is given.
pub const BUNDLED_NAME: &str = "scenarios/ukraine-2025-08.toml (bundled)";
pub const BUNDLED: &str = include_str!("../../../scenarios/ukraine-2025-08.toml");

/// Bad input: the message is ready to print as it is; the exit code is 2.
#[derive(Debug)]
pub struct Failure(pub String);

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.trim_end())
    }
}

impl std::error::Error for Failure {}

pub fn fail(message: impl Into<String>) -> anyhow::Error {
    let mut m = message.into();
    if !m.ends_with('\n') {
        m.push('\n');
    }
    Failure(m).into()
}

/// Reads a scenario file, or the bundled one when `path` is `None`.
pub fn read(path: Option<&Path>) -> anyhow::Result<(String, String)> {
    match path {
        None => Ok((BUNDLED_NAME.to_string(), BUNDLED.to_string())),
        Some(p) => {
            let text = std::fs::read(p).map_err(|e| {
                fail(format!(
                    "error: cannot read `{}`: {}",
                    p.display(),
                    io_reason(&e)
                ))
            })?;
            let text = String::from_utf8(text).map_err(|_| {
                fail(format!(
                    "error: `{}` is not UTF-8 text; a scenario is a TOML file",
                    p.display()
                ))
            })?;
            Ok((p.display().to_string(), text))
        }
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::IsADirectory => "it is a directory".to_string(),
        _ => e.to_string(),
    }
}

/// Parses `--set` arguments.
pub fn overrides(set: &[String]) -> anyhow::Result<Vec<Override>> {
    set.iter()
        .map(|s| {
            s.parse::<Override>().map_err(|e| {
                fail(format!(
                    "error: {e}\nhelp: write e.g. `--set pledges.gbr-troops.quantity=5000`"
                ))
            })
        })
        .collect()
}

/// Loads, overrides and checks a scenario; prints its diagnostics; fails on errors.
/// The status basis given on the command line (`--basis`), for every scenario this process
/// reads; unset leaves each scenario's own `status_basis`.
static BASIS: std::sync::OnceLock<guarantor_model::StatusBasis> = std::sync::OnceLock::new();

/// Sets the `--basis` of this run (once, from `main`).
pub fn set_basis(basis: guarantor_model::StatusBasis) {
    let _ = BASIS.set(basis);
}

/// The assessment date given on the command line (`--as-of`), for every scenario this process
/// reads; unset leaves each scenario's own `assess_at` or `as_of`.
static AS_OF: std::sync::OnceLock<guarantor_model::Date> = std::sync::OnceLock::new();

/// Sets the `--as-of` of this run (once, from `main`).
pub fn set_as_of(date: guarantor_model::Date) {
    let _ = AS_OF.set(date);
}

/// The `--as-of` of this run, if given.
pub fn as_of() -> Option<guarantor_model::Date> {
    AS_OF.get().copied()
}

pub fn scenario(path: Option<&PathBuf>, set: &[String]) -> anyhow::Result<Scenario> {
    let (name, text) = read(path.map(PathBuf::as_path))?;
    let overrides = overrides(set)?;
    let (name, text) = if overrides.is_empty() {
        (name, text)
    } else {
        let edited = guarantor_model::overrides::apply(&text, &overrides)
            .map_err(|e| fail(format!("error: {e}")))?;
        (format!("{name} (with --set)"), edited)
    };
    let loaded = guarantor_model::load(&text);
    if !loaded.diagnostics.is_empty() {
        let rendered = diag::render(&name, &text, &loaded.diagnostics);
        if loaded.has_errors() {
            return Err(fail(format!(
                "{rendered}error: `{name}` has {}; nothing was assessed\n",
                diag::summary(&loaded.diagnostics)
            )));
        }
        let _ = write!(std::io::stderr(), "{rendered}");
    }
    let mut scenario = loaded
        .scenario
        .ok_or_else(|| fail(format!("error: `{name}` could not be loaded")))?;
    if let Some(&basis) = BASIS.get() {
        scenario.meta.status_basis = basis;
    }
    if let Some(date) = as_of() {
        scenario.assess_at(date);
    }
    Ok(scenario)
}
