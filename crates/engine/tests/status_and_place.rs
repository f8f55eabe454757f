//! The guarantee as it really is: a floated offer is not a signed one, and a force next door is
//! not a force in place. Each example of issue 14 as a test, on scenarios written here.

use guarantor_engine::assess;
use guarantor_model::{Loaded, Scenario, StatusBasis, load};

/// A rear mission needing 20,000 troops and 2 air-defence batteries. GBR pledges troops on
/// condition `condition`; the US pledges air defence with status `us_status`; `extra` adds
/// pledges or mission fields.
fn text(us_status: &str, condition: &str, extra: &str, mission_extra: &str) -> String {
    format!(
        r#"
[scenario]
id = "s"
name = "Status and place"
as_of = "2026-01-06"
[theatre]
protected = "UKR"
adversary = "RUS"
[[layers]]
id = "reassurance"
name = "Reassurance"
[[missions]]
id = "rear_presence"
layer = "reassurance"
name = "Presence away from the front"
location = "rear"
{mission_extra}
[[missions.requirements]]
capability = "ground_troops"
method = "fixed"
amount = 20000
source = "t"
[[missions.requirements]]
capability = "air_defence"
method = "fixed"
amount = 2
source = "t"
[[contributors]]
code = "GBR"
name = "United Kingdom"
[[contributors]]
code = "DEU"
name = "Germany"
[[contributors]]
code = "USA"
name = "United States"
[[pledges]]
id = "usa-air-defence"
contributor = "USA"
capability = "air_defence"
quantity = 2
mission = "rear_presence"
status = "{us_status}"
sources = ["t"]
[[pledges]]
id = "gbr-troops"
contributor = "GBR"
capability = "ground_troops"
quantity = 6350
mission = "rear_presence"
status = "signed"
{condition}
sources = ["t"]
{extra}
"#
    )
}

fn loaded(t: &str) -> Loaded {
    let l = load(t);
    assert!(!l.has_errors(), "{:?}", l.diagnostics);
    l
}

fn scenario(t: &str) -> Scenario {
    loaded(t).scenario.unwrap()
}

fn troops(s: &Scenario) -> f64 {
    assess(s)
        .coverage
        .iter()
        .find(|r| r.capability == "ground_troops")
        .unwrap()
        .pledged
}

/// A European pledge that waits on a *signed* US commitment lapses while the US offer is only
/// floated or reported, and holds once it is signed. Without `@signed`, any US offer would do.
#[test]
fn a_condition_can_require_a_signed_commitment() {
    let cond = r#"conditions = { requires = ["USA:air_defence@signed"] }"#;
    for (status, counts) in [
        ("floated", false),
        ("reported", false),
        ("stated", false),
        ("signed", true),
        ("delivered", true),
    ] {
        let a = assess(&scenario(&text(status, cond, "", "")));
        let gbr = a.pledges.iter().find(|p| p.id == "gbr-troops").unwrap();
        assert_eq!(gbr.in_force, counts, "US offer {status}");
        if !counts {
            assert!(a.lapsed.iter().any(|l| l.pledge == "gbr-troops"));
        }
    }
    // The plain condition is met by a floated offer: the difference is the `@signed`.
    let plain = r#"conditions = { requires = ["USA:air_defence"] }"#;
    let a = assess(&scenario(&text("floated", plain, "", "")));
    assert!(a.pledges.iter().any(|p| p.id == "gbr-troops" && p.in_force));
}

/// The basis decides what counts: `firm` drops what is not agreed, signed or delivered, and a
/// pledge conditional on a dropped one lapses with it.
#[test]
fn the_status_basis_decides_what_counts() {
    let cond = r#"conditions = { requires = ["USA:air_defence"] }"#;
    let mut s = scenario(&text("reported", cond, "", ""));
    let air = |s: &Scenario| {
        assess(s)
            .coverage
            .iter()
            .find(|r| r.capability == "air_defence")
            .unwrap()
            .pledged
    };
    assert_eq!(air(&s), 2.0);
    assert_eq!(troops(&s), 6350.0);
    s.meta.status_basis = StatusBasis::Announced;
    assert_eq!(air(&s), 0.0, "a reported offer is not on the record");
    assert_eq!(troops(&s), 0.0, "GBR waited on it");
    s.meta.status_basis = StatusBasis::Firm;
    assert_eq!(air(&s), 0.0);
    // The basis is also a scenario field.
    let t = text("stated", "", "", "").replace(
        "as_of = \"2026-01-06\"",
        "as_of = \"2026-01-06\"\nstatus_basis = \"firm\"",
    );
    let s = scenario(&t);
    assert_eq!(s.meta.status_basis, StatusBasis::Firm);
    assert_eq!(troops(&s), 6350.0, "signed counts under firm");
    assert_eq!(air(&s), 0.0, "stated does not");
}

/// A force located outside the protected state, pledged to a mission inside it, fills nothing
/// there (6,350 stays 6,350, not 11,350) and the loader says why; a mission served from outside
/// (an over-the-horizon reserve) accepts it.
#[test]
fn a_force_next_door_is_not_a_force_in_place() {
    let deu = r#"
[[pledges]]
id = "deu-troops"
contributor = "DEU"
capability = "ground_troops"
quantity = 5000
mission = "rear_presence"
location = "outside"
status = "stated"
sources = ["t"]
"#;
    let l = loaded(&text("signed", "", deu, ""));
    let warning = l
        .diagnostics
        .iter()
        .find(|d| d.message.contains("deu-troops"))
        .expect("a diagnostic for the mismatch");
    assert_eq!(
        warning.message,
        "pledge `deu-troops` is located `outside` but mission `rear_presence` is in the protected state (rear): it fills nothing there"
    );
    assert_eq!(troops(l.scenario.as_ref().unwrap()), 6350.0);

    let l = loaded(&text("signed", "", deu, "served_from_outside = true"));
    assert!(
        l.diagnostics
            .iter()
            .all(|d| !d.message.contains("deu-troops"))
    );
    assert_eq!(troops(l.scenario.as_ref().unwrap()), 11350.0);
}

/// A condition no pledge can meet passes `check` with a warning, naming the condition.
#[test]
fn a_dead_condition_is_a_warning() {
    let cond = r#"conditions = { requires = ["USA:naval"] }"#;
    let l = loaded(&text("signed", cond, "", ""));
    let messages: Vec<&str> = l.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert!(
        messages.contains(
            &"condition `USA:naval` of pledge `gbr-troops` can never hold: no other pledge of `USA` matches it"
        ),
        "{messages:?}"
    );
    assert_eq!(troops(l.scenario.as_ref().unwrap()), 0.0);
}

/// An unknown status in a condition is an error with the list of statuses.
#[test]
fn an_unknown_status_in_a_condition_is_an_error() {
    let cond = r#"conditions = { requires = ["USA:air_defence@singed"] }"#;
    let l = load(&text("signed", cond, "", ""));
    let e = l
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .expect("an error");
    assert_eq!(e.message, "condition asks for unknown status `singed`");
}

/// Firmer statuses order as the scale says.
#[test]
fn the_status_scale_is_ordered() {
    use guarantor_model::Status::*;
    let scale = [
        Rumoured,
        Floated,
        Reported,
        Conditional,
        Stated,
        Agreed,
        Signed,
        Delivered,
    ];
    assert!(scale.windows(2).all(|w| w[0] < w[1]));
    assert!(StatusBasis::Firm.admits(Agreed) && !StatusBasis::Firm.admits(Stated));
    assert!(StatusBasis::Announced.admits(Conditional) && !StatusBasis::Announced.admits(Reported));
    assert!(StatusBasis::All.admits(Rumoured));
}

/// A condition can name one pledge (`pledge:ID`), with or without a status; an unknown id is an
/// error with a suggestion.
#[test]
fn a_condition_can_name_a_pledge() {
    let cond = r#"conditions = { requires = ["pledge:usa-air-defence"] }"#;
    let mut s = scenario(&text("stated", cond, "", ""));
    assert_eq!(troops(&s), 6350.0);
    s.meta.status_basis = StatusBasis::Firm;
    assert_eq!(troops(&s), 0.0, "the named pledge is only stated");
    let cond = r#"conditions = { requires = ["pledge:usa-air-defence@signed"] }"#;
    assert_eq!(troops(&scenario(&text("stated", cond, "", ""))), 0.0);
    assert_eq!(troops(&scenario(&text("signed", cond, "", ""))), 6350.0);
    let bad = r#"conditions = { requires = ["pledge:usa-air-defense"] }"#;
    let l = load(&text("signed", bad, "", ""));
    let e = l
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .expect("an error");
    assert_eq!(
        e.message,
        "condition names unknown pledge `usa-air-defense`"
    );
}
