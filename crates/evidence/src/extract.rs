//! Extract stage: sentences, attribution and statements, in the six languages with a lexicon
//! (`data/lexicon/<lang>.toml`: en, uk, ru, de, fr, pl).
//!
//! Rules in the manner of Pouliquen, Steinberger and Best (2007) for quotations and of
//! dictionary event coders (CAMEO/PLOVER) for stances. The article's language is declared or
//! detected ([`crate::lang`]); sentences are split by sentencex's rules for it, and words are
//! matched by stem or prefix, so inflected forms meet. A sentence yields a statement for each
//! target it names (lexicon `[targets]`: capabilities and the evidence-only topics) when a stance
//! cue (lexicon `[stances]`) is near it in the same clause; a negation within a few words before
//! the cue (`[negation] window_words`) turns it over ("will not send" is `rules_out`).
//! The speaker comes from a reporting verb next to a resolved entity, an anonymous-source phrase,
//! a capitalised name the gazetteer does not know (an expert speaking for themselves), or a
//! pronoun that refers back to the last named person. The actors are the states, bodies or unnamed
//! groups ("26 countries") named as the subject of the clause, one statement each when several are
//! coordinated ("Britain, France and Australia will ..."), else the one the speaker represents.
//! Every window is counted in words, never in bytes, so non-ASCII names do not shift it.
//! It does not parse syntax, so long sentences with several clauses can get the wrong actor; the
//! evaluation measures how often.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::lang::{self, Lang, Stemmer};
use crate::lexicon::{LanguageLexicon, Lexicon};
use crate::resolve::{EntityKind, Gazetteer, Mention};
use crate::statement::{AttributionKind, Modality, Quantity, Stance, Statement};
use crate::text::{WordHit, WordMatcher, Words, quotes};

/// A sentence of the cleaned text with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

/// Splits cleaned text (one paragraph per line) into English sentences with sentencex.
pub fn sentences(text: &str) -> Vec<Sentence> {
    sentences_in(text, Lang::En)
}

/// Splits cleaned text (one paragraph per line) into sentences with sentencex's rules for `lang`.
pub fn sentences_in(text: &str, lang: Lang) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut line_start = 0usize;
    for line in text.split('\n') {
        let mut cursor = 0usize;
        for s in sentencex::segment(lang.code(), line) {
            let trimmed = s.trim();
            if trimmed.is_empty() {
                continue;
            }
            if let Some(pos) = line[cursor..].find(trimmed) {
                let start = line_start + cursor + pos;
                out.push(Sentence {
                    start,
                    end: start + trimmed.len(),
                });
                cursor += pos + trimmed.len();
            }
        }
        line_start += line.len() + 1;
    }
    out
}

/// Metadata of the article the statements come from.
#[derive(Debug, Clone, Copy)]
pub struct ArticleRef<'a> {
    pub id: &'a str,
    pub date: Option<&'a str>,
    pub outlet: Option<&'a str>,
    /// The declared language (ISO 639-1), if any; otherwise it is detected from the text.
    pub lang: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq)]
enum Speaker {
    /// A gazetteer entity.
    Entity(String),
    /// An unnamed source ("a senior diplomat").
    Anonymous(String),
    /// A capitalised name the gazetteer does not know: a person speaking for themselves.
    Named(String),
}

/// The compiled rules of one language.
struct LanguageRules {
    lang: Lang,
    stemmer: Stemmer,
    targets: WordMatcher<String>,
    stances: WordMatcher<Stance>,
    negation: WordMatcher<()>,
    negation_window: usize,
    negated: BTreeMap<Stance, Stance>,
    hedges: WordMatcher<()>,
    /// Reporting verbs; the label is true when the speaker can only follow ("according to").
    verbs: WordMatcher<bool>,
    anonymous: WordMatcher<String>,
    pronouns: Vec<String>,
    boundaries: WordMatcher<()>,
    after_comma: WordMatcher<()>,
    coordination: WordMatcher<()>,
    group_nouns: WordMatcher<()>,
    numbers: BTreeMap<String, f64>,
}

fn unit_pairs(list: &[String]) -> Vec<(String, ())> {
    list.iter().map(|p| (p.clone(), ())).collect()
}

impl LanguageRules {
    fn new(l: &LanguageLexicon) -> Self {
        let stemmer = Stemmer::new(
            l.lang,
            l.morphology.stemmer == "snowball",
            &l.morphology.suffixes,
            l.morphology.min_stem_chars,
        );
        let stem = |w: &str| stemmer.stem(w);
        let targets = WordMatcher::new(
            l.targets
                .iter()
                .flat_map(|(name, ps)| ps.iter().map(move |p| (p.clone(), name.clone())))
                .collect(),
            &stem,
        );
        let mut verbs: Vec<(String, bool)> = l
            .attribution
            .forward
            .iter()
            .map(|v| (v.clone(), true))
            .collect();
        verbs.extend(l.attribution.verbs.iter().map(|v| (v.clone(), false)));
        LanguageRules {
            lang: l.lang,
            targets,
            stances: WordMatcher::new(l.stance_phrases(), &stem),
            negation: WordMatcher::new(unit_pairs(&l.negation.words), &stem),
            negation_window: l.negation.window_words,
            negated: l.stances.negated.clone(),
            hedges: WordMatcher::new(unit_pairs(&l.modality.hedges), &stem),
            verbs: WordMatcher::new(verbs, &stem),
            anonymous: WordMatcher::new(
                l.attribution
                    .anonymous
                    .iter()
                    .map(|a| (a.clone(), a.clone()))
                    .collect(),
                &stem,
            ),
            pronouns: l
                .attribution
                .pronouns
                .iter()
                .map(|p| p.to_lowercase())
                .collect(),
            boundaries: WordMatcher::new(unit_pairs(&l.clauses.boundaries), &stem),
            after_comma: WordMatcher::new(unit_pairs(&l.clauses.after_comma), &stem),
            coordination: WordMatcher::new(unit_pairs(&l.clauses.coordination), &stem),
            group_nouns: WordMatcher::new(unit_pairs(&l.actors.group_nouns), &stem),
            numbers: l
                .actors
                .numbers
                .iter()
                .map(|(k, v)| (k.to_lowercase(), *v))
                .collect(),
            stemmer,
        }
    }

    fn words(&self, sent: &str) -> Words {
        Words::new(sent, &|w: &str| self.stemmer.stem(w))
    }

    fn negate(&self, stance: Stance) -> Stance {
        self.negated.get(&stance).copied().unwrap_or(stance)
    }
}

/// The compiled extraction rules, one set per language.
pub struct Extractor {
    rules: Vec<LanguageRules>,
}

/// Largest distance in words between a stance cue and the target it applies to (a cue after the
/// target counts one and a half times its distance).
const MAX_CUE_WORDS: usize = 20;
/// Largest number of words between two cues of a chain ("committed to participate").
const CUE_CHAIN_WORDS: usize = 2;
/// Largest number of words between a subject and the stance cue after it.
const SUBJECT_WINDOW_WORDS: usize = 4;
/// Largest number of words between a reporting verb and the speaker after it.
const SPEAKER_AFTER_WORDS: usize = 4;
/// Largest number of words between a speaker and the reporting verb after it.
const SPEAKER_BEFORE_WORDS: usize = 6;
/// Largest number of words between a reporting verb and an anonymous source, either side.
const ANONYMOUS_WORDS: usize = 2;
/// Largest number of words between a person and the "of <institute>" that follows the name.
const PERSON_OF_WORDS: usize = 1;

/// One actor of a statement, with where it was found in the sentence.
#[derive(Debug, Clone, PartialEq)]
struct ActorSpan {
    /// Gazetteer entity, or `None` for an unnamed group.
    entity: Option<String>,
    kind: EntityKind,
    /// The actor: the entity's state or body, or the group's description.
    actor: String,
    start: usize,
    end: usize,
}

/// Everything the rules found in one sentence.
struct SentenceParse<'s> {
    sent: &'s str,
    words: Words,
    targets: Vec<WordHit<String>>,
    cues: Vec<WordHit<Stance>>,
    hedges: Vec<WordHit<()>>,
    negations: Vec<WordHit<()>>,
    boundaries: Vec<usize>,
    anonymous: Vec<WordHit<String>>,
    /// Word indices of coordination words ("and", "та", "und").
    coordination: Vec<usize>,
    /// Mentions and unnamed groups that can be actors, in text order.
    actors: Vec<ActorSpan>,
}

impl Extractor {
    pub fn new(lexicon: &Lexicon) -> Self {
        Extractor {
            rules: lexicon.languages.iter().map(LanguageRules::new).collect(),
        }
    }

    /// The language the rules would use for a text.
    pub fn language(&self, text: &str, declared: Option<&str>) -> Option<Lang> {
        lang::detect(text, declared).filter(|l| self.rules.iter().any(|r| r.lang == *l))
    }

    /// Statements of one article. `mentions` are the resolve stage's, with offsets in `text`.
    /// An article in a language without a lexicon yields none.
    pub fn extract(
        &self,
        text: &str,
        mentions: &[Mention],
        gazetteer: &Gazetteer,
        article: ArticleRef<'_>,
    ) -> Vec<Statement> {
        let Some(lang) = self.language(text, article.lang) else {
            return Vec::new();
        };
        let Some(rules) = self.rules.iter().find(|r| r.lang == lang) else {
            return Vec::new();
        };
        let mut out: Vec<Statement> = Vec::new();
        let mut last_person: Option<Speaker> = None;
        for (index, s) in sentences_in(text, lang).into_iter().enumerate() {
            let sent = &text[s.start..s.end];
            let local: Vec<Mention> = mentions
                .iter()
                .filter(|m| m.start >= s.start && m.end <= s.end)
                .map(|m| Mention {
                    start: m.start - s.start,
                    end: m.end - s.start,
                    ..m.clone()
                })
                .collect();
            let parse = self.parse(rules, sent, &local, gazetteer);
            let speaker = speaker(rules, &parse, &local, last_person.as_ref());
            match &speaker {
                Some((Speaker::Entity(e), _))
                    if gazetteer
                        .get(e)
                        .is_some_and(|x| x.kind == EntityKind::Person) =>
                {
                    last_person = Some(Speaker::Entity(e.clone()));
                }
                Some((Speaker::Named(n), _)) => last_person = Some(Speaker::Named(n.clone())),
                _ => {
                    if let Some(p) = local.iter().find(|m| m.kind == EntityKind::Person) {
                        last_person = Some(Speaker::Entity(p.entity.clone()));
                    }
                }
            }
            if parse.targets.is_empty() {
                continue;
            }
            let sentence_quotes = quotes(sent);
            let mut seen: Vec<&str> = Vec::new();
            for (target, cue) in assign_cues(&parse) {
                if seen.contains(&target.label.as_str()) {
                    continue;
                }
                seen.push(target.label.as_str());
                let stance = if negated(rules, &parse, cue) {
                    rules.negate(cue.label)
                } else {
                    cue.label
                };
                let previous = out.last().map(|s| s.actor.clone());
                let Some((actors, attributed_to, attribution)) =
                    actors(&parse, &speaker, target, cue, gazetteer, previous)
                else {
                    continue;
                };
                let (q_start, q_end) = sentence_quotes
                    .iter()
                    .find(|q| {
                        overlaps(q.start, q.end, target.start, target.end)
                            || overlaps(q.start, q.end, cue.start, cue.end)
                    })
                    .map_or((0, sent.len()), |q| (q.start, q.end));
                // Hedges count in the cue's clause only ("ruled out X but could help with Y").
                let modality = if parse
                    .hedges
                    .iter()
                    .any(|h| !crosses_clause(&parse, (h.start, h.end), (cue.start, cue.end)))
                {
                    Modality::Hedged
                } else {
                    Modality::Asserted
                };
                for (k, actor) in actors.into_iter().enumerate() {
                    let id = if k == 0 {
                        format!("{}#{}.{}", article.id, index, target.label)
                    } else {
                        format!("{}#{}.{}.{}", article.id, index, target.label, k + 1)
                    };
                    out.push(Statement {
                        id,
                        article: article.id.to_string(),
                        actor,
                        capability: target.label.clone(),
                        stance,
                        modality,
                        quantity: quantity_near(sent, target.start, target.end),
                        attributed_to: attributed_to.clone(),
                        attribution,
                        quote: sent[q_start..q_end].to_string(),
                        quote_start: s.start + q_start,
                        quote_end: s.start + q_end,
                        date: article.date.map(str::to_string),
                        outlet: article.outlet.map(str::to_string),
                        sentence: index,
                    });
                }
            }
        }
        out
    }

    fn parse<'s>(
        &self,
        rules: &LanguageRules,
        sent: &'s str,
        mentions: &[Mention],
        gazetteer: &Gazetteer,
    ) -> SentenceParse<'s> {
        let words = rules.words(sent);
        let targets = rules.targets.find(&words);
        let verbs = rules.verbs.find(&words);
        let cues: Vec<WordHit<Stance>> = rules
            .stances
            .find(&words)
            .into_iter()
            .filter(|c| {
                !targets
                    .iter()
                    .any(|k| overlaps(c.start, c.end, k.start, k.end))
            })
            .filter(|c| {
                !verbs
                    .iter()
                    .any(|v| overlaps(c.start, c.end, v.start, v.end))
            })
            .collect();
        let mut boundaries: Vec<usize> = rules
            .boundaries
            .find(&words)
            .iter()
            .map(|b| b.start)
            .collect();
        boundaries.extend(
            rules
                .after_comma
                .find(&words)
                .iter()
                .filter(|h| sent[..h.start].trim_end().ends_with(','))
                .map(|h| h.start),
        );
        boundaries.extend(sent.match_indices(';').map(|(i, _)| i));
        boundaries.sort_unstable();
        let anonymous = rules.anonymous.find(&words);
        let mut actors: Vec<ActorSpan> = mentions
            .iter()
            .filter(|m| {
                !anonymous
                    .iter()
                    .any(|a| overlaps(a.start, a.end, m.start, m.end))
            })
            .filter_map(|m| {
                Some(ActorSpan {
                    entity: Some(m.entity.clone()),
                    kind: m.kind,
                    actor: gazetteer.actor_of(&m.entity)?,
                    start: m.start,
                    end: m.end,
                })
            })
            .collect();
        actors.extend(unnamed_groups(rules, sent, &words));
        actors.sort_by_key(|a| a.start);
        SentenceParse {
            sent,
            targets,
            cues,
            hedges: rules.hedges.find(&words),
            negations: rules.negation.find(&words),
            boundaries,
            anonymous,
            coordination: rules
                .coordination
                .find(&words)
                .iter()
                .flat_map(|h| h.first..=h.last)
                .collect(),
            actors,
            words,
        }
    }
}

/// Unnamed groups of states: a number, at most one word, then a group noun ("26 countries",
/// "26 європейських країн", "zwei Dutzend Staaten" is not caught).
fn unnamed_groups(rules: &LanguageRules, sent: &str, words: &Words) -> Vec<ActorSpan> {
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
            if v < 2.0 {
                break;
            }
            let noun = &sent[g.start..g.end];
            out.push(ActorSpan {
                entity: None,
                kind: EntityKind::Group,
                actor: format!("{v} {noun} (unnamed)"),
                start: words.toks[start_i].start,
                end: g.end,
            });
            break;
        }
    }
    out
}

/// Whether a negation lies within the language's window before the cue, with no comma between.
fn negated(rules: &LanguageRules, p: &SentenceParse<'_>, cue: &WordHit<Stance>) -> bool {
    let from = cue.first.saturating_sub(rules.negation_window);
    p.negations
        .iter()
        .any(|n| n.first >= from && n.last < cue.first && !p.sent[n.end..cue.start].contains(','))
}

/// Whether a clause boundary (a word of `[clauses]`, or ";") lies between two spans.
fn crosses_clause(p: &SentenceParse<'_>, a: (usize, usize), b: (usize, usize)) -> bool {
    let (lo, hi) = if a.1 <= b.0 { (a.1, b.0) } else { (b.1, a.0) };
    if lo >= hi {
        return false;
    }
    p.boundaries.iter().any(|x| *x >= lo && *x < hi)
}

fn overlaps(a0: usize, a1: usize, b0: usize, b1: usize) -> bool {
    a0 < b1 && b0 < a1
}

/// The cue closest to the target in the same clause, with its distance score.
fn nearest_cue<'p>(
    p: &'p SentenceParse<'_>,
    target: &WordHit<String>,
) -> Option<(usize, &'p WordHit<Stance>)> {
    p.cues
        .iter()
        .filter(|c| !crosses_clause(p, (c.start, c.end), (target.start, target.end)))
        .map(|c| {
            // A cue before the target (the target is its object) is preferred: a cue after it
            // costs three words more and each word between counts one and a half times.
            let d = if c.end <= target.start {
                target.first.saturating_sub(c.last + 1) * 2
            } else {
                c.first.saturating_sub(target.last + 1) * 3 + 6
            };
            (d, c)
        })
        .filter(|(d, _)| *d <= MAX_CUE_WORDS * 2)
        .min_by_key(|(d, _)| *d)
        .map(|(d, c)| (d, governing_cue(p, c)))
}

/// The first cue of a chain of cues ("committed to participate", "engagés à participer",
/// "refused to send"): the governing verb decides the stance, so a cue with at most
/// [`CUE_CHAIN_WORDS`] words before the next one in the same clause takes its place.
fn governing_cue<'p>(p: &'p SentenceParse<'_>, cue: &'p WordHit<Stance>) -> &'p WordHit<Stance> {
    let mut current = cue;
    while let Some(prev) = p.cues.iter().rfind(|c| {
        c.last < current.first
            && current.first - c.last - 1 <= CUE_CHAIN_WORDS
            && !crosses_clause(p, (c.start, c.end), (current.start, current.end))
            && !p.sent[c.end..current.start].contains(',')
    }) {
        current = prev;
    }
    current
}

/// Each target with its cue. A cue belongs to the target it is nearest to ("a force needs
/// American troops": `needs` is about the troops), and serves another target only when the two
/// are coordinated ("troops and air defence").
fn assign_cues<'p>(p: &'p SentenceParse<'_>) -> Vec<(&'p WordHit<String>, &'p WordHit<Stance>)> {
    let best: Vec<Option<(usize, &WordHit<Stance>)>> =
        p.targets.iter().map(|t| nearest_cue(p, t)).collect();
    let mut out = Vec::new();
    for (i, t) in p.targets.iter().enumerate() {
        let Some((d, cue)) = best[i] else { continue };
        let owner = p
            .targets
            .iter()
            .enumerate()
            .filter_map(|(j, _)| {
                best[j]
                    .filter(|(_, c)| std::ptr::eq(*c, cue))
                    .map(|(dj, _)| (dj, j))
            })
            .min();
        let keep = match owner {
            Some((dj, j)) if j != i && dj < d => {
                let o = &p.targets[j];
                let (lo, hi) = if o.end <= t.start {
                    (o.end, t.start)
                } else {
                    (t.end, o.start)
                };
                coordinated_targets(p, lo, hi)
            }
            _ => true,
        };
        if keep {
            out.push((t, cue));
        }
    }
    out
}

/// Whether two targets are joined by a coordination word with at most three words between
/// ("troops, air defence and naval support").
fn coordinated_targets(p: &SentenceParse<'_>, lo: usize, hi: usize) -> bool {
    if hi <= lo {
        return true;
    }
    let inside: Vec<usize> = (0..p.words.len())
        .filter(|&i| p.words.toks[i].start >= lo && p.words.toks[i].end <= hi)
        .collect();
    inside.len() <= 3
        && (inside.iter().any(|i| p.coordination.contains(i)) || p.sent[lo..hi].contains(','))
}

/// The speaker of a sentence: an entity, anonymous phrase or unknown capitalised name next to a
/// reporting verb, or a pronoun standing for the last named person.
/// Returns the speaker and the byte offset where its reporting verb ends.
fn speaker(
    rules: &LanguageRules,
    p: &SentenceParse<'_>,
    mentions: &[Mention],
    last_person: Option<&Speaker>,
) -> Option<(Speaker, usize)> {
    let w = &p.words;
    let mut best: Option<(usize, Speaker, usize)> = None;
    for v in rules.verbs.find(w) {
        let forward_only = v.label;
        let mut consider = |dist: usize, sp: Speaker| {
            if best.as_ref().is_none_or(|(d, _, _)| dist < *d) {
                best = Some((dist, sp, v.end));
            }
        };
        for m in mentions {
            if m.start >= v.end && w.between(v.end, m.start) <= SPEAKER_AFTER_WORDS {
                consider(
                    w.between(v.end, m.start) + 1,
                    Speaker::Entity(m.entity.clone()),
                );
            }
            if !forward_only
                && m.end <= v.start
                && w.between(m.end, v.start) <= SPEAKER_BEFORE_WORDS
            {
                consider(
                    w.between(m.end, v.start) + 1,
                    Speaker::Entity(m.entity.clone()),
                );
            }
        }
        for a in &p.anonymous {
            if a.start >= v.end && w.between(v.end, a.start) <= ANONYMOUS_WORDS {
                consider(
                    w.between(v.end, a.start) + 1,
                    Speaker::Anonymous(a.label.clone()),
                );
            }
            if !forward_only && a.end <= v.start && w.between(a.end, v.start) <= ANONYMOUS_WORDS {
                consider(
                    w.between(a.end, v.start) + 1,
                    Speaker::Anonymous(a.label.clone()),
                );
            }
        }
        // An expert or envoy the gazetteer does not know: two or three capitalised words right
        // after the verb ("said Jane Doe") or right before it ("Jane Doe said").
        if let Some(name) = unknown_name(p, v.last + 1, true, mentions).or_else(|| {
            (!forward_only)
                .then(|| unknown_name(p, v.first, false, mentions))
                .flatten()
        }) {
            consider(2, Speaker::Named(name));
        }
        if let Some(last) = last_person {
            let before = v.first.checked_sub(1).map(|i| w.lower[i].as_str());
            let after = w.lower.get(v.last + 1).map(String::as_str);
            if !forward_only
                && [before, after]
                    .into_iter()
                    .flatten()
                    .any(|x| rules.pronouns.iter().any(|p| p == x))
            {
                consider(0, last.clone());
            }
        }
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
    best.map(|(_, s, v)| (s, v))
}

/// Two or three capitalised words, not a known mention, starting at word `i` (forward) or ending
/// just before word `i` (backward). The first word of the sentence alone does not count, since any
/// word is capitalised there.
fn unknown_name(
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
        if span.len() > 2 && span[0] == 0 {
            // "Analyst Jane Doe said": drop a capitalised title at the start of the sentence.
            span.remove(0);
        }
    }
    if span.len() < 2 {
        return None;
    }
    let (a, b) = (span[0], span[span.len() - 1]);
    Some(p.sent[w.toks[a].start..w.toks[b].end].to_string())
}

/// Whether an actor span qualifies the target rather than being its subject: right before it
/// ("American troops") or right after it with at most one word between ("sanctions on Russia",
/// "війська Франції").
fn qualifies(p: &SentenceParse<'_>, a: &ActorSpan, target: &WordHit<String>) -> bool {
    (a.end <= target.start && p.words.between(a.end, target.start) == 0)
        || (a.start >= target.end && p.words.between(target.end, a.start) <= 1)
}

/// The subjects of the cue: the nearest actor span before it in its clause (after the reporting
/// verb when the verb comes first), and every span coordinated with it ("Britain, France and
/// Australia will ...").
fn subjects<'p>(
    p: &'p SentenceParse<'_>,
    target: &WordHit<String>,
    cue: &WordHit<Stance>,
    verb_end: Option<usize>,
) -> Vec<&'p ActorSpan> {
    let eligible = |a: &&ActorSpan| {
        a.end <= cue.start
            && verb_end.is_none_or(|v| a.start >= v)
            && !overlaps(a.start, a.end, target.start, target.end)
            && !qualifies(p, a, target)
            && !crosses_clause(p, (a.start, a.end), (cue.start, cue.end))
    };
    let Some(nearest) = p
        .actors
        .iter()
        .filter(eligible)
        .rfind(|a| p.words.between(a.end, cue.start) <= SUBJECT_WINDOW_WORDS)
    else {
        return Vec::new();
    };
    let mut out = vec![nearest];
    let mut head = nearest;
    for a in p.actors.iter().rev().filter(|a| a.end <= head.start) {
        if coordinated(p, a.end, head.start) && verb_end.is_none_or(|v| a.start >= v) {
            out.push(a);
            head = a;
        } else {
            break;
        }
    }
    out.reverse();
    out
}

/// Whether the text between two actors (bytes `lo..hi`) only joins them: commas and
/// coordination words ("Britain, France and Australia", "Британія та Франція").
fn coordinated(p: &SentenceParse<'_>, lo: usize, hi: usize) -> bool {
    let between = &p.sent[lo..hi];
    if between.trim().is_empty() {
        // Two mentions side by side ("UK Prime Minister") are one actor, not a list.
        return false;
    }
    if between
        .chars()
        .any(|c| !c.is_alphanumeric() && !c.is_whitespace() && c != ',')
    {
        return false;
    }
    let inside: Vec<usize> = (0..p.words.len())
        .filter(|&i| p.words.toks[i].start >= lo && p.words.toks[i].end <= hi)
        .collect();
    inside.iter().all(|i| p.coordination.contains(i))
}

/// The actors of a statement and its attribution: the subjects of the clause, else the state or
/// body the speaker represents, else any actor named in the sentence, else the previous
/// statement's actor (the article goes on about the same party).
fn actors(
    p: &SentenceParse<'_>,
    speaker: &Option<(Speaker, usize)>,
    target: &WordHit<String>,
    cue: &WordHit<Stance>,
    gazetteer: &Gazetteer,
    previous: Option<String>,
) -> Option<(Vec<String>, Option<String>, AttributionKind)> {
    let verb_end = speaker
        .as_ref()
        .map(|(_, v)| *v)
        .filter(|v| *v <= cue.start);
    let subj: Vec<&ActorSpan> = subjects(p, target, cue, verb_end);
    let subject_actors: Vec<String> = subj
        .iter()
        .filter(|a| a.kind != EntityKind::Person)
        .map(|a| a.actor.clone())
        .collect();
    // The first actor of the sentence before the cue (usually its subject), else the previous
    // statement's actor (the article goes on about the same party), else the nearest actor after
    // the cue; actors that qualify the target come last in each group.
    let fallback = || -> Option<String> {
        let others = || {
            p.actors
                .iter()
                .filter(|a| !overlaps(a.start, a.end, target.start, target.end))
        };
        others()
            .filter(|a| a.end <= cue.start)
            .min_by_key(|a| (qualifies(p, a, target), a.start))
            .map(|a| a.actor.clone())
            .or(previous.clone())
            .or_else(|| {
                others()
                    .filter(|a| a.start >= cue.end)
                    .min_by_key(|a| (qualifies(p, a, target), p.words.between(cue.end, a.start)))
                    .map(|a| a.actor.clone())
            })
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
    match speaker {
        Some((Speaker::Entity(e), _)) => {
            let own = gazetteer.actor_of(e)?;
            // "Kellogg said Europeans will have to provide the troops": the speaker demands,
            // the subject is the one asked.
            let actors = if cue.label == Stance::Demands || subject_actors.is_empty() {
                vec![own]
            } else {
                subject_actors
            };
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
                vec![fallback()?]
            } else {
                subject_actors
            };
            Some((dedup(actors), Some(a.clone()), AttributionKind::Anonymous))
        }
        None => {
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
                vec![fallback()?]
            } else {
                subject_actors
            };
            Some((dedup(actors), None, AttributionKind::Reported))
        }
    }
}

static QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?:as many as|up to|about|around|approximately|some|at least|more than|nearly|roughly|over)\s+)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|(?:twenty|thirty|forty|fifty)-(?:one|two|three|four|five|six|seven|eight|nine)|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundreds|thousands|dozens|tens of thousands)(?:\s*(?:-|–|to)\s*(\d{1,3}(?:,\d{3})+|\d+))?(\s*%|\s+percent|\s+per cent)?(?:\s+of)?(?:\s+(?:[a-z]+\s+)??(troops|soldiers|personnel|military personnel|nations|countries|states|jets|aircraft|fighter jets|batteries|systems|brigades|trainers|instructors|monitors|observers|warships|ships|billion|million|people|guarantors))?\b",
    )
    // A fixed pattern: failure is a programming error caught by the unit tests.
    .expect("quantity pattern compiles")
});

fn number_value(s: &str) -> Option<f64> {
    let words = [
        ("one", 1.0),
        ("two", 2.0),
        ("three", 3.0),
        ("four", 4.0),
        ("five", 5.0),
        ("six", 6.0),
        ("seven", 7.0),
        ("eight", 8.0),
        ("nine", 9.0),
        ("ten", 10.0),
        ("eleven", 11.0),
        ("twelve", 12.0),
        ("fifteen", 15.0),
        ("twenty", 20.0),
        ("thirty", 30.0),
        ("forty", 40.0),
        ("fifty", 50.0),
    ];
    let l = s.to_lowercase();
    if let Some((_, v)) = words.iter().find(|(w, _)| *w == l) {
        return Some(*v);
    }
    if let Some((tens, ones)) = l.split_once('-') {
        return Some(number_value(tens)? + number_value(ones)?);
    }
    l.replace(',', "").parse().ok()
}

/// The quantity closest to the target, if any has a unit or a percent sign. The pattern is
/// English; in other languages only digits with an English unit are found.
fn quantity_near(sent: &str, target_start: usize, target_end: usize) -> Option<Quantity> {
    let mut best: Option<(usize, Quantity)> = None;
    for c in QUANTITY.captures_iter(sent) {
        let whole = c.get(0)?;
        let number = c.get(1)?.as_str();
        let pct = c.get(3).is_some();
        let unit = c.get(4).map(|u| u.as_str().to_lowercase());
        if unit.is_none() && !pct {
            continue;
        }
        if sent[..whole.start()]
            .to_lowercase()
            .trim_end()
            .ends_with("article")
        {
            continue;
        }
        let value = number_value(number);
        let dist = if whole.end() <= target_start {
            sent[whole.end()..target_start].chars().count()
        } else {
            sent[target_end..whole.start().max(target_end)]
                .chars()
                .count()
        };
        let q = Quantity {
            value,
            upper: c.get(2).and_then(|u| number_value(u.as_str())),
            unit: if pct { Some("%".to_string()) } else { unit },
            text: whole.as_str().trim().to_string(),
        };
        if best.as_ref().is_none_or(|(d, _)| dist < *d) {
            best = Some((dist, q));
        }
    }
    best.map(|(_, q)| q)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<Statement> {
        let lex = Lexicon::default();
        let g = Gazetteer::default();
        let m = g.resolve(text);
        Extractor::new(&lex).extract(
            text,
            &m,
            &g,
            ArticleRef {
                id: "t",
                date: Some("2025-08-19"),
                outlet: Some("Test Wire"),
                lang: None,
            },
        )
    }

    fn triples(text: &str) -> Vec<(String, String, &'static str)> {
        run(text)
            .into_iter()
            .map(|s| (s.actor, s.capability, s.stance.as_str()))
            .collect()
    }

    #[test]
    fn sentences_keep_offsets_and_abbreviations() {
        let t = "Mr. Smith met Gen. Jones in Washington D.C. on Jan. 5. Details were not released.\nSecond paragraph.";
        let s = sentences(t);
        let parts: Vec<&str> = s.iter().map(|x| &t[x.start..x.end]).collect();
        assert_eq!(parts.len(), 3, "{parts:?}");
        assert_eq!(parts[2], "Second paragraph.");
    }

    #[test]
    fn negated_commitment_is_ruled_out_and_named() {
        let s = run("Trump said the United States will not send troops to Ukraine.");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].actor, "USA");
        assert_eq!(s[0].stance, Stance::RulesOut);
        assert_eq!(s[0].attributed_to.as_deref(), Some("Donald Trump"));
        assert_eq!(s[0].modality, Modality::Asserted);
    }

    #[test]
    fn quoted_demand_with_speaker_after_the_quote() {
        let t = "“Any force that keeps the peace must include American troops,” Zelenskiy told reporters in Kyiv.";
        let s = run(t);
        assert_eq!(s.len(), 1, "{s:?}");
        assert_eq!((s[0].actor.as_str(), s[0].stance), ("UKR", Stance::Demands));
        assert_eq!(s[0].attributed_to.as_deref(), Some("Volodymyr Zelenskyy"));
        assert_eq!(&t[s[0].quote_start..s[0].quote_end], s[0].quote);
        assert!(s[0].quote.starts_with("Any force"));
    }

    #[test]
    fn anonymous_source_and_hedge() {
        let s = run(
            "Washington may be on board with sending air defence systems, according to people familiar with the matter.",
        );
        assert_eq!(s.len(), 1, "{s:?}");
        assert_eq!(s[0].actor, "USA");
        assert_eq!(s[0].stance, Stance::Considers);
        assert_eq!(s[0].modality, Modality::Hedged);
        assert_eq!(s[0].attribution, AttributionKind::Anonymous);
        assert_eq!(
            s[0].attributed_to.as_deref(),
            Some("people familiar with the matter")
        );
    }

    #[test]
    fn reported_rejection_and_quantity() {
        assert_eq!(
            triples("Russia rejects any NATO troops on Ukrainian soil."),
            [("RUS".to_string(), "ground_troops".to_string(), "rejects")]
        );
        let s = run(
            "Claudia Major said a force able to deter would need as many as 150,000 military personnel.",
        );
        let q = s[0].quantity.as_ref().unwrap();
        assert_eq!(q.value, Some(150_000.0));
        assert_eq!(q.unit.as_deref(), Some("military personnel"));
        assert_eq!(s[0].actor, "SWP");
        let s =
            run("Twenty-six countries have committed to join a reassurance force, Macron said.");
        let q = s[0].quantity.as_ref().unwrap();
        assert_eq!(
            (q.value, q.unit.as_deref()),
            (Some(26.0), Some("countries"))
        );
    }

    #[test]
    fn person_of_an_institute_is_the_speaker() {
        let s = run(
            "Claudia Major of the German Institute for International and Security Affairs said a deterrent force would need as many as 150,000 troops.",
        );
        assert_eq!(s[0].attributed_to.as_deref(), Some("Claudia Major"));
        assert_eq!(s[0].actor, "SWP");
    }

    #[test]
    fn pronoun_refers_to_last_named_person() {
        let s = run(
            "Starmer spoke after the meeting in London. He said Britain is ready to deploy troops.",
        );
        assert_eq!(s.len(), 1, "{s:?}");
        assert_eq!(s[0].attributed_to.as_deref(), Some("Keir Starmer"));
        assert_eq!((s[0].actor.as_str(), s[0].stance), ("GBR", Stance::Offers));
    }

    #[test]
    fn coordinated_actors_get_one_statement_each() {
        let t =
            triples("Britain, France and Australia will send troops to Ukraine after a ceasefire.");
        assert_eq!(
            t,
            [
                ("GBR".to_string(), "ground_troops".to_string(), "commits"),
                ("FRA".to_string(), "ground_troops".to_string(), "commits"),
                ("AUS".to_string(), "ground_troops".to_string(), "commits"),
            ]
        );
        let s = run("Britain, France and Australia will send troops to Ukraine after a ceasefire.");
        assert_eq!(s[0].id, "t#0.ground_troops");
        assert_eq!(s[2].id, "t#0.ground_troops.3");
    }

    #[test]
    fn unnamed_groups_organisations_and_experts_are_actors() {
        assert_eq!(
            triples("Twenty-six countries have committed to a reassurance force for Ukraine."),
            [(
                "26 countries (unnamed)".to_string(),
                "reassurance_force".to_string(),
                "commits"
            )]
        );
        assert_eq!(
            triples("The coalition of the willing is ready to provide security guarantees."),
            [(
                "Coalition of the Willing".to_string(),
                "security_guarantee".to_string(),
                "offers"
            )]
        );
        let s = run(
            "A European force alone would be insufficient, said Jane Doerfler, a defence analyst.",
        );
        assert_eq!(s.len(), 1, "{s:?}");
        assert_eq!(s[0].actor, "Jane Doerfler");
        assert_eq!(s[0].stance, Stance::Doubts);
    }

    #[test]
    fn statements_in_five_more_languages() {
        // Own sentences, one per language, with inflected names and targets.
        for (text, want) in [
            (
                "Стармер заявив, що Британія готова надіслати війська в Україну.",
                ("GBR", "ground_troops", Stance::Offers),
            ),
            (
                "Песков заявил, что Россия не допустит размещения иностранных войск на Украине.",
                ("RUS", "ground_troops", Stance::Rejects),
            ),
            (
                "Merz sagte, Deutschland werde keine eigenen Soldaten entsenden.",
                ("DEU", "ground_troops", Stance::RulesOut),
            ),
            (
                "Macron a déclaré que la France est prête à envoyer des troupes en Ukraine.",
                ("FRA", "ground_troops", Stance::Offers),
            ),
            (
                "Tusk powiedział, że Polska nie wyśle żołnierzy na Ukrainę.",
                ("POL", "ground_troops", Stance::RulesOut),
            ),
        ] {
            let got: Vec<(String, String, Stance)> = run(text)
                .into_iter()
                .map(|s| (s.actor, s.capability, s.stance))
                .collect();
            assert!(
                got.contains(&(want.0.to_string(), want.1.to_string(), want.2)),
                "{text}: {got:?}"
            );
        }
    }

    #[test]
    fn a_governing_cue_decides_a_chain() {
        assert_eq!(
            triples("Italy declined to send troops to Ukraine."),
            [("ITA".to_string(), "ground_troops".to_string(), "rules_out")]
        );
    }

    #[test]
    fn no_cue_no_statement() {
        assert!(run("Troops marched through the square in Kyiv on Sunday.").is_empty());
    }
}
