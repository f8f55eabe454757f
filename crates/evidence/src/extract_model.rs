//! The learned half of [`super`]: the features a sentence gives the [`SentenceModel`], and the
//! statements of the claims it finds that the rules did not. A child module, so it shares the
//! parent's private types (the sentence parse, the speaker).
//!
//! Features are binary and hashed ([`crate::model::feature_id`]): the language; each word's stem,
//! its first five letters and each pair of adjacent stems (per language); the lexicon's hits
//! (targets, stance cues, the stance a cue takes after a negation, every target with every cue,
//! hedges, negations, quotation marks, every target with a hedge or a negation in the sentence)
//! and the claims the rules decided, which carry over between languages; the states and bodies
//! named, each with every target of the sentence ("Russia" with the force tells "rejects" from
//! "offers" in any language), and the speaker's; the previous sentence's targets; and whether the
//! sentence opens the article (usually the headline).

use super::*;
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
        if let Some((cut, _)) = w.lower[i].char_indices().nth(5) {
            ids.push(feature_id_of(&["p:", l, ":", &w.lower[i][..cut]]));
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

/// Statements for the claims the model gives the sentence that the rules did not find: the
/// target and cue are the lexicon's hits for them when the sentence has them, else the end of
/// the sentence, and the actors come from the same rules as the rules' own statements.
#[allow(clippy::too_many_arguments)]
pub(super) fn learned_statements(
    model: &SentenceModel,
    rules: &LanguageRules,
    features: &[u32],
    rule_claims: &[(String, Stance)],
    p: &SentenceParse<'_>,
    speaker: &Option<(Speaker, usize)>,
    gazetteer: &Gazetteer,
    before_sentence: &Before,
    rule_statements: &[Statement],
    (article, index, s): (&ArticleRef<'_>, usize, Sentence),
) -> Vec<Learned> {
    let lang = rules.lang.code();
    let probs = model.predict(features);
    let mut out: Vec<Learned> = Vec::new();
    let n = p.words.len();
    let end = p.sent.len();
    let mut used_targets: Vec<String> = rule_claims.iter().map(|(t, _)| t.clone()).collect();
    let kept = model.competing(&probs);
    // The stances the sentence's cues give, a negated cue's turned over (the `C:` and `CN:`
    // features): a claim of one of them on a target the sentence names is worded.
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
    for (k, prob) in probs.iter().enumerate() {
        if !kept[k] {
            continue;
        }
        let (target, stance) = model.label(k);
        let worded = cue_stances.contains(&stance) && p.targets.iter().any(|t| t.label == target);
        // Down to the lower threshold for targets the rules may state nowhere in the article;
        // [`merge_learned`] drops those below the main one whose target they do state.
        if *prob < model.new_target_threshold_for(lang, worded) {
            continue;
        }
        if rule_claims.iter().any(|(t, s)| t == target && *s == stance) {
            continue;
        }
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
            actors(
                p,
                speaker,
                &t_hit,
                &c_hit,
                gazetteer,
                &Before {
                    statement: out
                        .last()
                        .map(|l| l.statement.actor.clone())
                        .or(before_sentence.statement.clone()),
                    person: before_sentence.person.clone(),
                },
                article.outlet.and_then(|o| gazetteer.publisher(o)),
            )
        }) else {
            continue;
        };
        let base = if used_targets.iter().any(|t| t == target) {
            format!("{}#{}.{}.{}", article.id, index, target, stance.as_str())
        } else {
            format!("{}#{}.{}", article.id, index, target)
        };
        used_targets.push(target.to_string());
        let modality = modality_of(p, &c_hit);
        let main = *prob >= model.threshold_for(lang, worded);
        for (j, actor) in actors.into_iter().enumerate() {
            out.push(Learned {
                prob: *prob,
                main,
                statement: Statement {
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
                    quantity: quantity_near(p.sent, t_hit.start.min(end), t_hit.end.min(end)),
                    attributed_to: attributed_to.clone(),
                    attribution,
                    quote: p.sent.to_string(),
                    quote_start: s.start,
                    quote_end: s.end,
                    date: article.date.map(str::to_string),
                    outlet: article.outlet.map(str::to_string),
                    sentence: index,
                    probability: Some((f64::from(*prob) * 100.0).round() / 100.0),
                },
            });
        }
    }
    out
}

/// A claim of the classifier's, before it meets the rules' ([`merge_learned`]).
pub(super) struct Learned {
    pub prob: f32,
    /// Whether it passed the language's main threshold (`SentenceModel::threshold_for`), not
    /// only the lower one for a target the rules state nowhere in the article.
    pub main: bool,
    pub statement: Statement,
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

/// Adds the classifier's statements to the rules': a claim (target, stance) the rules state
/// somewhere in the article is left to them, a claim under the main threshold is dropped when
/// the rules state its target somewhere in the article (it passed only the lower threshold for
/// targets the rules missed), and any other claim is added once, from the sentence where the
/// classifier is most confident (the earliest on a tie), with every actor found there.
/// Statements stay in sentence order.
pub(super) fn merge_learned(out: &mut Vec<Statement>, learned: Vec<Learned>) {
    let learned: Vec<Learned> = learned
        .into_iter()
        .filter(|l| l.main || !out.iter().any(|r| r.capability == l.statement.capability))
        .collect();
    let mut best: Vec<(String, Stance, f32, usize)> = Vec::new();
    for Learned {
        prob,
        statement: st,
        ..
    } in &learned
    {
        if out
            .iter()
            .any(|r| r.capability == st.capability && r.stance == st.stance)
        {
            continue;
        }
        match best
            .iter_mut()
            .find(|b| b.0 == st.capability && b.1 == st.stance)
        {
            Some(b) if *prob > b.2 => {
                b.2 = *prob;
                b.3 = st.sentence;
            }
            Some(_) => {}
            None => best.push((st.capability.clone(), st.stance, *prob, st.sentence)),
        }
    }
    out.extend(learned.into_iter().map(|l| l.statement).filter(|s| {
        best.iter()
            .any(|b| b.0 == s.capability && b.1 == s.stance && b.3 == s.sentence)
    }));
    out.sort_by_key(|s| s.sentence);
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
