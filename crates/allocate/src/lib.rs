//! Burden-sharing allocation: the least-burden or fairest set of extra contributions that closes
//! a scenario's gaps within capacities, red lines and political caps, or why none exists.
//!
//! Pipeline: [`instance`] reads a scenario and its assessment into plain data (who can still give
//! what, which missions lack what, which rules bound it); [`formulate`] writes the mixed-integer
//! program and solves it in phases (least shortfall, then the objective, then a tie-break)
//! through a [`Solver`] ([`Cbc`] by default, see [`DefaultSolver`]); [`explain`] names what binds each shortfall;
//! [`allocate()`] assembles the report, with the assessment after the allocation; [`text`]
//! renders it. Weights come from `data/cost-weights.toml` ([`weights`]).
//!
//! Architecture invariants: no I/O (but the pipe to the child process each CBC solve runs in,
//! `src/isolate.rs`), no clock, no randomness; the same scenario and options give
//! the same report. Solving is the solver's job: there is no hand-written branch and bound here.
//! The engine's coverage rules are the judge: `after` is computed by `guarantor_engine::assess`,
//! and a feasible allocation leaves no gap in it (tested).

pub mod allocate;
pub mod explain;
pub mod formulate;
pub mod instance;
mod isolate;
pub mod program;
pub mod relax;
pub mod text;
pub mod weights;

pub use allocate::{
    AllocateError, AllocationReport, Allotment, Options, SCHEMA_VERSION, ShareRow, Shortfall,
    allocate, report_schema,
};
pub use explain::{Binding, Namer};
pub use formulate::Objective;
pub use instance::Instance;
#[cfg(feature = "solver-highs")]
pub use program::Highs;
pub use program::{Cbc, DefaultSolver, Program, SolveError, Solver, shipped_solvers};
pub use relax::{Lift, Relaxation, Relaxations};
pub use weights::CostWeights;
