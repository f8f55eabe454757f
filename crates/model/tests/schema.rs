//! The JSON Schema an editor completes scenarios with (`guarantor schema`): every shipped
//! scenario validates against it, it offers each closed vocabulary as an enum with descriptions,
//! and it names no internal Rust type.
//!
//! A validator crate (`jsonschema`, without its network features) cost about 2.5 CPU-minutes of
//! build time here, more than the rest of this crate's tests together, so the test carries a small
//! validator of the keywords the schema uses instead; `a_broken_scenario_fails` shows it can fail.

use guarantor_model::{DistributionKind, Location, MethodKind, Status, Taxonomy, scenario_schema};
use serde_json::Value;

/// Checks `value` against `schema`, the root being `root` (for `$ref`), and returns the first
/// problem found with its JSON path. Supports the keywords schemars emits for the scenario:
/// `$ref`, `allOf`, `anyOf`, `oneOf`, `const`, `enum`, `type`, `properties`, `required`,
/// `additionalProperties`, `items`, `minItems`, `maxItems` and `minimum`.
fn validate(root: &Value, schema: &Value, value: &Value, path: &str) -> Result<(), String> {
    if schema == &Value::Bool(true) {
        return Ok(());
    }
    if schema == &Value::Bool(false) {
        return Err(format!("{path}: not allowed here"));
    }
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.strip_prefix("#/$defs/").expect("local reference");
        validate(root, &root["$defs"][name], value, path)?;
    }
    for branch in schema
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        validate(root, branch, value, path)?;
    }
    if let Some(branches) = schema.get("anyOf").and_then(Value::as_array)
        && !branches
            .iter()
            .any(|b| validate(root, b, value, path).is_ok())
    {
        return Err(format!("{path}: {value} matches no alternative"));
    }
    if let Some(branches) = schema.get("oneOf").and_then(Value::as_array) {
        let matching = branches
            .iter()
            .filter(|b| validate(root, b, value, path).is_ok())
            .count();
        if matching != 1 {
            return Err(format!("{path}: {value} matches {matching} of oneOf"));
        }
    }
    if let Some(c) = schema.get("const")
        && c != value
    {
        return Err(format!("{path}: {value} is not {c}"));
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array)
        && !e.contains(value)
    {
        return Err(format!("{path}: {value} is not one of {e:?}"));
    }
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => panic!("odd type {t}"),
        };
        let ok = types.iter().any(|t| match *t {
            "string" => value.is_string(),
            "number" => value.is_number(),
            "integer" => value.is_i64() || value.is_u64(),
            "boolean" => value.is_boolean(),
            "array" => value.is_array(),
            "object" => value.is_object(),
            "null" => value.is_null(),
            other => panic!("unknown type {other}"),
        });
        if !ok {
            return Err(format!("{path}: {value} is not of type {t}"));
        }
    }
    if let (Some(min), Some(v)) = (
        schema.get("minimum").and_then(Value::as_f64),
        value.as_f64(),
    ) && v < min
    {
        return Err(format!("{path}: {v} is below {min}"));
    }
    if let Some(items) = value.as_array() {
        let len = items.len() as u64;
        if schema
            .get("minItems")
            .and_then(Value::as_u64)
            .is_some_and(|m| len < m)
            || schema
                .get("maxItems")
                .and_then(Value::as_u64)
                .is_some_and(|m| len > m)
        {
            return Err(format!("{path}: {len} items"));
        }
        if let Some(s) = schema.get("items") {
            for (i, item) in items.iter().enumerate() {
                validate(root, s, item, &format!("{path}[{i}]"))?;
            }
        }
    }
    if let Some(object) = value.as_object() {
        let properties = schema.get("properties").and_then(Value::as_object);
        for required in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let key = required.as_str().unwrap();
            if !object.contains_key(key) {
                return Err(format!("{path}: `{key}` is missing"));
            }
        }
        for (key, v) in object {
            let child = format!("{path}.{key}");
            match properties.and_then(|p| p.get(key)) {
                Some(s) => validate(root, s, v, &child)?,
                None => {
                    if let Some(extra) = schema.get("additionalProperties") {
                        validate(root, extra, v, &child)?;
                    }
                }
            }
        }
    }
    Ok(())
}

fn scenario_files() -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for dir in [
        "../../scenarios",
        "../../scenarios/references",
        "../../scenarios/validation",
    ] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn as_json(toml_text: &str) -> Value {
    toml::from_str(toml_text).expect("valid TOML")
}

#[test]
fn every_shipped_scenario_validates() {
    let schema = scenario_schema();
    let files = scenario_files();
    assert!(files.len() >= 10, "found only {files:?}");
    for file in files {
        let value = as_json(&std::fs::read_to_string(&file).unwrap());
        if let Err(e) = validate(&schema, &schema, &value, "$") {
            panic!("{}: {e}", file.display());
        }
    }
}

/// The validator above is not a rubber stamp: a misspelt word, a misspelt key and text where a
/// number belongs each fail, with the path to the value.
#[test]
fn a_broken_scenario_fails() {
    let schema = scenario_schema();
    let text = std::fs::read_to_string("../../scenarios/ukraine-2025-08.toml").unwrap();
    let broken = [
        ("status = \"stated\"", "status = \"statd\"", "status"),
        (
            "method = \"per_km\"",
            "method = \"per_kilometre\"",
            "method",
        ),
        ("km = ", "kms = ", "km"),
        ("quantity = ", "quantity = \"many\" # ", "quantity"),
    ];
    for (from, to, key) in broken {
        assert!(text.contains(from), "{from}");
        let value = as_json(&text.replacen(from, to, 1));
        let err = validate(&schema, &schema, &value, "$").expect_err(to);
        assert!(err.contains(key), "{to}: {err}");
    }
}

/// The words an editor offers for a vocabulary, from the schema.
fn words(schema: &Value, name: &str) -> Vec<String> {
    let def = &schema["$defs"][name];
    let options = def["oneOf"].as_array().unwrap_or_else(|| panic!("{name}"));
    options
        .iter()
        .map(|o| {
            assert!(
                o["description"].as_str().is_some_and(|d| !d.is_empty()),
                "{name}: {o} has no description"
            );
            o["const"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn closed_vocabularies_are_enums_with_descriptions() {
    let schema = scenario_schema();
    assert_eq!(words(&schema, "Status"), Status::NAMES);
    assert_eq!(words(&schema, "MethodKind"), MethodKind::NAMES);
    assert_eq!(words(&schema, "DistributionKind"), DistributionKind::NAMES);
    assert_eq!(words(&schema, "Location"), Location::NAMES);
    let pledge = &schema["$defs"]["Pledge"]["properties"];
    assert_eq!(pledge["status"]["$ref"], "#/$defs/Status");
    assert_eq!(pledge["capability"]["$ref"], "#/$defs/Capability");
    let requirement = &schema["$defs"]["Requirement"]["properties"];
    assert_eq!(requirement["method"]["$ref"], "#/$defs/MethodKind");
}

/// Capability names come from the embedded taxonomy, each with its description and unit.
#[test]
fn capabilities_come_from_the_taxonomy() {
    let schema = scenario_schema();
    let offered = &schema["$defs"]["Capability"]["anyOf"][0];
    let offered: Vec<(String, String)> = offered["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["const"].as_str().unwrap().to_string(),
                o["description"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let taxonomy = Taxonomy::default();
    assert_eq!(offered.len(), taxonomy.capabilities().len());
    for (c, (name, description)) in taxonomy.capabilities().iter().zip(&offered) {
        assert_eq!(&c.name, name);
        assert!(description.contains(&c.unit), "{description}");
    }
}

/// Titles and definitions read as the scenario format, not as this crate's Rust types, and every
/// field a user can write says what it is.
#[test]
fn names_and_descriptions_are_for_users() {
    let schema = scenario_schema();
    assert_eq!(schema["title"], "Guarantor scenario");
    let text = schema.to_string();
    assert!(!text.contains("Raw"), "an internal name leaks");
    let mut undocumented = Vec::new();
    for (name, def) in schema["$defs"].as_object().unwrap() {
        for (field, s) in def["properties"].as_object().into_iter().flatten() {
            if s.get("description").is_none() {
                undocumented.push(format!("{name}.{field}"));
            }
        }
    }
    for (field, s) in schema["properties"].as_object().unwrap() {
        if s.get("description").is_none() {
            undocumented.push(format!("scenario.{field}"));
        }
    }
    assert!(undocumented.is_empty(), "no description: {undocumented:?}");
}
