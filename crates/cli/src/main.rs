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

/// mimalloc rather than the system allocator. Why: parsing a page, splitting its words and
/// building its statements allocate and free small objects by the thousand; on the 181 pages of
/// the ingest bench (`cargo bench -p guarantor-store --bench ingest_pages`) this took 8% off the
/// time of an ingest.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turn a multinational security guarantee into an executable, evidence-linked model: what it
/// covers, what it lacks, whether contributors can sustain it, and which red lines it crosses.
#[derive(Debug, Parser)]
#[command(name = "guarantor", version, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

// The flags of every command that reads a scenario (`assess`, `report`, `simulate`, ...), and of
// no other: `schema`, `ingest` or `completions` read none, so their `--help` does not offer them.
// (Plain comments: a doc comment here would replace each command's own description.)
#[derive(Debug, Clone, Copy, clap::Args)]
struct Reading {
    /// Which pledges count, by status, for every scenario read: `all` (every pledge, floated and
    /// rumoured included), `announced` (said on the record: conditional, stated and firmer) or
    /// `firm` (agreed, signed or delivered). Default: the scenario's `status_basis`, else `all`.
    #[arg(long, value_name = "BASIS", value_parser = parse_basis)]
    basis: Option<guarantor_model::StatusBasis>,
    /// The date every scenario read is assessed at (YYYY-MM-DD), instead of its own `as_of`: a
    /// pledge counts from its `from` date and before its `until` date, a dated event holds from
    /// its date, a lead time runs from the events it follows. Default: the scenario's
    /// `assess_at`, else its `as_of`.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    as_of: Option<guarantor_model::Date>,
}

impl Reading {
    /// Makes the flags apply to every scenario this run reads (`input::scenario`).
    fn apply(self) {
        if let Some(basis) = self.basis {
            input::set_basis(basis);
        }
        if let Some(date) = self.as_of {
            input::set_as_of(date);
        }
    }
}

// A subcommand that reads scenarios: its own arguments and the [`Reading`] flags.
#[derive(Debug, clap::Args)]
struct Reads<A: clap::Args> {
    #[command(flatten)]
    args: A,
    #[command(flatten)]
    reading: Reading,
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
    Assess(Reads<cmd::assess::Args>),
    Compare(Reads<cmd::compare::Args>),
    Capacities(Reads<cmd::capacities::Args>),
    Timeline(Reads<cmd::timeline::Args>),
    Allocate(Reads<cmd::allocate::Args>),
    Check(Reads<cmd::check::Args>),
    Schema(cmd::schema::Args),
    Credibility(Reads<cmd::credibility::Args>),
    Ingest(cmd::ingest::Args),
    Evidence(cmd::evidence::Args),
    Simulate(Reads<cmd::simulate::Args>),
    Sensitivity(Reads<cmd::sensitivity::Args>),
    Report(Reads<cmd::report::Args>),
    Serve(cmd::serve::Args),
    Completions(cmd::completions::Args),
    Man(cmd::man::Args),
}

/// Applies the reading flags and runs the command with its own arguments.
fn reading<A: clap::Args>(
    r: &Reads<A>,
    run: fn(&A) -> anyhow::Result<ExitCode>,
) -> anyhow::Result<ExitCode> {
    r.reading.apply();
    run(&r.args)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Assess(r) => reading(r, cmd::assess::run),
        Command::Compare(r) => reading(r, cmd::compare::run),
        Command::Allocate(r) => reading(r, cmd::allocate::run),
        Command::Check(r) => reading(r, cmd::check::run),
        Command::Schema(args) => cmd::schema::run(args),
        Command::Credibility(r) => reading(r, cmd::credibility::run),
        Command::Ingest(args) => cmd::ingest::run(args),
        Command::Evidence(args) => cmd::evidence::run(args),
        Command::Simulate(r) => reading(r, cmd::simulate::run),
        Command::Sensitivity(r) => reading(r, cmd::sensitivity::run),
        Command::Report(r) => reading(r, cmd::report::run),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Capacities(r) => reading(r, cmd::capacities::run),
        Command::Timeline(r) => reading(r, cmd::timeline::run),
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
