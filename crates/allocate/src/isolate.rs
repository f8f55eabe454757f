//! CBC in a child process, so that a solver abort ends the child, not the caller.
//!
//! Debian's CBC 2.10.8 and CLP 1.17.6 are built with their C++ assertions on, and a few
//! numerically delicate programs trip one: the generated scenarios of `tests/never_fails.rs`
//! found `ClpNonLinearCost.cpp:1064: Assertion 'lowerValue <= upperValue'` about once in 4,000
//! cases, and `tests/brute_force.rs` an `OsiPresolve::postsolve` assertion. An assertion calls
//! `abort()`: in-process, the `guarantor` command, the dashboard's server and the test harness
//! all died with SIGABRT on valid input, with no error to report or recover from. Which program
//! trips it is numerical chance (the same program solved with its earlier optimum held 1e-8 or
//! 1e-6 above its value, and aborted at 1e-7), so no formulation can promise to avoid it.
//!
//! So the model is built in this process and solved in a `fork()`ed child, which writes the
//! status and the column values to a pipe and exits; a child killed by a signal becomes
//! [`Failure::Crashed`], with what it wrote to its standard error (the assertion), and the caller can try
//! the program another way. The child costs about 4 ms per solve (the bench's 40 x 30 instance:
//! `allocate` 39 -> 50 ms for the least burden, 160 -> 178 ms for fair share; docs/allocation.md).
//!
//! Forking a multithreaded process leaves the child only the forking thread, with every lock
//! held as it was. The child therefore runs no Rust allocation and takes no lock another thread
//! could hold: the model is built before the fork, [`solve`] holds a process-wide lock for the
//! whole build, fork and wait (so no other thread of this process is inside CBC, whose own
//! global lock the child takes once), and the child calls only CBC (C++, allocating through
//! glibc's malloc, which resets its locks in a forked child), reads CBC's own solution array,
//! writes it with `write(2)` and leaves with `_exit(2)`. Unix only, as the project is (Debian).

use std::io::{PipeWriter, Read, Write};
use std::os::fd::AsRawFd;

use coin_cbc::raw::{Model, Status};

/// How a solve in the child ended, in the terms of [`crate::program::SolveError`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Outcome {
    /// The value of every column, in column order.
    Solved(Vec<f64>),
    Infeasible,
    Unbounded,
    /// CBC stopped without an answer (abandoned, or stopped other than on time).
    Stopped(&'static str),
}

/// Why a solve in a child gave no outcome.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Failure {
    /// The child was killed by a signal (an assertion's `abort()` is SIGABRT), with the last
    /// line it wrote to its standard error (the assertion).
    Crashed { signal: i32, message: String },
    /// The child could not be started, or ended without a whole answer.
    Failed(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Crashed { signal, message } => {
                write!(f, "CBC crashed (signal {signal})")?;
                if !message.is_empty() {
                    write!(f, ": {message}")?;
                }
                Ok(())
            }
            Failure::Failed(why) => f.write_str(why),
        }
    }
}

/// How a child that was not killed ended: what it wrote to the pipe, its exit code and the last
/// line of its standard error.
struct Ended {
    out: Vec<u8>,
    code: i32,
    stderr: String,
}

/// Status tags on the pipe, before the values.
const SOLVED: u8 = 0;
const INFEASIBLE: u8 = 1;
const UNBOUNDED: u8 = 2;
const ABANDONED: u8 = 3;
const STOPPED: u8 = 4;

/// What CBC's status after a solve means, as good_lp 1.15 reads it: stopped other than on time,
/// abandoned or in a user event is no answer; finished (or not launched, when presolve decided)
/// is unbounded, infeasible or a solution.
fn tag(model: &Model) -> u8 {
    match model.status() {
        Status::Stopped
            if model.secondary_status() == coin_cbc::raw::SecondaryStatus::StoppedOnTime =>
        {
            SOLVED
        }
        Status::Stopped | Status::UserEvent => STOPPED,
        Status::Abandoned => ABANDONED,
        Status::Finished | Status::Unlaunched => {
            if model.is_continuous_unbounded() {
                UNBOUNDED
            } else if model.is_proven_infeasible() {
                INFEASIBLE
            } else {
                SOLVED
            }
        }
    }
}

/// Serialises every solve of the process (see the module documentation).
static SOLVING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Solves `build()`'s model in a child process. `build` runs here, under the process-wide lock.
pub(crate) fn solve(build: impl FnOnce() -> Model) -> Result<Outcome, Failure> {
    // SAFETY: the child calls CBC, reads its solution array and writes it to the pipe: no Rust
    // allocation and no lock but coin_cbc's own, which no thread holds (`SOLVING`).
    let ended = unsafe {
        in_child(build, |model, mut out| {
            model.solve();
            let t = tag(model);
            // A failed write leaves the parent an incomplete answer, which it reports.
            let _ = out.write_all(&[t]);
            if t == SOLVED {
                let values = model.col_solution();
                // SAFETY: a slice of f64 seen as its bytes, in this machine's order, read back by
                // the parent on the same machine.
                let bytes = std::slice::from_raw_parts(
                    values.as_ptr().cast::<u8>(),
                    std::mem::size_of_val(values),
                );
                let _ = out.write_all(bytes);
            }
        })
    }?;
    decode(&ended.out).ok_or_else(|| {
        let mut why = format!(
            "the solver ended without a whole answer (exit code {})",
            ended.code
        );
        if !ended.stderr.is_empty() {
            why.push_str(": ");
            why.push_str(&ended.stderr);
        }
        Failure::Failed(why)
    })
}

/// Leaves a forked child if `child` unwinds, rather than returning into the caller's frames
/// as a copy of the parent.
struct ExitOnUnwind;

impl Drop for ExitOnUnwind {
    fn drop(&mut self) {
        // SAFETY: ends the child process; runs only in the child.
        unsafe { libc::_exit(127) }
    }
}

/// Runs `build` here and `child` on its result in a forked child process, which writes its
/// answer to the descriptor it is given; returns what it wrote, or how it died.
///
/// # Safety
/// `child` runs in a forked copy of a possibly multithreaded process, where only this thread
/// exists and every lock is as other threads left it: it must not allocate through Rust's
/// allocator (mimalloc has no fork handlers), print, or take any lock another thread may hold.
unsafe fn in_child<T>(
    build: impl FnOnce() -> T,
    child: impl FnOnce(&mut T, &PipeWriter),
) -> Result<Ended, Failure> {
    // A poisoned lock only means another solve panicked in this process; CBC's state is in the
    // children.
    let _solving = SOLVING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut value = build();
    // Closed on exec: a program another thread starts meanwhile must not hold a write end open,
    // or the parent would wait for that program's end.
    let start_failed =
        |e: std::io::Error| Failure::Failed(format!("could not start the solver: {e}"));
    let (mut out_read, out_write) = std::io::pipe().map_err(start_failed)?;
    let (mut err_read, err_write) = std::io::pipe().map_err(start_failed)?;
    // SAFETY: the child only runs `child` (CBC and async-signal-safe functions, no Rust
    // allocation: see the module documentation) and leaves with `_exit`.
    let pid = unsafe { libc::fork() };
    if pid == 0 {
        // SAFETY: a descriptor of this process; the child's standard error goes to the parent
        // without ever blocking the child.
        unsafe {
            libc::fcntl(err_write.as_raw_fd(), libc::F_SETFL, libc::O_NONBLOCK);
            libc::dup2(err_write.as_raw_fd(), 2);
        }
        let guard = ExitOnUnwind;
        child(&mut value, &out_write);
        std::mem::forget(guard);
        // SAFETY: ends the child without running this process's destructors or exit handlers.
        unsafe { libc::_exit(0) }
    }
    // The parent's write ends closed, the reads below end when the child's do.
    drop((out_write, err_write));
    if pid < 0 {
        return Err(start_failed(std::io::Error::last_os_error()));
    }
    // A read error leaves an incomplete answer, which the caller reports.
    let mut out = Vec::new();
    let _ = out_read.read_to_end(&mut out);
    let mut err = Vec::new();
    let _ = err_read.read_to_end(&mut err);
    let mut status = 0;
    // SAFETY: waits for the child just forked; retried when a signal interrupts the wait.
    let waited = loop {
        if unsafe { libc::waitpid(pid, &mut status, 0) } >= 0 {
            break Ok(());
        }
        let e = std::io::Error::last_os_error();
        if e.kind() != std::io::ErrorKind::Interrupted {
            break Err(e);
        }
    };
    drop(value);
    let stderr = String::from_utf8_lossy(&err)
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
        .to_string();
    if let Err(e) = waited {
        return Err(Failure::Failed(format!(
            "could not wait for the solver: {e}"
        )));
    }
    if libc::WIFSIGNALED(status) {
        return Err(Failure::Crashed {
            signal: libc::WTERMSIG(status),
            message: stderr,
        });
    }
    Ok(Ended {
        out,
        code: libc::WEXITSTATUS(status),
        stderr,
    })
}

/// Reads what the child wrote: a status tag, then for a solution the column values. `None` when
/// the child ended without writing a whole answer.
fn decode(bytes: &[u8]) -> Option<Outcome> {
    let (&t, rest) = bytes.split_first()?;
    Some(match t {
        SOLVED if rest.len() % 8 == 0 => Outcome::Solved(
            rest.chunks_exact(8)
                .map(|c| f64::from_ne_bytes(c.try_into().unwrap_or([0; 8])))
                .collect(),
        ),
        INFEASIBLE => Outcome::Infeasible,
        UNBOUNDED => Outcome::Unbounded,
        ABANDONED => Outcome::Stopped("Abandoned"),
        STOPPED => Outcome::Stopped("Stopped"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_decode_as_they_were_written() {
        let mut bytes = vec![SOLVED];
        for v in [1.5f64, -2.0, 0.0] {
            bytes.extend_from_slice(&v.to_ne_bytes());
        }
        assert_eq!(decode(&bytes), Some(Outcome::Solved(vec![1.5, -2.0, 0.0])));
        assert_eq!(decode(&[INFEASIBLE]), Some(Outcome::Infeasible));
        assert_eq!(decode(&[UNBOUNDED]), Some(Outcome::Unbounded));
        assert_eq!(decode(&[ABANDONED]), Some(Outcome::Stopped("Abandoned")));
        // A child that died mid-answer wrote nothing whole.
        assert_eq!(decode(&[]), None);
        assert_eq!(decode(&[SOLVED, 1, 2, 3]), None);
        assert_eq!(decode(&[9]), None);
    }

    /// A child that aborts, as CBC's assertions do, is reported with what it wrote to its
    /// standard error, and the caller lives on and can solve again.
    #[test]
    fn a_child_that_aborts_is_a_crash_not_the_end_of_the_caller() {
        // SAFETY: the child writes a static message and aborts, allocating nothing.
        let failure = unsafe {
            in_child(
                || (),
                |_, _| {
                    let msg = b"solver.cpp:1: deliberate: Assertion `lower <= upper' failed.\n";
                    libc::write(2, msg.as_ptr().cast(), msg.len());
                    libc::abort();
                },
            )
        }
        .map(|_| ())
        .unwrap_err();
        assert_eq!(
            failure,
            Failure::Crashed {
                signal: libc::SIGABRT,
                message: "solver.cpp:1: deliberate: Assertion `lower <= upper' failed.".into()
            }
        );
        assert_eq!(
            failure.to_string(),
            "CBC crashed (signal 6): solver.cpp:1: deliberate: Assertion `lower <= upper' failed."
        );
        // min x, 1 <= x <= 2. (Not an empty model: CBC gives it no solution array, and
        // coin_cbc's `col_solution` panics on the null pointer in a debug build.)
        let one_column = || {
            let mut m = coin_cbc::Model::default();
            m.set_log_level(0);
            let x = m.add_col();
            m.set_col_lower(x, 1.0);
            m.set_col_upper(x, 2.0);
            m.set_obj_coeff(x, 1.0);
            m.to_raw()
        };
        assert_eq!(
            solve(one_column),
            Ok(Outcome::Solved(vec![1.0])),
            "a model solves after the crash"
        );
    }

    /// A child that ends without a whole answer is a failure that says how it ended. (A child
    /// that panics is not tested here: its panic hook takes locks that another test's thread
    /// may hold at the fork, the very hazard the module documentation describes.)
    #[test]
    fn a_child_without_a_whole_answer_is_a_failure() {
        // SAFETY: the child writes three bytes and returns, allocating nothing.
        let ended = unsafe {
            in_child(
                || (),
                |_, mut out| {
                    let _ = out.write_all(&[SOLVED, 1, 2]);
                },
            )
        }
        .unwrap();
        assert_eq!((ended.out.len(), ended.code), (3, 0));
        assert_eq!(decode(&ended.out), None);
    }
}
