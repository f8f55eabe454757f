//! The dashboard in a real browser: headless Chromium from Debian's `chromium` package
//! (`scripts/setup.sh` installs it), driven over the DevTools protocol with chromiumoxide.
//!
//! The server runs in the test on `127.0.0.1:0`. Screenshots go to
//! `target/browser-screenshots/` so a person can look at them after the run. The time of a
//! re-assessment, from the click to the updated DOM, is printed, not asserted (timings belong in
//! benches).

use std::path::{Path, PathBuf};

use std::time::Duration;

use chromiumoxide::Page;
use chromiumoxide::browser::{Browser, BrowserConfig};
use chromiumoxide::page::ScreenshotParams;
use futures::StreamExt;
use guarantor_server::AppState;

use crate::common;

const CHROMIUM: &str = "/usr/bin/chromium";

/// Starts the app on a free loopback port; the server stops when the test's runtime ends.
pub(crate) async fn start(state: AppState) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(guarantor_server::serve(
        listener,
        state,
        std::future::pending(),
    ));
    addr
}

pub(crate) struct Chromium {
    pub(crate) browser: Browser,
    handler: tokio::task::JoinHandle<()>,
    _profile: tempfile::TempDir,
}

impl Chromium {
    pub(crate) async fn launch() -> Chromium {
        assert!(
            Path::new(CHROMIUM).exists(),
            "{CHROMIUM} is missing: run scripts/setup.sh (installs Debian's `chromium`)"
        );
        let profile = tempfile::tempdir().expect("profile dir");
        let config = BrowserConfig::builder()
            .chrome_executable(CHROMIUM)
            .no_sandbox()
            .args([
                "--headless",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ])
            .user_data_dir(profile.path())
            .window_size(1280, 1000)
            .viewport(None)
            .build()
            .expect("browser config");
        let (browser, mut events) = Browser::launch(config).await.expect("launch chromium");
        let handler = tokio::spawn(async move {
            while let Some(event) = events.next().await {
                if event.is_err() {
                    break;
                }
            }
        });
        Chromium {
            browser,
            handler,
            _profile: profile,
        }
    }

    pub(crate) async fn close(mut self) {
        let _ = self.browser.close().await;
        let _ = self.browser.wait().await;
        self.handler.abort();
    }
}

pub(crate) async fn eval<T: serde::de::DeserializeOwned>(page: &Page, js: &str) -> T {
    page.evaluate(js)
        .await
        .unwrap_or_else(|e| panic!("evaluate {js}: {e}"))
        .into_value()
        .unwrap_or_else(|e| panic!("value of {js}: {e}"))
}

/// Polls a JavaScript condition until it holds (at most 20 s: a hung page fails the test).
pub(crate) async fn wait_for(page: &Page, condition: &str) {
    for _ in 0..400 {
        if eval::<bool>(page, &format!("Boolean({condition})")).await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let state: String = eval(
        page,
        "document.body.dataset.state + ' ' + document.getElementById('error').textContent",
    )
    .await;
    panic!("waited 20 s for `{condition}`; page state: {state}");
}

pub(crate) fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/browser-screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    dir
}

/// Clicks a contributor's box and returns the milliseconds from the click to the page's redraw
/// (both read from the page's `performance.now()`), and of those, the `POST /api/view` fetch
/// (the browser's resource timing: request sent to response read).
async fn click_and_time(page: &Page, code: &str) -> (f64, f64) {
    let seq: u32 = eval(page, "Number(document.body.dataset.seq)").await;
    eval::<bool>(
        page,
        &format!(
            "(performance.clearResourceTimings(), window.__clicked = performance.now(), document.querySelector('input[data-code=\"{code}\"]').click(), true)"
        ),
    )
    .await;
    wait_for(page, &format!("Number(document.body.dataset.seq) > {seq}")).await;
    eval(
        page,
        "[Number(document.body.dataset.renderedAt) - window.__clicked, \
          performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/api/view')).map((e) => e.duration).pop()]",
    )
    .await
}

/// Waits for the odds, tornado and credibility panels to finish the analysis after odds number `seq`, and
/// returns the new odds number, the mean share of requirements met and the credibility score.
pub(crate) async fn analysed(page: &Page, seq: u32) -> (u32, f64, f64) {
    wait_for(
        page,
        &format!(
            "(() => {{ const o = document.getElementById('odds').dataset, c = document.getElementById('credibility').dataset; \
               return o.state === 'ready' && Number(o.seq) > {seq} && c.state === 'ready' \
                 && document.getElementById('decides').dataset.state === 'ready'; }})()"
        ),
    )
    .await;
    eval(
        page,
        "[Number(document.getElementById('odds').dataset.seq), \
          Number(document.getElementById('odds').dataset.shareMet), \
          Number(document.getElementById('credibility').dataset.score)]",
    )
    .await
}

/// Waits for the allocation panel to show an answer after answer number `seq`, and returns the
/// new answer number and the number of shortfalls.
pub(crate) async fn allocated(page: &Page, seq: u32) -> (u32, u32) {
    wait_for(
        page,
        &format!(
            "document.getElementById('allocation').dataset.state === 'ready' && Number(document.getElementById('allocation').dataset.seq) > {seq}"
        ),
    )
    .await;
    eval(
        page,
        "[Number(document.getElementById('allocation').dataset.seq), Number(document.getElementById('allocation').dataset.shortfalls)]",
    )
    .await
}

const AIR_DEFENCE_GAP: &str = "Number(document.querySelector('#capabilities tr[data-capability=\"air_defence\"]').dataset.gap)";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn turning_the_us_backstop_off_widens_the_air_defence_gap() {
    let root = common::scenarios();
    let addr = start(AppState::new(common::dir(&root))).await;
    let chromium = Chromium::launch().await;
    let page = chromium
        .browser
        .new_page(format!("http://{addr}/?scenario=ukraine-2025-08"))
        .await
        .expect("open the dashboard");
    wait_for(&page, "document.body.dataset.state === 'ready'").await;
    let before: f64 = eval(&page, AIR_DEFENCE_GAP).await;
    let first_ms: String = eval(&page, "document.body.dataset.ms").await;
    let (odds_seq, share_before, score_before) = analysed(&page, 0).await;
    // Every requirement row has its probability once the odds are in, and the report's chart
    // of the simulation has a row per requirement.
    let unfilled: u32 = eval(
        &page,
        "[...document.querySelectorAll('#coverage tbody tr')].filter((tr) => tr.dataset.pMet === undefined).length",
    )
    .await;
    assert_eq!(unfilled, 0, "requirement rows without P(met)");
    let (rows, whiskers): (u32, u32) = eval(
        &page,
        "[document.querySelectorAll('#coverage tbody tr').length, document.querySelectorAll('#odds-chart svg.chart > g').length]",
    )
    .await;
    assert_eq!(
        whiskers, rows,
        "one whisker per requirement in the odds chart"
    );
    // What decides it: with the US backstop in, a US pledge swings the share most.
    let top: String = eval(&page, "document.getElementById('decides').dataset.top").await;
    assert!(top.starts_with("pledge usa-"), "widest swing: {top}");
    // The report's tornado: its first bar is the widest swing the summary names, in words.
    let first_bar: String = eval(
        &page,
        "document.querySelector('#tornado svg.chart > g text.label').textContent",
    )
    .await;
    let top_label: String =
        eval(&page, "document.getElementById('decides').dataset.topLabel").await;
    assert!(
        top_label.ends_with("from United States"),
        "widest swing in words: {top_label}"
    );
    assert_eq!(first_bar, top_label, "the tornado's first bar");
    page.save_screenshot(
        ScreenshotParams::builder().full_page(true).build(),
        screenshots().join("dashboard-august.png"),
    )
    .await
    .expect("screenshot");

    let (toggle_ms, _) = click_and_time(&page, "USA").await;
    let after: f64 = eval(&page, AIR_DEFENCE_GAP).await;
    assert!(
        after > before,
        "air-defence gap {before} with the USA, {after} without"
    );
    let shown: String = eval(
        &page,
        "document.querySelector('#capabilities tr[data-capability=\"air_defence\"] .gapcell').textContent",
    )
    .await;
    assert_eq!(shown, format!("−{after}"));
    // The odds and the credibility score follow: both fall without the US backstop (the same
    // direction as `guarantor simulate --without USA` and `guarantor credibility --without USA`).
    let (_, share_after, score_after) = analysed(&page, odds_seq).await;
    let top: String = eval(&page, "document.getElementById('decides').dataset.top").await;
    assert!(
        !top.is_empty() && !top.contains("usa-"),
        "without the USA its pledges decide nothing: {top}"
    );
    assert!(
        share_after < share_before,
        "share of requirements met: {share_before} with the USA, {share_after} without"
    );
    assert!(
        score_after < score_before,
        "credibility: {score_before} with the USA, {score_after} without"
    );
    let as_written: String =
        eval(&page, "document.getElementById('cred-summary').textContent").await;
    assert!(
        as_written.contains("(as written "),
        "the changed score is set against the written one: {as_written}"
    );
    page.save_screenshot(
        ScreenshotParams::builder().full_page(true).build(),
        screenshots().join("dashboard-august-without-usa.png"),
    )
    .await
    .expect("screenshot");

    // Twenty more toggles of the USA, to measure re-assessment from the page (printed, not
    // asserted).
    let mut times = Vec::new();
    let mut fetches = Vec::new();
    for _ in 0..20 {
        let (total, fetch) = click_and_time(&page, "USA").await;
        times.push(total);
        fetches.push(fetch);
    }
    times.sort_by(f64::total_cmp);
    fetches.sort_by(f64::total_cmp);
    eprintln!(
        "re-assessment in the page, click to updated DOM: first load {first_ms} ms (fetch and draw), \
         first USA toggle {toggle_ms:.1} ms, 20 more USA toggles: median {:.1} ms, max {:.1} ms; \
         of which the fetch of POST /api/view: median {:.1} ms",
        times[times.len() / 2],
        times[times.len() - 1],
        fetches[fetches.len() / 2],
    );

    // The allocation: proposed on request (the USA is off after 21 toggles), then it follows
    // the next change. With the US backstop back, no more is left short than without it.
    let usa_on: bool = eval(
        &page,
        "document.querySelector('input[data-code=\"USA\"]').checked",
    )
    .await;
    assert!(!usa_on, "21 toggles leave the USA off");
    eval::<bool>(&page, "(document.getElementById('propose').click(), true)").await;
    let (alloc_seq, short_without) = allocated(&page, 0).await;
    let rows: u32 = eval(
        &page,
        "document.querySelectorAll('#allotments tbody tr[data-contributor]').length",
    )
    .await;
    assert!(rows > 0, "the allocation proposes contributions");
    assert!(
        short_without > 0,
        "without the USA some requirement stays short"
    );
    let reasons: u32 = eval(
        &page,
        "document.querySelectorAll('#shortfalls tbody td:last-child div').length",
    )
    .await;
    assert!(reasons > 0, "each shortfall says what binds");
    page.save_screenshot(
        ScreenshotParams::builder().full_page(true).build(),
        screenshots().join("dashboard-allocation-without-usa.png"),
    )
    .await
    .expect("screenshot");
    click_and_time(&page, "USA").await;
    let (_, short_with) = allocated(&page, alloc_seq).await;
    assert!(
        short_with <= short_without,
        "shortfalls: {short_without} without the USA, {short_with} with it"
    );

    // Without `--db`, the evidence panel says so plainly.
    wait_for(
        &page,
        "document.getElementById('evidence').dataset.state === 'none'",
    )
    .await;
    let said: String = eval(
        &page,
        "document.getElementById('evidence-status').textContent",
    )
    .await;
    assert!(
        said.starts_with("no evidence ledger: this server was started without `--db`"),
        "{said}"
    );
    let hidden: bool = eval(&page, "document.getElementById('evidence-body').hidden").await;
    assert!(hidden);
    chromium.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn markup_in_a_scenario_runs_nothing_on_the_page() {
    let root = common::scenarios();
    // A layer name with markup too: the server's charts (the odds chart groups requirements
    // under it) must carry it as text into the SVG the page imports.
    let from = r#"name = "Ukraine's own forces""#;
    let hostile = common::hostile();
    assert!(
        hostile.contains(from),
        "the August scenario no longer has {from}"
    );
    let hostile = hostile.replacen(
        from,
        r#"name = '</text><script>window.__pwned=20</script><svg onload="window.__pwned=21"><img src=x onerror="window.__pwned=22">'"#,
        1,
    );
    std::fs::write(common::dir(&root).join("hostile.toml"), hostile).expect("write");
    let addr = start(AppState::new(common::dir(&root))).await;
    let chromium = Chromium::launch().await;
    let page = chromium
        .browser
        .new_page(format!("http://{addr}/?scenario=hostile"))
        .await
        .expect("open the dashboard");
    wait_for(&page, "document.body.dataset.state === 'ready'").await;
    // The odds chart draws the layer's name, as text.
    analysed(&page, 0).await;
    let named: String = eval(&page, "document.getElementById('odds-chart').textContent").await;
    assert!(
        named.contains("</text><script>window.__pwned=20</script><svg onload="),
        "{named}"
    );
    let inside: u32 = eval(
        &page,
        "document.querySelectorAll('#odds-chart script, #odds-chart svg svg, #odds-chart [onload]').length",
    )
    .await;
    assert_eq!(inside, 0, "markup from the scenario became chart elements");
    // Give an injected image's onerror time to fire, were there one.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let pwned: String = eval(&page, "String(window.__pwned)").await;
    assert_eq!(pwned, "undefined", "a script from the scenario ran");
    let scripts: u32 = eval(&page, "document.querySelectorAll('script').length").await;
    assert_eq!(scripts, 1, "only the app's own script element");
    let injected: u32 = eval(&page, "document.querySelectorAll('img, [onerror]').length").await;
    assert_eq!(injected, 0, "markup from the scenario became elements");
    let title: String = eval(&page, "document.getElementById('title').textContent").await;
    assert!(
        title.starts_with("<script>window.__pwned=1</script><img src=x onerror="),
        "the name is shown as text: {title}"
    );
    page.save_screenshot(
        ScreenshotParams::builder().full_page(false).build(),
        screenshots().join("dashboard-hostile.png"),
    )
    .await
    .expect("screenshot");
    chromium.close().await;
}

/// Elements that markup in the ledger would have created, were it parsed as HTML.
/// Opens the dashboard's evidence panel on the August 2025 scenario, waits for its entries, and
/// opens the list of sources (its rows load then).
async fn open_sources_list(chromium: &Chromium, addr: std::net::SocketAddr) -> Page {
    let page = chromium
        .browser
        .new_page(format!("http://{addr}/?scenario=ukraine-2025-08#evidence"))
        .await
        .expect("open the dashboard");
    wait_for(&page, "document.body.dataset.state === 'ready'").await;
    wait_for(
        &page,
        "document.getElementById('evidence').dataset.state === 'ready' && document.querySelectorAll('#entries tbody tr').length > 0",
    )
    .await;
    eval::<bool>(
        &page,
        "(document.getElementById('sources-box').open = true, true)",
    )
    .await;
    page
}

const INJECTED: &str = "document.querySelectorAll('img, iframe, b, #evidence svg, \
     [onerror], [onclick], [onload], [onmouseover]').length";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ingested_article_full_of_markup_runs_nothing_in_the_evidence_panel() {
    let root = common::scenarios();
    let (_db_dir, db) = common::hostile_ledger();
    let addr = start(AppState::new(common::dir(&root)).with_db(&db)).await;
    let chromium = Chromium::launch().await;
    let page = open_sources_list(&chromium, addr).await;
    wait_for(
        &page,
        "document.querySelectorAll('#sources tbody tr').length === 4",
    )
    .await;
    // Give an injected image's onerror or an svg's onload time to fire, were there one.
    tokio::time::sleep(Duration::from_millis(300)).await;

    let check = |when: &'static str| {
        let page = &page;
        async move {
            let pwned: String = eval(page, "String(window.__pwned)").await;
            assert_eq!(pwned, "undefined", "{when}: a script from the ledger ran");
            let title: String = eval(page, "document.title").await;
            assert_eq!(title, "Guarantor dashboard", "{when}");
            let scripts: u32 = eval(page, "document.querySelectorAll('script').length").await;
            assert_eq!(scripts, 1, "{when}: only the app's own script element");
            let injected: u32 = eval(page, INJECTED).await;
            assert_eq!(
                injected, 0,
                "{when}: markup from the ledger became elements"
            );
            // Every link on the page is a web address; `javascript:` and `data:` are text.
            let bad_links: Vec<String> = eval(
                page,
                "[...document.querySelectorAll('[href]')].map((a) => a.getAttribute('href')).filter((h) => !/^https?:\\/\\//.test(h) && h !== '/app.css')",
            )
            .await;
            assert!(
                bad_links.is_empty(),
                "{when}: links that are not web addresses: {bad_links:?}"
            );
            let unsafe_links: u32 = eval(
                page,
                "[...document.querySelectorAll('#evidence a')].filter((a) => a.rel !== 'noopener noreferrer' || a.target !== '_blank').length",
            )
            .await;
            assert_eq!(
                unsafe_links, 0,
                "{when}: a source link without rel=noopener noreferrer"
            );
        }
    };
    check("on load").await;

    let shown: String = eval(
        &page,
        "document.getElementById('statements').textContent + document.getElementById('sources').textContent",
    )
    .await;
    for text in [
        "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2;document.title='pwned'\">",
        "<b onclick=\"window.__pwned=3\">Evil Wire</b>",
        // The sentence splitter ends this quote at `window.`.
        "<img src=x onerror=\"window.__pwned=5\"><script>window.",
        "<svg/onload=window.__pwned=12>",
        "\"><img src=x onerror=window.__pwned=18>",
        "address not linked: javascript:window.__pwned=4",
        "address not linked: JaVaScRiPt:window.__pwned=9",
        "address not linked: data:text/html,<script>window.__pwned=13</script>",
        "'><script>window.__pwned=17</script>",
    ] {
        assert!(
            shown.contains(text),
            "`{text}` is not shown as text in:\n{shown}"
        );
    }
    // The address that tries to leave its attribute is a link, percent-encoded by the URL parser.
    let evil: Vec<String> = eval(
        &page,
        "[...document.querySelectorAll('#evidence a')].map((a) => a.href).filter((h) => h.includes('evil.example'))",
    )
    .await;
    assert!(!evil.is_empty(), "the https address is a link");
    assert!(
        evil.iter()
            .all(|h| h.starts_with("https://evil.example/%22onclick=%22")),
        "{evil:?}"
    );
    page.save_screenshot(
        ScreenshotParams::builder().full_page(true).build(),
        screenshots().join("dashboard-evidence-hostile.png"),
    )
    .await
    .expect("screenshot");

    // Filter by actor: only that actor's statements remain, and still nothing runs.
    let seq: u32 = eval(
        &page,
        "Number(document.getElementById('evidence').dataset.seq)",
    )
    .await;
    eval::<bool>(
        &page,
        "(() => { const s = document.getElementById('evidence-actor'); s.value = 'GBR'; s.dispatchEvent(new Event('change')); return true; })()",
    )
    .await;
    wait_for(
        &page,
        &format!("Number(document.getElementById('evidence').dataset.seq) > {seq}"),
    )
    .await;
    let actors: Vec<String> = eval(
        &page,
        "[...document.querySelectorAll('#statements li[data-actor]')].map((li) => li.dataset.actor)",
    )
    .await;
    assert!(
        !actors.is_empty() && actors.iter().all(|a| a == "GBR"),
        "{actors:?}"
    );
    tokio::time::sleep(Duration::from_millis(200)).await;
    check("after filtering").await;
    chromium.close().await;
}

/// The August scenario with two typos: a misspelt capability and a misspelt status.
fn broken() -> String {
    let text = common::AUGUST
        .replacen(
            "capability = \"air_defence\"",
            "capability = \"air_defense\"",
            1,
        )
        .replacen("status = \"stated\"", "status = \"promissed\"", 1);
    assert_ne!(text, common::AUGUST, "the typos no longer apply");
    text
}

/// Unticking the United States: its pledges stay listed, greyed as removed with it; the six
/// pledges conditional on US air power or air defence are marked lapsed with the report's
/// reason; the summary is the report's sentence and the coverage chart is the one
/// `guarantor report --without USA` draws, element for element. A broken scenario beside it is
/// listed with its diagnostics, and the header shows no timing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_us_the_dashboard_shows_what_moved_as_the_report_does() {
    use guarantor_report::html::{Report, Without, render};
    use guarantor_report::names::Names;

    let root = common::scenarios();
    let broken_text = broken();
    std::fs::write(common::dir(&root).join("broken.toml"), &broken_text).expect("write");
    let addr = start(AppState::new(common::dir(&root))).await;
    let chromium = Chromium::launch().await;
    let page = chromium
        .browser
        .new_page(format!("http://{addr}/?scenario=ukraine-2025-08"))
        .await
        .expect("open the dashboard");
    wait_for(&page, "document.body.dataset.state === 'ready'").await;

    // What the report says, computed here from the same file.
    let scenario = guarantor_model::load(common::AUGUST)
        .scenario
        .expect("August loads");
    let names = Names::new(&scenario);
    let written = guarantor_engine::assess(&scenario);
    let without = guarantor_engine::assess_without(&scenario, &["USA".to_string()])
        .expect("USA is a contributor");
    let usa: Vec<&str> = scenario
        .pledges
        .iter()
        .filter(|p| p.contributor == "USA")
        .map(|p| p.id.as_str())
        .collect();
    assert!(usa.len() >= 5, "US pledges: {usa:?}");
    let lapsed: Vec<(String, String)> = without
        .lapsed
        .iter()
        .map(|l| (l.pledge.clone(), names.explanation(&l.explanation)))
        .collect();
    assert_eq!(lapsed.len(), 6, "six pledges wait on the US: {lapsed:?}");
    assert!(written.lapsed.is_empty(), "none lapses with the US in");

    // As written: every pledge counts, each with its sources beside it; no timing in the header.
    let states: Vec<(String, String, String)> = eval(
        &page,
        "[...document.querySelectorAll('#pledges tbody tr')].map((tr) => [tr.dataset.pledge, tr.dataset.state, tr.querySelector('.src').textContent])",
    )
    .await;
    assert_eq!(states.len(), scenario.pledges.len(), "every pledge listed");
    for ((id, st, src), p) in states.iter().zip(&scenario.pledges) {
        assert_eq!((id, st.as_str()), (&p.id, "counts"));
        let first = p.sources.first().map_or("no source given", String::as_str);
        assert!(
            src.starts_with(first),
            "{id}: sources shown `{src}`, first is `{first}`"
        );
    }
    let header: String = eval(&page, "document.querySelector('header').textContent").await;
    assert!(!header.contains(" ms"), "a timing in the header: {header}");
    let summary: String = eval(&page, "document.getElementById('summary').textContent").await;
    assert_eq!(
        summary,
        guarantor_report::findings::summary(&written, &names).text
    );

    click_and_time(&page, "USA").await;
    let rows: Vec<(String, String, String, bool, bool)> = eval(
        &page,
        "[...document.querySelectorAll('#pledges tbody tr')].map((tr) => { const b = tr.querySelector('input[type=checkbox]'); \
           return [tr.dataset.pledge, tr.dataset.state, tr.querySelector('.why').textContent, b.checked, b.disabled]; })",
    )
    .await;
    assert_eq!(rows.len(), scenario.pledges.len(), "no pledge vanished");
    for (id, st, why, checked, disabled) in &rows {
        let expect = if usa.contains(&id.as_str()) {
            ("removed", "removed with United States".to_string())
        } else if let Some((_, reason)) = lapsed.iter().find(|(p, _)| p == id) {
            ("lapsed", format!("lapsed: {reason}"))
        } else {
            ("counts", String::new())
        };
        assert_eq!((st.as_str(), why), (expect.0, &expect.1), "pledge {id}");
        assert_eq!(
            (*checked, *disabled),
            (expect.0 == "counts", expect.0 != "counts"),
            "pledge {id}: ticked {checked}, locked {disabled}"
        );
    }
    // The reason is in words, as the report writes it: no Markdown backticks.
    assert!(lapsed.iter().all(|(_, r)| !r.contains('`')), "{lapsed:?}");
    let summary: String = eval(&page, "document.getElementById('summary').textContent").await;
    assert_eq!(
        summary,
        guarantor_report::findings::summary(&without, &names).text
    );

    // The dashboard's coverage chart is the report's: the report page of the same inputs, opened
    // in the same browser, has the same SVG, element for element and attribute for attribute.
    let report = render(&Report {
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
    let dashboard_chart: String =
        eval(&page, "document.querySelector('#chart > svg').outerHTML").await;
    let report_page = chromium
        .browser
        .new_page("about:blank")
        .await
        .expect("a second tab");
    report_page
        .set_content(report)
        .await
        .expect("the report page");
    let report_chart: String = eval(
        &report_page,
        "document.querySelector('#coverage-capability ~ figure svg.chart').outerHTML",
    )
    .await;
    // Two series (as written, without the US) and the requirement line in the legend.
    assert_eq!(
        dashboard_chart.matches("class=\"legend\"").count(),
        3,
        "{dashboard_chart}"
    );
    assert_eq!(dashboard_chart, report_chart);
    page.save_screenshot(
        ScreenshotParams::builder().full_page(true).build(),
        screenshots().join("dashboard-without-usa-what-moved.png"),
    )
    .await
    .expect("screenshot");

    // Back in: every pledge counts again and can be switched.
    click_and_time(&page, "USA").await;
    let out: u32 = eval(
        &page,
        "document.querySelectorAll('#pledges tbody tr:not([data-state=counts]), #pledges input:disabled').length",
    )
    .await;
    assert_eq!(out, 0, "pledges still greyed with the US back");

    // The broken file is listed with the diagnostics the CLI prints: its first line names the
    // error, the second where it is (file:line:column).
    let loaded = guarantor_model::load(&broken_text);
    assert!(loaded.has_errors());
    let diagnostics =
        guarantor_model::diag::render("broken.toml", &broken_text, &loaded.diagnostics);
    let first: Vec<&str> = diagnostics.lines().take(2).collect();
    assert!(first[1].contains("broken.toml:"), "{first:?}");
    let shown: String = eval(
        &page,
        "(() => { const b = document.getElementById('broken'); return b.hidden ? '' : b.querySelector('li[data-scenario=broken] pre').textContent; })()",
    )
    .await;
    let shown: Vec<&str> = shown.lines().take(2).collect();
    assert_eq!(shown, first);
    chromium.close().await;
}

/// The sources list says why an article was linked to an earlier one, when the pointer rests on
/// the link (the fixtures' a02 rewrites a01, a03 copies it).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sources_list_says_why_an_article_is_a_copy() {
    let root = common::scenarios();
    let (_db_dir, db) = common::fixtures_ledger();
    let addr = start(AppState::new(common::dir(&root)).with_db(&db)).await;
    let chromium = Chromium::launch().await;
    let page = open_sources_list(&chromium, addr).await;
    wait_for(
        &page,
        "document.querySelector('#sources tbody tr[data-article=\"a02\"]') !== null",
    )
    .await;
    let cell = |id: &str| {
        format!(
            "(() => {{ const td = document.querySelector('#sources tbody tr[data-article=\"{id}\"]').lastElementChild; return [td.textContent, td.title]; }})()"
        )
    };
    let a02: (String, String) = eval(&page, &cell("a02")).await;
    assert_eq!(a02.0, "rewrite of a01");
    assert_eq!(
        a02.1,
        "they share a quotation of 8 words or more and most of their words"
    );
    let a03: (String, String) = eval(&page, &cell("a03")).await;
    assert_eq!(a03.0, "near duplicate of a01");
    assert_eq!(a03.1, "they share most of their word sequences");
    let a01: (String, String) = eval(&page, &cell("a01")).await;
    assert_eq!(a01, (String::new(), String::new()));
    chromium.close().await;
}
