//! Node keys, built and taken apart here and nowhere else.
//!
//! A key is `{kind}/{path}`: the IRI path below `{base}/id/` and the GraphQL
//! id, so it must be stable across re-ingests. Every path comes from what
//! the text says (slugs of names and titles, dates, numbers), never from
//! line numbers or ingest order.

use crate::text::slug;

/// The path of a key below its kind: `path("person/susan-hall")` is
/// `"susan-hall"`; a key with no kind is its own path.
pub fn path(key: &str) -> &str {
    key.split_once('/').map_or(key, |(_, rest)| rest)
}

/// A source document: `document/{manifest id}`.
pub fn document(id: &str) -> String {
    format!("document/{id}")
}

/// A document a text cites or discusses but that is not held: `document/external/{slug}`.
pub fn external_document(title: &str) -> String {
    format!("document/external/{}", slug(title))
}

/// A part of a source document (minutes, a transcript, a letter) of a kind,
/// at a path below it: `document/{kind}/{path}`.
pub fn document_part(kind: &str, part_path: &str) -> String {
    format!("document/{kind}/{part_path}")
}

/// A key of `kind` whose path is `parts` joined by `/`, for the kinds whose
/// path has no structure others take apart (actions, citations, reported
/// statements, letters inside a pack): `under("citation", &[doc, "2", "14"])`.
pub fn under(kind: &str, parts: &[&str]) -> String {
    format!("{kind}/{}", parts.join("/"))
}

/// The manifest id of a source document's key (`document/{id}`), if it is one.
pub fn document_id(key: &str) -> Option<&str> {
    key.strip_prefix("document/")
}

/// A person by the slug of their core name.
pub fn person(name_slug: &str) -> String {
    format!("person/{name_slug}")
}

/// An organisation by its canonical name.
pub fn organisation(name: &str) -> String {
    format!("organisation/{}", slug(name))
}

/// A post by its name.
pub fn post(name: &str) -> String {
    format!("post/{}", slug(name))
}

/// A meeting of a body (an organisation key) on a date (ISO 8601).
pub fn meeting(body_key: &str, date: &str) -> String {
    format!("meeting/{}/{date}", path(body_key))
}

/// A person's attendance at a meeting.
pub fn attendance(meeting_key: &str, person_key: &str) -> String {
    format!("attendance/{}/{}", path(meeting_key), path(person_key))
}

/// A role held: person, organisation slug (or "none"), role, from a date.
pub fn membership(person_key: &str, org_slug: &str, role: &str, date: &str) -> String {
    format!(
        "membership/{}/{org_slug}/{}/{date}",
        path(person_key),
        slug(role)
    )
}

/// A report by its title.
pub fn report(title: &str) -> String {
    format!("report/{}", slug(title))
}

/// Recommendation `number` of a report (a report key).
pub fn recommendation(report_key: &str, number: u32) -> String {
    format!("{report_key}/recommendation/{number}")
}

/// The report key and number of a recommendation key, if it is one.
pub fn split_recommendation(key: &str) -> Option<(&str, u32)> {
    let (report, number) = key.rsplit_once("/recommendation/")?;
    Some((report, number.parse().ok()?))
}

/// A part of recommendation `number` by its path of labels ("a", "a/i").
pub fn recommendation_part(report_key: &str, number: u32, part_path: &str) -> String {
    format!("{}/{part_path}", recommendation(report_key, number))
}

/// One respondent's response to recommendation `number` of a report.
pub fn response(report_key: &str, number: u32, respondent_slug: &str) -> String {
    response_to(&recommendation(report_key, number), respondent_slug)
}

/// One respondent's response to a recommendation or a part of one, by its
/// key: `response/{report path}/{number}[/{part path}]/{respondent}`.
pub fn response_to(recommendation_key: &str, respondent_slug: &str) -> String {
    let (report_key, rest) = recommendation_key
        .rsplit_once("/recommendation/")
        .unwrap_or((recommendation_key, ""));
    format!("response/{}/{rest}/{respondent_slug}", path(report_key))
}

/// Turn `ordinal` of a transcript at `transcript_path`.
pub fn statement(transcript_path: &str, ordinal: usize) -> String {
    format!("statement/{transcript_path}/{ordinal}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_and_taken_apart() {
        let body = organisation("Police and Crime Committee");
        assert_eq!(body, "organisation/police-and-crime-committee");
        let meeting = meeting(&body, "2023-03-08");
        assert_eq!(meeting, "meeting/police-and-crime-committee/2023-03-08");
        assert_eq!(
            attendance(&meeting, &person("susan-hall")),
            "attendance/police-and-crime-committee/2023-03-08/susan-hall"
        );
        let report = report("Missing children in London");
        let rec = recommendation(&report, 3);
        assert_eq!(rec, "report/missing-children-in-london/recommendation/3");
        assert_eq!(split_recommendation(&rec), Some((report.as_str(), 3)));
        assert_eq!(split_recommendation("report/x/recommendation/3/a"), None);
        assert_eq!(
            response(&report, 3, "mopac"),
            "response/missing-children-in-london/3/mopac"
        );
        assert_eq!(path("person/susan-hall"), "susan-hall");
        assert_eq!(path("plain"), "plain");
    }
}
