//! `guarantor man`: the manual page, generated from the clap definition.
//!
//! `clap_mangen` renders the same `Command` that parses the arguments (its doc comments are the
//! text), so the page cannot fall behind `--help`. Output is roff on stdout; nothing is
//! installed.

use std::io::Write;
use std::process::ExitCode;

/// Print the manual page (roff) to stdout: of `guarantor`, or of one of its commands
///
/// Read it:            guarantor man | man -l -
/// Install it:         guarantor man > ~/.local/share/man/man1/guarantor.1
/// A command's page:   guarantor man assess > ~/.local/share/man/man1/guarantor-assess.1
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// A command whose page to print (`assess`, `simulate`, ...); without one, the page of
    /// `guarantor` itself, which lists every command.
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

pub fn run(args: &Args, command: clap::Command) -> anyhow::Result<ExitCode> {
    let mut command = command;
    command.build();
    let page = match &args.command {
        None => command,
        Some(name) => {
            let Some(sub) = command.find_subcommand(name).cloned() else {
                let names: Vec<&str> = command
                    .get_subcommands()
                    .map(clap::Command::get_name)
                    .filter(|n| *n != "help")
                    .collect();
                let hint = guarantor_model::did_you_mean(name, names.iter().copied())
                    .map(|h| format!(" (did you mean `{h}`?)"))
                    .unwrap_or_default();
                return Err(crate::input::fail(format!(
                    "error: no command `{name}`{hint}\nhelp: the commands are {}\n",
                    names
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            };
            // `build` named it `guarantor-assess` (the page's title) and `guarantor assess` (its
            // synopsis).
            sub
        }
    };
    let mut roff = Vec::new();
    clap_mangen::Man::new(page).render(&mut roff)?;
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(&roff)?;
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}
