//! How the training examples fold the dev split for cross-validation: each article's fold key
//! (its story, or the calendar week of its story) and folds balanced by size. Shared by
//! `train.rs` and `train_actors.rs`, so both hold out the same articles together.

use std::collections::{BTreeMap, HashMap};

use super::evaluation::Corpus;

/// Each article's fold key: its story (articles joined by `near_duplicate_of`, named by the
/// smallest id), or with `by_week` the calendar week of the story's first article, else
/// (dated by month only) the month, else (undated) the story.
pub fn fold_keys(corpus: &Corpus, by_week: bool) -> HashMap<String, String> {
    let mut parent: BTreeMap<String, String> = BTreeMap::new();
    fn root(parent: &BTreeMap<String, String>, x: &str) -> String {
        let mut x = x.to_string();
        while let Some(p) = parent.get(&x) {
            if *p == x {
                break;
            }
            x = p.clone();
        }
        x
    }
    for g in &corpus.gold {
        parent.entry(g.id.clone()).or_insert_with(|| g.id.clone());
        if let Some(o) = &g.near_duplicate_of {
            parent.entry(o.clone()).or_insert_with(|| o.clone());
            let (a, b) = (root(&parent, &g.id), root(&parent, o));
            if a != b {
                let (lo, hi) = if a < b { (a, b) } else { (b, a) };
                parent.insert(hi, lo);
            }
        }
    }
    let dates: HashMap<&str, &str> = corpus
        .articles
        .iter()
        .filter_map(|a| Some((a.id.as_str(), a.date.as_deref()?)))
        .collect();
    corpus
        .articles
        .iter()
        .map(|a| {
            let story = root(&parent, &a.id);
            let date = dates.get(story.as_str()).filter(|_| by_week);
            let week = date
                .and_then(|d| guarantor_model::Date::parse(d.get(..10)?).ok())
                .map(|d| d.days().div_euclid(7));
            let key = match (week, date) {
                (Some(w), _) => format!("week {w}"),
                // A month date: the month is the block.
                (None, Some(d)) => format!("month {d}"),
                _ => story,
            };
            (a.id.clone(), key)
        })
        .collect()
}

/// The fold of each key, given how many articles each holds: the largest first to the fold with
/// the fewest articles so far (weeks are few and of very different sizes: hashing them gave
/// folds of 100 to 250 articles, and the score moved by 0.013 between two hash seeds).
pub fn balanced_folds<'k>(
    sizes: impl IntoIterator<Item = (&'k str, usize)>,
    folds: usize,
) -> HashMap<String, usize> {
    let mut keys: Vec<(&str, usize)> = sizes.into_iter().collect();
    keys.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut load = vec![0usize; folds];
    let mut fold_of = HashMap::new();
    for (key, n) in keys {
        let f = (0..folds).min_by_key(|&f| (load[f], f)).unwrap_or(0);
        load[f] += n;
        fold_of.insert(key.to_string(), f);
    }
    fold_of
}
