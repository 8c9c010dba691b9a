//! Shared test helpers: the seed ingested once into a temporary store, and a
//! `query` helper that runs GraphQL through the schema without a socket.

#![allow(dead_code)] // Each test crate uses a different subset.

use std::path::PathBuf;
use std::sync::OnceLock;

use scrutiny::api::{build_schema, ApiConfig, ScrutinySchema};
use scrutiny::index::{Graph, SharedGraph};
use scrutiny::ingest::ingest_paths;
use scrutiny::store::Store;
use serde_json::Value;

pub const BASE: &str = "http://scrutiny.test";

pub fn seed_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seed")
}

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Ingests paths into a fresh temporary store, panicking on any failed file.
pub fn ingest_fresh(paths: &[PathBuf]) -> Store {
    let store = Store::temporary().expect("temporary store");
    for report in ingest_paths(&store, paths).expect("ingest") {
        assert!(report.result.is_ok(), "{report}");
    }
    store
}

/// The seed graph, built once per test binary.
pub fn seed_graph() -> &'static SharedGraph {
    static GRAPH: OnceLock<SharedGraph> = OnceLock::new();
    GRAPH.get_or_init(|| {
        let store = ingest_fresh(&[seed_dir()]);
        SharedGraph::new(Graph::load(&store).expect("load"))
    })
}

pub fn seed_schema() -> ScrutinySchema {
    build_schema(seed_graph().clone(), ApiConfig::new(BASE.to_owned()))
}

/// Runs a query over the seed graph; panics on GraphQL errors.
pub fn query(q: &str) -> Value {
    let response = futures_block_on(seed_schema().execute(q));
    assert!(response.errors.is_empty(), "errors: {:?}", response.errors);
    response.data.into_json().expect("json")
}

/// Runs a query over a fresh graph of the given files and folders.
pub fn query_over(paths: &[PathBuf], q: &str) -> Value {
    run(&schema_over(paths), q)
}

/// The schema over a fresh graph of the given files and folders, for a test
/// that asks several questions of one graph.
pub fn schema_over(paths: &[PathBuf]) -> ScrutinySchema {
    let store = ingest_fresh(paths);
    let graph = SharedGraph::new(Graph::load(&store).expect("load"));
    build_schema(graph, ApiConfig::new(BASE.to_owned()))
}

/// Runs a query that must succeed, giving its data.
pub fn run(schema: &ScrutinySchema, q: &str) -> Value {
    let response = futures_block_on(schema.execute(q));
    assert!(response.errors.is_empty(), "errors: {:?}", response.errors);
    response.data.into_json().expect("json")
}

/// Runs a query and returns the whole response (data and errors) as JSON.
pub fn query_response(q: &str) -> Value {
    let response = futures_block_on(seed_schema().execute(q));
    serde_json::to_value(&response).expect("json")
}

pub fn futures_block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(future)
}

/// The text of a seed file.
pub fn seed_text(file: &str) -> String {
    std::fs::read_to_string(seed_dir().join(file)).expect("seed file")
}

/// Export of a store as JSON text.
pub fn export(store: &Store) -> String {
    let graph = Graph::load(store).expect("load");
    let mut out = Vec::new();
    scrutiny::export::write_json(&graph, BASE, &mut out).expect("export");
    String::from_utf8(out).expect("utf-8")
}

/// A phrase to search a document by: the longest line of its text (by
/// words), and two words side by side from its middle on (plain words of
/// more than three letters). Returns the line's number (1-based), the line
/// and the phrase; `None` when the line has no such pair.
pub fn phrase_of_longest_line(text: &str) -> Option<(u32, &str, String)> {
    let (index, line) = text
        .lines()
        .enumerate()
        .max_by_key(|(_, l)| l.split_whitespace().count())?;
    let words: Vec<&str> = line
        .split_whitespace()
        .filter(|w| w.chars().all(char::is_alphabetic) && w.len() > 3)
        .collect();
    let phrase = (words.len() / 2..words.len().saturating_sub(1)).find_map(|i| {
        let pair = format!("{} {}", words[i], words[i + 1]);
        line.contains(&pair).then_some(pair)
    })?;
    Some((index as u32 + 1, line, phrase))
}

/// The list under a heading naming a call for evidence: the heading's line
/// index and the list items' texts, as the raw text writes them.
pub fn call_for_evidence_list(lines: &[&str]) -> (usize, Vec<String>) {
    let at = lines
        .iter()
        .position(|l| l.starts_with('#') && l.contains("call for evidence"))
        .expect("a call for evidence heading");
    let items = lines[at + 1..]
        .iter()
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| l.starts_with("- "))
        .map(|l| l[2..].trim().to_owned())
        .collect();
    (at, items)
}

/// A document's lines, numbered as provenance numbers them: every line,
/// read in as many calls as `sourceText` needs.
pub fn lines_of(schema: &ScrutinySchema, document: &str) -> Vec<(u64, String)> {
    let mut lines = Vec::new();
    let mut from = 1;
    loop {
        let data = run(
            schema,
            &format!(
                r#"{{ sourceText(document: "{document}", from: {from}) {{ lineCount to lines {{ number text }} }} }}"#
            ),
        );
        let text = &data["sourceText"];
        lines.extend(text["lines"].as_array().unwrap().iter().map(|l| {
            (
                l["number"].as_u64().unwrap(),
                l["text"].as_str().unwrap().to_owned(),
            )
        }));
        let to = text["to"].as_u64().unwrap();
        if to >= text["lineCount"].as_u64().unwrap() {
            return lines;
        }
        from = to + 1;
    }
}

/// Every node of a connection, over all its pages: `field` is the query's
/// field with its arguments but for paging (`documents`, `organisations`),
/// `selection` what to read of each node.
pub fn all_nodes(schema: &ScrutinySchema, field: &str, selection: &str) -> Vec<Value> {
    let mut nodes = Vec::new();
    let mut after = String::new();
    loop {
        let data = run(
            schema,
            &format!(
                r#"{{ {field}(first: 100{after}) {{ edges {{ node {{ {selection} }} }} pageInfo {{ hasNextPage endCursor }} }} }}"#
            ),
        );
        let page = &data[field];
        nodes.extend(
            page["edges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["node"].clone()),
        );
        if page["pageInfo"]["hasNextPage"] != Value::Bool(true) {
            return nodes;
        }
        after = format!(
            r#", after: "{}""#,
            page["pageInfo"]["endCursor"].as_str().unwrap()
        );
    }
}

/// The source documents of the graph: every id provenance names.
pub fn documents(schema: &ScrutinySchema) -> Vec<String> {
    let ids: std::collections::BTreeSet<String> =
        all_nodes(schema, "documents", "provenance { documentId }")
            .iter()
            .flat_map(|n| n["provenance"].as_array().unwrap().clone())
            .map(|p| p["documentId"].as_str().unwrap().to_owned())
            .collect();
    ids.into_iter().collect()
}
