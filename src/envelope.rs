//! What every HTTP response gets, whatever route answered it: a request id
//! (`x-request-id`, the client's own when it sends a sane one), security
//! headers, one JSON shape for every refusal, and a line in the access log.
//!
//! The refusal shape is `{"error": {"status": 404, "code": "NOT_FOUND",
//! "message": "…"}}`: a route's own text message becomes the `message`, and
//! an empty body (axum's 404 and 405, tower-http's 408 and 413) gets one
//! that says what was wrong. GraphQL errors are not refusals: they keep the
//! GraphQL response shape, with `extensions.code`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// The request id header, read from the client and always sent back.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
/// Longest request target (path and query) accepted; longer is 414.
pub const MAX_URI_BYTES: usize = 16 * 1024;
/// Most header bytes (names and values) accepted; more is 431.
pub const MAX_HEADER_BYTES: usize = 32 * 1024;
/// Largest refusal body read to turn into the JSON shape (routes' messages are a line).
const MAX_MESSAGE_BYTES: usize = 16 * 1024;

/// The pages load only what the binary serves: scripts only from files (no
/// inline script, no eval); inline styles stay allowed, because GraphiQL's
/// editor and the graph drawing set them. No page may be framed.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
    img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; \
    frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// The middleware: see the module's documentation.
pub async fn envelope(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = request
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            (1..=64).contains(&v.len())
                && v.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        })
        .map_or_else(new_request_id, str::to_owned);
    let method = request.method().clone();
    // Logged without its query: query values may hold what a user searched for.
    let path = request.uri().path().to_owned();
    let uri_bytes = request.uri().to_string().len();
    let header_bytes: usize = request
        .headers()
        .iter()
        .map(|(k, v)| k.as_str().len() + v.len())
        .sum();
    let mut response = if uri_bytes > MAX_URI_BYTES {
        refusal(
            StatusCode::URI_TOO_LONG,
            format!("the request target is {uri_bytes} bytes; at most {MAX_URI_BYTES} are accepted (send a long query by POST)"),
        )
    } else if header_bytes > MAX_HEADER_BYTES {
        refusal(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            format!("the request's headers are {header_bytes} bytes; at most {MAX_HEADER_BYTES} are accepted"),
        )
    } else {
        let response = next.run(request).await;
        as_json_refusal(response, method.as_str(), &path).await
    };
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if let Ok(value) = HeaderValue::from_str(&id) {
        headers.insert(REQUEST_ID, value);
    }
    let bytes = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    tracing::info!(
        target: "scrutiny::access",
        request_id = %id,
        method = %method,
        path = %path,
        status = response.status().as_u16(),
        bytes,
        latency_us = started.elapsed().as_micros() as u64,
        "request"
    );
    response
}

/// A request id unique in this process: the process id, then a counter.
fn new_request_id() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    format!(
        "{:x}-{:x}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// The code of a refusal, by status.
fn code(status: StatusCode) -> &'static str {
    match status {
        StatusCode::BAD_REQUEST => "BAD_REQUEST",
        StatusCode::UNAUTHORIZED => "UNAUTHENTICATED",
        StatusCode::FORBIDDEN => "FORBIDDEN",
        StatusCode::NOT_FOUND => "NOT_FOUND",
        StatusCode::METHOD_NOT_ALLOWED => "METHOD_NOT_ALLOWED",
        StatusCode::NOT_ACCEPTABLE => "NOT_ACCEPTABLE",
        StatusCode::REQUEST_TIMEOUT => "TIMEOUT",
        StatusCode::PAYLOAD_TOO_LARGE => "PAYLOAD_TOO_LARGE",
        StatusCode::URI_TOO_LONG => "URI_TOO_LONG",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "UNSUPPORTED_MEDIA_TYPE",
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => "HEADERS_TOO_LARGE",
        StatusCode::TOO_MANY_REQUESTS => "TOO_MANY_REQUESTS",
        StatusCode::UNPROCESSABLE_ENTITY => "UNPROCESSABLE",
        StatusCode::SERVICE_UNAVAILABLE => "UNAVAILABLE",
        s if s.is_server_error() => "INTERNAL",
        _ => "REFUSED",
    }
}

/// A refusal in the one JSON shape.
pub fn refusal(status: StatusCode, message: impl Into<String>) -> Response {
    let body = json!({ "error": {
        "status": status.as_u16(),
        "code": code(status),
        "message": message.into(),
    }});
    (status, axum::Json(body)).into_response()
}

/// Turns a refusal that is not JSON into the JSON shape, keeping its headers
/// (`Allow` on a 405, say) and its text as the message.
async fn as_json_refusal(response: Response, method: &str, path: &str) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let text = to_bytes(body, MAX_MESSAGE_BYTES)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
        .unwrap_or_default();
    let message = if !text.is_empty() {
        text
    } else {
        match status {
            StatusCode::NOT_FOUND => format!("nothing at {path}: the service answers /graphql, /health, /csv/{{table}}, /json/{{table}}, /id/{{key}}, /source/{{document}} and /export/{{format}}"),
            StatusCode::METHOD_NOT_ALLOWED => format!("{method} is not allowed on {path}"),
            StatusCode::REQUEST_TIMEOUT => "the request took too long to answer and was stopped; narrow the query".to_owned(),
            StatusCode::PAYLOAD_TOO_LARGE => format!("the request body is larger than the {} bytes accepted", crate::server::MAX_BODY_BYTES),
            other => other.canonical_reason().unwrap_or("refused").to_owned(),
        }
    };
    let fresh = refusal(status, message);
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::CONTENT_ENCODING);
    let (fresh_parts, fresh_body) = fresh.into_parts();
    parts.headers.extend(fresh_parts.headers);
    Response::from_parts(parts, Body::new(fresh_body))
}
