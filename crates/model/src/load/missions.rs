//! The scenario's own `[[capabilities]]`, its `[[layers]]` and its `[[missions]]`: which layer
//! each mission belongs to, where its forces stand, how it rotates, and its requirements (whose
//! methods are checked in [`super::requirements`]).

use std::collections::HashSet;

use crate::raw::{RawCapability, RawLayer, RawMission, RawRequirement};
use crate::scenario::{Contributor, Layer, Location, Meta, Mission, RequirementSpec, Theatre};
use crate::suggest::did_you_mean;
use crate::taxonomy::{Capability, Taxonomy};

use super::checker::{Checker, hint, span_of};

impl Checker {
    pub(super) fn taxonomy(&mut self, extra: &[RawCapability]) -> Taxonomy {
        let mut taxonomy = Taxonomy::default();
        for c in extra {
            let capability = Capability {
                name: c.name.get_ref().clone(),
                label: String::new(),
                unit: c.unit.clone(),
                kind: c.kind,
                aggregate: c.aggregate,
                presence: c.presence,
                description: c.description.clone(),
            };
            if let Err(name) = taxonomy.extend(capability) {
                self.error_help(
                    format!("capability `{name}` is already defined"),
                    span_of(&c.name),
                    "redefinition",
                    Some("the default taxonomy (data/capabilities.toml) defines it; choose another name".into()),
                );
            }
        }
        taxonomy
    }

    pub(super) fn layers(&mut self, layers: &[RawLayer]) -> Vec<Layer> {
        let mut seen = HashSet::new();
        layers
            .iter()
            .map(|l| {
                self.unique(&mut seen, &l.id, "layer");
                Layer {
                    id: l.id.get_ref().clone(),
                    name: l.name.clone(),
                    description: l.description.clone(),
                }
            })
            .collect()
    }

    pub(super) fn missions(
        &mut self,
        missions: &[RawMission],
        layers: &[Layer],
        theatre: &Theatre,
        taxonomy: &Taxonomy,
        meta: &Meta,
    ) -> Vec<Mission> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for m in missions {
            self.unique(&mut seen, &m.id, "mission");
            self.mission_layer(m, layers);
            let location = self.location(&m.location, Location::Rear);
            let rotation = match &m.rotation {
                Some(r) => self.rotation(r),
                None => meta.default_rotation.value,
            };
            let rotation_source = if m.rotation.is_some() {
                m.rotation_source.clone()
            } else {
                meta.default_rotation.source.clone()
            };
            let requirements = self.mission_requirements(m, rotation, theatre, taxonomy);
            out.push(Mission {
                id: m.id.get_ref().clone(),
                layer: m.layer.get_ref().clone(),
                name: m.name.clone(),
                description: m.description.clone(),
                location,
                served_from_outside: m.served_from_outside,
                lead: m.lead.as_ref().map(|l| l.get_ref().clone()),
                rotation,
                rotation_source,
                requirements,
            });
        }
        self.dependents(missions, &out);
        out
    }

    /// A mission's lead nation must be a contributor, or a member of an organisation that
    /// contributes.
    pub(super) fn mission_leads(&mut self, missions: &[RawMission], contributors: &[Contributor]) {
        let known: Vec<&str> = contributors
            .iter()
            .flat_map(|c| {
                std::iter::once(c.code.as_str()).chain(c.members.iter().map(String::as_str))
            })
            .collect();
        for m in missions {
            let Some(lead) = &m.lead else { continue };
            if !known.contains(&lead.get_ref().as_str()) {
                self.error_help(
                    format!(
                        "mission `{}` is led by `{}`, which is not a contributor",
                        m.id.get_ref(),
                        lead.get_ref()
                    ),
                    span_of(lead),
                    "unknown lead nation",
                    hint(did_you_mean(lead.get_ref(), known.iter().copied()))
                        .or_else(|| Some("declare it under [[contributors]]".into())),
                );
            }
        }
    }

    /// A mission's layer must be declared under `[[layers]]`.
    fn mission_layer(&mut self, m: &RawMission, layers: &[Layer]) {
        if !layers.iter().any(|l| &l.id == m.layer.get_ref()) {
            let help = hint(did_you_mean(
                m.layer.get_ref(),
                layers.iter().map(|l| l.id.as_str()),
            ))
            .or_else(|| Some("declare it with [[layers]]".into()));
            self.error_help(
                format!("unknown layer `{}`", m.layer.get_ref()),
                span_of(&m.layer),
                "no such layer",
                help,
            );
        }
    }

    /// At least one requirement, one per capability; those whose method checks out are kept,
    /// with the mission's rotation unless they give their own.
    fn mission_requirements(
        &mut self,
        m: &RawMission,
        rotation: f64,
        theatre: &Theatre,
        taxonomy: &Taxonomy,
    ) -> Vec<RequirementSpec> {
        if m.requirements.is_empty() {
            self.error(
                format!("mission `{}` has no requirements", m.id.get_ref()),
                span_of(&m.id),
                "add at least one [[missions.requirements]]",
            );
        }
        self.mission_caps.insert(
            m.id.get_ref().clone(),
            m.requirements
                .iter()
                .map(|r| r.capability.get_ref().clone())
                .collect(),
        );
        let mut caps_seen = HashSet::new();
        let mut requirements = Vec::new();
        for r in &m.requirements {
            if self.capability(&r.capability, taxonomy)
                && !caps_seen.insert(r.capability.get_ref().clone())
            {
                self.error(
                    format!(
                        "mission `{}` states `{}` twice",
                        m.id.get_ref(),
                        r.capability.get_ref()
                    ),
                    span_of(&r.capability),
                    "one requirement per capability and mission",
                );
            }
            if let Some(spec) = self.requirement(m, r, rotation, theatre) {
                requirements.push(spec);
            }
        }
        requirements
    }

    fn requirement(
        &mut self,
        m: &RawMission,
        r: &RawRequirement,
        rotation: f64,
        theatre: &Theatre,
    ) -> Option<RequirementSpec> {
        let method = self.method(m.id.get_ref(), r, theatre)?;
        let rotation = match &r.rotation {
            Some(x) => self.rotation(x),
            None => rotation,
        };
        if r.source.trim().is_empty() {
            self.warn(
                format!(
                    "requirement `{}` of mission `{}` has no source",
                    r.capability.get_ref(),
                    m.id.get_ref()
                ),
                span_of(&r.method),
                "add `source = \"...\"` for its parameters",
            );
        }
        Some(RequirementSpec {
            capability: r.capability.get_ref().clone(),
            method,
            rotation,
            source: r.source.clone(),
        })
    }
}
