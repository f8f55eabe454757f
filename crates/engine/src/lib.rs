//! Guarantor's assessment engine: from a checked scenario to what the guarantee covers.
//!
//! The rules that decide coverage (eligibility, pledge conditions to a least fixed point, the
//! coverage passes, the amounts capacity and red-line checks read) are written once, in the
//! compiled [`kernel`], which [`assess()`] evaluates at the scenario's own point and
//! `guarantor_robust` evaluates per Monte Carlo draw. Around it, [`assess()`] explains the result:
//! requirements per mission with their formulas ([`requirement`]), lapsed pledges, coverage and
//! gaps ([`coverage`]), each contributor against its capacity ([`capacity`]), red lines
//! ([`redlines`]). [`compare()`] sets two assessments side by side.
//!
//! Architecture invariant: the engine is pure. It reads no file, prints nothing and has no clock
//! or randomness; the same scenario always gives the same assessment, in the same order.

pub mod assess;
pub mod capacity;
pub mod compare;
pub mod coverage;
pub mod explain;
pub mod kernel;
pub mod number;
pub mod redlines;
pub mod requirement;
pub mod rules;
pub mod table;

pub use assess::{
    Assessment, Excluded, Lapsed, PledgeStatus, SCHEMA_VERSION, ScenarioInfo, Summary,
    UnknownContributor, assess, assess_without, assessment_schema, without,
};
pub use capacity::ContributorLoad;
pub use compare::{Comparison, compare};
pub use coverage::{CapabilityTotal, Contribution, CoverageRow, LayerTotal};
pub use explain::{Explanation, Segment};
pub use kernel::{Kernel, Number, State, party_matches, rule_selects};
pub use number::{decimals, fmt_amount, fmt_capacity, fmt_need, fmt_num, round_to, total};
pub use redlines::RedLineCheck;
pub use requirement::{Requirement, requirements};
