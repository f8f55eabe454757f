//! The text report of `guarantor assess` and `guarantor compare`: tables a person reads.
//!
//! Sections come in the order an analyst asks the questions: what is missing (coverage per layer),
//! how each requirement was computed, who is over capacity, which red lines are crossed, which
//! pledges lapsed and why. Numbers use thousands separators; a gap is shown as `-N`, full coverage
//! as `ok`.

/// The report style's table; `guarantor capacities` and the timeline use it too.
pub use guarantor_engine::table::table;
use guarantor_engine::{Assessment, Comparison, fmt_amount, fmt_capacity, fmt_need, fmt_num};

use crate::names::Names;

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

fn gap_cell(gap: f64, unit: &str) -> String {
    if gap > 0.0 {
        format!("-{}", fmt_need(gap, unit))
    } else {
        "ok".to_string()
    }
}

/// Renders an assessment as text, naming things as `names` does (labels, or identifiers with
/// `--ids`).
pub fn assessment(a: &Assessment, names: &Names) -> String {
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
    out.push_str(&crate::findings::summary(a, names).text);
    out.push('\n');

    out.push_str("\nCOVERAGE BY LAYER\n");
    for layer in &a.layers {
        let status = if layer.covered { "covered" } else { "gaps" };
        out.push_str(&format!("\n{}: {status}\n", names.layer(&layer.layer)));
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
                names.mission(&r.mission),
                names.capability(&r.capability),
                r.unit.clone(),
                fmt_need(r.required, &r.unit),
                fmt_amount(r.pledged, &r.unit),
                gap_cell(r.gap, &r.unit),
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
            names.capability(&c.capability),
            c.unit.clone(),
            fmt_need(c.required, &c.unit),
            fmt_amount(c.pledged, &c.unit),
            gap_cell(c.gap, &c.unit),
            fmt_amount(c.surplus, &c.unit),
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
            names.mission(&r.mission),
            names.capability(&r.capability),
            names.formula(r),
            fmt_need(r.required, &r.unit),
            format!("×{}", fmt_num(r.rotation)),
            fmt_need(r.force_generation, &r.unit),
        ]);
    }
    out.push_str(&t.to_string());
    out.push('\n');

    out.push_str(
        "\nCONTRIBUTORS AGAINST CAPACITY (sustainable = can be kept in place, rotation included)\n",
    );
    let mut t = table(
        &[
            "contributor",
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
            names.contributor(&c.code),
            names.capability(&c.capability),
            fmt_amount(c.pledged, &c.unit),
            c.capacity.map_or("-".into(), |x| fmt_capacity(x, &c.unit)),
            c.deployable
                .map_or("-".into(), |x| fmt_capacity(x, &c.unit)),
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
                names.contributor(&r.party),
                names.rule(&r.text),
                if r.violated { "VIOLATED" } else { "held" }.to_string(),
                names.explanation(&r.explanation),
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
                names.pledge(&l.pledge),
                names.contributor(&l.contributor),
                names.capability(&l.capability),
                names.explanation(&l.explanation),
            ]);
        }
        out.push_str(&t.to_string());
        out.push('\n');
    }

    if !a.excluded.is_empty() {
        out.push_str(&format!(
            "\nEXCLUDED WITH {} ({} pledges)\n",
            a.scenario
                .without
                .iter()
                .map(|c| names.contributor(c))
                .collect::<Vec<_>>()
                .join(", "),
            a.excluded.len()
        ));
        let mut t = table(&["pledge", "contributor", "capability"], &[]);
        for e in &a.excluded {
            t.add_row(vec![
                names.pledge(&e.pledge),
                names.contributor(&e.contributor),
                names.capability(&e.capability),
            ]);
        }
        out.push_str(&t.to_string());
        out.push('\n');
    }
    out
}

/// Renders a comparison as text, naming things as `names` does ([`Names::of`] both scenarios).
pub fn comparison(c: &Comparison, names: &Names) -> String {
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
        // Needs (required, gap) round up, amounts pledged to the nearest: the one rule.
        let arrow = |a: Option<f64>, b: Option<f64>, fmt: &dyn Fn(f64) -> String| {
            let opt = |x: Option<f64>| x.map_or("-".into(), fmt);
            if a == b {
                opt(a)
            } else {
                format!("{} → {}", opt(a), opt(b))
            }
        };
        for r in moved {
            let mission = match &r.mission_b {
                Some(b) => format!("{} → {}", names.mission(&r.mission), names.mission(b)),
                None => names.mission(&r.mission),
            };
            let change = if r.required_a.is_none() {
                "only in B".to_string()
            } else if r.required_b.is_none() {
                "only in A".to_string()
            } else if r.gap_change > 0.0 {
                format!("wider by {}", fmt_need(r.gap_change, &r.unit))
            } else if r.gap_change < 0.0 {
                format!("narrower by {}", fmt_need(-r.gap_change, &r.unit))
            } else {
                "same gap".to_string()
            };
            t.add_row(vec![
                mission,
                names.capability(&r.capability),
                arrow(r.required_a, r.required_b, &|x| fmt_need(x, &r.unit)),
                arrow(r.pledged_a, r.pledged_b, &|x| fmt_amount(x, &r.unit)),
                arrow(r.gap_a, r.gap_b, &|x| fmt_need(x, &r.unit)),
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
                names.contributor(&r.party),
                names.rule(&r.text),
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
            &[
                "pledge",
                "contributor",
                "capability",
                "A",
                "B",
                "what moved",
            ],
            &[],
        );
        for p in &c.pledges {
            let pledge = match &p.pledge_b {
                Some(b) => format!("{} → {}", names.pledge(&p.pledge), names.pledge(b)),
                None => names.pledge(&p.pledge),
            };
            let moved = p
                .changes
                .iter()
                .map(|f| format!("{} {} → {}", f.field, f.a, f.b))
                .collect::<Vec<_>>()
                .join("; ");
            t.add_row(vec![
                pledge,
                names.contributor(&p.contributor),
                names.capability(&p.capability),
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
