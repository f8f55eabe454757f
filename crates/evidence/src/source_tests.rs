//! Tests of the source stage (a child module of `source.rs`).

use super::*;

#[test]
fn text_header_and_first_line_title() {
    let a = parse_text(
        "x",
        "Title: T\nOutlet: O\nDate: 2025-08-18T10:00Z\n\nBody line.",
    );
    assert_eq!(a.title.as_deref(), Some("T"));
    assert_eq!(a.outlet.as_deref(), Some("O"));
    assert_eq!(a.date.as_deref(), Some("2025-08-18"));
    assert_eq!(a.body, Body::Text("Body line.".into()));
    let b = parse_text("y", "Just a headline\nThe body.");
    assert_eq!(b.title.as_deref(), Some("Just a headline"));
    assert_eq!(b.body, Body::Text("The body.".into()));
}

#[test]
fn bad_bytes_are_named() {
    assert!(matches!(decode(b""), Err(EvidenceError::Empty)));
    assert!(matches!(decode(b"  \n"), Err(EvidenceError::Empty)));
    assert!(matches!(decode(b"ab\0cd"), Err(EvidenceError::Binary)));
    assert!(matches!(
        decode(b"ok \xff\xfe"),
        Err(EvidenceError::InvalidUtf8 { offset: 3 })
    ));
    let big = vec![b'a'; (MAX_FILE_BYTES + 1) as usize];
    assert!(matches!(decode(&big), Err(EvidenceError::TooLarge { .. })));
}

#[test]
fn jsonl_lines_fail_one_by_one() {
    let data = b"{\"id\":\"a\",\"url\":null,\"outlet\":\"X\",\"date\":null,\"text\":\"Hello.\",\"extra\":1}\nnot json\n\n{\"id\":7,\"url\":\"u\",\"outlet\":null,\"date\":\"2025-01-15\",\"text\":\"<p>Hi</p>\"}\n";
    let out = parse_file(Format::JsonLines, "f", data).unwrap();
    assert_eq!(out.len(), 3);
    assert_eq!(out[0].as_ref().unwrap().id, "a");
    let err = out[1].as_ref().unwrap_err().to_string();
    assert!(err.starts_with("line 2: "), "{err}");
    let third = out[2].as_ref().unwrap();
    assert_eq!(third.id, "7");
    assert!(matches!(third.body, Body::Html(_)));
    assert_eq!(third.date.as_deref(), Some("2025-01-15"));
}

#[test]
fn dates_are_checked_against_the_calendar() {
    let refused = |d: &str| parse_date(d).unwrap_err().to_string();
    assert_eq!(
        refused("2025-02-31"),
        "date `2025-02-31` is not on the calendar (February 2025 has 28 days)"
    );
    assert_eq!(
        refused("9999-01-01"),
        "date `9999-01-01` is outside the years 1900 to 2100"
    );
    assert_eq!(refused("2025-13-01"), "date `2025-13-01` has no month 13");
    assert_eq!(
        refused("Jan 5"),
        "date `Jan 5` is not an ISO date (YYYY-MM-DD, or YYYY-MM for a month)"
    );
    assert_eq!(
        refused("2025-01-050"),
        "date `2025-01-050` is not an ISO date (YYYY-MM-DD, or YYYY-MM for a month)"
    );
    assert_eq!(
        parse_date("2024-02-29").unwrap().as_deref(),
        Some("2024-02-29")
    );
    assert!(
        parse_date("2100-02-29").is_err(),
        "1900 and 2100 are not leap years"
    );
    assert_eq!(
        parse_date(" 2025-08-18T10:00:00Z ").unwrap().as_deref(),
        Some("2025-08-18")
    );
    assert_eq!(parse_date("  ").unwrap(), None);
}

#[test]
fn a_json_file_holds_an_article_or_an_array_and_a_bad_element_loses_itself_only() {
    let parse = |text: &str| parse_file(Format::Json, "f", text.as_bytes());
    let array = r#"[{"id": "a", "url": null, "outlet": "X", "date": "2025-08", "text": "One."},
        {"id": "b", "url": null},
        7,
        {"id": 3, "url": "u", "outlet": null, "date": null, "text": "<p>Three.</p>"}]"#;
    let items = parse(array).unwrap();
    assert_eq!(items.len(), 4);
    assert_eq!(items[0].as_ref().unwrap().date.as_deref(), Some("2025-08"));
    assert_eq!(
        items[1].as_ref().unwrap_err().to_string(),
        "item 2: invalid JSON article: missing field `text`"
    );
    assert_eq!(
        items[2].as_ref().unwrap_err().to_string(),
        "item 3: invalid JSON article: invalid type: integer `7`, expected an article object"
    );
    assert!(matches!(items[3].as_ref().unwrap().body, Body::Html(_)));
    let one = parse(r#"{"id": "s", "url": null, "outlet": null, "date": null, "text": "Hi."}"#);
    assert_eq!(one.unwrap()[0].as_ref().unwrap().id, "s");
    let refused = |text: &str| parse(text).unwrap_err().to_string();
    assert_eq!(
        refused("42"),
        "invalid JSON article: a .json file holds an article object or an array of them"
    );
    assert_eq!(refused("[]"), "file is empty");
    assert_eq!(
        refused("[{\"id\": 1,"),
        "invalid JSON article: EOF while parsing a value at line 1 column 10"
    );
    assert_eq!(Format::from_path("a/b.JSON"), Some(Format::Json));
}

#[test]
fn a_month_is_a_date_as_annotation_md_writes_it() {
    assert_eq!(parse_date("2025-03").unwrap().as_deref(), Some("2025-03"));
    let refused = |d: &str| parse_date(d).unwrap_err().to_string();
    assert_eq!(refused("2025-13"), "date `2025-13` has no month 13");
    assert_eq!(refused("2025-00"), "date `2025-00` has no month 0");
    assert_eq!(
        refused("9999-01"),
        "date `9999-01` is outside the years 1900 to 2100"
    );
    assert_eq!(
        refused("2025-3"),
        "date `2025-3` is not an ISO date (YYYY-MM-DD, or YYYY-MM for a month)"
    );
    // A line of the corpus format (ANNOTATION.md) with a month date is stored, not refused.
    let line = r#"{"id": "m1", "url": null, "outlet": "X", "date": "2025-03", "lang": "en", "licence": "CC BY 4.0", "text": "Body."}"#;
    assert_eq!(
        parse_json_line(line).unwrap().date.as_deref(),
        Some("2025-03")
    );
}

#[test]
fn impossible_dates_are_refused_in_files() {
    let err = parse_file(Format::Text, "a", b"Title: T\nDate: 2025-02-31\n\nBody.")
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "date `2025-02-31` is not on the calendar (February 2025 has 28 days)"
    );
    let out = parse_file(
        Format::JsonLines,
        "f",
        b"{\"id\":\"a\",\"url\":null,\"outlet\":null,\"date\":\"9999-12-31\",\"text\":\"Hi.\"}\n{\"id\":\"b\",\"url\":null,\"outlet\":null,\"date\":\"2025-03-01\",\"text\":\"Hi.\"}",
    )
    .unwrap();
    assert_eq!(
        out[0].as_ref().unwrap_err().to_string(),
        "line 1: date `9999-12-31` is outside the years 1900 to 2100"
    );
    assert_eq!(out[1].as_ref().unwrap().date.as_deref(), Some("2025-03-01"));
    // A page's own metadata is not the user's input: its impossible date is left out.
    let page = parse_html(
        "p",
        r#"<html><head><meta property="article:published_time" content="2025-02-30T10:00:00Z"><title>T</title></head><body><p>x</p></body></html>"#,
    );
    assert_eq!(page.date, None);
}

#[test]
fn a_bad_byte_in_jsonl_loses_its_line_only() {
    let good = |id: &str| {
        format!("{{\"id\":\"{id}\",\"url\":null,\"outlet\":null,\"date\":null,\"text\":\"Fine.\"}}")
    };
    let mut data = Vec::new();
    data.extend_from_slice(good("a").as_bytes());
    data.extend_from_slice(
        b"\n{\"id\":\"b\",\"url\":null,\"outlet\":null,\"date\":null,\"text\":\"Caf\xe9\"}\n",
    );
    data.extend_from_slice(good("c").as_bytes());
    data.extend_from_slice(
        b"\n{\"id\":\"d\",\"url\":null,\0\"outlet\":null,\"date\":null,\"text\":\"x\"}\r\n",
    );
    data.extend_from_slice(good("e").as_bytes());
    let out = parse_file(Format::JsonLines, "f", &data).unwrap();
    let shown: Vec<String> = out
        .iter()
        .map(|r| match r {
            Ok(a) => format!("ok {}", a.id),
            Err(e) => e.to_string(),
        })
        .collect();
    assert_eq!(
        shown,
        [
            "ok a",
            "line 2: not valid UTF-8 (first bad byte at column 59)",
            "ok c",
            "line 4: contains a NUL byte",
            "ok e",
        ]
    );
}

#[test]
fn gzip_pages_are_read() {
    use std::io::Write;
    let html = "<html><head><title>Packed</title></head><body><article><p>A compressed page about the coalition.</p></article></body></html>";
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(html.as_bytes()).unwrap();
    let bytes = gz.finish().unwrap();
    assert_eq!(Format::from_path("a/page.HTML.gz"), Some(Format::HtmlGzip));
    assert_eq!(Format::stem("a/page.html.gz"), Some("a/page"));
    assert_eq!(Format::from_path("a/data.tar.gz"), None);
    let out = parse_file(Format::HtmlGzip, "page", &bytes).unwrap();
    let a = out[0].as_ref().unwrap();
    assert_eq!(a.title.as_deref(), Some("Packed"));
    assert!(matches!(&a.body, Body::Page { html: h, main_text }
        if h == html && main_text.contains("compressed page")));
    assert!(matches!(
        parse_file(Format::HtmlGzip, "page", html.as_bytes()),
        Err(EvidenceError::Gzip(_))
    ));
}

#[test]
fn whole_and_streaming_gunzip_agree() {
    use std::io::Write;
    let member = |text: &[u8]| {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(text).unwrap();
        gz.finish().unwrap()
    };
    let page = b"<p>The coalition met again.</p>".repeat(50);
    let one = member(&page);
    let cat = |a: &[u8], b: &[u8]| [a, b].concat();
    let mut bad_crc = one.clone();
    let at = bad_crc.len() - 8;
    bad_crc[at] ^= 1;
    let mut short_stated = one.clone();
    let at = short_stated.len() - 4;
    short_stated[at] -= 1;
    let mut header_crc = one.clone();
    header_crc[3] |= 0x02;
    let cases = [
        one.clone(),
        member(b""),
        cat(&one, &member(b"second")),
        cat(&member(b"first"), &one),
        cat(&one, b"trailing bytes"),
        one[..one.len() / 2].to_vec(),
        bad_crc,
        short_stated,
        header_crc,
        b"not gzip at all, long enough".to_vec(),
    ];
    for (i, bytes) in cases.iter().enumerate() {
        assert_eq!(
            format!("{:?}", gunzip(bytes)),
            format!("{:?}", gunzip_streaming(bytes)),
            "case {i}"
        );
    }
    assert!(
        gunzip_whole(&one).is_some(),
        "a plain page takes the fast path"
    );
}

#[test]
fn hash_changes_with_content_only() {
    let a = parse_text("x", "Title\nBody.");
    assert_eq!(
        a.content_hash(),
        parse_text("x", "Title\nBody.").content_hash()
    );
    assert_ne!(
        a.content_hash(),
        parse_text("x", "Title\nBody!").content_hash()
    );
}

#[test]
fn a_page_hashes_as_its_html_did() {
    // The hash ledgers stored before pages were read in one parse (`Body::Page`), computed
    // apart with Python's hashlib over id, metadata and "html:" + the page.
    let page = RawArticle {
        id: "p".into(),
        url: None,
        outlet: None,
        date: None,
        title: Some("T".into()),
        lang: None,
        body: Body::Page {
            html: "<p>x</p>".into(),
            main_text: "x".into(),
        },
    };
    let stored = "90c38093e564ffbec6c08904fcdfe2c6c8001c1403d91be50427d4e20036cb33";
    assert_eq!(page.content_hash(), stored);
    let markup = RawArticle {
        body: Body::Html("<p>x</p>".into()),
        ..page
    };
    assert_eq!(markup.content_hash(), stored);
}

#[test]
fn an_annotation_line_is_told_from_a_bad_article() {
    // ANNOTATION.md's gold line: the article's id, its entities and statements, no text.
    let gold = r#"{"id": "a1", "entities": [], "statements": [{"actor": "GBR", "target": "ground_troops", "stance": "offers"}], "near_duplicate_of": null}"#;
    let article =
        r#"{"id": "a1", "url": null, "outlet": "X", "date": "2025-08-18", "text": "One."}"#;
    let file = format!("{article}\n{gold}\n{{\"id\": \"b\", \"url\": null}}\n");
    let lines = parse_file(Format::JsonLines, "f", file.as_bytes()).unwrap();
    assert_eq!(lines[0].as_ref().unwrap().id, "a1");
    let err = lines[1].as_ref().unwrap_err();
    assert!(err.is_annotation_line());
    assert_eq!(
        err.to_string(),
        "line 2: an annotation line (`statements` without `text`), not an article"
    );
    let err = lines[2].as_ref().unwrap_err();
    assert!(!err.is_annotation_line(), "no statements: a bad article");
    assert_eq!(
        err.to_string(),
        "line 3: invalid JSON article: missing field `text` at line 1 column 24"
    );
    let items = parse_file(Format::Json, "f", format!("[{article}, {gold}]").as_bytes()).unwrap();
    assert!(items[1].as_ref().unwrap_err().is_annotation_line());
}
