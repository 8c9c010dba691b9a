//! Minutes of any publisher: the meeting from the opening lines, and who was
//! present, also present, in attendance, sent apologies or substituted.
//!
//! The agenda pack's minutes have their own header fields (see `meeting`);
//! other publishers' minutes share wording instead:
//! - the meeting: a body and a date in the opening lines ("CORPORATE
//!   PARENTING PANEL – 10th December 2024", "MINUTES of a meeting of Kent
//!   County Council held … on Thursday, 13 February 2025"), or the publisher
//!   the manifest names when the text gives only the date;
//! - lists after a label, inline or on the following lines, one name a line
//!   or run together: `PRESENT:`, `Members present`, `ALSO PRESENT:`,
//!   `IN ATTENDANCE:`, `Apologies:`, "Apologies (for absence) were received
//!   from …"; names are split at commas and "and" outside brackets, a
//!   bracket after a name is the role (`(Chair)` makes the chair), a
//!   "Councillors" before a list titles every name in it;
//! - substitutes in every wording: "X who was substituted by Y", "for whom
//!   Y attended as a substitute", "for whom Y substituted", "Y substituting
//!   for X", "Y substituted for X";
//! - "A, B and C were in attendance virtually" / "attended remotely".

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::meeting::{emit_attendance, Attendance, MeetingRef};
use super::{meeting_node, Ctx};
use crate::coverage::{DocumentKind, Region};
use crate::model::AttendanceStatus;
use crate::names::PersonName;
use crate::read::blocks::BlockKind;
use crate::text::{find_date, plain, strip_trailing_weekday};

/// A list of attendees: which list it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum List {
    /// Members present.
    Present,
    /// Others present (councillors who are not members, cabinet members).
    AlsoPresent,
    /// Officers in attendance, with their roles.
    InAttendance,
    /// Apologies for absence.
    Apologies,
    /// Absent without apologies.
    Absent,
    /// People of another body, listed apart under a present label.
    Visitors,
}

/// Labels in the order they are tried: longer first, so "Also present"
/// is not read as "Present".
const LABELS: &[(&str, List)] = &[
    ("also present", List::AlsoPresent),
    ("also in attendance", List::AlsoPresent),
    ("officers in attendance", List::InAttendance),
    ("officers present", List::InAttendance),
    ("in attendance", List::InAttendance),
    ("members present", List::Present),
    ("councillors present", List::Present),
    ("present", List::Present),
    ("apologies for absence were received from", List::Apologies),
    ("apologies for absence was received from", List::Apologies),
    ("apologies were received from", List::Apologies),
    ("apologies were given by", List::Apologies),
    ("apologies were tendered by", List::Apologies),
    ("apologies for absence received from", List::Apologies),
    ("apologies received from", List::Apologies),
    ("apologies from", List::Apologies),
    ("apologies for absence", List::Apologies),
    ("apologies", List::Apologies),
    ("absent", List::Absent),
    // Welsh: "Presennol", "Yn bresennol", "Derbyniwyd ymddiheuriadau gan …"
    // (apologies were received from), "Ymddiheuriadau".
    ("yn bresennol", List::Present),
    ("presennol", List::Present),
    ("derbyniwyd ymddiheuriadau gan yr", List::Apologies),
    ("derbyniwyd ymddiheuriadau gan y", List::Apologies),
    ("derbyniwyd ymddiheuriadau gan", List::Apologies),
    ("ymddiheuriadau", List::Apologies),
];

/// Words that join the last two names of a list: English and Welsh ("a",
/// "ac", "a'r": and, and the).
const CONJUNCTIONS: &[&str] = &[" and ", " a’r ", " a'r ", " ac ", " a "];

/// Whether a label opens a sentence whose list follows a preposition
/// ("… received from", "… given by", Welsh "… gan").
fn is_sentence_label(label: &str) -> bool {
    label.ends_with(" from")
        || label.ends_with(" by")
        || [" gan", " gan y", " gan yr"]
            .iter()
            .any(|p| label.ends_with(p))
}

/// The attendance label a line opens with, and the text after it.
pub(super) fn label_at(line: &str) -> Option<(List, &str)> {
    let trimmed = line.trim_start_matches(['#', ' ', '*', '\t']);
    let lower = trimmed.to_ascii_lowercase();
    for (label, list) in LABELS {
        if let Some(after) = lower.strip_prefix(label) {
            // The label is a whole phrase: followed by a colon, the end of
            // the line, or (for the sentence forms) a space.
            let rest_at = trimmed.len() - after.len();
            let rest = &trimmed[rest_at..];
            let rest_trimmed = rest.trim_start_matches(['*', ' ']);
            let ok = rest_trimmed.is_empty()
                || rest_trimmed.starts_with(':')
                || is_sentence_label(label)
                || rest_trimmed.starts_with("- ")
                || rest_trimmed.starts_with("– ");
            if !ok {
                return None;
            }
            let rest = rest_trimmed.trim_start_matches([':', '-', '–', '*', ' ']);
            return Some((*list, rest));
        }
    }
    None
}

static SUBSTITUTED_BY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(.+?),? who was substituted by (.+)$").expect("valid regex"));
static FOR_WHOM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.+?),? for whom (.+?) (?:attended as (?:a |the )?substitutes?|substituted)$")
        .expect("valid regex")
});
static SUBSTITUTING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.+?),? (?:substituting for|substituted for|attended as (?:a )?substitute for|as substitute for) (.+)$")
        .expect("valid regex")
});
static VIRTUAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(.+?) (?:were|was) in attendance (?:virtually|remotely)|^(.+?) attended (?:virtually|remotely)")
        .expect("valid regex")
});

/// Attendance told in a sentence: "Mr John Betts, Interim Corporate
/// Director Finance, was in attendance for this item", "The Chair welcomed
/// Emma Strain, Monitoring Officer, to the meeting".
static IN_PROSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(.+?),? (?:was|were) (?:also )?in attendance\b(.*)$|\b(?:chair|chairman|chairwoman|chairperson|mayor) welcomed (.+?),? to (?:the|this) (?:meeting|committee|panel|session)")
        .expect("valid regex")
});

/// Words of a role that make its holder an officer of the body, not a guest.
const OFFICER_WORDS: &[&str] = &[
    "officer",
    "director",
    "manager",
    "clerk",
    "counsel",
    "head",
    "executive",
    "secretary",
];

/// How many lines may pass before the opening lines stop naming the meeting.
const OPENING_LINES: usize = 15;

pub(super) fn parse(ctx: &mut Ctx<'_>) {
    // Labels open lines, not only blocks: a PDF runs "PRESENT:", "ALSO
    // PRESENT:" and "IN ATTENDANCE:" together without blank lines.
    let directives: Vec<(usize, usize)> = ctx
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Directive)
        .map(|b| (b.first, b.last))
        .collect();
    let lists: Vec<(usize, List)> = (1..=ctx.src.len())
        .filter(|n| !directives.iter().any(|(f, l)| (f..=l).contains(&n)))
        .filter_map(|n| label_at(ctx.src.line(n)).map(|(list, _)| (n, list)))
        .collect();
    if lists.is_empty() {
        return;
    }
    // Each "Present" list opens the attendance of one meeting (a pack may
    // hold the minutes of several); labels before the first are agenda items
    // ("Apologies for absence") unless the minutes have no present list.
    let mut groups: Vec<Vec<(usize, List)>> = Vec::new();
    let has_present = lists.iter().any(|(_, l)| *l == List::Present);
    for &(line, list) in &lists {
        if list == List::Present || (groups.is_empty() && !has_present) {
            groups.push(Vec::new());
        }
        if let Some(group) = groups.last_mut() {
            group.push((line, list));
        }
    }
    let starts: Vec<usize> = lists.iter().map(|(n, _)| *n).collect();
    for (index, group) in groups.iter().enumerate() {
        let first = group[0].0;
        let Some(meeting) = find_meeting(ctx, first, index == 0) else {
            ctx.warn(
                first,
                "attendance lists without a meeting: expected a body and a date in the lines before them",
            );
            continue;
        };
        let mut attendance: BTreeMap<String, Attendance> = BTreeMap::new();
        let mut last_line = first;
        for (line, list) in group {
            let next_label = starts.iter().copied().find(|&n| n > *line);
            last_line = last_line.max(read_list(ctx, *line, *list, next_label, &mut attendance));
        }
        let region_end = groups
            .get(index + 1)
            .map_or(ctx.src.len(), |next| next[0].0 - 1);
        read_virtual(ctx, first, region_end, &mut attendance);
        read_in_prose(ctx, first, region_end, &mut attendance);
        if !attendance
            .values()
            .any(|a| a.role.as_deref().is_some_and(crate::names::is_chair_role))
        {
            read_chair(ctx, first, region_end, &mut attendance);
        }
        ctx.signals.regions.push(Region {
            kind: DocumentKind::Minutes,
            first,
            last: last_line,
            evidence: format!("{} attendance lists", group.len()),
        });
        emit_attendance(ctx, &meeting, attendance);
    }
}

/// The body and date of the meeting whose lists start at line `list`: in
/// the lines just before them (the minutes' header), or, for the first
/// meeting of a document, in its opening lines.
fn find_meeting(ctx: &mut Ctx<'_>, list: usize, first: bool) -> Option<MeetingRef> {
    let src = ctx.src;
    let mut window = list.saturating_sub(OPENING_LINES).max(1)..list;
    // A header with a bracketed qualifier ("… COMMITTEE (JOINT SESSION)")
    // starts this meeting's header: a date above it is another's.
    if let Some(header) = window
        .clone()
        .rev()
        .find(|&n| qualifier(src.line(n)).is_some())
    {
        window.start = header;
    }
    let opening = 1..(OPENING_LINES + 1).min(src.len() + 1);
    let in_window = |range: std::ops::Range<usize>| {
        range
            .into_iter()
            .find_map(|n| header_date(ctx, n).map(|(d, t)| (n, d, t)))
    };
    // A header with no date of its own ("AUDIT COMMITTEE AND GENERAL
    // PURPOSES COMMITTEE (JOINT SESSION)") may be dated where the document
    // names it: "notes of the Joint session … held on 24 September 2009".
    let mut dated_elsewhere = false;
    let (date_line, date, date_text) = in_window(window.clone())
        .or_else(|| first.then(|| in_window(opening)).flatten())
        .or_else(|| {
            let found = named_elsewhere(ctx, window.clone());
            dated_elsewhere = found.is_some();
            found
        })
        .or_else(|| {
            if !first {
                return None;
            }
            let date = ctx.meta.date.as_deref()?;
            let parsed = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
            // The manifest's date still needs a quote: the first line that writes it.
            (1..=src.len().min(OPENING_LINES * 4)).find_map(|n| {
                find_date(src.line(n))
                    .filter(|(d, _)| *d == parsed)
                    .map(|(d, t)| (n, d, t))
            })
        })?;
    let from = window
        .start
        .min(date_line)
        .min(if first { 1 } else { usize::MAX });
    let iso = date.to_string();
    let date_span = src.quote_line(date_line, date_text);
    // The body is in the header, not in the line elsewhere that dates it.
    let (body_date_line, body_date_text) = if dated_elsewhere {
        (list, "")
    } else {
        (date_line, date_text)
    };
    let found_body = find_body(ctx, from, list, body_date_line, body_date_text);
    let (body, node) = match found_body {
        Some((body, body_line, body_text)) => {
            let body_span = src.quote_line(body_line, body_text);
            let node = meeting_node(ctx, &body, &iso, date_text, date_span, Some(body_span));
            (body, node)
        }
        // "Minutes of the Annual Parish Meeting held on …" names no body: the
        // meeting is the publisher's, as the manifest says.
        None => match ctx.meta.publisher.clone() {
            Some(publisher) => {
                let body = ctx.orgs.resolve(&publisher)?;
                let node =
                    super::meeting_node_without_body_span(ctx, &body, &iso, date_text, date_span);
                (body, node)
            }
            // The body named in Welsh, where no manifest names it: only then,
            // since the vocabulary cannot translate "Cyngor Cymuned …" to the
            // publisher's English name, and a council's Welsh and English
            // minutes are to be one meeting.
            None => {
                let (body, line, text) = welsh_body(ctx, from, list)?;
                let body_span = src.quote_line(line, text);
                let node = meeting_node(ctx, &body, &iso, date_text, date_span, Some(body_span));
                (body, node)
            }
        },
    };
    let mut node = with_time_and_place(ctx, node, from, list);
    if dated_elsewhere {
        node = node.with("date_source", "named elsewhere in the document");
    }
    let key = ctx.out.add_node(node).to_owned();
    let doc = ctx.doc_key.clone();
    ctx.out.add_edge(crate::model::Edge::new(
        doc,
        crate::model::EdgeKind::Records,
        key.clone(),
        src.quote_line(date_line, date_text),
    ));
    Some(MeetingRef {
        key,
        body,
        date: iso,
    })
}

/// The bracketed qualifier that ends a meeting header written in capitals
/// ("AUDIT COMMITTEE AND GENERAL PURPOSES COMMITTEE (JOINT SESSION)"),
/// lower-cased.
fn qualifier(line: &str) -> Option<String> {
    static QUALIFIER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\(([A-Za-z][A-Za-z ]{3,40})\)\s*$").expect("valid regex"));
    let line = line.trim_start_matches(['#', ' ']).trim_matches('*').trim();
    let header = line.chars().any(char::is_alphabetic) && line == line.to_uppercase();
    header
        .then(|| QUALIFIER.captures(line))
        .flatten()
        .map(|cap| cap[1].to_ascii_lowercase())
}

/// The date of a meeting whose header (lines `window`) has none, from the
/// one line elsewhere that names the header's bracketed qualifier ("(JOINT
/// SESSION)") and writes a date.
fn named_elsewhere<'s>(
    ctx: &Ctx<'s>,
    window: std::ops::Range<usize>,
) -> Option<(usize, chrono::NaiveDate, &'s str)> {
    let src = ctx.src;
    let phrase = window.clone().rev().find_map(|n| qualifier(src.line(n)))?;
    let mut found = (1..=src.len())
        .filter(|n| !window.contains(n))
        .filter(|&n| src.line(n).to_ascii_lowercase().contains(&phrase))
        .filter_map(|n| {
            // The date after the phrase: "… Joint session … held on 24 September 2009".
            let line = src.line(n);
            let at = line.to_ascii_lowercase().find(&phrase)?;
            find_date(&line[at..]).map(|(d, t)| (n, d, t))
        });
    let first = found.next()?;
    // Two lines dating it differently: no one date is the header's.
    found.all(|(_, d, _)| d == first.1).then_some(first)
}

/// "held in the Darent Room, Sessions House, County Hall, Maidstone", "Venue:
/// Cabinet Meeting Room", "at 7.30pm", "Time: 19:15": where and when the
/// meeting was, from the header lines `from..to`.
static PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\bheld (?:in|at) (?:the )?|^(?:venue|place|location):\s*)(.+?)(?:,? on\b|,? at [0-9]|\.\s*$|$)")
        .expect("valid regex")
});
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^time:\s*([0-9]{1,2}[.:][0-9]{2}(?:\s?[ap]\.?m\.?)?)|\bat ([0-9]{1,2}(?:[.:][0-9]{2})?\s?(?:am|pm|a\.m\.|p\.m\.)))")
        .expect("valid regex")
});

fn with_time_and_place(
    ctx: &Ctx<'_>,
    mut node: crate::model::Node,
    from: usize,
    to: usize,
) -> crate::model::Node {
    let src = ctx.src;
    for block in ctx
        .blocks
        .iter()
        .filter(|b| b.first >= from && b.first < to)
    {
        let last = block.last.min(to.saturating_sub(1)).max(block.first);
        let joined = (block.first..=last)
            .map(|n| src.line(n).trim())
            .collect::<Vec<_>>()
            .join(" ");
        let joined = crate::text::plain(&joined);
        if node.prop("place").is_none() {
            if let Some(cap) = PLACE.captures(&joined) {
                let place = cap[1].trim().trim_end_matches([',', '.']).to_owned();
                if place.len() > 3 && place.len() < 160 {
                    node.provenance.push(src.quote(block.first, last, &place));
                    node = node.with("place", place);
                }
            }
        }
        if node.prop("time").is_none() {
            if let Some(cap) = TIME.captures(&joined) {
                let time = cap
                    .get(1)
                    .or(cap.get(2))
                    .map_or("", |m| m.as_str())
                    .trim()
                    .to_owned();
                node.provenance.push(src.quote(block.first, last, &time));
                node = node.with("time", time);
            }
        }
    }
    node
}

/// The date a header line gives the meeting: on a short line ("24 SEPTEMBER
/// 2009", "CORPORATE PARENTING PANEL – 10th December 2024") or in a block
/// about the meeting ("MINUTES of a meeting … held … on Thursday, 13 February
/// 2025"), and not the end of a period ("1 January to 31 March 2009").
fn header_date<'s>(ctx: &Ctx<'s>, n: usize) -> Option<(chrono::NaiveDate, &'s str)> {
    let line = ctx.src.line(n);
    let (date, text) = find_date(line)?;
    let before = line[..line.find(text).unwrap_or(0)]
        .trim_end()
        .to_lowercase();
    // "1 January to 31 March 2009", "1–31 March": the date ends a period. A
    // dash after a name ("PANEL – 10th December 2024") does not.
    let after_number = before
        .trim_end_matches(['-', '–'])
        .trim_end()
        .ends_with(|c: char| c.is_ascii_digit());
    if before.ends_with(" to")
        || before.ends_with("until")
        || (before.ends_with(['-', '–']) && after_number)
    {
        return None;
    }
    let block = ctx.blocks.iter().find(|b| b.first <= n && n <= b.last);
    let about_meeting = block.is_some_and(|b| {
        let text = ctx.src.lines_text(b.first, b.last).to_lowercase();
        ["meeting", "held", "minutes"]
            .iter()
            .any(|w| text.contains(w))
    });
    (line.trim().len() < 60 || about_meeting).then_some((date, text))
}

/// "meeting of the Audit Committee held", "X held their meeting", the text
/// before the date on its line, or a heading line before it.
fn find_body<'s>(
    ctx: &Ctx<'s>,
    from: usize,
    to: usize,
    date_line: usize,
    date_text: &str,
) -> Option<(crate::orgs::Org, usize, &'s str)> {
    static MEETING_OF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)meeting of (?:the )?(.+?) (?:held|which was held|on )|^(.+?) held (?:their|its|a) meeting")
            .expect("valid regex")
    });
    let src = ctx.src;
    for n in from..=(from + OPENING_LINES).min(src.len()) {
        let line = src.line(n);
        if let Some(cap) = MEETING_OF.captures(line) {
            let name = cap.get(1).or(cap.get(2))?.as_str().trim();
            if let Some(org) = body_named(ctx, name) {
                return Some(whole_body(ctx, from, n, (org, n, name)));
            }
        }
    }
    let line = src.line(date_line);
    let before = line.split(date_text).next().unwrap_or("");
    let before = before
        .trim_end_matches(|c: char| c.is_whitespace() || ",-–—".contains(c))
        .trim_start_matches(['#', ' ', '*']);
    let before = strip_trailing_weekday(before);
    if before.split_whitespace().count() >= 2 {
        if let Some(org) = body_named(ctx, before) {
            return Some((org, date_line, before));
        }
    }
    // The nearest heading-like line to the date, before it first, then after
    // it up to the list ("Oral evidence - 15 Sep 2026" over "International
    // Agreements Committee").
    let before = (from..date_line).rev();
    let after = date_line + 1..to.min(from + OPENING_LINES * 2);
    for n in before.chain(after) {
        let text = src
            .line(n)
            .trim_start_matches(['#', ' '])
            .trim_matches('*')
            .trim();
        if text.split_whitespace().count() >= 2 && text.len() < 80 {
            if let Some(org) = body_named(ctx, text) {
                return Some((org, n, text));
            }
        }
    }
    None
}

/// The one body a class of body stands for in a header: "a meeting of the
/// County Council" under a heading "KENT COUNTY COUNCIL" is Kent County
/// Council's. A heading between the header's first line and the sentence
/// that names a body ending in the class's words is that body; otherwise
/// the class stays as the text gives it.
fn whole_body<'s>(
    ctx: &Ctx<'s>,
    from: usize,
    to: usize,
    found: (crate::orgs::Org, usize, &'s str),
) -> (crate::orgs::Org, usize, &'s str) {
    let class = found.0.name.to_lowercase();
    if !crate::orgs::Orgs::names_a_class(&found.0.name) {
        return found;
    }
    (from.saturating_sub(OPENING_LINES).max(1)..to)
        .rev()
        .find_map(|n| {
            let text = ctx
                .src
                .line(n)
                .trim_start_matches(['#', ' '])
                .trim_matches('*')
                .trim();
            let org = body_named(ctx, text)?;
            let name = org.name.to_lowercase();
            (name.len() > class.len() && name.ends_with(&format!(" {class}")))
                .then_some((org, n, text))
        })
        .unwrap_or(found)
}

/// "Cynhaliwyd cyfarfod Cyngor Cymuned … o bell ar Zoom" (a meeting of the
/// community council was held remotely): the body a Welsh header names.
fn welsh_body<'s>(
    ctx: &Ctx<'s>,
    from: usize,
    to: usize,
) -> Option<(crate::orgs::Org, usize, &'s str)> {
    static CYFARFOD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)cyfarfod (?:o )?(?:yr? )?(.+?) (?:o bell|a gynhaliwyd|ar |am |yn )")
            .expect("valid regex")
    });
    (from..to.min(from + OPENING_LINES)).find_map(|n| {
        let line = ctx.src.line(n);
        let name = CYFARFOD.captures(line)?.get(1)?.as_str().trim();
        body_named(ctx, name).map(|org| (org, n, name))
    })
}

/// A body's name as a heading writes it, upper case read as title case.
fn body_named(ctx: &Ctx<'_>, name: &str) -> Option<crate::orgs::Org> {
    let lower = name.to_lowercase();
    if ["minutes", "agenda", "present"].iter().any(|w| lower == *w)
        || lower.starts_with("minutes of")
    {
        return None;
    }
    let is_upper = name
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    let written = if is_upper {
        name.split_whitespace()
            .map(|w| {
                let lower = w.to_lowercase();
                if ["and", "of", "the", "for"].contains(&lower.as_str()) {
                    return lower;
                }
                let mut c = lower.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        name.to_owned()
    };
    // "Joint session with General Purposes Committee held on 24": a
    // sentence about a meeting, not a body's name.
    if lower.contains(" held") || lower.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let looks = crate::orgs::Orgs::looks_like_org(&written)
        || [
            "committee",
            "panel",
            "council",
            "board",
            "cabinet",
            "authority",
            "sub-committee",
            // Welsh: council, committee.
            "cyngor",
            "pwyllgor",
        ]
        .iter()
        .any(|w| lower.contains(w));
    looks.then(|| ctx.orgs.resolve(&written)).flatten()
}

/// Reads the list that starts at line `first` and runs to the end of its
/// block (or the line before `next_label`); returns its last line.
fn read_list(
    ctx: &mut Ctx<'_>,
    first: usize,
    list: List,
    next_label: Option<usize>,
    attendance: &mut BTreeMap<String, Attendance>,
) -> usize {
    let src = ctx.src;
    let Some(index) = ctx
        .blocks
        .iter()
        .position(|b| b.first <= first && first <= b.last)
    else {
        return first;
    };
    let stop = next_label.map_or(usize::MAX, |n| n - 1);
    let block_last = ctx.blocks[index].last.min(stop);
    let (_, rest) = label_at(src.line(first)).unwrap_or((list, ""));
    let label_offset = src.line(first).len() - rest.len();
    let mut ranges: Vec<(usize, usize, usize)> = Vec::new();
    let more_in_block = (first + 1..=block_last)
        .any(|n| !src.line(n).trim().is_empty() && !is_reference(src.line(n)));
    // A sentence ("Apologies were received from …") runs to its full stop;
    // a list after a colon runs on while its lines read as a list.
    let sentence = LABELS.iter().any(|(label, _)| {
        is_sentence_label(label) && src.line(first).to_lowercase().contains(label)
    });
    let inline = !rest.trim().is_empty() || more_in_block;
    if inline {
        ranges.push((first, label_offset, block_last));
    }
    // A label alone ("PRESENT", "Apologies for Absence") takes the
    // paragraph after it, the list items after it (one name each), and
    // further paragraphs while they read as lists of names ("ALSO PRESENT:"
    // over councillors, then officers, then auditors); a list after the
    // label on its line goes on so too, once it fills its paragraph.
    let runs_on = !inline || (!sentence && block_last == ctx.blocks[index].last);
    if runs_on {
        let mut i = index + 1;
        while let Some(next) = ctx.blocks.get(i) {
            if next.is_heading() || next.first > stop {
                break;
            }
            // "(Item 1)", "2." under the label: a reference, not the list.
            if next.first == next.last && is_reference(src.line(next.first)) {
                i += 1;
                continue;
            }
            let one_per_line =
                matches!(next.kind, BlockKind::ListItem { .. } | BlockKind::TableRow);
            if !ranges.is_empty()
                && !one_per_line
                && !reads_as_list(ctx.src.lines_text(next.first, next.last))
            {
                break;
            }
            ranges.push((next.first, 0, next.last.min(stop)));
            i += 1;
        }
    }
    let mut last = first;
    for (paragraph, (line, offset, end)) in ranges.into_iter().enumerate() {
        let end = if sentence {
            end
        } else {
            list_end(ctx, line, end)
        };
        last = last.max(end);
        let start = src.line(line);
        let mut joined = join_lines(ctx, line, offset.min(start.len()), end);
        cut_to_list(&mut joined);
        let text: String = joined.iter().map(|(c, _)| *c).collect();
        let title = strip_plural_title(text.trim_start()).1;
        let pieces = split_list(&joined);
        let shared = shared_body(ctx, &pieces);
        let list = match paragraph {
            0 => list,
            _ => listed_apart(ctx, list, &pieces, shared.is_some()),
        };
        for (piece, first_line, last_line) in pieces {
            // "A, B and C (Audit Commission)": the body is each one's.
            let piece = match &shared {
                Some(body) if !piece.trim_end().ends_with(')') => format!("{piece} ({body})"),
                _ => piece,
            };
            // "Cllrs Tarry, Ogden and Johnson": each is a Cllr.
            let (bare, own) = strip_plural_title(&piece);
            let untitled = PersonName::parse(bare).is_none_or(|n| n.titles.is_empty());
            let piece = match own.or(title) {
                Some(title) if untitled => format!("{title} {bare}"),
                _ => piece,
            };
            add_entry(ctx, list, piece, first_line, last_line, attendance);
        }
    }
    last
}

/// The body a list's last bracket names when no other name of the list has
/// a bracket of its own ("Suresh Patel, Kelly Jupp and Sandra Lofthouse
/// (Audit Commission)"): it is every listed person's.
fn shared_body(ctx: &Ctx<'_>, pieces: &[(String, usize, usize)]) -> Option<String> {
    let ([.., (last, _, _)], true) = (pieces, pieces.len() >= 2) else {
        return None;
    };
    let open = last.find(" (")?;
    let bracket = last.trim_end().strip_suffix(')')?[open + 2..].trim();
    let others_bare = pieces[..pieces.len() - 1]
        .iter()
        .all(|(p, _, _)| !p.contains('('));
    (others_bare && ctx.orgs.names_a_body(bracket)).then(|| bracket.to_owned())
}

/// Which list a later paragraph under a present label is. Minutes list
/// members, then officers, then visitors, each a paragraph of its own under
/// one label ("PRESENT:" over councillors; "Caroline Holland (Director of
/// Corporate Services), Grant Miles (Head of Finance)"; "Suresh Patel …
/// (Audit Commission)"). A paragraph where every name has a bracket and no
/// bracket is a member's role lists officers, or visitors when every
/// bracket names a body; any other paragraph goes on with the label's list.
fn listed_apart(
    ctx: &Ctx<'_>,
    list: List,
    pieces: &[(String, usize, usize)],
    shared_body: bool,
) -> List {
    if !matches!(list, List::Present | List::AlsoPresent) || pieces.is_empty() {
        return list;
    }
    if shared_body {
        return List::Visitors;
    }
    let brackets: Option<Vec<&str>> = pieces
        .iter()
        .map(|(piece, _, _)| {
            let piece = piece.trim_end().trim_end_matches('.');
            let open = piece.find(" (")?;
            piece.strip_suffix(')').map(|p| p[open + 2..].trim())
        })
        .collect();
    let Some(brackets) = brackets else {
        return list;
    };
    let a_members_role = |bracket: &str| {
        let lower = bracket.to_lowercase();
        [
            "chair",
            "member",
            "substitute",
            "mayor",
            "councillor",
            "leader",
        ]
        .iter()
        .any(|word| lower.contains(word))
    };
    if brackets.iter().any(|b| a_members_role(b)) {
        list
    } else if brackets.iter().all(|b| ctx.orgs.names_a_body(b)) {
        List::Visitors
    } else {
        List::InAttendance
    }
}

/// A line that only refers to an item or minute: "(Item 1)", "(Minute 286)", "3.".
fn is_reference(line: &str) -> bool {
    let text = line
        .trim()
        .trim_matches(|c| c == '(' || c == ')')
        .to_lowercase();
    let text = text
        .strip_prefix("item")
        .or_else(|| text.strip_prefix("minute"))
        .unwrap_or(&text)
        .trim()
        .trim_end_matches('.');
    !text.is_empty()
        && text.chars().all(|c| c.is_ascii_alphanumeric())
        && text.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// Text that reads as a list of names: commas, and few lower-case words
/// beyond "and", "of", "the".
fn reads_as_list(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let lower = words
        .iter()
        .filter(|w| {
            w.starts_with(char::is_lowercase)
                && !["and", "of", "the", "for", "de", "van"].contains(w)
        })
        .count();
    text.contains(", ") && lower * 3 <= words.len()
}

/// The last line of a list that starts at `first`: the next line continues
/// it when this one ends with a comma or "and", or the next starts in lower
/// case, or reads as more of a list (commas, few lower-case words). "Cllr
/// Hotchkin opened the meeting at 7pm." after a present list does not.
fn list_end(ctx: &Ctx<'_>, first: usize, end: usize) -> usize {
    let mut n = first;
    while n < end {
        let this = ctx.src.line(n).trim_end();
        let next = ctx.src.line(n + 1).trim();
        let ends_open = this.ends_with([',', ';', '(', '&']) || this.ends_with(" and");
        let listy = reads_as_list(next);
        let bracket_open = this.matches('(').count() > this.matches(')').count();
        let continues = next.starts_with(char::is_lowercase) || next.starts_with('(');
        if !(ends_open || bracket_open || continues || listy) {
            break;
        }
        n += 1;
    }
    n
}

/// Keeps the list of a sentence: what follows "… apologies from" or
/// "received from", up to the end of the sentence (a full stop after a
/// word, not after an initial, then a capital).
fn cut_to_list(chars: &mut Vec<(char, usize)>) {
    let text: String = chars.iter().map(|(c, _)| *c).collect();
    let lower = text.to_ascii_lowercase();
    let starts: Vec<(usize, char)> = text.char_indices().collect();
    let index_of = |byte: usize| {
        starts
            .iter()
            .position(|(b, _)| *b >= byte)
            .unwrap_or(starts.len())
    };
    let mut from = 0;
    for phrase in [
        "apologies from ",
        "received from ",
        "apologies for absence from ",
        // Welsh: "ymddiheuriadau gan y Cynghorwyr …" (apologies from the Councillors).
        "ymddiheuriadau gan y ",
        "ymddiheuriadau gan yr ",
        "ymddiheuriadau gan ",
    ] {
        if let Some(at) = lower.find(phrase) {
            from = index_of(at + phrase.len());
            break;
        }
    }
    let mut end = chars.len();
    for i in from + 2..chars.len().saturating_sub(2) {
        let (c, _) = chars[i];
        let before = chars[i - 1].0;
        let before2 = chars[i - 2].0;
        let word: String = chars[..i]
            .iter()
            .rev()
            .take_while(|(c, _)| c.is_alphabetic())
            .map(|(c, _)| *c)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        // "Cllrs. Kim Davies": a title's full stop ends no sentence.
        let abbreviation = [
            "Cllr", "Cllrs", "Mr", "Mrs", "Ms", "Dr", "Prof", "Rev", "Hon", "St", "Messrs", "Cyng",
        ]
        .contains(&word.as_str());
        // "Danny Connellan. Councillors Angela Caldara, …": a full stop
        // before a title is a slip for a comma; the list goes on.
        let rest: String = chars[i + 2..].iter().map(|(c, _)| *c).collect();
        let title_follows = title_opens(&rest);
        if c == '.'
            && chars[i + 1].0 == ' '
            && chars[i + 2].0.is_uppercase()
            && before.is_lowercase()
            && before2.is_lowercase()
            && !abbreviation
            && !title_follows
        {
            end = i;
            break;
        }
    }
    chars.truncate(end);
    chars.drain(..from.min(chars.len()));
}

/// Lines `first..=last` (from byte `offset` of the first) joined with spaces,
/// each character's line remembered.
fn join_lines(ctx: &Ctx<'_>, first: usize, offset: usize, last: usize) -> Vec<(char, usize)> {
    let mut out = Vec::new();
    for n in first..=last {
        let line = ctx.src.line(n);
        let text = if n == first { &line[offset..] } else { line };
        let text = text.trim_start_matches(['-', '•', '·', '*']).trim();
        // "Mr Derek Crow-" / "Brown": a double-barrelled name broken at its
        // hyphen is one word again.
        let broken_name = matches!(out.as_slice(), [.., (l, _), ('-', _)] if l.is_alphabetic())
            && text.starts_with(char::is_uppercase);
        if !out.is_empty() && !broken_name {
            out.push((' ', n));
        }
        out.extend(text.chars().map(|c| (c, n)));
    }
    out
}

/// Splits a joined list at commas, semicolons and " and " outside brackets;
/// each piece with the lines it spans.
fn split_list(chars: &[(char, usize)]) -> Vec<(String, usize, usize)> {
    let mut pieces = Vec::new();
    let mut depth = 0i32;
    let mut current = String::new();
    let mut lines: Option<(usize, usize)> = None;
    let text: String = chars.iter().map(|(c, _)| *c).collect();
    let mut i = 0;
    let positions: Vec<(usize, char)> = text.char_indices().collect();
    let mut push = |current: &mut String, lines: &mut Option<(usize, usize)>| {
        let piece = current.trim().trim_end_matches('.').trim().to_owned();
        if let (false, Some((a, b))) = (piece.is_empty(), *lines) {
            pieces.push((piece, a, b));
        }
        current.clear();
        *lines = None;
    };
    while i < positions.len() {
        let (at, c) = positions[i];
        let line = chars[i].1;
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if depth <= 0 && (c == ',' || c == ';') {
            push(&mut current, &mut lines);
            i += 1;
            continue;
        }
        // "Danny Connellan. Councillors Angela Caldara": a full stop before
        // a title parts two names, as a comma would.
        if depth <= 0 && c == '.' && text[at..].starts_with(". ") && title_opens(&text[at + 2..]) {
            push(&mut current, &mut lines);
            i += 2;
            continue;
        }
        if let Some(joiner) = CONJUNCTIONS
            .iter()
            .find(|j| depth <= 0 && text[at..].starts_with(**j))
        {
            push(&mut current, &mut lines);
            i += joiner.chars().count();
            continue;
        }
        current.push(c);
        lines = Some(match lines {
            Some((a, _)) => (a, line),
            None => (line, line),
        });
        i += 1;
    }
    push(&mut current, &mut lines);
    pieces
}

/// Whether a text opens with a title or a plural title ("Councillors …",
/// "Cllr …", "Mr …").
fn title_opens(text: &str) -> bool {
    let word = text.split_whitespace().next().unwrap_or("");
    strip_plural_title(text).1.is_some() || crate::names::TITLES.contains(&word)
}

/// "Councillors A, B and C": the plural title before a list is no part of
/// the first name; it is returned as the singular title each name carries.
fn strip_plural_title(piece: &str) -> (&str, Option<&'static str>) {
    const PLURALS: [(&str, &str); 6] = [
        ("County Councillors ", "County Councillor"),
        ("Cynghorwyr ", "Cynghorydd"),
        ("Councillors ", "Councillor"),
        ("Cllrs. ", "Cllr"),
        ("Cllrs ", "Cllr"),
        ("Messrs ", "Mr"),
    ];
    for (plural, singular) in PLURALS {
        if let Some(rest) = piece.strip_prefix(plural) {
            return (rest, Some(singular));
        }
    }
    (piece, None)
}

/// "Cllr. O. Williams took the Chair", "Mr X in the Chair", "Y was elected
/// as Chair": the chair of the meeting.
static CHAIR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\. )([A-Z][\p{L}.'’ -]{2,60}?),? (?:took the [Cc]hair|(?:was )?in the [Cc]hair|was (?:duly )?elected (?:as )?(?:the )?[Cc]hair(?:man|person|woman)?)")
        .expect("valid regex")
});

/// The chair named in prose within lines `from..=to`.
fn read_chair(
    ctx: &Ctx<'_>,
    from: usize,
    to: usize,
    attendance: &mut BTreeMap<String, Attendance>,
) {
    for n in from..=to.min(ctx.src.len()) {
        let line = ctx.src.line(n);
        let Some(cap) = CHAIR.captures(line) else {
            continue;
        };
        let written = cap[1].trim();
        let Some(name) = PersonName::parse(written) else {
            continue;
        };
        // "O. Williams" is the "Owen Williams" of the present list: same
        // surname, the initial of the given name.
        let key = attendance
            .iter()
            .find(|(_, a)| {
                a.name
                    .as_ref()
                    .is_some_and(|known| same_by_initials(known, &name))
            })
            .map(|(k, _)| k.clone())
            .unwrap_or_else(|| name.node_key());
        let entry = attendance.entry(key).or_default();
        if entry.status.is_none() {
            entry.status = Some(AttendanceStatus::Present);
            entry.label = written.to_owned();
            entry.name = Some(name);
        }
        entry.role = Some("Chair".to_owned());
        entry.spans.push(
            ctx.src.quote_line(
                n,
                cap.get(0)
                    .map_or(written, |m| m.as_str().trim_start_matches(". ")),
            ),
        );
        return;
    }
}

/// Whether `short` ("O. Williams") names `full` ("Owen Williams") by initials.
fn same_by_initials(full: &PersonName, short: &PersonName) -> bool {
    let (f, s): (Vec<&str>, Vec<&str>) = (
        full.core.split_whitespace().collect(),
        short.core.split_whitespace().collect(),
    );
    let (Some(f_last), Some(s_last)) = (f.last(), s.last()) else {
        return false;
    };
    f_last == s_last
        && f.len() == s.len()
        && f.iter()
            .zip(&s)
            .take(f.len() - 1)
            .all(|(a, b)| a.starts_with(b.trim_end_matches('.')))
}

/// One piece of a list: a name, perhaps with a role, a substitute clause.
fn add_entry(
    ctx: &mut Ctx<'_>,
    list: List,
    piece: String,
    first: usize,
    last: usize,
    attendance: &mut BTreeMap<String, Attendance>,
) {
    let piece = piece.as_str();
    if let Some(cap) = SUBSTITUTED_BY
        .captures(piece)
        .or_else(|| FOR_WHOM.captures(piece))
    {
        let absent = cap[1].to_owned();
        let substitute = cap[2].to_owned();
        let absent_key = add_one(ctx, list, &absent, first, last, attendance);
        let sub_key = add_one(ctx, List::Present, &substitute, first, last, attendance);
        mark_substitute(ctx, attendance, sub_key, absent_key, first, last);
        return;
    }
    if let Some(cap) = SUBSTITUTING.captures(piece) {
        let substitute = cap[1].to_owned();
        let absent = cap[2].to_owned();
        let sub_key = add_one(ctx, List::Present, &substitute, first, last, attendance);
        let absent_key = add_one(ctx, List::Apologies, &absent, first, last, attendance);
        mark_substitute(ctx, attendance, sub_key, absent_key, first, last);
        return;
    }
    add_one(ctx, list, piece, first, last, attendance);
}

fn mark_substitute(
    ctx: &Ctx<'_>,
    attendance: &mut BTreeMap<String, Attendance>,
    substitute: Option<String>,
    absent: Option<String>,
    first: usize,
    last: usize,
) {
    if let (Some(sub), Some(absent)) = (substitute, absent) {
        if let Some(entry) = attendance.get_mut(&sub) {
            entry.status = Some(AttendanceStatus::Substitute);
            entry.substitute_for = Some((absent, ctx.src.span(first, last)));
        }
    }
}

/// Adds one named person to a list; returns their person key.
fn add_one(
    ctx: &mut Ctx<'_>,
    list: List,
    text: &str,
    first: usize,
    last: usize,
    attendance: &mut BTreeMap<String, Attendance>,
) -> Option<String> {
    let text = text.trim().trim_end_matches('.');
    let (name_part, role) = match text.find(" (") {
        Some(open) if text.ends_with(')') => (
            &text[..open],
            Some(text[open + 2..text.len() - 1].trim().to_owned()),
        ),
        _ => dash_role(text),
    };
    // "Sandra Lofthouse (Audit Commission)": a bracket naming a body is
    // where the person comes from, not their role.
    let (role, organisation) = match role {
        Some(bracket) if ctx.orgs.names_a_body(&bracket) => (None, ctx.orgs.resolve(&bracket)),
        role => (role, None),
    };
    let name = PersonName::parse(name_part)?;
    // A name has at least a surname and either a given name, an initial or a
    // title; a lone capitalised word ("Chair", "None") is not a person.
    let words = name.core.split_whitespace().count();
    if words < 2 && name.titles.is_empty() {
        return None;
    }
    if is_not_a_name(&name.core) {
        return None;
    }
    // A title added from the list's plural ("Cllr " for "Cllrs …") is not in the text.
    let lines = ctx.src.lines_text(first, last);
    let written = ["County Councillor ", "Councillor ", "Cllr ", "Mr "]
        .iter()
        .find_map(|t| {
            name_part
                .strip_prefix(t)
                .filter(|rest| !lines.contains(&format!("{t}{rest}")))
        })
        .unwrap_or(name_part);
    let quote = find_quote(ctx, first, last, written);
    let span = ctx.src.quote(first, last, &quote);
    let key = name.node_key();
    let entry = attendance.entry(key.clone()).or_default();
    let status = match list {
        List::Present | List::AlsoPresent => AttendanceStatus::Present,
        List::InAttendance => AttendanceStatus::Officer,
        List::Apologies => AttendanceStatus::Apologies,
        List::Absent => AttendanceStatus::Absent,
        List::Visitors => AttendanceStatus::Guest,
    };
    // A later list does not undo a substitute or an earlier status.
    if entry.status.is_none() {
        entry.status = Some(status);
    }
    entry.outside_body = matches!(
        list,
        List::AlsoPresent | List::InAttendance | List::Visitors
    );
    if let Some(role) = role.filter(|r| !r.is_empty()) {
        entry.role = Some(role);
    }
    if organisation.is_some() {
        entry.organisation = organisation;
    }
    entry.label = text.to_owned();
    entry.name = Some(name);
    entry.spans.push(span);
    Some(key)
}

/// "Cllr Mr G. Hotchkin – Chairman" and "the Clerk – Adrian Illingworth":
/// a role on either side of a dash.
fn dash_role(text: &str) -> (&str, Option<String>) {
    let Some((left, right)) = [" – ", " — ", " - "]
        .iter()
        .find_map(|dash| text.split_once(dash))
    else {
        return (text, None);
    };
    let (left, right) = (left.trim(), right.trim());
    if left.to_lowercase().starts_with("the ") && PersonName::parse(right).is_some() {
        return (right, Some(left[4..].to_owned()));
    }
    if PersonName::parse(left).is_some() {
        return (left, Some(right.to_owned()));
    }
    (text, None)
}

/// Words that open list pieces in minutes but name nobody.
fn is_not_a_name(core: &str) -> bool {
    const NOT_NAMES: &[&str] = &[
        "None",
        "Nil",
        "The Chair",
        "Chair",
        "Members",
        "Officers",
        "Substitutes",
        "Item",
        "Minutes",
        "Apologies",
        "Present",
        "Declarations",
        "Virtual",
        "Remote",
    ];
    NOT_NAMES.iter().any(|w| core.eq_ignore_ascii_case(w))
        || core.split_whitespace().any(|w| {
            [
                "Committee",
                "Council",
                "Panel",
                "Service",
                "Services",
                "Department",
                "Team",
                "Officer",
                "Manager",
                "Director",
            ]
            .contains(&w)
        })
}

/// The name as written across lines `first..=last`, white space as in the text.
fn find_quote(ctx: &Ctx<'_>, first: usize, last: usize, name: &str) -> String {
    let words: Vec<String> = name.split_whitespace().map(regex::escape).collect();
    let pattern = words.join(r"\s+");
    let text = ctx.src.lines_text(first, last);
    Regex::new(&pattern)
        .ok()
        .and_then(|re| re.find(text).map(|m| m.as_str().to_owned()))
        .unwrap_or_else(|| name.to_owned())
}

/// "A, B and C were in attendance virtually": their attendance was remote.
fn read_virtual(
    ctx: &mut Ctx<'_>,
    from: usize,
    to: usize,
    attendance: &mut BTreeMap<String, Attendance>,
) {
    let src = ctx.src;
    let blocks: Vec<(usize, usize)> = ctx
        .blocks
        .iter()
        .filter(|b| b.first >= from && b.last <= to)
        .map(|b| (b.first, b.last))
        .collect();
    for (first, last) in blocks {
        let chars = join_lines(ctx, first, 0, last);
        let text: String = chars.iter().map(|(c, _)| *c).collect();
        for sentence in text.split_inclusive(". ") {
            let Some(cap) = VIRTUAL.captures(sentence.trim()) else {
                continue;
            };
            let names = cap.get(1).or(cap.get(2)).map_or("", |m| m.as_str());
            let sentence_chars: Vec<(char, usize)> = names.chars().map(|c| (c, first)).collect();
            for (piece, _, _) in split_list(&sentence_chars) {
                let Some(name) = PersonName::parse(&piece) else {
                    continue;
                };
                let quote = find_quote(ctx, first, last, &piece);
                let span = src.quote(first, last, &quote);
                let entry = attendance.entry(name.node_key()).or_default();
                if entry.status.is_none() {
                    entry.status = Some(AttendanceStatus::Present);
                    entry.label = piece.clone();
                    entry.name = Some(name);
                }
                entry.mode = Some("virtual");
                entry.spans.push(span);
            }
        }
    }
}

/// People a sentence says attended, who no list names: each with the role
/// the sentence gives them ("Name, role, …"), an officer when the role says
/// so, else a guest. One a list already names (perhaps by initials: "Mr J
/// Betts" and "Mr John Betts") keeps the list's record.
fn read_in_prose(
    ctx: &mut Ctx<'_>,
    from: usize,
    to: usize,
    attendance: &mut BTreeMap<String, Attendance>,
) {
    let blocks: Vec<(usize, usize)> = ctx
        .blocks
        .iter()
        .filter(|b| b.first >= from && b.last <= to && b.kind != BlockKind::TableRow)
        .map(|b| (b.first, b.last))
        .collect();
    for (first, last) in blocks {
        let text = plain(&ctx.src.lines_text(first, last).replace('\n', " "));
        for sentence in text.split_inclusive(". ") {
            let sentence = sentence.trim();
            let Some(cap) = IN_PROSE.captures(sentence) else {
                continue;
            };
            let after = cap.get(2).map_or("", |m| m.as_str()).trim_start();
            // "… were in attendance virtually": members, read by `read_virtual`.
            if ["virtually", "remotely"]
                .iter()
                .any(|w| after.starts_with(w))
            {
                continue;
            }
            let welcomed = cap.get(3).is_some();
            let subject = cap.get(1).or(cap.get(3)).map_or("", |m| m.as_str());
            for (name, role) in named_with_roles(subject) {
                let known = PersonName::parse(&name).is_some_and(|parsed| {
                    attendance.contains_key(&parsed.node_key())
                        || attendance.values().any(|a| {
                            a.name.as_ref().is_some_and(|listed| {
                                same_by_initials(&parsed, listed)
                                    || same_by_initials(listed, &parsed)
                            })
                        })
                });
                if known {
                    continue;
                }
                let piece = match &role {
                    Some(role) => format!("{name} ({role})"),
                    None => name.clone(),
                };
                let Some(key) = add_one(ctx, List::InAttendance, &piece, first, last, attendance)
                else {
                    continue;
                };
                let officer = !welcomed
                    && role.as_deref().is_some_and(|r| {
                        let lower = r.to_lowercase();
                        OFFICER_WORDS
                            .iter()
                            .any(|w| lower.split_whitespace().any(|x| x == *w))
                    });
                if let Some(entry) = attendance.get_mut(&key) {
                    entry.status = Some(if officer {
                        AttendanceStatus::Officer
                    } else {
                        AttendanceStatus::Guest
                    });
                }
            }
        }
    }
}

/// "A, role, B and C, role of Org" → names with the role written after
/// each: a piece that names no one is the role of the name before it.
fn named_with_roles(subject: &str) -> Vec<(String, Option<String>)> {
    let subject = subject
        .trim()
        .trim_start_matches("the ")
        .trim_start_matches("The ");
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    let pieces = subject
        .split(", ")
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty());
    for piece in pieces {
        let name = PersonName::parse(piece).filter(|n| {
            !is_not_a_name(&n.core)
                && (n.core.split_whitespace().count() >= 2 || !n.titles.is_empty())
        });
        match (name, out.last_mut()) {
            (Some(_), _) => out.push((piece.to_owned(), None)),
            (None, Some((_, role))) => {
                *role = Some(match role.take() {
                    Some(before) => format!("{before}, {piece}"),
                    None => piece.to_owned(),
                });
            }
            (None, None) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attendance_told_in_prose() {
        let cap = IN_PROSE
            .captures("Mr John Betts, Interim Corporate Director Finance, was in attendance for this item.")
            .unwrap();
        assert_eq!(
            named_with_roles(&cap[1]),
            [(
                "Mr John Betts".to_owned(),
                Some("Interim Corporate Director Finance".to_owned())
            )]
        );
        let cap = IN_PROSE
            .captures("The Committee received the report and the Chairman welcomed Emma Strain, Monitoring Officer, Greater London Authority (GLA) to the meeting.")
            .unwrap();
        assert_eq!(
            named_with_roles(&cap[3]),
            [(
                "Emma Strain".to_owned(),
                Some("Monitoring Officer, Greater London Authority (GLA)".to_owned())
            )]
        );
        assert!(IN_PROSE
            .captures("The Chairman welcomed all present")
            .is_none());
        assert!(named_with_roles("everyone").is_empty());
    }

    #[test]
    fn labels() {
        assert_eq!(
            label_at("PRESENT: A (Chair), B").map(|l| l.0),
            Some(List::Present)
        );
        assert_eq!(
            label_at("ALSO PRESENT: Sue").map(|l| l.0),
            Some(List::AlsoPresent)
        );
        assert_eq!(label_at("#### PRESENT").map(|l| l.0), Some(List::Present));
        assert_eq!(
            label_at("Apologies were received from Dylan Jeffrey, Rory Love").map(|l| l.1),
            Some("Dylan Jeffrey, Rory Love")
        );
        assert_eq!(label_at("Presentation of the report"), None);
        assert_eq!(label_at("Apologies and Substitutes").map(|l| l.0), None);
    }

    #[test]
    fn lists_split_outside_brackets() {
        let text = "A B (Chair), C D (Director of X, Y and Z) and E F";
        let chars: Vec<(char, usize)> = text.chars().map(|c| (c, 1)).collect();
        let pieces: Vec<String> = split_list(&chars).into_iter().map(|p| p.0).collect();
        assert_eq!(
            pieces,
            vec!["A B (Chair)", "C D (Director of X, Y and Z)", "E F"]
        );
    }

    #[test]
    fn a_sentence_list_ends_at_the_sentence() {
        let text = "Cllrs. Kim Davies, Hubert Gwynne and Doris Jones. The Clerk was thanked.";
        let mut chars: Vec<(char, usize)> = text.chars().map(|c| (c, 1)).collect();
        cut_to_list(&mut chars);
        let pieces: Vec<String> = split_list(&chars).into_iter().map(|p| p.0).collect();
        assert_eq!(
            pieces,
            vec!["Cllrs. Kim Davies", "Hubert Gwynne", "Doris Jones"]
        );
    }

    #[test]
    fn time_and_place() {
        let place = |t: &str| PLACE.captures(t).map(|c| c[1].to_owned());
        assert_eq!(
            place("MINUTES of the meeting held in the Darent Room, Sessions House, County Hall, Maidstone.").as_deref(),
            Some("Darent Room, Sessions House, County Hall, Maidstone")
        );
        assert_eq!(
            place("Venue: Cabinet Meeting Room, 1 st Floor").as_deref(),
            Some("Cabinet Meeting Room, 1 st Floor")
        );
        assert_eq!(
            place("held in the Council Chamber, Sessions House, County Hall, Maidstone on Thursday, 13 February 2025.").as_deref(),
            Some("Council Chamber, Sessions House, County Hall, Maidstone")
        );
        let time = |t: &str| {
            TIME.captures(t)
                .map(|c| c.get(1).or(c.get(2)).unwrap().as_str().to_owned())
        };
        assert_eq!(
            time("remotely via Zoom at 7.30pm on the 10th June 2020").as_deref(),
            Some("7.30pm")
        );
        assert_eq!(time("Time: 19:15").as_deref(), Some("19:15"));
        assert_eq!(time("opened the meeting at 7pm.").as_deref(), Some("7pm"));
        assert_eq!(time("at 10 Downing Street"), None);
    }

    #[test]
    fn chairs_in_prose() {
        for line in [
            "Cllr. O. Williams took the Chair and welcomed everyone.",
            "Mr B J Sweetland in the Chair",
            "Minutes agreed. Councillor Ann Smith was elected as Chairman for the year.",
        ] {
            assert!(CHAIR.is_match(line), "{line}");
        }
    }

    #[test]
    fn substitutes_in_every_wording() {
        assert!(SUBSTITUTED_BY.is_match("Nancy Sayer who was substituted by Roxanne Hills"));
        assert!(FOR_WHOM.is_match("Mr A Smith, for whom Mr B Jones attended as a substitute"));
        assert!(FOR_WHOM.is_match("Mr A Smith for whom Mr B Jones substituted"));
        assert!(SUBSTITUTING.is_match("Mr B Jones substituting for Mr A Smith"));
        assert!(VIRTUAL
            .is_match("Sarah Hamilton, Lesley Game and Dan Bride were in attendance virtually."));
    }
}
