//! A made-up pack of another committee, with other people, ingests without any
//! code change: the rules follow the documents' structure, not the seed.

mod common;

use common::fixture;
use serde_json::Value;

fn query(q: &str) -> Value {
    common::query_over(&[fixture("pack")], q)
}

#[test]
fn meeting_attendance_and_guests() {
    let data = query(
        r#"{ meetings { edges { node { id date time place body { name } chair { name }
            attendance { status role organisationName person { name } substituteFor { name } } } } } }"#,
    );
    let meetings = data["meetings"]["edges"].as_array().unwrap();
    assert_eq!(meetings.len(), 1);
    let m = &meetings[0]["node"];
    assert_eq!(m["id"], "meeting/harbour-policing-committee/2024-02-07");
    assert_eq!(m["date"], "2024-02-07");
    assert_eq!(m["time"], "2.00 pm");
    assert_eq!(m["body"]["name"], "Harbour Policing Committee");
    assert_eq!(m["chair"]["name"], "Amira Okafor AM");
    let attendance = m["attendance"].as_array().unwrap();
    let with = |status: &str| -> Vec<&str> {
        attendance
            .iter()
            .filter(|a| a["status"] == status)
            .map(|a| a["person"]["name"].as_str().unwrap())
            .collect()
    };
    assert_eq!(
        with("present"),
        vec![
            "Amira Okafor AM",
            "Gregor Lindqvist AM",
            "Priya Natarajan AM"
        ]
    );
    assert_eq!(
        with("apologies"),
        vec!["Hector Blaine AM", "Ruth Oyelaran AM"]
    );
    assert_eq!(with("substitute"), vec!["Tomasz Wrobel AM"]);
    let sub = attendance
        .iter()
        .find(|a| a["status"] == "substitute")
        .unwrap();
    assert_eq!(
        sub["substituteFor"]["name"], "Ruth Oyelaran AM",
        "\"for whom\" is the last name listed"
    );
    let guests: Vec<(&str, &str, &str)> = attendance
        .iter()
        .filter(|a| a["status"] == "guest")
        .map(|a| {
            (
                a["person"]["name"].as_str().unwrap(),
                a["role"].as_str().unwrap(),
                a["organisationName"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        guests,
        vec![
            (
                "Chief Superintendent Delia Marsh",
                "Head of Marine Policing",
                "Northshore Constabulary"
            ),
            (
                "Owen Pryce",
                "Director of Oversight",
                "Office of the Harbour Commissioner"
            ),
        ]
    );
}

#[test]
fn transcript_turns_speakers_and_abbreviations() {
    let data = query(
        r#"{ person(name: "Delia Marsh") { name titles aliases statements { totalCount edges { node { text organisation { name } agendaItem { number title } } } } } }"#,
    );
    let p = &data["person"];
    assert_eq!(p["name"], "Chief Superintendent Delia Marsh");
    assert_eq!(p["titles"], "Chief Superintendent");
    assert_eq!(p["statements"]["totalCount"], 2);
    let first = &p["statements"]["edges"][0]["node"];
    assert_eq!(
        first["text"],
        "Four boats are in service.\n\nA fifth is being refitted and returns in the spring."
    );
    assert_eq!(first["agendaItem"]["number"], "2");
    assert_eq!(first["agendaItem"]["title"], "Coastal Patrols");
    // "NSC" in the second label is the abbreviation the minutes defined.
    let orgs: Vec<&str> = p["statements"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["organisation"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        orgs,
        vec!["Northshore Constabulary", "Northshore Constabulary"]
    );
    // The last turn stops before the page furniture.
    let data =
        query(r#"{ statements(filter: {speaker: "Delia Marsh"}) { edges { node { text } } } }"#);
    assert_eq!(
        data["statements"]["edges"][1]["node"]["text"],
        "The duty inspector, using the tide tables."
    );
}

/// A transcript header split over two lines (the meeting on one, "Transcript
/// of Agenda Item …" on the next) reads as the one-line header does.
#[test]
fn a_transcript_header_split_over_lines() {
    let q = r#"{ statements(first: 100) { totalCount edges { node { speakerLabel meeting { id } agendaItem { title } } } } }"#;
    let whole = common::query_over(&[fixture("pack")], q);
    let split = common::query_over(&[fixture("split-header")], q);
    assert!(whole["statements"]["totalCount"].as_u64().unwrap() > 0);
    assert_eq!(split["statements"], whole["statements"]);
}
