//! Parsers: pure functions from a document's text to the nodes and edges it
//! supports, each with provenance, plus diagnostics. No I/O happens here.
//!
//! A document is cut into sections at its top-level headings and at transcript
//! headers; [`SectionKind`] says what each section is and one module parses
//! each kind. Adding a kind is adding a module and a match arm.

mod actions;
mod activity;
mod agenda_front;
mod answers;
mod attendance;
mod citations;
mod comments;
mod contacts;
mod entities;
mod interests;
mod letter;
mod meeting;
mod mentions;
mod milestones;
mod recommendations;
mod report;
mod responses;
mod schedule;
mod signals;
mod stance;
mod stance_table;

pub use stance::RULES_VERSION as STANCE_RULES_VERSION;
mod told_attendance;
mod transcript;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::coverage::{self, Coverage, DocumentKind, Region, Signals};
use crate::model::Span;
use crate::model::{Contribution, Edge, EdgeKind, Node, NodeKind};
use crate::orgs::{Org, Orgs};
use crate::read::blocks::{self, Block};
use crate::text::{plain, slug, Source};

/// What the manifest (or, failing that, the file itself) says about a document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentMeta {
    /// Stable id, used in IRIs and spans.
    pub id: String,
    /// Title for display.
    pub title: String,
    /// What the document is: agenda-pack, letter, article, ...
    pub kind: String,
    /// Who published it, as the manifest names it.
    #[serde(default)]
    pub publisher: Option<String>,
    /// Publication date, ISO 8601.
    #[serde(default)]
    pub date: Option<String>,
    /// File name the text came from.
    #[serde(default)]
    pub original_file_name: Option<String>,
}

/// How bad a diagnostic is. An error stops the document from being ingested.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The document cannot be trusted; nothing of it is stored.
    Error,
    /// Something was skipped; the rest is stored.
    Warning,
}

/// A problem found while parsing, with the line it was found on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// 1-based line number.
    pub line: usize,
    /// Error or warning.
    pub severity: Severity,
    /// What was found and what was expected.
    pub message: String,
}

impl Diagnostic {
    /// "error" or "warning".
    pub fn level(&self) -> &'static str {
        match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}: {}", self.line, self.level(), self.message)
    }
}

/// What a section of a document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionKind {
    /// The agenda of a meeting: header, membership, numbered items.
    Agenda,
    /// Minutes: header, present, apologies, items, guests.
    Minutes,
    /// A verbatim transcript of one agenda item (or one panel of it).
    Transcript,
    /// Anything else; later issues give these their own parsers.
    Other,
}

/// A run of lines `first..=last` (1-based) of one kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Section {
    /// What the section is.
    pub kind: SectionKind,
    /// Its heading line.
    pub first: usize,
    /// Its last line.
    pub last: usize,
}

/// Shared state of one document's parse.
pub(crate) struct Ctx<'s> {
    pub src: &'s Source<'s>,
    /// The outline of the text.
    pub blocks: Vec<Block>,
    /// What the parsers noticed, for the coverage report.
    pub signals: Signals,
    /// The manifest's (or the file's) description of the document.
    pub meta: &'s DocumentMeta,
    pub orgs: Orgs,
    pub out: Contribution,
    pub diagnostics: Vec<Diagnostic>,
    /// Key of the document node of the whole file.
    pub doc_key: String,
    /// The first non-blank line: the document node's quote.
    pub first_line: usize,
    /// The agenda pack's sections (top-level headings, transcript headers).
    pub sections: Vec<Section>,
    /// Recommendations a response document answered, when it is one.
    pub answered: usize,
    /// The reports found, for the steps that link letters and mentions to them.
    pub reports: Vec<report::Report>,
}

impl Ctx<'_> {
    pub fn error(&mut self, line: usize, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic {
            line,
            severity: Severity::Error,
            message: message.into(),
        });
    }

    pub fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic {
            line,
            severity: Severity::Warning,
            message: message.into(),
        });
    }
}

/// A document parsed: its facts, the problems found, and the coverage report.
#[derive(Debug)]
pub struct Parsed {
    /// The nodes and edges it supports.
    pub contribution: Contribution,
    /// Errors and warnings with line numbers.
    pub diagnostics: Vec<Diagnostic>,
    /// What was understood and what was not.
    pub coverage: Coverage,
}

/// Parses one document. Never fails: problems become diagnostics.
pub fn parse(src: &Source<'_>, meta: &DocumentMeta) -> (Contribution, Vec<Diagnostic>) {
    let parsed = parse_document(src, meta);
    (parsed.contribution, parsed.diagnostics)
}

impl<'a> Ctx<'a> {
    /// A parse of `src` not yet begun.
    fn new(src: &'a Source<'a>, meta: &'a DocumentMeta) -> Ctx<'a> {
        Ctx {
            src,
            blocks: blocks::outline(src),
            signals: Signals::default(),
            meta,
            orgs: Orgs::default(),
            out: Contribution::default(),
            diagnostics: Vec::new(),
            doc_key: crate::keys::document(&meta.id),
            first_line: 1,
            sections: Vec::new(),
            answered: 0,
            reports: Vec::new(),
        }
    }
}

/// Parses one document and reports its coverage. Never fails: problems
/// become diagnostics, and every coverage warning is a warning diagnostic too.
pub fn parse_document(src: &Source<'_>, meta: &DocumentMeta) -> Parsed {
    let mut ctx = Ctx::new(src, meta);
    let Some(first_line) = (1..=src.len()).find(|&n| !src.line(n).trim().is_empty()) else {
        ctx.error(1, "the document is empty: expected text");
        return Parsed {
            contribution: ctx.out,
            diagnostics: ctx.diagnostics,
            coverage: Coverage::default(),
        };
    };
    ctx.first_line = first_line;
    for phase in PHASES {
        tracing::trace!(document = %meta.id, phase = phase.name, "parse step");
        (phase.run)(&mut ctx);
    }
    let coverage = coverage::report(src, &ctx.blocks, &ctx.out, &ctx.signals, &ctx.doc_key);
    for warning in &coverage.warnings {
        ctx.warn(first_line, warning.clone());
    }
    Parsed {
        contribution: ctx.out,
        diagnostics: ctx.diagnostics,
        coverage,
    }
}

/// How many steps the parse has ([`parse_step`] runs one of them).
pub const STEPS: usize = PHASES.len();

/// Runs step `n` (modulo [`STEPS`]) of the parse alone, after the evidence
/// and document steps it may rely on: for the fuzz targets in `fuzz/`, so
/// each section parser meets inputs the pipeline before it would not let
/// through. Returns the step's name and what the steps contributed.
#[doc(hidden)]
pub fn parse_step(src: &Source<'_>, meta: &DocumentMeta, n: usize) -> (&'static str, Contribution) {
    let mut ctx = Ctx::new(src, meta);
    let phase = &PHASES[n % STEPS];
    for earlier in &PHASES[..2] {
        (earlier.run)(&mut ctx);
    }
    if n % STEPS >= 2 {
        (phase.run)(&mut ctx);
    }
    (phase.name, ctx.out)
}

/// One step of a document's parse. Everything a step needs is in [`Ctx`]:
/// the outline, the signals, and what earlier steps found (sections,
/// reports), so the order below is the whole of the pipeline.
struct Phase {
    /// What the step finds, for readers of this table.
    /// What the step finds: the table reads as the pipeline, and a trace
    /// (`RUST_LOG=scrutiny::parse=trace`) names each step as it runs.
    name: &'static str,
    run: fn(&mut Ctx<'_>),
}

/// The parse, in order: evidence first, then the agenda pack's own sections,
/// then the structures any publisher's documents share, then the steps that
/// need the reports found (letters, answers, citations, mentions).
const PHASES: &[Phase] = &[
    Phase {
        name: "signals: label lines, attendance labels, headings",
        run: signals::collect,
    },
    Phase {
        name: "document: organisations it defines, its node, a byline",
        run: document,
    },
    Phase {
        name: "agenda pack sections: agenda, minutes, transcripts",
        run: pack_sections,
    },
    Phase {
        name: "minutes of any publisher",
        run: any_minutes,
    },
    Phase {
        name: "agenda fronts: a body and a date as headings over numbered items",
        run: agenda_front::parse,
    },
    Phase {
        name: "hearing transcripts",
        run: hearing,
    },
    Phase {
        name: "actions",
        run: actions::parse,
    },
    Phase {
        name: "work programmes",
        run: schedule::parse,
    },
    Phase {
        name: "declared interests",
        run: interests::parse,
    },
    Phase {
        name: "reader comments",
        run: comments::parse,
    },
    Phase {
        name: "contact officers",
        run: contacts::parse,
    },
    Phase {
        name: "milestones",
        run: milestones::parse,
    },
    Phase {
        name: "responses recommendation by recommendation",
        run: |ctx| ctx.answered = responses::parse(ctx),
    },
    Phase {
        name: "reports and their recommendations",
        run: reports,
    },
    Phase {
        name: "meetings stated: committee activity, visits, other bodies' meetings",
        run: activity::parse,
    },
    Phase {
        name: "tables of recommendations and the stances taken on them",
        run: stance_table::parse,
    },
    Phase {
        name: "letters and their responses",
        run: |ctx| with_reports(ctx, letter::parse),
    },
    Phase {
        name: "requests letters answer",
        run: |ctx| with_reports(ctx, answers::parse),
    },
    Phase {
        name: "citations",
        run: |ctx| with_reports(ctx, citations::parse),
    },
    Phase {
        name: "mentions",
        run: |ctx| with_reports(ctx, mentions::parse),
    },
    Phase {
        name: "who attended meetings the text names, told in prose",
        run: told_attendance::parse,
    },
];

/// Runs a step that reads the reports found so far.
fn with_reports(ctx: &mut Ctx<'_>, step: fn(&mut Ctx<'_>, &[report::Report])) {
    let reports = std::mem::take(&mut ctx.reports);
    step(ctx, &reports);
    ctx.reports = reports;
}

fn document(ctx: &mut Ctx<'_>) {
    ctx.orgs.learn(ctx.src.text);
    let (meta, first_line) = (ctx.meta, ctx.first_line);
    add_document_node(ctx, meta, first_line);
    add_byline(ctx);
}

fn pack_sections(ctx: &mut Ctx<'_>) {
    let src = ctx.src;
    ctx.sections = sections(src);
    for section in ctx.sections.clone() {
        let region = match section.kind {
            SectionKind::Agenda => {
                meeting::parse_agenda(ctx, section);
                Some(DocumentKind::Agenda)
            }
            SectionKind::Minutes => {
                meeting::parse_minutes(ctx, section);
                Some(DocumentKind::Minutes)
            }
            SectionKind::Transcript => {
                transcript::parse(ctx, section);
                Some(DocumentKind::Transcript)
            }
            SectionKind::Other => None,
        };
        if let Some(kind) = region {
            ctx.signals.regions.push(Region {
                kind,
                first: section.first,
                last: section.last,
                evidence: plain(src.line(section.first)),
            });
        }
    }
}

/// Documents of other publishers carry no pack sections: their minutes and
/// hearings are found by the wording and labels they share.
fn any_minutes(ctx: &mut Ctx<'_>) {
    if !ctx.sections.iter().any(|s| s.kind == SectionKind::Minutes) {
        attendance::parse(ctx);
    }
}

fn hearing(ctx: &mut Ctx<'_>) {
    if !ctx
        .sections
        .iter()
        .any(|s| s.kind == SectionKind::Transcript)
    {
        transcript::parse_hearing(ctx);
    }
}

/// Reports run across several top-level headings (a title, a masthead, the
/// chapters), so they are found over the whole document. A response
/// document quotes the recommendations it answers; they are the report's,
/// not its own, so its own are not looked for.
fn reports(ctx: &mut Ctx<'_>) {
    if ctx.answered > 0 {
        return;
    }
    let said = ctx.diagnostics.len();
    ctx.reports = report::parse(ctx);
    if ctx.reports.is_empty() {
        let found = recommendations::parse(ctx);
        // What the pack's layout did not find is moot once the general
        // forms found the recommendations.
        if found.is_some() {
            ctx.diagnostics.truncate(said);
        }
        ctx.reports.extend(found);
    }
}

fn add_document_node(ctx: &mut Ctx<'_>, meta: &DocumentMeta, first_line: usize) {
    let heading = ctx.src.line(first_line);
    let mut node = Node::new(
        ctx.doc_key.clone(),
        NodeKind::Document,
        meta.title.clone(),
        ctx.src.quote_line(first_line, heading),
    )
    .with("kind", meta.kind.clone());
    for (key, value) in [
        ("publisher", &meta.publisher),
        ("date", &meta.date),
        ("file_name", &meta.original_file_name),
    ] {
        if let Some(value) = value {
            node = node.with(key, value.clone());
        }
    }
    ctx.out.add_node(node);
    // The publisher is linked only where the text itself names it, so the edge
    // has a quote like every other.
    if let Some(publisher) = meta.publisher.as_deref().and_then(|p| ctx.orgs.resolve(p)) {
        let aliases = std::iter::once(publisher.name.clone());
        if let Some((line, written)) = find_first(ctx.src, aliases) {
            ctx.out.add_node(entities::org_node(
                &publisher,
                ctx.src.quote_line(line, &written),
            ));
            ctx.out.add_edge(Edge::new(
                ctx.doc_key.clone(),
                EdgeKind::PublishedBy,
                publisher.key,
                ctx.src.quote_line(line, &written),
            ));
        }
    }
}

/// "A message from Chief Superintendent Sally Benatar", "More articles by Sir
/// Mark Rowley": the person who wrote the document.
fn add_byline(ctx: &mut Ctx<'_>) {
    const BYLINES: [&str; 4] = ["A message from ", "More articles by ", "Written by ", "By "];
    for n in 1..=ctx.src.len() {
        let line = ctx.src.line(n);
        let text = plain(line.trim_start_matches('#'));
        let Some(name) = BYLINES.iter().find_map(|b| text.strip_prefix(b)) else {
            continue;
        };
        let Some(person) = crate::names::PersonName::parse(name)
            .filter(|p| p.core.split_whitespace().count() >= 2)
        else {
            continue;
        };
        let span = ctx.src.quote_line(n, entities::find_in_line(line, name));
        let key = entities::add_person(ctx, &person, name, span.clone());
        ctx.out.add_edge(Edge::new(
            ctx.doc_key.clone(),
            EdgeKind::AuthoredBy,
            key,
            span,
        ));
        return;
    }
}

/// The first line containing any of `needles`, with the needle found.
fn find_first(src: &Source<'_>, needles: impl Iterator<Item = String>) -> Option<(usize, String)> {
    let needles: Vec<String> = needles.collect();
    (1..=src.len()).find_map(|n| {
        needles
            .iter()
            .find(|s| src.line(n).contains(s.as_str()))
            .map(|s| (n, s.clone()))
    })
}

/// Cuts a document into sections at top-level headings and transcript headers.
pub fn sections(src: &Source<'_>) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for n in 1..=src.len() {
        let line = src.line(n);
        let kind = if transcript::is_header(line) {
            Some(SectionKind::Transcript)
        } else if let Some(title) = line.strip_prefix("# ") {
            let title = plain(title).to_ascii_uppercase();
            Some(match title.as_str() {
                "AGENDA" => SectionKind::Agenda,
                "MINUTES" => SectionKind::Minutes,
                _ => SectionKind::Other,
            })
        } else {
            None
        };
        if let Some(kind) = kind {
            if let Some(last) = out.last_mut() {
                last.last = n - 1;
            }
            out.push(Section {
                kind,
                first: n,
                last: src.len(),
            });
        }
    }
    out
}

/// The meeting key shared by agendas, minutes and transcripts of one meeting.
pub(crate) fn meeting_key(body_key: &str, date: &str) -> String {
    crate::keys::meeting(body_key, date)
}

/// A meeting of `body` on `date` (ISO 8601), named with the date as the text
/// writes it. Adds the body and the `held-by` edge; the caller sets any other
/// properties and adds the node.
pub(crate) fn meeting_node(
    ctx: &mut Ctx<'_>,
    body: &Org,
    date: &str,
    date_text: &str,
    span: Span,
    body_span: Option<Span>,
) -> Node {
    let key = meeting_key(&body.key, date);
    if let Some(body_span) = body_span {
        // A joint meeting is held by each of the bodies its name joins; the
        // joined name is no organisation.
        let held_by: Vec<(Org, Span)> = match Orgs::joint(&body.name) {
            Some((first, second)) => [first, second]
                .into_iter()
                .filter_map(|part| Some((ctx.orgs.resolve(part)?, part)))
                .map(|(org, part)| {
                    let span = quote_within(ctx.src, &body_span, 0, part);
                    (org, span)
                })
                .collect(),
            None => vec![(body.clone(), body_span)],
        };
        for (org, span) in held_by {
            ctx.out.add_node(entities::org_node(&org, span.clone()));
            ctx.out
                .add_edge(Edge::new(key.clone(), EdgeKind::HeldBy, org.key, span));
        }
    }
    Node::new(
        key,
        NodeKind::Meeting,
        format!("{}, {date_text}", body.name),
        span,
    )
    .with("body", body.name.clone())
    .with("date", date)
}

/// The span of `part` on the first line of `span` (or of the `after` lines
/// after it) that holds it, whatever the case; else `span` itself.
pub(crate) fn quote_within(src: &Source<'_>, span: &Span, after: u32, part: &str) -> Span {
    let wanted = part.to_lowercase();
    let last = (span.last_line + after).min(u32::try_from(src.len()).unwrap_or(u32::MAX));
    (span.first_line..=last)
        .find_map(|n| {
            let line = src.line(n as usize);
            let at = line.to_lowercase().find(&wanted)?;
            // Lower-casing keeps byte offsets only for ASCII; check it held.
            let written = line.get(at..at + part.len())?;
            written
                .eq_ignore_ascii_case(part)
                .then(|| src.quote_line(n as usize, written))
        })
        .unwrap_or_else(|| span.clone())
}

/// A meeting of `body` on `date` whose body is known from the manifest rather
/// than the header: `held-by` only where the text names the body somewhere
/// (an edge needs a quote), the date's span for the node.
pub(crate) fn meeting_node_without_body_span(
    ctx: &mut Ctx<'_>,
    body: &Org,
    date: &str,
    date_text: &str,
    span: Span,
) -> Node {
    let body_span = find_first(ctx.src, std::iter::once(body.name.clone()))
        .map(|(line, written)| ctx.src.quote_line(line, &written));
    meeting_node(ctx, body, date, date_text, span, body_span)
}

/// The cells of a tab-separated line, markup removed and lower-cased, for
/// recognising a table by its header; `None` for a line that is no table row.
pub(crate) fn header_cells(line: &str) -> Option<Vec<String>> {
    line.contains('\t')
        .then(|| line.split('\t').map(|c| plain(c).to_lowercase()).collect())
}

/// The key of agenda item `number` of a meeting.
pub(crate) fn item_key(meeting_key: &str, number: &str) -> String {
    format!("{meeting_key}/item/{}", slug(number))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_split_at_h1_and_transcript_headers() {
        let text = "# AGENDA\nx\n# MINUTES\ny\n**Body – Wednesday 8 March 2023****Transcript of Agenda Item 6 - T**\n**A B (C):** hi\n# Other\n";
        let src = Source::new("d", text);
        let kinds: Vec<_> = sections(&src)
            .iter()
            .map(|s| (s.kind, s.first, s.last))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (SectionKind::Agenda, 1, 2),
                (SectionKind::Minutes, 3, 4),
                (SectionKind::Transcript, 5, 6),
                (SectionKind::Other, 7, 7)
            ]
        );
    }
}
