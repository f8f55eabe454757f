//! The checked `[guarantee]` table: package-level attributes read by the credibility indicators.
//! `None` means the file does not say; the indicators score an unstated attribute as its weakest
//! value and say so.

use serde::Serialize;

use crate::vocabulary::vocabulary;

/// A value with the source it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attribute<T> {
    pub value: T,
    pub source: String,
}

vocabulary! {
    /// The legal form of the commitment.
    pub enum LegalForm {
        /// A treaty ratified by the guarantors' legislatures (North Atlantic Treaty, US-ROK treaty).
        RatifiedTreaty = "ratified_treaty",
        /// A binding agreement signed by governments without ratification (2024 bilateral
        /// agreements).
        ExecutiveAgreement = "executive_agreement",
        /// A political declaration or memorandum (Budapest Memorandum, summit declarations).
        PoliticalDeclaration = "political_declaration",
        /// No commitment in writing.
        None = "none",
    }
}

vocabulary! {
    /// What an armed attack on the protected state triggers.
    pub enum Automaticity {
        /// An obligation to respond (NATO Article 5, US-ROK treaty Article III).
        Automatic = "automatic",
        /// An obligation to consult (within 24 hours, in the 2024 bilateral agreements).
        Consultation = "consultation",
        /// Nothing is owed.
        None = "none",
    }
}

vocabulary! {
    /// How the guarantors' forces are commanded.
    pub enum CommandForm {
        /// A standing combined command (NATO's integrated command structure, ROK-US CFC).
        Integrated = "integrated",
        /// A coordination cell or a lead-nation headquarters.
        Coordination = "coordination",
        /// Each force under national command only.
        None = "none",
    }
}

/// How long the commitment runs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Duration {
    Years(f64),
    OpenEnded,
}

vocabulary! {
    /// The alliance-reliability base rate that applies (rates in `data/credibility-weights.toml`).
    pub enum ReliabilityClass {
        /// Leeds, Long & Mitchell (2000): specific obligations honoured 74.5% of the time.
        SpecificObligation = "specific_obligation",
        /// Berkemeier & Fuhrmann (2018): all alliance commitments, 50%.
        AllAlliances = "all_alliances",
        /// Berkemeier & Fuhrmann (2018): defense pacts, 41%.
        DefensePact = "defense_pact",
        /// Berkemeier & Fuhrmann (2018): commitments invoked after 1945, 22%.
        Post1945 = "post_1945",
    }
}

/// Package-level attributes of the guarantee (`[guarantee]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Guarantee {
    pub legal_form: Option<Attribute<LegalForm>>,
    pub automaticity: Option<Attribute<Automaticity>>,
    pub duration: Option<Attribute<Duration>>,
    pub integrated_command: Option<Attribute<CommandForm>>,
    /// The backing major power's code; `Some` with value `None` when the file says `none`.
    pub backstop: Option<Attribute<Option<String>>>,
    pub reliability_class: Option<Attribute<ReliabilityClass>>,
}

impl Guarantee {
    pub fn is_empty(&self) -> bool {
        *self == Guarantee::default()
    }
}
