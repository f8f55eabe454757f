//! A mission requirement's method and its parameters: each method takes its own, and a
//! parameter of another method, or a missing one, is named in a diagnostic.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::diag::Diagnostic;
use crate::raw::RawRequirement;
use crate::scenario::{Base, Method, MethodKind, Theatre, TheatreFigure};
use crate::suggest::did_you_mean;
use crate::vocabulary::{listed, one_of};

use super::checker::{Checker, hint, span_of};

impl Checker {
    /// The method and its parameters; `None` (with diagnostics) when the method is unknown or
    /// its parameters do not fit it.
    pub(super) fn method(&mut self, r: &RawRequirement, theatre: &Theatre) -> Option<Method> {
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
        }
    }

    /// Every parameter the method takes is given, and no other: a parameter of another method is
    /// a mistake worth naming. True when they fit.
    fn method_parameters(&mut self, r: &RawRequirement, kind: MethodKind) -> bool {
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
        let wanted = kind.parameters();
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
        for name in wanted {
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
}
