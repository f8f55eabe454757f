//! Scoring the quantities of matched claims ("up to 10,000", "26 países", "від 10 до 15 тисяч
//! осіб") against the gold's `quantity` strings. The gold's strings are read here by a parser
//! of their own, independent of the extractor's lexicons: the first number written in digits
//! (with any thousands separator) times the scale word after it. Gold quantities written only in
//! words ("Vinte e seis países", "hundreds") have no value here; `corpus.rs` compares their text.
//! A child module of `corpus.rs` (test support only).

use std::sync::LazyLock;

use regex::Regex;

/// Scale words of the corpus's languages: the beginning of the word after the number (or glued
/// to it: "30mila"); "mil" (Spanish and Portuguese thousands) only whole.
const SCALES: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("тисяч", 1e3),
    ("тысяч", 1e3),
    ("тыс", 1e3),
    ("тис", 1e3),
    ("mila", 1e3),
    ("tys", 1e3),
    ("bin", 1e3),
    ("duizend", 1e3),
    ("tausend", 1e3),
    ("mille", 1e3),
    ("mii", 1e3),
    ("million", 1e6),
    ("millones", 1e6),
    ("milioni", 1e6),
    ("milion", 1e6),
    ("miljoen", 1e6),
    ("milyon", 1e6),
    ("мільйон", 1e6),
    ("млн", 1e6),
    ("миллион", 1e6),
    ("mln", 1e6),
    ("mio", 1e6),
    ("billion", 1e9),
    ("milliard", 1e9),
    ("miliard", 1e9),
    ("miljard", 1e9),
    ("milyar", 1e9),
    ("мільярд", 1e9),
    ("млрд", 1e9),
    ("миллиард", 1e9),
    ("mld", 1e9),
    ("mrd", 1e9),
    ("bilh", 1e9),
    ("bilion", 1e9),
];

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d{1,3}(?:[  \u{202f}.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?")
        .expect("number pattern compiles")
});

static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:-|–|\p{L}{1,3})\s*(?:\d{1,3}(?:[  \u{202f}.,]\d{3})+|\d+)")
        .expect("range pattern compiles")
});

/// The value of a gold quantity string, if it has a number in digits.
pub fn gold_value(text: &str) -> Option<f64> {
    let m = NUMBER.find(text)?;
    let digits = m.as_str();
    let grouped = digits.len() > 4
        && digits
            .rsplit([' ', '\u{a0}', '\u{202f}', '.', ','])
            .next()
            .is_some_and(|last| last.len() == 3);
    let plain: String = if grouped {
        digits.chars().filter(char::is_ascii_digit).collect()
    } else {
        digits.replace(',', ".")
    };
    let value: f64 = plain.parse().ok()?;
    // A range ("від 10 до 15 тисяч", "10-15 тыс."): the scale follows its second number.
    let mut after = text[m.end()..].trim_start().to_lowercase();
    if let Some(r) = RANGE.find(&after) {
        after = after[r.end()..].trim_start().to_string();
    }
    let word: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
    let scale = if word == "mil" {
        1e3
    } else {
        SCALES
            .iter()
            .find(|(w, _)| word.starts_with(w))
            .map_or(1.0, |(_, s)| *s)
    };
    Some(value * scale)
}

/// Whether an extracted value meets a gold value (within 1%: "about 30,000" and "30 000").
pub fn values_meet(ours: f64, gold: f64) -> bool {
    (ours - gold).abs() <= gold.abs() * 0.01
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_strings_are_read_in_every_language() {
        for (text, value) in [
            ("up to 10,000", 10_000.0),
            ("26 países", 26.0),
            ("від 10 до 15 тисяч осіб", 10_000.0),
            ("30mila", 30_000.0),
            ("800.000 efectivos", 800_000.0),
            ("„minimaal” 200.000", 200_000.0),
            ("250 miljoen euro", 250e6),
            ("yılda 3 milyar sterlin", 3e9),
            ("5 tys. policjantów", 5_000.0),
            ("1,5 Milliarden", 1.5e9),
            ("30 000 hommes", 30_000.0),
        ] {
            assert_eq!(gold_value(text), Some(value), "{text}");
        }
        assert_eq!(gold_value("Vinte e seis países"), None);
    }
}
