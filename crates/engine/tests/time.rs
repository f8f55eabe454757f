//! Time: pledges in force from a date and until another, events that happen on a date, forces
//! that need days after an event to be in place, all judged at the date a scenario is assessed
//! at. Each rule of issue 14's third point as a test, on scenarios written here, and a property:
//! moving the assessment date never changes a scenario that has no dates.

use guarantor_engine::{Assessment, assess};
use guarantor_model::{Date, Scenario, load};
use proptest::prelude::*;

fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// A rear mission needing 5,000 troops and a headquarters of 70; `events` and `pledges` are TOML
/// appended as written.
fn text(events: &str, pledges: &str) -> String {
    format!(
        r#"
[scenario]
id = "t"
name = "Time"
as_of = "2026-01-06"
[theatre]
protected = "UKR"
adversary = "RUS"
{events}
[[layers]]
id = "reassurance"
name = "Reassurance"
[[missions]]
id = "rear_presence"
layer = "reassurance"
name = "Presence away from the front"
[[missions.requirements]]
capability = "ground_troops"
method = "fixed"
amount = 5000
source = "t"
[[missions]]
id = "headquarters"
layer = "reassurance"
name = "Headquarters"
location = "outside"
[[missions.requirements]]
capability = "ground_troops"
method = "fixed"
amount = 70
source = "t"
[[contributors]]
code = "GBR"
name = "United Kingdom"
[[contributors]]
code = "FRA"
name = "France"
{pledges}
"#
    )
}

fn scenario(src: &str) -> Scenario {
    let loaded = load(src);
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    loaded.scenario.unwrap()
}

fn at(s: &Scenario, day: &str) -> Assessment {
    let mut s = s.clone();
    s.assess_at(date(day));
    assess(&s)
}

fn pledged(a: &Assessment, mission: &str) -> f64 {
    a.coverage
        .iter()
        .find(|r| r.mission == mission)
        .map(|r| r.pledged)
        .unwrap()
}

fn in_force(a: &Assessment, pledge: &str) -> bool {
    a.pledges.iter().find(|p| p.id == pledge).unwrap().in_force
}

/// (kind, reason) of a lapsed pledge.
fn lapse(a: &Assessment, pledge: &str) -> Option<(String, String)> {
    a.lapsed
        .iter()
        .find(|l| l.pledge == pledge)
        .map(|l| (l.kind.clone(), l.reason.clone()))
}

const CEASEFIRE: &str = r#"
[[events]]
id = "ceasefire"
date = "2026-03-01"
source = "t"
"#;

const DEPLOYS_AFTER_90_DAYS: &str = r#"
[[pledges]]
id = "gbr-troops"
contributor = "GBR"
capability = "ground_troops"
quantity = 5000
mission = "rear_presence"
status = "signed"
conditions = { after = "ceasefire" }
lead_time_days = 90
sources = ["t"]
"#;

#[test]
fn a_force_that_deploys_90_days_after_a_dated_ceasefire_is_absent_at_day_30_and_there_at_day_120() {
    let s = scenario(&text(CEASEFIRE, DEPLOYS_AFTER_90_DAYS));

    // Day 30 after the ceasefire of 1 March 2026.
    let day30 = at(&s, "2026-03-31");
    assert_eq!(pledged(&day30, "rear_presence"), 0.0);
    assert!(!in_force(&day30, "gbr-troops"));
    assert_eq!(
        lapse(&day30, "gbr-troops"),
        Some((
            "lead_time".into(),
            "needs 90 days after event `ceasefire` (2026-03-01) to be in place, so from 2026-05-30; assessed at 2026-03-31".into()
        ))
    );
    let l = day30
        .lapsed
        .iter()
        .find(|l| l.pledge == "gbr-troops")
        .unwrap();
    assert_eq!(l.condition, "90 days after ceasefire");

    // Day 120.
    let day120 = at(&s, "2026-06-29");
    assert_eq!(pledged(&day120, "rear_presence"), 5000.0);
    assert!(in_force(&day120, "gbr-troops"));
    assert_eq!(lapse(&day120, "gbr-troops"), None);

    // The boundary: in place on day 90 exactly, not on day 89.
    assert_eq!(pledged(&at(&s, "2026-05-29"), "rear_presence"), 0.0);
    assert_eq!(pledged(&at(&s, "2026-05-30"), "rear_presence"), 5000.0);

    // Before the ceasefire the event itself has not happened.
    let before = at(&s, "2026-02-01");
    assert_eq!(
        lapse(&before, "gbr-troops"),
        Some((
            "event_later".into(),
            "waits for event `ceasefire`, dated 2026-03-01, after the assessment date 2026-02-01"
                .into()
        ))
    );
}

#[test]
fn an_undated_ceasefire_starts_no_clock() {
    // The ceasefire's date unknown: it holds as the scenario assumes, and the lead time has
    // nothing to count from, so the force counts at any date.
    let undated = CEASEFIRE.replace("date = \"2026-03-01\"\n", "");
    let s = scenario(&text(&undated, DEPLOYS_AFTER_90_DAYS));
    for day in ["2026-01-06", "2026-03-31", "2040-01-01"] {
        assert_eq!(pledged(&at(&s, day), "rear_presence"), 5000.0, "{day}");
    }
    // And an event assumed not to hold still lapses as before, with its own reason.
    let not_held = undated.replace("id = \"ceasefire\"", "id = \"ceasefire\"\nholds = false");
    let a = at(
        &scenario(&text(&not_held, DEPLOYS_AFTER_90_DAYS)),
        "2026-06-29",
    );
    assert_eq!(lapse(&a, "gbr-troops").unwrap().0, "event_not_held");
}

#[test]
fn a_dated_event_holds_only_from_its_date_and_only_if_it_holds() {
    let pledge = DEPLOYS_AFTER_90_DAYS.replace("lead_time_days = 90\n", "");
    let s = scenario(&text(CEASEFIRE, &pledge));
    assert_eq!(pledged(&at(&s, "2026-02-28"), "rear_presence"), 0.0);
    assert_eq!(pledged(&at(&s, "2026-03-01"), "rear_presence"), 5000.0);

    let not_held = CEASEFIRE.replace("id = \"ceasefire\"", "id = \"ceasefire\"\nholds = false");
    let a = at(&scenario(&text(&not_held, &pledge)), "2026-06-29");
    assert_eq!(pledged(&a, "rear_presence"), 0.0);
    assert_eq!(lapse(&a, "gbr-troops").unwrap().0, "event_not_held");
}

#[test]
fn the_kernel_starts_from_the_events_that_have_happened_by_the_date() {
    // What the Monte Carlo starts each draw from, and what the cycle detector reads.
    let s = scenario(&text(CEASEFIRE, DEPLOYS_AFTER_90_DAYS));
    let events = |day: &str| {
        let mut s = s.clone();
        s.assess_at(date(day));
        guarantor_engine::Kernel::new(&s).state().events
    };
    assert_eq!(events("2026-02-28"), vec![false]);
    assert_eq!(events("2026-03-01"), vec![true]);
}

#[test]
fn a_pledge_past_its_until_date_lapses_and_says_why() {
    let s = scenario(&text(
        "",
        r#"
[[pledges]]
id = "gbr-troops"
contributor = "GBR"
capability = "ground_troops"
quantity = 5000
mission = "rear_presence"
status = "signed"
from = "2026-01-01"
until = "2031-04-01"
sources = ["t"]
"#,
    ));
    // Counts up to the day before `until`.
    let last = at(&s, "2031-03-31");
    assert!(in_force(&last, "gbr-troops"));
    assert_eq!(last.summary.pledges_lapsed, 0);

    let after = at(&s, "2032-01-01");
    assert_eq!(pledged(&after, "rear_presence"), 0.0);
    assert_eq!(after.summary.pledges_lapsed, 1);
    let l = after
        .lapsed
        .iter()
        .find(|l| l.pledge == "gbr-troops")
        .unwrap();
    assert_eq!(l.kind, "ended");
    assert_eq!(l.condition, "until 2031-04-01");
    assert_eq!(
        l.reason,
        "no longer in force: in force until 2031-04-01, assessed at 2032-01-01"
    );
    // The day `until` names is the first it no longer counts.
    assert!(!in_force(&at(&s, "2031-04-01"), "gbr-troops"));

    let early = at(&s, "2025-12-31");
    assert_eq!(
        lapse(&early, "gbr-troops"),
        Some((
            "not_yet_in_force".into(),
            "not yet in force: in force from 2026-01-01, assessed at 2025-12-31".into()
        ))
    );
}

#[test]
fn the_headquarters_moves_from_paris_to_london() {
    let s = scenario(&text(
        "",
        r#"
[[pledges]]
id = "fra-hq"
contributor = "FRA"
capability = "ground_troops"
quantity = 70
mission = "headquarters"
status = "stated"
until = "2026-07-01"
sources = ["t"]
[[pledges]]
id = "gbr-hq"
contributor = "GBR"
capability = "ground_troops"
quantity = 70
mission = "headquarters"
status = "stated"
from = "2026-07-01"
sources = ["t"]
"#,
    ));
    let hq = |a: &Assessment| -> Vec<(String, f64)> {
        let row = a
            .coverage
            .iter()
            .find(|r| r.mission == "headquarters")
            .unwrap();
        row.from
            .iter()
            .map(|c| (c.pledge.clone(), c.units))
            .collect()
    };
    let load = |a: &Assessment, code: &str| -> f64 {
        a.contributors
            .iter()
            .filter(|c| c.code == code && c.capability == "ground_troops")
            .map(|c| c.pledged)
            .sum()
    };
    // Led from Paris up to 30 June 2026, from London from 1 July: one of them on every day,
    // never both, never neither.
    let june = at(&s, "2026-06-30");
    assert_eq!(hq(&june), vec![("fra-hq".to_string(), 70.0)]);
    assert_eq!((load(&june, "FRA"), load(&june, "GBR")), (70.0, 0.0));
    assert_eq!(lapse(&june, "gbr-hq").unwrap().0, "not_yet_in_force");
    let july = at(&s, "2026-07-01");
    assert_eq!(hq(&july), vec![("gbr-hq".to_string(), 70.0)]);
    assert_eq!((load(&july, "FRA"), load(&july, "GBR")), (0.0, 70.0));
    assert_eq!(lapse(&july, "fra-hq").unwrap().0, "ended");
    for a in [&june, &july] {
        let row = a
            .coverage
            .iter()
            .find(|r| r.mission == "headquarters")
            .unwrap();
        assert_eq!(row.gap, 0.0);
    }
}

#[test]
fn a_pledge_out_of_force_by_date_satisfies_no_condition() {
    // France's troops wait on a British headquarters; before the British one is in force, they
    // lapse with the condition unmet, as they would if it were not pledged.
    let s = scenario(&text(
        "",
        r#"
[[pledges]]
id = "gbr-hq"
contributor = "GBR"
capability = "ground_troops"
quantity = 70
mission = "headquarters"
status = "stated"
from = "2026-07-01"
sources = ["t"]
[[pledges]]
id = "fra-troops"
contributor = "FRA"
capability = "ground_troops"
quantity = 2000
mission = "rear_presence"
status = "stated"
conditions = { requires = ["GBR:ground_troops"] }
sources = ["t"]
"#,
    ));
    let before = at(&s, "2026-01-06");
    assert_eq!(lapse(&before, "fra-troops").unwrap().0, "unmet");
    assert_eq!(pledged(&before, "rear_presence"), 0.0);
    assert_eq!(pledged(&at(&s, "2026-07-01"), "rear_presence"), 2000.0);
}

#[test]
fn the_scenario_may_name_its_own_assessment_date() {
    let src = text(
        "",
        DEPLOYS_AFTER_90_DAYS
            .replace(
                "conditions = { after = \"ceasefire\" }\nlead_time_days = 90\n",
                "from = \"2026-03-01\"\n",
            )
            .as_str(),
    );
    let s = scenario(&src);
    assert_eq!(s.meta.assess_at, date("2026-01-06"));
    assert_eq!(pledged(&assess(&s), "rear_presence"), 0.0);
    let later = scenario(&src.replace(
        "as_of = \"2026-01-06\"",
        "as_of = \"2026-01-06\"\nassess_at = \"2026-03-01\"",
    ));
    assert_eq!(later.meta.assess_at, date("2026-03-01"));
    let a = assess(&later);
    assert_eq!(a.scenario.as_of, "2026-03-01");
    assert_eq!(pledged(&a, "rear_presence"), 5000.0);
}

#[test]
fn the_january_2026_scenario_moves_with_the_date() {
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scenarios/ukraine-2026-01.toml"
    ))
    .unwrap();
    let s = load(&src).scenario.unwrap();
    let hq = |a: &Assessment| -> Vec<String> {
        let row = a
            .coverage
            .iter()
            .find(|r| r.mission == "mnfu_headquarters")
            .unwrap();
        row.from.iter().map(|c| c.contributor.clone()).collect()
    };
    let jan = at(&s, "2026-01-06");
    let jul = at(&s, "2026-07-01");
    let later = at(&s, "2032-01-01");
    assert_eq!(hq(&jan), vec!["FRA".to_string()]);
    assert_eq!(hq(&jul), vec!["GBR".to_string()]);
    // By 2032 the German 2026 budget and the UK's arms to 2030-31 have run out.
    for (a, deu, gbr) in [(&jan, true, true), (&later, false, false)] {
        assert_eq!(in_force(a, "deu-arms"), deu);
        assert_eq!(in_force(a, "gbr-arms"), gbr);
    }
    // The scenario as shipped is assessed at its own date.
    assert_eq!(assess(&s), jan);
}

/// A generated scenario without dates: events assumed to hold or not, pledges that wait on them
/// or on each other.
#[derive(Debug, Clone)]
struct Gen {
    holds: [bool; 2],
    pledges: Vec<(usize, u32, Option<usize>, bool)>,
}

fn undated(g: &Gen) -> String {
    let events = format!(
        "[[events]]\nid = \"e0\"\nholds = {}\nsource = \"t\"\n[[events]]\nid = \"e1\"\nholds = {}\nsource = \"t\"\n",
        g.holds[0], g.holds[1]
    );
    let mut pledges = String::new();
    for (i, &(who, quantity, event, requires)) in g.pledges.iter().enumerate() {
        let code = ["GBR", "FRA"][who];
        let mut conditions = Vec::new();
        if let Some(e) = event {
            conditions.push(format!("after = \"e{e}\""));
        }
        if requires {
            conditions.push(format!("requires = [\"{}\"]", ["FRA", "GBR"][who]));
        }
        let conditions = if conditions.is_empty() {
            String::new()
        } else {
            format!("conditions = {{ {} }}\n", conditions.join(", "))
        };
        let mission = if i % 2 == 0 {
            "rear_presence"
        } else {
            "headquarters"
        };
        let location = if mission == "headquarters" {
            "location = \"outside\"\n"
        } else {
            ""
        };
        pledges.push_str(&format!(
            "[[pledges]]\nid = \"p{i}\"\ncontributor = \"{code}\"\ncapability = \"ground_troops\"\nquantity = {quantity}\nmission = \"{mission}\"\n{location}status = \"stated\"\n{conditions}sources = [\"t\"]\n"
        ));
    }
    text(&events, &pledges)
}

fn generated() -> impl Strategy<Value = Gen> {
    (
        proptest::array::uniform2(any::<bool>()),
        proptest::collection::vec(
            (
                0usize..2,
                0u32..4000,
                proptest::option::of(0usize..2),
                any::<bool>(),
            ),
            0..8,
        ),
    )
        .prop_map(|(holds, pledges)| Gen { holds, pledges })
}

/// The assessment with the date it was assessed at blanked, so two dates can be compared.
fn undated_result(mut a: Assessment) -> Assessment {
    a.scenario.as_of.clear();
    a
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn moving_the_date_never_changes_a_scenario_without_dates(
        g in generated(),
        days in -40_000i64..40_000,
    ) {
        let src = undated(&g);
        let loaded = load(&src);
        // Conditions that wait on themselves are refused at load time; nothing to assess.
        prop_assume!(loaded.scenario.is_some());
        let s = loaded.scenario.unwrap();
        let day = date("2026-01-06").add_days(days);
        prop_assert_eq!(undated_result(assess(&s)), undated_result(at(&s, &day.to_string())));
    }

    #[test]
    fn moving_the_date_never_changes_the_shipped_scenarios_without_dates(
        days in -40_000i64..40_000,
    ) {
        for file in [
            "ukraine-2025-01.toml",
            "ukraine-2025-08.toml",
            "validation/reassurance-brigades.toml",
            "references/us-korea.toml",
        ] {
            let path = format!("{}/../../scenarios/{file}", env!("CARGO_MANIFEST_DIR"));
            let s = load(&std::fs::read_to_string(&path).unwrap()).scenario.unwrap();
            prop_assert!(s.pledges.iter().all(|p| p.timing.is_undated()));
            prop_assert!(s.events.iter().all(|e| e.date.is_none()));
            let day = date("2026-01-06").add_days(days);
            prop_assert_eq!(undated_result(assess(&s)), undated_result(at(&s, &day.to_string())));
        }
    }
}
