//! What a document answers, and when an output was agreed.
//!
//! - A heading that restates a committee request ("Details of the training
//!   package being developed for Sergeants") answers the action whose text
//!   holds it: an `answers` edge from the letter (or the document) to the action.
//! - "These delegations of authority were exercised on 24 April 2023" after a
//!   paragraph naming a report dates the report: the day it was agreed.

use std::sync::LazyLock;

use regex::Regex;

use super::report::Report;
use super::Ctx;
use crate::model::{Edge, EdgeKind, NodeKind};
use crate::text::{find_date, plain};

/// "… were exercised on 24 April 2023", "… was agreed on 4 May 2023".
static AGREED_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:exercised|agreed|approved|published) on ([0-9]{1,2} [A-Z][a-z]+ [0-9]{4})")
        .expect("valid regex")
});

/// Normalises text for comparing a heading with an action's wording.
fn words(text: &str) -> String {
    plain(text)
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn parse(ctx: &mut Ctx<'_>, reports: &[Report]) {
    answered_requests(ctx);
    agreed_dates(ctx, reports);
}

fn answered_requests(ctx: &mut Ctx<'_>) {
    let actions: Vec<(String, String, u32)> = ctx
        .out
        .nodes
        .values()
        .filter(|n| n.kind == NodeKind::Action && n.prop("kind").is_none())
        .map(|n| {
            (
                n.key.clone(),
                words(n.prop("text").unwrap_or("")),
                n.provenance[0].first_line,
            )
        })
        .collect();
    if actions.is_empty() {
        return;
    }
    // Letters by the line of their salutation, to attribute a heading to the
    // letter it stands in (or, failing that, the one it comes just before).
    let mut letters: Vec<(u32, String)> = ctx
        .out
        .nodes
        .values()
        .filter(|n| n.kind == NodeKind::Document && n.prop("kind") == Some("letter"))
        .map(|n| (n.provenance[0].first_line, n.key.clone()))
        .collect();
    letters.sort();
    let mut edges = Vec::new();
    for n in 1..=ctx.src.len() {
        let line = ctx.src.line(n);
        if !(line.starts_with('#') || line.starts_with("**")) {
            continue;
        }
        let heading = words(line.trim_start_matches('#'));
        // Short headings ("Training") say too little to match a request, and a
        // resolution ("That authority be delegated …") is where an action comes
        // from, not an answer to it.
        if heading.split(' ').count() < 5 || heading.starts_with("that ") {
            continue;
        }
        for (action, text, row) in &actions {
            if *row as usize == n || !text.contains(&heading) {
                continue;
            }
            let letter = letters
                .iter()
                .find(|(at, _)| (*at as usize).abs_diff(n) <= 120)
                .map_or_else(|| ctx.doc_key.clone(), |(_, key)| key.clone());
            let span = ctx.src.quote_line(n, line.trim_start_matches('#').trim());
            edges.push(Edge::new(letter, EdgeKind::Answers, action.clone(), span));
        }
    }
    for edge in edges {
        ctx.out.add_edge(edge);
    }
}

fn agreed_dates(ctx: &mut Ctx<'_>, reports: &[Report]) {
    for n in 1..=ctx.src.len() {
        let line = ctx.src.line(n);
        let Some(cap) = AGREED_ON.captures(line) else {
            continue;
        };
        let Some((date, written)) = find_date(&cap[1]) else {
            continue;
        };
        // The report the paragraph before names.
        let before: Vec<usize> = (1..n)
            .rev()
            .filter(|&m| !ctx.src.line(m).trim().is_empty())
            .take(3)
            .collect();
        for report in reports {
            let title = report.title.to_lowercase();
            if before
                .iter()
                .any(|&m| ctx.src.line(m).to_lowercase().contains(&title))
            {
                let span = ctx.src.quote_line(n, written);
                if let Some(node) = ctx.out.nodes.get_mut(&report.key) {
                    if !node.props.contains_key("date") {
                        node.props.insert("date".to_owned(), date.to_string());
                        node.props
                            .insert("date_basis".to_owned(), "agreed".to_owned());
                        node.provenance.push(span);
                    }
                }
            }
        }
    }
}
