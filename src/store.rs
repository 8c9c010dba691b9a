//! The on-disk record, in sled. Only this module opens sled trees.
//!
//! # Layout
//! Every document's contribution is kept apart inside each record, so that
//! re-ingesting a document replaces exactly what it said before and nothing
//! else, whatever order documents arrive in:
//!
//! - [`NODES`]: for every node key, `{key}` → how many documents contribute
//!   to it (u64, big-endian), followed in key order by one record per
//!   document, `{key}\0{document id}` → that document's fragment (JSON).
//!   A document's write touches only its own fragments, so its cost does not
//!   grow with how many other documents name the same node (a committee, its
//!   members): ingest stays linear in the corpus.
//! - [`EDGES`]: the same for edge keys (`"{source} {kind} {target}"`)
//! - [`DOCUMENTS`]: document id → [`DocumentRecord`] (JSON): text, hash, and the
//!   keys it contributed
//! - [`META`]: `format_version` → u32 (big-endian); `generation` → u64, bumped by
//!   every write so readers know when to rebuild the index; `change_sequence` → u64
//! - [`CHANGES`]: sequence → [`Change`], the log integrations sync from
//! - [`ORIGINALS`]: document id → the original file's bytes, for documents
//!   whose normalised text is not the file itself (PDF, HTML)
//!
//! Each document is written in one sled transaction over all six trees: a
//! failure part-way leaves the store as it was before that document.
//!
//! # Knowing when it is damaged
//! The same transaction keeps [`Counts`] of the records in `meta`, and after
//! each commit is flushed the store writes what it acknowledged (identity,
//! generation, counts) to [`ACKNOWLEDGED`], a file beside sled's. Opening
//! compares the two and counts the documents; loading counts nodes and edges
//! as it reads them, in key order and never past the recorded count, so a
//! torn tree cannot make a read loop. A store that lost acknowledged writes,
//! lost its counts, or holds other counts than recorded is refused as
//! [`StoreError::Damaged`], naming the directory and `scrutiny rebuild`, which
//! re-reads the kept sources ([`crate::archive`]). sled's own panics on a
//! corrupt file are caught and refused the same way.
//!
//! An I/O error (a full disk) stops the store: the failing document is not
//! stored, later writes are refused at once, and the caller is told plainly.

use std::collections::{BTreeMap, BTreeSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use sled::transaction::{ConflictableTransactionError, TransactionError, TransactionalTree};
use sled::Transactional;

use crate::archive::{self, Archive, ArchiveError};
use crate::coverage::Coverage;
use crate::model::{merge_node, Contribution, Edge, Node};
use crate::parse::DocumentMeta;
use crate::read::{Format, PageStart};

/// node key → contributing documents; node key and document → fragment.
pub const NODES: &str = "nodes";
/// edge key → contributing documents; edge key and document → fragment.
pub const EDGES: &str = "edges";
/// document id → [`DocumentRecord`].
pub const DOCUMENTS: &str = "documents";
/// `format_version` → u32, `generation` → u64, `change_sequence` → u64.
pub const META: &str = "meta";
/// change sequence (u64, big-endian) → [`Change`]: an append-only log of every
/// node and edge changed or deleted, for integrations that sync incrementally.
pub const CHANGES: &str = "changes";

/// document id → the original file's bytes (PDF, HTML): the record the
/// normalised text was read from.
pub const ORIGINALS: &str = "originals";

/// Version of the serialised shapes above; bump it on any change to them.
/// 3: documents keep their reading (format, pages, original, coverage).
/// 4: record counts in `meta`, [`ACKNOWLEDGED`] beside the store, sources kept.
/// 5: one record per node (edge) and document, not one per node holding all.
pub const FORMAT_VERSION: u32 = 5;

/// The file beside sled's, in the data directory, recording what the store
/// last acknowledged: [`Acknowledged`] as JSON.
pub const ACKNOWLEDGED: &str = "store.json";

const KEY_FORMAT_VERSION: &[u8] = b"format_version";
const KEY_GENERATION: &[u8] = b"generation";
/// A name for this store, made when it is created: what the search index
/// beside it is stamped with, so an index is never reused for another store
/// that reaches the same generation.
const KEY_IDENTITY: &[u8] = b"identity";
const KEY_CHANGE_SEQUENCE: &[u8] = b"change_sequence";
/// [`Counts`] as JSON, kept in the transaction of every document.
const KEY_COUNTS: &[u8] = b"counts";

/// How many records the trees hold, kept with every write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Documents.
    pub documents: u64,
    /// Nodes (distinct node keys).
    pub nodes: u64,
    /// Edges (distinct edge keys).
    pub edges: u64,
    /// Node fragments (one per node and contributing document).
    pub node_fragments: u64,
    /// Edge fragments.
    pub edge_fragments: u64,
}

/// What the store last acknowledged, written beside it after each commit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acknowledged {
    /// The store's identity.
    pub identity: String,
    /// Its generation then.
    pub generation: u64,
    /// Its counts then.
    pub counts: Counts,
}

/// One entry of the change log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// Position in the log, from 1.
    pub sequence: u64,
    /// The node or edge key.
    pub key: String,
    /// "node" or "edge".
    pub entity: String,
    /// "changed" (created or updated) or "deleted" (a tombstone).
    pub change: String,
    /// The document whose ingest made the change.
    pub document: String,
    /// The store generation the change belongs to.
    pub generation: u64,
}

/// A store error, with the context needed to act on it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The data directory could not be opened as a sled database.
    #[error("cannot open the data directory {path}: {source}")]
    Open { path: PathBuf, source: sled::Error },
    /// Another process has the store open (sled locks it).
    #[error("the data directory {path} is in use by another process (a running `serve` or `ingest`?): stop it, or choose another directory")]
    InUse { path: PathBuf },
    /// The directory holds a store written by another version of this program.
    #[error("the data directory {path} holds store format version {found}, this build reads version {FORMAT_VERSION}: `scrutiny rebuild --data-dir {path}` makes a store of this version from its documents")]
    Version { path: PathBuf, found: u32 },
    /// sled failed during a read or write.
    #[error("storage error in tree {tree}: {source}")]
    Sled {
        tree: &'static str,
        source: sled::Error,
    },
    /// A record could not be decoded.
    #[error("corrupt record {key:?} in tree {tree}: {source}")]
    Corrupt {
        tree: &'static str,
        key: String,
        source: serde_json::Error,
    },
    /// A write was stopped on purpose (fault injection in tests).
    #[error("write of document {document} aborted after {writes} writes")]
    Aborted { document: String, writes: usize },
    /// The store is torn or corrupt: it is refused, and nothing is changed.
    #[error("the store in {path} is damaged: {detail}. Nothing was changed. `scrutiny check --data-dir {path}` lists what is wrong; `scrutiny rebuild --data-dir {path}` makes a new store from the sources kept in {path}/sources and keeps the damaged one beside it")]
    Damaged { path: PathBuf, detail: String },
    /// Writing failed at the disk (full, read-only, failing): the document
    /// being written was not stored; those acknowledged before it were.
    #[error("cannot write the store in {path}: {source}. The document being written was not stored, those reported before it were; free space or fix the disk, then run the same command again")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// An earlier write failed at the disk; this process writes no more.
    #[error("the store in {path} stopped after an earlier write failed; nothing more was written")]
    Stopped { path: PathBuf },
    /// The document's source could not be kept beside the store.
    #[error("cannot keep the source beside the store: {0}")]
    Archive(#[from] ArchiveError),
}

/// The key of `document`'s fragment of node or edge `key`. Keys are slugs
/// and never hold a NUL, the least byte, so a key's fragments sort right
/// after its count record and before any longer key it is a prefix of.
fn fragment_key(key: &str, document: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(key.len() + 1 + document.len());
    out.extend_from_slice(key.as_bytes());
    out.push(0);
    out.extend_from_slice(document.as_bytes());
    out
}

/// A source document as stored: its text is the record of truth for provenance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentRecord {
    /// What the manifest says about it.
    pub meta: DocumentMeta,
    /// SHA-256 of the text, hex.
    pub sha256: String,
    /// The whole text, byte-identical to the file.
    pub text: String,
    /// Node keys this document contributed.
    pub nodes: BTreeSet<String>,
    /// Edge keys this document contributed.
    pub edges: BTreeSet<String>,
    /// How the text was read and what its parse understood.
    #[serde(default)]
    pub reading: ReadingRecord,
}

/// How a document's text was read from its file, and its coverage report.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReadingRecord {
    /// The format of the original file.
    pub format: Option<Format>,
    /// Where each PDF page starts in the text.
    pub pages: Vec<PageStart>,
    /// SHA-256 of the original file, hex (for PDF and HTML, whose text is
    /// not the file; the original bytes are in [`ORIGINALS`]).
    pub original_sha256: Option<String>,
    /// What the parse understood.
    pub coverage: Option<Coverage>,
    /// The file's name when it was read, for reading it again (rebuild).
    #[serde(default)]
    pub file_name: Option<String>,
}

/// What an ingest did to one document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// New document.
    Added,
    /// The document's text or metadata changed; its facts were replaced.
    Replaced,
    /// Same text and metadata as stored: nothing was written.
    Unchanged,
}

/// The sled database.
#[derive(Clone)]
pub struct Store {
    db: sled::Db,
    nodes: sled::Tree,
    edges: sled::Tree,
    documents: sled::Tree,
    meta: sled::Tree,
    changes: sled::Tree,
    originals: sled::Tree,
    /// The data directory; `None` for a temporary store.
    dir: Option<PathBuf>,
    /// Set by an I/O error: no more writes.
    stopped: Arc<AtomicBool>,
}

/// How many documents contribute to `key` once `delta` is added, and the
/// count record to write (none when no document does). `records` holds the
/// running counts of keys and of fragments.
fn recount(
    tree: &TransactionalTree,
    key: &str,
    delta: i64,
    records: &mut [i64; 2],
) -> Result<(i64, Option<Vec<u8>>), ConflictableTransactionError<StoreError>> {
    let before = read_u64(tree.get(key.as_bytes())?) as i64;
    let after = (before + delta).max(0);
    records[0] += i64::from(after > 0) - i64::from(before > 0);
    records[1] += delta;
    Ok((
        after,
        (after > 0).then(|| (after as u64).to_be_bytes().to_vec()),
    ))
}

fn sled_err(tree: &'static str) -> impl Fn(sled::Error) -> StoreError {
    move |source| StoreError::Sled { tree, source }
}

fn decode<T: for<'de> Deserialize<'de>>(
    tree: &'static str,
    key: &[u8],
    bytes: &[u8],
) -> Result<T, StoreError> {
    serde_json::from_slice(bytes).map_err(|source| StoreError::Corrupt {
        tree,
        key: String::from_utf8_lossy(key).into_owned(),
        source,
    })
}

/// Fragments as JSON values, so nodes and edges share one write loop.
fn to_values<T: Serialize>(map: &BTreeMap<String, T>) -> BTreeMap<&String, serde_json::Value> {
    map.iter()
        .map(|(k, v)| {
            (
                k,
                serde_json::to_value(v).expect("model types always serialise"),
            )
        })
        .collect()
}

/// A new store identity: a hash of where, when and by which process the
/// store was made, unique in practice without a random-number dependency.
fn new_identity(path: &Path) -> String {
    use sha2::{Digest, Sha256};
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let mut hasher = Sha256::new();
    hasher.update(path.to_string_lossy().as_bytes());
    hasher.update(now.to_be_bytes());
    hasher.update(std::process::id().to_be_bytes());
    let digest = hasher.finalize();
    digest[..12].iter().map(|b| format!("{b:02x}")).collect()
}

fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("model types always serialise")
}

fn read_u64(bytes: Option<sled::IVec>) -> u64 {
    bytes
        .and_then(|b| b.as_ref().try_into().ok())
        .map(u64::from_be_bytes)
        .unwrap_or(0)
}

/// Opens sled in `path`, its panics on a corrupt file caught. A lock still
/// held is waited for a little: a store just dropped in this process (or a
/// process just killed) lets go of it within moments.
fn open_sled(path: &Path) -> Result<sled::Db, StoreError> {
    let mut result = open_sled_once(path);
    for _ in 0..LOCK_RETRIES {
        if !matches!(result, Err(StoreError::InUse { .. })) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        result = open_sled_once(path);
    }
    result
}

/// How many times [`open_sled`] tries again, 100 ms apart, while the lock
/// is held.
const LOCK_RETRIES: usize = 20;

fn open_sled_once(path: &Path) -> Result<sled::Db, StoreError> {
    // No periodic flusher: every write is flushed when its document is
    // committed, and without the thread a dropped store lets go at once.
    let config = sled::Config::new().path(path).flush_every_ms(None);
    // The config is used once and dropped: nothing is seen half-changed.
    match catch_unwind(AssertUnwindSafe(|| config.open())) {
        Ok(Ok(db)) => Ok(db),
        Ok(Err(sled::Error::Corruption { .. })) => Err(StoreError::Damaged {
            path: path.to_owned(),
            detail: "sled finds its files corrupt".to_owned(),
        }),
        // sled says so only in its message.
        Ok(Err(sled::Error::Io(e))) if e.to_string().contains("could not acquire lock") => {
            Err(StoreError::InUse {
                path: path.to_owned(),
            })
        }
        Ok(Err(source)) => Err(StoreError::Open {
            path: path.to_owned(),
            source,
        }),
        Err(payload) => Err(StoreError::Damaged {
            path: path.to_owned(),
            detail: format!(
                "sled cannot read its files ({})",
                crate::panic_message(payload.as_ref())
            ),
        }),
    }
}

/// What `path` last acknowledged, if it says.
pub fn acknowledged(path: &Path) -> Result<Option<Acknowledged>, StoreError> {
    let file = path.join(ACKNOWLEDGED);
    match std::fs::read(&file) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| StoreError::Damaged {
                path: path.to_owned(),
                detail: format!("{} is not readable ({e})", file.display()),
            }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StoreError::Damaged {
            path: path.to_owned(),
            detail: format!("{} cannot be read ({e})", file.display()),
        }),
    }
}

/// Names of temporary stores: `{prefix}{pid}-{n}`.
const TEMPORARY_PREFIX: &str = "scrutiny-temporary-";

/// Removes the temporary stores of processes that are no longer running.
fn remove_stale_temporaries(base: &Path) {
    let Ok(entries) = std::fs::read_dir(base) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(TEMPORARY_PREFIX)
            .and_then(|rest| rest.split('-').next())
        else {
            continue;
        };
        // Without /proc (not Linux) nothing is known to be stale.
        let proc = Path::new("/proc");
        if proc.is_dir() && !proc.join(pid).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

impl Store {
    /// Opens (or creates) the store in `path`, checking its format version
    /// and that it is whole (see the module's "Knowing when it is damaged").
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let db = open_sled(path)?;
        let acknowledged = acknowledged(path)?;
        let store = Store::from_db(db, Some(path))?;
        store.check_whole(acknowledged.as_ref())?;
        Archive::in_data_dir(path).settle(|id| {
            let bytes = store.documents.get(id.as_bytes()).ok()??;
            let record: DocumentRecord = decode(DOCUMENTS, id.as_bytes(), &bytes).ok()?;
            Some(record.sha256)
        })?;
        Ok(store)
    }

    /// Opens the store in `path` to read what it can, skipping the checks
    /// [`Store::open`] refuses a damaged store for (for `check` and `rebuild`).
    pub fn open_damaged(path: &Path) -> Result<Store, StoreError> {
        Store::from_db(open_sled(path)?, Some(path))
    }

    /// A throw-away store (in `/dev/shm` where there is one), for tests and
    /// benchmarks. sled removes it when it is dropped; one held until the
    /// process exits (a test's shared store) is not dropped, so the stores of
    /// processes that have exited are removed here, when the next is made.
    pub fn temporary() -> Result<Store, StoreError> {
        use std::sync::atomic::AtomicUsize;
        static MADE: AtomicUsize = AtomicUsize::new(0);
        let shm = Path::new("/dev/shm");
        let base = if shm.is_dir() {
            shm.to_owned()
        } else {
            std::env::temp_dir()
        };
        remove_stale_temporaries(&base);
        let pid = std::process::id();
        let n = MADE.fetch_add(1, Ordering::SeqCst);
        let path = base.join(format!("{TEMPORARY_PREFIX}{pid}-{n}"));
        let db = sled::Config::new()
            .temporary(true)
            .path(&path)
            .open()
            .map_err(sled_err("db"))?;
        Store::from_db(db, None)
    }

    fn from_db(db: sled::Db, dir: Option<&Path>) -> Result<Store, StoreError> {
        let open = |name: &'static str| db.open_tree(name).map_err(sled_err(name));
        Ok(Store {
            nodes: open(NODES)?,
            edges: open(EDGES)?,
            documents: open(DOCUMENTS)?,
            meta: open(META)?,
            changes: open(CHANGES)?,
            originals: open(ORIGINALS)?,
            db,
            dir: dir.map(Path::to_owned),
            stopped: Arc::new(AtomicBool::new(false)),
        })
    }

    fn path(&self) -> PathBuf {
        self.dir
            .clone()
            .unwrap_or_else(|| PathBuf::from("(temporary)"))
    }

    fn damaged(&self, detail: impl Into<String>) -> StoreError {
        StoreError::Damaged {
            path: self.path(),
            detail: detail.into(),
        }
    }

    /// The version, identity, generation and counts checks of opening; a
    /// new store gets its version and identity here.
    fn check_whole(&self, acknowledged: Option<&Acknowledged>) -> Result<(), StoreError> {
        let said = |what: &str| match acknowledged {
            Some(a) => format!(
                "{what}, but {} records {} document(s) at generation {}",
                ACKNOWLEDGED, a.counts.documents, a.generation
            ),
            None => what.to_owned(),
        };
        match self.meta.get(KEY_FORMAT_VERSION).map_err(sled_err(META))? {
            Some(bytes) => {
                let found = bytes
                    .as_ref()
                    .try_into()
                    .map(u32::from_be_bytes)
                    .unwrap_or(0);
                if found != FORMAT_VERSION {
                    return Err(StoreError::Version {
                        path: self.path(),
                        found,
                    });
                }
            }
            None if acknowledged.is_some() => {
                return Err(self.damaged(said("the store's files hold no store")));
            }
            None => {
                self.meta
                    .insert(KEY_FORMAT_VERSION, &FORMAT_VERSION.to_be_bytes())
                    .map_err(sled_err(META))?;
            }
        }
        let identity = self.identity()?;
        if identity.is_empty() {
            if acknowledged.is_some() {
                return Err(self.damaged(said("the store has lost its identity")));
            }
            // Only if still absent: two opens never give a store two names.
            let _ = self
                .meta
                .compare_and_swap(
                    KEY_IDENTITY,
                    None as Option<&[u8]>,
                    Some(new_identity(&self.path()).as_bytes()),
                )
                .map_err(sled_err(META))?;
        }
        let generation = self.generation()?;
        if let Some(a) = acknowledged {
            if a.identity != identity {
                return Err(self.damaged(format!(
                    "it is store {identity}, but {ACKNOWLEDGED} belongs to store {}",
                    a.identity
                )));
            }
            if generation < a.generation {
                return Err(self.damaged(format!(
                    "it is at generation {generation}, but generation {} had been written: acknowledged writes were lost",
                    a.generation
                )));
            }
        }
        let counts = self.counts()?;
        if generation > 0 && counts.is_none() {
            return Err(self.damaged("its record counts are missing"));
        }
        let expected = counts.unwrap_or_default().documents;
        self.scan(&self.documents, DOCUMENTS, expected, |_, _| Ok(()))?;
        Ok(())
    }

    /// The record counts kept in `meta` (none before the first write).
    pub fn counts(&self) -> Result<Option<Counts>, StoreError> {
        match self.meta.get(KEY_COUNTS).map_err(sled_err(META))? {
            Some(bytes) => decode(META, KEY_COUNTS, &bytes).map(Some),
            None => Ok(None),
        }
    }

    /// Visits every record of `tree` in key order, refusing the tree as
    /// damaged if its keys do not strictly increase, if it holds more
    /// records than `expected` (so a torn tree cannot loop), or fewer; and if
    /// sled panics reading it.
    fn scan(
        &self,
        tree: &sled::Tree,
        name: &'static str,
        expected: u64,
        mut each: impl FnMut(&[u8], &[u8]) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let walk = AssertUnwindSafe(|| -> Result<u64, StoreError> {
            let mut seen = 0u64;
            let mut last: Option<sled::IVec> = None;
            for entry in tree.iter() {
                let (key, value) = entry.map_err(sled_err(name))?;
                if last.as_ref().is_some_and(|last| *last >= key) {
                    return Err(self.damaged(format!(
                        "tree {name} is out of key order at {:?}",
                        String::from_utf8_lossy(&key)
                    )));
                }
                seen += 1;
                if seen > expected {
                    return Err(self.damaged(format!(
                        "tree {name} holds more than the {expected} records counted"
                    )));
                }
                each(&key, &value)?;
                last = Some(key);
            }
            Ok(seen)
        });
        let seen = match catch_unwind(walk) {
            Ok(result) => result?,
            Err(payload) => {
                return Err(self.damaged(format!(
                    "sled cannot read tree {name} ({})",
                    crate::panic_message(payload.as_ref())
                )))
            }
        };
        if seen != expected {
            return Err(self.damaged(format!(
                "tree {name} holds {seen} records, {expected} counted"
            )));
        }
        Ok(())
    }

    /// The data directory, for a store that has one (not a temporary store).
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// This store's identity, made when it was created (see [`KEY_IDENTITY`]).
    pub fn identity(&self) -> Result<String, StoreError> {
        let bytes = self.meta.get(KEY_IDENTITY).map_err(sled_err(META))?;
        Ok(bytes
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default())
    }

    /// A number that changes whenever the store's content does.
    pub fn generation(&self) -> Result<u64, StoreError> {
        Ok(read_u64(
            self.meta.get(KEY_GENERATION).map_err(sled_err(META))?,
        ))
    }

    /// Whether no document has been ingested yet.
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }

    /// Writes one document's contribution atomically, replacing what the same
    /// document contributed before.
    pub fn put_document(
        &self,
        meta: &DocumentMeta,
        text: &str,
        sha256: &str,
        contribution: &Contribution,
    ) -> Result<Outcome, StoreError> {
        self.write_document(
            meta,
            text,
            sha256,
            contribution,
            &ReadingRecord::default(),
            None,
            None,
        )
    }

    /// [`Store::put_document`] for a document read from a file: its reading
    /// record, and the original bytes where the text is not the file.
    pub fn put_read_document(
        &self,
        meta: &DocumentMeta,
        text: &str,
        sha256: &str,
        contribution: &Contribution,
        reading: &ReadingRecord,
        original: Option<&[u8]>,
    ) -> Result<Outcome, StoreError> {
        self.write_document(meta, text, sha256, contribution, reading, original, None)
    }

    /// The original file of a document read from PDF or HTML.
    pub fn original(&self, id: &str) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self
            .originals
            .get(id.as_bytes())
            .map_err(sled_err(ORIGINALS))?
            .map(|b| b.to_vec()))
    }

    /// [`Store::put_document`], aborting the transaction after `fail_after` writes.
    /// Tests use it to show that a failure part-way leaves the store unchanged.
    #[doc(hidden)]
    pub fn put_document_failing_after(
        &self,
        meta: &DocumentMeta,
        text: &str,
        sha256: &str,
        contribution: &Contribution,
        fail_after: Option<usize>,
    ) -> Result<Outcome, StoreError> {
        let reading = ReadingRecord::default();
        self.write_document(meta, text, sha256, contribution, &reading, None, fail_after)
    }

    #[allow(clippy::too_many_arguments)] // one private writer behind the three entry points
    fn write_document(
        &self,
        meta: &DocumentMeta,
        text: &str,
        sha256: &str,
        contribution: &Contribution,
        reading: &ReadingRecord,
        original: Option<&[u8]>,
        fail_after: Option<usize>,
    ) -> Result<Outcome, StoreError> {
        if self.stopped.load(Ordering::SeqCst) {
            return Err(StoreError::Stopped { path: self.path() });
        }
        // The source is kept before the transaction, under a temporary name,
        // and put in place once the store has committed.
        let staged = match &self.dir {
            Some(dir) => {
                Some(self.stage_source(dir, meta, text, sha256, contribution, reading, original)?)
            }
            None => None,
        };
        let result = self.transact(
            meta,
            text,
            sha256,
            contribution,
            reading,
            original,
            fail_after,
        );
        let outcome = match result {
            Ok(outcome) => outcome,
            Err(error) => {
                if let Some(staged) = staged {
                    staged.discard();
                }
                return Err(self.stop_on_io(error));
            }
        };
        if let Some(staged) = staged {
            staged.commit()?;
        }
        if outcome != Outcome::Unchanged {
            self.acknowledge()?;
        }
        Ok(outcome)
    }

    /// An I/O error stops the store (sled is not to be trusted after one).
    fn stop_on_io(&self, error: StoreError) -> StoreError {
        match error {
            StoreError::Sled {
                source: sled::Error::Io(source),
                ..
            } => {
                self.stopped.store(true, Ordering::SeqCst);
                // sled wraps the OS error in debug text: say its kind.
                StoreError::Io {
                    path: self.path(),
                    source: std::io::Error::from(source.kind()),
                }
            }
            other => other,
        }
    }

    /// Writes [`ACKNOWLEDGED`]: what the store now holds, durably.
    fn acknowledge(&self) -> Result<(), StoreError> {
        let Some(dir) = &self.dir else {
            return Ok(());
        };
        let record = Acknowledged {
            identity: self.identity()?,
            generation: self.generation()?,
            counts: self.counts()?.unwrap_or_default(),
        };
        let path = dir.join(ACKNOWLEDGED);
        let temporary = dir.join(format!("{ACKNOWLEDGED}.tmp"));
        let write = || -> std::io::Result<()> {
            use std::io::Write;
            let mut file = std::fs::File::create(&temporary)?;
            file.write_all(&encode(&record))?;
            file.sync_all()?;
            std::fs::rename(&temporary, &path)?;
            std::fs::File::open(dir)?.sync_all()
        };
        write().map_err(|source| {
            self.stopped.store(true, Ordering::SeqCst);
            StoreError::Io { path, source }
        })
    }

    #[allow(clippy::too_many_arguments)] // the writer's own arguments, passed on
    fn stage_source(
        &self,
        dir: &Path,
        meta: &DocumentMeta,
        text: &str,
        sha256: &str,
        contribution: &Contribution,
        reading: &ReadingRecord,
        original: Option<&[u8]>,
    ) -> Result<archive::Staged, StoreError> {
        let header = |how| archive::Header {
            meta: meta.clone(),
            how,
            text_sha256: sha256.to_owned(),
        };
        let staged = match &reading.file_name {
            // A file's own bytes: the original, or the text that is the file.
            Some(name) => Archive::in_data_dir(dir).stage(
                &header(archive::How::File { name: name.clone() }),
                original.unwrap_or(text.as_bytes()),
            ),
            None => {
                let record = archive::Record {
                    text: text.to_owned(),
                    contribution: contribution.clone(),
                };
                Archive::in_data_dir(dir).stage(&header(archive::How::Record), &encode(&record))
            }
        };
        staged.map_err(|error| match error {
            ArchiveError::Io { source, .. } => StoreError::Io {
                path: self.path(),
                source,
            },
            other => StoreError::Archive(other),
        })
    }

    /// The sled transaction of [`Store::write_document`], then its flush.
    #[allow(clippy::too_many_arguments)] // the writer's own arguments, passed on
    fn transact(
        &self,
        meta: &DocumentMeta,
        text: &str,
        sha256: &str,
        contribution: &Contribution,
        reading: &ReadingRecord,
        original: Option<&[u8]>,
        fail_after: Option<usize>,
    ) -> Result<Outcome, StoreError> {
        let doc = meta.id.as_str();
        let record = DocumentRecord {
            meta: meta.clone(),
            sha256: sha256.to_owned(),
            text: text.to_owned(),
            nodes: contribution.nodes.keys().cloned().collect(),
            edges: contribution.edges.keys().cloned().collect(),
            reading: reading.clone(),
        };
        let result = (
            &self.nodes,
            &self.edges,
            &self.documents,
            &self.meta,
            &self.changes,
            &self.originals,
        )
            .transaction(|(nodes, edges, documents, meta_tree, changes, originals)| {
                // (key, entity, deleted) of every node and edge this write changes.
                let mut changed: Vec<(String, &'static str, bool)> = Vec::new();
                let mut writes = 0usize;
                let mut write = |tree: &TransactionalTree, key: &[u8], value: Option<Vec<u8>>| {
                    if fail_after.is_some_and(|limit| writes >= limit) {
                        return Err(ConflictableTransactionError::Abort(StoreError::Aborted {
                            document: doc.to_owned(),
                            writes,
                        }));
                    }
                    writes += 1;
                    match value {
                        Some(value) => tree.insert(key, value)?,
                        None => tree.remove(key)?,
                    };
                    Ok(())
                };
                let old: Option<DocumentRecord> = match documents.get(doc.as_bytes())? {
                    Some(bytes) => Some(
                        decode(DOCUMENTS, doc.as_bytes(), &bytes)
                            .map_err(ConflictableTransactionError::Abort)?,
                    ),
                    None => None,
                };
                if old
                    .as_ref()
                    .is_some_and(|old| old.sha256 == record.sha256 && old.meta == record.meta)
                {
                    return Ok(Outcome::Unchanged);
                }
                let (old_nodes, old_edges) = old
                    .as_ref()
                    .map(|o| (o.nodes.clone(), o.edges.clone()))
                    .unwrap_or_default();
                let mut counts: Counts = match meta_tree.get(KEY_COUNTS)? {
                    Some(bytes) => decode(META, KEY_COUNTS, &bytes)
                        .map_err(ConflictableTransactionError::Abort)?,
                    None => Counts::default(),
                };
                counts.documents += u64::from(old.is_none());
                let mut node_records = [counts.nodes as i64, counts.node_fragments as i64];
                let mut edge_records = [counts.edges as i64, counts.edge_fragments as i64];
                for (tree, name, entity, old_keys, new, records) in [
                    (
                        nodes,
                        NODES,
                        "node",
                        &old_nodes,
                        to_values(&contribution.nodes),
                        &mut node_records,
                    ),
                    (
                        edges,
                        EDGES,
                        "edge",
                        &old_edges,
                        to_values(&contribution.edges),
                        &mut edge_records,
                    ),
                ] {
                    for key in old_keys.iter().filter(|k| !new.contains_key(k)) {
                        let fragment = fragment_key(key, doc);
                        if tree.get(&fragment)?.is_none() {
                            continue;
                        }
                        write(tree, &fragment, None)?;
                        let (left, count) = recount(tree, key, -1, records)?;
                        write(tree, key.as_bytes(), count)?;
                        changed.push((key.clone(), entity, left == 0));
                    }
                    for (key, value) in new {
                        let fragment = fragment_key(key, doc);
                        let before: Option<serde_json::Value> = match tree.get(&fragment)? {
                            Some(bytes) => Some(
                                decode(name, &fragment, &bytes)
                                    .map_err(ConflictableTransactionError::Abort)?,
                            ),
                            None => None,
                        };
                        // An unchanged fragment is neither written nor logged.
                        if before.as_ref() == Some(&value) {
                            continue;
                        }
                        write(tree, &fragment, Some(encode(&value)))?;
                        if before.is_none() {
                            let (_, count) = recount(tree, key, 1, records)?;
                            write(tree, key.as_bytes(), count)?;
                        }
                        changed.push((key.clone(), entity, false));
                    }
                }
                write(documents, doc.as_bytes(), Some(encode(&record)))?;
                write(originals, doc.as_bytes(), original.map(<[u8]>::to_vec))?;
                let generation = meta_tree
                    .get(KEY_GENERATION)?
                    .and_then(|b| b.as_ref().try_into().ok())
                    .map(u64::from_be_bytes)
                    .unwrap_or(0);
                write(
                    meta_tree,
                    KEY_GENERATION,
                    Some((generation + 1).to_be_bytes().to_vec()),
                )?;
                let mut sequence = meta_tree
                    .get(KEY_CHANGE_SEQUENCE)?
                    .and_then(|b| b.as_ref().try_into().ok())
                    .map(u64::from_be_bytes)
                    .unwrap_or(0);
                for (key, entity, deleted) in changed {
                    sequence += 1;
                    let change = Change {
                        sequence,
                        key,
                        entity: entity.to_owned(),
                        change: if deleted { "deleted" } else { "changed" }.to_owned(),
                        document: doc.to_owned(),
                        generation: generation + 1,
                    };
                    write(changes, &sequence.to_be_bytes(), Some(encode(&change)))?;
                }
                write(
                    meta_tree,
                    KEY_CHANGE_SEQUENCE,
                    Some(sequence.to_be_bytes().to_vec()),
                )?;
                counts.nodes = node_records[0].max(0) as u64;
                counts.node_fragments = node_records[1].max(0) as u64;
                counts.edges = edge_records[0].max(0) as u64;
                counts.edge_fragments = edge_records[1].max(0) as u64;
                write(meta_tree, KEY_COUNTS, Some(encode(&counts)))?;
                Ok(if old.is_some() {
                    Outcome::Replaced
                } else {
                    Outcome::Added
                })
            });
        match result {
            Ok(outcome) => {
                self.db.flush().map_err(sled_err("db"))?;
                Ok(outcome)
            }
            Err(TransactionError::Abort(error)) => Err(error),
            Err(TransactionError::Storage(source)) => Err(StoreError::Sled {
                tree: "transaction",
                source,
            }),
        }
    }

    /// Every stored document, by id.
    pub fn documents(&self) -> Result<Vec<DocumentRecord>, StoreError> {
        let expected = self.counts()?.unwrap_or_default().documents;
        let mut out = Vec::new();
        self.scan(&self.documents, DOCUMENTS, expected, |key, bytes| {
            out.push(decode(DOCUMENTS, key, bytes)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// What can be read of the documents of a store that may be damaged
    /// (for `rebuild`): every record that decodes, in key order, stopping
    /// where the keys stop increasing; and what could not be read.
    pub fn salvage_documents(&self) -> (Vec<DocumentRecord>, Vec<String>) {
        let mut found = Vec::new();
        let mut problems = Vec::new();
        let walk = AssertUnwindSafe(|| {
            let mut last: Option<sled::IVec> = None;
            for entry in self.documents.iter() {
                let (key, bytes) = match entry {
                    Ok(entry) => entry,
                    Err(e) => {
                        problems.push(format!("tree {DOCUMENTS}: {e}"));
                        break;
                    }
                };
                if last.as_ref().is_some_and(|last| *last >= key) {
                    problems.push(format!("tree {DOCUMENTS} is out of key order"));
                    break;
                }
                match decode::<DocumentRecord>(DOCUMENTS, &key, &bytes) {
                    Ok(record) => found.push(record),
                    Err(e) => problems.push(e.to_string()),
                }
                last = Some(key);
            }
        });
        if let Err(payload) = catch_unwind(walk) {
            problems.push(format!(
                "sled cannot read tree {DOCUMENTS} ({})",
                crate::panic_message(payload.as_ref())
            ));
        }
        (found, problems)
    }

    /// The change log, oldest first.
    pub fn changes(&self) -> Result<Vec<Change>, StoreError> {
        // One entry per sequence number, none ever removed.
        let expected = read_u64(self.meta.get(KEY_CHANGE_SEQUENCE).map_err(sled_err(META))?);
        let mut out = Vec::new();
        self.scan(&self.changes, CHANGES, expected, |key, bytes| {
            out.push(decode(CHANGES, key, bytes)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// Every node, its per-document fragments merged (in document id order).
    pub fn nodes(&self) -> Result<Vec<Node>, StoreError> {
        let counts = self.counts()?.unwrap_or_default();
        let expected = (counts.nodes, counts.node_fragments);
        self.merged(
            &self.nodes,
            NODES,
            expected,
            |into: &mut Node, other: Node| merge_node(into, other),
        )
    }

    /// Every edge, its per-document fragments merged.
    pub fn edges(&self) -> Result<Vec<Edge>, StoreError> {
        let counts = self.counts()?.unwrap_or_default();
        let expected = (counts.edges, counts.edge_fragments);
        self.merged(
            &self.edges,
            EDGES,
            expected,
            |into: &mut Edge, other: Edge| {
                for (k, v) in other.props {
                    into.props.entry(k).or_insert(v);
                }
                for span in other.provenance {
                    if !into.provenance.contains(&span) {
                        into.provenance.push(span);
                    }
                }
                into.provenance.sort();
            },
        )
    }

    fn merged<T: for<'de> Deserialize<'de>>(
        &self,
        tree: &sled::Tree,
        name: &'static str,
        (expected, fragments): (u64, u64),
        merge: impl Fn(&mut T, T),
    ) -> Result<Vec<T>, StoreError> {
        // The recorded counts, not `Tree::len`, which walks a torn tree for ever.
        let mut out = Vec::with_capacity(expected.min(1 << 20) as usize);
        // The key being merged, the fragments its count record promises, and
        // how many have been read.
        let mut current: Option<(Vec<u8>, u64, u64)> = None;
        let mut merged: Option<T> = None;
        let mut finish = |current: &Option<(Vec<u8>, u64, u64)>, merged: &mut Option<T>| {
            if let Some((key, promised, read)) = current {
                if promised != read {
                    return Err(self.damaged(format!(
                        "tree {name}: {:?} counts {promised} fragments, {read} stored",
                        String::from_utf8_lossy(key)
                    )));
                }
            }
            out.extend(merged.take());
            Ok(())
        };
        self.scan(tree, name, expected + fragments, |key, bytes| {
            match key.iter().position(|&b| b == 0) {
                // A count record: the next key's fragments follow it.
                None => {
                    finish(&current, &mut merged)?;
                    current = Some((key.to_vec(), read_u64(Some(bytes.into())), 0));
                }
                Some(end) => {
                    let Some((_, _, read)) = current.as_mut().filter(|c| c.0 == key[..end]) else {
                        return Err(self.damaged(format!(
                            "tree {name}: the fragment {:?} has no count record",
                            String::from_utf8_lossy(key)
                        )));
                    };
                    *read += 1;
                    let fragment: T = decode(name, key, bytes)?;
                    match merged.as_mut() {
                        Some(into) => merge(into, fragment),
                        None => merged = Some(fragment),
                    }
                }
            }
            Ok(())
        })?;
        finish(&current, &mut merged)?;
        Ok(out)
    }
}
