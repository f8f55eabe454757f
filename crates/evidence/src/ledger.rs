//! The ledger view: statements and duplicate links read back from storage, turned into what
//! `guarantor evidence` shows — each actor's latest stance per capability, its history as a
//! timeline, disagreements between sources, and the quantities mentioned.
//!
//! Pure functions over records; it does not know where the records come from (the store crate
//! loads them) and it does not print.

use serde::Serialize;

use crate::dedupe::DuplicateLink;
use crate::statement::{Polarity, Stance, Statement};

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

impl Ledger {
    /// Keeps the statements whose actor (or speaker) and capability match; `None` matches all.
    pub fn filter(&self, actor: Option<&str>, capability: Option<&str>) -> Ledger {
        let statements = self
            .statements
            .iter()
            .filter(|s| actor.is_none_or(|a| s.actor == a || s.attributed_to.as_deref() == Some(a)))
            .filter(|s| capability.is_none_or(|c| s.capability == c))
            .cloned()
            .collect();
        Ledger {
            statements,
            duplicates: self.duplicates.clone(),
        }
    }

    /// Whether an article is recorded as a copy or rewrite of another.
    pub fn duplicate_of(&self, article: &str) -> Option<&DuplicateLink> {
        self.duplicates.iter().find(|d| d.article == article)
    }

    /// Statements sorted by date (undated first), then article, then sentence.
    pub fn chronological(&self) -> Vec<&Statement> {
        let mut v: Vec<&Statement> = self.statements.iter().collect();
        v.sort_by(|a, b| {
            (a.date.as_deref(), &a.article, a.sentence, &a.capability).cmp(&(
                b.date.as_deref(),
                &b.article,
                b.sentence,
                &b.capability,
            ))
        });
        v
    }

    /// One position per (actor, capability), ordered by actor then capability name.
    pub fn positions(&self) -> Vec<Position> {
        let mut keys: Vec<(String, String)> = self
            .statements
            .iter()
            .map(|s| (s.actor.clone(), s.capability.clone()))
            .collect();
        keys.sort();
        keys.dedup();
        let chrono = self.chronological();
        keys.into_iter()
            .filter_map(|(actor, capability)| {
                let history: Vec<Statement> = chrono
                    .iter()
                    .filter(|s| s.actor == actor && s.capability == capability)
                    .map(|s| (*s).clone())
                    .collect();
                let latest = history.last()?.clone();
                Some(Position {
                    actor,
                    capability,
                    latest,
                    history,
                })
            })
            .collect()
    }

    /// The latest statement of `actor` on `capability`, if any.
    pub fn latest(&self, actor: &str, capability: &str) -> Option<&Statement> {
        self.chronological()
            .into_iter()
            .rfind(|s| s.actor == actor && s.capability == capability)
    }

    /// Pairs of statements on the same actor and capability, from different outlets, dated
    /// within [`DISAGREEMENT_WINDOW_DAYS`], with opposite polarity. Copies and rewrites are not
    /// independent sources, so statements from duplicate articles are left out.
    pub fn disagreements(&self) -> Vec<Disagreement> {
        let independent: Vec<&Statement> = self
            .chronological()
            .into_iter()
            .filter(|s| self.duplicate_of(&s.article).is_none())
            .collect();
        let mut out = Vec::new();
        for (i, a) in independent.iter().enumerate() {
            for b in &independent[i + 1..] {
                if a.actor != b.actor || a.capability != b.capability || a.outlet == b.outlet {
                    continue;
                }
                if a.stance.polarity() == b.stance.polarity() {
                    continue;
                }
                let (Some(da), Some(db)) = (a.date.as_deref(), b.date.as_deref()) else {
                    continue;
                };
                // One disagreement per pair of articles is enough to point the reader at them.
                let seen = out.iter().any(|d: &Disagreement| {
                    d.a.article == a.article
                        && d.b.article == b.article
                        && d.capability == a.capability
                });
                if !seen
                    && days_between(da, db).is_some_and(|d| d.abs() <= DISAGREEMENT_WINDOW_DAYS)
                {
                    out.push(Disagreement {
                        actor: a.actor.clone(),
                        capability: a.capability.clone(),
                        a: (*a).clone(),
                        b: (*b).clone(),
                    });
                }
            }
        }
        out
    }

    /// Statements that mention a quantity, chronologically.
    pub fn quantities(&self) -> Vec<&Statement> {
        self.chronological()
            .into_iter()
            .filter(|s| s.quantity.is_some())
            .collect()
    }
}

/// Whether a stance is for or against, re-exported for callers that compare stances.
pub fn opposite(a: Stance, b: Stance) -> bool {
    a.polarity() != b.polarity()
}

/// True when the polarity is against.
pub fn is_against(s: Stance) -> bool {
    s.polarity() == Polarity::Against
}

/// Days from `a` to `b` (both `YYYY-MM-DD`), by the civil-from-days algorithm of
/// H. Hinnant ("chrono-compatible low-level date algorithms").
pub fn days_between(a: &str, b: &str) -> Option<i64> {
    Some(day_number(b)? - day_number(a)?)
}

fn day_number(d: &str) -> Option<i64> {
    let y: i64 = d.get(0..4)?.parse().ok()?;
    let m: i64 = d.get(5..7)?.parse().ok()?;
    let day: i64 = d.get(8..10)?.parse().ok()?;
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::statement::{AttributionKind, Modality};

    pub(crate) fn st(
        article: &str,
        date: &str,
        outlet: &str,
        actor: &str,
        cap: &str,
        stance: Stance,
    ) -> Statement {
        Statement {
            id: format!("{article}#0.{cap}"),
            article: article.into(),
            actor: actor.into(),
            capability: cap.into(),
            stance,
            modality: Modality::Asserted,
            quantity: None,
            attributed_to: None,
            attribution: AttributionKind::Reported,
            quote: "q".into(),
            quote_start: 0,
            quote_end: 1,
            date: Some(date.into()),
            outlet: Some(outlet.into()),
            sentence: 0,
        }
    }

    #[test]
    fn days_between_known_answers() {
        // 2024 is a leap year: 366 days from 2024-01-01 to 2025-01-01.
        assert_eq!(days_between("2024-01-01", "2025-01-01"), Some(366));
        assert_eq!(days_between("2025-01-15", "2025-08-18"), Some(215));
        assert_eq!(day_number("1970-01-01"), Some(0));
    }

    #[test]
    fn latest_and_history_follow_dates() {
        let l = Ledger {
            statements: vec![
                st(
                    "b",
                    "2025-08-18",
                    "X",
                    "USA",
                    "ground_troops",
                    Stance::RulesOut,
                ),
                st(
                    "a",
                    "2025-01-15",
                    "Y",
                    "USA",
                    "ground_troops",
                    Stance::Considers,
                ),
            ],
            duplicates: vec![],
        };
        let p = l.positions();
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].latest.stance, Stance::RulesOut);
        assert_eq!(p[0].history[0].article, "a");
        assert!(
            l.disagreements().is_empty(),
            "seven months apart is a shift, not a disagreement"
        );
    }

    #[test]
    fn disagreement_needs_other_outlet_and_same_period() {
        let l = Ledger {
            statements: vec![
                st(
                    "a",
                    "2026-01-06",
                    "X",
                    "USA",
                    "article5_like_guarantee",
                    Stance::Commits,
                ),
                st(
                    "b",
                    "2026-01-07",
                    "Y",
                    "USA",
                    "article5_like_guarantee",
                    Stance::Rejects,
                ),
                st(
                    "c",
                    "2026-01-07",
                    "X",
                    "USA",
                    "article5_like_guarantee",
                    Stance::Rejects,
                ),
            ],
            duplicates: vec![],
        };
        let d = l.disagreements();
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0].a.article.as_str(), d[0].b.article.as_str()),
            ("a", "b")
        );
    }
}
