//! Which lexicon reads a text whose language is not declared, when whatlang is not sure: on a
//! sentence or two its trigram statistics often pick a neighbour ("Russia rejects Western troops
//! in Ukraine." is German to it, "Russia offers security guarantees." Spanish), and a text read
//! with the wrong lexicon yields no statement at all. A child module of [`super`].

use super::*;

/// Characters of a text the lexicons are tried on: the vote is for short texts, where whatlang
/// is unsure, and its cost grows with the text and the number of languages.
const VOTE_CHARS: usize = 1000;

impl Extractor {
    /// The language whose lexicon finds the most of its words in the text (targets, stance
    /// cues, reporting verbs, negations, hedges, coordination, prepositions and articles), or
    /// `None` when none finds any. Ties go to `guess`, then to the first language.
    pub(super) fn vote(&self, text: &str, guess: Option<Lang>) -> Option<Lang> {
        let end = text
            .char_indices()
            .nth(VOTE_CHARS)
            .map_or(text.len(), |(i, _)| i);
        let sample = &text[..end];
        let score = |r: &LanguageRules| {
            let w = r.words(sample);
            let function_words = w
                .lower
                .iter()
                .filter(|x| r.prepositions.contains(x) || r.determiners.contains(x))
                .count();
            r.targets.find(&w).len()
                + r.stances.find(&w).len()
                + r.verbs.find(&w).len()
                + r.negation.find(&w).len()
                + r.hedges.find(&w).len()
                + r.coordination.find(&w).len()
                + function_words
        };
        let scores: Vec<(Lang, usize)> = self.rules.iter().map(|r| (r.lang, score(r))).collect();
        let best = scores.iter().map(|(_, s)| *s).max().filter(|s| *s > 0)?;
        let tied: Vec<Lang> = scores
            .iter()
            .filter(|(_, s)| *s == best)
            .map(|(l, _)| *l)
            .collect();
        guess.filter(|g| tied.contains(g)).or(tied.first().copied())
    }
}
