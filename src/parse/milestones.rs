//! Business plan milestones: headings (or bold lines) "Quarter 1, 2018-19:
//! <milestone>" followed by the progress made. The status (delivered / on
//! track / some delay) is read from the progress text by cue phrases, and
//! recorded with the sentence and the rule, like a response's stance.

use std::sync::LazyLock;

use regex::Regex;

use super::Ctx;
use crate::model::{Edge, EdgeKind, Node, NodeKind};
use crate::text::{plain, slug};

/// "Quarter 1, 2018-19: launch of the Violent Crime Task Force".
static MILESTONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(Quarter [0-9], [0-9]{4}-[0-9]{2}):\s*(.+)$").expect("valid regex")
});

/// (status, cues) in order of precedence.
const STATUS_CUES: &[(&str, &[&str])] = &[
    (
        "some delay",
        &["delay", "delayed", "behind schedule", "slipped"],
    ),
    (
        "delivered",
        &[
            "is now complete",
            "was successful",
            "has been completed",
            "have been completed",
            "was formed",
            "acquired",
            "launched",
        ],
    ),
    (
        "on track",
        &[
            "on track",
            "expected to be completed",
            "currently onsite",
            "have been appointed",
            "are on schedule",
        ],
    ),
];

pub(super) fn parse(ctx: &mut Ctx<'_>) {
    let src = ctx.src;
    for n in 1..=src.len() {
        let line = src.line(n);
        if !(line.starts_with('#') || line.starts_with("**")) {
            continue;
        }
        let text = plain(line.trim_start_matches('#'));
        let Some(cap) = MILESTONE.captures(&text) else {
            continue;
        };
        let (period, milestone) = (cap[1].to_owned(), cap[2].trim().to_owned());
        let body: Vec<usize> = (n + 1..=src.len())
            .take_while(|&m| {
                !(src.line(m).starts_with('#') || MILESTONE.is_match(&plain(src.line(m))))
            })
            .filter(|&m| !src.line(m).trim().is_empty())
            .collect();
        let progress = body
            .iter()
            .map(|&m| plain(src.line(m)))
            .collect::<Vec<_>>()
            .join("\n\n");
        let key = crate::keys::under(
            "action",
            &[
                "milestone",
                crate::keys::path(&ctx.doc_key),
                &slug(&milestone),
            ],
        );
        let span = src.quote_line(n, line.trim_start_matches('#').trim());
        let mut node = Node::new(
            key.clone(),
            NodeKind::Action,
            milestone.clone(),
            span.clone(),
        )
        .with("kind", "milestone")
        .with("period", period)
        .with("text", milestone)
        .with("progress", progress.clone());
        let found = STATUS_CUES.iter().find_map(|(status, cues)| {
            body.iter().find_map(|&m| {
                let lower = plain(src.line(m)).to_lowercase();
                cues.iter()
                    .find(|cue| lower.contains(*cue))
                    .map(|cue| (*status, *cue, m))
            })
        });
        if let Some((status, cue, m)) = found {
            node = node.with("status", status).with(
                "status_rule",
                format!("milestone-status/1: {status} by cue \"{cue}\""),
            );
            node.provenance.push(src.span(m, m));
        }
        ctx.out.add_node(node);
        ctx.out
            .add_edge(Edge::new(key, EdgeKind::PartOf, ctx.doc_key.clone(), span));
    }
}
