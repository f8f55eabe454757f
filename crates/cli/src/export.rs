//! Tables to take away: `--format csv` of `assess`, `simulate` and `capacities`.
//!
//! Each export is one [`Sheet`] (a header row and data rows) built from a result, then written as
//! CSV with the `csv` crate, so quoting follows RFC 4180 and any spreadsheet reader opens it.
//! Numbers are rounded to what their unit allows ([`decimals`]): whole people, whole batteries,
//! probabilities and shares to three decimals. Cells hold numbers without thousands separators,
//! so a spreadsheet reads them as numbers. This module computes nothing: the engine and the
//! Monte Carlo do; it only lays their results out in rows.

use guarantor_engine::Assessment;
/// The one rounding rule of every renderer (text, HTML, CSV) lives in the engine.
pub use guarantor_engine::{decimals, round_to};
use guarantor_model::Scenario;
use guarantor_robust::Simulation;

/// One cell of a sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A number and the decimals it is written with.
    Number(f64, usize),
    Empty,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// A quantity in `unit`, rounded to the nearest value the unit allows.
    pub fn amount(value: f64, unit: &str) -> Cell {
        Cell::Number(value, decimals(unit))
    }

    /// What is needed, rounded up: 243.2 personnel are 244 people, a gap of 0.2 batteries is a
    /// battery missing.
    pub fn need(value: f64, unit: &str) -> Cell {
        Cell::Number(round_to(value, decimals(unit), f64::ceil), decimals(unit))
    }

    /// What a contributor can do, rounded down: sustaining 0.67 batteries is sustaining none
    /// whole, so a pledge of one exceeds it.
    pub fn capacity(value: f64, unit: &str) -> Cell {
        Cell::Number(round_to(value, decimals(unit), f64::floor), decimals(unit))
    }

    /// A probability or a share of 1, to three decimals.
    pub fn share(value: f64) -> Cell {
        Cell::Number(value, 3)
    }

    pub fn yes_no(value: bool) -> Cell {
        Cell::text(if value { "yes" } else { "no" })
    }

    /// The cell as CSV writes it: numbers plain (`5680`, `0.125`), never `-0`.
    pub fn csv(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Number(v, d) => plain(*v, *d),
            Cell::Empty => String::new(),
        }
    }
}

/// A number with `decimals` places and no thousands separator; `-0` is written `0`.
fn plain(value: f64, decimals: usize) -> String {
    let s = format!("{value:.decimals$}");
    if s.trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        s.trim_start_matches('-').to_string()
    } else {
        s
    }
}

/// A sentence of the engine without its Markdown code marks: a spreadsheet shows them as they are.
fn plain_text(s: &str) -> String {
    s.replace('`', "")
}

/// A header row and data rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    fn new(header: &[&str]) -> Sheet {
        Sheet {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// The sheet as CSV (comma-separated, quoted where needed, `\n` line ends).
    pub fn to_csv(&self) -> anyhow::Result<String> {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        w.write_record(&self.header)?;
        for row in &self.rows {
            debug_assert_eq!(row.len(), self.header.len(), "row width");
            w.write_record(row.iter().map(Cell::csv))?;
        }
        Ok(String::from_utf8(w.into_inner()?)?)
    }
}

/// What a command prints: `--format`, with `--json` as a short form of `--format json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Tables to read.
    Text,
    /// One JSON document, for scripts.
    Json,
    /// One table as CSV, for a spreadsheet.
    Csv,
}

impl Format {
    /// The format asked for, `--json` counting as `--format json` (clap rejects both together).
    pub fn chosen(format: Format, json: bool) -> Format {
        if json { Format::Json } else { format }
    }
}

/// Which table of an assessment `--format csv` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AssessTable {
    /// One row per requirement: required, pledged in force, gap, share covered, who covers it.
    Coverage,
    /// One row per pledge: status, quantity, whether it is in force and why not.
    Pledges,
    /// One row per contributor and capability: pledged in force against capacity.
    Contributors,
}

fn layer_name<'a>(scenario: &'a Scenario, id: &'a str) -> &'a str {
    scenario
        .layers
        .iter()
        .find(|l| l.id == id)
        .map_or(id, |l| l.name.as_str())
}

fn mission_name<'a>(scenario: &'a Scenario, id: &'a str) -> &'a str {
    scenario.mission(id).map_or(id, |m| m.name.as_str())
}

fn contributor_name<'a>(scenario: &'a Scenario, code: &'a str) -> &'a str {
    scenario
        .contributors
        .iter()
        .find(|c| c.code == code)
        .map_or(code, |c| c.name.as_str())
}

/// The table of an assessment that `table` names.
pub fn assessment(scenario: &Scenario, a: &Assessment, table: AssessTable) -> Sheet {
    match table {
        AssessTable::Coverage => coverage(scenario, a),
        AssessTable::Pledges => pledges(scenario, a),
        AssessTable::Contributors => contributors(scenario, a),
    }
}

fn coverage(scenario: &Scenario, a: &Assessment) -> Sheet {
    let mut sheet = Sheet::new(&[
        "Layer",
        "Mission",
        "Capability",
        "Unit",
        "Required (in place)",
        "Pledged in force",
        "Gap",
        "Share covered (0-1)",
        "Force to generate (rotation included)",
        "Covered by",
    ]);
    for row in &a.coverage {
        let generate = a
            .requirements
            .iter()
            .find(|r| r.mission == row.mission && r.capability == row.capability)
            .map_or(Cell::Empty, |r| Cell::need(r.force_generation, &r.unit));
        // Contributions per contributor, in the order the engine counted them.
        let mut by: Vec<(&str, f64)> = Vec::new();
        for c in &row.from {
            match by.iter_mut().find(|(code, _)| *code == c.contributor) {
                Some((_, units)) => *units += c.units,
                None => by.push((&c.contributor, c.units)),
            }
        }
        let covered_by = by
            .iter()
            .map(|(code, units)| {
                format!(
                    "{} {}",
                    contributor_name(scenario, code),
                    Cell::amount(*units, &row.unit).csv()
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        sheet.rows.push(vec![
            Cell::text(layer_name(scenario, &row.layer)),
            Cell::text(mission_name(scenario, &row.mission)),
            Cell::text(&row.capability),
            Cell::text(&row.unit),
            Cell::need(row.required, &row.unit),
            Cell::amount(row.pledged, &row.unit),
            Cell::need(row.gap, &row.unit),
            Cell::share(row.covered),
            generate,
            Cell::text(covered_by),
        ]);
    }
    sheet
}

fn pledges(scenario: &Scenario, a: &Assessment) -> Sheet {
    let mut sheet = Sheet::new(&[
        "Pledge",
        "Contributor",
        "Code",
        "Capability",
        "Unit",
        "Status",
        "Low",
        "High",
        "Counted",
        "In force",
        "Why not in force",
        "Target",
        "Location",
        "Sources",
    ]);
    for p in &a.pledges {
        let why = if p.in_force {
            String::new()
        } else {
            a.lapsed
                .iter()
                .find(|l| l.pledge == p.id)
                .map_or_else(|| "lapsed".to_string(), |l| plain_text(&l.reason))
        };
        sheet.rows.push(vec![
            Cell::text(&p.id),
            Cell::text(contributor_name(scenario, &p.contributor)),
            Cell::text(&p.contributor),
            Cell::text(&p.capability),
            Cell::text(unit_of(scenario, &p.capability)),
            Cell::text(&p.status),
            Cell::amount(p.low, unit_of(scenario, &p.capability)),
            Cell::amount(p.high, unit_of(scenario, &p.capability)),
            Cell::amount(p.counted, unit_of(scenario, &p.capability)),
            Cell::yes_no(p.in_force),
            Cell::text(why),
            Cell::text(&p.target),
            Cell::text(&p.location),
            Cell::text(p.sources.join("; ")),
        ]);
    }
    // Pledges removed with their contributor (`--without`) are no longer in the scenario; they
    // are listed last, so the table still shows what was taken away.
    for x in &a.excluded {
        let original = scenario.pledges.iter().find(|p| p.id == x.pledge);
        let unit = unit_of(scenario, &x.capability);
        let (status, low, high) = original.map_or((Cell::Empty, Cell::Empty, Cell::Empty), |p| {
            (
                Cell::text(p.status.name()),
                Cell::amount(p.quantity.low, unit),
                Cell::amount(p.quantity.high, unit),
            )
        });
        sheet.rows.push(vec![
            Cell::text(&x.pledge),
            Cell::text(contributor_name(scenario, &x.contributor)),
            Cell::text(&x.contributor),
            Cell::text(&x.capability),
            Cell::text(unit),
            status,
            low,
            high,
            Cell::amount(0.0, unit),
            Cell::yes_no(false),
            Cell::text(format!(
                "removed with {} (--without {})",
                contributor_name(scenario, &x.contributor),
                x.contributor
            )),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ]);
    }
    sheet
}

fn unit_of<'a>(scenario: &'a Scenario, capability: &str) -> &'a str {
    scenario
        .taxonomy
        .get(capability)
        .map_or("", |c| c.unit.as_str())
}

fn contributors(scenario: &Scenario, a: &Assessment) -> Sheet {
    let mut sheet = Sheet::new(&[
        "Contributor",
        "Code",
        "Capability",
        "Unit",
        "Pledged in force",
        "Sustainable capacity (rotation included)",
        "Deployable capacity",
        "Share of sustainable capacity (0-1)",
        "Over sustainable capacity",
        "Beyond deployable capacity",
        "Capacity source",
    ]);
    for c in &a.contributors {
        let opt = |v: Option<f64>| v.map_or(Cell::Empty, |v| Cell::capacity(v, &c.unit));
        sheet.rows.push(vec![
            Cell::text(contributor_name(scenario, &c.code)),
            Cell::text(&c.code),
            Cell::text(&c.capability),
            Cell::text(&c.unit),
            Cell::amount(c.pledged, &c.unit),
            opt(c.capacity),
            opt(c.deployable),
            c.share_of_capacity.map_or(Cell::Empty, Cell::share),
            Cell::yes_no(c.over_capacity),
            Cell::yes_no(c.beyond_deployable),
            Cell::text(&c.capacity_source),
        ]);
    }
    sheet
}

/// The Monte Carlo result of `scenario`, one row per requirement.
pub fn simulation(scenario: &Scenario, s: &Simulation) -> Sheet {
    let mut sheet = Sheet::new(&[
        "Layer",
        "Mission",
        "Capability",
        "Unit",
        "Probability met (0-1)",
        "Standard error",
        "Coverage, 5th percentile (0-1)",
        "Coverage, median (0-1)",
        "Coverage, 95th percentile (0-1)",
        "Expected shortfall",
        "Expected requirement",
    ]);
    for r in &s.requirements {
        sheet.rows.push(vec![
            Cell::text(layer_name(scenario, &r.layer)),
            Cell::text(mission_name(scenario, &r.mission)),
            Cell::text(&r.capability),
            Cell::text(&r.unit),
            Cell::share(r.p_met),
            Cell::share(r.p_met_se),
            Cell::share(r.q05),
            Cell::share(r.q50),
            Cell::share(r.q95),
            Cell::amount(r.expected_shortfall, &r.unit),
            Cell::amount(r.expected_required, &r.unit),
        ]);
    }
    sheet
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_plain_and_rounded() {
        assert_eq!(Cell::amount(243.8, "personnel").csv(), "244");
        assert_eq!(Cell::amount(2666.666, "personnel").csv(), "2667");
        assert_eq!(Cell::amount(1.456, "EUR bn per year").csv(), "1.46");
        assert_eq!(Cell::amount(150_000.0, "personnel").csv(), "150000");
        assert_eq!(Cell::share(0.12345).csv(), "0.123");
        assert_eq!(Cell::amount(-0.0, "batteries").csv(), "0");
        assert_eq!(Cell::amount(-0.2, "batteries").csv(), "0");
        assert_eq!(Cell::share(-0.0001).csv(), "0.000");
    }

    #[test]
    fn needs_round_up_and_capacities_down() {
        assert_eq!(Cell::need(243.2, "personnel").csv(), "244");
        assert_eq!(Cell::need(0.2, "batteries").csv(), "1");
        assert_eq!(Cell::need(13_254.000_000_001, "personnel").csv(), "13254");
        assert_eq!(Cell::need(26.501, "EUR bn per year").csv(), "26.51");
        assert_eq!(Cell::capacity(0.67, "batteries").csv(), "0");
        assert_eq!(Cell::capacity(33_333.33, "personnel").csv(), "33333");
        assert_eq!(Cell::capacity(2.999_999_999_9, "batteries").csv(), "3");
    }

    #[test]
    fn text_with_commas_and_quotes_is_quoted() {
        let sheet = Sheet {
            header: vec!["Name".into(), "Value".into()],
            rows: vec![vec![Cell::text("a, \"b\""), Cell::share(0.5)]],
        };
        assert_eq!(
            sheet.to_csv().unwrap(),
            "Name,Value\n\"a, \"\"b\"\"\",0.500\n"
        );
    }
}
