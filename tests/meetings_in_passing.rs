//! Meetings a document names in passing (issue 10, item 3): "his first
//! COBR meeting on 18 February 2020", "a Risk and Compliance Committee
//! meeting of 28 March 2008", a background list's "Agenda for County
//! Council on Thursday, 7th November, 2024", "On 9 June 2022, the London
//! Assembly agreed a motion". Each is a meeting on that date of the body
//! named, stated by the document that names it. The expected meetings are
//! found in every document's own lines by this test's patterns.

mod common;

use common::{all_nodes, documents, fixture, lines_of, schema_over, seed_dir};
use regex::Regex;

/// "18 February 2020", "7th November, 2024" as an ISO date.
fn iso(day: &str, month: &str, year: &str) -> String {
    let day = day.trim_end_matches(|c: char| c.is_alphabetic());
    chrono::NaiveDate::parse_from_str(&format!("{day} {month} {year}"), "%d %B %Y")
        .expect("a date")
        .to_string()
}

#[test]
fn meetings_named_in_passing_are_meetings_of_the_body_named() {
    let schema = schema_over(&[fixture("real"), seed_dir()]);
    // Every meeting: (date, the body's name and aliases, documents citing it).
    let meetings: Vec<(String, Vec<String>, Vec<String>)> = all_nodes(
        &schema,
        "meetings",
        "date provenance { documentId } body { name aliases }",
    )
    .iter()
    .map(|m| {
        let body = &m["body"];
        let names = std::iter::once(&body["name"])
            .chain(body["aliases"].as_array().into_iter().flatten())
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect();
        let docs = m["provenance"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["documentId"].as_str().unwrap().to_owned())
            .collect();
        (m["date"].as_str().unwrap_or("").to_owned(), names, docs)
    })
    .collect();
    let date = r"(\d{1,2}(?:st|nd|rd|th)?) ([A-Z][a-z]+),? (\d{4})";
    // A body as an abbreviation, or capitalised words ending in a word for
    // a body that meets.
    let body = r"([A-Z]{2,6}|(?:[A-Z][\w'’-]* (?:(?:and|of|for) )?)*(?:Committee|Council|Board|Panel|Assembly))";
    let shapes = [
        Regex::new(&format!(
            r"\b{body} meeting (?:(?:which|that) took place |held )?(?:on|of) (?:the (?:morning|afternoon|evening) of )?{date}"
        ))
        .unwrap(),
        Regex::new(&format!(
            r"\bAgenda for ([A-Z][^.;:]*?) on (?:[A-Z][a-z]+day, )?{date}"
        ))
        .unwrap(),
        Regex::new(&format!(
            r"(?:^|\. )(?:\d+\. )?On {date}, the {body} (?:considered|agreed|resolved|decided|met)\b"
        ))
        .unwrap(),
    ];
    let mut found = 0;
    for document in documents(&schema) {
        let lines = lines_of(&schema, &document);
        for (i, (number, text)) in lines.iter().enumerate() {
            // A title may wrap before its date: read the line with the next.
            let joined = match lines.get(i + 1) {
                Some((_, next)) if text.trim_end().ends_with(" on") => {
                    format!("{} {}", text.trim_end(), next.trim())
                }
                _ => text.clone(),
            };
            for shape in &shapes {
                for cap in shape.captures_iter(&joined) {
                    // The body and the date's three parts, in either order.
                    let (written, d) = if cap[1].starts_with(|c: char| c.is_ascii_digit()) {
                        (&cap[4], (&cap[1], &cap[2], &cap[3]))
                    } else {
                        (&cap[1], (&cap[2], &cap[3], &cap[4]))
                    };
                    // A body of one word that is no abbreviation ("Board")
                    // is left unread, as some body's part the text leaves open.
                    if !written.contains(' ') && !written.chars().all(|c| c.is_ascii_uppercase()) {
                        continue;
                    }
                    let on = iso(d.0, d.1, d.2);
                    let tail = written.rsplit(['\'', '’']).next().unwrap_or(written);
                    let tail = tail.strip_prefix("s ").unwrap_or(tail);
                    let hit = meetings.iter().any(|(date, names, docs)| {
                        *date == on
                            && docs.contains(&document)
                            && names.iter().any(|n| n.ends_with(tail) || n == written)
                    });
                    assert!(
                        hit,
                        "{document}:{number}: no meeting of {written:?} on {on} ({joined:?})"
                    );
                    found += 1;
                }
            }
        }
    }
    eprintln!("{found} meetings named in passing checked");
    // The shapes occur in several of the documents; none may go unread.
    assert!(found >= 6, "only {found} meetings named in passing");
}

#[test]
fn the_next_meeting_minutes_name_is_a_meeting_of_their_own_body() {
    let schema = schema_over(&[fixture("real"), seed_dir()]);
    let meetings = all_nodes(
        &schema,
        "meetings",
        "date statedIn kind provenance { documentId } body { name }",
    );
    let cited = |m: &serde_json::Value, document: &str| {
        m["provenance"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["documentId"] == document)
    };
    let dated = Regex::new(
        r"(?i)\bnext meeting of the \w+ (?:is|was|will be) (?:scheduled for|held on) (\d{1,2}) ([A-Z][a-z]+) (\d{4})",
    )
    .unwrap();
    // "the AGM would be held remotely on Wednesday 8th July": no year.
    let yearless = Regex::new(
        r"\bAGM (?:will|would) be held (?:remotely |virtually )?on ([A-Z][a-z]+day) (\d{1,2})(?:st|nd|rd|th)? ([A-Z][a-z]+)\b",
    )
    .unwrap();
    let mut found = 0;
    for document in documents(&schema) {
        // The body and date of the meetings the document is the record of.
        let own: Vec<(String, chrono::NaiveDate)> = meetings
            .iter()
            .filter(|m| m["statedIn"].is_null() && cited(m, &document))
            .filter_map(|m| {
                Some((
                    m["body"]["name"].as_str()?.to_owned(),
                    m["date"].as_str()?.parse().ok()?,
                ))
            })
            .collect();
        for (number, text) in lines_of(&schema, &document) {
            let mut expected = Vec::new();
            if let Some(cap) = dated.captures(&text) {
                expected.push((iso(&cap[1], &cap[2], &cap[3]), None));
            }
            if let (Some(cap), [(_, from)]) = (yearless.captures(&text), own.as_slice()) {
                // The first such day after the record's, on the weekday written.
                let weekday: chrono::Weekday = cap[1].parse().unwrap();
                let on = (0..366)
                    .map(|d| *from + chrono::Duration::days(d))
                    .find(|d| {
                        chrono::Datelike::weekday(d) == weekday
                            && d.format("%-d %B").to_string() == format!("{} {}", &cap[2], &cap[3])
                    })
                    .unwrap();
                expected.push((on.to_string(), Some("annual general")));
            }
            for (on, kind) in expected {
                let hit = meetings.iter().any(|m| {
                    m["date"] == on.as_str()
                        && cited(m, &document)
                        && own.iter().any(|(b, _)| m["body"]["name"] == b.as_str())
                        && kind.is_none_or(|k| m["kind"] == k)
                });
                assert!(hit, "{document}:{number}: no next meeting of the document's body on {on} ({text:?})");
                found += 1;
            }
        }
    }
    assert!(found >= 3, "only {found} next meetings checked");
}

/// A sitting body and a date ("at COBR on 3 February 2022", "a COBR on 17
/// February", "not discussed by the Welsh Cabinet until 14 January",
/// "evidence to a Senedd committee on 21 February", "in the House of
/// Commons on 9 March 2022") are a meeting of that body; a day and month
/// take the year last written before them, and say which line gave it. The
/// same words where no meeting is meant (a body's act, a letter to it, a
/// place, a committee's name before a date) make none. The fixture is
/// written for this test; its README says what each line is.
#[test]
fn a_sitting_body_and_a_date_are_a_meeting_of_that_body() {
    let text = std::fs::read_to_string(fixture("sittings").join("inquiry-notes.txt")).unwrap();
    let store = common::ingest_fresh(&[fixture("sittings")]);
    let export: serde_json::Value = serde_json::from_str(&common::export(&store)).unwrap();
    let meetings: Vec<(String, String, String, Option<String>)> = export["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "meeting")
        .map(|n| {
            let p = &n["properties"];
            (
                p["body"].as_str().unwrap().to_owned(),
                p["date"].as_str().unwrap().to_owned(),
                n["provenance"][0]["quote"].as_str().unwrap().to_owned(),
                p["year_from_line"].as_str().map(str::to_owned),
            )
        })
        .collect();
    // The year a yearless date is in: the last year written in the lines
    // before it, found here by the test's own reading of the text.
    let lines: Vec<&str> = text.lines().collect();
    // The text before the date on its own line counts first.
    let year = Regex::new(r"\b[A-Z][a-z]+ (20\d\d)\b").unwrap();
    let year_before = |n: usize, prefix: &str| {
        let last = |text: &str| year.captures_iter(text).last().map(|c| c[1].to_owned());
        last(prefix).map(|y| (y, n)).unwrap_or_else(|| {
            (1..n)
                .rev()
                .find_map(|m| last(lines[m - 1]).map(|y| (y, m)))
                .unwrap()
        })
    };
    let find = |n: usize, prefix: &str, body: &str, day_month: &str| {
        let (year, from) = if Regex::new(r"^\d+ [A-Z][a-z]+ \d{4}$")
            .unwrap()
            .is_match(day_month)
        {
            (String::new(), 0)
        } else {
            year_before(n, prefix)
        };
        let date =
            chrono::NaiveDate::parse_from_str(format!("{day_month} {year}").trim(), "%d %B %Y")
                .unwrap()
                .to_string();
        let hit = meetings.iter().find(|(b, d, _, _)| b == body && *d == date);
        let (_, _, quote, year_from) =
            hit.unwrap_or_else(|| panic!("no meeting of {body} on {date}: {meetings:?}"));
        assert!(
            lines[n - 1].contains(quote.as_str()),
            "quote {quote:?} not on line {n}"
        );
        assert_eq!(
            year_from.as_deref(),
            (from > 0).then(|| from.to_string()).as_deref(),
            "{body} {date}"
        );
    };
    // Each line of the fixture that states a meeting, by the words of its
    // shape; every other dated line states none.
    let shape = Regex::new(
        r"(?:at|by the|to a|in the|a) ((?:[A-Z][\w]* ?(?:of )?)+?)(?: committee)? (?:on|until) (\d{1,2} [A-Z][a-z]+(?: \d{4})?)",
    )
    .unwrap();
    let bodies = [
        ("COBR", "Cabinet Office Briefing Rooms"),
        ("Welsh Cabinet", "Welsh Cabinet"),
        ("Senedd", "Senedd"),
        ("House of Commons", "House of Commons"),
    ];
    let mut stated = 0;
    for (i, line) in lines.iter().enumerate() {
        for cap in shape.captures_iter(line) {
            if let Some((_, body)) = bodies.iter().find(|(w, _)| *w == cap[1].trim()) {
                find(i + 1, &line[..cap.get(0).unwrap().start()], body, &cap[2]);
                stated += 1;
            }
        }
    }
    assert_eq!(
        stated, 5,
        "the fixture's five sittings were read by the test"
    );
    assert_eq!(
        meetings.len(),
        stated,
        "a meeting where none is meant: {meetings:?}"
    );
}
