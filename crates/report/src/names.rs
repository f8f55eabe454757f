//! Words for people: what the report calls each capability, mission, layer, contributor and
//! pledge, and how it writes the engine's explanations and quantities.
//!
//! Results carry identifiers (`ground_troops`, `gbr-troops`), which JSON keeps because programs
//! read it. A reader of the text or HTML report sees the labels of the taxonomy
//! (`data/capabilities.toml`) and the names the scenario gives; [`Names::ids`] keeps identifiers
//! for `guarantor assess --ids`, where a modeller wants to find a row in the file.
//! Quantities go through the engine's one rounding rule ([`guarantor_engine::fmt_amount`] and its
//! siblings), so the text, HTML and CSV outputs agree on every figure.

use std::collections::BTreeMap;

use guarantor_engine::{Explanation, Segment, fmt_amount};
use guarantor_model::Scenario;

/// Names of a scenario's things, by identifier.
#[derive(Debug, Clone, Default)]
pub struct Names {
    ids: bool,
    capabilities: BTreeMap<String, String>,
    missions: BTreeMap<String, String>,
    layers: BTreeMap<String, String>,
    contributors: BTreeMap<String, String>,
    events: BTreeMap<String, String>,
    /// Pledge id → (contributor code, capability id).
    pledges: BTreeMap<String, (String, String)>,
}

impl Names {
    /// Labels and names, for a reader.
    pub fn new(s: &Scenario) -> Names {
        Names {
            ids: false,
            capabilities: s
                .taxonomy
                .capabilities()
                .iter()
                .map(|c| (c.name.clone(), c.label()))
                .collect(),
            missions: s
                .missions
                .iter()
                .map(|m| (m.id.clone(), m.name.clone()))
                .collect(),
            layers: s
                .layers
                .iter()
                .map(|l| (l.id.clone(), l.name.clone()))
                .collect(),
            contributors: s
                .contributors
                .iter()
                .map(|c| (c.code.clone(), c.name.clone()))
                .chain(s.parties.iter().map(|p| (p.code.clone(), p.name.clone())))
                .collect(),
            events: s
                .events
                .iter()
                .map(|e| (e.id.clone(), e.description.clone()))
                .collect(),
            pledges: s
                .pledges
                .iter()
                .map(|p| (p.id.clone(), (p.contributor.clone(), p.capability.clone())))
                .collect(),
        }
    }

    /// Names over several scenarios (the two sides of a comparison): a thing named in a later
    /// one takes that name, a thing only in an earlier one keeps its own.
    pub fn of(scenarios: &[&Scenario]) -> Names {
        let mut out = Names::default();
        for s in scenarios {
            let n = Names::new(s);
            out.capabilities.extend(n.capabilities);
            out.missions.extend(n.missions);
            out.layers.extend(n.layers);
            out.contributors.extend(n.contributors);
            out.events.extend(n.events);
            out.pledges.extend(n.pledges);
        }
        out
    }

    /// Identifiers as the scenario writes them, for a modeller (`--ids`).
    pub fn ids(s: &Scenario) -> Names {
        Names {
            ids: true,
            ..Names::new(s)
        }
    }

    fn look(&self, map: &BTreeMap<String, String>, id: &str) -> String {
        if self.ids {
            return id.to_string();
        }
        map.get(id).cloned().unwrap_or_else(|| id.replace('_', " "))
    }

    pub fn capability(&self, id: &str) -> String {
        self.look(&self.capabilities, id)
    }

    pub fn mission(&self, id: &str) -> String {
        self.look(&self.missions, id)
    }

    pub fn layer(&self, id: &str) -> String {
        self.look(&self.layers, id)
    }

    /// A contributor's name (`United Kingdom`); its code with `--ids`.
    pub fn contributor(&self, code: &str) -> String {
        self.look(&self.contributors, code)
    }

    /// A pledge by who makes it and what it is (`ground troops from United Kingdom`).
    pub fn pledge(&self, id: &str) -> String {
        match self.pledges.get(id) {
            Some((who, what)) if !self.ids => {
                format!("{} from {}", self.capability(what), self.contributor(who))
            }
            _ => id.to_string(),
        }
    }

    /// A condition as written in a scenario (`USA:air_power@signed`, `after ceasefire`) in words:
    /// `air power from United States, signed`, `after the ceasefire event`.
    pub fn condition(&self, condition: &str) -> String {
        if self.ids {
            return condition.to_string();
        }
        if let Some(event) = condition.strip_prefix("after ") {
            return format!("after: {}", self.look(&self.events, event.trim()));
        }
        let (rest, status) = match condition.split_once('@') {
            Some((r, s)) => (r, Some(s)),
            None => (condition, None),
        };
        let words = match rest.split_once(':') {
            Some(("pledge", id)) => self.pledge(id.trim()),
            Some((who, what)) => format!("{} from {}", self.capability(what), self.who(who)),
            None => self.pledge(rest),
        };
        match status {
            Some(s) => format!("{words}, {s}"),
            None => words,
        }
    }

    /// A red-line rule as written (`no ground_troops from USA`) with capabilities and states by
    /// their names (`no ground troops from United States`); the rule's own words stay.
    pub fn rule(&self, text: &str) -> String {
        if self.ids {
            return text.to_string();
        }
        text.split(' ')
            .map(|word| {
                if let Some(label) = self.capabilities.get(word) {
                    label.clone()
                } else if let Some(name) = self.contributors.get(word) {
                    name.clone()
                } else {
                    word.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// A contributor code or an alliance written in a condition.
    fn who(&self, code: &str) -> String {
        match self.contributors.get(code) {
            Some(name) => name.clone(),
            None => code.to_string(),
        }
    }

    /// An engine explanation in words: pledges by who makes them, quantities rounded to their unit,
    /// scenario expressions in words. No Markdown: each renderer formats plain text.
    pub fn explanation(&self, e: &Explanation) -> String {
        let mut out = String::new();
        for s in &e.0 {
            match s {
                Segment::Text(t) => out.push_str(t),
                Segment::Pledge {
                    id,
                    units: Some(units),
                    unit,
                } => {
                    out.push_str(&format!(
                        "{} ({})",
                        self.pledge(id),
                        fmt_amount(*units, unit)
                    ));
                }
                Segment::Pledge {
                    id, units: None, ..
                } => out.push_str(&self.pledge(id)),
                Segment::Amount { value, unit } => out.push_str(&fmt_amount(*value, unit)),
                Segment::Code(c) => {
                    if self.ids {
                        out.push_str(c);
                    } else if let Some(name) = self.events.get(c) {
                        out.push_str(name);
                    } else {
                        out.push_str(&self.condition(c));
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AUGUST: &str = include_str!("../../../scenarios/ukraine-2025-08.toml");

    #[test]
    fn names_read_as_words_and_ids_on_request() {
        let s = guarantor_model::load(AUGUST).scenario.expect("loads");
        let n = Names::new(&s);
        assert_eq!(n.capability("air_defence"), "air and missile defence");
        assert_eq!(n.pledge("gbr-troops"), "ground troops from United Kingdom");
        assert_eq!(
            n.condition("USA:air_power@signed"),
            "air power from United States, signed"
        );
        let ids = Names::ids(&s);
        assert_eq!(ids.capability("air_defence"), "air_defence");
        assert_eq!(ids.pledge("gbr-troops"), "gbr-troops");
        assert_eq!(
            n.rule("no ground_troops from USA"),
            "no ground troops from United States"
        );
    }
}
