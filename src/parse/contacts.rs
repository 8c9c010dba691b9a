//! Contact details: "Contact: Name, address", "Contact Officer: Name, Title"
//! with "E-mail: address" on the next line, "please contact: Name,
//! Title; Email: address" in running text, and a report's "Contact us"
//! blocks (a name, a job title, an address, each on its own line). The address is kept on the person
//! (`email`): an identifier other registries can match people on.

use std::sync::LazyLock;

use regex::Regex;

use super::entities::{add_membership, add_person};
use super::Ctx;
use crate::model::{Node, NodeKind};
use crate::names::PersonName;
use crate::text::plain;

/// "Contact:" or "Contact Officer:" and the name up to the next comma or semicolon.
static CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bcontact(?:\s+officer)?\s*:\s*(?P<name>[^,;:\[\]\n]{3,60}?)\s*[,;]")
        .expect("valid regex")
});
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+").expect("valid regex")
});
static EMAIL_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*e-?mail\s*:").expect("valid regex"));

pub(super) fn parse(ctx: &mut Ctx<'_>) {
    labelled(ctx);
    blocks(ctx);
}

/// "Name / Job title / address" on lines of their own: the person, their
/// post as of the document's date, and the address. The address must spell
/// the surname, so a heading and a line of text above an address are not
/// taken for a name and a post.
fn blocks(ctx: &mut Ctx<'_>) {
    let src = ctx.src;
    let bare = |n: usize| plain(src.line(n).trim_start_matches('#')).trim().to_owned();
    for n in 1..=src.len() {
        let line = bare(n);
        let Some(address) = EMAIL.find(&line).filter(|m| m.as_str() == line) else {
            continue;
        };
        let mut above = (1..n).rev().filter(|&m| !src.line(m).trim().is_empty());
        let (Some(post_line), Some(name_line)) = (above.next(), above.next()) else {
            continue;
        };
        let (post, label) = (bare(post_line), bare(name_line));
        let Some(name) = PersonName::parse(&label)
            .filter(|p| (2..=4).contains(&p.core.split_whitespace().count()))
        else {
            continue;
        };
        let local = address
            .as_str()
            .split('@')
            .next()
            .unwrap_or("")
            .to_lowercase();
        let surname = name
            .core
            .split_whitespace()
            .last()
            .unwrap_or("")
            .to_lowercase();
        let is_post = post.split_whitespace().count() <= 8
            && post.starts_with(char::is_uppercase)
            && !post.contains('@')
            && crate::names::ends_in_office(&post);
        if surname.len() < 2 || !local.contains(&surname) || !is_post {
            continue;
        }
        let key = add_person(ctx, &name, &label, src.quote_line(name_line, &label));
        ctx.out.add_node(
            Node::new(
                key.clone(),
                NodeKind::Person,
                name.full.clone(),
                src.quote_line(n, address.as_str()),
            )
            .with("email", address.as_str()),
        );
        if let Some(date) = ctx.meta.date.clone() {
            let span = src.quote_line(post_line, &post);
            add_membership(ctx, &key, None, &post, &date, "contact", span);
        }
    }
}

fn labelled(ctx: &mut Ctx<'_>) {
    let src = ctx.src;
    for n in 1..=src.len() {
        let line = src.line(n);
        if !line.to_ascii_lowercase().contains("contact") {
            continue; // Most lines; skip before running the regex.
        }
        let found: Vec<_> = CONTACT.captures_iter(line).collect();
        for (i, caps) in found.iter().enumerate() {
            let Some(name_match) = caps.name("name") else {
                continue;
            };
            let label = name_match.as_str().trim();
            let Some(name) =
                PersonName::parse(label).filter(|p| p.core.split_whitespace().count() >= 2)
            else {
                continue;
            };
            // The address belongs to this contact when it comes before the
            // next one on the line, or on an "E-mail:" line right after.
            let end = found.get(i + 1).map_or(line.len(), |next| {
                next.get(0).map_or(line.len(), |m| m.start())
            });
            let mut email = EMAIL
                .find(&line[name_match.end()..end])
                .map(|m| (n, m.as_str()));
            if email.is_none() && i + 1 == found.len() {
                email = (n + 1..=src.len())
                    .find(|&m| !src.line(m).trim().is_empty())
                    .filter(|&m| EMAIL_LABEL.is_match(src.line(m)))
                    .and_then(|m| EMAIL.find(src.line(m)).map(|e| (m, e.as_str())));
            }
            let Some((email_line, address)) = email else {
                continue;
            };
            let key = add_person(ctx, &name, label, src.quote_line(n, label));
            ctx.out.add_node(
                Node::new(
                    key,
                    NodeKind::Person,
                    name.full.clone(),
                    src.quote_line(email_line, address),
                )
                .with("email", address),
            );
        }
    }
}
