//! Tests of the SQLite ledger: migrations, idempotent ingestion, one transaction per article,
//! round trip of statements and links, and the messages for locked and read-only databases.
//!
//! Not tests of the extraction rules (those live in guarantor-evidence).

use guarantor_evidence::{DedupeParams, Pipeline, source};
use guarantor_store::{IngestOutcome, Store, StoreError};

const ARTICLE: &str = "Title: Allies press Washington\nOutlet: Test Wire\nDate: 2025-01-15\n\nEuropean officials want the United States to join the guarantee. Trump said the United States will not send troops to Ukraine. “We will help in the air,” Trump told reporters.";

fn article(id: &str, text: &str) -> guarantor_evidence::ProcessedArticle {
    Pipeline::default()
        .process(&source::parse_text(id, text))
        .expect("fixture has content")
}

#[test]
fn ingest_is_idempotent_and_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.db");
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), 1);
    let mut index = store.dedupe_index(DedupeParams::default()).unwrap();
    let a = article("a", ARTICLE);
    let IngestOutcome::Stored { statements, links } = store.ingest(&a, &mut index).unwrap() else {
        panic!("first ingest stores");
    };
    assert_eq!(statements, a.statements.len());
    assert!(statements >= 2);
    assert!(links.is_empty());
    assert_eq!(
        store.ingest(&a, &mut index).unwrap(),
        IngestOutcome::Unchanged
    );
    drop(store);

    // Reopen: migrations are not re-applied, the index is rebuilt, and a copy is linked.
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), 1);
    let mut index = store.dedupe_index(DedupeParams::default()).unwrap();
    assert_eq!(index.len(), 1);
    let copy = article(
        "b",
        &ARTICLE.replace("Date: 2025-01-15", "Date: 2025-01-16"),
    );
    let IngestOutcome::Stored { links, .. } = store.ingest(&copy, &mut index).unwrap() else {
        panic!("copy stores");
    };
    assert_eq!(links.len(), 1);
    assert_eq!(
        (links[0].article.as_str(), links[0].duplicate_of.as_str()),
        ("b", "a")
    );

    let ledger = store.ledger().unwrap();
    let from_a: Vec<_> = ledger
        .statements
        .iter()
        .filter(|s| s.article == "a")
        .cloned()
        .collect();
    assert_eq!(
        from_a, a.statements,
        "statements come back exactly as stored"
    );
    assert_eq!(ledger.duplicates.len(), 1);
    let report = store.integrity().unwrap();
    assert_eq!(report.articles, 2);
    assert!(report.incomplete.is_empty());
    assert_eq!(report.orphan_statements, 0);
}

#[test]
fn same_id_with_other_content_is_refused_without_writing() {
    let mut store = Store::open_in_memory().unwrap();
    let mut index = store.dedupe_index(DedupeParams::default()).unwrap();
    store.ingest(&article("a", ARTICLE), &mut index).unwrap();
    let err = store
        .ingest(
            &article("a", "Another headline\nRussia rejects NATO troops."),
            &mut index,
        )
        .unwrap_err();
    assert!(matches!(err, StoreError::IdConflict { .. }));
    assert_eq!(
        err.to_string(),
        "article id `a` is already stored with different content; give the new version another id"
    );
    assert_eq!(store.article_count().unwrap(), 1);
}

#[test]
fn locked_database_fails_with_a_clear_message_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.db");
    let mut store = Store::open(&path).unwrap();
    let mut index = store.dedupe_index(DedupeParams::default()).unwrap();
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let err = store
        .ingest(&article("a", ARTICLE), &mut index)
        .unwrap_err();
    assert!(matches!(err, StoreError::Locked), "{err:?}");
    assert_eq!(
        err.to_string(),
        "database is locked by another process (waited 2s)"
    );
    other.execute_batch("ROLLBACK").unwrap();
    assert_eq!(store.article_count().unwrap(), 0);
    // The failed article was not added to the index either, so a retry stores it.
    assert!(matches!(
        store.ingest(&article("a", ARTICLE), &mut index).unwrap(),
        IngestOutcome::Stored { .. }
    ));
}

#[cfg(unix)]
#[test]
fn read_only_database_opens_for_reading_and_refuses_writes() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.db");
    {
        let mut store = Store::open(&path).unwrap();
        let mut index = store.dedupe_index(DedupeParams::default()).unwrap();
        store.ingest(&article("a", ARTICLE), &mut index).unwrap();
        // Leave rollback mode so no -wal/-shm files are needed by a read-only reader.
        drop(store);
        let c = rusqlite::Connection::open(&path).unwrap();
        let _: String = c
            .query_row("PRAGMA journal_mode=DELETE", [], |r| r.get(0))
            .unwrap();
    }
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    if std::fs::OpenOptions::new().write(true).open(&path).is_ok() {
        // Running as root: permissions do not stop writes, so there is nothing to test.
        eprintln!(
            "note: running with write access despite mode 0444 (root?); read-only case skipped"
        );
        return;
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(
        store.ledger().unwrap().statements.len(),
        article("a", ARTICLE).statements.len()
    );
    let mut index = store.dedupe_index(DedupeParams::default()).unwrap();
    let err = store
        .ingest(
            &article("b", "Headline\nRussia rejects NATO troops."),
            &mut index,
        )
        .unwrap_err();
    assert_eq!(err.to_string(), "database is read-only");
}

#[test]
fn read_only_open_never_creates_or_migrates() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.db");
    assert!(Store::open_read_only(&missing).is_err());
    assert!(!missing.exists());
    let empty = dir.path().join("empty.db");
    rusqlite::Connection::open(&empty)
        .unwrap()
        .execute_batch("CREATE TABLE t(x)")
        .unwrap();
    let err = Store::open_read_only(&empty).err().unwrap();
    assert!(matches!(err, StoreError::NotALedger), "{err:?}");
}

#[test]
fn articles_lists_metadata_by_date() {
    let mut store = Store::open_in_memory().unwrap();
    let mut index = store.dedupe_index(DedupeParams::default()).unwrap();
    store
        .ingest(
            &article(
                "late",
                &ARTICLE.replace(
                    "Date: 2025-01-15",
                    "Date: 2025-02-01\nURL: https://example.org/late",
                ),
            ),
            &mut index,
        )
        .unwrap();
    store
        .ingest(&article("early", ARTICLE), &mut index)
        .unwrap();
    let articles = store.articles().unwrap();
    let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["early", "late"]);
    assert_eq!(articles[1].url.as_deref(), Some("https://example.org/late"));
    assert_eq!(
        articles[0].title.as_deref(),
        Some("Allies press Washington")
    );
    assert_eq!(articles[0].outlet.as_deref(), Some("Test Wire"));
    assert_eq!(articles[0].date.as_deref(), Some("2025-01-15"));
    assert!(articles[0].statements >= 2);
}
