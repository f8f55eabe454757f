//! Tests of the learned half of the extract stage (`extract_model.rs`): the classifier's
//! statements beside the rules', the claim model's decision, and the features it reads.

use super::*;

/// An undated article of no outlet, declared in `lang`.
fn article_in(lang: &str) -> ArticleRef<'_> {
    ArticleRef {
        id: "t",
        date: None,
        outlet: None,
        lang: Some(lang),
    }
}

#[test]
fn the_classifier_only_adds_statements_with_their_own_ids() {
    let lex = Lexicon::default();
    let g = Gazetteer::default();
    let model = crate::model::SentenceModel::from_text(crate::model::DEFAULT_MODEL_TXT)
        .expect("shipped model parses");
    let rules = Extractor::new(&lex);
    // The classifier alone beside the rules: the parties' model may change a rule statement's
    // party, which is not what this test is about.
    let both = Extractor::with_model(&lex, model).with_actor_model(None);
    for (lang, text) in [
        (
            "uk",
            "Коаліція охочих готова надати Україні гарантії безпеки. Головною метою групи є розробка довгострокових гарантій безпеки. Франція та Британія розмістять війська після припинення вогню.",
        ),
        (
            "en",
            "Britain and France will lead a multinational force for Ukraine. The coalition's main aim is to provide long-term security guarantees.",
        ),
    ] {
        let m = g.resolve(text);
        let article = article_in(lang);
        let r = rules.extract(text, &m, &g, article);
        let b = both.extract(text, &m, &g, article);
        assert_eq!(b, both.extract(text, &m, &g, article), "deterministic");
        let ids: Vec<&str> = b.iter().map(|s| s.id.as_str()).collect();
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "{ids:?}");
        for s in &b {
            assert!(
                r.contains(s) || s.probability.is_some(),
                "{lang}: {} is the rules' as they found it, or the classifier's",
                s.id
            );
        }
        let sentences = sentences_in(text, Lang::parse(lang).unwrap()).len();
        let features = both.sentence_features(text, &m, &g, article);
        assert_eq!(features.len(), sentences);
        assert!(features.iter().all(|(_, f)| !f.is_empty()));
    }
}

#[test]
fn the_claim_model_drops_rule_claims_it_does_not_state_and_places_its_own() {
    // A toy model: every sentence gives naval offers 0.88 (the always-on feature "1"), and the
    // claim model states what the rules did not find and the classifier is sure of.
    let id = crate::model::feature_id("1");
    let model = crate::model::SentenceModel::from_text(&format!(
        "claim_threshold 0.5\nclaim bias -5\nclaim best_p 10\nclaim ruled -10\n\
         target naval\nstance offers\npair 0 0 0\nw {id:x} 2:20\n"
    ))
    .unwrap();
    let lex = Lexicon::default();
    let g = Gazetteer::default();
    let text = "Britain will send troops to Ukraine. The Black Sea was calm on Sunday.";
    let m = g.resolve(text);
    let article = article_in("en");
    let rules = Extractor::new(&lex).extract(text, &m, &g, article);
    assert!(
        rules.iter().any(|s| s.capability == "ground_troops"),
        "{rules:?}"
    );
    let both = Extractor::with_model(&lex, model).extract(text, &m, &g, article);
    let got: Vec<(&str, &str, Stance, usize, Option<f64>)> = both
        .iter()
        .map(|s| {
            (
                s.id.as_str(),
                s.capability.as_str(),
                s.stance,
                s.sentence,
                s.probability,
            )
        })
        .collect();
    // The rules' troops are not stated; the naval offer is, once, from the sentence of the best
    // probability (the shorter one: a weight counts less among more features), with the claim
    // model's probability.
    assert_eq!(got, [("t#1.naval", "naval", Stance::Offers, 1, Some(0.99))]);
}

/// Whose the target is, as the classifier sees it (`modifier_features`): the state named right
/// at the target's words against the sentence's subject, in the word order of each language.
#[test]
fn the_classifier_sees_whose_troops_they_are() {
    let g = Gazetteer::default();
    let rules = Extractor::new(&Lexicon::default());
    let has = |text: &str, lang: &str, relation: &str| {
        let m = g.resolve(text);
        let article = article_in(lang);
        let id = crate::model::feature_id_of(&["TM:", "ground_troops", "|", relation]);
        rules
            .sentence_features(text, &m, &g, article)
            .iter()
            .any(|(_, f)| f.contains(&id))
    };
    assert!(has(
        "Britain is ready to send British troops to Ukraine.",
        "en",
        "own"
    ));
    assert!(has("Kyiv wants American troops in Ukraine.", "en", "other"));
    assert!(has(
        "La France enverra des troupes françaises.",
        "fr",
        "own"
    ));
    assert!(has("Ukrainian troops will hold the line.", "en", "ukr"));
    assert!(!has(
        "Britain is ready to send troops to Ukraine.",
        "en",
        "own"
    ));
}

#[test]
fn cognates_share_their_prefix_across_languages_and_scripts() {
    // The words for guarantees, contingents and soldiers in Cyrillic and Latin script, as
    // Ukrainian, Russian, English, French, German, Italian and Spanish reports spell them.
    for (words, prefix) in [
        (
            &["гарантії", "гарантии", "garanties", "garantien", "garanzie"][..],
            "garan",
        ),
        (
            &["контингент", "contingent", "kontingent", "contingenti"][..],
            "konti",
        ),
        (&["солдати", "soldados", "soldats", "soldaten"][..], "solda"),
    ] {
        for w in words {
            assert_eq!(model::cognate_prefix(w).as_str(), prefix, "{w}");
        }
    }
    // Words of other roots stay apart.
    assert_ne!(
        model::cognate_prefix("guarantees").as_str(),
        model::cognate_prefix("garanties").as_str()
    );
}
