//! The stance of a response (DESIGN.md, "Response stance vocabulary"),
//! assigned by cue phrases. Every stance comes with the sentence that
//! justifies it and the rule that fired, so a reader can check it.
//!
//! Rules are tried in order of precedence; the first whose cue appears in a
//! sentence wins. A response that matches none is `noted`: the respondent
//! wrote about the recommendation without taking a position.

use crate::model::ResponseStance;

/// Version of the rule set, recorded with every stance.
pub const RULES_VERSION: &str = "stance-rules/3";

/// (stance, cues) in order of precedence. Cues are lower-case phrases; a
/// cue with `+` needs both halves in the same sentence.
const RULES: &[(ResponseStance, &[&str])] = &[
    (
        ResponseStance::Rejected,
        &[
            "do not accept",
            "does not accept",
            "cannot accept",
            "reject",
            // stance-rules/3: a table's legend ("not accepted (N)").
            "not accepted",
            "do not agree",
            "not be taking forward",
            "will not be implemented",
        ],
    ),
    (
        ResponseStance::Redirected,
        &[
            "better suited",
            "better placed",
            "would be better",
            "is a matter for",
            "are a matter for",
            "should lead on",
            "to lead on this",
        ],
    ),
    (
        ResponseStance::AcceptedInPrinciple,
        &["happy to support", "support+subject to", "in principle"],
    ),
    (
        ResponseStance::AcceptedInPart,
        &["in part", "partially accept", "accept some"],
    ),
    (
        ResponseStance::Accepted,
        &[
            "we accept",
            "accept the recommendation",
            "accepts the recommendation",
            "agree with the recommendation",
            // stance-rules/2: a government response's wording.
            "supports this recommendation",
            "supports the recommendation",
            "accepts this recommendation",
            "agrees with this recommendation",
            "will implement",
            "have implemented",
            // stance-rules/3: a table's legend ("accepted in full (F)").
            "accepted in full",
            "accepts in full",
            "agreed in full",
        ],
    ),
    (
        ResponseStance::UnderConsideration,
        &[
            "under consideration",
            "are considering",
            "will consider",
            "is being considered",
            "will respond in due course",
        ],
    ),
];

/// An assigned stance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stance {
    /// One of the vocabulary's stances.
    pub stance: ResponseStance,
    /// The sentence that justifies it (the whole text's first sentence for `noted`).
    pub quote: String,
    /// How it was assigned: rule version and the cue that fired.
    pub rule: String,
}

/// Assigns a stance to a response's text.
pub fn assign(text: &str) -> Stance {
    let sentences = sentences(text);
    cue(text).unwrap_or_else(|| {
        let quote = sentences
            .iter()
            .find(|s| s.len() > 20)
            .or(sentences.first())
            .map_or(String::new(), |s| (*s).to_owned());
        Stance {
            stance: ResponseStance::Noted,
            quote,
            rule: format!("{RULES_VERSION}: noted (no cue for another stance)"),
        }
    })
}

fn sentences(text: &str) -> Vec<&str> {
    text.split_inclusive(['.', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// The stance of the first cue the text holds, by precedence; `None` when
/// it holds none.
pub fn cue(text: &str) -> Option<Stance> {
    let sentences = sentences(text);
    for (stance, cues) in RULES {
        for cue in *cues {
            for sentence in &sentences {
                let lower = sentence.to_lowercase();
                let fires = cue.split('+').all(|part| contains_phrase(&lower, part));
                if fires {
                    return Some(Stance {
                        stance: *stance,
                        quote: (*sentence).to_owned(),
                        rule: format!("{RULES_VERSION}: {stance} by cue \"{cue}\""),
                    });
                }
            }
        }
    }
    None
}

/// A stance named by its own words, as a table cell may give it:
/// "Accepted", "Accepted in part", "Under consideration".
pub fn named(text: &str) -> Option<ResponseStance> {
    let wanted = text
        .trim()
        .trim_end_matches('.')
        .to_lowercase()
        .replace(' ', "-");
    ResponseStance::ALL
        .iter()
        .copied()
        .find(|s| s.as_str() == wanted)
}

/// Whether `phrase` occurs in `text` as whole words ("in part" is not in "in partnership").
fn contains_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_and_quotes() {
        let s = assign("We welcome and support the aims. However, local leaders would be better suited to lead on this recommendation.");
        assert_eq!(s.stance.as_str(), "redirected");
        assert!(s.quote.starts_with("However, local leaders"));
        let s = assign("We would be happy to support a mechanism. The important pre-condition for this is judicial approval. Approval in principle comes first.");
        assert_eq!(s.stance.as_str(), "accepted-in-principle");
        let s = assign("A review is being completed by the assurance function. Its findings will inform our plans.");
        assert_eq!(s.stance.as_str(), "noted");
        assert!(s.rule.contains(RULES_VERSION));
        assert_eq!(
            assign("We do not accept this recommendation.").stance,
            ResponseStance::Rejected
        );
        assert_eq!(
            assign("We are working in partnership with all agencies.").stance,
            ResponseStance::Noted
        );
    }
}
