//! `scrutiny ingest --server URL`: files sent to a running server's
//! `POST /ingest` ([`crate::upload`]) instead of written to a data directory.
//!
//! Plain `http://` only (a server on this machine or a private network): for
//! one behind TLS, `curl -H "Authorization: Bearer $TOKEN" -F file=@x.pdf
//! https://host/ingest` sends the same request.

use std::path::{Path, PathBuf};

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::{Request, StatusCode};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

use crate::ingest::collect_files;

/// Why files could not be sent.
#[derive(Debug, thiserror::Error)]
pub enum RemoteError {
    /// The URL is not a plain `http://` one.
    #[error("{0}: expected the server's address as http://host:port (https is not supported here: use curl)")]
    Url(String),
    /// A file or folder could not be read.
    #[error("{0}")]
    Files(String),
    /// The server could not be reached.
    #[error("cannot reach {url}: {detail}")]
    Unreachable { url: String, detail: String },
    /// The server refused the request.
    #[error("{url} refused the ingest ({status}): {message}")]
    Refused {
        url: String,
        status: StatusCode,
        message: String,
    },
}

const BOUNDARY: &str = "scrutiny-ingest-3f9c2a71e5d04b68";

/// A `multipart/form-data` body with one part per file (RFC 7578). The
/// boundary is a fixed long string; a file holding it would end its part
/// early, so such a file is refused rather than sent cut.
fn form(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, RemoteError> {
    let mut body = Vec::new();
    for (name, bytes) in files {
        if bytes
            .windows(BOUNDARY.len())
            .any(|w| w == BOUNDARY.as_bytes())
        {
            return Err(RemoteError::Files(format!(
                "{name}: holds the form's boundary string; send it with curl instead"
            )));
        }
        let quoted = name.replace(['"', '\r', '\n'], "_");
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{quoted}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    Ok(body)
}

/// Sends the files and folders `paths` (every file of a folder, as `ingest`
/// takes them) to the server at `server`, with `token`; returns the server's
/// answer (per file, and the graph it now serves) as JSON.
pub fn ingest(
    server: &str,
    token: &str,
    paths: &[PathBuf],
) -> Result<serde_json::Value, RemoteError> {
    let base = server.trim_end_matches('/');
    if !base.starts_with("http://") {
        return Err(RemoteError::Url(server.to_owned()));
    }
    let url = format!("{base}/ingest");
    let files = collect_files(paths).map_err(|e| RemoteError::Files(e.to_string()))?;
    let mut parts = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path)
            .map_err(|e| RemoteError::Files(format!("{}: cannot read: {e}", path.display())))?;
        parts.push((file_name(path), bytes));
    }
    if parts.is_empty() {
        return Err(RemoteError::Files("no files to send".to_owned()));
    }
    let body = form(&parts)?;
    let unreachable = |detail: String| RemoteError::Unreachable {
        url: url.clone(),
        detail,
    };
    let request = Request::post(&url)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header("authorization", format!("Bearer {token}"))
        .body(Full::new(Bytes::from(body)))
        .map_err(|e| RemoteError::Url(format!("{server} ({e})")))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| unreachable(e.to_string()))?;
    let (status, bytes) = runtime.block_on(async {
        let client = Client::builder(TokioExecutor::new()).build_http();
        let response = client
            .request(request)
            .await
            .map_err(|e| unreachable(e.to_string()))?;
        let status = response.status();
        let bytes = response
            .into_body()
            .collect()
            .await
            .map_err(|e| unreachable(e.to_string()))?
            .to_bytes();
        Ok::<_, RemoteError>((status, bytes))
    })?;
    let answer: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_else(
        |_| serde_json::json!({ "error": { "message": String::from_utf8_lossy(&bytes) } }),
    );
    if status.is_success()
        || status == StatusCode::UNPROCESSABLE_ENTITY && answer.get("files").is_some()
    {
        return Ok(answer);
    }
    Err(RemoteError::Refused {
        url,
        status,
        message: answer["error"]["message"]
            .as_str()
            .unwrap_or("(no message)")
            .to_owned(),
    })
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "upload".to_owned())
}
