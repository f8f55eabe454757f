//! A learned choice of whose a statement is, among the parties its sentence and article offer.
//!
//! The attribution rules (`extract_actors.rs`) pick one party per statement by grammar: the
//! clause's subject, else the speaker's state, else the first actor of the sentence, else the
//! party of the last statement. Each rule is right more often than not, but which one to trust
//! depends on things the rules weigh by hand: a speaker reporting another state's offer
//! ("Zelensky said America agrees to provide guarantees"), Ukraine named as the guarantees'
//! place or beneficiary, a subject three clauses from the verb. This model scores every
//! candidate party of a statement (the rules' choice, each party the sentence names, the
//! speaker's state, the last statement's party, the last person's state, the publishing
//! government) by a linear function of binary features of its role (see
//! `extract_actor_choice.rs`) and takes the best; the rules' choice is one of the features, so
//! the model departs from it only where the corpus shows the rules wrong.
//!
//! Trained as a softmax ranker over each statement's candidates, on the dev split's statements
//! whose (target, stance) the gold holds and whose gold party is among the candidates
//! (`examples/train_actors.rs`). The weights ship in `data/evidence-actor-model.txt`: a header,
//! then one `w ID WEIGHT` line per hashed feature id. It holds no text of any article.

use std::sync::{Arc, LazyLock};

use crate::model::EpochOrder;
use crate::text::FastMap;

/// The model shipped with Guarantor (see the file's header for how it was trained).
pub const DEFAULT_ACTOR_MODEL_TXT: &str = include_str!("../../../data/evidence-actor-model.txt");

/// The shipped model, parsed once per process (`None` when the file holds no weights).
pub fn default_actor_model() -> Option<Arc<ActorModel>> {
    static MODEL: LazyLock<Option<Arc<ActorModel>>> = LazyLock::new(|| {
        // Embedded at build time and parsed by a unit test: failure means no model.
        ActorModel::from_text(DEFAULT_ACTOR_MODEL_TXT)
            .ok()
            .filter(|m| !m.weights.is_empty())
            .map(Arc::new)
    });
    MODEL.clone()
}

/// One statement's candidates for training: each candidate's features, and whether the gold
/// gives the statement's claim to it.
#[derive(Debug, Clone)]
pub struct ActorExample {
    pub candidates: Vec<Vec<u32>>,
    pub right: Vec<bool>,
}

/// Settings of training.
#[derive(Debug, Clone, Copy)]
pub struct ActorTrainParams {
    pub epochs: usize,
    pub learning_rate: f32,
    pub l2: f32,
}

impl Default for ActorTrainParams {
    /// Chosen by cross-validation within dev (`train_actors -- --cv`; see docs/evidence.md).
    fn default() -> Self {
        ActorTrainParams {
            epochs: 10,
            learning_rate: 0.1,
            l2: 1e-4,
        }
    }
}

/// Linear scores over hashed binary features of a candidate party.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActorModel {
    weights: FastMap<u32, f32>,
    /// The first candidate (the rules' choice) is kept unless another scores this much more.
    pub margin: f32,
    /// The header lines of the weights file (how it was trained).
    pub header: Vec<String>,
}

impl ActorModel {
    /// A candidate's score.
    pub fn score(&self, features: &[u32]) -> f32 {
        features.iter().filter_map(|f| self.weights.get(f)).sum()
    }

    /// The index of the best candidate; the first (the rules' choice) unless another scores
    /// [`ActorModel::margin`] more, and the first of equal ones. `None` without candidates.
    pub fn choose(&self, candidates: &[Vec<u32>]) -> Option<usize> {
        let mut best: Option<(usize, f32)> = None;
        for (i, c) in candidates.iter().enumerate() {
            let s = self.score(c) - if i == 0 { 0.0 } else { self.margin };
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((i, s));
            }
        }
        best.map(|(i, _)| i)
    }

    /// Trains a softmax ranker: for each example, the probability of a candidate is the
    /// softmax of the scores, and the loss is the negative log of the probability of the right
    /// ones. Stochastic gradient descent with L2 shrinkage, in a fixed order seeded by `seed`,
    /// so the same examples give the same weights. Examples without a right candidate, or
    /// with only right ones, teach nothing and are skipped.
    pub fn train(examples: &[ActorExample], params: ActorTrainParams, seed: u64) -> ActorModel {
        let usable: Vec<&ActorExample> = examples
            .iter()
            .filter(|e| e.right.iter().any(|r| *r) && e.right.iter().any(|r| !*r))
            .collect();
        let mut w: FastMap<u32, f32> = FastMap::default();
        let mut order = EpochOrder::new(usable.len(), seed);
        for epoch in 0..params.epochs {
            let lr = params.learning_rate / (1.0 + epoch as f32 * 0.5);
            for &i in order.shuffle() {
                let e = usable[i];
                let scores: Vec<f32> = e
                    .candidates
                    .iter()
                    .map(|c| c.iter().filter_map(|f| w.get(f)).sum())
                    .collect();
                let top = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                let exp: Vec<f32> = scores.iter().map(|s| (s - top).exp()).collect();
                let z: f32 = exp.iter().sum();
                let right = e.right.iter().filter(|r| **r).count() as f32;
                for ((c, x), r) in e.candidates.iter().zip(&exp).zip(&e.right) {
                    let g = x / z - if *r { 1.0 / right } else { 0.0 };
                    for f in c {
                        let v = w.entry(*f).or_insert(0.0);
                        *v -= lr * (g + params.l2 * *v);
                    }
                }
            }
        }
        ActorModel {
            margin: 0.0,
            weights: w
                .into_iter()
                .map(|(f, x)| (f, (x * 1000.0).round() / 1000.0))
                .filter(|(_, x)| *x != 0.0)
                .collect(),
            header: Vec::new(),
        }
    }

    /// The weights file: `#` header lines, then one `w ID WEIGHT` line per feature id (hex), in
    /// id order.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for h in &self.header {
            out.push_str("# ");
            out.push_str(h);
            out.push('\n');
        }
        out.push_str(&format!("margin {}\n", self.margin));
        let mut ids: Vec<(&u32, &f32)> = self.weights.iter().collect();
        ids.sort_unstable_by_key(|(id, _)| **id);
        for (id, x) in ids {
            out.push_str(&format!("w {id:x} {x}\n"));
        }
        out
    }

    /// Parses a weights file written by [`ActorModel::to_text`].
    ///
    /// # Errors
    /// A message naming the line that does not parse.
    pub fn from_text(text: &str) -> Result<ActorModel, String> {
        let mut m = ActorModel::default();
        for (n, line) in text.lines().enumerate() {
            let bad = || format!("line {}: cannot parse `{line}`", n + 1);
            if let Some(h) = line.strip_prefix('#') {
                m.header.push(h.trim().to_string());
                continue;
            }
            let mut parts = line.split_whitespace();
            match parts.next() {
                None => {}
                Some("margin") => {
                    m.margin = parts.next().and_then(|x| x.parse().ok()).ok_or_else(bad)?;
                }
                Some("w") => {
                    let id = parts
                        .next()
                        .and_then(|x| u32::from_str_radix(x, 16).ok())
                        .ok_or_else(bad)?;
                    let x: f32 = parts.next().and_then(|x| x.parse().ok()).ok_or_else(bad)?;
                    if parts.next().is_some() || m.weights.insert(id, x).is_some() {
                        return Err(bad());
                    }
                }
                Some(_) => return Err(bad()),
            }
        }
        Ok(m)
    }

    /// Number of stored weights.
    pub fn weight_count(&self) -> usize {
        self.weights.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Candidates with features "subject" (1) or "object" (2), plus noise feature 3 on both:
    /// the subject is always right, so the model learns to choose it whatever the order.
    #[test]
    fn learns_to_prefer_a_feature_and_round_trips() {
        let examples: Vec<ActorExample> = (0..40)
            .map(|i| {
                let subject = vec![1, 3];
                let object = vec![2, 3];
                if i % 2 == 0 {
                    ActorExample {
                        candidates: vec![object, subject],
                        right: vec![false, true],
                    }
                } else {
                    ActorExample {
                        candidates: vec![subject, object],
                        right: vec![true, false],
                    }
                }
            })
            .collect();
        let m = ActorModel::train(&examples, ActorTrainParams::default(), 1);
        assert_eq!(m.choose(&[vec![2, 3], vec![1, 3]]), Some(1));
        assert_eq!(m.choose(&[vec![1], vec![2]]), Some(0));
        assert!(m.score(&[1]) > 0.0 && m.score(&[2]) < 0.0);
        let back = ActorModel::from_text(&m.to_text()).unwrap();
        assert_eq!(back.weights, m.weights);
    }

    #[test]
    fn equal_scores_keep_the_first_candidate_and_none_is_none() {
        let m = ActorModel::default();
        assert_eq!(m.choose(&[vec![5], vec![6]]), Some(0));
        assert_eq!(m.choose(&[]), None);
    }

    #[test]
    fn bad_lines_are_named() {
        assert_eq!(
            ActorModel::from_text("# h\nw zz 1\n").unwrap_err(),
            "line 2: cannot parse `w zz 1`"
        );
        assert!(ActorModel::from_text("w 1 0.5\nw 1 0.2\n").is_err());
        assert!(ActorModel::from_text("v 1 0.5\n").is_err());
    }

    #[test]
    fn shipped_model_parses() {
        ActorModel::from_text(DEFAULT_ACTOR_MODEL_TXT).unwrap();
    }
}
