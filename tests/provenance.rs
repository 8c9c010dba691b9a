//! The provenance contract over the whole seed graph: every node and edge has a
//! span, and every quote is a byte-exact substring of the stated lines.

mod common;

use scrutiny::model::Span;

/// Lines `first..=last` of `text`, cut independently of the library's `Source`.
fn lines(text: &str, first: u32, last: u32) -> Option<String> {
    let all: Vec<&str> = text.split('\n').collect();
    if first == 0 || last < first || last as usize > all.len() {
        return None;
    }
    Some(all[first as usize - 1..last as usize].join("\n"))
}

fn check(what: &str, spans: &[Span], graph: &scrutiny::index::Graph) -> Result<(), String> {
    if spans.is_empty() {
        return Err(format!("{what}: no provenance"));
    }
    for span in spans {
        let doc = graph
            .document(&span.document)
            .ok_or_else(|| format!("{what}: unknown document {}", span.document))?;
        let text = lines(&doc.text, span.first_line, span.last_line).ok_or_else(|| {
            format!(
                "{what}: lines {}-{} outside {}",
                span.first_line, span.last_line, span.document
            )
        })?;
        if span.quote.is_empty() || !text.contains(&span.quote) {
            return Err(format!(
                "{what}: quote {:?} not in {}:{}-{}",
                span.quote, span.document, span.first_line, span.last_line
            ));
        }
    }
    Ok(())
}

#[test]
fn every_quote_is_in_its_lines() {
    let graph = common::seed_graph().snapshot();
    let mut failures = Vec::new();
    for node in graph.nodes() {
        if let Err(e) = check(&node.key, &node.provenance, &graph) {
            failures.push(e);
        }
    }
    for edge in graph.edges() {
        if let Err(e) = check(&edge.key(), &edge.provenance, &graph) {
            failures.push(e);
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures, first: {:?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
    assert!(
        graph.graph.node_count() > 400 && graph.graph.edge_count() > 1000,
        "the seed yields a real graph"
    );
    assert_eq!(graph.dangling_edges, 0, "every edge joins two stored nodes");
}

#[test]
fn stored_documents_are_byte_identical_to_the_files() {
    let graph = common::seed_graph().snapshot();
    let mut n = 0;
    for doc in graph.documents() {
        let file = doc.meta.original_file_name.as_deref().expect("file name");
        assert_eq!(doc.text, common::seed_text(file), "{file}");
        n += 1;
    }
    assert_eq!(n, 5);
}

#[test]
fn statement_quotes_cover_the_whole_turn() {
    let data = common::query(
        r#"{ statements(filter: {speaker: "Kenny Bowie"}, first: 100) { edges { node { text provenance { quote } } } } }"#,
    );
    for edge in data["statements"]["edges"].as_array().unwrap() {
        let text = edge["node"]["text"].as_str().unwrap();
        let quote = edge["node"]["provenance"][0]["quote"].as_str().unwrap();
        for paragraph in text.split("\n\n") {
            assert!(
                quote.contains(paragraph),
                "the quote holds every paragraph of the turn"
            );
        }
    }
}
