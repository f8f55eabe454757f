//! The ledger's queries at scale (divan): a synthetic ledger of 20,000 generated articles, built
//! once through the real pipeline into an SQLite file, then what `guarantor evidence --actor USA`
//! computes (filtered statements, positions, disagreements, quantities, copy links) and what the
//! dashboard's ledger view asks (`/api/evidence` page, `/api/sources`, a scenario's entries).
//!
//! Run: `cargo bench -p guarantor-store --bench ledger`. `GUARANTOR_BENCH_ARTICLES` changes the
//! size (default 20,000); `GUARANTOR_BENCH_LEDGER_DB=FILE` keeps the database there (and reuses
//! it when it exists), so the CLI can be timed on it: `guarantor evidence --actor USA --db FILE`.
//! Nothing is asserted here: timings are not tests.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Instant;

use guarantor_evidence::{DedupeParams, Pipeline, source};
use guarantor_store::{StatementFilter, Store};

fn main() {
    let _ = ledger();
    divan::main();
}

/// SplitMix64: the same corpus on every run.
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

    fn sentence(&mut self) -> String {
        const SYLLABLES: [&str; 20] = [
            "ka", "lo", "mi", "ne", "ra", "to", "su", "vi", "de", "an", "or", "el", "po", "gri",
            "stan", "vel", "mor", "tin", "bar", "sol",
        ];
        let n = 10 + self.next() % 10;
        let words: Vec<String> = (0..n)
            .map(|_| {
                (0..1 + self.next() % 3)
                    .map(|_| SYLLABLES[(self.next() % 20) as usize])
                    .collect()
            })
            .collect();
        let mut s = words.join(" ");
        s[..1].make_ascii_uppercase();
        s.push('.');
        s
    }
}

/// Speakers and what they may say: the statements the extractor finds in the generated text.
const SPEAKERS: [&str; 10] = [
    "Donald Trump",
    "Marco Rubio",
    "Keir Starmer",
    "Emmanuel Macron",
    "Friedrich Merz",
    "Donald Tusk",
    "Dmitry Peskov",
    "Volodymyr Zelenskyy",
    "Giorgia Meloni",
    "JD Vance",
];
const CLAIMS: [&str; 9] = [
    "the United States will not send troops to Ukraine",
    "the United States is ready to send troops to Ukraine as a backstop",
    "the United States could help with air power and intelligence",
    "Britain is ready to deploy troops to Ukraine after a ceasefire",
    "France will send hundreds of troops as part of a reassurance force",
    "Germany will provide air defence systems to Ukraine",
    "Russia rejects any deployment of NATO troops in Ukraine",
    "Poland will not send soldiers to Ukraine",
    "Italy rules out sending troops to Ukraine",
];
const OUTLETS: [&str; 12] = [
    "Wire A",
    "Wire B",
    "Daily C",
    "Daily D",
    "Radio E",
    "TV F",
    "Weekly G",
    "Post H",
    "Herald I",
    "Times J",
    "Journal K",
    "Review L",
];

fn corpus(n: usize) -> Vec<String> {
    let mut g = Gen(20_000);
    let mut texts: Vec<String> = Vec::with_capacity(n);
    for i in 0..n {
        let day = g.next() % 365;
        let date = format!("2025-{:02}-{:02}", 1 + day / 31 % 12, 1 + day % 28);
        let outlet = g.pick(&OUTLETS);
        let mut body = String::new();
        for k in 0..12 {
            if k % 4 == 1 {
                body.push_str(&format!("{} said {}. ", g.pick(&SPEAKERS), g.pick(&CLAIMS)));
            } else {
                body.push_str(&g.sentence());
                body.push(' ');
            }
            if k % 3 == 2 {
                body.push('\n');
            }
        }
        if i % 50 == 49 {
            // A copy of an earlier article with one sentence added: a duplicate link.
            let src = (g.next() as usize) % i;
            let earlier = texts[src]
                .split_once("\n\n")
                .map_or("", |(_, b)| b)
                .to_string();
            body = format!("An added sentence about the weather. {earlier}");
        }
        texts.push(format!(
            "Title: Generated report {i}\nOutlet: {outlet}\nDate: {date}\n\n{body}"
        ));
    }
    texts
}

/// The generated ledger's path, built on first use.
fn ledger() -> &'static PathBuf {
    static LEDGER: OnceLock<(Option<tempfile::TempDir>, PathBuf)> = OnceLock::new();
    &LEDGER
        .get_or_init(|| {
            let n: usize = std::env::var("GUARANTOR_BENCH_ARTICLES")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(20_000);
            let (dir, path) = match std::env::var("GUARANTOR_BENCH_LEDGER_DB") {
                Ok(p) => (None, PathBuf::from(p)),
                Err(_) => {
                    let dir = tempfile::tempdir().expect("temp dir");
                    let path = dir.path().join("ledger.db");
                    (Some(dir), path)
                }
            };
            if !path.exists() {
                let start = Instant::now();
                let pipeline = Pipeline::default();
                let mut store = Store::open(&path).expect("open");
                let mut index = store.dedupe_index(DedupeParams::default()).expect("index");
                for (i, text) in corpus(n).iter().enumerate() {
                    let raw = source::parse_text(&format!("g{i:05}"), text);
                    let article = pipeline.process(&raw).expect("generated text has content");
                    store.ingest(&article, &mut index).expect("stored");
                }
                println!(
                    "built a ledger of {n} generated articles in {:.1}s",
                    start.elapsed().as_secs_f64()
                );
            }
            let store = Store::open_read_only(&path).expect("ledger");
            let usa = store.ledger_of(usa()).expect("query");
            println!(
                "ledger: {} articles, {} statements ({} by or about USA), {} copy links; {}",
                store.article_count().expect("count"),
                store.statement_count().expect("count"),
                usa.statements.len(),
                usa.duplicates.len(),
                path.display()
            );
            (dir, path)
        })
        .1
}

fn usa() -> StatementFilter<'static> {
    StatementFilter {
        actor: Some("USA"),
        capability: None,
        min_probability: None,
    }
}

/// What `guarantor evidence --actor USA` computes before printing.
#[divan::bench(sample_count = 10)]
fn evidence_actor_usa() -> usize {
    let store = Store::open_read_only(ledger()).expect("ledger");
    let ledger = store.ledger_of(usa()).expect("query");
    let copies = ledger.duplicate_index();
    ledger.positions().len()
        + ledger.disagreements().len()
        + ledger.quantities().len()
        + copies.len()
}

/// `guarantor evidence` without a filter: the whole ledger.
#[divan::bench(sample_count = 5)]
fn evidence_whole_ledger() -> usize {
    let store = Store::open_read_only(ledger()).expect("ledger");
    let ledger = store.ledger().expect("query");
    ledger.positions().len() + ledger.disagreements().len() + ledger.quantities().len()
}

/// `GET /api/evidence?actor=USA` (a page of 500 with sources, the total, the filter lists).
#[divan::bench(sample_count = 10)]
fn dashboard_evidence_page() -> usize {
    let store = Store::open_read_only(ledger()).expect("ledger");
    let (actors, capabilities) = store.actors_and_capabilities().expect("lists");
    let page = store.statement_page(usa(), 500).expect("page");
    let sources = store
        .articles_by_id(page.statements.iter().map(|s| s.article.as_str()))
        .expect("sources");
    actors.len() + capabilities.len() + page.total + sources.len()
}

/// `GET /api/sources`: every article with its copy link.
#[divan::bench(sample_count = 10)]
fn dashboard_sources() -> usize {
    let store = Store::open_read_only(ledger()).expect("ledger");
    let articles = store.articles().expect("articles");
    let links = guarantor_evidence::Ledger {
        statements: Vec::new(),
        duplicates: store.duplicates().expect("links"),
    };
    let copies = links.duplicate_index();
    articles
        .iter()
        .filter(|a| copies.contains_key(a.id.as_str()))
        .count()
}

/// `GET /api/scenarios/{name}/evidence`'s reads: the statements on each entry's actor and
/// capability (a scenario has a few dozen entries over about ten such pairs).
#[divan::bench(sample_count = 10)]
fn dashboard_scenario_entries() -> usize {
    let store = Store::open_read_only(ledger()).expect("ledger");
    let mut n = 0;
    for (actor, capability) in [
        ("USA", "ground_troops"),
        ("USA", "air_power"),
        ("USA", "intelligence"),
        ("GBR", "ground_troops"),
        ("FRA", "ground_troops"),
        ("DEU", "air_defence"),
        ("POL", "ground_troops"),
        ("ITA", "ground_troops"),
        ("RUS", "ground_troops"),
        ("UKR", "ground_troops"),
    ] {
        let part = store
            .ledger_of(StatementFilter {
                actor: Some(actor),
                capability: Some(capability),
                min_probability: None,
            })
            .expect("query");
        n += part.latest(actor, capability).map_or(0, |s| s.quote.len());
    }
    n
}
