//! Full-text search: phrases find exactly their statement, filters narrow,
//! operators and prefixes behave as search boxes do, and bad searches get
//! clear errors. Expected sets are computed here from the statements' own
//! text, independently of the index.

mod common;

use std::collections::BTreeSet;

use async_graphql::{Request, Variables};
use common::{futures_block_on, seed_graph, seed_schema};
use scrutiny::model::NodeKind;
use scrutiny::search::{Filters, SearchIndex, MAX_PREFIX_TERMS};
use serde_json::{json, Value};

const HIT_FIELDS: &str = "totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { kind score snippet { text highlighted } snippetHtml
        source { documentId firstLine lastLine quote }
        node { __typename id
            ... on Statement { text date speaker { id } organisation { id } meeting { id } }
            ... on Recommendation { text report { id } addressedTo { party { ... on Organisation { id } } } }
            ... on Response { quote date } } } }";

/// Runs `search` with variables; returns the whole response as JSON.
fn run(query: &str, filter: Value, first: i64, after: Option<&str>) -> Value {
    let q = format!(
        "query($q: String!, $f: SearchFilter, $first: Int, $after: String) {{
            search(query: $q, filter: $f, first: $first, after: $after) {{ {HIT_FIELDS} }} }}"
    );
    let vars = json!({ "q": query, "f": filter, "first": first, "after": after });
    let request = Request::new(q).variables(Variables::from_json(vars));
    serde_json::to_value(futures_block_on(seed_schema().execute(request))).expect("json")
}

fn search(query: &str, filter: Value, first: i64) -> Value {
    let response = run(query, filter, first, None);
    assert!(
        response["errors"].as_array().is_none_or(|e| e.is_empty()),
        "{query:?}: {response}"
    );
    response["data"]["search"].clone()
}

fn hits(page: &Value) -> Vec<&Value> {
    page["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| &e["node"])
        .collect()
}

fn ids(page: &Value) -> Vec<String> {
    hits(page)
        .iter()
        .map(|h| h["node"]["id"].as_str().expect("id").to_owned())
        .collect()
}

fn total(page: &Value) -> u64 {
    page["totalCount"].as_u64().expect("totalCount")
}

fn error_of(query: &str, filter: Value) -> (String, String) {
    let response = run(query, filter, 10, None);
    let error = &response["errors"][0];
    (
        error["extensions"]["code"]
            .as_str()
            .unwrap_or("")
            .to_owned(),
        error["message"].as_str().unwrap_or("").to_owned(),
    )
}

/// Words as the test sees them: runs of letters and digits, lower-cased.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn contains_run(haystack: &[String], needle: &[String]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Every statement's key, words and whether it is a transcript turn.
fn statements_with_kind() -> Vec<(String, Vec<String>, bool)> {
    let graph = seed_graph().snapshot();
    graph
        .of_kind(NodeKind::Statement)
        .iter()
        .map(|&i| {
            let node = graph.node(i);
            (
                node.key.clone(),
                words(node.prop("text").unwrap_or("")),
                node.prop("verbatim") == Some("true"),
            )
        })
        .collect()
}

/// Every statement's key and words.
fn statements() -> Vec<(String, Vec<String>)> {
    statements_with_kind()
        .into_iter()
        .map(|(k, t, _)| (k, t))
        .collect()
}

#[test]
fn a_phrase_from_a_transcript_finds_exactly_its_statement() {
    let all = statements();
    let turns: Vec<(String, Vec<String>)> = statements_with_kind()
        .into_iter()
        .filter(|(_, _, turn)| *turn)
        .map(|(k, t, _)| (k, t))
        .collect();
    let mut checked = 0;
    // Every 20th transcript turn long enough: a run of six words from its
    // middle that no other statement holds.
    for (key, text) in turns.iter().step_by(20) {
        if text.len() < 20 {
            continue;
        }
        let middle = text.len() / 2;
        let phrase = &text[middle..middle + 6];
        let holders: Vec<&String> = all
            .iter()
            .filter(|(_, t)| contains_run(t, phrase))
            .map(|(k, _)| k)
            .collect();
        if holders.len() != 1 {
            continue;
        }
        let page = search(&format!("\"{}\"", phrase.join(" ")), json!(null), 10);
        assert_eq!(ids(&page), vec![key.clone()], "phrase {phrase:?}");
        assert_eq!(total(&page), 1);
        // The snippet highlights the phrase's words and is a piece of the text.
        let hit = hits(&page)[0];
        let highlighted: Vec<String> = hit["snippet"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["highlighted"] == true)
            .flat_map(|p| words(p["text"].as_str().unwrap()))
            .collect();
        assert!(!highlighted.is_empty(), "{hit}");
        assert!(highlighted.iter().all(|w| phrase.contains(w)), "{hit}");
        let joined: String = hit["snippet"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["text"].as_str().unwrap())
            .collect();
        assert!(
            hit["node"]["text"]
                .as_str()
                .unwrap()
                .contains(joined.trim()),
            "{joined:?}"
        );
        // The source span quotes the seed file.
        let source = &hit["source"][0];
        let graph = seed_graph().snapshot();
        let document = graph
            .document(source["documentId"].as_str().unwrap())
            .expect("source document");
        assert!(document.text.contains(source["quote"].as_str().unwrap()));
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} phrases checked");
}

#[test]
fn words_in_another_order_are_not_the_phrase() {
    let all = statements();
    let kinds = json!({"kinds": ["statement"]});
    let mut checked = 0;
    // Four-word runs whose first and last words are long (so neither is a
    // stop word) and differ: reversed, they cannot line up with the original.
    for (key, text) in all.iter().step_by(25) {
        let Some(phrase) = text
            .windows(4)
            .find(|w| w[0].len() >= 6 && w[3].len() >= 6 && w[0] != w[3])
        else {
            continue;
        };
        let reversed: Vec<String> = phrase.iter().rev().cloned().collect();
        let forward = search(&format!("\"{}\"", phrase.join(" ")), kinds.clone(), 100);
        assert!(ids(&forward).contains(key), "{phrase:?}");
        if contains_run(text, &reversed) {
            continue;
        }
        let backward = search(&format!("\"{}\"", reversed.join(" ")), kinds.clone(), 100);
        assert!(!ids(&backward).contains(key), "{reversed:?}");
        // The same words without quotes find it again.
        let loose = search(&reversed.join(" "), kinds.clone(), 100);
        assert!(total(&loose) >= total(&forward));
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} phrases checked");
}

#[test]
fn case_and_accents_do_not_matter() {
    let plain = total(&search("commissioner", json!(null), 1));
    assert!(plain > 0);
    assert_eq!(total(&search("COMMISSIONER", json!(null), 1)), plain);
    assert_eq!(total(&search("Commissionér", json!(null), 1)), plain);
}

#[test]
fn boolean_operators_and_prefixes() {
    let all = statements();
    let (a, b) = ("police", "victims");
    let with = |w: &str| all.iter().filter(|(_, t)| t.iter().any(|x| x == w)).count() as u64;
    let kinds = json!({"kinds": ["statement"]});
    let a_only = total(&search(a, kinds.clone(), 1));
    let b_only = total(&search(b, kinds.clone(), 1));
    assert_eq!(a_only, with(a));
    assert_eq!(b_only, with(b));
    let both = all
        .iter()
        .filter(|(_, t)| t.iter().any(|x| x == a) && t.iter().any(|x| x == b))
        .count() as u64;
    assert_eq!(total(&search(&format!("{a} {b}"), kinds.clone(), 1)), both);
    assert_eq!(
        total(&search(&format!("{a} AND {b}"), kinds.clone(), 1)),
        both
    );
    assert_eq!(
        total(&search(&format!("{a} OR {b}"), kinds.clone(), 1)),
        a_only + b_only - both
    );
    assert_eq!(
        total(&search(&format!("{a} -{b}"), kinds.clone(), 1)),
        a_only - both
    );
    assert_eq!(
        total(&search(&format!("{a} NOT {b}"), kinds.clone(), 1)),
        a_only - both
    );

    // `recommend*` finds every word starting so.
    let prefix = "recommend";
    let starting = all
        .iter()
        .filter(|(_, t)| t.iter().any(|x| x.starts_with(prefix)))
        .count() as u64;
    assert!(starting > with(prefix), "the seed uses more than one form");
    assert_eq!(
        total(&search(&format!("{prefix}*"), kinds.clone(), 1)),
        starting
    );
    // Highlighted words of a prefix hit start with the prefix.
    let page = search(&format!("{prefix}*"), kinds, 20);
    for hit in hits(&page) {
        for part in hit["snippet"].as_array().unwrap() {
            if part["highlighted"] == true {
                assert!(part["text"]
                    .as_str()
                    .unwrap()
                    .to_lowercase()
                    .starts_with(prefix));
            }
        }
    }
}

#[test]
fn filters_narrow_the_hits() {
    let everything = search("police", json!(null), 100);
    let n = total(&everything);
    assert!(n > 20);

    // Kind.
    let recs = search("police", json!({"kinds": ["recommendation"]}), 100);
    assert!(total(&recs) > 0 && total(&recs) < n);
    assert!(hits(&recs)
        .iter()
        .all(|h| h["node"]["__typename"] == "Recommendation"));

    // Speaker: the speaker of the best statement hit.
    let speaker = hits(&everything)
        .iter()
        .find_map(|h| h["node"]["speaker"]["id"].as_str())
        .expect("a statement hit with a speaker")
        .to_owned();
    let by = search("police", json!({"speaker": speaker}), 100);
    assert!(total(&by) > 0 && total(&by) < n);
    assert!(hits(&by)
        .iter()
        .all(|h| h["node"]["speaker"]["id"] == speaker.as_str()));

    // Meeting.
    let meeting = hits(&everything)
        .iter()
        .find_map(|h| h["node"]["meeting"]["id"].as_str())
        .expect("a statement at a meeting")
        .to_owned();
    let at = search("police", json!({"meeting": meeting}), 100);
    assert!(total(&at) > 0 && total(&at) < n);
    assert!(hits(&at)
        .iter()
        .all(|h| h["node"]["meeting"]["id"] == meeting.as_str()));

    // Report: recommendations of that report only.
    let report = hits(&recs)[0]["node"]["report"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let of = search(
        "police",
        json!({"kinds": ["recommendation"], "report": report}),
        100,
    );
    assert!(total(&of) > 0 && total(&of) <= total(&recs));
    assert!(hits(&of)
        .iter()
        .all(|h| h["node"]["report"]["id"] == report.as_str()));

    // Organisation: recommendations addressed to the first hit's addressee.
    let org = hits(&recs)
        .iter()
        .find_map(|h| h["node"]["addressedTo"][0]["party"]["id"].as_str())
        .expect("an addressee")
        .to_owned();
    let to = search(
        "police",
        json!({"kinds": ["recommendation"], "organisation": org}),
        100,
    );
    assert!(total(&to) > 0);
    assert!(hits(&to).iter().all(|h| h["node"]["addressedTo"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["party"]["id"] == org.as_str())));

    // Date range: one statement's date, both ends inclusive.
    let date = hits(&everything)
        .iter()
        .find_map(|h| h["node"]["date"].as_str())
        .expect("a dated hit")
        .to_owned();
    let on = search("police", json!({"from": date, "to": date}), 100);
    assert!(total(&on) > 0 && total(&on) < n);
    assert!(hits(&on).iter().all(|h| h["node"]["date"] == date.as_str()));
    let after = search("police", json!({"from": date}), 100);
    assert!(total(&after) >= total(&on));
}

#[test]
fn pages_follow_the_ranking() {
    let first = search("police", json!(null), 5);
    let cursor = first["pageInfo"]["endCursor"].as_str().unwrap().to_owned();
    let response = run("police", json!(null), 5, Some(&cursor));
    let second = &response["data"]["search"];
    assert_eq!(total(&first), total(second));
    let a: BTreeSet<String> = ids(&first).into_iter().collect();
    assert!(ids(second).iter().all(|id| !a.contains(id)));
    let scores: Vec<f64> = hits(&first)
        .iter()
        .chain(hits(second).iter())
        .map(|h| h["score"].as_f64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[test]
fn bad_searches_get_clear_errors() {
    let (code, message) = error_of("   ", json!(null));
    assert_eq!(code, "BAD_USER_INPUT");
    assert!(message.contains("empty"), "{message}");

    let (code, message) = error_of("the of and", json!(null));
    assert_eq!(code, "BAD_USER_INPUT");
    assert!(message.contains("stop words"), "{message}");

    for bad in ["\"unclosed phrase", "(police AND", "police AND"] {
        let (code, message) = error_of(bad, json!(null));
        assert_eq!(code, "BAD_USER_INPUT", "{bad}: {message}");
        assert!(message.contains("could not read"), "{message}");
    }

    let (code, message) = error_of("-police", json!(null));
    assert_eq!(code, "BAD_USER_INPUT");
    assert!(message.contains("only exclude"), "{message}");

    let (code, message) = error_of("speaker:hall", json!(null));
    assert_eq!(code, "BAD_USER_INPUT");
    assert!(message.contains("filters"), "{message}");

    let (code, _) = error_of("police", json!({"kinds": ["person"]}));
    assert_eq!(code, "BAD_USER_INPUT");
    let (code, _) = error_of("police", json!({"speaker": "nobody at all"}));
    assert_eq!(code, "NOT_FOUND");

    // A one-letter prefix stands for hundreds of words.
    let distinct: BTreeSet<String> = statements()
        .into_iter()
        .flat_map(|(_, t)| t)
        .filter(|w| w.starts_with('s'))
        .collect();
    assert!(distinct.len() > MAX_PREFIX_TERMS);
    let (code, message) = error_of("s*", json!(null));
    assert_eq!(code, "LIMIT_EXCEEDED");
    assert!(message.contains("more letters"), "{message}");

    let response = run("police", json!(null), 100_000, None);
    assert_eq!(
        response["errors"][0]["extensions"]["code"],
        "LIMIT_EXCEEDED"
    );
}

#[test]
fn the_index_on_disk_is_reused_and_rebuilt_when_the_store_moves_on() {
    let graph = seed_graph().snapshot();
    let dir = tempfile::tempdir().unwrap();
    let search_dir = dir.path().join("search");
    let filters = Filters::default();
    let built = SearchIndex::open_or_build(&graph, &search_dir).unwrap();
    let before = built.search(&graph, "police", &filters, 0, 10).unwrap();
    let stamp = std::fs::read_dir(&search_dir).unwrap().count();
    // Reopened: the same answers, nothing rewritten.
    let modified = |p: &std::path::Path| std::fs::metadata(p).unwrap().modified().unwrap();
    let stamp_file = search_dir.join("scrutiny-search-stamp");
    let stamped = modified(&stamp_file);
    let reopened = SearchIndex::open_or_build(&graph, &search_dir).unwrap();
    let again = reopened.search(&graph, "police", &filters, 0, 10).unwrap();
    assert_eq!(before.total, again.total);
    assert_eq!(
        before.hits.iter().map(|h| h.idx).collect::<Vec<_>>(),
        again.hits.iter().map(|h| h.idx).collect::<Vec<_>>()
    );
    assert_eq!(modified(&stamp_file), stamped);
    assert_eq!(std::fs::read_dir(&search_dir).unwrap().count(), stamp);
    // A stamp from another generation: rebuilt, and stamped anew.
    std::fs::write(&stamp_file, "layout 0 generation 0").unwrap();
    let rebuilt = SearchIndex::open_or_build(&graph, &search_dir).unwrap();
    assert_eq!(
        rebuilt
            .search(&graph, "police", &filters, 0, 10)
            .unwrap()
            .total,
        before.total
    );
    assert_ne!(
        std::fs::read_to_string(&stamp_file).unwrap(),
        "layout 0 generation 0"
    );
}

/// Every paragraph is searchable: for each document, a phrase from the
/// middle of its longest line — body text, whatever fact it is or is not
/// part of — finds that paragraph, with the document, its lines and a quote
/// holding the line.
#[test]
fn every_paragraph_of_every_document_is_searchable() {
    let graph = seed_graph().snapshot();
    let mut checked = 0;
    for record in graph.documents() {
        let Some((n, line, phrase)) = common::phrase_of_longest_line(&record.text) else {
            continue;
        };
        let page = search(
            &format!("\"{phrase}\""),
            json!({ "kinds": ["paragraph"], "document": record.meta.id }),
            50,
        );
        let n = u64::from(n);
        let found = hits(&page).into_iter().any(|h| {
            h["source"].as_array().unwrap().iter().any(|s| {
                s["documentId"] == record.meta.id.as_str()
                    && s["firstLine"].as_u64().unwrap() <= n
                    && n <= s["lastLine"].as_u64().unwrap()
                    && s["quote"].as_str().unwrap().contains(line.trim())
            })
        });
        assert!(found, "{}: {phrase:?} (line {n})", record.meta.id);
        // A paragraph hit's node is its document.
        assert!(hits(&page)
            .iter()
            .all(|h| h["node"]["__typename"] == "Document"));
        checked += 1;
    }
    assert!(checked >= 3, "{checked}");
    // Paragraphs are asked for: the same words without kinds find nodes only.
    let word = "recommendations";
    let nodes = search(word, json!({}), 50);
    assert!(!hits(&nodes).is_empty());
    assert!(hits(&nodes).iter().all(|h| h["kind"] != "paragraph"));
    let paragraphs = search(word, json!({ "kinds": ["paragraph"] }), 50);
    assert!(!hits(&paragraphs).is_empty());
    assert!(hits(&paragraphs).iter().all(|h| h["kind"] == "paragraph"));
}

#[test]
fn an_index_is_never_reused_for_another_store_of_the_same_generation() {
    // Two stores, each of one document ingested once: the same generation,
    // different words. The index built for the first must not answer for
    // the second.
    let dir = tempfile::tempdir().unwrap();
    let search_dir = dir.path().join("search");
    let filters = Filters::default();
    let open = |name: &str, file: std::path::PathBuf| {
        let store = scrutiny::store::Store::open(&dir.path().join(name)).unwrap();
        for report in scrutiny::ingest::ingest_paths(&store, &[file]).unwrap() {
            assert!(report.result.is_ok(), "{report}");
        }
        scrutiny::index::Graph::load(&store).unwrap()
    };
    let first = open("a", common::fixture("formula"));
    let second = open("b", common::fixture("people-in-prose"));
    assert_eq!(first.generation, second.generation);
    assert_ne!(first.store_identity, second.store_identity);
    // A word only the second store's document has, found from its raw text.
    let text = std::fs::read_to_string(
        common::fixture("people-in-prose").join("eastmoor-panel-report.md"),
    )
    .unwrap();
    assert!(text.contains("custody"));
    let index = SearchIndex::open_or_build(&first, &search_dir).unwrap();
    assert_eq!(
        index
            .search(&first, "custody", &filters, 0, 10)
            .unwrap()
            .total,
        0
    );
    drop(index);
    let index = SearchIndex::open_or_build(&second, &search_dir).unwrap();
    assert!(
        index
            .search(&second, "custody", &filters, 0, 10)
            .unwrap()
            .total
            > 0
    );
}

/// A query fuzzing found to panic inside tantivy (a debug assertion of its
/// phrase scorer): the search answers an error instead, and the index goes
/// on answering.
#[test]
fn a_query_that_panics_the_search_engine_is_an_error() {
    use scrutiny::search::{Filters, SearchError, SearchIndex};
    let store = common::ingest_fresh(&[common::fixture("pack")]);
    let graph = scrutiny::index::Graph::load(&store).unwrap();
    let index = SearchIndex::in_memory(&graph).unwrap();
    let bytes = std::fs::read(common::fixture("fuzz/search-crash-phrase-scorer.bin")).unwrap();
    let query = String::from_utf8(bytes).unwrap();
    match index.search(&graph, &query, &Filters::default(), 0, 10) {
        Ok(_) | Err(SearchError::Engine(_)) => {}
        Err(other) => panic!("unexpected refusal: {other}"),
    }
    let after = index
        .search(&graph, "harbour", &Filters::default(), 0, 10)
        .expect("the index still answers");
    assert!(after.total > 0);
}

/// What a search finds: every hit's node and, for a paragraph, its lines.
fn found(
    index: &SearchIndex,
    graph: &scrutiny::index::Graph,
    query: &str,
    filters: &Filters,
) -> BTreeSet<(String, Option<u32>)> {
    let hits = index.search(graph, query, filters, 0, 100_000).unwrap();
    assert_eq!(
        hits.hits.len(),
        hits.total,
        "every hit of {query:?} returned"
    );
    hits.hits
        .iter()
        .map(|h| {
            (
                graph.node(h.idx).key.clone(),
                h.paragraph.as_ref().map(|p| p.first_line),
            )
        })
        .collect()
}

/// An index brought up to date after more documents arrive finds exactly
/// what an index built from scratch on the same snapshot finds, and it
/// re-indexes only what changed.
#[test]
fn an_updated_index_finds_what_a_fresh_one_finds() {
    use scrutiny::index::Graph;
    use scrutiny::ingest::{collect_files, ingest_paths};
    use scrutiny::store::Store;

    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let search_dir = scrutiny::search::dir_for(&data);
    let store = Store::open(&data).unwrap();
    let files = collect_files(&[common::seed_dir()]).unwrap();
    let (first, rest) = files.split_at(files.len() - 2);
    for report in ingest_paths(&store, first).unwrap() {
        assert!(report.result.is_ok(), "{report}");
    }
    let before = Graph::load(&store).unwrap();
    SearchIndex::open_or_build(&before, &search_dir).unwrap();
    let units = |dir: &std::path::Path| -> std::collections::BTreeMap<String, String> {
        serde_json::from_slice(&std::fs::read(dir.join("scrutiny-search-units.json")).unwrap())
            .unwrap()
    };
    let listed_before = units(&search_dir);
    // A rebuild makes the folder anew beside and swaps it in; an update
    // works in the folder itself.
    let inode = |dir: &std::path::Path| {
        std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(dir).unwrap())
    };
    let folder = inode(&search_dir);

    for report in ingest_paths(&store, rest).unwrap() {
        assert!(report.result.is_ok(), "{report}");
    }
    let after = Graph::load(&store).unwrap();
    let updated = SearchIndex::open_or_build(&after, &search_dir).unwrap();
    assert_eq!(inode(&search_dir), folder, "updated in place, not rebuilt");
    let fresh = SearchIndex::in_memory(&after).unwrap();
    let listed_after = units(&search_dir);
    let kept = listed_after
        .iter()
        .filter(|(id, hash)| listed_before.get(*id) == Some(*hash))
        .count();
    assert!(
        kept > 0 && kept < listed_after.len(),
        "{kept} of {} units kept",
        listed_after.len()
    );

    // Words of the graph's own texts, every tenth, and each kind alone.
    let mut words: BTreeSet<String> = BTreeSet::new();
    for &idx in after.of_kind(NodeKind::Statement) {
        if let Some(text) = after.node(idx).prop("text") {
            words.extend(
                text.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.len() > 5)
                    .map(str::to_lowercase),
            );
        }
    }
    let words: Vec<String> = words.into_iter().step_by(10).take(60).collect();
    assert!(words.len() >= 30);
    let paragraphs = Filters {
        paragraphs: true,
        ..Filters::default()
    };
    for word in &words {
        for filters in [&Filters::default(), &paragraphs] {
            assert_eq!(
                found(&updated, &after, word, filters),
                found(&fresh, &after, word, filters),
                "{word}"
            );
        }
    }
}
