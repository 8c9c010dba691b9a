//! The `Node` interface over every object type.

use async_graphql::{Interface, ID};

use super::actors::{Membership, Organisation, Person, Post};
use super::documents::{Citation, Document, Recommendation, Response};
use super::meetings::{Action, AgendaItem, Attendance, Meeting};
use super::statements::Statement;
use super::view::{Provenance, View};
use crate::model::NodeKind;

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
    Post(Post),
    Recommendation(Recommendation),
    Response(Response),
    Action(Action),
    Citation(Citation),
}

impl AnyNode {
    /// The typed view of a node: every kind has a GraphQL type.
    pub fn from_view(view: View) -> AnyNode {
        match view.node().kind {
            NodeKind::Person => AnyNode::Person(Person(view)),
            NodeKind::Organisation => AnyNode::Organisation(Organisation(view)),
            NodeKind::Membership => AnyNode::Membership(Membership(view)),
            NodeKind::Meeting => AnyNode::Meeting(Meeting(view)),
            NodeKind::AgendaItem => AnyNode::AgendaItem(AgendaItem(view)),
            NodeKind::Attendance => AnyNode::Attendance(Attendance(view)),
            NodeKind::Statement => AnyNode::Statement(Statement(view)),
            NodeKind::Document => AnyNode::Document(Document(view)),
            NodeKind::Post => AnyNode::Post(Post(view)),
            NodeKind::Recommendation => AnyNode::Recommendation(Recommendation(view)),
            NodeKind::Response => AnyNode::Response(Response(view)),
            NodeKind::Action => AnyNode::Action(Action(view)),
            NodeKind::Citation => AnyNode::Citation(Citation(view)),
        }
    }
}
