//! PDF: the text layer by poppler, then page furniture removed.
//!
//! `pdftotext -bbox-layout` gives each page's text in reading order as
//! blocks (poppler's paragraphs) of lines of words, with their boxes. Its
//! words keep the hyphens the PDF prints ("Barrington-" / "King"), where
//! poppler's plain text output would join every line-end hyphen away
//! ("BarringtonKing", "202627"). From the boxes:
//! - blocks become paragraphs, a blank line apart;
//! - a short block whose lines are taller than the body text is a heading,
//!   written `#` … `####` by size, so the outline finds a PDF's sections;
//! - what repeats at the top or bottom of most pages — a running title, a
//!   browser's date and URL line, "Page 3 of 14" — is furniture: counted and
//!   left out, so no statement or recommendation quotes it. Lines are
//!   compared with their digits blanked, so "3/84" and "4/84" are one footer.
//!
//! Pages are read [`PAGES_PER_CALL`] at a time, so memory stays bounded on a
//! long PDF.

use std::collections::HashMap;
use std::io::Write;
use std::process::{Command, Stdio};

use scraper::{Html, Selector};

use super::{Format, PageStart, ReadError, Reading};

/// How many lines at each end of a page may be furniture.
const EDGE_LINES: usize = 4;

/// Pages converted by one run of `pdftotext`.
const PAGES_PER_CALL: usize = 50;

/// The largest coordinate taken from poppler's output, in points: ten
/// times the largest page a PDF may have.
const COORDINATE_LIMIT: f32 = 144_000.0;

/// How much taller than the body text a heading's lines are.
const HEADING_RATIO: f32 = 1.2;

use super::table::{self, Line, Word};

pub(super) fn read(bytes: &[u8]) -> Result<Reading, ReadError> {
    let pages = page_count(bytes)?;
    let mut all: Vec<Vec<table::Block>> = Vec::with_capacity(pages);
    // Bold comes from `pdftohtml -xml`, which reads a file, not a pipe.
    let copy = tempfile::NamedTempFile::new().and_then(|mut f| {
        f.write_all(bytes)?;
        Ok(f)
    });
    let mut bold_unread = copy.is_err();
    let mut first = 1;
    while first <= pages {
        let last = (first + PAGES_PER_CALL - 1).min(pages);
        let xhtml = run(
            "pdftotext",
            &[
                "-bbox-layout",
                "-enc",
                "UTF-8",
                "-f",
                &first.to_string(),
                "-l",
                &last.to_string(),
                "fd://0",
                "-",
            ],
            bytes,
        )?;
        let mut chunk = parse_layout(&xhtml);
        match copy.as_ref().map(|f| bold_boxes(f.path(), first, last)) {
            Ok(Some(boxes)) => mark_bold(&mut chunk, &boxes),
            _ => bold_unread = true,
        }
        all.extend(chunk);
        first = last + 1;
    }
    let mut reading = normalise(all)?;
    if bold_unread {
        reading.notes.push(
            "poppler's pdftohtml could not say which words are bold; none is marked".to_owned(),
        );
    }
    Ok(reading)
}

/// A PDF read from poppler's `-bbox-layout` output, as [`read`] does after
/// running it (bold left unmarked): for the fuzz targets in `fuzz/`, which
/// exercise this module's part of reading a PDF without running poppler.
#[doc(hidden)]
pub fn from_layout(xhtml: &str) -> Result<Reading, ReadError> {
    normalise(parse_layout(xhtml))
}

/// The coordinate `attr` of a box in poppler's output, in points. A PDF
/// page is at most 14,400 points a side (ISO 32000): a coordinate outside
/// ±[`COORDINATE_LIMIT`], infinite or not a number is no place on a page,
/// and is read as 0 so the arithmetic on boxes stays in range.
fn coordinate(el: scraper::ElementRef<'_>, attr: &str) -> f32 {
    el.value()
        .attr(attr)
        .and_then(|v| v.parse::<f32>().ok())
        .filter(|v| v.abs() <= COORDINATE_LIMIT)
        .unwrap_or(0.0)
}

/// A page's bold text boxes: (left, top, right, bottom) in points.
type Boxes = Vec<(f32, f32, f32, f32)>;

/// The boxes of bold text on pages `first..=last`, from `pdftohtml -xml`
/// at zoom 1 (so its units are the points `-bbox-layout` uses); `None` if
/// the tool fails.
fn bold_boxes(path: &std::path::Path, first: usize, last: usize) -> Option<Vec<Boxes>> {
    let path = path.to_str()?;
    let (first, last) = (first.to_string(), last.to_string());
    let args = [
        "-xml", "-i", "-q", "-zoom", "1", "-stdout", "-f", &first, "-l", &last, path,
    ];
    let xml = run("pdftohtml", &args, &[]).ok()?;
    let html = Html::parse_document(&xml);
    let select = |s: &str| Selector::parse(s).expect("valid selector");
    let (page_sel, text_sel, bold_sel) = (select("page"), select("text"), select("b"));
    let number = coordinate;
    Some(
        html.select(&page_sel)
            .map(|page| {
                page.select(&text_sel)
                    .filter(|t| {
                        // Bold when the bold runs hold all its text.
                        let all: String = t.text().collect();
                        let bold: String = t.select(&bold_sel).flat_map(|b| b.text()).collect();
                        !all.trim().is_empty() && bold.trim() == all.trim()
                    })
                    .map(|t| {
                        let (left, top) = (number(t, "left"), number(t, "top"));
                        (
                            left,
                            top,
                            left + number(t, "width"),
                            top + number(t, "height"),
                        )
                    })
                    .collect()
            })
            .collect(),
    )
}

/// Marks the words whose middle is inside a bold box of their page.
fn mark_bold(pages: &mut [Vec<table::Block>], boxes: &[Boxes]) {
    const SLACK: f32 = 1.0;
    for (page, boxes) in pages.iter_mut().zip(boxes) {
        for word in page.iter_mut().flatten().flatten() {
            let (x, y) = ((word.x0 + word.x1) / 2.0, (word.y0 + word.y1) / 2.0);
            word.bold = boxes.iter().any(|&(l, t, r, b)| {
                l - SLACK <= x && x <= r + SLACK && t - SLACK <= y && y <= b + SLACK
            });
        }
    }
}

/// The number of pages, from `pdfinfo`; an encrypted PDF is refused here.
fn page_count(bytes: &[u8]) -> Result<usize, ReadError> {
    let info = run("pdfinfo", &["fd://0"], bytes)?;
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_owned())
    };
    if field("Encrypted:").is_some_and(|v| v.starts_with("yes") && v.contains("copy:no")) {
        return Err(ReadError::Encrypted);
    }
    field("Pages:")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| ReadError::Damaged {
            message: "pdfinfo found no page count".to_owned(),
        })
}

/// Runs a poppler tool on the bytes through a pipe (no temporary file).
fn run(tool: &str, args: &[&str], bytes: &[u8]) -> Result<String, ReadError> {
    let mut child = Command::new(tool)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| ReadError::Tool {
            message: format!("{tool}: {e}"),
        })?;
    let mut stdin = child.stdin.take().expect("stdin was piped");
    // Writing on another thread while this one reads stdout: a large PDF
    // would otherwise fill both pipes and deadlock.
    let output = std::thread::scope(|scope| {
        scope.spawn(move || {
            // A write error means the tool stopped reading; its exit status says why.
            let _ = stdin.write_all(bytes);
        });
        child.wait_with_output()
    })
    .map_err(|e| ReadError::Tool {
        message: format!("{tool}: {e}"),
    })?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    match output.status.code() {
        Some(0) => Ok(String::from_utf8_lossy(&output.stdout).into_owned()),
        // poppler's exit codes: 1 the PDF could not be opened, 3 permissions.
        Some(3) => Err(ReadError::Encrypted),
        _ if stderr.contains("Incorrect password") || stderr.contains("ncrypt") => {
            Err(ReadError::Encrypted)
        }
        _ => {
            let message = stderr
                .lines()
                .find(|l| l.contains("Error"))
                .unwrap_or("poppler could not open it")
                .trim()
                .to_owned();
            Err(ReadError::Damaged { message })
        }
    }
}

/// The `-bbox-layout` XHTML → pages of blocks of lines of words, with
/// their boxes. html5ever reads it like any page; `page`, `block`, `line`
/// and `word` are its elements.
fn parse_layout(xhtml: &str) -> Vec<Vec<table::Block>> {
    let html = Html::parse_document(xhtml);
    let select = |s: &str| Selector::parse(s).expect("valid selector");
    let (page_sel, block_sel, line_sel, word_sel) = (
        select("page"),
        select("block"),
        select("line"),
        select("word"),
    );
    let number = coordinate;
    html.select(&page_sel)
        .map(|page| {
            page.select(&block_sel)
                .map(|block| {
                    block
                        .select(&line_sel)
                        .map(|line| {
                            // Words take their line's vertical extent, so a piece of a line is as tall as the line.
                            let (top, bottom) = (number(line, "ymin"), number(line, "ymax"));
                            line.select(&word_sel)
                                .map(|w| Word {
                                    text: w.text().collect(),
                                    x0: number(w, "xmin"),
                                    x1: number(w, "xmax"),
                                    y0: top,
                                    y1: bottom,
                                    bold: false,
                                })
                                .collect()
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// The most common line height, in tenths of a point: the body text.
fn body_height(pages: &[Vec<Line>]) -> f32 {
    let mut counts: HashMap<i32, usize> = HashMap::new();
    for line in pages.iter().flatten() {
        *counts
            .entry((line.height * 10.0).round() as i32)
            .or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(height, count)| (count, std::cmp::Reverse(height)))
        .map_or(0.0, |(height, _)| height as f32 / 10.0)
}

/// Pages of blocks → normalised text: furniture out, table rows put back
/// together, blocks a blank line apart, headings marked, the first line of
/// each page recorded.
fn normalise(mut pages: Vec<Vec<table::Block>>) -> Result<Reading, ReadError> {
    let n_pages = pages.len();
    let empty: Vec<u32> = (0..n_pages)
        .filter(|&i| pages[i].iter().flatten().all(|words| words.is_empty()))
        .map(|i| i as u32 + 1)
        .collect();
    if empty.len() == n_pages {
        return Err(ReadError::NoTextLayer { pages: n_pages });
    }
    // Furniture goes first, so a running header set beside the page's first
    // table row is not taken for a cell of it.
    let removed = strip_furniture(&mut pages);
    let mut carry = None;
    let kept_pages: Vec<Vec<Line>> = pages
        .iter()
        .map(|page| table::lines(page, &mut carry))
        .collect();
    pages.clear();
    let body = body_height(&kept_pages);
    let levels = heading_levels(&kept_pages, body);
    let mut text = String::new();
    let mut starts = Vec::new();
    let mut line_no = 0u32;
    let mut last_line = String::new();
    for (index, page) in kept_pages.iter().enumerate() {
        if page.is_empty() {
            continue;
        }
        let mut previous_block = None;
        // The heading level of the block being written: a heading over two
        // lines has each line marked at the same level.
        let mut level = None;
        // The last line of a bold paragraph being written.
        let mut bold_until: Option<usize> = None;
        for (i, line) in page.iter().enumerate() {
            let new_block = previous_block != Some(line.block);
            if new_block {
                level = block_level(page, i, body, &levels);
                // A paragraph set wholly in bold is written `**…**`, as the
                // HTML reader writes `<b>`: the outline marks it emphasised.
                let lines = page[i..].iter().take_while(|l| l.block == line.block);
                bold_until = (level.is_none() && !line.table && lines.clone().all(|l| l.bold))
                    .then(|| i + lines.count() - 1);
            }
            if new_block && !text.is_empty() {
                // A paragraph that runs on over the page break stays one.
                let runs_on = i == 0
                    && level.is_none()
                    && !line.table
                    && !last_line.ends_with(['.', ':', ';', '?', '!'])
                    && line.text.starts_with(|c: char| c.is_lowercase());
                if !runs_on {
                    text.push('\n');
                    line_no += 1;
                }
            }
            if i == 0 {
                starts.push(PageStart {
                    page: index as u32 + 1,
                    line: line_no + 1,
                });
            }
            if let Some(level) = level {
                text.push_str(&"#".repeat(level));
                text.push(' ');
            }
            if new_block && bold_until.is_some() {
                text.push_str("**");
            }
            text.push_str(&line.text);
            if bold_until == Some(i) {
                text.push_str("**");
            }
            text.push('\n');
            line_no += 1;
            last_line = line.text.trim().to_owned();
            previous_block = Some(line.block);
        }
    }
    let mut notes = Vec::new();
    if !empty.is_empty() {
        notes.push(format!(
            "{} of {n_pages} pages have no text layer (pages {}); their content is not read",
            empty.len(),
            join_numbers(&empty)
        ));
    }
    Ok(Reading {
        format: Format::Pdf,
        text,
        pages: starts,
        furniture_lines: removed,
        notes,
    })
}

/// Leaves out running headers, footers and page numbers (their lines' words
/// are emptied); returns how many lines went.
fn strip_furniture(pages: &mut [Vec<table::Block>]) -> usize {
    let line_text = |words: &Vec<Word>| {
        words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Each page's non-blank lines in reading order, with their place.
    let places: Vec<Vec<(usize, usize, String)>> = pages
        .iter()
        .map(|page| {
            page.iter()
                .enumerate()
                .flat_map(|(b, block)| {
                    block
                        .iter()
                        .enumerate()
                        .map(move |(l, words)| (b, l, line_text(words)))
                })
                .filter(|(_, _, text)| !text.trim().is_empty())
                .collect()
        })
        .collect();
    let texts: Vec<Vec<&str>> = places
        .iter()
        .map(|p| p.iter().map(|(_, _, t)| t.as_str()).collect())
        .collect();
    let furniture = running_lines(&texts);
    let mut removed = 0;
    // A running header is content once: its first appearance stays (the
    // minutes' "AUDIT COMMITTEE / 24 SEPTEMBER 2009" over their first page),
    // its repeats are furniture.
    let mut seen_once: std::collections::HashSet<String> = std::collections::HashSet::new();
    for (page, (place, text)) in pages.iter_mut().zip(places.iter().zip(&texts)) {
        let edges = edge_positions(text);
        for (i, (block, line, written)) in place.iter().enumerate() {
            let at_edge = edges.contains(&i);
            let shape = shape(written);
            let running = at_edge && furniture.contains_key(&shape) && !seen_once.insert(shape);
            if (at_edge && is_page_number(written)) || running {
                page[*block][*line].clear();
                removed += 1;
            }
        }
    }
    removed
}

/// Whether the block of line `i` is short and set larger than the body.
fn is_heading_block(page: &[Line], i: usize, body: f32) -> bool {
    let block = page[i].block;
    let lines: Vec<&Line> = page.iter().filter(|l| l.block == block).collect();
    body > 0.0
        && !page[i].table
        // A report's title may wrap over five lines.
        && lines.len() <= 5
        && lines.iter().all(|l| l.height >= body * HEADING_RATIO)
        && lines.iter().map(|l| l.text.len()).sum::<usize>() < 200
}

/// The heading level of the block starting at line `i`, if it is a heading.
fn block_level(page: &[Line], i: usize, body: f32, levels: &[i32]) -> Option<usize> {
    if !is_heading_block(page, i, body) {
        return None;
    }
    let height = (page[i].height * 10.0).round() as i32;
    let rank = levels
        .iter()
        .position(|&h| height >= h)
        .unwrap_or(levels.len().saturating_sub(1));
    Some(rank + 1)
}

/// The heights of heading lines, tallest first, at most four levels.
fn heading_levels(pages: &[Vec<Line>], body: f32) -> Vec<i32> {
    let mut heights: Vec<i32> = pages
        .iter()
        .flatten()
        .filter(|l| body > 0.0 && l.height >= body * HEADING_RATIO)
        .map(|l| (l.height * 10.0).round() as i32)
        .collect();
    heights.sort_unstable_by(|a, b| b.cmp(a));
    heights.dedup();
    heights.truncate(4);
    heights
}

/// The indices of the first and last few non-blank lines of a page.
fn edge_positions(page: &[&str]) -> Vec<usize> {
    let filled: Vec<usize> = (0..page.len())
        .filter(|&i| !page[i].trim().is_empty())
        .collect();
    let mut out: Vec<usize> = filled.iter().take(EDGE_LINES).copied().collect();
    out.extend(filled.iter().rev().take(EDGE_LINES));
    out
}

/// Line shapes (digits blanked) found at a page edge on at least half the
/// pages, and on two pages at least.
fn running_lines(pages: &[Vec<&str>]) -> HashMap<String, usize> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for page in pages {
        let mut on_page: Vec<String> = edge_positions(page)
            .into_iter()
            .map(|i| shape(page[i]))
            .collect();
        on_page.sort();
        on_page.dedup();
        for s in on_page {
            *seen.entry(s).or_default() += 1;
        }
    }
    let needed = pages.len().div_ceil(2).max(2);
    seen.retain(|_, count| *count >= needed);
    seen
}

/// A line with digits blanked and white space folded, for comparing running
/// headers whose page number or date changes; long lines are compared by
/// their start, since a browser cuts a running URL to fit ("…/rapid-r…",
/// "…/rapid-…").
fn shape(line: &str) -> String {
    const COMPARED: usize = 60;
    line.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .take(COMPARED)
        .collect()
}

/// "7", "3/84", "Page 3", "Page 3 of 14", "- 3 -".
fn is_page_number(line: &str) -> bool {
    let line = line
        .trim()
        .trim_matches(|c| c == '-' || c == '–' || c == ' ');
    let lower = line.to_ascii_lowercase();
    let rest = lower.strip_prefix("page").unwrap_or(&lower).trim();
    let mut parts = rest
        .split(['/', ' '])
        .filter(|p| !p.is_empty() && *p != "of");
    let first = parts.next();
    let second = parts.next();
    let numeric = |p: &str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
    // A bare number is a page number up to 999; "2024" alone is more often a year.
    let bare = second.is_none() && rest == lower && first.is_some_and(|p| p.len() > 3);
    first.is_some_and(numeric) && second.is_none_or(numeric) && parts.next().is_none() && !bare
}

fn join_numbers(numbers: &[u32]) -> String {
    numbers
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for yes in ["7", "3/84", "Page 3", "Page 3 of 14", "- 3 -", "  12  "] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in ["Item 3", "2024", "3 March", "Recommendation 1", "12345"] {
            assert!(!is_page_number(no), "{no}");
        }
    }

    /// A page of blocks from (text, block, line height), lines one under
    /// another, words a narrow space apart.
    fn page(lines: &[(&str, usize, f32)]) -> Vec<table::Block> {
        let mut blocks: Vec<table::Block> = Vec::new();
        let mut y = 0.0;
        for &(text, block, height) in lines {
            if blocks.len() <= block {
                blocks.resize(block + 1, Vec::new());
            }
            let mut x = 50.0;
            let words = text
                .split(' ')
                .map(|t| {
                    let w = Word {
                        text: t.to_owned(),
                        x0: x,
                        x1: x + 5.0 * t.chars().count() as f32,
                        y0: y,
                        y1: y + height,
                        bold: false,
                    };
                    x = w.x1 + 2.0;
                    w
                })
                .collect();
            blocks[block].push(words);
            y += height + 4.0;
        }
        blocks
    }

    #[test]
    fn running_headers_and_footers_are_left_out() {
        let pages = vec![
            page(&[
                ("Report title - Site", 0, 10.0),
                ("Big Heading", 1, 16.0),
                ("First page text.", 2, 10.0),
                ("1/3", 3, 10.0),
            ]),
            page(&[
                ("Report title - Site", 0, 10.0),
                ("Second page", 1, 10.0),
                ("text runs on", 1, 10.0),
                ("2/3", 2, 10.0),
            ]),
            page(&[
                ("Report title - Site", 0, 10.0),
                ("third page, Barrington-", 1, 10.0),
                ("King.", 1, 10.0),
                ("3/3", 2, 10.0),
            ]),
        ];
        let reading = normalise(pages).unwrap();
        assert_eq!(
            reading.text,
            "Report title - Site\n\n# Big Heading\n\nFirst page text.\n\nSecond page\ntext runs on\nthird page, Barrington-\nKing.\n"
        );
        assert_eq!(reading.furniture_lines, 5);
        assert_eq!(
            reading.pages,
            vec![
                PageStart { page: 1, line: 1 },
                PageStart { page: 2, line: 7 },
                PageStart { page: 3, line: 9 }
            ]
        );
    }

    #[test]
    fn layout_xhtml_is_read_as_blocks_and_lines() {
        let xhtml = r#"<html><body><doc><page width="595" height="842"><flow><block><line yMin="10" yMax="20"><word>A</word><word>&amp;</word><word>B</word></line></block></flow></page></doc></body></html>"#;
        let pages: Vec<Vec<Line>> = parse_layout(xhtml)
            .iter()
            .map(|page| table::lines(page, &mut None))
            .collect();
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0][0].text, "A & B");
        assert_eq!(pages[0][0].height, 10.0);
    }

    #[test]
    fn a_scan_has_no_text_layer() {
        assert_eq!(
            normalise(vec![Vec::new(), Vec::new()]).unwrap_err(),
            ReadError::NoTextLayer { pages: 2 }
        );
    }
}
