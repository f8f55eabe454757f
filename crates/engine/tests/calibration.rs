//! The default densities (data/densities.toml) against the historical record (data/operations.csv).
//!
//! For each default, the densities of the historical operations it names are derived from their
//! size and denominators (personnel per km of line, per 1,000 residents, per site), and the
//! default must lie inside their range. The data files carry their sources; this test makes the
//! link between a default and its calibration checkable.

use std::path::PathBuf;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Operation {
    id: String,
    personnel: f64,
    area_km2: Option<f64>,
    population: Option<f64>,
    line_km: Option<f64>,
    source: String,
}

#[derive(Debug, Deserialize)]
struct Density {
    name: String,
    value: f64,
    measure: String,
    calibration: Vec<String>,
    source: String,
}

#[derive(Debug, Deserialize)]
struct Densities {
    density: Vec<Density>,
}

fn data(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../data")
        .join(file)
}

fn operations() -> Vec<Operation> {
    let mut reader = csv::Reader::from_path(data("operations.csv")).expect("data/operations.csv");
    reader
        .deserialize()
        .collect::<Result<Vec<Operation>, _>>()
        .expect("operations.csv rows parse")
}

fn densities() -> Vec<Density> {
    let text = std::fs::read_to_string(data("densities.toml")).expect("data/densities.toml");
    toml::from_str::<Densities>(&text)
        .expect("densities.toml parses")
        .density
}

fn derive(op: &Operation, measure: &str) -> Option<f64> {
    match measure {
        "per_km" => op.line_km.map(|km| op.personnel / km),
        "per_1000" => op.population.map(|p| op.personnel / p * 1000.0),
        "per_km2" => op.area_km2.map(|a| op.personnel / a),
        "per_site" => Some(op.personnel),
        _ => None,
    }
}

#[test]
fn the_required_operations_are_in_the_table() {
    let ops = operations();
    for prefix in ["ifor", "sfor", "kfor", "unficyp", "mfo", "osce_smm", "efp"] {
        assert!(
            ops.iter().any(|o| o.id.starts_with(prefix)),
            "no {prefix} row in data/operations.csv"
        );
    }
    for o in &ops {
        assert!(o.personnel > 0.0, "{}: personnel", o.id);
        assert!(!o.source.trim().is_empty(), "{}: no source", o.id);
    }
}

#[test]
fn default_densities_lie_inside_the_historical_range() {
    let ops = operations();
    for d in densities() {
        assert!(!d.source.trim().is_empty(), "{}: no source", d.name);
        let observed: Vec<(String, f64)> = d
            .calibration
            .iter()
            .map(|id| {
                let op = ops
                    .iter()
                    .find(|o| &o.id == id)
                    .unwrap_or_else(|| panic!("{}: no operation `{id}`", d.name));
                let v = derive(op, &d.measure).unwrap_or_else(|| {
                    panic!("{}: `{id}` lacks the denominator for {}", d.name, d.measure)
                });
                (id.clone(), v)
            })
            .collect();
        let lo = observed
            .iter()
            .map(|(_, v)| *v)
            .fold(f64::INFINITY, f64::min);
        let hi = observed
            .iter()
            .map(|(_, v)| *v)
            .fold(f64::NEG_INFINITY, f64::max);
        // One-row calibrations are exact derivations; allow the rounding shown in the source.
        let tolerance = if observed.len() == 1 { 0.01 * hi } else { 0.0 };
        assert!(
            d.value >= lo - tolerance && d.value <= hi + tolerance,
            "{} = {} lies outside the historical range {lo:.2}..{hi:.2} ({observed:?})",
            d.name,
            d.value
        );
    }
}

/// Hand-checked derivations from the table (the arithmetic the data README shows).
#[test]
fn derived_densities_match_hand_arithmetic() {
    let ops = operations();
    let get = |id: &str| ops.iter().find(|o| o.id == id).unwrap();
    // KFOR 1999: 41,000 in Kosovo / 350 km = 117.14 per km.
    assert!((derive(get("kfor_1999"), "per_km").unwrap() - 117.142857).abs() < 1e-3);
    // IFOR: 60,000 / 1,080 km = 55.6 per km.
    assert!((derive(get("ifor_1996"), "per_km").unwrap() - 55.5556).abs() < 1e-3);
    // OSCE SMM 2017: 600 / 470 km = 1.28 per km.
    assert!((derive(get("osce_smm_2017"), "per_km").unwrap() - 1.2766).abs() < 1e-3);
}

#[derive(Debug, Deserialize)]
struct Plausibility {
    measure: String,
    #[serde(default)]
    capabilities: Vec<String>,
    low: f64,
    high: f64,
    source: String,
}

#[derive(Debug, Deserialize)]
struct PlausibilityFile {
    plausibility: Vec<Plausibility>,
}

#[derive(Debug, Deserialize)]
struct Template {
    id: String,
    line_km: Option<f64>,
    per_km: Option<f64>,
    monitors_per_km: Option<f64>,
    per_km2: Option<f64>,
    protection_per_monitor: Option<f64>,
}

#[derive(Debug, Deserialize)]
struct Monitoring {
    template: Vec<Template>,
}

fn plausibility(measure: &str, capability: &str) -> Plausibility {
    let text = std::fs::read_to_string(data("densities.toml")).expect("data/densities.toml");
    toml::from_str::<PlausibilityFile>(&text)
        .expect("densities.toml parses")
        .plausibility
        .into_iter()
        .find(|p| {
            p.measure == measure
                && (p.capabilities.is_empty() || p.capabilities.iter().any(|c| c == capability))
        })
        .unwrap_or_else(|| panic!("no plausibility range {measure} for {capability}"))
}

fn templates() -> Vec<Template> {
    let text = std::fs::read_to_string(data("monitoring.toml")).expect("data/monitoring.toml");
    toml::from_str::<Monitoring>(&text)
        .expect("monitoring.toml parses")
        .template
}

fn inside(range: &Plausibility, what: &str, value: f64) {
    assert!(
        !range.source.trim().is_empty(),
        "{}: no source",
        range.measure
    );
    assert!(
        range.low <= value && value <= range.high,
        "{what} = {value} lies outside the plausibility range {} {}..{} it claims to cover",
        range.measure,
        range.low,
        range.high
    );
}

/// The plausibility ranges of data/densities.toml (loader warnings) cover every historical
/// figure they cite, so a warning fires only outside the whole record: every per-km density of
/// data/operations.csv, every template of data/monitoring.toml, and the defaults themselves.
#[test]
fn plausibility_ranges_cover_the_record_they_cite() {
    let troops = plausibility("per_km", "ground_troops");
    let lines = plausibility("line_km", "");
    for op in operations() {
        if let Some(v) = derive(&op, "per_km") {
            inside(&troops, &op.id, v);
        }
        if let Some(km) = op.line_km {
            inside(&lines, &op.id, km);
        }
    }
    let monitors = plausibility("per_km", "ceasefire_monitoring");
    let area = plausibility("per_km2", "ceasefire_monitoring");
    let protection = plausibility("per_monitor", "ceasefire_monitoring");
    let mut seen = 0;
    for t in templates() {
        for v in [t.per_km, t.monitors_per_km].into_iter().flatten() {
            inside(&monitors, &t.id, v);
            seen += 1;
        }
        if let Some(v) = t.per_km2 {
            inside(&area, &t.id, v);
        }
        if let Some(v) = t.protection_per_monitor {
            inside(&protection, &t.id, v);
        }
        if let Some(km) = t.line_km {
            inside(&lines, &t.id, km);
        }
    }
    assert!(seen >= 10, "{seen} monitoring densities checked");
    for d in densities() {
        match d.name.as_str() {
            "line_holding" => inside(&troops, &d.name, d.value),
            "ceasefire_monitoring" => inside(&monitors, &d.name, d.value),
            _ => {}
        }
    }
}
