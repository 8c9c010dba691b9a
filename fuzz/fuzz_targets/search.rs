//! The search query parser and everything a query goes through (length and
//! nesting checks, tantivy's grammar, prefix expansion, filters, snippets),
//! against an index of a small made-up committee pack built once.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use scrutiny::index::Graph;
use scrutiny::search::{Filters, SearchIndex};
use scrutiny::store::Store;

const PACK: &[u8] = include_bytes!("../../tests/fixtures/pack/harbour-committee-2024-02-07.txt");

fn index() -> &'static (Graph, SearchIndex) {
    static INDEX: OnceLock<(Graph, SearchIndex)> = OnceLock::new();
    INDEX.get_or_init(|| {
        // A panic inside tantivy is caught by `SearchIndex::search` and
        // answered as an error (one is known: a debug assertion of its
        // phrase scorer); libFuzzer's hook, which aborts, is kept for every
        // other panic, ours above all.
        let fuzzer_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_tantivy = info
                .location()
                .is_some_and(|l| l.file().contains("/tantivy-"));
            if !in_tantivy {
                fuzzer_hook(info);
            }
        }));
        let store = Store::temporary().expect("a temporary store");
        let prepared = scrutiny::ingest::prepare(Path::new("pack.txt"), PACK.to_vec(), None)
            .expect("the fixture pack parses");
        store
            .put_document(
                &prepared.meta,
                &prepared.text,
                &prepared.sha256,
                &prepared.contribution,
            )
            .expect("stored");
        let graph = Graph::load(&store).expect("loads");
        let index = SearchIndex::in_memory(&graph).expect("indexed");
        (graph, index)
    })
}

fuzz_target!(|query: &str| {
    let (graph, index) = index();
    let _ = index.search(graph, query, &Filters::default(), 0, 10);
});
