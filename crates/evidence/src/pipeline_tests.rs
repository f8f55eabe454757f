//! The pipeline as a whole: which articles are read for statements.

use super::*;

fn process(text: &str) -> ProcessedArticle {
    let raw = source::parse_text("t", &format!("Outlet: Test Wire\nLanguage: en\n\n{text}"));
    Pipeline::default()
        .process(&raw)
        .expect("a text with content")
}

#[test]
fn only_an_article_naming_a_party_to_the_war_is_read_for_statements() {
    // The same pledge, about Mali and about Ukraine: the first is no evidence on the guarantee.
    let sentence = |place: &str| {
        format!("France is ready to send troops to {place} to monitor a ceasefire, Macron said.")
    };
    let elsewhere = process(&sentence("Mali"));
    assert!(elsewhere.off_topic);
    assert!(elsewhere.statements.is_empty());
    // Still stored material: cleaned, resolved and fingerprinted for the rewrite links.
    assert!(!elsewhere.mentions.is_empty());
    assert!(!elsewhere.fingerprint.minhash.is_empty() && !elsewhere.fingerprint.words.is_empty());
    let here = process(&sentence("Ukraine"));
    assert!(!here.off_topic);
    assert!(!here.statements.is_empty());
}

#[test]
fn a_party_is_named_by_its_people_capital_or_any_inflection() {
    let g = Pipeline::default().gazetteer;
    for text in [
        "Zelensky met the coalition's leaders.",
        "The Kremlin said foreign troops are unacceptable.",
        "Генштаб ЗСУ повідомив про атаку на Київ.",
        "Европейские страны обсуждают гарантии для Украины.",
        "Die Europäer beraten über Sicherheitsgarantien für die Ukraine.",
    ] {
        assert!(g.names_a_belligerent(&g.resolve(text)), "{text}");
    }
    for text in [
        "France is ready to send troops to Mali, Macron said.",
        "The training team of Jeongdong Theater prepared a performance.",
        "China wants the United States to remove tariffs before a deal.",
    ] {
        assert!(!g.names_a_belligerent(&g.resolve(text)), "{text}");
    }
    assert_eq!(g.belligerents(), ["Ukraine", "Russia"]);
}
