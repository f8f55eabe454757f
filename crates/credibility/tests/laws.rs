//! Laws of the credibility model, checked on generated packages, and known answers of its scales.

use guarantor_credibility::{Credibility, INDICATORS, Weights, evaluate_with};
use proptest::prelude::*;

const CONTRIBUTORS: [(&str, bool); 4] =
    [("USA", true), ("GBR", true), ("DEU", false), ("POL", false)];
const LEGAL: [&str; 4] = [
    "ratified_treaty",
    "executive_agreement",
    "political_declaration",
    "none",
];
const AUTO: [&str; 3] = ["automatic", "consultation", "none"];
const COMMAND: [&str; 3] = ["integrated", "coordination", "none"];

/// A package with one presence mission and the given pledges: (contributor index, troops,
/// location index 0 front / 1 rear / 2 outside).
fn package(
    pledges: &[(usize, f64, usize)],
    legal: usize,
    auto: usize,
    command: usize,
    years: u32,
) -> String {
    let mut t = String::from(
        r#"
[scenario]
id = "generated"
name = "Generated package"
as_of = "2025-08-19"

[theatre]
protected = "UKR"
adversary = "RUS"

[[layers]]
id = "reassurance"
name = "Reassurance"

[[missions]]
id = "presence"
layer = "reassurance"
name = "Presence"

[[missions.requirements]]
capability = "ground_troops"
method = "fixed"
amount = 5000
source = "judgement: test"
"#,
    );
    for (code, nuclear) in CONTRIBUTORS {
        t.push_str(&format!(
            "\n[[contributors]]\ncode = \"{code}\"\nname = \"{code}\"\nnuclear_armed = {nuclear}\n"
        ));
    }
    for (i, (c, n, loc)) in pledges.iter().enumerate() {
        t.push_str(&format!(
            "\n[[pledges]]\nid = \"p{i}\"\ncontributor = \"{}\"\ncapability = \"ground_troops\"\nquantity = {n}\nmission = \"presence\"\nlocation = \"{}\"\nstatus = \"stated\"\nsources = [\"test\"]\n",
            CONTRIBUTORS[*c].0,
            ["front", "rear", "outside"][*loc]
        ));
    }
    t.push_str(&format!(
        "\n[guarantee]\nlegal_form = {{ value = \"{}\", source = \"test\" }}\nautomaticity = {{ value = \"{}\", source = \"test\" }}\nintegrated_command = {{ value = \"{}\", source = \"test\" }}\nduration = {{ value = {years}, source = \"test\" }}\nbackstop = {{ value = \"USA\", source = \"test\" }}\n",
        LEGAL[legal], AUTO[auto], COMMAND[command]
    ));
    t
}

fn score(text: &str, w: &Weights) -> Credibility {
    let loaded = guarantor_model::load(text);
    let s = loaded
        .scenario
        .unwrap_or_else(|| panic!("{:?}", loaded.diagnostics));
    evaluate_with(&s, &guarantor_engine::assess(&s), w)
}

fn pledge() -> impl Strategy<Value = (usize, f64, usize)> {
    (0..4usize, 0.0..20000.0f64, 0..3usize)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Every indicator and the package score lie in 0..1, and the score is the sum of the
    /// contributions.
    #[test]
    fn scores_are_bounded(pledges in prop::collection::vec(pledge(), 0..6), legal in 0..4usize, auto in 0..3usize, command in 0..3usize, years in 1..40u32) {
        let c = score(&package(&pledges, legal, auto, command, years), &Weights::default());
        prop_assert!((0.0..=1.0).contains(&c.score));
        for i in &c.indicators {
            prop_assert!((0.0..=1.0).contains(&i.score), "{} {}", i.id, i.score);
        }
        let sum: f64 = c.indicators.iter().map(|i| i.contribution).sum();
        prop_assert!((sum - c.score).abs() < 1e-9);
    }

    /// Weights are relative: multiplying them all by the same factor changes no score.
    #[test]
    fn weights_are_relative(pledges in prop::collection::vec(pledge(), 0..4), k in 0.01..100.0f64) {
        let text = package(&pledges, 1, 1, 1, 10);
        let w = Weights::default();
        let mut scaled = w.clone();
        for id in INDICATORS {
            scaled.set_weight(id, w.weight(id) * k);
        }
        prop_assert!((score(&text, &w).score - score(&text, &scaled).score).abs() < 1e-9);
    }

    /// Adding a pledge never lowers the score: more forces, more guarantors or more coverage can
    /// only help.
    #[test]
    fn adding_a_pledge_never_lowers_the_score(pledges in prop::collection::vec(pledge(), 0..5), extra in pledge()) {
        let w = Weights::default();
        let before = score(&package(&pledges, 2, 1, 2, 10), &w);
        let mut more = pledges.clone();
        more.push(extra);
        let after = score(&package(&more, 2, 1, 2, 10), &w);
        prop_assert!(after.score >= before.score - 1e-12, "{} -> {}", before.score, after.score);
        for (b, a) in before.indicators.iter().zip(&after.indicators) {
            prop_assert!(a.score >= b.score - 1e-12, "{} fell: {} -> {}", b.id, b.score, a.score);
        }
    }

    /// A stronger legal form, automaticity or command never lowers the score.
    #[test]
    fn stronger_attributes_never_lower_the_score(legal in 1..4usize, auto in 1..3usize, command in 1..3usize) {
        let w = Weights::default();
        let weak = score(&package(&[(0, 1000.0, 1)], legal, auto, command, 10), &w);
        let strong = score(&package(&[(0, 1000.0, 1)], legal - 1, auto - 1, command - 1, 10), &w);
        prop_assert!(strong.score > weak.score);
    }
}

/// Known answer: US Forces Korea, 28,500 (USFK commander, via wowkorea, shared/DOMAIN-DATA.md
/// §2.3), is the full mark of the forces-present scale; with the knee at 100 personnel, half the
/// scale is reached where ln(1 + n/100) = ln(286) / 2, that is n = 100 (sqrt(286) - 1) = 1,591.2.
#[test]
fn forces_present_scale() {
    let w = Weights::default();
    let full = score(&package(&[(0, 28500.0, 0)], 0, 0, 0, 20), &w);
    assert_eq!(full.indicator("forces_present").unwrap().score, 1.0);
    let n = 100.0 * (286f64.sqrt() - 1.0);
    let half = score(&package(&[(1, n, 1)], 0, 0, 0, 20), &w);
    assert!((half.indicator("forces_present").unwrap().score - 0.5).abs() < 1e-12);
    let outside = score(&package(&[(1, 5000.0, 2)], 0, 0, 0, 20), &w);
    assert_eq!(
        outside.indicator("forces_present").unwrap().score,
        0.0,
        "forces outside the theatre are not present"
    );
}

/// The tripwire counts a nuclear-armed guarantor only when its forces are in theatre.
#[test]
fn nuclear_tripwire_needs_forces_in_theatre() {
    let w = Weights::default();
    let rear = score(&package(&[(1, 500.0, 1)], 0, 0, 0, 20), &w);
    assert_eq!(rear.indicator("nuclear_tripwire").unwrap().score, 1.0);
    let outside = score(&package(&[(1, 500.0, 2), (2, 500.0, 1)], 0, 0, 0, 20), &w);
    assert_eq!(outside.indicator("nuclear_tripwire").unwrap().score, 0.0);
    assert_eq!(
        outside.indicator("forces_multinational").unwrap().value,
        "1 guarantor"
    );
}
