//! The report's robustness, sensitivity, allocation and timeline sections on a small scenario of
//! our own: snapshots of each section, the "how to get it" texts when a section is left out, and
//! the laws of the whole page (one script, the chart downloads; nothing fetched, markup in inputs shown as text, same
//! inputs same bytes).
//!
//! The Monte Carlo and the Sobol analysis run for real (few draws, fixed seeds); the allocation
//! and the ledger are written by hand, so these tests need no solver and no database.

use guarantor_allocate::explain::Binding;
use guarantor_allocate::{AllocationReport, Allotment, ShareRow, Shortfall};
use guarantor_engine::Assessment;
use guarantor_evidence::{
    AttributionKind, DuplicateLink, Ledger, LinkKind, Modality, Quantity, Stance, Statement,
};
use guarantor_model::Scenario;
use guarantor_report::html::{
    AllocationSection, ArticleLink, Report, RobustnessSection, TimelineSection, render,
};
use guarantor_robust::{
    CompiledScenario, Output, Reliability, Sensitivity, Settings, Simulation, SobolSettings,
};

const SMALL: &str = r#"
[scenario]
id = "small"
name = "Small <test> guarantee"
as_of = "2025-09-01"

[theatre]
protected = "UKR"
adversary = "RUS"

[[events]]
id = "us_backstop"
probability = 0.6
probability_source = "judgement: test"

[[layers]]
id = "reassurance"
name = "Reassurance"

[[layers]]
id = "backstop"
name = "Backstop"

[[contributors]]
code = "USA"
name = "United States"

[[contributors]]
code = "GBR"
name = "United Kingdom"

[[contributors]]
code = "FRA"
name = "France"

[[missions]]
id = "rear_presence"
layer = "reassurance"
name = "Rear presence"

[[missions.requirements]]
capability = "ground_troops"
method = "fixed"
amount = 10000
source = "test"

[[missions]]
id = "air_policing"
layer = "backstop"
name = "Air policing"

[[missions.requirements]]
capability = "air_power"
method = "fixed"
amount = 24
source = "test"

[[pledges]]
id = "usa-air"
contributor = "USA"
capability = "air_power"
quantity = [12, 30]
mission = "air_policing"
status = "stated"
probability = 0.9
probability_source = "test"
depends_on = ["us_backstop"]
sources = ["test"]

[[pledges]]
id = "gbr-troops"
contributor = "GBR"
capability = "ground_troops"
quantity = [3000, 7000]
mission = "rear_presence"
status = "conditional"
probability = 0.8
probability_source = "test"
conditions = { requires = ["USA:air_power"] }
sources = ["test"]

[[pledges]]
id = "fra-troops"
contributor = "FRA"
capability = "ground_troops"
quantity = 4000
mission = "rear_presence"
status = "stated"
probability = 0.7
probability_source = "test"
sources = ["test"]
"#;

fn scenario() -> Scenario {
    guarantor_model::load(SMALL)
        .scenario
        .expect("the fixture loads")
}

struct Results {
    scenario: Scenario,
    assessment: Assessment,
    simulation: Simulation,
    without: Simulation,
    sensitivity: Sensitivity,
    allocation: AllocationReport,
    ledger: Ledger,
    articles: Vec<ArticleLink>,
}

fn simulate(s: &Scenario, without: &[String]) -> Simulation {
    let model = CompiledScenario::new(s, &Reliability::default());
    guarantor_robust::simulate(
        &model,
        guarantor_robust::scenario_info(s, without),
        Settings {
            draws: 2000,
            seed: 7,
        },
        &|_| {},
    )
}

fn statement(
    article: &str,
    sentence: usize,
    date: Option<&str>,
    actor: &str,
    stance: Stance,
    modality: Modality,
    quote: &str,
) -> Statement {
    Statement {
        id: format!("{article}#{sentence}.ground_troops"),
        article: article.into(),
        actor: actor.into(),
        capability: "ground_troops".into(),
        stance,
        modality,
        quantity: None,
        attributed_to: Some(format!("speaker of {actor}")),
        attribution: AttributionKind::Named,
        quote: quote.into(),
        quote_start: 0,
        quote_end: quote.len(),
        date: date.map(str::to_string),
        outlet: Some("Outlet".into()),
        sentence,
        probability: None,
    }
}

fn results() -> Results {
    let scenario = scenario();
    let assessment = guarantor_engine::assess(&scenario);
    let usa = vec!["USA".to_string()];
    let (without_usa, _) = guarantor_engine::without(&scenario, &usa).expect("USA present");
    let simulation = simulate(&scenario, &[]);
    let without = simulate(&without_usa, &usa);
    let model = CompiledScenario::new(&scenario, &Reliability::default());
    let sensitivity = guarantor_robust::sensitivity(
        &model,
        guarantor_robust::scenario_info(&scenario, &[]),
        Output::parse(&model, "rear_presence.ground_troops").expect("a requirement"),
        SobolSettings {
            samples: 256,
            seed: 3,
            bootstrap: 50,
            confidence: 0.95,
        },
    );
    let allocation = AllocationReport {
        schema_version: guarantor_allocate::SCHEMA_VERSION,
        run: guarantor_allocate::allocate::RunInfo {
            id: "small".into(),
            name: "Small".into(),
            as_of: "2025-09-01".into(),
            objective: "burden".into(),
            without: vec![],
            ignored_red_lines: vec![],
            fair_share_basis: "gdp".into(),
            solver: "hand-written".into(),
        },
        feasible: false,
        nothing_to_allocate: false,
        objective_value: 1234.5,
        allocation: vec![Allotment {
            contributor: "GBR".into(),
            capability: "ground_troops".into(),
            units: 2000.0,
            unit: "personnel".into(),
            mission: "rear_presence".into(),
            burden_eur_m: 1234.5,
        }],
        contributors: vec![
            ShareRow {
                contributor: "GBR".into(),
                key: 3000.0,
                fair_share: 0.6,
                pledged_eur_m: 2000.0,
                added_eur_m: 1234.5,
                total_eur_m: 3234.5,
                fair_eur_m: 2400.0,
                deviation: Some(0.35),
            },
            ShareRow {
                contributor: "FRA".into(),
                key: 2000.0,
                fair_share: 0.4,
                pledged_eur_m: 1600.0,
                added_eur_m: 0.0,
                total_eur_m: 1600.0,
                fair_eur_m: 1600.0,
                deviation: Some(0.0),
            },
            ShareRow {
                contributor: "<b>XXX</b>".into(),
                key: 0.0,
                fair_share: 0.0,
                pledged_eur_m: 10.0,
                added_eur_m: 0.0,
                total_eur_m: 10.0,
                fair_eur_m: 0.0,
                deviation: None,
            },
        ],
        relaxations: None,
        shortfalls: vec![Shortfall {
            mission: Some("rear_presence".into()),
            red_line: None,
            capability: "ground_troops".into(),
            unit: "personnel".into(),
            required: 10000.0,
            shortfall: 1000.0,
            least_possible: 500.0,
            binding: vec![
                Binding::Capacity {
                    contributor: "GBR".into(),
                    sustainable: Some(9000.0),
                    pledged: 7000.0,
                    room: 2000.0,
                },
                Binding::SharedWith {
                    missions: vec!["<script>air_policing</script>".into()],
                },
            ],
        }],
        already_crossed: vec!["rus-no-nato-troops".into()],
        after: assessment.clone(),
    };
    let ledger = Ledger {
        statements: vec![
            statement(
                "b02",
                0,
                Some("2025-08-19"),
                "USA",
                Stance::RulesOut,
                Modality::Asserted,
                "There will be no US ground troops.",
            ),
            statement(
                "b01",
                3,
                Some("2025-08-18"),
                "GBR",
                Stance::Offers,
                Modality::Hedged,
                "Britain could send <script>alert(1)</script> troops.",
            ),
            statement(
                "b01",
                5,
                Some("2025-08-18"),
                "GBR",
                Stance::Commits,
                Modality::Asserted,
                "We will deploy.",
            ),
            statement(
                "b03",
                1,
                Some("2025-09-04"),
                "FRA",
                Stance::Considers,
                Modality::Asserted,
                "Paris is weighing a brigade.",
            ),
            statement(
                "b04",
                0,
                None,
                "UKR",
                Stance::Demands,
                Modality::Asserted,
                "Undated demand.",
            ),
        ],
        duplicates: vec![DuplicateLink {
            article: "b03".into(),
            duplicate_of: "b01".into(),
            similarity: 0.7,
            kind: LinkKind::Rewrite,
            reason: None,
        }],
    };
    let mut ledger = ledger;
    ledger.statements[3].quantity = Some(Quantity {
        value: Some(5000.0),
        upper: None,
        unit: Some("troops".into()),
        text: "a brigade of 5,000 troops".into(),
    });
    let articles = vec![
        ArticleLink {
            id: "b01".into(),
            url: Some("https://example.org/b01".into()),
            title: Some("UK \"ready\" to send <troops>".into()),
            outlet: Some("Wire".into()),
        },
        ArticleLink {
            id: "b02".into(),
            url: Some("javascript:alert(1)".into()),
            title: Some("No US troops".into()),
            outlet: None,
        },
        ArticleLink {
            id: "b03".into(),
            url: None,
            title: None,
            outlet: Some("Paris Daily".into()),
        },
    ];
    Results {
        scenario,
        assessment,
        simulation,
        without,
        sensitivity,
        allocation,
        ledger,
        articles,
    }
}

fn report<'a>(r: &'a Results, all: bool) -> Report<'a> {
    Report {
        scenario: &r.scenario,
        assessment: &r.assessment,
        without: None,
        generator: "guarantor test",
        credibility: None,
        robustness: all.then_some(RobustnessSection {
            simulation: &r.simulation,
            without: Some(("USA", &r.without)),
            sensitivity: Some(&r.sensitivity),
            replaced_output: None,
        }),
        allocation: all.then_some(AllocationSection::Plan(&r.allocation)),
        timeline: all.then_some(TimelineSection {
            ledger: &r.ledger,
            articles: &r.articles,
        }),
        sequence: None,
    }
}

/// One element per line, so a snapshot diff shows what moved.
fn lines(html: maud::Markup) -> String {
    html.into_string().replace("><", ">\n<")
}

#[test]
fn robustness_section_snapshot() {
    let r = results();
    let html = guarantor_report::robustness::robustness(&report(&r, true));
    insta::assert_snapshot!(lines(html));
}

#[test]
fn sensitivity_section_snapshot() {
    let r = results();
    let html = guarantor_report::robustness::sensitivity(&report(&r, true));
    insta::assert_snapshot!(lines(html));
}

#[test]
fn allocation_section_snapshot() {
    let r = results();
    let html = guarantor_report::allocation::section(&report(&r, true));
    insta::assert_snapshot!(lines(html));
}

#[test]
fn timeline_section_snapshot() {
    let r = results();
    let html = guarantor_report::timeline::section(&report(&r, true));
    insta::assert_snapshot!(lines(html));
}

#[test]
fn sections_left_out_say_how_to_get_them() {
    let r = results();
    let page = render(&report(&r, false));
    for (id, hint) in [
        ("robustness", "--no-robustness"),
        ("sensitivity", "guarantor sensitivity"),
        ("allocation", "guarantor allocate"),
        ("timeline", "guarantor ingest ARTICLES… --db ledger.db"),
    ] {
        let start = page.find(&format!("id=\"{id}\"")).expect(id);
        let section = &page[start..];
        let end = section[4..].find("<h2").map_or(section.len(), |e| e + 4);
        assert!(section[..end].contains(hint), "{id}: {}", &section[..end]);
    }
    let failed = Report {
        allocation: Some(AllocationSection::Failed("the solver <gave up>")),
        ..report(&r, false)
    };
    assert!(
        render(&failed).contains("could not be computed: the solver &lt;gave up&gt;"),
        "a solver failure is shown, escaped"
    );
}

#[test]
fn the_full_page_runs_nothing_fetches_nothing_and_is_reproducible() {
    let r = results();
    let page = render(&report(&r, true));
    assert_eq!(
        page.matches("<svg").count(),
        6,
        "two coverage charts, whiskers, tornado, burden, timeline"
    );
    for id in [
        "robustness",
        "sensitivity",
        "allocation",
        "timeline",
        "sources",
    ] {
        assert!(page.contains(&format!("id=\"{id}\"")), "section {id}");
    }
    // One script, the chart downloads; each chart has its two buttons.
    let script = format!("<script>{}</script>", guarantor_report::html::DOWNLOAD_JS);
    assert_eq!(page.matches("<script").count(), 1, "one script element");
    assert_eq!(page.matches("data-download=\"svg\"").count(), 6);
    assert_eq!(page.matches("data-download=\"png\"").count(), 6);
    // No other script, no external style, font or image; markup in inputs is text.
    let rest = page.replacen(&script, "", 1);
    for needle in ["<script", "<link", "<img", "<b>", "@import", "url(", "src="] {
        assert!(!rest.contains(needle), "{needle}");
    }
    assert!(page.contains("Content-Security-Policy"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // Every link is in-page (to an element the page has: a statement, a section of the contents
    // list) or http(s); the `javascript:` address is text.
    for (i, _) in page.match_indices("href=\"") {
        let target = &page[i + 6..];
        if let Some(anchor) = target.strip_prefix('#') {
            let id = anchor.split('"').next().unwrap_or_default();
            assert!(
                page.contains(&format!("id=\"{id}\"")),
                "link to missing #{id}"
            );
            continue;
        }
        assert!(
            target.starts_with("https://") || target.starts_with("http://"),
            "{}",
            &target[..target.len().min(40)]
        );
    }
    assert!(page.contains("No US troops (javascript:alert(1))"));
    // Every marker's anchor exists in the quote table.
    for (i, _) in page.match_indices("href=\"#stmt-") {
        let id = &page[i + 7..];
        let id = &id[..id.find('"').expect("closing quote")];
        assert!(page.contains(&format!("id=\"{id}\"")), "{id}");
    }
    assert_eq!(page, render(&report(&r, true)), "same inputs, same bytes");
    assert_eq!(
        page,
        render(&report(&results(), true)),
        "same scenario and seeds, same bytes"
    );
}
