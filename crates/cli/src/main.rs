//! `guarantor`: the command-line interface. Flags, wiring and the terminal; nothing else.
//!
//! Each subcommand lives in `cmd/<name>.rs` with its `Args` (whose doc comments are the `--help`
//! text) and a `run` function. Exit codes: 0 when the run completed (gaps and violated red lines
//! are results, not failures), 1 when something failed that is not the user's input (or some
//! files of a batch failed), 2 on bad input or usage. A closed pipe (`| head`) is not an error.

mod cmd;
mod input;

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Turn a multinational security guarantee into an executable, evidence-linked model: what it
/// covers, what it lacks, whether contributors can sustain it, and which red lines it crosses.
#[derive(Debug, Parser)]
#[command(name = "guarantor", version, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Assess(cmd::assess::Args),
    Compare(cmd::compare::Args),
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
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

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
