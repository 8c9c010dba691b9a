//! Exploring the graph: the connection between two nodes and the
//! neighbourhood of one, in shapes a graph-drawing library takes directly.

use async_graphql::{Context, Object, SimpleObject, ID};
use petgraph::graph::{EdgeIndex, NodeIndex};

use super::node::AnyNode;
use super::view::{provenance, Provenance, View};
use super::{error, graph, Code};
use crate::index::Graph;
use crate::model::EdgeKind;

/// Longest path searched.
pub const MAX_HOPS: i32 = 8;
/// Most paths returned by `paths`.
pub const MAX_PATHS: i32 = 10;
/// Most nodes in a neighbourhood.
pub const MAX_NEIGHBOURHOOD: i32 = 500;
/// Partial paths `paths` may visit before it answers with what it found.
const PATH_BUDGET: usize = 200_000;

/// One edge of a path or a neighbourhood, with the places that support it.
pub struct GraphEdge {
    graph: std::sync::Arc<Graph>,
    idx: EdgeIndex,
}

#[Object]
impl GraphEdge {
    /// A stable id: `"{source} {kind} {target}"`.
    async fn id(&self) -> ID {
        ID(self.graph.edge(self.idx).key())
    }

    /// The relation ("spoke", "mentions", "addressed-to").
    async fn kind(&self) -> &str {
        self.graph.edge(self.idx).kind.as_str()
    }

    /// Id of the node the edge starts from.
    async fn source(&self) -> &str {
        &self.graph.edge(self.idx).source
    }

    /// Id of the node the edge points at.
    async fn target(&self) -> &str {
        &self.graph.edge(self.idx).target
    }

    /// The node the edge starts from.
    async fn source_node(&self) -> Option<AnyNode> {
        let idx = self.graph.get(&self.graph.edge(self.idx).source)?;
        Some(AnyNode::from_view(View {
            graph: self.graph.clone(),
            idx,
        }))
    }

    /// The node the edge points at.
    async fn target_node(&self) -> Option<AnyNode> {
        let idx = self.graph.get(&self.graph.edge(self.idx).target)?;
        Some(AnyNode::from_view(View {
            graph: self.graph.clone(),
            idx,
        }))
    }

    /// Why the two nodes are connected: document, lines, exact quote.
    async fn provenance(&self) -> Vec<Provenance> {
        provenance(&self.graph, &self.graph.edge(self.idx).provenance)
    }
}

/// A node as a drawing library wants it.
#[derive(SimpleObject)]
pub struct GraphNode {
    /// Global id.
    id: ID,
    /// Label to draw.
    label: String,
    /// Node kind ("person", "statement", …).
    kind: String,
}

/// A subgraph ready to draw.
#[derive(SimpleObject)]
pub struct Subgraph {
    /// Nodes, the centre first, then by distance.
    nodes: Vec<GraphNode>,
    /// Edges among those nodes.
    edges: Vec<GraphEdge>,
    /// Whether the node limit cut the neighbourhood short.
    truncated: bool,
}

/// A path: edges in order from the first node to the last.
#[derive(SimpleObject)]
pub struct Path {
    /// Number of edges.
    length: usize,
    /// The nodes along the path, from the start.
    nodes: Vec<GraphNode>,
    /// The edges, each with its provenance.
    edges: Vec<GraphEdge>,
}

fn node_of(graph: &Graph, idx: NodeIndex) -> GraphNode {
    let node = graph.node(idx);
    GraphNode {
        id: ID(node.key.clone()),
        label: node.name.clone(),
        kind: node.kind.as_str().to_owned(),
    }
}

fn parse_edge_kinds(kinds: Option<Vec<String>>) -> async_graphql::Result<Option<Vec<EdgeKind>>> {
    kinds
        .map(|kinds| {
            kinds
                .iter()
                .map(|k| {
                    EdgeKind::parse(k).ok_or_else(|| {
                        let known: Vec<&str> = EdgeKind::ALL.iter().map(|k| k.as_str()).collect();
                        error(
                            Code::BadUserInput,
                            format!("unknown edge kind {k:?}; known kinds: {}", known.join(", ")),
                        )
                    })
                })
                .collect()
        })
        .transpose()
}

fn node_index(graph: &Graph, id: &ID) -> async_graphql::Result<NodeIndex> {
    graph
        .get(id.as_str())
        .ok_or_else(|| error(Code::NotFound, format!("no node with id {:?}", id.as_str())))
}

fn bounded(name: &str, value: i32, max: i32) -> async_graphql::Result<usize> {
    if value < 0 || value > max {
        return Err(error(
            Code::LimitExceeded,
            format!("`{name}` must be between 0 and {max}, not {value}"),
        ));
    }
    Ok(value as usize)
}

fn graph_edges(graph: &std::sync::Arc<Graph>, edges: Vec<EdgeIndex>) -> Vec<GraphEdge> {
    edges
        .into_iter()
        .map(|idx| GraphEdge {
            graph: graph.clone(),
            idx,
        })
        .collect()
}

fn path_of(graph: &std::sync::Arc<Graph>, from: NodeIndex, edges: Vec<EdgeIndex>) -> Path {
    let mut nodes = vec![node_of(graph, from)];
    let mut at = from;
    for &edge in &edges {
        let (a, b) = graph
            .graph
            .edge_endpoints(edge)
            .expect("edge of this graph");
        at = if a == at { b } else { a };
        nodes.push(node_of(graph, at));
    }
    Path {
        length: edges.len(),
        nodes,
        edges: graph_edges(graph, edges),
    }
}

/// Explorer entry points.
#[derive(Default)]
pub struct ExploreQuery;

#[Object]
impl ExploreQuery {
    /// The shortest connection between two nodes, at most `maxHops` edges
    /// (default 4, at most 8), optionally only along some edge kinds. No
    /// connection is an empty result, not an error.
    async fn path(
        &self,
        ctx: &Context<'_>,
        from: ID,
        to: ID,
        #[graphql(default = 4)] max_hops: i32,
        edge_kinds: Option<Vec<String>>,
    ) -> async_graphql::Result<Option<Path>> {
        let graph = graph(ctx);
        let (start, end) = (node_index(&graph, &from)?, node_index(&graph, &to)?);
        let kinds = parse_edge_kinds(edge_kinds)?;
        let max_hops = bounded("maxHops", max_hops, MAX_HOPS)?;
        Ok(graph
            .shortest_path(start, end, max_hops, kinds.as_deref())
            .map(|edges| path_of(&graph, start, edges)))
    }

    /// Up to `k` (at most 10) shortest simple connections, shortest first.
    async fn paths(
        &self,
        ctx: &Context<'_>,
        from: ID,
        to: ID,
        #[graphql(default = 3)] k: i32,
        #[graphql(default = 4)] max_hops: i32,
        edge_kinds: Option<Vec<String>>,
    ) -> async_graphql::Result<Vec<Path>> {
        let graph = graph(ctx);
        let (start, end) = (node_index(&graph, &from)?, node_index(&graph, &to)?);
        let kinds = parse_edge_kinds(edge_kinds)?;
        let (k, max_hops) = (
            bounded("k", k, MAX_PATHS)?,
            bounded("maxHops", max_hops, MAX_HOPS)?,
        );
        let found = graph.k_paths(start, end, k, max_hops, kinds.as_deref(), PATH_BUDGET);
        Ok(found
            .into_iter()
            .map(|edges| path_of(&graph, start, edges))
            .collect())
    }

    /// The nodes within `depth` edges (default 1, at most 3) of a node, at
    /// most `limit` of them (default 100, at most 500), with the edges among
    /// them; `truncated` says when the limit cut it short.
    async fn neighbourhood(
        &self,
        ctx: &Context<'_>,
        id: ID,
        #[graphql(default = 1)] depth: i32,
        edge_kinds: Option<Vec<String>>,
        #[graphql(default = 100)] limit: i32,
    ) -> async_graphql::Result<Subgraph> {
        let graph = graph(ctx);
        let centre = node_index(&graph, &id)?;
        let kinds = parse_edge_kinds(edge_kinds)?;
        let (depth, limit) = (
            bounded("depth", depth, 3)?,
            bounded("limit", limit, MAX_NEIGHBOURHOOD)?.max(1),
        );
        let (nodes, edges, truncated) = graph.neighbourhood(centre, depth, kinds.as_deref(), limit);
        Ok(Subgraph {
            nodes: nodes.into_iter().map(|idx| node_of(&graph, idx)).collect(),
            edges: graph_edges(&graph, edges),
            truncated,
        })
    }
}
