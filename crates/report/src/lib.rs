//! Readable reports of Guarantor results.
//!
//! Text tables for the terminal live here ([`text`]); HTML and charts join them later. Reports are
//! pure functions from engine results to strings: no terminal detection, no colour, no I/O, so the
//! same result always prints the same text and snapshot tests can hold it.

pub mod text;
