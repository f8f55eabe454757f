//! Closed vocabularies of the scenario format: the words a field accepts, each defined once.
//!
//! A vocabulary is an enum whose variants carry the word a user writes, a description (the doc
//! comment, which is also what an editor shows when it completes the word from `guarantor
//! schema`) and, for requirement methods and distributions, the parameters the word takes. The
//! loader parses with the `parse` generated here ([`Vocabulary::parse`]) and reports an unknown
//! word with the list of known ones, so a new word is one variant in one place; every `match` on
//! the enum is exhaustive, so the compiler then names each place that must handle it.
//!
//! This module does not define what a word means for the assessment (the engine does), nor the
//! open vocabularies that a scenario may extend (capabilities, site kinds, alliances).

/// Defines a closed vocabulary: a `Copy` enum that serialises as the written word, with
/// `NAMES`, `ALL`, `name`, `parse` and, when variants list parameters, `parameters`.
///
/// The doc comment of each variant is its description in the JSON Schema, so every variant must
/// have one.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $Name:ident {
            $(
                $(#[doc = $doc:literal])+
                $Variant:ident = $word:literal $( ( $($param:literal),* ) )?
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
            serde::Serialize, schemars::JsonSchema,
        )]
        pub enum $Name {
            $(
                $(#[doc = $doc])+
                #[serde(rename = $word)]
                $Variant,
            )+
        }

        impl $Name {
            /// Every word, in the order of the definition (the order diagnostics list them in).
            pub const NAMES: [&'static str; [$($word),+].len()] = [$($word),+];

            /// Every variant, in the order of [`Self::NAMES`].
            pub const ALL: [Self; [$($word),+].len()] = [$(Self::$Variant),+];

            /// The word as written in a scenario and in JSON output.
            pub fn name(self) -> &'static str {
                match self {
                    $(Self::$Variant => $word,)+
                }
            }

            /// The variant a word names, or `None` for a word outside the vocabulary.
            pub fn parse(word: &str) -> Option<Self> {
                match word {
                    $($word => Some(Self::$Variant),)+
                    _ => None,
                }
            }

            /// The parameters the word takes, in the order a user is told them.
            pub fn parameters(self) -> &'static [&'static str] {
                match self {
                    $(Self::$Variant => &[$($($param),*)?],)+
                }
            }
        }

        impl $crate::vocabulary::Vocabulary for $Name {
            const WORDS: &'static [&'static str] = &Self::NAMES;

            fn parse(word: &str) -> Option<Self> {
                Self::parse(word)
            }
        }

        impl std::fmt::Display for $Name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

pub(crate) use vocabulary;

/// What every vocabulary offers, so a check can be written once for all of them (the
/// `[guarantee]` attributes share one).
pub trait Vocabulary: Sized + Copy + 'static {
    /// Every word, in the order of the definition.
    const WORDS: &'static [&'static str];

    /// The variant a word names, or `None` for a word outside the vocabulary.
    fn parse(word: &str) -> Option<Self>;
}

/// The words of a vocabulary as a user reads them in a hint: "`a`, `b`, `c` or `d`".
pub fn one_of(names: &[&str]) -> String {
    prose(names, "or")
}

/// The words of a vocabulary as a user reads them in a list: "`a`, `b`, `c` and `d`".
pub fn all_of(names: &[&str]) -> String {
    prose(names, "and")
}

fn prose(names: &[&str], conjunction: &str) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {conjunction} {last}", rest.join(", ")),
    }
}

/// Parameters as a user reads them: "`a`, `b`" or "`a` and `b`", joined by `sep`.
pub fn listed(names: &[&str], sep: &str) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(sep)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Distribution, DistributionKind, Method, MethodKind, Status};

    #[test]
    fn words_round_trip() {
        for status in Status::ALL {
            assert_eq!(Status::parse(status.name()), Some(status));
        }
        for kind in MethodKind::ALL {
            assert_eq!(MethodKind::parse(&kind.to_string()), Some(kind));
        }
        assert_eq!(Status::parse("Stated"), None);
        assert_eq!(MethodKind::parse("per_kilometre"), None);
    }

    /// The serialised word is the written word, so JSON output reads like the scenario.
    #[test]
    fn serialised_as_written() {
        for kind in DistributionKind::ALL {
            assert_eq!(
                serde_json::to_value(kind).unwrap(),
                serde_json::json!(kind.name())
            );
        }
    }

    /// Each data-carrying method and distribution reports the word whose parameters it holds.
    #[test]
    fn kinds_of_values() {
        let m = Method::Fixed { amount: 1.0 };
        assert_eq!(m.kind(), MethodKind::Fixed);
        assert_eq!(m.kind().parameters(), ["amount"]);
        let d = Distribution::Triangular {
            low: 0.0,
            mode: 1.0,
            high: 2.0,
        };
        assert_eq!(d.kind().parameters(), ["low", "mode", "high"]);
    }

    #[test]
    fn lists_read_as_prose() {
        assert_eq!(one_of(&["a"]), "`a`");
        assert_eq!(one_of(&["a", "b", "c"]), "`a`, `b` or `c`");
        assert_eq!(all_of(&["a", "b"]), "`a` and `b`");
        assert_eq!(listed(&["a", "b"], " and "), "`a` and `b`");
    }
}
