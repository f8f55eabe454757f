//! The news sources of [`super`]'s eighth tier: which outlets a text names as where its story
//! comes from ("according to the Financial Times", "передає «Суспільне»", "(EFE)"), and which
//! outlet published a page, by its address. The list is `data/news-sources.toml`. A site the
//! list lacks is known by the registrable name of its address ([`site_key`]): a page of
//! `wydarzenia.interia.pl` is "interia"'s, and a text crediting "Interia.pl" or ending "Źr.
//! Interia" (a credit line, [`NewsSources::cited`]) names it.
//!
//! Why: a rewrite of a newspaper's report names that newspaper even when no sentence survives
//! the retelling, and an outlet rewriting another names it; independent reports of one press
//! conference name nobody, or name different agencies.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use serde::Deserialize;

use crate::EvidenceError;
use crate::text::{host_on_domain, stable_hash};

/// The news-source list shipped with Guarantor.
pub const DEFAULT_NEWS_SOURCES_TOML: &str = include_str!("../../../data/news-sources.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    #[allow(dead_code)]
    source: String,
    /// Words that open a credit line ("Źródło:", "Leggi su"): the name after one is a site the
    /// text comes from, listed or not.
    #[serde(default)]
    credit_lines: Vec<String>,
    /// Registrable names of platforms that are no news outlet ("t.me", "x.com").
    #[serde(default)]
    platforms: Vec<String>,
    outlet: Vec<OutletRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OutletRow {
    id: String,
    names: Vec<String>,
    domains: Vec<String>,
}

/// Names and domains of news outlets, compiled for matching.
pub struct NewsSources {
    /// The key of each outlet ([`outlet_key`] of its id), in file order.
    keys: Vec<u64>,
    /// Every lowercase name of every outlet.
    names: AhoCorasick,
    /// For each pattern of `names`, the index of its outlet.
    name_outlet: Vec<usize>,
    /// (domain, outlet index), lowercase.
    domains: Vec<(String, usize)>,
    /// Openings of a credit line, lowercase ([`SourcesFile::credit_lines`]).
    credit_lines: AhoCorasick,
    /// Registrable names that are platforms, not sites of a publisher.
    platforms: Vec<String>,
}

/// The key of an outlet id, as stored in [`super::Fingerprint::sources`].
pub fn outlet_key(id: &str) -> u64 {
    stable_hash(format!("outlet:{id}").as_bytes())
}

/// The key of a site outside the list, by its registrable name ("interia" for
/// `wydarzenia.interia.pl`): what a page's address and a text's credit of it ("Źr. Interia",
/// "Leggi su Quotidiano.net") have in common.
pub fn site_key(name: &str) -> u64 {
    stable_hash(format!("site:{name}").as_bytes())
}

/// Top-level domains a credit written as an address ends with ("Quotidiano.net", "RBC.ua"): the
/// generic ones and the country codes of the corpus's outlets. A closed list, so that "U.S."
/// or an abbreviation with a full stop inside a sentence ("ca.", "z.B.") is no address.
const TLDS: &[&str] = &[
    "com", "net", "org", "info", "news", "media", "online", "eu", "pl", "ua", "ru", "it", "de",
    "fr", "es", "ro", "md", "tr", "nl", "be", "pt", "br", "ar", "mx", "uk", "ch", "at", "cz", "sk",
    "lv", "lt", "ee", "gr", "hu", "se", "no", "dk", "fi", "ie", "in", "tv", "by", "kz",
];

/// Second-level labels under a country code ("com.ua", "co.uk"): the registrable name is the
/// label before them.
const SECOND_LEVEL: &[&str] = &["com", "co", "org", "net", "gov", "in", "ac", "edu"];

/// The registrable name of a host ("interia" for `wydarzenia.interia.pl`, "pravda" for
/// `www.pravda.com.ua`), if it has one: the label before the public suffix, under the simple
/// rule of [`SECOND_LEVEL`] rather than the full public-suffix list.
fn registrable_name(host: &str) -> Option<&str> {
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    let n = labels.len();
    if n < 2 {
        return None;
    }
    let name = if n >= 3 && labels[n - 1].len() == 2 && SECOND_LEVEL.contains(&labels[n - 2]) {
        labels[n - 3]
    } else {
        labels[n - 2]
    };
    // Two letters are a name ("dw.com"); one is an abbreviation ("m.in.", Polish "among
    // others").
    (name.chars().count() >= 2 && name.chars().all(|c| c.is_alphanumeric() || c == '-'))
        .then_some(name)
}

/// Words just before a name that make it a photo credit ("Photo: Reuters", "via REUTERS").
const CREDIT_MARKERS: &[&str] = &["via ", "photo", "foto", "фото", "©"];

impl NewsSources {
    /// Parses a news-source list in the format of `data/news-sources.toml`.
    ///
    /// # Errors
    /// [`EvidenceError::Lexicon`] naming the problem: TOML syntax, an empty or repeated id, an
    /// outlet without names, an empty name or domain.
    pub fn from_toml(text: &str) -> Result<NewsSources, EvidenceError> {
        let file: SourcesFile = toml::from_str(text)
            .map_err(|e| EvidenceError::Lexicon(format!("news sources: {e}")))?;
        let bad = |msg: String| EvidenceError::Lexicon(format!("news sources: {msg}"));
        let mut keys = Vec::new();
        let mut ids: Vec<&str> = Vec::new();
        let mut patterns = Vec::new();
        let mut name_outlet = Vec::new();
        let mut domains = Vec::new();
        for line in &file.credit_lines {
            if line.trim().is_empty() {
                return Err(bad("an empty credit line".to_string()));
            }
        }
        for (i, row) in file.outlet.iter().enumerate() {
            if row.id.trim().is_empty() {
                return Err(bad(format!("outlet {} has an empty id", i + 1)));
            }
            if ids.contains(&row.id.as_str()) {
                return Err(bad(format!("outlet `{}` is listed twice", row.id)));
            }
            ids.push(&row.id);
            if row.names.is_empty() {
                return Err(bad(format!("outlet `{}` has no names", row.id)));
            }
            for name in &row.names {
                if name.trim().is_empty() {
                    return Err(bad(format!("outlet `{}` has an empty name", row.id)));
                }
                patterns.push(name.to_lowercase());
                name_outlet.push(i);
            }
            for d in &row.domains {
                let d = d.trim().to_lowercase();
                if d.is_empty() {
                    return Err(bad(format!("outlet `{}` has an empty domain", row.id)));
                }
                domains.push((d, i));
            }
            keys.push(outlet_key(&row.id));
        }
        // A DFA: built once per process, it searched a 7,800-byte English text in about 20 µs
        // where the default's choice for this many patterns took about 30 (4 December 2026).
        let names = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .map_err(|e| bad(e.to_string()))?;
        let credit_lines = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(file.credit_lines.iter().map(|l| l.to_lowercase()))
            .map_err(|e| bad(e.to_string()))?;
        Ok(NewsSources {
            keys,
            names,
            name_outlet,
            domains,
            credit_lines,
            platforms: file.platforms.iter().map(|p| p.to_lowercase()).collect(),
        })
    }

    /// The keys of the outlets `text` names, sorted and distinct: whole-word matches of a name
    /// in the lowercased text, not followed by `/` ("REUTERS/Kevin Lamarque") and not just after
    /// a photo-credit word (`CREDIT_MARKERS`); and the sites it credits by their address or in a
    /// credit line, listed or not (`cited_sites`).
    ///
    /// Why lowercase the text rather than search each name's case forms: names come in mixed
    /// case ("РБК-Україна", "Цензор.НЕТ", "Interfax-Ukraine") that simple rules of capitals
    /// miss. Tried on 4 December 2026: the case forms halved the time of this search (10 of
    /// 20 µs per 2,000-character text, under 1% of a page's ingest) and lost a rewrite link;
    /// `lowercase` then took most of the lowercasing's cost away instead.
    pub fn cited(&self, text: &str) -> Vec<u64> {
        let text = lowercase(text);
        let text = text.as_str();
        let mut out = Vec::new();
        for m in self.names.find_iter(text) {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if before.is_some_and(char::is_alphanumeric)
                || after.is_some_and(|c| c.is_alphanumeric() || c == '/')
            {
                continue;
            }
            let window_start = text[..m.start()]
                .char_indices()
                .rev()
                .nth(15)
                .map_or(0, |(i, _)| i);
            let window = &text[window_start..m.start()];
            if CREDIT_MARKERS.iter().any(|w| window.contains(w)) {
                continue;
            }
            out.push(self.keys[self.name_outlet[m.pattern().as_usize()]]);
        }
        self.cited_sites(text, &mut out);
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The sites `text` (lowercased) credits outside the list of names: an address written out
    /// ("Leggi su Quotidiano.net", "за даними RBC.ua"), by [`NewsSources::site_of_host`], and
    /// the name after the opening of a credit line ("Źr. Interia", "Fonte: Adnkronos").
    /// An address inside an e-mail address or a link's path does not count.
    fn cited_sites(&self, text: &str, out: &mut Vec<u64>) {
        let is_part = |c: char| c.is_alphanumeric() || c == '-' || c == '.';
        // From each full stop with a letter or digit right after it ("quotidiano.net", not the
        // end of a sentence), the address around it, once.
        let mut done = 0;
        for (dot, _) in text.match_indices('.') {
            if dot < done
                || !text[dot + 1..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let start = text[..dot]
                .char_indices()
                .rev()
                .take_while(|(_, c)| is_part(*c))
                .last()
                .map_or(dot, |(i, _)| i);
            let end = text[dot..]
                .char_indices()
                .find(|(_, c)| !is_part(*c))
                .map_or(text.len(), |(i, _)| dot + i);
            done = end;
            let address = text[start..end].trim_end_matches(['.', '-']);
            // A mail address's domain, or a file in a link's path ("/static/logo.png"), is no
            // credit; a link's host ("https://www.interia.pl/...") is.
            let before = &text[..start];
            let after_link_or_mail =
                before.ends_with('@') || (before.ends_with('/') && !before.ends_with("//"));
            let tld = address.rsplit('.').next().unwrap_or("");
            if !after_link_or_mail && TLDS.contains(&tld) {
                out.extend(self.site_of_host(address));
            }
        }
        for m in self.credit_lines.find_iter(text) {
            if text[..m.start()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let rest = text[m.end()..].trim_start_matches([' ', ':', '\u{a0}']);
            let word = rest
                .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.'))
                .next()
                .unwrap_or("");
            let name = word.trim_end_matches(['.', '-']);
            // An address or a link after the opening ("Źródło: interia.pl", "Fonte:
            // https://...") was read with the others above.
            let address = name.contains('.') || rest[word.len()..].starts_with("://");
            if !address && name.chars().count() >= 3 && !self.platforms.iter().any(|p| p == name) {
                out.push(site_key(name));
            }
        }
    }

    /// The key of the site at `host`: its outlet's when the list has it, else the key of its
    /// registrable name ([`site_key`]), unless that is a platform ([`SourcesFile::platforms`]).
    fn site_of_host(&self, host: &str) -> Option<u64> {
        let host = host.strip_prefix("www.").unwrap_or(host);
        if let Some(i) = self.listed_host(host) {
            return Some(self.keys[i]);
        }
        let name = registrable_name(host)?;
        (!self.platforms.iter().any(|p| p == name)).then(|| site_key(name))
    }

    /// The index of the listed outlet publishing under `host` (lowercase, without `www.`).
    fn listed_host(&self, host: &str) -> Option<usize> {
        self.domains
            .iter()
            .find(|(d, _)| host_on_domain(host, d))
            .map(|(_, i)| *i)
    }

    /// The key of the outlet that publishes under the host of `url` (the host itself or a
    /// subdomain of one of its domains) when the list has it; else the key of the host's
    /// registrable name ([`site_key`]), which a text crediting the site by its address or in
    /// a credit line names too.
    pub fn publisher(&self, url: &str) -> Option<u64> {
        let without_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
        let host = without_scheme
            .split(['/', '?', '#'])
            .next()
            .unwrap_or("")
            .rsplit('@')
            .next()
            .unwrap_or("");
        let host = host.split(':').next().unwrap_or("").to_lowercase();
        if !host.contains('.') {
            return None;
        }
        self.site_of_host(&host)
    }
}

/// `text` lowercased, as `str::to_lowercase` does (outside the Greek final sigma, which no
/// name holds), with each run of ASCII lowercased at once. Why: `to_lowercase` goes character by
/// character after the first non-ASCII one, and an English page has its first curly quote early
/// (on a 7,800-byte English text: 28 µs with `to_lowercase`, under 1 µs for the ASCII runs).
fn lowercase(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..ascii]);
        out[start..].make_ascii_lowercase();
        rest = &rest[ascii..];
        if let Some(c) = rest.chars().next() {
            out.extend(c.to_lowercase());
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// The shipped list, parsed once (a unit test checks that it parses).
pub fn default_sources() -> &'static NewsSources {
    static SOURCES: LazyLock<NewsSources> = LazyLock::new(|| {
        NewsSources::from_toml(DEFAULT_NEWS_SOURCES_TOML)
            .expect("data/news-sources.toml parses (tested)")
    });
    &SOURCES
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_list_parses() {
        let s = NewsSources::from_toml(DEFAULT_NEWS_SOURCES_TOML).unwrap();
        assert!(s.keys.len() >= 40);
    }

    #[test]
    fn names_a_source_in_any_case_and_script() {
        let s = default_sources();
        let ft = outlet_key("financial-times");
        assert_eq!(
            s.cited("The US is ready to help, the Financial Times reported."),
            vec![ft]
        );
        assert_eq!(
            s.cited("Про це повідомляє Financial Times з посиланням на джерела."),
            vec![ft]
        );
        assert_eq!(
            s.cited("Про це повідомляє «Суспільне»."),
            vec![outlet_key("suspilne")]
        );
        assert_eq!(
            s.cited("París, 6 ene (EFE).- El primer ministro"),
            vec![outlet_key("efe")]
        );
        let mut two = vec![outlet_key("reuters"), outlet_key("european-pravda")];
        two.sort_unstable();
        assert_eq!(
            s.cited("Як пише \"Європейська правда\" з посиланням на Reuters"),
            two
        );
    }

    #[test]
    fn names_in_other_scripts_in_their_usual_cases() {
        let s = default_sources();
        let ep = vec![outlet_key("european-pravda")];
        for t in [
            "як пише європейська правда",
            "Як пише Європейська правда.",
            "ЯК ПИШЕ ЄВРОПЕЙСЬКА ПРАВДА",
            "Як пише \"Європейська Правда\"",
            "— Европейская правда",
        ] {
            assert_eq!(s.cited(t), ep, "{t}");
        }
    }

    #[test]
    fn photo_credits_and_parts_of_words_do_not_count() {
        let s = default_sources();
        assert!(
            s.cited("(REUTERS/Kevin Lamarque) The president said")
                .is_empty()
        );
        assert!(s.cited("LUDOVIC MARIN/Pool via REUTERS").is_empty());
        assert!(s.cited("Photo: Reuters. The president said").is_empty());
        assert!(s.cited("Фото: Reuters").is_empty());
        // "efe" inside a word, "faz" (Portuguese) and "die Zeit" (German for "the time").
        assert!(s.cited("Chief executives of Efes said").is_empty());
        assert!(
            s.cited("O governo faz o que pode, die Zeit drängt")
                .is_empty()
        );
        // Outlets whose names are common words count only in quotes or with the paper's name.
        assert!(
            s.cited("La situación en el país y en el mundo es tensa.")
                .is_empty()
        );
        assert!(
            s.cited("Secondo la stampa internazionale, la comunidade lusa")
                .is_empty()
        );
        assert!(
            s.cited("Kampania wyborcza trwa. Главком ЗСУ Сирський заявив")
                .is_empty()
        );
        assert_eq!(
            s.cited("según informó el diario El País"),
            vec![outlet_key("el-pais")]
        );
    }

    #[test]
    fn lowercase_agrees_with_the_standard_library() {
        for t in [
            "",
            "ABC",
            "“Європейська Правда” SAID, ÉTÉ İstanbul Ǆ ß ẞ 日本",
            "Plain ascii only.",
            "ЁЖ ёж",
        ] {
            assert_eq!(lowercase(t), t.to_lowercase(), "{t}");
        }
    }

    #[test]
    fn publisher_by_host() {
        let s = default_sources();
        let ep = Some(outlet_key("european-pravda"));
        assert_eq!(
            s.publisher("https://www.eurointegration.com.ua/news/2026/01/6/7228510/"),
            ep
        );
        assert_eq!(
            s.publisher("https://suspilne.media/1096994-rubio/"),
            Some(outlet_key("suspilne"))
        );
        assert_eq!(
            s.publisher("https://uk.reuters.com/world/x"),
            Some(outlet_key("reuters"))
        );
        // A host that merely ends with the same letters is another site, known by its name.
        assert_eq!(
            s.publisher("https://notreuters.com/x"),
            Some(site_key("notreuters"))
        );
        assert_eq!(
            s.publisher("https://www.pravda.com.ua/eng/news/1"),
            Some(outlet_key("ukrainska-pravda"))
        );
        assert_eq!(s.publisher("not a url"), None);
    }

    #[test]
    fn registrable_names_of_hosts() {
        for (host, name) in [
            ("wydarzenia.interia.pl", Some("interia")),
            ("www.pravda.com.ua", Some("pravda")),
            ("bbc.co.uk", Some("bbc")),
            ("italy.news-pravda.com", Some("news-pravda")),
            ("dw.com", Some("dw")),
            ("тсн.ua", Some("тсн")),
            ("m.in", None),
            ("localhost", None),
        ] {
            assert_eq!(registrable_name(host), name, "{host}");
        }
    }

    #[test]
    fn a_site_outside_the_list_is_named_by_its_address_or_a_credit_line() {
        let s = default_sources();
        let interia = site_key("interia");
        assert_eq!(
            s.publisher("https://wydarzenia.interia.pl/zagranica/news-rutte,nId,1"),
            Some(interia)
        );
        for t in [
            "Rutte mówił o trzech poziomach gwarancji. Źr. Interia",
            "Rutte mówił o trzech poziomach gwarancji.\nŹródło: interia.pl",
            "Więcej na https://wydarzenia.interia.pl/zagranica/news-rutte",
            "Rutte, cytowany przez Interia.pl, mówił o gwarancjach.",
        ] {
            assert_eq!(s.cited(t), vec![interia], "{t}");
        }
        assert_eq!(
            s.cited("Gli sminatori italiani. 🔗 Leggi su Quotidiano.net"),
            vec![site_key("quotidiano")]
        );
        // A listed outlet's address is that outlet.
        assert_eq!(
            s.cited("Про це пише Eurointegration.com.ua."),
            vec![outlet_key("european-pravda")]
        );
    }

    #[test]
    fn abbreviations_mail_files_platforms_and_pictures_are_no_site() {
        let s = default_sources();
        for t in [
            "Rozmawiano m.in. o gwarancjach, a U.S. officials agreed.",
            "Write to press@newsroom-example.pl for the text.",
            "<img src=/static/logo.png> The minister said",
            "The post on t.me/kyivindependent and x.com said so.",
            "Quelle: IMAGO / photothek",
            "Source: Shutterstock",
            "Fonte: https://www.youtube.com/watch?v=1",
        ] {
            assert!(s.cited(t).is_empty(), "{t}: {:?}", s.cited(t));
        }
    }

    proptest::proptest! {
        /// Any text, however its dots, credit lines, scripts and addresses fall, gives sorted,
        /// distinct keys without a panic; and a site's own address always credits it.
        #[test]
        fn any_text_gives_sorted_keys(
            text in "([a-zżółćęśąźńЀ-ӿ0-9./@: -]|źr\\.|fonte:|leggi su|\\.pl|\\.com\\.ua){0,60}",
            name in "[a-z][a-z0-9]{2,10}",
        ) {
            let s = default_sources();
            let keys = s.cited(&text);
            proptest::prop_assert!(keys.windows(2).all(|w| w[0] < w[1]));
            let credited = s.cited(&format!("{text} Read more at news.{name}.pl"));
            let host = format!("https://news.{name}.pl/a");
            // (A platform's name, "gov" or "bit", is no publisher: nothing to credit then.)
            if let Some(k) = s.publisher(&host) {
                proptest::prop_assert!(credited.contains(&k));
            }
        }
    }

    #[test]
    fn bad_lists_are_refused_with_the_reason() {
        let err = |t: &str| NewsSources::from_toml(t).err().unwrap().to_string();
        assert!(
            err("source = \"x\"\n[[outlet]]\nid = \"a\"\nnames = []\ndomains = []\n")
                .contains("outlet `a` has no names")
        );
        assert!(
            err("source = \"x\"\n[[outlet]]\nid = \"a\"\nnames = [\"a\"]\ndomains = []\n[[outlet]]\nid = \"a\"\nnames = [\"b\"]\ndomains = []\n")
                .contains("outlet `a` is listed twice")
        );
        assert!(
            err("source = \"x\"\n[[outlet]]\nid = \"a\"\nnames = [\" \"]\ndomains = []\n")
                .contains("outlet `a` has an empty name")
        );
        assert!(
            err("source = \"x\"\n[[outlet]]\nid = \"a\"\nname = []\n").contains("news sources:")
        );
        assert!(
            err("source = \"x\"\ncredit_lines = [\" \"]\n[[outlet]]\nid = \"a\"\nnames = [\"a\"]\ndomains = []\n")
                .contains("an empty credit line")
        );
    }
}
