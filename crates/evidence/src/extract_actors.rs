//! For whom a statement speaks: the attribution half of [`super`]'s rules (subjects,
//! coordinated and unnamed actors, the actors of a statement), after the speaker
//! (`extract_speakers.rs`) is found, kept apart so that each half reads in one sitting. A child
//! module, so it shares the parent's private types.

use super::*;

/// Whether an actor span qualifies the target rather than being its subject: right before it
/// ("American troops", "Ukraine's NATO membership") or right after it with at most one word
/// between ("sanctions on Russia", "війська Франції").
/// An unnamed group ("26 Länder") is a noun phrase, never a qualifier: right before the target
/// it is the subject of a verb-final clause ("dass 26 Länder Truppen entsenden wollen").
pub(super) fn qualifies(p: &SentenceParse<'_>, a: &ActorSpan, target: &WordHit<String>) -> bool {
    if a.entity.is_none() && a.kind == EntityKind::Group {
        return false;
    }
    // Only spaces between, a hyphen ("Nato-Soldaten") or a possessive ("Ukraine's", whose "s"
    // is a word of its own): a comma, a dash or a quotation mark between ends the noun phrase
    // ("..., Ukraine, troops").
    let adjoins = |between: &str| {
        matches!(between, "-" | "‐" | "‑") || matches!(between.trim(), "" | "'s" | "’s")
    };
    (a.end <= target.start && adjoins(&p.sent[a.end..target.start]))
        || (a.start >= target.end && p.words.between(target.end, a.start) <= 1)
}

/// Whether the actor stands in a relative clause that closes before the cue ("..., which Putin
/// wants, ... the coalition has"): that clause's subject is not the claim's.
pub(super) fn in_relative_clause(
    p: &SentenceParse<'_>,
    a: &ActorSpan,
    cue: &WordHit<Stance>,
) -> bool {
    in_parenthesis(p, a.start, a.end, cue.start.min(p.sent.len()).max(a.end))
}

/// Whether the name at bytes `start..end` stands in a clause or parenthesis that one of the
/// lexicon's `after_comma` words opens ([`SentenceParse::relatives`]) and a comma closes before
/// byte `close` (a cue, or a reporting verb: "the coalition, led by Britain and France, said"
/// is the coalition's word, not the states').
pub(super) fn in_parenthesis(
    p: &SentenceParse<'_>,
    start: usize,
    end: usize,
    close: usize,
) -> bool {
    p.relatives
        .iter()
        .any(|&r| r < start && !p.sent[r..start].contains(',') && p.sent[end..close].contains(','))
}

/// The actor a relative clause holding the cue is about, when the clause names no actor of its
/// own before the cue: "coordinating with the United States, which would play a crucial role
/// as a backstop" is the United States' offer, wherever the name before the comma stands (here
/// after a preposition, so no subject of the main clause).
fn antecedent<'p>(
    p: &'p SentenceParse<'_>,
    target: &WordHit<String>,
    cue: &WordHit<Stance>,
) -> Option<&'p ActorSpan> {
    let r = *p
        .pronouns
        .iter()
        .rfind(|&&r| r < cue.start && !p.sent[r..cue.start].contains(','))?;
    let named_inside = p.actors.iter().any(|a| {
        a.start >= r && a.end <= cue.start && !overlaps(a.start, a.end, target.start, target.end)
    });
    if named_inside {
        return None;
    }
    p.actors.iter().rfind(|a| {
        a.end <= r
            && !a.voice
            && p.sent[a.end..r].trim_matches(|c: char| c.is_whitespace() || "”’\"')".contains(c))
                == ","
    })
}

/// Largest number of words between the subject of a reported clause and its verb
/// ([`opens_reported_clause`]); judgement.
const COMPLEMENT_SUBJECT_WORDS: usize = 12;

/// Whether the actor span stands right after a word that opens a reported clause, or after one
/// and an article ("that the United States", "що США", "dass die USA", "că SUA").
fn opens_reported_clause(p: &SentenceParse<'_>, a: &ActorSpan) -> bool {
    let first = p.words.at_or_after(a.start);
    let before = |k: usize| first.checked_sub(k);
    let is = |i: Option<usize>, list: &[usize]| i.is_some_and(|i| list.contains(&i));
    is(before(1), &p.complementizers)
        || (is(before(1), &p.determiners) && is(before(2), &p.complementizers))
}

/// The subjects of the cue: the nearest actor span before it in its clause (after the reporting
/// verb when the verb comes first), and every span coordinated with it ("Britain, France and
/// Australia will ...").
pub(super) fn subjects<'p>(
    p: &'p SentenceParse<'_>,
    target: &WordHit<String>,
    cue: &WordHit<Stance>,
    verb_end: Option<usize>,
    gazetteer: &Gazetteer,
) -> Vec<&'p ActorSpan> {
    // A forward phrase ("according to Witkoff") does not open the reported clause: its subject
    // may stand before it ("Russia, according to Witkoff, agreed"), and its source is no subject.
    let verb_end = verb_end.filter(|v| !p.forward.iter().any(|f| f.end == *v));
    let in_forward = |a: &ActorSpan| {
        p.forward
            .iter()
            .any(|f| a.start >= f.start && a.end <= f.source_end)
    };
    // Words between a subject and the cue, the forward phrases and their sources left out
    // ("Russland ist nach Angaben des US-Sondergesandten Steve Witkoff einverstanden").
    let gap = |a: &ActorSpan| {
        let inside: usize = p
            .forward
            .iter()
            .filter(|f| f.start >= a.end && f.source_end <= cue.start)
            .map(|f| p.words.between(f.start, f.source_end))
            .sum();
        p.words.between(a.end, cue.start).saturating_sub(inside)
    };
    let eligible = |a: &&ActorSpan| {
        a.end <= cue.start
            && !in_forward(a)
            && verb_end.is_none_or(|v| a.start >= v)
            && !overlaps(a.start, a.end, target.start, target.end)
            && !qualifies(p, a, target)
            && !a.object
            && !crosses_clause(p, (a.start, a.end), (cue.start, cue.end))
            && !in_relative_clause(p, a, cue)
    };
    // A claim of the classifier with no cue in the sentence is placed after it: no predicate,
    // so no subject to find (the nearest actor before the end is usually an object).
    if cue.start >= p.sent.len() {
        return Vec::new();
    }
    if let Some(a) = antecedent(p, target, cue) {
        return vec![a];
    }
    // Further from the verb, an actor that opens a reported clause ("said that the United
    // States had been clear about their wish to take part") is still its subject.
    let Some(mut nearest) = p
        .actors
        .iter()
        .filter(eligible)
        .rfind(|a| gap(a) <= SUBJECT_WINDOW_WORDS)
        .or_else(|| {
            p.actors
                .iter()
                .filter(eligible)
                .rfind(|a| gap(a) <= COMPLEMENT_SUBJECT_WORDS && opens_reported_clause(p, a))
        })
    else {
        return Vec::new();
    };
    // The guarantees' beneficiary right before the verb is usually its object or the place
    // ("... Soldaten zum Schutz der Ukraine entsenden", the verb last in a German clause): an
    // actor earlier in the same clause, not listed with it, is the subject ("Frankreich und
    // Großbritannien wollen ..."), however far from the verb.
    if gazetteer.is_beneficiary(&nearest.actor) {
        let earlier = p
            .actors
            .iter()
            .filter(eligible)
            .filter(|a| a.end <= nearest.start && !gazetteer.is_beneficiary(&a.actor))
            .rfind(|a| {
                !a.voice && !crosses_clause(p, (a.start, a.end), (nearest.start, nearest.end))
            });
        if let Some(e) = earlier
            && !coordinated(p, e.end, nearest.start)
        {
            nearest = e;
        }
    }
    let mut out = vec![nearest];
    // Where the listed name at the head of the list starts, with the nationality and title
    // before it ("British Prime Minister Keir Starmer").
    let mut head_start = nearest.start;
    let mut head = nearest;
    for a in p.actors.iter().rev().filter(|a| a.end <= head.start) {
        // An object or a place is listed with nobody ("Face à l'agression de la Russie, la
        // Belgique enverra": the comma after the phrase is no list).
        if verb_end.is_some_and(|v| a.start < v) || in_forward(a) || a.object {
            break;
        }
        if a.end <= head_start && coordinated(p, a.end, head_start) {
            out.push(a);
            head = a;
            head_start = a.start;
        } else if describes(p, a, head) {
            head_start = a.start;
        } else {
            break;
        }
    }
    out.reverse();
    out
}

/// Whether `a` is part of the description of the person `person` named after it: a state (a
/// nationality) with nothing but words of office between them ("British Prime Minister Keir
/// Starmer", "le Premier ministre britannique Keir Starmer"), so a list of people goes on past it.
fn describes(p: &SentenceParse<'_>, a: &ActorSpan, person: &ActorSpan) -> bool {
    person.kind == EntityKind::Person
        && a.kind != EntityKind::Person
        && a.end <= person.start
        && p.words
            .toks
            .iter()
            .enumerate()
            .filter(|(_, t)| t.start >= a.end && t.end <= person.start)
            .all(|(i, _)| p.titles.contains(&i) || p.determiners.contains(&i))
        && !p.sent[a.end..person.start].contains([',', ';'])
}

/// Whether the text between two actors (bytes `lo..hi`) only joins them: commas and
/// coordination words ("Britain, France and Australia", "Британія та Франція"), and articles
/// ("la France et le Royaume-Uni").
pub(super) fn coordinated(p: &SentenceParse<'_>, lo: usize, hi: usize) -> bool {
    let mut between = &p.sent[lo..hi];
    // The full stop of an abbreviation the name ends with ("the U.K. and France"; the alias
    // "U.K" matched without it).
    if p.sent[..lo].ends_with(|c: char| c.is_uppercase())
        && p.sent[..lo]
            .trim_end_matches(|c: char| c.is_uppercase())
            .ends_with('.')
    {
        between = between.strip_prefix('.').unwrap_or(between);
    }
    if between.trim().is_empty() {
        // Two mentions side by side ("UK Prime Minister") are one actor, not a list.
        return false;
    }
    if between
        .chars()
        // A hyphen joins the words of a title ("прем’єр-міністр"); a dash ends the list.
        .any(|c| !c.is_alphanumeric() && !c.is_whitespace() && !matches!(c, ',' | '\'' | '’' | '-'))
    {
        return false;
    }
    let inside: Vec<usize> = (0..p.words.len())
        .filter(|&i| p.words.toks[i].start >= lo && p.words.toks[i].end <= hi)
        .collect();
    // Commas and coordination words, with the next actor's article ("la Francia e il Regno
    // Unito", "France and the UK") or title ("Macron and Prime Minister Starmer"); an article
    // alone does not join two names.
    (between.contains(',') || inside.iter().any(|i| p.coordination.contains(i)))
        && inside.iter().all(|i| {
            p.coordination.contains(i) || p.determiners.contains(i) || p.titles.contains(i)
        })
}

/// What the article said before a sentence, for a sentence that names no subject of its own.
#[derive(Debug, Clone)]
pub(super) struct Before {
    /// The actor of the article's last statement.
    pub statement: Option<String>,
    /// The state (or the name) of the last person who spoke or was named.
    pub person: Option<String>,
}

impl Before {
    /// What the article said before a sentence: the party of its last statement as the rules
    /// chose it (`last`), and the state of the last person who spoke or was named.
    pub(super) fn of(
        last: Option<&str>,
        last_person: Option<&Speaker>,
        gazetteer: &Gazetteer,
    ) -> Before {
        Before {
            statement: last.map(str::to_string),
            person: match last_person {
                Some(Speaker::Entity(e)) => gazetteer.actor_of(e),
                Some(Speaker::Named(n)) => Some(n.clone()),
                Some(Speaker::Anonymous(_)) | None => None,
            },
        }
    }
}

/// The actors of a statement and its attribution: the subjects of the clause, else the state or
/// body the speaker represents, else any actor named in the sentence, else the previous
/// statement's actor (the article goes on about the same party).
pub(super) fn actors(
    p: &SentenceParse<'_>,
    speaker: &Option<(Speaker, usize)>,
    target: &WordHit<String>,
    cue: &WordHit<Stance>,
    gazetteer: &Gazetteer,
    before_sentence: &Before,
    publisher: Option<&str>,
) -> Option<(Vec<String>, Option<String>, AttributionKind)> {
    let previous = before_sentence.statement.clone();
    let verb_end = speaker
        .as_ref()
        .map(|(_, v)| *v)
        .filter(|v| *v <= cue.start);
    let subj: Vec<&ActorSpan> = subjects(p, target, cue, verb_end, gazetteer);
    // "We" is the speaking side: the speaker's state or body, else the publisher when a
    // government publishes the text; unknown otherwise (an anonymous source's "we").
    let voice = || -> Option<String> {
        // "We will ... as a coalition of the willing": the body the sentence names, which the
        // speaker speaks for (dev actor accuracy 0.582 to 0.584; any "we" of an article that
        // named a body: 0.578).
        // Not a body that only qualifies the target ("нам потрібно ... як стаття 5 НАТО": we
        // want what NATO's Article 5 gives, we are not NATO).
        if let Some(body) = &p.body
            && p.actors
                .iter()
                .any(|a| a.entity.is_some() && &a.actor == body && !qualifies(p, a, target))
        {
            return Some(body.clone());
        }
        match speaker {
            Some((Speaker::Entity(e), _)) => gazetteer.actor_of(e),
            Some((Speaker::Named(n), _)) => Some(n.clone()),
            Some((Speaker::Anonymous(_), _)) => None,
            None => publisher.map(str::to_string),
        }
    };
    // A person subject is the speaker's business (their state comes from the speaker), except
    // in a list of subjects, where each speaks for their own state ("Macron, Zelensky and
    // Starmer signed ...": France, Ukraine and the United Kingdom, not the last one named).
    let listed = subj.len() > 1;
    let subject_actors: Vec<String> = subj
        .iter()
        .filter(|a| listed || a.kind != EntityKind::Person)
        .filter_map(|a| {
            if a.voice {
                voice()
            } else {
                Some(a.actor.clone())
            }
        })
        .collect();
    // The first actor of the sentence before the cue that does not qualify the target (usually
    // its subject), else the previous statement's actor (the article goes on about the same
    // party), else the publisher when a government publishes the text, else an actor that
    // qualifies the target. An actor after the cue is its object and never counts.
    let fallback = || -> Option<Vec<String>> {
        let others = || {
            p.actors
                .iter()
                .filter(|a| !a.voice && !overlaps(a.start, a.end, target.start, target.end))
        };
        // A first-person subject in the cue's clause ("we want to go further by supporting"):
        // the speaking side, else the party the article is about; never another actor of the
        // sentence, which is then an object or a subordinate clause's subject ("As Putin
        // prevaricates, we will continue ...").
        if p.actors.iter().any(|a| {
            a.voice
                && a.end <= cue.start
                && !crosses_clause(p, (a.start, a.end), (cue.start, cue.end))
        }) {
            return voice().or(previous.clone()).map(|a| vec![a]);
        }
        // The first such actor, with those listed right after it ("Велика Британія та
        // Франція ...": a classifier's claim without a cue of its own has no verb to find a
        // subject list from, and a sentence's first actors are usually its subjects).
        let before = |qualifying: bool, objects: bool| {
            let first = others()
                .filter(|a| {
                    a.end <= cue.start
                        && !in_relative_clause(p, a, cue)
                        && qualifies(p, a, target) == qualifying
                        && (objects || !a.object)
                        && (objects
                            || a.kind == EntityKind::Person
                            || !gazetteer.is_beneficiary(&a.actor))
                })
                .min_by_key(|a| a.start)?;
            let mut list = vec![first.actor.clone()];
            let mut tail = first;
            for a in p.actors.iter().filter(|a| a.start >= tail.end) {
                if a.end <= cue.start && !a.voice && coordinated(p, tail.end, a.start) {
                    list.push(a.actor.clone());
                    tail = a;
                } else {
                    break;
                }
            }
            Some(list)
        };
        // An actor that qualifies the target ("Ukraine's membership"), follows a preposition
        // ("guarantees for Ukraine") or is the guarantees' beneficiary ("надання Україні") is
        // usually their beneficiary, owner or place, not the speaker: the party the article is
        // about comes first.
        // On a government's own site, a sentence without a subject after one about the
        // guarantees' beneficiary ("... for Ukraine") goes on with the publisher's actions
        // ("- provide up to EUR 3 billion of military aid"), not the beneficiary's.
        // (Dev actor accuracy 0.577 to 0.581.)
        let previous = previous.clone().filter(|prev| {
            !(gazetteer.is_beneficiary(prev) && publisher.is_some_and(|p| p != prev))
        });
        // An object that is only the guarantees' beneficiary ("... par une régénération des
        // forces ukrainiennes") gives way to the last person who spoke: an article's first
        // claim without a subject is usually its speaker's.
        let object = || {
            let (found, qualifier) = match before(false, true) {
                Some(found) => (found, false),
                None => (before(true, true)?, true),
            };
            match &before_sentence.person {
                Some(person) if qualifier || found.iter().all(|a| gazetteer.is_beneficiary(a)) => {
                    Some(vec![person.clone()])
                }
                _ => Some(found),
            }
        };
        before(false, false)
            .or(previous.map(|a| vec![a]))
            .or_else(|| publisher.map(|a| vec![a.to_string()]))
            .or_else(object)
    };
    let dedup = |mut v: Vec<String>| {
        let mut seen = Vec::new();
        v.retain(|x| {
            let new = !seen.contains(x);
            seen.push(x.clone());
            new
        });
        v
    };
    // "The security guarantees demanded by Kyiv", "unacceptable for Russia": the passive's
    // agent, or the one a refusal is for, is the claim's actor, whoever reports it.
    if let Some(agent) = agent_of(p, target, cue, gazetteer) {
        let (by, kind) = match speaker {
            Some((Speaker::Entity(x) | Speaker::Named(x), _)) => {
                (Some(x.clone()), AttributionKind::Named)
            }
            Some((Speaker::Anonymous(x), _)) => (Some(x.clone()), AttributionKind::Anonymous),
            None => (None, AttributionKind::Reported),
        };
        return Some((vec![agent.actor.clone()], by, kind));
    }
    // "Although Trump ruled out U.S. ground forces in Ukraine, he has insisted that ...": a cue
    // with a person as its subject, in its own clause before the reporting verb, is that
    // person's, not the speaker's (who was taken from the report that follows).
    if let Some((_, v)) = speaker
        && *v > cue.end
        && let [person] = subj.as_slice()
        && person.kind == EntityKind::Person
    {
        return Some((
            vec![person.actor.clone()],
            person.entity.clone(),
            AttributionKind::Named,
        ));
    }
    match speaker {
        Some((Speaker::Entity(e), v)) => {
            let own = gazetteer.actor_of(e)?;
            // "Italy said it will not send troops, while Germany ruled out ...": a cue in
            // another clause than the report, with a subject of its own, is not the speaker's
            // report of it.
            if !subject_actors.is_empty()
                && !subject_actors.contains(&own)
                && cue.label != Stance::Demands
                && crosses_clause(p, (*v, *v), (cue.start, cue.end))
            {
                return Some((dedup(subject_actors), None, AttributionKind::Reported));
            }
            // "Kellogg said Europeans will have to provide the troops": the speaker demands,
            // the subject is the one asked.
            let actors = if cue.label == Stance::Demands || subject_actors.is_empty() {
                listed_with_speaker(p, e, *v).unwrap_or(vec![own.clone()])
            } else {
                subject_actors
            };
            // "Italy and Poland said they will not send troops": a state listed with others as
            // the speakers is one voice of several, each its own; the report is the outlet's.
            if actors.len() > 1
                && actors.contains(&own)
                && gazetteer
                    .get(e)
                    .is_some_and(|x| x.kind != EntityKind::Person)
            {
                return Some((dedup(actors), None, AttributionKind::Reported));
            }
            Some((dedup(actors), Some(e.clone()), AttributionKind::Named))
        }
        Some((Speaker::Named(n), _)) => {
            let actors = if cue.label == Stance::Demands || subject_actors.is_empty() {
                vec![n.clone()]
            } else {
                subject_actors
            };
            Some((dedup(actors), Some(n.clone()), AttributionKind::Named))
        }
        Some((Speaker::Anonymous(a), _)) => {
            let actors = if subject_actors.is_empty() {
                fallback()?
            } else {
                subject_actors
            };
            Some((dedup(actors), Some(a.clone()), AttributionKind::Anonymous))
        }
        None => {
            // "Макрон, Стармер и Зеленский подписали": each person's state, in the order named;
            // the report is the outlet's, no single person's.
            let people: Vec<&&ActorSpan> = subj
                .iter()
                .filter(|a| a.kind == EntityKind::Person)
                .collect();
            if people.len() > 1 && subject_actors.is_empty() {
                let actors = people.iter().map(|a| a.actor.clone()).collect();
                return Some((dedup(actors), None, AttributionKind::Reported));
            }
            if let Some(person) = subj.iter().rev().find(|a| a.kind == EntityKind::Person)
                && subject_actors.is_empty()
            {
                return Some((
                    vec![person.actor.clone()],
                    person.entity.clone(),
                    AttributionKind::Named,
                ));
            }
            let actors = if subject_actors.is_empty() {
                fallback()?
            } else {
                subject_actors
            };
            Some((dedup(actors), None, AttributionKind::Reported))
        }
    }
}

/// Actor spans for the phrases of `matcher` in the sentence that no actor span already covers:
/// standing for `referent` ("the participants", "these countries" for the body named before),
/// or, as `voice` spans, for the speaking side (first-person subjects: "we", "ми", "wir").
pub(super) fn uncovered_spans(
    matcher: &WordMatcher<()>,
    words: &Words,
    actors: &[ActorSpan],
    referent: &str,
    voice: bool,
) -> Vec<ActorSpan> {
    matcher
        .find(words)
        .into_iter()
        .filter(|h| {
            !actors
                .iter()
                .any(|a| overlaps(a.start, a.end, h.start, h.end))
        })
        .map(|h| ActorSpan {
            entity: None,
            kind: EntityKind::Group,
            actor: referent.to_string(),
            start: h.start,
            end: h.end,
            voice,
            object: false,
        })
        .collect()
}

/// Unnamed groups of states: a number, at most one word, then a group noun ("26 countries",
/// "26 європейських країн", "zwei Dutzend Staaten" is not caught).
pub(super) fn unnamed_groups(rules: &LanguageRules, sent: &str, words: &Words) -> Vec<ActorSpan> {
    let mut out = Vec::new();
    for g in rules.group_nouns.find(words) {
        for gap in 1..=2usize {
            let Some(i) = g.first.checked_sub(gap) else {
                break;
            };
            let w = &words.lower[i];
            let value = if w.chars().all(|c| c.is_ascii_digit()) {
                w.parse::<f64>().ok()
            } else {
                rules.numbers.get(w).copied().map(|v| {
                    // "twenty-six": a tens word followed by a units word.
                    let next = words.lower.get(i + 1).and_then(|n| rules.numbers.get(n));
                    match next {
                        Some(u) if v >= 20.0 && *u < 10.0 && i + 1 < g.first => v + u,
                        _ => v,
                    }
                })
            };
            let Some(v) = value else { continue };
            // A number and its noun are one phrase: "(6 stycznia) partnerzy" is a date before
            // the noun, no count of partners.
            if sent[words.toks[i].end..g.start].contains([')', '(', ',', ';', ':', '.']) {
                break;
            }
            // "twenty-six": step back from the units word to the tens word.
            let (start_i, v) = if i > 0
                && rules
                    .numbers
                    .get(&words.lower[i - 1])
                    .is_some_and(|t| *t >= 20.0 && v < 10.0)
            {
                (i - 1, v + rules.numbers[&words.lower[i - 1]])
            } else {
                (i, v)
            };
            // A count of states is between 2 and the world's ~200: "2025" before "Stating" (or
            // a dateline's year before any group noun) is no group.
            if !(2.0..=200.0).contains(&v) {
                break;
            }
            let noun = &sent[g.start..g.end];
            out.push(ActorSpan {
                entity: None,
                kind: EntityKind::Group,
                actor: format!("{v} {noun} {}", crate::ledger::UNNAMED),
                start: words.toks[start_i].start,
                end: g.end,
                voice: false,
                object: false,
            });
            break;
        }
    }
    out
}

/// The actors of a list that ends with the speaker's name in this sentence, before the reporting
/// verb that ends at `verb_end`, in the order named ("Frankreich und das Vereinigte Königreich
/// haben ... bestätigt": both states speak; "Macron and Starmer said": each person's state), or
/// `None` when the speaker is named alone or not in this sentence.
fn listed_with_speaker(
    p: &SentenceParse<'_>,
    speaker: &str,
    verb_end: usize,
) -> Option<Vec<String>> {
    let mut head = p
        .actors
        .iter()
        .rfind(|a| a.end <= verb_end && a.entity.as_deref() == Some(speaker))?;
    let mut out = vec![head.actor.clone()];
    for a in p.actors.iter().rev().filter(|a| a.end <= head.start) {
        if a.voice || a.entity.is_none() || !coordinated(p, a.end, head.start) {
            break;
        }
        out.push(a.actor.clone());
        head = a;
    }
    (out.len() > 1).then(|| {
        out.reverse();
        out
    })
}

/// A state's allies or partners ([`LanguageRules::ally_nouns`]) are an unnamed group of their
/// own, not the state: "los socios de Ucrania asumen el compromiso" was Ukraine's commitment.
/// The noun stands before the state's name with only [`LanguageRules::genitive_links`] between
/// ("allies of Ukraine", "партнери України"), or after it and its possessive ("Ukraine's
/// partners", "Ukrayna'nın müttefikleri"). The name must be capitalised: "our Ukrainian
/// partners", "українські партнери" are Ukraine itself. Such a span becomes the group
/// ("Ukraine's partners (unnamed)"); when the noun is itself an actor ("European allies of
/// Ukraine"), the state is only its object.
pub(super) fn allied_groups(
    rules: &LanguageRules,
    sent: &str,
    words: &Words,
    actors: &mut Vec<ActorSpan>,
    gazetteer: &Gazetteer,
) {
    let nouns = rules.ally_nouns.find(words);
    if nouns.is_empty() {
        return;
    }
    let linked =
        |between: &str| !between.contains(['"', '«', '»', '“', '”']) && linked(rules, between);
    let spans: Vec<(usize, usize)> = actors.iter().map(|a| (a.start, a.end)).collect();
    // Spans that are only the noun itself ("allies", an alias of the European allies), which
    // the group takes in.
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for a in actors.iter_mut() {
        if a.kind != EntityKind::State || !sent[a.start..].starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        let Some(noun) = nouns.iter().find(|h| {
            (h.end <= a.start && linked(&sent[h.end..a.start]))
                || (h.start >= a.end && possessive(&sent[a.end..h.start]))
        }) else {
            continue;
        };
        let other = |&&(s, e): &&(usize, usize)| {
            (s, e) != (a.start, a.end) && overlaps(s, e, noun.start, noun.end)
        };
        if spans
            .iter()
            .filter(other)
            .any(|&(s, e)| s < noun.start || e > noun.end)
        {
            a.object = true;
            continue;
        }
        let Some(name) = a
            .entity
            .as_deref()
            .and_then(|e| gazetteer.get(e))
            .and_then(|e| e.role.clone())
        else {
            continue;
        };
        taken.extend(spans.iter().filter(other));
        a.actor = format!("{name}'s {} {}", noun.label, crate::ledger::UNNAMED);
        a.entity = None;
        a.kind = EntityKind::Group;
        a.start = a.start.min(noun.start);
        a.end = a.end.max(noun.end);
    }
    actors.retain(|a| a.entity.is_none() || !taken.contains(&(a.start, a.end)));
}

/// Groups counted without a number ([`LanguageRules::quantifiers`]): "some countries", "plusieurs
/// pays", "деякі держави", with at most one word between ("some European countries"). The group
/// is written as an English text has it, else in English ("some countries (unnamed)" for
/// "деякі держави"): "Certains Etats n'ont pas la capacité" is no position of France's, the
/// speaker's. A phrase that names a body or a state ("some European countries", the European
/// allies) is left to it.
pub(super) fn quantified_groups(
    rules: &LanguageRules,
    sent: &str,
    words: &Words,
    actors: &mut Vec<ActorSpan>,
) {
    let quantifiers = rules.quantifiers.find(words);
    if quantifiers.is_empty() {
        return;
    }
    let mut groups = Vec::new();
    for g in rules.group_nouns.find(words) {
        let Some(q) = quantifiers
            .iter()
            .find(|q| q.last < g.first && g.first - q.last <= 2)
        else {
            continue;
        };
        let phrase = &sent[q.start..g.end];
        // "some European countries" stays the European allies' (the dev gold's annotators
        // write most such groups as "European countries"; with groups for them too, the
        // rules' parties held out were right for 6,099 matched claims in 9,857, against 6,110).
        if phrase.contains([',', ';', ':', '(', ')', '.', '"', '«', '»'])
            || actors
                .iter()
                .any(|a| overlaps(a.start, a.end, q.start, g.end))
        {
            continue;
        }
        // English keeps its words; another language's group is written in English, as the
        // ledger writes states by their codes, so that one query finds it in any language.
        let name = if rules.lang == Lang::En {
            let mut chars = phrase.chars();
            chars
                .next()
                .map(|c| c.to_lowercase().chain(chars).collect())
                .unwrap_or_default()
        } else {
            format!("{} countries", q.label)
        };
        groups.push(ActorSpan {
            entity: None,
            kind: EntityKind::Group,
            actor: format!("{name} {}", crate::ledger::UNNAMED),
            start: q.start,
            end: g.end,
            voice: false,
            object: false,
        });
    }
    actors.extend(groups);
}
