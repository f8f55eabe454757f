//! The lexicon (`data/evidence-lexicon.toml`, embedded at build time): phrase lists for
//! boilerplate lines, capabilities, stances, hedges and attribution.
//!
//! This module only loads and checks the lists; the stages decide what a hit means.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::EvidenceError;
use crate::statement::Stance;

/// The lexicon shipped with Guarantor.
pub const DEFAULT_LEXICON_TOML: &str = include_str!("../../../data/evidence-lexicon.toml");

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
    pub negated: BTreeMap<Stance, Stance>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModalityLexicon {
    pub hedges: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributionLexicon {
    pub verbs: Vec<String>,
    pub anonymous: Vec<String>,
    pub pronouns: Vec<String>,
}

/// The whole lexicon file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    pub source: String,
    pub boilerplate: BoilerplateLexicon,
    /// Capability name to phrases, in name order.
    pub capabilities: BTreeMap<String, Vec<String>>,
    pub stances: StanceLexicon,
    pub modality: ModalityLexicon,
    pub attribution: AttributionLexicon,
}

impl Lexicon {
    /// Parses a lexicon file.
    ///
    /// # Errors
    /// [`EvidenceError::Lexicon`] when the TOML does not have the expected shape.
    pub fn from_toml(text: &str) -> Result<Self, EvidenceError> {
        toml::from_str(text).map_err(|e| EvidenceError::Lexicon(e.to_string()))
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

impl Default for Lexicon {
    fn default() -> Self {
        // Embedded at build time and parsed by a unit test: failure is a broken build.
        Lexicon::from_toml(DEFAULT_LEXICON_TOML).expect("data/evidence-lexicon.toml is valid")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_lexicon_parses_and_names_taxonomy_capabilities() {
        let lex = Lexicon::default();
        let taxonomy = guarantor_model::Taxonomy::default();
        for name in lex.capabilities.keys() {
            assert!(
                taxonomy.get(name).is_some() || name == crate::EVIDENCE_ONLY_TOPICS[0],
                "lexicon capability {name} is neither in the taxonomy nor an evidence-only topic"
            );
        }
        for name in taxonomy.names() {
            assert!(lex.capabilities.contains_key(name), "no phrases for {name}");
        }
        assert!(!lex.stance_phrases().is_empty());
    }
}
