//! `guarantor evidence`: prints the ledger — each actor's latest stance per capability with its
//! history, disagreements between sources, quantities and duplicate links — as text or JSON.
//!
//! Only reading and formatting: the filter runs in SQL (`guarantor_store::Store::ledger_of`, on
//! indexed columns) and the summaries are computed by `guarantor_evidence::Ledger`, so a ledger of
//! tens of thousands of articles answers in well under a second.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use guarantor_evidence::{Ledger, Statement};
use guarantor_store::{StatementFilter, Store};
use serde::Serialize;

use crate::input::fail;

/// Show the evidence ledger: who said what about which capability, when, where and on whose
/// authority; each actor's latest stance with its history, disagreements between sources,
/// quantities mentioned, and which articles copy or rewrite which.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ledger database written by `guarantor ingest`.
    #[arg(long, value_name = "FILE", default_value = "guarantor.db")]
    pub db: PathBuf,
    /// Only statements by this actor or speaker: an ISO 3166 alpha-3 code (USA), a state, body
    /// or person by any name the gazetteer knows, in any of its languages (Britain, Україна,
    /// NATO, Zelensky), an unnamed group by its count ("26 countries" finds "26 країн
    /// (unnamed)" too) or its name ("Ukraine's allies", "some countries"), or a name as the
    /// ledger writes it.
    #[arg(long, value_name = "NAME")]
    pub actor: Option<String>,
    /// Only statements on this capability of the taxonomy (ground_troops, air_power, ...; case,
    /// hyphens and spaces do not matter). `--target` is the same (ANNOTATION.md's word).
    #[arg(long, value_name = "NAME", visible_alias = "target")]
    pub capability: Option<String>,
    /// Leave out the statements the classifier found with a probability below P (0 to 1); the
    /// rules' statements stay. On the held-out test split the classifier's claims from 0.5 are
    /// right about as often as the rules' (1 in 2, more from 0.8), those below 0.35 about 1 in 3
    /// (docs/evidence.md, "How sure a statement is").
    #[arg(long, value_name = "P", value_parser = parse_probability)]
    pub min_probability: Option<f64>,
    /// Print JSON (`statements`, `duplicates`, `positions`, `disagreements`, `quantities`).
    #[arg(long)]
    pub json: bool,
}

/// A probability between 0 and 1, for `--min-probability`.
fn parse_probability(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
        Ok(_) => Err(format!("`{s}` is not between 0 and 1")),
        Err(_) => Err(format!("`{s}` is not a number between 0 and 1")),
    }
}

#[derive(Serialize)]
struct PositionJson<'a> {
    actor: &'a str,
    capability: &'a str,
    stance: &'a str,
    modality: &'a str,
    date: Option<&'a str>,
    latest: &'a str,
    history: Vec<&'a str>,
}

#[derive(Serialize)]
struct DisagreementJson<'a> {
    actor: &'a str,
    capability: &'a str,
    statements: [&'a str; 2],
}

#[derive(Serialize)]
struct Output<'a> {
    statements: Vec<&'a Statement>,
    duplicates: &'a [guarantor_evidence::DuplicateLink],
    positions: Vec<PositionJson<'a>>,
    disagreements: Vec<DisagreementJson<'a>>,
    quantities: Vec<&'a str>,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    // "Ground_Troops", "ground-troops" and "ground troops" are all `ground_troops`.
    let capability = args
        .capability
        .as_deref()
        .map(|c| guarantor_evidence::ledger_capability(c).unwrap_or_else(|| c.to_string()));
    if let Some(c) = &capability {
        let names = guarantor_evidence::ledger_capabilities();
        if !names.contains(c) {
            let hint = names
                .iter()
                .map(|n| (strsim::jaro_winkler(n, c), n))
                .filter(|(s, _)| *s > 0.8)
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, n)| format!("\nhint: did you mean `{n}`?"))
                .unwrap_or_default();
            return Err(fail(format!(
                "error: unknown capability `{c}`{hint}\nhint: capabilities are {}",
                names.join(", ")
            )));
        }
    }
    if !args.db.exists() {
        return Err(fail(format!(
            "error: no ledger database at `{}`\nhint: run `guarantor ingest PATH... --db {}` first",
            args.db.display(),
            args.db.display()
        )));
    }
    let store = Store::open_read_only(&args.db).map_err(|e| {
        fail(format!(
            "error: cannot open database `{}`: {e}",
            args.db.display()
        ))
    })?;
    // "Britain" and "uk" are the ledger's GBR, "Зеленський" its speaker Volodymyr Zelenskyy.
    let gazetteer = args
        .actor
        .as_ref()
        .map(|_| guarantor_evidence::Gazetteer::default());
    let actor = args
        .actor
        .as_deref()
        .zip(gazetteer.as_ref())
        .map(|(a, g)| g.actor_query(a));
    let ledger = store.ledger_of(StatementFilter {
        actor: actor.as_deref(),
        capability: capability.as_deref(),
        min_probability: args.min_probability,
    })?;
    let mut out = std::io::stdout().lock();
    if args.json {
        write_json(&mut out, &ledger)?;
    } else {
        let filtered =
            args.actor.is_some() || args.capability.is_some() || args.min_probability.is_some();
        write_text(&mut out, &ledger, filtered)?;
    }
    if let (Some(a), Some(g)) = (actor.as_deref(), &gazetteer)
        && ledger.statements.is_empty()
    {
        // A state, body or person the gazetteer knows is no typo: the ledger is silent on them.
        unknown_actor_hint(&store, a, g.knows_actor(a))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A hint on stderr when `--actor` matched no statement. For an actor the gazetteer `known`s,
/// that the ledger holds nothing by it (its statements may be about other capabilities);
/// otherwise the closest actor of the ledger, if one is close (a speaker's name spelled
/// otherwise, an unnamed group's wording).
fn unknown_actor_hint(store: &Store, actor: &str, known: bool) -> anyhow::Result<()> {
    let (actors, _) = store.actors_and_capabilities()?;
    if actors.iter().any(|a| a == actor) {
        return Ok(());
    }
    let hint = match guarantor_model::did_you_mean(actor, actors.iter().map(String::as_str)) {
        Some(a) if !known => format!("did you mean `{a}`?"),
        _ => "`guarantor evidence` without `--actor` lists every actor".to_string(),
    };
    eprintln!("hint: no statement's actor or speaker is `{actor}`; {hint}");
    Ok(())
}

fn write_json(out: &mut impl Write, ledger: &Ledger) -> anyhow::Result<()> {
    let positions = ledger.positions();
    let disagreements = ledger.disagreements();
    let doc = Output {
        statements: ledger.chronological(),
        duplicates: &ledger.duplicates,
        positions: positions
            .iter()
            .map(|p| PositionJson {
                actor: &p.actor,
                capability: &p.capability,
                stance: p.latest.stance.as_str(),
                modality: p.latest.modality.as_str(),
                date: p.latest.date.as_deref(),
                latest: &p.latest.id,
                history: p.history.iter().map(|s| s.id.as_str()).collect(),
            })
            .collect(),
        disagreements: disagreements
            .iter()
            .map(|d| DisagreementJson {
                actor: &d.actor,
                capability: &d.capability,
                statements: [&d.a.id, &d.b.id],
            })
            .collect(),
        quantities: ledger
            .quantities()
            .into_iter()
            .map(|s| s.id.as_str())
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)?;
    Ok(())
}

fn source_of(s: &Statement) -> String {
    let who = s.attributed_to.as_deref().unwrap_or("(reported)");
    let outlet = s.outlet.as_deref().unwrap_or("unknown outlet");
    format!("{who}, {outlet}")
}

/// The ledger as text. When the statements are `filtered`, only the copies and rewrites of
/// their articles are listed (a reader asking for one actor's statements does not want every
/// link of the ledger).
fn write_text(out: &mut impl Write, ledger: &Ledger, filtered: bool) -> anyhow::Result<()> {
    let positions = ledger.positions();
    let copies = ledger.duplicate_index();
    if positions.is_empty() {
        writeln!(out, "no statements match")?;
    }
    for p in &positions {
        writeln!(
            out,
            "{} on {}: {} ({}), {}",
            p.actor,
            p.capability,
            p.latest.stance.as_str(),
            p.latest.modality.as_str(),
            p.latest.date.as_deref().unwrap_or("undated")
        )?;
        for s in &p.history {
            let copy = copies
                .get(s.article.as_str())
                .map(|d| {
                    format!(
                        " [{} of {}]",
                        d.kind.as_str().replace('_', " "),
                        d.duplicate_of
                    )
                })
                .unwrap_or_default();
            writeln!(
                out,
                "  {:<10}  {:<9} {:<8}  {}{}",
                s.date.as_deref().unwrap_or("undated"),
                s.stance.as_str(),
                s.modality.as_str(),
                source_of(s),
                copy
            )?;
            writeln!(out, "      “{}”", s.quote)?;
            if let Some(q) = &s.quantity {
                writeln!(out, "      quantity: {}", q.text)?;
            }
            match s.probability {
                None => writeln!(out, "      id: {}", s.id)?,
                Some(p) => writeln!(
                    out,
                    "      id: {}  (found by the classifier, p {p:.2})",
                    s.id
                )?,
            }
        }
        writeln!(out)?;
    }
    let disagreements = ledger.disagreements();
    if !disagreements.is_empty() {
        writeln!(out, "Disagreements between sources")?;
        for d in &disagreements {
            writeln!(
                out,
                "  {} on {}: {} ({}, {}) vs {} ({}, {})",
                d.actor,
                d.capability,
                d.a.stance.as_str(),
                source_of(&d.a),
                d.a.date.as_deref().unwrap_or("undated"),
                d.b.stance.as_str(),
                source_of(&d.b),
                d.b.date.as_deref().unwrap_or("undated"),
            )?;
        }
        writeln!(out)?;
    }
    let quantities = ledger.quantities();
    if !quantities.is_empty() {
        writeln!(out, "Quantities mentioned")?;
        // One line per amount: the stances of one sentence on one target (an offer and a
        // commitment read from "30.000 soldados") would repeat it.
        let mut shown = std::collections::HashSet::new();
        for s in quantities {
            if let Some(q) = &s.quantity {
                let line = format!(
                    "  {:<10}  {} {}: {}  ({})",
                    s.date.as_deref().unwrap_or("undated"),
                    s.actor,
                    s.capability,
                    q.text,
                    source_of(s)
                );
                if shown.insert(line.clone()) {
                    writeln!(out, "{line}")?;
                }
            }
        }
        writeln!(out)?;
    }
    let articles: std::collections::HashSet<&str> = ledger
        .statements
        .iter()
        .map(|s| s.article.as_str())
        .collect();
    let links: Vec<_> = ledger
        .duplicates
        .iter()
        .filter(|d| {
            !filtered
                || articles.contains(d.article.as_str())
                || articles.contains(d.duplicate_of.as_str())
        })
        .collect();
    if !links.is_empty() {
        writeln!(out, "Copies and rewrites")?;
        for d in links {
            writeln!(
                out,
                "  {} is a {} of {} (similarity {:.2}{})",
                d.article,
                d.kind.as_str().replace('_', " "),
                d.duplicate_of,
                d.similarity,
                d.reason
                    .map(|r| format!(": {}", r.describe()))
                    .unwrap_or_default()
            )?;
        }
    }
    Ok(())
}
