//! Parsing and ingest benchmarks: `cargo bench --bench ingest`.
//!
//! - `parse/agenda_pack`: the pure parse of the 5,100-line agenda pack.
//! - `ingest/seed_fresh_store`: all of `seed/` into a new temporary store
//!   (parse, sled transactions, flush).
//! - `startup/load_graph`: building the petgraph snapshot from a filled store,
//!   the bulk of `serve`'s start-up on an existing store.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};
use scrutiny::index::Graph;
use scrutiny::ingest::ingest_paths;
use scrutiny::parse::{parse, DocumentMeta};
use scrutiny::store::Store;
use scrutiny::text::Source;

fn seed() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seed")
}

fn benches(c: &mut Criterion) {
    let text = std::fs::read_to_string(seed().join("004_df7a8ebb517b5672.txt")).unwrap();
    let meta = DocumentMeta {
        id: "pack".into(),
        title: "pack".into(),
        kind: "agenda-pack".into(),
        ..DocumentMeta::default()
    };
    c.bench_function("parse/agenda_pack", |b| {
        b.iter(|| {
            let source = Source::new("pack", &text);
            parse(&source, &meta)
        })
    });

    let mut group = c.benchmark_group("ingest");
    group.sample_size(10);
    group.bench_function("seed_fresh_store", |b| {
        b.iter(|| {
            let store = Store::temporary().unwrap();
            let reports = ingest_paths(&store, &[seed()]).unwrap();
            assert!(reports.iter().all(|r| r.result.is_ok()));
            store
        })
    });
    group.finish();

    let store = Store::temporary().unwrap();
    ingest_paths(&store, &[seed()]).unwrap();
    let mut group = c.benchmark_group("startup");
    group.sample_size(20);
    group.bench_function("load_graph", |b| b.iter(|| Graph::load(&store).unwrap()));
    group.finish();
}

criterion_group!(ingest, benches);
criterion_main!(ingest);
