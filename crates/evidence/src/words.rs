//! The words of a sentence (lowercase forms, stems, where clauses end) and the lexicon's phrase
//! matcher over them: the unit every extraction rule reads text in.

use std::rc::Rc;

use crate::text::{FastMap, Token, lower_word, tokens, word_hash};

/// The words of a text with their lowercase forms and stems, for [`WordMatcher`].
#[derive(Debug, Clone, Default)]
pub struct Words {
    pub toks: Vec<Token>,
    pub lower: Vec<String>,
    /// Shared with the stemmer's cache ([`crate::lang::Stemmer::stem_each`]).
    pub stems: Vec<Rc<str>>,
    /// [`word_hash`] of each lowercase form and each stem, computed once here rather than once
    /// per [`WordMatcher`] that looks the word up (a sentence meets a dozen of them).
    lower_hashes: Vec<u64>,
    stem_hashes: Vec<u64>,
    /// Whether each word ends a clause: punctuation (`,;:.!?`, a quotation mark, a bracket or a
    /// dash) follows it before the next word, or it is the last word. A separated verb particle
    /// stands there ("schließt ... aus,").
    clause_end: Vec<bool>,
}

impl Words {
    /// Tokenises `text` and stems every word with `stem`.
    pub fn new(text: &str, stem: &dyn Fn(&str) -> String) -> Self {
        Words::with_stems(text, &|lower: &[String]| {
            lower.iter().map(|w| Rc::from(stem(w))).collect()
        })
    }

    /// Tokenises `text` and stems all its lowercase words with one call of `stem_each` (one
    /// stem per word, in order), so a stemmer can do per sentence what it would otherwise do
    /// per word ([`crate::lang::Stemmer::stem_each`]).
    pub fn with_stems(text: &str, stem_each: &dyn Fn(&[String]) -> Vec<Rc<str>>) -> Self {
        let toks = tokens(text);
        let lower: Vec<String> = toks
            .iter()
            .map(|t| lower_word(&text[t.start..t.end]))
            .collect();
        let stems: Vec<Rc<str>> = stem_each(&lower);
        debug_assert_eq!(stems.len(), lower.len());
        let clause_end = (0..toks.len())
            .map(|i| {
                let next = toks.get(i + 1).map_or(text.len(), |t| t.start);
                i + 1 == toks.len() || text[toks[i].end..next].contains(CLAUSE_PUNCTUATION)
            })
            .collect();
        Words {
            clause_end,
            lower_hashes: lower.iter().map(|w| word_hash(w)).collect(),
            stem_hashes: stems.iter().map(|w| word_hash(w)).collect(),
            toks,
            lower,
            stems,
        }
    }

    /// Whether the word at `i` ends a clause (see `clause_end`).
    pub fn ends_clause(&self, i: usize) -> bool {
        self.clause_end.get(i).copied().unwrap_or(true)
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// Index of the first word that ends after byte `pos` (the word at or after it).
    pub fn at_or_after(&self, pos: usize) -> usize {
        self.toks.partition_point(|t| t.end <= pos)
    }

    /// Number of words lying wholly between byte offsets `a` and `b` (in either order).
    pub fn between(&self, a: usize, b: usize) -> usize {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        self.toks
            .iter()
            .filter(|t| t.start >= lo && t.end <= hi)
            .count()
    }
}

/// Punctuation that ends a clause for [`Words`]' `clause_end`.
const CLAUSE_PUNCTUATION: &[char] = &[
    ',', ';', ':', '.', '!', '?', '"', '\'', '«', '»', '„', '“', '”', '‘', '’', '(', ')', '–', '—',
];

/// The most words between the two parts of a separated phrase ("schließt ... aus"): a German or
/// Dutch verb bracket rarely holds more, and a longer one is more often two clauses whose comma
/// the text left out.
pub const MAX_PHRASE_GAP: usize = 15;

/// How a phrase matches at a word: the words it spans, its gap included (what "longest"
/// compares), the words of its first part (the hit), and the word range of the part after a gap.
#[derive(Debug, Clone, Copy)]
struct PhraseMatch {
    span: usize,
    head: usize,
    tail: Option<(usize, usize)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum WordPattern {
    Stem(String),
    Prefix(String),
    Exact(String),
    /// `...` in a phrase: one to [`MAX_PHRASE_GAP`] words within one clause, after which the
    /// rest of the phrase ends the clause (German and Dutch separable verbs: "schließt die
    /// Entsendung von Soldaten aus", "sluit deelname niet uit").
    Gap,
}

impl WordPattern {
    /// How specific a pattern is, to choose between phrases of equal length: an exact word over a
    /// stem over a prefix, a longer prefix over a shorter one.
    fn specificity(&self) -> usize {
        match self {
            WordPattern::Exact(_) => 1000,
            WordPattern::Stem(_) => 500,
            WordPattern::Prefix(p) => p.chars().count(),
            WordPattern::Gap => 0,
        }
    }
}

/// A phrase found by a [`WordMatcher`]: word indices `first..=last` and their byte range. Of a
/// separated phrase ("schließt ... aus") these are the first part's, so the phrase stands where
/// its verb does; `tail` holds the word indices of the separated part.
#[derive(Debug, Clone, PartialEq)]
pub struct WordHit<L> {
    pub first: usize,
    pub last: usize,
    pub start: usize,
    pub end: usize,
    pub label: L,
    pub tail: Option<(usize, usize)>,
}

/// Phrase matcher over words rather than bytes, so inflected forms meet: a phrase word ending in
/// `*` matches any word starting with it (lowercase), any other word matches a word with the
/// same stem, a word starting with `=` matches only itself, and `...` stands for the words
/// between a separable verb and its particle at the end of the clause (`WordPattern::Gap`).
/// Leftmost-longest (in words, then the most specific), non-overlapping, like
/// [`PhraseMatcher`](crate::text::PhraseMatcher).
#[derive(Debug, Clone)]
///
/// Phrases are filed by the [`word_hash`] of their first word, which [`Words`] computes once per
/// word: a candidate is then checked word by word, so two words of one hash cost a comparison,
/// never a wrong match.
pub struct WordMatcher<L> {
    phrases: Vec<(Vec<WordPattern>, L)>,
    by_stem: FastMap<u64, Vec<usize>>,
    by_prefix: FastMap<u64, Vec<usize>>,
    by_exact: FastMap<u64, Vec<usize>>,
    /// The byte lengths of the keys of `by_prefix`, ascending: a word is looked up only at
    /// those lengths rather than at every character.
    prefix_lens: Vec<usize>,
    /// The first bytes of the keys of `by_prefix`, as a 256-bit set: a word starting with any
    /// other byte can begin no prefix phrase, so its prefix lookups (a hash per length, for
    /// each of a sentence's dozen matchers and every word) are skipped.
    prefix_first_bytes: [u64; 4],
}

impl<L: Clone> WordMatcher<L> {
    /// Builds a matcher from (phrase, label) pairs; `stem` must be the one used for the text.
    pub fn new(pairs: Vec<(String, L)>, stem: &dyn Fn(&str) -> String) -> Self {
        let mut phrases = Vec::new();
        let mut by_stem: FastMap<u64, Vec<usize>> = Default::default();
        let mut by_prefix: FastMap<u64, Vec<usize>> = Default::default();
        let mut by_exact: FastMap<u64, Vec<usize>> = Default::default();
        let mut prefix_lens: Vec<usize> = Vec::new();
        let mut prefix_first_bytes = [0u64; 4];
        for (phrase, label) in pairs {
            let mut pats = Vec::new();
            for chunk in phrase.split_whitespace() {
                if chunk == "..." || chunk == "…" {
                    pats.push(WordPattern::Gap);
                    continue;
                }
                let star = chunk.ends_with('*');
                let exact = chunk.starts_with('=');
                let chunk = chunk.trim_end_matches('*').trim_start_matches('=');
                let toks = tokens(chunk);
                for (i, t) in toks.iter().enumerate() {
                    let w = lower_word(&chunk[t.start..t.end]);
                    if star && i + 1 == toks.len() {
                        pats.push(WordPattern::Prefix(w));
                    } else if exact {
                        pats.push(WordPattern::Exact(w));
                    } else {
                        pats.push(WordPattern::Stem(stem(&w)));
                    }
                }
            }
            let Some(first) = pats.first() else { continue };
            let idx = phrases.len();
            match first {
                WordPattern::Stem(s) => by_stem.entry(word_hash(s)).or_default().push(idx),
                WordPattern::Prefix(p) => {
                    by_prefix.entry(word_hash(p)).or_default().push(idx);
                    prefix_lens.push(p.len());
                    match p.as_bytes().first() {
                        Some(&b) => prefix_first_bytes[usize::from(b >> 6)] |= 1 << (b & 63),
                        // An empty prefix begins every word.
                        None => prefix_first_bytes = [u64::MAX; 4],
                    }
                }
                WordPattern::Exact(w) => by_exact.entry(word_hash(w)).or_default().push(idx),
                // A phrase cannot begin with its gap.
                WordPattern::Gap => continue,
            }
            phrases.push((pats, label));
        }
        prefix_lens.sort_unstable();
        prefix_lens.dedup();
        WordMatcher {
            phrases,
            by_stem,
            by_prefix,
            by_exact,
            prefix_lens,
            prefix_first_bytes,
        }
    }

    fn word_matches(p: &WordPattern, words: &Words, i: usize) -> bool {
        match p {
            WordPattern::Stem(s) => *words.stems[i] == **s,
            WordPattern::Prefix(x) => words.lower[i].starts_with(x.as_str()),
            WordPattern::Exact(w) => &words.lower[i] == w,
            WordPattern::Gap => false,
        }
    }

    /// Where phrase `pats` matches from word `i`.
    fn match_at(pats: &[WordPattern], words: &Words, i: usize) -> Option<PhraseMatch> {
        let Some(g) = pats.iter().position(|p| *p == WordPattern::Gap) else {
            let fits = i + pats.len() <= words.len()
                && pats
                    .iter()
                    .enumerate()
                    .all(|(j, p)| Self::word_matches(p, words, i + j));
            return fits.then_some(PhraseMatch {
                span: pats.len(),
                head: pats.len(),
                tail: None,
            });
        };
        let (head, tail) = (&pats[..g], &pats[g + 1..]);
        if tail.is_empty() || i + head.len() + 1 + tail.len() > words.len() {
            return None;
        }
        if !head
            .iter()
            .enumerate()
            .all(|(j, p)| Self::word_matches(p, words, i + j))
        {
            return None;
        }
        // The head stays inside its clause; the tail's last word is the first clause end after
        // it, at least one word and at most `MAX_PHRASE_GAP` words later.
        if words.clause_end[i..i + head.len()].iter().any(|e| *e) {
            return None;
        }
        let from = i + head.len();
        let end = (from..words.len()).find(|&k| words.clause_end[k])?;
        let tail_first = (end + 1).checked_sub(tail.len())?;
        let gap = tail_first.checked_sub(from)?;
        if gap == 0 || gap > MAX_PHRASE_GAP {
            return None;
        }
        tail.iter()
            .enumerate()
            .all(|(j, p)| Self::word_matches(p, words, tail_first + j))
            .then_some(PhraseMatch {
                span: end + 1 - i,
                head: head.len(),
                tail: Some((tail_first, end)),
            })
    }

    /// The longest phrase starting at word `i` (a separated one counting its gap) and its index.
    fn longest_at(&self, words: &Words, i: usize) -> Option<(PhraseMatch, usize)> {
        // (match, specificity, phrase index): the longest, then the most specific, then the
        // first. The choice does not depend on the order candidates are seen in, so each table's
        // candidates are weighed where they are found, with no list gathered.
        let mut best: Option<(PhraseMatch, usize, usize)> = None;
        let mut weigh = |cands: &[usize]| {
            for &idx in cands {
                let pats = &self.phrases[idx].0;
                let Some(m) = Self::match_at(pats, words, i) else {
                    continue;
                };
                let spec: usize = pats.iter().map(WordPattern::specificity).sum();
                let better = best.as_ref().is_none_or(|(b, s, bi)| {
                    (m.span, spec) > (b.span, *s) || ((m.span, spec) == (b.span, *s) && idx < *bi)
                });
                if better {
                    best = Some((m, spec, idx));
                }
            }
        };
        if let Some(v) = self.by_stem.get(&words.stem_hashes[i]) {
            weigh(v);
        }
        if let Some(v) = self.by_exact.get(&words.lower_hashes[i]) {
            weigh(v);
        }
        let w = &words.lower[i];
        let may_begin_prefix = w
            .as_bytes()
            .first()
            .is_none_or(|&b| self.prefix_first_bytes[usize::from(b >> 6)] & (1 << (b & 63)) != 0);
        // Prefixes of at least one character, up to the whole word.
        for &k in self.prefix_lens.iter().filter(|_| may_begin_prefix) {
            if k > w.len() {
                break;
            }
            if w.is_char_boundary(k)
                && let Some(v) = self.by_prefix.get(&word_hash(&w[..k]))
            {
                weigh(v);
            }
        }
        best.map(|(m, _, idx)| (m, idx))
    }

    /// All leftmost-longest, non-overlapping hits.
    pub fn find(&self, words: &Words) -> Vec<WordHit<L>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            if let Some((PhraseMatch { head: n, tail, .. }, idx)) = self.longest_at(words, i) {
                // A separated phrase's hit is its first part; the words of its gap stay free.
                out.push(WordHit {
                    first: i,
                    last: i + n - 1,
                    start: words.toks[i].start,
                    end: words.toks[i + n - 1].end,
                    label: self.phrases[idx].1.clone(),
                    tail,
                });
                i += n;
            } else {
                i += 1;
            }
        }
        out
    }

    /// Whether any phrase matches at word `i` (false past the last word).
    pub fn matches_at(&self, words: &Words, i: usize) -> bool {
        i < words.len() && self.longest_at(words, i).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_matcher_meets_inflections_and_prefixes() {
        let stem = |w: &str| w.trim_end_matches('s').to_string();
        let m = WordMatcher::new(
            vec![
                ("send troop".to_string(), 1),
                ("військ*".to_string(), 2),
                ("send".to_string(), 3),
            ],
            &stem,
        );
        let t = "They send troops, not військами; send.";
        let w = Words::new(t, &stem);
        let hits: Vec<(i32, &str)> = m
            .find(&w)
            .iter()
            .map(|h| (h.label, &t[h.start..h.end]))
            .collect();
        assert_eq!(hits, [(1, "send troops"), (2, "військами"), (3, "send")]);
        assert_eq!(w.between(0, t.len()), w.len());
    }

    #[test]
    fn a_separated_particle_ends_the_clause_the_verb_opens() {
        let stem = |w: &str| w.to_string();
        let m = WordMatcher::new(
            vec![
                ("schließt ... aus".to_string(), 1),
                ("stellt ... in frage".to_string(), 2),
                ("stellt".to_string(), 3),
            ],
            &stem,
        );
        let found = |t: &str| -> Vec<(i32, String, Option<String>)> {
            let w = Words::new(t, &stem);
            m.find(&w)
                .iter()
                .map(|h| {
                    let tail = h
                        .tail
                        .map(|(a, b)| t[w.toks[a].start..w.toks[b].end].to_string());
                    (h.label, t[h.start..h.end].to_string(), tail)
                })
                .collect()
        };
        let hit = |label, head: &str, tail: Option<&str>| {
            (label, head.to_string(), tail.map(str::to_string))
        };
        // The hit is the verb; the particle is its tail, at the clause's end.
        assert_eq!(
            found("Berlin schließt die Entsendung von Soldaten aus, sagte er."),
            [hit(1, "schließt", Some("aus"))]
        );
        assert_eq!(
            found("Paris stellt das in frage."),
            [hit(2, "stellt", Some("in frage"))]
        );
        // A particle that does not end the clause ("aus Berlin") is not the verb's, nor one after
        // a comma; then only the contiguous entries are left.
        assert!(found("Er schließt Truppen aus Berlin nicht ein.").is_empty());
        assert!(found("Er schließt, sagte er, aus.").is_empty());
        assert_eq!(found("Er stellt Truppen."), [hit(3, "stellt", None)]);
        // No words between: not a separated verb; more than the longest gap: two clauses.
        assert!(found("Er schließt aus.").is_empty());
        let long = format!(
            "Er schließt {} aus.",
            vec!["x"; MAX_PHRASE_GAP + 1].join(" ")
        );
        assert!(found(&long).is_empty());
        let longest = format!("Er schließt {} aus.", vec!["x"; MAX_PHRASE_GAP].join(" "));
        assert_eq!(found(&longest), [hit(1, "schließt", Some("aus"))]);
    }
}
