//! Reading real documents: `cargo bench --bench read`.
//!
//! - `read/pdf_84_pages`: the largest PDF of `tests/fixtures/real/` (84
//!   pages, 1.1 MB) to normalised text: poppler's `pdfinfo` and
//!   `pdftotext -bbox-layout`, the layout XHTML parsed, furniture removed.
//! - `read/html_leveson`: the largest HTML page (85 KB) to normalised text.
//! - `parse/pdf_84_pages`: the outline and every parser over that PDF's text.
//! - `ingest/real_corpus`: the whole folder (13 documents, 3.2 MB: 7 PDFs
//!   with 179 pages, 3 HTML, 3 rst) into a fresh temporary store.
//!
//! Throughput is set per benchmark (bytes of the original files), so
//! criterion reports MB/s beside the time; pages per second follow from the
//! page counts above.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use scrutiny::ingest::ingest_paths;
use scrutiny::parse::{parse, DocumentMeta};
use scrutiny::store::Store;
use scrutiny::text::Source;

fn real() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real")
}

fn benches(c: &mut Criterion) {
    let pdf_name = "dhsc-report-recommendations-2024-03-21.pdf";
    let pdf = std::fs::read(real().join(pdf_name)).unwrap();
    let html_name = "leveson-report-recommendations-2012-11-29.html";
    let html = std::fs::read(real().join(html_name)).unwrap();

    let mut group = c.benchmark_group("read");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(pdf.len() as u64));
    group.bench_function("pdf_84_pages", |b| {
        b.iter(|| scrutiny::read::read(pdf_name, &pdf).unwrap())
    });
    group.throughput(Throughput::Bytes(html.len() as u64));
    group.bench_function("html_leveson", |b| {
        b.iter(|| scrutiny::read::read(html_name, &html).unwrap())
    });
    group.finish();

    let text = scrutiny::read::read(pdf_name, &pdf).unwrap().text;
    let meta = DocumentMeta {
        id: "dhsc".into(),
        title: "Rapid review into data on mental health inpatient settings".into(),
        kind: "report".into(),
        ..DocumentMeta::default()
    };
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("pdf_84_pages", |b| {
        b.iter(|| parse(&Source::new("dhsc", &text), &meta))
    });
    group.finish();

    let corpus_bytes: u64 = std::fs::read_dir(real())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.metadata().unwrap().len())
        .sum();
    let mut group = c.benchmark_group("ingest");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(corpus_bytes));
    group.bench_function("real_corpus", |b| {
        b.iter(|| {
            let store = Store::temporary().unwrap();
            let reports = ingest_paths(&store, &[real()]).unwrap();
            assert!(reports.iter().all(|r| r.result.is_ok()));
            store
        })
    });
    group.finish();
}

criterion_group!(read, benches);
criterion_main!(read);
