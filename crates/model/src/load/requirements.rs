//! A mission requirement's method and its parameters: each method takes its own, and a
//! parameter of another method, or a missing one, is named in a diagnostic.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::diag::Diagnostic;
use crate::formations::{Echelon, FormationEnd, Formations};
use crate::plausibility::{Measure, range};
use crate::raw::RawMission;
use crate::raw::RawRequirement;
use crate::scenario::{
    Base, FormationSize, Method, MethodKind, Mission, Theatre, TheatreFigure, Zone,
};
use crate::suggest::did_you_mean;
use crate::vocabulary::{listed, one_of};

use super::checker::{Checker, hint, span_of};

impl Checker {
    /// The method and its parameters; `None` (with diagnostics) when the method is unknown or
    /// its parameters do not fit it.
    pub(super) fn method(
        &mut self,
        mission: &str,
        r: &RawRequirement,
        theatre: &Theatre,
    ) -> Option<Method> {
        let name = r.method.get_ref().as_str();
        let Some(kind) = MethodKind::parse(name) else {
            self.error_help(
                format!("unknown requirement method `{name}`"),
                span_of(&r.method),
                &format!("expected {}", one_of(&MethodKind::NAMES)),
                hint(did_you_mean(name, MethodKind::NAMES)),
            );
            return None;
        };
        if !self.method_parameters(r, kind) {
            return None;
        }
        match kind {
            MethodKind::PerKm => self.per_km(r, theatre),
            MethodKind::PerSite => self.per_site(r, theatre),
            MethodKind::Fixed => Some(Method::Fixed {
                amount: self.number(r.amount.as_ref()?, "an amount", false),
            }),
            MethodKind::Ratio => self.ratio(r, theatre),
            MethodKind::Echelon => self.echelon(r),
            MethodKind::Dependent => self.dependent(mission, r),
            MethodKind::Area => self.area(r),
        }
    }

    /// Every parameter the method takes is given, and no other: a parameter of another method is
    /// a mistake worth naming. True when they fit.
    fn method_parameters(&mut self, r: &RawRequirement, kind: MethodKind) -> bool {
        let given: [(&str, Option<Range<usize>>); 16] = [
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
            ("echelon", r.echelon.as_ref().map(|x| x.span())),
            ("count", r.count.as_ref().map(|x| x.span())),
            ("formation", r.formation.as_ref().map(|x| x.span())),
            ("take", r.take.as_ref().map(|x| x.span())),
            ("size", r.size.as_ref().map(|x| x.value.span())),
            ("of", r.of.as_ref().map(|x| x.span())),
            ("km2", r.km2.as_ref().map(|x| x.span())),
            ("length_km", r.length_km.as_ref().map(|x| x.span())),
            ("depth_km", r.depth_km.as_ref().map(|x| x.span())),
        ];
        let wanted = kind.parameters();
        let optional = kind.optional_parameters();
        let mut ok = true;
        for (name, span) in &given {
            if span.is_some() && !wanted.contains(name) {
                self.error_help(
                    format!("`{name}` is not a parameter of method `{kind}`"),
                    span.clone(),
                    "not used by this method",
                    Some(format!("`{kind}` takes {}", listed(wanted, " and "))),
                );
                ok = false;
            }
        }
        for name in wanted.iter().filter(|n| !optional.contains(n)) {
            if given.iter().any(|(n, s)| n == name && s.is_none()) {
                self.error_help(
                    format!("method `{kind}` needs `{name}`"),
                    span_of(&r.method),
                    "missing parameter",
                    Some(format!("add `{name} = ...` to this requirement")),
                );
                ok = false;
            }
        }
        ok
    }

    /// `per_km`: the line must be one of the theatre's.
    fn per_km(&mut self, r: &RawRequirement, theatre: &Theatre) -> Option<Method> {
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
        self.plausible(
            Measure::PerKm,
            r.capability.get_ref(),
            density,
            r.density.as_ref().and_then(span_of),
            "per km",
        );
        Some(Method::PerKm {
            line: line.get_ref().clone(),
            density,
        })
    }

    /// `per_site`: a kind no site has selects nothing, which is worth a warning.
    fn per_site(&mut self, r: &RawRequirement, theatre: &Theatre) -> Option<Method> {
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
                let known: BTreeSet<&str> = theatre.sites.iter().map(|s| s.kind.as_str()).collect();
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
        Some(Method::PerSite {
            kinds: kinds.iter().map(|k| k.get_ref().clone()).collect(),
            per_site,
        })
    }

    /// `ratio`: the base is a number or a quantity the theatre states.
    fn ratio(&mut self, r: &RawRequirement, theatre: &Theatre) -> Option<Method> {
        let base = r.base.as_ref()?;
        let figure = match base.get_ref() {
            toml::Value::String(s) => TheatreFigure::parse(s),
            _ => None,
        };
        let base_value = match (base.get_ref(), figure) {
            (toml::Value::Integer(i), _) if *i >= 0 => Some(Base::Number(*i as f64)),
            (toml::Value::Float(f), _) if f.is_finite() && *f >= 0.0 => Some(Base::Number(*f)),
            (_, Some(figure)) => {
                let (given, noun) = match figure {
                    TheatreFigure::Population => (theatre.population.is_some(), "population"),
                    TheatreFigure::AreaKm2 => (theatre.area_km2.is_some(), "area"),
                };
                if !given {
                    self.error(
                        format!("`base = \"{figure}\"` but the theatre has no {noun}"),
                        span_of(base),
                        &format!("add `{figure} = {{ value = ..., source = ... }}` to [theatre]"),
                    );
                }
                Some(Base::from(figure))
            }
            (other, None) => {
                self.error_help(
                    format!(
                        "`base` must be a non-negative number, {}, found `{other}`",
                        one_of(&TheatreFigure::NAMES)
                    ),
                    span_of(base),
                    "invalid base",
                    None,
                );
                None
            }
        };
        let per = self.number(r.per.as_ref()?, "`per`", true);
        Some(Method::Ratio {
            base: base_value?,
            per: if per > 0.0 { per } else { 1.0 },
        })
    }

    /// `echelon`: `count` formations × the size of one, from the named (or first) entry of
    /// `data/formations.toml` at the end `take` names, or a `size` with its own source.
    fn echelon(&mut self, r: &RawRequirement) -> Option<Method> {
        let word = r.echelon.as_ref()?;
        let echelon = Echelon::parse(word.get_ref());
        if echelon.is_none() {
            self.error_help(
                format!("unknown echelon `{}`", word.get_ref()),
                span_of(word),
                &format!("expected {}", one_of(&Echelon::NAMES)),
                hint(did_you_mean(word.get_ref(), Echelon::NAMES)),
            );
        }
        let count = self.number(r.count.as_ref()?, "a number of formations", false);
        let take = match &r.take {
            None => None,
            Some(t) => {
                let end = FormationEnd::parse(t.get_ref());
                if end.is_none() {
                    self.error_help(
                        format!("unknown end `{}` of a formation's range", t.get_ref()),
                        span_of(t),
                        &format!("expected {}", one_of(&FormationEnd::NAMES)),
                        hint(did_you_mean(t.get_ref(), FormationEnd::NAMES)),
                    );
                }
                Some(end?)
            }
        };
        let echelon = echelon?;
        let formations = Formations::default();
        if let Some(size) = &r.size {
            if let Some(f) = r.formation.as_ref().or(r.take.as_ref()) {
                self.error_help(
                    "`size` replaces the formation's size",
                    span_of(f),
                    "not used with `size`",
                    Some("drop `formation` and `take`, or drop `size` to use the entry's".into()),
                );
                return None;
            }
            let value = self.number(&size.value, "a formation size", true);
            if size.source.trim().is_empty() {
                self.warn(
                    "a formation size has no source",
                    span_of(&size.value),
                    "add `source = \"...\"` inside `size = { value = ..., source = ... }`",
                );
            }
            if let Some((low, high)) = formations.range(echelon)
                && (value < low || value > high)
            {
                {
                    let ids: Vec<&str> = formations.of(echelon).map(|f| f.id.as_str()).collect();
                    self.warn_help(
                        format!(
                            "a {echelon} of {} lies outside every published {echelon} size ({}-{})",
                            fmt(value),
                            fmt(low),
                            fmt(high)
                        ),
                        span_of(&size.value),
                        "outside the published range",
                        &format!(
                            "data/formations.toml gives a {echelon} {}-{} ({}); check the figure, or say in its source why this one differs",
                            fmt(low),
                            fmt(high),
                            ids.join(", ")
                        ),
                    );
                }
            }
            return Some(Method::Echelon {
                echelon,
                count,
                size: value,
                basis: FormationSize {
                    formation: None,
                    take: None,
                    low: None,
                    high: None,
                    includes_enablers: None,
                    source: size.source.clone(),
                },
            });
        }
        let entry = match &r.formation {
            Some(id) => match formations.get(id.get_ref()) {
                Some(f) if f.echelon == echelon.name() => f,
                found => {
                    let ids: Vec<&str> = formations.of(echelon).map(|f| f.id.as_str()).collect();
                    let message = match found {
                        Some(f) => format!(
                            "formation `{}` is a {}, not a {echelon}",
                            id.get_ref(),
                            f.echelon
                        ),
                        None => format!("unknown formation `{}`", id.get_ref()),
                    };
                    let help =
                        hint(did_you_mean(id.get_ref(), ids.iter().copied())).or_else(|| {
                            Some(format!(
                                "the {echelon} entries of data/formations.toml are {}",
                                listed(&ids, ", ")
                            ))
                        });
                    self.error_help(
                        message,
                        span_of(id),
                        "not a formation of this echelon",
                        help,
                    );
                    return None;
                }
            },
            None => formations.default_for(echelon)?,
        };
        let end = take.unwrap_or(FormationEnd::Typical);
        Some(Method::Echelon {
            echelon,
            count,
            size: entry.size(end),
            basis: FormationSize {
                formation: Some(entry.id.clone()),
                take: Some(end),
                low: Some(entry.low),
                high: Some(entry.high),
                includes_enablers: Some(entry.includes_enablers),
                source: entry.source.clone(),
            },
        })
    }

    /// `dependent`: another requirement × `per`. `of` is `"mission.capability"`, or a bare
    /// capability of the same mission; whether it exists, and whether dependents form a cycle,
    /// is checked once every mission is loaded ([`Self::dependents`]).
    fn dependent(&mut self, mission: &str, r: &RawRequirement) -> Option<Method> {
        let of = r.of.as_ref()?;
        let (of_mission, capability) = match of.get_ref().split_once('.') {
            Some((m, c)) => (m.to_string(), c.to_string()),
            None => (mission.to_string(), of.get_ref().clone()),
        };
        if of_mission.is_empty() || capability.is_empty() || capability.contains('.') {
            self.error_help(
                format!("`of = \"{}\"` does not name a requirement", of.get_ref()),
                span_of(of),
                "expected \"mission.capability\"",
                Some(
                    "name the requirement it derives from as `of = \"mission_id.capability\"`"
                        .into(),
                ),
            );
            return None;
        }
        let per = self.number(r.per.as_ref()?, "`per`", false);
        Some(Method::Dependent {
            mission: of_mission,
            capability,
            per,
        })
    }

    /// `area`: `km2`, or a buffer zone's `length_km` × `depth_km`, × units per km².
    fn area(&mut self, r: &RawRequirement) -> Option<Method> {
        let zone = match (&r.km2, &r.length_km, &r.depth_km) {
            (Some(km2), None, None) => Zone::Km2(self.number(km2, "an area", false)),
            (None, Some(length), Some(depth)) => Zone::Strip {
                length_km: self.number(length, "a zone's length", false),
                depth_km: self.number(depth, "a zone's depth", false),
            },
            (Some(km2), _, _) => {
                self.error_help(
                    "an area is given twice",
                    span_of(km2),
                    "`km2` and a zone's length or depth",
                    Some("give either `km2`, or `length_km` and `depth_km`".into()),
                );
                return None;
            }
            (None, length, depth) => {
                let missing = if length.is_none() {
                    "length_km"
                } else {
                    "depth_km"
                };
                let given = if depth.is_none() && length.is_none() {
                    "give either `km2`, or a buffer zone's `length_km` and `depth_km`".to_string()
                } else {
                    format!("add `{missing} = ...`: a buffer zone is its length × its depth")
                };
                self.error_help(
                    "method `area` needs `km2`, or `length_km` and `depth_km`",
                    span_of(&r.method),
                    "missing parameter",
                    Some(given),
                );
                return None;
            }
        };
        let density = self.number(r.density.as_ref()?, "a density", false);
        self.plausible(
            Measure::PerKm2,
            r.capability.get_ref(),
            density,
            r.density.as_ref().and_then(span_of),
            "per km²",
        );
        Some(Method::Area { zone, density })
    }

    /// After every mission is loaded: each `dependent` requirement names one that exists, a
    /// `per` on a monitoring requirement lies in the range of protection per monitor, and no
    /// dependents form a cycle (a requirement derived, through others, from itself has no size).
    pub(super) fn dependents(&mut self, raw: &[RawMission], missions: &[Mission]) {
        // (mission index, requirement index, raw requirement) of each loaded dependent.
        let mut edges: Vec<(usize, usize, &RawRequirement)> = Vec::new();
        for (mi, m) in missions.iter().enumerate() {
            let Some(rm) = raw.iter().find(|x| x.id.get_ref() == &m.id) else {
                continue;
            };
            for (ri, spec) in m.requirements.iter().enumerate() {
                let Method::Dependent {
                    mission,
                    capability,
                    per,
                } = &spec.method
                else {
                    continue;
                };
                let Some(rr) = rm
                    .requirements
                    .iter()
                    .find(|x| x.capability.get_ref() == &spec.capability)
                else {
                    continue;
                };
                let Some(of) = rr.of.as_ref() else { continue };
                let exists = missions
                    .iter()
                    .find(|x| &x.id == mission)
                    .is_some_and(|x| x.requirements.iter().any(|q| &q.capability == capability));
                let failed = self
                    .mission_caps
                    .get(mission)
                    .is_some_and(|caps| caps.contains(capability));
                if exists {
                    edges.push((mi, ri, rr));
                    let protection = range(Measure::PerMonitor, capability);
                    if let Some(range) = protection.filter(|r| r.outside(*per)) {
                        self.warn_help(
                            format!(
                                "{} per unit of `{mission}.{capability}` lies outside every monitoring mission's range",
                                fmt(*per)
                            ),
                            rr.per.as_ref().and_then(span_of),
                            "outside the historical range",
                            &format!(
                                "historical and proposed monitoring missions had {}-{} protection per monitor ({})",
                                fmt(range.low),
                                fmt(range.high),
                                range.source
                            ),
                        );
                    }
                } else if !failed {
                    let names: Vec<String> = missions
                        .iter()
                        .flat_map(|x| {
                            x.requirements
                                .iter()
                                .map(move |q| format!("{}.{}", x.id, q.capability))
                        })
                        .collect();
                    let help = hint(did_you_mean(
                        &format!("{mission}.{capability}"),
                        names.iter().map(String::as_str),
                    ))
                    .or_else(|| Some("`of` names a requirement as \"mission.capability\"".into()));
                    self.error_help(
                        format!("unknown requirement `{mission}.{capability}`"),
                        span_of(of),
                        "no such requirement",
                        help,
                    );
                }
            }
        }
        // Follow each dependent's single parent; a walk that comes back to where it started is
        // a cycle, reported once, at its first member in file order.
        let parent = |mi: usize, ri: usize| -> Option<(usize, usize)> {
            match &missions[mi].requirements[ri].method {
                Method::Dependent {
                    mission,
                    capability,
                    ..
                } => {
                    let pm = missions.iter().position(|x| &x.id == mission)?;
                    let pr = (missions[pm].requirements.iter())
                        .position(|q| &q.capability == capability)?;
                    Some((pm, pr))
                }
                _ => None,
            }
        };
        let name = |(mi, ri): (usize, usize)| {
            format!(
                "{}.{}",
                missions[mi].id, missions[mi].requirements[ri].capability
            )
        };
        for &(mi, ri, rr) in &edges {
            let start = (mi, ri);
            let mut path = vec![start];
            let mut at = parent(mi, ri);
            while let Some(next) = at {
                if next == start || path.contains(&next) {
                    break;
                }
                path.push(next);
                at = parent(next.0, next.1);
            }
            // A cycle through `start`, reported only from its smallest member.
            if at == Some(start) && path.iter().min() == Some(&start) {
                let mut names: Vec<String> = path.iter().map(|&p| name(p)).collect();
                names.push(name(start));
                self.error_help(
                    format!("dependent requirements form a cycle: {}", names.join(" → ")),
                    rr.of.as_ref().and_then(span_of),
                    "derived, through others, from itself",
                    Some(
                        "at least one requirement of the cycle must be sized by another method"
                            .into(),
                    ),
                );
            }
        }
    }

    /// A warning when `value` lies outside the historical range of `measure` for `capability`.
    fn plausible(
        &mut self,
        measure: Measure,
        capability: &str,
        value: f64,
        span: Option<Range<usize>>,
        unit: &str,
    ) {
        let Some(range) = range(measure, capability).filter(|r| r.outside(value)) else {
            return;
        };
        self.warn_help(
            format!(
                "{} {capability} {unit} lies outside every historical range",
                fmt(value)
            ),
            span,
            "outside the historical range",
            &format!(
                "the record gives {}-{} {unit} ({}); check the figure, or say in the source why this one differs",
                fmt(range.low),
                fmt(range.high),
                range.source
            ),
        );
    }
}

/// A number as a reader writes it in a diagnostic: integers without a fraction, thousands
/// separated, others to three significant decimals.
pub(super) fn fmt(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let digits = format!("{}", v.abs() as u64);
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        if v < 0.0 { format!("-{out}") } else { out }
    } else {
        let s = format!("{v:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}
