//! How one processed article maps to rows: writing it (the article, its dropped lines,
//! mentions, statements and duplicate links) and reading the stored fingerprints back into a
//! dedupe index. Kept apart from [`crate::Store`]'s transactions and queries.

use guarantor_evidence::{DedupeIndex, DuplicateLink, Fingerprint, ProcessedArticle};
use rusqlite::{Connection, Transaction, params};

use crate::StoreError;

/// Writes an article's rows inside `tx`; returns its `seq`.
pub(crate) fn insert(
    tx: &Transaction,
    a: &ProcessedArticle,
    links: &[DuplicateLink],
) -> Result<i64, StoreError> {
    // Cached, as the statements below: compiling this 16-column insert for every article cost
    // more than running it.
    tx.prepare_cached(
        "INSERT INTO articles (id, content_hash, url, outlet, date, title, lang, text,
            dropped_count, mention_count, statement_count, minhash, quotes, words, extractor,
            sequence, sources, sentences)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    )?
    .execute(params![
        a.id,
        a.content_hash,
        a.url,
        a.outlet,
        a.date,
        a.title,
        // The declared language, else the one the extractor read the text in.
        a.lang
            .as_deref()
            .filter(|l| !l.trim().is_empty())
            .or(a.read_in.map(guarantor_evidence::lang::Lang::code)),
        a.cleaned.text,
        a.cleaned.dropped.len() as i64,
        a.mentions.len() as i64,
        a.statements.len() as i64,
        encode_u64s(&a.fingerprint.minhash),
        encode_u64s(&a.fingerprint.quotes),
        encode_u64s(&a.fingerprint.words),
        guarantor_evidence::EXTRACTOR_VERSION,
        encode_u64s(&a.fingerprint.sequence),
        encode_u64s(&a.fingerprint.sources),
        encode_u64s(&a.fingerprint.sentences),
    ])?;
    let seq = tx.last_insert_rowid();
    {
        let mut d = tx.prepare_cached(
            "INSERT INTO dropped_lines (article, seq, line, reason) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (i, line) in a.cleaned.dropped.iter().enumerate() {
            let reason = serde_json::to_value(line.reason)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            d.execute(params![a.id, i as i64, line.line, reason])?;
        }
        let mut m = tx.prepare_cached(
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
        let mut s = tx.prepare_cached(
            "INSERT INTO statements (id, article, actor, capability, stance, modality, quantity,
                attributed_to, attribution, quote, quote_start, quote_end, date, outlet, sentence,
                probability)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
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
                x.probability,
            ])?;
        }
        let mut l = tx.prepare_cached(
            "INSERT OR REPLACE INTO duplicates (article, duplicate_of, similarity, kind, reason)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for x in links {
            l.execute(params![
                x.article,
                x.duplicate_of,
                x.similarity,
                x.kind.as_str(),
                x.reason.map(|r| r.as_str()),
            ])?;
        }
    }
    Ok(seq)
}

/// Adds the fingerprints of articles stored after `seq` to `index`, in ingestion order; returns
/// the last `seq` added (`seq` itself when there is none).
pub(crate) fn add_fingerprints_after(
    conn: &Connection,
    seq: i64,
    index: &mut DedupeIndex,
) -> Result<i64, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, id, date, minhash, quotes, words, url, sequence, sources, sentences FROM articles
         WHERE seq > ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map([seq], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Vec<u8>>(3)?,
            r.get::<_, Vec<u8>>(4)?,
            r.get::<_, Vec<u8>>(5)?,
            r.get::<_, Option<String>>(6)?,
            r.get::<_, Vec<u8>>(7)?,
            r.get::<_, Vec<u8>>(8)?,
            r.get::<_, Vec<u8>>(9)?,
        ))
    })?;
    let mut last = seq;
    for row in rows {
        let (seq, id, date, minhash, quotes, words, url, sequence, sources, sentences) = row?;
        let fp = Fingerprint {
            minhash: decode_u64s(&minhash)?,
            quotes: decode_u64s(&quotes)?,
            words: decode_u64s(&words)?,
            sequence: decode_u64s(&sequence)?,
            sources: decode_u64s(&sources)?,
            sentences: decode_u64s(&sentences)?,
        };
        index.add(&id, date.as_deref(), url.as_deref(), fp);
        last = seq;
    }
    Ok(last)
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
