//! The stance of a response (DESIGN.md, "Response stance vocabulary"),
//! assigned by cue phrases. Every stance comes with the sentence that
//! justifies it and the rule that fired, so a reader can check it.
//!
//! Rules are tried in order of precedence; the first whose cue appears in a
//! sentence wins. A response that matches none is `noted`: the respondent
//! wrote about the recommendation without taking a position.

use std::collections::BTreeSet;

use crate::model::ResponseStance;

/// Version of the rule set, recorded with every stance.
pub const RULES_VERSION: &str = "stance-rules/5";

/// (stance, cues) in order of precedence. Cues are lower-case phrases; a
/// cue with `+` needs both halves in the same sentence.
const RULES: &[(ResponseStance, &[&str])] = &[
    (
        // stance-rules/4: "we will do X but not Y" — acceptance and refusal
        // in one sentence — before either alone.
        ResponseStance::AcceptedInPart,
        &[
            "accept+but not",
            "accept+but do not",
            "accept+but will not",
            "agree+but not",
            "agree+but do not",
            "support+but not",
            "support+but do not",
            "will+but will not",
        ],
    ),
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
        // stance-rules/4: "in principle" only with a verb of acceptance ("the
        // duty can in principle be outsourced" accepts nothing).
        &[
            "happy to support",
            "support+subject to",
            "accept+in principle",
            "accepts+in principle",
            "accepted+in principle",
            "agree+in principle",
            "agrees+in principle",
            "agreed+in principle",
            "support+in principle",
            "supports+in principle",
        ],
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
            // stance-rules/4: a respondent weighing the recommended step.
            "may be scope",
            "are exploring",
            "is exploring",
            // stance-rules/5: the policy the recommendation is about is
            // itself being reviewed: the answer waits on it.
            "under review",
            "being reviewed",
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
    let sentences = split_sentences(text);
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

fn split_sentences(text: &str) -> Vec<&str> {
    text.split_inclusive(['.', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// The stance of the first cue the text holds, by precedence; `None` when
/// it holds none.
pub fn cue(text: &str) -> Option<Stance> {
    let sentences = split_sentences(text);
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

/// The stance of each of several recommendations one passage answers
/// together (a letter's "Prison Leavers (Recommendations 8, 9, 10, 11)"),
/// from the sentences about it. A sentence is about a recommendation when
/// it names it ("recommendation 9") or shares more of its words (two at
/// least) than it shares with any other of the group; a sentence about none
/// of them is about all. A cue in a sentence about one recommendation is
/// that one's alone. Where no cue fires, a sentence about the
/// recommendation that commits to it ("… will be presented …", sharing four
/// of its words or more) makes it `accepted`; otherwise it is `noted` —
/// unless no sentence is about it while others of the group have theirs:
/// the respondent answered its neighbours and passed over it, so it is
/// `not-addressed` (stance-rules/5).
pub fn assign_each(text: &str, recommendations: &[(u32, &str)]) -> Vec<(u32, Stance)> {
    let sentences = split_sentences(text);
    let words: Vec<BTreeSet<String>> = recommendations
        .iter()
        .map(|(_, t)| content_words(t))
        .collect();
    // Each sentence with its paragraph (a line of the passage).
    let paragraph_of: Vec<usize> = text
        .split('\n')
        .enumerate()
        .flat_map(|(p, line)| std::iter::repeat_n(p, split_sentences(line).len()))
        .collect();
    // The recommendation a text is about: the one it names, else the one
    // sharing the most of its words (two at least, no tie).
    let about_text = |text: &str| -> Option<usize> {
        if recommendations.len() < 2 {
            return None;
        }
        let lower = text.to_lowercase();
        if let Some(i) = recommendations
            .iter()
            .position(|(n, _)| contains_phrase(&lower, &format!("recommendation {n}")))
        {
            return Some(i);
        }
        let own = content_words(text);
        let shared: Vec<usize> = words.iter().map(|w| w.intersection(&own).count()).collect();
        let best = *shared.iter().max()?;
        let leaders = shared.iter().filter(|&&c| c == best).count();
        (best >= 2 && leaders == 1).then(|| shared.iter().position(|&c| c == best))?
    };
    // For each sentence, the recommendation it is about (None: all). A
    // sentence about none of them by its own words continues its paragraph
    // ("At this time of writing, the framework is being reviewed" after a
    // sentence naming the Act): it is about what the paragraph is about
    // (stance-rules/5).
    let paragraphs: Vec<&str> = text.split('\n').collect();
    let about: Vec<Option<usize>> = sentences
        .iter()
        .enumerate()
        .map(|(k, sentence)| {
            about_text(sentence).or_else(|| {
                let paragraph = paragraphs.get(*paragraph_of.get(k)?)?;
                (split_sentences(paragraph).len() > 1).then(|| about_text(paragraph))?
            })
        })
        .collect();
    recommendations
        .iter()
        .enumerate()
        .map(|(i, &(number, _))| {
            let own: Vec<&str> = (0..sentences.len())
                .filter(|&k| about[k] == Some(i))
                .map(|k| sentences[k])
                .collect();
            let general: Vec<&str> = (0..sentences.len())
                .filter(|&k| about[k].is_none())
                .map(|k| sentences[k])
                .collect();
            let of_own = cue(&own.join("\n")).map(|mut s| {
                s.rule = format!("{} in a sentence about recommendation {number}", s.rule);
                s
            });
            let neighbours_answered = (0..recommendations.len())
                .any(|j| j != i && about.contains(&Some(j)));
            let passed_over = (own.is_empty() && neighbours_answered).then(|| Stance {
                stance: ResponseStance::NotAddressed,
                quote: sentences.first().map_or(String::new(), |s| (*s).to_owned()),
                rule: format!(
                    "{RULES_VERSION}: not-addressed (no sentence about recommendation {number}; others of its group have theirs)"
                ),
            });
            let stance = of_own
                .or_else(|| cue(&general.join("\n")))
                .or_else(|| commitment(&own, &words[i]))
                .or(passed_over)
                .unwrap_or_else(|| {
                    let mut noted = assign(&if own.is_empty() { general.join("\n") } else { own.join("\n") });
                    if recommendations.len() > 1 && !own.is_empty() {
                        noted.rule = format!("{RULES_VERSION}: noted (no cue in the sentences about recommendation {number} or the group)");
                    }
                    noted
                });
            (number, stance)
        })
        .collect()
}

/// A sentence that commits to what the recommendation asks: it says what
/// will be done and shares four of the recommendation's words or more.
fn commitment(sentences: &[&str], recommendation: &BTreeSet<String>) -> Option<Stance> {
    sentences.iter().find_map(|sentence| {
        let lower = sentence.to_lowercase();
        let commits = contains_phrase(&lower, "will")
            && !contains_phrase(&lower, "will not")
            && !lower.contains("won't");
        let shared = content_words(sentence).intersection(recommendation).count();
        (commits && shared >= 4).then(|| Stance {
            stance: ResponseStance::Accepted,
            quote: (*sentence).to_owned(),
            rule: format!(
                "{RULES_VERSION}: accepted by commitment (\"will\" and {shared} of the recommendation's words)"
            ),
        })
    })
}

/// Words that carry a sentence's matter: four letters or more, not a
/// function word, a plural's "s" dropped.
fn content_words(text: &str) -> BTreeSet<String> {
    const COMMON: &[&str] = &[
        "that",
        "this",
        "with",
        "from",
        "have",
        "will",
        "should",
        "which",
        "their",
        "they",
        "there",
        "these",
        "those",
        "been",
        "were",
        "into",
        "also",
        "such",
        "more",
        "than",
        "would",
        "could",
        "being",
        "other",
        "within",
        "about",
        "what",
        "when",
        "where",
        "whom",
        "london",
        "work",
        "ensure",
        "including",
    ];
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 4 && !COMMON.contains(&w.as_str()))
        .map(|w| match w.strip_suffix('s') {
            Some(stem) if !w.ends_with("ss") && stem.len() >= 4 => stem.to_owned(),
            _ => w,
        })
        .collect()
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
    fn each_recommendation_of_a_group_by_the_sentences_about_it() {
        let recommendations = [
            (
                1,
                "The Service should recruit more probation staff for prisons.",
            ),
            (
                2,
                "The Service should publish an annual review of its diversity action plan.",
            ),
            (3, "The Board should fund a new helpline for victims."),
        ];
        let text = "We thank the Committee for its report.\n\
            We accept the case for more probation staff in prisons and will recruit them.\n\
            An annual review of our diversity action plan will be published in April.";
        let stances = assign_each(text, &recommendations);
        let of = |n: u32| &stances.iter().find(|(m, _)| *m == n).unwrap().1;
        assert_eq!(of(1).stance, ResponseStance::Accepted);
        assert!(
            of(1).rule.contains("about recommendation 1"),
            "{}",
            of(1).rule
        );
        // The cue about recruiting is recommendation 1's alone.
        assert_eq!(of(2).stance, ResponseStance::Accepted);
        assert!(of(2).rule.contains("commitment"), "{}", of(2).rule);
        // Its neighbours have sentences of their own; it has none.
        assert_eq!(of(3).stance, ResponseStance::NotAddressed);
        // Where no sentence is about any one of them, each is noted.
        let none = assign_each("We thank the Committee for its report.", &recommendations);
        assert!(none.iter().all(|(_, s)| s.stance == ResponseStance::Noted));
        // A cue in a sentence about none of them is about all.
        let all = assign_each("We do not accept these recommendations.", &recommendations);
        assert!(all
            .iter()
            .all(|(_, s)| s.stance == ResponseStance::Rejected));
    }

    #[test]
    fn partial_acceptance_and_in_principle_need_their_verbs() {
        assert_eq!(
            assign("We will fund the helpline but will not extend its hours.").stance,
            ResponseStance::AcceptedInPart
        );
        assert_eq!(
            assign("We accept the first part but do not accept the second.").stance,
            ResponseStance::AcceptedInPart
        );
        assert_eq!(
            assign("Legal advice says the duty can in principle be outsourced.").stance,
            ResponseStance::Noted
        );
        assert_eq!(
            assign("We accept this in principle.").stance,
            ResponseStance::AcceptedInPrinciple
        );
    }

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
