//! Meetings a document states without recording them: a committee report's
//! "Committee activity" (or "Witnesses", "Evidence") section, and sentences
//! of minutes and work programmes.
//!
//! The section lists, under one heading each, the meetings held for the
//! investigation — the body, the kind of meeting in brackets and the date
//! ("London Assembly Police and Crime Committee (informal meeting) –
//! Wednesday 8 February 2023") — with the guests as list items ("Name, Role,
//! Organisation"), and the organisations that answered a call for evidence
//! under a heading that says so. Each meeting becomes a node of the body
//! named (a formal meeting is the one its minutes record, the same key; an
//! informal meeting, visit or briefing is keyed by its kind too, as a body may
//! hold one on the day of a formal meeting), its guests attend it, and each
//! respondent is an organisation the report mentions, with that role.
//!
//! In prose: "the Committee visited the Counter Terrorism Operations Centre"
//! on a date (a visit), "the informal meeting on 1 March 2023 with the
//! Metropolitan Police Service" (an informal meeting, the organisation its
//! guest), and "the London Assembly at its Annual Meeting on 4 May 2023" (a
//! meeting of that body, not of the committee).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::entities::{find_in_line, org_node};
use super::meeting::{add_guest, emit_attendance, Attendance, MeetingRef};
use super::Ctx;

use crate::model::{Edge, EdgeKind, Node, NodeKind, Span};
use crate::orgs::Org;
use crate::read::blocks::BlockKind;
use crate::text::{find_date, find_day_month, last_year_written, plain};

/// Headings of the section that lists an investigation's meetings.
static SECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:committee activity|evidence sessions?|meetings held)$")
        .expect("valid regex")
});

/// "(informal meeting)", "(site visit)": the kind of a meeting in brackets.
static KIND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\(([a-z ]*(?:meeting|visit|briefing|roundtable|session))\)").expect("valid regex")
});

/// "the Committee visited X", "the Committee held an informal meeting".
static PROSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:[Tt]he Committee (visited|held an? (?:informal|private|public) meeting|met)\b|\b(informal|private) meeting on\b)")
        .expect("valid regex")
});

/// "the minutes of the meeting held on 29 October 2024", "Actions Arising
/// from the Meeting Held on …", "the minutes of the meeting held 10 May
/// 2017", "the minutes of the meetings held on 19 December 2024 and 9
/// January 2025", "the minutes of the meeting of the Committee held on 26
/// January 2023": an earlier meeting (or several) of the same body. In
/// Welsh minutes: "cofnodion y cyfarfod diwethaf a gynhaliwyd ar yr 11eg
/// Mawrth 2020".
static EARLIER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(?:minutes|notes|actions arising) (?:of|from) the (?:last |previous )?meetings? (?:of the (?:Committee|Sub-Committee|Council|Board|Panel) )?held(?: on)?|cofnodion y cyfarfod(?:ydd)? (?:diwethaf )?a gynhaliwyd(?: ar)?)\b")
        .expect("valid regex")
});

/// The words between a phrase and the date it leads to, less articles and
/// weekdays ("held on Thursday, 7th November, 2024", "o bell ddydd Mercher
/// 8fed Gorffennaf", "ar yr 11eg Mawrth 2020").
fn before_date(text: &str) -> Vec<&str> {
    text.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty() && !["the", "yr", "y", "dydd", "ddydd"].contains(w))
        .filter(|w| {
            (w.len() <= 3 || w.parse::<chrono::Weekday>().is_err()) && !WELSH_WEEKDAYS.contains(w)
        })
        .collect()
}

/// Whether those words lead straight to the date: none, or "on" / "ar".
fn leads_to_date(words: &[&str]) -> bool {
    matches!(words, [] | ["on"] | ["ar"])
}

/// The dates a list after `from` gives, the first straight after it, then
/// each after ", " or " and " ("19 December 2024 and 9 January 2025", "22
/// June and 20 July 2022").
fn listed_dates(text: &str) -> Vec<(NaiveDate, &str)> {
    let mut out = Vec::new();
    let mut rest = text;
    // Each step reads dates that share a year ("22 June and 20 July 2022").
    loop {
        let list = crate::text::find_date_list(rest);
        let (Some(&(_, first)), Some(&(_, last))) = (list.first(), list.last()) else {
            break;
        };
        let at = first.as_ptr() as usize - rest.as_ptr() as usize;
        // "on the 11th March 2020"; "…, and the 9 January 2025"; in Welsh
        // "ar yr 11eg Mawrth 2020", "… a'r 9 Ionawr 2025".
        let words = before_date(&rest[..at]);
        let joined = if out.is_empty() {
            leads_to_date(&words)
        } else {
            matches!(words.as_slice(), [w] if ["and", "a", "ac", "a’r", "a'r"].contains(w))
                || (words.is_empty() && rest[..at].contains(','))
        };
        if !joined {
            break;
        }
        out.extend(list);
        let end = last.as_ptr() as usize - rest.as_ptr() as usize + last.len();
        rest = &rest[end..];
    }
    out
}

/// "the comments of the Pension Fund Panel held on 21 September 2009": a
/// body that meets, then "held on" and the date — that body's meeting.
static BODY_HELD_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[Tt]he ((?:[A-Z][\w’']*\s)+?(?:Panel|Committee|Board|Council|Assembly|Forum|Cabinet)) (?:meeting )?(?:held|which met) on\b")
        .expect("valid regex")
});

/// "At its Annual Meeting on 1 May 2013, the Assembly agreed", "At the
/// Plenary Meeting on 6 June 2019, the assembly agreed": the body after the
/// dates, which a report may write in lower case.
static AT_ITS_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[Aa]t (?:its|the|their) (Annual |Plenary |Ordinary )?[Mm]eetings? on ([^,]{6,30}), (the [A-Za-z][\w’']*(?:\s[A-Z][\w’']*)*)")
        .expect("valid regex")
});

/// "the London Assembly at its Annual Meeting on 4 May 2023", "The Police
/// and Crime Committee used its meetings on 22 June and 20 July 2022": the
/// body, then its meetings and their dates.
static AT_ITS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:the )?([A-Z][\w’']*(?:\s(?:(?:and|of|for|&)\s)?[A-Z][\w’']*)*?) (?:at|used|held|devoted) its (Annual |Plenary |Ordinary )?[Mm]eetings? on\b")
        .expect("valid regex")
});

/// Number words that open a list item of people counted, not named ("Five
/// Peer Outreach Workers, GLA").
const COUNTS: &[&str] = &[
    "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Several", "Some",
];

pub(super) fn parse(ctx: &mut Ctx<'_>) {
    activity_sections(ctx);
    witnesses(ctx);
    prose(ctx);
    in_passing(ctx);
    sittings(ctx);
    next_meetings(ctx);
    adjourned(ctx);
}

/// "The next meeting of the Committee is scheduled for 7 June 2023", "the
/// AGM would be held remotely on Wednesday 8th July", "Date of next
/// meeting: …"; in Welsh "y dylid cynnal y CCB … ddydd Mercher 8fed
/// Gorffennaf". The words before the date.
static NEXT_MEETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\b(?:the )?(next (?:ordinary |scheduled )?meeting|agm|annual general meeting|annual parish meeting)",
        r"(?: of (?:the )?[a-z][\w’' ]*?)? (?:is|was|will be|would be|has been|had been|shall be|to be) ",
        r"(?:scheduled for|held|arranged for|scheduled to take place|taking place)",
        r"(?: remotely| virtually| in person)?(?: on)?\b",
        r"|^\W*(?:[0-9]+\.?\s*)?date of (?:the )?(next meeting)\s*[:\-–—]?",
        r"|\by dylid cynnal y (CCB|cyfarfod nesaf)(?: o bell)?\b|\bcynhelir y (cyfarfod nesaf)\b",
    ))
    .expect("valid regex")
});

/// Welsh weekdays after "dydd" ("ddydd Mercher"): vocabulary, like the
/// Welsh months of `text`.
const WELSH_WEEKDAYS: &[&str] = &[
    "Llun", "Mawrth", "Mercher", "Iau", "Gwener", "Sadwrn", "Sul",
];

/// "… followed by the normal July Meeting"; "gyda Chyfarfod arferol …": an
/// ordinary meeting the same day.
static FOLLOWED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s,]*(?:followed by (?:the |a |an )?(?:normal |ordinary |usual |regular )?(?:\w+ )?meeting\b|gyda [cC]hyfarfod arferol\b)")
        .expect("valid regex")
});

/// The next meetings minutes and agendas name, of the document's own body:
/// on the date written, or on a day and month with no year, the next such
/// day after the record's own date (on the weekday written, where one is).
/// An annual general meeting is a meeting of its own kind that day.
fn next_meetings(ctx: &mut Ctx<'_>) {
    let src = ctx.src;
    let own: Vec<(String, NaiveDate)> = ctx
        .out
        .nodes
        .values()
        .filter(|n| n.kind == NodeKind::Meeting && n.prop("stated_in").is_none())
        .filter_map(|n| Some((n.prop("body")?.to_owned(), n.prop("date")?.parse().ok()?)))
        .collect();
    let mut bodies: Vec<String> = own.iter().map(|(b, _)| b.clone()).collect();
    bodies.sort();
    bodies.dedup();
    for n in 1..=src.len() {
        let line = plain(src.line(n));
        let Some(found) = NEXT_MEETING.captures(&line) else {
            continue;
        };
        let Some(what) = (1..=4)
            .find_map(|i| found.get(i))
            .map(|m| m.as_str().to_lowercase())
        else {
            continue;
        };
        // The body whose record the line is in; with no record before it
        // (an agenda's "Date of Next Meeting"), the one body the document
        // records meetings of.
        let body = super::actions::committee(ctx, n)
            .filter(|b| bodies.contains(b))
            .or_else(|| match bodies.as_slice() {
                [one] => Some(one.clone()),
                _ => None,
            })
            .and_then(|b| ctx.orgs.resolve(&b));
        let Some(body) = body else {
            continue;
        };
        let words = found.get(0).map_or("", |m| m.as_str());
        let mut rest = line[found.get(0).map_or(0, |m| m.end())..].to_owned();
        // "12 Date of Next Meeting (Item 12)" as a heading: the date opens
        // the paragraph after it, unless that paragraph is read on its own.
        let mut at_line = n;
        if find_date(&rest).is_none() && what == "next meeting" && !words.contains(" be ") {
            let Some(m) = (n + 1..=src.len()).find(|&m| !src.line(m).trim().is_empty()) else {
                continue;
            };
            let next = plain(src.line(m));
            if NEXT_MEETING.is_match(&next) {
                continue;
            }
            rest = next
                .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ')
                .to_owned();
            at_line = m;
        }
        let rest = rest.as_str();
        // The date straight after the words (a weekday may come first).
        let near = |written: &str| {
            let at = rest.find(written).unwrap_or(rest.len());
            leads_to_date(&before_date(&rest[..at]))
        };
        let dated = find_date(rest).filter(|(_, w)| near(w)).or_else(|| {
            // No year: counted from the one meeting this document records.
            let [(_, from)] = own.as_slice() else {
                return None;
            };
            crate::text::find_yearless_date(rest, *from).filter(|(_, w)| near(w))
        });
        let Some((date, written)) = dated else {
            ctx.warn(
                n,
                format!("a next meeting named with no date read after it: {words:?}"),
            );
            continue;
        };
        let kind = match what.as_str() {
            "agm" | "annual general meeting" | "ccb" => Some("annual general meeting"),
            "annual parish meeting" => Some("annual parish meeting"),
            _ => None,
        };
        let span = src.quote_line(at_line, written);
        let body_span = src.quote_line(n, words);
        stated_meeting(
            ctx,
            &body,
            &date.to_string(),
            written,
            kind,
            span,
            body_span.clone(),
            "next meeting",
        );
        let after = &rest[rest.find(written).map_or(0, |at| at + written.len())..];
        if let Some(then) = FOLLOWED_BY.find(after) {
            let then_span = src.quote_line(at_line, then.as_str().trim_start_matches([',', ' ']));
            stated_meeting(
                ctx,
                &body,
                &date.to_string(),
                written,
                None,
                then_span,
                body_span,
                "next meeting",
            );
        }
    }
}

/// A body's name as capitalised words, "and", "of", "for" and "&" between
/// them ("Risk and Compliance Committee", "COBR").
const BODY_WORDS: &str = r"[A-Z][\w’'-]*(?:\s(?:(?:and|of|for|&)\s)?[A-Z][\w’'-]*)*";

/// "his first COBR meeting on 18 February 2020", "a Risk and Compliance
/// Committee meeting of 28 March 2008", "the COBR meeting which took place
/// on the afternoon of 10 May 2020": a body's meeting named by its date.
static NAMED_MEETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b({BODY_WORDS}) meeting (?:(?:which|that) took place |held )?(?:on|of) (?:the (?:morning|afternoon|evening) of )?"
    ))
    .expect("valid regex")
});

/// "Agenda for County Council on Thursday, 7th November, 2024, 10.00 am":
/// the title a council's committee system gives a meeting's agenda, in a
/// report's list of background documents.
static AGENDA_FOR: LazyLock<Regex> = LazyLock::new(|| {
    // A committee's name may hold a comma ("Children's, Young People and
    // Education Cabinet Committee"); the title's " on" ends it.
    Regex::new(r"\bAgenda (?:for|of) (?:the )?([A-Z][^.;:]*?) on\b").expect("valid regex")
});

/// "On 29 January 2025, the Scrutiny Committee considered …", "On 7 and 8
/// May 2025, the inquiry held two additional days of hearings": a sentence
/// that opens with the dates of what a body did at its meetings. A body
/// named by its kind alone, in lower case, is the one body of that kind the
/// document names.
static ON_DATE_THE_BODY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^,? the ({BODY_WORDS}|inquiry|committee|panel|board|council|commission) (?:considered|met|agreed|resolved|discussed|decided|heard|held|approved|received|noted)\b"
    ))
    .expect("valid regex")
});

/// "To:   Scrutiny Committee – 29 January 2025": a report's cover names the
/// meeting it goes to.
static TO_MEETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^\s*To:\s+({BODY_WORDS})\s+[-–—]\s+")).expect("valid regex")
});

/// The body of the one formal meeting on `date` the document records or
/// states already, if there is one.
fn recorded_body_on(ctx: &Ctx<'_>, date: &str) -> Option<crate::orgs::Org> {
    let mut bodies: Vec<&str> = ctx
        .out
        .nodes
        .values()
        .filter(|m| {
            m.kind == NodeKind::Meeting
                && m.prop("date") == Some(date)
                && m.prop("kind")
                    .is_none_or(|k| k == "formal" || k == "public")
        })
        .filter_map(|m| m.prop("body"))
        .collect();
    bodies.sort_unstable();
    bodies.dedup();
    match bodies.as_slice() {
        [one] => ctx.orgs.resolve(one),
        _ => None,
    }
}

/// "the inquiry": the one body whose name ends in that word ("Infected
/// Blood Inquiry") among those the document names, else none.
fn one_body_of_kind(ctx: &Ctx<'_>, kind: &str) -> Option<String> {
    let src = ctx.src;
    let mut names: Vec<String> = (1..=src.len())
        .flat_map(|n| {
            crate::orgs::Orgs::named_in(src.line(n))
                .into_iter()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .filter(|name| {
            name.contains(' ')
                && name
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| w.eq_ignore_ascii_case(kind))
        })
        .collect();
    names.sort_by_key(|n| crate::orgs::normalise(n));
    names.dedup_by_key(|n| crate::orgs::normalise(n));
    // "Blood Inquiry" at a line's start is the tail of a name cut by a wrap.
    let whole: Vec<&String> = names
        .iter()
        .filter(|n| !names.iter().any(|m| m.ends_with(&format!(" {n}"))))
        .collect();
    match whole.as_slice() {
        [one] => Some((*one).clone()),
        _ => None,
    }
}

/// Whether words written as a body's name name one: known, or shaped as a
/// body's name. A body of one word that is no abbreviation ("Cabinet",
/// "Board") is some body's part that the words do not say, and is left.
fn is_body(ctx: &Ctx<'_>, written: &str) -> bool {
    let one_word = !written.contains(' ');
    let abbreviation = written.len() >= 2 && written.chars().all(|c| c.is_ascii_uppercase());
    (ctx.orgs.is_known(written) || crate::orgs::Orgs::looks_like_org(written))
        && (!one_word || abbreviation || ctx.orgs.is_known(written))
}

/// The last words of the name of a body that sits — meets as a whole — so
/// that "at the Welsh Cabinet on 4 March" is a meeting of it, where "at the
/// Home Office on 4 March" is a place. COBR, the "Cabinet Office Briefing
/// Rooms", is named after the rooms its committee meets in.
const SITTING: &[&str] = &[
    "Committee",
    "Cabinet",
    "Council",
    "Board",
    "Panel",
    "Assembly",
    "Parliament",
    "Senedd",
    "Commons",
    "Lords",
    "Inquiry",
    "Forum",
    "Briefing Rooms",
];

/// Legislatures, which sit in their chamber: "in the House of Commons on
/// 14 May 2025" is a sitting, where "in the Committee on" is not said of one.
const CHAMBERS: &[&str] = &["Parliament", "Senedd", "Commons", "Lords", "Assembly"];

/// "at COBR on 9 March 2020", "there had been a COBR on 12 October", "was
/// not discussed by the Welsh Cabinet until 25 February", "evidence to a
/// Senedd committee on 9 March", "a statement in the House of Commons on
/// 14 May 2025": a sitting body, then the date it sat. What leads to it
/// says it was a meeting: "at", "before" or an article; "by" after a verb
/// of deliberation; "to" after "evidence"; "in" a legislature.
static AT_SITTING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(at|before|by|to|in|a|an) (?:the |a |an )?({BODY_WORDS})(?: (?:committee|meeting|hearing|session|sitting))? (on|until) "
    ))
    .expect("valid regex")
});

/// Verbs of deliberation after which "by the BODY" names the body that sat.
const DELIBERATED: &[&str] = &[
    "discussed",
    "considered",
    "agreed",
    "approved",
    "endorsed",
    "decided",
    "debated",
    "noted",
];

/// How many lines back a day and month written without a year look for the
/// year the narrative is in: about a page of a transcript.
const YEAR_CONTEXT_LINES: usize = 150;

/// Meetings named by their sitting body and the date (see `AT_SITTING`).
/// A day and month with no year take the year last written before them,
/// within `YEAR_CONTEXT_LINES`; with none, the meeting is left, since the
/// words do not say which year.
fn sittings(ctx: &mut Ctx<'_>) {
    let src = ctx.src;
    for n in 1..=src.len() {
        let line = plain(src.line(n));
        for c in AT_SITTING.captures_iter(&line) {
            let (lead, written, word) = (&c[1], c[2].trim_start_matches("The "), &c[3]);
            let whole = c.get(0).expect("match");
            let before = &line[..whole.start()];
            let sentence_before = before.rsplit(". ").next().unwrap_or(before);
            let last_word = before.split_whitespace().last().unwrap_or("");
            let led = match lead {
                "by" => DELIBERATED.contains(&last_word),
                "to" => before
                    .split_whitespace()
                    .rev()
                    .take(3)
                    .any(|w| w == "evidence"),
                "in" => CHAMBERS.iter().any(|h| written.ends_with(h)),
                _ => true,
            };
            // "not discussed … until 25 February": it was, on that day.
            if !led || (word == "until" && !sentence_before.contains(" not ")) {
                continue;
            }
            let written = ctx.orgs.after_owner(written).to_owned();
            if !is_body(ctx, &written) {
                continue;
            }
            let Some(body) = ctx.orgs.resolve(&written) else {
                continue;
            };
            if !SITTING
                .iter()
                .any(|w| written.ends_with(w) || body.name.ends_with(w))
            {
                continue;
            }
            let rest = &line[whole.end()..];
            let mut year_from = None;
            let dated = listed_dates(rest);
            let dates: Vec<(NaiveDate, &str)> = if dated.is_empty() {
                find_day_month(rest)
                    .filter(|(_, _, w)| rest.starts_with(w))
                    .and_then(|(day, month, w)| {
                        let (year, from) =
                            last_year_written(before).map(|y| (y, n)).or_else(|| {
                                (n.saturating_sub(YEAR_CONTEXT_LINES).max(1)..n)
                                    .rev()
                                    .find_map(|m| last_year_written(src.line(m)).map(|y| (y, m)))
                            })?;
                        year_from = Some(from);
                        Some((NaiveDate::from_ymd_opt(year, month, day)?, w))
                    })
                    .into_iter()
                    .collect()
            } else {
                dated
            };
            for (date, date_text) in dates {
                let span = src.quote_line(n, date_text);
                let body_span = src.quote_line(n, &written);
                let known = ctx
                    .out
                    .nodes
                    .contains_key(&crate::keys::meeting(&body.key, &date.to_string()));
                let meeting = stated_meeting(
                    ctx,
                    &body,
                    &date.to_string(),
                    date_text,
                    None,
                    span,
                    body_span,
                    "named with its date",
                );
                // The year is read, not written: say where from, unless the
                // meeting is also stated in full elsewhere in the document.
                let node = ctx.out.nodes.get_mut(&meeting.key).filter(|_| !known);
                if let (Some(from), Some(node)) = (year_from, node) {
                    node.props
                        .insert("year_from_line".to_owned(), from.to_string());
                }
            }
        }
    }
}

/// Meetings named in passing, in shapes many publishers share (see the
/// statics above): each is a meeting of the body named, on the date
/// written, stated by the document. A body of one word that is no
/// abbreviation ("Cabinet", "Board") is some body's part that the words do
/// not say, and is left.
fn in_passing(ctx: &mut Ctx<'_>) {
    let src = ctx.src;
    for n in 1..=src.len() {
        let line = plain(src.line(n));
        // (body as written, what follows it, how the meeting is stated)
        let mut found: Vec<(String, usize, &str)> = Vec::new();
        for c in NAMED_MEETING.captures_iter(&line) {
            let written = c[1].trim_start_matches("The ").to_owned();
            found.push((written, c.get(0).map_or(0, |m| m.end()), "named in passing"));
        }
        for c in AGENDA_FOR.captures_iter(&line) {
            found.push((c[1].to_owned(), c.get(0).map_or(0, |m| m.end()), "agenda"));
        }
        if let Some(c) = TO_MEETING.captures(&line) {
            found.push((
                c[1].to_owned(),
                c.get(0).map_or(0, |m| m.end()),
                "report cover",
            ));
        }
        for sentence in line.split_inclusive(". ") {
            let opening = sentence
                .trim_start()
                .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
                .trim_start();
            let Some(rest) = opening.strip_prefix("On ") else {
                continue;
            };
            let list = crate::text::find_date_list(rest);
            let (Some(&(_, first)), Some(&(_, last))) = (list.first(), list.last()) else {
                continue;
            };
            if !rest.starts_with(first) {
                continue;
            }
            let after = last.as_ptr() as usize - rest.as_ptr() as usize + last.len();
            if let Some(c) = ON_DATE_THE_BODY.captures(&rest[after..]) {
                let at = first.as_ptr() as usize - line.as_ptr() as usize;
                found.push((c[1].to_owned(), at, "named in passing"));
            }
        }
        for (written, at, stated_in) in found {
            // "the London Assembly's Police and Crime Committee meeting".
            let written = ctx.orgs.after_owner(&written).to_owned();
            // "the inquiry": the document's one body whose name ends in it.
            let kind_only = !written.contains(' ') && written.starts_with(char::is_lowercase);
            let written = if kind_only {
                match one_body_of_kind(ctx, &written) {
                    Some(name) => name,
                    None => continue,
                }
            } else {
                written
            };
            if !is_body(ctx, &written) {
                continue;
            }
            // "Agenda for County Council": the document's own body whose
            // name ends so ("Kent County Council"), where it names one.
            let owners: Vec<&Node> = ctx
                .out
                .nodes
                .values()
                .filter(|o| {
                    o.kind == NodeKind::Organisation && o.name.ends_with(&format!(" {written}"))
                })
                .collect();
            let whole = match owners.as_slice() {
                [owner] if !ctx.orgs.is_known(&written) => owner.name.clone(),
                _ => written.clone(),
            };
            let Some(body) = ctx.orgs.resolve(&whole) else {
                continue;
            };
            // The date straight after the words, perhaps on the next line
            // where the title wraps ("… Cabinet Committee on" / "Thursday,
            // 21st November, 2024").
            let mut dates: Vec<(usize, NaiveDate, String)> = listed_dates(&line[at..])
                .into_iter()
                .map(|(d, w)| (n, d, w.to_owned()))
                .collect();
            if dates.is_empty() && line[at..].trim().is_empty() && n < src.len() {
                let next = plain(src.line(n + 1));
                dates.extend(
                    find_date(&next)
                        .filter(|(_, w)| {
                            next.trim_start()
                                .trim_start_matches(|c: char| c.is_alphabetic() || c == ',')
                                .trim_start()
                                .starts_with(w)
                        })
                        .map(|(d, w)| (n + 1, d, w.to_owned())),
                );
            }
            for (m, date, date_text) in dates {
                let span = src.quote_line(m, &date_text);
                let body_span = src.quote_line(n, &written);
                stated_meeting(
                    ctx,
                    &body,
                    &date.to_string(),
                    &date_text,
                    None,
                    span,
                    body_span,
                    stated_in,
                );
            }
        }
    }
}

/// "(The hearing adjourned until 10 am on Monday, 11 March 2024)", "(The
/// hearing adjourned until 9.45 am the following day)": a transcript's
/// last words give the next sitting of the body whose hearing it records,
/// on the date written, or the day after the record's own.
fn adjourned(ctx: &mut Ctx<'_>) {
    static UNTIL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:hearing|inquiry|meeting|committee) (?:was )?adjourned until\b[^)]*")
            .expect("valid regex")
    });
    let src = ctx.src;
    let recorded: Vec<(Org, NaiveDate)> = ctx
        .out
        .nodes
        .values()
        .filter(|n| n.kind == NodeKind::Meeting && n.prop("stated_in").is_none())
        .filter_map(|n| {
            let date = n.prop("date")?.parse().ok()?;
            Some((ctx.orgs.resolve(n.prop("body")?)?, date))
        })
        .collect();
    // With two records in one document, whose sitting adjourned is not said.
    let [(body, on)] = recorded.as_slice() else {
        return;
    };
    for n in 1..=src.len() {
        let line = plain(src.line(n));
        let Some(found) = UNTIL.find(&line) else {
            continue;
        };
        let rest = &line[found.start()..found.end()];
        let next = match find_date(rest) {
            Some((date, written)) => Some((date, written)),
            None => ["the following day", "tomorrow"]
                .iter()
                .find_map(|w| rest.find(w).map(|at| &rest[at..at + w.len()]))
                .and_then(|written| Some((on.succ_opt()?, written))),
        };
        let Some((date, written)) = next else {
            continue;
        };
        if date <= *on {
            ctx.warn(
                n,
                "an adjournment until a day not after the hearing's own: no next sitting read",
            );
            continue;
        }
        let span = src.quote_line(n, written);
        // The body's node quotes a line that names it, where one does.
        let body_span = (1..=src.len())
            .find(|&m| src.line(m).contains(&body.name))
            .map_or_else(
                || src.quote_line(n, found.as_str()),
                |m| src.quote_line(m, &body.name),
            );
        // No kind: the next sitting's own record, ingested later, is this
        // meeting.
        let meeting = stated_meeting(
            ctx,
            &body.clone(),
            &date.to_string(),
            written,
            None,
            span,
            body_span,
            "adjournment",
        );
        // "… the following day": the meeting is named by its date.
        if find_date(written).is_none() {
            if let Some(node) = ctx.out.nodes.get_mut(&meeting.key) {
                node.name = format!("{}, {}", body.name, date.format("%-d %B %Y"));
            }
        }
    }
}

/// A hearing transcript's "Witnesses" paragraph (Parliament's oral
/// evidence): "I: Name, Role, Organisation; Name, Role; and Name, Role." —
/// the guests of the meeting the transcript records, which its turns only
/// label by name.
fn witnesses(ctx: &mut Ctx<'_>) {
    static PANEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[IVX]+|[0-9]+|Panel \w+)\s*[:.]\s*").expect("valid regex")
    });
    let src = ctx.src;
    // The one meeting this document records.
    let recorded: Vec<(String, String)> = ctx
        .out
        .nodes
        .values()
        .filter(|n| n.kind == NodeKind::Meeting && n.prop("stated_in").is_none())
        .filter_map(|n| Some((n.key.clone(), n.prop("date")?.to_owned())))
        .collect();
    let mut n = 1;
    while n < src.len() {
        if !plain(src.line(n)).trim().eq_ignore_ascii_case("witnesses") {
            n += 1;
            continue;
        }
        let Some(list) = (n + 1..=src.len()).find(|&m| !src.line(m).trim().is_empty()) else {
            break;
        };
        let [(key, date)] = recorded.as_slice() else {
            ctx.warn(
                n,
                "a list of witnesses, but no one meeting this document records to put them at",
            );
            break;
        };
        let meeting_node = ctx.out.nodes.get(key).cloned();
        let Some(body) = meeting_node
            .as_ref()
            .and_then(|m| m.prop("body"))
            .and_then(|b| ctx.orgs.resolve(b))
        else {
            break;
        };
        let meeting = MeetingRef {
            key: key.clone(),
            body,
            date: date.clone(),
        };
        let line = src.line(list);
        let text = plain(line);
        let text = PANEL.replace(text.trim(), "");
        let mut attendance: BTreeMap<String, Attendance> = BTreeMap::new();
        for entry in text.split("; ") {
            let entry = entry
                .trim()
                .trim_start_matches("and ")
                .trim_end_matches('.');
            add_guest(ctx, &mut attendance, entry, list, line, None);
        }
        if attendance.is_empty() {
            ctx.warn(
                list,
                "a list of witnesses with no name read: expected \"Name, Role, Organisation; …\"",
            );
        }
        emit_attendance(ctx, &meeting, attendance);
        n = list + 1;
    }
}

fn activity_sections(ctx: &mut Ctx<'_>) {
    let src = ctx.src;
    let blocks = ctx.blocks.clone();
    for (i, block) in blocks.iter().enumerate() {
        let BlockKind::Heading { level } = block.kind else {
            continue;
        };
        if !SECTION.is_match(plain(src.line(block.first).trim_start_matches('#')).trim()) {
            continue;
        }
        let end = blocks[i + 1..]
            .iter()
            .position(|b| matches!(b.kind, BlockKind::Heading { level: l } if l <= level))
            .map_or(blocks.len(), |p| i + 1 + p);
        let mut current: Option<Listing> = None;
        let mut found = 0;
        for sub in &blocks[i + 1..end] {
            let line = src.line(sub.first);
            match sub.kind {
                BlockKind::Heading { .. } => {
                    finish(ctx, current.take());
                    current = listing(ctx, sub.first, line);
                    found += usize::from(current.is_some());
                }
                BlockKind::ListItem { .. } => {
                    if let Some(listing) = current.as_mut() {
                        listing.entries.push((sub.first, line));
                    }
                }
                _ => {}
            }
        }
        finish(ctx, current.take());
        if found == 0 {
            ctx.warn(
                block.first,
                "a committee activity section with no meeting under it: expected headings naming a body, a kind of meeting and a date",
            );
        }
    }
}

/// One heading of the section and its list.
struct Listing<'s> {
    what: Listed,
    entries: Vec<(usize, &'s str)>,
}

enum Listed {
    /// A meeting: its guests.
    Meeting(MeetingRef),
    /// Respondents to a call for evidence: organisations.
    Respondents,
}

fn listing<'s>(ctx: &mut Ctx<'_>, n: usize, line: &str) -> Option<Listing<'s>> {
    let heading = plain(&strip_footnote(line.trim_start_matches('#')));
    let lower = heading.to_lowercase();
    if lower.contains("call for evidence") || lower.contains("written evidence") {
        return Some(Listing {
            what: Listed::Respondents,
            entries: Vec::new(),
        });
    }
    let Some((date, date_text)) = find_date(&heading) else {
        ctx.warn(
            n,
            format!("a committee activity heading with no date: {heading:?}"),
        );
        return None;
    };
    if let Some(day) = crate::text::weekday_before(&heading, date_text)
        .filter(|d| *d != chrono::Datelike::weekday(&date))
    {
        ctx.warn(
            n,
            format!("{heading:?}: {date_text} was a {:?}, not a {day:?}; the meeting is dated as numbered and both readings are kept", chrono::Datelike::weekday(&date)),
        );
    }
    let kind = KIND.captures(&heading).map(|c| c[1].to_owned());
    let body_text = heading.split([' ', '\u{a0}']).collect::<Vec<_>>().join(" ");
    let body_text = body_text
        .split(" (")
        .next()
        .unwrap_or("")
        .split([',', '–', '-'])
        .next()
        .unwrap_or("")
        .trim();
    let Some(body) = ctx
        .orgs
        .resolve(body_text)
        .filter(|_| !body_text.is_empty())
    else {
        ctx.warn(n, format!("a meeting with no body named: {heading:?}"));
        return None;
    };
    let span = ctx.src.quote_line(n, date_text);
    let body_span = ctx.src.quote_line(n, &body.as_written);
    let meeting = stated_meeting(
        ctx,
        &body,
        &date.to_string(),
        date_text,
        kind.as_deref(),
        span,
        body_span,
        "committee-activity",
    );
    Some(Listing {
        what: Listed::Meeting(meeting),
        entries: Vec::new(),
    })
}

/// "Heading<sup>146</sup>": the footnote mark is no part of it.
fn strip_footnote(text: &str) -> String {
    static SUP: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"<sup>[^<]*</sup>").expect("valid regex"));
    SUP.replace_all(text, "").into_owned()
}

fn finish(ctx: &mut Ctx<'_>, listing: Option<Listing<'_>>) {
    let Some(listing) = listing else { return };
    match listing.what {
        Listed::Meeting(meeting) => {
            let mut attendance: BTreeMap<String, Attendance> = BTreeMap::new();
            for (n, line) in listing.entries {
                let entry = plain(line.trim_start_matches(['-', '*', '•', ' ']));
                if COUNTS.iter().any(|c| entry.starts_with(&format!("{c} "))) {
                    continue;
                }
                add_guest(ctx, &mut attendance, &entry, n, line, None);
            }
            emit_attendance(ctx, &meeting, attendance);
        }
        Listed::Respondents => {
            let report = report_at(ctx, listing.entries.first().map_or(0, |e| e.0));
            for (n, line) in listing.entries {
                let entry = plain(line.trim_start_matches(['-', '*', '•', ' ']));
                let entry = entry.trim_end_matches(['.', ';']).trim();
                let Some(org) = ctx.orgs.resolve(entry) else {
                    continue;
                };
                let span = ctx.src.quote_line(n, &org.as_written);
                ctx.out.add_node(org_node(&org, span.clone()));
                ctx.out.add_edge(
                    Edge::new(report.clone(), EdgeKind::Mentions, org.key.clone(), span)
                        .with("as_written", org.as_written.clone())
                        .with("role", "respondent to the call for evidence"),
                );
            }
        }
    }
}

/// The report whose text holds line `n`, else the document.
fn report_at(ctx: &Ctx<'_>, n: usize) -> String {
    ctx.reports
        .iter()
        .find(|r| r.extent.is_some_and(|(a, b)| a <= n && n <= b))
        .map_or_else(|| ctx.doc_key.clone(), |r| r.key.clone())
}

/// A meeting a document states: the node (merged with the meeting's own
/// record for a formal meeting), `held-by` its body, and a mention by the
/// document that states it.
#[allow(clippy::too_many_arguments)]
pub(super) fn stated_meeting(
    ctx: &mut Ctx<'_>,
    body: &Org,
    date: &str,
    date_text: &str,
    kind: Option<&str>,
    span: Span,
    body_span: Span,
    stated_in: &str,
) -> MeetingRef {
    let kind = kind.map(|k| k.trim().trim_end_matches(" meeting").to_owned());
    let formal = kind
        .as_deref()
        .is_none_or(|k| k == "formal" || k == "public");
    let mut key = crate::keys::meeting(&body.key, date);
    let mut name = format!("{}, {date_text}", body.name);
    if !formal {
        let kind = kind.as_deref().unwrap_or_default();
        key = format!("{key}/{}", crate::text::slug(kind));
        name = format!("{name} ({kind})");
    }
    let mut node = Node::new(key.clone(), NodeKind::Meeting, name, span.clone())
        .with("body", body.name.clone())
        .with("date", date)
        .with("stated_in", stated_in);
    if let Some(kind) = &kind {
        node = node.with("kind", kind.clone());
    }
    ctx.out.add_node(node);
    ctx.out.add_node(org_node(body, body_span.clone()));
    ctx.out.add_edge(Edge::new(
        key.clone(),
        EdgeKind::HeldBy,
        body.key.clone(),
        body_span,
    ));
    let by = report_at(ctx, span.first_line as usize);
    ctx.out.add_edge(
        Edge::new(by, EdgeKind::Mentions, key.clone(), span)
            .with("as_written", date_text.to_owned()),
    );
    MeetingRef {
        key,
        body: body.clone(),
        date: date.to_owned(),
    }
}

/// Meetings stated in sentences.
fn prose(ctx: &mut Ctx<'_>) {
    let src = ctx.src;
    for n in 1..=src.len() {
        let line = plain(src.line(n));
        for sentence in line.split_inclusive(". ") {
            let Some((date, date_text)) = find_date(sentence) else {
                continue;
            };
            let iso = date.to_string();
            // (body as written, kind, where its dates are) from either
            // order of the words.
            let at_its = AT_ITS
                .captures(sentence)
                .map(|c| {
                    let end = c.get(0).map_or(0, |m| m.end());
                    (
                        c[1].to_owned(),
                        c.get(2).map(|k| k.as_str().to_owned()),
                        &sentence[end..],
                    )
                })
                .or_else(|| {
                    AT_ITS_BEFORE.captures(sentence).map(|c| {
                        (
                            c[3].trim().to_owned(),
                            c.get(1).map(|k| k.as_str().to_owned()),
                            c.get(2).map_or("", |m| m.as_str()),
                        )
                    })
                });
            if let Some((written, kind, dates)) = at_its {
                let Some(body) = ctx
                    .orgs
                    .resolve(&written)
                    .filter(|_| ctx.orgs.is_known(&written))
                else {
                    continue;
                };
                let kind = kind.map(|k| format!("{} meeting", k.trim().to_lowercase()));
                for (date, date_text) in listed_dates(dates) {
                    let span = src.quote_line(n, date_text);
                    let body_span = src.quote_line(n, &written);
                    stated_meeting(
                        ctx,
                        &body,
                        &date.to_string(),
                        date_text,
                        kind.as_deref(),
                        span,
                        body_span,
                        "prose",
                    );
                }
                continue;
            }
            // A meeting the minutes name: "the Pension Fund Panel held on
            // DATE" is that body's; "the minutes of the meeting held on DATE"
            // the body's whose record the line is in. The date follows the
            // words, never one before them.
            let named = if let Some(found) = BODY_HELD_ON.captures(sentence) {
                let written = found[1].to_owned();
                let end = found.get(0).map_or(0, |m| m.end());
                Some((ctx.orgs.resolve(&written), written, end, false))
            } else {
                EARLIER.find(sentence).map(|found| {
                    let body = super::actions::committee(ctx, n).and_then(|b| ctx.orgs.resolve(&b));
                    let written = find_in_line(src.line(n), found.as_str()).to_owned();
                    (body, written, found.end(), true)
                })
            };
            if let Some((body, written, end, earlier)) = named {
                let Some(body) = body else {
                    continue;
                };
                for (date, date_text) in listed_dates(&sentence[end..]) {
                    // "the minutes of the meetings held on …" in a pack that
                    // records those meetings: theirs is the body.
                    let recorded = earlier
                        .then(|| recorded_body_on(ctx, &date.to_string()))
                        .flatten();
                    let body = recorded.unwrap_or_else(|| body.clone());
                    let span = src.quote_line(n, date_text);
                    let body_span = src.quote_line(n, &written);
                    stated_meeting(
                        ctx,
                        &body,
                        &date.to_string(),
                        date_text,
                        None,
                        span,
                        body_span,
                        "minutes",
                    );
                }
                continue;
            }
            let Some(found) = PROSE.captures(sentence) else {
                continue;
            };
            // "the Committee": the body of the report or agenda the line is in.
            let Some(body) = super::actions::committee(ctx, n).and_then(|b| ctx.orgs.resolve(&b))
            else {
                continue;
            };
            let verb = found.get(1).or(found.get(2)).map_or("", |m| m.as_str());
            let kind = if verb == "visited" {
                "visit".to_owned()
            } else if let Some(k) = ["informal", "private", "public"]
                .iter()
                .find(|k| verb.contains(*k))
            {
                format!("{k} meeting")
            } else {
                continue; // "the Committee met": the meeting's own record says more.
            };
            let Some((line_n, body_written)) = (n..=n).find_map(|m| {
                let l = src.line(m);
                l.contains("Committee").then_some((m, "Committee"))
            }) else {
                continue;
            };
            let span = src.quote_line(n, date_text);
            let body_span = src.quote_line(line_n, body_written);
            let meeting = stated_meeting(
                ctx,
                &body,
                &iso,
                date_text,
                Some(&kind),
                span,
                body_span,
                "prose",
            );
            // "… with the Metropolitan Police Service": the organisation met.
            let after = &sentence[found.get(0).map_or(0, |m| m.end())..];
            if let Some(with) = after.split(" with ").nth(1) {
                let name = with
                    .split([',', '.', ';'])
                    .next()
                    .unwrap_or("")
                    .split(" on ")
                    .next()
                    .unwrap_or("")
                    .trim();
                if ctx.orgs.is_known(name) {
                    if let Some(org) = ctx.orgs.resolve(name) {
                        let span = src.quote_line(n, name);
                        ctx.out.add_node(org_node(&org, span.clone()));
                        ctx.out.add_edge(
                            Edge::new(meeting.key.clone(), EdgeKind::Mentions, org.key, span)
                                .with("role", "met"),
                        );
                    }
                }
            }
        }
    }
}
