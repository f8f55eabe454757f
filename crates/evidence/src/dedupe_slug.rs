//! The headline slug of a page address, [`super`]'s fourth tier.

/// The headline slug of a page address, for the fourth tier: the path segment with the most
/// words, lowercased and percent-decoded, without its extension, split on `-` and `_`, with
/// all-digit parts at either end dropped (`255124-zu-verhandlungen-...`, `...-1771601544.html`).
///
/// Mirrors keep the slug of the release they copy (`uk-times.com/pm-statement-at-press-...` and
/// `gov.uk/.../pm-statement-at-press-...`), syndicated wire stories keep the wire's headline, and
/// a site's language versions share one slug (`rbc.ua/ukr/news/X` and `rbc.ua/rus/news/X`); none
/// of these share a quotation or enough figures for the other tiers when the text is
/// translated. `None` unless the slug has at least 4 words with letters and 20 characters, so
/// that `article`, `index.html` or an id such as `52e1f3643e34` never links anything.
pub fn url_slug(url: &str) -> Option<String> {
    let without_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = without_scheme
        .split_once('/')
        .map_or("", |(_, p)| p)
        .split(['?', '#'])
        .next()
        .unwrap_or("");
    let words_of = |segment: &str| -> Vec<String> {
        let decoded = percent_encoding::percent_decode_str(segment)
            .decode_utf8_lossy()
            .to_lowercase();
        let stem = match decoded.rsplit_once('.') {
            Some((stem, ext)) if ext.len() <= 5 && ext.chars().all(|c| c.is_ascii_alphabetic()) => {
                stem.to_string()
            }
            _ => decoded,
        };
        let mut parts: Vec<String> = stem
            .split(['-', '_'])
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        while parts
            .first()
            .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
        {
            parts.remove(0);
        }
        while parts
            .last()
            .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
        {
            parts.pop();
        }
        parts
    };
    let best = path.split('/').map(words_of).max_by_key(|parts| {
        parts
            .iter()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count()
    })?;
    let slug = best.join("-");
    let lettered = best
        .iter()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    (lettered >= 4 && slug.chars().count() >= 20).then_some(slug)
}
