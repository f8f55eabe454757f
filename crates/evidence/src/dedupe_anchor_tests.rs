//! Tests of the tiers that compare anchors (the third, the sixth, and the figures among them).

use super::*;

#[test]
fn a_translation_is_linked_and_an_independent_report_is_not() {
    // Own texts: a wire story, its Ukrainian translation, and another outlet's own report of
    // the same meeting with its own figures.
    let p = DedupeParams::default();
    let fp = anchored(p);
    let wire = "Macron said on Thursday that 26 countries had pledged to join a reassurance force. Starmer said Britain would fund 350 instructors and 40 patrol boats, and that the force would need 12 airfields and 15,000 troops.";
    let translation = "Макрон заявив у четвер, що 26 країн пообіцяли приєднатися до сил заспокоєння. Стармер сказав, що Британія профінансує 350 інструкторів і 40 патрульних катерів, а силам знадобиться 12 аеродромів і 15 000 військових.";
    let independent = "Macron hosted 35 leaders in Paris, where 26 countries backed a reassurance force; Starmer spoke of 10,000 troops and 60 aircraft, and Zelensky asked for 800 air defence missiles.";
    let mut index = DedupeIndex::new(p);
    assert!(
        index
            .insert("wire", Some("2025-09-04"), None, fp(wire))
            .is_empty()
    );
    assert!(
        index
            .insert("own", Some("2025-09-04"), None, fp(independent))
            .is_empty(),
        "an independent report of the same event is not a rewrite"
    );
    let links = index.insert("uk", Some("2025-09-05"), None, fp(translation));
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(
        (links[0].article.as_str(), links[0].duplicate_of.as_str()),
        ("uk", "wire")
    );
    assert_eq!(links[0].kind, LinkKind::Rewrite);
    assert_eq!(links[0].reason, Some(LinkReason::SharedAnchors));
}

#[test]
fn reports_repeating_a_statement_s_small_numbers_are_not_linked_without_a_figure() {
    // Own texts after a pattern of the development split (7 December 2026): reports in two
    // languages of one press remark ("15 years ... 30, 40 or 50 years") share its names and
    // its four small numbers, and nothing else; a translation keeps a figure as well.
    let p = DedupeParams::default();
    let fp = anchored(p);
    let report = "Zelensky said on Monday that Trump offered security guarantees for 15 years and that he asked for 30, 40 or even 50 years. Zelensky met Trump in Florida; Putin was not there.";
    let other = "Selenskyj sagte, Trump habe Garantien für 15 Jahre angeboten; er wünsche sich 30, 40 oder 50 Jahre. Nach dem Treffen mit Trump in Florida sprach Selenskyj auch über Putin.";
    let translation = "Selenskyj sagte am Montag, Trump habe Sicherheitsgarantien für 15 Jahre angeboten, er habe 30, 40 oder sogar 50 Jahre verlangt und 800 Kilometer Front genannt. Selenskyj traf Trump in Florida; Putin war nicht dabei.";
    let with_figure = report.replace("Florida;", "Florida, 800 kilometres of front;");
    let mut index = DedupeIndex::new(p);
    assert!(
        index
            .insert("report", Some("2025-12-29"), None, fp(report))
            .is_empty()
    );
    let links = index.insert("other", Some("2025-12-29"), None, fp(other));
    assert!(links.is_empty(), "four small numbers, no figure: {links:?}");
    // Control: without the figure rule the tier links them.
    let before = DedupeParams {
        anchor_min_figures: 0,
        ..p
    };
    let mut index = DedupeIndex::new(before);
    index.insert("report", Some("2025-12-29"), None, fp(report));
    let links = index.insert("other", Some("2025-12-29"), None, fp(other));
    assert_eq!(links.len(), 1, "{links:?}");
    let mut index = DedupeIndex::new(p);
    index.insert("report", Some("2025-12-29"), None, fp(&with_figure));
    let links = index.insert("translation", Some("2025-12-29"), None, fp(translation));
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(links[0].reason, Some(LinkReason::SharedAnchors));
    // The marks: a small number is no figure, a figure is one, an entity is neither.
    let keys = |text: &str| -> Vec<u64> {
        fp(text)
            .quotes
            .into_iter()
            .filter(|k| is_anchor(*k) && k & NUMBER_BIT != 0)
            .collect()
    };
    assert_eq!(
        keys("15 years").iter().filter(|k| is_figure(**k)).count(),
        0
    );
    assert_eq!(
        keys("7,500 troops")
            .iter()
            .filter(|k| is_figure(**k))
            .count(),
        1
    );
}

#[test]
fn numbers_join_thousands_groups_and_skip_years() {
    assert_eq!(
        numbers("15 000 troops, 15,000 or 15.000; in 2025 and 26 of them, 7 days"),
        ["15000", "15000", "15000", "26"]
    );
}

proptest! {
    /// The MinHash estimate of a text against itself is exactly 1, and the estimate is
    /// symmetric.
    #[test]
    fn jaccard_estimate_laws(a in "[a-z]{1,8}( [a-z]{1,8}){0,60}", b in "[a-z]{1,8}( [a-z]{1,8}){0,60}") {
        let p = DedupeParams::default();
        let fa = fingerprint(&a, &p);
        let fb = fingerprint(&b, &p);
        prop_assert!((estimated_jaccard(&fa, &fa) - 1.0).abs() < 1e-12);
        prop_assert!((estimated_jaccard(&fa, &fb) - estimated_jaccard(&fb, &fa)).abs() < 1e-12);
    }
}

const SEQUENCE_STORY: &str = "Macron met Starmer in Paris on Tuesday. Zelensky joined them by video. Macron said France and Britain would lead the force, and Starmer said Britain would send 30 jets. Merz said Germany would help with air defence, while Tusk said Poland would not send troops. Rutte said NATO backed the plan. Trump said the United States would support it, and Putin said Russia rejects it. Zelensky thanked Macron, Starmer and Merz.";
const SEQUENCE_TRANSLATION: &str = "Macron a reçu Starmer à Paris mardi. Zelensky les a rejoints par vidéo. Macron a dit que la France et la Grande-Bretagne dirigeraient la force, et Starmer a dit que la Grande-Bretagne enverrait 30 avions. Merz a dit que l'Allemagne aiderait pour la défense aérienne, tandis que Tusk a dit que la Pologne n'enverrait pas de troupes. Rutte a dit que l'OTAN soutenait le plan. Trump a dit que les États-Unis le soutiendraient, et Poutine a dit que la Russie le rejette. Zelensky a remercié Macron, Starmer et Merz.";
const SEQUENCE_INDEPENDENT: &str = "Putin warned on Tuesday that Russia rejects any foreign contingent. In Washington, Trump kept the United States out of the details. Rutte said NATO as such is not involved. Warsaw's Tusk repeated that Poland keeps its soldiers at home, and Merz promised Germany's help with air defence. Starmer offered 30 jets from Britain, and Macron wants France to command. Zelensky asked Macron, Starmer and Merz for firm guarantees.";

#[test]
fn a_translation_in_the_same_order_is_linked_and_a_report_in_its_own_order_is_not() {
    let p = DedupeParams::default();
    let fp = anchored(p);
    let story = fp(SEQUENCE_STORY);
    let translation = fp(SEQUENCE_TRANSLATION);
    assert!(
        story.sequence.len() >= p.sequence_min_common,
        "{}",
        story.sequence.len()
    );
    let mut index = DedupeIndex::new(p);
    assert!(
        index
            .insert("story", Some("2025-09-02"), None, story)
            .is_empty()
    );
    let own = index.insert("own", Some("2025-09-02"), None, fp(SEQUENCE_INDEPENDENT));
    assert!(
        own.is_empty(),
        "an independent report naming the same parties in its own order is not a translation: {own:?}"
    );
    let links = index.insert("fr", Some("2025-09-03"), None, translation);
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(
        (links[0].article.as_str(), links[0].duplicate_of.as_str()),
        ("fr", "story")
    );
    assert_eq!(links[0].kind, LinkKind::Rewrite);
    assert_eq!(links[0].reason, Some(LinkReason::SameAnchorOrder));
    assert!(links[0].similarity >= p.sequence_similarity);
}

/// Own texts for the sixth tier's short case: a short story and its German translation, with
/// fewer anchors in common than a long text needs, and an independent report of the same
/// meeting naming the same parties in its own order.
pub(super) const SHORT_STORY: &str = "Healey met Pistorius in Berlin on Monday. Healey said Britain would send 12 minehunters, and Pistorius said Germany would add 4 frigates. Tusk said Poland would host the headquarters. Zelensky thanked Healey and Pistorius.";
pub(super) const SHORT_TRANSLATION: &str = "Healey traf Pistorius am Montag in Berlin. Healey sagte, Großbritannien werde 12 Minenjagdboote schicken, und Pistorius sagte, Deutschland werde 4 Fregatten beisteuern. Tusk sagte, Polen werde das Hauptquartier beherbergen. Selenskyj dankte Healey und Pistorius.";
pub(super) const SHORT_INDEPENDENT: &str = "Zelensky praised Pistorius and Healey on Monday. Poland's Tusk offered the headquarters, Germany 4 frigates through Pistorius, and Britain 12 minehunters, Healey said in Berlin.";

#[test]
fn a_short_translation_in_the_same_order_is_linked_and_a_report_in_its_own_order_is_not() {
    let p = DedupeParams::default();
    let fp = anchored(p);
    let story = fp(SHORT_STORY);
    let len = story.sequence.len();
    assert!(
        (p.sequence_short_min_common..p.sequence_min_common).contains(&len),
        "the story is short: {len} anchors"
    );
    let mut index = DedupeIndex::new(p);
    assert!(
        index
            .insert("story", Some("2025-09-02"), None, story)
            .is_empty()
    );
    let own = index.insert("own", Some("2025-09-02"), None, fp(SHORT_INDEPENDENT));
    assert!(own.is_empty(), "{own:?}");
    let links = index.insert("de", Some("2025-09-03"), None, fp(SHORT_TRANSLATION));
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(links[0].duplicate_of, "story");
    assert_eq!(links[0].reason, Some(LinkReason::SameAnchorOrder));
    assert!(links[0].similarity >= p.sequence_short_similarity);
    // Without the short case no tier links them.
    let long_only = DedupeParams {
        sequence_short_similarity: 1.01,
        ..p
    };
    let mut index = DedupeIndex::new(long_only);
    index.insert("story", Some("2025-09-02"), None, fp(SHORT_STORY));
    let links = index.insert("de", Some("2025-09-03"), None, fp(SHORT_TRANSLATION));
    assert!(links.is_empty(), "{links:?}");
}

#[test]
fn longest_common_subsequence_by_brute_force() {
    // Every subsequence of a short sequence, checked against the other: the longest found.
    fn brute(a: &[u64], b: &[u64]) -> usize {
        let is_sub = |s: &[u64]| {
            let mut it = b.iter();
            s.iter().all(|x| it.any(|y| y == x))
        };
        (0u32..1 << a.len())
            .map(|mask| {
                let s: Vec<u64> = (0..a.len())
                    .filter(|i| mask & (1 << i) != 0)
                    .map(|i| a[i])
                    .collect();
                if is_sub(&s) { s.len() } else { 0 }
            })
            .max()
            .unwrap_or(0)
    }
    let mut state = 7u64;
    for _ in 0..200 {
        let mut next = |n: u64| {
            state = mix64(state);
            (state % n) as usize
        };
        let a: Vec<u64> = (0..next(9)).map(|_| next(4) as u64).collect();
        let b: Vec<u64> = (0..next(12)).map(|_| next(4) as u64).collect();
        assert_eq!(
            longest_common_subsequence(&a, &b),
            brute(&a, &b),
            "{a:?} {b:?}"
        );
    }
}

#[test]
fn entity_anchors_are_never_counted_as_numbers() {
    // The anchor tier counts shared numbers by a flag bit; an entity's hash must not set it.
    let p = DedupeParams::default();
    let g = crate::Gazetteer::default();
    let mentions = g.resolve(SEQUENCE_STORY);
    assert!(mentions.len() >= 10);
    let fp = fingerprint_with_anchors(SEQUENCE_STORY, &mentions, &p);
    let numbers: Vec<u64> = fp
        .quotes
        .iter()
        .copied()
        .filter(|k| is_anchor(*k) && k & NUMBER_BIT != 0)
        .collect();
    assert_eq!(numbers.len(), 1, "only 30 is a number: {numbers:?}");
}
