//! A made-up report and response letter of another committee (with the
//! made-up minutes and transcript of `fixtures/pack`) ingest into the right
//! nodes and edges without code changes.

mod common;

use common::fixture;
use serde_json::Value;

fn query(q: &str) -> Value {
    common::query_over(&[fixture("pack"), fixture("report-pack")], q)
}

#[test]
fn report_recommendations_and_addressees() {
    let data = query(
        r#"{ report(title: "Coastal crime and the harbour") { id author { name } recommendations { number bodyNumber
            addressedTo { asWritten party { ... on Organisation { name } } } } } }"#,
    );
    let report = &data["report"];
    assert_eq!(report["id"], "report/coastal-crime-and-the-harbour");
    assert_eq!(report["author"]["name"], "Harbour Policing Committee");
    let recs = report["recommendations"].as_array().unwrap();
    assert_eq!(recs.len(), 2);
    assert_eq!(
        recs[0]["bodyNumber"], 1,
        "the chapter restates recommendation 1"
    );
    assert_eq!(
        recs[0]["addressedTo"][0]["party"]["name"],
        "Northshore Constabulary"
    );
    let second: Vec<&str> = recs[1]["addressedTo"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["party"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        second,
        vec!["Office of the Harbour Commissioner", "Coastguard Agency"]
    );
}

#[test]
fn response_letter_stances_and_signatory() {
    let data = query(
        r#"{ responses(filter: {report: "Coastal crime and the harbour"}) { edges { node { stance quote date group
            recommendation { number } respondent { ... on Organisation { name } } signatory { name } signatoryTitle
            document { recipients { party { ... on Person { name } } } } } } } }"#,
    );
    let responses: Vec<&Value> = data["responses"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["node"])
        .collect();
    assert_eq!(responses.len(), 2);
    let by_number = |n: i64| {
        responses
            .iter()
            .find(|r| r["recommendation"]["number"] == n)
            .unwrap()
    };
    assert_eq!(by_number(1)["stance"], "accepted");
    assert_eq!(by_number(1)["group"], "Patrol figures");
    assert_eq!(by_number(2)["stance"], "redirected");
    assert!(by_number(2)["quote"]
        .as_str()
        .unwrap()
        .contains("a matter for"));
    for r in &responses {
        assert_eq!(r["respondent"]["name"], "Northshore Constabulary");
        assert_eq!(r["signatory"]["name"], "Morgan Ellis");
        assert_eq!(r["signatoryTitle"], "Chief Constable");
        assert_eq!(r["date"], "2025-03-12");
        assert_eq!(
            r["document"]["recipients"][0]["party"]["name"],
            "Ruth Oyelaran AM"
        );
    }
}

#[test]
fn reported_claim_links_to_the_hearing_in_the_other_document() {
    let data = query(
        r#"{ person(name: "Delia Marsh") { statements(filter: {verbatim: false}) { edges { node { text meeting { id } citations { page } } } } } }"#,
    );
    let claim = &data["person"]["statements"]["edges"][0]["node"];
    assert!(claim["text"]
        .as_str()
        .unwrap()
        .starts_with("Chief Superintendent Delia Marsh told the Committee"));
    // The same meeting node the minutes and transcript of the other file created.
    assert_eq!(
        claim["meeting"]["id"],
        "meeting/harbour-policing-committee/2024-02-07"
    );
    assert_eq!(claim["citations"][0]["page"], 4);
    let data = query(
        r#"{ node(id: "meeting/harbour-policing-committee/2024-02-07") { ... on Meeting { statements(filter: {verbatim: true}) { totalCount } } } }"#,
    );
    assert_eq!(data["node"]["statements"]["totalCount"], 5);
}
