//! Organisations named in running text, beyond the vocabulary and the
//! abbreviations a text defines: the shapes of bodies' names ("the London
//! Crime Reduction Board", "the Ministry of Justice", "officers of Humberside
//! Police"), and bodies listed beside bodies already known. Each finder
//! returns slices of the line it reads, so callers can tell where a name is.

use std::sync::LazyLock;

use regex::Regex;

use super::{
    is_abbreviation_of, is_generic, Orgs, HEADS_FIRST, KINDS, NATIONS, NOT_BODIES, ORG_HEADS,
    WELSH_HEADS,
};

/// "the Ministry of Justice", "Association of Ambulance Chief Executives":
/// capitalised words, a word of `HEADS_FIRST`, "of" or "for", then the
/// subject's capitalised words, joined by at most one small word each, or
/// a list of them closed by "and" ("Digital, Culture, Media and Sport").
static HEAD_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    let heads = HEADS_FIRST.join("|");
    let word = r"[A-Z][\w'’&\-]*";
    // A list item: one to three words of two letters or more ("Hepatitis B
    // and C" is no list of a name).
    let item = r"[A-Z][a-z][\w'’\-]*(?: [A-Z][a-z][\w'’\-]*){0,2}";
    Regex::new(&format!(
        r"\b((?:{word} ){{0,3}}?(?:{heads}) (?:of|for) (?:the )?{word}(?:(?: (?:and|of|for|the|upon|&))? {word})*(?:(?:, {item})+ (?:and|&) {item})?)"
    ))
    .expect("valid regex")
});

/// "the London Crime Reduction Board": a definite article, then capitalised
/// words ending in a word that heads organisations' names.
static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    let heads = ORG_HEADS.join("|");
    Regex::new(&format!(
        r"\b[Tt]he \[?((?:[A-Z][\w'’&\-]*|[A-Z]{{2,}}) (?:(?:[A-Z][\w'’&\-]*|of|and|for|&) ){{0,6}}?(?:{heads}))\b"
    ))
    .expect("valid regex")
});

/// The same shape without an article, in the middle of a sentence: "officers
/// of Humberside Police", "a letter to Rotherham Metropolitan Borough
/// Council". At a sentence's start, or after "the" (read by `NAMED`), a
/// determiner or a possessive, it is not taken; nor where a post runs into
/// the body ("the Chief Constable of Humberside Police"), the body after "of" is.
static BARE: LazyLock<Regex> = LazyLock::new(|| {
    let heads = ORG_HEADS.join("|");
    Regex::new(&format!(
        r"\b((?:[A-Z][\w'’&\-]*|[A-Z]{{2,}}) (?:(?:[A-Z][\w'’&\-]*|of|and|for|&) ){{0,5}}?(?:{heads}))\b"
    ))
    .expect("valid regex")
});

/// "the Pension Fund Panel": where the shortest name ending in a head word
/// ("the Pension Fund") runs on into more name words that end in one, the
/// longer name.
fn longest_named<'l>(line: &'l str, shortest: regex::Match<'l>) -> regex::Match<'l> {
    static LONGER: LazyLock<Regex> = LazyLock::new(|| {
        let heads = ORG_HEADS.join("|");
        Regex::new(&format!(r"\b(?:[A-Z][\w&]* ){{0,6}}(?:{heads})\b")).expect("valid regex")
    });
    // Greedy, and leftmost: a match from the same start is the longest there.
    // Only a whole name: not one that goes on in turn ("the London Assembly
    // Police and Crime Committee" is read whole elsewhere, or not at all).
    LONGER
        .find_at(line, shortest.start())
        .filter(|m| m.start() == shortest.start() && m.end() > shortest.end())
        .filter(|m| {
            let after = &line[m.end()..];
            // "the Social Partnership Council and others" ends where the
            // "and" joins a common word.
            let joins_name = [" and ", " & "].iter().any(|w| {
                after
                    .strip_prefix(w)
                    .is_some_and(|rest| rest.starts_with(char::is_uppercase))
            });
            !(after.starts_with(['\'', '’', '-'])
                || joins_name
                || [" of ", " for "].iter().any(|w| after.starts_with(w)))
        })
        .unwrap_or(shortest)
}

/// Bodies named head first ("the Ministry of Justice", "the Department for
/// Education and London Councils" → two), without a sentence's first word
/// ("In", "The") and not where the name goes on as a list this does not
/// read ("Department of Levelling up, Housing and Communities").
fn named_head_first(line: &str) -> Vec<&str> {
    // The name runs on: into a list this does not read, into capitalised
    // words, or into the next line of a page ("National Institute for
    // Health and" / "Care Excellence").
    static GOES_ON: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:(?: [a-z]+,)? [A-Z]| (?:and|of|for|&)\s*$)").expect("valid regex")
    });
    let mut out = Vec::new();
    for m in HEAD_FIRST.find_iter(line) {
        // "his Office for Policing and Crime": a body named by whose it is,
        // not by its name.
        let previous = line[..m.start()]
            .trim_end()
            .rsplit(' ')
            .next()
            .unwrap_or("");
        let owned = ["his", "her", "its", "their", "our", "my", "your"].contains(&previous);
        if owned || GOES_ON.is_match(&line[m.end()..]) {
            continue;
        }
        // "Royal College of Physicians’ report": the body, not its possessive.
        let mut name = m.as_str().trim_end_matches(['\'', '’']);
        while let Some((first, rest)) = name.split_once(' ') {
            let stop = [
                "the", "a", "an", "in", "at", "by", "from", "to", "with", "and", "as", "on",
            ]
            .contains(&first.to_lowercase().as_str());
            if stop && rest.split_whitespace().count() >= 3 {
                name = rest;
            } else {
                break;
            }
        }
        // "Mayor's Office for Policing and Crime Annual Report": a paper.
        let last = name.split_whitespace().last().unwrap_or("");
        if PAPERS.contains(&last) {
            continue;
        }
        let start = name.as_ptr() as usize - line.as_ptr() as usize;
        // After a comma, an item of a list; but not a name its
        // abbreviation spells out whole ("… Constabulary and Fire & Rescue
        // Services (HMICFRS)").
        let abbreviated = line[start + name.len()..]
            .strip_prefix(" (")
            .and_then(|rest| rest.split_once(')'))
            .is_some_and(|(abbr, _)| is_abbreviation_of(abbr, name) && abbr.len() > 3);
        let in_list = !abbreviated
            && line[..start]
                .trim_end()
                .trim_end_matches("the")
                .trim_end()
                .ends_with(',');
        // "Department of Health and UKHSA", "… and Department for
        // Transport", ", the Department for Education and London
        // Councils": a body after an "and", named whole on its own.
        let mut rest = name;
        while let Some((first, second)) = split_at_body(rest, in_list) {
            out.push(first);
            rest = second;
        }
        // Two "and"s left in one name: which words are whose is not clear.
        if rest.matches(" and ").count() <= 1 {
            out.push(rest);
        }
    }
    out
}

/// Last words of companies' names, which make a name wherever they stand.
const COMPANY_SUFFIXES: &[&str] = &["Ltd", "plc", "PLC", "LLP"];

/// A name found up to its head word, taken on over a nation's name that
/// follows it and ends the phrase ("the Care Forum Wales said": not "the
/// Police Service Wales Division").
fn with_nation(line: &str, name: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let after = &line[name.end..];
    NATIONS
        .iter()
        .find_map(|nation| {
            let rest = after.strip_prefix(' ')?.strip_prefix(nation)?;
            let ends = !rest.starts_with(char::is_alphanumeric)
                && !rest
                    .strip_prefix(' ')
                    .is_some_and(|r| r.starts_with(char::is_uppercase));
            ends.then_some(name.end + 1 + nation.len())
        })
        .map_or(name.clone(), |end| name.start..end)
}

/// A known body's branch in one nation, written as the body's name and the
/// nation's ("BBC Wales", "ITV Wales", "Age UK Cymru"): `names` are the
/// names the vocabulary looks for; the branch is a body of its own. The
/// nation ends the phrase, as in `with_nation` ("the BBC Wales political
/// unit" is still the branch; "BBC Scotland Office" is not read).
pub(super) fn national_branches<'l>(line: &'l str, names: &[&str]) -> Vec<&'l str> {
    let mut out = Vec::new();
    // Most lines name no nation: they are passed over before the names are
    // looked for.
    if !NATIONS.iter().any(|nation| line.contains(nation)) {
        return out;
    }
    for name in names {
        for (at, _) in line.match_indices(name) {
            let before = line[..at].chars().next_back();
            if before.is_some_and(char::is_alphanumeric) {
                continue;
            }
            let span = at..at + name.len();
            let branch = with_nation(line, span.clone());
            if branch != span && !out.contains(&&line[branch.clone()]) {
                out.push(&line[branch]);
            }
        }
    }
    out
}

/// "I represent the Covid-19 Bereaved Families for Justice Cymru", "on
/// behalf of John's Campaign and Care Rights UK": what a speaker represents
/// is a body — capitalised words (with "and", "of", "for", "the" between),
/// to the clause's end. Two bodies an "and" joins are two where the second
/// opens with a capital. A person ("Mrs Smith", "Alan Bates") or a post
/// ("the Mayor") is not.
static REPRESENTED: LazyLock<Regex> = LazyLock::new(|| {
    let word = r"[A-Z][\w’'-]*";
    let name = format!(r"{word}(?: (?:(?:and|of|for|the|&) )*{word})*");
    Regex::new(&format!(
        r"\b(?:I|we|who) (?:represent|represents|am representing|are representing)(?: the)? ({name})|\bon behalf of(?: the)? ({name})"
    ))
    .expect("valid regex")
});

/// "the London Assembly's Police and Crime Committee": a body named by its
/// owner is the body after the possessive, where those words name one on
/// their own (`known`, or two words or more in a body's shape); else the
/// name as written ("John's Campaign").
pub(super) fn after_owner(name: &str, known: impl Fn(&str) -> bool) -> &str {
    match name.split_once("’s ").or_else(|| name.split_once("'s ")) {
        Some((_, tail)) if known(tail) || tail.contains(' ') && Orgs::looks_like_org(tail) => tail,
        _ => name,
    }
}

pub(super) fn represented(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for found in REPRESENTED.captures_iter(line) {
        let Some(whole) = found.get(1).or(found.get(2)) else {
            continue;
        };
        let mut parts = vec![whole.as_str()];
        // "the London Assembly Police and Crime Committee" is one body.
        if let Some((a, b)) = whole.as_str().split_once(" and ") {
            if b.starts_with(char::is_uppercase) && !super::Orgs::looks_like_org(whole.as_str()) {
                parts = vec![a, b];
            }
        }
        for part in parts {
            let part = after_owner(part, |_| false);
            let words = part.split(' ').count();
            let titled =
                crate::names::PersonName::parse(part).is_some_and(|p| !p.titles.is_empty());
            let named = part
                .split(' ')
                .next()
                .is_some_and(crate::names::given::is_given_name)
                && words <= 3
                && !part.contains(['’', '\'']);
            let abbreviation = part.len() >= 2 && part.chars().all(|c| c.is_ascii_uppercase());
            if titled || named || crate::names::ends_in_office(part) || words < 2 && !abbreviation {
                continue;
            }
            out.push(part);
        }
    }
    out
}

/// A prison by its name: "HMP Full Sutton", "HM Prison Wandsworth", "HMYOI
/// Feltham".
static PRISON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:HMP|HMYOI|HMP/YOI|HM Prison|HM Young Offender Institution)(?: [A-Z][a-z]+){1,2}\b",
    )
    .expect("valid regex")
});

/// A body named in Welsh, its head word first and the names that qualify it
/// after ("Cyngor Cymuned Manordeilo a Salem", "Ysbyty Glangwili",
/// "Llywodraeth Cymru"), the head in its radical or a mutated form ("i
/// Gyngor Sir Gâr"); `Orgs::resolve` names it by the radical.
static WELSH: LazyLock<Regex> = LazyLock::new(|| {
    let heads: Vec<&str> = WELSH_HEADS
        .iter()
        .flat_map(|(radical, mutated)| std::iter::once(radical).chain(mutated.iter()))
        .copied()
        .collect();
    Regex::new(&format!(
        r"\b(?:{})(?: (?:a |y |yr )?[A-ZÂÊÎÔÛŴŶ][\w'’\-]*){{1,4}}",
        heads.join("|")
    ))
    .expect("valid regex")
});

/// Last words of papers' names ("… Annual Report", "… Crime Plan").
const PAPERS: &[&str] = &[
    "Report",
    "Plan",
    "Strategy",
    "Review",
    "Statement",
    "Framework",
    "Programme",
    "Act",
];

/// The first "and" in a head-first name after which a body is named whole:
/// a name written head first, an abbreviation, or (in a comma list) words
/// ending in a word that heads bodies' names.
fn split_at_body(name: &str, in_list: bool) -> Option<(&str, &str)> {
    name.match_indices(" and ").find_map(|(at, joiner)| {
        let (first, second) = (&name[..at], &name[at + joiner.len()..]);
        let words: Vec<&str> = second.split_whitespace().collect();
        // Up to three capitalised words, then the head ("UK Health
        // Security Agency" is not; "London Borough of …" is).
        let head_first = words
            .windows(2)
            .take(4)
            .position(|w| HEADS_FIRST.contains(&w[0]) && ["of", "for"].contains(&w[1]));
        let head_first = head_first.is_some_and(|at| {
            words[..at]
                .iter()
                .all(|w| w.starts_with(char::is_uppercase))
        });
        let abbreviation = words[0].len() >= 2 && words[0].chars().all(|c| c.is_ascii_uppercase());
        let listed =
            in_list && one_name(second) && words.last().is_some_and(|w| ORG_HEADS.contains(w));
        let first_whole = first.contains(" of ") || first.contains(" for ");
        ((head_first || abbreviation || listed) && first_whole).then_some((first, second))
    })
}

/// Where a name found up to `end` runs on through capitalised words into a
/// later head word ("South London and Maudsley NHS Foundation" → "… Trust"),
/// the end of the longer name.
fn run_on_to_head(line: &str, end: usize) -> usize {
    static RUNS_ON: LazyLock<Regex> = LazyLock::new(|| {
        let heads = ORG_HEADS.join("|");
        Regex::new(&format!(r"^(?: [A-Z][\w&]*){{0,3}} (?:{heads})\b")).expect("valid regex")
    });
    RUNS_ON.find(&line[end..]).map_or(end, |m| end + m.end())
}

fn named_bare(line: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(m) = BARE.find_at(line, from) {
        let start = with_places_listed(line, m.start(), m.as_str());
        let before = line[..start].trim_end();
        let previous = before.rsplit(' ').next().unwrap_or("");
        // After "and", "of" or "for" the name began earlier ("His Majesty's
        // Courts and Tribunals Service"): a part of a longer name, not one.
        let words: Vec<&str> = m.as_str().split_whitespace().collect();
        // A proper name's first word, not one that says what kind of body
        // ("that Police Service" is a determiner's; "that Humberside Police
        // has" a conjunction's).
        let proper = !KINDS.contains(&words[0]) && !ORG_HEADS.contains(&words[0]);
        let mid_sentence = !previous.is_empty()
            && previous.chars().all(|c| c.is_ascii_lowercase())
            && ![
                "the", "a", "an", "this", "that", "its", "their", "our", "your", "each", "every",
                "any", "and", "of", "for",
            ]
            .contains(&previous);
        // "told us that Humberside Police has …"; "its Online Harms Working
        // Group", "our Specialist Crime Command": a body's own name of three
        // words or more (with two, "our Legal Team" says what, not which).
        let owned = ["its", "their", "our", "your"].contains(&previous);
        // "established an Anti-corruption and Abuse Command", "launch a
        // Prevention Partnership Forum": a body set up, named with an
        // indefinite article. Without a verb of founding "a" is a class's
        // ("a complaint to a Professional Standards Department").
        let founding = before
            .strip_suffix(previous)
            .and_then(|b| b.trim_end().rsplit(' ').next())
            .is_some_and(|verb| {
                let verb = verb.to_lowercase();
                FOUNDING.iter().any(|stem| {
                    verb.strip_prefix(stem).is_some_and(|ending| {
                        ["", "e", "s", "es", "ed", "d", "ing"].contains(&ending)
                    })
                })
            });
        let introduced = ["a", "an"].contains(&previous) && words.len() >= 2 && founding;
        let after_determiner =
            proper && (previous == "that" || introduced || (owned && words.len() >= 3));
        // "City of London Police and Hertfordshire Police": two bodies of one
        // kind, the same head word ending both (the name's last head word:
        // "Sickle Cell" runs on to "Society").
        let head = line[start..run_on_to_head(line, m.end())]
            .split_whitespace()
            .last()
            .unwrap_or("");
        let parallel = previous == "and"
            && proper
            && before
                .strip_suffix("and")
                .is_some_and(|b| b.trim_end().ends_with(&format!(" {head}")));
        // "Vision ICT Ltd, annual charge …": a company's suffix makes a name
        // wherever it stands, a list item's or a sentence's start too.
        let company = proper && COMPANY_SUFFIXES.contains(&head);
        let mid_sentence = mid_sentence || after_determiner || parallel || company;
        // "London Police and Crime Plan": the shortest name that ends in a
        // head word is the start of a longer phrase.
        // Not where a body of the same kind follows ("Eastvale Police and
        // Westwold Police").
        let runs_on = [" and ", " & "].iter().any(|joiner| {
            line[m.end()..].strip_prefix(joiner).is_some_and(|rest| {
                let next: Vec<&str> = rest
                    .split(' ')
                    .take(5)
                    .take_while(|w| w.starts_with(char::is_uppercase))
                    .collect();
                let parallel_next = next.len() >= 2
                    && next[1..]
                        .iter()
                        .any(|w| w.trim_end_matches([',', '.', ';']) == head);
                rest.starts_with(char::is_uppercase) && !parallel_next
            })
        });
        if mid_sentence && !runs_on {
            let end = run_on_to_head(line, m.end());
            from = end;
            out.push(start..end);
        } else {
            // Skip the rest of a name not taken, so that its tail is not
            // read as one, up to an "and" that may join a second body.
            let rest = &line[m.end()..];
            let stop = rest
                .find(|c: char| !(c.is_alphanumeric() || " '’&".contains(c)))
                .unwrap_or(rest.len());
            let stop = rest[..stop].find(" and ").map_or(stop, |at| at + 1);
            from = m.end() + stop;
        }
    }
    out
}

/// Stems of the verbs that found a body, with their endings ("established",
/// "launching", "formed", "created"; "set up" is read by its "up").
const FOUNDING: &[&str] = &[
    "establish",
    "launch",
    "creat",
    "form",
    "found",
    "up",
    "introduc",
    "propos",
];

/// "Barnet, Enfield and Haringey Mental Health NHS Trust": where a name
/// begins with one word and "and", the places listed before it with commas
/// are the name's too. The start of the name, moved back over them.
fn with_places_listed(line: &str, start: usize, name: &str) -> usize {
    let one_word_and = name
        .split_once(" and ")
        .is_some_and(|(first, _)| !first.contains(' '));
    if !one_word_and {
        return start;
    }
    let mut start = start;
    while let Some(before) = line[..start].strip_suffix(", ") {
        let word = before.rsplit(' ').next().unwrap_or("");
        let place = word.starts_with(char::is_uppercase)
            && word.chars().skip(1).all(char::is_lowercase)
            && !ORG_HEADS.contains(&word);
        if !place {
            break;
        }
        start = before.len() - word.len();
    }
    start
}

/// Abbreviations a text uses as the names of bodies without defining them:
/// "the ABBR" after a preposition, standing alone (not before a noun it
/// qualifies: "the ARQ data"), twice or more ("reported to the NBSC", "in
/// the NBSC"); one use may be a post or a system. Honours ("of the CBE")
/// are left.
pub(super) fn abbreviations_as_names(text: &str) -> Vec<&str> {
    static THE_ABBR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:in|at|to|from|by|with|of|for|on|into|within) the ([A-Z]{3,6})\b")
            .expect("valid regex")
    });
    // Words that may follow a body's name in a sentence; another lower-case
    // word after the abbreviation is a noun it qualifies.
    const GOES_ON: &[&str] = &[
        "and", "or", "to", "in", "on", "at", "for", "was", "is", "has", "had", "were", "are",
        "who", "which", "that", "said", "have", "will", "would", "did", "does", "could", "as",
        "about", "with", "by", "from",
    ];
    let mut uses: Vec<(&str, usize)> = Vec::new();
    for c in THE_ABBR.captures_iter(text) {
        let abbr = c.get(1).expect("group");
        let next = text[abbr.end()..]
            .strip_prefix(' ')
            .and_then(|rest| rest.split([' ', ',', '.', ';', ':']).next())
            .unwrap_or("");
        let qualifies = next.starts_with(char::is_lowercase) && !GOES_ON.contains(&next);
        if qualifies || crate::names::is_post_nominal(abbr.as_str()) {
            continue;
        }
        match uses.iter_mut().find(|(a, _)| *a == abbr.as_str()) {
            Some((_, n)) => *n += 1,
            None => uses.push((abbr.as_str(), 1)),
        }
    }
    uses.into_iter()
        .filter(|(abbr, n)| *n >= 2 && !text.contains(&format!("({abbr})")))
        .map(|(abbr, _)| abbr)
        .collect()
}

/// Compass words that name a police force's or a service's areas ("East
/// BCU", "South west BCU", "BCU North East").
const COMPASS: &[&str] = &["North", "South", "East", "West", "Central"];

/// One unit of a kind the text defines by a plural ("Basic Command Units
/// (BCUs)"): the kind's abbreviation with the area's compass words before
/// or after it ("an officer from South west BCU", "East BCU", "BCU South
/// West"). `kinds` are the kinds' abbreviations in the singular.
pub(super) fn units_of_kind<'l>(line: &'l str, kinds: &[String]) -> Vec<&'l str> {
    static AREA: LazyLock<String> = LazyLock::new(|| {
        let words = COMPASS.join("|");
        let lower = COMPASS
            .iter()
            .map(|w| w.to_lowercase())
            .collect::<Vec<_>>()
            .join("|");
        format!(r"(?:{words})(?: (?:{words}|{lower}))?")
    });
    let mut out = Vec::new();
    for kind in kinds {
        let kind = regex::escape(kind);
        let area = AREA.as_str();
        let unit =
            Regex::new(&format!(r"\b(?:{area} {kind}|{kind} {area})\b")).expect("valid regex");
        for m in unit.find_iter(line) {
            // "North East BCU's officers" is still the unit; "the East BCU
            // Commander" is a post (`NOT_BODIES`' words follow).
            let next = line[m.end()..].split_whitespace().next().unwrap_or("");
            let next = next.trim_matches(|c: char| !c.is_alphanumeric());
            if !NOT_BODIES.contains(&next) && !["Commander", "Superintendent"].contains(&next) {
                out.push(m.as_str());
            }
        }
    }
    out
}

/// Plurals that name people, capitalised in minutes ("Officers and Audit
/// Commission representatives"), never the first word of a body's name.
const PEOPLE: &[&str] = &[
    "Officers",
    "Members",
    "Councillors",
    "Representatives",
    "Staff",
    "Residents",
];

/// The bodies one "the …" phrase names. Where the phrase is an item of a
/// comma list ("…, the Department for Education and London Councils") or
/// its first part already ends in a word that heads names ("the Local
/// Authorities and Health Service"), its last "and" joins two bodies, not
/// the words of one name ("the Hammersmith and Fulham … Partnership").
///
/// Each name comes with whether it is the second of a list's joint.
fn split_joined<'a>(line: &str, start: usize, name: &'a str) -> Vec<(&'a str, bool)> {
    let Some((first, second)) = name.rsplit_once(" and ") else {
        return vec![(name, false)];
    };
    // `start` is where the name begins, after its "the ".
    let before = line[..start].trim_end();
    let before = before
        .strip_suffix("the")
        .or_else(|| before.strip_suffix("The"))
        .unwrap_or(before);
    // "with Officers and Audit Commission representatives": a plural that
    // names people, not half of a body's name.
    if PEOPLE.contains(&first) && second.starts_with(char::is_uppercase) {
        return vec![(second, false)];
    }
    let in_list = before.trim_end().ends_with(',');
    let first_is_whole = one_name(first)
        && first
            .split_whitespace()
            .last()
            .is_some_and(|w| ORG_HEADS.contains(&w));
    if (in_list && one_name(first) || first_is_whole) && second.starts_with(char::is_uppercase) {
        vec![(first, false), (second, in_list)]
    } else {
        vec![(name, false)]
    }
}

/// Whether a list item before "and" can be a name of its own: two words or
/// more, or an abbreviation ("MOPAC and NHS England"); a single word is the
/// first half of a name ("Hammersmith and Fulham …", "Police and Crime …").
fn one_name(first: &str) -> bool {
    let words: Vec<&str> = first.split_whitespace().collect();
    match words.as_slice() {
        [] => false,
        [word] => word.len() >= 2 && word.chars().all(|c| c.is_ascii_uppercase()),
        _ => true,
    }
}

/// The sentences of a line: cut after a full stop that ends a word and is
/// followed by a space, a tag (a footnote marker) or the end.
fn sentences(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, _) in line.match_indices('.') {
        let next = line[at + 1..].chars().next();
        if matches!(next, None | Some(' ' | '<')) {
            out.push(&line[start..at]);
            start = at + 1;
        }
    }
    out.push(&line[start..]);
    out
}

/// The capitalised name in one item of a list, without a leading "the" or
/// "and": the item's whole text for a middle item, the run of name words at
/// its end for the first item (after the lead-in "representatives from") and
/// at its start for the last.
fn name_run(item: &str, first: bool, last: bool) -> Option<&str> {
    let is_name_word = |w: &str| {
        w.starts_with(|c: char| c.is_uppercase())
            && w.chars().all(|c| c.is_alphanumeric() || "'’&-".contains(c))
    };
    let is_joiner = |w: &str| ["of", "for", "and", "the", "&"].contains(&w);
    // Emphasis marks around a list ("*His Majesty's … Service, the …").
    let item = item.trim().trim_matches(['*', '_']);
    let words: Vec<(usize, &str)> = item
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .collect();
    let fits = |w: &str| is_name_word(w) || is_joiner(w);
    let (from, to) = if first && !last {
        let from = words
            .iter()
            .rposition(|(_, w)| !fits(w))
            .map_or(0, |i| i + 1);
        (from, words.len())
    } else if last {
        let skip = usize::from(words.first().is_some_and(|(_, w)| *w == "and"));
        let to = words[skip..]
            .iter()
            .position(|(_, w)| !fits(w))
            .map_or(words.len(), |i| i + skip);
        (skip, to)
    } else if words.iter().all(|(_, w)| fits(w)) {
        (0, words.len())
    } else {
        return None;
    };
    let mut run = &words[from.min(to)..to];
    while let Some(((_, w), rest)) = run.split_first() {
        if is_joiner(w) || *w == "The" {
            run = rest;
        } else {
            break;
        }
    }
    while let Some(((_, w), rest)) = run.split_last() {
        if is_joiner(w) {
            run = rest;
        } else {
            break;
        }
    }
    let (&(start, _), &(end, w)) = (run.first()?, run.last()?);
    Some(&item[start..end + w.len()])
}

/// Organisations a line names with a definite article ("the London
/// Crime Reduction Board", "the Runnymede Trust"): capitalised words
/// ending in a word that heads organisations' names, not a post ("the
/// Head of …") or a paper.
pub(super) fn named_in(line: &str) -> Vec<&str> {
    let names: Vec<&str> = NAMED
        .captures_iter(line)
        .filter_map(|c| c.get(1))
        .map(|m| longest_named(line, m).range())
        .chain(named_bare(line))
        .map(|m| with_nation(line, m))
        .filter(|m| {
            // A name that goes on ("the Former Metropolitan Police
            // Commissioner", "the International Centre for the Study of …")
            // is not this one.
            let after = &line[m.end..];
            // A small word then a capitalised one ("… for the Study
            // of …"); not "… Services for their consideration".
            let joined_on = [" of ", " for ", " into "].iter().any(|w| {
                after.strip_prefix(w).is_some_and(|rest| {
                    let rest = rest.strip_prefix("the ").unwrap_or(rest);
                    rest.starts_with(char::is_uppercase)
                })
            });
            // "the Met Command and Control Improvement Programme": after an
            // "and", capitalised words that end a paper's name, with no head
            // word among them, are more of the paper's name ("the UN General
            // Assembly and Climate Week NYC" are two things).
            let and_more = after.strip_prefix(" and ").is_some_and(|rest| {
                // The run ends at a word followed by punctuation ("Programme".).
                let mut run: Vec<&str> = Vec::new();
                for word in rest.split(' ') {
                    let bare = word
                        .split(|c: char| !c.is_alphanumeric())
                        .next()
                        .unwrap_or("");
                    if !bare.starts_with(char::is_uppercase) {
                        break;
                    }
                    run.push(bare);
                    if bare.len() < word.len() {
                        break;
                    }
                }
                run.last().is_some_and(|w| PAPERS.contains(w))
                    && !run.iter().any(|w| ORG_HEADS.contains(w))
            });
            // "the Riverside Police and Crime Panel": one qualifier.
            let one_body = after
                .strip_prefix(" and ")
                .is_some_and(|rest| super::one_qualifier(&line[m.clone()], rest));
            let goes_on = after.starts_with(['\'', '’'])
                || joined_on
                || one_body
                || and_more
                || after
                    .strip_prefix(' ')
                    .is_some_and(|rest| rest.starts_with(char::is_uppercase));
            !goes_on
        })
        .flat_map(|m| split_joined(line, m.start, &line[m]))
        .filter(|(name, listed)| {
            let first = name.split_whitespace().next().unwrap_or("");
            let last = name.split_whitespace().last().unwrap_or("");
            // "the Met's Basic Command Unit": a possessive owner, not a name.
            let possessive = first.ends_with("'s") || first.ends_with("’s");
            // "the Cabinet Member for …", "the Chief Executive of …": posts.
            let post = [
                "Member",
                "Executive of",
                "Director",
                "Chairman",
                "Inspector of",
            ]
            .iter()
            .any(|w| name.contains(w));
            let month = crate::text::find_date(&format!("1 {first} 2000")).is_some();
            // "the Crown Courts", "the Local Authorities", "report on
            // Probation Services": a plural head names a class of
            // bodies, not one.
            // The second of two listed bodies is named as written ("and London Councils").
            // A nation's name after the head is not a plural ("Care Forum Wales").
            let head = name
                .split_whitespace()
                .rev()
                .find(|w| !NATIONS.contains(w))
                .unwrap_or(last);
            let class = !listed && head.ends_with('s') && !head.ends_with("ss");
            !NOT_BODIES.contains(&first)
                && !possessive
                && !post
                && !month
                && !class
                && !name.ends_with(" of")
                && !name.contains(" of the")
                && Orgs::looks_like_org(name)
                && !is_generic(name)
        })
        .map(|(name, _)| name)
        .chain(named_head_first(line).into_iter().filter(|name| {
            let first = name.split_whitespace().next().unwrap_or("");
            let post = ["Member", "Director", "Chairman"]
                .iter()
                .any(|w| name.contains(w));
            !NOT_BODIES.contains(&first) && !post && !is_generic(name)
        }))
        .chain(PRISON.find_iter(line).map(|m| m.as_str()))
        .chain(WELSH.find_iter(line).map(|m| m.as_str()))
        .collect();
    // One name read by two rules, or a name inside a longer one: the longest.
    let span = |name: &str| {
        let start = name.as_ptr() as usize - line.as_ptr() as usize;
        (start, start + name.len())
    };
    let spans: Vec<(usize, usize)> = names.iter().map(|n| span(n)).collect();
    let mut out: Vec<&str> = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let (a, b) = spans[i];
        let inside = spans
            .iter()
            .enumerate()
            .any(|(j, &(c, d))| j != i && c <= a && b <= d && (d - c > b - a || j < i));
        if !inside {
            out.push(name);
        }
    }
    out.sort_by_key(|n| span(n));
    out
}

/// Organisations a line lists beside bodies already known ("made up of
/// representatives from MOPAC, the Met, the Home Office, NHS England and
/// Transport for London"): in a comma list where at least two items are
/// known organisations and the known are at least as many as the rest,
/// every other item that is a capitalised name of two words or more (or
/// an abbreviation) is one too. `known` says whether a name is an
/// organisation already; the caller leaves out people.
pub(super) fn listed_with(line: &str, known: impl Fn(&str) -> bool) -> Vec<&str> {
    let mut out = Vec::new();
    for sentence in sentences(line) {
        let mut items: Vec<&str> = sentence.split(", ").collect();
        if items.len() < 2 {
            continue;
        }
        // The list's joint: "…, the Department for Education and London
        // Councils". The first item after the first that joins two names
        // with "and" ends the list, and the sentence may go on after it in
        // more commas ("MOPAC, NHS England and Lambeth Council who have
        // co-commissioned a new service, which went live …").
        let joint = items.iter().enumerate().skip(1).find_map(|(i, item)| {
            let (a, b) = item.split_once(" and ")?;
            let a_name = a.trim_start_matches("the ").trim_start_matches("The ");
            (one_name(a_name) && a_name.starts_with(char::is_uppercase)).then_some((i, a, b))
        });
        if let Some((i, a, b)) = joint {
            items.truncate(i);
            items.push(a);
            items.push(b);
        }
        let last = items.len() - 1;
        let mut known_count = 0;
        let mut candidates = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let Some(name) = name_run(item, i == 0, i == last) else {
                continue;
            };
            // "the London Prison Group Director": a post. "Jigsaw4u and
            // Missing People": one name or two, which the list does not say.
            let post = name
                .split_whitespace()
                .last()
                .is_some_and(|w| NOT_BODIES.contains(&w));
            let joined = name.split_once(" and ").is_some_and(|(a, b)| {
                !super::one_qualifier(a, b) && b.starts_with(char::is_uppercase)
            });
            if known(name) {
                known_count += 1;
            } else if post || joined {
                continue;
            } else if name.split_whitespace().count() >= 2
                || (name.len() >= 3 && name.chars().all(|c| c.is_ascii_uppercase()))
            {
                candidates.push(name);
            }
        }
        if known_count >= 2 && known_count >= candidates.len() {
            out.extend(candidates);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::Orgs;
    use super::{national_branches, represented};

    #[test]
    fn bodies_named_in_prose_are_split_at_a_list_joint_and_classes_left_out() {
        let line =
            "Its members are the Home Office, the Department for Education and London Councils.";
        assert_eq!(
            Orgs::named_in(line),
            vec!["Home Office", "Department for Education", "London Councils"]
        );
        // One name with "and" in it is not two.
        let line = "It reports to the Hammersmith and Fulham Safeguarding Partnership.";
        assert_eq!(
            Orgs::named_in(line),
            vec!["Hammersmith and Fulham Safeguarding Partnership"]
        );
        assert_eq!(
            Orgs::named_in("a chairman of the Police and Crime Committee under"),
            vec!["Police and Crime Committee"]
        );
        // With the article, a plural head is a class of bodies.
        assert!(
            Orgs::named_in("backlogs in the Crown Courts and in the Local Authorities").is_empty()
        );
    }

    #[test]
    fn a_list_ends_at_its_first_joint_and_leaves_out_posts_and_joined_names() {
        let known = |n: &str| ["MOPAC", "NHS England", "London Councils"].contains(&n);
        // The sentence goes on after the list in more commas.
        let line = "It works with partners MOPAC, NHS England and Riverside Council who have co-commissioned a service, which went live in May.";
        assert_eq!(Orgs::listed_with(line, known), vec!["Riverside Council"]);
        // A post listed among bodies is no body; nor two names joined.
        let line =
            "MOPAC should work with NHS England, the Prison Group Director and London Councils.";
        assert!(Orgs::listed_with(line, known).is_empty());
        // The joint's two sides are two names.
        let line = "MOPAC, NHS England, Eastvale Trust and Westwold Aid all said so.";
        assert_eq!(
            Orgs::listed_with(line, known),
            vec!["Eastvale Trust", "Westwold Aid"]
        );
    }

    #[test]
    fn bodies_named_head_first() {
        assert_eq!(
            Orgs::named_in("evidence from the Ministry of Justice and the Council of Europe."),
            vec!["Ministry of Justice", "Council of Europe"]
        );
        // A list inside a name, and names in a list.
        assert_eq!(
            Orgs::named_in("from the Department for Culture, Media and Sport, Department for Health and Social Care and Department for Transport (X12)"),
            vec![
                "Department for Culture, Media and Sport",
                "Department for Health and Social Care",
                "Department for Transport"
            ]
        );
        assert_eq!(
            Orgs::named_in("includes the Department of Health and UKHSA here"),
            vec!["Department of Health", "UKHSA"]
        );
        // An abbreviation that spells out the whole name keeps it whole.
        assert_eq!(
            Orgs::named_in("In its report, His Majesty's Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS) said"),
            vec!["His Majesty's Inspectorate of Constabulary and Fire & Rescue Services"]
        );
        // Named by whose it is; running on in words not read; into a subject.
        assert!(Orgs::named_in("the Mayor and his Office for Policing and Crime").is_empty());
        assert!(
            Orgs::named_in("from the Department of Levelling up, Housing and Communities")
                .is_empty()
        );
        assert!(Orgs::named_in("the National Confidential Inquiry into Suicide").is_empty());
        // A head word inside a longer name does not end it.
        assert_eq!(
            Orgs::named_in("developed by South London and Maudsley NHS Foundation Trust in"),
            vec!["South London and Maudsley NHS Foundation Trust"]
        );
        assert_eq!(
            Orgs::named_in("students from the College of Eastvale, Northby and North East Wold."),
            vec!["College of Eastvale, Northby and North East Wold"]
        );
        assert_eq!(
            Orgs::named_in("as the Royal College of Surgeons’ guidance says"),
            vec!["Royal College of Surgeons"]
        );
        assert!(Orgs::looks_like_org(
            "Centre for Protection of National Infrastructure"
        ));
        assert!(!Orgs::looks_like_org("Head of Service for Children"));
    }

    #[test]
    fn bodies_named_after_a_conjunction_an_owner_or_a_body_of_their_kind() {
        assert_eq!(
            Orgs::named_in("told us that Northby Police has cut demand"),
            vec!["Northby Police"]
        );
        assert_eq!(
            Orgs::named_in("colleagues from Eastvale Police and Westwold Police for an operation"),
            vec!["Eastvale Police", "Westwold Police"]
        );
        assert_eq!(
            Orgs::named_in("MOPAC should renew its Online Harms Working Group, which"),
            vec!["Online Harms Working Group"]
        );
        // A determiner's class; a small word then lower case is not a longer name.
        assert!(Orgs::named_in("said that Police Service staff").is_empty());
        assert_eq!(
            Orgs::named_in("was passed to Eastvale Legal Service for their view."),
            vec!["Eastvale Legal Service"]
        );
    }

    #[test]
    fn bodies_named_without_an_article_only_in_mid_sentence() {
        assert_eq!(
            Orgs::named_in("a letter sent to Rotherham Metropolitan Borough Council about it"),
            vec!["Rotherham Metropolitan Borough Council"]
        );
        // The tail of a longer name, a sentence's first words, a slogan's
        // shortest head: none is a body of its own.
        assert!(Orgs::named_in("by His Majesty's Courts and Tribunals Service today").is_empty());
        assert!(Orgs::named_in("Chalk Valley Council met.").is_empty());
        assert!(Orgs::named_in("the current London Police and Crime Plan").is_empty());
    }

    #[test]
    fn a_body_founded_with_an_indefinite_article_and_places_listed_in_a_name() {
        assert_eq!(
            Orgs::named_in("The force established an Anti-fraud and Theft Command last year."),
            vec!["Anti-fraud and Theft Command"]
        );
        assert_eq!(
            Orgs::named_in("Will you set up a Victims Reference Forum?"),
            vec!["Victims Reference Forum"]
        );
        // Without a verb of founding, "a" names one of a class.
        assert!(Orgs::named_in("a complaint to a Professional Standards Department").is_empty());
        // The places a name lists before its "and" are the name's.
        assert_eq!(
            Orgs::named_in("Partners include Eastvale, Westwold and Northby Health NHS Trust."),
            vec!["Eastvale, Westwold and Northby Health NHS Trust"]
        );
    }

    #[test]
    fn an_abbreviation_standing_as_a_name_twice_and_never_defined_is_a_body() {
        let text = "It was reported to the ZBSC. Calls went to the ZBSC and were logged.\n\
                    He gave it to the CFO. The figures in the ARQ data and from the ARQ data.\n\
                    Appointed to the CBE; raised to the CBE.\n\
                    The Zebra Shortfall Scheme (ZSS) paid; claims to the ZSS and to the ZSS.";
        // One use is a post's ("the CFO"), a noun after it is what it
        // qualifies, an honour is no body, a defined one is the definition's.
        assert_eq!(Orgs::abbreviations_as_names(text), ["ZBSC"]);
    }

    #[test]
    fn a_list_beside_known_bodies_names_bodies() {
        let known = |name: &str| ["MOPAC", "Met", "Home Office"].contains(&name);
        let line = "The Board is made up of representatives from MOPAC, the Met, the Home Office, NHS England and Transport for London.<sup>4</sup> It meets monthly.";
        assert_eq!(
            Orgs::listed_with(line, known),
            vec!["NHS England", "Transport for London"]
        );
        // Without two known bodies, or with more unknown items than known, a
        // list of capitalised words is not read as bodies.
        assert!(Orgs::listed_with("We met Ann Smith, John Brown and the Met.", known).is_empty());
        assert!(Orgs::listed_with(
            "MOPAC, the Met, Tower Hamlets, Kings Cross, Canary Wharf and Earls Court.",
            known
        )
        .is_empty());
    }

    #[test]
    fn units_companies_prisons_nations_and_welsh_names() {
        // A unit of a force, owned by the speaker; a class of unit is not one.
        assert_eq!(
            Orgs::named_in("officers from our Specialist Crime Command arrested 18"),
            vec!["Specialist Crime Command"]
        );
        assert_eq!(
            Orgs::named_in("officers from our Legal Team agreed"),
            Vec::<&str>::new()
        );
        // A company's suffix makes a name at a list item's start.
        assert_eq!(
            Orgs::named_in("Greenbarnes Ltd, new noticeboard £300"),
            vec!["Greenbarnes Ltd"]
        );
        assert_eq!(
            Orgs::named_in("prisoners at HMP Full Sutton and HMP Frankland were moved"),
            vec!["HMP Full Sutton", "HMP Frankland"]
        );
        // A nation's name ends the body's name; it is no plural.
        assert_eq!(
            Orgs::named_in("a response from Care Forum Wales and the council"),
            vec!["Care Forum Wales"]
        );
        // A known body and a nation ending the phrase: the body's branch.
        let known = ["BBC", "ITV"];
        assert_eq!(
            national_branches("news organiser in the BBC Wales political unit", &known),
            vec!["BBC Wales"]
        );
        assert_eq!(
            national_branches("media such as WalesOnline, ITV Wales, and BBC", &known),
            vec!["ITV Wales"]
        );
        assert!(national_branches("the BBC Scotland Office and CBBC Wales", &known).is_empty());
        assert!(national_branches("the BBC reported it", &known).is_empty());
        // "and" before a common word ends the name; an editor's bracket opens one.
        assert_eq!(
            Orgs::named_in("with the Social Partnership Council and others"),
            vec!["Social Partnership Council"]
        );
        assert_eq!(
            Orgs::named_in("I suspect the [Audit and Risk Committee] ought to"),
            vec!["Audit and Risk Committee"]
        );
        assert_eq!(
            Orgs::named_in("I have discussed this with the Academy of Medical Royal Colleges, and"),
            vec!["Academy of Medical Royal Colleges"]
        );
        // An "and" into more of a paper's name.
        assert_eq!(
            Orgs::named_in(
                "through the Met Command and Control Improvement Programme\".<sup>22</sup> In October"
            ),
            Vec::<&str>::new()
        );
        // A second body of the kind, its head word after another ("Cell").
        assert!(Orgs::named_in(
            "Alongside the UK Thalassaemia Society and Sickle Cell Society, consider"
        )
        .contains(&"Sickle Cell Society"));
        // Welsh heads come first, mutated after "i".
        assert_eq!(
            Orgs::named_in("Rhoddwyd gwybod i Gyngor Sir Gâr am y mater."),
            vec!["Gyngor Sir Gâr"]
        );
        let orgs = Orgs::default();
        assert_eq!(
            orgs.resolve("Gyngor Sir Gâr").unwrap().name,
            "Cyngor Sir Gâr"
        );
        // The gazetteer: a department by its abbreviation.
        assert_eq!(
            orgs.resolve("DWP").unwrap().name,
            "Department for Work and Pensions"
        );
        // Capitalised words before the name an abbreviation spells.
        let defined =
            orgs.definitions("and a Probation Homelessness Prevention Team (HPT) are now");
        assert_eq!(defined[0].1, "Homelessness Prevention Team");
    }

    #[test]
    fn what_a_speaker_represents_is_a_body() {
        assert_eq!(
            represented("My name is Jo Bloggs and I represent the Covid-19 Bereaved Families for Justice Cymru. So"),
            ["Covid-19 Bereaved Families for Justice Cymru"]
        );
        assert_eq!(
            represented("I ask questions on behalf of John's Campaign and Care Rights UK."),
            ["John's Campaign", "Care Rights UK"]
        );
        assert!(represented("on behalf of Mrs Smith and the Mayor, who").is_empty());
        assert_eq!(
            represented("on behalf of the London Assembly Police and Crime Committee."),
            ["London Assembly Police and Crime Committee"]
        );
        assert_eq!(
            represented("on behalf of the London Assembly’s Police and Crime Committee."),
            ["Police and Crime Committee"]
        );
        assert!(represented("we represent Wales at it; on behalf of Alan Bates").is_empty());
    }
}
