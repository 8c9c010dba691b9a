//! The `scrutiny` command: a thin shell over the library.

use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

use scrutiny::config::{Cli, Command, ExportFormat, ReadArgs, ReadView};
use scrutiny::index::Graph;
use scrutiny::ingest::{collect_files, ingest_paths_with};
use scrutiny::progress::FileProgress;
use scrutiny::rdf::import::import_nquads;
use scrutiny::rdf::{Format, Scope, Vocab};
use scrutiny::store::Store;

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        // Colours for a person at a terminal, none in a log file or a pipe.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
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
        Command::Ingest(args) if args.server.is_some() => ingest_remote(&args),
        Command::Ingest(args) => {
            let store = Store::open(&args.store.data_dir)?;
            // Each file's line as soon as it is done, numbered; on a
            // terminal, a bar below them with files, MB, elapsed and rate.
            let files = collect_files(&args.paths)?;
            let progress = FileProgress::new(&files);
            let reports = ingest_paths_with(&store, &files, |done, total, report| {
                let line = format!("[{done}/{total}] {report}");
                progress.file_done(done, &report.path, &line, report.result.is_err());
            });
            progress.finish();
            let reports = reports?;
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
            // On a terminal, bytes written and the rate, while the export
            // goes to a file or a pipe.
            let progress = scrutiny::progress::bytes_written();
            let stdout = std::io::BufWriter::new(progress.wrap_write(std::io::stdout().lock()));
            let rdf = match args.format {
                ExportFormat::Json => {
                    scrutiny::export::write_json(&graph, &args.store.base_iri, stdout)
                        .context("writing the export")?;
                    progress.finish_and_clear();
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
            progress.finish_and_clear();
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
        Command::Read(args) => read(&args),
        Command::Check(args) => {
            let report = scrutiny::repair::check(&args.store.data_dir);
            println!("{report}");
            Ok(if report.is_whole() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Command::Rebuild(args) => {
            let dir = &args.store.data_dir;
            let report = scrutiny::repair::rebuild(dir)?;
            let store = Store::open(dir)?;
            let graph = Graph::load(&store)?;
            scrutiny::server::attach_search(&graph, dir);
            println!(
                "{report}\nthe graph holds {} nodes and {} edges",
                graph.graph.node_count(),
                graph.graph.edge_count()
            );
            Ok(if report.failed.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Command::Serve(args) => {
            let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
            runtime.block_on(scrutiny::server::serve(args))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `scrutiny ingest --server URL`: the files sent to a running server.
fn ingest_remote(args: &scrutiny::config::IngestArgs) -> anyhow::Result<ExitCode> {
    let server = args.server.as_deref().unwrap_or_default();
    let token_file = args
        .token_file
        .as_deref()
        .context("--server needs --token-file")?;
    let token = scrutiny::server::read_token(token_file)?;
    let answer = scrutiny::remote::ingest(server, &token, &args.paths)?;
    let mut failed = 0;
    for file in answer["files"].as_array().into_iter().flatten() {
        let name = file["file"].as_str().unwrap_or("?");
        match file["status"].as_str().unwrap_or("?") {
            "failed" => {
                failed += 1;
                eprintln!("{name}: {}", file["error"].as_str().unwrap_or("failed"));
            }
            status => println!("{name}: {status} as {}", file["id"].as_str().unwrap_or("?")),
        }
        for line in file["diagnostics"].as_array().into_iter().flatten() {
            println!("  {name}:{}", line.as_str().unwrap_or(""));
        }
    }
    println!(
        "{server} now serves {} nodes and {} edges",
        answer["graph"]["nodes"], answer["graph"]["edges"]
    );
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// `scrutiny read FILE`: what the readers and parsers make of one file.
fn read(args: &ReadArgs) -> anyhow::Result<ExitCode> {
    use std::io::Write;
    let bytes =
        std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let reading = match scrutiny::read::read(&name, &bytes) {
        Ok(reading) => reading,
        Err(error) => {
            eprintln!("{}: {error}", args.file.display());
            return Ok(ExitCode::FAILURE);
        }
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let source = scrutiny::text::Source::new("file", &reading.text);
    match args.show {
        ReadView::Text => {
            for n in 1..=source.len() {
                let at = match scrutiny::read::page_of(&reading.pages, n as u32) {
                    Some(page) => format!("{page}:{n}"),
                    None => n.to_string(),
                };
                writeln!(out, "{at:>8}  {}", source.line(n))?;
            }
        }
        ReadView::Blocks => {
            for block in scrutiny::read::blocks::outline(&source) {
                let first = source.line(block.first);
                let shown: String = first.chars().take(100).collect();
                writeln!(
                    out,
                    "{:>6}-{:<6} {:<28} {shown}",
                    block.first,
                    block.last,
                    format!(
                        "{:?}{}",
                        block.kind,
                        if block.emphasis { " emphasis" } else { "" }
                    )
                )?;
            }
        }
        ReadView::Coverage => match scrutiny::ingest::prepare(&args.file, bytes, None) {
            Ok(prepared) => {
                if let Some(coverage) = &prepared.reading.coverage {
                    writeln!(out, "{coverage}")?;
                    for evidence in &coverage.evidence {
                        writeln!(out, "  evidence: {evidence}")?;
                    }
                    for region in &coverage.regions {
                        writeln!(
                            out,
                            "  region: {} lines {}-{} ({})",
                            region.kind.as_str(),
                            region.first,
                            region.last,
                            region.evidence
                        )?;
                    }
                }
                for diagnostic in &prepared.diagnostics {
                    writeln!(
                        out,
                        "  {}:{}: {}: {}",
                        args.file.display(),
                        diagnostic.line,
                        diagnostic.level(),
                        diagnostic.message
                    )?;
                }
            }
            Err(error) => {
                eprintln!("{error}");
                return Ok(ExitCode::FAILURE);
            }
        },
    }
    Ok(ExitCode::SUCCESS)
}
