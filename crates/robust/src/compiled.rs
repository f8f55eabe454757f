//! A scenario compiled for fast repeated evaluation: the uncertain inputs, the requirement
//! formulas, the condition graph and the coverage passes, flattened into index arrays.
//!
//! Monte Carlo and Sobol analysis evaluate the coverage of a scenario millions of times, each
//! time with other pledges honoured, other events happening and other parameter values. Calling
//! [`guarantor_engine::assess`] per draw would build strings, formulas and reports that a draw
//! throws away. [`CompiledScenario::evaluate`] instead maps one point `u` of the unit cube (one
//! coordinate per uncertain [`Input`]) to the pledged amount and gap of every requirement,
//! writing into a reusable [`Workspace`] with no allocation. It repeats the engine's arithmetic
//! operation for operation (same passes, same order, same float operations), so on the same
//! inputs it gives bit-for-bit the numbers `assess` gives; [`CompiledScenario::realise`] builds
//! that concrete scenario, and a test checks the two agree.
//!
//! What this is not: a second engine. Capacity, red lines and lapse explanations are not
//! computed here; only coverage, which is what robustness asks about.

use guarantor_model::{
    Aggregate, Base, Distribution, Method, ParameterTarget, Quantity, RequirementField, Scenario,
    Target,
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

/// A number in a formula: fixed, or the value of a sampled parameter.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Slot {
    Const(f64),
    Param(usize),
}

/// A requirement's formula, in the engine's operation order.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Formula {
    /// `a × b` (per_km: km × density; per_site: sites × per site).
    Product(Slot, Slot),
    /// `a` (fixed).
    Single(Slot),
    /// `a ÷ b` (ratio: base ÷ per).
    Ratio(Slot, Slot),
}

/// A binary input: fixed, or drawn from coordinate `input` with probability `p`.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Chance {
    Fixed(bool),
    Drawn { input: usize, p: f64 },
}

impl Chance {
    fn of(p: f64, input: &mut Vec<Input>, kind: impl FnOnce() -> Input) -> Chance {
        if p >= 1.0 {
            Chance::Fixed(true)
        } else if p <= 0.0 {
            Chance::Fixed(false)
        } else {
            input.push(kind());
            Chance::Drawn {
                input: input.len() - 1,
                p,
            }
        }
    }

    #[inline]
    fn draw(self, u: &[f64]) -> bool {
        match self {
            Chance::Fixed(b) => b,
            Chance::Drawn { input, p } => u[input] < p,
        }
    }
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
    #[serde(skip)]
    formula: Formula,
    #[serde(skip)]
    max: bool,
    /// Per pass (mission, layer, anywhere): range into `eligible`.
    #[serde(skip)]
    passes: [(u32, u32); 3],
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
    inputs: Vec<Input>,
    events: Vec<Chance>,
    pledges: Vec<Chance>,
    /// Per pledge: fixed quantity, or a parameter index.
    quantities: Vec<Slot>,
    /// Per parameter: its input coordinate and distribution.
    params: Vec<(usize, Distribution)>,
    /// Per pledge: range into `pledge_events`.
    event_ranges: Vec<(u32, u32)>,
    pledge_events: Vec<u32>,
    /// Per pledge: range into `conditions`; each condition a range into `candidates`.
    condition_ranges: Vec<(u32, u32)>,
    conditions: Vec<(u32, u32)>,
    candidates: Vec<u32>,
    /// Pledges with `requires` conditions, dependencies first when the conditions are acyclic.
    conditional: Vec<u32>,
    /// True when the `requires` graph has no cycle, so one pass over `conditional` reaches the
    /// least fixed point.
    acyclic: bool,
    rows: Vec<Row>,
    eligible: Vec<u32>,
    capabilities: Vec<CapabilityInfo>,
    layers: Vec<String>,
}

/// Per-draw buffers, reused across draws. One per thread.
#[derive(Debug, Clone)]
pub struct Workspace {
    events: Vec<bool>,
    present: Vec<bool>,
    quantity: Vec<f64>,
    left: Vec<f64>,
    active: Vec<bool>,
    params: Vec<f64>,
    /// Required amount per row in this draw.
    pub required: Vec<f64>,
    /// Pledged in force per row in this draw (for `max` capabilities, the best level).
    pub pledged: Vec<f64>,
}

impl Workspace {
    /// `max(required − pledged, 0)` of row `r`, as the engine computes a gap.
    #[inline]
    pub fn gap(&self, r: usize) -> f64 {
        (self.required[r] - self.pledged[r]).max(0.0)
    }

    /// `pledged / required` capped at 1 (1 when nothing is required), as the engine's `covered`.
    #[inline]
    pub fn covered(&self, r: usize) -> f64 {
        if self.required[r] > 0.0 {
            (self.pledged[r] / self.required[r]).min(1.0)
        } else {
            1.0
        }
    }
}

fn span(start: usize, end: usize) -> (u32, u32) {
    (start as u32, end as u32)
}

/// The pledges with `requires` conditions in an order where every candidate comes before the
/// pledges that need it (depth-first post-order), and whether that order exists (no cycle).
fn conditional_order(
    condition_ranges: &[(u32, u32)],
    conditions: &[(u32, u32)],
    candidates: &[u32],
) -> (Vec<u32>, bool) {
    let n = condition_ranges.len();
    let deps = |i: usize| {
        let (cs, ce) = condition_ranges[i];
        conditions[cs as usize..ce as usize]
            .iter()
            .flat_map(|&(s, e)| candidates[s as usize..e as usize].iter().copied())
    };
    // 0 unvisited, 1 on the stack, 2 done.
    let mut state = vec![0u8; n];
    let mut order = Vec::new();
    let mut acyclic = true;
    for root in 0..n {
        if state[root] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, Vec<u32>)> = vec![(root, deps(root).collect())];
        state[root] = 1;
        while let Some((node, pending)) = stack.last_mut() {
            if let Some(next) = pending.pop() {
                let next = next as usize;
                match state[next] {
                    0 => {
                        state[next] = 1;
                        let d = deps(next).collect();
                        stack.push((next, d));
                    }
                    1 => acyclic = false,
                    _ => {}
                }
            } else {
                let node = *node;
                state[node] = 2;
                order.push(node);
                stack.pop();
            }
        }
    }
    let conditional = order
        .into_iter()
        .filter(|&i| condition_ranges[i].0 != condition_ranges[i].1)
        .map(|i| i as u32)
        .collect();
    (conditional, acyclic)
}

impl CompiledScenario {
    /// Compiles a checked scenario with the given default reliabilities.
    pub fn new(scenario: &Scenario, reliability: &Reliability) -> Self {
        let mut inputs: Vec<Input> = Vec::new();
        let uncertainty = &scenario.uncertainty;

        let events: Vec<Chance> = scenario
            .events
            .iter()
            .map(|e| match uncertainty.event_probability(&e.id) {
                None => Chance::Fixed(e.holds),
                Some(p) => Chance::of(p, &mut inputs, || Input {
                    name: format!("event {}", e.id),
                    kind: InputKind::Event {
                        event: e.id.clone(),
                        probability: p,
                    },
                }),
            })
            .collect();
        let pledges: Vec<Chance> = scenario
            .pledges
            .iter()
            .map(|pl| {
                let p = reliability.pledge(scenario, pl);
                Chance::of(p, &mut inputs, || Input {
                    name: format!("pledge {}", pl.id),
                    kind: InputKind::Pledge {
                        pledge: pl.id.clone(),
                        contributor: pl.contributor.clone(),
                        probability: p,
                    },
                })
            })
            .collect();

        // Parameters: stated ones first (file order), then pledged ranges not stated.
        let mut params: Vec<(usize, Distribution)> = Vec::new();
        let mut param_of = |inputs: &mut Vec<Input>, path: String, d: Distribution| -> usize {
            inputs.push(Input {
                name: path.clone(),
                kind: InputKind::Parameter {
                    path,
                    distribution: d,
                },
            });
            params.push((inputs.len() - 1, d));
            params.len() - 1
        };
        let mut line_km: Vec<Slot> = scenario
            .theatre
            .lines
            .iter()
            .map(|l| Slot::Const(l.km))
            .collect();
        let mut population = Slot::Const(
            scenario
                .theatre
                .population
                .as_ref()
                .map_or(0.0, |p| p.value),
        );
        let mut area = Slot::Const(scenario.theatre.area_km2.as_ref().map_or(0.0, |p| p.value));
        let mut req_fields: Vec<(usize, usize, RequirementField, Slot)> = Vec::new();
        let mut quantities: Vec<Option<Slot>> = vec![None; scenario.pledges.len()];
        for u in &uncertainty.parameters {
            match &u.target {
                ParameterTarget::LineKm { line } => {
                    if let Some(i) = scenario.theatre.lines.iter().position(|l| &l.id == line) {
                        line_km[i] =
                            Slot::Param(param_of(&mut inputs, u.path.clone(), u.distribution));
                    }
                }
                ParameterTarget::Population => {
                    population = Slot::Param(param_of(&mut inputs, u.path.clone(), u.distribution));
                }
                ParameterTarget::AreaKm2 => {
                    area = Slot::Param(param_of(&mut inputs, u.path.clone(), u.distribution));
                }
                ParameterTarget::Requirement {
                    mission,
                    capability,
                    field,
                } => {
                    let found = scenario.missions.iter().enumerate().find_map(|(m, mi)| {
                        (&mi.id == mission).then_some(m).and_then(|m| {
                            mi.requirements
                                .iter()
                                .position(|r| &r.capability == capability)
                                .map(|r| (m, r))
                        })
                    });
                    if let Some((m, r)) = found {
                        let slot =
                            Slot::Param(param_of(&mut inputs, u.path.clone(), u.distribution));
                        req_fields.push((m, r, *field, slot));
                    }
                }
                ParameterTarget::PledgeQuantity { pledge } => {
                    // A pledge removed with `--without` takes its parameter with it.
                    if let Some(i) = scenario.pledges.iter().position(|p| &p.id == pledge) {
                        quantities[i] = Some(Slot::Param(param_of(
                            &mut inputs,
                            u.path.clone(),
                            u.distribution,
                        )));
                    }
                }
            }
        }
        let quantities: Vec<Slot> = scenario
            .pledges
            .iter()
            .zip(quantities)
            .map(|(p, q)| match q {
                Some(slot) => slot,
                None if p.quantity.low < p.quantity.high => Slot::Param(param_of(
                    &mut inputs,
                    format!("pledges.{}.quantity", p.id),
                    Distribution::Uniform {
                        low: p.quantity.low,
                        high: p.quantity.high,
                    },
                )),
                None => Slot::Const(p.quantity.low),
            })
            .collect();

        // Events and conditions of each pledge, as the model's ConditionGraph builds them.
        let mut event_ranges = Vec::new();
        let mut pledge_events = Vec::new();
        let mut condition_ranges = Vec::new();
        let mut conditions = Vec::new();
        let mut candidates = Vec::new();
        for (i, p) in scenario.pledges.iter().enumerate() {
            let start = pledge_events.len();
            pledge_events.extend(
                p.after
                    .iter()
                    .filter_map(|e| scenario.events.iter().position(|x| &x.id == e))
                    .map(|e| e as u32),
            );
            event_ranges.push(span(start, pledge_events.len()));
            let cstart = conditions.len();
            for c in &p.requires {
                let s = candidates.len();
                candidates.extend(
                    scenario
                        .pledges
                        .iter()
                        .enumerate()
                        .filter(|(j, q)| {
                            *j != i
                                && q.contributor == c.contributor
                                && c.capabilities.contains(&q.capability)
                        })
                        .map(|(j, _)| j as u32),
                );
                conditions.push(span(s, candidates.len()));
            }
            condition_ranges.push(span(cstart, conditions.len()));
        }

        let (conditional, acyclic) = conditional_order(&condition_ranges, &conditions, &candidates);

        // Requirement rows and the pledges eligible for each in each pass.
        let mut rows = Vec::new();
        let mut eligible = Vec::new();
        let mut capabilities: Vec<CapabilityInfo> = Vec::new();
        for (m, mission) in scenario.missions.iter().enumerate() {
            for (r, spec) in mission.requirements.iter().enumerate() {
                let field = |f: RequirementField, value: f64| {
                    req_fields
                        .iter()
                        .find(|(mm, rr, ff, _)| *mm == m && *rr == r && *ff == f)
                        .map_or(Slot::Const(value), |x| x.3)
                };
                let formula = match &spec.method {
                    Method::PerKm { line, density } => {
                        let km = scenario
                            .theatre
                            .lines
                            .iter()
                            .position(|l| &l.id == line)
                            .map_or(Slot::Const(0.0), |i| line_km[i]);
                        Formula::Product(km, field(RequirementField::Density, *density))
                    }
                    Method::PerSite { kinds, per_site } => {
                        let n = scenario
                            .theatre
                            .sites
                            .iter()
                            .filter(|s| kinds.contains(&s.kind))
                            .count() as f64;
                        Formula::Product(
                            Slot::Const(n),
                            field(RequirementField::PerSite, *per_site),
                        )
                    }
                    Method::Fixed { amount } => {
                        Formula::Single(field(RequirementField::Amount, *amount))
                    }
                    Method::Ratio { base, per } => {
                        let base = match base {
                            Base::Number(n) => field(RequirementField::Base, *n),
                            Base::Population => population,
                            Base::AreaKm2 => area,
                        };
                        Formula::Ratio(base, field(RequirementField::Per, *per))
                    }
                };
                let cap = scenario.taxonomy.get(&spec.capability);
                let max = cap.is_some_and(|c| c.aggregate == Aggregate::Max);
                let unit = cap.map_or(String::new(), |c| c.unit.clone());
                let capability_index = match capabilities
                    .iter()
                    .position(|c| c.capability == spec.capability)
                {
                    Some(i) => i,
                    None => {
                        capabilities.push(CapabilityInfo {
                            capability: spec.capability.clone(),
                            unit: unit.clone(),
                            max,
                        });
                        capabilities.len() - 1
                    }
                };
                let mut passes = [(0, 0); 3];
                for (pass, range) in passes.iter_mut().enumerate() {
                    let start = eligible.len();
                    eligible.extend(
                        scenario
                            .pledges
                            .iter()
                            .enumerate()
                            .filter(|(_, p)| {
                                p.capability == spec.capability
                                    && match (&p.target, pass) {
                                        (Target::Mission(x), 0) => *x == mission.id,
                                        (Target::Layer(l), 1) => *l == mission.layer,
                                        (Target::Anywhere, 2) => true,
                                        _ => false,
                                    }
                            })
                            .map(|(i, _)| i as u32),
                    );
                    *range = span(start, eligible.len());
                }
                rows.push(Row {
                    layer: mission.layer.clone(),
                    mission: mission.id.clone(),
                    capability: spec.capability.clone(),
                    unit,
                    capability_index,
                    layer_index: 0,
                    formula,
                    max,
                    passes,
                });
            }
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
            inputs,
            events,
            pledges,
            quantities,
            params,
            event_ranges,
            pledge_events,
            condition_ranges,
            conditions,
            candidates,
            conditional,
            acyclic,
            rows,
            eligible,
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

    /// Fresh buffers for [`Self::evaluate`].
    pub fn workspace(&self) -> Workspace {
        let n = self.pledges.len();
        Workspace {
            events: vec![false; self.events.len()],
            present: vec![false; n],
            quantity: vec![0.0; n],
            left: vec![0.0; n],
            active: vec![false; n],
            params: vec![0.0; self.params.len()],
            required: vec![0.0; self.rows.len()],
            pledged: vec![0.0; self.rows.len()],
        }
    }

    #[inline]
    fn slot(&self, s: Slot, ws: &Workspace) -> f64 {
        match s {
            Slot::Const(v) => v,
            Slot::Param(j) => ws.params[j],
        }
    }

    /// Evaluates coverage at one point `u` of the unit cube (`u.len() == inputs().len()`, each
    /// coordinate in [0, 1)). Results are in `ws.required` and `ws.pledged`. Allocates nothing.
    pub fn evaluate(&self, u: &[f64], ws: &mut Workspace) {
        debug_assert_eq!(u.len(), self.inputs.len());
        for (e, c) in self.events.iter().enumerate() {
            ws.events[e] = c.draw(u);
        }
        for (j, (input, d)) in self.params.iter().enumerate() {
            ws.params[j] = quantile(d, u[*input]);
        }
        for (i, c) in self.pledges.iter().enumerate() {
            ws.present[i] = c.draw(u);
            let q = self.slot(self.quantities[i], ws);
            ws.quantity[i] = q;
            ws.left[i] = q;
        }
        self.in_force(ws);
        for (r, row) in self.rows.iter().enumerate() {
            ws.required[r] = match row.formula {
                Formula::Product(a, b) => self.slot(a, ws) * self.slot(b, ws),
                Formula::Single(a) => self.slot(a, ws),
                Formula::Ratio(a, b) => self.slot(a, ws) / self.slot(b, ws).max(f64::MIN_POSITIVE),
            };
            ws.pledged[r] = 0.0;
        }
        // The engine's three passes: mission, layer, anywhere; rows in order; pledges in order.
        for pass in 0..3 {
            for (r, row) in self.rows.iter().enumerate() {
                let (s, e) = row.passes[pass];
                for &i in &self.eligible[s as usize..e as usize] {
                    let i = i as usize;
                    if !ws.active[i] || ws.quantity[i] <= 0.0 {
                        continue;
                    }
                    if row.max {
                        let level = ws.quantity[i];
                        if level > ws.pledged[r] {
                            ws.pledged[r] = level;
                        }
                    } else {
                        let need = (ws.required[r] - ws.pledged[r]).max(0.0);
                        let take = ws.left[i].min(need);
                        if take > 0.0 {
                            ws.left[i] -= take;
                            ws.pledged[r] += take;
                        }
                    }
                }
            }
        }
    }

    /// The least fixed point of the pledge conditions (as [`guarantor_model::ConditionGraph`]),
    /// into `ws.active`. Pledges without `requires` are settled directly; the conditional ones
    /// in dependency order, once when their graph is acyclic, else until nothing changes.
    fn in_force(&self, ws: &mut Workspace) {
        for i in 0..self.pledges.len() {
            ws.active[i] = self.condition_ranges[i].0 == self.condition_ranges[i].1
                && self.eligible_now(i, ws);
        }
        loop {
            let mut changed = false;
            for &i in &self.conditional {
                let i = i as usize;
                if !ws.active[i] && self.eligible_now(i, ws) && self.supported(i, ws) {
                    ws.active[i] = true;
                    changed = true;
                }
            }
            if !changed || self.acyclic {
                return;
            }
        }
    }

    /// Present in this draw, and every event it waits for happens.
    #[inline]
    fn eligible_now(&self, i: usize, ws: &Workspace) -> bool {
        let (es, ee) = self.event_ranges[i];
        ws.present[i]
            && self.pledge_events[es as usize..ee as usize]
                .iter()
                .all(|&e| ws.events[e as usize])
    }

    /// Every `requires` condition has a candidate in force with a quantity above zero.
    #[inline]
    fn supported(&self, i: usize, ws: &Workspace) -> bool {
        let (cs, ce) = self.condition_ranges[i];
        self.conditions[cs as usize..ce as usize]
            .iter()
            .all(|&(s, e)| {
                self.candidates[s as usize..e as usize]
                    .iter()
                    .any(|&j| ws.active[j as usize] && ws.quantity[j as usize] > 0.0)
            })
    }

    /// The concrete scenario at point `u`: events set as drawn, unhonoured pledges removed,
    /// quantities and parameters set to their drawn values. Slow (it clones the scenario); it is
    /// the reference [`Self::evaluate`] is checked against, and a way to inspect one draw with
    /// `assess`.
    pub fn realise(&self, scenario: &Scenario, u: &[f64]) -> Scenario {
        let mut ws = self.workspace();
        self.evaluate(u, &mut ws);
        let mut s = scenario.clone();
        for (e, event) in s.events.iter_mut().enumerate() {
            event.holds = ws.events[e];
        }
        for (i, p) in s.pledges.iter_mut().enumerate() {
            p.quantity = Quantity::exact(ws.quantity[i]);
        }
        let value = |slot: Slot| match slot {
            Slot::Const(v) => v,
            Slot::Param(j) => ws.params[j],
        };
        for u in &scenario.uncertainty.parameters {
            let Some(j) = self.params.iter().position(|(input, _)| {
                matches!(&self.inputs[*input].kind, InputKind::Parameter { path, .. } if *path == u.path)
            }) else {
                continue;
            };
            let v = value(Slot::Param(j));
            match &u.target {
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
                            _ => {}
                        }
                    }
                }
                ParameterTarget::PledgeQuantity { .. } => {}
            }
        }
        let mut keep = ws.present.iter();
        s.pledges.retain(|_| keep.next().copied().unwrap_or(true));
        s
    }
}
