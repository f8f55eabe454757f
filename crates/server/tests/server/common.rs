//! Shared fixtures: a scratch scenarios directory holding the shipped August scenario, and a
//! hostile copy of it whose strings are full of markup; evidence ledgers built the way
//! `guarantor ingest` builds them (guarantor-evidence's pipeline, guarantor-store's ingest), from
//! short articles written for these tests, from the evidence crate's fixtures, or from a hostile
//! article whose title, outlet, URL and quotes are full of markup and `javascript:` addresses.

use std::path::{Path, PathBuf};

use guarantor_evidence::source::{self, Format};
use guarantor_evidence::{DedupeParams, Pipeline, ProcessedArticle};
use guarantor_store::{IngestOutcome, Store};

/// The shipped August 2025 scenario.
pub const AUGUST: &str = include_str!("../../../../scenarios/ukraine-2025-08.toml");

/// The August scenario with `<script>` and event-handler attributes in every free-text field the
/// page or report shows. Each replacement is checked, so the test notices if the scenario moves.
pub fn hostile() -> String {
    let mut text = AUGUST.to_string();
    for (from, to) in [
        (
            r#"name = "Ukraine security guarantee, August 2025""#,
            r#"name = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'"#,
        ),
        (
            r#"name = "United States""#,
            r#"name = '"><img src=x onerror=window.__pwned=3><script>window.__pwned=4</script>'"#,
        ),
        (
            r#"source = "M10News, ~19 Aug 2025 / 24brussels, 19-20 Aug 2025: Moscow"#,
            r#"source = "<script>window.__pwned=5</script> https://evil.example/\"onmouseover=alert(1) javascript:alert(1) M10News, ~19 Aug 2025 / 24brussels, 19-20 Aug 2025: Moscow"#,
        ),
    ] {
        assert!(
            text.contains(from),
            "the August scenario no longer has {from}"
        );
        text = text.replacen(from, to, 1);
    }
    text
}

/// A scratch directory with `ukraine-2025-08.toml`, `hostile.toml`, and a secret file beside the
/// directory that no request may read.
pub fn scenarios() -> tempfile::TempDir {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path().join("scenarios");
    std::fs::create_dir(&dir).expect("scenarios dir");
    std::fs::write(dir.join("ukraine-2025-08.toml"), AUGUST).expect("write");
    std::fs::write(dir.join("hostile.toml"), hostile()).expect("write");
    std::fs::write(root.path().join("secret.toml"), "SECRET-CONTENT = 1\n").expect("write");
    root
}

pub fn dir(root: &tempfile::TempDir) -> std::path::PathBuf {
    root.path().join("scenarios")
}

/// Ingests article files (name, content) into a new ledger at `db`, as `guarantor ingest` does,
/// and checks that each was stored.
pub fn ingest(db: &Path, files: &[(&str, &str)]) {
    ingest_edited(db, files, |_| {});
}

/// [`ingest`], with each processed article passed to `edit` before it is stored: a test that
/// needs a statement of a given kind (a classifier's doubtful one) states it itself rather than
/// depend on what the shipped model gives.
pub fn ingest_edited(db: &Path, files: &[(&str, &str)], edit: impl Fn(&mut ProcessedArticle)) {
    let mut store = Store::open(db).expect("open ledger");
    let mut index = store
        .dedupe_index(DedupeParams::default())
        .expect("dedupe index");
    let pipeline = Pipeline::default();
    for (name, content) in files {
        let format = Format::from_path(name).expect("an article file name");
        let stem = name.rsplit_once('.').map_or(*name, |(s, _)| s);
        for raw in source::parse_file(format, stem, content.as_bytes()).expect("parses") {
            let raw = raw.expect("an article");
            let mut article = pipeline.process(&raw).expect("has content");
            edit(&mut article);
            let outcome = store.ingest(&article, &mut index).expect("stored");
            assert!(
                matches!(outcome, IngestOutcome::Stored { .. }),
                "{name}: {outcome:?}"
            );
        }
    }
}

/// Two short articles written for these tests: the US rules out ground troops but offers air
/// support; Britain commits troops.
pub const ARTICLES: &[(&str, &str)] = &[
    (
        "w1.txt",
        "Title: Washington rules out troops\nOutlet: Test Wire\nDate: 2025-08-19\nURL: https://example.org/w1\n\nTrump said the United States will not send troops to Ukraine. The United States could provide air power to back a European mission, Rubio said.",
    ),
    (
        "w2.txt",
        "Title: London commits a brigade\nOutlet: Island Post\nDate: 2025-09-02\nURL: http://example.com/w2?a=1&b=2\n\nStarmer said Britain will send troops to Ukraine after a ceasefire.",
    ),
];

/// A ledger of [`ARTICLES`] in a scratch directory.
pub fn small_ledger() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("ledger.db");
    ingest(&db, ARTICLES);
    (dir, db)
}

/// A ledger of the evidence crate's 31 fixture articles.
pub fn fixtures_ledger() -> (tempfile::TempDir, PathBuf) {
    let fixtures =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../evidence/tests/fixtures/articles");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&fixtures)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| Format::from_path(&p.to_string_lossy()).is_some())
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().to_string();
            (name, std::fs::read_to_string(&p).expect("read"))
        })
        .collect();
    files.sort();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, c)| (n.as_str(), c.as_str()))
        .collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("ledger.db");
    ingest(&db, &refs);
    (dir, db)
}

/// Articles whose every field the page shows is an attack: `<script>`, `<img onerror>`,
/// `onclick=` attributes, `javascript:` and `data:` addresses, an address that tries to break out
/// of an attribute. Every payload would set `window.__pwned` (or change `document.title`) if it
/// ran.
pub const HOSTILE_ARTICLES: &[(&str, &str)] = &[
    (
        "x1.txt",
        "Title: <script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2;document.title='pwned'\">\nOutlet: <b onclick=\"window.__pwned=3\">Evil Wire</b>\nDate: 2025-08-20\nURL: javascript:window.__pwned=4\n\nTrump said the United States will not send troops to Ukraine <img src=x onerror=\"window.__pwned=5\"><script>window.__pwned=6</script>.\n“We will help in the air <a href=\"javascript:window.__pwned=7\" onclick=\"window.__pwned=8\">click</a>,” Trump told reporters.",
    ),
    (
        "x2.jsonl",
        r#"{"id": "x2", "url": "JaVaScRiPt:window.__pwned=9", "outlet": "<svg onload=window.__pwned=10>", "date": "2025-08-21", "title": "<a href=javascript:window.__pwned=11>Starmer</a>", "text": "Starmer said Britain will send troops to Ukraine <svg/onload=window.__pwned=12> after a ceasefire."}
{"id": "x3", "url": "data:text/html,<script>window.__pwned=13</script>", "outlet": "Data Desk", "date": "2025-08-22", "title": "<iframe src=javascript:window.__pwned=14>", "text": "Macron said France will send troops to Ukraine <body onload=window.__pwned=15> as part of a reassurance force."}
{"id": "x4", "url": "https://evil.example/\"onclick=\"window.__pwned=16", "outlet": "Quote Breakers", "date": "2025-08-23", "title": "'><script>window.__pwned=17</script>", "text": "Rubio said the United States could provide air power to back a European mission in Ukraine \"><img src=x onerror=window.__pwned=18>."}"#,
    ),
];

/// A ledger of [`HOSTILE_ARTICLES`].
pub fn hostile_ledger() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("hostile.db");
    ingest(&db, HOSTILE_ARTICLES);
    (dir, db)
}
