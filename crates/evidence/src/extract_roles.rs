//! The role an actor's neighbouring words give it: an object or a place after a preposition
//! ("for Ukraine"), the object of an infinitive clause, or the agent of a passive participle
//! ("demanded by Kyiv"). A child module of [`super`], beside the attribution rules of
//! `extract_actors.rs` that ask these questions.

use super::*;

/// The named agent of a cue that is a passive participle: an actor after an agent preposition
/// right after the cue ("guarantees demanded by Kyiv", "garanțiile cerute de Kiev", "richieste
/// dall'Ucraina"), or right before it where the agent stands before the participle ("die von
/// Kiew geforderten Garantien", "de door Oekraïne geëiste garanties").
pub(super) fn passive_agent<'p>(
    p: &'p SentenceParse<'_>,
    cue: &WordHit<Stance>,
) -> Option<&'p ActorSpan> {
    p.agents.iter().find_map(|g| {
        let a = &p.actors[g.actor];
        let next_to = (g.after_cue && a.start >= cue.end && p.words.between(cue.end, a.start) <= 2)
            || (g.before_cue && a.end <= cue.start && p.words.between(a.end, cue.start) == 0);
        (next_to && a.entity.is_some() && !a.voice).then_some(a)
    })
}

/// An actor after an agent preposition ("by Kyiv", "von Kiew").
pub(super) struct Agent {
    /// Index into [`SentenceParse::actors`].
    actor: usize,
    /// The preposition is one of [`LanguageRules::agent_prepositions`]: the agent may follow
    /// the participle.
    after_cue: bool,
    /// The preposition is one of [`LanguageRules::agent_prepositions_before`]: the agent may
    /// precede the participle.
    before_cue: bool,
}

/// The actors of a sentence that stand after an agent preposition.
pub(super) fn agents(
    rules: &LanguageRules,
    sent: &str,
    words: &Words,
    actors: &[ActorSpan],
) -> Vec<Agent> {
    let after = |list: &[String], a: &ActorSpan| after_word_of(list, rules, sent, words, a.start);
    actors
        .iter()
        .enumerate()
        .map(|(actor, a)| Agent {
            actor,
            after_cue: after(&rules.agent_prepositions, a),
            before_cue: after(&rules.agent_prepositions_before, a),
        })
        .filter(|g| g.after_cue || g.before_cue)
        .collect()
}

/// Whether the word before byte `start` (or the one before it, when that is an article) is a
/// preposition of [`LanguageRules::prepositions`], with nothing but spaces and apostrophes
/// between ("for Ukraine", "to the US", "pour l'Ukraine").
pub(super) fn after_preposition(
    rules: &LanguageRules,
    sent: &str,
    words: &Words,
    start: usize,
) -> bool {
    after_word_of(&rules.prepositions, rules, sent, words, start)
}

/// Whether the word before byte `start` (or the one before it, when that is an article of
/// [`LanguageRules::determiners`]) is one of `list`, with nothing but spaces and apostrophes
/// between.
pub(super) fn after_word_of(
    list: &[String],
    rules: &LanguageRules,
    sent: &str,
    words: &Words,
    start: usize,
) -> bool {
    if list.is_empty() {
        return false;
    }
    let Some(mut k) = words.toks.iter().rposition(|t| t.end <= start) else {
        return false;
    };
    let joined = |k: usize, next: usize| {
        sent[words.toks[k].end..next]
            .chars()
            .all(|c| c.is_whitespace() || c == '\'' || c == '’')
    };
    if !joined(k, start) {
        return false;
    }
    if rules.determiners.contains(&words.lower[k]) && k > 0 && joined(k - 1, words.toks[k].start) {
        k -= 1;
    }
    list.contains(&words.lower[k])
}

/// Whether an actor ending at byte `end` stands in an infinitive clause with its verb last, as
/// the verb's object: a comma before it, then a cue with the language's infinitive marker right
/// before it or at its start ("Die USA sagten zu, die Koalition zu unterstützen"; "..., om de
/// coalitie te steunen"), with no comma between the actor and the cue.
pub(super) fn in_infinitive_clause(
    rules: &LanguageRules,
    sent: &str,
    words: &Words,
    cues: &[WordHit<Stance>],
    end: usize,
) -> bool {
    if rules.infinitive_markers.is_empty() || !sent[..end].contains(',') {
        return false;
    }
    let marked = |i: usize| rules.infinitive_markers.contains(&words.lower[i]);
    cues.iter().find(|c| c.start >= end).is_some_and(|c| {
        !sent[end..c.start].contains(',')
            && (marked(c.first) || (c.first > 0 && marked(c.first - 1)))
    })
}
