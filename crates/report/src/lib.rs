//! Readable reports of Guarantor results.
//!
//! Text tables for the terminal ([`text`]), and the self-contained HTML report ([`html`]) with its
//! hand-written SVG charts ([`svg`]), the dashboard's theatre map ([`map`]), and its sections on robustness ([`robustness`]), allocation
//! ([`allocation`]) and the stance timeline ([`timeline`]). Results are computed by the caller
//! (Monte Carlo, the solver, the ledger read from its database) and passed in. Reports are pure functions from engine results to strings:
//! no terminal detection, no colour, no I/O, no clock, so the same result always gives the same
//! text and snapshot tests can hold it.

pub mod allocation;
pub mod findings;
pub mod html;
pub mod map;
pub mod names;
pub mod robustness;
pub mod sequence;
pub mod svg;
pub mod text;
pub mod timeline;
