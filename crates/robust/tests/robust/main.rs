//! Integration tests of guarantor-robust: known answers from outside the project (Ishigami,
//! Sobol g-function, closed-form probabilities), the fast path against the engine, determinism
//! across thread counts, diagnostics of bad uncertainty input, and snapshots of the reports.

mod crosscheck;
mod diagnostics;
mod fixtures;
mod known_answers;
mod probabilities;
mod snapshots;
