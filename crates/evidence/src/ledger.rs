//! The ledger view: statements and duplicate links read back from storage, turned into what
//! `guarantor evidence` shows — each actor's latest stance per capability, its history as a
//! timeline, disagreements between sources, and the quantities mentioned.
//!
//! Pure functions over records; it does not know where the records come from (the store crate
//! loads them) and it does not print. Every view is O(n log n) in the statements (plus the
//! disagreements found), so a ledger of tens of thousands of articles answers at once.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::dedupe::DuplicateLink;
use crate::statement::{AttributionKind, Polarity, Stance, Statement};

/// Statements and links, as loaded from the store.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Ledger {
    pub statements: Vec<Statement>,
    pub duplicates: Vec<DuplicateLink>,
}

/// The latest stance of an actor on a capability, with its history (oldest first).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Position {
    pub actor: String,
    pub capability: String,
    pub latest: Statement,
    pub history: Vec<Statement>,
}

/// Two sources that disagree on an actor's stance in the same period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    pub actor: String,
    pub capability: String,
    pub a: Statement,
    pub b: Statement,
}

/// Statements closer than this many days can disagree; further apart, the stance moved.
pub const DISAGREEMENT_WINDOW_DAYS: i64 = 14;

/// The count of an unnamed group of states, as the extractor writes one ("26 countries
/// (unnamed)", "26 країн (unnamed)", "26 ülke (unnamed)") or as a reader asks for it ("26
/// countries", "26"): its leading number; `None` for any other actor. One group, in whatever
/// language and wording a text gives it, is one count, as the evaluation matches unnamed groups,
/// so `guarantor evidence --actor "26 countries"` finds it in every language.
pub fn unnamed_group_count(actor: &str) -> Option<&str> {
    let a = actor.trim();
    let end = a.find(|c: char| !c.is_ascii_digit()).unwrap_or(a.len());
    (end > 0 && (end == a.len() || a[end..].starts_with(' '))).then_some(&a[..end])
}

/// An unnamed group's actor as the extractor writes it, from the name a reader gives it
/// ("Ukraine's allies" is "Ukraine's allies (unnamed)"); `None` for a name that already ends
/// with the marker, or none.
pub fn unnamed_form(query: &str) -> Option<String> {
    let q = query.trim();
    (!q.is_empty() && !q.ends_with(UNNAMED)).then(|| format!("{q} {UNNAMED}"))
}

/// Whether a statement's `actor` or `speaker` is the one a reader asked for (`query`, as
/// [`crate::Gazetteer::actor_query`] gives it): the same name, an unnamed group by its name
/// without the marker ([`unnamed_form`]), or an unnamed group of the count the query names
/// ([`unnamed_group_count`]).
pub fn actor_matches(query: &str, actor: &str, speaker: Option<&str>) -> bool {
    actor == query
        || speaker == Some(query)
        || (actor.ends_with(UNNAMED)
            && (unnamed_form(query).is_some_and(|g| g == actor)
                || unnamed_group_count(query)
                    .is_some_and(|n| unnamed_group_count(actor) == Some(n))))
}

/// How the extractor marks an unnamed group's actor ("26 countries (unnamed)").
pub const UNNAMED: &str = "(unnamed)";

impl Ledger {
    /// Keeps the statements whose actor (or speaker) and capability match ([`actor_matches`]);
    /// `None` matches all.
    pub fn filter(&self, actor: Option<&str>, capability: Option<&str>) -> Ledger {
        let statements = self
            .statements
            .iter()
            .filter(|s| {
                actor.is_none_or(|a| actor_matches(a, &s.actor, s.attributed_to.as_deref()))
            })
            .filter(|s| capability.is_none_or(|c| s.capability == c))
            .cloned()
            .collect();
        Ledger {
            statements,
            duplicates: self.duplicates.clone(),
        }
    }

    /// Whether an article is recorded as a copy or rewrite of another. A linear search: to ask
    /// for many articles, build [`Ledger::duplicate_index`] once.
    pub fn duplicate_of(&self, article: &str) -> Option<&DuplicateLink> {
        self.duplicates.iter().find(|d| d.article == article)
    }

    /// [`Ledger::duplicate_of`] for every article at once: the first link of each copy.
    pub fn duplicate_index(&self) -> HashMap<&str, &DuplicateLink> {
        let mut index = HashMap::with_capacity(self.duplicates.len());
        for d in &self.duplicates {
            index.entry(d.article.as_str()).or_insert(d);
        }
        index
    }

    /// Statements sorted by date (undated first), then article, then sentence, then capability;
    /// in one sentence, the surer statement on a capability last ([`Statement::certainty`]).
    pub fn chronological(&self) -> Vec<&Statement> {
        let mut v: Vec<&Statement> = self.statements.iter().collect();
        v.sort_by(|a, b| chrono_key(a).cmp(&chrono_key(b)));
        v
    }

    /// One position per (actor, capability), ordered by actor then capability name. The
    /// position is the latest firm statement ([`Statement::is_firm`]), else the latest of all
    /// when every statement on it is a doubtful one of the classifier; the history has them all.
    pub fn positions(&self) -> Vec<Position> {
        let mut groups: BTreeMap<(&str, &str), Vec<&Statement>> = BTreeMap::new();
        for s in self.chronological() {
            groups
                .entry((s.actor.as_str(), s.capability.as_str()))
                .or_default()
                .push(s);
        }
        groups
            .into_iter()
            .filter_map(|((actor, capability), history)| {
                let latest = (*history
                    .iter()
                    .rev()
                    .find(|s| s.is_firm())
                    .or(history.last())?)
                .clone();
                Some(Position {
                    actor: actor.to_string(),
                    capability: capability.to_string(),
                    latest,
                    history: history.into_iter().cloned().collect(),
                })
            })
            .collect()
    }

    /// The latest statement of `actor` on `capability`, if any: the last in
    /// [`Ledger::chronological`] order (of equals, the last stored).
    pub fn latest(&self, actor: &str, capability: &str) -> Option<&Statement> {
        self.statements
            .iter()
            .filter(|s| s.actor == actor && s.capability == capability)
            .max_by(|a, b| chrono_key(a).cmp(&chrono_key(b)))
    }

    /// How many statements are dated after `as_of`, so that no check at that date weighs them
    /// (undated ones can be placed on neither side).
    pub fn dated_after(&self, as_of: &str) -> usize {
        self.statements
            .iter()
            .filter(|s| s.date.as_deref().is_some_and(|d| !by_date(d, as_of)))
            .count()
    }

    /// The latest *dated* firm statement ([`Statement::is_firm`]) of `actor` on `capability` on
    /// or before `as_of` (ISO `YYYY-MM-DD`; a timestamp's day counts), in
    /// [`Ledger::chronological`] order; `None` for `as_of` reads every dated statement. For
    /// checks against a scenario's date, where an undated statement cannot be placed before or
    /// after it, and a doubtful statement of the classifier is not enough to contradict it.
    pub fn latest_firm_as_of(
        &self,
        actor: &str,
        capability: &str,
        as_of: Option<&str>,
    ) -> Option<&Statement> {
        self.statements
            .iter()
            .filter(|s| s.actor == actor && s.capability == capability && s.is_firm())
            .filter(|s| {
                s.date
                    .as_deref()
                    .is_some_and(|d| as_of.is_none_or(|limit| by_date(d, limit)))
            })
            .max_by(|a, b| chrono_key(a).cmp(&chrono_key(b)))
    }

    /// Pairs of statements on the same actor and capability, from different outlets, dated
    /// within [`DISAGREEMENT_WINDOW_DAYS`], with opposite polarity: each statement is paired with
    /// the latest earlier one that disagrees with it, if any, so the list grows with the ledger,
    /// not with its square (a busy fortnight of a thousand statements would otherwise give
    /// hundreds of thousands of pairs). Copies and rewrites are not independent sources, so
    /// statements from duplicate articles are left out, as are the classifier's doubtful ones
    /// ([`Statement::is_firm`]): a disagreement should send a reader to two sources, not to a
    /// misreading.
    pub fn disagreements(&self) -> Vec<Disagreement> {
        let copies = self.duplicate_index();
        let independent: Vec<&Statement> = self
            .chronological()
            .into_iter()
            .filter(|s| s.is_firm() && !copies.contains_key(s.article.as_str()))
            .collect();
        // Dated statements per (actor, capability), as (position in `independent`, day), in
        // chronological order; only pairs within the window of each other are compared.
        let mut groups: HashMap<(&str, &str), Vec<(usize, i64)>> = HashMap::new();
        for (i, s) in independent.iter().enumerate() {
            if let Some(day) = s.date.as_deref().and_then(day_number) {
                groups
                    .entry((s.actor.as_str(), s.capability.as_str()))
                    .or_default()
                    .push((i, day));
            }
        }
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for group in groups.values_mut() {
            group.sort_unstable_by_key(|&(i, day)| (day, i));
            // Per polarity: the latest statement so far, and the latest from an outlet other
            // than that one's. The latest earlier statement from an outlet other than b's is one
            // of the two.
            let mut latest: [(Option<Dated>, Option<Dated>); 2] = [(None, None); 2];
            let side = |s: &Statement| usize::from(s.stance.polarity() == Polarity::Against);
            for &(j, day_b) in group.iter() {
                let b = independent[j];
                let (first, second) = latest[1 - side(b)];
                let candidate = match first {
                    Some((i, _)) if independent[i].outlet != b.outlet => first,
                    _ => second,
                };
                if let Some((i, day_a)) = candidate
                    && day_b - day_a <= DISAGREEMENT_WINDOW_DAYS
                {
                    pairs.push((i.min(j), i.max(j)));
                }
                let own = &mut latest[side(b)];
                *own = match own.0 {
                    Some((i, _)) if independent[i].outlet == b.outlet => (Some((j, day_b)), own.1),
                    previous => (Some((j, day_b)), previous),
                };
            }
        }
        // One disagreement per pair of articles is enough to point the reader at them: the
        // pair whose speakers are best named (a headline the outlet reports gives way to the
        // spokeswoman quoted under it), then the earliest; in chronological order of the pair,
        // as a reader scans the ledger.
        let unnamed = |k: usize| independent[k].attribution != AttributionKind::Named;
        pairs.sort_unstable_by_key(|&(i, j)| {
            (usize::from(unnamed(i)) + usize::from(unnamed(j)), i, j)
        });
        let mut seen: HashSet<(&str, &str, &str)> = HashSet::new();
        pairs.retain(|&(i, j)| {
            let (a, b) = (independent[i], independent[j]);
            seen.insert((&a.article, &b.article, &a.capability))
        });
        pairs.sort_unstable();
        pairs
            .into_iter()
            .map(|(i, j)| {
                let (a, b) = (independent[i], independent[j]);
                Disagreement {
                    actor: a.actor.clone(),
                    capability: a.capability.clone(),
                    a: a.clone(),
                    b: b.clone(),
                }
            })
            .collect()
    }

    /// Statements that mention a quantity, chronologically.
    pub fn quantities(&self) -> Vec<&Statement> {
        self.chronological()
            .into_iter()
            .filter(|s| s.quantity.is_some())
            .collect()
    }
}

/// A statement's position in a list and its day number.
type Dated = (usize, i64);

/// The order of [`Ledger::chronological`]. Of the statements of one sentence on one capability
/// (two stances the rules and the classifier read in it), the surer comes last, so it is the
/// "latest" word of that sentence.
fn chrono_key(s: &Statement) -> (Option<&str>, &str, usize, &str, u8) {
    (
        s.date.as_deref(),
        &s.article,
        s.sentence,
        &s.capability,
        s.certainty(),
    )
}

/// Whether a stance is for or against, re-exported for callers that compare stances.
pub fn opposite(a: Stance, b: Stance) -> bool {
    a.polarity() != b.polarity()
}

/// True when the polarity is against.
pub fn is_against(s: Stance) -> bool {
    s.polarity() == Polarity::Against
}

/// Days from `a` to `b` (both `YYYY-MM-DD`, a timestamp's date prefix allowed), through the
/// model's civil-date type, the project's one calendar; `None` when either is not a date.
pub fn days_between(a: &str, b: &str) -> Option<i64> {
    Some(day_number(b)? - day_number(a)?)
}

/// The last day a statement's date can mean, as `YYYY-MM-DD`: a timestamp's day, or the last
/// day of a month (`2025-08` is `2025-08-31`; ANNOTATION.md dates an article by its month when
/// no day is known). Comparing this with a scenario's date keeps a month-dated statement out of
/// an assessment dated inside that month, where it could be the later of the two, as a month in
/// a scenario's `as_of` means its last day.
pub fn last_day(d: &str) -> std::borrow::Cow<'_, str> {
    match d.get(..10) {
        Some(day) => day.into(),
        None => guarantor_model::Date::parse_month_end(d)
            .map_or_else(|_| d.into(), |m| m.to_string().into()),
    }
}

/// Whether a statement dated `date` is weighed at the assessment date `as_of` (`YYYY-MM-DD`):
/// every day it can mean ([`last_day`]) is on or before it.
pub fn by_date(date: &str, as_of: &str) -> bool {
    *last_day(date) <= *as_of
}

/// The fewest days between the periods two dates can mean (a day, or every day of a month,
/// [`last_day`]): 0 when they overlap, as June 2025 and 2025-06-20 do; `None` when either is not
/// a date.
pub fn days_apart(a: &str, b: &str) -> Option<i64> {
    let (a0, a1) = day_range(a)?;
    let (b0, b1) = day_range(b)?;
    Some((a0.max(b0) - a1.min(b1)).max(0))
}

/// The first and last day numbers a date can mean.
fn day_range(d: &str) -> Option<(i64, i64)> {
    if let Some(day) = day_number(d) {
        return Some((day, day));
    }
    let last = guarantor_model::Date::parse_month_end(d).ok()?;
    Some((last.days() - i64::from(last.day()) + 1, last.days()))
}

fn day_number(d: &str) -> Option<i64> {
    guarantor_model::Date::parse(d.get(0..10)?)
        .ok()
        .map(|x| x.days())
}

#[cfg(test)]
#[path = "ledger_tests.rs"]
pub(crate) mod tests;
