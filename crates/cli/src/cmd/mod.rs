//! One module per subcommand.

pub mod assess;
pub mod check;
pub mod compare;
pub mod schema;
