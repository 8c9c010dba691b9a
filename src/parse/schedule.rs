//! Work programmes: a table whose header names a meeting date and a topic
//! lists the committee's future meetings.

use super::actions::committee;
use super::{header_cells, meeting_node, Ctx};
use crate::text::{find_date, plain};

pub(super) fn parse(ctx: &mut Ctx<'_>) {
    let mut n = 1;
    while n <= ctx.src.len() {
        let Some(header) = header_cells(ctx.src.line(n)) else {
            n += 1;
            continue;
        };
        let date_column = header.iter().position(|c| c.contains("date"));
        let topic_column = header.iter().position(|c| c.contains("topic"));
        let (Some(date_column), Some(topic_column)) = (date_column, topic_column) else {
            n += 1;
            continue;
        };
        let Some(body) = committee(ctx, n).and_then(|b| ctx.orgs.resolve(&b)) else {
            ctx.warn(
                n,
                "a meeting schedule with no committee: expected a \"Report to:\" line above it",
            );
            n += 1;
            continue;
        };
        let mut m = n + 1;
        while m <= ctx.src.len() {
            let line = ctx.src.line(m);
            if line.trim().is_empty() {
                m += 1;
                continue;
            }
            if !line.contains('\t') {
                break;
            }
            let cells: Vec<&str> = line.split('\t').collect();
            let (date_cell, topic) = (
                cells.get(date_column).copied().unwrap_or(""),
                plain(cells.get(topic_column).copied().unwrap_or("")),
            );
            match find_date(date_cell) {
                Some((date, written)) => {
                    let span = ctx.src.quote_line(m, line.trim());
                    let mut node = meeting_node(
                        ctx,
                        &body,
                        &date.to_string(),
                        written,
                        span.clone(),
                        Some(span),
                    )
                    .with("scheduled", "true");
                    if !topic.is_empty() {
                        node = node.with("topic", topic);
                    }
                    ctx.out.add_node(node);
                }
                None => ctx.warn(
                    m,
                    format!("a schedule row without a date: {:?}", line.trim()),
                ),
            }
            m += 1;
        }
        n = m;
    }
}
