//! The JSON API through the router, without a socket: status codes, error texts, the path and
//! size guards, and the same answers as the CLI flags.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use guarantor_server::{AppState, BODY_LIMIT, app};
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::common;

async fn call(root: &tempfile::TempDir, req: Request<Body>) -> (StatusCode, Value, String) {
    let response = app(AppState::new(common::dir(root)))
        .oneshot(req)
        .await
        .expect("infallible");
    let status = response.status();
    let csp = response
        .headers()
        .get("content-security-policy")
        .map(|v| v.to_str().unwrap_or("").to_string())
        .unwrap_or_default();
    let bytes = axum::body::to_bytes(response.into_body(), 16 << 20)
        .await
        .expect("body");
    let value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, value, csp)
}

fn get(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).expect("request")
}

fn post(path: &str, body: &Value) -> Request<Body> {
    Request::post(path)
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .expect("request")
}

fn error(v: &Value) -> &str {
    v["error"].as_str().unwrap_or("")
}

fn gap(a: &Value, capability: &str) -> f64 {
    a["capabilities"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["capability"] == capability))
        .and_then(|c| c["gap"].as_f64())
        .expect("capability in the assessment")
}

#[tokio::test]
async fn lists_the_scenarios_of_the_directory_only() {
    let root = common::scenarios();
    let (status, list, csp) = call(&root, get("/api/scenarios")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(csp.contains("script-src 'self'"), "{csp}");
    insta::assert_json_snapshot!(list);
}

#[tokio::test]
async fn assess_matches_the_engine_and_without_usa_widens_the_air_defence_gap() {
    let root = common::scenarios();
    let (status, a, _) = call(
        &root,
        post("/api/assess", &json!({"scenario": "ukraine-2025-08"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{a}");
    // Byte for byte what `guarantor assess --json` serialises (compact).
    let response = app(AppState::new(common::dir(&root)))
        .oneshot(post("/api/assess", &json!({"scenario": "ukraine-2025-08"})))
        .await
        .expect("infallible");
    let bytes = axum::body::to_bytes(response.into_body(), 16 << 20)
        .await
        .expect("body");
    let scenario = guarantor_model::load(common::AUGUST)
        .scenario
        .expect("loads");
    let expected = serde_json::to_vec(&guarantor_engine::assess(&scenario)).expect("json");
    assert!(bytes == expected, "the API differs from the engine");

    let (_, b, _) = call(
        &root,
        post(
            "/api/assess",
            &json!({"scenario": "ukraine-2025-08", "without": ["USA"]}),
        ),
    )
    .await;
    assert!(gap(&b, "air_defence") > gap(&a, "air_defence"));
    assert_eq!(b["scenario"]["without"], json!(["USA"]));
}

#[tokio::test]
async fn set_and_off_change_the_assessment_like_the_cli_flags() {
    let root = common::scenarios();
    let (_, base, _) = call(
        &root,
        post("/api/assess", &json!({"scenario": "ukraine-2025-08"})),
    )
    .await;
    let (status, more, _) = call(
        &root,
        post(
            "/api/assess",
            &json!({"scenario": "ukraine-2025-08", "set": ["pledges.gbr-troops.quantity=5000"]}),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{more}");
    assert!(gap(&more, "ground_troops") < gap(&base, "ground_troops"));

    let (status, off, _) = call(
        &root,
        post(
            "/api/assess",
            &json!({"scenario": "ukraine-2025-08", "off": ["usa-air-defence"]}),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{off}");
    assert!(gap(&off, "air_defence") > gap(&base, "air_defence"));
    assert!(
        off["excluded"]
            .as_array()
            .is_some_and(|e| e.iter().any(|x| x["pledge"] == "usa-air-defence"))
    );
}

#[tokio::test]
async fn compare_sets_two_requests_side_by_side() {
    let root = common::scenarios();
    let (status, c, _) = call(
        &root,
        post(
            "/api/compare",
            &json!({"a": {"scenario": "ukraine-2025-08"}, "b": {"scenario": "ukraine-2025-08", "without": ["USA"]}}),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{c}");
    let row = c["coverage"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["capability"] == "air_defence"))
        .expect("air_defence row");
    assert!(row["gap_change"].as_f64().is_some_and(|g| g > 0.0), "{row}");
}

#[tokio::test]
async fn no_name_can_reach_outside_the_scenarios_directory() {
    let root = common::scenarios();
    for name in [
        "../secret",
        "..",
        "/etc/passwd",
        "scenarios/../secret",
        "..\\secret",
        ".hidden",
    ] {
        let (status, v, _) = call(&root, post("/api/assess", &json!({"scenario": name}))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{name}: {v}");
        assert!(
            error(&v).contains("is not a scenario name"),
            "{name}: {}",
            error(&v)
        );
        assert!(!v.to_string().contains("SECRET-CONTENT"));
    }
    // Through the URL, encoded separators included.
    for path in [
        "/api/scenarios/..%2Fsecret",
        "/api/scenarios/%2E%2E",
        "/api/scenarios/%2Fetc%2Fpasswd",
    ] {
        let (status, v, _) = call(&root, get(path)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {v}");
        assert!(!v.to_string().contains("SECRET-CONTENT"));
    }
    let (status, v, _) = call(&root, get("/api/scenarios/../secret")).await;
    assert_ne!(status, StatusCode::OK, "{v}");
}

#[cfg(unix)]
#[tokio::test]
async fn a_symbolic_link_out_of_the_directory_is_refused() {
    let root = common::scenarios();
    std::os::unix::fs::symlink(
        root.path().join("secret.toml"),
        common::dir(&root).join("link.toml"),
    )
    .expect("symlink");
    let (status, v, _) = call(&root, post("/api/assess", &json!({"scenario": "link"}))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{v}");
    assert!(!v.to_string().contains("SECRET-CONTENT"));
}

#[tokio::test]
async fn an_unknown_scenario_is_404_with_a_suggestion() {
    let root = common::scenarios();
    let (status, v, _) = call(
        &root,
        post("/api/assess", &json!({"scenario": "ukraine-2025-8"})),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        error(&v),
        "no scenario `ukraine-2025-8` in the scenarios directory (did you mean `ukraine-2025-08`?)"
    );
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused() {
    let root = common::scenarios();
    let big = json!({"scenario": "ukraine-2025-08", "set": ["x".repeat(BODY_LIMIT)]});
    let (status, _, _) = call(&root, post("/api/assess", &big)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn bad_input_is_400_with_the_diagnostics_text() {
    let root = common::scenarios();
    let (status, v, _) = call(
        &root,
        post(
            "/api/assess",
            &json!({"scenario": "ukraine-2025-08", "set": ["scenario.quantity_basis=sideways"]}),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    insta::assert_snapshot!("bad_quantity_basis", error(&v));

    let (status, v, _) = call(
        &root,
        post(
            "/api/assess",
            &json!({"scenario": "ukraine-2025-08", "set": ["pledges.gbr-trops.quantity=1"]}),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        error(&v),
        "error: `--set`: no `gbr-trops` in `pledges` (did you mean `gbr-troops`?)\n"
    );

    let (status, v, _) = call(
        &root,
        post(
            "/api/assess",
            &json!({"scenario": "ukraine-2025-08", "off": ["usa-air-defense"]}),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        error(&v),
        "error: `off`: no pledge `usa-air-defense` in this scenario (did you mean `usa-air-defence`?)\n"
    );

    let (status, v, _) = call(
        &root,
        post(
            "/api/assess",
            &json!({"scenario": "ukraine-2025-08", "without": ["USB"]}),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error(&v).contains("no contributor `USB`"), "{}", error(&v));

    let (status, v, _) = call(
        &root,
        post(
            "/api/assess",
            &json!({"scenario": "ukraine-2025-08", "colour": "red"}),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        error(&v).contains("unknown field `colour`"),
        "{}",
        error(&v)
    );
}

/// `/api/simulate` gives the numbers `guarantor simulate` gives for the same scenario, seed and
/// draws (the same library call), and the US backstop matters to them.
#[tokio::test]
async fn simulate_matches_the_library_and_the_us_matters() {
    let root = common::scenarios();
    let body = json!({"scenario": "ukraine-2025-08", "draws": 5000, "seed": 7});
    let (status, sim, _) = call(&root, post("/api/simulate", &body)).await;
    assert_eq!(status, StatusCode::OK, "{sim}");
    let text = std::fs::read_to_string(common::dir(&root).join("ukraine-2025-08.toml")).unwrap();
    let s = guarantor_model::load(&text).scenario.expect("loads");
    let model =
        guarantor_robust::CompiledScenario::new(&s, &guarantor_robust::Reliability::default());
    let want = guarantor_robust::simulate(
        &model,
        guarantor_robust::scenario_info(&s, &[]),
        guarantor_robust::Settings {
            draws: 5000,
            seed: 7,
        },
        &|_| {},
    );
    // Through text, as the response came (serde_json parses the last digit of some floats
    // differently from the value it printed).
    let want: Value = serde_json::from_str(&serde_json::to_string(&want).unwrap()).unwrap();
    assert_eq!(sim, want);

    let body = json!({"scenario": "ukraine-2025-08", "draws": 5000, "seed": 7, "without": ["USA"]});
    let (status, no_us, _) = call(&root, post("/api/simulate", &body)).await;
    assert_eq!(status, StatusCode::OK, "{no_us}");
    assert!(no_us["share_met"].as_f64().unwrap() < sim["share_met"].as_f64().unwrap());
    assert_eq!(no_us["scenario"]["without"], json!(["USA"]));
}

#[tokio::test]
async fn simulate_refuses_zero_or_too_many_draws_and_unknown_fields() {
    let root = common::scenarios();
    for draws in [0u64, 200_001] {
        let body = json!({"scenario": "ukraine-2025-08", "draws": draws});
        let (status, v, _) = call(&root, post("/api/simulate", &body)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(
            error(&v),
            format!(
                "error: `draws` must be between 1 and 200000 (got {draws}); run `guarantor simulate --draws N` for more\n"
            )
        );
    }
    let body = json!({"scenario": "ukraine-2025-08", "samples": 5});
    let (status, v, _) = call(&root, post("/api/simulate", &body)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error(&v).contains("unknown field `samples`"), "{v}");
}

/// `/api/credibility` scores the package as `guarantor credibility` does; without the US the
/// score falls; with `references` the five reference arrangements come too.
#[tokio::test]
async fn credibility_scores_the_package_and_the_references() {
    let root = common::scenarios();
    let body = json!({"scenario": "ukraine-2025-08", "references": true});
    let (status, c, _) = call(&root, post("/api/credibility", &body)).await;
    assert_eq!(status, StatusCode::OK, "{c}");
    let score = c["package"]["score"].as_f64().unwrap();
    assert!((score - 0.603).abs() < 0.001, "{score}");
    assert_eq!(c["references"].as_array().map(Vec::len), Some(5));

    let body = json!({"scenario": "ukraine-2025-08", "without": ["USA"]});
    let (status, w, _) = call(&root, post("/api/credibility", &body)).await;
    assert_eq!(status, StatusCode::OK, "{w}");
    assert!(w["package"]["score"].as_f64().unwrap() < score);
    assert_eq!(w["references"], json!([]));

    let body = json!({"scenario": "ukraine-2025-08", "without": ["XXX"]});
    let (status, e, _) = call(&root, post("/api/credibility", &body)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error(&e).contains("XXX"), "{e}");
}

#[tokio::test]
async fn allocate_is_the_cli_document_with_the_reasons_in_words() {
    let root = common::scenarios();
    let body =
        json!({"scenario": "ukraine-2025-08", "without": ["USA"], "objective": "fair-share"});
    let (status, mut a, _) = call(&root, post("/api/allocate", &body)).await;
    assert_eq!(status, StatusCode::OK, "{a}");

    // The document is what `guarantor allocate --without USA --objective fair-share --json`
    // serialises, plus one list of sentences per shortfall.
    let scenario = guarantor_model::load(common::AUGUST)
        .scenario
        .expect("the August scenario loads");
    let options = guarantor_allocate::Options {
        objective: guarantor_allocate::Objective::FairShare,
        without: vec!["USA".into()],
        ignore_red_lines: Vec::new(),
    };
    let report = guarantor_allocate::allocate(
        &scenario,
        &options,
        &guarantor_allocate::CostWeights::default(),
        &guarantor_allocate::DefaultSolver,
    )
    .expect("the allocation runs");
    let reasons = a
        .as_object_mut()
        .and_then(|o| o.remove("shortfall_reasons"))
        .expect("shortfall_reasons");
    // Through text, as the response came: serde_json's parser may differ from the f64 in the
    // last bit, so both sides go through it.
    let expected: Value =
        serde_json::from_str(&serde_json::to_string(&report).expect("report as JSON"))
            .expect("JSON");
    for (k, v) in expected.as_object().expect("an object") {
        assert_eq!(&a[k], v, "`{k}` differs from the library's");
    }
    assert_eq!(a, expected);
    let reasons: Vec<Vec<String>> = serde_json::from_value(reasons).expect("lists of sentences");
    assert_eq!(reasons.len(), report.shortfalls.len());
    // The report's words: contributors and missions by name, as its "what binds" column.
    assert_eq!(
        reasons,
        guarantor_report::allocation::shortfall_reasons(&scenario, &report)
    );
    assert!(
        !report.shortfalls.is_empty(),
        "without the USA some requirement stays short"
    );
}

#[tokio::test]
async fn allocate_refuses_unknown_objectives_red_lines_and_contributors() {
    let root = common::scenarios();
    for (body, code, expected) in [
        (
            json!({"scenario": "ukraine-2025-08", "objective": "cheapest"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "objective: unknown variant `cheapest`, expected `burden` or `fair-share`",
        ),
        (
            json!({"scenario": "ukraine-2025-08", "ignore_red_lines": ["rus-no-nato-troop"]}),
            StatusCode::BAD_REQUEST,
            "error: `ignore_red_lines`: no red line `rus-no-nato-troop` in this scenario (did you mean `rus-no-nato-troops`?)",
        ),
        (
            json!({"scenario": "ukraine-2025-08", "without": ["XXX"]}),
            StatusCode::BAD_REQUEST,
            "XXX",
        ),
    ] {
        let (status, e, _) = call(&root, post("/api/allocate", &body)).await;
        assert_eq!(status, code, "{body}: {e}");
        assert!(error(&e).contains(expected), "{body}: {e}");
    }
}

#[tokio::test]
async fn sensitivity_is_the_library_result_and_names_the_us_pledges() {
    let root = common::scenarios();
    let body =
        json!({"scenario": "ukraine-2025-08", "output": "share_met", "samples": 1024, "seed": 3});
    let (status, v, _) = call(&root, post("/api/sensitivity", &body)).await;
    assert_eq!(status, StatusCode::OK, "{v}");

    // What `guarantor sensitivity --output share_met --samples 1024 --seed 3 --json` computes.
    let scenario = guarantor_model::load(common::AUGUST)
        .scenario
        .expect("the August scenario loads");
    let model = guarantor_robust::CompiledScenario::new(
        &scenario,
        &guarantor_robust::Reliability::default(),
    );
    let output = guarantor_robust::Output::parse(&model, "share_met").expect("an output");
    let settings = guarantor_robust::SobolSettings {
        samples: 1024,
        seed: 3,
        ..Default::default()
    };
    let expected = guarantor_robust::sensitivity(
        &model,
        guarantor_robust::scenario_info(&scenario, &[]),
        output,
        settings,
    );
    let expected: Value =
        serde_json::from_str(&serde_json::to_string(&expected).expect("JSON")).expect("JSON");
    assert_eq!(v, expected);
    // The widest swing of the share met belongs to a US pledge (docs/robustness.md).
    let top = v["tornado"][0]["input"].as_str().unwrap_or("");
    assert!(top.starts_with("pledge usa-"), "{top}");

    let body = json!({"scenario": "ukraine-2025-08", "output": "share_met", "without": ["USA"]});
    let (status, w, _) = call(&root, post("/api/sensitivity", &body)).await;
    assert_eq!(status, StatusCode::OK, "{w}");
    assert_eq!(w["samples"], 2048, "the default base sample size");
    let inputs: Vec<&str> = w["inputs"]
        .as_array()
        .expect("inputs")
        .iter()
        .filter_map(|i| i["input"].as_str())
        .collect();
    assert!(
        !inputs.iter().any(|i| i.contains("usa-")),
        "a removed contributor's pledges are no input: {inputs:?}"
    );
}

#[tokio::test]
async fn sensitivity_refuses_bad_settings_and_outputs_with_the_reason() {
    let root = common::scenarios();
    for (body, code, expected) in [
        (
            json!({"scenario": "ukraine-2025-08", "samples": 1}),
            StatusCode::BAD_REQUEST,
            "error: `samples` must be between 2 and 16384 (got 1); run `guarantor sensitivity --samples N` for more",
        ),
        (
            json!({"scenario": "ukraine-2025-08", "bootstrap": 0}),
            StatusCode::BAD_REQUEST,
            "error: `bootstrap` must be between 1 and 1000 (got 0)",
        ),
        (
            json!({"scenario": "ukraine-2025-08", "output": "air_defense"}),
            StatusCode::BAD_REQUEST,
            "error: `output`: no output `air_defense` in this scenario (did you mean `air_defence`?)",
        ),
        (
            json!({"scenario": "ukraine-2025-08", "draws": 10}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "unknown field `draws`",
        ),
    ] {
        let (status, e, _) = call(&root, post("/api/sensitivity", &body)).await;
        assert_eq!(status, code, "{body}: {e}");
        assert!(error(&e).contains(expected), "{body}: {e}");
    }
}

/// The outline carries the report's words for every identifier, and the decimals each unit is
/// worth (the engine's rounding rule), so the page writes names and figures as the report does.
#[tokio::test]
async fn the_outline_has_the_reports_words_and_each_units_decimals() {
    let root = common::scenarios();
    let (status, o, _) = call(&root, get("/api/scenarios/ukraine-2025-08")).await;
    assert_eq!(status, StatusCode::OK, "{o}");
    let scenario = guarantor_model::load(common::AUGUST)
        .scenario
        .expect("the August scenario loads");
    let words = guarantor_report::names::Names::new(&scenario).words();
    assert_eq!(
        o["words"],
        serde_json::to_value(&words).expect("words as JSON")
    );
    assert_eq!(
        o["words"]["pledges"]["gbr-troops"],
        "ground troops from United Kingdom"
    );
    assert_eq!(
        o["words"]["capabilities"]["article5_like_guarantee"],
        "Article 5-like guarantee"
    );
    assert_eq!(o["unit_decimals"]["personnel"], 0);
    assert_eq!(o["unit_decimals"]["batteries"], 0);
    assert_eq!(o["unit_decimals"]["EUR bn per year"], 2);
}
