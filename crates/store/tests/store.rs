//! Tests of the SQLite ledger: migrations, idempotent ingestion, one transaction per article,
//! round trip of statements and links, concurrent writers, filtered and paged queries, and the
//! messages for locked and read-only databases.
//!
//! Not tests of the extraction rules (those live in guarantor-evidence).

use guarantor_evidence::{DedupeParams, Pipeline, source};
use guarantor_store::{IngestOutcome, StatementFilter, Store, StoreError};

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
    assert_eq!(store.schema_version().unwrap(), 6);
    let mut index = store.dedupe_index(DedupeParams::default()).unwrap();
    let mut a = article("a", ARTICLE);
    // One statement as the classifier's, so both kinds of `probability` make the round trip.
    a.statements[1].probability = Some(0.37);
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
    assert_eq!(store.schema_version().unwrap(), 6);
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
    assert_eq!(
        ledger.duplicates, links,
        "links come back with their reason"
    );
    assert!(ledger.duplicates[0].reason.is_some());
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
        "database is locked by another process (waited 5s)"
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
    // Neither declares a language: the one the extractor read the text in is stored.
    assert_eq!(articles[0].lang.as_deref(), Some("en"));
}

#[test]
fn a_declared_language_is_stored_and_an_undeclared_one_is_detected() {
    let mut store = Store::open_in_memory().unwrap();
    let mut index = store.dedupe_index(DedupeParams::default()).unwrap();
    let polish = "Title: Polska nie wyśle żołnierzy\nOutlet: Test Wire\nDate: 2025-08-20\n\nPolska nie wyśle żołnierzy na Ukrainę, powiedział wicepremier Władysław Kosiniak-Kamysz.";
    store.ingest(&article("pl", polish), &mut index).unwrap();
    store
        .ingest(
            &article("declared", &ARTICLE.replace("Date:", "Lang: en-GB\nDate:")),
            &mut index,
        )
        .unwrap();
    let articles = store.articles().unwrap();
    let lang = |id: &str| {
        articles
            .iter()
            .find(|a| a.id == id)
            .and_then(|a| a.lang.clone())
    };
    assert_eq!(lang("pl").as_deref(), Some("pl"));
    assert_eq!(lang("declared").as_deref(), Some("en-GB"));
}

/// Generated articles with claims by several actors, distinct enough not to be copies.
fn varied(n: usize) -> Vec<guarantor_evidence::ProcessedArticle> {
    let actors = ["Trump", "Starmer", "Macron", "Peskov", "Zelenskyy"];
    let claims = [
        "said the United States will not send troops to Ukraine",
        "said Britain is ready to deploy troops to Ukraine after a ceasefire",
        "said Germany will provide air defence systems to Ukraine",
        "said Russia rejects any deployment of foreign troops in Ukraine",
        "said 26 countries committed to send troops to Ukraine",
        "said Ukraine's allies will send troops after a ceasefire",
    ];
    let pipeline = Pipeline::default();
    (0..n)
        .map(|i| {
            let text = format!(
                "Title: Report {i} on item {}\nOutlet: Wire {}\nDate: 2025-{:02}-{:02}\n\n{} {} on day {i}. Officials counted {} delegations and {} vehicles near sector {} of the line.",
                i * 7919 % 1000,
                i % 3,
                1 + i % 12,
                1 + i % 28,
                actors[i % actors.len()],
                claims[(i / actors.len()) % claims.len()],
                i * 31 % 97,
                i * 17 % 89,
                i * 13 % 83,
            );
            pipeline
                .process(&source::parse_text(&format!("v{i}"), &text))
                .expect("generated article has content")
        })
        .collect()
}

/// Two writers on one database at once (two connections, as two `guarantor ingest` processes
/// have), each storing the same articles in the same order, so they race on every one: both
/// finish, every article is stored once, and the one that lost each race sees `Unchanged`, never
/// a conflict or a constraint error.
#[test]
fn two_concurrent_ingests_both_finish_without_false_conflicts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.db");
    let articles = varied(60);
    let run = || {
        let path = path.clone();
        let order: Vec<_> = articles.clone();
        std::thread::spawn(move || {
            let mut store = Store::open(&path).expect("open");
            let mut index = store.dedupe_index(DedupeParams::default()).unwrap();
            let mut outcomes = (0, 0);
            for a in &order {
                match store.ingest(a, &mut index) {
                    Ok(IngestOutcome::Stored { .. }) => outcomes.0 += 1,
                    Ok(IngestOutcome::Unchanged) => outcomes.1 += 1,
                    Err(e) => panic!("article `{}`: {e}", a.id),
                }
            }
            outcomes
        })
    };
    let (a, b) = (run(), run());
    let (a, b) = (a.join().unwrap(), b.join().unwrap());
    assert_eq!(a.0 + b.0, 60, "each article stored once: {a:?} {b:?}");
    assert_eq!(a.0 + a.1, 60);
    assert_eq!(b.0 + b.1, 60);
    let store = Store::open(&path).unwrap();
    let report = store.integrity().unwrap();
    assert_eq!(report.articles, 60);
    assert!(report.incomplete.is_empty(), "{report:?}");
}

/// A writer's dedupe index learns what another writer stored meanwhile, so a copy stored by one
/// process of an article stored by another is still linked.
#[test]
fn dedupe_index_catches_up_with_other_writers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.db");
    let mut first = Store::open(&path).unwrap();
    let mut second = Store::open(&path).unwrap();
    let mut first_index = first.dedupe_index(DedupeParams::default()).unwrap();
    let mut second_index = second.dedupe_index(DedupeParams::default()).unwrap();
    first
        .ingest(&article("a", ARTICLE), &mut first_index)
        .unwrap();
    let copy = article(
        "b",
        &ARTICLE.replace("Date: 2025-01-15", "Date: 2025-01-16"),
    );
    let IngestOutcome::Stored { links, .. } = second.ingest(&copy, &mut second_index).unwrap()
    else {
        panic!("the copy is new to the database");
    };
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(links[0].duplicate_of, "a");
    assert_eq!(second_index.len(), 2);
}

#[test]
fn filtered_ledger_and_pages_agree_with_the_whole_ledger() {
    let mut store = Store::open_in_memory().unwrap();
    let mut index = store.dedupe_index(DedupeParams::default()).unwrap();
    for (i, mut a) in varied(40).into_iter().enumerate() {
        // Some articles' statements as the classifier's, doubtful (0.3) or firm (0.7), for
        // `min_probability`.
        for s in &mut a.statements {
            s.probability = [None, Some(0.3), Some(0.7)][i % 3];
        }
        store.ingest(&a, &mut index).unwrap();
    }
    let whole = store.ledger().unwrap();
    assert!(!whole.statements.is_empty());
    assert!(whole.statements.iter().any(|s| !s.is_firm()));
    assert_eq!(whole.statements.len(), store.statement_count().unwrap());
    let (actors, capabilities) = store.actors_and_capabilities().unwrap();
    let mut expected_actors: Vec<String> =
        whole.statements.iter().map(|s| s.actor.clone()).collect();
    expected_actors.sort();
    expected_actors.dedup();
    assert_eq!(actors, expected_actors);
    assert!(capabilities.contains(&"ground_troops".to_string()));
    for ((actor, capability), min_probability) in [
        (Some("USA"), None),
        (Some("GBR"), Some("ground_troops")),
        (None, Some("air_defence")),
        (Some("Keir Starmer"), None),
        (Some("NOWHERE"), None),
        // An unnamed group by its count, in any wording (a pattern in SQL).
        (Some("26 countries"), None),
        (Some("26"), Some("ground_troops")),
        // An unnamed group by its name without the marker.
        (Some("Ukraine's allies"), None),
        (Some("Ukraine's allies (unnamed)"), Some("ground_troops")),
    ]
    .into_iter()
    .flat_map(|c| [(c, None), (c, Some(0.7)), (c, Some(0.5))])
    {
        let filter = StatementFilter {
            actor,
            capability,
            min_probability,
        };
        let mut expected = whole.filter(actor, capability);
        if let Some(min) = min_probability {
            expected
                .statements
                .retain(|s| s.probability.is_none_or(|p| p >= min));
        }
        if min_probability == Some(guarantor_evidence::FIRM_PROBABILITY) {
            assert!(expected.statements.iter().all(|s| s.is_firm()));
        }
        if matches!(actor, Some("USA" | "26 countries" | "Ukraine's allies")) {
            assert!(!expected.statements.is_empty(), "{actor:?} says something");
        }
        assert_eq!(store.ledger_of(filter).unwrap(), expected, "{filter:?}");
        // A page: the newest first, undated last, then article, sentence and capability.
        let mut newest: Vec<_> = expected.statements.clone();
        newest.sort_by(|a, b| {
            (
                a.date.is_none(),
                std::cmp::Reverse(&a.date),
                &a.article,
                a.sentence,
                &a.capability,
            )
                .cmp(&(
                    b.date.is_none(),
                    std::cmp::Reverse(&b.date),
                    &b.article,
                    b.sentence,
                    &b.capability,
                ))
        });
        newest.truncate(5);
        let page = store.statement_page(filter, 5).unwrap();
        assert_eq!(page.total, expected.statements.len(), "{filter:?}");
        assert_eq!(page.statements, newest, "{filter:?}");
    }
    let some: Vec<&str> = whole
        .statements
        .iter()
        .take(3)
        .map(|s| s.id.as_str())
        .collect();
    let found = store
        .statements_by_id(some.iter().copied().chain(["missing#0.x"]))
        .unwrap();
    assert_eq!(found.keys().map(String::as_str).collect::<Vec<_>>(), {
        let mut v = some.clone();
        v.sort();
        v.dedup();
        v
    });
    let articles = store.articles_by_id(["v1", "v2", "v1", "missing"]).unwrap();
    assert_eq!(articles.keys().collect::<Vec<_>>(), ["v1", "v2"]);
}

/// The links of `second` (id, text), ingested after `first` was stored in an earlier session:
/// the dedupe index is rebuilt from the stored fingerprints.
fn links_after_reopening(
    first: (&str, &str),
    second: (&str, &str),
) -> Vec<guarantor_evidence::DuplicateLink> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.db");
    {
        let mut store = Store::open(&path).unwrap();
        let mut index = store.dedupe_index(DedupeParams::default()).unwrap();
        store
            .ingest(&article(first.0, first.1), &mut index)
            .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    let mut index = store.dedupe_index(DedupeParams::default()).unwrap();
    match store
        .ingest(&article(second.0, second.1), &mut index)
        .unwrap()
    {
        IngestOutcome::Stored { links, .. } => links,
        other => panic!("a new article is stored: {other:?}"),
    }
}

/// The anchor sequence (the dedupe stage's sixth tier) is stored: after reopening, a French
/// translation of a stored story, with the same people, states and figure in the same order and
/// nothing else in common, is still linked to it.
#[test]
fn a_translation_is_linked_to_a_story_stored_in_an_earlier_session() {
    let story = "Title: Leaders meet in Paris\nDate: 2025-09-02\n\nMacron met Starmer in Paris on Tuesday. Zelensky joined them by video. Macron said France and Britain would lead the force, and Starmer said Britain would send 30 jets. Merz said Germany would help with air defence, while Tusk said Poland would not send troops. Rutte said NATO backed the plan. Trump said the United States would support it, and Putin said Russia rejects it. Zelensky thanked Macron, Starmer and Merz.";
    let translation = "Title: Les dirigeants à Paris\nDate: 2025-09-03\n\nMacron a reçu Starmer à Paris mardi. Zelensky les a rejoints par vidéo. Macron a dit que la France et la Grande-Bretagne dirigeraient la force, et Starmer a dit que la Grande-Bretagne enverrait 30 avions. Merz a dit que l'Allemagne aiderait pour la défense aérienne, tandis que Tusk a dit que la Pologne n'enverrait pas de troupes. Rutte a dit que l'OTAN soutenait le plan. Trump a dit que les États-Unis le soutiendraient, et Poutine a dit que la Russie le rejette. Zelensky a remercié Macron, Starmer et Merz.";
    let links = links_after_reopening(("en", story), ("fr", translation));
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(
        (links[0].article.as_str(), links[0].duplicate_of.as_str()),
        ("fr", "en")
    );
}

/// The sentences' content words (the dedupe stage's ninth tier) are stored: after reopening, a
/// retelling of a stored story sentence by sentence in other words is still linked to it.
#[test]
fn a_retelling_in_other_sentences_is_linked_to_a_story_stored_in_an_earlier_session() {
    let story = "Title: Turkey offers Black Sea role\nDate: 2026-01-07\n\nTurkey's foreign minister said on Wednesday that the Turkish armed forces are ready to take responsibility for security in the Black Sea after a peace agreement.\nAnkara had declared this readiness since the beginning of the negotiations, according to the ministry's statement.\nThe minister stressed that Turkey possesses the naval capabilities and the experience needed for such a mission.\nClearing drifting mines from the shipping lanes would come first, followed by escorts for merchant convoys.\nRomania and Bulgaria would join the operation under the existing trilateral arrangement.\nMoscow has not commented publicly on the Turkish proposal so far.";
    let retelling = "Title: Ankara ready to secure the sea\nDate: 2026-01-07\n\nIf peace is agreed, Turkish armed forces stand ready to be responsible for Black Sea security, Turkey's foreign minister declared Wednesday.\nAccording to statements by the ministry, Ankara has declared its readiness from the start of negotiating.\nTurkey possesses naval capability and experience necessary for missions of this kind, the minister stressed.\nMine clearance of shipping lanes comes first, then escorting convoys of merchants.\nBulgaria and Romania join operations within the trilateral arrangements existing already.\nSo far Moscow has made no public comments on the Turkish proposals.";
    let links = links_after_reopening(("story", story), ("retold", retelling));
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(
        (
            links[0].article.as_str(),
            links[0].duplicate_of.as_str(),
            links[0].reason
        ),
        (
            "retold",
            "story",
            Some(guarantor_evidence::LinkReason::SameSentences)
        )
    );
}
