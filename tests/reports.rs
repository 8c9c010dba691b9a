//! Reports, recommendations and responses: acceptance questions A03, A04, A05,
//! A09 and A10, and counts checked against the text.

mod common;

use std::collections::BTreeMap;

use common::{query, seed_text};
use serde_json::Value;

const PACK: &str = "004_df7a8ebb517b5672.txt";

fn recommendations(report: &str) -> Vec<Value> {
    let data = query(&format!(
        r#"{{ report(title: "{report}") {{ recommendations {{ number text bodyNumber addressedTo {{ asWritten party {{ __typename ... on Organisation {{ name }} ... on Post {{ name }} }} }} }} }} }}"#
    ));
    data["report"]["recommendations"]
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn a03_who_responded_to_probation_recommendation_3() {
    let data = query(
        r#"{ report(title: "Probation Services in London") { recommendations { number responses {
            stance stanceRule quote date group
            respondent { ... on Organisation { name aliases } }
            signatory { name } signatoryTitle document { kind date }
            provenance { firstLine quote } } } } }"#,
    );
    let rec3 = data["report"]["recommendations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["number"] == 3)
        .unwrap()
        .clone();
    let mut responses = rec3["responses"].as_array().unwrap().clone();
    responses.sort_by_key(|r| r["date"].as_str().unwrap().to_owned());
    let got: Vec<(String, String, String, String)> = responses
        .iter()
        .map(|r| {
            (
                r["respondent"]["name"].as_str().unwrap().to_owned(),
                format!(
                    "{}, {}",
                    r["signatory"]["name"].as_str().unwrap(),
                    r["signatoryTitle"].as_str().unwrap()
                ),
                r["date"].as_str().unwrap().to_owned(),
                r["stance"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = [
        (
            "His Majesty's Prison & Probation Service",
            "Kilvinder Vigurs, Regional Probation Director, London",
            "2023-03-17",
            "noted",
        ),
        (
            "Magistrates Association",
            "Tom Franklin, Chief executive",
            "2023-04-13",
            "redirected",
        ),
        (
            "His Majesty's Courts & Tribunals Service",
            "Nick Goodwin, Chief Executive",
            "2023-04-24",
            "accepted-in-principle",
        ),
    ];
    let expected: Vec<(String, String, String, String)> = expected
        .iter()
        .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
        .collect();
    assert_eq!(got, expected);
    // Each stance comes with the sentence that justifies it and the rule that fired.
    assert!(
        responses[0]["quote"].as_str().unwrap().contains("PSRs")
            || responses[0]["quote"]
                .as_str()
                .unwrap()
                .contains("Criminal Justice")
    );
    assert!(responses[1]["quote"]
        .as_str()
        .unwrap()
        .contains("better suited"));
    assert!(responses[2]["quote"]
        .as_str()
        .unwrap()
        .contains("happy to support"));
    for r in &responses {
        assert!(r["stanceRule"]
            .as_str()
            .unwrap()
            .starts_with(scrutiny::parse::STANCE_RULES_VERSION));
        assert_eq!(r["document"]["kind"], "letter");
    }
    let hmpps = &responses[0]["respondent"]["aliases"];
    assert!(
        hmpps
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a.as_str().unwrap().contains("HM Prison")),
        "{hmpps}"
    );
}

#[test]
fn a04_probation_recommendation_3_addressees() {
    let recs = recommendations("Probation Services in London");
    let rec3 = recs.iter().find(|r| r["number"] == 3).unwrap();
    let written: Vec<&str> = rec3["addressedTo"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["asWritten"].as_str().unwrap())
        .collect();
    assert_eq!(
        written,
        vec![
            "His Majesty's Courts and Tribunals Service",
            "the Magistrates Association",
            "the London Probation Service"
        ]
    );
    let names: Vec<&str> = rec3["addressedTo"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["party"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        vec![
            "His Majesty's Courts & Tribunals Service",
            "Magistrates Association",
            "London Probation Service"
        ]
    );
    // Numbered by position in the bullet list: the third bullet.
    assert!(rec3["text"].as_str().unwrap().contains("join mechanism"));
}

#[test]
fn a05_hmpps_grouping_of_its_answers() {
    let data = query(
        r#"{ responses(filter: {respondent: "HMPPS", report: "Probation Services in London"}, first: 100) { totalCount edges { node { group recommendation { number } } } } }"#,
    );
    let mut groups: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for edge in data["responses"]["edges"].as_array().unwrap() {
        let node = &edge["node"];
        groups
            .entry(node["group"].as_str().unwrap().to_owned())
            .or_default()
            .push(node["recommendation"]["number"].as_i64().unwrap());
    }
    for numbers in groups.values_mut() {
        numbers.sort();
    }
    let expected: BTreeMap<String, Vec<i64>> = [
        ("Recruitment and Retention", vec![1, 2, 7]),
        ("Prison Leavers", vec![8, 9, 10, 11]),
        ("Female Offenders", vec![4]),
        ("Ethnic Disparities", vec![5, 6]),
        (
            "Voluntary, Community and Social Enterprise (VCSE) Sector",
            vec![12, 13],
        ),
        ("Pre-Sentencing Reports (PSRs)", vec![3]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    assert_eq!(groups, expected);
}

#[test]
fn a09_recommendation_addressed_to_a_post_and_its_holder() {
    let recs = recommendations("Counter-terrorism and radicalisation");
    let to_posts: Vec<(i64, &str)> = recs
        .iter()
        .flat_map(|r| {
            r["addressedTo"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|a| a["party"]["__typename"] == "Post")
                .map(move |a| {
                    (
                        r["number"].as_i64().unwrap(),
                        a["asWritten"].as_str().unwrap(),
                    )
                })
        })
        .collect();
    assert!(
        to_posts.contains(&(10, "The Deputy Mayor for Policing and Crime")),
        "{to_posts:?}"
    );
    let data = query(
        r#"{ post(name: "the Deputy Mayor for Policing and Crime") { name organisation { name aliases } holders { asOf person { name } } } }"#,
    );
    let post = &data["post"];
    assert_eq!(post["name"], "Deputy Mayor for Policing and Crime");
    assert!(post["organisation"]["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a == "MOPAC"));
    let holders: Vec<&str> = post["holders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["person"]["name"].as_str().unwrap())
        .collect();
    assert!(
        !holders.is_empty() && holders.iter().all(|h| *h == "Sophie Linden"),
        "{holders:?}"
    );
}

/// Counts "### Recommendation N" headings under each "## Recommendations"
/// heading of the raw text, independently of the parser.
fn summary_list_counts(text: &str) -> Vec<usize> {
    let mut counts = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        let bare = line.replace("**", "");
        if bare.trim() == "## Recommendations" {
            counts.push(0);
            inside = true;
        } else if inside
            && bare.starts_with("### Recommendation ")
            && bare
                .trim_end()
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_digit())
        {
            *counts.last_mut().unwrap() += 1;
        } else if inside && bare.starts_with("## ") {
            inside = false;
        }
    }
    counts
}

#[test]
fn a10_recommendation_counts_and_restatement_numbering() {
    let counts = summary_list_counts(&seed_text(PACK));
    assert_eq!(counts.len(), 2);
    let ct = recommendations("Counter-terrorism and radicalisation");
    let mc = recommendations("Missing children in London");
    assert_eq!(vec![ct.len(), mc.len()], counts);
    assert_eq!(mc.len(), 17);
    // Two body restatements are labelled "Recommendation 13"; the summary list is canonical.
    let labelled_13: Vec<i64> = mc
        .iter()
        .filter(|r| r["bodyNumber"] == 13)
        .map(|r| r["number"].as_i64().unwrap())
        .collect();
    assert_eq!(labelled_13, vec![13, 14]);
    let highest_body = mc
        .iter()
        .filter_map(|r| r["bodyNumber"].as_i64())
        .max()
        .unwrap();
    assert_eq!(highest_body, 16);
    // The probation list is a bullet list: count its bullets in the raw text.
    let text = seed_text(PACK);
    let bullets = text
        .lines()
        .skip_while(|l| !l.contains("following recommendations:"))
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .take_while(|l| l.starts_with("- "))
        .count();
    assert_eq!(
        recommendations("Probation Services in London").len(),
        bullets
    );
    assert_eq!(bullets, 13);
}

#[test]
fn responses_per_letter_match_the_numbers_each_letter_names() {
    let data = query(
        r#"{ documents(kind: "letter", first: 100) { edges { node { title date author { name } responses { recommendation { number } } } } } }"#,
    );
    let by_author: BTreeMap<String, usize> = data["documents"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| {
            Some((
                e["node"]["author"]["name"].as_str()?.to_owned(),
                e["node"]["responses"].as_array().unwrap().len(),
            ))
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    // Independent count: the numbers HMPPS's group headings list,
    // "(Recommendations 1, 2, 7)"; the MA and HMCTS name recommendation 3 alone.
    let grouped: usize = seed_text(PACK)
        .lines()
        .filter(|l| l.starts_with("**") || l.starts_with('#'))
        .filter_map(|l| l.split("(Recommendation").nth(1))
        .map(|inside| {
            inside
                .split(')')
                .next()
                .unwrap()
                .split(|c: char| !c.is_ascii_digit())
                .filter(|d| !d.is_empty())
                .count()
        })
        .sum();
    assert_eq!(grouped, 13);
    assert_eq!(
        by_author.get("His Majesty's Prison & Probation Service"),
        Some(&grouped)
    );
    assert_eq!(by_author.get("Magistrates Association"), Some(&1));
    assert_eq!(
        by_author.get("His Majesty's Courts & Tribunals Service"),
        Some(&1)
    );
}

#[test]
fn responses_the_minutes_only_note_are_linked_to_the_report() {
    let data = query(
        r#"{ report(title: "Probation Services in London") { responses { stance respondent { __typename ... on Post { name } } provenance { quote } } } }"#,
    );
    let noted: Vec<&Value> = data["report"]["responses"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["respondent"]["__typename"] == "Post")
        .collect();
    assert_eq!(noted.len(), 1);
    assert_eq!(
        noted[0]["respondent"]["name"],
        "Deputy Mayor for Policing and Crime"
    );
    assert_eq!(noted[0]["stance"], "noted");
    assert!(noted[0]["provenance"][0]["quote"]
        .as_str()
        .unwrap()
        .contains("be noted"));
}

#[test]
fn reviews_discussed_at_meetings_are_documents() {
    let data = query(
        r#"{ documents(kind: "external", first: 100) { totalCount edges { node { title discussedAt { number meeting { date } } } } } }"#,
    );
    let discussed: Vec<(String, String)> = data["documents"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| {
            let title = e["node"]["title"].as_str().unwrap().to_owned();
            e["node"]["discussedAt"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |i| {
                    (
                        title.clone(),
                        i["meeting"]["date"].as_str().unwrap().to_owned(),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        discussed.contains(&(
            "Independent Review of Prevent".to_owned(),
            "2023-03-08".to_owned()
        )),
        "{discussed:?}"
    );
    assert!(discussed.iter().any(|(t, d)| t
        .starts_with("Independent Review into the Standards of Behaviour")
        && d == "2023-03-22"));
}

#[test]
fn letters_mention_the_recommendations_they_answer() {
    let data = query(
        r#"{ report(title: "Probation Services in London") { recommendations { number mentionedIn { node { __typename ... on Document { kind } } } } } }"#,
    );
    let rec3 = data["report"]["recommendations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["number"] == 3)
        .unwrap();
    let letters = rec3["mentionedIn"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["node"]["kind"] == "letter")
        .count();
    assert_eq!(letters, 3, "the HMPPS, MA and HMCTS letters");
}

#[test]
fn reports_are_dated_by_the_day_they_were_agreed() {
    let data = query(
        r#"{ documents(kind: "report") { edges { node { title date dateBasis provenance { quote } } } } }"#,
    );
    let dated: Vec<(&str, &str)> = data["documents"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["node"])
        .filter(|r| r["dateBasis"] == "agreed")
        .map(|r| (r["title"].as_str().unwrap(), r["date"].as_str().unwrap()))
        .collect();
    assert_eq!(
        dated,
        vec![
            ("Counter-terrorism and radicalisation", "2023-04-24"),
            ("Missing children in London", "2023-04-25")
        ]
    );
}

/// Words of four letters or more, lower-cased, a plural's "s" dropped: the
/// test's own reading of what a sentence is about.
fn words_of(text: &str) -> std::collections::BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 4)
        .map(|w| w.to_lowercase().trim_end_matches('s').to_owned())
        .collect()
}

#[test]
fn a_group_answers_cue_belongs_to_the_recommendation_its_sentence_is_about() {
    // Issue 10, item 5: where one passage answers several recommendations,
    // a stance drawn from a sentence about one of them is that one's alone.
    let data = query(
        r#"{ responses(filter: {report: "Probation Services in London"}, first: 100) { edges { node { group stance stanceRule quote recommendation { number text } } } } }"#,
    );
    let responses: Vec<&Value> = data["responses"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["node"])
        .collect();
    let mut by_group: BTreeMap<&str, Vec<&Value>> = BTreeMap::new();
    for r in &responses {
        if let Some(group) = r["group"].as_str() {
            by_group.entry(group).or_default().push(r);
        }
    }
    let text = seed_text(PACK);
    let mut checked = 0;
    for (group, members) in by_group.iter().filter(|(_, m)| m.len() > 1) {
        for r in members {
            let stance = r["stance"].as_str().unwrap();
            let quote = r["quote"].as_str().unwrap();
            assert!(
                text.contains(quote),
                "{group}: {quote:?} is not in the letter"
            );
            if stance == "noted" {
                continue;
            }
            // The recommendation of the group the cue's sentence shares most words with.
            let sentence = words_of(quote);
            let shared: Vec<(usize, i64)> = members
                .iter()
                .map(|m| {
                    let own = words_of(m["recommendation"]["text"].as_str().unwrap());
                    (
                        own.intersection(&sentence).count(),
                        m["recommendation"]["number"].as_i64().unwrap(),
                    )
                })
                .collect();
            // Only a clear lead counts (two words ahead of the next): these
            // words keep function words ("with", "this"), which a near tie
            // turns either way.
            let mut counts: Vec<usize> = shared.iter().map(|s| s.0).collect();
            counts.sort_unstable_by(|a, b| b.cmp(a));
            let best = counts[0];
            let clear = counts.get(1).is_none_or(|&next| best >= next + 2);
            let leaders: Vec<i64> = shared.iter().filter(|s| s.0 == best).map(|s| s.1).collect();
            let number = r["recommendation"]["number"].as_i64().unwrap();
            if leaders.len() == 1 && best >= 2 && clear {
                assert_eq!(
                    leaders,
                    [number],
                    "{group}: {quote:?} ({stance}) is about another recommendation"
                );
                // No other member took its stance from the same sentence.
                assert!(
                    members.iter().all(|m| m["recommendation"]["number"]
                        == r["recommendation"]["number"]
                        || m["quote"] != r["quote"]),
                    "{group}: {quote:?} spread over the group"
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 2, "{checked}");
    // "in principle" that accepts nothing ("the duty can in principle be
    // outsourced") is no acceptance in principle.
    for r in &responses {
        if r["stance"] == "accepted-in-principle" {
            let quote = r["quote"].as_str().unwrap().to_lowercase();
            assert!(
                ["support", "accept", "agree"]
                    .iter()
                    .any(|v| quote.contains(v)),
                "{quote:?}"
            );
        }
    }
}

/// A document's `responses` are responses only: the statements a report
/// quotes are in it too, but they are no answer to it.
#[test]
fn a_documents_responses_are_only_responses() {
    let mut checked = 0;
    let mut with_statements = 0;
    let mut after = String::new();
    loop {
        let data = common::query(&format!(
            r#"{{ documents(first: 100{after}) {{ pageInfo {{ hasNextPage endCursor }} edges {{ node {{ id responses {{ id }} statements(first: 1) {{ totalCount }} }} }} }} }}"#
        ));
        let page = &data["documents"];
        for document in page["edges"].as_array().unwrap() {
            let responses = document["node"]["responses"].as_array().unwrap();
            for response in responses {
                let id = response["id"].as_str().unwrap();
                assert!(
                    id.starts_with("response/"),
                    "{id} in {}",
                    document["node"]["id"]
                );
                checked += 1;
            }
            if document["node"]["statements"]["totalCount"]
                .as_u64()
                .unwrap()
                > 0
            {
                with_statements += 1;
            }
        }
        if page["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = format!(", after: {}", page["pageInfo"]["endCursor"]);
    }
    assert!(checked > 0, "the seed's documents hold responses");
    // The case that went wrong: documents that also hold statements.
    assert!(with_statements > 0);
}
