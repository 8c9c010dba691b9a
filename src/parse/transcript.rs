//! Verbatim transcripts: every speaker turn becomes one Statement.
//!
//! A turn starts at a line opening with a bold label (`**Name (Role, Org):**`)
//! and runs, over any number of paragraphs, until the next label or the end of
//! the transcript. Page furniture ("This page is intentionally left blank") is
//! not part of a turn.

use std::sync::LazyLock;

use regex::Regex;

use super::entities::{add_membership, add_org, add_person, find_in_line};
use super::{item_key, meeting_node, Ctx, Section};
use crate::model::{Edge, EdgeKind, Node, NodeKind};
use crate::names::SpeakerLabel;
use crate::text::{find_date, is_page_furniture, plain, slug};

/// A speaker label at the start of a line, and the text after it.
static LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\*\*([^*]+?):\*\*\s*(.*)$").expect("valid regex"));

/// "Transcript of Agenda Item 6 - Title – Panel Two".
static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"Transcript of (?:Agenda )?Item (\d{1,3}[a-z]?)\s*[-–—:]?\s*(.*?)(?:\s+[-–—]\s+(Panel \w+))?$").expect("valid regex")
});

/// Whether a line is a transcript header (a bold line naming "Transcript of ... Item").
pub(super) fn is_header(line: &str) -> bool {
    line.starts_with("**") && HEADER.is_match(&plain(line))
}

/// One speaker turn being collected.
struct Turn<'s> {
    label: SpeakerLabel,
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
    let before = &header_text[..header_text.find("Transcript of").unwrap_or(0)];
    let Some((date, date_text)) = find_date(before) else {
        ctx.error(section.first, "transcript header without a meeting date: expected e.g. \"Body – Wednesday 8 March 2023\"");
        return;
    };
    // The body is what precedes the weekday and the date.
    let body_text = strip_weekday(&before[..before.find(date_text).unwrap_or(before.len())]);
    let header_span = ctx.src.quote_line(section.first, header);
    let Some(body) = add_org(ctx, body_text, ctx.src.quote_line(section.first, body_text)) else {
        ctx.error(
            section.first,
            "transcript header without a body: expected the committee's name before the date",
        );
        return;
    };
    let iso = date.to_string();
    let date_span = ctx.src.quote_line(section.first, date_text);
    let body_span = ctx.src.quote_line(section.first, body_text);
    let node = meeting_node(ctx, &body, &iso, date_text, date_span, body_span);
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

    let mut doc_slug = format!(
        "{}/item-{}",
        meeting.trim_start_matches("meeting/"),
        slug(&number)
    );
    if let Some(panel) = &panel {
        doc_slug = format!("{doc_slug}/{}", slug(panel));
    }
    let transcript = format!("document/transcript/{doc_slug}");
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

    let turns = collect_turns(ctx, section);
    if turns.is_empty() {
        ctx.error(section.first, "transcript with no speaker turns: expected lines starting with a bold label such as \"**Name (Role):**\"");
    }
    let scope = Scope {
        meeting: &meeting,
        item: &item,
        transcript: &transcript,
        doc_slug: &doc_slug,
        date: &iso,
        body: &body,
        panel: panel.as_deref(),
    };
    for (ordinal, turn) in turns.into_iter().enumerate() {
        add_statement(ctx, &scope, ordinal + 1, turn);
    }
}

/// What every statement of one transcript links to.
struct Scope<'a> {
    meeting: &'a str,
    item: &'a str,
    transcript: &'a str,
    doc_slug: &'a str,
    date: &'a str,
    body: &'a crate::orgs::Org,
    panel: Option<&'a str>,
}

/// Drops a trailing weekday ("Police and Crime Committee – Wednesday").
fn strip_weekday(text: &str) -> &str {
    const DAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let mut text = text.trim();
    for day in DAYS {
        if let Some(rest) = text.strip_suffix(day) {
            text = rest.trim_end();
        }
    }
    text.trim_end_matches(|c: char| c.is_whitespace() || "-–—,".contains(c))
}

fn collect_turns<'s>(ctx: &mut Ctx<'s>, section: Section) -> Vec<Turn<'s>> {
    let src = ctx.src;
    let mut turns: Vec<Turn<'s>> = Vec::new();
    for n in section.first + 1..=section.last {
        let line = src.line(n);
        if line.trim().is_empty() || is_page_furniture(line) {
            continue;
        }
        if let Some(cap) = LABEL.captures(line) {
            if let Some(label) = SpeakerLabel::parse(&cap[1]) {
                let text = cap.get(2).map_or("", |m| m.as_str());
                turns.push(Turn {
                    label,
                    first: n,
                    last: n,
                    paragraphs: if text.trim().is_empty() {
                        vec![]
                    } else {
                        vec![text]
                    },
                });
                continue;
            }
        }
        if line.starts_with("**") && !line[2..].contains("**") {
            ctx.error(
                n,
                "unterminated speaker label: expected \"**Name (Role):**\" before the text",
            );
            continue;
        }
        match turns.last_mut() {
            Some(turn) => {
                turn.paragraphs.push(line);
                turn.last = n;
            }
            None => ctx.warn(n, "text before the first speaker label of a transcript: expected a label such as \"**Name (Role):**\""),
        }
    }
    turns.retain(|turn| {
        if turn.paragraphs.is_empty() {
            ctx.error(
                turn.first,
                format!(
                    "speaker label {:?} with nothing after it: expected what they said",
                    turn.label.label
                ),
            );
        }
        !turn.paragraphs.is_empty()
    });
    turns
}

fn add_statement(ctx: &mut Ctx<'_>, scope: &Scope<'_>, ordinal: usize, turn: Turn<'_>) {
    let key = format!("statement/{}/{ordinal}", scope.doc_slug);
    let span = ctx.src.span(turn.first, turn.last);
    let label_span = ctx.src.quote_line(turn.first, &turn.label.label);
    let text = turn.paragraphs.join("\n\n");
    let person = add_person(ctx, &turn.label.name, &turn.label.label, label_span.clone());
    let preview: String = plain(&text).chars().take(80).collect();
    let mut node = Node::new(
        key.clone(),
        NodeKind::Statement,
        format!("{}: {preview}", turn.label.name.full),
        span.clone(),
    )
    .with("text", text)
    .with("speaker_label", turn.label.label.clone())
    .with("ordinal", ordinal.to_string())
    .with("date", scope.date)
    .with("verbatim", "true");
    if let Some(role) = &turn.label.role_as_labelled {
        node = node.with("role_as_labelled", role.clone());
    }
    if let Some(role) = &turn.label.role {
        node = node.with("role", role.clone());
    }
    if let Some(panel) = scope.panel {
        node = node.with("panel", panel);
    }
    let org = match &turn.label.organisation {
        Some(org) => add_org(ctx, org, ctx.src.quote_line(turn.first, org)),
        None => None,
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
    let mut spoke = Edge::new(
        person.clone(),
        EdgeKind::Spoke,
        key.clone(),
        label_span.clone(),
    );
    if let Some(role) = &turn.label.role_as_labelled {
        spoke = spoke.with("role_as_labelled", role.clone());
    }
    ctx.out.add_edge(spoke);
    ctx.out.add_edge(Edge::new(
        key.clone(),
        EdgeKind::InItem,
        scope.item.to_owned(),
        label_span.clone(),
    ));
    ctx.out.add_edge(Edge::new(
        key.clone(),
        EdgeKind::AtMeeting,
        scope.meeting.to_owned(),
        label_span.clone(),
    ));
    ctx.out.add_edge(Edge::new(
        key,
        EdgeKind::InDocument,
        scope.transcript.to_owned(),
        label_span.clone(),
    ));
    if let Some(role) = &turn.label.role {
        // A committee role (Chair, Deputy Chair) is held in the body that met.
        let org = if org.is_none() && role.to_ascii_lowercase().contains("chair") {
            Some(scope.body.clone())
        } else {
            org
        };
        add_membership(
            ctx,
            &person,
            org.as_ref(),
            role,
            scope.date,
            "labelled",
            label_span,
        );
    }
}
