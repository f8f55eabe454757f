//! Every source a user reads names a publication they can find.
//!
//! Scenarios and reference data were first written against the project's research notes: a seed
//! report (`seed-004`) or a section of a notes file outside the repository
//! (`shared/DOMAIN-DATA.md §2.3`). A reader of the report has neither, so every string value of a
//! shipped scenario or data file (sources, notes, evidence) must cite the outlet, date and, where
//! known, the address instead. Comments are for modellers and are not read here.

use std::path::{Path, PathBuf};

/// `scenarios/` and `data/` at the root of the workspace, every `.toml` file at any depth.
fn shipped_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut out = Vec::new();
    let mut dirs = vec![root.join("scenarios"), root.join("data")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable directory") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Every string value of a TOML document, with the dotted key that holds it.
fn strings(value: &toml::Value, key: &str, out: &mut Vec<(String, String)>) {
    match value {
        toml::Value::String(s) => out.push((key.to_string(), s.clone())),
        toml::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                strings(v, &format!("{key}[{i}]"), out);
            }
        }
        toml::Value::Table(t) => {
            for (k, v) in t {
                strings(v, &format!("{key}.{k}"), out);
            }
        }
        _ => {}
    }
}

/// What a reader cannot look up: the seed reports' internal ids and the notes outside the
/// repository.
fn unreadable_citation(s: &str) -> Option<&'static str> {
    let lower = s.to_lowercase();
    ["seed-", "seed 00", "shared/", "domain-data.md", "domain.md"]
        .into_iter()
        .find(|needle| lower.contains(needle))
}

#[test]
fn no_shipped_scenario_or_data_file_cites_a_seed_id_or_a_path_of_the_notes() {
    let files = shipped_files();
    assert!(
        files.len() >= 10,
        "found only {} files: is the walk looking in the right place?",
        files.len()
    );
    let mut found = Vec::new();
    let mut checked = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).expect("readable file");
        let value: toml::Value = toml::from_str(&text).expect("shipped TOML parses");
        let mut all = Vec::new();
        strings(&value, "", &mut all);
        checked += all.len();
        for (key, s) in all {
            if let Some(needle) = unreadable_citation(&s) {
                found.push(format!("{}: {key} cites {needle:?}: {s}", path.display()));
            }
        }
    }
    assert!(checked > 500, "only {checked} strings read");
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_check_catches_what_it_is_for() {
    for bad in [
        "seed-004: backstop includes border control",
        "USFK (wowkorea, B; shared/DOMAIN-DATA.md §2.3)",
        "the estimate in seed 000",
    ] {
        assert!(unreadable_citation(bad).is_some(), "{bad}");
    }
    assert_eq!(
        unreadable_citation("24brussels, 19-20 Aug 2025: backstop includes border control"),
        None
    );
}
