//! The pre-pass of [`super`]: one linear pass over a page before any HTML parser sees it
//! ([`prepare_html`]). It drops scripts, styles, comments and, of a page, navigation, drawings
//! and form controls that no article text comes from, unwraps elements nested deeper than
//! [`MAX_HTML_DEPTH`], keeps only the metadata part for [`Keep::Head`], and of a [`Keep::Page`]
//! writes plain text elements with only the attributes the extractor reads. Kept apart from the
//! extraction and the line classifier because it is a tokenizer of its own, with its own tests.

use memchr::{memchr, memchr3};

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

/// Elements a [`Keep::Page`] drops whole, with their content.
const DROPPED_ELEMENTS: &[&str] = &["svg", "nav", "noscript", "select", "button"];

/// Elements a start tag of the same name implicitly ends (`<li>one<li>two`).
const SELF_ENDING: &[&str] = &[
    "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "rt", "rp",
];

/// Rewrites a page into what the extractor needs, in one linear pass: comments, scripts (other
/// than JSON-LD metadata) and style sheets are dropped, and of a [`Keep::Page`] the elements of
/// `DROPPED_ELEMENTS` too, whole: inline SVG drawings (icons and logos, whose path data the
/// parser would build into nodes that no text comes from: on the 181 benchmark pages the
/// extracted text and metadata are byte-identical without them, and the page parse about 3%
/// faster); `noscript`, which dom_smoothie removes before it scores anything; `select` and
/// `button`, form controls it removes from any article; and `nav`, navigation, a fifth of the
/// bytes of those pages once scripts and styles are gone, whose only text in their extracts was
/// breadcrumbs ("Home / News / Science & Astronomy", 15 lines on 9 pages; extraction F1 0.956 ->
/// 0.957 and the page parse 13% faster, 6 December 2026). Elements nested deeper than
/// [`MAX_HTML_DEPTH`] are unwrapped, keeping their text, and of a [`Keep::Page`], the common
/// text elements (`PLAIN_ELEMENTS`) keep only the attributes the extractor reads, long link
/// addresses shortened (`push_read_attributes`). In both, `meta` tags keep only the attributes
/// metadata is read from and `link` tags are dropped (`meta_attribute_use`): the page pass feeds
/// the metadata too ([`super::read_html`]), and the content never reads either.
///
/// Why: the HTML parser and the readability pass both cost time in proportion to nesting depth
/// for every element, so a page nested 100,000 levels deep took minutes; and inline scripts and
/// styles are most of the bytes of a news page, parsed only to be thrown away. On the 181 pages
/// of the ScrapingHub article-extraction benchmark the extracted text and metadata are the same
/// with and without this pass, but for the breadcrumbs that dropping `nav` takes out.
///
/// It runs over every page, so it allocates nothing per tag: element
/// names are numbered the first time they are seen (`Names`) and the open elements are a stack
/// of those numbers.
pub fn prepare_html(html: &str, keep: Keep) -> String {
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 2);
    let mut names = Names::default();
    // Open elements: (name, emitted?). `names` counts them by name, so an end tag with no open
    // element of its name is found in constant time.
    let mut stack: Vec<(u32, bool)> = Vec::new();
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
                .take_while(|&&c| is_name_char(c))
                .count();
        if name_end == name_start || !b[name_start].is_ascii_alphabetic() {
            // Not a tag: a literal `<`.
            if shown(keep, in_body) {
                out.push('<');
            }
            i = lt + 1;
            continue;
        }
        let name = names.id(&b[name_start..name_end]);
        let kind = names.kind[name as usize];
        let tag_end = tag_end(b, name_end);
        let tag = &html[lt..tag_end];
        i = tag_end;
        if closing {
            if names.open[name as usize] > 0 {
                names.open[name as usize] -= 1;
                while let Some((top, emitted)) = stack.pop() {
                    if top == name {
                        if emitted && (shown(keep, in_body)) {
                            out.push_str(tag);
                        }
                        break;
                    }
                    names.open[top as usize] -= 1;
                }
            } else if shown(keep, in_body) {
                out.push_str(tag);
            }
            continue;
        }
        if kind & BODY != 0 {
            in_body = true;
        }
        if keep == Keep::Page
            && kind & DROPPED != 0
            && !tag.ends_with("/>")
            && let Some(end) = element_end(b, tag_end, &b[name_start..name_end])
        {
            i = end;
            continue;
        }
        if kind & (SCRIPT | STYLE) != 0 {
            let end = raw_text_end(b, tag_end, &b[name_start..name_end]);
            let json_ld = kind & SCRIPT != 0 && contains_ignore_ascii_case(tag, b"ld+json");
            if json_ld {
                out.push_str(&html[lt..end]);
            }
            i = end;
            continue;
        }
        // Metadata tags count wherever they stand (pages put them in the body too).
        let visible = shown(keep, in_body) || kind & METADATA != 0;
        if kind & RAW != 0 {
            let end = raw_text_end(b, tag_end, &b[name_start..name_end]);
            if visible {
                out.push_str(&html[lt..end]);
            }
            i = end;
            continue;
        }
        if kind & VOID_TAG != 0 || tag.ends_with("/>") {
            if !visible {
                continue;
            }
            if keep == Keep::Page && kind & PLAIN != 0 {
                push_read_attributes(&mut out, tag, name_end - lt, attribute_use);
            } else if kind & META != 0 {
                push_read_attributes(&mut out, tag, name_end - lt, meta_attribute_use);
            } else if kind & LINK != 0 {
                // A link is only read for the favicon, which nobody asks for; one the tokenizer
                // would read otherwise is kept as written.
                let start = out.len();
                if push_read_attributes(&mut out, tag, name_end - lt, |_| AttributeUse::Drop) {
                    out.truncate(start);
                }
            } else {
                out.push_str(tag);
            }
            continue;
        }
        // Implied end tags: a block ends an open `<p>`, then `<li>` ends an open `<li>`.
        if kind & ENDS_P != 0
            && let Some((top, _)) = stack.pop_if(|(top, _)| names.kind[*top as usize] & P != 0)
        {
            names.open[top as usize] -= 1;
        }
        if kind & SELF_END != 0
            && let Some((top, _)) = stack.pop_if(|(top, _)| *top == name)
        {
            names.open[top as usize] -= 1;
        }
        let emitted = stack.len() < MAX_HTML_DEPTH;
        if emitted && visible {
            if keep == Keep::Page && kind & PLAIN != 0 {
                push_read_attributes(&mut out, tag, name_end - lt, attribute_use);
            } else {
                out.push_str(tag);
            }
        }
        names.open[name as usize] += 1;
        stack.push((name, emitted));
    }
    out
}

/// Elements whose attributes the extractor reads by name only, never all of them, and whose
/// attributes do not change how the HTML parser builds the tree (unlike `input`, `font`, `svg`,
/// `math` or `img`, `iframe` and `object`, whose every attribute dom_smoothie scans for image and
/// video addresses): [`push_read_attributes`] may drop their other attributes.
const PLAIN_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "article",
    "aside",
    "b",
    "blockquote",
    "body",
    "cite",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "i",
    "label",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    // SVG shapes: the path data of inline icons is most of their bytes.
    "circle",
    "ellipse",
    "g",
    "line",
    "path",
    "polygon",
    "polyline",
    "rect",
];

/// What [`push_read_attributes`] does with an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AttributeUse {
    Drop,
    Keep,
    /// Kept with a shorter value that answers every question dom_smoothie asks of a link's
    /// address the same way (see [`short_href`]).
    Href,
}

/// Every attribute dom_smoothie 0.19 reads by name (scoring by `class` and `id`, visibility by
/// `style`, `hidden` and `aria-hidden`, roles, bylines by `rel` and `itemprop`, link density by
/// `href`, data tables by `summary`, `datatable` and `colspan`, metadata, images) and its own
/// marks (`data-readability-score`, `data-readability-table`), which a page may carry already.
/// Checked against the crate's source when it is upgraded: an attribute it starts to read must be
/// added here.
fn attribute_use(name: &[u8]) -> AttributeUse {
    const MARK: &[u8] = b"data-readability";
    let mut lower = [0u8; 16];
    if name.len() > lower.len() {
        return if name[..MARK.len()].eq_ignore_ascii_case(MARK) {
            AttributeUse::Keep
        } else {
            AttributeUse::Drop
        };
    }
    let lower = &mut lower[..name.len()];
    lower.copy_from_slice(name);
    lower.make_ascii_lowercase();
    match &*lower {
        b"href" => AttributeUse::Href,
        b"alt" | b"aria-hidden" | b"aria-modal" | b"class" | b"colspan" | b"content"
        | b"data-src" | b"data-srcset" | b"datatable" | b"dir" | b"hidden" | b"id"
        | b"itemprop" | b"lang" | b"loading" | b"name" | b"property" | b"rel" | b"role"
        | b"sizes" | b"src" | b"srcset" | b"style" | b"summary" | b"type" | MARK => {
            AttributeUse::Keep
        }
        _ => AttributeUse::Drop,
    }
}

/// The attributes of a `meta` tag that [`prepare_html`] keeps: the three dom_smoothie's metadata
/// reads (`meta[content]`, by `property` or `name`).
///
/// Why: `meta` and `link` tags are two thirds of the metadata part of a news page (preloads,
/// icons, `data-` and `itemprop` attributes), and the HTML parser allocates every attribute of
/// them only for the metadata reading to read three (on the benchmark's pages, a tenth of the
/// markup left after the page pass). A `charset` or `http-equiv` would only make the
/// parser report an encoding, which parsing from a `&str` ignores.
fn meta_attribute_use(name: &[u8]) -> AttributeUse {
    if [&b"content"[..], b"property", b"name"]
        .iter()
        .any(|n| name.eq_ignore_ascii_case(n))
    {
        AttributeUse::Keep
    } else {
        AttributeUse::Drop
    }
}

/// A shorter `href` for a link whose written address is `value`, or `None` to keep it.
///
/// dom_smoothie asks four things of an address: whether it is there, whether it is a fragment
/// longer than `#` (link density), whether it starts with `javascript:` (such links become
/// text) and whether it starts with `http` (other addresses are made absolute, which changes no
/// text). An address written from `http` (so decoded from `http` too) or from `/` and one more
/// character (decoded to at least two characters) gets the same four answers from `http` or `/x`,
/// and neither becomes text, so only the parser's copy of a long address is saved.
fn short_href(value: &[u8]) -> Option<&'static str> {
    if value.starts_with(b"http") {
        Some(" href=\"http\"")
    } else if value.len() >= 2 && value[0] == b'/' {
        Some(" href=\"/x\"")
    } else {
        None
    }
}

/// Writes the start tag `tag` (from `<` to `>`, its name ending at `name_end`) with only the
/// attributes dom_smoothie reads (`read`: [`attribute_use`] for the page, [`meta_attribute_use`]
/// for `meta` tags), each as written (a link's address shortened by
/// [`short_href`]), in their order; `false` when the tag was written unchanged (see below).
///
/// Why: of the news pages of the article-extraction benchmark, attributes are two thirds of the
/// bytes left once scripts and styles are gone (tracking `data-` attributes, ARIA labels, link
/// targets, sizes), and the HTML parser allocates a name and a value for each, which dom_smoothie
/// then clones with the document and never reads. The tag is read as the HTML tokenizer reads it
/// (names end at whitespace, `/`, `>` or `=`; values are quoted or end at whitespace or `>`; a `/`
/// not followed by `>` counts as whitespace), so the parser sees the same element with the same
/// kept attributes, the first of duplicated names included, and the same self-closing flag. A tag
/// it cannot read that way (a name with a quote, `<` or leading `=`, an unclosed quote, an empty
/// unquoted value, a `>` before the end that `tag_end` skipped as quoted) is written unchanged.
fn push_read_attributes(
    out: &mut String,
    tag: &str,
    name_end: usize,
    read: impl Fn(&[u8]) -> AttributeUse,
) -> bool {
    let s = tag.as_bytes();
    let start = out.len();
    let is_space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    out.push_str(&tag[..name_end]);
    let mut i = name_end;
    if s.get(i)
        .is_some_and(|c| !is_space(*c) && *c != b'/' && *c != b'>')
    {
        // `<div.x>`: the tokenizer's name goes on.
        out.truncate(start);
        out.push_str(tag);
        return false;
    }
    let mut after_slash = false;
    loop {
        while let Some(&c) = s.get(i).filter(|c| is_space(**c) || **c == b'/') {
            after_slash = c == b'/';
            i += 1;
        }
        match s.get(i) {
            // The tokenizer ends the tag here; `tag_end` agrees unless quotes stood inside a
            // name or an unquoted value.
            Some(b'>') if i + 1 == s.len() => {
                out.push_str(if after_slash { " />" } else { ">" });
                return true;
            }
            Some(b'=' | b'>') | None => break,
            Some(_) => {}
        }
        after_slash = false;
        let name_start = i;
        while s
            .get(i)
            .is_some_and(|c| !is_space(*c) && !matches!(c, b'/' | b'>' | b'='))
        {
            i += 1;
        }
        let name = &s[name_start..i];
        if name.iter().any(|c| matches!(c, b'"' | b'\'' | b'<')) {
            break;
        }
        let mut end = i;
        let mut value = &s[i..i];
        let mut k = i;
        while s.get(k).is_some_and(|c| is_space(*c)) {
            k += 1;
        }
        if s.get(k) == Some(&b'=') {
            k += 1;
            while s.get(k).is_some_and(|c| is_space(*c)) {
                k += 1;
            }
            match s.get(k) {
                Some(&q @ (b'"' | b'\'')) => match memchr(q, &s[k + 1..]) {
                    Some(close) => {
                        end = k + 1 + close + 1;
                        value = &s[k + 1..end - 1];
                    }
                    None => break,
                },
                Some(b'>') | None => break,
                Some(_) => {
                    end = k + s[k..]
                        .iter()
                        .take_while(|c| !is_space(**c) && **c != b'>')
                        .count();
                    value = &s[k..end];
                }
            }
        }
        match (read(name), short_href(value)) {
            (AttributeUse::Drop, _) => {}
            (AttributeUse::Href, Some(short)) => out.push_str(short),
            (AttributeUse::Keep | AttributeUse::Href, _) => {
                out.push(' ');
                out.push_str(&tag[name_start..end]);
            }
        }
        i = end;
    }
    out.truncate(start);
    out.push_str(tag);
    false
}

// What [`prepare_html`] needs to know of an element name, as bits of [`Names::kind`].
const VOID_TAG: u16 = 1;
const RAW: u16 = 1 << 1;
const ENDS_P: u16 = 1 << 2;
const SELF_END: u16 = 1 << 3;
const P: u16 = 1 << 4;
const BODY: u16 = 1 << 5;
const SCRIPT: u16 = 1 << 6;
const STYLE: u16 = 1 << 7;
/// `meta`, `link` and `title`, read wherever they stand.
const METADATA: u16 = 1 << 8;
/// One of [`PLAIN_ELEMENTS`].
const PLAIN: u16 = 1 << 9;
const META: u16 = 1 << 10;
const LINK: u16 = 1 << 11;
const DROPPED: u16 = 1 << 12;

/// The element names of one page, numbered in order of appearance (lowercase), with what
/// [`prepare_html`] needs of each: its kind (looked up in the name lists once per name, not once
/// per tag) and how many elements of that name are open.
#[derive(Default)]
struct Names {
    ids: crate::text::FastMap<Vec<u8>, u32>,
    /// The names of up to eight bytes (nearly all), as one little-endian word of their lowercase
    /// bytes: looked up without copying or hashing a string, once per tag of both passes.
    short: crate::text::FastMap<u64, u32>,
    kind: Vec<u16>,
    open: Vec<usize>,
    lower: Vec<u8>,
}

impl Names {
    /// The number of the name `raw` (any case); a new name gets the next one.
    fn id(&mut self, raw: &[u8]) -> u32 {
        // Names hold no NUL byte, so the zero padding keeps words of different names apart.
        let word = (raw.len() <= 8).then(|| {
            let mut w = [0u8; 8];
            for (to, from) in w.iter_mut().zip(raw) {
                *to = from.to_ascii_lowercase();
            }
            u64::from_le_bytes(w)
        });
        if let Some(id) = word.and_then(|w| self.short.get(&w)) {
            return *id;
        }
        let id = self.long_id(raw);
        if let Some(w) = word {
            self.short.insert(w, id);
        }
        id
    }

    fn long_id(&mut self, raw: &[u8]) -> u32 {
        self.lower.clear();
        self.lower.extend(raw.iter().map(u8::to_ascii_lowercase));
        if let Some(id) = self.ids.get(self.lower.as_slice()) {
            return *id;
        }
        let id = self.kind.len() as u32;
        let name = std::str::from_utf8(&self.lower).unwrap_or("");
        let flag = |list: &[&str], bit: u16| if list.contains(&name) { bit } else { 0 };
        self.kind.push(
            flag(VOID, VOID_TAG)
                | flag(RAW_TEXT, RAW)
                | flag(CLOSES_P, ENDS_P)
                | flag(SELF_ENDING, SELF_END)
                | flag(&["p"], P)
                | flag(&["body"], BODY)
                | flag(&["script"], SCRIPT)
                | flag(&["style"], STYLE)
                | flag(&["meta", "link", "title"], METADATA)
                | flag(PLAIN_ELEMENTS, PLAIN)
                | flag(&["meta"], META)
                | flag(&["link"], LINK)
                | flag(DROPPED_ELEMENTS, DROPPED),
        );
        self.open.push(0);
        self.ids.insert(self.lower.clone(), id);
        id
    }
}

/// Whether `hay` contains `needle` (lowercase ASCII), ignoring ASCII case.
fn contains_ignore_ascii_case(hay: &str, needle: &[u8]) -> bool {
    hay.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// Whether text at this point goes into the output: everything of a page, the head only of
/// [`Keep::Head`].
fn shown(keep: Keep, in_body: bool) -> bool {
    keep == Keep::Page || !in_body
}

/// The index just past the `>` ending a start or end tag whose name ends at `from`; quoted
/// attribute values may contain `>`.
pub(crate) fn tag_end(b: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(k) = memchr3(b'>', b'"', b'\'', &b[i..]) {
        let at = i + k;
        match b[at] {
            b'>' => return at + 1,
            q => match memchr(q, &b[at + 1..]) {
                Some(close) => i = at + 1 + close + 1,
                None => return b.len(),
            },
        }
    }
    b.len()
}

/// Whether a byte goes on an element's name (custom elements have hyphens: `<nav-item>` is not
/// a `<nav>`).
fn is_name_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'-' || c == b':'
}

/// The index just past the end tag that closes the element `name` whose start tag ends at
/// `from`, counting nested elements of that name; `None` when it is never closed.
fn element_end(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut depth = 1usize;
    let mut i = from;
    while let Some(k) = memchr(b'<', &b[i..]) {
        let at = i + k;
        let rest = &b[at..];
        let closing = rest.get(1) == Some(&b'/');
        let tag = &rest[1 + usize::from(closing)..];
        let same = tag.len() >= name.len()
            && tag[..name.len()].eq_ignore_ascii_case(name)
            && tag.get(name.len()).is_none_or(|&c| !is_name_char(c));
        let end = tag_end(b, at + 1);
        if same {
            if closing {
                depth -= 1;
                if depth == 0 {
                    return Some(end);
                }
            } else if !b[at..end].ends_with(b"/>") {
                depth += 1;
            }
        }
        i = end.max(at + 1);
    }
    None
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

/// The first `needle` in `b` at or after `from`.
fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(b.get(from..)?, needle).map(|k| from + k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prepare_drops_scripts_styles_and_comments_but_keeps_json_ld() {
        let html = r#"<html><head><title>T</title><style>p { color: red }</style><script type="application/ld+json">{"datePublished":"2025-03-02"}</script></head><body><!-- <p>hidden</p> --><p class="a>b">Kept text.</p><SCRIPT>if (a < b) { document.write("</p>") }</SCRIPT></body></html>"#;
        let page = prepare_html(html, Keep::Page);
        assert_eq!(
            page,
            r#"<html><head><title>T</title><script type="application/ld+json">{"datePublished":"2025-03-02"}</script></head><body><p class="a>b">Kept text.</p></body></html>"#
        );
        let head = prepare_html(html, Keep::Head);
        assert_eq!(
            head,
            r#"<html><head><title>T</title><script type="application/ld+json">{"datePublished":"2025-03-02"}</script></head>"#
        );
    }

    #[test]
    fn inline_svg_is_dropped_from_the_page_whole() {
        let page = |html: &str| prepare_html(html, Keep::Page);
        // Nested drawings end at their own closing tag; the text after the outer one stays.
        assert_eq!(
            page(
                r#"<p>a</p><svg viewBox="0 0 9 9"><g><svg><path d="M0 0"/></svg><title>icon</title></g></SVG><p>b</p>"#
            ),
            "<p>a</p><p>b</p>"
        );
        // A self-closing drawing has no content to skip: it is written as it is.
        assert_eq!(page("<svg/><p>kept</p>"), "<svg/><p>kept</p>");
        // `<svgfoo>` is another element; an unclosed drawing is left to the parser as written.
        assert_eq!(page("<svgfoo>x</svgfoo>"), "<svgfoo>x</svgfoo>");
        assert_eq!(page("<svg><p>open"), "<svg><p>open");
        // The metadata pass still sees a title wherever it stands, as before.
        let head = "<head><title>T</title></head><body><svg><title>i</title></svg></body>";
        assert!(prepare_html(head, Keep::Head).contains("<title>i</title>"));
    }

    #[test]
    fn navigation_and_form_controls_are_dropped_from_the_page_whole() {
        let page = |html: &str| prepare_html(html, Keep::Page);
        assert_eq!(
            page(
                r#"<nav class="crumbs"><a href="/">Home</a><nav><a href="/n">News</a></nav></NAV><p>Story.</p>"#
            ),
            "<p>Story.</p>"
        );
        assert_eq!(
            page(
                "<p>a</p><noscript><img src=x></noscript><select><option>EN</option></select><button>Share</button><p>b</p>"
            ),
            "<p>a</p><p>b</p>"
        );
        // `<navigation>` is another element, and an unclosed `<nav>` is left to the parser.
        assert_eq!(
            page("<navigation>x</navigation>"),
            "<navigation>x</navigation>"
        );
        assert_eq!(page("<nav><p>open"), "<nav><p>open");
        // A custom element whose name starts with `nav` neither opens nor closes one (an
        // unclosed `<nav-item>` once kept the whole navigation).
        assert_eq!(page("<nav><nav-item>a</nav><p>b</p>"), "<p>b</p>");
        assert_eq!(page("<nav-bar>x</nav-bar>"), "<nav-bar>x</nav-bar>");
        // The metadata pass keeps what it kept.
        let head = r#"<head><title>T</title></head><body><nav><meta property="og:title" content="x"></nav></body>"#;
        assert!(prepare_html(head, Keep::Head).contains("og:title"));
    }

    #[test]
    fn plain_elements_keep_only_the_attributes_the_extractor_reads() {
        let page = |html: &str| prepare_html(html, Keep::Page);
        assert_eq!(
            page(
                r#"<DIV Class="story" data-track='{"a":1}' id=main aria-label="x" style="display:none">t</DIV>"#
            ),
            r#"<DIV Class="story" id=main style="display:none">t</DIV>"#
        );
        // Link addresses keep their answers to "there?", "#…?", "javascript:?", "http…?".
        assert_eq!(
            page(
                r##"<a href="https://example.com/a/long/path?q=1&amp;r=2" target=_blank>a</a><a HREF=/news/1>b</a><a href="#top">c</a><a href="javascript:void(0)">d</a><a href>e</a><a href="/">f</a>"##
            ),
            r##"<a href="http">a</a><a href="/x">b</a><a href="#top">c</a><a href="javascript:void(0)">d</a><a href>e</a><a href="/">f</a>"##
        );
        // The self-closing flag, duplicates and the data-readability marks survive.
        assert_eq!(
            page(
                r#"<g><path d="M0 0L10 10" class=x/><path class="y"/><span id=a id=b data-readability-score=3 / >"#
            ),
            r#"<g><path class=x/><path class="y" /><span id=a id=b data-readability-score=3>"#
        );
        // Tags the tokenizer would read otherwise are left as written.
        for tag in [
            r#"<div.x class="a" data-x="1">"#,
            r#"<div a"b="1" data-x="1">"#,
            r#"<div =x data-x="1">"#,
            r#"<div data-x= >"#,
            r#"<div data-x=a"b>c">"#,
        ] {
            assert_eq!(page(tag), tag);
        }
        // Elements whose every attribute counts keep them all.
        let img = r#"<img data-lazy="a.jpg" width=3><iframe data-x="https://youtube.com/embed/1"></iframe>"#;
        assert_eq!(page(img), img);
        // The metadata pass leaves the attributes of other elements alone.
        let head = r#"<html lang="en" data-x="1"><head><title>T</title></head><body><div data-x="1"><meta name="a" content="b"></div></body></html>"#;
        assert_eq!(
            prepare_html(head, Keep::Head),
            r#"<html lang="en" data-x="1"><head><title>T</title></head><meta name="a" content="b">"#
        );
    }

    #[test]
    fn the_metadata_pass_keeps_what_metadata_is_read_from() {
        let head = |html: &str| prepare_html(html, Keep::Head);
        // Meta tags keep `content`, `property` and `name`, in any case; links go.
        assert_eq!(
            head(
                r#"<head><meta charset="utf-8"><META data-x=1 PROPERTY="og:title" itemprop=name Content='A "B"' /><link rel="preload" href="/a.js"><link rel=icon href=/i.png/></head><body><link rel="stylesheet" href="b.css"><p>x</p><meta name="author" content="C"></body>"#
            ),
            r#"<head><meta><META PROPERTY="og:title" Content='A "B"' /></head><meta name="author" content="C">"#
        );
        // Tags the tokenizer would read otherwise are left as written.
        for tag in [r#"<link href=a"b><title>T</title>""#, r#"<meta data-x= >"#] {
            assert_eq!(head(tag), tag);
        }
    }

    #[test]
    fn tags_end_at_the_first_unquoted_bracket() {
        let hay = b"<p class=\"a>b\" id='c'>text</p> and more text after the tag, > end";
        assert_eq!(tag_end(hay, 2), 22);
        assert_eq!(tag_end(b"<a title=\"no end>", 2), 17);
        assert_eq!(find(b"a-->b-->", 3, b"-->"), Some(5));
        assert_eq!(find(b"a-->", 2, b"-->"), None);
    }
}
