//! Quantities of the extract stage: the amount closest to a statement's target ("up to 30,000
//! troops", "26 countries", "5%"). The pattern is English; in other languages only digits with an
//! English unit are found.

use super::*;

static QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?:as many as|up to|about|around|approximately|some|at least|more than|nearly|roughly|over)\s+)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|(?:twenty|thirty|forty|fifty)-(?:one|two|three|four|five|six|seven|eight|nine)|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundreds|thousands|dozens|tens of thousands)(?:\s*(?:-|–|to)\s*(\d{1,3}(?:,\d{3})+|\d+))?(\s*%|\s+percent|\s+per cent)?(?:\s+of)?(?:\s+(?:[a-z]+\s+)??(troops|soldiers|personnel|military personnel|nations|countries|states|jets|aircraft|fighter jets|batteries|systems|brigades|trainers|instructors|monitors|observers|warships|ships|billion|million|people|guarantors))?\b",
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

/// The quantity closest to the target, if any has a unit or a percent sign. The pattern is
/// English; in other languages only digits with an English unit are found.
pub(super) fn quantity_near(
    sent: &str,
    target_start: usize,
    target_end: usize,
) -> Option<Quantity> {
    let mut best: Option<(usize, Quantity)> = None;
    for c in QUANTITY.captures_iter(sent) {
        let whole = c.get(0)?;
        let number = c.get(1)?.as_str();
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
        let value = number_value(number);
        let dist = if whole.end() <= target_start {
            sent[whole.end()..target_start].chars().count()
        } else {
            sent[target_end..whole.start().max(target_end)]
                .chars()
                .count()
        };
        let q = Quantity {
            value,
            upper: c.get(2).and_then(|u| number_value(u.as_str())),
            unit: if pct { Some("%".to_string()) } else { unit },
            text: whole.as_str().trim().to_string(),
        };
        if best.as_ref().is_none_or(|(d, _)| dist < *d) {
            best = Some((dist, q));
        }
    }
    best.map(|(_, q)| q)
}
