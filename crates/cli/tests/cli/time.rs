//! `--as-of DATE` on every command that reads a scenario, and `timeline --at DATE`: one scenario
//! at several dates. The January 2026 scenario dates the headquarters' move to London, the German
//! 2026 budget year, the UK's arms to 2030-31 and the US agreement to 2034.

use crate::util::{run, scratch_file};

const JAN26: &str = "scenarios/ukraine-2026-01.toml";

fn assess_at(date: &str) -> serde_json::Value {
    let out = run(&["assess", JAN26, "--as-of", date, "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.json()
}

/// (kind, reason) of a lapsed pledge.
fn lapse(j: &serde_json::Value, pledge: &str) -> Option<(String, String)> {
    j["lapsed"].as_array().unwrap().iter().find_map(|l| {
        (l["pledge"] == pledge).then(|| {
            (
                l["kind"].as_str().unwrap().to_string(),
                l["reason"].as_str().unwrap().to_string(),
            )
        })
    })
}

fn in_force(j: &serde_json::Value, pledge: &str) -> bool {
    j["pledges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == pledge)
        .unwrap()["in_force"]
        .as_bool()
        .unwrap()
}

#[test]
fn as_of_moves_what_is_in_force() {
    let own = run(&["assess", JAN26, "--json"]).json();
    let jan = assess_at("2026-01-06");
    assert_eq!(own, jan, "the scenario's own date is its as_of");
    assert_eq!(jan["scenario"]["as_of"], "2026-01-06");
    assert!(in_force(&jan, "fra-hq-staff"));
    assert_eq!(
        lapse(&jan, "gbr-hq-staff"),
        Some((
            "not_yet_in_force".into(),
            "not yet in force: in force from 2026-07-01, assessed at 2026-01-06".into()
        ))
    );

    let july = assess_at("2026-07-01");
    assert_eq!(july["scenario"]["as_of"], "2026-07-01");
    assert!(in_force(&july, "gbr-hq-staff"));
    assert_eq!(lapse(&july, "fra-hq-staff").unwrap().0, "ended");

    let later = assess_at("2032-01-01");
    for pledge in ["deu-arms", "gbr-arms"] {
        assert_eq!(lapse(&later, pledge).unwrap().0, "ended", "{pledge}");
    }
    assert_eq!(
        lapse(&later, "gbr-arms").unwrap().1,
        "no longer in force: in force until 2031-04-01, assessed at 2032-01-01"
    );
    assert!(in_force(&later, "usa-bilateral"));
    assert_eq!(
        lapse(&assess_at("2034-06-13"), "usa-bilateral").unwrap().0,
        "ended"
    );
}

#[test]
fn as_of_applies_to_simulate_and_credibility() {
    let sim = |date: &str| {
        let out = run(&[
            "simulate", JAN26, "--as-of", date, "--draws", "2000", "--seed", "1", "--json",
        ]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        out.json()
    };
    // Mean arms_supply shortfall over the draws, EUR bn a year.
    let arms = |j: &serde_json::Value| -> f64 {
        let rows = j["requirements"].as_array().unwrap();
        let row = rows
            .iter()
            .find(|r| r["capability"] == "arms_supply")
            .unwrap_or_else(|| panic!("{rows:?}"));
        row["expected_shortfall"].as_f64().unwrap()
    };
    let (jan, later) = (sim("2026-01-06"), sim("2032-01-01"));
    assert_eq!(jan["scenario"]["as_of"], "2026-01-06");
    assert_eq!(later["scenario"]["as_of"], "2032-01-01");
    // Germany's and the UK's arms (EUR 15 bn a year) have run out by 2032.
    assert!(
        arms(&later) > arms(&jan) + 10.0,
        "{} {}",
        arms(&later),
        arms(&jan)
    );

    let cred = |date: &str| {
        let out = run(&["credibility", JAN26, "--as-of", date, "--json"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        out.json()
    };
    // The package's own score: capability coverage falls when the arms run out.
    let score = |date: &str| -> f64 {
        let j = cred(date);
        let ranking = j["ranking"].as_array().unwrap();
        let own = ranking
            .iter()
            .find(|r| r["id"] == "ukraine-2026-01")
            .unwrap();
        assert_eq!(own["as_of"], date);
        own["score"].as_f64().unwrap()
    };
    let (jan, later) = (score("2026-01-06"), score("2032-01-01"));
    assert!(later < jan, "{later} {jan}");
}

#[test]
fn a_bad_as_of_is_a_usage_error_that_says_why() {
    for (date, why) in [
        (
            "2025-02-31",
            "`2025-02-31` does not exist: February 2025 has 28 days",
        ),
        (
            "2025-13-01",
            "`2025-13-01` has month 13; months run from 01 to 12",
        ),
        (
            "06/01/2026",
            "expected a date written YYYY-MM-DD, e.g. 2026-01-06",
        ),
    ] {
        let out = run(&["assess", JAN26, "--as-of", date]);
        assert_eq!(out.code, 2, "{date}");
        assert!(out.stdout.is_empty());
        let expected = format!("invalid value '{date}' for '--as-of <DATE>': {why}");
        assert!(out.stderr.contains(&expected), "{}", out.stderr);
    }
}

#[test]
fn one_scenario_at_several_dates() {
    let out = run(&[
        "timeline",
        JAN26,
        "--at",
        "2026-01-06",
        "--at",
        "2026-07-01",
        "--at",
        "2032-01-01",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!(out.transcript());

    let j = run(&[
        "timeline",
        JAN26,
        "--at",
        "2026-01-06",
        "--at",
        "2032-01-01",
        "--json",
    ])
    .json();
    let states = j["states"].as_array().unwrap();
    let dates: Vec<&str> = states
        .iter()
        .map(|s| s["as_of"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2026-01-06", "2032-01-01"]);
    let coverage = |s: &serde_json::Value| s["mean_coverage"].as_f64().unwrap();
    assert!(coverage(&states[1]) < coverage(&states[0]));
    assert!(states[1]["pledges_lapsed"].as_u64() > states[0]["pledges_lapsed"].as_u64());
}

#[test]
fn a_scenario_without_dates_does_not_move() {
    let j = run(&[
        "timeline",
        "scenarios/ukraine-2025-08.toml",
        "--at",
        "2020-01-01",
        "--at",
        "2040-01-01",
        "--json",
    ])
    .json();
    let mut states = j["states"].as_array().unwrap().clone();
    for s in &mut states {
        s["as_of"] = serde_json::Value::Null;
    }
    assert_eq!(states[0], states[1]);
}

#[test]
fn at_and_as_of_together_is_a_usage_error() {
    let out = run(&[
        "timeline",
        JAN26,
        "--at",
        "2026-01-06",
        "--as-of",
        "2026-07-01",
    ]);
    assert_eq!(out.code, 2);
    assert!(out.stdout.is_empty());
    assert_eq!(
        out.stderr,
        "error: `--at` and `--as-of` both set the date to assess at; give `--at` once per date\n"
    );
    let out = run(&["timeline", JAN26, "--at", "2026-02-30"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains(
            "invalid value '2026-02-30' for '--at <DATE>': `2026-02-30` does not exist: February 2026 has 28 days"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn a_set_date_is_checked_like_a_hand_edit() {
    // `--set` writes a TOML date; a real one moves the ceasefire, an impossible one is an error
    // pointing at the value.
    let (_dir, path) = scratch_file(
        "s.toml",
        &std::fs::read_to_string(crate::util::root().join(JAN26)).unwrap(),
    );
    let path = path.to_str().unwrap();
    let out = run(&[
        "assess",
        path,
        "--set",
        "events.ceasefire.date=2026-03-01",
        "--json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let j = out.json();
    assert_eq!(lapse(&j, "gbr-trainers").unwrap().0, "event_later");
    let out = run(&["assess", path, "--set", "events.ceasefire.date=2026-02-30"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("`2026-02-30` does not exist: February 2026 has 28 days"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_report_is_written_as_of_the_date() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("r.html");
    let out = run(&[
        "report",
        JAN26,
        "--as-of",
        "2032-01-01",
        "-o",
        html.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("2032-01-01"));
    assert!(
        !page.contains("2026-01-06"),
        "the scenario's own date is replaced"
    );
    assert!(page.contains("no longer in force: in force until 2031-04-01, assessed at 2032-01-01"));
}
