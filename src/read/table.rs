//! Table rows of a PDF page, found from where its words sit.
//!
//! A PDF has no tables, only words at places. Poppler makes each cell of a
//! table a block of its own (and sometimes runs a narrow cell into the line
//! beside it: "… coordination across F"), so read block by block a table
//! comes out one cell per paragraph and the row is lost. Here the page's
//! words are put back into rows:
//! - a line splits where the gap between two words is several times its
//!   usual word gap ([`GAP_RATIO`]; a justified line stretches all its gaps
//!   alike) and wider than half a line height;
//! - the pieces of one block that overlap horizontally are one **cell**;
//! - cells whose vertical extents overlap are one **band**;
//! - a band of two or more cells side by side (none above another) is a
//!   **row**, and two or more rows in a row are a **table**;
//! - a table's **columns** are the horizontal extents its cells share; a
//!   table that goes on over a page break keeps the columns of the page
//!   before, so an empty cell is still an empty cell of the right column.
//!
//! Each row is written as one line, its cells in column order joined by
//! tabs (an empty cell is an empty string), which the outline reads as a
//! table row. Everything that is not a table is left exactly as poppler
//! gives it.

/// A word of the layout with its box, in points from the page's top left.
#[derive(Clone, Debug)]
pub(super) struct Word {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    pub y0: f32,
    pub y1: f32,
    /// Set in a bold face.
    pub bold: bool,
}

/// A block of the layout: its lines, each a list of words.
pub(super) type Block = Vec<Vec<Word>>;

/// One line of text as the page gives it, ready to be written.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Line {
    pub text: String,
    /// The block it belongs to: lines of one block are one paragraph.
    pub block: usize,
    /// Line height in points: a stand-in for the font size.
    pub height: f32,
    /// Whether the line is a table row (tab-separated cells).
    pub table: bool,
    /// Whether every word of the line is bold.
    pub bold: bool,
}

/// A gap between words wider than this many line heights separates cells,
/// on a line too short to tell its own word spacing.
const CELL_GAP: f32 = 0.8;

/// On a longer line, a gap wider than this many of the line's usual gaps
/// (and than half a line height) separates cells: a justified line
/// stretches all its gaps alike, a cell's edge is one gap apart.
const GAP_RATIO: f32 = 3.0;

/// A cell of more lines than this is running text, not a table cell.
const MAX_CELL_LINES: usize = 12;

/// A horizontal extent.
type Extent = (f32, f32);

/// The columns of the last table on a page, when the page ends with it.
pub(super) type Carry = Option<Vec<Extent>>;

/// A run of words of one line with no wide gap.
#[derive(Clone, Debug)]
struct Piece {
    text: String,
    x0: f32,
    x1: f32,
    y0: f32,
    y1: f32,
}

/// The pieces of one block that overlap horizontally.
#[derive(Clone, Debug)]
struct Cell {
    block: usize,
    pieces: Vec<Piece>,
    x0: f32,
    x1: f32,
    y0: f32,
    y1: f32,
}

impl Cell {
    fn text(&self) -> String {
        self.pieces
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn height(&self) -> f32 {
        self.pieces
            .iter()
            .map(|p| p.y1 - p.y0)
            .fold(f32::INFINITY, f32::min)
    }
}

/// The page's lines: table rows as tab-separated lines, the rest as poppler
/// gives them. `carry` holds the columns of a table the page before ended
/// with, and is set for the next page.
pub(super) fn lines(page: &[Block], carry: &mut Carry) -> Vec<Line> {
    let cells: Vec<Cell> = page
        .iter()
        .enumerate()
        .flat_map(|(index, block)| cells_of(index, block))
        .collect();
    let bands = bands(&cells);
    let is_row: Vec<bool> = bands.iter().map(|b| is_row(&cells, b)).collect();
    // Tables: runs of two or more row bands whose columns are clear.
    // A table that goes on from the page before needs only one row here
    // (the last row of a table may be all that is left of it).
    let carried = carry.is_some();
    let mut runs: Vec<Vec<usize>> = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    for (i, &row) in is_row.iter().enumerate() {
        if row {
            run.push(i);
        } else {
            push_run(&mut runs, &mut run, carried);
        }
    }
    push_run(&mut runs, &mut run, carried);
    let mut tables: Vec<Vec<usize>> = Vec::new();
    let mut columns_of: Vec<Vec<Extent>> = Vec::new();
    for table in runs {
        // The page's first table goes on from the page before, if that
        // ended with one.
        let inherited = if tables.is_empty() {
            carry.clone().unwrap_or_default()
        } else {
            Vec::new()
        };
        let members = table.iter().flat_map(|&b| bands[b].iter().copied());
        let columns = columns(inherited, members.map(|c| (cells[c].x0, cells[c].x1)));
        // Cells that spread over one another's columns (a layout of boxes
        // of many widths) give no columns to read a row by: left as text.
        let clear = table.iter().all(|&band| {
            let mut used: Vec<usize> = bands[band]
                .iter()
                .map(|&c| column_of(&columns, &cells[c]))
                .collect();
            used.sort_unstable();
            used.windows(2).all(|w| w[0] != w[1])
        });
        if clear {
            tables.push(table);
            columns_of.push(columns);
        }
    }
    let ends_with_table = tables
        .last()
        .is_some_and(|t| t.last() == Some(&(bands.len() - 1)));
    // The table each cell's row belongs to.
    let mut table_of_cell: Vec<Option<usize>> = vec![None; cells.len()];
    for (t, table) in tables.iter().enumerate() {
        for &band in table {
            for &cell in &bands[band] {
                table_of_cell[cell] = Some(t);
            }
        }
    }
    let mut rows_of_table: Vec<Vec<Line>> = Vec::with_capacity(tables.len());
    let mut last_is_table = false;
    let mut next_block = page.len();
    for (table, columns) in tables.iter().zip(&columns_of) {
        let rows: Vec<Vec<String>> = table
            .iter()
            .map(|&band| row_cells(&cells, &bands[band], columns))
            .collect();
        // Markers or labels set in a column of their own ("•", "(5)",
        // "PRESENT:") are a hanging indent, not a table: each row is written
        // as one line of text, its cells a space apart.
        let hanging = rows
            .iter()
            .filter(|r| is_hanging(&r[0], columns.len()))
            .count()
            * 2
            >= rows.len();
        last_is_table = !hanging;
        let mut lines = Vec::new();
        for (&band, row) in table.iter().zip(rows) {
            let text = if hanging {
                row.into_iter()
                    .filter(|c| !c.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                row.join("\t")
            };
            lines.push(Line {
                text,
                block: next_block,
                height: bands[band]
                    .iter()
                    .map(|&c| cells[c].height())
                    .fold(f32::INFINITY, f32::min),
                table: !hanging,
                bold: false,
            });
            next_block += 1;
        }
        rows_of_table.push(lines);
    }
    *carry = if ends_with_table && last_is_table {
        columns_of.last().cloned()
    } else {
        None
    };
    // Poppler's reading order, each table written where its first cell is.
    let mut written = vec![false; tables.len()];
    let mut out = Vec::new();
    for (index, block) in page.iter().enumerate() {
        let in_table: Vec<usize> = cells
            .iter()
            .zip(&table_of_cell)
            .filter(|(c, _)| c.block == index)
            .filter_map(|(_, t)| *t)
            .collect();
        if in_table.is_empty() {
            out.extend(plain_lines(index, block));
            continue;
        }
        for t in in_table {
            if !written[t] {
                written[t] = true;
                out.append(&mut rows_of_table[t]);
            }
        }
        // Cells of this block outside any table (rare) stay text of their own.
        for (cell, _) in cells
            .iter()
            .zip(&table_of_cell)
            .filter(|(c, t)| c.block == index && t.is_none())
        {
            out.push(Line {
                text: cell.text(),
                block: index,
                height: cell.height(),
                table: false,
                bold: false,
            });
        }
    }
    out
}

fn push_run(tables: &mut Vec<Vec<usize>>, run: &mut Vec<usize>, carried: bool) {
    let goes_on = carried && tables.is_empty();
    if run.len() >= 2 || (goes_on && !run.is_empty()) {
        tables.push(std::mem::take(run));
    }
    run.clear();
}

/// A block's lines, as poppler gives them.
fn plain_lines(index: usize, block: &Block) -> impl Iterator<Item = Line> + '_ {
    block.iter().filter_map(move |words| {
        let text = words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if text.trim().is_empty() {
            return None;
        }
        let y0 = words.iter().map(|w| w.y0).fold(f32::INFINITY, f32::min);
        let y1 = words.iter().map(|w| w.y1).fold(f32::NEG_INFINITY, f32::max);
        Some(Line {
            text,
            block: index,
            height: y1 - y0,
            table: false,
            bold: words.iter().all(|w| w.bold),
        })
    })
}

/// A block's cells: its lines split at wide gaps, the pieces that overlap
/// horizontally joined.
fn cells_of(index: usize, block: &Block) -> Vec<Cell> {
    let mut pieces: Vec<Piece> = Vec::new();
    for words in block.iter().filter(|w| !w.is_empty()) {
        let y0 = words.iter().map(|w| w.y0).fold(f32::INFINITY, f32::min);
        let y1 = words.iter().map(|w| w.y1).fold(f32::NEG_INFINITY, f32::max);
        let gap = cell_gap(words, y1 - y0);
        let mut start = 0;
        for i in 1..=words.len() {
            if i == words.len() || words[i].x0 - words[i - 1].x1 > gap {
                let run = &words[start..i];
                pieces.push(Piece {
                    text: run
                        .iter()
                        .map(|w| w.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                    x0: run[0].x0,
                    x1: run[run.len() - 1].x1,
                    y0,
                    y1,
                });
                start = i;
            }
        }
    }
    let mut cells: Vec<Cell> = Vec::new();
    for piece in pieces {
        let overlapping: Vec<usize> = (0..cells.len())
            .filter(|&c| overlaps((cells[c].x0, cells[c].x1), (piece.x0, piece.x1)))
            .collect();
        let mut cell = Cell {
            block: index,
            x0: piece.x0,
            x1: piece.x1,
            y0: piece.y0,
            y1: piece.y1,
            pieces: vec![piece],
        };
        // A piece may join two cells that did not overlap before it.
        for &c in overlapping.iter().rev() {
            let other = cells.remove(c);
            cell.x0 = cell.x0.min(other.x0);
            cell.x1 = cell.x1.max(other.x1);
            cell.y0 = cell.y0.min(other.y0);
            cell.y1 = cell.y1.max(other.y1);
            let mut pieces = other.pieces;
            pieces.append(&mut cell.pieces);
            cell.pieces = pieces;
        }
        cells.push(cell);
    }
    for cell in &mut cells {
        cell.pieces
            .sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
    }
    cells
}

/// The gap between two words of a line beyond which they are in two cells.
fn cell_gap(words: &[Word], height: f32) -> f32 {
    let mut gaps: Vec<f32> = words.windows(2).map(|w| w[1].x0 - w[0].x1).collect();
    if gaps.len() < 3 {
        return CELL_GAP * height;
    }
    gaps.sort_by(f32::total_cmp);
    let usual = gaps[gaps.len() / 2];
    (GAP_RATIO * usual).max(0.5 * height)
}

fn overlaps(a: Extent, b: Extent) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Cells grouped by overlapping vertical extent, top to bottom.
fn bands(cells: &[Cell]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..cells.len()).collect();
    order.sort_by(|&a, &b| cells[a].y0.total_cmp(&cells[b].y0));
    let mut bands: Vec<Vec<usize>> = Vec::new();
    let mut bottom = f32::NEG_INFINITY;
    for c in order {
        let cell = &cells[c];
        // Lines that only touch (a descender over the next line's top) do
        // not make one band: a quarter of a line's height must be shared.
        let shared = 0.25 * cell.height();
        match bands.last_mut() {
            Some(band) if cell.y0 < bottom - shared => {
                band.push(c);
                bottom = bottom.max(cell.y1);
            }
            _ => {
                bands.push(vec![c]);
                bottom = cell.y1;
            }
        }
    }
    bands
}

/// Whether a band is a table row: two or more short cells side by side.
fn is_row(cells: &[Cell], band: &[usize]) -> bool {
    band.len() >= 2
        && band
            .iter()
            .all(|&c| cells[c].pieces.len() <= MAX_CELL_LINES)
        && band.iter().enumerate().all(|(i, &a)| {
            band[i + 1..]
                .iter()
                .all(|&b| !overlaps((cells[a].x0, cells[a].x1), (cells[b].x0, cells[b].x1)))
        })
}

/// The columns the extents share, left to right: overlapping extents are
/// one column.
fn columns(mut columns: Vec<Extent>, extents: impl Iterator<Item = Extent>) -> Vec<Extent> {
    for extent in extents {
        columns.push(extent);
        // Merge until no two columns overlap.
        loop {
            let pair = (0..columns.len()).find_map(|i| {
                (i + 1..columns.len())
                    .find(|&j| overlaps(columns[i], columns[j]))
                    .map(|j| (i, j))
            });
            let Some((i, j)) = pair else { break };
            let b = columns.remove(j);
            columns[i] = (columns[i].0.min(b.0), columns[i].1.max(b.1));
        }
    }
    columns.sort_by(|a, b| a.0.total_cmp(&b.0));
    columns
}

/// The column a cell is in.
fn column_of(columns: &[Extent], cell: &Cell) -> usize {
    columns
        .iter()
        .position(|&col| overlaps(col, (cell.x0, cell.x1)))
        .unwrap_or(0)
}

/// A row's cells in column order; an empty cell is empty.
fn row_cells(cells: &[Cell], band: &[usize], columns: &[Extent]) -> Vec<String> {
    let mut texts = vec![String::new(); columns.len()];
    let mut sorted: Vec<usize> = band.to_vec();
    sorted.sort_by(|&a, &b| cells[a].x0.total_cmp(&cells[b].x0));
    for c in sorted {
        let cell = &cells[c];
        let text = &mut texts[column_of(columns, cell)];
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&cell.text());
    }
    texts
}

/// A list marker ("•", "(5)", "a)", "1.") or a short label ("PRESENT:",
/// "By:") standing alone in a cell; in a table of two columns, a bare
/// number too (a footnote's).
fn is_hanging(cell: &str, columns: usize) -> bool {
    let cell = cell.trim();
    let marker = super::blocks::list_marker(&format!("{cell} x")) == Some(cell);
    let label = cell.ends_with(':') && cell.split_whitespace().count() <= 4;
    let note =
        columns == 2 && (1..=3).contains(&cell.len()) && cell.bytes().all(|b| b.is_ascii_digit());
    marker || label || note
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word at (x, y), as wide as its text at 6 points a character.
    fn word(text: &str, x: f32, y: f32) -> Word {
        Word {
            text: text.to_owned(),
            x0: x,
            x1: x + 6.0 * text.len() as f32,
            y0: y,
            y1: y + 12.0,
            bold: false,
        }
    }

    /// A line of words set from x with one-point spaces.
    fn line(text: &str, x: f32, y: f32) -> Vec<Word> {
        let mut at = x;
        text.split(' ')
            .map(|t| {
                let w = word(t, at, y);
                at = w.x1 + 3.0;
                w
            })
            .collect()
    }

    #[test]
    fn running_text_is_left_as_it_is() {
        let page = vec![
            vec![
                line("A paragraph of text", 50.0, 100.0),
                line("over two lines", 50.0, 113.0),
            ],
            vec![line("Another one", 50.0, 140.0)],
        ];
        let mut carry = None;
        let out = lines(&page, &mut carry);
        let texts: Vec<&str> = out.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            ["A paragraph of text", "over two lines", "Another one"]
        );
        assert!(out.iter().all(|l| !l.table));
        assert_eq!(carry, None);
    }

    #[test]
    fn cells_side_by_side_become_rows_with_empty_cells_kept() {
        // Header, a row with a code run into the text's line, and a row
        // whose first code column is empty; cells are blocks of their own.
        let page = vec![
            vec![line("Item", 50.0, 100.0)],
            vec![line("UK", 300.0, 100.0)],
            vec![line("Wales", 400.0, 100.0)],
            vec![
                {
                    let mut l = line("1 Do this", 50.0, 130.0);
                    l.push(word("F", 300.0, 130.0));
                    l
                },
                line("and that", 50.0, 143.0),
            ],
            vec![line("P", 400.0, 130.0)],
            vec![line("2 Then this", 50.0, 170.0)],
            vec![line("F", 400.0, 170.0)],
            vec![line("A closing paragraph", 50.0, 220.0)],
        ];
        let mut carry = None;
        let out = lines(&page, &mut carry);
        let texts: Vec<&str> = out.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Item\tUK\tWales",
                "1 Do this and that\tF\tP",
                "2 Then this\t\tF",
                "A closing paragraph"
            ]
        );
        assert_eq!(out.iter().filter(|l| l.table).count(), 3);
        assert_eq!(carry, None, "the page does not end with the table");
    }

    #[test]
    fn a_table_over_a_page_break_keeps_its_columns() {
        let first = vec![
            vec![line("Item", 50.0, 100.0)],
            vec![line("UK", 300.0, 100.0)],
            vec![line("Wales", 400.0, 100.0)],
            vec![line("1 Do this", 50.0, 130.0)],
            vec![line("F", 300.0, 130.0)],
        ];
        let mut carry = None;
        lines(&first, &mut carry);
        assert!(carry.is_some());
        // The next page has no cell in the middle column.
        let second = vec![
            vec![line("2 Then this", 50.0, 60.0)],
            vec![line("P", 400.0, 60.0)],
            vec![line("3 And this", 50.0, 90.0)],
            vec![line("F", 400.0, 90.0)],
        ];
        let out = lines(&second, &mut carry);
        let texts: Vec<&str> = out.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["2 Then this\t\tP", "3 And this\t\tF"]);
    }

    #[test]
    fn markers_and_labels_in_a_column_of_their_own_are_a_hanging_indent() {
        let page = vec![
            vec![line("PRESENT:", 50.0, 100.0)],
            vec![line("A Smith (Chair), B Jones", 150.0, 100.0)],
            vec![line("(5)", 50.0, 130.0)],
            vec![
                line("Mr Brady proposed the motion", 150.0, 130.0),
                line("which was carried.", 150.0, 143.0),
            ],
        ];
        let out = lines(&page, &mut None);
        let texts: Vec<&str> = out.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "PRESENT: A Smith (Chair), B Jones",
                "(5) Mr Brady proposed the motion which was carried."
            ]
        );
        assert!(out.iter().all(|l| !l.table));
    }

    #[test]
    fn one_pair_side_by_side_is_no_table() {
        let page = vec![
            vec![line("Date:", 50.0, 100.0)],
            vec![line("5 June 2025", 300.0, 100.0)],
            vec![line("Text below", 50.0, 140.0)],
        ];
        let out = lines(&page, &mut None);
        assert!(out.iter().all(|l| !l.table));
        assert_eq!(out[0].text, "Date:");
    }
}
