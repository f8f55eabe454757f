//! The `[scenario]` table: name, date and the conventions the rest of the file is read with
//! (which value of a pledged range counts, the default rotation factor).

use crate::date::{Date, DateError};
use crate::raw::RawMeta;
use crate::scenario::{Meta, QuantityBasis, Sourced, StatusBasis};
use crate::suggest::did_you_mean;
use crate::vocabulary::one_of;

use super::checker::{Checker, hint, span_of};

impl Checker {
    pub(super) fn meta(&mut self, m: &RawMeta) -> Meta {
        let as_of = self.as_of(m);
        let assess_at = match &m.assess_at {
            Some(d) => self.date_value(d, "assess_at"),
            None => as_of,
        };
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
            as_of: match (&m.assess_at, assess_at) {
                (Some(_), Some(d)) => d.to_string(),
                _ => m.as_of.get_ref().clone(),
            },
            // Only read when the scenario loads, which it does not after a date error.
            assess_at: assess_at.unwrap_or(Date::EPOCH),
            description: m.description.clone(),
            quantity_basis,
            status_basis,
            default_rotation,
        }
    }
}

impl Checker {
    /// The scenario's `as_of`: a day (`YYYY-MM-DD`) or a month (`YYYY-MM`, read as its last day
    /// where a date is needed), and a real one.
    fn as_of(&mut self, m: &RawMeta) -> Option<Date> {
        let text = m.as_of.get_ref();
        let parsed = if text.len() == 7 {
            Date::parse_month_end(text)
        } else {
            Date::parse(text)
        };
        match parsed {
            Ok(d) => Some(d),
            Err(DateError::Form(_)) => {
                self.error_help(
                    format!("`{text}` is not an ISO 8601 date"),
                    span_of(&m.as_of),
                    "expected YYYY-MM-DD or YYYY-MM",
                    Some("e.g. `as_of = \"2025-08-19\"`".into()),
                );
                None
            }
            Err(_) => self.date(&m.as_of, "as_of"),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::load;

    fn as_of(text: &str) -> Result<String, String> {
        let src = format!(
            "[scenario]\nid = \"t\"\nname = \"T\"\nas_of = \"{text}\"\n[theatre]\nprotected = \"UKR\"\nadversary = \"RUS\"\n"
        );
        let loaded = load(&src);
        match loaded.scenario {
            Some(s) => Ok(s.meta.assess_at.to_string()),
            None => Err(loaded.diagnostics[0].message.clone()),
        }
    }

    #[test]
    fn as_of_is_a_real_day_or_month() {
        assert_eq!(as_of("2025-08-19").as_deref(), Ok("2025-08-19"));
        assert_eq!(as_of("2025-02").as_deref(), Ok("2025-02-28"));
        assert_eq!(
            as_of("19/08/2025"),
            Err("`19/08/2025` is not an ISO 8601 date".into())
        );
        assert_eq!(
            as_of("2025-13-01"),
            Err("`2025-13-01` has month 13; months run from 01 to 12".into())
        );
        assert_eq!(
            as_of("2025-02-30"),
            Err("`2025-02-30` does not exist: February 2025 has 28 days".into())
        );
    }
}
