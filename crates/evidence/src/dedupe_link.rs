//! The links of [`super`]: what kind of relation two articles have (a copy or a rewrite), which
//! tier found it, in words for a reader, and the link itself as stored.

use serde::{Deserialize, Serialize};

/// The kind of link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    NearDuplicate,
    Rewrite,
}

impl LinkKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::NearDuplicate => "near_duplicate",
            LinkKind::Rewrite => "rewrite",
        }
    }

    pub fn parse(s: &str) -> Option<LinkKind> {
        match s {
            "near_duplicate" => Some(LinkKind::NearDuplicate),
            "rewrite" => Some(LinkKind::Rewrite),
            _ => None,
        }
    }
}

/// Which tier made a link, so that a reader can judge it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkReason {
    /// First tier: most word 5-shingles in common.
    SharedShingles,
    /// Second tier: a verbatim quotation and most content words.
    SharedQuotation,
    /// Third tier: the rare names and at least four figures.
    SharedAnchors,
    /// Fourth tier: one headline slug in the two addresses.
    SameHeadlineSlug,
    /// Fifth tier: most rare words.
    SharedRareWords,
    /// Sixth tier: the names and figures in the same order.
    SameAnchorOrder,
    /// Seventh tier: one text cut at another length.
    SameExcerpt,
    /// Eighth tier: one names the outlet that published the other.
    NamesPublisher,
    /// Eighth tier: both name one outlet as their source and share most of their words.
    SameNamedSource,
    /// Eighth tier, across languages: one names the outlet that published the other, and they
    /// name the same people, states and figures in the same order.
    TranslatesPublisher,
    /// Ninth tier: most sentences of one retold in the other's order, in other words.
    SameSentences,
}

impl LinkReason {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkReason::SharedShingles => "shared_shingles",
            LinkReason::SharedQuotation => "shared_quotation",
            LinkReason::SharedAnchors => "shared_anchors",
            LinkReason::SameHeadlineSlug => "same_headline_slug",
            LinkReason::SharedRareWords => "shared_rare_words",
            LinkReason::SameAnchorOrder => "same_anchor_order",
            LinkReason::SameExcerpt => "same_excerpt",
            LinkReason::NamesPublisher => "names_publisher",
            LinkReason::SameNamedSource => "same_named_source",
            LinkReason::TranslatesPublisher => "translates_publisher",
            LinkReason::SameSentences => "same_sentences",
        }
    }

    pub fn parse(s: &str) -> Option<LinkReason> {
        ALL_REASONS.into_iter().find(|r| r.as_str() == s)
    }

    /// What the two articles have in common, for a reader: "they share most of their word
    /// sequences", completing "u010 is a rewrite of u009: ...".
    pub fn describe(self) -> &'static str {
        match self {
            LinkReason::SharedShingles => "they share most of their word sequences",
            LinkReason::SharedQuotation => {
                "they share a quotation of 8 words or more and most of their words"
            }
            LinkReason::SharedAnchors => "they share their rarer names and at least 4 figures",
            LinkReason::SameHeadlineSlug => "their addresses have the same headline",
            LinkReason::SharedRareWords => "they share most of their rarer words",
            LinkReason::SameAnchorOrder => {
                "they name the same people, states and figures in the same order"
            }
            LinkReason::SameExcerpt => "one is a longer or shorter excerpt of the other's text",
            LinkReason::NamesPublisher => {
                "one names the other's publisher as its source, and they share words"
            }
            LinkReason::SameNamedSource => {
                "both name the same outlet as their source, and they share most of their words"
            }
            LinkReason::TranslatesPublisher => {
                "one names the other's publisher as its source, and they name the same people, states and figures in the same order"
            }
            LinkReason::SameSentences => {
                "most sentences of one retell the other's, in the same order and in other words"
            }
        }
    }
}

pub(super) const ALL_REASONS: [LinkReason; 11] = [
    LinkReason::SharedShingles,
    LinkReason::SharedQuotation,
    LinkReason::SharedAnchors,
    LinkReason::SameHeadlineSlug,
    LinkReason::SharedRareWords,
    LinkReason::SameAnchorOrder,
    LinkReason::SameExcerpt,
    LinkReason::NamesPublisher,
    LinkReason::SameNamedSource,
    LinkReason::TranslatesPublisher,
    LinkReason::SameSentences,
];

/// `article` copies or rewrites `duplicate_of`, with `similarity` in 0..=1 (estimated Jaccard for
/// near duplicates, word containment for rewrites).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DuplicateLink {
    pub article: String,
    pub duplicate_of: String,
    pub similarity: f64,
    pub kind: LinkKind,
    /// The tier that made the link; `None` for links stored before it was recorded (schema
    /// version 5).
    #[serde(default)]
    pub reason: Option<LinkReason>,
}
