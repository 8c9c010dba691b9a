//! Verbatim transcripts: every speaker turn becomes one Statement.
//!
//! A turn starts at a block opening with a speaker label and runs, over any
//! number of paragraphs, until the next label, a heading or the end of the
//! transcript. Labels are written in many ways, all read here:
//! `**Name (Role, Org):**`, `**Name**: text`, `MR BEER: text`, `Q12 Chair:`,
//! `The Witness:`. A label that names a role rather than a person (`Chair`,
//! `The Witness`) is resolved to the meeting's chair or to the witness being
//! heard (the heading before a "(sworn)" or "(affirmed)" line) where the
//! document says who that is; otherwise the turn keeps the label and no person.
//! Timestamps, `(Pause)` and other stage directions are not part of a turn,
//! nor is page furniture. A transcript inside an agenda pack has a header
//! ("Transcript of Agenda Item 6 …"); a hearing's transcript is a whole
//! document of labelled turns, found by their density.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::entities::{add_membership, add_org, add_person, find_in_line};
use super::{item_key, meeting_node, Ctx, Section};
use crate::model::{Edge, EdgeKind, Node, NodeKind};
use crate::names::SpeakerLabel;
use crate::read::blocks::BlockKind;
use crate::text::{find_date, is_page_furniture, plain, slug, strip_trailing_weekday};

/// A bold speaker label at the start of a line, the colon inside or outside
/// the emphasis, and the text after it.
static BOLD_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\*\*(?:Q[0-9]{1,4}\s+)?([^*]+?)(?::\*\*|\*\*\s?:)\s*(.*)$").expect("valid regex")
});

/// A plain label: words, an optional question number before them, a colon.
static PLAIN_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:Q[0-9]{1,4}\s+)?([A-Z][\p{L}'’.\- ]{1,60}?(?:\s\([^()]{1,80}\))?)\s?:\s+(\S.*)$",
    )
    .expect("valid regex")
});

/// Words a line may open with before a colon that name a field, not a speaker.
const FIELD_WORDS: &[&str] = &[
    "present",
    "apologies",
    "resolved",
    "agreed",
    "date",
    "time",
    "venue",
    "place",
    "note",
    "notes",
    "action",
    "actions",
    "recommendation",
    "recommendations",
    "agenda",
    "item",
    "subject",
    "email",
    "e-mail",
    "tel",
    "telephone",
    "contact",
    "title",
    "author",
    "decision",
    "minutes",
    "summary",
    "purpose",
    "background",
    "status",
    "also present",
    "in attendance",
    "source",
    "sources",
    "cc",
    "from",
    "to",
    "re",
    "ref",
    "reference",
    "response",
    "outcome",
    "update",
    "attendees",
    "members",
    "officers",
    "chair's announcements",
    "key",
    "answer",
    "question",
    "q",
    "a",
    "n.b",
    "nb",
    "warning",
    "meeting",
    "location",
    "report",
    "reason",
    "proposed",
    "seconded",
    "for",
    "against",
    "abstain",
    "abstentions",
    "motion",
    "amendment",
];

/// Labels that name a role in the hearing rather than a person.
const ROLE_LABELS: &[&str] = &[
    "chair",
    "the chair",
    "chairman",
    "the chairman",
    "chairwoman",
    "chairperson",
    "madam chair",
    "the witness",
    "witness",
    "the clerk",
    "clerk",
    "interpreter",
    "the interpreter",
    "the coroner",
    "coroner",
    "the commissioner",
    "commissioner",
    "the presiding officer",
    "presiding officer",
    "the deputy chair",
    "deputy chair",
    "vice-chair",
    "vice chair",
];

/// Who a label names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Speaker {
    /// A person, with any role and organisation the label gives.
    Person(SpeakerLabel),
    /// A role of the hearing ("Chair", "The Witness", "Counsel Inquiry").
    Role(String),
}

/// A speaker label found at the start of a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct LabelAt<'l> {
    /// The label as written, without markup, question number or colon.
    pub label: &'l str,
    /// The text after the label on the same line.
    pub rest: &'l str,
    /// Who it names, or `None` for a line shaped like a label that is not one
    /// (said in a warning, never folded silently into the previous turn).
    pub speaker: Option<Speaker>,
    /// A bare name with no title, role or emphasis: a label only if the
    /// document opens lines with it repeatedly.
    pub weak: bool,
}

/// The speaker label a line opens with, if it is shaped like one.
pub(super) fn label_at(line: &str) -> Option<LabelAt<'_>> {
    if let Some(cap) = BOLD_LABEL.captures(line) {
        let label = cap.get(1)?.as_str().trim();
        let rest = cap.get(2).map_or("", |m| m.as_str());
        return Some(LabelAt {
            label,
            rest,
            speaker: speaker_of(label),
            weak: false,
        });
    }
    let cap = PLAIN_LABEL.captures(line)?;
    let label = cap.get(1)?.as_str().trim();
    let rest = cap.get(2).map_or("", |m| m.as_str());
    let name_part = label.split(" (").next().unwrap_or(label);
    let letters: Vec<char> = name_part.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    let lower = name_part.to_lowercase();
    let titled = crate::names::TITLES
        .iter()
        .chain(crate::names::PEERAGES)
        .any(|t| name_part.starts_with(&format!("{t} ")));
    let role = ROLE_LABELS.contains(&lower.as_str()) || lower.starts_with("counsel");
    if FIELD_WORDS.contains(&lower.as_str()) {
        return None;
    }
    // "Matt Toombs: Thank you": a bare name is a label only where the
    // document uses it as one again and again (see `Signals::repeated_labels`).
    let words = name_part.split_whitespace().count();
    let weak = !(upper || titled || role);
    if weak && (name_part.contains('(') || !(2..=4).contains(&words)) {
        return None;
    }
    // One upper-case word is more often a field ("NOTE:", "PRESENT:") than a
    // speaker; a plain label needs two words, a title or a role.
    if upper && !titled && !role && !name_part.contains(' ') {
        return None;
    }
    Some(LabelAt {
        label,
        rest,
        speaker: speaker_of(label),
        weak,
    })
}

/// How often a bare name must open a line before it counts as a label.
pub(super) const BARE_LABEL_REPEATS: usize = 3;

/// Reads a label as a person or a role; upper-case labels ("MR BEER") are
/// read in title case.
fn speaker_of(label: &str) -> Option<Speaker> {
    let lower = label.to_lowercase();
    if ROLE_LABELS.contains(&lower.as_str())
        || lower.starts_with("counsel")
        || lower.starts_with("lead ")
    {
        return Some(Speaker::Role(label.to_owned()));
    }
    if FIELD_WORDS.contains(&lower.as_str()) {
        return None;
    }
    let letters: Vec<char> = label.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    let written = if upper {
        title_case(label)
    } else {
        label.to_owned()
    };
    let mut parsed = SpeakerLabel::parse(&written)?;
    parsed.label = label.to_owned();
    Some(Speaker::Person(parsed))
}

/// "MR JASON BEER KC" → "Mr Jason Beer KC": post-nominals stay upper case.
fn title_case(label: &str) -> String {
    label
        .split(' ')
        .map(|word| {
            if crate::names::is_post_nominal(word) {
                return word.to_owned();
            }
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A line that is a stage direction, not speech: `*(10.00 am)*`, `(Pause)`,
/// `[Short break]`, `*MS JANE RUNECKLES (affirmed).*`.
pub(super) fn is_stage_direction(line: &str) -> bool {
    let text = line.trim().trim_matches('*').trim_matches('_').trim();
    (text.starts_with('(') && text.ends_with([')', '.']))
        || (text.starts_with('[') && text.ends_with(']'))
        || (line.trim().starts_with('*')
            && line.trim().ends_with('*')
            && !line.trim().starts_with("**")
            && text.len() < 200)
}

/// "Transcript of Agenda Item 6 - Title – Panel Two".
static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"Transcript of (?:Agenda )?Item ([0-9]{1,3}[a-z]?)\s*[-–—:]?\s*(.*?)(?:\s+[-–—]\s+(Panel \w+))?$").expect("valid regex")
});

/// Whether a line is a transcript header (a bold line naming "Transcript of ... Item").
pub(super) fn is_header(line: &str) -> bool {
    line.starts_with("**") && HEADER.is_match(&plain(line))
}

/// One speaker turn being collected.
struct Turn<'s> {
    /// The label as written.
    label: String,
    /// Who it names.
    speaker: Speaker,
    first: usize,
    last: usize,
    paragraphs: Vec<&'s str>,
}

pub(super) fn parse(ctx: &mut Ctx<'_>, section: Section) {
    let header = ctx.src.line(section.first);
    let header_text = plain(header);
    let Some(cap) = HEADER.captures(&header_text) else {
        return;
    };
    let number = cap[1].to_owned();
    let item_title = cap[2].trim().to_owned();
    let panel = cap.get(3).map(|m| m.as_str().to_owned());
    // The body and date stand before "Transcript of" on the header line, or,
    // in a header split over lines, on the line or two above it.
    let before_on_line = header_text[..header_text.find("Transcript of").unwrap_or(0)].to_owned();
    let meeting_line = if find_date(&before_on_line).is_some() {
        section.first
    } else {
        (section.first.saturating_sub(3).max(1)..section.first)
            .rev()
            .take_while(|&n| !ctx.src.line(n).trim().is_empty() || n + 1 == section.first)
            .find(|&n| find_date(&plain(ctx.src.line(n))).is_some())
            .unwrap_or(section.first)
    };
    let before = if meeting_line == section.first {
        before_on_line
    } else {
        plain(ctx.src.line(meeting_line).trim_start_matches('#'))
    };
    let before = before.as_str();
    let Some((date, date_text)) = find_date(before) else {
        ctx.error(section.first, "transcript header without a meeting date: expected e.g. \"Body – Wednesday 8 March 2023\" before \"Transcript of\", on its line or the line above");
        return;
    };
    // The body is what precedes the weekday and the date.
    let body_text =
        strip_trailing_weekday(&before[..before.find(date_text).unwrap_or(before.len())]);
    let header_span = ctx.src.quote_line(section.first, header);
    let Some(body) = add_org(ctx, body_text, ctx.src.quote_line(meeting_line, body_text)) else {
        ctx.error(
            section.first,
            "transcript header without a body: expected the committee's name before the date",
        );
        return;
    };
    let iso = date.to_string();
    let date_span = ctx.src.quote_line(meeting_line, date_text);
    let body_span = ctx.src.quote_line(meeting_line, body_text);
    let node = meeting_node(ctx, &body, &iso, date_text, date_span, Some(body_span));
    let meeting = node.key.clone();
    ctx.out.add_node(node);
    let item = item_key(&meeting, &number);
    let title_quote = find_in_line(header, &item_title);
    ctx.out.add_node(
        Node::new(
            item.clone(),
            NodeKind::AgendaItem,
            item_title.clone(),
            ctx.src.quote_line(section.first, title_quote),
        )
        .with("number", number.clone())
        .with("title", item_title.clone()),
    );
    ctx.out.add_edge(Edge::new(
        item.clone(),
        EdgeKind::ItemOf,
        meeting.clone(),
        header_span.clone(),
    ));
    let title_span = ctx.src.quote_line(section.first, title_quote);
    super::meeting::add_discussed_review(ctx, &item_title, &item, title_span);

    let mut doc_slug = format!("{}/item-{}", crate::keys::path(&meeting), slug(&number));
    if let Some(panel) = &panel {
        doc_slug = format!("{doc_slug}/{}", slug(panel));
    }
    let transcript = crate::keys::document_part("transcript", &doc_slug);
    let title = match &panel {
        Some(panel) => format!(
            "Transcript of agenda item {number}, {item_title} – {panel} ({}, {date_text})",
            body.name
        ),
        None => format!(
            "Transcript of agenda item {number}, {item_title} ({}, {date_text})",
            body.name
        ),
    };
    let mut doc = Node::new(
        transcript.clone(),
        NodeKind::Document,
        title,
        header_span.clone(),
    )
    .with("kind", "transcript")
    .with("date", iso.clone());
    if let Some(panel) = &panel {
        doc = doc.with("panel", panel.clone());
    }
    ctx.out.add_node(doc);
    ctx.out.add_edge(Edge::new(
        transcript.clone(),
        EdgeKind::PartOf,
        ctx.doc_key.clone(),
        header_span.clone(),
    ));
    ctx.out.add_edge(Edge::new(
        transcript.clone(),
        EdgeKind::Records,
        meeting.clone(),
        header_span,
    ));

    let turns = collect_turns(ctx, section.first + 1, section.last, true);
    if turns.is_empty() {
        ctx.error(section.first, "transcript with no speaker turns: expected lines starting with a bold label such as \"**Name (Role):**\"");
    }
    let scope = Scope {
        meeting: Some(&meeting),
        item: Some(&item),
        transcript: &transcript,
        doc_slug: &doc_slug,
        date: Some(&iso),
        body: Some(&body),
        panel: panel.as_deref(),
        chair: chair_of(ctx, &meeting),
    };
    for (ordinal, turn) in turns.into_iter().enumerate() {
        add_statement(ctx, &scope, ordinal + 1, turn);
    }
}

/// Who spoke at a hearing attended it. Where the document lists no one (an
/// inquiry's transcript has no attendance list), each person who speaks is
/// present, from their first turn, with `basis: spoke` saying how that is
/// known; where a list is read, it says who attended and how.
fn speakers_attended(ctx: &mut Ctx<'_>, meeting: &str, date: &str) {
    let listed = ctx
        .out
        .edges
        .values()
        .any(|e| e.kind == EdgeKind::Attended && e.target == meeting);
    if listed {
        return;
    }
    let mut first: BTreeMap<String, crate::model::Span> = BTreeMap::new();
    for e in ctx.out.edges.values().filter(|e| e.kind == EdgeKind::Spoke) {
        let Some(span) = e.provenance.first() else {
            continue;
        };
        let entry = first
            .entry(e.source.clone())
            .or_insert_with(|| span.clone());
        if span.first_line < entry.first_line {
            *entry = span.clone();
        }
    }
    for (person, span) in first {
        super::meeting::told_attendance(ctx, meeting, date, &person, span, "spoke");
    }
}

/// What every statement of one transcript links to.
struct Scope<'a> {
    meeting: Option<&'a str>,
    item: Option<&'a str>,
    transcript: &'a str,
    doc_slug: &'a str,
    date: Option<&'a str>,
    body: Option<&'a crate::orgs::Org>,
    panel: Option<&'a str>,
    /// The person chairing, for `Chair:` labels.
    chair: Option<String>,
}

/// The person the document says chaired `meeting` (its `chaired-by` edge).
fn chair_of(ctx: &Ctx<'_>, meeting: &str) -> Option<String> {
    ctx.out
        .edges
        .values()
        .find(|e| e.kind == EdgeKind::ChairedBy && e.source == meeting)
        .map(|e| e.target.clone())
}

/// Collects the turns of lines `first..=last`. In an agenda pack's transcript
/// (`strict`) every line belongs to a turn and a broken label is an error; in
/// a hearing, headings end a turn and name the witness who follows.
fn collect_turns<'s>(ctx: &mut Ctx<'s>, first: usize, last: usize, strict: bool) -> Vec<Turn<'s>> {
    let src = ctx.src;
    let mut turns: Vec<Turn<'s>> = Vec::new();
    // Whether the last turn still takes lines: a heading ends it.
    let mut open = false;
    let mut witness: Option<SpeakerLabel> = None;
    let mut refused: Vec<(String, usize, usize)> = Vec::new();
    let heading_lines: Vec<(usize, usize)> = ctx
        .blocks
        .iter()
        .filter(|b| b.is_heading() || b.kind == BlockKind::Directive)
        .filter(|b| b.first >= first && b.last <= last)
        .map(|b| (b.first, b.last))
        .collect();
    let mut n = first;
    while n <= last {
        let line = src.line(n);
        if let Some(&(_, heading_last)) = heading_lines.iter().find(|(f, _)| *f == n) {
            if !strict {
                // "Paula Vennells" over "*PAULA ANNE VENNELLS (sworn).*": the witness.
                let sworn = (heading_last + 1..=(heading_last + 4).min(last)).any(|m| {
                    ["(sworn)", "(affirmed)"]
                        .iter()
                        .any(|w| src.line(m).to_lowercase().contains(w))
                });
                if sworn {
                    let title = plain(line.trim_start_matches('#'));
                    witness = SpeakerLabel::parse(&title);
                }
                open = false;
            }
            n = heading_last + 1;
            continue;
        }
        n += 1;
        if line.trim().is_empty() || is_page_furniture(line) || is_stage_direction(line) {
            continue;
        }
        if let Some(found) =
            label_at(line).filter(|l| !l.weak || ctx.signals.repeated_labels.contains(l.label))
        {
            match found.speaker {
                Some(speaker) => {
                    let speaker = match (speaker, &witness) {
                        (Speaker::Role(role), Some(w))
                            if role.to_lowercase().contains("witness") =>
                        {
                            Speaker::Person(w.clone())
                        }
                        (speaker, _) => speaker,
                    };
                    let text = found.rest;
                    turns.push(Turn {
                        label: found.label.to_owned(),
                        speaker,
                        first: n - 1,
                        last: n - 1,
                        paragraphs: if text.trim().is_empty() {
                            vec![]
                        } else {
                            vec![text]
                        },
                    });
                    open = true;
                    continue;
                }
                None => match refused.iter_mut().find(|(l, _, _)| l == found.label) {
                    Some(entry) => entry.2 += 1,
                    None => refused.push((found.label.to_owned(), n - 1, 1)),
                },
            }
        }
        if strict && line.starts_with("**") && !line[2..].contains("**") {
            ctx.error(
                n - 1,
                "unterminated speaker label: expected \"**Name (Role):**\" before the text",
            );
            continue;
        }
        match turns.last_mut() {
            Some(turn) if open => {
                turn.paragraphs.push(line);
                turn.last = n - 1;
            }
            _ if strict => ctx.warn(n - 1, "text before the first speaker label of a transcript: expected a label such as \"**Name (Role):**\""),
            _ => {}
        }
    }
    for (label, line, count) in refused {
        ctx.warn(
            line,
            format!("{count} line(s) open with {label:?} like a speaker label, but it names no person or role: kept as text of the turn before"),
        );
    }
    turns.retain(|turn| {
        if turn.paragraphs.is_empty() {
            if strict {
                ctx.error(
                    turn.first,
                    format!(
                        "speaker label {:?} with nothing after it: expected what they said",
                        turn.label
                    ),
                );
            } else {
                ctx.warn(
                    turn.first,
                    format!(
                        "speaker label {:?} with nothing after it: no turn",
                        turn.label
                    ),
                );
            }
        }
        !turn.paragraphs.is_empty()
    });
    turns
}

/// A hearing's transcript: a whole document of labelled turns with no agenda
/// pack header. The date comes from the manifest or the first heading; the
/// body is the publisher the manifest names.
pub(super) fn parse_hearing(ctx: &mut Ctx<'_>) {
    let src = ctx.src;
    // A handful of labels is a quoted exchange in a report; a hearing has many,
    // and they open a good share of its paragraphs.
    let paragraphs = ctx
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem { .. }))
        .count();
    let labels = ctx.signals.label_lines;
    if labels < 5 || labels * 5 < paragraphs {
        return;
    }
    let Some(start) = ctx
        .blocks
        .iter()
        .find(|b| {
            label_at(src.line(b.first)).is_some_and(|l| {
                l.speaker.is_some() && (!l.weak || ctx.signals.repeated_labels.contains(l.label))
            })
        })
        .map(|b| b.first)
    else {
        return;
    };
    // The date as the text writes it before the first turn (the manifest's
    // date, where it gives one, picks the line that writes it).
    let wanted = ctx
        .meta
        .date
        .as_deref()
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let written = (1..start).find_map(|n| {
        find_date(src.line(n))
            .filter(|(d, _)| wanted.is_none_or(|w| w == *d))
            .map(|(d, text)| (d, Some((n, text))))
    });
    let date = written.or_else(|| wanted.map(|d| (d, None)));
    let iso = date.as_ref().map(|(d, _)| d.to_string());
    let body = ctx
        .meta
        .publisher
        .clone()
        .and_then(|p| ctx.orgs.resolve(&p));
    // A meeting the document's own header names (its minutes-style
    // "Members present" list) comes first; else the publisher's on the date.
    let recorded = ctx
        .out
        .edges
        .values()
        .find(|e| e.kind == EdgeKind::Records && e.source == ctx.doc_key)
        .map(|e| e.target.clone());
    let mut meeting = recorded;
    if meeting.is_none() {
        if let (Some(body), Some((_, Some((line, date_text))))) = (&body, &date) {
            let date_span = src.quote_line(*line, date_text);
            let node = super::meeting_node_without_body_span(
                ctx,
                body,
                iso.as_deref().unwrap_or_default(),
                date_text,
                date_span,
            );
            meeting = Some(ctx.out.add_node(node).to_owned());
            if let Some(meeting) = &meeting {
                ctx.out.add_edge(Edge::new(
                    ctx.doc_key.clone(),
                    EdgeKind::Records,
                    meeting.clone(),
                    src.quote_line(*line, date_text),
                ));
            }
        } else {
            ctx.warn(start, "a hearing transcript with no meeting: expected a date before the first turn and its body (the manifest's publisher)");
        }
    }
    let turns = collect_turns(ctx, start, src.len(), false);
    let last = turns.last().map_or(start, |t| t.last);
    ctx.signals.regions.push(crate::coverage::Region {
        kind: crate::coverage::DocumentKind::Transcript,
        first: start,
        last,
        evidence: format!("{} labelled turns", turns.len()),
    });
    let doc_key = ctx.doc_key.clone();
    let doc_slug = crate::keys::path(&doc_key).to_owned();
    let chair = meeting.as_deref().and_then(|m| chair_of(ctx, m));
    let scope = Scope {
        meeting: meeting.as_deref(),
        item: None,
        transcript: &doc_key,
        doc_slug: &doc_slug,
        date: iso.as_deref(),
        body: body.as_ref(),
        panel: None,
        chair,
    };
    for (ordinal, turn) in turns.into_iter().enumerate() {
        add_statement(ctx, &scope, ordinal + 1, turn);
    }
    if let (Some(meeting), Some(date)) = (meeting.as_deref(), iso.as_deref()) {
        speakers_attended(ctx, meeting, date);
    }
}

fn add_statement(ctx: &mut Ctx<'_>, scope: &Scope<'_>, ordinal: usize, turn: Turn<'_>) {
    let key = crate::keys::statement(scope.doc_slug, ordinal);
    let span = ctx.src.span(turn.first, turn.last);
    let label_span = ctx.src.quote_line(turn.first, &turn.label);
    let text = turn.paragraphs.join("\n\n");
    let preview: String = plain(&text).chars().take(80).collect();
    let (label, person) = match &turn.speaker {
        Speaker::Person(label) => {
            let person = add_person(ctx, &label.name, &turn.label, label_span.clone());
            (Some(label), Some(person))
        }
        // "Chair:" is whoever chaired the meeting, where the document says who.
        Speaker::Role(role)
            if crate::names::is_chair_role(
                role.trim_start_matches("The ").trim_start_matches("the "),
            ) =>
        {
            (None, scope.chair.clone())
        }
        Speaker::Role(_) => (None, None),
    };
    let shown = label.map_or(turn.label.as_str(), |l| l.name.full.as_str());
    let mut node = Node::new(
        key.clone(),
        NodeKind::Statement,
        format!("{shown}: {preview}"),
        span.clone(),
    )
    .with("text", text)
    .with("speaker_label", turn.label.clone())
    .with("ordinal", ordinal.to_string())
    .with("verbatim", "true");
    if let Some(date) = scope.date {
        node = node.with("date", date);
    }
    if let Speaker::Role(role) = &turn.speaker {
        node = node.with("role", role.clone());
    }
    if let Some(role) = label.and_then(|l| l.role_as_labelled.as_ref()) {
        node = node.with("role_as_labelled", role.clone());
    }
    if let Some(role) = label.and_then(|l| l.role.as_ref()) {
        node = node.with("role", role.clone());
    }
    if let Some(panel) = scope.panel {
        node = node.with("panel", panel);
    }
    let org = match label.and_then(|l| l.organisation.as_ref()) {
        Some(org) => add_org(ctx, org, ctx.src.quote_line(turn.first, org)),
        // "(Commissioner of Police of the Metropolis)": a post of a known
        // organisation speaks for it.
        None => label
            .and_then(|l| l.role_as_labelled.as_ref())
            .and_then(|role| ctx.orgs.resolve_post(role))
            .and_then(|post| post.organisation)
            .inspect(|org| {
                let span = label_span.clone();
                ctx.out.add_node(super::entities::org_node(org, span));
            }),
    };
    if let Some(org) = &org {
        node = node.with("organisation", org.name.clone());
        ctx.out.add_edge(Edge::new(
            key.clone(),
            EdgeKind::SpeakingFor,
            org.key.clone(),
            label_span.clone(),
        ));
    }
    ctx.out.add_node(node);
    if let Some(person) = &person {
        let mut spoke = Edge::new(
            person.clone(),
            EdgeKind::Spoke,
            key.clone(),
            label_span.clone(),
        );
        if let Some(role) = label.and_then(|l| l.role_as_labelled.as_ref()) {
            spoke = spoke.with("role_as_labelled", role.clone());
        }
        ctx.out.add_edge(spoke);
    }
    if let Some(item) = scope.item {
        ctx.out.add_edge(Edge::new(
            key.clone(),
            EdgeKind::InItem,
            item.to_owned(),
            label_span.clone(),
        ));
    }
    if let Some(meeting) = scope.meeting {
        ctx.out.add_edge(Edge::new(
            key.clone(),
            EdgeKind::AtMeeting,
            meeting.to_owned(),
            label_span.clone(),
        ));
    }
    ctx.out.add_edge(Edge::new(
        key,
        EdgeKind::InDocument,
        scope.transcript.to_owned(),
        label_span.clone(),
    ));
    if let (Some(person), Some(role), Some(date)) =
        (&person, label.and_then(|l| l.role.as_ref()), scope.date)
    {
        // A committee role (Chair, Deputy Chair) is held in the body that met.
        let org = if org.is_none() && role.to_ascii_lowercase().contains("chair") {
            scope.body.cloned()
        } else {
            org
        };
        add_membership(
            ctx,
            person,
            org.as_ref(),
            role,
            date,
            "labelled",
            label_span,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speaker(line: &str) -> Option<String> {
        label_at(line).and_then(|l| l.speaker).map(|s| match s {
            Speaker::Person(p) => format!("person {}", p.name.core),
            Speaker::Role(r) => format!("role {r}"),
        })
    }

    #[test]
    fn labels_in_every_form() {
        assert_eq!(
            speaker("**Kenny Bowie (Director, MOPAC):** Thank you."),
            Some("person Kenny Bowie".into())
        );
        assert_eq!(
            speaker("**Lady Hallett**: Good morning."),
            Some("person Lady Hallett".into())
        );
        assert_eq!(
            speaker("MR BEER: Good morning, sir."),
            Some("person Beer".into())
        );
        assert_eq!(speaker("Q12 Chair: Thank you."), Some("role Chair".into()));
        assert_eq!(
            speaker("**Counsel Inquiry**: Thank you."),
            Some("role Counsel Inquiry".into())
        );
        assert_eq!(
            speaker("The Witness: Yes."),
            Some("role The Witness".into())
        );
        assert_eq!(
            speaker("Mr Toby Mason: I did."),
            Some("person Toby Mason".into())
        );
    }

    #[test]
    fn fields_and_prose_are_not_labels() {
        for line in [
            "PRESENT: Shellina Prendergast (Chair), Paul Bartlett",
            "Apologies: none",
            "Note: the meeting was remote",
            "The committee agreed: that the report be noted",
            "RESOLVED: that the minutes be agreed",
            "Contact: Jane Smith, Clerk",
        ] {
            assert_eq!(speaker(line), None, "{line}");
        }
        // Shaped like a label, but no person or role: refused, so said.
        assert!(label_at("**Lead 2B**: Thank you.").is_some());
        assert!(label_at("**Recommendation 3**: x").is_some_and(|l| l.speaker.is_none()));
    }

    #[test]
    fn stage_directions() {
        for line in [
            "*(10.00 am)*",
            "(Pause)",
            "*MS JANE RUNECKLES (affirmed).*",
            "[Short break]",
        ] {
            assert!(is_stage_direction(line), "{line}");
        }
        assert!(!is_stage_direction("**Lady Hallett**: (laughs) Yes."));
        assert!(!is_stage_direction("Thank you (very much)"));
    }
}
