//! `guarantor ingest`: reads article files, runs the evidence pipeline and stores the results in
//! the ledger database, one transaction per article.
//!
//! Only wiring and terminal output: parsing and extraction are `guarantor-evidence`, storage is
//! `guarantor-store`. A bad file or article is reported and skipped; the batch goes on, and the
//! exit code is 2 when any input was bad (1 when the database itself failed). On a terminal, a
//! progress bar goes to stderr (never with `--json`).

use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use guarantor_evidence::source::{self, Format, MAX_FILE_BYTES};
use guarantor_evidence::{DedupeParams, EvidenceError, Pipeline, RawArticle};
use guarantor_store::{IngestOutcome, Store, StoreError};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use crate::input::fail;

/// Ingest news articles into the evidence ledger: boilerplate is stripped, copies and rewrites
/// are linked, names are resolved and attributed statements are extracted.
///
/// Accepts `.txt` (optional `Title:`/`Outlet:`/`Date:`/`URL:`/`Lang:`/`Id:` header lines, then a
/// blank line; otherwise the first line is the title; without `Lang:` the language is
/// detected), `.html`/`.htm` and `.html.gz` (metadata from the page), `.jsonl` (one
/// article per line with `id`, `url`, `outlet`, `date`, `text`, optional `title` and `lang`; a bad
/// line loses that line only, and an annotation line, `statements` without `text`, is skipped)
/// and `.json` (one such object, or an array of them). Dates are ISO
/// (`2025-08-18`, or `2025-08` for a month) and must be on the calendar.
/// Directories are searched recursively (a directory reached twice through links is read once).
/// Files over 16 MiB are refused. Statements are read from articles in the twelve languages of the
/// lexicons that name Ukraine or Russia (or one of their people); any other article is stored and
/// linked, and its line says why it has no statement.
/// Re-ingesting unchanged articles changes nothing; several ingests
/// may write to one database at once. Exit code 0 when everything was stored, 2 when some input
/// was bad (the rest is stored), 1 when the database failed.
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

/// What happened to one article (or to a file that yielded none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
enum Status {
    Stored,
    Unchanged,
    /// Bad input: unreadable file, invalid line, no content, an id stored with other content.
    Failed,
    /// The database failed (locked, read-only, corrupt): not the input's fault.
    DatabaseError,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Stored => "stored",
            Status::Unchanged => "unchanged",
            Status::Failed => "failed",
            Status::DatabaseError => "database_error",
        }
    }
}

#[derive(Debug, Serialize)]
struct ArticleReport {
    path: String,
    id: Option<String>,
    status: Status,
    statements: usize,
    duplicates: Vec<guarantor_evidence::DuplicateLink>,
    error: Option<String>,
    /// Set when no lexicon reads the article's language, so it yields no statement: the
    /// declared language (`cs`), or `unknown` when none was declared and none was recognised.
    #[serde(skip_serializing_if = "Option::is_none")]
    language_not_read: Option<String>,
    /// Set when the article names neither party to the war (nor any of their people): it is
    /// stored and linked, but yields no statement.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    off_topic: bool,
    /// The line's explanation of `off_topic`, naming the parties.
    #[serde(skip)]
    off_topic_note: Option<String>,
}

#[derive(Debug, Default, Serialize)]
struct Report {
    articles: Vec<ArticleReport>,
    stored: usize,
    unchanged: usize,
    failed: usize,
    database_errors: usize,
    /// Lines of annotations (ANNOTATION.md's gold, `statements` without `text`) passed over: an
    /// annotated corpus keeps them beside the articles.
    annotation_lines_skipped: usize,
}

/// Where the per-article lines go, with the progress bar kept out of their way.
struct Output<'a, W: Write> {
    report: Report,
    out: W,
    json: bool,
    bar: Option<&'a ProgressBar>,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    // Paths that are not there are typos: say so before a database is created for nothing.
    if args.paths.iter().all(|p| !p.exists()) {
        let lines: Vec<String> = args
            .paths
            .iter()
            .map(|p| format!("error: `{}`: no such file or directory", p.display()))
            .collect();
        return Err(fail(lines.join("\n")));
    }
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
    let Found {
        files,
        empty_dirs,
        other_files,
    } = expand(&args.paths);
    let bar = progress_bar(&files, args.json);
    let mut output = Output {
        report: Report::default(),
        out: std::io::stdout().lock(),
        json: args.json,
        bar: bar.as_ref(),
    };
    for dir in &empty_dirs {
        let msg = format!("no article files in this directory ({EXPECTED})");
        output.push(failed(
            &dir.display().to_string(),
            None,
            msg,
            Status::Failed,
        ))?;
    }
    for path in &files {
        let shown = path.display().to_string();
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        let results = match read_articles(path) {
            Ok(r) => r,
            Err(msg) => {
                output.push(failed(&shown, None, msg, Status::Failed))?;
                output.advance(size);
                continue;
            }
        };
        // Each article of a file moves the bar by its share of the file's bytes.
        let n = results.len().max(1) as u64;
        let mut annotations = 0;
        for (i, result) in results.into_iter().enumerate() {
            let step = size * (i as u64 + 1) / n - size * i as u64 / n;
            let entry = match result {
                Err(e) if e.is_annotation_line() => {
                    annotations += 1;
                    output.advance(step);
                    continue;
                }
                Err(e) => failed(&shown, None, e.to_string(), Status::Failed),
                Ok(raw) => ingest_one(&pipeline, &mut store, &mut index, &shown, &raw),
            };
            output.push(entry)?;
            output.advance(step);
        }
        if annotations > 0 {
            output.skipped_annotations(&shown, annotations)?;
        }
    }
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let Output {
        report, mut out, ..
    } = output;
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    }
    let database = if report.database_errors > 0 {
        format!(", {} database errors", report.database_errors)
    } else {
        String::new()
    };
    let mut skipped = match report.annotation_lines_skipped {
        0 => String::new(),
        1 => ", 1 annotation line skipped".to_string(),
        n => format!(", {n} annotation lines skipped"),
    };
    match other_files {
        0 => {}
        1 => skipped.push_str(", skipped 1 file of another type"),
        n => skipped.push_str(&format!(", skipped {n} files of other types")),
    }
    // How much of a general feed was about something else, so "0 statements" lines are no
    // surprise.
    let off_topic = match report.articles.iter().filter(|a| a.off_topic).count() {
        0 => String::new(),
        n => format!(
            " ({n} naming neither {}: not read for statements)",
            pipeline.gazetteer.belligerents().join(" nor ")
        ),
    };
    eprintln!(
        "{} stored{off_topic}, {} unchanged, {} failed{database}{skipped} (database `{}`)",
        report.stored,
        report.unchanged,
        report.failed,
        args.db.display()
    );
    Ok(if report.database_errors > 0 {
        ExitCode::from(1)
    } else if report.failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn ingest_one(
    pipeline: &Pipeline,
    store: &mut Store,
    index: &mut guarantor_evidence::DedupeIndex,
    shown: &str,
    raw: &RawArticle,
) -> ArticleReport {
    let id = Some(raw.id.clone());
    let article = match pipeline.process(raw) {
        Ok(a) => a,
        Err(e) => {
            let msg = format!("article `{}`: {e}", raw.id);
            return failed(shown, id, msg, Status::Failed);
        }
    };
    // The extractor reads only the languages it has a lexicon for: say so rather than leave a
    // reader to wonder at "0 statements".
    let language_not_read = article.language_not_read.clone();
    let off_topic = article.off_topic && language_not_read.is_none();
    let off_topic_note = off_topic.then(|| {
        format!(
            "names neither {}: no statement read",
            pipeline.gazetteer.belligerents().join(" nor ")
        )
    });
    let (status, statements, duplicates) = match store.ingest(&article, index) {
        Err(e) => {
            let status = match e {
                StoreError::IdConflict { .. } => Status::Failed,
                _ => Status::DatabaseError,
            };
            let msg = format!("article `{}`: {e}", raw.id);
            return failed(shown, id, msg, status);
        }
        Ok(IngestOutcome::Unchanged) => (Status::Unchanged, 0, Vec::new()),
        Ok(IngestOutcome::Stored { statements, links }) => (Status::Stored, statements, links),
    };
    ArticleReport {
        path: shown.to_string(),
        id,
        status,
        statements,
        duplicates,
        error: None,
        language_not_read,
        off_topic,
        off_topic_note,
    }
}

/// Below this many bytes of input an ingest takes about a second or less: no bar.
const PROGRESS_MIN_BYTES: u64 = 1024 * 1024;

/// A bar over the bytes of all input files, for long runs, on a terminal only and never with
/// `--json`.
fn progress_bar(files: &[PathBuf], json: bool) -> Option<ProgressBar> {
    if json || !std::io::stderr().is_terminal() {
        return None;
    }
    let total: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    if total < PROGRESS_MIN_BYTES {
        return None;
    }
    let bar = ProgressBar::new(total);
    bar.set_message("0 articles");
    bar.set_style(
        ProgressStyle::with_template(
            "{bar:40} {binary_bytes}/{binary_total_bytes}, {msg}, {eta} left",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    Some(bar)
}

fn failed(path: &str, id: Option<String>, error: String, status: Status) -> ArticleReport {
    ArticleReport {
        path: path.to_string(),
        id,
        status,
        statements: 0,
        duplicates: Vec::new(),
        error: Some(error),
        language_not_read: None,
        off_topic: false,
        off_topic_note: None,
    }
}

impl<W: Write> Output<'_, W> {
    fn advance(&self, bytes: u64) {
        if let Some(b) = self.bar {
            b.inc(bytes);
            b.set_message(format!("{} articles", self.report.articles.len()));
        }
    }

    /// One note for a file's annotation lines, rather than a line of error each.
    fn skipped_annotations(&mut self, path: &str, count: usize) -> anyhow::Result<()> {
        self.report.annotation_lines_skipped += count;
        let lines = if count == 1 { "line" } else { "lines" };
        let note = format!(
            "note: {path}: {count} annotation {lines} skipped (ANNOTATION.md's gold: `statements` without `text`)"
        );
        match self.bar {
            Some(b) => b.suspend(|| eprintln!("{note}")),
            None => eprintln!("{note}"),
        }
        Ok(())
    }

    fn push(&mut self, entry: ArticleReport) -> anyhow::Result<()> {
        match entry.status {
            Status::Stored => self.report.stored += 1,
            Status::Unchanged => self.report.unchanged += 1,
            Status::Failed => self.report.failed += 1,
            Status::DatabaseError => self.report.database_errors += 1,
        }
        let line = if let Some(e) = &entry.error {
            Some(format!("error: {}: {e}", entry.path))
        } else if !self.json {
            Some(article_line(&entry))
        } else {
            None
        };
        if let Some(line) = line {
            let is_error = entry.error.is_some();
            let mut print = || -> std::io::Result<()> {
                if is_error {
                    eprintln!("{line}");
                    Ok(())
                } else {
                    writeln!(self.out, "{line}")
                }
            };
            match self.bar {
                Some(b) => b.suspend(print)?,
                None => print()?,
            }
        }
        self.report.articles.push(entry);
        Ok(())
    }
}

fn article_line(entry: &ArticleReport) -> String {
    let id = entry.id.as_deref().unwrap_or("?");
    let mut line = format!("{:<9} {id}", entry.status.as_str());
    if entry.status == Status::Stored {
        line.push_str(&format!(
            "  {} statement{}",
            entry.statements,
            if entry.statements == 1 { "" } else { "s" }
        ));
        if let Some(lang) = &entry.language_not_read {
            line.push_str(&format!(
                "  (language `{lang}` not read: the lexicons cover {})",
                guarantor_evidence::lang::Lang::ALL
                    .map(|l| l.code())
                    .join(", ")
            ));
        }
        if let Some(note) = &entry.off_topic_note {
            line.push_str(&format!("  ({note})"));
        }
    }
    for d in &entry.duplicates {
        let kind = d.kind.as_str().replace('_', " ");
        line.push_str(&format!(
            "  ({} is a {kind} of {}, similarity {:.2}{})",
            d.article,
            d.duplicate_of,
            d.similarity,
            d.reason
                .map(|r| format!(": {}", r.describe()))
                .unwrap_or_default()
        ));
    }
    line
}

/// The article file types, for messages.
const EXPECTED: &str = "expected .txt, .html, .htm, .html.gz, .jsonl or .json";

/// What the paths named on the command line hold.
struct Found {
    /// Files named on the command line, and the article files under named directories (sorted).
    files: Vec<PathBuf>,
    /// Named directories with no article file under them (a folder of `.csv` or `.pdf`).
    empty_dirs: Vec<PathBuf>,
    /// Files under named directories that are not article files, passed over.
    other_files: usize,
}

fn expand(paths: &[PathBuf]) -> Found {
    let mut found = Found {
        files: Vec::new(),
        empty_dirs: Vec::new(),
        other_files: 0,
    };
    let mut visited = HashSet::new();
    for p in paths {
        if p.is_dir() {
            let mut files = Vec::new();
            walk(p, &mut visited, &mut files, &mut found.other_files);
            if files.is_empty() {
                found.empty_dirs.push(p.clone());
            }
            files.sort();
            found.files.extend(files);
        } else {
            found.files.push(p.clone());
        }
    }
    found
}

/// Collects article files under `dir`. Links to directories are followed, but each directory
/// (by canonical path) is read once, so a link back to a parent ends the walk instead of
/// looping.
fn walk(dir: &Path, visited: &mut HashSet<PathBuf>, out: &mut Vec<PathBuf>, other: &mut usize) {
    let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !visited.insert(canonical) {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        out.push(dir.to_path_buf());
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, visited, out, other);
        } else if Format::from_path(&p.to_string_lossy()).is_some() {
            out.push(p);
        } else if !is_beside_articles(&p) {
            *other += 1;
        }
    }
}

/// Files a corpus keeps beside its articles, which are not counted as skipped: its README and
/// licence, Markdown notes, hidden files (`ledger/README.md` beside the bundled articles) and a
/// SQLite ledger with its journal (`guarantor ingest pages --db pages/g.db`, run twice).
fn is_beside_articles(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    name.starts_with('.')
        || name.ends_with(".md")
        || [".db", ".sqlite", ".sqlite3", "-wal", "-shm", "-journal"]
            .iter()
            .any(|ledger| name.ends_with(ledger))
        || ["readme", "licence", "license", "notice", "copying"]
            .iter()
            .any(|doc| name.starts_with(doc))
}

type ArticleResults = Vec<Result<RawArticle, EvidenceError>>;

fn read_articles(path: &Path) -> Result<ArticleResults, String> {
    let name = path.to_string_lossy();
    // Whether it is there first: a typo is no unsupported file type.
    let meta = std::fs::metadata(path).map_err(|e| io_reason(&e))?;
    let format =
        Format::from_path(&name).ok_or_else(|| format!("unsupported file type ({EXPECTED})"))?;
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
    let file_name = path
        .file_name()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| name.to_string());
    let stem = Format::stem(&file_name).unwrap_or(&file_name);
    source::parse_file(format, stem, &bytes).map_err(|e| e.to_string())
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}
