//! The fast path against the engine: at any point of the unit cube, the compiled scenario gives
//! exactly (bit for bit) the required, pledged and gap figures that `guarantor_engine::assess`
//! gives on the concrete scenario of that point.

use guarantor_model::Scenario;
use guarantor_robust::simulate::draw_point;
use proptest::prelude::*;

use crate::fixtures::*;

fn check_point(s: &Scenario, u: &[f64]) {
    let model = compile(s);
    let mut ws = model.workspace();
    model.evaluate(u, &mut ws);
    let concrete = model.realise(s, u);
    let a = guarantor_engine::assess(&concrete);
    assert_eq!(a.coverage.len(), model.rows().len());
    for (r, row) in a.coverage.iter().enumerate() {
        assert_eq!(row.mission, model.rows()[r].mission);
        assert_eq!(row.capability, model.rows()[r].capability);
        assert_eq!(
            row.required.to_bits(),
            ws.required()[r].to_bits(),
            "required {row:?}"
        );
        assert_eq!(
            row.pledged.to_bits(),
            ws.pledged()[r].to_bits(),
            "pledged {row:?}"
        );
        assert_eq!(row.gap.to_bits(), ws.gap(r).to_bits(), "gap {row:?}");
        assert_eq!(
            row.covered.to_bits(),
            ws.covered(r).to_bits(),
            "covered {row:?}"
        );
    }
}

fn shared_cause_scenario() -> Scenario {
    scenario(
        &(head(0.6)
            + &mission("m1", "air_power", 10.0)
            + &mission("m2", "ground_troops", 100.0)
            + &pledge(
                "x",
                "USA",
                "air_power",
                6.0,
                "m1",
                0.8,
                "depends_on = [\"us_backstop\"]",
            )
            + &pledge(
                "x2",
                "GBR",
                "air_power",
                6.0,
                "m1",
                0.5,
                "conditions = { requires = [\"USA:air_power\"] }",
            )
            + &pledge(
                "y",
                "FRA",
                "ground_troops",
                60.0,
                "m2",
                0.5,
                "conditions = { requires = [\"GBR\"] }",
            )
            + &pledge("z", "DEU", "ground_troops", 60.0, "m2", 0.9, "")),
    )
}

#[test]
fn august_scenario_fast_path_equals_assess_on_many_draws() {
    let s = scenario(AUGUST);
    let n = compile(&s).inputs().len();
    assert!(n > 30, "{n} inputs");
    let mut u = vec![0.0; n];
    for draw in 0..300 {
        draw_point(42, draw, &mut u);
        check_point(&s, &u);
    }
    // The corners: everything honoured and parameters at their lowest; nothing honoured.
    check_point(&s, &vec![0.0; n]);
    check_point(&s, &vec![0.999_999; n]);
}

#[test]
fn without_usa_fast_path_equals_assess() {
    let s = scenario(AUGUST);
    let (s, _) = guarantor_engine::without(&s, &["USA".to_string()]).unwrap();
    let n = compile(&s).inputs().len();
    let mut u = vec![0.0; n];
    for draw in 0..100 {
        draw_point(9, draw, &mut u);
        check_point(&s, &u);
    }
}

/// Conditions with a cycle that is not stuck (each pledge of it has a way in from outside).
fn cyclic_scenario() -> Scenario {
    scenario(
        &(head(0.6)
            + &mission("m1", "air_power", 10.0)
            + &mission("m2", "ground_troops", 100.0)
            + &pledge(
                "x",
                "USA",
                "air_power",
                6.0,
                "m1",
                0.8,
                "conditions = { requires = [\"FRA\"] }",
            )
            + &pledge(
                "x2",
                "GBR",
                "air_power",
                6.0,
                "m1",
                0.5,
                "conditions = { requires = [\"USA:air_power\"] }",
            )
            + &pledge(
                "y",
                "FRA",
                "ground_troops",
                60.0,
                "m2",
                0.5,
                "conditions = { requires = [\"GBR\"] }",
            )
            + &pledge("g", "GBR", "ground_troops", 60.0, "m2", 0.7, "")),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Law: the compiled model and the engine agree at every point of the unit cube.
    #[test]
    fn fast_path_equals_assess_anywhere(u in prop::collection::vec(0.0..1.0f64, 5)) {
        let s = shared_cause_scenario();
        prop_assert_eq!(compile(&s).inputs().len(), 5);
        check_point(&s, &u);
    }

    /// The same with a cycle in the conditions (the fixed point is iterated, not one pass).
    #[test]
    fn fast_path_equals_assess_with_cyclic_conditions(u in prop::collection::vec(0.0..1.0f64, 5)) {
        let s = cyclic_scenario();
        prop_assert_eq!(compile(&s).inputs().len(), 5);
        check_point(&s, &u);
    }

    /// Law: honouring one more pledge never widens a gap (coverage only adds supply).
    #[test]
    fn honouring_a_pledge_never_widens_a_gap(draw in 0u64..10_000, input in 0usize..40) {
        let s = scenario(AUGUST);
        let model = compile(&s);
        let n = model.inputs().len();
        let mut u = vec![0.0; n];
        draw_point(1, draw, &mut u);
        let i = input % n;
        prop_assume!(matches!(model.inputs()[i].kind, guarantor_robust::InputKind::Pledge { .. }));
        let mut before = model.workspace();
        model.evaluate(&u, &mut before);
        u[i] = 0.0; // u < p: honoured
        let mut after = model.workspace();
        model.evaluate(&u, &mut after);
        for r in 0..model.rows().len() {
            prop_assert!(after.gap(r) <= before.gap(r) + 1e-9, "row {} gap {} > {}", r, after.gap(r), before.gap(r));
        }
    }
}

/// The requirement methods of issue 14 (echelon, dependent, area), each number uncertain: the
/// kernel per draw (dependents computed after their base, a dependent's `per` a multiplier that
/// may reach zero) equals `assess` on the concrete scenario of the draw, bit for bit.
#[test]
fn echelon_dependent_and_area_fast_path_equals_assess() {
    let text = r#"
[scenario]
id = "methods"
name = "Methods"
as_of = "2025-03-09"

[theatre]
protected = "UKR"
adversary = "RUS"

[[layers]]
id = "l"
name = "L"

[[missions]]
id = "protection"
layer = "l"
name = "Protection"

[[missions.requirements]]
capability = "ground_troops"
method = "dependent"
of = "zone.ceasefire_monitoring"
per = 2
source = "t"

[[missions]]
id = "zone"
layer = "l"
name = "Zone"

[[missions.requirements]]
capability = "ceasefire_monitoring"
method = "area"
length_km = 1100
depth_km = 15
density = 0.91
source = "t"

[[missions.requirements]]
capability = "training"
method = "echelon"
echelon = "brigade"
count = 2
source = "t"

[[missions.requirements]]
capability = "border_monitoring"
method = "area"
km2 = 346
density = 2.47
source = "t"

[[contributors]]
code = "GBR"
name = "United Kingdom"

[[pledges]]
id = "gbr"
contributor = "GBR"
capability = "ground_troops"
quantity = [5000, 20000]
mission = "protection"
status = "stated"
sources = ["t"]

[[uncertain]]
parameter = "missions.protection.requirements.ground_troops.per"
distribution = "uniform"
low = 0
high = 18.1
source = "t"

[[uncertain]]
parameter = "missions.zone.requirements.ceasefire_monitoring.depth_km"
distribution = "uniform"
low = 10
high = 40
source = "t"

[[uncertain]]
parameter = "missions.zone.requirements.ceasefire_monitoring.density"
distribution = "triangular"
low = 0.17
mode = 0.91
high = 3.5
source = "t"

[[uncertain]]
parameter = "missions.zone.requirements.training.count"
distribution = "uniform"
low = 1
high = 5
source = "t"

[[uncertain]]
parameter = "missions.zone.requirements.training.size"
distribution = "uniform"
low = 3000
high = 5000
source = "t"

[[uncertain]]
parameter = "missions.zone.requirements.border_monitoring.km2"
distribution = "uniform"
low = 100
high = 1000
source = "t"
"#;
    let s = scenario(text);
    let n = compile(&s).inputs().len();
    assert_eq!(
        n, 8,
        "six parameters, one pledged range, whether the pledge is honoured"
    );
    let mut u = vec![0.0; n];
    for draw in 0..200 {
        draw_point(7, draw, &mut u);
        check_point(&s, &u);
    }
    check_point(&s, &vec![0.0; n]);
    check_point(&s, &vec![0.999_999; n]);
}
