//! Article input formats: `.txt`, `.html`, `.html.gz` and `.jsonl` bytes turned into
//! [`RawArticle`]s, with the checks for bad input (binary data, invalid UTF-8, empty or oversized
//! files, dates that are not on the calendar).
//!
//! Text and JSON lines must be UTF-8 (JSON is UTF-8 by definition, and a bare text file declares
//! nothing to go by). An HTML page in another encoding (`windows-1251`, `ISO-8859-1`, ...) is read
//! in it, as a browser reads it ([`crate::charset`]).
//!
//! A `.jsonl` file is checked line by line, so a bad byte loses its line only. The caller reads
//! the file; this module never touches the file system, so every rule here is tested on bytes.
//! It does not clean or interpret the text.

use std::borrow::Cow;
use std::io::Read;

use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::{EvidenceError, charset};

/// Files larger than this are refused (16 MiB: a news article is under 1 MiB, a `.jsonl` batch of
/// a few thousand articles fits; larger batches should be split).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The body of an article as received.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Text(String),
    /// HTML whose main content the clean stage extracts (a `.jsonl` line's markup).
    Html(String),
    /// An HTML page file, its main content already read with its metadata in one parse
    /// ([`crate::clean::read_html`]): `main_text` is empty when none was found. It hashes as
    /// [`Body::Html`] of the same page, so a ledger's stored hashes stay valid.
    Page {
        html: String,
        main_text: String,
    },
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
            Body::Html(t) | Body::Page { html: t, .. } => {
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
    /// A gzip-compressed page (`.html.gz`, `.htm.gz`), as crawlers and web archives store them.
    HtmlGzip,
    JsonLines,
    /// A `.json` file: one article object of the `.jsonl` shape, or an array of them (what most
    /// tools and scrapers write).
    Json,
}

impl Format {
    /// `.txt`, `.html`/`.htm`, `.html.gz`/`.htm.gz`, `.jsonl`, `.json`; anything else is `None`.
    pub fn from_path(path: &str) -> Option<Format> {
        Format::split(path).map(|(_, f)| f)
    }

    /// The name without its article extension (`a/b.html.gz` → `a/b`): the id of a `.txt` or
    /// `.html` article is its file name without it.
    pub fn stem(path: &str) -> Option<&str> {
        Format::split(path).map(|(s, _)| s)
    }

    fn split(path: &str) -> Option<(&str, Format)> {
        let (stem, ext) = path.rsplit_once('.')?;
        let format = match ext.to_ascii_lowercase().as_str() {
            "txt" => Format::Text,
            "html" | "htm" => Format::Html,
            "jsonl" => Format::JsonLines,
            "json" => Format::Json,
            "gz" => {
                let (stem, inner) = stem.rsplit_once('.')?;
                return matches!(inner.to_ascii_lowercase().as_str(), "html" | "htm")
                    .then_some((stem, Format::HtmlGzip));
            }
            _ => return None,
        };
        Some((stem, format))
    }
}

/// Checks the bytes of a file and decodes them as UTF-8.
///
/// # Errors
/// [`EvidenceError::Empty`], [`EvidenceError::TooLarge`], [`EvidenceError::Binary`] (a NUL byte
/// in the first 8 KiB, as git and ripgrep decide) or [`EvidenceError::InvalidUtf8`] with the
/// byte offset of the first bad sequence.
pub fn decode(bytes: &[u8]) -> Result<&str, EvidenceError> {
    check_bytes(bytes)?;
    let text = std::str::from_utf8(bytes).map_err(|e| EvidenceError::InvalidUtf8 {
        offset: e.valid_up_to(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(EvidenceError::Empty);
    }
    Ok(text)
}

/// The checks of [`decode`] before UTF-8: size, then binary data.
fn check_bytes(bytes: &[u8]) -> Result<(), EvidenceError> {
    check_size(bytes)?;
    if bytes.iter().take(8192).any(|b| *b == 0) {
        return Err(EvidenceError::Binary);
    }
    Ok(())
}

/// [`EvidenceError::TooLarge`] past [`MAX_FILE_BYTES`].
fn check_size(bytes: &[u8]) -> Result<(), EvidenceError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(EvidenceError::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    Ok(())
}

/// [`decode`] for an HTML page: a page that is not UTF-8 is read in the encoding a browser would
/// read it in (its byte order mark, its `<meta charset>`, else the detector's guess; see
/// [`crate::charset`]) rather than refused. A UTF-16 page (with its mark) is text despite its
/// NUL bytes.
///
/// # Errors
/// [`EvidenceError::Empty`], [`EvidenceError::TooLarge`], [`EvidenceError::Binary`].
pub fn decode_html(bytes: &[u8]) -> Result<Cow<'_, str>, EvidenceError> {
    if charset::has_utf16_bom(bytes) {
        check_size(bytes)?;
    } else {
        check_bytes(bytes)?;
    }
    // A byte order mark is read and dropped there.
    let (text, _) = charset::decode_html(bytes);
    if text.trim().is_empty() {
        return Err(EvidenceError::Empty);
    }
    Ok(text)
}

/// [`decode_html`] of bytes the caller owns: UTF-8 (nearly every page) becomes a `String` in
/// place.
///
/// Why: a gunzipped page is a buffer of its own, and copying it into the article's body was one
/// more pass over every byte of a crawled page (and one more allocation of its size).
///
/// # Errors
/// As [`decode_html`].
fn decode_html_owned(bytes: Vec<u8>) -> Result<String, EvidenceError> {
    if charset::has_utf16_bom(&bytes) {
        return decode_html(&bytes).map(Cow::into_owned);
    }
    check_bytes(&bytes)?;
    let mut text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => return decode_html(e.as_bytes()).map(Cow::into_owned),
    };
    if text.starts_with('\u{feff}') {
        text.replace_range(..'\u{feff}'.len_utf8(), "");
    }
    if text.trim().is_empty() {
        return Err(EvidenceError::Empty);
    }
    Ok(text)
}

/// Decompresses a gzip file, refusing more than [`MAX_FILE_BYTES`] of output (a small file can
/// expand without bound).
///
/// # Errors
/// [`EvidenceError::Gzip`] for data that is not gzip, [`EvidenceError::TooLarge`] past the limit.
pub fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, EvidenceError> {
    match gunzip_whole(bytes) {
        Some(out) => Ok(out),
        None => gunzip_streaming(bytes),
    }
}

/// [`gunzip`] by flate2's streaming decoder, which stops at the limit whatever the file states.
fn gunzip_streaming(bytes: &[u8]) -> Result<Vec<u8>, EvidenceError> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| EvidenceError::Gzip(e.to_string()))?;
    if out.len() as u64 > MAX_FILE_BYTES {
        return Err(EvidenceError::TooLarge {
            size: out.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    Ok(out)
}

/// The first member of a gzip file decompressed in one call by libdeflate, into a buffer sized
/// from the trailer (the uncompressed length); `None` sends the file to [`gunzip_streaming`].
///
/// Why: libdeflate inflates a page in half the time of the streaming decoder, and gunzipping was
/// a tenth of ingesting a crawled page. It is used only where both decoders give the same
/// answer: it succeeds only on a first member that ends with a matching CRC and length, as the
/// streaming decoder requires, and the streaming decoder keeps everything else: a stated length
/// past [`MAX_FILE_BYTES`] or past what deflate can expand the input to (1032:1, so a forged
/// trailer allocates nothing large), a member longer than stated, a header CRC (which libdeflate
/// does not check), and every error, so error messages stay its own.
fn gunzip_whole(bytes: &[u8]) -> Option<Vec<u8>> {
    const FHCRC: u8 = 0x02;
    if bytes.len() < 18 || bytes[3] & FHCRC != 0 {
        return None;
    }
    let stated = u32::from_le_bytes(*bytes.last_chunk::<4>()?) as usize;
    if stated as u64 > MAX_FILE_BYTES || stated > bytes.len().saturating_mul(1032) {
        return None;
    }
    let mut out = vec![0u8; stated];
    let n = libdeflater::Decompressor::new()
        .gzip_decompress(bytes, &mut out)
        .ok()?;
    out.truncate(n);
    Some(out)
}

/// Parses one file. `stem` is the file name without extension: the id of `.txt` and `.html`
/// articles. A `.jsonl` file yields one result per non-blank line, so one bad line (invalid
/// JSON, a NUL byte, invalid UTF-8, an impossible date) does not stop the others.
///
/// # Errors
/// The file-level errors of [`decode`] and [`gunzip`], and [`EvidenceError::Date`] for a `.txt`
/// header date that is not on the calendar; per-line errors are inside the vector.
pub fn parse_file(
    format: Format,
    stem: &str,
    bytes: &[u8],
) -> Result<Vec<Result<RawArticle, EvidenceError>>, EvidenceError> {
    Ok(match format {
        Format::Text => {
            let (article, date) = text_article(stem, decode(bytes)?);
            date?;
            vec![Ok(article)]
        }
        Format::Html => vec![Ok(html_article(stem, decode_html(bytes)?.into_owned()))],
        Format::HtmlGzip => vec![Ok(html_article(stem, decode_html_owned(gunzip(bytes)?)?))],
        Format::JsonLines => parse_json_lines(bytes)?,
        Format::Json => parse_json_file(decode(bytes)?)?,
    })
}

/// A `.json` file: an article object, or an array of them, each read as a `.jsonl` line is, so
/// one bad element loses that element only (reported with its place in the array, from 1).
///
/// # Errors
/// [`EvidenceError::Json`] when the file is not JSON, or neither an object nor an array.
fn parse_json_file(text: &str) -> Result<Vec<Result<RawArticle, EvidenceError>>, EvidenceError> {
    let value: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| EvidenceError::Json(e.to_string()))?;
    match value {
        serde_json::Value::Array(items) if items.is_empty() => Err(EvidenceError::Empty),
        serde_json::Value::Array(items) => Ok(items
            .into_iter()
            .enumerate()
            .map(|(i, v)| parse_json_value(v).map_err(|e| e.at_item(i + 1)))
            .collect()),
        serde_json::Value::Object(_) => Ok(vec![parse_json_value(value)]),
        _ => Err(EvidenceError::Json(
            "a .json file holds an article object or an array of them".into(),
        )),
    }
}

/// The lines of a `.jsonl` file, each decoded on its own.
fn parse_json_lines(bytes: &[u8]) -> Result<Vec<Result<RawArticle, EvidenceError>>, EvidenceError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(EvidenceError::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let mut out = Vec::new();
    for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let parsed = if line.contains(&0) {
            Err(EvidenceError::LineNul)
        } else {
            std::str::from_utf8(line)
                .map_err(|e| EvidenceError::LineNotUtf8 {
                    column: e.valid_up_to() + 1,
                })
                .and_then(parse_json_line)
        };
        out.push(parsed.map_err(|e| e.at_line(i + 1)));
    }
    if out.is_empty() {
        return Err(EvidenceError::Empty);
    }
    Ok(out)
}

/// A text article: optional `Key: value` header lines (`Title`, `Outlet`, `Date`, `URL`, `Lang`,
/// `Id`) up to a blank line; without them, the first line is the title.
///
/// For text from tools and tests: a `Date` that is not a calendar date is left out here, while
/// [`parse_file`] refuses the file.
pub fn parse_text(stem: &str, text: &str) -> RawArticle {
    text_article(stem, text).0
}

/// A text article and the verdict on its `Date` header.
fn text_article(stem: &str, text: &str) -> (RawArticle, Result<(), EvidenceError>) {
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
    let mut date_check = Ok(());
    while let Some(line) = lines.peek() {
        let Some((key, value)) = line.split_once(':') else {
            break;
        };
        let value = value.trim().to_string();
        match key.trim().to_ascii_lowercase().as_str() {
            "title" => article.title = Some(value),
            "outlet" => article.outlet = Some(value),
            "date" => match parse_date(&value) {
                Ok(d) => article.date = d,
                Err(e) => date_check = Err(e),
            },
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
    (article, date_check)
}

/// An HTML article: metadata from `<title>`, Open Graph and article meta tags or JSON-LD, read
/// by dom_smoothie in the same parse as the main content ([`Body::Page`]), which the clean stage
/// then sifts line by line. A published date that is not on the calendar is left out (the
/// page's metadata, not the user's input).
pub fn parse_html(stem: &str, html: &str) -> RawArticle {
    html_article(stem, html.to_string())
}

/// [`parse_html`] of a page the caller owns, which becomes the body as it is.
fn html_article(stem: &str, html: String) -> RawArticle {
    let crate::clean::HtmlPage { meta, text } = crate::clean::read_html(&html);
    RawArticle {
        id: stem.to_string(),
        url: meta.url,
        outlet: meta.site_name,
        date: meta
            .published_time
            .as_deref()
            .and_then(|d| parse_date(d).ok().flatten()),
        title: (!meta.title.is_empty()).then_some(meta.title),
        lang: meta.lang,
        body: Body::Page {
            html,
            main_text: text.unwrap_or_default(),
        },
    }
}

#[derive(Deserialize)]
#[serde(expecting = "an article object")]
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
/// [`EvidenceError::Json`] when the line is not an object of that shape,
/// [`EvidenceError::Date`] when its date is not on the calendar.
pub fn parse_json_line(line: &str) -> Result<RawArticle, EvidenceError> {
    match serde_json::from_str::<JsonArticle>(line) {
        Ok(a) => json_article(a),
        // Read again as a value only when it failed, to tell an annotation line from a bad one.
        Err(e) => match serde_json::from_str::<serde_json::Value>(line) {
            Ok(v) if is_annotation(&v) => Err(EvidenceError::AnnotationLine),
            _ => Err(json_error(e)),
        },
    }
}

/// An article of a `.json` file (see [`parse_json_line`] for its shape).
fn parse_json_value(value: serde_json::Value) -> Result<RawArticle, EvidenceError> {
    if is_annotation(&value) {
        return Err(EvidenceError::AnnotationLine);
    }
    let a: JsonArticle = serde_json::from_value(value).map_err(json_error)?;
    json_article(a)
}

/// Whether a JSON object is a line of ANNOTATION.md's gold (its `statements`, no `text`) rather
/// than an article.
fn is_annotation(value: &serde_json::Value) -> bool {
    value.get("statements").is_some() && value.get("text").is_none()
}

fn json_error(e: serde_json::Error) -> EvidenceError {
    EvidenceError::Json(e.to_string())
}

fn json_article(a: JsonArticle) -> Result<RawArticle, EvidenceError> {
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
    let date = match a.date.as_deref() {
        Some(d) => parse_date(d)?,
        None => None,
    };
    let looks_html = a.text.trim_start().starts_with('<') && a.text.contains("</");
    Ok(RawArticle {
        id,
        url: a.url,
        outlet: a.outlet,
        date,
        title: a.title,
        lang: a.lang,
        body: if looks_html {
            Body::Html(a.text)
        } else {
            Body::Text(a.text)
        },
    })
}

/// Years a date may have: the ledger holds reporting, not forecasts or typos (`9999`, `0202`).
pub const DATE_YEARS: std::ops::RangeInclusive<u32> = 1900..=2100;

/// Reads a date: the `YYYY-MM-DD` prefix of an ISO date or timestamp (`2025-08-18`,
/// `2025-08-18T10:00Z`), or a month, `YYYY-MM`, kept as it is (ANNOTATION.md dates an article
/// by its month when the page shows no day; see [`crate::ledger::last_day`] for how it
/// compares with a scenario's date); blank means no date.
///
/// # Errors
/// [`EvidenceError::Date`] naming the date when it is not ISO, not on the calendar
/// (`2025-02-31`, `2025-13`) or outside [`DATE_YEARS`].
pub fn parse_date(s: &str) -> Result<Option<String>, EvidenceError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let refuse = |reason: String| EvidenceError::Date {
        date: s.to_string(),
        reason,
    };
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let month = b.len() == 7 && digits(0..4) && b[4] == b'-' && digits(5..7);
    let day = b.len() >= 10
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b.get(10).is_none_or(|c| matches!(c, b'T' | b't' | b' '));
    if !month && !day {
        return Err(refuse(
            "is not an ISO date (YYYY-MM-DD, or YYYY-MM for a month)".into(),
        ));
    }
    if !DATE_YEARS.contains(&s[0..4].parse::<u32>().unwrap_or(0)) {
        return Err(refuse(format!(
            "is outside the years {} to {}",
            DATE_YEARS.start(),
            DATE_YEARS.end()
        )));
    }
    // The calendar is the model's (one civil-date type for scenarios and the ledger). A month
    // is kept as written; a day drops the time after it.
    let (kept, checked) = if month {
        (s, guarantor_model::Date::parse_month_end(s))
    } else {
        (&s[..10], guarantor_model::Date::parse(&s[..10]))
    };
    match checked {
        Ok(_) => Ok(Some(kept.to_string())),
        Err(guarantor_model::DateError::Month { month, .. }) => {
            Err(refuse(format!("has no month {month}")))
        }
        Err(guarantor_model::DateError::Day {
            year,
            month_name,
            days,
            ..
        }) => Err(refuse(format!(
            "is not on the calendar ({month_name} {year} has {days} days)"
        ))),
        Err(e) => Err(refuse(e.to_string())),
    }
}

#[cfg(test)]
#[path = "source_tests.rs"]
mod tests;
