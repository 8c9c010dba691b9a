//! "What was said about this report?": statements about a node, by explicit
//! mention and by context (issue 10, item 1), and one node per document
//! under its title variants (item 2).
//!
//! Expected sets are computed here from the statements' own text and the
//! agenda items' titles, not from the rules of `link::about`.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{query, seed_graph};
use regex::Regex;
use scrutiny::model::{EdgeKind, NodeKind};
use serde_json::Value;

/// Every statement about `id`, through GraphQL, with each one's basis, via and cue.
fn about(id: &str) -> BTreeMap<String, (String, Option<String>, Option<String>)> {
    let data = query(&format!(
        r#"{{ node(id: "{id}") {{ ... on Document {{ mentionedIn {{ node {{ __typename id }} basis via {{ id }} cue }} }} ... on Person {{ mentionedIn {{ node {{ __typename id }} basis via {{ id }} cue }} }} }} }}"#
    ));
    let mut out = BTreeMap::new();
    for m in data["node"]["mentionedIn"].as_array().unwrap() {
        if m["node"]["__typename"] != "Statement" {
            continue;
        }
        out.insert(
            m["node"]["id"].as_str().unwrap().to_owned(),
            (
                m["basis"].as_str().unwrap().to_owned(),
                m["via"]["id"].as_str().map(str::to_owned),
                m["cue"].as_str().map(str::to_owned),
            ),
        );
    }
    out
}

/// The statements `statements(filter: {about})` returns, every page.
fn statements_about(id: &str, basis: Option<&str>) -> BTreeSet<String> {
    let basis = basis.map_or(String::new(), |b| format!(", aboutBasis: {b}"));
    let mut out = BTreeSet::new();
    let mut after = String::new();
    loop {
        let data = query(&format!(
            r#"{{ statements(filter: {{about: "{id}"{basis}}}, first: 100{after}) {{ edges {{ node {{ id }} }} pageInfo {{ hasNextPage endCursor }} }} }}"#
        ));
        let page = &data["statements"];
        for edge in page["edges"].as_array().unwrap() {
            out.insert(edge["node"]["id"].as_str().unwrap().to_owned());
        }
        if page["pageInfo"]["hasNextPage"] != Value::Bool(true) {
            return out;
        }
        after = format!(
            r#", after: "{}""#,
            page["pageInfo"]["endCursor"].as_str().unwrap()
        );
    }
}

/// A review or report an agenda item is titled after: for each item whose
/// title has such a word, the document node of that title, with every name
/// it goes by.
fn items_on_documents() -> Vec<(String, String, Vec<String>)> {
    let graph = seed_graph().snapshot();
    let review = Regex::new(r"\b(Review|Report|Inquiry)\b").unwrap();
    let abbreviation = Regex::new(r"\s*\([A-Z]{2,}\)$").unwrap();
    let mut out = Vec::new();
    for &item in graph.of_kind(NodeKind::AgendaItem) {
        let title = &graph.node(item).name;
        if !review.is_match(title) {
            continue;
        }
        // The title without an abbreviation after it ("… Service (MPS)").
        let bare = abbreviation.replace(title, "");
        let data = query(&format!(
            r#"{{ node(id: "document/external/{}") {{ id ... on Document {{ name aliases }} }} }}"#,
            scrutiny::text::slug(&bare)
        ));
        let doc = &data["node"];
        assert!(doc.is_object(), "no document for the item titled {title:?}");
        let mut names = vec![doc["name"].as_str().unwrap().to_owned()];
        names.extend(
            doc["aliases"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap().to_owned()),
        );
        out.push((
            graph.node(item).key.clone(),
            doc["id"].as_str().unwrap().to_owned(),
            names,
        ));
    }
    out
}

#[test]
fn what_was_said_about_a_report_is_every_turn_of_its_item_and_every_naming_elsewhere() {
    let graph = seed_graph().snapshot();
    let items = items_on_documents();
    // The seed has sessions on two outside reviews.
    assert!(items.len() >= 2, "{items:?}");
    let eponym =
        Regex::new(r"^(?:[A-Z][a-z]+ )?([A-Z][a-z]+) (?i:review|report|inquiry)\b").unwrap();
    for (item, doc, names) in &items {
        let item_idx = graph.get(item).unwrap();
        let under_item: BTreeSet<String> = graph
            .incoming(item_idx, EdgeKind::InItem)
            .into_iter()
            .filter(|&s| graph.node(s).kind == NodeKind::Statement)
            .map(|s| graph.node(s).key.clone())
            .collect();
        assert!(under_item.len() > 10, "{item}: {}", under_item.len());
        // Named elsewhere: by a title or alias written out, or by its author's
        // name with a possessive ("Baroness Casey's report").
        let surnames: Vec<String> = names
            .iter()
            .filter_map(|n| eponym.captures(n).map(|c| c[1].to_owned()))
            .collect();
        let named: BTreeSet<String> = graph
            .of_kind(NodeKind::Statement)
            .iter()
            .filter(|&&s| {
                let text = graph.node(s).prop("text").unwrap_or("");
                let lower = text.to_lowercase();
                names.iter().any(|n| lower.contains(&n.to_lowercase()))
                    || surnames.iter().any(|s| {
                        Regex::new(&format!(r"\b{s}['’]s (?:final )?(?:report|review)\b"))
                            .unwrap()
                            .is_match(text)
                    })
            })
            .map(|&s| graph.node(s).key.clone())
            .collect();
        assert!(!named.is_empty(), "{doc} is named by no statement");

        let all = statements_about(doc, None);
        let explicit = statements_about(doc, Some("EXPLICIT"));
        let context = statements_about(doc, Some("CONTEXT"));
        let missing: Vec<&String> = under_item
            .union(&named)
            .filter(|s| !all.contains(*s))
            .collect();
        assert!(missing.is_empty(), "{doc}: not found about it: {missing:?}");
        assert!(
            named.is_subset(&explicit),
            "{doc}: {:?}",
            named.difference(&explicit).collect::<Vec<_>>()
        );
        assert_eq!(all, explicit.union(&context).cloned().collect());
        assert!(explicit.is_disjoint(&context));

        // Every other statement about it refers back to a turn that names it.
        let links = about(doc);
        for s in all.difference(&under_item.union(&named).cloned().collect()) {
            let (basis, via, cue) = &links[s];
            assert_eq!(basis, "CONTEXT", "{s}");
            let via = via.as_ref().unwrap();
            assert!(
                named.contains(via),
                "{s} refers back to {via}, which does not name {doc}"
            );
            let cue = cue.as_ref().unwrap();
            let text = graph.node(graph.get(s).unwrap()).prop("text").unwrap();
            assert!(text.contains(cue.as_str()), "{s}: {cue:?}");
        }
        // Under the item, a turn that does not name it is about it via the item.
        for s in under_item.difference(&named) {
            let (basis, via, _) = &links[s];
            assert_eq!(
                (basis.as_str(), via.as_deref()),
                ("CONTEXT", Some(item.as_str())),
                "{s}"
            );
        }
    }
}

#[test]
fn the_role_a_speaker_is_labelled_with_refers_to_them_within_the_meeting() {
    // "the Commissioner", "the Deputy Mayor": computed from the labels.
    let graph = seed_graph().snapshot();
    // meeting → role head → people labelled so
    let mut heads: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    let head_of = |role: &str| -> Option<String> {
        let first = role.split([',', '(']).next()?.trim();
        let words: Vec<&str> = first
            .split_whitespace()
            .take_while(|w| w.starts_with(char::is_uppercase))
            .collect();
        (!words.is_empty()
            && words.len() <= 3
            && words.len()
                == first
                    .split(" of ")
                    .next()?
                    .split(" for ")
                    .next()?
                    .split_whitespace()
                    .count())
        .then(|| words.join(" "))
    };
    let statements = graph.of_kind(NodeKind::Statement);
    for &s in statements {
        let (Some(meeting), Some(speaker)) = (
            graph.out_one(s, EdgeKind::AtMeeting),
            graph.incoming(s, EdgeKind::Spoke).first().copied(),
        ) else {
            continue;
        };
        let label = graph.node(s).prop("speaker_label").unwrap_or("");
        let Some(role) = label.split_once(" (").map(|(_, r)| r.trim_end_matches(')')) else {
            continue;
        };
        if let Some(head) = head_of(role) {
            heads
                .entry(graph.node(meeting).key.clone())
                .or_default()
                .entry(head)
                .or_default()
                .insert(graph.node(speaker).key.clone());
        }
    }
    let mut checked = 0;
    for &s in statements {
        let Some(meeting) = graph.out_one(s, EdgeKind::AtMeeting) else {
            continue;
        };
        let speaker = graph
            .incoming(s, EdgeKind::Spoke)
            .first()
            .map(|&p| graph.node(p).key.clone());
        let text = graph.node(s).prop("text").unwrap_or("");
        for (head, people) in heads.get(&graph.node(meeting).key).into_iter().flatten() {
            let [person] = people.iter().collect::<Vec<_>>()[..] else {
                continue;
            };
            let refers = Regex::new(&format!(r"\b[Tt]he {head}\b"))
                .unwrap()
                .is_match(text);
            if !refers || speaker.as_ref() == Some(person) {
                continue;
            }
            let target = graph.get(person).unwrap();
            let linked = graph.edge_between(s, EdgeKind::Mentions, target).is_some()
                || graph.edge_between(s, EdgeKind::About, target).is_some();
            assert!(
                linked,
                "{} says \"the {head}\" but is not about {person}",
                graph.node(s).key
            );
            checked += 1;
        }
    }
    assert!(checked >= 10, "{checked}");
}

#[test]
fn one_review_under_its_title_variants_is_one_node_found_by_each() {
    // Citations' link texts ("[title](#)") that agree once case, a leading
    // article and a trailing "final report" are set aside name one document.
    let text = common::seed_text("004_df7a8ebb517b5672.txt");
    let link = Regex::new(r"\[([^\]]{12,})\]\(#\)").unwrap();
    let identity = |title: &str| {
        let s = scrutiny::text::slug(title);
        let s = ["a-", "an-", "the-"]
            .iter()
            .find_map(|a| s.strip_prefix(a))
            .map_or(s.clone(), str::to_owned);
        s.strip_suffix("-final-report")
            .map_or(s.clone(), str::to_owned)
    };
    let mut by_identity: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for found in link.captures_iter(&text) {
        by_identity
            .entry(identity(&found[1]))
            .or_default()
            .insert(found[1].to_owned());
    }
    // Link texts that are outside documents (not citations of meetings).
    let graph = seed_graph().snapshot();
    let key = |t: &str| format!("document/external/{}", scrutiny::text::slug(t));
    let variants: Vec<BTreeSet<String>> = by_identity
        .into_values()
        .map(|v| {
            v.into_iter()
                .filter(|t| graph.get(&key(t)).is_some())
                .collect::<BTreeSet<_>>()
        })
        .filter(|v| v.len() > 1)
        .collect();
    assert!(!variants.is_empty());
    for titles in &variants {
        let ids: BTreeSet<String> = titles
            .iter()
            .map(|t| {
                let data = query(&format!(
                    r#"{{ node(id: "{}") {{ id ... on Document {{ aliases name }} }} }}"#,
                    key(t)
                ));
                let node = &data["node"];
                let known: Vec<&str> = std::iter::once(node["name"].as_str().unwrap())
                    .chain(
                        node["aliases"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(|a| a.as_str().unwrap()),
                    )
                    .collect();
                assert!(known.contains(&t.as_str()), "{t:?} not a name of {known:?}");
                node["id"].as_str().unwrap().to_owned()
            })
            .collect();
        assert_eq!(ids.len(), 1, "{titles:?} are {ids:?}");
    }
}
