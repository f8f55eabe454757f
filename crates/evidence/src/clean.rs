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

use dom_smoothie::{Config, Readability, TextMode};
use serde::Serialize;

use crate::lexicon::BoilerplateLexicon;
use crate::mojibake;
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

impl Cleaned {
    /// The cleaned text opened by the article's headline, once, as the text to read.
    ///
    /// Main-content extraction leaves a page's `<h1>` out (as the benchmark's article bodies
    /// do), a text file's header or first line is its title, and repeats of the title are
    /// dropped from the body, so without this a claim made only in the headline ("Britain will
    /// send troops to Ukraine, Starmer says") would never reach extraction. ANNOTATION.md
    /// annotates the headline as part of the text, and the real corpus's texts open with it.
    pub fn with_headline(mut self, title: Option<&str>) -> Cleaned {
        if let Some(t) = title
            .map(|t| mojibake::repair(t.trim()))
            .filter(|t| !t.is_empty())
        {
            self.text = if self.text.is_empty() {
                t.into_owned()
            } else {
                format!("{t}\n{}", self.text)
            };
        }
        self
    }
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
    read_html(html).text
}

/// A page read in one parse: its metadata and its main content.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlPage {
    pub meta: HtmlMeta,
    /// Main-content text, one paragraph per line; `None` when no content was found.
    pub text: Option<String>,
}

/// Reads a page's metadata and main content from one parse of it.
///
/// Why: dom_smoothie reads the metadata on its way to the content anyway, so a page file gets
/// both for the price of the content ([`html_metadata`] alone parses the head a second time).
/// The metadata must be what [`html_metadata`] reads (the title is hashed with the page, so a
/// changed title would make a stored page look changed), and it is, except where dom_smoothie's
/// title rule looks at the page's `h1`/`h2` headings, which the head alone lacks: a `<title>`
/// without a separator that has a colon, or is shorter than 15 or longer than 150 characters
/// (`title_may_read_headings`).
/// Those pages, and pages where no content is found, have their head read apart.
pub fn read_html(html: &str) -> HtmlPage {
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let page = prepare_html(html, Keep::Page);
    let article = Readability::new(page.as_str(), None, Some(cfg))
        .ok()
        .and_then(|mut r| r.parse().ok());
    let Some(a) = article else {
        return HtmlPage {
            meta: html_metadata(html),
            text: None,
        };
    };
    let text = a.text_content.to_string();
    let meta = if title_may_read_headings(&page) {
        html_metadata(html)
    } else {
        HtmlMeta {
            title: a.title,
            site_name: a.site_name,
            published_time: a.published_time,
            url: a.url,
            lang: a.lang,
        }
    };
    HtmlPage {
        meta,
        text: (!text.trim().is_empty()).then_some(text),
    }
}

/// Whether dom_smoothie 0.19's title rule (`get_article_title`, used when no meta tag or JSON-LD
/// gives a title) may read the page's headings: when the first `<title>` of the prepared page
/// (`page`) has no separator and has a colon, or fewer than 15 or more than 150 characters, or
/// there is none. An entity (`&`) counts as maybe, since the rule counts decoded characters.
/// Erring towards "maybe" costs only a second, head-only parse.
fn title_may_read_headings(page: &str) -> bool {
    let lower_at = |i: usize, pat: &str| {
        page.as_bytes()
            .get(i..i + pat.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(pat.as_bytes()))
    };
    let Some(open) = (0..page.len()).find(|&i| {
        lower_at(i, "<title")
            && matches!(
                page.as_bytes().get(i + 6),
                Some(b'>' | b' ' | b'\t' | b'\n' | b'\r')
            )
    }) else {
        return true;
    };
    let Some(start) = page[open..].find('>').map(|k| open + k + 1) else {
        return true;
    };
    let Some(end) = (start..page.len()).find(|&i| lower_at(i, "</title")) else {
        return true;
    };
    let title = page[start..end].trim();
    if title.contains(TITLE_SEPARATORS) {
        // The rule splits on the separator and reads no heading (decoding entities adds
        // characters, it never takes a written one away).
        return false;
    }
    let chars = title.chars().count();
    title.contains([':', '&']) || !(15..=150).contains(&chars)
}

/// dom_smoothie 0.19's title separators (`glob::TITLE_SEPARATORS`): a title with one of them is
/// split, and its headings are never read.
const TITLE_SEPARATORS: [char; 8] = ['|', '-', '–', '—', '\\', '/', '>', '»'];

#[path = "clean_prepare.rs"]
pub(crate) mod prepare;
pub use prepare::{Keep, MAX_HTML_DEPTH, prepare_html};

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

    /// Cleans an article: extracts HTML main content, then classifies lines. The headline is
    /// not part of the result (see [`Cleaned::with_headline`]).
    pub fn clean(&self, article: &RawArticle) -> Cleaned {
        let title = article.title.as_deref();
        // Mojibake in the page's own text is repaired first ([`crate::mojibake`]): no line of it
        // would otherwise resolve a name or match a cue.
        match &article.body {
            Body::Text(t) => self.clean_text(&mojibake::repair(t), title),
            Body::Html(h) => {
                let text = extract_html(h).unwrap_or_default();
                self.clean_text(&mojibake::repair(&text), title)
            }
            Body::Page { main_text, .. } => self.clean_text(&mojibake::repair(main_text), title),
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
    fn one_parse_gives_the_title_the_head_alone_gives() {
        // No meta title, a `<title>` with a colon and an `h1` of the whole title: dom_smoothie's
        // title rule keeps the whole title when a heading repeats it, which the head alone
        // cannot show; read_html must give the head's answer all the same.
        let body = "<article><h1>Ukraine talks: allies meet in Paris on Tuesday</h1><p>The coalition plans to station trainers in western Ukraine, far from the front, officials said on Monday in Brussels.</p></article>";
        let html = format!(
            "<html><head><title>Ukraine talks: allies meet in Paris on Tuesday</title></head><body>{body}</body></html>"
        );
        let page = read_html(&html);
        assert_eq!(page.meta, html_metadata(&html));
        assert_eq!(page.meta.title, "allies meet in Paris on Tuesday");
        let whole = Readability::new(prepare_html(&html, Keep::Page).as_str(), None, None)
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(
            whole.title,
            "Ukraine talks: allies meet in Paris on Tuesday"
        );
        assert!(page.text.is_some_and(|t| t.contains("station trainers")));
        assert!(title_may_read_headings(&html));
        // A plain title of ordinary length is taken from the one parse.
        let plain = "<html><head><title>Allies meet in Paris on Tuesday</title></head></html>";
        assert!(!title_may_read_headings(plain));
        assert!(title_may_read_headings("<html><head></head></html>"));
        assert!(title_may_read_headings("<title>Short</title>"));
        assert!(title_may_read_headings(
            "<TITLE>Allies &amp; partners meet in Paris</TITLE>"
        ));
    }

    #[test]
    fn html_scripts_are_not_kept_as_content() {
        let html = "<html><head><title>T</title><script>alert('x')</script></head><body><article><h1>T</h1><p>The coalition plans to station trainers in western Ukraine, far from the front, officials said on Monday in Brussels.</p><p>Several capitals are still weighing how many soldiers they could send once the fighting stops.</p><script>document.write('injected')</script></article></body></html>";
        let text = extract_html(html).unwrap();
        assert!(text.contains("station trainers"));
        assert!(!text.contains("injected") && !text.contains("alert"));
    }
}
