//! Mentions: acceptance question A12, and mentions by statements.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::query;
use regex::Regex;

/// Lines where a person is mentioned, by source file.
fn mention_lines(person: &str) -> BTreeMap<String, BTreeSet<u64>> {
    let data = query(&format!(
        r#"{{ person(name: "{person}") {{ mentionedIn {{ node {{ __typename id }} provenance {{ document {{ fileName }} firstLine quote }} }} }} }}"#
    ));
    let mut out: BTreeMap<String, BTreeSet<u64>> = BTreeMap::new();
    for mention in data["person"]["mentionedIn"].as_array().unwrap() {
        for span in mention["provenance"].as_array().unwrap() {
            let file = span["document"]["fileName"].as_str().unwrap().to_owned();
            out.entry(file)
                .or_default()
                .insert(span["firstLine"].as_u64().unwrap());
        }
    }
    out
}

#[test]
fn a12_documents_that_mention_sir_mark_rowley() {
    let lines = mention_lines("Sir Mark Rowley");
    let files: Vec<&str> = lines.keys().map(String::as_str).collect();
    assert_eq!(
        files,
        vec![
            "000_b0b55b38b19717c6.txt",
            "001_cd299dd90733e253.txt",
            "004_df7a8ebb517b5672.txt"
        ]
    );
    assert!(lines["000_b0b55b38b19717c6.txt"].is_superset(&BTreeSet::from([44, 50, 52])));
    assert!(
        lines["001_cd299dd90733e253.txt"].is_superset(&BTreeSet::from([50, 78])),
        "the article's byline and its hashtag"
    );
    assert_eq!(lines["004_df7a8ebb517b5672.txt"].first(), Some(&549));
}

#[test]
fn statements_mention_people_but_not_in_their_own_label() {
    let data = query(
        r#"{ person(name: "Sir Mark Rowley") { mentionedIn { node { __typename ... on Statement { speaker { name } speakerLabel } } } } }"#,
    );
    let statements: Vec<&serde_json::Value> = data["person"]["mentionedIn"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["node"]["__typename"] == "Statement")
        .collect();
    assert!(statements.len() >= 5);
    assert!(
        statements
            .iter()
            .all(|s| s["node"]["speaker"]["name"] != "Sir Mark Rowley QPM"),
        "a speaker naming themself is not a mention"
    );
}

#[test]
fn organisation_mentions_merge_abbreviations() {
    let data = query(
        r#"{ organisation(name: "the Met") { mentionedIn { asWritten provenance { quote } } } }"#,
    );
    let written: BTreeSet<String> = data["organisation"]["mentionedIn"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| {
            m["provenance"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["quote"].as_str().unwrap().to_owned())
        })
        .collect();
    for form in ["MPS", "the Met", "Metropolitan Police Service"] {
        assert!(written.contains(form), "{form} in {written:?}");
    }
}

#[test]
fn letters_mention_the_report_they_answer() {
    let data = query(
        r#"{ report(title: "Probation Services in London") { mentionedIn { node { __typename id } } } }"#,
    );
    assert!(!data["report"]["mentionedIn"].as_array().unwrap().is_empty());
}

#[test]
fn who_said_what_about_whom() {
    // Statements about Sir Mark Rowley, by speaker, combinable with other filters.
    let data = query(
        r#"{ statements(filter: {about: "person/mark-rowley", verbatim: true}, first: 100) { totalCount edges { node { speaker { name } date } } } }"#,
    );
    let total = data["statements"]["totalCount"].as_u64().unwrap();
    assert!(total >= 5);
    let data = query(
        r#"{ statements(filter: {about: "person/mark-rowley", speaker: "Baroness Casey"}, first: 100) { edges { node { speaker { name } } } } }"#,
    );
    let edges = data["statements"]["edges"].as_array().unwrap();
    assert!(!edges.is_empty() && (edges.len() as u64) < total);
    assert!(edges
        .iter()
        .all(|e| e["node"]["speaker"]["name"] == "Baroness Casey of Blackstock DBE CB"));
}

/// Every organisation defined as "Full Name (ABBR)" in any document is
/// mentioned, by the abbreviation, in every document that uses it — also
/// documents that never spell it out. The definitions and the uses are
/// found here in the raw text.
#[test]
fn an_abbreviation_defined_anywhere_is_found_everywhere() {
    use scrutiny::model::{EdgeKind, NodeKind};
    let shared = common::seed_graph().snapshot();
    let graph = &*shared;
    let definition = regex::Regex::new(
        r"[A-Z][\w'’&]*(?: (?:[A-Z][\w'’&]*|and|of|for|the|&))+ \(([A-Z]{2,9})\)",
    )
    .unwrap();
    let mut abbreviations: BTreeMap<String, String> = BTreeMap::new();
    for record in graph.documents() {
        for cap in definition.captures_iter(&record.text) {
            // Only what the graph holds as an organisation: "(PCSOs)" is a role.
            if let Some(idx) = graph.resolve(NodeKind::Organisation, &cap[1]) {
                abbreviations.insert(cap[1].to_owned(), graph.node(idx).key.clone());
            }
        }
    }
    assert!(abbreviations.len() >= 5, "{abbreviations:?}");
    let mut checked = 0;
    for record in graph.documents() {
        for (abbr, org) in &abbreviations {
            let word = regex::Regex::new(&format!(r"\b{abbr}\b")).unwrap();
            if !word.is_match(&record.text) {
                continue;
            }
            let id = record.meta.id.as_str();
            let mentioned = graph.edges().any(|e| {
                e.kind == EdgeKind::Mentions
                    && e.target == *org
                    && e.provenance.iter().any(|p| p.document == id)
            });
            assert!(mentioned, "{id} uses {abbr} but mentions no {org}");
            checked += 1;
        }
    }
    assert!(checked > abbreviations.len(), "{checked}");
}

#[test]
fn a_person_named_in_apposition_is_mentioned_with_the_role_given_there() {
    // "the Metropolitan Police Commissioner, Cressida Dick": found from the
    // raw text of every seed file.
    let apposition = regex::Regex::new(
        r"\b[Tt]he ((?:[A-Z][a-z]+ ){0,4}(?:Commissioner|Mayor)), ((?:Dame |Sir )?[A-Z][a-z]+ [A-Z][a-z]+)\b",
    )
    .unwrap();
    let mut checked = 0;
    for entry in std::fs::read_dir(common::seed_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let file = path.file_name().unwrap().to_str().unwrap().to_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in text.lines().enumerate() {
            for found in apposition.captures_iter(line) {
                let data = query(&format!(
                    r#"{{ person(name: "{}") {{ mentionedIn {{ roleAsWritten provenance {{ document {{ fileName }} firstLine }} }} }} }}"#,
                    &found[2]
                ));
                let here = data["person"]["mentionedIn"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|m| {
                        m["provenance"].as_array().unwrap().iter().any(|p| {
                            p["document"]["fileName"] == file.as_str()
                                && p["firstLine"] == n as u64 + 1
                        })
                    })
                    .unwrap_or_else(|| panic!("{file}:{}: {} not mentioned", n + 1, &found[2]));
                assert!(here["roleAsWritten"].as_str().is_some(), "{file}:{}", n + 1);
                checked += 1;
            }
        }
    }
    assert!(checked >= 3, "{checked}");
}

#[test]
fn an_editors_brackets_say_two_names_are_one_person() {
    // "[Baroness] Louise [Casey]": the transcript itself says the given name
    // belongs to the titled person, so the names are one node (issue 10, item 2).
    let text = common::seed_text("004_df7a8ebb517b5672.txt");
    let completed =
        regex::Regex::new(r"\[(Sir|Dame|Lord|Baroness|Lady)\] ([A-Z][a-z]+) \[([A-Z][a-z]+)\]")
            .unwrap();
    let mut checked = 0;
    for found in completed.captures_iter(&text) {
        let titled = format!("{} {}", &found[1], &found[3]);
        let given = format!("{} {}", &found[2], &found[3]);
        let data = query(&format!(
            r#"{{ a: person(name: "{titled}") {{ id aliases }} b: person(name: "{given}") {{ id }} }}"#
        ));
        assert_eq!(data["a"]["id"], data["b"]["id"], "{titled} / {given}");
        assert!(data["a"]["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == given.as_str()));
        // And no other person goes by that name with a title before it.
        let people = query(r#"{ people(first: 100) { edges { node { id name } } } }"#);
        let others: Vec<&serde_json::Value> = people["people"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| {
                p["node"]["name"].as_str().unwrap().contains(given.as_str())
                    && p["node"]["id"] != data["a"]["id"]
            })
            .collect();
        assert!(others.is_empty(), "{others:?}");
        checked += 1;
    }
    assert!(checked >= 1);
}

#[test]
fn people_named_with_a_role_in_prose_and_bodies_in_lists_are_found() {
    // A report written for the tests names each person in one of the shapes
    // real documents use; the role expected is the one the text gives there.
    let dir = common::fixture("people-in-prose");
    let text = std::fs::read_to_string(dir.join("eastmoor-panel-report.md")).unwrap();
    let q = r#"{ people(first: 100) { edges { node { name email provenance { firstLine quote }
        mentionedIn { roleAsWritten provenance { firstLine } } } } }
      organisations(first: 100) { edges { node { name } } } }"#;
    let data = common::query_over(&[dir], q);
    let people = data["people"]["edges"].as_array().unwrap();
    let person = |name: &str| {
        people
            .iter()
            .map(|e| &e["node"])
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("no {name} in {people:?}"))
    };
    let line_of = |needle: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .map(|i| i as u64 + 1)
            .unwrap()
    };
    // Role in brackets, post before the name, name then post, label of
    // office, a name with a clause that ties it to a body.
    for (name, role) in [
        (
            "Yusuf Okafor",
            "Head of Custody Visiting at the Eastmoor Independent Trust",
        ),
        ("Tomasz Wilk", "NCA Director General"),
        ("Helen Marsh", "Head of Legal Operations"),
        ("Gareth Lloyd", "Chief Officer"),
        (
            "Nadia Osei",
            "represents the Eastmoor Health Partnership (EHP)",
        ),
    ] {
        let line = line_of(name);
        assert!(text.lines().nth(line as usize - 1).unwrap().contains(role));
        let here = person(name)["mentionedIn"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["provenance"][0]["firstLine"] == line)
            .unwrap_or_else(|| panic!("{name} not mentioned on line {line}"));
        assert_eq!(here["roleAsWritten"], role, "{name}");
    }
    // A surname an editor supplied: the person, quoted where the name is.
    let priya = person("Priya Raman");
    assert_eq!(priya["provenance"][0]["firstLine"], line_of("Priya ["));
    // A title an editor completed inside it, and a peer known by title,
    // surname and honours: each a person, mentioned where named.
    let inner = Regex::new(r"\b(Lord|Lady|Sir|Dame) \[(\w+)\] ([A-Z][\w-]+)").unwrap();
    let peer = Regex::new(r"\b((?:Lord|Baroness|Lady) [A-Z][a-z]+) (?:KC|QC)\b").unwrap();
    let (cap, line) = text
        .lines()
        .zip(1u64..)
        .find_map(|(l, n)| inner.captures(l).map(|c| (c, n)))
        .unwrap();
    let judge = person(&format!("{} {} {}", &cap[1], &cap[2], &cap[3]));
    assert!(
        judge["mentionedIn"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["provenance"][0]["firstLine"] == line),
        "{judge}"
    );
    let cap = peer.captures(&text).unwrap();
    assert!(
        people
            .iter()
            .any(|p| p["node"]["name"].as_str().unwrap().starts_with(&cap[1])),
        "no {} in {people:?}",
        &cap[1]
    );
    // A contact block: the address confirms the name above it.
    assert_eq!(
        person("Amira Haddad")["email"],
        "Amira.Haddad@eastmoor.example.org"
    );
    // No heading or job title was read as a person.
    for p in people {
        let name = p["node"]["name"].as_str().unwrap();
        assert!(
            ![
                "Custody Visiting",
                "Senior Policy",
                "Legal Operations",
                "Director General"
            ]
            .iter()
            .any(|w| name.contains(w)),
            "{name}"
        );
        for span in p["node"]["provenance"].as_array().unwrap() {
            assert!(text.contains(span["quote"].as_str().unwrap()), "{span}");
        }
    }
    let orgs: Vec<&str> = data["organisations"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["name"].as_str().unwrap())
        .collect();
    for body in [
        "Eastmoor Youth Forum",
        "Harbour Legal Aid",
        "Westfold Metropolitan Borough Council",
        "Eastmoor Custody Board",
    ] {
        assert!(orgs.contains(&body), "{body} not in {orgs:?}");
    }
    assert!(!orgs.iter().any(|o| o.contains(" and Harbour")), "{orgs:?}");
}

#[test]
fn bodies_named_head_first_and_the_authors_of_cited_works_are_organisations() {
    // A report written for the tests names bodies head first, with a list
    // inside a name, several in one list, and cites works by their authors.
    let dir = common::fixture("bodies-in-prose");
    let text = std::fs::read_to_string(dir.join("northshore-harbour-report.md")).unwrap();
    let q = r#"{ organisations(first: 100) { edges { node { name provenance { firstLine quote }
        authored { title } } } } }"#;
    let data = common::query_over(&[dir], q);
    let orgs: Vec<&serde_json::Value> = data["organisations"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["node"])
        .collect();
    let names: Vec<&str> = orgs.iter().map(|o| o["name"].as_str().unwrap()).collect();
    for body in [
        "Ministry of Harbours",
        "Council of the Northern Isles",
        "Department for Rivers, Coasts and Ports",
        "Department for Island Transport",
        "Department of Coastal Health",
        "NHS Northshore",
        "Northshore Inspectorate of Harbour Police and Fire & Rescue Services",
        "Westcliff and Eastcliff NHS Foundation Trust",
    ] {
        assert!(text.contains(body), "{body} is in the fixture");
        assert!(names.contains(&body), "{body} not in {names:?}");
    }
    // Not a body of its own: a body named by whose it is, a name that runs
    // on in a way not read, the tail of a longer name, a post, a series.
    for part in [
        "Office for Harbour Affairs",
        "Levelling",
        "Coastal Health and",
        "Rescue Services",
        "Mayor",
        "NQT",
        "Penrose",
    ] {
        assert!(
            !names
                .iter()
                .any(|n| n.contains(part) && !n.contains("Inspectorate")),
            "{part} in {names:?}"
        );
    }
    // Each footnote's author before its linked title, from the raw lines:
    // a publication in italics, a body, two bodies at once; a person, a
    // post or an abbreviation never spelled out is no organisation.
    let footnote = Regex::new(r"^<sup>\d+</sup> (.+?), \[([^\]]+)\]").unwrap();
    let mut checked = 0;
    for line in text.lines() {
        let Some(cap) = footnote.captures(line) else {
            continue;
        };
        let (slot, title) = (&cap[1], &cap[2]);
        let authors: Vec<&str> = orgs
            .iter()
            .filter(|o| {
                o["authored"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|d| d["title"] == title)
            })
            .map(|o| o["name"].as_str().unwrap())
            .collect();
        let bodies: Vec<String> = if slot.starts_with("Lord ")
            || slot.starts_with("Mayor ")
            || slot.chars().all(|c| c.is_ascii_uppercase())
        {
            Vec::new()
        } else {
            slot.trim_matches('*')
                .split('/')
                .map(|b| b.trim_start_matches("The ").to_owned())
                .collect()
        };
        let mut authors: Vec<String> = authors.iter().map(|a| a.to_string()).collect();
        authors.sort();
        let mut bodies = bodies;
        bodies.sort();
        assert_eq!(authors, bodies, "authors of {title}");
        checked += 1;
    }
    assert_eq!(checked, 7);
    for org in &orgs {
        for span in org["provenance"].as_array().unwrap() {
            let line = text
                .lines()
                .nth(span["firstLine"].as_u64().unwrap() as usize - 1)
                .unwrap();
            assert!(line.contains(span["quote"].as_str().unwrap()), "{span}");
        }
    }
}
