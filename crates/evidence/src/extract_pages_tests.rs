//! Readings that new users' real pages got wrong (7 December 2026, fourth and fifth new-user
//! hours), in the rules alone. Own sentences in the pages' constructions, not their text.

use super::super::tests::run;
use super::*;

/// The (actor, target, stance) of each statement the rules give `text`.
fn claims(text: &str) -> Vec<(String, String, Stance)> {
    run(text)
        .into_iter()
        .map(|s| (s.actor, s.capability, s.stance))
        .collect()
}

#[test]
fn what_someone_has_yet_to_do_is_no_position() {
    // "Trump has yet to offer any clear security guarantees" was an American offer.
    for text in [
        "Washington has yet to offer Ukraine any security guarantees, officials said.",
        "Britain has yet to commit troops to the force in Ukraine.",
    ] {
        assert_eq!(claims(text), [], "{text}");
    }
    // The same verbs without "yet to" still state a position.
    assert_eq!(
        claims("Britain will commit troops to the force in Ukraine."),
        [claim("GBR", "ground_troops", Stance::Commits)]
    );
}

#[test]
fn a_periphrastic_future_commits_as_the_simple_future_does() {
    // "Os EUA vão enviar tropas" was read as a US rule-out by the classifier, no rule stating it.
    for (text, actor) in [
        (
            "Portugal vai enviar tropas para a Ucrânia, disse o ministro.",
            "PRT",
        ),
        (
            "España va a enviar tropas a Ucrania, dijo el ministro.",
            "ESP",
        ),
        (
            "La France va envoyer des troupes en Ukraine, a dit le ministre.",
            "FRA",
        ),
    ] {
        assert_eq!(
            claims(text),
            [claim(actor, "ground_troops", Stance::Commits)],
            "{text}"
        );
    }
    // Negated, the same future rules out.
    assert_eq!(
        claims("España no va a enviar tropas a Ucrania, dijo el ministro."),
        [claim("ESP", "ground_troops", Stance::RulesOut)]
    );
}

#[test]
fn polish_soldiers_and_america_are_named_and_their_involvement_read() {
    // "Polscy żołnierze nie wezmą udziału" was Ukraine's rule-out: "Polscy" missed Poland's stem.
    assert_eq!(
        claims("Polscy żołnierze nie wezmą udziału w misji na Ukrainie."),
        [claim("POL", "ground_troops", Stance::RulesOut)]
    );
    // "Ameryka zaangażuje się w gwarancje" named no actor and had no cue.
    assert_eq!(
        claims("Ameryka zaangażuje się w gwarancje bezpieczeństwa dla Ukrainy."),
        [claim("USA", "security_guarantee", Stance::Offers)]
    );
    // "so that the Russians have no doubt" is no Russian doubt.
    let found = claims(
        "USA zaangażują się w gwarancje bezpieczeństwa dla Ukrainy, aby Rosjanie nie mieli wątpliwości.",
    );
    assert!(
        found
            .iter()
            .all(|(a, _, s)| a != "RUS" && *s != Stance::Doubts),
        "{found:?}"
    );
}

#[test]
fn proposing_and_opening_the_door_are_read() {
    assert_eq!(
        claims("Alemania propuso desplegar sus tropas en países vecinos de Ucrania."),
        [claim("DEU", "ground_troops", Stance::Offers)]
    );
    assert_eq!(
        claims("L'Italia si apre alla possibilità di inviare soldati in Ucraina."),
        [claim("ITA", "ground_troops", Stance::Considers)]
    );
}
