//! Explanations as structured values, so that each renderer writes them in its own words.
//!
//! A sentence such as "crossed by `gbr-troops` (500)" mixes prose with things a renderer must
//! treat differently: a pledge the HTML report names by contributor and capability, a number it
//! rounds to what its unit allows, an identifier the JSON keeps as written. Built as a string with
//! Markdown marks, it leaked backticks into every page that did not strip them. Here it is a list
//! of [`Segment`]s; [`Explanation::plain`] gives the JSON form (identifiers in backticks, as the
//! document has always had them), and the report crate formats the segments for people.

use std::fmt::Write;

use schemars::JsonSchema;
use serde::{Serialize, Serializer};

use crate::number::fmt_num;
use guarantor_model::LapseReason;

/// One piece of an explanation.
#[derive(Debug, Clone, PartialEq)]
pub enum Segment {
    /// Words, as they are.
    Text(String),
    /// A pledge of the scenario, by id, and the units of it that count when they matter (a red
    /// line crossed by it names them; a lapse waiting on it does not).
    Pledge {
        id: String,
        units: Option<f64>,
        unit: String,
    },
    /// A number in a unit (the unit decides its rounding).
    Amount { value: f64, unit: String },
    /// Something written in the scenario's own language: a condition (`USA:air_power`), an event
    /// id.
    Code(String),
}

/// A sentence made of [`Segment`]s.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Explanation(pub Vec<Segment>);

impl Explanation {
    fn text(mut self, s: impl Into<String>) -> Self {
        self.0.push(Segment::Text(s.into()));
        self
    }

    fn amount(mut self, value: f64, unit: &str) -> Self {
        self.0.push(Segment::Amount {
            value,
            unit: unit.to_string(),
        });
        self
    }

    fn code(mut self, s: impl Into<String>) -> Self {
        self.0.push(Segment::Code(s.into()));
        self
    }

    /// Pledges as a list separated by commas.
    fn pledges(mut self, pledges: &[(String, f64, String)]) -> Self {
        for (i, (id, units, unit)) in pledges.iter().enumerate() {
            if i > 0 {
                self.0.push(Segment::Text(", ".into()));
            }
            self.0.push(Segment::Pledge {
                id: id.clone(),
                units: Some(*units),
                unit: unit.clone(),
            });
        }
        self
    }

    /// The form of `guarantor assess --json`: identifiers in backticks, numbers as the engine's
    /// formulas write them.
    pub fn plain(&self) -> String {
        let mut out = String::new();
        for s in &self.0 {
            match s {
                Segment::Text(t) => out.push_str(t),
                Segment::Pledge {
                    id,
                    units: Some(units),
                    ..
                } => {
                    let _ = write!(out, "`{id}` ({})", fmt_num(*units));
                }
                Segment::Pledge {
                    id, units: None, ..
                } => out.push_str(id),
                Segment::Amount { value, .. } => out.push_str(&fmt_num(*value)),
                Segment::Code(c) => {
                    let _ = write!(out, "`{c}`");
                }
            }
        }
        out
    }
}

impl Serialize for Explanation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.plain())
    }
}

impl JsonSchema for Explanation {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Explanation".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }

    fn inline_schema() -> bool {
        true
    }
}

/// Why a red line holds or not; `selected` are the pledges in force it selects (id, units,
/// unit), `amount` their sum.
pub(crate) fn red_line(
    bound: &guarantor_model::Bound,
    amount: f64,
    unit: &str,
    selected: &[(String, f64, String)],
) -> (bool, Explanation) {
    use guarantor_model::Bound;
    let e = Explanation::default();
    match *bound {
        Bound::No if amount > 0.0 => (true, e.text("crossed by ").pledges(selected)),
        Bound::No => (false, e.text("no pledge in force crosses it")),
        Bound::AtMost(limit) if amount > limit => (
            true,
            e.amount(amount, unit)
                .text(" pledged against a limit of ")
                .amount(limit, unit)
                .text(": ")
                .pledges(selected),
        ),
        Bound::AtMost(limit) => (
            false,
            e.amount(amount, unit)
                .text(" pledged, within the limit of ")
                .amount(limit, unit),
        ),
        Bound::AtLeast(need) if amount < need => (
            true,
            e.text("only ")
                .amount(amount, unit)
                .text(" pledged where at least ")
                .amount(need, unit)
                .text(" is demanded"),
        ),
        Bound::AtLeast(need) => (
            false,
            e.amount(amount, unit)
                .text(" pledged, at least ")
                .amount(need, unit)
                .text(" demanded"),
        ),
        Bound::Some if amount <= 0.0 => (
            true,
            e.text("nothing matching is pledged, and the party demands it"),
        ),
        Bound::Some => (false, e.text("met by ").pledges(selected)),
    }
}

/// Why a pledge lapsed, as [`LapseReason::explain`] words it, in segments.
pub fn lapse(reason: &LapseReason) -> Explanation {
    let e = Explanation::default();
    match reason {
        LapseReason::EventNotHeld { event } => e
            .text("waits for event ")
            .code(event.clone())
            .text(", which is assumed not to hold"),
        LapseReason::Unmet {
            condition,
            candidates,
        } if candidates.is_empty() => e
            .text("requires ")
            .code(condition.clone())
            .text(", and no pledge matches it"),
        LapseReason::Unmet {
            condition,
            candidates,
        } => {
            let mut e = e
                .text("requires ")
                .code(condition.clone())
                .text(", whose pledges (");
            for (i, c) in candidates.iter().enumerate() {
                if i > 0 {
                    e = e.text(", ");
                }
                e.0.push(Segment::Pledge {
                    id: c.clone(),
                    units: None,
                    unit: String::new(),
                });
            }
            e.text(") are not in force or count zero")
        }
        LapseReason::Cycle { cycle } => {
            let mut e = e.text("waits on itself: ");
            let mut path = cycle.clone();
            if let Some(first) = cycle.first() {
                path.push(first.clone());
            }
            for (i, c) in path.iter().enumerate() {
                if i > 0 {
                    e = e.text(" → ");
                }
                e.0.push(Segment::Pledge {
                    id: c.clone(),
                    units: None,
                    unit: String::new(),
                });
            }
            e
        }
        LapseReason::NotYetInForce { from, at } => e.text(format!(
            "not yet in force: in force from {from}, assessed at {at}"
        )),
        LapseReason::Ended { until, at } => e.text(format!(
            "no longer in force: in force until {until}, assessed at {at}"
        )),
        LapseReason::EventLater { event, date, at } => e
            .text("waits for event ")
            .code(event.clone())
            .text(format!(", dated {date}, after the assessment date {at}")),
        LapseReason::LeadTime {
            event,
            date,
            days,
            ready,
            at,
        } => e
            .text(format!("needs {days} days after event "))
            .code(event.clone())
            .text(format!(
                " ({date}) to be in place, so from {ready}; assessed at {at}"
            )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use guarantor_model::Bound;

    #[test]
    fn the_json_form_keeps_the_words_it_always_had() {
        let sel = vec![
            ("gbr-troops".to_string(), 500.0, "personnel".to_string()),
            ("fra-troops".to_string(), 1000.0, "personnel".to_string()),
        ];
        let (violated, e) = red_line(&Bound::No, 1500.0, "personnel", &sel);
        assert!(violated);
        assert_eq!(
            e.plain(),
            "crossed by `gbr-troops` (500), `fra-troops` (1,000)"
        );
        let (violated, e) = red_line(&Bound::AtLeast(2.0), 0.5, "batteries", &[]);
        assert!(violated);
        assert_eq!(e.plain(), "only 0.5 pledged where at least 2 is demanded");
        assert!(matches!(
            &e.0[1],
            Segment::Amount { value, unit } if *value == 0.5 && unit == "batteries"
        ));
    }

    #[test]
    fn lapse_segments_read_as_the_model_words_them() {
        for reason in [
            LapseReason::EventNotHeld {
                event: "ceasefire".into(),
            },
            LapseReason::Unmet {
                condition: "USA:air_power".into(),
                candidates: vec![],
            },
            LapseReason::Unmet {
                condition: "USA:air_power".into(),
                candidates: vec!["usa-air".into(), "usa-air2".into()],
            },
            LapseReason::Cycle {
                cycle: vec!["a".into(), "b".into()],
            },
        ] {
            assert_eq!(lapse(&reason).plain(), reason.explain());
        }
    }
}
