//! Extract stage: sentences, attribution and statements.
//!
//! Rules in the manner of Pouliquen, Steinberger and Best (2007) for quotations and of
//! dictionary event coders (CAMEO/PLOVER) for stances: a sentence yields a statement for each
//! capability it names (lexicon `[capabilities]`) when a stance cue (lexicon `[stances]`) is near;
//! a negation within three words before the cue turns it over ("will not send" is `rules_out`).
//! The speaker comes from a reporting verb ("said", "told", "according to") next to a resolved
//! entity, an anonymous-source phrase ("a senior diplomat"), or a pronoun that refers back to the
//! last named person. The actor is the state or body the speaker represents, or, when nobody
//! speaks, the nearest entity before the cue. It does not parse syntax, so long sentences with
//! several clauses can get the wrong actor; the evaluation measures how often.

use std::sync::LazyLock;

use regex::Regex;

use crate::lexicon::Lexicon;
use crate::resolve::{EntityKind, Gazetteer, Mention};
use crate::statement::{AttributionKind, Modality, Quantity, Stance, Statement};
use crate::text::{PhraseHit, PhraseMatcher, quotes};

/// A sentence of the cleaned text with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

/// Splits cleaned text (one paragraph per line) into sentences with sentencex.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut line_start = 0usize;
    for line in text.split('\n') {
        let mut cursor = 0usize;
        for s in sentencex::segment("en", line) {
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
}

#[derive(Debug, Clone, PartialEq)]
enum Speaker {
    Entity(String),
    Anonymous(String),
}

/// The compiled extraction rules.
pub struct Extractor {
    capabilities: PhraseMatcher<String>,
    stances: PhraseMatcher<Stance>,
    hedges: PhraseMatcher<()>,
    verbs: PhraseMatcher<String>,
    anonymous: PhraseMatcher<String>,
    pronouns: Vec<String>,
    lexicon: Lexicon,
}

/// Largest gap in bytes between a stance cue and the capability it applies to.
const MAX_CUE_DISTANCE: usize = 140;

static QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?:as many as|up to|about|around|approximately|some|at least|more than|nearly|roughly|over)\s+)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|(?:twenty|thirty|forty|fifty)-(?:one|two|three|four|five|six|seven|eight|nine)|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundreds|thousands|dozens|tens of thousands)(?:\s*(?:-|–|to)\s*(\d{1,3}(?:,\d{3})+|\d+))?(\s*%|\s+percent|\s+per cent)?(?:\s+of)?(?:\s+(?:[a-z]+\s+)??(troops|soldiers|personnel|military personnel|nations|countries|states|jets|aircraft|fighter jets|batteries|systems|brigades|trainers|instructors|monitors|observers|warships|ships|billion|million|people|guarantors))?\b",
    )
    // A fixed pattern: failure is a programming error caught by the unit tests.
    .expect("quantity pattern compiles")
});

static NEGATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\b(?:not|never|no|cannot|nor)\b|n['’]t\b)")
        .expect("negation pattern compiles")
});

impl Extractor {
    pub fn new(lexicon: &Lexicon) -> Self {
        let caps = lexicon
            .capabilities
            .iter()
            .flat_map(|(name, phrases)| phrases.iter().map(move |p| (p.clone(), name.clone())))
            .collect();
        Extractor {
            capabilities: PhraseMatcher::new(caps),
            stances: PhraseMatcher::new(lexicon.stance_phrases()),
            hedges: PhraseMatcher::new(
                lexicon
                    .modality
                    .hedges
                    .iter()
                    .map(|h| (h.clone(), ()))
                    .collect(),
            ),
            verbs: PhraseMatcher::new(
                lexicon
                    .attribution
                    .verbs
                    .iter()
                    .map(|v| (v.clone(), v.clone()))
                    .collect(),
            ),
            anonymous: PhraseMatcher::new(
                lexicon
                    .attribution
                    .anonymous
                    .iter()
                    .map(|a| (a.clone(), a.clone()))
                    .collect(),
            ),
            pronouns: lexicon.attribution.pronouns.clone(),
            lexicon: lexicon.clone(),
        }
    }

    /// Statements of one article. `mentions` are the resolve stage's, with offsets in `text`.
    pub fn extract(
        &self,
        text: &str,
        mentions: &[Mention],
        gazetteer: &Gazetteer,
        article: ArticleRef<'_>,
    ) -> Vec<Statement> {
        let mut out = Vec::new();
        let mut last_person: Option<String> = None;
        for (index, s) in sentences(text).into_iter().enumerate() {
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
            let speaker = self.speaker(sent, &local, last_person.as_deref());
            if let Some((Speaker::Entity(e), _)) = &speaker
                && gazetteer
                    .get(e)
                    .is_some_and(|x| x.kind == EntityKind::Person)
            {
                last_person = Some(e.clone());
            } else if let Some(p) = local.iter().find(|m| m.kind == EntityKind::Person) {
                last_person = Some(p.entity.clone());
            }
            let caps = self.capabilities.find(sent);
            if caps.is_empty() {
                continue;
            }
            let anon_hits = self.anonymous.find(sent);
            let verb_hits = self.verbs.find(sent);
            let cues: Vec<PhraseHit<Stance>> = self
                .stances
                .find(sent)
                .into_iter()
                .filter(|c| {
                    !caps
                        .iter()
                        .any(|k| overlaps(c.start, c.end, k.start, k.end))
                })
                .filter(|c| {
                    !verb_hits
                        .iter()
                        .any(|v| overlaps(c.start, c.end, v.start, v.end))
                })
                .collect();
            let hedges = self.hedges.find(sent);
            let sentence_quotes = quotes(sent);
            let mut seen: Vec<&str> = Vec::new();
            for cap in &caps {
                if seen.contains(&cap.label.as_str()) {
                    continue;
                }
                let same_clause: Vec<PhraseHit<Stance>> = cues
                    .iter()
                    .filter(|c| !crosses_clause(sent, (c.start, c.end), (cap.start, cap.end)))
                    .cloned()
                    .collect();
                let Some(cue) = nearest_cue(&same_clause, cap) else {
                    continue;
                };
                seen.push(cap.label.as_str());
                let before = &sent[sent[..cue.start]
                    .char_indices()
                    .rev()
                    .nth(24)
                    .map_or(0, |(i, _)| i)..cue.start];
                let stance = if NEGATION.is_match(before) && !before.contains(',') {
                    self.lexicon.negate(cue.label)
                } else {
                    cue.label
                };
                let (actor, attributed_to, attribution) =
                    match self.actor(&speaker, &local, &anon_hits, &caps, cue, sent, gazetteer) {
                        Some(a) => a,
                        None => continue,
                    };
                let (q_start, q_end) = sentence_quotes
                    .iter()
                    .find(|q| {
                        overlaps(q.start, q.end, cap.start, cap.end)
                            || overlaps(q.start, q.end, cue.start, cue.end)
                    })
                    .map_or((0, sent.len()), |q| (q.start, q.end));
                out.push(Statement {
                    id: format!("{}#{}.{}", article.id, index, cap.label),
                    article: article.id.to_string(),
                    actor,
                    capability: cap.label.clone(),
                    stance,
                    // Hedges count in the cue's clause only ("ruled out X but could help with Y").
                    modality: if hedges
                        .iter()
                        .any(|h| !crosses_clause(sent, (h.start, h.end), (cue.start, cue.end)))
                    {
                        Modality::Hedged
                    } else {
                        Modality::Asserted
                    },
                    quantity: quantity_near(sent, cap),
                    attributed_to,
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
        out
    }

    /// The speaker of a sentence: an entity or anonymous phrase next to a reporting verb, or a
    /// pronoun before the verb standing for the last named person.
    /// Returns the speaker and the byte offset where its reporting verb ends.
    fn speaker(
        &self,
        sent: &str,
        mentions: &[Mention],
        last_person: Option<&str>,
    ) -> Option<(Speaker, usize)> {
        let anon = self.anonymous.find(sent);
        let mut best: Option<(usize, Speaker, usize)> = None;
        for v in self.verbs.find(sent) {
            let forward_only = matches!(v.label.as_str(), "according to" | "in the words of");
            let mut consider = |dist: usize, sp: Speaker| {
                if best.as_ref().is_none_or(|(d, _, _)| dist < *d) {
                    best = Some((dist, sp, v.end));
                }
            };
            for m in mentions {
                if m.start >= v.end && m.start - v.end <= 24 {
                    consider(m.start - v.end, Speaker::Entity(m.entity.clone()));
                }
                if !forward_only && m.end <= v.start && v.start - m.end <= 40 {
                    consider(v.start - m.end, Speaker::Entity(m.entity.clone()));
                }
            }
            for a in &anon {
                if a.start >= v.end && a.start - v.end <= 8 {
                    consider(a.start - v.end, Speaker::Anonymous(a.label.clone()));
                }
                if !forward_only && a.end <= v.start && v.start - a.end <= 12 {
                    consider(v.start - a.end, Speaker::Anonymous(a.label.clone()));
                }
            }
            if let Some(p) = last_person {
                let before = sent[..v.start].trim_end();
                let after = sent[v.end..].trim_start();
                let word_before = before
                    .rsplit(|c: char| !c.is_alphabetic())
                    .next()
                    .unwrap_or("");
                let word_after = after
                    .split(|c: char| !c.is_alphabetic())
                    .next()
                    .unwrap_or("");
                if !forward_only
                    && (self
                        .pronouns
                        .iter()
                        .any(|x| x.eq_ignore_ascii_case(word_before))
                        || self
                            .pronouns
                            .iter()
                            .any(|x| x.eq_ignore_ascii_case(word_after)))
                {
                    consider(0, Speaker::Entity(p.to_string()));
                }
            }
        }
        if best.is_none()
            && let Some(p) = last_person
        {
            // "He ruled out ...": a sentence opening with a pronoun continues the last speaker.
            let first = sent
                .split(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("");
            if self.pronouns.iter().any(|x| x.eq_ignore_ascii_case(first)) {
                return Some((Speaker::Entity(p.to_string()), 0));
            }
        }
        // "Claudia Major of the German Institute ... said": the person, not her institute.
        if let Some((_, Speaker::Entity(e), _)) = &best
            && let Some(org) = mentions
                .iter()
                .find(|m| &m.entity == e && m.kind != EntityKind::Person)
            && let Some(person) = mentions.iter().rfind(|m| {
                m.kind == EntityKind::Person
                    && m.end <= org.start
                    && sent[m.end..org.start]
                        .trim()
                        .trim_start_matches(',')
                        .trim()
                        .starts_with("of")
                    && org.start - m.end <= 10
            })
        {
            let v = best.as_ref().map_or(0, |b| b.2);
            return Some((Speaker::Entity(person.entity.clone()), v));
        }
        best.map(|(_, s, v)| (s, v))
    }

    /// The actor of a statement and its attribution. The actor is the state, group or body
    /// named as the subject of the clause (the nearest such mention before the cue, after the
    /// reporting verb when the verb comes first), else the state or body the speaker represents.
    /// Mentions that qualify the capability ("US troops", "troops in Ukraine") are not subjects.
    #[allow(clippy::too_many_arguments)]
    fn actor(
        &self,
        speaker: &Option<(Speaker, usize)>,
        mentions: &[Mention],
        anon_hits: &[PhraseHit<String>],
        caps: &[PhraseHit<String>],
        cue: &PhraseHit<Stance>,
        sent: &str,
        gazetteer: &Gazetteer,
    ) -> Option<(String, Option<String>, AttributionKind)> {
        let verb_end = speaker
            .as_ref()
            .map(|(_, v)| *v)
            .filter(|v| *v <= cue.start);
        let subject = mentions
            .iter()
            .filter(|m| {
                !anon_hits
                    .iter()
                    .any(|a| overlaps(a.start, a.end, m.start, m.end))
            })
            .filter(|m| m.end <= cue.start && cue.start - m.end <= SUBJECT_WINDOW)
            .filter(|m| verb_end.is_none_or(|v| m.start >= v))
            .filter(|m| {
                !caps
                    .iter()
                    .any(|k| qualifies(m, k) || overlaps(m.start, m.end, k.start, k.end))
            })
            .rfind(|m| !crosses_clause(sent, (m.start, m.end), (cue.start, cue.end)));
        let subject_actor = subject
            .filter(|m| m.kind != EntityKind::Person)
            .and_then(|m| gazetteer.actor_of(&m.entity));
        match speaker {
            Some((Speaker::Entity(e), _)) => {
                // "Kellogg said Europeans will have to provide the troops": the speaker demands,
                // the subject is the one asked.
                let actor = if cue.label == Stance::Demands {
                    gazetteer.actor_of(e)?
                } else {
                    subject_actor.or_else(|| gazetteer.actor_of(e))?
                };
                Some((actor, Some(e.clone()), AttributionKind::Named))
            }
            Some((Speaker::Anonymous(a), _)) => {
                let m = subject?;
                Some((
                    gazetteer.actor_of(&m.entity)?,
                    Some(a.clone()),
                    AttributionKind::Anonymous,
                ))
            }
            None => {
                let m = subject?;
                let actor = gazetteer.actor_of(&m.entity)?;
                if m.kind == EntityKind::Person {
                    Some((actor, Some(m.entity.clone()), AttributionKind::Named))
                } else {
                    Some((actor, None, AttributionKind::Reported))
                }
            }
        }
    }
}

/// Largest gap in bytes between a subject mention and the stance cue after it.
const SUBJECT_WINDOW: usize = 24;

/// Whether a mention qualifies a capability phrase rather than being a subject: right before it
/// ("American troops") or right after it with a preposition ("sanctions on Russia").
fn qualifies(m: &Mention, cap: &PhraseHit<String>) -> bool {
    (m.end <= cap.start && cap.start - m.end <= 1) || (m.start >= cap.end && m.start - cap.end <= 8)
}

/// Whether a clause boundary (" but ", ";", " while ") lies between two spans.
fn crosses_clause(sent: &str, a: (usize, usize), b: (usize, usize)) -> bool {
    let (lo, hi) = if a.1 <= b.0 { (a.1, b.0) } else { (b.1, a.0) };
    if lo >= hi {
        return false;
    }
    let between = sent[lo..hi].to_ascii_lowercase();
    [" but ", ";", " while ", ", and ", " if ", " unless "]
        .iter()
        .any(|b| between.contains(b))
}

fn overlaps(a0: usize, a1: usize, b0: usize, b1: usize) -> bool {
    a0 < b1 && b0 < a1
}

/// The cue closest to the capability, cues before it preferred (a cue after counts 1.5x).
fn nearest_cue<'c>(
    cues: &'c [PhraseHit<Stance>],
    cap: &PhraseHit<String>,
) -> Option<&'c PhraseHit<Stance>> {
    cues.iter()
        .map(|c| {
            let d = if c.end <= cap.start {
                (cap.start - c.end) * 2
            } else {
                c.start.saturating_sub(cap.end) * 3
            };
            (d, c)
        })
        .filter(|(d, _)| *d <= MAX_CUE_DISTANCE * 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

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

/// The quantity closest to the capability mention, if any has a unit or a percent sign.
fn quantity_near(sent: &str, cap: &PhraseHit<String>) -> Option<Quantity> {
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
        let dist = if whole.end() <= cap.start {
            cap.start - whole.end()
        } else {
            whole.start().saturating_sub(cap.end)
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
    fn no_cue_no_statement() {
        assert!(run("Troops marched through the square in Kyiv on Sunday.").is_empty());
    }
}
