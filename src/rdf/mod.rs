//! Linked data: the graph as RDF, in the standard formats, and back.
//!
//! - [`vocab`]: IRIs: nodes, edges, sources, our namespace, the stance
//!   scheme, the JSON-LD context.
//! - [`quads`]: the graph (or one node) as a stream of quads.
//! - [`import`]: an N-Quads export back into an empty store.
//!
//! Serialisation is done by the oxigraph crates (`oxttl`, `oxjsonld`), which
//! also parse it back in the tests.

pub mod import;
pub mod quads;
pub mod vocab;

use std::io::{self, Write};

use oxjsonld::JsonLdSerializer;
use oxrdf::{Quad, Term};
use oxttl::{NQuadsSerializer, NTriplesSerializer, TurtleSerializer};
use petgraph::graph::NodeIndex;

use crate::index::Graph;
pub use vocab::Vocab;

/// An RDF (or tabular) serialisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// N-Quads: one named graph per source document.
    Nquads,
    /// Turtle (no graphs: all triples together).
    Turtle,
    /// N-Triples (no graphs).
    Ntriples,
    /// JSON-LD, with named graphs.
    Jsonld,
    /// CSV, one row per quad: graph, subject, predicate, object, object type, datatype.
    Csv,
}

impl Format {
    /// The media type served.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Nquads => "application/n-quads",
            Format::Turtle => "text/turtle",
            Format::Ntriples => "application/n-triples",
            Format::Jsonld => "application/ld+json",
            Format::Csv => "text/csv",
        }
    }

    /// The file extension of a download.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Nquads => "nq",
            Format::Turtle => "ttl",
            Format::Ntriples => "nt",
            Format::Jsonld => "jsonld",
            Format::Csv => "csv",
        }
    }

    /// The format named in a URL or on the command line.
    pub fn parse(name: &str) -> Option<Format> {
        <Format as clap::ValueEnum>::from_str(name, true).ok()
    }
}

/// What to write: the whole graph or one node's description.
#[derive(Clone, Copy, Debug)]
pub enum Scope {
    /// Every source, node and edge.
    Graph,
    /// One node, the edges from it, and the direct triples of edges to it.
    Node(NodeIndex),
}

/// Writes `scope` of the graph in `format`, quad by quad, flushing as it goes.
pub fn write(
    graph: &Graph,
    vocab: &Vocab,
    scope: Scope,
    format: Format,
    out: impl Write,
) -> io::Result<()> {
    let run = |sink: &mut dyn FnMut(Quad) -> io::Result<()>| {
        let mut emitter = quads::Emitter::new(vocab, sink);
        match scope {
            Scope::Graph => emitter.graph(graph),
            Scope::Node(idx) => emitter.node_description(graph, idx),
        }
    };
    match format {
        Format::Nquads => {
            let mut writer = NQuadsSerializer::new().for_writer(out);
            run(&mut |q| writer.serialize_quad(&q))?;
            writer.finish().flush()
        }
        Format::Ntriples => {
            let mut writer = NTriplesSerializer::new().for_writer(out);
            run(&mut |q| writer.serialize_triple(q.as_ref()))?;
            writer.finish().flush()
        }
        Format::Turtle => {
            let mut serializer = TurtleSerializer::new();
            for (prefix, ns) in vocab.prefixes() {
                serializer = serializer
                    .with_prefix(prefix, ns)
                    .map_err(io::Error::other)?;
            }
            let mut writer = serializer.for_writer(out);
            run(&mut |q| writer.serialize_triple(q.as_ref()))?;
            writer.finish()?.flush()
        }
        Format::Jsonld => {
            let mut serializer = JsonLdSerializer::new();
            for (prefix, ns) in vocab.prefixes() {
                serializer = serializer
                    .with_prefix(prefix, ns)
                    .map_err(io::Error::other)?;
            }
            let mut writer = serializer.for_writer(out);
            run(&mut |q| writer.serialize_quad(&q))?;
            writer.finish()?.flush()
        }
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record([
                "graph",
                "subject",
                "predicate",
                "object",
                "object_type",
                "datatype",
            ])?;
            run(&mut |q| {
                let graph = match &q.graph_name {
                    oxrdf::GraphName::NamedNode(n) => n.as_str().to_owned(),
                    oxrdf::GraphName::BlankNode(b) => format!("_:{}", b.as_str()),
                    oxrdf::GraphName::DefaultGraph => String::new(),
                };
                let subject = match &q.subject {
                    oxrdf::NamedOrBlankNode::NamedNode(n) => n.as_str().to_owned(),
                    oxrdf::NamedOrBlankNode::BlankNode(b) => format!("_:{}", b.as_str()),
                };
                let (object, kind, datatype) = match &q.object {
                    Term::NamedNode(n) => (n.as_str().to_owned(), "iri", String::new()),
                    Term::BlankNode(b) => (format!("_:{}", b.as_str()), "blank", String::new()),
                    Term::Literal(l) => (
                        l.value().to_owned(),
                        "literal",
                        l.datatype().as_str().to_owned(),
                    ),
                    #[allow(unreachable_patterns)]
                    other => (other.to_string(), "other", String::new()),
                };
                writer
                    .write_record([
                        graph.as_str(),
                        subject.as_str(),
                        q.predicate.as_str(),
                        object.as_str(),
                        kind,
                        datatype.as_str(),
                    ])
                    .map_err(io::Error::other)
            })?;
            writer.flush()
        }
    }
}
