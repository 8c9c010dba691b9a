//! Statements (speaker turns and reported claims) and their filters.

use std::sync::Arc;

use async_graphql::{InputObject, ID};
use chrono::NaiveDate;
use petgraph::graph::NodeIndex;

use super::actors::{Organisation, Person};
use super::documents::Document;
use super::meetings::{AgendaItem, Meeting};
use super::page::{paginate, Page};
use super::view::{lookup, lookup_id, node_type, View};
use super::{error, Code};
use crate::index::Graph;
use crate::model::{EdgeKind, NodeKind};

/// Filters on statements. Every filter given must hold.
#[derive(Clone, Debug, Default, InputObject)]
pub struct StatementFilter {
    /// The speaker: a person's id, name or alias (case-insensitive).
    pub speaker: Option<String>,
    /// The organisation in the speaker's label: id, name or abbreviation ("MOPAC").
    pub organisation: Option<String>,
    /// The meeting's id.
    pub meeting: Option<ID>,
    /// The agenda item's id.
    pub agenda_item: Option<ID>,
    /// The transcript's (document's) id.
    pub document: Option<ID>,
    /// Said on or after this date.
    pub from: Option<NaiveDate>,
    /// Said on or before this date.
    pub to: Option<NaiveDate>,
    /// `true` keeps transcript turns, `false` claims a report or letter attributes.
    pub verbatim: Option<bool>,
    /// Statements about this node (a report, recommendation, organisation or
    /// person), by id or by name, title or alias: those that name it and those whose context makes them
    /// about it (said under an agenda item discussing it, or referring back to it).
    pub about: Option<ID>,
    /// With `about`: only statements that name it (`EXPLICIT`) or only those
    /// about it by context (`CONTEXT`).
    pub about_basis: Option<super::view::AboutBasis>,
}

impl StatementFilter {
    /// Keeps the statements that pass every filter.
    pub fn apply(
        &self,
        graph: &Graph,
        statements: Vec<NodeIndex>,
    ) -> async_graphql::Result<Vec<NodeIndex>> {
        let mut wanted: Vec<(EdgeKind, bool, NodeIndex)> = Vec::new();
        let mut about_nodes: Vec<NodeIndex> = Vec::new();
        if let Some(speaker) = &self.speaker {
            wanted.push((
                EdgeKind::Spoke,
                false,
                lookup(graph, NodeKind::Person, speaker)?,
            ));
        }
        if let Some(org) = &self.organisation {
            wanted.push((
                EdgeKind::SpeakingFor,
                true,
                lookup(graph, NodeKind::Organisation, org)?,
            ));
        }
        if let Some(meeting) = &self.meeting {
            wanted.push((
                EdgeKind::AtMeeting,
                true,
                lookup_id(graph, NodeKind::Meeting, meeting)?,
            ));
        }
        if let Some(item) = &self.agenda_item {
            wanted.push((
                EdgeKind::InItem,
                true,
                lookup_id(graph, NodeKind::AgendaItem, item)?,
            ));
        }
        if let Some(document) = &self.document {
            wanted.push((
                EdgeKind::InDocument,
                true,
                lookup_id(graph, NodeKind::Document, document)?,
            ));
        }
        if let Some(about) = &self.about {
            // An id, or the name, title or alias of a person, organisation,
            // document or post: every node so named ("Baroness Casey Review"
            // is the review and, in a witness's label, the team that wrote it).
            let targets: Vec<NodeIndex> = match graph.get(about.as_str()) {
                Some(idx) => vec![idx],
                None => [
                    NodeKind::Person,
                    NodeKind::Organisation,
                    NodeKind::Document,
                    NodeKind::Post,
                ]
                .into_iter()
                .filter_map(|kind| graph.resolve(kind, about.as_str()))
                .collect(),
            };
            if targets.is_empty() {
                return Err(error(
                    Code::NotFound,
                    format!("no node with id or name {:?}", about.as_str()),
                ));
            }
            about_nodes = targets;
        } else if self.about_basis.is_some() {
            return Err(error(
                Code::BadUserInput,
                "aboutBasis needs about: the node the statements are about",
            ));
        }
        let (from, to) = (
            self.from.map(|d| d.to_string()),
            self.to.map(|d| d.to_string()),
        );
        Ok(statements
            .into_iter()
            .filter(|&s| {
                wanted.iter().all(|&(kind, outgoing, other)| {
                    if outgoing {
                        graph.edge_between(s, kind, other).is_some()
                    } else {
                        graph.edge_between(other, kind, s).is_some()
                    }
                })
            })
            .filter(|&s| {
                about_nodes.is_empty()
                    || about_nodes.iter().any(|&target| {
                        [
                            super::view::AboutBasis::Explicit,
                            super::view::AboutBasis::Context,
                        ]
                        .into_iter()
                        .filter(|b| self.about_basis.is_none_or(|want| want == *b))
                        .any(|b| graph.edge_between(s, b.edge_kind(), target).is_some())
                    })
            })
            .filter(|&s| {
                self.verbatim
                    .is_none_or(|v| (graph.node(s).prop("verbatim") == Some("true")) == v)
            })
            .filter(|&s| {
                let date = graph.node(s).prop("date").unwrap_or("");
                from.as_deref().is_none_or(|f| date >= f) && to.as_deref().is_none_or(|t| date <= t)
            })
            .collect())
    }
}

/// Statements among `candidates`, filtered and paginated.
pub fn statement_page(
    graph: &Arc<Graph>,
    candidates: Vec<NodeIndex>,
    filter: Option<StatementFilter>,
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<Page<Statement>> {
    let kept = filter.unwrap_or_default().apply(graph, candidates)?;
    let items = kept
        .into_iter()
        .map(|idx| {
            Statement(View {
                graph: graph.clone(),
                idx,
            })
        })
        .collect();
    paginate(items, first, after)
}

node_type! {
    /// One speaker turn of a transcript: all its paragraphs.
    Statement {
        /// What was said, paragraphs separated by a blank line, as in the source.
        async fn text(&self) -> Option<String> {
            self.0.prop("text")
        }

        /// The label as written ("Susan Hall AM (Chairman)").
        async fn speaker_label(&self) -> Option<String> {
            self.0.prop("speaker_label")
        }

        /// The bracketed part of the label, verbatim.
        async fn role_as_labelled(&self) -> Option<String> {
            self.0.prop("role_as_labelled")
        }

        /// The role alone, unit codes repaired ("SO15").
        async fn role(&self) -> Option<String> {
            self.0.prop("role")
        }

        /// Position of the turn in its transcript, from 1.
        async fn ordinal(&self) -> Option<i32> {
            self.0.prop("ordinal").and_then(|o| o.parse().ok())
        }

        /// The date it was said.
        async fn date(&self) -> Option<NaiveDate> {
            self.0.date("date")
        }

        /// Whether the text is verbatim (a transcript) rather than reported.
        async fn verbatim(&self) -> bool {
            self.0.prop("verbatim").as_deref() == Some("true")
        }

        /// The transcript's panel, when a session had several ("Panel Two").
        async fn panel(&self) -> Option<String> {
            self.0.prop("panel")
        }

        /// Who spoke.
        async fn speaker(&self) -> Option<Person> {
            self.0.incoming_one(EdgeKind::Spoke)
        }

        /// The organisation in the speaker's label.
        async fn organisation(&self) -> Option<Organisation> {
            self.0.out_one(EdgeKind::SpeakingFor)
        }

        /// The meeting.
        async fn meeting(&self) -> Option<Meeting> {
            self.0.out_one(EdgeKind::AtMeeting)
        }

        /// The agenda item.
        async fn agenda_item(&self) -> Option<AgendaItem> {
            self.0.out_one(EdgeKind::InItem)
        }

        /// What kind of statement: "turn" (a transcript turn), "reported" (a
        /// claim a report or letter attributes) or "comment" (a reader comment).
        async fn kind(&self) -> String {
            match (self.0.prop("kind"), self.0.prop("verbatim").as_deref()) {
                (Some(kind), _) => kind,
                (None, Some("false")) => "reported".to_owned(),
                _ => "turn".to_owned(),
            }
        }

        /// A comment's headline (the commenter's own tagline) and age ("2mo").
        async fn headline(&self) -> Option<String> {
            self.0.prop("headline")
        }

        /// How long before capture a comment was posted, as shown ("2mo", "1y").
        async fn age(&self) -> Option<String> {
            self.0.prop("age")
        }

        /// Footnotes a reported statement rests on.
        async fn citations(&self) -> Vec<super::documents::Citation> {
            self.0.out(EdgeKind::Cites)
        }

        /// The transcript (or, for a reported statement, the report or letter).
        async fn document(&self) -> Option<Document> {
            self.0.out_one(EdgeKind::InDocument)
        }
    }
}
