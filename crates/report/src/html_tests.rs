use super::*;

#[test]
fn addresses_become_links_and_nothing_else() {
    assert_eq!(
        pieces("Reuters, 5 Jan (https://example.org/a?b=1), A."),
        vec![
            Piece::Text("Reuters, 5 Jan ("),
            Piece::Link("https://example.org/a?b=1"),
            Piece::Text("), A."),
        ]
    );
    assert_eq!(
        pieces("javascript:alert(1)"),
        vec![Piece::Text("javascript:alert(1)")]
    );
    assert_eq!(
        pieces("see http:// nothing"),
        vec![
            Piece::Text("see "),
            Piece::Text("http://"),
            Piece::Text(" nothing")
        ]
    );
}

#[test]
fn a_link_cannot_break_out_of_its_attribute() {
    let html = linked("https://x.org/\"onmouseover=alert(1) <b>").into_string();
    assert_eq!(
        html,
        "<a href=\"https://x.org/\" rel=\"noreferrer noopener\">https://x.org/</a>&quot;onmouseover=alert(1) &lt;b&gt;"
    );
}

#[test]
fn the_csp_hash_is_base64_of_sha256() {
    // RFC 4648 §10 test vectors, and SHA-256 of the empty string.
    for (bytes, text) in [
        (&b""[..], ""),
        (b"f", "Zg=="),
        (b"fo", "Zm8="),
        (b"foo", "Zm9v"),
        (b"foob", "Zm9vYg=="),
        (b"fooba", "Zm9vYmE="),
        (b"foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(base64(bytes), text);
    }
    assert_eq!(
        base64(&Sha256::digest(b"")),
        "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
    );
    assert!(download_script_hash().starts_with("'sha256-"));
}

mod page_tests {
    use super::*;
    use proptest::prelude::*;

    const AUGUST: &str = include_str!("../../../scenarios/ukraine-2025-08.toml");

    fn scenario(text: &str) -> Scenario {
        guarantor_model::load(text)
            .scenario
            .expect("scenario loads")
    }

    fn page(s: &Scenario) -> String {
        let a = guarantor_engine::assess(s);
        let usa = ["USA".to_string()];
        let w = guarantor_engine::assess_without(s, &usa).expect("USA present");
        let weights = guarantor_credibility::Weights::default();
        let c = guarantor_credibility::evaluate_without(s, &[], &weights).expect("credibility");
        let cw = guarantor_credibility::evaluate_without(s, &usa, &weights).expect("credibility");
        let refs = guarantor_credibility::evaluate_references(&weights).expect("references load");
        render(&Report {
            scenario: s,
            assessment: &a,
            without: Some(Without {
                code: "USA",
                assessment: &w,
            }),
            generator: "guarantor test",
            credibility: Some(CredibilitySection {
                package: &c,
                without: Some(&cw),
                references: &refs,
            }),
            robustness: None,
            allocation: None,
            timeline: None,
            sequence: None,
        })
    }

    #[test]
    fn the_august_report_has_both_charts_every_table_and_every_source() {
        let s = scenario(AUGUST);
        let html = page(&s);
        // Coverage per capability, per layer, and credibility against the references.
        assert_eq!(html.matches("<svg").count(), 3);
        assert!(html.contains("Against the reference arrangements"));
        for name in [
            "US-Korea alliance with USFK",
            "Budapest Memorandum (1994)",
            "this package without United States",
        ] {
            assert!(html.contains(name), "{name}");
        }
        for id in [
            "findings",
            "coverage-capability",
            "coverage-layer",
            "gaps",
            "requirements",
            "contributors",
            "red-lines",
            "lapsed",
            "credibility",
            "sources",
        ] {
            assert!(html.contains(&format!("id=\"{id}\"")), "section {id}");
        }
        assert!(html.contains("gap without United States"));
        let listed = html
            .split("id=\"sources\"")
            .nth(1)
            .expect("a sources section");
        assert_eq!(
            listed.matches("<li>").count(),
            sources(&s).len(),
            "one list item per source"
        );
        // Every section the contents list links to is on the page.
        let nav = html
            .split("<nav")
            .nth(1)
            .and_then(|n| n.split("</nav>").next())
            .expect("a contents list");
        for href in nav.split("href=\"#").skip(1) {
            let id = href.split('"').next().unwrap_or_default();
            assert!(
                html.contains(&format!("id=\"{id}\"")),
                "contents link #{id}"
            );
        }
        // One script, the chart downloads, allowed by its hash and by nothing else.
        let script = format!("<script>{DOWNLOAD_JS}</script>");
        assert_eq!(html.matches("<script").count(), 1, "one script element");
        assert!(html.contains(&script), "the download script, unchanged");
        assert!(html.contains(&format!(
            "content=\"default-src 'none'; script-src {}; style-src",
            download_script_hash()
        )));
        // Each chart has its two download buttons, named after the chart.
        for file in [
            "coverage-by-capability",
            "coverage-by-layer",
            "credibility-against-references",
        ] {
            assert!(
                html.contains(&format!(
                    "<figure class=\"chartfig\" data-chart=\"{file}\"><svg"
                )),
                "{file}"
            );
        }
        assert_eq!(
            html.matches("data-download=\"svg\"").count(),
            html.matches("<svg").count()
        );
        assert_eq!(
            html.matches("data-download=\"png\"").count(),
            html.matches("<svg").count()
        );
        // Nothing to fetch at view time: no other script, no external style, font or image.
        let rest = html.replacen(&script, "", 1);
        for needle in ["<script", "<link", "src=", "@import", "url("] {
            assert!(!rest.contains(needle), "{needle}");
        }
        assert_eq!(html, page(&s), "same inputs, same bytes");
    }

    #[test]
    fn every_source_of_the_august_scenario_is_listed_once_with_what_cites_it() {
        let s = scenario(AUGUST);
        let list = sources(&s);
        for p in &s.pledges {
            for src in &p.sources {
                let found: Vec<&SourceUse> = list.iter().filter(|u| u.text == src.trim()).collect();
                assert_eq!(found.len(), 1, "{src}");
                let by = format!("pledge: {}", Names::new(&s).pledge(&p.id));
                assert!(found[0].cited_by.contains(&by), "{by}");
            }
        }
        for r in &s.red_lines {
            assert!(list.iter().any(|u| u.text == r.source.trim()));
        }
        let mut texts: Vec<&str> = list.iter().map(|u| u.text.as_str()).collect();
        texts.sort_unstable();
        texts.dedup();
        assert_eq!(texts.len(), list.len(), "no source twice");
    }

    /// The text a reader sees: tags, styles and the SVG's hidden parts taken out, entities
    /// decoded (the few maud writes).
    fn visible_text(html: &str) -> String {
        let mut out = String::new();
        let mut rest = html;
        if let Some(end) = rest.find("</style>") {
            rest = &rest[end + "</style>".len()..];
        }
        let without_script = rest.replacen(&format!("<script>{DOWNLOAD_JS}</script>"), "", 1);
        let rest = without_script.as_str();
        let mut in_tag = false;
        for ch in rest.chars() {
            match ch {
                '<' => in_tag = true,
                '>' if in_tag => {
                    in_tag = false;
                    out.push(' ');
                }
                _ if !in_tag => out.push(ch),
                _ => {}
            }
        }
        out.replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    /// What a briefing cannot carry: an identifier of the scenario or taxonomy where a name
    /// belongs, Markdown marks, or a path of the project's research notes.
    fn unreadable(s: &Scenario, text: &str) -> Vec<String> {
        let mut found = Vec::new();
        let words: Vec<&str> = text
            .split(|c: char| {
                c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | ':' | '.' | '`')
            })
            .collect();
        for c in s.taxonomy.capabilities() {
            // A one-word id (`naval`, `sanctions`) is also an English word and may stand in prose;
            // an id with an underscore is never a word.
            if c.name.contains('_') && words.contains(&c.name.as_str()) {
                found.push(format!("capability id {}", c.name));
            }
        }
        for p in &s.pledges {
            if words.contains(&p.id.as_str()) {
                found.push(format!("pledge id {}", p.id));
            }
        }
        for needle in ["`", "seed-", "shared/", "/work/", "DOMAIN"] {
            if text.contains(needle) {
                found.push(format!("{needle:?}"));
            }
        }
        found
    }

    #[test]
    fn the_visible_text_has_no_raw_id_no_backtick_and_no_outside_path() {
        for text in [
            AUGUST,
            include_str!("../../../scenarios/ukraine-2025-01.toml"),
        ] {
            let s = scenario(text);
            let visible = visible_text(&page(&s));
            assert!(visible.contains("Key findings"));
            let found = unreadable(&s, &visible);
            assert!(found.is_empty(), "{}: {found:?}", s.meta.id);
        }
        // The check sees what it is for: the identifiers the report used to print.
        let s = scenario(AUGUST);
        assert_eq!(
            unreadable(&s, "crossed by `gbr-troops` (500); ground_troops; seed-004"),
            vec![
                "capability id ground_troops",
                "pledge id gbr-troops",
                "\"`\"",
                "\"seed-\""
            ]
        );
    }

    #[test]
    fn markup_in_a_scenario_is_escaped_in_the_report() {
        let hostile = AUGUST
        .replacen(
            r#"name = "Ukraine security guarantee, August 2025""#,
            r#"name = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'"#,
            1,
        )
        .replacen(
            r#"name = "United States""#,
            r#"name = '"><img src=x onerror=window.__pwned=3>'"#,
            1,
        )
        .replacen(
            r#"source = "M10News, ~19 Aug 2025 / 24brussels, 19-20 Aug 2025: Moscow"#,
            r#"source = "<script>x</script> https://evil.example/\"onmouseover=alert(1) javascript:alert(1) M10News, ~19 Aug 2025 / 24brussels, 19-20 Aug 2025: Moscow"#,
            1,
        );
        assert_ne!(hostile, AUGUST);
        let html = page(&scenario(&hostile));
        let html = html.replacen(&format!("<script>{DOWNLOAD_JS}</script>"), "", 1);
        assert!(!html.contains("<script"), "a script element got through");
        assert!(!html.contains("<img"), "an image element got through");
        assert!(!html.contains("href=\"javascript"));
        assert!(html.contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;"));
        assert!(html.contains(
        "<a href=\"https://evil.example/\" rel=\"noreferrer noopener\">https://evil.example/</a>&quot;onmouseover=alert(1)"
    ));
        assert!(html.contains("Content-Security-Policy"));
    }

    proptest! {
        /// Law: splitting a text into pieces loses and adds nothing, and every link is an
        /// http(s) address with no space, quote or angle bracket.
        #[test]
        fn pieces_put_back_together_give_the_text(text in "[ -~]{0,60}(https?://[a-z./\"<> ]{0,12})?[ -~]{0,20}") {
            let joined: String = pieces(&text)
                .iter()
                .map(|p| match p { Piece::Text(t) | Piece::Link(t) => *t })
                .collect();
            prop_assert_eq!(&joined, &text);
            for p in pieces(&text) {
                if let Piece::Link(url) = p {
                    prop_assert!(url.starts_with("http://") || url.starts_with("https://"));
                    prop_assert!(!url.contains([' ', '"', '<', '>']));
                }
            }
        }
    }
}
