//! Guarantor's evidence ledger on disk: an SQLite database (WAL mode) with schema migrations,
//! one transaction per article and idempotent ingestion keyed on a content hash.
//!
//! This is the only crate that knows SQL. It stores what `guarantor-evidence` produces and reads
//! it back as a [`Ledger`]; it does not clean, dedupe or extract anything itself.
//! Invariant: an article row exists only together with all its statements, mentions, dropped
//! lines and duplicate links (a single transaction), and the article row records how many of each
//! it has, so [`Store::integrity`] can prove no half-stored article exists.

mod migrations;

use std::path::Path;
use std::time::Duration;

use guarantor_evidence::{
    AttributionKind, DedupeIndex, DedupeParams, DuplicateLink, Fingerprint, Ledger, LinkKind,
    Modality, ProcessedArticle, Quantity, Stance, Statement,
};
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, params};

/// How long a write waits for another process's lock before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(2);

/// Errors of the store, with messages that say what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database is locked by another process (waited {}s)", BUSY_TIMEOUT.as_secs())]
    Locked,
    #[error("database is read-only")]
    ReadOnly,
    #[error(
        "article id `{id}` is already stored with different content; give the new version another id"
    )]
    IdConflict { id: String },
    #[error("database schema version {found} is newer than this program supports ({supported})")]
    TooNew { found: i64, supported: i64 },
    #[error("file is not a Guarantor ledger (no schema); create one with `guarantor ingest`")]
    NotALedger,
    #[error("stored record is invalid: {0}")]
    Corrupt(String),
    #[error("SQLite error: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Locked,
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly,
            _ => StoreError::Sqlite(e),
        }
    }
}

/// The result of ingesting one article.
#[derive(Debug, Clone, PartialEq)]
pub enum IngestOutcome {
    /// Stored, with its statement count and the duplicate links found.
    Stored {
        statements: usize,
        links: Vec<DuplicateLink>,
    },
    /// The same content hash is already stored: nothing changed.
    Unchanged,
}

/// Articles whose stored row counts disagree with their child rows (should always be empty).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IntegrityReport {
    pub articles: usize,
    pub statements: usize,
    pub incomplete: Vec<String>,
    pub orphan_statements: usize,
}

/// A stored article's metadata, as given by the input (nothing here is checked or escaped: a
/// URL may be any text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleRecord {
    pub id: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    /// `YYYY-MM-DD`, if known.
    pub date: Option<String>,
    pub title: Option<String>,
    pub lang: Option<String>,
    /// Number of statements extracted from it.
    pub statements: usize,
}

/// An open ledger database.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the database at `path`, switches it to WAL mode and applies
    /// pending migrations. A read-only database with an up-to-date schema opens for reading.
    ///
    /// # Errors
    /// SQLite errors, [`StoreError::TooNew`] for a database from a newer Guarantor.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path)?;
        Store::setup(conn)
    }

    /// Opens an existing database for reading only (`guarantor evidence`): never creates,
    /// migrates or writes, so it works on read-only files and never blocks an ingest.
    ///
    /// # Errors
    /// SQLite errors (no such file), [`StoreError::NotALedger`] when the file has no ledger
    /// schema, [`StoreError::TooNew`] for a database from a newer Guarantor.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let supported = migrations::MIGRATIONS.len() as i64;
        if version == 0 {
            return Err(StoreError::NotALedger);
        }
        if version > supported {
            return Err(StoreError::TooNew {
                found: version,
                supported,
            });
        }
        Ok(Store { conn })
    }

    /// An in-memory database, for tests and benchmarks.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Store::setup(Connection::open_in_memory()?)
    }

    fn setup(conn: Connection) -> Result<Store, StoreError> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // WAL lets readers (`guarantor evidence`) run during an ingest. Setting it fails on a
        // read-only file; reading still works, so that failure is not fatal.
        let _ = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get::<_, String>(0));
        conn.execute_batch("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;")?;
        let store = Store { conn };
        migrations::apply(&store.conn)?;
        Ok(store)
    }

    /// The schema version (SQLite `user_version`).
    ///
    /// # Errors
    /// SQLite errors.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// The stored content hash of an article id.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn article_hash(&self, id: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT content_hash FROM articles WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Whether an article with this content hash is stored.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn has_hash(&self, hash: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM articles WHERE content_hash = ?1",
                [hash],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Rebuilds the dedupe index from the stored fingerprints, in ingestion order.
    ///
    /// # Errors
    /// SQLite errors or a corrupt fingerprint.
    pub fn dedupe_index(&self, params: DedupeParams) -> Result<DedupeIndex, StoreError> {
        let mut index = DedupeIndex::new(params);
        let mut stmt = self
            .conn
            .prepare("SELECT id, date, minhash, quotes, words FROM articles ORDER BY seq")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Vec<u8>>(2)?,
                r.get::<_, Vec<u8>>(3)?,
                r.get::<_, Vec<u8>>(4)?,
            ))
        })?;
        for row in rows {
            let (id, date, minhash, quotes, words) = row?;
            let fp = Fingerprint {
                minhash: decode_u64s(&minhash)?,
                quotes: decode_u64s(&quotes)?,
                words: decode_u64s(&words)?,
            };
            index.add(&id, date.as_deref(), fp);
        }
        Ok(index)
    }

    /// Stores one processed article and its duplicate links in one transaction, after checking
    /// the content hash: re-ingesting the same content changes nothing.
    ///
    /// `index` is queried for duplicates and, once the transaction commits, updated.
    ///
    /// # Errors
    /// [`StoreError::IdConflict`] when the id is stored with other content; SQLite errors
    /// (locked, read-only); nothing is written when an error is returned.
    pub fn ingest(
        &mut self,
        article: &ProcessedArticle,
        index: &mut DedupeIndex,
    ) -> Result<IngestOutcome, StoreError> {
        if self.has_hash(&article.content_hash)? {
            return Ok(IngestOutcome::Unchanged);
        }
        if self.article_hash(&article.id)?.is_some() {
            return Err(StoreError::IdConflict {
                id: article.id.clone(),
            });
        }
        let links = index.query(&article.id, article.date.as_deref(), &article.fingerprint);
        self.insert(article, &links)?;
        index.add(
            &article.id,
            article.date.as_deref(),
            article.fingerprint.clone(),
        );
        Ok(IngestOutcome::Stored {
            statements: article.statements.len(),
            links,
        })
    }

    fn insert(&mut self, a: &ProcessedArticle, links: &[DuplicateLink]) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO articles (id, content_hash, url, outlet, date, title, lang, text,
                dropped_count, mention_count, statement_count, minhash, quotes, words, extractor)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            params![
                a.id,
                a.content_hash,
                a.url,
                a.outlet,
                a.date,
                a.title,
                a.lang,
                a.cleaned.text,
                a.cleaned.dropped.len() as i64,
                a.mentions.len() as i64,
                a.statements.len() as i64,
                encode_u64s(&a.fingerprint.minhash),
                encode_u64s(&a.fingerprint.quotes),
                encode_u64s(&a.fingerprint.words),
                guarantor_evidence::EXTRACTOR_VERSION,
            ],
        )?;
        {
            let mut d = tx.prepare(
                "INSERT INTO dropped_lines (article, seq, line, reason) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (i, line) in a.cleaned.dropped.iter().enumerate() {
                let reason = serde_json::to_value(line.reason)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                d.execute(params![a.id, i as i64, line.line, reason])?;
            }
            let mut m = tx.prepare(
                "INSERT INTO mentions (article, seq, entity, kind, start, end, method, surface)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for (i, x) in a.mentions.iter().enumerate() {
                let method = match x.method {
                    guarantor_evidence::MatchMethod::Alias => "alias",
                    guarantor_evidence::MatchMethod::Fuzzy => "fuzzy",
                };
                m.execute(params![
                    a.id,
                    i as i64,
                    x.entity,
                    x.kind.as_str(),
                    x.start as i64,
                    x.end as i64,
                    method,
                    a.cleaned.text.get(x.start..x.end).unwrap_or_default(),
                ])?;
            }
            let mut s = tx.prepare(
                "INSERT INTO statements (id, article, actor, capability, stance, modality, quantity,
                    attributed_to, attribution, quote, quote_start, quote_end, date, outlet, sentence)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )?;
            for x in &a.statements {
                let quantity = x
                    .quantity
                    .as_ref()
                    .map(|q| serde_json::to_string(q).unwrap_or_default());
                s.execute(params![
                    x.id,
                    x.article,
                    x.actor,
                    x.capability,
                    x.stance.as_str(),
                    x.modality.as_str(),
                    quantity,
                    x.attributed_to,
                    x.attribution.as_str(),
                    x.quote,
                    x.quote_start as i64,
                    x.quote_end as i64,
                    x.date,
                    x.outlet,
                    x.sentence as i64,
                ])?;
            }
            let mut l = tx.prepare(
                "INSERT OR REPLACE INTO duplicates (article, duplicate_of, similarity, kind)
                 VALUES (?1, ?2, ?3, ?4)",
            )?;
            for x in links {
                l.execute(params![
                    x.article,
                    x.duplicate_of,
                    x.similarity,
                    x.kind.as_str()
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The whole ledger: every statement and duplicate link.
    ///
    /// # Errors
    /// SQLite errors or a corrupt row.
    pub fn ledger(&self) -> Result<Ledger, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, article, actor, capability, stance, modality, quantity, attributed_to,
                    attribution, quote, quote_start, quote_end, date, outlet, sentence
             FROM statements ORDER BY date, article, sentence, capability",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, String>(9)?,
                (
                    r.get::<_, i64>(10)?,
                    r.get::<_, i64>(11)?,
                    r.get::<_, i64>(14)?,
                ),
                r.get::<_, Option<String>>(12)?,
                r.get::<_, Option<String>>(13)?,
            ))
        })?;
        let mut statements = Vec::new();
        for row in rows {
            let (
                id,
                article,
                actor,
                capability,
                stance,
                modality,
                quantity,
                attributed_to,
                attribution,
                quote,
                (qs, qe, sentence),
                date,
                outlet,
            ) = row?;
            let corrupt = |what: &str, v: &str| {
                StoreError::Corrupt(format!("statement `{id}` has {what} `{v}`"))
            };
            let quantity: Option<Quantity> = match quantity {
                Some(q) => Some(serde_json::from_str(&q).map_err(|_| corrupt("quantity", &q))?),
                None => None,
            };
            statements.push(Statement {
                stance: Stance::parse(&stance).ok_or_else(|| corrupt("stance", &stance))?,
                modality: Modality::parse(&modality)
                    .ok_or_else(|| corrupt("modality", &modality))?,
                attribution: AttributionKind::parse(&attribution)
                    .ok_or_else(|| corrupt("attribution", &attribution))?,
                id,
                article,
                actor,
                capability,
                quantity,
                attributed_to,
                quote,
                quote_start: usize::try_from(qs).unwrap_or(0),
                quote_end: usize::try_from(qe).unwrap_or(0),
                date,
                outlet,
                sentence: usize::try_from(sentence).unwrap_or(0),
            });
        }
        let mut stmt = self.conn.prepare(
            "SELECT article, duplicate_of, similarity, kind FROM duplicates ORDER BY article, duplicate_of",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, f64>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut duplicates = Vec::new();
        for row in rows {
            let (article, duplicate_of, similarity, kind) = row?;
            duplicates.push(DuplicateLink {
                kind: LinkKind::parse(&kind)
                    .ok_or_else(|| StoreError::Corrupt(format!("duplicate link kind `{kind}`")))?,
                article,
                duplicate_of,
                similarity,
            });
        }
        Ok(Ledger {
            statements,
            duplicates,
        })
    }

    /// Every stored article's metadata (no text), ordered by date (undated first), then id:
    /// what a reader needs to find the original (`guarantor serve`'s source list).
    ///
    /// # Errors
    /// SQLite errors.
    pub fn articles(&self) -> Result<Vec<ArticleRecord>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, url, outlet, date, title, lang, statement_count
             FROM articles ORDER BY date, id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ArticleRecord {
                id: r.get(0)?,
                url: r.get(1)?,
                outlet: r.get(2)?,
                date: r.get(3)?,
                title: r.get(4)?,
                lang: r.get(5)?,
                statements: usize::try_from(r.get::<_, i64>(6)?).unwrap_or(0),
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Number of stored articles.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn article_count(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Checks that every article has exactly the child rows it recorded, and no statement lacks
    /// its article.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn integrity(&self) -> Result<IntegrityReport, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT a.id FROM articles a
             WHERE a.statement_count != (SELECT COUNT(*) FROM statements s WHERE s.article = a.id)
                OR a.mention_count != (SELECT COUNT(*) FROM mentions m WHERE m.article = a.id)
                OR a.dropped_count != (SELECT COUNT(*) FROM dropped_lines d WHERE d.article = a.id)
             ORDER BY a.id",
        )?;
        let incomplete = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        let count = |sql: &str| -> Result<usize, StoreError> {
            let n: i64 = self.conn.query_row(sql, [], |r| r.get(0))?;
            Ok(usize::try_from(n).unwrap_or(0))
        };
        Ok(IntegrityReport {
            articles: count("SELECT COUNT(*) FROM articles")?,
            statements: count("SELECT COUNT(*) FROM statements")?,
            incomplete,
            orphan_statements: count(
                "SELECT COUNT(*) FROM statements s WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = s.article)",
            )?,
        })
    }
}

fn encode_u64s(v: &[u64]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

fn decode_u64s(b: &[u8]) -> Result<Vec<u64>, StoreError> {
    if !b.len().is_multiple_of(8) {
        return Err(StoreError::Corrupt(format!(
            "fingerprint of {} bytes",
            b.len()
        )));
    }
    Ok(b.chunks_exact(8)
        .map(|c| {
            let mut a = [0u8; 8];
            a.copy_from_slice(c);
            u64::from_le_bytes(a)
        })
        .collect())
}
