//! Progress of long command-line work (`ingest`, `export`) on the terminal:
//! files, megabytes, elapsed time and rate, redrawn in place on standard
//! error. indicatif draws nothing when standard error is not a terminal, so
//! a script, a pipe or CI sees only the command's ordinary output.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How often a bar is redrawn while nothing else happens (the clock moves).
const TICK: Duration = Duration::from_millis(200);

/// Progress through a batch of files, measured in bytes read.
pub struct FileProgress {
    bar: ProgressBar,
    /// Each file's size, read once, counted when the file is done.
    sizes: HashMap<PathBuf, u64>,
    files: usize,
}

impl FileProgress {
    /// A bar for `files`, whose sizes it reads from the file system.
    pub fn new(files: &[impl AsRef<Path>]) -> FileProgress {
        let sizes: HashMap<PathBuf, u64> = files
            .iter()
            .filter_map(|f| Some((f.as_ref().to_owned(), std::fs::metadata(f).ok()?.len())))
            .collect();
        let bytes = sizes.values().sum();
        let bar = ProgressBar::with_draw_target(Some(bytes), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{elapsed_precise} [{bar:30}] {binary_bytes}/{binary_total_bytes} \
                 ({binary_bytes_per_sec}) {msg}",
            )
            .expect("the template is valid")
            .progress_chars("=> "),
        );
        bar.set_message(format!("0/{} files", files.len()));
        bar.enable_steady_tick(TICK);
        FileProgress {
            bar,
            sizes,
            files: files.len(),
        }
    }

    /// Counts `path` as done (`done` files so far) and prints `line` above
    /// the bar (to standard output, or standard error when `to_stderr`).
    pub fn file_done(&self, done: usize, path: &Path, line: &str, to_stderr: bool) {
        self.bar.inc(self.sizes.get(path).copied().unwrap_or(0));
        let elapsed = self.bar.elapsed().as_secs_f64();
        let rate = if elapsed > 0.0 {
            format!(", {:.1} files/s", done as f64 / elapsed)
        } else {
            String::new()
        };
        self.bar
            .set_message(format!("{done}/{} files{rate}", self.files));
        // The bar steps aside while the line is printed, so the two never
        // share a terminal line.
        self.bar.suspend(|| {
            if to_stderr {
                eprintln!("{line}");
            } else {
                println!("{line}");
            }
        });
    }

    /// Removes the bar (the summary line follows it).
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// Progress of writing an export: bytes written, elapsed, rate. Drawn only
/// when standard output is not the terminal itself (the export would scroll
/// through the bar).
pub fn bytes_written() -> ProgressBar {
    if std::io::stdout().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} {elapsed_precise} {binary_bytes} written ({binary_bytes_per_sec})",
        )
        .expect("the template is valid"),
    );
    bar.enable_steady_tick(TICK);
    bar
}
