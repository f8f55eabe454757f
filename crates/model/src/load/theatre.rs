//! The `[theatre]` table (the protected state, the adversary, the lines and sites that size
//! requirements) and the `[[events]]` that pledge conditions wait for.

use std::collections::HashSet;

use crate::raw::{RawEvent, RawTheatre};
use crate::scenario::{Event, Line, Site, Theatre};

use super::checker::{Checker, span_of};

impl Checker {
    pub(super) fn theatre(&mut self, t: &RawTheatre) -> Theatre {
        self.country(&t.protected, "protected state");
        self.country(&t.adversary, "adversary");
        let area_km2 = t.area_km2.as_ref().map(|n| self.sourced(n, "theatre area"));
        let population = t
            .population
            .as_ref()
            .map(|n| self.sourced(n, "theatre population"));
        let lines = self.lines(t);
        let sites = self.sites(t);
        Theatre {
            protected: t.protected.get_ref().clone(),
            adversary: t.adversary.get_ref().clone(),
            area_km2,
            population,
            lines,
            sites,
        }
    }

    /// Lines whose length sizes `per_km` requirements; a length with no source is a warning.
    fn lines(&mut self, t: &RawTheatre) -> Vec<Line> {
        let mut seen = HashSet::new();
        let mut lines = Vec::new();
        for l in &t.lines {
            self.unique(&mut seen, &l.id, "line");
            let km = self.number(&l.km, "a line's length", true);
            if l.source.trim().is_empty() {
                self.warn(
                    format!("line `{}` has no source for its length", l.id.get_ref()),
                    span_of(&l.km),
                    "add `source = \"...\"`",
                );
            }
            lines.push(Line {
                id: l.id.get_ref().clone(),
                name: l.name.clone(),
                km,
                source: l.source.clone(),
            });
        }
        lines
    }

    /// Sites that `per_site` requirements select by kind.
    fn sites(&mut self, t: &RawTheatre) -> Vec<Site> {
        let mut seen = HashSet::new();
        let mut sites = Vec::new();
        for s in &t.sites {
            self.unique(&mut seen, &s.id, "site");
            sites.push(Site {
                id: s.id.get_ref().clone(),
                name: s.name.clone(),
                kind: s.kind.clone(),
                population: s.population,
                source: s.source.clone(),
            });
        }
        sites
    }

    pub(super) fn events(&mut self, events: &[RawEvent]) -> Vec<Event> {
        let mut seen = HashSet::new();
        events
            .iter()
            .map(|e| {
                self.unique(&mut seen, &e.id, "event");
                Event {
                    id: e.id.get_ref().clone(),
                    description: e.description.clone(),
                    holds: e.holds,
                    date: e.date.as_ref().and_then(|d| self.date_value(d, "date")),
                    source: e.source.clone(),
                }
            })
            .collect()
    }
}
