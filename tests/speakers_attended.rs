//! Who spoke at a meeting attended it (issue 10, item 3): every person who
//! speaks in a transcript of a meeting has an attendance at that meeting —
//! from the document's own list where it has one, else (an inquiry's
//! hearing, which lists no one) as present, known because they spoke.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{all_nodes, fixture, schema_over};
use regex::Regex;

#[test]
fn every_speaker_at_a_meeting_attended_it() {
    let schema = schema_over(&[fixture("real")]);
    // Speakers per meeting, from the statements.
    let mut spoke: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for s in all_nodes(&schema, "statements", "speaker { id } meeting { id }") {
        if let (Some(person), Some(meeting)) =
            (s["speaker"]["id"].as_str(), s["meeting"]["id"].as_str())
        {
            spoke
                .entry(meeting.to_owned())
                .or_default()
                .insert(person.to_owned());
        }
    }
    assert!(spoke.len() >= 3, "meetings with speakers: {spoke:?}");
    let meetings = all_nodes(
        &schema,
        "meetings",
        "id attendance { person { id } status basis }",
    );
    let mut by_speaking = 0;
    for m in &meetings {
        let Some(speakers) = spoke.get(m["id"].as_str().unwrap()) else {
            continue;
        };
        let attendance = m["attendance"].as_array().unwrap();
        let attended: BTreeSet<&str> = attendance
            .iter()
            .filter_map(|a| a["person"]["id"].as_str())
            .collect();
        for person in speakers {
            assert!(
                attended.contains(person.as_str()),
                "{}: {person} spoke but has no attendance",
                m["id"]
            );
        }
        // Attendance known only by speaking is present, and says so; a
        // meeting is either listed or known by its speakers, never both.
        let spoken: Vec<_> = attendance
            .iter()
            .filter(|a| a["basis"] == "spoke")
            .collect();
        assert!(spoken.iter().all(|a| a["status"] == "present"));
        assert!(spoken.is_empty() || spoken.len() == attendance.len());
        by_speaking += spoken.len();
    }
    assert!(by_speaking > 0, "no hearing known by its speakers");
}

/// Attendance a hearing's questions tell (issue 10, item 3): "X attended his
/// first COBR meeting on DATE", "a COBR on DATE where X had attended", "you
/// … gave evidence to a Senedd committee on DATE" (the witness who answers)
/// and "X in his evidence on DATE" (an earlier hearing of the inquiry) are
/// attendances at those meetings, each with its basis; a person and a
/// meeting named in one sentence without those words are none. The
/// fixture is written for this test; what it expects is read from its text
/// by the shapes below.
#[test]
fn attendance_told_in_questions_is_kept_with_its_basis() {
    let dir = fixture("told-attendance");
    let text = std::fs::read_to_string(dir.join("harbour-inquiry-transcript.rst")).unwrap();
    let schema = schema_over(&[dir]);
    // (surname, date, basis) of every attendance not known by speaking.
    let mut told: BTreeSet<(String, String, String)> = BTreeSet::new();
    for m in all_nodes(
        &schema,
        "meetings",
        "date attendance { person { name } basis }",
    ) {
        for a in m["attendance"].as_array().unwrap() {
            let basis = a["basis"].as_str().unwrap_or("listed");
            if basis != "spoke" {
                let name = a["person"]["name"].as_str().unwrap();
                let surname = name.split_whitespace().last().unwrap().to_owned();
                told.insert((
                    surname,
                    m["date"].as_str().unwrap().to_owned(),
                    basis.to_owned(),
                ));
            }
        }
    }
    let iso = |d: &str| {
        chrono::NaiveDate::parse_from_str(d, "%d %B %Y")
            .unwrap()
            .to_string()
    };
    let date = r"(\d{1,2} [A-Z][a-z]+ \d{4})";
    let attended = Regex::new(&format!(
        r"\b[A-Z][a-z]+ (?:[A-Z][a-z]+ )?([A-Z][a-z]+) attended his first \w+ meeting on {date}"
    ))
    .unwrap();
    let where_ = Regex::new(&format!(
        r"\bon {date} where [A-Z][a-z]+ ([A-Z][a-z]+) had attended"
    ))
    .unwrap();
    let evidence = Regex::new(&format!(r"\b([A-Z][a-z]+) in his evidence on {date}")).unwrap();
    let you = Regex::new(&format!(r"\byou .*evidence to a \w+ committee on {date}")).unwrap();
    let witness = Regex::new(r"\*(?:MS|MR|DR) [A-Z]+ ([A-Z]+) \((?:affirmed|sworn)\)").unwrap();
    let witness = witness.captures(&text).unwrap()[1].to_owned();
    let witness = format!("{}{}", &witness[..1], witness[1..].to_lowercase());
    let mut expected: BTreeSet<(String, String, String)> = BTreeSet::new();
    for line in text.lines() {
        for c in attended.captures_iter(line) {
            expected.insert((c[1].to_owned(), iso(&c[2]), "told".to_owned()));
        }
        for c in where_.captures_iter(line) {
            expected.insert((c[2].to_owned(), iso(&c[1]), "told".to_owned()));
        }
        for c in evidence.captures_iter(line) {
            expected.insert((c[1].to_owned(), iso(&c[2]), "gave evidence".to_owned()));
        }
        for c in you.captures_iter(line) {
            expected.insert((witness.clone(), iso(&c[1]), "gave evidence".to_owned()));
        }
    }
    assert_eq!(
        expected.len(),
        4,
        "the fixture's four told attendances: {expected:?}"
    );
    assert_eq!(told, expected);
}

/// Attendance a letter tells (issue 10, item 3): in a letter "you" is its
/// addressee and "me" its signatory, so "when we met with you in March
/// 2024", "its meeting with you and Superintendent Grace Oduya on 10 April
/// 2024" and "thanking me and Inspector Leon Price for attending the
/// Panel's meeting on 6th March 2024" are attendances, told; a month with
/// two meetings ("when we met with you in May 2024") says which of them is
/// not known, so it is none. What is expected is read from the fixture's
/// text by the patterns below, not from the parser.
#[test]
fn attendance_told_in_letters_resolves_you_and_me() {
    let dir = fixture("letter-attendance");
    let text = std::fs::read_to_string(dir.join("committee-letters.txt")).unwrap();
    let schema = schema_over(&[dir]);
    let mut told: BTreeSet<(String, String)> = BTreeSet::new();
    for m in all_nodes(
        &schema,
        "meetings",
        "date attendance { person { name } basis }",
    ) {
        for a in m["attendance"].as_array().unwrap() {
            if a["basis"] == "told" {
                let name = a["person"]["name"].as_str().unwrap();
                told.insert((surname(name), m["date"].as_str().unwrap().to_owned()));
            }
        }
    }
    let iso = |d: &str| {
        let d = d.replace("<sup>th</sup>", "");
        chrono::NaiveDate::parse_from_str(&d, "%d %B %Y")
            .unwrap()
            .to_string()
    };
    // The meetings the footnotes cite, by date.
    let cited = Regex::new(r"^<sup>\d+</sup> [A-Z][\w ]+, (\d{1,2} [A-Z][a-z]+ \d{4}) – ").unwrap();
    let dates: Vec<String> = text
        .lines()
        .filter_map(|l| cited.captures(l).map(|c| iso(&c[1])))
        .collect();
    let date = r"(\d{1,2}(?:<sup>th</sup>)? [A-Z][a-z]+ \d{4})";
    let in_month = Regex::new(r"met with you in ([A-Z][a-z]+ \d{4})").unwrap();
    let with = Regex::new(&format!(
        r"meeting with you and (?:[A-Z][a-z]+ )+([A-Z][a-z]+) on {date}"
    ))
    .unwrap();
    let thanking = Regex::new(&format!(
        r"thanking me and (?:[A-Z][a-z]+ )+([A-Z][a-z]+) for attending [^.]* on {date}"
    ))
    .unwrap();
    let mut expected: BTreeSet<(String, String)> = BTreeSet::new();
    // Each letter: the addressee is the header line holding the
    // salutation's name, the signatory the first line after the sign-off.
    for letter in text
        .split("Yours sincerely,")
        .collect::<Vec<_>>()
        .windows(2)
    {
        let (body, after) = (letter[0], letter[1]);
        let body = body.rsplit_once("\nDear ").map_or(body, |(head, rest)| {
            let greeted = rest.split(',').next().unwrap();
            let to = head
                .lines()
                .rev()
                .find(|l| l.contains(greeted) && !l.contains("Dear"))
                .unwrap();
            let to = surname(to);
            for c in in_month.captures_iter(rest) {
                let month = chrono::NaiveDate::parse_from_str(&format!("1 {}", &c[1]), "%d %B %Y")
                    .unwrap()
                    .to_string();
                let of_month: Vec<&String> =
                    dates.iter().filter(|d| d[..7] == month[..7]).collect();
                if let [one] = of_month.as_slice() {
                    expected.insert((to.clone(), (*one).clone()));
                }
            }
            for c in with.captures_iter(rest) {
                expected.insert((to.clone(), iso(&c[2])));
                expected.insert((c[1].to_owned(), iso(&c[2])));
            }
            rest
        });
        let signed = after.lines().find(|l| !l.trim().is_empty()).unwrap();
        for c in thanking.captures_iter(body) {
            expected.insert((surname(signed), iso(&c[2])));
            expected.insert((c[1].to_owned(), iso(&c[2])));
        }
    }
    assert_eq!(
        expected.len(),
        4,
        "the fixture's told attendances: {expected:?}"
    );
    assert_eq!(told, expected);
}

/// The last word of a name that is not a post-nominal ("Sir Robert
/// Kellaway QPM" → "Kellaway"), markup removed.
fn surname(name: &str) -> String {
    name.replace("**", "")
        .split_whitespace()
        .rev()
        .find(|w| !w.chars().all(|c| c.is_ascii_uppercase()))
        .unwrap()
        .trim_end_matches(',')
        .to_owned()
}
