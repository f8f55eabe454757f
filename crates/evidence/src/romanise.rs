//! Names in Cyrillic written in Latin letters, by the system their country uses, so that a
//! speaker the gazetteer does not know meets the same person written in Latin letters elsewhere
//! ("Дмитро Жмайло" in a Ukrainian report is "Dmytro Zhmailo" in an English one).
//!
//! Ukrainian follows the national transliteration (Resolution of the Cabinet of Ministers of
//! Ukraine No. 55 of 27 January 2010), which passports, road signs and the English pages of
//! Ukrainian outlets use: "Зеленський" is "Zelenskyi", "Харків" is "Kharkiv". Russian follows
//! the BGN/PCGN system without its diacritics and separators, as English-language news writes
//! Russian names ("Дмитрий Песков" is "Dmitriy Peskov", "Джабаров" is "Dzhabarov"). A generic
//! transliteration (deunicode, which the resolve stage folds with) writes Ukrainian "и" as "i"
//! and "г" as "g", so "Дмитро" would be "Dmitro" and meet no English text.

use std::borrow::Cow;

use crate::lang::Lang;

/// `text` with the Cyrillic letters of `lang` (Ukrainian or Russian) in Latin letters; any other
/// character, and any text of another language, unchanged.
pub fn romanise(text: &str, lang: Lang) -> Cow<'_, str> {
    let table: fn(char, bool, Option<char>) -> Option<&'static str> = match lang {
        Lang::Uk => ukrainian,
        Lang::Ru => russian,
        _ => return Cow::Borrowed(text),
    };
    if !text.chars().any(is_cyrillic) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut previous: Option<char> = None;
    for c in text.chars() {
        // The apostrophe inside a word ("Мар'яна") is not written, and the letter after it is
        // not a word's first: "Mariana".
        if matches!(c, '\'' | '\u{2019}' | '\u{2bc}') && previous.is_some_and(is_cyrillic) {
            continue;
        }
        let lower = c.to_lowercase().next().unwrap_or(c);
        let initial = !previous.is_some_and(char::is_alphabetic);
        match table(lower, initial, previous) {
            Some(latin) if c != lower => {
                // A capital's transliteration is capitalised: "Ж" is "Zh", "Щ" is "Shch".
                let mut letters = latin.chars();
                if let Some(first) = letters.next() {
                    out.extend(first.to_uppercase());
                    out.push_str(letters.as_str());
                }
            }
            Some(latin) => out.push_str(latin),
            None if is_cyrillic(c) => {}
            None => out.push(c),
        }
        // The soft sign is written as nothing, but still joins the word.
        previous = Some(c);
    }
    Cow::Owned(out)
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{400}'..='\u{4ff}')
}

/// KMU 2010, where it differs from Russian's: "г" is "h" ("зг" is "zgh", to tell it from "ж"),
/// "е" always "e", "и" "y", "і" "i", the soft sign not written; "є", "ї", "й", "ю", "я" are
/// "ye", "yi", "y", "yu", "ya" at the start of a word and "ie", "i", "i", "iu", "ia" inside it.
/// The other letters are the same in both systems, and a Russian letter in a Ukrainian text (a
/// quoted Russian name) is written as Russian writes it.
fn ukrainian(c: char, initial: bool, previous: Option<char>) -> Option<&'static str> {
    let inner =
        |start: &'static str, within: &'static str| Some(if initial { start } else { within });
    match c {
        'г' if previous.is_some_and(|p| p == 'з' || p == 'З') => Some("gh"),
        'г' => Some("h"),
        'ґ' => Some("g"),
        'е' => Some("e"),
        'є' => inner("ye", "ie"),
        'и' => Some("y"),
        'і' => Some("i"),
        'ї' => inner("yi", "i"),
        'й' => inner("y", "i"),
        'ю' => inner("yu", "iu"),
        'я' => inner("ya", "ia"),
        other => russian(other, initial, previous),
    }
}

/// BGN/PCGN without diacritics: "е" is "ye" at the start of a word and after a vowel or a hard
/// or soft sign ("Евгений" is "Yevgeniy"), "ё" "yo", "й" and "ы" "y", "э" "e", the hard and soft
/// signs not written.
fn russian(c: char, initial: bool, previous: Option<char>) -> Option<&'static str> {
    const AFTER_YE: &str = "аеёиоуыэюяъьАЕЁИОУЫЭЮЯЪЬ";
    match c {
        'а' => Some("a"),
        'б' => Some("b"),
        'в' => Some("v"),
        'г' => Some("g"),
        'д' => Some("d"),
        'е' if initial || previous.is_some_and(|p| AFTER_YE.contains(p)) => Some("ye"),
        'е' => Some("e"),
        'ё' => Some("yo"),
        'ж' => Some("zh"),
        'з' => Some("z"),
        'и' => Some("i"),
        'й' => Some("y"),
        'к' => Some("k"),
        'л' => Some("l"),
        'м' => Some("m"),
        'н' => Some("n"),
        'о' => Some("o"),
        'п' => Some("p"),
        'р' => Some("r"),
        'с' => Some("s"),
        'т' => Some("t"),
        'у' => Some("u"),
        'ф' => Some("f"),
        'х' => Some("kh"),
        'ц' => Some("ts"),
        'ч' => Some("ch"),
        'ш' => Some("sh"),
        'щ' => Some("shch"),
        'ъ' | 'ь' => Some(""),
        'ы' => Some("y"),
        'э' => Some("e"),
        'ю' => Some("yu"),
        'я' => Some("ya"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ukrainian_names_as_passports_write_them() {
        // Examples of the resolution's table and of Ukrainian outlets' English pages.
        for (cyrillic, latin) in [
            ("Дмитро Жмайло", "Dmytro Zhmailo"),
            ("Зеленський", "Zelenskyi"),
            ("Харків", "Kharkiv"),
            ("Згурський", "Zghurskyi"),
            ("Юрій Гудименко", "Yurii Hudymenko"),
            ("Євгенія Кравчук", "Yevheniia Kravchuk"),
            ("Олександр Мережко", "Oleksandr Merezhko"),
            ("Андрій Коваленко", "Andrii Kovalenko"),
            ("Наталія Гуменюк", "Nataliia Humeniuk"),
            ("Ігор Жовква", "Ihor Zhovkva"),
            ("Ярослав Юрчишин", "Yaroslav Yurchyshyn"),
            ("Мар'яна Безугла", "Mariana Bezuhla"),
            ("Щербаківський", "Shcherbakivskyi"),
        ] {
            assert_eq!(romanise(cyrillic, Lang::Uk), latin, "{cyrillic}");
        }
    }

    #[test]
    fn russian_names_as_english_news_writes_them() {
        for (cyrillic, latin) in [
            ("Владимир Джабаров", "Vladimir Dzhabarov"),
            ("Дмитрий Песков", "Dmitriy Peskov"),
            ("Александр Меркурис", "Aleksandr Merkuris"),
            ("Евгений Пригожин", "Yevgeniy Prigozhin"),
            ("Сергей Шойгу", "Sergey Shoygu"),
            ("Андрей Клишас", "Andrey Klishas"),
            ("Алексей Пушков", "Aleksey Pushkov"),
            ("Пётр Толстой", "Pyotr Tolstoy"),
        ] {
            assert_eq!(romanise(cyrillic, Lang::Ru), latin, "{cyrillic}");
        }
    }

    #[test]
    fn other_text_is_left_as_it_is() {
        assert!(matches!(
            romanise("Financial Times", Lang::Uk),
            Cow::Borrowed("Financial Times")
        ));
        // Another language's text, even in Cyrillic, is not this module's to spell.
        assert_eq!(romanise("Дмитро", Lang::En), "Дмитро");
        // Latin letters, digits and punctuation among Cyrillic pass through.
        assert_eq!(romanise("Ілон Маск (X)", Lang::Uk), "Ilon Mask (X)");
    }
}
