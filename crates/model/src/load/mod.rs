//! From scenario text to a checked [`Scenario`], collecting every diagnostic on the way.
//!
//! Loading has two phases. Serde turns the TOML into [`crate::raw`] types; a syntax or type error
//! stops there (serde cannot go on), and becomes one diagnostic (`syntax`). Then the checker
//! walks the raw scenario section by section, resolves every name, fills in defaults and collects
//! all the problems it finds, so a user sees them together. A scenario is returned only when there
//! is no error; warnings (a number with no source, a site kind nothing selects) travel with it.
//!
//! One module per thing loaded, in the order `Checker::scenario` walks them: `metadata`,
//! `theatre` (and its events), `missions` (with the scenario's capabilities and layers, and
//! `requirements` for each method), `contributors` (and parties), `pledges` (and their
//! `pledge_conditions`), `red_lines`, `guarantee` and `uncertainty` (with its
//! `parameters` and `distributions`). `checker` holds what they share.

mod checker;
mod contributors;
mod distributions;
mod guarantee;
mod metadata;
mod missions;
mod parameters;
mod plausibility;
mod pledge_conditions;
mod pledges;
mod red_lines;
mod requirements;
mod syntax;
mod theatre;
mod type_errors;
mod uncertainty;

use crate::diag::Diagnostic;
use crate::raw::RawScenario;
use crate::scenario::Scenario;

use checker::Checker;

/// The result of loading: the scenario when there were no errors, and every diagnostic.
#[derive(Debug)]
pub struct Loaded {
    pub scenario: Option<Scenario>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Parses and checks a scenario written in TOML.
pub fn load(source: &str) -> Loaded {
    let raw: RawScenario = match toml::from_str(source) {
        Ok(raw) => raw,
        Err(e) => {
            return Loaded {
                scenario: None,
                diagnostics: vec![syntax::toml_error(&e)],
            };
        }
    };
    let mut checker = Checker::default();
    let scenario = checker.scenario(raw);
    let has_errors = checker.diags.iter().any(Diagnostic::is_error);
    Loaded {
        scenario: if has_errors { None } else { Some(scenario) },
        diagnostics: checker.diags,
    }
}

impl Checker {
    /// Checks every section in dependency order: each may refer only to what came before it
    /// (pledges to missions and contributors, red lines to parties), so each name is resolved
    /// once, where it is used.
    fn scenario(&mut self, raw: RawScenario) -> Scenario {
        let meta = self.meta(&raw.scenario);
        let theatre = self.theatre(&raw.theatre);
        self.line_lengths(&raw.theatre);
        let events = self.events(&raw.events);
        let taxonomy = self.taxonomy(&raw.capabilities);
        let layers = self.layers(&raw.layers);
        let missions = self.missions(&raw.missions, &layers, &theatre, &taxonomy, &meta);
        let contributors = self.contributors(&raw.contributors, &taxonomy, &meta);
        self.mission_leads(&raw.missions, &contributors);
        let parties = self.parties(&raw.parties, &contributors);
        let mut pledges = self.pledges(
            &raw.pledges,
            &taxonomy,
            &contributors,
            &missions,
            &layers,
            &events,
        );
        let names = red_lines::RuleNames::new(&theatre, &contributors, &parties);
        let red_lines = self.red_lines(&raw.red_lines, &taxonomy, &names);
        let guarantee = self.guarantee(raw.guarantee.as_ref(), &contributors);
        let uncertainty = self.uncertainty(&raw, &theatre, &events, &missions, &mut pledges);
        let scenario = Scenario {
            uncertainty,
            meta,
            theatre,
            events,
            taxonomy,
            layers,
            missions,
            contributors,
            parties,
            pledges,
            red_lines,
            guarantee,
        };
        if !self.diags.iter().any(Diagnostic::is_error) {
            self.cycles(&scenario, &raw.pledges);
            self.dead_conditions(&scenario, &raw.pledges);
        }
        scenario
    }
}
