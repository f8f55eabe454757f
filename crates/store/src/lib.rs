//! Guarantor's evidence ledger on disk: an SQLite database (WAL mode) with schema migrations,
//! one transaction per article and idempotent ingestion keyed on a content hash.
//!
//! This is the only crate that knows SQL. It stores what `guarantor-evidence` produces and reads
//! it back as a [`Ledger`]; it does not clean, dedupe or extract anything itself.
//! Invariant: an article row exists only together with all its statements, mentions, dropped
//! lines and duplicate links (a single transaction), and the article row records how many of each
//! it has, so [`Store::integrity`] can prove no half-stored article exists.
//! Several processes may ingest into one database at once: each article's checks and writes run
//! in one immediate (write-locked) transaction, and each process's dedupe index catches up with
//! the articles the others stored. Queries filter, sort and page in SQL on indexed columns, so a
//! ledger of tens of thousands of articles answers at once.

mod migrations;
mod rows;

use rows::{add_fingerprints_after, insert};

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use guarantor_evidence::{
    AttributionKind, DedupeIndex, DedupeParams, DuplicateLink, Ledger, LinkKind, LinkReason,
    Modality, ProcessedArticle, Quantity, Stance, Statement,
};
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, Row, TransactionBehavior};

/// How long a write waits for another process's lock before giving up. Another ingest holds the
/// lock for one article at a time (milliseconds), so only a stuck process makes this expire.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

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

/// Which statements a query returns: `None` matches all.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct StatementFilter<'a> {
    /// The actor, or the speaker the statement is attributed to.
    pub actor: Option<&'a str>,
    pub capability: Option<&'a str>,
    /// Leaves out the classifier's statements below this probability (0 to 1); the rules'
    /// statements (probability `NULL`) stay. [`guarantor_evidence::FIRM_PROBABILITY`] keeps the
    /// firm ones ([`Statement::is_firm`]).
    pub min_probability: Option<f64>,
}

/// One page of statements, newest first, with the number matching the filter.
#[derive(Debug, Clone, PartialEq)]
pub struct StatementPage {
    pub total: usize,
    pub statements: Vec<Statement>,
}

/// An open ledger database.
pub struct Store {
    conn: Connection,
    /// The last article (`seq`) the caller's dedupe index holds, once [`Store::dedupe_index`]
    /// built it: articles stored after it by another process are added before each ingest.
    indexed_upto: Option<i64>,
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
        Ok(Store {
            conn,
            indexed_upto: None,
        })
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
        let store = Store {
            conn,
            indexed_upto: None,
        };
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

    /// Rebuilds the dedupe index from the stored fingerprints, in ingestion order. Later
    /// [`Store::ingest`] calls keep it up to date, with what other processes store too.
    ///
    /// # Errors
    /// SQLite errors or a corrupt fingerprint.
    pub fn dedupe_index(&mut self, params: DedupeParams) -> Result<DedupeIndex, StoreError> {
        let mut index = DedupeIndex::new(params);
        self.indexed_upto = Some(add_fingerprints_after(&self.conn, 0, &mut index)?);
        Ok(index)
    }

    /// Stores one processed article and its duplicate links in one transaction, after checking
    /// the content hash: re-ingesting the same content changes nothing.
    ///
    /// The checks run inside the write-locked transaction, so another process storing the same
    /// article at the same moment makes this one `Unchanged`, never a false conflict. `index` is
    /// first brought up to date with what other processes stored, then queried for duplicates
    /// and, once the transaction commits, updated.
    ///
    /// # Errors
    /// [`StoreError::IdConflict`] when the id is stored with other content; SQLite errors
    /// (locked, read-only); nothing is written when an error is returned.
    pub fn ingest(
        &mut self,
        article: &ProcessedArticle,
        index: &mut DedupeIndex,
    ) -> Result<IngestOutcome, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Cached statements: compiling the SQL of each article's queries anew cost more than
        // running them.
        let exists = |sql: &str, value: &str| -> Result<bool, StoreError> {
            Ok(tx
                .prepare_cached(sql)?
                .query_row([value], |_| Ok(()))
                .optional()?
                .is_some())
        };
        if exists(
            "SELECT 1 FROM articles WHERE content_hash = ?1",
            &article.content_hash,
        )? {
            return Ok(IngestOutcome::Unchanged);
        }
        if exists("SELECT 1 FROM articles WHERE id = ?1", &article.id)? {
            return Err(StoreError::IdConflict {
                id: article.id.clone(),
            });
        }
        // What other processes stored since the index was read: stored either way, so it stays
        // in the index even if this transaction fails.
        if let Some(upto) = self.indexed_upto {
            self.indexed_upto = Some(add_fingerprints_after(&tx, upto, index)?);
        }
        let links = index.query(
            &article.id,
            article.date.as_deref(),
            article.url.as_deref(),
            &article.fingerprint,
        );
        let seq = insert(&tx, article, &links)?;
        tx.commit()?;
        index.add(
            &article.id,
            article.date.as_deref(),
            article.url.as_deref(),
            article.fingerprint.clone(),
        );
        if self.indexed_upto.is_some() {
            self.indexed_upto = Some(seq);
        }
        Ok(IngestOutcome::Stored {
            statements: article.statements.len(),
            links,
        })
    }

    /// The whole ledger: every statement and duplicate link.
    ///
    /// # Errors
    /// SQLite errors or a corrupt row.
    pub fn ledger(&self) -> Result<Ledger, StoreError> {
        self.ledger_of(StatementFilter::default())
    }

    /// The statements matching `filter` (in the order of the whole ledger) and every duplicate
    /// link: what `guarantor evidence --actor --capability` summarises. The filter runs in SQL
    /// on indexed columns.
    ///
    /// # Errors
    /// SQLite errors or a corrupt row.
    pub fn ledger_of(&self, filter: StatementFilter) -> Result<Ledger, StoreError> {
        let statements =
            self.statements_where(filter, "ORDER BY date, article, sentence, capability", None)?;
        Ok(Ledger {
            statements,
            duplicates: self.duplicates()?,
        })
    }

    /// The newest `limit` statements matching `filter` (undated last; then by article, sentence
    /// and capability) and how many match in all: a page of the dashboard's ledger view.
    ///
    /// # Errors
    /// SQLite errors or a corrupt row.
    pub fn statement_page(
        &self,
        filter: StatementFilter,
        limit: usize,
    ) -> Result<StatementPage, StoreError> {
        let (from, args) = source_of(filter);
        let total: i64 = self.conn.query_row(
            &format!("SELECT COUNT(*) FROM {from}"),
            rusqlite::params_from_iter(args.iter()),
            |r| r.get(0),
        )?;
        let statements = self.statements_where(
            filter,
            "ORDER BY date IS NULL, date DESC, article, sentence, capability",
            Some(limit),
        )?;
        Ok(StatementPage {
            total: usize::try_from(total).unwrap_or(0),
            statements,
        })
    }

    /// The statements with these ids that the ledger holds, by id.
    ///
    /// # Errors
    /// SQLite errors or a corrupt row.
    pub fn statements_by_id<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a str>,
    ) -> Result<BTreeMap<String, Statement>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {STATEMENT_COLUMNS} FROM statements WHERE id = ?1"
        ))?;
        let mut out = BTreeMap::new();
        for id in ids {
            if let Some(s) = stmt.query_row([id], statement_row).optional()? {
                let s = s.decode()?;
                out.insert(s.id.clone(), s);
            }
        }
        Ok(out)
    }

    fn statements_where(
        &self,
        filter: StatementFilter,
        order: &str,
        limit: Option<usize>,
    ) -> Result<Vec<Statement>, StoreError> {
        let (from, args) = source_of(filter);
        let limit = limit.map(|n| format!("LIMIT {n}")).unwrap_or_default();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {STATEMENT_COLUMNS} FROM {from} {order} {limit}"
        ))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), statement_row)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row?.decode()?);
        }
        Ok(out)
    }

    /// Every duplicate link, by article then original.
    ///
    /// # Errors
    /// SQLite errors or a corrupt row.
    pub fn duplicates(&self) -> Result<Vec<DuplicateLink>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT article, duplicate_of, similarity, kind, reason FROM duplicates
             ORDER BY article, duplicate_of",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, f64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?;
        let mut duplicates = Vec::new();
        for row in rows {
            let (article, duplicate_of, similarity, kind, reason) = row?;
            duplicates.push(DuplicateLink {
                kind: LinkKind::parse(&kind)
                    .ok_or_else(|| StoreError::Corrupt(format!("duplicate link kind `{kind}`")))?,
                reason: reason
                    .map(|r| {
                        LinkReason::parse(&r).ok_or_else(|| {
                            StoreError::Corrupt(format!("duplicate link reason `{r}`"))
                        })
                    })
                    .transpose()?,
                article,
                duplicate_of,
                similarity,
            });
        }
        Ok(duplicates)
    }

    /// Every actor and every capability with a statement, each sorted and distinct (read from
    /// the indexes, not the rows).
    ///
    /// # Errors
    /// SQLite errors.
    pub fn actors_and_capabilities(&self) -> Result<(Vec<String>, Vec<String>), StoreError> {
        let distinct = |sql: &str| -> Result<Vec<String>, StoreError> {
            let mut stmt = self.conn.prepare(sql)?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        };
        Ok((
            distinct("SELECT DISTINCT actor FROM statements ORDER BY actor")?,
            distinct("SELECT DISTINCT capability FROM statements ORDER BY capability")?,
        ))
    }

    /// Every stored article's metadata (no text), ordered by date (undated first), then id:
    /// what a reader needs to find the original (`guarantor serve`'s source list).
    ///
    /// # Errors
    /// SQLite errors.
    pub fn articles(&self) -> Result<Vec<ArticleRecord>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY date, id"
        ))?;
        let rows = stmt.query_map([], article_row)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// The metadata of the articles with these ids that the ledger holds, by id.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn articles_by_id<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a str>,
    ) -> Result<BTreeMap<String, ArticleRecord>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?1"
        ))?;
        let mut out = BTreeMap::new();
        for id in ids {
            if !out.contains_key(id)
                && let Some(a) = stmt.query_row([id], article_row).optional()?
            {
                out.insert(a.id.clone(), a);
            }
        }
        Ok(out)
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

    /// Number of stored statements.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn statement_count(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM statements", [], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Checks that every article has exactly the child rows it recorded, and no statement lacks
    /// its article. Each count is an index lookup (`statements_article` and the primary keys of
    /// mentions and dropped lines), so the check is linear in the ledger.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn integrity(&self) -> Result<IntegrityReport, StoreError> {
        let mut stmt = self.conn.prepare(INTEGRITY_SQL)?;
        let incomplete = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        let count = |sql: &str| -> Result<usize, StoreError> {
            let n: i64 = self.conn.query_row(sql, [], |r| r.get(0))?;
            Ok(usize::try_from(n).unwrap_or(0))
        };
        Ok(IntegrityReport {
            articles: self.article_count()?,
            statements: self.statement_count()?,
            incomplete,
            orphan_statements: count(ORPHANS_SQL)?,
        })
    }
}

const INTEGRITY_SQL: &str = "SELECT a.id FROM articles a
     WHERE a.statement_count != (SELECT COUNT(*) FROM statements s WHERE s.article = a.id)
        OR a.mention_count != (SELECT COUNT(*) FROM mentions m WHERE m.article = a.id)
        OR a.dropped_count != (SELECT COUNT(*) FROM dropped_lines d WHERE d.article = a.id)
     ORDER BY a.id";

const ORPHANS_SQL: &str = "SELECT COUNT(*) FROM statements s
     WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = s.article)";

const STATEMENT_COLUMNS: &str = "id, article, actor, capability, stance, modality, quantity,
    attributed_to, attribution, quote, quote_start, quote_end, date, outlet, sentence, probability";

const ARTICLE_COLUMNS: &str = "id, url, outlet, date, title, lang, statement_count";

/// The rows a filter selects, as a `FROM` source (the table itself, or a subquery), with its
/// parameters. The actor matches the actor or the speaker, as [`Ledger::filter`] does: a union of
/// two searches, one on each side's index (with an `OR`, SQLite without statistics would rather
/// scan every statement on the capability).
fn source_of(filter: StatementFilter) -> (String, Vec<String>) {
    let (from, args) = source_by_actor_and_capability(filter);
    let Some(min) = filter.min_probability else {
        return (from, args);
    };
    // Written as a literal: a finite number in 0..=1 (NaN reads as 0), whose `{:?}` form SQLite
    // parses ("0.5", "1e-7"). Stored probabilities are hundredths, so 0.8 keeps a stored 0.8.
    let min = if min.is_nan() {
        0.0
    } else {
        min.clamp(0.0, 1.0)
    };
    (
        format!("(SELECT * FROM {from} WHERE probability IS NULL OR probability >= {min:?})"),
        args,
    )
}

fn source_by_actor_and_capability(filter: StatementFilter) -> (String, Vec<String>) {
    use guarantor_evidence::ledger::{UNNAMED, unnamed_form, unnamed_group_count};
    let Some(a) = filter.actor else {
        return match filter.capability {
            None => ("statements".to_string(), Vec::new()),
            Some(c) => (
                "(SELECT * FROM statements WHERE capability = ?1)".to_string(),
                vec![c.to_string()],
            ),
        };
    };
    // The actor or the speaker by name; an unnamed group by its name without the marker
    // ("Ukraine's allies" finds "Ukraine's allies (unnamed)"); and a group's count in every
    // wording ("26 countries" finds "26 країн (unnamed)"), a pattern: as `Ledger::filter`
    // matches ([`guarantor_evidence::ledger::actor_matches`]). One indexed search each.
    let mut args = vec![a.to_string()];
    let mut conditions = vec!["actor = ?1".to_string(), "attributed_to = ?1".to_string()];
    if let Some(group) = unnamed_form(a) {
        args.push(group);
        conditions.push(format!("actor = ?{}", args.len()));
    }
    if let Some(n) = unnamed_group_count(a) {
        args.push(format!("{n} %{UNNAMED}"));
        conditions.push(format!("actor LIKE ?{}", args.len()));
    }
    let capability = match filter.capability {
        Some(c) => {
            args.push(c.to_string());
            format!(" AND capability = ?{}", args.len())
        }
        None => String::new(),
    };
    let selects: Vec<String> = conditions
        .iter()
        .map(|c| format!("SELECT * FROM statements WHERE {c}{capability}"))
        .collect();
    (format!("({})", selects.join(" UNION ")), args)
}

/// A statement row as stored, before its enums are checked.
struct StatementRow {
    id: String,
    article: String,
    actor: String,
    capability: String,
    stance: String,
    modality: String,
    quantity: Option<String>,
    attributed_to: Option<String>,
    attribution: String,
    quote: String,
    quote_start: i64,
    quote_end: i64,
    date: Option<String>,
    outlet: Option<String>,
    sentence: i64,
    probability: Option<f64>,
}

fn statement_row(r: &Row) -> rusqlite::Result<StatementRow> {
    Ok(StatementRow {
        id: r.get(0)?,
        article: r.get(1)?,
        actor: r.get(2)?,
        capability: r.get(3)?,
        stance: r.get(4)?,
        modality: r.get(5)?,
        quantity: r.get(6)?,
        attributed_to: r.get(7)?,
        attribution: r.get(8)?,
        quote: r.get(9)?,
        quote_start: r.get(10)?,
        quote_end: r.get(11)?,
        date: r.get(12)?,
        outlet: r.get(13)?,
        sentence: r.get(14)?,
        probability: r.get(15)?,
    })
}

impl StatementRow {
    fn decode(self) -> Result<Statement, StoreError> {
        let id = self.id;
        let corrupt =
            |what: &str, v: &str| StoreError::Corrupt(format!("statement `{id}` has {what} `{v}`"));
        let quantity: Option<Quantity> = match &self.quantity {
            Some(q) => Some(serde_json::from_str(q).map_err(|_| corrupt("quantity", q))?),
            None => None,
        };
        Ok(Statement {
            stance: Stance::parse(&self.stance).ok_or_else(|| corrupt("stance", &self.stance))?,
            modality: Modality::parse(&self.modality)
                .ok_or_else(|| corrupt("modality", &self.modality))?,
            attribution: AttributionKind::parse(&self.attribution)
                .ok_or_else(|| corrupt("attribution", &self.attribution))?,
            id,
            article: self.article,
            actor: self.actor,
            capability: self.capability,
            quantity,
            attributed_to: self.attributed_to,
            quote: self.quote,
            quote_start: usize::try_from(self.quote_start).unwrap_or(0),
            quote_end: usize::try_from(self.quote_end).unwrap_or(0),
            date: self.date,
            outlet: self.outlet,
            sentence: usize::try_from(self.sentence).unwrap_or(0),
            probability: self.probability,
        })
    }
}

fn article_row(r: &Row) -> rusqlite::Result<ArticleRecord> {
    Ok(ArticleRecord {
        id: r.get(0)?,
        url: r.get(1)?,
        outlet: r.get(2)?,
        date: r.get(3)?,
        title: r.get(4)?,
        lang: r.get(5)?,
        statements: usize::try_from(r.get::<_, i64>(6)?).unwrap_or(0),
    })
}

#[cfg(test)]
#[path = "lib_tests.rs"]
mod tests;
