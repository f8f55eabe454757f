//! End-to-end tests of `guarantor report` and `guarantor serve`'s argument checks: the real
//! binary in a scratch directory. The page itself is tested in `crates/report` (content,
//! escaping) and the server in `crates/server` (API, browser).

use std::path::Path;
use std::process::{Command, Output};

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_guarantor"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("guarantor runs")
}

fn scenario() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../scenarios/ukraine-2025-08.toml")
        .display()
        .to_string()
}

#[test]
fn report_writes_one_self_contained_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(dir.path(), &["report", &scenario(), "-o", "r.html"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "wrote r.html\n");
    assert!(out.stdout.is_empty());
    let page = std::fs::read_to_string(dir.path().join("r.html")).expect("page written");
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert_eq!(page.matches("<svg").count(), 2);
    assert!(page.contains("without USA"));
    assert!(!page.contains("<script"));
}

#[test]
fn report_to_stdout_is_the_same_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = run(dir.path(), &["report", &scenario(), "-o", "r.html"]);
    assert_eq!(file.status.code(), Some(0));
    let out = run(dir.path(), &["report", &scenario(), "-o", "-"]);
    assert_eq!(out.status.code(), Some(0));
    let page = std::fs::read(dir.path().join("r.html")).expect("page");
    assert!(out.stdout == page, "same inputs, same bytes");
}

#[test]
fn report_without_an_unknown_contributor_is_bad_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(
        dir.path(),
        &["report", &scenario(), "-o", "r.html", "--without", "USB"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: `--without USB`: no contributor `USB` in this scenario (did you mean `USA`?)\n"
    );
    assert!(!dir.path().join("r.html").exists());
}

#[test]
fn serve_refuses_a_scenarios_directory_that_is_not_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(dir.path(), &["serve", "--scenarios", "nowhere"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: `nowhere` is not a directory of scenarios\nhelp: pass `--scenarios DIR`\n"
    );
}
