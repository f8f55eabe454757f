//! The lexicons, embedded at build time: boilerplate phrases (`data/evidence-lexicon.toml`)
//! and, per language, the phrases of extraction (`data/lexicon/<lang>.toml`: targets, stance
//! cues, negation, hedges, attribution, clause boundaries, group nouns and inflection rules).
//!
//! This module only loads and checks the lists; the stages decide what a hit means. Phrases are
//! written as words: a word ending in `*` matches any word that starts with it (inflected forms:
//! `військ*` for військ, війська, військами), any other word matches a word with the same stem
//! (Snowball stemmer where it has the language, the file's suffix list otherwise).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::EvidenceError;
use crate::lang::Lang;
use crate::statement::Stance;

/// The boilerplate lexicon shipped with Guarantor.
pub const DEFAULT_LEXICON_TOML: &str = include_str!("../../../data/evidence-lexicon.toml");

/// The extraction lexicons shipped with Guarantor, one per language.
pub const DEFAULT_LANGUAGE_TOMLS: [(Lang, &str); 12] = [
    (Lang::En, include_str!("../../../data/lexicon/en.toml")),
    (Lang::Uk, include_str!("../../../data/lexicon/uk.toml")),
    (Lang::Ru, include_str!("../../../data/lexicon/ru.toml")),
    (Lang::De, include_str!("../../../data/lexicon/de.toml")),
    (Lang::Fr, include_str!("../../../data/lexicon/fr.toml")),
    (Lang::Pl, include_str!("../../../data/lexicon/pl.toml")),
    (Lang::It, include_str!("../../../data/lexicon/it.toml")),
    (Lang::Es, include_str!("../../../data/lexicon/es.toml")),
    (Lang::Nl, include_str!("../../../data/lexicon/nl.toml")),
    (Lang::Pt, include_str!("../../../data/lexicon/pt.toml")),
    (Lang::Ro, include_str!("../../../data/lexicon/ro.toml")),
    (Lang::Tr, include_str!("../../../data/lexicon/tr.toml")),
];

/// Phrase lists of the boilerplate line classifier.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoilerplateLexicon {
    pub list_headers: Vec<String>,
    pub share: Vec<String>,
    pub copyright: Vec<String>,
    pub byline: Vec<String>,
    pub menu: Vec<String>,
}

/// Stance cues of one language, and how negation turns each over.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StanceLexicon {
    pub offers: Vec<String>,
    pub commits: Vec<String>,
    pub considers: Vec<String>,
    pub demands: Vec<String>,
    pub rules_out: Vec<String>,
    pub rejects: Vec<String>,
    pub opposes: Vec<String>,
    pub supports: Vec<String>,
    pub doubts: Vec<String>,
    /// Phrases in which a cue word states nobody's position: a need that belongs to another
    /// ("Ukraine's security needs", "critically needed interceptors": the sentence's subject
    /// supplies it, it does not ask for it) or a condition without a condition word ("bei
    /// Bedarf", "при необходимости"; "if needed" is [`ClauseLexicon::conditions`]' business).
    /// A cue lying wholly inside one is dropped; a longer cue around it stays ("for as long as
    /// needed" commits).
    #[serde(default)]
    pub not_cues: Vec<String>,
    pub negated: BTreeMap<Stance, Stance>,
}

/// Negation words and how far before a cue they count.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NegationLexicon {
    pub words: Vec<String>,
    /// A negation counts within this many words before the cue.
    pub window_words: usize,
    /// Words that make a negation right after a demand's modal restrictive, not a denial ("must
    /// not only ... but", "nicht nur"): lowercase, matched as whole words.
    #[serde(default)]
    pub restrictive_after: Vec<String>,
    /// A negation right after the cue also turns it over, in languages that put the negation
    /// after the predicate (Turkish "hazır değil", "not ready"; judgement, per language).
    #[serde(default)]
    pub after_cue: bool,
    /// Words of exception ("without", "без", "ohne"): a target one of them governs is what a
    /// negated statement asks for, not what it turns down ("will not accept any deal without
    /// security guarantees" demands guarantees). Lowercase, whole words.
    #[serde(default)]
    pub without: Vec<String>,
    /// The word of exception follows its noun (Turkish "garantiler olmadan"), rather than
    /// standing before it.
    #[serde(default)]
    pub without_follows: bool,
    /// Negative-concord words ("никогда", "żadnych", "hiçbir"), a subset of `words`: in
    /// languages where they stand beside the verb's own negation, they agree with a refusal
    /// rather than turn it over ("ни при каких условиях не согласится", "hiçbir anlaşmayı kabul
    /// etmeyecek" refuse). Before any other cue they negate as the other words do.
    #[serde(default)]
    pub concord: Vec<String>,
    /// Negative determiners ("no", "keine", "aucun", "никаких"): one right before a target, after
    /// the cue, denies what the cue says of it ("will send no troops", "schickt keine
    /// Soldaten", "offers air cover, no troops"). Where the verb is negated too ("n'enverra
    /// aucun soldat") the two agree.
    #[serde(default)]
    pub determiners: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModalityLexicon {
    pub hedges: Vec<String>,
    /// Word endings of the conditional mood (`*rait`: "enverrait", "participeraient") or, with a
    /// `*` on both sides, a suffix inside the word (Turkish `*ebil*`: "gönderebileceğini"),
    /// which hedge an offer as "could" does: the forms are too many to list, and the mood is
    /// how French, Spanish, Italian, Portuguese and Polish reporting floats a contribution.
    #[serde(default)]
    pub conditional: Vec<String>,
    /// Lowercase words with such an ending that are not in the conditional mood ("tirait",
    /// "mayoría", "parceria"); an entry ending in `*` covers every word starting with it.
    #[serde(default)]
    pub not_conditional: Vec<String>,
    /// Correlative pairs of an either/or, as "either ... or" (the words of each part, the
    /// first part before the second in one sentence): ANNOTATION.md hedges a claim offered as
    /// one of two ways ("26 countries committed to either send troops or be present on land,
    /// sea or air"), a pledge included.
    #[serde(default)]
    pub alternatives: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributionLexicon {
    /// Reporting verbs; the speaker may stand before or after them.
    pub verbs: Vec<String>,
    /// Reporting phrases whose speaker follows them ("according to", "за словами").
    pub forward: Vec<String>,
    /// Unnamed sources: the phrase is kept as the attribution ("a senior diplomat").
    pub anonymous: Vec<String>,
    /// Pronouns that refer back to the last named speaker, a person: singular ones only ("they
    /// re-emphasised" after a sentence naming Trump is the leaders, not Trump). German "sie" is
    /// both "she" and "they" and stays.
    pub pronouns: Vec<String>,
    /// Auxiliaries that may stand between a comma and an inverted reporting verb (", a déclaré
    /// Macron", ", ha detto Meloni"), lowercase: the report is inverted all the same.
    #[serde(default)]
    pub auxiliaries: Vec<String>,
    /// Verb forms that mark reported speech on their own (German Konjunktiv I: "sei",
    /// "könne", "werde"), lowercase: a sentence without a speaker that has one goes on with the
    /// last speaker ("..., sagte Merz. Dazu zähle eine Garantie der USA": Merz's demand).
    #[serde(default)]
    pub reported_speech: Vec<String>,
    /// Reporting verbs whose following name is the one spoken to, never the speaker ("a
    /// Pentagon official, telling European allies that ..."), lowercase forms as written.
    #[serde(default)]
    pub addressed: Vec<String>,
}

/// Words that end a clause, and words that join coordinated actors.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClauseLexicon {
    /// A clause ends at one of these words ("but", "while", "if").
    pub boundaries: Vec<String>,
    /// A clause ends at one of these words when a comma is right before it (", and"); after the
    /// coordination words they open a parenthesis about the subject (", which ...", ", led by
    /// Britain and France, ..."), whose actors are not the subject of the verb after it and
    /// whose words are no stance cue of the sentence.
    pub after_comma: Vec<String>,
    /// Words joining coordinated actors ("Britain, France and Australia").
    pub coordination: Vec<String>,
    /// Words that open a condition ("if", "unless", "якщо", "wenn"): the clause they open runs
    /// to the next comma, semicolon or boundary, and a stance cue inside it states nobody's
    /// position ("there should be a vote when UK troops are committed abroad" commits no
    /// troops). Judgement, per language; words that are as often something else are left out
    /// (Dutch "als" is also "as", Portuguese "se" also a pronoun).
    #[serde(default)]
    pub conditions: Vec<String>,
    /// Words that open a reported clause ("that", "що", "dass", "că"): an actor right after
    /// one (or after one and an article) is the reported clause's subject, however far from its
    /// verb ("Macron said that the United States had been clear about their wish to take
    /// part": the United States offers, not France). Judgement, per language; none in Turkish,
    /// which reports with a verb ending.
    #[serde(default)]
    pub complementizers: Vec<String>,
}

/// Unnamed groups and other actors outside the gazetteer.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorLexicon {
    /// Nouns for states counted together ("26 countries"); a number before one makes an
    /// unnamed group actor.
    pub group_nouns: Vec<String>,
    /// First-person words that stand for the speaking side as a subject ("we", "our"): the
    /// speaker's state when the sentence has one, else the publisher's when a government
    /// publishes the text.
    #[serde(default)]
    pub first_person: Vec<String>,
    /// Nouns that refer back to the members of a body of states the text has named ("the
    /// participants", "the signatories", "the group"): as a subject they stand for the first such
    /// body of the article (the coalition a meeting report is about).
    #[serde(default)]
    pub group_anaphors: Vec<String>,
    /// Phrases that refer back to the last unnamed group the text counted ("26 countries ...
    /// the countries would contribute", "diese Länder"): as a subject they stand for that group,
    /// else for the body of [`ActorLexicon::group_anaphors`].
    #[serde(default)]
    pub group_back_references: Vec<String>,
    /// Prepositions after which an actor is an object or a place, never the subject of a
    /// claim ("guarantees for Ukraine", "гарантии для Украины"). Agentive ones ("by", "from":
    /// "led by France", "guarantees from the US") are left out.
    #[serde(default)]
    pub prepositions: Vec<String>,
    /// What follows an object or a place in a language that marks them after the name: case
    /// endings written after an apostrophe ("'ya": Turkish "Ukrayna'ya", to Ukraine) and
    /// postpositions ("için": "Ukrayna için", for Ukraine). An actor so marked is never the subject.
    #[serde(default)]
    pub postpositions: Vec<String>,
    /// Prepositions that mark the agent of a passive participle right after it ("the guarantees
    /// demanded by Kyiv", "cerute de Kiev", "richieste dall'Ucraina"): that actor is the
    /// claim's, not the speaker or the sentence's subject.
    #[serde(default)]
    pub agent_prepositions: Vec<String>,
    /// Prepositions that mark the agent of a passive participle right before it ("die von Kiew
    /// geforderten Garantien", "de door Oekraïne geëiste garanties"). German "von" after a
    /// verb is "from" ("verlangt von den USA"), so it is listed here only.
    #[serde(default)]
    pub agent_prepositions_before: Vec<String>,
    /// Prepositions that mark the one a refusal is for ("unacceptable for Russia",
    /// "неприемлемо для России", "inaceitável para a Rússia"): that actor is the claim's.
    #[serde(default)]
    pub experiencer_prepositions: Vec<String>,
    /// Events, possessions and places that a state's adjective or genitive only describes
    /// ("Russian invasion", "agresji Rosji", "avoirs russes", "Russia's war", "la capital
    /// francesa"): a state right before or right after one is never the subject of a claim
    /// ("another possible Russian invasion" made Russia a party to the force before). Matched
    /// as the other phrases are (by stem; a word ending in `*` matches every word starting
    /// with it).
    #[serde(default)]
    pub event_nouns: Vec<String>,
    /// Articles that may stand between such a preposition and the actor ("to the US").
    #[serde(default)]
    pub determiners: Vec<String>,
    /// The word that marks an infinitive clause with its verb last (German "zu", Dutch "te"):
    /// an actor after a comma and before "zu" and the cue is the verb's object ("Die USA sagten
    /// zu, die Koalition zu unterstützen"), the clause's subject being the main clause's.
    #[serde(default)]
    pub infinitive_markers: Vec<String>,
    /// Words of office that stand with a name in a list of people ("French President Emmanuel
    /// Macron, Ukrainian President Volodymyr Zelensky and British Prime Minister Keir Starmer
    /// signed"): between two listed names they do not end the list. Matched as the other
    /// phrases are (by stem; a word ending in `*` matches every word starting with it).
    #[serde(default)]
    pub titles: Vec<String>,
    /// Nouns for a state's allies or partners, each with the English noun the ledger writes
    /// ("socios" = "partners"): "los socios de Ucrania", "Ukraine's allies", "партнери України"
    /// are an unnamed group ("Ukraine's partners (unnamed)"), not the state they belong to.
    #[serde(default)]
    pub ally_nouns: BTreeMap<String, String>,
    /// Words that may stand between such a noun and its state's name ("of the", "de l'",
    /// "der"); a language with a genitive case needs none ("partnerów Ukrainy").
    #[serde(default)]
    pub genitive_links: Vec<String>,
    /// Words that count a group of states without a number ("some", "several", "certains",
    /// "деякі", "bazı"), each with the English word the ledger writes: one right before a group
    /// noun ([`ActorLexicon::group_nouns`]), or one word before it, makes an unnamed group
    /// ("several countries (unnamed)" as an English text has it; "some countries (unnamed)"
    /// for "деякі держави"). A phrase that names a body ("some European countries") is left
    /// to that body.
    #[serde(default)]
    pub quantifiers: BTreeMap<String, String>,
    /// Number words with their value ("twenty-six" is written as two words).
    pub numbers: BTreeMap<String, f64>,
}

/// Sentence splitting and stemming of one language.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MorphologyLexicon {
    /// `snowball` (rust-stemmers) or `suffixes` (strip the longest suffix of `suffixes`).
    pub stemmer: String,
    #[serde(default)]
    pub suffixes: Vec<String>,
    /// Shortest stem, in characters, that suffix stripping may leave.
    #[serde(default = "default_min_stem")]
    pub min_stem_chars: usize,
}

fn default_min_stem() -> usize {
    3
}

/// Quantities of one language: which words after a number make it an amount the ledger keeps
/// ("10 000 soldats", "26 країн", "30mila", "250 miljoen euro"). English has none: its
/// quantities are read by a pattern of their own (`extract_quantity.rs`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuantityLexicon {
    /// English unit (`troops`, `countries`, `aircraft`, `ships`, `people`, `years`) to the phrases that
    /// stand for it after a number, matched as the other phrases are.
    #[serde(default)]
    pub units: BTreeMap<String, Vec<String>>,
    /// Scale words after a number (or glued to it: "30mila") with their factor: thousands are
    /// multiplied in, millions and billions kept as the unit, as English writes "3 billion".
    #[serde(default)]
    pub scales: BTreeMap<String, f64>,
    /// Words between the two numbers of a range ("від 10 до 15", "10 ila 15").
    #[serde(default)]
    pub range: Vec<String>,
    /// Ranges written around the two numbers, `"entre ... y"`: the closing word joins them only
    /// after the opening one ("entre 15.000 y 30.000 soldados"; "15.000 y 30.000" alone is two
    /// amounts).
    #[serde(default)]
    pub range_around: Vec<String>,
}

/// The extraction lexicon of one language (`data/lexicon/<lang>.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageLexicon {
    pub lang: Lang,
    pub source: String,
    pub morphology: MorphologyLexicon,
    /// Target (capability or evidence-only topic) to phrases, in name order.
    pub targets: BTreeMap<String, Vec<String>>,
    pub stances: StanceLexicon,
    pub negation: NegationLexicon,
    pub modality: ModalityLexicon,
    pub attribution: AttributionLexicon,
    pub clauses: ClauseLexicon,
    pub actors: ActorLexicon,
    #[serde(default)]
    pub quantities: QuantityLexicon,
}

impl LanguageLexicon {
    /// Parses one language's lexicon.
    ///
    /// # Errors
    /// [`EvidenceError::Lexicon`] when the TOML does not have the expected shape, names an
    /// unknown stemmer, or has a conditional ending without its `*` or an either/or without
    /// its two parts.
    pub fn from_toml(text: &str) -> Result<Self, EvidenceError> {
        let l: LanguageLexicon =
            toml::from_str(text).map_err(|e| EvidenceError::Lexicon(e.to_string()))?;
        let code = l.lang.code();
        if let Some(c) = l.modality.conditional.iter().find(|c| !c.starts_with('*')) {
            return Err(EvidenceError::Lexicon(format!(
                "{code}: [modality] conditional `{c}` is no ending: write `*{c}` (a whole word \
                 belongs in `hedges`)"
            )));
        }
        if let Some(a) = l.modality.alternatives.iter().find(|a| {
            a.split_once("...")
                .is_none_or(|(x, y)| x.trim().is_empty() || y.trim().is_empty())
        }) {
            return Err(EvidenceError::Lexicon(format!(
                "{code}: [modality] alternatives `{a}` is no pair: write its two parts as \
                 `either ... or`"
            )));
        }
        match l.morphology.stemmer.as_str() {
            "snowball" if l.lang.snowball().is_none() => Err(EvidenceError::Lexicon(format!(
                "{}: no Snowball stemmer for this language",
                l.lang.code()
            ))),
            "snowball" | "suffixes" => Ok(l),
            other => Err(EvidenceError::Lexicon(format!(
                "{}: unknown stemmer `{other}`",
                l.lang.code()
            ))),
        }
    }

    /// Stance phrases as (phrase, stance) pairs.
    pub fn stance_phrases(&self) -> Vec<(String, Stance)> {
        let s = &self.stances;
        let lists: [(&Vec<String>, Stance); 9] = [
            (&s.offers, Stance::Offers),
            (&s.commits, Stance::Commits),
            (&s.considers, Stance::Considers),
            (&s.demands, Stance::Demands),
            (&s.rules_out, Stance::RulesOut),
            (&s.rejects, Stance::Rejects),
            (&s.opposes, Stance::Opposes),
            (&s.supports, Stance::Supports),
            (&s.doubts, Stance::Doubts),
        ];
        lists
            .into_iter()
            .flat_map(|(l, st)| l.iter().map(move |p| (p.clone(), st)))
            .collect()
    }

    /// The stance a cue takes when negated ("will not send": commits becomes rules_out).
    pub fn negate(&self, stance: Stance) -> Stance {
        self.stances.negated.get(&stance).copied().unwrap_or(stance)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct BoilerplateFile {
    source: String,
    boilerplate: BoilerplateLexicon,
}

/// All lexicons: boilerplate, and extraction per language.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub source: String,
    pub boilerplate: BoilerplateLexicon,
    /// One per language, in [`Lang::ALL`] order.
    pub languages: Vec<LanguageLexicon>,
}

impl Lexicon {
    /// Parses the boilerplate file and the language files.
    ///
    /// # Errors
    /// [`EvidenceError::Lexicon`] when a file does not have the expected shape, or a file's
    /// `lang` differs from the language it is given for.
    pub fn from_tomls(
        boilerplate: &str,
        languages: &[(Lang, &str)],
    ) -> Result<Self, EvidenceError> {
        let b: BoilerplateFile =
            toml::from_str(boilerplate).map_err(|e| EvidenceError::Lexicon(e.to_string()))?;
        let mut langs = Vec::new();
        for (lang, text) in languages {
            let l = LanguageLexicon::from_toml(text)
                .map_err(|e| EvidenceError::Lexicon(format!("{}: {e}", lang.code())))?;
            if l.lang != *lang {
                return Err(EvidenceError::Lexicon(format!(
                    "file for {} says lang = {}",
                    lang.code(),
                    l.lang.code()
                )));
            }
            langs.push(l);
        }
        langs.sort_by_key(|l| l.lang);
        Ok(Lexicon {
            source: b.source,
            boilerplate: b.boilerplate,
            languages: langs,
        })
    }

    /// The lexicon of a language, if there is one.
    pub fn language(&self, lang: Lang) -> Option<&LanguageLexicon> {
        self.languages.iter().find(|l| l.lang == lang)
    }
}

impl Default for Lexicon {
    fn default() -> Self {
        // Embedded at build time and parsed by a unit test: failure is a broken build.
        Lexicon::from_tomls(DEFAULT_LEXICON_TOML, &DEFAULT_LANGUAGE_TOMLS)
            .expect("data/evidence-lexicon.toml and data/lexicon/*.toml are valid")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_lexicons_parse_and_name_known_targets() {
        let lex = Lexicon::default();
        let taxonomy = guarantor_model::Taxonomy::default();
        assert_eq!(lex.languages.len(), Lang::ALL.len());
        for l in &lex.languages {
            for name in l.targets.keys() {
                assert!(
                    taxonomy.get(name).is_some()
                        || crate::EVIDENCE_ONLY_TOPICS.contains(&name.as_str()),
                    "{}: target {name} is neither in the taxonomy nor an evidence-only topic",
                    l.lang.code()
                );
            }
            for topic in crate::EVIDENCE_ONLY_TOPICS {
                assert!(
                    l.targets.contains_key(*topic),
                    "{}: no phrases for {topic}",
                    l.lang.code()
                );
            }
            for s in Stance::ALL {
                assert!(
                    l.stance_phrases().iter().any(|(_, x)| *x == s),
                    "{}: no cue for {}",
                    l.lang.code(),
                    s.as_str()
                );
            }
            assert!(!l.source.trim().is_empty());
            assert!(!l.negation.words.is_empty());
            assert!(!l.negation.restrictive_after.is_empty());
        }
        // English covers the whole taxonomy.
        let en = lex.language(Lang::En).unwrap();
        for name in taxonomy.names() {
            assert!(en.targets.contains_key(name), "en: no phrases for {name}");
        }
    }

    #[test]
    fn a_file_for_the_wrong_language_is_refused() {
        let err = Lexicon::from_tomls(
            DEFAULT_LEXICON_TOML,
            &[(Lang::De, DEFAULT_LANGUAGE_TOMLS[0].1)],
        )
        .unwrap_err();
        assert!(err.to_string().contains("lang = en"), "{err}");
    }

    #[test]
    fn a_conditional_without_its_star_or_an_either_or_without_two_parts_is_refused() {
        let fr = DEFAULT_LANGUAGE_TOMLS
            .iter()
            .find(|(l, _)| *l == Lang::Fr)
            .map(|(_, t)| *t)
            .unwrap();
        let no_star = fr.replacen("conditional = [\"*erait\"", "conditional = [\"erait\"", 1);
        let err = LanguageLexicon::from_toml(&no_star).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid lexicon: fr: [modality] conditional `erait` is no ending: write `*erait` (a \
             whole word belongs in `hedges`)"
        );
        let one_part = fr.replacen("\"soit ... soit\"", "\"soit\"", 1);
        let err = LanguageLexicon::from_toml(&one_part).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid lexicon: fr: [modality] alternatives `soit` is no pair: write its two parts \
             as `either ... or`"
        );
    }
}
