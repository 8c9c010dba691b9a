//! Who attended a meeting the text names, told in running text rather than
//! listed: "Mr Drakeford attended his first COBR meeting on 18 February
//! 2020", "there had been a COBR on 12 October where Mr Drakeford had
//! attended", "You attended a Covid-19 core group meeting on 11 March 2020"
//! and "you … had to give evidence to a Senedd committee on 9 March" (the
//! witness a question is put to), "Mr Sunak in his evidence on 11 December
//! 2023" (a witness at an earlier hearing of the body whose hearing the
//! transcript records).
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

pub(super) fn parse(ctx: &mut Ctx<'_>) {
    let people = named_on_lines(ctx, NodeKind::Person);
    let meetings = named_on_lines(ctx, NodeKind::Meeting);
    let own = own_meeting(ctx);
    let addressees = addressees(ctx);
    let src = ctx.src;
    let mut told: Vec<(String, String, Span, &str)> = Vec::new();
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
            let written = e
                .props
                .get("as_written")
                .cloned()
                .unwrap_or_else(|| span.quote.clone());
            let entry = out.entry(span.first_line as usize).or_default();
            if !entry.contains(&(written.clone(), e.target.clone())) {
                entry.push((written, e.target.clone()));
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
