//! `POST /ingest`: documents added to a running server. Without the token,
//! with a wrong one, or with writes disabled, nothing changes; with it, the
//! new document's facts appear in GraphQL, the change feed and search, while
//! concurrent reads each see the old snapshot or the new one, whole.

mod common;

use std::path::PathBuf;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use scrutiny::api::ApiConfig;
use scrutiny::index::{Graph, SharedGraph};
use scrutiny::ingest::ingest_paths;
use scrutiny::server::router;
use scrutiny::store::Store;
use serde_json::{json, Value};
use tower::ServiceExt;

const TOKEN: &str = "a-long-random-token-for-tests";

/// A server over a store holding the made-up committee pack.
fn server(token: Option<&str>) -> (tempfile::TempDir, Router) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("data")).unwrap();
    for report in ingest_paths(&store, &[common::fixture("pack")]).unwrap() {
        assert!(report.result.is_ok(), "{report}");
    }
    let graph = SharedGraph::new(Graph::load(&store).unwrap());
    let mut config = ApiConfig::new(common::BASE.to_owned());
    if let Some(token) = token {
        config = config.with_write_token(token);
    }
    (dir, router(graph, config))
}

fn upload_file() -> PathBuf {
    common::fixture("prose-attendance/harbour-panel-minutes.txt")
}

/// A multipart/form-data body with one file part.
fn multipart(name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "scrutiny-test-boundary-7d1f";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn ingest(app: &Router, token: Option<&str>) -> (StatusCode, Value, Option<String>) {
    let path = upload_file();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let (content_type, body) = multipart(&name, &std::fs::read(&path).unwrap());
    let mut request = Request::post("/ingest").header("content-type", content_type);
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let challenge = response
        .headers()
        .get("www-authenticate")
        .map(|v| v.to_str().unwrap().to_owned());
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        challenge,
    )
}

async fn query(app: &Router, query: &str) -> (StatusCode, Value) {
    let request = Request::post("/graphql")
        .header("content-type", "application/json")
        .body(Body::from(json!({ "query": query }).to_string()))
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// What a snapshot holds, read in one request: documents and changes.
const SIZES: &str = "{ documents { totalCount } changes { totalCount } }";

async fn sizes(app: &Router) -> (i64, i64) {
    let (status, body) = query(app, SIZES).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    (
        body["data"]["documents"]["totalCount"].as_i64().unwrap(),
        body["data"]["changes"]["totalCount"].as_i64().unwrap(),
    )
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.len() > 3)
        .map(str::to_lowercase)
}

/// The longest word of the uploaded file that the pack already served
/// does not hold, to search for.
fn a_word_of_the_upload() -> String {
    let mut served = std::collections::HashSet::new();
    for entry in std::fs::read_dir(common::fixture("pack")).unwrap() {
        served.extend(words(
            &std::fs::read_to_string(entry.unwrap().path()).unwrap(),
        ));
    }
    let text = std::fs::read_to_string(upload_file()).unwrap();
    words(&text)
        .filter(|w| !served.contains(w))
        .max_by_key(|w| w.len())
        .expect("the upload has words of its own")
}

async fn hits(app: &Router, word: &str) -> i64 {
    let (_, body) = query(
        app,
        &format!(
            r#"{{ search(query: "{word}", filter: {{ kinds: ["paragraph"] }}) {{ totalCount }} }}"#
        ),
    )
    .await;
    body["data"]["search"]["totalCount"].as_i64().unwrap()
}

/// The cursor of the change feed's last entry, paged to as a client would.
async fn end_of_feed(app: &Router) -> String {
    let mut after = String::new();
    loop {
        let page = if after.is_empty() {
            String::new()
        } else {
            format!(", after: \"{after}\"")
        };
        let (_, body) = query(
            app,
            &format!("{{ changes(first: 100{page}) {{ pageInfo {{ endCursor hasNextPage }} }} }}"),
        )
        .await;
        let info = &body["data"]["changes"]["pageInfo"];
        if let Some(end) = info["endCursor"].as_str() {
            after = end.to_owned();
        }
        if info["hasNextPage"] != true {
            return after;
        }
    }
}

#[tokio::test]
async fn without_the_right_token_nothing_changes() {
    // Writes disabled: no token configured.
    let (_dir, app) = server(None);
    let before = sizes(&app).await;
    let (status, body, _) = ingest(&app, Some(TOKEN)).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["error"]["code"], "FORBIDDEN");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("--token-file"));
    assert_eq!(sizes(&app).await, before);

    let (_dir, app) = server(Some(TOKEN));
    let before = sizes(&app).await;
    for token in [None, Some("a-wrong-token"), Some("")] {
        let (status, body, challenge) = ingest(&app, token).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{token:?}: {body}");
        assert_eq!(body["error"]["code"], "UNAUTHENTICATED");
        assert!(challenge.unwrap().starts_with("Bearer"));
    }
    assert_eq!(sizes(&app).await, before);
    assert_eq!(hits(&app, &a_word_of_the_upload()).await, 0);
}

#[tokio::test]
async fn with_the_token_the_document_is_served_at_once() {
    let (_dir, app) = server(Some(TOKEN));
    let (documents, changes) = sizes(&app).await;
    let word = a_word_of_the_upload();
    assert_eq!(hits(&app, &word).await, 0);

    let cursor = end_of_feed(&app).await;
    let (status, body, _) = ingest(&app, Some(TOKEN)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let file = &body["files"][0];
    assert_eq!(file["status"], "added", "{body}");
    let id = file["id"].as_str().unwrap().to_owned();
    assert!(file["coverage"]["facts"].is_object(), "{body}");

    // What the same file contributes, read apart from the server.
    let path = upload_file();
    let prepared = scrutiny::ingest::prepare(&path, std::fs::read(&path).unwrap(), None).unwrap();
    let contributed = prepared.contribution.nodes.len() + prepared.contribution.edges.len();

    let (documents_after, changes_after) = sizes(&app).await;
    assert_eq!(documents_after, documents + 1);
    assert_eq!(changes_after, changes + contributed as i64);
    let (_, feed) = query(
        &app,
        &format!(
            "{{ changes(after: \"{cursor}\", first: 100) {{ edges {{ node {{ document }} }} }} }}"
        ),
    )
    .await;
    let none = Vec::new();
    let fed: Vec<&str> = feed["data"]["changes"]["edges"]
        .as_array()
        .unwrap_or(&none)
        .iter()
        .map(|e| e["node"]["document"].as_str().unwrap())
        .collect();
    assert!(!fed.is_empty() && fed.iter().all(|d| *d == id), "{feed}");
    assert!(
        hits(&app, &word).await > 0,
        "{word} not found after the ingest"
    );

    // The same file again changes nothing.
    let (status, body, _) = ingest(&app, Some(TOKEN)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["files"][0]["status"], "unchanged");
    assert_eq!(sizes(&app).await, (documents_after, changes_after));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reads_during_an_ingest_each_see_one_whole_snapshot() {
    let (_dir, app) = server(Some(TOKEN));
    let old = sizes(&app).await;
    let writer = {
        let app = app.clone();
        tokio::spawn(async move { ingest(&app, Some(TOKEN)).await })
    };
    let readers: Vec<_> = (0..1000)
        .map(|_| {
            let app = app.clone();
            tokio::spawn(async move { sizes(&app).await })
        })
        .collect();
    let mut seen = Vec::new();
    for reader in readers {
        seen.push(reader.await.expect("every read succeeds"));
    }
    let (status, body, _) = writer.await.unwrap();
    assert_eq!(status, StatusCode::OK, "{body}");
    let new = sizes(&app).await;
    assert_ne!(new, old);
    let torn: Vec<_> = seen.iter().filter(|s| **s != old && **s != new).collect();
    assert!(torn.is_empty(), "reads saw neither snapshot: {torn:?}");
    assert_eq!(seen.len(), 1000);
}

/// `scrutiny ingest --server` against a real `serve` on loopback: the file
/// is added and served; without the token file's token it is refused.
#[test]
fn the_command_sends_files_to_a_running_server() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let token_file = dir.path().join("token");
    std::fs::write(&token_file, format!("{TOKEN}\n")).unwrap();
    let wrong_file = dir.path().join("wrong");
    std::fs::write(&wrong_file, "not-the-token\n").unwrap();
    let mut server = Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .args(["serve", "--bind", "127.0.0.1:0", "--data-dir"])
        .arg(dir.path().join("data"))
        .arg("--seed-dir")
        .arg(common::fixture("pack"))
        .arg("--token-file")
        .arg(&token_file)
        .env("RUST_LOG", "info")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The address it listens on, from its start-up line.
    let mut lines = BufReader::new(server.stderr.take().unwrap()).lines();
    let mut address = None;
    for line in lines.by_ref() {
        let line = line.unwrap();
        if let Some(rest) = line.split("GraphQL at http://").nth(1) {
            address = rest.split('/').next().map(str::to_owned);
            break;
        }
    }
    // Its log is read on to the end, so its writes never meet a closed pipe.
    let drain = std::thread::spawn(move || lines.count());
    let url = format!(
        "http://{}",
        address.expect("the server says where it listens")
    );
    let send = |token: &std::path::Path| {
        Command::new(env!("CARGO_BIN_EXE_scrutiny"))
            .args(["ingest", "--server", &url, "--token-file"])
            .arg(token)
            .arg(upload_file())
            .output()
            .unwrap()
    };
    let refused = send(&wrong_file);
    let added = send(&token_file);
    server.kill().unwrap();
    let _ = server.wait();
    let _ = drain.join();
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("refused the ingest (401 Unauthorized)"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&added.stdout);
    assert!(
        added.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&added.stderr)
    );
    assert!(
        stdout.contains("harbour-panel-minutes.txt: added as "),
        "{stdout}"
    );
    assert!(stdout.contains(&format!("{url} now serves ")), "{stdout}");
}
