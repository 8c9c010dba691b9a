//! The whole parse of a document, with the provenance contract checked on
//! what it returns: every span's lines exist and its quote is in them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scrutiny::model::Span;
use scrutiny::parse::DocumentMeta;
use scrutiny::text::Source;

fn check(src: &Source<'_>, spans: &[Span]) {
    for span in spans {
        let lines = src.lines_text(span.first_line as usize, span.last_line as usize);
        assert!(
            lines.contains(&span.quote),
            "quote {:?} not in lines {}-{}",
            span.quote,
            span.first_line,
            span.last_line
        );
    }
}

fuzz_target!(|text: &str| {
    let meta = DocumentMeta {
        id: "fuzz".to_owned(),
        title: "Fuzz".to_owned(),
        kind: "document".to_owned(),
        ..DocumentMeta::default()
    };
    let src = Source::new(&meta.id, text);
    let parsed = scrutiny::parse::parse_document(&src, &meta);
    for node in parsed.contribution.nodes.values() {
        check(&src, &node.provenance);
    }
    for edge in parsed.contribution.edges.values() {
        check(&src, &edge.provenance);
    }
});
