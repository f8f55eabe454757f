//! Repair of mojibake: UTF-8 text that was once decoded as `windows-1251`, `windows-1252` or
//! GBK and saved that way ("РњРѕСЃРєРІР°" for "Москва", "sÃ©curitÃ©" for "sécurité", "вЂ”"
//! for "—", "That鈥檚" for "That’s"). Some pages carry it in their own text, where no choice of
//! encoding at ingest can undo it: in the development corpus a Russian report has half its
//! words so, which the rules and the gazetteer could not read, and two English aggregator
//! copies have their apostrophes and quotation marks so, gluing "government鈥" into one word.
//!
//! The single-byte repair follows ftfy's observation that UTF-8 read in a single-byte encoding
//! leaves an unmistakable trace: every non-ASCII character comes from a lead byte followed by
//! the right number of continuation bytes. A run of non-ASCII characters is encoded back into the
//! single-byte encoding and read as UTF-8; it is replaced only when
//! - every letter of the run is part of such a sequence (a real word such as Ukrainian "Рік",
//!   whose first two letters happen to form one, keeps its third and stays as it is), and
//! - every character the sequences give is a letter or punctuation the corpus's languages use
//!   (Cyrillic, Latin with diacritics, dashes, quotation marks), not an arbitrary code point:
//!   "С»" at the end of an all-capitals Russian word would give U+047B, and stays.
//!
//! The encodings come from `encoding_rs`; the rest is the few lines above, not a general
//! text fixer: ftfy's other repairs (curly quotes over mojibake, several layers) have not been
//! seen in the corpus.

use std::borrow::Cow;
use std::sync::LazyLock;

use encoding_rs::{Encoding, GBK, WINDOWS_1251, WINDOWS_1252};

/// The text with its mojibake repaired, borrowed when there is none.
pub fn repair(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let mut out = Cow::Borrowed(text);
    for encoding in [WINDOWS_1251, WINDOWS_1252] {
        if let Some(fixed) = repair_in(&out, encoding) {
            out = Cow::Owned(fixed);
        }
    }
    if let Some(fixed) = repair_gbk(&out) {
        out = Cow::Owned(fixed);
    }
    out
}

/// Whether `c` is a Han ideograph (CJK unified or compatibility).
fn is_han(c: char) -> bool {
    matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// UTF-8 read as GBK, as some aggregators republish English reports: "That鈥檚" for "That’s".
/// The pairs of bytes GBK reads cross the characters' boundaries, so a run of Han ideographs is
/// encoded back into GBK as a whole and read as UTF-8; the punctuation's last byte was often
/// lost on the way (GBK has no pair for it), and an incomplete last sequence becomes U+FFFD, as
/// an invalid byte does when a page is decoded, so that "government鈥" is the word
/// "government" again. Only where Han ideographs are under a quarter of the letters (a Chinese
/// or Japanese text is not mojibake) and only runs whose every character comes back as a
/// plausible one, or as ASCII, are repaired.
fn repair_gbk(text: &str) -> Option<String> {
    let (mut han, mut letters) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        han += usize::from(is_han(c));
    }
    if han == 0 || han * 4 > letters {
        return None;
    }
    repair_runs(text, is_han, gbk_run)
}

/// A run of Han ideographs read back as UTF-8 from its GBK bytes, when it is mojibake.
fn gbk_run(run: &str) -> Option<String> {
    let (bytes, _, unmappable) = GBK.encode(run);
    if unmappable {
        return None;
    }
    let (valid, incomplete) = match std::str::from_utf8(&bytes) {
        Ok(s) => (s, false),
        // Only an incomplete sequence at the end is allowed (`error_len` is `None` then).
        Err(e) if e.error_len().is_none() => {
            (std::str::from_utf8(&bytes[..e.valid_up_to()]).ok()?, true)
        }
        Err(_) => return None,
    };
    if !valid
        .chars()
        .all(|c| plausible(c) || c.is_ascii_graphic() || c == ' ')
    {
        return None;
    }
    let mut out = valid.to_string();
    if incomplete {
        out.push(char::REPLACEMENT_CHARACTER);
    }
    (!out.is_empty()).then_some(out)
}

/// The text with every run of non-ASCII characters that is mojibake of `encoding` repaired, or
/// `None` when there is none.
fn repair_in(text: &str, encoding: &'static Encoding) -> Option<String> {
    repair_runs(text, |c| !c.is_ascii(), |run| repair_run(run, encoding))
}

/// The text with each maximal run of characters `in_run` accepts replaced by what `repair`
/// makes of it, or `None` when `repair` repaired none.
fn repair_runs(
    text: &str,
    in_run: impl Fn(char) -> bool,
    repair: impl Fn(&str) -> Option<String>,
) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut rest = text;
    while let Some(start) = rest.find(&in_run) {
        out.push_str(&rest[..start]);
        let run = &rest[start..];
        let end = run.find(|c: char| !in_run(c)).unwrap_or(run.len());
        match repair(&run[..end]) {
            Some(fixed) => {
                out.push_str(&fixed);
                changed = true;
            }
            None => out.push_str(&run[..end]),
        }
        rest = &run[end..];
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// A run of non-ASCII characters read back as UTF-8 from its bytes in `encoding`, when it is
/// mojibake by the two tests of the module's documentation.
fn repair_run(run: &str, encoding: &'static Encoding) -> Option<String> {
    // Nearly every run is a sound word whose first letter leads no sequence: decided here,
    // before anything is collected.
    let first = run.chars().next()?;
    if first.is_alphabetic() && byte_of(first, encoding).is_none_or(|b| sequence_width(b) == 1) {
        return None;
    }
    let chars: Vec<char> = run.chars().collect();
    let bytes: Vec<Option<u8>> = chars.iter().map(|c| byte_of(*c, encoding)).collect();
    let mut out = String::with_capacity(run.len());
    let mut decoded = 0;
    let mut i = 0;
    while i < chars.len() {
        let width = bytes[i].map_or(0, sequence_width);
        let sequence: Option<Vec<u8>> = (width > 1 && i + width <= chars.len())
            .then(|| {
                bytes[i..i + width]
                    .iter()
                    .copied()
                    .collect::<Option<Vec<u8>>>()
            })
            .flatten();
        let fixed = sequence
            .and_then(|s| String::from_utf8(s).ok())
            .filter(|s| s.chars().all(plausible));
        match fixed {
            Some(s) => {
                out.push_str(&s);
                decoded += 1;
                i += width;
            }
            // A letter outside any sequence: a real word, not mojibake.
            None if chars[i].is_alphabetic() => return None,
            None => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    (decoded > 0).then_some(out)
}

/// The byte `c` is in a single-byte `encoding`, if it has one there (ASCII is itself).
fn byte_of(c: char, encoding: &'static Encoding) -> Option<u8> {
    if c.is_ascii() {
        return Some(c as u8);
    }
    let table: &[(char, u8)] = if encoding == WINDOWS_1251 {
        &HIGH_1251
    } else {
        &HIGH_1252
    };
    table
        .binary_search_by_key(&c, |(x, _)| *x)
        .ok()
        .map(|k| table[k].1)
}

/// The characters of bytes 0x80 to 0xFF in an encoding, sorted by character for lookup.
fn high_half(encoding: &'static Encoding) -> Vec<(char, u8)> {
    let bytes: Vec<u8> = (0x80..=0xFF).collect();
    let (text, _) = encoding.decode_without_bom_handling(&bytes);
    let mut table: Vec<(char, u8)> = text.chars().zip(0x80..=0xFF).collect();
    table.sort_unstable();
    table
}

static HIGH_1251: LazyLock<Vec<(char, u8)>> = LazyLock::new(|| high_half(WINDOWS_1251));
static HIGH_1252: LazyLock<Vec<(char, u8)>> = LazyLock::new(|| high_half(WINDOWS_1252));

/// How many bytes a UTF-8 sequence starting with `lead` has (1 for anything that is not the
/// lead byte of a two- or three-byte sequence; four-byte sequences, emoji and rarer scripts,
/// are not repaired).
fn sequence_width(lead: u8) -> usize {
    match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 1,
    }
}

/// Whether a character mojibake could stand for in the corpus's languages: Latin letters with
/// diacritics (Latin-1, Extended-A, Romanian ș and ț), the no-break space, the pound sign,
/// guillemets and the degree sign, Cyrillic letters, and general punctuation (dashes, quotation
/// marks, the ellipsis), the euro and the numero sign.
fn plausible(c: char) -> bool {
    matches!(c,
        '\u{A0}' | '\u{A3}' | '\u{AB}' | '\u{B0}' | '\u{BB}'
        | '\u{C0}'..='\u{17F}'
        | '\u{218}'..='\u{21B}'
        | '\u{400}'..='\u{45F}'
        | '\u{490}' | '\u{491}'
        | '\u{2010}'..='\u{2026}'
        | '\u{20AC}' | '\u{2116}')
        && c != '\u{D7}'
        && c != '\u{F7}'
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` as it reads after its UTF-8 bytes were decoded in `encoding`.
    fn garble(text: &str, encoding: &'static Encoding) -> String {
        encoding
            .decode_without_bom_handling(text.as_bytes())
            .0
            .into_owned()
    }

    #[test]
    fn utf8_read_as_windows_1251_is_repaired() {
        let original = "Москва. 6 января. — Президент Франции Эммануэль Макрон и премьер Великобритании Кир Стармер подписали декларацию о намерениях.";
        let garbled = garble(original, WINDOWS_1251);
        assert!(garbled.contains("РњРѕСЃРєРІР°"), "{garbled}");
        assert_eq!(repair(&garbled), original);
    }

    #[test]
    fn utf8_read_as_windows_1252_is_repaired() {
        for original in [
            "La sécurité de l’Ukraine — une force de réassurance « crédible ».",
            "Garantias de segurança: a coalizão não enviará tropas.",
            "Polska nie wyśle żołnierzy; România și Türkiye discută.",
            "Москва заявила о гарантиях",
        ] {
            let garbled = garble(original, WINDOWS_1252);
            assert_ne!(garbled, original);
            assert_eq!(repair(&garbled), original, "{garbled}");
        }
    }

    #[test]
    fn a_page_mixing_repaired_and_sound_words_keeps_the_sound_ones() {
        // As on the real page: some words came through, others did not.
        let text = format!(
            "Президент {} Эммануэль Макрон, премьер {} Стармер {} президент Украины",
            garble("Франции", WINDOWS_1251),
            garble("Кир", WINDOWS_1251),
            garble("и", WINDOWS_1251),
        );
        assert_eq!(
            repair(&text),
            "Президент Франции Эммануэль Макрон, премьер Кир Стармер и президент Украины"
        );
    }

    #[test]
    fn sound_text_in_every_language_of_the_corpus_is_left_alone() {
        for text in [
            "Рік тому Сі Цзіньпін і Рішення Ради: «ЦЕНТР» і «КОНГРЕСС»",
            "Україна, Євросоюз, ґрунт, їхні гарантії",
            "Sécurité, garanties, « ÉTATS-UNIS », ÇA, NÃO, SÃO PAULO, Ä Ö Ü ß",
            "Bezpieczeństwo, żołnierze, România, Türkiye, İstanbul, ağır",
            "Der Präsident sagte: „Wir müssen“ – und „Frieden“.",
            "Ελλάδα και 日本 — emoji 🇺🇦",
        ] {
            assert!(matches!(repair(text), Cow::Borrowed(_)), "{text}");
        }
    }

    #[test]
    fn every_high_byte_has_one_character() {
        // windows-1251 and windows-1252 (as the WHATWG standard defines them) map each of the
        // 128 high bytes to its own character, so the lookup is one-to-one.
        for table in [&*HIGH_1251, &*HIGH_1252] {
            assert_eq!(table.len(), 128);
            assert!(table.windows(2).all(|w| w[0].0 < w[1].0));
        }
        assert_eq!(byte_of('Р', WINDOWS_1251), Some(0xD0));
        assert_eq!(byte_of('é', WINDOWS_1252), Some(0xE9));
        assert_eq!(byte_of('Р', WINDOWS_1252), None);
    }

    #[test]
    fn utf8_read_as_gbk_is_repaired_where_the_text_is_not_chinese() {
        // From a real aggregator's copy of a UK government statement (dev item o005): the
        // apostrophe comes back with the letter GBK paired it with; the closing quotation mark
        // lost its last byte and becomes U+FFFD, which ends the word before it.
        let text =
            "That\u{9225}\u{6a9a} why the government\u{9225}\nIs it? It costs \u{62e2}3 billion.";
        assert_eq!(
            repair(text),
            "That\u{2019}s why the government\u{FFFD}\nIs it? It costs \u{A3}3 billion."
        );
        // A Chinese text is left alone.
        let chinese = "乌克兰安全保障 鈥檚 联盟";
        assert!(matches!(repair(chinese), Cow::Borrowed(_)));
    }

    #[test]
    fn ascii_text_is_borrowed() {
        assert!(matches!(repair("Plain text."), Cow::Borrowed(_)));
    }
}
