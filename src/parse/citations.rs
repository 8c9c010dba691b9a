//! Footnoted evidence and reported speech.
//!
//! A footnote line (`<sup>12</sup> London Assembly, Police and Crime Committee
//! – transcript – panel 1, 30 November 2022, p.6`) becomes a Citation, cited by
//! the report (or document) whose text carries its marker, and citing either a
//! committee meeting (when it names a transcript or a meeting and a date) or an
//! outside document.
//!
//! A sentence in which a named person told, confirmed, said or agreed
//! something becomes a reported Statement attributed to them (not verbatim),
//! linked through its footnote to the meeting where it was said.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::report::Report;
use super::{meeting_node, Ctx};
use crate::model::{Edge, EdgeKind, Node, NodeKind, Span};
use crate::names::PersonName;
use crate::orgs::{Org, Orgs};
use crate::text::{find_date, plain, slug};

/// A footnote: its marker at the start of a line, then its text.
static FOOTNOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^<sup>\[?([0-9]{1,3})\]?</sup>\s*(.+)$").expect("valid regex"));

/// A footnote marker in running text.
static MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<sup>\[?([0-9]{1,3})\]?</sup>").expect("valid regex"));

/// "p.6", "page 12".
static PAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:p\.|pp\.|page )\s?([0-9]+)").expect("valid regex"));

/// A reporting verb after a subject.
static REPORTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:also )?(told the Committee|confirmed to the Committee|confirmed|said|stated|explained|agreed|acknowledged|argued|warned|noted that)\b")
        .expect("valid regex")
});

/// Where a citation points.
enum Cited {
    Meeting { key: String },
    Document { key: String },
}

/// What one footnote run holds: footnote number → (citation key, what it cites).
type Footnotes = HashMap<u32, (String, Option<String>)>;

// Line numbers index both the source and the per-line container table.
#[allow(clippy::needless_range_loop)]
pub(super) fn parse(ctx: &mut Ctx<'_>, reports: &[Report]) {
    let container = |n: usize| -> String {
        reports
            .iter()
            .find(|r| {
                r.extent
                    .is_some_and(|(first, last)| (first..=last).contains(&n))
            })
            .map_or_else(|| ctx.doc_key.clone(), |r| r.key.clone())
    };
    let containers: Vec<String> = (0..=ctx.src.len()).map(container).collect();

    // Footnotes, in runs: numbering restarts with each output of the pack.
    let mut runs: Vec<(usize, usize, Footnotes)> = Vec::new();
    let mut previous = 0;
    for n in 1..=ctx.src.len() {
        let line = ctx.src.line(n);
        let Some(cap) = FOOTNOTE.captures(line) else {
            continue;
        };
        let number: u32 = cap[1]
            .parse()
            .expect("one to three ASCII digits, as the regex reads them");
        if number <= previous || runs.is_empty() {
            runs.push((n, n, HashMap::new()));
        }
        previous = number;
        let run_index = runs.len();
        let run = runs.last_mut().expect("pushed");
        run.1 = n;
        let owner = containers[n].clone();
        let key = crate::keys::under(
            "citation",
            &[
                crate::keys::path(&ctx.doc_key),
                &run_index.to_string(),
                &number.to_string(),
            ],
        );
        let cited = add_citation(ctx, &key, number, &cap[2], n, &owner);
        // The footnote belongs to the output it stands in, even where no marker
        // for it is found; markers add the claim's sentence as a further span.
        ctx.out.add_edge(Edge::new(
            owner.clone(),
            EdgeKind::Cites,
            key.clone(),
            ctx.src.span(n, n),
        ));
        run.2.insert(number, (key, cited));
    }

    // Markers in running text cite the footnote of the same number in the run
    // that follows them (footnotes come at the foot of the page).
    let mut last_person: Option<(String, String)> = None;
    for n in 1..=ctx.src.len() {
        let line = ctx.src.line(n);
        if line.starts_with("<sup>") || line.trim().is_empty() {
            last_person = None;
            continue;
        }
        if !MARKER.is_match(line) {
            continue;
        }
        let Some(run) = runs
            .iter()
            .find(|(first, last, _)| n <= *last && first.saturating_sub(400) <= n)
        else {
            continue;
        };
        let footnotes = &run.2;
        for sentence in sentences(line) {
            let numbers: Vec<u32> = MARKER
                .captures_iter(sentence)
                .map(|c| {
                    c[1].parse()
                        .expect("one to three ASCII digits, as the regex reads them")
                })
                .collect();
            let cited: Vec<&(String, Option<String>)> =
                numbers.iter().filter_map(|k| footnotes.get(k)).collect();
            let span = ctx.src.quote_line(n, sentence.trim());
            for (citation, _) in &cited {
                ctx.out.add_edge(Edge::new(
                    containers[n].clone(),
                    EdgeKind::Cites,
                    citation.clone(),
                    span.clone(),
                ));
            }
            let heading = line.starts_with('#');
            if let Some((person, label)) = (!heading)
                .then(|| reported_speaker(ctx, sentence, &mut last_person))
                .flatten()
            {
                let meeting = cited.iter().find_map(|(_, m)| m.clone());
                add_reported(
                    ctx,
                    &containers[n],
                    n,
                    sentence,
                    &person,
                    &label,
                    &cited,
                    meeting,
                );
            }
        }
    }
}

/// Splits a line into sentences, each keeping the footnote markers that close it.
fn sentences(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if matches!(bytes[i], b'.' | b'!' | b'?') {
            let mut end = i + 1;
            // Closing quotes and markers belong to the sentence.
            loop {
                let rest = &line[end..];
                if let Some(m) = MARKER.find(rest).filter(|m| m.start() == 0) {
                    end += m.end();
                } else if rest.starts_with('”') || rest.starts_with('"') || rest.starts_with('’')
                {
                    end += rest.chars().next().map_or(1, char::len_utf8);
                } else {
                    break;
                }
            }
            if end >= line.len() || line[end..].starts_with(' ') {
                out.push(&line[start..end]);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    if start < line.len() && !line[start..].trim().is_empty() {
        out.push(&line[start..]);
    }
    out
}

/// Whether a footnote cites a meeting: a transcript, minutes or a meeting
/// with a date.
fn cited_meeting(ctx: &Ctx<'_>, text: &str, owner: &str) -> Option<(Org, String, String)> {
    let lower = text.to_lowercase();
    if !(lower.contains("transcript") || lower.contains("meeting") || lower.contains("minutes")) {
        return None;
    }
    let (date, date_text) = find_date(text)?;
    // The body it names, else the committee the document's meetings belong to.
    let body = ctx
        .orgs
        .written_names()
        .iter()
        .filter(|(written, _)| text.contains(written.as_str()))
        .filter_map(|(_, canonical)| ctx.orgs.resolve(canonical))
        .find(|org| org.name.contains("Committee"))
        .or_else(|| named_body(ctx, text))
        .or_else(|| sitting_body(ctx, text))
        .or_else(|| {
            let author = ctx
                .out
                .edges
                .values()
                .find(|e| e.source == owner && e.kind == EdgeKind::AuthoredBy)?;
            ctx.orgs
                .resolve(ctx.out.nodes.get(&author.target)?.name.as_str())
        })
        .or_else(|| {
            ctx.out
                .nodes
                .values()
                .find(|n| n.kind == NodeKind::Meeting)
                .and_then(|m| ctx.orgs.resolve(m.prop("body")?))
        })?;
    Some((body, date.to_string(), date_text.to_owned()))
}

/// "Riverside Police and Crime Panel, 6 March 2024 – transcript": a part of
/// the footnote that is a body's name ending in a word for a body that
/// sits (Committee, Panel, Board, …), known to the vocabulary or not.
fn sitting_body(ctx: &Ctx<'_>, text: &str) -> Option<Org> {
    const SITS: &[&str] = &[
        "Committee",
        "Panel",
        "Board",
        "Council",
        "Assembly",
        "Commission",
        "Forum",
    ];
    text.split(", ").find_map(|part| {
        let part = part.trim();
        let last = part.split_whitespace().last()?;
        (SITS.contains(&last) && ctx.orgs.names_a_body(part))
            .then(|| ctx.orgs.resolve(part))
            .flatten()
    })
}

/// The body a cited record names before what it is: "FREPC Committee –
/// transcript", "London CONTEST board meeting note". A meeting of another
/// body is that body's, not the citing committee's.
fn named_body(ctx: &Ctx<'_>, text: &str) -> Option<Org> {
    const RECORDS: &[&str] = &[
        " – transcript",
        " - transcript",
        " transcript",
        " meeting note",
        " meeting notes",
        " minutes",
        " meeting",
    ];
    text.split(", ").find_map(|part| {
        let lower = part.to_lowercase();
        let cut = RECORDS.iter().find_map(|r| lower.find(r))?;
        let head = part[..cut].trim();
        // Capitalised words, as a body's name is written.
        // Capitalised words, as a body's name is written, or a common noun
        // of bodies after them ("London CONTEST board").
        let words: Vec<&str> = head.split_whitespace().collect();
        let named = words.len() >= 2
            && words.iter().enumerate().all(|(i, w)| {
                w.starts_with(char::is_uppercase)
                    || ["of", "and", "for", "the", "on"].contains(w)
                    || (i == words.len() - 1
                        && [
                            "board",
                            "committee",
                            "panel",
                            "group",
                            "forum",
                            "commission",
                        ]
                        .contains(w))
            });
        named.then(|| ctx.orgs.resolve(head)).flatten()
    })
}

fn add_citation(
    ctx: &mut Ctx<'_>,
    key: &str,
    number: u32,
    raw: &str,
    n: usize,
    owner: &str,
) -> Option<String> {
    let text = plain(raw);
    let span = ctx.src.quote_line(n, raw);
    let mut node = Node::new(
        key.to_owned(),
        NodeKind::Citation,
        format!("[{number}] {text}"),
        span.clone(),
    )
    .with("number", number.to_string())
    .with("text", text.clone());
    if let Some(page) = PAGE.captures(&text) {
        node = node.with("page", page[1].to_owned());
    }
    let cited = match cited_meeting(ctx, &text, owner) {
        Some((body, date, date_text)) => {
            let node = meeting_node(
                ctx,
                &body,
                &date,
                &date_text,
                span.clone(),
                Some(span.clone()),
            );
            let key = node.key.clone();
            ctx.out.add_node(node);
            Cited::Meeting { key }
        }
        None => {
            // An outside document: the linked title, else the text before the first comma.
            let title = raw
                .find('[')
                .and_then(|open| {
                    raw[open + 1..]
                        .find("](")
                        .map(|close| plain(&raw[open + 1..open + 1 + close]))
                })
                .unwrap_or_else(|| text.split(", ").next().unwrap_or(&text).to_owned());
            let doc = crate::keys::external_document(&title);
            let by = text
                .split(", ")
                .next()
                .filter(|b| *b != title)
                .map(str::to_owned);
            let mut external = Node::new(
                doc.clone(),
                NodeKind::Document,
                title.clone(),
                ctx.src.quote_line(n, &title),
            )
            .with("kind", "external");
            if let Some(by) =
                by.filter(|b| Orgs::looks_like_org(b) || PersonName::parse(b).is_some())
            {
                external = external.with("by", by);
            }
            ctx.out.add_node(external);
            if raw.contains("](") {
                add_authors(ctx, raw, n, &doc);
            }
            Cited::Document { key: doc }
        }
    };
    ctx.out.add_node(node);
    let (target, meeting) = match cited {
        Cited::Meeting { key } => (key.clone(), Some(key)),
        Cited::Document { key } => (key, None),
    };
    let mut edge = Edge::new(key.to_owned(), EdgeKind::Cites, target, span);
    if let Some(page) = PAGE.captures(&text) {
        edge = edge.with("page", page[1].to_owned());
    }
    ctx.out.add_edge(edge);
    meeting
}

/// Who wrote a cited work, from the place before its linked title
/// ("Runnymede Trust, [Title](…), date"): each author an `authored-by` edge
/// from the work. A person of the document by their name; a body where the
/// place names no person and no post (see `cited_bodies`), made a node if
/// the document has none yet.
fn add_authors(ctx: &mut Ctx<'_>, raw: &str, n: usize, work: &str) {
    let Some((slot, _)) = raw.split_once(", [") else {
        return;
    };
    for (written, as_quoted) in cited_bodies(ctx, slot) {
        let Some(org) = ctx.orgs.resolve(&written) else {
            continue;
        };
        let span = ctx.src.quote_line(n, &as_quoted);
        if !ctx.out.nodes.contains_key(&org.key) {
            ctx.out.add_node(
                super::entities::org_node(&org, span.clone())
                    .with(crate::model::NAME_SOURCE, "cited-author"),
            );
        }
        ctx.out.add_edge(Edge::new(
            work.to_owned(),
            EdgeKind::AuthoredBy,
            org.key,
            span,
        ));
    }
    let name = plain(slot);
    if let Some(person) = PersonName::parse(&name).filter(|p| !p.titles.is_empty()) {
        if ctx.out.nodes.contains_key(&person.node_key()) {
            ctx.out.add_edge(Edge::new(
                work.to_owned(),
                EdgeKind::AuthoredBy,
                person.node_key(),
                ctx.src.quote_line(n, &name),
            ));
        }
    }
}

/// The bodies the author's place of a citation names, each as read and as
/// quoted: a publication in italics ("*The Times*"), a name with the
/// article ("The Guardian") or an abbreviation first ("UK Parliament"), a
/// name that reads as a body's or that the document knows, or one
/// capitalised word ("Liberty"). Not a person (a title, a peerage, a person
/// of the document), a post ("Mayor of London"), a sentence or a numbered
/// paper ("DMPC Decision – PCD 335"). Two bodies joined by "/" ("LFB/FBU")
/// or by "and" after a whole name are two.
fn cited_bodies(ctx: &Ctx<'_>, slot: &str) -> Vec<(String, String)> {
    let italic = slot.trim().starts_with('*') && slot.trim().ends_with('*');
    let name = plain(slot).trim().trim_matches('*').trim().to_owned();
    let words: Vec<&str> = name.split_whitespace().collect();
    let is_joiner = |w: &str| ["of", "and", "for", "the", "&"].contains(&w);
    let shaped = !words.is_empty()
        && words.len() <= 6
        && words
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) || is_joiner(w))
        && !name.contains(|c: char| c.is_ascii_digit() || ":;,–—".contains(c))
        && !Orgs::opens_with_post(&name);
    if !shaped {
        return Vec::new();
    }
    let person = PersonName::parse(&name).is_some_and(|p| {
        !p.titles.is_empty()
            || !p.post_nominals.is_empty()
            || crate::names::PEERAGES
                .iter()
                .any(|peer| p.core.starts_with(&format!("{peer} ")))
            || ctx.out.nodes.contains_key(&p.node_key())
    });
    if person {
        return Vec::new();
    }
    let abbreviation = |w: &str| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase());
    let body = |part: &str| {
        let part_words: Vec<&str> = part.split_whitespace().collect();
        match part_words.as_slice() {
            [] => false,
            // An abbreviation the text never spells out ("MQT") may be a
            // series, not a body.
            [one] if abbreviation(one) => ctx.orgs.is_known(one),
            [_] => true,
            [first, ..] => {
                italic
                    || *first == "The"
                    || abbreviation(first)
                    || ctx.orgs.is_known(part)
                    || Orgs::looks_like_org(part)
            }
        }
    };
    let parts: Vec<&str> = if name.contains('/') {
        name.split('/').map(str::trim).collect()
    } else {
        // A body the document names whole on a line of its own ("#
        // Riverside Police and Crime Panel" heading its letters) is one,
        // not two.
        let named_whole = (1..=ctx.src.len()).any(|n| {
            plain(ctx.src.line(n))
                .trim_start_matches('#')
                .trim()
                .trim_matches('*')
                == name
        });
        match name.split_once(" and ") {
            Some((first, second))
                if !named_whole
                    && first.contains(' ')
                    && Orgs::looks_like_org(first)
                    && second.starts_with(char::is_uppercase) =>
            {
                vec![first, second]
            }
            _ => vec![name.as_str()],
        }
    };
    if parts.iter().all(|p| body(p)) {
        parts
            .iter()
            .map(|p| ((*p).to_owned(), (*p).to_owned()))
            .collect()
    } else {
        Vec::new()
    }
}

/// The person a sentence reports as speaking, with the name as written:
/// "Commander Richard Smith confirmed …", or "He told …" after a name.
fn reported_speaker(
    ctx: &Ctx<'_>,
    sentence: &str,
    last: &mut Option<(String, String)>,
) -> Option<(String, String)> {
    let text = plain(&MARKER.replace_all(sentence, ""));
    let verb = REPORTED.find(&text)?;
    let mut subject = text[..verb.start()].trim();
    // "In November 2022, Lord Harris …": drop a leading clause.
    if let Some((lead, rest)) = subject.split_once(", ") {
        if find_date(lead).is_some() || lead.starts_with("In ") || lead.starts_with("When ") {
            subject = rest;
        }
    }
    // "Commander Richard Smith, former Head of …, said": the name before the apposition.
    let name = subject.split(", ").next().unwrap_or(subject).trim();
    if matches!(name, "He" | "She") {
        return last.clone();
    }
    let person = PersonName::parse(name)?;
    let known = ctx.out.nodes.contains_key(&person.node_key());
    let titled = !person.titles.is_empty()
        || ["Lord ", "Baroness ", "Lady "]
            .iter()
            .any(|p| person.core.starts_with(p));
    if person.core.split_whitespace().count() < 2
        || !(known || titled)
        || ctx.orgs.is_known(name)
        || Orgs::looks_like_org(name)
    {
        return None;
    }
    let found = (person.node_key(), name.to_owned());
    *last = Some(found.clone());
    Some(found)
}

/// Words of a reported claim its key is made from.
const KEY_WORDS: usize = 8;

#[allow(clippy::too_many_arguments)]
fn add_reported(
    ctx: &mut Ctx<'_>,
    container: &str,
    n: usize,
    sentence: &str,
    person: &str,
    label: &str,
    cited: &[&(String, Option<String>)],
    meeting: Option<String>,
) {
    let text = plain(&MARKER.replace_all(sentence, ""));
    // The speaker and the claim's first words tell reported statements
    // apart, so the key survives an edit above the sentence (a line number
    // would not). Two claims that open alike are told apart by their order;
    // the same claim twice is one statement.
    let opening: Vec<&str> = text.split_whitespace().take(KEY_WORDS).collect();
    let base = crate::keys::under(
        "statement",
        &[
            "reported",
            container.split('/').next_back().unwrap_or(""),
            crate::keys::path(person),
            &slug(&opening.join(" ")),
        ],
    );
    let mut key = base.clone();
    let mut k = 1;
    while ctx
        .out
        .nodes
        .get(&key)
        .is_some_and(|other| other.prop("text") != Some(text.as_str()))
    {
        k += 1;
        key = format!("{base}-{k}");
    }
    let span: Span = ctx.src.quote_line(n, sentence.trim());
    let preview: String = text.chars().take(80).collect();
    let mut node = Node::new(
        key.clone(),
        NodeKind::Statement,
        format!("{label} (reported): {preview}"),
        span.clone(),
    )
    .with("text", text)
    .with("speaker_label", label)
    .with("verbatim", "false");
    if let Some(meeting) = &meeting {
        if let Some(date) = meeting.rsplit('/').next() {
            node = node.with("date", date);
        }
    }
    ctx.out.add_node(node);
    if !ctx.out.nodes.contains_key(person) {
        if let Some(name) = PersonName::parse(label) {
            ctx.out.add_node(Node::new(
                person.to_owned(),
                NodeKind::Person,
                name.full,
                ctx.src.quote_line(n, label),
            ));
        }
    }
    ctx.out.add_edge(
        Edge::new(
            person.to_owned(),
            EdgeKind::Spoke,
            key.clone(),
            span.clone(),
        )
        .with("reported", "true"),
    );
    ctx.out.add_edge(Edge::new(
        key.clone(),
        EdgeKind::InDocument,
        container.to_owned(),
        span.clone(),
    ));
    for (citation, _) in cited {
        ctx.out.add_edge(Edge::new(
            key.clone(),
            EdgeKind::Cites,
            citation.clone(),
            span.clone(),
        ));
    }
    if let Some(meeting) = meeting {
        ctx.out
            .add_edge(Edge::new(key, EdgeKind::AtMeeting, meeting, span));
    }
}
