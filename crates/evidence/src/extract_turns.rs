//! Who holds the floor: the turns of a transcript (a Hansard debate, a press briefing, an
//! interview), and the sentences that ask rather than state. A child module of [`super`].
//!
//! A transcript names each speaker once, in a header, and then gives the speech with no
//! reporting verb: without the header every sentence of a backbench member's question would be
//! the government's (the publisher's "we"), and a journalist's question the answering state's.
//! Two header shapes are read, both as the pages give them:
//!
//! - parallelparliament.co.uk's Hansard: a line `<Name> Portrait <display>`, where Hansard
//!   shows a minister by office ("John Healey Portrait The Secretary of State for Defence (John
//!   Healey)") and a member by name and seat ("James Cartlidge Portrait James Cartlidge (South
//!   Suffolk) (Con)"); the turn runs to the next header;
//! - a label and a colon opening a line ("SECRETARY RUBIO: ...", "QUESTION: ...", "Sir Julian
//!   Lewis: ...", "Pavel Zarubin: ..."): the turn runs to the end of its paragraph or the next
//!   header. A label counts when it is a question's ("QUESTION", "Q", "Вопрос"), or when the
//!   text has two distinct such labels (a transcript) and the label reads as a name or an office
//!   (capitalised words, none of the page furniture's: "Source:", "Photo:", "Full Debate:").

use super::*;

/// What a turn's header says of its speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum TurnKind {
    /// A journalist's or member's question: it states no position.
    Question,
    /// A named speaker: `label` is the header's name as written (honorifics, seat and party
    /// taken off), `office` whether the header gives an office of government ("The Secretary
    /// of State for Defence", "SECRETARY RUBIO") rather than a bare name.
    Speaker { label: String, office: bool },
}

/// One turn: its header's bytes in the text, and the bytes of the speech that follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Turn {
    pub header: (usize, usize),
    pub speech: (usize, usize),
    pub kind: TurnKind,
}

/// Labels of a questioner, lowercase, in the lexicons' languages.
const QUESTION_LABELS: &[&str] = &[
    "question",
    "questions",
    "q",
    "questioner",
    "journalist",
    "reporter",
    "вопрос",
    "питання",
    "запитання",
    "frage",
    "pregunta",
    "domanda",
    "pytanie",
    "vraag",
    "pergunta",
    "întrebare",
    "soru",
];

/// Words of a label that make it page furniture, not a speaker ("Source:", "Photo By:",
/// "Full Debate:", "Editor's Note:"), lowercase.
const FURNITURE: &[&str] = &[
    "source",
    "sources",
    "photo",
    "photos",
    "image",
    "images",
    "picture",
    "video",
    "credit",
    "credits",
    "details",
    "quote",
    "tag",
    "tags",
    "debate",
    "page",
    "note",
    "read",
    "more",
    "update",
    "updated",
    "related",
    "see",
    "also",
    "by",
    "watch",
    "listen",
    "share",
    "war",
    "department",
    "chamber",
    "topics",
    "category",
    "published",
    "posted",
    "virin",
    "copyright",
    "foto",
    "fonte",
    "também",
    "leia",
    "haber",
    "tarihi",
    "press",
    "release",
    "liveticker",
    "home",
];

/// Honorifics taken off a speaker's label ("Sir Julian Lewis" is Julian Lewis).
const HONORIFICS: &[&str] = &[
    "Sir", "Dame", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.",
];

/// A header found on a line: where it starts and ends, where its speech can run to at most,
/// what it says, and whether it is a colon's label (else a Hansard `Portrait` line).
struct Header {
    start: usize,
    end: usize,
    speech_end: usize,
    kind: TurnKind,
    colon: bool,
}

/// The turns of a text, in order. An office is told by the language's `titles` (the words the
/// speaker rules already read as offices: "secretary", "minister", "министр*").
pub(super) fn turns(rules: &LanguageRules, text: &str) -> Vec<Turn> {
    let mut headers: Vec<Header> = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let body = line.trim_end();
        if let Some((name, display)) = body.split_once(" Portrait ")
            && body.len() <= 200
            && !name.trim().is_empty()
        {
            let office = display.trim_start_matches('[').starts_with("The ");
            let label = clean_label(name);
            if !label.is_empty() {
                headers.push(Header {
                    start,
                    end: start + body.len(),
                    speech_end: text.len(),
                    kind: speaker(label, office),
                    colon: false,
                });
            }
            continue;
        }
        let lead = body.len() - body.trim_start_matches([' ', '\t', '[']).len();
        let Some(colon) = body[lead..].find(": ").map(|c| c + lead) else {
            continue;
        };
        let label = &body[lead..colon];
        if label.len() > 80 || label.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let kind = if QUESTION_LABELS.contains(&label.trim().to_lowercase().as_str()) {
            TurnKind::Question
        } else if reads_as_speaker(label) {
            let office =
                label.starts_with("The ") || !rules.titles.find(&rules.words(label)).is_empty();
            speaker(clean_label(label), office)
        } else {
            continue;
        };
        headers.push(Header {
            start,
            end: start + colon + 1,
            // The speech runs to the end of the paragraph.
            speech_end: text[start..].find("\n\n").map_or(text.len(), |e| start + e),
            kind,
            colon: true,
        });
    }
    // A transcript has two speakers at least: one label alone, however often, is a heading
    // ("Italia Ucraina, Palazzo Chigi:", "Liveticker Alaska-Gipfel:").
    let mut colon_speakers: Vec<&str> = headers
        .iter()
        .filter(|h| h.colon)
        .filter_map(|h| match &h.kind {
            TurnKind::Speaker { label, .. } => Some(label.as_str()),
            TurnKind::Question => None,
        })
        .collect();
    colon_speakers.sort_unstable();
    colon_speakers.dedup();
    let transcript = colon_speakers.len() >= 2;
    headers.retain(|h| !h.colon || h.kind == TurnKind::Question || transcript);
    // A turn runs to the next header, a colon's to its paragraph's end if that comes first.
    let nexts: Vec<usize> = headers
        .iter()
        .skip(1)
        .map(|h| h.start)
        .chain([text.len()])
        .collect();
    headers
        .into_iter()
        .zip(nexts)
        .map(|(h, next)| Turn {
            header: (h.start, h.end),
            speech: (h.end, h.speech_end.min(next).max(h.end)),
            kind: h.kind,
        })
        .collect()
}

fn speaker(label: String, office: bool) -> TurnKind {
    TurnKind::Speaker { label, office }
}

/// Whether a label before a colon reads as a speaker: one to eight words, each capitalised or a
/// name's small word ("of", "for", "the", "von"), a parenthesis allowed ("(John Healey)"), none
/// of the page furniture's, no comma, full stops only after initials and honorifics, and not a
/// single capitalised word unless in capitals ("RUBIO").
fn reads_as_speaker(label: &str) -> bool {
    let outside: String = strip_parentheses(label).replace('.', ". ");
    let words: Vec<&str> = outside.split_whitespace().collect();
    if words.is_empty() || words.len() > 8 {
        return false;
    }
    let small = [
        "of", "for", "the", "and", "de", "von", "van", "der", "la", "le", "du",
    ];
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    // A word with capitals inside it, not all capitals, is run-together furniture
    // ("HomeAskanewsGli"); one inside capital is a name's ("McFadden").
    let run_together = |w: &str| {
        w.chars().any(char::is_lowercase)
            && w.chars().skip(1).filter(|c| c.is_uppercase()).count() >= 2
    };
    let ok = !label.contains([',', '|', '"', '“', '«'])
        && periods_are_initials(label)
        && words.iter().all(|w| {
            let lower = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            !FURNITURE.contains(&lower.as_str())
                && !run_together(w)
                && (capitalised(w) || small.contains(&lower.as_str()))
        });
    let single_name = words.len() == 1 && !words[0].chars().all(|c| !c.is_lowercase());
    ok && !single_name
}

/// Whether every full stop of a label closes an initial or an honorific ("В.Путин", "Д. Песков",
/// "Mr. Rubio"), not a sentence or a domain ("Source.com", "Update. Trump").
fn periods_are_initials(label: &str) -> bool {
    label.split_whitespace().all(|w| {
        let parts: Vec<&str> = w.split('.').collect();
        parts[..parts.len() - 1].iter().all(|p| {
            let mut chars = p.chars();
            let initial = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
            initial || HONORIFICS.contains(p)
        })
    })
}

/// A label without parentheses.
fn strip_parentheses(label: &str) -> String {
    let mut depth = 0usize;
    label
        .chars()
        .filter(|&c| {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                _ => return depth == 0,
            }
            false
        })
        .collect()
}

/// The name a header gives: the office's parenthesised name when there is one ("The Secretary of
/// State for Defence (John Healey)"), else the label without seat, party and honorifics ("Mr
/// Will Forster (Woking) (LD)" is Will Forster).
fn clean_label(label: &str) -> String {
    let label = label.trim().trim_start_matches('[').trim();
    if label.starts_with("The ")
        && let Some(open) = label.find('(')
        && let Some(close) = label[open..].find(')')
    {
        return label[open + 1..open + close].trim().to_string();
    }
    strip_parentheses(label)
        .split_whitespace()
        .filter(|w| !HONORIFICS.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The turn whose header or speech holds the byte `at`, if any (a sentence may open with its
/// turn's header: "SECRETARY RUBIO: Well, ...").
pub(super) fn turn_at(turns: &[Turn], at: usize) -> Option<&Turn> {
    turns.iter().find(|t| t.header.0 <= at && at < t.speech.1)
}

/// Who speaks in a turn: the gazetteer's person or state named in its header ("SECRETARY
/// RUBIO", "The Secretary of State for Defence (John Healey)"), else the publisher for an
/// office of government on its own site, else the name as written, a person speaking for
/// themselves (a member of Parliament, a journalist). A question's turn has no speaker.
pub(super) fn speaker_of(
    turn: &Turn,
    mentions: &[Mention],
    publisher: Option<&str>,
) -> Option<Speaker> {
    let TurnKind::Speaker { label, office } = &turn.kind else {
        return None;
    };
    let (h0, h1) = turn.header;
    if let Some(m) = mentions.iter().find(|m| {
        m.start >= h0 && m.end <= h1 && matches!(m.kind, EntityKind::Person | EntityKind::State)
    }) {
        return Some(Speaker::Entity(m.entity.clone()));
    }
    match publisher {
        Some(p) if *office => Some(Speaker::Entity(p.to_string())),
        _ => Some(Speaker::Named(label.clone())),
    }
}

/// The publisher of a text as a party in a turn: it speaks only through its own people, and a
/// backbench member's or a foreign minister's "we" is not the government's.
pub(super) fn publisher_in<'a>(
    floor: Option<&Speaker>,
    publisher: Option<&'a str>,
    gazetteer: &Gazetteer,
) -> Option<&'a str> {
    match floor {
        Some(Speaker::Entity(e)) => {
            publisher.filter(|p| gazetteer.actor_of(e).as_deref() == Some(*p))
        }
        Some(_) => None,
        None => publisher,
    }
}

/// Whether a sentence asks rather than states: a question mark ends it ("Will Britain send
/// troops?", after closing quotes and brackets), or it is a written question of the House of
/// Lords ("To ask His Majesty's Government what discussions they have had ..."), which ends in a
/// full stop.
pub(super) fn is_question(sent: &str) -> bool {
    sent.trim_end_matches(|c: char| c.is_whitespace() || "\"'»”’)]".contains(c))
        .ends_with(['?', '？'])
        || sent.contains("To ask His Majesty")
        || sent.contains("To ask Her Majesty")
}

#[cfg(test)]
mod tests {
    use super::super::lexicon_tests::rules_of;
    use super::super::tests::run_in;
    use super::*;

    /// A debate in the shape parallelparliament.co.uk gives Hansard (names and words invented
    /// for the test; the header shapes are the site's).
    const DEBATE: &str = "Ukraine: Peace Talks\n\nCommons Chamber\n\
        Jane Roe Portrait Jane Roe (Exampleshire North) (Con)\n\
        - View Speech - Hansard - -\n\n\
        We will need troops on the ground in Ukraine for any peace to last.\n\n\
        John Healey Portrait The Secretary of State for Defence (John Healey)\n\
        - View Speech - Hansard - - - Excerpts\n\n\
        We will send air defence to Ukraine this winter.\n";

    #[test]
    fn hansard_headers_name_the_speaker_and_say_whether_an_office_speaks() {
        let t = turns(&rules_of("en"), DEBATE);
        let kinds: Vec<&TurnKind> = t.iter().map(|t| &t.kind).collect();
        assert_eq!(
            kinds,
            [
                &speaker("Jane Roe".into(), false),
                &speaker("John Healey".into(), true)
            ]
        );
        // The first speech runs to the second header.
        assert!(DEBATE[t[0].speech.0..t[0].speech.1].contains("troops on the ground"));
        assert!(!DEBATE[t[0].speech.0..t[0].speech.1].contains("air defence"));
    }

    #[test]
    fn a_member_speaks_for_themselves_and_a_minister_for_the_government() {
        let out = run_in(DEBATE, "parallelparliament.co.uk");
        let parties = |target: &str| -> Vec<&str> {
            out.iter()
                .filter(|s| s.capability == target)
                .map(|s| s.actor.as_str())
                .collect()
        };
        assert_eq!(parties("ground_troops"), ["Jane Roe"], "{out:?}");
        assert_eq!(parties("air_defence"), ["GBR"], "{out:?}");
    }

    #[test]
    fn a_briefing_s_questions_state_nothing_and_its_answers_are_the_speaker_s() {
        let text = "Remarks to the Press\n\n\
            QUESTION: Mr. Secretary, the Europeans say they will send troops to Ukraine. \
            Will you back them.\n\n\
            SECRETARY RUBIO: Well, we will not send troops. We will provide intelligence.\n\n\
            FOREIGN MINISTER EXAMPLE: Thank you.\n";
        let out = run_in(text, "state.gov");
        assert!(
            out.iter()
                .all(|s| s.quote.contains("Well") || s.quote.contains("provide intelligence")),
            "a question made a statement: {out:?}"
        );
        let intelligence: Vec<(&str, Stance)> = out
            .iter()
            .filter(|s| s.capability == "intelligence")
            .map(|s| (s.actor.as_str(), s.stance))
            .collect();
        assert_eq!(intelligence, [("USA", Stance::Commits)], "{out:?}");
    }

    #[test]
    fn a_kremlin_transcript_s_initialled_labels_are_speakers() {
        let text = "В.Путин: Мы не допустим войск НАТО на Украине.\nД.Песков: Спасибо.\n";
        let found = turns(&rules_of("ru"), text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(!reads_as_speaker("Source.com"));
        assert!(!reads_as_speaker("Update. Trump"));
    }

    #[test]
    fn one_heading_with_a_colon_is_no_transcript() {
        for text in [
            "Liveticker Alaska-Gipfel: Trump und Putin treffen sich.\n\nLiveticker Alaska-Gipfel: Neue Runde.",
            "Source: Reuters\n\nPhoto: AFP\n\nDetails: more",
            "Italia Ucraina, Palazzo Chigi: vertice\n\nMario Rossi: sì",
        ] {
            assert_eq!(turns(&rules_of("de"), text), [], "{text}");
        }
    }

    #[test]
    fn a_lords_written_question_states_nothing() {
        let text = "Lords Chamber\nTo ask His Majesty's Government what plans they have to send troops to Ukraine as part of a reassurance force.";
        assert_eq!(run_in(text, "parallelparliament.co.uk"), []);
    }
}
