//! Source text: lines with their byte offsets, spans cut from them, and the small
//! text helpers every parser shares (markup stripping, slugs, dates).

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

use crate::model::Span;

/// SHA-256 of `bytes`, as lower-case hex: how documents and files are named
/// by content.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A document's text split into lines, keeping the exact bytes so that every
/// quote taken from it is a substring of the original.
#[derive(Debug)]
pub struct Source<'a> {
    /// Stable document id, stamped on every span.
    pub id: &'a str,
    /// The whole text.
    pub text: &'a str,
    /// Byte range of each line, without its line terminator.
    lines: Vec<(usize, usize)>,
}

impl<'a> Source<'a> {
    /// Splits `text` into lines (`\n`, with a `\r` before it dropped).
    pub fn new(id: &'a str, text: &'a str) -> Source<'a> {
        let mut lines = Vec::new();
        let mut start = 0;
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                let end = if i > start && text.as_bytes()[i - 1] == b'\r' {
                    i - 1
                } else {
                    i
                };
                lines.push((start, end));
                start = i + 1;
            }
        }
        if start < text.len() {
            lines.push((start, text.len()));
        }
        Source { id, text, lines }
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether the document has no lines at all.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Line `n` (1-based), without its terminator; empty past the end.
    pub fn line(&self, n: usize) -> &'a str {
        match n.checked_sub(1).and_then(|i| self.lines.get(i)) {
            Some(&(s, e)) => &self.text[s..e],
            None => "",
        }
    }

    /// The text of lines `first..=last` (1-based), exactly as in the document;
    /// empty when the range is not one of the document's (a parser's
    /// off-by-one must not take the whole ingest down).
    pub fn lines_text(&self, first: usize, last: usize) -> &'a str {
        let (Some(&(s, _)), Some(&(_, e))) = (
            first.checked_sub(1).and_then(|i| self.lines.get(i)),
            last.checked_sub(1).and_then(|i| self.lines.get(i)),
        ) else {
            return "";
        };
        self.text.get(s..e).unwrap_or("")
    }

    /// A span quoting lines `first..=last` whole.
    pub fn span(&self, first: usize, last: usize) -> Span {
        self.quote(first, last, self.lines_text(first, last))
    }

    /// A span quoting `quote`, which must lie within lines `first..=last`.
    /// When it does not (a parser bug), the whole lines are quoted instead so the
    /// provenance invariant still holds.
    pub fn quote(&self, first: usize, last: usize, quote: &str) -> Span {
        let lines = self.lines_text(first, last);
        let quote = if lines.contains(quote) && !quote.is_empty() {
            quote
        } else {
            lines
        };
        Span {
            document: self.id.to_owned(),
            first_line: first as u32,
            last_line: last as u32,
            quote: quote.to_owned(),
        }
    }

    /// A span quoting `quote` on line `n` alone.
    pub fn quote_line(&self, n: usize, quote: &str) -> Span {
        self.quote(n, n, quote.trim())
    }
}

/// Escapes text for HTML (element content and quoted attribute values).
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Removes the document's inline markup: `**bold**`, `<b>`-style tags and
/// `[text](link)` links (keeping the text), and folds runs of white space.
pub fn plain(text: &str) -> String {
    // Most lines carry no markup: fold their white space and be done.
    if !text.contains(['*', '<', '[']) {
        return fold_whitespace(text);
    }
    // Where the next ">" and "](" are, found once and looked for again only
    // once passed, so a line of a thousand "[" or "<" is read in one pass.
    let next_from = |pattern: &str, at: usize| text[at..].find(pattern).map(|i| at + i);
    let mut next_gt = next_from(">", 0);
    let mut next_link = next_from("](", 0);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        let rest = &text[at..];
        if rest.starts_with("**") {
            // "C4495**4 May": a bold boundary between two words still separates them.
            at += 2;
            let joins_words = out.ends_with(char::is_alphanumeric)
                && text[at..].starts_with(char::is_alphanumeric);
            if joins_words {
                out.push(' ');
            }
            continue;
        }
        if c == '<' {
            if next_gt.is_some_and(|end| end < at) {
                next_gt = next_from(">", at);
            }
            if let Some(end) = next_gt {
                let tag = &text[at + 1..end];
                let opens_like_tag = tag.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/');
                // A tag is short; a long run to the next ">" is text.
                if opens_like_tag
                    && tag.len() <= 200
                    && tag
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || " /=\"-:;'".contains(c))
                {
                    at = end + 1;
                    out.push(' ');
                    continue;
                }
            }
        }
        if c == '[' {
            if next_link.is_some_and(|close| close < at) {
                next_link = next_from("](", at);
            }
            if let Some(close) = next_link {
                // The link's text runs to "](", its target to the next ")".
                if let Some(end) = text[close..].find(')').map(|i| close + i) {
                    out.push_str(&text[at + 1..close]);
                    at = end + 1;
                    continue;
                }
                // No ")" after the last "](": no link from here on.
                next_link = None;
            }
        }
        out.push(c);
        at += c.len_utf8();
    }
    fold_whitespace(&out)
}

/// Runs of white space become one space; ends are trimmed.
fn fold_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Folds typographic quotes and dashes to their ASCII twins, for comparing names.
pub fn fold_punctuation(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            other => other,
        })
        .collect()
}

/// A lower-case, hyphenated slug for IRIs: letters and digits only.
pub fn slug(text: &str) -> String {
    // IRIs stay ASCII: "Léonie" → "leonie", "Siân" → "sian".
    let folded = deunicode::deunicode(&fold_punctuation(text));
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if c == '\'' {
            // "Mayor's" → "mayors", not "mayor-s".
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Finds the first date written as "8 March 2023" (optionally after a weekday)
/// and returns it with the matched text.
pub fn find_date(text: &str) -> Option<(NaiveDate, &str)> {
    find_long_date(text).or_else(|| find_numeric_date(text))
}

/// "09/08/2024", read day first as British documents write it.
fn find_numeric_date(text: &str) -> Option<(NaiveDate, &str)> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|i| {
        let candidate = text.get(i..i + 10)?;
        let starts_clean = i == 0 || !bytes[i - 1].is_ascii_digit();
        let ends_clean = bytes.get(i + 10).is_none_or(|b| !b.is_ascii_digit());
        (starts_clean && ends_clean)
            .then(|| NaiveDate::parse_from_str(candidate, "%d/%m/%Y").ok())
            .flatten()
            .map(|date| (date, candidate))
    })
}

/// Month names as documents write them, with their numbers: English in full
/// and abbreviated, and Welsh (a Welsh council's minutes: "10fed Mehefin
/// 2020"). Vocabulary, like the titles of `names`.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sept", 9),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    ("ionawr", 1),
    ("chwefror", 2),
    ("mawrth", 3),
    ("ebrill", 4),
    ("mai", 5),
    ("mehefin", 6),
    ("gorffennaf", 7),
    ("awst", 8),
    ("medi", 9),
    ("hydref", 10),
    ("tachwedd", 11),
    ("rhagfyr", 12),
];

/// Ordinal suffixes of a day: English, and Welsh ("1af", "2il", "3ydd",
/// "5ed", "10fed", "11eg", "20ain"), perhaps set as a superscript ("10[fed]").
const ORDINALS: &str = r"\[?(?:st|nd|rd|th|af|il|ydd|ed|fed|eg|ain)\]?";

/// "8 March 2023", "10th December 2024", "Friday, 19th July, 2024",
/// "4 Sept 2019", "July 19, 2024", "10fed Mehefin 2020": day and month in
/// either order, ordinal suffixes and commas allowed.
static LONG_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let names: Vec<&str> = MONTHS.iter().map(|(name, _)| *name).collect();
    let month = format!(r"({})\.?", names.join("|"));
    Regex::new(&format!(
        r"(?i)(?:([0-9]{{1,2}})\s?(?:{ORDINALS})?(?:\s+of)?\s+{month},?\s+([0-9]{{4}})|{month}\s+([0-9]{{1,2}})\s?(?:{ORDINALS})?,?\s+([0-9]{{4}}))"
    ))
    .expect("valid regex")
});

fn month_number(name: &str) -> Option<u32> {
    let lower = name.trim_end_matches('.').to_lowercase();
    MONTHS
        .iter()
        .find(|(month, _)| *month == lower)
        .map(|(_, number)| *number)
}

fn find_long_date(text: &str) -> Option<(NaiveDate, &str)> {
    let bytes = text.as_bytes();
    LONG_DATE.captures_iter(text).find_map(|cap| {
        let whole = cap.get(0)?;
        let clean_start = whole.start() == 0 || !bytes[whole.start() - 1].is_ascii_alphanumeric();
        let clean_end = bytes.get(whole.end()).is_none_or(|b| !b.is_ascii_digit());
        if !clean_start || !clean_end {
            return None;
        }
        let (day, month, year) = match cap.get(1) {
            Some(day) => (day.as_str(), cap.get(2)?.as_str(), cap.get(3)?.as_str()),
            None => (
                cap.get(5)?.as_str(),
                cap.get(4)?.as_str(),
                cap.get(6)?.as_str(),
            ),
        };
        let date =
            NaiveDate::from_ymd_opt(year.parse().ok()?, month_number(month)?, day.parse().ok()?)?;
        Some((date, whole.as_str()))
    })
}

/// The first dates `text` writes as one list whose last item alone carries
/// the year (and perhaps the month) of all: "22 June and 20 July 2022", "7
/// and 8 May 2025", "3, 4 and 5 March 2024". Each date comes with its words
/// as written ("22 June", "7", "8 May 2025"); a date alone is a list of one,
/// and no date an empty list. A day written before a later month's day
/// keeps that month ("7 and 8 May"); one that would fall after the next
/// date is in the year before ("22 December and 9 January 2025").
pub fn find_date_list(text: &str) -> Vec<(NaiveDate, &str)> {
    static ITEM: LazyLock<Regex> = LazyLock::new(|| {
        let names: Vec<&str> = MONTHS.iter().map(|(name, _)| *name).collect();
        Regex::new(&format!(
            r"(?i)\b(([0-9]{{1,2}})\s?(?:{ORDINALS})?(?:\s+(?:of\s+)?({})\b\.?)?)(?:,\s*|\s+and\s+|\s+a\s+)$",
            names.join("|")
        ))
        .expect("valid regex")
    });
    let Some((last, written)) = find_date(text) else {
        return Vec::new();
    };
    let mut end = written.as_ptr() as usize - text.as_ptr() as usize;
    let mut next = last;
    let mut before = Vec::new();
    while let Some(found) = ITEM.captures(&text[..end]) {
        let (Some(item), Some(day)) = (found.get(1), found.get(2)) else {
            break;
        };
        let month = match found.get(3) {
            Some(name) => month_number(name.as_str()),
            None => Some(next.month()),
        };
        let date = month.and_then(|m| {
            let day = day.as_str().parse().ok()?;
            let this_year = NaiveDate::from_ymd_opt(next.year(), m, day)?;
            if this_year <= next {
                Some(this_year)
            } else {
                NaiveDate::from_ymd_opt(next.year() - 1, m, day)
            }
        });
        let Some(date) = date else {
            break;
        };
        before.push((date, item.as_str()));
        next = date;
        end = item.start();
    }
    // "Items 5 and 8 May 2025" numbers things, then gives a date: a list
    // begins after a word that can lead to dates, not after a word numbered.
    let numbered = text[..end].split_whitespace().next_back().is_some_and(|w| {
        let w = w.to_lowercase();
        NUMBERED.iter().any(|n| w == *n || w == format!("{n}s"))
    });
    if numbered {
        before.clear();
    }
    before.reverse();
    before.push((last, written));
    before
}

/// Words that number the parts of documents and the things in them, which
/// a number follows ("item 5", "paragraphs 3 and 4"), in the singular.
const NUMBERED: &[&str] = &[
    "item",
    "paragraph",
    "para",
    "recommendation",
    "page",
    "section",
    "rule",
    "chapter",
    "appendix",
    "annex",
    "question",
    "minute",
    "table",
    "figure",
];

/// "12 October", "8fed Gorffennaf": the first day and month written with no
/// year after them — (day, month, the words as written).
pub fn find_day_month(text: &str) -> Option<(u32, u32, &str)> {
    static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
        let names: Vec<&str> = MONTHS.iter().map(|(name, _)| *name).collect();
        Regex::new(&format!(
            r"(?i)\b([0-9]{{1,2}})\s?(?:{ORDINALS})?(?:\s+of)?\s+({})\b",
            names.join("|")
        ))
        .expect("valid regex")
    });
    let found = DAY_MONTH.captures(text)?;
    let whole = found.get(0)?;
    // A year after it is `find_date`'s.
    let after = text[whole.end()..].trim_start_matches([',', ' ']);
    if after.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((
        found[1].parse().ok()?,
        month_number(&found[2])?,
        whole.as_str(),
    ))
}

/// "in October 2022": a month and year with no day, straight after "in" at
/// the start of `text` — (year, month, the words as written).
pub fn month_year_at_start(text: &str) -> Option<(i32, u32, &str)> {
    static IN_MONTH: LazyLock<Regex> = LazyLock::new(|| {
        let names: Vec<&str> = MONTHS.iter().map(|(name, _)| *name).collect();
        Regex::new(&format!(
            r"(?i)^\s*in (({}),? ((?:19|20)[0-9]{{2}}))\b",
            names.join("|")
        ))
        .expect("valid regex")
    });
    let found = IN_MONTH.captures(text)?;
    Some((
        found[3].parse().ok()?,
        month_number(&found[2])?,
        found.get(1)?.as_str(),
    ))
}

/// "Wednesday 8th July", "8fed Gorffennaf": a day and a month with no year
/// (minutes naming their next meeting). The year is the one that puts the
/// date on or after `from` (the record's own date) within a year, and, where
/// a weekday is written before it, on that weekday — else nothing, since the
/// words do not say which year.
pub fn find_yearless_date(text: &str, from: NaiveDate) -> Option<(NaiveDate, &str)> {
    let (day, month, written) = find_day_month(text)?;
    let date = [from.year(), from.year() + 1]
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .find(|d| *d >= from)?;
    match weekday_before(text, written) {
        Some(day) if day != date.weekday() => None,
        _ => Some((date, written)),
    }
}

/// The year of the last month written with a year in `text` ("18 February
/// 2020", "June 2020"): the year a narrative is in at its end, for a day and
/// month written after it without one.
pub fn last_year_written(text: &str) -> Option<i32> {
    static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
        let names: Vec<&str> = MONTHS.iter().map(|(name, _)| *name).collect();
        Regex::new(&format!(
            r"(?i)\b(?:{}),?\s+((?:19|20)[0-9]{{2}})\b",
            names.join("|")
        ))
        .expect("valid regex")
    });
    MONTH_YEAR
        .captures_iter(text)
        .last()
        .and_then(|c| c[1].parse().ok())
}

/// The weekday a text writes just before a date found in it ("Wednesday 29
/// September 2022", "Friday, 19th July"), when it writes one.
pub fn weekday_before(text: &str, date_text: &str) -> Option<chrono::Weekday> {
    let at = text.find(date_text)?;
    let before = text[..at].trim_end_matches(|c: char| c.is_whitespace() || c == ',');
    let word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()?
        .to_ascii_lowercase();
    word.parse::<chrono::Weekday>()
        .ok()
        .filter(|_| word.len() > 3)
}

/// Drops a trailing weekday and the dashes and commas around it, in any case
/// ("Police and Crime Committee – Wednesday", "CORPORATE PARENTING PANEL –").
pub fn strip_trailing_weekday(text: &str) -> &str {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let separators = |c: char| c.is_whitespace() || ",-–—".contains(c);
    let trimmed = text.trim_start().trim_end_matches(separators);
    // ASCII lower-casing keeps byte offsets, so the cut below is on a boundary.
    let lower = trimmed.to_ascii_lowercase();
    match DAYS.iter().find(|day| lower.ends_with(*day)) {
        Some(day) => trimmed[..trimmed.len() - day.len()].trim_end_matches(separators),
        None => trimmed,
    }
}

/// Whether a line marks a blank page, the end of one document in a pack.
pub fn is_blank_page(line: &str) -> bool {
    line.len() < 80 && plain(line).eq_ignore_ascii_case("This page is intentionally left blank")
}

/// Whether a line is page furniture that carries no content.
pub fn is_page_furniture(line: &str) -> bool {
    // Furniture is short; a long line is content, whatever it holds.
    if line.len() > 80 {
        return false;
    }
    let plain = plain(line);
    plain.eq_ignore_ascii_case("This page is intentionally left blank")
        || plain.chars().all(|c| c == '-' || c == '_' || c == '*') && !plain.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_listed_before_the_one_that_gives_their_year() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let list = |text| -> Vec<(NaiveDate, &str)> { find_date_list(text) };
        assert_eq!(
            list("used its meetings on 22 June and 20 July 2022 to discuss"),
            vec![
                (d(2022, 6, 22), "22 June"),
                (d(2022, 7, 20), "20 July 2022")
            ]
        );
        assert_eq!(
            list("On 7 and 8 May 2025, the inquiry held"),
            vec![(d(2025, 5, 7), "7"), (d(2025, 5, 8), "8 May 2025")]
        );
        assert_eq!(
            list("on 3, 4 and 5th March 2024"),
            vec![
                (d(2024, 3, 3), "3"),
                (d(2024, 3, 4), "4"),
                (d(2024, 3, 5), "5th March 2024")
            ]
        );
        assert_eq!(
            list("between 22 December and 9 January 2025"),
            vec![
                (d(2024, 12, 22), "22 December"),
                (d(2025, 1, 9), "9 January 2025")
            ]
        );
        // Numbered things before a date are not days of it.
        assert_eq!(
            list("see items 5 and 8 May 2025"),
            vec![(d(2025, 5, 8), "8 May 2025")]
        );
        assert!(list("no date here").is_empty());
    }

    #[test]
    fn a_date_without_a_year_is_the_next_one_on_its_weekday() {
        let from = NaiveDate::from_ymd_opt(2020, 6, 10).unwrap();
        let (date, written) =
            find_yearless_date("held remotely on Wednesday 8th July followed by", from).unwrap();
        assert_eq!(
            (date.to_string().as_str(), written),
            ("2020-07-08", "8th July")
        );
        // Welsh: no weekday read, the next 8 July.
        let (date, _) = find_yearless_date("o bell ddydd Mercher 8fed Gorffennaf", from).unwrap();
        assert_eq!(date.to_string(), "2020-07-08");
        // A weekday the date does not fall on: no year can be chosen.
        assert!(find_yearless_date("on Monday 8th July", from).is_none());
        // Before the record's date: the next year's.
        let (date, _) = find_yearless_date("on 3 March", from).unwrap();
        assert_eq!(date.to_string(), "2021-03-03");
        // A year written is `find_date`'s, not this.
        assert!(find_yearless_date("on 8 July 2020", from).is_none());
    }

    #[test]
    fn lines_keep_exact_bytes() {
        let src = Source::new("d", "one\r\ntwo\n\nfour");
        assert_eq!(src.len(), 4);
        assert_eq!(src.line(2), "two");
        assert_eq!(src.line(3), "");
        assert_eq!(src.lines_text(1, 2), "one\r\ntwo");
        assert_eq!(src.span(4, 4).quote, "four");
        assert_eq!(src.quote(1, 2, "missing").quote, "one\r\ntwo");
    }

    #[test]
    fn plain_strips_markup() {
        assert_eq!(
            plain("**Date: Wednesday 8 March 2023**"),
            "Date: Wednesday 8 March 2023"
        );
        assert_eq!(plain("<b>Report to:</b>\t<b>PCC</b>"), "Report to: PCC");
        assert_eq!(plain("see [the site](http://x.y) now"), "see the site now");
        assert_eq!(plain("a < b and c > d"), "a < b and c > d");
    }

    #[test]
    fn weekdays_written_before_dates() {
        use chrono::Weekday;
        let text = "Committee (formal meeting) – Wednesday 29 September 2022";
        assert_eq!(
            weekday_before(text, "29 September 2022"),
            Some(Weekday::Wed)
        );
        assert_eq!(
            weekday_before("Friday, 19th July, 2024", "19th July, 2024"),
            Some(Weekday::Fri)
        );
        assert_eq!(weekday_before("held on 8 March 2023", "8 March 2023"), None);
    }

    #[test]
    fn slugs_and_dates() {
        assert_eq!(
            slug("Mayor’s Office for Policing and Crime"),
            "mayors-office-for-policing-and-crime"
        );
        assert_eq!(slug("  Item 6 – Panel Two "), "item-6-panel-two");
        assert_eq!(
            slug("Léonie Cooper, Siân Berry"),
            "leonie-cooper-sian-berry"
        );
        let (date, text) = find_date("London – Wednesday 8 March 2023Transcript").unwrap();
        assert_eq!(date.to_string(), "2023-03-08");
        assert_eq!(text, "8 March 2023");
        assert!(find_date("Pages 217 - 220").is_none());
        for (written, iso) in [
            (
                "CORPORATE PARENTING PANEL – 10th December 2024",
                "2024-12-10",
            ),
            ("Friday, 19th July, 2024", "2024-07-19"),
            ("Wednesday, 4 September 2019", "2019-09-04"),
            ("July 19, 2024", "2024-07-19"),
            ("on the 10th June 2020.", "2020-06-10"),
            ("24 SEPTEMBER 2009", "2009-09-24"),
            ("10 th December 2024", "2024-12-10"),
            ("ar y 10fed Mehefin 2020.", "2020-06-10"),
            ("Cyfarfod 10[fed] Mehefin 2020", "2020-06-10"),
            ("yr 11eg Mawrth 2020", "2020-03-11"),
            ("1af Mai 2021", "2021-05-01"),
        ] {
            assert_eq!(find_date(written).unwrap().0.to_string(), iso, "{written}");
        }
        assert!(find_date("31 February 2024").is_none());
        assert!(find_date("C4495 May 2023").is_none());
        assert_eq!(
            find_date("Date: 09/08/2024").unwrap().0.to_string(),
            "2024-08-09"
        );
    }
}
