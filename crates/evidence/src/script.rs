//! Words written in two scripts: the lookalike letters of Cyrillic, Greek and Latin, read in
//! the word's main script before the lexicons and the gazetteer see it. Apart from `text` because
//! it is a table of letters with its own tests, not a notion of "word".

use std::borrow::Cow;

/// A word written in two scripts, as some sites write them to defeat copying ("Oekraïпe" with
/// a Cyrillic `п`, "Trυmp" with a Greek `υ`) or as a keyboard slip leaves them (a Latin `i` in a
/// Ukrainian word), with the letters of the minority script that look like letters of the
/// majority one replaced by them, so the lexicons and the gazetteer read the word the reader
/// sees. A word in one script, and every ASCII word, is returned as it is.
pub fn unmix_scripts(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        return Cow::Borrowed(word);
    }
    let (mut latin, mut other) = (0usize, 0usize);
    for c in word.chars() {
        match c {
            'a'..='z' | 'A'..='Z' | '\u{c0}'..='\u{24f}' => latin += 1,
            '\u{370}'..='\u{3ff}' | '\u{400}'..='\u{52f}' => other += 1,
            _ => {}
        }
    }
    if latin == 0 || other == 0 {
        return Cow::Borrowed(word);
    }
    let to_latin = latin >= other;
    Cow::Owned(
        word.chars()
            .map(|c| {
                if to_latin {
                    latin_lookalike(c).unwrap_or(c)
                } else {
                    cyrillic_lookalike(c).unwrap_or(c)
                }
            })
            .collect(),
    )
}

/// The Latin letter a Cyrillic or Greek one is written for in a Latin word (UTS #39's
/// confusables, the letters seen in real pages: `п` for `n` included).
fn latin_lookalike(c: char) -> Option<char> {
    Some(match c {
        'а' | 'α' => 'a',
        'е' => 'e',
        'о' | 'ο' => 'o',
        'р' | 'ρ' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' | 'χ' => 'x',
        'і' | 'ι' => 'i',
        'ј' => 'j',
        'ѕ' => 's',
        'ԁ' => 'd',
        'һ' => 'h',
        'п' => 'n',
        'υ' => 'u',
        'ν' => 'v',
        'κ' => 'k',
        'А' | 'Α' => 'A',
        'В' | 'Β' => 'B',
        'Е' | 'Ε' => 'E',
        'К' | 'Κ' => 'K',
        'М' | 'Μ' => 'M',
        'Н' | 'Η' => 'H',
        'О' | 'Ο' => 'O',
        'Р' | 'Ρ' => 'P',
        'С' => 'C',
        'Т' | 'Τ' => 'T',
        'Х' | 'Χ' => 'X',
        'І' | 'Ι' => 'I',
        'Ј' => 'J',
        'Ѕ' => 'S',
        'Ν' => 'N',
        'Ζ' => 'Z',
        'Υ' => 'Y',
        _ => return None,
    })
}

/// The Cyrillic letter a Latin one is written for in a Cyrillic word.
fn cyrillic_lookalike(c: char) -> Option<char> {
    Some(match c {
        'a' => 'а',
        'e' => 'е',
        'o' => 'о',
        'p' => 'р',
        'c' => 'с',
        'y' => 'у',
        'x' => 'х',
        'i' => 'і',
        'A' => 'А',
        'B' => 'В',
        'E' => 'Е',
        'K' => 'К',
        'M' => 'М',
        'H' => 'Н',
        'O' => 'О',
        'P' => 'Р',
        'C' => 'С',
        'T' => 'Т',
        'X' => 'Х',
        'I' => 'І',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_two_scripts_are_read_in_their_main_one() {
        // Seen in real pages: a Dutch text with Cyrillic `п` and Greek `υ` for `n` and `u`.
        assert_eq!(unmix_scripts("Oekraïпe"), "Oekraïne");
        assert_eq!(crate::text::lower_word("Trυmp"), "trump");
        assert_eq!(crate::text::fold_word("Nederlaпdse"), "nederlandse");
        // A Latin `i` and `o` typed into Ukrainian and Russian words.
        assert_eq!(crate::text::lower_word("вiйська"), "війська");
        assert_eq!(unmix_scripts("пoсол"), "посол");
        // Words in one script, and letters with no lookalike, stay.
        for w in ["Київ", "Zürich", "Ελλάδα", "peace", "FREEДOM"] {
            assert_eq!(unmix_scripts(w), w);
        }
    }
}
