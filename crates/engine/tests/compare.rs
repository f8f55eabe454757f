//! `compare` shows what moved: inside pledges (quantity, status, target, location), and across
//! versions written by different hands (missions and pledges renamed, paired by meaning).

use guarantor_engine::compare::Pairing;
use guarantor_engine::{assess, compare};
use guarantor_model::load;

fn scenario(mission: &str, pledge: &str, quantity: &str, status: &str, extra: &str) -> String {
    format!(
        r#"
[scenario]
id = "v"
name = "Version"
as_of = "2025-08-19"
[theatre]
protected = "UKR"
adversary = "RUS"
[[layers]]
id = "reassurance"
name = "Reassurance"
[[missions]]
id = "{mission}"
layer = "reassurance"
name = "Presence"
[[missions.requirements]]
capability = "ground_troops"
method = "fixed"
amount = 10000
source = "t"
[[contributors]]
code = "GBR"
name = "United Kingdom"
[[contributors]]
code = "FRA"
name = "France"
[[pledges]]
id = "{pledge}"
contributor = "GBR"
capability = "ground_troops"
quantity = {quantity}
mission = "{mission}"
status = "{status}"
sources = ["t"]
{extra}
"#
    )
}

fn compared(a: &str, b: &str) -> guarantor_engine::Comparison {
    let la = load(a);
    let lb = load(b);
    assert!(!la.has_errors(), "{:?}", la.diagnostics);
    assert!(!lb.has_errors(), "{:?}", lb.diagnostics);
    compare(
        &assess(la.scenario.as_ref().unwrap()),
        &assess(lb.scenario.as_ref().unwrap()),
    )
}

#[test]
fn quantity_and_status_moves_inside_a_pledge_are_shown() {
    let c = compared(
        &scenario("rear", "gbr-troops", "500", "stated", ""),
        &scenario("rear", "gbr-troops", "3000", "reported", ""),
    );
    assert_eq!(c.pledges.len(), 1);
    let p = &c.pledges[0];
    assert_eq!(p.state_a, "in force");
    assert_eq!(p.state_b, "in force");
    let moved: Vec<(&str, &str, &str)> = p
        .changes
        .iter()
        .map(|f| (f.field.as_str(), f.a.as_str(), f.b.as_str()))
        .collect();
    assert_eq!(
        moved,
        vec![
            ("quantity", "500", "3,000"),
            ("status", "stated", "reported")
        ]
    );
    // The gap narrows by what the quantity added.
    assert_eq!(c.coverage[0].gap_change, -2500.0);
}

#[test]
fn renamed_missions_and_pledges_pair_by_meaning() {
    let c = compared(
        &scenario("rear", "gbr-troops", "500", "stated", ""),
        &scenario("rear_presence", "uk-brigade", "[500, 3000]", "stated", ""),
    );
    assert_eq!(c.coverage.len(), 1, "{:?}", c.coverage);
    let r = &c.coverage[0];
    assert_eq!(r.paired_by, Pairing::Meaning);
    assert_eq!(r.mission, "rear");
    assert_eq!(r.mission_b.as_deref(), Some("rear_presence"));
    assert_eq!(c.pledges.len(), 1);
    let p = &c.pledges[0];
    assert_eq!(p.paired_by, Pairing::Meaning);
    assert_eq!(p.pledge_b.as_deref(), Some("uk-brigade"));
    assert_eq!(p.changes[0].field, "quantity");
    assert_eq!(p.changes[0].b, "500–3,000");
}

/// Pairing by meaning only where it is unambiguous: two unmatched French pledges of the same
/// capability on one side stay unpaired.
#[test]
fn ambiguous_pairs_stay_apart() {
    let fra = |id: &str| {
        format!(
            "[[pledges]]\nid = \"{id}\"\ncontributor = \"FRA\"\ncapability = \"ground_troops\"\nquantity = 100\nmission = \"rear\"\nstatus = \"stated\"\nsources = [\"t\"]\n"
        )
    };
    let c = compared(
        &scenario("rear", "gbr-troops", "500", "stated", &fra("fra-a")),
        &scenario(
            "rear",
            "gbr-troops",
            "500",
            "stated",
            &format!("{}{}", fra("fra-b"), fra("fra-c")),
        ),
    );
    let sides: Vec<(&str, &str, &str)> = c
        .pledges
        .iter()
        .map(|p| (p.pledge.as_str(), p.state_a.as_str(), p.state_b.as_str()))
        .collect();
    assert_eq!(
        sides,
        vec![
            ("fra-a", "in force", "absent"),
            ("fra-b", "absent", "in force"),
            ("fra-c", "absent", "in force"),
        ]
    );
}
