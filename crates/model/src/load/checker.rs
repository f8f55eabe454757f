//! The checker's plumbing: where diagnostics are collected, and the checks every section shares
//! (numbers in range, sources present, unique ids, country codes, capability names, locations).

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use toml::Spanned;

use crate::date::{Date, DateError};
use crate::diag::Diagnostic;
use crate::raw::RawNumber;
use crate::scenario::{Location, Sourced};
use crate::suggest::did_you_mean;
use crate::taxonomy::Taxonomy;
use crate::vocabulary::one_of;

/// Walks a raw scenario, collecting diagnostics; each section's checks live in the sibling
/// module named after what it loads.
#[derive(Default)]
pub(super) struct Checker {
    pub(super) diags: Vec<Diagnostic>,
    /// Capabilities each mission names, valid or not, so that a pledge to a mission whose
    /// requirement has an error is not reported a second time as counting nowhere.
    pub(super) mission_caps: HashMap<String, Vec<String>>,
}

pub(super) fn span_of<T>(s: &Spanned<T>) -> Option<Range<usize>> {
    Some(s.span())
}

/// The span of the text inside a quoted TOML string (so rule errors can point into it).
pub(super) fn inner(span: Range<usize>) -> Range<usize> {
    if span.end >= span.start + 2 {
        span.start + 1..span.end - 1
    } else {
        span
    }
}

pub(super) fn hint(candidate: Option<String>) -> Option<String> {
    candidate.map(|s| format!("did you mean `{s}`?"))
}

impl Checker {
    pub(super) fn error(
        &mut self,
        message: impl Into<String>,
        span: Option<Range<usize>>,
        label: &str,
    ) {
        self.diags
            .push(Diagnostic::error(message, span).with_label(label));
    }

    pub(super) fn error_help(
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

    pub(super) fn warn(
        &mut self,
        message: impl Into<String>,
        span: Option<Range<usize>>,
        help: &str,
    ) {
        self.diags.push(
            Diagnostic::warning(message, span)
                .with_label("no source")
                .with_help(help),
        );
    }

    /// A warning with its own label and help (a likely mistake that still loads).
    pub(super) fn warn_help(
        &mut self,
        message: impl Into<String>,
        span: Option<Range<usize>>,
        label: &str,
        help: &str,
    ) {
        self.diags.push(
            Diagnostic::warning(message, span)
                .with_label(label)
                .with_help(help),
        );
    }

    /// A finite, non-negative number; `positive` also refuses zero.
    pub(super) fn number(&mut self, n: &Spanned<f64>, what: &str, positive: bool) -> f64 {
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

    pub(super) fn sourced(&mut self, n: &RawNumber, what: &str) -> Sourced {
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

    pub(super) fn unique(&mut self, seen: &mut HashSet<String>, id: &Spanned<String>, what: &str) {
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
    pub(super) fn country(&mut self, code: &Spanned<String>, what: &str) {
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

    pub(super) fn capability(&mut self, name: &Spanned<String>, taxonomy: &Taxonomy) -> bool {
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

    pub(super) fn location(
        &mut self,
        loc: &Option<Spanned<String>>,
        default: Location,
    ) -> Location {
        match loc {
            None => default,
            Some(l) => Location::parse(l.get_ref()).unwrap_or_else(|| {
                self.error_help(
                    format!("unknown location `{}`", l.get_ref()),
                    span_of(l),
                    &format!("expected {}", one_of(&Location::NAMES)),
                    hint(did_you_mean(l.get_ref(), Location::NAMES)),
                );
                default
            }),
        }
    }

    /// A calendar date written `YYYY-MM-DD` under `key`; a date that does not exist (2025-02-31,
    /// month 13) is an error that says why and what the nearest real date is.
    pub(super) fn date(&mut self, text: &Spanned<String>, key: &str) -> Option<Date> {
        self.date_text(text.get_ref(), span_of(text), key)
    }

    /// A date given as a string (`from = "2026-01-06"`) or as a TOML date (`from = 2026-01-06`,
    /// also what `--set pledges.x.from=2026-01-06` writes); a time of day is refused, since the
    /// rules count whole days.
    pub(super) fn date_value(&mut self, value: &Spanned<toml::Value>, key: &str) -> Option<Date> {
        match value.get_ref() {
            toml::Value::String(s) => self.date_text(s, span_of(value), key),
            toml::Value::Datetime(d) if d.date.is_some() && d.time.is_none() => {
                self.date_text(&d.to_string(), span_of(value), key)
            }
            other => {
                self.error_help(
                    format!("`{key}` is a date, found {}", describe(other)),
                    span_of(value),
                    "expected YYYY-MM-DD",
                    Some(format!(
                        "write the day alone, e.g. `{key} = \"2026-01-06\"`"
                    )),
                );
                None
            }
        }
    }

    fn date_text(&mut self, text: &str, span: Option<Range<usize>>, key: &str) -> Option<Date> {
        let e = match Date::parse(text) {
            Ok(d) => return Some(d),
            Err(e) => e,
        };
        let (label, help) = match &e {
            DateError::Form(_) => (
                "expected YYYY-MM-DD",
                format!("write the day in full, e.g. `{key} = \"2026-01-06\"`"),
            ),
            DateError::Year(_) => (
                "no year 0",
                "years are written in four digits from 0001".into(),
            ),
            DateError::Month { .. } => (
                "no such month",
                "months run from 01 (January) to 12 (December); is the day first?".into(),
            ),
            DateError::Day {
                year, month, days, ..
            } => (
                "no such day",
                format!("the last day of that month is `{year:04}-{month:02}-{days:02}`"),
            ),
        };
        self.error_help(e.to_string(), span, label, Some(help));
        None
    }

    pub(super) fn rotation(&mut self, r: &Spanned<f64>) -> f64 {
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
}

/// A TOML value's kind and text, for a message: `a date and time (2026-01-06T10:00:00)`.
fn describe(value: &toml::Value) -> String {
    match value {
        toml::Value::Datetime(d) if d.time.is_some() => format!("a date and time (`{d}`)"),
        toml::Value::Datetime(d) => format!("a time (`{d}`)"),
        toml::Value::Integer(i) => format!("a number (`{i}`)"),
        toml::Value::Float(f) => format!("a number (`{f}`)"),
        toml::Value::Boolean(b) => format!("`{b}`"),
        toml::Value::Array(_) => "a list".into(),
        toml::Value::Table(_) => "a table".into(),
        toml::Value::String(s) => format!("`\"{s}\"`"),
    }
}
