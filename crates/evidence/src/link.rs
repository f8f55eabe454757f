//! Scenario link: checks scenario entries (pledges and red lines) against the ledger.
//!
//! An entry is flagged `no_evidence` when it cites nothing or cites ids the ledger does not hold,
//! and `contradicted` when the actor's latest statement on that capability, dated on or before
//! the scenario's date, contradicts the stance the entry implies ([`contradicts`]: opposite polarity, except that doubting others suffice
//! backs a demand), and `ahead_of_evidence` when a pledge's status says agreed, signed or
//! delivered but no statement it cites commits (a floated offer cited for a signed pledge). It
//! reads no files: [`scenario_entries`] turns a
//! checked scenario (from `guarantor-model`) into [`ScenarioEntry`] values.

use schemars::JsonSchema;
use serde::Serialize;

use crate::ledger::{Ledger, by_date, last_day};
use crate::statement::{Stance, Statement};

/// Whether the entry is a pledge or a red line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Pledge,
    RedLine,
}

/// What the link check needs to know about one scenario entry.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ScenarioEntry {
    pub id: String,
    pub kind: EntryKind,
    /// ISO alpha-3 code or canonical name, as in the ledger.
    pub actor: String,
    pub capability: String,
    /// The stance the entry implies: usually `commits` for a pledge and `rules_out` (or
    /// `rejects`) for a red line.
    pub stance: Stance,
    /// Evidence ids the entry cites (statement ids from `guarantor evidence --json`).
    pub evidence: Vec<String>,
    /// A pledge's status (`stated`, `signed`, ...; see the scenario format); `None` for a red
    /// line.
    pub status: Option<String>,
}

impl ScenarioEntry {
    /// Whether the entry's status says the pledge is agreed, signed or delivered (what `--basis
    /// firm` counts).
    pub fn firm_status(&self) -> bool {
        self.status
            .as_deref()
            .and_then(guarantor_model::Status::parse)
            .is_some_and(|s| guarantor_model::StatusBasis::Firm.admits(s))
    }
}

/// Stances a cited statement can take for a pledge, firmest first: what [`EntryFlag::AheadOfEvidence`]
/// names as the most the evidence says.
const FIRMNESS: [Stance; 4] = [
    Stance::Commits,
    Stance::Offers,
    Stance::Considers,
    Stance::Supports,
];

/// The most candidate statements listed for an entry without evidence.
pub const MAX_CANDIDATES: usize = 3;

/// A finding on one entry.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "flag", rename_all = "snake_case")]
pub enum EntryFlag {
    /// The entry cites nothing, or only ids the ledger does not hold (listed in `unknown`).
    /// `candidates` are ledger statements that may bear on it, for a reader to check and cite:
    /// by the entry's actor, on its capability, not of the opposite polarity, dated on or before
    /// the scenario's date (or undated); firm ones first ([`Statement::is_firm`]), then the
    /// newest, at most [`MAX_CANDIDATES`].
    NoEvidence {
        unknown: Vec<String>,
        candidates: Vec<String>,
    },
    /// The actor's latest statement on the capability has the opposite polarity.
    Contradicted { statement: Box<Statement> },
    /// The pledge's status is agreed, signed or delivered, but none of the statements it cites
    /// that the ledger holds commits: the most they say is `strongest` (offers, considers, ...).
    /// A floated offer cited for a signed pledge: the status may run ahead of the evidence, or the
    /// signed text is not cited.
    AheadOfEvidence { status: String, strongest: Stance },
    /// The actor's latest statement on the capability has the opposite polarity, but the entry
    /// cites a later statement of the same actor that agrees with it (`by`, its id): the older
    /// word is shown, not counted as a contradiction.
    Superseded {
        statement: Box<Statement>,
        by: String,
    },
}

/// The findings on one entry; empty `flags` means the entry is backed and not contradicted.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct EntryCheck {
    pub entry: String,
    pub flags: Vec<EntryFlag>,
}

/// The entries of a scenario for the link check, with the stance each implies: a pledge
/// commits; a red line that forbids rules out; one that demands, demands. `guarantor assess
/// --db` and the dashboard both call this, so they give the same findings.
pub fn scenario_entries(scenario: &guarantor_model::Scenario) -> Vec<ScenarioEntry> {
    use guarantor_model::{Bound, CapabilitySet};
    let mut out: Vec<ScenarioEntry> = scenario
        .pledges
        .iter()
        .map(|p| ScenarioEntry {
            id: p.id.clone(),
            kind: EntryKind::Pledge,
            actor: p.contributor.clone(),
            capability: p.capability.clone(),
            stance: Stance::Commits,
            evidence: p.evidence.clone(),
            status: Some(p.status.name().to_string()),
        })
        .collect();
    for r in &scenario.red_lines {
        let stance = match r.rule.bound {
            Bound::No | Bound::AtMost(_) => Stance::RulesOut,
            Bound::AtLeast(_) | Bound::Some => Stance::Demands,
        };
        // A rule over several capabilities is checked once per capability; `anything` has no
        // single capability to hold statements against and is checked for citations only.
        let capabilities = match &r.rule.capabilities {
            CapabilitySet::Some(list) => list.clone(),
            CapabilitySet::Any => vec!["anything".to_string()],
        };
        for capability in capabilities {
            out.push(ScenarioEntry {
                id: r.id.clone(),
                kind: EntryKind::RedLine,
                actor: r.party.clone(),
                capability,
                stance,
                evidence: r.evidence.clone(),
                status: None,
            });
        }
    }
    out
}

/// Whether a statement's stance contradicts the stance an entry implies. Opposite polarity
/// contradicts, with one exception: a demand is not contradicted by doubts, because doubting that
/// what others offer is enough ("Europe alone is not enough") is the reason for demanding more,
/// not a retreat from the demand. A demand is contradicted by ruling out, rejecting or opposing.
pub fn contradicts(statement: Stance, entry: Stance) -> bool {
    if entry == Stance::Demands && statement == Stance::Doubts {
        return false;
    }
    statement.polarity() != entry.polarity()
}

/// Checks every entry against the ledger, in the order given, as of `as_of` (the scenario's
/// date, ISO `YYYY-MM-DD`).
///
/// Only firm statements contradict an entry ([`Statement::is_firm`]): a classifier reading below
/// [`crate::FIRM_PROBABILITY`] is right about a third of the time, too seldom to tell a reader
/// that a pledge is contradicted; it can still back an entry that cites it.
///
/// Only statements dated on or before `as_of` can contradict an entry: a scenario of August 2025
/// describes the guarantee as it stood then, and what a party said in January 2026 is a later
/// state, not a contradiction (`guarantor compare` and `timeline` show change). An undated
/// statement cannot be placed before or after the scenario's date, so it can back an entry that
/// cites it but never contradicts one. `as_of = None` reads every dated statement.
pub fn check_entries(
    entries: &[ScenarioEntry],
    ledger: &Ledger,
    as_of: Option<&str>,
) -> Vec<EntryCheck> {
    entries
        .iter()
        .map(|e| {
            let mut flags = Vec::new();
            let unknown: Vec<String> = e
                .evidence
                .iter()
                .filter(|id| !ledger.statements.iter().any(|s| &s.id == *id))
                .cloned()
                .collect();
            if e.evidence.is_empty() || unknown.len() == e.evidence.len() {
                flags.push(EntryFlag::NoEvidence {
                    unknown,
                    candidates: candidates(e, ledger, as_of),
                });
            }
            if let Some(flag) = ahead_of_evidence(e, ledger) {
                flags.push(flag);
            }
            if let Some(latest) = ledger.latest_firm_as_of(&e.actor, &e.capability, as_of)
                && contradicts(latest.stance, e.stance)
            {
                flags.push(match superseded_by_evidence(e, latest, ledger, as_of) {
                    Some(by) => EntryFlag::Superseded {
                        statement: Box::new(latest.clone()),
                        by: by.id.clone(),
                    },
                    None => EntryFlag::Contradicted {
                        statement: Box::new(latest.clone()),
                    },
                });
            }
            EntryCheck {
                entry: e.id.clone(),
                flags,
            }
        })
        .collect()
}

/// [`EntryFlag::AheadOfEvidence`] for an entry whose firm status no cited statement bears out:
/// the entry cites statements the ledger holds (else it has no evidence to weigh), and none of
/// them commits. Any actor's statement counts, as the entry cites it (a coalition's commitment
/// can carry its members' pledges).
fn ahead_of_evidence(e: &ScenarioEntry, ledger: &Ledger) -> Option<EntryFlag> {
    if !e.firm_status() {
        return None;
    }
    let cited: Vec<Stance> = ledger
        .statements
        .iter()
        .filter(|s| e.evidence.contains(&s.id))
        .map(|s| s.stance)
        .collect();
    if cited.is_empty() || cited.contains(&Stance::Commits) {
        return None;
    }
    let strongest = FIRMNESS
        .into_iter()
        .find(|f| cited.contains(f))
        .unwrap_or(cited[0]);
    Some(EntryFlag::AheadOfEvidence {
        status: e.status.clone().unwrap_or_default(),
        strongest,
    })
}

/// The latest statement the entry cites that is its own actor's later word and agrees with it,
/// if any: held by the ledger, by the entry's actor, not contradicting the entry, dated after
/// `latest` and on or before `as_of`. The latest statement on the entry's exact capability can
/// be older than the actor's latest word on the matter, which the ledger may file under a
/// neighbouring capability (a February 2025 rule-out of Article 5 cover for peacekeepers, then
/// an August 2025 commitment to security guarantees that the entry cites). A group's statement
/// or an undated one never supersedes the actor's own.
fn superseded_by_evidence<'l>(
    e: &ScenarioEntry,
    latest: &Statement,
    ledger: &'l Ledger,
    as_of: Option<&str>,
) -> Option<&'l Statement> {
    let then = latest.date.as_deref().map(last_day)?;
    // The latest of the cited statements that qualify (the id breaks ties).
    ledger
        .statements
        .iter()
        .filter(|s| {
            e.evidence.contains(&s.id)
                && s.actor == e.actor
                && !contradicts(s.stance, e.stance)
                && s.date.as_deref().is_some_and(|d| {
                    last_day(d) > then && as_of.is_none_or(|limit| by_date(d, limit))
                })
        })
        .max_by(|a, b| (a.date.as_deref(), &a.id).cmp(&(b.date.as_deref(), &b.id)))
}

/// Statements an entry without evidence might cite (see [`EntryFlag::NoEvidence`]), firm ones
/// first, at most [`MAX_CANDIDATES`]. Only a suggestion: whether a statement supports the entry
/// is for a reader to judge (a group's statement, a neighbouring capability or a quote read with
/// the wrong actor are left to them).
fn candidates(e: &ScenarioEntry, ledger: &Ledger, as_of: Option<&str>) -> Vec<String> {
    let mut found: Vec<&Statement> = ledger
        .statements
        .iter()
        .filter(|s| s.actor == e.actor && s.capability == e.capability)
        .filter(|s| !contradicts(s.stance, e.stance))
        .filter(|s| match (s.date.as_deref(), as_of) {
            (Some(d), Some(limit)) => by_date(d, limit),
            _ => true,
        })
        .collect();
    // Firm statements first (the rules', the classifier's from 0.5: a doubtful one should not
    // crowd a firm one out of the list), then newest first, undated last; the id breaks ties so
    // the list is the same on every run.
    found.sort_by(|a, b| {
        b.is_firm()
            .cmp(&a.is_firm())
            .then(b.date.cmp(&a.date))
            .then(a.id.cmp(&b.id))
    });
    found
        .into_iter()
        .take(MAX_CANDIDATES)
        .map(|s| s.id.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::tests::st;

    fn entry(id: &str, kind: EntryKind, stance: Stance, evidence: &[&str]) -> ScenarioEntry {
        ScenarioEntry {
            id: id.into(),
            kind,
            actor: "USA".into(),
            capability: "ground_troops".into(),
            stance,
            evidence: evidence.iter().map(|s| s.to_string()).collect(),
            status: None,
        }
    }

    #[test]
    fn a_doubt_that_others_suffice_supports_a_demand() {
        // Own wording: Ukraine demands US troops in the force; its president then says a
        // European force alone would not be enough. The extractor reads that as UKR doubts on
        // ground_troops, which backs the demand rather than contradicting it.
        let lex = crate::Lexicon::default();
        let g = crate::Gazetteer::default();
        let text = "Zelensky said on Friday that a force made up of European troops alone would not be enough to deter another invasion.";
        let statements = crate::Extractor::new(&lex).extract(
            text,
            &g.resolve(text),
            &g,
            crate::ArticleRef {
                id: "own",
                date: Some("2025-08-22"),
                outlet: Some("Own Wire"),
                lang: None,
            },
        );
        let doubt = statements
            .iter()
            .find(|s| s.actor == "UKR" && s.capability == "ground_troops")
            .unwrap_or_else(|| panic!("no UKR ground_troops statement in {statements:?}"));
        assert_eq!(doubt.stance, Stance::Doubts);
        let ledger = Ledger {
            statements: vec![doubt.clone()],
            duplicates: vec![],
        };
        let demand = ScenarioEntry {
            id: "ukraine-demands-us-troops".into(),
            kind: EntryKind::RedLine,
            actor: "UKR".into(),
            capability: "ground_troops".into(),
            stance: Stance::Demands,
            evidence: vec![doubt.id.clone()],
            status: None,
        };
        let checks = check_entries(std::slice::from_ref(&demand), &ledger, Some("2025-08-31"));
        assert!(checks[0].flags.is_empty(), "{:?}", checks[0].flags);
        // A rule-out by the same actor still contradicts the demand, and a doubt still
        // contradicts a pledge.
        assert!(contradicts(Stance::RulesOut, Stance::Demands));
        assert!(contradicts(Stance::Doubts, Stance::Commits));
    }

    #[test]
    fn a_signed_pledge_citing_only_an_offer_runs_ahead_of_its_evidence() {
        let offer = st(
            "o",
            "2026-01-06",
            "X",
            "Coalition of the Willing",
            "ground_troops",
            Stance::Offers,
        );
        let plan = st(
            "p",
            "2026-01-05",
            "X",
            "USA",
            "ground_troops",
            Stance::Considers,
        );
        let signed = st(
            "s",
            "2026-01-06",
            "X",
            "GBR",
            "ground_troops",
            Stance::Commits,
        );
        let ledger = Ledger {
            statements: vec![offer.clone(), plan.clone(), signed.clone()],
            duplicates: vec![],
        };
        let pledge = |status: &str, cites: &[&Statement]| ScenarioEntry {
            status: Some(status.into()),
            ..entry(
                "fra-troops",
                EntryKind::Pledge,
                Stance::Commits,
                &cites.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
            )
        };
        let flags = |e: ScenarioEntry| {
            check_entries(&[e], &ledger, Some("2026-01-31"))[0]
                .flags
                .clone()
        };
        // Signed, citing an offer and a plan under consideration: the offer is the most they say.
        assert_eq!(
            flags(pledge("signed", &[&plan, &offer])),
            vec![EntryFlag::AheadOfEvidence {
                status: "signed".into(),
                strongest: Stance::Offers
            }]
        );
        // A cited commitment, by any actor, bears the status out.
        assert!(flags(pledge("signed", &[&offer, &signed])).is_empty());
        // Stated or floated pledges may rest on an offer; agreed and delivered ones may not.
        assert!(flags(pledge("stated", &[&offer])).is_empty());
        assert_eq!(flags(pledge("delivered", &[&offer])).len(), 1);
        // Citing nothing the ledger holds is `no_evidence`, not this.
        assert!(matches!(
            flags(pledge("agreed", &[]))[..],
            [EntryFlag::NoEvidence { .. }]
        ));
    }

    #[test]
    fn only_firm_statements_contradict_an_entry() {
        let pledge = entry("us-air", EntryKind::Pledge, Stance::Commits, &[]);
        let mut doubtful = st(
            "d",
            "2025-08-20",
            "X",
            "USA",
            "ground_troops",
            Stance::RulesOut,
        );
        doubtful.probability = Some(0.3);
        let ledger = Ledger {
            statements: vec![doubtful.clone()],
            duplicates: vec![],
        };
        let checks = check_entries(std::slice::from_ref(&pledge), &ledger, Some("2025-08-31"));
        assert!(
            !checks[0]
                .flags
                .iter()
                .any(|f| matches!(f, EntryFlag::Contradicted { .. })),
            "{:?}",
            checks[0].flags
        );
        doubtful.probability = Some(crate::FIRM_PROBABILITY);
        let ledger = Ledger {
            statements: vec![doubtful],
            duplicates: vec![],
        };
        let checks = check_entries(std::slice::from_ref(&pledge), &ledger, Some("2025-08-31"));
        assert!(
            checks[0]
                .flags
                .iter()
                .any(|f| matches!(f, EntryFlag::Contradicted { .. })),
            "{:?}",
            checks[0].flags
        );
    }

    #[test]
    fn firm_statements_come_first_among_the_statements_to_check() {
        // Four newer doubtful readings and one older statement of the rules: the rules' is
        // listed first, and the cap keeps the newest doubtful ones after it.
        let mut statements = vec![st(
            "rules",
            "2025-02-01",
            "X",
            "USA",
            "ground_troops",
            Stance::Offers,
        )];
        for day in 10..14 {
            let mut s = st(
                &format!("d{day}"),
                &format!("2025-03-{day}"),
                "Y",
                "USA",
                "ground_troops",
                Stance::Considers,
            );
            s.probability = Some(0.3);
            statements.push(s);
        }
        let ledger = Ledger {
            statements,
            duplicates: vec![],
        };
        let checks = check_entries(
            &[entry("us-troops", EntryKind::Pledge, Stance::Commits, &[])],
            &ledger,
            Some("2025-08-31"),
        );
        assert_eq!(
            checks[0].flags,
            [EntryFlag::NoEvidence {
                unknown: vec![],
                candidates: vec![
                    "rules#0.ground_troops".to_string(),
                    "d13#0.ground_troops".to_string(),
                    "d12#0.ground_troops".to_string(),
                ]
            }]
        );
    }

    #[test]
    fn cited_later_word_of_the_actor_supersedes_an_older_contradiction() {
        let ledger = Ledger {
            statements: vec![
                st(
                    "feb",
                    "2025-02-13",
                    "X",
                    "USA",
                    "article5_like_guarantee",
                    Stance::RulesOut,
                ),
                st(
                    "jan",
                    "2026-01-06",
                    "Y",
                    "USA",
                    "security_guarantee",
                    Stance::Commits,
                ),
                st(
                    "coalition",
                    "2026-01-06",
                    "Z",
                    "Coalition of the Willing",
                    "security_guarantee",
                    Stance::Commits,
                ),
            ],
            duplicates: vec![],
        };
        let pledge = |evidence: &[&str]| ScenarioEntry {
            id: "usa-article5-like".into(),
            kind: EntryKind::Pledge,
            actor: "USA".into(),
            capability: "article5_like_guarantee".into(),
            stance: Stance::Commits,
            evidence: evidence.iter().map(|s| s.to_string()).collect(),
            status: None,
        };
        let flags = |evidence: &[&str], as_of: &str| {
            check_entries(&[pledge(evidence)], &ledger, Some(as_of))
                .remove(0)
                .flags
        };
        // The actor's own later agreement, cited: the older word is shown as superseded.
        assert!(matches!(
            &flags(&["jan#0.security_guarantee"], "2026-01-31")[..],
            [EntryFlag::Superseded { statement, by }]
                if statement.article == "feb" && by == "jan#0.security_guarantee"
        ));
        // Cited, but after the scenario's date: the February rule-out stands.
        assert!(matches!(
            &flags(&["jan#0.security_guarantee"], "2025-08-19")[..],
            [EntryFlag::Contradicted { .. }]
        ));
        // A group's later word does not speak for the actor.
        assert!(matches!(
            &flags(&["coalition#0.security_guarantee"], "2026-01-31")[..],
            [EntryFlag::Contradicted { .. }]
        ));
    }

    #[test]
    fn pledge_contradicted_by_latest_rule_out_and_red_line_backed() {
        let ledger = Ledger {
            statements: vec![
                st(
                    "jan",
                    "2025-01-15",
                    "X",
                    "USA",
                    "ground_troops",
                    Stance::Considers,
                ),
                st(
                    "aug",
                    "2025-08-19",
                    "Y",
                    "USA",
                    "ground_troops",
                    Stance::RulesOut,
                ),
            ],
            duplicates: vec![],
        };
        let checks = check_entries(
            &[
                entry(
                    "us-troops",
                    EntryKind::Pledge,
                    Stance::Commits,
                    &["jan#0.ground_troops"],
                ),
                entry(
                    "no-us-troops",
                    EntryKind::RedLine,
                    Stance::RulesOut,
                    &["aug#0.ground_troops", "gone#1.x"],
                ),
                entry("bare", EntryKind::Pledge, Stance::Commits, &[]),
                entry("ghost", EntryKind::RedLine, Stance::RulesOut, &["nope#0.x"]),
            ],
            &ledger,
            Some("2025-08-19"),
        );
        assert!(
            matches!(&checks[0].flags[..], [EntryFlag::Contradicted { statement }] if statement.article == "aug")
        );
        assert!(checks[1].flags.is_empty(), "one known id is evidence");
        // Without evidence, the statements to check: same actor and capability, not of the
        // opposite polarity (January's consideration for a pledge, August's rule-out for a red
        // line), dated by the scenario's date.
        let ids = |i: usize| ledger.statements[i].id.clone();
        assert_eq!(
            checks[2].flags[0],
            EntryFlag::NoEvidence {
                unknown: vec![],
                candidates: vec![ids(0)]
            }
        );
        assert_eq!(
            checks[3].flags,
            [EntryFlag::NoEvidence {
                unknown: vec!["nope#0.x".to_string()],
                candidates: vec![ids(1)]
            }]
        );
        // A statement after the scenario's date is not offered.
        let earlier = check_entries(
            &[entry("ghost", EntryKind::RedLine, Stance::RulesOut, &[])],
            &ledger,
            Some("2025-08-18"),
        );
        assert_eq!(
            earlier[0].flags[0],
            EntryFlag::NoEvidence {
                unknown: vec![],
                candidates: vec![]
            }
        );
    }

    #[test]
    fn later_and_undated_statements_never_contradict_an_earlier_scenario() {
        let mut undated = st(
            "undated",
            "2025-01-01",
            "Z",
            "USA",
            "ground_troops",
            Stance::RulesOut,
        );
        undated.date = None;
        let ledger = Ledger {
            statements: vec![
                st(
                    "jan",
                    "2025-01-15",
                    "X",
                    "USA",
                    "ground_troops",
                    Stance::Considers,
                ),
                st(
                    "sep",
                    "2025-09-02T08:00",
                    "Y",
                    "USA",
                    "ground_troops",
                    Stance::RulesOut,
                ),
                undated,
            ],
            duplicates: vec![],
        };
        let pledge = [entry(
            "us-troops",
            EntryKind::Pledge,
            Stance::Commits,
            &["jan#0.ground_troops"],
        )];
        // As of August 2025 the September rule-out is in the future: the pledge stands.
        let august = check_entries(&pledge, &ledger, Some("2025-08-19"));
        assert!(august[0].flags.is_empty(), "{:?}", august[0].flags);
        // As of October it is the latest word, and contradicts.
        let october = check_entries(&pledge, &ledger, Some("2025-10-01"));
        assert!(
            matches!(&october[0].flags[..], [EntryFlag::Contradicted { statement }] if statement.article == "sep")
        );
        // The day of a timestamped statement counts: on 2 September it is already said.
        let same_day = check_entries(&pledge, &ledger, Some("2025-09-02"));
        assert_eq!(same_day[0].flags.len(), 1);
    }
}
