//! The rules that decide, pledge by pledge, what may count: eligibility (status basis and dates
//! at the assessment date), which requirement a pledge may fill in which pass (target and place),
//! when a dated event holds, and which parties a red line covers.
//!
//! They are the kernel's seams ([`crate::kernel`] compiles them once per scenario into masks and
//! index lists), kept apart so that a new rule is one clause in one short file and the kernel
//! stays the evaluation machinery. Nothing here is evaluated per Monte Carlo draw.

use guarantor_model::{
    Event, LapseReason, Mission, PartyRef, PartySet, Pledge, Rule, Scenario, Target,
};

use crate::kernel::range;

/// Whether a pledge can count at all under the scenario's rules, whatever a draw says.
///
/// The seam for rules that depend on the pledge and the scenario alone: a status rank against
/// the quantity basis's threshold, a pledge's dates against the as-of date. Each becomes a clause
/// here; the result is the kernel's `eligible` mask, computed once per scenario and combined with
/// each evaluation's availability ([`crate::kernel::State::available`]) before conditions are settled, so an
/// ineligible pledge neither fills a requirement nor satisfies another pledge's condition.
/// Today: its status is at least as firm as the status basis asks (`--basis`), and no date rule
/// keeps it out at the assessment date ([`timing`]).
pub fn eligible(scenario: &Scenario, pledge: &Pledge) -> bool {
    scenario.meta.status_basis.admits(pledge.status) && timing(scenario, pledge).is_none()
}

/// The first date rule that keeps `pledge` out at the scenario's assessment date
/// (`Meta::assess_at`), or `None` when it may count then:
///
/// - it counts from its `from` date (inclusive) and before its `until` date (exclusive), so a
///   headquarters led by one nation until a day and by the next from that day is led by exactly
///   one of them on every day;
/// - each dated event it waits for (`after`, `depends_on`) must be dated on or before the
///   assessment date, and, with `lead_time_days`, at least that many days before it: a force
///   that deploys 90 days after a ceasefire is not there on day 30.
///
/// Undated events set no date rule: they hold or not as the scenario assumes (an unknown
/// ceasefire date is not a ceasefire on any particular day). Decided once per scenario, like
/// every clause of [`eligible`], so the Monte Carlo draws never branch on a date; an event
/// drawn as happening does not bring back a pledge whose date rule failed.
pub fn timing(scenario: &Scenario, pledge: &Pledge) -> Option<LapseReason> {
    let at = scenario.meta.assess_at;
    let t = &pledge.timing;
    if let Some(from) = t.from
        && at < from
    {
        return Some(LapseReason::NotYetInForce { from, at });
    }
    if let Some(until) = t.until
        && at >= until
    {
        return Some(LapseReason::Ended { until, at });
    }
    for id in &pledge.after {
        let Some(date) = scenario.event(id).and_then(|e| e.date) else {
            continue;
        };
        if date > at {
            return Some(LapseReason::EventLater {
                event: id.clone(),
                date,
                at,
            });
        }
        if let Some(days) = t.lead_time_days {
            let ready = date.add_days(i64::from(days));
            if ready > at {
                return Some(LapseReason::LeadTime {
                    event: id.clone(),
                    date,
                    days,
                    ready,
                    at,
                });
            }
        }
    }
    None
}

/// Whether an event holds at the scenario's assessment date, as the kernel's events start out:
/// as the scenario assumes (`holds`), and, when it is dated, only from its date on.
pub fn event_holds(scenario: &Scenario, event: &Event) -> bool {
    event.holds && event.date.is_none_or(|d| d <= scenario.meta.assess_at)
}

/// Which coverage pass a pledge's target puts it in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// Pledges aimed at one mission.
    Mission,
    /// Pledges aimed at a layer.
    Layer,
    /// Pledges with no target.
    Anywhere,
}

impl Pass {
    /// The passes, in the order they run.
    pub const ALL: [Pass; 3] = [Pass::Mission, Pass::Layer, Pass::Anywhere];
}

/// Whether `pledge` may fill `mission`'s requirement of `capability` in `pass`.
///
/// The seam for rules that pair a pledge with a mission: the capability matches, the mission
/// accepts forces where the pledge stands ([`Mission::accepts`]: a force outside the protected
/// state fills a mission inside it only when the mission is served from outside), and the
/// pledge's target names this mission (mission pass), its layer (layer pass), or nothing
/// (anywhere pass).
pub fn fills(pledge: &Pledge, mission: &Mission, capability: &str, pass: Pass) -> bool {
    pledge.capability == capability
        && mission.accepts(pledge.location)
        && match (&pledge.target, pass) {
            (Target::Mission(m), Pass::Mission) => *m == mission.id,
            (Target::Layer(l), Pass::Layer) => *l == mission.layer,
            (Target::Anywhere, Pass::Anywhere) => true,
            _ => false,
        }
}

/// Whether a red line's parties cover a contributor. An organisation or group is covered when
/// the rule names it, or names one of its members or an alliance one of them belongs to: a
/// coalition force of NATO members is NATO troops to a party that objects to NATO troops.
pub fn party_matches(scenario: &Scenario, parties: &PartySet, code: &str) -> bool {
    let one = |code: &str| match parties {
        PartySet::Anyone => true,
        PartySet::Some(list) => list.iter().any(|p| match p {
            PartyRef::State(s) => s == code,
            PartyRef::Alliance(a) => {
                a == code || scenario.alliances_of(code).iter().any(|x| x == a)
            }
        }),
    };
    one(code) || scenario.members_of(code).iter().any(|m| one(m))
}

/// The pledges with `requires` conditions in an order where every candidate comes before the
/// pledges that need it (depth-first post-order), and whether that order exists (no cycle).
pub(crate) fn conditional_order(
    condition_ranges: &[(u32, u32)],
    conditions: &[(u32, u32)],
    candidates: &[u32],
) -> (Vec<u32>, bool) {
    let n = condition_ranges.len();
    let deps = |i: usize| {
        range(conditions, condition_ranges[i])
            .iter()
            .flat_map(|&c| range(candidates, c).iter().copied())
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

/// Whether a red-line rule (or a contributor's cap, which is one) selects a pledge: its
/// capability, its contributor (through [`party_matches`]) and where it stands. The kernel's red
/// lines and the allocation's caps both count what this selects.
pub fn rule_selects(scenario: &Scenario, rule: &Rule, pledge: &Pledge) -> bool {
    rule.capabilities.contains(&pledge.capability)
        && party_matches(scenario, &rule.parties, &pledge.contributor)
        && rule.place.contains(pledge.location)
}
