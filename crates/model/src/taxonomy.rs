//! The capability taxonomy: the names every part of Guarantor uses for what a guarantee provides.
//!
//! The defaults ship in `data/capabilities.toml` and are compiled into the binary, so the engine
//! works from any directory. A scenario may add capabilities of its own; it may not redefine a
//! default one (two meanings for `air_defence` would make scenarios incomparable).

use serde::{Deserialize, Serialize};

/// The default taxonomy file, embedded at build time.
pub const DEFAULT_TAXONOMY_TOML: &str = include_str!("../../../data/capabilities.toml");

/// Whether a capability is a means that can be counted or a political/economic commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CapabilityKind {
    /// Forces, platforms, money: counted in their unit.
    Force,
    /// A commitment such as an Article 5-like guarantee: counted in guarantors.
    Instrument,
}

/// How pledges from several contributors combine into one figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Aggregate {
    /// Pledges add up (troops, batteries, money).
    Sum,
    /// The best pledge counts (a level of intelligence sharing).
    Max,
}

/// One capability of the taxonomy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Capability {
    /// Identifier used in scenarios, JSON output and the evidence ledger (`air_defence`).
    pub name: String,
    /// The name a reader sees in reports and tables (`air and missile defence`); empty for a
    /// scenario's own capability, which then reads as its identifier in words ([`Self::label`]).
    #[serde(default)]
    pub label: String,
    /// What one unit is (`personnel`, `batteries`, `USD bn per year`).
    pub unit: String,
    pub kind: CapabilityKind,
    pub aggregate: Aggregate,
    /// True when units are physically present where pledged, so presence red lines apply.
    #[serde(default)]
    pub presence: bool,
    #[serde(default)]
    pub description: String,
}

impl Capability {
    /// The capability's name for a reader: its label, or its identifier with spaces for
    /// underscores when it has none (`demining_teams` reads `demining teams`).
    pub fn label(&self) -> String {
        if self.label.trim().is_empty() {
            self.name.replace('_', " ")
        } else {
            self.label.clone()
        }
    }
}

/// A named set of capabilities usable in red lines (`troops`, `forces`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub members: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TaxonomyFile {
    capability: Vec<Capability>,
    #[serde(default)]
    group: Vec<Group>,
}

/// The set of capabilities and groups a scenario is written against.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Taxonomy {
    capabilities: Vec<Capability>,
    groups: Vec<Group>,
}

impl Default for Taxonomy {
    /// The taxonomy shipped in `data/capabilities.toml`.
    fn default() -> Self {
        // The embedded file is part of the build and checked by a unit test, so a parse failure
        // here is a broken build, not bad user input.
        let file: TaxonomyFile = toml::from_str(DEFAULT_TAXONOMY_TOML)
            .expect("data/capabilities.toml is valid (checked by tests)");
        Taxonomy {
            capabilities: file.capability,
            groups: file.group,
        }
    }
}

impl Taxonomy {
    /// All capabilities, defaults first, in file order.
    pub fn capabilities(&self) -> &[Capability] {
        &self.capabilities
    }

    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    pub fn get(&self, name: &str) -> Option<&Capability> {
        self.capabilities.iter().find(|c| c.name == name)
    }

    pub fn group(&self, name: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.name == name)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.capabilities.iter().map(|c| c.name.as_str())
    }

    /// Position of a capability in the taxonomy, for stable ordering of output.
    pub fn index(&self, name: &str) -> usize {
        self.capabilities
            .iter()
            .position(|c| c.name == name)
            .unwrap_or(usize::MAX)
    }

    /// Adds a scenario-defined capability. Fails when the name is already taken.
    pub fn extend(&mut self, capability: Capability) -> Result<(), String> {
        if self.get(&capability.name).is_some() {
            return Err(capability.name);
        }
        self.capabilities.push(capability);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Scenarios, red lines and the evidence ledger all use these names, so they must not change.
    #[test]
    fn default_taxonomy_has_the_agreed_names() {
        let t = Taxonomy::default();
        for name in [
            "ground_troops",
            "air_power",
            "air_defence",
            "intelligence",
            "surveillance",
            "arms_supply",
            "training",
            "border_monitoring",
            "ceasefire_monitoring",
            "naval",
            "financial",
            "article5_like_guarantee",
            "nato_membership",
            "bilateral_agreement",
            "sanctions",
            "nuclear",
        ] {
            assert!(t.get(name).is_some(), "missing capability {name}");
        }
    }

    /// Reports show labels, never identifiers: every default capability has one, distinct from
    /// the others and written for a reader (no underscore).
    #[test]
    fn every_default_capability_has_a_distinct_readable_label() {
        let t = Taxonomy::default();
        let mut seen = std::collections::BTreeSet::new();
        for c in t.capabilities() {
            assert!(!c.label.trim().is_empty(), "{} has no label", c.name);
            assert!(!c.label.contains('_'), "{}: {}", c.name, c.label);
            assert!(
                !c.description.trim().is_empty(),
                "{} has no description",
                c.name
            );
            assert!(seen.insert(c.label.clone()), "label {} twice", c.label);
        }
    }

    #[test]
    fn groups_name_only_known_capabilities() {
        let t = Taxonomy::default();
        for g in t.groups() {
            for m in &g.members {
                assert!(t.get(m).is_some(), "group {} names unknown {m}", g.name);
            }
        }
    }

    #[test]
    fn extend_refuses_redefinition() {
        let mut t = Taxonomy::default();
        let mut c = t.get("naval").unwrap().clone();
        assert_eq!(t.extend(c.clone()), Err("naval".to_string()));
        c.name = "demining".into();
        assert!(t.extend(c).is_ok());
        assert!(t.get("demining").is_some());
    }
}
