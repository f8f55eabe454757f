//! `guarantor serve`: the local dashboard and JSON API.
//!
//! Wiring only: check the scenarios directory and the evidence ledger (`--db`), bind the address
//! (loopback by default), run `guarantor_server` on a tokio runtime until Ctrl-C. The app itself
//! lives in `crates/server`; this file does not know its routes.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::input;

/// Serve the dashboard: pick a scenario, switch contributors and pledges on and off, edit
/// quantities and the quantity basis, and watch the gaps move. The JSON API is under `/api/`
/// (docs/api.md).
///
/// After each change the page also shows how likely the changed package is to hold (Monte
/// Carlo), which input decides that (a Sobol tornado), its credibility among the reference
/// arrangements, and, on request, the extra contributions that would close its gaps.
///
/// With `--db`, the dashboard also shows the evidence ledger: statements with their quotes and
/// sources, filterable by actor, and which pledges and red lines have evidence, none, or are
/// contradicted by the actor's latest statement.
///
/// It listens on loopback unless `--addr` says otherwise; it has no authentication, so do not
/// expose it to a network you do not trust. Stop it with Ctrl-C.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Directory of scenario files (`*.toml`); only files directly inside it can be read.
    #[arg(long, value_name = "DIR", default_value = "scenarios")]
    pub scenarios: PathBuf,
    /// Evidence ledger (SQLite, from `guarantor ingest`), opened read-only. Without it the
    /// evidence panel says that no ledger was given.
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    if !args.scenarios.is_dir() {
        return Err(input::fail(format!(
            "error: `{}` is not a directory of scenarios\nhelp: pass `--scenarios DIR`",
            args.scenarios.display()
        )));
    }
    let ledger = match &args.db {
        Some(db) => Some(check_ledger(db)?),
        None => None,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .map_err(|e| input::fail(format!("error: cannot listen on `{}`: {e}", args.addr)))?;
        let addr = listener.local_addr()?;
        if !addr.ip().is_loopback() {
            eprintln!(
                "warning: listening on {addr}, which is not loopback: anyone who can reach it can use the app"
            );
        }
        eprintln!(
            "serving {} on http://{addr}/ (Ctrl-C to stop)",
            args.scenarios.display()
        );
        match (&args.db, ledger) {
            (Some(db), Some(l)) => eprintln!(
                "evidence ledger {} ({} articles, {} statements, read-only)",
                db.display(),
                l.articles,
                l.statements
            ),
            _ => eprintln!("no evidence ledger (pass `--db FILE` to browse evidence)"),
        }
        let mut state = guarantor_server::AppState::new(args.scenarios.clone());
        if let Some(db) = &args.db {
            state = state.with_db(db.clone());
        }
        guarantor_server::serve(listener, state, async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Opens the ledger read-only and reads it once, so a wrong `--db` fails now (exit code 2)
/// rather than on the first request.
fn check_ledger(db: &Path) -> anyhow::Result<guarantor_server::evidence::LedgerSummary> {
    if !db.is_file() {
        return Err(input::fail(format!(
            "error: no evidence database at `{}`\nhelp: create one with `guarantor ingest ARTICLES... --db {}`",
            db.display(),
            db.display()
        )));
    }
    guarantor_server::evidence::check_ledger(db).map_err(|e| {
        input::fail(format!(
            "error: cannot open evidence database `{}`: {e}",
            db.display()
        ))
    })
}
