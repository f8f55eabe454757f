//! Tests of the ledger (`ledger.rs`): positions, disagreements, filters and dates.

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
        probability: None,
    }
}

/// The definition of [`Ledger::disagreements`], by brute force: for each statement, the
/// latest earlier statement that disagrees with it.
fn disagreements_by_definition(l: &Ledger) -> Vec<Disagreement> {
    let independent: Vec<&Statement> = l
        .chronological()
        .into_iter()
        .filter(|s| s.is_firm() && l.duplicate_of(&s.article).is_none())
        .collect();
    let mut pairs = Vec::new();
    for (j, b) in independent.iter().enumerate() {
        let earlier = independent[..j].iter().enumerate().rev().find(|(_, a)| {
            a.actor == b.actor
                && a.capability == b.capability
                && a.outlet != b.outlet
                && a.stance.polarity() != b.stance.polarity()
                && a.date.is_some()
                && b.date.is_some()
        });
        if let Some((i, a)) = earlier {
            let close = days_between(a.date.as_deref().unwrap(), b.date.as_deref().unwrap())
                .is_some_and(|d| d.abs() <= DISAGREEMENT_WINDOW_DAYS);
            if close {
                pairs.push((i, j));
            }
        }
    }
    // Of the pairs between two articles, the one with the fewest unnamed speakers, then
    // the earliest.
    let unnamed = |s: &Statement| usize::from(s.attribution != AttributionKind::Named);
    let better = |(i, j): (usize, usize), (k, l): (usize, usize)| {
        let rank = |i: usize, j: usize| (unnamed(independent[i]) + unnamed(independent[j]), i, j);
        rank(i, j) < rank(k, l)
    };
    pairs.sort();
    let mut out: Vec<Disagreement> = Vec::new();
    for &(i, j) in &pairs {
        let (a, b) = (independent[i], independent[j]);
        let beaten = pairs.iter().any(|&(k, l)| {
            independent[k].article == a.article
                && independent[l].article == b.article
                && independent[k].capability == a.capability
                && better((k, l), (i, j))
        });
        if !beaten {
            out.push(Disagreement {
                actor: a.actor.clone(),
                capability: a.capability.clone(),
                a: a.clone(),
                b: b.clone(),
            });
        }
    }
    out
}

proptest::proptest! {
    #[test]
    fn disagreements_match_their_definition(
        rows in proptest::collection::vec(
            (0usize..12, 1u32..60, 0usize..3, 0usize..2, 0usize..2, 0usize..4, 0usize..3, 0usize..3, proptest::bool::ANY),
            0..40,
        ),
        copies in proptest::collection::vec(0usize..12, 0..3),
    ) {
        let stances = [Stance::Commits, Stance::RulesOut, Stance::Considers, Stance::Rejects];
        let statements = rows
            .iter()
            .enumerate()
            .map(|(n, &(article, day, outlet, actor, cap, stance, sentence, source, named))| {
                let mut s = st(
                    &format!("a{article}"),
                    &format!("2025-{:02}-{:02}", 1 + day / 28, 1 + day % 28),
                    ["X", "Y", "Z"][outlet],
                    ["USA", "GBR"][actor],
                    ["ground_troops", "air_power"][cap],
                    stances[stance],
                );
                s.sentence = sentence;
                s.probability = [None, Some(0.3), Some(0.7)][source];
                if named {
                    s.attribution = AttributionKind::Named;
                }
                s.id = format!("{n}");
                s
            })
            .collect();
        let duplicates = copies
            .iter()
            .map(|&c| DuplicateLink {
                article: format!("a{c}"),
                duplicate_of: "a0".into(),
                similarity: 0.9,
                kind: crate::dedupe::LinkKind::NearDuplicate,
                reason: None,
            })
            .collect();
        let l = Ledger { statements, duplicates };
        proptest::prop_assert_eq!(l.disagreements(), disagreements_by_definition(&l));
        for (actor, cap) in [("USA", "ground_troops"), ("GBR", "air_power")] {
            let by_sort = l
                .chronological()
                .into_iter()
                .rfind(|s| s.actor == actor && s.capability == cap);
            proptest::prop_assert_eq!(l.latest(actor, cap), by_sort);
        }
    }
}

/// A reader's "26 countries" is the group in every language a text named it in, as the
/// evaluation matches unnamed groups on their count; other counts and named actors are not.
#[test]
fn an_unnamed_group_is_found_by_its_count_in_any_wording() {
    let ledger = Ledger {
        statements: vec![
            st(
                "a",
                "2025-09-04",
                "X",
                "26 countries (unnamed)",
                "ground_troops",
                Stance::Commits,
            ),
            st(
                "b",
                "2025-09-04",
                "Y",
                "26 країн (unnamed)",
                "ground_troops",
                Stance::Commits,
            ),
            st(
                "c",
                "2025-09-04",
                "Z",
                "26 ülke (unnamed)",
                "naval",
                Stance::Commits,
            ),
            st(
                "d",
                "2025-09-04",
                "Z",
                "260 countries (unnamed)",
                "naval",
                Stance::Offers,
            ),
            st(
                "e",
                "2025-09-04",
                "Z",
                "35 countries (unnamed)",
                "naval",
                Stance::Offers,
            ),
            st("f", "2025-09-04", "Z", "FRA", "naval", Stance::Offers),
        ],
        duplicates: Vec::new(),
    };
    let articles = |actor: &str, cap: Option<&str>| -> Vec<String> {
        ledger
            .filter(Some(actor), cap)
            .statements
            .into_iter()
            .map(|s| s.article)
            .collect()
    };
    for query in [
        "26 countries",
        "26",
        " 26 countries (unnamed) ",
        "26 партнерів",
    ] {
        assert_eq!(articles(query, None), ["a", "b", "c"], "{query}");
    }
    assert_eq!(articles("26 countries", Some("naval")), ["c"]);
    assert_eq!(articles("FRA", None), ["f"]);
    assert_eq!(articles("countries", None), Vec::<String>::new());
    assert_eq!(unnamed_group_count("26countries"), None);
    // A group without a count by its name, with or without the marker.
    assert!(actor_matches(
        "Ukraine's allies",
        "Ukraine's allies (unnamed)",
        None
    ));
    assert!(actor_matches(
        "Ukraine's allies (unnamed)",
        "Ukraine's allies (unnamed)",
        None
    ));
    assert!(!actor_matches(
        "Ukraine",
        "Ukraine's allies (unnamed)",
        None
    ));
    assert!(!actor_matches("allies", "Ukraine's allies (unnamed)", None));
    assert_eq!(unnamed_group_count("2026-01-06"), None);
    assert_eq!(unnamed_group_count("26 ülke (unnamed)"), Some("26"));
}

/// Own example: a report's headline ("White House rules out US ground troops") and the
/// spokeswoman quoted under it both disagree with an earlier offer; the reader is sent to
/// the named one.
#[test]
fn a_disagreement_shows_the_named_speaker_over_the_headline() {
    let offer = st(
        "a",
        "2025-08-19",
        "X",
        "USA",
        "ground_troops",
        Stance::Offers,
    );
    let headline = st(
        "b",
        "2025-08-19",
        "Y",
        "USA",
        "ground_troops",
        Stance::RulesOut,
    );
    let mut quoted = headline.clone();
    quoted.sentence = 3;
    quoted.attribution = AttributionKind::Named;
    quoted.attributed_to = Some("Karoline Leavitt".into());
    let l = Ledger {
        statements: vec![offer, headline, quoted],
        duplicates: vec![],
    };
    let d = l.disagreements();
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].b.attributed_to.as_deref(), Some("Karoline Leavitt"));
}

/// Own example: the rules read "commits" in a sentence where the classifier also gives
/// "considers" at 0.24 (the German "haben zugesagt ... zu entsenden"), and a later report
/// from another outlet has a doubtful rule-out at 0.3.
#[test]
fn doubtful_classifier_statements_make_no_position_and_no_disagreement() {
    let mut doubtful = st(
        "a",
        "2025-09-04",
        "X",
        "FRA",
        "ground_troops",
        Stance::Considers,
    );
    doubtful.id = "a#1.ground_troops.considers".into();
    doubtful.probability = Some(0.24);
    let rules = st(
        "a",
        "2025-09-04",
        "X",
        "FRA",
        "ground_troops",
        Stance::Commits,
    );
    let mut later = st(
        "b",
        "2025-09-06",
        "Y",
        "FRA",
        "ground_troops",
        Stance::RulesOut,
    );
    later.probability = Some(0.3);
    let l = Ledger {
        statements: vec![rules.clone(), doubtful.clone(), later.clone()],
        duplicates: vec![],
    };
    let p = l.positions();
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].latest, rules, "the firm statement is the position");
    assert_eq!(
        p[0].history,
        vec![doubtful.clone(), rules.clone(), later.clone()]
    );
    assert!(l.disagreements().is_empty(), "{:?}", l.disagreements());
    // The same rule-out from the classifier at 0.6 is firm: it is the position and it
    // disagrees with the earlier commitment.
    later.probability = Some(0.6);
    let l = Ledger {
        statements: vec![rules.clone(), doubtful, later.clone()],
        duplicates: vec![],
    };
    assert_eq!(l.positions()[0].latest, later);
    assert_eq!(l.disagreements().len(), 1);
    // With nothing firm, the position is the latest doubtful statement.
    let mut only = st("c", "2025-09-07", "Z", "DEU", "air_defence", Stance::Offers);
    only.probability = Some(0.21);
    let l = Ledger {
        statements: vec![only.clone()],
        duplicates: vec![],
    };
    assert_eq!(l.positions()[0].latest, only);
}

#[test]
fn days_between_known_answers() {
    // 2024 is a leap year: 366 days from 2024-01-01 to 2025-01-01.
    assert_eq!(days_between("2024-01-01", "2025-01-01"), Some(366));
    assert_eq!(days_between("2025-01-15", "2025-08-18"), Some(215));
    assert_eq!(day_number("1970-01-01"), Some(0));
    // A month has no day number: it is never within a window of days of another date.
    assert_eq!(day_number("2025-08"), None);
    // ... but the days it can mean are a range.
    assert_eq!(days_apart("2025-06", "2025-06-20"), Some(0));
    assert_eq!(days_apart("2025-06-20", "2025-06"), Some(0));
    assert_eq!(days_apart("2025-06", "2025-07-03"), Some(3));
    assert_eq!(days_apart("2025-06", "2025-12-30"), Some(183));
    assert_eq!(days_apart("2025-05", "2025-07"), Some(31));
    assert_eq!(days_apart("2025-08-18", "2025-08-11"), Some(7));
    assert_eq!(days_apart("2025-08-18", "soon"), None);
}

#[test]
fn a_month_date_means_its_last_day() {
    assert_eq!(last_day("2025-08-18T10:00Z"), "2025-08-18");
    assert_eq!(last_day("2025-08"), "2025-08-31");
    assert_eq!(last_day("2024-02"), "2024-02-29");
    let l = Ledger {
        statements: vec![st(
            "m",
            "2025-08",
            "X",
            "USA",
            "ground_troops",
            Stance::RulesOut,
        )],
        duplicates: Vec::new(),
    };
    // Within August it could be later than the assessment; from the month's end it is not.
    assert!(
        l.latest_firm_as_of("USA", "ground_troops", Some("2025-08-18"))
            .is_none()
    );
    assert!(
        l.latest_firm_as_of("USA", "ground_troops", Some("2025-08-31"))
            .is_some()
    );
    // Counted as later than the assessment exactly when no check weighs it.
    assert_eq!(l.dated_after("2025-08-18"), 1);
    assert_eq!(l.dated_after("2025-08-31"), 0);
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
