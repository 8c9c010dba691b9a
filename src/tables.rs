//! Flat tables for journalists: statements, recommendations with their
//! responses, actions and attendance, as rows of strings with a header. The
//! server renders them as CSV or JSON; the filters are plain query parameters.

use std::collections::BTreeMap;

use petgraph::graph::NodeIndex;
use serde::Serialize;

use crate::index::Graph;
use crate::model::{EdgeKind, NodeKind};

/// A table: column names and rows of the same width.
#[derive(Debug, Default, Serialize)]
pub struct Table {
    /// Column names.
    pub header: Vec<&'static str>,
    /// One row per record.
    pub rows: Vec<Vec<String>>,
}

/// A filter naming something the graph does not hold, or of a value it cannot take.
#[derive(Debug, thiserror::Error)]
pub enum UnknownFilter {
    #[error("no {kind} matches {value:?} (filter `{filter}`)")]
    Node {
        /// The query parameter.
        filter: &'static str,
        /// What kind of node it names.
        kind: NodeKind,
        /// The value given.
        value: String,
    },
    #[error("no filter `{filter}` on this table; its filters are {}", .known.join(", "))]
    Name {
        /// The query parameter given.
        filter: String,
        /// The filters the table takes.
        known: &'static [&'static str],
    },
    #[error("filter `{filter}` takes {expected}, not {value:?}")]
    Value {
        /// The query parameter.
        filter: &'static str,
        /// The values it takes.
        expected: &'static str,
        /// The value given.
        value: String,
    },
}

/// The tables served, by URL name.
pub const TABLES: &[&str] = &["statements", "recommendations", "actions", "attendance"];

/// Builds the named table with the given filters; `None` for an unknown table.
pub fn build(
    graph: &Graph,
    name: &str,
    filters: &BTreeMap<String, String>,
) -> Option<Result<Table, UnknownFilter>> {
    let known: &'static [&'static str] = match name {
        "statements" => &["speaker", "organisation", "meeting", "about", "about_basis"],
        "recommendations" => &["report", "stance"],
        "actions" => &["meeting", "status"],
        "attendance" => &["meeting", "person", "status"],
        _ => return None,
    };
    // A misspelt filter ("?spekaer=") must not quietly return every row.
    if let Some(filter) = filters.keys().find(|f| !known.contains(&f.as_str())) {
        return Some(Err(UnknownFilter::Name {
            filter: filter.clone(),
            known,
        }));
    }
    Some(match name {
        "statements" => statements(graph, filters),
        "recommendations" => recommendations(graph, filters),
        "actions" => actions(graph, filters),
        "attendance" => attendance(graph, filters),
        _ => return None,
    })
}

fn resolve(
    graph: &Graph,
    filters: &BTreeMap<String, String>,
    filter: &'static str,
    kind: NodeKind,
) -> Result<Option<NodeIndex>, UnknownFilter> {
    match filters.get(filter) {
        None => Ok(None),
        Some(value) => graph
            .resolve(kind, value)
            .map(Some)
            .ok_or_else(|| UnknownFilter::Node {
                filter,
                kind,
                value: value.clone(),
            }),
    }
}

fn any_node(
    graph: &Graph,
    filters: &BTreeMap<String, String>,
    filter: &'static str,
) -> Result<Option<NodeIndex>, UnknownFilter> {
    match filters.get(filter) {
        None => Ok(None),
        Some(value) => {
            let found = graph.get(value).or_else(|| {
                [
                    NodeKind::Person,
                    NodeKind::Organisation,
                    NodeKind::Document,
                    NodeKind::Post,
                ]
                .iter()
                .find_map(|&k| graph.resolve(k, value))
            });
            found.map(Some).ok_or_else(|| UnknownFilter::Node {
                filter,
                kind: NodeKind::Document,
                value: value.clone(),
            })
        }
    }
}

fn prop(graph: &Graph, idx: NodeIndex, key: &str) -> String {
    graph.node(idx).prop(key).unwrap_or_default().to_owned()
}

fn name_of(graph: &Graph, idx: Option<NodeIndex>) -> String {
    idx.map(|i| graph.node(i).name.clone()).unwrap_or_default()
}

fn key_of(graph: &Graph, idx: Option<NodeIndex>) -> String {
    idx.map(|i| graph.node(i).key.clone()).unwrap_or_default()
}

/// Statements, filtered by `speaker`, `organisation`, `meeting` (id) and
/// `about` (a node they are about: person, organisation, report — named, or
/// by context), with `about_basis` (`explicit` or `context`) to keep one kind;
/// the `about_basis` column says which each row is.
fn statements(graph: &Graph, filters: &BTreeMap<String, String>) -> Result<Table, UnknownFilter> {
    let speaker = resolve(graph, filters, "speaker", NodeKind::Person)?;
    let organisation = resolve(graph, filters, "organisation", NodeKind::Organisation)?;
    let meeting = resolve(graph, filters, "meeting", NodeKind::Meeting)?;
    let about = any_node(graph, filters, "about")?;
    let bases: &[(&str, EdgeKind)] = match filters.get("about_basis").map(String::as_str) {
        None => &[
            ("explicit", EdgeKind::Mentions),
            ("context", EdgeKind::About),
        ],
        Some("explicit") => &[("explicit", EdgeKind::Mentions)],
        Some("context") => &[("context", EdgeKind::About)],
        Some(other) => {
            return Err(UnknownFilter::Value {
                filter: "about_basis",
                expected: "`explicit` or `context`",
                value: other.to_owned(),
            })
        }
    };
    let mut table = Table {
        header: vec![
            "id",
            "date",
            "meeting",
            "agenda_item",
            "speaker",
            "speaker_label",
            "role_as_labelled",
            "organisation",
            "kind",
            "text",
            "document",
            "first_line",
            "last_line",
            "about_basis",
        ],
        rows: Vec::new(),
    };
    for &s in graph.of_kind(NodeKind::Statement) {
        let basis = about.and_then(|a| {
            bases
                .iter()
                .find(|(_, kind)| graph.edge_between(s, *kind, a).is_some())
                .map(|(name, _)| *name)
        });
        let who = graph.incoming(s, EdgeKind::Spoke).into_iter().next();
        let org = graph.out_one(s, EdgeKind::SpeakingFor);
        let at = graph.out_one(s, EdgeKind::AtMeeting);
        let keep = speaker.is_none_or(|p| who == Some(p))
            && organisation.is_none_or(|o| org == Some(o))
            && meeting.is_none_or(|m| at == Some(m))
            && (about.is_none() || basis.is_some());
        if !keep {
            continue;
        }
        let node = graph.node(s);
        let span = &node.provenance[0];
        let kind = match (node.prop("kind"), node.prop("verbatim")) {
            (Some(kind), _) => kind,
            (None, Some("false")) => "reported",
            _ => "turn",
        };
        table.rows.push(vec![
            node.key.clone(),
            prop(graph, s, "date"),
            key_of(graph, at),
            name_of(graph, graph.out_one(s, EdgeKind::InItem)),
            name_of(graph, who),
            prop(graph, s, "speaker_label"),
            prop(graph, s, "role_as_labelled"),
            name_of(graph, org),
            kind.to_owned(),
            prop(graph, s, "text"),
            span.document.clone(),
            span.first_line.to_string(),
            span.last_line.to_string(),
            basis.unwrap_or_default().to_owned(),
        ]);
    }
    Ok(table)
}

/// Recommendations with one row per response (or one row with none), filtered
/// by `report` (id or title), `addressee` and `stance`.
fn recommendations(
    graph: &Graph,
    filters: &BTreeMap<String, String>,
) -> Result<Table, UnknownFilter> {
    // A report by id or title; letters can carry the same title as their subject.
    let report = match filters.get("report") {
        None => None,
        Some(value) => Some(
            graph
                .get(value)
                .or_else(|| {
                    graph
                        .by_name(NodeKind::Document, value)
                        .into_iter()
                        .find(|&i| graph.node(i).prop("kind") == Some("report"))
                })
                .ok_or_else(|| UnknownFilter::Node {
                    filter: "report",
                    kind: NodeKind::Document,
                    value: value.clone(),
                })?,
        ),
    };
    let addressee = any_node(graph, filters, "addressee")?;
    let stance = filters.get("stance");
    let mut table = Table {
        header: vec![
            "report",
            "number",
            "recommendation",
            "addressed_to",
            "respondent",
            "stance",
            "date",
            "signatory",
            "quote",
            "response_id",
        ],
        rows: Vec::new(),
    };
    for &r in graph.of_kind(NodeKind::Recommendation) {
        let of = graph.incoming(r, EdgeKind::Recommends).into_iter().next();
        let addressed: Vec<NodeIndex> = graph.out(r, EdgeKind::AddressedTo);
        if report.is_some_and(|rep| of != Some(rep))
            || addressee.is_some_and(|a| !addressed.contains(&a))
        {
            continue;
        }
        let addressed_to = addressed
            .iter()
            .map(|&a| graph.node(a).name.clone())
            .collect::<Vec<_>>()
            .join("; ");
        let base = vec![
            name_of(graph, of),
            prop(graph, r, "number"),
            prop(graph, r, "text"),
            addressed_to,
        ];
        let responses: Vec<NodeIndex> = graph
            .incoming(r, EdgeKind::RespondsTo)
            .into_iter()
            .filter(|&x| stance.is_none_or(|s| graph.node(x).prop("stance") == Some(s.as_str())))
            .collect();
        if responses.is_empty() && stance.is_none() {
            let mut row = base.clone();
            row.extend(std::iter::repeat_n(String::new(), 6));
            table.rows.push(row);
        }
        for x in responses {
            let mut row = base.clone();
            row.extend([
                name_of(graph, graph.out_one(x, EdgeKind::Respondent)),
                prop(graph, x, "stance"),
                prop(graph, x, "date"),
                name_of(graph, graph.out_one(x, EdgeKind::SignedBy)),
                prop(graph, x, "quote"),
                graph.node(x).key.clone(),
            ]);
            table.rows.push(row);
        }
    }
    Ok(table)
}

/// Actions from meetings, filtered by `status` and `meeting` (id).
fn actions(graph: &Graph, filters: &BTreeMap<String, String>) -> Result<Table, UnknownFilter> {
    let meeting = resolve(graph, filters, "meeting", NodeKind::Meeting)?;
    let status = filters.get("status");
    let mut table = Table {
        header: vec![
            "meeting",
            "date",
            "item",
            "item_title",
            "responsible",
            "action",
            "status",
            "status_text",
            "id",
        ],
        rows: Vec::new(),
    };
    for &a in graph.of_kind(NodeKind::Action) {
        let from = graph.out_one(a, EdgeKind::ArisesFrom);
        let is_action = graph.node(a).prop("kind").is_none();
        if !is_action
            || meeting.is_some_and(|m| from != Some(m))
            || status.is_some_and(|s| graph.node(a).prop("status") != Some(s.as_str()))
        {
            continue;
        }
        table.rows.push(vec![
            key_of(graph, from),
            from.map(|m| prop(graph, m, "date")).unwrap_or_default(),
            prop(graph, a, "item"),
            prop(graph, a, "item_title"),
            prop(graph, a, "responsible"),
            prop(graph, a, "text"),
            prop(graph, a, "status"),
            prop(graph, a, "status_text"),
            graph.node(a).key.clone(),
        ]);
    }
    Ok(table)
}

/// Attendance, filtered by `meeting` (id), `person` and `status`.
fn attendance(graph: &Graph, filters: &BTreeMap<String, String>) -> Result<Table, UnknownFilter> {
    let meeting = resolve(graph, filters, "meeting", NodeKind::Meeting)?;
    let person = resolve(graph, filters, "person", NodeKind::Person)?;
    let status = filters.get("status");
    let mut table = Table {
        header: vec![
            "meeting",
            "date",
            "person",
            "status",
            "role",
            "organisation",
            "substitute_for",
        ],
        rows: Vec::new(),
    };
    for &a in graph.of_kind(NodeKind::Attendance) {
        let at = graph.out_one(a, EdgeKind::Attended);
        let who = graph.out_one(a, EdgeKind::Attendee);
        let keep = meeting.is_none_or(|m| at == Some(m))
            && person.is_none_or(|p| who == Some(p))
            && status.is_none_or(|s| {
                let own = graph.node(a).prop("status");
                // A substitute was present too.
                own == Some(s.as_str()) || (s == "present" && own == Some("substitute"))
            });
        if !keep {
            continue;
        }
        table.rows.push(vec![
            key_of(graph, at),
            at.map(|m| prop(graph, m, "date")).unwrap_or_default(),
            name_of(graph, who),
            prop(graph, a, "status"),
            prop(graph, a, "role"),
            prop(graph, a, "organisation"),
            name_of(graph, graph.out_one(a, EdgeKind::SubstituteFor)),
        ]);
    }
    Ok(table)
}

/// The table as CSV (RFC 4180 quoting: quotes doubled, fields with commas,
/// quotes or newlines quoted).
///
/// A cell a spreadsheet would run as a formula (it begins with `=`, `+`,
/// `-`, `@`, a tab or a carriage return) is written with a `'` before it, as
/// OWASP advises against CSV injection: a quote of `=HYPERLINK(…)` stays text.
pub fn to_csv(table: &Table) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(&table.header)
        .expect("writing to memory");
    for row in &table.rows {
        writer
            .write_record(row.iter().map(|cell| neutralise(cell).into_owned()))
            .expect("writing to memory");
    }
    writer.into_inner().expect("writing to memory")
}

/// The cell as a spreadsheet will show it, never run it.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// The table as JSON: an array of objects keyed by column name.
pub fn to_json(table: &Table) -> serde_json::Value {
    serde_json::Value::Array(
        table
            .rows
            .iter()
            .map(|row| {
                serde_json::Value::Object(
                    table
                        .header
                        .iter()
                        .zip(row)
                        .map(|(k, v)| ((*k).to_owned(), serde_json::Value::String(v.clone())))
                        .collect(),
                )
            })
            .collect(),
    )
}
