//! The readers of text, Markdown, reStructuredText and HTML, and the format
//! sniffing in front of them. The first byte picks the file name the reader
//! is given. Inputs that look like a PDF are left to `pdf_layout`: here they
//! would only fuzz poppler, one process per input.
#![no_main]

use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &["document.txt", "document.rst", "page.html", "notes.md"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    if bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return;
    }
    let name = NAMES[pick as usize % NAMES.len()];
    if let Ok(reading) = scrutiny::read::read(name, bytes) {
        // Every page start the reader reports lies inside its text.
        let lines = reading.text.split('\n').count() as u32;
        for page in &reading.pages {
            assert!(
                page.line >= 1 && page.line <= lines,
                "page {page:?} outside {lines} lines"
            );
        }
    }
});
