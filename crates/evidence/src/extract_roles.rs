//! The role an actor's neighbouring words give it: an object or a place after a preposition
//! ("for Ukraine"), the object of an infinitive clause, the agent of a passive participle
//! ("demanded by Kyiv") or the one a refusal is for ("unacceptable for Russia"). A child module
//! of [`super`], beside the attribution rules of `extract_actors.rs` that ask these questions.

use super::*;
use crate::statement::Polarity;

/// The named actor a cue's own prepositions give it, whoever reports the claim:
/// - the agent of a passive participle, after an agent preposition right after the cue
///   ("guarantees demanded by Kyiv", "garanțiile cerute de Kiev", "richieste dall'Ucraina"), or
///   right before it where the agent stands before the participle ("die von Kiew geforderten
///   Garantien", "de door Oekraïne geëiste garanties");
/// - the one a refusal is for ("unacceptable for Russia", "неприемлемо для России",
///   "для России абсолютно неприемлем"), right after the cue or at most one word before it.
///
/// The claim's target never stands between ("Russia opposes guarantees for Ukraine" is
/// Russia's), and the guarantees' beneficiary right after the target is what the target is
/// for, not who refuses it ("NATO membership for Ukraine is not a feasible outcome", said by
/// the US Secretary of Defense).
pub(super) fn agent_of<'p>(
    p: &'p SentenceParse<'_>,
    target: &WordHit<String>,
    cue: &WordHit<Stance>,
    gazetteer: &Gazetteer,
) -> Option<&'p ActorSpan> {
    p.agents.iter().find_map(|g| {
        let a = &p.actors[g.actor];
        let after = a.start >= cue.end
            && !(target.start >= cue.end && target.end <= a.start)
            && p.words.between(cue.end, a.start) <= 2;
        let before = |gap: usize| {
            a.end <= cue.start
                && !(target.start >= a.end && target.end <= cue.start)
                && p.words.between(a.end, cue.start) <= gap
        };
        let passive = (g.after_cue && after) || (g.before_cue && before(0));
        let refused_for = g.experiencer
            && cue.label.polarity() == Polarity::Against
            && (after || before(1))
            && !(gazetteer.is_beneficiary(&a.actor) && qualifies(p, a, target));
        ((passive || refused_for) && a.entity.is_some() && !a.voice).then_some(a)
    })
}

/// An actor after an agent or experiencer preposition ("by Kyiv", "von Kiew", "for Russia").
pub(super) struct Agent {
    /// Index into [`SentenceParse::actors`].
    actor: usize,
    /// The preposition is one of [`LanguageRules::agent_prepositions`]: the agent may follow
    /// the participle.
    after_cue: bool,
    /// The preposition is one of [`LanguageRules::agent_prepositions_before`]: the agent may
    /// precede the participle.
    before_cue: bool,
    /// The preposition is one of [`LanguageRules::experiencer_prepositions`].
    experiencer: bool,
}

/// The actors of a sentence that stand after an agent or experiencer preposition.
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
            experiencer: after(&rules.experiencer_prepositions, a),
        })
        .filter(|g| g.after_cue || g.before_cue || g.experiencer)
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

/// Whether the name at `start..end` is marked as an object or a place: after a preposition
/// ([`after_preposition`]) or before a postposition or case ending ([`before_postposition`]).
pub(super) fn marked_object(
    rules: &LanguageRules,
    sent: &str,
    words: &Words,
    start: usize,
    end: usize,
) -> bool {
    after_preposition(rules, sent, words, start) || before_postposition(rules, sent, end)
}

/// Whether the name ending at byte `end` is followed by one of the language's postpositions or
/// case endings ([`crate::lexicon::ActorLexicon::postpositions`]): "Ukrayna'ya" (to Ukraine),
/// "Ukrayna için" (for Ukraine) are an object or a place.
pub(super) fn before_postposition(rules: &LanguageRules, sent: &str, end: usize) -> bool {
    if rules.postpositions.is_empty() {
        return false;
    }
    let rest = &sent[end..];
    let word_end = |s: &str| s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
    if let Some(ending) = rest.strip_prefix(['\'', '’']) {
        let ending = format!("'{}", crate::text::lower_word(&ending[..word_end(ending)]));
        return rules.postpositions.contains(&ending);
    }
    let next = rest.trim_start();
    next.len() < rest.len()
        && rules
            .postpositions
            .contains(&crate::text::lower_word(&next[..word_end(next)]))
}

/// Where a sentence's dateline ends (0 without one): the place, date and agency a wire story
/// opens with before a dash, in three shapes real reporting uses:
/// - capitals, with a date or an agency after them ("WASHINGTON −", "DEN HAAG (ANP) -",
///   "ROMA, 7 MAR (ANSA) –"); a single capitalised word needs five letters or an agency, so an
///   acronym opening a headline ("NATO – ...") is not taken for a place;
/// - a place and an agency in brackets ("Berlin (Reuters) -", "Kiev, 18 dic. (Adnkronos) -",
///   "París, 6 ene (EFE).-");
/// - a place and a date ("Roma, 26 agosto 2025 –").
///
/// A dash after one word in other case is left alone: in Ukrainian and Russian it is the copula
/// ("ООН – це ...").
pub(super) fn dateline_end(sent: &str) -> usize {
    static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"^\s*(?:",
            r"\p{Lu}[\p{Lu}'’.]{4,}(?:,\s*[\p{Lu}\d][\p{Lu}\d.'’]*)*",
            r"|\p{Lu}[\p{Lu}'’.]+(?:[ ,]+[\p{Lu}\d][\p{Lu}\d.'’]*)+",
            r"|\p{Lu}[\p{Lu}'’.]+\s*\([^)\n]{1,30}\)",
            r"|\p{Lu}[\p{L}.'’ -]{1,30}?(?:,[^()\n]{1,30})?\s*\([^)\n]{1,30}\)",
            r"|\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)?, \d{1,2}\.? \p{L}+\.?(?: \d{4})?",
            r")\s*\.?[-–—−]+\s"
        ))
        .expect("the dateline pattern is valid")
    });
    DATELINE.find(sent).map_or(0, |m| m.end())
}

/// Where the preposition governing a name that starts at byte `start` begins, if the name is
/// the object of one, with at most [`TITLE_WORDS`] capitalised words, states or articles between
/// ("mit US-Präsident Donald Trump", "with US President Donald Trump", "with the Ukrainian
/// President ..."): such a name is not who speaks, however near the reporting verb ("Vor dem
/// Gespräch ... mit US-Präsident Donald Trump äußerte sich Außenminister Johann Wadephul
/// skeptisch" is Wadephul's). A lowercase word between ("to reporters Trump said") or another
/// person ends the phrase. The caller compares the start with the end of a forward reporting
/// phrase: "according to Hegseth" is Hegseth's.
pub(super) fn governing_preposition(
    rules: &LanguageRules,
    sent: &str,
    words: &Words,
    names: &[Mention],
    start: usize,
) -> Option<usize> {
    let mut k = words.toks.iter().rposition(|t| t.end <= start)?;
    let mut next = start;
    for _ in 0..=TITLE_WORDS {
        let joined = sent[words.toks[k].end..next]
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '\'' | '’' | '-'));
        if !joined {
            return None;
        }
        let word = &words.lower[k];
        if rules.prepositions.contains(word) {
            return Some(words.toks[k].start);
        }
        let t = words.toks[k];
        let capitalised = sent[t.start..t.end]
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        // A state or body before the title qualifies it ("US-Präsident", "French President");
        // another person ends the phrase.
        let person = names
            .iter()
            .any(|m| m.start < t.end && t.start < m.end && m.kind == EntityKind::Person);
        if person || !(capitalised || rules.determiners.contains(word)) || k == 0 {
            return None;
        }
        next = t.start;
        k -= 1;
    }
    None
}

/// How many title words or articles may stand between a preposition and the name it governs.
const TITLE_WORDS: usize = 3;

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

/// Whether the text between a noun and the state's name after it holds only the language's
/// [`LanguageRules::genitive_links`] ("of the", "de l'", "der"; nothing at all in a language
/// with a genitive case), and no punctuation that would end the noun phrase.
pub(super) fn linked(rules: &LanguageRules, between: &str) -> bool {
    !between.contains([',', ';', ':', '(', ')', '.'])
        && between
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .all(|w| rules.genitive_links.contains(&crate::text::lower_word(w)))
}

/// Whether the text between a name and the noun after it is a possessive or a case ending
/// after an apostrophe ("Ukraine's", "Rusya'nın": at most four letters).
pub(super) fn possessive(between: &str) -> bool {
    between
        .trim()
        .strip_prefix(['\'', '’'])
        .is_some_and(|ending| {
            (1..=4).contains(&ending.chars().count()) && ending.chars().all(char::is_alphabetic)
        })
}

/// Whether a state or body at `start..end` only describes an event or a possession of
/// [`LanguageRules::event_nouns`] right after it ("Russian invasion", "Russia's war",
/// "Rusya'nın saldırısı"), with nothing but spaces, a possessive or a case ending between, or
/// right before it ("agresji Rosji", "invasion russe", "la guerre de la Russie"), with nothing
/// but [`LanguageRules::genitive_links`] between: such a name is never a claim's subject.
pub(super) fn describes_event(
    rules: &LanguageRules,
    events: &[WordHit<()>],
    sent: &str,
    start: usize,
    end: usize,
) -> bool {
    events.iter().any(|h| {
        (h.start >= end && {
            let between = &sent[end..h.start];
            between.trim().is_empty() || possessive(between)
        }) || (h.end <= start && linked(rules, &sent[h.end..start]))
    })
}
