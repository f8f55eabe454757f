//! The stance timeline of the HTML report: what each actor said over time, from the evidence
//! ledger (`guarantor ingest`), as a chart with one row per actor and a marker per statement,
//! and a table of the quotes with links to their sources.
//!
//! Rendering only: the caller reads the ledger and the articles' addresses from the store
//! (`guarantor report --db FILE`) and passes them in. Every marker links to its row in the quote
//! table (an in-page anchor); only the table links out, and only to `http://` and `https://`
//! addresses.

use guarantor_evidence::{Ledger, Stance, Statement};
use maud::{Markup, html};

use crate::html::{Piece, Report, pieces};
use crate::svg::{StanceMark, TimelineChart, TimelineMark, TimelineRow, timeline_chart};

/// A stored article's metadata, as far as the page needs it to cite the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleLink {
    pub id: String,
    /// The address as given at ingestion (any text: only http(s) becomes a link).
    pub url: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
}

/// The ledger and its articles.
#[derive(Debug, Clone, Copy)]
pub struct TimelineSection<'a> {
    pub ledger: &'a Ledger,
    pub articles: &'a [ArticleLink],
}

/// How a stance is drawn: for, conditional or tentative, against (as `docs/evidence.md` groups
/// them, with `considers` and `demands` set apart because they bind nobody yet).
pub fn mark(stance: Stance) -> StanceMark {
    match stance {
        Stance::Offers | Stance::Commits | Stance::Supports => StanceMark::For,
        Stance::Considers | Stance::Demands => StanceMark::Conditional,
        Stance::RulesOut | Stance::Rejects | Stance::Opposes | Stance::Doubts => {
            StanceMark::Against
        }
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (`None` for anything else), through the model's
/// civil-date type, the one calendar of the project.
pub fn day_number(d: &str) -> Option<i64> {
    guarantor_model::Date::parse(d.get(0..10)?)
        .ok()
        .map(|x| x.days())
}

/// The date of a day number: year, month, day. Only called with day numbers of parsed dates
/// and of month starts between them, so the date exists.
fn civil(z: i64) -> (i64, i64, i64) {
    let d = guarantor_model::Date::from_days(z).expect("a day number from a parsed date");
    (
        i64::from(d.year()),
        i64::from(d.month()),
        i64::from(d.day()),
    )
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Gridlines between `start` and `end`: weekly under two months, else monthly (every few
/// months over long spans, at most about twelve).
pub fn ticks(start: i64, end: i64) -> Vec<(i64, String)> {
    let mut out = Vec::new();
    if end - start <= 62 {
        let mut d = start;
        while d <= end {
            let (y, m, day) = civil(d);
            out.push((d, format!("{} {} {y}", day, MONTHS[(m - 1) as usize])));
            d += 7;
        }
        return out;
    }
    let (y0, m0, _) = civil(start);
    let (y1, m1, _) = civil(end);
    let months = (y1 - y0) * 12 + (m1 - m0) + 1;
    let step = (months + 11) / 12;
    let (mut y, mut m) = (y0, m0);
    let mut k = 0;
    while let Some(d) = day_number(&format!("{y:04}-{m:02}-01")) {
        if d > end {
            break;
        }
        if d >= start && k % step == 0 {
            out.push((d, format!("{} {y}", MONTHS[(m - 1) as usize])));
        }
        k += 1;
        m += 1;
        if m > 12 {
            m = 1;
            y += 1;
        }
    }
    out
}

/// The anchor of a statement's row in the quote table: its place in date order, from 1.
fn anchor(index: usize) -> String {
    format!("stmt-{}", index + 1)
}

fn stance_text(s: &Statement) -> String {
    let stance = s.stance.as_str().replace('_', " ");
    match s.modality {
        guarantor_evidence::Modality::Hedged => format!("{stance} (hedged)"),
        guarantor_evidence::Modality::Asserted => stance,
    }
}

/// The chart: one row per actor (by name), dated statements in date order.
pub fn chart(ledger: &Ledger) -> Option<TimelineChart> {
    let chrono = ledger.chronological();
    let dated: Vec<(usize, i64, &Statement)> = chrono
        .iter()
        .enumerate()
        .filter_map(|(i, s)| Some((i, day_number(s.date.as_deref()?)?, *s)))
        .collect();
    let first = dated.iter().map(|(_, d, _)| *d).min()?;
    let last = dated.iter().map(|(_, d, _)| *d).max()?;
    // A little room on both sides, so no marker sits on the edge.
    let (start, end) = (first - 2, last + 2);
    let mut actors: Vec<&str> = dated.iter().map(|(_, _, s)| s.actor.as_str()).collect();
    actors.sort_unstable();
    actors.dedup();
    let rows = actors
        .into_iter()
        .map(|actor| TimelineRow {
            label: actor.to_string(),
            marks: dated
                .iter()
                .filter(|(_, _, s)| s.actor == actor)
                .map(|(i, day, s)| TimelineMark {
                    day: *day,
                    stance: mark(s.stance),
                    hedged: s.modality == guarantor_evidence::Modality::Hedged,
                    href: format!("#{}", anchor(*i)),
                    title: format!(
                        "{} {} {} {}: “{}”",
                        s.date.as_deref().unwrap_or(""),
                        s.actor,
                        stance_text(s),
                        s.capability,
                        s.quote
                    ),
                })
                .collect(),
        })
        .collect();
    Some(TimelineChart {
        title: "Statements per actor over time".into(),
        start,
        end,
        ticks: ticks(start, end),
        rows,
    })
}

/// The article's title (or id) linked to its address when that is a plain http(s) address.
fn source(article: Option<&ArticleLink>, id: &str) -> Markup {
    let text = article
        .and_then(|a| a.title.as_deref())
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(id);
    let url = article.and_then(|a| a.url.as_deref()).map(str::trim);
    let link = url.filter(|u| matches!(pieces(u).as_slice(), [Piece::Link(l)] if l == u));
    html! {
        @if let Some(outlet) = article.and_then(|a| a.outlet.as_deref()) { (outlet) ": " }
        @match (link, url) {
            (Some(u), _) => a href=(u) rel="noreferrer noopener" { (text) },
            (None, Some(u)) if !u.is_empty() => { (text) " (" (u) ")" },
            _ => (text),
        }
    }
}

/// The timeline section (`id="timeline"`), or how to get it.
pub fn section(r: &Report) -> Markup {
    let Some(t) = r.timeline else {
        return html! {
            h2 id="timeline" { "Stance timeline" }
            p { "No evidence ledger was given. Build one from news articles with "
                code { "guarantor ingest ARTICLES… --db ledger.db" } " (docs/evidence.md), then add "
                code { "--db ledger.db" } " to " code { "guarantor report" } " to chart what each actor said over time, with the quotes and their sources." }
        };
    };
    let chrono = t.ledger.chronological();
    if chrono.is_empty() {
        return html! {
            h2 id="timeline" { "Stance timeline" }
            p { "The evidence ledger holds no statements." }
        };
    }
    let names = crate::names::Names::new(r.scenario);
    // Undated statements and those dated by their month only (`2025-08`) have no day to be
    // placed at on the chart.
    let off_chart = chrono
        .iter()
        .filter(|s| s.date.as_deref().and_then(day_number).is_none())
        .count();
    let actors = {
        let mut a: Vec<&str> = chrono.iter().map(|s| s.actor.as_str()).collect();
        a.sort_unstable();
        a.dedup();
        a.len()
    };
    html! {
        h2 id="timeline" { "Stance timeline" }
        p { (chrono.len()) " statements by " (actors) " actors in the evidence ledger"
            @if off_chart > 0 { " (" (off_chart) " undated or dated by month only: in the table only)" }
            ". Each marker links to its quote below; hover for the words." }
        @if let Some(c) = chart(t.ledger) { (crate::html::chart_figure("stance-timeline", timeline_chart(&c))) }
        h3 { "Quotes" }
        table.quotes {
            thead { tr { th { "#" } th { "date" } th { "actor" } th { "capability" } th { "stance" } th { "speaker" } th { "quote" } th { "source" } } }
            tbody {
                @for (i, s) in chrono.iter().enumerate() {
                    tr id=(anchor(i)) {
                        td.n { (i + 1) }
                        td.date { (s.date.as_deref().unwrap_or("undated")) }
                        td { (s.actor) }
                        td { (names.capability(&s.capability)) }
                        td { (stance_text(s)) }
                        td { (s.attributed_to.as_deref().unwrap_or("(reported)")) }
                        td title={ "cite as " (s.id) } { "“" (s.quote) "”"
                            @if let Some(q) = &s.quantity { br; span.cited { "quantity: " (q.text) } } }
                        td.src {
                            (source(t.articles.iter().find(|a| a.id == s.article), &s.article))
                            @if let Some(d) = t.ledger.duplicate_of(&s.article) {
                                br; span.cited { (d.kind.as_str().replace('_', " ")) " of " (d.duplicate_of) }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        for d in [
            "1970-01-01",
            "2000-02-29",
            "2025-08-19",
            "2026-01-06",
            "2024-12-31",
        ] {
            let n = day_number(d).expect("valid date");
            let (y, m, day) = civil(n);
            assert_eq!(format!("{y:04}-{m:02}-{day:02}"), d);
        }
        assert_eq!(day_number("1970-01-02"), Some(1));
        assert_eq!(day_number("2025-13-01"), None);
        assert_eq!(day_number("soon"), None);
    }

    #[test]
    fn ticks_are_weekly_over_weeks_and_monthly_over_months() {
        let a = day_number("2025-08-01").unwrap();
        let weekly = ticks(a, a + 20);
        assert_eq!(weekly.len(), 3);
        assert_eq!(weekly[0].1, "1 Aug 2025");
        let monthly = ticks(a, day_number("2026-01-15").unwrap());
        let labels: Vec<&str> = monthly.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Aug 2025", "Sep 2025", "Oct 2025", "Nov 2025", "Dec 2025", "Jan 2026"
            ]
        );
        let years = ticks(a, day_number("2029-08-01").unwrap());
        assert!(years.len() <= 13, "{years:?}");
    }
}
