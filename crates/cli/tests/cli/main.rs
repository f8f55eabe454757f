//! The one integration-test binary: runs the real `guarantor` executable in a scratch directory
//! and checks what a user sees (stdout, stderr, exit code).

mod assess;
mod credibility;
mod errors;
mod serve;
mod util;
mod validation;
