//! Organisations: one node however a document names it ("MPS", "the Met",
//! "Metropolitan Police Service").
//!
//! Three sources of aliases: a vocabulary of the domain's bodies (GLOSSARY.md),
//! a gazetteer of national and international bodies (`bodies.tsv`), and what
//! each document defines itself with the usual "Full Name (ABBR)" pattern.
//! Bodies named in running text without either are found by [`prose`], from
//! the words that head bodies' names kept here.

use std::collections::HashMap;

use regex::Regex;
use std::sync::LazyLock;

use crate::text::{fold_punctuation, plain};

mod prose;

/// Canonical name, then other names, of the domain's bodies (GLOSSARY.md).
/// This is vocabulary, like a list of honorifics, not a list of answers.
const VOCABULARY: &[(&str, &[&str])] = &[
    (
        "Metropolitan Police Service",
        &[
            "MPS",
            "the Met",
            "Met",
            "Metropolitan Police",
            "the Metropolitan Police Service",
            "Metropolitan Police Service (MPS)",
        ],
    ),
    (
        "Mayor's Office for Policing and Crime",
        &["MOPAC", "Mayor's Office for Policing and Crime (MOPAC)"],
    ),
    ("Greater London Authority", &["GLA"]),
    ("London Assembly", &["the London Assembly", "the Assembly"]),
    (
        "Police and Crime Committee",
        &[
            "PCC",
            "London Assembly Police and Crime Committee",
            "the Police and Crime Committee",
        ],
    ),
    (
        "His Majesty's Prison & Probation Service",
        &[
            "HMPPS",
            "HM Prison & Probation Service",
            "HM Prison and Probation Service",
            "His Majesty's Prison and Probation Service",
            // The service's own brand on its letterheads (GLOSSARY: the probation service is part of HMPPS).
            "Probation Service",
        ],
    ),
    (
        "His Majesty's Courts & Tribunals Service",
        &[
            "HMCTS",
            "HM Courts & Tribunals Service",
            "HM Courts and Tribunals Service",
            "His Majesty's Courts and Tribunals Service",
            "His Majesty's Courts and Tribunal Service",
        ],
    ),
    (
        "Magistrates Association",
        &[
            "the Magistrates Association",
            "MA",
            "Magistrates' Association",
        ],
    ),
    (
        "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services",
        &["HMICFRS"],
    ),
    ("Independent Office for Police Conduct", &["IOPC"]),
    ("National Police Chiefs' Council", &["NPCC"]),
    ("National Crime Agency", &["NCA"]),
    ("Crown Prosecution Service", &["CPS"]),
    ("London Ambulance Service", &["LAS"]),
    ("London Fire Brigade", &["LFB"]),
    ("Violence Reduction Unit", &["VRU"]),
    ("Counter Terrorism Operations Centre", &["CTOC"]),
    (
        "London Probation Service",
        &["the London Probation Service"],
    ),
    ("Home Office", &["the Home Office"]),
];

/// The gazetteer of national and international bodies (`bodies.tsv`): each
/// canonical name with its other names.
fn gazetteer() -> &'static [(&'static str, Vec<&'static str>)] {
    static BODIES: LazyLock<Vec<(&str, Vec<&str>)>> = LazyLock::new(|| {
        include_str!("bodies.tsv")
            .lines()
            .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
            .map(|line| {
                let (name, others) = line.split_once('\t').unwrap_or((line, ""));
                let others = others
                    .split(" | ")
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .collect();
                (name.trim(), others)
            })
            .collect()
    });
    &BODIES
}

/// (body, the body it is part of), from GLOSSARY.md: a committee's letters
/// and reports carry its parent's masthead, so the parent is never the
/// sender or the addressee of its own committee's letter.
const PARTS: &[(&str, &str)] = &[
    ("Police and Crime Committee", "London Assembly"),
    ("London Assembly", "Greater London Authority"),
    (
        "Mayor's Office for Policing and Crime",
        "Greater London Authority",
    ),
];

/// Unit codes and the ways scanned or retyped texts misread them
/// (GLOSSARY.md: OCR writes Counter Terrorism Command's `SO15` as `S015`).
const UNIT_CODES: &[(&str, &[&str])] = &[("SO15", &["S015"])];

/// A word of a role as the vocabulary writes it: a misread unit code
/// becomes the code ("S015" → "SO15"); any other word stays as it is.
pub fn unit_code(word: &str) -> &str {
    UNIT_CODES
        .iter()
        .find(|(_, misread)| misread.contains(&word))
        .map_or(word, |(code, _)| code)
}

/// Posts the domain's texts address or name (GLOSSARY.md): the post, other
/// names for it, and the organisation it belongs to.
const POSTS: &[(&str, &[&str], &str)] = &[
    (
        "Mayor of London",
        &["the Mayor", "Mayor", "the Mayor of London"],
        "Greater London Authority",
    ),
    (
        "Deputy Mayor for Policing and Crime",
        &[
            "DMPC",
            "the Deputy Mayor for Policing and Crime",
            "the Deputy Mayor",
        ],
        "Mayor's Office for Policing and Crime",
    ),
    (
        "Commissioner of Police of the Metropolis",
        &["the Commissioner", "Commissioner"],
        "Metropolitan Police Service",
    ),
    (
        "Home Secretary",
        &[
            "the Home Secretary",
            "Secretary of State for the Home Department",
        ],
        "Home Office",
    ),
];

/// Last words that make a capitalised phrase an organisation's name.
const ORG_HEADS: &[&str] = &[
    "Service",
    "Services",
    "Council",
    "Councils",
    "Association",
    "Office",
    "Board",
    "Agency",
    "Police",
    "Brigade",
    "Committee",
    "Authority",
    "Trust",
    "Group",
    "Unit",
    "Commission",
    "Department",
    "Court",
    "Courts",
    "Prisons",
    "Assembly",
    "Constabulary",
    "Inspectorate",
    "Federation",
    "Partnership",
    "Network",
    "Fund",
    "Centre",
    "Panel",
    "Union",
    "Foundation",
    "Institute",
    "Party",
    "Team",
    "Directorate",
    "Society",
    "Coalition",
    "Alliance",
    "Forum",
    "Academy",
    "Inquiry",
    // Units of a police force ("Specialist Crime Command", "the Flying
    // Squad", "Border Force", "Vulnerability Support Hub").
    "Command",
    "Squad",
    "Force",
    "Taskforce",
    "Hub",
    "Cell",
    "Secretariat",
    // Governments, legislatures and their councils ("the Welsh
    // Government", "the Scottish Parliament", "the UK Cabinet").
    "Government",
    "Parliament",
    "Cabinet",
    "Congress",
    "Organisation",
    "Organization",
    // Companies and firms ("Greenbarnes Ltd", "Linklaters LLP").
    "Ltd",
    "Limited",
    "plc",
    "PLC",
    "LLP",
    "Solicitors",
    "Hospital",
    "Club",
];

/// Words that head a body's name written head first, its subject after
/// "of" or "for": "Ministry of Justice", "Centre for Protection of National
/// Infrastructure", "Council of Europe", "London Borough of Hounslow".
const HEADS_FIRST: &[&str] = &[
    "Department",
    "Ministry",
    "Office",
    "Commission",
    "Centre",
    "Institute",
    "Association",
    "Council",
    "Inspectorate",
    "Service",
    "Authority",
    "Agency",
    "Borough",
    "Federation",
    "Foundation",
    "Society",
    "Union",
    "Directorate",
    "College",
    "Academy",
    "Congress",
    "Network",
    "Organisation",
    "Organization",
];

/// Words for the nations of the UK that end a body's name after its head
/// word ("Care Forum Wales", "Citizens Advice Scotland").
const NATIONS: &[&str] = &["Wales", "Scotland", "Cymru", "UK", "Northern Ireland"];

/// Words that head bodies' names in Welsh, which come before the names that
/// qualify them, each with its mutated forms (after "i", "yn", "ei"): a
/// council, a government, an office, a hospital, a club, a hall, a room, a
/// department, a society, a committee, a board, a commission, a police force.
const WELSH_HEADS: &[(&str, &[&str])] = &[
    ("Cyngor", &["Gyngor", "Nghyngor", "Chyngor"]),
    ("Llywodraeth", &["Lywodraeth"]),
    ("Swyddfa", &[]),
    ("Ysbyty", &[]),
    ("Clwb", &["Glwb", "Nghlwb", "Chlwb"]),
    ("Neuadd", &[]),
    ("Ystafell", &[]),
    ("Adran", &[]),
    ("Cymdeithas", &["Gymdeithas", "Nghymdeithas", "Chymdeithas"]),
    ("Pwyllgor", &["Bwyllgor", "Mhwyllgor", "Phwyllgor"]),
    ("Bwrdd", &["Fwrdd", "Mwrdd"]),
    ("Comisiwn", &["Gomisiwn", "Nghomisiwn", "Chomisiwn"]),
    ("Heddlu", &[]),
];

/// First words of phrases that name a post or a paper, not a body ("the
/// Head of Counter Terrorism Command", "the Membership of the Committee").
const NOT_BODIES: &[&str] = &[
    "Head",
    "Chair",
    "Chairman",
    "Director",
    "Deputy",
    "Members",
    "Member",
    "Membership",
    "Commissioner",
    "Delegation",
    "Delegations",
    "Action",
    "Resignation",
    "Strengthening",
    "Minutes",
    "Terms",
    "Standing",
    "Leader",
    "Clerk",
    "Secretary",
    "Minister",
    "Mayor",
    "Report",
    "Independent",
    "Review",
    "Prevent",
    "Executive",
    "Former",
    "Chief",
    "CEO",
    "MD",
    "Full",
    "More",
    "Less",
    "Other",
    "Many",
    "Some",
];

/// Words that say what kind of body, not which: with only these and words
/// that head bodies' names, a phrase names a class ("the Parish Council",
/// "the Select Committee", "the Police Service"), not one body.
const KINDS: &[&str] = &[
    "County",
    "Parish",
    "District",
    "Borough",
    "City",
    "Town",
    "Community",
    "Select",
    "Local",
    "Regional",
    "National",
    "Joint",
    "Advisory",
    "Statutory",
    "Standing",
    "Working",
    "Trade",
    "Senior",
    "Leadership",
    "Political",
    "Central",
    "Task",
    "Youth",
];

/// Whether a name is only words of kind and head words, with a word of kind
/// ("Parish Council"), or a head word alone ("Board"). "the Police Board"
/// is one board a text refers to, and stays.
fn is_generic(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    words
        .iter()
        .all(|w| KINDS.contains(w) || ORG_HEADS.contains(w))
        && (words.len() == 1 || words.iter().any(|w| KINDS.contains(w)))
}

/// "Full Name (ABBR)": an abbreviation defined in the text. A word in
/// square brackets is an editor's insertion into a transcript ("the
/// [Metropolitan] Police Authority (MPA)") and part of the name.
static DEFINITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:\[?[A-Z][\w'’&]*\]?|and|of|for|the|&)(?:[ ](?:\[?[A-Z][\w'’&]*\]?|and|of|for|the|&))+) \(([A-Z][A-Za-z]{1,9})\)")
        .expect("valid regex")
});

/// Resolves organisation names to one key each.
#[derive(Clone, Debug)]
pub struct Orgs {
    /// Normalised alias → canonical display name.
    by_alias: HashMap<String, String>,
    /// Names as written (canonical names and abbreviations), for finding
    /// mentions in running text.
    written: Vec<(String, String)>,
}

impl Default for Orgs {
    fn default() -> Self {
        let mut orgs = Orgs {
            by_alias: HashMap::new(),
            written: Vec::new(),
        };
        for (name, aliases) in VOCABULARY {
            orgs.insert(name, name);
            for alias in *aliases {
                orgs.insert(alias, name);
            }
        }
        // The gazetteer's names are chosen to be looked for as written,
        // whatever their length ("EU", "Ofcom").
        for (name, aliases) in gazetteer() {
            let name = *name;
            for alias in std::iter::once(name).chain(aliases.iter().copied()) {
                orgs.insert(alias, name);
                if !orgs.written.iter().any(|(w, _)| w == alias) {
                    orgs.written.push((alias.to_owned(), name.to_owned()));
                }
            }
        }
        orgs
    }
}

/// A resolved organisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Org {
    /// Node key, `organisation/{slug}`.
    pub key: String,
    /// Canonical display name.
    pub name: String,
    /// The name as the document wrote it.
    pub as_written: String,
}

/// A resolved post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Post {
    /// Node key, `post/{slug}`.
    pub key: String,
    /// Canonical name.
    pub name: String,
    /// The organisation the post belongs to.
    pub organisation: Option<Org>,
}

impl Orgs {
    /// Resolves a post's name ("the Deputy Mayor for Policing and Crime").
    pub fn resolve_post(&self, text: &str) -> Option<Post> {
        let wanted = normalise(&plain(text));
        let (name, _, org) = POSTS.iter().find(|(name, aliases, _)| {
            normalise(name) == wanted || aliases.iter().any(|a| normalise(a) == wanted)
        })?;
        Some(Post {
            key: crate::keys::post(name),
            name: (*name).to_owned(),
            organisation: self.resolve(org),
        })
    }

    /// Whether `parent` is a body `child` is part of (directly or not), by
    /// the vocabulary's table of parts.
    pub fn is_part_of(child: &Org, parent: &Org) -> bool {
        let mut current = child.name.as_str();
        for _ in 0..PARTS.len() {
            match PARTS.iter().find(|(body, _)| *body == current) {
                Some((_, up)) if *up == parent.name => return true,
                Some((_, up)) => current = up,
                None => return false,
            }
        }
        false
    }

    /// Whether a name is one the vocabulary or the document defined.
    pub fn is_known(&self, name: &str) -> bool {
        let written = plain(name);
        let bare = match written.rsplit_once(" (") {
            Some((head, tail)) if tail.ends_with(')') => head,
            _ => written.as_str(),
        };
        self.canonical(&written).is_some() || self.canonical(bare).is_some()
    }

    /// Whether a short phrase on its own (a bracket after a name: "Sandra
    /// Lofthouse (Audit Commission)") names a body rather than a post: a
    /// known organisation, or capitalised words ending in a word that heads
    /// bodies' names that do not open with a post's word ("Head of Legal
    /// Services" is a post).
    pub fn names_a_body(&self, phrase: &str) -> bool {
        let phrase = plain(phrase);
        let phrase = phrase.trim();
        let first = phrase.split_whitespace().next().unwrap_or("");
        let last = phrase.split_whitespace().last().unwrap_or("");
        self.is_known(phrase)
            || (phrase.split_whitespace().count() >= 2
                && ORG_HEADS.contains(&last)
                && !NOT_BODIES.contains(&first)
                && !phrase.contains(" of ")
                && Self::looks_like_org(phrase))
    }

    /// Whether a name names a class of body, not one ("County Council",
    /// "Parish Council", "Board"): only words of kind and head words.
    pub fn names_a_class(name: &str) -> bool {
        is_generic(name)
    }

    /// Whether a phrase opens with a word of a post or a paper, not a body
    /// ("Mayor of London", "Head of Legal Services").
    pub fn opens_with_post(phrase: &str) -> bool {
        let first = phrase.split_whitespace().next().unwrap_or("");
        NOT_BODIES.contains(&first)
    }

    /// The two bodies a joint meeting's name joins ("Audit Committee and
    /// General Purposes Committee"): the name parts at an "and" where both
    /// sides are whole names of bodies, each of two words or more ending in
    /// a word that heads bodies' names. A single word before the "and" is
    /// half of one name ("Police and Crime Committee").
    pub fn joint(name: &str) -> Option<(&str, &str)> {
        let whole = |part: &str| {
            let words: Vec<&str> = part.split_whitespace().collect();
            words.len() >= 2
                && words.last().is_some_and(|w| ORG_HEADS.contains(w))
                && Self::looks_like_org(part)
        };
        name.match_indices(" and ").find_map(|(at, joiner)| {
            let (first, second) = (&name[..at], &name[at + joiner.len()..]);
            (!one_qualifier(first, second) && whole(first) && whole(second))
                .then_some((first, second))
        })
    }

    /// Whether a name found in a line is a part of a post's name the
    /// vocabulary knows there ("Secretary of State for the Home
    /// Department"): `name` must be a slice of `line`.
    pub fn inside_post(line: &str, name: &str) -> bool {
        let start = name.as_ptr() as usize - line.as_ptr() as usize;
        let end = start + name.len();
        POSTS
            .iter()
            .flat_map(|(post, aliases, _)| std::iter::once(post).chain(aliases.iter()))
            .filter(|post| post.len() > name.len())
            .any(|post| {
                line.match_indices(post)
                    .any(|(at, _)| at <= start && end <= at + post.len())
            })
    }

    /// The two bodies of a name that shares its head word between two
    /// qualifiers ("the UK and Welsh Government"): the first as it would be
    /// written whole, where the vocabulary or the gazetteer knows it, and
    /// the second as written.
    pub fn elliptic<'n>(&self, name: &'n str) -> Option<(String, &'n str)> {
        let (first, second) = name.split_once(" and ")?;
        let words: Vec<&str> = second.split_whitespace().collect();
        let head = *words.last()?;
        let whole = format!("{first} {head}");
        (!first.contains(' ')
            && first.starts_with(char::is_uppercase)
            && words.len() >= 2
            && ORG_HEADS.contains(&head)
            && self.is_known(&whole))
        .then_some((whole, second))
    }

    /// Whether a phrase reads as an organisation's name: capitalised words
    /// ending in a word such as "Service" or "Council", or an abbreviation.
    pub fn looks_like_org(name: &str) -> bool {
        let name = plain(name);
        let name = name.trim_start_matches("the ").trim_start_matches("The ");
        let mut words: Vec<&str> = name.split_whitespace().collect();
        // "Care Forum Wales": the head word before the nation's name.
        if words.len() >= 3 && words.last().is_some_and(|w| NATIONS.contains(w)) {
            words.pop();
        }
        if words.is_empty() || name.contains(|c: char| c.is_ascii_digit()) {
            return false;
        }
        let capitalised = words.iter().all(|w| {
            w.starts_with(char::is_uppercase) || ["of", "and", "for", "the", "&"].contains(w)
        });
        let abbreviation = words.len() == 1
            && (2..=6).contains(&words[0].len())
            && words[0].chars().all(|c| c.is_ascii_uppercase());
        // "Office of the Harbour Commissioner", "International Centre for
        // the Study of Radicalisation": a body's name written head first,
        // not a post's ("Head of Service for Children").
        let head_first = capitalised
            && words.len() >= 3
            && !NOT_BODIES.contains(&words[0])
            && words
                .windows(2)
                .any(|w| HEADS_FIRST.contains(&w[0]) && ["of", "for"].contains(&w[1]));
        abbreviation
            || head_first
            || (capitalised && words.last().is_some_and(|w| ORG_HEADS.contains(w)))
    }

    fn insert(&mut self, alias: &str, canonical: &str) {
        self.by_alias
            .entry(normalise(alias))
            .or_insert_with(|| canonical.to_owned());
        // Mentions are looked for by full names and by abbreviations of three
        // capitals or more; shorter ones ("MA") match too much running text.
        let abbreviation = alias.len() >= 3 && alias.chars().all(|c| c.is_ascii_uppercase());
        let full_name =
            alias.split_whitespace().count() >= 2 && alias.starts_with(char::is_uppercase);
        if (abbreviation || full_name || alias == "the Met")
            && !self.written.iter().any(|(w, _)| w == alias)
        {
            self.written.push((alias.to_owned(), canonical.to_owned()));
        }
    }

    /// Every name to look for in running text, with the canonical name it stands for.
    pub fn written_names(&self) -> &[(String, String)] {
        &self.written
    }

    /// Organisations a line names with a definite article ("the London
    /// Crime Reduction Board", "the Runnymede Trust"), head first ("the
    /// Ministry of Justice") or mid-sentence ("officers of Humberside
    /// Police"): see [`prose`].
    pub fn named_in(line: &str) -> Vec<&str> {
        prose::named_in(line)
    }

    /// Branches of known bodies in one nation ("BBC Wales"): see [`prose`].
    pub fn national_branches<'l>(&self, line: &'l str) -> Vec<&'l str> {
        let names: Vec<&str> = self.written.iter().map(|(w, _)| w.as_str()).collect();
        prose::national_branches(line, &names)
    }

    /// A body named by its owner ("the London Assembly's Police and Crime
    /// Committee") is the body after the possessive: see [`prose`].
    pub fn after_owner<'n>(&self, name: &'n str) -> &'n str {
        prose::after_owner(name, |tail| self.is_known(tail))
    }

    /// Bodies a speaker says they represent ("I represent the …", "on
    /// behalf of …"): see [`prose`].
    pub fn represented(line: &str) -> Vec<&str> {
        prose::represented(line)
    }

    /// Organisations a line lists beside bodies already known ("made up of
    /// representatives from MOPAC, the Met, the Home Office, NHS England and
    /// Transport for London"); `known` says whether a name is an
    /// organisation already. See [`prose`].
    pub fn listed_with(line: &str, known: impl Fn(&str) -> bool) -> Vec<&str> {
        prose::listed_with(line, known)
    }

    /// Learns the abbreviations a text defines ("Mayor's Office for Policing and
    /// Crime (MOPAC)"). The vocabulary wins where both know an abbreviation.
    pub fn learn(&mut self, text: &str) {
        for (abbr, full, canonical) in self.definitions(text) {
            self.insert(&abbr, &canonical);
            self.insert(&full, &canonical);
            self.insert(&without_insertions(&full), &canonical);
        }
    }

    /// Abbreviations a text uses as bodies' names without defining them
    /// ("reported to the NBSC"): see [`prose`].
    pub fn abbreviations_as_names(text: &str) -> Vec<&str> {
        prose::abbreviations_as_names(text)
    }

    /// Units of a kind the text defines by a plural, named by their area
    /// ("East BCU"): see [`prose`].
    pub fn units_of_kind<'l>(line: &'l str, kinds: &[String]) -> Vec<&'l str> {
        prose::units_of_kind(line, kinds)
    }

    /// The kinds of body a text defines by a plural ("Basic Command Units
    /// (BCUs)", "Clinical Commissioning Groups (CCGs)"): their abbreviations
    /// in the singular ("BCU").
    pub fn kinds_defined(text: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for cap in DEFINITION.captures_iter(text) {
            let full = without_insertions(&cap[1]);
            let abbr = cap[2].strip_suffix('s').unwrap_or(&cap[2]);
            let Some(last) = full.split_whitespace().last() else {
                continue;
            };
            // A plural of a head word, the abbreviation spelling the
            // name's last words: "local Basic Command Units (BCU)" too.
            let plural_head = last
                .strip_suffix('s')
                .is_some_and(|singular| ORG_HEADS.contains(&singular));
            let words: Vec<&str> = full.split_whitespace().collect();
            let spelt = (1..=words.len())
                .any(|n| is_abbreviation_of(abbr, &words[words.len() - n..].join(" ")));
            if plural_head && spelt && abbr.len() >= 2 && !out.iter().any(|k| k == abbr) {
                out.push(abbr.to_owned());
            }
        }
        out
    }

    /// The organisations a text defines by abbreviation: (abbreviation, full
    /// name as written, canonical name).
    pub fn definitions(&self, text: &str) -> Vec<(String, String, String)> {
        let mut out = Vec::new();
        for cap in DEFINITION.captures_iter(text) {
            let full = cap[1]
                .trim_start_matches("the ")
                .trim_start_matches("The ")
                .trim();
            let abbr = &cap[2];
            // "a Probation Homelessness Prevention Team (HPT)": capitalised
            // words before the name the abbreviation spells are not of it.
            let mut full = full;
            while !is_abbreviation_of(abbr, &without_insertions(full)) {
                match full.split_once(' ') {
                    Some((_, rest)) if rest.contains(' ') => full = rest,
                    _ => break,
                }
            }
            let plain_full = without_insertions(full);
            // Only organisations: "Police Community Support Officers (PCSOs)" is a role.
            if !is_abbreviation_of(abbr, &plain_full)
                || !(Orgs::looks_like_org(&plain_full) || self.canonical(&plain_full).is_some())
            {
                continue;
            }
            let canonical = self.canonical(&plain_full).unwrap_or(plain_full);
            out.push((abbr.to_owned(), full.to_owned(), canonical));
        }
        out
    }

    fn canonical(&self, name: &str) -> Option<String> {
        self.by_alias.get(&normalise(name)).cloned()
    }

    /// Resolves a name. Unknown names become their own organisation, keyed by
    /// their slug without a leading "the".
    pub fn resolve(&self, name: &str) -> Option<Org> {
        let written = plain(name)
            .trim_matches(|c: char| c == ',' || c == ';' || c == '.' || c.is_whitespace())
            .to_owned();
        if written.is_empty() {
            return None;
        }
        // "Metropolitan Police Service (MPS)": the bracket is an alias.
        let bare = without_insertions(&written);
        let bare = match bare.rsplit_once(" (") {
            Some((head, tail)) if tail.ends_with(')') => head.to_owned(),
            _ => bare,
        };
        // "the Civil Justice Council" and a sentence's "The Civil Justice
        // Council" are one body, and so are "the Board" and "The Board" (a
        // head word alone is a term the text defines, never a title); "The
        // Times" keeps its article.
        let unprefixed = bare
            .strip_prefix("the ")
            .or_else(|| {
                bare.strip_prefix("The ").filter(|rest| {
                    rest.split_whitespace().count() >= 2 || ORG_HEADS.contains(&rest.trim())
                })
            })
            .unwrap_or(&bare);
        // "Gyngor Sir Gâr" after "i" is "Cyngor Sir Gâr".
        let radical = unprefixed.split_once(' ').and_then(|(head, rest)| {
            WELSH_HEADS
                .iter()
                .find(|(_, mutated)| mutated.contains(&head))
                .map(|(radical, _)| format!("{radical} {rest}"))
        });
        let unprefixed = radical.as_deref().unwrap_or(unprefixed);
        let name = self
            .canonical(&written)
            .or_else(|| self.canonical(&bare))
            .or_else(|| radical.as_deref().and_then(|r| self.canonical(r)))
            .unwrap_or_else(|| unprefixed.to_owned());
        Some(Org {
            key: crate::keys::organisation(&name),
            name,
            as_written: written,
        })
    }
}

/// Qualifiers that are one though joined by "and" (the words either side
/// of it): "Riverside Police and Crime Panel" is one body, as every police
/// area's is, and so is "Kent Fire and Rescue Service".
const ONE_QUALIFIER: &[(&str, &str)] = &[
    ("Police", "Crime"),
    ("Fire", "Rescue"),
    ("Health", "Wellbeing"),
    ("Health", "Social"),
    ("Crime", "Disorder"),
];

/// Whether the words either side of an "and" make one qualifier.
fn one_qualifier(before: &str, after: &str) -> bool {
    let last = before.split_whitespace().last().unwrap_or("");
    let first = after.split_whitespace().next().unwrap_or("");
    ONE_QUALIFIER.contains(&(last, first))
}

/// Whether `abbr` can abbreviate `full`: at least two capitals, the same first
/// letter, and every capital found in order in the name ("NSC" for "Northshore
/// Constabulary"), so "Chamber (Ground)" is not taken for an abbreviation.
fn is_abbreviation_of(abbr: &str, full: &str) -> bool {
    let capitals: Vec<char> = abbr.chars().filter(char::is_ascii_uppercase).collect();
    if capitals.len() < 2 || !full.starts_with(capitals[0]) {
        return false;
    }
    let mut rest = full.to_ascii_uppercase();
    for c in capitals {
        match rest.find(c) {
            Some(at) => rest = rest[at + 1..].to_owned(),
            None => return false,
        }
    }
    true
}

/// A name with an editor's insertions made plain: "[Metropolitan] Police
/// Authority" is "Metropolitan Police Authority". (Links are made plain
/// before: `plain` keeps a link's text.)
fn without_insertions(name: &str) -> String {
    if name.contains(['[', ']']) {
        name.replace(['[', ']'], "")
    } else {
        name.to_owned()
    }
}

/// Case, quote style and a leading "the" do not distinguish names.
pub(crate) fn normalise(name: &str) -> String {
    let folded = fold_punctuation(name).to_lowercase();
    let folded = folded.trim();
    folded
        .strip_prefix("the ")
        .unwrap_or(folded)
        .replace(" and ", " & ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_of_bodies() {
        let orgs = Orgs::default();
        let pcc = orgs.resolve("Police and Crime Committee").unwrap();
        let assembly = orgs.resolve("the London Assembly").unwrap();
        let gla = orgs.resolve("GLA").unwrap();
        assert!(Orgs::is_part_of(&pcc, &assembly));
        assert!(Orgs::is_part_of(&pcc, &gla));
        assert!(!Orgs::is_part_of(&assembly, &pcc));
        let met = orgs.resolve("MPS").unwrap();
        assert!(!Orgs::is_part_of(&met, &gla));
    }

    #[test]
    fn vocabulary_and_learned_abbreviations_merge() {
        let mut orgs = Orgs::default();
        let met = orgs.resolve("Metropolitan Police Service (MPS)").unwrap();
        assert_eq!(orgs.resolve("the Met").unwrap().key, met.key);
        assert_eq!(orgs.resolve("MPS").unwrap().key, met.key);
        assert_eq!(
            orgs.resolve("Mayor’s Office for Policing and Crime")
                .unwrap()
                .key,
            orgs.resolve("MOPAC").unwrap().key
        );
        assert!(orgs.resolve("ZZC").unwrap().key.ends_with("/zzc"));
        assert!(orgs.is_known("Magistrates' Association"));
        orgs.learn("the Zebra Zone Council (ZZC) met Police Community Support Officers (PCSOs) in the Chamber (Ground)");
        assert!(orgs.resolve("Ground").unwrap().key.ends_with("/ground"));
        assert_eq!(
            orgs.resolve("ZZC").unwrap().key,
            "organisation/zebra-zone-council"
        );
        assert!(!orgs.is_known("PCSOs"), "a role is not an organisation");
        // An editor's insertion is part of the name it completes.
        orgs.learn("my time on the [Eastvale] Police Board (EPB) when");
        let board = orgs.resolve("EPB").unwrap();
        assert_eq!(board.name, "Eastvale Police Board");
        assert_eq!(
            orgs.resolve("Eastvale Police Board").unwrap().key,
            board.key
        );
        // A kind defined by a plural is no body, but its units are named by it.
        assert!(!orgs.is_known("ZCUs"));
        assert_eq!(
            Orgs::kinds_defined(
                "its 12 Zone Command Units (ZCUs) and the Zebra Zone Council (ZZC)"
            ),
            ["ZCU"]
        );
    }

    #[test]
    fn kinds_of_body_joint_names_and_leading_articles() {
        // A class of body is no body; one board a text refers to is.
        assert_eq!(
            Orgs::named_in("It was put to the Parish Council and the Select Committee."),
            Vec::<&str>::new()
        );
        assert_eq!(
            Orgs::named_in("He chairs the Police Board, which met."),
            vec!["Police Board"]
        );
        // "the Pension Fund" runs on into the Panel's name.
        assert_eq!(
            Orgs::named_in("The comments of the Pension Fund Panel held on 21 September."),
            vec!["Pension Fund Panel"]
        );
        let orgs = Orgs::default();
        let key = |name: &str| orgs.resolve(name).unwrap().key;
        assert_eq!(
            key("The Civil Justice Council"),
            key("the Civil Justice Council")
        );
        assert_eq!(orgs.resolve("The Times").unwrap().name, "The Times");
        assert_eq!(
            orgs.resolve("The Board").unwrap().key,
            orgs.resolve("the Board").unwrap().key
        );
        assert_eq!(
            Orgs::joint("Audit Committee and General Purposes Committee"),
            Some(("Audit Committee", "General Purposes Committee"))
        );
        assert_eq!(Orgs::joint("Police and Crime Committee"), None);
        assert!(orgs.names_a_body("Audit Commission"));
        assert_eq!(
            orgs.elliptic("UK and Welsh Government"),
            Some(("UK Government".to_owned(), "Welsh Government"))
        );
        assert_eq!(orgs.elliptic("Police and Crime Committee"), None);
        let line = "the Secretary of State for the Home Department said";
        let at = line.find("Home Department").unwrap();
        assert!(Orgs::inside_post(line, &line[at..at + 15]));
        assert!(!orgs.names_a_body("Head of Legal Services"));
    }
}
