//! Bad `[guarantee]` input is a diagnostic with line and column, never a panic; scenarios
//! without the table still load.

use guarantor_model::diag;

fn render(text: &str) -> String {
    let loaded = guarantor_model::load(text);
    diag::render("bad.toml", text, &loaded.diagnostics)
}

const BASE: &str = r#"[scenario]
id = "x"
name = "X"
as_of = "2025-08-19"

[theatre]
protected = "UKR"
adversary = "RUS"

[[contributors]]
code = "USA"
name = "United States"
"#;

#[test]
fn a_scenario_without_guarantee_loads_and_scores_as_none() {
    let loaded = guarantor_model::load(BASE);
    assert!(loaded.diagnostics.is_empty());
    let s = loaded.scenario.unwrap();
    assert!(s.guarantee.is_empty());
    let c = guarantor_credibility::evaluate(&s, &guarantor_engine::assess(&s));
    let legal = c.indicator("legal_form").unwrap();
    assert_eq!(legal.score, 0.0);
    assert_eq!(
        legal.evidence,
        "not stated in the scenario's guarantee (legal form); scored as none"
    );
}

#[test]
fn an_unknown_legal_form_points_at_its_value() {
    let text = format!(
        "{BASE}\n[guarantee]\nlegal_form = {{ value = \"ratified_treaties\", source = \"x\" }}\n"
    );
    let out = render(&text);
    assert!(
        out.contains("unknown legal form `ratified_treaties`"),
        "{out}"
    );
    assert!(out.contains("bad.toml:15:24"), "{out}");
    assert!(out.contains("did you mean `ratified_treaty`?"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn a_backstop_must_be_a_contributor() {
    let text = format!("{BASE}\n[guarantee]\nbackstop = {{ value = \"USX\", source = \"x\" }}\n");
    let out = render(&text);
    assert!(
        out.contains("backstop names unknown contributor `USX`"),
        "{out}"
    );
    assert!(out.contains("bad.toml:15:22"), "{out}");
    assert!(out.contains("did you mean `USA`?"), "{out}");
}

#[test]
fn a_bad_duration_and_a_missing_source_are_reported_together() {
    let text = format!(
        "{BASE}\n[guarantee]\nduration = {{ value = -3, source = \"x\" }}\nautomaticity = {{ value = \"automatic\" }}\n"
    );
    let loaded = guarantor_model::load(&text);
    let messages: Vec<&str> = loaded
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "guarantee automaticity has no source",
            "a duration is a positive number of years or `\"open_ended\"`, found `-3`",
        ]
    );
    assert!(loaded.has_errors());
}

#[test]
fn an_unknown_guarantee_field_is_refused_with_a_hint() {
    let text =
        format!("{BASE}\n[guarantee]\nlegal_from = {{ value = \"none\", source = \"x\" }}\n");
    let out = render(&text);
    assert!(out.contains("unknown field `legal_from`"), "{out}");
    assert!(out.contains("did you mean `legal_form`?"), "{out}");
}
