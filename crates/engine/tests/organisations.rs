//! Organisations and groups contribute: the EU, NATO or the coalition of the willing can pledge,
//! a coalition total with no national split counts toward coverage but toward no member's
//! capacity, red lines about a member or its alliance cover the group, and a mission can name a
//! lead nation.

use guarantor_engine::assess;
use guarantor_model::load;

fn text(members: &str, extra: &str) -> String {
    format!(
        r#"
[scenario]
id = "org"
name = "Organisations"
as_of = "2026-01-06"
[theatre]
protected = "UKR"
adversary = "RUS"
[[layers]]
id = "reassurance"
name = "Reassurance"
[[missions]]
id = "mnf"
layer = "reassurance"
name = "Multinational Force Ukraine"
location = "rear"
lead = "GBR"
[[missions.requirements]]
capability = "ground_troops"
method = "fixed"
amount = 30000
source = "t"
[[contributors]]
code = "GBR"
name = "United Kingdom"
alliances = ["NATO"]
capacity.ground_troops = {{ sustainable = 4000, source = "t" }}
[[contributors]]
code = "COW"
name = "Coalition of the willing"
members = [{members}]
[[pledges]]
id = "cow-ground"
contributor = "COW"
capability = "ground_troops"
quantity = [15000, 30000]
mission = "mnf"
status = "reported"
sources = ["t"]
[[red_lines]]
id = "rus-no-nato-troops"
party = "RUS"
rule = "no troops from NATO in theatre"
source = "t"
{extra}
"#
    )
}

#[test]
fn a_coalition_total_counts_toward_coverage_not_a_members_capacity() {
    let l = load(&text(r#""GBR", "FRA", "CAN""#, ""));
    assert!(!l.has_errors(), "{:?}", l.diagnostics);
    let s = l.scenario.unwrap();
    assert_eq!(s.members_of("COW"), ["GBR", "FRA", "CAN"]);
    assert_eq!(s.mission("mnf").unwrap().lead.as_deref(), Some("GBR"));
    let a = assess(&s);
    assert_eq!(a.coverage[0].pledged, 15000.0);
    // The UK's capacity (4,000) is not charged with the coalition's 15,000.
    assert!(
        a.contributors
            .iter()
            .filter(|c| c.code == "GBR")
            .all(|c| c.pledged == 0.0)
    );
}

/// Russia's red line against NATO troops covers a coalition force whose members include NATO
/// members (the United Kingdom here); a group of non-NATO states does not cross it.
#[test]
fn red_lines_about_a_members_alliance_cover_the_group() {
    let a = assess(&load(&text(r#""GBR", "FRA""#, "")).scenario.unwrap());
    assert!(a.red_lines[0].violated, "{:?}", a.red_lines[0]);
    let a = assess(&load(&text(r#""AUS", "NZL""#, "")).scenario.unwrap());
    assert!(!a.red_lines[0].violated, "{:?}", a.red_lines[0]);
}

#[test]
fn bad_organisations_are_errors_with_their_reason() {
    let messages = |t: &str| -> Vec<String> {
        load(t)
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.message.clone())
            .collect()
    };
    assert_eq!(
        messages(&text(r#""GBR", "GBR""#, "")),
        ["`GBR` is listed twice among the members of `COW`"]
    );
    assert_eq!(
        messages(&text(r#""GBR", "XYZ""#, "")),
        ["`XYZ` is not an ISO 3166 alpha-3 code (member)"]
    );
    let t = text(r#""GBR""#, "").replace("code = \"COW\"", "code = \"coalition\"");
    let m = messages(&t);
    assert!(
        m.contains(&"`coalition` is not an organisation code".to_string()),
        "{m:?}"
    );
    let t = text(r#""GBR", "FRA""#, "").replace("lead = \"GBR\"", "lead = \"FRA\"");
    assert!(
        messages(&t).is_empty(),
        "a member of an organisation contributor can lead"
    );
    let t = text(r#""GBR""#, "").replace("lead = \"GBR\"", "lead = \"ITA\"");
    assert_eq!(
        messages(&t),
        ["mission `mnf` is led by `ITA`, which is not a contributor"]
    );
}
