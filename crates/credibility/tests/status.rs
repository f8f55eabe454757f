//! Credibility reads status: a reported backstop is not a present one.

use guarantor_credibility::{Weights, evaluate_with};

fn backstop(status: &str) -> (f64, String) {
    let text = format!(
        r#"
[scenario]
id = "s"
name = "Backstop"
as_of = "2026-01-06"
[theatre]
protected = "UKR"
adversary = "RUS"
[[layers]]
id = "backstop"
name = "Backstop"
[[missions]]
id = "air"
layer = "backstop"
name = "Quick reaction from the air"
location = "outside"
[[missions.requirements]]
capability = "air_power"
method = "fixed"
amount = 24
source = "t"
[[contributors]]
code = "USA"
name = "United States"
[[pledges]]
id = "usa-air"
contributor = "USA"
capability = "air_power"
quantity = 24
mission = "air"
status = "{status}"
sources = ["t"]
[guarantee]
backstop = {{ value = "USA", source = "t" }}
"#
    );
    let s = guarantor_model::load(&text).scenario.expect("loads");
    let a = guarantor_engine::assess(&s);
    let c = evaluate_with(&s, &a, &Weights::default());
    let i = c.indicator("major_power_backstop").unwrap();
    (i.score, i.value.clone())
}

#[test]
fn a_reported_backstop_is_not_a_present_one() {
    for (status, score, value) in [
        ("rumoured", 0.25, "USA: offered"),
        ("floated", 0.25, "USA: offered"),
        ("reported", 0.25, "USA: offered"),
        ("conditional", 1.0, "USA: forces"),
        ("stated", 1.0, "USA: forces"),
        ("signed", 1.0, "USA: forces"),
    ] {
        assert_eq!(backstop(status), (score, value.to_string()), "{status}");
    }
}
