//! `guarantor capacities`: contributors' capacities per capability, side by side across
//! scenarios, the way readers of the IISS Military Balance compare countries.
//!
//! Flags, layout and the terminal only: pledged amounts and capacities are the engine's
//! `Assessment::contributors` of each scenario, not recomputed here.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use guarantor_engine::{ContributorLoad, fmt_num};
use guarantor_model::CapabilityKind;
use serde::Serialize;

use crate::export::{self, Cell, Format, Sheet};
use crate::input;

/// Contributors' capacities per capability across scenarios: one row per contributor, one
/// column per capability, one block (text) or column group (CSV) per scenario.
///
/// Each cell is what the contributor pledges in force against what it can sustain (rotation
/// included), in the capability's unit: `5,000 / 5,680`; `?` when the scenario gives no
/// capacity, `!` when the pledge exceeds it. Political instruments (guarantors) have no capacity
/// and are left out. Exit code 0 when the table was printed, 2 on bad input.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Scenario files (TOML), in the order their blocks appear. Without any, the bundled
    /// August 2025 scenario.
    pub files: Vec<PathBuf>,
    /// Output format: `text` (one table per scenario), `json` or `csv` (one table, a column
    /// group per scenario: pledged and sustainable capacity per capability).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Print the table as JSON: short for `--format json`.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
}

/// A capability shown as a column.
#[derive(Debug, Serialize)]
pub struct Column {
    pub capability: String,
    pub unit: String,
}

/// One contributor of one scenario.
#[derive(Debug, Serialize)]
pub struct Row<'a> {
    pub code: String,
    pub name: String,
    /// Its force capabilities with a pledge or a capacity, in column order.
    pub capabilities: Vec<&'a ContributorLoad>,
}

/// One scenario's block.
#[derive(Debug, Serialize)]
pub struct Block<'a> {
    pub id: String,
    pub name: String,
    pub as_of: String,
    pub contributors: Vec<Row<'a>>,
}

/// The document of `capacities --json`.
#[derive(Debug, Serialize)]
pub struct Table<'a> {
    /// The columns: every force capability that some contributor of some scenario pledges or
    /// has a capacity in, in taxonomy order.
    pub capabilities: Vec<Column>,
    pub scenarios: Vec<Block<'a>>,
}

struct Loaded {
    scenario: guarantor_model::Scenario,
    assessment: guarantor_engine::Assessment,
}

fn is_force(load: &ContributorLoad) -> bool {
    load.kind == CapabilityKind::Force
}

fn table(loaded: &[Loaded]) -> Table<'_> {
    let mut capabilities: Vec<Column> = Vec::new();
    for l in loaded {
        for cap in l.scenario.taxonomy.capabilities() {
            let used = l
                .assessment
                .contributors
                .iter()
                .any(|c| is_force(c) && c.capability == cap.name);
            if used && !capabilities.iter().any(|c| c.capability == cap.name) {
                capabilities.push(Column {
                    capability: cap.name.clone(),
                    unit: cap.unit.clone(),
                });
            }
        }
    }
    // Taxonomy order (shared by every scenario; a capability a scenario defines itself comes
    // after the shared ones), whichever scenario uses a capability first.
    capabilities.sort_by_key(|c| {
        loaded
            .iter()
            .map(|l| l.scenario.taxonomy.index(&c.capability))
            .min()
    });
    let scenarios = loaded
        .iter()
        .map(|l| Block {
            id: l.scenario.meta.id.clone(),
            name: l.scenario.meta.name.clone(),
            as_of: l.scenario.meta.as_of.clone(),
            contributors: l
                .scenario
                .contributors
                .iter()
                .filter_map(|c| {
                    let mut loads: Vec<&ContributorLoad> = l
                        .assessment
                        .contributors
                        .iter()
                        .filter(|x| x.code == c.code && is_force(x))
                        .collect();
                    loads.sort_by_key(|x| {
                        capabilities
                            .iter()
                            .position(|col| col.capability == x.capability)
                    });
                    (!loads.is_empty()).then(|| Row {
                        code: c.code.clone(),
                        name: c.name.clone(),
                        capabilities: loads,
                    })
                })
                .collect(),
        })
        .collect();
    Table {
        capabilities,
        scenarios,
    }
}

fn find<'a>(row: &Row<'a>, capability: &str) -> Option<&'a ContributorLoad> {
    row.capabilities
        .iter()
        .copied()
        .find(|c| c.capability == capability)
}

/// `pledged / capacity` with thousands separators, `?` for an unknown capacity and `!` when the
/// pledge exceeds it. Capacities are rounded down, as in the CSV: sustaining 0.67 batteries is
/// sustaining no whole one.
fn text_cell(load: &ContributorLoad) -> String {
    let d = export::decimals(&load.unit);
    let num = |v: f64, how: fn(f64) -> f64| fmt_num(export::round_to(v, d, how));
    let capacity = load
        .capacity
        .map_or_else(|| "?".to_string(), |c| num(c, f64::floor));
    let over = if load.over_capacity { " !" } else { "" };
    format!("{} / {capacity}{over}", num(load.pledged, f64::round))
}

/// The columns of `t` that some contributor of `block` pledges or has a capacity in.
fn used<'t>(t: &'t Table, block: &Block) -> Vec<&'t Column> {
    t.capabilities
        .iter()
        .filter(|col| {
            block
                .contributors
                .iter()
                .any(|r| find(r, &col.capability).is_some())
        })
        .collect()
}

/// Widest table the text output makes, as the other text tables.
const WIDTH: usize = 120;

fn text(t: &Table) -> String {
    let mut out = String::from(
        "Pledged in force / sustainable capacity (rotation included), per contributor and capability.\n? no capacity given; ! pledges more than it can sustain.\n",
    );
    for block in &t.scenarios {
        out.push_str(&format!(
            "\n{} ({}, as of {})\n",
            block.name, block.id, block.as_of
        ));
        if block.contributors.is_empty() {
            out.push_str("  no contributor pledges or has a capacity in a force capability\n");
            continue;
        }
        let names: Vec<String> = block
            .contributors
            .iter()
            .map(|r| format!("{} ({})", r.name, r.code))
            .collect();
        let cells: Vec<Vec<String>> = block
            .contributors
            .iter()
            .map(|row| {
                t.capabilities
                    .iter()
                    .map(|col| find(row, &col.capability).map_or(String::new(), text_cell))
                    .collect()
            })
            .collect();
        // Columns that do not fit beside each other go into a further table below, so no cell
        // is broken over lines; each table keeps every contributor as a row.
        let width = |i: usize, col: &Column| {
            cells
                .iter()
                .map(|r| r[i].chars().count())
                .chain([col.capability.chars().count(), col.unit.chars().count() + 2])
                .max()
                .unwrap_or(0)
                + 3
        };
        let first = names.iter().map(|n| n.chars().count()).max().unwrap_or(0) + 3;
        let mut chunks: Vec<Vec<usize>> = vec![Vec::new()];
        let mut used_width = first;
        for (i, col) in t.capabilities.iter().enumerate() {
            if !block
                .contributors
                .iter()
                .any(|r| find(r, &col.capability).is_some())
            {
                continue;
            }
            let w = width(i, col);
            let chunk = chunks.last_mut().expect("one chunk");
            if !chunk.is_empty() && used_width + w > WIDTH {
                chunks.push(vec![i]);
                used_width = first + w;
            } else {
                chunk.push(i);
                used_width += w;
            }
        }
        for (n, chunk) in chunks.iter().enumerate() {
            if n > 0 {
                out.push('\n');
            }
            let mut header: Vec<String> = vec!["Contributor".to_string()];
            header.extend(chunk.iter().map(|&i| {
                let c = &t.capabilities[i];
                format!("{}\n({})", c.capability, c.unit)
            }));
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            let right: Vec<usize> = (1..header.len()).collect();
            let mut table = guarantor_report::text::table(&header, &right);
            for (name, row) in names.iter().zip(&cells) {
                let mut r = vec![name.clone()];
                r.extend(chunk.iter().map(|&i| row[i].clone()));
                table.add_row(r);
            }
            out.push_str(&table.to_string());
            out.push('\n');
        }
    }
    out
}

fn sheet(t: &Table) -> Sheet {
    let mut header = vec!["Contributor".to_string(), "Code".to_string()];
    for block in &t.scenarios {
        for col in used(t, block) {
            header.push(format!(
                "{}: {} pledged ({})",
                block.id, col.capability, col.unit
            ));
            header.push(format!(
                "{}: {} sustainable capacity ({})",
                block.id, col.capability, col.unit
            ));
        }
    }
    // Every contributor of any scenario, in order of first appearance.
    let mut contributors: Vec<(&str, &str)> = Vec::new();
    for block in &t.scenarios {
        for row in &block.contributors {
            if !contributors.iter().any(|(code, _)| *code == row.code) {
                contributors.push((&row.code, &row.name));
            }
        }
    }
    let rows = contributors
        .iter()
        .map(|&(code, name)| {
            let mut cells = vec![Cell::text(name), Cell::text(code)];
            for block in &t.scenarios {
                let row = block.contributors.iter().find(|r| r.code == code);
                for col in used(t, block) {
                    match row.and_then(|r| find(r, &col.capability)) {
                        Some(load) => {
                            cells.push(Cell::amount(load.pledged, &load.unit));
                            cells.push(
                                load.capacity
                                    .map_or(Cell::Empty, |c| Cell::capacity(c, &load.unit)),
                            );
                        }
                        None => cells.extend([Cell::Empty, Cell::Empty]),
                    }
                }
            }
            cells
        })
        .collect();
    Sheet { header, rows }
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let format = Format::chosen(args.format, args.json);
    let files: Vec<Option<&PathBuf>> = if args.files.is_empty() {
        vec![None]
    } else {
        args.files.iter().map(Some).collect()
    };
    let mut loaded: Vec<Loaded> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for file in files {
        let scenario = input::scenario(file, &[])?;
        let name = file.map_or(input::BUNDLED_NAME.to_string(), |f| {
            format!("`{}`", f.display())
        });
        if let Some(i) = loaded
            .iter()
            .position(|l| l.scenario.meta.id == scenario.meta.id)
        {
            return Err(input::fail(format!(
                "error: {} and {name} are both scenario `{}`\nhelp: each block is named by its scenario id; give each scenario once",
                names[i], scenario.meta.id
            )));
        }
        let assessment = guarantor_engine::assess(&scenario);
        loaded.push(Loaded {
            scenario,
            assessment,
        });
        names.push(name);
    }
    let t = table(&loaded);
    let mut stdout = std::io::stdout().lock();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut stdout, &t)?;
            writeln!(stdout)?;
        }
        Format::Csv => write!(stdout, "{}", sheet(&t).to_csv()?)?,
        Format::Text => write!(stdout, "{}", text(&t))?,
    }
    Ok(ExitCode::SUCCESS)
}
