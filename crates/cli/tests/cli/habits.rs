//! Habits of a command-line tool (issue 15): a closed pipe ends the run quietly with exit 0, and
//! shell completions and a manual page come from the clap definition.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};

use crate::util::{root, run};

const AUG: &str = "scenarios/ukraine-2025-08.toml";

/// Runs `guarantor ARGS` with stdout a pipe whose reading end is already closed, so its first
/// write fails with `BrokenPipe` (Rust ignores SIGPIPE), whatever the size of the output.
fn into_closed_pipe(args: &[&str]) -> (i32, String) {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let mut child = Command::new(env!("CARGO_BIN_EXE_guarantor"))
        .args(args)
        .current_dir(root())
        .stdout(writer)
        .stderr(Stdio::piped())
        .spawn()
        .expect("the guarantor binary runs");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr is piped")
        .read_to_string(&mut stderr)
        .expect("stderr is text");
    let status = child.wait().expect("guarantor ends");
    (status.code().unwrap_or(-1), stderr)
}

#[test]
fn a_closed_pipe_is_not_an_error_for_any_command() {
    let commands: &[&[&str]] = &[
        &["schema"],
        &["schema", "assessment"],
        &["assess", AUG],
        &["assess", AUG, "--json"],
        &["assess", AUG, "--format", "csv"],
        &["compare", AUG, "--without", "USA"],
        &["compare", AUG, "--without", "USA", "--json"],
        &["capacities", AUG],
        &["capacities", AUG, "--format", "csv"],
        &["credibility", AUG, "--json"],
        &["simulate", AUG, "--draws", "2000", "--json"],
        &["simulate", AUG, "--draws", "2000", "--format", "csv"],
        &[
            "sensitivity",
            AUG,
            "--samples",
            "64",
            "--bootstrap",
            "10",
            "--json",
        ],
        &["completions", "bash"],
        &["man"],
        &["--help"],
        &["assess", "--help"],
    ];
    for args in commands {
        let (code, stderr) = into_closed_pipe(args);
        assert_eq!(
            code,
            0,
            "`guarantor {}` exit code; stderr:\n{stderr}",
            args.join(" ")
        );
        assert!(
            !stderr.to_lowercase().contains("broken pipe"),
            "`guarantor {}` stderr:\n{stderr}",
            args.join(" ")
        );
        assert_eq!(stderr, "", "`guarantor {}` says nothing", args.join(" "));
    }
}

/// `guarantor schema | head -1` and `guarantor assess --json | head -1`, as the issue tried them:
/// the reader takes one line and closes its end while guarantor may still be writing.
#[test]
fn head_one_line_exits_zero() {
    for args in [&["schema"][..], &["assess", "--json"][..]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_guarantor"))
            .args(args)
            .current_dir(root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the guarantor binary runs");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("stdout is piped"))
            .read_line(&mut first)
            .expect("one line");
        // The reading end is closed here, as `head -1` does.
        assert_eq!(first, "{\n");
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .expect("stderr is piped")
            .read_to_string(&mut stderr)
            .expect("stderr is text");
        let status = child.wait().expect("guarantor ends");
        assert_eq!(status.code(), Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}

/// A write error other than a closed pipe still fails: `/dev/full` answers "no space left".
#[test]
fn a_full_disk_is_still_an_error() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // not on this system
    };
    let out = Command::new(env!("CARGO_BIN_EXE_guarantor"))
        .args(["schema"])
        .current_dir(root())
        .stdout(full)
        .output()
        .expect("the guarantor binary runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.to_lowercase().contains("no space left"), "{stderr}");
}

#[test]
fn bash_completion_knows_the_commands_and_their_flags() {
    let out = run(&["completions", "bash"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    assert!(out.stdout.contains("_guarantor()"), "a bash function");
    assert!(out.stdout.contains("complete -F _guarantor"), "registered");
    for command in [
        "assess",
        "compare",
        "capacities",
        "allocate",
        "check",
        "schema",
        "credibility",
        "ingest",
        "evidence",
        "simulate",
        "sensitivity",
        "report",
        "serve",
        "completions",
        "man",
    ] {
        assert!(
            out.stdout.contains(&format!("guarantor__{command})"))
                || out.stdout.contains(&format!("guarantor,{command})")),
            "no case for `{command}`"
        );
    }
    for flag in ["--without", "--format", "--table", "--draws"] {
        assert!(out.stdout.contains(flag), "`{flag}` completes");
    }
}

/// The bash script loaded into a real bash completes what a user types: `guarantor ca<TAB>`,
/// `guarantor assess --for<TAB>`, `guarantor assess --format <TAB>`.
#[test]
fn bash_completes_commands_flags_and_values() {
    let script = run(&["completions", "bash"]).stdout;
    let complete = |words: &[&str]| -> String {
        // `_guarantor COMMAND CURRENT PREVIOUS`, with COMP_WORDS and COMP_CWORD set as bash does.
        let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
        let cword = words.len() - 1;
        let prev = if cword > 0 { words[cword - 1] } else { "" };
        let program = format!(
            "{script}\nCOMP_WORDS=({}); COMP_CWORD={cword}; _guarantor guarantor '{}' '{prev}'; echo \"${{COMPREPLY[*]}}\"",
            quoted.join(" "),
            words[cword]
        );
        let out = Command::new("bash")
            .args(["--norc", "--noprofile", "-c", &program])
            .output()
            .expect("bash runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    assert_eq!(complete(&["guarantor", "ca"]), "capacities");
    assert_eq!(complete(&["guarantor", "assess", "--for"]), "--format");
    assert_eq!(
        complete(&["guarantor", "assess", "--format", ""]),
        "text json csv"
    );
    assert_eq!(
        complete(&["guarantor", "assess", "--format", "csv", "--table", ""]),
        "coverage pledges contributors"
    );
}

#[test]
fn every_shell_gets_a_script() {
    for (shell, marker) in [
        ("zsh", "#compdef guarantor"),
        ("fish", "complete -c guarantor"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[guarantor]"),
    ] {
        let out = run(&["completions", shell]);
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        assert!(out.stdout.contains(marker), "{shell}: no `{marker}`");
        assert!(out.stdout.contains("capacities"), "{shell}: commands");
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let out = run(&["completions", "tcsh"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.contains("invalid value 'tcsh'")
            && out.stderr.contains("bash, elvish, fish, powershell, zsh"),
        "{}",
        out.stderr
    );
}

#[test]
fn man_page_has_name_synopsis_and_the_commands() {
    let out = run(&["man"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    let page = &out.stdout;
    assert!(page.starts_with(".ie \\n(.g"), "roff");
    assert!(page.contains(".TH guarantor 1"), "title");
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH DESCRIPTION",
        ".SH SUBCOMMANDS",
    ] {
        assert!(page.contains(section), "no `{section}`");
    }
    assert!(page.contains("guarantor \\- Turn a multinational security guarantee"));
    for command in [
        "assess",
        "capacities",
        "simulate",
        "sensitivity",
        "completions",
        "man",
    ] {
        assert!(
            page.contains(&format!("guarantor\\-{command}(1)")),
            "`{command}` listed"
        );
    }
}

#[test]
fn a_command_has_its_own_page() {
    let out = run(&["man", "assess"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains(".TH guarantor-assess 1"), "title");
    assert!(out.stdout.contains("\\fBguarantor assess\\fR"), "synopsis");
    assert!(out.stdout.contains("\\-\\-without"), "options");
    assert!(out.stdout.contains("\\-\\-format"), "options");
}

#[test]
fn man_for_an_unknown_command_says_which_exist() {
    let out = run(&["man", "asess"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(
        lines[0],
        "error: no command `asess` (did you mean `assess`?)"
    );
    assert!(
        lines[1].starts_with("help: the commands are `assess`, `compare`, "),
        "{}",
        out.stderr
    );
    assert!(lines[1].ends_with("`completions`, `man`"), "{}", out.stderr);
    assert_eq!(lines.len(), 2);
}

#[test]
fn help_texts() {
    insta::assert_snapshot!("help_completions", run(&["completions", "--help"]).stdout);
    insta::assert_snapshot!("help_man", run(&["man", "--help"]).stdout);
}

/// Runs a shell command line under a pseudo-terminal (`script` from util-linux), as a person at
/// a terminal would; returns everything the terminal received. `None` when `script` is missing.
fn on_a_terminal(command_line: &str) -> Option<String> {
    let out = Command::new("script")
        .args(["-qec", command_line, "/dev/null"])
        .current_dir(root())
        .stdin(Stdio::null())
        .output()
        .ok()?;
    assert!(out.status.success(), "{command_line}: {out:?}");
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A long `sensitivity` run shows a progress bar on a terminal (10,000 × 52 evaluations), and
/// none with `--json`; off a terminal it never shows (stderr stays empty).
#[test]
fn long_sensitivity_runs_show_progress_on_a_terminal_only() {
    let bin = env!("CARGO_BIN_EXE_guarantor");
    let args = "sensitivity scenarios/ukraine-2025-08.toml --samples 10000 --bootstrap 10";
    let Some(screen) = on_a_terminal(&format!("{bin} {args}")) else {
        eprintln!("`script` is not installed; the terminal half of this test did not run");
        return;
    };
    assert!(screen.contains("/520000 evaluations, "), "a bar:\n{screen}");
    assert!(screen.contains("Sobol"), "then the result:\n{screen}");
    let json = on_a_terminal(&format!("{bin} {args} --json")).expect("script ran once");
    assert!(
        !json.contains("evaluations, "),
        "no bar with --json:\n{json}"
    );
    let piped = run(&args.split(' ').collect::<Vec<_>>());
    assert_eq!(piped.code, 0);
    assert_eq!(piped.stderr, "", "no bar off a terminal");
}
