//! A response document that answers a report recommendation by
//! recommendation: a heading or opening line "Government response to
//! recommendation N" (any respondent's word before "response", several
//! numbers allowed), its text the blocks up to the next such heading. The
//! stance comes from the versioned cue rules of `stance`, with its quote.
//!
//! The report answered is the one the document's title names ("Government
//! response to the rapid review into …"). Its recommendations live in another
//! document, so each response points at `report/{slug of the named
//! title}/recommendation/N`; the link step (`crate::link`) resolves that to
//! the report whose title the name begins, once both are in the graph.

use std::sync::LazyLock;

use regex::Regex;

use super::stance::assign;
use super::{find_first, Ctx};
use crate::coverage::{DocumentKind, Region};
use crate::model::{Edge, EdgeKind, Node, NodeKind};
use crate::read::blocks::BlockKind;
use crate::text::{plain, slug};

/// "Government response to recommendation 4", "Response to recommendations 4 and 5".
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:the\s+)?([\w’' ]{0,60}?)\s*response to recommendations?\s+([0-9]{1,3}(?:\s*(?:,|and|&)\s*[0-9]{1,3})*)\s*[:.]?$")
        .expect("valid regex")
});

/// "… response to the rapid review into …" in a title.
static ANSWERS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)response to (?:the )?(.+)$").expect("valid regex"));

/// Finds the responses; returns how many were found.
pub(super) fn parse(ctx: &mut Ctx<'_>) -> usize {
    let src = ctx.src;
    let headings: Vec<(usize, usize, String, Vec<u32>)> = ctx
        .blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| {
            let text = plain(src.line(b.first).trim_start_matches('#'));
            let cap = HEADING.captures(&text)?;
            let numbers: Vec<u32> = cap[2]
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|d| d.parse().ok())
                .collect();
            Some((i, b.first, cap[1].trim().to_owned(), numbers))
        })
        .collect();
    // Only a document whose title says it responds to a report is read so:
    // a pack's letters answer by group headings (see `letter`).
    let Some(report_name) = answered_report(ctx) else {
        return 0;
    };
    if headings.is_empty() {
        return 0;
    }
    let report_key = crate::keys::report(&report_name);
    let respondent = respondent(ctx);
    let mut count = 0;
    for (h, &(block_index, line, ref _who, ref numbers)) in headings.iter().enumerate() {
        let end_block = headings.get(h + 1).map_or(ctx.blocks.len(), |next| next.0);
        let mut last = ctx.blocks[block_index].last;
        let mut body: Vec<String> = Vec::new();
        // The heading may run straight into its text, in one block.
        if last > line {
            body.push(
                (line + 1..=last)
                    .map(|n| plain(src.line(n)))
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
        for block in &ctx.blocks[block_index + 1..end_block] {
            let first_text = plain(src.line(block.first).trim_start_matches('#'));
            if block.is_heading()
                || block.kind == BlockKind::Directive
                // "Recommendation 3": the quoted recommendation, which ends the response before it.
                || super::recommendations::opens_recommendation(&first_text)
            {
                break;
            }
            body.push(
                (block.first..=block.last)
                    .map(|n| plain(src.line(n)))
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            last = block.last;
        }
        if body.is_empty() {
            ctx.warn(line, "a response heading with no text after it");
            continue;
        }
        let text = body.join("\n");
        let stance = assign(&text);
        let cue_line = (line + 1..=last)
            .find(|&n| plain(src.line(n)).contains(&stance.quote))
            .unwrap_or(line);
        let heading_span = src.quote_line(line, src.line(line).trim_start_matches('#'));
        let quote_span = src.quote(cue_line, cue_line, &stance.quote);
        let who = respondent.as_ref().map_or(slug(&ctx.meta.id), |(key, _)| {
            crate::keys::path(key).to_owned()
        });
        for &number in numbers {
            let key = crate::keys::response(&report_key, number, &who);
            let mut node = Node::new(
                key.clone(),
                NodeKind::Response,
                format!("Response to recommendation {number} of {report_name}"),
                src.span(line, last),
            )
            .with("stance", stance.stance.as_str())
            .with("stance_rule", stance.rule.clone())
            .with("quote", stance.quote.clone())
            .with("text", text.clone())
            .with("recommendation", number.to_string())
            .with("report", report_name.clone());
            if let Some(date) = &ctx.meta.date {
                node = node.with("date", date.clone());
            }
            node.provenance.push(quote_span.clone());
            ctx.out.add_node(node);
            ctx.out.add_edge(Edge::new(
                key.clone(),
                EdgeKind::RespondsTo,
                crate::keys::recommendation(&report_key, number),
                heading_span.clone(),
            ));
            ctx.out.add_edge(Edge::new(
                key.clone(),
                EdgeKind::InDocument,
                ctx.doc_key.clone(),
                heading_span.clone(),
            ));
            if let Some((org, span)) = &respondent {
                ctx.out.add_edge(Edge::new(
                    key.clone(),
                    EdgeKind::Respondent,
                    org.clone(),
                    span.clone(),
                ));
            }
            count += 1;
        }
    }
    let first = headings[0].1;
    let last = ctx.blocks.last().map_or(first, |b| b.last);
    ctx.signals.regions.push(Region {
        kind: DocumentKind::Response,
        first,
        last,
        evidence: format!("{} \"response to recommendation\" headings", headings.len()),
    });
    count
}

/// The report the document answers: the end of its title after "response to".
fn answered_report(ctx: &Ctx<'_>) -> Option<String> {
    let title = ctx.meta.title.clone();
    let cap = ANSWERS.captures(&title)?;
    let name = cap[1].trim().trim_end_matches('.').to_owned();
    (name.split_whitespace().count() >= 3).then_some(name)
}

/// The respondent: the publisher, where the text names it.
fn respondent(ctx: &mut Ctx<'_>) -> Option<(String, crate::model::Span)> {
    let publisher = ctx.meta.publisher.clone()?;
    let org = ctx.orgs.resolve(&publisher)?;
    let names = std::iter::once(org.name.clone()).chain(std::iter::once(publisher));
    let (line, written) = find_first(ctx.src, names)?;
    let span = ctx.src.quote_line(line, &written);
    ctx.out
        .add_node(super::entities::org_node(&org, span.clone()));
    Some((org.key, span))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn response_headings() {
        for (line, numbers) in [
            ("Government response to recommendation 1", "1"),
            ("Response to recommendations 4 and 5", "4 and 5"),
            ("The Home Office response to recommendation 12:", "12"),
        ] {
            assert_eq!(&HEADING.captures(line).unwrap()[2], numbers, "{line}");
        }
        assert!(HEADING
            .captures("In response to recommendation 3 we have set up a board")
            .is_none());
    }
}
