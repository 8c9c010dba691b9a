//! Footnotes and reported statements: a claim in a report leads to the
//! hearing it came from.

mod common;

use common::{query, seed_text};

#[test]
fn every_footnote_is_a_citation() {
    // Independent count: lines that open with a footnote marker.
    let expected = seed_text("004_df7a8ebb517b5672.txt")
        .lines()
        .filter(|l| l.starts_with("<sup>"))
        .count();
    let data =
        query(r#"{ documents(kind: "report") { edges { node { title citations { number } } } } }"#);
    let in_reports: usize = data["documents"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["citations"].as_array().unwrap().len())
        .sum();
    assert!(in_reports > 0 && in_reports < expected);
    let data = query(
        r#"{ node(id: "document/pcc-agenda-pack-2023-05-24") { ... on Document { citations { number } } } }"#,
    );
    let in_pack = data["node"]["citations"].as_array().unwrap().len();
    // Each footnote is cited by the report that holds it or, outside reports, by the pack.
    assert_eq!(in_reports + in_pack, expected);
}

#[test]
fn report_cites_the_meetings_it_took_evidence_at() {
    let data = query(
        r#"{ report(title: "Counter-terrorism and radicalisation") { citedMeetings { date } } }"#,
    );
    let dates: Vec<&str> = data["report"]["citedMeetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["date"].as_str().unwrap())
        .collect();
    for date in ["2022-11-30", "2023-01-11", "2023-03-08"] {
        assert!(dates.contains(&date), "{date} in {dates:?}");
    }
}

#[test]
fn a_reported_claim_leads_to_the_hearing() {
    let data = query(
        r#"{ person(name: "Commander Richard Smith") { statements(first: 100) { edges { node { text verbatim date
            meeting { date } document { title } citations { number page text } provenance { firstLine quote } } } } } }"#,
    );
    let statements = data["person"]["statements"]["edges"].as_array().unwrap();
    let ctoc = statements
        .iter()
        .map(|e| &e["node"])
        .find(|s| s["text"].as_str().unwrap().contains("CTOC is on schedule"))
        .expect("the CTOC claim is attributed to him");
    assert_eq!(ctoc["verbatim"], false);
    assert_eq!(ctoc["meeting"]["date"], "2023-01-11");
    assert_eq!(
        ctoc["document"]["title"],
        "Counter-terrorism and radicalisation"
    );
    assert!(ctoc["citations"][0]["text"]
        .as_str()
        .unwrap()
        .contains("11 January 2023"));
    assert!(ctoc["provenance"][0]["quote"]
        .as_str()
        .unwrap()
        .starts_with("Commander Richard Smith confirmed to the Committee"));
}

#[test]
fn citations_keep_the_page() {
    let data = query(
        r#"{ node(id: "meeting/police-and-crime-committee/2022-11-30") { ... on Meeting { citedBy { page text } } } }"#,
    );
    let pages: Vec<i64> = data["node"]["citedBy"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["page"].as_i64())
        .collect();
    assert!(pages.contains(&6), "{pages:?}");
}
