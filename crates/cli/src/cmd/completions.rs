//! `guarantor completions`: shell completion scripts generated from the clap definition.
//!
//! Nothing here is written by hand: `clap_complete` walks the same `Command` that parses the
//! arguments, so a new flag completes as soon as it exists.

use std::io::Write;
use std::process::ExitCode;

/// Print a shell completion script to stdout
///
/// Install it where your shell looks for completions:
///   bash        guarantor completions bash > ~/.local/share/bash-completion/completions/guarantor
///   zsh         guarantor completions zsh > ~/.zfunc/_guarantor
///               (with `fpath+=~/.zfunc` before `compinit` in ~/.zshrc)
///   fish        guarantor completions fish > ~/.config/fish/completions/guarantor.fish
///   PowerShell  guarantor completions powershell >> $PROFILE
///   elvish      eval (guarantor completions elvish | slurp)
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub fn run(args: &Args, mut command: clap::Command) -> anyhow::Result<ExitCode> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "guarantor", &mut script);
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(&script)?;
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}
