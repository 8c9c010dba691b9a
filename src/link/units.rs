//! Units of a kind one document defines by a plural ("Basic Command Units
//! (BCUs)") are named by their area there and in documents that never
//! spell the kind out ("an officer from South west BCU", "the BCU South
//! West"): each is an organisation, one node however its area is written.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use super::abbreviations::{source_at, statements_by_document};
use crate::model::{Edge, EdgeKind, Node, NodeKind, Span};
use crate::orgs::Orgs;
use crate::store::DocumentRecord;
use crate::text::Source;

/// Makes every unit named by its area a node, mentioned where it is named.
pub fn units_across_documents(
    nodes: &mut Vec<Node>,
    edges: &mut Vec<Edge>,
    documents: &HashMap<String, Arc<DocumentRecord>>,
) {
    let mut ids: Vec<&String> = documents.keys().collect();
    ids.sort();
    // Kind (singular abbreviation) → the document that defines it.
    let mut kinds: BTreeMap<String, String> = BTreeMap::new();
    for id in &ids {
        for kind in Orgs::kinds_defined(&documents[*id].text) {
            kinds.entry(kind).or_insert_with(|| (*id).clone());
        }
    }
    if kinds.is_empty() {
        return;
    }
    let kind_list: Vec<String> = kinds.keys().cloned().collect();
    // (document, line, as written, canonical name, kind)
    let mut found: Vec<(&str, usize, &str, String, &str)> = Vec::new();
    for id in &ids {
        let src = Source::new(id, &documents[*id].text);
        for n in 1..=src.len() {
            for written in Orgs::units_of_kind(src.line(n), &kind_list) {
                let (name, kind) = canonical(written, &kind_list);
                found.push((id.as_str(), n, written, name, kind));
            }
        }
    }
    let mut keys: HashSet<String> = nodes.iter().map(|n| n.key.clone()).collect();
    for (id, n, written, name, _) in &found {
        let key = crate::keys::organisation(name);
        let src = Source::new(id, &documents[*id].text);
        if keys.insert(key.clone()) {
            nodes.push(Node::new(
                key.clone(),
                NodeKind::Organisation,
                name.clone(),
                src.quote_line(*n, written),
            ));
        }
        if let Some(node) = nodes.iter_mut().find(|node| node.key == key) {
            if node.name != *written {
                node.aliases.insert((*written).to_owned());
            }
        }
    }
    let statements = statements_by_document(nodes);
    let mut linked: HashSet<(String, String)> = edges
        .iter()
        .filter(|e| e.kind == EdgeKind::Mentions)
        .map(|e| (e.source.clone(), e.target.clone()))
        .collect();
    let mut added = Vec::new();
    for (id, n, written, name, kind) in &found {
        let key = crate::keys::organisation(name);
        let source = source_at(&statements, id, *n);
        if !linked.insert((source.clone(), key.clone())) {
            continue;
        }
        let span: Span = Source::new(id, &documents[*id].text).quote_line(*n, written);
        added.push(
            Edge::new(source, EdgeKind::Mentions, key, span)
                .with("as_written", (*written).to_owned())
                .with("linked_by", "unit-of-kind")
                .with("defined_in", kinds[*kind].clone()),
        );
    }
    edges.extend(added);
}

/// "South west BCU" and "BCU South West" are "South West BCU": the area's
/// words capitalised, before the kind. Returns the name and its kind.
fn canonical<'k>(written: &str, kinds: &'k [String]) -> (String, &'k str) {
    let words: Vec<&str> = written.split(' ').collect();
    let kind = kinds
        .iter()
        .find(|k| words.first() == Some(&k.as_str()) || words.last() == Some(&k.as_str()))
        .map_or("", String::as_str);
    let area: Vec<String> = words
        .iter()
        .filter(|w| **w != kind)
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect();
    (format!("{} {kind}", area.join(" ")), kind)
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
    fn units_named_by_their_area_are_one_node_each_across_documents() {
        let documents: HashMap<String, Arc<DocumentRecord>> = [
            record("a", "The force has 12 Basic Command Units (BCUs).\nThe North East BCU met."),
            record("b", "An officer from South west BCU spoke.\nThe BCU South West went live.\nEach BCU has a lead; the East BCU Commander chaired."),
        ]
        .into_iter()
        .collect();
        let (mut nodes, mut edges) = (Vec::new(), Vec::new());
        units_across_documents(&mut nodes, &mut edges, &documents);
        let mut names: Vec<&str> = nodes.iter().map(|n| n.name.as_str()).collect();
        names.sort();
        // A post ("the East BCU Commander") and the kind alone name no unit.
        assert_eq!(names, ["North East BCU", "South West BCU"]);
        let south = nodes.iter().find(|n| n.name == "South West BCU").unwrap();
        assert!(
            south.aliases.contains("BCU South West") && south.aliases.contains("South west BCU")
        );
        // Each edge quotes the unit as written on its line.
        for edge in &edges {
            let text = &documents[&edge.provenance[0].document].text;
            let line = text
                .lines()
                .nth(edge.provenance[0].first_line as usize - 1)
                .unwrap();
            assert!(line.contains(&edge.provenance[0].quote));
            assert_eq!(edge.prop("defined_in"), Some("a"));
        }
        assert_eq!(edges.len(), 2, "one mention per document and unit");
    }
}
