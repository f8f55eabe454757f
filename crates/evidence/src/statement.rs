//! The vocabulary of the ledger: stances, modality, quantities and the statement record.
//!
//! Plain data with serde names that are part of the JSON contract of `guarantor evidence`;
//! no extraction logic lives here.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What an actor says about a capability: the verbs of the evidence ledger's statements, from an
/// offer or a commitment to a refusal.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    Offers,
    Commits,
    Considers,
    Demands,
    RulesOut,
    Rejects,
    Opposes,
    Supports,
    Doubts,
}

/// Whether a stance is for or against the capability being provided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Polarity {
    For,
    Against,
}

impl Stance {
    pub const ALL: [Stance; 9] = [
        Stance::Offers,
        Stance::Commits,
        Stance::Considers,
        Stance::Demands,
        Stance::RulesOut,
        Stance::Rejects,
        Stance::Opposes,
        Stance::Supports,
        Stance::Doubts,
    ];

    /// The name used in JSON, the database and the CLI (`rules_out`).
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Offers => "offers",
            Stance::Commits => "commits",
            Stance::Considers => "considers",
            Stance::Demands => "demands",
            Stance::RulesOut => "rules_out",
            Stance::Rejects => "rejects",
            Stance::Opposes => "opposes",
            Stance::Supports => "supports",
            Stance::Doubts => "doubts",
        }
    }

    /// Parses a stance name.
    pub fn parse(name: &str) -> Option<Stance> {
        Stance::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// For or against: offers, commits, considers, demands and supports are for;
    /// rules_out, rejects, opposes and doubts are against.
    pub fn polarity(self) -> Polarity {
        match self {
            Stance::Offers
            | Stance::Commits
            | Stance::Considers
            | Stance::Demands
            | Stance::Supports => Polarity::For,
            Stance::RulesOut | Stance::Rejects | Stance::Opposes | Stance::Doubts => {
                Polarity::Against
            }
        }
    }
}

/// Asserted, or hedged by a modal, a conditional or an adverb of doubt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    Asserted,
    Hedged,
}

impl Modality {
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Hedged => "hedged",
        }
    }

    pub fn parse(name: &str) -> Option<Modality> {
        match name {
            "asserted" => Some(Modality::Asserted),
            "hedged" => Some(Modality::Hedged),
            _ => None,
        }
    }
}

/// How the statement is sourced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AttributionKind {
    /// A named person or body said it.
    Named,
    /// An unnamed source ("a senior diplomat", "people familiar with the matter").
    Anonymous,
    /// The outlet reports it without naming a speaker.
    Reported,
}

impl AttributionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AttributionKind::Named => "named",
            AttributionKind::Anonymous => "anonymous",
            AttributionKind::Reported => "reported",
        }
    }

    pub fn parse(name: &str) -> Option<AttributionKind> {
        match name {
            "named" => Some(AttributionKind::Named),
            "anonymous" => Some(AttributionKind::Anonymous),
            "reported" => Some(AttributionKind::Reported),
            _ => None,
        }
    }
}

/// A number mentioned with the statement ("as many as 150,000 military personnel").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Quantity {
    /// The value, or the lower bound of a range; `None` for vague amounts ("hundreds").
    pub value: Option<f64>,
    /// Upper bound of a range ("10,000-30,000"), if any.
    pub upper: Option<f64>,
    /// The noun counted ("troops", "nations", "%"), if any.
    pub unit: Option<String>,
    /// The words as written.
    pub text: String,
}

/// One ledger row: who said what about which capability, where, when, on whose authority.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Statement {
    /// Stable id: `<article id>#<sentence index>.<capability>`; scenarios cite it.
    pub id: String,
    /// The article's id.
    pub article: String,
    /// ISO 3166 alpha-3 code for states, canonical name for people and organisations.
    pub actor: String,
    pub capability: String,
    pub stance: Stance,
    pub modality: Modality,
    pub quantity: Option<Quantity>,
    /// The speaker: canonical name, anonymous description, or `None` when the outlet reports it.
    pub attributed_to: Option<String>,
    pub attribution: AttributionKind,
    /// The quoted words, or the sentence when nothing is in quotation marks.
    pub quote: String,
    /// Byte offsets of `quote` in the article's cleaned text.
    pub quote_start: usize,
    pub quote_end: usize,
    /// Publication date `YYYY-MM-DD`, if known.
    pub date: Option<String>,
    pub outlet: Option<String>,
    /// Index of the sentence in the cleaned text.
    pub sentence: usize,
    /// How the statement was found: `None` when the rules found it (a target and a stance cue
    /// of the lexicon in one clause), else the article-level claim model's probability that the
    /// article states its (target, stance) (`claim_model`), rounded to 0.01. Such claims are
    /// stated from 0.25 (0.5 in English), and the lower this is, the less often they are right
    /// (docs/evidence.md, "How sure a statement is"): a reader can weigh or filter them.
    #[serde(default)]
    pub probability: Option<f64>,
}

/// The classifier probability from which a statement is firm ([`Statement::is_firm`]).
///
/// A judgement from the precision of claims by source (docs/evidence.md, "How sure a statement
/// is"): the rules' claims are right about half the time (0.45 on the test split, 0.51 held out
/// on dev), the classifier's from 0.5 as often or more (0.50 to 0.62, 0.47 to 0.67), those below
/// it less (0.34 to 0.49, 0.29 to 0.35).
pub const FIRM_PROBABILITY: f64 = 0.5;

impl Statement {
    /// Whether the statement is as sure as the rules' statements: found by the rules, or by the
    /// classifier with a probability of at least [`FIRM_PROBABILITY`]. Only firm statements make
    /// an actor's position, a disagreement between sources or a contradiction of a scenario
    /// entry; the others stay in the ledger, its history and the candidates a reader may cite.
    pub fn is_firm(&self) -> bool {
        self.probability.is_none_or(|p| p >= FIRM_PROBABILITY)
    }

    /// How sure the statement is, for ordering the statements of one sentence: the rules' above
    /// any classifier probability, in hundredths.
    pub fn certainty(&self) -> u8 {
        self.probability
            .map_or(u8::MAX, |p| (p * 100.0).round().clamp(0.0, 100.0) as u8)
    }
}
