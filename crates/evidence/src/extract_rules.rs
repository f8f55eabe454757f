//! The compiled rules of one language: the lexicon's phrases as word matchers (stemmed by the
//! language's stemmer) and its word lists lowercased, built once per [`super::Extractor`].

use std::collections::BTreeMap;

use crate::lang::{Lang, Stemmer};
use crate::lexicon::LanguageLexicon;
use crate::statement::Stance;
use crate::text::lower_word;
use crate::words::{WordHit, WordMatcher, Words};

/// The compiled rules of one language.
pub(super) struct LanguageRules {
    pub(super) lang: Lang,
    pub(super) stemmer: Stemmer,
    pub(super) targets: WordMatcher<String>,
    pub(super) stances: WordMatcher<Stance>,
    /// [`crate::lexicon::StanceLexicon::not_cues`].
    pub(super) not_cues: WordMatcher<()>,
    pub(super) negation: WordMatcher<()>,
    /// [`crate::lexicon::NegationLexicon::concord`].
    pub(super) concord: WordMatcher<()>,
    pub(super) negation_window: usize,
    /// [`crate::lexicon::NegationLexicon::after_cue`].
    pub(super) negation_after_cue: bool,
    /// Lowercase [`crate::lexicon::NegationLexicon::restrictive_after`].
    pub(super) restrictive_after: Vec<String>,
    /// Lowercase [`crate::lexicon::NegationLexicon::without`].
    pub(super) without: Vec<String>,
    /// [`crate::lexicon::NegationLexicon::without_follows`].
    pub(super) without_follows: bool,
    /// Lowercase [`crate::lexicon::NegationLexicon::determiners`].
    pub(super) negative_determiners: Vec<String>,
    pub(super) negated: BTreeMap<Stance, Stance>,
    pub(super) hedges: WordMatcher<()>,
    /// [`crate::lexicon::ModalityLexicon::conditional`]: more hedges, by their endings.
    pub(super) conditional: ConditionalMood,
    /// [`crate::lexicon::ModalityLexicon::alternatives`]: the lowercase words of each part.
    pub(super) alternatives: Vec<(Vec<String>, Vec<String>)>,
    /// Reporting verbs; the label is true when the speaker can only follow ("according to").
    pub(super) verbs: WordMatcher<bool>,
    pub(super) anonymous: WordMatcher<String>,
    pub(super) pronouns: Vec<String>,
    /// Lowercase forms of [`crate::lexicon::AttributionLexicon::reported_speech`].
    pub(super) reported_speech: Vec<String>,
    /// Lowercase forms of [`crate::lexicon::AttributionLexicon::addressed`].
    pub(super) addressed: Vec<String>,
    pub(super) boundaries: WordMatcher<()>,
    pub(super) after_comma: WordMatcher<()>,
    pub(super) coordination: WordMatcher<()>,
    /// [`crate::lexicon::ClauseLexicon::conditions`].
    pub(super) conditions: WordMatcher<()>,
    /// Lowercase [`crate::lexicon::ClauseLexicon::complementizers`].
    pub(super) complementizers: Vec<String>,
    pub(super) group_nouns: WordMatcher<()>,
    pub(super) first_person: WordMatcher<()>,
    pub(super) group_anaphors: WordMatcher<()>,
    pub(super) group_back_references: WordMatcher<()>,
    /// Lowercase auxiliaries of [`crate::lexicon::AttributionLexicon::auxiliaries`].
    pub(super) auxiliaries: Vec<String>,
    /// Lowercase prepositions and articles of [`crate::lexicon::ActorLexicon`].
    pub(super) prepositions: Vec<String>,
    /// Lowercase [`crate::lexicon::ActorLexicon::postpositions`], an ending's apostrophe as `'`.
    pub(super) postpositions: Vec<String>,
    pub(super) determiners: Vec<String>,
    pub(super) infinitive_markers: Vec<String>,
    pub(super) agent_prepositions: Vec<String>,
    pub(super) agent_prepositions_before: Vec<String>,
    pub(super) experiencer_prepositions: Vec<String>,
    pub(super) titles: WordMatcher<()>,
    /// [`crate::lexicon::ActorLexicon::event_nouns`].
    pub(super) event_nouns: WordMatcher<()>,
    /// [`crate::lexicon::ActorLexicon::ally_nouns`], labelled with the English noun.
    pub(super) ally_nouns: WordMatcher<String>,
    /// Lowercase [`crate::lexicon::ActorLexicon::genitive_links`].
    pub(super) genitive_links: Vec<String>,
    /// [`crate::lexicon::ActorLexicon::quantifiers`], labelled with the English word.
    pub(super) quantifiers: WordMatcher<String>,
    pub(super) numbers: BTreeMap<String, f64>,
    /// [`crate::lexicon::QuantityLexicon`]: unit phrases labelled with their English unit,
    /// scale words with their factor (also as lowercase prefixes, for a scale glued to its
    /// number), and the lowercase words of a range.
    pub(super) quantity_units: WordMatcher<String>,
    pub(super) quantity_scales: WordMatcher<f64>,
    pub(super) glued_scales: Vec<(String, f64)>,
    pub(super) quantity_range: Vec<String>,
    /// [`crate::lexicon::QuantityLexicon::range_around`] as (opening, closing) words, lowercase.
    pub(super) quantity_range_around: Vec<(String, String)>,
}

/// The words in the conditional mood, told by their endings or inner suffixes
/// ([`crate::lexicon::ModalityLexicon::conditional`]).
#[derive(Debug, Default)]
pub(super) struct ConditionalMood {
    endings: Vec<String>,
    infixes: Vec<String>,
    exceptions: Vec<String>,
    exception_prefixes: Vec<String>,
}

/// Letters a conditional form has before its ending or suffix ("f-erait", "ol-abilir"): "ebbe"
/// and "ebbero" alone are the Italian past of "avere".
const CONDITIONAL_MIN_STEM: usize = 1;

impl ConditionalMood {
    fn new(patterns: &[String], exceptions: &[String]) -> Self {
        let mut mood = ConditionalMood::default();
        for p in patterns {
            let p = lower_word(p);
            // `LanguageLexicon::from_toml` refuses an entry without its leading `*`.
            let p = p.trim_start_matches('*');
            match p.strip_suffix('*') {
                Some(inner) => mood.infixes.push(inner.to_string()),
                None => mood.endings.push(p.to_string()),
            }
        }
        for e in exceptions {
            let e = lower_word(e);
            match e.strip_suffix('*') {
                Some(prefix) => mood.exception_prefixes.push(prefix.to_string()),
                None => mood.exceptions.push(e),
            }
        }
        mood
    }

    /// Whether the lowercase `word` is in the conditional mood.
    fn is_conditional(&self, word: &str) -> bool {
        let stem_before = |at: usize| word[..at].chars().count() >= CONDITIONAL_MIN_STEM;
        let marked = self
            .endings
            .iter()
            .any(|e| word.ends_with(e.as_str()) && stem_before(word.len() - e.len()))
            || self.infixes.iter().any(|i| {
                word.match_indices(i.as_str())
                    .any(|(at, _)| stem_before(at))
            });
        marked
            && !self.exceptions.iter().any(|e| e == word)
            && !self
                .exception_prefixes
                .iter()
                .any(|p| word.starts_with(p.as_str()))
    }

    /// The words of `words` in the conditional mood, as hedge hits.
    pub(super) fn find(&self, words: &Words) -> Vec<WordHit<()>> {
        if self.endings.is_empty() && self.infixes.is_empty() {
            return Vec::new();
        }
        (0..words.len())
            .filter(|&i| self.is_conditional(&words.lower[i]))
            .map(|i| WordHit {
                first: i,
                last: i,
                start: words.toks[i].start,
                end: words.toks[i].end,
                label: (),
                tail: None,
            })
            .collect()
    }
}

/// Whether `words` hold one of `pairs` (see [`LanguageRules::alternatives`]): the words of its
/// first part in a row, then those of its second part further on.
pub(super) fn holds_alternatives(pairs: &[(Vec<String>, Vec<String>)], words: &Words) -> bool {
    let at = |part: &[String], from: usize| {
        (from..words.len()).find(|&i| {
            !part.is_empty()
                && i + part.len() <= words.len()
                && part.iter().zip(&words.lower[i..]).all(|(p, w)| p == w)
        })
    };
    pairs
        .iter()
        .any(|(first, second)| at(first, 0).is_some_and(|i| at(second, i + first.len()).is_some()))
}

fn lower_words(list: &[String]) -> Vec<String> {
    list.iter().map(|w| lower_word(w)).collect()
}

/// The phrases of a lexicon table, each labelled with its value.
fn labelled(table: &BTreeMap<String, String>) -> Vec<(String, String)> {
    table.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
}

fn unit_pairs(list: &[String]) -> Vec<(String, ())> {
    list.iter().map(|p| (p.clone(), ())).collect()
}

impl LanguageRules {
    pub(super) fn new(l: &LanguageLexicon) -> Self {
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
            not_cues: WordMatcher::new(unit_pairs(&l.stances.not_cues), &stem),
            negation: WordMatcher::new(unit_pairs(&l.negation.words), &stem),
            concord: WordMatcher::new(unit_pairs(&l.negation.concord), &stem),
            negation_window: l.negation.window_words,
            negation_after_cue: l.negation.after_cue,
            restrictive_after: l
                .negation
                .restrictive_after
                .iter()
                .map(|w| lower_word(w))
                .collect(),
            without: l.negation.without.iter().map(|w| lower_word(w)).collect(),
            without_follows: l.negation.without_follows,
            negative_determiners: lower_words(&l.negation.determiners),
            negated: l.stances.negated.clone(),
            hedges: WordMatcher::new(unit_pairs(&l.modality.hedges), &stem),
            conditional: ConditionalMood::new(&l.modality.conditional, &l.modality.not_conditional),
            alternatives: l
                .modality
                .alternatives
                .iter()
                .filter_map(|a| {
                    let (first, second) = a.split_once("...")?;
                    let words = |part: &str| part.split_whitespace().map(lower_word).collect();
                    Some((words(first), words(second)))
                })
                .collect(),
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
                .map(|p| lower_word(p))
                .collect(),
            reported_speech: l
                .attribution
                .reported_speech
                .iter()
                .map(|p| lower_word(p))
                .collect(),
            addressed: lower_words(&l.attribution.addressed),
            auxiliaries: l
                .attribution
                .auxiliaries
                .iter()
                .map(|a| lower_word(a))
                .collect(),
            boundaries: WordMatcher::new(unit_pairs(&l.clauses.boundaries), &stem),
            after_comma: WordMatcher::new(unit_pairs(&l.clauses.after_comma), &stem),
            coordination: WordMatcher::new(unit_pairs(&l.clauses.coordination), &stem),
            conditions: WordMatcher::new(unit_pairs(&l.clauses.conditions), &stem),
            complementizers: lower_words(&l.clauses.complementizers),
            group_nouns: WordMatcher::new(unit_pairs(&l.actors.group_nouns), &stem),
            first_person: WordMatcher::new(unit_pairs(&l.actors.first_person), &stem),
            group_anaphors: WordMatcher::new(unit_pairs(&l.actors.group_anaphors), &stem),
            group_back_references: WordMatcher::new(
                unit_pairs(&l.actors.group_back_references),
                &stem,
            ),
            prepositions: lower_words(&l.actors.prepositions),
            postpositions: lower_words(&l.actors.postpositions)
                .into_iter()
                .map(|p| p.replace('’', "'"))
                .collect(),
            determiners: lower_words(&l.actors.determiners),
            infinitive_markers: lower_words(&l.actors.infinitive_markers),
            agent_prepositions: lower_words(&l.actors.agent_prepositions),
            agent_prepositions_before: lower_words(&l.actors.agent_prepositions_before),
            experiencer_prepositions: lower_words(&l.actors.experiencer_prepositions),
            titles: WordMatcher::new(unit_pairs(&l.actors.titles), &stem),
            event_nouns: WordMatcher::new(unit_pairs(&l.actors.event_nouns), &stem),
            ally_nouns: WordMatcher::new(labelled(&l.actors.ally_nouns), &stem),
            genitive_links: lower_words(&l.actors.genitive_links),
            quantifiers: WordMatcher::new(labelled(&l.actors.quantifiers), &stem),
            numbers: l
                .actors
                .numbers
                .iter()
                .map(|(k, v)| (lower_word(k), *v))
                .collect(),
            quantity_units: WordMatcher::new(
                l.quantities
                    .units
                    .iter()
                    .flat_map(|(unit, ps)| ps.iter().map(move |p| (p.clone(), unit.clone())))
                    .collect(),
                &stem,
            ),
            quantity_scales: WordMatcher::new(
                l.quantities
                    .scales
                    .iter()
                    .map(|(w, f)| (w.clone(), *f))
                    .collect(),
                &stem,
            ),
            glued_scales: l
                .quantities
                .scales
                .iter()
                .map(|(w, f)| {
                    (
                        lower_word(w.trim_start_matches('=').trim_end_matches('*')),
                        *f,
                    )
                })
                .collect(),
            quantity_range: lower_words(&l.quantities.range),
            quantity_range_around: l
                .quantities
                .range_around
                .iter()
                .filter_map(|r| {
                    let (open, close) = r.split_once("...")?;
                    Some((lower_word(open.trim()), lower_word(close.trim())))
                })
                .collect(),
            stemmer,
        }
    }

    pub(super) fn words(&self, sent: &str) -> Words {
        Words::with_stems(sent, &|lower: &[String]| self.stemmer.stem_each(lower))
    }

    pub(super) fn negate(&self, stance: Stance) -> Stance {
        self.negated.get(&stance).copied().unwrap_or(stance)
    }
}
