//! `guarantor assess`: what a guarantee package covers and lacks.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::export::{self, AssessTable, Format};
use crate::input;

/// Assess a scenario: requirements, coverage and gaps per layer, each contributor against its
/// capacity, red lines, and the pledges whose conditions failed.
///
/// Exit code 0 when the assessment ran (gaps and violated red lines are results), 2 on bad input.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Scenario file (TOML). Without one, the bundled August 2025 scenario is assessed.
    pub file: Option<PathBuf>,
    /// Output format: `text` (tables to read), `json` (schema: `guarantor schema assessment`,
    /// docs/json-output.md) or `csv` (one table for a spreadsheet, chosen with `--table`).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Print the assessment as JSON: short for `--format json`.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// With `--format csv`, which table (default: `coverage`).
    #[arg(long, value_enum, value_name = "TABLE")]
    pub table: Option<AssessTable>,
    /// Remove a contributor and its pledges (ISO 3166 alpha-3 code); repeatable.
    /// Pledges conditional on it lapse.
    #[arg(long = "without", value_name = "CODE")]
    pub without: Vec<String>,
    /// Change one value before assessing, e.g. `pledges.gbr-troops.quantity=5000` or
    /// `scenario.quantity_basis=mid`; repeatable.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
    /// Evidence ledger (SQLite, from `guarantor ingest`): flag pledges and red lines that cite
    /// no evidence, or whose actor's latest statement contradicts them.
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// In the text tables, name missions, capabilities, contributors and pledges by their
    /// identifiers in the scenario (`ground_troops`, `gbr-troops`) rather than by their labels.
    #[arg(long)]
    pub ids: bool,
}

/// The evidence checks of a scenario against a ledger, with what the text says about the ledger
/// as a whole.
struct EvidenceChecks {
    checks: Vec<guarantor_evidence::link::EntryCheck>,
    /// The assessment date the statements are weighed at.
    as_of: String,
    /// Statements dated after it, which no check weighed.
    later: usize,
}

fn evidence_checks(
    scenario: &guarantor_model::Scenario,
    db: &std::path::Path,
) -> anyhow::Result<EvidenceChecks> {
    if !db.is_file() {
        return Err(input::fail(format!(
            "error: no evidence database at `{}`\nhelp: create one with `guarantor ingest ARTICLES... --db {}`",
            db.display(),
            db.display()
        )));
    }
    let store = guarantor_store::Store::open_read_only(db)
        .map_err(|e| input::fail(format!("error: cannot open `{}`: {e}", db.display())))?;
    let ledger = store
        .ledger()
        .map_err(|e| input::fail(format!("error: cannot read `{}`: {e}", db.display())))?;
    let as_of = scenario.meta.assess_at.to_string();
    let later = ledger.dated_after(&as_of);
    let checks = guarantor_evidence::link::check_entries(
        &guarantor_evidence::link::scenario_entries(scenario),
        &ledger,
        Some(&as_of),
    );
    Ok(EvidenceChecks {
        checks,
        as_of,
        later,
    })
}

/// A ledger statement in one line: `id (actor stance on capability, outlet date): "quote"`.
fn describe(statement: &guarantor_evidence::Statement) -> String {
    format!(
        "{} ({} {} on {}, {} {}): \"{}\"",
        statement.id,
        statement.actor,
        statement.stance.as_str(),
        statement.capability,
        statement.outlet.as_deref().unwrap_or("unknown outlet"),
        statement.date.as_deref().unwrap_or("undated"),
        statement.quote
    )
}

fn evidence_text(evidence: &EvidenceChecks) -> String {
    use guarantor_evidence::link::{EntryFlag, MAX_CANDIDATES};
    let checks = &evidence.checks;
    // A red line over several capabilities is checked once per capability: one line per entry
    // for its missing evidence (with the statements to check from every capability), and each
    // contradiction once.
    let mut missing: Vec<(&str, &[String], Vec<&str>)> = Vec::new();
    let mut contradictions: Vec<String> = Vec::new();
    let mut superseded: Vec<String> = Vec::new();
    let mut ahead: Vec<String> = Vec::new();
    for c in checks {
        for f in &c.flags {
            match f {
                EntryFlag::NoEvidence {
                    unknown,
                    candidates,
                } => {
                    let at = match missing.iter().position(|(e, _, _)| *e == c.entry) {
                        Some(at) => at,
                        None => {
                            missing.push((c.entry.as_str(), unknown.as_slice(), Vec::new()));
                            missing.len() - 1
                        }
                    };
                    let listed = &mut missing[at].2;
                    for id in candidates {
                        if listed.len() < MAX_CANDIDATES && !listed.contains(&id.as_str()) {
                            listed.push(id);
                        }
                    }
                }
                EntryFlag::Contradicted { statement } => {
                    let line = format!("  {}: contradicted by {}\n", c.entry, describe(statement));
                    if !contradictions.contains(&line) {
                        contradictions.push(line);
                    }
                }
                EntryFlag::AheadOfEvidence { status, strongest } => {
                    ahead.push(format!(
                        "  {}: status `{status}`, but no statement it cites commits (at most `{}`): cite the agreed or signed text, or lower the status\n",
                        c.entry,
                        strongest.as_str()
                    ));
                }
                EntryFlag::Superseded { statement, by } => {
                    let line = format!(
                        "  {}: backed by the later {by}; an older statement disagreed, {}\n",
                        c.entry,
                        describe(statement)
                    );
                    if !superseded.contains(&line) {
                        superseded.push(line);
                    }
                }
            }
        }
    }
    let mut out = String::from("\nEVIDENCE (scenario entries against the ledger)\n");
    let mut entries: Vec<&str> = checks.iter().map(|c| c.entry.as_str()).collect();
    entries.dedup();
    out.push_str(&format!(
        "  {} of {} pledges and red lines cite statements the ledger holds\n",
        entries.len() - missing.len(),
        entries.len()
    ));
    if missing.is_empty() && contradictions.is_empty() {
        out.push_str("  every entry cites evidence, and none is contradicted\n");
    }
    if evidence.later > 0 {
        out.push_str(&format!(
            "  {} statements of the ledger are dated after the assessment date ({}) and were not weighed; `--as-of DATE` assesses at another date\n",
            evidence.later, evidence.as_of
        ));
    }
    // A ledger of one's own holds none of the ids the scenario cites (the bundled ledger's):
    // one line says so, and only the entries it has statements for are listed.
    let own_ledger = entries.len() == missing.len() && missing.iter().any(|m| !m.1.is_empty());
    if own_ledger {
        out.push_str("  the ledger holds none of the statements the scenario cites (those are the bundled ledger's: `guarantor ingest ledger`)\n");
        missing.retain(|m| !m.2.is_empty());
        if !missing.is_empty() {
            out.push_str("  entries it holds statements for, to check:\n");
        }
    }
    for (entry, unknown, candidates) in missing {
        if own_ledger {
            out.push_str(&format!("  {entry}: {}\n", candidates.join(", ")));
            continue;
        }
        if unknown.is_empty() {
            out.push_str(&format!("  {entry}: cites no evidence"));
        } else {
            out.push_str(&format!(
                "  {entry}: cites evidence the ledger does not hold ({})",
                unknown.join(", ")
            ));
        }
        if !candidates.is_empty() {
            out.push_str(&format!(
                "; the ledger holds statements to check: {}",
                candidates.join(", ")
            ));
        }
        out.push('\n');
    }
    out.extend(contradictions);
    out.extend(superseded);
    out.extend(ahead);
    out
}

/// The document of `assess --json`: the engine's assessment (its keys keep their names and
/// order), then the credibility section, then, only with `--db`, the evidence checks.
/// `guarantor schema assessment` prints this type's schema, so consumers see every key.
#[derive(serde::Serialize, schemars::JsonSchema)]
pub struct AssessmentDocument<'a> {
    #[serde(flatten)]
    pub assessment: &'a guarantor_engine::Assessment,
    pub credibility: &'a guarantor_credibility::Credibility,
    /// Only with `--db`: per scenario entry, its evidence flags.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<&'a Vec<guarantor_evidence::link::EntryCheck>>,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let format = Format::chosen(args.format, args.json);
    if format == Format::Csv && args.db.is_some() {
        return Err(input::fail(
            "error: `--db` adds an evidence section to the text and JSON output; no CSV table holds it\nhelp: drop `--db`, or use `--format json`",
        ));
    }
    if args.table.is_some() && format != Format::Csv {
        return Err(input::fail(
            "error: `--table` chooses the table of `--format csv`\nhelp: add `--format csv`",
        ));
    }
    let scenario = input::scenario(args.file.as_ref(), &args.set)?;
    let assessment = guarantor_engine::assess_without(&scenario, &args.without)
        .map_err(|e| input::fail(format!("error: {e}")))?;
    let credibility = guarantor_credibility::evaluate_without(
        &scenario,
        &args.without,
        &guarantor_credibility::Weights::default(),
    )
    .map_err(|e| input::fail(format!("error: {e}")))?;
    let evidence = match &args.db {
        Some(db) => Some(evidence_checks(&scenario, db)?),
        None => None,
    };
    let mut stdout = std::io::stdout().lock();
    if format == Format::Csv {
        let table = args.table.unwrap_or(AssessTable::Coverage);
        write!(
            stdout,
            "{}",
            export::assessment(&scenario, &assessment, table).to_csv()?
        )?;
    } else if format == Format::Json {
        let document = AssessmentDocument {
            assessment: &assessment,
            credibility: &credibility,
            evidence: evidence.as_ref().map(|e| &e.checks),
        };
        serde_json::to_writer_pretty(&mut stdout, &document)?;
        writeln!(stdout)?;
    } else {
        write!(
            stdout,
            "{}",
            guarantor_report::text::assessment(
                &assessment,
                &if args.ids {
                    guarantor_report::names::Names::ids(&scenario)
                } else {
                    guarantor_report::names::Names::new(&scenario)
                }
            )
        )?;
        write!(
            stdout,
            "\n{}",
            guarantor_credibility::text::section(&credibility)
        )?;
        if let Some(evidence) = &evidence {
            write!(stdout, "{}", evidence_text(evidence))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
