//! `--basis`: which pledges count, by status, on every command that reads a scenario.

use crate::util::run;

const JAN26: &str = "scenarios/ukraine-2026-01.toml";

fn in_force(basis: &str) -> u64 {
    let j = run(&["assess", JAN26, "--basis", basis, "--json"]).json();
    j["summary"]["pledges_in_force"].as_u64().unwrap()
}

/// Firmer bases count fewer pledges: in January 2026 only the pledges of the signed declaration
/// of intent and the agreed US technical support are firm.
#[test]
fn firmer_bases_count_fewer_pledges() {
    let (all, announced, firm) = (in_force("all"), in_force("announced"), in_force("firm"));
    assert!(
        all > announced && announced > firm && firm > 0,
        "{all} {announced} {firm}"
    );
    let j = run(&["assess", JAN26, "--basis", "firm", "--json"]).json();
    for p in j["pledges"].as_array().unwrap() {
        if p["in_force"].as_bool().unwrap() {
            let status = p["status"].as_str().unwrap();
            assert!(
                ["agreed", "signed", "delivered"].contains(&status),
                "{status} counted under firm"
            );
        }
    }
}

/// Italy's Article-5-like commitment waits for a *signed* US one; the US commitment is only
/// reported in January 2026, so it lapses, and says why.
#[test]
fn a_commitment_waiting_on_a_signed_us_one_lapses() {
    let j = run(&["assess", JAN26, "--json"]).json();
    let lapsed: Vec<&str> = j["lapsed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["pledge"].as_str().unwrap())
        .collect();
    assert!(lapsed.contains(&"ita-article5-like"), "{lapsed:?}");
}

#[test]
fn an_unknown_basis_is_a_usage_error() {
    let out = run(&["assess", JAN26, "--basis", "sure"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains(
            "invalid value 'sure' for '--basis <BASIS>': expected one of all, announced, firm"
        ),
        "{}",
        out.stderr
    );
}

/// `--basis` and `--as-of` are offered by the commands that read a scenario and by no other:
/// `schema`, `ingest` or `completions` read none, and `serve` reads its folder itself.
#[test]
fn the_reading_flags_are_offered_only_where_a_scenario_is_read() {
    for command in [
        "assess",
        "compare",
        "capacities",
        "timeline",
        "allocate",
        "check",
        "credibility",
        "simulate",
        "sensitivity",
        "report",
    ] {
        let help = run(&[command, "--help"]).stdout;
        assert!(
            help.contains("--basis <BASIS>") && help.contains("--as-of <DATE>"),
            "{command} --help lacks the reading flags:\n{help}"
        );
    }
    for command in [
        "schema",
        "ingest",
        "evidence",
        "serve",
        "completions",
        "man",
    ] {
        let help = run(&[command, "--help"]).stdout;
        assert!(
            !help.contains("--basis") && !help.contains("--as-of"),
            "{command} --help offers a flag it ignores:\n{help}"
        );
    }
    let top = run(&["--help"]).stdout;
    assert!(
        !top.contains("--basis") && !top.contains("--as-of"),
        "{top}"
    );
    // Given to a command that reads no scenario, they are a usage error, not silently ignored.
    let out = run(&["schema", "--basis", "firm"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
}
