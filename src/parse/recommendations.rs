//! Recommendations of any report, in the forms reports share:
//! - "Recommendation N" opening a block (a heading, a bold line, a line of a
//!   PDF), its text on the same line or in the blocks after it;
//! - a numbered list under a heading that says "recommendations": `1.`,
//!   `1)`, `(1)`, or reStructuredText's auto-numbered `#.` (numbered by
//!   position, as the reader sees them), through any group headings below
//!   it; lettered and nested items (`a.`, `(i)`) are part of the
//!   recommendation before them.
//!
//! The agenda pack's own forms ("Recommendations" over "Recommendation N"
//! headings, "the following recommendations:") are read by `report`; this
//! runs when that finds none. A document read here is itself the report.

use std::sync::LazyLock;

use regex::Regex;

use super::report::{add_recommendation, add_report, Report};
use super::Ctx;
use crate::coverage::{DocumentKind, Region};
use crate::read::blocks::{Block, BlockKind};
use crate::text::plain;

/// "Recommendation 12", "**Recommendation 3:** text", "RECOMMENDATION 4 – text",
/// "R7: text" (the short form needs its colon or full stop).
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?i:recommendation)\s+([0-9]{1,3})\b\s*[:.–—-]?|R([0-9]{1,3})[:.])\s*(.*)$")
        .expect("valid regex")
});

/// Whether a line opens a recommendation ("Recommendation 3", "R7: …").
pub(super) fn opens_recommendation(line: &str) -> bool {
    NUMBERED.is_match(line)
}

/// Blocks one recommendation's text may run over, at most: a PDF has no
/// headings to end it.
const MAX_BLOCKS: usize = 15;

pub(super) fn parse(ctx: &mut Ctx<'_>) -> Option<Report> {
    let found = numbered_blocks(ctx);
    let found = if found.len() >= 2 { found } else { listed(ctx) };
    let found = if found.is_empty() { single(ctx) } else { found };
    if found.is_empty() {
        return None;
    }
    let title = ctx.meta.title.clone();
    let first_line = found[0].first;
    let title_line = (1..=ctx.src.len()).find(|&n| !ctx.src.line(n).trim().is_empty())?;
    let span = ctx.src.quote_line(title_line, ctx.src.line(title_line));
    let mut report = add_report(ctx, &title, span, Some((1, ctx.src.len())));
    let last_line = found.last().map_or(first_line, |f| f.last);
    let count = found.len();
    for rec in found {
        let span = ctx.src.span(rec.first, rec.last);
        add_recommendation(ctx, &mut report, rec.number, &rec.text, span);
        let key = report.recommendation_key(rec.number);
        if let Some(group) = rec.group {
            if let Some(node) = ctx.out.nodes.get_mut(&key) {
                node.props.insert("group".to_owned(), group);
            }
        }
        for (marker, text, first, last) in rec.parts {
            add_part(ctx, &report, rec.number, &key, &marker, &text, first, last);
        }
    }
    ctx.signals.regions.push(Region {
        kind: DocumentKind::Report,
        first: first_line,
        last: last_line,
        evidence: format!("{count} recommendations"),
    });
    Some(report)
}

/// The label of a part's marker: `a.` → "a", `(ii)` → "ii"; `None` for
/// bullets and numbers.
fn part_label(marker: &str) -> Option<String> {
    let inner = marker.trim_matches(|c| c == '(' || c == ')' || c == '.');
    (!inner.is_empty() && inner.chars().all(|c| c.is_ascii_lowercase())).then(|| inner.to_owned())
}

/// A lettered part of recommendation `number` ("3(a)"): a Recommendation of
/// its own, `part-of` the whole, so a response can answer it and a reader
/// cite it; the whole keeps the part's text too.
#[allow(clippy::too_many_arguments)] // the part's place: report, number, parent, marker, text, lines
fn add_part(
    ctx: &mut Ctx<'_>,
    report: &Report,
    number: u32,
    parent: &str,
    marker: &str,
    text: &str,
    first: usize,
    last: usize,
) {
    let Some(label) = part_label(marker) else {
        return;
    };
    let key = format!("{parent}/{label}");
    let span = ctx.src.span(first, last);
    let preview: String = text.chars().take(80).collect();
    ctx.out.add_node(
        crate::model::Node::new(
            key.clone(),
            crate::model::NodeKind::Recommendation,
            format!("Recommendation {number}({label}): {preview}"),
            span.clone(),
        )
        .with("number", number.to_string())
        .with("part", label)
        .with("text", text)
        .with("report", report.title.clone()),
    );
    ctx.out.add_edge(crate::model::Edge::new(
        key,
        crate::model::EdgeKind::PartOf,
        parent.to_owned(),
        span,
    ));
}

/// One recommendation found: its number, text, lines and group heading.
#[derive(Debug)]
struct Found {
    number: u32,
    text: String,
    first: usize,
    last: usize,
    group: Option<String>,
    /// Lettered or nested parts: (marker as written, text, first, last line).
    parts: Vec<(String, String, usize, usize)>,
}

fn block_text(ctx: &Ctx<'_>, block: &Block) -> String {
    let lines: Vec<String> = (block.first..=block.last)
        .map(|n| plain(ctx.src.line(n).trim_start_matches('#')))
        .collect();
    lines.join(" ")
}

/// Blocks opening with "Recommendation N"; the first of each number counts.
fn numbered_blocks(ctx: &Ctx<'_>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let blocks = &ctx.blocks;
    let mut i = 0;
    while i < blocks.len() {
        let head = plain(ctx.src.line(blocks[i].first).trim_start_matches('#'));
        let Some(cap) = NUMBERED.captures(&head) else {
            i += 1;
            continue;
        };
        // "Recommendation 5 extends these considerations…": prose about a
        // recommendation, not one.
        if cap[3].starts_with(char::is_lowercase) {
            i += 1;
            continue;
        }
        let number: u32 = cap
            .get(1)
            .or(cap.get(2))
            .and_then(|m| m.as_str().parse().ok())
            .unwrap_or(0);
        let mut text = cap[3].trim().to_owned();
        let rest_of_block: Vec<String> = (blocks[i].first + 1..=blocks[i].last)
            .map(|n| plain(ctx.src.line(n)))
            .collect();
        if !rest_of_block.is_empty() {
            text = [text, rest_of_block.join(" ")].join(" ").trim().to_owned();
        }
        let first = blocks[i].first;
        let mut last = blocks[i].last;
        let mut j = i + 1;
        while j < blocks.len() && j - i <= MAX_BLOCKS {
            let block = &blocks[j];
            let line = plain(ctx.src.line(block.first).trim_start_matches('#'));
            if block.is_heading()
                || block.kind == BlockKind::Directive
                || NUMBERED.is_match(&line)
                || line.to_lowercase().contains("response to recommendation")
                || looks_like_heading(ctx, block)
            {
                break;
            }
            text.push(if text.is_empty() { ' ' } else { '\n' });
            text.push_str(&block_text(ctx, block));
            last = block.last;
            j += 1;
        }
        let text = text.trim().to_owned();
        if number > 0 && !text.is_empty() && !out.iter().any(|f| f.number == number) {
            out.push(Found {
                number,
                text,
                first,
                last,
                group: None,
                parts: Vec::new(),
            });
        }
        i = j;
    }
    out
}

/// A one-line block of a few words without closing punctuation: a PDF's
/// heading, which ends the recommendation before it.
fn looks_like_heading(ctx: &Ctx<'_>, block: &Block) -> bool {
    if block.first != block.last || !matches!(block.kind, BlockKind::Paragraph) {
        return false;
    }
    let line = plain(ctx.src.line(block.first));
    let words = line.split_whitespace().count();
    (1..=10).contains(&words)
        && !line.ends_with(['.', ':', ';', ',', '?', '!'])
        && line.starts_with(|c: char| c.is_uppercase())
}

/// A report to a decision-maker with one unnumbered recommendation: a block
/// "Recommendation:" (or a heading "Recommendation") and the text after it.
/// Numbered 1; two such blocks are ambiguous and read as none.
fn single(ctx: &Ctx<'_>) -> Vec<Found> {
    let opens = |b: &Block| {
        let text = plain(ctx.src.line(b.first).trim_start_matches('#'));
        let lower = text.to_ascii_lowercase();
        lower == "recommendation" || lower.starts_with("recommendation:")
    };
    let at: Vec<usize> = (0..ctx.blocks.len())
        .filter(|&i| opens(&ctx.blocks[i]))
        .collect();
    let [i] = at.as_slice() else {
        return Vec::new();
    };
    let head = &ctx.blocks[*i];
    let first_line = plain(ctx.src.line(head.first).trim_start_matches('#'));
    let mut text = first_line["recommendation".len()..]
        .trim_start_matches(':')
        .trim()
        .to_owned();
    let mut last = head.last;
    for n in head.first + 1..=head.last {
        text.push(' ');
        text.push_str(&plain(ctx.src.line(n)));
    }
    for block in ctx.blocks[i + 1..].iter().take(3) {
        if !text.trim().is_empty() || block.is_heading() || looks_like_heading(ctx, block) {
            break;
        }
        text = block_text(ctx, block);
        last = block.last;
    }
    let text = text.trim().to_owned();
    if text.is_empty() {
        return Vec::new();
    }
    vec![Found {
        number: 1,
        text,
        first: head.first,
        last,
        group: None,
        parts: Vec::new(),
    }]
}

/// A numbered list under a heading that says "recommendations".
fn listed(ctx: &Ctx<'_>) -> Vec<Found> {
    let blocks = &ctx.blocks;
    let Some(start) = blocks.iter().position(|b| {
        b.is_heading() && block_text(ctx, b).to_lowercase().contains("recommendation")
    }) else {
        return Vec::new();
    };
    let BlockKind::Heading { level } = blocks[start].kind else {
        return Vec::new();
    };
    let mut out: Vec<Found> = Vec::new();
    let mut group: Option<String> = None;
    let mut position = 0u32;
    for block in &blocks[start + 1..] {
        match block.kind {
            BlockKind::Heading { level: l } => {
                let text = block_text(ctx, block);
                if l <= level && !text.to_lowercase().contains("recommend") {
                    break;
                }
                group = Some(text);
            }
            BlockKind::ListItem { depth } => {
                let marker = block.marker.as_deref().unwrap_or("");
                let number = top_number(marker);
                let lines: Vec<String> = (block.first..=block.last)
                    .map(|n| plain(ctx.src.line(n)))
                    .collect();
                let text = lines.join(" ");
                let text = text
                    .strip_prefix(marker)
                    .map(str::trim)
                    .unwrap_or(&text)
                    .to_owned();
                match number {
                    Some(n) if depth == 0 => {
                        let number = n.unwrap_or(position + 1);
                        // A list that starts again (footnotes, a contents
                        // list) is not more recommendations.
                        if number <= position {
                            break;
                        }
                        position = number;
                        out.push(Found {
                            number,
                            text,
                            first: block.first,
                            last: block.last,
                            group: group.clone(),
                            parts: Vec::new(),
                        });
                    }
                    _ => {
                        if let Some(last) = out.last_mut() {
                            last.text.push('\n');
                            last.text.push_str(&format!("{marker} {text}"));
                            last.last = block.last;
                            // "a.", "(ii)": a part that can be answered on its own.
                            if part_label(marker).is_some() {
                                last.parts
                                    .push((marker.to_owned(), text, block.first, block.last));
                            }
                        }
                    }
                }
            }
            BlockKind::Paragraph => {
                // A paragraph right after an item continues it ("3. The
                // appointment panel:" then its lettered list).
                if let Some(last) = out.last_mut() {
                    if block.first <= last.last + 2 {
                        last.text.push('\n');
                        last.text.push_str(&block_text(ctx, block));
                        last.last = block.last;
                    }
                }
            }
            _ => {}
        }
    }
    if out.len() >= 2 {
        out
    } else {
        Vec::new()
    }
}

/// The number of a top-level item marker: `Some(Some(n))` for `n.`, `n)`,
/// `(n)`; `Some(None)` for `#.` (numbered by position); `None` for letters,
/// roman numerals and bullets.
fn top_number(marker: &str) -> Option<Option<u32>> {
    if marker == "#." {
        return Some(None);
    }
    let inner = marker.trim_matches(|c| c == '(' || c == ')' || c == '.');
    inner.parse().ok().map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_forms() {
        for (line, number, text) in [
            ("Recommendation 12", "12", ""),
            (
                "RECOMMENDATION 4 – The force should",
                "4",
                "The force should",
            ),
            ("Recommendation 3: By March", "3", "By March"),
            (
                "R7: Chief constables should",
                "7",
                "Chief constables should",
            ),
        ] {
            let cap = NUMBERED.captures(line).unwrap();
            assert_eq!(
                cap.get(1).or(cap.get(2)).unwrap().as_str(),
                number,
                "{line}"
            );
            assert_eq!(&cap[3], text, "{line}");
        }
        for line in [
            "Recommendations",
            "R2D2 said",
            "Recommended reading",
            "R7 was built",
        ] {
            assert!(!NUMBERED.is_match(line), "{line}");
        }
    }

    #[test]
    fn list_markers_number_items() {
        assert_eq!(top_number("12."), Some(Some(12)));
        assert_eq!(top_number("(3)"), Some(Some(3)));
        assert_eq!(top_number("#."), Some(None));
        assert_eq!(top_number("a."), None);
    }
}
