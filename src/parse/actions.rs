//! Summary lists of actions: under each "Actions Arising from the Meeting Held
//! on <date>" heading, a tab-separated table whose header names the item, its
//! title, the responsible person, the action and its status.

use std::sync::LazyLock;

use regex::Regex;

use super::entities::{add_org, add_person, find_in_line};
use super::report::add_post;
use super::{item_key, meeting_node, Ctx};
use crate::model::{Edge, EdgeKind, Node, NodeKind, Span};
use crate::names::PersonName;
use crate::orgs::Post;
use crate::text::{find_date, plain, slug};

/// "Actions Arising from the Meeting Held on 22 March 2023".
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^actions arising from the meeting held on (.+)$").expect("valid regex")
});

/// The columns an action table must have, found by their header words.
struct Columns {
    item: usize,
    title: Option<usize>,
    responsible: usize,
    action: usize,
    status: usize,
}

impl Columns {
    fn from_header(cells: &[String]) -> Option<Columns> {
        let find = |word: &str| {
            cells
                .iter()
                .position(|c| c.to_ascii_lowercase().contains(word))
        };
        Some(Columns {
            item: find("item no")?,
            title: find("item title"),
            responsible: find("responsible")?,
            action: find("action")?,
            status: find("status")?,
        })
    }
}

fn cells(line: &str) -> Vec<String> {
    line.split('\t')
        .map(|c| plain(c).trim_start_matches("• ").to_owned())
        .collect()
}

/// The committee a "Report to:" line names above `n`; else the body of the
/// meeting whose record line `n` is in (the nearest meeting this document
/// records that begins before it: a pack holds the minutes of several);
/// else the body of the first meeting it records, or names.
pub(super) fn committee(ctx: &Ctx<'_>, n: usize) -> Option<String> {
    let reported_to = (1..n).rev().find_map(|m| {
        let text = plain(ctx.src.line(m));
        text.strip_prefix("Report to:")
            .map(|body| body.trim().to_owned())
    });
    if reported_to.is_some() {
        return reported_to;
    }
    // (first line of the meeting's own record, body), for each meeting this
    // document records. A meeting dated by a line elsewhere ("notes of the
    // Joint session … held on …") begins where its attendance lists do.
    let first_line = |meeting: &str, kind: EdgeKind| {
        ctx.out
            .edges
            .values()
            .filter(|e| e.kind == kind && e.target == meeting)
            .flat_map(|e| &e.provenance)
            .map(|s| s.first_line)
            .min()
    };
    let recorded: Vec<(u32, &str)> = ctx
        .out
        .edges
        .values()
        .filter(|e| e.kind == EdgeKind::Records && e.source == ctx.doc_key)
        .filter_map(|e| {
            let meeting = ctx.out.nodes.get(&e.target)?;
            let first = if meeting.prop("date_source").is_some() {
                first_line(&meeting.key, EdgeKind::Attended)?
            } else {
                first_line(&meeting.key, EdgeKind::Records)?
            };
            Some((first, meeting.prop("body")?))
        })
        .collect();
    let line = u32::try_from(n).unwrap_or(u32::MAX);
    recorded
        .iter()
        .filter(|(first, _)| *first <= line)
        .max_by_key(|(first, _)| *first)
        .or_else(|| recorded.iter().min_by_key(|(first, _)| *first))
        .map(|(_, body)| (*body).to_owned())
        .or_else(|| {
            // A transcript or report names its meeting without recording it.
            ctx.out
                .nodes
                .values()
                .find(|m| m.kind == NodeKind::Meeting)
                .and_then(|m| m.prop("body").map(str::to_owned))
        })
}

pub(super) fn parse(ctx: &mut Ctx<'_>) {
    let mut n = 1;
    while n <= ctx.src.len() {
        let line = ctx.src.line(n);
        if !line.starts_with('#') {
            n += 1;
            continue;
        }
        let heading = plain(line.trim_start_matches('#'));
        let Some(cap) = (line.starts_with('#'))
            .then(|| HEADING.captures(&heading))
            .flatten()
        else {
            n += 1;
            continue;
        };
        let Some((date, date_text)) = find_date(&cap[1]) else {
            ctx.warn(
                n,
                format!(
                    "unreadable meeting date {:?}: expected a date such as \"8 March 2023\"",
                    &cap[1]
                ),
            );
            n += 1;
            continue;
        };
        let date_text = date_text.to_owned();
        let Some(body) = committee(ctx, n).and_then(|b| ctx.orgs.resolve(&b)) else {
            ctx.warn(
                n,
                "actions with no committee: expected a \"Report to:\" line above them",
            );
            n += 1;
            continue;
        };
        let meeting_span = ctx.src.quote_line(n, &date_text);
        let node = meeting_node(
            ctx,
            &body,
            &date.to_string(),
            &date_text,
            meeting_span.clone(),
            Some(meeting_span),
        );
        let meeting = node.key.clone();
        ctx.out.add_node(node);

        // The header row, then one row per line until the table ends.
        let Some(header) =
            (n + 1..=ctx.src.len().min(n + 4)).find(|&m| ctx.src.line(m).contains('\t'))
        else {
            n += 1;
            continue;
        };
        let Some(columns) = Columns::from_header(&cells(ctx.src.line(header))) else {
            ctx.warn(header, "an action table without the columns Item No., Responsible Person, Action(s) and Status");
            n = header + 1;
            continue;
        };
        let mut row_number = 0;
        let mut m = header + 1;
        while m <= ctx.src.len() {
            let row = ctx.src.line(m);
            if row.starts_with('#') || (!row.contains('\t') && !row.trim().is_empty()) {
                break;
            }
            if row.contains('\t') {
                row_number += 1;
                add_action(ctx, &columns, &cells(row), m, &meeting, row_number);
            }
            m += 1;
        }
        n = m;
    }
}

fn add_action(
    ctx: &mut Ctx<'_>,
    columns: &Columns,
    cells: &[String],
    n: usize,
    meeting: &str,
    row: usize,
) {
    let cell = |i: usize| {
        cells
            .get(i)
            .map(String::as_str)
            .unwrap_or("")
            .trim()
            .to_owned()
    };
    let (item, responsible, text, status_text) = (
        cell(columns.item),
        cell(columns.responsible),
        cell(columns.action),
        cell(columns.status),
    );
    if item.is_empty() || text.is_empty() {
        ctx.warn(n, "an action row without an item number or action text");
        return;
    }
    let status = status_text
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_lowercase();
    let line = ctx.src.line(n);
    let key = crate::keys::under(
        "action",
        &[
            crate::keys::path(meeting),
            &format!("item-{}", slug(&item)),
            &row.to_string(),
        ],
    );
    let span = ctx.src.span(n, n);
    let preview: String = text.chars().take(80).collect();
    let mut node = Node::new(key.clone(), NodeKind::Action, preview, span.clone())
        .with("item", item.clone())
        .with("text", text)
        .with("responsible", responsible.clone())
        .with("status", status)
        .with("status_text", status_text);
    if let Some(title) = columns.title.map(cell).filter(|t| !t.is_empty()) {
        node = node.with("item_title", title.clone());
        let item_node = item_key(meeting, &item);
        let title_span = ctx.src.quote_line(n, find_in_line(line, &title));
        ctx.out.add_node(
            Node::new(
                item_node.clone(),
                NodeKind::AgendaItem,
                title.clone(),
                title_span.clone(),
            )
            .with("number", item.clone())
            .with("title", title),
        );
        ctx.out.add_edge(Edge::new(
            item_node.clone(),
            EdgeKind::ItemOf,
            meeting.to_owned(),
            title_span.clone(),
        ));
        ctx.out.add_edge(Edge::new(
            key.clone(),
            EdgeKind::InItem,
            item_node,
            title_span,
        ));
    }
    ctx.out.add_node(node);
    ctx.out.add_edge(Edge::new(
        key.clone(),
        EdgeKind::ArisesFrom,
        meeting.to_owned(),
        span,
    ));
    if !responsible.is_empty() {
        let responsible_span = ctx.src.quote_line(n, find_in_line(line, &responsible));
        if let Some(party) = add_party(ctx, &responsible, responsible_span.clone()) {
            ctx.out.add_edge(Edge::new(
                party,
                EdgeKind::ResponsibleFor,
                key,
                responsible_span,
            ));
        }
    }
}

/// Resolves who is named as responsible: an organisation ("MPS"), a post
/// ("Commissioner, MPS", "Senior Policy Adviser") or a person named with a
/// title or honours ("Sir Thomas Winsor").
pub(crate) fn add_party(ctx: &mut Ctx<'_>, text: &str, span: Span) -> Option<String> {
    if ctx.orgs.is_known(text) {
        return add_org(ctx, text, span).map(|o| o.key);
    }
    if let Some(post) = ctx.orgs.resolve_post(text) {
        return Some(add_post(ctx, &post, span));
    }
    if let Some(person) =
        PersonName::parse(text).filter(|p| !p.titles.is_empty() || !p.post_nominals.is_empty())
    {
        return Some(add_person(ctx, &person, text, span));
    }
    // "Role, Organisation": a post in that organisation.
    let (role, organisation) = match text.rsplit_once(", ") {
        Some((role, org)) if ctx.orgs.is_known(org) => (role, ctx.orgs.resolve(org)),
        _ => (text, None),
    };
    if let Some(post) = ctx.orgs.resolve_post(role).filter(|p| {
        p.organisation.as_ref().map(|o| &o.key) == organisation.as_ref().map(|o| &o.key)
    }) {
        return Some(add_post(ctx, &post, span));
    }
    let post = Post {
        key: crate::keys::post(text),
        name: text.to_owned(),
        organisation,
    };
    Some(add_post(ctx, &post, span))
}
