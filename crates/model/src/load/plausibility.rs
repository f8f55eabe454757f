//! Inputs of the theatre outside every historical range (a 400,000 km line), as warnings with
//! the range and its source; the ranges of requirement parameters are checked where each method
//! is loaded ([`super::requirements`]).

use crate::plausibility::{Measure, range};
use crate::raw::RawTheatre;

use super::checker::{Checker, span_of};
use super::requirements::fmt;

impl Checker {
    /// Each theatre line's length against the range of lines in the record.
    pub(super) fn line_lengths(&mut self, theatre: &RawTheatre) {
        let Some(range) = range(Measure::LineKm, "") else {
            return;
        };
        for line in &theatre.lines {
            let km = *line.km.get_ref();
            if km.is_finite() && range.outside(km) {
                self.warn_help(
                    format!(
                        "line `{}` is {} km long, outside every line in the record",
                        line.id.get_ref(),
                        fmt(km)
                    ),
                    span_of(&line.km),
                    "outside the historical range",
                    &format!(
                        "lines watched or held run {}-{} km ({}); check the unit and the figure",
                        fmt(range.low),
                        fmt(range.high),
                        range.source
                    ),
                );
            }
        }
    }
}
