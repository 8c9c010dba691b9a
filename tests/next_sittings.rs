//! A transcript's closing words name the next sitting ("(The hearing
//! adjourned until 10 am on Monday, 11 March 2024)", "… until 9.45 am the
//! following day"): that sitting is a meeting of the same body, on the date
//! written or the day after a sitting of that body. Read from every real
//! document's own lines.

mod common;

use chrono::NaiveDate;
use common::{all_nodes, documents, fixture, lines_of, schema_over};
use regex::Regex;

#[test]
fn an_adjournment_names_the_next_sitting_of_the_same_body() {
    let schema = schema_over(&[fixture("real")]);
    // Every meeting as (the body its name gives, date).
    let meetings: Vec<(String, NaiveDate)> = all_nodes(&schema, "meetings", "name date")
        .iter()
        .filter_map(|m| {
            let body = m["name"].as_str()?.split(", ").next()?.to_owned();
            Some((body, m["date"].as_str()?.parse().ok()?))
        })
        .collect();
    let sat_before = |on: NaiveDate, before: Option<NaiveDate>| {
        meetings.iter().any(|(body, date)| {
            *date == on
                && meetings
                    .iter()
                    .any(|(b, d)| b == body && before.map_or(*d < on, |before| *d == before))
        })
    };
    let until = Regex::new(r"(?i)\bhearing adjourned until\b([^)]*)").unwrap();
    let dated = Regex::new(r"(\d{1,2}) ([A-Z][a-z]+) (\d{4})").unwrap();
    let mut found = 0;
    for document in documents(&schema) {
        for (number, text) in lines_of(&schema, &document) {
            let Some(cap) = until.captures(&text) else {
                continue;
            };
            let rest = &cap[1];
            if let Some(d) = dated.captures(rest) {
                let written = format!("{} {} {}", &d[1], &d[2], &d[3]);
                let on = NaiveDate::parse_from_str(&written, "%d %B %Y").unwrap();
                assert!(
                    sat_before(on, None),
                    "{document}:{number}: no sitting on {on} of a body that sat before"
                );
                found += 1;
            } else if rest.contains("the following day") {
                // A body that sits on two days running, the second stated here.
                let consecutive = meetings
                    .iter()
                    .any(|(_, d)| sat_before(d.succ_opt().unwrap(), Some(*d)));
                assert!(
                    consecutive,
                    "{document}:{number}: no sitting the day after another"
                );
                found += 1;
            }
        }
    }
    // The Covid-19 Inquiry's (a date) and the Post Office Inquiry's (the
    // following day).
    assert!(found >= 2, "{found} adjournments read");
}
