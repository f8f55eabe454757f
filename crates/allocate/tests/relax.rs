//! "What would have to change": the smallest sets of red lines and caps whose lifting makes an
//! infeasible allocation feasible, on hand-built scenarios whose answers follow by arithmetic.

use guarantor_allocate::{CostWeights, DefaultSolver, Lift, Options, allocate, text};
use guarantor_model::load;

/// One rear mission needing `need` troops; GBR (NATO, capacity 6) is barred by Russia's red line
/// on NATO troops in theatre; FRA (capacity 20) caps itself at 5 more.
fn scenario(need: u32) -> guarantor_model::Scenario {
    let text = format!(
        r#"
[scenario]
id = "relax"
name = "Relax"
as_of = "2025-01-01"
[theatre]
protected = "UKR"
adversary = "RUS"
[[layers]]
id = "l"
name = "L"
[[missions]]
id = "rear"
layer = "l"
name = "Rear"
location = "rear"
[[missions.requirements]]
capability = "ground_troops"
method = "fixed"
amount = {need}
source = "t"
[[contributors]]
code = "GBR"
name = "United Kingdom"
alliances = ["NATO"]
capacity.ground_troops = {{ sustainable = 6, source = "t" }}
[[contributors]]
code = "FRA"
name = "France"
caps = ["at most 5 ground_troops"]
capacity.ground_troops = {{ sustainable = 20, source = "t" }}
[[red_lines]]
id = "no-nato"
party = "RUS"
rule = "no ground_troops from NATO in theatre"
source = "t"
"#
    );
    let l = load(&text);
    assert!(!l.has_errors(), "{:?}", l.diagnostics);
    l.scenario.unwrap()
}

fn relaxations(need: u32) -> guarantor_allocate::Relaxations {
    let r = allocate(
        &scenario(need),
        &Options::default(),
        &CostWeights::default(),
        &DefaultSolver,
    )
    .unwrap();
    assert!(!r.feasible);
    r.relaxations
        .expect("an infeasible allocation says what would have to change")
}

fn red_line() -> Lift {
    Lift::RedLine {
        id: "no-nato".into(),
        party: "RUS".into(),
    }
}

fn cap() -> Lift {
    Lift::Cap {
        contributor: "FRA".into(),
        rule: "at most 5 ground_troops".into(),
    }
}

/// Need 10: France alone gives 5 under its cap. Lifting the red line lets GBR add 6 (11 ≥ 10);
/// lifting the cap lets France give 10. Either alone suffices: two sets of size one.
#[test]
fn either_lift_alone_suffices() {
    let r = relaxations(10);
    assert!(!r.capacity_binds);
    let sets: Vec<&Vec<Lift>> = r.smallest.iter().map(|s| &s.lifted).collect();
    assert_eq!(sets, vec![&vec![red_line()], &vec![cap()]]);
    // With the red line lifted, GBR's troops are all across it: 10 − 5 (France's cap) = 5 at
    // least, at most GBR's 6.
    let across = r.smallest[0].units_across[0];
    assert!((5.0..=6.0).contains(&across), "{across}");
    // With the cap lifted, France gives 10, 5 beyond its cap.
    assert_eq!(r.smallest[1].units_across, vec![5.0]);
}

/// Need 24: the red line alone gives 6 + 5 = 11, the cap alone 20; both are needed (6 + 20).
#[test]
fn both_lifts_needed() {
    let r = relaxations(24);
    assert_eq!(r.smallest.len(), 1);
    assert_eq!(r.smallest[0].lifted, vec![red_line(), cap()]);
    assert_eq!(r.smallest[0].extra_pledges, 2);
}

/// Need 30: even with both lifted, 26 is all there is: capacity binds.
#[test]
fn capacity_binds_beyond_every_lift() {
    let r = relaxations(30);
    assert!(r.capacity_binds);
    assert!(r.smallest.is_empty());
    assert_eq!(r.candidates, vec![red_line(), cap()]);
}

#[test]
fn the_text_report_says_what_to_lift() {
    let r = allocate(
        &scenario(24),
        &Options::default(),
        &CostWeights::default(),
        &DefaultSolver,
    )
    .unwrap();
    let t = text::report(&r);
    let section = &t[t.find("WHAT WOULD HAVE TO CHANGE").expect("section")..];
    insta::assert_snapshot!(section);
}
