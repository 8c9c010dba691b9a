//! One node per real document: the outside documents that citations and
//! agenda items name are keyed by their title as written, so one review
//! cited three ways ("Baroness Casey Review", "Baroness Casey review final
//! report", "An independent review into … – final report") and named by an
//! agenda item ("Independent Review into …") would be four nodes. Two rules
//! say that two titles name one document, each from the text alone:
//!
//! - **title**: the titles are the same once case, punctuation, a leading
//!   article and a trailing "final report" are set aside (a review and its
//!   final report are one publication; an "interim report" is not set aside,
//!   so it stays a document of its own);
//! - **eponym**: a title of the form "{person} Review / Report / Inquiry"
//!   ("Baroness Casey Review", "the Leveson Inquiry") names the document a
//!   citation gives that person as author, when exactly one does.
//!
//! Merging keeps the first key by preference (a document the corpus holds,
//! then the most cited, then the shortest), gathers the others' names as
//! aliases and their provenance, records them in `merged_from` with the rule
//! in `merged_by`, and points every edge at the kept node. The graph resolves
//! a merged key to the kept node, so ids once handed out keep working.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Edge, EdgeKind, Node, NodeKind};
use crate::names::PersonName;
use crate::orgs::Orgs;
use crate::text::slug;

/// "Baroness Casey Review", "the Leveson Inquiry", "Macpherson's report":
/// one to four capitalised words, then the kind of document.
static EPONYM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[Tt]he\s+)?((?:[A-Z][\w'’-]*\s+){0,3}?([A-Z][a-z'’-]+?))(?:['’]s)?\s+(?i:(review|report|inquiry))\b",
    )
    .expect("valid regex")
});

/// Merges document nodes that name one document; returns merged key → kept key.
pub fn merge_title_variants(
    nodes: &mut Vec<Node>,
    edges: &mut Vec<Edge>,
) -> HashMap<String, String> {
    let documents: Vec<usize> = (0..nodes.len())
        .filter(|&i| nodes[i].kind == NodeKind::Document && !nodes[i].name.is_empty())
        .collect();
    // Union-find over document indices, each union remembering its rule.
    let mut parent: HashMap<usize, usize> = documents.iter().map(|&i| (i, i)).collect();
    let mut rule: HashMap<usize, &'static str> = HashMap::new();
    fn find(parent: &mut HashMap<usize, usize>, i: usize) -> usize {
        let p = parent[&i];
        if p == i {
            return i;
        }
        let root = find(parent, p);
        parent.insert(i, root);
        root
    }
    let mut union = |parent: &mut HashMap<usize, usize>, a: usize, b: usize, why: &'static str| {
        let (ra, rb) = (find(parent, a), find(parent, b));
        if ra != rb {
            parent.insert(rb, ra);
            rule.insert(a, why);
            rule.insert(b, why);
        }
    };

    // Title rule. Two documents the corpus holds are never merged: each is a
    // file of its own, whatever its title says.
    let mut by_title: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for &i in &documents {
        let identity = title_identity(&nodes[i].name);
        if identity.split('-').count() >= 2 {
            by_title.entry(identity).or_default().push(i);
        }
    }
    for group in by_title.values() {
        let held: Vec<usize> = group
            .iter()
            .copied()
            .filter(|&i| !is_external(&nodes[i]))
            .collect();
        if held.len() > 1 {
            continue;
        }
        for pair in group.windows(2) {
            union(&mut parent, pair[0], pair[1], "title");
        }
    }

    // Eponym rule: the person's surname against citations' authors.
    for &i in &documents {
        let Some(surname) = eponym_surname(&nodes[i].name) else {
            continue;
        };
        let authored: BTreeSet<usize> = documents
            .iter()
            .copied()
            .filter(|&j| j != i)
            .filter(|&j| {
                nodes[j]
                    .prop("by")
                    .is_some_and(|by| is_person_named(by, &surname))
            })
            .map(|j| find(&mut parent, j))
            .collect();
        if let [only] = authored.iter().copied().collect::<Vec<_>>().as_slice() {
            union(&mut parent, *only, i, "eponym");
        }
    }

    // Gather the groups and pick each one's kept node.
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in &documents {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    let mut redirects: HashMap<String, String> = HashMap::new();
    let mut dropped: BTreeSet<usize> = BTreeSet::new();
    for members in groups.values().filter(|m| m.len() > 1) {
        let keep = *members
            .iter()
            .min_by_key(|&&i| {
                let n = &nodes[i];
                (
                    is_external(n),
                    std::cmp::Reverse(n.provenance.len()),
                    n.key.len(),
                    n.key.clone(),
                )
            })
            .expect("a group has members");
        let mut merged_from = Vec::new();
        let mut rules = BTreeSet::new();
        for &i in members.iter().filter(|&&i| i != keep) {
            let other = nodes[i].clone();
            rules.insert(rule.get(&i).copied().unwrap_or("title"));
            let kept = &mut nodes[keep];
            for name in std::iter::once(&other.name).chain(&other.aliases) {
                if *name != kept.name {
                    kept.aliases.insert(name.clone());
                }
            }
            for span in other.provenance {
                if !kept.provenance.contains(&span) {
                    kept.provenance.push(span);
                }
            }
            for (k, v) in other.props {
                kept.props.entry(k).or_insert(v);
            }
            redirects.insert(other.key.clone(), kept.key.clone());
            merged_from.push(other.key);
            dropped.insert(i);
        }
        merged_from.sort();
        let kept = &mut nodes[keep];
        kept.props
            .insert("merged_from".into(), merged_from.join(" "));
        kept.props.insert(
            "merged_by".into(),
            rules.into_iter().collect::<Vec<_>>().join(" "),
        );
    }
    if redirects.is_empty() {
        return redirects;
    }
    let mut index = 0;
    nodes.retain(|_| {
        index += 1;
        !dropped.contains(&(index - 1))
    });
    retarget(edges, &redirects);
    redirects
}

/// Points edges at kept nodes; edges that become one (same ends and kind) keep
/// every span and property of both.
fn retarget(edges: &mut Vec<Edge>, redirects: &HashMap<String, String>) {
    let mut seen: HashMap<(String, String, String), usize> = HashMap::new();
    let mut out: Vec<Edge> = Vec::with_capacity(edges.len());
    for mut edge in edges.drain(..) {
        if let Some(kept) = redirects.get(&edge.source) {
            edge.source = kept.clone();
        }
        if let Some(kept) = redirects.get(&edge.target) {
            edge.target = kept.clone();
        }
        if edge.source == edge.target {
            continue;
        }
        let id = (
            edge.source.clone(),
            edge.kind.as_str().to_owned(),
            edge.target.clone(),
        );
        match seen.get(&id) {
            Some(&at) => {
                let same = &mut out[at];
                for span in edge.provenance {
                    if !same.provenance.contains(&span) {
                        same.provenance.push(span);
                    }
                }
                for (k, v) in edge.props {
                    same.props.entry(k).or_insert(v);
                }
            }
            None => {
                seen.insert(id, out.len());
                out.push(edge);
            }
        }
    }
    *edges = out;
}

fn is_external(node: &Node) -> bool {
    node.key.starts_with("document/external/")
}

/// The title with case, punctuation, a leading article and a trailing
/// "final report" set aside, as a slug.
/// An organisation named as a document is titled ("Sarah Kincaid (Lead
/// Reviewer, Baroness Casey Review)"): the team of the review, which is a
/// body people work for, not the document itself. The two stay two nodes,
/// and the document is `authored-by` the team, quoted where the team is
/// named (`linked_by: title`), so either leads to the other. Runs after
/// `merge_title_variants`, so every alias of a document counts.
pub fn teams_named_as_documents(nodes: &[Node], edges: &mut Vec<Edge>) {
    let mut titles: HashMap<String, Vec<&Node>> = HashMap::new();
    for node in nodes.iter().filter(|n| n.kind == NodeKind::Document) {
        let names: BTreeSet<String> = std::iter::once(&node.name)
            .chain(&node.aliases)
            .map(|t| title_identity(t))
            .filter(|id| id.split('-').count() >= 2)
            .collect();
        for id in names {
            titles.entry(id).or_default().push(node);
        }
    }
    // Only a body someone holds a post in ("Lead Reviewer, Baroness Casey
    // Review") is a team: a document's title read as a body in passing
    // is no evidence of one.
    let staffed: BTreeSet<&str> = edges
        .iter()
        .filter(|e| e.kind == EdgeKind::MemberOf)
        .map(|e| e.target.as_str())
        .collect();
    let mut found = Vec::new();
    for org in nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Organisation && staffed.contains(n.key.as_str()))
    {
        // One document by that title: two would leave the team's unclear.
        let Some([document]) = titles.get(&title_identity(&org.name)).map(Vec::as_slice) else {
            continue;
        };
        let Some(span) = org.provenance.first() else {
            continue;
        };
        let exists = edges.iter().any(|e| {
            e.source == document.key && e.kind == EdgeKind::AuthoredBy && e.target == org.key
        });
        if !exists {
            found.push(
                Edge::new(
                    document.key.clone(),
                    EdgeKind::AuthoredBy,
                    org.key.clone(),
                    span.clone(),
                )
                .with("linked_by", "title"),
            );
        }
    }
    edges.extend(found);
}

fn title_identity(title: &str) -> String {
    let mut s = slug(title);
    for article in ["a-", "an-", "the-"] {
        if let Some(rest) = s.strip_prefix(article) {
            s = rest.to_owned();
            break;
        }
    }
    if let Some(rest) = s.strip_suffix("-final-report") {
        s = rest.to_owned();
    }
    s
}

/// The surname a title of the form "{person} Review" is named after.
fn eponym_surname(title: &str) -> Option<String> {
    let found = EPONYM.captures(title.trim())?;
    let whole = found.get(0)?;
    // The title is the eponym and at most a "final report" after it.
    let rest = slug(&title.trim()[whole.end()..]);
    if !(rest.is_empty() || rest == "final-report") {
        return None;
    }
    let surname = found.get(2)?.as_str().to_owned();
    // "Independent Review", "Police Report": a capitalised word that names
    // no one. Only a surname found as a citation's author links, and an
    // organisation's name never counts as an author (see is_person_named).
    Some(surname)
}

/// Whether `by` (a citation's author as written) is a person with this surname.
fn is_person_named(by: &str, surname: &str) -> bool {
    person_surname(by).is_some_and(|s| s == surname)
}

/// The surname of a citation's author, when the author is a person: a peer
/// ("Baroness Casey of Blackstock" → "Casey"), a titled name, or a name of two
/// words or more that is no organisation's.
pub(super) fn person_surname(by: &str) -> Option<String> {
    if Orgs::looks_like_org(by) || crate::index::VOCABULARY.is_known(by) {
        return None;
    }
    let name = PersonName::parse(by)?;
    let peer = crate::names::PEERAGES
        .iter()
        .any(|p| name.core.starts_with(&format!("{p} ")));
    let words: Vec<&str> = name
        .core
        .split_whitespace()
        .take_while(|w| *w != "of")
        .collect();
    let is_person = peer || !name.titles.is_empty() || words.len() >= 2;
    let surname = words
        .last()
        .filter(|_| words.len() >= 2 || !name.titles.is_empty())?;
    is_person.then(|| (*surname).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EdgeKind, Span};

    fn span(line: u32) -> Span {
        Span {
            document: "d".into(),
            first_line: line,
            last_line: line,
            quote: "q".into(),
        }
    }

    fn document(title: &str, by: Option<&str>, line: u32) -> Node {
        let node = Node::new(
            crate::keys::external_document(title),
            NodeKind::Document,
            title,
            span(line),
        );
        match by {
            Some(by) => node.with("by", by),
            None => node,
        }
    }

    #[test]
    fn title_variants_and_eponyms_are_one_document() {
        let mut nodes = vec![
            document("Baroness Casey Review", Some("MPS"), 1),
            document("Baroness Casey review final report", Some("Met"), 2),
            document(
                "An independent review into the culture of the Service – final report",
                Some("Baroness Casey of Blackstock"),
                3,
            ),
            {
                // Named by an agenda item and its transcript: the most cited.
                let mut item = document(
                    "Independent Review into the Culture of the Service",
                    None,
                    4,
                );
                item.provenance.push(span(10));
                item
            },
            document("Interim report", None, 5),
            document("Independent Review of Prevent", Some("Home Office"), 6),
            document(
                "Independent Review of Prevent's report and government response",
                None,
                7,
            ),
        ];
        let mut edges = vec![
            Edge::new("x", EdgeKind::Mentions, nodes[0].key.clone(), span(8)),
            Edge::new("x", EdgeKind::Mentions, nodes[1].key.clone(), span(9)),
        ];
        let redirects = merge_title_variants(&mut nodes, &mut edges);
        let kept = "document/external/independent-review-into-the-culture-of-the-service";
        assert_eq!(redirects.len(), 3);
        assert!(redirects.values().all(|k| k == kept));
        let node = nodes.iter().find(|n| n.key == kept).unwrap();
        assert!(node.aliases.contains("Baroness Casey Review"));
        assert_eq!(node.prop("merged_by"), Some("eponym title"));
        // The two mentions by one source are one edge with both places.
        assert_eq!(edges.len(), 1);
        assert_eq!(edges[0].target, kept);
        assert_eq!(edges[0].provenance.len(), 2);
        // A different publication of the same review and an organisation's
        // "review" stay apart.
        assert_eq!(nodes.len(), 4);
    }

    #[test]
    fn eponyms_need_a_person_author() {
        assert_eq!(
            eponym_surname("the Leveson Inquiry").as_deref(),
            Some("Leveson")
        );
        assert_eq!(
            eponym_surname("Macpherson's report").as_deref(),
            Some("Macpherson")
        );
        assert_eq!(
            eponym_surname("Casey review of culture and standards"),
            None
        );
        assert!(is_person_named("Baroness Casey of Blackstock", "Casey"));
        assert!(!is_person_named(
            "Baroness Casey of Blackstock",
            "Blackstock"
        ));
        assert!(!is_person_named("Home Office", "Home"));
        assert!(!is_person_named("Metropolitan Police Service", "Police"));
    }
}
