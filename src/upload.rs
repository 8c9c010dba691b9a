//! Writes over HTTP: `POST /ingest` adds documents to a running server.
//!
//! The body is `multipart/form-data` with one or more files (any field name;
//! each part needs a file name, which the readers use as a file's). Each file
//! is read, parsed and written in one transaction under the server's own
//! store handle, as `scrutiny ingest` does; then a new snapshot is loaded and
//! swapped in with an in-memory search index, while reads go on against the
//! old one until the swap. One ingest runs at a time.
//!
//! Writes need the bearer token the server was started with
//! (`--token-file`); with none, writes are disabled (403). A missing or wrong
//! token is refused 401 `UNAUTHENTICATED`, and nothing is read or changed.

use std::path::Path;
use std::sync::Arc;

use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde::Serialize;

use crate::coverage::Coverage;
use crate::envelope::refusal;
use crate::index::{Graph, SharedGraph};
use crate::ingest::{self, IngestError};
use crate::search::SearchIndex;
use crate::store::{Outcome, StoreError};

/// Largest upload accepted: a long report as a PDF is a few tens of MiB.
pub const MAX_UPLOAD_BYTES: usize = 64 * 1024 * 1024;

/// What the ingest route needs.
#[derive(Clone)]
struct Writes {
    graph: SharedGraph,
    /// `None`: writes are disabled.
    token: Option<Arc<str>>,
    /// One ingest at a time, so snapshots are swapped in the order written.
    one_at_a_time: Arc<tokio::sync::Mutex<()>>,
}

/// The route `POST /ingest`, with its own body limit.
pub fn routes(graph: SharedGraph, token: Option<String>) -> Router {
    Router::new()
        .route("/ingest", post(ingest))
        .layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES))
        .with_state(Writes {
            graph,
            token: token.map(Arc::from),
            one_at_a_time: Arc::new(tokio::sync::Mutex::new(())),
        })
}

/// What happened to one uploaded file.
#[derive(Debug, Serialize)]
pub struct FileResult {
    /// The file's name as uploaded.
    pub file: String,
    /// `added`, `replaced`, `unchanged` or `failed`.
    pub status: &'static str,
    /// The document id it was stored under.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Why it was not stored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Warnings and errors, `line: level: message`.
    pub diagnostics: Vec<String>,
    /// What the parse understood.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coverage: Option<Coverage>,
}

impl FileResult {
    /// A file that was not stored, and why.
    fn failed(file: String, error: String, diagnostics: Vec<String>) -> FileResult {
        FileResult {
            file,
            status: "failed",
            id: None,
            error: Some(error),
            diagnostics,
            coverage: None,
        }
    }
}

/// Diagnostics as `line: level: message`.
fn lines(diagnostics: &[crate::parse::Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| format!("{}: {}: {}", d.line, d.level(), d.message))
        .collect()
}

/// The answer to an ingest.
#[derive(Debug, Serialize)]
pub struct IngestAnswer {
    /// Per file, in the order sent.
    pub files: Vec<FileResult>,
    /// The graph now served.
    pub graph: GraphSize,
}

/// The size of the snapshot served after an ingest.
#[derive(Debug, Serialize)]
pub struct GraphSize {
    /// Nodes.
    pub nodes: usize,
    /// Edges.
    pub edges: usize,
    /// The store generation.
    pub generation: u64,
}

/// Compares in time that depends on the length alone, so a wrong token's
/// answer does not tell how much of it was right.
fn same_secret(given: &[u8], expected: &[u8]) -> bool {
    given.len() == expected.len()
        && given
            .iter()
            .zip(expected)
            .fold(0u8, |diff, (a, b)| diff | (a ^ b))
            == 0
}

fn unauthenticated(message: &str) -> Response {
    let mut response = refusal(StatusCode::UNAUTHORIZED, message);
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"scrutiny\""),
    );
    response
}

async fn ingest(
    State(writes): State<Writes>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let Some(token) = &writes.token else {
        return refusal(
            StatusCode::FORBIDDEN,
            "writes are disabled: this server was started without --token-file (SCRUTINY_TOKEN_FILE)",
        );
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    match given {
        None => return unauthenticated("a write needs the header `Authorization: Bearer <token>`"),
        Some(given) if !same_secret(given.trim().as_bytes(), token.as_bytes()) => {
            return unauthenticated("the token is not this server's")
        }
        Some(_) => {}
    }
    let mut multipart = match multipart {
        Ok(multipart) => multipart,
        Err(rejection) => {
            return refusal(
                StatusCode::BAD_REQUEST,
                format!("expected a multipart/form-data body of files: {rejection}"),
            )
        }
    };
    let mut files = Vec::new();
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let Some(name) = field.file_name().map(file_name) else {
                    continue;
                };
                match field.bytes().await {
                    Ok(bytes) => files.push((name, bytes.to_vec())),
                    Err(error) => return upload_error(error),
                }
            }
            Ok(None) => break,
            Err(error) => return upload_error(error),
        }
    }
    if files.is_empty() {
        return refusal(
            StatusCode::BAD_REQUEST,
            "no files: send each as a part of a multipart/form-data body, with a file name",
        );
    }
    // The turn is held by the blocking work itself: should the request be
    // dropped (a timeout), the write still finishes before the next begins.
    let turn = writes.one_at_a_time.clone().lock_owned().await;
    let graph = writes.graph.clone();
    let work = move || {
        let answer = write_files(&graph, files);
        drop(turn);
        answer
    };
    match tokio::task::spawn_blocking(work).await {
        Ok(Ok(answer)) => {
            let status = if answer.files.iter().all(|f| f.status == "failed") {
                StatusCode::UNPROCESSABLE_ENTITY
            } else {
                StatusCode::OK
            };
            (status, Json(answer)).into_response()
        }
        Ok(Err((status, message))) => refusal(status, message),
        Err(_) => refusal(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the ingest failed unexpectedly; nothing more was written",
        ),
    }
}

fn upload_error(error: axum::extract::multipart::MultipartError) -> Response {
    refusal(
        error.status(),
        format!("reading the upload: {}", error.body_text()),
    )
}

/// The last component of an uploaded file's name: a path sent by a client
/// names no place on this machine.
fn file_name(sent: &str) -> String {
    let last = sent.rsplit(['/', '\\']).next().unwrap_or(sent).trim();
    if last.is_empty() || last == "." || last == ".." {
        "upload".to_owned()
    } else {
        last.to_owned()
    }
}

/// Writes each file as `scrutiny ingest` would, then swaps in a snapshot
/// holding them. Stops at a disk error, as `ingest` does.
fn write_files(
    shared: &SharedGraph,
    files: Vec<(String, Vec<u8>)>,
) -> Result<IngestAnswer, (StatusCode, String)> {
    let current = shared.snapshot();
    let Some(store) = current.store().cloned() else {
        return Err((
            StatusCode::SERVICE_UNAVAILABLE,
            "this server holds no store to write to".to_owned(),
        ));
    };
    let mut results = Vec::new();
    let mut halted = false;
    for (name, bytes) in files {
        if halted {
            results.push(FileResult::failed(
                name,
                "not tried: the store stopped after a disk error".to_owned(),
                Vec::new(),
            ));
            continue;
        }
        let prepared = match ingest::prepare(Path::new(&name), bytes, None) {
            Ok(prepared) => prepared,
            Err(error) => {
                let diagnostics = match &error {
                    IngestError::Invalid { diagnostics, .. } => lines(diagnostics),
                    _ => Vec::new(),
                };
                results.push(FileResult::failed(name, error.to_string(), diagnostics));
                continue;
            }
        };
        let written = prepared.store_in(&store);
        let diagnostics = lines(&prepared.diagnostics);
        results.push(match written {
            Ok(outcome) => FileResult {
                file: name,
                status: match outcome {
                    Outcome::Added => "added",
                    Outcome::Replaced => "replaced",
                    Outcome::Unchanged => "unchanged",
                },
                id: Some(prepared.meta.id),
                error: None,
                diagnostics,
                coverage: prepared.reading.coverage,
            },
            Err(error) => {
                halted = matches!(error, StoreError::Io { .. } | StoreError::Stopped { .. });
                FileResult::failed(name, error.to_string(), diagnostics)
            }
        });
    }
    let changed = results
        .iter()
        .any(|r| r.status == "added" || r.status == "replaced");
    let graph = if changed {
        let graph = Graph::load(&store).map_err(|error| {
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("the documents were stored, but the graph could not be reloaded: {error}"),
            )
        })?;
        // Searches must see the new snapshot at once: the index beside the
        // store is brought up to date here (only what changed is re-indexed),
        // while searches of the old snapshot go on reading the files they have.
        let index = match store.dir() {
            Some(dir) => SearchIndex::open_or_build(&graph, &crate::search::dir_for(dir)),
            None => SearchIndex::in_memory(&graph),
        };
        match index {
            Ok(index) => graph.attach_search(index),
            Err(error) => {
                tracing::warn!(%error, "search index of the new snapshot not built; the first search will build it")
            }
        }
        let size = GraphSize {
            nodes: graph.graph.node_count(),
            edges: graph.graph.edge_count(),
            generation: graph.generation,
        };
        shared.replace(graph);
        size
    } else {
        GraphSize {
            nodes: current.graph.node_count(),
            edges: current.graph.edge_count(),
            generation: current.generation,
        }
    };
    for result in &results {
        match result.status {
            "failed" => {
                tracing::warn!(file = %result.file, error = ?result.error, "ingest over HTTP")
            }
            status => {
                tracing::info!(file = %result.file, status, id = ?result.id, "ingest over HTTP")
            }
        }
    }
    Ok(IngestAnswer {
        files: results,
        graph,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret(b"abc", b"abc"));
        assert!(!same_secret(b"abd", b"abc"));
        assert!(!same_secret(b"ab", b"abc"));
        assert!(!same_secret(b"", b"abc"));
    }

    #[test]
    fn uploaded_names_are_only_names() {
        assert_eq!(file_name("../../etc/passwd"), "passwd");
        assert_eq!(file_name("C:\\Users\\x\\minutes.pdf"), "minutes.pdf");
        assert_eq!(file_name(".."), "upload");
        assert_eq!(file_name("minutes.txt"), "minutes.txt");
    }
}
