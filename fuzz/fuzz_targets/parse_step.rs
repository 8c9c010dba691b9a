//! Each section parser alone (agenda, minutes, transcripts, actions,
//! interests, responses, reports, letters, citations, mentions, …): the
//! first byte picks the step of the parse, run after the evidence step, so
//! a parser meets text the steps before it would have claimed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scrutiny::parse::{parse_step, DocumentMeta};
use scrutiny::text::Source;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let meta = DocumentMeta {
        id: "fuzz".to_owned(),
        title: "Fuzz".to_owned(),
        kind: "document".to_owned(),
        ..DocumentMeta::default()
    };
    let src = Source::new(&meta.id, text);
    let _ = parse_step(&src, &meta, pick as usize);
});
