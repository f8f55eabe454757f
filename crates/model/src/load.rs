//! From scenario text to a checked [`Scenario`], collecting every diagnostic on the way.
//!
//! Loading has two phases. Serde turns the TOML into [`crate::raw`] types; a syntax or type error
//! stops there (serde cannot go on), and becomes one diagnostic. Then the checker walks the raw
//! scenario, resolves every name, fills in defaults and collects all the problems it finds, so a
//! user sees them together. A scenario is returned only when there is no error; warnings (a number
//! with no source, a site kind nothing selects) travel with it.

use std::collections::{BTreeSet, HashSet};
use std::ops::Range;

use toml::Spanned;

use crate::diag::Diagnostic;
use crate::raw::*;
use crate::redline::{RuleContext, parse_rule};
use crate::scenario::*;
use crate::suggest::did_you_mean;
use crate::taxonomy::{Capability, CapabilityKind, Taxonomy};

/// The result of loading: the scenario when there were no errors, and every diagnostic.
#[derive(Debug)]
pub struct Loaded {
    pub scenario: Option<Scenario>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Parses and checks a scenario written in TOML.
pub fn load(source: &str) -> Loaded {
    let raw: RawScenario = match toml::from_str(source) {
        Ok(raw) => raw,
        Err(e) => {
            return Loaded {
                scenario: None,
                diagnostics: vec![toml_error(&e)],
            };
        }
    };
    let mut checker = Checker::default();
    let scenario = checker.scenario(raw);
    let has_errors = checker.diags.iter().any(Diagnostic::is_error);
    Loaded {
        scenario: if has_errors { None } else { Some(scenario) },
        diagnostics: checker.diags,
    }
}

/// Turns a TOML/serde error into a diagnostic, adding "did you mean" to unknown-field errors.
fn toml_error(e: &toml::de::Error) -> Diagnostic {
    let message = e.message().trim().to_string();
    let hint = unknown_field_hint(&message);
    // The field list goes into the hint; the message names only the offending key.
    let message = match (&hint, message.split_once(", expected")) {
        (Some(_), Some((head, _))) if message.starts_with("unknown field") => head.to_string(),
        _ => message,
    };
    let help = hint.or_else(|| {
        Some("see `docs/scenario-format.md`, or `guarantor schema` for editors".into())
    });
    Diagnostic::error(first_line(&message), e.span())
        .with_label("here")
        .with_help_opt(help)
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or(s).to_string()
}

/// serde writes "unknown field `quantiy`, expected one of `id`, `contributor`, ...".
fn unknown_field_hint(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    match did_you_mean(field, expected.iter().copied()) {
        Some(s) => Some(format!("did you mean `{s}`?")),
        None if !expected.is_empty() => Some(format!(
            "allowed here: {}",
            expected
                .iter()
                .map(|e| format!("`{e}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        None => None,
    }
}

#[derive(Default)]
struct Checker {
    diags: Vec<Diagnostic>,
    /// Capabilities each mission names, valid or not, so that a pledge to a mission whose
    /// requirement has an error is not reported a second time as counting nowhere.
    mission_caps: std::collections::HashMap<String, Vec<String>>,
}

fn span_of<T>(s: &Spanned<T>) -> Option<Range<usize>> {
    Some(s.span())
}

/// The span of the text inside a quoted TOML string (so rule errors can point into it).
fn inner(span: Range<usize>) -> Range<usize> {
    if span.end >= span.start + 2 {
        span.start + 1..span.end - 1
    } else {
        span
    }
}

fn hint(candidate: Option<String>) -> Option<String> {
    candidate.map(|s| format!("did you mean `{s}`?"))
}

impl Checker {
    fn error(&mut self, message: impl Into<String>, span: Option<Range<usize>>, label: &str) {
        self.diags
            .push(Diagnostic::error(message, span).with_label(label));
    }

    fn error_help(
        &mut self,
        message: impl Into<String>,
        span: Option<Range<usize>>,
        label: &str,
        help: Option<String>,
    ) {
        self.diags.push(
            Diagnostic::error(message, span)
                .with_label(label)
                .with_help_opt(help),
        );
    }

    fn warn(&mut self, message: impl Into<String>, span: Option<Range<usize>>, help: &str) {
        self.diags.push(
            Diagnostic::warning(message, span)
                .with_label("no source")
                .with_help(help),
        );
    }

    /// A finite, non-negative number; `positive` also refuses zero.
    fn number(&mut self, n: &Spanned<f64>, what: &str, positive: bool) -> f64 {
        let v = *n.get_ref();
        if !v.is_finite() || v < 0.0 || (positive && v == 0.0) {
            let need = if positive { "positive" } else { "zero or more" };
            self.error(
                format!("{what} must be {need}, found `{v}`"),
                span_of(n),
                "out of range",
            );
            return 0.0;
        }
        v
    }

    fn sourced(&mut self, n: &RawNumber, what: &str) -> Sourced {
        let value = self.number(&n.value, what, false);
        if n.source.trim().is_empty() {
            self.warn(
                format!("{what} has no source"),
                span_of(&n.value),
                "add `source = \"...\"` (say `judgement: ...` when it is one)",
            );
        }
        Sourced {
            value,
            source: n.source.clone(),
        }
    }

    fn unique(&mut self, seen: &mut HashSet<String>, id: &Spanned<String>, what: &str) {
        if id.get_ref().trim().is_empty() {
            self.error(format!("empty {what} id"), span_of(id), "empty");
        } else if !seen.insert(id.get_ref().clone()) {
            self.error(
                format!("duplicate {what} `{}`", id.get_ref()),
                span_of(id),
                "already defined above",
            );
        }
    }

    /// An ISO 3166 alpha-3 code, with a suggestion for lowercase or alpha-2 codes.
    fn country(&mut self, code: &Spanned<String>, what: &str) {
        let c = code.get_ref();
        if isocountry::CountryCode::for_alpha3(c).is_ok() {
            return;
        }
        // Codes people write that ISO does not have: the UK's common abbreviation and the EU's
        // code for Greece.
        let common = match c.to_uppercase().as_str() {
            "UK" => Some(("the United Kingdom", "GBR")),
            "EL" => Some(("Greece", "GRC")),
            _ => None,
        };
        let help = if let Some((name, code)) = common {
            Some(format!("the ISO 3166 alpha-3 code of {name} is `{code}`"))
        } else if let Ok(cc) = isocountry::CountryCode::for_alpha3_caseless(c) {
            Some(format!("codes are upper case: `{}`", cc.alpha3()))
        } else if let Ok(cc) = isocountry::CountryCode::for_alpha2_caseless(c) {
            Some(format!(
                "`{c}` is an alpha-2 code; the alpha-3 code of {} is `{}`",
                cc.name(),
                cc.alpha3()
            ))
        } else {
            Some("states are ISO 3166 alpha-3 codes, e.g. `USA`, `GBR`, `FRA`".into())
        };
        self.error_help(
            format!("`{c}` is not an ISO 3166 alpha-3 code ({what})"),
            span_of(code),
            "unknown country code",
            help,
        );
    }

    fn scenario(&mut self, raw: RawScenario) -> Scenario {
        let meta = self.meta(&raw.scenario);
        let theatre = self.theatre(&raw.theatre);
        let events = self.events(&raw.events);
        let taxonomy = self.taxonomy(&raw.capabilities);
        let layers = self.layers(&raw.layers);
        let missions = self.missions(&raw.missions, &layers, &theatre, &taxonomy, &meta);
        let contributors = self.contributors(&raw.contributors, &taxonomy, &meta);
        let parties = self.parties(&raw.parties, &contributors);
        let mut pledges = self.pledges(
            &raw.pledges,
            &taxonomy,
            &contributors,
            &missions,
            &layers,
            &events,
        );
        let party_codes: Vec<String> = {
            let mut v: Vec<String> = contributors.iter().map(|c| c.code.clone()).collect();
            v.extend(parties.iter().map(|p| p.code.clone()));
            for code in [&theatre.protected, &theatre.adversary] {
                if !v.contains(code) {
                    v.push(code.clone());
                }
            }
            v
        };
        let alliances: Vec<String> = contributors
            .iter()
            .flat_map(|c| c.alliances.iter())
            .chain(parties.iter().flat_map(|p| p.alliances.iter()))
            .cloned()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let red_lines = self.red_lines(&raw.red_lines, &taxonomy, &party_codes, &alliances);
        // credibility indicators (issue 5)
        let guarantee = self.guarantee(raw.guarantee.as_ref(), &contributors);
        // uncertainty (issue 3, robustness)
        let uncertainty = self.uncertainty(&raw, &theatre, &events, &missions, &mut pledges);
        let scenario = Scenario {
            uncertainty,
            meta,
            theatre,
            events,
            taxonomy,
            layers,
            missions,
            contributors,
            parties,
            pledges,
            red_lines,
            guarantee,
        };
        if !self.diags.iter().any(Diagnostic::is_error) {
            self.cycles(&scenario, &raw.pledges);
        }
        scenario
    }

    fn meta(&mut self, m: &RawMeta) -> Meta {
        if !is_iso_date(m.as_of.get_ref()) {
            self.error_help(
                format!("`{}` is not an ISO 8601 date", m.as_of.get_ref()),
                span_of(&m.as_of),
                "expected YYYY-MM-DD or YYYY-MM",
                Some("e.g. `as_of = \"2025-08-19\"`".into()),
            );
        }
        let quantity_basis = match &m.quantity_basis {
            None => QuantityBasis::Low,
            Some(b) => QuantityBasis::parse(b.get_ref()).unwrap_or_else(|| {
                self.error_help(
                    format!("unknown quantity basis `{}`", b.get_ref()),
                    span_of(b),
                    "expected `low`, `mid` or `high`",
                    hint(did_you_mean(b.get_ref(), QuantityBasis::NAMES)),
                );
                QuantityBasis::Low
            }),
        };
        let default_rotation = match &m.default_rotation {
            Some(n) => {
                let s = self.sourced(n, "default rotation");
                if s.value < 1.0 {
                    self.error(
                        format!("a rotation factor is at least 1, found `{}`", s.value),
                        span_of(&n.value),
                        "units in the pool per unit deployed",
                    );
                }
                s
            }
            None => Sourced {
                value: 3.0,
                source: "built-in default: three units in the pool for one deployed (see docs/scenario-format.md)".into(),
            },
        };
        Meta {
            id: m.id.clone(),
            name: m.name.clone(),
            as_of: m.as_of.get_ref().clone(),
            description: m.description.clone(),
            quantity_basis,
            default_rotation,
        }
    }

    fn theatre(&mut self, t: &RawTheatre) -> Theatre {
        self.country(&t.protected, "protected state");
        self.country(&t.adversary, "adversary");
        let area_km2 = t.area_km2.as_ref().map(|n| self.sourced(n, "theatre area"));
        let population = t
            .population
            .as_ref()
            .map(|n| self.sourced(n, "theatre population"));
        let mut seen = HashSet::new();
        let mut lines = Vec::new();
        for l in &t.lines {
            self.unique(&mut seen, &l.id, "line");
            let km = self.number(&l.km, "a line's length", true);
            if l.source.trim().is_empty() {
                self.warn(
                    format!("line `{}` has no source for its length", l.id.get_ref()),
                    span_of(&l.km),
                    "add `source = \"...\"`",
                );
            }
            lines.push(Line {
                id: l.id.get_ref().clone(),
                name: l.name.clone(),
                km,
                source: l.source.clone(),
            });
        }
        let mut seen = HashSet::new();
        let mut sites = Vec::new();
        for s in &t.sites {
            self.unique(&mut seen, &s.id, "site");
            sites.push(Site {
                id: s.id.get_ref().clone(),
                name: s.name.clone(),
                kind: s.kind.clone(),
                population: s.population,
                source: s.source.clone(),
            });
        }
        Theatre {
            protected: t.protected.get_ref().clone(),
            adversary: t.adversary.get_ref().clone(),
            area_km2,
            population,
            lines,
            sites,
        }
    }

    fn events(&mut self, events: &[RawEvent]) -> Vec<Event> {
        let mut seen = HashSet::new();
        events
            .iter()
            .map(|e| {
                self.unique(&mut seen, &e.id, "event");
                Event {
                    id: e.id.get_ref().clone(),
                    description: e.description.clone(),
                    holds: e.holds,
                    source: e.source.clone(),
                }
            })
            .collect()
    }

    fn taxonomy(&mut self, extra: &[RawCapability]) -> Taxonomy {
        let mut taxonomy = Taxonomy::default();
        for c in extra {
            let capability = Capability {
                name: c.name.get_ref().clone(),
                unit: c.unit.clone(),
                kind: c.kind,
                aggregate: c.aggregate,
                presence: c.presence,
                description: c.description.clone(),
            };
            if let Err(name) = taxonomy.extend(capability) {
                self.error_help(
                    format!("capability `{name}` is already defined"),
                    span_of(&c.name),
                    "redefinition",
                    Some("the default taxonomy (data/capabilities.toml) defines it; choose another name".into()),
                );
            }
        }
        taxonomy
    }

    fn layers(&mut self, layers: &[RawLayer]) -> Vec<Layer> {
        let mut seen = HashSet::new();
        layers
            .iter()
            .map(|l| {
                self.unique(&mut seen, &l.id, "layer");
                Layer {
                    id: l.id.get_ref().clone(),
                    name: l.name.clone(),
                    description: l.description.clone(),
                }
            })
            .collect()
    }

    fn capability(&mut self, name: &Spanned<String>, taxonomy: &Taxonomy) -> bool {
        if taxonomy.get(name.get_ref()).is_some() {
            return true;
        }
        let help = hint(did_you_mean(name.get_ref(), taxonomy.names())).or_else(|| {
            Some("capabilities are listed in data/capabilities.toml; add new ones with [[capabilities]]".into())
        });
        self.error_help(
            format!("unknown capability `{}`", name.get_ref()),
            span_of(name),
            "not in the capability taxonomy",
            help,
        );
        false
    }

    fn location(&mut self, loc: &Option<Spanned<String>>, default: Location) -> Location {
        match loc {
            None => default,
            Some(l) => Location::parse(l.get_ref()).unwrap_or_else(|| {
                self.error_help(
                    format!("unknown location `{}`", l.get_ref()),
                    span_of(l),
                    "expected `front`, `rear` or `outside`",
                    hint(did_you_mean(l.get_ref(), Location::NAMES)),
                );
                default
            }),
        }
    }

    fn rotation(&mut self, r: &Spanned<f64>) -> f64 {
        let v = *r.get_ref();
        if !v.is_finite() || v < 1.0 {
            self.error(
                format!("a rotation factor is at least 1, found `{v}`"),
                span_of(r),
                "units in the pool per unit deployed",
            );
            return 1.0;
        }
        v
    }

    fn missions(
        &mut self,
        missions: &[RawMission],
        layers: &[Layer],
        theatre: &Theatre,
        taxonomy: &Taxonomy,
        meta: &Meta,
    ) -> Vec<Mission> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for m in missions {
            self.unique(&mut seen, &m.id, "mission");
            if !layers.iter().any(|l| &l.id == m.layer.get_ref()) {
                let help = hint(did_you_mean(
                    m.layer.get_ref(),
                    layers.iter().map(|l| l.id.as_str()),
                ))
                .or_else(|| Some("declare it with [[layers]]".into()));
                self.error_help(
                    format!("unknown layer `{}`", m.layer.get_ref()),
                    span_of(&m.layer),
                    "no such layer",
                    help,
                );
            }
            let location = self.location(&m.location, Location::Rear);
            let rotation = match &m.rotation {
                Some(r) => self.rotation(r),
                None => meta.default_rotation.value,
            };
            let rotation_source = if m.rotation.is_some() {
                m.rotation_source.clone()
            } else {
                meta.default_rotation.source.clone()
            };
            if m.requirements.is_empty() {
                self.error(
                    format!("mission `{}` has no requirements", m.id.get_ref()),
                    span_of(&m.id),
                    "add at least one [[missions.requirements]]",
                );
            }
            let mut caps_seen = HashSet::new();
            let mut requirements = Vec::new();
            self.mission_caps.insert(
                m.id.get_ref().clone(),
                m.requirements
                    .iter()
                    .map(|r| r.capability.get_ref().clone())
                    .collect(),
            );
            for r in &m.requirements {
                if self.capability(&r.capability, taxonomy)
                    && !caps_seen.insert(r.capability.get_ref().clone())
                {
                    self.error(
                        format!(
                            "mission `{}` states `{}` twice",
                            m.id.get_ref(),
                            r.capability.get_ref()
                        ),
                        span_of(&r.capability),
                        "one requirement per capability and mission",
                    );
                }
                if let Some(method) = self.method(r, theatre) {
                    let rotation = match &r.rotation {
                        Some(x) => self.rotation(x),
                        None => rotation,
                    };
                    if r.source.trim().is_empty() {
                        self.warn(
                            format!(
                                "requirement `{}` of mission `{}` has no source",
                                r.capability.get_ref(),
                                m.id.get_ref()
                            ),
                            span_of(&r.method),
                            "add `source = \"...\"` for its parameters",
                        );
                    }
                    requirements.push(RequirementSpec {
                        capability: r.capability.get_ref().clone(),
                        method,
                        rotation,
                        source: r.source.clone(),
                    });
                }
            }
            out.push(Mission {
                id: m.id.get_ref().clone(),
                layer: m.layer.get_ref().clone(),
                name: m.name.clone(),
                description: m.description.clone(),
                location,
                rotation,
                rotation_source,
                requirements,
            });
        }
        out
    }

    fn method(&mut self, r: &RawRequirement, theatre: &Theatre) -> Option<Method> {
        let method = r.method.get_ref().as_str();
        // Parameters each method takes; any other parameter given is a mistake worth naming.
        let given: [(&str, Option<Range<usize>>); 7] = [
            ("line", r.line.as_ref().map(|x| x.span())),
            ("density", r.density.as_ref().map(|x| x.span())),
            (
                "kinds",
                r.kinds.as_ref().and_then(|k| k.first().map(|x| x.span())),
            ),
            ("per_site", r.per_site.as_ref().map(|x| x.span())),
            ("amount", r.amount.as_ref().map(|x| x.span())),
            ("base", r.base.as_ref().map(|x| x.span())),
            ("per", r.per.as_ref().map(|x| x.span())),
        ];
        let wanted: &[&str] = match method {
            "per_km" => &["line", "density"],
            "per_site" => &["kinds", "per_site"],
            "fixed" => &["amount"],
            "ratio" => &["base", "per"],
            other => {
                self.error_help(
                    format!("unknown requirement method `{other}`"),
                    span_of(&r.method),
                    "expected `per_km`, `per_site`, `fixed` or `ratio`",
                    hint(did_you_mean(other, Method::NAMES)),
                );
                return None;
            }
        };
        let mut ok = true;
        for (name, span) in &given {
            if span.is_some() && !wanted.contains(name) {
                self.error_help(
                    format!("`{name}` is not a parameter of method `{method}`"),
                    span.clone(),
                    "not used by this method",
                    Some(format!(
                        "`{method}` takes {}",
                        wanted
                            .iter()
                            .map(|w| format!("`{w}`"))
                            .collect::<Vec<_>>()
                            .join(" and ")
                    )),
                );
                ok = false;
            }
        }
        for name in wanted {
            if given.iter().any(|(n, s)| n == name && s.is_none()) {
                self.error_help(
                    format!("method `{method}` needs `{name}`"),
                    span_of(&r.method),
                    "missing parameter",
                    Some(format!("add `{name} = ...` to this requirement")),
                );
                ok = false;
            }
        }
        if !ok {
            return None;
        }
        Some(match method {
            "per_km" => {
                let line = r.line.as_ref()?;
                if theatre.line(line.get_ref()).is_none() {
                    let help = hint(did_you_mean(
                        line.get_ref(),
                        theatre.lines.iter().map(|l| l.id.as_str()),
                    ))
                    .or_else(|| Some("declare it under [[theatre.lines]]".into()));
                    self.error_help(
                        format!("unknown line `{}`", line.get_ref()),
                        span_of(line),
                        "no such theatre line",
                        help,
                    );
                }
                let density = self.number(r.density.as_ref()?, "a density", false);
                Method::PerKm {
                    line: line.get_ref().clone(),
                    density,
                }
            }
            "per_site" => {
                let kinds = r.kinds.as_ref()?;
                if kinds.is_empty() {
                    self.error(
                        "`kinds` is empty",
                        span_of(&r.method),
                        "name at least one site kind",
                    );
                }
                for k in kinds {
                    if !theatre.sites.iter().any(|s| &s.kind == k.get_ref()) {
                        let known: BTreeSet<&str> =
                            theatre.sites.iter().map(|s| s.kind.as_str()).collect();
                        self.diags.push(
                            Diagnostic::warning(
                                format!("no site of kind `{}` in the theatre", k.get_ref()),
                                span_of(k),
                            )
                            .with_label("selects nothing")
                            .with_help_opt(
                                hint(did_you_mean(k.get_ref(), known))
                                    .or_else(|| Some("add sites under [[theatre.sites]]".into())),
                            ),
                        );
                    }
                }
                let per_site = self.number(r.per_site.as_ref()?, "units per site", false);
                Method::PerSite {
                    kinds: kinds.iter().map(|k| k.get_ref().clone()).collect(),
                    per_site,
                }
            }
            "fixed" => Method::Fixed {
                amount: self.number(r.amount.as_ref()?, "an amount", false),
            },
            _ => {
                let base = r.base.as_ref()?;
                let base_value = match base.get_ref() {
                    toml::Value::Integer(i) if *i >= 0 => Some(Base::Number(*i as f64)),
                    toml::Value::Float(f) if f.is_finite() && *f >= 0.0 => Some(Base::Number(*f)),
                    toml::Value::String(s) if s == "population" => {
                        if theatre.population.is_none() {
                            self.error(
                                "`base = \"population\"` but the theatre has no population",
                                span_of(base),
                                "add `population = { value = ..., source = ... }` to [theatre]",
                            );
                        }
                        Some(Base::Population)
                    }
                    toml::Value::String(s) if s == "area_km2" => {
                        if theatre.area_km2.is_none() {
                            self.error(
                                "`base = \"area_km2\"` but the theatre has no area",
                                span_of(base),
                                "add `area_km2 = { value = ..., source = ... }` to [theatre]",
                            );
                        }
                        Some(Base::AreaKm2)
                    }
                    other => {
                        self.error_help(
                            format!("`base` must be a non-negative number, `population` or `area_km2`, found `{other}`"),
                            span_of(base),
                            "invalid base",
                            None,
                        );
                        None
                    }
                };
                let per = self.number(r.per.as_ref()?, "`per`", true);
                Method::Ratio {
                    base: base_value?,
                    per: if per > 0.0 { per } else { 1.0 },
                }
            }
        })
    }

    fn contributors(
        &mut self,
        contributors: &[RawContributor],
        taxonomy: &Taxonomy,
        meta: &Meta,
    ) -> Vec<Contributor> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for c in contributors {
            self.unique(&mut seen, &c.code, "contributor");
            self.country(&c.code, "contributor");
            let gdp_usd_bn = c.gdp_usd_bn.as_ref().map(|n| self.sourced(n, "GDP"));
            let mut capacity = Vec::new();
            for (name, cap) in &c.capacity {
                if !self.capability(name, taxonomy) {
                    continue;
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
                        continue;
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
                capacity.push(Capacity {
                    capability: name.get_ref().clone(),
                    deployable,
                    sustainable,
                    sustainable_derived: derived,
                    source: cap.source.clone(),
                });
            }
            capacity.sort_by_key(|c| taxonomy.index(&c.capability));
            // burden-sharing allocation (issue 4)
            let caps = self.caps(c, taxonomy);
            let fair_share = c
                .fair_share
                .as_ref()
                .map(|n| self.sourced(n, "fair-share key"));
            out.push(Contributor {
                code: c.code.get_ref().clone(),
                name: c.name.clone(),
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

    // --- burden-sharing allocation (issue 4) ---
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
                    if let crate::redline::PartySet::Some(_) = rule.parties {
                        self.error_help(
                            format!("cap of `{code}` names a party"),
                            span_of(text),
                            "a cap applies to its own contributor",
                            Some(format!("drop `from {code}`: write e.g. `no ground_troops`")),
                        );
                        continue;
                    }
                    if matches!(
                        rule.bound,
                        crate::redline::Bound::Some | crate::redline::Bound::AtLeast(_)
                    ) {
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
                    rule.parties =
                        crate::redline::PartySet::Some(vec![crate::redline::PartyRef::State(
                            code.clone(),
                        )]);
                    out.push(Cap {
                        rule,
                        text: text.get_ref().clone(),
                    });
                }
                Err(e) => {
                    let help = if e.message.starts_with("unknown party") {
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

    fn parties(&mut self, parties: &[RawParty], contributors: &[Contributor]) -> Vec<Party> {
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

    fn pledges(
        &mut self,
        pledges: &[RawPledge],
        taxonomy: &Taxonomy,
        contributors: &[Contributor],
        missions: &[Mission],
        layers: &[Layer],
        events: &[Event],
    ) -> Vec<Pledge> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        let codes: Vec<&str> = contributors.iter().map(|c| c.code.as_str()).collect();
        for p in pledges {
            self.unique(&mut seen, &p.id, "pledge");
            if !codes.contains(&p.contributor.get_ref().as_str()) {
                let help = hint(did_you_mean(p.contributor.get_ref(), codes.iter().copied()))
                    .or_else(|| Some("declare it under [[contributors]]".into()));
                self.error_help(
                    format!("unknown contributor `{}`", p.contributor.get_ref()),
                    span_of(&p.contributor),
                    "not a contributor of this scenario",
                    help,
                );
            }
            let known_cap = self.capability(&p.capability, taxonomy);
            let capability = taxonomy.get(p.capability.get_ref());
            let quantity = match &p.quantity {
                Some(q) => self.quantity(q),
                None => match capability.map(|c| c.kind) {
                    Some(CapabilityKind::Instrument) | None => Quantity::exact(1.0),
                    Some(CapabilityKind::Force) => {
                        self.error_help(
                            format!("pledge `{}` has no quantity", p.id.get_ref()),
                            span_of(&p.id),
                            "missing `quantity`",
                            Some(format!(
                                "add `quantity = N` or `quantity = [low, high]` in {}",
                                capability.map_or("units", |c| c.unit.as_str())
                            )),
                        );
                        Quantity::exact(0.0)
                    }
                },
            };
            let mut mission_location = Location::Rear;
            let target = match (&p.mission, &p.layer) {
                (Some(m), Some(l)) => {
                    self.error_help(
                        format!(
                            "pledge `{}` names both a mission and a layer",
                            p.id.get_ref()
                        ),
                        span_of(l),
                        "give one",
                        Some("a mission belongs to a layer already; keep `mission`".into()),
                    );
                    Target::Mission(m.get_ref().clone())
                }
                (Some(m), None) => {
                    match missions.iter().find(|x| &x.id == m.get_ref()) {
                        None => {
                            let help = hint(did_you_mean(
                                m.get_ref(),
                                missions.iter().map(|x| x.id.as_str()),
                            ));
                            self.error_help(
                                format!("unknown mission `{}`", m.get_ref()),
                                span_of(m),
                                "no such mission",
                                help,
                            );
                        }
                        Some(mission) => {
                            mission_location = mission.location;
                            if known_cap
                                && !self
                                    .mission_caps
                                    .get(&mission.id)
                                    .is_some_and(|caps| caps.contains(p.capability.get_ref()))
                            {
                                let needs: Vec<String> = mission
                                    .requirements
                                    .iter()
                                    .map(|r| format!("`{}`", r.capability))
                                    .collect();
                                self.error_help(
                                    format!(
                                        "mission `{}` has no requirement for `{}`",
                                        mission.id,
                                        p.capability.get_ref()
                                    ),
                                    span_of(&p.capability),
                                    "this pledge would count nowhere",
                                    Some(format!(
                                        "`{}` requires {}; pledge to another mission, to a layer, or add the requirement",
                                        mission.id,
                                        needs.join(", ")
                                    )),
                                );
                            }
                        }
                    }
                    Target::Mission(m.get_ref().clone())
                }
                (None, Some(l)) => {
                    if !layers.iter().any(|x| &x.id == l.get_ref()) {
                        let help = hint(did_you_mean(
                            l.get_ref(),
                            layers.iter().map(|x| x.id.as_str()),
                        ));
                        self.error_help(
                            format!("unknown layer `{}`", l.get_ref()),
                            span_of(l),
                            "no such layer",
                            help,
                        );
                    } else if known_cap
                        && !missions.iter().any(|m| {
                            &m.layer == l.get_ref()
                                && m.requirements
                                    .iter()
                                    .any(|r| &r.capability == p.capability.get_ref())
                        })
                    {
                        self.error_help(
                            format!(
                                "no mission of layer `{}` requires `{}`",
                                l.get_ref(),
                                p.capability.get_ref()
                            ),
                            span_of(&p.capability),
                            "this pledge would count nowhere",
                            Some("pledge it to another layer or add a requirement".into()),
                        );
                    }
                    if let Some(m) = missions.iter().find(|m| &m.layer == l.get_ref()) {
                        mission_location = m.location;
                    }
                    Target::Layer(l.get_ref().clone())
                }
                (None, None) => Target::Anywhere,
            };
            let location = self.location(&p.location, mission_location);
            let status = Status::parse(p.status.get_ref()).unwrap_or_else(|| {
                self.error_help(
                    format!("unknown status `{}`", p.status.get_ref()),
                    span_of(&p.status),
                    "expected `stated`, `conditional`, `reported` or `rumoured`",
                    hint(did_you_mean(p.status.get_ref(), Status::NAMES)),
                );
                Status::Reported
            });
            let (requires, after) = match &p.conditions {
                None => (Vec::new(), Vec::new()),
                Some(c) => (
                    self.requires(&c.requires, taxonomy, &codes),
                    self.after(&c.after, events),
                ),
            };
            if p.sources.is_empty() && p.evidence.is_empty() {
                self.warn(
                    format!("pledge `{}` cites no source", p.id.get_ref()),
                    span_of(&p.id),
                    "add `sources = [\"...\"]` or `evidence = [\"...\"]`",
                );
            }
            out.push(Pledge {
                id: p.id.get_ref().clone(),
                contributor: p.contributor.get_ref().clone(),
                capability: p.capability.get_ref().clone(),
                quantity,
                target,
                location,
                status,
                requires,
                after,
                sources: p.sources.clone(),
                evidence: p.evidence.clone(),
                note: p.note.clone(),
            });
        }
        out
    }

    fn quantity(&mut self, q: &Spanned<RawQuantity>) -> Quantity {
        let span = span_of(q);
        let check = |v: f64| v.is_finite() && v >= 0.0;
        match q.get_ref() {
            RawQuantity::One(v) if check(*v) => Quantity::exact(*v),
            RawQuantity::One(v) => {
                self.error_help(
                    format!("a quantity must be zero or more, found `{v}`"),
                    span,
                    "negative quantity",
                    Some("to model a withdrawal, remove the pledge or use `--without CODE`".into()),
                );
                Quantity::exact(0.0)
            }
            RawQuantity::Range(r) => match r.as_slice() {
                [lo, hi] if check(*lo) && check(*hi) && lo <= hi => Quantity {
                    low: *lo,
                    high: *hi,
                },
                [lo, hi] if check(*lo) && check(*hi) => {
                    self.error_help(
                        format!("range `[{lo}, {hi}]` is inverted"),
                        span,
                        "low is above high",
                        Some(format!("write `[{hi}, {lo}]`")),
                    );
                    Quantity::exact(0.0)
                }
                [_, _] => {
                    self.error(
                        "range bounds must be zero or more",
                        span,
                        "negative quantity",
                    );
                    Quantity::exact(0.0)
                }
                _ => {
                    self.error_help(
                        format!("a range has two numbers, found {}", r.len()),
                        span,
                        "expected `[low, high]`",
                        None,
                    );
                    Quantity::exact(0.0)
                }
            },
        }
    }

    fn requires(
        &mut self,
        requires: &[Spanned<String>],
        taxonomy: &Taxonomy,
        codes: &[&str],
    ) -> Vec<PledgeCondition> {
        let mut out = Vec::new();
        for r in requires {
            let text = r.get_ref();
            let (code, cap) = match text.split_once(':') {
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
            });
        }
        out
    }

    fn after(&mut self, after: &Option<Spanned<toml::Value>>, events: &[Event]) -> Vec<String> {
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

    fn red_lines(
        &mut self,
        red_lines: &[RawRedLine],
        taxonomy: &Taxonomy,
        party_codes: &[String],
        alliances: &[String],
    ) -> Vec<RedLine> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        let cx = RuleContext {
            taxonomy,
            parties: party_codes,
            alliances,
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
            let text = r.rule.get_ref();
            match parse_rule(text, &cx) {
                Ok(rule) => out.push(RedLine {
                    id,
                    party: r.party.get_ref().clone(),
                    rule,
                    text: text.clone(),
                    source: r.source.clone(),
                    date: r.date.clone(),
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

    /// Reports pledges whose conditions can only be met through themselves: they would count if
    /// the cycle were assumed to hold, but nothing outside it starts it. See
    /// [`crate::conditions`] for the fixed points.
    fn cycles(&mut self, scenario: &Scenario, raw: &[RawPledge]) {
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

// --- credibility indicators (issue 5): the `[guarantee]` table ---
impl Checker {
    fn guarantee(&mut self, g: Option<&RawGuarantee>, contributors: &[Contributor]) -> Guarantee {
        let Some(g) = g else {
            return Guarantee::default();
        };
        let legal_form = g
            .legal_form
            .as_ref()
            .and_then(|a| self.attribute(a, "legal form", &LegalForm::NAMES, LegalForm::parse));
        let automaticity = g.automaticity.as_ref().and_then(|a| {
            self.attribute(a, "automaticity", &Automaticity::NAMES, Automaticity::parse)
        });
        let integrated_command = g.integrated_command.as_ref().and_then(|a| {
            self.attribute(
                a,
                "integrated command",
                &CommandForm::NAMES,
                CommandForm::parse,
            )
        });
        let reliability_class = g.reliability_class.as_ref().and_then(|a| {
            self.attribute(
                a,
                "reliability class",
                &ReliabilityClass::NAMES,
                ReliabilityClass::parse,
            )
        });
        let duration = g.duration.as_ref().and_then(|d| self.duration(d));
        let backstop = g.backstop.as_ref().and_then(|a| {
            self.attribute_source(&a.source, &a.value, "backstop");
            let code = a.value.get_ref();
            if code == "none" {
                return Some(Attribute {
                    value: None,
                    source: a.source.clone(),
                });
            }
            if contributors.iter().any(|c| &c.code == code) {
                return Some(Attribute {
                    value: Some(code.clone()),
                    source: a.source.clone(),
                });
            }
            let help = hint(did_you_mean(
                code,
                contributors.iter().map(|c| c.code.as_str()),
            ))
            .or_else(|| {
                Some("name a contributor declared under [[contributors]], or `none`".into())
            });
            self.error_help(
                format!("backstop names unknown contributor `{code}`"),
                span_of(&a.value),
                "not a contributor",
                help,
            );
            None
        });
        Guarantee {
            legal_form,
            automaticity,
            duration,
            integrated_command,
            backstop,
            reliability_class,
        }
    }

    fn attribute_source(&mut self, source: &str, value: &Spanned<String>, what: &str) {
        if source.trim().is_empty() {
            self.warn(
                format!("guarantee {what} has no source"),
                span_of(value),
                "add `source = \"...\"` (say `judgement: ...` when it is one)",
            );
        }
    }

    fn attribute<T>(
        &mut self,
        a: &RawAttribute,
        what: &str,
        names: &[&'static str],
        parse: fn(&str) -> Option<T>,
    ) -> Option<Attribute<T>> {
        self.attribute_source(&a.source, &a.value, what);
        match parse(a.value.get_ref()) {
            Some(value) => Some(Attribute {
                value,
                source: a.source.clone(),
            }),
            None => {
                let allowed = names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                self.error_help(
                    format!("unknown {what} `{}`", a.value.get_ref()),
                    span_of(&a.value),
                    &format!("expected one of {allowed}"),
                    hint(did_you_mean(a.value.get_ref(), names.iter().copied())),
                );
                None
            }
        }
    }

    fn duration(&mut self, d: &RawDuration) -> Option<Attribute<Duration>> {
        let value = match d.value.get_ref() {
            toml::Value::String(s) if s == "open_ended" => Some(Duration::OpenEnded),
            toml::Value::Integer(n) if *n > 0 => Some(Duration::Years(*n as f64)),
            toml::Value::Float(x) if x.is_finite() && *x > 0.0 => Some(Duration::Years(*x)),
            other => {
                self.error_help(
                    format!("a duration is a positive number of years or `\"open_ended\"`, found `{other}`"),
                    span_of(&d.value),
                    "not a duration",
                    Some("e.g. `duration = { value = 10, source = \"...\" }`".into()),
                );
                None
            }
        }?;
        if d.source.trim().is_empty() {
            self.warn(
                "guarantee duration has no source",
                span_of(&d.value),
                "add `source = \"...\"` (say `judgement: ...` when it is one)",
            );
        }
        Some(Attribute {
            value,
            source: d.source.clone(),
        })
    }
}

// --- uncertainty (issue 3, robustness) ---
// Probabilities of pledges and events, shared causes (`depends_on`) and `[[uncertain]]`
// parameter ranges. A shared cause is an event: it is added to the pledge's events, so the
// deterministic assessment and the Monte Carlo treat it exactly like `after`.
impl Checker {
    fn uncertainty(
        &mut self,
        raw: &RawScenario,
        theatre: &Theatre,
        events: &[Event],
        missions: &[Mission],
        pledges: &mut [Pledge],
    ) -> Uncertainty {
        let mut out = Uncertainty::default();
        for e in &raw.events {
            if let Some(p) = &e.probability {
                let what = format!("event `{}`", e.id.get_ref());
                let probability = self.probability(p, &what, &e.probability_source);
                out.events.push(EventChance {
                    event: e.id.get_ref().clone(),
                    probability,
                    source: e.probability_source.clone(),
                });
            }
        }
        for rp in &raw.pledges {
            let id = rp.id.get_ref();
            if let Some(p) = &rp.probability {
                let what = format!("pledge `{id}`");
                let probability = self.probability(p, &what, &rp.probability_source);
                out.pledges.push(PledgeChance {
                    pledge: id.clone(),
                    probability,
                    source: rp.probability_source.clone(),
                });
            }
            for cause in &rp.depends_on {
                let name = cause.get_ref();
                if !events.iter().any(|e| &e.id == name) {
                    let help = hint(did_you_mean(name, events.iter().map(|e| e.id.as_str())))
                        .or_else(|| {
                            Some(format!(
                                "declare it: `[[events]]` with `id = \"{name}\"` and a `probability`"
                            ))
                        });
                    self.error_help(
                        format!("shared cause `{name}` is never defined"),
                        span_of(cause).map(inner),
                        "no such event",
                        help,
                    );
                    continue;
                }
                if let Some(p) = pledges.iter_mut().find(|p| &p.id == id)
                    && !p.after.contains(name)
                {
                    p.after.push(name.clone());
                }
            }
        }
        let mut seen = HashSet::new();
        for u in &raw.uncertain {
            let target = self.parameter_target(&u.parameter, theatre, missions, pledges);
            let distribution = self.distribution(u);
            if !seen.insert(u.parameter.get_ref().clone()) {
                self.error(
                    format!("`{}` is given a distribution twice", u.parameter.get_ref()),
                    span_of(&u.parameter).map(inner),
                    "already uncertain above",
                );
                continue;
            }
            if u.source.trim().is_empty() {
                self.warn(
                    format!("the range of `{}` has no source", u.parameter.get_ref()),
                    span_of(&u.parameter).map(inner),
                    "add `source = \"...\"` (say `judgement: ...` when it is one)",
                );
            }
            if let (Some(target), Some(distribution)) = (target, distribution) {
                out.parameters.push(UncertainParameter {
                    path: u.parameter.get_ref().clone(),
                    target,
                    distribution,
                    source: u.source.clone(),
                });
            }
        }
        out
    }

    fn probability(&mut self, p: &Spanned<f64>, what: &str, source: &str) -> f64 {
        let v = *p.get_ref();
        if !(0.0..=1.0).contains(&v) {
            self.error_help(
                format!("the probability of {what} must be between 0 and 1, found `{v}`"),
                span_of(p),
                "not a probability",
                Some("write a share, e.g. `probability = 0.75` for three in four".into()),
            );
            return if v.is_nan() { 0.0 } else { v.clamp(0.0, 1.0) };
        }
        if source.trim().is_empty() {
            self.warn(
                format!("the probability of {what} has no source"),
                span_of(p),
                "add `probability_source = \"...\"` (say `judgement: ...` when it is one)",
            );
        }
        v
    }

    fn not_a_parameter(
        &mut self,
        path: &Spanned<String>,
        message: String,
        help: Option<String>,
    ) -> Option<ParameterTarget> {
        self.error_help(
            message,
            span_of(path).map(inner),
            "not an uncertain parameter",
            help,
        );
        None
    }

    /// Resolves a `--set`-style path to the number it names, or reports why it cannot.
    fn parameter_target(
        &mut self,
        path: &Spanned<String>,
        theatre: &Theatre,
        missions: &[Mission],
        pledges: &[Pledge],
    ) -> Option<ParameterTarget> {
        let text = path.get_ref();
        let parts: Vec<&str> = text.split('.').collect();
        if parts.last() == Some(&"rotation") || text == "scenario.default_rotation" {
            return self.not_a_parameter(
                path,
                format!("`{text}` does not change coverage"),
                Some("a rotation factor sizes the force to generate, not the force in place that `simulate` sets against requirements".into()),
            );
        }
        match parts.as_slice() {
            ["theatre", "lines", line, "km"] => {
                if theatre.line(line).is_none() {
                    let help = hint(did_you_mean(line, theatre.lines.iter().map(|l| l.id.as_str())));
                    return self.not_a_parameter(
                        path,
                        format!("unknown line `{line}` in `{text}`"),
                        help,
                    );
                }
                Some(ParameterTarget::LineKm {
                    line: line.to_string(),
                })
            }
            ["theatre", "population"] if theatre.population.is_some() => {
                Some(ParameterTarget::Population)
            }
            ["theatre", "area_km2"] if theatre.area_km2.is_some() => Some(ParameterTarget::AreaKm2),
            ["theatre", field @ ("population" | "area_km2")] => self.not_a_parameter(
                path,
                format!("the theatre gives no `{field}`, so it cannot be uncertain"),
                Some(format!("add `{field} = {{ value = ..., source = ... }}` to [theatre]")),
            ),
            ["missions", mission, "requirements", capability, field] => {
                let Some(m) = missions.iter().find(|m| &m.id == mission) else {
                    let help = hint(did_you_mean(mission, missions.iter().map(|m| m.id.as_str())));
                    return self.not_a_parameter(
                        path,
                        format!("unknown mission `{mission}` in `{text}`"),
                        help,
                    );
                };
                let Some(r) = m.requirements.iter().find(|r| &r.capability == capability) else {
                    let help = hint(did_you_mean(
                        capability,
                        m.requirements.iter().map(|r| r.capability.as_str()),
                    ));
                    return self.not_a_parameter(
                        path,
                        format!("mission `{mission}` has no requirement `{capability}`"),
                        help,
                    );
                };
                let wanted: &[&str] = match &r.method {
                    Method::PerKm { .. } => &["density"],
                    Method::PerSite { .. } => &["per_site"],
                    Method::Fixed { .. } => &["amount"],
                    Method::Ratio {
                        base: Base::Number(_),
                        ..
                    } => &["base", "per"],
                    Method::Ratio { .. } => &["per"],
                };
                match RequirementField::parse(field) {
                    Some(f) if wanted.contains(field) => Some(ParameterTarget::Requirement {
                        mission: mission.to_string(),
                        capability: capability.to_string(),
                        field: f,
                    }),
                    _ => {
                        let help = if *field == "base" {
                            "this base is the theatre's; make `theatre.population` or `theatre.area_km2` uncertain".to_string()
                        } else {
                            format!(
                                "this requirement's numbers are {}",
                                wanted
                                    .iter()
                                    .map(|w| format!("`{w}`"))
                                    .collect::<Vec<_>>()
                                    .join(" and ")
                            )
                        };
                        self.not_a_parameter(
                            path,
                            format!("`{field}` is not a number of requirement `{capability}` of mission `{mission}`"),
                            Some(help),
                        )
                    }
                }
            }
            ["pledges", pledge, "quantity"] => {
                if !pledges.iter().any(|p| &p.id == pledge) {
                    let help = hint(did_you_mean(pledge, pledges.iter().map(|p| p.id.as_str())));
                    return self.not_a_parameter(
                        path,
                        format!("unknown pledge `{pledge}` in `{text}`"),
                        help,
                    );
                }
                Some(ParameterTarget::PledgeQuantity {
                    pledge: pledge.to_string(),
                })
            }
            _ => self.not_a_parameter(
                path,
                format!("unknown parameter path `{text}`"),
                Some("uncertain parameters are `theatre.lines.ID.km`, `theatre.population`, `theatre.area_km2`, `missions.ID.requirements.CAPABILITY.FIELD` and `pledges.ID.quantity`".into()),
            ),
        }
    }

    fn distribution(&mut self, u: &RawUncertain) -> Option<Distribution> {
        let name = u.distribution.get_ref().as_str();
        let given: [(&str, &Option<Spanned<f64>>); 7] = [
            ("low", &u.low),
            ("mode", &u.mode),
            ("high", &u.high),
            ("mean", &u.mean),
            ("sd", &u.sd),
            ("median", &u.median),
            ("sigma", &u.sigma),
        ];
        let wanted: &[&str] = match name {
            "uniform" => &["low", "high"],
            "triangular" => &["low", "mode", "high"],
            "normal" => &["mean", "sd"],
            "lognormal" => &["median", "sigma"],
            other => {
                self.error_help(
                    format!("unknown distribution `{other}`"),
                    span_of(&u.distribution).map(inner),
                    "expected `uniform`, `triangular`, `normal` or `lognormal`",
                    hint(did_you_mean(other, Distribution::NAMES)),
                );
                return None;
            }
        };
        let mut ok = true;
        for (field, value) in &given {
            if let Some(v) = value {
                if !wanted.contains(field) {
                    self.error_help(
                        format!("`{field}` is not a parameter of a `{name}` distribution"),
                        span_of(v),
                        "not used by this distribution",
                        Some(format!(
                            "`{name}` takes {}",
                            wanted
                                .iter()
                                .map(|w| format!("`{w}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )),
                    );
                    ok = false;
                } else if !v.get_ref().is_finite() || *v.get_ref() < 0.0 {
                    self.error(
                        format!(
                            "`{field}` must be a finite number of zero or more, found `{}`",
                            v.get_ref()
                        ),
                        span_of(v),
                        "out of range",
                    );
                    ok = false;
                }
            } else if wanted.contains(field) {
                self.error_help(
                    format!("a `{name}` distribution needs `{field}`"),
                    span_of(&u.distribution).map(inner),
                    "missing parameter",
                    Some(format!("add `{field} = ...`")),
                );
                ok = false;
            }
        }
        if !ok {
            return None;
        }
        let get = |v: &Option<Spanned<f64>>| v.as_ref().map_or(0.0, |x| *x.get_ref());
        let range_span = u
            .low
            .as_ref()
            .zip(u.high.as_ref())
            .map(|(l, h)| l.span().start.min(h.span().start)..l.span().end.max(h.span().end));
        match name {
            "uniform" | "triangular" => {
                let (low, high) = (get(&u.low), get(&u.high));
                if low >= high {
                    let (what, help) = if low == high {
                        ("empty", "a range needs `low` below `high`; for a fixed number, drop the `[[uncertain]]` entry".to_string())
                    } else {
                        (
                            "inverted",
                            format!("write `low = {high}` and `high = {low}`"),
                        )
                    };
                    self.error_help(
                        format!("{what} range: `low = {low}`, `high = {high}`"),
                        range_span,
                        "low must be below high",
                        Some(help),
                    );
                    return None;
                }
                if name == "uniform" {
                    return Some(Distribution::Uniform { low, high });
                }
                let mode = get(&u.mode);
                if !(low..=high).contains(&mode) {
                    self.error(
                        format!("the mode `{mode}` is outside the range `[{low}, {high}]`"),
                        u.mode.as_ref().map(Spanned::span),
                        "the most likely value lies between low and high",
                    );
                    return None;
                }
                Some(Distribution::Triangular { low, mode, high })
            }
            "normal" => {
                let sd = get(&u.sd);
                if sd <= 0.0 {
                    self.error(
                        "`sd` must be above zero",
                        u.sd.as_ref().map(Spanned::span),
                        "no spread",
                    );
                    return None;
                }
                Some(Distribution::Normal {
                    mean: get(&u.mean),
                    sd,
                })
            }
            _ => {
                let (median, sigma) = (get(&u.median), get(&u.sigma));
                if median <= 0.0 || sigma <= 0.0 {
                    self.error(
                        format!("a lognormal needs `median` and `sigma` above zero, found `{median}` and `{sigma}`"),
                        u.median.as_ref().map(Spanned::span),
                        "out of range",
                    );
                    return None;
                }
                Some(Distribution::Lognormal { median, sigma })
            }
        }
    }
}

/// `YYYY-MM-DD` or `YYYY-MM`, with plausible month and day.
fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| p.len() == len && p.chars().all(|c| c.is_ascii_digit());
    match parts.as_slice() {
        [y, m] => num(y, 4) && num(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap_or(0)),
        [y, m, d] => {
            num(y, 4)
                && num(m, 2)
                && num(d, 2)
                && (1..=12).contains(&m.parse::<u32>().unwrap_or(0))
                && (1..=31).contains(&d.parse::<u32>().unwrap_or(0))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        assert!(is_iso_date("2025-08-19"));
        assert!(is_iso_date("2025-01"));
        assert!(!is_iso_date("19/08/2025"));
        assert!(!is_iso_date("2025-13-01"));
    }

    #[test]
    fn unknown_field_hint_suggests() {
        let m = "unknown field `quantiy`, expected one of `id`, `quantity`, `status`";
        assert_eq!(
            unknown_field_hint(m).as_deref(),
            Some("did you mean `quantity`?")
        );
        let m = "unknown field `zzz`, expected `id` or `name`";
        assert_eq!(
            unknown_field_hint(m).as_deref(),
            Some("allowed here: `id`, `name`")
        );
    }
}
