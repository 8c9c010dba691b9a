//! The meetings, guests and people the graph finds in the real fixtures and
//! in the seed, measured against independent careful counts made from the
//! raw files (`tests/fixtures/careful/real-meetings.tsv`, `real-guests.tsv`,
//! `real-people.tsv`, and the `seed-` files of the same names; the README
//! there says how they were made).
//!
//! How a counted row is found:
//! - a **meeting** (file, date): a meeting node the file is cited for, on
//!   that date (its date or any reading of it);
//! - a **guest** (file, meeting date, person; named in a list or in
//!   prose): an attendance node the file is cited for, at a meeting of that
//!   date, whose person has the guest's surname;
//! - a **person** (file, name and variants): a person node the file is
//!   cited for (by the node or an edge at it) whose name or an alias has the
//!   surname of a variant, and the same first name or initial where both
//!   give one;
//! - a **stance** (file, recommendation, respondent, stance): the response
//!   the file gives to that recommendation (its label as a key's tail,
//!   "10a (ii-iii)" → `…/recommendation/10/a/ii-iii`) by a respondent of
//!   that name or alias — or the only response to it, where the count has
//!   only one — holds the same stance. No response at all reads as
//!   `not-addressed`: an empty cell of a table of responses is not answered.
//!
//! The floors are the figures measured when each rule landed, so a change
//! that loses what was found fails; the target is every row, and the test
//! prints what it missed.

mod common;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use serde_json::Value;

/// The rows of a careful count, as maps from the header's column names.
fn rows(file: &str) -> Vec<HashMap<String, String>> {
    let text = std::fs::read_to_string(common::fixture("careful").join(file)).expect("count");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split('\t').collect();
    lines
        .map(|row| {
            let cols: Vec<&str> = row.split('\t').collect();
            assert_eq!(cols.len(), header.len(), "{file}: {row}");
            header
                .iter()
                .zip(cols)
                .map(|(h, c)| ((*h).to_owned(), c.to_owned()))
                .collect()
        })
        .collect()
}

/// A counted set of documents: the real fixtures or the seed.
#[derive(Clone, Copy, PartialEq)]
enum Set {
    Real,
    Seed,
}

impl Set {
    fn dir(self) -> PathBuf {
        match self {
            Set::Real => common::fixture("real"),
            Set::Seed => common::seed_dir(),
        }
    }

    /// The careful count of one kind ("meetings", "guests", "people").
    fn rows(self, kind: &str) -> Vec<HashMap<String, String>> {
        let prefix = match self {
            Set::Real => "real",
            Set::Seed => "seed",
        };
        rows(&format!("{prefix}-{kind}.tsv"))
    }

    /// The set ingested once and exported as JSON.
    fn export(self) -> &'static Value {
        static REAL: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
        static SEED: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
        let cell = match self {
            Set::Real => &REAL,
            Set::Seed => &SEED,
        };
        cell.get_or_init(|| {
            let store = common::ingest_fresh(&[self.dir()]);
            serde_json::from_str(&common::export(&store)).expect("json")
        })
    }

    /// A counted file's document id, as the set's manifest gives it.
    fn document_of(self, file: &str) -> String {
        let manifest: Value = serde_json::from_str(
            &std::fs::read_to_string(self.dir().join("manifest.json")).expect("manifest"),
        )
        .expect("manifest json");
        manifest["documents"]
            .as_array()
            .expect("documents")
            .iter()
            .find(|d| d["file"] == file)
            .and_then(|d| d["id"].as_str())
            .unwrap_or_else(|| panic!("{file} is not in the manifest"))
            .to_owned()
    }
}

/// The documents each node is cited for, by its own provenance or by the
/// provenance of an edge at it.
fn cited(export: &Value) -> HashMap<String, HashSet<String>> {
    let mut cited: HashMap<String, HashSet<String>> = HashMap::new();
    let docs = |v: &Value| -> Vec<String> {
        v["provenance"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p["document"].as_str().map(str::to_owned))
            .collect()
    };
    for n in export["nodes"].as_array().expect("nodes") {
        let id = n["id"].as_str().expect("id").to_owned();
        cited.entry(id).or_default().extend(docs(n));
    }
    for e in export["edges"].as_array().expect("edges") {
        for end in ["source", "target"] {
            let id = e[end].as_str().expect("end").to_owned();
            cited.entry(id).or_default().extend(docs(e));
        }
    }
    cited
}

/// Titles, honours and ranks that are not part of the name compared.
const NOT_NAME: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "cllr",
    "cllrs",
    "councillor",
    "councillors",
    "lord",
    "lady",
    "baroness",
    "sir",
    "dame",
    "professor",
    "prof",
    "kc",
    "qc",
    "mp",
    "the",
    "rt",
    "hon",
    "right",
    "honourable",
    "cynghorydd",
    "cyng",
    "judge",
    "justice",
    "rev",
    "reverend",
    "obe",
    "mbe",
    "cbe",
    "dbe",
    "cb",
    "qpm",
    "cvo",
    "lvo",
    "kcb",
    "dcb",
    "kbe",
    "dl",
    "am",
];

/// A name's words compared: lower case, without brackets, titles and
/// honours ("Councillor Chris Edge (Chairman)" → ["chris", "edge"]).
fn name_words(name: &str) -> Vec<String> {
    let mut bare = String::new();
    let mut depth = 0;
    for c in name.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth == 0 => bare.push(c),
            _ => {}
        }
    }
    bare.split_whitespace()
        .map(|w| {
            w.replace('’', "'")
                .trim_matches(|c: char| ".,'[]".contains(c))
                .to_lowercase()
        })
        .filter(|w| !w.is_empty() && !NOT_NAME.contains(&w.as_str()))
        .collect()
}

/// Two names of one person: the same surname, and the same first name or
/// initial where both give one.
fn same_person(a: &[String], b: &[String]) -> bool {
    let (Some(sa), Some(sb)) = (a.last(), b.last()) else {
        return false;
    };
    if sa != sb {
        return false;
    }
    match (a.len() > 1, b.len() > 1) {
        (true, true) => a[0] == b[0] || a[0].chars().next() == b[0].chars().next(),
        _ => true,
    }
}

fn nodes_of<'a>(export: &'a Value, kind: &'a str) -> impl Iterator<Item = &'a Value> {
    export["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter(move |n| n["kind"] == kind)
}

fn percent(found: usize, of: usize) -> f64 {
    found as f64 / of.max(1) as f64
}

#[test]
fn every_careful_quote_is_on_its_line() {
    let mut checked = 0;
    let mut wrong = Vec::new();
    let counts = [Set::Real, Set::Seed]
        .into_iter()
        .flat_map(|set| ["meetings", "guests", "people", "stances"].map(|kind| (set, kind)));
    for (set, count) in counts {
        for row in set.rows(count) {
            let file = &row["file"];
            let path: PathBuf = set.dir().join(file);
            let bytes = std::fs::read(&path).expect("counted file");
            let line = &row["line"];
            let haystack = if let Some(at) = line.strip_prefix('p') {
                // As the readers read it: `pdftotext -layout`, that page
                // ("p4"), or that line of the page ("p4:34").
                let (page, line_of_page) = match at.split_once(':') {
                    Some((page, n)) => (page, Some(n.parse::<usize>().expect("line of page"))),
                    None => (at, None),
                };
                let out = std::process::Command::new("pdftotext")
                    .args(["-layout", "-f", page, "-l", page])
                    .arg(&path)
                    .arg("-")
                    .output()
                    .expect("pdftotext (poppler-utils)");
                let text = String::from_utf8_lossy(&out.stdout).into_owned();
                match line_of_page {
                    Some(n) => text.lines().nth(n - 1).unwrap_or_default().to_owned(),
                    None => text,
                }
            } else {
                let text = String::from_utf8(bytes).expect("utf-8");
                let n: usize = line.parse().expect("line number");
                let raw = text.lines().nth(n - 1).expect("line in file").to_owned();
                if file.ends_with(".html") {
                    scraper::Html::parse_fragment(&raw)
                        .root_element()
                        .text()
                        .collect()
                } else {
                    raw
                }
            };
            // Spacing is not compared: layout columns, a footnote mark
            // against its word ("Jackson.76"), Markdown's emphasis.
            let bare = |s: &str| {
                s.replace(['’', '‘'], "'")
                    .replace("**", "")
                    .replace('\\', "")
                    .split_whitespace()
                    .collect::<String>()
            };
            let on_line = bare(&haystack).contains(&bare(&row["quote"]));
            if !on_line {
                wrong.push(format!("{count}: {file}:{line}: {:?}", row["quote"]));
            }
            checked += 1;
        }
    }
    assert!(
        checked >= 53 + 78 + 382 + 173 + 38 + 39 + 115 + 15,
        "rows of the counts: {checked}"
    );
    assert!(
        wrong.is_empty(),
        "quotes not on their lines:\n{}",
        wrong.join("\n")
    );
}

/// Meetings found of the set's careful count: (found, counted).
fn meetings_found(set: Set) -> (usize, usize) {
    let export = set.export();
    let cited = cited(export);
    let mut dated: HashSet<(String, String)> = HashSet::new();
    for m in nodes_of(export, "meeting") {
        let props = &m["properties"];
        let mut dates: Vec<String> = props["date"]
            .as_str()
            .map(str::to_owned)
            .into_iter()
            .collect();
        if let Some(readings) = props["date_readings"].as_str() {
            let readings: Value = serde_json::from_str(readings).expect("readings json");
            dates.extend(
                readings
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|r| r["date"].as_str().map(str::to_owned)),
            );
        }
        for doc in &cited[m["id"].as_str().expect("id")] {
            for date in &dates {
                dated.insert((doc.clone(), date.clone()));
            }
        }
    }
    let counted = set.rows("meetings");
    let mut found: HashMap<&str, (usize, usize)> = HashMap::new();
    for row in &counted {
        let hit = dated.contains(&(set.document_of(&row["file"]), row["date"].clone()));
        let entry = found.entry(row["how"].as_str()).or_default();
        entry.1 += 1;
        if hit {
            entry.0 += 1;
        } else {
            eprintln!(
                "  missed ({}): {} {} {} — {}",
                row["how"], row["file"], row["body"], row["date"], row["quote"]
            );
        }
    }
    let total: usize = found.values().map(|f| f.0).sum();
    eprintln!(
        "meetings: {total} of {} found; by how stated: {found:?}",
        counted.len()
    );
    // Every meeting a document is the record of, and every meeting whose
    // minutes it approves, must be there.
    for how in ["the meeting's own record", "approved minutes"] {
        let (hit, of) = found[how];
        assert_eq!(hit, of, "{how}: {hit} of {of}");
    }
    (total, counted.len())
}

#[test]
fn real_meetings_against_the_careful_count() {
    let (found, counted) = meetings_found(Set::Real);
    assert!(
        percent(found, counted) >= MEETINGS,
        "meetings {found} of {counted} < {MEETINGS}"
    );
}

#[test]
fn seed_meetings_against_the_careful_count() {
    let (found, counted) = meetings_found(Set::Seed);
    assert!(
        percent(found, counted) >= SEED_MEETINGS,
        "meetings {found} of {counted} < {SEED_MEETINGS}"
    );
}

/// Guests found of the set's careful count, by where they are named ("list",
/// "prose"): (found, counted).
fn guests_found(set: Set) -> HashMap<String, (usize, usize)> {
    let export = set.export();
    let cited = cited(export);
    let people: HashMap<&str, &Value> = nodes_of(export, "person")
        .map(|n| (n["id"].as_str().expect("id"), n))
        .collect();
    let meetings: HashMap<&str, &str> = nodes_of(export, "meeting")
        .filter_map(|n| Some((n["id"].as_str()?, n["properties"]["date"].as_str()?)))
        .collect();
    // Each attendance: (document, meeting date, the person's name words).
    let mut at: HashMap<&str, (Option<&str>, Vec<Vec<String>>)> = HashMap::new();
    for e in export["edges"].as_array().expect("edges") {
        let (source, target) = (e["source"].as_str().unwrap(), e["target"].as_str().unwrap());
        match e["kind"].as_str() {
            Some("attended") => at.entry(source).or_default().0 = meetings.get(target).copied(),
            Some("attendee") => {
                if let Some(p) = people.get(target) {
                    let names = std::iter::once(&p["name"])
                        .chain(p["aliases"].as_array().into_iter().flatten())
                        .filter_map(Value::as_str)
                        .map(name_words)
                        .collect();
                    at.entry(source).or_default().1 = names;
                }
            }
            _ => {}
        }
    }
    let counted: Vec<_> = set.rows("guests");
    let mut found: HashMap<String, (usize, usize)> = HashMap::new();
    for row in &counted {
        let doc = set.document_of(&row["file"]);
        let guest = name_words(&row["person"]);
        let hit = at.iter().any(|(id, (date, names))| {
            *date == Some(row["meeting date"].as_str())
                && cited[*id].contains(&doc)
                && names.iter().any(|n| n.last() == guest.last())
        });
        let entry = found.entry(row["source"].clone()).or_default();
        entry.1 += 1;
        if hit {
            entry.0 += 1;
        } else {
            eprintln!(
                "  missed ({}): {} {} {}",
                row["source"], row["file"], row["meeting date"], row["person"]
            );
        }
    }
    eprintln!("guests (found, counted) by where they are named: {found:?}");
    found
}

#[test]
fn real_guests_against_the_careful_count() {
    let found = guests_found(Set::Real);
    let (hits, listed) = found["list"];
    assert!(
        percent(hits, listed) >= GUESTS_LISTED,
        "guests from lists {hits} of {listed} < {GUESTS_LISTED}"
    );
    let (hits, prose) = found["prose"];
    assert!(
        percent(hits, prose) >= GUESTS_PROSE,
        "guests from prose {hits} of {prose} < {GUESTS_PROSE}"
    );
}

#[test]
fn seed_guests_against_the_careful_count() {
    let found = guests_found(Set::Seed);
    for (source, floor) in [("list", SEED_GUESTS.0), ("prose", SEED_GUESTS.1)] {
        let (hits, of) = found.get(source).copied().unwrap_or_default();
        assert!(
            percent(hits, of) >= floor,
            "seed guests from {source} {hits} of {of} < {floor}"
        );
    }
}

/// People found of the set's careful count, and the person nodes of its
/// counted files that are counted people: ((found, counted), (true, nodes)).
fn people_found(set: Set) -> ((usize, usize), (usize, usize)) {
    let export = set.export();
    let cited = cited(export);
    let people: Vec<(&str, Vec<Vec<String>>)> = nodes_of(export, "person")
        .map(|n| {
            let names = std::iter::once(&n["name"])
                .chain(n["aliases"].as_array().into_iter().flatten())
                .filter_map(Value::as_str)
                .map(name_words)
                .filter(|w| !w.is_empty())
                .collect();
            (n["id"].as_str().expect("id"), names)
        })
        .collect();
    let counted = set.rows("people");
    let mut per_file: HashMap<String, (usize, usize)> = HashMap::new();
    let mut matched: HashSet<&str> = HashSet::new();
    for row in &counted {
        let doc = set.document_of(&row["file"]);
        let variants: Vec<Vec<String>> = std::iter::once(row["canonical name"].as_str())
            .chain(row["variants"].split(" | "))
            .map(name_words)
            .filter(|w| !w.is_empty())
            .collect();
        let hits: Vec<&str> = people
            .iter()
            .filter(|(id, names)| {
                cited[*id].contains(&doc)
                    && names
                        .iter()
                        .any(|n| variants.iter().any(|v| same_person(n, v)))
            })
            .map(|(id, _)| *id)
            .collect();
        let entry = per_file.entry(doc).or_default();
        entry.1 += 1;
        if hits.is_empty() {
            eprintln!("  missed in {}: {}", row["file"], row["canonical name"]);
        } else {
            entry.0 += 1;
        }
        matched.extend(hits);
    }
    let found: usize = per_file.values().map(|f| f.0).sum();
    let mut files: Vec<_> = per_file.iter().collect();
    files.sort();
    eprintln!("people: {found} of {} found", counted.len());
    for (doc, (hit, of)) in files {
        eprintln!("  {doc}: {hit}/{of}");
    }
    // Precision: the person nodes of the counted files that are counted
    // people (a node not counted is a false person or a duplicate).
    let counted_docs: HashSet<String> = counted
        .iter()
        .map(|r| set.document_of(&r["file"]))
        .collect();
    let in_files: Vec<&str> = people
        .iter()
        .map(|(id, _)| *id)
        .filter(|id| cited[*id].iter().any(|d| counted_docs.contains(d)))
        .collect();
    let true_nodes = in_files.iter().filter(|id| matched.contains(*id)).count();
    for id in in_files.iter().filter(|id| !matched.contains(*id)) {
        eprintln!("  not counted: {id}");
    }
    eprintln!(
        "{true_nodes} of {} person nodes are counted people",
        in_files.len()
    );
    ((found, counted.len()), (true_nodes, in_files.len()))
}

fn assert_people(set: Set, floors: (f64, f64)) {
    let ((found, counted), (true_nodes, nodes)) = people_found(set);
    assert!(
        percent(found, counted) >= floors.0,
        "people {found} of {counted} < {}",
        floors.0
    );
    assert!(
        percent(true_nodes, nodes) >= floors.1,
        "person precision {true_nodes} of {nodes} < {}",
        floors.1
    );
}

#[test]
fn real_people_against_the_careful_count() {
    assert_people(Set::Real, PEOPLE);
}

#[test]
fn seed_people_against_the_careful_count() {
    assert_people(Set::Seed, SEED_PEOPLE);
}

/// A recommendation's label as the tail of its key: "10a (ii-iii)" →
/// "10/a/ii-iii", "9a-c" → "9/a-c", "12" → "12".
fn label_path(label: &str) -> String {
    let label = label.replace(['(', ')'], " ");
    let mut parts: Vec<String> = Vec::new();
    for word in label.split_whitespace() {
        let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() {
            parts.push(digits.clone());
        }
        let rest = &word[digits.len()..];
        if !rest.is_empty() {
            parts.push(rest.to_lowercase());
        }
    }
    parts.join("/")
}

/// A body's name as compared: lower case, "&" as "and", "His Majesty's" as
/// "HM", punctuation dropped.
fn body_name(name: &str) -> String {
    name.to_lowercase()
        .replace(['’', '\''], "'")
        .replace('&', " and ")
        .replace("his majesty's", "hm")
        .replace("her majesty's", "hm")
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Stances of the set's careful count read right: (right, counted).
fn stances_found(set: Set) -> (usize, usize) {
    let export = set.export();
    let names: HashMap<&str, Vec<String>> = export["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| {
            let mut all = vec![body_name(n["name"].as_str().unwrap_or(""))];
            all.extend(
                n["aliases"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .map(body_name),
            );
            (n["id"].as_str().expect("id"), all)
        })
        .collect();
    // Each response to a recommendation: (document, label, respondent's
    // names, stance, id).
    let ends = |response: &str, kind: &str| -> Vec<&str> {
        export["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .filter(|e| e["source"] == response && e["kind"] == kind)
            .filter_map(|e| e["target"].as_str())
            .collect()
    };
    let mut responses: Vec<(String, String, Vec<String>, String, String)> = Vec::new();
    for r in nodes_of(export, "response") {
        let id = r["id"].as_str().expect("id");
        let Some(document) = r["provenance"][0]["document"].as_str() else {
            continue;
        };
        let respondent: Vec<String> = ends(id, "respondent")
            .iter()
            .flat_map(|t| names.get(t).cloned().unwrap_or_default())
            .collect();
        for target in ends(id, "responds-to") {
            if let Some((_, label)) = target.split_once("/recommendation/") {
                responses.push((
                    document.to_owned(),
                    label.to_owned(),
                    respondent.clone(),
                    r["properties"]["stance"].as_str().unwrap_or("").to_owned(),
                    id.to_owned(),
                ));
            }
        }
    }
    let counted = set.rows("stances");
    let mut right = 0;
    let mut matched: HashSet<String> = HashSet::new();
    let mut by_stance: HashMap<&str, (usize, usize)> = HashMap::new();
    for row in &counted {
        let document = set.document_of(&row["file"]);
        let label = label_path(&row["recommendation"]);
        let to_it: Vec<_> = responses
            .iter()
            .filter(|r| r.0 == document && r.1 == label)
            .collect();
        let rows_for_it = counted
            .iter()
            .filter(|o| o["file"] == row["file"] && label_path(&o["recommendation"]) == label)
            .count();
        let wanted = body_name(&row["respondent"]);
        let response = to_it
            .iter()
            .find(|r| r.2.contains(&wanted))
            .or_else(|| (to_it.len() == 1 && rows_for_it == 1).then(|| &to_it[0]))
            .copied();
        let stance = response.map_or("not-addressed", |r| r.3.as_str());
        if let Some(r) = response {
            matched.insert(r.4.clone());
        }
        let entry = by_stance.entry(row["stance"].as_str()).or_default();
        entry.1 += 1;
        if stance == row["stance"] {
            right += 1;
            entry.0 += 1;
        } else {
            eprintln!(
                "  stance {} of {} rec {} by {}: read {stance} — {}",
                row["stance"], row["file"], row["recommendation"], row["respondent"], row["quote"]
            );
        }
    }
    let counted_documents: HashSet<String> = counted
        .iter()
        .map(|r| set.document_of(&r["file"]))
        .collect();
    // Responses the readers did not count: a summary table's answer to a
    // recommendation whose parts they counted from the fuller table
    // ("Recommendation 8" beside "8a", "8b") is the same answer again; any
    // other is one the parser made up.
    let counted_labels: HashSet<(String, String)> = counted
        .iter()
        .map(|r| {
            (
                set.document_of(&r["file"]),
                label_path(&r["recommendation"]),
            )
        })
        .collect();
    let (summaries, extra): (Vec<_>, Vec<_>) = responses
        .iter()
        .filter(|r| counted_documents.contains(&r.0) && !matched.contains(&r.4))
        .partition(|r| {
            counted_labels
                .iter()
                .any(|(d, l)| *d == r.0 && l.starts_with(&format!("{}/", r.1)))
        });
    for r in &extra {
        eprintln!("  response not in the count: {} rec {} ({})", r.0, r.1, r.3);
    }
    eprintln!(
        "stances: {right} of {} right; by the count's stance (right, counted): {by_stance:?}; {} responses to a whole recommendation whose parts were counted; {} responses not in the count",
        counted.len(),
        summaries.len(),
        extra.len()
    );
    // A response the readers did not find is a response the parser made up.
    assert!(
        extra.is_empty(),
        "{} responses not in the count",
        extra.len()
    );
    (right, counted.len())
}

#[test]
fn real_stances_against_the_careful_count() {
    let (right, counted) = stances_found(Set::Real);
    assert!(
        percent(right, counted) >= STANCES,
        "stances {right} of {counted} < {STANCES}"
    );
}

#[test]
fn seed_stances_against_the_careful_count() {
    let (right, counted) = stances_found(Set::Seed);
    assert!(
        percent(right, counted) >= SEED_STANCES,
        "stances {right} of {counted} < {SEED_STANCES}"
    );
}

/// Floors: the shares measured as each rule landed. Meetings 23 of 53
/// (own record 11/11, approved minutes 7/7, scheduled 3/9, mentioned 2/26),
/// 29 with meetings named in passing (mentioned 8/26), 33 with the next
/// meetings minutes name (scheduled 7/9), 39 with sitting bodies named with
/// a date (mentioned 14/26). Guests from lists 46 of 50, then 50 with a
/// hearing's speakers present; from prose 6 of 28, 10 with attendance told
/// in questions. People 232 of 382 (213 of 218 person nodes counted ones),
/// 275 with a title and a surname, 335 (316 of 322) with names written
/// bare, 337 (318 of 321) with names broken at a hyphen made whole.
/// Meetings 41 with dates listed under one year ("On 7 and 8 May 2025")
/// and a body named by its kind ("the inquiry held").
const MEETINGS: f64 = 0.77;
const GUESTS_LISTED: f64 = 1.0;
const GUESTS_PROSE: f64 = 0.39;
const PEOPLE: (f64, f64) = (0.88, 0.99);

/// The seed's floors, as measured when its careful counts landed: meetings
/// 35 of 38, guests from lists 27 of 28 and from prose 1 of 11, people 108
/// of 115 (106 of 106 person nodes counted ones). Guests from prose 8 of 11
/// with a letter's "you" and "me" read as its addressee and signatory.
/// Meetings 38 of 38 with "used its meetings on 22 June and 20 July 2022"
/// and "At the Plenary Meeting on …, the assembly"; guests from prose 9 with
/// "the evidence given by …, including myself in June 2022".
const SEED_MEETINGS: f64 = 1.0;
const SEED_GUESTS: (f64, f64) = (0.96, 0.81);
const SEED_PEOPLE: (f64, f64) = (0.93, 1.0);

/// Stances read right, as measured when the counts of stances landed: real
/// 169 of 173 (the DHSC response's four misses are conditions and limits
/// written in prose: "likely to have significant funding implications"),
/// seed 10 of 15, then 12 with a recommendation its group's answer passes
/// over read as `not-addressed` and a sentence continuing its paragraph
/// about what the paragraph is about.
const STANCES: f64 = 0.97;
const SEED_STANCES: f64 = 0.8;
