//! Command-line and environment configuration (clap derive). Each field's `///`
//! is its `--help` text.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Scrutiny: question the public record of police accountability.
#[derive(Debug, Parser)]
#[command(version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the explorer at /, GraphQL at /graphql and GraphiQL at /graphiql, ingesting the seed first if the store is empty.
    Serve(ServeArgs),
    /// Ingest documents (files or folders) into the store.
    Ingest(IngestArgs),
    /// Write the whole graph to standard output.
    Export(ExportArgs),
    /// Read an N-Quads export into an empty store (a restore from backup).
    Import(ImportArgs),
    /// Show how one file is read, storing nothing: its normalised text with
    /// line (and page) numbers, its outline, or its coverage report.
    Read(ReadArgs),
    /// Check the store through and through (every record decodes, every
    /// edge's ends exist, every quote is in its source, every source is
    /// kept); exits non-zero if anything is wrong. Writes nothing.
    Check(StoreOnly),
    /// Make a new store from the sources kept beside the store, read again by
    /// this build, and swap it in; the old store is kept beside it.
    Rebuild(StoreOnly),
}

/// Options of the commands that need only the store.
#[derive(Debug, Clone, Args)]
pub struct StoreOnly {
    /// Store options.
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Options of `read`.
#[derive(Debug, Clone, Args)]
pub struct ReadArgs {
    /// The file: PDF, HTML, Markdown, reStructuredText or text.
    pub file: PathBuf,
    /// What to show.
    #[arg(long, value_enum, default_value = "text")]
    pub show: ReadView,
}

/// What `read` shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReadView {
    /// The normalised text, each line numbered (`page:line` for a PDF).
    Text,
    /// The outline: one line per block (heading, paragraph, list item, table row).
    Blocks,
    /// The coverage report and the diagnostics of a parse.
    Coverage,
}

/// Where the store lives; shared by every subcommand.
#[derive(Debug, Clone, Args)]
pub struct StoreArgs {
    /// The data directory holding the sled store.
    #[arg(long, env = "SCRUTINY_DATA_DIR", default_value = default_data_dir())]
    pub data_dir: PathBuf,
    /// The base of node IRIs: a node's IRI is `{base}/id/{kind}/{slug}`.
    #[arg(long, env = "SCRUTINY_BASE_IRI", default_value = DEFAULT_BASE_IRI)]
    pub base_iri: String,
}

/// Options of `serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Store options.
    #[command(flatten)]
    pub store: StoreArgs,
    /// The address to listen on.
    #[arg(long, env = "SCRUTINY_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// Origins browsers may call the API from, comma-separated; none means any.
    #[arg(long, env = "SCRUTINY_CORS_ORIGINS", value_delimiter = ',')]
    pub cors_origins: Vec<String>,
    /// The folder ingested when the store is empty.
    #[arg(long, env = "SCRUTINY_SEED_DIR", default_value = "seed")]
    pub seed_dir: PathBuf,
    /// A file holding the bearer token that writes (`POST /ingest`) need;
    /// without one, writes are disabled.
    #[arg(long, env = "SCRUTINY_TOKEN_FILE")]
    pub token_file: Option<PathBuf>,
}

/// Options of `ingest`.
#[derive(Debug, Clone, Args)]
pub struct IngestArgs {
    /// Store options.
    #[command(flatten)]
    pub store: StoreArgs,
    /// Files or folders to ingest.
    #[arg(default_value = "seed")]
    pub paths: Vec<PathBuf>,
    /// Send the files to this running server (`http://host:port`, its
    /// `POST /ingest`) instead of writing the data directory.
    #[arg(long, env = "SCRUTINY_SERVER", requires = "token_file")]
    pub server: Option<String>,
    /// With `--server`: the file holding the server's write token.
    #[arg(long, env = "SCRUTINY_TOKEN_FILE")]
    pub token_file: Option<PathBuf>,
}

/// Options of `export`.
#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// Store options.
    #[command(flatten)]
    pub store: StoreArgs,
    /// The output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// `{ "nodes": [...], "edges": [...] }`, documented in the README.
    Json,
    /// N-Quads, one named graph per source document; `import` reads it back.
    Nquads,
    /// Turtle.
    Turtle,
    /// N-Triples.
    Ntriples,
    /// JSON-LD with named graphs.
    Jsonld,
    /// CSV, one row per quad.
    Csv,
}

/// Options of `import`.
#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// Store options (the data directory must be empty or new).
    #[command(flatten)]
    pub store: StoreArgs,
    /// The N-Quads file (`-` for standard input).
    pub file: PathBuf,
}

/// The default base IRI: the default bind address, so IRIs resolve locally.
pub const DEFAULT_BASE_IRI: &str = "http://127.0.0.1:8080";

fn default_data_dir() -> &'static str {
    "data"
}
