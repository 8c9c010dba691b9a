//! An organisation one document defines by abbreviation ("Territorial
//! Support Group (TSG)") is named by it in others that never spell it out.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use crate::model::{Edge, EdgeKind, Node, NodeKind, Span};
use crate::orgs::Orgs;
use crate::store::DocumentRecord;
use crate::text::Source;

/// Links every use of an abbreviation some document defines to its organisation.
pub fn abbreviations_across_documents(
    nodes: &mut Vec<Node>,
    edges: &mut Vec<Edge>,
    documents: &HashMap<String, Arc<DocumentRecord>>,
) {
    let mut ids: Vec<&String> = documents.keys().collect();
    ids.sort();
    let orgs = Orgs::default();
    // abbreviation → (organisation key, canonical name, defining span)
    let mut defined: BTreeMap<String, (String, String, Span)> = BTreeMap::new();
    // Abbreviations two documents define as two organisations ("PCC" for a
    // committee and for a commissioner) say nothing outside their documents.
    let mut ambiguous: HashSet<String> = HashSet::new();
    for id in &ids {
        let text = &documents[*id].text;
        let src = Source::new(id, text);
        for (abbr, full, canonical) in orgs.definitions(text) {
            let key = crate::keys::organisation(&canonical);
            if let Some((other, _, _)) = defined.get(&abbr) {
                if *other != key {
                    ambiguous.insert(abbr);
                }
                continue;
            }
            let written = format!("{full} ({abbr})");
            let Some(n) = (1..=src.len()).find(|&n| src.line(n).contains(&written)) else {
                continue;
            };
            defined.insert(abbr, (key, canonical, src.quote_line(n, &written)));
        }
    }
    defined.retain(|abbr, _| !ambiguous.contains(abbr));
    if defined.is_empty() {
        return;
    }
    let mut keys: HashSet<String> = nodes.iter().map(|n| n.key.clone()).collect();
    for (abbr, (key, name, span)) in &defined {
        // A body already a node ("a Probation Homelessness Prevention Team
        // (HPT)" found in the text) is known by its abbreviation too.
        if let Some(node) = nodes.iter_mut().find(|n| n.key == *key) {
            if node.name != *abbr {
                node.aliases.insert(abbr.clone());
            }
        }
        if keys.insert(key.clone()) {
            nodes.push(
                Node::new(
                    key.clone(),
                    NodeKind::Organisation,
                    name.clone(),
                    span.clone(),
                )
                .alias(abbr.clone()),
            );
        }
    }
    let mut linked: HashSet<(String, String)> = edges
        .iter()
        .filter(|e| e.kind == EdgeKind::Mentions)
        .map(|e| (e.source.clone(), e.target.clone()))
        .collect();
    let statements = statements_by_document(nodes);
    let mut added = Vec::new();
    for id in &ids {
        let src = Source::new(id, &documents[*id].text);
        for n in 1..=src.len() {
            let line = src.line(n);
            for (abbr, (key, _, definition)) in &defined {
                if !has_word(line, abbr) {
                    continue;
                }
                let source = source_at(&statements, id, n);
                if source == *key || !linked.insert((source.clone(), key.clone())) {
                    continue;
                }
                added.push(
                    Edge::new(
                        source,
                        EdgeKind::Mentions,
                        key.clone(),
                        src.quote_line(n, abbr),
                    )
                    .with("as_written", abbr.clone())
                    .with("linked_by", "abbreviation")
                    .with("defined_in", definition.document.clone()),
                );
            }
        }
    }
    edges.extend(added);
}

/// Statements by document: (first line, last line, key).
pub(super) type Statements<'n> = HashMap<&'n str, Vec<(u32, u32, &'n str)>>;

/// The statements of every document, by their lines.
pub(super) fn statements_by_document(nodes: &[Node]) -> Statements<'_> {
    let mut statements: Statements<'_> = HashMap::new();
    for node in nodes.iter().filter(|n| n.kind == NodeKind::Statement) {
        if let Some(span) = node.provenance.first() {
            statements.entry(span.document.as_str()).or_default().push((
                span.first_line,
                span.last_line,
                node.key.as_str(),
            ));
        }
    }
    statements
}

/// What line `n` of document `id` is said in: the statement whose lines
/// hold it, else the document.
pub(super) fn source_at(statements: &Statements<'_>, id: &str, n: usize) -> String {
    statements
        .get(id)
        .and_then(|s| {
            s.iter()
                .find(|(a, b, _)| *a as usize <= n && n <= *b as usize)
        })
        .map_or_else(|| crate::keys::document(id), |(_, _, k)| (*k).to_owned())
}

/// Whether `word` stands in `line` as a whole word.
fn has_word(line: &str, word: &str) -> bool {
    line.match_indices(word).any(|(at, _)| {
        let before = line[..at].chars().next_back();
        let after = line[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, text: &str) -> (String, Arc<DocumentRecord>) {
        let record = DocumentRecord {
            meta: crate::parse::DocumentMeta {
                id: id.to_owned(),
                ..Default::default()
            },
            sha256: String::new(),
            text: text.to_owned(),
            nodes: Default::default(),
            edges: Default::default(),
            reading: Default::default(),
        };
        (id.to_owned(), Arc::new(record))
    }

    #[test]
    fn abbreviations_reach_other_documents_unless_two_define_them_apart() {
        let documents: HashMap<String, Arc<DocumentRecord>> = [
            record("a", "The Territorial Support Group (TSG) patrols.\nThe Police and Crime Committee (PCC) met."),
            record("b", "The Police and Crime Commission (PCC) sat."),
            record("c", "TSG officers attended. The PCC asked."),
        ]
        .into_iter()
        .collect();
        let (mut nodes, mut edges) = (Vec::new(), Vec::new());
        abbreviations_across_documents(&mut nodes, &mut edges, &documents);
        let linked: Vec<(&str, &str)> = edges
            .iter()
            .map(|e| (e.source.as_str(), e.provenance[0].quote.as_str()))
            .collect();
        // The definition is a use too; "PCC", defined apart in a and b, is linked nowhere.
        assert_eq!(linked, [("document/a", "TSG"), ("document/c", "TSG")]);
        assert!(edges
            .iter()
            .all(|e| e.target == "organisation/territorial-support-group"));
        assert_eq!(edges[1].prop("defined_in"), Some("a"));
        // The organisation is a node, quoting its definition.
        assert!(nodes
            .iter()
            .any(|n| n.key == edges[0].target && n.provenance[0].quote.contains("(TSG)")));
    }
}
