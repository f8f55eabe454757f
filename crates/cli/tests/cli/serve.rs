//! `guarantor serve --db`: a ledger that is missing or is not a ledger stops the server before it
//! listens, with exit code 2 and a message that says what to do. (The app itself is tested in
//! `crates/server`.)

use crate::util::{run_in, scratch_file};

#[test]
fn serve_refuses_a_missing_ledger() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("scenarios")).expect("scenarios");
    let out = run_in(
        dir.path(),
        &["serve", "--db", "no/such.db", "--addr", "127.0.0.1:0"],
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stdout.is_empty());
    assert_eq!(
        out.stderr,
        "error: no evidence database at `no/such.db`\nhelp: create one with `guarantor ingest ARTICLES... --db no/such.db`\n"
    );
}

#[test]
fn serve_refuses_a_file_that_is_not_a_ledger() {
    let (dir, _) = scratch_file("notes.db", "these are my notes, not a database\n");
    std::fs::create_dir(dir.path().join("scenarios")).expect("scenarios");
    let out = run_in(
        dir.path(),
        &["serve", "--db", "notes.db", "--addr", "127.0.0.1:0"],
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "error: cannot open evidence database `notes.db`: SQLite error: file is not a database\n"
    );

    // An empty file is an SQLite database without the ledger's tables.
    std::fs::write(dir.path().join("empty.db"), "").expect("write");
    let out = run_in(
        dir.path(),
        &["serve", "--db", "empty.db", "--addr", "127.0.0.1:0"],
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "error: cannot open evidence database `empty.db`: file is not a Guarantor ledger (no schema); create one with `guarantor ingest`\n"
    );
}
