//! One organisation under two spellings (issue 10, item 2): documents
//! misprint a body's connecting words ("Commission of Countering
//! Extremism" for "… for …") and write "&" for "and". No document says the
//! two names are one body, so both stay nodes; each must offer the other
//! as `possibleSameAs`, with the evidence. The pairs expected are found
//! here by swapping "of" and "for", "&" and "and" in each organisation's
//! name: where both spellings are written in the documents' lines and both
//! are organisations of the graph, they must be offered to each other.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{all_nodes, documents, fixture, lines_of, schema_over, seed_dir};

/// Every organisation: its name (case folded), id and candidates' names.
fn organisations(
    schema: &scrutiny::api::ScrutinySchema,
) -> BTreeMap<String, (String, BTreeSet<String>)> {
    all_nodes(
        schema,
        "organisations",
        "id name possibleSameAs { evidence organisation { name } provenance { quote } }",
    )
    .iter()
    .map(|n| {
        let candidates = n["possibleSameAs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                assert!(!c["evidence"].as_str().unwrap().is_empty(), "{c}");
                assert_eq!(c["provenance"].as_array().unwrap().len(), 2, "{c}");
                c["organisation"]["name"].as_str().unwrap().to_lowercase()
            })
            .collect();
        let name = n["name"].as_str().unwrap().to_lowercase();
        (name, (n["id"].as_str().unwrap().to_owned(), candidates))
    })
    .collect()
}

#[test]
fn a_body_spelt_with_other_connecting_words_is_offered_as_possibly_the_same() {
    let schema = schema_over(&[seed_dir(), fixture("real")]);
    let orgs = organisations(&schema);
    let mut text = String::new();
    for document in documents(&schema) {
        for (_, line) in lines_of(&schema, &document) {
            text.push_str(&line);
            text.push(' ');
        }
    }
    let written = |name: &str| text.to_lowercase().contains(&name.to_lowercase());
    // Each spelling with its other connecting word.
    let other = |text: &str| -> Vec<String> {
        [
            (" of ", " for "),
            (" for ", " of "),
            (" & ", " and "),
            (" and ", " & "),
        ]
        .iter()
        .filter(|(from, _)| text.contains(from))
        .map(|(from, to)| text.replacen(from, to, 1))
        .collect()
    };
    let mut pairs = 0;
    for a in orgs.keys().filter(|a| written(a)) {
        for b in other(a).iter().filter(|b| written(b) && a < *b) {
            let (Some((a_id, a_candidates)), Some((b_id, b_candidates))) =
                (orgs.get(&a.to_lowercase()), orgs.get(&b.to_lowercase()))
            else {
                continue;
            };
            if a_id == b_id {
                continue;
            }
            assert!(
                a_candidates.contains(&b.to_lowercase()),
                "{a} does not offer {b}"
            );
            assert!(
                b_candidates.contains(&a.to_lowercase()),
                "{b} does not offer {a}"
            );
            pairs += 1;
        }
    }
    // The seed's two "of"/"for" misprints and the real fixtures' "for"/"of"
    // variant of a department (its "&" variant is one node now: the
    // gazetteer knows both spellings of DEFRA).
    assert!(pairs >= 3, "{pairs} pairs");
    // A body with no second spelling offers none.
    let (_, none) = &orgs["home office"];
    assert!(none.is_empty(), "{none:?}");
}
