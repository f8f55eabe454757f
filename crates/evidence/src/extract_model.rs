//! The learned half of [`super`]: the features a sentence gives the [`SentenceModel`], the
//! article-level decision of which claims the article states ([`decide`], with
//! [`crate::claim_model`]), and the statements of the stated claims the rules did not find. A
//! child module, so it shares the parent's private types (the sentence parse, the speaker).
//!
//! Features are binary and hashed ([`crate::model::feature_id`]): the language; each word's stem
//! and each pair of adjacent stems (per language), and its first five letters as its cognates
//! spell them in any language ([`cognate_prefix`]); the lexicon's hits
//! (targets, stance cues, the stance a cue takes after a negation, every target with every cue,
//! hedges, negations, quotation marks, every target with a hedge or a negation in the sentence)
//! and the claims the rules decided, which carry over between languages; the states and bodies
//! named, each with every target of the sentence ("Russia" with the force tells "rejects" from
//! "offers" in any language), and the speaker's; whose a target is ([`modifier_features`]); the
//! previous sentence's targets; and whether the
//! sentence opens the article (usually the headline).

use super::*;
use crate::claim_model::{ClaimSummary, LabelHit, SentenceClaims, label_hits, summarise};
use crate::model::{feature_id, feature_id_of};

/// Hashed features of one sentence, sorted and without repeats.
///
/// Each feature's id is hashed from the parts of its name ([`feature_id_of`]), never from a
/// formatted string: the ids are those of the joined names the trainer and the shipped model
/// use, without a string allocated per feature.
pub(super) fn features(
    rules: &LanguageRules,
    p: &SentenceParse<'_>,
    speaker: &Option<(Speaker, usize)>,
    rule_claims: &[(String, Stance)],
    previous_targets: &[String],
    index: usize,
) -> Vec<u32> {
    let l = rules.lang.code();
    let w = &p.words;
    let mut ids: Vec<u32> = Vec::with_capacity(w.len() * 3 + 32);
    ids.push(feature_id("1"));
    ids.push(feature_id_of(&["L:", l]));
    for i in 0..w.len() {
        let stem = &*w.stems[i];
        if w.lower[i].chars().all(|c| c.is_ascii_digit()) {
            ids.push(feature_id("num"));
            continue;
        }
        ids.push(feature_id_of(&["s:", l, ":", stem]));
        // The first five letters as any language spells them, in place of the language's own
        // (dev week folds 0.465 with both, 0.464 with these alone, 0.460 with the language's
        // alone; the fixtures' figures as before, and 784,193 weights against 826,288).
        let long = w.lower[i].chars().nth(3).is_some();
        if long {
            let cognate = cognate_prefix(&w.lower[i]);
            let cognate = cognate.as_str();
            if w.lower[i].chars().nth(5).is_some() {
                ids.push(feature_id_of(&["x:", cognate]));
            }
            // And the first three, of every word of four letters or more: a root that
            // inflection and cognates share more often than five letters ("sol" in soldiers,
            // Soldaten, солдати; "gar" in garanties, гарантії). Held out on dev (7 December
            // 2026), with three shuffling seeds: story folds 0.495, 0.496, 0.495 to 0.502,
            // 0.502, 0.501; week folds 0.471, 0.468, 0.469 to 0.473, 0.470, 0.472.
            ids.push(feature_id_of(&["x3:", &cognate[..cognate.len().min(3)]]));
        }
        if i + 1 < w.len() {
            ids.push(feature_id_of(&["b:", l, ":", stem, "_", &w.stems[i + 1]]));
        }
    }
    for t in &p.targets {
        ids.push(feature_id_of(&["T:", &t.label]));
    }
    for c in &p.cues {
        ids.push(feature_id_of(&["C:", c.label.as_str()]));
        let stance = if negated(rules, p, c) {
            let s = rules.negate(c.label);
            ids.push(feature_id_of(&["CN:", s.as_str()]));
            s
        } else {
            c.label
        };
        for t in &p.targets {
            ids.push(feature_id_of(&["TC:", &t.label, "|", stance.as_str()]));
            if !crosses_clause(p, (t.start, t.end), (c.start, c.end)) {
                ids.push(feature_id_of(&["TCc:", &t.label, "|", stance.as_str()]));
            }
        }
    }
    for (t, s) in rule_claims {
        ids.push(feature_id_of(&["R:", t, "|", s.as_str()]));
        ids.push(feature_id("R"));
    }
    if !p.hedges.is_empty() {
        ids.push(feature_id("H"));
        for t in &p.targets {
            ids.push(feature_id_of(&["HT:", &t.label]));
        }
    }
    if !p.negations.is_empty() {
        ids.push(feature_id("N"));
        for t in &p.targets {
            ids.push(feature_id_of(&["NT:", &t.label]));
        }
    }
    if !quotes(p.sent).is_empty() {
        ids.push(feature_id("Q"));
    }
    for a in &p.actors {
        ids.push(feature_id_of(&["A:", &a.actor]));
        ids.push(feature_id_of(&["AK:", a.kind.as_str()]));
        for t in &p.targets {
            ids.push(feature_id_of(&["AT:", &a.actor, "|", &t.label]));
        }
    }
    modifier_features(p, &mut ids);
    match speaker {
        Some((Speaker::Entity(e), _)) => {
            ids.push(feature_id("SP:entity"));
            ids.push(feature_id_of(&["SPE:", e]));
        }
        Some((Speaker::Anonymous(_), _)) => ids.push(feature_id("SP:anonymous")),
        Some((Speaker::Named(_), _)) => ids.push(feature_id("SP:named")),
        None => {}
    }
    // Feature names of the previous sentence ("PT:target", "PC:stance").
    ids.extend(previous_targets.iter().map(|n| feature_id(n)));
    if index == 0 {
        ids.push(feature_id("I0"));
    }
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Whose the target is, for the stance: a state or body right before the target's words or right
/// after them ("British troops", "американські війська", "troupes françaises") against the
/// sentence's first actor that is not an object. The same ("Britain is ready to send British
/// troops") reads as an offer of one's own; another ("Kyiv wants American troops") as a demand
/// or a support; Ukraine's own forces as the strengthening of its army.
fn modifier_features(p: &SentenceParse<'_>, ids: &mut Vec<u32>) {
    for t in &p.targets {
        let Some(m) = target_owner(p, t.start, t.end) else {
            continue;
        };
        let subject = p
            .actors
            .iter()
            .find(|a| !a.object && !a.actor.is_empty() && a.start != m.start);
        let relation = if m.voice {
            "own"
        } else if m.actor == "UKR" {
            "ukr"
        } else {
            match subject {
                Some(s) if s.actor == m.actor => "own",
                Some(_) => "other",
                None => "alone",
            }
        };
        ids.push(feature_id_of(&["TM:", &t.label, "|", relation]));
        ids.push(feature_id_of(&["TM:", relation]));
    }
}

/// The state, body or "we" written right before or right after the target's words at
/// `start..end`, a hyphen at most between: whose the target is ("British troops",
/// "американські війська", "troupes françaises", "our troops").
pub(super) fn target_owner<'s>(
    p: &'s SentenceParse<'_>,
    start: usize,
    end: usize,
) -> Option<&'s ActorSpan> {
    let joined = |between: &str| between.trim().is_empty() || between.trim() == "-";
    p.actors.iter().find(|a| {
        (a.voice || !a.actor.is_empty())
            && ((a.end <= start && joined(&p.sent[a.end..start]))
                || (end <= a.start && joined(&p.sent[end..a.start])))
    })
}

/// A sentence kept until the article's claims are decided ([`decide`]): what the article-level
/// model reads of it, and what building the classifier's statements there needs. Not its parse,
/// which is made again for the few sentences that get such statements: kept for every sentence,
/// the parses of a 15 MB text took 1.2 GB.
pub(super) struct Pending {
    pub index: usize,
    pub s: Sentence,
    /// Whether the article's body of states (`Gazetteer::first_collective`) is named before
    /// the sentence's end, and the group counted before it (`Extractor::parse`'s inputs besides
    /// the text).
    pub body: bool,
    pub last_group: Option<String>,
    pub speaker: Option<(Speaker, usize)>,
    /// Whether the publisher speaks in the sentence (not in another's turn of a transcript).
    pub publisher_speaks: bool,
    /// What the article said before the sentence.
    pub before: Before,
    /// The rules' statements of the sentence, as a range of the article's statements.
    pub rules: std::ops::Range<usize>,
    /// The claims the rules decided in the sentence (with or without a statement).
    pub rule_claims: Vec<(String, Stance)>,
    /// The labels the classifier gives the sentence at the candidate floor or more.
    pub hits: Vec<LabelHit>,
}

/// The labels `probs` gives at the candidate floor or more, each with whether the sentence holds
/// a hit of its target and a cue of its stance (or one a negation turns into it).
pub(super) fn hits(
    model: &SentenceModel,
    rules: &LanguageRules,
    p: &SentenceParse<'_>,
    probs: &[f32],
) -> Vec<LabelHit> {
    let cue_stances: Vec<Stance> = p
        .cues
        .iter()
        .flat_map(|c| {
            [
                Some(c.label),
                negated(rules, p, c).then(|| rules.negate(c.label)),
            ]
        })
        .flatten()
        .collect();
    label_hits(probs, |k| {
        let (target, stance) = model.label(k);
        cue_stances.contains(&stance) && p.targets.iter().any(|t| t.label == target)
    })
}

/// The article's statements once its claims are decided: the claim model
/// ([`crate::claim_model`]) scores every candidate claim from all the sentences; the rules'
/// statements of the claims it states are kept (the others dropped), and each stated claim the
/// rules did not find gets statements from the sentence where the classifier is most
/// confident, with every actor found there. Statements stay in sentence order.
pub(super) fn decide(
    (extractor, model, trace): (&Extractor, &SentenceModel, Trace<'_>),
    rules: &LanguageRules,
    gazetteer: &Gazetteer,
    article: &ArticleRef<'_>,
    (text, mentions): (&str, &[Mention]),
    out: Vec<Statement>,
    pending: &[Pending],
) -> Vec<Statement> {
    let labels: Vec<(&str, Stance)> = (0..model.pairs.len()).map(|k| model.label(k)).collect();
    let sentences: Vec<SentenceClaims<'_>> = pending
        .iter()
        .map(|p| SentenceClaims {
            hits: &p.hits,
            ruled: &p.rule_claims,
        })
        .collect();
    let stated: Vec<(ClaimSummary, f32)> = summarise(&labels, &sentences, rules.lang.code())
        .into_iter()
        .filter_map(|c| model.claims.states(&c).map(|p| (c, p)))
        .collect();
    let collective = gazetteer.first_collective(mentions);
    let mut learned: Vec<Statement> = Vec::new();
    for p in pending {
        let wanted: Vec<(usize, f32)> = stated
            .iter()
            .filter(|(c, _)| c.ruled == 0 && c.best_at == p.index)
            .filter_map(|(c, prob)| {
                let k = labels
                    .iter()
                    .position(|l| *l == (c.target.as_str(), c.stance))?;
                Some((k, *prob))
            })
            .collect();
        if wanted.is_empty() {
            continue;
        }
        let parse = extractor.parse(
            rules,
            &text[p.s.start..p.s.end],
            &local_mentions(mentions, p.s),
            gazetteer,
            collective
                .as_ref()
                .filter(|_| p.body)
                .map(|(_, actor)| actor.as_str()),
            p.last_group.as_deref(),
        );
        learned.extend(learned_statements(
            (extractor, model, trace),
            &wanted,
            (p, &parse),
            gazetteer,
            &out[p.rules.clone()],
            (article, rules),
        ));
    }
    let mut out: Vec<Statement> = out
        .into_iter()
        .filter(|r| {
            stated
                .iter()
                .any(|(c, _)| c.target == r.capability && c.stance == r.stance)
        })
        .chain(learned)
        .collect();
    out.sort_by_key(|s| s.sentence);
    out
}

/// Statements for the claims `wanted` (label, the article-level probability) in one sentence,
/// which the rules did not find there: the target and cue are the lexicon's hits for them when
/// the sentence has them, else the end of the sentence, and the actors come from the same rules
/// as the rules' own statements.
fn learned_statements(
    (extractor, model, trace): (&Extractor, &SentenceModel, Trace<'_>),
    wanted: &[(usize, f32)],
    (pending, p): (&Pending, &SentenceParse<'_>),
    gazetteer: &Gazetteer,
    rule_statements: &[Statement],
    (article, rules): (&ArticleRef<'_>, &LanguageRules),
) -> Vec<Statement> {
    let lang = rules.lang.code();
    let Pending {
        index,
        s,
        speaker,
        before: before_sentence,
        rule_claims,
        publisher_speaks,
        ..
    } = pending;
    let mut out: Vec<Statement> = Vec::new();
    let n = p.words.len();
    let end = p.sent.len();
    let mut used_targets: Vec<String> = rule_claims.iter().map(|(t, _)| t.clone()).collect();
    // The party of the last statement as the rules chose it (see `Extractor::run`).
    let mut rules_last: Option<String> = None;
    for &(k, prob) in wanted {
        let (target, stance) = model.label(k);
        let t_hit = p
            .targets
            .iter()
            .find(|t| t.label == target)
            .cloned()
            .unwrap_or_else(|| after_sentence(n, end, target.to_string()));
        // The cue: one of the claim's stance, else none: the end of the sentence, where
        // `subjects` finds no subject and the first actor of the sentence is taken ("Russia will
        // not accept guarantees for Ukraine": not the last actor, usually an object or a
        // beneficiary). A cue of another stance as the predicate was tried: it took the
        // possessor before the target ("Ukraine's membership") for the subject (dev actor
        // accuracy 0.521 without it, 0.519 with it).
        let c_hit = p
            .cues
            .iter()
            .filter(|c| c.label == stance)
            .min_by_key(|c| c.first.abs_diff(t_hit.first))
            .cloned()
            .unwrap_or_else(|| after_sentence(n, end, stance));
        // Without a cue of its own, the claim belongs to the subject the rules found in this
        // sentence (see [`borrowed_subject`]).
        let borrowed = if c_hit.start >= end {
            borrowed_subject(rule_statements, target)
        } else {
            None
        };
        let Some((actors, attributed_to, attribution)) = borrowed.or_else(|| {
            let before = Before {
                statement: rules_last.clone().or(before_sentence.statement.clone()),
                person: before_sentence.person.clone(),
            };
            let asked = Asked {
                p,
                speaker,
                target: &t_hit,
                cue: &c_hit,
                stance,
                before: &before,
                publisher: article
                    .outlet
                    .and_then(|o| gazetteer.publisher(o))
                    .filter(|_| *publisher_speaks),
                sentence: *index,
            };
            let (found, chosen_by_rules) = extractor.attribute(&asked, gazetteer, lang, trace)?;
            if !found.0.is_empty() {
                rules_last = chosen_by_rules.or(found.0.last().cloned());
            }
            Some(found)
        }) else {
            continue;
        };
        let base = if used_targets.iter().any(|t| t == target) {
            format!("{}#{}.{}.{}", article.id, index, target, stance.as_str())
        } else {
            format!("{}#{}.{}", article.id, index, target)
        };
        used_targets.push(target.to_string());
        let modality = if c_hit.start >= end {
            modality_of(p, &t_hit, stance)
        } else {
            modality_of(p, &c_hit, stance)
        };
        for (j, actor) in actors.into_iter().enumerate() {
            out.push(Statement {
                id: if j == 0 {
                    base.clone()
                } else {
                    format!("{base}.{}", j + 1)
                },
                article: article.id.to_string(),
                actor,
                capability: target.to_string(),
                stance,
                modality,
                quantity: quantity_near(
                    p.quantities(rules),
                    p.sent,
                    target,
                    t_hit.start.min(end),
                    t_hit.end.min(end),
                ),
                attributed_to: attributed_to.clone(),
                attribution,
                quote: p.sent.to_string(),
                quote_start: s.start,
                quote_end: s.end,
                date: article.date.map(str::to_string),
                outlet: article.outlet.map(str::to_string),
                sentence: *index,
                probability: Some((f64::from(prob) * 100.0).round() / 100.0),
            });
        }
    }
    out
}

/// The actors and attribution of the rules' statements on `target` in the sentence, else of its
/// first rule statement ("26 pays sont prêts à envoyer des troupes": the classifier's second
/// stance on the troops is the 26 countries', not the speaker's). Dev actor accuracy 0.576
/// without borrowing, 0.576 from the same target only, 0.578 with the fallback.
fn borrowed_subject(
    rule_statements: &[Statement],
    target: &str,
) -> Option<(Vec<String>, Option<String>, AttributionKind)> {
    let same: Vec<&Statement> = rule_statements
        .iter()
        .filter(|r| r.capability == target)
        .collect();
    let from = if same.is_empty() {
        rule_statements.iter().take(1).collect()
    } else {
        same
    };
    let first = from.first()?;
    let mut actors: Vec<String> = Vec::new();
    for r in from.iter().filter(|r| r.capability == first.capability) {
        if !actors.contains(&r.actor) {
            actors.push(r.actor.clone());
        }
    }
    Some((actors, first.attributed_to.clone(), first.attribution))
}

/// Where a label the rules did not find in the sentence is placed: after its last word (`n`
/// words, `end` bytes), so attribution reads the whole sentence as before it.
fn after_sentence<L>(n: usize, end: usize, label: L) -> WordHit<L> {
    WordHit {
        first: n,
        last: n,
        start: end,
        end,
        label,
        tail: None,
    }
}

/// The first five letters of a word as its cognates in other languages and scripts spell them:
/// transliterated to Latin ("гарантії" and "garanties" both "garan"), with the spellings that
/// vary between languages merged (c and q as k, w as v, y and j as i), so that a word the dev
/// split labels in one language teaches the sentence classifier about it in the others.
/// Built on the stack, a character at a time: it is asked of nearly every word at ingest.
pub(super) fn cognate_prefix(lower: &str) -> CognatePrefix {
    let mut out = CognatePrefix {
        bytes: [0; COGNATE_LETTERS],
        len: 0,
    };
    let mut push = |b: u8| {
        if out.len < COGNATE_LETTERS && b.is_ascii_alphabetic() {
            out.bytes[out.len] = match b.to_ascii_lowercase() {
                b'c' | b'q' => b'k',
                b'w' => b'v',
                b'y' | b'j' => b'i',
                b => b,
            };
            out.len += 1;
        }
    };
    for ch in lower.chars() {
        match u8::try_from(ch) {
            Ok(b) if b.is_ascii() => push(b),
            _ => deunicode::deunicode_char(ch)
                .unwrap_or("")
                .bytes()
                .for_each(&mut push),
        }
    }
    out
}

/// Letters of a [`cognate_prefix`].
const COGNATE_LETTERS: usize = 5;

/// A [`cognate_prefix`]: ASCII letters.
pub(super) struct CognatePrefix {
    bytes: [u8; COGNATE_LETTERS],
    len: usize,
}

impl CognatePrefix {
    pub(super) fn as_str(&self) -> &str {
        // Only ASCII letters are pushed.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }
}
