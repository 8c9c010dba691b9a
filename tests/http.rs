//! The HTTP service without a socket: routes, limits and error shapes.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use scrutiny::api::{ApiConfig, MAX_ALIASES};
use scrutiny::server::{router, MAX_BODY_BYTES};
use serde_json::{json, Value};
use tower::ServiceExt;

async fn send(request: Request<Body>) -> (StatusCode, String) {
    let app = router(
        common::seed_graph().clone(),
        ApiConfig::new(common::BASE.to_owned()),
    );
    let response = app.oneshot(request).await.unwrap();
    let status = response.status();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&body).into_owned())
}

async fn post(query: &str) -> (StatusCode, Value) {
    let body = json!({ "query": query }).to_string();
    let request = Request::post("/graphql")
        .header("content-type", "application/json")
        .body(Body::from(body))
        .unwrap();
    let (status, text) = send(request).await;
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn error_code(response: &Value) -> &str {
    response["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or("")
}

#[tokio::test]
async fn health_reports_the_graph() {
    let (status, body) = send(Request::get("/health").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["status"], "ok");
    assert!(body["nodes"].as_u64().unwrap() > 400);
}

#[tokio::test]
async fn graphql_over_post_and_get() {
    let (status, body) =
        post(r#"{ person(name: "MOPAC") { name } organisation(name: "the Met") { name iri } }"#)
            .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(error_code(&body), "NOT_FOUND", "MOPAC is not a person");
    let (_, body) = post(r#"{ organisation(name: "the Met") { name iri } }"#).await;
    assert_eq!(
        body["data"]["organisation"]["name"],
        "Metropolitan Police Service"
    );
    assert_eq!(
        body["data"]["organisation"]["iri"],
        "http://scrutiny.test/id/organisation/metropolitan-police-service"
    );

    let (status, text) = send(
        Request::get("/graphql?query=%7B__typename%7D")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        serde_json::from_str::<Value>(&text).unwrap()["data"]["__typename"],
        "Query"
    );
}

/// The explorer at `/` and GraphiQL at `/graphiql` come from the binary,
/// with every script and style they name, and the pages' policy lets them
/// load nothing from anywhere else.
#[tokio::test]
async fn the_pages_and_their_assets_are_served_from_the_binary() {
    for (path, mount) in [("/", "id=\"app\""), ("/graphiql", "id=\"graphiql\"")] {
        let response = router(
            common::seed_graph().clone(),
            ApiConfig::new(common::BASE.to_owned()),
        )
        .oneshot(Request::get(path).body(Body::empty()).unwrap())
        .await
        .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let csp = response.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            !csp.contains("http"),
            "{path}: the policy names another host: {csp}"
        );
        assert!(csp.contains("script-src 'self';"), "{path}: {csp}");
        let body = response.into_body().collect().await.unwrap().to_bytes();
        let html = String::from_utf8_lossy(&body).into_owned();
        assert!(html.contains(mount), "{path} is not its page");
        assert!(!html.contains("://"), "{path} names another host");
        let assets: Vec<&str> = html
            .split('"')
            .filter(|s| s.starts_with("/assets/"))
            .collect();
        assert!(
            assets.iter().any(|a| a.ends_with(".js")),
            "{path} loads no script"
        );
        for asset in assets {
            let response = router(
                common::seed_graph().clone(),
                ApiConfig::new(common::BASE.to_owned()),
            )
            .oneshot(Request::get(asset).body(Body::empty()).unwrap())
            .await
            .unwrap();
            assert_eq!(response.status(), StatusCode::OK, "{asset}");
            let media = response.headers()["content-type"].to_str().unwrap();
            let expected = if asset.ends_with(".css") {
                "text/css"
            } else {
                "text/javascript"
            };
            assert!(media.starts_with(expected), "{asset}: {media}");
            assert!(response.headers()["cache-control"]
                .to_str()
                .unwrap()
                .contains("immutable"));
        }
    }
    let (status, body) = send(Request::get("/assets/none.js").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("\"code\""), "a JSON refusal: {body}");
}

/// `sourceText` gives a statement's lines as provenance numbers them: the
/// quote is in them, and the line count is the file's.
#[tokio::test]
async fn source_text_shows_a_quote_in_its_lines() {
    let (_, body) = post(
        r#"{ statements(first: 1) { edges { node { provenance { documentId firstLine lastLine quote } } } } }"#,
    )
    .await;
    let span = &body["data"]["statements"]["edges"][0]["node"]["provenance"][0];
    let (document, first, last) = (
        span["documentId"].as_str().unwrap(),
        span["firstLine"].as_i64().unwrap(),
        span["lastLine"].as_i64().unwrap(),
    );
    let query = format!(
        r#"{{ sourceText(document: "{document}", from: {first}, to: {last}) {{ lineCount from to lines {{ number text page }} }} }}"#
    );
    let (_, body) = post(&query).await;
    let text = &body["data"]["sourceText"];
    let lines = text["lines"].as_array().unwrap();
    let numbers: Vec<i64> = lines
        .iter()
        .map(|l| l["number"].as_i64().unwrap())
        .collect();
    assert_eq!(numbers, (first..=last).collect::<Vec<_>>());
    let joined: Vec<&str> = lines.iter().map(|l| l["text"].as_str().unwrap()).collect();
    assert!(joined.join("\n").contains(span["quote"].as_str().unwrap()));
    // The line count, counted from the stored text itself.
    let (_, whole) = send(
        Request::get(format!("/source/{document}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(
        text["lineCount"].as_u64().unwrap() as usize,
        whole.lines().count()
    );

    let (_, body) = post(&format!(
        r#"{{ sourceText(document: "{document}", from: 1, to: 2001) {{ from }} }}"#
    ))
    .await;
    assert_eq!(error_code(&body), "LIMIT_EXCEEDED");
    let (_, body) = post(r#"{ sourceText(document: "no-such-document") { from } }"#).await;
    assert_eq!(error_code(&body), "NOT_FOUND");
    // Past the end: no lines, not an error.
    let (_, body) = post(&format!(
        r#"{{ sourceText(document: "{document}", from: 100000000) {{ to lines {{ number }} }} }}"#
    ))
    .await;
    assert_eq!(
        body["data"]["sourceText"]["lines"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[tokio::test]
async fn malformed_queries_get_graphql_errors_not_500() {
    let (status, body) = post("{ person(name: ").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("expected"),
        "{body}"
    );
    assert_eq!(error_code(&body), "BAD_USER_INPUT");

    let (status, body) = post("{ nope }").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("nope"));

    let request = Request::post("/graphql")
        .header("content-type", "application/json")
        .body(Body::from("{not json"))
        .unwrap();
    let (status, _) = send(request).await;
    assert!(status.is_client_error(), "{status}");
}

#[tokio::test]
async fn limits_are_enforced_with_clear_errors() {
    let (_, body) = post(r#"{ people(first: 100000) { totalCount } }"#).await;
    assert_eq!(error_code(&body), "LIMIT_EXCEEDED");
    assert!(body["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("at most 100"));

    let (_, body) = post(r#"{ people(after: "bogus") { totalCount } }"#).await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    // A forged cursor at the end of usize is past the end, not an overflow.
    let (status, body) = post(&format!(
        r#"{{ people(after: "o{}") {{ totalCount edges {{ cursor }} }} }}"#,
        usize::MAX
    ))
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["data"]["people"]["edges"], json!([]), "{body}");

    let (_, body) = post(r#"{ node(id: "person/nobody-at-all") { id } }"#).await;
    assert_eq!(error_code(&body), "NOT_FOUND");

    // Nesting far past the depth limit.
    let mut deep = String::from("name");
    for _ in 0..8 {
        deep = format!("chair {{ attendance {{ meeting {{ {deep} }} }} }}");
    }
    let (status, body) = post(&format!(
        r#"{{ meetings {{ edges {{ node {{ {deep} }} }} }} }}"#
    ))
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("nested too deep"),
        "{body}"
    );
    assert_eq!(error_code(&body), "LIMIT_EXCEEDED");

    // A body over the limit: refused up front when its length is declared,
    // and as a client error when it is streamed without one.
    // Nested pages multiply: 100 × 100 × 100 statements is refused before it runs.
    let (_, body) = post(
        "{ statements(first: 100) { edges { node { speaker { statements(first: 100) { edges { node { speaker { statements(first: 100) { totalCount } } } } } } } } } }",
    )
    .await;
    assert_eq!(error_code(&body), "LIMIT_EXCEEDED", "{body}");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("too complex"),
        "{body}"
    );

    // Thousands of aliases of a cheap field pass the complexity limit; the
    // alias cap refuses them.
    let aliased: String = (0..3000).map(|i| format!("a{i}: __typename ")).collect();
    let (_, body) = post(&format!("{{ {aliased} }}")).await;
    assert_eq!(error_code(&body), "LIMIT_EXCEEDED", "{body}");
    assert!(body["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("3000 aliases"));
    let allowed: String = (0..MAX_ALIASES)
        .map(|i| format!("a{i}: __typename "))
        .collect();
    let (_, body) = post(&format!("{{ {allowed} }}")).await;
    assert_eq!(body["data"]["a0"], "Query", "{body}");

    // A 10 MB body.
    let huge = "x".repeat(10 * 1024 * 1024);
    assert!(huge.len() > MAX_BODY_BYTES);
    let request = Request::post("/graphql")
        .header("content-type", "application/json")
        .header("content-length", huge.len())
        .body(Body::from(huge.clone()))
        .unwrap();
    let (status, _) = send(request).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    let request = Request::post("/graphql")
        .header("content-type", "application/json")
        .body(Body::from(huge))
        .unwrap();
    let (status, _) = send(request).await;
    assert!(status.is_client_error(), "{status}");

    // The service still answers after all of that.
    let (status, body) = post("{ __typename }").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["data"]["__typename"], "Query");
}

async fn get(uri: &str, headers: &[(&str, &str)]) -> axum::response::Response {
    let app = router(
        common::seed_graph().clone(),
        ApiConfig::new(common::BASE.to_owned()),
    );
    let mut request = Request::get(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    app.oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap()
}

async fn body_text(response: axum::response::Response) -> String {
    String::from_utf8(
        response
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec(),
    )
    .unwrap()
}

#[tokio::test]
async fn csv_tables_quote_and_filter() {
    let response = get("/csv/statements?speaker=Kenny%20Bowie", &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let text = body_text(response).await;
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        &header[..5],
        ["id", "date", "meeting", "agenda_item", "speaker"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows.iter().all(|r| &r[4] == "Kenny Bowie"));
    // Multi-paragraph text survives: newlines and quotes are quoted, not split.
    let text_column = header.iter().position(|h| h == "text").unwrap();
    assert!(
        rows.iter().any(|r| r[text_column].contains("\n\n")),
        "a turn with two paragraphs"
    );
    assert!(
        rows.iter()
            .any(|r| r[text_column].contains('"') || r[text_column].contains('“')),
        "a quote inside a statement"
    );
    let turns = rows.iter().filter(|r| &r[8] == "turn").count();
    assert_eq!(turns, 18);

    let json: serde_json::Value = serde_json::from_str(
        &body_text(
            get(
                "/json/recommendations?report=Probation%20Services%20in%20London&stance=redirected",
                &[],
            )
            .await,
        )
        .await,
    )
    .unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["number"], "3");
    assert_eq!(rows[0]["respondent"], "Magistrates Association");

    let response = get("/csv/attendance?person=Sem%20Moema&status=apologies", &[]).await;
    let text = body_text(response).await;
    assert_eq!(text.lines().count(), 2, "header and one row: {text}");

    assert_eq!(
        get("/csv/nothing", &[]).await.status(),
        StatusCode::NOT_FOUND
    );
    let response = get("/csv/statements?speaker=Nobody%20At%20All", &[]).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(body_text(response).await.contains("speaker"));
}

#[tokio::test]
async fn browsers_get_cors_compression_and_etags() {
    let response = get(
        "/csv/actions?status=ongoing",
        &[
            ("origin", "https://newsroom.example"),
            ("accept-encoding", "gzip"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
    assert_eq!(response.headers()["content-encoding"], "gzip");
    assert_eq!(response.headers()["cache-control"], "public, max-age=60");
    let etag = response.headers()["etag"].to_str().unwrap().to_owned();
    let again = get("/csv/actions?status=ongoing", &[("if-none-match", &etag)]).await;
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    let other = get("/csv/actions?status=completed", &[("if-none-match", &etag)]).await;
    assert_eq!(
        other.status(),
        StatusCode::OK,
        "another URL has another tag"
    );
    let graphql = get("/graphql?query=%7B__typename%7D", &[]).await;
    assert!(graphql.headers().contains_key("etag"));
}

#[tokio::test]
async fn automatic_persisted_queries_over_get() {
    use sha2::{Digest, Sha256};
    let query = "{ organisation(name: \"MOPAC\") { name } }";
    let hash: String = Sha256::digest(query.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let extensions = format!(r#"{{"persistedQuery":{{"version":1,"sha256Hash":"{hash}"}}}}"#);
    let encode = |s: &str| {
        s.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect::<String>()
    };
    let app = router(
        common::seed_graph().clone(),
        ApiConfig::new(common::BASE.to_owned()),
    );
    // One app for all three requests: the persisted queries live in its schema.
    let fetch = |uri: &str| {
        let request = Request::get(uri).body(Body::empty()).unwrap();
        let app = app.clone();
        async move {
            serde_json::from_str::<Value>(&body_text(app.oneshot(request).await.unwrap()).await)
                .unwrap()
        }
    };
    let by_hash = format!("/graphql?extensions={}", encode(&extensions));
    // Unknown hash: the client is told to send the query once.
    let body = fetch(&by_hash).await;
    assert_eq!(body["errors"][0]["message"], "PersistedQueryNotFound");
    // Query and hash together register it ...
    let with_query = format!(
        "/graphql?query={}&extensions={}",
        encode(query),
        encode(&extensions)
    );
    let body = fetch(&with_query).await;
    assert_eq!(
        body["data"]["organisation"]["name"],
        "Mayor's Office for Policing and Crime"
    );
    // ... and the hash alone answers from then on.
    let body = fetch(&by_hash).await;
    assert_eq!(
        body["data"]["organisation"]["name"],
        "Mayor's Office for Policing and Crime"
    );
}

#[tokio::test]
async fn the_change_feed_pages_with_cursors() {
    let (_, body) = post("{ changes(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { sequence id entity change document } } } }").await;
    let changes = &body["data"]["changes"];
    assert!(changes["totalCount"].as_u64().unwrap() > 1000);
    assert_eq!(changes["edges"][0]["node"]["sequence"], 1);
    let cursor = changes["pageInfo"]["endCursor"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, body) = post(&format!(
        r#"{{ changes(first: 2, after: "{cursor}") {{ edges {{ node {{ sequence }} }} }} }}"#
    ))
    .await;
    assert_eq!(body["data"]["changes"]["edges"][0]["node"]["sequence"], 3);
    let (_, body) = post(r#"{ changes(after: "not-a-cursor") { totalCount } }"#).await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
}
