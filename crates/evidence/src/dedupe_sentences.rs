//! The ninth tier of [`super`]: a rewrite that retells the original sentence by sentence in
//! other words. An outlet rewriting an agency's or another outlet's report keeps its order and
//! most of each sentence's content words, in other inflections and with other verbs ("Czech
//! President Petr Pavel has stated that Prague is ready to participate in a foreign mission" /
//! "The Czech Republic is prepared to participate in a foreign peacekeeping mission"), while
//! no quotation, figure or run of five words survives for the other tiers. An independent
//! report of one event tells it in its own order and with its own details, so few of its
//! sentences find a counterpart, and fewer in the same order.
//!
//! What is kept of an article ([`sentence_keys`]): for every sentence with at least
//! [`MIN_SENTENCE_KEYS`] content words, the hashes of their first five letters (a crude stem
//! that meets "participate" and "participation", "гарантії" and "гарантій"). Two articles are
//! compared by aligning each sentence of the one with fewer to its most similar sentence of the
//! other (Dice coefficient of their keys, at least [`super::DedupeParams::sentence_dice`]) and
//! counting the longest run of aligned sentences in the same order ([`aligned_share`]).

use super::fingerprints::shared_sorted;
use crate::text::{Token, mix64};

/// Content words a sentence needs to count (a shorter one, a dateline or a caption, says too
/// little to align).
pub(super) const MIN_SENTENCE_KEYS: usize = 5;

/// Letters of a word's key: its first five, lowercased.
const KEY_LETTERS: usize = 5;

/// The sentence keys of a text from its tokens: each entry is the sentence's index among the
/// kept sentences in the high 32 bits and a key in the low 32, sorted, so that one sorted list
/// holds every sentence's distinct keys. A sentence ends at a line break or after `.`, `!`,
/// `?` or `…` followed by a space. A content word has at least four letters and is not a
/// number.
pub(super) fn sentence_keys(text: &str, toks: &[Token]) -> Vec<u64> {
    let mut out: Vec<u64> = Vec::new();
    let mut current: Vec<u32> = Vec::new();
    let mut kept: u64 = 0;
    let mut flush = |current: &mut Vec<u32>, out: &mut Vec<u64>| {
        current.sort_unstable();
        current.dedup();
        if current.len() >= MIN_SENTENCE_KEYS {
            out.extend(current.iter().map(|k| (kept << 32) | u64::from(*k)));
            kept += 1;
        }
        current.clear();
    };
    let mut previous_end: Option<usize> = None;
    for t in toks {
        if let Some(end) = previous_end
            && ends_sentence(&text[end..t.start])
        {
            flush(&mut current, &mut out);
        }
        previous_end = Some(t.end);
        if let Some(key) = word_key(&text[t.start..t.end]) {
            current.push(key);
        }
    }
    flush(&mut current, &mut out);
    out
}

/// The key of a content word: a hash of its first [`KEY_LETTERS`] letters, lowercased; `None`
/// for a word of fewer than four letters or a number. Hashed as the letters come (FNV-1a over
/// their UTF-8 bytes, then [`mix64`]), without a lowercase copy: it is asked of every word of
/// every article ingested.
fn word_key(word: &str) -> Option<u32> {
    if word.chars().nth(3).is_none() || word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    };
    let mut buf = [0u8; 4];
    for c in word.chars().take(KEY_LETTERS) {
        if c.is_ascii() {
            feed(c.to_ascii_lowercase() as u8);
        } else {
            for l in c.to_lowercase() {
                l.encode_utf8(&mut buf).bytes().for_each(&mut feed);
            }
        }
    }
    Some(mix64(h) as u32)
}

/// Whether the text between two words ends a sentence.
fn ends_sentence(gap: &str) -> bool {
    if gap.contains('\n') {
        return true;
    }
    let mut chars = gap.chars().peekable();
    while let Some(c) = chars.next() {
        if matches!(c, '.' | '!' | '?' | '…') {
            // Closing quotation marks and brackets may stand between the stop and the space.
            while chars
                .peek()
                .is_some_and(|n| matches!(n, '"' | '\'' | '»' | '”' | '’' | ')' | '“'))
            {
                chars.next();
            }
            if chars.peek().is_some_and(|n| n.is_whitespace()) {
                return true;
            }
        }
    }
    false
}

/// The sentences of [`sentence_keys`], each as its sorted keys, laid out for comparing: the
/// index keeps one per article, so that a query does not regroup every candidate's keys.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Sentences {
    /// Where each sentence's keys start in `keys` (and one past the last).
    starts: Vec<u32>,
    keys: Vec<u32>,
}

impl Sentences {
    pub(super) fn from_keys(flat: &[u64]) -> Sentences {
        let mut out = Sentences {
            starts: vec![0],
            keys: Vec::with_capacity(flat.len()),
        };
        let mut current = 0u64;
        for k in flat {
            while k >> 32 > current {
                out.starts.push(out.keys.len() as u32);
                current += 1;
            }
            out.keys.push(*k as u32);
        }
        if !out.keys.is_empty() {
            out.starts.push(out.keys.len() as u32);
        }
        out
    }

    pub(super) fn len(&self) -> usize {
        self.starts.len() - 1
    }

    fn get(&self, i: usize) -> &[u32] {
        &self.keys[self.starts[i] as usize..self.starts[i + 1] as usize]
    }
}

/// The share of the sentences of the text with fewer that align, in order, with sentences of
/// the other (each to the other's sentence most similar to it, when their Dice coefficient
/// reaches `dice`), when at least `min_aligned` do and the share reaches `min_share`; `None`
/// otherwise. Stops as soon as too many sentences fail to align for either: most candidates
/// are other stories, whose first sentences find no counterpart.
pub(super) fn aligned_share(
    a: &Sentences,
    b: &Sentences,
    dice: f64,
    min_aligned: usize,
    min_share: f64,
) -> Option<f64> {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let n = short.len();
    let share_of = |aligned: usize| aligned as f64 / n.max(1) as f64;
    // Unaligned sentences are never made up for: beyond this many, neither test can pass (the
    // share as the final test computes it).
    let may_miss = (0..=n.saturating_sub(min_aligned))
        .take_while(|missed| share_of(n - missed) >= min_share)
        .last()?;
    let mut matched: Vec<usize> = Vec::with_capacity(n);
    let mut missed = 0;
    for i in 0..n {
        let (similarity, j) = best_match(short.get(i), long);
        if similarity >= dice {
            matched.push(j);
        } else {
            missed += 1;
            if missed > may_miss {
                return None;
            }
        }
    }
    let aligned = longest_increasing(&matched);
    (aligned >= min_aligned && share_of(aligned) >= min_share).then_some(share_of(aligned))
}

/// The sentence of `long` most similar to `s` (the first of equals) and their Dice coefficient.
fn best_match(s: &[u32], long: &Sentences) -> (f64, usize) {
    let mut best = (0.0, 0);
    for j in 0..long.len() {
        let t = long.get(j);
        let d = 2.0 * shared_sorted(s, t) as f64 / (s.len() + t.len()) as f64;
        if d > best.0 {
            best = (d, j);
        }
    }
    best
}

/// The length of the longest strictly increasing subsequence (patience sorting).
fn longest_increasing(v: &[usize]) -> usize {
    let mut tails: Vec<usize> = Vec::new();
    for x in v {
        let k = tails.partition_point(|t| t < x);
        if k == tails.len() {
            tails.push(*x);
        } else {
            tails[k] = *x;
        }
    }
    tails.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedupe::{DedupeIndex, DedupeParams, LinkReason, fingerprint_with_anchors};
    use crate::text::tokens;

    fn keys(text: &str) -> Vec<u64> {
        sentence_keys(text, &tokens(text))
    }

    #[test]
    fn sentences_are_split_at_stops_and_lines_and_short_ones_dropped() {
        let k = keys(
            "The minister announced substantial progress on security guarantees today. \
             Short one here.\nDefence chiefs are drawing concrete plans for the operation!",
        );
        let s = Sentences::from_keys(&k);
        assert_eq!(s.len(), 2, "the short sentence has too few content words");
        // "announced", "substantial", "progress", "security", "guarantees", "minister", "today"
        assert_eq!(s.get(0).len(), 7);
    }

    #[test]
    fn a_stop_inside_a_number_or_before_a_quote_mark_is_handled() {
        let k = keys(
            "Troops numbered 10.000 soldiers across several eastern regions. “Another sentence follows here entirely.” Final remark about something else entirely here.",
        );
        assert_eq!(Sentences::from_keys(&k).len(), 3);
    }

    #[test]
    fn a_retelling_aligns_sentence_by_sentence_and_in_order() {
        let original = "Czech President Petr Pavel has stated that Prague is ready to participate in a foreign mission to send troops to Ukraine.\n\
            Pavel mentioned the countries of the coalition of the willing when discussing the components of security guarantees.\n\
            He said the first component is the strength of the Ukrainian army itself.";
        let rewrite = "The Czech Republic is prepared to participate in a foreign peacekeeping mission that would send troops to Ukraine, President Pavel stated.\n\
            Pavel, discussing security guarantees, referred to the countries of the coalition of the willing and their components.\n\
            The first component, he said, is the strength of the Ukrainian army.";
        let s = |t: &str| Sentences::from_keys(&keys(t));
        assert_eq!(
            aligned_share(&s(original), &s(rewrite), 0.4, 3, 1.0),
            Some(1.0)
        );
        // The same sentences in another order align, but not in order.
        let shuffled = "The first component, he said, is the strength of the Ukrainian army.\n\
            Pavel, discussing security guarantees, referred to the countries of the coalition of the willing and their components.\n\
            The Czech Republic is prepared to participate in a foreign peacekeeping mission that would send troops to Ukraine, President Pavel stated.";
        assert_eq!(
            aligned_share(&s(original), &s(shuffled), 0.4, 1, 0.3),
            Some(1.0 / 3.0)
        );
        assert_eq!(aligned_share(&s(original), &s(shuffled), 0.4, 2, 0.3), None);
    }

    /// Sentences of keys from a small vocabulary, so that some align and some do not.
    fn arbitrary_sentences() -> impl proptest::strategy::Strategy<Value = Sentences> {
        use proptest::prelude::*;
        proptest::collection::vec(proptest::collection::btree_set(0u32..40, 5..12), 0..14).prop_map(
            |sentences| {
                let flat: Vec<u64> = sentences
                    .iter()
                    .enumerate()
                    .flat_map(|(i, keys)| {
                        keys.iter().map(move |k| ((i as u64) << 32) | u64::from(*k))
                    })
                    .collect();
                Sentences::from_keys(&flat)
            },
        )
    }

    proptest::proptest! {
        /// Stopping early on unaligned sentences never changes the answer: against the same
        /// alignment carried to the end.
        #[test]
        fn stopping_early_gives_the_full_answer(
            a in arbitrary_sentences(),
            b in arbitrary_sentences(),
            min_aligned in 0usize..8,
            min_share in 0.0f64..1.0,
        ) {
            let (short, long) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
            let matched: Vec<usize> = (0..short.len())
                .filter_map(|i| {
                    let (similarity, j) = best_match(short.get(i), long);
                    (similarity >= 0.4).then_some(j)
                })
                .collect();
            let aligned = longest_increasing(&matched);
            let share = aligned as f64 / short.len().max(1) as f64;
            let full = (aligned >= min_aligned && share >= min_share).then_some(share);
            proptest::prop_assert_eq!(aligned_share(&a, &b, 0.4, min_aligned, min_share), full);
        }

        /// A text retells itself entirely.
        #[test]
        fn a_text_aligns_with_itself(a in arbitrary_sentences()) {
            let expected = (a.len() >= 1).then_some(1.0);
            proptest::prop_assert_eq!(aligned_share(&a, &a, 0.4, 1, 1.0), expected);
        }
    }

    #[test]
    fn longest_increasing_is_brute_force_checked() {
        // Every subsequence of short sequences, against patience sorting.
        let seqs: [&[usize]; 5] = [
            &[3, 1, 2, 5, 4],
            &[0, 0, 1],
            &[5, 4, 3],
            &[],
            &[1, 3, 2, 4, 6, 5],
        ];
        for s in seqs {
            let mut best = 0;
            for mask in 0u32..(1 << s.len()) {
                let picked: Vec<usize> = (0..s.len())
                    .filter(|i| mask & (1 << i) != 0)
                    .map(|i| s[i])
                    .collect();
                if picked.windows(2).all(|w| w[0] < w[1]) {
                    best = best.max(picked.len());
                }
            }
            assert_eq!(longest_increasing(s), best, "{s:?}");
        }
    }

    /// Own texts for the ninth tier: a story, another outlet's retelling of it sentence by sentence
    /// in other words and inflections (no quotation, no figures, too few of the same word forms
    /// for the fifth tier), and the retelling's sentences in another order, as an independent
    /// report tells the same facts in its own order.
    const PARAPHRASED_STORY: &str = "The Czech president said on Saturday that Prague is prepared to participate in a foreign mission sending soldiers to Ukraine once a peace agreement is reached.\nSpeaking in an interview with a Ukrainian newspaper, he described the coalition of willing countries as the core of future security guarantees.\nUkraine's own army must remain the first guarantee, he argued, followed by the presence of allied contingents.\nThe mission would need a clear mandate and the agreement of the parliament in Prague before any deployment.\nHe expected the planning of European chiefs of staff to conclude within several weeks.\nAsked about American participation, the president answered that Washington's backing remains essential for deterrence.\nMoscow has repeatedly rejected the presence of European soldiers in Ukraine.";
    const PARAPHRASED_RETELLING: &str = "Prague stands prepared for participation in foreign missions that would send a soldier to Ukraine after peace agreements, the Czech presidency stated Saturday.\nIn interviews with Ukrainian newspapers, he describes this coalition of the willing as central to the futures of security guarantees.\nThe Ukrainian armed forces remain the first guarantor, in his argument, with presences of allied contingent troops as the second.\nAny deployments of missions need clear mandates and agreements of Prague's parliamentarians.\nHe expects European staff chiefs to conclude plans within weeks.\nOn Americans participating, the presidency answers that backing by Washington remained essential to deter.\nMoscow repeatedly rejects presences of Europe's soldier in Ukraine.";

    #[test]
    fn a_retelling_sentence_by_sentence_is_linked_and_the_same_sentences_in_another_order_are_not()
    {
        let p = DedupeParams::default();
        let g = crate::Gazetteer::default();
        let fp = |t: &str| fingerprint_with_anchors(t, &g.resolve(t), &p);
        let mut index = DedupeIndex::new(p);
        assert!(
            index
                .insert("story", Some("2025-03-22"), None, fp(PARAPHRASED_STORY))
                .is_empty()
        );
        let links = index.insert(
            "retold",
            Some("2025-03-23"),
            None,
            fp(PARAPHRASED_RETELLING),
        );
        assert_eq!(links.len(), 1, "{links:?}");
        assert_eq!(
            (
                links[0].article.as_str(),
                links[0].duplicate_of.as_str(),
                links[0].reason
            ),
            ("retold", "story", Some(LinkReason::SameSentences))
        );
        assert_eq!(links[0].similarity, 1.0);
        // The retelling's sentences, the last three first: the same facts in another order.
        let mut lines: Vec<&str> = PARAPHRASED_RETELLING.lines().collect();
        lines.rotate_right(3);
        let mut reordered = DedupeIndex::new(p);
        reordered.insert("story", Some("2025-03-22"), None, fp(PARAPHRASED_STORY));
        assert!(
            reordered
                .insert("reordered", Some("2025-03-22"), None, fp(&lines.join("\n")))
                .is_empty(),
            "the same sentences in another order are not a retelling"
        );
        // Three days later it is not: a retelling follows within two days.
        let mut later = DedupeIndex::new(p);
        later.insert("story", Some("2025-03-22"), None, fp(PARAPHRASED_STORY));
        assert!(
            later
                .insert(
                    "retold",
                    Some("2025-03-25"),
                    None,
                    fp(PARAPHRASED_RETELLING)
                )
                .is_empty()
        );
        // Five sentences are too few, however closely they follow.
        let short = |t: &str| t.lines().take(5).collect::<Vec<_>>().join("\n");
        let mut few = DedupeIndex::new(p);
        few.insert(
            "story",
            Some("2025-03-22"),
            None,
            fp(&short(PARAPHRASED_STORY)),
        );
        assert!(
            few.insert(
                "retold",
                Some("2025-03-23"),
                None,
                fp(&short(PARAPHRASED_RETELLING))
            )
            .is_empty()
        );
    }
}
