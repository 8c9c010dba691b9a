//! N-Quads import (a restore from backup) into an empty store: bad input is
//! refused with an error, never a panic, and nothing half-written.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scrutiny::rdf::import::import_nquads;
use scrutiny::rdf::Vocab;
use scrutiny::store::Store;

fuzz_target!(|data: &[u8]| {
    let store = Store::temporary().expect("a temporary store");
    let vocab = Vocab::new("http://127.0.0.1:8080");
    if import_nquads(&store, &vocab, data).is_err() {
        assert!(store.is_empty(), "a refused import left records behind");
    }
});
