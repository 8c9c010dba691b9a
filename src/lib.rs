//! Scrutiny turns the public record of police accountability (agenda packs,
//! minutes, transcripts, reports, letters) into a linked-data graph in which
//! every node and edge points back to the exact lines it came from.
//!
//! # Layout
//! - [`model`]: plain data: nodes, edges, spans (provenance), kinds.
//! - [`text`]: source lines with byte offsets; markup stripping, slugs, dates.
//! - [`names`]: people's names, titles, post-nominals and speaker labels;
//!   `names::given` reads names written bare by their given name.
//! - [`orgs`]: organisation names and abbreviations resolved to one node each;
//!   `orgs::prose` finds bodies running text names by the shape of their names.
//! - [`parse`]: pure parsers returning a contribution and diagnostics, one
//!   module per structure: `entities` (people, organisations, roles shared by
//!   all), `signals` (the evidence a document's kind is decided from),
//!   `meeting` (agenda, minutes of the pack's own layout), `attendance`
//!   (any publisher's minutes: meeting header, present / apologies /
//!   substitutes / officers), `transcript` (speaker turns, in a pack or a
//!   hearing, labels in every form), `report` (the pack's recommendations,
//!   addressees), `recommendations` (any report's numbered
//!   recommendations), `responses` (a response recommendation by
//!   recommendation), `stance_table` (tables of recommendations and the
//!   stances taken on them), `letter` (letters and responses), `stance`
//!   (response stances), `actions` (summary lists of
//!   actions), `agenda_front` (an agenda's front page: body, date, items),
//!   `schedule` (work programmes), `interests` (declared interests),
//!   `citations` (footnotes, reported speech), `comments` (reader comments),
//!   `contacts` (contact officers and their e-mail addresses),
//!   `milestones` (business plan milestones), `answers` (requests a letter
//!   answers, dates outputs were agreed), `mentions` (who names whom).
//! - [`read`]: a file as published (PDF via poppler, HTML via html5ever,
//!   Markdown, reStructuredText, text) → one normalised text and its pages,
//!   a PDF's tables put back together from its words' boxes;
//!   [`read::blocks`] outlines that text into headings, paragraphs, list
//!   items and table rows.
//! - [`coverage`]: what a document's parse understood: its kind with the
//!   evidence, facts by type, the share of lines inside some fact, warnings.
//! - [`keys`]: node keys, built and taken apart in one place.
//! - [`ingest`]: reads files and the manifest, checks encoding, parses, stores.
//! - [`link`]: cross-document steps run when the graph is built: one node per
//!   outside document under its title variants; abbreviations defined in one
//!   document found in all; responses that name their report by a shortened
//!   title reach its recommendations; what statements are about by context;
//!   people who may be one; every reading of a meeting's date.
//! - [`store`]: the sled layout; the only module that touches sled; knows
//!   when it is damaged.
//! - [`archive`]: the kept sources beside the store, what `rebuild` re-reads.
//! - [`repair`]: `check` (is the store whole?) and `rebuild` (a new store
//!   from the kept sources, swapped in).
//! - [`index`]: the merged graph in petgraph, as immutable snapshots.
//! - [`search`]: full-text search (tantivy) over statements, recommendations,
//!   responses and documents; an index beside the store, rebuilt on ingest.
//! - [`api`]: the GraphQL schema (the only module that knows async-graphql).
//! - [`server`]: the axum router: `/graphql`, `/health`, the tables.
//! - [`web`]: the explorer at `/` and GraphiQL at `/graphiql`, built from
//!   `web/` and embedded in the binary.
//! - [`envelope`]: what every response gets: request id, security headers,
//!   one JSON shape for refusals, the access log.
//! - [`upload`]: `POST /ingest`: documents added to a running server, with
//!   a bearer token.
//! - [`remote`]: `ingest --server`: files sent to a running server.
//! - [`listen`]: the accept loop: header-read timeout, connection cap, the
//!   open-file limit raised.
//! - [`linked`]: linked-data routes: node IRIs by content negotiation
//!   (JSON-LD, Turtle, N-Triples, HTML), vocabulary, context, sources,
//!   streaming exports.
//! - [`export`]: whole-graph JSON export.
//! - [`rdf`]: linked data: the vocabulary (schema.org, Popolo, ORG, PROV,
//!   Web Annotation, our namespace), the graph as quads in N-Quads, Turtle,
//!   N-Triples, JSON-LD and CSV, and N-Quads import.
//! - [`tables`]: flat tables (statements, recommendations and responses,
//!   actions, attendance) served as CSV and JSON.
//! - [`config`]: command-line and environment configuration.
//! - [`progress`]: progress bars for long command-line work, on a terminal only.
//!
//! # Data flow
//! ```text
//! file (PDF, HTML, rst, text) ─read─▶ normalised text + pages ─blocks─▶ outline
//!            ─parse (pure; kind from evidence)─▶ Contribution {nodes, edges}, each with spans, + coverage
//!            ─store (one sled transaction per document)─▶ per-document fragments on disk
//!            ─index (merge fragments, link across documents, petgraph)─▶ Arc<Graph> snapshot ─api─▶ GraphQL
//! ```
//!
//! # Invariants
//! - Every node and edge carries at least one span whose quote is a byte-exact
//!   substring of the stated lines of its document.
//! - Node keys are derived from what the text says (names, dates, numbers), so
//!   re-ingesting gives the same keys and ingesting a new document merges into
//!   the people and organisations already known.
//! - Parsers do no I/O and never panic on input; problems are diagnostics.
//!   Should one panic all the same (a bug), ingest reports it for that file
//!   and goes on with the batch.

pub mod api;
pub mod archive;
pub mod config;
pub mod coverage;
pub mod envelope;
pub mod export;
pub mod index;
pub mod ingest;
pub mod keys;
pub mod link;
pub mod linked;
pub mod listen;
pub mod model;
pub mod names;
pub mod orgs;
pub mod parse;
pub mod progress;
pub mod rdf;
pub mod read;
pub mod remote;
pub mod repair;
pub mod search;
pub mod server;
pub mod store;
pub mod tables;
pub mod text;
pub mod upload;
pub mod web;

/// The message of a caught panic, for the guards that turn one into an
/// error (a reader or parser in ingest, sled on a corrupt file, tantivy on a
/// query).
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".to_owned())
}

/// The IRI of a node: `{base}/id/{key}`, the key percent-encoded where it
/// must be (the same IRI the RDF exports use).
pub fn iri(base: &str, key: &str) -> String {
    rdf::Vocab::new(base).node(key).into_string()
}
