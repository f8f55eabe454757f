//! Quantities of the extract stage: the amount closest to a statement's target ("up to 30,000
//! troops", "26 countries", "5%", "10 000 soldats", "від 10 до 15 тисяч осіб"). English is read
//! by a pattern of its own (number words, "as many as", units); the other languages by their
//! lexicon's `[quantities]`: a number in digits (any thousands separator), a range, a scale word
//! and, within two words and no comma, a unit phrase.

use super::*;
use crate::text::lower_word;

/// A quantity a sentence states, with the bytes it spans.
#[derive(Debug, Clone)]
pub(super) struct QuantityHit {
    start: usize,
    end: usize,
    quantity: Quantity,
}

/// The quantities a sentence states.
pub(super) fn quantities(rules: &LanguageRules, sent: &str, words: &Words) -> Vec<QuantityHit> {
    if rules.lang == Lang::En {
        english_quantities(sent)
    } else {
        lexicon_quantities(rules, sent, words)
    }
}

/// Word boundaries are ASCII (`(?-u:\b)`): a Unicode `\b` keeps the regex crate's lazy DFA
/// from searching a sentence with any non-ASCII letter, which then ran the much slower
/// backtracker over every English sentence (3% of ingest on the extraction benchmark's pages).
/// The numbers and units matched are ASCII, so the boundaries fall at the same places.
static QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:(?:as many as|up to|about|around|approximately|some|at least|more than|nearly|roughly|over)\s+)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|(?:twenty|thirty|forty|fifty)-(?:one|two|three|four|five|six|seven|eight|nine)|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundreds|thousands|dozens|tens of thousands)(?:\s*(?:-|–|to)\s*(\d{1,3}(?:,\d{3})+|\d+))?(\s*%|\s+percent|\s+per cent)?(?:\s+of)?(?:\s+(?:[a-z]+\s+)??(troops|soldiers|personnel|military personnel|nations|countries|states|jets|aircraft|fighter jets|batteries|systems|brigades|trainers|instructors|monitors|observers|warships|ships|billion|million|people|guarantors|years))?(?-u:\b)",
    )
    // A fixed pattern: failure is a programming error caught by the unit tests.
    .expect("quantity pattern compiles")
});

pub(super) fn number_value(s: &str) -> Option<f64> {
    let words = [
        ("one", 1.0),
        ("two", 2.0),
        ("three", 3.0),
        ("four", 4.0),
        ("five", 5.0),
        ("six", 6.0),
        ("seven", 7.0),
        ("eight", 8.0),
        ("nine", 9.0),
        ("ten", 10.0),
        ("eleven", 11.0),
        ("twelve", 12.0),
        ("fifteen", 15.0),
        ("twenty", 20.0),
        ("thirty", 30.0),
        ("forty", 40.0),
        ("fifty", 50.0),
    ];
    let l = s.to_lowercase();
    if let Some((_, v)) = words.iter().find(|(w, _)| *w == l) {
        return Some(*v);
    }
    if let Some((tens, ones)) = l.split_once('-') {
        return Some(number_value(tens)? + number_value(ones)?);
    }
    l.replace(',', "").parse().ok()
}

/// A duration written as an adjective: "a 100-year partnership", "a ten-year agreement".
static YEARS_LONG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)-year(?-u:\b)")
        // A fixed pattern: failure is a programming error caught by the unit tests.
        .expect("duration pattern compiles")
});

/// The English pattern's quantities: those with a unit or a percent sign, and durations written
/// as adjectives.
fn english_quantities(sent: &str) -> Vec<QuantityHit> {
    let mut out: Vec<QuantityHit> = YEARS_LONG
        .captures_iter(sent)
        .filter_map(|c| {
            let (whole, number) = (c.get(0)?, c.get(1)?);
            Some(QuantityHit {
                start: whole.start(),
                end: whole.end(),
                quantity: Quantity {
                    value: number_value(number.as_str()),
                    upper: None,
                    unit: Some("years".to_string()),
                    text: whole.as_str().to_string(),
                },
            })
        })
        .collect();
    for c in QUANTITY.captures_iter(sent) {
        let (Some(whole), Some(number)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let pct = c.get(3).is_some();
        let unit = c.get(4).map(|u| u.as_str().to_lowercase());
        if unit.is_none() && !pct {
            continue;
        }
        if sent[..whole.start()]
            .to_lowercase()
            .trim_end()
            .ends_with("article")
        {
            continue;
        }
        let mut hit = QuantityHit {
            start: whole.start(),
            end: whole.end(),
            quantity: Quantity {
                value: number_value(number.as_str()),
                upper: c.get(2).and_then(|u| number_value(u.as_str())),
                unit: if pct { Some("%".to_string()) } else { unit },
                text: whole.as_str().trim().to_string(),
            },
        };
        // "between 10,000 and 30,000 troops": the pattern took the second number, with the unit.
        if hit.quantity.upper.is_none()
            && let Some(b) = BETWEEN.captures(&sent[..whole.start()])
            && let (Some(all), Some(lower)) = (b.get(0), b.get(1))
        {
            hit.quantity.upper = hit.quantity.value;
            hit.quantity.value = number_value(lower.as_str());
            hit.start = all.start();
            hit.quantity.text = sent[hit.start..hit.end].trim().to_string();
        }
        out.push(hit);
    }
    out
}

/// The opening of an English range around two numbers, right before the second one.
static BETWEEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)between\s+(\d{1,3}(?:,\d{3})+|\d+)\s+and\s+$")
        // A fixed pattern: failure is a programming error caught by the unit tests.
        .expect("range pattern compiles")
});

/// A number in digits: grouped by thousands with a space, a dot or a comma ("30 000", "30.000",
/// "30,000"), else with a decimal part ("1,5", "2.5").
static DIGITS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d{1,3}(?:[ \u{a0}\u{202f}.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?")
        // A fixed pattern: failure is a programming error caught by the unit tests.
        .expect("digits pattern compiles")
});

/// The value of a [`DIGITS`] match.
fn digits_value(digits: &str) -> Option<f64> {
    let grouped = digits.len() > 4
        && digits
            .rsplit([' ', '\u{a0}', '\u{202f}', '.', ','])
            .next()
            .is_some_and(|last| last.len() == 3);
    if grouped {
        let plain: String = digits.chars().filter(char::is_ascii_digit).collect();
        plain.parse().ok()
    } else {
        digits.replace(',', ".").parse().ok()
    }
}

/// Whether the bytes between two parts of a quantity keep them together: spaces, dots of an
/// abbreviation ("тыс.", "tys.") and words, but no comma, colon, bracket or quotation mark.
fn joins(between: &str) -> bool {
    !between.contains([',', ';', ':', '(', ')', '"', '«', '»', '“', '”'])
}

/// The lexicon's quantities: a number, a second one after a range word or a dash, a scale word
/// (or one glued to the number), then a unit phrase within two words; a scale of millions or
/// billions without a unit is an amount of money ("250 miljoen euro"), and a number before `%`
/// a share.
fn lexicon_quantities(rules: &LanguageRules, sent: &str, words: &Words) -> Vec<QuantityHit> {
    let units = rules.quantity_units.find(words);
    let scales = rules.quantity_scales.find(words);
    let mut out = Vec::new();
    let mut matches = DIGITS.find_iter(sent).peekable();
    while let Some(m) = matches.next() {
        // "F-16", "Су-35": a number glued to a name by a dash is a model, not an amount.
        if sent[..m.start()].ends_with('-')
            && sent[..m.start() - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic)
        {
            continue;
        }
        let Some(value) = digits_value(m.as_str()) else {
            continue;
        };
        let mut end = m.end();
        let mut upper = None;
        // A range: "10-15", "від 10 до 15".
        if let Some(next) = matches.peek() {
            let between = lower_word(sent[end..next.start()].trim());
            let before = sent[..m.start()].split_whitespace().next_back();
            let opened = |open: &str| before.is_some_and(|w| lower_word(w) == open);
            let is_range = matches!(between.as_str(), "-" | "–" | "—")
                || rules.quantity_range.contains(&between)
                || rules
                    .quantity_range_around
                    .iter()
                    .any(|(open, close)| *close == between && opened(open));
            if is_range && next.start() - end <= 12 {
                upper = digits_value(next.as_str());
                end = next.end();
                matches.next();
            }
        }
        // A scale glued to the number ("30mila") or the next word ("30 тисяч", "3 milyar").
        let mut i = words.at_or_after(end);
        let mut factor = None;
        if let Some(t) = words.toks.get(i).filter(|t| t.start < end) {
            let glued = lower_word(&sent[end..t.end]);
            factor = rules
                .glued_scales
                .iter()
                .find(|(w, _)| !w.is_empty() && glued.starts_with(w.as_str()))
                .map(|(_, f)| *f);
            if factor.is_some() {
                end = t.end;
            }
            i += 1;
        }
        if factor.is_none()
            && let Some(s) = scales
                .iter()
                .filter(|s| s.first == i && joins(&sent[end..s.start]))
                .max_by_key(|s| s.last)
        {
            factor = Some(s.label);
            end = s.end;
            i = s.last + 1;
        }
        let unit = units
            .iter()
            .filter(|u| (i..=i + 2).contains(&u.first) && joins(&sent[end.min(u.start)..u.start]))
            .min_by_key(|u| u.first);
        let percent = sent[end..].trim_start().starts_with('%');
        let factor = factor.unwrap_or(1.0);
        let (value, upper, unit, end) = match (unit, percent) {
            (Some(u), _) => (
                value * factor,
                upper.map(|x| x * factor),
                u.label.clone(),
                u.end,
            ),
            (None, true) => {
                let pct = end + sent[end..].find('%').unwrap_or(0) + 1;
                (value, upper, "%".to_string(), pct)
            }
            // Money: millions and billions stay the unit, as English writes "3 billion".
            (None, false) if factor >= 1e9 => (value, upper, "billion".to_string(), end),
            (None, false) if factor >= 1e6 => (value, upper, "million".to_string(), end),
            (None, false) => continue,
        };
        out.push(QuantityHit {
            start: m.start(),
            end,
            quantity: Quantity {
                value: Some(value),
                upper,
                unit: Some(unit),
                text: sent[m.start()..end].trim().to_string(),
            },
        });
    }
    out.extend(word_quantities(rules, sent, words, &units));
    out
}

/// Numbers written as words before a unit, with the lexicon's `[actors.numbers]` ("Vingt-six
/// pays", "Vinte e seis países", "двадцять шість країн", "dertig bondgenoten"): a tens word may
/// take a units word after it, with or without a coordination word between ("e", "y", "und"),
/// and a number after an article ("os dois países") is no amount.
fn word_quantities(
    rules: &LanguageRules,
    sent: &str,
    words: &Words,
    units: &[WordHit<String>],
) -> Vec<QuantityHit> {
    let number = |i: usize| {
        words
            .lower
            .get(i)
            .and_then(|w| rules.numbers.get(w))
            .copied()
    };
    let mut out = Vec::new();
    let mut k = 0;
    while k < words.len() {
        // "the two countries" names them, it does not count them.
        let named = k > 0 && rules.determiners.contains(&words.lower[k - 1]);
        let Some(tens) = number(k).filter(|_| !named) else {
            k += 1;
            continue;
        };
        let (mut value, mut last) = (tens, k);
        if tens >= 20.0 && tens % 10.0 == 0.0 {
            let and =
                usize::from(k + 1 < words.len() && rules.coordination.matches_at(words, k + 1));
            if let Some(u) = number(k + 1 + and).filter(|u| *u < 10.0) {
                value += u;
                last = k + 1 + and;
            }
        }
        let start = words.toks[k].start;
        let after = words.toks[last].end;
        if let Some(u) = units
            .iter()
            .filter(|u| (last + 1..=last + 3).contains(&u.first) && joins(&sent[after..u.start]))
            .min_by_key(|u| u.first)
        {
            out.push(QuantityHit {
                start,
                end: u.end,
                quantity: Quantity {
                    value: Some(value),
                    upper: None,
                    unit: Some(u.label.clone()),
                    text: sent[start..u.end].trim().to_string(),
                },
            });
        }
        k = last + 1;
    }
    out
}

/// What a quantity counts, by its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Counts {
    /// People under arms or sent: troops, soldiers, personnel, brigades, trainers, observers.
    Forces,
    /// States or nations ("26 countries").
    States,
    Aircraft,
    /// Ships, air-defence batteries and systems.
    Equipment,
    Money,
    Years,
    Share,
}

fn counts(unit: &str) -> Counts {
    match unit {
        "countries" | "nations" | "states" | "guarantors" => Counts::States,
        "jets" | "aircraft" | "fighter jets" => Counts::Aircraft,
        "ships" | "warships" | "batteries" | "systems" => Counts::Equipment,
        "million" | "billion" => Counts::Money,
        "years" => Counts::Years,
        "%" => Counts::Share,
        _ => Counts::Forces,
    }
}

/// Whether an amount of this kind can be the quantity of a claim on `target`: a number of
/// troops is no amount of an Article 5-like guarantee, nor a sum of money one of troops ("100
/// млн" beside the troops of a sentence about aid). A count of states or a share fits any.
fn fits(target: &str, what: Counts) -> bool {
    match what {
        Counts::States | Counts::Share => true,
        Counts::Forces => matches!(
            target,
            "ground_troops"
                | "reassurance_force"
                | "training"
                | "ceasefire_monitoring"
                | "border_monitoring"
                | "naval"
                | "air_power"
                | "air_defence"
        ),
        Counts::Aircraft => matches!(target, "air_power" | "air_defence" | "arms_supply"),
        Counts::Equipment => matches!(target, "naval" | "air_defence" | "arms_supply"),
        Counts::Money => matches!(
            target,
            "financial" | "arms_supply" | "sanctions" | "air_defence" | "security_guarantee"
        ),
        Counts::Years => matches!(
            target,
            "security_guarantee"
                | "article5_like_guarantee"
                | "bilateral_agreement"
                | "financial"
                | "arms_supply"
                | "nato_membership"
        ),
    }
}

/// The quantity closest to the target (by characters between them) among those the sentence
/// states that can count it ([`fits`]).
pub(super) fn quantity_near(
    hits: &[QuantityHit],
    sent: &str,
    target: &str,
    target_start: usize,
    target_end: usize,
) -> Option<Quantity> {
    hits.iter()
        .filter(|h| {
            h.quantity
                .unit
                .as_deref()
                .is_some_and(|u| fits(target, counts(u)))
        })
        .min_by_key(|h| {
            if h.end <= target_start {
                sent[h.end..target_start].chars().count()
            } else {
                sent[target_end..h.start.max(target_end)].chars().count()
            }
        })
        .map(|h| h.quantity.clone())
}

#[cfg(test)]
mod tests {
    use super::super::tests::only_statement_on;
    use super::*;

    /// Amounts in every language with a lexicon: digits with any thousands separator, ranges, scale
    /// words (glued or not), units by the lexicon, and only amounts that can count the target.
    #[test]
    fn quantities_are_read_in_other_languages_and_must_fit_their_target() {
        let q = |text: &str, target: &str| only_statement_on(text, target).quantity;
        let amount = |text: &str, target: &str| {
            let q = q(text, target).unwrap_or_else(|| panic!("{text}: no quantity"));
            (q.value, q.upper, q.unit.unwrap_or_default())
        };
        for (text, target, value, upper, unit) in [
            (
                "La France est prête à envoyer 10 000 soldats en Ukraine, a déclaré Macron.",
                "ground_troops",
                Some(10_000.0),
                None,
                "troops",
            ),
            (
                "Франція готова відправити від 10 до 15 тисяч військових в Україну, заявив Макрон.",
                "ground_troops",
                Some(10_000.0),
                Some(15_000.0),
                "troops",
            ),
            (
                "L'Italia è pronta a inviare 30mila soldati in Ucraina, ha detto Crosetto.",
                "ground_troops",
                Some(30_000.0),
                None,
                "troops",
            ),
            (
                "Deutschland wird 1,5 Milliarden Euro für die Luftverteidigung der Ukraine bereitstellen, sagte Merz.",
                "air_defence",
                Some(1.5),
                None,
                "billion",
            ),
            (
                "Polska poprze gwarancje bezpieczeństwa na 15 lat, powiedział Tusk.",
                "security_guarantee",
                Some(15.0),
                None,
                "years",
            ),
            (
                "Britain signed a 100-year partnership agreement with Ukraine, Starmer said.",
                "bilateral_agreement",
                Some(100.0),
                None,
                "years",
            ),
            (
                "Francia está dispuesta a desplegar entre 15.000 y 30.000 soldados en Ucrania, dijo Macron.",
                "ground_troops",
                Some(15_000.0),
                Some(30_000.0),
                "troops",
            ),
            (
                "Frankreich ist bereit, zwischen 15.000 und 30.000 Soldaten in die Ukraine zu entsenden, sagte Macron.",
                "ground_troops",
                Some(15_000.0),
                Some(30_000.0),
                "troops",
            ),
            (
                "France is prepared to deploy between 10,000 and 30,000 troops to Ukraine, Macron said.",
                "ground_troops",
                Some(10_000.0),
                Some(30_000.0),
                "troops",
            ),
            (
                "Vinte e seis países comprometeram-se a enviar tropas para a Ucrânia, disse Macron.",
                "ground_troops",
                Some(26.0),
                None,
                "countries",
            ),
        ] {
            assert_eq!(
                amount(text, target),
                (value, upper, unit.to_string()),
                "{text}"
            );
        }
        // A sum of money is no amount of troops; "F-16" is a model, not sixteen aircraft.
        assert_eq!(
            q(
                "Washington will provide 100 million dollars in aid but will not send troops to Ukraine.",
                "ground_troops"
            ),
            None
        );
        assert_eq!(
            q(
                "Belgien wird der Ukraine F-16 Kampfjets liefern, sagte der Minister.",
                "air_power"
            ),
            None
        );
    }

    proptest::proptest! {
        /// Any text, in any language's rules, gives quantities that lie in the sentence, on
        /// character boundaries, with their text the bytes they span: numbers, separators,
        /// dashes, scale and unit words and letters of several scripts mixed at random.
        #[test]
        fn quantities_of_any_text_lie_in_it(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "10", "000", " ", "\u{a0}", ".", ",", "-", "–", "%", "30mila", "тисяч",
                    "військових", "до", "від", "soldats", "pays", "milliards", "1,5", "ila",
                    "bin", "asker", "F-16", "mil", "millones", "años", "ü", "é", "ß", "(", "\"",
                    "vinte", "e", "seis", "os", "países", "двадцять", "шість", "країн",
                    "entre", "y", "between", "and",
                ]),
                0..24,
            ),
            lang in 0usize..12,
        ) {
            let sent: String = parts.concat();
            let lexicon = Lexicon::default();
            let rules = LanguageRules::new(&lexicon.languages[lang]);
            let words = rules.words(&sent);
            for h in quantities(&rules, &sent, &words) {
                proptest::prop_assert!(h.start <= h.end && h.end <= sent.len(), "{sent:?}: {h:?}");
                proptest::prop_assert!(sent.is_char_boundary(h.start) && sent.is_char_boundary(h.end));
                proptest::prop_assert_eq!(h.quantity.text.as_str(), sent[h.start..h.end].trim());
            }
        }
    }
}
