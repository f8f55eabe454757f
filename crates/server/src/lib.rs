//! Guarantor's local web app: a dashboard page and a JSON API under `/api/` over the engine.
//!
//! The app is thin: it reads scenario files from one directory, applies the same changes as the
//! CLI flags (`--without`, `--set`, and pledges switched off), and returns what
//! `guarantor_engine` computes, as JSON. With an evidence ledger (`guarantor serve --db`) it also
//! lists statements and their sources and checks the scenario's entries against them
//! ([`evidence`]). The page (`static/`, compiled in) is plain HTML, CSS and JavaScript with no
//! build step; it builds its DOM with `textContent`, never `innerHTML`, and draws no chart and
//! writes no summary of its own: [`view`] and the analysis routes serve the report crate's SVG
//! charts and summary sentence, which the page parses as SVG and imports.
//!
//! Architecture invariants: no file outside the scenarios directory can be read (names are
//! checked by [`scenarios::ScenarioName`], and the resolved path must lie in the directory) apart
//! from the ledger the operator named, which is opened read-only; request bodies are limited to
//! [`BODY_LIMIT`]; every response carries a Content-Security-Policy that allows only the app's own
//! script. The only state kept between requests is the [`cache::ScenarioCache`] of checked
//! scenarios, which changes no answer. It does not choose its address: the caller binds the
//! listener (the CLI binds loopback unless told otherwise).

pub mod analysis;
pub mod api;
pub mod cache;
pub mod evidence;
pub mod scenarios;
pub mod view;

use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

pub use api::{ApiError, AssessRequest, CompareRequest};
pub use scenarios::ScenarioName;

/// The largest request body accepted, in bytes.
pub const BODY_LIMIT: usize = 256 * 1024;

/// Only the app's own files; data arrives by `fetch` from the same origin.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
                   img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// What every request handler shares: where the scenarios and the ledger are, and the cache of
/// checked scenarios.
#[derive(Debug, Clone)]
pub struct AppState {
    pub scenarios: Arc<PathBuf>,
    /// The evidence ledger (`--db`), if any; checked by the caller with
    /// [`evidence::check_ledger`] before serving.
    pub db: Option<Arc<PathBuf>>,
    pub cache: Arc<cache::ScenarioCache>,
}

impl AppState {
    /// Serves the scenarios of one directory, without an evidence ledger.
    pub fn new(scenarios: impl Into<PathBuf>) -> Self {
        AppState {
            scenarios: Arc::new(scenarios.into()),
            db: None,
            cache: Arc::default(),
        }
    }

    /// Serves an evidence ledger too (read-only).
    #[must_use]
    pub fn with_db(mut self, db: impl Into<PathBuf>) -> Self {
        self.db = Some(Arc::new(db.into()));
        self
    }
}

const INDEX_HTML: &str = include_str!("../static/index.html");
const APP_JS: &str = include_str!("../static/app.js");

/// The page's one script: the report's chart downloads, so the dashboard saves a chart exactly
/// as the report does, then the app itself.
static SCRIPT: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| format!("{}\n{APP_JS}", guarantor_report::html::DOWNLOAD_JS));
const APP_CSS: &str = include_str!("../static/app.css");

fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

async fn secure(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// The whole app: the page, its two assets and the API.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route(
            "/",
            get(|| async { asset("text/html; charset=utf-8", INDEX_HTML) }),
        )
        .route(
            "/app.js",
            get(|| async { asset("text/javascript; charset=utf-8", SCRIPT.as_str()) }),
        )
        .route(
            "/app.css",
            get(|| async { asset("text/css; charset=utf-8", APP_CSS) }),
        )
        .route("/api/scenarios", get(api::list))
        .route("/api/scenarios/{name}", get(api::outline))
        .route("/api/scenarios/{name}/evidence", get(evidence::scenario))
        .route("/api/evidence", get(evidence::list))
        .route("/api/sources", get(evidence::sources))
        .route("/api/assess", post(api::assess))
        .route("/api/view", post(view::handler))
        .route("/api/compare", post(api::compare))
        .route("/api/simulate", post(analysis::simulate))
        .route("/api/sensitivity", post(analysis::sensitivity))
        .route("/api/credibility", post(analysis::credibility))
        .route("/api/allocate", post(analysis::allocate))
        .fallback(|| async { ApiError::NoRoute })
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::map_response(secure))
        .with_state(state)
}

/// Serves the app on a bound listener until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown)
        .await
}
