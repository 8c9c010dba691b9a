//! The `scrutiny` command: a thin shell over the library.

use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

use scrutiny::config::{Cli, Command, ExportFormat};
use scrutiny::index::Graph;
use scrutiny::ingest::ingest_paths_with;
use scrutiny::rdf::import::import_nquads;
use scrutiny::rdf::{Format, Scope, Vocab};
use scrutiny::store::Store;

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Ingest(args) => {
            let store = Store::open(&args.store.data_dir)?;
            // Each file's line as soon as it is done, numbered, so a long
            // folder shows its progress.
            let reports = ingest_paths_with(&store, &args.paths, |done, total, report| {
                if report.result.is_err() {
                    eprintln!("[{done}/{total}] {report}");
                } else {
                    println!("[{done}/{total}] {report}");
                }
            })?;
            let failed = reports.iter().filter(|r| r.result.is_err()).count();
            let graph = Graph::load(&store)?;
            // Rebuild the search index now, so the next `serve` starts at once.
            scrutiny::server::attach_search(&graph, &args.store.data_dir);
            println!(
                "{} files, {failed} failed; the graph holds {} nodes and {} edges",
                reports.len(),
                graph.graph.node_count(),
                graph.graph.edge_count()
            );
            Ok(if failed > 0 || reports.is_empty() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Export(args) => {
            let store = Store::open(&args.store.data_dir)?;
            let graph = Graph::load(&store)?;
            let stdout = std::io::BufWriter::new(std::io::stdout().lock());
            let rdf = match args.format {
                ExportFormat::Json => {
                    scrutiny::export::write_json(&graph, &args.store.base_iri, stdout)
                        .context("writing the export")?;
                    return Ok(ExitCode::SUCCESS);
                }
                ExportFormat::Nquads => Format::Nquads,
                ExportFormat::Turtle => Format::Turtle,
                ExportFormat::Ntriples => Format::Ntriples,
                ExportFormat::Jsonld => Format::Jsonld,
                ExportFormat::Csv => Format::Csv,
            };
            let vocab = Vocab::new(&args.store.base_iri);
            scrutiny::rdf::write(&graph, &vocab, Scope::Graph, rdf, stdout)
                .context("writing the export")?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Import(args) => {
            let store = Store::open(&args.store.data_dir)?;
            let vocab = Vocab::new(&args.store.base_iri);
            let input: Box<dyn std::io::BufRead> = if args.file.as_os_str() == "-" {
                Box::new(std::io::stdin().lock())
            } else {
                let file = std::fs::File::open(&args.file)
                    .with_context(|| format!("opening {}", args.file.display()))?;
                Box::new(std::io::BufReader::new(file))
            };
            let imported = import_nquads(&store, &vocab, input)
                .with_context(|| format!("importing {}", args.file.display()))?;
            let graph = Graph::load(&store)?;
            scrutiny::server::attach_search(&graph, &args.store.data_dir);
            println!(
                "imported {} quads: {} documents, {} nodes, {} edges",
                imported.quads, imported.documents, imported.nodes, imported.edges
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve(args) => {
            let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
            runtime.block_on(scrutiny::server::serve(args))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
