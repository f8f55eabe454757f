//! Clean stage: main-content extraction for HTML (dom_smoothie, a port of Mozilla Readability)
//! and a line classifier that drops boilerplate from plain text and from the extracted HTML text
//! (headline lists, menus, share and copyright lines, bylines without content, repeated titles).
//!
//! Input is a [`RawArticle`]; output is the article's text, one paragraph per line, plus the
//! dropped lines with their reason. Scripts in HTML are never run: the extractor parses the
//! markup and keeps text only. Before parsing, one linear pass ([`prepare_html`]) drops scripts,
//! styles and comments and unwraps elements nested deeper than [`MAX_HTML_DEPTH`], so no page
//! costs more than linear time however it is nested. This stage does not judge relevance or
//! split sentences.

use std::collections::HashMap;

use dom_smoothie::{Config, Readability, TextMode};
use serde::Serialize;

use crate::lexicon::BoilerplateLexicon;
use crate::source::{Body, RawArticle};
use crate::text::PhraseMatcher;

/// Why a line was dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DropReason {
    HeadlineList,
    Menu,
    Share,
    Copyright,
    Byline,
    RepeatedTitle,
}

/// A dropped line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dropped {
    pub line: String,
    pub reason: DropReason,
}

/// The clean stage's output.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cleaned {
    /// Kept lines joined by `\n`.
    pub text: String,
    pub dropped: Vec<Dropped>,
}

/// Metadata read from an HTML page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlMeta {
    pub title: String,
    pub site_name: Option<String>,
    pub published_time: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
}

/// Reads title, site name, date, canonical URL and language from a page.
///
/// Only the metadata part of the page is parsed (the head, and metadata tags and JSON-LD blocks
/// wherever they stand; see [`prepare_html`]), so this costs a fraction of [`extract_html`].
pub fn html_metadata(html: &str) -> HtmlMeta {
    let head = prepare_html(html, Keep::Head);
    let Ok(r) = Readability::new(head.as_str(), None, None) else {
        return HtmlMeta::default();
    };
    let json_ld = r.parse_json_ld();
    let m = r.get_article_metadata(json_ld);
    HtmlMeta {
        title: m.title,
        site_name: m.site_name,
        published_time: m.published_time,
        url: m.url,
        lang: m.lang,
    }
}

/// Main-content text of a page, one paragraph per line; `None` when no content was found.
pub fn extract_html(html: &str) -> Option<String> {
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let page = prepare_html(html, Keep::Page);
    let mut r = Readability::new(page.as_str(), None, Some(cfg)).ok()?;
    let article = r.parse().ok()?;
    let text = article.text_content.to_string();
    (!text.trim().is_empty()).then_some(text)
}

/// Elements nested deeper than this are unwrapped before extraction (their text is kept).
pub const MAX_HTML_DEPTH: usize = 256;

/// What [`prepare_html`] keeps of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// The whole page.
    Page,
    /// What metadata is read from: the head, and the `meta`, `link` and `title` tags and JSON-LD
    /// blocks of the body (pages put them there too).
    Head,
}

/// Elements without content or end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "basefont", "bgsound", "frame", "keygen",
];

/// Elements whose content is text up to their end tag, never markup.
const RAW_TEXT: &[&str] = &["textarea", "title", "xmp", "iframe", "noembed", "noframes"];

/// Elements that end an open `<p>` when they start (HTML's "close a p element" rule, in part).
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
    "li",
    "dd",
    "dt",
];

/// Elements a start tag of the same name implicitly ends (`<li>one<li>two`).
const SELF_ENDING: &[&str] = &[
    "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "rt", "rp",
];

/// Rewrites a page into what the extractor needs, in one linear pass: comments, scripts (other
/// than JSON-LD metadata) and style sheets are dropped, and elements nested deeper than
/// [`MAX_HTML_DEPTH`] are unwrapped, keeping their text.
///
/// Why: the HTML parser and the readability pass both cost time in proportion to nesting depth
/// for every element, so a page nested 100,000 levels deep took minutes; and inline scripts and
/// styles are most of the bytes of a news page, parsed only to be thrown away. On the 181 pages
/// of the ScrapingHub article-extraction benchmark the extracted text and metadata are the same
/// with and without this pass.
pub fn prepare_html(html: &str, keep: Keep) -> String {
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 2);
    // Open elements: (lowercase name, emitted?). `open` counts them by name, so an end tag
    // with no open element of its name is found in constant time.
    let mut stack: Vec<(String, bool)> = Vec::new();
    let mut open: HashMap<String, usize> = HashMap::new();
    let mut in_body = false;
    let mut i = 0;
    while i < b.len() {
        let Some(lt) = memchr(b'<', &b[i..]).map(|k| i + k) else {
            if shown(keep, in_body) {
                out.push_str(&html[i..]);
            }
            break;
        };
        if shown(keep, in_body) {
            out.push_str(&html[i..lt]);
        }
        let rest = &b[lt..];
        if rest.starts_with(b"<!--") {
            i = find(b, lt + 4, b"-->").map_or(b.len(), |k| k + 3);
            continue;
        }
        if rest.len() > 1 && (rest[1] == b'!' || rest[1] == b'?') {
            let end = memchr(b'>', &b[lt..]).map_or(b.len(), |k| lt + k + 1);
            if shown(keep, in_body) {
                out.push_str(&html[lt..end]);
            }
            i = end;
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_start = lt + 1 + usize::from(closing);
        let name_end = name_start
            + b[name_start..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':')
                .count();
        if name_end == name_start || !b[name_start].is_ascii_alphabetic() {
            // Not a tag: a literal `<`.
            if shown(keep, in_body) {
                out.push('<');
            }
            i = lt + 1;
            continue;
        }
        let name = html[name_start..name_end].to_ascii_lowercase();
        let tag_end = tag_end(b, name_end);
        let tag = &html[lt..tag_end];
        i = tag_end;
        if closing {
            if let Some(n) = open.get_mut(&name).filter(|n| **n > 0) {
                *n -= 1;
                while let Some((top, emitted)) = stack.pop() {
                    if top == name {
                        if emitted && (shown(keep, in_body)) {
                            out.push_str(tag);
                        }
                        break;
                    }
                    if let Some(c) = open.get_mut(&top) {
                        *c -= 1;
                    }
                }
            } else if shown(keep, in_body) {
                out.push_str(tag);
            }
            continue;
        }
        if name == "body" {
            in_body = true;
        }
        if name == "script" || name == "style" {
            let end = raw_text_end(b, tag_end, name.as_bytes());
            let json_ld = name == "script" && tag.to_ascii_lowercase().contains("ld+json");
            if json_ld {
                out.push_str(&html[lt..end]);
            }
            i = end;
            continue;
        }
        // Metadata tags count wherever they stand (pages put them in the body too).
        let visible = shown(keep, in_body) || matches!(name.as_str(), "meta" | "link" | "title");
        if RAW_TEXT.contains(&name.as_str()) {
            let end = raw_text_end(b, tag_end, name.as_bytes());
            if visible {
                out.push_str(&html[lt..end]);
            }
            i = end;
            continue;
        }
        if VOID.contains(&name.as_str()) || tag.ends_with("/>") {
            if visible {
                out.push_str(tag);
            }
            continue;
        }
        // Implied end tags: a block ends an open `<p>`, then `<li>` ends an open `<li>`.
        for ends in [
            |top: &str, name: &str| top == "p" && CLOSES_P.contains(&name),
            |top: &str, name: &str| top == name && SELF_ENDING.contains(&name),
        ] {
            if let Some((top, _)) = stack.pop_if(|(top, _)| ends(top, &name))
                && let Some(c) = open.get_mut(&top)
            {
                *c -= 1;
            }
        }
        let emitted = stack.len() < MAX_HTML_DEPTH;
        if emitted && visible {
            out.push_str(tag);
        }
        *open.entry(name.clone()).or_insert(0) += 1;
        stack.push((name, emitted));
    }
    out
}

/// Whether text at this point goes into the output: everything of a page, the head only of
/// [`Keep::Head`].
fn shown(keep: Keep, in_body: bool) -> bool {
    keep == Keep::Page || !in_body
}

/// The index just past the `>` ending a start or end tag whose name ends at `from`; quoted
/// attribute values may contain `>`.
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut quote = None;
    let mut i = from;
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => return i + 1,
            None => {}
        }
        i += 1;
    }
    b.len()
}

/// The index just past the end tag `</name>` of a raw-text element, or the end of the input.
fn raw_text_end(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(k) = find(b, i, b"</") {
        let after = k + 2;
        let candidate = b.get(after..after + name.len());
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name))
            && b.get(after + name.len())
                .is_none_or(|c| !c.is_ascii_alphanumeric())
        {
            return tag_end(b, after + name.len());
        }
        i = after;
    }
    b.len()
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|c| *c == needle)
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let first = needle[0];
    let mut i = from;
    while i + needle.len() <= b.len() {
        let k = memchr(first, &b[i..b.len() - needle.len() + 1])? + i;
        if &b[k..k + needle.len()] == needle {
            return Some(k);
        }
        i = k + 1;
    }
    None
}

/// The boilerplate line classifier, built once from the lexicon.
#[derive(Debug, Clone)]
pub struct LineClassifier {
    list_headers: Vec<String>,
    share: PhraseMatcher<()>,
    copyright: Vec<String>,
    byline: Vec<String>,
    menu: Vec<String>,
}

/// Lines up to this many words count as "short" for share, byline and list rules.
const SHORT_LINE_WORDS: usize = 16;

impl LineClassifier {
    pub fn new(lex: &BoilerplateLexicon) -> Self {
        let lower = |v: &Vec<String>| v.iter().map(|s| s.to_lowercase()).collect::<Vec<_>>();
        LineClassifier {
            list_headers: lower(&lex.list_headers),
            share: PhraseMatcher::new(lex.share.iter().map(|s| (s.clone(), ())).collect()),
            copyright: lower(&lex.copyright),
            byline: lower(&lex.byline),
            menu: lower(&lex.menu),
        }
    }

    /// Cleans an article: extracts HTML main content, then classifies lines.
    pub fn clean(&self, article: &RawArticle) -> Cleaned {
        match &article.body {
            Body::Text(t) => self.clean_text(t, article.title.as_deref()),
            Body::Html(h) => {
                let text = extract_html(h).unwrap_or_default();
                self.clean_text(&text, article.title.as_deref())
            }
        }
    }

    /// Classifies each line of `text`; `title` lets repeated headlines be dropped.
    pub fn clean_text(&self, text: &str, title: Option<&str>) -> Cleaned {
        let title = title.map(|t| t.trim().to_lowercase());
        let mut kept: Vec<&str> = Vec::new();
        let mut dropped = Vec::new();
        let mut in_list = false;
        for raw in text.lines() {
            let line = raw.trim();
            if line.is_empty() {
                continue;
            }
            match self.classify(line, title.as_deref(), &mut in_list) {
                Some(reason) => dropped.push(Dropped {
                    line: line.to_string(),
                    reason,
                }),
                None => kept.push(line),
            }
        }
        Cleaned {
            text: kept.join("\n"),
            dropped,
        }
    }

    fn classify(&self, line: &str, title: Option<&str>, in_list: &mut bool) -> Option<DropReason> {
        let lower = line.to_lowercase();
        let words = line.split_whitespace().count();
        let sentence_like = ends_like_sentence(line);
        if self.copyright.iter().any(|c| lower.contains(c.as_str())) && words <= 40 {
            return Some(DropReason::Copyright);
        }
        if words <= 8
            && self
                .list_headers
                .iter()
                .any(|h| starts_with_words(&lower, h))
        {
            *in_list = true;
            return Some(DropReason::HeadlineList);
        }
        if *in_list {
            if !sentence_like && words <= SHORT_LINE_WORDS {
                return Some(DropReason::HeadlineList);
            }
            *in_list = false;
        }
        if words <= SHORT_LINE_WORDS && !self.share.find(line).is_empty() && !sentence_like {
            return Some(DropReason::Share);
        }
        if words <= 12 && !sentence_like && self.byline.iter().any(|b| starts_with_words(&lower, b))
        {
            return Some(DropReason::Byline);
        }
        let bare = lower.trim_end_matches([':', '|', '>', '»']).trim();
        if words <= 4 && self.menu.iter().any(|m| m == bare) {
            return Some(DropReason::Menu);
        }
        // A line of several menu words ("Home | World | Politics").
        if line.contains('|') && !sentence_like {
            let parts: Vec<&str> = lower.split('|').map(str::trim).collect();
            if parts.len() >= 2
                && parts
                    .iter()
                    .filter(|p| self.menu.contains(&p.to_string()))
                    .count()
                    * 2
                    >= parts.len()
            {
                return Some(DropReason::Menu);
            }
        }
        if let Some(t) = title {
            let bare_line = lower.trim_end_matches(|c: char| !c.is_alphanumeric());
            if !t.is_empty()
                && (bare_line == t.trim_end_matches(|c: char| !c.is_alphanumeric())
                    || (bare_line.starts_with(t) && words <= t.split_whitespace().count() + 3))
            {
                return Some(DropReason::RepeatedTitle);
            }
        }
        None
    }
}

fn starts_with_words(lower_line: &str, prefix: &str) -> bool {
    lower_line.starts_with(prefix)
        && lower_line[prefix.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// A line that reads as prose: ends with sentence punctuation or a closing quote.
fn ends_like_sentence(line: &str) -> bool {
    line.trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | '”' | '"' | '’' | ')' | ';' | ':' | '…'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    fn classifier() -> LineClassifier {
        LineClassifier::new(&Lexicon::default().boilerplate)
    }

    #[test]
    fn headline_list_is_dropped_until_prose_returns() {
        let text = "Leaders met in Paris on Tuesday.\nMost Read from Example News\nA Bridge Closes for a Month\nPrices Rise at the Market Again\nThe talks resumed after lunch, officials said.";
        let c = classifier().clean_text(text, None);
        assert_eq!(
            c.text,
            "Leaders met in Paris on Tuesday.\nThe talks resumed after lunch, officials said."
        );
        assert_eq!(c.dropped.len(), 3);
        assert!(
            c.dropped
                .iter()
                .all(|d| d.reason == DropReason::HeadlineList)
        );
    }

    #[test]
    fn footer_menu_share_byline_and_repeated_title() {
        let text = "Allies Weigh a Force\nBy Jane Roe\nShare on Facebook\nThe plan has three layers.\nSearch the website\nPolitics\n© 2025 Example Media. All rights reserved";
        let c = classifier().clean_text(text, Some("Allies Weigh a Force"));
        assert_eq!(c.text, "The plan has three layers.");
        let reasons: Vec<DropReason> = c.dropped.iter().map(|d| d.reason).collect();
        assert_eq!(
            reasons,
            [
                DropReason::RepeatedTitle,
                DropReason::Byline,
                DropReason::Share,
                DropReason::Menu,
                DropReason::Menu,
                DropReason::Copyright
            ]
        );
    }

    #[test]
    fn prose_mentioning_boilerplate_words_is_kept() {
        let text =
            "By the end of the week, the allies said they would share intelligence with Kyiv.";
        let c = classifier().clean_text(text, None);
        assert_eq!(c.text, text);
    }

    #[test]
    fn prepare_drops_scripts_styles_and_comments_but_keeps_json_ld() {
        let html = r#"<html><head><title>T</title><style>p { color: red }</style><script type="application/ld+json">{"datePublished":"2025-03-02"}</script></head><body><!-- <p>hidden</p> --><p title="a>b">Kept text.</p><SCRIPT>if (a < b) { document.write("</p>") }</SCRIPT></body></html>"#;
        let page = prepare_html(html, Keep::Page);
        assert_eq!(
            page,
            r#"<html><head><title>T</title><script type="application/ld+json">{"datePublished":"2025-03-02"}</script></head><body><p title="a>b">Kept text.</p></body></html>"#
        );
        let head = prepare_html(html, Keep::Head);
        assert_eq!(
            head,
            r#"<html><head><title>T</title><script type="application/ld+json">{"datePublished":"2025-03-02"}</script></head>"#
        );
    }

    #[test]
    fn metadata_in_the_body_is_still_read() {
        let html = r#"<html lang="de"><head><title>Titel</title></head><body><meta property="og:site_name" content="Beispiel"><p>Text.</p><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Titel","datePublished":"2025-03-02T08:00:00Z"}</script></body></html>"#;
        let m = html_metadata(html);
        assert_eq!(m.site_name.as_deref(), Some("Beispiel"));
        assert_eq!(m.lang.as_deref(), Some("de"));
        assert_eq!(m.published_time.as_deref(), Some("2025-03-02T08:00:00Z"));
    }

    fn nested(depth: usize, inner: &str) -> String {
        let mut html = String::from("<html><head><title>Deep</title></head><body>");
        html.push_str(&"<div>".repeat(depth));
        html.push_str(inner);
        html.push_str(&"</div>".repeat(depth));
        html.push_str("</body></html>");
        html
    }

    #[test]
    fn deep_nesting_is_unwrapped_below_the_cap_and_keeps_its_text() {
        let html = nested(MAX_HTML_DEPTH * 3, "<p>Deep inside, the text survives.</p>");
        let page = prepare_html(&html, Keep::Page);
        // html, body and the divs up to the cap are kept; every deeper tag is dropped.
        assert_eq!(page.matches("<div>").count(), MAX_HTML_DEPTH - 2);
        assert_eq!(page.matches("</div>").count(), MAX_HTML_DEPTH - 2);
        assert!(page.contains("Deep inside, the text survives."));
        assert!(!page.contains("<p>"), "the paragraph was beyond the cap");
    }

    #[test]
    fn a_page_nested_100000_deep_is_extracted() {
        let text = "The coalition plans to station trainers in western Ukraine, far from the front, officials said on Monday in Brussels.";
        let html = nested(100_000, &format!("<p>{text}</p>"));
        assert_eq!(extract_html(&html).as_deref().map(str::trim), Some(text));
        assert_eq!(html_metadata(&html).title, "Deep");
    }

    #[test]
    fn unclosed_paragraphs_and_list_items_do_not_count_as_depth() {
        let mut html = String::from("<body><ul>");
        for i in 0..(MAX_HTML_DEPTH * 2) {
            html.push_str(&format!("<li>item {i}<p>para {i}"));
        }
        html.push_str("</ul></body>");
        let page = prepare_html(&html, Keep::Page);
        assert_eq!(page.matches("<li>").count(), MAX_HTML_DEPTH * 2);
        assert_eq!(page.matches("<p>").count(), MAX_HTML_DEPTH * 2);
    }

    #[test]
    fn html_scripts_are_not_kept_as_content() {
        let html = "<html><head><title>T</title><script>alert('x')</script></head><body><article><h1>T</h1><p>The coalition plans to station trainers in western Ukraine, far from the front, officials said on Monday in Brussels.</p><p>Several capitals are still weighing how many soldiers they could send once the fighting stops.</p><script>document.write('injected')</script></article></body></html>";
        let text = extract_html(html).unwrap();
        assert!(text.contains("station trainers"));
        assert!(!text.contains("injected") && !text.contains("alert"));
    }
}
