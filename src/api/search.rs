//! `search`: full-text search with ranked, highlighted hits and their sources.
//! The index itself is [`crate::search`]; this module resolves the filters'
//! names to nodes and shapes the answer.

use async_graphql::{Context, InputObject, Object, SimpleObject, ID};
use chrono::NaiveDate;

use super::node::AnyNode;
use super::page::{page_cost, page_of, window, Page};
use super::query::report_index;
use super::view::{lookup, lookup_id, provenance, Provenance, View};
use super::{error, graph, Code};
use crate::model::NodeKind;
use crate::search::{Filters, Hit, SearchError, PARAGRAPH, SEARCHABLE};

/// Narrows a search. Every filter given must hold.
#[derive(Clone, Debug, Default, InputObject)]
pub struct SearchFilter {
    /// Kinds of node to find: any of "statement", "recommendation",
    /// "response", "document", and "paragraph" for every paragraph of every
    /// document (a hit's node is then its document, its source the
    /// paragraph's lines). The four node kinds when not given.
    pub kinds: Option<Vec<String>>,
    /// The document a hit comes from (its id, as `/source/{id}` names it).
    pub document: Option<String>,
    /// The person who spoke (a statement), signed (a response, a letter) or
    /// wrote (a byline): id, name or alias.
    pub speaker: Option<String>,
    /// An organisation the hit speaks for, answers for, is addressed to, or is
    /// written or published by: id, name or abbreviation.
    pub organisation: Option<String>,
    /// The meeting a statement was made at, or a document records.
    pub meeting: Option<ID>,
    /// A report (id or title): its own recommendations, the responses to it,
    /// and statements and documents that mention it.
    pub report: Option<String>,
    /// Dated on or after.
    pub from: Option<NaiveDate>,
    /// Dated on or before.
    pub to: Option<NaiveDate>,
}

impl SearchFilter {
    fn resolve(&self, ctx_graph: &crate::index::Graph) -> async_graphql::Result<Filters> {
        let key = |idx| ctx_graph.node(idx).key.clone();
        let mut kinds = Vec::new();
        let mut paragraphs = false;
        for kind in self.kinds.iter().flatten() {
            if kind == PARAGRAPH {
                paragraphs = true;
                continue;
            }
            match NodeKind::parse(kind).filter(|k| SEARCHABLE.contains(k)) {
                Some(k) => kinds.push(k),
                None => {
                    return Err(error(
                        Code::BadUserInput,
                        format!(
                            "cannot search for kind {kind:?}; searchable kinds: {}, {PARAGRAPH}",
                            SEARCHABLE
                                .iter()
                                .map(|k| k.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ))
                }
            }
        }
        let document = match &self.document {
            Some(id) => {
                if ctx_graph.document(id).is_none() {
                    return Err(error(
                        Code::NotFound,
                        format!("no document has the id {id:?}"),
                    ));
                }
                Some(crate::keys::document(id))
            }
            None => None,
        };
        Ok(Filters {
            kinds,
            paragraphs,
            document,
            speaker: match &self.speaker {
                Some(s) => Some(key(lookup(ctx_graph, NodeKind::Person, s)?)),
                None => None,
            },
            organisation: match &self.organisation {
                Some(o) => Some(key(lookup(ctx_graph, NodeKind::Organisation, o)?)),
                None => None,
            },
            meeting: match &self.meeting {
                Some(m) => Some(key(lookup_id(ctx_graph, NodeKind::Meeting, m)?)),
                None => None,
            },
            report: match &self.report {
                Some(r) => Some(key(report_index(ctx_graph, r)?)),
                None => None,
            },
            from: self.from,
            to: self.to,
        })
    }
}

/// One piece of a snippet.
#[derive(SimpleObject)]
pub struct SnippetPart {
    /// The text.
    text: String,
    /// Whether these words matched the search.
    highlighted: bool,
}

/// One search hit.
pub struct SearchHit {
    view: View,
    hit: Hit,
}

#[Object]
impl SearchHit {
    /// The statement, recommendation, response or document found.
    async fn node(&self) -> AnyNode {
        AnyNode::from_view(self.view.clone())
    }

    /// Relevance (BM25); higher is better, comparable within one search only.
    async fn score(&self) -> f64 {
        f64::from(self.hit.score)
    }

    /// The best passage, in pieces: render the highlighted ones in bold. The
    /// pieces joined give the passage.
    async fn snippet(&self) -> Vec<SnippetPart> {
        self.hit
            .snippet
            .iter()
            .map(|p| SnippetPart {
                text: p.text.clone(),
                highlighted: p.highlighted,
            })
            .collect()
    }

    /// The passage as HTML: text escaped, matched words in `<b>`.
    async fn snippet_html(&self) -> String {
        let mut html = String::new();
        for part in &self.hit.snippet {
            let escaped = crate::text::escape_html(&part.text);
            if part.highlighted {
                html.push_str(&format!("<b>{escaped}</b>"));
            } else {
                html.push_str(&escaped);
            }
        }
        html
    }

    /// Where the hit comes from: document, lines (page) and exact quote, to
    /// cite — for a paragraph, the paragraph itself.
    async fn source(&self) -> Vec<Provenance> {
        let graph = &self.view.graph;
        match &self.hit.paragraph {
            Some(paragraph) => {
                let node = self.view.node();
                let Some(id) = crate::keys::document_id(&node.key) else {
                    return Vec::new();
                };
                let span = crate::model::Span {
                    document: id.to_owned(),
                    first_line: paragraph.first_line,
                    last_line: paragraph.last_line,
                    quote: paragraph.text.clone(),
                };
                provenance(graph, &[span])
            }
            None => provenance(graph, &self.view.node().provenance),
        }
    }

    /// "paragraph" for a paragraph of a document, else the node's kind.
    async fn kind(&self) -> &'static str {
        match self.hit.paragraph {
            Some(_) => PARAGRAPH,
            None => self.view.node().kind.as_str(),
        }
    }
}

/// Full-text search.
#[derive(Default)]
pub struct SearchQuery;

#[Object]
impl SearchQuery {
    /// Searches statements, recommendations, responses and documents, best
    /// match first. The query: words (all must appear), "a phrase", AND, OR,
    /// NOT, +word, -word, prefix*; `title:` or `text:` before a word limits it
    /// to one field. Case and accents do not matter; common words ("the",
    /// "of") are ignored.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn search(
        &self,
        ctx: &Context<'_>,
        query: String,
        filter: Option<SearchFilter>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Page<SearchHit>> {
        let graph = graph(ctx);
        let filters = filter.unwrap_or_default().resolve(&graph)?;
        let (start, size) = window(first, after)?;
        let found = graph
            .search_index()
            .and_then(|index| index.search(&graph, &query, &filters, start, size))
            .map_err(|e| match e {
                SearchError::PrefixTooBroad { .. }
                | SearchError::TooDeep
                | SearchError::TooLong(_)
                | SearchError::TooNested(_)
                | SearchError::TooManyTerms(_) => error(Code::LimitExceeded, e.to_string()),
                e if e.is_user_error() => error(Code::BadUserInput, e.to_string()),
                e => {
                    tracing::error!(error = %e, "search failed");
                    error(
                        Code::Internal,
                        "the search index failed; see the server log",
                    )
                }
            })?;
        let hits = found
            .hits
            .into_iter()
            .map(|hit| SearchHit {
                view: View {
                    graph: graph.clone(),
                    idx: hit.idx,
                },
                hit,
            })
            .collect();
        Ok(page_of(hits, start, found.total))
    }
}
