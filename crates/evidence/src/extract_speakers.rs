//! Who is speaking: the speaker of a sentence (a name next to a reporting verb, an anonymous
//! source, a pronoun for the last person, a headline's name before a colon or after a dash),
//! and the offices a publisher speaks through. [`super`]'s actors module then decides for whom.
//! A child module, so it shares the parent's private types.

use super::*;

/// The speaker of a sentence: an entity, anonymous phrase or unknown capitalised name next to a
/// reporting verb, or a pronoun standing for the last named person.
/// Returns the speaker and the byte offset where its reporting verb ends.
pub(super) fn speaker(
    rules: &LanguageRules,
    p: &SentenceParse<'_>,
    mentions: &[Mention],
    last_person: Option<&Speaker>,
) -> Option<(Speaker, usize)> {
    let w = &p.words;
    let mut best: Option<(usize, Speaker, usize)> = None;
    // The end of a report after a quotation that names nobody ("«...», — сказал."): its
    // speaker is the last person, when no one else is found.
    let mut quoted_report: Option<usize> = None;
    // Where the preposition governing each name starts, if one does (once per sentence, not
    // per reporting verb).
    let governed: Vec<Option<usize>> = mentions
        .iter()
        .map(|m| governing_preposition(rules, p.sent, w, mentions, m.start))
        .collect();
    for v in rules.verbs.find(w) {
        // An inverted report (", said Macron", "», a déclaré le président"): when the verb
        // follows a comma or a closing quotation mark and someone is named after it, the names
        // before it belong to what was said ("the war with Russia is over, said Macron").
        let inverted = inverted_report(&p.sent[..v.start], &rules.auxiliaries);
        // A name after a preposition is a place or an object ("», sagte sie in Moskau").
        // The preposition of a forward phrase ("according to Hegseth") is the verb's own.
        let object = |i: usize| {
            let from = if mentions[i].start >= v.end { v.end } else { 0 };
            governed[i].is_some_and(|at| at >= from)
                || super::roles::before_postposition(rules, p.sent, mentions[i].end)
        };
        // "telling European allies that": the name after such a verb is spoken to.
        let addressed = v.first == v.last && rules.addressed.contains(&w.lower[v.first]);
        let named_after = || {
            !addressed
                && (mentions.iter().enumerate().any(|(i, m)| {
                    m.start >= v.end
                        && w.between(v.end, m.start) <= SPEAKER_AFTER_WORDS
                        && !object(i)
                }) || p
                    .anonymous
                    .iter()
                    .any(|a| a.start >= v.end && w.between(v.end, a.start) <= ANONYMOUS_WORDS)
                    || unknown_name(rules, p, v.last + 1, true, mentions).is_some())
        };
        let forward_only = v.label || (inverted && named_after());
        if inverted && !named_after() && quoted_before(&p.sent[..v.start]) {
            quoted_report.get_or_insert(v.end);
        }
        let mut consider = |dist: usize, sp: Speaker| {
            if best.as_ref().is_none_or(|(d, _, _)| dist < *d) {
                best = Some((dist, sp, v.end));
            }
        };
        for (i, m) in mentions.iter().enumerate() {
            if object(i) {
                continue;
            }
            if !addressed && m.start >= v.end && w.between(v.end, m.start) <= SPEAKER_AFTER_WORDS {
                consider(
                    w.between(v.end, m.start) + 1,
                    Speaker::Entity(m.entity.clone()),
                );
            }
            if !forward_only
                && m.end <= v.start
                && w.between(m.end, v.start) <= SPEAKER_BEFORE_WORDS
                && !beyond_comma(&p.sent[m.end..v.start])
                && !super::actors::in_parenthesis(p, m.start, m.end, v.start)
            {
                consider(
                    w.between(m.end, v.start) + 1,
                    Speaker::Entity(m.entity.clone()),
                );
            }
        }
        for a in &p.anonymous {
            // The text's own words ("представитель"), not the lexicon's pattern ("представител*").
            let said = || Speaker::Anonymous(p.sent[a.start..a.end].to_string());
            if !addressed && a.start >= v.end && w.between(v.end, a.start) <= ANONYMOUS_WORDS {
                consider(w.between(v.end, a.start) + 1, said());
            }
            if !forward_only && a.end <= v.start && w.between(a.end, v.start) <= ANONYMOUS_WORDS {
                consider(w.between(a.end, v.start) + 1, said());
            }
        }
        // An expert or envoy the gazetteer does not know: two or three capitalised words right
        // after the verb ("said Jane Doe") or right before it ("Jane Doe said").
        let named = (!addressed)
            .then(|| unknown_name(rules, p, v.last + 1, true, mentions))
            .flatten();
        if let Some(name) = named.or_else(|| {
            (!forward_only)
                .then(|| unknown_name(rules, p, v.first, false, mentions))
                .flatten()
        }) {
            consider(2, Speaker::Named(name));
        }
        if let Some(last) = last_person
            && !forward_only
        {
            let before = v.first.checked_sub(1).map(|i| w.lower[i].as_str());
            let after = w.lower.get(v.last + 1).map(String::as_str);
            let is_pronoun =
                |x: Option<&str>| x.is_some_and(|x| rules.pronouns.iter().any(|p| p == x));
            // "He said", "», précise-t-il", "..., precizează el": a pronoun before the verb, or
            // after it in an inverted report, is the speaker. "Diplomats said they ...": after a
            // verb that is not inverted it is the reported clause's subject, usually the speaker
            // named right before the verb, so it continues the last person only when nobody is
            // (dev actor accuracy 1,555 to 1,558 of 2,525).
            if is_pronoun(before) || (inverted && is_pronoun(after)) {
                consider(0, last.clone());
            } else if is_pronoun(after) {
                consider(1, last.clone());
            }
        }
    }
    if best.is_none()
        && let (Some(last), Some(end)) = (last_person, quoted_report)
    {
        return Some((last.clone(), end));
    }
    if best.is_none()
        && let Some(last) = last_person
    {
        // "He ruled out ...": a sentence opening with a pronoun continues the last speaker.
        if w.lower
            .first()
            .is_some_and(|f| rules.pronouns.iter().any(|p| p == f))
        {
            return Some((last.clone(), 0));
        }
    }
    // A headline's person before a colon speaks for what follows ("Zelenskyy: guarantees
    // without the US are not enough", "Фидан: турецкие вооруженные силы готовы ..."), in every
    // language's news style.
    if best.is_none()
        && let Some((person, after)) = colon_speaker(p, mentions)
    {
        return Some((Speaker::Entity(person.entity.clone()), after));
    }
    // And one after a closing dash ("Нам потрібен альянс Європи та США ..., - Зеленський",
    // "..., — премьер Мартин"), the Ukrainian and Russian headline's attribution.
    if best.is_none()
        && let Some(person) = dash_speaker(p, mentions)
    {
        return Some((Speaker::Entity(person.entity.clone()), 0));
    }
    // Reported speech without a reporting verb (German Konjunktiv I) is the person it names
    // ("Für Kremlchef Putin sei ein Nato-Beitritt nicht diskutierbar"), else it goes on with
    // the last speaker ("..., sagte Merz. Dazu zähle eine Garantie der USA").
    if best.is_none() && w.lower.iter().any(|x| rules.reported_speech.contains(x)) {
        if let Some(m) = mentions.iter().find(|m| m.kind == EntityKind::Person) {
            return Some((Speaker::Entity(m.entity.clone()), 0));
        }
        if let Some(last) = last_person {
            return Some((last.clone(), 0));
        }
    }
    // "Claudia Major of the German Institute ... said": the person, not her institute.
    if let Some((_, Speaker::Entity(e), v)) = &best
        && let Some(org) = mentions
            .iter()
            .find(|m| &m.entity == e && m.kind != EntityKind::Person)
        && let Some(person) = mentions.iter().rfind(|m| {
            m.kind == EntityKind::Person
                && m.end <= org.start
                && p.sent[m.end..org.start]
                    .trim()
                    .trim_start_matches(',')
                    .trim()
                    .to_lowercase()
                    .starts_with("of")
                && w.between(m.end, org.start) <= PERSON_OF_WORDS + 1
        })
    {
        return Some((Speaker::Entity(person.entity.clone()), *v));
    }
    // "le président français Emmanuel Macron": the person the title and nationality introduce.
    if let Some((_, Speaker::Entity(e), v)) = &best
        && let Some(state) = mentions
            .iter()
            .find(|m| &m.entity == e && m.kind != EntityKind::Person && m.start >= *v)
        && let Some(person) = mentions.iter().find(|m| {
            m.kind == EntityKind::Person
                && m.start >= state.end
                && w.between(state.end, m.start) == 0
        })
    {
        return Some((Speaker::Entity(person.entity.clone()), *v));
    }
    // "Macron, the French president, said": the person the appositive describes, not the
    // nationality in it, which stands nearer the verb.
    if let Some((_, Speaker::Entity(e), v)) = &best
        && let Some(state) = mentions
            .iter()
            .rfind(|m| &m.entity == e && m.kind != EntityKind::Person && m.end <= *v)
        && let Some(person) = mentions
            .iter()
            .rfind(|m| m.kind == EntityKind::Person && m.end <= state.start)
        && in_appositive(p, person, state, *v)
    {
        return Some((Speaker::Entity(person.entity.clone()), *v));
    }
    best.map(|(_, s, v)| (s, v))
}

/// Whether `state` stands in an appositive after `person` that closes before the reporting
/// verb ending at `verb_end`: a comma and at most [`SPEAKER_TITLE_WORDS`] words (an article)
/// before it, at most three words after it, some words of office around it, a comma, and no
/// quotation between (", the French president, said", ", le président français, a déclaré").
fn in_appositive(
    p: &SentenceParse<'_>,
    person: &Mention,
    state: &Mention,
    verb_end: usize,
) -> bool {
    let opening = p.sent[person.end..state.start].trim_start();
    let quoted = |t: &str| t.contains(['"', '“', '”', '«', '»', '„']);
    let before = p.words.between(person.end, state.start);
    opening.starts_with(',')
        && !opening[1..].contains(',')
        && !quoted(opening)
        && before <= SPEAKER_TITLE_WORDS
        && p.sent[state.end..verb_end]
            .split_once(',')
            .is_some_and(|(office, _)| {
                let after = p.words.between(state.end, state.end + office.len());
                !quoted(office) && after <= 3 && before + after >= 1
            })
}

/// A person named at the opening of a sentence (at most [`SPEAKER_TITLE_WORDS`] words, a title,
/// before the name) and followed by a colon, with the offset after the colon.
fn colon_speaker<'m>(
    p: &SentenceParse<'_>,
    mentions: &'m [Mention],
) -> Option<(&'m Mention, usize)> {
    let m = mentions.iter().find(|m| m.kind == EntityKind::Person)?;
    let rest = &p.sent[m.end..];
    let after = m.end + rest.len() - rest.trim_start().len();
    (p.words.between(0, m.start) <= SPEAKER_TITLE_WORDS && p.sent[after..].starts_with(':'))
        .then_some((m, after + 1))
}

/// A person named at the end of a sentence after a dash that closes a clause (", - Зеленський",
/// "». — премьер Мартин"), with at most [`SPEAKER_TITLE_WORDS`] words, a title, between.
fn dash_speaker<'m>(p: &SentenceParse<'_>, mentions: &'m [Mention]) -> Option<&'m Mention> {
    let m = mentions.iter().rfind(|m| m.kind == EntityKind::Person)?;
    let closes = |c: char| c.is_whitespace() || matches!(c, '.' | '!' | '?' | '"' | '»' | '”');
    if !p.sent[m.end..].chars().all(closes) {
        return None;
    }
    let before = &p.sent[..m.start];
    let dash = before.rfind(['-', '–', '—'])?;
    let opens = before[..dash].trim_end();
    (before[dash..]
        .chars()
        .nth(1)
        .is_some_and(char::is_whitespace)
        && opens.ends_with([',', '.', '!', '?', '»', '"', '”'])
        && p.words.between(dash, m.start) <= SPEAKER_TITLE_WORDS)
        .then_some(m)
}

/// Words a title or an article may take between a speaker's name and the punctuation that
/// marks it as the speaker: a colon, a closing dash or an appositive ("President Zelenskyy:",
/// ", - премьер Мартин", ", the German chancellor,").
const SPEAKER_TITLE_WORDS: usize = 2;

/// Whether the text before a reporting verb ends with a closing quotation mark (and a comma or
/// dash) right before it: "«...», — сказал", "“...”, dichiara".
fn quoted_before(before: &str) -> bool {
    before
        .trim_end()
        .trim_end_matches(['—', '–', ','])
        .trim_end()
        .trim_end_matches(',')
        .ends_with(['"', '”', '»', '“'])
}

/// Whether a reporting verb whose sentence runs `before` up to it is inverted: it follows a
/// comma, a closing quotation mark or a dash (", said Macron", "», — заявил Песков"), possibly
/// after one of the language's auxiliaries (", a déclaré", ", ha detto").
pub(super) fn inverted_report(before: &str, auxiliaries: &[String]) -> bool {
    let ends_inverted = |t: &str| {
        let t = t.trim_end().trim_end_matches(['—', '–']).trim_end();
        t.trim_end_matches(['"', '”', '»', '“', '\''])
            .trim_end()
            .ends_with(',')
            || t.ends_with(['"', '”', '»'])
    };
    if ends_inverted(before) {
        return true;
    }
    let t = before.trim_end();
    match t.rsplit_once(char::is_whitespace) {
        Some((rest, last)) => {
            let last = crate::text::lower_word(last);
            auxiliaries.contains(&last) && ends_inverted(rest)
        }
        None => false,
    }
}

/// Two or three capitalised words, not a known mention, starting at word `i` (forward) or ending
/// just before word `i` (backward). The first word of the sentence alone does not count, since any
/// word is capitalised there. An article before a capitalised noun ("Dem Plan zufolge", "Die
/// Verbündeten") is no name, and neither is a news outlet's ("Sky News reported", "the Wall
/// Street Journal said": the source of the report, not one who takes a stance).
pub(super) fn unknown_name(
    rules: &LanguageRules,
    p: &SentenceParse<'_>,
    i: usize,
    forward: bool,
    mentions: &[Mention],
) -> Option<String> {
    let w = &p.words;
    let is_cap = |k: usize| {
        let t = w.toks[k];
        let word = &p.sent[t.start..t.end];
        word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().skip(1).any(char::is_lowercase)
            && word.chars().count() >= 2
            && !mentions
                .iter()
                .any(|m| overlaps(m.start, m.end, t.start, t.end))
    };
    let adjacent = |a: usize, b: usize| p.sent[w.toks[a].end..w.toks[b].start].trim().is_empty();
    let mut span: Vec<usize> = Vec::new();
    if forward {
        let mut k = i;
        // "according to Prime Minister Kristen Michal": the title is not part of the name.
        while k < w.len() && p.titles.contains(&k) && is_cap(k) {
            k += 1;
        }
        while k < w.len() && span.len() < 3 && is_cap(k) && (span.is_empty() || adjacent(k - 1, k))
        {
            span.push(k);
            k += 1;
        }
    } else {
        let mut k = i;
        while k > 0 && span.len() < 3 && is_cap(k - 1) && (span.is_empty() || adjacent(k - 1, k)) {
            span.push(k - 1);
            k -= 1;
        }
        span.reverse();
        if span.first() == Some(&0) && span.len() == 1 {
            return None;
        }
        // "Ukraine's Foreign Minister confirmed": titles before the name are not part of it,
        // and titles alone are no name.
        while span.len() > 1 && p.titles.contains(&span[0]) {
            span.remove(0);
        }
        if span.len() > 2 && span[0] == 0 {
            // "Analyst Jane Doe said": drop a capitalised title at the start of the sentence.
            span.remove(0);
        }
    }
    if span
        .first()
        .is_some_and(|k| rules.determiners.contains(&w.lower[*k]))
    {
        span.remove(0);
    }
    if span.len() < 2 {
        return None;
    }
    let (a, b) = (span[0], span[span.len() - 1]);
    let name = &p.sent[w.toks[a].start..w.toks[b].end];
    if !crate::dedupe::sources::default_sources()
        .cited(name)
        .is_empty()
    {
        return None;
    }
    Some(name.to_string())
}

/// Whether `name` (a speaker's name as the text gives it) is one of `offices`, with or
/// without a leading article ("Prime Minister", "the Prime Minister").
pub(super) fn is_office(name: &str, offices: &[String]) -> bool {
    let n = name.trim().to_lowercase();
    offices
        .iter()
        .any(|o| *o == n || o.strip_prefix("the ").is_some_and(|rest| rest == n))
}

/// Whether a sentence opens with one of `offices` as a whole phrase ("The Prime Minister will
/// tell", "Глава держави наголосив"), after any opening quotation mark.
pub(super) fn opens_with_office(sentence: &str, offices: &[String]) -> bool {
    let s = sentence
        .trim_start_matches(|c: char| c.is_whitespace() || "\"'“”«»„".contains(c))
        .to_lowercase();
    offices.iter().any(|o| {
        s.strip_prefix(o.as_str())
            .is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric()))
    })
}

/// Whether a name ending where `between` starts is cut off from the reporting verb after it by
/// a comma that no appositive closes ("Britain will send no troops to Ukraine, the defence
/// secretary said": Ukraine is not the speaker; "Macron, the French president, said": Macron
/// is).
fn beyond_comma(between: &str) -> bool {
    let b = between.trim_end();
    b.contains(',') && !b.ends_with(',')
}

/// A forward attribution phrase with its source ("according to Witkoff", "nach Angaben des
/// US-Sondergesandten Steve Witkoff"), in bytes of the sentence.
#[derive(Debug, Clone, Copy)]
pub(super) struct Forward {
    pub(super) start: usize,
    /// Where the phrase ends: the speaker rule's verb end when the source speaks.
    pub(super) end: usize,
    /// Where its source ends (the phrase's end when it names none).
    pub(super) source_end: usize,
}

/// The forward attribution phrases of a sentence, as [`SentenceParse::forward`] holds them. The
/// source is the first person named within [`SPEAKER_AFTER_WORDS`] of the phrase, else the
/// first actor there, before any comma ("Secondo fonti diplomatiche, la Francia ...": France is
/// no source).
pub(super) fn forward_phrases(
    sent: &str,
    verbs: &[WordHit<bool>],
    actors: &[ActorSpan],
    words: &Words,
) -> Vec<Forward> {
    verbs
        .iter()
        .filter(|v| v.label)
        .map(|v| {
            let near: Vec<&ActorSpan> = actors
                .iter()
                .filter(|a| {
                    a.start >= v.end
                        && words.between(v.end, a.start) <= SPEAKER_AFTER_WORDS
                        && !sent[v.end..a.start].contains(',')
                })
                .collect();
            Forward {
                start: v.start,
                end: v.end,
                source_end: near
                    .iter()
                    .find(|a| a.kind == EntityKind::Person)
                    .or(near.first())
                    .map_or(v.end, |a| a.end),
            }
        })
        .collect()
}
