//! Link: the cross-document step run when the graph is built from the
//! store, after every document's fragments are merged.
//!
//! A document can only name what another document holds. A response names
//! the report it answers by title, often shortened ("the rapid review into
//! data on mental health inpatient settings" for "Rapid review into data on
//! mental health inpatient settings: final report and recommendations"), so
//! its `responds-to` edges point at `report/{slug of the name}/recommendation/N`.
//! Here such an edge, whose target no document defines, is pointed at the
//! one report whose title slug begins with that name (or that the name
//! begins with) and that has recommendation N. The edge keeps its span in
//! the response, and says how it was linked (`linked_by: report-title`).
//!
//! An organisation one document defines by abbreviation ("Territorial
//! Support Group (TSG)") is named by it in others that never spell it out.
//! Here every whole-word use of a defined abbreviation, in any document (the
//! defining one too, where its own parse linked no statement to it),
//! mentions the organisation: from the statement whose lines hold it, else
//! from the document (`linked_by: abbreviation`, `defined_in` the defining
//! document). The organisation becomes a node if no parser made one.
//!
//! Running at build time keeps ingest order free: the response may come
//! before or after its report, the definition before or after its uses.

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
    // Statements by document: (first line, last line, key).
    let mut statements: HashMap<&str, Vec<(u32, u32, &str)>> = HashMap::new();
    for node in nodes.iter().filter(|n| n.kind == NodeKind::Statement) {
        if let Some(span) = node.provenance.first() {
            statements.entry(span.document.as_str()).or_default().push((
                span.first_line,
                span.last_line,
                node.key.as_str(),
            ));
        }
    }
    let mut added = Vec::new();
    for id in &ids {
        let src = Source::new(id, &documents[*id].text);
        for n in 1..=src.len() {
            let line = src.line(n);
            for (abbr, (key, _, definition)) in &defined {
                if !has_word(line, abbr) {
                    continue;
                }
                let source = statements
                    .get(id.as_str())
                    .and_then(|s| {
                        s.iter()
                            .find(|(a, b, _)| *a as usize <= n && n <= *b as usize)
                    })
                    .map_or_else(|| crate::keys::document(id), |(_, _, k)| (*k).to_owned());
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

/// Whether `word` stands in `line` as a whole word.
fn has_word(line: &str, word: &str) -> bool {
    line.match_indices(word).any(|(at, _)| {
        let before = line[..at].chars().next_back();
        let after = line[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Resolves `responds-to` edges whose target report is named by a shortened title.
pub fn resolve_report_titles(nodes: &[Node], edges: &mut [Edge]) {
    let keys: HashSet<&str> = nodes.iter().map(|n| n.key.as_str()).collect();
    // Reports are documents keyed `report/{title slug}`.
    let reports: Vec<&str> = nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Document && n.key.starts_with("report/"))
        .map(|n| n.key.as_str())
        .filter(|k| !crate::keys::path(k).contains('/'))
        .collect();
    for edge in edges.iter_mut() {
        if edge.kind != EdgeKind::RespondsTo || keys.contains(edge.target.as_str()) {
            continue;
        }
        let Some((named, number)) = crate::keys::split_recommendation(&edge.target) else {
            continue;
        };
        // Whole words only: "rapid-review" begins "rapid-review-of-data", not "rapid-reviewing".
        let prefix_of = |long: &str, short: &str| {
            long.strip_prefix(short)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('-'))
        };
        let candidates: Vec<String> = reports
            .iter()
            .filter(|r| prefix_of(r, named) || prefix_of(named, r))
            .map(|r| crate::keys::recommendation(r, number))
            .filter(|k| keys.contains(k.as_str()))
            .collect();
        if let [only] = candidates.as_slice() {
            edge.target = only.clone();
            edge.props
                .insert("linked_by".to_owned(), "report-title".to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    fn span() -> Span {
        Span {
            document: "d".into(),
            first_line: 1,
            last_line: 1,
            quote: "q".into(),
        }
    }

    #[test]
    fn a_shortened_title_finds_its_report() {
        let nodes = vec![
            Node::new(
                "report/rapid-review-of-data-final-report",
                NodeKind::Document,
                "R",
                span(),
            ),
            Node::new(
                "report/rapid-review-of-data-final-report/recommendation/2",
                NodeKind::Recommendation,
                "2",
                span(),
            ),
            Node::new("report/rapid-reviewing", NodeKind::Document, "S", span()),
            Node::new("response/x/2/y", NodeKind::Response, "r", span()),
        ];
        let mut edges = vec![
            Edge::new(
                "response/x/2/y",
                EdgeKind::RespondsTo,
                "report/rapid-review-of-data/recommendation/2",
                span(),
            ),
            Edge::new(
                "response/x/3/y",
                EdgeKind::RespondsTo,
                "report/rapid-review-of-data/recommendation/3",
                span(),
            ),
            Edge::new(
                "response/x/2/y",
                EdgeKind::RespondsTo,
                "report/rapid/recommendation/2",
                span(),
            ),
        ];
        resolve_report_titles(&nodes, &mut edges);
        assert_eq!(
            edges[0].target,
            "report/rapid-review-of-data-final-report/recommendation/2"
        );
        assert_eq!(edges[0].prop("linked_by"), Some("report-title"));
        // No recommendation 3: left as it was (a dangling edge the graph counts).
        assert_eq!(
            edges[1].target,
            "report/rapid-review-of-data/recommendation/3"
        );
        assert_eq!(
            edges[2].target,
            "report/rapid-review-of-data-final-report/recommendation/2"
        );
    }

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
