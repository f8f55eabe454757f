//! The distribution of an uncertain parameter: its name, the parameters it takes, and their
//! ranges (a range with low below high, a mode inside it, a positive spread).

use std::ops::Range;

use toml::Spanned;

use crate::raw::RawUncertain;
use crate::scenario::{Distribution, DistributionKind};
use crate::suggest::did_you_mean;
use crate::vocabulary::{listed, one_of};

use super::checker::{Checker, hint, inner, span_of};

impl Checker {
    /// The distribution with its parameters; `None` (with diagnostics) when the name is unknown,
    /// a parameter does not fit, or the values make no distribution.
    pub(super) fn distribution(&mut self, u: &RawUncertain) -> Option<Distribution> {
        let name = u.distribution.get_ref().as_str();
        let Some(kind) = DistributionKind::parse(name) else {
            self.error_help(
                format!("unknown distribution `{name}`"),
                span_of(&u.distribution).map(inner),
                &format!("expected {}", one_of(&DistributionKind::NAMES)),
                hint(did_you_mean(name, DistributionKind::NAMES)),
            );
            return None;
        };
        if !self.distribution_parameters(u, kind) {
            return None;
        }
        let get = |v: &Option<Spanned<f64>>| v.as_ref().map_or(0.0, |x| *x.get_ref());
        match kind {
            DistributionKind::Uniform => {
                let (low, high) = self.range(u)?;
                Some(Distribution::Uniform { low, high })
            }
            DistributionKind::Triangular => {
                let (low, high) = self.range(u)?;
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
            DistributionKind::Normal => {
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
            DistributionKind::Lognormal => {
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

    /// Every parameter the distribution takes is given, as a finite number of zero or more, and
    /// no other. True when they fit.
    fn distribution_parameters(&mut self, u: &RawUncertain, kind: DistributionKind) -> bool {
        let given: [(&str, &Option<Spanned<f64>>); 7] = [
            ("low", &u.low),
            ("mode", &u.mode),
            ("high", &u.high),
            ("mean", &u.mean),
            ("sd", &u.sd),
            ("median", &u.median),
            ("sigma", &u.sigma),
        ];
        let wanted = kind.parameters();
        let mut ok = true;
        for (field, value) in &given {
            if let Some(v) = value {
                if !wanted.contains(field) {
                    self.error_help(
                        format!("`{field}` is not a parameter of a `{kind}` distribution"),
                        span_of(v),
                        "not used by this distribution",
                        Some(format!("`{kind}` takes {}", listed(wanted, ", "))),
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
                    format!("a `{kind}` distribution needs `{field}`"),
                    span_of(&u.distribution).map(inner),
                    "missing parameter",
                    Some(format!("add `{field} = ...`")),
                );
                ok = false;
            }
        }
        ok
    }

    /// `low` and `high` of a uniform or triangular distribution, low below high.
    fn range(&mut self, u: &RawUncertain) -> Option<(f64, f64)> {
        let (low, high) = (u.low.as_ref()?, u.high.as_ref()?);
        let span: Range<usize> =
            low.span().start.min(high.span().start)..low.span().end.max(high.span().end);
        let (low, high) = (*low.get_ref(), *high.get_ref());
        if low < high {
            return Some((low, high));
        }
        let (what, help) = if low == high {
            (
                "empty",
                "a range needs `low` below `high`; for a fixed number, drop the `[[uncertain]]` entry"
                    .to_string(),
            )
        } else {
            (
                "inverted",
                format!("write `low = {high}` and `high = {low}`"),
            )
        };
        self.error_help(
            format!("{what} range: `low = {low}`, `high = {high}`"),
            Some(span),
            "low must be below high",
            Some(help),
        );
        None
    }
}
