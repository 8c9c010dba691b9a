//! Parsers never panic on input: made-up edge cases of the shapes the
//! general rules look for (labels, lists, dates, headings) with non-ASCII
//! case changes, and every real document cut at many places.

use scrutiny::parse::{parse_document, DocumentMeta};
use scrutiny::text::Source;

fn meta() -> DocumentMeta {
    DocumentMeta {
        id: "x".into(),
        title: "Government response to the review of things".into(),
        kind: "document".into(),
        publisher: Some("Some Council".into()),
        date: Some("2024-02-30".into()),
        ..DocumentMeta::default()
    }
}

fn parse_all(text: &str) {
    let source = Source::new("x", text);
    let parsed = parse_document(&source, &meta());
    // Whatever was found quotes its own lines.
    for span in parsed
        .contribution
        .nodes
        .values()
        .flat_map(|n| &n.provenance)
        .chain(
            parsed
                .contribution
                .edges
                .values()
                .flat_map(|e| &e.provenance),
        )
    {
        let lines = source.lines_text(span.first_line as usize, span.last_line as usize);
        assert!(lines.contains(&span.quote), "{span:?} in {text:?}");
    }
}

#[test]
fn edge_cases_of_every_rule() {
    for text in [
        "PRESENT: İSTANBUL İLÇE (Chair), Ǆemal Ǆ and\nİ",
        "APOLOGİES were received from İ İ, Ĳ Ĳ. The",
        "Apologies received from Cllrs. ",
        "Present:\n\n(Item 1)\n\n",
        "IN ATTENDANCE: (((",
        "PRESENT: a – b – c, the Clerk –",
        "MINUTES\nCOMMITTEE – 31 February 2024\nPRESENT: Mr A B (Chair)\n",
        "Committee 10 th\nPRESENT: X Y",
        "**Lady İ**: x\n**Lady İ**: y\n**Lady İ**: z\n**Lady İ**: w\n**Lady İ**: v\n",
        "Q1 The Chair:  \nQ2 The Chair: \n",
        "MR İ İ: ok\nMR İ İ: ok\nMR İ İ: ok\nMR İ İ: ok\nMR İ İ: ok\nMR İ İ: ok\n",
        "Ab Cd: x\nAb Cd: x\nAb Cd: x\nAb Cd: x\nAb Cd: x\n",
        "Government response to recommendation 1\n",
        "Government response to recommendations 1, 2 and 999\n\ntext\n",
        "# Recommendations\n\n#. \n#. x\n1. y\n",
        "## Recommendations\n\n999. a\n1000. b\n(0) c\n",
        "Recommendation 0\nRecommendation 999999\nR0: x\n",
        "Title\n=\n\nSub\n-----\n",
        "x\n====================\n",
        ".. raw:: html\n",
        "held in the . on",
        "Time: 99:99 pm at 7pm at 25.61am",
        "Cllr. O. took the Chair. Mr in the Chair.",
        "\u{feff}<p>not html because this is text",
        "(sworn)\n(affirmed)\nThe Witness: yes",
        // Found by fuzzing (issue 11): salutations with no name, footnote
        // markers in Arabic-Indic digits, a line of nested brackets.
        "Dear ,\nDear ,\nBest wishes",
        "Dear R\nDear ,\nYours sincerely\n\n",
        "Text<sup>٣</sup>\n\n<sup>٣</sup> A note\nRecommendation ٣: do it\n",
        &format!("{}x{}\n", "[".repeat(150_000), "]".repeat(150_000)),
        &format!("{}>\n", "<a".repeat(100_000)),
    ] {
        parse_all(text);
    }
}

#[test]
fn real_documents_cut_anywhere() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real");
    let mut cut = 0u64;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            continue;
        };
        // The text formats as they are; PDFs and HTML are read first.
        let bytes = std::fs::read(&path).unwrap();
        let Ok(reading) = scrutiny::read::read(&name, &bytes) else {
            continue;
        };
        let text = reading.text;
        // A deterministic walk over cut points: each a char boundary.
        let mut state = 0x9e37_79b9_7f4a_7c15u64 ^ text.len() as u64;
        for _ in 0..6 {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let mut at = (state >> 33) as usize % text.len().max(1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + 4000).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            parse_all(&text[at..end]);
            cut += 1;
        }
    }
    assert!(cut >= 90, "{cut} cuts");
}

/// Inputs the fuzz targets in `fuzz/` found to panic, cut down to their
/// shape: each is read (and parsed) without a panic.
#[test]
fn what_fuzzing_found() {
    // A line ended inside a footnote mark or bold text (`<br>`, a heading)
    // left the line shorter than where the element began (fuzz target
    // `read`: `assertion failed: self.is_char_boundary(at)` in html.rs).
    let pages = [
        "<html><body><p>a long first line<sup>1<br>2</sup></p></body></html>",
        "<html><body><p>words before it<b>bold<br>on</b> after</p></body></html>",
        "<html><body><p>héllo wörld<sup>x<h2>é</h2></sup></p></body></html>",
        "<html><body><p>ééééé<b><b>x<br/>y</b></b></p></body></html>",
    ];
    for page in pages {
        let reading = scrutiny::read::read("page.html", page.as_bytes()).expect("read");
        parse_all(&reading.text);
    }
    // A line of poppler's layout whose box is a billion points tall: its
    // height, in tenths, overflowed when negated to rank heights (fuzz
    // target `pdf_layout`: `attempt to negate with overflow` in pdf.rs).
    let line = |y_min: &str, y_max: &str, word: &str| {
        format!(
            r#"<line xMin="90" yMin="{y_min}" xMax="250" yMax="{y_max}"><word xMin="90" yMin="{y_min}" xMax="140" yMax="{y_max}">{word}</word></line>"#
        )
    };
    for (y_min, y_max) in [("999351060", "117.8"), ("-inf", "NaN"), ("1e38", "-1e38")] {
        let layout = format!(
            r#"<html><body><doc><page width="595" height="842"><flow><block xMin="90" yMin="76" xMax="250" yMax="118">{}{}</block></flow></page></doc></body></html>"#,
            line("76.4", "94.9", "Council"),
            line(y_min, y_max, "Committee")
        );
        let reading = scrutiny::read::pdf_from_layout(&layout).expect("read");
        assert!(reading.text.contains("Council"), "{:?}", reading.text);
        parse_all(&reading.text);
    }
}
