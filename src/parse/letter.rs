//! Letters: found by their salutation ("Dear …"), with the date before it, the
//! subject after it, the sign-off ("Yours sincerely") and signature block after
//! the body, and the sender's organisation from the signature, the heading
//! above the letter or its letterhead.
//!
//! A letter that answers a report's recommendations becomes one Response per
//! recommendation it names — under a group heading ("**Prison Leavers
//! (Recommendations 8, 9, 10,11)**") or in prose ("regarding Recommendation 3")
//! — each with a stance assigned by [`super::stance`].

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::entities::{add_org, add_person, find_in_line};
use super::report::Report;
use super::stance::{assign_each, Stance};
use super::Ctx;
use crate::model::{Edge, EdgeKind, Node, NodeKind, Span};
use crate::names::PersonName;
use crate::orgs::{Org, Orgs};
use crate::text::{find_date, plain, slug};

static SIGN_OFF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Yours(?: sincerely| faithfully| truly)?|With (?:all )?best wishes|Kind regards|Best wishes|Regards),?$").expect("valid regex")
});

/// "(Recommendations 1, 2, 7)" or "(Recommendation 4)" closing a group heading.
static GROUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.+?):?\s*\(Recommendations? ([0-9,\s]+(?:and [0-9]+)?)\)$").expect("valid regex")
});

/// "Recommendation 3" named in prose.
static NAMED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[Rr]ecommendations? ([0-9]{1,3})\b").expect("valid regex"));

/// One letter's parts, by line.
struct Letter {
    /// First line that belongs to the letter (letterhead).
    start: usize,
    salutation: usize,
    sign_off: usize,
    /// Last line of the signature block.
    end: usize,
}

/// Finds every letter of the document.
pub(super) fn parse(ctx: &mut Ctx<'_>, reports: &[Report]) {
    let mut previous_end = 0;
    for n in 1..=ctx.src.len() {
        let line = ctx.src.line(n);
        if !line.contains("Dear ") || !plain(line).starts_with("Dear ") {
            continue;
        }
        let Some(sign_off) =
            (n + 1..=ctx.src.len()).find(|&m| SIGN_OFF.is_match(plain(ctx.src.line(m)).as_str()))
        else {
            ctx.warn(n, "a letter with no sign-off: expected \"Yours sincerely\" or the like after its body");
            continue;
        };
        let start = letterhead_start(ctx, previous_end, n);
        let end = signature_end(ctx, sign_off);
        let letter = Letter {
            start,
            salutation: n,
            sign_off,
            end,
        };
        add_letter(ctx, &letter, reports);
        previous_end = end;
    }
}

/// The letterhead starts after the previous letter, the nearest heading or
/// page furniture, and at most 60 lines up. A heading naming an organisation
/// ("# HM Courts & Tribunals Service") belongs to the letter.
fn letterhead_start(ctx: &Ctx<'_>, previous_end: usize, salutation: usize) -> usize {
    let floor = (previous_end + 1).max(salutation.saturating_sub(60));
    for m in (floor..salutation).rev() {
        let line = ctx.src.line(m);
        if line.starts_with('#') {
            let names_org = ctx.orgs.is_known(&plain(line.trim_start_matches('#')));
            return if names_org { m } else { m + 1 };
        }
        if crate::text::is_blank_page(line) {
            return m + 1;
        }
    }
    floor
}

/// The signature block runs to the second blank line, a heading or page furniture.
fn signature_end(ctx: &Ctx<'_>, sign_off: usize) -> usize {
    let mut blanks = 0;
    let mut end = sign_off;
    for m in sign_off + 1..=ctx.src.len().min(sign_off + 12) {
        let line = ctx.src.line(m);
        if line.starts_with('#')
            || crate::text::is_page_furniture(line)
            || line.starts_with("<sup>")
        {
            break;
        }
        if line.trim().is_empty() {
            blanks += 1;
            if blanks >= 2 && end > sign_off + 1 {
                break;
            }
        } else {
            blanks = 0;
            end = m;
        }
    }
    end
}

/// Lines joined with their hard breaks ("Name  " / "Title  ") into blocks.
fn blocks(ctx: &Ctx<'_>, from: usize, to: usize) -> Vec<(usize, Vec<String>)> {
    let mut out: Vec<(usize, Vec<String>)> = Vec::new();
    let mut open = false;
    for m in from..=to {
        let line = ctx.src.line(m);
        let text = plain(line);
        if text.is_empty() {
            open = false;
            continue;
        }
        match out.last_mut() {
            Some((_, lines)) if open => lines.push(text),
            _ => out.push((m, vec![text])),
        }
        open = line.ends_with("  ") || line.ends_with('\\');
    }
    out
}

/// Splits a title line into role and organisation: "Chief Executive, HM Courts
/// & Tribunals Service", "Chairman of the Police and Crime Committee".
fn role_and_org(ctx: &Ctx<'_>, text: &str) -> (Option<String>, Option<Org>) {
    if ctx.orgs.is_known(text) {
        return (None, ctx.orgs.resolve(text));
    }
    for separator in [", ", " of the ", ", the "] {
        if let Some((role, org)) = text.rsplit_once(separator) {
            // A body the vocabulary knows, or one its words make a body
            // ("Chair of the Riverside Police and Crime Panel").
            if ctx.orgs.is_known(org) || ctx.orgs.names_a_body(org) {
                return (Some(role.trim().to_owned()), ctx.orgs.resolve(org));
            }
        }
    }
    (Some(text.trim().to_owned()), None)
}

fn add_letter(ctx: &mut Ctx<'_>, letter: &Letter, reports: &[Report]) {
    // Signatory: the first name in the signature block, then its title lines.
    let signature = blocks(ctx, letter.sign_off + 1, letter.end);
    let mut signatory = None;
    for (line, texts) in &signature {
        for (i, text) in texts.iter().enumerate() {
            if let Some(name) = PersonName::parse(text)
                .filter(|n| (2..=5).contains(&n.core.split_whitespace().count()))
            {
                let mut role = Vec::new();
                let mut org = None;
                // The title follows the name in its block, or in the next block.
                let titles: Vec<String> = match texts[i + 1..].to_vec() {
                    rest if rest.is_empty() => signature
                        .iter()
                        .find(|(l, _)| l > line)
                        .map(|(_, t)| t.clone())
                        .unwrap_or_default(),
                    rest => rest,
                };
                for title in &titles {
                    let (r, o) = role_and_org(ctx, title);
                    role.extend(r);
                    org = org.or(o);
                }
                signatory = Some((line + i, name, role.join(", "), org));
                break;
            }
        }
        if signatory.is_some() {
            break;
        }
    }
    // The sender's organisation: signature, else the heading or letterhead above.
    let header = blocks(ctx, letter.start, letter.salutation - 1);
    let mut sender: Option<(usize, Org)> = signatory
        .as_ref()
        .and_then(|(line, _, _, org)| org.clone().map(|o| (*line, o)));
    if sender.is_none() {
        // A letterhead block that is an organisation, or a title line naming one
        // ("Chairman of the Police and Crime Committee"). A masthead naming the
        // whole assembly says less than the committee's title, so it comes last.
        let mut found: Vec<(usize, Org)> = Vec::new();
        for (line, texts) in &header {
            let joined = texts.join(" ");
            let candidates = std::iter::once(joined.trim_start_matches('#').trim().to_owned())
                .chain(texts.iter().cloned());
            for text in candidates {
                if let (_, Some(org)) = role_and_org(ctx, &text) {
                    found.push((*line, org));
                    break;
                }
            }
        }
        // A header naming a body and its committee is the committee's
        // letter on the body's masthead: the most specific body sends it.
        let masthead = |o: &Org| found.iter().any(|(_, other)| Orgs::is_part_of(other, o));
        sender = found
            .iter()
            .find(|(_, o)| !masthead(o))
            .or(found.first())
            .cloned();
    }
    let date = (letter.start..letter.salutation).rev().find_map(|m| {
        let text = plain(ctx.src.line(m));
        // A line that is (or ends with) a date: "17 March 2023", "Our ref: X 4 May 2023".
        find_date(&text)
            .filter(|(_, t)| text.ends_with(t) && text.len() < 80)
            .map(|(d, t)| (m, d, t.to_owned()))
    });
    let subject = (letter.salutation + 1..letter.salutation + 4).find_map(|m| {
        let line = ctx.src.line(m);
        (line.starts_with("**") || line.starts_with('#')).then(|| {
            (
                m,
                plain(line.trim_start_matches('#'))
                    .trim_start_matches("Re: ")
                    .to_owned(),
            )
        })
    });

    let date_iso = date.as_ref().map(|(_, d, _)| d.to_string());
    let sender_slug = sender
        .as_ref()
        .map_or_else(|| "unknown".to_owned(), |(_, o)| slug(&o.name));
    let salutation = ctx.src.line(letter.salutation);
    // One sender may write twice on a day: the salutation tells the letters apart.
    let key = crate::keys::document_part(
        "letter",
        &[
            crate::keys::path(&ctx.doc_key),
            date_iso.as_deref().unwrap_or("undated"),
            &sender_slug,
            &slug(&plain(salutation)),
        ]
        .join("/"),
    );
    let title = subject.as_ref().map_or_else(
        || format!("Letter: {}", plain(salutation)),
        |(_, s)| s.clone(),
    );
    let mut node = Node::new(
        key.clone(),
        NodeKind::Document,
        title.clone(),
        ctx.src.quote_line(letter.salutation, salutation),
    )
    .with("kind", "letter")
    .with("salutation", plain(salutation));
    if let Some((line, _, text)) = &date {
        node = node.with("date", date_iso.clone().unwrap_or_default());
        node.provenance.push(ctx.src.quote_line(*line, text));
    }
    if let Some((line, text)) = &subject {
        node = node.with("subject", text.clone());
        node.provenance.push(ctx.src.quote_line(*line, text));
    }
    ctx.out.add_node(node);
    let whole = ctx.src.span(letter.salutation, letter.salutation);
    ctx.out.add_edge(Edge::new(
        key.clone(),
        EdgeKind::PartOf,
        ctx.doc_key.clone(),
        whole,
    ));

    let mut signatory_key = None;
    if let Some((line, name, role, _)) = &signatory {
        let written = find_in_line(ctx.src.line(*line), &name.full);
        let span = ctx.src.quote_line(*line, written);
        let person = add_person(ctx, name, &name.full, span.clone());
        let mut edge = Edge::new(key.clone(), EdgeKind::SignedBy, person.clone(), span);
        if !role.is_empty() {
            edge = edge.with("title", role.clone());
        }
        ctx.out.add_edge(edge);
        signatory_key = Some((person, ctx.src.quote_line(*line, written)));
    }
    let mut sender_key = None;
    if let Some((line, org)) = &sender {
        let written = find_written(
            ctx.src.lines_text(*line, (*line + 3).min(ctx.src.len())),
            org,
        );
        let span = ctx
            .src
            .quote(*line, (*line + 3).min(ctx.src.len()), &written);
        if let Some(org) = add_org(ctx, &org.as_written, span.clone()) {
            ctx.out.add_edge(Edge::new(
                key.clone(),
                EdgeKind::AuthoredBy,
                org.key.clone(),
                span,
            ));
            sender_key = Some(org.key);
        }
    }
    add_recipients(
        ctx,
        &key,
        &header,
        signatory.as_ref().map(|(_, name, _, _)| name.key()),
        sender_key.as_deref(),
    );

    // Which report the letter answers, by its title anywhere in the letter.
    let text = ctx.src.lines_text(letter.start, letter.end).to_lowercase();
    let Some(report) = reports
        .iter()
        .find(|r| text.contains(&r.title.to_lowercase()))
    else {
        return;
    };
    let Some(respondent) = sender_key.clone() else {
        return;
    };
    add_responses(
        ctx,
        letter,
        report,
        &key,
        &respondent,
        signatory_key.as_ref(),
        date_iso.as_deref(),
    );
}

/// Recipients: the first person or organisation named above the salutation,
/// other than the signatory and the sender, and every name on a "CC:" line.
fn add_recipients(
    ctx: &mut Ctx<'_>,
    key: &str,
    header: &[(usize, Vec<String>)],
    signatory: Option<String>,
    sender: Option<&str>,
) {
    let mut to_person: Option<(usize, PersonName, Option<String>)> = None;
    let mut to_org: Option<(usize, String)> = None;
    for (line, texts) in header {
        if ctx.src.line(*line).starts_with('#') {
            continue;
        }
        let first = texts[0].trim();
        if let Some(cc) = first
            .strip_prefix("CC:")
            .or_else(|| first.strip_prefix("cc:"))
        {
            for entry in cc.split(';') {
                let name = entry.split(',').next().unwrap_or("");
                if let Some(person) = PersonName::parse(name) {
                    let span = ctx.src.quote_line(*line, name.trim());
                    let person_key = add_person(ctx, &person, entry.trim(), span.clone());
                    ctx.out.add_edge(
                        Edge::new(key.to_owned(), EdgeKind::AddressedTo, person_key, span)
                            .with("as", "cc"),
                    );
                }
            }
            continue;
        }
        let is_org = Orgs::looks_like_org(first) || ctx.orgs.is_known(first);
        if is_org {
            let resolved = ctx.orgs.resolve(first);
            // The sender, or a body the sender is part of (its masthead).
            let sender_org = sender.and_then(|key| {
                ctx.out.nodes.get(key).map(|n| Org {
                    key: key.to_owned(),
                    name: n.name.clone(),
                    as_written: n.name.clone(),
                })
            });
            let own = resolved.as_ref().is_some_and(|o| {
                Some(o.key.as_str()) == sender
                    || sender_org.as_ref().is_some_and(|s| Orgs::is_part_of(s, o))
            });
            if to_org.is_none()
                && to_person.is_none()
                && !own
                && first.split_whitespace().count() > 1
            {
                to_org = Some((*line, first.to_owned()));
            }
            continue;
        }
        let Some(person) = PersonName::parse(first)
            .filter(|p| (2..=5).contains(&p.core.split_whitespace().count()))
        else {
            continue;
        };
        if to_person.is_none()
            && to_org.is_none()
            && signatory.as_deref() != Some(person.key().as_str())
        {
            to_person = Some((*line, person, texts.get(1).cloned()));
        }
    }
    if let Some((line, person, title)) = to_person {
        let written = ctx.src.line(line).trim().trim_matches('*').trim();
        let span = ctx.src.quote_line(line, written);
        let person_key = add_person(ctx, &person, &person.full, span.clone());
        let mut edge =
            Edge::new(key.to_owned(), EdgeKind::AddressedTo, person_key, span).with("as", "to");
        if let Some(title) = title {
            edge = edge.with("title", title);
        }
        ctx.out.add_edge(edge);
    } else if let Some((line, name)) = to_org {
        let span = ctx.src.quote_line(line, &name);
        if let Some(org) = add_org(ctx, &name, span.clone()) {
            ctx.out.add_edge(
                Edge::new(key.to_owned(), EdgeKind::AddressedTo, org.key, span).with("as", "to"),
            );
        }
    }
}

/// The organisation's name as the lines write it, for the quote.
fn find_written(lines: &str, org: &Org) -> String {
    let plain_lines = plain(lines);
    for candidate in [&org.as_written, &org.name] {
        if lines.contains(candidate.as_str()) {
            return candidate.clone();
        }
    }
    plain_lines
}

/// One Response per recommendation the letter names, grouped or in prose.
#[allow(clippy::too_many_arguments)]
fn add_responses(
    ctx: &mut Ctx<'_>,
    letter: &Letter,
    report: &Report,
    letter_key: &str,
    respondent: &str,
    signatory: Option<&(String, Span)>,
    date: Option<&str>,
) {
    // Group headings, each answering the recommendations it lists.
    let mut groups: Vec<(usize, String, Vec<u32>)> = Vec::new();
    for m in letter.salutation + 1..letter.sign_off {
        let line = ctx.src.line(m);
        if !(line.starts_with("**") || line.starts_with('#')) {
            continue;
        }
        let text = plain(line.trim_start_matches('#'));
        if let Some(cap) = GROUP.captures(&text) {
            let numbers = cap[2]
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|d| d.parse().ok())
                .collect();
            groups.push((m, cap[1].trim().trim_end_matches(':').to_owned(), numbers));
        }
    }
    let mut answers: Vec<(u32, Option<String>, usize, usize)> = Vec::new();
    if groups.is_empty() {
        // Prose: from the first paragraph naming a recommendation to the sign-off.
        for m in letter.salutation + 1..letter.sign_off {
            for cap in NAMED.captures_iter(ctx.src.line(m)) {
                let number: u32 = cap[1]
                    .parse()
                    .expect("one to three ASCII digits, as the regex reads them");
                if !answers.iter().any(|a| a.0 == number) {
                    answers.push((number, None, m, letter.sign_off - 1));
                }
            }
        }
    } else {
        for (i, (line, name, numbers)) in groups.iter().enumerate() {
            let end = groups.get(i + 1).map_or(letter.sign_off - 1, |g| g.0 - 1);
            for &number in numbers {
                answers.push((number, Some(name.clone()), *line, end));
            }
        }
    }
    let respondent_slug = crate::keys::path(respondent);
    // Answers that share a passage are read together, each recommendation's
    // stance from the sentences about it (`stance::assign_each`).
    let mut stances: HashMap<u32, Stance> = HashMap::new();
    let mut passages: Vec<(usize, usize, Vec<u32>)> = Vec::new();
    for (number, _, first, last) in &answers {
        match passages
            .iter_mut()
            .find(|(f, l, _)| f == first && l == last)
        {
            Some((_, _, numbers)) => numbers.push(*number),
            None => passages.push((*first, *last, vec![*number])),
        }
    }
    for (first, last, numbers) in &passages {
        let grouped = answers
            .iter()
            .any(|(n, group, _, _)| numbers.contains(n) && group.is_some());
        // The stance is read from what the letter says, not from its group heading.
        let said = (*first..=*last)
            .filter(|&m| !ctx.src.line(m).trim().is_empty())
            .filter(|&m| !grouped || m != *first)
            .map(|m| plain(ctx.src.line(m)))
            .collect::<Vec<_>>()
            .join("\n");
        let texts: Vec<(u32, String)> = numbers
            .iter()
            .map(|&n| {
                let text = ctx
                    .out
                    .nodes
                    .get(&report.recommendation_key(n))
                    .and_then(|r| r.prop("text"))
                    .unwrap_or_default()
                    .to_owned();
                (n, text)
            })
            .collect();
        let texts: Vec<(u32, &str)> = texts.iter().map(|(n, t)| (*n, t.as_str())).collect();
        stances.extend(assign_each(&said, &texts));
    }
    for (number, group, first, last) in answers {
        if !report.recommendations.contains(&number) {
            ctx.warn(
                first,
                format!(
                    "the letter names recommendation {number}, which {:?} does not have",
                    report.title
                ),
            );
            continue;
        }
        let body: Vec<usize> = (first..=last)
            .filter(|&m| !ctx.src.line(m).trim().is_empty())
            .collect();
        let text = body
            .iter()
            .map(|&m| plain(ctx.src.line(m)))
            .collect::<Vec<_>>()
            .join("\n");
        let said: Vec<usize> = body
            .iter()
            .copied()
            .filter(|&m| group.is_none() || m != first)
            .collect();
        let Some(stance) = stances.get(&number).cloned() else {
            continue;
        };
        let key = crate::keys::response(&report.key, number, respondent_slug);
        let cue_line = said
            .iter()
            .copied()
            .find(|&m| plain(ctx.src.line(m)).contains(&stance.quote))
            .unwrap_or(first);
        let quote_span = ctx.src.quote_line(cue_line, &stance.quote);
        let mut node = Node::new(
            key.clone(),
            NodeKind::Response,
            format!("Response to recommendation {number} of {}", report.title),
            ctx.src.quote_line(first, ctx.src.line(first).trim()),
        )
        .with("stance", stance.stance.as_str())
        .with("stance_rule", stance.rule)
        .with("quote", stance.quote.clone())
        .with("text", text)
        .with("recommendation", number.to_string());
        node.provenance.push(quote_span.clone());
        if let Some(group) = &group {
            node = node.with("group", group.clone());
        }
        if let Some(date) = date {
            node = node.with("date", date);
        }
        ctx.out.add_node(node);
        ctx.out.add_edge(Edge::new(
            key.clone(),
            EdgeKind::RespondsTo,
            report.recommendation_key(number),
            ctx.src.quote_line(first, ctx.src.line(first).trim()),
        ));
        // The letter names the recommendation: a mention, so "who wrote about
        // recommendation 3" is a graph query.
        ctx.out.add_edge(Edge::new(
            letter_key.to_owned(),
            EdgeKind::Mentions,
            report.recommendation_key(number),
            ctx.src.span(first, first),
        ));
        ctx.out.add_edge(Edge::new(
            key.clone(),
            EdgeKind::Respondent,
            respondent.to_owned(),
            quote_span.clone(),
        ));
        ctx.out.add_edge(Edge::new(
            key.clone(),
            EdgeKind::InDocument,
            letter_key.to_owned(),
            quote_span.clone(),
        ));
        if let Some((person, signed)) = signatory {
            ctx.out.add_edge(Edge::new(
                key.clone(),
                EdgeKind::SignedBy,
                person.clone(),
                signed.clone(),
            ));
        }
    }
}
