//! `--set PATH=VALUE`: change one value of a scenario before it is checked.
//!
//! The override is applied to the TOML text (with `toml_edit`, which keeps the file's layout), and
//! the result is loaded as usual, so an override is checked exactly like a hand edit. A path walks
//! tables by key and arrays of tables by an element's `id` (or `code`, `capability`, `name`, or a
//! position): `pledges.gbr-troops.quantity=5000`,
//! `missions.reassurance.requirements.ground_troops.per_site=800`,
//! `theatre.lines.contact_line.km=1300`, `events.ceasefire.holds=false`.

use thiserror::Error;
use toml_edit::{DocumentMut, Item, Value};

use crate::suggest::did_you_mean;

/// Why an override could not be applied.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum OverrideError {
    #[error("`--set {0}` is not of the form PATH=VALUE")]
    Syntax(String),
    #[error("`--set`: no `{segment}` in `{at}`{}", hint_text(.hint))]
    NoSuchKey {
        segment: String,
        at: String,
        hint: Option<String>,
    },
    #[error("`--set`: `{at}` is a value, so `{segment}` cannot be looked up in it")]
    NotATable { segment: String, at: String },
    #[error("`--set`: the scenario is not valid TOML, so it cannot be edited: {0}")]
    Document(String),
}

fn hint_text(hint: &Option<String>) -> String {
    match hint {
        Some(h) => format!(" (did you mean `{h}`?)"),
        None => String::new(),
    }
}

/// One `PATH=VALUE` pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    pub path: Vec<String>,
    pub value: String,
}

impl std::str::FromStr for Override {
    type Err = OverrideError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (path, value) = s
            .split_once('=')
            .ok_or_else(|| OverrideError::Syntax(s.to_string()))?;
        let path: Vec<String> = path
            .trim()
            .split('.')
            .map(|p| p.trim().to_string())
            .collect();
        if path.iter().any(String::is_empty) || value.trim().is_empty() {
            return Err(OverrideError::Syntax(s.to_string()));
        }
        Ok(Override {
            path,
            value: value.trim().to_string(),
        })
    }
}

/// The keys that identify an element of an array of tables, in the order they are tried.
const ID_KEYS: [&str; 4] = ["id", "code", "capability", "name"];

/// Applies overrides to scenario text and returns the edited text.
pub fn apply(source: &str, overrides: &[Override]) -> Result<String, OverrideError> {
    if overrides.is_empty() {
        return Ok(source.to_string());
    }
    let mut doc: DocumentMut = source
        .parse()
        .map_err(|e: toml_edit::TomlError| OverrideError::Document(e.message().to_string()))?;
    for o in overrides {
        set(doc.as_item_mut(), o)?;
    }
    Ok(doc.to_string())
}

fn parse_value(text: &str) -> Value {
    // A bare word such as `mid` is a string; anything TOML can read as a value is that value.
    text.parse::<Value>()
        .unwrap_or_else(|_| Value::from(text.to_string()))
}

fn set(root: &mut Item, o: &Override) -> Result<(), OverrideError> {
    let mut item = root;
    let mut at = String::from("the scenario");
    let last = o.path.len() - 1;
    for (i, segment) in o.path.iter().enumerate() {
        if let Some(array) = item.as_array_of_tables_mut() {
            let index = segment.parse::<usize>().ok().or_else(|| {
                array.iter().position(|t| {
                    ID_KEYS
                        .iter()
                        .any(|k| t.get(k).and_then(Item::as_str) == Some(segment.as_str()))
                })
            });
            let Some(index) = index.filter(|&i| i < array.len()) else {
                let names: Vec<String> = array
                    .iter()
                    .filter_map(|t| ID_KEYS.iter().find_map(|k| t.get(k).and_then(Item::as_str)))
                    .map(String::from)
                    .collect();
                return Err(OverrideError::NoSuchKey {
                    segment: segment.clone(),
                    at,
                    hint: did_you_mean(segment, names.iter().map(String::as_str)),
                });
            };
            if i == last {
                return Err(OverrideError::NotATable {
                    segment: segment.clone(),
                    at,
                });
            }
            // The element is a table inside the array: walk into it with the rest of the path.
            let table = array
                .get_mut(index)
                .ok_or_else(|| OverrideError::NoSuchKey {
                    segment: segment.clone(),
                    at: at.clone(),
                    hint: None,
                })?;
            at = format!("{at}.{segment}");
            return set_in_table(table, &o.path[i + 1..], &o.value, at);
        }
        let Some(table) = item.as_table_like_mut() else {
            return Err(OverrideError::NotATable {
                segment: segment.clone(),
                at,
            });
        };
        if i == last {
            let value = parse_value(&o.value);
            match table.get_mut(segment) {
                Some(existing) if existing.is_value() => {
                    let decor = existing.as_value().map(|v| v.decor().clone());
                    let mut value = value;
                    if let Some(d) = decor {
                        *value.decor_mut() = d;
                    }
                    *existing = Item::Value(value);
                }
                _ => {
                    table.insert(segment, Item::Value(value));
                }
            }
            return Ok(());
        }
        let keys: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
        let Some(next) = table.get_mut(segment) else {
            return Err(OverrideError::NoSuchKey {
                segment: segment.clone(),
                at,
                hint: did_you_mean(segment, keys.iter().map(String::as_str)),
            });
        };
        at = if at == "the scenario" {
            segment.clone()
        } else {
            format!("{at}.{segment}")
        };
        item = next;
    }
    Ok(())
}

fn set_in_table(
    table: &mut toml_edit::Table,
    rest: &[String],
    value: &str,
    at: String,
) -> Result<(), OverrideError> {
    let mut item = Item::Table(std::mem::take(table));
    let result = set(
        &mut item,
        &Override {
            path: rest.to_vec(),
            value: value.to_string(),
        },
    )
    .map_err(|e| match e {
        OverrideError::NoSuchKey {
            segment,
            at: inner,
            hint,
        } => OverrideError::NoSuchKey {
            segment,
            at: if inner == "the scenario" {
                at.clone()
            } else {
                format!("{at}.{inner}")
            },
            hint,
        },
        other => other,
    });
    if let Item::Table(t) = item {
        *table = t;
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"
[scenario]
id = "x" # keep me

[[pledges]]
id = "gbr-troops"
quantity = 100

[[missions]]
id = "m"
[[missions.requirements]]
capability = "ground_troops"
per_site = 10
"#;

    fn o(s: &str) -> Override {
        s.parse().unwrap()
    }

    #[test]
    fn sets_values_by_key_and_id() {
        let out = apply(DOC, &[o("pledges.gbr-troops.quantity=250")]).unwrap();
        assert!(out.contains("quantity = 250"), "{out}");
        assert!(out.contains("# keep me"));
        let out = apply(
            DOC,
            &[o("missions.m.requirements.ground_troops.per_site=[1, 2]")],
        )
        .unwrap();
        assert!(out.contains("per_site = [1, 2]"), "{out}");
        let out = apply(DOC, &[o("scenario.quantity_basis=mid")]).unwrap();
        assert!(out.contains("quantity_basis = \"mid\""), "{out}");
        let out = apply(DOC, &[o("pledges.0.quantity=7")]).unwrap();
        assert!(out.contains("quantity = 7"), "{out}");
    }

    #[test]
    fn unknown_paths_are_errors_with_hints() {
        let e = apply(DOC, &[o("pledges.gbr-trops.quantity=1")]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "`--set`: no `gbr-trops` in `pledges` (did you mean `gbr-troops`?)"
        );
        let e = apply(DOC, &[o("scenaro.id=1")]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "`--set`: no `scenaro` in `the scenario` (did you mean `scenario`?)"
        );
        let e = apply(DOC, &[o("scenario.id.x=1")]).unwrap_err();
        assert!(e.to_string().contains("is a value"), "{e}");
        assert!("novalue".parse::<Override>().is_err());
        assert!("a..b=1".parse::<Override>().is_err());
        assert!("a=".parse::<Override>().is_err());
    }
}
