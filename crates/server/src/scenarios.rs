//! The scenarios directory: which names may be asked for, and reading a scenario by name.
//!
//! A name is a file stem (`ukraine-2025-08` for `ukraine-2025-08.toml`) made of ASCII letters,
//! digits, `-`, `_` and inner dots; it cannot hold a separator, `..`, a drive or a leading dot, so
//! it can only name a file directly inside the directory. The resolved path is checked again after
//! symbolic links are followed. This module is not a file browser: it lists `*.toml` files and
//! reads one, nothing else.

use std::path::{Path, PathBuf};

use crate::api::ApiError;

/// A checked scenario name: safe to join to the scenarios directory.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ScenarioName(String);

impl ScenarioName {
    /// Checks a name as sent by a client.
    ///
    /// # Errors
    /// [`ApiError::BadName`] when the name is empty, too long, or holds anything but ASCII
    /// letters, digits, `-`, `_` and dots not at the start and never two in a row.
    pub fn parse(name: &str) -> Result<Self, ApiError> {
        let name = name.strip_suffix(".toml").unwrap_or(name);
        let ok = !name.is_empty()
            && name.len() <= 100
            && !name.starts_with('.')
            && !name.contains("..")
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if ok {
            Ok(ScenarioName(name.to_string()))
        } else {
            Err(ApiError::BadName(name.to_string()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn file(&self, dir: &Path) -> PathBuf {
        dir.join(format!("{}.toml", self.0))
    }
}

/// The scenario names in a directory, sorted.
///
/// # Errors
/// [`ApiError::Io`] when the directory cannot be read.
pub fn list(dir: &Path) -> Result<Vec<ScenarioName>, ApiError> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| ApiError::Io(format!("cannot read the scenarios directory: {e}")))?;
    let mut names: Vec<ScenarioName> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file() || t.is_symlink()))
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let stem = name.strip_suffix(".toml")?;
            ScenarioName::parse(stem).ok()
        })
        .collect();
    names.sort();
    Ok(names)
}

/// The canonical path of a scenario file, checked to lie directly inside `dir`.
///
/// # Errors
/// [`ApiError::NotFound`] when there is no such scenario (with a "did you mean"),
/// [`ApiError::BadName`] when the file resolves outside the directory, [`ApiError::Io`] when the
/// directory cannot be read.
pub fn resolve(dir: &Path, name: &ScenarioName) -> Result<PathBuf, ApiError> {
    let real = name
        .file(dir)
        .canonicalize()
        .map_err(|_| not_found(dir, name))?;
    let root = dir
        .canonicalize()
        .map_err(|e| ApiError::Io(format!("cannot read the scenarios directory: {e}")))?;
    if real.parent() != Some(root.as_path()) {
        return Err(ApiError::BadName(name.as_str().to_string()));
    }
    Ok(real)
}

/// Reads the text of a path returned by [`resolve`].
///
/// # Errors
/// [`ApiError::NotFound`] when the file went away, [`ApiError::Invalid`] when it is not UTF-8,
/// [`ApiError::Io`] otherwise.
pub fn read_resolved(dir: &Path, name: &ScenarioName, real: &Path) -> Result<String, ApiError> {
    let bytes = std::fs::read(real).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => not_found(dir, name),
        _ => ApiError::Io(format!("cannot read scenario `{}`: {e}", name.as_str())),
    })?;
    String::from_utf8(bytes).map_err(|_| {
        ApiError::Invalid(format!(
            "error: scenario `{}` is not UTF-8 text; a scenario is a TOML file\n",
            name.as_str()
        ))
    })
}

/// Reads a scenario's text, making sure the file lies inside `dir`.
///
/// # Errors
/// As [`resolve`] and [`read_resolved`].
pub fn read(dir: &Path, name: &ScenarioName) -> Result<String, ApiError> {
    let real = resolve(dir, name)?;
    read_resolved(dir, name, &real)
}

fn not_found(dir: &Path, name: &ScenarioName) -> ApiError {
    let names = list(dir).unwrap_or_default();
    ApiError::NotFound {
        name: name.as_str().to_string(),
        hint: guarantor_model::did_you_mean(name.as_str(), names.iter().map(|n| n.as_str())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_could_leave_the_directory_are_refused() {
        for bad in [
            "",
            "..",
            "../etc/passwd",
            "/etc/passwd",
            "a/b",
            "a\\b",
            ".hidden",
            "C:evil",
            "a..b",
            "%2e%2e",
            "name\0",
            "ünïcode",
        ] {
            assert!(
                matches!(ScenarioName::parse(bad), Err(ApiError::BadName(_))),
                "{bad:?} was accepted"
            );
        }
        for good in ["ukraine-2025-08", "ukraine-2025-08.toml", "a_b.c"] {
            assert!(ScenarioName::parse(good).is_ok(), "{good:?} was refused");
        }
    }
}
