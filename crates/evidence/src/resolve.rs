//! Resolve stage: finds people, states and organisations in a text and maps every spelling to one
//! canonical entity, using the gazetteer `data/entities.toml`.
//!
//! Four steps: (1) words are folded (NFKC, transliteration to ASCII, lowercase) so that Cyrillic
//! and Latin spellings meet; (2) an Aho-Corasick automaton over the folded aliases finds known
//! spellings on word boundaries (capitalised acronyms such as "US" only when written in
//! capitals); (3) words it did not explain that begin with an entity's stem are inflected forms
//! of it ("Зеленського", "Francji"; recorded as alias matches); (4) capitalised words the
//! gazetteer does not know are compared with the surnames of
//! known people by a JRC-Names style key (`text::name_key`) and by Jaro-Winkler and normalised
//! Levenshtein similarity, so "Zelenskyi" and a misspelt "Levitt" still resolve.
//! It does not guess entities absent from the gazetteer (no statistical NER).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::{Deserialize, Serialize};

use crate::EvidenceError;
use crate::text::{fold_word_into, name_key, name_key_of_folded, tokens};

/// The gazetteer shipped with Guarantor.
pub const DEFAULT_ENTITIES_TOML: &str = include_str!("../../../data/entities.toml");

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    State,
    Person,
    Organisation,
    Group,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::State => "state",
            EntityKind::Person => "person",
            EntityKind::Organisation => "organisation",
            EntityKind::Group => "group",
        }
    }
}

/// A gazetteer entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    pub id: String,
    pub kind: EntityKind,
    #[serde(default)]
    pub affiliation: Option<String>,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub acronyms: Vec<String>,
    /// Beginnings of inflected forms in any language ("Зеленськ" for Зеленського, Зеленським;
    /// "Polsk" for polska, polskie), matched on folded words the aliases did not explain; for
    /// people only on capitalised words.
    #[serde(default)]
    pub stems: Vec<String>,
    /// Hosts that publish in this state's or body's own voice (its government's sites and
    /// their official mirrors): a release's "we" is this actor.
    #[serde(default)]
    pub publishers: Vec<String>,
    /// Titles by which this actor's own publications name its leaders without a name ("the
    /// Prime Minister" in a gov.uk release, "Глава держави" on president.gov.ua), lowercase: in
    /// a text of one of `publishers`, a sentence whose subject is such a title speaks for this
    /// actor.
    #[serde(default)]
    pub offices: Vec<String>,
    /// The state the guarantees are for: most sentences name it as their beneficiary or place
    /// ("guarantees to Ukraine", "надання Україні", often in a case no preposition marks), so
    /// when the rules find no subject, another actor of the sentence comes first.
    #[serde(default)]
    pub beneficiary: bool,
    /// A party to the war the guarantee is to end (Ukraine and Russia): a text that names
    /// neither, nor any of their people, is not about the guarantee, and no statement is read
    /// from it (see [`Gazetteer::names_a_belligerent`]).
    #[serde(default)]
    pub belligerent: bool,
    /// A body of states (an alliance, a union, a coalition, Europe's states as a group): a
    /// text that has named it goes on with "the participants", "the signatories", "the group"
    /// for its members, which are then this actor (see [`Gazetteer::first_collective`]).
    #[serde(default)]
    pub collective: bool,
    /// A person whose surname is also a common first name, word or place ("Martin", "Costa",
    /// "Austin", "Cooper"): matched by the aliases only, never by the fuzzy surname pass, which
    /// would take any capitalised "Martin" for this person.
    #[serde(default)]
    pub full_name_only: bool,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntitiesFile {
    entity: Vec<Entity>,
}

/// How a mention was matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchMethod {
    Alias,
    Fuzzy,
}

/// An entity found in a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub entity: String,
    pub kind: EntityKind,
    pub start: usize,
    pub end: usize,
    pub method: MatchMethod,
}

struct SurnameKey {
    key: String,
    /// `key`'s length in characters, for the bound of the fuzzy pass.
    chars: usize,
    entity: usize,
}

/// The compiled gazetteer.
pub struct Gazetteer {
    entities: Vec<Entity>,
    automaton: AhoCorasick,
    /// Per pattern: (entity index, is an acronym).
    patterns: Vec<(usize, bool)>,
    surnames: Vec<SurnameKey>,
    /// Folded stems with their entity, longest first.
    stems: Vec<(String, usize)>,
    /// Indices into `stems` by the stem's first character, in `stems`' order: a word is only
    /// compared with the stems it can start with (every uncovered word of every article is).
    stems_by_first: crate::text::FastMap<char, Vec<usize>>,
}

/// Case endings a person's name may take in Latin script after its stem (Polish, Czech, German
/// genitive): judgement.
const PERSON_ENDINGS: &[&str] = &[
    "a", "u", "owi", "em", "ie", "iem", "ego", "emu", "ym", "im", "s", "y", "om", "e", "i",
];

/// Shortest folded stem, in characters: shorter ones would match unrelated words.
pub const MIN_STEM_CHARS: usize = 4;

/// Jaro-Winkler floor for a fuzzy surname match (strsim gives 0.978 for zelensky/zelenskyy).
pub const FUZZY_JARO_WINKLER: f64 = 0.90;
/// Keys of at most this many characters match fuzzily only by a letter added or dropped, never
/// by one changed: at five letters one change still passes both floors below.
const SHORT_KEY: usize = 5;
/// Normalised Levenshtein floor for a fuzzy surname match (leavit/levit gives 0.83).
pub const FUZZY_LEVENSHTEIN: f64 = 0.80;

const COMMON_CAPITALISED: &[&str] = &[
    "there",
    "these",
    "those",
    "their",
    "while",
    "after",
    "before",
    "under",
    "since",
    "other",
    "meanwhile",
    "however",
    "although",
    "during",
    "without",
    "western",
    "eastern",
    "northern",
    "southern",
    "minister",
    "president",
    "secretary",
    "general",
    "officials",
    "leaders",
    "europe",
    "european",
    "article",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "alliance",
    "security",
    "defence",
    "defense",
];

impl Gazetteer {
    /// Parses and compiles a gazetteer file.
    ///
    /// # Errors
    /// [`EvidenceError::Gazetteer`] for bad TOML, duplicate ids or an unknown affiliation.
    pub fn from_toml(text: &str) -> Result<Self, EvidenceError> {
        let file: EntitiesFile =
            toml::from_str(text).map_err(|e| EvidenceError::Gazetteer(e.to_string()))?;
        Self::new(file.entity)
    }

    /// Compiles a list of entities.
    ///
    /// # Errors
    /// [`EvidenceError::Gazetteer`] for duplicate ids or an affiliation naming no entity.
    pub fn new(entities: Vec<Entity>) -> Result<Self, EvidenceError> {
        for (i, e) in entities.iter().enumerate() {
            if entities[..i].iter().any(|o| o.id == e.id) {
                return Err(EvidenceError::Gazetteer(format!(
                    "duplicate entity id `{}`",
                    e.id
                )));
            }
            if let Some(a) = &e.affiliation
                && !entities.iter().any(|o| &o.id == a)
            {
                return Err(EvidenceError::Gazetteer(format!(
                    "entity `{}` has unknown affiliation `{a}`",
                    e.id
                )));
            }
        }
        let mut folded = Vec::new();
        let mut patterns = Vec::new();
        let mut surnames = Vec::new();
        for (i, e) in entities.iter().enumerate() {
            let mut names: Vec<(&str, bool)> = vec![(e.id.as_str(), false)];
            names.extend(e.aliases.iter().map(|a| (a.as_str(), false)));
            names.extend(e.acronyms.iter().map(|a| (a.as_str(), true)));
            for (name, acronym) in names {
                // Codes like "USA" as ids are written in capitals in text, so treat them as acronyms.
                let acronym = acronym
                    || (name == e.id
                        && name.len() <= 4
                        && name.chars().all(|c| c.is_ascii_uppercase()));
                let f = crate::text::fold_phrase(name);
                if f.is_empty() {
                    continue;
                }
                folded.push(f);
                patterns.push((i, acronym));
                if e.kind == EntityKind::Person && !e.full_name_only {
                    let toks = tokens(name);
                    if let Some(last) = toks.last() {
                        let key = name_key(&name[last.start..last.end]);
                        if key.len() >= 4
                            && !surnames
                                .iter()
                                .any(|s: &SurnameKey| s.key == key && s.entity == i)
                        {
                            surnames.push(SurnameKey {
                                chars: key.chars().count(),
                                key,
                                entity: i,
                            });
                        }
                    }
                }
            }
        }
        let mut stems: Vec<(String, usize)> = Vec::new();
        for (i, e) in entities.iter().enumerate() {
            for st in &e.stems {
                let f = crate::text::fold_word(st);
                if f.chars().count() < MIN_STEM_CHARS {
                    return Err(EvidenceError::Gazetteer(format!(
                        "stem `{st}` of `{}` folds to `{f}`, shorter than {MIN_STEM_CHARS} characters",
                        e.id
                    )));
                }
                stems.push((f, i));
            }
        }
        stems.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
        let mut stems_by_first: crate::text::FastMap<char, Vec<usize>> = Default::default();
        for (k, (st, _)) in stems.iter().enumerate() {
            if let Some(c) = st.chars().next() {
                stems_by_first.entry(c).or_default().push(k);
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&folded)
            .map_err(|e| EvidenceError::Gazetteer(e.to_string()))?;
        Ok(Gazetteer {
            entities,
            automaton,
            patterns,
            surnames,
            stems,
            stems_by_first,
        })
    }

    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }

    /// The actor an outlet speaks for, when it is a government's own site (`gov.uk` and
    /// `www.gov.uk` for the United Kingdom); `None` for the press.
    pub fn publisher(&self, outlet: &str) -> Option<&str> {
        let host = outlet.trim().trim_start_matches("www.").to_lowercase();
        self.entities
            .iter()
            .find(|e| {
                e.publishers
                    .iter()
                    .any(|p| crate::text::host_on_domain(&host, p))
            })
            .map(|e| e.id.as_str())
    }

    /// Whether the actor `id` is the guarantees' beneficiary ([`Entity::beneficiary`]).
    pub fn is_beneficiary(&self, id: &str) -> bool {
        self.get(id).is_some_and(|e| e.beneficiary)
    }

    /// Whether a text with these `mentions` names a party to the war the guarantee is to end
    /// ([`Entity::belligerent`]), itself or one of its people ("Zelensky" speaks for Ukraine):
    /// whether it can be about the guarantee at all. The pipeline reads statements only from
    /// such texts: in a general news feed, "the training team of Jeongdong Theater" or China's
    /// tariff demands are not pledges of training or sanctions.
    pub fn names_a_belligerent(&self, mentions: &[Mention]) -> bool {
        mentions.iter().any(|m| {
            self.actor_of(&m.entity)
                .and_then(|actor| self.get(&actor))
                .is_some_and(|e| e.belligerent)
        })
    }

    /// The names of the parties to the war ([`Entity::belligerent`]), as reports show them
    /// ("Ukraine", "Russia").
    pub fn belligerents(&self) -> Vec<&str> {
        self.entities
            .iter()
            .filter(|e| e.belligerent)
            .map(|e| e.role.as_deref().unwrap_or(&e.id))
            .collect()
    }

    /// The actor of the first mention in `mentions` (in text order) of a body of states
    /// ([`Entity::collective`]), with the mention's start: the body a report about a meeting is
    /// about, which its "participants" and "signatories" stand for.
    pub fn first_collective(&self, mentions: &[Mention]) -> Option<(usize, String)> {
        mentions
            .iter()
            .filter(|m| self.get(&m.entity).is_some_and(|e| e.collective))
            .min_by_key(|m| m.start)
            .and_then(|m| Some((m.start, self.actor_of(&m.entity)?)))
    }

    /// The [`Entity::offices`] of the actor `id` (empty when it has none).
    pub fn offices(&self, id: &str) -> &[String] {
        self.get(id).map_or(&[], |e| e.offices.as_slice())
    }

    /// The actor a mention speaks for: a person's affiliation, otherwise the entity itself.
    pub fn actor_of(&self, id: &str) -> Option<String> {
        let e = self.get(id)?;
        Some(e.affiliation.clone().unwrap_or_else(|| e.id.clone()))
    }

    /// The actor or speaker a reader means by `given` (`guarantor evidence --actor`, the
    /// dashboard's actor filter), as the ledger stores it. A name the gazetteer resolves whole,
    /// in any of its languages and spellings, is that state's or body's actor ("Britain", "UK",
    /// "Україна", "nato", and the acronyms "SUA", "EUA" and "ABD", which are the United States
    /// in Romanian, Portuguese and Turkish, not codes) or that person's canonical name, under
    /// which the ledger keeps what they said ("Zelensky" and "Зеленський" are "Volodymyr
    /// Zelenskyy"; their statements for Ukraine are found by the speaker). Otherwise three
    /// letters in any case are an ISO 3166 alpha-3 code ("usa" is USA, "nzl" NZL). Anything
    /// else is kept as given: a speaker outside the gazetteer, an unnamed group.
    pub fn actor_query(&self, given: &str) -> String {
        let given = given.trim();
        let letters = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).count();
        match self.resolve(given).as_slice() {
            // The name is the mention, not a phrase that holds one ("Ukraine's allies", or
            // "European Unon" read as "European" alone).
            [m] if letters(&given[m.start..m.end]) == letters(given) => match self.get(&m.entity) {
                Some(e) if e.kind == EntityKind::Person => e.id.clone(),
                _ => self
                    .actor_of(&m.entity)
                    .unwrap_or_else(|| given.to_string()),
            },
            _ if is_alpha3(given) => given.to_ascii_uppercase(),
            _ => given.to_string(),
        }
    }

    /// Whether `actor`, as [`Gazetteer::actor_query`] gives it, is one the gazetteer knows (a
    /// state, body or person) or an ISO 3166 alpha-3 code: no typo, whether or not a ledger
    /// holds statements by it.
    pub fn knows_actor(&self, actor: &str) -> bool {
        self.get(actor).is_some() || is_alpha3(actor)
    }

    /// All mentions in `text`, ordered by position, not overlapping.
    pub fn resolve(&self, text: &str) -> Vec<Mention> {
        let toks = tokens(text);
        // Folded text: words joined by single spaces, with each word's position in both texts.
        let mut folded = String::with_capacity(text.len());
        let mut starts = Vec::with_capacity(toks.len());
        let mut ends = Vec::with_capacity(toks.len());
        for t in &toks {
            if !folded.is_empty() {
                folded.push(' ');
            }
            starts.push(folded.len());
            fold_word_into(&text[t.start..t.end], &mut folded);
            ends.push(folded.len());
        }
        let mut found: Vec<(usize, usize, usize)> = Vec::new(); // (first token, last token, entity)
        for m in self.automaton.find_overlapping_iter(&folded) {
            let (Ok(first), Ok(last)) = (
                starts.binary_search(&m.start()),
                ends.binary_search(&m.end()),
            ) else {
                continue;
            };
            let (entity, acronym) = self.patterns[m.pattern().as_usize()];
            if acronym {
                let surface = &text[toks[first].start..toks[last].end];
                if surface.chars().any(|c| c.is_lowercase()) {
                    continue;
                }
            }
            found.push((first, last, entity));
        }
        // Longest first at each start, then keep non-overlapping.
        found.sort_by_key(|(f, l, _)| (*f, std::cmp::Reverse(*l)));
        let mut mentions = Vec::new();
        let mut covered = vec![false; toks.len()];
        let mut next_free = 0usize;
        for (f, l, e) in found {
            if f < next_free {
                continue;
            }
            next_free = l + 1;
            covered[f..=l].iter_mut().for_each(|c| *c = true);
            mentions.push(Mention {
                entity: self.entities[e].id.clone(),
                kind: self.entities[e].kind,
                start: toks[f].start,
                end: toks[l].end,
                method: MatchMethod::Alias,
            });
        }
        // Stems: inflected forms ("Зеленського", "Francji", "американські").
        for (i, t) in toks.iter().enumerate() {
            if covered[i] {
                continue;
            }
            let word = &text[t.start..t.end];
            // Each word is folded once, into `folded`; its fold is read back from there.
            let f = &folded[starts[i]..ends[i]];
            let capitalised = word.chars().next().is_some_and(char::is_uppercase);
            let latin = word
                .chars()
                .all(|c| c.is_ascii() || !c.is_alphabetic() || c as u32 <= 0x24F);
            let candidates = f
                .chars()
                .next()
                .and_then(|c| self.stems_by_first.get(&c))
                .map_or(&[][..], Vec::as_slice);
            if let Some((_, e)) = candidates.iter().map(|k| &self.stems[*k]).find(|(st, e)| {
                let Some(rest) = f.strip_prefix(st.as_str()) else {
                    return false;
                };
                if self.entities[*e].kind != EntityKind::Person {
                    return true;
                }
                // A person's name takes case endings only ("Starmera", "Зеленського"), so in
                // Latin script the rest must be one ("Trumpet" is not Trump).
                capitalised && (!latin || rest.is_empty() || PERSON_ENDINGS.contains(&rest))
            }) {
                covered[i] = true;
                mentions.push(Mention {
                    entity: self.entities[*e].id.clone(),
                    kind: self.entities[*e].kind,
                    start: t.start,
                    end: t.end,
                    method: MatchMethod::Alias,
                });
            }
        }
        // Fuzzy pass over capitalised words the automaton did not explain.
        for (i, t) in toks.iter().enumerate() {
            if covered[i] {
                continue;
            }
            let word = &text[t.start..t.end];
            if word.chars().count() < 5 || !word.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let f = &folded[starts[i]..ends[i]];
            if COMMON_CAPITALISED.contains(&f) {
                continue;
            }
            let key = name_key_of_folded(f);
            let key_chars = key.chars().count();
            let sentence_initial = text[..t.start]
                .trim_end()
                .chars()
                .next_back()
                .is_none_or(|c| matches!(c, '.' | '!' | '?' | '\n' | '"' | '“'));
            let mut best: Option<(f64, usize)> = None;
            for s in &self.surnames {
                let score = if s.key == key {
                    1.0
                } else if sentence_initial || key.chars().next() != s.key.chars().next() {
                    // At the start of a sentence any word is capitalised: exact keys only.
                    continue;
                } else if !levenshtein_may_pass(key_chars, s.chars)
                    || (key_chars.min(s.chars) <= SHORT_KEY && key_chars == s.chars)
                {
                    // In a short name one letter changed is another name ("Воллес", Wallace,
                    // is not "Волтц", Waltz); a letter dropped or doubled is a spelling.
                    continue;
                } else {
                    let jw = strsim::jaro_winkler(&key, &s.key);
                    let nl = strsim::normalized_levenshtein(&key, &s.key);
                    if jw < FUZZY_JARO_WINKLER || nl < FUZZY_LEVENSHTEIN {
                        continue;
                    }
                    jw
                };
                if best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, s.entity));
                }
            }
            if let Some((_, e)) = best {
                // Take in a capitalised first name just before ("Caroline Levitt").
                let start = if i > 0
                    && !covered[i - 1]
                    && text[toks[i - 1].end..t.start].trim().is_empty()
                    && text[toks[i - 1].start..].starts_with(char::is_uppercase)
                {
                    toks[i - 1].start
                } else {
                    t.start
                };
                covered[i] = true;
                mentions.push(Mention {
                    entity: self.entities[e].id.clone(),
                    kind: self.entities[e].kind,
                    start,
                    end: t.end,
                    method: MatchMethod::Fuzzy,
                });
            }
        }
        mentions.sort_by_key(|m| m.start);
        mentions
    }
}

/// Whether two keys of `a` and `b` characters can reach [`FUZZY_LEVENSHTEIN`]: the edit
/// distance is at least the difference in length, so the normalised similarity is at most
/// 1 - |a - b| / max(a, b). Why: the fuzzy pass compares every uncovered capitalised word with
/// every surname of its initial; most differ in length too much, and this skips both distances
/// for them with the same outcome.
fn levenshtein_may_pass(a: usize, b: usize) -> bool {
    let longest = a.max(b);
    longest == 0 || 1.0 - a.abs_diff(b) as f64 / longest as f64 >= FUZZY_LEVENSHTEIN
}

impl Default for Gazetteer {
    fn default() -> Self {
        // Embedded at build time and checked by a unit test: failure is a broken build.
        Gazetteer::from_toml(DEFAULT_ENTITIES_TOML).expect("data/entities.toml is valid")
    }
}

/// Three ASCII letters, in any case: what an ISO 3166 alpha-3 code looks like.
fn is_alpha3(s: &str) -> bool {
    s.len() == 3 && s.chars().all(|c| c.is_ascii_alphabetic())
}

#[cfg(test)]
#[path = "resolve_tests.rs"]
mod tests;
