//! The stance of a response (DESIGN.md, "Response stance vocabulary"),
//! assigned by cue phrases. Every stance comes with the sentence that
//! justifies it and the rule that fired, so a reader can check it.
//!
//! Rules are tried in order of precedence; the first whose cue appears in a
//! sentence wins. A response that matches none is `noted`: the respondent
//! wrote about the recommendation without taking a position.

/// Version of the rule set, recorded with every stance.
pub const RULES_VERSION: &str = "stance-rules/2";

/// (stance, cues) in order of precedence. Cues are lower-case phrases; a
/// cue with `+` needs both halves in the same sentence.
const RULES: &[(&str, &[&str])] = &[
    (
        "rejected",
        &[
            "do not accept",
            "does not accept",
            "cannot accept",
            "reject",
            "do not agree",
            "not be taking forward",
            "will not be implemented",
        ],
    ),
    (
        "redirected",
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
        "accepted-in-principle",
        &["happy to support", "support+subject to", "in principle"],
    ),
    (
        "accepted-in-part",
        &["in part", "partially accept", "accept some"],
    ),
    (
        "accepted",
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
        ],
    ),
    (
        "under-consideration",
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
    pub stance: &'static str,
    /// The sentence that justifies it (the whole text's first sentence for `noted`).
    pub quote: String,
    /// How it was assigned: rule version and the cue that fired.
    pub rule: String,
}

/// Assigns a stance to a response's text.
pub fn assign(text: &str) -> Stance {
    let sentences: Vec<&str> = text
        .split_inclusive(['.', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    for (stance, cues) in RULES {
        for cue in *cues {
            for sentence in &sentences {
                let lower = sentence.to_lowercase();
                let fires = cue.split('+').all(|part| contains_phrase(&lower, part));
                if fires {
                    return Stance {
                        stance,
                        quote: (*sentence).to_owned(),
                        rule: format!("{RULES_VERSION}: {stance} by cue \"{cue}\""),
                    };
                }
            }
        }
    }
    let quote = sentences
        .iter()
        .find(|s| s.len() > 20)
        .or(sentences.first())
        .map_or(String::new(), |s| (*s).to_owned());
    Stance {
        stance: "noted",
        quote,
        rule: format!("{RULES_VERSION}: noted (no cue for another stance)"),
    }
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
        assert_eq!(s.stance, "redirected");
        assert!(s.quote.starts_with("However, local leaders"));
        let s = assign("We would be happy to support a mechanism. The important pre-condition for this is judicial approval. Approval in principle comes first.");
        assert_eq!(s.stance, "accepted-in-principle");
        let s = assign("A review is being completed by the assurance function. Its findings will inform our plans.");
        assert_eq!(s.stance, "noted");
        assert!(s.rule.contains(RULES_VERSION));
        assert_eq!(
            assign("We do not accept this recommendation.").stance,
            "rejected"
        );
        assert_eq!(
            assign("We are working in partnership with all agencies.").stance,
            "noted"
        );
    }
}
