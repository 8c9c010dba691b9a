//! Plain data of the graph: nodes, edges and the source spans they come from.
//!
//! These types are what parsers produce, what the store serialises and what the
//! index and the API read. They are a storage boundary: a change to their serde
//! shape needs a bump of [`crate::store::FORMAT_VERSION`].

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

/// One place in a source document that supports a node or an edge.
///
/// Invariant: `quote` is a byte-exact substring of lines `first_line..=last_line`
/// of document `document` (lines are 1-based and inclusive).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// Stable id of the source document (the manifest id, or the file stem).
    pub document: String,
    /// First line of the span, 1-based.
    pub first_line: u32,
    /// Last line of the span, 1-based and inclusive.
    pub last_line: u32,
    /// The exact text that justifies the fact, so a reader can cite it.
    pub quote: String,
}

macro_rules! kinds {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name { $(#[serde(rename = $text)] $variant),+ }

        impl $name {
            /// Every kind, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The kebab-case name used in IRIs, exports and the API.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the kebab-case name back.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

kinds! {
    /// What a node stands for (DESIGN.md, "Graph vocabulary").
    NodeKind {
        Person => "person",
        Organisation => "organisation",
        Membership => "membership",
        Post => "post",
        Meeting => "meeting",
        AgendaItem => "agenda-item",
        Attendance => "attendance",
        Document => "document",
        Statement => "statement",
        Recommendation => "recommendation",
        Response => "response",
        Action => "action",
        Citation => "citation",
    }
}

kinds! {
    /// A response's stance towards a recommendation (DESIGN.md, "Response
    /// stance vocabulary"), shared by the stance rules, the API and the RDF
    /// concept scheme.
    ResponseStance {
        Accepted => "accepted",
        AcceptedInPart => "accepted-in-part",
        AcceptedInPrinciple => "accepted-in-principle",
        UnderConsideration => "under-consideration",
        Rejected => "rejected",
        Noted => "noted",
        Redirected => "redirected",
        NotAddressed => "not-addressed",
    }
}

kinds! {
    /// How a person attended a meeting (the `status` of an Attendance node),
    /// shared by the parsers, the API and the tables.
    AttendanceStatus {
        Present => "present",
        Apologies => "apologies",
        Substitute => "substitute",
        Guest => "guest",
        Officer => "officer",
        Absent => "absent",
    }
}

kinds! {
    /// How two nodes are related. Edges are directed: `source --kind--> target`.
    EdgeKind {
        // Person --spoke--> Statement
        Spoke => "spoke",
        // Statement --in-item--> AgendaItem
        InItem => "in-item",
        // Statement --at-meeting--> Meeting
        AtMeeting => "at-meeting",
        // Statement --speaking-for--> Organisation (the organisation in the speaker label)
        SpeakingFor => "speaking-for",
        // AgendaItem --item-of--> Meeting
        ItemOf => "item-of",
        // Meeting --chaired-by--> Person (the chair as the minutes list them)
        ChairedBy => "chaired-by",
        // Meeting --held-by--> Organisation (the committee or body that met)
        HeldBy => "held-by",
        // Attendance --attendee--> Person
        Attendee => "attendee",
        // Attendance --attended--> Meeting
        Attended => "attended",
        // Attendance --substitute-for--> Person (the absent member)
        SubstituteFor => "substitute-for",
        // Attendance --guest-at--> AgendaItem (the item a guest was invited to)
        GuestAt => "guest-at",
        // Membership --member--> Person
        Member => "member",
        // Membership --member-of--> Organisation
        MemberOf => "member-of",
        // Document --part-of--> Document (a transcript or minutes inside an agenda pack)
        PartOf => "part-of",
        // Statement --in-document--> Document (the transcript a turn belongs to)
        InDocument => "in-document",
        // Document --records--> Meeting (minutes, transcripts and agendas of a meeting)
        Records => "records",
        // Document --published-by--> Organisation
        PublishedBy => "published-by",
        // Statement / Document --mentions--> any node
        Mentions => "mentions",
        // Statement --about--> any node its context makes it about (link::about)
        About => "about",
        // Person --possible-same-as--> Person (link::same_person): may be one, kept apart
        PossibleSameAs => "possible-same-as",
        // Organisation --sub-organisation-of--> Organisation
        SubOrganisationOf => "sub-organisation-of",
        // Document (report) --recommends--> Recommendation
        Recommends => "recommends",
        // Recommendation --addressed-to--> Organisation / Post; Document (letter) --addressed-to--> Person
        AddressedTo => "addressed-to",
        // Post --post-of--> Organisation
        PostOf => "post-of",
        // Response --responds-to--> Recommendation (or the report, when the text names none)
        RespondsTo => "responds-to",
        // Response --respondent--> Organisation / Post
        Respondent => "respondent",
        // Response / Document --signed-by--> Person
        SignedBy => "signed-by",
        // Document --authored-by--> Organisation (a report's committee, a letter's sender) or Person (a byline)
        AuthoredBy => "authored-by",
        // Person / Post / Organisation --responsible-for--> Action
        ResponsibleFor => "responsible-for",
        // Action --arises-from--> Meeting
        ArisesFrom => "arises-from",
        // Document / Statement --cites--> Citation; Citation --cites--> Meeting / Document
        Cites => "cites",
        // Document (a letter) --answers--> Action (the committee's request it answers)
        Answers => "answers",
        // Document (an outside review) --discussed-at--> AgendaItem
        DiscussedAt => "discussed-at",
    }
}

/// A node as one document (or the merge of all documents) knows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// The IRI path below `{base}/id/`, e.g. `person/susan-hall`. Stable across
    /// re-ingests; also the GraphQL global id.
    pub key: String,
    /// What the node stands for.
    pub kind: NodeKind,
    /// The display name (a person's fullest label, a meeting's title, ...).
    pub name: String,
    /// Every other label the node was seen under, verbatim, for search and display.
    pub aliases: BTreeSet<String>,
    /// Kind-specific properties (date, role, status, text, ...), as strings so the
    /// storage shape does not change when a kind gains a property.
    pub props: BTreeMap<String, String>,
    /// Where the node comes from; never empty.
    pub provenance: Vec<Span>,
}

/// A directed, typed edge between two node keys.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    /// Key of the node the edge starts from.
    pub source: String,
    /// The relation.
    pub kind: EdgeKind,
    /// Key of the node the edge points at.
    pub target: String,
    /// Edge properties (e.g. the role as labelled).
    pub props: BTreeMap<String, String>,
    /// Where the edge comes from; never empty.
    pub provenance: Vec<Span>,
}

impl Node {
    /// A node with no aliases or properties yet.
    pub fn new(
        key: impl Into<String>,
        kind: NodeKind,
        name: impl Into<String>,
        span: Span,
    ) -> Node {
        Node {
            key: key.into(),
            kind,
            name: name.into(),
            aliases: BTreeSet::new(),
            props: BTreeMap::new(),
            provenance: vec![span],
        }
    }

    /// Sets a property, builder style.
    pub fn with(mut self, key: &str, value: impl Into<String>) -> Node {
        self.props.insert(key.to_owned(), value.into());
        self
    }

    /// Adds an alias, builder style. The display name itself is never an alias.
    pub fn alias(mut self, alias: impl Into<String>) -> Node {
        let alias = alias.into();
        if alias != self.name && !alias.is_empty() {
            self.aliases.insert(alias);
        }
        self
    }

    /// A property's value, if set.
    pub fn prop(&self, key: &str) -> Option<&str> {
        self.props.get(key).map(String::as_str)
    }
}

impl Edge {
    /// An edge with no properties yet.
    pub fn new(
        source: impl Into<String>,
        kind: EdgeKind,
        target: impl Into<String>,
        span: Span,
    ) -> Edge {
        Edge {
            source: source.into(),
            kind,
            target: target.into(),
            props: BTreeMap::new(),
            provenance: vec![span],
        }
    }

    /// Sets a property, builder style.
    pub fn with(mut self, key: &str, value: impl Into<String>) -> Edge {
        self.props.insert(key.to_owned(), value.into());
        self
    }

    /// The store key: an edge is identified by its two ends and its kind.
    pub fn key(&self) -> String {
        edge_key(&self.source, self.kind, &self.target)
    }

    /// A property's value, if set.
    pub fn prop(&self, key: &str) -> Option<&str> {
        self.props.get(key).map(String::as_str)
    }
}

/// The identity of an edge. The separator cannot occur in node keys (slugs).
pub fn edge_key(source: &str, kind: EdgeKind, target: &str) -> String {
    format!("{source} {kind} {target}")
}

/// Everything one document contributes to the graph.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    /// Nodes by key, sorted so serialisation is deterministic.
    pub nodes: BTreeMap<String, Node>,
    /// Edges by [`Edge::key`].
    pub edges: BTreeMap<String, Edge>,
}

impl Contribution {
    /// Adds a node, merging it into one with the same key: aliases and spans are
    /// unioned, the longer name wins, and properties already set are kept.
    pub fn add_node(&mut self, node: Node) -> &str {
        let key = node.key.clone();
        match self.nodes.get_mut(&key) {
            Some(existing) => merge_node(existing, node),
            None => {
                self.nodes.insert(key.clone(), node);
            }
        }
        &self.nodes[&key].key
    }

    /// Adds an edge, merging it into one with the same ends and kind.
    pub fn add_edge(&mut self, edge: Edge) {
        let key = edge.key();
        match self.edges.get_mut(&key) {
            Some(existing) => {
                for (k, v) in edge.props {
                    existing.props.entry(k).or_insert(v);
                }
                union_spans(&mut existing.provenance, edge.provenance);
            }
            None => {
                self.edges.insert(key, edge);
            }
        }
    }
}

/// Merges `other` into `into` (same key). Used within a document and across
/// documents, so it must be order-insensitive for names and spans.
pub fn merge_node(into: &mut Node, other: Node) {
    // The display name is the best one seen: a name only found in passing
    // (`name_source = "mention"`) yields to one from a label or list, then the
    // longer wins, then the alphabetically first — a total order, so the
    // result does not depend on the order documents arrive in.
    let rank = |n: &Node| {
        (
            n.prop(NAME_SOURCE) != Some("mention"),
            n.name.len(),
            std::cmp::Reverse(n.name.clone()),
        )
    };
    if rank(&other) > rank(into) {
        let old = std::mem::replace(&mut into.name, other.name.clone());
        into.aliases.insert(old);
    } else if other.name != into.name {
        into.aliases.insert(other.name.clone());
    }
    if other.prop(NAME_SOURCE).is_none() {
        into.props.remove(NAME_SOURCE);
    }
    into.aliases.extend(other.aliases);
    into.aliases.remove(&into.name);
    for (k, v) in other.props {
        if k != NAME_SOURCE {
            into.props.entry(k).or_insert(v);
        }
    }
    union_spans(&mut into.provenance, other.provenance);
}

/// Property marking a node whose name was only found in running text.
pub const NAME_SOURCE: &str = "name_source";

fn union_spans(into: &mut Vec<Span>, more: Vec<Span>) {
    for span in more {
        if !into.contains(&span) {
            into.push(span);
        }
    }
    into.sort();
}
