use super::*;
use proptest::prelude::*;

#[path = "dedupe_anchor_tests.rs"]
mod anchors;
use anchors::{SHORT_INDEPENDENT, SHORT_STORY};

const ORIGINAL: &str = "European governments want Washington to stand behind any force sent to Ukraine after a ceasefire. Officials in several capitals said a force without American support would struggle to deter Moscow. The discussions are at an early stage and no numbers have been agreed, the officials said, adding that training Ukrainian brigades would come first.";

/// The fingerprint of a text with its anchors, as the pipeline makes it (the default gazetteer
/// resolving the names).
fn anchored(p: DedupeParams) -> impl Fn(&str) -> Fingerprint {
    let g = crate::Gazetteer::default();
    move |t| fingerprint_with_anchors(t, &g.resolve(t), &p)
}

#[test]
fn syndicated_copy_is_linked_and_unrelated_text_is_not() {
    let p = DedupeParams::default();
    let copy = ORIGINAL.replace("at an early stage", "still at an early stage");
    let unrelated = "The city council approved a new budget for public libraries on Thursday, with more money for weekend opening hours and for children's reading programmes across all districts.";
    let mut index = DedupeIndex::new(p);
    assert!(
        index
            .insert("a", Some("2025-01-15"), None, fingerprint(ORIGINAL, &p))
            .is_empty()
    );
    let links = index.insert("b", Some("2025-01-16"), None, fingerprint(&copy, &p));
    assert_eq!(links.len(), 1);
    assert_eq!(
        (links[0].article.as_str(), links[0].duplicate_of.as_str()),
        ("b", "a")
    );
    assert_eq!(links[0].kind, LinkKind::NearDuplicate);
    assert_eq!(links[0].reason, Some(LinkReason::SharedShingles));
    assert!(
        index
            .insert("c", None, None, fingerprint(unrelated, &p))
            .is_empty()
    );
}

#[test]
fn the_earlier_article_is_the_original_whatever_the_arrival_order() {
    let p = DedupeParams::default();
    let mut index = DedupeIndex::new(p);
    index.insert("late", Some("2025-02-01"), None, fingerprint(ORIGINAL, &p));
    let links = index.insert("early", Some("2025-01-01"), None, fingerprint(ORIGINAL, &p));
    assert_eq!(links[0].article, "late");
    assert_eq!(links[0].duplicate_of, "early");
    assert!((links[0].similarity - 1.0).abs() < 1e-9);
}

#[test]
fn shared_quote_and_overlap_make_a_rewrite() {
    let p = DedupeParams::default();
    let a = "Kyiv's leader told reporters on Wednesday: “any force that keeps the peace here must include American soldiers, Europe alone cannot deter Moscow.” European diplomats said Washington may agree.";
    let b = "According to Kyiv's leader, speaking to reporters, “any force that keeps the peace here must include American soldiers, Europe alone cannot deter Moscow.” Diplomats in Europe believe Washington may agree to it.";
    let mut index = DedupeIndex::new(p);
    index.insert("a", Some("2025-01-15"), None, fingerprint(a, &p));
    let links = index.insert("b", Some("2025-01-15"), None, fingerprint(b, &p));
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(links[0].kind, LinkKind::Rewrite);
    assert_eq!(links[0].reason, Some(LinkReason::SharedQuotation));
}

#[test]
fn headline_slugs_of_addresses() {
    // Own addresses, in the shapes mirrors, wires and language versions take.
    assert_eq!(
        url_slug(
            "https://www.gov.uk/government/news/pm-statement-on-the-coalition-meeting-15-march"
        )
        .as_deref(),
        Some("pm-statement-on-the-coalition-meeting-15-march")
    );
    assert_eq!(
        url_slug("https://example.ua/ukr/news/makrona-anonsuvali-nove-zasidannya-1771601544.html/"),
        url_slug("https://example.ua/rus/news/makrona-anonsuvali-nove-zasidannya-1771601544.html"),
    );
    assert_eq!(
        url_slug("https://de.example.com/international/255124-zu-verhandlungen-ueber-sicherheitsgarantien/").as_deref(),
        Some("zu-verhandlungen-ueber-sicherheitsgarantien")
    );
    // Percent-encoded Cyrillic is read as letters.
    assert_eq!(
        url_slug("https://example.eu/%D0%BF%D0%B0%D1%80%D0%B8%D0%B6-%D0%B4%D0%B5%D0%BA%D0%BB%D0%B0%D1%80%D0%B0%D1%86%D1%96%D1%8F-%D0%BA%D0%BE%D0%B0%D0%BB%D1%96%D1%86%D1%96%D1%97-%D0%B3%D0%B0%D1%80%D0%B0%D0%BD%D1%82%D1%96%D1%97").as_deref(),
        Some("париж-декларація-коаліції-гарантії")
    );
    // Ids, short or generic segments and query strings are no slugs.
    assert_eq!(
        url_slug("https://example.com/world/article/52e1f3643e34"),
        None
    );
    assert_eq!(url_slug("https://example.com/news/index.html"), None);
    assert_eq!(
        url_slug("https://example.com/members/viewnews.html?id=162853"),
        None
    );
    assert_eq!(url_slug("https://example.com/ukraine-peace-talks"), None);
    assert_eq!(url_slug("not a url"), None);
}

#[test]
fn a_shared_headline_slug_links_a_translation_within_the_window() {
    let p = DedupeParams::default();
    let mut index = DedupeIndex::new(p);
    let en =
        "Leaders agreed to deploy a multinational force after a ceasefire, the statement said.";
    let fr =
        "Les dirigeants sont convenus de déployer une force multinationale après un cessez-le-feu.";
    let other = "Ministers discussed the reconstruction conference and energy aid for the winter.";
    assert!(
        index
            .insert(
                "en",
                Some("2025-09-04"),
                Some("https://a.example/en/leaders-agree-multinational-force-after-ceasefire"),
                fingerprint(en, &p)
            )
            .is_empty()
    );
    let links = index.insert(
        "fr",
        Some("2025-09-04"),
        Some("https://a.example/fr/leaders-agree-multinational-force-after-ceasefire"),
        fingerprint(fr, &p),
    );
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(
        (links[0].duplicate_of.as_str(), links[0].kind),
        ("en", LinkKind::Rewrite)
    );
    assert_eq!(links[0].reason, Some(LinkReason::SameHeadlineSlug));
    // Same slug a month later: another story under a recycled headline, not linked.
    let late = index.insert(
        "late",
        Some("2025-10-20"),
        Some("https://b.example/leaders-agree-multinational-force-after-ceasefire"),
        fingerprint(other, &p),
    );
    assert!(late.is_empty(), "{late:?}");
    // A live page's slug recurs every day on a publisher's sites: two pages six days apart
    // under one slug are two days' pages, not copies (7 December 2026: a Spanish group's live
    // pages of 6 and 12 January 2026 were linked on the development split). The next day's
    // copy under that slug is linked.
    let live = "guerra-ucrania-hoy-directo-kiev-111860994.html";
    let mut day = |n: &str, date: &str, host: &str, text: &str| {
        let url = format!("https://{host}/internacional/{live}");
        index.insert(n, Some(date), Some(&url), fingerprint(text, &p))
    };
    let text_a = "Merz said Germany could deploy troops to a neighbouring country after a truce.";
    let text_b = "Feijóo said his party will not back sending Spanish troops without explanations.";
    assert!(day("live6", "2026-01-06", "c.example", text_a).is_empty());
    let twelfth = day("live12", "2026-01-12", "d.example", text_b);
    assert!(twelfth.is_empty(), "{twelfth:?}");
    let text_c = "Der Kanzler sagte, Deutschland könne nach einer Waffenruhe Soldaten entsenden.";
    let next = day("live7", "2026-01-07", "e.example", text_c);
    assert_eq!(next.len(), 1, "{next:?}");
    assert_eq!(
        (next[0].duplicate_of.as_str(), next[0].reason),
        ("live6", Some(LinkReason::SameHeadlineSlug))
    );
    // No slug, no link.
    let bare = index.insert(
        "bare",
        Some("2025-09-04"),
        Some("https://c.example/article/123"),
        fingerprint("Parliament will vote on the defence budget next week.", &p),
    );
    assert!(bare.is_empty(), "{bare:?}");
}

#[test]
fn a_retelling_in_other_words_is_linked_and_an_independent_report_is_not() {
    // Own texts: a story, another outlet's retelling of it (same rare words, no shared quotation,
    // no figures), and an independent report of the same day with the event's common words.
    let p = DedupeParams::default();
    let fp = anchored(p);
    let background = [
        "The defence secretary told parliament on Tuesday that Britain would keep supporting Ukraine after a ceasefire, and that Moscow should not doubt it.",
        "Moscow warned on Tuesday that foreign troops in Ukraine after a ceasefire would be targets; the defence secretary in London called the threat empty.",
        "Grain convoys from Odesa continued on Tuesday despite drones, and parliament in London heard that a ceasefire would need ships to protect them.",
    ];
    let story = "Britain will send two minehunters and a survey ship to clear the approaches to Odesa once a ceasefire holds, the defence secretary told parliament on Tuesday. The vessels, now based at Rosyth, would work alongside Turkish and Romanian crews from Constanta, escorting grain convoys and sweeping drifting mines near Zatoka and the Danube delta. Officials in London said divers and underwater drones would follow, while Kyiv asked that the flotilla stay through the winter storms. Moscow called the plan provocative and warned Ankara against joining it.";
    let retelling = "The defence secretary told parliament on Tuesday that two British minehunters and a survey ship are to clear the approaches to Odesa after a ceasefire. Based at Rosyth, the vessels would operate with Romanian and Turkish crews out of Constanta, sweeping drifting mines near Zatoka and the Danube delta and escorting grain convoys. Underwater drones and divers would follow, according to London officials; Kyiv wants the flotilla kept there through winter storms. Moscow said the plan was provocative and warned Ankara not to join.";
    let independent = "Ukraine's navy said on Tuesday that Russian drones struck port buildings near Odesa overnight, and that grain convoys would resume once mines were cleared. The defence secretary in London told parliament Britain was ready to help after a ceasefire, while Moscow warned that any foreign ships would be treated as targets. Ankara urged calm and offered talks in Istanbul on the safety of shipping in the Black Sea, where insurers have raised premiums since the summer.";
    let mut index = DedupeIndex::new(p);
    for (i, t) in background.iter().enumerate() {
        index.insert(&format!("bg{i}"), Some("2025-06-03"), None, fp(t));
    }
    assert!(
        index
            .insert("story", Some("2025-06-03"), None, fp(story))
            .is_empty()
    );
    assert!(
        index
            .insert("own", Some("2025-06-03"), None, fp(independent))
            .is_empty(),
        "an independent report of the same day is not a retelling"
    );
    let links = index.insert("retold", Some("2025-06-04"), None, fp(retelling));
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(
        (links[0].article.as_str(), links[0].duplicate_of.as_str()),
        ("retold", "story")
    );
    assert_eq!(links[0].kind, LinkKind::Rewrite);
    assert_eq!(links[0].reason, Some(LinkReason::SharedRareWords));
    assert!(links[0].similarity >= p.retelling_containment);
    // The same pair a fortnight apart is not linked: a retelling follows within the window.
    let mut later = DedupeIndex::new(p);
    later.insert("story", Some("2025-06-03"), None, fp(story));
    assert!(
        later
            .insert("retold", Some("2025-06-20"), None, fp(retelling))
            .is_empty()
    );
    // A month date is any of its days: June holds the 3rd, December does not.
    for (month, linked) in [("2025-06", true), ("2025-12", false)] {
        let mut by_month = DedupeIndex::new(p);
        for (i, t) in background.iter().enumerate() {
            by_month.insert(&format!("bg{i}"), Some("2025-06-03"), None, fp(t));
        }
        by_month.insert("story", Some(month), None, fp(story));
        let links = by_month.insert("retold", Some("2025-06-04"), None, fp(retelling));
        assert_eq!(links.len(), usize::from(linked), "{month}: {links:?}");
    }
}

/// Own texts for the sixth tier: a story, its French translation (the same people, states and
/// figures in the same order) and an independent report of the same meeting that names them in
/// its own order.
/// Own texts for the seventh tier: a wire story as one site keeps it (a long excerpt), another
/// site's copy cut shorter under its own headline and byline, and an independent report of the
/// same day naming the same people and places.
const EXCERPT_WIRE: &str = "Engineers from Britain and the Netherlands will begin surveying the Black Sea approaches to Odesa next month, preparing the ground for a mine clearance mission that would start once a ceasefire holds, the two defence ministries said on Friday. The survey teams, drawn from naval reserve units at Portsmouth and Den Helder, will map drifting mines along the grain corridor with sonar drones before any ship is committed. Officials stressed that the work is technical and that no decision has been taken on escorting merchant vessels, which remains a matter for the coalition as a whole. Romania has offered its port at Constanta as a logistics hub, and Bulgarian divers could join later in the spring. The ministries added that insurers in London had been consulted on how the surveys might lower premiums for shipping companies that avoided the corridor last year. A second phase would train Ukrainian sailors on the same equipment at a base in Scotland, so that Kyiv can keep the corridor open without foreign crews. Moscow has not commented, although its diplomats earlier warned that any foreign naval presence near Crimea would be treated as hostile. Analysts in Brussels said the plan showed how European navies, stretched by commitments in the Red Sea and the Baltic, were trying to share the burden: the Dutch bring the sonar drones, the British the command ships, and the Romanians the harbour. Shipping associations welcomed the announcement but asked for a timetable, noting that freight rates from Odesa remain almost double those from Constanta.";
const EXCERPT_COPY: &str = "Minehunters for Odesa: what the survey means | Posted by the newsroom desk, Friday morning | Photo: handout picture, archive | Listen to this article | Share this story | Engineers from Britain and the Netherlands will begin surveying the Black Sea approaches to Odesa next month, preparing the ground for a mine clearance mission that would start once a ceasefire holds, the two defence ministries said on Friday. The survey teams, drawn from naval reserve units at Portsmouth and Den Helder, will map drifting mines along the grain corridor with sonar drones before any ship is committed. Officials stressed that the work is technical and that no decision has yet been taken on escorting merchant vessels, which remains a matter for the coalition as a whole.";
const EXCERPT_INDEPENDENT: &str = "Britain and the Netherlands said on Friday they would study how to clear mines near Odesa after a ceasefire, a move welcomed in Kyiv but mocked in Moscow. Speaking in Constanta, where Romania hosts allied ships, a Ukrainian commander said his own divers had already removed dozens of mines this year and needed equipment more than advice. Dutch officials in Den Helder declined to say how many sailors would take part, while the British side said planning was at an early stage and would depend on the coalition's wider decisions about the grain corridor and the Black Sea.";

#[test]
fn a_copy_of_a_shorter_excerpt_is_linked_and_an_independent_report_is_not() {
    let p = DedupeParams::default();
    let fp = anchored(p);
    let background = [
        "Grain convoys from Odesa continued on Friday despite drones, and the defence ministries in London and The Hague said a ceasefire would need ships to protect them.",
        "Moscow warned on Friday that foreign ships in the Black Sea after a ceasefire would be targets; officials in London called the threat empty.",
        "Romania and Bulgaria discussed mines in the Black Sea on Friday, and the coalition said the grain corridor must stay open.",
    ];
    let (wire, copy) = (fp(EXCERPT_WIRE), fp(EXCERPT_COPY));
    // The copy is not a near duplicate (the wire goes on well past it) and its headline and
    // byline keep it from the fifth tier: only the seventh links it.
    assert!(estimated_jaccard(&wire, &copy) < p.near_threshold);
    assert!(excerpt_containment(&wire, &copy) >= p.excerpt_containment);
    let run = |params: DedupeParams| {
        let mut index = DedupeIndex::new(params);
        for (i, t) in background.iter().enumerate() {
            index.insert(&format!("bg{i}"), Some("2025-05-09"), None, fp(t));
        }
        assert!(
            index
                .insert("wire", Some("2025-05-09"), None, wire.clone())
                .is_empty()
        );
        assert!(
            index
                .insert("own", Some("2025-05-09"), None, fp(EXCERPT_INDEPENDENT))
                .is_empty(),
            "an independent report of the same day is not a copy"
        );
        index.insert("copy", Some("2025-05-09"), None, copy.clone())
    };
    let links = run(p);
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(
        (links[0].article.as_str(), links[0].duplicate_of.as_str()),
        ("copy", "wire")
    );
    assert_eq!(links[0].kind, LinkKind::Rewrite);
    assert_eq!(links[0].reason, Some(LinkReason::SameExcerpt));
    // Without the seventh tier the copy is not linked at all.
    let without = DedupeParams {
        excerpt_containment: f64::INFINITY,
        ..p
    };
    assert!(run(without).is_empty());
}

#[test]
fn an_independent_report_quoting_the_wire_is_not_an_excerpt_copy() {
    // Own text: another outlet's report of the same day, with the same names and places, that
    // quotes one sentence of the wire story word for word and is otherwise its own.
    let p = DedupeParams::default();
    let fp = anchored(p);
    let own = "Ukraine's navy welcomed the plan from Britain and the Netherlands on Friday, but its commander in Odesa said his divers needed equipment more than advice. The survey teams, drawn from naval reserve units at Portsmouth and Den Helder, will map drifting mines along the grain corridor with sonar drones before any ship is committed, according to the two ministries. Ukrainian crews have cleared dozens of mines near Zatoka this year, the commander said, and Kyiv hopes Romania will let its sailors train at Constanta. Moscow repeated that any foreign naval presence near Crimea would be treated as hostile.";
    let (wire, own) = (fp(EXCERPT_WIRE), fp(own));
    let c = excerpt_containment(&wire, &own);
    assert!(c > 0.0 && c < p.excerpt_containment, "{c}");
    let mut index = DedupeIndex::new(p);
    index.insert("wire", Some("2025-05-09"), None, wire);
    assert!(
        index
            .insert("own", Some("2025-05-09"), None, own)
            .is_empty()
    );
}

#[test]
fn excerpt_containment_of_a_prefix() {
    // A text and its own first part: the smaller one's shingles are all in the other, and the
    // estimate follows the Jaccard similarity and the sizes.
    let p = DedupeParams::default();
    let (long, short) = (fingerprint(EXCERPT_WIRE, &p), fingerprint(EXCERPT_COPY, &p));
    assert_eq!(excerpt_containment(&long, &long), 1.0);
    assert_eq!(
        excerpt_containment(&long, &short),
        excerpt_containment(&short, &long)
    );
    let empty = fingerprint("", &p);
    assert_eq!(excerpt_containment(&long, &empty), 0.0);
}

/// Own texts for the eighth tier: a public broadcaster's report, another outlet's retelling that
/// names the broadcaster and keeps some of its rare words but no sentence, an independent report
/// of the same meeting that names nobody, and a later report of another meeting that names the
/// broadcaster too.
const SOURCE_STORY: &str = "Advisers of the United States and Ukraine met in Geneva on Friday and agreed to finish the draft of the security guarantees by the end of next week, sources in the presidential office told Suspilne. The draft covers air defence, intelligence sharing and the financing of the Ukrainian army for ten years. Signing would follow quickly, but ratification by both parliaments could take months, the sources said. A second round with the coalition's chiefs of staff is planned in Brussels, where the monitoring of a ceasefire line will be discussed.";
const SOURCE_RETELLING: &str = "Kyiv and Washington want the security guarantees drafted within a week. According to Suspilne, which cites people in the presidential office, the advisers who met in Geneva on Friday discussed air defence, sharing of intelligence and ten years of financing for the army. Ratification could take months. The chiefs of staff of the coalition are to meet next in Brussels. Zelensky's team hopes the American side will sign before autumn; opposition deputies in the Rada asked to see the text first, and the European partners expect their own bilateral treaties to follow.";
const SOURCE_INDEPENDENT: &str = "Ukraine's foreign minister said on Friday that talks with American officials were constructive and that Kyiv expects firm guarantees before any ceasefire. He spoke in Vienna after meeting his Austrian counterpart, and said Europe must also pay for Ukraine's defence. Russia's envoy to the OSCE called the talks a waste of time.";
const SOURCE_OTHER_STORY: &str = "The mayor of Odesa said on Monday that two schools will reopen after repairs to their shelters, Suspilne reports. Parents had asked for the work since the spring, and the city paid for it from its own budget. Classes start again next week.";

#[test]
fn a_retelling_naming_the_original_outlet_is_linked_and_others_are_not() {
    let p = DedupeParams::default();
    let fp = anchored(p);
    let background = [
        "Parliament in Kyiv debated the budget for the army on Friday, and the finance minister said financing for ten years needs partners.",
        "The coalition's chiefs of staff met in Paris to discuss air defence and a ceasefire line; no figures were published.",
        "Officials in Washington said on Friday that intelligence sharing with Ukraine continues, and that a ceasefire is not near.",
        "Sources in the presidential office said the president will travel to Brussels next week to meet NATO's secretary general.",
    ];
    // A ledger of the day's other reports. It holds fewer than `MIN_ARTICLES_FOR_RARITY`, so
    // the tier counts words plainly here; the weighted share is exercised by the real corpus
    // (`tests/evaluation.rs`).
    let with_background = || {
        let mut index = DedupeIndex::new(p);
        for (i, t) in background.iter().enumerate() {
            index.insert(&format!("bg{i}"), Some("2025-08-22"), None, fp(t));
        }
        index
    };
    let mut index = with_background();
    let story = "https://suspilne.media/1096994-advisers-agree-to-finish-the-draft/";
    assert!(
        index
            .insert("story", Some("2025-08-22"), Some(story), fp(SOURCE_STORY))
            .is_empty()
    );
    assert!(
        index
            .insert(
                "independent",
                Some("2025-08-22"),
                Some("https://example.org/news/minister-in-vienna"),
                fp(SOURCE_INDEPENDENT)
            )
            .is_empty(),
        "an independent report of the day names nobody"
    );
    assert!(
        index
            .insert(
                "other",
                Some("2025-08-23"),
                Some("https://example.net/odesa-schools"),
                fp(SOURCE_OTHER_STORY)
            )
            .is_empty(),
        "another story of the same outlet shares too few words"
    );
    let links = index.insert(
        "retold",
        Some("2025-08-23"),
        Some("https://example.com/politics/2025/08/23/guarantees-in-a-week/"),
        fp(SOURCE_RETELLING),
    );
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(
        (links[0].article.as_str(), links[0].duplicate_of.as_str()),
        ("retold", "story")
    );
    assert_eq!(links[0].kind, LinkKind::Rewrite);
    assert_eq!(links[0].reason, Some(LinkReason::NamesPublisher));
    assert!(links[0].similarity >= p.publisher_containment);
    assert!(
        links[0].similarity < p.retelling_containment,
        "the fifth tier alone would not link it: {}",
        links[0].similarity
    );
    // The original arriving after its retelling is linked the same way (the retelling names
    // the new article's publisher).
    let mut reverse = with_background();
    reverse.insert("retold", Some("2025-08-23"), None, fp(SOURCE_RETELLING));
    let links = reverse.insert("story", Some("2025-08-22"), Some(story), fp(SOURCE_STORY));
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(links[0].duplicate_of, "story");
    // A week apart, it is not: a retelling follows the report within two days.
    let mut later = with_background();
    later.insert("story", Some("2025-08-22"), Some(story), fp(SOURCE_STORY));
    assert!(
        later
            .insert("retold", Some("2025-08-29"), None, fp(SOURCE_RETELLING))
            .is_empty()
    );
    // The outlet naming itself ("Suspilne reports" on suspilne.media) names no source.
    let own = fp(SOURCE_OTHER_STORY);
    assert_eq!(own.sources, vec![sources::outlet_key("suspilne")]);
    assert!(cited_sources(&own, Some(sources::outlet_key("suspilne"))).is_empty());
}

#[test]
fn a_retelling_crediting_a_site_outside_the_list_is_linked_to_the_site_s_page() {
    // An aggregator's credit line names a portal the news-source list does not know; the
    // portal's page is known by its address's registrable name ("kurierportal").
    let p = DedupeParams::default();
    let fp = anchored(p);
    let story = SOURCE_STORY.replace("told Suspilne", "said");
    let retold = SOURCE_RETELLING.replace("According to Suspilne, which cites", "Citing")
        + "\nŹr. Kurierportal";
    let mut index = DedupeIndex::new(p);
    let at = "https://wiadomosci.kurierportal.pl/swiat/news-doradcy,nId,7";
    index.insert("story", Some("2025-08-22"), Some(at), fp(&story));
    let links = index.insert("retold", Some("2025-08-23"), None, fp(&retold));
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(links[0].reason, Some(LinkReason::NamesPublisher));
    // Without the credit line the words alone are too few for the other tiers.
    let uncredited = SOURCE_RETELLING.replace("According to Suspilne, which cites", "Citing");
    let mut index = DedupeIndex::new(p);
    index.insert("story", Some("2025-08-22"), Some(at), fp(&story));
    assert!(
        index
            .insert("retold", Some("2025-08-23"), None, fp(&uncredited))
            .is_empty()
    );
}

#[test]
fn a_new_ledger_links_a_retelling_from_its_first_two_articles() {
    // No other article indexed: every word is in every article so far, so rarity alone would
    // weigh all words 0.
    let p = DedupeParams::default();
    let fp = anchored(p);
    let mut index = DedupeIndex::new(p);
    index.insert(
        "story",
        Some("2025-08-22"),
        Some("https://suspilne.media/1096994-advisers-agree-to-finish-the-draft/"),
        fp(SOURCE_STORY),
    );
    let links = index.insert("retold", Some("2025-08-23"), None, fp(SOURCE_RETELLING));
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(links[0].duplicate_of, "story");
    assert!(links[0].similarity > 0.0);
}

#[test]
fn every_link_reason_reads_back_and_says_why() {
    for r in link::ALL_REASONS {
        assert_eq!(LinkReason::parse(r.as_str()), Some(r));
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(json, format!("\"{}\"", r.as_str()));
        assert!(!r.describe().is_empty());
    }
    assert_eq!(LinkReason::parse("because"), None);
}

/// Two retellings of one agency report, by two outlets that both name the agency: the same
/// facts in the same words, sentences reordered and rephrased (no quotation, no figures).
const WIRE_RETELLING_A: &str = "Norway is ready to send naval officers and mine clearance divers to the Black Sea mission once a ceasefire holds, Reuters reported on Tuesday, citing two officials in Oslo. The officials said the government would also finance training of Ukrainian engineers and offer logistics support from its northern bases. Parliament must still approve the deployment, and the defence committee meets next week. Sweden and Denmark are weighing similar offers, according to the report.";
const WIRE_RETELLING_B: &str = "Norway stands ready to send naval officers and mine clearance divers to a Black Sea mission as soon as a ceasefire holds, two officials in Oslo told Reuters. The government also plans to finance training of Ukrainian engineers and to offer logistics help from bases in the north, they said. Parliament still has to approve the deployment; its defence committee convenes next week. Stockholm and Copenhagen are considering comparable offers, the agency said, without naming its sources in those capitals.";
/// A report of the same day that cites the agency on another point, in its own words.
const WIRE_INDEPENDENT: &str = "Ukraine's navy said on Tuesday that Russian drones attacked the port of Izmail overnight, damaging grain silos and a ferry terminal. The governor of Odesa region reported two injured workers. Reuters could not verify the claims independently. Shipping through the Danube corridor resumed by morning, the navy added, while insurers raised premiums for vessels calling at Ukrainian ports.";

#[test]
fn two_retellings_of_one_named_source_are_linked_and_another_report_citing_it_is_not() {
    let p = DedupeParams::default();
    let fp = anchored(p);
    let reuters = sources::outlet_key("reuters");
    assert_eq!(fp(WIRE_RETELLING_A).sources, vec![reuters]);
    assert_eq!(fp(WIRE_RETELLING_B).sources, vec![reuters]);
    let (a, b) = (fp(WIRE_RETELLING_A), fp(WIRE_RETELLING_B));
    assert!(estimated_jaccard(&a, &b) < p.near_threshold);
    assert!(
        containment(&a, &b) >= p.shared_source_containment,
        "{}",
        containment(&a, &b)
    );
    // Earlier reports of the mission, a month before: the story's common words are common in
    // the ledger, so the fifth tier's rarity weights do not link the two (its own test covers
    // it); what links them is the source both name.
    let with_background = || {
        let mut index = DedupeIndex::new(p);
        for (i, t) in [
            "Officials in Oslo said the government is ready to finance a Black Sea mission once a ceasefire holds.",
            "Parliament in Oslo must approve any deployment of naval officers, the defence committee said.",
            "Sweden and Denmark are weighing offers of training for Ukrainian engineers and logistics support.",
            "The government said mine clearance divers could join a mission in the Black Sea next week.",
            "Two officials said Norway would offer support from its northern bases to the mission.",
            "The defence committee meets to discuss the ceasefire, training and the deployment of officers.",
        ]
        .iter()
        .enumerate()
        {
            index.insert(&format!("bg{i}"), Some("2025-08-01"), None, fp(t));
        }
        index
    };
    let mut index = with_background();
    index.insert(
        "a",
        Some("2025-09-02"),
        Some("https://example.org/norway-divers"),
        fp(WIRE_RETELLING_A),
    );
    assert!(
        index
            .insert(
                "independent",
                Some("2025-09-02"),
                Some("https://example.net/izmail-port"),
                fp(WIRE_INDEPENDENT)
            )
            .is_empty(),
        "a report of the day citing the agency on another point"
    );
    let links = index.insert(
        "b",
        Some("2025-09-03"),
        Some("https://example.com/world/norway-black-sea"),
        fp(WIRE_RETELLING_B),
    );
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(
        (links[0].article.as_str(), links[0].duplicate_of.as_str()),
        ("b", "a")
    );
    assert_eq!(
        links[0].reason,
        Some(LinkReason::SameNamedSource),
        "{links:?}"
    );
    assert!(links[0].similarity >= p.shared_source_containment);
    // A week later it is a new report, not a retelling of that one.
    let mut later = with_background();
    later.insert("a", Some("2025-09-02"), None, fp(WIRE_RETELLING_A));
    assert!(
        later
            .insert("b", Some("2025-09-09"), None, fp(WIRE_RETELLING_B))
            .is_empty()
    );
    // Without the agency's name in one of them, the tier does not compare them.
    let unnamed = WIRE_RETELLING_B.replace("told Reuters", "said");
    let unnamed = unnamed.replace("the agency said", "they added");
    assert!(fp(&unnamed).sources.is_empty());
    let mut plain = with_background();
    plain.insert("a", Some("2025-09-02"), None, fp(WIRE_RETELLING_A));
    let links = plain.insert("b", Some("2025-09-03"), None, fp(&unnamed));
    assert!(
        links
            .iter()
            .all(|l| l.reason != Some(LinkReason::SameNamedSource)),
        "{links:?}"
    );
}

/// Own text for the eighth tier across languages: a German retelling of [`SHORT_STORY`] that
/// names its publisher and adds a paragraph of its own, so that the sixth tier does not link it.
const SHORT_RETOLD_IN_GERMAN: &str = "Wie Suspilne berichtet, traf Healey Pistorius am Montag in Berlin. Healey sagte, Großbritannien werde 12 Minenjagdboote schicken, und Pistorius sagte, Deutschland werde 4 Fregatten beisteuern. Tusk sagte, Polen werde das Hauptquartier beherbergen. Selenskyj dankte Healey und Pistorius. Zuvor hatten Macron und Merz in Paris mit Meloni, Sánchez und Frederiksen über 26 Staaten und 30 Flugzeuge gesprochen.";

#[test]
fn a_translation_naming_the_original_publisher_is_linked_by_the_order_of_its_names() {
    let p = DedupeParams::default();
    let fp = anchored(p);
    let story_url = Some("https://suspilne.media/1100000-healey-and-pistorius-in-berlin/");
    let retold = fp(SHORT_RETOLD_IN_GERMAN);
    let story = fp(SHORT_STORY);
    let common = longest_common_subsequence(&story.sequence, &retold.sequence);
    let similarity = sequence_similarity(common, &story.sequence, &retold.sequence);
    assert!(
        similarity >= p.publisher_sequence_similarity && similarity < p.sequence_short_similarity,
        "between the two tiers: {common} in common, similarity {similarity}"
    );
    let mut index = DedupeIndex::new(p);
    index.insert("story", Some("2025-09-01"), story_url, story.clone());
    let own = index.insert("own", Some("2025-09-01"), None, fp(SHORT_INDEPENDENT));
    assert!(own.is_empty(), "{own:?}");
    // An independent report naming the publisher too, but its facts in its own order.
    let cites = format!("As Suspilne reported, {SHORT_INDEPENDENT}");
    let mut apart = DedupeIndex::new(p);
    apart.insert("story", Some("2025-09-01"), story_url, story.clone());
    let own = apart.insert("cites", Some("2025-09-01"), None, fp(&cites));
    assert!(own.is_empty(), "{own:?}");
    let links = index.insert("de", Some("2025-09-02"), None, retold);
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(links[0].duplicate_of, "story");
    assert_eq!(links[0].reason, Some(LinkReason::TranslatesPublisher));
    // Without naming the publisher, the same text is not linked: the order alone is not enough.
    let unnamed = SHORT_RETOLD_IN_GERMAN.replace("Wie Suspilne berichtet, traf", "Am Montag traf");
    let mut index = DedupeIndex::new(p);
    index.insert("story", Some("2025-09-01"), story_url, story);
    let links = index.insert("de", Some("2025-09-02"), None, fp(&unnamed));
    assert!(links.is_empty(), "{links:?}");
}
