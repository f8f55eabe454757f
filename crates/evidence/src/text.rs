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
///
/// Every stage tokenises every text, so ASCII bytes are classified as bytes and only other
/// characters are decoded (the same classification: an ASCII character is alphanumeric exactly
/// when `char::is_alphanumeric` says so).
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let (alphanumeric, len) = if b[i].is_ascii() {
            (b[i].is_ascii_alphanumeric(), 1)
        } else {
            let c = text[i..]
                .chars()
                .next()
                .unwrap_or(char::REPLACEMENT_CHARACTER);
            (is_word_char(c), c.len_utf8())
        };
        if alphanumeric {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push(Token { start: s, end: i });
        }
        i += len;
    }
    if let Some(s) = start {
        out.push(Token {
            start: s,
            end: text.len(),
        });
    }
    out
}

/// Whether `c` is part of a word: letters and digits, except U+02BC MODIFIER LETTER APOSTROPHE,
/// which Unicode classes as a letter but Ukrainian writes as its apostrophe ("пʼять", the form
/// its orthography recommends): it ends a word as `’` and `'` do, so "зобовʼязалися" and
/// "зобов’язалися" give the lexicons the same words.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && c != '\u{2bc}'
}

/// Folds a word for comparison: NFKC, transliterated to ASCII, lowercase, letters and digits only.
pub fn fold_word(word: &str) -> String {
    let mut out = String::new();
    fold_word_into(word, &mut out);
    out
}

/// [`fold_word`] appended to `out`, so that a caller folding every word of a text (the resolve
/// stage) builds one string rather than one per word.
pub fn fold_word_into(word: &str, out: &mut String) {
    // ASCII is its own NFKC form and its own transliteration, so the two passes (and their
    // strings) are skipped for it: most words of most pages are ASCII.
    if word.is_ascii() {
        out.extend(
            word.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
        return;
    }
    let word = &*crate::script::unmix_scripts(word);
    // Lowercase before transliterating: the transliteration of a capital is not always the
    // capital of the transliteration ("Є" gives "E" but "є" gives "ie"), so "Європейські" at
    // the start of a sentence would not meet "європейські" inside one.
    let nfkc: String = if word.chars().any(char::is_uppercase) {
        word.nfkc().flat_map(char::to_lowercase).collect()
    } else {
        word.nfkc().collect()
    };
    out.extend(
        deunicode::deunicode(&nfkc)
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase()),
    );
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
    name_key_of_folded(&fold_word(word))
}

/// [`name_key`] of a word already folded with [`fold_word`] (the resolve stage folds every word
/// once and keys the folded form).
pub fn name_key_of_folded(folded: &str) -> String {
    let mut f = folded.to_string();
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

/// Whether `host` (lowercase) is `domain` or one of its subdomains: `uk.reuters.com` is on
/// `reuters.com`, `notreuters.com` is not.
pub fn host_on_domain(host: &str, domain: &str) -> bool {
    host == domain
        || host
            .strip_suffix(domain)
            .is_some_and(|rest| rest.ends_with('.'))
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

/// The hash a [`WordMatcher`](crate::words::WordMatcher) files a word under ([`FastHasher`] over its bytes).
pub fn word_hash(word: &str) -> u64 {
    let mut h = FastHasher::default();
    std::hash::Hasher::write(&mut h, word.as_bytes());
    std::hash::Hasher::finish(&h)
}

/// A fast hasher for the lookup tables of the pipeline's matchers and of the sentence model
/// (a multiply-add over 8-byte words, finished with [`mix64`]).
///
/// Why: std's default SipHash guards against hash flooding by untrusted keys; here the keys of
/// every table are the embedded lexicon's words and hashed feature ids, and the lookups (several
/// per word of every sentence, for each matcher) were the matchers' main cost. Iteration order of
/// these tables is never observed, so the hasher does not change any result.
#[derive(Debug, Clone, Copy, Default)]
pub struct FastHasher(u64);

impl FastHasher {
    const K: u64 = 0xf135_7aea_2e62_a9c5;

    fn add(&mut self, x: u64) {
        self.0 = self.0.wrapping_add(x).wrapping_mul(Self::K);
    }
}

impl std::hash::Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        mix64(self.0)
    }
}

/// A `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<FastHasher>>;

/// A quoted span: the byte range of the words inside the quotation marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteSpan {
    pub start: usize,
    pub end: usize,
}

/// Finds quoted spans: “…”, «…», „…“, „…” and straight "…" pairs, and the mixed and
/// right-mark forms real pages print: „…" (a typographic opening mark closed by a straight one)
/// and ”…” (Romanian, Swedish and Finnish pages open with the closing mark: "”Acesta ar putea
/// să fie ...”, a adăugat"). Unbalanced marks are ignored.
pub fn quotes(text: &str) -> Vec<QuoteSpan> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        match (open, c) {
            (None, '“' | '«' | '„' | '"' | '”') => open = Some((i + c.len_utf8(), c)),
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
        ('“', '”')
            | ('«', '»')
            | ('„', '“')
            | ('„', '”')
            | ('„', '"')
            | ('"', '"')
            | ('“', '"')
            | ('”', '”')
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
    c.is_some_and(is_word_char)
}

/// A word in lowercase as the lexicons and the stemmers read it. Two letters need more than
/// `to_lowercase`: the Turkish capital `İ` lowercases to `i` and a combining dot (U+0307), which
/// is dropped, so "İngiltere" meets "ingiltere"; and Romanian `ș` and `ț` are written with a
/// comma below (the standard letters) or a cedilla (`ş`, `ţ`, older fonts and many sites, in
/// one text as often as not), so the comma forms become the cedilla ones the Snowball Romanian
/// stemmer uses. Turkish `ş` is the cedilla letter already. A word written in two scripts is
/// read in its main one first ([`crate::script::unmix_scripts`]).
pub fn lower_word(word: &str) -> String {
    let lower = crate::script::unmix_scripts(word).to_lowercase();
    if lower.is_ascii() || !lower.contains(['\u{307}', '\u{219}', '\u{21b}']) {
        return lower;
    }
    lower
        .chars()
        .filter(|c| *c != '\u{307}')
        .map(|c| match c {
            '\u{219}' => '\u{15f}',
            '\u{21b}' => '\u{163}',
            c => c,
        })
        .collect()
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
        // A capital folds as its small letter does, in every script.
        for (capital, small) in [
            ("Європейські", "європейські"),
            ("Ярослав", "ярослав"),
            ("Юрій", "юрій"),
            ("Ї", "ї"),
            ("Éire", "éire"),
        ] {
            assert_eq!(fold_word(capital), fold_word(small), "{capital}");
        }
    }

    #[test]
    fn ascii_words_fold_as_the_general_path_folds_them() {
        let general = |w: &str| -> String {
            let nfkc: String = w.nfkc().collect();
            deunicode::deunicode(&nfkc)
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .map(|c| c.to_ascii_lowercase())
                .collect()
        };
        let mut words: Vec<String> = (0u8..128).map(|b| char::from(b).to_string()).collect();
        words.extend(["U.S.", "NATO's", "Kyiv-2025", "  A b\tC ", ""].map(str::to_string));
        for w in &words {
            assert_eq!(fold_word(w), general(w), "{w:?}");
        }
    }

    #[test]
    fn lowercase_words_meet_across_turkish_and_romanian_letters() {
        assert_eq!(lower_word("İngiltere"), "ingiltere");
        assert_eq!(lower_word("İSTİHBARAT"), "istihbarat");
        // Comma below and cedilla: one Romanian word, two spellings.
        assert_eq!(lower_word("Coaliția"), lower_word("Coaliţia"));
        assert_eq!(lower_word("Învățământ"), lower_word("ÎNVĂŢĂMÂNT"));
        assert_eq!(lower_word("Ștefan"), "\u{15f}tefan");
        // Turkish ş is the cedilla letter already; other words are as `to_lowercase` gives them.
        assert_eq!(lower_word("Başkanı"), "başkanı");
        assert_eq!(lower_word("Зеленський"), "зеленський");
        assert_eq!(lower_word("NATO"), "nato");
    }

    #[test]
    fn the_ukrainian_modifier_apostrophe_ends_a_word_as_the_others_do() {
        let words = |t: &str| -> Vec<String> {
            tokens(t)
                .iter()
                .map(|k| t[k.start..k.end].to_string())
                .collect()
        };
        for a in ['\u{2bc}', '\u{2019}', '\''] {
            assert_eq!(
                words(&format!("зобов{a}язалися")),
                ["зобов", "язалися"],
                "{a:?}"
            );
        }
    }

    #[test]
    fn tokens_split_as_char_classes_say() {
        let text = "Kyiv’s “26 countries”, U.S.-led: Зеленський said ½ ok—fine\u{a0}x²";
        let expected: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let got: Vec<&str> = tokens(text).iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn quotes_handle_curly_and_straight_marks() {
        let t = "He said “no troops” and later \"maybe air\" too.";
        let q: Vec<&str> = quotes(t).iter().map(|q| &t[q.start..q.end]).collect();
        assert_eq!(q, ["no troops", "maybe air"]);
        assert!(quotes("an “unbalanced quote").is_empty());
        // Real pages mix marks: „…" (German, Polish, Romanian sites) and ”…” (Romanian).
        let t = "„nu vom trimite trupe\" a spus el; ”acesta a fost un punct clar”, a adăugat";
        let q: Vec<&str> = quotes(t).iter().map(|q| &t[q.start..q.end]).collect();
        assert_eq!(q, ["nu vom trimite trupe", "acesta a fost un punct clar"]);
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
