//! People, organisations, roles and posts.

use chrono::NaiveDate;

use super::meetings::{Attendance, Meeting};
use super::view::node_type;
use crate::model::EdgeKind;

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
