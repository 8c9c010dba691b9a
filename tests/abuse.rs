//! Requests an attacker or an unlucky client would send (issue 11): each is
//! refused with a clear, coded answer, and nothing takes the service down.

mod common;

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use scrutiny::api::ApiConfig;
use scrutiny::search::{MAX_NESTING, MAX_QUERY_CHARS};
use scrutiny::server::router;
use serde_json::{json, Value};
use tower::ServiceExt;

async fn send(request: Request<Body>) -> (StatusCode, axum::http::HeaderMap, String) {
    let app = router(
        common::seed_graph().clone(),
        ApiConfig::new(common::BASE.to_owned()),
    );
    let response = app.oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

async fn search(text: &str) -> Value {
    let body = json!({
        "query": "query($q: String!) { search(query: $q) { totalCount } }",
        "variables": { "q": text },
    });
    let request = Request::post("/graphql")
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let (status, _, body) = send(request).await;
    assert_eq!(status, StatusCode::OK);
    serde_json::from_str(&body).unwrap()
}

#[tokio::test]
async fn searches_too_deep_or_too_long_are_refused_before_parsing() {
    // Each of these overflowed the stack of a request thread before.
    for text in [
        format!("{}police", "(".repeat(2_050)),
        format!("{}police", "NOT ".repeat(2_313)),
        format!("{}police", "+(".repeat(2_050)),
        format!("{}police", "(".repeat(MAX_NESTING + 1)),
        format!("{}police", "NOT ".repeat(MAX_NESTING + 1)),
    ] {
        let body = search(&text).await;
        let error = &body["errors"][0];
        assert_eq!(error["extensions"]["code"], "LIMIT_EXCEEDED", "{body}");
        let message = error["message"].as_str().unwrap();
        let named = message.contains(&MAX_QUERY_CHARS.to_string())
            || message.contains(&MAX_NESTING.to_string());
        assert!(named, "the limit is named: {message}");
    }
    // Within the limits, nesting is searched as before.
    let nested = format!(
        "{}police{}",
        "(".repeat(MAX_NESTING),
        ")".repeat(MAX_NESTING)
    );
    let body = search(&nested).await;
    assert!(body["errors"].is_null(), "{body}");
    assert!(body["data"]["search"]["totalCount"].as_u64().unwrap() > 0);
    // The same refusal over GET.
    let uri = format!(
        "/graphql?query=%7B%20search(query%3A%20%22{}x%22)%20%7B%20totalCount%20%7D%20%7D",
        "%28".repeat(2_000)
    );
    let (status, _, body) = send(Request::get(uri).body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("LIMIT_EXCEEDED"), "{body}");
}

/// The one refusal shape: `{"error": {"status", "code", "message"}}`.
fn assert_refusal(status: StatusCode, headers: &axum::http::HeaderMap, body: &str, code: &str) {
    let content_type = headers[header::CONTENT_TYPE].to_str().unwrap();
    assert!(
        content_type.starts_with("application/json"),
        "{content_type}"
    );
    let body: Value = serde_json::from_str(body).unwrap();
    assert_eq!(body["error"]["status"], status.as_u16());
    assert_eq!(body["error"]["code"], code);
    let message = body["error"]["message"].as_str().unwrap();
    assert!(!message.is_empty());
    assert!(
        !message.contains("Custom {") && !message.contains("Io("),
        "no Rust debug text: {message}"
    );
}

#[tokio::test]
async fn every_refusal_has_one_json_shape_and_security_headers() {
    let chunks = (0..160).map(|_| Ok::<_, std::io::Error>(vec![b' '; 64 * 1024]));
    let cases = [
        (
            Request::get("/no/such/path").body(Body::empty()).unwrap(),
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
        ),
        (
            Request::delete("/graphql").body(Body::empty()).unwrap(),
            StatusCode::METHOD_NOT_ALLOWED,
            "METHOD_NOT_ALLOWED",
        ),
        (
            Request::get("/csv/statements?spekaer=Sophie")
                .body(Body::empty())
                .unwrap(),
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
        ),
        (
            Request::get("/csv/no-such-table")
                .body(Body::empty())
                .unwrap(),
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
        ),
        (
            Request::get(format!("/graphql?query={}", "x".repeat(20_000)))
                .body(Body::empty())
                .unwrap(),
            StatusCode::URI_TOO_LONG,
            "URI_TOO_LONG",
        ),
        (
            Request::get("/health")
                .header("x-padding", "a".repeat(40_000))
                .body(Body::empty())
                .unwrap(),
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "HEADERS_TOO_LARGE",
        ),
        (
            // 10 MB sent chunked, with no length to refuse it by up front.
            Request::post("/graphql")
                .header("content-type", "application/json")
                .body(Body::from_stream(futures_util::stream::iter(chunks)))
                .unwrap(),
            StatusCode::PAYLOAD_TOO_LARGE,
            "PAYLOAD_TOO_LARGE",
        ),
        (
            Request::post("/graphql")
                .header("content-type", "application/json")
                .body(Body::from("{not json"))
                .unwrap(),
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
        ),
    ];
    for (request, status, code) in cases {
        let what = format!("{} {}", request.method(), request.uri().path());
        let (got, headers, body) = send(request).await;
        assert_eq!(got, status, "{what}: {body}");
        assert_refusal(status, &headers, &body, code);
        assert!(headers.contains_key("x-request-id"), "{what}");
    }
    // Unknown CSV filters name the known ones.
    let (_, _, body) = send(
        Request::get("/csv/statements?spekaer=x")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert!(body.contains("speaker"), "{body}");
    // Security headers on answers too, and a client's request id sent back.
    let request = Request::get("/health")
        .header("x-request-id", "trace-42")
        .body(Body::empty())
        .unwrap();
    let (status, headers, _) = send(request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["x-request-id"], "trace-42");
    assert!(headers["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("frame-ancestors 'none'"));
    assert!(headers.contains_key(header::REFERRER_POLICY));
}

#[tokio::test]
async fn csv_cells_a_spreadsheet_would_run_are_neutralised() {
    let dir = common::fixture("formula");
    let text = std::fs::read_to_string(dir.join("harbour-hearing-2024-03-06.md")).unwrap();
    // The turns that begin with a formula character, counted from the raw text.
    let risky = text
        .lines()
        .filter_map(|l| l.split_once(":** "))
        .filter(|(_, said)| said.starts_with(['=', '+', '-', '@']))
        .count();
    assert_eq!(risky, 3);
    let store = common::ingest_fresh(&[dir]);
    let graph = scrutiny::index::SharedGraph::new(scrutiny::index::Graph::load(&store).unwrap());
    let app = router(graph, ApiConfig::new(common::BASE.to_owned()));
    let response = app
        .oneshot(Request::get("/csv/statements").body(Body::empty()).unwrap())
        .await
        .unwrap();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let mut reader = csv::Reader::from_reader(&body[..]);
    let columns = reader.headers().unwrap().clone();
    let text_column = columns.iter().position(|c| c == "text").unwrap();
    let mut cells = 0;
    for row in reader.records() {
        let row = row.unwrap();
        for cell in row.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell}"
            );
        }
        let said = &row[text_column];
        if let Some(statement) = said.strip_prefix('\'') {
            // The cell is the statement, one quote mark before it.
            assert!(text.contains(statement), "{said}");
            cells += 1;
        }
    }
    assert_eq!(cells, risky);
}

#[test]
fn a_document_that_panics_a_parser_is_reported_and_the_batch_goes_on() {
    // No input is known to panic the parsers now; the guard is checked with
    // the inputs that did, which must come back as a result, not a panic.
    for text in [
        "Dear ,\nDear ,\nBest wishes",
        "Dear R\nDear ,\nYours sincerely\n\n",
    ] {
        let result = scrutiny::ingest::prepare(
            std::path::Path::new("letter.txt"),
            text.as_bytes().to_vec(),
            None,
        );
        if let Err(error) = result {
            assert!(error.to_string().contains("letter.txt"), "{error}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_connections_do_not_lock_out_other_clients() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let app = router(
        common::seed_graph().clone(),
        ApiConfig::new(common::BASE.to_owned()),
    );
    // A cap of 16 connections, and ten times as many held open and silent.
    let cap = 16;
    tokio::spawn(scrutiny::listen::serve(
        listener,
        app,
        cap,
        std::future::pending(),
    ));
    let mut idle = Vec::new();
    for _ in 0..cap * 10 {
        idle.push(tokio::net::TcpStream::connect(address).await.unwrap());
    }
    for _ in 0..3 {
        let answer = tokio::time::timeout(Duration::from_secs(1), async {
            let mut client = tokio::net::TcpStream::connect(address).await.unwrap();
            client
                .write_all(b"GET /health HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
                .await
                .unwrap();
            let mut answer = String::new();
            client.read_to_string(&mut answer).await.unwrap();
            answer
        })
        .await
        .expect("a normal client is served within a second");
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(answer.contains("\"status\":\"ok\""), "{answer}");
    }
    drop(idle);
}
