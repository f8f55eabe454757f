//! Languages the extraction rules know, language detection and stemming.
//!
//! Detection is whatlang's trigram model (pure Rust, no data to download) restricted to the
//! languages with a lexicon; an article's declared language wins when it is one of them.
//! Stemming is Snowball (rust-stemmers) for English, Russian, German, French, Italian, Spanish,
//! Dutch, Portuguese, Romanian and Turkish, and suffix
//! stripping from the language file's list for Ukrainian and Polish, which Snowball lacks.
//! It does not lemmatise: the lexicons use prefix patterns (`військ*`) where stems fall short.

use serde::{Deserialize, Serialize};
use std::rc::Rc;

/// A language with an extraction lexicon (`data/lexicon/<code>.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Uk,
    Ru,
    De,
    Fr,
    Pl,
    It,
    Es,
    Nl,
    Pt,
    Ro,
    Tr,
}

impl Lang {
    pub const ALL: [Lang; 12] = [
        Lang::En,
        Lang::Uk,
        Lang::Ru,
        Lang::De,
        Lang::Fr,
        Lang::Pl,
        Lang::It,
        Lang::Es,
        Lang::Nl,
        Lang::Pt,
        Lang::Ro,
        Lang::Tr,
    ];

    /// ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Uk => "uk",
            Lang::Ru => "ru",
            Lang::De => "de",
            Lang::Fr => "fr",
            Lang::Pl => "pl",
            Lang::It => "it",
            Lang::Es => "es",
            Lang::Nl => "nl",
            Lang::Pt => "pt",
            Lang::Ro => "ro",
            Lang::Tr => "tr",
        }
    }

    /// Parses an ISO 639-1 code, or a tag that starts with one (`en-GB`, `uk_UA`).
    pub fn parse(code: &str) -> Option<Lang> {
        let c = code.trim().to_ascii_lowercase();
        let head = c.split(['-', '_']).next().unwrap_or("");
        Lang::ALL.into_iter().find(|l| l.code() == head)
    }

    /// The Snowball algorithm of rust-stemmers, where it has the language.
    pub fn snowball(self) -> Option<rust_stemmers::Algorithm> {
        use rust_stemmers::Algorithm;
        match self {
            Lang::En => Some(Algorithm::English),
            Lang::Ru => Some(Algorithm::Russian),
            Lang::De => Some(Algorithm::German),
            Lang::Fr => Some(Algorithm::French),
            Lang::It => Some(Algorithm::Italian),
            Lang::Es => Some(Algorithm::Spanish),
            Lang::Nl => Some(Algorithm::Dutch),
            Lang::Pt => Some(Algorithm::Portuguese),
            Lang::Ro => Some(Algorithm::Romanian),
            Lang::Tr => Some(Algorithm::Turkish),
            Lang::Uk | Lang::Pl => None,
        }
    }

    fn from_whatlang(l: whatlang::Lang) -> Option<Lang> {
        match l {
            whatlang::Lang::Eng => Some(Lang::En),
            whatlang::Lang::Ukr => Some(Lang::Uk),
            whatlang::Lang::Rus => Some(Lang::Ru),
            whatlang::Lang::Deu => Some(Lang::De),
            whatlang::Lang::Fra => Some(Lang::Fr),
            whatlang::Lang::Pol => Some(Lang::Pl),
            whatlang::Lang::Ita => Some(Lang::It),
            whatlang::Lang::Spa => Some(Lang::Es),
            whatlang::Lang::Nld => Some(Lang::Nl),
            whatlang::Lang::Por => Some(Lang::Pt),
            whatlang::Lang::Ron => Some(Lang::Ro),
            whatlang::Lang::Tur => Some(Lang::Tr),
            _ => None,
        }
    }
}

/// Characters of text given to the detector: enough for a stable guess, bounded in cost.
const DETECT_CHARS: usize = 2000;

/// The language of a text: the declared one when it has a lexicon, else `None` when it is surely
/// another ([`identify`]), else whatlang's guess among the languages with a lexicon, else `None`
/// (another language: no statements).
pub fn detect(text: &str, declared: Option<&str>) -> Option<Lang> {
    if let Some(l) = declared.and_then(Lang::parse) {
        return Some(l);
    }
    if declared.is_some_and(|d| !d.trim().is_empty()) {
        // A declared language without a lexicon: do not guess another one.
        return None;
    }
    match identify(text) {
        Some(Identified::Read(l)) => Some(l),
        Some(Identified::Foreign(_)) => None,
        None => detect_text(&text.chars().take(DETECT_CHARS).collect::<String>()),
    }
}

/// whatlang's guess among the languages with a lexicon, and whether whatlang deems it reliable
/// (on a sentence or two it often is not: "Russia rejects Western troops in Ukraine." is
/// German to it).
pub fn guess(text: &str) -> Option<(Lang, bool)> {
    let sample: String = text.chars().take(DETECT_CHARS).collect();
    let info = detector().detect(&sample)?;
    Lang::from_whatlang(info.lang()).map(|l| (l, info.is_reliable()))
}

/// Characters of text [`identify`] reads. Among all of whatlang's languages a guess costs more
/// than among the twelve (on the dev articles, 125 µs at 2,000 characters, 99 µs at 1,000,
/// against 80 µs restricted at 2,000); at 1,000 it is still reliable for 1,108 of the 1,112 and
/// right for all of them.
const IDENTIFY_CHARS: usize = 1000;

/// What whatlang makes of a text among all the languages it knows, when it deems its guess
/// reliable ([`identify`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Identified {
    /// A language with a lexicon.
    Read(Lang),
    /// A language without one, by its English name ("Czech").
    Foreign(&'static str),
}

/// whatlang's guess among all the languages it knows, when it deems it reliable (a short text
/// seldom is: `None`, and the caller guesses among the twelve as before).
///
/// Why not only among the languages with a lexicon: that restricted guess reads a Czech page
/// as Spanish, a Slovak one as Portuguese and a Bulgarian one as Russian (the test below), and
/// the rules then find claims in words they do not know. Measured on the 1,327 articles of the
/// corpus (dev and test, twelve languages, 5 December 2026), unrestricted whatlang named every
/// article's own language, reliably, so the languages read lose nothing; and a text it
/// identifies needs no second, restricted detection.
pub fn identify(text: &str) -> Option<Identified> {
    let sample: String = text.chars().take(IDENTIFY_CHARS).collect();
    let info = whatlang::detect(&sample).filter(whatlang::Info::is_reliable)?;
    Some(match Lang::from_whatlang(info.lang()) {
        Some(l) => Identified::Read(l),
        None => Identified::Foreign(info.lang().eng_name()),
    })
}

/// The English name of the language of a text that is surely one without a lexicon.
pub fn foreign(text: &str) -> Option<&'static str> {
    match identify(text)? {
        Identified::Foreign(name) => Some(name),
        Identified::Read(_) => None,
    }
}

/// whatlang's guess, restricted to the languages with a lexicon.
pub fn detect_text(text: &str) -> Option<Lang> {
    detector().detect_lang(text).and_then(Lang::from_whatlang)
}

fn detector() -> whatlang::Detector {
    let allow = vec![
        whatlang::Lang::Eng,
        whatlang::Lang::Ukr,
        whatlang::Lang::Rus,
        whatlang::Lang::Deu,
        whatlang::Lang::Fra,
        whatlang::Lang::Pol,
        whatlang::Lang::Ita,
        whatlang::Lang::Spa,
        whatlang::Lang::Nld,
        whatlang::Lang::Por,
        whatlang::Lang::Ron,
        whatlang::Lang::Tur,
    ];
    whatlang::Detector::with_allowlist(allow)
}

/// A stemmer for one language.
pub struct Stemmer {
    snowball: Option<rust_stemmers::Stemmer>,
    /// Suffixes, longest first.
    suffixes: Vec<String>,
    min_stem_chars: usize,
    /// This stemmer's key in the [`SNOWBALL_STEMS`] cache.
    id: u64,
}

thread_local! {
    /// Snowball stems already computed, per thread and per [`Stemmer`] (by its `id`).
    ///
    /// Why: Snowball is most of the cost of tokenising a sentence, and the words of news text
    /// repeat (function words, the story's own vocabulary), so most words are stemmed again and
    /// again. A stem depends on the word and the stemmer only, so the cache cannot change a
    /// result. Per thread, so threads never wait on each other; bounded by [`STEM_CACHE_WORDS`]
    /// and [`STEM_CACHE_STEMMERS`].
    static SNOWBALL_STEMS: std::cell::RefCell<StemCache> = std::cell::RefCell::default();
}

/// Stems by stemmer id, then by word.
type StemCache = crate::text::FastMap<u64, crate::text::FastMap<String, Rc<str>>>;

/// The most words a thread's cache holds per stemmer before it is emptied.
const STEM_CACHE_WORDS: usize = 20_000;

/// The most stemmers a thread's cache holds before it is emptied (a pipeline has ten Snowball
/// stemmers; a process that builds pipelines again and again leaves old ones behind).
const STEM_CACHE_STEMMERS: usize = 16;

static NEXT_STEMMER_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

impl Stemmer {
    /// Snowball when `snowball` is true and the language has it, else suffix stripping.
    pub fn new(lang: Lang, snowball: bool, suffixes: &[String], min_stem_chars: usize) -> Self {
        let mut suffixes: Vec<String> = suffixes.iter().map(|s| s.to_lowercase()).collect();
        suffixes.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
        Stemmer {
            snowball: lang
                .snowball()
                .filter(|_| snowball)
                .map(rust_stemmers::Stemmer::create),
            suffixes,
            min_stem_chars,
            id: NEXT_STEMMER_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// The stem of a lowercase word.
    pub fn stem(&self, lower: &str) -> String {
        if let Some(s) = &self.snowball {
            return SNOWBALL_STEMS.with_borrow_mut(|cache| {
                Self::cached_stem(s, self.stems_of(cache), lower).to_string()
            });
        }
        self.stem_by_suffix(lower)
    }

    /// The stems of lowercase words, in order: [`Stemmer::stem`] of each.
    ///
    /// Why: a sentence's words are stemmed together, so the thread's cache is borrowed and this
    /// stemmer's table found once per sentence rather than once per word (that per-word
    /// overhead was a large part of stemming, since most words are answered by the cache).
    ///
    /// The stems are shared with the cache (`Rc`): a cached word costs no new string.
    pub fn stem_each(&self, lowers: &[String]) -> Vec<Rc<str>> {
        if let Some(s) = &self.snowball {
            return SNOWBALL_STEMS.with_borrow_mut(|cache| {
                let stems = self.stems_of(cache);
                lowers
                    .iter()
                    .map(|w| Self::cached_stem(s, stems, w))
                    .collect()
            });
        }
        lowers
            .iter()
            .map(|w| Rc::from(self.stem_by_suffix(w)))
            .collect()
    }

    /// This stemmer's table in the thread's cache, emptying the cache first when it holds too
    /// many stemmers.
    fn stems_of<'c>(
        &self,
        cache: &'c mut StemCache,
    ) -> &'c mut crate::text::FastMap<String, Rc<str>> {
        if cache.len() >= STEM_CACHE_STEMMERS && !cache.contains_key(&self.id) {
            cache.clear();
        }
        cache.entry(self.id).or_default()
    }

    /// The Snowball stem of `lower`, from `stems` or computed and added to it.
    fn cached_stem(
        s: &rust_stemmers::Stemmer,
        stems: &mut crate::text::FastMap<String, Rc<str>>,
        lower: &str,
    ) -> Rc<str> {
        if let Some(stem) = stems.get(lower) {
            return Rc::clone(stem);
        }
        if stems.len() >= STEM_CACHE_WORDS {
            stems.clear();
        }
        let stem: Rc<str> = Rc::from(s.stem(lower).as_ref());
        stems.insert(lower.to_string(), Rc::clone(&stem));
        stem
    }

    /// Suffix stripping, for the languages without Snowball.
    fn stem_by_suffix(&self, lower: &str) -> String {
        let n = lower.chars().count();
        for suf in &self.suffixes {
            let k = suf.chars().count();
            if n >= k + self.min_stem_chars && lower.ends_with(suf.as_str()) {
                return lower[..lower.len() - suf.len()].to_string();
            }
        }
        lower.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_twelve_languages() {
        let cases = [
            (
                Lang::En,
                "The British prime minister said the country is ready to send troops to Ukraine after a ceasefire.",
            ),
            (
                Lang::Uk,
                "Президент заявив, що країна готова надіслати війська в Україну після припинення вогню.",
            ),
            (
                Lang::Ru,
                "Президент заявил, что страна готова направить войска на Украину после прекращения огня.",
            ),
            (
                Lang::De,
                "Der Kanzler sagte, Deutschland sei bereit, nach einem Waffenstillstand Soldaten in die Ukraine zu schicken.",
            ),
            (
                Lang::Fr,
                "Le président a déclaré que la France est prête à envoyer des troupes en Ukraine après un cessez-le-feu.",
            ),
            (
                Lang::Pl,
                "Premier powiedział, że Polska nie wyśle żołnierzy na Ukrainę po zawieszeniu broni.",
            ),
            (
                Lang::It,
                "Il presidente del Consiglio ha detto che l'Italia non invierà soldati in Ucraina dopo il cessate il fuoco.",
            ),
            (
                Lang::Es,
                "El presidente del Gobierno dijo que España está dispuesta a enviar tropas a Ucrania después del alto el fuego.",
            ),
            (
                Lang::Nl,
                "De premier zei dat Nederland bereid is om na een staakt-het-vuren militairen naar Oekraïne te sturen.",
            ),
            (
                Lang::Pt,
                "O primeiro-ministro disse que Portugal está disposto a enviar tropas para a Ucrânia depois de um cessar-fogo.",
            ),
            (
                Lang::Ro,
                "Președintele a declarat că România nu va trimite trupe în Ucraina după încetarea focului.",
            ),
            (
                Lang::Tr,
                "Dışişleri Bakanı, Türkiye'nin ateşkesten sonra Karadeniz'de sorumluluk almaya hazır olduğunu söyledi.",
            ),
        ];
        for (lang, text) in cases {
            assert_eq!(detect(text, None), Some(lang), "{text}");
        }
        assert_eq!(detect("whatever", Some("de-DE")), Some(Lang::De));
        assert_eq!(detect("The troops", Some("es")), Some(Lang::Es));
        assert_eq!(detect("Joukot", Some("fi")), None);
    }

    /// Texts written for this test, in languages without a lexicon, about what the corpus
    /// reports: the guess restricted to the twelve reads them as Spanish, Portuguese and Russian.
    #[test]
    fn an_undeclared_text_in_a_language_without_a_lexicon_is_not_read() {
        let cases = [
            (
                "Czech",
                Lang::Es,
                "Česká vláda v úterý oznámila, že je připravena vyslat na Ukrajinu vojáky v rámci \
                 mnohonárodních sil, pokud bude uzavřeno příměří. Ministr obrany uvedl, že armáda \
                 by mohla poskytnout ženisty a odborníky na odminování. Podle něj je však nutné, \
                 aby Spojené státy zajistily leteckou podporu a zpravodajské informace.",
            ),
            (
                "Slovak",
                Lang::Pt,
                "Slovenská vláda vo štvrtok vyhlásila, že nepošle na Ukrajinu žiadnych vojakov, ani \
                 keby sa podarilo dosiahnuť prímerie. Premiér povedal, že krajina môže pomôcť s \
                 humanitárnou pomocou a s obnovou, ale nezúčastní sa na žiadnej vojenskej misii.",
            ),
            (
                "Bulgarian",
                Lang::Ru,
                "Българското правителство заяви във вторник, че е готово да изпрати военни \
                 инженери в Украйна след сключването на примирие. Министърът на отбраната каза, \
                 че страната може да помогне с разминирането на Черно море, но няма да изпраща \
                 бойни части.",
            ),
        ];
        for (name, restricted, text) in cases {
            assert_eq!(detect_text(text), Some(restricted), "{name}");
            assert_eq!(foreign(text), Some(name), "{text}");
            assert_eq!(detect(text, None), None, "{text}");
        }
        // A declared language still wins, and the twelve are never foreign.
        assert_eq!(detect(cases[0].2, Some("pl")), Some(Lang::Pl));
        assert_eq!(
            foreign(
                "Premier powiedział we wtorek, że Polska nie wyśle żołnierzy na Ukrainę po \
                 zawieszeniu broni, ale pomoże w logistyce i szkoleniu ukraińskich sił zbrojnych."
            ),
            None
        );
    }

    #[test]
    fn stems_meet_across_inflections() {
        // A second call is answered by the cache, with the same stem.
        let en = Stemmer::new(Lang::En, true, &[], 3);
        let first = en.stem("guarantees");
        assert_eq!(en.stem("guarantees"), first);
        assert_eq!(
            first,
            rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English).stem("guarantees")
        );
        let ru = Stemmer::new(Lang::Ru, true, &[], 3);
        assert_eq!(ru.stem("войска"), ru.stem("войсками"));
        let de = Stemmer::new(Lang::De, true, &[], 3);
        assert_eq!(de.stem("truppen"), de.stem("truppe"));
        let nl = Stemmer::new(Lang::Nl, true, &[], 3);
        assert_eq!(nl.stem("troepen"), nl.stem("troep"));
        let pt = Stemmer::new(Lang::Pt, true, &[], 3);
        assert_eq!(pt.stem("garantias"), pt.stem("garantia"));
        let uk = Stemmer::new(
            Lang::Uk,
            false,
            &["ами".into(), "а".into(), "и".into(), "ів".into()],
            3,
        );
        assert_eq!(uk.stem("військами"), "військ");
        assert_eq!(uk.stem("військами"), uk.stem("війська"));
        assert_eq!(
            uk.stem("так"),
            "так",
            "stems keep at least three characters"
        );
    }
}
