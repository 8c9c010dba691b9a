//! Agendas and minutes: the meeting header, agenda items, who was present, sent
//! apologies, substituted or was invited, and committee membership.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::entities::{add_membership, add_org, add_person, find_in_line, org_node};
use super::{item_key, meeting_node, Ctx, Section};
use crate::model::{AttendanceStatus, Edge, EdgeKind, Node, NodeKind, Span};
use crate::names::{is_chair_role, PersonName, SpeakerLabel};
use crate::orgs::Org;
use crate::text::{find_date, plain, slug};

/// A numbered item heading: "6 Independent Review of Prevent (Item 6)".
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^([0-9]{1,3}[a-z]?)\s+(.+?)\s*(?:\(Item [0-9]{1,3}[a-z]?\))?\s*(?:\(Pages? [0-9\s\-–]+\))?$",
    )
    .expect("valid regex")
});

/// "An apology for absence was received from X[, for whom Y attended as a substitute]."
static APOLOGIES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)apolog(?:y|ies) for absence (?:was|were) received from (.+?)(?:,? for whom (.+?) attended as (?:a )?substitutes?)?\.")
        .expect("valid regex")
});

/// "the Chairman welcomed Emma Strain, Monitoring Officer, GLA to the meeting".
static WELCOMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"welcomed ([^.:]+?, [^.:]+?) to the meeting").expect("valid regex")
});

/// "the response from the Deputy Mayor for Policing and Crime to the Committee's
/// report on probation services in London, as attached …, be noted".
static NOTED_RESPONSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[Tt]he response from (.+?) to the Committee's (report|letter) on (.+?),? (?:as attached|be noted)").expect("valid regex")
});

/// A paragraph number at the start of a bullet ("6.3 A transcript ...").
static PARAGRAPH_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[0-9]+\.[0-9]+\s").expect("valid regex"));

/// The meeting a section is about.
#[derive(Clone, Debug)]
pub(crate) struct MeetingRef {
    pub key: String,
    pub body: Org,
    pub date: String,
}

impl MeetingRef {
    /// The body a member's or chair's role at this meeting is held in: the
    /// body that met, and none for a joint meeting of two (the role is
    /// each person's in one of them, which the list does not say).
    pub(crate) fn body_of_roles(&self) -> Option<Org> {
        crate::orgs::Orgs::joint(&self.body.name)
            .is_none()
            .then(|| self.body.clone())
    }
}

/// One `**Key: value**` field of a document header, possibly over several lines.
struct Field {
    value: String,
    first: usize,
    last: usize,
}

/// Reads the `**Meeting:** / **Date:** / **Time:** / **Place:**` header fields.
fn header_fields(ctx: &Ctx<'_>, section: Section) -> BTreeMap<String, Field> {
    let mut fields = BTreeMap::new();
    let end = section.last.min(section.first + 40);
    let mut n = section.first + 1;
    while n <= end {
        let line = ctx.src.line(n);
        if line.starts_with("**") && line.contains(':') {
            let mut last = n;
            while !ctx.src.line(last).trim_end().ends_with("**") && last < end {
                last += 1;
            }
            let text = plain(ctx.src.lines_text(n, last));
            if let Some((key, value)) = text.split_once(':') {
                let key = key.trim().to_ascii_lowercase();
                if ["meeting", "date", "time", "place"].contains(&key.as_str()) {
                    fields.entry(key).or_insert(Field {
                        value: value.trim().to_owned(),
                        first: n,
                        last,
                    });
                }
            }
            n = last;
        }
        if line.starts_with('#') && n > section.first + 1 {
            break;
        }
        n += 1;
    }
    fields
}

/// Adds the meeting a header describes, with its body.
fn add_meeting(ctx: &mut Ctx<'_>, section: Section, what: &str) -> Option<MeetingRef> {
    let fields = header_fields(ctx, section);
    let (Some(body), Some(date)) = (fields.get("meeting"), fields.get("date")) else {
        ctx.warn(
            section.first,
            format!("{what} without a \"Meeting:\" and \"Date:\" header: expected both"),
        );
        return None;
    };
    let Some((parsed_date, date_text)) = find_date(&date.value) else {
        ctx.warn(
            date.first,
            format!(
                "unreadable meeting date {:?}: expected a date such as \"8 March 2023\"",
                date.value
            ),
        );
        return None;
    };
    let body_org = ctx.orgs.resolve(&body.value)?;
    let iso = parsed_date.to_string();
    let date_span = ctx.src.quote_line(date.first, date_text);
    let body_span = ctx.src.quote_line(body.first, &body_org.as_written);
    let mut node = meeting_node(ctx, &body_org, &iso, date_text, date_span, Some(body_span));
    let key = node.key.clone();
    for (name, field) in [("time", fields.get("time")), ("place", fields.get("place"))] {
        if let Some(field) = field {
            node = node.with(name, field.value.clone());
            node.provenance.push(ctx.src.span(field.first, field.last));
        }
    }
    ctx.out.add_node(node);
    Some(MeetingRef {
        key,
        body: body_org,
        date: iso,
    })
}

/// Adds the document node of a section (agenda, minutes) of the file.
fn add_section_document(
    ctx: &mut Ctx<'_>,
    section: Section,
    meeting: &MeetingRef,
    kind: &str,
) -> String {
    let key = crate::keys::document_part(kind, crate::keys::path(&meeting.key));
    let span = ctx.src.span(section.first, section.first);
    let title = format!(
        "{} of the {}, {}",
        capitalise(kind),
        meeting.body.name,
        meeting.date
    );
    ctx.out.add_node(
        Node::new(key.clone(), NodeKind::Document, title, span.clone())
            .with("kind", kind)
            .with("date", meeting.date.clone()),
    );
    ctx.out.add_edge(Edge::new(
        key.clone(),
        EdgeKind::PartOf,
        ctx.doc_key.clone(),
        span.clone(),
    ));
    ctx.out.add_edge(Edge::new(
        key.clone(),
        EdgeKind::Records,
        meeting.key.clone(),
        span,
    ));
    key
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Parses the numbered item headings of a section into agenda items.
fn add_items(
    ctx: &mut Ctx<'_>,
    section: Section,
    meeting: &MeetingRef,
    minutes: bool,
) -> Vec<(usize, String)> {
    let mut items = Vec::new();
    for n in section.first + 1..=section.last {
        let line = ctx.src.line(n);
        let is_heading = line.starts_with('#');
        // Minutes sometimes set an item heading as a bold line instead.
        let is_bold_item = minutes && line.starts_with("**") && line.contains("(Item ");
        if !is_heading && !is_bold_item {
            continue;
        }
        let text = plain(line.trim_start_matches('#'));
        let Some(cap) = ITEM.captures(&text) else {
            continue;
        };
        let (number, title) = (cap[1].to_owned(), cap[2].trim().to_owned());
        let key = item_key(&meeting.key, &number);
        let quote = find_in_line(line, &title);
        let span = ctx.src.quote_line(n, quote);
        add_agenda_item(ctx, &meeting.key, &number, &title, span);
        items.push((n, key));
    }
    items
}

/// Adds agenda item `number` of a meeting, titled and quoted where the
/// list or heading gives it, with the outside document its title names.
pub(crate) fn add_agenda_item(
    ctx: &mut Ctx<'_>,
    meeting: &str,
    number: &str,
    title: &str,
    span: Span,
) {
    let key = item_key(meeting, number);
    ctx.out.add_node(
        Node::new(
            key.clone(),
            NodeKind::AgendaItem,
            title.to_owned(),
            span.clone(),
        )
        .with("number", number)
        .with("title", title),
    );
    ctx.out.add_edge(Edge::new(
        key.clone(),
        EdgeKind::ItemOf,
        meeting.to_owned(),
        span.clone(),
    ));
    add_discussed_review(ctx, title, &key, span);
}

/// An item titled after a review or report ("Independent Review of Prevent")
/// discusses that outside document: it gets a node and a `discussed-at` edge.
pub(crate) fn add_discussed_review(ctx: &mut Ctx<'_>, title: &str, item: &str, span: Span) {
    let names_review = title
        .split_whitespace()
        .any(|w| matches!(w, "Review" | "Report" | "Inquiry" | "Inspection"));
    if !names_review {
        return;
    }
    let key = crate::keys::external_document(title);
    ctx.out.add_node(
        Node::new(
            key.clone(),
            NodeKind::Document,
            title.to_owned(),
            span.clone(),
        )
        .with("kind", "external"),
    );
    ctx.out
        .add_edge(Edge::new(key, EdgeKind::DiscussedAt, item.to_owned(), span));
}

/// The agenda of a meeting: its header, items, and the committee membership.
pub(super) fn parse_agenda(ctx: &mut Ctx<'_>, section: Section) {
    let Some(meeting) = add_meeting(ctx, section, "agenda") else {
        return;
    };
    add_section_document(ctx, section, &meeting, "agenda");
    add_items(ctx, section, &meeting, false);
    parse_membership_lists(ctx, section, &meeting);
}

/// Membership lists: "Members of the Committee" under a heading (as at the
/// meeting), and lists introduced by a sentence saying they were agreed on a date.
fn parse_membership_lists(ctx: &mut Ctx<'_>, section: Section, meeting: &MeetingRef) {
    let mut n = section.first + 1;
    while n <= section.last {
        let line = ctx.src.line(n);
        let text = plain(line);
        let lower = text.to_ascii_lowercase();
        let list = if line.starts_with('#') && lower.contains("members of the committee") {
            Some(("listed".to_owned(), meeting.date.clone()))
        } else if lower.contains("membership") && lower.contains("agreed") {
            find_date(&text).map(|(date, _)| ("agreed".to_owned(), date.to_string()))
        } else {
            None
        };
        let Some((basis, date)) = list else {
            n += 1;
            continue;
        };
        n += 1;
        while n <= section.last && !ctx.src.line(n).starts_with('#') {
            let entry = ctx.src.line(n);
            if let Some(label) = (!entry.trim().is_empty())
                .then(|| SpeakerLabel::parse(&plain(entry)))
                .flatten()
            {
                let span = ctx.src.quote_line(n, entry.trim().trim_matches('*'));
                let person = add_person(ctx, &label.name, &label.label, span.clone());
                let role = label.role.clone().unwrap_or_else(|| "Member".to_owned());
                let body = meeting.body_of_roles();
                add_membership(ctx, &person, body.as_ref(), &role, &date, &basis, span);
            }
            n += 1;
        }
    }
}

/// Who attended a meeting and how.
#[derive(Default)]
pub(super) struct Attendance {
    /// How they attended; `None` until a list or sentence says.
    pub status: Option<AttendanceStatus>,
    pub role: Option<String>,
    pub organisation: Option<Org>,
    /// The absent member and the sentence that says so.
    pub substitute_for: Option<(String, Span)>,
    pub item: Option<String>,
    pub label: String,
    pub name: Option<PersonName>,
    pub spans: Vec<Span>,
    /// `virtual` for who attended remotely.
    pub mode: Option<&'static str>,
    /// Whether the person attended from outside the body that met (an
    /// officer, a councillor "also present"): their role is not one in it.
    pub outside_body: bool,
}

/// Minutes: header, present list, apologies and substitutes, items, guests.
pub(super) fn parse_minutes(ctx: &mut Ctx<'_>, section: Section) {
    let Some(meeting) = add_meeting(ctx, section, "minutes") else {
        return;
    };
    add_section_document(ctx, section, &meeting, "minutes");
    let items = add_items(ctx, section, &meeting, true);
    let mut attendance: BTreeMap<String, Attendance> = BTreeMap::new();

    // "Present:" until the first heading.
    if let Some(present) = (section.first..=section.last)
        .find(|&n| plain(ctx.src.line(n)).eq_ignore_ascii_case("present:"))
    {
        let mut n = present + 1;
        while n <= section.last && !ctx.src.line(n).starts_with('#') {
            let line = ctx.src.line(n);
            if let Some(label) = (!line.trim().is_empty())
                .then(|| SpeakerLabel::parse(&plain(line)))
                .flatten()
            {
                let person = label.name.node_key();
                let entry = attendance.entry(person).or_default();
                entry.status = Some(AttendanceStatus::Present);
                entry.role = label.role.clone();
                entry.label = label.label.clone();
                entry.name = Some(label.name);
                entry.spans.push(ctx.src.quote_line(n, line));
            }
            n += 1;
        }
    }

    for n in section.first + 1..=section.last {
        let line = ctx.src.line(n);
        let text = plain(line);
        let item = items
            .iter()
            .rev()
            .find(|(at, _)| *at < n)
            .map(|(_, key)| key.clone());
        for cap in APOLOGIES.captures_iter(&text) {
            let span = ctx.src.quote_line(n, line.trim_start_matches("- "));
            let names = split_names(&cap[1]);
            for (i, name) in names.iter().enumerate() {
                let Some(absent) = PersonName::parse(name) else {
                    continue;
                };
                let entry = attendance.entry(absent.node_key()).or_default();
                entry.status = Some(AttendanceStatus::Apologies);
                entry.label = name.clone();
                entry.name = Some(absent.clone());
                entry.spans.push(span.clone());
                // "for whom" refers to the last name of the list.
                let is_last = i + 1 == names.len();
                if let Some(substitute) = cap
                    .get(2)
                    .filter(|_| is_last)
                    .and_then(|m| PersonName::parse(m.as_str()))
                {
                    let sub = attendance.entry(substitute.node_key()).or_default();
                    sub.status = Some(AttendanceStatus::Substitute);
                    sub.substitute_for = Some((absent.node_key(), span.clone()));
                    if sub.name.is_none() {
                        sub.label = substitute.full.clone();
                        sub.name = Some(substitute);
                    }
                    sub.spans.push(span.clone());
                }
            }
        }
        for cap in NOTED_RESPONSE.captures_iter(&text) {
            add_noted_response(ctx, &cap[1], &cap[2], &cap[3], n, &meeting);
        }
        for cap in WELCOMED.captures_iter(&text) {
            add_guest(ctx, &mut attendance, &cap[1], n, line, item.clone());
        }
        if text.to_ascii_lowercase().contains("guest") && text.ends_with(':') {
            let mut m = n + 1;
            while m <= section.last {
                let entry = ctx.src.line(m);
                let trimmed = entry.trim_start();
                if trimmed.is_empty() {
                    m += 1;
                    continue;
                }
                let Some(bullet) = trimmed.strip_prefix("- ") else {
                    break;
                };
                if PARAGRAPH_NUMBER.is_match(bullet) {
                    break;
                }
                add_guest(ctx, &mut attendance, bullet, m, entry, item.clone());
                m += 1;
            }
        }
    }

    emit_attendance(ctx, &meeting, attendance);
}

/// An attendance the text tells rather than lists: the person present at
/// the meeting, with how that is known (`basis`: "spoke", "told", "gave
/// evidence"). An attendance of the same person already read stands.
pub(super) fn told_attendance(
    ctx: &mut Ctx<'_>,
    meeting: &str,
    date: &str,
    person: &str,
    span: Span,
    basis: &str,
) {
    let key = crate::keys::attendance(meeting, person);
    if ctx.out.nodes.contains_key(&key) {
        return;
    }
    let Some(name) = ctx.out.nodes.get(person).map(|p| p.name.clone()) else {
        return;
    };
    ctx.out.add_node(
        Node::new(
            key.clone(),
            NodeKind::Attendance,
            format!("{name} at {date}"),
            span.clone(),
        )
        .with("status", AttendanceStatus::Present.as_str())
        .with("basis", basis),
    );
    ctx.out.add_edge(Edge::new(
        key.clone(),
        EdgeKind::Attendee,
        person.to_owned(),
        span.clone(),
    ));
    ctx.out
        .add_edge(Edge::new(key, EdgeKind::Attended, meeting.to_owned(), span));
}

/// Adds the attendance nodes of a meeting, their people, roles and the chair.
pub(super) fn emit_attendance(
    ctx: &mut Ctx<'_>,
    meeting: &MeetingRef,
    attendance: BTreeMap<String, Attendance>,
) {
    for (person_key, entry) in attendance {
        let (Some(name), Some(status)) = (entry.name.as_ref(), entry.status) else {
            continue;
        };
        let mut spans = entry.spans.clone();
        spans.sort();
        spans.dedup();
        let span = spans[0].clone();
        add_person(ctx, name, &entry.label, span.clone());
        let key = crate::keys::attendance(&meeting.key, &person_key);
        let mut node = Node::new(
            key.clone(),
            NodeKind::Attendance,
            format!("{} at {}", name.full, meeting.date),
            span.clone(),
        )
        .with("status", status.as_str());
        node.provenance = spans;
        if let Some(role) = &entry.role {
            node = node.with("role", role.clone());
        }
        if let Some(org) = &entry.organisation {
            node = node.with("organisation", org.name.clone());
        }
        if let Some(mode) = entry.mode {
            node = node.with("mode", mode);
        }
        ctx.out.add_node(node);
        ctx.out.add_edge(Edge::new(
            key.clone(),
            EdgeKind::Attendee,
            person_key.clone(),
            span.clone(),
        ));
        ctx.out.add_edge(Edge::new(
            key.clone(),
            EdgeKind::Attended,
            meeting.key.clone(),
            span.clone(),
        ));
        if let Some((absent, because)) = &entry.substitute_for {
            ctx.out.add_edge(Edge::new(
                key.clone(),
                EdgeKind::SubstituteFor,
                absent.clone(),
                because.clone(),
            ));
        }
        if let Some(item) = &entry.item {
            ctx.out.add_edge(Edge::new(
                key.clone(),
                EdgeKind::GuestAt,
                item.clone(),
                span.clone(),
            ));
        }
        if let Some(role) = &entry.role {
            // A chair's or member's role at a meeting is a role in the body
            // that met; a guest's is in their own organisation.
            let own_body = status == AttendanceStatus::Guest || entry.outside_body;
            let org = if own_body {
                entry.organisation.clone()
            } else {
                meeting.body_of_roles()
            };
            let basis = match status {
                AttendanceStatus::Guest => "invited",
                AttendanceStatus::Officer => "in-attendance",
                _ => "present",
            };
            // A chair's role at a joint meeting is in one of its bodies,
            // which the list does not say: the chair is kept, not the role.
            if own_body || org.is_some() {
                add_membership(
                    ctx,
                    &person_key,
                    org.as_ref(),
                    role,
                    &meeting.date,
                    basis,
                    span.clone(),
                );
            }
        }
        // A guest's or visitor's own body ("(Audit Commission)") is named there.
        if let Some(org) = &entry.organisation {
            let named = super::quote_within(ctx.src, &span, 3, &org.as_written);
            ctx.out.add_node(org_node(org, named));
        }
        // The chair of the body that met, not a visitor who chairs another
        // ("ALSO PRESENT: Councillors Chris Edge (Chairman) …").
        if entry.role.as_deref().is_some_and(is_chair_role)
            && status == AttendanceStatus::Present
            && !entry.outside_body
        {
            ctx.out.add_edge(Edge::new(
                meeting.key.clone(),
                EdgeKind::ChairedBy,
                person_key.clone(),
                span,
            ));
        }
    }
}

/// A response the minutes record as noted, whose text is not in the pack: a
/// report-level Response with stance `noted`, linked to the report.
fn add_noted_response(
    ctx: &mut Ctx<'_>,
    respondent: &str,
    kind: &str,
    output: &str,
    n: usize,
    meeting: &MeetingRef,
) {
    let line = ctx.src.line(n);
    let span = ctx.src.quote_line(n, find_in_line(line, respondent));
    let respondent_key = match ctx.orgs.resolve_post(respondent) {
        Some(post) => super::report::add_post(ctx, &post, span.clone()),
        None => match add_org(ctx, respondent, span.clone()) {
            Some(org) => org.key,
            None => return,
        },
    };
    let output_span = ctx.src.quote_line(n, find_in_line(line, output));
    let report_key = crate::keys::report(output);
    let report_kind = if kind == "report" {
        "report"
    } else {
        "committee-letter"
    };
    ctx.out.add_node(
        Node::new(
            report_key.clone(),
            NodeKind::Document,
            output.to_owned(),
            output_span.clone(),
        )
        .with("kind", report_kind)
        .with("title", output),
    );
    let key = format!(
        "response/{}/{}",
        slug(output),
        respondent_key.split('/').next_back().unwrap_or("")
    );
    let sentence = ctx
        .src
        .quote_line(n, line.trim_start_matches("- ").trim_matches('*').trim());
    let node = Node::new(
        key.clone(),
        NodeKind::Response,
        format!("Response from {respondent} to the {kind} on {output}"),
        sentence.clone(),
    )
    .with("stance", crate::model::ResponseStance::Noted.as_str())
    .with(
        "stance_rule",
        format!(
            "{}: noted (the minutes record the response as noted; its text is not in the document)",
            super::stance::RULES_VERSION
        ),
    )
    .with("quote", sentence.quote.clone())
    .with("date", meeting.date.clone());
    ctx.out.add_node(node);
    ctx.out.add_edge(Edge::new(
        key.clone(),
        EdgeKind::RespondsTo,
        report_key,
        output_span,
    ));
    ctx.out
        .add_edge(Edge::new(key, EdgeKind::Respondent, respondent_key, span));
}

/// A guest entry "Name, Role[, Organisation]" (bullet or prose).
pub(super) fn add_guest(
    ctx: &mut Ctx<'_>,
    attendance: &mut BTreeMap<String, Attendance>,
    entry: &str,
    n: usize,
    line: &str,
    item: Option<String>,
) {
    let text = plain(entry);
    let text = text
        .trim_end_matches(" and")
        .trim_end_matches("; and")
        .trim_end_matches(['.', ';', ','])
        .trim();
    let mut parts: Vec<&str> = text.split(", ").collect();
    let Some(name) = PersonName::parse(parts.remove(0)) else {
        return;
    };
    let (role, organisation) = match parts.len() {
        0 => (None, None),
        // "Deputy Commissioner Jonathan Smith, London Fire Brigade": the
        // one part is the organisation, the rank before the name the role.
        1 if ctx.orgs.is_known(parts[0]) || crate::orgs::Orgs::looks_like_org(parts[0]) => {
            let rank = name
                .titles
                .iter()
                .filter(|t| {
                    !["Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame"]
                        .contains(&t.trim_end_matches('.'))
                })
                .cloned()
                .collect::<Vec<_>>()
                .join(" ");
            ((!rank.is_empty()).then_some(rank), Some(parts[0]))
        }
        1 => (Some(parts[0].to_owned()), None),
        _ => {
            let org = parts.pop().expect("two parts or more");
            (Some(parts.join(", ")), Some(org))
        }
    };
    let span = ctx.src.quote_line(n, find_in_line(line, text));
    let organisation = organisation.and_then(|o| ctx.orgs.resolve(o));
    let entry = attendance.entry(name.node_key()).or_default();
    if entry.status.is_none_or(|s| s == AttendanceStatus::Present) {
        entry.status = Some(AttendanceStatus::Guest);
    }
    entry.label = text.to_owned();
    entry.name = Some(name);
    entry.role = role;
    entry.organisation = organisation;
    entry.item = item;
    entry.spans.push(span);
}

/// Splits "A, B and C" into names.
fn split_names(text: &str) -> Vec<String> {
    text.split(", ")
        .flat_map(|part| part.split(" and "))
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}
