//! The on-disk record, in sled. Only this module opens sled trees.
//!
//! # Layout
//! Every document's contribution is kept apart inside each record, so that
//! re-ingesting a document replaces exactly what it said before and nothing
//! else, whatever order documents arrive in:
//!
//! - [`NODES`]: node key → `Stored<Node>` (JSON): one fragment per document
//! - [`EDGES`]: edge key (`"{source} {kind} {target}"`) → `Stored<Edge>` (JSON)
//! - [`DOCUMENTS`]: document id → [`DocumentRecord`] (JSON): text, hash, and the
//!   keys it contributed
//! - [`META`]: `format_version` → u32 (big-endian); `generation` → u64, bumped by
//!   every write so readers know when to rebuild the index; `change_sequence` → u64
//! - [`CHANGES`]: sequence → [`Change`], the log integrations sync from
//! - [`ORIGINALS`]: document id → the original file's bytes, for documents
//!   whose normalised text is not the file itself (PDF, HTML)
//!
//! Each document is written in one sled transaction over all five trees: a
//! failure part-way leaves the store as it was before that document.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sled::transaction::{ConflictableTransactionError, TransactionError, TransactionalTree};
use sled::Transactional;

use crate::coverage::Coverage;
use crate::model::{merge_node, Contribution, Edge, Node};
use crate::parse::DocumentMeta;
use crate::read::{Format, PageStart};

/// node key → `Stored<Node>`.
pub const NODES: &str = "nodes";
/// edge key → `Stored<Edge>`.
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
pub const FORMAT_VERSION: u32 = 3;

const KEY_FORMAT_VERSION: &[u8] = b"format_version";
const KEY_GENERATION: &[u8] = b"generation";
/// A name for this store, made when it is created: what the search index
/// beside it is stamped with, so an index is never reused for another store
/// that reaches the same generation.
const KEY_IDENTITY: &[u8] = b"identity";
const KEY_CHANGE_SEQUENCE: &[u8] = b"change_sequence";

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
    /// The directory holds a store written by another version of this program.
    #[error("the data directory {path} holds store format version {found}, this build reads version {FORMAT_VERSION}")]
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
}

/// Per-document fragments of one node or edge.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct Stored<T> {
    fragments: BTreeMap<String, T>,
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

impl Store {
    /// Opens (or creates) the store in `path`, checking its format version.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let db = sled::open(path).map_err(|source| StoreError::Open {
            path: path.to_owned(),
            source,
        })?;
        Store::from_db(db, path)
    }

    /// A throw-away store in memory, for tests and benchmarks.
    pub fn temporary() -> Result<Store, StoreError> {
        let db = sled::Config::new()
            .temporary(true)
            .open()
            .map_err(sled_err("db"))?;
        Store::from_db(db, Path::new("(temporary)"))
    }

    fn from_db(db: sled::Db, path: &Path) -> Result<Store, StoreError> {
        let open = |name: &'static str| db.open_tree(name).map_err(sled_err(name));
        let store = Store {
            nodes: open(NODES)?,
            edges: open(EDGES)?,
            documents: open(DOCUMENTS)?,
            meta: open(META)?,
            changes: open(CHANGES)?,
            originals: open(ORIGINALS)?,
            db,
        };
        match store.meta.get(KEY_FORMAT_VERSION).map_err(sled_err(META))? {
            Some(bytes) => {
                let found = bytes
                    .as_ref()
                    .try_into()
                    .map(u32::from_be_bytes)
                    .unwrap_or(0);
                if found != FORMAT_VERSION {
                    return Err(StoreError::Version {
                        path: path.to_owned(),
                        found,
                    });
                }
            }
            None => {
                store
                    .meta
                    .insert(KEY_FORMAT_VERSION, &FORMAT_VERSION.to_be_bytes())
                    .map_err(sled_err(META))?;
            }
        }
        // Stores made before identities were kept get one now.
        if store
            .meta
            .get(KEY_IDENTITY)
            .map_err(sled_err(META))?
            .is_none()
        {
            let identity = new_identity(path);
            // Only if still absent: two opens never give a store two names.
            let _ = store
                .meta
                .compare_and_swap(
                    KEY_IDENTITY,
                    None as Option<&[u8]>,
                    Some(identity.as_bytes()),
                )
                .map_err(sled_err(META))?;
        }
        Ok(store)
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
        let bytes = self.meta.get(KEY_GENERATION).map_err(sled_err(META))?;
        Ok(bytes
            .and_then(|b| b.as_ref().try_into().ok())
            .map(u64::from_be_bytes)
            .unwrap_or(0))
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
                for (tree, name, entity, old_keys, new) in [
                    (
                        nodes,
                        NODES,
                        "node",
                        &old_nodes,
                        to_values(&contribution.nodes),
                    ),
                    (
                        edges,
                        EDGES,
                        "edge",
                        &old_edges,
                        to_values(&contribution.edges),
                    ),
                ] {
                    for key in old_keys.iter().filter(|k| !new.contains_key(k)) {
                        let Some(bytes) = tree.get(key.as_bytes())? else {
                            continue;
                        };
                        let mut stored: Stored<serde_json::Value> =
                            decode(name, key.as_bytes(), &bytes)
                                .map_err(ConflictableTransactionError::Abort)?;
                        stored.fragments.remove(doc);
                        let value = (!stored.fragments.is_empty()).then(|| encode(&stored));
                        changed.push((key.clone(), entity, value.is_none()));
                        write(tree, key.as_bytes(), value)?;
                    }
                    for (key, fragment) in new {
                        let mut stored: Stored<serde_json::Value> =
                            match tree.get(key.as_bytes())? {
                                Some(bytes) => decode(name, key.as_bytes(), &bytes)
                                    .map_err(ConflictableTransactionError::Abort)?,
                                None => Stored::default(),
                            };
                        // An unchanged fragment is neither written nor logged.
                        if stored.fragments.get(doc) == Some(&fragment) {
                            continue;
                        }
                        stored.fragments.insert(doc.to_owned(), fragment);
                        changed.push((key.clone(), entity, false));
                        write(tree, key.as_bytes(), Some(encode(&stored)))?;
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
        self.documents
            .iter()
            .map(|entry| {
                let (key, bytes) = entry.map_err(sled_err(DOCUMENTS))?;
                decode(DOCUMENTS, &key, &bytes)
            })
            .collect()
    }

    /// The change log, oldest first.
    pub fn changes(&self) -> Result<Vec<Change>, StoreError> {
        self.changes
            .iter()
            .map(|entry| {
                let (key, bytes) = entry.map_err(sled_err(CHANGES))?;
                decode(CHANGES, &key, &bytes)
            })
            .collect()
    }

    /// Every node, its per-document fragments merged (in document id order).
    pub fn nodes(&self) -> Result<Vec<Node>, StoreError> {
        self.merged(&self.nodes, NODES, |into: &mut Node, other: Node| {
            merge_node(into, other)
        })
    }

    /// Every edge, its per-document fragments merged.
    pub fn edges(&self) -> Result<Vec<Edge>, StoreError> {
        self.merged(&self.edges, EDGES, |into: &mut Edge, other: Edge| {
            for (k, v) in other.props {
                into.props.entry(k).or_insert(v);
            }
            for span in other.provenance {
                if !into.provenance.contains(&span) {
                    into.provenance.push(span);
                }
            }
            into.provenance.sort();
        })
    }

    fn merged<T: for<'de> Deserialize<'de>>(
        &self,
        tree: &sled::Tree,
        name: &'static str,
        merge: impl Fn(&mut T, T),
    ) -> Result<Vec<T>, StoreError> {
        let mut out = Vec::with_capacity(tree.len());
        for entry in tree.iter() {
            let (key, bytes) = entry.map_err(sled_err(name))?;
            let stored: Stored<T> = decode(name, &key, &bytes)?;
            let mut fragments = stored.fragments.into_values();
            if let Some(mut first) = fragments.next() {
                for fragment in fragments {
                    merge(&mut first, fragment);
                }
                out.push(first);
            }
        }
        Ok(out)
    }
}
