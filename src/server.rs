//! The HTTP service: GraphQL at `/graphql` (GET and POST), the explorer at
//! `/` and GraphiQL at `/graphiql` ([`crate::web`]),
//! `/health`, and tables for journalists at `/csv/{table}` and `/json/{table}`. [`router`] builds the app without a socket, for tests.

use std::time::{Duration, Instant};

use async_graphql_axum::rejection::GraphQLRejection;
use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use axum::extract::{Path as UrlPath, Query, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{Any, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use crate::api::{build_schema, ApiConfig, ScrutinySchema};
use crate::config::ServeArgs;
use crate::index::{Graph, SharedGraph};
use crate::ingest::ingest_paths;
use crate::search::SearchIndex;
use crate::store::Store;

/// Largest request body accepted (a GraphQL query is a few KiB).
pub const MAX_BODY_BYTES: usize = 256 * 1024;
/// Longest a request may run before it is answered 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// Longest an ingest over HTTP may run (reading a long PDF takes seconds).
pub const INGEST_TIMEOUT: Duration = Duration::from_secs(300);

/// The application: routes and limits over a shared graph.
pub fn router(graph: SharedGraph, config: ApiConfig) -> Router {
    let cors = cors_layer(&config.cors_origins);
    let linked = crate::linked::routes(graph.clone(), &config.base_iri);
    let writes = crate::upload::routes(graph.clone(), config.write_token.clone())
        .layer(RequestBodyLimitLayer::new(crate::upload::MAX_UPLOAD_BYTES))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            INGEST_TIMEOUT,
        ));
    let schema = build_schema(graph.clone(), config);
    let graphql = Router::new()
        .route("/graphql", get(graphql).post(graphql))
        .with_state(schema);
    Router::new()
        .route("/health", get(health))
        .route("/csv/{table}", get(csv_table))
        .route("/json/{table}", get(json_table))
        .with_state(graph.clone())
        .merge(graphql)
        .merge(linked)
        .merge(crate::web::routes())
        .layer(middleware::from_fn_with_state(graph, cache_headers))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .merge(writes)
        .layer(CompressionLayer::new())
        .layer(cors)
        .layer(middleware::from_fn(crate::envelope::envelope))
}

/// Reads are public: any origin may GET and POST queries unless origins are
/// configured (`--cors-origins`).
fn cors_layer(origins: &[String]) -> CorsLayer {
    let layer = CorsLayer::new()
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION]);
    if origins.is_empty() {
        return layer.allow_origin(Any);
    }
    let origins: Vec<HeaderValue> = origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect();
    layer.allow_origin(origins)
}

/// A GET's answer depends only on its URL, its `Accept` header (IRIs are
/// negotiated) and the graph's generation, so those are its entity tag: a
/// client that has it gets 304 Not Modified.
async fn cache_headers(State(graph): State<SharedGraph>, request: Request, next: Next) -> Response {
    let cacheable = request.method() == Method::GET
        && [
            "/graphql", "/csv/", "/json/", "/id/", "/ns", "/source/", "/export/",
        ]
        .iter()
        .any(|p| request.uri().path().starts_with(p));
    if !cacheable {
        return next.run(request).await;
    }
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    request.uri().hash(&mut hasher);
    request
        .headers()
        .get(header::ACCEPT)
        .map(|v| v.as_bytes())
        .hash(&mut hasher);
    let etag = format!(
        "W/\"{}-{:x}\"",
        graph.snapshot().generation,
        hasher.finish()
    );
    let matches = request
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == etag);
    let mut response = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        next.run(request).await
    };
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        let headers = response.headers_mut();
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=60"),
        );
        if let Ok(value) = HeaderValue::from_str(&etag) {
            headers.insert(header::ETAG, value);
        }
    }
    response
}

/// A table of the graph, filtered by query parameters, rendered by `render`;
/// an unknown table is 404, a filter that names nothing 400.
fn table_response(
    graph: &SharedGraph,
    name: &str,
    filters: &BTreeMap<String, String>,
    render: impl FnOnce(&crate::tables::Table) -> Response,
) -> Response {
    match crate::tables::build(&graph.snapshot(), name, filters) {
        None => (
            StatusCode::NOT_FOUND,
            format!(
                "no table {name:?}; tables: {}\n",
                crate::tables::TABLES.join(", ")
            ),
        )
            .into_response(),
        Some(Err(unknown)) => (StatusCode::BAD_REQUEST, format!("{unknown}\n")).into_response(),
        Some(Ok(table)) => render(&table),
    }
}

async fn csv_table(
    State(graph): State<SharedGraph>,
    UrlPath(name): UrlPath<String>,
    Query(filters): Query<BTreeMap<String, String>>,
) -> Response {
    table_response(&graph, &name, &filters, |table| {
        (
            [(header::CONTENT_TYPE, "text/csv; charset=utf-8")],
            crate::tables::to_csv(table),
        )
            .into_response()
    })
}

async fn json_table(
    State(graph): State<SharedGraph>,
    UrlPath(name): UrlPath<String>,
    Query(filters): Query<BTreeMap<String, String>>,
) -> Response {
    table_response(&graph, &name, &filters, |table| {
        Json(crate::tables::to_json(table)).into_response()
    })
}

/// Runs a GraphQL request (GET query string or POST body) and gives every error
/// an `extensions.code`: async-graphql's own parse and limit errors carry none.
async fn graphql(
    State(schema): State<ScrutinySchema>,
    request: Result<GraphQLRequest, GraphQLRejection>,
) -> Response {
    let request = match request {
        Ok(request) => request,
        Err(GraphQLRejection(error)) => return request_refusal(error),
    };
    let mut response = schema.execute(request.into_inner()).await;
    for error in &mut response.errors {
        let has_code = error
            .extensions
            .as_ref()
            .is_some_and(|e| e.get("code").is_some());
        if !has_code {
            let message = error.message.to_ascii_lowercase();
            let code = if ["too deep", "too complex", "recursion depth", "too many"]
                .iter()
                .any(|m| message.contains(m))
            {
                "LIMIT_EXCEEDED"
            } else {
                "BAD_USER_INPUT"
            };
            error
                .extensions
                .get_or_insert_with(Default::default)
                .set("code", code);
        }
    }
    GraphQLResponse::from(response).into_response()
}

/// A GraphQL request that could not be read: 413 when the body is over the
/// limit (whether it said its length or came chunked), otherwise 400 saying
/// what was wrong, in words rather than Rust's debug text.
fn request_refusal(error: async_graphql::ParseRequestError) -> Response {
    use async_graphql::ParseRequestError as E;
    let too_large = matches!(error, E::PayloadTooLarge)
        || matches!(&error, E::Io(io) if io.to_string().contains("length limit exceeded"));
    if too_large {
        return crate::envelope::refusal(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body is larger than the {MAX_BODY_BYTES} bytes accepted"),
        );
    }
    let message = match error {
        E::InvalidRequest(e) => format!("the body is not a GraphQL request: {e}"),
        E::InvalidFilesMap(e) => format!("the multipart files map is not valid: {e}"),
        E::Io(e) => format!("the request body could not be read: {e}"),
        E::MissingOperatorsPart | E::MissingMapPart => {
            "a multipart request needs its operations and map parts".to_owned()
        }
        E::NotUpload => "this service takes no file uploads".to_owned(),
        E::MissingFiles => "a file the map names is missing".to_owned(),
        E::InvalidMultipart(e) => format!("the multipart body is not valid: {e}"),
        other => format!("the request could not be read: {other}"),
    };
    crate::envelope::refusal(StatusCode::BAD_REQUEST, message)
}

async fn health(State(graph): State<SharedGraph>) -> impl IntoResponse {
    let graph = graph.snapshot();
    Json(json!({
        "status": "ok",
        "nodes": graph.graph.node_count(),
        "edges": graph.graph.edge_count(),
        "generation": graph.generation,
    }))
}

/// Opens the store, ingests the seed if it is empty, and serves until Ctrl-C.
/// Opens (or rebuilds) the full-text index beside the store. A failure is
/// logged, not fatal: the first search then builds an index in memory.
pub fn attach_search(graph: &Graph, data_dir: &std::path::Path) {
    let started = Instant::now();
    match SearchIndex::open_or_build(graph, &crate::search::dir_for(data_dir)) {
        Ok(index) => {
            graph.attach_search(index);
            tracing::info!(
                elapsed_ms = started.elapsed().as_millis() as u64,
                "search index ready"
            );
        }
        Err(error) => {
            tracing::warn!(%error, "search index unavailable on disk; searches will build one in memory")
        }
    }
}

/// The write token in `path`: its first line, which must not be empty.
pub fn read_token(path: &std::path::Path) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("cannot read the token file {}: {e}", path.display()))?;
    let token = text.lines().next().unwrap_or("").trim().to_owned();
    if token.is_empty() {
        anyhow::bail!(
            "the token file {} is empty: put the token on its first line",
            path.display()
        );
    }
    Ok(token)
}

pub async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let write_token = args.token_file.as_deref().map(read_token).transpose()?;
    match &write_token {
        Some(_) => tracing::info!("writes (POST /ingest) need the token"),
        None => tracing::info!("writes are disabled: no --token-file"),
    }
    let data_dir = args.store.data_dir.clone();
    let seed_dir = args.seed_dir.clone();
    // sled and parsing are blocking work: keep them off the async workers.
    let graph = tokio::task::spawn_blocking(move || -> anyhow::Result<Graph> {
        let store = Store::open(&data_dir).map_err(|e| {
            anyhow::anyhow!("{e}; choose another --data-dir (or SCRUTINY_DATA_DIR)")
        })?;
        if store.is_empty() {
            tracing::info!(seed = %seed_dir.display(), "the store is empty: ingesting the seed");
            for report in ingest_paths(&store, &[seed_dir])? {
                match &report.result {
                    Ok(_) => tracing::info!("{report}"),
                    Err(_) => tracing::warn!("{report}"),
                }
            }
        }
        let graph = Graph::load(&store)?;
        attach_search(&graph, &data_dir);
        Ok(graph)
    })
    .await??;
    tracing::info!(
        nodes = graph.graph.node_count(),
        edges = graph.graph.edge_count(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "graph loaded"
    );
    let app = router(
        SharedGraph::new(graph),
        ApiConfig {
            base_iri: args.store.base_iri.clone(),
            cors_origins: args.cors_origins.clone(),
            write_token,
        },
    );
    let listener = tokio::net::TcpListener::bind(args.bind)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", args.bind))?;
    tracing::info!(
        "serving the explorer at http://{0}/ and GraphQL at http://{0}/graphql, ready in {1} ms",
        listener.local_addr()?,
        started.elapsed().as_millis()
    );
    let cap = crate::listen::connection_cap();
    tracing::info!(connections = cap, "connection cap");
    crate::listen::serve(listener, app, cap, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}
