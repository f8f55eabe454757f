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
    for (actor, capability, indexes) in cases {
        let filter = StatementFilter { actor, capability };
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
