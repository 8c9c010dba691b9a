//! Ingest: files on disk → checked text → parse → one atomic store write per
//! document. The only place that reads source files.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::model::Contribution;
use crate::parse::{self, Diagnostic, DocumentMeta, Severity};
use crate::store::{Outcome, Store, StoreError};
use crate::text::{plain, slug, Source};

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
    /// The parser found errors; the diagnostics say where.
    #[error("{path}: {} error(s), first at line {}: {}", count_errors(.diagnostics), first_error(.diagnostics).line, first_error(.diagnostics).message)]
    Invalid {
        path: PathBuf,
        diagnostics: Vec<Diagnostic>,
    },
    /// The store refused the write; nothing of the document was stored.
    #[error("{path}: {source}")]
    Store { path: PathBuf, source: StoreError },
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
}

impl fmt::Display for FileReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.result {
            Ok((id, outcome)) => write!(f, "{}: {outcome:?} as {id}", self.path.display())?,
            Err(error) => write!(f, "{error}")?,
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
}

/// Checks that bytes are a text document, then parses them. Pure: no I/O.
pub fn prepare(
    path: &Path,
    bytes: Vec<u8>,
    meta: Option<DocumentMeta>,
) -> Result<Prepared, IngestError> {
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(IngestError::Binary {
            path: path.to_owned(),
            line: line_of(&bytes, at),
        });
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        IngestError::NotUtf8 {
            path: path.to_owned(),
            line: line_of(e.as_bytes(), offset),
            offset,
        }
    })?;
    let meta = meta.unwrap_or_else(|| meta_from_text(path, &text));
    let sha256 = Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let source = Source::new(&meta.id, &text);
    let (contribution, diagnostics) = parse::parse(&source, &meta);
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return Err(IngestError::Invalid {
            path: path.to_owned(),
            diagnostics,
        });
    }
    Ok(Prepared {
        meta,
        text,
        sha256,
        contribution,
        diagnostics,
    })
}

/// Metadata for a file the manifest does not list: id from the file name,
/// title from the first line.
fn meta_from_text(path: &Path, text: &str) -> DocumentMeta {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let title = text
        .lines()
        .map(|l| plain(l.trim_start_matches('#')))
        .find(|l| !l.is_empty())
        .unwrap_or_else(|| stem.clone());
    DocumentMeta {
        id: slug(&stem),
        title,
        kind: "document".to_owned(),
        original_file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()),
        ..DocumentMeta::default()
    }
}

fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1
}

/// The files to ingest: each file named, and the documents (`*.txt`, `*.md`) of
/// each folder named, in name order.
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
                .filter(|p| {
                    p.is_file()
                        && matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md"))
                })
                .filter(|p| {
                    !p.file_name()
                        .is_some_and(|n| n.eq_ignore_ascii_case("README.md"))
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
    let mut manifests = HashMap::new();
    let mut reports = Vec::new();
    for path in collect_files(paths)? {
        let result = (|| {
            let meta = manifest_for(&path, &mut manifests)?;
            let bytes = std::fs::read(&path).map_err(|source| IngestError::Read {
                path: path.clone(),
                source,
            })?;
            let prepared = prepare(&path, bytes, meta)?;
            let outcome = store
                .put_document(
                    &prepared.meta,
                    &prepared.text,
                    &prepared.sha256,
                    &prepared.contribution,
                )
                .map_err(|source| IngestError::Store {
                    path: path.clone(),
                    source,
                })?;
            Ok((prepared.meta.id, outcome, prepared.diagnostics))
        })();
        reports.push(match result {
            Ok((id, outcome, diagnostics)) => FileReport {
                path,
                result: Ok((id, outcome)),
                diagnostics,
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
            },
            Err(error) => FileReport {
                path,
                result: Err(error),
                diagnostics: Vec::new(),
            },
        });
    }
    Ok(reports)
}
