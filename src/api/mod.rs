//! The GraphQL API: the only module that knows async-graphql.
//!
//! Types are thin views over one immutable graph snapshot (`Arc<Graph>` plus a
//! node index), so a query sees one consistent graph even while an ingest
//! swaps in the next. Global ids are node keys (`person/susan-hall`): stable,
//! readable, and the IRI path below `{base}/id/`.
//!
//! - [`query`]: the root `Query` type.
//! - [`view`]: the node view all types wrap, shared fields, provenance, lookups.
//! - [`actors`]: people, organisations, memberships, posts.
//! - [`meetings`]: meetings, agenda items, attendance.
//! - [`statements`]: statements and their filters.
//! - [`documents`]: documents, reports, recommendations, responses.
//! - [`node`]: the `Node` interface.
//! - [`explore`]: paths between nodes and neighbourhoods, ready to draw.
//! - [`search`]: full-text search hits with snippets and sources.
//! - [`sources`]: a source document's text by lines, for showing a quote in context.
//! - [`limits`]: the cap on aliases (depth and complexity are async-graphql's).
//! - [`page`]: Relay connections with `totalCount`, and the page-size cap.

pub(crate) mod actors;
pub(crate) mod documents;
mod explore;
mod limits;
pub(crate) mod meetings;
mod node;
pub(crate) mod page;
mod query;
mod search;
mod sources;
pub(crate) mod statements;
pub(crate) mod view;

use std::sync::Arc;

use async_graphql::extensions::apollo_persisted_queries::{
    ApolloPersistedQueries, LruCacheStorage,
};
use async_graphql::{EmptyMutation, EmptySubscription, ErrorExtensions, Schema};

use crate::index::{Graph, SharedGraph};

pub use limits::MAX_ALIASES;
pub use page::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
pub use query::CoreQuery;

/// The root query: the graph's entry points and the explorer's walks.
#[derive(async_graphql::MergedObject, Default)]
pub struct Query(
    CoreQuery,
    explore::ExploreQuery,
    search::SearchQuery,
    sources::SourceQuery,
);

/// The schema type served at `/graphql`.
pub type ScrutinySchema = Schema<Query, EmptyMutation, EmptySubscription>;

/// Deepest query accepted.
pub const MAX_DEPTH: usize = 12;
/// How many persisted queries are remembered (least recently used go first).
pub const PERSISTED_QUERIES: usize = 1024;
/// Highest complexity accepted (each field counts 1, lists count their page size).
pub const MAX_COMPLEXITY: usize = 20_000;

/// How the API is served: what resolvers need besides the graph, and who
/// may call it from a browser.
#[derive(Clone, Debug)]
pub struct ApiConfig {
    /// Base of node IRIs.
    pub base_iri: String,
    /// Origins browsers may call from; empty means any (reads are public).
    pub cors_origins: Vec<String>,
    /// The bearer token writes (`POST /ingest`) need; `None` disables them.
    pub write_token: Option<String>,
}

impl ApiConfig {
    /// Configuration with a base IRI; any origin may read.
    pub fn new(base_iri: impl Into<String>) -> ApiConfig {
        ApiConfig {
            base_iri: base_iri.into(),
            cors_origins: Vec::new(),
            write_token: None,
        }
    }

    /// The same, with writes allowed to holders of `token`.
    pub fn with_write_token(mut self, token: impl Into<String>) -> ApiConfig {
        self.write_token = Some(token.into());
        self
    }
}

/// Builds the schema over a shared graph. Each request takes the current
/// snapshot once ([`OneSnapshot`]) and every field reads it ([`graph`]).
pub fn build_schema(graph: SharedGraph, config: ApiConfig) -> ScrutinySchema {
    Schema::build(Query::default(), EmptyMutation, EmptySubscription)
        .data(graph)
        .data(config)
        // Front ends may send a query's SHA-256 instead of its text (Apollo
        // automatic persisted queries), so queries fit in cacheable GET URLs.
        .extension(ApolloPersistedQueries::new(LruCacheStorage::new(
            PERSISTED_QUERIES,
        )))
        .extension(limits::AliasLimit)
        .extension(OneSnapshot)
        .limit_depth(MAX_DEPTH)
        .limit_complexity(MAX_COMPLEXITY)
        .finish()
}

/// The SDL of the schema, as committed in `schema/schema.graphql`.
pub fn sdl() -> String {
    build_schema(SharedGraph::default(), ApiConfig::new(String::new())).sdl()
}

/// The snapshot a request reads: the one [`OneSnapshot`] took for it.
fn graph(ctx: &async_graphql::Context<'_>) -> Arc<Graph> {
    match ctx.data_opt::<Snapshot>() {
        Some(snapshot) => snapshot.0.clone(),
        None => ctx.data_unchecked::<SharedGraph>().snapshot(),
    }
}

/// The graph one request reads.
struct Snapshot(Arc<Graph>);

/// Takes the current snapshot once, as a request is prepared, so that every
/// field of the request reads the same graph even while an ingest swaps in
/// another (fields resolve concurrently; taking it per field, two fields
/// could read two snapshots).
struct OneSnapshot;

impl async_graphql::extensions::ExtensionFactory for OneSnapshot {
    fn create(&self) -> Arc<dyn async_graphql::extensions::Extension> {
        Arc::new(OneSnapshot)
    }
}

#[async_graphql::async_trait::async_trait]
impl async_graphql::extensions::Extension for OneSnapshot {
    async fn prepare_request(
        &self,
        ctx: &async_graphql::extensions::ExtensionContext<'_>,
        request: async_graphql::Request,
        next: async_graphql::extensions::NextPrepareRequest<'_>,
    ) -> async_graphql::ServerResult<async_graphql::Request> {
        let snapshot = ctx.data_unchecked::<SharedGraph>().snapshot();
        next.run(ctx, request.data(Snapshot(snapshot))).await
    }
}

/// Error codes (DESIGN.md, "API conventions").
#[derive(Clone, Copy, Debug)]
pub enum Code {
    /// The request is malformed or names something in the wrong shape.
    BadUserInput,
    /// An id or name that matches nothing.
    NotFound,
    /// A page size, depth or complexity over the limits.
    LimitExceeded,
    /// The server failed (the details are in its log, not the answer).
    Internal,
}

/// A GraphQL error with `extensions.code`.
pub fn error(code: Code, message: impl Into<String>) -> async_graphql::Error {
    let code = match code {
        Code::BadUserInput => "BAD_USER_INPUT",
        Code::NotFound => "NOT_FOUND",
        Code::LimitExceeded => "LIMIT_EXCEEDED",
        Code::Internal => "INTERNAL",
    };
    async_graphql::Error::new(message).extend_with(|_, e| e.set("code", code))
}
