//! Reading: a file as its publisher put it out (PDF, HTML, Markdown,
//! reStructuredText, plain text) becomes one **normalised text**, the text
//! that provenance quotes and line numbers refer to, plus the pages it came
//! from. The outline of that text into blocks is [`blocks`].
//!
//! The format is decided from the bytes, not the file name: `%PDF-` is a PDF,
//! markup that opens with an HTML element is HTML, other UTF-8 is text (its
//! extension then only says whether reStructuredText headings are expected).
//!
//! - PDF: poppler's `pdftotext` gives the text layer in reading order, one
//!   page per form feed; running headers, footers and page numbers are then
//!   found by repetition across pages and left out ([`pdf`]).
//! - HTML: html5ever (through `scraper`) builds the DOM, which is written out
//!   as Markdown-like text: `#` headings, paragraphs, `- ` / `1. ` list items
//!   (ordered lists numbered as the browser would), table rows with
//!   tab-separated cells and `**bold**` ([`html`]).
//! - Text formats are kept byte for byte: the normalised text is the file.
//!
//! Reading is deterministic: the same bytes give the same text on every
//! ingest, so spans stay valid across re-ingests.

pub mod blocks;
mod html;
mod pdf;

#[doc(hidden)]
pub use pdf::from_layout as pdf_from_layout;
mod table;

use serde::{Deserialize, Serialize};

/// The format a document was published in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// A PDF with a text layer.
    Pdf,
    /// An HTML page or fragment.
    Html,
    /// reStructuredText.
    Rst,
    /// Markdown or plain text.
    Text,
}

impl Format {
    /// The lower-case name used in reports and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
            Format::Rst => "rst",
            Format::Text => "text",
        }
    }
}

/// Where a page of the original starts in the normalised text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageStart {
    /// The page number, from 1, as the PDF counts pages.
    pub page: u32,
    /// The first line (1-based) of the normalised text on that page.
    pub line: u32,
}

/// A document read: its normalised text and what the reader noticed.
#[derive(Clone, Debug)]
pub struct Reading {
    /// What the bytes were.
    pub format: Format,
    /// The normalised text.
    pub text: String,
    /// For a PDF, where each page starts (empty otherwise).
    pub pages: Vec<PageStart>,
    /// Lines of the original left out of the text as page furniture
    /// (running headers and footers, page numbers).
    pub furniture_lines: usize,
    /// Things the reader could not read fully (pages without text, markup
    /// errors), each a sentence for the coverage report.
    pub notes: Vec<String>,
}

/// The page a line of the normalised text is on, if the document has pages.
pub fn page_of(pages: &[PageStart], line: u32) -> Option<u32> {
    let at = pages.partition_point(|p| p.line <= line);
    at.checked_sub(1).map(|i| pages[i].page)
}

/// Why a file could not be read as a document.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// A file type no reader handles (an image, an office file, an archive).
    #[error("unsupported file type ({what}): expected PDF, HTML, Markdown, reStructuredText or plain text")]
    Unsupported { what: &'static str },
    /// A NUL byte in a file that is no PDF.
    #[error("binary content (a NUL byte) at line {line}: expected a text document")]
    Binary { line: usize },
    /// Text that is not UTF-8.
    #[error(
        "not valid UTF-8 at line {line} (byte offset {offset}): expected a UTF-8 text document"
    )]
    NotUtf8 { line: usize, offset: usize },
    /// A PDF whose pages carry no text (a scan).
    #[error("no text layer on any of its {pages} page(s) (a scanned PDF?): run OCR on it first")]
    NoTextLayer { pages: usize },
    /// A PDF that needs a password.
    #[error("encrypted PDF: it cannot be read without its password")]
    Encrypted,
    /// A PDF poppler could not open.
    #[error("damaged PDF: {message}")]
    Damaged { message: String },
    /// The PDF reader is not installed or could not run.
    #[error("cannot run pdftotext (Debian package poppler-utils): {message}")]
    Tool { message: String },
}

/// Reads `bytes` (the file `name`, for its extension) into a normalised text.
pub fn read(name: &str, bytes: &[u8]) -> Result<Reading, ReadError> {
    if bytes.starts_with(b"%PDF-") || bytes.get(..1024).is_some_and(|head| find(head, b"%PDF-")) {
        return pdf::read(bytes);
    }
    if let Some(what) = foreign_type(bytes) {
        return Err(ReadError::Unsupported { what });
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(ReadError::Binary {
            line: line_of(bytes, at),
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| ReadError::NotUtf8 {
        line: line_of(bytes, e.valid_up_to()),
        offset: e.valid_up_to(),
    })?;
    if html::looks_like_html(text) {
        return Ok(html::read(text));
    }
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    let format = if extension.as_deref() == Some("rst") {
        Format::Rst
    } else {
        Format::Text
    };
    Ok(Reading {
        format,
        text: text.to_owned(),
        pages: Vec::new(),
        furniture_lines: 0,
        notes: Vec::new(),
    })
}

/// The 1-based line of byte `offset`.
pub fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn find(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Names the file types people save beside their documents, by their magic
/// numbers, so the skip reason says what the file is.
fn foreign_type(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"II*\0", "a TIFF image"),
        (b"MM\0*", "a TIFF image"),
        (
            b"PK\x03\x04",
            "a ZIP archive or office document (docx, xlsx, odt)",
        ),
        (b"\xd0\xcf\x11\xe0", "an old office document (doc, xls)"),
        (b"\x1f\x8b", "a gzip archive"),
        (b"{\\rtf", "an RTF document"),
        (b"%!PS", "a PostScript file"),
    ];
    MAGIC
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, what)| *what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_come_from_the_bytes() {
        assert_eq!(read("a.txt", b"Hello\n").unwrap().format, Format::Text);
        assert_eq!(
            read("a.rst", b"Title\n=====\n").unwrap().format,
            Format::Rst
        );
        let html = read(
            "a.php",
            b"<div class=\"x\"><h4>PRESENT</h4><p>A, B</p></div>",
        )
        .unwrap();
        assert_eq!(html.format, Format::Html);
        assert!(html.text.starts_with("#### PRESENT\n"), "{}", html.text);
        assert_eq!(
            read("a.txt", b"\x89PNG\r\n").unwrap_err(),
            ReadError::Unsupported {
                what: "a PNG image"
            }
        );
        assert_eq!(
            read("a.txt", b"a\nb\0").unwrap_err(),
            ReadError::Binary { line: 2 }
        );
        assert!(matches!(
            read("a.txt", b"ok\n\xe9t\xe9"),
            Err(ReadError::NotUtf8 { line: 2, offset: 3 })
        ));
    }

    #[test]
    fn pages_of_lines() {
        let pages = [
            PageStart { page: 1, line: 1 },
            PageStart { page: 2, line: 10 },
        ];
        assert_eq!(page_of(&pages, 1), Some(1));
        assert_eq!(page_of(&pages, 9), Some(1));
        assert_eq!(page_of(&pages, 10), Some(2));
        assert_eq!(page_of(&[], 3), None);
    }
}
