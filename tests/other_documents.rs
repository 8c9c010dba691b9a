//! The other seed documents: the Met's letter, the Commissioner's article
//! and its comments, the borough commander's message, the business plan update.

mod common;

use common::{query, seed_text};

#[test]
fn the_met_letter_has_sender_signatory_recipient_and_date() {
    let data = query(
        r#"{ documents(kind: "letter", first: 50) { edges { node { date author { name } signatories { person { name } title }
            recipients { as party { ... on Organisation { name } ... on Person { name } } } provenance { document { fileName } } } } } }"#,
    );
    let letter = data["documents"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["node"])
        .find(|d| d["provenance"][0]["document"]["fileName"] == "000_b0b55b38b19717c6.txt")
        .expect("the Met letter");
    assert_eq!(letter["date"], "2024-08-09");
    assert_eq!(letter["author"]["name"], "Metropolitan Police Service");
    assert_eq!(letter["signatories"][0]["person"]["name"], "Terry Hunt");
    assert!(letter["signatories"][0]["title"]
        .as_str()
        .unwrap()
        .starts_with("Director of Operational Support Services"));
    assert_eq!(
        letter["recipients"][0]["party"]["name"],
        "Professional Recovery Operators Federation"
    );
}

#[test]
fn article_byline_and_reader_comments() {
    // Independent count: comment ages ("2mo", "1y") on lines of their own.
    let text = seed_text("001_cd299dd90733e253.txt");
    let ages: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| {
            l.len() <= 4
                && l.chars().next().is_some_and(|c| c.is_ascii_digit())
                && l.ends_with(|c: char| c.is_ascii_alphabetic())
        })
        .collect();
    let data = query(
        r#"{ node(id: "document/tackling-violent-crime-snapshot-of-the-mets-work") { ... on Document { byline { name }
            comments { kind age headline text speaker { name } provenance { quote } } } } }"#,
    );
    let doc = &data["node"];
    assert_eq!(doc["byline"]["name"], "Sir Mark Rowley QPM");
    let comments = doc["comments"].as_array().unwrap();
    assert_eq!(comments.len(), ages.len());
    let got: Vec<&str> = comments
        .iter()
        .map(|c| c["age"].as_str().unwrap())
        .collect();
    assert_eq!(got, ages);
    assert_eq!(comments[0]["speaker"]["name"], "Fiona Smith");
    assert_eq!(comments[0]["headline"], "PersonalisedandPretty");
    assert!(comments[0]["text"]
        .as_str()
        .unwrap()
        .starts_with("So these officers face GROSS misconduct"));
    assert!(comments.iter().all(|c| c["kind"] == "comment"));
}

#[test]
fn borough_commanders_message_names_its_author() {
    let data = query(
        r#"{ node(id: "document/message-from-south-west-borough-commander-2020-05-13") { ... on Document { byline { name titles } date } } }"#,
    );
    assert_eq!(
        data["node"]["byline"]["name"],
        "Chief Superintendent Sally Benatar"
    );
    assert_eq!(data["node"]["byline"]["titles"], "Chief Superintendent");
    assert_eq!(data["node"]["date"], "2020-05-13");
}

#[test]
fn business_plan_milestones_with_status_and_the_rule_that_read_it() {
    let text = seed_text("003_e06eeb87ecae5fa7.txt");
    let expected = text
        .lines()
        .filter(|l| {
            l.replace("**", "")
                .trim_start_matches('#')
                .trim()
                .starts_with("Quarter 1, 2018-19:")
        })
        .count();
    let data = query(
        r#"{ node(id: "document/mps-business-plan-progress-update-2018-19-q1") { ... on Document { milestones { text period status statusRule progress } } } }"#,
    );
    let milestones = data["node"]["milestones"].as_array().unwrap();
    assert_eq!(milestones.len(), expected);
    for m in milestones {
        assert_eq!(m["period"], "Quarter 1, 2018-19");
        assert!(
            ["delivered", "on track", "some delay"].contains(&m["status"].as_str().unwrap()),
            "{m}"
        );
        assert!(m["statusRule"]
            .as_str()
            .unwrap()
            .starts_with("milestone-status/1"));
    }
    let ivma = milestones
        .iter()
        .find(|m| m["text"].as_str().unwrap().starts_with("IVMA"))
        .unwrap();
    assert_eq!(ivma["status"], "delivered");
    // Milestones are not meeting actions.
    let data = query(
        r#"{ actions(first: 100) { totalCount } milestones: actions(kind: "milestone") { totalCount } }"#,
    );
    assert_eq!(data["actions"]["totalCount"], 19);
    assert_eq!(data["milestones"]["totalCount"], expected);
}
