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

use guarantor_engine::{Explanation, Requirement, Segment, fmt_amount, fmt_num};
use guarantor_model::{MethodKind, Scenario};
use serde::Serialize;

/// Site kinds in words, plural, for requirement formulas (`11 sites (cities, nuclear power
/// plants, ports)`). Judgement: plain English for the kinds the shipped scenarios use
/// (`scenarios/*.toml`, `kind = ...`); a kind not listed reads as its identifier with spaces.
const SITE_KINDS: &[(&str, &str)] = &[
    ("city", "cities"),
    ("power_plant", "nuclear power plants"),
    ("port", "ports"),
    ("border_crossing", "border crossings"),
    ("region", "regions"),
    ("reserve_region", "reserve regions"),
    ("battlegroup_base", "battlegroup bases"),
];

/// A site kind in words (`power_plant` → `nuclear power plants`).
pub fn site_kind(kind: &str) -> String {
    SITE_KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or_else(|| kind.replace('_', " "), |(_, w)| (*w).to_string())
}

/// Every name a page needs to write a scenario's identifiers in words, by identifier: what the
/// dashboard receives with a scenario's outline, so it writes what the report writes.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Words {
    /// Capability id → label (`air_defence` → `air and missile defence`).
    pub capabilities: BTreeMap<String, String>,
    pub missions: BTreeMap<String, String>,
    pub layers: BTreeMap<String, String>,
    /// Contributor and party code → name.
    pub contributors: BTreeMap<String, String>,
    /// Pledge id → what and from whom (`ground troops from United Kingdom`).
    pub pledges: BTreeMap<String, String>,
    /// Red-line id → its rule in words (`no troops from NATO in theatre`).
    pub red_lines: BTreeMap<String, String>,
    /// Event id → its description.
    pub events: BTreeMap<String, String>,
}

/// Names of a scenario's things, by identifier.
#[derive(Debug, Clone, Default)]
pub struct Names {
    ids: bool,
    capabilities: BTreeMap<String, String>,
    missions: BTreeMap<String, String>,
    layers: BTreeMap<String, String>,
    contributors: BTreeMap<String, String>,
    events: BTreeMap<String, String>,
    lines: BTreeMap<String, String>,
    /// Red-line id → the rule as written.
    red_lines: BTreeMap<String, String>,
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
                .chain(s.party_codes().into_iter().filter_map(|code| {
                    // The protected state and the adversary need no declaration, so they may
                    // have no name in the file: ISO 3166's short name then (the map keeps the
                    // file's own name when there is one, as earlier entries win below).
                    let cc = isocountry::CountryCode::for_alpha3(code).ok()?;
                    Some((code.to_string(), cc.name().to_string()))
                }))
                .fold(BTreeMap::new(), |mut names, (code, name)| {
                    names.entry(code).or_insert(name);
                    names
                }),
            events: s
                .events
                .iter()
                .map(|e| {
                    let words = e.description.trim();
                    let words = if words.is_empty() {
                        format!("event {}", e.id.replace('_', " "))
                    } else {
                        words.to_string()
                    };
                    (e.id.clone(), words)
                })
                .collect(),
            lines: s
                .theatre
                .lines
                .iter()
                .map(|l| (l.id.clone(), l.name.clone()))
                .collect(),
            red_lines: s
                .red_lines
                .iter()
                .map(|r| (r.id.clone(), r.text.clone()))
                .collect(),
            pledges: s
                .pledges
                .iter()
                .map(|p| (p.id.clone(), (p.contributor.clone(), p.capability.clone())))
                .collect(),
        }
    }

    /// Every identifier of the scenario with its words ([`Words`]).
    pub fn words(&self) -> Words {
        let all = |map: &BTreeMap<String, String>, f: &dyn Fn(&str) -> String| {
            map.keys().map(|k| (k.clone(), f(k))).collect()
        };
        Words {
            capabilities: all(&self.capabilities, &|k| self.capability(k)),
            missions: all(&self.missions, &|k| self.mission(k)),
            layers: all(&self.layers, &|k| self.layer(k)),
            contributors: all(&self.contributors, &|k| self.contributor(k)),
            pledges: self
                .pledges
                .keys()
                .map(|k| (k.clone(), self.pledge(k)))
                .collect(),
            red_lines: all(&self.red_lines, &|k| self.red_line(k)),
            events: all(&self.events, &|k| self.look(&self.events, k)),
        }
    }

    /// A theatre line by its name (`Active line of contact`).
    pub fn line(&self, id: &str) -> String {
        self.look(&self.lines, id)
    }

    /// A red line by its rule in words (`no troops from NATO in theatre`); its id with `--ids`.
    pub fn red_line(&self, id: &str) -> String {
        match self.red_lines.get(id) {
            Some(text) if !self.ids => self.rule(text),
            _ => id.to_string(),
        }
    }

    /// A requirement's arithmetic in words, from its parameters: the line by its name, site
    /// kinds in words, a requirement another derives from by mission and capability (`Active
    /// line of contact 1,250 km × 1.28 per km`). With `--ids`, the engine's formula as it is.
    pub fn formula(&self, r: &Requirement) -> String {
        if self.ids {
            return r.formula.clone();
        }
        let p = &r.parameters;
        let num = |k: &str| p.get(k).and_then(serde_json::Value::as_f64);
        let text = |k: &str| p.get(k).and_then(serde_json::Value::as_str);
        let words = match r.method {
            MethodKind::PerKm => text("line")
                .zip(num("line_km"))
                .zip(num("density_per_km"))
                .map(|((line, km), d)| {
                    format!(
                        "{} {} km × {} per km",
                        self.line(line),
                        fmt_num(km),
                        fmt_num(d)
                    )
                }),
            MethodKind::PerSite => num("site_count").zip(num("per_site")).map(|(n, per)| {
                let kinds: Vec<String> = p
                    .get("kinds")
                    .and_then(serde_json::Value::as_array)
                    .map(|a| a.iter().filter_map(|k| k.as_str()).map(site_kind).collect())
                    .unwrap_or_default();
                format!(
                    "{} {} ({}) × {} per site",
                    fmt_num(n),
                    if n == 1.0 { "site" } else { "sites" },
                    kinds.join(", "),
                    fmt_num(per)
                )
            }),
            MethodKind::Ratio => num("base").zip(num("per")).map(|(base, per)| {
                let what = match text("base_is") {
                    Some("area_km2") => "area (km²)",
                    Some("population") => "population",
                    _ => "base",
                };
                format!("{what} {} ÷ {} per unit", fmt_num(base), fmt_num(per))
            }),
            MethodKind::Dependent => text("of")
                .and_then(|of| of.split_once('.'))
                .zip(num("of_required"))
                .zip(num("per"))
                .map(|(((mission, capability), of), per)| {
                    format!(
                        "{} of {} {} × {} per unit",
                        self.capability(capability),
                        self.mission(mission),
                        fmt_num(of),
                        fmt_num(per)
                    )
                }),
            MethodKind::Echelon => text("echelon").zip(num("count")).zip(num("size")).map(
                |((echelon, count), size)| {
                    let what = match p
                        .get("includes_enablers")
                        .and_then(serde_json::Value::as_bool)
                    {
                        Some(true) => ", with enablers",
                        Some(false) => ", as organised",
                        None => "",
                    };
                    let take = text("take").map_or(String::new(), |t| format!(", {t} size"));
                    format!(
                        "{} × {echelon} of {}{take}{what}",
                        fmt_num(count),
                        fmt_num(size)
                    )
                },
            ),
            MethodKind::Fixed | MethodKind::Area => None,
        };
        words.unwrap_or_else(|| r.formula.clone())
    }

    /// An uncertain input of the robustness analyses in words: `pledge gbr-troops` (honoured or
    /// not) as the pledge, `event us_backstop` as the event, a parameter path
    /// (`pledges.usa-air.quantity`, `missions.air_policing.requirements.air_power.amount`,
    /// `theatre.lines.contact_line.km`) by what it sets.
    pub fn input(&self, input: &str) -> String {
        if self.ids {
            return input.to_string();
        }
        if let Some(id) = input.strip_prefix("pledge ") {
            return self.pledge(id);
        }
        if let Some(id) = input.strip_prefix("event ") {
            return self.look(&self.events, id);
        }
        match input.split('.').collect::<Vec<_>>()[..] {
            ["pledges", id, field] => format!("{} of {}", field.replace('_', " "), self.pledge(id)),
            ["missions", mission, "requirements", capability, field] => format!(
                "{}: {}, {}",
                self.mission(mission),
                self.capability(capability),
                field.replace('_', " ")
            ),
            ["theatre", "lines", id, field] => {
                format!(
                    "{} of {}",
                    if field == "km" { "length" } else { field },
                    self.line(id)
                )
            }
            ref parts => parts
                .iter()
                .map(|part| {
                    if let Some(w) = self.capabilities.get(*part) {
                        w.clone()
                    } else if self.pledges.contains_key(*part) {
                        self.pledge(part)
                    } else if let Some(w) = self
                        .missions
                        .get(*part)
                        .or_else(|| self.lines.get(*part))
                        .or_else(|| self.events.get(*part))
                    {
                        w.clone()
                    } else {
                        part.replace('_', " ")
                    }
                })
                .collect::<Vec<_>>()
                .join(" "),
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
            out.lines.extend(n.lines);
            out.red_lines.extend(n.red_lines);
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
            // A bare contributor (`USA`: any pledge of it) by its name.
            None if !self.pledges.contains_key(rest) && self.contributors.contains_key(rest) => {
                self.who(rest)
            }
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

    /// Formulas, analysis inputs and the dashboard's words name lines, site kinds, pledges and
    /// events in words; `--ids` keeps what the engine and the analyses wrote.
    #[test]
    fn formulas_inputs_and_words_read_as_words() {
        let s = guarantor_model::load(AUGUST).scenario.expect("loads");
        let a = guarantor_engine::assess(&s);
        let n = Names::new(&s);
        let formula = |mission: &str, capability: &str| {
            let r = a
                .requirements
                .iter()
                .find(|r| r.mission == mission && r.capability == capability)
                .expect("requirement");
            (n.formula(r), Names::ids(&s).formula(r), r.formula.clone())
        };
        let (words, ids, engine) = formula("ceasefire_monitoring", "ceasefire_monitoring");
        assert_eq!(words, "Active line of contact 1,250 km × 1.28 per km");
        assert_eq!(ids, engine);
        let (words, _, _) = formula("rear_presence", "ground_troops");
        assert_eq!(
            words,
            "11 sites (cities, nuclear power plants, ports) × 1,205 per site"
        );
        assert_eq!(
            n.input("pledge gbr-troops"),
            "ground troops from United Kingdom"
        );
        assert_eq!(
            n.input("pledges.usa-air.quantity"),
            "quantity of air power from United States"
        );
        assert!(!n.input("event us_backstop").contains('_'));
        assert_eq!(n.condition("USA"), "United States");
        let w = n.words();
        assert_eq!(w.pledges["gbr-troops"], "ground troops from United Kingdom");
        assert_eq!(
            w.capabilities["article5_like_guarantee"],
            "Article 5-like guarantee"
        );
        assert_eq!(w.red_lines.len(), s.red_lines.len());
        assert!(
            w.red_lines.values().all(|r| !r.contains('_')),
            "{:?}",
            w.red_lines
        );
    }
}
