//! PDF: the text layer by poppler's `pdftotext`, then page furniture removed.
//!
//! `pdftotext` (reading-order mode, not `-layout`) puts each page's text in
//! the order a reader reads it and a form feed between pages. What repeats at
//! the top or bottom of most pages — a running title, a browser's date and
//! URL line, "Page 3 of 14" — is furniture: it is counted and left out, so no
//! statement or recommendation quotes it. The furniture test compares lines
//! with their digits blanked, so "3/84" and "4/84" are one running footer.

use std::collections::HashMap;
use std::io::Write;
use std::process::{Command, Stdio};

use super::{Format, PageStart, ReadError, Reading};

/// How many lines at each end of a page may be furniture.
const EDGE_LINES: usize = 4;

pub(super) fn read(bytes: &[u8]) -> Result<Reading, ReadError> {
    let raw = pdftotext(bytes)?;
    Ok(normalise(&raw)?)
}

/// Runs `pdftotext` on the bytes through a pipe (no temporary file).
fn pdftotext(bytes: &[u8]) -> Result<String, ReadError> {
    let mut child = Command::new("pdftotext")
        .args(["-q", "-enc", "UTF-8", "-eol", "unix", "fd://0", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| ReadError::Tool {
            message: e.to_string(),
        })?;
    let mut stdin = child.stdin.take().expect("stdin was piped");
    // Writing on another thread while this one reads stdout: a large PDF
    // would otherwise fill both pipes and deadlock.
    let output = std::thread::scope(|scope| {
        scope.spawn(move || {
            // A write error means pdftotext stopped reading; its exit status says why.
            let _ = stdin.write_all(bytes);
        });
        child.wait_with_output()
    })
    .map_err(|e| ReadError::Tool {
        message: e.to_string(),
    })?;
    match output.status.code() {
        Some(0) => Ok(String::from_utf8_lossy(&output.stdout).into_owned()),
        // poppler's exit codes: 1 the PDF could not be opened, 3 permissions.
        Some(3) => Err(ReadError::Encrypted),
        _ => {
            let stderr = String::from_utf8_lossy(&output.stderr);
            if stderr.contains("password") || stderr.contains("ncrypt") {
                return Err(ReadError::Encrypted);
            }
            let message = stderr
                .lines()
                .find(|l| l.contains("Error"))
                .unwrap_or("pdftotext could not open it")
                .trim()
                .to_owned();
            Err(ReadError::Damaged { message })
        }
    }
}

/// Page text → normalised text: furniture out, blank runs folded, pages
/// joined, the first line of each page recorded.
fn normalise(raw: &str) -> Result<Reading, ReadError> {
    let mut pages: Vec<Vec<&str>> = raw
        .split('\u{c}')
        .map(|page| page.lines().map(str::trim_end).collect())
        .collect();
    // pdftotext ends the last page with a form feed too.
    if pages.len() > 1 && pages.last().is_some_and(|p| p.iter().all(|l| l.is_empty())) {
        pages.pop();
    }
    let n_pages = pages.len();
    let empty: Vec<u32> = (0..n_pages)
        .filter(|&i| pages[i].iter().all(|l| l.trim().is_empty()))
        .map(|i| i as u32 + 1)
        .collect();
    if empty.len() == n_pages {
        return Err(ReadError::NoTextLayer { pages: n_pages });
    }
    let furniture = running_lines(&pages);
    let mut text = String::new();
    let mut starts = Vec::new();
    let mut line_no = 0u32;
    let mut removed = 0;
    let mut last_line = String::new();
    for (index, page) in pages.iter_mut().enumerate() {
        let edges = edge_positions(page);
        let mut kept: Vec<&str> = Vec::new();
        for (i, line) in page.iter().enumerate() {
            let at_edge = edges.contains(&i);
            if at_edge && (is_page_number(line) || furniture.contains_key(&shape(line))) {
                removed += 1;
                continue;
            }
            kept.push(line);
        }
        while kept.first().is_some_and(|l| l.trim().is_empty()) {
            kept.remove(0);
        }
        while kept.last().is_some_and(|l| l.trim().is_empty()) {
            kept.pop();
        }
        if kept.is_empty() {
            continue;
        }
        // A paragraph that runs on over the page break stays one paragraph;
        // otherwise the pages are a blank line apart.
        if !text.is_empty() {
            let runs_on = !last_line.ends_with(['.', ':', ';', '?', '!'])
                && kept[0].starts_with(|c: char| c.is_lowercase());
            if !runs_on {
                text.push('\n');
                line_no += 1;
            }
        }
        starts.push(PageStart {
            page: index as u32 + 1,
            line: line_no + 1,
        });
        let mut blank = false;
        for line in kept {
            if line.trim().is_empty() {
                if blank {
                    continue;
                }
                blank = true;
            } else {
                blank = false;
            }
            text.push_str(line);
            text.push('\n');
            line_no += 1;
            last_line = line.trim().to_owned();
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
        .split(|c| c == '/' || c == ' ')
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

    #[test]
    fn running_headers_and_footers_are_left_out() {
        let raw = "Report title - Site\n\nFirst page text.\n\n1/3\n\u{c}Report title - Site\n\nSecond page\ntext runs on\n\n2/3\n\u{c}Report title - Site\n\nthird page.\n\n3/3\n\u{c}";
        let reading = normalise(raw).unwrap();
        assert_eq!(
            reading.text,
            "First page text.\n\nSecond page\ntext runs on\nthird page.\n"
        );
        assert_eq!(reading.furniture_lines, 6);
        assert_eq!(
            reading.pages,
            vec![
                PageStart { page: 1, line: 1 },
                PageStart { page: 2, line: 3 },
                PageStart { page: 3, line: 5 }
            ]
        );
    }

    #[test]
    fn a_scan_has_no_text_layer() {
        assert_eq!(
            normalise("\u{c}\n\u{c}  \u{c}").unwrap_err(),
            ReadError::NoTextLayer { pages: 3 }
        );
    }
}
