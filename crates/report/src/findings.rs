//! Key findings: what an assessment means, in sentences a reader can lift into a briefing.
//!
//! A count ("3 of 13 requirements met") says how many boxes are ticked, not what is missing. The
//! findings say it in the reader's units: the largest gaps ("the reassurance force has about a
//! tenth of the ground troops it needs: 1,350 of 13,255 personnel"), what the major-power
//! backstop carries (what falls without it), which red lines are crossed, and what changes
//! without each of the contributors whose absence moves the most. Every sentence is computed from
//! the assessment and from assessments of the same scenario without a contributor; nothing is
//! written by hand.
//!
//! [`summary`] is the one summary sentence of the text report, the HTML report and (served as
//! JSON) the dashboard; it is serialisable for that reason.

use guarantor_allocate::CostWeights;
use guarantor_engine::{Assessment, CoverageRow, assess_without, fmt_amount, fmt_need};
use guarantor_model::Scenario;
use serde::Serialize;

use crate::names::Names;

/// The headline of an assessment: one sentence, and the figures it is made of.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// The sentence, as the reports print it.
    pub text: String,
    pub met: usize,
    pub requirements: usize,
    pub red_lines_violated: usize,
    pub red_lines: usize,
    /// The largest gap, when there is one.
    pub largest_gap: Option<Gap>,
}

/// One requirement short of what it needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    pub mission: String,
    pub capability: String,
    pub unit: String,
    pub required: f64,
    pub pledged: f64,
    /// `pledged / required`.
    pub share: f64,
    /// The gap in words.
    pub text: String,
}

/// A requirement that loses cover without a contributor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fall {
    pub mission: String,
    pub capability: String,
    pub unit: String,
    pub required: f64,
    pub before: f64,
    pub after: f64,
}

/// What changes without one contributor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Without {
    pub code: String,
    /// Requirements that lose cover, the largest loss (as a share of the requirement) first.
    pub falls: Vec<Fall>,
    /// Pledges of others that lapse with it (their conditions wanted it).
    pub more_lapsed: usize,
    /// Each requirement that loses cover, in words (`air power for … falls from 12 to 0 combat
    /// aircraft`), for a list.
    pub items: Vec<String>,
    /// The whole finding in one paragraph.
    pub text: String,
}

/// Everything the key-findings section says.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Findings {
    pub summary: Summary,
    /// The three largest gaps, by what closing them would cost a year.
    pub gaps: Vec<Gap>,
    /// What the backstop named by the scenario's `[guarantee]` carries.
    pub backstop: Option<Without>,
    /// One sentence per red line crossed.
    pub red_lines: Vec<String>,
    /// Up to three other contributors whose absence moves the most, most first.
    pub without: Vec<Without>,
}

/// A share in words a reader says aloud: `a tenth`, `two thirds`.
pub fn fraction_words(share: f64) -> &'static str {
    const WORDS: [(f64, &str); 13] = [
        (1.0 / 20.0, "a twentieth"),
        (1.0 / 10.0, "a tenth"),
        (1.0 / 8.0, "an eighth"),
        (1.0 / 5.0, "a fifth"),
        (1.0 / 4.0, "a quarter"),
        (1.0 / 3.0, "a third"),
        (2.0 / 5.0, "two fifths"),
        (1.0 / 2.0, "half"),
        (3.0 / 5.0, "three fifths"),
        (2.0 / 3.0, "two thirds"),
        (3.0 / 4.0, "three quarters"),
        (4.0 / 5.0, "four fifths"),
        (9.0 / 10.0, "nine tenths"),
    ];
    if share <= 0.0 {
        return "none";
    }
    if share < 0.035 {
        return "almost none";
    }
    WORDS
        .iter()
        .min_by(|a, b| {
            (share / a.0)
                .ln()
                .abs()
                .total_cmp(&(share / b.0).ln().abs())
        })
        .map_or("none", |w| w.1)
}

fn gap_of(row: &CoverageRow, names: &Names) -> Gap {
    let share = if row.required > 0.0 {
        row.pledged.min(row.required) / row.required
    } else {
        1.0
    };
    let layer = names.layer(&row.layer);
    let mission = names.mission(&row.mission);
    let capability = names.capability(&row.capability);
    let need = fmt_need(row.required, &row.unit);
    let text = if row.pledged <= 0.0 {
        format!(
            "{layer}: no {capability} in force, against {need} {} needed ({mission})",
            row.unit
        )
    } else {
        format!(
            "{layer}: {capability} at about {} of the need, {} of {need} {} ({mission})",
            fraction_words(share),
            fmt_amount(row.pledged, &row.unit),
            row.unit
        )
    };
    Gap {
        mission: row.mission.clone(),
        capability: row.capability.clone(),
        unit: row.unit.clone(),
        required: row.required,
        pledged: row.pledged,
        share,
        text,
    }
}

/// The requirements with a gap, largest first. Gaps in personnel, batteries and billions cannot
/// be compared in their own units, so they are ranked by what closing each would cost a year at
/// the cost weights of `data/cost-weights.toml` (the allocation's weights: 11,905 soldiers cost
/// more to field than 244 border monitors); equal costs keep file order.
fn ranked_gaps(a: &Assessment, names: &Names) -> Vec<Gap> {
    let weights = CostWeights::default();
    let cost = |r: &CoverageRow| r.gap * weights.get(&r.capability).eur_m;
    let mut rows: Vec<(usize, &CoverageRow)> = a
        .coverage
        .iter()
        .enumerate()
        .filter(|(_, r)| r.gap > 0.0)
        .collect();
    rows.sort_by(|(i, x), (j, y)| cost(y).total_cmp(&cost(x)).then(i.cmp(j)));
    rows.into_iter().map(|(_, r)| gap_of(r, names)).collect()
}

/// The summary sentence of an assessment: what is met, the largest gap in its unit, red lines
/// crossed, pledges lapsed and contributors over capacity.
pub fn summary(a: &Assessment, names: &Names) -> Summary {
    let m = &a.summary;
    let largest = ranked_gaps(a, names).into_iter().next();
    let mut text = format!("{} of {} requirements are met.", m.met, m.requirements);
    if let Some(g) = &largest {
        text.push_str(&format!(" The largest gap: {}.", g.text));
    }
    text.push_str(&format!(
        " {} of {} red lines crossed; {} pledges in force, {} lapsed{}; {} over sustainable capacity.",
        m.red_lines_violated,
        a.red_lines.len(),
        m.pledges_in_force,
        m.pledges_lapsed,
        if a.excluded.is_empty() {
            String::new()
        } else {
            format!(", {} removed with their contributor", a.excluded.len())
        },
        match m.contributors_over_capacity {
            0 => "no contributor".to_string(),
            1 => "1 contributor".to_string(),
            n => format!("{n} contributors"),
        },
    ));
    Summary {
        text,
        met: m.met,
        requirements: m.requirements,
        red_lines_violated: m.red_lines_violated,
        red_lines: a.red_lines.len(),
        largest_gap: largest,
    }
}

/// What falls from `a` to `b` (the same scenario without `code`), naming at most `shown` of the
/// requirements that lose cover.
fn without(code: &str, a: &Assessment, b: &Assessment, names: &Names, shown: usize) -> Without {
    let mut falls: Vec<Fall> = a
        .coverage
        .iter()
        .filter_map(|row| {
            let after = b
                .coverage
                .iter()
                .find(|o| o.mission == row.mission && o.capability == row.capability)
                .map_or(0.0, |o| o.pledged.min(o.required));
            let before = row.pledged.min(row.required);
            (after < before - 1e-9).then(|| Fall {
                mission: row.mission.clone(),
                capability: row.capability.clone(),
                unit: row.unit.clone(),
                required: row.required,
                before,
                after,
            })
        })
        .collect();
    let loss = |f: &Fall| (f.before - f.after) / f.required.max(f64::MIN_POSITIVE);
    falls.sort_by(|x, y| loss(y).total_cmp(&loss(x)));
    let more_lapsed = b.lapsed.len().saturating_sub(a.lapsed.len());
    let who = names.contributor(code);
    let items: Vec<String> = falls
        .iter()
        .map(|f| {
            format!(
                "{} for {} falls from {} to {} {}",
                names.capability(&f.capability),
                names.mission(&f.mission),
                fmt_amount(f.before, &f.unit),
                fmt_amount(f.after, &f.unit),
                f.unit
            )
        })
        .collect();
    let text = if falls.is_empty() {
        format!("Without {who}, no requirement loses cover")
    } else {
        let shown: Vec<String> = items.iter().take(shown).cloned().collect();
        let more = falls.len().saturating_sub(shown.len());
        format!(
            "Without {who}, {} {} lose cover: {}{}",
            falls.len(),
            if falls.len() == 1 {
                "requirement would"
            } else {
                "requirements would"
            },
            shown.join("; "),
            if more > 0 {
                format!("; and {more} more")
            } else {
                String::new()
            }
        )
    };
    let text = match more_lapsed {
        0 => format!("{text}."),
        1 => format!("{text}. One more pledge lapses, as its condition wanted {who}."),
        n => format!("{text}. {n} more pledges lapse, as their conditions wanted {who}."),
    };
    Without {
        code: code.to_string(),
        falls,
        more_lapsed,
        items,
        text,
    }
}

/// The key findings of `a`, the assessment of `scenario`. Assessments without each contributor
/// are computed here (an assessment costs microseconds).
pub fn findings(scenario: &Scenario, a: &Assessment, names: &Names) -> Findings {
    let removed = |code: &str, shown: usize| -> Option<Without> {
        let mut codes = a.scenario.without.clone();
        codes.push(code.to_string());
        let b = assess_without(scenario, &codes).ok()?;
        Some(without(code, a, &b, names, shown))
    };
    let backstop_code = scenario
        .guarantee
        .backstop
        .as_ref()
        .and_then(|b| b.value.clone())
        .filter(|code| {
            scenario.contributors.iter().any(|c| &c.code == code)
                && !a.scenario.without.contains(code)
        });
    // The backstop's whole load is the finding, so every requirement it carries is named.
    let backstop = backstop_code
        .as_deref()
        .and_then(|code| removed(code, usize::MAX));
    // Every other contributor still in the package, ranked by how much cover falls without it
    // (the sum of the shares of each requirement lost), then by how many pledges lapse.
    let mut others: Vec<(f64, Without)> = scenario
        .contributors
        .iter()
        .map(|c| c.code.as_str())
        .filter(|code| Some(*code) != backstop_code.as_deref())
        .filter(|code| !a.scenario.without.iter().any(|w| w == code))
        .filter_map(|code| removed(code, 3))
        .filter(|w| !w.falls.is_empty() || w.more_lapsed > 0)
        .map(|w| {
            let weight: f64 = w
                .falls
                .iter()
                .map(|f| (f.before - f.after) / f.required.max(f64::MIN_POSITIVE))
                .sum();
            (weight, w)
        })
        .collect();
    others.sort_by(|x, y| {
        y.0.total_cmp(&x.0)
            .then(y.1.more_lapsed.cmp(&x.1.more_lapsed))
    });
    let red_lines = a
        .red_lines
        .iter()
        .filter(|r| r.violated)
        .map(|r| {
            format!(
                "{}'s red line \u{201c}{}\u{201d}: {}.",
                names.contributor(&r.party),
                names.rule(r.text.trim_end_matches('.')),
                names.explanation(&r.explanation)
            )
        })
        .collect();
    Findings {
        summary: summary(a, names),
        gaps: ranked_gaps(a, names).into_iter().take(3).collect(),
        backstop,
        red_lines,
        without: others.into_iter().take(3).map(|(_, w)| w).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AUGUST: &str = include_str!("../../../scenarios/ukraine-2025-08.toml");

    fn august() -> (Scenario, Assessment) {
        let s = guarantor_model::load(AUGUST).scenario.expect("loads");
        let a = guarantor_engine::assess(&s);
        (s, a)
    }

    /// The findings as the report lists them, one per line.
    fn lines(f: &Findings) -> String {
        let mut out = vec![format!("SUMMARY {}", f.summary.text)];
        out.extend(f.gaps.iter().map(|g| format!("GAP {}", g.text)));
        out.extend(f.backstop.iter().map(|b| format!("BACKSTOP {}", b.text)));
        out.extend(f.red_lines.iter().map(|r| format!("RED LINE {r}")));
        out.extend(f.without.iter().map(|w| format!("WITHOUT {}", w.text)));
        out.join("\n")
    }

    #[test]
    fn august_2025_findings() {
        let (s, a) = august();
        insta::assert_snapshot!(lines(&findings(&s, &a, &Names::new(&s))));
    }

    /// Each gap reads its own row: pledged and required in the row's unit, rounded by the one
    /// rule, and the gaps are the costliest to close of all the rows with a gap.
    #[test]
    fn the_gaps_are_the_costliest_rows_in_their_own_units() {
        let (s, a) = august();
        let f = findings(&s, &a, &Names::new(&s));
        assert_eq!(f.gaps.len(), 3);
        let weights = CostWeights::default();
        let cost = |cap: &str, gap: f64| gap * weights.get(cap).eur_m;
        let cheapest_shown = f
            .gaps
            .iter()
            .map(|g| cost(&g.capability, g.required - g.pledged))
            .fold(f64::INFINITY, f64::min);
        for row in a.coverage.iter().filter(|r| r.gap > 0.0) {
            let shown = f
                .gaps
                .iter()
                .any(|g| g.mission == row.mission && g.capability == row.capability);
            if !shown {
                assert!(cost(&row.capability, row.gap) <= cheapest_shown, "{row:?}");
            }
        }
        for g in &f.gaps {
            let row = a
                .coverage
                .iter()
                .find(|r| r.mission == g.mission && r.capability == g.capability)
                .expect("a row");
            assert!(
                g.text.contains(&fmt_need(row.required, &row.unit)),
                "{}",
                g.text
            );
            assert!(g.text.contains(&row.unit), "{}", g.text);
            assert!(g.text.contains(&Names::new(&s).capability(&row.capability)));
        }
    }

    /// Without the backstop, exactly the rows the assessment without it loses are listed.
    #[test]
    fn the_backstop_carries_what_falls_without_it() {
        let (s, a) = august();
        let f = findings(&s, &a, &Names::new(&s));
        let b = f.backstop.expect("the August scenario names a backstop");
        assert_eq!(b.code, "USA");
        let w = assess_without(&s, &["USA".to_string()]).expect("USA present");
        let lost = a
            .coverage
            .iter()
            .filter(|r| {
                let o = w
                    .coverage
                    .iter()
                    .find(|o| o.mission == r.mission && o.capability == r.capability)
                    .expect("same rows");
                o.pledged.min(o.required) < r.pledged.min(r.required)
            })
            .count();
        assert!(lost > 0);
        assert_eq!(b.falls.len(), lost);
        assert_eq!(b.more_lapsed, w.lapsed.len() - a.lapsed.len());
        assert!(f.without.iter().all(|o| o.code != "USA"));
    }

    /// One summary sentence: the text report and the HTML page print the same one.
    #[test]
    fn the_text_report_prints_the_one_summary_sentence() {
        let (s, a) = august();
        let names = Names::new(&s);
        let sentence = summary(&a, &names).text;
        assert!(crate::text::assessment(&a, &names).contains(&sentence));
        let json = serde_json::to_value(summary(&a, &names)).expect("serialisable");
        assert_eq!(json["text"], sentence.as_str());
    }

    #[test]
    fn shares_read_as_the_nearest_simple_fraction() {
        assert_eq!(fraction_words(1_350.0 / 13_255.0), "a tenth");
        assert_eq!(fraction_words(0.0), "none");
        assert_eq!(fraction_words(0.01), "almost none");
        assert_eq!(fraction_words(0.5), "half");
        assert_eq!(fraction_words(0.68), "two thirds");
        assert_eq!(fraction_words(0.26), "a quarter");
    }
}
