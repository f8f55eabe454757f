//! `--format csv` of `assess` and `simulate`, and `guarantor capacities` (issue 15, "export"):
//! the CSV is parsed as a spreadsheet reader would, checked against the JSON document of the
//! same run, and snapshotted.

use crate::util::run;

const AUG: &str = "scenarios/ukraine-2025-08.toml";
const JAN: &str = "scenarios/ukraine-2025-01.toml";

/// The header and the rows of a CSV text, parsed with the `csv` crate (which insists that every
/// row has as many fields as the header).
fn parse(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            r.unwrap_or_else(|e| panic!("a CSV row ({e}):\n{text}"))
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect();
    (header, rows)
}

fn csv_of(args: &[&str]) -> (Vec<String>, Vec<Vec<String>>, String) {
    let out = run(args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    let (h, r) = parse(&out.stdout);
    (h, r, out.stdout)
}

fn column(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column `{name}` in {header:?}"))
}

fn number(cell: &str) -> f64 {
    cell.parse()
        .unwrap_or_else(|_| panic!("`{cell}` is not a plain number"))
}

#[test]
fn assess_csv_is_the_coverage_table_by_default() {
    let (header, rows, text) = csv_of(&["assess", AUG, "--format", "csv"]);
    assert_eq!(
        header,
        [
            "Layer",
            "Mission",
            "Capability",
            "Unit",
            "Required (in place)",
            "Pledged in force",
            "Gap",
            "Share covered (0-1)",
            "Force to generate (rotation included)",
            "Covered by"
        ]
    );
    let json = run(&["assess", AUG, "--json"]).json();
    let coverage = json["coverage"].as_array().unwrap();
    assert_eq!(rows.len(), coverage.len(), "one row per requirement");
    let (cap, unit, req, pledged, gap, share) = (
        column(&header, "Capability"),
        column(&header, "Unit"),
        column(&header, "Required (in place)"),
        column(&header, "Pledged in force"),
        column(&header, "Gap"),
        column(&header, "Share covered (0-1)"),
    );
    for (row, c) in rows.iter().zip(coverage) {
        assert_eq!(row[cap], c["capability"].as_str().unwrap());
        assert_eq!(row[unit], c["unit"].as_str().unwrap());
        // Needs are rounded up to the unit, never by more than one unit.
        let required = c["required"].as_f64().unwrap();
        let shown = number(&row[req]);
        assert!(
            shown >= required - 1e-6 && shown < required + 1.0,
            "{row:?}"
        );
        assert!((number(&row[pledged]) - c["pledged"].as_f64().unwrap()).abs() <= 0.5);
        let g = c["gap"].as_f64().unwrap();
        assert!(number(&row[gap]) >= g - 1e-6 && number(&row[gap]) < g + 1.0);
        assert!((number(&row[share]) - c["covered"].as_f64().unwrap()).abs() <= 0.0005);
        assert_eq!(
            row[share].split('.').nth(1).map(str::len),
            Some(3),
            "3 decimals"
        );
    }
    // The rear-area troops: whole people, the mission and the layer by name, who fills it.
    let troops = rows
        .iter()
        .find(|r| r[cap] == "ground_troops")
        .expect("a ground_troops row");
    assert_eq!(
        troops[column(&header, "Layer")],
        "European-led reassurance force"
    );
    assert!(
        !troops[req].contains('.') && !troops[req].contains(','),
        "{troops:?}"
    );
    assert!(troops[column(&header, "Covered by")].contains("United Kingdom 500"));
    insta::assert_snapshot!(text);
}

#[test]
fn assess_csv_pledges_say_why_a_pledge_is_not_in_force() {
    let (header, rows, text) = csv_of(&[
        "assess",
        AUG,
        "--format",
        "csv",
        "--table",
        "pledges",
        "--without",
        "USA",
    ]);
    let (id, in_force, why) = (
        column(&header, "Pledge"),
        column(&header, "In force"),
        column(&header, "Why not in force"),
    );
    let json = run(&["assess", AUG, "--json", "--without", "USA"]).json();
    let pledges = json["pledges"].as_array().unwrap();
    let excluded = json["excluded"].as_array().unwrap();
    assert_eq!(rows.len(), pledges.len() + excluded.len());
    for p in pledges {
        let row = rows
            .iter()
            .find(|r| r[id] == p["id"].as_str().unwrap())
            .unwrap();
        let expected = if p["in_force"].as_bool().unwrap() {
            "yes"
        } else {
            "no"
        };
        assert_eq!(row[in_force], expected, "{row:?}");
        assert_eq!(
            row[why].is_empty(),
            p["in_force"].as_bool().unwrap(),
            "{row:?}"
        );
        assert!(!row[why].contains('`'), "no Markdown in a cell: {row:?}");
    }
    let gbr = rows.iter().find(|r| r[id] == "gbr-troops").unwrap();
    assert_eq!(gbr[why], "requires USA:air_power, and no pledge matches it");
    let usa = rows.iter().find(|r| r[id] == "usa-air").unwrap();
    assert_eq!(usa[why], "removed with United States (--without USA)");
    insta::assert_snapshot!(text);
}

#[test]
fn assess_csv_contributors_set_pledges_against_capacity() {
    let (header, rows, text) =
        csv_of(&["assess", AUG, "--format", "csv", "--table", "contributors"]);
    let json = run(&["assess", AUG, "--json"]).json();
    let loads = json["contributors"].as_array().unwrap();
    assert_eq!(rows.len(), loads.len());
    let (code, cap, capacity, over) = (
        column(&header, "Code"),
        column(&header, "Capability"),
        column(&header, "Sustainable capacity (rotation included)"),
        column(&header, "Over sustainable capacity"),
    );
    for (row, l) in rows.iter().zip(loads) {
        assert_eq!(row[code], l["code"].as_str().unwrap());
        assert_eq!(row[cap], l["capability"].as_str().unwrap());
        let yes = if l["over_capacity"].as_bool().unwrap() {
            "yes"
        } else {
            "no"
        };
        assert_eq!(row[over], yes);
        match l["capacity"].as_f64() {
            // Capacities are rounded down: what can be sustained whole.
            Some(c) => {
                let shown = number(&row[capacity]);
                assert!(shown <= c + 1e-6 && shown > c - 1.0, "{row:?} vs {c}");
            }
            None => assert_eq!(row[capacity], ""),
        }
    }
    let gbr = rows
        .iter()
        .find(|r| r[code] == "GBR" && r[cap] == "ground_troops")
        .unwrap();
    assert_eq!(gbr[column(&header, "Contributor")], "United Kingdom");
    assert_eq!(gbr[capacity], "5680");
    insta::assert_snapshot!(text);
}

#[test]
fn json_flag_and_format_json_are_the_same() {
    let flag = run(&["assess", AUG, "--json"]);
    let format = run(&["assess", AUG, "--format", "json"]);
    assert_eq!(flag.code, 0);
    assert_eq!(flag.stdout, format.stdout);
    let text = run(&["assess", AUG, "--format", "text"]);
    assert_eq!(text.stdout, run(&["assess", AUG]).stdout);
}

#[test]
fn bad_format_flags_are_usage_errors() {
    let both = run(&["assess", AUG, "--json", "--format", "csv"]);
    assert_eq!(both.code, 2);
    assert_eq!(both.stdout, "");
    assert!(
        both.stderr
            .contains("the argument '--json' cannot be used with '--format <FORMAT>'"),
        "{}",
        both.stderr
    );
    let table = run(&["assess", AUG, "--table", "pledges"]);
    assert_eq!(table.code, 2);
    assert_eq!(table.stdout, "");
    assert_eq!(
        table.stderr,
        "error: `--table` chooses the table of `--format csv`\nhelp: add `--format csv`\n"
    );
    let unknown = run(&["assess", AUG, "--format", "xls"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("invalid value 'xls'"),
        "{}",
        unknown.stderr
    );
    assert!(
        unknown.stderr.contains("text, json, csv"),
        "{}",
        unknown.stderr
    );
    let db = run(&["assess", AUG, "--format", "csv", "--db", "nowhere.db"]);
    assert_eq!(db.code, 2);
    assert!(
        db.stderr
            .starts_with("error: `--db` adds an evidence section"),
        "{}",
        db.stderr
    );
}

#[test]
fn simulate_csv_has_the_odds_per_requirement() {
    let args = ["simulate", AUG, "--draws", "5000", "--seed", "1"];
    let (header, rows, text) = csv_of(&[&args[..], &["--format", "csv"]].concat());
    assert_eq!(
        header,
        [
            "Layer",
            "Mission",
            "Capability",
            "Unit",
            "Probability met (0-1)",
            "Standard error",
            "Coverage, 5th percentile (0-1)",
            "Coverage, median (0-1)",
            "Coverage, 95th percentile (0-1)",
            "Expected shortfall",
            "Expected requirement"
        ]
    );
    let json = run(&[&args[..], &["--json"]].concat()).json();
    let reqs = json["requirements"].as_array().unwrap();
    assert_eq!(rows.len(), reqs.len());
    for (row, r) in rows.iter().zip(reqs) {
        assert_eq!(row[2], r["capability"].as_str().unwrap());
        for (i, key) in [(4, "p_met"), (6, "q05"), (7, "q50"), (8, "q95")] {
            let v = r[key].as_f64().unwrap();
            assert_eq!(row[i], format!("{v:.3}"), "{key} of {row:?}");
        }
    }
    // The same draws whichever format prints them.
    let json_flag = run(&[&args[..], &["--format", "json"]].concat()).json();
    assert_eq!(json, json_flag);
    insta::assert_snapshot!(text);
}

#[test]
fn capacities_side_by_side() {
    let out = run(&["capacities", JAN, AUG]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    assert!(
        out.stdout.lines().all(|l| l.chars().count() <= 120),
        "fits 120 columns"
    );
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn capacities_csv_has_a_column_group_per_scenario() {
    let (header, rows, text) = csv_of(&["capacities", JAN, AUG, "--format", "csv"]);
    assert_eq!(header[..2], ["Contributor", "Code"]);
    let jan = column(
        &header,
        "ukraine-2025-01: ground_troops sustainable capacity (personnel)",
    );
    let aug = column(
        &header,
        "ukraine-2025-08: ground_troops sustainable capacity (personnel)",
    );
    assert!(jan < aug, "January's group comes first");
    let aug_pledged = column(
        &header,
        "ukraine-2025-08: ground_troops pledged (personnel)",
    );
    let json = run(&["assess", AUG, "--json"]).json();
    for load in json["contributors"].as_array().unwrap() {
        if load["capability"] != "ground_troops" {
            continue;
        }
        let row = rows
            .iter()
            .find(|r| r[1] == load["code"].as_str().unwrap())
            .unwrap();
        assert_eq!(number(&row[aug_pledged]), load["pledged"].as_f64().unwrap());
        let c = load["capacity"].as_f64().unwrap();
        assert_eq!(number(&row[aug]), c.floor(), "{row:?}");
    }
    // Estonia is not in the January scenario: its January cells are empty.
    let est = rows.iter().find(|r| r[1] == "EST").unwrap();
    assert_eq!(est[jan], "");
    insta::assert_snapshot!(text);
}

#[test]
fn capacities_json_lists_loads_per_scenario() {
    let out = run(&["capacities", JAN, AUG, "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let j = out.json();
    let ids: Vec<&str> = j["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["ukraine-2025-01", "ukraine-2025-08"]);
    let columns = j["capabilities"].as_array().unwrap();
    assert!(
        columns
            .iter()
            .all(|c| c["capability"] != "article5_like_guarantee")
    );
    let gbr = &j["scenarios"][1]["contributors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "GBR")
        .unwrap()["capabilities"][0];
    assert_eq!(gbr["capability"], "ground_troops");
    assert_eq!(gbr["capacity"], 5680.0);
}

#[test]
fn capacities_of_one_scenario_twice_is_bad_input() {
    let out = run(&["capacities", AUG, AUG]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    insta::assert_snapshot!(out.stderr);
}

#[test]
fn help_texts() {
    insta::assert_snapshot!("help_capacities", run(&["capacities", "--help"]).stdout);
}
