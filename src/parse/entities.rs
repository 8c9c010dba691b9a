//! Adding the entities every parser names: people, organisations and the
//! roles people hold, each with the span that names them.

use crate::model::{Edge, EdgeKind, Node, NodeKind, Span};
use crate::names::PersonName;
use crate::orgs::Org;
use crate::text::slug;

use super::Ctx;

/// Adds a person seen under `label`, returning their key.
pub(crate) fn add_person(ctx: &mut Ctx<'_>, name: &PersonName, label: &str, span: Span) -> String {
    let key = name.node_key();
    let mut node =
        Node::new(key.clone(), NodeKind::Person, name.full.clone(), span).alias(label.to_owned());
    if !name.post_nominals.is_empty() {
        node = node.with("honorifics", name.post_nominals.join(" "));
    }
    if !name.titles.is_empty() {
        node = node.with("titles", name.titles.join(" "));
    }
    ctx.out.add_node(node);
    key
}

/// Adds an organisation named in the text, returning it resolved.
pub(crate) fn add_org(ctx: &mut Ctx<'_>, name: &str, span: Span) -> Option<Org> {
    let org = ctx.orgs.resolve(name)?;
    ctx.out.add_node(org_node(&org, span));
    Some(org)
}

/// The node of a resolved organisation, with the name as written as an alias.
pub(crate) fn org_node(org: &Org, span: Span) -> Node {
    Node::new(
        org.key.clone(),
        NodeKind::Organisation,
        org.name.clone(),
        span,
    )
    .alias(org.as_written.clone())
}

/// Records that a person held `role` (in `org`, when known) on `date`, and on
/// what basis: "agreed" (appointed from that date), "listed" (on an agenda's
/// list of members), "present" (as the minutes list them), "invited" (as a guest) or "labelled" (as a transcript labels them).
#[allow(clippy::too_many_arguments)]
pub(crate) fn add_membership(
    ctx: &mut Ctx<'_>,
    person: &str,
    org: Option<&Org>,
    role: &str,
    date: &str,
    basis: &str,
    span: Span,
) {
    let org_slug = org.map_or("none".to_owned(), |o| slug(&o.name));
    let key = crate::keys::membership(person, &org_slug, role, date);
    let name = match org {
        Some(org) => format!("{role}, {}", org.name),
        None => role.to_owned(),
    };
    let mut node = Node::new(key.clone(), NodeKind::Membership, name, span.clone())
        .with("role", role)
        .with("basis", basis);
    node = if basis == "agreed" {
        node.with("since", date)
    } else {
        node.with("as_of", date)
    };
    ctx.out.add_node(node);
    ctx.out.add_edge(Edge::new(
        key.clone(),
        EdgeKind::Member,
        person.to_owned(),
        span.clone(),
    ));
    if let Some(org) = org {
        // An edge never points at nothing: the body is added where the
        // parser that found the membership did not add it already.
        if !ctx.out.nodes.contains_key(&org.key) {
            ctx.out.add_node(org_node(org, span.clone()));
        }
        ctx.out
            .add_edge(Edge::new(key, EdgeKind::MemberOf, org.key.clone(), span));
    }
}

/// The part of `line` that spells `wanted` once markup is removed, else the line.
pub(crate) fn find_in_line<'l>(line: &'l str, wanted: &str) -> &'l str {
    match line.find(wanted) {
        Some(at) => &line[at..at + wanted.len()],
        None => line.trim(),
    }
}
