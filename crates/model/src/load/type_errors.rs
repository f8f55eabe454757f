//! Serde's shape errors, reworded in the scenario's terms.
//!
//! Serde says `invalid type: string "400 km", expected f64` and `missing field `status``; a user
//! needs to read "`km` must be a number of kilometres, e.g. `km = 400`; found the text "400 km"".
//! The TOML error carries the path of keys to the value (`theatre.lines.km`), so the wording is
//! chosen by the key and by what serde expected: a number (with its unit where the key has one),
//! text, a list, `true` or `false`, or a table (with an example of its fields). Anything not
//! recognised keeps serde's words, so a new shape of error is never hidden.

/// A type error reworded: the message and the label under the offending value.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Reworded {
    pub message: String,
    pub label: &'static str,
}

/// Rewords `invalid type: FOUND, expected EXPECTED` for the value at `path` (keys joined by dots).
pub(super) fn invalid_type(message: &str, path: &str) -> Option<Reworded> {
    let rest = message.strip_prefix("invalid type: ")?;
    let (found, expected) = rest.rsplit_once(", expected ")?;
    let key = path.rsplit('.').next().filter(|k| !k.is_empty())?;
    let found = found_words(found);
    let (message, label) = match Expected::parse(expected)? {
        Expected::Number => {
            let (what, example) = number_of(key);
            (
                format!("`{key}` must be {what}, e.g. `{key} = {example}`; found {found}"),
                "not a number",
            )
        }
        Expected::Text if STRING_LISTS.contains(&key) => (
            format!(
                "each item of `{key}` must be text in quotes, e.g. `{key} = [\"{}\"]`; found {found}",
                text_example(key)
            ),
            "not text",
        ),
        Expected::Text => (
            format!(
                "`{key}` must be text in quotes, e.g. `{key} = \"{}\"`; found {found}",
                text_example(key)
            ),
            "not text",
        ),
        Expected::List if TABLE_LISTS.contains(&key) => (
            format!("`{key}` is a list of tables, each written `[[{path}]]`; found {found}"),
            "not a list",
        ),
        Expected::List => (
            format!(
                "`{key}` must be a list, e.g. `{key} = [\"{}\"]`; found {found}",
                text_example(key)
            ),
            "not a list",
        ),
        Expected::Bool => (
            format!("`{key}` must be `true` or `false`; found {found}"),
            "not `true` or `false`",
        ),
        Expected::Table(Some(fields)) => (
            format!("`{key}` must be a table, e.g. `{key} = {fields}`; found {found}"),
            "not a table",
        ),
        Expected::Table(None) => (
            format!("`{key}` must be a table, written `[{path}]`; found {found}"),
            "not a table",
        ),
    };
    Some(Reworded { message, label })
}

/// Rewords `missing field `status`` for a table at `path`.
pub(super) fn missing_field(message: &str, path: &str) -> Option<String> {
    let rest = message.strip_prefix("missing field `")?;
    let field = rest.strip_suffix('`')?;
    if path.is_empty() {
        return Some(format!("the scenario has no `[{field}]` table"));
    }
    let last = path.rsplit('.').next().unwrap_or(path);
    Some(if TABLE_LISTS.contains(&last) {
        format!("each `[[{path}]]` needs `{field}`")
    } else if last == path {
        format!("`[{path}]` needs `{field}`")
    } else {
        format!("`{last}` needs `{field}`")
    })
}

/// What serde expected, in the kinds a TOML writer knows.
enum Expected {
    Number,
    Text,
    List,
    Bool,
    /// A table, with an example of its fields when it is an inline table.
    Table(Option<&'static str>),
}

impl Expected {
    fn parse(expected: &str) -> Option<Self> {
        Some(match expected {
            "f64" | "f32" | "i64" | "i32" | "u64" | "u32" | "usize" => Expected::Number,
            "a string" => Expected::Text,
            "a sequence" => Expected::List,
            "a boolean" => Expected::Bool,
            "a map" => Expected::Table(None),
            other => {
                let fields = inline_table(other.strip_prefix("struct ")?)?;
                Expected::Table((!fields.is_empty()).then_some(fields))
            }
        })
    }
}

/// An example of the inline tables of the format, by the Rust type serde names; an empty example
/// for a table written as a `[section]`; `None` for a type this module does not know.
fn inline_table(raw_type: &str) -> Option<&'static str> {
    Some(match raw_type {
        "RawNumber" => "{ value = 3, source = \"...\" }",
        "RawAttribute" => "{ value = \"...\", source = \"...\" }",
        "RawDuration" => "{ value = 10, source = \"...\" }",
        "RawCapacity" => "{ deployable = 5000, sustainable = 1500, source = \"...\" }",
        "RawConditions" => "{ requires = [\"GBR:ground_troops\"], after = \"ceasefire\" }",
        "RawScenario" | "RawMeta" | "RawTheatre" | "RawGuarantee" => "",
        _ => return None,
    })
}

/// Serde's description of the value found, as a user would say it.
fn found_words(found: &str) -> String {
    if let Some(text) = found.strip_prefix("string ") {
        return format!("the text {text}");
    }
    for prefix in ["integer ", "floating point "] {
        if let Some(n) = found.strip_prefix(prefix) {
            return format!("the number {}", n.trim_matches('`'));
        }
    }
    match found {
        "sequence" => "a list".into(),
        "map" => "a table".into(),
        other if other.starts_with("boolean ") => other["boolean ".len()..].to_string(),
        other => other.to_string(),
    }
}

/// What a number is, in the unit its key implies, and a plausible example.
fn number_of(key: &str) -> (&'static str, &'static str) {
    match key {
        "km" => ("a number of kilometres", "400"),
        "density" => ("a number of units per km of line", "10"),
        "per_site" => ("a number of units per site", "2"),
        "per" => ("a number of base units per unit required", "100"),
        "amount" | "deployable" | "sustainable" => ("a number in the capability's unit", "5000"),
        "rotation" => (
            "a rotation factor (units in the pool per unit deployed)",
            "3",
        ),
        "probability" => ("a probability between 0 and 1", "0.75"),
        "population" => ("a number of residents", "250000"),
        "sd" | "sigma" => ("a number", "0.2"),
        _ => ("a number", "100"),
    }
}

/// An example of the text a key takes.
fn text_example(key: &str) -> &'static str {
    match key {
        "protected" => "UKR",
        "adversary" | "party" => "RUS",
        "code" | "contributor" => "GBR",
        "capability" => "ground_troops",
        "status" => "stated",
        "method" => "per_km",
        "location" => "rear",
        "distribution" => "uniform",
        "as_of" | "date" => "2025-08-19",
        "rule" | "caps" => "no ground_troops",
        "alliances" => "NATO",
        "kinds" => "city",
        "requires" => "GBR:ground_troops",
        "depends_on" => "us_backstop",
        _ => "...",
    }
}

/// Keys whose value is a list of texts.
const STRING_LISTS: [&str; 7] = [
    "sources",
    "evidence",
    "alliances",
    "kinds",
    "requires",
    "depends_on",
    "caps",
];

/// Keys whose value is a list of tables (`[[missions]]`).
const TABLE_LISTS: [&str; 12] = [
    "lines",
    "sites",
    "events",
    "capabilities",
    "layers",
    "missions",
    "requirements",
    "contributors",
    "parties",
    "pledges",
    "red_lines",
    "uncertain",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn reworded(message: &str, path: &str) -> String {
        invalid_type(message, path).unwrap().message
    }

    #[test]
    fn numbers_name_their_unit() {
        assert_eq!(
            reworded(
                r#"invalid type: string "400 km", expected f64"#,
                "theatre.lines.km"
            ),
            r#"`km` must be a number of kilometres, e.g. `km = 400`; found the text "400 km""#
        );
        assert_eq!(
            reworded(
                "invalid type: sequence, expected f64",
                "pledges.probability"
            ),
            "`probability` must be a probability between 0 and 1, e.g. `probability = 0.75`; found a list"
        );
    }

    #[test]
    fn text_lists_and_tables() {
        assert_eq!(
            reworded(
                "invalid type: integer `7`, expected a string",
                "pledges.status"
            ),
            "`status` must be text in quotes, e.g. `status = \"stated\"`; found the number 7"
        );
        assert_eq!(
            reworded(
                "invalid type: integer `1`, expected a string",
                "pledges.sources"
            ),
            "each item of `sources` must be text in quotes, e.g. `sources = [\"...\"]`; found the number 1"
        );
        assert_eq!(
            reworded(
                "invalid type: integer `3`, expected a sequence",
                "missions.requirements"
            ),
            "`requirements` is a list of tables, each written `[[missions.requirements]]`; found the number 3"
        );
        assert_eq!(
            reworded(
                "invalid type: integer `3`, expected struct RawNumber",
                "scenario.default_rotation"
            ),
            "`default_rotation` must be a table, e.g. `default_rotation = { value = 3, source = \"...\" }`; found the number 3"
        );
        assert_eq!(
            reworded(
                "invalid type: integer `3`, expected struct RawTheatre",
                "theatre"
            ),
            "`theatre` must be a table, written `[theatre]`; found the number 3"
        );
        assert_eq!(
            reworded(
                "invalid type: string \"yes\", expected a boolean",
                "contributors.nuclear_armed"
            ),
            "`nuclear_armed` must be `true` or `false`; found the text \"yes\""
        );
    }

    /// What this module does not recognise keeps serde's words rather than a wrong rewording.
    #[test]
    fn unknown_shapes_are_left_alone() {
        assert_eq!(
            invalid_type("invalid type: integer `3`, expected struct Other", "x"),
            None
        );
        assert_eq!(invalid_type("invalid length 3, expected 2", "x"), None);
        assert_eq!(
            invalid_type("invalid type: integer `3`, expected f64", ""),
            None
        );
    }

    #[test]
    fn missing_fields_name_their_table() {
        assert_eq!(
            missing_field("missing field `status`", "pledges").as_deref(),
            Some("each `[[pledges]]` needs `status`")
        );
        assert_eq!(
            missing_field("missing field `as_of`", "scenario").as_deref(),
            Some("`[scenario]` needs `as_of`")
        );
        assert_eq!(
            missing_field("missing field `value`", "contributors.gdp_usd_bn").as_deref(),
            Some("`gdp_usd_bn` needs `value`")
        );
        assert_eq!(
            missing_field("missing field `theatre`", "").as_deref(),
            Some("the scenario has no `[theatre]` table")
        );
    }
}
