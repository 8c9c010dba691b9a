//! HTML: html5ever (through `scraper`) parses the page as a browser would,
//! repairing what is not well formed; the DOM is then written out as
//! Markdown-like text, one block a line group:
//!
//! - `<h1>`…`<h6>` → `#`…`######` headings;
//! - `<p>`, `<div>` and other blocks → paragraphs, a blank line apart;
//! - `<li>` → `- ` (unordered) or `N. ` / `a. ` / `iv. ` (ordered, numbered as
//!   the browser numbers them, `start`, `value` and `type` respected), nested
//!   lists indented two spaces a level; a heading inside a list item takes the
//!   item's number ("#### 1. WELCOME AND APOLOGIES");
//! - `<tr>` → one line, cells separated by tabs;
//! - `<b>`/`<strong>` → `**bold**`; `<br>` → a new line in the same block.
//!
//! Navigation, scripts, styles, forms and buttons are not content and are
//! left out.

use scraper::{ElementRef, Html, Node};

use super::{Format, Reading};

/// Whether text is HTML: it opens with a tag and has an element that only
/// HTML has near its start.
pub(super) fn looks_like_html(text: &str) -> bool {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    if !head.starts_with('<') {
        return false;
    }
    let window: String = head
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    [
        "<!doctype html",
        "<html",
        "<body",
        "<div",
        "<p>",
        "<p ",
        "<h1",
        "<h2",
        "<h3",
        "<h4",
        "<table",
        "<ul",
        "<ol",
    ]
    .iter()
    .any(|tag| window.contains(tag))
}

pub(super) fn read(text: &str) -> Reading {
    let html = Html::parse_document(text);
    let mut writer = Writer::default();
    writer.children(html.root_element());
    writer.end_block();
    let mut notes = Vec::new();
    if !html.errors.is_empty() {
        notes.push(format!(
            "the HTML is not well formed ({} parse errors, first: {}); it was read as a browser would repair it",
            html.errors.len(),
            html.errors[0]
        ));
    }
    let mut out = writer.out;
    while out.ends_with("\n\n") {
        out.pop();
    }
    Reading {
        format: Format::Html,
        text: out,
        pages: Vec::new(),
        furniture_lines: 0,
        notes,
    }
}

/// One open list: how its items are marked.
struct List {
    ordered: bool,
    next: i64,
    style: char,
}

#[derive(Default)]
struct Writer {
    out: String,
    /// The inline text of the block being written.
    line: String,
    /// The marker of a list item whose first block has not been written.
    marker: Option<String>,
    lists: Vec<List>,
    bold: usize,
    /// How many times [`Writer::line`] was taken: a mark taken before an
    /// element is good only while this has not changed.
    lines_taken: usize,
}

/// Where the current line stood before an inline element was written.
#[derive(Clone, Copy)]
struct Mark {
    lines_taken: usize,
    at: usize,
}

impl Writer {
    fn children(&mut self, element: ElementRef<'_>) {
        for child in element.children() {
            match child.value() {
                Node::Text(text) => self.text(text),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        self.element(child);
                    }
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, element: ElementRef<'_>) {
        let name = element.value().name();
        match name {
            "script" | "style" | "noscript" | "template" | "head" | "nav" | "button" | "select"
            | "input" | "textarea" | "svg" | "iframe" | "img" | "map" => {}
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.end_block();
                self.children(element);
                let level = name[1..].parse::<usize>().unwrap_or(1);
                let text = self.take_line();
                let text = text.trim();
                if !text.is_empty() {
                    self.blank();
                    self.out.push_str(&"#".repeat(level));
                    self.out.push(' ');
                    if let Some(marker) = self.marker.take() {
                        self.out.push_str(marker.trim());
                        self.out.push(' ');
                    }
                    self.out.push_str(text);
                    self.out.push_str("\n\n");
                }
            }
            "br" => self.end_line(),
            // A footnote mark stays apart from the word it follows: "plurality.[88]".
            "sup" => {
                let start = self.mark();
                self.children(element);
                let inner = self.since(start);
                if !inner.trim().is_empty() {
                    self.line.push('[');
                    self.line.push_str(inner.trim());
                    self.line.push(']');
                }
            }
            "hr" => self.end_block(),
            "b" | "strong" => {
                let start = self.mark();
                self.bold += 1;
                self.children(element);
                self.bold -= 1;
                if self.bold == 0 {
                    let inner = self.since(start);
                    let core = inner.trim();
                    if core.is_empty() {
                        self.line.push_str(&inner);
                    } else {
                        if inner.starts_with(' ') && !self.line.is_empty() {
                            self.line.push(' ');
                        }
                        self.line.push_str("**");
                        self.line.push_str(core);
                        self.line.push_str("**");
                        if inner.ends_with(' ') {
                            self.line.push(' ');
                        }
                    }
                }
            }
            "ul" | "ol" => {
                self.end_block();
                let value = |a: &str| element.value().attr(a);
                self.lists.push(List {
                    ordered: name == "ol",
                    next: value("start")
                        .and_then(|s| s.trim().parse().ok())
                        .unwrap_or(1),
                    style: value("type").and_then(|t| t.chars().next()).unwrap_or('1'),
                });
                self.children(element);
                self.lists.pop();
                self.end_block();
                if self.lists.is_empty() {
                    self.blank();
                }
            }
            "li" => {
                self.end_block();
                let marker = self.next_marker(element.value().attr("value"));
                self.marker = Some(marker);
                self.children(element);
                self.end_block();
                self.marker = None;
            }
            "tr" => {
                self.end_block();
                let cells: Vec<String> = element
                    .children()
                    .filter_map(ElementRef::wrap)
                    .filter(|c| matches!(c.value().name(), "td" | "th"))
                    .map(|cell| {
                        let mut inner = Writer::default();
                        inner.children(cell);
                        inner.end_block();
                        inner.out.split_whitespace().collect::<Vec<_>>().join(" ")
                    })
                    .collect();
                if cells.iter().any(|c| !c.is_empty()) {
                    self.out.push_str(&cells.join("\t"));
                    self.out.push('\n');
                }
            }
            "table" => {
                self.end_block();
                self.blank();
                self.children(element);
                self.blank();
            }
            "pre" => {
                self.end_block();
                self.blank();
                let text: String = element.text().collect();
                for line in text.lines() {
                    self.out.push_str(line.trim_end());
                    self.out.push('\n');
                }
                self.blank();
            }
            "p" | "div" | "section" | "article" | "main" | "header" | "footer" | "aside"
            | "blockquote" | "address" | "figure" | "figcaption" | "dl" | "dt" | "dd"
            | "center" | "details" | "summary" | "fieldset" | "caption" | "body" | "html"
            | "form" | "legend" | "time" => {
                self.end_block();
                self.children(element);
                self.end_block();
            }
            _ => self.children(element),
        }
    }

    fn next_marker(&mut self, value: Option<&str>) -> String {
        let depth = self.lists.len().saturating_sub(1);
        let indent = "  ".repeat(depth);
        let Some(list) = self.lists.last_mut() else {
            return "- ".to_owned();
        };
        if !list.ordered {
            return format!("{indent}- ");
        }
        if let Some(v) = value.and_then(|v| v.trim().parse().ok()) {
            list.next = v;
        }
        let n = list.next;
        list.next += 1;
        let label = match list.style {
            'a' => letters(n, b'a'),
            'A' => letters(n, b'A'),
            'i' => roman(n),
            'I' => roman(n).to_ascii_uppercase(),
            _ => n.to_string(),
        };
        format!("{indent}{label}. ")
    }

    /// Appends text with its white space folded as a browser folds it.
    fn text(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                if !self.line.is_empty() && !self.line.ends_with(' ') {
                    self.line.push(' ');
                }
            } else {
                self.line.push(c);
            }
        }
    }

    /// The line so far, leaving it empty.
    fn take_line(&mut self) -> String {
        self.lines_taken += 1;
        std::mem::take(&mut self.line)
    }

    /// Where the line stands now.
    fn mark(&self) -> Mark {
        Mark {
            lines_taken: self.lines_taken,
            at: self.line.len(),
        }
    }

    /// What the line gained since `mark`, taken off it: all of it if a line
    /// was taken since (a `<br>`, a heading or a list inside the element).
    /// The line only grows between takes, so `at` is a character boundary.
    fn since(&mut self, mark: Mark) -> String {
        if mark.lines_taken == self.lines_taken && self.line.is_char_boundary(mark.at) {
            self.line.split_off(mark.at)
        } else {
            self.take_line()
        }
    }

    /// Ends a line inside a block (`<br>`).
    fn end_line(&mut self) {
        let text = self.take_line();
        let text = text.trim();
        if !text.is_empty() {
            if let Some(marker) = self.marker.take() {
                self.out.push_str(&marker);
            }
            self.out.push_str(text);
            self.out.push('\n');
        }
    }

    /// Ends the block being written; paragraphs get a blank line after them,
    /// list items do not (a list is one group of lines).
    fn end_block(&mut self) {
        let in_item = self.marker.is_some() || !self.lists.is_empty();
        let had_text = !self.line.trim().is_empty();
        self.end_line();
        if had_text && !in_item {
            self.blank();
        }
    }

    /// Ends the output with one blank line (none at the very start).
    fn blank(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            if !self.out.ends_with('\n') {
                self.out.push('\n');
            }
            self.out.push('\n');
        }
    }
}

/// 1 → a, 27 → aa, as browsers letter lists.
fn letters(n: i64, base: u8) -> String {
    let mut n = n.max(1);
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(base + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn roman(n: i64) -> String {
    const NUMERALS: [(i64, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut n = n.clamp(1, 3999);
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        read(html).text
    }

    #[test]
    fn blocks_become_markdown_like_lines() {
        assert_eq!(
            text("<h2>Title</h2><p>One <b>bold </b>word.</p><p>Two<br>lines</p>"),
            "## Title\n\nOne **bold** word.\n\nTwo\nlines\n"
        );
        assert_eq!(
            text("<p>Intro</p><ol type=\"a\" start=\"2\"><li>first</li><li>second<ul><li>deep</li></ul></li></ol><p>After</p>"),
            "Intro\n\nb. first\nc. second\n  - deep\n\nAfter\n"
        );
        assert_eq!(
            text("<table><tr><th>No.</th><th>Stance</th></tr><tr><td>1</td><td><p>F</p></td></tr></table>"),
            "No.\tStance\n1\tF\n"
        );
        assert_eq!(
            text("<ol><li><h4>APOLOGIES</h4><p>From A.</p></li></ol>"),
            "#### 1. APOLOGIES\n\nFrom A.\n"
        );
        assert_eq!(
            text("<nav><a>Home</a></nav><script>x()</script><p>Body</p>"),
            "Body\n"
        );
    }

    #[test]
    fn numbering_styles() {
        assert_eq!(letters(1, b'a'), "a");
        assert_eq!(letters(27, b'a'), "aa");
        assert_eq!(roman(4), "iv");
        assert_eq!(roman(14), "xiv");
    }

    #[test]
    fn broken_html_is_read_and_noted() {
        let reading = read("<div><p>Unclosed <b>bold<p>Next</div></span>");
        assert!(
            reading.text.contains("Unclosed **bold**"),
            "{}",
            reading.text
        );
        assert!(reading.text.contains("Next"));
        assert_eq!(reading.notes.len(), 1);
    }
}
