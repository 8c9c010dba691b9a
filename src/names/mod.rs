//! People's names as the documents write them: titles and ranks before the name,
//! honours and post-nominals after it, and speaker labels with a role in brackets.
//!
//! Identity rule: two labels are the same person when their *core* names
//! (without titles, ranks and post-nominals) are equal, ignoring case and
//! punctuation. A peer keeps the title in the core ("Baroness Casey") because a
//! peerage is the name, but drops the territorial designation ("of Blackstock").
//!
//! [`given`] reads names written bare in running text by their given name.

pub mod given;

use crate::text::{fold_punctuation, plain, slug};

/// Words before a name that are a title or a rank, longest first so that
/// "Deputy Assistant Commissioner" wins over "Commissioner" (GLOSSARY.md).
pub const TITLES: &[&str] = &[
    "Deputy Assistant Commissioner",
    "Assistant Commissioner",
    "Deputy Commissioner",
    "Detective Chief Superintendent",
    "Detective Superintendent",
    "Chief Superintendent",
    "Detective Chief Inspector",
    "Detective Inspector",
    "Detective Sergeant",
    "Detective Constable",
    "Chief Inspector",
    "Chief Constable",
    "Superintendent",
    "Commissioner",
    "Commander",
    "Inspector",
    "Sergeant",
    "Constable",
    "The Right Hon.",
    "Right Hon.",
    "The Rt Hon",
    "Rt Hon",
    "County Councillor",
    "Councillor",
    "Cllr.",
    "Cllr",
    // Welsh: county councillor, councillor, and its short form.
    "Cynghorydd Sir",
    "Cynghorydd",
    "Cyng.",
    "Cyng",
    "Alderman",
    "Sir",
    "Dame",
    "Dr",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Professor",
    "Prof",
    "PCSO",
    "PC",
    "DC",
    "DS",
    "DI",
];

/// Titles that are part of a peer's name rather than a courtesy before it.
pub const PEERAGES: &[&str] = &["Baroness", "Lord", "Lady", "Viscount", "Earl"];

/// Words that end the name of a post ("Chief Executive", "Head of …").
pub const OFFICES: &str = "Commissioner|Commander|Constable|Mayor|Chair|Chairman|Chairwoman|Minister|Secretary|Director General|Director|Chief Executive|Executive|Superintendent|Inspector|Officer|Reviewer|Adviser|Advisor|President|Leader|Head|Imam|Manager|Lead|Governor|Ombudsman|Registrar|Clerk";

/// Whether a phrase ends in a word of office ("Senior Policy Adviser").
pub fn ends_in_office(phrase: &str) -> bool {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    OFFICES.split('|').any(|office| {
        let n = office.split(' ').count();
        words.len() >= n && words[words.len() - n..].join(" ") == office
    })
}

/// Honours and roles written after a name (GLOSSARY.md).
const POST_NOMINALS: &[&str] = &[
    "AM", "MP", "MEP", "KC", "QC", "QPM", "KPM", "MBE", "OBE", "CBE", "CB", "DBE", "KBE", "CVO",
    "LVO", "MVO", "GBE", "KCB", "DCB", "JP", "DL", "FRSA", "PhD", "MSP", "MS", "MLA", "BEM", "CMG",
    "KCMG", "FRS", "GM", "GC", "QFSM",
];

/// Whether a word is an honour or post-nominal written after a name.
pub fn is_post_nominal(word: &str) -> bool {
    POST_NOMINALS.contains(&word.trim_end_matches(','))
}

/// A person's name taken apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonName {
    /// The name as written, markup removed (no role).
    pub full: String,
    /// Titles and ranks before the name ("Commander", "Sir").
    pub titles: Vec<String>,
    /// The name itself ("Dom Murphy", "Baroness Casey of Blackstock").
    pub core: String,
    /// Honours and post-nominals after the name ("QPM", "AM").
    pub post_nominals: Vec<String>,
}

impl PersonName {
    /// Takes a name apart. Returns `None` when the text does not look like a
    /// person's name (empty, no capitalised word, or sentence-length).
    pub fn parse(text: &str) -> Option<PersonName> {
        let full = plain(&fold_punctuation(text))
            .trim_matches(|c: char| c == ',' || c == ';' || c == '.' || c.is_whitespace())
            .to_owned();
        let words: Vec<&str> = full.split_whitespace().collect();
        // Names hold no digits or sentence punctuation ("Proper Officer: X, Y").
        if words.is_empty()
            || words.len() > 10
            || full.contains(|c: char| c.is_ascii_digit() || ":;,!?".contains(c))
        {
            return None;
        }
        let mut start = 0;
        let mut titles = Vec::new();
        'outer: while start < words.len() {
            for title in TITLES {
                let n = title.split(' ').count();
                if start + n < words.len() && words[start..start + n].join(" ") == *title {
                    titles.push((*title).to_owned());
                    start += n;
                    continue 'outer;
                }
            }
            break;
        }
        let mut end = words.len();
        let mut post_nominals = Vec::new();
        while end > start + 1 && POST_NOMINALS.contains(&words[end - 1]) {
            post_nominals.insert(0, words[end - 1].to_owned());
            end -= 1;
        }
        let core_words = &words[start..end];
        if core_words.is_empty() || !core_words.iter().all(|w| looks_like_name_word(w)) {
            return None;
        }
        Some(PersonName {
            titles,
            core: core_words.join(" "),
            post_nominals,
            full,
        })
    }

    /// The identity slug: the core name, a peer's territorial designation
    /// dropped. Initials and a surname ("J Meade") do not tell two people
    /// apart, so there the courtesy title is part of the identity: a full
    /// council's "Ms J Meade" and "Mr J Meade" are two members.
    pub fn key(&self) -> String {
        let core = match self.core.split_once(" of ") {
            Some((name, _)) if PEERAGES.iter().any(|p| self.core.starts_with(p)) => name,
            _ => self.core.as_str(),
        };
        let words: Vec<&str> = core.split_whitespace().collect();
        let initials_only = words.len() >= 2
            && words[..words.len() - 1]
                .iter()
                .all(|w| w.trim_end_matches('.').chars().count() == 1);
        let courtesy = self
            .titles
            .iter()
            .find(|t| ["Mr", "Mrs", "Ms", "Miss", "Mr.", "Mrs.", "Ms."].contains(&t.as_str()));
        match courtesy {
            Some(title) if initials_only => slug(&format!("{title} {core}")),
            _ => slug(core),
        }
    }

    /// The node key of this person.
    pub fn node_key(&self) -> String {
        crate::keys::person(&self.key())
    }
}

/// Name words start with a capital letter, or are short particles ("of", "de").
fn looks_like_name_word(word: &str) -> bool {
    let first = word.chars().next().unwrap_or(' ');
    first.is_uppercase()
        || ["of", "de", "van", "von", "da", "di", "la", "le", "bin"].contains(&word)
}

/// A transcript speaker label, e.g. `Kenny Bowie (Director of Strategy, MOPAC)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpeakerLabel {
    /// The label as written, without the bold markers and the colon.
    pub label: String,
    /// The person.
    pub name: PersonName,
    /// The whole bracketed part, as labelled ("Head of Counter Terrorism
    /// Command SO15, Metropolitan Police Service").
    pub role_as_labelled: Option<String>,
    /// The role alone, unit codes as the vocabulary writes them ("S015" → "SO15").
    pub role: Option<String>,
    /// The organisation, when the bracket has a comma before it.
    pub organisation: Option<String>,
}

impl SpeakerLabel {
    /// Parses `Name`, `Name (Role)` or `Name (Role, Organisation)`.
    pub fn parse(label: &str) -> Option<SpeakerLabel> {
        let label = label.trim();
        let (name_part, bracket) = match label.find(" (") {
            Some(open) if label.ends_with(')') => {
                (&label[..open], Some(&label[open + 2..label.len() - 1]))
            }
            _ => (label, None),
        };
        let name = PersonName::parse(name_part)?;
        let (role, organisation) = match bracket {
            Some(inner) => split_role(inner),
            None => (None, None),
        };
        Some(SpeakerLabel {
            label: label.to_owned(),
            name,
            role_as_labelled: bracket.map(str::to_owned),
            role,
            organisation,
        })
    }
}

/// Splits "Role, Organisation" at the last comma; a bracket without a comma is
/// a role alone. The organisation is only split off when it is capitalised, so a
/// role such as "Head of X, Y and Z" with lower-case continuation stays whole.
pub fn split_role(inner: &str) -> (Option<String>, Option<String>) {
    let inner = inner.trim();
    if inner.is_empty() {
        return (None, None);
    }
    match inner.rsplit_once(", ") {
        Some((role, org)) if org.chars().next().is_some_and(char::is_uppercase) => {
            (Some(normalise_role(role)), Some(org.trim().to_owned()))
        }
        _ => (Some(normalise_role(inner)), None),
    }
}

/// A role with its unit codes as the vocabulary writes them ("S015", a
/// misreading of "SO15", → "SO15"; `crate::orgs::unit_code`).
pub fn normalise_role(role: &str) -> String {
    role.split(' ')
        .map(crate::orgs::unit_code)
        .collect::<Vec<_>>()
        .join(" ")
        .trim()
        .to_owned()
}

/// Whether a role names the chair of a meeting or committee (not a deputy).
pub fn is_chair_role(role: &str) -> bool {
    let role = role.trim().to_ascii_lowercase();
    // "(The Chair)", as the Lords write it.
    let role = role.strip_prefix("the ").unwrap_or(&role).to_owned();
    matches!(
        role.as_str(),
        "chair" | "chairman" | "chairwoman" | "chairperson"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> String {
        PersonName::parse(text).unwrap().key()
    }

    #[test]
    fn titles_and_honours_do_not_change_identity() {
        assert_eq!(key("Commander Dom Murphy QPM"), "dom-murphy");
        assert_eq!(key("Dom Murphy"), "dom-murphy");
        assert_eq!(key("Sir Mark Rowley QPM"), "mark-rowley");
        assert_eq!(key("Dr Onkar Sahota AM"), "onkar-sahota");
        assert_eq!(key("Caroline Pidgeon MBE AM"), "caroline-pidgeon");
        assert_eq!(key("Baroness Casey of Blackstock DBE CB"), "baroness-casey");
        assert_eq!(
            key("Detective Superintendent Jane Corrigan"),
            "jane-corrigan"
        );
        assert_eq!(key("Ms J Meade"), "ms-j-meade");
        assert_eq!(key("Mr J Meade"), "mr-j-meade");
        assert_eq!(key("Mr B J Sweetland"), "mr-b-j-sweetland");
    }

    #[test]
    fn not_names() {
        assert!(PersonName::parse("the committee is recommended to").is_none());
        assert!(PersonName::parse("").is_none());
        assert!(PersonName::parse("Proper Officer: Mary Harpley, Chief Officer").is_none());
        assert!(PersonName::parse("Tuesday 16 May 2023").is_none());
    }

    #[test]
    fn labels_split_role_and_organisation() {
        let l = SpeakerLabel::parse("Commander Dom Murphy QPM (Head of Counter Terrorism Command S015, Metropolitan Police Service)").unwrap();
        assert_eq!(l.name.core, "Dom Murphy");
        assert_eq!(l.name.titles, vec!["Commander"]);
        assert_eq!(l.name.post_nominals, vec!["QPM"]);
        assert_eq!(
            l.role.as_deref(),
            Some("Head of Counter Terrorism Command SO15")
        );
        assert_eq!(
            l.organisation.as_deref(),
            Some("Metropolitan Police Service")
        );
        let l = SpeakerLabel::parse("Susan Hall AM (Chairman)").unwrap();
        assert_eq!(l.role.as_deref(), Some("Chairman"));
        assert_eq!(l.organisation, None);
        let l = SpeakerLabel::parse("Caroline Russell AM").unwrap();
        assert_eq!(l.role, None);
        assert!(is_chair_role("Chairman") && !is_chair_role("Deputy Chairman"));
        assert!(is_chair_role("The Chair"));
    }
}
