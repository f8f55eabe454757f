//! The rarity weights of [`super`]'s fifth and eighth tiers: the share of the smaller article's
//! content words found in the other, each weighted by its IDF over the articles indexed so far.
//!
//! Why weights: independent reports of one event share its common words (the states, "troops",
//! "ceasefire"); a retelling keeps the story's rare ones (places, units, names outside the
//! gazetteer).

use super::{DedupeIndex, Entry, Fingerprint, containment};

/// The rarity weights of one query, computed when a candidate first needs them and kept for the
/// others (the fifth and eighth tiers).
#[derive(Default)]
pub(super) struct QueryWeights {
    /// The new article's words' weights: a lookup and a logarithm per word, once per query at
    /// most, rather than for every candidate.
    words: Option<Vec<f64>>,
    /// The IDF of each document frequency met so far in this query (NaN: not yet computed).
    /// Why: every word of each candidate is weighed, and the number of articles is fixed during
    /// a query, so the weight depends on the frequency only; one logarithm per frequency
    /// instead of one per word and candidate.
    idf_memo: Vec<f64>,
}

/// Below this many indexed articles, the eighth tier compares the plain share of words rather
/// than their rarity-weighted share.
///
/// Why: rarity cannot be told from a handful of articles. With one article indexed, every word
/// it shares with a new one is in all the articles so far (weight 0) and every other word of
/// the new one in half (weight ln 2), so an original and a retelling that names its publisher,
/// ingested into a new ledger, were never linked. The fifth tier keeps the weights: without
/// them, independent reports of one event with the same names and places pass its 0.75 in a
/// small ledger (two unit tests). 20 is a judgement; on the development and test splits
/// (4 December 2026) 10, 20 and 40 changed no link.
pub(super) const MIN_ARTICLES_FOR_RARITY: usize = 20;

impl DedupeIndex {
    /// The share of the smaller article's content words that the other one has too, each word
    /// weighted by its rarity (IDF over the articles indexed so far) when `weights` is given,
    /// else counted plainly ([`containment`]); `None` when the smaller one has fewer than the
    /// fifth tier's minimum of distinct content words. `weights` are kept across the candidates
    /// of one query.
    pub(super) fn share_of_words(
        &self,
        fp: &Fingerprint,
        weights: Option<&mut QueryWeights>,
        e: &Entry,
    ) -> Option<f64> {
        let smaller = fp.words.len().min(e.fingerprint.words.len());
        if smaller < self.params.retelling_min_words {
            return None;
        }
        let Some(QueryWeights {
            words: query_weights,
            idf_memo,
        }) = weights
        else {
            return Some(containment(fp, &e.fingerprint));
        };
        // Sum the weights of the smaller article's words, and of those the other one has too
        // (both lists are sorted: one merge).
        let (mut total, mut shared) = (0.0, 0.0);
        let (a, b) = (&fp.words, &e.fingerprint.words);
        // The candidate's words are weighed by their ids (see `DedupeIndex::word_ids`).
        let b_ids = &e.word_ids;
        let query_is_smaller = a.len() <= b.len();
        // The new article's weights are needed only when it is the smaller one; computed for the
        // first such candidate and kept for the others.
        let query_weights: &[f64] = if query_is_smaller {
            query_weights.get_or_insert_with(|| fp.words.iter().map(|w| self.idf(*w)).collect())
        } else {
            &[]
        };
        let (mut i, mut j) = (0, 0);
        while i < a.len() {
            let w = if query_is_smaller {
                query_weights[i]
            } else {
                0.0
            };
            total += w;
            while j < b.len() && b[j] < a[i] {
                if !query_is_smaller {
                    total += self.idf_of_id(b_ids[j], idf_memo);
                }
                j += 1;
            }
            if j < b.len() && b[j] == a[i] {
                shared += if query_is_smaller {
                    w
                } else {
                    let x = self.idf_of_id(b_ids[j], idf_memo);
                    total += x;
                    x
                };
                j += 1;
            }
            i += 1;
        }
        if !query_is_smaller {
            total += b_ids[j..]
                .iter()
                .map(|id| self.idf_of_id(*id, idf_memo))
                .sum::<f64>();
        }
        Some(if total > 0.0 { shared / total } else { 0.0 })
    }

    /// The rarity of a content word over the articles indexed so far: ln(n / (df + 1)), at
    /// least 0, with n the number of indexed articles plus one.
    fn idf(&self, word: u64) -> f64 {
        let df = self
            .word_ids
            .get(&word)
            .map_or(0, |id| self.word_df[*id as usize]);
        self.idf_of_df(df)
    }

    /// [`DedupeIndex::idf`] of the word with id `id` (see [`DedupeIndex::word_ids`]), through
    /// `memo`, the values already computed during this query by document frequency (NaN where
    /// not yet): the same value as computed anew.
    fn idf_of_id(&self, id: u32, memo: &mut Vec<f64>) -> f64 {
        let df = self.word_df[id as usize];
        let k = df as usize;
        if k >= memo.len() {
            memo.resize(k + 1, f64::NAN);
        }
        if memo[k].is_nan() {
            memo[k] = self.idf_of_df(df);
        }
        memo[k]
    }

    /// The IDF of a word held by `df` indexed articles.
    fn idf_of_df(&self, df: u32) -> f64 {
        let n = self.entries.len() as f64 + 1.0;
        (n / (f64::from(df) + 1.0)).ln().max(0.0)
    }
}
