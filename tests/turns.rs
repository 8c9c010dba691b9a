//! Speaker turns: counted independently from the raw text here, and compared
//! with what the graph holds per transcript and per speaker label.

mod common;

use std::collections::BTreeMap;

use common::{query, seed_text};

const PACK: &str = "004_df7a8ebb517b5672.txt";

/// An independent count: a transcript starts at a line holding
/// "Transcript of" and ends at the next such line or top-level heading; a turn
/// is a line that opens with a bold run ending in a colon.
fn count_turns(text: &str) -> Vec<(String, BTreeMap<String, usize>)> {
    let mut transcripts: Vec<(String, BTreeMap<String, usize>)> = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        if line.contains("Transcript of") && line.starts_with("**") {
            transcripts.push((line.to_owned(), BTreeMap::new()));
            inside = true;
        } else if line.starts_with("# ") {
            inside = false;
        } else if inside && line.starts_with("**") {
            if let Some(end) = line[2..].find(":**") {
                let label = line[2..2 + end].to_owned();
                *transcripts.last_mut().unwrap().1.entry(label).or_default() += 1;
            }
        }
    }
    transcripts
}

fn graph_turns() -> Vec<BTreeMap<String, usize>> {
    let data = query(
        r#"{ documents(kind: "transcript") { edges { node { id statements(first: 1) { totalCount } } } } }"#,
    );
    let mut out = Vec::new();
    for doc in data["documents"]["edges"].as_array().unwrap() {
        let id = doc["node"]["id"].as_str().unwrap();
        let mut labels = BTreeMap::new();
        let mut after = "null".to_owned();
        loop {
            let page = query(&format!(
                r#"{{ node(id: "{id}") {{ ... on Document {{ statements(first: 100, after: {after}) {{ pageInfo {{ hasNextPage }} edges {{ cursor node {{ speakerLabel }} }} }} }} }} }}"#
            ));
            let conn = &page["node"]["statements"];
            for edge in conn["edges"].as_array().unwrap() {
                *labels
                    .entry(edge["node"]["speakerLabel"].as_str().unwrap().to_owned())
                    .or_default() += 1;
            }
            if !conn["pageInfo"]["hasNextPage"].as_bool().unwrap() {
                break;
            }
            after = format!(
                "{:?}",
                conn["edges"].as_array().unwrap().last().unwrap()["cursor"]
                    .as_str()
                    .unwrap()
            );
        }
        assert_eq!(
            labels.values().sum::<usize>() as u64,
            doc["node"]["statements"]["totalCount"].as_u64().unwrap()
        );
        out.push(labels);
    }
    out
}

#[test]
fn turns_per_transcript_and_label_match_an_independent_count() {
    let expected = count_turns(&seed_text(PACK));
    assert_eq!(expected.len(), 3, "the pack holds three transcripts");
    let mut expected: Vec<BTreeMap<String, usize>> =
        expected.into_iter().map(|(_, labels)| labels).collect();
    let mut actual = graph_turns();
    // Both sides in the same (date, panel) order: sort by total then labels.
    expected.sort();
    actual.sort();
    assert_eq!(actual, expected);
}

#[test]
fn turns_counted_by_hand() {
    let count = |name: &str, date: &str| {
        let data = query(&format!(
            r#"{{ person(name: "{name}") {{ statements(filter: {{from: "{date}", to: "{date}", verbatim: true}}) {{ totalCount }} }} }}"#
        ));
        data["person"]["statements"]["totalCount"].as_u64().unwrap()
    };
    assert_eq!(count("Kenny Bowie", "2023-03-08"), 18);
    assert_eq!(count("Oliver Levinson", "2023-03-08"), 11);
    // Labelled both "SO15" and "S015": one person, 15 + 2 turns.
    assert_eq!(count("Dom Murphy", "2023-03-08"), 17);
    assert_eq!(count("Sir Mark Rowley", "2023-03-22"), 43);
    assert_eq!(count("Sarah Kincaid", "2023-03-22"), 3);
}

#[test]
fn a_turn_keeps_all_its_paragraphs_and_stops_at_the_next_label() {
    let data = query(
        r#"{ person(name: "Oliver Levinson") { statements(first: 1) { edges { node { text ordinal provenance { firstLine lastLine quote } } } } } }"#,
    );
    let first = &data["person"]["statements"]["edges"][0]["node"];
    let text = first["text"].as_str().unwrap();
    // Two paragraphs, the second one unlabelled.
    assert_eq!(text.split("\n\n").count(), 2, "{text}");
    assert!(text.starts_with("Thank you very much and good morning."));
    assert!(text.ends_with("hear from the membership of that board."));
    assert!(!text.contains("**"), "no label in the text");
    let span = &first["provenance"][0];
    assert!(span["lastLine"].as_u64() > span["firstLine"].as_u64());
}

#[test]
fn page_furniture_is_not_part_of_a_turn() {
    let data = query(
        r#"{ statements(filter: {speaker: "Susan Hall"}, first: 100) { edges { node { text } } } }"#,
    );
    for edge in data["statements"]["edges"].as_array().unwrap() {
        assert!(!edge["node"]["text"]
            .as_str()
            .unwrap()
            .contains("intentionally left blank"));
    }
}
