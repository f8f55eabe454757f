//! Bad input: every message a user can get from a wrong file or flag, with its exit code (2).

use crate::util::{run, run_in, scratch_file};

#[test]
fn missing_file() {
    let out = run(&["assess", "no/such/file.toml"]);
    assert_eq!(out.code, 2);
    insta::assert_snapshot!(out.transcript());
}

#[test]
fn a_directory_is_not_a_scenario() {
    let out = run(&["assess", "scenarios"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(
        out.stderr.starts_with("error: cannot read `scenarios`"),
        "{}",
        out.stderr
    );
}

#[test]
fn binary_file() {
    let (dir, _) = scratch_file("x.toml", "");
    std::fs::write(dir.path().join("x.toml"), [0xff, 0xfe, 0x00, 0x80]).unwrap();
    let out = run_in(dir.path(), &["assess", "x.toml"]);
    assert_eq!(out.code, 2);
    insta::assert_snapshot!(out.transcript());
}

#[test]
fn scenario_with_an_error_names_line_and_column() {
    let text = std::fs::read_to_string(crate::util::root().join("scenarios/ukraine-2025-08.toml"))
        .unwrap()
        .replacen(
            "capability = \"air_defence\"\nquantity = [1, 2]",
            "capability = \"air_defense\"\nquantity = [1, 2]",
            1,
        );
    let (dir, _) = scratch_file("bad.toml", &text);
    let out = run_in(dir.path(), &["assess", "bad.toml"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    insta::assert_snapshot!(out.transcript());
}

#[test]
fn unknown_without_code() {
    let out = run(&[
        "assess",
        "scenarios/ukraine-2025-08.toml",
        "--without",
        "USB",
    ]);
    assert_eq!(out.code, 2);
    insta::assert_snapshot!(out.transcript());
}

#[test]
fn bad_set_paths() {
    let out = run(&[
        "assess",
        "scenarios/ukraine-2025-08.toml",
        "--set",
        "pledges.gbr-trops.quantity=1",
    ]);
    assert_eq!(out.code, 2);
    insta::assert_snapshot!(out.transcript());
    let out = run(&[
        "assess",
        "scenarios/ukraine-2025-08.toml",
        "--set",
        "quantity",
    ]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("is not of the form PATH=VALUE"),
        "{}",
        out.stderr
    );
}

#[test]
fn set_value_is_checked_like_a_hand_edit() {
    let out = run(&[
        "assess",
        "scenarios/ukraine-2025-08.toml",
        "--set",
        "pledges.gbr-troops.quantity=-5",
    ]);
    assert_eq!(out.code, 2);
    insta::assert_snapshot!(out.transcript());
}

#[test]
fn unknown_subcommand_and_flag_are_usage_errors() {
    assert_eq!(run(&["asses"]).code, 2);
    assert_eq!(run(&["assess", "--jsn"]).code, 2);
    let out = run(&["compare", "scenarios/ukraine-2025-08.toml"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.starts_with("error: nothing to compare"),
        "{}",
        out.stderr
    );
}

#[test]
fn check_reports_every_file() {
    let (dir, _) = scratch_file("bad.toml", "[scenario]\nid = \"x\"\n");
    let out = run_in(
        dir.path(),
        &[
            "check",
            "bad.toml",
            &crate::util::root()
                .join("scenarios/ukraine-2025-01.toml")
                .display()
                .to_string(),
        ],
    );
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("bad.toml: 1 error"), "{}", out.stderr);
    assert!(
        out.stderr.contains("ukraine-2025-01.toml: ok"),
        "{}",
        out.stderr
    );
}
