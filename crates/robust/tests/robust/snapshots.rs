//! Snapshots of what users read: the simulate and sensitivity reports, text and JSON.

use guarantor_robust::{Output, SobolSettings};

use crate::fixtures::*;

#[test]
fn simulate_report_of_the_august_scenario() {
    let s = scenario(AUGUST);
    let sim = run(&s, 20_000, 7);
    insta::assert_snapshot!("simulate_text", guarantor_robust::text::simulation(&sim));
    let mut json = serde_json::to_value(&sim).unwrap();
    // The inputs list is long and checked elsewhere; keep the snapshot readable.
    json["inputs"] = serde_json::Value::from(sim.inputs.len());
    insta::assert_json_snapshot!("simulate_json", json);
}

#[test]
fn sensitivity_report_of_the_august_scenario() {
    let s = scenario(AUGUST);
    let model = compile(&s);
    let output = Output::parse(&model, "rear_presence.ground_troops").unwrap();
    let sens = guarantor_robust::sensitivity(
        &model,
        info(&s),
        output,
        SobolSettings {
            samples: 512,
            seed: 0,
            bootstrap: 50,
            confidence: 0.95,
        },
    );
    insta::assert_snapshot!(
        "sensitivity_text",
        guarantor_robust::text::sensitivity(&sens, 8)
    );
    let top: Vec<&str> = sens
        .inputs
        .iter()
        .take(3)
        .map(|i| i.input.as_str())
        .collect();
    insta::assert_json_snapshot!("sensitivity_top_inputs", top);
}

#[test]
fn unknown_output_names_a_close_one() {
    let s = scenario(AUGUST);
    let model = compile(&s);
    let e = Output::parse(&model, "air_defense").unwrap_err();
    assert_eq!(
        e.to_string(),
        "`--output air_defense`: no such output (did you mean `air_defence`?)"
    );
}
