//! The `[guarantee]` table: package-level attributes (legal form, automaticity, duration,
//! command, backstop, reliability class) that the credibility indicators read. Every attribute
//! is optional and carries its source, so an indicator can show why it scores what it scores.

use toml::Spanned;

use crate::raw::{RawAttribute, RawDuration, RawGuarantee};
use crate::scenario::{
    Attribute, Automaticity, CommandForm, Contributor, Duration, Guarantee, LegalForm,
    ReliabilityClass,
};
use crate::suggest::did_you_mean;
use crate::vocabulary::{Vocabulary, listed};

use super::checker::{Checker, hint, span_of};

impl Checker {
    pub(super) fn guarantee(
        &mut self,
        g: Option<&RawGuarantee>,
        contributors: &[Contributor],
    ) -> Guarantee {
        let Some(g) = g else {
            return Guarantee::default();
        };
        let legal_form = g
            .legal_form
            .as_ref()
            .and_then(|a| self.attribute::<LegalForm>(a, "legal form"));
        let automaticity = g
            .automaticity
            .as_ref()
            .and_then(|a| self.attribute::<Automaticity>(a, "automaticity"));
        let integrated_command = g
            .integrated_command
            .as_ref()
            .and_then(|a| self.attribute::<CommandForm>(a, "integrated command"));
        let reliability_class = g
            .reliability_class
            .as_ref()
            .and_then(|a| self.attribute::<ReliabilityClass>(a, "reliability class"));
        let duration = g.duration.as_ref().and_then(|d| self.duration(d));
        let backstop = g
            .backstop
            .as_ref()
            .and_then(|a| self.backstop(a, contributors));
        Guarantee {
            legal_form,
            automaticity,
            duration,
            integrated_command,
            backstop,
            reliability_class,
        }
    }

    /// The backing major power: a contributor of the scenario, or `none`.
    fn backstop(
        &mut self,
        a: &RawAttribute,
        contributors: &[Contributor],
    ) -> Option<Attribute<Option<String>>> {
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
        .or_else(|| Some("name a contributor declared under [[contributors]], or `none`".into()));
        self.error_help(
            format!("backstop names unknown contributor `{code}`"),
            span_of(&a.value),
            "not a contributor",
            help,
        );
        None
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

    /// A word of the attribute's vocabulary, with its source.
    fn attribute<T: Vocabulary>(&mut self, a: &RawAttribute, what: &str) -> Option<Attribute<T>> {
        self.attribute_source(&a.source, &a.value, what);
        let Some(value) = T::parse(a.value.get_ref()) else {
            self.error_help(
                format!("unknown {what} `{}`", a.value.get_ref()),
                span_of(&a.value),
                &format!("expected one of {}", listed(T::WORDS, ", ")),
                hint(did_you_mean(a.value.get_ref(), T::WORDS.iter().copied())),
            );
            return None;
        };
        Some(Attribute {
            value,
            source: a.source.clone(),
        })
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
