//! Readings that new users' real pages got wrong (7 December 2026, fourth and fifth new-user
//! hours; 8 December 2026, sixth), in the rules alone. Own sentences in the pages'
//! constructions, not their text.

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

#[test]
fn a_state_that_only_describes_an_event_or_a_place_is_no_party() {
    // "another possible Russian invasion" made Russia offer troops; "la capital francesa" made
    // France agree to Ukraine's army. The state named after or before such a noun is never the
    // subject; the party is the one that acts.
    for (text, actor, stance) in [
        (
            "Wobec agresji Rosji Polska wyśle żołnierzy na Ukrainę.",
            "POL",
            Stance::Commits,
        ),
        (
            "Face à l'agression de la Russie, la Belgique enverra des troupes en Ukraine.",
            "BEL",
            Stance::Commits,
        ),
        (
            "Desde la capital francesa, Italia descartó enviar tropas a Ucrania.",
            "ITA",
            Stance::RulesOut,
        ),
    ] {
        assert_eq!(
            claims(text),
            [claim(actor, "ground_troops", stance)],
            "{text}"
        );
    }
    let found =
        claims("Another possible Russian invasion would be deterred by troops on the ground.");
    assert!(found.iter().all(|(a, _, _)| a != "RUS"), "{found:?}");
    // Russia as a subject is still the party.
    assert_eq!(
        claims("Russia rejects any deployment of European troops in Ukraine."),
        [claim("RUS", "ground_troops", Stance::Rejects)]
    );
}

#[test]
fn a_states_allies_are_a_group_of_their_own() {
    // "los socios de Ucrania asumen el compromiso" was Ukraine's commitment.
    for (text, actor, stance) in [
        (
            "Los socios de Ucrania asumen el compromiso de enviar tropas.",
            "Ukraine's partners (unnamed)",
            Stance::Commits,
        ),
        (
            "Ukraine's allies will send troops after a ceasefire.",
            "Ukraine's allies (unnamed)",
            Stance::Commits,
        ),
        (
            "Partnerzy Ukrainy są gotowi wysłać wojska.",
            "Ukraine's partners (unnamed)",
            Stance::Offers,
        ),
        // A body that is itself the allies keeps its name; Ukraine is only its object.
        (
            "The European allies of Ukraine will send troops.",
            "European allies",
            Stance::Commits,
        ),
        // An adjective is the state itself: "our Ukrainian partners" are Ukraine.
        (
            "Our Ukrainian partners demand troops on the ground.",
            "UKR",
            Stance::Demands,
        ),
    ] {
        assert_eq!(
            claims(text),
            [claim(actor, "ground_troops", stance)],
            "{text}"
        );
    }
}

#[test]
fn a_group_counted_without_a_number_is_its_own_party() {
    // "Certains Etats ..." was France's, the speaker's; "Не всі члени ..." the coalition's.
    for (text, actor, stance) in [
        (
            "Several countries are ready to send troops to Ukraine.",
            "several countries (unnamed)",
            Stance::Offers,
        ),
        (
            "Деякі держави відправлять війська в Україну.",
            "some countries (unnamed)",
            Stance::Commits,
        ),
        (
            "Plusieurs pays enverront des troupes en Ukraine, a dit Macron.",
            "several countries (unnamed)",
            Stance::Commits,
        ),
        // A phrase that names a body is left to it.
        (
            "Some European countries will not send troops to Ukraine.",
            "European allies",
            Stance::RulesOut,
        ),
    ] {
        assert_eq!(
            claims(text),
            [claim(actor, "ground_troops", stance)],
            "{text}"
        );
    }
}
