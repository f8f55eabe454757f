//! The requirement methods published estimates use (issue 14, point 5): by echelon, dependent on
//! another requirement, and by area. Known answers computed by hand from the parameters in the
//! text and the published sizes of data/formations.toml; the kernel's arithmetic must equal the
//! written formulas bit for bit, and dependents must follow what they derive from.

use guarantor_engine::{Kernel, assess};
use guarantor_model::{Scenario, load};

const HEAD: &str = r#"
[scenario]
id = "k"
name = "K"
as_of = "2025-01"
[theatre]
protected = "UKR"
adversary = "RUS"
[[theatre.lines]]
id = "line"
km = 1100
source = "t"
[[layers]]
id = "l"
name = "L"
"#;

fn scenario(missions: &str) -> Scenario {
    let text = format!("{HEAD}{missions}");
    let loaded = load(&text);
    assert!(
        loaded.diagnostics.is_empty(),
        "{}",
        guarantor_model::diag::render("t.toml", &text, &loaded.diagnostics)
    );
    loaded.scenario.expect("valid")
}

fn required(s: &Scenario) -> Vec<f64> {
    assess(s).requirements.iter().map(|r| r.required).collect()
}

/// The kernel evaluated at the scenario's point gives the formulas' amounts, bit for bit.
fn kernel_agrees(s: &Scenario) {
    let kernel = Kernel::new(s);
    let mut st = kernel.state();
    kernel.evaluate(&mut st);
    let written = assess(s).requirements;
    for (row, r) in written.iter().enumerate() {
        assert_eq!(
            st.required()[row].to_bits(),
            r.required.to_bits(),
            "{} {}",
            r.mission,
            r.capability
        );
    }
}

#[test]
fn echelon_reads_the_published_sizes() {
    let s = scenario(
        r#"
[[missions]]
id = "m"
layer = "l"
name = "M"
rotation = 3
[[missions.requirements]]
capability = "ground_troops"
method = "echelon"
echelon = "brigade"
count = 2
source = "t"
[[missions.requirements]]
capability = "training"
method = "echelon"
echelon = "division"
count = 1
formation = "division_land_component_iiss_2025"
source = "t"
[[missions.requirements]]
capability = "ceasefire_monitoring"
method = "echelon"
echelon = "corps"
count = 1
formation = "corps_land_component_iiss_2025"
take = "high"
source = "t"
[[missions.requirements]]
capability = "border_monitoring"
method = "echelon"
echelon = "battalion"
count = 3
size = { value = 800, source = "t: a battalion of 800" }
source = "t"
"#,
    );
    let a = assess(&s);
    let r = &a.requirements;
    // Two US Army brigades, 3,000-5,000, at the middle of the range: 2 × 4,000.
    assert_eq!((r[0].required, r[0].force_generation), (8_000.0, 24_000.0));
    assert_eq!(r[0].parameters["formation"], "brigade_us_army");
    assert_eq!(r[0].parameters["includes_enablers"], false);
    assert_eq!(r[0].parameters["take"], "typical");
    assert_eq!(
        r[0].formula,
        "2 × brigade of 4,000 (brigade_us_army, typical, as organised)"
    );
    // The IISS's large division land component, about 25,000.
    assert_eq!(r[1].required, 25_000.0);
    assert_eq!(r[1].parameters["includes_enablers"], true);
    // The IISS corps at the high end of 60,000-100,000.
    assert_eq!(r[2].required, 100_000.0);
    assert_eq!(r[2].parameters["formation_low"], 60_000.0);
    // A stated size with its own source.
    assert_eq!(r[3].required, 2_400.0);
    assert_eq!(r[3].parameters["size_source"], "t: a battalion of 800");
    assert_eq!(r[3].formula, "3 × battalion of 800 (stated size)");
    kernel_agrees(&s);
}

#[test]
fn dependents_follow_what_they_derive_from_in_any_file_order() {
    let s = scenario(
        r#"
[[missions]]
id = "protection"
layer = "l"
name = "P"
[[missions.requirements]]
capability = "ground_troops"
method = "dependent"
of = "monitoring.ceasefire_monitoring"
per = 2
source = "t"
[[missions]]
id = "monitoring"
layer = "l"
name = "M"
[[missions.requirements]]
capability = "training"
method = "dependent"
of = "protection.ground_troops"
per = 0.1
source = "t"
[[missions.requirements]]
capability = "ceasefire_monitoring"
method = "per_km"
line = "line"
density = 4.5
source = "t"
[[missions.requirements]]
capability = "surveillance"
method = "dependent"
of = "ceasefire_monitoring"
per = 0
source = "t"
"#,
    );
    let a = assess(&s);
    let r = &a.requirements;
    // 1,100 km × 4.5 = 4,950 monitors; × 2 = 9,900 protection; × 0.1 = 990 trainers.
    assert_eq!(r[2].required, 4_950.0);
    assert_eq!(r[0].required, 9_900.0);
    assert!((r[1].required - 990.0).abs() < 1e-9);
    assert_eq!(r[3].required, 0.0);
    assert_eq!(
        r[0].formula,
        "monitoring.ceasefire_monitoring 4,950 × 2 per unit"
    );
    assert_eq!(r[0].parameters["of_required"], 4_950.0);
    kernel_agrees(&s);

    // Moving the base moves every dependent with it, in the kernel too.
    let kernel = Kernel::new(&s);
    let mut st = kernel.state();
    let slot = kernel
        .slot(guarantor_engine::Number::LineKm(0))
        .expect("the line has a slot");
    st.values[slot] = 2_200.0;
    kernel.evaluate(&mut st);
    assert_eq!(st.required()[0], 19_800.0);
    assert_eq!(st.required()[2], 9_900.0);
}

#[test]
fn area_is_the_zone_times_its_density() {
    let s = scenario(
        r#"
[[missions]]
id = "m"
layer = "l"
name = "M"
[[missions.requirements]]
capability = "ceasefire_monitoring"
method = "area"
length_km = 1100
depth_km = 15
density = 0.91
source = "t"
[[missions.requirements]]
capability = "ground_troops"
method = "area"
km2 = 346
density = 2.47
source = "t"
"#,
    );
    let r = assess(&s).requirements;
    // 1,100 km × 15 km = 16,500 km² × 0.91 = 15,015 (GCSP option A).
    assert!((r[0].required - 15_015.0).abs() < 1e-9, "{}", r[0].required);
    assert_eq!(r[0].parameters["km2"], 16_500.0);
    assert_eq!(
        r[0].formula,
        "zone 1,100 km × 15 km = 16,500 km² × 0.91 per km²"
    );
    // UNFICYP 2014: 346 km² × 2.47 = 854.62 (855 troops).
    assert!((r[1].required - 854.62).abs() < 1e-9);
    kernel_agrees(&s);
}

/// The requirement order puts every dependent after its base, whatever the file order.
#[test]
fn requirement_order_puts_bases_first() {
    let s = scenario(
        r#"
[[missions]]
id = "m"
layer = "l"
name = "M"
[[missions.requirements]]
capability = "ground_troops"
method = "dependent"
of = "training"
per = 2
source = "t"
[[missions.requirements]]
capability = "training"
method = "dependent"
of = "ceasefire_monitoring"
per = 2
source = "t"
[[missions.requirements]]
capability = "ceasefire_monitoring"
method = "fixed"
amount = 10
source = "t"
"#,
    );
    assert_eq!(s.requirement_order(), vec![2, 1, 0]);
    assert_eq!(required(&s), vec![40.0, 20.0, 10.0]);
    kernel_agrees(&s);
}
