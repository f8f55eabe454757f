//! `guarantor`: the command-line interface. Flags, wiring and the terminal; nothing else.
//!
//! Each subcommand lives in `cmd/<name>.rs` with its `Args` (whose doc comments are the `--help`
//! text) and a `run` function. Exit codes: 0 when the run completed (gaps and violated red lines
//! are results, not failures), 1 when something failed that is not the user's input (or some
//! files of a batch failed), 2 on bad input or usage. A closed pipe (`| head`) is not an error.

mod cmd;
mod export;
mod input;

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

/// Turn a multinational security guarantee into an executable, evidence-linked model: what it
/// covers, what it lacks, whether contributors can sustain it, and which red lines it crosses.
#[derive(Debug, Parser)]
#[command(name = "guarantor", version, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Which pledges count, by status, for every scenario read: `all` (every pledge, floated and
    /// rumoured included), `announced` (said on the record: conditional, stated and firmer) or
    /// `firm` (agreed, signed or delivered). Default: the scenario's `status_basis`, else `all`.
    #[arg(long, global = true, value_name = "BASIS", value_parser = parse_basis)]
    basis: Option<guarantor_model::StatusBasis>,
    /// The date every scenario read is assessed at (YYYY-MM-DD), instead of its own `as_of`: a
    /// pledge counts from its `from` date and before its `until` date, a dated event holds from
    /// its date, a lead time runs from the events it follows. Default: the scenario's
    /// `assess_at`, else its `as_of`.
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_date)]
    as_of: Option<guarantor_model::Date>,
}

/// A `YYYY-MM-DD` date that exists; clap prefixes the message with the flag and the value.
pub(crate) fn parse_date(text: &str) -> Result<guarantor_model::Date, String> {
    guarantor_model::Date::parse(text).map_err(|e| match e {
        guarantor_model::DateError::Form(_) => {
            "expected a date written YYYY-MM-DD, e.g. 2026-01-06".to_string()
        }
        e => e.to_string(),
    })
}

fn parse_basis(word: &str) -> Result<guarantor_model::StatusBasis, String> {
    guarantor_model::StatusBasis::parse(word).ok_or_else(|| {
        format!(
            "expected one of {}",
            guarantor_model::StatusBasis::NAMES.join(", ")
        )
    })
}

#[derive(Debug, Subcommand)]
enum Command {
    Assess(cmd::assess::Args),
    Compare(cmd::compare::Args),
    Capacities(cmd::capacities::Args),
    Timeline(cmd::timeline::Args),
    Allocate(cmd::allocate::Args),
    Check(cmd::check::Args),
    Schema(cmd::schema::Args),
    Credibility(cmd::credibility::Args),
    Ingest(cmd::ingest::Args),
    Evidence(cmd::evidence::Args),
    Simulate(cmd::simulate::Args),
    Sensitivity(cmd::sensitivity::Args),
    Report(cmd::report::Args),
    Serve(cmd::serve::Args),
    Completions(cmd::completions::Args),
    Man(cmd::man::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(basis) = cli.basis {
        input::set_basis(basis);
    }
    if let Some(date) = cli.as_of {
        input::set_as_of(date);
    }
    let result = match &cli.command {
        Command::Assess(args) => cmd::assess::run(args),
        Command::Compare(args) => cmd::compare::run(args),
        Command::Allocate(args) => cmd::allocate::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Schema(args) => cmd::schema::run(args),
        Command::Credibility(args) => cmd::credibility::run(args),
        Command::Ingest(args) => cmd::ingest::run(args),
        Command::Evidence(args) => cmd::evidence::run(args),
        Command::Simulate(args) => cmd::simulate::run(args),
        Command::Sensitivity(args) => cmd::sensitivity::run(args),
        Command::Report(args) => cmd::report::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Capacities(args) => cmd::capacities::run(args),
        Command::Timeline(args) => cmd::timeline::run(args),
        Command::Completions(args) => cmd::completions::run(args, Cli::command()),
        Command::Man(args) => cmd::man::run(args, Cli::command()),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if let Some(input::Failure(message)) = err.downcast_ref::<input::Failure>() {
                if !message.is_empty() {
                    eprint!("{message}");
                }
                return ExitCode::from(2);
            }
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(std::io::stderr(), "error: {err:#}");
            ExitCode::from(1)
        }
    }
}

/// Whether the run stopped because the reader of stdout went away (`guarantor schema | head -1`).
///
/// Rust ignores SIGPIPE, so a write to a closed pipe returns `BrokenPipe`. It may arrive as an
/// `io::Error` anywhere in the chain, or inside a `serde_json` or `csv` error, whose `source()`
/// skips the `io::Error` itself, so those are asked for their I/O kind directly.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == BrokenPipe)
            || e.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(BrokenPipe))
            || e.downcast_ref::<csv::Error>().is_some_and(
                |c| matches!(c.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe),
            )
    })
}
