//! One module per subcommand.

pub mod allocate;
pub mod assess;
pub mod capacities;
pub mod check;
pub mod compare;
pub mod completions;
pub mod credibility;
pub mod evidence;
pub mod ingest;
pub mod man;
pub mod report;
pub mod schema;
pub mod sensitivity;
pub mod serve;
pub mod simulate;
pub mod timeline;
