//! A scenario prepared for repeated evaluation: its uncertain inputs (the coordinates of the unit
//! cube), mapped onto the engine's coverage kernel.
//!
//! Monte Carlo and Sobol analysis evaluate the coverage of a scenario millions of times, each
//! time with other pledges honoured, other events happening and other parameter values. The rules
//! themselves (eligibility, the least fixed point of conditions, the coverage passes) are
//! [`guarantor_engine::kernel`]'s, the same code `guarantor_engine::assess` runs; this module only
//! says what each coordinate `u` of the unit cube sets in the kernel's [`State`]: an event that
//! happens when `u < p`, a pledge honoured when `u < p`, a number drawn from its distribution's
//! quantile function. [`CompiledScenario::evaluate`] writes a draw into a reusable [`Workspace`]
//! and evaluates the kernel there, with no allocation. [`CompiledScenario::realise`] builds the
//! concrete scenario of a point, so a test can check that the figures equal `assess` on it, bit
//! for bit.

use guarantor_engine::kernel::{Kernel, Number, State};
use guarantor_model::{
    Aggregate, Base, Distribution, Method, ParameterTarget, Quantity, RequirementField, Scenario,
    Zone,
};
use serde::Serialize;

use crate::distribution::quantile;
use crate::reliability::Reliability;

/// What an uncertain input of the model is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum InputKind {
    /// An event (a shared cause) that happens with `probability`.
    Event { event: String, probability: f64 },
    /// A pledge that is honoured with `probability`.
    Pledge {
        pledge: String,
        contributor: String,
        probability: f64,
    },
    /// A scenario number with a distribution (`[[uncertain]]`, or a pledged range taken as
    /// uniform).
    Parameter {
        path: String,
        #[serde(flatten)]
        distribution: Distribution,
    },
}

/// One coordinate of the unit cube the model is evaluated on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Input {
    /// A short name for reports: `event us_backstop`, `pledge gbr-troops`,
    /// `theatre.lines.contact_line.km`.
    pub name: String,
    #[serde(flatten)]
    pub kind: InputKind,
}

impl Input {
    /// Whether the coordinate `u` puts this input on its "high" side: the event happens, the
    /// pledge is honoured, the parameter is at or above its median. Used for tornado data.
    pub fn is_high(&self, u: f64) -> bool {
        match &self.kind {
            InputKind::Event { probability, .. } | InputKind::Pledge { probability, .. } => {
                u < *probability
            }
            InputKind::Parameter { .. } => u >= 0.5,
        }
    }

    /// Labels of the low and high sides, for reports.
    pub fn sides(&self) -> (&'static str, &'static str) {
        match &self.kind {
            InputKind::Event { .. } => ("does not happen", "happens"),
            InputKind::Pledge { .. } => ("not honoured", "honoured"),
            InputKind::Parameter { .. } => ("below median", "above median"),
        }
    }
}

/// A binary input drawn from coordinate `input`: true when `u[input] < p`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Bernoulli {
    /// The event or pledge it sets.
    target: u32,
    input: u32,
    p: f64,
}

/// A number drawn from coordinate `input` through its distribution's quantile function.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Param {
    input: u32,
    distribution: Distribution,
    /// The kernel slot it sets.
    slot: u32,
    /// A `ratio`'s divisor: kept above zero, as [`CompiledScenario::realise`] writes it.
    divisor: bool,
}

/// One requirement row of the compiled model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub layer: String,
    pub mission: String,
    pub capability: String,
    pub unit: String,
    /// Index into [`CompiledScenario::capabilities`].
    pub capability_index: usize,
    /// Index into [`CompiledScenario::layers`].
    pub layer_index: usize,
}

/// A capability with at least one requirement, and how its gaps combine.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CapabilityInfo {
    pub capability: String,
    pub unit: String,
    /// `max` capabilities (a sharing level) take the largest gap, `sum` ones add them.
    pub max: bool,
}

/// The compiled model. Build it once per scenario; evaluate it per draw.
#[derive(Debug, Clone)]
pub struct CompiledScenario {
    kernel: Kernel,
    inputs: Vec<Input>,
    /// Events and pledges whose probability is 0 or 1: set once, in [`Self::workspace`].
    fixed_events: Vec<(u32, bool)>,
    fixed_pledges: Vec<(u32, bool)>,
    events: Vec<Bernoulli>,
    pledges: Vec<Bernoulli>,
    params: Vec<Param>,
    rows: Vec<Row>,
    capabilities: Vec<CapabilityInfo>,
    layers: Vec<String>,
}

/// Per-draw buffers, reused across draws: the kernel's [`State`]. One per thread.
#[derive(Debug, Clone)]
pub struct Workspace {
    state: State,
}

impl Workspace {
    /// The kernel's state after the last evaluation.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// Required amount per row in this draw.
    #[inline]
    pub fn required(&self) -> &[f64] {
        self.state.required()
    }

    /// Pledged in force per row in this draw (for `max` capabilities, the best level).
    #[inline]
    pub fn pledged(&self) -> &[f64] {
        self.state.pledged()
    }

    /// `max(required − pledged, 0)` of row `r`, as the engine computes a gap.
    #[inline]
    pub fn gap(&self, r: usize) -> f64 {
        self.state.gap(r)
    }

    /// `pledged / required` capped at 1 (1 when nothing is required), as the engine's `covered`.
    #[inline]
    pub fn covered(&self, r: usize) -> f64 {
        self.state.covered(r)
    }
}

/// An event or pledge with probability `p`: fixed when `p` is 0 or 1, else a new input.
fn chance(
    p: f64,
    target: usize,
    inputs: &mut Vec<Input>,
    drawn: &mut Vec<Bernoulli>,
    fixed: &mut Vec<(u32, bool)>,
    input: impl FnOnce() -> Input,
) {
    if p >= 1.0 || p <= 0.0 {
        fixed.push((target as u32, p >= 1.0));
    } else {
        inputs.push(input());
        drawn.push(Bernoulli {
            target: target as u32,
            input: (inputs.len() - 1) as u32,
            p,
        });
    }
}

impl CompiledScenario {
    /// Compiles a checked scenario with the given default reliabilities.
    pub fn new(scenario: &Scenario, reliability: &Reliability) -> Self {
        let kernel = Kernel::new(scenario);
        let mut inputs: Vec<Input> = Vec::new();
        let uncertainty = &scenario.uncertainty;

        let mut events = Vec::new();
        let mut fixed_events = Vec::new();
        for (i, e) in scenario.events.iter().enumerate() {
            if let Some(p) = uncertainty.event_probability(&e.id) {
                chance(p, i, &mut inputs, &mut events, &mut fixed_events, || {
                    Input {
                        name: format!("event {}", e.id),
                        kind: InputKind::Event {
                            event: e.id.clone(),
                            probability: p,
                        },
                    }
                });
            }
        }
        let mut pledges = Vec::new();
        let mut fixed_pledges = Vec::new();
        for (i, pl) in scenario.pledges.iter().enumerate() {
            let p = reliability.pledge(scenario, pl);
            chance(p, i, &mut inputs, &mut pledges, &mut fixed_pledges, || {
                Input {
                    name: format!("pledge {}", pl.id),
                    kind: InputKind::Pledge {
                        pledge: pl.id.clone(),
                        contributor: pl.contributor.clone(),
                        probability: p,
                    },
                }
            });
        }

        // Parameters: stated ones first (file order), then pledged ranges not stated.
        let mut params: Vec<Param> = Vec::new();
        let mut param = |inputs: &mut Vec<Input>,
                         path: String,
                         d: Distribution,
                         slot: Option<usize>,
                         divisor: bool| {
            inputs.push(Input {
                name: path.clone(),
                kind: InputKind::Parameter {
                    path,
                    distribution: d,
                },
            });
            // A parameter the scenario's method does not have is still an input (so the cube
            // keeps its coordinates) but sets nothing.
            if let Some(slot) = slot {
                params.push(Param {
                    input: (inputs.len() - 1) as u32,
                    distribution: d,
                    slot: slot as u32,
                    divisor,
                });
            }
        };
        let mut stated = vec![false; scenario.pledges.len()];
        for u in &uncertainty.parameters {
            let number = match &u.target {
                ParameterTarget::LineKm { line } => {
                    let Some(i) = scenario.theatre.lines.iter().position(|l| &l.id == line) else {
                        continue;
                    };
                    Number::LineKm(i)
                }
                ParameterTarget::Population => Number::Population,
                ParameterTarget::AreaKm2 => Number::AreaKm2,
                ParameterTarget::Requirement {
                    mission,
                    capability,
                    field,
                } => {
                    let row = kernel.rows().iter().position(|row| {
                        let m = &scenario.missions[row.mission];
                        &m.id == mission
                            && m.requirements
                                .iter()
                                .position(|r| &r.capability == capability)
                                == Some(row.requirement)
                    });
                    let Some(row) = row else {
                        continue;
                    };
                    Number::Requirement { row, field: *field }
                }
                ParameterTarget::PledgeQuantity { pledge } => {
                    // A pledge removed with `--without` takes its parameter with it.
                    let Some(i) = scenario.pledges.iter().position(|p| &p.id == pledge) else {
                        continue;
                    };
                    stated[i] = true;
                    Number::Quantity(i)
                }
            };
            // Only a `ratio`'s `per` divides; a `dependent`'s multiplies and may be zero.
            let divisor = match &u.target {
                ParameterTarget::Requirement {
                    mission,
                    capability,
                    field: RequirementField::Per,
                } => scenario
                    .missions
                    .iter()
                    .filter(|m| &m.id == mission)
                    .flat_map(|m| &m.requirements)
                    .any(|r| {
                        &r.capability == capability && matches!(r.method, Method::Ratio { .. })
                    }),
                _ => false,
            };
            let slot = kernel.slot(number);
            param(&mut inputs, u.path.clone(), u.distribution, slot, divisor);
        }
        for (i, p) in scenario.pledges.iter().enumerate() {
            if !stated[i] && p.quantity.low < p.quantity.high {
                let d = Distribution::Uniform {
                    low: p.quantity.low,
                    high: p.quantity.high,
                };
                let slot = kernel.slot(Number::Quantity(i));
                param(
                    &mut inputs,
                    format!("pledges.{}.quantity", p.id),
                    d,
                    slot,
                    false,
                );
            }
        }

        // Requirement rows, with their capability and layer for the tallies.
        let mut capabilities: Vec<CapabilityInfo> = Vec::new();
        let mut rows: Vec<Row> = Vec::new();
        for row in kernel.rows() {
            let mission = &scenario.missions[row.mission];
            let spec = &mission.requirements[row.requirement];
            let cap = scenario.taxonomy.get(&spec.capability);
            let unit = cap.map_or(String::new(), |c| c.unit.clone());
            if !capabilities.iter().any(|c| c.capability == spec.capability) {
                capabilities.push(CapabilityInfo {
                    capability: spec.capability.clone(),
                    unit: unit.clone(),
                    max: cap.is_some_and(|c| c.aggregate == Aggregate::Max),
                });
            }
            rows.push(Row {
                layer: mission.layer.clone(),
                mission: mission.id.clone(),
                capability: spec.capability.clone(),
                unit,
                capability_index: 0,
                layer_index: 0,
            });
        }
        capabilities.sort_by_key(|c| scenario.taxonomy.index(&c.capability));
        let layers: Vec<String> = scenario
            .layers
            .iter()
            .map(|l| l.id.clone())
            .filter(|l| rows.iter().any(|r| &r.layer == l))
            .collect();
        for row in &mut rows {
            row.capability_index = capabilities
                .iter()
                .position(|c| c.capability == row.capability)
                .unwrap_or(0);
            row.layer_index = layers.iter().position(|l| *l == row.layer).unwrap_or(0);
        }

        CompiledScenario {
            kernel,
            inputs,
            fixed_events,
            fixed_pledges,
            events,
            pledges,
            params,
            rows,
            capabilities,
            layers,
        }
    }

    /// The uncertain inputs: the coordinates of the unit cube, in order.
    pub fn inputs(&self) -> &[Input] {
        &self.inputs
    }

    /// The requirement rows, in the engine's order (missions, then requirements, in file order).
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Capabilities with a requirement, in taxonomy order.
    pub fn capabilities(&self) -> &[CapabilityInfo] {
        &self.capabilities
    }

    /// Layers with a requirement, in file order.
    pub fn layers(&self) -> &[String] {
        &self.layers
    }

    /// The engine's kernel this model evaluates.
    pub fn kernel(&self) -> &Kernel {
        &self.kernel
    }

    /// Fresh buffers for [`Self::evaluate`]: the scenario's own point, with the events and
    /// pledges that are certain set once.
    pub fn workspace(&self) -> Workspace {
        let mut state = self.kernel.state();
        for &(e, holds) in &self.fixed_events {
            state.events[e as usize] = holds;
        }
        for &(i, honoured) in &self.fixed_pledges {
            state.available[i as usize] = honoured;
        }
        Workspace { state }
    }

    /// Evaluates coverage at one point `u` of the unit cube (`u.len() == inputs().len()`, each
    /// coordinate in [0, 1)). Results are in `ws`. Allocates nothing.
    #[inline]
    pub fn evaluate(&self, u: &[f64], ws: &mut Workspace) {
        debug_assert_eq!(u.len(), self.inputs.len());
        let st = &mut ws.state;
        for b in &self.events {
            st.events[b.target as usize] = u[b.input as usize] < b.p;
        }
        for b in &self.pledges {
            st.available[b.target as usize] = u[b.input as usize] < b.p;
        }
        for p in &self.params {
            let v = quantile(&p.distribution, u[p.input as usize]);
            st.values[p.slot as usize] = if p.divisor {
                v.max(f64::MIN_POSITIVE)
            } else {
                v
            };
        }
        self.kernel.evaluate(st);
    }

    /// The concrete scenario at point `u`: events set as drawn, unhonoured pledges removed,
    /// quantities and parameters set to their drawn values. Slow (it clones the scenario); it is
    /// the reference [`Self::evaluate`] is checked against, and a way to inspect one draw with
    /// `assess`.
    pub fn realise(&self, scenario: &Scenario, u: &[f64]) -> Scenario {
        let mut ws = self.workspace();
        self.evaluate(u, &mut ws);
        let st = ws.state;
        let mut s = scenario.clone();
        for (e, event) in s.events.iter_mut().enumerate() {
            event.holds = st.events[e];
        }
        for (i, p) in s.pledges.iter_mut().enumerate() {
            p.quantity = Quantity::exact(st.quantity(i));
        }
        for u_param in &scenario.uncertainty.parameters {
            let Some(input) = self.inputs.iter().position(|input| {
                matches!(&input.kind, InputKind::Parameter { path, .. } if *path == u_param.path)
            }) else {
                continue;
            };
            let v = quantile(&u_param.distribution, u[input]);
            match &u_param.target {
                ParameterTarget::LineKm { line } => {
                    if let Some(l) = s.theatre.lines.iter_mut().find(|l| &l.id == line) {
                        l.km = v;
                    }
                }
                ParameterTarget::Population => {
                    if let Some(p) = s.theatre.population.as_mut() {
                        p.value = v;
                    }
                }
                ParameterTarget::AreaKm2 => {
                    if let Some(p) = s.theatre.area_km2.as_mut() {
                        p.value = v;
                    }
                }
                ParameterTarget::Requirement {
                    mission,
                    capability,
                    field,
                } => {
                    let spec = s
                        .missions
                        .iter_mut()
                        .filter(|m| &m.id == mission)
                        .flat_map(|m| m.requirements.iter_mut())
                        .find(|r| &r.capability == capability);
                    if let Some(spec) = spec {
                        match (&mut spec.method, field) {
                            (Method::PerKm { density, .. }, RequirementField::Density) => {
                                *density = v
                            }
                            (Method::PerSite { per_site, .. }, RequirementField::PerSite) => {
                                *per_site = v
                            }
                            (Method::Fixed { amount }, RequirementField::Amount) => *amount = v,
                            (Method::Ratio { base, .. }, RequirementField::Base) => {
                                *base = Base::Number(v)
                            }
                            (Method::Ratio { per, .. }, RequirementField::Per) => {
                                *per = v.max(f64::MIN_POSITIVE)
                            }
                            (Method::Echelon { count, .. }, RequirementField::Count) => *count = v,
                            (Method::Echelon { size, .. }, RequirementField::Size) => *size = v,
                            (Method::Dependent { per, .. }, RequirementField::Per) => *per = v,
                            (Method::Area { density, .. }, RequirementField::Density) => {
                                *density = v
                            }
                            (
                                Method::Area {
                                    zone: Zone::Km2(km2),
                                    ..
                                },
                                RequirementField::Km2,
                            ) => *km2 = v,
                            (
                                Method::Area {
                                    zone: Zone::Strip { length_km, .. },
                                    ..
                                },
                                RequirementField::LengthKm,
                            ) => *length_km = v,
                            (
                                Method::Area {
                                    zone: Zone::Strip { depth_km, .. },
                                    ..
                                },
                                RequirementField::DepthKm,
                            ) => *depth_km = v,
                            _ => {}
                        }
                    }
                }
                ParameterTarget::PledgeQuantity { .. } => {}
            }
        }
        let mut keep = st.available.iter();
        s.pledges.retain(|_| keep.next().copied().unwrap_or(true));
        s
    }
}
