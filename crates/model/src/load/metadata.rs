//! The `[scenario]` table: name, date and the conventions the rest of the file is read with
//! (which value of a pledged range counts, the default rotation factor).

use crate::raw::RawMeta;
use crate::scenario::{Meta, QuantityBasis, Sourced, StatusBasis};
use crate::suggest::did_you_mean;
use crate::vocabulary::one_of;

use super::checker::{Checker, hint, span_of};

impl Checker {
    pub(super) fn meta(&mut self, m: &RawMeta) -> Meta {
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
                    &format!("expected {}", one_of(&QuantityBasis::NAMES)),
                    hint(did_you_mean(b.get_ref(), QuantityBasis::NAMES)),
                );
                QuantityBasis::Low
            }),
        };
        let status_basis = match &m.status_basis {
            None => StatusBasis::All,
            Some(b) => StatusBasis::parse(b.get_ref()).unwrap_or_else(|| {
                self.error_help(
                    format!("unknown status basis `{}`", b.get_ref()),
                    span_of(b),
                    &format!("expected {}", one_of(&StatusBasis::NAMES)),
                    hint(did_you_mean(b.get_ref(), StatusBasis::NAMES)),
                );
                StatusBasis::All
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
            status_basis,
            default_rotation,
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
}
