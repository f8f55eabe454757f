//! Where the time of one dashboard re-assessment goes (a plain bench binary, no harness):
//! reading, parsing and checking the August scenario; assessing it without the USA; writing
//! the JSON; the whole `POST /api/assess` through the router with a cold and a warm scenario
//! cache; `POST /api/view`, which the page asks after a change (the assessment with the report's
//! sentence and chart); and the analyses the page asks for after a change (`/api/simulate`,
//! `/api/sensitivity`, `/api/credibility`, with and without their charts) or on request
//! (`/api/allocate`).
//!
//! Run: `cargo bench -p guarantor-server --bench reassess` (release profile). Medians of many
//! runs go to stdout; nothing is asserted (timings are not tests). The figures leave out the
//! socket, the browser's `fetch` and drawing the page: the browser test prints those.

use std::hint::black_box;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::Request;
use guarantor_server::{AppState, app};
use tower::ServiceExt;

const AUGUST: &str = include_str!("../../../scenarios/ukraine-2025-08.toml");
const BODY: &str = r#"{"scenario":"ukraine-2025-08","without":["USA"]}"#;
/// The same request asking for the report's chart of the answer, as the page does.
const CHART_BODY: &str = r#"{"scenario":"ukraine-2025-08","without":["USA"],"chart":true}"#;

/// Median and 90th percentile of `n` runs of `f`.
fn time<T>(n: usize, mut f: impl FnMut() -> T) -> (Duration, Duration) {
    let mut runs: Vec<Duration> = (0..n)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed()
        })
        .collect();
    runs.sort();
    (runs[n / 2], runs[n * 9 / 10])
}

fn show(what: &str, (median, p90): (Duration, Duration)) {
    println!(
        "{what:<58} median {:>8.3} ms   p90 {:>8.3} ms",
        median.as_secs_f64() * 1e3,
        p90.as_secs_f64() * 1e3
    );
}

fn main() {
    let n: usize = std::env::var("GUARANTOR_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let root = tempfile::tempdir().expect("temp dir");
    std::fs::write(root.path().join("ukraine-2025-08.toml"), AUGUST).expect("write");

    show(
        "parse and check the scenario (guarantor_model::load)",
        time(n, || guarantor_model::load(AUGUST)),
    );
    let scenario = guarantor_model::load(AUGUST).scenario.expect("loads");
    let without = vec!["USA".to_string()];
    show(
        "assess without USA (guarantor_engine::assess_without)",
        time(n, || guarantor_engine::assess_without(&scenario, &without)),
    );
    let assessment = guarantor_engine::assess_without(&scenario, &without).expect("USA");
    let json = serde_json::to_vec(&assessment).expect("json");
    show(
        &format!("write the JSON ({} bytes)", json.len()),
        time(n, || serde_json::to_vec(&assessment)),
    );

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let call = |state: AppState, path: &str, body: &'static str| {
        runtime.block_on(async {
            let request = Request::post(path)
                .header("content-type", "application/json")
                .body(Body::from(body))
                .expect("request");
            let response = app(state).oneshot(request).await.expect("infallible");
            assert!(
                response.status().is_success(),
                "{path}: {}",
                response.status()
            );
            axum::body::to_bytes(response.into_body(), 16 << 20)
                .await
                .expect("body")
        })
    };
    show(
        "POST /api/assess through the router, cold cache",
        time(n, || call(AppState::new(root.path()), "/api/assess", BODY)),
    );
    let warm = AppState::new(root.path());
    call(warm.clone(), "/api/assess", BODY);
    show(
        "POST /api/assess through the router, warm cache",
        time(n, || call(warm.clone(), "/api/assess", BODY)),
    );
    show(
        "POST /api/view (what the page asks), warm cache",
        time(n, || call(warm.clone(), "/api/view", BODY)),
    );

    // What the dashboard asks after each change (odds and credibility), and on request
    // (allocation): fewer runs, as each costs more.
    let few = (n / 10).max(5);
    show(
        "POST /api/simulate, 10,000 draws (the page's), warm cache",
        time(few, || call(warm.clone(), "/api/simulate", BODY)),
    );
    show(
        "POST /api/simulate with its chart (and the as-written run)",
        time(few, || call(warm.clone(), "/api/simulate", CHART_BODY)),
    );
    show(
        "POST /api/sensitivity, share_met, N = 2,048 (the page's)",
        time(few, || {
            call(
                warm.clone(),
                "/api/sensitivity",
                r#"{"scenario":"ukraine-2025-08","output":"share_met"}"#,
            )
        }),
    );
    show(
        "POST /api/credibility, warm cache",
        time(n, || call(warm.clone(), "/api/credibility", BODY)),
    );
    show(
        "POST /api/credibility with its chart (and the references)",
        time(few, || call(warm.clone(), "/api/credibility", CHART_BODY)),
    );
    show(
        "POST /api/allocate, least burden, warm cache",
        time(few, || call(warm.clone(), "/api/allocate", BODY)),
    );
    show(
        "POST /api/allocate, fair share, warm cache",
        time(few, || {
            call(
                warm.clone(),
                "/api/allocate",
                r#"{"scenario":"ukraine-2025-08","without":["USA"],"objective":"fair-share"}"#,
            )
        }),
    );
}
