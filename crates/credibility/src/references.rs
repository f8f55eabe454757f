//! The reference arrangements a package is set against, compiled in from `scenarios/references/`.
//!
//! Each is an ordinary scenario file (it loads with `guarantor check`), so its attributes and
//! pledges carry their sources like any other scenario. This module only hands out the texts and
//! loads them; scoring is [`crate::indicator`]'s job.

use guarantor_model::{Diagnostic, Scenario};

/// A reference arrangement as shipped.
#[derive(Debug, Clone, Copy)]
pub struct Reference {
    /// Path in the repository, for messages.
    pub path: &'static str,
    pub text: &'static str,
}

/// The shipped reference arrangements, in no particular order (the ranking orders them).
pub const REFERENCES: [Reference; 5] = [
    Reference {
        path: "scenarios/references/nato-baltic-efp.toml",
        text: include_str!("../../../scenarios/references/nato-baltic-efp.toml"),
    },
    Reference {
        path: "scenarios/references/us-korea.toml",
        text: include_str!("../../../scenarios/references/us-korea.toml"),
    },
    Reference {
        path: "scenarios/references/mfo-sinai.toml",
        text: include_str!("../../../scenarios/references/mfo-sinai.toml"),
    },
    Reference {
        path: "scenarios/references/bilateral-2024.toml",
        text: include_str!("../../../scenarios/references/bilateral-2024.toml"),
    },
    Reference {
        path: "scenarios/references/budapest-1994.toml",
        text: include_str!("../../../scenarios/references/budapest-1994.toml"),
    },
];

/// A shipped reference that does not load: a bug of the release, not of the user's input.
#[derive(Debug, Clone, thiserror::Error)]
#[error("reference arrangement `{path}` does not load: {}", .diagnostics.iter().map(|d| d.message.clone()).collect::<Vec<_>>().join("; "))]
pub struct BrokenReference {
    pub path: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads every shipped reference.
///
/// # Errors
/// When a shipped file has an error (the tests rule this out for a release).
pub fn load_references() -> Result<Vec<(Reference, Scenario)>, BrokenReference> {
    REFERENCES
        .iter()
        .map(|r| {
            let loaded = guarantor_model::load(r.text);
            match loaded.scenario {
                Some(s) if !loaded.has_errors() => Ok((*r, s)),
                _ => Err(BrokenReference {
                    path: r.path.to_string(),
                    diagnostics: loaded.diagnostics,
                }),
            }
        })
        .collect()
}
