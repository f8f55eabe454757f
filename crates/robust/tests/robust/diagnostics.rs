//! Bad uncertainty input: each problem is an error diagnostic with line and column.

use guarantor_model::{diag, load};

use crate::fixtures::*;

/// Loads `text`, expects errors, and returns the rendered diagnostics.
fn errors(text: &str) -> String {
    let loaded = load(text);
    assert!(loaded.has_errors(), "expected errors in:\n{text}");
    assert!(loaded.scenario.is_none());
    diag::render("test.toml", text, &loaded.diagnostics)
}

/// `line:column` (1-based) of the first occurrence of `needle` in `text`, plus `offset` chars.
fn at(text: &str, needle: &str, offset: usize) -> String {
    let i = text.find(needle).expect("needle") + offset;
    let line = text[..i].matches('\n').count() + 1;
    let col = i - text[..i].rfind('\n').map_or(0, |n| n + 1) + 1;
    format!("test.toml:{line}:{col}")
}

fn base() -> String {
    head(0.5)
        + &mission("m1", "ground_troops", 100.0)
        + &pledge("a", "GBR", "ground_troops", 100.0, "m1", 0.7, "")
}

#[test]
fn probability_outside_unit_interval() {
    let text = base().replace("probability = 0.7", "probability = 1.5");
    let out = errors(&text);
    assert!(
        out.contains("error: the probability of pledge `a` must be between 0 and 1, found `1.5`"),
        "{out}"
    );
    assert!(out.contains(&at(&text, "probability = 1.5", 14)), "{out}");

    let text = head(-0.2) + &mission("m1", "ground_troops", 100.0);
    let out = errors(&text);
    assert!(
        out.contains(
            "error: the probability of event `us_backstop` must be between 0 and 1, found `-0.2`"
        ),
        "{out}"
    );
    assert!(out.contains(&at(&text, "-0.2", 0)), "{out}");
}

#[test]
fn undefined_shared_cause() {
    let text = head(0.5)
        + &mission("m1", "ground_troops", 100.0)
        + &pledge(
            "a",
            "GBR",
            "ground_troops",
            100.0,
            "m1",
            0.7,
            "depends_on = [\"us_backstp\"]",
        );
    let out = errors(&text);
    assert!(
        out.contains("error: shared cause `us_backstp` is never defined"),
        "{out}"
    );
    assert!(out.contains("did you mean `us_backstop`?"), "{out}");
    assert!(out.contains(&at(&text, "us_backstp", 0)), "{out}");
}

fn uncertain(body: &str) -> String {
    base() + "\n[[uncertain]]\n" + body + "\nsource = \"test\"\n"
}

#[test]
fn empty_and_inverted_ranges() {
    let text = uncertain(
        "parameter = \"missions.m1.requirements.ground_troops.amount\"\ndistribution = \"uniform\"\nlow = 200\nhigh = 100",
    );
    let out = errors(&text);
    assert!(
        out.contains("error: inverted range: `low = 200`, `high = 100`"),
        "{out}"
    );
    assert!(out.contains("write `low = 100` and `high = 200`"), "{out}");
    assert!(out.contains(&at(&text, "200\nhigh", 0)), "{out}");

    let text = uncertain(
        "parameter = \"missions.m1.requirements.ground_troops.amount\"\ndistribution = \"triangular\"\nlow = 100\nmode = 100\nhigh = 100",
    );
    let out = errors(&text);
    assert!(
        out.contains("error: empty range: `low = 100`, `high = 100`"),
        "{out}"
    );
    assert!(out.contains(&at(&text, "low = 100", 6)), "{out}");

    // An inverted pledged range is reported by the model's quantity check.
    let text = base().replace("quantity = 100", "quantity = [300, 100]");
    let out = errors(&text);
    assert!(
        out.contains("error: range `[300, 100]` is inverted"),
        "{out}"
    );
    assert!(out.contains(&at(&text, "[300, 100]", 0)), "{out}");
}

#[test]
fn unknown_parameter_paths() {
    let text = uncertain(
        "parameter = \"missions.m2.requirements.ground_troops.amount\"\ndistribution = \"uniform\"\nlow = 1\nhigh = 2",
    );
    let out = errors(&text);
    assert!(
        out.contains(
            "error: unknown mission `m2` in `missions.m2.requirements.ground_troops.amount`"
        ),
        "{out}"
    );
    assert!(out.contains("did you mean `m1`?"), "{out}");
    assert!(out.contains(&at(&text, "missions.m2", 0)), "{out}");

    let text = uncertain(
        "parameter = \"missions.m1.requirements.ground_troops.density\"\ndistribution = \"uniform\"\nlow = 1\nhigh = 2",
    );
    let out = errors(&text);
    assert!(
        out.contains(
            "error: `density` is not a number of requirement `ground_troops` of mission `m1`"
        ),
        "{out}"
    );
    assert!(
        out.contains("this requirement's numbers are `amount`"),
        "{out}"
    );

    let text = uncertain(
        "parameter = \"theatre.linez.x.km\"\ndistribution = \"uniform\"\nlow = 1\nhigh = 2",
    );
    let out = errors(&text);
    assert!(
        out.contains("error: unknown parameter path `theatre.linez.x.km`"),
        "{out}"
    );

    let text = uncertain(
        "parameter = \"missions.m1.rotation\"\ndistribution = \"uniform\"\nlow = 1\nhigh = 2",
    );
    let out = errors(&text);
    assert!(
        out.contains("error: `missions.m1.rotation` does not change coverage"),
        "{out}"
    );
}

#[test]
fn distribution_parameters() {
    let text = uncertain(
        "parameter = \"pledges.a.quantity\"\ndistribution = \"gaussian\"\nmean = 1\nsd = 2",
    );
    let out = errors(&text);
    assert!(
        out.contains("error: unknown distribution `gaussian`"),
        "{out}"
    );
    assert!(out.contains(&at(&text, "gaussian", 0)), "{out}");

    let text = uncertain(
        "parameter = \"pledges.a.quantity\"\ndistribution = \"normal\"\nmean = 1\nlow = 2",
    );
    let out = errors(&text);
    assert!(
        out.contains("error: `low` is not a parameter of a `normal` distribution"),
        "{out}"
    );
    assert!(
        out.contains("error: a `normal` distribution needs `sd`"),
        "{out}"
    );

    let text = uncertain(
        "parameter = \"pledges.a.quantity\"\ndistribution = \"triangular\"\nlow = 1\nmode = 5\nhigh = 3",
    );
    let out = errors(&text);
    assert!(
        out.contains("error: the mode `5` is outside the range `[1, 3]`"),
        "{out}"
    );

    let text = uncertain(
        "parameter = \"pledges.a.quantity\"\ndistribution = \"lognormal\"\nmedian = 0\nsigma = 1",
    );
    let out = errors(&text);
    assert!(
        out.contains("error: a lognormal needs `median` and `sigma` above zero"),
        "{out}"
    );

    let body = "parameter = \"pledges.a.quantity\"\ndistribution = \"uniform\"\nlow = 1\nhigh = 2";
    let text = uncertain(body) + "\n[[uncertain]]\n" + body + "\nsource = \"test\"\n";
    let out = errors(&text);
    assert!(
        out.contains("error: `pledges.a.quantity` is given a distribution twice"),
        "{out}"
    );
}

#[test]
fn a_valid_uncertainty_block_loads_and_existing_scenarios_are_unchanged() {
    let text = uncertain(
        "parameter = \"pledges.a.quantity\"\ndistribution = \"normal\"\nmean = 100\nsd = 10",
    );
    let s = scenario(&text);
    assert_eq!(s.uncertainty.parameters.len(), 1);
    assert_eq!(s.uncertainty.pledge_probability("a"), Some(0.7));
    assert_eq!(s.uncertainty.event_probability("us_backstop"), Some(0.5));
    // Without uncertainty the scenario serialises as before (no `uncertainty` key).
    let plain = scenario(
        &base()
            .replace("probability = 0.5\nprobability_source = \"test\"\n", "")
            .replace("probability = 0.7\nprobability_source = \"test\"\n", ""),
    );
    assert!(plain.uncertainty.is_empty());
    let json = serde_json::to_value(&plain).unwrap();
    assert!(json.get("uncertainty").is_none());
}
