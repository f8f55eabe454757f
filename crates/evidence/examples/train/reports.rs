//! The diagnostic reports of the train example (`--confusion`, `--dump`, `--curve`), apart from
//! the training and the cross-validation they read.

use super::*;

/// At the shipped threshold: for a gold claim missed whose target was predicted with other
/// stances, which ones (gold -> predicted); targets missed or predicted where the gold has none;
/// with `--dump`, every candidate with its probability beside the article's gold.
pub(super) fn confusion(items: &[Item], scored: &[Vec<(f32, ClaimSummary)>]) {
    let mut conf: BTreeMap<(Stance, Stance), usize> = BTreeMap::new();
    let mut missed_by_target: BTreeMap<String, usize> = BTreeMap::new();
    let mut extra_by_target: BTreeMap<String, usize> = BTreeMap::new();
    let dump = std::env::args().any(|a| a == "--dump");
    for (i, sc) in items.iter().zip(scored) {
        let pred = stated_as_shipped(sc, &i.lang);
        for (gt, gs) in i.gold.difference(&pred) {
            let others: Vec<Stance> = pred
                .iter()
                .filter(|(t, _)| t == gt)
                .map(|(_, s)| *s)
                .collect();
            if others.is_empty() {
                *missed_by_target.entry(gt.clone()).or_default() += 1;
            }
            for o in others {
                *conf.entry((*gs, o)).or_default() += 1;
            }
        }
        let gold_targets: BTreeSet<&str> = i.gold.iter().map(|(t, _)| t.as_str()).collect();
        let pred_targets: BTreeSet<&str> = pred.iter().map(|(t, _)| t.as_str()).collect();
        for t in pred_targets.difference(&gold_targets) {
            *extra_by_target.entry(t.to_string()).or_default() += 1;
        }
        if dump {
            let gold: Vec<String> = i
                .gold
                .iter()
                .map(|(t, s)| format!("{t}/{}", s.as_str()))
                .collect();
            println!("DUMP {} {}\n  gold {}", i.lang, i.id, gold.join(" "));
            for (p, c) in sc {
                println!(
                    "  {:.2} {}/{} best {:.2} at #{} ruled {} {}",
                    p,
                    c.target,
                    c.stance.as_str(),
                    c.best,
                    c.best_at,
                    c.ruled,
                    i.texts
                        .get(c.best_at)
                        .map(|t| t.replace('\n', " "))
                        .unwrap_or_default()
                );
            }
        }
    }
    println!(
        "missed gold claims whose target was not predicted at all: {} {missed_by_target:?}",
        missed_by_target.values().sum::<usize>()
    );
    println!("targets predicted where the gold has none: {extra_by_target:?}");
    let mut v: Vec<_> = conf.into_iter().collect();
    v.sort_by_key(|b| std::cmp::Reverse(b.1));
    for ((g, p), n) in v.iter().take(25) {
        println!("  gold {:<10} predicted {:<10} {n}", g.as_str(), p.as_str());
    }
}

/// Dev cross-validation with each fold's model trained on a share of its training stories (the
/// same stories at every share): whether more annotated dev data of this kind would still help.
pub(super) fn learning_curve(items: &[Item], params: TrainParams) {
    // A second hash of the story, independent of its fold.
    let kept = |share: u64| {
        move |i: &Item| {
            guarantor_evidence::text::stable_hash(format!("share {}", i.story).as_bytes()) % 100
                < share
        }
    };
    for share in [25u64, 50, 75, 100] {
        let cands = out_of_fold(items, params, kept(share));
        // The claim models learn from the kept stories' candidates only.
        let scored = held_out_claims(items, &cands, kept(share));
        let (mut all, mut non_en) = (C::default(), C::default());
        for (i, sc) in items.iter().zip(&scored) {
            let pred = stated_as_shipped(sc, &i.lang);
            score(&pred, &i.gold, &mut all);
            if i.lang != "en" {
                score(&pred, &i.gold, &mut non_en);
            }
        }
        println!(
            "  {share:>3}% of the training stories: shipped {}  non-en F1 {:.3}",
            all.line(),
            non_en.f1()
        );
    }
}
