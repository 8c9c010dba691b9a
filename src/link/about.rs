//! About: what a statement is about, beyond the names it spells out.
//!
//! A witness before a committee rarely says the full title of the review
//! the session is on; she says "the report", "my review", and the members
//! say "the Commissioner". A journalist asking what was said about the
//! review wants those turns too, and needs to tell them from explicit
//! mentions. So this step adds, over the merged graph:
//!
//! - **explicit mentions of documents** in statements: a document's title or
//!   alias written out ("Baroness Casey Review"), or its author's name with a
//!   possessive ("Baroness Casey's report", "Louise Casey's review") where one
//!   document has that author — `mentions` edges, `linked_by: title` or
//!   `author`;
//! - **about in context**, as `about` edges with `basis: context` and `via`,
//!   the node that gives the context:
//!   - every turn under an agenda item that discusses a document (its
//!     `discussed-at` edge, or an item titled as a document is) is about
//!     it, `via` the item;
//!   - a turn that refers back ("the report", "your review", "these
//!     recommendations") outside such an item is about the document the
//!     nearest earlier turn of its transcript (under the same item, if it
//!     has one) named, `via` that turn, with the words as `cue`;
//!   - "the Commissioner", "the Deputy Mayor": the one speaker of the same
//!     transcript labelled in that role, `via` the turn where the label is
//!     given, with the words as `cue`.
//!
//! An explicit mention is never also a context link for the same node.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, LazyLock};

use regex::Regex;

use crate::model::{Edge, EdgeKind, Node, NodeKind, Span};
use crate::store::DocumentRecord;
use crate::text::{slug, Source};

/// How far back a referring phrase looks for what it refers to, in turns.
const ANTECEDENT_TURNS: usize = 12;

/// "the report", "your review", "her recommendations", "this inquiry".
static BACK_REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?i:(?:the|this|that|your|her|his|their|its|my|our)\s+(?:final\s+)?(?:review|report|inquiry)|(?:these|those|the|your|her|his|their|its|my|our)\s+recommendations)\b",
    )
    .expect("valid regex")
});

/// "Baroness Casey's report", "Louise Casey's review": the capitalised word
/// before the possessive is the author's surname.
static POSSESSIVE_AUTHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b([A-Z][a-z]+)['’]s\s+(?:final\s+)?(?:report|review|inquiry)\b")
        .expect("valid regex")
});

/// People labelled in a role, by the role's head, with the span of a label
/// giving it.
type Holders<'a> = BTreeMap<String, Vec<(&'a str, &'a Span)>>;

/// One statement, as this step reads it.
struct Turn<'a> {
    key: &'a str,
    text: &'a str,
    span: &'a Span,
    item: Option<&'a str>,
    speaker: Option<&'a str>,
}

/// Adds explicit document mentions and context `about` edges to statements.
pub fn about_in_context(
    nodes: &[Node],
    edges: &mut Vec<Edge>,
    documents: &HashMap<String, Arc<DocumentRecord>>,
) {
    let by_key: HashMap<&str, &Node> = nodes.iter().map(|n| (n.key.as_str(), n)).collect();
    let mut item_of: HashMap<&str, &str> = HashMap::new();
    let mut transcript_of: HashMap<&str, &str> = HashMap::new();
    let mut meeting_of: HashMap<&str, &str> = HashMap::new();
    let mut speaker_of: HashMap<&str, &str> = HashMap::new();
    // Role head → (speaker, the span of a label giving it), per meeting (or
    // transcript, for one of no known meeting): a witness of the morning's
    // panel is "the Commissioner" in the afternoon's too.
    let mut roles: HashMap<&str, Holders> = HashMap::new();
    // (meeting, person) → the first statement whose label gives their role.
    let mut label_statement: HashMap<(&str, &str), &str> = HashMap::new();
    let mut discussed: HashMap<&str, Vec<(&str, &Span)>> = HashMap::new();
    let mut mentioned: HashSet<(String, String)> = HashSet::new();
    let mut known_about: HashSet<(String, String)> = HashSet::new();
    for edge in edges.iter() {
        match edge.kind {
            EdgeKind::InItem => {
                item_of.insert(&edge.source, &edge.target);
            }
            EdgeKind::InDocument => {
                transcript_of.insert(&edge.source, &edge.target);
            }
            EdgeKind::AtMeeting => {
                meeting_of.insert(&edge.source, &edge.target);
            }
            EdgeKind::Spoke => {
                speaker_of.insert(&edge.target, &edge.source);
            }
            EdgeKind::DiscussedAt => {
                discussed
                    .entry(&edge.target)
                    .or_default()
                    .push((&edge.source, &edge.provenance[0]));
            }
            EdgeKind::Mentions => {
                mentioned.insert((edge.source.clone(), edge.target.clone()));
            }
            // A graph rebuilt from an export holds this step's edges already.
            EdgeKind::About => {
                known_about.insert((edge.source.clone(), edge.target.clone()));
            }
            _ => {}
        }
    }
    for edge in edges.iter().filter(|e| e.kind == EdgeKind::Spoke) {
        let statement = edge.target.as_str();
        let context = meeting_of.get(statement).or(transcript_of.get(statement));
        let (Some(role), Some(context)) = (edge.prop("role_as_labelled"), context) else {
            continue;
        };
        let Some(head) = role_head(role) else {
            continue;
        };
        let holders = roles.entry(context).or_default().entry(head).or_default();
        if !holders.iter().any(|(p, _)| *p == edge.source) {
            holders.push((&edge.source, &edge.provenance[0]));
            label_statement
                .entry((context, &edge.source))
                .or_insert(statement);
        }
    }
    // An item titled as a document is titled discusses it too (a report's
    // title as an agenda item), unless the document is dated after the meeting.
    let titles = document_titles(nodes);
    for item in nodes.iter().filter(|n| n.kind == NodeKind::AgendaItem) {
        if let Some(documents) = titles.get(&slug(&item.name)) {
            let date = item.key.split('/').nth(2).unwrap_or("");
            for doc in documents {
                let after = by_key[doc].prop("date").is_some_and(|d| d > date);
                let entry = discussed.entry(&item.key).or_default();
                if !after && !entry.iter().any(|(d, _)| d == doc) {
                    entry.push((doc, &item.provenance[0]));
                }
            }
        }
    }

    // Statements per transcript, in the order they were said.
    let mut turns: BTreeMap<&str, Vec<Turn>> = BTreeMap::new();
    for node in nodes.iter().filter(|n| n.kind == NodeKind::Statement) {
        let (Some(text), Some(span)) = (node.prop("text"), node.provenance.first()) else {
            continue;
        };
        let transcript = transcript_of.get(node.key.as_str()).copied().unwrap_or("");
        turns.entry(transcript).or_default().push(Turn {
            key: &node.key,
            text,
            span,
            item: item_of.get(node.key.as_str()).copied(),
            speaker: speaker_of.get(node.key.as_str()).copied(),
        });
    }
    for list in turns.values_mut() {
        list.sort_by_key(|t| (t.span.document.clone(), t.span.first_line));
    }

    // Each document's lines, split once: quoting a cue needs its lines.
    let sources: HashMap<&str, Source> = documents
        .iter()
        .map(|(id, record)| (id.as_str(), Source::new(&record.meta.id, &record.text)))
        .collect();
    let patterns = DocumentPatterns::new(nodes);
    let mut added: Vec<Edge> = Vec::new();
    for (transcript, list) in &turns {
        // Explicit mentions first: they are the antecedents of what follows.
        let mut named: Vec<Vec<(&str, Span)>> = Vec::with_capacity(list.len());
        for turn in list {
            let record = sources.get(turn.span.document.as_str());
            let mut found = Vec::new();
            for (doc, written, rule) in patterns.find(turn.text) {
                let span = quote_in(record, turn.span, &written);
                if mentioned.insert((turn.key.to_owned(), doc.to_owned())) {
                    added.push(
                        Edge::new(turn.key, EdgeKind::Mentions, doc, span.clone())
                            .with("as_written", written.clone())
                            .with("linked_by", rule),
                    );
                }
                found.push((doc, span));
            }
            named.push(found);
        }
        for (i, turn) in list.iter().enumerate() {
            let record = sources.get(turn.span.document.as_str());
            let mut about: HashSet<String> = HashSet::new();
            let mut link = |target: &str, via: &str, cue: Option<&str>, spans: Vec<Span>| {
                let pair = (turn.key.to_owned(), target.to_owned());
                if mentioned.contains(&pair)
                    || known_about.contains(&pair)
                    || !about.insert(target.to_owned())
                    || turn.speaker == Some(target)
                {
                    return;
                }
                let mut edge = Edge::new(turn.key, EdgeKind::About, target, spans[0].clone())
                    .with("basis", "context")
                    .with("via", via);
                edge.provenance.extend(spans.into_iter().skip(1));
                if let Some(cue) = cue {
                    edge = edge.with("cue", cue);
                }
                added.push(edge);
            };
            // Under an item that discusses a document.
            let from_item = turn
                .item
                .and_then(|item| discussed.get(item).map(|d| (item, d)));
            if let Some((item, docs)) = from_item {
                for (doc, title) in docs {
                    link(doc, item, None, vec![turn.span.clone(), (*title).clone()]);
                }
            } else if let Some(cue) = BACK_REFERENCE.find(turn.text) {
                // The nearest earlier naming of a document, in this turn or before.
                let earlier = (i.saturating_sub(ANTECEDENT_TURNS)..=i)
                    .rev()
                    .filter(|&j| list[j].item == turn.item)
                    .find_map(|j| named[j].last().map(|(doc, span)| (j, *doc, span.clone())));
                if let Some((j, doc, antecedent)) = earlier.filter(|(j, _, _)| *j != i) {
                    let cue_span = quote_in(record, turn.span, cue.as_str());
                    link(
                        doc,
                        list[j].key,
                        Some(cue.as_str()),
                        vec![cue_span, antecedent],
                    );
                }
            }
            // "the Commissioner": the one speaker of this meeting so labelled.
            let context = meeting_of.get(turn.key).copied().unwrap_or(transcript);
            if let Some(by_role) = roles.get(context) {
                let heads: Vec<&str> = by_role.keys().map(String::as_str).collect();
                let places = find_roles(turn.text, &heads);
                for ((head, holders), at) in by_role.iter().zip(places) {
                    let [(person, label)] = holders.as_slice() else {
                        continue;
                    };
                    let Some(at) = at else {
                        continue;
                    };
                    let cue = &turn.text[at..at + 4 + head.len()];
                    let cue_span = quote_in(record, turn.span, cue);
                    let via = label_statement
                        .get(&(context, *person))
                        .copied()
                        .unwrap_or(person);
                    link(person, via, Some(cue), vec![cue_span, (*label).clone()]);
                }
            }
        }
    }
    edges.extend(added);
}

/// The head of a role as labelled, the words a text uses to refer to its
/// holder: "Commissioner of Police of the Metropolis" → "Commissioner",
/// "Deputy Mayor for Policing and Crime" → "Deputy Mayor". Roles of one
/// word that every member holds ("Chair" aside) are no reference.
fn role_head(role: &str) -> Option<String> {
    let role = role.split([',', ';', '(']).next()?.trim();
    let words: Vec<&str> = role
        .split_whitespace()
        .take_while(|w| !["of", "for", "to", "at", "and", "-", "–"].contains(w))
        .collect();
    let capitalised = words.iter().all(|w| w.starts_with(char::is_uppercase));
    if words.is_empty() || words.len() > 3 || !capitalised {
        return None;
    }
    Some(words.join(" "))
}

/// Where each of `heads` first stands in a text as "the {head}", a whole
/// phrase and not the end of a longer title ("the Deputy Commissioner" is
/// no "the Commissioner"). One pass over the text for every head: this runs
/// for every turn of every meeting at each start-up.
fn find_roles(text: &str, heads: &[&str]) -> Vec<Option<usize>> {
    let mut found = vec![None; heads.len()];
    let mut left = heads.len();
    let bytes = text.as_bytes();
    for (at, _) in text.match_indices("he ") {
        if left == 0 {
            break;
        }
        // "the " or "The ", not the end of a word ("bathe ").
        let Some(start) = at.checked_sub(1) else {
            continue;
        };
        if !matches!(bytes[start], b't' | b'T')
            || text[..start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let rest = &text[at + 3..];
        for (place, head) in found.iter_mut().zip(heads) {
            let whole = rest
                .strip_prefix(head)
                .is_some_and(|after| !after.chars().next().is_some_and(char::is_alphanumeric));
            if place.is_none() && whole {
                *place = Some(start);
                left -= 1;
            }
        }
    }
    found
}

/// The span of `written` on the first line of a statement's span that holds
/// it, or the statement's own span when no line does (it runs over a break).
fn quote_in(src: Option<&Source<'_>>, within: &Span, written: &str) -> Span {
    if let Some(src) = src {
        for n in within.first_line as usize..=(within.last_line as usize).min(src.len()) {
            if src.line(n).contains(written) {
                return src.quote_line(n, written);
            }
        }
    }
    within.clone()
}

/// Document titles by slug, for agenda items titled as a document is.
fn document_titles(nodes: &[Node]) -> HashMap<String, Vec<&str>> {
    let mut out: HashMap<String, Vec<&str>> = HashMap::new();
    for node in nodes.iter().filter(|n| is_named_document(n)) {
        for name in std::iter::once(&node.name).chain(&node.aliases) {
            out.entry(slug(name)).or_default().push(&node.key);
        }
    }
    out
}

/// Words that make a title a document's rather than a phrase of running
/// text ("violence against women and girls") or a name.
const DOCUMENT_NOUNS: &[&str] = &[
    "review",
    "report",
    "inquiry",
    "inspection",
    "strategy",
    "plan",
    "bill",
    "act",
    "survey",
    "guidance",
    "protocol",
    "framework",
    "assessment",
    "statistics",
    "programme",
    "response",
];

/// Documents with a title worth looking for in running text: reports and
/// outside documents titled as documents are, not parts of a pack
/// ("Minutes") and not link texts that are a person's or a body's name.
fn is_named_document(node: &Node) -> bool {
    let name = node.name.as_str();
    node.kind == NodeKind::Document
        && (node.key.starts_with("report/") || node.key.starts_with("document/external/"))
        && name.split_whitespace().count() >= 3
        && name
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| DOCUMENT_NOUNS.contains(&w.to_lowercase().as_str()))
        && !crate::orgs::Orgs::looks_like_org(name)
}

/// The ways a statement can name a document explicitly.
struct DocumentPatterns<'a> {
    /// Folded title or alias → document key.
    titles: Vec<(String, &'a str)>,
    /// Author's surname → the documents citations give that author.
    authors: HashMap<String, Vec<&'a str>>,
}

impl<'a> DocumentPatterns<'a> {
    fn new(nodes: &'a [Node]) -> DocumentPatterns<'a> {
        let mut titles = Vec::new();
        let mut authors: HashMap<String, Vec<&str>> = HashMap::new();
        for node in nodes.iter().filter(|n| is_named_document(n)) {
            for name in std::iter::once(&node.name).chain(&node.aliases) {
                titles.push((name.to_lowercase(), node.key.as_str()));
            }
            if let Some(by) = node.prop("by") {
                if let Some(surname) = super::same_document::person_surname(by) {
                    let list = authors.entry(surname).or_default();
                    if !list.contains(&node.key.as_str()) {
                        list.push(&node.key);
                    }
                }
            }
        }
        // Longest titles first, so a title is not found inside a longer one.
        titles.sort_by_key(|(t, _)| std::cmp::Reverse(t.len()));
        DocumentPatterns { titles, authors }
    }

    /// (document, words as written, rule) for each document a text names.
    fn find(&self, text: &str) -> Vec<(&'a str, String, &'static str)> {
        let lower = text.to_lowercase();
        let mut out: Vec<(&str, String, &str)> = Vec::new();
        for (title, doc) in &self.titles {
            if out.iter().any(|(d, _, _)| d == doc) {
                continue;
            }
            // Lower-casing keeps byte offsets for the ASCII-and-quotes text of titles.
            if let Some(at) = lower
                .find(title.as_str())
                .filter(|_| lower.len() == text.len())
            {
                out.push((doc, text[at..at + title.len()].to_owned(), "title"));
            }
        }
        for found in POSSESSIVE_AUTHOR.captures_iter(text) {
            if let Some([doc]) = self.authors.get(&found[1]).map(Vec::as_slice) {
                if !out.iter().any(|(d, _, _)| d == doc) {
                    out.push((doc, found[0].to_owned(), "author"));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_heads_are_the_words_that_refer_to_a_holder() {
        assert_eq!(
            role_head("Commissioner of Police of the Metropolis").as_deref(),
            Some("Commissioner")
        );
        assert_eq!(
            role_head("Deputy Mayor for Policing and Crime").as_deref(),
            Some("Deputy Mayor")
        );
        assert_eq!(
            role_head("Lead Reviewer, Baroness Casey Review").as_deref(),
            Some("Lead Reviewer")
        );
        assert_eq!(role_head("former member of staff"), None);
        assert_eq!(
            find_roles("said the Deputy Commissioner", &["Commissioner"]),
            vec![None]
        );
        assert_eq!(
            find_roles(
                "The Deputy Mayor and the Commissioner; bathe Commissioner",
                &["Commissioner", "Deputy Mayor", "Mayor", "Chair"]
            ),
            vec![Some(21), Some(0), None, None]
        );
        assert_eq!(
            find_roles("as the Commissioners said", &["Commissioner"]),
            vec![None]
        );
    }

    #[test]
    fn back_references_are_definite_phrases() {
        for yes in [
            "your review",
            "the report",
            "These recommendations",
            "her final report",
        ] {
            assert!(BACK_REFERENCE.is_match(yes), "{yes}");
        }
        for no in ["a report", "reviewed", "the reporting"] {
            assert!(!BACK_REFERENCE.is_match(no), "{no}");
        }
    }
}
