//! GraphQL object types: thin views over one node of a graph snapshot.

use std::sync::Arc;

use async_graphql::{Context, InputObject, Interface, Object, ID};
use chrono::NaiveDate;
use petgraph::graph::NodeIndex;

use super::page::{page_cost, paginate, Page};
use super::{error, Code};
use crate::index::Graph;
use crate::model::{EdgeKind, Node, NodeKind, Span};
use crate::names::SpeakerLabel;
use crate::orgs::Orgs;

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

    fn prop(&self, key: &str) -> Option<String> {
        self.node().prop(key).map(str::to_owned)
    }

    fn date(&self, key: &str) -> Option<NaiveDate> {
        self.node().prop(key).and_then(|d| d.parse().ok())
    }

    fn at(&self, idx: NodeIndex) -> View {
        View {
            graph: self.graph.clone(),
            idx,
        }
    }

    fn incoming<T: From<View>>(&self, kind: EdgeKind) -> Vec<T> {
        self.graph
            .incoming(self.idx, kind)
            .into_iter()
            .map(|i| self.at(i).into())
            .collect()
    }

    fn out_one<T: From<View>>(&self, kind: EdgeKind) -> Option<T> {
        self.graph
            .out_one(self.idx, kind)
            .map(|i| self.at(i).into())
    }

    fn incoming_one<T: From<View>>(&self, kind: EdgeKind) -> Option<T> {
        self.graph
            .incoming(self.idx, kind)
            .into_iter()
            .next()
            .map(|i| self.at(i).into())
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
        pub struct $name(pub View);

        impl From<View> for $name {
            fn from(view: View) -> Self {
                $name(view)
            }
        }

        #[Object]
        impl $name {
            /// Global id: the node key, stable across re-ingests and also the IRI path.
            async fn id(&self) -> ID {
                ID(self.0.node().key.clone())
            }

            /// The node's IRI, `{base}/id/{key}`.
            async fn iri(&self, ctx: &Context<'_>) -> String {
                crate::iri(&ctx.data_unchecked::<super::ApiConfig>().base_iri, &self.0.node().key)
            }

            /// Display name.
            async fn name(&self) -> String {
                self.0.node().name.clone()
            }

            /// Other labels the node was seen under, verbatim.
            async fn aliases(&self) -> Vec<String> {
                self.0.node().aliases.iter().cloned().collect()
            }

            /// Where the node comes from: document, lines and exact quote.
            async fn provenance(&self) -> Vec<Provenance> {
                provenance(&self.0.graph, &self.0.node().provenance)
            }

            $(
                #[doc = $statements_doc]
                #[graphql(complexity = "page_cost(first, child_complexity)")]
                async fn statements(
                    &self,
                    filter: Option<StatementFilter>,
                    first: Option<i32>,
                    after: Option<String>,
                ) -> async_graphql::Result<Page<Statement>> {
                    let candidates = self.0.graph.$direction(self.0.idx, EdgeKind::$statements_kind);
                    statement_page(&self.0.graph, candidates, filter, first, after)
                }
            )?

            $($body)*
        }
    };
}

fn provenance(graph: &Arc<Graph>, spans: &[Span]) -> Vec<Provenance> {
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
    async fn document(&self) -> Option<Document> {
        let idx = self
            .graph
            .get(&format!("document/{}", self.span.document))?;
        Some(Document(View {
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
}

/// Any node, for `node(id:)`.
// Clippy reads the repeated `ty = "..."` of the interface's fields as duplicates.
#[allow(clippy::duplicated_attributes)]
#[derive(Interface)]
#[graphql(
    name = "Node",
    field(name = "id", ty = "ID", desc = "Global id (the node key)."),
    field(name = "iri", ty = "String", desc = "The node's IRI."),
    field(name = "name", ty = "String", desc = "Display name."),
    field(name = "provenance", ty = "Vec<Provenance>", desc = "Source spans.")
)]
pub enum AnyNode {
    Person(Person),
    Organisation(Organisation),
    Membership(Membership),
    Meeting(Meeting),
    AgendaItem(AgendaItem),
    Attendance(Attendance),
    Statement(Statement),
    Document(Document),
}

impl AnyNode {
    /// The typed view of a node, when its kind has a GraphQL type.
    pub fn from_view(view: View) -> Option<AnyNode> {
        Some(match view.node().kind {
            NodeKind::Person => AnyNode::Person(Person(view)),
            NodeKind::Organisation => AnyNode::Organisation(Organisation(view)),
            NodeKind::Membership => AnyNode::Membership(Membership(view)),
            NodeKind::Meeting => AnyNode::Meeting(Meeting(view)),
            NodeKind::AgendaItem => AnyNode::AgendaItem(AgendaItem(view)),
            NodeKind::Attendance => AnyNode::Attendance(Attendance(view)),
            NodeKind::Statement => AnyNode::Statement(Statement(view)),
            NodeKind::Document => AnyNode::Document(Document(view)),
            _ => return None,
        })
    }
}

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
}

/// Finds a node of a kind by id, or by name / alias ignoring case.
pub fn lookup(graph: &Graph, kind: NodeKind, text: &str) -> async_graphql::Result<NodeIndex> {
    if let Some(idx) = graph.get(text).filter(|&i| graph.node(i).kind == kind) {
        return Ok(idx);
    }
    // A person by any form of their name: titles, honours and a role in
    // brackets do not change who it is ("Sir Mark Rowley", "Dom Murphy").
    if kind == NodeKind::Person {
        if let Some(idx) =
            SpeakerLabel::parse(text).and_then(|label| graph.get(&label.name.node_key()))
        {
            return Ok(idx);
        }
    }
    if kind == NodeKind::Organisation {
        if let Some(idx) = Orgs::default()
            .resolve(text)
            .and_then(|org| graph.get(&org.key))
        {
            return Ok(idx);
        }
    }
    graph.by_name(kind, text).into_iter().next().ok_or_else(|| {
        error(
            Code::NotFound,
            format!("no {kind} with id, name or alias {text:?}"),
        )
    })
}

fn lookup_id(graph: &Graph, kind: NodeKind, id: &ID) -> async_graphql::Result<NodeIndex> {
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

impl StatementFilter {
    /// Keeps the statements that pass every filter.
    pub fn apply(
        &self,
        graph: &Graph,
        statements: Vec<NodeIndex>,
    ) -> async_graphql::Result<Vec<NodeIndex>> {
        let mut wanted: Vec<(EdgeKind, bool, NodeIndex)> = Vec::new();
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
    /// A person, merged across every label and spelling seen.
    Person [statements("Speaker turns by this person, in date and transcript order.", out, Spoke)] {
        /// Honours and post-nominals ("QPM", "AM"), kept apart from the name.
        async fn honorifics(&self) -> Vec<String> {
            self.0.prop("honorifics").map(|h| h.split(' ').map(str::to_owned).collect()).unwrap_or_default()
        }

        /// Titles and ranks before the name ("Commander", "Sir").
        async fn titles(&self) -> Option<String> {
            self.0.prop("titles")
        }


        /// Meetings this person attended, sent apologies to, or was invited to.
        async fn attendance(&self) -> Vec<Attendance> {
            self.0.incoming(EdgeKind::Attendee)
        }

        /// Roles held, each with the date and the basis it was recorded on.
        async fn roles(&self) -> Vec<Membership> {
            self.0.incoming(EdgeKind::Member)
        }
    }
}

node_type! {
    /// An organisation (a police service, an office, a committee, ...).
    Organisation [statements("Statements whose speaker label names this organisation.", incoming, SpeakingFor)] {
        /// Memberships and posts in this organisation; `since` keeps those agreed
        /// from that date, `role` those with that role (case-insensitive).
        async fn memberships(&self, since: Option<NaiveDate>, role: Option<String>) -> Vec<Membership> {
            let all: Vec<Membership> = self.0.incoming(EdgeKind::MemberOf);
            all.into_iter()
                .filter(|m| since.is_none_or(|d| m.0.date("since") == Some(d)))
                .filter(|m| role.as_deref().is_none_or(|r| m.0.prop("role").is_some_and(|x| x.eq_ignore_ascii_case(r))))
                .collect()
        }


        /// Meetings this organisation held (for committees).
        async fn meetings(&self) -> Vec<Meeting> {
            self.0.incoming(EdgeKind::HeldBy)
        }
    }
}

node_type! {
    /// A role held by a person, in an organisation when known, at a date.
    Membership {
        /// The role ("Chair", "Deputy Chairman", "Member", "Commissioner of Police of the Metropolis").
        async fn role(&self) -> Option<String> {
            self.0.prop("role")
        }

        /// How the role was recorded: "agreed" (appointed from `since`), "listed" (on
        /// an agenda's member list), "present" (in minutes), "invited" (as a guest),
        /// "labelled" (in a transcript's speaker label).
        async fn basis(&self) -> Option<String> {
            self.0.prop("basis")
        }

        /// The date the role was agreed from (basis "agreed").
        async fn since(&self) -> Option<NaiveDate> {
            self.0.date("since")
        }

        /// The date the role was observed at (other bases).
        async fn as_of(&self) -> Option<NaiveDate> {
            self.0.date("as_of")
        }

        /// Who holds the role.
        async fn person(&self) -> Option<Person> {
            self.0.out_one(EdgeKind::Member)
        }

        /// Where the role is held, when the text says.
        async fn organisation(&self) -> Option<Organisation> {
            self.0.out_one(EdgeKind::MemberOf)
        }
    }
}

node_type! {
    /// A meeting of a body on a date.
    Meeting [statements("Speaker turns at this meeting.", incoming, AtMeeting)] {
        /// The body that met.
        async fn body(&self) -> Option<Organisation> {
            self.0.out_one(EdgeKind::HeldBy)
        }

        /// The date.
        async fn date(&self) -> Option<NaiveDate> {
            self.0.date("date")
        }

        /// The start time as written ("10.00 am").
        async fn time(&self) -> Option<String> {
            self.0.prop("time")
        }

        /// The place as written.
        async fn place(&self) -> Option<String> {
            self.0.prop("place")
        }

        /// Who chaired the meeting, as the minutes list them.
        async fn chair(&self) -> Option<Person> {
            self.0.out_one(EdgeKind::ChairedBy)
        }

        /// Agenda items in number order.
        async fn agenda_items(&self) -> Vec<AgendaItem> {
            self.0.incoming(EdgeKind::ItemOf)
        }

        /// Attendance records; `status` keeps one of "present", "apologies",
        /// "substitute", "guest".
        async fn attendance(&self, status: Option<String>) -> Vec<Attendance> {
            let all: Vec<Attendance> = self.0.incoming(EdgeKind::Attended);
            all.into_iter().filter(|a| status.as_deref().is_none_or(|s| a.0.prop("status").as_deref() == Some(s))).collect()
        }


        /// Documents recording the meeting: agenda, minutes, transcripts.
        async fn documents(&self) -> Vec<Document> {
            self.0.incoming(EdgeKind::Records)
        }
    }
}

node_type! {
    /// One numbered item of a meeting's agenda.
    AgendaItem [statements("Speaker turns on this item.", incoming, InItem)] {
        /// The item number as written ("6", "9a").
        async fn number(&self) -> Option<String> {
            self.0.prop("number")
        }

        /// The item title.
        async fn title(&self) -> Option<String> {
            self.0.prop("title")
        }

        /// The meeting.
        async fn meeting(&self) -> Option<Meeting> {
            self.0.out_one(EdgeKind::ItemOf)
        }


        /// Guests invited for this item.
        async fn guests(&self) -> Vec<Attendance> {
            self.0.incoming(EdgeKind::GuestAt)
        }
    }
}

node_type! {
    /// A person's attendance at a meeting.
    Attendance {
        /// "present", "apologies", "substitute" or "guest".
        async fn status(&self) -> Option<String> {
            self.0.prop("status")
        }

        /// The role the record gives ("Chairman", a guest's post).
        async fn role(&self) -> Option<String> {
            self.0.prop("role")
        }

        /// A guest's organisation as listed.
        async fn organisation_name(&self) -> Option<String> {
            self.0.prop("organisation")
        }

        /// Who.
        async fn person(&self) -> Option<Person> {
            self.0.out_one(EdgeKind::Attendee)
        }

        /// Which meeting.
        async fn meeting(&self) -> Option<Meeting> {
            self.0.out_one(EdgeKind::Attended)
        }

        /// For a substitute: the absent member they stood in for.
        async fn substitute_for(&self) -> Option<Person> {
            self.0.out_one(EdgeKind::SubstituteFor)
        }

        /// For a guest: the agenda item they were invited to.
        async fn agenda_item(&self) -> Option<AgendaItem> {
            self.0.out_one(EdgeKind::GuestAt)
        }
    }
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

        /// The transcript.
        async fn document(&self) -> Option<Document> {
            self.0.out_one(EdgeKind::InDocument)
        }
    }
}

node_type! {
    /// A document: a source file, or a part of one (minutes, a transcript).
    Document [statements("Speaker turns in this transcript.", incoming, InDocument)] {
        /// The title.
        async fn title(&self) -> String {
            self.0.node().name.clone()
        }

        /// What it is: agenda-pack, minutes, transcript, letter, article, ...
        async fn kind(&self) -> Option<String> {
            self.0.prop("kind")
        }

        /// Its date.
        async fn date(&self) -> Option<NaiveDate> {
            self.0.date("date")
        }

        /// Publisher as the manifest names it.
        async fn publisher(&self) -> Option<String> {
            self.0.prop("publisher")
        }

        /// The source file name.
        async fn file_name(&self) -> Option<String> {
            self.0.prop("file_name")
        }

        /// The panel of a transcript, when a session had several.
        async fn panel(&self) -> Option<String> {
            self.0.prop("panel")
        }

        /// The document this one is part of.
        async fn part_of(&self) -> Option<Document> {
            self.0.out_one(EdgeKind::PartOf)
        }

        /// The documents inside this one.
        async fn parts(&self) -> Vec<Document> {
            self.0.incoming(EdgeKind::PartOf)
        }

        /// The meeting it records.
        async fn meeting(&self) -> Option<Meeting> {
            self.0.out_one(EdgeKind::Records)
        }

    }
}
