//! Paths and neighbourhoods for explorers.

mod common;

use common::{query, query_response};

#[test]
fn path_from_a_guest_to_a_report_they_spoke_about() {
    // The report names him: one hop, with the sentence that does.
    let data = query(
        r#"{ path(from: "person/oliver-levinson", to: "report/counter-terrorism-and-radicalisation") { length edges { kind provenance { quote } } } }"#,
    );
    assert_eq!(data["path"]["length"], 1);
    assert_eq!(data["path"]["edges"][0]["kind"], "mentions");
    assert!(data["path"]["edges"][0]["provenance"][0]["quote"]
        .as_str()
        .unwrap()
        .contains("Oliver Levinson"));
    // Along what he said only: person → his reported statement → the report.
    let data = query(
        r#"{ path(from: "person/oliver-levinson", to: "report/counter-terrorism-and-radicalisation", edgeKinds: ["spoke", "in-document"]) {
            length nodes { id kind } edges { kind provenance { documentId firstLine quote } } } }"#,
    );
    let path = &data["path"];
    assert_eq!(path["length"], 2);
    assert_eq!(path["nodes"][0]["id"], "person/oliver-levinson");
    assert_eq!(path["nodes"][1]["kind"], "statement");
    assert_eq!(
        path["nodes"][2]["id"],
        "report/counter-terrorism-and-radicalisation"
    );
    for edge in path["edges"].as_array().unwrap() {
        assert!(
            !edge["provenance"][0]["quote"].as_str().unwrap().is_empty(),
            "every step says why"
        );
    }
}

#[test]
fn path_between_two_people_at_the_same_meeting_and_max_hops() {
    let q = |hops: i32| {
        format!(
            r#"{{ path(from: "person/sem-moema", to: "person/keith-prince", maxHops: {hops}, edgeKinds: ["attendee", "attended"]) {{ length nodes {{ kind }} }} }}"#
        )
    };
    let data = query(&q(4));
    assert_eq!(
        data["path"]["length"], 4,
        "person ← attendance → meeting ← attendance → person"
    );
    let kinds: Vec<&str> = data["path"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        vec!["person", "attendance", "meeting", "attendance", "person"]
    );
    // Three hops are not enough: no path is an empty answer, not an error.
    let data = query(&q(3));
    assert!(data["path"].is_null());
    let data = query(
        r#"{ paths(from: "person/sem-moema", to: "person/keith-prince", k: 3, maxHops: 4) { length } }"#,
    );
    let lengths: Vec<i64> = data["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["length"].as_i64().unwrap())
        .collect();
    assert_eq!(lengths.len(), 3);
    assert!(
        lengths.windows(2).all(|w| w[0] <= w[1]),
        "shortest first: {lengths:?}"
    );
}

#[test]
fn neighbourhood_filters_and_truncates() {
    let data = query(
        r#"{ neighbourhood(id: "person/kenny-bowie", depth: 1, edgeKinds: ["attendee"]) { nodes { id kind } edges { kind source target } truncated } }"#,
    );
    let hood = &data["neighbourhood"];
    assert_eq!(hood["truncated"], false);
    let kinds: Vec<&str> = hood["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .skip(1)
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert!(
        !kinds.is_empty() && kinds.iter().all(|k| *k == "attendance"),
        "{kinds:?}"
    );
    assert!(hood["edges"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["kind"] == "attendee"));

    let data = query(
        r#"{ neighbourhood(id: "organisation/metropolitan-police-service", depth: 2, limit: 10) { nodes { id } edges { source target } truncated } }"#,
    );
    let hood = &data["neighbourhood"];
    assert_eq!(hood["truncated"], true);
    let nodes: Vec<&str> = hood["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(nodes.len(), 10);
    assert_eq!(
        nodes[0], "organisation/metropolitan-police-service",
        "the centre first"
    );
    for edge in hood["edges"].as_array().unwrap() {
        assert!(
            nodes.contains(&edge["source"].as_str().unwrap())
                && nodes.contains(&edge["target"].as_str().unwrap()),
            "edges stay inside"
        );
    }
}

#[test]
fn bad_walks_get_clear_errors() {
    let response =
        query_response(r#"{ path(from: "person/nobody", to: "person/susan-hall") { length } }"#);
    assert_eq!(response["errors"][0]["extensions"]["code"], "NOT_FOUND");
    let response = query_response(
        r#"{ path(from: "person/susan-hall", to: "person/sem-moema", maxHops: 50) { length } }"#,
    );
    assert_eq!(
        response["errors"][0]["extensions"]["code"],
        "LIMIT_EXCEEDED"
    );
    let response = query_response(
        r#"{ neighbourhood(id: "person/susan-hall", edgeKinds: ["friend-of"]) { truncated } }"#,
    );
    assert_eq!(
        response["errors"][0]["extensions"]["code"],
        "BAD_USER_INPUT"
    );
}
