//! The one table style of every text report (`assess`, `compare`, `simulate`, `sensitivity`,
//! `allocate`, `credibility`, `timeline`, `capacities`): a rule under the header and nothing else,
//! no colour, so tables stay readable in a pager, in a diff and in a snapshot test.
//!
//! It lives in the engine because every crate that prints a table depends on the engine, and
//! the style must be written once.

use comfy_table::{CellAlignment, ContentArrangement, LineStyle, Table, TableStyle};

/// The width text tables wrap to, in columns.
pub const WIDTH: u16 = 120;

const STYLE: TableStyle =
    TableStyle::new().header_separator(LineStyle::none().fill('─').junction(' '));

/// An empty table in the report style, at most [`WIDTH`] columns wide, with the given columns
/// aligned right (numbers).
pub fn table<S: ToString>(header: &[S], right_aligned: &[usize]) -> Table {
    table_of_width(header, right_aligned, WIDTH)
}

/// [`table`] with another width, for the few tables that carry long evidence text.
pub fn table_of_width<S: ToString>(header: &[S], right_aligned: &[usize], width: u16) -> Table {
    let mut t = Table::new();
    t.load_style(STYLE)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(header.iter().map(ToString::to_string).collect::<Vec<_>>());
    for &i in right_aligned {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_under_the_header_and_numbers_on_the_right() {
        let mut t = table(&["name", "amount"], &[1]);
        t.add_row(vec!["troops".to_string(), "1,350".to_string()]);
        t.add_row(vec!["batteries".to_string(), "2".to_string()]);
        assert_eq!(
            t.to_string(),
            " name        amount \n─────────── ────────\n troops       1,350 \n batteries        2 "
        );
    }
}
