//! Two names that may be one person: "Mr J Betts" in a list of members and
//! "Mr John Betts" in a resolution. No document says they are one, so they
//! stay two nodes (a wrong merge would give one person another's words and
//! votes); each gets a `possible-same-as` edge to the other, with the
//! evidence, for a reader to judge.
//!
//! A candidate pair has the same surname and given names that agree word by
//! word, an initial standing for a name it begins ("J" for "John"), and no
//! courtesy titles that tell them apart ("Mr" and "Mrs"). Where one side has
//! more given names ("Mr R C Love", "Rory Love"), the ones both have agree.
//! A name with no given names ("Cllr Johnson") pairs with nobody: a surname
//! alone is no evidence.

use std::collections::BTreeMap;

use crate::model::{Edge, EdgeKind, Node, NodeKind};
use crate::names::PersonName;

/// Courtesy titles and the sex they tell.
const COURTESY: &[(&str, char)] = &[
    ("Mr", 'm'),
    ("Mr.", 'm'),
    ("Mrs", 'f'),
    ("Mrs.", 'f'),
    ("Ms", 'f'),
    ("Ms.", 'f'),
    ("Miss", 'f'),
    ("Sir", 'm'),
    ("Dame", 'f'),
    ("Lord", 'm'),
    ("Baroness", 'f'),
    ("Lady", 'f'),
];

/// A person's name as this step compares it.
struct Named<'a> {
    key: &'a str,
    given: Vec<String>,
    sex: Option<char>,
}

/// Adds `possible-same-as` edges between people who may be one.
pub fn possible_same_people(nodes: &[Node], edges: &mut Vec<Edge>) {
    let mut by_surname: BTreeMap<String, Vec<(Named, &Node)>> = BTreeMap::new();
    for node in nodes.iter().filter(|n| n.kind == NodeKind::Person) {
        let Some(name) = PersonName::parse(&node.name) else {
            continue;
        };
        let core: Vec<&str> = name
            .core
            .split_whitespace()
            .take_while(|w| *w != "of")
            .collect();
        let Some((surname, given)) = core.split_last() else {
            continue;
        };
        let sex = name
            .titles
            .iter()
            .chain(core.first().map(|w| (*w).to_owned()).as_ref())
            .find_map(|t| COURTESY.iter().find(|(c, _)| c == t).map(|(_, s)| *s));
        let given: Vec<String> = given
            .iter()
            .filter(|w| !COURTESY.iter().any(|(c, _)| c == *w))
            .map(|w| w.trim_end_matches('.').to_owned())
            .collect();
        if given.is_empty() {
            continue;
        }
        by_surname.entry(surname.to_lowercase()).or_default().push((
            Named {
                key: &node.key,
                given,
                sex,
            },
            node,
        ));
    }
    let mut pairs = Vec::new();
    for people in by_surname.values() {
        for (i, (a, a_node)) in people.iter().enumerate() {
            for (b, b_node) in &people[i + 1..] {
                if a.key == b.key {
                    continue;
                }
                if let Some(evidence) = agree(a, b) {
                    pairs.push((*a_node, *b_node, evidence));
                }
            }
        }
    }
    add_candidates(edges, pairs);
}

/// Adds a `possible-same-as` edge each way for every pair, with the
/// evidence and both names' first places, unless the edges are there
/// already (a graph rebuilt from an export holds them).
pub(super) fn add_candidates(edges: &mut Vec<Edge>, pairs: Vec<(&Node, &Node, String)>) {
    let known: std::collections::HashSet<(String, String)> = edges
        .iter()
        .filter(|e| e.kind == EdgeKind::PossibleSameAs)
        .map(|e| (e.source.clone(), e.target.clone()))
        .collect();
    let mut added = Vec::new();
    for (a, b, evidence) in pairs {
        for (from, to) in [(a, b), (b, a)] {
            if known.contains(&(from.key.clone(), to.key.clone())) {
                continue;
            }
            let mut edge = Edge::new(
                &from.key,
                EdgeKind::PossibleSameAs,
                &to.key,
                from.provenance[0].clone(),
            )
            .with("evidence", evidence.clone());
            edge.provenance.push(to.provenance[0].clone());
            added.push(edge);
        }
    }
    edges.extend(added);
}

/// Why two names may be one person, or `None` when they cannot be.
fn agree(a: &Named, b: &Named) -> Option<String> {
    if let (Some(x), Some(y)) = (a.sex, b.sex) {
        if x != y {
            return None;
        }
    }
    if a.given == b.given {
        return None; // the same name: one node already, or told apart by a title
    }
    let mut reasons = Vec::new();
    for (x, y) in a.given.iter().zip(&b.given) {
        let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
        if short == long {
            continue;
        }
        if short.chars().count() == 1 && long.starts_with(short.as_str()) {
            reasons.push(format!("\"{short}\" is the initial of \"{long}\""));
        } else {
            return None;
        }
    }
    let surname_words = "the same surname";
    if a.given.len() != b.given.len() {
        reasons.push("one name has more given names or initials than the other".to_owned());
    }
    Some(format!("{surname_words}; {}", reasons.join("; ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    fn person(name: &str) -> Node {
        let key = PersonName::parse(name).unwrap().node_key();
        Node::new(
            key,
            NodeKind::Person,
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
    fn initials_and_names_that_agree_are_candidates_nothing_else() {
        let nodes: Vec<Node> = [
            "Mr J Betts",
            "Mr John Betts",
            "Mr J Meade",
            "Ms J Meade",
            "Mr R C Love",
            "Rory Love",
            "Mr A R Hills",
            "Roxanne Hills",
            "Cllr Johnson",
            "Dame Diana Johnson",
            "Richard Smith",
            "Jonathan Smith",
        ]
        .iter()
        .map(|n| person(n))
        .collect();
        let mut edges = Vec::new();
        possible_same_people(&nodes, &mut edges);
        let pairs: Vec<(String, String)> = edges
            .iter()
            .map(|e| (e.source.clone(), e.target.clone()))
            .collect();
        assert!(pairs.contains(&("person/mr-j-betts".into(), "person/john-betts".into())));
        assert!(pairs.contains(&("person/john-betts".into(), "person/mr-j-betts".into())));
        assert!(pairs.contains(&("person/mr-r-c-love".into(), "person/rory-love".into())));
        assert_eq!(edges.len(), 4, "{pairs:?}");
        assert!(edges[0]
            .prop("evidence")
            .unwrap()
            .contains("initial of \"John\""));
    }
}
