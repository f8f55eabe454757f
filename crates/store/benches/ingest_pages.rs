//! Real pages end to end into SQLite, against trafilatura on the same pages in the same run: the
//! 181 pages of the ScrapingHub article-extraction benchmark (when it is present next to the
//! workspace, `../shared/benchmarks/article-extraction`), each gunzipped, parsed once for its
//! metadata and main content, its lines sifted, fingerprinted, resolved, extracted and stored in its own transaction in a new ledger
//! file, on one thread; then `crates/evidence/bench/python_peers.py` times `trafilatura.extract`
//! on the same pages (main-content extraction only, no storage).
//!
//! Most of these pages (news of 2018 and 2019) name neither Ukraine nor Russia, so the pipeline
//! reads no statement from them, as it would not from most of a general news feed; the bench
//! says how many were read, and what the run would have cost had every page been (the measured
//! extraction time of the others added).
//!
//! Run: `cargo bench -p guarantor-store --bench ingest_pages`. The Python peer runs when
//! `GUARANTOR_PEERS_PYTHON` names a Python with trafilatura installed (default
//! `/tmp/guarantor-peers/bin/python`, made as the script's docstring says). The target of issue
//! 12 is at least 300 pages/s. Nothing is asserted here: timings are not tests.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use guarantor_evidence::source::{self, Format};
use guarantor_evidence::{DedupeParams, Pipeline};
use guarantor_store::Store;

// The allocator the `guarantor` binary uses, so the figure is the one a user gets.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const ROUNDS: usize = 5;

fn benchmark_dir() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    [
        "../shared/benchmarks/article-extraction",
        "../../shared/benchmarks/article-extraction",
    ]
    .iter()
    .map(|r| root.join(r))
    .find(|p| p.join("html").is_dir())
}

fn main() {
    let Some(dir) = benchmark_dir() else {
        println!(
            "ScrapingHub article-extraction benchmark not found next to the workspace; skipped"
        );
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("html"))
        .expect("html directory")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let pages: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|p| {
            let name = p.file_name().expect("file").to_string_lossy().to_string();
            (name, std::fs::read(p).expect("page readable"))
        })
        .collect();
    let pipeline = Pipeline::default();
    let mut rounds = Vec::new();
    let mut last = (0, 0, 0);
    for _ in 0..ROUNDS {
        let tmp = tempfile::tempdir().expect("temp dir");
        let cpu = thread_cpu();
        let (elapsed, stages, stored, statements, read) =
            ingest(&pipeline, &pages, &tmp.path().join("ledger.db"));
        let cpu = thread_cpu().zip(cpu).map(|(b, a)| b - a);
        rounds.push((elapsed, stages, cpu));
        last = (stored, statements, read);
    }
    rounds.sort_by_key(|r| r.0);
    let (median, stages, cpu) = rounds[ROUNDS / 2];
    let secs = median.as_secs_f64();
    println!(
        "guarantor: {} pages end to end into SQLite in {:.3}s (median of {ROUNDS}), {:.0} pages/s on one thread; {} stored, {} read for statements (the others name neither belligerent or are in a language without a lexicon), {} statements",
        pages.len(),
        secs,
        pages.len() as f64 / secs,
        last.0,
        last.2,
        last.1
    );
    if let Some(cpu) = cpu {
        // On a busy machine the wall clock includes time the thread waited for a core.
        println!(
            "  on the thread's own CPU time ({:.3}s): {:.0} pages/s",
            cpu.as_secs_f64(),
            pages.len() as f64 / cpu.as_secs_f64()
        );
    }
    let share = |d: Duration| 100.0 * d.as_secs_f64() / secs;
    println!(
        "  of which: gunzip and parse (metadata and main content) {:.0}%, lines/resolve/extract {:.0}%, SQLite {:.0}%",
        share(stages[0]),
        share(stages[1]),
        share(stages[2])
    );
    let raws: Vec<_> = pages
        .iter()
        .flat_map(|(name, bytes)| {
            let stem = Format::stem(name).expect("a .html.gz name");
            source::parse_file(Format::HtmlGzip, stem, bytes).expect("page decodes")
        })
        .map(|r| r.expect("page parses"))
        .collect();
    // Each stage on its own, over the same pages, to show where the time goes: the page parse
    // (`read_html`, done while reading the file), then the stages of `Pipeline::process`.
    let mut parts = [Duration::ZERO; 6];
    // Extraction time of the pages the pipeline does not read for statements.
    let mut skipped_extract = Duration::ZERO;
    for raw in &raws {
        if let guarantor_evidence::Body::Page { html, .. } = &raw.body {
            let t = Instant::now();
            std::hint::black_box(guarantor_evidence::clean::read_html(html));
            parts[5] += t.elapsed();
        }
        let t = Instant::now();
        let cleaned = pipeline.classifier.clean(raw);
        parts[0] += t.elapsed();
        let t = Instant::now();
        let mentions = pipeline.gazetteer.resolve(&cleaned.text);
        parts[1] += t.elapsed();
        let t = Instant::now();
        std::hint::black_box(guarantor_evidence::dedupe::fingerprint_with_anchors(
            &cleaned.text,
            &mentions,
            &pipeline.dedupe_params,
        ));
        parts[2] += t.elapsed();
        let t = Instant::now();
        std::hint::black_box(pipeline.extractor.extract(
            &cleaned.text,
            &mentions,
            &pipeline.gazetteer,
            guarantor_evidence::ArticleRef::from(raw),
        ));
        let took = t.elapsed();
        parts[3] += took;
        if !pipeline.gazetteer.names_a_belligerent(&mentions) {
            skipped_extract += took;
        }
        let t = Instant::now();
        std::hint::black_box(raw.content_hash());
        parts[4] += t.elapsed();
    }
    let per_s = |d: Duration| raws.len() as f64 / d.as_secs_f64();
    println!(
        "  each stage alone, pages/s: page parse {:.0}, line sifting {:.0}, resolve {:.0}, fingerprint {:.0}, extract {:.0}, content hash {:.0}",
        per_s(parts[5]),
        per_s(parts[0]),
        per_s(parts[1]),
        per_s(parts[2]),
        per_s(parts[3]),
        per_s(parts[4])
    );
    let every = median + skipped_extract;
    println!(
        "  had every page been read for statements: {:.3}s, {:.0} pages/s",
        every.as_secs_f64(),
        pages.len() as f64 / every.as_secs_f64()
    );
    trafilatura(&dir);
}

/// CPU time this thread has run (Linux: `/proc/thread-self/schedstat`, in nanoseconds).
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// One ingest of every page into a new ledger: (total time, time per stage, stored, statements,
/// articles read for statements).
fn ingest(
    pipeline: &Pipeline,
    pages: &[(String, Vec<u8>)],
    db: &Path,
) -> (Duration, [Duration; 3], usize, usize, usize) {
    let start = Instant::now();
    let mut stages = [Duration::ZERO; 3];
    let mut store = Store::open(db).expect("new ledger");
    let mut index = store.dedupe_index(DedupeParams::default()).expect("index");
    let (mut stored, mut statements, mut read) = (0, 0, 0);
    for (name, bytes) in pages {
        let t = Instant::now();
        let stem = Format::stem(name).expect("a .html.gz name");
        let parsed = source::parse_file(Format::HtmlGzip, stem, bytes).expect("page decodes");
        stages[0] += t.elapsed();
        for raw in parsed {
            let raw = raw.expect("page parses");
            let t = Instant::now();
            let processed = pipeline.process(&raw);
            stages[1] += t.elapsed();
            let Ok(article) = processed else { continue };
            let t = Instant::now();
            store.ingest(&article, &mut index).expect("stored");
            stages[2] += t.elapsed();
            stored += 1;
            statements += article.statements.len();
            read += usize::from(!article.off_topic && article.read_in.is_some());
        }
    }
    drop(store);
    (start.elapsed(), stages, stored, statements, read)
}

/// Runs the Python peer on the same pages, if a Python with trafilatura is at hand.
fn trafilatura(dir: &Path) {
    let python = std::env::var("GUARANTOR_PEERS_PYTHON")
        .unwrap_or_else(|_| "/tmp/guarantor-peers/bin/python".to_string());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../evidence/bench/python_peers.py");
    match std::process::Command::new(&python)
        .arg(&script)
        .arg("--benchmark")
        .arg(dir)
        .output()
    {
        Ok(out) if out.status.success() => print!("{}", String::from_utf8_lossy(&out.stdout)),
        Ok(out) => println!(
            "trafilatura: the peer script failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ),
        Err(e) => println!(
            "trafilatura: no Python at `{python}` ({e}); see crates/evidence/bench/python_peers.py to install it"
        ),
    }
}
