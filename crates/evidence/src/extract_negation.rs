//! Whether a stance cue is negated ("will not send" is `rules_out`): a child module of
//! [`super`], so it shares the parent's private types.

use super::*;
use crate::statement::Polarity;

/// Whether a negation lies within the language's window before the cue, with no comma between,
/// or right after a demand's modal ("they should not be covered under Article 5", "must not"),
/// unless it only restricts ("must not only ... but"; the lexicon's `[negation]
/// restrictive_after`), or right after any cue where the language puts it there (`[negation]
/// after_cue`: Turkish "hazır değil"), or between a separable verb and its particle ("schließt
/// eine Beteiligung nicht aus"). A negative-concord word before a refusal does not count
/// ([`crate::lexicon::NegationLexicon::concord`]).
pub(super) fn negated(rules: &LanguageRules, p: &SentenceParse<'_>, cue: &WordHit<Stance>) -> bool {
    let from = cue.first.saturating_sub(rules.negation_window);
    // A negative-concord word agrees with a refusal ("ни при каких условиях не согласится").
    let refusal = cue.label.polarity() == Polarity::Against;
    let concord = |n: &WordHit<()>| refusal && rules.concord.matches_at(&p.words, n.first);
    p.negations.iter().filter(|n| !concord(n)).any(|n| {
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

/// The stance a cue gives a target: the cue's, turned over when it is [`negated`], and a demand
/// when it refuses a target that a word of exception governs ([`excepted`]): "will not accept
/// any deal without guarantees" asks for the guarantees.
pub(super) fn stance_of(
    rules: &LanguageRules,
    p: &SentenceParse<'_>,
    target: &WordHit<String>,
    cue: &WordHit<Stance>,
) -> Stance {
    let stance = if negated(rules, p, cue) || denied(rules, p, target, cue) {
        rules.negate(cue.label)
    } else {
        cue.label
    };
    if stance.polarity() == Polarity::Against && excepted(rules, p, target) {
        Stance::Demands
    } else {
        stance
    }
}

/// Words a negative determiner may stand before its target ("no American troops").
const DETERMINER_REACH: usize = 2;

/// Whether a negative determiner of the language stands right before the target (at most
/// [`DETERMINER_REACH`] words, in the same clause), after the cue: "will send no troops",
/// "schickt keine deutschen Soldaten", "offers air cover, no troops".
fn denied(
    rules: &LanguageRules,
    p: &SentenceParse<'_>,
    target: &WordHit<String>,
    cue: &WordHit<Stance>,
) -> bool {
    let w = &p.words.lower;
    let from = target
        .first
        .saturating_sub(DETERMINER_REACH)
        .max(cue.last + 1);
    target.first > cue.last
        && (from..target.first)
            .rev()
            .take_while(|&i| !p.words.ends_clause(i))
            .any(|i| rules.negative_determiners.contains(&w[i]))
}

/// Words a word of exception may stand from its noun: "without firm security guarantees", "sem
/// ter garantias".
const EXCEPTION_REACH: usize = 3;

/// Whether the target is governed by a word of exception in the same clause
/// ([`crate::lexicon::NegationLexicon::without`]): "no deal without security guarantees", "не
/// погодиться на мир без гарантій безпеки". A refusal then asks for the target rather than
/// turning it down.
fn excepted(rules: &LanguageRules, p: &SentenceParse<'_>, target: &WordHit<String>) -> bool {
    let w = &p.words.lower;
    let is_without = |i: usize| rules.without.contains(&w[i]);
    if rules.without_follows {
        return target.last + 1 < w.len() && is_without(target.last + 1);
    }
    (target.first.saturating_sub(EXCEPTION_REACH)..target.first)
        .rev()
        .take_while(|&i| !p.words.ends_clause(i))
        .any(is_without)
}
