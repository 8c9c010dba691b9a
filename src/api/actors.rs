//! People, organisations, roles and posts.

use chrono::NaiveDate;

use async_graphql::Union;

use super::documents::{Document, Recommendation, Response};
use super::meetings::{Attendance, Meeting};
use super::view::{node_type, View};
use crate::index::fold_name;
use crate::model::{EdgeKind, NodeKind};

/// A person who may be the same as another, and why.
pub struct SameAsCandidate {
    mention: super::view::Mention,
    evidence: String,
}

#[async_graphql::Object]
impl SameAsCandidate {
    /// The other person.
    async fn person(&self) -> Person {
        Person(View {
            graph: self.mention.graph.clone(),
            idx: self.mention.other,
        })
    }

    /// Why they may be one ("the same surname; \"J\" is the initial of \"John\"").
    async fn evidence(&self) -> &str {
        &self.evidence
    }

    /// Where each name is written.
    async fn provenance(&self) -> Vec<super::view::Provenance> {
        super::view::provenance(&self.mention.graph, &self.mention.spans)
    }
}

/// An organisation that may be the same as another ("Commission for
/// Countering Extremism" and "Commission of Countering Extremism"), and why.
pub struct SameOrganisationCandidate {
    mention: super::view::Mention,
    evidence: String,
}

#[async_graphql::Object]
impl SameOrganisationCandidate {
    /// The other organisation.
    async fn organisation(&self) -> Organisation {
        Organisation(View {
            graph: self.mention.graph.clone(),
            idx: self.mention.other,
        })
    }

    /// Why they may be one ("the same words of substance in the same
    /// order; they differ in \"for\" and \"of\"").
    async fn evidence(&self) -> &str {
        &self.evidence
    }

    /// Where each name is written.
    async fn provenance(&self) -> Vec<super::view::Provenance> {
        super::view::provenance(&self.mention.graph, &self.mention.spans)
    }
}

/// The nodes a `possible-same-as` edge pairs with this one, each with the
/// edge's evidence.
fn candidates(view: &View) -> Vec<(super::view::Mention, String)> {
    view.linked(false, EdgeKind::PossibleSameAs)
        .into_iter()
        .map(|m| {
            let evidence = view
                .graph
                .edge_between(view.idx, EdgeKind::PossibleSameAs, m.other)
                .and_then(|e| e.prop("evidence").map(str::to_owned))
                .unwrap_or_default();
            (m, evidence)
        })
        .collect()
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

        /// An e-mail address the documents give for this person (a contact
        /// officer's), which other registries can match on.
        async fn email(&self) -> Option<String> {
            self.0.prop("email")
        }

        /// The same person in an outside registry (`schema:sameAs`), when known.
        async fn same_as(&self) -> Option<String> {
            self.0.prop("same_as")
        }


        /// Other people who may be this one ("Mr J Betts" and "Mr John
        /// Betts"): kept apart, as no document says they are one, each with
        /// the evidence and both names' places.
        async fn possible_same_as(&self) -> Vec<SameAsCandidate> {
            candidates(&self.0)
                .into_iter()
                .map(|(mention, evidence)| SameAsCandidate { mention, evidence })
                .collect()
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


        /// Responses this organisation gave to recommendations.
        async fn responses(&self) -> Vec<Response> {
            self.0.incoming(EdgeKind::Respondent)
        }

        /// Recommendations addressed to this organisation.
        async fn recommendations(&self) -> Vec<Recommendation> {
            self.0.incoming(EdgeKind::AddressedTo)
        }

        /// Posts in this organisation.
        async fn posts(&self) -> Vec<Post> {
            self.0.incoming(EdgeKind::PostOf)
        }

        /// Meetings this organisation held (for committees).
        async fn meetings(&self) -> Vec<Meeting> {
            self.0.incoming(EdgeKind::HeldBy)
        }

        /// Other organisations that may be this one, named with other
        /// connecting words or endings ("… Food & Rural Affairs", "… Food
        /// and Rural Affairs"): kept apart, as no document says they are
        /// one, each with the evidence and both names' places.
        async fn possible_same_as(&self) -> Vec<SameOrganisationCandidate> {
            candidates(&self.0)
                .into_iter()
                .map(|(mention, evidence)| SameOrganisationCandidate { mention, evidence })
                .collect()
        }

        /// Documents this organisation wrote: letters it signed as a body,
        /// the document a review team is named after ("Baroness Casey
        /// Review"), and works a footnote cites it as the author of.
        async fn authored(&self) -> Vec<Document> {
            self.0.incoming(EdgeKind::AuthoredBy)
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
        /// "labelled" (in a transcript's speaker label), "declared" (in a register of
        /// interests), "contact" (a document's contact block, as of its date).
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
    /// A post that outlives its holders ("Deputy Mayor for Policing and Crime").
    Post {
        /// The organisation the post belongs to.
        async fn organisation(&self) -> Option<Organisation> {
            self.0.out_one(EdgeKind::PostOf)
        }

        /// Roles recorded under this post's name, each with its date and
        /// basis: who held it, when the documents say so.
        async fn holders(&self) -> Vec<Membership> {
            let name = fold_name(&self.0.node().name);
            let graph = &self.0.graph;
            graph
                .of_kind(NodeKind::Membership)
                .iter()
                .filter(|&&idx| graph.node(idx).prop("role").is_some_and(|role| fold_name(role) == name))
                .map(|&idx| Membership(self.0.at(idx)))
                .collect()
        }

        /// Recommendations addressed to this post.
        async fn recommendations(&self) -> Vec<Recommendation> {
            self.0.incoming(EdgeKind::AddressedTo)
        }
    }
}

/// Whoever can be addressed, respond or be responsible: an organisation, a post or a person.
#[derive(Clone, Union)]
pub enum Party {
    Organisation(Organisation),
    Post(Post),
    Person(Person),
}

impl Party {
    /// The party a node is, when it is one.
    pub fn from_view(view: View) -> Option<Party> {
        Some(match view.node().kind {
            NodeKind::Organisation => Party::Organisation(Organisation(view)),
            NodeKind::Post => Party::Post(Post(view)),
            NodeKind::Person => Party::Person(Person(view)),
            _ => return None,
        })
    }
}
