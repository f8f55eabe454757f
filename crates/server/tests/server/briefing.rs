//! The report and the dashboard as a briefing takes them, in the same headless Chromium as
//! [`crate::browser`]: every chart saves as an SVG file that stands alone and as a PNG, and the
//! visible text names things in words (no identifier of the scenario or the taxonomy, no
//! Markdown backtick, no path outside the project).
//!
//! The report is the full page `guarantor report --timeline JANUARY --db LEDGER` writes for the
//! August scenario (every section that has a chart), rendered here in-process with small
//! analyses and opened from a file, as an analyst opens it. Downloads are intercepted in the
//! page: `URL.createObjectURL` records each blob and an anchor's `click` records its file name,
//! so nothing is written to the browser's download folder; the test writes the files to
//! `target/browser-screenshots/downloads/` for a person to look at.

use std::path::Path;

use guarantor_allocate::{CostWeights, DefaultSolver, Options};
use guarantor_credibility::Weights;
use guarantor_model::Scenario;
use guarantor_report::html::{
    AllocationSection, ArticleLink, CredibilitySection, Report, RobustnessSection, TimelineSection,
    Without, render,
};
use guarantor_robust::{CompiledScenario, Output, Reliability, Settings, SobolSettings};
use guarantor_server::AppState;
use serde::Deserialize;

use crate::browser::{Chromium, allocated, analysed, eval, screenshots, start, wait_for};
use crate::common;

const JANUARY: &str = include_str!("../../../../scenarios/ukraine-2025-01.toml");

fn load(text: &str) -> Scenario {
    guarantor_model::load(text)
        .scenario
        .expect("scenario loads")
}

/// The full report of the August scenario without the United States, as the CLI assembles it,
/// with a few thousand draws and the ledger of [`common::ARTICLES`].
fn full_report(scenario: &Scenario, db: &Path) -> String {
    let usa = vec!["USA".to_string()];
    let assessment = guarantor_engine::assess(scenario);
    let without = guarantor_engine::assess_without(scenario, &usa).expect("USA is a contributor");
    let weights = Weights::default();
    let credibility =
        guarantor_credibility::evaluate_without(scenario, &[], &weights).expect("credibility");
    let credibility_without =
        guarantor_credibility::evaluate_without(scenario, &usa, &weights).expect("credibility");
    let references = guarantor_credibility::evaluate_references(&weights).expect("references");
    let settings = Settings {
        draws: 4096,
        seed: 0,
    };
    let simulate = |s: &Scenario, removed: &[String]| {
        let model = CompiledScenario::new(s, &Reliability::default());
        guarantor_robust::simulate(
            &model,
            guarantor_robust::scenario_info(s, removed),
            settings,
            &|_| {},
        )
    };
    let simulation = simulate(scenario, &[]);
    let (reduced, _) = guarantor_engine::without(scenario, &usa).expect("USA is a contributor");
    let simulation_without = simulate(&reduced, &usa);
    let model = CompiledScenario::new(scenario, &Reliability::default());
    let output = Output::parse(&model, "share_met").expect("share_met");
    let sensitivity = guarantor_robust::sensitivity(
        &model,
        guarantor_robust::scenario_info(scenario, &[]),
        output,
        SobolSettings {
            samples: 256,
            seed: 0,
            bootstrap: 50,
            confidence: 0.95,
        },
    );
    let allocation = guarantor_allocate::allocate(
        scenario,
        &Options::default(),
        &CostWeights::default(),
        &DefaultSolver,
    )
    .expect("the allocation solves");
    let store = guarantor_store::Store::open_read_only(db).expect("ledger");
    let ledger = store.ledger().expect("statements");
    let articles: Vec<ArticleLink> = store
        .articles()
        .expect("articles")
        .into_iter()
        .map(|a| ArticleLink {
            id: a.id,
            url: a.url,
            title: a.title,
            outlet: a.outlet,
        })
        .collect();
    let january = load(JANUARY);
    let state = |s: &Scenario| {
        let c = guarantor_credibility::evaluate_without(s, &[], &weights).expect("credibility");
        guarantor_report::sequence::State::new(s, &guarantor_engine::assess(s), &c)
    };
    let sequence = guarantor_report::sequence::Sequence {
        states: vec![state(&january), state(scenario)],
    };
    render(&Report {
        scenario,
        assessment: &assessment,
        without: Some(Without {
            code: "USA",
            assessment: &without,
        }),
        generator: "guarantor (test)",
        credibility: Some(CredibilitySection {
            package: &credibility,
            without: Some(&credibility_without),
            references: &references,
        }),
        robustness: Some(RobustnessSection {
            simulation: &simulation,
            without: Some(("USA", &simulation_without)),
            sensitivity: Some(&sensitivity),
            replaced_output: None,
        }),
        allocation: Some(AllocationSection::Plan(&allocation)),
        timeline: Some(TimelineSection {
            ledger: &ledger,
            articles: &articles,
        }),
        sequence: Some(&sequence),
    })
}

/// Writes the full report to a scratch file: (directory kept alive, `file://` address).
fn report_file(scenario: &Scenario, db: &Path) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("report.html");
    std::fs::write(&path, full_report(scenario, db)).expect("write the report");
    (dir, format!("file://{}", path.display()))
}

/// Polls a condition of a page that is not the dashboard (no `#error` to report).
async fn until(page: &chromiumoxide::Page, condition: &str) {
    for _ in 0..400 {
        if eval::<bool>(page, &format!("Boolean({condition})")).await {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("waited 20 s for `{condition}`");
}

/// Records downloads instead of saving them: each blob handed to `URL.createObjectURL`, and the
/// file name and blob of each anchor clicked with a `download` attribute.
const CAPTURE: &str = "(() => { window.__saved = []; const blobs = new Map(); const make = URL.createObjectURL.bind(URL); \
     URL.createObjectURL = (b) => { const u = make(b); blobs.set(u, b); return u; }; \
     HTMLAnchorElement.prototype.click = function () { if (this.download) window.__saved.push({ name: this.download, blob: blobs.get(this.href) }); }; \
     return true; })()";

/// Reads download number `k` into `window.__read`: an SVG's text and how the browser's XML
/// parser reads it, or a PNG's bytes and how many of its pixels are not near white.
fn read_saved(k: usize) -> String {
    format!(
        "(() => {{ window.__read = null; const s = window.__saved[{k}]; (async () => {{
            if (s.name.endsWith('.svg')) {{
              const text = await s.blob.text();
              const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
              const r = doc.documentElement;
              window.__read = {{ name: s.name, type: s.blob.type, text, root: r.namespaceURI + ' ' + r.localName,
                xml_error: doc.getElementsByTagName('parsererror').length > 0,
                width: r.getAttribute('width'), height: r.getAttribute('height'), view_box: r.getAttribute('viewBox'),
                styled: doc.querySelectorAll('[style]').length }};
            }} else {{
              const bytes = Array.from(new Uint8Array(await s.blob.arrayBuffer()));
              const bm = await createImageBitmap(s.blob);
              const c = document.createElement('canvas'); c.width = bm.width; c.height = bm.height;
              const ctx = c.getContext('2d'); ctx.drawImage(bm, 0, 0);
              const px = ctx.getImageData(0, 0, c.width, c.height).data;
              let inked = 0;
              for (let i = 0; i < px.length; i += 4) if (px[i] < 200 || px[i + 1] < 200 || px[i + 2] < 200) inked++;
              window.__read = {{ name: s.name, type: s.blob.type, bytes, inked }};
            }}
          }})().catch((e) => {{ window.__read = {{ name: s.name, type: 'error: ' + e }}; }});
          return true; }})()"
    )
}

#[derive(Debug, Deserialize)]
struct Saved {
    name: String,
    #[serde(rename = "type")]
    kind: String,
    text: Option<String>,
    root: Option<String>,
    xml_error: Option<bool>,
    width: Option<String>,
    height: Option<String>,
    view_box: Option<String>,
    styled: Option<u32>,
    bytes: Option<Vec<u8>>,
    inked: Option<u64>,
}

const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];

/// Presses the SVG and then the PNG button of every chart on the page and checks both files:
/// the SVG parses as XML with an `<svg>` root, a size and the styles written on its elements;
/// the PNG has the PNG signature and twice the SVG's size, and shows something. Returns the
/// charts' file names.
async fn download_every_chart(page: &chromiumoxide::Page, dir: &str) -> Vec<String> {
    eval::<bool>(page, CAPTURE).await;
    let charts: Vec<String> = eval(
        page,
        "[...document.querySelectorAll('figure[data-chart]')].filter((f) => f.querySelector('svg')).map((f) => f.dataset.chart)",
    )
    .await;
    let out = screenshots().join("downloads").join(dir);
    std::fs::create_dir_all(&out).expect("downloads dir");
    let mut k = 0;
    for (i, chart) in charts.iter().enumerate() {
        let mut svg_size = (0.0, 0.0);
        for format in ["svg", "png"] {
            eval::<bool>(
                page,
                &format!(
                    "(document.querySelectorAll('figure[data-chart]')[{i}].querySelector('[data-download={format}]').click(), true)"
                ),
            )
            .await;
            until(page, &format!("window.__saved.length > {k}")).await;
            eval::<bool>(page, &read_saved(k)).await;
            until(page, "window.__read !== null").await;
            let saved: Saved = eval(page, "window.__read").await;
            k += 1;
            assert_eq!(saved.name, format!("{chart}.{format}"), "{dir}: file name");
            if format == "svg" {
                assert_eq!(saved.kind, "image/svg+xml", "{chart}");
                let text = saved.text.expect("svg text");
                assert!(text.starts_with("<?xml"), "{chart}: {}", &text[..60]);
                assert_eq!(saved.xml_error, Some(false), "{chart}: not well-formed XML");
                assert_eq!(
                    saved.root.as_deref(),
                    Some("http://www.w3.org/2000/svg svg"),
                    "{chart}"
                );
                let number = |v: &Option<String>| v.as_deref().and_then(|v| v.parse::<f64>().ok());
                let (w, h) = (number(&saved.width), number(&saved.height));
                let view_box: Vec<f64> = saved
                    .view_box
                    .as_deref()
                    .unwrap_or_default()
                    .split_whitespace()
                    .filter_map(|v| v.parse().ok())
                    .collect();
                assert!(
                    w.zip(h).is_some_and(|(w, h)| w > 0.0 && h > 0.0) || view_box.len() == 4,
                    "{chart}: no size"
                );
                svg_size = (w.unwrap_or(0.0), h.unwrap_or(0.0));
                // The page's stylesheet is not in the file: the styles are on the elements.
                assert!(
                    saved.styled.unwrap_or(0) > 10,
                    "{chart}: styles not inlined"
                );
                assert!(!text.contains("<script"), "{chart}");
                std::fs::write(out.join(&saved.name), &text).expect("write svg");
            } else {
                assert_eq!(saved.kind, "image/png", "{chart}");
                let bytes = saved.bytes.expect("png bytes");
                assert_eq!(bytes[..8], PNG_SIGNATURE, "{chart}: PNG signature");
                assert_eq!(&bytes[12..16], b"IHDR", "{chart}");
                let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
                let (w, h) = (be(&bytes[16..20]), be(&bytes[20..24]));
                assert!(w > 0 && h > 0, "{chart}: {w}×{h}");
                assert_eq!(
                    (w, h),
                    (
                        (svg_size.0 * 2.0).ceil() as u32,
                        (svg_size.1 * 2.0).ceil() as u32
                    ),
                    "{chart}: twice the SVG's size"
                );
                // The chart was drawn, not an empty canvas: bars and labels ink at least 1%.
                let inked = saved.inked.unwrap_or(0);
                assert!(
                    inked * 100 > u64::from(w) * u64::from(h),
                    "{chart}: {inked} of {w}×{h} pixels drawn"
                );
                std::fs::write(out.join(&saved.name), &bytes).expect("write png");
            }
        }
    }
    charts
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_chart_of_the_report_and_the_dashboard_downloads_as_svg_and_png() {
    let scenario = load(common::AUGUST);
    let (_ledger_dir, db) = common::small_ledger();
    let (_dir, url) = report_file(&scenario, &db);
    let chromium = Chromium::launch().await;
    let page = chromium
        .browser
        .new_page(url)
        .await
        .expect("open the report");
    until(&page, "document.readyState === 'complete'").await;
    let charts = download_every_chart(&page, "report").await;
    assert_eq!(
        charts,
        [
            "coverage-by-capability",
            "coverage-by-layer",
            "credibility-against-references",
            "guarantee-over-time",
            "coverage-odds",
            "sensitivity-tornado",
            "allocation-burden",
            "stance-timeline",
        ],
        "every chart of the report, in page order"
    );
    let svgs: u32 = eval(&page, "document.querySelectorAll('svg').length").await;
    assert_eq!(
        svgs as usize,
        charts.len(),
        "a chart without download buttons"
    );

    // The dashboard's charts, once every analysis and an allocation are in.
    let root = common::scenarios();
    let addr = start(AppState::new(common::dir(&root))).await;
    let dashboard = chromium
        .browser
        .new_page(format!("http://{addr}/?scenario=ukraine-2025-08"))
        .await
        .expect("open the dashboard");
    wait_for(&dashboard, "document.body.dataset.state === 'ready'").await;
    analysed(&dashboard, 0).await;
    eval::<bool>(
        &dashboard,
        "(document.getElementById('propose').click(), true)",
    )
    .await;
    allocated(&dashboard, 0).await;
    let charts = download_every_chart(&dashboard, "dashboard").await;
    assert_eq!(
        charts,
        [
            "coverage-by-capability",
            "theatre-map",
            "coverage-odds",
            "sensitivity-tornado",
            "credibility-against-references",
            "allocation-burden",
        ],
        "every chart of the dashboard"
    );
    chromium.close().await;
}

/// Words that belong in JSON, never in front of a reader: every pledge and red-line id, and the
/// snake_case ids of capabilities (the whole taxonomy), missions, layers, lines, sites, site
/// kinds, events and credibility indicators (a one-word id such as `backstop` is also an English
/// word, so only ids no sentence would contain are listed).
fn forbidden(s: &Scenario) -> Vec<String> {
    let snake = |id: &str| id.contains('_').then(|| id.to_string());
    let mut out: Vec<String> = s.pledges.iter().map(|p| p.id.clone()).collect();
    out.extend(s.red_lines.iter().map(|r| r.id.clone()));
    out.extend(
        s.taxonomy
            .capabilities()
            .iter()
            .filter_map(|c| snake(&c.name)),
    );
    out.extend(s.missions.iter().filter_map(|m| snake(&m.id)));
    out.extend(s.layers.iter().filter_map(|l| snake(&l.id)));
    out.extend(s.theatre.lines.iter().filter_map(|l| snake(&l.id)));
    out.extend(s.theatre.sites.iter().filter_map(|x| snake(&x.id)));
    out.extend(s.theatre.sites.iter().filter_map(|x| snake(&x.kind)));
    out.extend(s.events.iter().filter_map(|e| snake(&e.id)));
    let c =
        guarantor_credibility::evaluate_without(s, &[], &Weights::default()).expect("credibility");
    out.extend(c.indicators.iter().filter_map(|i| snake(&i.id)));
    out.sort();
    out.dedup();
    out
}

/// What a reader must not see in `text`, each with the line it stands in.
fn leaks(forbidden: &[String], text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        let words: Vec<&str> = line
            .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .collect();
        for id in forbidden {
            if words.contains(&id.as_str()) {
                found.push(format!("id {id}: {line}"));
            }
        }
        for needle in ["`", "/work/", "shared/", "DOMAIN", ".md §", "seed-"] {
            if line.contains(needle) {
                found.push(format!("{needle:?}: {line}"));
            }
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_report_and_the_dashboard_show_no_id_no_backtick_and_no_outside_path() {
    let scenario = load(common::AUGUST);
    let ids = forbidden(&scenario);
    for id in ["gbr-troops", "ground_troops", "article5_like_guarantee"] {
        assert!(ids.iter().any(|x| x == id), "{id} is not looked for");
    }
    // The check finds what it is for.
    assert_eq!(
        leaks(&ids, "crossed by `gbr-troops` (500); ground_troops").len(),
        3
    );
    let (_ledger_dir, db) = common::small_ledger();
    let (_dir, url) = report_file(&scenario, &db);
    let chromium = Chromium::launch().await;
    let page = chromium
        .browser
        .new_page(url)
        .await
        .expect("open the report");
    until(&page, "document.readyState === 'complete'").await;
    let report: String = eval(&page, "document.body.innerText").await;
    std::fs::write(screenshots().join("report-text.txt"), &report).expect("write");
    assert!(report.contains("Key findings"), "{report}");
    // The key findings name the three largest gaps, each with its figures in its own unit.
    let found = guarantor_report::findings::findings(
        &scenario,
        &guarantor_engine::assess(&scenario),
        &guarantor_report::names::Names::new(&scenario),
    );
    assert_eq!(found.gaps.len(), 3);
    let findings_text = report
        .split("Largest gaps")
        .nth(1)
        .and_then(|t| t.split("What the backstop carries").next())
        .expect("a list of the largest gaps");
    for g in &found.gaps {
        assert!(
            findings_text.contains(&g.text) && g.text.contains(&format!(" {}", g.unit)),
            "gap `{}` in its unit `{}`:\n{findings_text}",
            g.text,
            g.unit
        );
    }
    let mut found = leaks(&ids, &report);

    // The dashboard with the ledger, as written and without the US (lapsed pledges give their
    // reasons), once every analysis and an allocation are in.
    let root = common::scenarios();
    let addr = start(AppState::new(common::dir(&root)).with_db(&db)).await;
    let dashboard = chromium
        .browser
        .new_page(format!("http://{addr}/?scenario=ukraine-2025-08"))
        .await
        .expect("open the dashboard");
    wait_for(&dashboard, "document.body.dataset.state === 'ready'").await;
    let (seq, _, _) = analysed(&dashboard, 0).await;
    eval::<bool>(
        &dashboard,
        "(document.getElementById('propose').click(), true)",
    )
    .await;
    let (alloc, _) = allocated(&dashboard, 0).await;
    wait_for(
        &dashboard,
        "document.getElementById('evidence').dataset.state === 'ready'",
    )
    .await;
    let written: String = eval(&dashboard, "document.body.innerText").await;
    // The theatre map: Ukraine and its neighbours, the US forces outside Ukraine.
    let map: String = eval(
        &dashboard,
        "[...document.querySelectorAll('#map svg path title')].map((t) => t.textContent).join(', ') + ' | ' + document.querySelector('#map svg').textContent",
    )
    .await;
    assert!(
        map.starts_with("Ukraine, Poland, Belarus, Russia") && map.contains("Outside Ukraine"),
        "{map}"
    );
    let outside_us = "United States: air power";
    assert!(map.contains(outside_us), "{map}");
    // Figures as the report rounds them: border monitoring needs 243.8 personnel, which are
    // 244 people.
    assert!(
        !written.contains("243.8") && written.contains("244 personnel"),
        "{written}"
    );
    std::fs::write(screenshots().join("dashboard-text.txt"), &written).expect("write");
    found.extend(
        leaks(&ids, &written)
            .into_iter()
            .map(|l| format!("dashboard: {l}")),
    );
    let seen: u32 = eval(&dashboard, "Number(document.body.dataset.seq)").await;
    eval::<bool>(
        &dashboard,
        "(document.querySelector('input[data-code=\"USA\"]').click(), true)",
    )
    .await;
    wait_for(
        &dashboard,
        &format!("Number(document.body.dataset.seq) > {seen}"),
    )
    .await;
    analysed(&dashboard, seq).await;
    allocated(&dashboard, alloc).await;
    let without: String = eval(&dashboard, "document.body.innerText").await;
    let map: String = eval(&dashboard, "document.querySelector('#map svg').textContent").await;
    assert!(!map.contains("United States:"), "the US forces left: {map}");
    std::fs::write(
        screenshots().join("dashboard-without-usa-text.txt"),
        &without,
    )
    .expect("write");
    assert!(without.contains("lapsed: "), "{without}");
    found.extend(
        leaks(&ids, &without)
            .into_iter()
            .map(|l| format!("dashboard without the US: {l}")),
    );
    found.dedup();
    assert!(
        found.is_empty(),
        "{} leaks:\n{}",
        found.len(),
        found.join("\n")
    );
    chromium.close().await;
}
