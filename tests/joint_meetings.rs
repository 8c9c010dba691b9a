//! Minutes that hold more than one meeting's record (issue 10, item 3): a
//! joint session of two committees is one meeting held by both, not a
//! meeting of an organisation named "X and Y"; the earlier meeting a set of
//! minutes approves is the body's whose minutes name it; another body's
//! meeting named in passing is that body's; a group of visitors under one
//! bracket naming their body all come from it, and officers and visitors
//! listed in paragraphs of their own under a present label are not
//! members (their attendance is `officer` or `guest`). Every expectation is read
//! from each document's own lines (as `sourceText` gives them), for every
//! document of the made-up and the real fixtures that has the shape.

mod common;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use common::{all_nodes, documents, fixture, lines_of, run, schema_over};
use regex::Regex;
use scrutiny::api::ScrutinySchema;
use serde_json::Value;

/// A meeting: the names of the bodies that held it, lower-cased, and its
/// attendance as (person, organisation as listed).
type MeetingSeen = (BTreeSet<String>, Vec<(String, Option<String>)>);

/// Every meeting on `date`.
fn meetings_on(schema: &ScrutinySchema, date: NaiveDate) -> Vec<MeetingSeen> {
    let data = run(
        schema,
        &format!(
            r#"{{ meetings(first: 100, filter: {{from: "{date}", to: "{date}"}}) {{ edges {{ node {{ bodies {{ name }} attendance {{ organisationName person {{ name }} }} }} }} }} }}"#
        ),
    );
    data["meetings"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let m = &e["node"];
            let bodies = m["bodies"]
                .as_array()
                .unwrap()
                .iter()
                .map(|b| b["name"].as_str().unwrap().to_lowercase())
                .collect();
            let attendance = m["attendance"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| {
                    (
                        a["person"]["name"].as_str().unwrap().to_owned(),
                        a["organisationName"].as_str().map(str::to_owned),
                    )
                })
                .collect();
            (bodies, attendance)
        })
        .collect()
}

/// Every organisation's name, lower-cased, over all pages.
fn organisations(schema: &ScrutinySchema) -> BTreeSet<String> {
    all_nodes(schema, "organisations", "name")
        .iter()
        .map(|n| n["name"].as_str().unwrap().to_lowercase())
        .collect()
}

fn date(written: &str) -> NaiveDate {
    NaiveDate::parse_from_str(written, "%d %B %Y").unwrap()
}

#[test]
fn minutes_of_several_meetings_give_each_its_bodies_dates_and_visitors() {
    let schema = schema_over(&[fixture("joint-session"), fixture("real")]);
    let orgs = organisations(&schema);
    // "AUDIT COMMITTEE AND GENERAL PURPOSES COMMITTEE (JOINT SESSION)".
    let joint = Regex::new(
        r"^[#* ]*([A-Z][A-Z ]+? COMMITTEE) AND ([A-Z][A-Z ]+? COMMITTEE) \(JOINT SESSION\)\s*$",
    )
    .unwrap();
    // "… the notes of the Joint session with … held on 24 September 2009".
    let joint_dated = Regex::new(r"(?i)joint session\b.*? held on (\d{1,2} \w+ \d{4})").unwrap();
    // "MINUTES OF THE MEETING HELD ON 23 JUNE 2009 (Agenda item 3)".
    let earlier =
        Regex::new(r"^[#* ]*MINUTES OF THE MEETING HELD ON (\d{1,2} [A-Z]+ \d{4})").unwrap();
    // A header line naming the body whose minutes follow: "AUDIT COMMITTEE".
    let header = Regex::new(r"^[#* ]*((?:[A-Z]+ )*COMMITTEE)\s*$").unwrap();
    let header_date = Regex::new(r"^[#* ]*(\d{1,2} [A-Z]+ \d{4})\s*$").unwrap();
    // "the comments of the Pension Fund Panel held on 21 September 2009".
    let panel = Regex::new(r"\bthe ((?:[A-Z]\w+ )+Panel) held on (\d{1,2} \w+ \d{4})").unwrap();
    // "Suresh Patel, Lindsay Mallors, … and Sandra Lofthouse (Audit Commission)".
    let group = Regex::new(r"^((?:[A-Z][a-z]+ [A-Z][\w-]+, )+(?:[A-Z][a-z]+ [A-Z][\w-]+,? )?and [A-Z][a-z]+ [A-Z][\w-]+) \(([A-Z][A-Za-z ]+)\)$").unwrap();
    let (mut joints, mut earliers, mut panels, mut visitors) = (0, 0, 0, 0);
    for document in documents(&schema) {
        let lines = lines_of(&schema, &document);
        // The meeting whose minutes a line is in: the last header and date above it.
        let mut current: Option<(String, NaiveDate)> = None;
        let mut pending_body: Option<String> = None;
        for (i, (number, text)) in lines.iter().enumerate() {
            if let Some(cap) = header.captures(text) {
                pending_body = Some(cap[1].to_lowercase());
            } else if let (Some(body), Some(cap)) = (&pending_body, header_date.captures(text)) {
                current = Some((body.clone(), date(&cap[1])));
                pending_body = None;
            } else if !text.trim().is_empty() {
                pending_body = None;
            }
            if let Some(cap) = joint.captures(text) {
                let (first, second) = (cap[1].to_lowercase(), cap[2].to_lowercase());
                let dated: BTreeSet<NaiveDate> = lines
                    .iter()
                    .filter_map(|(_, l)| joint_dated.captures(l).map(|c| date(&c[1])))
                    .collect();
                assert_eq!(dated.len(), 1, "{document}:{number}: {dated:?}");
                let on = *dated.iter().next().unwrap();
                let wanted: BTreeSet<String> = [first.clone(), second.clone()].into();
                let meetings = meetings_on(&schema, on);
                assert!(
                    meetings.iter().any(|(bodies, _)| *bodies == wanted),
                    "{document}:{number}: no meeting on {on} held by {wanted:?}: {meetings:?}"
                );
                let joined = format!("{first} and {second}");
                assert!(!orgs.contains(&joined), "{joined:?} is no organisation");
                joints += 1;
            }
            if let Some(cap) = earlier.captures(text) {
                let (body, _) = current
                    .clone()
                    .unwrap_or_else(|| panic!("{document}:{number}: no header above"));
                let on = date(&cap[1]);
                let meetings = meetings_on(&schema, on);
                assert!(
                    meetings.iter().any(|(bodies, _)| *bodies == BTreeSet::from([body.clone()])),
                    "{document}:{number}: the earlier meeting on {on} is not {body:?}'s: {meetings:?}"
                );
                earliers += 1;
            }
            if let Some(cap) = panel.captures(text) {
                let body = cap[1].to_lowercase();
                let meetings = meetings_on(&schema, date(&cap[2]));
                assert!(
                    meetings
                        .iter()
                        .any(|(bodies, _)| *bodies == BTreeSet::from([body.clone()])),
                    "{document}:{number}: no meeting of {body:?}: {meetings:?}"
                );
                panels += 1;
            }
            // A paragraph of names (over one or two lines) under one bracket.
            let paragraph = match lines.get(i + 1) {
                Some((_, next))
                    if !next.trim().is_empty() && i > 0 && lines[i - 1].1.trim().is_empty() =>
                {
                    format!("{text} {next}")
                }
                _ => text.clone(),
            };
            if let Some(cap) = group.captures(paragraph.trim()) {
                let body = cap[2].to_owned();
                let names: Vec<&str> = cap[1]
                    .split(", ")
                    .flat_map(|n| n.split(" and "))
                    .map(|n| n.trim().trim_end_matches(','))
                    .filter(|n| !n.is_empty())
                    .collect();
                let (_, on) = current
                    .clone()
                    .unwrap_or_else(|| panic!("{document}:{number}: no header above"));
                let attendance: Vec<(String, Option<String>)> = meetings_on(&schema, on)
                    .into_iter()
                    .flat_map(|(_, a)| a)
                    .collect();
                for name in &names {
                    assert!(
                        attendance.iter().any(|(person, org)| person.ends_with(name)
                            && org.as_deref() == Some(body.as_str())),
                        "{document}:{number}: {name} is not listed from {body}: {attendance:?}"
                    );
                }
                assert!(
                    orgs.contains(&body.to_lowercase()),
                    "{body} is no organisation"
                );
                visitors += names.len();
            }
        }
    }
    // The made-up minutes and the real Merton pack each have every shape.
    assert!(
        joints >= 2 && earliers >= 2 && panels >= 2 && visitors >= 8,
        "{joints} {earliers} {panels} {visitors}"
    );
    // "with Officers and Audit Commission representatives": people, then a body.
    assert!(
        !orgs.iter().any(|o| o.starts_with("officers and ")),
        "{orgs:?}"
    );
}

/// A meeting's agenda items as (number, title).
fn agenda_of(schema: &ScrutinySchema, on: NaiveDate, body: &str) -> Vec<(String, String)> {
    let data = run(
        schema,
        &format!(
            r#"{{ meetings(first: 100, filter: {{from: "{on}", to: "{on}", body: "{body}"}}) {{ edges {{ node {{ agendaItems {{ number title }} }} }} }} }}"#
        ),
    );
    data["meetings"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["node"]["agendaItems"].as_array().unwrap().clone())
        .map(|i| {
            (
                i["number"].as_str().unwrap().to_owned(),
                i["title"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn an_agenda_front_page_gives_its_meeting_and_items_without_page_numbers() {
    let schema = schema_over(&[fixture("joint-session"), fixture("real")]);
    // "### Audit Committee" over "### 22 October 2009" over "1. Title 1", …
    let heading = Regex::new(r"^#+ (.+)$").unwrap();
    let dated = Regex::new(r"^#+ (\d{1,2} [A-Z][a-z]+ \d{4})$").unwrap();
    let item = Regex::new(r"^(\d+)\. (.+?)(?: (\d+))?$").unwrap();
    let mut fronts = 0;
    for document in documents(&schema) {
        let lines: Vec<String> = lines_of(&schema, &document)
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        for (i, pair) in lines.windows(2).enumerate() {
            let (Some(body), Some(on)) = (heading.captures(&pair[0]), dated.captures(&pair[1]))
            else {
                continue;
            };
            let listed: Vec<(String, String, Option<u32>)> = lines[i + 2..]
                .iter()
                .filter(|l| !l.trim().is_empty())
                .map_while(|l| item.captures(l))
                .map(|c| {
                    (
                        c[1].to_owned(),
                        c[2].to_owned(),
                        c.get(3).map(|p| p.as_str().parse().unwrap()),
                    )
                })
                .collect();
            if listed.len() < 2 {
                continue;
            }
            // Page numbers: the trailing numbers, never going down.
            let pages: Vec<u32> = listed.iter().filter_map(|(_, _, p)| *p).collect();
            assert!(
                pages.windows(2).all(|w| w[0] <= w[1]),
                "{document}: {pages:?}"
            );
            let want: Vec<(String, String)> = listed.into_iter().map(|(n, t, _)| (n, t)).collect();
            let got = agenda_of(&schema, date(&on[1]), &body[1]);
            assert_eq!(
                got, want,
                "{document}: the agenda of {} on {}",
                &body[1], &on[1]
            );
            fronts += 1;
        }
    }
    // The made-up pack and the real Merton pack.
    assert!(fronts >= 2, "{fronts}");
}

/// The people of a paragraph that is only names with brackets, read from
/// its text: `Some((names, shared))`, where `shared` is true when one
/// bracket at the end is every name's ("A, B and C (Audit Office)") and
/// false when each name has its own ("A (Director of X), B (Head of Y)").
fn bracketed_names(paragraph: &str) -> Option<(Vec<String>, bool)> {
    let name = r"[A-Z][\w'’-]+(?: [A-Z][\w'’.-]+)+";
    let own = Regex::new(&format!(r"^{name} \([^()]+\)$")).unwrap();
    let bare = Regex::new(&format!(r"^{name}$")).unwrap();
    let shared_end = Regex::new(&format!(r"^({name}) \([^()]+\)$")).unwrap();
    // Split at commas and "and" outside brackets.
    let text = paragraph.trim().trim_end_matches('.');
    let mut pieces: Vec<&str> = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (at, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        let cut = [", ", " and "]
            .into_iter()
            .find(|sep| depth == 0 && text[at..].starts_with(sep) && at >= start);
        if let Some(sep) = cut {
            pieces.push(text[start..at].trim());
            start = at + sep.len();
        }
    }
    pieces.push(text[start..].trim());
    let name_of = |piece: &str| piece.split(" (").next().unwrap().to_owned();
    if pieces.len() >= 2 && pieces.iter().all(|p| own.is_match(p)) {
        return Some((pieces.iter().map(|p| name_of(p)).collect(), false));
    }
    let (last, rest) = pieces.split_last()?;
    if !rest.is_empty() && rest.iter().all(|p| bare.is_match(p)) && shared_end.is_match(last) {
        let mut names: Vec<String> = rest.iter().map(|p| (*p).to_owned()).collect();
        names.push(name_of(last));
        return Some((names, true));
    }
    None
}

#[test]
fn officers_and_visitors_listed_apart_under_a_present_label_are_not_members() {
    let schema = schema_over(&[fixture("joint-session"), fixture("real")]);
    let label = Regex::new(r"(?i)^(?:also )?present:").unwrap();
    let mut officers = 0;
    let mut visitors = 0;
    for document in documents(&schema) {
        let lines = lines_of(&schema, &document);
        // Paragraphs: runs of non-blank lines, joined with spaces.
        let mut paragraphs: Vec<String> = Vec::new();
        let mut open = false;
        for (_, text) in &lines {
            let text = text.trim();
            if text.is_empty() {
                open = false;
            } else if open {
                let last = paragraphs.last_mut().unwrap();
                last.push(' ');
                last.push_str(text);
            } else {
                paragraphs.push(text.to_owned());
                open = true;
            }
        }
        for (at, paragraph) in paragraphs.iter().enumerate() {
            if !label.is_match(paragraph) {
                continue;
            }
            // The label's own list (on its line, or the paragraph after a
            // label alone), then the paragraphs listed apart after it.
            let alone = label.replace(paragraph, "").trim().is_empty();
            let skip = at + 1 + usize::from(alone);
            for later in paragraphs.iter().skip(skip) {
                let Some((names, shared)) = bracketed_names(later) else {
                    break;
                };
                let members_role = ["chair", "member", "substitute"]
                    .iter()
                    .any(|w| later.to_lowercase().contains(w));
                if members_role {
                    break;
                }
                let expected = if shared { "guest" } else { "officer" };
                for name in names {
                    let data = run(
                        &schema,
                        &format!(
                            r#"{{ person(name: "{name}") {{ attendance {{ status provenance {{ documentId }} }} roles {{ basis organisation {{ name }} }} }} }}"#
                        ),
                    );
                    let person = &data["person"];
                    let here: Vec<&Value> = person["attendance"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .filter(|a| a["provenance"][0]["documentId"] == document.as_str())
                        .collect();
                    assert!(!here.is_empty(), "{name} ({document}) has no attendance");
                    for a in here {
                        assert_eq!(a["status"], expected, "{name} in {document}");
                    }
                    for role in person["roles"].as_array().unwrap() {
                        assert_ne!(role["basis"], "present", "{name}: {role}");
                    }
                    if shared {
                        visitors += 1;
                    } else {
                        officers += 1;
                    }
                }
            }
        }
    }
    // The made-up pack has 2 officers and 3 visitors, Merton's two meetings
    // 5 officers and 5 visitors each.
    assert!(
        officers >= 12 && visitors >= 13,
        "{officers} officers, {visitors} visitors"
    );
}

/// "The minutes of the meeting held 10 May 2017 were accepted", "the
/// minutes of the last meeting held on the 11th March 2020", "Minutes of
/// the meetings held on 19 December 2024 and 9 January 2025": each date
/// after the words, one or a list, is an earlier meeting of a body that
/// meets more than once in the graph (the body whose minutes approve it).
#[test]
fn every_date_of_approved_minutes_is_an_earlier_meeting_of_the_body() {
    let schema = schema_over(&[fixture("real")]);
    let date = r"(\d{1,2})(?:st|nd|rd|th|af|ed|fed|eg|ydd|il|ain)? ([A-Za-z]+),? (\d{4})";
    // English, and the Welsh minutes' "cofnodion y cyfarfod diwethaf a
    // gynhaliwyd ar yr 11eg Mawrth 2020".
    let approved = Regex::new(&format!(
        r"(?i)\b(?:minutes of the (?:last |previous )?meetings? held (?:on )?(?:the )?|cofnodion y cyfarfod(?:ydd)? (?:diwethaf )?a gynhaliwyd (?:ar )?(?:yr? )?){date}(?: (?:and|a|ac) (?:the |yr? )?{date})?"
    ))
    .unwrap();
    const WELSH_MONTHS: [&str; 12] = [
        "Ionawr",
        "Chwefror",
        "Mawrth",
        "Ebrill",
        "Mai",
        "Mehefin",
        "Gorffennaf",
        "Awst",
        "Medi",
        "Hydref",
        "Tachwedd",
        "Rhagfyr",
    ];
    let read = |day: &str, month: &str, year: &str| {
        let welsh = WELSH_MONTHS
            .iter()
            .position(|m| m.eq_ignore_ascii_case(month));
        match welsh {
            Some(m) => {
                NaiveDate::from_ymd_opt(year.parse().unwrap(), m as u32 + 1, day.parse().unwrap())
                    .unwrap()
            }
            None => {
                NaiveDate::parse_from_str(&format!("{day} {month} {year}"), "%d %B %Y").unwrap()
            }
        }
    };
    let mut dates = 0;
    let mut files = BTreeSet::new();
    for document in documents(&schema) {
        for (number, text) in lines_of(&schema, &document) {
            for cap in approved.captures_iter(&text) {
                let mut on = vec![read(&cap[1], &cap[2], &cap[3])];
                if let Some(day) = cap.get(4) {
                    on.push(read(day.as_str(), &cap[5], &cap[6]));
                }
                for on in on {
                    let meetings = meetings_on(&schema, on);
                    let again = meetings.iter().any(|(bodies, _)| {
                        bodies.iter().any(|body| {
                            let data = run(
                                &schema,
                                &format!(
                                    r#"{{ meetings(first: 100, filter: {{body: "{body}"}}) {{ totalCount }} }}"#
                                ),
                            );
                            data["meetings"]["totalCount"].as_u64().unwrap() >= 2
                        })
                    });
                    assert!(
                        again,
                        "{document}:{number}: no earlier meeting on {on} of a body that meets again: {meetings:?}"
                    );
                    // And this document states it: a place of the meeting
                    // or of a mention of it is in this document.
                    let data = run(
                        &schema,
                        &format!(
                            r#"{{ meetings(first: 100, filter: {{from: "{on}", to: "{on}"}}) {{ edges {{ node {{ provenance {{ documentId }} mentionedIn {{ provenance {{ documentId }} }} }} }} }} }}"#
                        ),
                    );
                    let places = data.to_string();
                    assert!(
                        places.contains(&format!(r#""documentId":"{document}""#)),
                        "{document}:{number}: the meeting on {on} is not stated by this document"
                    );
                    dates += 1;
                    files.insert(document.clone());
                }
            }
        }
    }
    // Helpringham, Kent (two meetings in one list), Merton, the Welsh
    // council's minutes in both languages and Kent's panel.
    assert!(dates >= 7 && files.len() >= 5, "{dates} dates in {files:?}");
}
