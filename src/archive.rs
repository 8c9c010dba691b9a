//! The kept sources: every document the store holds, as it was given, in
//! plain files beside the store (`{data dir}/sources/`). They are the record a
//! damaged store is rebuilt from (`scrutiny rebuild`), and what a new build's
//! parsers re-read; sled is a beta embedded store, these files are not.
//!
//! One file per document, `{hash of its id}.source`: a one-line JSON
//! [`Header`], a newline, then the payload: the original file's bytes for a
//! document read from a file, or a [`Record`] (its text and facts as JSON)
//! for one written without a file (an N-Quads import).
//!
//! A source is staged (written and synced under a temporary name) before the
//! store's transaction and renamed into place after it commits, so the kept
//! file of a document is never newer than what the store acknowledged; if the
//! process dies between the two, the stale or missing file is what
//! `scrutiny check` reports.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::model::Contribution;
use crate::parse::DocumentMeta;

/// The folder inside a data directory that holds the kept sources.
pub const SOURCES_DIR: &str = "sources";

const SUFFIX: &str = "source";

/// What a kept source is, before its payload.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// The document's metadata as it was stored.
    pub meta: DocumentMeta,
    /// How to bring it back.
    pub how: How,
    /// SHA-256 (hex) of the stored text: compared with the store's record.
    pub text_sha256: String,
}

/// How a kept document is brought back.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "kind")]
pub enum How {
    /// Read again from the file (the payload), named so: the readers pick
    /// a format by name and content.
    File {
        /// The file's name when it was ingested.
        name: String,
    },
    /// Written again as recorded (the payload is a [`Record`]).
    Record,
}

/// The payload of a document written without a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Its text.
    pub text: String,
    /// What it contributed.
    pub contribution: Contribution,
}

/// A kept source read back.
#[derive(Debug)]
pub struct Kept {
    /// Where it is.
    pub path: PathBuf,
    /// What it is.
    pub header: Header,
    /// The file's bytes, or the JSON of a [`Record`].
    pub payload: Vec<u8>,
}

/// An error reading or writing kept sources.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    /// A file could not be written or read.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A kept file does not start with a valid header.
    #[error("{path}: not a kept source: {detail}")]
    Invalid { path: PathBuf, detail: String },
}

/// The kept sources of one data directory.
#[derive(Clone, Debug)]
pub struct Archive {
    dir: PathBuf,
}

/// A source written under a temporary name, waiting for the store's commit.
#[derive(Debug)]
#[must_use = "a staged source is put in place by `commit` or removed by `discard`"]
pub struct Staged {
    temporary: PathBuf,
    path: PathBuf,
    dir: PathBuf,
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> ArchiveError + '_ {
    move |source| ArchiveError::Io {
        path: path.to_owned(),
        source,
    }
}

/// The kept file's name: a hash of the id, so any id is a safe file name.
fn file_name(id: &str) -> String {
    let digest = Sha256::digest(id.as_bytes());
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("{hex}.{SUFFIX}")
}

impl Archive {
    /// The kept sources of the data directory `data_dir`.
    pub fn in_data_dir(data_dir: &Path) -> Archive {
        Archive {
            dir: data_dir.join(SOURCES_DIR),
        }
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes a document's source under a temporary name, synced to disk.
    pub fn stage(&self, header: &Header, payload: &[u8]) -> Result<Staged, ArchiveError> {
        std::fs::create_dir_all(&self.dir).map_err(io(&self.dir))?;
        let path = self.dir.join(file_name(&header.meta.id));
        let temporary = path.with_extension(format!("{SUFFIX}.{}.tmp", std::process::id()));
        let write = || -> std::io::Result<()> {
            let mut file = File::create(&temporary)?;
            let mut line = serde_json::to_vec(header).map_err(std::io::Error::other)?;
            line.push(b'\n');
            file.write_all(&line)?;
            file.write_all(payload)?;
            file.sync_all()
        };
        if let Err(source) = write() {
            let _ = std::fs::remove_file(&temporary);
            return Err(ArchiveError::Io {
                path: temporary,
                source,
            });
        }
        Ok(Staged {
            temporary,
            path,
            dir: self.dir.clone(),
        })
    }

    /// Every kept source, in file-name order.
    pub fn list(&self) -> Result<Vec<PathBuf>, ArchiveError> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => {
                return Err(ArchiveError::Io {
                    path: self.dir.clone(),
                    source,
                })
            }
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == SUFFIX))
            .collect();
        paths.sort();
        Ok(paths)
    }

    /// Sources left staged by a process that stopped between its store's
    /// commit and the rename: [`Archive::settle`] them once the store is open.
    fn staged(&self) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "tmp"))
            .collect()
    }

    /// Puts each staged source whose text the store holds (`stored(id)` gives
    /// the stored text's hash) in place, and removes the others: the store
    /// did not commit them. Only one process writes a store (sled locks it),
    /// so at open every staged file is left over.
    pub fn settle(&self, stored: impl Fn(&str) -> Option<String>) -> Result<(), ArchiveError> {
        for temporary in self.staged() {
            let header = read(&temporary).ok().map(|kept| kept.header);
            match header {
                Some(header) if stored(&header.meta.id).as_ref() == Some(&header.text_sha256) => {
                    Staged {
                        path: self.dir.join(file_name(&header.meta.id)),
                        temporary,
                        dir: self.dir.clone(),
                    }
                    .commit()?;
                }
                _ => std::fs::remove_file(&temporary).map_err(io(&temporary))?,
            }
        }
        Ok(())
    }

    /// The kept source of document `id`, if there is one.
    pub fn get(&self, id: &str) -> Result<Option<Kept>, ArchiveError> {
        let path = self.dir.join(file_name(id));
        if !path.exists() {
            return Ok(None);
        }
        read(&path).map(Some)
    }
}

/// Reads one kept source.
pub fn read(path: &Path) -> Result<Kept, ArchiveError> {
    let mut reader = BufReader::new(File::open(path).map_err(io(path))?);
    let mut line = Vec::new();
    reader.read_until(b'\n', &mut line).map_err(io(path))?;
    let header: Header = serde_json::from_slice(&line).map_err(|e| ArchiveError::Invalid {
        path: path.to_owned(),
        detail: format!("its first line is not a header: {e}"),
    })?;
    let mut payload = Vec::new();
    reader.read_to_end(&mut payload).map_err(io(path))?;
    Ok(Kept {
        path: path.to_owned(),
        header,
        payload,
    })
}

impl Staged {
    /// Puts the source in place (after the store committed the document).
    pub fn commit(self) -> Result<(), ArchiveError> {
        std::fs::rename(&self.temporary, &self.path).map_err(io(&self.path))?;
        // The rename itself is durable only once the folder is synced.
        File::open(&self.dir)
            .and_then(|dir| dir.sync_all())
            .map_err(io(&self.dir))
    }

    /// Removes the staged file (the store refused the document).
    pub fn discard(self) {
        let _ = std::fs::remove_file(&self.temporary);
    }
}
