//! The `[[pledges]]`: who offers what, how much, where it counts (a mission, a layer or anywhere
//! its capability is needed), where the forces stand and how firm the pledge is. Conditions are
//! checked in [`super::pledge_conditions`].

use std::collections::HashSet;

use toml::Spanned;

use crate::raw::{RawPledge, RawQuantity};
use crate::scenario::{
    Contributor, Event, Layer, Location, Mission, Pledge, Quantity, Status, Target, Timing,
};
use crate::suggest::did_you_mean;
use crate::taxonomy::{CapabilityKind, Taxonomy};
use crate::vocabulary::one_of;

use super::checker::{Checker, hint, span_of};

/// The longest plausible lead time: ten years of days (a pledge that needs longer to be in place
/// is almost surely a unit slip, weeks or months written as days).
const MAX_LEAD_DAYS: i64 = 3653;

impl Checker {
    pub(super) fn pledges(
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
        let ids: Vec<(&str, &str)> = pledges
            .iter()
            .map(|p| (p.id.get_ref().as_str(), p.contributor.get_ref().as_str()))
            .collect();
        for p in pledges {
            self.unique(&mut seen, &p.id, "pledge");
            self.pledge_contributor(p, &codes);
            let known_cap = self.capability(&p.capability, taxonomy);
            let quantity = self.pledge_quantity(p, taxonomy);
            let (target, mission_location) = self.target(p, missions, layers, known_cap);
            let location = self.location(&p.location, mission_location);
            self.place_fits(p, &target, location, missions);
            let status = self.status(&p.status);
            let (requires, after) = match &p.conditions {
                None => (Vec::new(), Vec::new()),
                Some(c) => (
                    self.requires(&c.requires, taxonomy, &codes, &ids),
                    self.after(&c.after, events),
                ),
            };
            let timing = self.timing(p);
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
                timing,
                sources: p.sources.clone(),
                evidence: p.evidence.clone(),
                note: p.note.clone(),
            });
        }
        out
    }

    /// A force located outside the protected state does not fill a mission inside it unless the
    /// mission is served from outside: a force next door is not a force in place. Such a pledge
    /// loads (it still counts for red lines and caps where it stands) but fills nothing there.
    fn place_fits(
        &mut self,
        p: &RawPledge,
        target: &Target,
        location: Location,
        missions: &[Mission],
    ) {
        let Target::Mission(id) = target else {
            return;
        };
        let Some(m) = missions.iter().find(|m| &m.id == id) else {
            return;
        };
        if !m.accepts(location) {
            self.warn_help(
                format!(
                    "pledge `{}` is located `{}` but mission `{id}` is in the protected state ({}): it fills nothing there",
                    p.id.get_ref(),
                    location.name(),
                    m.location.name()
                ),
                p.location.as_ref().map(span_of).unwrap_or_else(|| span_of(&p.id)),
                "a force next door is not a force in place",
                &format!(
                    "if forces stationed outside can serve the mission (air policing, an over-the-horizon reserve), set `served_from_outside = true` on mission `{id}`; otherwise correct the pledge's location"
                ),
            );
        }
    }

    /// When the pledge is in force (`from`, `until`) and the days it needs after the events it
    /// waits for (`lead_time_days`). A period that ends before it starts is an error; a lead time
    /// over ten years is a warning (likely a unit slip: it counts days), and so is one on a pledge
    /// that waits for no event, since nothing starts its clock.
    fn timing(&mut self, p: &RawPledge) -> Timing {
        let from = p.from.as_ref().and_then(|d| self.date_value(d, "from"));
        let until = p.until.as_ref().and_then(|d| self.date_value(d, "until"));
        if let (Some(f), Some(u), Some(raw)) = (from, until, &p.until)
            && u <= f
        {
            self.error_help(
                format!(
                    "pledge `{}` ends before it starts: `until = \"{u}\"` is not after `from = \"{f}\"`",
                    p.id.get_ref()
                ),
                span_of(raw),
                "not after `from`",
                Some("`until` is the first day the pledge no longer counts (it counts from `from` up to the day before `until`); swap the dates or correct one".into()),
            );
        }
        let lead_time_days = p.lead_time_days.as_ref().map(|n| {
            let days = *n.get_ref();
            if days < 0 {
                self.error_help(
                    format!("a lead time is zero or more days, found `{days}`"),
                    span_of(n),
                    "negative lead time",
                    Some("a pledge in place before the event it waits for has `lead_time_days = 0`; one in force from a given day has `from`".into()),
                );
            } else if days > MAX_LEAD_DAYS {
                self.warn_help(
                    format!(
                        "pledge `{}` needs {days} days after its events, over ten years",
                        p.id.get_ref()
                    ),
                    span_of(n),
                    "implausible lead time",
                    "`lead_time_days` counts days: three months is about 90, a year 365",
                );
            }
            u32::try_from(days.max(0)).unwrap_or(u32::MAX)
        });
        let waits =
            p.conditions.as_ref().is_some_and(|c| c.after.is_some()) || !p.depends_on.is_empty();
        if let (Some(n), false) = (&p.lead_time_days, waits) {
            self.warn_help(
                format!(
                    "pledge `{}` has a lead time but waits for no event",
                    p.id.get_ref()
                ),
                span_of(n),
                "nothing starts this clock",
                "a lead time counts from the events in `conditions = { after = ... }`; name the event, or write the first day in force as `from`",
            );
        }
        Timing {
            from,
            until,
            lead_time_days,
        }
    }

    fn pledge_contributor(&mut self, p: &RawPledge, codes: &[&str]) {
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
    }

    /// The quantity as written; an instrument (a commitment) without one counts once, a force
    /// without one is an error, since nobody can count it.
    fn pledge_quantity(&mut self, p: &RawPledge, taxonomy: &Taxonomy) -> Quantity {
        let capability = taxonomy.get(p.capability.get_ref());
        match &p.quantity {
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
        }
    }

    /// Where the pledge counts, and the location its forces take unless it gives one (its
    /// mission's, or that of the first mission of its layer).
    fn target(
        &mut self,
        p: &RawPledge,
        missions: &[Mission],
        layers: &[Layer],
        known_cap: bool,
    ) -> (Target, Location) {
        match (&p.mission, &p.layer) {
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
                (Target::Mission(m.get_ref().clone()), Location::Rear)
            }
            (Some(m), None) => {
                let location = self.mission_target(p, m, missions, known_cap);
                (Target::Mission(m.get_ref().clone()), location)
            }
            (None, Some(l)) => {
                self.layer_target(p, l, missions, layers, known_cap);
                let location = missions
                    .iter()
                    .find(|m| &m.layer == l.get_ref())
                    .map_or(Location::Rear, |m| m.location);
                (Target::Layer(l.get_ref().clone()), location)
            }
            (None, None) => (Target::Anywhere, Location::Rear),
        }
    }

    /// The mission must exist and require the pledged capability; returns its location.
    fn mission_target(
        &mut self,
        p: &RawPledge,
        m: &Spanned<String>,
        missions: &[Mission],
        known_cap: bool,
    ) -> Location {
        let Some(mission) = missions.iter().find(|x| &x.id == m.get_ref()) else {
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
            return Location::Rear;
        };
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
        mission.location
    }

    /// The layer must exist and one of its missions must require the pledged capability.
    fn layer_target(
        &mut self,
        p: &RawPledge,
        l: &Spanned<String>,
        missions: &[Mission],
        layers: &[Layer],
        known_cap: bool,
    ) {
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
    }

    fn status(&mut self, status: &Spanned<String>) -> Status {
        Status::parse(status.get_ref()).unwrap_or_else(|| {
            self.error_help(
                format!("unknown status `{}`", status.get_ref()),
                span_of(status),
                &format!("expected {}", one_of(&Status::NAMES)),
                hint(did_you_mean(status.get_ref(), Status::NAMES)),
            );
            Status::Reported
        })
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
}
