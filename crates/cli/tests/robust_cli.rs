//! `guarantor simulate` and `guarantor sensitivity` as a user runs them (issue 3): the JSON
//! document, determinism across `--threads`, `--without`, and bad input with exit code 2.

#[path = "cli/util.rs"]
#[allow(dead_code)]
mod util;

use util::{run, run_in, scratch_file};

const AUGUST: &str = "scenarios/ukraine-2025-08.toml";

#[test]
fn simulate_json_has_the_documented_shape() {
    let out = run(&[
        "simulate", AUGUST, "--draws", "20000", "--seed", "7", "--json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "", "no progress bar or warning with --json");
    let json = out.json();
    let p = json["p_all_met"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&p));
    let reqs = json["requirements"].as_array().unwrap();
    assert_eq!(reqs.len(), 13);
    for r in reqs {
        for key in ["mission", "capability"] {
            assert!(r[key].is_string(), "{r}");
        }
        for key in ["p_met", "q05", "q50", "q95"] {
            let v = r[key].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&v), "{key} {r}");
        }
    }
    assert!(json["capabilities"][0]["expected_shortfall"].is_f64());
}

#[test]
fn simulate_is_identical_on_one_and_two_threads() {
    let args = [
        "simulate", AUGUST, "--draws", "30000", "--seed", "7", "--json",
    ];
    let one = run(&[&args[..], &["--threads", "1"]].concat());
    let two = run(&[&args[..], &["--threads", "2"]].concat());
    assert_eq!(one.code, 0);
    assert_eq!(one.stdout, two.stdout);
}

#[test]
fn without_usa_lowers_the_odds() {
    let with = run(&["simulate", AUGUST, "--draws", "20000", "--json"]).json();
    let without = run(&[
        "simulate",
        AUGUST,
        "--draws",
        "20000",
        "--json",
        "--without",
        "USA",
    ])
    .json();
    assert!(without["p_all_met"].as_f64() <= with["p_all_met"].as_f64());
    let layer = |j: &serde_json::Value, l: &str| {
        j["layers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["layer"] == l)
            .unwrap()["p_all_met"]
            .as_f64()
            .unwrap()
    };
    assert!(layer(&without, "economic") < layer(&with, "economic"));
    assert_eq!(without["scenario"]["without"][0], "USA");
}

#[test]
fn simulate_text_report() {
    let out = run(&["simulate", AUGUST, "--draws", "5000", "--seed", "1"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("Probability that every requirement is met: 0.0%"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("Never met in any draw"),
        "{}",
        out.stdout
    );
}

#[test]
fn zero_draws_is_a_usage_error() {
    let out = run(&["simulate", AUGUST, "--draws", "0"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("invalid value '0' for '--draws <DRAWS>': 0 is not in 1.."),
        "{}",
        out.stderr
    );
    let out = run(&["sensitivity", AUGUST, "--samples", "0"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("invalid value '0' for '--samples <SAMPLES>'"),
        "{}",
        out.stderr
    );
}

#[test]
fn bad_probability_names_line_and_column() {
    let text = std::fs::read_to_string(util::root().join(AUGUST))
        .unwrap()
        .replacen("probability = 0.5\n", "probability = 1.5\n", 1);
    let line = text.lines().position(|l| l == "probability = 1.5").unwrap() + 1;
    let (dir, _) = scratch_file("bad.toml", &text);
    let out = run_in(dir.path(), &["simulate", "bad.toml", "--draws", "10"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains(
            "error: the probability of event `us_backstop` must be between 0 and 1, found `1.5`"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(&format!("bad.toml:{line}:15")),
        "{}",
        out.stderr
    );
}

#[test]
fn sensitivity_json_ranks_inputs() {
    let out = run(&[
        "sensitivity",
        AUGUST,
        "--output",
        "rear_presence.ground_troops",
        "--samples",
        "256",
        "--json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json = out.json();
    assert_eq!(json["output"], "rear_presence.ground_troops");
    let inputs = json["inputs"].as_array().unwrap();
    assert!(inputs[0]["total"].as_f64() >= inputs[1]["total"].as_f64());
    assert!(json["tornado"][0]["swing"].as_f64().unwrap() > 0.0);
}

#[test]
fn sensitivity_unknown_output() {
    let out = run(&[
        "sensitivity",
        AUGUST,
        "--output",
        "air_defense",
        "--samples",
        "16",
    ]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "error: `--output air_defense`: no such output (did you mean `air_defence`?)\n"
    );
}

#[test]
fn help_texts() {
    insta::assert_snapshot!("simulate_help", run(&["simulate", "--help"]).stdout);
    insta::assert_snapshot!("sensitivity_help", run(&["sensitivity", "--help"]).stdout);
}
