//! Two names that may be one organisation: "Commission for Countering
//! Extremism" and "Commission of Countering Extremism", "Department for
//! Environment, Food and Rural Affairs" and "… Food & Rural Affairs",
//! "Mayor's Office for Policing and Crime" and "Mayor’s Office for Police
//! and Crime". Documents misprint a body's connecting words and inflect its
//! words; no document says the two are one, so they stay two nodes, each
//! with a `possible-same-as` edge to the other and the evidence (as for
//! people, in `same_person`).
//!
//! A pair has the same words of substance in the same order, at least two
//! of them, once case, apostrophes, hyphens, the connecting words ("of",
//! "for", "and", "&", "the", "in", "on") and the endings of inflection
//! ("-ing", "-s", "-e") are set aside. A name of one word of substance
//! pairs with nobody: "Police" and "Policing" are no evidence.

use std::collections::BTreeMap;

use super::same_person::add_candidates;
use crate::model::{Edge, Node, NodeKind};

/// Words that join a body's name and tell no body from another.
const CONNECTING: &[&str] = &["of", "for", "and", "&", "the", "in", "on"];

/// Endings set aside, longest first; the stem keeps four letters or more.
const ENDINGS: &[&str] = &["ing", "es", "s", "e"];

/// A name's words of substance, folded as the comparison reads them.
fn substance(name: &str) -> Vec<String> {
    let name = name.replace('’', "'").to_lowercase();
    name.split(|c: char| c.is_whitespace() || c == '-' || c == ',')
        .map(|w| {
            w.trim_end_matches("'s")
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '&')
        })
        .filter(|w| !w.is_empty() && !CONNECTING.contains(w))
        .map(|w| {
            ENDINGS
                .iter()
                .find_map(|end| w.strip_suffix(end).filter(|stem| stem.chars().count() >= 4))
                .unwrap_or(w)
                .to_owned()
        })
        .collect()
}

/// Why two names that fold alike differ: the words each has that the
/// other does not, as written.
fn evidence(a: &str, b: &str) -> String {
    let words = |s: &str| -> Vec<String> { s.split_whitespace().map(str::to_owned).collect() };
    let (wa, wb) = (words(a), words(b));
    let only = |x: &[String], y: &[String]| -> Vec<String> {
        x.iter().filter(|w| !y.contains(w)).cloned().collect()
    };
    format!(
        "the same words of substance in the same order; they differ in \"{}\" and \"{}\"",
        only(&wa, &wb).join(" "),
        only(&wb, &wa).join(" ")
    )
}

/// Adds `possible-same-as` edges between organisations that may be one.
pub fn possible_same_organisations(nodes: &[Node], edges: &mut Vec<Edge>) {
    let mut by_words: BTreeMap<Vec<String>, Vec<&Node>> = BTreeMap::new();
    for node in nodes.iter().filter(|n| n.kind == NodeKind::Organisation) {
        let words = substance(&node.name);
        if words.len() >= 2 {
            by_words.entry(words).or_default().push(node);
        }
    }
    let mut pairs = Vec::new();
    for orgs in by_words.values() {
        for (i, a) in orgs.iter().enumerate() {
            for b in &orgs[i + 1..] {
                if a.key != b.key {
                    pairs.push((*a, *b, evidence(&a.name, &b.name)));
                }
            }
        }
    }
    add_candidates(edges, pairs);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    fn org(name: &str) -> Node {
        Node::new(
            format!("organisation/{}", crate::text::slug(name)),
            NodeKind::Organisation,
            name,
            Span {
                document: "d".into(),
                first_line: 1,
                last_line: 1,
                quote: name.into(),
            },
        )
    }

    #[test]
    fn misprinted_connecting_words_and_inflections_are_candidates_nothing_else() {
        let nodes: Vec<Node> = [
            "Commission for Countering Extremism",
            "Commission of Countering Extremism",
            "Department for Environment, Food and Rural Affairs",
            "Department for Environment, Food & Rural Affairs",
            "Mayor's Office for Policing and Crime",
            "Mayor’s Office for Police and Crime",
            "Police",
            "Policing",
            "Home Office",
            "Home Affairs Committee",
            "Crime Committee",
            "Police and Crime Committee",
        ]
        .iter()
        .map(|n| org(n))
        .collect();
        let mut edges = Vec::new();
        possible_same_organisations(&nodes, &mut edges);
        let pairs: Vec<(&str, &str)> = edges
            .iter()
            .map(|e| (e.source.as_str(), e.target.as_str()))
            .collect();
        assert_eq!(edges.len(), 6, "{pairs:?}");
        assert!(pairs.contains(&(
            "organisation/commission-for-countering-extremism",
            "organisation/commission-of-countering-extremism"
        )));
        assert!(edges.iter().all(|e| e.provenance.len() == 2));
        let evidence = edges[0].prop("evidence").unwrap();
        assert!(evidence.contains("\"for\" and \"of\""), "{evidence}");
        // Built again over its own output, the step adds nothing.
        let before = edges.len();
        possible_same_organisations(&nodes, &mut edges);
        assert_eq!(edges.len(), before);
    }
}
