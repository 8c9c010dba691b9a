//! The summary list of actions: acceptance question A11, checked against an
//! independent count of the table rows in the raw text.

mod common;

use common::{query, seed_text};

/// Rows of tab-separated tables under "Actions Arising from the Meeting Held
/// on" headings, counted from the raw text (header rows excluded).
fn count_rows(text: &str) -> usize {
    let mut rows = 0;
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with('#') {
            inside = line.contains("Actions Arising from the Meeting Held on");
        } else if inside && line.contains('\t') && !line.starts_with("Item No") {
            rows += 1;
        } else if inside && !line.trim().is_empty() && !line.contains('\t') {
            inside = false;
        }
    }
    rows
}

#[test]
fn a11_rows_and_ongoing_actions() {
    let data = query(
        r#"{ actions(first: 100) { totalCount edges { node { item status statusText responsibleAsWritten
            responsible { __typename ... on Person { name } ... on Post { name } ... on Organisation { name } }
            meeting { date } agendaItem { number title } provenance { firstLine quote } } } } }"#,
    );
    let actions: Vec<&serde_json::Value> = data["actions"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["node"])
        .collect();
    assert_eq!(
        actions.len(),
        count_rows(&seed_text("004_df7a8ebb517b5672.txt"))
    );
    assert_eq!(actions.len(), 19);
    let with = |status: &str| actions.iter().filter(|a| a["status"] == status).count();
    assert_eq!(
        (with("completed"), with("ongoing"), with("closed")),
        (11, 6, 2)
    );
    let ongoing: Vec<(&str, &str, &str)> = actions
        .iter()
        .filter(|a| a["status"] == "ongoing")
        .map(|a| {
            (
                a["meeting"]["date"].as_str().unwrap(),
                a["item"].as_str().unwrap(),
                a["responsibleAsWritten"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        ongoing,
        vec![
            ("2023-03-22", "6", "Baroness Casey of Blackstock DBE CB"),
            ("2023-01-25", "7", "Commissioner, MPS"),
            ("2022-12-13", "5", "Mayor of London and Occupant of MOPAC"),
            ("2022-12-13", "5", "Sir Thomas Winsor"),
            ("2022-12-13", "5", "Senior Policy Adviser"),
            ("2022-11-16", "5", "Senior Policy Adviser"),
        ]
    );
    // The responsible party is resolved: a person, a post in an organisation.
    let casey = actions
        .iter()
        .find(|a| a["responsibleAsWritten"] == "Baroness Casey of Blackstock DBE CB")
        .unwrap();
    assert_eq!(casey["responsible"]["__typename"], "Person");
    let commissioner = actions
        .iter()
        .find(|a| a["responsibleAsWritten"] == "Commissioner, MPS")
        .unwrap();
    assert_eq!(
        commissioner["responsible"]["name"],
        "Commissioner of Police of the Metropolis"
    );
    // Each row cites its own line.
    for a in &actions {
        assert!(a["provenance"][0]["quote"]
            .as_str()
            .unwrap()
            .contains(a["item"].as_str().unwrap()));
    }
}

#[test]
fn meetings_hold_their_actions() {
    let data = query(
        r#"{ meetings(filter: {from: "2022-12-13", to: "2022-12-13"}) { edges { node { name actions(status: "ongoing") { responsibleAsWritten } } } } }"#,
    );
    let meeting = &data["meetings"]["edges"][0]["node"];
    assert_eq!(meeting["actions"].as_array().unwrap().len(), 3);
}

#[test]
fn the_work_programme_schedules_future_meetings() {
    let text = seed_text("004_df7a8ebb517b5672.txt");
    // Independent count: dated rows after the "Meeting Date / Meeting Topic" header.
    let mut rows = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with("Meeting Date\t") {
            inside = true;
        } else if inside && line.contains('\t') {
            rows.push(line.split('\t').collect::<Vec<_>>()[1].to_owned());
        } else if inside && !line.trim().is_empty() {
            inside = false;
        }
    }
    let data = query(
        r#"{ meetings(filter: {from: "2023-05-24"}, first: 100) { edges { node { date topic scheduled body { name } } } } }"#,
    );
    let scheduled: Vec<&serde_json::Value> = data["meetings"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["node"])
        .filter(|m| m["scheduled"] == true)
        .collect();
    assert_eq!(scheduled.len(), rows.len());
    assert_eq!(scheduled.len(), 18);
    let topics: Vec<String> = scheduled
        .iter()
        .map(|m| m["topic"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(topics, rows);
    assert_eq!(scheduled[1]["date"], "2023-06-07");
    assert!(scheduled
        .iter()
        .all(|m| m["body"]["name"] == "Police and Crime Committee"));
}

#[test]
fn letters_answer_the_requests_actions_record() {
    let data = query(
        r#"{ actions(first: 100) { edges { node { meeting { date } item answeredIn { node { ... on Document { kind author { name } } } provenance { quote } } } } } }"#,
    );
    let answered: Vec<(&str, &str, usize)> = data["actions"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["node"])
        .filter(|a| !a["answeredIn"].as_array().unwrap().is_empty())
        .map(|a| {
            let letter = &a["answeredIn"][0];
            assert_eq!(letter["node"]["kind"], "letter");
            assert_eq!(
                letter["node"]["author"]["name"],
                "Mayor's Office for Policing and Crime"
            );
            (
                a["meeting"]["date"].as_str().unwrap(),
                a["item"].as_str().unwrap(),
                letter["provenance"].as_array().unwrap().len(),
            )
        })
        .collect();
    // The February request listed three items, the January one two: each heading of the answer is a span.
    assert_eq!(
        answered,
        vec![("2023-02-22", "7", 3), ("2023-01-25", "7", 2)]
    );
}
