//! Whole-graph exports. JSON for now: the shape is documented in the README and
//! is a boundary for integrations, so change it on purpose.

use std::io::Write;

use serde::Serialize;

use crate::index::Graph;
use crate::model::{Edge, Node, Span};

/// One node as exported.
#[derive(Serialize)]
struct ExportNode<'a> {
    id: &'a str,
    iri: String,
    kind: &'a str,
    name: &'a str,
    aliases: &'a std::collections::BTreeSet<String>,
    properties: &'a std::collections::BTreeMap<String, String>,
    provenance: &'a [Span],
}

/// One edge as exported.
#[derive(Serialize)]
struct ExportEdge<'a> {
    source: &'a str,
    target: &'a str,
    kind: &'a str,
    properties: &'a std::collections::BTreeMap<String, String>,
    provenance: &'a [Span],
}

/// The whole export.
#[derive(Serialize)]
struct Export<'a> {
    nodes: Vec<ExportNode<'a>>,
    edges: Vec<ExportEdge<'a>>,
}

fn node<'a>(base: &str, n: &'a Node) -> ExportNode<'a> {
    ExportNode {
        id: &n.key,
        iri: crate::iri(base, &n.key),
        kind: n.kind.as_str(),
        name: &n.name,
        aliases: &n.aliases,
        properties: &n.props,
        provenance: &n.provenance,
    }
}

fn edge(e: &Edge) -> ExportEdge<'_> {
    ExportEdge {
        source: &e.source,
        target: &e.target,
        kind: e.kind.as_str(),
        properties: &e.props,
        provenance: &e.provenance,
    }
}

/// Writes the graph as pretty JSON: nodes in key order, edges in key order, so
/// two exports of the same graph are byte-identical.
pub fn write_json(graph: &Graph, base: &str, out: impl Write) -> serde_json::Result<()> {
    let mut edges: Vec<&Edge> = graph.edges().collect();
    edges.sort_by_key(|e| e.key());
    let export = Export {
        nodes: graph.nodes().map(|n| node(base, n)).collect(),
        edges: edges.into_iter().map(edge).collect(),
    };
    serde_json::to_writer_pretty(out, &export)
}
