//! The acceptance questions of `questions.md` covered so far (A01, A02, A06,
//! A07, A08), answered through GraphQL over the ingested seed.

mod common;

use std::collections::BTreeMap;

use common::query;
use serde_json::Value;

/// Every statement node of a connection field, following `after` cursors.
fn all_statements(path: &str, make_query: impl Fn(&str) -> String) -> Vec<Value> {
    let mut out = Vec::new();
    let mut after = String::from("null");
    loop {
        let data = query(&make_query(&after));
        let page = path.split('.').fold(&data, |v, k| &v[k]);
        out.extend(
            page["edges"]
                .as_array()
                .expect("edges")
                .iter()
                .map(|e| e["node"].clone()),
        );
        if !page["pageInfo"]["hasNextPage"].as_bool().unwrap() {
            assert_eq!(out.len() as u64, page["totalCount"].as_u64().unwrap());
            return out;
        }
        after = format!(
            "{:?}",
            page["edges"].as_array().unwrap().last().unwrap()["cursor"]
                .as_str()
                .unwrap()
        );
    }
}

fn meeting_id(date: &str) -> String {
    let data = query(&format!(
        r#"{{ meetings(filter: {{from: "{date}", to: "{date}"}}) {{ edges {{ node {{ id }} }} }} }}"#
    ));
    let edges = data["meetings"]["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 1, "one meeting on {date}");
    edges[0]["node"]["id"].as_str().unwrap().to_owned()
}

#[test]
fn a01_mopac_guests_and_their_turns_on_8_march_2023() {
    let meeting = meeting_id("2023-03-08");
    let statements = all_statements("meeting.statements", |after| {
        format!(
            r#"{{ meeting: node(id: "{meeting}") {{ ... on Meeting {{ statements(filter: {{organisation: "MOPAC"}}, first: 50, after: {after}) {{
                totalCount pageInfo {{ hasNextPage }} edges {{ cursor node {{ roleAsLabelled speaker {{ name }} }} }} }} }} }} }}"#
        )
    });
    let mut turns: BTreeMap<(String, String), usize> = BTreeMap::new();
    for s in &statements {
        let key = (
            s["speaker"]["name"].as_str().unwrap().to_owned(),
            s["roleAsLabelled"].as_str().unwrap().to_owned(),
        );
        *turns.entry(key).or_default() += 1;
    }
    let expected: BTreeMap<(String, String), usize> = [
        (
            (
                "Kenny Bowie",
                "Director of Strategy and MPS Oversight, Mayor's Office for Policing and Crime",
            ),
            18,
        ),
        (
            (
                "Oliver Levinson",
                "Head of Countering Violent Extremism, Mayor's Office for Policing and Crime",
            ),
            11,
        ),
    ]
    .into_iter()
    .map(|((n, r), c)| ((n.to_owned(), r.to_owned()), c))
    .collect();
    assert_eq!(turns, expected);

    // Both were invited guests of that meeting, for the item they spoke on.
    let data = query(&format!(
        r#"{{ node(id: "{meeting}") {{ ... on Meeting {{ attendance(status: "guest") {{ person {{ name }} organisationName agendaItem {{ number title }} }} }} }} }}"#
    ));
    let guests = data["node"]["attendance"].as_array().unwrap();
    for name in ["Kenny Bowie", "Oliver Levinson"] {
        let guest = guests
            .iter()
            .find(|g| g["person"]["name"] == name)
            .expect("listed as a guest");
        assert_eq!(
            guest["organisationName"],
            "Mayor's Office for Policing and Crime"
        );
        assert_eq!(
            guest["agendaItem"]["title"],
            "Independent Review of Prevent"
        );
    }
}

#[test]
fn a02_most_turns_in_panel_two_of_22_march_2023() {
    let meeting = meeting_id("2023-03-22");
    let data = query(&format!(
        r#"{{ node(id: "{meeting}") {{ ... on Meeting {{ documents {{ id kind panel }} }} }} }}"#
    ));
    let transcripts: Vec<&Value> = data["node"]["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"] == "transcript")
        .collect();
    assert_eq!(transcripts.len(), 2, "two panels, two transcripts");
    let panel_two = transcripts
        .iter()
        .find(|d| d["panel"] == "Panel Two")
        .expect("Panel Two")["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let statements = all_statements("node.statements", |after| {
        format!(
            r#"{{ node(id: "{panel_two}") {{ ... on Document {{ statements(first: 100, after: {after}) {{
                totalCount pageInfo {{ hasNextPage }} edges {{ cursor node {{ speakerLabel roleAsLabelled speaker {{ name }} }} }} }} }} }} }}"#
        )
    });
    let mut by_label: BTreeMap<String, usize> = BTreeMap::new();
    for s in &statements {
        *by_label
            .entry(s["speakerLabel"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    let mut ranked: Vec<(String, usize)> = by_label.into_iter().collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.1));
    assert_eq!(
        ranked[0],
        (
            "Sir Mark Rowley QPM (Commissioner of Police of the Metropolis)".to_owned(),
            43
        )
    );
    assert_eq!(ranked[1], ("Susan Hall AM (Chairman)".to_owned(), 21));
    let top = statements
        .iter()
        .find(|s| s["speaker"]["name"] == "Sir Mark Rowley QPM")
        .unwrap();
    assert_eq!(
        top["roleAsLabelled"],
        "Commissioner of Police of the Metropolis"
    );
}

#[test]
fn a06_apologies_for_8_march_2023() {
    let meeting = meeting_id("2023-03-08");
    let data = query(&format!(
        r#"{{ node(id: "{meeting}") {{ ... on Meeting {{ attendance(status: "apologies") {{ person {{ name }} }} }} }} }}"#
    ));
    let names: Vec<&str> = data["node"]["attendance"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["person"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["Sem Moema AM"]);
}

#[test]
fn a07_substitute_on_22_march_2023() {
    let meeting = meeting_id("2023-03-22");
    let data = query(&format!(
        r#"{{ node(id: "{meeting}") {{ ... on Meeting {{ attendance(status: "substitute") {{ person {{ name }} substituteFor {{ name }} provenance {{ firstLine quote }} }} }} }} }}"#
    ));
    let subs = data["node"]["attendance"].as_array().unwrap();
    assert_eq!(subs.len(), 1);
    assert_eq!(subs[0]["person"]["name"], "Len Duvall AM");
    assert_eq!(subs[0]["substituteFor"]["name"], "Dr Onkar Sahota AM");
    let spans = subs[0]["provenance"].as_array().unwrap();
    assert!(spans.iter().any(|s| s["firstLine"] == 910
        && s["quote"]
            .as_str()
            .unwrap()
            .contains("for whom Len Duvall AM attended as a substitute")));
    // The absent member is recorded as having sent apologies.
    let data = query(&format!(
        r#"{{ node(id: "{meeting}") {{ ... on Meeting {{ attendance(status: "apologies") {{ person {{ name }} }} }} }} }}"#
    ));
    assert_eq!(
        data["node"]["attendance"][0]["person"]["name"],
        "Dr Onkar Sahota AM"
    );
}

#[test]
fn a08_chair_and_deputy_chairman_agreed_on_4_may_2023() {
    let data = query(
        r#"{ organisation(name: "Police and Crime Committee") {
            chair: memberships(since: "2023-05-04", role: "Chair") { person { name } basis provenance { firstLine } }
            deputy: memberships(since: "2023-05-04", role: "Deputy Chairman") { person { name } }
        } }"#,
    );
    let org = &data["organisation"];
    assert_eq!(org["chair"].as_array().unwrap().len(), 1);
    assert_eq!(org["chair"][0]["person"]["name"], "Caroline Russell AM");
    assert_eq!(org["chair"][0]["basis"], "agreed");
    assert_eq!(org["chair"][0]["provenance"][0]["firstLine"], 97);
    assert_eq!(org["deputy"].as_array().unwrap().len(), 1);
    assert_eq!(org["deputy"][0]["person"]["name"], "Susan Hall AM");

    // The role is held at a time: Susan Hall chaired the March 2023 meetings.
    let data = query(
        r#"{ person(name: "susan hall am (chairman)") { roles { role basis asOf since } } }"#,
    );
    let roles = data["person"]["roles"].as_array().unwrap();
    let chairman: Vec<&str> = roles
        .iter()
        .filter(|r| r["role"] == "Chairman")
        .map(|r| r["asOf"].as_str().unwrap())
        .collect();
    assert_eq!(chairman, vec!["2023-03-08", "2023-03-22"]);
    assert!(roles
        .iter()
        .any(|r| r["role"] == "Deputy Chairman" && r["since"] == "2023-05-04"));
}

#[test]
fn meeting_chair_comes_from_the_minutes() {
    let meeting = meeting_id("2023-03-08");
    let data = query(&format!(
        r#"{{ node(id: "{meeting}") {{ ... on Meeting {{ chair {{ name }} time place body {{ name }} }} }} }}"#
    ));
    assert_eq!(data["node"]["chair"]["name"], "Susan Hall AM");
    assert_eq!(data["node"]["time"], "10.00 am");
    assert_eq!(data["node"]["body"]["name"], "Police and Crime Committee");
}

#[test]
fn declared_interests_are_roles_held() {
    // Independent count: rows of the "Member / Interest" table with an interest.
    let text = common::seed_text("004_df7a8ebb517b5672.txt");
    let mut declared = 0;
    let mut inside = false;
    for line in text.lines() {
        if line.contains("<b>Member</b>\t<b>Interest</b>") {
            inside = true;
        } else if inside && line.contains('\t') {
            declared += usize::from(!line.split('\t').nth(1).unwrap().trim().is_empty());
        } else if inside {
            inside = false;
        }
    }
    let data = query(
        r#"{ people(first: 100) { edges { node { name roles { role basis asOf organisation { name } } } } } }"#,
    );
    let roles: Vec<(String, serde_json::Value)> = data["people"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| {
            let name = e["node"]["name"].as_str().unwrap().to_owned();
            e["node"]["roles"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|r| r["basis"] == "declared")
                .map(move |r| (name.clone(), r.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(roles.len(), declared);
    let (_, hall) = roles
        .iter()
        .find(|(name, _)| name == "Susan Hall AM")
        .unwrap();
    assert_eq!(hall["role"], "Member");
    assert_eq!(hall["organisation"]["name"], "London Borough of Harrow");
    assert_eq!(hall["asOf"], "2023-05-24");
}
