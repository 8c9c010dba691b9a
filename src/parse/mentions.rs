//! Mentions: where a statement or a document names a person, an organisation
//! or a report, a `mentions` edge to it, with one span per place it is named.
//!
//! Runs last over a document, when its own people, organisations and reports
//! are known. People are found by their names as this document writes them
//! (a label's name without honours, "Mark Rowley"), by a title or rank before a
//! capitalised name ("Commissioner Sir Mark Rowley", "Chief Superintendent
//! Sally Benatar"), by title and first name once the full name is known ("Sir
//! Mark"), and by hashtags of the name ("#sirmarkrowley").

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;

use super::report::Report;
use super::Ctx;
use crate::model::{Edge, EdgeKind, Node, NodeKind, NAME_SOURCE};
use crate::names::{PersonName, OFFICES, TITLES};

/// A title or rank (one or more) before two or three capitalised words.
static TITLED: LazyLock<Regex> = LazyLock::new(|| {
    let titles = TITLES
        .iter()
        .map(|t| regex::escape(t))
        .collect::<Vec<_>>()
        .join("|");
    // Two name words, each capitalised, with an inner capital after an
    // apostrophe or hyphen ("O'Loan"); a possessive "'s" is not part of a name.
    let word = r"[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?";
    Regex::new(&format!(r"\b(?:(?:{titles}),?\s+)+{word}\s+{word}\b")).expect("valid regex")
});

/// An apposition: "the Metropolitan Police Commissioner, Cressida Dick",
/// "the Deputy Mayor, Sophie Linden" — a role of capitalised words ending
/// in a word of office, a comma, and a name of two words or more.
static APPOSITION: LazyLock<Regex> = LazyLock::new(|| {
    let offices = "Commissioner|Commander|Constable|Mayor|Chair|Chairman|Chairwoman|Minister|Secretary|Director|Executive|Superintendent|Inspector|Officer|Reviewer|Adviser|Advisor|President|Leader";
    let word = r"[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?";
    // Titles may stack ("the Chief Medical Officer, Professor Sir Chris
    // Whitty"); the name words come after all of them.
    let titles = TITLES
        .iter()
        .map(|t| regex::escape(t))
        .collect::<Vec<_>>()
        .join("|");
    Regex::new(&format!(
        r"\b[Tt]he ((?:[A-Z][a-z]+ ){{0,4}}(?:{offices})), ((?:(?:{titles}) )*{word}(?: {word}){{1,2}})\b"
    ))
    .expect("valid regex")
});

/// A transcript editor's brackets around what a speaker left out: a title
/// before a name ("[Sir] William Macpherson", "[Dame] Lynne Owens") or
/// honours and a role after it ("William Shawcross [CVO, Independent
/// Reviewer]", "Barbara Gray [LVO QPM]").
static BRACKETED_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[(Sir|Dame|Lord|Baroness|Lady|Dr|Professor)\] ([A-Z][a-z]+(?: [A-Z][a-z'’-]+)+)")
        .expect("valid regex")
});
static BRACKETED_HONOURS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b([A-Z][a-z]+ [A-Z][a-z'’-]+) \[((?:[A-Z]{2,5} ?)+)(?:, ([^\]]+))?\]")
        .expect("valid regex")
});

/// One word of a person's name: "Smith", "McCallum", "O'Loan", "Haddon-Cave".
const NAME_WORD: &str = r"[A-Z](?:[a-z]+(?:['’-]?[A-Z][a-z]+)?|['’][A-Z][a-z]+)";

/// A name with a role in an editor's brackets after it: "Shakeel Begg
/// [Head Imam of Lewisham Islamic Centre]", "Baroness Nuala O'Loan [Chair of
/// the Daniel Morgan Independent Panel]".
static BRACKETED_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b((?:(?:Sir|Dame|Lord|Baroness|Lady|Dr|Professor) )?{NAME_WORD} {NAME_WORD}) \[((?:[A-Z][a-z]+ ){{0,3}}(?:{OFFICES})\b[^\]\[]{{0,80}})\]"
    ))
    .expect("valid regex")
});

/// A given name whose surname, honours and role an editor supplied: "Niall
/// [Bolger, Chief Executive, London Borough of Hounslow]", "Dame Lynne's
/// [Owens DL DCB CBE QPM, Deputy Commissioner of the …]".
static BRACKETED_SURNAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:(Sir|Dame|Lord|Baroness|Lady|Dr|Professor) )?([A-Z][a-z]+)(?:'s|’s)? \[([A-Z][a-z'’-]+)((?: [A-Z]{2,5})*), ([A-Z][^\]\[]{2,100})\]",
    )
    .expect("valid regex")
});

/// A post written before a name, with what it is a post of: "MI5 Director
/// General Ken McCallum". A bare office word before two capitalised words
/// ("the Chair Considers Urgent", "Service Manager Quality Assurance") is
/// too often a heading or a job title to read as a name: see `is_post_of_body`.
static ROLE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b((?:[A-Z][A-Za-z0-9]* ){{1,3}}?(?:{OFFICES})) ({NAME_WORD} {NAME_WORD})\b"
    ))
    .expect("valid regex")
});

/// A label of office, then the name and its post: "Proper Officer: Mary
/// Harpley, Chief Officer".
static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?:[A-Z][a-z]+ ){{0,3}}(?:{OFFICES}): ({NAME_WORD} {NAME_WORD}), ((?:[A-Z][a-z]+ ){{0,4}}(?:{OFFICES}))\b"
    ))
    .expect("valid regex")
});

/// A name, then its post, the apposition closed by punctuation: "Stephen
/// McAllister, the Head of Legal Operations, to contact …" (and not "of
/// Sarah Everard, the Mayor said").
static ROLE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b((?:(?:Sir|Dame|Lord|Baroness|Lady|Dr|Professor) )?{NAME_WORD} {NAME_WORD}), the ((?:[A-Z][a-z]+ ){{0,4}}(?:{OFFICES})(?: (?:of|for) (?:the )?[A-Z][\w'’&]*(?: (?:[A-Z][\w'’&]*|of|and|for|the|&))*)?)(?:[,;.)–]|$)"
    ))
    .expect("valid regex")
});

/// A name set off by commas, then a relative clause that ties it to a body:
/// "one lead for London, Paul McCann, who represents the National Health
/// Service (NHS), …", "…, Jane Doe, who chairs the Harbour Trust". The
/// clause, verb and body, is the role the text gives there.
static WHO_REPRESENTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r", ((?:(?:Sir|Dame|Lord|Baroness|Lady|Dr|Professor) )?{NAME_WORD} {NAME_WORD}), who (?:also )?((?:represents|leads|heads|chairs|works for|speaks for) (?:the )?[A-Z][\w'’&]*(?: (?:[A-Z][\w'’&]*|of|and|for|the|&))*(?: \([A-Z]{{2,6}}\))?)"
    ))
    .expect("valid regex")
});

/// "Lord [Justice] Haddon-Cave": the rest of a title an editor supplied
/// inside it, before a surname.
static BRACKETED_INNER_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(Sir|Dame|Lord|Lady|Baroness) \[([A-Z][a-z]+)\] ({NAME_WORD})\b"
    ))
    .expect("valid regex")
});

/// "[Sir Robert] Peel": a title and given name an editor supplied before
/// the surname the speaker said.
static BRACKETED_TITLE_AND_GIVEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\[(Sir|Dame|Lord|Lady|Baroness|Dr|Professor) ([A-Z][a-z]+)\] ({NAME_WORD})\b"
    ))
    .expect("valid regex")
});

/// "Lord Carlile QC": a peer named by title and surname alone, whom the
/// honours after the name show to be a person.
static PEER_WITH_HONOURS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b((?:Lord|Baroness|Lady) {NAME_WORD})((?: [A-Z]{{2,5}})+)\b"
    ))
    .expect("valid regex")
});

/// "[Baroness] Louise [Casey]": a title and a surname an editor supplied
/// around the given name a speaker used.
static COMPLETED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[(Sir|Dame|Lord|Baroness|Lady)\] ([A-Z][a-z]+) \[([A-Z][a-z'’-]+)\]")
        .expect("valid regex")
});

/// Verbs of minutes that a text may capitalise after a name ("Mr Gough
/// Seconded the motion"): no part of it.
const MINUTES_VERBS: &[&str] = &[
    "Proposed", "Seconded", "Moved", "Agreed", "Resolved", "Noted", "Reported", "Said", "Asked",
];

/// A body a line names in running text: its node (quoting that place),
/// unless the document has it already, and its name looked for everywhere.
fn named_body(ctx: &mut Ctx<'_>, patterns: &mut Vec<(String, Target)>, n: usize, written: &str) {
    let Some(org) = ctx.orgs.resolve(written) else {
        return;
    };
    if !ctx.out.nodes.contains_key(&org.key) {
        ctx.out.add_node(
            super::entities::org_node(&org, ctx.src.quote_line(n, written))
                .with(NAME_SOURCE, "named-in-text"),
        );
    }
    patterns.push((written.to_owned(), Target::named(org.key)));
}

/// People written bare in running text (`names::given`): a node for each
/// name no person of the document has yet, quoting its first place; where
/// one has the same given name and surname with more or fewer names between
/// ("Paula Anne Vennells", "Jane Runeckles" beside "Jane Sarah Runeckles"),
/// the bare name is theirs. Headings are left: their
/// capitalised words are titles, not sentences.
fn bare_people(ctx: &mut Ctx<'_>) {
    let src = ctx.src;
    let headings: HashSet<usize> = ctx
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, crate::read::blocks::BlockKind::Heading { .. }))
        .map(|b| b.first)
        .collect();
    // Words the document writes in lower case: a capitalised one of them
    // is no given name ("Second Sight" beside "the second").
    let lower: HashSet<&str> = src
        .text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.starts_with(char::is_lowercase))
        .collect();
    let records_one = super::told_attendance::recorded_meeting(ctx).is_some();
    for n in (1..=src.len()).filter(|n| !headings.contains(n)) {
        let line = src.line(n);
        let listed = crate::names::given::listed_names(line)
            .into_iter()
            .filter(|w| {
                let given = w.split(' ').next().unwrap_or("");
                !lower.contains(given.to_lowercase().as_str())
            });
        // In the record of a meeting, a name before what it records them
        // doing ("Leemya McKeown thanked the team") whatever the given name.
        let minuted = crate::names::given::minuted_names(line)
            .into_iter()
            .filter(|w| {
                let given = w.split(' ').next().unwrap_or("");
                records_one && !lower.contains(given.to_lowercase().as_str())
            });
        let names: Vec<&str> = crate::names::given::bare_names(line)
            .into_iter()
            .chain(listed)
            .chain(minuted)
            .collect();
        for written in names {
            if cut_by_wrap(src, n, written) || ctx.orgs.is_known(written) {
                continue;
            }
            let Some(name) = PersonName::parse(written) else {
                continue;
            };
            let key = name.node_key();
            // A person of the document already has it, by key or by alias
            // ("Louise Casey", whom brackets made Baroness Casey).
            let had = ctx.out.nodes.contains_key(&key)
                || ctx.out.nodes.values().any(|p| {
                    p.kind == NodeKind::Person
                        && (p.aliases.contains(written) || p.aliases.contains(&name.core))
                });
            if had {
                continue;
            }
            let words: Vec<&str> = name.core.split_whitespace().collect();
            // "Jo Carpenter" beside "Joanne Carpenter": a short form of the
            // given name, where one person of the document has it.
            let shortened = |theirs: &[&str]| {
                theirs.last() == words.last()
                    && theirs.first().is_some_and(|given| {
                        words.first().is_some_and(|short| {
                            crate::names::given::short_forms(given).contains(short)
                        })
                    })
            };
            let fits = |q: &PersonName| {
                let theirs: Vec<&str> = q.core.split_whitespace().collect();
                (theirs.len() != words.len()
                    && theirs.first() == words.first()
                    && theirs.last() == words.last())
                    || shortened(&theirs)
            };
            let fitting = ctx
                .out
                .nodes
                .values()
                .filter(|p| {
                    p.kind == NodeKind::Person
                        && PersonName::parse(&p.name).is_some_and(|q| fits(&q))
                })
                .count();
            let longer = ctx.out.nodes.values_mut().find(|p| {
                fitting == 1
                    && p.kind == NodeKind::Person
                    && PersonName::parse(&p.name).is_some_and(|q| fits(&q))
            });
            if let Some(person) = longer {
                person.aliases.insert(written.to_owned());
                continue;
            }
            ctx.out.add_node(
                Node::new(
                    key,
                    NodeKind::Person,
                    name.full.clone(),
                    src.quote_line(n, written),
                )
                .with(NAME_SOURCE, "mention"),
            );
        }
    }
}

/// A courtesy title, a doctor's or professor's, or a peer's, and one
/// capitalised name word: "Mr Coyne", "Mrs Hamilton", "Lord Arbuthnot",
/// "Professor Button". A name word that is a title or an office ("Mr
/// Speaker", "Lord Chancellor") is no surname; a second name word ("Mr Alan
/// Cook") is `TITLED`'s.
static SURNAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(Mr|Mrs|Ms|Miss|Dr|Professor|Lord|Baroness|Lady)\.? ({NAME_WORD})\b"
    ))
    .expect("valid regex")
});

/// Words of address after a title, beside the words of office
/// (`names::OFFICES`): not a surname ("Mr Speaker", "Lord Chancellor").
const ADDRESS_WORDS: &[&str] = &[
    "Speaker",
    "Deputy",
    "Justice",
    "Chancellor",
    "Advocate",
    "Chief",
    "Lieutenant",
    "Provost",
    "Bishop",
];

/// People named by a title and a surname alone. Where a person of the
/// document already has that surname, the words are theirs if that person
/// was written with the same title ("Mr Beer" the speaker), or with none
/// while the document writes the surname after this title only ("Mr Bates"
/// and "Alan Bates"); "Mrs Griffiths" beside "Mr Griffiths" and "Martin
/// Griffiths" may be another person, so nothing is guessed. Where no person of the
/// document has the surname, the words name a person of their own.
fn surnamed(ctx: &mut Ctx<'_>, patterns: &mut Vec<(String, Target)>) {
    let src = ctx.src;
    // The titles the document writes before each surname: with one only
    // ("Mr Bates" beside "Alan Bates"), the titled words can be no one
    // else's; with two ("Mr Griffiths", "Mrs Griffiths"), they can.
    let mut titles_of: HashMap<String, HashSet<String>> = HashMap::new();
    for n in 1..=src.len() {
        for found in SURNAMED.captures_iter(src.line(n)) {
            titles_of
                .entry(found[2].to_owned())
                .or_default()
                .insert(found[1].to_owned());
        }
    }
    let mut seen: HashSet<String> = HashSet::new();
    for n in 1..=src.len() {
        let line = src.line(n);
        for found in SURNAMED.captures_iter(line) {
            let (whole, surname) = (&found[0], &found[2]);
            let end = found.get(0).map_or(0, |m| m.end());
            // "Mr Alan Cook", "Mr Justice Fraser": longer names are read whole.
            let next = line[end..].trim_start_matches([' ', '[', ']']);
            // "… Mr Jeremy" / "Kite, MBE": the name goes on over the wrap.
            let wrapped = line[end..].trim().is_empty()
                && n < src.len()
                && src.line(n + 1).trim_start().starts_with(char::is_uppercase);
            if wrapped
                || line[end..].starts_with(' ') && next.starts_with(char::is_uppercase)
                || ADDRESS_WORDS.contains(&surname)
                || crate::names::ends_in_office(surname)
                || TITLES.contains(&surname)
                || MINUTES_VERBS.contains(&surname)
                || crate::orgs::Orgs::looks_like_org(surname)
                || !seen.insert(whole.to_owned())
            {
                continue;
            }
            let Some(name) = PersonName::parse(whole) else {
                continue;
            };
            let title = &found[1];
            let same_surname: Vec<&Node> = ctx
                .out
                .nodes
                .values()
                .filter(|p| p.kind == NodeKind::Person)
                .filter(|p| {
                    std::iter::once(&p.name).chain(&p.aliases).any(|w| {
                        PersonName::parse(w.split(" (").next().unwrap_or(w))
                            .is_some_and(|q| q.core.split_whitespace().last() == Some(surname))
                    })
                })
                .collect();
            let titled_so = |p: &Node| {
                std::iter::once(&p.name)
                    .chain(&p.aliases)
                    .any(|w| w.split_whitespace().next() == Some(title))
                    || p.prop("titles")
                        .is_some_and(|t| t.split(' ').any(|t| t == title))
            };
            let key = match same_surname.as_slice() {
                [] => {
                    let key = name.node_key();
                    ctx.out.add_node(
                        Node::new(
                            key.clone(),
                            NodeKind::Person,
                            whole.to_owned(),
                            src.quote_line(n, whole),
                        )
                        .with(NAME_SOURCE, "mention")
                        .with("titles", title.to_owned()),
                    );
                    key
                }
                [one] if titled_so(one) => one.key.clone(),
                [one]
                    if one.prop("titles").is_none()
                        && titles_of.get(surname).is_some_and(|t| t.len() == 1) =>
                {
                    one.key.clone()
                }
                _ => continue,
            };
            patterns.push((whole.to_owned(), Target { key, person: true }));
        }
    }
}

/// "O'Reilly, G. (2021)": a work's author as a reference list writes them,
/// surname, initials and the year in brackets.
static CITED_AUTHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b({NAME_WORD}), ((?:[A-Z]\.\s?){{1,3}}) ?\((?:19|20)\d\d[a-z]?\)"
    ))
    .expect("valid regex")
});

/// Authors of cited works (`CITED_AUTHOR`) are people, found where the
/// reference names them.
fn cited_authors(ctx: &mut Ctx<'_>, patterns: &mut Vec<(String, Target)>) {
    let src = ctx.src;
    for n in 1..=src.len() {
        for found in CITED_AUTHOR.captures_iter(src.line(n)) {
            let (surname, initials) = (&found[1], found[2].trim());
            let written = format!("{surname}, {initials}");
            let Some(name) = PersonName::parse(&format!("{initials} {surname}")) else {
                continue;
            };
            let key = name.node_key();
            if !ctx.out.nodes.contains_key(&key) {
                ctx.out.add_node(
                    Node::new(
                        key.clone(),
                        NodeKind::Person,
                        name.full.clone(),
                        src.quote_line(n, &written),
                    )
                    .with(NAME_SOURCE, "mention")
                    .with("role", "author"),
                );
            }
            patterns.push((written, Target { key, person: true }));
        }
    }
}

/// What a pattern stands for.
#[derive(Clone)]
struct Target {
    key: String,
    /// Patterns of people's first names after a title need a known full name.
    person: bool,
}

impl Target {
    /// An organisation or a report: no first-name rule applies.
    fn named(key: impl Into<String>) -> Target {
        Target {
            key: key.into(),
            person: false,
        }
    }
}

pub(super) fn parse(ctx: &mut Ctx<'_>, reports: &[Report]) {
    let src = ctx.src;
    // The document says two names are one person where an editor's brackets
    // complete one into the other: "[Baroness] Louise [Casey]" is Baroness
    // Casey, so "Louise Casey" (and "Dame Louise Casey") is her, not another.
    let mut one_person: HashMap<String, String> = HashMap::new();
    for n in 1..=src.len() {
        let line = src.line(n);
        for found in COMPLETED.captures_iter(line) {
            let titled = format!("{} {}", &found[1], &found[3]);
            let Some(person) = PersonName::parse(&titled) else {
                continue;
            };
            let key = person.node_key();
            let Some(node) = ctx.out.nodes.get_mut(&key) else {
                continue; // no one of that name here: nothing to say the name is
            };
            let given = format!("{} {}", &found[2], &found[3]);
            node.aliases.insert(given.clone());
            node.props
                .entry("same_person_by".into())
                .or_insert_with(|| {
                    format!("line {n}: {}", found.get(0).map_or("", |m| m.as_str()))
                });
            node.provenance
                .push(src.quote_line(n, found.get(0).map_or("", |m| m.as_str())));
            one_person.insert(given, key);
        }
    }
    // People named with a title anywhere in the document join those it defines.
    for n in 1..=src.len() {
        let line = src.line(n);
        for found in TITLED.find_iter(line) {
            // "Mr Derek Crow-" / "Brown": the name goes on over the line
            // break, and is read whole where it is listed.
            if line[found.end()..].trim_end() == "-" {
                continue;
            }
            let Some(name) = PersonName::parse(found.as_str()).filter(|p| {
                p.core.split_whitespace().count() >= 2
                    && !p
                        .core
                        .split_whitespace()
                        .last()
                        .is_some_and(|w| MINUTES_VERBS.contains(&w))
            }) else {
                continue;
            };
            let span = src.quote_line(n, found.as_str());
            if let Some(key) = one_person.get(&name.core) {
                // The person the brackets identified: this name is theirs.
                if let Some(node) = ctx.out.nodes.get_mut(key) {
                    node.aliases.insert(name.full.clone());
                }
                continue;
            }
            let key = name.node_key();
            let mut node = Node::new(key, NodeKind::Person, name.full.clone(), span)
                .with(NAME_SOURCE, "mention");
            if !name.titles.is_empty() {
                node = node.with("titles", name.titles.join(" "));
            }
            ctx.out.add_node(node);
        }
    }

    // Appositions name a person with the role the text gives them there.
    let mut appositions: HashMap<(usize, String), String> = HashMap::new();
    let mut as_bracketed: Vec<(String, String)> = Vec::new();
    for n in 1..=src.len() {
        let line = src.line(n);
        for found in APPOSITION.captures_iter(line) {
            let Some(name) = PersonName::parse(&found[2]) else {
                continue;
            };
            let key = name.node_key();
            if !ctx.out.nodes.contains_key(&key) {
                let span = src.quote_line(n, &found[2]);
                ctx.out.add_node(
                    Node::new(key.clone(), NodeKind::Person, name.full.clone(), span)
                        .with(NAME_SOURCE, "mention"),
                );
            }
            appositions.insert((n, key), found[1].to_owned());
        }
        // Editorial brackets complete a name: the person, with the role given.
        let bracketed = BRACKETED_TITLE
            .captures_iter(line)
            .map(|c| (format!("{} {}", &c[1], &c[2]), c[2].to_owned(), None))
            .chain(
                BRACKETED_INNER_TITLE
                    .captures_iter(line)
                    .chain(BRACKETED_TITLE_AND_GIVEN.captures_iter(line))
                    .map(|c| {
                        let full = format!("{} {} {}", &c[1], &c[2], &c[3]);
                        (full, c[0].to_owned(), None)
                    }),
            )
            .chain(
                PEER_WITH_HONOURS
                    .captures_iter(line)
                    .filter(|c| c[2].split_whitespace().all(crate::names::is_post_nominal))
                    .map(|c| (c[0].to_owned(), c[0].to_owned(), None)),
            )
            .chain(
                BRACKETED_HONOURS
                    .captures_iter(line)
                    .filter(|c| {
                        // Honours the vocabulary knows, after a name that is no possessive.
                        c[2].split_whitespace().all(crate::names::is_post_nominal)
                            && !c[1].ends_with("'s")
                            && !c[1].ends_with("’s")
                    })
                    .map(|c| {
                        let honours = c[2].trim().to_owned();
                        (
                            format!("{} {honours}", &c[1]),
                            c[1].to_owned(),
                            c.get(3).map(|r| r.as_str().to_owned()),
                        )
                    }),
            );
        // Roles before, after and in brackets beside a name.
        let roled = BRACKETED_ROLE
            .captures_iter(line)
            .filter(|c| !c[1].ends_with("'s") && !c[1].ends_with("’s"))
            .filter(|c| {
                let bare = c[1]
                    .split_whitespace()
                    .skip_while(|w| TITLES.contains(w) || ["Lord", "Baroness", "Lady"].contains(w));
                is_plain_name(&bare.collect::<Vec<_>>().join(" "))
            })
            .map(|c| (c[1].to_owned(), c[1].to_owned(), Some(c[2].to_owned())))
            .chain(BRACKETED_SURNAME.captures_iter(line).map(|c| {
                let title = c
                    .get(1)
                    .map_or(String::new(), |t| format!("{} ", t.as_str()));
                let full = format!("{title}{} {}{}", &c[2], &c[3], &c[4]);
                (full, c[2].to_owned(), Some(c[5].to_owned()))
            }))
            .chain(
                ROLE_BEFORE
                    .captures_iter(line)
                    .filter(|c| is_plain_name(&c[2]) && is_post_of_body(&c[1]))
                    .map(|c| {
                        let role = c[1].trim_start_matches("The ").to_owned();
                        (c[2].to_owned(), c[2].to_owned(), Some(role))
                    }),
            )
            .chain(
                ROLE_AFTER
                    .captures_iter(line)
                    .filter(|c| is_plain_name(&c[1]))
                    .map(|c| (c[1].to_owned(), c[1].to_owned(), Some(c[2].to_owned()))),
            )
            .chain(
                WHO_REPRESENTS
                    .captures_iter(line)
                    .filter(|c| is_plain_name(&c[1]))
                    .filter_map(|c| {
                        // The clause ends at its body's last capitalised word.
                        let mut clause = c[2].trim_end();
                        while let Some(rest) = [" and", " of", " for", " the", " &"]
                            .iter()
                            .find_map(|w| clause.strip_suffix(w))
                        {
                            clause = rest;
                        }
                        let (_, body) = clause.split_once(' ')?;
                        let body = body.strip_prefix("for ").unwrap_or(body);
                        let body = body.strip_prefix("the ").unwrap_or(body);
                        let bare = body.split(" (").next().unwrap_or(body);
                        (ctx.orgs.is_known(body) || crate::orgs::Orgs::looks_like_org(bare))
                            .then(|| (c[1].to_owned(), c[1].to_owned(), Some(clause.to_owned())))
                    }),
            )
            .chain(
                LABELLED
                    .captures_iter(line)
                    .filter(|c| is_plain_name(&c[1]))
                    .map(|c| (c[1].to_owned(), c[1].to_owned(), Some(c[2].to_owned()))),
            );
        let bracketed: Vec<_> = bracketed.chain(roled).collect();
        for (full, written, role) in bracketed {
            let Some(name) =
                PersonName::parse(&full).filter(|p| p.core.split_whitespace().count() >= 2)
            else {
                continue;
            };
            let key = name.node_key();
            if !ctx.out.nodes.contains_key(&key) {
                let mut node = Node::new(
                    key.clone(),
                    NodeKind::Person,
                    name.full.clone(),
                    src.quote_line(n, &written),
                )
                .with(NAME_SOURCE, "mention");
                if !name.post_nominals.is_empty() {
                    node = node.with("honorifics", name.post_nominals.join(" "));
                }
                if !name.titles.is_empty() {
                    node = node.with("titles", name.titles.join(" "));
                }
                ctx.out.add_node(node);
            }
            // "Lord [Justice] Haddon-Cave" is looked for as written too.
            if written.contains('[') {
                as_bracketed.push((written, key.clone()));
            }
            if let Some(role) = role {
                appositions.insert((n, key), role);
            }
        }
    }

    bare_people(ctx);

    let mut patterns: Vec<(String, Target)> = as_bracketed
        .into_iter()
        .map(|(written, key)| (written, Target { key, person: true }))
        .collect();
    let mut first_names: HashMap<String, Vec<String>> = HashMap::new();
    for node in ctx
        .out
        .nodes
        .values()
        .filter(|n| n.kind == NodeKind::Person)
    {
        let target = Target {
            key: node.key.clone(),
            person: true,
        };
        for written in std::iter::once(&node.name).chain(&node.aliases) {
            let Some(name) = PersonName::parse(written.split(" (").next().unwrap_or(written))
            else {
                continue;
            };
            if name.core.split_whitespace().count() < 2 {
                continue;
            }
            patterns.push((name.core.clone(), target.clone()));
            if !name.titles.is_empty() {
                patterns.push((
                    format!("{} {}", name.titles.join(" "), name.core),
                    target.clone(),
                ));
            }
            let joined: String = name
                .titles
                .iter()
                .chain(std::iter::once(&name.core))
                .flat_map(|w| w.chars())
                .filter(|c| c.is_alphanumeric())
                .collect();
            patterns.push((format!("#{}", joined.to_lowercase()), target.clone()));
            if let Some(first) = name.core.split_whitespace().next() {
                for title in &name.titles {
                    first_names
                        .entry(format!("{title} {first}"))
                        .or_default()
                        .push(node.key.clone());
                    // A knight or dame goes by the given name's short
                    // form too: "Sir Thomas Winsor", then "Sir Tom".
                    if matches!(title.as_str(), "Sir" | "Dame") {
                        for short in crate::names::given::short_forms(first) {
                            first_names
                                .entry(format!("{title} {short}"))
                                .or_default()
                                .push(node.key.clone());
                        }
                    }
                }
            }
        }
    }
    // "Sir Mark" stands for a person only when one person of the document fits.
    for (short, mut keys) in first_names {
        keys.sort();
        keys.dedup();
        if keys.len() == 1 {
            patterns.push((
                short,
                Target {
                    key: keys.remove(0),
                    person: true,
                },
            ));
        }
    }
    surnamed(ctx, &mut patterns);
    cited_authors(ctx, &mut patterns);
    // Bodies a line names with "the" and a word that heads organisations'
    // names, beyond the vocabulary: nodes, and looked for everywhere.
    for n in 1..=src.len() {
        let line = src.line(n);
        for written in crate::orgs::Orgs::named_in(line) {
            if cut_by_wrap(src, n, written) || crate::orgs::Orgs::inside_post(line, written) {
                continue;
            }
            // "the UK and Welsh Government": the first body (its node quotes
            // the whole phrase), then the second as written.
            let written = match ctx.orgs.elliptic(written) {
                Some((first, second)) => {
                    if let Some(org) = ctx.orgs.resolve(&first) {
                        if !ctx.out.nodes.contains_key(&org.key) {
                            ctx.out.add_node(
                                super::entities::org_node(&org, src.quote_line(n, written))
                                    .with(NAME_SOURCE, "named-in-text"),
                            );
                        }
                    }
                    second
                }
                None => written,
            };
            named_body(ctx, &mut patterns, n, written);
        }
    }
    // An abbreviation the text uses as a body's name, twice or more, and
    // never defines ("the NBSC"): a body known by it, from its first use.
    let kinds = crate::orgs::Orgs::kinds_defined(&src.text);
    for abbr in crate::orgs::Orgs::abbreviations_as_names(&src.text) {
        if ctx.orgs.is_known(abbr) || kinds.iter().any(|k| k == abbr) {
            continue;
        }
        let the = format!("the {abbr}");
        if let Some(n) = (1..=src.len()).find(|&n| src.line(n).contains(&the)) {
            named_body(ctx, &mut patterns, n, abbr);
        }
    }
    // A known body's branch in one nation ("BBC Wales"): a body of its own.
    for n in 1..=src.len() {
        let line = src.line(n);
        for written in ctx.orgs.national_branches(line) {
            named_body(ctx, &mut patterns, n, written);
        }
    }
    // Bodies a speaker represents ("I represent the …", "on behalf of …").
    for n in 1..=src.len() {
        let line = src.line(n);
        for written in crate::orgs::Orgs::represented(line) {
            named_body(ctx, &mut patterns, n, written);
        }
    }
    // Bodies a line lists beside bodies already known.
    let people: Vec<String> = ctx
        .out
        .nodes
        .values()
        .filter(|n| n.kind == NodeKind::Person)
        .flat_map(|n| std::iter::once(n.name.clone()).chain(n.aliases.iter().cloned()))
        .collect();
    let org_names: HashSet<String> = ctx
        .out
        .nodes
        .values()
        .filter(|n| n.kind == NodeKind::Organisation)
        .flat_map(|n| std::iter::once(&n.name).chain(&n.aliases))
        .map(|name| crate::orgs::normalise(name))
        .collect();
    let known = |name: &str| {
        org_names.contains(&crate::orgs::normalise(name))
            || ctx.orgs.is_known(name)
            || ctx.orgs.is_known(&format!("the {name}"))
    };
    for n in 1..=src.len() {
        let line = src.line(n);
        // A list's commas inside one name ("Department for Environment,
        // Food & Rural Affairs") do not cut it into items.
        let whole: Vec<&str> = crate::orgs::Orgs::named_in(line);
        let at = |s: &str| s.as_ptr() as usize - line.as_ptr() as usize;
        for written in crate::orgs::Orgs::listed_with(line, known) {
            let (a, b) = (at(written), at(written) + written.len());
            let inside = whole.iter().any(|w| {
                let (c, d) = (at(w), at(w) + w.len());
                c < b && a < d && (c, d) != (a, b)
            });
            if inside {
                continue;
            }
            let person = PersonName::parse(written)
                .is_some_and(|p| !p.titles.is_empty() || !p.post_nominals.is_empty())
                || people
                    .iter()
                    .any(|p| p.contains(written) || written.contains(p.as_str()));
            if person {
                continue;
            }
            let Some(org) = ctx.orgs.resolve(written) else {
                continue;
            };
            // The listing closure holds `ctx`: the node is added inline here.
            if !ctx.out.nodes.contains_key(&org.key) {
                ctx.out.add_node(
                    super::entities::org_node(&org, src.quote_line(n, written))
                        .with(NAME_SOURCE, "named-in-text"),
                );
            }
            patterns.push((written.to_owned(), Target::named(org.key)));
        }
    }
    // Every organisation this document made a node of, by its names.
    for node in ctx
        .out
        .nodes
        .values()
        .filter(|n| n.kind == NodeKind::Organisation)
    {
        for written in std::iter::once(&node.name).chain(&node.aliases) {
            let abbreviation =
                written.len() >= 3 && written.chars().all(|c| c.is_ascii_uppercase());
            let name = written.split_whitespace().count() >= 2
                || written.chars().any(|c| c == '\'' || c == '’');
            if (abbreviation || name) && written.starts_with(char::is_uppercase) {
                patterns.push((written.clone(), Target::named(node.key.clone())));
            }
        }
    }
    for (written, canonical) in ctx.orgs.written_names() {
        if let Some(org) = ctx.orgs.resolve(canonical) {
            if ctx.out.nodes.contains_key(&org.key) || ctx.orgs.is_known(written) {
                patterns.push((written.clone(), Target::named(org.key)));
            }
        }
    }
    for node in ctx
        .out
        .nodes
        .values()
        .filter(|n| n.kind == NodeKind::Document && n.prop("kind") == Some("report"))
    {
        patterns.push((node.name.clone(), Target::named(node.key.clone())));
    }
    patterns.sort_by(|a, b| a.0.cmp(&b.0));
    patterns.dedup_by(|a, b| a.0 == b.0);
    if patterns.is_empty() {
        return;
    }
    let matcher = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns.iter().map(|(p, _)| p.as_str()))
        .expect("patterns build");

    // Which statement each line belongs to, and where its label ends.
    let speakers: HashMap<&str, &str> = ctx
        .out
        .edges
        .values()
        .filter(|e| e.kind == EdgeKind::Spoke)
        .map(|e| (e.target.as_str(), e.source.as_str()))
        .collect();
    let mut statement_of: BTreeMap<usize, (String, usize, Option<String>)> = BTreeMap::new();
    for node in ctx
        .out
        .nodes
        .values()
        .filter(|n| n.kind == NodeKind::Statement && n.prop("verbatim") == Some("true"))
    {
        let span = &node.provenance[0];
        let label_end = src
            .line(span.first_line as usize)
            .find(":**")
            .map_or(0, |i| i + 3);
        let speaker = speakers.get(node.key.as_str()).map(|s| (*s).to_owned());
        for line in span.first_line..=span.last_line {
            let skip = if line == span.first_line {
                label_end
            } else {
                0
            };
            statement_of.insert(line as usize, (node.key.clone(), skip, speaker.clone()));
        }
    }

    let mut edges = Vec::new();
    for n in 1..=src.len() {
        let line = src.line(n);
        for found in matcher.find_iter(line) {
            let (text, target) = (
                &line[found.start()..found.end()],
                &patterns[found.pattern().as_usize()].1,
            );
            let before = line[..found.start()].chars().next_back();
            let after = line[found.end()..].chars().next();
            if before.is_some_and(char::is_alphanumeric)
                || after.is_some_and(|c| c.is_alphanumeric())
            {
                continue;
            }
            let (source, skip, speaker) = match statement_of.get(&n) {
                Some((statement, skip, speaker)) => (statement.clone(), *skip, speaker.clone()),
                // A report's own text mentions as the report; the rest as the file.
                None => {
                    let report = reports.iter().find(|r| {
                        r.extent
                            .is_some_and(|(first, last)| (first..=last).contains(&n))
                    });
                    (
                        report.map_or_else(|| ctx.doc_key.clone(), |r| r.key.clone()),
                        0,
                        None,
                    )
                }
            };
            // A label names its speaker; that is not a mention, nor is a speaker
            // naming themself, nor a report naming its own title.
            let own = source == target.key
                || (target.person && speaker.as_deref() == Some(target.key.as_str()));
            if found.start() < skip || own {
                continue;
            }
            let mut edge = Edge::new(
                source,
                EdgeKind::Mentions,
                target.key.clone(),
                src.quote_line(n, text),
            )
            .with("as_written", text);
            if let Some(role) = appositions.get(&(n, target.key.clone())) {
                edge = edge.with("role_as_written", role.clone());
            }
            edges.push(edge);
        }
    }
    for edge in edges {
        // An organisation named only in passing gets its node here.
        if !ctx.out.nodes.contains_key(&edge.target) {
            let written = edge.prop("as_written").unwrap_or_default().to_owned();
            match ctx.orgs.resolve(&written) {
                Some(org) if org.key == edge.target => {
                    ctx.out.add_node(
                        super::entities::org_node(&org, edge.provenance[0].clone()).alias(written),
                    );
                }
                _ => continue,
            }
        }
        ctx.out.add_edge(edge);
    }
}

/// Whether two capitalised words read as a person's name, not a title and a
/// name ("Sir Mark"), a body ("General Assembly") or a paper ("Annual Report").
fn is_plain_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let first_is_title = words.first().is_some_and(|w| {
        TITLES.contains(w) || ["The", "A", "An", "This", "That", "Our", "Your"].contains(w)
    });
    let not_a_name = words.iter().any(|w| {
        crate::orgs::Orgs::looks_like_org(w)
            || [
                "Report",
                "Review",
                "Plan",
                "Strategy",
                "Inquiry",
                "Committee",
                "Board",
            ]
            .contains(w)
            || OFFICES.split('|').any(|office| office == *w)
            || ["Deputy", "Assistant", "Chief", "Senior", "General"].contains(w)
            || crate::text::find_date(&format!("1 {w} 2000")).is_some()
    });
    words.len() == 2 && !first_is_title && !not_a_name
}

/// Whether a post written before a name names the body it is held in: the
/// words before the office are an abbreviation ("MI5", "HMCTS") or an
/// organisation's name of two words or more ("Metropolitan Police").
fn is_post_of_body(post: &str) -> bool {
    let words: Vec<&str> = post.split_whitespace().collect();
    (1..words.len()).any(|end| {
        let body = &words[..end];
        let abbreviation = body.len() == 1
            && body[0].len() >= 2
            && body[0]
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && body[0].starts_with(|c: char| c.is_ascii_uppercase());
        abbreviation || (body.len() >= 2 && crate::orgs::Orgs::looks_like_org(&body.join(" ")))
    })
}

/// Whether a name found on line `n` may be the part of a longer one that a
/// wrapped line cuts ("… the Office of the Chief Medical Officer Northern" /
/// "Ireland …"): the name ends a line of running prose (no heading, list or
/// table marker, longer than a short label) that no punctuation closes, or
/// opens a line after one that ends in a capitalised word.
fn cut_by_wrap(src: &crate::text::Source<'_>, n: usize, name: &str) -> bool {
    let is_prose = |line: &str| {
        !line.trim_start().starts_with(['#', '-', '*', '|', '>']) && line.chars().count() > 50
    };
    let line = src.line(n).trim_end();
    let at_end = is_prose(line) && line.ends_with(name) && line.len() > name.len();
    // "… the Royal College of Psychiatrists and Royal" / "College of
    // Nursing, is …": a name opening a line that a capitalised word at the
    // end of the line before runs into.
    let previous = if n > 1 {
        src.line(n - 1).trim_end()
    } else {
        ""
    };
    let at_start = line.trim_start().starts_with(name)
        && is_prose(previous)
        && previous.rsplit(' ').next().is_some_and(|w| {
            w.starts_with(char::is_uppercase) && w.chars().all(char::is_alphabetic)
        });
    at_end || at_start
}
