//! Tests of the learned choice of a statement's party (`extract_actor_choice.rs`): the
//! candidates it is offered, and where the model may depart from the rules.

use std::sync::Arc;

use super::*;
use crate::model::feature_id_of;

fn article(lang: &str) -> ArticleRef<'_> {
    ArticleRef {
        id: "t",
        date: None,
        outlet: None,
        lang: Some(lang),
    }
}

/// A model that adds `weight` to every candidate with feature `name` (unjoined with a stance).
fn model_preferring(name: &str, weight: f32, margin: f32) -> Arc<ActorModel> {
    let id = feature_id_of(&["a:", name]);
    Arc::new(ActorModel::from_text(&format!("margin {margin}\nw {id:x} {weight}\n")).unwrap())
}

#[test]
fn choices_put_the_rules_party_first_and_offer_the_speakers_state() {
    let lex = Lexicon::default();
    let g = Gazetteer::default();
    let text = "Zelensky said Britain will send troops to Ukraine after a ceasefire.";
    let m = g.resolve(text);
    let rules = Extractor::new(&lex);
    let statements = rules.extract(text, &m, &g, article("en"));
    let choices = rules.actor_choices(text, &m, &g, article("en"));
    assert_eq!(statements.len(), 1, "{statements:?}");
    assert_eq!(statements[0].actor, "GBR");
    let [choice] = choices.as_slice() else {
        panic!("{choices:?}");
    };
    assert_eq!(choice.target, "ground_troops");
    assert_eq!(choice.stance, Stance::Commits);
    assert_eq!(choice.candidates[0], "GBR", "the rules' party first");
    assert!(choice.candidates.contains(&"UKR".to_string()), "{choice:?}");
    assert_eq!(choice.features.len(), choice.candidates.len());
    let mut unique = choice.candidates.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), choice.candidates.len(), "each candidate once");
}

#[test]
fn the_model_departs_from_the_rules_only_by_its_margin() {
    let lex = Lexicon::default();
    let g = Gazetteer::default();
    let text = "Zelensky said Britain will send troops to Ukraine after a ceasefire.";
    let m = g.resolve(text);
    let actor = |model: Option<Arc<ActorModel>>| {
        let e = Extractor::new(&lex).with_actor_model(model);
        e.extract(text, &m, &g, article("en"))[0].actor.clone()
    };
    assert_eq!(actor(None), "GBR");
    // The speaker's state, preferred by 2: taken at margin 0 and 1, not at 3.
    assert_eq!(actor(Some(model_preferring("SP", 2.0, 0.0))), "UKR");
    assert_eq!(actor(Some(model_preferring("SP", 2.0, 1.0))), "UKR");
    assert_eq!(actor(Some(model_preferring("SP", 2.0, 3.0))), "GBR");
    // A model that knows nothing keeps the rules' party.
    assert_eq!(actor(Some(Arc::new(ActorModel::default()))), "GBR");
}

/// The two sentences that decided how the shipped model reads a party's identity (see the
/// comment on `a:ID:` in `extract_actor_choice.rs`): a plain subject stays the subject.
#[test]
fn the_shipped_model_keeps_a_plain_subject() {
    let lex = Lexicon::default();
    let g = Gazetteer::default();
    let e = Extractor::new(&lex).with_actor_model(crate::actor_model::default_actor_model());
    assert!(e.actor_model().is_some(), "the shipped model parses");
    for (text, target, want) in [
        (
            "Ukraine's foreign minister Andrii Sybiha said Kyiv needs American air defence systems. Sybiha said Ukraine is ready to buy US weapons with European financing.",
            "arms_supply",
            "UKR",
        ),
        (
            "Zelenskiy said any force must include American troops. The United States expects Europe to provide the bulk of the troops, a diplomat said.",
            "ground_troops",
            "USA",
        ),
    ] {
        let m = g.resolve(text);
        let s: Vec<Statement> = e.extract(text, &m, &g, article("en"));
        let last = s
            .iter()
            .rfind(|s| s.capability == target)
            .unwrap_or_else(|| panic!("{s:?}"));
        assert_eq!(last.actor, want, "{text}");
    }
}

/// The body of states an article named is a candidate of its later statements, named in their
/// sentence or not: the annotators of real reporting give a coalition meeting's decisions to the
/// coalition even where a sentence names only a member or no one.
#[test]
fn the_body_the_article_named_is_a_candidate_of_its_later_statements() {
    let lex = Lexicon::default();
    let g = Gazetteer::default();
    let text = "Leaders of the coalition of the willing met in Paris on Tuesday. \
                France will send troops to Ukraine after a ceasefire.";
    let m = g.resolve(text);
    let rules = Extractor::new(&lex);
    let choices = rules.actor_choices(text, &m, &g, article("en"));
    let choice = choices
        .iter()
        .find(|c| c.target == "ground_troops")
        .unwrap_or_else(|| panic!("{choices:?}"));
    assert_eq!(choice.candidates[0], "FRA", "the rules' party first");
    assert!(
        choice
            .candidates
            .contains(&"Coalition of the Willing".to_string()),
        "{choice:?}"
    );
    // Where the model prefers the body, it takes it; the rules alone keep the subject.
    let actor = |model: Option<Arc<ActorModel>>| {
        let e = Extractor::new(&lex).with_actor_model(model);
        let s = e.extract(text, &m, &g, article("en"));
        s.iter()
            .rfind(|s| s.capability == "ground_troops")
            .map(|s| s.actor.clone())
            .unwrap_or_else(|| panic!("{s:?}"))
    };
    assert_eq!(actor(None), "FRA");
    assert_eq!(
        actor(Some(model_preferring("BO", 2.0, 1.0))),
        "Coalition of the Willing"
    );
    // An article that names no body offers none.
    let plain = "France will send troops to Ukraine after a ceasefire.";
    let m = g.resolve(plain);
    for c in rules.actor_choices(plain, &m, &g, article("en")) {
        assert!(
            !c.candidates.iter().any(|n| n == "Coalition of the Willing"),
            "{c:?}"
        );
    }
}

/// The guarantees' beneficiary's offer of a claim another party of the article holds, in its
/// sentence or another, is left out: it is the one that receives. Alone, or in a demand, it
/// stays (an offer is never moved to a state that did not make it).
#[test]
fn the_beneficiary_beside_other_parties_of_an_offer_is_not_one() {
    let lex = Lexicon::default();
    let g = Gazetteer::default();
    let shipped = Extractor::new(&lex).with_actor_model(crate::actor_model::default_actor_model());
    let rules = Extractor::new(&lex);
    let parties = |e: &Extractor, text: &str, stance: Stance| {
        let m = g.resolve(text);
        let mut found: Vec<String> = e
            .extract(text, &m, &g, article("en"))
            .into_iter()
            .filter(|s| s.stance == stance)
            .map(|s| s.actor)
            .collect();
        found.sort();
        found.dedup();
        found
    };
    for e in [&shipped, &rules] {
        assert_eq!(
            parties(
                e,
                "Britain, France and Ukraine offered to set up a multinational force.",
                Stance::Offers
            ),
            ["FRA", "GBR"]
        );
        assert_eq!(
            parties(
                e,
                "France and Ukraine called for American air support.",
                Stance::Demands
            ),
            ["FRA", "UKR"]
        );
        assert_eq!(
            parties(
                e,
                "Ukraine is ready to buy US weapons with European financing.",
                Stance::Offers
            ),
            ["UKR"]
        );
    }
    // In another sentence of the article, the same: the claim stays with the party that gives.
    for e in [&shipped, &rules] {
        assert_eq!(
            parties(
                e,
                "Zelensky said Ukraine is ready to provide troops for the mission. \
                 Britain is ready to send troops.",
                Stance::Offers
            ),
            ["GBR"]
        );
    }
}

#[test]
fn a_demand_is_never_given_to_the_party_it_asks_of() {
    // A ranker that prefers any party named after the cue would give Zelenskyy's demand to the
    // United States, whose troops it asks for (so did the shipped ranker trained on 1,216 and
    // on 1,325 dev articles, checked without the rule: "USA ground_troops demands").
    let lex = Lexicon::default();
    let g = Gazetteer::default();
    let after_cue = format!(
        "margin 0\nw {:x} 5\n",
        crate::model::feature_id_of(&["a:", "AC"])
    );
    let eager = std::sync::Arc::new(crate::actor_model::ActorModel::from_text(&after_cue).unwrap());
    let shipped = crate::actor_model::default_actor_model();
    for model in [Some(eager), shipped] {
        let e = Extractor::new(&lex).with_actor_model(model);
        let text = "Zelenskiy told reporters on Wednesday that \u{201c}any force that keeps the \
                    peace in Ukraine must include American troops, because Europe alone cannot \
                    deter Putin.\u{201d}";
        let m = g.resolve(text);
        let demands: Vec<(String, String)> = e
            .extract(text, &m, &g, article("en"))
            .into_iter()
            .filter(|s| s.stance == Stance::Demands)
            .map(|s| (s.actor, s.capability))
            .collect();
        assert_eq!(demands, [("UKR".to_string(), "ground_troops".to_string())]);
    }
    // An offer of one's own troops keeps its owner.
    let shipped = Extractor::new(&lex).with_actor_model(crate::actor_model::default_actor_model());
    let text = "Britain is ready to send British troops to Ukraine after a ceasefire.";
    let m = g.resolve(text);
    let offers: Vec<String> = shipped
        .extract(text, &m, &g, article("en"))
        .into_iter()
        .filter(|s| s.stance == Stance::Offers)
        .map(|s| s.actor)
        .collect();
    assert_eq!(offers, ["GBR"]);
}
