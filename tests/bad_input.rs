//! Bad input gets a diagnostic with the file and line, the command exits
//! non-zero, and nothing already stored is lost or half-written.

mod common;

use std::process::Command;

use common::{export, fixture, ingest_fresh, seed_dir};
use scrutiny::ingest::{ingest_paths, IngestError};
use scrutiny::parse::Severity;

/// Ingests one bad fixture over the seed; returns the error and checks the
/// store is exactly as before.
fn ingest_bad(name: &str) -> IngestError {
    let store = ingest_fresh(&[seed_dir()]);
    let before = export(&store);
    let mut reports = ingest_paths(&store, &[fixture(name)]).unwrap();
    assert_eq!(reports.len(), 1);
    assert_eq!(export(&store), before, "{name}: the store is unchanged");
    reports.remove(0).result.expect_err("refused")
}

#[test]
fn not_utf8() {
    let error = ingest_bad("bad/latin1.txt");
    assert!(
        matches!(
            error,
            IngestError::NotUtf8 {
                line: 1,
                offset: 3,
                ..
            }
        ),
        "{error}"
    );
    assert!(
        error.to_string().contains("latin1.txt:1: not valid UTF-8"),
        "{error}"
    );
}

#[test]
fn binary() {
    let error = ingest_bad("bad/binary.txt");
    assert!(
        matches!(error, IngestError::Binary { line: 2, .. }),
        "{error}"
    );
}

#[test]
fn empty() {
    let IngestError::Invalid { diagnostics, .. } = ingest_bad("bad/empty.txt") else {
        panic!("expected a diagnostic")
    };
    assert_eq!(diagnostics[0].severity, Severity::Error);
    assert!(diagnostics[0].message.contains("empty"));
}

#[test]
fn truncated_transcript() {
    let error = ingest_bad("bad/truncated-transcript.txt");
    let IngestError::Invalid { diagnostics, .. } = &error else {
        panic!("{error}")
    };
    let errors: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{diagnostics:?}");
    assert_eq!(errors[0].line, 5);
    assert!(errors[0].message.contains("unterminated speaker label"));
    assert!(error.to_string().contains("first at line 5"), "{error}");
}

#[test]
fn speaker_label_with_nothing_after_it() {
    let IngestError::Invalid { diagnostics, .. } = ingest_bad("bad/label-without-text.txt") else {
        panic!("expected a diagnostic")
    };
    let error = diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
        .unwrap();
    assert_eq!(error.line, 5);
    assert!(error.message.contains("Owen Pryce"), "{}", error.message);
}

#[test]
fn the_command_reports_file_and_line_and_exits_non_zero() {
    let data = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .args(["ingest", "--data-dir"])
        .arg(data.path())
        .arg(fixture("bad/truncated-transcript.txt"))
        .arg(fixture("pack"))
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("truncated-transcript.txt:5: error: unterminated speaker label"),
        "{stderr}"
    );
    // The good file beside it was still ingested.
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("harbour-committee-2024-02-07.txt: Added"),
        "{stdout}"
    );
}

#[test]
fn serve_refuses_an_unusable_data_directory() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-directory");
    std::fs::write(&file, "x").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .args(["serve", "--bind", "127.0.0.1:0", "--data-dir"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot open the data directory") && stderr.contains("not-a-directory"),
        "{stderr}"
    );
}

#[test]
fn the_command_says_which_files_it_skipped_and_why() {
    let data = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .args(["ingest", "--data-dir"])
        .arg(data.path())
        .arg(fixture("unreadable"))
        .arg(fixture("real/mscc-minutes-2020-06-10.html"))
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    for (file, reason) in [
        ("scanned.pdf", "skipped: no text layer"),
        ("encrypted.pdf", "skipped: encrypted PDF"),
        ("damaged.pdf", "skipped: damaged PDF"),
        ("photo.png", "skipped: unsupported file type (a PNG image)"),
    ] {
        assert!(
            stderr
                .lines()
                .any(|l| l.contains(file) && l.contains(reason)),
            "{file}: {stderr}"
        );
    }
    // Progress and the coverage line of the file that was read.
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("[5/5]") && stdout.contains("mscc-minutes-2020-06-10.html: Added"),
        "{stdout}"
    );
    assert!(stdout.contains("  minutes; "), "{stdout}");
}
