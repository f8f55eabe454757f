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
    pub span: Range<usize>,
    pub message: String,
    pub help: Option<String>,
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

const PLACES: [&str; 4] = ["theatre", "front", "rear", "outside"];

/// Parses and resolves a rule.
pub fn parse_rule(text: &str, cx: &RuleContext<'_>) -> Result<Rule, RuleError> {
    let tokens = tokenize(text);
    let mut pos;
    let end = text.len()..text.len();
    let err = |span: Range<usize>, message: String, help: Option<String>| RuleError {
        span,
        message,
        help,
    };
    let Some(first) = tokens.first() else {
        return Err(err(
            0..text.len(),
            "empty red-line rule".into(),
            Some("write e.g. `no ground_troops from USA`".into()),
        ));
    };

    let number = |tok: Option<&Token<'_>>, after: &str| -> Result<f64, RuleError> {
        let Some(tok) = tok else {
            return Err(err(
                end.clone(),
                format!("expected a number after `{after}`"),
                None,
            ));
        };
        match tok.text.replace('_', "").parse::<f64>() {
            Ok(n) if n.is_finite() && n >= 0.0 => Ok(n),
            _ => Err(err(
                tok.span.clone(),
                format!(
                    "expected a non-negative number after `{after}`, found `{}`",
                    tok.text
                ),
                None,
            )),
        }
    };

    let bound = match first.text {
        "no" => {
            pos = 1;
            Bound::No
        }
        "some" => {
            pos = 1;
            Bound::Some
        }
        "at" => match tokens.get(1).map(|t| t.text) {
            Some("most") => {
                pos = 3;
                Bound::AtMost(number(tokens.get(2), "at most")?)
            }
            Some("least") => {
                pos = 3;
                Bound::AtLeast(number(tokens.get(2), "at least")?)
            }
            _ => {
                let span = tokens.get(1).map_or(end.clone(), |t| t.span.clone());
                return Err(err(
                    span,
                    "expected `most` or `least` after `at`".into(),
                    None,
                ));
            }
        },
        other => {
            return Err(err(
                first.span.clone(),
                format!(
                    "a rule starts with `no`, `some`, `at most N` or `at least N`, not `{other}`"
                ),
                did_you_mean(other, ["no", "some", "at"]).map(|s| format!("did you mean `{s}`?")),
            ));
        }
    };

    // Capabilities, up to `from` or `in`.
    let mut caps: Vec<String> = Vec::new();
    let mut any_cap = false;
    let mut expect_item = true;
    while let Some(tok) = tokens.get(pos) {
        if tok.text == "from" || tok.text == "in" {
            break;
        }
        pos += 1;
        if tok.text == "," || tok.text == "or" {
            if expect_item {
                return Err(err(
                    tok.span.clone(),
                    format!("unexpected `{}`", tok.text),
                    None,
                ));
            }
            expect_item = true;
            continue;
        }
        if !expect_item {
            return Err(err(
                tok.span.clone(),
                format!("expected `,`, `or`, `from` or `in`, found `{}`", tok.text),
                None,
            ));
        }
        expect_item = false;
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
            return Err(err(
                tok.span.clone(),
                format!("unknown capability `{}` in rule", tok.text),
                did_you_mean(tok.text, candidates).map(|s| format!("did you mean `{s}`?")),
            ));
        }
    }
    if caps.is_empty() && !any_cap {
        let span = tokens.get(pos).map_or(end.clone(), |t| t.span.clone());
        return Err(err(
            span,
            "expected a capability, a group (`troops`, `forces`) or `anything`".into(),
            None,
        ));
    }
    if expect_item {
        return Err(err(
            end.clone(),
            "the capability list ends with a separator".into(),
            None,
        ));
    }
    caps.dedup();
    let capabilities = if any_cap {
        CapabilitySet::Any
    } else {
        CapabilitySet::Some(caps)
    };

    // Parties.
    let mut parties = PartySet::Anyone;
    if tokens.get(pos).is_some_and(|t| t.text == "from") {
        let from_span = tokens[pos].span.clone();
        pos += 1;
        let mut list = Vec::new();
        let mut anyone = false;
        let mut expect_item = true;
        while let Some(tok) = tokens.get(pos) {
            if tok.text == "in" {
                break;
            }
            pos += 1;
            if tok.text == "," || tok.text == "or" {
                if expect_item {
                    return Err(err(
                        tok.span.clone(),
                        format!("unexpected `{}`", tok.text),
                        None,
                    ));
                }
                expect_item = true;
                continue;
            }
            if !expect_item {
                return Err(err(
                    tok.span.clone(),
                    format!("expected `,`, `or` or `in`, found `{}`", tok.text),
                    None,
                ));
            }
            expect_item = false;
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
                return Err(err(
                    tok.span.clone(),
                    format!("unknown party or alliance `{}` in rule", tok.text),
                    did_you_mean(tok.text, candidates)
                        .map(|s| format!("did you mean `{s}`?"))
                        .or_else(|| {
                            Some("name a contributor, a declared party, or an alliance a party belongs to".into())
                        }),
                ));
            }
        }
        if list.is_empty() && !anyone {
            return Err(err(from_span, "expected a party after `from`".into(), None));
        }
        if expect_item {
            return Err(err(
                end.clone(),
                "the party list ends with a separator".into(),
                None,
            ));
        }
        if !anyone {
            parties = PartySet::Some(list);
        }
    }

    // Place.
    let mut place = Place::Anywhere;
    if let Some(tok) = tokens.get(pos).filter(|t| t.text == "in") {
        let Some(where_) = tokens.get(pos + 1) else {
            return Err(err(
                tok.span.clone(),
                "expected `theatre`, `front`, `rear` or `outside` after `in`".into(),
                None,
            ));
        };
        place = match where_.text {
            "theatre" => Place::Theatre,
            "front" => Place::Front,
            "rear" => Place::Rear,
            "outside" => Place::Outside,
            other => {
                return Err(err(
                    where_.span.clone(),
                    format!("unknown place `{other}`"),
                    did_you_mean(other, PLACES)
                        .map(|s| format!("did you mean `{s}`?"))
                        .or_else(|| {
                            Some("places are `theatre`, `front`, `rear` and `outside`".into())
                        }),
                ));
            }
        };
        pos += 2;
    }
    if let Some(tok) = tokens.get(pos) {
        return Err(err(
            tok.span.start..text.len(),
            format!("unexpected `{}` at the end of the rule", tok.text),
            None,
        ));
    }
    Ok(Rule {
        bound,
        capabilities,
        parties,
        place,
    })
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
        assert_eq!(e.help.as_deref(), Some("did you mean `air_defence`?"));

        let e = cx_parse("no ground_troops from USB").unwrap_err();
        assert_eq!(e.message, "unknown party or alliance `USB` in rule");
        assert_eq!(e.help.as_deref(), Some("did you mean `USA`?"));

        let e = cx_parse("never ground_troops").unwrap_err();
        assert!(e.message.starts_with("a rule starts with"));

        let e = cx_parse("no troops in moon").unwrap_err();
        assert_eq!(e.message, "unknown place `moon`");

        let e = cx_parse("no troops from USA extra").unwrap_err();
        assert!(e.message.contains("expected"), "{}", e.message);

        assert!(cx_parse("").is_err());
        assert!(cx_parse("at most").is_err());
        assert!(cx_parse("at most -3 troops").is_err());
        assert!(cx_parse("no troops,").is_err());
        assert!(cx_parse("no troops from").is_err());
    }
}
