//! Snapshots of everything a user reads from the credibility model: the assess section, the
//! side-by-side table, the full report and its JSON; known answers from the literature.

use guarantor_credibility::{Weights, evaluate, report, text};

const AUGUST: &str = include_str!("../../../scenarios/ukraine-2025-08.toml");

fn august() -> guarantor_model::Scenario {
    guarantor_model::load(AUGUST).scenario.unwrap()
}

#[test]
fn assess_section() {
    let s = august();
    let a = guarantor_engine::assess(&s);
    insta::assert_snapshot!(text::section(&evaluate(&s, &a)));
}

#[test]
fn report_with_references() {
    let r = report(
        &august(),
        &[],
        &Weights::default(),
        "data/credibility-weights.toml",
        true,
    )
    .unwrap();
    insta::assert_snapshot!(text::report(&r));
}

#[test]
fn report_without_usa() {
    let r = report(
        &august(),
        &["USA".to_string()],
        &Weights::default(),
        "data/credibility-weights.toml",
        false,
    )
    .unwrap();
    insta::assert_snapshot!(text::report(&r));
}

#[test]
fn report_json_has_a_ranking_with_the_scenario_under_its_own_name() {
    let s = august();
    let r = report(
        &s,
        &[],
        &Weights::default(),
        "data/credibility-weights.toml",
        true,
    )
    .unwrap();
    let json = serde_json::to_value(&r).unwrap();
    let ranking = json["ranking"].as_array().unwrap();
    assert_eq!(ranking.len(), 6);
    assert!(ranking.iter().any(|p| p["name"] == s.meta.name.as_str()));
    let scores: Vec<f64> = ranking
        .iter()
        .map(|p| p["score"].as_f64().unwrap())
        .collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "best first: {scores:?}"
    );
    for p in ranking {
        assert_eq!(p["indicators"].as_array().unwrap().len(), 10);
    }
    insta::assert_json_snapshot!(json);
}

/// Known answers: the reliability base rates are the published ones.
/// Leeds, Long & Mitchell (2000), JCR 44(5): 686-699: 74.5%.
/// Berkemeier & Fuhrmann (2018), Research & Politics: 50% overall, 41% defense pacts, 22% after 1945.
#[test]
fn reliability_rates_are_the_published_ones() {
    use guarantor_model::ReliabilityClass::*;
    let w = Weights::default();
    let rate = |c| w.rate(c).unwrap().rate;
    assert_eq!(rate(SpecificObligation), 0.745);
    assert_eq!(rate(AllAlliances), 0.50);
    assert_eq!(rate(DefensePact), 0.41);
    assert_eq!(rate(Post1945), 0.22);
}
