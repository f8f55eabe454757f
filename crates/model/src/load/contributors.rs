//! The `[[contributors]]`: their codes, capacities per capability (sustainable derived from
//! deployable when not given), political caps and fair-share keys; and the `[[parties]]` that
//! hold red lines without contributing.

use std::collections::HashSet;

use toml::Spanned;

use crate::diag::Diagnostic;
use crate::raw::{RawCapacity, RawContributor, RawParty};
use crate::redline::{Bound, PartyRef, PartySet, RuleContext, RuleErrorKind, parse_rule};
use crate::scenario::{Cap, Capacity, Contributor, Meta, Party};
use crate::taxonomy::Taxonomy;

use super::checker::{Checker, inner, span_of};

impl Checker {
    pub(super) fn contributors(
        &mut self,
        contributors: &[RawContributor],
        taxonomy: &Taxonomy,
        meta: &Meta,
    ) -> Vec<Contributor> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for c in contributors {
            self.unique(&mut seen, &c.code, "contributor");
            let members = if c.members.is_empty() {
                self.country(&c.code, "contributor");
                Vec::new()
            } else {
                self.organisation(c)
            };
            let gdp_usd_bn = c.gdp_usd_bn.as_ref().map(|n| self.sourced(n, "GDP"));
            let mut capacity: Vec<Capacity> = c
                .capacity
                .iter()
                .filter_map(|(name, cap)| self.capacity(c, name, cap, taxonomy, meta))
                .collect();
            capacity.sort_by_key(|c| taxonomy.index(&c.capability));
            let caps = self.caps(c, taxonomy);
            let fair_share = c
                .fair_share
                .as_ref()
                .map(|n| self.sourced(n, "fair-share key"));
            out.push(Contributor {
                code: c.code.get_ref().clone(),
                name: c.name.clone(),
                members,
                alliances: c.alliances.clone(),
                nuclear_armed: c.nuclear_armed,
                gdp_usd_bn,
                capacity,
                caps,
                fair_share,
            });
        }
        out
    }

    /// An organisation's code (upper-case letters, 2 to 8) and its members (states, by ISO 3166
    /// alpha-3 code, each once).
    fn organisation(&mut self, c: &RawContributor) -> Vec<String> {
        let code = c.code.get_ref();
        let ok = (2..=8).contains(&code.len()) && code.chars().all(|ch| ch.is_ascii_uppercase());
        if !ok {
            self.error_help(
                format!("`{code}` is not an organisation code"),
                span_of(&c.code),
                "upper-case letters, 2 to 8",
                Some("e.g. `EU`, `NATO`, `COW` (coalition of the willing)".into()),
            );
        }
        let mut seen = HashSet::new();
        let mut members = Vec::new();
        for m in &c.members {
            self.country(m, "member");
            if !seen.insert(m.get_ref().clone()) {
                self.error(
                    format!(
                        "`{}` is listed twice among the members of `{code}`",
                        m.get_ref()
                    ),
                    span_of(m),
                    "duplicate member",
                );
                continue;
            }
            members.push(m.get_ref().clone());
        }
        members
    }

    /// One capability's capacity; an unknown capability or an empty entry gives none.
    fn capacity(
        &mut self,
        c: &RawContributor,
        name: &Spanned<String>,
        cap: &RawCapacity,
        taxonomy: &Taxonomy,
        meta: &Meta,
    ) -> Option<Capacity> {
        if !self.capability(name, taxonomy) {
            return None;
        }
        let deployable = cap
            .deployable
            .as_ref()
            .map(|d| self.number(d, "deployable capacity", false));
        let (sustainable, derived) = match (&cap.sustainable, deployable) {
            (Some(s), _) => (self.number(s, "sustainable capacity", false), false),
            (None, Some(d)) => (d / meta.default_rotation.value, true),
            (None, None) => {
                self.error_help(
                    format!(
                        "capacity of `{}` for `{}` gives neither `deployable` nor `sustainable`",
                        c.code.get_ref(),
                        name.get_ref()
                    ),
                    span_of(name),
                    "empty capacity",
                    Some("add `deployable = N` and/or `sustainable = N`".into()),
                );
                return None;
            }
        };
        if let (Some(d), Some(s)) = (deployable, &cap.sustainable)
            && *s.get_ref() > d
        {
            self.diags.push(
                Diagnostic::warning(
                    format!(
                        "sustainable capacity {} exceeds deployable capacity {d}",
                        s.get_ref()
                    ),
                    span_of(s),
                )
                .with_label("more than can be deployed at once")
                .with_help("sustainable is what can be kept deployed with rotation; it is normally smaller"),
            );
        }
        if cap.source.trim().is_empty() {
            self.warn(
                format!(
                    "capacity of `{}` for `{}` has no source",
                    c.code.get_ref(),
                    name.get_ref()
                ),
                span_of(name),
                "add `source = \"...\"`",
            );
        }
        Some(Capacity {
            capability: name.get_ref().clone(),
            deployable,
            sustainable,
            sustainable_derived: derived,
            source: cap.source.clone(),
        })
    }

    /// A contributor's caps: red-line rules without `from` (the contributor is implied), limited
    /// to `no` and `at most N`, since a cap bounds what the contributor gives.
    fn caps(&mut self, c: &RawContributor, taxonomy: &Taxonomy) -> Vec<Cap> {
        let code = c.code.get_ref().clone();
        let parties = [code.clone()];
        let cx = RuleContext {
            taxonomy,
            parties: &parties,
            alliances: &[],
        };
        let mut out = Vec::new();
        for text in &c.caps {
            let base = inner(text.span()).start;
            match parse_rule(text.get_ref(), &cx) {
                Ok(mut rule) => {
                    if let PartySet::Some(_) = rule.parties {
                        self.error_help(
                            format!("cap of `{code}` names a party"),
                            span_of(text),
                            "a cap applies to its own contributor",
                            Some(format!("drop `from {code}`: write e.g. `no ground_troops`")),
                        );
                        continue;
                    }
                    if matches!(rule.bound, Bound::Some | Bound::AtLeast(_)) {
                        self.error_help(
                            format!(
                                "cap of `{code}` must limit, not demand: `{}`",
                                text.get_ref()
                            ),
                            span_of(text),
                            "`some` and `at least` are not caps",
                            Some("a cap starts with `no` or `at most N`".into()),
                        );
                        continue;
                    }
                    rule.parties = PartySet::Some(vec![PartyRef::State(code.clone())]);
                    out.push(Cap {
                        rule,
                        text: text.get_ref().clone(),
                    });
                }
                Err(e) => {
                    let help = if e.kind == RuleErrorKind::UnknownParty {
                        Some("a cap applies to its own contributor; leave out `from`".into())
                    } else {
                        e.help
                    };
                    self.error_help(
                        e.message,
                        Some(base + e.span.start..base + e.span.end.max(e.span.start)),
                        "in this cap",
                        help,
                    );
                }
            }
        }
        out
    }

    pub(super) fn parties(
        &mut self,
        parties: &[RawParty],
        contributors: &[Contributor],
    ) -> Vec<Party> {
        let mut seen: HashSet<String> = contributors.iter().map(|c| c.code.clone()).collect();
        parties
            .iter()
            .map(|p| {
                self.country(&p.code, "party");
                if !seen.insert(p.code.get_ref().clone()) {
                    self.error(
                        format!(
                            "party `{}` is declared twice (or is also a contributor)",
                            p.code.get_ref()
                        ),
                        span_of(&p.code),
                        "duplicate party",
                    );
                }
                Party {
                    code: p.code.get_ref().clone(),
                    name: p.name.clone(),
                    alliances: p.alliances.clone(),
                }
            })
            .collect()
    }
}
