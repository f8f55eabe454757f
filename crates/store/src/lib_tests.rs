use super::*;

/// SQLite's plan for `sql`, one step per line.
fn plan(store: &Store, sql: &str, args: &[&str]) -> Vec<String> {
    let mut stmt = store
        .conn
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap();
    stmt.query_map(rusqlite::params_from_iter(args), |r| r.get::<_, String>(3))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
}

#[test]
fn integrity_looks_up_each_articles_rows_in_an_index() {
    let store = Store::open_in_memory().unwrap();
    let steps = plan(&store, INTEGRITY_SQL, &[]);
    // One pass over the articles; every child count is an index search, never a scan.
    let scans: Vec<&String> = steps.iter().filter(|s| s.starts_with("SCAN")).collect();
    assert_eq!(scans.len(), 1, "{steps:#?}");
    assert!(scans[0].starts_with("SCAN a"), "{steps:#?}");
    for table in ["s", "m", "d"] {
        assert!(
            steps
                .iter()
                .any(|s| s.starts_with(&format!("SEARCH {table} USING COVERING INDEX"))),
            "{table}: {steps:#?}"
        );
    }
}

#[test]
fn filtered_statements_are_found_through_indexes() {
    let store = Store::open_in_memory().unwrap();
    let cases = [
        (
            Some("USA"),
            None,
            &["statements_actor_capability", "statements_attributed_to"][..],
        ),
        (None, Some("ground_troops"), &["statements_capability"][..]),
        (
            Some("USA"),
            Some("ground_troops"),
            &[
                "statements_actor_capability (actor=? AND capability=?)",
                "statements_attributed_to (attributed_to=? AND capability=?)",
            ][..],
        ),
    ];
    for ((actor, capability, indexes), min_probability) in cases
        .into_iter()
        .flat_map(|c| [(c, None), (c, Some(guarantor_evidence::FIRM_PROBABILITY))])
    {
        let filter = StatementFilter {
            actor,
            capability,
            min_probability,
        };
        let (from, args) = source_of(filter);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let steps = plan(
            &store,
            &format!("SELECT {STATEMENT_COLUMNS} FROM {from}"),
            &args,
        );
        assert!(
            steps.iter().all(|s| !s.starts_with("SCAN statements")),
            "{filter:?}: {steps:#?}"
        );
        for index in indexes {
            assert!(
                steps.iter().any(|s| s.contains(index)),
                "{filter:?} should use {index}: {steps:#?}"
            );
        }
    }
}

/// A ledger written before statements kept their probability (schema version 3) opens, gains
/// the column, and reads its statements as the rules' (`probability` None) and its links without
/// a reason.
#[test]
fn a_version_3_ledger_migrates_and_its_statements_read_as_the_rules_and_its_links_without_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.db");
    {
        let conn = Connection::open(&path).unwrap();
        for (i, sql) in migrations::MIGRATIONS[..3].iter().enumerate() {
            conn.execute_batch(sql).unwrap();
            conn.execute_batch(&format!("PRAGMA user_version = {}", i + 1))
                .unwrap();
        }
        conn.execute_batch(
            "INSERT INTO articles (id, content_hash, text, dropped_count, mention_count,
               statement_count, minhash, quotes, words, extractor)
               VALUES ('a', 'h', 'Poland will not send troops.', 0, 0, 1, x'', x'', x'', 'test');
             INSERT INTO statements (id, article, actor, capability, stance, modality, quantity,
               attributed_to, attribution, quote, quote_start, quote_end, date, outlet, sentence)
               VALUES ('a#0.ground_troops', 'a', 'POL', 'ground_troops', 'rules_out', 'asserted',
               NULL, NULL, 'reported', 'Poland will not send troops.', 0, 28, NULL, NULL, 0);
             INSERT INTO duplicates (article, duplicate_of, similarity, kind)
               VALUES ('b', 'a', 0.8, 'rewrite');",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        migrations::MIGRATIONS.len() as i64
    );
    let ledger = store.ledger().unwrap();
    assert_eq!(ledger.statements.len(), 1);
    assert_eq!(ledger.statements[0].id, "a#0.ground_troops");
    assert_eq!(ledger.statements[0].probability, None);
    // Its links gain no reason (schema version 5 records it for new links only).
    assert_eq!(ledger.duplicates.len(), 1);
    assert_eq!(ledger.duplicates[0].reason, None);
    assert_eq!(ledger.duplicates[0].kind, LinkKind::Rewrite);
}
