//! `guarantor timeline`: the three bundled states of the Ukraine guarantee as one story, and
//! what a user sees when the input is wrong.

use crate::util::run;

const STATES: [&str; 3] = [
    "scenarios/ukraine-2025-01.toml",
    "scenarios/ukraine-2025-08.toml",
    "scenarios/ukraine-2026-01.toml",
];

#[test]
fn the_three_bundled_states_as_one_story() {
    let out = run(&["timeline", STATES[0], STATES[1], STATES[2]]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!(out.transcript());
}

#[test]
fn json_has_one_state_per_file_in_order() {
    let j = run(&["timeline", STATES[0], STATES[1], STATES[2], "--json"]).json();
    let states = j["states"].as_array().unwrap();
    let dates: Vec<&str> = states
        .iter()
        .map(|s| s["as_of"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2025-01-22", "2025-08-19", "2026-01-06"]);
    for s in states {
        let met = s["met"].as_u64().unwrap();
        assert!(met <= s["requirements"].as_u64().unwrap());
        let c = s["credibility"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&c));
        assert!(s["largest_gaps"].as_array().unwrap().len() <= 3);
    }
}

#[test]
fn the_chart_is_written_as_svg() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("t.svg");
    let out = run(&[
        "timeline",
        STATES[0],
        STATES[1],
        "--svg",
        svg.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(text.ends_with("</svg>"));
    // One polyline per series, one point per state.
    assert_eq!(text.matches("<polyline").count(), 3);
    assert_eq!(text.matches("<circle").count(), 6);
}

#[test]
fn no_file_and_a_missing_file_are_usage_errors() {
    let out = run(&["timeline"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("<FILES>..."), "{}", out.stderr);
    let out = run(&["timeline", STATES[0], "no-such.toml"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("no-such.toml"), "{}", out.stderr);
}
