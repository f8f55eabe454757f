//! Sentence splitting for [`super`]: sentencex's rules per language, on paragraphs with
//! hard-wrapped lines joined, keeping byte offsets into the cleaned text.

use crate::lang::Lang;

/// A sentence of the cleaned text with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

/// Splits cleaned text (one paragraph per line) into English sentences with sentencex.
pub fn sentences(text: &str) -> Vec<Sentence> {
    sentences_in(text, Lang::En)
}

/// Splits cleaned text (one paragraph per line) into sentences with sentencex's rules for `lang`.
///
/// A line that stops mid-sentence (no closing punctuation) and is followed by a line starting
/// in lowercase is a hard-wrapped paragraph (e-mailed releases, plain-text mirrors): the lines
/// are segmented together, so a sentence is not cut at the wrap. Offsets stay those of `text`
/// (the joining newline and the space that replaces it are both one byte).
pub fn sentences_in(text: &str, lang: Lang) -> Vec<Sentence> {
    let mut out: Vec<Sentence> = Vec::new();
    for (block_start, block) in paragraphs(text) {
        let mut cursor = 0usize;
        for s in sentencex::segment(lang.code(), &block) {
            let trimmed = s.trim();
            if trimmed.is_empty() {
                continue;
            }
            // The segment usually follows the last one after some whitespace: checked first,
            // since building a substring searcher for every sentence cost more than the check.
            // A match there is the first one (`trimmed` starts with no whitespace), so the
            // search below would find the same place.
            let rest = &block[cursor..];
            let skipped = rest.len() - rest.trim_start().len();
            let at = if rest[skipped..].starts_with(trimmed) {
                Some(skipped)
            } else {
                rest.find(trimmed)
            };
            if let Some(pos) = at {
                let start = block_start + cursor + pos;
                let end = start + trimmed.len();
                // A full stop followed by a lowercase word ends an abbreviation the rules do
                // not know ("Deklaracja zakłada m.in. udział", Polish "among others"), not a
                // sentence: no sentence of these languages starts in lowercase.
                match out.last_mut() {
                    Some(prev)
                        if cursor > 0
                            && text[..prev.end].ends_with('.')
                            && trimmed.starts_with(char::is_lowercase) =>
                    {
                        prev.end = end;
                    }
                    _ => out.push(Sentence { start, end }),
                }
                cursor += pos + trimmed.len();
            }
        }
    }
    out
}

/// The paragraphs of `text` with their byte offsets: its lines, with hard-wrapped lines joined
/// by a space in place of the newline (see [`sentences_in`]).
fn paragraphs(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut start = 0usize;
    let mut joins_next = false;
    for line in text.split('\n') {
        match out.last_mut() {
            Some((_, block)) if joins_next && line.starts_with(char::is_lowercase) => {
                block.push(' ');
                block.push_str(line);
            }
            _ => out.push((start, line.to_string())),
        }
        let end = line.trim_end().chars().next_back();
        joins_next = end.is_some_and(|c| c.is_alphanumeric() || matches!(c, ',' | '-' | '('));
        start += line.len() + 1;
    }
    out
}
