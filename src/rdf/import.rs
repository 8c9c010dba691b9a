//! `scrutiny import`: an N-Quads export back into an empty store. Sources
//! come back with their whole text; nodes and edges with their properties and
//! spans in the order exported. Each node and edge is stored as one fragment
//! of the document of its first span, so merging gives back exactly the node
//! that was exported. Everything is checked before the first write, and each
//! document is written in one transaction, as an ingest is.

use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;

use oxrdf::vocab::rdf;
use oxrdf::{NamedOrBlankNode, Term};
use oxttl::NQuadsParser;

use super::quads::{parse_line_fragment, source};
use super::vocab::{Vocab, OA, PROV, SCHEMA};
use crate::model::{Contribution, Edge, Node, Span};
use crate::parse::DocumentMeta;
use crate::store::{Store, StoreError};
use crate::text::Source;

/// Why an import stopped. Nothing is written unless the whole input is sound.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The input is not N-Quads.
    #[error("line {line}: {message}")]
    Syntax { line: u64, message: String },
    /// The store already holds documents.
    #[error("the store already holds documents: import needs an empty data directory")]
    NotEmpty,
    /// The input parses but is not a Scrutiny export (or not for this base IRI).
    #[error("{0}")]
    Invalid(String),
    /// Writing failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What an import stored.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Imported {
    /// Source documents.
    pub documents: usize,
    /// Nodes.
    pub nodes: usize,
    /// Edges.
    pub edges: usize,
    /// Quads read.
    pub quads: usize,
}

type Properties = Vec<(String, Term)>;

/// Reads an N-Quads export made with the same base IRI into an empty store.
pub fn import_nquads(
    store: &Store,
    vocab: &Vocab,
    input: impl BufRead,
) -> Result<Imported, ImportError> {
    if !store.is_empty() {
        return Err(ImportError::NotEmpty);
    }
    // Subject → (predicate, object) in input order.
    let mut subjects: HashMap<NamedOrBlankNode, Properties> = HashMap::new();
    let mut order: Vec<NamedOrBlankNode> = Vec::new();
    let mut quads = 0;
    for quad in NQuadsParser::new().for_reader(input) {
        let quad = quad.map_err(|e| match e {
            oxttl::TurtleParseError::Syntax(e) => ImportError::Syntax {
                line: e.location().start.line + 1,
                message: e.message().to_owned(),
            },
            oxttl::TurtleParseError::Io(e) => ImportError::Invalid(format!("reading: {e}")),
        })?;
        quads += 1;
        let entry = subjects.entry(quad.subject.clone()).or_insert_with(|| {
            order.push(quad.subject.clone());
            Vec::new()
        });
        entry.push((quad.predicate.as_str().to_owned(), quad.object));
    }
    let reader = Reader {
        vocab,
        subjects: &subjects,
    };

    let mut documents: BTreeMap<String, (DocumentMeta, String, String)> = BTreeMap::new();
    let mut nodes: Vec<Node> = Vec::new();
    let mut edges: Vec<Edge> = Vec::new();
    for subject in &order {
        let NamedOrBlankNode::NamedNode(iri) = subject else {
            continue;
        };
        let types: Vec<&str> = reader.iris(subject, rdf::TYPE.as_str());
        if types.contains(&vocab.term("Source").as_str()) {
            let (id, record) = reader.source(iri.as_str())?;
            documents.insert(id, record);
        } else if types.contains(&rdf::STATEMENT.as_str()) {
            edges.push(reader.edge(subject)?);
        } else if let Some(kind) = types.iter().find_map(|t| vocab.kind_of_class(t)) {
            nodes.push(reader.node(iri.as_str(), kind)?);
        }
    }
    if documents.is_empty() {
        return Err(ImportError::Invalid(format!(
            "no source documents under {}/source/: is this a Scrutiny N-Quads export made with --base-iri {}?",
            vocab.base(),
            vocab.base()
        )));
    }

    // Check every span against its source before writing anything.
    let mut contributions: BTreeMap<String, Contribution> = BTreeMap::new();
    // The provenance invariant, checked as ingest guarantees it: the quote
    // lies within the stated lines of its document.
    let sources: HashMap<&str, Source<'_>> = documents
        .iter()
        .map(|(id, (_, text, _))| (id.as_str(), Source::new(id, text)))
        .collect();
    let check = |what: &str, spans: &[Span]| -> Result<String, ImportError> {
        for span in spans {
            let Some(source) = sources.get(span.document.as_str()) else {
                return Err(ImportError::Invalid(format!(
                    "{what} cites document {:?}, which the export does not hold",
                    span.document
                )));
            };
            let (first, last) = (span.first_line as usize, span.last_line as usize);
            let within = first >= 1
                && first <= last
                && last <= source.len()
                && source.lines_text(first, last).contains(&span.quote);
            if !within {
                return Err(ImportError::Invalid(format!(
                    "{what}: the quote {:?} is not in lines {first}-{last} of document {:?}",
                    span.quote, span.document
                )));
            }
        }
        spans
            .first()
            .map(|s| s.document.clone())
            .ok_or_else(|| ImportError::Invalid(format!("{what} has no provenance")))
    };
    let (node_count, edge_count) = (nodes.len(), edges.len());
    for node in nodes {
        let home = check(&format!("node {}", node.key), &node.provenance)?;
        contributions
            .entry(home)
            .or_default()
            .nodes
            .insert(node.key.clone(), node);
    }
    for edge in edges {
        let home = check(&format!("edge {}", edge.key()), &edge.provenance)?;
        contributions
            .entry(home)
            .or_default()
            .edges
            .insert(edge.key(), edge);
    }
    for (id, (meta, text, sha256)) in &documents {
        let contribution = contributions.remove(id).unwrap_or_default();
        store.put_document(meta, text, sha256, &contribution)?;
    }
    Ok(Imported {
        documents: documents.len(),
        nodes: node_count,
        edges: edge_count,
        quads,
    })
}

struct Reader<'a> {
    vocab: &'a Vocab,
    subjects: &'a HashMap<NamedOrBlankNode, Properties>,
}

impl Reader<'_> {
    fn of(&self, subject: &NamedOrBlankNode) -> &[(String, Term)] {
        self.subjects.get(subject).map_or(&[], Vec::as_slice)
    }

    fn objects<'b>(
        &'b self,
        subject: &NamedOrBlankNode,
        predicate: &'b str,
    ) -> impl Iterator<Item = &'b Term> + 'b {
        self.of(subject)
            .iter()
            .filter(move |(p, _)| p == predicate)
            .map(|(_, o)| o)
    }

    fn iris<'b>(&'b self, subject: &NamedOrBlankNode, predicate: &'b str) -> Vec<&'b str> {
        self.objects(subject, predicate)
            .filter_map(|o| match o {
                Term::NamedNode(n) => Some(n.as_str()),
                _ => None,
            })
            .collect()
    }

    fn literal(&self, subject: &NamedOrBlankNode, predicate: &str) -> Option<String> {
        self.objects(subject, predicate).find_map(|o| match o {
            Term::Literal(l) => Some(l.value().to_owned()),
            _ => None,
        })
    }

    fn source(&self, iri: &str) -> Result<(String, (DocumentMeta, String, String)), ImportError> {
        let me = NamedOrBlankNode::NamedNode(oxrdf::NamedNode::new_unchecked(iri));
        let id = self.vocab.source_id(iri).ok_or_else(|| {
            ImportError::Invalid(format!(
                "source {iri} is not under {}/source/",
                self.vocab.base()
            ))
        })?;
        let required = |predicate: &str, what: &str| {
            self.literal(&me, predicate)
                .ok_or_else(|| ImportError::Invalid(format!("source {iri} has no {what}")))
        };
        let meta = DocumentMeta {
            id: id.clone(),
            title: required(source::TITLE, "title")?,
            kind: required(source::KIND, "kind")?,
            publisher: self.literal(&me, source::PUBLISHER),
            date: self.literal(&me, source::ISSUED),
            original_file_name: self.literal(&me, self.vocab.term("originalFileName").as_str()),
        };
        let text = required(source::TEXT, "text")?;
        let sha256 = required(self.vocab.term("sha256").as_str(), "sha256")?;
        Ok((id, (meta, text, sha256)))
    }

    fn node(&self, iri: &str, kind: crate::model::NodeKind) -> Result<Node, ImportError> {
        let me = NamedOrBlankNode::NamedNode(oxrdf::NamedNode::new_unchecked(iri));
        let key = self.vocab.node_key(iri).ok_or_else(|| {
            ImportError::Invalid(format!("node {iri} is not under {}/id/", self.vocab.base()))
        })?;
        let name = self
            .literal(&me, &format!("{SCHEMA}name"))
            .ok_or_else(|| ImportError::Invalid(format!("node {iri} has no schema:name")))?;
        let aliases = self
            .objects(&me, &format!("{SCHEMA}alternateName"))
            .filter_map(|o| match o {
                Term::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            })
            .collect();
        Ok(Node {
            key,
            kind,
            name,
            aliases,
            props: self.properties(&me),
            provenance: self.spans(&me, iri)?,
        })
    }

    fn edge(&self, me: &NamedOrBlankNode) -> Result<Edge, ImportError> {
        let invalid = |what: &str| ImportError::Invalid(format!("edge {me}: {what}"));
        let end = |predicate: &str| {
            self.iris(me, predicate)
                .first()
                .and_then(|iri| self.vocab.node_key(iri))
                .ok_or_else(|| invalid(&format!("no node IRI for <{predicate}>")))
        };
        let predicate = self
            .iris(me, rdf::PREDICATE.as_str())
            .first()
            .copied()
            .ok_or_else(|| invalid("no rdf:predicate"))?;
        let kind = self
            .vocab
            .edge_kind(predicate)
            .ok_or_else(|| invalid(&format!("unknown predicate <{predicate}>")))?;
        Ok(Edge {
            source: end(rdf::SUBJECT.as_str())?,
            kind,
            target: end(rdf::OBJECT.as_str())?,
            props: self.properties(me),
            provenance: self.spans(me, &me.to_string())?,
        })
    }

    fn properties(&self, me: &NamedOrBlankNode) -> BTreeMap<String, String> {
        let mut props = BTreeMap::new();
        for (predicate, object) in self.of(me) {
            let Some(name) = self.vocab.property_name(predicate) else {
                continue;
            };
            let value = match object {
                Term::Literal(l) => l.value().to_owned(),
                Term::NamedNode(n) if name == "stance" => match self.vocab.stance_value(n.as_str())
                {
                    Some(v) => v,
                    None => continue,
                },
                _ => continue,
            };
            props.insert(name, value);
        }
        props
    }

    fn spans(&self, me: &NamedOrBlankNode, what: &str) -> Result<Vec<Span>, ImportError> {
        let invalid = |detail: &str| ImportError::Invalid(format!("{what}: {detail}"));
        let mut spans = Vec::new();
        for target in self.objects(me, &format!("{PROV}wasDerivedFrom")) {
            let target = match target {
                Term::BlankNode(b) => NamedOrBlankNode::BlankNode(b.clone()),
                Term::NamedNode(n) => NamedOrBlankNode::NamedNode(n.clone()),
                _ => return Err(invalid("prov:wasDerivedFrom is a literal")),
            };
            let document = self
                .iris(&target, &format!("{OA}hasSource"))
                .first()
                .and_then(|iri| self.vocab.source_id(iri))
                .ok_or_else(|| invalid("a span without oa:hasSource"))?;
            let (mut quote, mut lines) = (None, None);
            for selector in self.objects(&target, &format!("{OA}hasSelector")) {
                let selector = match selector {
                    Term::BlankNode(b) => NamedOrBlankNode::BlankNode(b.clone()),
                    Term::NamedNode(n) => NamedOrBlankNode::NamedNode(n.clone()),
                    _ => continue,
                };
                if let Some(exact) = self.literal(&selector, &format!("{OA}exact")) {
                    quote = Some(exact);
                }
                if let Some(value) = self.literal(&selector, rdf::VALUE.as_str()) {
                    lines = parse_line_fragment(&value);
                }
            }
            let quote = quote.ok_or_else(|| invalid("a span without a TextQuoteSelector"))?;
            let (first_line, last_line) =
                lines.ok_or_else(|| invalid("a span without a line=a,b FragmentSelector"))?;
            spans.push(Span {
                document,
                first_line,
                last_line,
                quote,
            });
        }
        Ok(spans)
    }
}
