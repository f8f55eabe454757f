//! What the dashboard shows, through the router: `POST /api/view` (the assessment with the
//! report's summary sentence, the report's coverage chart and each pledge's state), the report's
//! charts in the analysis answers when asked (`chart: true`), and a broken scenario's diagnostics
//! in `GET /api/scenarios`.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use guarantor_report::html::{Report, Without, render};
use guarantor_report::names::Names;
use guarantor_server::{AppState, app};
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::common;

async fn call(root: &tempfile::TempDir, req: Request<Body>) -> (StatusCode, Value) {
    let response = app(AppState::new(common::dir(root)))
        .oneshot(req)
        .await
        .expect("infallible");
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 16 << 20)
        .await
        .expect("body");
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

fn post(path: &str, body: &Value) -> Request<Body> {
    Request::post(path)
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .expect("request")
}

/// The first chart after the heading `id` in a report page.
fn chart_after(page: &str, id: &str) -> String {
    let from = page.find(&format!("id=\"{id}\"")).expect("the heading");
    let start = from + page[from..].find("<svg").expect("a chart after it");
    let end = start + page[start..].find("</svg>").expect("its end") + "</svg>".len();
    page[start..end].to_string()
}

#[tokio::test]
async fn view_is_the_assessment_with_the_reports_sentence_chart_and_every_pledges_state() {
    let root = common::scenarios();
    let req = json!({"scenario": "ukraine-2025-08", "without": ["USA"]});
    let (status, v) = call(&root, post("/api/view", &req)).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let (_, assessed) = call(&root, post("/api/assess", &req)).await;
    assert_eq!(v["assessment"], assessed, "the assessment of /api/assess");

    let scenario = guarantor_model::load(common::AUGUST)
        .scenario
        .expect("August loads");
    let names = Names::new(&scenario);
    let written = guarantor_engine::assess(&scenario);
    let without = guarantor_engine::assess_without(&scenario, &["USA".to_string()])
        .expect("USA is a contributor");
    assert_eq!(
        v["summary"]["text"],
        guarantor_report::findings::summary(&without, &names).text
    );
    // The chart of `guarantor report --without USA`, byte for byte.
    let page = render(&Report {
        scenario: &scenario,
        assessment: &written,
        without: Some(Without {
            code: "USA",
            assessment: &without,
        }),
        generator: "test",
        credibility: None,
        robustness: None,
        allocation: None,
        timeline: None,
        sequence: None,
    });
    assert_eq!(v["chart"], chart_after(&page, "coverage-capability"));

    let pledges = v["pledges"].as_array().expect("pledges");
    assert_eq!(pledges.len(), scenario.pledges.len());
    for (p, s) in pledges.iter().zip(&scenario.pledges) {
        assert_eq!(p["id"], s.id.as_str());
        let (state, reason) = if s.contributor == "USA" {
            ("removed", json!("removed with United States"))
        } else if let Some(l) = without.lapsed.iter().find(|l| l.pledge == s.id) {
            ("lapsed", json!(names.explanation(&l.explanation)))
        } else {
            ("counts", Value::Null)
        };
        assert_eq!(
            (p["state"].as_str(), &p["reason"]),
            (Some(state), &reason),
            "{p}"
        );
    }
    let lapsed = pledges.iter().filter(|p| p["state"] == "lapsed").count();
    assert_eq!(lapsed, 6, "six pledges wait on the US");

    // A pledge switched off says so; as written, no chart series but the scenario's own.
    let (_, v) = call(
        &root,
        post(
            "/api/view",
            &json!({"scenario": "ukraine-2025-08", "off": ["gbr-trainers"]}),
        ),
    )
    .await;
    let off: Vec<&Value> = v["pledges"]
        .as_array()
        .expect("pledges")
        .iter()
        .filter(|p| p["state"] != "counts")
        .collect();
    assert_eq!(
        off,
        [
            &json!({"id": "gbr-trainers", "contributor": "GBR", "state": "off", "reason": "switched off"})
        ]
    );
    let (_, v) = call(
        &root,
        post("/api/view", &json!({"scenario": "ukraine-2025-08"})),
    )
    .await;
    let page = render(&Report {
        scenario: &scenario,
        assessment: &written,
        without: None,
        generator: "test",
        credibility: None,
        robustness: None,
        allocation: None,
        timeline: None,
        sequence: None,
    });
    assert_eq!(v["chart"], chart_after(&page, "coverage-capability"));
}

#[tokio::test]
async fn the_analyses_answer_the_reports_charts_only_when_asked() {
    let root = common::scenarios();
    let base = json!({"scenario": "ukraine-2025-08", "without": ["USA"]});
    let with = |extra: Value| {
        let mut b = base.clone();
        b.as_object_mut()
            .expect("object")
            .extend(extra.as_object().expect("object").clone());
        b
    };
    for (path, extra, title) in [
        (
            "/api/simulate",
            json!({"draws": 2000}),
            "Simulated coverage and probability met per requirement",
        ),
        (
            "/api/sensitivity",
            json!({"output": "share_met", "samples": 256, "bootstrap": 10}),
            "Sensitivity tornado of",
        ),
        (
            "/api/credibility",
            json!({}),
            "Credibility score of the package and of the reference arrangements",
        ),
        (
            "/api/allocate",
            json!({}),
            "Burden per contributor, EUR m per year",
        ),
    ] {
        let (status, plain) = call(&root, post(path, &with(extra.clone()))).await;
        assert_eq!(status, StatusCode::OK, "{path}: {plain}");
        assert!(
            plain.get("chart").is_none(),
            "{path}: a chart nobody asked for"
        );
        let mut asked = with(extra);
        asked["chart"] = json!(true);
        let (status, charted) = call(&root, post(path, &asked)).await;
        assert_eq!(status, StatusCode::OK, "{path}: {charted}");
        let chart = charted["chart"].as_str().expect("a chart");
        assert!(
            chart.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\"")
                && chart.ends_with("</svg>")
                && chart.contains(&format!("<title>{}", title.replace('`', ""))),
            "{path}: {chart}"
        );
        // The rest of the answer is the document the CLI prints, and for the sensitivity
        // analysis each input in the chart's words.
        let mut rest = charted.clone();
        rest.as_object_mut().expect("object").remove("chart");
        let words = rest
            .as_object_mut()
            .expect("object")
            .remove("inputs_in_words");
        assert_eq!(words.is_some(), path == "/api/sensitivity", "{path}");
        if let Some(words) = words {
            let words = words.as_object().expect("an object");
            assert_eq!(
                words.len(),
                plain["inputs"].as_array().expect("inputs").len(),
                "one word per input"
            );
            assert!(
                words
                    .values()
                    .all(|w| !w.as_str().unwrap_or("").contains("pledge ")),
                "{words:?}"
            );
        }
        assert_eq!(rest, plain, "{path}");
    }
    // The simulation chart sets the changed package beside the scenario as written; the
    // credibility chart among the references.
    let (_, sim) = call(
        &root,
        post(
            "/api/simulate",
            &with(json!({"draws": 2000, "chart": true})),
        ),
    )
    .await;
    let chart = sim["chart"].as_str().expect("chart");
    assert!(
        chart.contains(">as written<") && chart.contains(">without USA<"),
        "{chart}"
    );
    let (_, cred) = call(
        &root,
        post("/api/credibility", &with(json!({"chart": true}))),
    )
    .await;
    let chart = cred["chart"].as_str().expect("chart");
    assert!(
        chart.contains(">this package<")
            && chart.contains(">this package without United States<")
            && chart.contains("Budapest Memorandum"),
        "{chart}"
    );
}

#[tokio::test]
async fn a_broken_scenario_is_listed_with_the_diagnostics_the_cli_prints() {
    let root = common::scenarios();
    let text = common::AUGUST.replacen(
        "capability = \"air_defence\"",
        "capability = \"air_defense\"",
        1,
    );
    std::fs::write(common::dir(&root).join("broken.toml"), &text).expect("write");
    let (status, list) = call(
        &root,
        Request::get("/api/scenarios")
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let entry = &list[0];
    assert_eq!(entry["name"], "broken");
    let loaded = guarantor_model::load(&text);
    let rendered = guarantor_model::diag::render("broken.toml", &text, &loaded.diagnostics);
    assert!(
        rendered.starts_with("error: unknown capability `air_defense`\n"),
        "{rendered}"
    );
    assert!(rendered.contains("broken.toml:"), "{rendered}");
    let count = guarantor_model::diag::summary(&loaded.diagnostics);
    assert_eq!(
        entry["diagnostics"],
        format!("{rendered}error: `broken.toml` has {count}; nothing was assessed\n")
    );
    assert_eq!(
        entry["error"],
        format!("error: `broken.toml` has {count}; nothing was assessed")
    );
    assert_eq!(list[1]["diagnostics"], Value::Null);
}
