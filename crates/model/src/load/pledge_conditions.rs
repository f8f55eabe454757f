//! A pledge's conditions: the pledges of others it `requires` and the events it waits for
//! (`after`); and, once the whole scenario is built, the cycles among conditions that would keep
//! every pledge in them from ever counting.

use toml::Spanned;

use crate::raw::RawPledge;
use crate::scenario::{CapabilitySet, Event, PledgeCondition, Scenario, Status};
use crate::suggest::did_you_mean;
use crate::taxonomy::Taxonomy;
use crate::vocabulary::one_of;

use super::checker::{Checker, hint, span_of};

impl Checker {
    pub(super) fn requires(
        &mut self,
        requires: &[Spanned<String>],
        taxonomy: &Taxonomy,
        codes: &[&str],
        pledges: &[(&str, &str)],
    ) -> Vec<PledgeCondition> {
        let mut out = Vec::new();
        for r in requires {
            let text = r.get_ref();
            // `CODE:capability@status`: the other pledge must be at least that firm.
            let (body, min_status) = match text.split_once('@') {
                None => (text.as_str(), None),
                Some((body, word)) => match Status::parse(word.trim()) {
                    Some(st) => (body, Some(st)),
                    None => {
                        self.error_help(
                            format!("condition asks for unknown status `{}`", word.trim()),
                            span_of(r),
                            &format!("expected {}", one_of(&Status::NAMES)),
                            hint(did_you_mean(word.trim(), Status::NAMES)).or_else(|| {
                                Some(
                                    "e.g. `USA:air_power@signed`: a signed US air-power pledge"
                                        .into(),
                                )
                            }),
                        );
                        continue;
                    }
                },
            };
            // `pledge:id`: one named pledge, whoever gives it.
            if let Some(id) = body.trim().strip_prefix("pledge:") {
                let id = id.trim();
                match pledges.iter().find(|(p, _)| *p == id) {
                    Some((_, contributor)) => out.push(PledgeCondition {
                        text: text.clone(),
                        contributor: contributor.to_string(),
                        capabilities: CapabilitySet::Any,
                        min_status,
                        pledge: Some(id.to_string()),
                    }),
                    None => self.error_help(
                        format!("condition names unknown pledge `{id}`"),
                        span_of(r),
                        "not a pledge of this scenario",
                        hint(did_you_mean(id, pledges.iter().map(|(p, _)| *p)))
                            .or_else(|| Some("`pledge:ID` names a pledge by its `id`".into())),
                    ),
                }
                continue;
            }
            let (code, cap) = match body.split_once(':') {
                Some((code, cap)) => (code.trim(), Some(cap.trim())),
                None => (text.trim(), None),
            };
            if !codes.contains(&code) {
                let help = hint(did_you_mean(code, codes.iter().copied())).or_else(|| {
                    Some("a condition names a contributor: `CODE` or `CODE:capability`".into())
                });
                self.error_help(
                    format!("condition names unknown contributor `{code}`"),
                    span_of(r),
                    "not a contributor",
                    help,
                );
                continue;
            }
            let capabilities = match cap {
                None | Some("anything") => CapabilitySet::Any,
                Some(c) if taxonomy.get(c).is_some() => CapabilitySet::Some(vec![c.to_string()]),
                Some(c) => match taxonomy.group(c) {
                    Some(g) => CapabilitySet::Some(g.members.clone()),
                    None => {
                        let candidates = taxonomy
                            .names()
                            .chain(taxonomy.groups().iter().map(|g| g.name.as_str()));
                        self.error_help(
                            format!("condition names unknown capability `{c}`"),
                            span_of(r),
                            "not in the capability taxonomy",
                            hint(did_you_mean(c, candidates)),
                        );
                        continue;
                    }
                },
            };
            out.push(PledgeCondition {
                text: text.clone(),
                contributor: code.to_string(),
                capabilities,
                min_status,
                pledge: None,
            });
        }
        out
    }

    pub(super) fn after(
        &mut self,
        after: &Option<Spanned<toml::Value>>,
        events: &[Event],
    ) -> Vec<String> {
        let Some(after) = after else {
            return Vec::new();
        };
        let names: Vec<String> = match after.get_ref() {
            toml::Value::String(s) => vec![s.clone()],
            toml::Value::Array(a) if a.iter().all(|v| v.is_str()) => a
                .iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect(),
            other => {
                self.error(
                    format!("`after` takes an event id or a list of them, found `{other}`"),
                    span_of(after),
                    "expected a string or a list of strings",
                );
                return Vec::new();
            }
        };
        for n in &names {
            if !events.iter().any(|e| &e.id == n) {
                let help = hint(did_you_mean(n, events.iter().map(|e| e.id.as_str())))
                    .or_else(|| Some("declare it under [[events]]".into()));
                self.error_help(
                    format!("unknown event `{n}`"),
                    span_of(after),
                    "no such event",
                    help,
                );
            }
        }
        names
    }

    /// Warns of conditions no pledge of the scenario can ever meet (`requires = ["USA:naval"]`
    /// where the US pledges nothing naval): the pledge would lapse in every assessment, which is
    /// almost always a typo or a pledge left out. A condition that pledges exist for but that asks
    /// a firmer status than they have (`@signed`) is a statement about the guarantee, not a
    /// mistake, and is not reported.
    pub(super) fn dead_conditions(&mut self, scenario: &Scenario, raw: &[RawPledge]) {
        for (i, p) in scenario.pledges.iter().enumerate() {
            for c in &p.requires {
                if c.pledge.is_some() {
                    continue;
                }
                let met_by_some = scenario.pledges.iter().enumerate().any(|(j, q)| {
                    j != i
                        && q.contributor == c.contributor
                        && c.capabilities.contains(&q.capability)
                });
                if met_by_some {
                    continue;
                }
                let span = raw
                    .iter()
                    .find(|r| r.id.get_ref() == &p.id)
                    .and_then(|r| r.conditions.as_ref())
                    .and_then(|cs| cs.requires.iter().find(|r| r.get_ref() == &c.text))
                    .map(Spanned::span);
                self.warn_help(
                    format!(
                        "condition `{}` of pledge `{}` can never hold: no other pledge of `{}` matches it",
                        c.text, p.id, c.contributor
                    ),
                    span,
                    "the pledge lapses in every assessment",
                    "check the contributor and capability, or add the pledge it waits for",
                );
            }
        }
    }

    /// Reports pledges whose conditions can only be met through themselves: they would count if
    /// the cycle were assumed to hold, but nothing outside it starts it. See
    /// [`crate::conditions`] for the fixed points.
    pub(super) fn cycles(&mut self, scenario: &Scenario, raw: &[RawPledge]) {
        for cycle in crate::conditions::cycles(scenario) {
            let first = &cycle[0];
            let span = raw
                .iter()
                .find(|p| p.id.get_ref() == first)
                .and_then(|p| p.conditions.as_ref())
                .and_then(|c| c.requires.first())
                .map(Spanned::span);
            let mut path = cycle.clone();
            path.push(first.clone());
            self.error_help(
                format!(
                    "pledge conditions form a cycle: {}",
                    path.iter()
                        .map(|p| format!("`{p}`"))
                        .collect::<Vec<_>>()
                        .join(" → ")
                ),
                span,
                "each waits for the next, so none comes into force",
                Some("make one of these pledges unconditional, or state the joint commitment as one pledge".into()),
            );
        }
    }
}
