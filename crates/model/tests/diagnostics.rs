//! Every kind of bad scenario input gets a diagnostic with file:line:column, the offending text
//! and a hint where one exists. Each case mutates one line of a small valid scenario and snapshots
//! what the user would read (`guarantor check` prints exactly this text).

use guarantor_model::{diag, load};

const VALID: &str = r#"[scenario]
id = "t"
name = "Test"
as_of = "2025-08-19"

[theatre]
protected = "UKR"
adversary = "RUS"

[[theatre.lines]]
id = "contact_line"
km = 1000
source = "test"

[[events]]
id = "ceasefire"
source = "test"

[[layers]]
id = "reassurance"
name = "Reassurance"

[[missions]]
id = "presence"
layer = "reassurance"
name = "Presence"

[[missions.requirements]]
capability = "ground_troops"
method = "per_km"
line = "contact_line"
density = 10
source = "test"

[[contributors]]
code = "GBR"
name = "United Kingdom"
alliances = ["NATO"]

[[contributors]]
code = "FRA"
name = "France"
alliances = ["NATO"]

[[pledges]]
id = "gbr"
contributor = "GBR"
capability = "ground_troops"
quantity = 500
mission = "presence"
status = "stated"
sources = ["test"]

[[pledges]]
id = "fra"
contributor = "FRA"
capability = "ground_troops"
quantity = [100, 200]
mission = "presence"
status = "conditional"
conditions = { requires = ["GBR:ground_troops"], after = "ceasefire" }
sources = ["test"]

[[red_lines]]
party = "RUS"
rule = "no troops from NATO in theatre"
source = "test"
date = "2025-08-18"
"#;

/// Replaces `from` (which must occur exactly once) and renders the diagnostics.
fn check(from: &str, to: &str) -> String {
    assert_eq!(VALID.matches(from).count(), 1, "`{from}` must occur once");
    let text = VALID.replace(from, to);
    let loaded = load(&text);
    assert!(loaded.has_errors(), "expected an error for `{to}`");
    assert!(loaded.scenario.is_none());
    diag::render("scenario.toml", &text, &loaded.diagnostics)
}

#[test]
fn the_base_scenario_is_valid() {
    let loaded = load(VALID);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert!(loaded.scenario.is_some());
}

#[test]
fn typo_in_a_key() {
    insta::assert_snapshot!(check("quantity = 500", "quantiy = 500"));
}

#[test]
fn wrong_type() {
    insta::assert_snapshot!(check("quantity = 500", "quantity = \"a lot\""));
}

/// Type errors say what the key takes, in the scenario's terms and with an example, and what was
/// found instead, for numbers, text, lists and tables.
#[test]
fn number_written_with_its_unit() {
    insta::assert_snapshot!(check("km = 1000", "km = \"1000 km\""));
}

#[test]
fn text_given_as_a_number() {
    insta::assert_snapshot!(check("contributor = \"FRA\"", "contributor = 250"));
}

#[test]
fn list_given_as_text() {
    insta::assert_snapshot!(check(
        "requires = [\"GBR:ground_troops\"]",
        "requires = \"GBR:ground_troops\""
    ));
}

#[test]
fn list_item_of_the_wrong_type() {
    insta::assert_snapshot!(check(
        "requires = [\"GBR:ground_troops\"]",
        "requires = [3]"
    ));
}

#[test]
fn table_given_as_a_number() {
    insta::assert_snapshot!(check(
        "conditions = { requires = [\"GBR:ground_troops\"], after = \"ceasefire\" }",
        "conditions = 3"
    ));
}

#[test]
fn missing_key() {
    insta::assert_snapshot!(check("status = \"conditional\"\n", ""));
}

#[test]
fn toml_syntax_error() {
    insta::assert_snapshot!(check("name = \"Presence\"", "name = \"Presence"));
}

#[test]
fn unknown_capability() {
    insta::assert_snapshot!(check(
        "capability = \"ground_troops\"\nquantity = 500",
        "capability = \"air_defense\"\nquantity = 500"
    ));
}

#[test]
fn unknown_contributor() {
    insta::assert_snapshot!(check("contributor = \"FRA\"", "contributor = \"FRQ\""));
}

#[test]
fn negative_quantity() {
    insta::assert_snapshot!(check("quantity = 500", "quantity = -500"));
}

#[test]
fn inverted_range() {
    insta::assert_snapshot!(check("quantity = [100, 200]", "quantity = [200, 100]"));
}

#[test]
fn condition_cycle() {
    let text = VALID.replace(
        "quantity = 500\nmission = \"presence\"\nstatus = \"stated\"",
        "quantity = 500\nmission = \"presence\"\nstatus = \"conditional\"\nconditions = { requires = [\"FRA:ground_troops\"] }",
    );
    let loaded = load(&text);
    assert!(loaded.has_errors());
    insta::assert_snapshot!(diag::render("scenario.toml", &text, &loaded.diagnostics));
}

#[test]
fn red_line_names_unknown_party() {
    insta::assert_snapshot!(check("party = \"RUS\"", "party = \"RUZ\""));
}

#[test]
fn red_line_rule_with_unknown_capability() {
    insta::assert_snapshot!(check(
        "rule = \"no troops from NATO in theatre\"",
        "rule = \"no tropps from NATO in theatre\""
    ));
}

#[test]
fn not_an_iso_code() {
    insta::assert_snapshot!(check("code = \"GBR\"", "code = \"UK\""));
}

#[test]
fn unknown_mission_and_event_are_both_reported() {
    let text = VALID
        .replace(
            "mission = \"presence\"\nstatus = \"stated\"",
            "mission = \"presense\"\nstatus = \"stated\"",
        )
        .replace("after = \"ceasefire\"", "after = \"ceasfire\"");
    let loaded = load(&text);
    let errors: Vec<&str> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        errors,
        ["unknown mission `presense`", "unknown event `ceasfire`"]
    );
    insta::assert_snapshot!(diag::render("scenario.toml", &text, &loaded.diagnostics));
}

#[test]
fn method_parameters_are_checked() {
    insta::assert_snapshot!(check("density = 10", "per_site = 10"));
}

#[test]
fn missing_sources_are_warnings_not_errors() {
    let text = VALID.replace("sources = [\"test\"]\n\n[[pledges]]", "\n[[pledges]]");
    let loaded = load(&text);
    assert!(!loaded.has_errors());
    assert!(loaded.scenario.is_some());
    insta::assert_snapshot!(diag::render("scenario.toml", &text, &loaded.diagnostics));
}

#[test]
fn empty_and_garbage_files_do_not_panic() {
    for text in ["", "\0\0\0", "[[[", "scenario = 3", "[scenario]\nid = 1"] {
        let loaded = load(text);
        assert!(loaded.has_errors(), "{text:?}");
        let rendered = diag::render("x.toml", text, &loaded.diagnostics);
        assert!(rendered.contains("error"), "{rendered}");
    }
}

/// A pledge with `key = value` lines added after its status.
fn gbr_with(lines: &str) -> String {
    VALID.replace(
        "mission = \"presence\"\nstatus = \"stated\"",
        &format!("mission = \"presence\"\nstatus = \"stated\"\n{lines}"),
    )
}

/// Renders the diagnostics of a scenario that must load (warnings only).
fn warnings(text: &str) -> String {
    let loaded = load(text);
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    assert!(!loaded.diagnostics.is_empty());
    diag::render("scenario.toml", text, &loaded.diagnostics)
}

#[test]
fn a_day_the_month_does_not_have() {
    insta::assert_snapshot!(check(
        "status = \"stated\"\nsources",
        "status = \"stated\"\nfrom = \"2025-02-31\"\nsources"
    ));
}

#[test]
fn a_month_13() {
    insta::assert_snapshot!(check(
        "status = \"stated\"\nsources",
        "status = \"stated\"\nuntil = \"2025-13-01\"\nsources"
    ));
}

#[test]
fn a_pledge_that_ends_before_it_starts() {
    insta::assert_snapshot!(check(
        "status = \"stated\"\nsources",
        "status = \"stated\"\nfrom = \"2026-07-01\"\nuntil = \"2026-01-01\"\nsources"
    ));
}

#[test]
fn a_negative_lead_time() {
    insta::assert_snapshot!(check(
        "after = \"ceasefire\" }",
        "after = \"ceasefire\" }\nlead_time_days = -30"
    ));
}

#[test]
fn dates_on_events_red_lines_and_the_assessment_date_are_checked_together() {
    let text = VALID
        .replace(
            "id = \"ceasefire\"",
            "id = \"ceasefire\"\ndate = \"19/08/2025\"",
        )
        .replace("date = \"2025-08-18\"", "date = \"2025-08-32\"")
        .replace(
            "as_of = \"2025-08-19\"",
            "as_of = \"2025-08-19\"\nassess_at = \"2025-02-29\"",
        );
    let loaded = load(&text);
    assert!(loaded.scenario.is_none());
    assert_eq!(loaded.diagnostics.len(), 3);
    insta::assert_snapshot!(diag::render("scenario.toml", &text, &loaded.diagnostics));
}

#[test]
fn a_date_with_a_time_of_day() {
    insta::assert_snapshot!(check(
        "status = \"stated\"\nsources",
        "status = \"stated\"\nfrom = 2026-01-06T10:00:00\nsources"
    ));
}

#[test]
fn a_toml_date_is_a_date() {
    let loaded = load(&gbr_with("from = 2026-01-06\nuntil = \"2027-01-01\""));
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let s = loaded.scenario.unwrap();
    let t = s.pledge("gbr").unwrap().timing;
    assert_eq!(t.from.map(|d| d.to_string()).as_deref(), Some("2026-01-06"));
    assert_eq!(
        t.until.map(|d| d.to_string()).as_deref(),
        Some("2027-01-01")
    );
}

#[test]
fn a_lead_time_over_ten_years_is_a_warning() {
    let text = VALID.replace(
        "conditions = { requires = [\"GBR:ground_troops\"], after = \"ceasefire\" }",
        "conditions = { requires = [\"GBR:ground_troops\"], after = \"ceasefire\" }\nlead_time_days = 9000",
    );
    insta::assert_snapshot!(warnings(&text));
}

#[test]
fn a_lead_time_with_no_event_is_a_warning() {
    insta::assert_snapshot!(warnings(&gbr_with("lead_time_days = 90")));
}

proptest::proptest! {
    /// Whatever a user's editor does to a file (a deleted character, a stray one), loading
    /// returns diagnostics and never panics.
    #[test]
    fn mutations_never_panic(at in 0usize..VALID.len(), delete in proptest::bool::ANY, ch in proptest::char::any()) {
        let mut text = VALID.to_string();
        let at = (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        if delete && at < text.len() {
            text.remove(at);
        } else {
            text.insert(at, ch);
        }
        let loaded = load(&text);
        let _ = diag::render("x.toml", &text, &loaded.diagnostics);
    }
}

const PER_KM: &str =
    "method = \"per_km\"\nline = \"contact_line\"\ndensity = 10\nsource = \"test\"\n";

#[test]
fn unknown_echelon_suggests_the_nearest() {
    insta::assert_snapshot!(check(
        PER_KM,
        "method = \"echelon\"\nechelon = \"brigdae\"\ncount = 2\nsource = \"test\"\n"
    ));
}

#[test]
fn dependent_requirement_naming_an_unknown_requirement() {
    insta::assert_snapshot!(check(
        PER_KM,
        "method = \"per_km\"\nline = \"contact_line\"\ndensity = 10\nsource = \"test\"\n\n\
         [[missions.requirements]]\ncapability = \"ceasefire_monitoring\"\nmethod = \"dependent\"\n\
         of = \"presense.ground_troops\"\nper = 0.1\nsource = \"test\"\n"
    ));
}

#[test]
fn dependent_requirements_in_a_cycle() {
    insta::assert_snapshot!(check(
        PER_KM,
        "method = \"dependent\"\nof = \"ceasefire_monitoring\"\nper = 2\nsource = \"test\"\n\n\
         [[missions.requirements]]\ncapability = \"ceasefire_monitoring\"\nmethod = \"dependent\"\n\
         of = \"presence.ground_troops\"\nper = 0.5\nsource = \"test\"\n"
    ));
}

#[test]
fn an_area_needs_its_zone() {
    insta::assert_snapshot!(check(
        PER_KM,
        "method = \"area\"\nlength_km = 1100\ndensity = 0.9\nsource = \"test\"\n"
    ));
}

/// Inputs outside every historical range load, with a warning that names the range and where
/// it comes from: a 400,000 km line, 900 troops per km, a brigade of 50,000, 50 protection
/// troops per monitor.
#[test]
fn implausible_inputs_are_warnings_with_their_range() {
    let text = VALID
        .replace("km = 1000", "km = 400000")
        .replace("density = 10", "density = 900")
        .replacen(
            "[[contributors]]",
            "[[missions.requirements]]\ncapability = \"training\"\nmethod = \"echelon\"\n\
             echelon = \"brigade\"\ncount = 1\nsize = { value = 50000, source = \"test\" }\n\
             source = \"test\"\n\n\
             [[missions.requirements]]\ncapability = \"ceasefire_monitoring\"\nmethod = \"fixed\"\n\
             amount = 100\nsource = \"test\"\n\n\
             [[missions.requirements]]\ncapability = \"surveillance\"\nmethod = \"dependent\"\n\
             of = \"ceasefire_monitoring\"\nper = 50\nsource = \"test\"\n\n[[contributors]]",
            1,
        );
    let loaded = load(&text);
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    assert!(loaded.scenario.is_some());
    assert_eq!(loaded.diagnostics.len(), 4, "{:?}", loaded.diagnostics);
    insta::assert_snapshot!(diag::render("scenario.toml", &text, &loaded.diagnostics));
}
