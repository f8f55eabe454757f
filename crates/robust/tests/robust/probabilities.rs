//! Simulated probabilities against closed forms derived by hand.

use crate::fixtures::*;

/// Within three standard errors of `want`.
fn close(got: f64, se: f64, want: f64, what: &str) {
    let se = se.max(1e-9);
    assert!(
        (got - want).abs() <= 3.0 * se,
        "{what}: simulated {got} vs closed form {want} (3 SE = {})",
        3.0 * se
    );
}

/// Independent pledges: each requirement is met exactly when its pledges are honoured, so
/// P(met) is a product of the pledges' probabilities, and P(all met) the product over all.
#[test]
fn independent_pledges_give_the_product_of_their_probabilities() {
    let text = head(1.0)
        + &mission("m1", "ground_troops", 100.0)
        + &mission("m2", "air_power", 10.0)
        + &mission("m3", "naval", 4.0)
        + &pledge("a", "GBR", "ground_troops", 100.0, "m1", 0.7, "")
        + &pledge("b", "FRA", "air_power", 10.0, "m2", 0.4, "")
        // m3 needs both halves: P = 0.9 × 0.5.
        + &pledge("c", "DEU", "naval", 2.0, "m3", 0.9, "")
        + &pledge("d", "GBR", "naval", 2.0, "m3", 0.5, "");
    let s = scenario(&text);
    let sim = run(&s, 200_000, 11);
    let want = [0.7, 0.4, 0.9 * 0.5];
    for (r, w) in sim.requirements.iter().zip(want) {
        close(r.p_met, r.p_met_se, w, &r.mission);
    }
    close(sim.p_all_met, sim.p_all_met_se, 0.7 * 0.4 * 0.45, "all met");
    // Expected shortfall of m1: 100 units missing with probability 0.3.
    let es = sim.requirements[0].expected_shortfall;
    assert!(
        (es - 30.0).abs() < 3.0 * 100.0 * (0.3f64 * 0.7 / 200_000.0).sqrt(),
        "{es}"
    );
    // The number of requirements met is a sum of independent Bernoulli variables: its mean is
    // Σp = 1.55 (share 1.55 / 3) and its variance Σp(1 − p) = 0.21 + 0.24 + 0.2475 = 0.6975,
    // so the share's standard error is √(0.6975 / draws) / 3.
    close(sim.share_met, sim.share_met_se, 1.55 / 3.0, "share met");
    let want_se = (0.6975f64 / 200_000.0).sqrt() / 3.0;
    assert!(
        (sim.share_met_se - want_se).abs() < 0.02 * want_se,
        "share SE {} vs {want_se}",
        sim.share_met_se
    );
    // And the mean share is exactly the mean of the requirements' P(met).
    let mean_p: f64 = sim.requirements.iter().map(|r| r.p_met).sum::<f64>() / 3.0;
    assert!((sim.share_met - mean_p).abs() < 1e-12);
}

/// A shared cause and a condition. With E = `us_backstop` (p 0.6):
/// x (USA air power, p 0.8, depends on E) meets m1; y (USA naval, p 0.5, depends on E) meets
/// m2; z (DEU troops, p 0.9, independent) meets m3; w (GBR troops, p 0.5) meets m4 but requires
/// `USA:air_power`, i.e. x in force. By hand:
/// P(m1) = 0.6 × 0.8 = 0.48; P(m2) = 0.6 × 0.5 = 0.30; P(m3) = 0.9; P(m4) = 0.5 × 0.48 = 0.24;
/// P(all) = 0.6 × 0.8 × 0.5 × 0.9 × 0.5 = 0.108, where independence would wrongly give
/// 0.48 × 0.30 × 0.9 × 0.24 = 0.0311.
#[test]
fn a_shared_cause_moves_its_pledges_together() {
    let text = head(0.6)
        + &mission("m1", "air_power", 10.0)
        + &mission("m2", "naval", 2.0)
        + &mission("m3", "ground_troops", 100.0)
        + &mission("m4", "training", 50.0)
        + &pledge(
            "x",
            "USA",
            "air_power",
            10.0,
            "m1",
            0.8,
            "depends_on = [\"us_backstop\"]",
        )
        + &pledge(
            "y",
            "USA",
            "naval",
            2.0,
            "m2",
            0.5,
            "depends_on = [\"us_backstop\"]",
        )
        + &pledge("z", "DEU", "ground_troops", 100.0, "m3", 0.9, "")
        + &pledge(
            "w",
            "GBR",
            "training",
            50.0,
            "m4",
            0.5,
            "conditions = { requires = [\"USA:air_power\"] }",
        );
    let s = scenario(&text);
    let sim = run(&s, 200_000, 5);
    for (r, w) in sim.requirements.iter().zip([0.48, 0.30, 0.9, 0.24]) {
        close(r.p_met, r.p_met_se, w, &r.mission);
    }
    close(sim.p_all_met, sim.p_all_met_se, 0.108, "all met");
    assert!((sim.p_all_met - 0.0311).abs() > 10.0 * sim.p_all_met_se);
}

/// Removing the United States lowers the probability that the guarantee holds. On the August
/// 2025 scenario as written, four requirements have no possible cover in any draw (arms supply,
/// naval, ceasefire monitoring, air defence), so P(all met) is 0 with or without the US; the
/// requirements and layers the US backs fall strictly. On the shared-cause scenario, where all
/// can be met, P(all met) falls from 0.108 to 0.
#[test]
fn without_usa_the_guarantee_is_less_likely_to_hold() {
    let s = scenario(AUGUST);
    let (without, _) = guarantor_engine::without(&s, &["USA".to_string()]).unwrap();
    let with_us = run(&s, 100_000, 7);
    let no_us = run(&without, 100_000, 7);
    assert!(no_us.p_all_met <= with_us.p_all_met);
    let p = |sim: &guarantor_robust::Simulation, m: &str| {
        sim.requirements
            .iter()
            .find(|r| r.mission == m)
            .map(|r| r.p_met)
            .unwrap()
    };
    for m in [
        "rear_presence",
        "air_policing",
        "intelligence_support",
        "quick_reaction_air",
    ] {
        assert!(
            p(&no_us, m) < p(&with_us, m),
            "{m}: {} vs {}",
            p(&no_us, m),
            p(&with_us, m)
        );
    }
    let layer = |sim: &guarantor_robust::Simulation, l: &str| {
        sim.layers
            .iter()
            .find(|x| x.layer == l)
            .map(|x| x.p_all_met)
            .unwrap()
    };
    for l in ["political", "economic"] {
        assert!(layer(&no_us, l) < layer(&with_us, l), "{l}");
    }
    // The mean share of requirements met does not hit the floor that `p_all_met` does: it falls
    // by far more than its standard errors.
    assert!(
        no_us.share_met + 10.0 * (no_us.share_met_se + with_us.share_met_se) < with_us.share_met,
        "share met {} without the US vs {}",
        no_us.share_met,
        with_us.share_met
    );
    let never: Vec<String> = with_us
        .requirements
        .iter()
        .filter(|r| r.p_met == 0.0)
        .map(|r| format!("{}.{}", r.mission, r.capability))
        .collect();
    assert_eq!(
        never,
        [
            "force_regeneration.arms_supply",
            "safe_seas.naval",
            "ceasefire_monitoring.ceasefire_monitoring",
            "air_and_missile_defence.air_defence"
        ]
    );

    let text = head(0.6)
        + &mission("m1", "air_power", 10.0)
        + &mission("m2", "ground_troops", 100.0)
        + &pledge(
            "x",
            "USA",
            "air_power",
            10.0,
            "m1",
            0.8,
            "depends_on = [\"us_backstop\"]",
        )
        + &pledge("z", "DEU", "ground_troops", 100.0, "m2", 0.9, "");
    let s = scenario(&text);
    let (without, _) = guarantor_engine::without(&s, &["USA".to_string()]).unwrap();
    let with_us = run(&s, 100_000, 7);
    let no_us = run(&without, 100_000, 7);
    assert!((with_us.p_all_met - 0.6 * 0.8 * 0.9).abs() < 3.0 * with_us.p_all_met_se);
    assert_eq!(no_us.p_all_met, 0.0);
}

/// The same seed gives the same numbers on one thread and on two.
#[test]
fn threads_do_not_change_the_numbers() {
    let s = scenario(AUGUST);
    let pool = |n| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .unwrap()
    };
    let one = pool(1).install(|| run(&s, 50_000, 3));
    let two = pool(2).install(|| run(&s, 50_000, 3));
    assert_eq!(one, two);
    let other_seed = pool(2).install(|| run(&s, 50_000, 4));
    assert_ne!(one, other_seed);
}

/// Probabilities are probabilities, quantiles are ordered.
#[test]
fn results_are_well_formed() {
    let sim = run(&scenario(AUGUST), 20_000, 1);
    assert!((0.0..=1.0).contains(&sim.p_all_met));
    for r in &sim.requirements {
        assert!((0.0..=1.0).contains(&r.p_met), "{r:?}");
        assert!(
            0.0 <= r.q05 && r.q05 <= r.q50 && r.q50 <= r.q95 && r.q95 <= 1.0,
            "{r:?}"
        );
        assert!(r.expected_shortfall >= 0.0);
        assert!(sim.p_all_met <= r.p_met);
    }
}
