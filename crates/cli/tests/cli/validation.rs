//! Published force-size estimates reproduced from their stated assumptions
//! (scenarios/validation/README.md): the engine must land within 10% of the published figure.

use crate::util::run;

fn requirement(file: &str, set: &[&str]) -> (f64, f64) {
    let mut args = vec!["assess", file, "--json"];
    for s in set {
        args.push("--set");
        args.push(s);
    }
    let out = run(&args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let j = out.json();
    let r = &j["requirements"][0];
    assert_eq!(r["capability"], "ground_troops");
    (
        r["required"].as_f64().unwrap(),
        r["force_generation"].as_f64().unwrap(),
    )
}

fn within_10_percent(value: f64, published: f64) -> bool {
    (value - published).abs() <= 0.10 * published
}

/// "As many as 150,000 military personnel" (C. Major, Bloomberg, Jan 2025), read as 50 per km
/// along ~1,000 km kept in place with the rule of thirds: 1,000 × 50 × 3 = 150,000.
#[test]
fn deterrence_150k_with_rotation() {
    let (in_place, generated) =
        requirement("scenarios/validation/deterrence-150k-rotation.toml", &[]);
    assert_eq!(in_place, 50_000.0);
    assert!(within_10_percent(generated, 150_000.0), "{generated}");
    assert!((135_000.0..=165_000.0).contains(&generated));
}

/// The same 150,000 read as a force in place at KFOR's 1999 density on a 1,250 km front:
/// 117.14 × 1,250 = 146,429.
#[test]
fn deterrence_150k_at_kfor_density() {
    let (in_place, _) = requirement("scenarios/validation/deterrence-150k-density.toml", &[]);
    assert!((135_000.0..=165_000.0).contains(&in_place), "{in_place}");
}

/// A rear-area reassurance force of 10,000-30,000 (UK/France concept, Feb 2025; CSIS, Mar 2025):
/// one eFP-sized battlegroup (1,205) at each of 16 protected sites = 19,280.
#[test]
fn rear_area_reassurance_lands_in_the_published_band() {
    let (in_place, _) = requirement("scenarios/validation/reassurance-rear-area.toml", &[]);
    assert_eq!(in_place, 16.0 * 1205.0);
    assert!(
        (10_000.0 * 0.9..=30_000.0 * 1.1).contains(&in_place),
        "{in_place}"
    );
}

/// CSIS's "2-5 brigades = 10,000-25,000": both ends.
#[test]
fn csis_brigades_both_ends() {
    let file = "scenarios/validation/reassurance-brigades.toml";
    let (low, _) = requirement(file, &[]);
    assert!(within_10_percent(low, 10_000.0), "{low}");
    let (high, _) = requirement(
        file,
        &[
            r#"missions.regional_brigades.requirements.ground_troops.kinds=["region", "reserve_region"]"#,
        ],
    );
    assert!(within_10_percent(high, 25_000.0), "{high}");
}
