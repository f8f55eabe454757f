//! One module per subcommand.

pub mod allocate;
pub mod assess;
pub mod check;
pub mod compare;
pub mod credibility;
pub mod evidence;
pub mod ingest;
pub mod report;
pub mod schema;
pub mod sensitivity;
pub mod serve;
pub mod simulate;
