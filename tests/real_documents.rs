//! Real documents of other publishers (`tests/fixtures/real/`, see its
//! SOURCES.md): every file is read and parsed, and what the graph holds is
//! compared with counts made here, independently, from the raw files.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::OnceLock;

use regex::Regex;
use scrutiny::coverage::DocumentKind;
use scrutiny::index::Graph;
use scrutiny::ingest::{ingest_paths, IngestError};
use scrutiny::model::{EdgeKind, Node, NodeKind};
use scrutiny::store::{Outcome, Store};

use common::fixture;

fn real(name: &str) -> PathBuf {
    fixture("real").join(name)
}

fn raw(name: &str) -> String {
    String::from_utf8_lossy(&std::fs::read(real(name)).unwrap()).into_owned()
}

/// The whole folder ingested once.
fn graph() -> &'static (Store, Graph) {
    static GRAPH: OnceLock<(Store, Graph)> = OnceLock::new();
    GRAPH.get_or_init(|| {
        let store = Store::temporary().unwrap();
        let reports = ingest_paths(&store, &[fixture("real")]).unwrap();
        assert_eq!(reports.len(), 16, "every document of the folder is tried");
        for report in &reports {
            assert!(report.result.is_ok(), "{report}");
        }
        let graph = Graph::load(&store).unwrap();
        (store, graph)
    })
}

/// Nodes of `kind` whose first span is in document `doc`.
fn nodes_of<'g>(doc: &str, kind: NodeKind) -> Vec<&'g Node> {
    graph()
        .1
        .nodes()
        .filter(|n| n.kind == kind && n.provenance.iter().any(|s| s.document == doc))
        .collect()
}

/// `**Label**: text` turns counted per label from the raw file.
fn count_labels(text: &str) -> BTreeMap<String, usize> {
    let label = Regex::new(r"^\*\*([^*]+)\*\*: ").unwrap();
    let mut counts = BTreeMap::new();
    for line in text.lines() {
        if let Some(cap) = label.captures(line) {
            *counts.entry(cap[1].to_owned()).or_default() += 1;
        }
    }
    counts
}

#[test]
fn hearing_transcripts_have_every_turn_under_its_label() {
    for (file, id) in [
        (
            "pohi-transcript-2024-05-22.rst",
            "pohi-transcript-2024-05-22",
        ),
        (
            "ukcovid19inquiry-transcript-2024-03-07.rst",
            "ukcovid19inquiry-transcript-2024-03-07",
        ),
    ] {
        let expected = count_labels(&raw(file));
        let mut found: BTreeMap<String, usize> = BTreeMap::new();
        for statement in nodes_of(id, NodeKind::Statement) {
            *found
                .entry(statement.prop("speaker_label").unwrap().to_owned())
                .or_default() += 1;
        }
        assert!(
            expected.values().sum::<usize>() > 500,
            "{file}: a real hearing"
        );
        assert_eq!(found, expected, "{file}: turns per label");
        // Every turn's text is its own: no timestamp, stage direction or
        // witness heading is folded into it.
        for statement in nodes_of(id, NodeKind::Statement) {
            let text = statement.prop("text").unwrap();
            assert!(
                !text.contains("*(") && !text.contains("(sworn)") && !text.contains("(affirmed)"),
                "{text}"
            );
            assert!(!text.contains("\n===") && !text.contains("\n---"), "{text}");
        }
    }
}

#[test]
fn the_witness_label_is_the_witness_being_heard() {
    // "The Witness" after the heading of a sworn witness is that witness.
    let text = raw("pohi-transcript-2024-05-22.rst");
    let witness_turns = text
        .lines()
        .filter(|l| l.starts_with("**The Witness**:"))
        .count();
    assert!(witness_turns > 0);
    let (_, graph) = graph();
    let spoke: Vec<_> = graph
        .edges()
        .filter(|e| {
            e.kind == EdgeKind::Spoke
                && e.target
                    .starts_with("statement/pohi-transcript-2024-05-22/")
        })
        .filter(|e| {
            graph
                .nodes()
                .find(|n| n.key == e.target)
                .is_some_and(|n| n.prop("speaker_label") == Some("The Witness"))
        })
        .collect();
    assert_eq!(spoke.len(), witness_turns);
    // The witness: the heading line above the underline over "(sworn)".
    let lines: Vec<&str> = text.lines().collect();
    let sworn = lines.iter().position(|l| l.contains("(sworn)")).unwrap();
    let heading = (0..sworn)
        .rev()
        .find(|&i| lines[i].starts_with("---"))
        .map(|i| lines[i - 1])
        .unwrap();
    let key = format!("person/{}", heading.to_lowercase().replace(' ', "-"));
    assert!(spoke.iter().all(|e| e.source == key), "{key}: {spoke:?}");
}

#[test]
fn role_labels_make_no_person() {
    // "Counsel Inquiry" is a role the converter wrote for questions, not a name.
    let people: BTreeSet<&str> = graph()
        .1
        .nodes()
        .filter(|n| n.kind == NodeKind::Person)
        .map(|n| n.key.as_str())
        .collect();
    for role in [
        "person/counsel-inquiry",
        "person/the-witness",
        "person/lead-2b",
        "person/chair",
    ] {
        assert!(!people.contains(role), "{role}");
    }
}

#[test]
fn numbered_recommendations_are_found_with_their_numbers() {
    let numbers = |doc: &str| -> BTreeSet<u32> {
        nodes_of(doc, NodeKind::Recommendation)
            .iter()
            .map(|n| n.prop("number").unwrap().parse().unwrap())
            .collect()
    };
    // Leveson: one `recommendnumber` anchor per recommendation.
    let leveson = raw("leveson-report-recommendations-2012-11-29.html");
    let anchors = Regex::new(r#"class="recommendnumber">(\d+)\."#).unwrap();
    let expected: BTreeSet<u32> = anchors
        .captures_iter(&leveson)
        .map(|c| c[1].parse().unwrap())
        .collect();
    assert!(expected.len() > 50);
    assert_eq!(
        numbers("leveson-report-recommendations-2012-11-29"),
        expected
    );
    // POHI: reStructuredText auto-numbers, so the numbers are positions.
    let pohi = raw("pohi-report-recommendations-2025-07-08.rst");
    let items = pohi.lines().filter(|l| l.starts_with("#. ")).count() as u32;
    assert_eq!(
        numbers("pohi-report-recommendations-2025-07-08"),
        (1..=items).collect()
    );
    // DHSC (a PDF): "Recommendation N" lines of its text layer.
    let text = scrutiny::read::read(
        "r.pdf",
        &std::fs::read(real("dhsc-report-recommendations-2024-03-21.pdf")).unwrap(),
    )
    .unwrap()
    .text;
    let line = Regex::new(r"(?m)^(?:#+ )?Recommendation (\d+)$").unwrap();
    let expected: BTreeSet<u32> = line
        .captures_iter(&text)
        .map(|c| c[1].parse().unwrap())
        .collect();
    assert_eq!(expected.len(), 13);
    assert_eq!(numbers("dhsc-report-recommendations-2024-03-21"), expected);
    // A recommendation's text is the text after its number.
    for rec in nodes_of(
        "pohi-report-recommendations-2025-07-08",
        NodeKind::Recommendation,
    ) {
        let text = rec.prop("text").unwrap();
        assert!(!text.starts_with(['#', '.']) && text.len() > 40, "{text}");
    }
}

/// Names in a "LABEL: a, b (role, x) and c" list of the normalised text,
/// up to the next label; commas inside brackets do not split.
fn list_names(text: &str, label: &str, next: &str) -> usize {
    let start = text.find(label).unwrap() + label.len();
    let end = start + text[start..].find(next).unwrap();
    count_listed(&text[start..end])
}

/// The names of one list: pieces between commas and "and", outside brackets.
fn count_listed(list: &str) -> usize {
    let mut depth = 0;
    let mut names = 1;
    let list = list.replace('\n', " ");
    let list = list.as_str();
    for (i, c) in list.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => names += 1,
            _ if depth == 0 && list[i..].starts_with(" and ") => names += 1,
            _ => {}
        }
    }
    names
}

#[test]
fn minutes_attendance_by_status() {
    let bytes = std::fs::read(real("kentcc-minutes-2024-12-10.pdf")).unwrap();
    let text = scrutiny::read::read("m.pdf", &bytes).unwrap().text;
    let present = list_names(&text, "PRESENT:", "ALSO PRESENT:");
    let also = list_names(&text, "ALSO PRESENT:", "IN ATTENDANCE:");
    // "Sue Chandler, Cabinet Member for …": one person and her role.
    let also = also - 1;
    let officers = list_names(&text, "IN ATTENDANCE:", "Apologies and Substitutes");
    let apologies = list_names(&text, "received from", "who was substituted");
    // Who the minutes record doing something, at an item's start, and no
    // list names: present too, from those words (`basis: minuted`).
    let listed_from = text.find("PRESENT:").unwrap();
    let listed_to = text.find("Apologies and Substitutes").unwrap();
    let listed = text[listed_from..listed_to].replace('\n', " ");
    let minuted_shape =
        Regex::new(r"(?m)^\s*[a-z0-9]{1,2}\. ([A-Z][a-z]+ [A-Z][A-Za-z]+) (?:thanked|said|explained|added|praised|stated|agreed|asked)\b")
            .unwrap();
    let minuted: BTreeSet<&str> = minuted_shape
        .captures_iter(&text)
        .map(|c| c.get(1).unwrap().as_str())
        .filter(|name| !listed.contains(name))
        .collect();
    let mut by_status: BTreeMap<String, usize> = BTreeMap::new();
    let mut minuted_found: BTreeSet<String> = BTreeSet::new();
    for node in nodes_of("kentcc-minutes-2024-12-10", NodeKind::Attendance) {
        if node.prop("basis") == Some("minuted") {
            minuted_found.insert(node.name.split(" at ").next().unwrap().to_owned());
            continue;
        }
        *by_status
            .entry(node.prop("status").unwrap().to_owned())
            .or_default() += 1;
    }
    assert_eq!(by_status.get("present").copied(), Some(present + also));
    assert!(!minuted.is_empty());
    assert_eq!(
        minuted_found,
        minuted
            .iter()
            .map(|n| n.to_string())
            .collect::<BTreeSet<_>>()
    );
    assert_eq!(by_status.get("apologies").copied(), Some(apologies));
    assert_eq!(by_status.get("substitute").copied(), Some(1));
    // The substitute is also listed among the officers in attendance.
    assert_eq!(by_status.get("officer").copied(), Some(officers - 1));
    let virtual_count = nodes_of("kentcc-minutes-2024-12-10", NodeKind::Attendance)
        .iter()
        .filter(|n| n.prop("mode") == Some("virtual"))
        .count();
    let sentence = text
        .lines()
        .find(|l| l.contains("were in attendance virtually"))
        .unwrap();
    let names = sentence.split(" were ").next().unwrap();
    assert_eq!(
        virtual_count,
        names.matches(", ").count() + names.matches(" and ").count() + 1
    );
    // Where the meeting was: the header's "held in the …".
    let from = text.find("held in the ").unwrap() + "held in the ".len();
    let place = text[from..from + text[from..].find('.').unwrap()].replace('\n', " ");
    // The meeting the minutes record.
    let (_, graph) = graph();
    let recorded = graph
        .edges()
        .find(|e| e.kind == EdgeKind::Records && e.source == "document/kentcc-minutes-2024-12-10")
        .map(|e| e.target.clone())
        .unwrap();
    let meeting = graph.nodes().find(|n| n.key == recorded).unwrap();
    assert_eq!(meeting.prop("place"), Some(place.as_str()));
    // The date of the header's first line.
    let first = text.lines().next().unwrap();
    let (date, _) = scrutiny::text::find_date(first).unwrap();
    assert_eq!(meeting.prop("date"), Some(date.to_string().as_str()));
    // "(Chair)" in the present list makes the chair: the name before it.
    let present_from = text.find("PRESENT:").unwrap() + "PRESENT:".len();
    let chair_name =
        text[present_from..present_from + text[present_from..].find(" (Chair)").unwrap()].trim();
    let chair = graph
        .edges()
        .find(|e| e.kind == EdgeKind::ChairedBy && e.source == recorded)
        .map(|e| e.target.clone())
        .unwrap();
    assert_eq!(
        graph.nodes().find(|n| n.key == chair).unwrap().name,
        chair_name
    );
}

#[test]
fn an_inline_list_runs_on_over_the_paragraphs_of_names_after_it() {
    // Merton's PDF sets "ALSO PRESENT:" beside its list, in a column of its
    // own; the list goes on in two more paragraphs (officers, auditors).
    let bytes = std::fs::read(real("merton-agendapack-minutes-2009-10-22.pdf")).unwrap();
    let text = scrutiny::read::read("m.pdf", &bytes).unwrap().text;
    let present = list_names(&text, "PRESENT:", "ALSO PRESENT:");
    let from = text.find("ALSO PRESENT:").unwrap() + "ALSO PRESENT:".len();
    let to = from + text[from..].find("Apologies").unwrap();
    let paragraphs: Vec<&str> = text[from..to]
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(paragraphs.len() >= 3, "{paragraphs:?}");
    // The councillors beside the label are present; the paragraphs listed
    // apart after them are officers (a post in each bracket) and visitors
    // (one body's bracket).
    let also = count_listed(paragraphs[0]);
    let apart: usize = paragraphs[1..].iter().map(|p| count_listed(p)).sum();
    // The first meeting's records: not the joint session's after it.
    let (_, graph) = graph();
    let joint = graph
        .nodes()
        .find(|n| {
            n.kind == NodeKind::Meeting
                && n.prop("date_source").is_some()
                && n.provenance
                    .iter()
                    .any(|p| p.document.starts_with("merton"))
        })
        .map(|n| format!("attendance/{}/", scrutiny::keys::path(&n.key)))
        .unwrap();
    let mut by_status: BTreeMap<String, usize> = BTreeMap::new();
    for node in nodes_of("merton-agendapack-minutes-2009-10-22", NodeKind::Attendance)
        .into_iter()
        .filter(|n| !n.key.starts_with(&joint))
    {
        *by_status
            .entry(node.prop("status").unwrap().to_owned())
            .or_default() += 1;
    }
    assert_eq!(by_status.get("present").copied(), Some(present + also));
    let officers = by_status.get("officer").copied().unwrap_or(0);
    let guests = by_status.get("guest").copied().unwrap_or(0);
    assert_eq!(officers + guests, apart, "{by_status:?}");
    assert!(officers > 0 && guests > 0, "{by_status:?}");
}

/// Merton's joint session: a header with no date, a present list with a
/// full stop for a comma ("Danny Connellan. Councillors …"), officers and
/// auditors in the paragraphs after it. Its date is checked against the
/// note under the list ("both held on …"), a line the parser does not use.
#[test]
fn a_joint_session_without_a_date_in_its_header() {
    let bytes = std::fs::read(real("merton-agendapack-minutes-2009-10-22.pdf")).unwrap();
    let text = scrutiny::read::read("m.pdf", &bytes).unwrap().text;
    let header = text.find("(JOINT SESSION)").unwrap();
    let from = header + text[header..].find("PRESENT:").unwrap() + "PRESENT:".len();
    let to = from + text[from..].find("This note").unwrap();
    let expected: usize = text[from..to]
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| count_listed(&p.replace(". ", ", ")))
        .sum();
    let note = &text[to..to + text[to..].find('\n').unwrap() + 80];
    let (date, _) = scrutiny::text::find_date(&note.replace('\n', " ")).unwrap();
    let (_, graph) = graph();
    let joint: Vec<&Node> = graph
        .nodes()
        .filter(|n| n.kind == NodeKind::Meeting && n.prop("date_source").is_some())
        .filter(|n| {
            n.provenance
                .iter()
                .any(|p| p.document.starts_with("merton"))
        })
        .collect();
    assert_eq!(joint.len(), 1);
    assert_eq!(joint[0].prop("date"), Some(date.to_string().as_str()));
    let attended = graph
        .nodes()
        .filter(|n| {
            n.kind == NodeKind::Attendance
                && n.key.starts_with(&format!(
                    "attendance/{}",
                    scrutiny::keys::path(&joint[0].key)
                ))
        })
        .count();
    assert_eq!(attended, expected);
}

#[test]
fn full_council_minutes_count_every_member_and_apology() {
    let bytes = std::fs::read(real("kentcc-minutes-2025-02-13.pdf")).unwrap();
    let text = scrutiny::read::read("m.pdf", &bytes).unwrap().text;
    // Members are the pieces of the PRESENT list between commas and "and",
    // less the honours written after a name ("Mrs Trudy Dean, MBE").
    let start = text.find("PRESENT:").unwrap() + "PRESENT:".len();
    let end = text.find("IN ATTENDANCE:").unwrap();
    let list = text[start..end].replace('\n', " ");
    let honour = Regex::new(r"^[A-Z]{2,4}$").unwrap();
    let members = list
        .split(',')
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty() && !honour.is_match(p))
        .count();
    let present = nodes_of("kentcc-minutes-2025-02-13", NodeKind::Attendance)
        .iter()
        .filter(|n| n.prop("status") == Some("present"))
        .count();
    assert!(members > 50);
    assert_eq!(present, members);
    let title = Regex::new(r"\b(Mr|Mrs|Ms|Miss|Sir|Dr)\s").unwrap();
    let apologies_start = text.find("reported apologies from").unwrap();
    let apologies_end = apologies_start + text[apologies_start..].find(".\n").unwrap();
    let expected = title
        .find_iter(&text[apologies_start..apologies_end])
        .count();
    let apologies = nodes_of("kentcc-minutes-2025-02-13", NodeKind::Attendance)
        .iter()
        .filter(|n| n.prop("status") == Some("apologies"))
        .count();
    assert_eq!(apologies, expected);
}

#[test]
fn no_heading_role_or_boilerplate_is_a_person() {
    for person in graph().1.nodes().filter(|n| n.kind == NodeKind::Person) {
        let name = person.name.to_lowercase();
        for word in [
            "committee",
            "council",
            "minutes",
            "recommendation",
            "present",
            "apologies",
            "agenda",
            "inquiry",
            "government",
        ] {
            assert!(
                !name.split_whitespace().any(|w| w == word),
                "{} ({})",
                person.name,
                person.key
            );
        }
    }
}

#[test]
fn every_quote_is_in_its_lines() {
    let (store, graph) = graph();
    let texts: BTreeMap<String, String> = store
        .documents()
        .unwrap()
        .into_iter()
        .map(|d| (d.meta.id.clone(), d.text))
        .collect();
    let mut checked = 0;
    for span in graph
        .nodes()
        .flat_map(|n| &n.provenance)
        .chain(graph.edges().flat_map(|e| &e.provenance))
    {
        let text = &texts[&span.document];
        let lines: Vec<&str> = text.lines().collect();
        let within = lines[span.first_line as usize - 1..span.last_line as usize].join("\n");
        assert!(within.contains(&span.quote), "{span:?}");
        checked += 1;
    }
    assert!(checked > 5000);
}

#[test]
fn coverage_says_what_each_document_is() {
    let (store, _) = graph();
    let kinds: BTreeMap<String, DocumentKind> = store
        .documents()
        .unwrap()
        .into_iter()
        .map(|d| (d.meta.id.clone(), d.reading.coverage.unwrap().kind))
        .collect();
    assert_eq!(
        kinds["pohi-transcript-2024-05-22"],
        DocumentKind::Transcript
    );
    assert_eq!(
        kinds["ukcovid19inquiry-transcript-2024-03-07"],
        DocumentKind::Transcript
    );
    assert_eq!(
        kinds["leveson-report-recommendations-2012-11-29"],
        DocumentKind::Report
    );
    assert_eq!(
        kinds["dhsc-report-recommendations-2024-03-21"],
        DocumentKind::Report
    );
    assert_eq!(kinds["kentcc-minutes-2024-12-10"], DocumentKind::Minutes);
    assert_eq!(
        kinds["merton-agendapack-minutes-2009-10-22"],
        DocumentKind::Minutes
    );
    for record in store.documents().unwrap() {
        let coverage = record.reading.coverage.unwrap();
        assert!(coverage.covered_lines <= coverage.lines);
        assert!(
            !coverage.evidence.is_empty() || coverage.kind == DocumentKind::Other,
            "{}",
            record.meta.id
        );
        let is_pdf = record.meta.id.ends_with(".pdf")
            || record
                .meta
                .original_file_name
                .as_deref()
                .is_some_and(|f| f.ends_with(".pdf"));
        if is_pdf {
            assert!(coverage.pages > 0 && !record.reading.pages.is_empty());
            assert_eq!(
                store.original(&record.meta.id).unwrap().map(|b| b.len()),
                Some(
                    std::fs::metadata(real(record.meta.original_file_name.as_deref().unwrap()))
                        .unwrap()
                        .len() as usize
                )
            );
        }
    }
    // What was not understood is said: the call-in report's lettered
    // comments are not read, and its coverage says how little was.
    let call_in = store
        .documents()
        .unwrap()
        .into_iter()
        .find(|d| d.meta.id == "kentcc-scrutiny-callin-report-2025-03-04")
        .unwrap();
    let coverage = call_in.reading.coverage.unwrap();
    assert!(coverage.covered_lines * 5 < coverage.lines);
    let figure = format!(
        "{} of {} lines are inside an extracted fact",
        coverage.covered_lines, coverage.lines
    );
    assert!(
        coverage
            .warnings
            .iter()
            .any(|w| (w.starts_with("almost nothing was understood")
                || w.starts_with("little was understood"))
                && w.contains(&figure)),
        "{:?}",
        coverage.warnings
    );
}

#[test]
fn running_headers_and_page_numbers_are_not_quoted() {
    // The DHSC PDFs were printed from a browser: date, title, URL and "n/84" on every page.
    let (store, graph) = graph();
    let record = store
        .documents()
        .unwrap()
        .into_iter()
        .find(|d| d.meta.id == "dhsc-report-recommendations-2024-03-21")
        .unwrap();
    let footer = Regex::new(r"(?m)^\d+/84$").unwrap();
    assert!(!footer.is_match(&record.text));
    // The running URL and date stay once, where they first appear; their 83
    // repeats are furniture.
    let pages = record.reading.pages.len();
    assert_eq!(pages, 84);
    for running in [
        "https://www.gov.uk/government/publications/rapid-review-into-data",
        "11/24/25, 5:39 PM",
    ] {
        assert_eq!(record.text.matches(running).count(), 1, "{running}");
    }
    assert!(record.reading.coverage.unwrap().furniture_lines >= 3 * (pages - 1));
    for rec in graph.nodes().filter(|n| {
        n.kind == NodeKind::Recommendation && n.provenance[0].document == record.meta.id
    }) {
        assert!(!rec.prop("text").unwrap().contains("GOV.UK"), "{rec:?}");
    }
}

#[test]
fn re_ingesting_pdf_and_html_changes_nothing() {
    let store = Store::temporary().unwrap();
    let files = [
        real("kentcc-minutes-2024-12-10.pdf"),
        real("mscc-minutes-2020-06-10.html"),
    ];
    for report in ingest_paths(&store, &files).unwrap() {
        assert!(matches!(report.result, Ok((_, Outcome::Added))), "{report}");
    }
    let export = |store: &Store| {
        let mut out = Vec::new();
        scrutiny::export::write_json(&Graph::load(store).unwrap(), "http://x", &mut out).unwrap();
        out
    };
    let before = export(&store);
    for report in ingest_paths(&store, &files).unwrap() {
        assert!(
            matches!(report.result, Ok((_, Outcome::Unchanged))),
            "{report}"
        );
    }
    assert_eq!(export(&store), before);
}

#[test]
fn unreadable_files_are_reported_with_the_reason() {
    let store = Store::temporary().unwrap();
    let reports = ingest_paths(&store, &[fixture("unreadable")]).unwrap();
    let reasons: BTreeMap<String, String> = reports
        .iter()
        .map(|r| {
            let name = r.path.file_name().unwrap().to_string_lossy().into_owned();
            let reason = match &r.result {
                Err(IngestError::Unreadable { source, .. }) => source.to_string(),
                other => format!("{other:?}"),
            };
            (name, reason)
        })
        .collect();
    assert_eq!(reasons.len(), 4, "{reasons:?}");
    assert!(
        reasons["encrypted.pdf"].contains("encrypted PDF"),
        "{reasons:?}"
    );
    assert!(
        reasons["scanned.pdf"].contains("no text layer"),
        "{reasons:?}"
    );
    assert!(
        reasons["damaged.pdf"].contains("damaged PDF"),
        "{reasons:?}"
    );
    assert!(reasons["photo.png"].contains("PNG"), "{reasons:?}");
    assert!(store.is_empty(), "nothing of an unreadable file is stored");
}

#[test]
fn a_government_response_answers_each_recommendation_of_its_report() {
    let bytes = std::fs::read(real("dhsc-govt-response-2024-03-21.pdf")).unwrap();
    let text = scrutiny::read::read("r.pdf", &bytes).unwrap().text;
    let heading = Regex::new(r"(?m)^(?:#+ )?Government response to recommendation (\d+)$").unwrap();
    let expected: BTreeSet<u32> = heading
        .captures_iter(&text)
        .map(|c| c[1].parse().unwrap())
        .collect();
    assert_eq!(expected.len(), 13);
    let (_, graph) = graph();
    let mut answered = BTreeSet::new();
    for response in nodes_of("dhsc-govt-response-2024-03-21", NodeKind::Response) {
        let number: u32 = response.prop("recommendation").unwrap().parse().unwrap();
        let target = graph
            .edges()
            .find(|e| e.kind == EdgeKind::RespondsTo && e.source == response.key)
            .map(|e| e.target.clone())
            .unwrap();
        // The link step found the report the title names by its shortened title.
        let recommendation = graph.nodes().find(|n| n.key == target).unwrap();
        assert_eq!(recommendation.kind, NodeKind::Recommendation);
        assert_eq!(
            recommendation.prop("number"),
            Some(number.to_string().as_str())
        );
        assert_eq!(
            recommendation.provenance[0].document,
            "dhsc-report-recommendations-2024-03-21"
        );
        // The stance's quote is a sentence of the response's own text.
        assert!(response
            .prop("text")
            .unwrap()
            .contains(response.prop("quote").unwrap()));
        answered.insert(number);
    }
    assert_eq!(answered, expected);
    let accepted = nodes_of("dhsc-govt-response-2024-03-21", NodeKind::Response)
        .iter()
        .filter(|r| r.prop("stance") == Some("accepted"))
        .count();
    let supports = Regex::new(r"(?m)^The government supports (?:this|the) recommendation").unwrap();
    assert_eq!(accepted, supports.find_iter(&text).count());
}

#[tokio::test]
async fn graphql_and_http_serve_coverage_pages_and_originals() {
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use http_body_util::BodyExt;
    use scrutiny::api::ApiConfig;
    use scrutiny::index::SharedGraph;
    use tower::ServiceExt;

    let pdf = real("kentcc-minutes-2024-12-10.pdf");
    let store = common::ingest_fresh(std::slice::from_ref(&pdf));
    let graph = SharedGraph::new(Graph::load(&store).unwrap());
    let app = scrutiny::server::router(graph, ApiConfig::new(common::BASE.to_owned()));
    let get = |uri: String| {
        let app = app.clone();
        async move {
            let response = app
                .oneshot(Request::get(uri).body(Body::empty()).unwrap())
                .await
                .unwrap();
            let status = response.status();
            let kind = response
                .headers()
                .get("content-type")
                .map(|v| v.to_str().unwrap().to_owned());
            (
                status,
                kind,
                response.into_body().collect().await.unwrap().to_bytes(),
            )
        }
    };
    let query = r#"{ node(id: "document/kentcc-minutes-2024-12-10") { ... on Document { format pageCount originalSha256 coverage { kind share warnings facts { kind count } } } }
      attendance: node(id: "meeting/corporate-parenting-panel/2024-12-10") { ... on Meeting { attendance(status: "apologies") { provenance { page pageLine firstLine quote } } } } }"#;
    let request = Request::post("/graphql")
        .header("content-type", "application/json")
        .body(Body::from(
            serde_json::json!({ "query": query }).to_string(),
        ))
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let data: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let doc = &data["data"]["node"];
    assert_eq!(doc["format"], "pdf", "{data}");
    assert_eq!(doc["pageCount"], 6);
    assert_eq!(doc["coverage"]["kind"], "minutes");
    let bytes = std::fs::read(&pdf).unwrap();
    use sha2::Digest;
    let sha: String = sha2::Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(doc["originalSha256"], sha.as_str());
    let apologies = data["data"]["attendance"]["attendance"].as_array().unwrap();
    assert_eq!(apologies.len(), 4);
    for a in apologies {
        // The apologies are on the first page of the minutes.
        assert_eq!(a["provenance"][0]["page"], 1, "{a}");
        assert!(a["provenance"][0]["pageLine"].as_u64().unwrap() >= 1);
    }
    let (status, kind, original) =
        get("/source/kentcc-minutes-2024-12-10/original".to_owned()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(kind.as_deref(), Some("application/pdf"));
    assert_eq!(original.as_ref(), bytes.as_slice());
    let (_, _, text) = get("/source/kentcc-minutes-2024-12-10".to_owned()).await;
    // The header, set in bold, is written as bold.
    assert!(String::from_utf8_lossy(&text).starts_with("**CORPORATE PARENTING PANEL"));
}

#[test]
fn html_minutes_attendance_and_the_chair_in_prose() {
    let html = raw("mscc-minutes-2020-06-10.html");
    // The paragraph after <h4>PRESENT</h4>, and the apologies sentence.
    let present_p = Regex::new(r"(?s)<h4>PRESENT</h4>\s*<p>(.*?)</p>").unwrap();
    let present = &present_p.captures(&html).unwrap()[1];
    let count = |list: &str| list.matches(", ").count() + list.matches(" and ").count() + 1;
    let from = html.find("Apologies received from Cllrs. ").unwrap()
        + "Apologies received from Cllrs. ".len();
    let apologies = &html[from..from + html[from..].find('.').unwrap()];
    let mut by_status: BTreeMap<String, usize> = BTreeMap::new();
    for node in nodes_of("mscc-minutes-2020-06-10", NodeKind::Attendance) {
        *by_status
            .entry(node.prop("status").unwrap().to_owned())
            .or_default() += 1;
    }
    assert_eq!(by_status.get("present").copied(), Some(count(present)));
    assert_eq!(by_status.get("apologies").copied(), Some(count(apologies)));
    // "Cllr. O. Williams took the Chair": the Owen Williams of the present list.
    let took = Regex::new(r"Cllr\. (\w)\. (\w+) took the Chair").unwrap();
    let cap = took.captures(&html).unwrap();
    let (_, graph) = graph();
    let chair = graph
        .edges()
        .find(|e| e.kind == EdgeKind::ChairedBy && e.source.ends_with("/2020-06-10"))
        .unwrap();
    let person = graph.nodes().find(|n| n.key == chair.target).unwrap();
    // The key is the core name: given name, then surname.
    let core = person.key.trim_start_matches("person/");
    let (given, surname) = core.split_once('-').unwrap();
    assert_eq!(surname, cap[2].to_lowercase());
    assert!(given.starts_with(&cap[1].to_lowercase()));
    assert!(present
        .to_lowercase()
        .contains(&format!("{given} {surname}")));
}

/// Turns of a committee's oral evidence counted from the raw text by a rule
/// of its own: a line `[Qn ]Label: text` whose label is the chair's or
/// names someone the text lists as a member present or a witness.
fn oral_evidence_turns(text: &str) -> BTreeMap<String, usize> {
    let line = Regex::new(r"^(?:Q\d+ )?([^:]{2,60}): \S").unwrap();
    // The members present, and the witnesses: a "Witnesses:" line, or the
    // first paragraph under a "Witnesses" heading line.
    let lines: Vec<&str> = text.lines().collect();
    let mut listed: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with("Members present:") || l.starts_with("Witnesses:"))
        .collect();
    for (i, l) in lines.iter().enumerate() {
        if l.trim() == "Witnesses" {
            listed.extend(
                lines[i + 1..]
                    .iter()
                    .copied()
                    .find(|n| !n.trim().is_empty()),
            );
        }
    }
    let listed = listed.join(" ");
    let mut counts = BTreeMap::new();
    for l in text
        .lines()
        .filter(|l| !l.starts_with("Members present:") && !l.starts_with("Witnesses:"))
    {
        let Some(cap) = line.captures(l) else {
            continue;
        };
        let label = cap[1].to_owned();
        let bare = label
            .trim_start_matches("Professor ")
            .trim_start_matches("Sir ")
            .trim_start_matches("Dame ")
            .trim_start_matches("Mr ");
        if label == "Chair"
            || label == "The Chair"
            || (label.split(' ').count() >= 2 && listed.contains(bare))
        {
            *counts.entry(label).or_default() += 1;
        }
    }
    counts
}

#[test]
fn oral_evidence_turns_and_the_chair() {
    for (file, id) in [
        (
            "hol-iac-oral-evidence-2026-09-15.txt",
            "hol-iac-oral-evidence-2026-09-15",
        ),
        (
            "hoc-eac-oral-evidence-2026-09-14.txt",
            "hoc-eac-oral-evidence-2026-09-14",
        ),
    ] {
        let text = raw(file);
        let expected = oral_evidence_turns(&text);
        assert!(
            expected.values().sum::<usize>() >= 30,
            "{file}: {expected:?}"
        );
        let mut found: BTreeMap<String, usize> = BTreeMap::new();
        for statement in nodes_of(id, NodeKind::Statement) {
            *found
                .entry(statement.prop("speaker_label").unwrap().to_owned())
                .or_default() += 1;
        }
        assert_eq!(found, expected, "{file}");
        // "(The Chair)" / "(Chair)" in the members present: the chair's turns are theirs.
        let chair_line = text
            .lines()
            .find(|l| l.starts_with("Members present:"))
            .unwrap();
        let chair_name =
            chair_line["Members present: ".len()..chair_line.find(" (").unwrap()].to_owned();
        let (_, graph) = graph();
        let chair_turns: Vec<&Node> = nodes_of(id, NodeKind::Statement)
            .into_iter()
            .filter(|s| {
                s.prop("speaker_label")
                    .is_some_and(|l| l.ends_with("Chair"))
            })
            .collect();
        assert!(!chair_turns.is_empty());
        for turn in chair_turns {
            let speaker = graph
                .edges()
                .find(|e| e.kind == EdgeKind::Spoke && e.target == turn.key)
                .unwrap();
            let person = graph.nodes().find(|n| n.key == speaker.source).unwrap();
            assert!(
                chair_name.contains(person.name.split(' ').next_back().unwrap())
                    || person.name.contains(&chair_name),
                "{} for {chair_name}",
                person.name
            );
        }
        // Every member listed present has an attendance record (the
        // witnesses are guests, tested apart).
        let listed = chair_line.trim_end_matches('.').split("; ").count();
        let members = nodes_of(id, NodeKind::Attendance)
            .into_iter()
            .filter(|a| a.prop("status") != Some("guest"))
            .count();
        assert_eq!(members, listed, "{file}");
    }
}

#[test]
fn parish_minutes_with_roles_after_dashes() {
    let text = raw("helpringham-minutes-2018-05-09.txt");
    let present = text.lines().find(|l| l.starts_with("Present:")).unwrap();
    let expected_present = present.matches(", ").count() + present.matches(" and ").count() + 1;
    let apologies = text
        .lines()
        .find(|l| l.starts_with("Apologies received from"))
        .unwrap();
    let list = apologies.split(". ").next().unwrap();
    let expected_apologies = list.matches(", ").count() + list.matches(" and ").count() + 1;
    let mut by_status: BTreeMap<String, usize> = BTreeMap::new();
    for node in nodes_of("helpringham-minutes-2018-05-09", NodeKind::Attendance) {
        *by_status
            .entry(node.prop("status").unwrap().to_owned())
            .or_default() += 1;
    }
    assert_eq!(by_status.get("present").copied(), Some(expected_present));
    assert_eq!(
        by_status.get("apologies").copied(),
        Some(expected_apologies)
    );
    // "– Chairman" after a name is the chair's role; "the Clerk – Name" before one.
    let roles: BTreeSet<String> = nodes_of("helpringham-minutes-2018-05-09", NodeKind::Attendance)
        .iter()
        .filter_map(|n| n.prop("role").map(str::to_owned))
        .collect();
    assert_eq!(
        roles,
        BTreeSet::from(["Chairman".to_owned(), "Clerk".to_owned()])
    );
}

#[test]
fn a_report_to_cabinet_has_its_one_recommendation() {
    let bytes = std::fs::read(real("kentcc-scrutiny-callin-report-2025-03-04.pdf")).unwrap();
    let text = scrutiny::read::read("r.pdf", &bytes).unwrap().text;
    // The paragraph after the "Recommendation:" line, as the text has it.
    let at = text.find("Recommendation:").unwrap();
    let from = at + text[at..].find('\n').unwrap() + 1;
    let paragraph = text[from..].trim_start();
    let paragraph = &paragraph[..paragraph.find("\n\n").unwrap()];
    let expected = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
    let recs = nodes_of(
        "kentcc-scrutiny-callin-report-2025-03-04",
        NodeKind::Recommendation,
    );
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0].prop("text"), Some(expected.as_str()));
    assert_eq!(recs[0].prop("number"), Some("1"));
}

#[test]
fn seed_documents_are_classified_by_the_same_evidence() {
    let store = common::ingest_fresh(&[common::seed_dir()]);
    let kinds: BTreeMap<String, DocumentKind> = store
        .documents()
        .unwrap()
        .into_iter()
        .map(|d| (d.meta.kind.clone(), d.reading.coverage.unwrap().kind))
        .collect();
    // The manifest's kinds against the evidence's.
    assert_eq!(kinds["agenda-pack"], DocumentKind::Agenda);
    assert_eq!(kinds["letter"], DocumentKind::Letter);
    let pack = store
        .documents()
        .unwrap()
        .into_iter()
        .find(|d| d.meta.kind == "agenda-pack")
        .unwrap();
    let regions: BTreeSet<DocumentKind> = pack
        .reading
        .coverage
        .unwrap()
        .regions
        .iter()
        .map(|r| r.kind)
        .collect();
    assert!(regions.is_superset(&BTreeSet::from([
        DocumentKind::Agenda,
        DocumentKind::Minutes,
        DocumentKind::Transcript
    ])));
}

#[test]
fn lettered_parts_of_recommendations() {
    // Items of each `<ol type="a">` of the raw page, nested lists not counted.
    let html = raw("leveson-report-recommendations-2012-11-29.html");
    let tag = Regex::new(r#"<(/?)(ol|li)\b([^>]*)>"#).unwrap();
    let mut stack: Vec<bool> = Vec::new(); // is each open <ol> lettered?
    let mut expected = 0;
    for cap in tag.captures_iter(&html) {
        match (&cap[1], &cap[2]) {
            ("", "ol") => stack.push(cap[3].contains(r#"type="a""#)),
            ("/", "ol") => {
                stack.pop();
            }
            ("", "li") if stack.last() == Some(&true) => expected += 1,
            _ => {}
        }
    }
    assert!(expected > 20);
    let parts: Vec<&Node> = nodes_of(
        "leveson-report-recommendations-2012-11-29",
        NodeKind::Recommendation,
    )
    .into_iter()
    .filter(|n| n.prop("part").is_some())
    .collect();
    assert_eq!(parts.len(), expected);
    let (_, graph) = graph();
    for part in parts {
        // Each is part of its whole, whose text holds the part's.
        let whole = graph
            .edges()
            .find(|e| e.kind == EdgeKind::PartOf && e.source == part.key)
            .map(|e| e.target.clone())
            .unwrap();
        let whole = graph.nodes().find(|n| n.key == whole).unwrap();
        assert_eq!(whole.prop("number"), part.prop("number"));
        assert!(whole
            .prop("text")
            .unwrap()
            .contains(part.prop("text").unwrap()));
    }
}

#[test]
fn minutes_need_no_manifest() {
    // What the text says is found without a manifest: the same file alone in
    // a folder gives its meeting and every attendance record.
    // Minutes of every layout: a PDF, a pack of two meetings, HTML in
    // English and in Welsh.
    for name in [
        "kentcc-minutes-2024-12-10.pdf",
        "merton-agendapack-minutes-2009-10-22.pdf",
        "mscc-minutes-2020-06-10.html",
        "mscc-minutes-cy-2020-06-10.html",
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(real(name), dir.path().join(name)).unwrap();
        let store = common::ingest_fresh(&[dir.path().to_owned()]);
        let alone = Graph::load(&store).unwrap();
        let count =
            |graph: &Graph, kind: NodeKind| graph.nodes().filter(|n| n.kind == kind).count();
        let id = name.rsplit_once('.').unwrap().0;
        let attendance = nodes_of(id, NodeKind::Attendance).len();
        let meetings = nodes_of(id, NodeKind::Meeting).len();
        assert!(attendance >= 10, "{name}: {attendance}");
        assert_eq!(count(&alone, NodeKind::Attendance), attendance, "{name}");
        assert_eq!(count(&alone, NodeKind::Meeting), meetings, "{name}");
    }
}

#[test]
fn a_response_finds_its_report_without_a_manifest() {
    // The titles come from the PDFs' own title headings (broken over lines).
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "dhsc-report-recommendations-2024-03-21.pdf",
        "dhsc-govt-response-2024-03-21.pdf",
    ] {
        std::fs::copy(real(name), dir.path().join(name)).unwrap();
    }
    let store = common::ingest_fresh(&[dir.path().to_owned()]);
    let alone = Graph::load(&store).unwrap();
    let recommendations: BTreeSet<&str> = alone
        .nodes()
        .filter(|n| n.kind == NodeKind::Recommendation)
        .map(|n| n.key.as_str())
        .collect();
    let answered: BTreeSet<&str> = alone
        .edges()
        .filter(|e| e.kind == EdgeKind::RespondsTo)
        .map(|e| e.target.as_str())
        .collect();
    // With a manifest, as counted there: 13 recommendations, each answered.
    let with_manifest = nodes_of(
        "dhsc-report-recommendations-2024-03-21",
        NodeKind::Recommendation,
    )
    .len();
    assert_eq!(recommendations.len(), with_manifest);
    assert_eq!(answered, recommendations);
}

/// The appendix of the Commons Library briefing: a table of lettered
/// recommendation rows with a code (F, P) per government, defined in the
/// table's title. The independent reading is poppler's own `-layout` mode,
/// which sets each row's codes at the end of its first line.
#[test]
fn a_table_of_stances_gives_each_row_a_response_per_code() {
    let path = real("hoclibrary-briefing-recs-responses-2025-06-05.pdf");
    let layout = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let layout = String::from_utf8(layout.stdout).unwrap();
    let from = layout.find("Appendix 1: Full summary").unwrap();
    let row =
        Regex::new(r"^\s*(\d{1,2})([a-z](?:-[a-z])?)(?:\s*\(([ivx]+(?:-[ivx]+)?)\))?\s").unwrap();
    // (number, part path) → (codes F, codes P), from the trailing codes of each row.
    let mut expected: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for line in layout[from..].lines() {
        let Some(cap) = row.captures(line) else {
            continue;
        };
        let mut part = cap[2].to_owned();
        if let Some(roman) = cap.get(3) {
            part = format!("{part}/{}", roman.as_str());
        }
        let codes: Vec<&str> = line
            .split_whitespace()
            .rev()
            .take_while(|w| *w == "F" || *w == "P")
            .collect();
        let full = codes.iter().filter(|c| **c == "F").count();
        expected.insert(format!("{}/{part}", &cap[1]), (full, codes.len() - full));
    }
    assert!(expected.len() >= 30, "{} rows", expected.len());
    let doc = "hoclibrary-briefing-recs-responses-2025-06-05";
    let (_, graph) = graph();
    let mut found: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for node in nodes_of(doc, NodeKind::Response) {
        let target = graph
            .edges()
            .find(|e| e.kind == EdgeKind::RespondsTo && e.source == node.key)
            .map(|e| e.target.clone())
            .unwrap();
        let (_, path) = target.rsplit_once("/recommendation/").unwrap();
        if !path.contains('/') {
            continue; // a whole, from the summary table
        }
        let entry = found.entry(path.to_owned()).or_default();
        match node.prop("stance") {
            Some("accepted") => entry.0 += 1,
            Some("accepted-in-principle") => entry.1 += 1,
            other => panic!("{}: {other:?}", node.key),
        }
        // Each response names its government: the heading of its column.
        assert!(
            graph
                .edges()
                .any(|e| e.kind == EdgeKind::Respondent && e.source == node.key),
            "{}",
            node.key
        );
    }
    assert_eq!(found, expected);
    // The codes' meanings are quoted from the legend.
    let legend: BTreeSet<String> = nodes_of(doc, NodeKind::Response)
        .iter()
        .flat_map(|n| n.provenance.iter().skip(1).map(|p| p.quote.clone()))
        .filter(|q| q.contains('('))
        .collect();
    assert!(
        legend.iter().any(|q| q.ends_with("in full (F)")),
        "{legend:?}"
    );
    assert!(
        legend.iter().any(|q| q.ends_with("in principle (P)")),
        "{legend:?}"
    );
}

/// Attendance a sentence tells: a guest the chair welcomed, an officer "in
/// attendance for this item", and one a list already names by initials,
/// who keeps the list's one record. The expected names are read from the
/// sentences here, not from the parser.
#[test]
fn attendance_told_in_prose() {
    let dir = fixture("prose-attendance");
    let text = std::fs::read_to_string(dir.join("harbour-panel-minutes.txt")).unwrap();
    let store = Store::temporary().unwrap();
    for report in ingest_paths(&store, &[dir]).unwrap() {
        assert!(report.result.is_ok(), "{report}");
    }
    let graph = Graph::load(&store).unwrap();
    // (quote, status) of the attendance records whose quote holds a name.
    let by_name = |name: &str| -> Vec<(String, String)> {
        graph
            .nodes()
            .filter(|n| n.kind == NodeKind::Attendance)
            .filter_map(|n| {
                let quote = &n.provenance[0].quote;
                quote
                    .contains(name)
                    .then(|| (quote.clone(), n.prop("status").unwrap_or("").to_owned()))
            })
            .collect()
    };
    // The welcomed guest: the name between "welcomed" and its first comma.
    let from = text.find("welcomed ").unwrap() + "welcomed ".len();
    let guest = &text[from..from + text[from..].find(',').unwrap()];
    let guest_surname = guest.split_whitespace().last().unwrap();
    assert_eq!(
        by_name(guest_surname),
        [(guest.to_owned(), "guest".to_owned())]
    );
    // Each "X, role, was in attendance": an officer, once.
    let mut officers = 0;
    for sentence in text.split(". ") {
        let Some(at) = sentence.find(" was in attendance") else {
            continue;
        };
        let subject = sentence[..at].rsplit('\n').next().unwrap();
        let name = subject.split(", ").next().unwrap().trim();
        let surname = name.split_whitespace().last().unwrap();
        let records = by_name(surname);
        assert_eq!(records.len(), 1, "{name}: {records:?}");
        assert_eq!(records[0].1, "officer", "{name}");
        officers += 1;
    }
    assert_eq!(officers, 2);
}

/// The Welsh minutes of a community council: "PRESENNOL" over the members,
/// "Derbyniwyd ymddiheuriadau gan y Cynghorwyr …" (apologies were received
/// from the councillors), names joined by "a" / "a’r". Counted here from the
/// raw page's text; the Welsh and English minutes of one meeting record the
/// same people with the same statuses, in one meeting.
#[test]
fn welsh_minutes_give_the_same_attendance_as_the_english() {
    let html = raw("mscc-minutes-cy-2020-06-10.html");
    let text = scrutiny::read::read("m.html", html.as_bytes())
        .unwrap()
        .text;
    let count = |list: &str| {
        list.split(", ")
            .flat_map(|p| p.split(" a’r "))
            .flat_map(|p| p.split(" a "))
            .filter(|p| !p.trim().is_empty())
            .count()
    };
    let from = text.find("PRESENNOL").unwrap() + "PRESENNOL".len();
    let present = text[from..].trim_start().lines().next().unwrap();
    let from = text.find("ymddiheuriadau gan y ").unwrap() + "ymddiheuriadau gan y ".len();
    let apologies = text[from..].split('.').next().unwrap();
    let statuses = |doc: &str| -> BTreeMap<String, String> {
        nodes_of(doc, NodeKind::Attendance)
            .iter()
            .map(|n| (n.key.clone(), n.prop("status").unwrap().to_owned()))
            .collect()
    };
    let welsh = statuses("mscc-minutes-cy-2020-06-10");
    let english = statuses("mscc-minutes-2020-06-10");
    let present_count = welsh.values().filter(|s| *s == "present").count();
    let apologies_count = welsh.values().filter(|s| *s == "apologies").count();
    assert_eq!(present_count, count(present), "{present}");
    assert_eq!(apologies_count, count(apologies), "{apologies}");
    assert_eq!(welsh, english);
}

/// Bold in a PDF: the paragraphs poppler's `pdftohtml -xml` sets wholly in
/// `<b>` are the blocks the outline marks emphasised. Counted per visual
/// line of page 1 from that tool's own output.
#[test]
fn bold_paragraphs_of_a_pdf_are_emphasised_blocks() {
    let path = real("kentcc-minutes-2024-12-10.pdf");
    let xml = std::process::Command::new("pdftohtml")
        .args([
            "-xml", "-i", "-q", "-zoom", "1", "-stdout", "-f", "1", "-l", "1",
        ])
        .arg(&path)
        .output()
        .expect("pdftohtml runs")
        .stdout;
    let xml = String::from_utf8(xml).unwrap();
    let fragment = Regex::new(r#"<text top="(\d+)"[^>]*>(.*?)</text>"#).unwrap();
    // top → (all fragments bold, any text)
    let mut lines: BTreeMap<u32, (bool, bool)> = BTreeMap::new();
    for cap in fragment.captures_iter(&xml) {
        let inner = &cap[2];
        let text = inner.replace("<b>", "").replace("</b>", "");
        if text.trim().is_empty() {
            continue;
        }
        let bold = inner.starts_with("<b>") && inner.ends_with("</b>");
        let entry = lines
            .entry(cap[1].parse().unwrap())
            .or_insert((true, false));
        entry.0 &= bold;
        entry.1 = true;
    }
    let expected = lines.values().filter(|(bold, any)| *bold && *any).count();
    let bytes = std::fs::read(&path).unwrap();
    let reading = scrutiny::read::read("m.pdf", &bytes).unwrap();
    let src = scrutiny::text::Source::new("m", &reading.text);
    let page_two = reading.pages.iter().find(|p| p.page == 2).unwrap().line as usize;
    let emphasised: usize = scrutiny::read::blocks::outline(&src)
        .iter()
        .filter(|b| b.emphasis && b.last < page_two)
        .map(|b| b.last - b.first + 1)
        .sum();
    assert!(expected >= 3, "{expected}");
    assert_eq!(emphasised, expected);
}

/// A name broken over a line at its hyphen ("Derek Crow-" / "Brown") is one
/// person, not also a person cut at the break.
#[test]
fn no_person_is_a_name_cut_at_a_line_break() {
    let (store, graph) = graph();
    let texts: BTreeMap<String, String> = store
        .documents()
        .unwrap()
        .into_iter()
        .map(|d| (d.meta.id.clone(), d.text.clone()))
        .collect();
    let mut checked = 0;
    for node in graph.nodes().filter(|n| n.kind == NodeKind::Person) {
        for span in &node.provenance {
            let Some(text) = texts.get(&span.document) else {
                continue;
            };
            let Some(line) = text.lines().nth(span.first_line as usize - 1) else {
                continue;
            };
            if span.first_line == span.last_line && line.trim_end().ends_with('-') {
                let cut = format!("{}-", span.quote);
                assert!(!line.trim_end().ends_with(&cut), "{}: {line}", node.key);
                checked += 1;
            }
        }
    }
    assert!(checked > 0);
}

/// Search over every paragraph of the real documents too: a phrase from the
/// longest line of each finds the paragraph holding it.
#[test]
fn every_paragraph_of_the_real_documents_is_searchable() {
    let (_, graph) = graph();
    let index = scrutiny::search::SearchIndex::in_memory(graph).unwrap();
    let mut checked = 0;
    for record in graph.documents() {
        let Some((n, line, phrase)) = common::phrase_of_longest_line(&record.text) else {
            continue;
        };
        let filters = scrutiny::search::Filters {
            paragraphs: true,
            document: Some(scrutiny::keys::document(&record.meta.id)),
            ..Default::default()
        };
        let hits = index
            .search(graph, &format!("\"{phrase}\""), &filters, 0, 100)
            .unwrap();
        assert!(
            hits.hits
                .iter()
                .any(|h| h.paragraph.as_ref().is_some_and(|p| p.first_line <= n
                    && n <= p.last_line
                    && p.text.contains(line))),
            "{}: {phrase:?} (line {n})",
            record.meta.id
        );
        checked += 1;
    }
    assert!(checked >= 12, "{checked}");
}

/// Two names that may be one person (issue 10, item 2): "Mr J Betts" and
/// "Mr John Betts" stay two nodes with a `possible-same-as` edge each way,
/// and every such edge is borne out by the names as the texts write them.
#[test]
fn names_that_may_be_one_person_are_candidates_not_merged() {
    let (_, graph) = graph();
    let initials =
        Regex::new(r"^(?:(?:Mr|Mrs|Ms|Miss|Cllr|Councillor)\.? )?((?:[A-Z]\.? )+)(\S+)$").unwrap();
    let full = Regex::new(
        r"^(?:(?:Mr|Mrs|Ms|Miss|Cllr|Councillor|Dr)\.? )?([A-Z][a-z]+) (?:[A-Z][a-z]+ )*(\S+)$",
    )
    .unwrap();
    // Independently: a name of initials and a full name whose first initial
    // and surname agree, among the people the texts name.
    let names: Vec<(&str, &str)> = graph
        .nodes()
        .filter(|n| n.kind == NodeKind::Person)
        .map(|n| (n.key.as_str(), n.name.as_str()))
        .collect();
    let mut expected = BTreeSet::new();
    for (k1, n1) in &names {
        let Some(a) = initials.captures(n1) else {
            continue;
        };
        for (k2, n2) in &names {
            let Some(b) = full.captures(n2) else { continue };
            let sexes = |n: &str| {
                if n.starts_with("Mr ") {
                    Some('m')
                } else if ["Mrs ", "Ms ", "Miss "].iter().any(|t| n.starts_with(t)) {
                    Some('f')
                } else {
                    None
                }
            };
            let clash = matches!((sexes(n1), sexes(n2)), (Some(x), Some(y)) if x != y);
            if a[2] == b[2] && a[1].starts_with(&b[1][..1]) && !clash && k1 != k2 {
                expected.insert((k1.to_string(), k2.to_string()));
            }
        }
    }
    assert!(!expected.is_empty());
    let found: BTreeSet<(String, String)> = graph
        .edges()
        .filter(|e| e.kind == EdgeKind::PossibleSameAs)
        .map(|e| (e.source.clone(), e.target.clone()))
        .collect();
    for pair in &expected {
        assert!(found.contains(pair), "{pair:?} is no candidate");
        assert!(
            found.contains(&(pair.1.clone(), pair.0.clone())),
            "{pair:?} one way only"
        );
        // Kept apart: both are nodes.
        assert!(graph.get(&pair.0).is_some() && graph.get(&pair.1).is_some());
    }
    // People's candidates (organisations have their own, `same_org`).
    for edge in graph
        .edges()
        .filter(|e| e.kind == EdgeKind::PossibleSameAs && e.source.starts_with("person/"))
    {
        assert!(
            edge.prop("evidence")
                .is_some_and(|e| e.contains("initial of")),
            "{edge:?}"
        );
    }
}

/// Parliament's oral evidence names its witnesses in a paragraph under
/// "Witnesses" ("Name, Role, Organisation; …"): each is a guest of the
/// meeting the transcript records, with the role given there.
#[test]
fn a_hearings_witnesses_are_guests_of_its_meeting() {
    let (_, graph) = graph();
    let panel = Regex::new(r"^[IVX]+:\s*").unwrap();
    let mut checked = 0;
    for file in [
        "hoc-eac-oral-evidence-2026-09-14.txt",
        "hol-iac-oral-evidence-2026-09-15.txt",
    ] {
        let text = raw(file);
        let lines: Vec<&str> = text.lines().collect();
        let at = lines.iter().position(|l| l.trim() == "Witnesses").unwrap();
        let list = lines[at + 1..]
            .iter()
            .find(|l| !l.trim().is_empty())
            .unwrap();
        let list = panel.replace(list.trim(), "");
        for entry in list.split("; ") {
            let entry = entry.trim_start_matches("and ");
            let (name, role) = entry.split_once(", ").unwrap();
            let guest = graph
                .nodes()
                .filter(|n| n.kind == NodeKind::Attendance && n.prop("status") == Some("guest"))
                .find(|n| {
                    let person = graph
                        .edges()
                        .find(|e| e.kind == EdgeKind::Attendee && e.source == n.key)
                        .and_then(|e| graph.get(&e.target))
                        .map(|p| graph.node(p).name.clone())
                        .unwrap_or_default();
                    !person.is_empty() && name.contains(person.split(' ').next_back().unwrap())
                })
                .unwrap_or_else(|| panic!("{file}: {name} is no guest"));
            assert!(
                role.starts_with(guest.prop("role").unwrap()),
                "{role:?} vs {:?}",
                guest.prop("role")
            );
            checked += 1;
        }
    }
    assert!(checked > 0);
}
