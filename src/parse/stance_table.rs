//! A table of recommendations and the stances taken on them: one row per
//! recommendation ("1 Set up a compensation scheme", "4a (i-iii) Introduce
//! …"), one column per respondent, each cell a stance — a code the
//! document's legend defines ("accepted in full (F) or in principle (P)"),
//! a stance named in words ("Accepted in part"), or prose the cue rules of
//! `stance` read.
//!
//! *Find* reads the table rows of the outline into [`StanceTable`]s; *emit*
//! makes the document a report of the rows' recommendations (a lettered row
//! is a part of its number's whole) and each stance cell a response of its
//! column's respondent, quoting the cell and, for a code, the legend.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::report::{add_report, Report};
use super::stance::{cue, named};
use super::Ctx;
use crate::coverage::{DocumentKind, Region};
use crate::model::{Edge, EdgeKind, Node, NodeKind, ResponseStance, Span};
use crate::read::blocks::BlockKind;
use crate::text::{plain, slug};

/// A row's reference: "1", "4a", "9a-c", "6a (ii)", "7f (i-ii)", "R3", "Recommendation 2".
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?i:recommendation)\s+|R)?([0-9]{1,3})([a-z](?:-[a-z])?)?(?:\s*\(([ivxl]+(?:\s*[-–]\s*[ivxl]+)?)\))?[.:)]?(?:\s+(\S.*))?$")
        .expect("valid regex")
});

/// A code in brackets after the words it stands for: "in full (F)".
static CODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(([A-Z]{1,3})\)").expect("valid regex"));

/// A code defined by an equals sign: "F = accepts in full;", "F/P = different
/// responses to different sub-recommendations."
static EQUALS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[;,.]\s*|\s)([A-Z]{1,3}(?:/[A-Z]{1,3})?)\s*=\s*([^;=]+?)(?:[;.]|$)")
        .expect("valid regex")
});

/// One row of recommendation: where it is and what it says.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Row {
    pub line: usize,
    pub number: u32,
    /// The part's labels below the number: "a", "a/i", "a/i-iii"; empty for a whole.
    pub part: String,
    pub text: String,
    /// The stance columns' cells, as written (empty where the cell is).
    pub cells: Vec<String>,
}

/// A table found: its respondents (column headings) and rows.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct StanceTable {
    /// The heading row's line, if the table has one.
    pub header_line: Option<usize>,
    /// The stance columns' headings.
    pub respondents: Vec<String>,
    pub rows: Vec<Row>,
}

/// What a code of the legend stands for.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct LegendEntry {
    /// `None` for a code the legend defines as no one stance ("F/P =
    /// different responses to different sub-recommendations"): the
    /// stances are those of the parts.
    pub stance: Option<ResponseStance>,
    pub rule: String,
    pub line: usize,
    /// The words and the code as the line writes them: "in full (F)".
    pub quote: String,
}

pub(super) fn parse(ctx: &mut Ctx<'_>) {
    if ctx.answered > 0 || !ctx.reports.is_empty() {
        return;
    }
    let tables = find_tables(ctx);
    if tables.is_empty() {
        return;
    }
    let legend = find_legend(ctx);
    let title = ctx.meta.title.clone();
    let span = ctx
        .src
        .quote_line(ctx.first_line, ctx.src.line(ctx.first_line));
    let mut report = add_report(ctx, &title, span, Some((1, ctx.src.len())));
    for table in &tables {
        emit(ctx, &mut report, table, &legend);
    }
    ctx.reports.push(report);
}

/// The tables of the outline whose rows open with recommendation references.
fn find_tables(ctx: &Ctx<'_>) -> Vec<StanceTable> {
    // Runs of table-row lines; a blank line or a page break between rows
    // does not end a table, any other block does.
    let mut runs: Vec<Vec<(usize, Vec<String>)>> = Vec::new();
    let mut run: Vec<(usize, Vec<String>)> = Vec::new();
    for (i, block) in ctx.blocks.iter().enumerate() {
        if block.kind == BlockKind::TableRow {
            let cells: Vec<String> = block.cells(ctx.src).into_iter().map(plain).collect();
            run.push((block.first, cells));
            continue;
        }
        // A row's first cell running on over a page break: lower case, and
        // the table goes on after it.
        let text = plain(ctx.src.lines_text(block.first, block.last));
        let runs_on = text.starts_with(char::is_lowercase)
            && ctx
                .blocks
                .get(i + 1)
                .is_some_and(|b| b.kind == BlockKind::TableRow);
        match run.last_mut() {
            Some((_, cells)) if runs_on => {
                cells[0].push(' ');
                cells[0].push_str(&text.split_whitespace().collect::<Vec<_>>().join(" "));
            }
            Some(_) => runs.push(std::mem::take(&mut run)),
            None => {}
        }
    }
    runs.extend((!run.is_empty()).then_some(run));
    runs.into_iter().filter_map(read_table).collect()
}

/// A run of rows → a table of recommendations, if two rows or more open
/// with a reference.
pub(super) fn read_table(rows: Vec<(usize, Vec<String>)>) -> Option<StanceTable> {
    let first_ref = rows.iter().position(|(_, c)| reference(&c[0]).is_some())?;
    // "1 | Set up …" puts the text in a column of its own.
    let text_in_own_column = reference(&rows[first_ref].1[0]).is_some_and(|r| r.3.is_empty());
    let skip = if text_in_own_column { 2 } else { 1 };
    let header = rows[..first_ref]
        .iter()
        .rev()
        .find(|(_, c)| c.len() == rows[first_ref].1.len());
    let respondents: Vec<String> = header.map_or_else(Vec::new, |(_, c)| {
        c.iter().skip(skip).map(|h| h.trim().to_owned()).collect()
    });
    let mut found = Vec::new();
    for (line, cells) in &rows[first_ref..] {
        let Some((number, letter, roman, text)) = reference(&cells[0]) else {
            continue;
        };
        let text = if text_in_own_column {
            cells.get(1).cloned().unwrap_or_default()
        } else {
            text
        };
        let part = match (letter, roman) {
            (Some(l), Some(r)) => format!("{l}/{r}"),
            (Some(l), None) => l,
            (None, Some(r)) => r,
            (None, None) => String::new(),
        };
        found.push(Row {
            line: *line,
            number,
            part,
            text: text.trim().to_owned(),
            cells: cells
                .iter()
                .skip(skip)
                .map(|c| c.trim().to_owned())
                .collect(),
        });
    }
    (found.len() >= 2).then(|| StanceTable {
        header_line: header.map(|(n, _)| *n),
        respondents,
        rows: found,
    })
}

/// A cell's reference: (number, letter, roman numerals, text after it).
fn reference(cell: &str) -> Option<(u32, Option<String>, Option<String>, String)> {
    let cap = REFERENCE.captures(cell.trim())?;
    let roman = cap.get(3).map(|m| m.as_str().replace([' ', '–'], "-"));
    Some((
        cap[1].parse().ok()?,
        cap.get(2).map(|m| m.as_str().to_owned()),
        roman,
        cap.get(4).map_or(String::new(), |m| m.as_str().to_owned()),
    ))
}

/// Codes the document defines for stances: every "words (X)" outside the
/// tables whose words hold a stance cue ("accepted in full (F)", "or in
/// principle (P)"). The words run back to the previous code or the start of
/// the clause.
fn find_legend(ctx: &Ctx<'_>) -> BTreeMap<String, LegendEntry> {
    let mut legend = BTreeMap::new();
    for block in ctx.blocks.iter().filter(|b| b.kind != BlockKind::TableRow) {
        // The block's text with each character's line, so a quote can be cut
        // from the line the code is on.
        let mut text = String::new();
        let mut line_of: Vec<(usize, usize)> = Vec::new();
        for n in block.first..=block.last {
            let line = ctx.src.line(n).trim_start_matches('#').trim();
            if !text.is_empty() {
                text.push(' ');
            }
            line_of.push((text.len(), n));
            text.push_str(line);
        }
        let mut from = 0;
        let mut previous: Option<String> = None;
        for cap in CODE.captures_iter(&text) {
            let whole = cap.get(0).expect("match");
            let before = &text[from..whole.start()];
            let clause_start = before.rfind([':', ';', '.']).map_or(0, |i| i + 1);
            let words = before[clause_start..].trim();
            from = whole.end();
            // "accepted in full (F) or in principle (P)": the second entry
            // shares the first's verb, so it is read after it.
            let stance =
                cue(words).or_else(|| previous.as_ref().and_then(|p| cue(&format!("{p} {words}"))));
            previous = Some(words.to_owned());
            let Some(stance) = stance else { continue };
            let code = cap[1].to_owned();
            let stance = Some(stance);
            let line = line_of
                .iter()
                .rev()
                .find(|(at, _)| *at <= whole.start())
                .map_or(block.first, |(_, n)| *n);
            // The quote: the words on the code's line, up to the code.
            let written = ctx.src.line(line);
            let end = written
                .find(whole.as_str())
                .map_or(written.len(), |i| i + whole.len());
            let start = written[..end.saturating_sub(whole.len())]
                .rfind(')')
                .map_or(0, |i| i + 1);
            let quote = written[start..end]
                .trim_start_matches('#')
                .trim_start_matches([' ', ','])
                .trim()
                .to_owned();
            legend.entry(code.clone()).or_insert(LegendEntry {
                stance: stance.as_ref().map(|s| s.stance),
                rule: stance.map_or(String::new(), |s| {
                    format!("{} for the legend's code ({code})", s.rule)
                }),
                line,
                quote,
            });
        }
        // "F = accepts in full; P = …" on one line.
        for n in block.first..=block.last {
            let written = ctx.src.line(n);
            for cap in EQUALS.captures_iter(written) {
                let code = cap[1].to_owned();
                let words = cap[2].trim();
                let whole = cap.get(0).expect("match").as_str();
                let quote = whole
                    .trim_start_matches([';', ',', '.', ' '])
                    .trim_end_matches([';', '.'])
                    .trim()
                    .to_owned();
                let stance = cue(words);
                legend.entry(code.clone()).or_insert(LegendEntry {
                    stance: stance.as_ref().map(|s| s.stance),
                    rule: stance.map_or(String::new(), |s| {
                        format!("{} for the legend's code {code}", s.rule)
                    }),
                    line: n,
                    quote,
                });
            }
        }
    }
    legend
}

/// A row line's first cell as written: the recommendation's reference and
/// text, which its nodes quote.
fn first_cell(line: &str) -> &str {
    line.split('\t').next().unwrap_or_default().trim()
}

/// A stance cell read.
enum CellReading<'l> {
    /// A stance, by the legend, by the cell's own words, or by the cues.
    Stance(ResponseStance, String, Option<&'l LegendEntry>),
    /// A code the legend defines as no one stance: the parts' rows say.
    Mixed,
}

fn read_cell<'l>(cell: &str, legend: &'l BTreeMap<String, LegendEntry>) -> Option<CellReading<'l>> {
    if let Some(entry) = legend.get(cell) {
        return Some(match entry.stance {
            Some(stance) => CellReading::Stance(stance, entry.rule.clone(), Some(entry)),
            None => CellReading::Mixed,
        });
    }
    if let Some(stance) = named(cell) {
        return Some(CellReading::Stance(
            stance,
            format!(
                "{}: the cell names the stance",
                super::stance::RULES_VERSION
            ),
            None,
        ));
    }
    cue(cell).map(|s| CellReading::Stance(s.stance, s.rule, None))
}

fn emit(
    ctx: &mut Ctx<'_>,
    report: &mut Report,
    table: &StanceTable,
    legend: &BTreeMap<String, LegendEntry>,
) {
    let src = ctx.src;
    // Respondents: organisations named by the column headings.
    let header_line = table.header_line;
    let respondents: Vec<Option<crate::orgs::Org>> = table
        .respondents
        .iter()
        .map(|name| {
            let org = ctx.orgs.resolve(name)?;
            let line = header_line?;
            let span = src.quote_line(line, name);
            ctx.out.add_node(super::entities::org_node(&org, span));
            Some(org)
        })
        .collect();
    let mut unknown: BTreeMap<String, usize> = BTreeMap::new();
    let mut wholes: BTreeMap<u32, Vec<&Row>> = BTreeMap::new();
    for row in &table.rows {
        wholes.entry(row.number).or_default().push(row);
    }
    for (&number, rows) in &wholes {
        let first = rows[0].line;
        let last = rows[rows.len() - 1].line;
        let whole_key = report.recommendation_key(number);
        // A row of the number alone is the whole; where only its parts have
        // rows, the whole is their sum. A summary table before may have
        // given it already.
        if !ctx.out.nodes.contains_key(&whole_key) {
            let own = rows.iter().find(|r| r.part.is_empty());
            let whole_text = own.map_or_else(
                || {
                    rows.iter()
                        .map(|r| r.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                },
                |r| r.text.clone(),
            );
            let (first, last) = own.map_or((first, last), |r| (r.line, r.line));
            let span = src.quote(first, last, first_cell(src.line(first)));
            super::report::add_recommendation(ctx, report, number, &whole_text, span);
        }
        for row in rows {
            let key = if row.part.is_empty() {
                whole_key.clone()
            } else {
                let key = crate::keys::recommendation_part(&report.key, number, &row.part);
                let label = row.part.replace('/', " ");
                let span = src.quote_line(row.line, first_cell(src.line(row.line)));
                let preview: String = row.text.chars().take(80).collect();
                ctx.out.add_node(
                    Node::new(
                        key.clone(),
                        NodeKind::Recommendation,
                        format!("Recommendation {number}{label}: {preview}"),
                        span.clone(),
                    )
                    .with("number", number.to_string())
                    .with("part", row.part.clone())
                    .with("text", row.text.clone())
                    .with("report", report.title.clone()),
                );
                ctx.out.add_edge(Edge::new(
                    key.clone(),
                    EdgeKind::PartOf,
                    whole_key.clone(),
                    span,
                ));
                key
            };
            for (column, cell) in row.cells.iter().enumerate() {
                if cell.is_empty() {
                    continue;
                }
                let (stance, rule, entry) = match read_cell(cell, legend) {
                    Some(CellReading::Stance(stance, rule, entry)) => (stance, rule, entry),
                    Some(CellReading::Mixed) => continue,
                    None => {
                        *unknown.entry(cell.clone()).or_default() += 1;
                        continue;
                    }
                };
                let respondent = respondents.get(column).cloned().flatten();
                let heading = table.respondents.get(column).cloned().unwrap_or_default();
                let who = respondent.as_ref().map_or_else(
                    || format!("{}-column-{}", slug(&ctx.meta.id), column + 1),
                    |o| crate::keys::path(&o.key).to_owned(),
                );
                add_response(
                    ctx, report, &key, &who, row, cell, stance, rule, entry, &heading,
                );
                if let Some(org) = respondent {
                    let span = header_line.map_or_else(
                        || src.quote_line(row.line, cell),
                        |line| src.quote_line(line, &heading),
                    );
                    ctx.out.add_edge(Edge::new(
                        crate::keys::response_to(&key, &who),
                        EdgeKind::Respondent,
                        org.key,
                        span,
                    ));
                }
            }
        }
    }
    for (cell, times) in unknown {
        ctx.warn(
            table.rows[0].line,
            format!("a stance table's cell \"{cell}\" ({times} times) is no stance: the legend defines no such code and no stance cue is in it"),
        );
    }
    let first = table.header_line.unwrap_or(table.rows[0].line);
    let last = table.rows[table.rows.len() - 1].line;
    ctx.signals.regions.push(Region {
        kind: DocumentKind::Response,
        first,
        last,
        evidence: format!(
            "a table of {} recommendation rows with the stances of {} respondents",
            table.rows.len(),
            table.respondents.len()
        ),
    });
}

#[allow(clippy::too_many_arguments)] // one cell's whole context
fn add_response(
    ctx: &mut Ctx<'_>,
    report: &Report,
    recommendation: &str,
    who: &str,
    row: &Row,
    cell: &str,
    stance: ResponseStance,
    rule: String,
    legend: Option<&LegendEntry>,
    heading: &str,
) {
    let src = ctx.src;
    let key = crate::keys::response_to(recommendation, who);
    let label = if row.part.is_empty() {
        row.number.to_string()
    } else {
        format!("{}{}", row.number, row.part.replace('/', " "))
    };
    let cell_span: Span = src.quote_line(row.line, cell);
    let mut node = Node::new(
        key.clone(),
        NodeKind::Response,
        format!(
            "{heading}: {cell} on recommendation {label} of {}",
            report.title
        ),
        cell_span.clone(),
    )
    .with("stance", stance.as_str())
    .with("stance_rule", rule)
    .with("quote", cell)
    .with("text", cell)
    .with("recommendation", label)
    .with("report", report.title.clone());
    if let Some(date) = &ctx.meta.date {
        node = node.with("date", date.clone());
    }
    if let Some(entry) = legend {
        node.provenance
            .push(src.quote_line(entry.line, &entry.quote));
    }
    ctx.out.add_node(node);
    ctx.out.add_edge(Edge::new(
        key.clone(),
        EdgeKind::RespondsTo,
        recommendation.to_owned(),
        cell_span.clone(),
    ));
    ctx.out.add_edge(Edge::new(
        key,
        EdgeKind::InDocument,
        ctx.doc_key.clone(),
        cell_span,
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[&str]) -> Vec<(usize, Vec<String>)> {
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| (i + 1, l.split('\t').map(str::to_owned).collect()))
            .collect()
    }

    #[test]
    fn references_of_every_form() {
        for (cell, number, part) in [
            ("1 Set up a scheme", 1, ""),
            ("4d Complete an audit", 4, "d"),
            ("6a (ii) Provide the same care", 6, "a/ii"),
            ("7f (i-ii) Establish a framework", 7, "f/i-ii"),
            ("9a-c Peer review", 9, "a-c"),
            ("R3", 3, ""),
        ] {
            let table = read_table(rows(&[cell, "2 Another\tF"])).unwrap();
            assert_eq!(table.rows[0].number, number, "{cell}");
            assert_eq!(table.rows[0].part, part, "{cell}");
        }
        assert!(reference("Summary of responses").is_none());
        assert!(reference("2024 was a year").is_none());
    }

    #[test]
    fn header_gives_the_respondents_and_empty_cells_stay_empty() {
        let table = read_table(rows(&[
            "Recommendation\tUK Government\tWelsh Government",
            "1 Do this\tF\tP",
            "2 Do that\t\tF",
        ]))
        .unwrap();
        assert_eq!(table.respondents, ["UK Government", "Welsh Government"]);
        assert_eq!(table.header_line, Some(1));
        assert_eq!(table.rows[1].cells, ["", "F"]);
    }

    #[test]
    fn text_in_a_column_of_its_own() {
        let table = read_table(rows(&[
            "No.\tRecommendation\tResponse",
            "1\tDo this\tAccepted",
            "2\tDo that\tRejected",
        ]))
        .unwrap();
        assert_eq!(table.rows[0].text, "Do this");
        assert_eq!(table.respondents, ["Response"]);
        assert_eq!(table.rows[1].cells, ["Rejected"]);
    }

    #[test]
    fn a_table_without_references_is_none() {
        assert!(read_table(rows(&["Name\tRole", "Jane Roe\tChair", "John Doe\tClerk"])).is_none());
    }
}
