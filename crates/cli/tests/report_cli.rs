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
    // Coverage per capability and per layer, credibility against the references, robustness,
    // tornado, burden (no ledger: no timeline).
    assert_eq!(page.matches("<svg").count(), 6);
    assert!(page.contains("without USA"));
    // One script, the chart downloads (allowed by its hash), and a download pair per chart.
    assert_eq!(page.matches("<script").count(), 1);
    assert!(page.contains(&format!(
        "<script>{}</script>",
        guarantor_report::html::DOWNLOAD_JS
    )));
    assert_eq!(page.matches("data-download=\"png\"").count(), 6);
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

#[test]
fn report_has_robustness_sensitivity_and_allocation_and_says_how_to_get_a_timeline() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(dir.path(), &["report", &scenario(), "-o", "-"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let page = String::from_utf8(out.stdout).expect("UTF-8");
    for id in ["robustness", "sensitivity", "allocation", "timeline"] {
        assert!(page.contains(&format!("id=\"{id}\"")), "section {id}");
    }
    assert!(page.contains("10,000 draws (seed 0)"));
    assert!(page.contains("Sensitivity tornado of share met"));
    assert!(page.contains("No evidence ledger was given."));
    assert_eq!(page.matches("<svg").count(), 6);
    assert_eq!(
        page.matches("<script").count(),
        1,
        "only the chart downloads"
    );
}

#[test]
fn report_without_robustness_or_allocation_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(
        dir.path(),
        &[
            "report",
            &scenario(),
            "-o",
            "-",
            "--draws",
            "0",
            "--no-allocation",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let page = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(page.contains("Not computed for this report (<code>--draws 0</code>"));
    assert!(page.contains("Not computed for this report (<code>--no-allocation</code>)"));
    // Coverage per capability and per layer, credibility against the references.
    assert_eq!(page.matches("<svg").count(), 3);
}

#[test]
fn report_with_a_missing_ledger_is_bad_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(
        dir.path(),
        &["report", &scenario(), "-o", "r.html", "--db", "nowhere.db"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: no evidence database at `nowhere.db`\nhelp: create one with `guarantor ingest ARTICLES... --db nowhere.db`\n"
    );
    assert!(!dir.path().join("r.html").exists());
}

#[test]
fn report_with_a_file_that_is_not_a_ledger_is_bad_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("notes.db"), "not a database").expect("write");
    let out = run(
        dir.path(),
        &["report", &scenario(), "-o", "r.html", "--db", "notes.db"],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: cannot open `notes.db`: "),
        "{stderr}"
    );
    assert!(!dir.path().join("r.html").exists());
}

#[test]
fn report_with_a_ledger_draws_the_timeline_with_linked_quotes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fixture = |name: &str| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../evidence/tests/fixtures/articles")
            .join(name)
            .display()
            .to_string()
    };
    let ingest = run(
        dir.path(),
        &[
            "ingest",
            &fixture("a01-northwind-europe-seeks-us-role.txt"),
            &fixture("a05-channelpost-leavitt.txt"),
            "--db",
            "ev.db",
        ],
    );
    assert_eq!(ingest.status.code(), Some(0), "{ingest:?}");
    let out = run(
        dir.path(),
        &[
            "report",
            &scenario(),
            "-o",
            "-",
            "--db",
            "ev.db",
            "--no-robustness",
            "--no-allocation",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let page = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(page.contains("<h2 id=\"timeline\">Stance timeline</h2>"));
    assert!(
        page.contains("href=\"#stmt-1\""),
        "markers link to the quotes"
    );
    assert!(page.contains("<tr id=\"stmt-1\">"));
    assert!(page.contains("Karoline Leavitt"));
    assert!(page.contains("<a href=\"https://northwind.example/2025/01/15/europe-guarantees\" rel=\"noreferrer noopener\">"));
    // Coverage per capability and per layer, credibility against the references, timeline.
    assert_eq!(page.matches("<svg").count(), 4);
}
