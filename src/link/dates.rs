//! Dates as written: every place that dates a meeting, and where they
//! disagree.
//!
//! A meeting is keyed by the date its sources number ("29 September 2022"),
//! but a source may also name the weekday, and the two can disagree: a
//! report's "Wednesday 29 September 2022" (a Thursday) is two readings, the
//! 29th and the Wednesday before it. Both are kept, each with its sources,
//! and the meeting says whether its own record (the header of its minutes,
//! agenda or transcript) gives the date, and which.
//!
//! The readings are written to the meeting's `date_readings` property as
//! JSON (a list of `DateReading`), and `date_disputed` is set where they
//! disagree; the API serves them as `Meeting.dateReadings`.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::model::{Edge, EdgeKind, Node, NodeKind, Span};
use crate::store::DocumentRecord;
use crate::text::{find_date, find_day_month, weekday_before, Source};

/// Lines after a record's heading that are its header (date, time, place).
const HEADER_LINES: u32 = 12;

/// One reading of a meeting's date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateReading {
    /// The date this reading gives (ISO 8601).
    pub date: String,
    /// How it was read: "date" (the day, month and year as written) or
    /// "weekday" (the weekday written with a date it does not fall on: the
    /// nearest such day).
    pub basis: String,
    /// The words as first written.
    pub as_written: String,
    /// Whether the meeting's own record gives it.
    pub of_record: bool,
    /// Every place that gives it.
    pub sources: Vec<Span>,
}

/// Writes each meeting's date readings, from its spans.
pub fn date_readings(
    nodes: &mut [Node],
    edges: &[Edge],
    documents: &HashMap<String, Arc<DocumentRecord>>,
) {
    // meeting → the lines its records' headings are on
    let mut records: HashMap<&str, Vec<(&str, u32)>> = HashMap::new();
    for edge in edges.iter().filter(|e| e.kind == EdgeKind::Records) {
        for span in &edge.provenance {
            records
                .entry(edge.target.as_str())
                .or_default()
                .push((span.document.as_str(), span.first_line));
        }
    }
    // Each document's lines, split once, not once per span.
    let sources: HashMap<&str, Source> = documents
        .iter()
        .map(|(id, record)| (id.as_str(), Source::new(&record.meta.id, &record.text)))
        .collect();
    for node in nodes.iter_mut().filter(|n| n.kind == NodeKind::Meeting) {
        let heads = records.get(node.key.as_str()).cloned().unwrap_or_default();
        let mut readings: BTreeMap<(String, String), DateReading> = BTreeMap::new();
        for span in &node.provenance {
            let Some(src) = sources.get(span.document.as_str()) else {
                continue;
            };
            if span.first_line as usize > src.len() {
                continue;
            }
            let line = src.line(span.first_line as usize);
            // "17 February": a day and month whose year the parser read
            // from the text before (`year_from_line`); the meeting's date
            // has it. Only a quote that is no date at all is read from its
            // line, whose first date may be another meeting's.
            let yearless = || {
                let (_, _, written) = find_day_month(&span.quote)?;
                let date = node.props.get("date")?.parse().ok()?;
                Some((date, written))
            };
            let Some((date, date_text)) = find_date(&span.quote)
                .or_else(yearless)
                .or_else(|| find_date(line))
            else {
                continue;
            };
            let of_record = heads.iter().any(|(doc, head)| {
                *doc == span.document && (*head..=*head + HEADER_LINES).contains(&span.first_line)
            });
            let weekday = weekday_before(line, date_text);
            let as_written = match weekday {
                Some(day) => format!("{} {date_text}", full_name(day)),
                None => date_text.to_owned(),
            };
            let source = src.quote_line(span.first_line as usize, date_text);
            let mut add = |date: NaiveDate, basis: &str, source: Span| {
                let reading = readings
                    .entry((date.to_string(), basis.to_owned()))
                    .or_insert_with(|| DateReading {
                        date: date.to_string(),
                        basis: basis.to_owned(),
                        as_written: as_written.clone(),
                        of_record: false,
                        sources: Vec::new(),
                    });
                reading.of_record |= of_record;
                if !reading.sources.contains(&source) {
                    reading.sources.push(source);
                }
            };
            add(date, "date", source.clone());
            if let Some(day) = weekday.filter(|d| *d != date.weekday()) {
                let written = src.quote_line(span.first_line as usize, full_name(day));
                add(nearest(date, day), "weekday", written);
            }
        }
        let readings: Vec<DateReading> = readings.into_values().collect();
        let dates: std::collections::BTreeSet<&str> =
            readings.iter().map(|r| r.date.as_str()).collect();
        if dates.len() > 1 {
            node.props.insert("date_disputed".into(), "true".into());
        }
        if let Some(record) = readings.iter().find(|r| r.of_record && r.basis == "date") {
            node.props
                .insert("date_of_record".into(), record.date.clone());
        }
        if !readings.is_empty() {
            node.props.insert(
                "date_readings".into(),
                serde_json::to_string(&readings).expect("readings serialise"),
            );
        }
    }
}

/// The weekday's name as documents write it.
fn full_name(day: chrono::Weekday) -> &'static str {
    use chrono::Weekday::*;
    match day {
        Mon => "Monday",
        Tue => "Tuesday",
        Wed => "Wednesday",
        Thu => "Thursday",
        Fri => "Friday",
        Sat => "Saturday",
        Sun => "Sunday",
    }
}

/// The day nearest `date` that falls on `day` (the earlier of two as near).
fn nearest(date: NaiveDate, day: chrono::Weekday) -> NaiveDate {
    let ahead = (7 + day.num_days_from_monday() - date.weekday().num_days_from_monday()) % 7;
    if ahead <= 3 {
        date + Duration::days(ahead.into())
    } else {
        date - Duration::days((7 - ahead).into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_weekday_that_disagrees_gives_the_nearest_such_day() {
        let thursday = NaiveDate::from_ymd_opt(2022, 9, 29).unwrap();
        assert_eq!(
            nearest(thursday, chrono::Weekday::Wed).to_string(),
            "2022-09-28"
        );
        assert_eq!(
            nearest(thursday, chrono::Weekday::Fri).to_string(),
            "2022-09-30"
        );
        assert_eq!(
            nearest(thursday, chrono::Weekday::Mon).to_string(),
            "2022-09-26"
        );
    }
}
