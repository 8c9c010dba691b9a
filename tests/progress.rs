//! `ingest` and `export` show progress on a terminal and stay quiet when
//! not attached to one. The terminal is a pseudo-terminal from util-linux's
//! `script`, which every Debian system has (package bsdutils).

mod common;

use std::process::Command;

fn scrutiny() -> &'static str {
    env!("CARGO_BIN_EXE_scrutiny")
}

/// What a terminal would have shown `args`, run under `script`.
fn on_a_terminal(args: &str) -> String {
    let output = Command::new("script")
        .args(["--quiet", "--return", "--command"])
        .arg(format!("{} {args}", scrutiny()))
        .arg("/dev/null")
        .env("TERM", "xterm")
        .output()
        .expect("util-linux script runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `scrutiny ingest --data-dir {data} seed/`, piped.
fn ingest_seed(data: &std::path::Path) -> std::process::Output {
    Command::new(scrutiny())
        .arg("ingest")
        .arg("--data-dir")
        .arg(data)
        .arg(common::seed_dir())
        .output()
        .unwrap()
}

fn seed_files() -> usize {
    std::fs::read_dir(common::seed_dir())
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            let name = name.to_string_lossy();
            !name.starts_with('.') && name != "manifest.json"
        })
        .count()
}

#[test]
fn ingest_draws_progress_on_a_terminal_only() {
    let files = seed_files();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");

    // Piped: the per-file lines and the summary, no bar, no escape codes.
    let output = ingest_seed(&data);
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with('[')).count(),
        files,
        "one line per file:\n{stdout}"
    );
    for text in [&stdout, &stderr] {
        assert!(
            !text.contains('\x1b') && !text.contains('\r'),
            "drawing codes in {text:?}"
        );
        assert!(!text.contains(" files/s"), "a progress message in {text:?}");
    }

    // On a terminal: the bar's files, bytes and rate, and the same lines.
    let shown = on_a_terminal(&format!(
        "ingest --data-dir {} {}",
        dir.path().join("again").display(),
        common::seed_dir().display()
    ));
    assert!(
        shown.contains(&format!("/{files} files")),
        "files done of all: {shown:?}"
    );
    assert!(shown.contains("B/"), "bytes read of all: {shown:?}");
    assert!(shown.contains("/s)"), "the rate: {shown:?}");
    assert_eq!(
        shown.matches(&format!("/{files}] ")).count(),
        files,
        "{shown:?}"
    );
}

#[test]
fn export_draws_progress_only_when_its_output_goes_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    assert!(ingest_seed(&data).status.success());

    // Piped: the export alone.
    let output = Command::new(scrutiny())
        .args(["export", "--format", "nquads", "--data-dir"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let exported = output.stdout.len();
    assert!(exported > 100_000);

    // On a terminal, written to a file: the bar counts what was written.
    let out = dir.path().join("graph.nq");
    let shown = on_a_terminal(&format!(
        "export --format nquads --data-dir {} > {}",
        data.display(),
        out.display()
    ));
    assert_eq!(std::fs::metadata(&out).unwrap().len() as usize, exported);
    assert!(shown.contains(" written ("), "{shown:?}");
}
