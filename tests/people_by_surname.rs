//! People a document names only by a title and a surname ("Mr Coyne",
//! "Mrs Hamilton", "Professor Button", "Lord Arbuthnot") are people, and
//! every line that names them so mentions them (issue 10, item 3). The
//! expected names come from the documents' own lines: a surname the
//! document writes only after one and the same title, never after a given
//! name or another title, so that the words can name one person only.

mod common;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use common::{all_nodes, documents, fixture, lines_of, schema_over};
use regex::Regex;

#[test]
fn a_title_and_a_surname_name_a_person_mentioned_on_every_line() {
    let schema = schema_over(&[fixture("real")]);
    // Every person: name, and the (document, line) of each place they are
    // named or quoted.
    let people: Vec<(String, BTreeSet<(String, u64)>)> = all_nodes(
        &schema,
        "people",
        "name provenance { documentId firstLine lastLine } mentionedIn { provenance { documentId firstLine lastLine } }",
    )
    .iter()
    .map(|p| {
        let spans = p["provenance"]
            .as_array()
            .unwrap()
            .iter()
            .chain(
                p["mentionedIn"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .flat_map(|m| m["provenance"].as_array().unwrap()),
            )
            .flat_map(|s| {
                let doc = s["documentId"].as_str().unwrap().to_owned();
                let (a, b) = (s["firstLine"].as_u64().unwrap(), s["lastLine"].as_u64().unwrap());
                (a..=b).map(move |n| (doc.clone(), n))
            })
            .collect();
        (p["name"].as_str().unwrap().to_owned(), spans)
    })
    .collect();
    let titled = Regex::new(r"\b(Mr|Mrs|Ms|Dr|Professor|Lord) ([A-Z][a-z]+)\b").unwrap();
    // A speaker label, starred or not ("**Mr Beer**:", "Q14 Lord Hannay of
    // Chiswick:"), is the turn's speaker, not a mention.
    let label = Regex::new(r"^(?:\*\*[^*]+\*\*:|(?:Q\d+ )?[A-Z][\w’' .-]{0,60}:)").unwrap();
    // Words of address or office after a title, not surnames.
    let address = [
        "Speaker",
        "Chairman",
        "Chair",
        "President",
        "Justice",
        "Chancellor",
        "Chief",
    ];
    let mut checked = 0;
    for document in documents(&schema) {
        let lines = lines_of(&schema, &document);
        let text: String = lines
            .iter()
            .map(|(_, l)| l.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        // (title, surname) → lines naming them so, outside speaker labels.
        let mut named: BTreeMap<(String, String), Vec<u64>> = BTreeMap::new();
        // The turn a line is in: a speaker naming themself is no mention.
        let mut speaker = String::new();
        for (number, line) in &lines {
            if let Some(m) = label.find(line) {
                speaker = m.as_str().to_owned();
            }
            let body = label.find(line).map_or(line.as_str(), |m| &line[m.end()..]);
            for cap in titled.captures_iter(body) {
                let end = cap.get(0).unwrap().end();
                let after = &body[end..];
                // A given name after the surname's place, or a wrap: not this shape.
                if after.trim().is_empty()
                    || after.starts_with(" ") && after[1..].starts_with(char::is_uppercase)
                    || address.contains(&&cap[2])
                    || speaker.contains(&cap[0])
                {
                    continue;
                }
                named
                    .entry((cap[1].to_owned(), cap[2].to_owned()))
                    .or_default()
                    .push(*number);
            }
        }
        // Every occurrence of the surname in the document, with the word before it.
        let mut before: HashMap<String, BTreeSet<String>> = HashMap::new();
        for (_, surname) in named.keys() {
            let any = Regex::new(&format!(r"(\S+)\s+{surname}\b")).unwrap();
            for cap in any.captures_iter(&text) {
                before
                    .entry(surname.clone())
                    .or_default()
                    .insert(cap[1].trim_start_matches('*').to_owned());
            }
        }
        for ((title, surname), at) in &named {
            if before[surname].iter().any(|w| w != title) {
                continue; // "Martin Griffiths" and "Mrs Griffiths": not one shape.
            }
            let written = format!("{title} {surname}");
            let person = people
                .iter()
                .find(|(name, spans)| {
                    (name.ends_with(surname.as_str()) || name.contains(&written))
                        && spans.iter().any(|(d, _)| *d == document)
                })
                .unwrap_or_else(|| panic!("{document}: no person {written:?} (lines {at:?})"));
            for n in at {
                assert!(
                    person.1.contains(&(document.clone(), *n)),
                    "{document}:{n}: {written:?} is not a mention of {:?}",
                    person.0
                );
                checked += 1;
            }
        }
    }
    eprintln!("{checked} lines naming a person by title and surname checked");
    assert!(checked >= 20, "only {checked} lines checked");
}
