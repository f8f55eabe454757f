//! Whether a stance cue is negated ("will not send" is `rules_out`): a child module of
//! [`super`], so it shares the parent's private types.

use super::*;

/// Whether a negation lies within the language's window before the cue, with no comma between,
/// or right after a demand's modal ("they should not be covered under Article 5", "must not"),
/// unless it only restricts ("must not only ... but"; the lexicon's `[negation]
/// restrictive_after`), or right after any cue where the language puts it there (`[negation]
/// after_cue`: Turkish "hazır değil"), or between a separable verb and its particle ("schließt
/// eine Beteiligung nicht aus").
pub(super) fn negated(rules: &LanguageRules, p: &SentenceParse<'_>, cue: &WordHit<Stance>) -> bool {
    let from = cue.first.saturating_sub(rules.negation_window);
    p.negations.iter().any(|n| {
        (n.first >= from && n.last < cue.first && !p.sent[n.end..cue.start].contains(','))
            || (rules.negation_after_cue && n.first == cue.last + 1)
            || cue
                .tail
                .is_some_and(|(f, _)| n.first > cue.last && n.last < f)
            || (cue.label == Stance::Demands
                && n.first == cue.last + 1
                && p.words
                    .lower
                    .get(n.last + 1)
                    .is_none_or(|w| !rules.restrictive_after.contains(w)))
    })
}
