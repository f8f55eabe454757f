//! Guarantor's scenario model: the typed form of a security-guarantee scenario file.
//!
//! A scenario (TOML) says who pledges what to which mission, on what conditions, against which
//! requirements and red lines. This crate parses it, checks it, and hands the engine a
//! [`Scenario`] in which every reference (capability, contributor, mission, event) is known to
//! resolve. It is pure: no files, no terminal, no clock; the caller passes text in.
//!
//! Architecture invariant: this crate depends on nothing else of Guarantor.

pub mod conditions;
pub mod date;
pub mod diag;
pub mod formations;
pub mod load;
pub mod overrides;
pub mod plausibility;
pub mod raw;
pub mod redline;
pub mod scenario;
pub mod schema;
mod suggest;
pub mod taxonomy;
pub mod vocabulary;

pub use conditions::{ConditionGraph, LapseReason, Stuck};
pub use date::{Date, DateError};
pub use diag::{Diagnostic, Severity};
pub use formations::{Echelon, Formation, FormationEnd, Formations};
pub use load::{Loaded, load};
pub use overrides::{Override, OverrideError};
pub use redline::{Bound, PartyRef, PartySet, Place, Rule};
pub use scenario::*;
pub use schema::scenario_schema;
pub use suggest::did_you_mean;
pub use taxonomy::{Aggregate, Capability, CapabilityKind, Taxonomy};
