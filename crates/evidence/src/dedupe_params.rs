//! The parameters of [`super`]'s nine tiers, with the judgements behind their defaults.

/// Parameters of the nine tiers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DedupeParams {
    pub shingle_words: usize,
    pub bands: usize,
    pub rows: usize,
    /// Estimated Jaccard from which a candidate is a near duplicate.
    pub near_threshold: f64,
    /// Minimum length in words of a shared quotation for the rewrite tier.
    pub rewrite_quote_words: usize,
    /// Minimum share of the smaller article's content words found in the other.
    pub rewrite_containment: f64,
    /// Minimum IDF-weighted Jaccard similarity of the two articles' anchors.
    pub anchor_similarity: f64,
    /// Minimum number of shared anchors.
    pub anchor_min_shared: usize,
    /// Minimum number of shared numbers among them.
    pub anchor_min_numbers: usize,
    /// Minimum number of figures (numbers of three or more digits) among those. Every report
    /// quoting one statement repeats its small numbers ("15 years, or 30, 40, 50", "26
    /// countries"); a translation or rewrite keeps the incidental figures too. Judgement on the
    /// development split (7 December 2026; see docs/evidence.md).
    pub anchor_min_figures: usize,
    /// Largest number of days between the two articles' dates (when both are known).
    pub anchor_max_days: i64,
    /// Fourth tier: largest number of days between two pages with one headline slug. Copies
    /// follow within a day or two; a slug a week apart is a page that recurs (a live blog).
    pub slug_max_days: i64,
    /// Anchors held by more indexed articles than this do not propose candidates (they still
    /// count in the verification).
    pub anchor_max_postings: usize,
    /// Fifth tier: minimum share of the smaller article's content words, weighted by rarity
    /// (IDF over the articles indexed so far), found in the other.
    pub retelling_containment: f64,
    /// Fifth tier: the smaller article has at least this many distinct content words (short
    /// excerpts of one event share most of their few words by chance).
    pub retelling_min_words: usize,
    /// Sixth tier: minimum length of the longest common subsequence of the two anchor sequences.
    pub sequence_min_common: usize,
    /// Sixth tier: minimum 2 x common / (length of one + length of the other). 0.7 until 7
    /// December 2026; the ten shards added to dev that day, never used to set it, showed 7 of
    /// the tier's 8 links between 0.70 and 0.74 false (minerals-deal reports two months apart,
    /// two reports of one memorandum in other words) and 18 of 21 from 0.75 true.
    pub sequence_similarity: f64,
    /// Sixth tier, short texts: a shorter common subsequence suffices when it covers nearly all
    /// of both sequences ([`DedupeParams::sequence_short_similarity`]) and the anchors weighted
    /// by rarity are as similar as the third tier asks ([`DedupeParams::anchor_similarity`]).
    pub sequence_short_min_common: usize,
    /// Sixth tier, short texts: the similarity those need.
    pub sequence_short_similarity: f64,
    /// Seventh tier: minimum estimated share of the smaller article's word shingles found in the
    /// other ([`super::excerpt_containment`]). 0.7 is a judgement on the development split (see the
    /// module documentation: 0.55 to 0.80 link the same pairs there).
    pub excerpt_containment: f64,
    /// Eighth tier: minimum rarity-weighted share of the smaller article's content words found
    /// in the other when one names the other's publisher (judgement on the development split).
    pub publisher_containment: f64,
    /// Eighth tier, across languages: when one names the other's publisher but their words are
    /// not shared, the longest common subsequence of their anchor sequences (as in the sixth
    /// tier) needs this many items...
    pub publisher_sequence_min_common: usize,
    /// ...and this similarity (2 x common / (length of one + length of the other)). Judgement on
    /// the development split (see the module documentation).
    pub publisher_sequence_similarity: f64,
    /// Eighth tier: minimum plain share of the smaller article's content words found in the
    /// other when both name one outlet as their source (judgement on the development split:
    /// 0.55 to 0.65 link the same pairs there; see the module documentation).
    pub shared_source_containment: f64,
    /// Eighth tier: largest number of days between the two articles' dates (rewrites of a
    /// report follow it within a day or two).
    pub source_max_days: i64,
    /// Eighth tier: only the latest this many indexed articles naming, or published by, an
    /// outlet are compared (a wire agency is named by a large share of a big ledger).
    pub source_max_postings: usize,
    /// Ninth tier: a sentence aligns with the other text's most similar one when the Dice
    /// coefficient of their content words' keys reaches this (`dedupe_sentences.rs`).
    pub sentence_dice: f64,
    /// Ninth tier: at least this many sentences align in order...
    pub sentences_min_aligned: usize,
    /// ...and they are at least this share of the sentences of the text with fewer. Dated
    /// within [`DedupeParams::source_max_days`]. Judgements on the development split (see the
    /// module documentation).
    pub sentences_min_share: f64,
    /// Ninth tier: only texts whose smaller one has at least this share of its content words in
    /// the other are aligned (a bound for speed: every pair that aligns on the development
    /// split, at any share from 0.6, keeps at least 0.49).
    pub sentences_min_containment: f64,
}

impl Default for DedupeParams {
    fn default() -> Self {
        DedupeParams {
            shingle_words: 5,
            bands: 16,
            rows: 4,
            near_threshold: 0.5,
            rewrite_quote_words: 8,
            rewrite_containment: 0.5,
            anchor_similarity: 0.7,
            anchor_min_shared: 4,
            anchor_min_numbers: 4,
            anchor_min_figures: 1,
            anchor_max_days: 7,
            slug_max_days: 2,
            anchor_max_postings: 500,
            retelling_containment: 0.75,
            retelling_min_words: 40,
            sequence_min_common: 14,
            sequence_similarity: 0.75,
            sequence_short_min_common: 8,
            sequence_short_similarity: 0.9,
            excerpt_containment: 0.7,
            publisher_containment: 0.3,
            publisher_sequence_min_common: 8,
            publisher_sequence_similarity: 0.7,
            shared_source_containment: 0.6,
            source_max_days: 2,
            source_max_postings: 500,
            sentence_dice: 0.4,
            sentences_min_aligned: 6,
            sentences_min_share: 0.85,
            sentences_min_containment: 0.4,
        }
    }
}
