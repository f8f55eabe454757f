//! `guarantor credibility` (issue 5): the ranking among reference arrangements, `--without`, JSON
//! and bad input.

use crate::util::{run, scratch_file};

const AUG: &str = "scenarios/ukraine-2025-08.toml";

#[test]
fn credibility_with_references_text() {
    let out = run(&["credibility", AUG, "--references"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn credibility_json_ranks_the_scenario_under_its_own_name() {
    let out = run(&["credibility", AUG, "--references", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json = out.json();
    let ranking = json["ranking"].as_array().expect("ranking is a list");
    assert_eq!(ranking.len(), 6);
    assert!(
        ranking
            .iter()
            .any(|p| p["name"] == "Ukraine security guarantee, August 2025")
    );
    for p in ranking {
        assert!(p["score"].is_f64());
        assert!(p["indicators"].is_array());
    }
    assert_eq!(
        ranking.last().unwrap()["name"],
        "Budapest Memorandum (1994)"
    );
}

#[test]
fn credibility_without_usa_says_which_indicators_fell() {
    let out = run(&["credibility", AUG, "--without", "USA"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!(out.stdout);
    let json = run(&["credibility", AUG, "--without", "USA", "--json"]).json();
    let change = &json["change"];
    assert!(change["score_after"].as_f64() < change["score_before"].as_f64());
    assert_eq!(change["fell"][0]["indicator"], "major_power_backstop");
}

#[test]
fn credibility_without_an_unknown_contributor_is_bad_input() {
    let out = run(&["credibility", AUG, "--without", "USX"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "error: `--without USX`: no contributor `USX` in this scenario (did you mean `USA`?)\n"
    );
}

#[test]
fn credibility_with_a_bad_weights_file_is_bad_input() {
    let (_dir, path) = scratch_file("weights.toml", "[weights]\nlegal_form = \"high\"\n");
    let out = run(&["credibility", AUG, "--weights", path.to_str().unwrap()]);
    assert_eq!(out.code, 2);
    let stderr = out.stderr.replace(path.to_str().unwrap(), "[weights.toml]");
    assert_eq!(
        stderr,
        "error: [weights.toml]:2:14: invalid type: string \"high\", expected f64\n"
    );
}

#[test]
fn reference_arrangements_check_without_warnings() {
    let files = [
        "scenarios/references/nato-baltic-efp.toml",
        "scenarios/references/us-korea.toml",
        "scenarios/references/mfo-sinai.toml",
        "scenarios/references/bilateral-2024.toml",
        "scenarios/references/budapest-1994.toml",
    ];
    let mut args = vec!["check"];
    args.extend(files);
    let out = run(&args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let expected: String = files.iter().map(|f| format!("{f}: ok\n")).collect();
    assert_eq!(out.stderr, expected);
}
