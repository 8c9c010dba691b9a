//! `scrutiny check` and `scrutiny rebuild`: what is wrong with a store, and a
//! new one made from the kept sources ([`crate::archive`]).
//!
//! `check` reads everything: every record decodes, the counts hold, every
//! edge's ends exist, every quote is in its document's lines, every document
//! has its kept source. `rebuild` re-reads every kept source with this build's
//! readers and parsers into a fresh store beside the old one, then swaps the
//! two, keeping the old one under a `.damaged-…` name; documents whose source
//! was not kept are taken from the old store where it can still be read.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use crate::archive::{self, Archive, How, Kept, Record};
use crate::index::Graph;
use crate::ingest;
use crate::model::Span;
use crate::parse::DocumentMeta;
use crate::store::{DocumentRecord, Store, StoreError};
use crate::text::{sha256_hex, Source};

/// What `check` found.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// The data directory.
    pub dir: PathBuf,
    /// Records read.
    pub documents: usize,
    /// Nodes read.
    pub nodes: usize,
    /// Edges read.
    pub edges: usize,
    /// Spans whose quote was checked.
    pub spans: usize,
    /// Kept sources found.
    pub kept: usize,
    /// What is wrong; empty for a whole store.
    pub problems: Vec<String>,
    /// What is odd but harmless.
    pub notes: Vec<String>,
    /// Why the store could not be checked at all (in use, not a directory).
    pub unchecked: Option<String>,
}

impl CheckReport {
    /// Whether nothing is wrong.
    pub fn is_whole(&self) -> bool {
        self.problems.is_empty() && self.unchecked.is_none()
    }
}

impl fmt::Display for CheckReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}: {} documents, {} nodes, {} edges, {} quotes checked, {} kept sources",
            self.dir.display(),
            self.documents,
            self.nodes,
            self.edges,
            self.spans,
            self.kept
        )?;
        for note in &self.notes {
            writeln!(f, "  note: {note}")?;
        }
        for problem in self.problems.iter().take(50) {
            writeln!(f, "  problem: {problem}")?;
        }
        if self.problems.len() > 50 {
            writeln!(f, "  … and {} more problems", self.problems.len() - 50)?;
        }
        if let Some(why) = &self.unchecked {
            write!(f, "not checked: {why}")
        } else if self.is_whole() {
            write!(f, "the store is whole")
        } else {
            write!(
                f,
                "{} problem(s): run `scrutiny rebuild --data-dir {}` to make a new store from the kept sources",
                self.problems.len(),
                self.dir.display()
            )
        }
    }
}

/// Checks the store in `dir` through and through. Never writes to it.
pub fn check(dir: &Path) -> CheckReport {
    let mut report = CheckReport {
        dir: dir.to_owned(),
        ..CheckReport::default()
    };
    let store = match Store::open(dir) {
        Ok(store) => store,
        Err(error @ StoreError::Damaged { .. }) => {
            report.problems.push(error.to_string());
            // Read on what can be read, to say more than "damaged".
            match Store::open_damaged(dir) {
                Ok(store) => store,
                Err(_) => return report,
            }
        }
        Err(error) => {
            report.unchecked = Some(error.to_string());
            return report;
        }
    };
    let documents = match store.documents() {
        Ok(documents) => documents,
        Err(error) => {
            report.problems.push(error.to_string());
            store.salvage_documents().0
        }
    };
    report.documents = documents.len();
    check_documents(&store, dir, &documents, &mut report);
    let texts: BTreeMap<&str, &str> = documents
        .iter()
        .map(|d| (d.meta.id.as_str(), d.text.as_str()))
        .collect();
    let mut quotes = Quotes::new(&texts);
    let mut readable = true;
    match store.nodes() {
        Ok(nodes) => {
            report.nodes = nodes.len();
            for node in &nodes {
                quotes.check(&node.key, &node.provenance, &mut report);
            }
        }
        Err(error) => {
            readable = false;
            report.problems.push(error.to_string());
        }
    }
    let edges = match store.edges() {
        Ok(edges) => {
            report.edges = edges.len();
            for edge in &edges {
                quotes.check(&edge.key(), &edge.provenance, &mut report);
            }
            edges
        }
        Err(error) => {
            readable = false;
            report.problems.push(error.to_string());
            Vec::new()
        }
    };
    // An edge may point at a node another document supplies (a response at
    // its report's recommendation), so its ends are looked up in the graph
    // as built. One whose end no stored document supplies is left out of
    // the graph: worth saying, but not damage, and no rebuild would mend it.
    if readable {
        if let Ok(graph) = Graph::load(&store) {
            let loose: Vec<String> = edges
                .iter()
                .flat_map(|edge| {
                    [&edge.source, &edge.target]
                        .into_iter()
                        .filter(|end| graph.get(end).is_none())
                        .map(move |end| format!("edge {}: its end {end} is not a node", edge.key()))
                })
                .collect();
            if graph.dangling_edges > 0 || !loose.is_empty() {
                report.notes.push(format!(
                    "{} edge(s) point at nodes no stored document supplies under that key; the graph leaves them out (a link step may join the same ends another way), e.g. {}",
                    graph.dangling_edges.max(loose.len()),
                    loose.first().map(String::as_str).unwrap_or("(none listed)")
                ));
            }
        }
    }
    if let Err(error) = store.changes() {
        report.problems.push(error.to_string());
    }
    report
}

/// Each document's text whole, its original and its kept source there.
fn check_documents(
    store: &Store,
    dir: &Path,
    documents: &[DocumentRecord],
    report: &mut CheckReport,
) {
    let archive = Archive::in_data_dir(dir);
    let kept = match archive.list() {
        Ok(kept) => kept,
        Err(error) => {
            report.problems.push(error.to_string());
            Vec::new()
        }
    };
    report.kept = kept.len();
    let mut kept_ids = BTreeSet::new();
    for path in &kept {
        match archive::read(path) {
            Ok(source) => {
                kept_ids.insert(source.header.meta.id);
            }
            Err(error) => report.problems.push(error.to_string()),
        }
    }
    for doc in documents {
        let id = &doc.meta.id;
        if sha256_hex(doc.text.as_bytes()) != doc.sha256 {
            report
                .problems
                .push(format!("document {id}: its text does not match its hash"));
        }
        if let Some(expected) = &doc.reading.original_sha256 {
            match store.original(id) {
                Ok(Some(bytes)) if sha256_hex(&bytes) == *expected => {}
                Ok(Some(_)) => report.problems.push(format!(
                    "document {id}: its original file does not match its hash"
                )),
                Ok(None) => report
                    .problems
                    .push(format!("document {id}: its original file is missing")),
                Err(error) => report.problems.push(format!("document {id}: {error}")),
            }
        }
        match archive.get(id) {
            Ok(Some(source)) if source.header.text_sha256 == doc.sha256 => {}
            Ok(Some(_)) => report.problems.push(format!(
                "document {id}: its kept source is of another version than the store's"
            )),
            Ok(None) => report.problems.push(format!(
                "document {id}: no source is kept for it in {}",
                archive.dir().display()
            )),
            Err(error) => report.problems.push(error.to_string()),
        }
        kept_ids.remove(id);
    }
    for id in kept_ids {
        report.notes.push(format!(
            "a source is kept for {id}, which the store does not hold (the process stopped while writing it?); rebuild would add it"
        ));
    }
}

/// Quote checks, each document's lines split once.
struct Quotes<'a> {
    sources: BTreeMap<&'a str, Source<'a>>,
}

impl<'a> Quotes<'a> {
    fn new(texts: &BTreeMap<&'a str, &'a str>) -> Quotes<'a> {
        Quotes {
            sources: texts
                .iter()
                .map(|(id, text)| (*id, Source::new(id, text)))
                .collect(),
        }
    }

    fn check(&mut self, what: &str, spans: &[Span], report: &mut CheckReport) {
        if spans.is_empty() {
            report.problems.push(format!("{what}: no provenance"));
        }
        for span in spans {
            report.spans += 1;
            let Some(source) = self.sources.get(span.document.as_str()) else {
                report.problems.push(format!(
                    "{what}: cites document {}, which is not stored",
                    span.document
                ));
                continue;
            };
            let lines = source.lines_text(span.first_line as usize, span.last_line as usize);
            if span.quote.is_empty() || !lines.contains(&span.quote) {
                report.problems.push(format!(
                    "{what}: its quote is not in {}:{}-{}",
                    span.document, span.first_line, span.last_line
                ));
            }
        }
    }
}

/// What `rebuild` did.
#[derive(Debug, Default)]
pub struct RebuildReport {
    /// The data directory, now holding the new store.
    pub dir: PathBuf,
    /// Where the old store was moved.
    pub old: PathBuf,
    /// Documents rebuilt from kept sources.
    pub from_kept: usize,
    /// Documents rebuilt from what the old store still held.
    pub from_old_store: usize,
    /// Documents that could not be rebuilt, with why.
    pub failed: Vec<String>,
    /// What could not be read of the old store or the sources.
    pub unread: Vec<String>,
}

impl fmt::Display for RebuildReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "rebuilt {}: {} documents from kept sources, {} from the old store; {} could not be rebuilt",
            self.dir.display(),
            self.from_kept,
            self.from_old_store,
            self.failed.len()
        )?;
        for line in self.unread.iter().chain(&self.failed) {
            writeln!(f, "  {line}")?;
        }
        write!(
            f,
            "the old store is kept in {}; delete it once the new one is checked",
            self.old.display()
        )
    }
}

/// Why a rebuild could not be made at all.
#[derive(Debug, thiserror::Error)]
pub enum RebuildError {
    /// Nothing to rebuild from.
    #[error("{dir}: no kept sources and no readable documents: nothing to rebuild from")]
    Nothing { dir: PathBuf },
    /// The new store could not be made or swapped in; the old one is untouched.
    #[error("{dir}: {detail}; the old store was left as it was")]
    Failed { dir: PathBuf, detail: String },
}

/// One document to write into the new store.
enum Input {
    Kept(Kept),
    Old {
        record: Box<DocumentRecord>,
        name: String,
        bytes: Vec<u8>,
    },
}

/// Rebuilds the store in `dir` from its kept sources (and what the old store
/// still holds of documents whose source was not kept), then swaps it in.
pub fn rebuild(dir: &Path) -> Result<RebuildReport, RebuildError> {
    let failed = |detail: String| RebuildError::Failed {
        dir: dir.to_owned(),
        detail,
    };
    let mut report = RebuildReport {
        dir: dir.to_owned(),
        ..RebuildReport::default()
    };
    let mut inputs: BTreeMap<String, Input> = BTreeMap::new();
    let archive = Archive::in_data_dir(dir);
    for path in archive.list().map_err(|e| failed(e.to_string()))? {
        match archive::read(&path) {
            Ok(kept) => {
                inputs.insert(kept.header.meta.id.clone(), Input::Kept(kept));
            }
            Err(error) => report.unread.push(error.to_string()),
        }
    }
    salvage(dir, &mut inputs, &mut report);
    if inputs.is_empty() {
        return Err(RebuildError::Nothing {
            dir: dir.to_owned(),
        });
    }
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "data".to_owned());
    let fresh = dir.with_file_name(format!("{name}.rebuilding"));
    if fresh.exists() {
        std::fs::remove_dir_all(&fresh)
            .map_err(|e| failed(format!("cannot clear {}: {e}", fresh.display())))?;
    }
    {
        let store = Store::open(&fresh).map_err(|e| failed(e.to_string()))?;
        for (id, input) in inputs {
            match write(&store, input) {
                Ok(true) => report.from_kept += 1,
                Ok(false) => report.from_old_store += 1,
                Err(why @ WriteError::Store(StoreError::Io { .. })) => {
                    return Err(failed(why.to_string()));
                }
                Err(why) => report.failed.push(format!("{id}: {why}")),
            }
        }
    }
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    report.old = dir.with_file_name(format!("{name}.damaged-{stamp}"));
    if dir.exists() {
        std::fs::rename(dir, &report.old).map_err(|e| {
            failed(format!(
                "cannot move it aside to {}: {e}",
                report.old.display()
            ))
        })?;
    }
    std::fs::rename(&fresh, dir).map_err(|e| {
        failed(format!(
            "cannot move the new store {} into place: {e}",
            fresh.display()
        ))
    })?;
    Ok(report)
}

/// Adds the old store's readable documents whose source was not kept, or
/// whose kept source is older than the store's (the process stopped between
/// the store's commit and the source's rename).
fn salvage(dir: &Path, inputs: &mut BTreeMap<String, Input>, report: &mut RebuildReport) {
    if !dir.join("db").exists() {
        return;
    }
    let store = match Store::open_damaged(dir) {
        Ok(store) => store,
        Err(error) => {
            report.unread.push(format!("the old store: {error}"));
            return;
        }
    };
    let (documents, problems) = store.salvage_documents();
    report
        .unread
        .extend(problems.into_iter().map(|p| format!("the old store: {p}")));
    for record in documents {
        let id = record.meta.id.clone();
        let kept_is_current = matches!(inputs.get(&id), Some(Input::Kept(k)) if k.header.text_sha256 == record.sha256);
        if kept_is_current || sha256_hex(record.text.as_bytes()) != record.sha256 {
            continue;
        }
        let Some(name) = record
            .reading
            .file_name
            .clone()
            .or_else(|| record.meta.original_file_name.clone())
        else {
            if !inputs.contains_key(&id) {
                report.failed.push(format!(
                    "{id}: its source was not kept and the old store does not say which file it was read from"
                ));
            }
            continue;
        };
        let bytes = match &record.reading.original_sha256 {
            Some(expected) => match store.original(&id) {
                Ok(Some(bytes)) if sha256_hex(&bytes) == *expected => bytes,
                _ => {
                    if !inputs.contains_key(&id) {
                        report.failed.push(format!(
                            "{id}: its source was not kept and the old store's copy of its file is unreadable"
                        ));
                    }
                    continue;
                }
            },
            None => record.text.clone().into_bytes(),
        };
        inputs.insert(
            id,
            Input::Old {
                record: Box::new(record),
                name,
                bytes,
            },
        );
    }
}

#[derive(Debug, thiserror::Error)]
enum WriteError {
    #[error("{0}")]
    Ingest(#[from] ingest::IngestError),
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("its kept record is not readable: {0}")]
    Record(#[from] serde_json::Error),
}

/// Writes one document into the new store; `true` if from a kept source.
fn write(store: &Store, input: Input) -> Result<bool, WriteError> {
    let (meta, name, bytes, kept): (DocumentMeta, String, Vec<u8>, bool) = match input {
        Input::Kept(kept) => match kept.header.how {
            How::File { name } => (kept.header.meta, name, kept.payload, true),
            How::Record => {
                let record: Record = serde_json::from_slice(&kept.payload)?;
                let sha256 = sha256_hex(record.text.as_bytes());
                store.put_document(
                    &kept.header.meta,
                    &record.text,
                    &sha256,
                    &record.contribution,
                )?;
                return Ok(true);
            }
        },
        Input::Old {
            record,
            name,
            bytes,
        } => (record.meta, name, bytes, false),
    };
    ingest::prepare(Path::new(&name), bytes, Some(meta))?.store_in(store)?;
    Ok(kept)
}
