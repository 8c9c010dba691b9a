//! Questions of the kinds in `questions.md` about other meetings, guests
//! and hearings than the ones it lists (issue 10). Each expected answer is
//! counted here from the raw text; each answer's evidence lines are checked.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::{query, query_over, seed_text};
use regex::Regex;

const PACK: &str = "004_df7a8ebb517b5672.txt";

/// Speaker labels counted in raw lines: label → turns.
fn label_counts<'a>(lines: impl Iterator<Item = &'a str>, label: &Regex) -> BTreeMap<String, i64> {
    let mut out = BTreeMap::new();
    for line in lines {
        if let Some(found) = label.captures(line) {
            *out.entry(found[1].trim().to_owned()).or_insert(0) += 1;
        }
    }
    out
}

#[test]
fn which_guests_from_the_met_spoke_on_the_standards_review_and_how_often() {
    // A01's kind, for the Met's guests of the 22 March 2023 session: turns
    // counted from the bold labels of both panels' transcripts.
    let text = seed_text(PACK);
    let lines: Vec<&str> = text.lines().collect();
    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.contains("22 March 2023") && l.contains("Transcript of Agenda Item"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(starts.len(), 2, "two panels");
    let end = lines[starts[1] + 1..]
        .iter()
        .position(|l| {
            l.contains("Transcript of Agenda Item") || l.starts_with("# ") || l.starts_with("## ")
        })
        .map_or(lines.len(), |p| starts[1] + 1 + p);
    let label = Regex::new(
        r"^\*\*([^*]+?\(([^)]*Metropolis[^)]*|[^)]*Metropolitan Police Service[^)]*)\)):\*\*",
    )
    .unwrap();
    let expected = label_counts(lines[starts[0]..end].iter().copied(), &label);
    assert!(!expected.is_empty());
    let meeting = "meeting/police-and-crime-committee/2023-03-22";
    let data = query(&format!(
        r#"{{ statements(filter: {{organisation: "MPS", meeting: "{meeting}"}}, first: 100) {{ totalCount edges {{ node {{ speakerLabel provenance {{ firstLine quote }} }} }} }} }}"#
    ));
    let mut found: BTreeMap<String, i64> = BTreeMap::new();
    for edge in data["statements"]["edges"].as_array().unwrap() {
        let node = &edge["node"];
        *found
            .entry(node["speakerLabel"].as_str().unwrap().to_owned())
            .or_insert(0) += 1;
        // The evidence: the turn's first line holds its label.
        let line = node["provenance"][0]["firstLine"].as_u64().unwrap() as usize;
        assert!(lines[line - 1].contains(node["speakerLabel"].as_str().unwrap()));
    }
    assert_eq!(found, expected);
}

#[test]
fn who_gave_evidence_to_a_select_committee_and_how_many_answers_each() {
    // A01's kind for Parliament's oral evidence: the witnesses, their roles
    // from the "Witnesses" paragraph, and their turns counted from the labels.
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real/hoc-eac-oral-evidence-2026-09-14.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let label = Regex::new(r"^(?:Q\d+ )?([A-Z][A-Za-z .'-]{2,40}):").unwrap();
    let counts = label_counts(text.lines(), &label);
    let data = query_over(
        &[path],
        r#"{ meetings { edges { node { attendance(status: "guest") { person { name statements(first: 100) { totalCount } } role provenance { firstLine quote } } } } } }"#,
    );
    let guests = data["meetings"]["edges"][0]["node"]["attendance"]
        .as_array()
        .unwrap();
    assert!(!guests.is_empty());
    let lines: Vec<&str> = text.lines().collect();
    for guest in guests {
        let name = guest["person"]["name"].as_str().unwrap();
        // The label as the transcript writes it holds the person's surname.
        let surname = name
            .split_whitespace()
            .rfind(|w| !w.chars().all(|c| c.is_ascii_uppercase()))
            .unwrap();
        let turns: i64 = counts
            .iter()
            .filter(|(l, _)| l.split_whitespace().last() == Some(surname))
            .map(|(_, n)| n)
            .sum();
        assert_eq!(
            guest["person"]["statements"]["totalCount"]
                .as_i64()
                .unwrap(),
            turns,
            "{name}"
        );
        // Evidence: the Witnesses paragraph names them with that role.
        let line = guest["provenance"][0]["firstLine"].as_u64().unwrap() as usize;
        let role = guest["role"].as_str().unwrap();
        assert!(
            lines[line - 1].contains(role),
            "{name}: {role:?} not on line {line}"
        );
    }
}

#[test]
fn which_organisations_answered_the_call_for_evidence_and_said_what() {
    // A reader's question of a report's evidence: who answered, and where the
    // report quotes them. For the first respondent the report lists, every
    // line of the report that names it (found in the raw text) is a mention.
    let text = seed_text(PACK);
    let lines: Vec<&str> = text.lines().collect();
    let (at, items) = common::call_for_evidence_list(&lines);
    let first = items[0].clone();
    // The report the list closes: the last one to start before it.
    let reports = query(
        r#"{ documents(kind: "report", first: 100) { edges { node { title provenance { firstLine } } } } }"#,
    );
    let start = reports["documents"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["provenance"][0]["firstLine"].as_u64().unwrap() as usize)
        .filter(|&l| l < at)
        .max()
        .unwrap();
    let data = query(&format!(
        r#"{{ organisation(name: "{first}") {{ name mentionedIn(basis: EXPLICIT) {{ provenance {{ firstLine }} }} }} }}"#
    ));
    let mentioned: Vec<u64> = data["organisation"]["mentionedIn"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| {
            m["provenance"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["firstLine"].as_u64().unwrap())
        })
        .collect();
    // Every line of the report naming it (footnotes aside) is a place it is mentioned.
    let named: Vec<u64> = lines
        .iter()
        .enumerate()
        .filter(|(i, l)| {
            *i >= start && *i <= at + 30 && l.contains(first.as_str()) && !l.starts_with("<sup>")
        })
        .map(|(i, _)| i as u64 + 1)
        .collect();
    assert!(named.len() > 1);
    for line in &named {
        assert!(
            mentioned.contains(line),
            "line {line} names {first} but is no mention: {mentioned:?}"
        );
    }
}

#[test]
fn a_review_team_a_guest_works_for_is_the_author_of_its_review() {
    // "Sarah Kincaid (Lead Reviewer, Baroness Casey Review)": a guest's
    // body named as a review is titled. Asked of the body, the review it
    // wrote is the one document that bears its name as a title or alias.
    let text = seed_text(PACK);
    let team =
        Regex::new(r"\(([A-Z][a-z]+(?: [A-Z][a-z]+)*), ((?:[A-Z][a-z]+ )+Review)\)").unwrap();
    let teams: std::collections::BTreeSet<String> =
        team.captures_iter(&text).map(|c| c[2].to_owned()).collect();
    assert!(!teams.is_empty());
    for name in &teams {
        let data = query(&format!(
            r#"{{ organisation(name: "{name}") {{ authored {{ title aliases }} }} }}"#
        ));
        let authored = data["organisation"]["authored"].as_array().unwrap();
        assert_eq!(authored.len(), 1, "{name}: {authored:?}");
        let names: Vec<&str> = std::iter::once(&authored[0]["title"])
            .chain(authored[0]["aliases"].as_array().unwrap())
            .map(|t| t.as_str().unwrap())
            .collect();
        assert!(
            names.iter().any(|t| t.eq_ignore_ascii_case(name)),
            "{name} names none of {names:?}"
        );
    }
}
