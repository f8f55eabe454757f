//! The coverage kernel: the rules of the guarantee, compiled once per scenario into flat index
//! arrays and evaluated as often as needed without allocating.
//!
//! This is the only place where the rules that decide coverage are written:
//!
//! 1. **Eligibility** ([`eligible`], [`fills`]): which pledges can count at all (status basis,
//!    dates at the assessment date: [`timing`]), and which requirement each may fill in which
//!    pass. Decided once per scenario.
//! 2. **Conditions**: the pledges in force are the least fixed point of their conditions (events
//!    that must hold; for each `requires` entry, another pledge in force with a quantity above
//!    zero), starting from the pledges available in this evaluation.
//! 3. **Coverage passes**: pledges in force fill requirements most specific first, so a pledge
//!    aimed at a mission is never used up elsewhere: (1) pledges to a mission fill that mission;
//!    (2) pledges to a layer fill that layer's missions, in file order; (3) pledges with no target
//!    fill any mission needing the capability, in file order. Capabilities that combine by `max`
//!    (a level of intelligence sharing) take the best pledge instead. Every pass only adds supply,
//!    so adding a pledge never widens a gap (a law the property tests check).
//! 4. **What capacity and red-line checks read**: per contributor and capability, the amount in
//!    force ([`Kernel::load`]); per red line, the amount its rule selects ([`Kernel::red_line`]).
//!
//! [`crate::assess()`] evaluates the kernel once, at the scenario's own point, and turns the numbers
//! into explained rows; `guarantor_robust` evaluates it once per Monte Carlo draw or Sobol point,
//! after setting the numbers, events and available pledges of that draw in a reused [`State`].
//! Both read the same arrays, so a rule changed here changes both, and the robustness figures
//! equal `assess` on the concrete scenario of any draw, bit for bit (tested in `guarantor_robust`).
//!
//! Every number the rules read sits in one vector, [`State::values`]: pledge `i`'s counted
//! quantity at index `i`, then line lengths, theatre population and area, and each requirement's
//! method parameters. [`Kernel::slot`] says where a scenario number sits, so a caller can vary it.
//!
//! Which pledges a `requires` entry names (contributor, capability, firmness) is
//! `guarantor_model::conditions::satisfies`, the condition's meaning, shared with the loader's
//! cycle detector so that the two never disagree on a candidate; whether a candidate supports the
//! pledge in an evaluation is decided here.
//!
//! What this is not: the formulas as text and the explanations (those are [`crate::requirement`],
//! [`crate::coverage`], [`crate::capacity`], [`crate::redlines`] and [`crate::assess()`]), nor the
//! loader's cycle detector (`guarantor_model::conditions`), which only finds pledges that wait on
//! themselves.

use guarantor_model::{
    Aggregate, Base, LapseReason, Method, RequirementField, Scenario, Stuck, Zone, conditions,
};

use crate::rules::conditional_order;
pub use crate::rules::{Pass, eligible, event_holds, fills, party_matches, rule_selects, timing};

/// A scenario number the kernel reads, for [`Kernel::slot`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Number {
    /// The counted quantity of pledge `i` (under the quantity basis).
    Quantity(usize),
    /// The length of line `i` of the theatre, in km.
    LineKm(usize),
    /// The theatre's population.
    Population,
    /// The theatre's area in km².
    AreaKm2,
    /// A method parameter of requirement row `row` (missions, then requirements, in file order).
    Requirement { row: usize, field: RequirementField },
}

/// A requirement's arithmetic over value slots, in the operation order of
/// [`crate::requirement::requirements`].
#[derive(Debug, Clone, Copy, PartialEq)]
enum Formula {
    /// `a × b` (per_km: km × density; per_site: sites × per site).
    Product(u32, u32),
    /// `a` (fixed).
    Single(u32),
    /// `a ÷ b` (ratio: base ÷ per).
    Ratio(u32, u32),
    /// `(a × b) × c` (area of a buffer zone: length × depth × density).
    Product3(u32, u32, u32),
    /// `required[row] × b` (dependent: the other requirement × per); rows are evaluated in
    /// [`Kernel::order`], so `row` is computed first.
    Dependent(u32, u32),
}

/// One requirement row: a mission's need for one capability.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Index into `Scenario::missions`.
    pub mission: usize,
    /// Index into that mission's requirements.
    pub requirement: usize,
    /// True when the capability combines by `max` (a level), false when amounts add up.
    pub max: bool,
    formula: Formula,
}

/// One row's turn in one coverage pass: the pledges offered to it, a range into the kernel's
/// `offered`, in file order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Turn {
    row: u32,
    start: u32,
    end: u32,
}

/// A contributor's pledges of one capability, set against its capacity.
#[derive(Debug, Clone, PartialEq)]
pub struct Load {
    /// Index into `Scenario::contributors`.
    pub contributor: usize,
    /// The capability's name.
    pub capability: String,
    /// True when the capability combines by `max`.
    pub max: bool,
    /// The contributor's pledges of the capability, in file order.
    pledges: Vec<u32>,
}

/// Observes the coverage passes: which pledge fills which row by how much. [`crate::assess()`]
/// records it to explain each row; per-draw evaluation uses `()`, which compiles to nothing.
pub trait Trace {
    /// Pledge `pledge` gives `units` to row `row` (a `sum` capability).
    fn take(&mut self, row: usize, pledge: usize, units: f64);
    /// Pledge `pledge` is the best level so far for row `row` (a `max` capability).
    fn best(&mut self, row: usize, pledge: usize, level: f64);
}

impl Trace for () {
    #[inline(always)]
    fn take(&mut self, _: usize, _: usize, _: f64) {}
    #[inline(always)]
    fn best(&mut self, _: usize, _: usize, _: f64) {}
}

/// The compiled rules of one scenario. Build once; evaluate per scenario point or per draw.
#[derive(Debug, Clone)]
pub struct Kernel {
    /// Per pledge: can count at all ([`eligible`]).
    eligible: Vec<bool>,
    /// The scenario's own numbers, by slot.
    values: Vec<f64>,
    /// Slots of the theatre's numbers and of each row's method parameters.
    line_km: Vec<u32>,
    population: u32,
    area: u32,
    fields: Vec<(u32, RequirementField, u32)>,
    /// The scenario's events as assumed at the assessment date ([`event_holds`]).
    events: Vec<bool>,
    /// Per pledge: range into `pledge_events`, the events it waits for.
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
    /// Row indices in evaluation order: every dependent requirement after the one it derives
    /// from ([`Scenario::requirement_order`]).
    order: Vec<u32>,
    /// The coverage passes of `sum` rows, in the order they run (pass, then row), each turn
    /// offering its pledges in file order.
    sum_turns: Vec<Turn>,
    /// The same for `max` rows. They share no pledge with `sum` rows (capabilities differ), so
    /// running them after the `sum` turns gives the same result as interleaving them.
    max_turns: Vec<Turn>,
    /// The pledges of every turn, back to back.
    offered: Vec<u32>,
    loads: Vec<Load>,
    /// Per red line: the pledges its rule selects by capability, party and place, in file order.
    red_lines: Vec<Vec<u32>>,
}

/// The inputs and results of one evaluation, reused across evaluations. Create it with
/// [`Kernel::state`] (the scenario's own point), change `values`, `events` and `available` for a
/// draw, then call [`Kernel::evaluate`].
#[derive(Debug, Clone)]
pub struct State {
    /// Every number the rules read, by slot ([`Kernel::slot`]); pledge `i`'s quantity is
    /// `values[i]`.
    pub values: Vec<f64>,
    /// Per event: whether it holds.
    pub events: Vec<bool>,
    /// Per pledge: whether it is available in this evaluation (honoured in a draw). Combined with
    /// the kernel's eligibility before conditions are settled.
    pub available: Vec<bool>,
    /// Per pledge: eligible, available and every event it waits for holds.
    base: Vec<bool>,
    /// Per pledge: in force (the least fixed point).
    active: Vec<bool>,
    /// Per pledge: what is left of it during the passes.
    left: Vec<f64>,
    required: Vec<f64>,
    pledged: Vec<f64>,
}

impl State {
    /// Per pledge: in force after the last evaluation.
    pub fn in_force(&self) -> &[bool] {
        &self.active
    }

    /// The counted quantity of pledge `i` in this evaluation.
    #[inline]
    pub fn quantity(&self, i: usize) -> f64 {
        self.values[i]
    }

    /// Per row: the amount required.
    pub fn required(&self) -> &[f64] {
        &self.required
    }

    /// Per row: pledged in force to it (for `max` capabilities, the best level).
    pub fn pledged(&self) -> &[f64] {
        &self.pledged
    }

    /// `max(required − pledged, 0)` of row `r`.
    #[inline]
    pub fn gap(&self, r: usize) -> f64 {
        (self.required[r] - self.pledged[r]).max(0.0)
    }

    /// `pledged / required` of row `r`, capped at 1 (1 when nothing is required).
    #[inline]
    pub fn covered(&self, r: usize) -> f64 {
        if self.required[r] > 0.0 {
            (self.pledged[r] / self.required[r]).min(1.0)
        } else {
            1.0
        }
    }
}

/// Appends `value` to the value vector and returns its slot.
fn push(values: &mut Vec<f64>, value: f64) -> u32 {
    values.push(value);
    (values.len() - 1) as u32
}

fn span(start: usize, end: usize) -> (u32, u32) {
    (start as u32, end as u32)
}

pub(crate) fn range<T>(items: &[T], (start, end): (u32, u32)) -> &[T] {
    &items[start as usize..end as usize]
}

impl Kernel {
    /// Compiles the rules of a checked scenario.
    pub fn new(scenario: &Scenario) -> Self {
        let basis = scenario.meta.quantity_basis;
        let pledges = &scenario.pledges;
        let mut values: Vec<f64> = pledges.iter().map(|p| p.quantity.value(basis)).collect();
        let line_km: Vec<u32> = (scenario.theatre.lines.iter())
            .map(|l| push(&mut values, l.km))
            .collect();
        let population = push(
            &mut values,
            scenario
                .theatre
                .population
                .as_ref()
                .map_or(0.0, |p| p.value),
        );
        let area = push(
            &mut values,
            scenario.theatre.area_km2.as_ref().map_or(0.0, |p| p.value),
        );

        // Requirement rows: one slot per method parameter, so each can vary on its own.
        let mut rows = Vec::new();
        let mut fields = Vec::new();
        for (m, mission) in scenario.missions.iter().enumerate() {
            for (r, spec) in mission.requirements.iter().enumerate() {
                let row = rows.len() as u32;
                let mut field = |values: &mut Vec<f64>, f: RequirementField, v: f64| {
                    let slot = push(values, v);
                    fields.push((row, f, slot));
                    slot
                };
                let formula = match &spec.method {
                    Method::PerKm { line, density } => {
                        let km = scenario.theatre.lines.iter().position(|l| &l.id == line);
                        let km = km.map_or_else(|| push(&mut values, 0.0), |i| line_km[i]);
                        Formula::Product(
                            km,
                            field(&mut values, RequirementField::Density, *density),
                        )
                    }
                    Method::PerSite { kinds, per_site } => {
                        let sites = scenario.theatre.sites.iter();
                        let n = sites.filter(|s| kinds.contains(&s.kind)).count() as f64;
                        let per_site = field(&mut values, RequirementField::PerSite, *per_site);
                        Formula::Product(push(&mut values, n), per_site)
                    }
                    Method::Fixed { amount } => {
                        Formula::Single(field(&mut values, RequirementField::Amount, *amount))
                    }
                    Method::Ratio { base, per } => {
                        let base = match base {
                            Base::Number(n) => field(&mut values, RequirementField::Base, *n),
                            Base::Population => population,
                            Base::AreaKm2 => area,
                        };
                        Formula::Ratio(base, field(&mut values, RequirementField::Per, *per))
                    }
                    Method::Echelon { count, size, .. } => Formula::Product(
                        field(&mut values, RequirementField::Count, *count),
                        field(&mut values, RequirementField::Size, *size),
                    ),
                    Method::Dependent {
                        mission,
                        capability,
                        per,
                    } => {
                        let per = field(&mut values, RequirementField::Per, *per);
                        // The loader guarantees the requirement exists; were it missing, the
                        // row would read as zero, not a stale amount.
                        match scenario.requirement_row(mission, capability) {
                            Some(of) => Formula::Dependent(of as u32, per),
                            None => Formula::Product(push(&mut values, 0.0), per),
                        }
                    }
                    Method::Area {
                        zone: Zone::Km2(km2),
                        density,
                    } => Formula::Product(
                        field(&mut values, RequirementField::Km2, *km2),
                        field(&mut values, RequirementField::Density, *density),
                    ),
                    Method::Area {
                        zone:
                            Zone::Strip {
                                length_km,
                                depth_km,
                            },
                        density,
                    } => Formula::Product3(
                        field(&mut values, RequirementField::LengthKm, *length_km),
                        field(&mut values, RequirementField::DepthKm, *depth_km),
                        field(&mut values, RequirementField::Density, *density),
                    ),
                };
                let max = scenario
                    .taxonomy
                    .get(&spec.capability)
                    .is_some_and(|c| c.aggregate == Aggregate::Max);
                rows.push(Row {
                    mission: m,
                    requirement: r,
                    max,
                    formula,
                });
            }
        }

        // Events and conditions of each pledge.
        let mut event_ranges = Vec::new();
        let mut pledge_events = Vec::new();
        let mut condition_ranges = Vec::new();
        let mut conditions = Vec::new();
        let mut candidates = Vec::new();
        for (i, p) in pledges.iter().enumerate() {
            let start = pledge_events.len();
            pledge_events.extend(
                p.after
                    .iter()
                    .filter_map(|e| scenario.events.iter().position(|x| &x.id == e))
                    .map(|e| e as u32),
            );
            event_ranges.push(span(start, pledge_events.len()));
            let cstart = conditions.len();
            for c in 0..p.requires.len() {
                let s = candidates.len();
                candidates.extend(
                    (0..pledges.len())
                        .filter(|&j| conditions::satisfies(scenario, i, c, j))
                        .map(|j| j as u32),
                );
                conditions.push(span(s, candidates.len()));
            }
            condition_ranges.push(span(cstart, conditions.len()));
        }
        let (conditional, acyclic) = conditional_order(&condition_ranges, &conditions, &candidates);

        // The coverage passes, unrolled into turns in the order they run.
        let mut sum_turns = Vec::new();
        let mut max_turns = Vec::new();
        let mut offered = Vec::new();
        for pass in Pass::ALL {
            for (r, row) in rows.iter().enumerate() {
                let mission = &scenario.missions[row.mission];
                let capability = &mission.requirements[row.requirement].capability;
                let start = offered.len();
                offered.extend(
                    (0..pledges.len())
                        .filter(|&i| fills(&pledges[i], mission, capability, pass))
                        .map(|i| i as u32),
                );
                if offered.len() > start {
                    let (start, end) = span(start, offered.len());
                    let turn = Turn {
                        row: r as u32,
                        start,
                        end,
                    };
                    if row.max {
                        max_turns.push(turn);
                    } else {
                        sum_turns.push(turn);
                    }
                }
            }
        }

        let mut loads = Vec::new();
        for (c, contributor) in scenario.contributors.iter().enumerate() {
            for cap in scenario.taxonomy.capabilities() {
                let of: Vec<u32> = (0..pledges.len())
                    .filter(|&i| {
                        pledges[i].contributor == contributor.code
                            && pledges[i].capability == cap.name
                    })
                    .map(|i| i as u32)
                    .collect();
                if of.is_empty() && contributor.capacity(&cap.name).is_none() {
                    continue;
                }
                loads.push(Load {
                    contributor: c,
                    capability: cap.name.clone(),
                    max: cap.aggregate == Aggregate::Max,
                    pledges: of,
                });
            }
        }

        let red_lines = scenario
            .red_lines
            .iter()
            .map(|red_line| {
                let rule = &red_line.rule;
                (0..pledges.len())
                    .filter(|&i| rule_selects(scenario, rule, &pledges[i]))
                    .map(|i| i as u32)
                    .collect()
            })
            .collect();

        Kernel {
            eligible: pledges.iter().map(|p| eligible(scenario, p)).collect(),
            values,
            line_km,
            population,
            area,
            fields,
            events: scenario
                .events
                .iter()
                .map(|e| event_holds(scenario, e))
                .collect(),
            event_ranges,
            pledge_events,
            condition_ranges,
            conditions,
            candidates,
            conditional,
            acyclic,
            rows,
            order: (scenario.requirement_order().into_iter())
                .map(|i| i as u32)
                .collect(),
            sum_turns,
            max_turns,
            offered,
            loads,
            red_lines,
        }
    }

    /// The number of pledges.
    pub fn pledges(&self) -> usize {
        self.eligible.len()
    }

    /// The requirement rows, missions then requirements in file order.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Every (contributor, capability) with a pledge or a stated capacity, contributors in file
    /// order, capabilities in taxonomy order.
    pub fn loads(&self) -> &[Load] {
        &self.loads
    }

    /// Where a scenario number sits in [`State::values`]; `None` when the scenario does not use
    /// it (a requirement parameter its method does not have, a line or pledge that is not there).
    pub fn slot(&self, number: Number) -> Option<usize> {
        let slot = match number {
            Number::Quantity(i) => return (i < self.pledges()).then_some(i),
            Number::LineKm(i) => *self.line_km.get(i)?,
            Number::Population => self.population,
            Number::AreaKm2 => self.area,
            Number::Requirement { row, field } => {
                self.fields
                    .iter()
                    .find(|&&(r, f, _)| r as usize == row && f == field)?
                    .2
            }
        };
        Some(slot as usize)
    }

    /// Buffers for an evaluation, set to the scenario's own point: its numbers, its events as
    /// assumed, every pledge available.
    pub fn state(&self) -> State {
        let n = self.pledges();
        State {
            values: self.values.clone(),
            events: self.events.clone(),
            available: vec![true; n],
            base: vec![false; n],
            active: vec![false; n],
            left: vec![0.0; n],
            required: vec![0.0; self.rows.len()],
            pledged: vec![0.0; self.rows.len()],
        }
    }

    /// Evaluates the rules at the point in `st`: pledges in force, then each row's requirement and
    /// what is pledged to it. Allocates nothing.
    #[inline]
    pub fn evaluate(&self, st: &mut State) {
        self.evaluate_traced(st, &mut ());
    }

    /// [`Self::evaluate`], reporting every fill of the coverage passes to `trace`.
    pub fn evaluate_traced(&self, st: &mut State, trace: &mut impl Trace) {
        self.settle(st);
        for &r in &self.order {
            let r = r as usize;
            let v = |s: u32| st.values[s as usize];
            st.required[r] = match self.rows[r].formula {
                Formula::Product(a, b) => v(a) * v(b),
                Formula::Single(a) => v(a),
                Formula::Ratio(a, b) => v(a) / v(b),
                Formula::Product3(a, b, c) => v(a) * v(b) * v(c),
                Formula::Dependent(of, b) => st.required[of as usize] * v(b),
            };
            st.pledged[r] = 0.0;
        }
        // `left` is zero for pledges not in force, so they take nothing; adding or removing a
        // zero take leaves every number unchanged, bit for bit, so no branch is needed. A turn
        // keeps its row's running total in a register.
        for &Turn { row, start, end } in &self.sum_turns {
            let r = row as usize;
            let required = st.required[r];
            let mut pledged = st.pledged[r];
            for &i in range(&self.offered, (start, end)) {
                let i = i as usize;
                let need = (required - pledged).max(0.0);
                let take = st.left[i].min(need);
                if take > 0.0 {
                    trace.take(r, i, take);
                }
                st.left[i] -= take;
                pledged += take;
            }
            st.pledged[r] = pledged;
        }
        for &Turn { row, start, end } in &self.max_turns {
            let r = row as usize;
            let mut best = st.pledged[r];
            for &i in range(&self.offered, (start, end)) {
                let i = i as usize;
                let level = if st.active[i] { st.values[i] } else { 0.0 };
                let better = level > best;
                if better {
                    trace.best(r, i, level);
                }
                best = if better { level } else { best };
            }
            st.pledged[r] = best;
        }
    }

    /// The least fixed point of the conditions, into `st.active`, and each pledge's amount to
    /// give, into `st.left`. Pledges without `requires` are settled directly; the conditional
    /// ones in dependency order, once when their graph is acyclic, else until nothing changes.
    ///
    /// Availability and events differ from draw to draw at random, so a branch on them would be
    /// mispredicted about half the time: the booleans are combined with `&` and `|`, not `&&`
    /// and `||`, and nothing here branches on a draw's values.
    fn settle(&self, st: &mut State) {
        for i in 0..self.pledges() {
            let events = range(&self.pledge_events, self.event_ranges[i]);
            let held = events
                .iter()
                .fold(true, |ok, &e| ok & st.events[e as usize]);
            let ok = self.eligible[i] & st.available[i] & held;
            st.base[i] = ok;
            st.active[i] = ok & (self.condition_ranges[i].0 == self.condition_ranges[i].1);
        }
        if self.acyclic {
            // Dependencies come first, so each conditional pledge is settled once.
            for &i in &self.conditional {
                let i = i as usize;
                st.active[i] = st.base[i] & self.supported(i, st);
            }
        } else {
            loop {
                let mut changed = false;
                for &i in &self.conditional {
                    let i = i as usize;
                    let now = st.active[i] | (st.base[i] & self.supported(i, st));
                    changed |= now != st.active[i];
                    st.active[i] = now;
                }
                if !changed {
                    break;
                }
            }
        }
        for i in 0..self.pledges() {
            // `values[i]` when in force, else +0.0: a mask on the bits, exact and branch-free.
            let mask = 0u64.wrapping_sub(u64::from(st.active[i]));
            st.left[i] = f64::from_bits(st.values[i].to_bits() & mask);
        }
    }

    /// Every `requires` condition of pledge `i` has a candidate in force with a quantity above
    /// zero.
    #[inline]
    fn supported(&self, i: usize, st: &State) -> bool {
        range(&self.conditions, self.condition_ranges[i])
            .iter()
            .fold(true, |all, &c| {
                let any = range(&self.candidates, c).iter().fold(false, |any, &j| {
                    any | (st.active[j as usize] & (st.values[j as usize] > 0.0))
                });
                all & any
            })
    }

    /// The pledges of load `k` in force, and their amount: the sum, or the highest level for a
    /// `max` capability (0 when none is in force).
    pub fn load(&self, st: &State, k: usize) -> (usize, f64) {
        let load = &self.loads[k];
        let mut count = 0;
        let mut amount = 0.0;
        for &i in &load.pledges {
            let i = i as usize;
            if st.active[i] {
                count += 1;
                let q = st.values[i];
                amount = if load.max {
                    f64::max(amount, q)
                } else {
                    amount + q
                };
            }
        }
        (count, amount)
    }

    /// The pledges red line `r` selects in force with a quantity above zero (file order), and
    /// their total.
    pub fn red_line<'a>(
        &'a self,
        st: &'a State,
        r: usize,
    ) -> (impl Iterator<Item = usize> + 'a, f64) {
        let selected = self.red_lines[r]
            .iter()
            .map(|&i| i as usize)
            .filter(|&i| st.active[i] && st.values[i] > 0.0);
        let amount = selected.clone().fold(0.0, |a, i| a + st.values[i]);
        (selected, amount)
    }

    /// Why each pledge that is available but not in force lapsed, in file order: a date rule keeps
    /// it out at the assessment date ([`timing`]); an event it waits for does not hold; it waits
    /// on itself (`stuck`, from the model's cycle detector); or a `requires` condition has no
    /// candidate in force with a quantity above zero. A pledge below the status basis is left out
    /// by the basis, not lapsed, and is not listed.
    pub fn lapses(
        &self,
        scenario: &Scenario,
        st: &State,
        stuck: &Stuck,
    ) -> Vec<(usize, LapseReason)> {
        let mut out = Vec::new();
        for i in 0..self.pledges() {
            if !st.available[i] || st.active[i] {
                continue;
            }
            let pledge = &scenario.pledges[i];
            if !self.eligible[i] {
                if scenario.meta.status_basis.admits(pledge.status)
                    && let Some(reason) = timing(scenario, pledge)
                {
                    out.push((i, reason));
                }
                continue;
            }
            let events = range(&self.pledge_events, self.event_ranges[i]);
            if let Some(&e) = events.iter().find(|&&e| !st.events[e as usize]) {
                let event = scenario.events[e as usize].id.clone();
                out.push((i, LapseReason::EventNotHeld { event }));
            } else if stuck.pledges[i] {
                let cycle = stuck
                    .cycles
                    .iter()
                    .find(|c| c.contains(&i))
                    .map_or_else(|| vec![i], Clone::clone);
                let cycle = cycle
                    .into_iter()
                    .map(|j| scenario.pledges[j].id.clone())
                    .collect();
                out.push((i, LapseReason::Cycle { cycle }));
            } else if let Some(c) = range(&self.conditions, self.condition_ranges[i])
                .iter()
                .position(|&c| {
                    !range(&self.candidates, c)
                        .iter()
                        .any(|&j| st.active[j as usize] && st.values[j as usize] > 0.0)
                })
            {
                let first = self.condition_ranges[i].0 as usize;
                let candidates = range(&self.candidates, self.conditions[first + c])
                    .iter()
                    .map(|&j| j as usize)
                    .filter(|&j| st.available[j])
                    .map(|j| scenario.pledges[j].id.clone())
                    .collect();
                out.push((
                    i,
                    LapseReason::Unmet {
                        condition: pledge.requires[c].text.clone(),
                        candidates,
                    },
                ));
            }
        }
        out
    }

    /// Per pledge: whether it can count at all ([`eligible`]).
    pub fn eligibility(&self) -> &[bool] {
        &self.eligible
    }
}
