//! Members' declared interests: a table whose header names the member and the
//! interest ("Member, London Borough of Camden"), read as offices held.

use super::entities::{add_membership, add_org, add_person};
use super::{header_cells, Ctx};
use crate::names::PersonName;
use crate::orgs::Orgs;
use crate::text::{find_date, plain};

pub(super) fn parse(ctx: &mut Ctx<'_>) {
    let mut n = 1;
    while n <= ctx.src.len() {
        let Some(header) = header_cells(ctx.src.line(n)) else {
            n += 1;
            continue;
        };
        if header.len() != 2 || header[0] != "member" || !header[1].contains("interest") {
            n += 1;
            continue;
        }
        // The date the declarations were made: the report's "Date:" line above.
        let date = (1..n).rev().find_map(|m| {
            let text = plain(ctx.src.line(m));
            text.strip_prefix("Date:")
                .and_then(find_date)
                .map(|(d, _)| d.to_string())
        });
        let Some(date) = date else {
            ctx.warn(
                n,
                "a table of interests with no date: expected a \"Date:\" line above it",
            );
            n += 1;
            continue;
        };
        let mut m = n + 1;
        while m <= ctx.src.len() && ctx.src.line(m).contains('\t') {
            let line = ctx.src.line(m);
            let (name, interest) = line.split_once('\t').expect("a tab");
            let interest = plain(interest);
            if let Some(person) = PersonName::parse(name) {
                let span = ctx.src.quote_line(m, line.trim());
                let key = add_person(
                    ctx,
                    &person,
                    name.trim(),
                    ctx.src.quote_line(m, name.trim()),
                );
                if !interest.is_empty() {
                    let (role, org) = match interest.split_once(", ") {
                        Some((role, org)) => (role.to_owned(), Some(org.to_owned())),
                        None if Orgs::looks_like_org(&interest) || ctx.orgs.is_known(&interest) => {
                            ("Member".to_owned(), Some(interest.clone()))
                        }
                        None => (interest.clone(), None),
                    };
                    let org = org.and_then(|o| add_org(ctx, &o, ctx.src.quote_line(m, &o)));
                    add_membership(ctx, &key, org.as_ref(), &role, &date, "declared", span);
                }
            }
            m += 1;
        }
        n = m;
    }
}
