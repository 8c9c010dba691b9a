//! Meetings, guests and organisations the documents state without recording
//! them (issue 10, item 3): a report's "Committee activity" lists, visits and
//! informal meetings told in sentences, meetings of other bodies, earlier
//! meetings that minutes name. Expected values come from the raw text.

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use common::{query, query_over, seed_text};
use regex::Regex;
use serde_json::Value;

const PACK: &str = "004_df7a8ebb517b5672.txt";

/// The meetings on one day, with kind, body and guests' names.
fn meetings_on(data: &Value) -> Vec<(Option<String>, String, BTreeSet<String>)> {
    data["meetings"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let m = &e["node"];
            let guests = m["attendance"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["person"]["name"].as_str().unwrap().to_owned())
                .collect();
            (
                m["kind"].as_str().map(str::to_owned),
                m["body"]["name"].as_str().unwrap_or("").to_owned(),
                guests,
            )
        })
        .collect()
}

fn on(date: &str) -> Vec<(Option<String>, String, BTreeSet<String>)> {
    meetings_on(&query(&format!(
        r#"{{ meetings(filter: {{from: "{date}", to: "{date}"}}) {{ edges {{ node {{ kind body {{ name }} attendance(status: "guest") {{ person {{ name }} }} }} }} }} }}"#
    )))
}

fn iso(written: &str) -> String {
    chrono::NaiveDate::parse_from_str(written, "%d %B %Y")
        .unwrap()
        .to_string()
}

#[test]
fn a_reports_committee_activity_lists_meetings_with_their_guests() {
    let text = seed_text(PACK);
    let lines: Vec<&str> = text.lines().collect();
    let heading =
        Regex::new(r"^#+ .*\((formal|informal) meeting\) – (?:\w+day )?(\d{1,2} \w+ \d{4})")
            .unwrap();
    let counted = Regex::new(r"^(Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten) ").unwrap();
    let mut checked = 0;
    for (i, line) in lines.iter().enumerate() {
        let plain = line.replace("**", "");
        let Some(found) = heading.captures(&plain) else {
            continue;
        };
        let (kind, date) = (found[1].to_owned(), iso(&found[2]));
        // The list under the heading: "- Name, Role, Organisation".
        let listed: Vec<String> = lines[i + 1..]
            .iter()
            .skip_while(|l| l.trim().is_empty())
            .take_while(|l| l.starts_with("- "))
            .map(|l| {
                l[2..]
                    .split(", ")
                    .next()
                    .unwrap()
                    .trim_end_matches('.')
                    .to_owned()
            })
            .filter(|name| !counted.is_match(name))
            .collect();
        assert!(!listed.is_empty(), "line {}", i + 1);
        let meetings = on(&date);
        let meeting = meetings
            .iter()
            .find(|(k, _, _)| match kind.as_str() {
                "formal" => k.as_deref().is_none_or(|k| k == "formal"),
                _ => k.as_deref() == Some(kind.as_str()),
            })
            .unwrap_or_else(|| panic!("no {kind} meeting on {date}: {meetings:?}"));
        assert_eq!(meeting.1, "Police and Crime Committee");
        for name in &listed {
            assert!(
                meeting.2.iter().any(|g| name.contains(g.as_str())),
                "{name} is not a guest at the {kind} meeting of {date}: {:?}",
                meeting.2
            );
        }
        checked += listed.len();
    }
    assert!(checked >= 20, "{checked}");
}

#[test]
fn respondents_to_a_call_for_evidence_are_organisations_the_report_mentions() {
    let text = seed_text(PACK);
    let lines: Vec<&str> = text.lines().collect();
    let (at, items) = common::call_for_evidence_list(&lines);
    let listed = items.len();
    // The report counts them itself: "received 18 written responses".
    let said: usize = Regex::new(r"received (\d+) written responses")
        .unwrap()
        .captures(&text)
        .unwrap()[1]
        .parse()
        .unwrap();
    assert_eq!(listed, said);
    let data = query(
        r#"{ report(title: "Missing children in London") { mentions { node { __typename } provenance { firstLine } } } }"#,
    );
    let in_list = data["report"]["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["node"]["__typename"] == "Organisation")
        .filter(|m| {
            m["provenance"].as_array().unwrap().iter().any(|p| {
                let line = p["firstLine"].as_u64().unwrap() as usize;
                line > at && line <= at + 1 + listed + 1
            })
        })
        .count();
    assert_eq!(in_list, said);
}

#[test]
fn visits_informal_meetings_and_other_bodies_meetings_told_in_sentences() {
    let text = seed_text(PACK);
    let visit = Regex::new(r"On (\d{1,2} \w+ \d{4}), the Committee visited").unwrap();
    let date = iso(&visit.captures(&text).unwrap()[1]);
    assert!(on(&date)
        .iter()
        .any(|(k, b, _)| k.as_deref() == Some("visit") && b == "Police and Crime Committee"));
    let informal = Regex::new(r"informal meeting on (\d{1,2} \w+ \d{4})").unwrap();
    for found in informal.captures_iter(&text) {
        let date = iso(&found[1]);
        assert!(
            on(&date)
                .iter()
                .any(|(k, _, _)| k.as_deref() == Some("informal")),
            "{date}"
        );
    }
    // "the London Assembly at its Annual Meeting on …": the Assembly's meeting.
    // Either order: "At its Annual Meeting on 1 May 2013, the Assembly agreed".
    let annual = Regex::new(
        r"London Assembly at its Annual Meeting on (\d{1,2} \w+ \d{4})|At its Annual Meeting on (\d{1,2} \w+ \d{4}), the Assembly",
    )
    .unwrap();
    let mut annuals = 0;
    for found in annual.captures_iter(&text) {
        let date = iso(found.get(1).or(found.get(2)).unwrap().as_str());
        assert!(
            on(&date).iter().any(|(_, b, _)| b == "London Assembly"),
            "{date}: {:?}",
            on(&date)
        );
        annuals += 1;
    }
    assert!(annuals >= 2);
    // A transcript of another committee cited by a report: that committee's meeting.
    let other =
        Regex::new(r"\[([A-Z]\w+ Committee) – transcript\]\(#\), (\d{1,2} \w+ \d{4})").unwrap();
    let mut others = 0;
    for found in other.captures_iter(&text) {
        if found[1].starts_with("Police and Crime") {
            continue;
        }
        let meetings = on(&iso(&found[2]));
        assert!(
            meetings
                .iter()
                .all(|(_, b, _)| b != "Police and Crime Committee"),
            "{meetings:?}"
        );
        assert!(
            meetings.iter().any(|(_, b, _)| b.as_str() == &found[1]),
            "{meetings:?}"
        );
        others += 1;
    }
    assert!(others >= 1);
}

#[test]
fn minutes_name_the_earlier_meeting_whose_minutes_they_approve() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real/kentcc-minutes-2024-12-10.pdf");
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let earlier = Regex::new(r"(?i)minutes of the meeting held on (\d{1,2} \w+ \d{4})").unwrap();
    let date = iso(&earlier.captures(&text).unwrap()[1]);
    let data = query_over(
        &[path],
        r#"{ meetings { edges { node { date statedIn body { name } } } } }"#,
    );
    let meetings = data["meetings"]["edges"].as_array().unwrap();
    let recorded = meetings
        .iter()
        .find(|m| m["node"]["statedIn"].is_null())
        .unwrap();
    let stated = meetings
        .iter()
        .find(|m| m["node"]["date"] == date.as_str())
        .unwrap_or_else(|| panic!("no meeting on {date}"));
    assert_eq!(stated["node"]["statedIn"], "minutes");
    assert_eq!(stated["node"]["body"], recorded["node"]["body"]);
}

#[test]
fn a_member_who_attended_as_a_substitute_is_present() {
    let text = seed_text(PACK);
    let said = Regex::new(r"for whom ([A-Z][\w ]+?) AM attended as a substitute").unwrap();
    let names: Vec<String> = said.captures_iter(&text).map(|c| c[1].to_owned()).collect();
    assert!(!names.is_empty());
    let data = query(
        r#"{ meetings(first: 100) { edges { node { date substitutes: attendance(status: "substitute") { person { name } } present: attendance(status: "present") { person { name } } } } } }"#,
    );
    for name in &names {
        let meeting = data["meetings"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| &e["node"])
            .find(|m| {
                m["substitutes"].as_array().unwrap().iter().any(|a| {
                    a["person"]["name"]
                        .as_str()
                        .unwrap()
                        .contains(name.as_str())
                })
            })
            .unwrap_or_else(|| panic!("{name} is no substitute"));
        assert!(
            meeting["present"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["person"]["name"]
                    .as_str()
                    .unwrap()
                    .contains(name.as_str())),
            "{name} is not present at {}",
            meeting["date"]
        );
    }
}

#[test]
fn a_date_whose_weekday_disagrees_keeps_both_readings_with_their_sources() {
    use chrono::Datelike;
    // Independently: dates written after a weekday they do not fall on.
    let text = seed_text(PACK);
    let written =
        Regex::new(r"(Monday|Tuesday|Wednesday|Thursday|Friday) (\d{1,2} \w+ \d{4})").unwrap();
    let mut disputed = Vec::new();
    for (n, line) in text.lines().enumerate() {
        for found in written.captures_iter(line) {
            let date = chrono::NaiveDate::parse_from_str(&found[2], "%d %B %Y").unwrap();
            let day: chrono::Weekday = found[1].parse().unwrap();
            if date.weekday() != day {
                disputed.push((n as u64 + 1, date, day));
            }
        }
    }
    assert!(!disputed.is_empty());
    for (line, date, day) in disputed {
        let data = query(&format!(
            r#"{{ meetings(filter: {{from: "{date}", to: "{date}"}}) {{ edges {{ node {{ dateDisputed dateReadings {{ date basis asWritten ofRecord provenance {{ firstLine quote }} }} }} }} }} }}"#
        ));
        let meeting = &data["meetings"]["edges"][0]["node"];
        assert_eq!(meeting["dateDisputed"], true, "{date}");
        let readings = meeting["dateReadings"].as_array().unwrap();
        let by_weekday = readings.iter().find(|r| r["basis"] == "weekday").unwrap();
        let other =
            chrono::NaiveDate::parse_from_str(by_weekday["date"].as_str().unwrap(), "%Y-%m-%d")
                .unwrap();
        assert_eq!(other.weekday(), day);
        assert!((other - date).num_days().abs() <= 3);
        assert!(by_weekday["provenance"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["firstLine"] == line));
        let as_numbered = readings.iter().find(|r| r["basis"] == "date").unwrap();
        assert_eq!(as_numbered["date"], date.to_string());
        assert!(as_numbered["provenance"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["firstLine"] == line));
    }
    // A meeting whose record is held: the record's reading is its date.
    let data = query(
        r#"{ meetings(first: 100) { edges { node { date dateOfRecord dateReadings { date ofRecord } } } } }"#,
    );
    let mut recorded = 0;
    for edge in data["meetings"]["edges"].as_array().unwrap() {
        let m = &edge["node"];
        if let Some(of_record) = m["dateOfRecord"].as_str() {
            assert_eq!(of_record, m["date"].as_str().unwrap());
            assert!(m["dateReadings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["ofRecord"] == true && r["date"] == of_record));
            recorded += 1;
        }
    }
    assert!(recorded >= 3, "{recorded}");
}
