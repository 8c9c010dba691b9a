//! A damaged store is refused, naming its directory and `rebuild`, and is
//! never read as other data; `check` lists what is wrong; `rebuild` makes it
//! whole from the kept sources; a full disk stops an ingest with a message.
//! Each test damages a store of its own, made from real documents in three
//! formats (text, HTML, PDF) so a rebuild re-reads each kind.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use scrutiny::index::Graph;
use scrutiny::ingest::ingest_paths;
use scrutiny::model::{Contribution, Edge, EdgeKind, Node, NodeKind, Span};
use scrutiny::parse::DocumentMeta;
use scrutiny::repair;
use scrutiny::store::{Store, StoreError};

fn inputs() -> Vec<PathBuf> {
    vec![
        common::fixture("pack"),
        common::fixture("real/helpringham-minutes-2018-05-09.txt"),
        common::fixture("real/mscc-minutes-2020-06-10.html"),
        common::fixture("real/kentcc-minutes-2024-12-10.pdf"),
    ]
}

/// The whole graph as the JSON export, to compare two stores by.
fn export(store: &Store) -> String {
    let graph = Graph::load(store).expect("loads");
    let mut out = Vec::new();
    scrutiny::export::write_json(&graph, "http://example.org", &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// A store in `{tmp}/data` holding the inputs, and its export.
fn ingested() -> (tempfile::TempDir, PathBuf, String) {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let store = Store::open(&data).unwrap();
    for report in ingest_paths(&store, &inputs()).unwrap() {
        assert!(report.result.is_ok(), "{report}");
    }
    let before = export(&store);
    (tmp, data, before)
}

/// A copy of the data directory `from` in `to`.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Opening `dir` either refuses it as damaged (naming it and `rebuild`) or
/// gives exactly the graph it held: never other data, never a panic.
/// Returns whether it was refused.
fn refused_or_whole(dir: &Path, before: &str) -> bool {
    match Store::open(dir) {
        Ok(store) => match Graph::load(&store) {
            Ok(_) => {
                assert_eq!(
                    export(&store),
                    before,
                    "{} opened as other data",
                    dir.display()
                );
                false
            }
            Err(error) => {
                assert_refusal(&error, dir);
                true
            }
        },
        Err(error) => {
            assert_refusal(&error, dir);
            true
        }
    }
}

fn assert_refusal(error: &StoreError, dir: &Path) {
    let message = error.to_string();
    match error {
        StoreError::Damaged { .. } => {
            assert!(message.contains(&dir.display().to_string()), "{message}");
            assert!(message.contains("scrutiny rebuild"), "{message}");
        }
        // A record whose bytes were flipped no longer decodes.
        StoreError::Corrupt { .. } => {}
        other => panic!("{}: not refused as damaged: {other}", dir.display()),
    }
}

#[test]
fn a_truncated_store_is_refused_and_rebuilt_from_its_kept_sources() {
    let (tmp, data, before) = ingested();
    let length = std::fs::metadata(data.join("db")).unwrap().len();
    let mut refused = 0;
    for (i, cut) in [0, 100, length / 10, length / 2, length * 9 / 10]
        .into_iter()
        .enumerate()
    {
        let copy = tmp.path().join(format!("cut-{i}"));
        copy_dir(&data, &copy);
        std::fs::OpenOptions::new()
            .write(true)
            .open(copy.join("db"))
            .unwrap()
            .set_len(cut)
            .unwrap();
        if refused_or_whole(&copy, &before) {
            refused += 1;
            let report = repair::check(&copy);
            assert!(!report.is_whole(), "check of {cut} bytes: {report}");
            let rebuilt = repair::rebuild(&copy).expect("rebuilds");
            assert_eq!(rebuilt.from_kept, 4, "{rebuilt}");
            assert!(rebuilt.failed.is_empty(), "{rebuilt}");
            assert!(rebuilt.old.join("db").exists(), "the old store is kept");
            let report = repair::check(&copy);
            assert!(report.is_whole(), "after the rebuild: {report}");
            assert_eq!(export(&Store::open(&copy).unwrap()), before);
        }
    }
    // A store cut to nothing, or to its first bytes, is no store at all.
    assert!(refused >= 2, "only {refused} of 5 cuts were refused");
}

#[test]
fn flipped_bytes_are_refused_never_read_as_other_data() {
    let (tmp, data, before) = ingested();
    let db = std::fs::read(data.join("db")).unwrap();
    let mut refused = 0;
    // A fixed sequence of places, spread over the file.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for i in 0..16 {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let at = (state >> 33) as usize % db.len();
        let copy = tmp.path().join(format!("flip-{i}"));
        copy_dir(&data, &copy);
        let mut bytes = db.clone();
        bytes[at] ^= 0x5a;
        std::fs::write(copy.join("db"), bytes).unwrap();
        refused += usize::from(refused_or_whole(&copy, &before));
    }
    assert!(refused > 0, "no flip was noticed");
}

#[test]
fn a_store_whose_files_are_gone_is_not_taken_for_a_new_one() {
    let (_tmp, data, before) = ingested();
    std::fs::remove_file(data.join("db")).unwrap();
    let error = Store::open(&data).err().expect("refused");
    assert_refusal(&error, &data);
    assert!(error.to_string().contains("4 document(s)"), "{error}");
    let rebuilt = repair::rebuild(&data).expect("rebuilds");
    assert_eq!(rebuilt.from_kept, 4);
    assert_eq!(export(&Store::open(&data).unwrap()), before);
}

#[test]
fn check_finds_quotes_not_in_their_source_and_edges_to_nothing() {
    let (_tmp, data, _) = ingested();
    {
        let store = Store::open(&data).unwrap();
        let text = "First line.\nSecond line.\n";
        let meta = DocumentMeta {
            id: "planted".to_owned(),
            title: "Planted".to_owned(),
            kind: "document".to_owned(),
            ..DocumentMeta::default()
        };
        let span = |quote: &str| Span {
            document: "planted".to_owned(),
            first_line: 2,
            last_line: 2,
            quote: quote.to_owned(),
        };
        let mut contribution = Contribution::default();
        let node = Node::new(
            "person/planted",
            NodeKind::Person,
            "Planted",
            span("Second"),
        );
        let wrong = Node::new(
            "person/misquoted",
            NodeKind::Person,
            "Misquoted",
            span("First"),
        );
        let edge = Edge::new(
            "person/planted",
            EdgeKind::MemberOf,
            "organization/nowhere",
            span("line"),
        );
        contribution.add_node(node);
        contribution.add_node(wrong);
        contribution.add_edge(edge);
        let sha256 = scrutiny::text::sha256_hex(text.as_bytes());
        store
            .put_document(&meta, text, &sha256, &contribution)
            .unwrap();
    }
    let report = repair::check(&data);
    assert!(!report.is_whole());
    let problems = report.problems.join("\n");
    assert!(
        problems.contains("person/misquoted: its quote is not in planted:2-2"),
        "{problems}"
    );
    // The misquote and nothing else is damage; the edge to nothing is said.
    assert_eq!(report.problems.len(), 1, "{problems}");
    let notes = report.notes.join("\n");
    assert!(
        notes.contains("1 edge(s) point at nodes no stored document supplies")
            && notes.contains("its end organization/nowhere is not a node"),
        "{notes}"
    );
}

/// Runs `scrutiny ingest` with its files limited to `blocks` by `ulimit -f`
/// (SIGXFSZ ignored, so writes past it fail with EFBIG, as on a full disk).
fn ingest_with_file_limit(data: &Path, blocks: u64) -> std::process::Output {
    let script =
        format!("trap '' XFSZ; ulimit -f {blocks} && exec \"$0\" ingest --data-dir \"$1\" \"$2\"");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_scrutiny"))
        .arg(data)
        .arg(common::seed_dir())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("ingest on a full disk did not stop within 60 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn a_full_disk_stops_ingest_with_a_clear_message_and_a_whole_store() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    // The seed's store is far larger than 4 MiB (or 8 MiB where `ulimit -f`
    // counts kibibytes).
    let output = ingest_with_file_limit(&data, 8192);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stderr.contains("cannot write the store in"), "{stderr}");
    assert!(stderr.contains("ingest stopped at"), "{stderr}");
    let added = stdout.matches(": Added as ").count();
    assert!(added < 5, "{stdout}");
    // What was acknowledged is whole, and only that.
    let report = repair::check(&data);
    assert!(report.is_whole(), "{report}");
    assert_eq!(report.documents, added, "{report}");
    // With room again, the same command finishes the job.
    let output = Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .args(["ingest", "--data-dir"])
        .arg(&data)
        .arg(common::seed_dir())
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let report = repair::check(&data);
    assert!(report.is_whole(), "{report}");
    assert_eq!(report.documents, 5);
}
