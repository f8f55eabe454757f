//! Text renderings of credibility results: the section `guarantor assess` appends, the side-by-side
//! table of `guarantor compare` and `guarantor credibility`, and the full credibility report.
//!
//! Pure functions from results to strings: no terminal detection, no colour, no I/O. Scores print
//! with two decimals, shares of weight as percentages.

use comfy_table::{CellAlignment, Table};

use crate::indicator::Credibility;
use crate::rank::describe;
use crate::{Change, Report};

/// A table in the report style, `width` columns wide (the indicator tables carry long evidence).
fn table(header: Vec<String>, width: u16) -> Table {
    guarantor_engine::table::table_of_width(&header, &[], width)
}

/// The credibility section of `guarantor assess`: each indicator, its value, its score, its
/// weight and its evidence, then the change that would raise the score most.
pub fn section(c: &Credibility) -> String {
    let mut out = format!(
        "Credibility {:.2} of 1 (weighted mean of {} indicators; weights are judgements, data/credibility-weights.toml)\n",
        c.score,
        c.indicators.len()
    );
    let mut t = table(
        ["indicator", "value", "score", "weight", "evidence"]
            .map(String::from)
            .to_vec(),
        120,
    );
    for i in &c.indicators {
        t.add_row(vec![
            i.name.clone(),
            i.value.clone(),
            format!("{:.2}", i.score),
            format!("{:.0}%", i.weight * 100.0),
            i.evidence.clone(),
        ]);
    }
    for col in [2, 3] {
        if let Some(c) = t.column_mut(col) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    out.push_str(&t.to_string());
    out.push('\n');
    out.push_str(&best_raise(c));
    out
}

fn best_raise(c: &Credibility) -> String {
    match &c.best_raise {
        Some(b) => format!(
            "Would raise it most: {} ({}, +{:.2})\n",
            b.change,
            crate::indicator::name_of(&b.indicator).to_lowercase(),
            b.gain
        ),
        None => "Every indicator that a package can change is at its best.\n".to_string(),
    }
}

/// A package's name, with the contributors removed from it.
fn label(c: &Credibility) -> String {
    if c.without.is_empty() {
        c.name.clone()
    } else {
        format!("{} (without {})", c.name, c.without.join(", "))
    }
}

/// Packages side by side: one row per indicator, one column per package, each cell the score and
/// the value scored; the last row is the package score.
pub fn side_by_side(packages: &[&Credibility]) -> String {
    let mut header = vec!["indicator (weight)".to_string()];
    header.extend(packages.iter().map(|c| label(c)));
    let mut t = table(header, 140);
    let Some(first) = packages.first() else {
        return String::new();
    };
    for (row, ind) in first.indicators.iter().enumerate() {
        let mut cells = vec![format!("{} ({:.0}%)", ind.name, ind.weight * 100.0)];
        for c in packages {
            cells.push(match c.indicators.get(row) {
                Some(i) => format!("{:.2} {}", i.score, i.value),
                None => "-".to_string(),
            });
        }
        t.add_row(cells);
    }
    let mut total = vec!["Score".to_string()];
    total.extend(packages.iter().map(|c| format!("{:.3}", c.score)));
    t.add_row(total);
    let mut out = t.to_string();
    out.push('\n');
    out
}

fn change(c: &Change, without: &[String]) -> String {
    let mut out = format!(
        "Without {}: score {:.3} -> {:.3} ({:+.3})\n",
        without.join(", "),
        c.score_before,
        c.score_after,
        c.score_after - c.score_before
    );
    if c.fell.is_empty() {
        out.push_str("No indicator fell.\n");
        return out;
    }
    out.push_str("Indicators that fell:\n");
    for f in &c.fell {
        out.push_str(&format!(
            "  {}: {:.2} -> {:.2} ({} -> {}; -{:.3}): {}\n",
            f.name, f.before, f.after, f.value_before, f.value_after, f.loss, f.evidence
        ));
    }
    out
}

/// The whole `guarantor credibility` report.
pub fn report(r: &Report) -> String {
    let mut out = String::new();
    if r.ranking.len() > 1 {
        out.push_str("Ranking (best first):\n");
        for (i, c) in r.ranking.iter().enumerate() {
            let mark = if c.name == r.scenario {
                "  <- this package"
            } else {
                ""
            };
            out.push_str(&format!(
                "  {}. {:.3}  {}{}\n",
                i + 1,
                c.score,
                c.name,
                mark
            ));
        }
        out.push('\n');
    }
    let refs: Vec<&Credibility> = r.ranking.iter().collect();
    out.push_str(&side_by_side(&refs));
    if let Some(c) = &r.change {
        out.push('\n');
        out.push_str(&change(c, &r.without));
    }
    if let Some(own) = r.ranking.iter().find(|c| c.name == r.scenario) {
        out.push('\n');
        out.push_str(&format!("{}: ", own.name));
        out.push_str(&best_raise(own));
    }
    if !r.sensitivity.is_empty() {
        out.push_str("\nSensitivity (smallest change of one weight that swaps two neighbours):\n");
        for s in &r.sensitivity {
            out.push_str(&format!("  {}\n", describe(s)));
        }
    }
    out.push_str(&format!("\nWeights: {}\n", r.weights));
    out
}
