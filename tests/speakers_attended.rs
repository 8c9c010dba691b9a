//! Who spoke at a meeting attended it (issue 10, item 3): every person who
//! speaks in a transcript of a meeting has an attendance at that meeting —
//! from the document's own list where it has one, else (an inquiry's
//! hearing, which lists no one) as present, known because they spoke.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{all_nodes, fixture, schema_over};

#[test]
fn every_speaker_at_a_meeting_attended_it() {
    let schema = schema_over(&[fixture("real")]);
    // Speakers per meeting, from the statements.
    let mut spoke: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for s in all_nodes(&schema, "statements", "speaker { id } meeting { id }") {
        if let (Some(person), Some(meeting)) =
            (s["speaker"]["id"].as_str(), s["meeting"]["id"].as_str())
        {
            spoke
                .entry(meeting.to_owned())
                .or_default()
                .insert(person.to_owned());
        }
    }
    assert!(spoke.len() >= 3, "meetings with speakers: {spoke:?}");
    let meetings = all_nodes(
        &schema,
        "meetings",
        "id attendance { person { id } status basis }",
    );
    let mut by_speaking = 0;
    for m in &meetings {
        let Some(speakers) = spoke.get(m["id"].as_str().unwrap()) else {
            continue;
        };
        let attendance = m["attendance"].as_array().unwrap();
        let attended: BTreeSet<&str> = attendance
            .iter()
            .filter_map(|a| a["person"]["id"].as_str())
            .collect();
        for person in speakers {
            assert!(
                attended.contains(person.as_str()),
                "{}: {person} spoke but has no attendance",
                m["id"]
            );
        }
        // Attendance known only by speaking is present, and says so; a
        // meeting is either listed or known by its speakers, never both.
        let spoken: Vec<_> = attendance
            .iter()
            .filter(|a| a["basis"] == "spoke")
            .collect();
        assert!(spoken.iter().all(|a| a["status"] == "present"));
        assert!(spoken.is_empty() || spoken.len() == attendance.len());
        by_speaking += spoken.len();
    }
    assert!(by_speaking > 0, "no hearing known by its speakers");
}
