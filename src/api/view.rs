//! The view every GraphQL object type wraps (a node of one snapshot), the
//! macro that gives each type the fields all nodes share, provenance, and
//! lookups by id or name.

use std::sync::Arc;

use async_graphql::{Object, ID};
use chrono::NaiveDate;
use petgraph::graph::NodeIndex;

use super::{error, Code};
use crate::index::Graph;
use crate::model::{EdgeKind, Node, NodeKind, Span};

/// A node of one snapshot. Every object type wraps one.
#[derive(Clone)]
pub struct View {
    /// The snapshot the request reads.
    pub graph: Arc<Graph>,
    /// The node.
    pub idx: NodeIndex,
}

impl View {
    pub fn node(&self) -> &Node {
        self.graph.node(self.idx)
    }

    pub(crate) fn prop(&self, key: &str) -> Option<String> {
        self.node().prop(key).map(str::to_owned)
    }

    pub(crate) fn date(&self, key: &str) -> Option<NaiveDate> {
        self.node().prop(key).and_then(|d| d.parse().ok())
    }

    pub(crate) fn at(&self, idx: NodeIndex) -> View {
        View {
            graph: self.graph.clone(),
            idx,
        }
    }

    pub(crate) fn incoming<T: From<View>>(&self, kind: EdgeKind) -> Vec<T> {
        self.graph
            .incoming(self.idx, kind)
            .into_iter()
            .map(|i| self.at(i).into())
            .collect()
    }

    pub(crate) fn out<T: From<View>>(&self, kind: EdgeKind) -> Vec<T> {
        self.graph
            .out(self.idx, kind)
            .into_iter()
            .map(|i| self.at(i).into())
            .collect()
    }

    pub(crate) fn out_one<T: From<View>>(&self, kind: EdgeKind) -> Option<T> {
        self.graph
            .out_one(self.idx, kind)
            .map(|i| self.at(i).into())
    }

    pub(crate) fn incoming_one<T: From<View>>(&self, kind: EdgeKind) -> Option<T> {
        self.graph
            .incoming(self.idx, kind)
            .into_iter()
            .next()
            .map(|i| self.at(i).into())
    }
}

/// A mention: a statement or document naming a node, with the places it does.
pub struct Mention {
    /// The snapshot.
    pub graph: Arc<Graph>,
    /// The other end: the source for `mentionedIn`, the target for `mentions`.
    pub other: NodeIndex,
    /// The edge's spans and the words as written.
    pub spans: Vec<Span>,
    pub as_written: Option<String>,
    /// The role the text gives the person at that place ("the Deputy Mayor, …").
    pub role_as_written: Option<String>,
    /// How the link was found: an explicit naming, or the statement's context.
    pub basis: AboutBasis,
    /// What gives the context (an agenda item, an earlier turn), for `context`.
    pub via: Option<NodeIndex>,
    /// The referring words ("the report", "the Commissioner"), for `context`.
    pub cue: Option<String>,
}

/// How a statement was found to be about a node.
#[derive(async_graphql::Enum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum AboutBasis {
    /// The text names it (by name, title, alias, abbreviation or author).
    Explicit,
    /// Its context makes it so: said under an agenda item that discusses it,
    /// or referring back ("the report", "the Commissioner") to it.
    Context,
}

impl AboutBasis {
    /// The edge kind that holds links of this basis.
    pub fn edge_kind(self) -> EdgeKind {
        match self {
            AboutBasis::Explicit => EdgeKind::Mentions,
            AboutBasis::Context => EdgeKind::About,
        }
    }
}

#[Object]
impl Mention {
    /// The statement or document that names it (for `mentionedIn`), or the
    /// node named (for `mentions`).
    async fn node(&self) -> super::node::AnyNode {
        super::node::AnyNode::from_view(View {
            graph: self.graph.clone(),
            idx: self.other,
        })
    }

    /// The words as written at the first place.
    async fn as_written(&self) -> Option<&str> {
        self.as_written.as_deref()
    }

    /// The role the text gives a person where it names them in apposition
    /// ("the Metropolitan Police Commissioner, Cressida Dick").
    async fn role_as_written(&self) -> Option<&str> {
        self.role_as_written.as_deref()
    }

    /// `EXPLICIT` when the text names it, `CONTEXT` when its agenda item or
    /// an earlier turn makes it so.
    async fn basis(&self) -> AboutBasis {
        self.basis
    }

    /// For a context link: the agenda item or earlier turn that gives it.
    async fn via(&self) -> Option<super::node::AnyNode> {
        self.via.map(|idx| {
            super::node::AnyNode::from_view(View {
                graph: self.graph.clone(),
                idx,
            })
        })
    }

    /// For a context link: the referring words ("the report").
    async fn cue(&self) -> Option<&str> {
        self.cue.as_deref()
    }

    /// Every place, with the exact words.
    async fn provenance(&self) -> Vec<Provenance> {
        provenance(&self.graph, &self.spans)
    }
}

impl View {
    /// Mentions of this node (`incoming`) or by this node, of one basis or
    /// both (explicit first, then context, each in node order).
    pub(crate) fn mentions(&self, incoming: bool, basis: Option<AboutBasis>) -> Vec<Mention> {
        let mut out = Vec::new();
        for b in [AboutBasis::Explicit, AboutBasis::Context] {
            if basis.is_none_or(|want| want == b) {
                out.extend(self.linked(incoming, b.edge_kind()));
            }
        }
        out
    }

    /// Nodes linked by `kind` edges, with the edges' spans.
    pub(crate) fn linked(&self, incoming: bool, kind: EdgeKind) -> Vec<Mention> {
        use petgraph::visit::EdgeRef;
        let direction = if incoming {
            petgraph::Direction::Incoming
        } else {
            petgraph::Direction::Outgoing
        };
        let mut out: Vec<Mention> = self
            .graph
            .graph
            .edges_directed(self.idx, direction)
            .filter(|e| e.weight().kind == kind)
            .map(|e| Mention {
                graph: self.graph.clone(),
                other: if incoming { e.source() } else { e.target() },
                spans: e.weight().provenance.clone(),
                as_written: e.weight().prop("as_written").map(str::to_owned),
                role_as_written: e.weight().prop("role_as_written").map(str::to_owned),
                basis: if kind == EdgeKind::About {
                    AboutBasis::Context
                } else {
                    AboutBasis::Explicit
                },
                via: e.weight().prop("via").and_then(|k| self.graph.get(k)),
                cue: e.weight().prop("cue").map(str::to_owned),
            })
            .collect();
        out.sort_by_key(|m| m.other);
        out
    }
}

/// Generates an object type over [`View`] with the fields every node has
/// (`id`, `iri`, `name`, `aliases`, `provenance`) and the kind's own fields.
macro_rules! node_type {
    // `statements(...)`, when given, is generated here rather than written in
    // each body: its complexity expression must come from the same expansion as
    // `#[Object]`, which declares `child_complexity` (macro hygiene).
    (
        $(#[$doc:meta])*
        $name:ident $([statements($statements_doc:literal, $direction:ident, $statements_kind:ident)])? {
            $($body:tt)*
        }
    ) => {
        $(#[$doc])*
        #[derive(Clone)]
        pub struct $name(pub $crate::api::view::View);

        impl From<$crate::api::view::View> for $name {
            fn from(view: $crate::api::view::View) -> Self {
                $name(view)
            }
        }

        #[async_graphql::Object]
        impl $name {
            /// Global id: the node key, stable across re-ingests and also the IRI path.
            pub(crate) async fn id(&self) -> async_graphql::ID {
                async_graphql::ID(self.0.node().key.clone())
            }

            /// The node's IRI, `{base}/id/{key}`.
            pub(crate) async fn iri(&self, ctx: &async_graphql::Context<'_>) -> String {
                $crate::iri(&ctx.data_unchecked::<$crate::api::ApiConfig>().base_iri, &self.0.node().key)
            }

            /// Display name.
            pub(crate) async fn name(&self) -> String {
                self.0.node().name.clone()
            }

            /// Other labels the node was seen under, verbatim.
            async fn aliases(&self) -> Vec<String> {
                self.0.node().aliases.iter().cloned().collect()
            }

            /// Where the node comes from: document, lines and exact quote.
            pub(crate) async fn provenance(&self) -> Vec<$crate::api::view::Provenance> {
                $crate::api::view::provenance(&self.0.graph, &self.0.node().provenance)
            }

            /// Statements and documents about this node, with every place they
            /// name it: those that name it (`EXPLICIT`) and statements whose
            /// context makes them about it (`CONTEXT`); `basis` keeps one kind.
            async fn mentioned_in(&self, basis: Option<$crate::api::view::AboutBasis>) -> Vec<$crate::api::view::Mention> {
                self.0.mentions(true, basis)
            }

            /// What this node's text is about: people, organisations, reports it
            /// names, and (for a statement) what its context makes it about.
            async fn mentions(&self, basis: Option<$crate::api::view::AboutBasis>) -> Vec<$crate::api::view::Mention> {
                self.0.mentions(false, basis)
            }

            $(
                #[doc = $statements_doc]
                #[graphql(complexity = "crate::api::page::page_cost(first, child_complexity)")]
                async fn statements(
                    &self,
                    filter: Option<$crate::api::statements::StatementFilter>,
                    first: Option<i32>,
                    after: Option<String>,
                ) -> async_graphql::Result<$crate::api::page::Page<$crate::api::statements::Statement>> {
                    let candidates = self.0.graph.$direction(self.0.idx, $crate::model::EdgeKind::$statements_kind);
                    $crate::api::statements::statement_page(&self.0.graph, candidates, filter, first, after)
                }
            )?

            $($body)*
        }
    };
}

pub(crate) use node_type;

pub(crate) fn provenance(graph: &Arc<Graph>, spans: &[Span]) -> Vec<Provenance> {
    spans
        .iter()
        .map(|span| Provenance {
            graph: graph.clone(),
            span: span.clone(),
        })
        .collect()
}

/// One source span: the lines a fact comes from and the exact quote.
pub struct Provenance {
    graph: Arc<Graph>,
    span: Span,
}

#[Object]
impl Provenance {
    /// Id of the source document (as in the manifest).
    async fn document_id(&self) -> &str {
        &self.span.document
    }

    /// The source document.
    async fn document(&self) -> Option<super::documents::Document> {
        let idx = self
            .graph
            .get(&crate::keys::document(&self.span.document))?;
        Some(super::documents::Document(View {
            graph: self.graph.clone(),
            idx,
        }))
    }

    /// First line, 1-based.
    async fn first_line(&self) -> u32 {
        self.span.first_line
    }

    /// Last line, 1-based and inclusive.
    async fn last_line(&self) -> u32 {
        self.span.last_line
    }

    /// The exact text, a substring of those lines.
    async fn quote(&self) -> &str {
        &self.span.quote
    }

    /// For a PDF, the page of the first line (as the PDF counts pages), so a
    /// citation can say "page 14".
    async fn page(&self) -> Option<u32> {
        let record = self.graph.document(&self.span.document)?;
        crate::read::page_of(&record.reading.pages, self.span.first_line)
    }

    /// For a PDF, the first line's number on its page (1-based), for "page
    /// 14, lines 3–9".
    async fn page_line(&self) -> Option<u32> {
        let record = self.graph.document(&self.span.document)?;
        let pages = &record.reading.pages;
        let at = pages.partition_point(|p| p.line <= self.span.first_line);
        let start = pages.get(at.checked_sub(1)?)?;
        Some(self.span.first_line - start.line + 1)
    }
}

/// Finds a node of a kind by id, or by name / alias ignoring case.
pub fn lookup(graph: &Graph, kind: NodeKind, text: &str) -> async_graphql::Result<NodeIndex> {
    graph.resolve(kind, text).ok_or_else(|| {
        error(
            Code::NotFound,
            format!("no {kind} with id, name or alias {text:?}"),
        )
    })
}

pub(crate) fn lookup_id(
    graph: &Graph,
    kind: NodeKind,
    id: &ID,
) -> async_graphql::Result<NodeIndex> {
    graph
        .get(id.as_str())
        .filter(|&i| graph.node(i).kind == kind)
        .ok_or_else(|| {
            error(
                Code::NotFound,
                format!("no {kind} with id {:?}", id.as_str()),
            )
        })
}
