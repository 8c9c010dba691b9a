//! The in-memory index: the merged graph in petgraph, with lookups by key, kind
//! and name. Built from the store at start-up and after each ingest; readers hold
//! an `Arc` to an immutable snapshot, swapped whole when a new one is built.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock, RwLock};

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;

use crate::model::{Edge, EdgeKind, Node, NodeKind};
use crate::names::SpeakerLabel;
use crate::orgs::Orgs;
use crate::search::{SearchError, SearchIndex};
use crate::store::{Change, DocumentRecord, Store, StoreError};
use crate::text::fold_punctuation;

/// The domain's organisation vocabulary, built once: lookups by name run on
/// every request that names an organisation.
pub static VOCABULARY: std::sync::LazyLock<Orgs> = std::sync::LazyLock::new(Orgs::default);

/// One immutable snapshot of the graph.
#[derive(Default)]
pub struct Graph {
    /// Nodes and edges; node indices follow the natural order of node keys, so
    /// "statement/…/2" comes before "statement/…/10".
    pub graph: DiGraph<Node, Edge>,
    /// Node key → index.
    by_key: HashMap<String, NodeIndex>,
    /// Kind → indices, in natural key order.
    by_kind: HashMap<NodeKind, Vec<NodeIndex>>,
    /// Folded name or alias → indices, for case-insensitive lookup.
    by_name: HashMap<String, Vec<NodeIndex>>,
    /// Source documents by id, for quoting and checking provenance.
    documents: HashMap<String, Arc<DocumentRecord>>,
    /// The store generation this snapshot was built from.
    pub generation: u64,
    /// The identity of the store it was built from (empty when built in memory).
    pub store_identity: String,
    /// Edges dropped because an end was missing (a bug in a parser if not zero).
    pub dangling_edges: usize,
    /// The store's change log, oldest first.
    pub changes: Vec<Change>,
    /// The full-text index of this snapshot: attached at start-up from the
    /// data directory, or built in memory on first search.
    search: OnceLock<SearchIndex>,
    /// The store it was loaded from, for the original files of PDF and HTML
    /// sources, read on demand rather than held in memory.
    store: Option<Store>,
}

/// Folds a name for lookup: case, quote style and white space do not matter.
pub fn fold_name(name: &str) -> String {
    fold_punctuation(name)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Compares keys with runs of digits compared as numbers.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.first(), b.first()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let na = a.iter().take_while(|c| c.is_ascii_digit()).count();
                let nb = b.iter().take_while(|c| c.is_ascii_digit()).count();
                let (da, db) = (trim_zeros(&a[..na]), trim_zeros(&b[..nb]));
                let order = da.len().cmp(&db.len()).then_with(|| da.cmp(db));
                if order != Ordering::Equal {
                    return order;
                }
                a = &a[na..];
                b = &b[nb..];
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(y);
                }
                a = &a[1..];
                b = &b[1..];
            }
        }
    }
}

fn trim_zeros(digits: &[u8]) -> &[u8] {
    let zeros = digits.iter().take_while(|&&c| c == b'0').count();
    &digits[zeros.min(digits.len().saturating_sub(1))..]
}

impl Graph {
    /// Builds a snapshot from the store.
    pub fn load(store: &Store) -> Result<Graph, StoreError> {
        let documents = store
            .documents()?
            .into_iter()
            .map(|d| (d.meta.id.clone(), Arc::new(d)))
            .collect();
        let mut graph = Graph::build(
            store.nodes()?,
            store.edges()?,
            documents,
            store.generation()?,
        );
        graph.changes = store.changes()?;
        graph.store_identity = store.identity()?;
        graph.store = Some(store.clone());
        Ok(graph)
    }

    /// The store this snapshot was loaded from (none for one built in
    /// memory): what writes over HTTP go to.
    pub fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }

    /// The original file of a source read from PDF or HTML, from the store.
    pub fn original(&self, id: &str) -> Result<Option<Vec<u8>>, StoreError> {
        match &self.store {
            Some(store) => store.original(id),
            None => Ok(None),
        }
    }

    /// Attaches a full-text index built from this snapshot (by
    /// [`SearchIndex::open_or_build`]); ignored if one is attached already.
    pub fn attach_search(&self, index: SearchIndex) {
        let _ = self.search.set(index);
    }

    /// The snapshot's full-text index, built in memory if none was attached.
    pub fn search_index(&self) -> Result<&SearchIndex, SearchError> {
        if let Some(index) = self.search.get() {
            return Ok(index);
        }
        let built = SearchIndex::in_memory(self)?;
        Ok(self.search.get_or_init(|| built))
    }

    /// Builds a snapshot from merged nodes and edges.
    pub fn build(
        mut nodes: Vec<Node>,
        mut edges: Vec<Edge>,
        documents: HashMap<String, Arc<DocumentRecord>>,
        generation: u64,
    ) -> Graph {
        let merged = crate::link::merge_title_variants(&mut nodes, &mut edges);
        crate::link::teams_named_as_documents(&nodes, &mut edges);
        crate::link::abbreviations_across_documents(&mut nodes, &mut edges, &documents);
        crate::link::units_across_documents(&mut nodes, &mut edges, &documents);
        nodes.sort_by(|a, b| natural_cmp(&a.key, &b.key));
        crate::link::resolve_report_titles(&nodes, &mut edges);
        crate::link::about_in_context(&nodes, &mut edges, &documents);
        crate::link::possible_same_people(&nodes, &mut edges);
        crate::link::possible_same_organisations(&nodes, &mut edges);
        crate::link::date_readings(&mut nodes, &edges, &documents);
        let mut graph = Graph {
            documents,
            generation,
            ..Graph::default()
        };
        graph.graph.reserve_nodes(nodes.len());
        for node in nodes {
            let names: Vec<String> = std::iter::once(&node.name)
                .chain(&node.aliases)
                .map(|n| fold_name(n))
                .collect();
            let (key, kind) = (node.key.clone(), node.kind);
            let idx = graph.graph.add_node(node);
            graph.by_key.insert(key, idx);
            graph.by_kind.entry(kind).or_default().push(idx);
            for name in names {
                let entry = graph.by_name.entry(name).or_default();
                if !entry.contains(&idx) {
                    entry.push(idx);
                }
            }
        }
        // A merged key stays an id of the node it was merged into.
        for (from, kept) in merged {
            if let Some(&idx) = graph.by_key.get(&kept) {
                graph.by_key.entry(from).or_insert(idx);
            }
        }
        // Insert edges in the order of their ends so neighbour lists come out sorted.
        edges.sort_by_key(|e| {
            (
                graph.by_key.get(&e.source).copied(),
                graph.by_key.get(&e.target).copied(),
            )
        });
        for edge in edges {
            match (
                graph.by_key.get(&edge.source),
                graph.by_key.get(&edge.target),
            ) {
                (Some(&s), Some(&t)) => {
                    graph.graph.add_edge(s, t, edge);
                }
                _ => graph.dangling_edges += 1,
            }
        }
        graph
    }

    /// The node with this key.
    pub fn get(&self, key: &str) -> Option<NodeIndex> {
        self.by_key.get(key).copied()
    }

    /// The node at an index.
    pub fn node(&self, idx: NodeIndex) -> &Node {
        &self.graph[idx]
    }

    /// The edge at an index.
    pub fn edge(&self, idx: EdgeIndex) -> &Edge {
        &self.graph[idx]
    }

    /// All nodes of a kind, in natural key order.
    pub fn of_kind(&self, kind: NodeKind) -> &[NodeIndex] {
        self.by_kind.get(&kind).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Nodes of a kind whose name or an alias equals `name`, ignoring case.
    pub fn by_name(&self, kind: NodeKind, name: &str) -> Vec<NodeIndex> {
        self.by_name
            .get(&fold_name(name))
            .map(|v| {
                v.iter()
                    .copied()
                    .filter(|&i| self.graph[i].kind == kind)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A node of a kind by id, or by name or alias ignoring case; a person also
    /// by their name without titles, honours or role ("Sir Mark Rowley",
    /// "Dom Murphy"), an organisation by any known abbreviation ("the Met").
    pub fn resolve(&self, kind: NodeKind, text: &str) -> Option<NodeIndex> {
        if let Some(idx) = self.get(text).filter(|&i| self.graph[i].kind == kind) {
            return Some(idx);
        }
        let by_identity = match kind {
            NodeKind::Person => {
                SpeakerLabel::parse(text).and_then(|label| self.get(&label.name.node_key()))
            }
            NodeKind::Organisation => VOCABULARY.resolve(text).and_then(|org| self.get(&org.key)),
            _ => None,
        };
        by_identity.or_else(|| self.by_name(kind, text).into_iter().next())
    }

    /// Targets of outgoing edges of a kind, in index order.
    pub fn out(&self, idx: NodeIndex, kind: EdgeKind) -> Vec<NodeIndex> {
        self.neighbours(idx, kind, Direction::Outgoing)
    }

    /// Sources of incoming edges of a kind, in index order.
    pub fn incoming(&self, idx: NodeIndex, kind: EdgeKind) -> Vec<NodeIndex> {
        self.neighbours(idx, kind, Direction::Incoming)
    }

    fn neighbours(&self, idx: NodeIndex, kind: EdgeKind, direction: Direction) -> Vec<NodeIndex> {
        let mut out: Vec<NodeIndex> = self
            .graph
            .edges_directed(idx, direction)
            .filter(|e| e.weight().kind == kind)
            .map(|e| {
                if direction == Direction::Outgoing {
                    e.target()
                } else {
                    e.source()
                }
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Outgoing edges of a kind with their targets, in target order.
    pub fn out_edges(&self, idx: NodeIndex, kind: EdgeKind) -> Vec<(NodeIndex, &Edge)> {
        let mut out: Vec<(NodeIndex, &Edge)> = self
            .graph
            .edges_directed(idx, Direction::Outgoing)
            .filter(|e| e.weight().kind == kind)
            .map(|e| (e.target(), e.weight()))
            .collect();
        out.sort_by_key(|(target, _)| *target);
        out
    }

    /// The first target of an outgoing edge of a kind.
    pub fn out_one(&self, idx: NodeIndex, kind: EdgeKind) -> Option<NodeIndex> {
        self.out(idx, kind).into_iter().next()
    }

    /// The edge of a kind between two nodes.
    pub fn edge_between(
        &self,
        source: NodeIndex,
        kind: EdgeKind,
        target: NodeIndex,
    ) -> Option<&Edge> {
        self.graph
            .edges_connecting(source, target)
            .map(|e| e.weight())
            .find(|e| e.kind == kind)
    }

    /// Every edge, in index order.
    pub fn edges(&self) -> impl Iterator<Item = &Edge> {
        self.graph.edge_weights()
    }

    /// Every node, in natural key order.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.graph.node_weights()
    }

    /// A stored source document.
    pub fn document(&self, id: &str) -> Option<&DocumentRecord> {
        self.documents.get(id).map(Arc::as_ref)
    }

    /// Every stored source document, by id.
    pub fn documents(&self) -> impl Iterator<Item = &DocumentRecord> {
        self.documents.values().map(Arc::as_ref)
    }
}

/// Walks of the graph for explorers: paths between two nodes and the
/// neighbourhood of one. Edges are followed in both directions (a path from a
/// person to a report runs person → statement ← … ); `kinds`, when given,
/// keeps only those edge kinds.
impl Graph {
    fn steps(
        &self,
        idx: NodeIndex,
        kinds: Option<&[EdgeKind]>,
    ) -> impl Iterator<Item = (EdgeIndex, NodeIndex)> + '_ {
        let kinds = kinds.map(<[EdgeKind]>::to_vec);
        self.graph
            .edges_directed(idx, Direction::Outgoing)
            .map(|e| (e.id(), e.target(), e.weight().kind))
            .chain(
                self.graph
                    .edges_directed(idx, Direction::Incoming)
                    .map(|e| (e.id(), e.source(), e.weight().kind)),
            )
            .filter(move |(_, _, kind)| kinds.as_ref().is_none_or(|k| k.contains(kind)))
            .map(|(edge, other, _)| (edge, other))
    }

    /// The shortest path of at most `max_hops` edges, as edges in order from `from`.
    pub fn shortest_path(
        &self,
        from: NodeIndex,
        to: NodeIndex,
        max_hops: usize,
        kinds: Option<&[EdgeKind]>,
    ) -> Option<Vec<EdgeIndex>> {
        if from == to {
            return Some(Vec::new());
        }
        let mut previous: HashMap<NodeIndex, (NodeIndex, EdgeIndex)> = HashMap::new();
        let mut frontier = vec![from];
        for _ in 0..max_hops {
            let mut next = Vec::new();
            for &node in &frontier {
                for (edge, other) in self.steps(node, kinds) {
                    if other == from || previous.contains_key(&other) {
                        continue;
                    }
                    previous.insert(other, (node, edge));
                    if other == to {
                        let mut path = Vec::new();
                        let mut at = to;
                        while at != from {
                            let (before, edge) = previous[&at];
                            path.push(edge);
                            at = before;
                        }
                        path.reverse();
                        return Some(path);
                    }
                    next.push(other);
                }
            }
            if next.is_empty() {
                break;
            }
            frontier = next;
        }
        None
    }

    /// Up to `k` simple paths of at most `max_hops` edges, shortest first.
    /// The search visits at most `budget` partial paths, so a hub with
    /// thousands of edges cannot make it run away; it then returns what it found.
    pub fn k_paths(
        &self,
        from: NodeIndex,
        to: NodeIndex,
        k: usize,
        max_hops: usize,
        kinds: Option<&[EdgeKind]>,
        budget: usize,
    ) -> Vec<Vec<EdgeIndex>> {
        let Some(shortest) = self.shortest_path(from, to, max_hops, kinds) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        let mut visits = 0;
        // Iterative deepening: every path of length d before any of length d + 1.
        for depth in shortest.len()..=max_hops {
            let mut stack: Vec<(NodeIndex, Vec<EdgeIndex>, Vec<NodeIndex>)> =
                vec![(from, Vec::new(), vec![from])];
            while let Some((node, path, seen)) = stack.pop() {
                visits += 1;
                if visits > budget || found.len() >= k {
                    return found;
                }
                if path.len() == depth {
                    if node == to {
                        found.push(path);
                    }
                    continue;
                }
                for (edge, other) in self.steps(node, kinds) {
                    if seen.contains(&other) || (other == to && path.len() + 1 != depth) {
                        continue;
                    }
                    let mut path = path.clone();
                    path.push(edge);
                    let mut seen = seen.clone();
                    seen.push(other);
                    stack.push((other, path, seen));
                }
            }
        }
        found
    }

    /// Nodes within `depth` edges of `centre`, nearest first, at most `limit`
    /// of them, with the edges among them; `true` when the limit cut it short.
    pub fn neighbourhood(
        &self,
        centre: NodeIndex,
        depth: usize,
        kinds: Option<&[EdgeKind]>,
        limit: usize,
    ) -> (Vec<NodeIndex>, Vec<EdgeIndex>, bool) {
        let mut nodes = vec![centre];
        let mut seen: std::collections::HashSet<NodeIndex> = nodes.iter().copied().collect();
        let mut frontier = vec![centre];
        let mut truncated = false;
        'outer: for _ in 0..depth {
            let mut next = Vec::new();
            for &node in &frontier {
                for (_, other) in self.steps(node, kinds) {
                    if seen.insert(other) {
                        if nodes.len() >= limit {
                            truncated = true;
                            break 'outer;
                        }
                        nodes.push(other);
                        next.push(other);
                    }
                }
            }
            frontier = next;
        }
        let included: std::collections::HashSet<NodeIndex> = nodes.iter().copied().collect();
        let mut edges: Vec<EdgeIndex> = nodes
            .iter()
            .flat_map(|&n| self.graph.edges_directed(n, Direction::Outgoing))
            .filter(|e| included.contains(&e.target()))
            .filter(|e| kinds.is_none_or(|k| k.contains(&e.weight().kind)))
            .map(|e| e.id())
            .collect();
        edges.sort();
        edges.dedup();
        (nodes, edges, truncated)
    }
}

/// The current snapshot, replaced whole after each ingest. The lock is held
/// only to clone or swap the `Arc`, never across an `.await`.
#[derive(Clone, Default)]
pub struct SharedGraph(Arc<RwLock<Arc<Graph>>>);

impl SharedGraph {
    /// Wraps a first snapshot.
    pub fn new(graph: Graph) -> SharedGraph {
        SharedGraph(Arc::new(RwLock::new(Arc::new(graph))))
    }

    /// The current snapshot.
    pub fn snapshot(&self) -> Arc<Graph> {
        self.0
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Replaces the snapshot.
    pub fn replace(&self, graph: Graph) {
        *self
            .0
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Arc::new(graph);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order() {
        let mut keys = vec!["s/10", "s/2", "s/1", "s/1a", "t"];
        keys.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(keys, vec!["s/1", "s/1a", "s/2", "s/10", "t"]);
    }
}
