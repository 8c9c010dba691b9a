//! Meetings, their agenda items and attendance.

use chrono::NaiveDate;

use super::actors::{Organisation, Party, Person};
use super::documents::Document;
use super::view::node_type;
use crate::model::EdgeKind;

node_type! {
    /// A meeting of a body on a date.
    Meeting [statements("Speaker turns at this meeting.", incoming, AtMeeting)] {
        /// The body that met (the first named, for a joint meeting).
        async fn body(&self) -> Option<Organisation> {
            self.0.out_one(EdgeKind::HeldBy)
        }

        /// Every body that held the meeting: one, or each of a joint
        /// meeting's ("Audit Committee and General Purposes Committee
        /// (Joint Session)").
        async fn bodies(&self) -> Vec<Organisation> {
            self.0.out(EdgeKind::HeldBy)
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

        /// The topic a work programme gives the meeting ("Q&A with MOPAC and the MPS").
        async fn topic(&self) -> Option<String> {
            self.0.prop("topic")
        }

        /// Every date the documents give the meeting, each with its sources:
        /// the date as numbered and, where a source names a weekday the date
        /// does not fall on, the nearest such day. `ofRecord` marks the
        /// reading the meeting's own record (its minutes', agenda's or
        /// transcript's header) gives.
        async fn date_readings(&self) -> Vec<DateReading> {
            self.0
                .prop("date_readings")
                .and_then(|json| serde_json::from_str::<Vec<crate::link::DateReading>>(&json).ok())
                .unwrap_or_default()
                .into_iter()
                .map(|reading| DateReading { graph: self.0.graph.clone(), reading })
                .collect()
        }

        /// Whether the documents give the meeting more than one date.
        async fn date_disputed(&self) -> bool {
            self.0.prop("date_disputed").as_deref() == Some("true")
        }

        /// The date the meeting's own record gives, when a record is held.
        async fn date_of_record(&self) -> Option<String> {
            self.0.prop("date_of_record")
        }

        /// The kind of meeting a document states, when not a formal one:
        /// "informal", "private", "visit", "annual", "briefing".
        async fn kind(&self) -> Option<String> {
            self.0.prop("kind")
        }

        /// Where a document states the meeting without recording it:
        /// "committee-activity" (a report's list of its meetings), "minutes"
        /// (an earlier meeting they name) or "prose" (a sentence).
        async fn stated_in(&self) -> Option<String> {
            self.0.prop("stated_in")
        }

        /// Whether a work programme lists the meeting in its schedule.
        async fn scheduled(&self) -> bool {
            self.0.prop("scheduled").as_deref() == Some("true")
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
        /// "substitute", "guest", "officer", "absent". A member who attended
        /// as a substitute was present too: "present" keeps them as well.
        async fn attendance(&self, status: Option<String>) -> async_graphql::Result<Vec<Attendance>> {
            if let Some(s) = status.as_deref().filter(|s| crate::model::AttendanceStatus::parse(s).is_none()) {
                let known: Vec<&str> = crate::model::AttendanceStatus::ALL.iter().map(|k| k.as_str()).collect();
                return Err(super::error(
                    super::Code::BadUserInput,
                    format!("unknown attendance status {s:?}: expected one of {}", known.join(", ")),
                ));
            }
            let all: Vec<Attendance> = self.0.incoming(EdgeKind::Attended);
            let keeps = |a: &Attendance| {
                let own = a.0.prop("status");
                status.as_deref().is_none_or(|s| own.as_deref() == Some(s) || (s == "present" && own.as_deref() == Some("substitute")))
            };
            Ok(all.into_iter().filter(keeps).collect())
        }


        /// Follow-up actions arising from the meeting, in item order.
        async fn actions(&self, status: Option<String>) -> Vec<Action> {
            let all: Vec<Action> = self.0.incoming(EdgeKind::ArisesFrom);
            all.into_iter().filter(|a| status.as_deref().is_none_or(|s| a.0.prop("status").as_deref() == Some(s))).collect()
        }

        /// Footnotes of reports and letters that cite this meeting as evidence.
        async fn cited_by(&self) -> Vec<super::documents::Citation> {
            self.0.incoming(EdgeKind::Cites)
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


        /// Outside reviews and reports the item discussed.
        async fn discusses(&self) -> Vec<Document> {
            self.0.incoming(EdgeKind::DiscussedAt)
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
        /// "present", "apologies", "substitute", "guest", "officer" or "absent".
        async fn status(&self) -> Option<String> {
            self.0.prop("status")
        }

        /// "virtual" for who attended remotely.
        async fn mode(&self) -> Option<String> {
            self.0.prop("mode")
        }

        /// How the attendance is known where no list says it: "spoke" for
        /// a speaker of a hearing whose transcript lists no attendance,
        /// "told" where the text says the person attended ("X attended his
        /// first COBR meeting on …"), "gave evidence" for a witness the text
        /// says gave evidence there ("you gave evidence to a Senedd
        /// committee on …", "X in his evidence on …").
        async fn basis(&self) -> Option<String> {
            self.0.prop("basis")
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
    /// A follow-up action from a meeting, as the summary list of actions records it.
    Action {
        /// "action" (from a meeting) or "milestone" (of a business plan).
        async fn kind(&self) -> String {
            self.0.prop("kind").unwrap_or_else(|| "action".to_owned())
        }

        /// A milestone's period ("Quarter 1, 2018-19").
        async fn period(&self) -> Option<String> {
            self.0.prop("period")
        }

        /// The progress reported against a milestone.
        async fn progress(&self) -> Option<String> {
            self.0.prop("progress")
        }

        /// How a milestone's status was read from its progress text.
        async fn status_rule(&self) -> Option<String> {
            self.0.prop("status_rule")
        }

        /// The agenda item number it arose under.
        async fn item(&self) -> Option<String> {
            self.0.prop("item")
        }

        /// The agenda item's title as the list gives it.
        async fn item_title(&self) -> Option<String> {
            self.0.prop("item_title")
        }

        /// What is to be done.
        async fn text(&self) -> Option<String> {
            self.0.prop("text")
        }

        /// An action's "completed", "ongoing" or "closed" (the first word of the
        /// status); a milestone's "delivered", "on track" or "some delay".
        async fn status(&self) -> Option<String> {
            self.0.prop("status")
        }

        /// The status as written ("Ongoing. Followed-up on 4 May 2023.").
        async fn status_text(&self) -> Option<String> {
            self.0.prop("status_text")
        }

        /// Who is responsible, as written.
        async fn responsible_as_written(&self) -> Option<String> {
            self.0.prop("responsible")
        }

        /// Who is responsible: a person, a post or an organisation.
        async fn responsible(&self) -> Option<Party> {
            Party::from_view(self.0.at(self.0.graph.incoming(self.0.idx, EdgeKind::ResponsibleFor).into_iter().next()?))
        }

        /// Letters and documents that answer this request, with the heading that does.
        async fn answered_in(&self) -> Vec<super::view::Mention> {
            self.0.linked(true, EdgeKind::Answers)
        }

        /// The meeting it arose from.
        async fn meeting(&self) -> Option<Meeting> {
            self.0.out_one(EdgeKind::ArisesFrom)
        }

        /// The agenda item it arose under.
        async fn agenda_item(&self) -> Option<AgendaItem> {
            self.0.out_one(EdgeKind::InItem)
        }
    }
}

/// One reading of a meeting's date, with the places that give it.
pub struct DateReading {
    graph: std::sync::Arc<crate::index::Graph>,
    reading: crate::link::DateReading,
}

#[async_graphql::Object]
impl DateReading {
    /// The date this reading gives (ISO 8601).
    async fn date(&self) -> &str {
        &self.reading.date
    }

    /// "date" (day, month and year as written) or "weekday" (a weekday
    /// written with a date it does not fall on: the nearest such day).
    async fn basis(&self) -> &str {
        &self.reading.basis
    }

    /// The words as first written ("Wednesday 29 September 2022").
    async fn as_written(&self) -> &str {
        &self.reading.as_written
    }

    /// Whether the meeting's own record gives this reading.
    async fn of_record(&self) -> bool {
        self.reading.of_record
    }

    /// Every place that gives it.
    async fn provenance(&self) -> Vec<super::view::Provenance> {
        super::view::provenance(&self.graph, &self.reading.sources)
    }
}
