//! The one integration-test binary: runs the real `guarantor` executable in a scratch directory
//! and checks what a user sees (stdout, stderr, exit code).

mod assess;
mod credibility;
mod errors;
mod export;
mod habits;
mod ingest;
mod ledger;
mod serve;
mod status;
mod time;
mod timeline;
mod util;
mod validation;
