//! Readable reports of Guarantor results.
//!
//! Text tables for the terminal ([`text`]), and the self-contained HTML report ([`html`]) with its
//! hand-written SVG charts ([`svg`]). Reports are pure functions from engine results to strings:
//! no terminal detection, no colour, no I/O, no clock, so the same result always gives the same
//! text and snapshot tests can hold it.

pub mod html;
pub mod svg;
pub mod text;
