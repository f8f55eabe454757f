//! `guarantor ingest` on input that used to stall it or lose good articles: a page nested
//! 100,000 levels deep, a `.jsonl` with one bad byte, a gzip-compressed page, impossible dates,
//! a directory that links back to itself, a path that is not there, a directory of other files,
//! and two ingests into one database at once. Bad input
//! exits 2 and names the file, line and value; the good articles around it are stored.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::util::{Output, run_in};

/// The transcript with the scratch directory's path filtered out.
fn transcript(out: &Output, dir: &Path) -> String {
    out.transcript()
        .replace(&dir.display().to_string(), "[TMP]")
}

fn article_line(id: &str, date: &str, text: &str) -> String {
    format!(
        "{{\"id\":\"{id}\",\"url\":null,\"outlet\":\"Test Wire\",\"date\":\"{date}\",\"text\":\"{text}\"}}\n"
    )
}

const CLAIM: &str = "Britain is ready to send trainers to western Ukraine after a ceasefire, Defence Secretary John Healey said on Monday.";

#[test]
fn a_page_nested_100000_levels_deep_is_ingested() {
    let dir = tempfile::tempdir().unwrap();
    let mut html = String::from("<html><head><title>Deep page</title></head><body>");
    html.push_str(&"<div>".repeat(100_000));
    html.push_str(&format!("<p>{CLAIM}</p>"));
    html.push_str(&"</div>".repeat(100_000));
    html.push_str("</body></html>");
    std::fs::write(dir.path().join("deep.html"), html).unwrap();
    let out = run_in(dir.path(), &["ingest", "deep.html"]);
    insta::assert_snapshot!(transcript(&out, dir.path()), @r"
    exit: 0
    --- stdout
    stored    deep  1 statement
    --- stderr
    1 stored, 0 unchanged, 0 failed (database `guarantor.db`)
    ");
}

#[test]
fn a_bad_byte_in_a_jsonl_file_loses_that_line_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut data = Vec::new();
    data.extend_from_slice(article_line("first", "2025-08-18", CLAIM).as_bytes());
    data.extend_from_slice(
        b"{\"id\":\"latin1\",\"url\":null,\"outlet\":\"W\",\"date\":null,\"text\":\"Caf\xe9\"}\n",
    );
    data.extend_from_slice(
        article_line(
            "second",
            "2025-08-19",
            "Poland will not send soldiers to Ukraine, its defence minister said.",
        )
        .as_bytes(),
    );
    data.extend_from_slice(b"{\"id\":\"nul\",\0\"url\":null}\n");
    data.extend_from_slice(
        article_line(
            "third",
            "2025-08-20",
            "France will send hundreds of troops to Ukraine, Macron said.",
        )
        .as_bytes(),
    );
    std::fs::write(dir.path().join("batch.jsonl"), data).unwrap();
    let out = run_in(dir.path(), &["ingest", "batch.jsonl"]);
    insta::assert_snapshot!(transcript(&out, dir.path()), @r"
    exit: 2
    --- stdout
    stored    first  1 statement
    stored    second  1 statement
    stored    third  2 statements
    --- stderr
    error: batch.jsonl: line 2: not valid UTF-8 (first bad byte at column 63)
    error: batch.jsonl: line 4: contains a NUL byte
    3 stored, 0 unchanged, 2 failed (database `guarantor.db`)
    ");
}

#[test]
fn impossible_dates_are_refused_naming_file_line_and_date() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("feb.txt"),
        format!("Title: Trainers\nDate: 2025-02-31\n\n{CLAIM}"),
    )
    .unwrap();
    let lines = [
        article_line("ok", "2025-03-01", CLAIM),
        article_line("far", "9999-01-01", CLAIM),
        article_line("words", "last Tuesday", CLAIM),
        article_line("month", "2025-13", CLAIM),
    ]
    .concat();
    std::fs::write(d.join("dates.jsonl"), lines).unwrap();
    let out = run_in(d, &["ingest", "feb.txt", "dates.jsonl"]);
    insta::assert_snapshot!(transcript(&out, d), @r"
    exit: 2
    --- stdout
    stored    ok  1 statement
    --- stderr
    error: feb.txt: date `2025-02-31` is not on the calendar (February 2025 has 28 days)
    error: dates.jsonl: line 2: date `9999-01-01` is outside the years 1900 to 2100
    error: dates.jsonl: line 3: date `last Tuesday` is not an ISO date (YYYY-MM-DD, or YYYY-MM for a month)
    error: dates.jsonl: line 4: date `2025-13` has no month 13
    1 stored, 0 unchanged, 4 failed (database `guarantor.db`)
    ");
}

/// A scratch directory holding one input file, and what `guarantor ingest FILE` made of it there.
fn ingest_one(file: &str, content: &str) -> (tempfile::TempDir, Output) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(file), content).unwrap();
    let out = run_in(dir.path(), &["ingest", file]);
    (dir, out)
}

#[test]
fn a_corpus_line_dated_by_its_month_is_stored_and_shown_with_its_month() {
    // The corpus format of ANNOTATION.md: `lang`, `licence` and a month when no day is known.
    let line = serde_json::json!({"id": "m1", "url": null, "outlet": "Test Wire", "date": "2025-03",
        "lang": "en", "licence": "CC BY 4.0", "text": CLAIM});
    let (dir, out) = ingest_one("corpus.jsonl", &format!("{line}\n"));
    let d = dir.path();
    assert_eq!(out.code, 0, "{}", transcript(&out, d));
    let out = run_in(d, &["evidence", "--actor", "GBR"]);
    let shown = &out.stdout;
    assert!(
        shown.contains("  2025-03     offers"),
        "the month is the statement's date:\n{shown}"
    );
}

#[test]
fn a_json_array_of_articles_is_read_and_a_bad_element_is_named() {
    let articles = serde_json::json!([
        {"id": "j1", "url": null, "outlet": "Test Wire", "date": "2025-08-18", "text": CLAIM},
        {"id": "j2", "outlet": "Test Wire"}
    ]);
    let (dir, out) = ingest_one("scraped.json", &articles.to_string());
    insta::assert_snapshot!(transcript(&out, dir.path()), @r"
    exit: 2
    --- stdout
    stored    j1  1 statement
    --- stderr
    error: scraped.json: item 2: invalid JSON article: missing field `text`
    1 stored, 0 unchanged, 1 failed (database `guarantor.db`)
    ");
}

#[test]
fn an_article_in_a_language_without_a_lexicon_says_it_was_not_read() {
    let line = serde_json::json!({"id": "cz1", "url": null, "outlet": "Test Wire",
        "date": "2025-03-05", "lang": "cs",
        "text": "Prezident Petr Pavel řekl, že Česko je připraveno vyslat vojáky na Ukrajinu."});
    let (dir, out) = ingest_one("cz.jsonl", &format!("{line}\n"));
    insta::assert_snapshot!(transcript(&out, dir.path()), @r"
    exit: 0
    --- stdout
    stored    cz1  0 statements  (language `cs` not read: the lexicons cover en, uk, ru, de, fr, pl, it, es, nl, pt, ro, tr)
    --- stderr
    1 stored, 0 unchanged, 0 failed (database `guarantor.db`)
    ");
}

/// A news feed is mostly about other things: an article that names neither party to the war is
/// stored and linked, but its troops are no pledge on the guarantee, and the line says why it
/// has no statement. A pledge about Ukraine beside it is read.
#[test]
fn an_article_about_another_war_is_stored_but_not_read_for_statements() {
    let mali = serde_json::json!({"id": "mali", "url": null, "outlet": "Test Wire",
        "date": "2025-03-05", "lang": "en",
        "text": "France is ready to send troops to Mali to monitor a ceasefire, Macron said."});
    let ukraine = serde_json::json!({"id": "ukr", "url": null, "outlet": "Test Wire",
        "date": "2025-08-18", "lang": "en", "text": CLAIM});
    let (dir, out) = ingest_one("feed.jsonl", &format!("{mali}\n{ukraine}\n"));
    insta::assert_snapshot!(transcript(&out, dir.path()), @r"
    exit: 0
    --- stdout
    stored    mali  0 statements  (names neither Ukraine nor Russia: no statement read)
    stored    ukr  1 statement
    --- stderr
    2 stored (1 naming neither Ukraine nor Russia: not read for statements), 0 unchanged, 0 failed (database `guarantor.db`)
    ");
}

/// Without a declared language, a text surely in a language without a lexicon is named and not
/// read (the detector restricted to the twelve would read this Czech as Spanish).
#[test]
fn an_undeclared_article_in_a_language_without_a_lexicon_is_named_and_not_read() {
    let line = serde_json::json!({"id": "cz2", "url": null, "outlet": "Test Wire",
        "date": "2025-03-05",
        "text": "Česká vláda v úterý oznámila, že je připravena vyslat na Ukrajinu vojáky v rámci \
            mnohonárodních sil, pokud bude uzavřeno příměří. Ministr obrany uvedl, že armáda by \
            mohla poskytnout ženisty a odborníky na odminování."});
    let (dir, out) = ingest_one("cz.jsonl", &format!("{line}\n"));
    insta::assert_snapshot!(transcript(&out, dir.path()), @r"
    exit: 0
    --- stdout
    stored    cz2  0 statements  (language `Czech` not read: the lexicons cover en, uk, ru, de, fr, pl, it, es, nl, pt, ro, tr)
    --- stderr
    1 stored, 0 unchanged, 0 failed (database `guarantor.db`)
    ");
}

/// An annotated corpus (ANNOTATION.md) keeps its gold lines beside the articles: given the
/// directory, ingest stores the articles and passes over the gold with one note per file.
#[test]
fn an_annotated_corpus_directory_stores_its_articles_and_skips_its_gold_lines() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let article = serde_json::json!({"id": "a1", "url": null, "outlet": "Test Wire",
        "date": "2025-08-18", "lang": "en", "text": CLAIM});
    let gold = |id: &str| {
        serde_json::json!({"id": id, "entities": [], "near_duplicate_of": null,
            "statements": [{"actor": "GBR", "target": "ground_troops", "stance": "offers"}]})
    };
    std::fs::write(corpus.join("articles-a.jsonl"), format!("{article}\n")).unwrap();
    std::fs::write(
        corpus.join("gold-a.jsonl"),
        format!("{}\n{}\n", gold("a1"), gold("a2")),
    )
    .unwrap();
    let out = run_in(dir.path(), &["ingest", "corpus"]);
    insta::assert_snapshot!(transcript(&out, dir.path()), @r"
    exit: 0
    --- stdout
    stored    a1  1 statement
    --- stderr
    note: corpus/gold-a.jsonl: 2 annotation lines skipped (ANNOTATION.md's gold: `statements` without `text`)
    1 stored, 0 unchanged, 0 failed, 2 annotation lines skipped (database `guarantor.db`)
    ");
    let json = run_in(dir.path(), &["ingest", "corpus", "--json"]).json();
    assert_eq!(json["annotation_lines_skipped"], 2);
    assert_eq!(json["unchanged"], 1);
    assert_eq!(json["failed"], 0);
}

#[test]
fn a_gzip_compressed_page_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let html = format!(
        "<html><head><title>Trainers for Ukraine</title><meta property=\"article:published_time\" content=\"2025-08-18T09:00:00Z\"></head><body><article><p>{CLAIM}</p><p>The plan would keep British personnel far from the front line, officials said.</p></article></body></html>"
    );
    std::fs::write(dir.path().join("page.html.gz"), gzip(html.as_bytes())).unwrap();
    std::fs::write(dir.path().join("broken.html.gz"), html).unwrap();
    let out = run_in(
        dir.path(),
        &["ingest", "page.html.gz", "broken.html.gz", "--json"],
    );
    assert_eq!(out.code, 2, "{}", out.transcript());
    let report = out.json();
    assert_eq!(report["articles"][0]["id"], "page");
    assert_eq!(report["articles"][0]["status"], "stored");
    assert_eq!(report["articles"][1]["status"], "failed");
    assert_eq!(
        out.stderr.lines().next().unwrap(),
        "error: broken.html.gz: cannot decompress: invalid gzip header"
    );
    let evidence = run_in(dir.path(), &["evidence", "--actor", "GBR", "--json"]);
    let statements = evidence.json()["statements"].as_array().unwrap().clone();
    assert_eq!(statements.len(), 1, "{}", evidence.stdout);
    assert_eq!(statements[0]["date"], "2025-08-18");
}

#[test]
fn pages_in_legacy_encodings_are_read_as_a_browser_reads_them() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A Russian page served in windows-1251 and declaring it.
    let ru = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"><title>Лавров о войсках</title></head><body><article><p>Министр иностранных дел России Сергей Лавров заявил, что Россия не примет размещение иностранных войск на Украине.</p><p>По его словам, такие планы только затянут конфликт.</p></article></body></html>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(ru);
    std::fs::write(d.join("lavrov.html"), &bytes).unwrap();
    // The same bytes as a text file: a bare text declares nothing, so it must be UTF-8.
    std::fs::write(d.join("lavrov.txt"), &bytes).unwrap();
    // A German page in ISO-8859-1 that declares nothing, compressed.
    let de = "<html><head><title>Wadephul: keine Soldaten</title></head><body><article><p>Die Bundesregierung schließt die Entsendung deutscher Soldaten in die Ukraine aus, sagte Außenminister Johann Wadephul am Dienstag in Berlin.</p><p>Deutschland werde die Ukraine aber weiter mit Waffen und Ausbildung unterstützen, fügte er hinzu. Über Sicherheitsgarantien werde in den nächsten Wochen gesprochen.</p></article></body></html>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(de);
    std::fs::write(d.join("wadephul.html.gz"), gzip(&bytes)).unwrap();
    let out = run_in(
        d,
        &["ingest", "lavrov.html", "lavrov.txt", "wadephul.html.gz"],
    );
    insta::assert_snapshot!(transcript(&out, d), @r"
    exit: 2
    --- stdout
    stored    lavrov  3 statements
    stored    wadephul  3 statements
    --- stderr
    error: lavrov.txt: file is not valid UTF-8 (first bad byte at offset 93); save a text file as UTF-8 (a web page in another encoding is read from its .html file)
    2 stored, 0 unchanged, 1 failed (database `guarantor.db`)
    ");
    let evidence = run_in(d, &["evidence", "--json"]);
    let quotes: Vec<String> = evidence.json()["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["quote"].as_str().unwrap().to_string())
        .collect();
    assert!(
        quotes
            .iter()
            .any(|q| q.contains("Россия не примет размещение иностранных войск")),
        "{quotes:?}"
    );
    assert!(
        quotes
            .iter()
            .any(|q| q.contains("schließt die Entsendung deutscher Soldaten")),
        "{quotes:?}"
    );
}

/// `bytes` compressed by the system's `gzip` (the test binary does not link a compressor).
fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut child = Command::new("gzip")
        .arg("-c")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("gzip is installed");
    child.stdin.take().expect("piped").write_all(bytes).unwrap();
    child.wait_with_output().unwrap().stdout
}

#[cfg(unix)]
#[test]
fn a_directory_linking_back_to_itself_is_walked_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("news/inner")).unwrap();
    std::fs::write(
        d.join("news/inner/a.txt"),
        format!("Title: Trainers\nDate: 2025-08-18\n\n{CLAIM}"),
    )
    .unwrap();
    // news/inner/loop → news: following it naively never ends.
    std::os::unix::fs::symlink(d.join("news"), d.join("news/inner/loop")).unwrap();
    std::os::unix::fs::symlink(d.join("news/inner"), d.join("news/again")).unwrap();
    let out = run_in(d, &["ingest", "news"]);
    insta::assert_snapshot!(transcript(&out, d), @r"
    exit: 0
    --- stdout
    stored    a  1 statement
    --- stderr
    1 stored, 0 unchanged, 0 failed (database `guarantor.db`)
    ");
}

#[test]
fn a_path_that_is_not_there_is_named_and_no_database_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = run_in(d, &["ingest", "nopages", "--db", "l.db"]);
    insta::assert_snapshot!(transcript(&out, d), @r"
    exit: 2
    --- stdout
    --- stderr
    error: `nopages`: no such file or directory
    ");
    assert!(!d.join("l.db").exists(), "a typo creates no database");
}

#[test]
fn a_directory_without_article_files_says_so_and_other_files_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("tables")).unwrap();
    std::fs::write(d.join("tables/troops.csv"), "country,troops\nFrance,7500\n").unwrap();
    let out = run_in(d, &["ingest", "tables", "--db", "l.db"]);
    insta::assert_snapshot!(transcript(&out, d), @r"
    exit: 2
    --- stdout
    --- stderr
    error: tables: no article files in this directory (expected .txt, .html, .htm, .html.gz, .jsonl or .json)
    0 stored, 0 unchanged, 1 failed, skipped 1 file of another type (database `l.db`)
    ");
    std::fs::create_dir_all(d.join("mixed")).unwrap();
    std::fs::write(d.join("mixed/troops.csv"), "country,troops\n").unwrap();
    // A corpus's README and licence are not counted as skipped.
    std::fs::write(d.join("mixed/README.md"), "# Articles\n").unwrap();
    std::fs::write(d.join("mixed/LICENSE"), "CC BY 4.0\n").unwrap();
    std::fs::write(
        d.join("mixed/a.txt"),
        format!("Date: 2025-08-18\n\n{CLAIM}"),
    )
    .unwrap();
    let out = run_in(d, &["ingest", "mixed", "--db", "l.db"]);
    insta::assert_snapshot!(transcript(&out, d), @r"
    exit: 0
    --- stdout
    stored    a  1 statement
    --- stderr
    1 stored, 0 unchanged, 0 failed, skipped 1 file of another type (database `l.db`)
    ");
    // Nor is a ledger kept among the articles, with its journal, on the second run.
    for _ in 0..2 {
        let out = run_in(d, &["ingest", "mixed", "--db", "mixed/l.db"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(
            out.stderr.contains("skipped 1 file of another type"),
            "{}",
            out.stderr
        );
    }
    std::fs::write(d.join("mixed/l.db-wal"), "").unwrap();
    let out = run_in(d, &["ingest", "mixed", "--db", "mixed/l.db"]);
    assert!(
        out.stderr.contains("skipped 1 file of another type"),
        "{}",
        out.stderr
    );
}

/// Two `guarantor ingest` processes on one database at once, on the same articles: both finish
/// with exit 0, each article is stored once, and no "different content" error appears.
#[test]
fn two_ingests_into_one_database_at_once_both_finish() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let capitals = ["Washington", "London", "Paris", "Berlin", "Warsaw", "Rome"];
    let mut lines = String::new();
    for i in 0..300 {
        let c = capitals[i % capitals.len()];
        lines.push_str(&article_line(
            &format!("g{i}"),
            &format!("2025-08-{:02}", i % 28 + 1),
            &format!(
                "{c} is ready to provide air defence to Ukraine, officials said in report {i}. Talks on item {} continue with {} delegations.",
                i * 7 % 101,
                i % 17 + 2
            ),
        ));
    }
    std::fs::write(d.join("batch.jsonl"), lines).unwrap();
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_guarantor"))
            .args(["ingest", "batch.jsonl", "--json"])
            .current_dir(d)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    let mut stored = 0;
    for out in [&a, &b] {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        assert!(!stderr.contains("error"), "{stderr}");
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            report["stored"].as_u64().unwrap() + report["unchanged"].as_u64().unwrap(),
            300
        );
        stored += report["stored"].as_u64().unwrap();
    }
    assert_eq!(stored, 300, "each article stored by exactly one process");
    let check = run_in(d, &["evidence", "--json"]);
    assert_eq!(check.code, 0);
}
