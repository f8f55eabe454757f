//! The JSON Schema of the scenario format, for editors (`guarantor schema`).
//!
//! It is derived from [`crate::raw`], whose doc comments are its descriptions, with the types
//! here standing in where the file's shape is wider than one Rust type (a number or a word, one
//! id or a list) or where the words come from data: the capability names are those of the
//! embedded taxonomy (`data/capabilities.toml`), each with its description and unit, so an
//! editor completes `capability = "` with them. A scenario may add capabilities, so the schema
//! offers the taxonomy's names without refusing others; the loader is what rejects a misspelt
//! one, with a "did you mean".
//!
//! These types exist only for the schema; nothing deserialises into them.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Value, json};

use crate::raw::{RawCapacity, RawScenario};
use crate::scenario::TheatreFigure;
use crate::taxonomy::Taxonomy;

/// The JSON Schema of the scenario format.
pub fn scenario_schema() -> Value {
    serde_json::to_value(schemars::schema_for!(RawScenario)).unwrap_or(Value::Null)
}

/// A named value of a `[guarantee]` attribute, with the source it comes from.
#[derive(JsonSchema)]
#[schemars(rename = "{T}Attribute")]
#[allow(dead_code)]
pub(crate) struct Attribute<T> {
    /// The value.
    value: T,
    /// Where the value comes from; say `judgement: ...` when it is one.
    #[serde(default)]
    source: String,
}

/// A capability name: one of the default taxonomy's, or one the scenario adds under
/// `[[capabilities]]`.
pub(crate) struct CapabilityName;

impl JsonSchema for CapabilityName {
    fn schema_name() -> Cow<'static, str> {
        "Capability".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let known: Vec<Value> = Taxonomy::default()
            .capabilities()
            .iter()
            .map(|c| {
                json!({
                    "const": c.name,
                    "description": format!("{} (in {})", c.description.trim(), c.unit),
                })
            })
            .collect();
        json_schema!({
            "description": "A capability of the taxonomy (`data/capabilities.toml`), or one the scenario adds under `[[capabilities]]`.",
            "anyOf": [
                { "oneOf": known },
                { "type": "string", "description": "A capability the scenario adds under `[[capabilities]]`." },
            ],
        })
    }
}

/// A contributor's capacities, keyed by capability name.
pub(crate) struct CapacityTable;

impl JsonSchema for CapacityTable {
    fn schema_name() -> Cow<'static, str> {
        "CapacityTable".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let capacity = generator.subschema_for::<RawCapacity>().to_value();
        let properties: serde_json::Map<String, Value> = Taxonomy::default()
            .capabilities()
            .iter()
            .map(|c| {
                let described = json!({
                    "allOf": [capacity.clone()],
                    "description": format!("Capacity for {} (in {})", c.name, c.unit),
                });
                (c.name.clone(), described)
            })
            .collect();
        json_schema!({
            "description": "Capacity per capability: `[contributors.capacity.ground_troops]` with `deployable` and/or `sustainable`.",
            "type": "object",
            "properties": properties,
            "additionalProperties": capacity,
        })
    }
}

/// What a `ratio` requirement divides.
#[derive(JsonSchema)]
#[schemars(rename = "RatioBase")]
#[serde(untagged)]
#[allow(dead_code)]
pub(crate) enum RatioBase {
    /// A number stated in the requirement.
    Number(#[schemars(range(min = 0))] f64),
    /// A figure of the theatre.
    Theatre(TheatreFigure),
}

/// How long a commitment runs.
#[derive(JsonSchema)]
#[schemars(rename = "DurationValue")]
#[serde(untagged)]
#[allow(dead_code)]
pub(crate) enum DurationValue {
    /// A number of years.
    Years(#[schemars(range(min = 0))] f64),
    /// No end date.
    OpenEnded(OpenEnded),
}

/// A commitment with no end date.
#[derive(JsonSchema)]
#[allow(dead_code)]
pub(crate) enum OpenEnded {
    /// No end date.
    #[serde(rename = "open_ended")]
    OpenEnded,
}

/// One event id, or a list of them.
#[derive(JsonSchema)]
#[schemars(rename = "EventIds")]
#[serde(untagged)]
#[allow(dead_code)]
pub(crate) enum EventIds {
    /// One event.
    One(String),
    /// Several events, all of which must have happened.
    Several(Vec<String>),
}
