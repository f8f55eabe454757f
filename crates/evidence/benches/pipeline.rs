//! Throughput benchmark of the evidence pipeline (a plain bench binary, no harness):
//! articles per second end to end on one thread, the cost of a page nested 10,000 and 100,000
//! levels deep (it should grow linearly), and the dedupe stage on 100,000 generated articles with
//! planted near duplicates. End to end into SQLite on the benchmark pages, against trafilatura,
//! is `cargo bench -p guarantor-store --bench ingest_pages`.
//!
//! Run: `cargo bench -p guarantor-evidence --bench pipeline` (release profile). Set
//! `GUARANTOR_BENCH_DEDUPE_N` to change the dedupe corpus size. Figures go to stdout; nothing
//! is asserted here (timings are not tests).

use std::hint::black_box;
use std::time::Instant;

use guarantor_evidence::source::{parse_html, parse_text};
use guarantor_evidence::{DedupeIndex, LinkKind, Pipeline, RawArticle, dedupe};

/// A small deterministic generator (SplitMix64), so every run sees the same corpus.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[(self.next() % v.len() as u64) as usize]
    }

    /// A pseudo-word from syllables: a vocabulary of about 40,000 forms.
    fn word(&mut self) -> String {
        const S: [&str; 24] = [
            "ka", "lo", "mi", "ne", "ra", "to", "su", "vi", "de", "an", "or", "el", "ur", "is",
            "po", "gri", "stan", "vel", "mor", "tin", "bar", "sol", "ker", "dun",
        ];
        let n = 1 + self.next() % 3;
        (0..n).map(|_| S[(self.next() % 24) as usize]).collect()
    }
}

const CLAIMS: [&str; 8] = [
    "Trump said the United States will not send troops to Ukraine.",
    "Zelenskyy said any force must include American troops.",
    "Britain is ready to deploy troops as part of a reassurance force, Starmer said.",
    "Russia rejects any deployment of NATO troops in Ukraine, Peskov said.",
    "Washington could share intelligence with European partners, officials said.",
    "France will send hundreds of troops, Macron said.",
    "The European Union is considering new sanctions against Russia, von der Leyen said.",
    "Press secretary Caroline Levitt said the US could help in the air.",
];

fn article_text(g: &mut Gen, sentences: usize) -> String {
    let mut text = String::from("Most Read from Example\nA Headline About Something Else\n");
    for i in 0..sentences {
        if i % 4 == 1 {
            text.push_str(g.pick(&CLAIMS));
        } else {
            let n = 12 + g.next() % 10;
            let words: Vec<String> = (0..n).map(|_| g.word()).collect();
            let mut s = words.join(" ");
            s[..1].make_ascii_uppercase();
            s.push('.');
            text.push_str(&s);
        }
        text.push(if i % 3 == 2 { '\n' } else { ' ' });
    }
    text.push_str("\n© 2025 Example Media. All rights reserved");
    text
}

fn corpus(n: usize, seed: u64) -> Vec<RawArticle> {
    let mut g = Gen(seed);
    (0..n)
        .map(|i| {
            let body = article_text(&mut g, 16);
            parse_text(
                &format!("g{i}"),
                &format!(
                    "Title: Generated {i}\nOutlet: Bench\nDate: 2025-08-{:02}\n\n{body}",
                    i % 28 + 1
                ),
            )
        })
        .collect()
}

/// Clean stage alone on the ScrapingHub benchmark pages, if present next to the workspace.
fn clean_benchmark_pages(pipeline: &Pipeline) {
    use std::io::Read;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let Some(dir) = [
        "../shared/benchmarks/article-extraction",
        "../../shared/benchmarks/article-extraction",
    ]
    .iter()
    .map(|r| root.join(r))
    .find(|p| p.join("html").is_dir()) else {
        println!("clean (benchmark pages): ScrapingHub benchmark not found; skipped");
        return;
    };
    let mut pages = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir.join("html"))
        .expect("html dir")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        let mut html = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&p).expect("page"))
            .read_to_end(&mut html)
            .expect("gzip");
        pages.push(String::from_utf8_lossy(&html).to_string());
    }
    let start = Instant::now();
    for html in &pages {
        let raw = parse_html("page", black_box(html));
        black_box(pipeline.classifier.clean(&raw));
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "clean (ScrapingHub benchmark, metadata + main content + line classifier): {} pages in {secs:.2}s, {:.0} pages/s on one thread",
        pages.len(),
        pages.len() as f64 / secs
    );
}

/// A page of `depth` nested `<div>`s around one paragraph, parsed and cleaned: the time should
/// grow with the depth, not its square (10,000 levels took 102 s before `clean::prepare_html`).
fn deep_pages(pipeline: &Pipeline) {
    let mut per_level = Vec::new();
    for depth in [10_000usize, 100_000] {
        let mut html = String::from("<html><head><title>Deep</title></head><body>");
        html.push_str(&"<div>".repeat(depth));
        html.push_str("<p>Britain is ready to send trainers to western Ukraine after a ceasefire, officials said.</p>");
        html.push_str(&"</div>".repeat(depth));
        html.push_str("</body></html>");
        let start = Instant::now();
        let raw = parse_html("deep", black_box(&html));
        let p = pipeline.process(&raw).expect("the paragraph survives");
        let secs = start.elapsed().as_secs_f64();
        black_box(p);
        per_level.push(secs / depth as f64);
        println!(
            "deep page: {depth} levels ({} KiB) parsed and cleaned in {:.1} ms",
            html.len() / 1024,
            secs * 1000.0
        );
    }
    println!(
        "deep page: time per level at 100,000 / at 10,000 = {:.2} (1 is linear, 10 quadratic)",
        per_level[1] / per_level[0]
    );
}

fn main() {
    let pipeline = Pipeline::default();
    deep_pages(&pipeline);
    clean_benchmark_pages(&pipeline);

    // 1. End to end on generated text articles, one thread.
    let articles = corpus(3000, 1);
    let words: usize = articles
        .iter()
        .map(|a| match &a.body {
            guarantor_evidence::Body::Text(t) => t.split_whitespace().count(),
            guarantor_evidence::Body::Html(_) | guarantor_evidence::Body::Page { .. } => 0,
        })
        .sum();
    let start = Instant::now();
    let mut statements = 0;
    for a in &articles {
        let p = pipeline
            .process(black_box(a))
            .expect("generated article has content");
        statements += p.statements.len();
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "end to end (text): {} articles, {} words/article, {:.0} articles/s on one thread ({:.3}s, {statements} statements)",
        articles.len(),
        words / articles.len(),
        articles.len() as f64 / secs,
        secs
    );

    // 2. End to end on HTML pages (the generated texts wrapped in a page with boilerplate).
    let pages: Vec<(String, String)> = articles
        .iter()
        .take(1000)
        .map(|a| {
            let guarantor_evidence::Body::Text(t) = &a.body else { unreachable!() };
            let paras: String = t.lines().map(|l| format!("<p>{l}</p>\n")).collect();
            let html = format!(
                "<html><head><title>{0}</title><meta property=\"og:site_name\" content=\"Bench\"><script>var x = 1;</script></head><body><nav><a>Home</a><a>World</a></nav><article><h1>{0}</h1>{paras}</article><aside><h3>Related</h3><ul><li>One</li><li>Two</li></ul></aside><footer>© 2025 Bench</footer></body></html>",
                a.title.as_deref().unwrap_or("")
            );
            (a.id.clone(), html)
        })
        .collect();
    let start = Instant::now();
    for (id, html) in &pages {
        let a = parse_html(id, black_box(html));
        black_box(pipeline.process(&a).expect("page has content"));
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "end to end (html, metadata parse included): {} pages, {:.0} pages/s on one thread ({:.3}s)",
        pages.len(),
        pages.len() as f64 / secs,
        secs
    );

    // 3. Dedupe on N generated articles with planted copies: every 50th article repeats an
    // earlier one with one sentence changed.
    let n: usize = std::env::var("GUARANTOR_BENCH_DEDUPE_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let mut g = Gen(7);
    let mut texts: Vec<String> = Vec::with_capacity(n);
    let mut planted = 0usize;
    for i in 0..n {
        if i % 50 == 49 {
            let src = (g.next() as usize) % i;
            let mut t = texts[src].clone();
            let cut = t.find(". ").map_or(0, |p| p + 2);
            t.insert_str(cut, "An inserted sentence about the weather today. ");
            texts.push(t);
            planted += 1;
        } else {
            texts.push(article_text(&mut g, 16));
        }
    }
    if let Ok(path) = std::env::var("GUARANTOR_BENCH_DUMP") {
        // The same corpus for the Python peers (crates/evidence/bench/python_peers.py).
        let mut out = String::new();
        for (i, t) in texts.iter().enumerate() {
            out.push_str(&serde_json::json!({"id": format!("d{i}"), "text": t}).to_string());
            out.push('\n');
        }
        std::fs::write(&path, out).expect("dump path writable");
        println!("dedupe corpus written to {path}");
    }
    let params = pipeline.dedupe_params;
    let start = Instant::now();
    let fps: Vec<_> = texts
        .iter()
        .map(|t| dedupe::fingerprint(t, &params))
        .collect();
    let fp_secs = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let mut index = DedupeIndex::new(params);
    let mut found = 0usize;
    let mut near = 0usize;
    for (i, fp) in fps.into_iter().enumerate() {
        let links = index.insert(&format!("d{i}"), None, None, fp);
        if !links.is_empty() {
            found += 1;
            if i % 50 == 49 && links.iter().any(|l| l.kind == LinkKind::NearDuplicate) {
                near += 1;
            }
        }
    }
    let idx_secs = start.elapsed().as_secs_f64();
    println!(
        "dedupe: {n} articles, fingerprints {fp_secs:.2}s + LSH index and verification {idx_secs:.2}s = {:.2}s total ({:.0} articles/s); {planted} planted copies, {near} linked, {} links on non-planted articles",
        fp_secs + idx_secs,
        n as f64 / (fp_secs + idx_secs),
        found - near
    );
}
