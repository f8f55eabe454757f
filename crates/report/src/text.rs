//! The text report of `guarantor assess` and `guarantor compare`: tables a person reads.
//!
//! Sections come in the order an analyst asks the questions: what is missing (coverage per layer),
//! how each requirement was computed, who is over capacity, which red lines are crossed, which
//! pledges lapsed and why. Numbers use thousands separators; a gap is shown as `-N`, full coverage
//! as `ok`.

use comfy_table::{CellAlignment, ContentArrangement, LineStyle, Table, TableStyle};
use guarantor_engine::{Assessment, Comparison, fmt_num};

/// A rule under the header and nothing else: tables stay readable in a pager and in a diff.
const STYLE: TableStyle =
    TableStyle::new().header_separator(LineStyle::none().fill('─').junction(' '));

/// An empty table in the report's style (no colour, a rule under the header, at most 120
/// columns), with the given columns aligned right; `guarantor capacities` uses it too.
pub fn table(header: &[&str], right_aligned: &[usize]) -> Table {
    let mut t = Table::new();
    t.load_style(STYLE)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(120)
        .set_header(header.to_vec());
    for &i in right_aligned {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    t
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

fn gap_cell(gap: f64) -> String {
    if gap > 0.0 {
        format!("-{}", fmt_num(gap))
    } else {
        "ok".to_string()
    }
}

/// Renders an assessment as text.
pub fn assessment(a: &Assessment) -> String {
    let mut out = String::new();
    let s = &a.scenario;
    out.push_str(&format!("{} ({}, as of {})\n", s.name, s.id, s.as_of));
    out.push_str(&format!(
        "Pledged ranges count at their {} end.",
        s.quantity_basis
    ));
    if !s.without.is_empty() {
        out.push_str(&format!(" Assessed without: {}.", s.without.join(", ")));
    }
    out.push('\n');
    let m = &a.summary;
    out.push_str(&format!(
        "{} of {} requirements met; {} with a gap. {} of {} red lines violated. {} pledges in force, {} lapsed{}. {} contributor(s) over sustainable capacity.\n",
        m.met,
        m.requirements,
        m.with_gap,
        m.red_lines_violated,
        a.red_lines.len(),
        m.pledges_in_force,
        m.pledges_lapsed,
        if a.excluded.is_empty() {
            String::new()
        } else {
            format!(", {} excluded", a.excluded.len())
        },
        m.contributors_over_capacity,
    ));

    out.push_str("\nCOVERAGE BY LAYER\n");
    for layer in &a.layers {
        let status = if layer.covered { "covered" } else { "gaps" };
        out.push_str(&format!("\n{} ({}): {status}\n", layer.name, layer.layer));
        let mut t = table(
            &[
                "mission",
                "capability",
                "unit",
                "required",
                "pledged",
                "gap",
                "covered",
            ],
            &[3, 4, 5, 6],
        );
        for r in a.coverage.iter().filter(|r| r.layer == layer.layer) {
            t.add_row(vec![
                r.mission.clone(),
                r.capability.clone(),
                r.unit.clone(),
                fmt_num(r.required),
                fmt_num(r.pledged),
                gap_cell(r.gap),
                pct(r.covered),
            ]);
        }
        out.push_str(&t.to_string());
        out.push('\n');
    }

    out.push_str("\nBY CAPABILITY (whole package)\n");
    let mut t = table(
        &[
            "capability",
            "unit",
            "required",
            "pledged",
            "gap",
            "surplus",
        ],
        &[2, 3, 4, 5],
    );
    for c in &a.capabilities {
        t.add_row(vec![
            c.capability.clone(),
            c.unit.clone(),
            fmt_num(c.required),
            fmt_num(c.pledged),
            gap_cell(c.gap),
            fmt_num(c.surplus),
        ]);
    }
    out.push_str(&t.to_string());
    out.push('\n');

    out.push_str(
        "\nREQUIREMENTS (in place at any one time; with rotation: the force to generate)\n",
    );
    let mut t = table(
        &[
            "mission",
            "capability",
            "formula",
            "in place",
            "rotation",
            "with rotation",
        ],
        &[3, 4, 5],
    );
    for r in &a.requirements {
        t.add_row(vec![
            r.mission.clone(),
            r.capability.clone(),
            r.formula.clone(),
            fmt_num(r.required),
            format!("×{}", fmt_num(r.rotation)),
            fmt_num(r.force_generation),
        ]);
    }
    out.push_str(&t.to_string());
    out.push('\n');

    out.push_str(
        "\nCONTRIBUTORS AGAINST CAPACITY (sustainable = can be kept in place, rotation included)\n",
    );
    let mut t = table(
        &[
            "code",
            "capability",
            "pledged",
            "sustainable",
            "deployable",
            "use",
            "status",
        ],
        &[2, 3, 4, 5],
    );
    // Political instruments have no capacity to exceed; they are in the JSON, not in this table.
    for c in a
        .contributors
        .iter()
        .filter(|c| c.pledged > 0.0 && c.kind == guarantor_model::CapabilityKind::Force)
    {
        let status = if c.beyond_deployable {
            "beyond deployable"
        } else if c.over_capacity {
            "over capacity"
        } else if c.capacity.is_none() {
            "capacity unknown"
        } else {
            "ok"
        };
        t.add_row(vec![
            c.code.clone(),
            c.capability.clone(),
            fmt_num(c.pledged),
            c.capacity.map_or("-".into(), fmt_num),
            c.deployable.map_or("-".into(), fmt_num),
            c.share_of_capacity.map_or("-".into(), pct),
            status.to_string(),
        ]);
    }
    out.push_str(&t.to_string());
    out.push('\n');

    out.push_str("\nRED LINES\n");
    if a.red_lines.is_empty() {
        out.push_str("none stated\n");
    } else {
        let mut t = table(&["party", "rule", "status", "why", "stated"], &[]);
        for r in &a.red_lines {
            t.add_row(vec![
                r.party.clone(),
                r.text.clone(),
                if r.violated { "VIOLATED" } else { "held" }.to_string(),
                r.explanation.clone(),
                r.date.clone(),
            ]);
        }
        out.push_str(&t.to_string());
        out.push('\n');
    }

    out.push_str("\nLAPSED PLEDGES (conditions not met)\n");
    if a.lapsed.is_empty() {
        out.push_str("none\n");
    } else {
        let mut t = table(&["pledge", "contributor", "capability", "why"], &[]);
        for l in &a.lapsed {
            t.add_row(vec![
                l.pledge.clone(),
                l.contributor.clone(),
                l.capability.clone(),
                l.reason.clone(),
            ]);
        }
        out.push_str(&t.to_string());
        out.push('\n');
    }

    if !a.excluded.is_empty() {
        out.push_str(&format!(
            "\nEXCLUDED WITH {} ({} pledges)\n",
            a.scenario.without.join(", "),
            a.excluded.len()
        ));
        let mut t = table(&["pledge", "contributor", "capability"], &[]);
        for e in &a.excluded {
            t.add_row(vec![
                e.pledge.clone(),
                e.contributor.clone(),
                e.capability.clone(),
            ]);
        }
        out.push_str(&t.to_string());
        out.push('\n');
    }
    out
}

fn opt(x: Option<f64>) -> String {
    x.map_or("-".into(), fmt_num)
}

/// Renders a comparison as text.
pub fn comparison(c: &Comparison) -> String {
    let mut out = String::new();
    let side = |s: &guarantor_engine::ScenarioInfo| {
        if s.without.is_empty() {
            format!("{} ({})", s.name, s.id)
        } else {
            format!("{} ({}) without {}", s.name, s.id, s.without.join(", "))
        }
    };
    out.push_str(&format!("A: {}\nB: {}\n", side(&c.a), side(&c.b)));
    out.push_str(&format!(
        "Requirements met: A {} of {}, B {} of {}. Red lines violated: A {}, B {}. Pledges lapsed: A {}, B {}.\n",
        c.summary_a.met,
        c.summary_a.requirements,
        c.summary_b.met,
        c.summary_b.requirements,
        c.summary_a.red_lines_violated,
        c.summary_b.red_lines_violated,
        c.summary_a.pledges_lapsed,
        c.summary_b.pledges_lapsed,
    ));

    out.push_str("\nGAPS THAT MOVED\n");
    let moved: Vec<_> = c
        .coverage
        .iter()
        .filter(|r| r.gap_change != 0.0 || r.required_a != r.required_b)
        .collect();
    if moved.is_empty() {
        out.push_str("none\n");
    } else {
        let mut t = table(
            &[
                "mission",
                "capability",
                "required A → B",
                "pledged A → B",
                "gap A → B",
                "change",
            ],
            &[2, 3, 4, 5],
        );
        let arrow = |a: Option<f64>, b: Option<f64>| {
            if a == b {
                opt(a)
            } else {
                format!("{} → {}", opt(a), opt(b))
            }
        };
        for r in moved {
            let mission = match &r.mission_b {
                Some(b) => format!("{} → {b}", r.mission),
                None => r.mission.clone(),
            };
            let change = if r.required_a.is_none() {
                "only in B".to_string()
            } else if r.required_b.is_none() {
                "only in A".to_string()
            } else if r.gap_change > 0.0 {
                format!("wider by {}", fmt_num(r.gap_change))
            } else if r.gap_change < 0.0 {
                format!("narrower by {}", fmt_num(-r.gap_change))
            } else {
                "same gap".to_string()
            };
            t.add_row(vec![
                mission,
                r.capability.clone(),
                arrow(r.required_a, r.required_b),
                arrow(r.pledged_a, r.pledged_b),
                arrow(r.gap_a, r.gap_b),
                change,
            ]);
        }
        out.push_str(&t.to_string());
        out.push('\n');
    }

    out.push_str("\nRED LINES THAT CHANGED\n");
    if c.red_lines.is_empty() {
        out.push_str("none\n");
    } else {
        let state = |v: Option<bool>| match v {
            Some(true) => "violated",
            Some(false) => "held",
            None => "absent",
        };
        let mut t = table(&["party", "rule", "A", "B"], &[]);
        for r in &c.red_lines {
            t.add_row(vec![
                r.party.clone(),
                r.text.clone(),
                state(r.violated_a).to_string(),
                state(r.violated_b).to_string(),
            ]);
        }
        out.push_str(&t.to_string());
        out.push('\n');
    }

    out.push_str("\nPLEDGES THAT CHANGED\n");
    if c.pledges.is_empty() {
        out.push_str("none\n");
    } else {
        let mut t = table(
            &["pledge", "contributor", "capability", "A", "B", "what moved"],
            &[],
        );
        for p in &c.pledges {
            let pledge = match &p.pledge_b {
                Some(b) => format!("{} → {b}", p.pledge),
                None => p.pledge.clone(),
            };
            let moved = p
                .changes
                .iter()
                .map(|f| format!("{} {} → {}", f.field, f.a, f.b))
                .collect::<Vec<_>>()
                .join("; ");
            t.add_row(vec![
                pledge,
                p.contributor.clone(),
                p.capability.clone(),
                p.state_a.clone(),
                p.state_b.clone(),
                moved,
            ]);
        }
        out.push_str(&t.to_string());
        out.push('\n');
    }
    out
}
