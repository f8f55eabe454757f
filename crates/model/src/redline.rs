//! Red-line rules: a small constraint language over the package.
//!
//! A party's red line is written as one sentence that the engine can check:
//!
//! ```text
//! no ground_troops from USA
//! no troops from NATO in theatre
//! at most 5000 ground_troops from anyone in front
//! some ground_troops from USA
//! at least 2 air_defence from USA, DEU
//! ```
//!
//! Grammar (words are separated by spaces; lists by commas or `or`):
//!
//! ```text
//! rule    := quant caps [ "from" parties ] [ "in" place ]
//! quant   := "no" | "some" | "at most" NUMBER | "at least" NUMBER
//! caps    := cap { ("," | "or") cap }     cap: a capability, a group (troops, forces) or "anything"
//! parties := party { ("," | "or") party } party: an ISO 3166 alpha-3 code, an alliance, or "anyone"
//! place   := "theatre" (front or rear) | "front" | "rear" | "outside"
//! ```
//!
//! `no` and `at most` are violated by the pledges that exceed them; `some` and `at least` are
//! violated when too little is pledged. Names are resolved against the scenario here, so an
//! unknown name is a diagnostic pointing into the rule text. Evaluation is the engine's job.

use std::ops::Range;

use serde::Serialize;

use crate::scenario::{CapabilitySet, Location};
use crate::suggest::did_you_mean;
use crate::taxonomy::Taxonomy;
use crate::vocabulary::{all_of, one_of};

/// What the rule bounds.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "limit", rename_all = "snake_case")]
pub enum Bound {
    /// Nothing at all (`no`).
    No,
    /// At most this many units.
    AtMost(f64),
    /// At least this many units (`some` is at least anything above zero).
    AtLeast(f64),
    /// More than zero.
    Some,
}

/// A party named in a rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "name", rename_all = "lowercase")]
pub enum PartyRef {
    State(String),
    /// Every member of the alliance.
    Alliance(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PartySet {
    Anyone,
    Some(Vec<PartyRef>),
}

/// Where the rule applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Place {
    Anywhere,
    /// In the protected state: front or rear.
    Theatre,
    Front,
    Rear,
    Outside,
}

impl Place {
    pub fn contains(self, location: Location) -> bool {
        match self {
            Place::Anywhere => true,
            Place::Theatre => location != Location::Outside,
            Place::Front => location == Location::Front,
            Place::Rear => location == Location::Rear,
            Place::Outside => location == Location::Outside,
        }
    }
}

/// A parsed, resolved red-line rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rule {
    pub bound: Bound,
    pub capabilities: CapabilitySet,
    pub parties: PartySet,
    pub place: Place,
}

/// A problem in a rule, with its byte range inside the rule text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub kind: RuleErrorKind,
    pub span: Range<usize>,
    pub message: String,
    pub help: Option<String>,
}

/// What is wrong with a rule, so a caller can add advice of its own (a contributor's cap, which
/// names no party, says so when a party is unknown) without reading the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleErrorKind {
    /// The words are not in the grammar (a missing number, a stray separator).
    Syntax,
    /// A name that is neither a capability of the taxonomy nor a group.
    UnknownCapability,
    /// A name that is neither a party of the scenario nor an alliance.
    UnknownParty,
    /// A place other than `theatre`, `front`, `rear` or `outside`.
    UnknownPlace,
}

impl RuleError {
    fn kind(self, kind: RuleErrorKind) -> Self {
        RuleError { kind, ..self }
    }
}

/// Names a rule may use, from the scenario it belongs to.
pub struct RuleContext<'a> {
    pub taxonomy: &'a Taxonomy,
    /// Codes of every known party (contributors, declared parties, protected state, adversary).
    pub parties: &'a [String],
    /// Alliances any party declares membership of.
    pub alliances: &'a [String],
}

#[derive(Debug, Clone)]
struct Token<'a> {
    text: &'a str,
    span: Range<usize>,
}

fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, ch) in text.char_indices() {
        if ch.is_whitespace() || ch == ',' {
            if let Some(s) = start.take() {
                tokens.push(Token {
                    text: &text[s..i],
                    span: s..i,
                });
            }
            if ch == ',' {
                tokens.push(Token {
                    text: ",",
                    span: i..i + 1,
                });
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        tokens.push(Token {
            text: &text[s..],
            span: s..text.len(),
        });
    }
    tokens
}

/// The places a rule can name after `in`, each once: the word and the place. `Anywhere` is a rule
/// without `in`.
const PLACES: [(&str, Place); 4] = [
    ("theatre", Place::Theatre),
    ("front", Place::Front),
    ("rear", Place::Rear),
    ("outside", Place::Outside),
];

fn place_words() -> [&'static str; PLACES.len()] {
    PLACES.map(|(word, _)| word)
}

/// Parses and resolves a rule, in the order of the grammar: bound, capabilities, parties, place.
pub fn parse_rule(text: &str, cx: &RuleContext<'_>) -> Result<Rule, RuleError> {
    let mut parser = Parser {
        text,
        tokens: tokenize(text),
        pos: 0,
    };
    if parser.tokens.is_empty() {
        return Err(syntax(
            0..text.len(),
            "empty red-line rule".into(),
            Some("write e.g. `no ground_troops from USA`".into()),
        ));
    }
    let bound = parser.bound()?;
    let capabilities = parser.capabilities(cx)?;
    let parties = parser.parties(cx)?;
    let place = parser.place()?;
    parser.finish()?;
    Ok(Rule {
        bound,
        capabilities,
        parties,
        place,
    })
}

fn syntax(span: Range<usize>, message: String, help: Option<String>) -> RuleError {
    RuleError {
        kind: RuleErrorKind::Syntax,
        span,
        message,
        help,
    }
}

/// The tokens of one rule and how far they have been read.
struct Parser<'a> {
    text: &'a str,
    tokens: Vec<Token<'a>>,
    pos: usize,
}

impl<'a> Parser<'a> {
    /// The empty span at the end of the rule, where a missing word would go.
    fn end(&self) -> Range<usize> {
        self.text.len()..self.text.len()
    }

    fn peek(&self) -> Option<&Token<'a>> {
        self.tokens.get(self.pos)
    }

    /// `no`, `some`, `at most N` or `at least N`.
    fn bound(&mut self) -> Result<Bound, RuleError> {
        let first = &self.tokens[0];
        let bound = match first.text {
            "no" => Bound::No,
            "some" => Bound::Some,
            "at" => match self.tokens.get(1).map(|t| t.text) {
                Some("most") => Bound::AtMost(self.number(2, "at most")?),
                Some("least") => Bound::AtLeast(self.number(2, "at least")?),
                _ => {
                    let span = self.tokens.get(1).map_or(self.end(), |t| t.span.clone());
                    return Err(syntax(
                        span,
                        "expected `most` or `least` after `at`".into(),
                        None,
                    ));
                }
            },
            other => {
                return Err(syntax(
                    first.span.clone(),
                    format!(
                        "a rule starts with `no`, `some`, `at most N` or `at least N`, not `{other}`"
                    ),
                    did_you_mean(other, ["no", "some", "at"])
                        .map(|s| format!("did you mean `{s}`?")),
                ));
            }
        };
        self.pos = match bound {
            Bound::No | Bound::Some => 1,
            Bound::AtMost(_) | Bound::AtLeast(_) => 3,
        };
        Ok(bound)
    }

    /// The number of `at most N` or `at least N`, at token `at`.
    fn number(&self, at: usize, after: &str) -> Result<f64, RuleError> {
        let Some(tok) = self.tokens.get(at) else {
            return Err(syntax(
                self.end(),
                format!("expected a number after `{after}`"),
                None,
            ));
        };
        match tok.text.replace('_', "").parse::<f64>() {
            Ok(n) if n.is_finite() && n >= 0.0 => Ok(n),
            _ => Err(syntax(
                tok.span.clone(),
                format!(
                    "expected a non-negative number after `{after}`, found `{}`",
                    tok.text
                ),
                None,
            )),
        }
    }

    /// Reads items separated by `,` or `or`, up to a word of `stops` (left for the next step) or
    /// the end, handing each item to `item`. Returns whether the list ended on a separator.
    fn list(
        &mut self,
        stops: &[&str],
        expected: &str,
        mut item: impl FnMut(&Token<'a>) -> Result<(), RuleError>,
    ) -> Result<bool, RuleError> {
        let mut expect_item = true;
        while let Some(tok) = self.tokens.get(self.pos).cloned() {
            if stops.contains(&tok.text) {
                break;
            }
            self.pos += 1;
            if tok.text == "," || tok.text == "or" {
                if expect_item {
                    return Err(syntax(tok.span, format!("unexpected `{}`", tok.text), None));
                }
                expect_item = true;
                continue;
            }
            if !expect_item {
                return Err(syntax(
                    tok.span,
                    format!("expected {expected}, found `{}`", tok.text),
                    None,
                ));
            }
            expect_item = false;
            item(&tok)?;
        }
        Ok(expect_item)
    }

    /// Capabilities, groups (expanded to their members) or `anything`, up to `from` or `in`.
    fn capabilities(&mut self, cx: &RuleContext<'_>) -> Result<CapabilitySet, RuleError> {
        let mut caps: Vec<String> = Vec::new();
        let mut any_cap = false;
        let trailing = self.list(&["from", "in"], "`,`, `or`, `from` or `in`", |tok| {
            if tok.text == "anything" {
                any_cap = true;
            } else if cx.taxonomy.get(tok.text).is_some() {
                caps.push(tok.text.to_string());
            } else if let Some(group) = cx.taxonomy.group(tok.text) {
                caps.extend(group.members.iter().cloned());
            } else {
                let candidates = cx
                    .taxonomy
                    .names()
                    .chain(cx.taxonomy.groups().iter().map(|g| g.name.as_str()))
                    .chain(["anything"]);
                return Err(syntax(
                    tok.span.clone(),
                    format!("unknown capability `{}` in rule", tok.text),
                    did_you_mean(tok.text, candidates).map(|s| format!("did you mean `{s}`?")),
                )
                .kind(RuleErrorKind::UnknownCapability));
            }
            Ok(())
        })?;
        if caps.is_empty() && !any_cap {
            let span = self.peek().map_or(self.end(), |t| t.span.clone());
            return Err(syntax(
                span,
                "expected a capability, a group (`troops`, `forces`) or `anything`".into(),
                None,
            ));
        }
        if trailing {
            return Err(syntax(
                self.end(),
                "the capability list ends with a separator".into(),
                None,
            ));
        }
        caps.dedup();
        Ok(if any_cap {
            CapabilitySet::Any
        } else {
            CapabilitySet::Some(caps)
        })
    }

    /// `from` and the parties (states, alliances or `anyone`), up to `in`; anyone without `from`.
    fn parties(&mut self, cx: &RuleContext<'_>) -> Result<PartySet, RuleError> {
        let Some(from) = self.peek().filter(|t| t.text == "from").cloned() else {
            return Ok(PartySet::Anyone);
        };
        self.pos += 1;
        let mut list = Vec::new();
        let mut anyone = false;
        let trailing = self.list(&["in"], "`,`, `or` or `in`", |tok| {
            if tok.text == "anyone" {
                anyone = true;
            } else if cx.parties.iter().any(|p| p == tok.text) {
                list.push(PartyRef::State(tok.text.to_string()));
            } else if cx.alliances.iter().any(|a| a == tok.text) {
                list.push(PartyRef::Alliance(tok.text.to_string()));
            } else {
                let candidates = cx
                    .parties
                    .iter()
                    .chain(cx.alliances.iter())
                    .map(String::as_str)
                    .chain(["anyone"]);
                return Err(syntax(
                    tok.span.clone(),
                    format!("unknown party or alliance `{}` in rule", tok.text),
                    did_you_mean(tok.text, candidates)
                        .map(|s| format!("did you mean `{s}`?"))
                        .or_else(|| {
                            Some("name a contributor, a declared party, or an alliance a party belongs to".into())
                        }),
                )
                .kind(RuleErrorKind::UnknownParty));
            }
            Ok(())
        })?;
        if list.is_empty() && !anyone {
            return Err(syntax(
                from.span,
                "expected a party after `from`".into(),
                None,
            ));
        }
        if trailing {
            return Err(syntax(
                self.end(),
                "the party list ends with a separator".into(),
                None,
            ));
        }
        Ok(if anyone {
            PartySet::Anyone
        } else {
            PartySet::Some(list)
        })
    }

    /// `in` and a place; anywhere without `in`.
    fn place(&mut self) -> Result<Place, RuleError> {
        let Some(tok) = self.peek().filter(|t| t.text == "in").cloned() else {
            return Ok(Place::Anywhere);
        };
        let Some(where_) = self.tokens.get(self.pos + 1) else {
            return Err(syntax(
                tok.span,
                format!("expected {} after `in`", one_of(&place_words())),
                None,
            ));
        };
        let Some((_, place)) = PLACES.iter().find(|(word, _)| *word == where_.text) else {
            let other = where_.text;
            return Err(syntax(
                where_.span.clone(),
                format!("unknown place `{other}`"),
                did_you_mean(other, place_words())
                    .map(|s| format!("did you mean `{s}`?"))
                    .or_else(|| Some(format!("places are {}", all_of(&place_words())))),
            )
            .kind(RuleErrorKind::UnknownPlace));
        };
        self.pos += 2;
        Ok(*place)
    }

    /// Nothing may follow the place.
    fn finish(&self) -> Result<(), RuleError> {
        match self.peek() {
            Some(tok) => Err(syntax(
                tok.span.start..self.text.len(),
                format!("unexpected `{}` at the end of the rule", tok.text),
                None,
            )),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cx_parse(text: &str) -> Result<Rule, RuleError> {
        let taxonomy = Taxonomy::default();
        let parties = ["USA", "GBR", "RUS", "UKR"].map(String::from);
        let alliances = ["NATO".to_string()];
        parse_rule(
            text,
            &RuleContext {
                taxonomy: &taxonomy,
                parties: &parties,
                alliances: &alliances,
            },
        )
    }

    #[test]
    fn parses_the_forms() {
        let r = cx_parse("no ground_troops from USA").unwrap();
        assert_eq!(r.bound, Bound::No);
        assert_eq!(
            r.capabilities,
            CapabilitySet::Some(vec!["ground_troops".into()])
        );
        assert_eq!(
            r.parties,
            PartySet::Some(vec![PartyRef::State("USA".into())])
        );
        assert_eq!(r.place, Place::Anywhere);

        let r = cx_parse("no troops from NATO in theatre").unwrap();
        assert_eq!(
            r.parties,
            PartySet::Some(vec![PartyRef::Alliance("NATO".into())])
        );
        assert_eq!(r.place, Place::Theatre);
        assert!(r.capabilities.contains("training"));
        assert!(!r.capabilities.contains("air_power"));

        let r = cx_parse("at most 5_000 ground_troops, air_power from anyone in front").unwrap();
        assert_eq!(r.bound, Bound::AtMost(5000.0));
        assert_eq!(r.parties, PartySet::Anyone);
        assert!(r.capabilities.contains("air_power"));

        let r = cx_parse("at least 2 air_defence from USA or GBR").unwrap();
        assert_eq!(r.bound, Bound::AtLeast(2.0));
        let r = cx_parse("some anything").unwrap();
        assert_eq!(r.capabilities, CapabilitySet::Any);
    }

    #[test]
    fn errors_point_into_the_rule() {
        let e = cx_parse("no air_defense from USA").unwrap_err();
        assert_eq!(e.span, 3..14);
        assert_eq!(e.kind, RuleErrorKind::UnknownCapability);
        assert_eq!(e.help.as_deref(), Some("did you mean `air_defence`?"));

        let e = cx_parse("no ground_troops from USB").unwrap_err();
        assert_eq!(e.message, "unknown party or alliance `USB` in rule");
        assert_eq!(e.kind, RuleErrorKind::UnknownParty);
        assert_eq!(e.help.as_deref(), Some("did you mean `USA`?"));

        let e = cx_parse("never ground_troops").unwrap_err();
        assert!(e.message.starts_with("a rule starts with"));
        assert_eq!(e.kind, RuleErrorKind::Syntax);

        let e = cx_parse("no troops in moon").unwrap_err();
        assert_eq!(e.message, "unknown place `moon`");
        assert_eq!(e.kind, RuleErrorKind::UnknownPlace);

        let e = cx_parse("no troops from USA extra").unwrap_err();
        assert!(e.message.contains("expected"), "{}", e.message);

        assert!(cx_parse("").is_err());
        assert!(cx_parse("at most").is_err());
        assert!(cx_parse("at most -3 troops").is_err());
        assert!(cx_parse("no troops,").is_err());
        assert!(cx_parse("no troops from").is_err());
    }
}
