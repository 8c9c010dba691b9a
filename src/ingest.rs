//! Ingest: files on disk → read (PDF, HTML, text → normalised text) → parse
//! → one atomic store write per document. The only place that reads source
//! files. Every file of a folder is tried; what cannot be read is reported
//! with the reason, never skipped in silence.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::coverage::Coverage;
use crate::model::Contribution;
use crate::parse::{self, Diagnostic, DocumentMeta, Severity};
use crate::read::{self, Format, ReadError};
use crate::store::{Outcome, ReadingRecord, Store, StoreError};
use crate::text::{plain, sha256_hex, slug, Source};

/// The manifest file a folder of documents may carry.
pub const MANIFEST: &str = "manifest.json";

/// Why a file was not ingested.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The manifest is not valid JSON of the expected shape.
    #[error("{path}: invalid manifest: {source}")]
    Manifest {
        path: PathBuf,
        source: serde_json::Error,
    },
    /// The file holds a NUL byte: it is not a text document.
    #[error("{path}:{line}: binary content (a NUL byte): expected a UTF-8 text document")]
    Binary { path: PathBuf, line: usize },
    /// The file is not valid UTF-8.
    #[error(
        "{path}:{line}: not valid UTF-8 (byte offset {offset}): expected a UTF-8 text document"
    )]
    NotUtf8 {
        path: PathBuf,
        line: usize,
        offset: usize,
    },
    /// The file is of a type no reader handles, or a PDF without text.
    #[error("{path}: skipped: {source}")]
    Unreadable { path: PathBuf, source: ReadError },
    /// The parser found errors; the diagnostics say where.
    #[error("{path}: {} error(s), first at line {}: {}", count_errors(.diagnostics), first_error(.diagnostics).line, first_error(.diagnostics).message)]
    Invalid {
        path: PathBuf,
        diagnostics: Vec<Diagnostic>,
    },
    /// A reader or parser panicked: a bug, reported for this file alone.
    #[error("{path}: could not be read: the reader failed ({message}); nothing of it was stored, please report this file")]
    Panicked { path: PathBuf, message: String },
    /// The store refused the write; nothing of the document was stored.
    #[error("{path}: {source}")]
    Store { path: PathBuf, source: StoreError },
    /// The store failed at the disk: the batch stopped there.
    #[error("ingest stopped at {path}: the store cannot be written; {remaining} file(s) after it were not tried")]
    Halted { path: PathBuf, remaining: usize },
}

fn count_errors(diagnostics: &[Diagnostic]) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
}

fn first_error(diagnostics: &[Diagnostic]) -> &Diagnostic {
    diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
        .unwrap_or(&diagnostics[0])
}

/// The manifest: what the text does not say about each document.
#[derive(Debug, Default, Deserialize)]
struct Manifest {
    documents: Vec<ManifestEntry>,
}

#[derive(Debug, Deserialize)]
struct ManifestEntry {
    file: String,
    #[serde(flatten)]
    meta: DocumentMeta,
}

/// What happened to one file.
#[derive(Debug)]
pub struct FileReport {
    /// The file.
    pub path: PathBuf,
    /// The document id it was stored under, or why it was not stored.
    pub result: Result<(String, Outcome), IngestError>,
    /// Warnings (and, on failure, errors) with line numbers.
    pub diagnostics: Vec<Diagnostic>,
    /// What the parse understood, for a file that was parsed.
    pub coverage: Option<Coverage>,
}

impl fmt::Display for FileReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.result {
            Ok((id, outcome)) => write!(f, "{}: {outcome:?} as {id}", self.path.display())?,
            Err(error) => write!(f, "{error}")?,
        }
        if let Some(coverage) = &self.coverage {
            write!(f, "\n  {coverage}")?;
        }
        for diagnostic in &self.diagnostics {
            let (path, line, level) = (self.path.display(), diagnostic.line, diagnostic.level());
            write!(f, "\n  {path}:{line}: {level}: {}", diagnostic.message)?;
        }
        Ok(())
    }
}

/// A document checked and parsed, ready to store.
#[derive(Debug)]
pub struct Prepared {
    /// Manifest data.
    pub meta: DocumentMeta,
    /// The text.
    pub text: String,
    /// SHA-256, hex.
    pub sha256: String,
    /// What it contributes.
    pub contribution: Contribution,
    /// Warnings.
    pub diagnostics: Vec<Diagnostic>,
    /// How it was read, with the coverage report.
    pub reading: ReadingRecord,
    /// The original bytes, kept where the text is not the file (PDF, HTML).
    pub original: Option<Vec<u8>>,
}

impl Prepared {
    /// Writes the document to `store`, in one transaction.
    pub fn store_in(&self, store: &Store) -> Result<Outcome, StoreError> {
        store.put_read_document(
            &self.meta,
            &self.text,
            &self.sha256,
            &self.contribution,
            &self.reading,
            self.original.as_deref(),
        )
    }
}

/// Reads bytes as a document (PDF, HTML, text), then parses them. Pure but
/// for running `pdftotext` on a PDF.
///
/// A panic in a reader or parser (a bug) is caught here, as the last line of
/// defence, and reported as this file's error: the rest of a batch goes on.
pub fn prepare(
    path: &Path,
    bytes: Vec<u8>,
    meta: Option<DocumentMeta>,
) -> Result<Prepared, IngestError> {
    // The closure only reads its arguments and builds a fresh value: nothing
    // shared is left half-changed by an unwind.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        prepare_unguarded(path, bytes, meta)
    }))
    .unwrap_or_else(|payload| {
        Err(IngestError::Panicked {
            path: path.to_owned(),
            message: crate::panic_message(payload.as_ref()),
        })
    })
}

fn prepare_unguarded(
    path: &Path,
    bytes: Vec<u8>,
    meta: Option<DocumentMeta>,
) -> Result<Prepared, IngestError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let reading = read::read(&name, &bytes).map_err(|error| match error {
        ReadError::Binary { line } => IngestError::Binary {
            path: path.to_owned(),
            line,
        },
        ReadError::NotUtf8 { line, offset } => IngestError::NotUtf8 {
            path: path.to_owned(),
            line,
            offset,
        },
        source => IngestError::Unreadable {
            path: path.to_owned(),
            source,
        },
    })?;
    let text = reading.text;
    let meta = meta.unwrap_or_else(|| meta_from_text(path, &text));
    let sha256 = sha256_hex(text.as_bytes());
    let source = Source::new(&meta.id, &text);
    let parsed = parse::parse_document(&source, &meta);
    let mut diagnostics = parsed.diagnostics;
    for note in &reading.notes {
        diagnostics.push(Diagnostic {
            line: 1,
            severity: Severity::Warning,
            message: note.clone(),
        });
    }
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return Err(IngestError::Invalid {
            path: path.to_owned(),
            diagnostics,
        });
    }
    let mut coverage = parsed.coverage;
    coverage.pages = reading.pages.len();
    coverage.furniture_lines = reading.furniture_lines;
    coverage.warnings.extend(reading.notes.iter().cloned());
    let is_file_itself = matches!(reading.format, Format::Text | Format::Rst);
    let original_sha256 = (!is_file_itself).then(|| sha256_hex(&bytes));
    Ok(Prepared {
        meta,
        text,
        sha256,
        contribution: parsed.contribution,
        diagnostics,
        reading: ReadingRecord {
            format: Some(reading.format),
            pages: reading.pages,
            original_sha256,
            coverage: Some(coverage),
            file_name: Some(name),
        },
        original: (!is_file_itself).then_some(bytes),
    })
}

/// Metadata for a file the manifest does not list: id from the file name,
/// title from the first line.
fn meta_from_text(path: &Path, text: &str) -> DocumentMeta {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let title = title_of(text).unwrap_or_else(|| stem.clone());
    DocumentMeta {
        id: slug(&stem),
        title,
        kind: "document".to_owned(),
        original_file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()),
        ..DocumentMeta::default()
    }
}

/// How far into a text its title heading may stand (after a PDF's "Policy
/// paper" kicker, a site's masthead).
const TITLE_LINES: usize = 40;

/// A document's title as its text gives it: its top heading, joined over
/// the lines it was broken into ("# Government response to the" / "# rapid
/// review into …"); else a "Subject:" field; else the first non-blank line.
fn title_of(text: &str) -> Option<String> {
    use crate::read::blocks::{outline, BlockKind};
    let source = Source::new("title", text);
    let blocks: Vec<_> = outline(&source)
        .into_iter()
        .take_while(|b| b.first <= TITLE_LINES)
        .collect();
    let level = |b: &crate::read::blocks::Block| match b.kind {
        BlockKind::Heading { level } => Some(level),
        _ => None,
    };
    let line_text = |n: usize| plain(source.line(n).trim_start_matches('#'));
    if let Some(top) = blocks.iter().filter_map(level).min() {
        let start = blocks.iter().position(|b| level(b) == Some(top))?;
        let title: Vec<String> = blocks[start..]
            .iter()
            .take_while(|b| level(b) == Some(top))
            .map(|b| line_text(b.first))
            .collect();
        return Some(title.join(" "));
    }
    if let Some(i) = blocks
        .iter()
        .position(|b| line_text(b.first).starts_with("Subject:"))
    {
        let rest = line_text(blocks[i].first)["Subject:".len()..]
            .trim()
            .to_owned();
        let value = match (rest.is_empty(), blocks.get(i + 1)) {
            (true, Some(next)) => (next.first..=next.last)
                .map(line_text)
                .collect::<Vec<_>>()
                .join(" "),
            _ => rest,
        };
        if !value.is_empty() {
            return Some(value);
        }
    }
    (1..=source.len()).map(line_text).find(|l| !l.is_empty())
}

/// Files a folder holds that describe the folder rather than being documents.
const FOLDER_NOTES: &[&str] = &[
    "readme.md",
    "readme.txt",
    "readme",
    "sources.md",
    "licence.md",
    "license.md",
    "licence",
    "license",
];

/// The files to ingest: each file named, and every file of each folder named
/// (in name order) but its manifest, hidden files and its notes (README,
/// SOURCES, LICENCE). Each file is then read by its content, so a folder of
/// PDFs and saved web pages is ingested whatever the extensions say.
pub fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, IngestError> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|source| IngestError::Read {
                path: path.clone(),
                source,
            })?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .filter(|p| {
                    let name = p
                        .file_name()
                        .map(|n| n.to_string_lossy().to_lowercase())
                        .unwrap_or_default();
                    !name.starts_with('.')
                        && name != MANIFEST
                        && !FOLDER_NOTES.contains(&name.as_str())
                })
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

/// Reads the manifest beside a file, if there is one.
fn manifest_for(
    file: &Path,
    cache: &mut HashMap<PathBuf, HashMap<String, DocumentMeta>>,
) -> Result<Option<DocumentMeta>, IngestError> {
    let dir = file.parent().unwrap_or(Path::new(".")).to_owned();
    if !cache.contains_key(&dir) {
        let path = dir.join(MANIFEST);
        let entries = match std::fs::read(&path) {
            Ok(bytes) => {
                let manifest: Manifest =
                    serde_json::from_slice(&bytes).map_err(|source| IngestError::Manifest {
                        path: path.clone(),
                        source,
                    })?;
                manifest
                    .documents
                    .into_iter()
                    .map(|e| (e.file, e.meta))
                    .collect()
            }
            Err(_) => HashMap::new(),
        };
        cache.insert(dir.clone(), entries);
    }
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(cache[&dir].get(&name).cloned())
}

/// Ingests files and folders, one atomic write per document. A file that fails
/// is reported and skipped; the others are still ingested.
pub fn ingest_paths(store: &Store, paths: &[PathBuf]) -> Result<Vec<FileReport>, IngestError> {
    ingest_paths_with(store, paths, |_, _, _| {})
}

/// [`ingest_paths`], calling `progress(done, total, report)` after each file
/// so a long run can show where it is.
pub fn ingest_paths_with(
    store: &Store,
    paths: &[PathBuf],
    mut progress: impl FnMut(usize, usize, &FileReport),
) -> Result<Vec<FileReport>, IngestError> {
    let mut manifests = HashMap::new();
    let mut reports = Vec::new();
    let files = collect_files(paths)?;
    let total = files.len();
    for path in files {
        let result = (|| {
            let meta = manifest_for(&path, &mut manifests)?;
            let bytes = std::fs::read(&path).map_err(|source| IngestError::Read {
                path: path.clone(),
                source,
            })?;
            let prepared = prepare(&path, bytes, meta)?;
            let outcome = prepared
                .store_in(store)
                .map_err(|source| IngestError::Store {
                    path: path.clone(),
                    source,
                })?;
            let coverage = prepared.reading.coverage;
            Ok((prepared.meta.id, outcome, prepared.diagnostics, coverage))
        })();
        reports.push(match result {
            Ok((id, outcome, diagnostics, coverage)) => FileReport {
                path,
                result: Ok((id, outcome)),
                diagnostics,
                coverage,
            },
            Err(IngestError::Invalid {
                path: p,
                diagnostics,
            }) => FileReport {
                path,
                diagnostics: diagnostics.clone(),
                result: Err(IngestError::Invalid {
                    path: p,
                    diagnostics,
                }),
                coverage: None,
            },
            Err(error) => FileReport {
                path,
                result: Err(error),
                diagnostics: Vec::new(),
                coverage: None,
            },
        });
        if let Some(report) = reports.last() {
            progress(reports.len(), total, report);
            // After a disk error nothing more can be written: stop, and say so.
            if let Err(IngestError::Store {
                path,
                source: StoreError::Io { .. } | StoreError::Stopped { .. },
            }) = &report.result
            {
                return Err(IngestError::Halted {
                    path: path.clone(),
                    remaining: total - reports.len(),
                });
            }
        }
    }
    Ok(reports)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_from_the_text() {
        assert_eq!(
            title_of("### Policy paper\n\n# Government response to the\n# rapid review\n\nText")
                .as_deref(),
            Some("Government response to the rapid review")
        );
        assert_eq!(
            title_of("\nCORPORATE PANEL – 10 December 2024\nMINUTES").as_deref(),
            Some("CORPORATE PANEL – 10 December 2024")
        );
        assert_eq!(
            title_of("By:\n\nA, Officer\n\nSubject:\n\nCabinet reconsideration of\nDecision 24\n\nSummary").as_deref(),
            Some("Cabinet reconsideration of Decision 24")
        );
        assert_eq!(
            title_of("2. Recommendations\n==================\n\n#. One").as_deref(),
            Some("2. Recommendations")
        );
        assert_eq!(title_of(""), None);
    }
}
