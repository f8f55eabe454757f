//! `guarantor ingest`: reads article files, runs the evidence pipeline and stores the results in
//! the ledger database, one transaction per article.
//!
//! Only wiring and terminal output: parsing and extraction are `guarantor-evidence`, storage is
//! `guarantor-store`. A bad file is reported and skipped; the batch goes on and the exit code
//! is 1 when anything failed.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use guarantor_evidence::source::{self, Format, MAX_FILE_BYTES};
use guarantor_evidence::{DedupeParams, EvidenceError, Pipeline};
use guarantor_store::{IngestOutcome, Store};
use serde::Serialize;

use crate::input::fail;

/// Ingest news articles into the evidence ledger: boilerplate is stripped, copies and rewrites
/// are linked, names are resolved and attributed statements are extracted.
///
/// Accepts `.txt` (optional `Title:`/`Outlet:`/`Date:`/`URL:` header lines, otherwise the first
/// line is the title), `.html`/`.htm` (metadata from the page) and `.jsonl` (one article per line
/// with `id`, `url`, `outlet`, `date`, `text`, optional `title` and `lang`). Directories are
/// searched recursively. Files over 16 MiB are refused. Re-ingesting unchanged articles changes
/// nothing.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Article files or directories.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The ledger database (SQLite, created if missing).
    #[arg(long, value_name = "FILE", default_value = "guarantor.db")]
    pub db: PathBuf,
    /// Print a JSON report on stdout instead of one line per article.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Serialize)]
struct ArticleReport {
    path: String,
    id: Option<String>,
    status: &'static str,
    statements: usize,
    duplicates: Vec<guarantor_evidence::DuplicateLink>,
    error: Option<String>,
}

#[derive(Debug, Serialize)]
struct Report {
    articles: Vec<ArticleReport>,
    stored: usize,
    unchanged: usize,
    failed: usize,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let mut store = Store::open(&args.db).map_err(|e| {
        fail(format!(
            "error: cannot open database `{}`: {e}",
            args.db.display()
        ))
    })?;
    let mut index = store.dedupe_index(DedupeParams::default()).map_err(|e| {
        fail(format!(
            "error: cannot read database `{}`: {e}",
            args.db.display()
        ))
    })?;
    let pipeline = Pipeline::default();
    let mut report = Report {
        articles: Vec::new(),
        stored: 0,
        unchanged: 0,
        failed: 0,
    };
    let mut stdout = std::io::stdout().lock();
    for path in expand(&args.paths) {
        let shown = path.display().to_string();
        let results = match read_articles(&path) {
            Ok(r) => r,
            Err(msg) => {
                push(
                    &mut report,
                    &mut stdout,
                    args.json,
                    failed(&shown, None, msg),
                )?;
                continue;
            }
        };
        for result in results {
            let entry = match result {
                Err(e) => failed(&shown, None, e.to_string()),
                Ok(raw) => match pipeline.process(&raw) {
                    Err(e) => failed(
                        &shown,
                        Some(raw.id.clone()),
                        format!("article `{}`: {e}", raw.id),
                    ),
                    Ok(article) => match store.ingest(&article, &mut index) {
                        Err(e) => failed(
                            &shown,
                            Some(raw.id.clone()),
                            format!("article `{}`: {e}", raw.id),
                        ),
                        Ok(IngestOutcome::Unchanged) => ArticleReport {
                            path: shown.clone(),
                            id: Some(raw.id.clone()),
                            status: "unchanged",
                            statements: 0,
                            duplicates: Vec::new(),
                            error: None,
                        },
                        Ok(IngestOutcome::Stored { statements, links }) => ArticleReport {
                            path: shown.clone(),
                            id: Some(raw.id.clone()),
                            status: "stored",
                            statements,
                            duplicates: links,
                            error: None,
                        },
                    },
                },
            };
            push(&mut report, &mut stdout, args.json, entry)?;
        }
    }
    if args.json {
        serde_json::to_writer_pretty(&mut stdout, &report)?;
        writeln!(stdout)?;
    }
    eprintln!(
        "{} stored, {} unchanged, {} failed (database `{}`)",
        report.stored,
        report.unchanged,
        report.failed,
        args.db.display()
    );
    Ok(if report.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn failed(path: &str, id: Option<String>, error: String) -> ArticleReport {
    ArticleReport {
        path: path.to_string(),
        id,
        status: "failed",
        statements: 0,
        duplicates: Vec::new(),
        error: Some(error),
    }
}

fn push(
    report: &mut Report,
    out: &mut impl Write,
    json: bool,
    entry: ArticleReport,
) -> anyhow::Result<()> {
    match entry.status {
        "stored" => report.stored += 1,
        "unchanged" => report.unchanged += 1,
        _ => report.failed += 1,
    }
    if let Some(e) = &entry.error {
        eprintln!("error: {}: {e}", entry.path);
    } else if !json {
        let id = entry.id.as_deref().unwrap_or("?");
        let mut line = format!("{:<9} {id}", entry.status);
        if entry.status == "stored" {
            line.push_str(&format!(
                "  {} statement{}",
                entry.statements,
                if entry.statements == 1 { "" } else { "s" }
            ));
        }
        for d in &entry.duplicates {
            let kind = d.kind.as_str().replace('_', " ");
            line.push_str(&format!(
                "  ({} is a {kind} of {}, similarity {:.2})",
                d.article, d.duplicate_of, d.similarity
            ));
        }
        writeln!(out, "{line}")?;
    }
    report.articles.push(entry);
    Ok(())
}

/// Files named on the command line, and the article files under named directories (sorted).
fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found);
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        out.push(dir.to_path_buf());
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if Format::from_path(&p.to_string_lossy()).is_some() {
            out.push(p);
        }
    }
}

type ArticleResults = Vec<Result<guarantor_evidence::RawArticle, EvidenceError>>;

fn read_articles(path: &Path) -> Result<ArticleResults, String> {
    let name = path.to_string_lossy();
    let format = Format::from_path(&name).ok_or_else(|| {
        "unsupported file type (expected .txt, .html, .htm or .jsonl)".to_string()
    })?;
    let meta = std::fs::metadata(path).map_err(|e| io_reason(&e))?;
    if meta.is_dir() {
        return Err("cannot read directory".to_string());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(EvidenceError::TooLarge {
            size: meta.len(),
            limit: MAX_FILE_BYTES,
        }
        .to_string());
    }
    let bytes = std::fs::read(path).map_err(|e| io_reason(&e))?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| name.to_string());
    source::parse_file(format, &stem, &bytes).map_err(|e| e.to_string())
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}
