//! Article input formats: `.txt`, `.html` and `.jsonl` bytes turned into [`RawArticle`]s, with
//! the checks for bad input (binary data, invalid UTF-8, empty or oversized files).
//!
//! The caller reads the file; this module never touches the file system, so every rule here is
//! tested on bytes. It does not clean or interpret the text.

use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::EvidenceError;

/// Files larger than this are refused (16 MiB: a news article is under 1 MiB, a `.jsonl` batch of
/// a few thousand articles fits; larger batches should be split).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The body of an article as received.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Text(String),
    Html(String),
}

/// An article before cleaning, with the metadata the input gave.
#[derive(Debug, Clone, PartialEq)]
pub struct RawArticle {
    pub id: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    /// `YYYY-MM-DD` when the input gave a parseable date.
    pub date: Option<String>,
    pub title: Option<String>,
    pub lang: Option<String>,
    pub body: Body,
}

impl RawArticle {
    /// SHA-256 over id, metadata and body: equal hashes mean nothing changed.
    pub fn content_hash(&self) -> String {
        let mut h = Sha256::new();
        for part in [
            Some(self.id.as_str()),
            self.url.as_deref(),
            self.outlet.as_deref(),
            self.date.as_deref(),
            self.title.as_deref(),
            self.lang.as_deref(),
        ] {
            h.update(part.unwrap_or("\u{0}").as_bytes());
            h.update([0x1f]);
        }
        match &self.body {
            Body::Text(t) => {
                h.update(b"text:");
                h.update(t.as_bytes());
            }
            Body::Html(t) => {
                h.update(b"html:");
                h.update(t.as_bytes());
            }
        }
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// The input format, chosen from the file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    JsonLines,
}

impl Format {
    /// `.txt`, `.html`/`.htm`, `.jsonl`; anything else is `None`.
    pub fn from_path(path: &str) -> Option<Format> {
        let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
        match ext.as_str() {
            "txt" => Some(Format::Text),
            "html" | "htm" => Some(Format::Html),
            "jsonl" => Some(Format::JsonLines),
            _ => None,
        }
    }
}

/// Checks the bytes of a file and decodes them as UTF-8.
///
/// # Errors
/// [`EvidenceError::Empty`], [`EvidenceError::TooLarge`], [`EvidenceError::Binary`] (a NUL byte
/// in the first 8 KiB, as git and ripgrep decide) or [`EvidenceError::InvalidUtf8`] with the
/// byte offset of the first bad sequence.
pub fn decode(bytes: &[u8]) -> Result<&str, EvidenceError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(EvidenceError::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    if bytes.iter().take(8192).any(|b| *b == 0) {
        return Err(EvidenceError::Binary);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| EvidenceError::InvalidUtf8 {
        offset: e.valid_up_to(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(EvidenceError::Empty);
    }
    Ok(text)
}

/// Parses one file. `stem` is the file name without extension: the id of `.txt` and `.html`
/// articles. A `.jsonl` file yields one result per non-blank line, so one bad line does not
/// stop the others.
///
/// # Errors
/// The file-level errors of [`decode`]; per-line errors are inside the vector.
pub fn parse_file(
    format: Format,
    stem: &str,
    bytes: &[u8],
) -> Result<Vec<Result<RawArticle, EvidenceError>>, EvidenceError> {
    let text = decode(bytes)?;
    Ok(match format {
        Format::Text => vec![Ok(parse_text(stem, text))],
        Format::Html => vec![Ok(parse_html(stem, text))],
        Format::JsonLines => text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| parse_json_line(l).map_err(|e| e.at_line(i + 1)))
            .collect(),
    })
}

/// A text article: optional `Key: value` header lines (`Title`, `Outlet`, `Date`, `URL`, `Lang`,
/// `Id`) up to a blank line; without them, the first line is the title.
pub fn parse_text(stem: &str, text: &str) -> RawArticle {
    let mut article = RawArticle {
        id: stem.to_string(),
        url: None,
        outlet: None,
        date: None,
        title: None,
        lang: None,
        body: Body::Text(String::new()),
    };
    let mut lines = text.lines().peekable();
    let mut had_header = false;
    while let Some(line) = lines.peek() {
        let Some((key, value)) = line.split_once(':') else {
            break;
        };
        let value = value.trim().to_string();
        match key.trim().to_ascii_lowercase().as_str() {
            "title" => article.title = Some(value),
            "outlet" => article.outlet = Some(value),
            "date" => article.date = normalise_date(&value),
            "url" => article.url = Some(value),
            "lang" => article.lang = Some(value),
            "id" => article.id = value,
            _ => break,
        }
        had_header = true;
        lines.next();
    }
    if !had_header && let Some(first) = lines.next() {
        article.title = Some(first.trim().to_string());
    }
    let body: Vec<&str> = lines.collect();
    article.body = Body::Text(body.join("\n").trim().to_string());
    article
}

/// An HTML article: metadata from `<title>`, Open Graph and article meta tags or JSON-LD, read
/// by dom_smoothie; the body stays HTML until the clean stage.
pub fn parse_html(stem: &str, html: &str) -> RawArticle {
    let meta = crate::clean::html_metadata(html);
    RawArticle {
        id: stem.to_string(),
        url: meta.url,
        outlet: meta.site_name,
        date: meta.published_time.as_deref().and_then(normalise_date),
        title: (!meta.title.is_empty()).then_some(meta.title),
        lang: meta.lang,
        body: Body::Html(html.to_string()),
    }
}

#[derive(Deserialize)]
struct JsonArticle {
    id: serde_json::Value,
    url: Option<String>,
    outlet: Option<String>,
    date: Option<String>,
    title: Option<String>,
    lang: Option<String>,
    text: String,
}

/// One `.jsonl` line with `id`, `url`, `outlet`, `date` (ISO or null), optional `title` and
/// `lang`, and `text`; other fields are ignored. The text may be plain text or HTML.
///
/// # Errors
/// [`EvidenceError::Json`] when the line is not an object of that shape.
pub fn parse_json_line(line: &str) -> Result<RawArticle, EvidenceError> {
    let a: JsonArticle =
        serde_json::from_str(line).map_err(|e| EvidenceError::Json(e.to_string()))?;
    let id = match a.id {
        serde_json::Value::String(s) if !s.trim().is_empty() => s,
        serde_json::Value::Number(n) => n.to_string(),
        _ => {
            return Err(EvidenceError::Json(
                "`id` must be a non-empty string or a number".into(),
            ));
        }
    };
    if a.text.trim().is_empty() {
        return Err(EvidenceError::Json(format!(
            "article `{id}` has an empty `text`"
        )));
    }
    let looks_html = a.text.trim_start().starts_with('<') && a.text.contains("</");
    Ok(RawArticle {
        id,
        url: a.url,
        outlet: a.outlet,
        date: a.date.as_deref().and_then(normalise_date),
        title: a.title,
        lang: a.lang,
        body: if looks_html {
            Body::Html(a.text)
        } else {
            Body::Text(a.text)
        },
    })
}

/// Keeps the `YYYY-MM-DD` prefix of an ISO date or timestamp; anything else is `None`.
pub fn normalise_date(s: &str) -> Option<String> {
    let s = s.trim();
    let d = s.get(..10)?;
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10) {
        let month: u32 = d[5..7].parse().ok()?;
        let day: u32 = d[8..10].parse().ok()?;
        if (1..=12).contains(&month) && (1..=31).contains(&day) {
            return Some(d.to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
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
    fn dates_are_checked() {
        assert_eq!(normalise_date("2025-13-01"), None);
        assert_eq!(normalise_date("Jan 5"), None);
        assert_eq!(normalise_date("2025-01-05"), Some("2025-01-05".into()));
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
}
