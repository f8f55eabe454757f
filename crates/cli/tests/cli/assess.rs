//! `assess`, `compare`, `check` and `schema` on the shipped scenarios: snapshots of what a user
//! reads, and the checks the "done when" list names.

use crate::util::run;

const AUG: &str = "scenarios/ukraine-2025-08.toml";
const JAN: &str = "scenarios/ukraine-2025-01.toml";

#[test]
fn assess_august_text() {
    let out = run(&["assess", AUG]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn assess_january_text() {
    let out = run(&["assess", JAN]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn assess_without_usa_text() {
    let out = run(&["assess", AUG, "--without", "USA"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn assess_august_json() {
    let out = run(&["assess", AUG, "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_json_snapshot!(out.json());
}

#[test]
fn no_file_assesses_the_bundled_scenario() {
    let bundled = run(&["assess", "--json"]).json();
    let file = run(&["assess", AUG, "--json"]).json();
    assert_eq!(bundled, file);
}

/// The keys the issue fixes for `--json`, with their fields.
#[test]
fn json_has_the_agreed_keys() {
    let j = run(&["assess", AUG, "--json"]).json();
    let fields = |key: &str, names: &[&str]| {
        let list = j[key]
            .as_array()
            .unwrap_or_else(|| panic!("`{key}` is a list"));
        assert!(!list.is_empty() || key == "lapsed", "`{key}` is empty");
        for item in list {
            for n in names {
                assert!(item.get(n).is_some(), "`{key}` item lacks `{n}`: {item}");
            }
        }
    };
    fields(
        "requirements",
        &["layer", "mission", "capability", "required"],
    );
    fields(
        "coverage",
        &[
            "layer",
            "mission",
            "capability",
            "required",
            "pledged",
            "gap",
        ],
    );
    fields(
        "contributors",
        &["code", "capability", "pledged", "capacity", "over_capacity"],
    );
    fields("red_lines", &["party", "text", "violated", "violated_by"]);
    assert!(j["lapsed"].is_array());
}

fn gap(j: &serde_json::Value, capability: &str) -> f64 {
    j["capabilities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["capability"] == capability)
        .map_or(0.0, |c| c["gap"].as_f64().unwrap())
}

/// Done when: `--without USA` widens the air, air-defence and intelligence gaps and lists the
/// European pledges that lapse with the US backstop.
#[test]
fn without_usa_widens_backstop_gaps_and_lapses_european_pledges() {
    let with = run(&["assess", AUG, "--json"]).json();
    let without = run(&["assess", AUG, "--json", "--without", "USA"]).json();
    for cap in ["air_power", "air_defence", "intelligence"] {
        assert!(
            gap(&without, cap) > gap(&with, cap),
            "{cap}: gap {} without the US, {} with",
            gap(&without, cap),
            gap(&with, cap)
        );
    }
    let lapsed: Vec<(&str, &str)> = without["lapsed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["pledge"].as_str().unwrap(),
                l["contributor"].as_str().unwrap(),
            )
        })
        .collect();
    for pledge in [
        "gbr-troops",
        "fra-troops",
        "gbr-air",
        "fra-air",
        "fra-samp-t",
    ] {
        assert!(
            lapsed.iter().any(|(p, _)| *p == pledge),
            "{pledge} should lapse: {lapsed:?}"
        );
    }
    assert!(
        lapsed.iter().all(|(_, c)| *c != "USA"),
        "US pledges are excluded, not lapsed"
    );
    assert!(with["lapsed"].as_array().unwrap().is_empty());
}

#[test]
fn compare_with_and_without_usa() {
    let out = run(&["compare", AUG, "--without", "USA"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn compare_january_with_august() {
    let out = run(&["compare", JAN, AUG]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!(out.stdout);
    let j = run(&["compare", JAN, AUG, "--json"]).json();
    assert!(j["coverage"].as_array().unwrap().len() > 5);
}

#[test]
fn set_changes_a_value_and_the_gap_moves() {
    let before = run(&["assess", AUG, "--json"]).json();
    let after = run(&[
        "assess",
        AUG,
        "--json",
        "--set",
        "pledges.gbr-troops.quantity=5000",
    ])
    .json();
    assert!(gap(&after, "ground_troops") < gap(&before, "ground_troops"));
    let mid = run(&[
        "assess",
        AUG,
        "--json",
        "--set",
        "scenario.quantity_basis=mid",
    ])
    .json();
    assert_eq!(mid["scenario"]["quantity_basis"], "mid");
    let no_ceasefire = run(&[
        "assess",
        AUG,
        "--json",
        "--set",
        "events.ceasefire.holds=false",
    ])
    .json();
    assert!(no_ceasefire["lapsed"].as_array().unwrap().len() >= 8);
}

#[test]
fn shipped_scenarios_check_clean() {
    let mut files = vec![AUG.to_string(), JAN.to_string()];
    for entry in std::fs::read_dir(crate::util::root().join("scenarios/validation")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            files.push(path.display().to_string());
        }
    }
    for f in files {
        let out = run(&["check", &f]);
        assert_eq!(out.code, 0, "{f}: {}", out.stderr);
        assert!(
            out.stderr.ends_with(": ok\n"),
            "{f} has warnings:\n{}",
            out.stderr
        );
    }
}

#[test]
fn schemas_are_json() {
    let scenario = run(&["schema"]).json();
    assert_eq!(scenario["title"], "Guarantor scenario");
    assert!(scenario["properties"]["pledges"].is_object());
    // Editors complete closed vocabularies from the schema's enums.
    // Statuses from least to most firm, as the scale orders them.
    let statuses: Vec<&str> = scenario["$defs"]["Status"]["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["const"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        [
            "rumoured",
            "floated",
            "reported",
            "conditional",
            "stated",
            "agreed",
            "signed",
            "delivered"
        ]
    );
    let assessment = run(&["schema", "assessment"]).json();
    assert!(assessment["properties"]["coverage"].is_object());
    // The keys the CLI adds to the engine's document are in the schema too.
    assert!(assessment["properties"]["credibility"].is_object());
    assert!(assessment["properties"]["evidence"].is_object());
    let simulation = run(&["schema", "simulation"]).json();
    for key in ["p_all_met", "share_met", "requirements", "layers"] {
        assert!(simulation["properties"][key].is_object(), "{key}");
    }
}

#[test]
fn help_texts() {
    insta::assert_snapshot!("help", run(&["--help"]).stdout);
    insta::assert_snapshot!("help_assess", run(&["assess", "--help"]).stdout);
}

/// `assess --db`: scenario entries are checked against an evidence ledger built by `ingest`.
#[test]
fn assess_with_an_evidence_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    let db = db.to_str().unwrap();
    let ingest = run(&[
        "ingest",
        "crates/evidence/tests/fixtures/articles",
        "--db",
        db,
    ]);
    assert_eq!(ingest.code, 0, "{}", ingest.stderr);
    let out = run(&["assess", AUG, "--db", db]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("EVIDENCE (scenario entries against the ledger)")
    );
    // The fixtures are a ledger of one's own: it holds none of the ids the scenario cites (the
    // bundled ledger's), which one line says, and only the entries it has statements for are
    // listed, each once (a red line over several capabilities too); fra-trainers is not.
    assert!(
        out.stdout.contains("  the ledger holds none of the statements the scenario cites (those are the bundled ledger's: `guarantor ingest ledger`)\n"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("does not hold ("), "{}", out.stdout);
    assert!(!out.stdout.contains("fra-trainers"), "{}", out.stdout);
    assert_eq!(out.stdout.matches("  rus-no-nato-troops: ").count(), 1);
    // The fixtures' articles of 2026 are later than the scenario's 19 August 2025.
    assert!(
        out.stdout.contains(" statements of the ledger are dated after the assessment date (2025-08-19) and were not weighed;"),
        "{}",
        out.stdout
    );
    let j = run(&["assess", AUG, "--db", db, "--json"]).json();
    let checks = j["evidence"]
        .as_array()
        .expect("an `evidence` key with --db");
    assert!(checks.iter().any(|c| c["entry"] == "ukr-us-troops"));
    // Without --db the document has no `evidence` key.
    assert!(
        run(&["assess", AUG, "--json"])
            .json()
            .get("evidence")
            .is_none()
    );
    let missing = run(&["assess", AUG, "--db", "no/such.db"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing
            .stderr
            .starts_with("error: no evidence database at `no/such.db`"),
        "{}",
        missing.stderr
    );
}
