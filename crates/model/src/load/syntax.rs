//! Errors that stop loading before the checker runs: TOML syntax and serde's shape errors.
//!
//! Serde cannot go on after the first such error, so there is one diagnostic; this module words it
//! for a user (type errors and missing keys through [`super::type_errors`]) and adds "did you
//! mean" to unknown keys.

use crate::diag::Diagnostic;
use crate::suggest::did_you_mean;

use super::type_errors;

/// Turns a TOML/serde error into a diagnostic: type errors and missing keys in the scenario's
/// words ([`super::type_errors`]), "did you mean" added to unknown keys.
pub(super) fn toml_error(e: &toml::de::Error) -> Diagnostic {
    let message = e.message().trim().to_string();
    let help = || Some("see `docs/scenario-format.md`, or `guarantor schema` for editors".into());
    if let Some(path) = key_path(e) {
        if let Some(r) = type_errors::invalid_type(&message, &path) {
            return Diagnostic::error(r.message, e.span())
                .with_label(r.label)
                .with_help_opt(help());
        }
        if let Some(m) = type_errors::missing_field(&message, &path) {
            return Diagnostic::error(m, e.span())
                .with_label("missing key")
                .with_help_opt(help());
        }
    }
    let hint = unknown_field_hint(&message);
    // The field list goes into the hint; the message names only the offending key.
    let message = match (&hint, message.split_once(", expected")) {
        (Some(_), Some((head, _))) if message.starts_with("unknown field") => head.to_string(),
        _ => message,
    };
    let help = hint.or_else(help);
    Diagnostic::error(first_line(&message), e.span())
        .with_label("here")
        .with_help_opt(help)
}

/// The keys leading to the offending value (`theatre.lines.km`; empty at the top level), which the
/// TOML error prints, without its source excerpt, as a last line "in `...`".
fn key_path(e: &toml::de::Error) -> Option<String> {
    let mut bare = e.clone();
    bare.set_input(None);
    let text = bare.to_string();
    let last = text.lines().last()?;
    match last.strip_prefix("in `").and_then(|l| l.strip_suffix('`')) {
        Some(path) => Some(path.to_string()),
        None if text.lines().count() == 1 => Some(String::new()),
        None => None,
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or(s).to_string()
}

/// serde writes "unknown field `quantiy`, expected one of `id`, `contributor`, ...".
fn unknown_field_hint(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    match did_you_mean(field, expected.iter().copied()) {
        Some(s) => Some(format!("did you mean `{s}`?")),
        None if !expected.is_empty() => Some(format!(
            "allowed here: {}",
            expected
                .iter()
                .map(|e| format!("`{e}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_hint_suggests() {
        let m = "unknown field `quantiy`, expected one of `id`, `quantity`, `status`";
        assert_eq!(
            unknown_field_hint(m).as_deref(),
            Some("did you mean `quantity`?")
        );
        let m = "unknown field `zzz`, expected `id` or `name`";
        assert_eq!(
            unknown_field_hint(m).as_deref(),
            Some("allowed here: `id`, `name`")
        );
    }
}
