//! `sourceText`: a source document's text, line by line, so a client can
//! show a quote in its context — the explorer's source view. The lines are
//! numbered as every `Provenance` numbers them, with the PDF page of each.

use async_graphql::{Context, Object, SimpleObject};

use super::{error, graph, Code};

/// Most lines one `sourceText` call returns: a long report runs to tens of
/// thousands, and a view needs a screenful around a quote.
pub const MAX_SOURCE_LINES: u32 = 2000;

/// A window of a source document's text.
#[derive(SimpleObject)]
pub struct SourceText {
    /// The document's id, as `Provenance.documentId` names it.
    pub document_id: String,
    /// Its title.
    pub title: String,
    /// The format of its file (pdf, html, rst, text).
    pub format: Option<&'static str>,
    /// How many lines the whole text has.
    pub line_count: u32,
    /// The first line returned (1-based).
    pub from: u32,
    /// The last line returned (inclusive); less than `from` when none is.
    pub to: u32,
    /// The lines `from`–`to`.
    pub lines: Vec<SourceLine>,
}

/// One line of a source text.
#[derive(SimpleObject)]
pub struct SourceLine {
    /// Its number, 1-based, as provenance counts lines.
    pub number: u32,
    /// The line, without its line break.
    pub text: String,
    /// For a PDF, the page the line is on.
    pub page: Option<u32>,
}

#[derive(Default)]
pub struct SourceQuery;

#[Object]
impl SourceQuery {
    /// The text of a source document (its id, as `Provenance.documentId`
    /// gives it), lines `from` to `to` inclusive, at most 2000 of them
    /// (`from` defaults to 1, `to` to 1999 lines after `from`). The whole
    /// text is also served at `/source/{id}`.
    async fn source_text(
        &self,
        ctx: &Context<'_>,
        document: String,
        from: Option<u32>,
        to: Option<u32>,
    ) -> async_graphql::Result<SourceText> {
        let graph = graph(ctx);
        let record = graph.document(&document).ok_or_else(|| {
            error(
                Code::NotFound,
                format!("no source document {document:?}; `documents` lists them, `Provenance.documentId` names them"),
            )
        })?;
        let from = from.unwrap_or(1).max(1);
        let to = to.unwrap_or(from.saturating_add(MAX_SOURCE_LINES - 1));
        if to >= from && to - from >= MAX_SOURCE_LINES {
            return Err(error(
                Code::LimitExceeded,
                format!("at most {MAX_SOURCE_LINES} lines a call; asked for {from}–{to}"),
            ));
        }
        // `Source` splits lines exactly as the parsers did, so these numbers
        // are the ones every provenance gives.
        let source = crate::text::Source::new(&record.meta.id, &record.text);
        let line_count = u32::try_from(source.len()).unwrap_or(u32::MAX);
        let lines: Vec<SourceLine> = (from..=to.min(line_count))
            .map(|number| SourceLine {
                number,
                text: source.line(number as usize).to_owned(),
                page: crate::read::page_of(&record.reading.pages, number),
            })
            .collect();
        let last = lines.last().map_or(from.saturating_sub(1), |l| l.number);
        Ok(SourceText {
            document_id: record.meta.id.clone(),
            title: record.meta.title.clone(),
            format: record.reading.format.map(crate::read::Format::as_str),
            line_count,
            from,
            to: last,
            lines,
        })
    }
}
