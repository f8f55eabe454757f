//! Formation sizes by echelon, for requirements written in formations ("2-5 brigades", "a large
//! division") rather than in personnel: the `echelon` method.
//!
//! The sizes ship in `data/formations.toml`, with a source beside each, and are compiled into the
//! binary like the capability taxonomy, so a scenario naming `echelon = "brigade"` means the same
//! thing on every machine. A size is a range per source (doctrine varies by army, arm and era):
//! a requirement names the entry it uses (`formation`) and which value of its range (`take`), or
//! overrides the size with its own source; with neither, it takes the first entry the file lists
//! for the echelon, at its typical value. The file keeps two kinds of figure apart
//! (`includes_enablers`): a formation as organised, and a deployed land component with the
//! enablers that go with it, which differ by a factor of two to three for a brigade; the
//! explanation always says which one a requirement used.

use serde::Deserialize;

use crate::vocabulary::vocabulary;

/// The formation-size file, embedded at build time.
pub const FORMATIONS_TOML: &str = include_str!("../../../data/formations.toml");

vocabulary! {
    /// A level of military organisation, smallest first (the order of `data/formations.toml`).
    pub enum Echelon {
        /// A section or squad: 6-10 soldiers.
        Section = "section",
        /// A platoon: two to four sections.
        Platoon = "platoon",
        /// A company: three to five platoons.
        Company = "company",
        /// A battalion: four to six companies.
        Battalion = "battalion",
        /// A battlegroup: a battalion reinforced with other arms (NATO's forward presence unit).
        Battlegroup = "battlegroup",
        /// A brigade: two to five battalions.
        Brigade = "brigade",
        /// A division: usually three brigades.
        Division = "division",
        /// A corps: two or more divisions.
        Corps = "corps",
    }
}

vocabulary! {
    /// Which value of a formation's published range an `echelon` requirement takes.
    pub enum FormationEnd {
        /// The low end of the range.
        Low = "low",
        /// The entry's typical value, or the middle of its range when it gives none.
        Typical = "typical",
        /// The high end of the range.
        High = "high",
    }
}

/// One published formation size.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Formation {
    /// Stable key, `<echelon>_<source>`.
    pub id: String,
    /// The echelon as written in the file (checked against [`Echelon`] by a test).
    pub echelon: String,
    pub low: f64,
    pub high: f64,
    /// A single planning value, where the source gives or implies one.
    pub typical: Option<f64>,
    /// True for a deployed land component with its enablers, false for the formation as
    /// organised.
    pub includes_enablers: bool,
    pub source: String,
    #[serde(default)]
    pub note: String,
}

impl Formation {
    /// The value of the range a requirement takes.
    pub fn size(&self, end: FormationEnd) -> f64 {
        match end {
            FormationEnd::Low => self.low,
            FormationEnd::High => self.high,
            FormationEnd::Typical => self.typical.unwrap_or((self.low + self.high) / 2.0),
        }
    }
}

#[derive(Debug, Deserialize)]
struct FormationsFile {
    formation: Vec<Formation>,
}

/// The published formation sizes, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct Formations {
    formations: Vec<Formation>,
}

impl Default for Formations {
    /// The sizes shipped in `data/formations.toml`.
    fn default() -> Self {
        // The embedded file is part of the build and checked by a unit test, so a parse failure
        // here is a broken build, not bad user input.
        let file: FormationsFile = toml::from_str(FORMATIONS_TOML)
            .expect("data/formations.toml is valid (checked by tests)");
        Formations {
            formations: file.formation,
        }
    }
}

impl Formations {
    pub fn all(&self) -> &[Formation] {
        &self.formations
    }

    pub fn get(&self, id: &str) -> Option<&Formation> {
        self.formations.iter().find(|f| f.id == id)
    }

    /// The entries of one echelon, in file order.
    pub fn of(&self, echelon: Echelon) -> impl Iterator<Item = &Formation> {
        self.formations
            .iter()
            .filter(move |f| f.echelon == echelon.name())
    }

    /// The entry a requirement takes when it names none: the first the file lists.
    pub fn default_for(&self, echelon: Echelon) -> Option<&Formation> {
        self.of(echelon).next()
    }

    /// The smallest low and the largest high of every entry of an echelon: the published range.
    pub fn range(&self, echelon: Echelon) -> Option<(f64, f64)> {
        self.of(echelon).fold(None, |acc, f| match acc {
            None => Some((f.low, f.high)),
            Some((lo, hi)) => Some((f64::min(lo, f.low), f64::max(hi, f.high))),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every entry names a known echelon, has an ordered range with its typical value inside,
    /// and a source; every echelon has at least one entry, so `default_for` never fails.
    #[test]
    fn the_embedded_file_is_consistent() {
        let f = Formations::default();
        assert!(!f.all().is_empty());
        for e in f.all() {
            assert!(
                Echelon::parse(&e.echelon).is_some(),
                "{}: {}",
                e.id,
                e.echelon
            );
            assert!(e.id.starts_with(&e.echelon), "{}", e.id);
            assert!(0.0 < e.low && e.low <= e.high, "{}", e.id);
            if let Some(t) = e.typical {
                assert!(e.low <= t && t <= e.high, "{}", e.id);
            }
            assert!(!e.source.trim().is_empty(), "{}", e.id);
        }
        for echelon in Echelon::ALL {
            assert!(f.default_for(echelon).is_some(), "no entry for {echelon}");
        }
    }

    /// Published figures read straight from the file (the arithmetic the file states).
    #[test]
    fn known_sizes() {
        let f = Formations::default();
        let brigade = f.get("brigade_land_component_iiss_2025").unwrap();
        assert_eq!(brigade.size(FormationEnd::Typical), 10_000.0);
        let us = f.get("brigade_us_army").unwrap();
        assert_eq!(us.size(FormationEnd::Typical), 4_000.0);
        assert_eq!(f.range(Echelon::Brigade), Some((3_000.0, 10_000.0)));
        assert_eq!(
            f.default_for(Echelon::Brigade).unwrap().id,
            "brigade_us_army"
        );
    }
}
