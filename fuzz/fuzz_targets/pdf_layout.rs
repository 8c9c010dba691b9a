//! Our part of reading a PDF: poppler's `-bbox-layout` XHTML → pages of
//! blocks, headings by size, tables rebuilt from word boxes, furniture left
//! out. Seeded with that output for the real PDFs of `tests/fixtures/real/`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|xhtml: &str| {
    let _ = scrutiny::read::pdf_from_layout(xhtml);
});
