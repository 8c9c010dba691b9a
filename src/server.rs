//! The HTTP service: GraphQL at `/graphql` (GET and POST), GraphiQL at `/`,
//! `/health`. [`router`] builds the app without a socket, for tests.

use std::time::{Duration, Instant};

use async_graphql::http::GraphiQLSource;
use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use crate::api::{build_schema, ApiConfig, ScrutinySchema};
use crate::config::ServeArgs;
use crate::index::{Graph, SharedGraph};
use crate::ingest::ingest_paths;
use crate::store::Store;

/// Largest request body accepted (a GraphQL query is a few KiB).
pub const MAX_BODY_BYTES: usize = 256 * 1024;
/// Longest a request may run before it is answered 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// The application: routes and limits over a shared graph.
pub fn router(graph: SharedGraph, config: ApiConfig) -> Router {
    let schema = build_schema(graph.clone(), config);
    Router::new()
        .route("/", get(graphiql))
        .route("/graphql", get(graphql).post(graphql))
        .with_state(schema)
        .route("/health", get(health))
        .with_state(graph)
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
}

/// Runs a GraphQL request (GET query string or POST body) and gives every error
/// an `extensions.code`: async-graphql's own parse and limit errors carry none.
async fn graphql(State(schema): State<ScrutinySchema>, request: GraphQLRequest) -> GraphQLResponse {
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
    response.into()
}

async fn graphiql() -> impl IntoResponse {
    Html(GraphiQLSource::build().endpoint("/graphql").finish())
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
pub async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let started = Instant::now();
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
        Ok(Graph::load(&store)?)
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
        },
    );
    let listener = tokio::net::TcpListener::bind(args.bind)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", args.bind))?;
    tracing::info!(
        "serving GraphQL at http://{}/graphql (GraphiQL at /), ready in {} ms",
        listener.local_addr()?,
        started.elapsed().as_millis()
    );
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}
