//! The front page of a council's agenda: the body that meets and the date,
//! each on a heading of its own, over the numbered list of items —
//!
//! ```text
//! ### Audit Committee
//! ### 22 October 2009
//! 1. Declarations of interest 1
//! 2. Apologies for absence
//! 3. Minutes of the meeting held on 24 September 2009 3
//! ```
//!
//! gives the meeting the pack is the agenda of, recorded by the document,
//! and its agenda items. The number after an item's title is the page it
//! starts on when the list's end numbers never go down (the pack's page
//! order); the title is quoted without it.

use std::sync::LazyLock;

use regex::Regex;

use super::entities::find_in_line;
use super::{meeting_node, Ctx};
use crate::model::{Edge, EdgeKind};
use crate::read::blocks::BlockKind;
use crate::text::{find_date, plain};

/// "3. Minutes of the meeting held on 24 September 2009 3": number, title
/// and, maybe, a page number.
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9]{1,3})\.?\s+(.+?)(?:\s+([0-9]{1,4}))?$").expect("valid regex")
});

pub(super) fn parse(ctx: &mut Ctx<'_>) {
    let src = ctx.src;
    let blocks = ctx.blocks.clone();
    for (i, pair) in blocks.windows(2).enumerate() {
        let [body_block, date_block] = pair else {
            continue;
        };
        if !body_block.is_heading() || !date_block.is_heading() {
            continue;
        }
        let body_text = plain(src.line(body_block.first).trim_start_matches('#'));
        let date_line = src.line(date_block.first);
        let date_text = plain(date_line.trim_start_matches('#'));
        // The date alone on its heading (a weekday before it aside).
        let Some((date, written)) = find_date(&date_text) else {
            continue;
        };
        let rest = date_text.replace(written, "");
        if rest.split_whitespace().count() > 1 {
            continue;
        }
        let body_text = body_text.trim();
        if !(ctx.orgs.is_known(body_text) || crate::orgs::Orgs::looks_like_org(body_text)) {
            continue;
        }
        // The numbered list right after, blank lines aside.
        let items: Vec<(usize, String, String, Option<u32>)> = blocks[i + 2..]
            .iter()
            .take_while(|b| matches!(b.kind, BlockKind::ListItem { depth: 0 }))
            .filter_map(|b| {
                let text = plain(src.line(b.first));
                let cap = ITEM.captures(text.trim())?;
                let page = cap.get(3).and_then(|p| p.as_str().parse().ok());
                Some((b.first, cap[1].to_owned(), cap[2].to_owned(), page))
            })
            .collect();
        if items.len() < 2 || !numbered_in_order(&items) {
            continue;
        }
        let Some(body) = ctx.orgs.resolve(body_text) else {
            continue;
        };
        let iso = date.to_string();
        let key = super::meeting_key(&body.key, &iso);
        // An agenda another step read already (the pack's own sections).
        let has_items = ctx
            .out
            .edges
            .values()
            .any(|e| e.kind == EdgeKind::ItemOf && e.target == key);
        if has_items {
            continue;
        }
        let date_span = src.quote_line(date_block.first, written);
        let body_span = src.quote_line(
            body_block.first,
            find_in_line(src.line(body_block.first), body_text),
        );
        let node = meeting_node(
            ctx,
            &body,
            &iso,
            written,
            date_span.clone(),
            Some(body_span),
        );
        let key = ctx.out.add_node(node).to_owned();
        ctx.out.add_edge(Edge::new(
            ctx.doc_key.clone(),
            EdgeKind::Records,
            key.clone(),
            date_span,
        ));
        let pages = pages_in_order(&items);
        for (line, number, title, page) in items {
            // A trailing number is the title's own unless the list pages.
            let title = match page {
                Some(page) if !pages => format!("{title} {page}"),
                _ => title,
            };
            let span = src.quote_line(line, find_in_line(src.line(line), &title));
            super::meeting::add_agenda_item(ctx, &key, &number, &title, span);
        }
    }
}

/// Items numbered 1, 2, 3, … from one, with no gap.
fn numbered_in_order(items: &[(usize, String, String, Option<u32>)]) -> bool {
    items
        .iter()
        .zip(1u32..)
        .all(|((_, number, _, _), want)| number.parse::<u32>().is_ok_and(|n| n == want))
}

/// Whether the list's trailing numbers are page numbers: at least two items
/// end in one, and they never go down.
fn pages_in_order(items: &[(usize, String, String, Option<u32>)]) -> bool {
    let pages: Vec<u32> = items.iter().filter_map(|(_, _, _, p)| *p).collect();
    pages.len() >= 2 && pages.windows(2).all(|w| w[0] <= w[1])
}
