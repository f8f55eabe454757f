//! The `[[red_lines]]`: who holds each, its rule in the red-line language (parsed and resolved
//! by [`crate::redline`], errors pointing into the rule text) and its source.

use std::collections::{BTreeSet, HashSet};

use crate::raw::RawRedLine;
use crate::redline::{RuleContext, parse_rule};
use crate::scenario::{Contributor, Party, RedLine, Theatre};
use crate::suggest::did_you_mean;
use crate::taxonomy::Taxonomy;

use super::checker::{Checker, hint, inner, span_of};

/// The names a red line may use: every party (contributors, declared parties, the protected state
/// and the adversary) and every alliance one of them declares.
pub(super) struct RuleNames {
    parties: Vec<String>,
    alliances: Vec<String>,
}

impl RuleNames {
    pub(super) fn new(theatre: &Theatre, contributors: &[Contributor], parties: &[Party]) -> Self {
        let mut codes: Vec<String> = contributors.iter().map(|c| c.code.clone()).collect();
        codes.extend(parties.iter().map(|p| p.code.clone()));
        for code in [&theatre.protected, &theatre.adversary] {
            if !codes.contains(code) {
                codes.push(code.clone());
            }
        }
        let alliances: Vec<String> = contributors
            .iter()
            .flat_map(|c| c.alliances.iter())
            .chain(parties.iter().flat_map(|p| p.alliances.iter()))
            .cloned()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        RuleNames {
            parties: codes,
            alliances,
        }
    }
}

impl Checker {
    pub(super) fn red_lines(
        &mut self,
        red_lines: &[RawRedLine],
        taxonomy: &Taxonomy,
        names: &RuleNames,
    ) -> Vec<RedLine> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        let party_codes = &names.parties;
        let cx = RuleContext {
            taxonomy,
            parties: party_codes,
            alliances: &names.alliances,
        };
        for (i, r) in red_lines.iter().enumerate() {
            let id = match &r.id {
                Some(id) => {
                    self.unique(&mut seen, id, "red line");
                    id.get_ref().clone()
                }
                None => format!("{}-{}", r.party.get_ref().to_lowercase(), i + 1),
            };
            if !party_codes.contains(r.party.get_ref()) {
                let help = hint(did_you_mean(
                    r.party.get_ref(),
                    party_codes.iter().map(String::as_str),
                ))
                .or_else(|| Some("declare it under [[parties]] or [[contributors]]".into()));
                self.error_help(
                    format!("red line names unknown party `{}`", r.party.get_ref()),
                    span_of(&r.party),
                    "not a party of this scenario",
                    help,
                );
            }
            if r.source.trim().is_empty() && r.evidence.is_empty() {
                self.warn(
                    format!("red line `{id}` cites no source"),
                    span_of(&r.rule),
                    "add `source = \"...\"` and `date = \"...\"`",
                );
            }
            let date = r.date.as_ref().and_then(|d| self.date_value(d, "date"));
            let text = r.rule.get_ref();
            match parse_rule(text, &cx) {
                Ok(rule) => out.push(RedLine {
                    id,
                    party: r.party.get_ref().clone(),
                    rule,
                    text: text.clone(),
                    source: r.source.clone(),
                    date,
                    evidence: r.evidence.clone(),
                    note: r.note.clone(),
                }),
                Err(e) => {
                    let base = inner(r.rule.span()).start;
                    self.error_help(
                        e.message,
                        Some(base + e.span.start..base + e.span.end.max(e.span.start)),
                        "in this red-line rule",
                        e.help,
                    );
                }
            }
        }
        out
    }
}
