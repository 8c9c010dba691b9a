//! The graph as RDF quads, produced one at a time into a sink so exports
//! stream: nothing is collected, whatever the size of the graph.
//!
//! Shape (see the README, "Linked data"):
//! - each source document is `<{base}/source/{id}>` with its metadata and
//!   whole text (`schema:text`), so an export is a complete backup;
//! - each node: `rdf:type` (our class + standard ones), `schema:name`,
//!   `schema:alternateName`, one triple per property;
//! - each edge: the direct triple, and the edge as an `rdf:Statement`
//!   (`{source IRI}#{kind}/{target key}`) carrying its properties and spans;
//! - each span: `prov:wasDerivedFrom` a Web Annotation `SpecificResource`
//!   whose source is the document and whose selectors are a
//!   `TextQuoteSelector` (the exact quote) and an RFC 5147 `FragmentSelector`
//!   (`line=a,b`: after line a, up to the end of line b).
//!
//! Named graphs: a node's or edge's own triples go in the graph of its first
//! span's document, each span's triples in the graph of that span's document,
//! a source's in its own graph. Every triple is in exactly one graph, so a
//! format without graphs (Turtle, N-Triples) holds the same triples.

use std::io;

use chrono::NaiveDate;
use oxrdf::vocab::{rdf, xsd};
use oxrdf::{BlankNode, GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use petgraph::graph::NodeIndex;

use super::vocab::{Vocab, DCTERMS, OA, ORG, PROV, RFC5147, SCHEMA};
use crate::index::Graph;
use crate::model::{Edge, EdgeKind, Node, Span};
use crate::store::DocumentRecord;

/// Predicates of a source document's description.
pub(super) mod source {
    pub const TITLE: &str = "http://purl.org/dc/terms/title";
    pub const KIND: &str = "http://purl.org/dc/terms/type";
    pub const PUBLISHER: &str = "http://purl.org/dc/terms/publisher";
    pub const ISSUED: &str = "http://purl.org/dc/terms/issued";
    pub const TEXT: &str = "http://schema.org/text";
}

fn named(text: &str) -> NamedNode {
    NamedNode::new_unchecked(text)
}

/// A literal: `xsd:date` when it is an ISO date, a plain string otherwise.
fn literal(value: &str) -> Literal {
    if value.len() == 10 && value.parse::<NaiveDate>().is_ok() {
        Literal::new_typed_literal(value, xsd::DATE)
    } else {
        Literal::new_simple_literal(value)
    }
}

/// Writes quads into a sink, numbering blank nodes.
pub struct Emitter<'a, F: FnMut(Quad) -> io::Result<()>> {
    vocab: &'a Vocab,
    sink: F,
    blanks: u64,
}

impl<'a, F: FnMut(Quad) -> io::Result<()>> Emitter<'a, F> {
    /// An emitter sending quads to `sink`.
    pub fn new(vocab: &'a Vocab, sink: F) -> Self {
        Emitter {
            vocab,
            sink,
            blanks: 0,
        }
    }

    fn emit(
        &mut self,
        subject: impl Into<NamedOrBlankNode>,
        predicate: NamedNode,
        object: impl Into<Term>,
        graph: &GraphName,
    ) -> io::Result<()> {
        (self.sink)(Quad::new(subject, predicate, object, graph.clone()))
    }

    fn blank(&mut self) -> BlankNode {
        self.blanks += 1;
        BlankNode::new_unchecked(format!("s{}", self.blanks))
    }

    /// The parse of a source document, as a PROV activity.
    fn activity(&self, document: &str) -> NamedNode {
        named(&format!("{}#parse", self.vocab.source(document).as_str()))
    }

    fn home(&self, spans: &[Span]) -> GraphName {
        spans.first().map_or(GraphName::DefaultGraph, |s| {
            self.vocab.source(&s.document).into()
        })
    }

    /// The whole graph: sources, then nodes in key order, then edges in key order.
    pub fn graph(&mut self, graph: &Graph) -> io::Result<()> {
        let mut documents: Vec<&DocumentRecord> = graph.documents().collect();
        documents.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
        for document in documents {
            self.document(document)?;
        }
        for node in graph.nodes() {
            self.node(graph, node)?;
        }
        let mut edges: Vec<&Edge> = graph.edges().collect();
        edges.sort_by_key(|e| e.key());
        for edge in edges {
            self.edge(edge)?;
        }
        Ok(())
    }

    /// One node and the edges that start from it (whole), and the direct
    /// triples of the edges that end at it: what its IRI dereferences to.
    pub fn node_description(&mut self, graph: &Graph, idx: NodeIndex) -> io::Result<()> {
        self.node(graph, graph.node(idx))?;
        let mut outgoing: Vec<&Edge> = graph
            .graph
            .edges_directed(idx, petgraph::Direction::Outgoing)
            .map(|e| e.weight())
            .collect();
        outgoing.sort_by_key(|e| e.key());
        for edge in outgoing {
            self.edge(edge)?;
        }
        let mut incoming: Vec<&Edge> = graph
            .graph
            .edges_directed(idx, petgraph::Direction::Incoming)
            .map(|e| e.weight())
            .collect();
        incoming.sort_by_key(|e| e.key());
        for edge in incoming {
            let home = self.home(&edge.provenance);
            self.emit(
                self.vocab.node(&edge.source),
                self.vocab.predicate(edge.kind),
                self.vocab.node(&edge.target),
                &home,
            )?;
        }
        Ok(())
    }

    /// A source document: metadata and whole text, in its own graph.
    pub fn document(&mut self, document: &DocumentRecord) -> io::Result<()> {
        let me = self.vocab.source(&document.meta.id);
        let graph: GraphName = me.clone().into();
        let meta = &document.meta;
        self.emit(
            me.clone(),
            rdf::TYPE.into(),
            self.vocab.term("Source"),
            &graph,
        )?;
        self.emit(
            me.clone(),
            rdf::TYPE.into(),
            named(&format!("{PROV}Entity")),
            &graph,
        )?;
        let fields = [
            (source::TITLE, Some(&meta.title)),
            (source::KIND, Some(&meta.kind)),
            (source::PUBLISHER, meta.publisher.as_ref()),
            (source::ISSUED, meta.date.as_ref()),
        ];
        for (predicate, value) in fields {
            if let Some(value) = value {
                self.emit(me.clone(), named(predicate), literal(value), &graph)?;
            }
        }
        if let Some(file) = &meta.original_file_name {
            self.emit(
                me.clone(),
                self.vocab.term("originalFileName"),
                Literal::new_simple_literal(file),
                &graph,
            )?;
        }
        self.emit(
            me.clone(),
            self.vocab.term("sha256"),
            Literal::new_simple_literal(&document.sha256),
            &graph,
        )?;
        // The parse of this document is the activity every fact it holds was generated by.
        let activity = self.activity(&document.meta.id);
        self.emit(
            activity.clone(),
            rdf::TYPE.into(),
            named(&format!("{PROV}Activity")),
            &graph,
        )?;
        self.emit(activity, named(&format!("{PROV}used")), me.clone(), &graph)?;
        self.emit(
            me,
            named(source::TEXT),
            Literal::new_simple_literal(&document.text),
            &graph,
        )
    }

    fn node(&mut self, graph: &Graph, node: &Node) -> io::Result<()> {
        let me = self.vocab.node(&node.key);
        let home = self.home(&node.provenance);
        self.emit(
            me.clone(),
            rdf::TYPE.into(),
            self.vocab.class(node.kind),
            &home,
        )?;
        for standard in Vocab::standard_classes(node.kind) {
            self.emit(me.clone(), rdf::TYPE.into(), named(standard), &home)?;
        }
        if node.prop("kind") == Some("report") {
            self.emit(
                me.clone(),
                rdf::TYPE.into(),
                named(&format!("{SCHEMA}Report")),
                &home,
            )?;
        }
        self.emit(
            me.clone(),
            named(&format!("{SCHEMA}name")),
            Literal::new_simple_literal(&node.name),
            &home,
        )?;
        for alias in &node.aliases {
            self.emit(
                me.clone(),
                named(&format!("{SCHEMA}alternateName")),
                Literal::new_simple_literal(alias),
                &home,
            )?;
        }
        for (name, value) in &node.props {
            let object: Term = match name.as_str() {
                "stance" => self.vocab.stance(value).into(),
                // An outside registry's IRI, when one is known.
                "same_as" => match NamedNode::new(value.as_str()) {
                    Ok(iri) => iri.into(),
                    Err(_) => literal(value).into(),
                },
                _ => literal(value).into(),
            };
            self.emit(me.clone(), self.vocab.property(name), object, &home)?;
        }
        // Popolo's membership shortcut: the person is a member of the
        // organisation; said once, by the first of their memberships there.
        if node.kind == crate::model::NodeKind::Membership {
            if let Some(idx) = graph.get(&node.key) {
                for person in graph.out(idx, EdgeKind::Member) {
                    for org in graph.out(idx, EdgeKind::MemberOf) {
                        let first = graph
                            .incoming(person, EdgeKind::Member)
                            .into_iter()
                            .filter(|&m| graph.edge_between(m, EdgeKind::MemberOf, org).is_some())
                            .min_by(|&a, &b| graph.node(a).key.cmp(&graph.node(b).key));
                        if first != Some(idx) {
                            continue;
                        }
                        self.emit(
                            self.vocab.node(&graph.node(person).key),
                            named(&format!("{ORG}memberOf")),
                            self.vocab.node(&graph.node(org).key),
                            &home,
                        )?;
                    }
                }
            }
        }
        self.spans(&me.into(), &node.provenance)
    }

    fn edge(&mut self, edge: &Edge) -> io::Result<()> {
        let home = self.home(&edge.provenance);
        let (source, target) = (self.vocab.node(&edge.source), self.vocab.node(&edge.target));
        let predicate = self.vocab.predicate(edge.kind);
        self.emit(source.clone(), predicate.clone(), target.clone(), &home)?;
        // Popolo's speaker: the statement's creator.
        if edge.kind == EdgeKind::Spoke {
            self.emit(
                target.clone(),
                named(&format!("{SCHEMA}creator")),
                source.clone(),
                &home,
            )?;
        }
        let me = self.vocab.edge(&edge.source, edge.kind, &edge.target);
        self.emit(
            me.clone(),
            rdf::TYPE.into(),
            rdf::STATEMENT.into_owned(),
            &home,
        )?;
        self.emit(me.clone(), rdf::SUBJECT.into(), source, &home)?;
        self.emit(me.clone(), rdf::PREDICATE.into(), predicate, &home)?;
        self.emit(me.clone(), rdf::OBJECT.into(), target, &home)?;
        for (name, value) in &edge.props {
            self.emit(me.clone(), self.vocab.property(name), literal(value), &home)?;
        }
        self.spans(&me.into(), &edge.provenance)
    }

    fn spans(&mut self, subject: &NamedOrBlankNode, spans: &[Span]) -> io::Result<()> {
        for span in spans {
            let graph: GraphName = self.vocab.source(&span.document).into();
            let (target, quote, lines) = (self.blank(), self.blank(), self.blank());
            self.emit(
                subject.clone(),
                named(&format!("{PROV}wasDerivedFrom")),
                target.clone(),
                &graph,
            )?;
            self.emit(
                target.clone(),
                rdf::TYPE.into(),
                named(&format!("{OA}SpecificResource")),
                &graph,
            )?;
            self.emit(
                target.clone(),
                named(&format!("{OA}hasSource")),
                self.vocab.source(&span.document),
                &graph,
            )?;
            self.emit(
                target.clone(),
                named(&format!("{OA}hasSelector")),
                quote.clone(),
                &graph,
            )?;
            self.emit(
                target,
                named(&format!("{OA}hasSelector")),
                lines.clone(),
                &graph,
            )?;
            self.emit(
                quote.clone(),
                rdf::TYPE.into(),
                named(&format!("{OA}TextQuoteSelector")),
                &graph,
            )?;
            self.emit(
                quote,
                named(&format!("{OA}exact")),
                Literal::new_simple_literal(&span.quote),
                &graph,
            )?;
            self.emit(
                lines.clone(),
                rdf::TYPE.into(),
                named(&format!("{OA}FragmentSelector")),
                &graph,
            )?;
            self.emit(
                lines.clone(),
                named(&format!("{DCTERMS}conformsTo")),
                named(RFC5147),
                &graph,
            )?;
            self.emit(
                lines,
                rdf::VALUE.into(),
                Literal::new_simple_literal(line_fragment(span)),
                &graph,
            )?;
        }
        Ok(())
    }
}

/// RFC 5147 line range: `line=a,b` selects from the end of line a (0 = the
/// start) to the end of line b, i.e. 1-based lines a+1..=b.
pub fn line_fragment(span: &Span) -> String {
    format!(
        "line={},{}",
        span.first_line.saturating_sub(1),
        span.last_line
    )
}

/// The 1-based inclusive lines of an RFC 5147 `line=a,b` fragment.
pub fn parse_line_fragment(fragment: &str) -> Option<(u32, u32)> {
    let (a, b) = fragment.strip_prefix("line=")?.split_once(',')?;
    Some((a.trim().parse::<u32>().ok()? + 1, b.trim().parse().ok()?))
}
