//! Search and linked-data benchmarks: `cargo bench --bench linked`.
//!
//! - `search/build_index`: indexing the seed graph in memory (what `serve`
//!   does on disk after an ingest).
//! - `search/phrase`, `search/words_prefix_filtered`: one page of 10 ranked
//!   hits with snippets.
//! - `export/{nquads,turtle,jsonld}`: the whole graph serialised to a sink.
//! - `import/nquads`: an N-Quads export read into a fresh temporary store.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};
use scrutiny::index::Graph;
use scrutiny::ingest::ingest_paths;
use scrutiny::model::NodeKind;
use scrutiny::rdf::import::import_nquads;
use scrutiny::rdf::{write, Format, Scope, Vocab};
use scrutiny::search::{Filters, SearchIndex};
use scrutiny::store::Store;

fn benches(c: &mut Criterion) {
    let seed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seed");
    let store = Store::temporary().unwrap();
    ingest_paths(&store, &[seed]).unwrap();
    let graph = Graph::load(&store).unwrap();

    let mut group = c.benchmark_group("search");
    group.sample_size(20);
    group.bench_function("build_index", |b| {
        b.iter(|| SearchIndex::in_memory(&graph).unwrap())
    });
    let index = SearchIndex::in_memory(&graph).unwrap();
    let any = Filters::default();
    group.bench_function("phrase", |b| {
        b.iter(|| {
            index
                .search(&graph, "\"stop and search\"", &any, 0, 10)
                .unwrap()
        })
    });
    let statements = Filters {
        kinds: vec![NodeKind::Statement],
        ..Filters::default()
    };
    group.bench_function("words_prefix_filtered", |b| {
        b.iter(|| {
            index
                .search(&graph, "police recommend*", &statements, 0, 10)
                .unwrap()
        })
    });
    group.finish();

    let vocab = Vocab::new("http://127.0.0.1:8080");
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    for (name, format) in [
        ("nquads", Format::Nquads),
        ("turtle", Format::Turtle),
        ("jsonld", Format::Jsonld),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| write(&graph, &vocab, Scope::Graph, format, std::io::sink()).unwrap())
        });
    }
    group.finish();

    let mut nquads = Vec::new();
    write(&graph, &vocab, Scope::Graph, Format::Nquads, &mut nquads).unwrap();
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.bench_function("nquads", |b| {
        b.iter(|| {
            let fresh = Store::temporary().unwrap();
            import_nquads(&fresh, &vocab, nquads.as_slice()).unwrap();
            fresh
        })
    });
    group.finish();
}

criterion_group!(linked, benches);
criterion_main!(linked);
