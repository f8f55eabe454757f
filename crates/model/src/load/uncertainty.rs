//! Uncertainty, for `guarantor simulate` and `sensitivity`: probabilities of pledges and events,
//! shared causes (`depends_on`) and `[[uncertain]]` parameter ranges. A shared cause is an event:
//! it is added to the pledge's events, so the deterministic assessment and the Monte Carlo treat
//! it exactly like `after`. What a parameter path names is checked in [`super::parameters`], its
//! distribution in [`super::distributions`].

use std::collections::HashSet;

use toml::Spanned;

use crate::raw::RawScenario;
use crate::scenario::{
    Event, EventChance, Mission, Pledge, PledgeChance, Theatre, UncertainParameter, Uncertainty,
};
use crate::suggest::did_you_mean;

use super::checker::{Checker, hint, inner, span_of};

impl Checker {
    pub(super) fn uncertainty(
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
}
