//! What an `[[uncertain]]` parameter path names: a line's length, the theatre's population or
//! area, one number of a requirement, or a pledge's quantity (the same paths `--set` uses).

use toml::Spanned;

use crate::scenario::{Mission, ParameterTarget, Pledge, RequirementField, Theatre};
use crate::suggest::did_you_mean;
use crate::vocabulary::listed;

use super::checker::{Checker, hint, inner, span_of};

impl Checker {
    fn not_a_parameter(
        &mut self,
        path: &Spanned<String>,
        message: String,
        help: Option<String>,
    ) -> Option<ParameterTarget> {
        self.error_help(
            message,
            span_of(path).map(inner),
            "not an uncertain parameter",
            help,
        );
        None
    }

    /// Resolves a `--set`-style path to the number it names, or reports why it cannot.
    pub(super) fn parameter_target(
        &mut self,
        path: &Spanned<String>,
        theatre: &Theatre,
        missions: &[Mission],
        pledges: &[Pledge],
    ) -> Option<ParameterTarget> {
        let text = path.get_ref();
        let parts: Vec<&str> = text.split('.').collect();
        if parts.last() == Some(&"rotation") || text == "scenario.default_rotation" {
            return self.not_a_parameter(
                path,
                format!("`{text}` does not change coverage"),
                Some("a rotation factor sizes the force to generate, not the force in place that `simulate` sets against requirements".into()),
            );
        }
        match parts.as_slice() {
            ["theatre", "lines", line, "km"] => {
                if theatre.line(line).is_none() {
                    let help = hint(did_you_mean(line, theatre.lines.iter().map(|l| l.id.as_str())));
                    return self.not_a_parameter(
                        path,
                        format!("unknown line `{line}` in `{text}`"),
                        help,
                    );
                }
                Some(ParameterTarget::LineKm {
                    line: line.to_string(),
                })
            }
            ["theatre", "population"] if theatre.population.is_some() => {
                Some(ParameterTarget::Population)
            }
            ["theatre", "area_km2"] if theatre.area_km2.is_some() => Some(ParameterTarget::AreaKm2),
            ["theatre", field @ ("population" | "area_km2")] => self.not_a_parameter(
                path,
                format!("the theatre gives no `{field}`, so it cannot be uncertain"),
                Some(format!("add `{field} = {{ value = ..., source = ... }}` to [theatre]")),
            ),
            ["missions", mission, "requirements", capability, field] => {
                self.requirement_target(path, missions, mission, capability, field)
            }
            ["pledges", pledge, "quantity"] => {
                if !pledges.iter().any(|p| &p.id == pledge) {
                    let help = hint(did_you_mean(pledge, pledges.iter().map(|p| p.id.as_str())));
                    return self.not_a_parameter(
                        path,
                        format!("unknown pledge `{pledge}` in `{text}`"),
                        help,
                    );
                }
                Some(ParameterTarget::PledgeQuantity {
                    pledge: pledge.to_string(),
                })
            }
            _ => self.not_a_parameter(
                path,
                format!("unknown parameter path `{text}`"),
                Some("uncertain parameters are `theatre.lines.ID.km`, `theatre.population`, `theatre.area_km2`, `missions.ID.requirements.CAPABILITY.FIELD` and `pledges.ID.quantity`".into()),
            ),
        }
    }

    /// `missions.ID.requirements.CAPABILITY.FIELD`: the mission, its requirement, and a number
    /// that requirement's method has.
    fn requirement_target(
        &mut self,
        path: &Spanned<String>,
        missions: &[Mission],
        mission: &str,
        capability: &str,
        field: &str,
    ) -> Option<ParameterTarget> {
        let text = path.get_ref();
        let Some(m) = missions.iter().find(|m| m.id == mission) else {
            let help = hint(did_you_mean(
                mission,
                missions.iter().map(|m| m.id.as_str()),
            ));
            return self.not_a_parameter(
                path,
                format!("unknown mission `{mission}` in `{text}`"),
                help,
            );
        };
        let Some(r) = m.requirements.iter().find(|r| r.capability == capability) else {
            let help = hint(did_you_mean(
                capability,
                m.requirements.iter().map(|r| r.capability.as_str()),
            ));
            return self.not_a_parameter(
                path,
                format!("mission `{mission}` has no requirement `{capability}`"),
                help,
            );
        };
        let fields = r.method.fields();
        match RequirementField::parse(field) {
            Some(f) if fields.contains(&f) => Some(ParameterTarget::Requirement {
                mission: mission.to_string(),
                capability: capability.to_string(),
                field: f,
            }),
            _ => {
                let help = if field == RequirementField::Base.name() {
                    "this base is the theatre's; make `theatre.population` or `theatre.area_km2` uncertain".to_string()
                } else {
                    let names: Vec<&str> = fields.iter().map(|f| f.name()).collect();
                    format!("this requirement's numbers are {}", listed(&names, " and "))
                };
                self.not_a_parameter(
                    path,
                    format!("`{field}` is not a number of requirement `{capability}` of mission `{mission}`"),
                    Some(help),
                )
            }
        }
    }
}
