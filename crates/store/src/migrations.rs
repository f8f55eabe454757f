//! Schema migrations of the ledger database, applied in order and recorded in SQLite's
//! `user_version`. A migration is never edited once released; changes are new entries.
//!
//! Not a general migration framework: a list of SQL scripts and a loop.

use rusqlite::Connection;

use crate::StoreError;

/// Migration `i` (0-based) brings the schema from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: articles, their child rows and duplicate links.
    "CREATE TABLE articles (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL UNIQUE,
        url TEXT,
        outlet TEXT,
        date TEXT,
        title TEXT,
        lang TEXT,
        text TEXT NOT NULL,
        dropped_count INTEGER NOT NULL,
        mention_count INTEGER NOT NULL,
        statement_count INTEGER NOT NULL,
        minhash BLOB NOT NULL,
        quotes BLOB NOT NULL,
        words BLOB NOT NULL,
        extractor TEXT NOT NULL
    );
    CREATE TABLE dropped_lines (
        article TEXT NOT NULL REFERENCES articles(id),
        seq INTEGER NOT NULL,
        line TEXT NOT NULL,
        reason TEXT NOT NULL,
        PRIMARY KEY (article, seq)
    );
    CREATE TABLE mentions (
        article TEXT NOT NULL REFERENCES articles(id),
        seq INTEGER NOT NULL,
        entity TEXT NOT NULL,
        kind TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        method TEXT NOT NULL,
        surface TEXT NOT NULL,
        PRIMARY KEY (article, seq)
    );
    CREATE INDEX mentions_entity ON mentions(entity);
    CREATE TABLE statements (
        id TEXT PRIMARY KEY,
        article TEXT NOT NULL REFERENCES articles(id),
        actor TEXT NOT NULL,
        capability TEXT NOT NULL,
        stance TEXT NOT NULL,
        modality TEXT NOT NULL,
        quantity TEXT,
        attributed_to TEXT,
        attribution TEXT NOT NULL,
        quote TEXT NOT NULL,
        quote_start INTEGER NOT NULL,
        quote_end INTEGER NOT NULL,
        date TEXT,
        outlet TEXT,
        sentence INTEGER NOT NULL
    );
    CREATE INDEX statements_actor_capability ON statements(actor, capability);
    CREATE TABLE duplicates (
        article TEXT NOT NULL,
        duplicate_of TEXT NOT NULL,
        similarity REAL NOT NULL,
        kind TEXT NOT NULL,
        PRIMARY KEY (article, duplicate_of)
    );",
    // 2: indexes for the ledger queries at scale. `statements.article` serves the integrity
    // check (it counted every article's statements by scanning the table); `attributed_to`
    // (with `actor`'s existing index, the two sides of the actor filter) and `capability`
    // serve `guarantor evidence --actor/--capability` and the dashboard, `date` their
    // newest-first pages.
    "CREATE INDEX statements_article ON statements(article);
    CREATE INDEX statements_attributed_to ON statements(attributed_to, capability);
    CREATE INDEX statements_capability ON statements(capability);
    CREATE INDEX statements_date ON statements(date);
    CREATE INDEX articles_date ON articles(date, id);",
    // 3: the anchor sequence of each article's fingerprint (`Fingerprint::sequence`, the dedupe
    // stage's sixth tier). Articles stored before it keep an empty sequence, which that tier
    // skips; ingest them again to give them one.
    "ALTER TABLE articles ADD COLUMN sequence BLOB NOT NULL DEFAULT x'';",
    // 4: how each statement was found (`Statement::probability`): NULL for the rules', the
    // classifier's probability for its own. Statements stored before it read as the rules':
    // an article ingested again with the same content is left as it is, so only a ledger built
    // into a new database has them all.
    "ALTER TABLE statements ADD COLUMN probability REAL;",
    // 5: the outlets each article's text names (`Fingerprint::sources`, the dedupe stage's
    // eighth tier), and the tier that made each link (`DuplicateLink::reason`). Articles stored
    // before it name none, so they are linked by that tier only when a later article names
    // their publisher, and their links have no reason (NULL); ingest them again into a new
    // database to give them both.
    "ALTER TABLE articles ADD COLUMN sources BLOB NOT NULL DEFAULT x'';
    ALTER TABLE duplicates ADD COLUMN reason TEXT;",
    // 6: the content words of each sentence of each article's fingerprint
    // (`Fingerprint::sentences`, the dedupe stage's ninth tier). Articles stored before it have
    // none, which that tier skips; ingest them into a new database to give them some.
    "ALTER TABLE articles ADD COLUMN sentences BLOB NOT NULL DEFAULT x'';",
];

/// Applies the migrations the database lacks, each in its own transaction. The version is
/// re-read inside the write lock, so two processes opening a new database at once do not both
/// run the same migration.
pub fn apply(conn: &Connection) -> Result<(), StoreError> {
    let supported = MIGRATIONS.len() as i64;
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > supported {
        return Err(StoreError::TooNew {
            found: current,
            supported,
        });
    }
    if current == supported {
        return Ok(());
    }
    for (i, sql) in MIGRATIONS.iter().enumerate() {
        conn.execute_batch("BEGIN IMMEDIATE")?;
        let result = (|| -> Result<(), StoreError> {
            let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if version <= i as i64 {
                conn.execute_batch(sql)?;
                conn.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
            }
            Ok(())
        })();
        match result {
            Ok(()) => conn.execute_batch("COMMIT")?,
            Err(e) => {
                let _ = conn.execute_batch("ROLLBACK");
                return Err(e);
            }
        }
    }
    Ok(())
}
