//! "Did you mean ...?": the closest known name to a misspelt one.
//!
//! Used by every diagnostic that rejects a name. Only close matches are offered (a wrong
//! suggestion is worse than none): case-insensitive equality, or an edit distance of at most a
//! third of the word.

/// The candidate closest to `input`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let lower = input.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate == input {
            continue;
        }
        let distance = if candidate.to_lowercase() == lower {
            0
        } else {
            strsim::damerau_levenshtein(&lower, &candidate.to_lowercase())
        };
        let limit = (input.chars().count().max(candidate.chars().count()) / 3).max(1);
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let names = ["air_defence", "air_power", "ground_troops"];
        assert_eq!(
            did_you_mean("air_defense", names).as_deref(),
            Some("air_defence")
        );
        assert_eq!(
            did_you_mean("Ground_Troops", names).as_deref(),
            Some("ground_troops")
        );
        assert_eq!(did_you_mean("submarines", names), None);
        assert_eq!(did_you_mean("x", ["y"]).as_deref(), Some("y"));
        assert_eq!(did_you_mean("usa", ["USA", "GBR"]).as_deref(), Some("USA"));
    }
}
