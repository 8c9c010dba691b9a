//! Who attended a meeting the text names, told in running text rather than
//! listed: "Mr Drakeford attended his first COBR meeting on 18 February
//! 2020", "there had been a COBR on 12 October where Mr Drakeford had
//! attended", "You attended a Covid-19 core group meeting on 11 March 2020"
//! and "you … had to give evidence to a Senedd committee on 9 March" (the
//! witness a question is put to), "Mr Sunak in his evidence on 11 December
//! 2023" (a witness at an earlier hearing of the body whose hearing the
//! transcript records).
//!
//! In a letter, "you" is its addressee and "me" its signatory: "When we
//! met with you in October 2022", "its meeting with you and Sir Tom on 13
//! December 2022", "thanking me and Kenny Bowie for attending the …
//! Committee meeting on 25 January 2023". A month with no day is the one
//! meeting of that month the document states, or none.
//!
//! It runs after the mentions, so that the people are the ones the
//! document's names already resolved to, and a meeting is one the document
//! states on the same line. Each attendance says how it is known (`basis`):
//! `told` (the text says they attended) or `gave evidence`.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::Ctx;
use crate::model::{EdgeKind, NodeKind, Span};
use crate::text::{find_date, plain};

/// A person or meeting the document names on a line: (the words as
/// written, the node).
type Named = Vec<(String, String)>;

/// What attending is said with, straight after the person: "attended",
/// "had attended", "was present at".
static ATTENDED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+(?:had |also )?(?:attended|was present at|were present at)\b")
        .expect("valid regex")
});

/// "… where Mr Drakeford had attended": the meeting named before it.
static WHERE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\bwhere $").expect("valid regex"));

/// "Mr Sunak in his evidence on 11 December 2023": a witness's evidence on
/// a day, given to the body whose hearing this is.
static IN_EVIDENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^,?\s+in (?:his|her|their) (?:oral )?evidence (?:to (?:this|the) (?:Inquiry|Committee) )?on ")
        .expect("valid regex")
});

/// "You attended …", "you … had to give evidence to …": the person a
/// question is put to.
static YOU_ATTENDED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b[Yy]ou (?:(?:also |in fact )?attended|[^.?]{0,40}\b(?:gave|give|giving) evidence to)\b",
    )
    .expect("valid regex")
});

/// One person or several, as a letter lists them after "with" or before
/// "for attending": "you and Sir Tom", "me and Kenny Bowie", "yourself".
/// A name is two to four capitalised words, titles and ranks included
/// ("Sir Tom", "Superintendent Grace Oduya").
const LISTED: &str = r"(?:yourself\b|you\b|myself\b|me\b|[A-Z][a-z]+(?: [A-Z][\w'’-]+){1,3})";

/// "met with you and Sir Tom", "meetings held with yourself": the people a
/// meeting was with.
static MET_WITH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?:met|meetings?(?: held)?) with ({LISTED}(?:(?:,? and |, ){LISTED})*)"
    ))
    .expect("valid regex")
});

/// "thanking me and Kenny Bowie for attending": the people who attended.
static FOR_ATTENDING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b({LISTED}(?:(?:,? and |, ){LISTED})*) for (?:attending|appearing at)\b"
    ))
    .expect("valid regex")
});

/// "based on the evidence given by several parties and individuals,
/// including myself in June 2022", "the evidence provided by you": the
/// people who gave evidence, the guests of the meeting that heard it.
static GAVE_EVIDENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\bevidence (?:given |provided )?(?:by|from) (?:[^.]*? including )?({LISTED}(?:(?:,? and |, ){LISTED})*)"
    ))
    .expect("valid regex")
});

/// A letter's lines and the people its pronouns stand for.
struct Letter {
    first: usize,
    last: usize,
    /// "you": the person it is addressed to.
    to: Option<String>,
    /// "me": the person who signed it.
    from: Option<String>,
    /// "we": the body that sent it, and where the letter names it.
    sender: Option<(String, Span)>,
}

pub(super) fn parse(ctx: &mut Ctx<'_>) {
    let mut told = told_in_prose(ctx);
    told.extend(told_in_letters(ctx));
    told.extend(minuted(ctx));
    for (meeting, person, span, basis) in told {
        let Some(date) = ctx
            .out
            .nodes
            .get(&meeting)
            .and_then(|m| m.props.get("date").cloned())
        else {
            continue;
        };
        super::meeting::told_attendance(ctx, &meeting, &date, &person, span, basis);
    }
}

/// The one meeting the document is the record of (its minutes), if it
/// records one only: a pack of several meetings' minutes says by section
/// which lines are whose.
pub(super) fn recorded_meeting(ctx: &Ctx<'_>) -> Option<String> {
    let mut recorded = ctx
        .out
        .edges
        .values()
        .filter(|e| e.kind == EdgeKind::Records && e.source == ctx.doc_key)
        .map(|e| e.target.clone())
        .filter(|m| {
            ctx.out
                .nodes
                .get(m)
                .is_some_and(|n| n.kind == NodeKind::Meeting)
        });
    let first = recorded.next()?;
    recorded.all(|m| m == first).then_some(first)
}

/// Who the record of a meeting minutes doing something there ("Leemya
/// McKeown thanked the team", "Tony Doran explained") attended it, with
/// `basis: minuted`; a list that names them already says how.
fn minuted(ctx: &Ctx<'_>) -> Told {
    let Some(meeting) = recorded_meeting(ctx) else {
        return Vec::new();
    };
    let people = named_on_lines(ctx, NodeKind::Person);
    let mut out = Told::new();
    for (n, named) in &people {
        for written in crate::names::given::minuted_names(ctx.src.line(*n)) {
            if let Some((_, person)) = named.iter().find(|(w, _)| w == written) {
                out.push((
                    meeting.clone(),
                    person.clone(),
                    ctx.src.quote_line(*n, written),
                    "minuted",
                ));
            }
        }
    }
    out
}

/// Attendance told: (meeting, person, where, basis).
type Told = Vec<(String, String, Span, &'static str)>;

/// The letters of the document, from their nodes: a letter runs from its
/// salutation to its signature.
fn letters(ctx: &Ctx<'_>) -> Vec<Letter> {
    let mut out = Vec::new();
    for node in ctx.out.nodes.values() {
        if node.kind != NodeKind::Document
            || node.props.get("kind").map(String::as_str) != Some("letter")
        {
            continue;
        }
        let Some(first) = node.provenance.first().map(|s| s.first_line as usize) else {
            continue;
        };
        let from_letter = |kind: EdgeKind| {
            ctx.out
                .edges
                .values()
                .filter(move |e| e.kind == kind && e.source == node.key)
        };
        let Some(signed) = from_letter(EdgeKind::SignedBy).next() else {
            continue; // no signature: where the letter ends is not known
        };
        let last = signed
            .provenance
            .first()
            .map_or(first, |s| s.first_line as usize);
        let to = from_letter(EdgeKind::AddressedTo)
            .filter(|e| e.props.get("as").map(String::as_str) != Some("cc"))
            .map(|e| e.target.clone())
            .find(|t| {
                ctx.out
                    .nodes
                    .get(t)
                    .is_some_and(|n| n.kind == NodeKind::Person)
            });
        let sender = from_letter(EdgeKind::AuthoredBy).next().and_then(|e| {
            let org = ctx.out.nodes.get(&e.target)?;
            Some((org.name.clone(), e.provenance.first()?.clone()))
        });
        out.push(Letter {
            first,
            last,
            to,
            from: Some(signed.target.clone()),
            sender,
        });
    }
    out
}

/// Who a letter says attended a meeting: the people after "met with" or
/// "evidence given by", or before "for attending", at the meetings named after them in the
/// sentence (or the one meeting of a month written without its day).
fn told_in_letters(ctx: &mut Ctx<'_>) -> Told {
    let people = named_on_lines(ctx, NodeKind::Person);
    let meetings = named_on_lines(ctx, NodeKind::Meeting);
    let src = ctx.src;
    let mut told: Told = Vec::new();
    for letter in letters(ctx) {
        for n in letter.first..=letter.last.min(src.len()) {
            let line = plain(src.line(n));
            let found = MET_WITH
                .captures_iter(&line)
                .chain(FOR_ATTENDING.captures_iter(&line))
                .chain(GAVE_EVIDENCE.captures_iter(&line));
            for cap in found {
                let (Some(whole), Some(list)) = (cap.get(0), cap.get(1)) else {
                    continue;
                };
                let rest = line[whole.end()..].split(". ").next().unwrap_or("");
                // A meeting the line names, by its words or by its date
                // ("25<sup>th</sup> January 2023" read as the 25th).
                let date_after = find_date(rest).map(|(d, _)| d.to_string());
                let mut at: Vec<String> = meetings
                    .get(&n)
                    .into_iter()
                    .flatten()
                    .filter(|(w, m)| {
                        rest.contains(w.as_str())
                            || date_after.is_some()
                                && ctx.out.nodes.get(m).and_then(|m| m.props.get("date"))
                                    == date_after.as_ref()
                    })
                    .map(|(_, m)| m.clone())
                    .collect();
                at.dedup();
                // "– the former HM Chief Inspector of Constabulary –": an
                // aside about the last person listed.
                let rest = match rest.trim_start().strip_prefix("– ") {
                    Some(aside) => aside.split_once(" – ").map_or(rest, |(_, after)| after),
                    None => rest,
                };
                if at.is_empty() {
                    at.extend(meeting_of_month(ctx, n, rest));
                }
                if at.is_empty() {
                    at.extend(meetings_on_dates(ctx, &letter, n, rest));
                }
                // "for attending the Panel's meeting on 6th March 2024": the
                // one meeting the document states on that date.
                if at.is_empty() {
                    at.extend(meeting_on_date(ctx, rest));
                }
                for item in list.as_str().split(", ").flat_map(|p| p.split(" and ")) {
                    let item = item.trim();
                    let person = match item {
                        "you" | "yourself" => letter.to.clone(),
                        "me" | "myself" => letter.from.clone(),
                        // The person the line names within the item
                        // ("Grace Oduya" in "Superintendent Grace Oduya").
                        _ => people
                            .get(&n)
                            .into_iter()
                            .flatten()
                            .filter(|(w, _)| item.contains(w.as_str()))
                            .max_by_key(|(w, _)| w.len())
                            .map(|(_, p)| p.clone()),
                    };
                    let Some(person) = person else { continue };
                    for meeting in &at {
                        told.push((
                            meeting.clone(),
                            person.clone(),
                            src.quote_line(n, item),
                            "told",
                        ));
                    }
                }
            }
        }
    }
    told
}

/// "… with you on 16 November 2022 and 13 December 2022": the sending
/// body's meetings on the dates that follow "on".
fn meetings_on_dates(ctx: &mut Ctx<'_>, letter: &Letter, n: usize, rest: &str) -> Vec<String> {
    let Some((body, body_span)) = letter
        .sender
        .as_ref()
        .and_then(|(name, span)| Some((ctx.orgs.resolve(name)?, span.clone())))
    else {
        return Vec::new();
    };
    let Some(mut dates) = rest.trim_start().strip_prefix("on ") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    while let Some((date, written)) = find_date(dates).filter(|(_, w)| dates.starts_with(w)) {
        let span = ctx.src.quote_line(n, written);
        let meeting = super::activity::stated_meeting(
            ctx,
            &body,
            &date.to_string(),
            written,
            None,
            span,
            body_span.clone(),
            "named with its date",
        );
        out.push(meeting.key);
        dates = &dates[written.len()..];
        match [" and ", ", "].iter().find_map(|j| dates.strip_prefix(j)) {
            Some(next) => dates = next,
            None => break,
        }
    }
    out
}

/// The one meeting the document states on the first date of `text`.
fn meeting_on_date(ctx: &Ctx<'_>, text: &str) -> Option<String> {
    let (date, _) = find_date(text)?;
    let date = date.to_string();
    let mut on_day = ctx
        .out
        .nodes
        .values()
        .filter(|m| m.kind == NodeKind::Meeting && m.props.get("date") == Some(&date));
    let one = on_day.next()?;
    on_day.next().is_none().then(|| one.key.clone())
}

/// "in October 2022": the one meeting of that month the document states.
///
/// Where the month has several, the one of the body whose papers the line
/// is in, if it has one alone: a letter in a committee's pack answers that
/// committee ("the evidence given … including myself in June 2022"), not
/// the assembly's plenary of the same month.
fn meeting_of_month(ctx: &Ctx<'_>, n: usize, text: &str) -> Option<String> {
    let (year, month, _) = crate::text::month_year_at_start(text)?;
    let prefix = format!("{year:04}-{month:02}-");
    let of_month: Vec<&crate::model::Node> = ctx
        .out
        .nodes
        .values()
        .filter(|m| {
            m.kind == NodeKind::Meeting
                && m.props.get("date").is_some_and(|d| d.starts_with(&prefix))
        })
        .collect();
    let one = |found: &[&crate::model::Node]| match found {
        [one] => Some(one.key.clone()),
        _ => None,
    };
    one(&of_month).or_else(|| {
        let own = super::actions::committee(ctx, n).and_then(|b| ctx.orgs.resolve(&b))?;
        let own: Vec<&crate::model::Node> = of_month
            .into_iter()
            .filter(|m| {
                m.props
                    .get("body")
                    .and_then(|b| ctx.orgs.resolve(b))
                    .is_some_and(|b| b.key == own.key)
            })
            .collect();
        one(&own)
    })
}

/// Attendance told in running text (see the module's head), outside letters.
fn told_in_prose(ctx: &mut Ctx<'_>) -> Told {
    let people = named_on_lines(ctx, NodeKind::Person);
    let meetings = named_on_lines(ctx, NodeKind::Meeting);
    let own = own_meeting(ctx);
    let addressees = addressees(ctx);
    let src = ctx.src;
    let mut told: Told = Vec::new();
    for (&n, named) in &people {
        let line = plain(src.line(n));
        let on_line = meetings.get(&n);
        for (written, person) in named {
            let Some(at) = line.find(written.as_str()) else {
                continue;
            };
            let (before, after) = (&line[..at], &line[at + written.len()..]);
            // "X attended … on DATE": the first meeting named after it in
            // the sentence.
            if let Some(verb) = ATTENDED.find(after) {
                let sentence = after[verb.end()..].split(". ").next().unwrap_or("");
                if let Some(meeting) = first_named_in(on_line, sentence) {
                    told.push((meeting, person.clone(), src.quote_line(n, written), "told"));
                }
            }
            // "a COBR on 12 October where X had attended": the last meeting
            // named before it in the sentence.
            if WHERE.is_match(before) && ATTENDED.is_match(after) {
                let sentence = before.rsplit(". ").next().unwrap_or(before);
                if let Some(meeting) = last_named_in(on_line, sentence) {
                    told.push((meeting, person.clone(), src.quote_line(n, written), "told"));
                }
            }
            // "X in his evidence on DATE": a sitting of the body whose
            // hearing this is, on that date.
            if let (Some(found), Some((body, _))) = (IN_EVIDENCE.find(after), own.as_ref()) {
                let rest = &after[found.end()..];
                if let Some((date, date_text)) =
                    find_date(rest).filter(|(_, w)| rest.starts_with(w))
                {
                    let span = src.quote_line(n, date_text);
                    let meeting = super::activity::stated_meeting(
                        ctx,
                        body,
                        &date.to_string(),
                        date_text,
                        None,
                        span,
                        src.quote_line(n, written),
                        "named with its date",
                    );
                    told.push((
                        meeting.key,
                        person.clone(),
                        src.quote_line(n, written),
                        "gave evidence",
                    ));
                }
            }
        }
    }
    // "You attended …": the witness who answers the question.
    for (&n, named) in &meetings {
        let line = plain(src.line(n));
        let Some(person) = addressees.get(&n) else {
            continue;
        };
        for found in YOU_ATTENDED.find_iter(&line) {
            let sentence = line[found.end()..].split(". ").next().unwrap_or("");
            let basis = if found.as_str().contains("evidence") {
                "gave evidence"
            } else {
                "told"
            };
            if let Some(meeting) = first_named_in(Some(named), sentence) {
                let you = &found.as_str()[..3];
                told.push((meeting, person.clone(), src.quote_line(n, you), basis));
            }
        }
    }
    told
}

/// The people or meetings each line names, from the document's mentions of
/// them, with the words as written.
fn named_on_lines(ctx: &Ctx<'_>, kind: NodeKind) -> BTreeMap<usize, Named> {
    let mut out: BTreeMap<usize, Named> = BTreeMap::new();
    for e in ctx
        .out
        .edges
        .values()
        .filter(|e| e.kind == EdgeKind::Mentions)
    {
        if ctx.out.nodes.get(&e.target).is_none_or(|t| t.kind != kind) {
            continue;
        }
        for span in &e.provenance {
            // The edge's words as written are its first mention's; a later
            // line may name it otherwise ("Sir Tom"), as its quote gives:
            // both, where the line holds them.
            let line = plain(ctx.src.line(span.first_line as usize));
            let as_written = e
                .props
                .get("as_written")
                .filter(|w| line.contains(w.as_str()));
            let quote =
                (line.contains(span.quote.as_str()) || as_written.is_none()).then_some(&span.quote);
            let entry = out.entry(span.first_line as usize).or_default();
            for written in as_written.into_iter().chain(quote) {
                if !entry.contains(&(written.clone(), e.target.clone())) {
                    entry.push((written.clone(), e.target.clone()));
                }
            }
        }
    }
    out
}

/// The first meeting of a line whose words as written are in `text`.
fn first_named_in(named: Option<&Named>, text: &str) -> Option<String> {
    named?
        .iter()
        .filter_map(|(w, m)| text.find(w.as_str()).map(|at| (at, m)))
        .min()
        .map(|(_, m)| m.clone())
}

/// The last meeting of a line whose words as written are in `text`.
fn last_named_in(named: Option<&Named>, text: &str) -> Option<String> {
    named?
        .iter()
        .filter_map(|(w, m)| text.rfind(w.as_str()).map(|at| (at, m)))
        .max()
        .map(|(_, m)| m.clone())
}

/// The body whose meeting the document is the record of, where it records
/// one: (its body, the meeting's key).
fn own_meeting(ctx: &Ctx<'_>) -> Option<(crate::orgs::Org, String)> {
    let mut own = ctx
        .out
        .edges
        .values()
        .filter(|e| e.kind == EdgeKind::Records && e.source == ctx.doc_key);
    let record = own.next()?;
    if own.next().is_some() {
        return None; // a pack of several records: which body is not said
    }
    let meeting = ctx.out.nodes.get(&record.target)?;
    let body = ctx.orgs.resolve(meeting.props.get("body")?)?;
    Some((body, record.target.clone()))
}

/// For each line of a question, the person it is put to: the speaker of the
/// next turn by someone else (a transcript's witness answering counsel).
fn addressees(ctx: &Ctx<'_>) -> BTreeMap<usize, String> {
    // Who spoke each turn, where it is a person.
    let speaker: BTreeMap<&str, &str> = ctx
        .out
        .edges
        .values()
        .filter(|e| e.kind == EdgeKind::Spoke)
        .map(|e| (e.target.as_str(), e.source.as_str()))
        .collect();
    // Turns in order: (first line, last line, who spoke, as labelled).
    let mut turns: Vec<(u32, u32, Option<&str>, &str)> = ctx
        .out
        .nodes
        .values()
        .filter(|n| n.kind == NodeKind::Statement)
        .filter_map(|n| {
            let span = n.provenance.first()?;
            let label = n.props.get("speaker_label").map_or("", String::as_str);
            Some((
                span.first_line,
                span.last_line,
                speaker.get(n.key.as_str()).copied(),
                label,
            ))
        })
        .collect();
    turns.sort();
    let mut out = BTreeMap::new();
    for (i, (first, last, _, label)) in turns.iter().enumerate() {
        let Some(next) = turns[i + 1..]
            .iter()
            .find(|t| t.3 != *label)
            .and_then(|t| t.2)
        else {
            continue;
        };
        for n in *first..=*last {
            out.insert(n as usize, next.to_owned());
        }
    }
    out
}
