//! The character encoding of an HTML page, decided as a browser decides it, for pages that are
//! not UTF-8: Russian and Ukrainian outlets still serve `windows-1251` or `KOI8-R`, older
//! European pages `ISO-8859-1`/`windows-1252`, and a saved page keeps the bytes it was served
//! in. Refusing them as "not valid UTF-8" lost real reporting in the languages the ledger reads.
//!
//! The order follows the WHATWG encoding sniffing algorithm (HTML standard, "determining the
//! character encoding"), with one change: bytes that are valid UTF-8 are read as UTF-8 whatever
//! a `<meta>` declares, because a page saved or converted by a tool is often re-encoded to UTF-8
//! while its old declaration stays, and non-ASCII text in a legacy encoding is practically never
//! valid UTF-8 by accident. Then:
//! 1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE);
//! 2. the `charset` a `<meta>` tag declares in the first 1024 bytes (`<meta charset=...>` or
//!    `<meta http-equiv="Content-Type" content="...; charset=...">`; any `charset=` in the tag
//!    counts, a little more lenient than the standard, which wants the `http-equiv` too), with
//!    UTF-16 read as UTF-8 and `x-user-defined` as `windows-1252`, as the standard's prescan
//!    says;
//! 3. otherwise Firefox's detector (`chardetng`) over the whole page.
//!
//! The decoders are `encoding_rs` (Firefox's): a byte that is invalid in the chosen encoding
//! becomes U+FFFD, as in a browser, rather than losing the page.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252, X_USER_DEFINED};

/// How far into a page a `<meta>` declaration is looked for (the standard's prescan length).
const PRESCAN_BYTES: usize = 1024;

/// The page's text and the encoding it was read in.
pub fn decode_html(bytes: &[u8]) -> (Cow<'_, str>, &'static Encoding) {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return (text, encoding);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(text), UTF_8);
    }
    let encoding = declared(&bytes[..bytes.len().min(PRESCAN_BYTES)]).unwrap_or_else(|| {
        let mut detector = chardetng::EncodingDetector::new();
        detector.feed(bytes, true);
        // Not UTF-8: the bytes were just found invalid as UTF-8.
        detector.guess(None, false)
    });
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    (text, encoding)
}

/// Whether the bytes start with a UTF-16 byte order mark (such a page is full of NUL bytes and is
/// text all the same).
pub fn has_utf16_bom(bytes: &[u8]) -> bool {
    Encoding::for_bom(bytes).is_some_and(|(encoding, _)| encoding != UTF_8)
}

/// The encoding the first `<meta>` tag with a known `charset=` declares in `head`: the
/// `charset` attribute or the `charset=` of a `content` value, read from the tag's text (the tag
/// ends where the page pass ends it, [`crate::clean::prepare::tag_end`]).
fn declared(head: &[u8]) -> Option<&'static Encoding> {
    let mut from = 0;
    while let Some(at) = find_ascii_ci(&head[from..], b"<meta").map(|k| from + k) {
        let name_end = at + b"<meta".len();
        let end = crate::clean::prepare::tag_end(head, name_end);
        from = end.max(name_end);
        // `<metadata>` or `<meta-x>` is another element.
        if !head
            .get(name_end)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'/')
        {
            continue;
        }
        if let Some(encoding) = charset_label(&head[name_end..end]).and_then(Encoding::for_label) {
            return Some(if encoding == X_USER_DEFINED {
                WINDOWS_1252
            } else {
                encoding.output_encoding()
            });
        }
    }
    None
}

/// The encoding label of the first `charset=` in a tag's text (`charset="windows-1251"`,
/// `content="text/html; charset=KOI8-R"`); a `charset` not followed by `=` (`name=charset`) is
/// passed over.
fn charset_label(tag: &[u8]) -> Option<&[u8]> {
    let mut from = 0;
    while let Some(at) = find_ascii_ci(&tag[from..], b"charset").map(|k| from + k) {
        from = at + b"charset".len();
        let Some(rest) = tag[from..].trim_ascii_start().strip_prefix(b"=") else {
            continue;
        };
        let rest = rest.trim_ascii_start();
        let rest = rest
            .strip_prefix(b"\"")
            .or_else(|| rest.strip_prefix(b"'"))
            .unwrap_or(rest);
        let end = rest
            .iter()
            .position(|b| matches!(b, b';' | b'"' | b'\'' | b'>' | b'/') || b.is_ascii_whitespace())
            .unwrap_or(rest.len());
        if end > 0 {
            return Some(&rest[..end]);
        }
    }
    None
}

/// The first position of `needle` (lowercase ASCII) in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{GBK, ISO_8859_2, KOI8_R, SHIFT_JIS, UTF_16LE, WINDOWS_1251};

    /// A page written here, encoded in `encoding`, with `meta` in its head.
    fn page(encoding: &'static Encoding, meta: &str, body: &str) -> Vec<u8> {
        let html =
            format!("<html><head>{meta}<title>t</title></head><body><p>{body}</p></body></html>");
        let (bytes, _, unmappable) = encoding.encode(&html);
        assert!(!unmappable, "the test text fits {}", encoding.name());
        bytes.into_owned()
    }

    /// [`decode_html`] with the text owned.
    fn read(bytes: &[u8]) -> (String, &'static Encoding) {
        let (text, encoding) = decode_html(bytes);
        (text.into_owned(), encoding)
    }

    const RU: &str = "Песков заявил, что иностранные военные контингенты не могут обеспечивать \
                      безопасность Украины, поскольку такой вариант неприемлем для России.";

    #[test]
    fn a_declared_legacy_encoding_is_read_in_it() {
        for (encoding, meta) in [
            (WINDOWS_1251, r#"<meta charset="windows-1251">"#),
            (WINDOWS_1251, "<META CHARSET=cp1251>"),
            (
                KOI8_R,
                r#"<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">"#,
            ),
            (
                WINDOWS_1251,
                "<meta content='text/html;charset=Windows-1251' http-equiv='content-type' />",
            ),
        ] {
            let bytes = page(encoding, meta, RU);
            assert!(std::str::from_utf8(&bytes).is_err());
            let (text, used) = read(&bytes);
            assert_eq!(used, encoding, "{meta}");
            assert!(text.contains(RU), "{meta}: {text}");
        }
        let de = "Außenminister Wadephul verwies auf die Beistandsgarantie für die Ukraine.";
        let (text, used) = read(&page(
            WINDOWS_1252,
            r#"<meta http-equiv="content-type" content="text/html; charset=iso-8859-1">"#,
            de,
        ));
        // ISO-8859-1 is read as windows-1252, as the standard's label table says.
        assert_eq!(used, WINDOWS_1252);
        assert!(text.contains(de));
    }

    #[test]
    fn an_undeclared_legacy_encoding_is_detected() {
        let long = [RU; 3].join(" ");
        let (text, used) = read(&page(WINDOWS_1251, "", &long));
        assert_eq!(used, WINDOWS_1251);
        assert!(text.contains(RU));
        let pl = "Prezydent Nawrocki powiedział, że polscy żołnierze nie zostaną wysłani na \
                  Ukrainę, ale Polska będzie zabezpieczać wojska sojusznicze przebywające w \
                  Polsce i pomagać logistycznie. Żadnych żołnierzy, dodał minister obrony.";
        let (text, used) = read(&page(ISO_8859_2, "", pl));
        assert_eq!(used, ISO_8859_2);
        assert!(text.contains(pl));
        for (encoding, body) in [(GBK, "乌克兰安全保障"), (SHIFT_JIS, "ウクライナの安全保障")]
        {
            let body = [body; 20].join("。");
            let (text, used) = read(&page(encoding, "", &body));
            assert_eq!(used, encoding);
            assert!(text.contains(&body));
        }
    }

    #[test]
    fn valid_utf8_stays_utf8_whatever_the_page_declares() {
        // A page converted to UTF-8 that kept its old declaration.
        let html = format!("<meta charset=windows-1251><p>{RU}</p>");
        let (text, used) = decode_html(html.as_bytes());
        assert_eq!(used, UTF_8);
        assert!(matches!(text, Cow::Borrowed(_)));
        assert!(text.contains(RU));
    }

    #[test]
    fn a_byte_order_mark_decides_first() {
        let html = format!("\u{feff}<meta charset=windows-1251><p>{RU}</p>");
        // By hand: encoding_rs has no UTF-16 encoder (the standard's encoders write UTF-8).
        let mut utf16: Vec<u8> = Vec::new();
        for unit in html.encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        assert!(has_utf16_bom(&utf16));
        let (text, used) = decode_html(&utf16);
        assert_eq!(used, UTF_16LE);
        assert!(
            text.starts_with("<meta"),
            "the mark is not part of the text"
        );
        assert!(text.contains(RU));
    }

    #[test]
    fn a_declared_utf8_page_with_a_stray_byte_keeps_its_text() {
        let mut bytes = format!("<meta charset=utf-8><p>{RU}</p>").into_bytes();
        let p = bytes
            .windows(3)
            .position(|w| w == b"<p>")
            .expect("a paragraph")
            + 3;
        bytes.insert(p, 0xe9);
        let (text, used) = decode_html(&bytes);
        assert_eq!(used, UTF_8);
        assert_eq!(text.matches('\u{fffd}').count(), 1);
        assert!(text.contains("иностранные военные контингенты"));
    }

    #[test]
    fn the_prescan_reads_only_meta_tags_and_their_attributes() {
        assert_eq!(
            declared(b"<metadata charset=koi8-r><meta charset=x-user-defined>"),
            Some(WINDOWS_1252)
        );
        assert_eq!(declared(b"<meta name=charset content=koi8-r>"), None);
        assert_eq!(
            declared(b"<meta content=\"text/html; charset=koi8-r\">"),
            Some(KOI8_R),
            "read without http-equiv too"
        );
        assert_eq!(declared(b"<meta charset=utf-16le>"), Some(UTF_8));
        assert_eq!(
            declared(b"<meta charset=no-such-thing><meta charset=cp1251>"),
            Some(WINDOWS_1251)
        );
        assert_eq!(
            declared(b"<meta charset=\"koi8-r"),
            Some(KOI8_R),
            "cut at the prescan's end"
        );
        assert_eq!(declared(b""), None);
    }
}
