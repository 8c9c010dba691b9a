//! People named bare in running text: "Alan Bates", "Ron Warmington and Ian
//! Henderson from Second Sight", "an email from Haydi O'Brien". With no
//! title, role or label beside it, a person's name is told from the other
//! capitalised words of a sentence (bodies, places, documents) by its first
//! word: a given name the vocabulary (`given.txt`) knows. The words after it
//! must read as a surname, not as a word that heads a body's, a place's or
//! a document's name ("Victoria Station", "Stephen Lawrence Inquiry").

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

/// The given names of `given.txt`.
static GIVEN: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("given.txt")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Whether a word is a given name the vocabulary knows.
pub fn is_given_name(word: &str) -> bool {
    GIVEN.contains(word)
}

/// A given name, perhaps a middle name or particles ("van den"), and a
/// surname: "Angela van den Bogerd", "Alan Lloyd Jones", "Haydi O'Brien".
static BARE: LazyLock<Regex> = LazyLock::new(|| {
    let word = r"(?:Mc|Mac|O['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)*";
    Regex::new(&format!(
        r"\b([A-Z][a-z]+)((?: (?:van|de|den|der|von|da|di|du|le|la|bin))*(?: {word}){{1,2}})\b"
    ))
    .expect("valid regex")
});

/// Words that end or continue the name of a body, a place, a document or
/// an event, never a surname ("Grant Park", "Stephen Lawrence Inquiry").
const NOT_SURNAMES: &[&str] = &[
    "Street",
    "Road",
    "Lane",
    "Avenue",
    "Square",
    "Park",
    "Hill",
    "House",
    "Hall",
    "Court",
    "Centre",
    "Center",
    "Station",
    "Line",
    "Bridge",
    "Way",
    "Place",
    "Gardens",
    "Close",
    "Drive",
    "Tower",
    "Building",
    "Estate",
    "Wharf",
    "Embankment",
    "Airport",
    "Hospital",
    "School",
    "College",
    "University",
    "Church",
    "Cathedral",
    "Prison",
    "Report",
    "Review",
    "Inquiry",
    "Act",
    "Bill",
    "Award",
    "Prize",
    "Day",
    "Week",
    "Year",
    "Plan",
    "Strategy",
    "Programme",
    "Scheme",
    "Fund",
    "Project",
    "Framework",
    "Memorial",
    "Lecture",
    "Library",
    "Museum",
    "Theatre",
    "Stadium",
    "Arena",
    "Show",
    "Trial",
    "Case",
    "Rule",
    "Rules",
    "Order",
    "Wales",
    "England",
    "Scotland",
    "Ireland",
    "Britain",
    "Kingdom",
    "London",
    "Government",
    "Minister",
    "Ministers",
    "Secretary",
    "Council",
    "Committee",
    "Foundation",
    "Trust",
    "Partnership",
    "Group",
    "Limited",
    "Ltd",
    "Plc",
    "Company",
    "Associates",
    "Chambers",
    "Medal",
    "Cup",
    "Centenary",
    "Statement",
    "Witness",
    "Counsel",
    "Inquiries",
    "Protocol",
    "Principle",
    "Principles",
    "Advice",
    "Advices",
    "Opinion",
    "Letter",
    "Memo",
    "Note",
    "Email",
    "Paper",
    "Law",
    "Amendment",
    "Clause",
    "Test",
    "Model",
    "Method",
    "Index",
    "Effect",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "The",
    "And",
    "Of",
    "For",
];

/// The bare names a line writes, as written. A name right after a title
/// ("Mr Alan Cook") or inside a run of capitalised words ("the Post Office
/// Board") is left to the rules for those shapes; a name that goes on
/// over the line's end is left, as the wrap may cut it.
pub fn bare_names(line: &str) -> Vec<&str> {
    names_with(line, is_given_name)
}

/// Names whose given name is not in the vocabulary, read where they stand
/// in a list between bare names that are ("Nicole Smallman, Bibaa Henry
/// and Sabina Nessa") or end a list of them after "and": a list holds
/// things of one kind. The caller weighs the given name against the rest
/// of the document (a word it also writes in lower case is no name).
pub fn listed_names(line: &str) -> Vec<&str> {
    let known = bare_names(line);
    let at = |name: &str| name.as_ptr() as usize - line.as_ptr() as usize;
    let joined = |gap: &str| gap == ", " || gap == " and " || gap == ", and ";
    let mut out = Vec::new();
    for name in names_with(line, |_| true) {
        if known.contains(&name) {
            continue;
        }
        let (start, end) = (at(name), at(name) + name.len());
        let before = known.iter().rev().find(|k| at(k) + k.len() <= start);
        let after = known.iter().find(|k| at(k) >= end);
        let joined_before = before.is_some_and(|k| joined(&line[at(k) + k.len()..start]));
        let joined_after = after.is_some_and(|k| joined(&line[end..at(k)]));
        let last_of_list = line[..start].ends_with(" and ") && known.len() >= 2;
        if joined_before && (joined_after || last_of_list) {
            out.push(name);
        }
    }
    out
}

/// What minutes record a person doing, straight after their name: "Leemya
/// McKeown thanked the team", "Tony Doran explained".
const MINUTED: &[&str] = &[
    "thanked",
    "said",
    "asked",
    "advised",
    "explained",
    "presented",
    "introduced",
    "reported",
    "confirmed",
    "informed",
    "praised",
    "welcomed",
    "mentioned",
    "responded",
    "raised",
    "stated",
    "updated",
    "requested",
    "queried",
    "highlighted",
    "outlined",
    "suggested",
    "commented",
    "expressed",
    "added",
    "replied",
    "noted",
];

/// Names, whatever their given name, where minutes record the person doing
/// something: at the start of a sentence or of a list item, before a verb
/// of `MINUTED`. The caller weighs a given name not in the vocabulary
/// against the rest of the document, as for `listed_names`.
pub fn minuted_names(line: &str) -> Vec<&str> {
    static ITEM_START: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[.:;] |^\s*(?:[a-z0-9]{1,3}[.)]|[-•*])\s+)$").expect("valid regex")
    });
    names_with(line, |_| true)
        .into_iter()
        .filter(|name| {
            let start = name.as_ptr() as usize - line.as_ptr() as usize;
            let after = &line[start + name.len()..];
            let verb = after
                .strip_prefix(' ')
                .and_then(|rest| rest.split([' ', ',', '.']).next())
                .unwrap_or("");
            ITEM_START.is_match(&line[..start]) && MINUTED.contains(&verb)
        })
        .collect()
}

/// The bare names of a line whose given name passes `given_ok`.
fn names_with(line: &str, given_ok: impl Fn(&str) -> bool) -> Vec<&str> {
    let mut out = Vec::new();
    for found in BARE.captures_iter(line) {
        let (Some(whole), Some(given)) = (found.get(0), found.get(1)) else {
            continue;
        };
        if !given_ok(given.as_str()) {
            continue;
        }
        let before = line[..whole.start()].trim_end();
        let previous = before
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("");
        // "Mr Alan Cook", "Sir Oliver Letwin", "Post Office Board"; a word
        // that closes a clause or a list ("Bates,") does not join on.
        let joins_previous = previous.starts_with(char::is_uppercase)
            && !previous.ends_with([',', '.', ';', ':', ')', '"', '”'])
            && !before.ends_with(['(', '"', '“']);
        if joins_previous
            || crate::names::TITLES.contains(&previous)
            || crate::names::PEERAGES.contains(&previous)
        {
            continue;
        }
        // The surname and the words after it.
        let mut words: Vec<&str> = whole.as_str().split(' ').collect();
        while words
            .last()
            .is_some_and(|w| NOT_SURNAMES.contains(w) || crate::names::TITLES.contains(w))
        {
            words.pop();
        }
        let after = &line[whole.end()..];
        let next = after.strip_prefix(' ').unwrap_or("");
        // "the Jack Petchey Speak Out competition": a longer run of
        // capitalised words is some other thing's name.
        let continues = next.starts_with(char::is_uppercase);
        // "Aquayemi-Claude Akinsanya": the given name is the end of another word.
        let inside_word = line[..whole.start()].ends_with(['-', '\'', '’']);
        if words.len() < 2
            || words.len() < whole.as_str().split(' ').count()
            || continues
            || inside_word
            || after.trim().is_empty()
            || crate::names::ends_in_office(whole.as_str())
            || crate::orgs::Orgs::looks_like_org(whole.as_str())
        {
            continue;
        }
        out.push(whole.as_str());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_a_known_given_name_are_read_bare() {
        let line = "I wrote to Alan Bates, to Ron Warmington and Ian Henderson from Second Sight, and to Mr Peter Smith.";
        assert_eq!(
            bare_names(line),
            ["Alan Bates", "Ron Warmington", "Ian Henderson"]
        );
        assert_eq!(
            bare_names("a note from Angela van den Bogerd and Alan Lloyd Jones, dated"),
            ["Angela van den Bogerd", "Alan Lloyd Jones"]
        );
        assert_eq!(
            bare_names("her daughter Ella Adoo-Kissi-Debrah died"),
            ["Ella Adoo-Kissi-Debrah"]
        );
    }

    #[test]
    fn a_name_listed_among_names_is_one_whatever_its_given_name() {
        assert!(!is_given_name("Zorbat"));
        assert_eq!(
            listed_names("the deaths of Sarah Everard, Zorbat Henry and Sabina Nessa, and others"),
            ["Zorbat Henry"]
        );
        assert_eq!(
            listed_names("visits by Sarah Everard and Alan Bates and Zorbat Henry today"),
            ["Zorbat Henry"]
        );
        // Beside one name only, a pair of capitalised words is left.
        assert!(listed_names("from Zorbat Henry, Sarah Everard said").is_empty());
    }

    #[test]
    fn a_name_minutes_record_doing_something_is_one_whatever_its_given_name() {
        assert_eq!(
            minuted_names("   b. Zorbat Henry thanked the team for their support"),
            ["Zorbat Henry"]
        );
        assert_eq!(
            minuted_names("It was noted. Zorbat Henry explained, and Sarah Everard added"),
            ["Zorbat Henry"]
        );
        // Mid-sentence, or before no verb of the record, it is left.
        assert!(minuted_names("a letter from Zorbat Henry said").is_empty());
        assert!(minuted_names("Zorbat Henry Trust funds it").is_empty());
    }

    #[test]
    fn bodies_places_and_documents_are_not_names() {
        for line in [
            "we met at Victoria Station on Monday",
            "the Stephen Lawrence Inquiry Report said",
            "the Post Office Board Alan Minutes",
            "In March the board met Sir Oliver Letwin there",
            "a letter to Grant Thornton Limited about",
            "the Jack Petchey Speak Out competition",
            "the Philomena Protocol is used",
            "threat to Aquayemi-Claude Akinsanya.",
        ] {
            assert!(
                bare_names(line).is_empty(),
                "{line}: {:?}",
                bare_names(line)
            );
        }
        // The name goes on over the wrap: not read here.
        assert!(bare_names("the chair, Geraldine").is_empty());
        assert!(bare_names("and the chair, Geraldine Strathdee").is_empty());
    }
}

/// The short forms a given name is known by in English ("Thomas" → "Tom",
/// "Tommy"): a knight written "Sir Thomas Winsor" once is "Sir Tom"
/// afterwards. Only forms in common use; a pet name the text does not
/// tie to the full one stays unknown.
const SHORT_FORMS: &[(&str, &[&str])] = &[
    ("Alexander", &["Alex", "Sandy"]),
    ("Andrew", &["Andy", "Drew"]),
    ("Anthony", &["Tony"]),
    ("Benjamin", &["Ben"]),
    ("Catherine", &["Cathy", "Kate"]),
    ("Charles", &["Charlie", "Chuck"]),
    ("Christopher", &["Chris"]),
    ("Daniel", &["Dan", "Danny"]),
    ("David", &["Dave"]),
    ("Deborah", &["Debbie", "Deb"]),
    ("Edward", &["Ed", "Eddie", "Ted"]),
    ("Elizabeth", &["Liz", "Beth", "Betty", "Lizzie"]),
    ("Frederick", &["Fred", "Freddie"]),
    ("Gerald", &["Gerry"]),
    ("Gregory", &["Greg"]),
    ("Henry", &["Harry", "Hal"]),
    ("James", &["Jim", "Jimmy", "Jamie"]),
    ("Jennifer", &["Jenny", "Jen"]),
    ("John", &["Jack", "Johnny"]),
    ("Joanne", &["Jo"]),
    ("Johanna", &["Jo"]),
    ("Jonathan", &["Jon"]),
    ("Joseph", &["Joe"]),
    ("Katherine", &["Kate", "Kathy"]),
    ("Kenneth", &["Ken", "Kenny"]),
    ("Margaret", &["Maggie", "Peggy", "Meg"]),
    ("Matthew", &["Matt"]),
    ("Michael", &["Mike", "Mick"]),
    ("Nicholas", &["Nick"]),
    ("Patricia", &["Pat", "Tricia"]),
    ("Patrick", &["Pat", "Paddy"]),
    ("Peter", &["Pete"]),
    ("Philip", &["Phil"]),
    ("Richard", &["Rick", "Dick", "Richie"]),
    ("Robert", &["Rob", "Bob", "Bobby", "Robbie"]),
    ("Ronald", &["Ron"]),
    ("Samuel", &["Sam"]),
    ("Stephen", &["Steve"]),
    ("Steven", &["Steve"]),
    ("Susan", &["Sue"]),
    ("Thomas", &["Tom", "Tommy"]),
    ("Timothy", &["Tim"]),
    ("William", &["Will", "Bill", "Billy"]),
];

/// The short forms of a given name ("Thomas" → `["Tom", "Tommy"]`); none
/// for a name without any, or one that is itself short.
pub fn short_forms(given: &str) -> &'static [&'static str] {
    SHORT_FORMS
        .iter()
        .find(|(full, _)| *full == given)
        .map_or(&[], |(_, short)| short)
}

#[cfg(test)]
mod short_form_tests {
    use super::short_forms;

    #[test]
    fn a_full_name_and_its_short_forms() {
        assert!(short_forms("Thomas").contains(&"Tom"));
        assert!(short_forms("William").contains(&"Bill"));
        assert!(short_forms("Tom").is_empty());
        assert!(short_forms("Zebedee").is_empty());
    }
}
