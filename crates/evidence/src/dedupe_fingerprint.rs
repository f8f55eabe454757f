//! The fingerprint half of [`super`]: what is kept of an article to compare it with others
//! (MinHash of word shingles, quotations, cross-language anchors and their order, content words)
//! and the measures between two fingerprints (estimated Jaccard, containment, longest common
//! subsequence). The index that decides which articles to compare and which tier links them
//! stays in [`super`].

use super::{DedupeParams, Fingerprint};
use crate::text::{mix64, quotes, stable_hash, tokens};

pub(super) const STOP_WORDS: &[&str] = &[
    "the", "and", "for", "that", "with", "was", "are", "but", "not", "this", "from", "have", "has",
    "had", "his", "her", "its", "they", "their", "them", "who", "will", "would", "could", "said",
    "says", "which", "been", "were", "also", "any", "all", "than", "there", "into", "out", "about",
    "after", "over", "such", "one", "more", "what", "when", "while", "can", "may", "should",
];

/// The top bit marks an anchor key in [`Fingerprint::quotes`].
pub(super) const ANCHOR_BIT: u64 = 1 << 63;
/// The next bit marks an anchor that is a number (entity anchors have it clear).
pub(super) const NUMBER_BIT: u64 = 1 << 62;

/// The low byte of the anchor key of a number under three digits, which tells it from a figure
/// ([`is_figure`]). Since 7 December 2026; before, small numbers' keys kept their hash, so an
/// article stored earlier shares only its figures with new ones until it is ingested again.
pub(super) const SMALL_NUMBER_MARK: u64 = 0xa5;

/// Whether an anchor key is a figure: a number of three or more digits ("7,500", "200 km").
pub(super) fn is_figure(key: u64) -> bool {
    key & NUMBER_BIT != 0 && key & 0xff != SMALL_NUMBER_MARK
}

/// The anchor key of a number (its digits without separators): a small number's low byte is
/// [`SMALL_NUMBER_MARK`], and a figure whose hash ends so has its last bit flipped.
fn number_key(n: &str) -> u64 {
    let key = stable_hash(format!("number:{n}").as_bytes()) | ANCHOR_BIT | NUMBER_BIT;
    match (n.len() < 3, key & 0xff == SMALL_NUMBER_MARK) {
        (true, _) => (key & !0xff) | SMALL_NUMBER_MARK,
        (false, true) => key ^ 1,
        (false, false) => key,
    }
}

/// Whether a key of [`Fingerprint::quotes`] is a cross-language anchor rather than a quotation.
pub fn is_anchor(key: u64) -> bool {
    key & ANCHOR_BIT != 0
}

/// Computes the fingerprint of a cleaned text, with cross-language anchors: the canonical ids of
/// the resolved `mentions` and the numbers of two or more digits ("30 000", "30,000" and
/// "30.000" are all 30000).
pub fn fingerprint_with_anchors(
    text: &str,
    mentions: &[crate::resolve::Mention],
    params: &DedupeParams,
) -> Fingerprint {
    // One tokenisation for the shingles, the content words and the numbers.
    let toks = tokens(text);
    let mut fp = fingerprint_of(text, &toks, params);
    let mut placed: Vec<(usize, u64)> = mentions
        .iter()
        .map(|m| {
            (
                m.start,
                (stable_hash(format!("entity:{}", m.entity).as_bytes()) & !NUMBER_BIT) | ANCHOR_BIT,
            )
        })
        .collect();
    placed.extend(
        numbers_at(text, &toks)
            .into_iter()
            .map(|(at, n)| (at, number_key(&n))),
    );
    placed.sort_unstable();
    let mut sequence: Vec<u64> = placed.iter().map(|(_, k)| *k).collect();
    sequence.dedup();
    let mut anchors = sequence.clone();
    anchors.sort_unstable();
    anchors.dedup();
    fp.quotes.extend(anchors);
    fp.sequence = sequence;
    fp.sources = super::sources::default_sources().cited(text);
    fp
}

/// Numbers of two or more digits, with thousands groups joined across a space, comma, dot or
/// no-break space ("30 000" is "30000"); a number after a digit group of other length stands
/// alone.
#[cfg(test)]
pub(super) fn numbers(text: &str) -> Vec<String> {
    numbers_at(text, &tokens(text))
        .into_iter()
        .map(|(_, n)| n)
        .collect()
}

/// `numbers` with the byte offset where each starts; `toks` are the [`tokens`] of `text`.
pub(super) fn numbers_at(text: &str, toks: &[crate::text::Token]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let w = &text[toks[i].start..toks[i].end];
        if !w.chars().all(|c| c.is_ascii_digit()) {
            i += 1;
            continue;
        }
        let mut n = w.to_string();
        let mut j = i;
        while j + 1 < toks.len() {
            let sep = &text[toks[j].end..toks[j + 1].start];
            let next = &text[toks[j + 1].start..toks[j + 1].end];
            if next.len() == 3
                && next.chars().all(|c| c.is_ascii_digit())
                && matches!(sep, " " | "," | "." | "\u{a0}" | "\u{202f}")
            {
                n.push_str(next);
                j += 1;
            } else {
                break;
            }
        }
        let n = n.trim_start_matches('0').to_string();
        // Years are shared by every report of the period, so they do not count.
        let year = n.len() == 4 && (n.as_str() >= "1990" && n.as_str() <= "2035");
        if n.len() >= 2 && !year {
            out.push((toks[i].start, n));
        }
        i = j + 1;
    }
    out
}

/// Computes the fingerprint of a cleaned text.
pub fn fingerprint(text: &str, params: &DedupeParams) -> Fingerprint {
    fingerprint_of(text, &tokens(text), params)
}

/// [`fingerprint`] with the [`tokens`] of `text` already split.
pub(super) fn fingerprint_of(
    text: &str,
    toks: &[crate::text::Token],
    params: &DedupeParams,
) -> Fingerprint {
    let words: Vec<u64> = toks
        .iter()
        .map(|t| word_hash(&text[t.start..t.end]))
        .collect();
    let k = params.bands * params.rows;
    let mut minhash = vec![u64::MAX; k];
    let coeffs = coefficients(k);
    let n = params.shingle_words.max(1);
    let mut shingle_count = 0usize;
    let mut add = |s: u64| {
        for (m, (a, b)) in minhash.iter_mut().zip(&coeffs) {
            let v = a.wrapping_mul(s).wrapping_add(*b);
            if v < *m {
                *m = v;
            }
        }
    };
    if words.len() < n {
        if !words.is_empty() {
            add(shingle_hash(&words));
            shingle_count += 1;
        }
    } else {
        for w in words.windows(n) {
            add(shingle_hash(w));
            shingle_count += 1;
        }
    }
    if shingle_count == 0 {
        minhash.clear();
    }
    let quote_keys = quotes(text)
        .into_iter()
        .filter_map(|q| {
            let inner = &text[q.start..q.end];
            let toks = tokens(inner);
            (toks.len() >= params.rewrite_quote_words).then(|| {
                toks.iter()
                    .map(|t| word_hash(&inner[t.start..t.end]))
                    .fold(0u64, |h, w| mix64(h.rotate_left(7) ^ w))
                    & !ANCHOR_BIT
            })
        })
        .collect();
    // The content words' hashes are their shingle words' hashes (the same `word_hash`), so
    // they are taken from `words` rather than hashed again.
    let mut content: Vec<u64> = toks
        .iter()
        .zip(&words)
        .filter(|(t, _)| {
            let w = &text[t.start..t.end];
            w.chars().count() >= 3 && !is_stop_word(w)
        })
        .map(|(_, h)| *h)
        .collect();
    content.sort_unstable();
    content.dedup();
    Fingerprint {
        minhash,
        quotes: quote_keys,
        words: content,
        sequence: Vec::new(),
        sources: Vec::new(),
        sentences: super::sentences::sentence_keys(text, toks),
    }
}

/// Whether a word is one of [`STOP_WORDS`] in any case. The stop words are ASCII, so an ASCII
/// word is compared without the lowercase copy (most words of most pages; this ran for every
/// word of every article); any other word is lowercased as before, since a non-ASCII letter can
/// lowercase to an ASCII one (the Kelvin sign to `k`).
pub(super) fn is_stop_word(w: &str) -> bool {
    if w.is_ascii() {
        STOP_WORDS.iter().any(|s| s.eq_ignore_ascii_case(w))
    } else {
        STOP_WORDS.contains(&w.to_lowercase().as_str())
    }
}

pub(super) fn word_hash(w: &str) -> u64 {
    if w.bytes().all(|b| !b.is_ascii_uppercase()) {
        stable_hash(w.as_bytes())
    } else {
        stable_hash(w.to_lowercase().as_bytes())
    }
}

pub(super) fn shingle_hash(ws: &[u64]) -> u64 {
    ws.iter()
        .fold(0x9e37_79b9_7f4a_7c15, |h, w| mix64(h.rotate_left(5) ^ w))
}

/// The hash family h_i(x) = a_i * x + b_i (mod 2^64), a_i odd, from a fixed seed so fingerprints
/// stored in one run compare with those of the next.
pub(super) fn coefficients(k: usize) -> Vec<(u64, u64)> {
    (0..k as u64)
        .map(|i| (mix64(i * 2 + 1) | 1, mix64(i * 2 + 2 + (1 << 40))))
        .collect()
}

/// Estimated Jaccard similarity: the share of equal MinHash positions.
pub fn estimated_jaccard(a: &Fingerprint, b: &Fingerprint) -> f64 {
    if a.minhash.is_empty() || a.minhash.len() != b.minhash.len() {
        return 0.0;
    }
    let eq = a
        .minhash
        .iter()
        .zip(&b.minhash)
        .filter(|(x, y)| x == y)
        .count();
    eq as f64 / a.minhash.len() as f64
}

/// The share of the smaller article's word shingles found in the other, estimated from the
/// MinHash Jaccard J: with shingle sets A (the smaller) and B, |A ∩ B| = J (|A| + |B|) / (1 + J),
/// so |A ∩ B| / |A| = J (1 + |B| / |A|) / (1 + J), at most 1. The fingerprint keeps no shingle
/// count, so |B| / |A| is taken as the ratio of the numbers of distinct content words (both grow
/// with the length of the text). 0 when either has no words.
///
/// Why: pages are excerpts of about 2,000 characters of their start, with clutter, so a copy of
/// a wire story cut shorter (or a longer copy of a short one) shares most of the smaller text's
/// shingles while their Jaccard similarity stays under the first tier's threshold.
pub fn excerpt_containment(a: &Fingerprint, b: &Fingerprint) -> f64 {
    excerpt_containment_of(estimated_jaccard(a, b), a, b)
}

/// [`excerpt_containment`] with the estimated Jaccard `j` of `a` and `b` already computed.
pub(super) fn excerpt_containment_of(j: f64, a: &Fingerprint, b: &Fingerprint) -> f64 {
    let (small, large) = (
        a.words.len().min(b.words.len()),
        a.words.len().max(b.words.len()),
    );
    if small == 0 {
        return 0.0;
    }
    (j * (1.0 + large as f64 / small as f64) / (1.0 + j)).min(1.0)
}

/// Share of the smaller word set found in the larger.
pub fn containment(a: &Fingerprint, b: &Fingerprint) -> f64 {
    let (small, large) = if a.words.len() <= b.words.len() {
        (&a.words, &b.words)
    } else {
        (&b.words, &a.words)
    };
    if small.is_empty() {
        return 0.0;
    }
    shared_sorted(small, large) as f64 / small.len() as f64
}

/// How many items two sorted lists without repeats share (one merge).
pub(super) fn shared_sorted<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common
}

/// How closely two anchor sequences follow each other: 2 x `common` (the length of their
/// longest common subsequence) over the sum of their lengths.
pub(super) fn sequence_similarity(common: usize, a: &[u64], b: &[u64]) -> f64 {
    2.0 * common as f64 / (a.len() + b.len()).max(1) as f64
}

/// The length of the longest common subsequence (dynamic programming over two rows).
pub(super) fn longest_common_subsequence(a: &[u64], b: &[u64]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            row[j + 1] = if x == y {
                prev[j] + 1
            } else {
                prev[j + 1].max(row[j])
            };
        }
        std::mem::swap(&mut prev, &mut row);
    }
    prev[b.len()]
}
