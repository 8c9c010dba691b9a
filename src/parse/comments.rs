//! Reader comments under an article: the commenter's name, a headline, an age
//! such as "2mo" or "1y", the comment, then "Like" / "Reply".

use std::sync::LazyLock;

use regex::Regex;

use super::entities::add_person;
use super::Ctx;
use crate::model::{Edge, EdgeKind, Node, NodeKind};
use crate::names::PersonName;
use crate::text::plain;

/// "2mo", "1y", "3w", "5d", "4h": how long ago a comment was posted.
static AGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[0-9]{1,3}(?:mo|y|w|d|h|m)$").expect("valid regex"));

pub(super) fn parse(ctx: &mut Ctx<'_>) {
    let src = ctx.src;
    let non_empty_before = |n: usize| (1..n).rev().find(|&m| !src.line(m).trim().is_empty());
    let mut ordinal = 0;
    for n in 1..=src.len() {
        if !AGE.is_match(src.line(n).trim()) {
            continue;
        }
        let (Some(headline), Some(name_line)) = (
            non_empty_before(n),
            non_empty_before(n).and_then(non_empty_before),
        ) else {
            continue;
        };
        let name_text = src.line(name_line).trim();
        let Some(name) =
            PersonName::parse(name_text).filter(|p| p.core.split_whitespace().count() >= 2)
        else {
            ctx.warn(
                n,
                format!("a comment whose author {name_text:?} is not a name"),
            );
            continue;
        };
        let body: Vec<usize> = (n + 1..=src.len())
            .take_while(|&m| !matches!(src.line(m).trim(), "Like" | "Reply"))
            .filter(|&m| !src.line(m).trim().is_empty())
            .collect();
        let (Some(&first), Some(&last)) = (body.first(), body.last()) else {
            continue;
        };
        ordinal += 1;
        let text = body
            .iter()
            .map(|&m| plain(src.line(m)))
            .collect::<Vec<_>>()
            .join("\n\n");
        let key = crate::keys::statement(
            &format!("comment/{}", crate::keys::path(&ctx.doc_key)),
            ordinal,
        );
        let span = src.span(name_line, last.max(first));
        let person = add_person(ctx, &name, name_text, src.quote_line(name_line, name_text));
        let preview: String = text.chars().take(80).collect();
        ctx.out.add_node(
            Node::new(
                key.clone(),
                NodeKind::Statement,
                format!("{}: {preview}", name.full),
                span.clone(),
            )
            .with("text", text)
            .with("speaker_label", name_text)
            .with("headline", plain(src.line(headline)))
            .with("age", src.line(n).trim())
            .with("kind", "comment")
            .with("ordinal", ordinal.to_string())
            .with("verbatim", "true"),
        );
        ctx.out.add_edge(Edge::new(
            person,
            EdgeKind::Spoke,
            key.clone(),
            src.quote_line(name_line, name_text),
        ));
        ctx.out.add_edge(Edge::new(
            key,
            EdgeKind::InDocument,
            ctx.doc_key.clone(),
            span,
        ));
    }
}
