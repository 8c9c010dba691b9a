//! The block structure of a normalised text: headings with levels,
//! paragraphs, list items with their markers, table rows, directives.
//!
//! Every reader writes the same conventions (Markdown-like for HTML, the file
//! itself for text formats, reading-order lines for PDF), so one outline
//! serves all formats. What counts as a heading: `#` lines, a line underlined
//! with a run of `=`, `-`, `~`, `^` … (reStructuredText and setext), levels
//! in order of first use as reStructuredText assigns them.

use crate::text::Source;

/// What a block is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading, level 1 the highest.
    Heading { level: u8 },
    /// Lines of running text.
    Paragraph,
    /// A list item; `depth` 0 is the outermost list.
    ListItem { depth: u8 },
    /// One table row, cells separated by tabs or `|`.
    TableRow,
    /// A reStructuredText directive (`.. raw:: html` and its indented body):
    /// markup, not content.
    Directive,
}

/// One block: lines `first..=last` (1-based) of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// First line.
    pub first: usize,
    /// Last line (for an underlined heading, the underline).
    pub last: usize,
    /// A list item's marker as written: `1.`, `#.`, `a)`, `(iv)`, `-`, `•`.
    pub marker: Option<String>,
    /// Whether the whole block is set in bold or italics (`**…**`, `__…__`,
    /// `*…*`): a run-in heading, a question put in bold, a bold label.
    pub emphasis: bool,
}

impl Block {
    /// Whether the block is a heading.
    pub fn is_heading(&self) -> bool {
        matches!(self.kind, BlockKind::Heading { .. })
    }

    /// A table row's cells, as written (tab- or `|`-separated); empty for
    /// any other block.
    pub fn cells<'s>(&self, src: &Source<'s>) -> Vec<&'s str> {
        if self.kind != BlockKind::TableRow {
            return Vec::new();
        }
        let line = src.line(self.first);
        if line.contains('\t') {
            line.split('\t').collect()
        } else {
            let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
            inner.split('|').map(str::trim).collect()
        }
    }
}

/// Whether a block's text is wholly emphasised: it opens with an emphasis
/// mark and closes with the same one, with no close in between.
fn is_emphasised(text: &str) -> bool {
    let text = text.trim();
    ["**", "__", "*", "_"].iter().any(|mark| {
        text.len() > 2 * mark.len()
            && text.starts_with(mark)
            && text.ends_with(mark)
            && !text[mark.len()..text.len() - mark.len()].contains(mark)
    })
}

/// Outlines a text into blocks.
pub fn outline(src: &Source<'_>) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut underlines: Vec<char> = Vec::new();
    let mut open: Option<Block> = None;
    let mut n = 1;
    while n <= src.len() {
        let line = src.line(n);
        let trimmed = line.trim();
        if trimmed.is_empty() {
            blocks.extend(open.take());
            n += 1;
            continue;
        }
        if let Some(directive) = directive_end(src, n) {
            blocks.extend(open.take());
            blocks.push(Block {
                kind: BlockKind::Directive,
                first: n,
                last: directive,
                marker: None,
                emphasis: false,
            });
            n = directive + 1;
            continue;
        }
        if let Some(level) = atx_level(trimmed) {
            blocks.extend(open.take());
            blocks.push(heading(level, n, n));
            n += 1;
            continue;
        }
        if let Some(c) = underline_char(src.line(n + 1)) {
            let underline_len = src.line(n + 1).trim().chars().count();
            let title_len = trimmed.chars().count();
            // reStructuredText underlines are at least as long as the title, which
            // may itself be numbered ("2. Recommendations").
            let numbered_title = list_marker(line).is_some() && underline_len >= title_len;
            if open.is_none()
                && underline_len * 10 >= title_len * 7
                && (list_marker(line).is_none() || numbered_title)
            {
                if !underlines.contains(&c) {
                    underlines.push(c);
                }
                let level = underlines.iter().position(|&u| u == c).unwrap_or(0) as u8 + 1;
                blocks.push(heading(level, n, n + 1));
                n += 2;
                continue;
            }
        }
        if line.contains('\t') || (trimmed.starts_with('|') && trimmed.ends_with('|')) {
            blocks.extend(open.take());
            blocks.push(Block {
                kind: BlockKind::TableRow,
                first: n,
                last: n,
                marker: None,
                emphasis: false,
            });
            n += 1;
            continue;
        }
        if let Some(marker) = list_marker(line) {
            blocks.extend(open.take());
            let indent = line.len() - line.trim_start().len();
            open = Some(Block {
                kind: BlockKind::ListItem {
                    depth: (indent / 2).min(8) as u8,
                },
                first: n,
                last: n,
                marker: Some(marker.to_owned()),
                emphasis: false,
            });
            n += 1;
            continue;
        }
        match &mut open {
            Some(block) => block.last = n,
            None => {
                open = Some(Block {
                    kind: BlockKind::Paragraph,
                    first: n,
                    last: n,
                    marker: None,
                    emphasis: false,
                })
            }
        }
        n += 1;
    }
    blocks.extend(open);
    for block in &mut blocks {
        let text = src.lines_text(block.first, block.last);
        // A list item's emphasis is of its text, after the marker.
        let text = match &block.marker {
            Some(marker) => text
                .trim_start()
                .strip_prefix(marker.as_str())
                .unwrap_or(text),
            None => text.trim_start_matches('#'),
        };
        block.emphasis = block.kind != BlockKind::Directive && is_emphasised(text);
    }
    blocks
}

fn heading(level: u8, first: usize, last: usize) -> Block {
    Block {
        kind: BlockKind::Heading { level },
        first,
        last,
        marker: None,
        emphasis: false,
    }
}

/// `## Title` → 2.
fn atx_level(line: &str) -> Option<u8> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    ((1..=6).contains(&hashes) && line[hashes..].starts_with(' ')).then_some(hashes as u8)
}

/// The character of a heading underline: a run of one punctuation character.
fn underline_char(line: &str) -> Option<char> {
    let line = line.trim_end();
    let c = line.chars().next()?;
    ("=-~^*+#'\"`:._".contains(c) && line.chars().count() >= 3 && line.chars().all(|x| x == c))
        .then_some(c)
}

/// The last line of a `.. name::` directive started at line `n`: its
/// indented body runs until the next line that is not indented.
fn directive_end(src: &Source<'_>, n: usize) -> Option<usize> {
    let line = src.line(n);
    let rest = line.strip_prefix(".. ")?;
    if !rest.contains("::") {
        return None;
    }
    let mut last = n;
    let mut m = n + 1;
    while m <= src.len() {
        let next = src.line(m);
        if next.trim().is_empty() {
            m += 1;
            continue;
        }
        if next.starts_with(' ') || next.starts_with('\t') {
            last = m;
            m += 1;
            continue;
        }
        break;
    }
    Some(last)
}

/// The marker a list item opens with, if the line is one: bullets (`-`, `*`,
/// `•`, `·`, `‣`, `–`), auto-numbers (`#.`), numbers, letters and roman
/// numerals followed by `.` or `)` or in brackets.
pub fn list_marker(line: &str) -> Option<&str> {
    let text = line.trim_start();
    let (marker, rest) = text.split_once(' ')?;
    if rest.trim().is_empty() {
        return None;
    }
    if ["-", "*", "•", "·", "‣", "–", "◦", "▪", "#."].contains(&marker) {
        return Some(marker);
    }
    let inner = match marker.strip_prefix('(').and_then(|m| m.strip_suffix(')')) {
        Some(inner) => inner,
        None => marker.strip_suffix(['.', ')'])?,
    };
    let numeric =
        !inner.is_empty() && inner.len() <= 3 && inner.bytes().all(|b| b.is_ascii_digit());
    let lettered = inner.len() == 1 && inner.bytes().all(|b| b.is_ascii_lowercase());
    let roman =
        !inner.is_empty() && inner.len() <= 5 && inner.bytes().all(|b| b"ivxl".contains(&b));
    (numeric || lettered || roman).then_some(marker)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(BlockKind, usize, usize)> {
        outline(&Source::new("d", text))
            .into_iter()
            .map(|b| (b.kind, b.first, b.last))
            .collect()
    }

    #[test]
    fn emphasis_and_cells() {
        let src = Source::new(
            "d",
            "**Question 1: what was done?**\n\n**Bold** then plain\n\n- *an aside*\n\nA\tB\t\n| c | d |\n",
        );
        let blocks = outline(&src);
        let emphasis: Vec<bool> = blocks.iter().map(|b| b.emphasis).collect();
        assert_eq!(emphasis, [true, false, true, false, false]);
        assert_eq!(blocks[3].cells(&src), ["A", "B", ""]);
        assert_eq!(blocks[4].cells(&src), ["c", "d"]);
        assert!(blocks[0].cells(&src).is_empty());
    }

    #[test]
    fn headings_paragraphs_lists_tables() {
        let text = "Title\n=====\n\n.. raw:: html\n\n   <a>x</a>\n\nPara one\nruns on\n\n#. first\n#. second\n   more\n\nSub\n---\n\na\tb\n## Hash\n";
        use BlockKind::*;
        assert_eq!(
            kinds(text),
            vec![
                (Heading { level: 1 }, 1, 2),
                (Directive, 4, 6),
                (Paragraph, 8, 9),
                (ListItem { depth: 0 }, 11, 11),
                (ListItem { depth: 0 }, 12, 13),
                (Heading { level: 2 }, 15, 16),
                (TableRow, 18, 18),
                (Heading { level: 2 }, 19, 19),
            ]
        );
    }

    #[test]
    fn list_markers() {
        for (line, marker) in [
            ("1. Jo Carpenter presented", "1."),
            ("  a. A Member asked", "a."),
            ("(iv) that", "(iv)"),
            ("• bullet", "•"),
            ("#. auto", "#."),
            ("10) ten", "10)"),
        ] {
            assert_eq!(list_marker(line), Some(marker), "{line}");
        }
        for line in ["2024 was a year", "Mr. Smith said", "1.", "A. N. Other"] {
            assert_eq!(list_marker(line), None, "{line}");
        }
    }
}
