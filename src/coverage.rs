//! Coverage: what the parse of one document understood, said plainly.
//!
//! For every document ingest records its kind (decided from evidence, with
//! the evidence), the regions found, the facts extracted by type, the share
//! of its non-blank lines that lie inside some fact's span, and warnings
//! where a kind's expected facts are missing. `ingest` prints it, the store
//! keeps it with the document and GraphQL serves it on `Document.coverage`.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::{Contribution, EdgeKind, NodeKind};
use crate::read::blocks::{Block, BlockKind};
use crate::text::Source;

/// What a document (or a region of one) is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocumentKind {
    /// The agenda of a meeting.
    Agenda,
    /// Minutes of a meeting.
    Minutes,
    /// A verbatim record of what was said.
    Transcript,
    /// A report, with or without numbered recommendations.
    Report,
    /// A response to a report's recommendations.
    Response,
    /// A letter.
    Letter,
    /// Nothing the parsers recognise.
    #[default]
    Other,
}

impl DocumentKind {
    /// The lower-case name used in reports, the API and the manifest.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Agenda => "agenda",
            DocumentKind::Minutes => "minutes",
            DocumentKind::Transcript => "transcript",
            DocumentKind::Report => "report",
            DocumentKind::Response => "response",
            DocumentKind::Letter => "letter",
            DocumentKind::Other => "other",
        }
    }
}

/// A run of lines the parse treated as one kind of thing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    /// What the region is.
    pub kind: DocumentKind,
    /// First line, 1-based.
    pub first: usize,
    /// Last line, inclusive.
    pub last: usize,
    /// Why: the heading or the wording that made it so.
    pub evidence: String,
}

/// The coverage report of one document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    /// The document's kind as the evidence decides it.
    pub kind: DocumentKind,
    /// The evidence, one short sentence each ("688 speaker turns").
    pub evidence: Vec<String>,
    /// The regions found.
    pub regions: Vec<Region>,
    /// Blocks of the outline by kind (`heading`, `paragraph`, `list-item`, `table-row`).
    pub blocks: BTreeMap<String, usize>,
    /// Facts extracted: nodes by kind, plus `attendance:{status}`.
    pub facts: BTreeMap<String, usize>,
    /// Non-blank lines of the normalised text.
    pub lines: usize,
    /// Non-blank lines inside some node's or edge's span (the document's own
    /// title line not counted).
    pub covered_lines: usize,
    /// Lines left out of the text as page furniture (PDF).
    pub furniture_lines: usize,
    /// Pages, for a PDF.
    pub pages: usize,
    /// What was expected and not found, and what could not be read.
    pub warnings: Vec<String>,
}

impl Coverage {
    /// `covered_lines / lines`, 0 for an empty text.
    pub fn share(&self) -> f64 {
        if self.lines == 0 {
            0.0
        } else {
            self.covered_lines as f64 / self.lines as f64
        }
    }

    /// How many facts of `key` (a node kind, or `attendance:{status}`).
    pub fn count(&self, key: &str) -> usize {
        self.facts.get(key).copied().unwrap_or(0)
    }
}

impl fmt::Display for Coverage {
    /// One line: kind, the main facts, coverage.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.kind.as_str())?;
        let shown: Vec<String> = self
            .facts
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "document" | "membership" | "post"))
            .map(|(k, v)| format!("{v} {k}"))
            .collect();
        if !shown.is_empty() {
            write!(f, "; {}", shown.join(", "))?;
        }
        write!(
            f,
            "; {:.0}% of {} lines covered",
            self.share() * 100.0,
            self.lines
        )?;
        if self.pages > 0 {
            write!(
                f,
                "; {} pages, {} furniture lines left out",
                self.pages, self.furniture_lines
            )?;
        }
        Ok(())
    }
}

/// What the parsers saw, beyond the facts: counts the kind decision needs.
#[derive(Clone, Debug, Default)]
pub struct Signals {
    /// Lines that open with something shaped like a speaker label.
    pub label_lines: usize,
    /// Lines that open with an attendance label (`Present:`, `Apologies`).
    pub attendance_labels: usize,
    /// Headings or opening lines that say "minutes".
    pub minutes_words: usize,
    /// Headings or opening lines that say "agenda".
    pub agenda_words: usize,
    /// Headings that say "recommendation(s)".
    pub recommendation_headings: usize,
    /// A salutation and a sign-off.
    pub letter: bool,
    /// Headings or lines that say "response to".
    pub response_words: usize,
    /// Regions the parsers claimed.
    pub regions: Vec<Region>,
    /// Bare names ("Matt Toombs") that open lines often enough to be
    /// speaker labels.
    pub repeated_labels: std::collections::BTreeSet<String>,
}

/// Builds the coverage report of a parsed document.
pub fn report(
    src: &Source<'_>,
    blocks: &[Block],
    contribution: &Contribution,
    signals: &Signals,
    doc_key: &str,
) -> Coverage {
    let mut facts: BTreeMap<String, usize> = BTreeMap::new();
    for node in contribution.nodes.values() {
        // A recommendation's lettered parts are counted apart from it.
        let kind = match node.prop("part") {
            Some(_) if node.kind == NodeKind::Recommendation => "recommendation-part",
            _ => node.kind.as_str(),
        };
        *facts.entry(kind.to_owned()).or_default() += 1;
        if node.kind == NodeKind::Attendance {
            if let Some(status) = node.prop("status") {
                *facts.entry(format!("attendance:{status}")).or_default() += 1;
            }
        }
    }
    let mentions = contribution
        .edges
        .values()
        .filter(|e| e.kind == EdgeKind::Mentions)
        .count();
    if mentions > 0 {
        facts.insert("mentions".to_owned(), mentions);
    }
    let mut covered = vec![false; src.len() + 1];
    // An organisation found only by its shape in running text ("the … Board")
    // says nothing of the text's structure: neither its node nor the
    // mentions of it cover a line.
    let in_passing: std::collections::HashSet<&str> = contribution
        .nodes
        .values()
        .filter(|n| n.prop(crate::model::NAME_SOURCE) == Some("named-in-text"))
        .map(|n| n.key.as_str())
        .collect();
    let spans = contribution
        .nodes
        .values()
        .filter(|n| n.key != doc_key && !in_passing.contains(n.key.as_str()))
        .flat_map(|n| &n.provenance)
        .chain(
            contribution
                .edges
                .values()
                .filter(|e| {
                    !(e.kind == crate::model::EdgeKind::Mentions
                        && in_passing.contains(e.target.as_str()))
                })
                .flat_map(|e| &e.provenance),
        );
    for span in spans.filter(|s| s.document == src.id) {
        let last = (span.last_line as usize).min(src.len());
        for flag in covered
            .iter_mut()
            .take(last + 1)
            .skip(span.first_line as usize)
        {
            *flag = true;
        }
    }
    let filled = |n: &usize| !src.line(*n).trim().is_empty();
    let lines = (1..=src.len()).filter(filled).count();
    let covered_lines = (1..=src.len())
        .filter(filled)
        .filter(|&n| covered[n])
        .count();
    let mut block_counts: BTreeMap<String, usize> = BTreeMap::new();
    for block in blocks {
        let name = match block.kind {
            BlockKind::Heading { .. } => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::ListItem { .. } => "list-item",
            BlockKind::TableRow => "table-row",
            BlockKind::Directive => "directive",
        };
        *block_counts.entry(name.to_owned()).or_default() += 1;
    }
    let mut coverage = Coverage {
        blocks: block_counts,
        facts,
        lines,
        covered_lines,
        regions: signals.regions.clone(),
        ..Coverage::default()
    };
    let (kind, evidence) = classify(&coverage, signals);
    coverage.kind = kind;
    coverage.evidence = evidence;
    coverage.warnings = expectations(&coverage, signals);
    coverage
}

/// Decides the kind from what was found, strongest evidence first.
fn classify(coverage: &Coverage, signals: &Signals) -> (DocumentKind, Vec<String>) {
    let turns = coverage.count("statement");
    let recommendations = coverage.count("recommendation");
    let responses = coverage.count("response");
    let attendance = coverage.count("attendance");
    let mut evidence = Vec::new();
    let mut say = |cond: bool, text: String| {
        if cond {
            evidence.push(text);
        }
    };
    say(turns > 0, format!("{turns} statements"));
    say(
        signals.label_lines > 0,
        format!("{} lines open with a speaker label", signals.label_lines),
    );
    say(
        recommendations > 0,
        format!("{recommendations} recommendations"),
    );
    say(responses > 0, format!("{responses} responses"));
    say(attendance > 0, format!("{attendance} attendance records"));
    say(
        signals.attendance_labels > 0,
        format!(
            "{} attendance labels (Present, Apologies …)",
            signals.attendance_labels
        ),
    );
    say(
        signals.minutes_words > 0,
        "headings or opening lines say \"minutes\"".to_owned(),
    );
    say(
        signals.agenda_words > 0,
        "headings or opening lines say \"agenda\"".to_owned(),
    );
    say(signals.letter, "a salutation and a sign-off".to_owned());
    say(
        signals.response_words > 0,
        format!("{} headings say \"response to\"", signals.response_words),
    );
    let mut region_kinds: Vec<DocumentKind> = signals.regions.iter().map(|r| r.kind).collect();
    region_kinds.sort();
    region_kinds.dedup();
    let pack = region_kinds.contains(&DocumentKind::Agenda) && region_kinds.len() >= 2;
    say(
        pack,
        format!(
            "an agenda pack: an agenda and {} regions of {} kinds",
            signals.regions.len(),
            region_kinds.len()
        ),
    );
    // A pack holds minutes, transcripts and reports behind its agenda: it is
    // the agenda's document, its regions say the rest.
    let kind = if pack {
        DocumentKind::Agenda
    } else if turns >= 10 && turns * 2 >= signals.label_lines {
        DocumentKind::Transcript
    } else if responses >= 2 || (signals.response_words >= 2 && recommendations > 0) {
        DocumentKind::Response
    } else if attendance > 0 || signals.attendance_labels >= 2 || signals.minutes_words > 0 {
        DocumentKind::Minutes
    } else if recommendations > 0 || signals.recommendation_headings > 0 {
        DocumentKind::Report
    } else if signals.letter {
        DocumentKind::Letter
    } else if signals.agenda_words > 0 {
        DocumentKind::Agenda
    } else {
        DocumentKind::Other
    };
    (kind, evidence)
}

/// Warnings where a kind's expected facts are missing.
fn expectations(coverage: &Coverage, signals: &Signals) -> Vec<String> {
    let mut warnings = Vec::new();
    let turns = coverage.count("statement");
    if coverage.kind == DocumentKind::Minutes && coverage.count("attendance") == 0 {
        warnings.push(
            "minutes with no attendance: no Present / Apologies list was understood".to_owned(),
        );
    }
    if coverage.kind == DocumentKind::Minutes && coverage.count("meeting") == 0 {
        warnings.push(
            "minutes with no meeting: no body and date were found in the opening lines".to_owned(),
        );
    }
    if signals.label_lines >= 5 && turns * 2 < signals.label_lines {
        warnings.push(format!(
            "{} lines look like speaker labels but only {turns} turns were read",
            signals.label_lines
        ));
    }
    // A response quotes the recommendations it answers under their headings.
    if signals.recommendation_headings > 0
        && coverage.count("recommendation") == 0
        && coverage.kind != DocumentKind::Response
    {
        warnings.push(format!(
            "{} headings say \"recommendations\" but no recommendation was found",
            signals.recommendation_headings
        ));
    }
    // An article or a message is "other" yet yields facts; a document is only
    // said to be unrecognised when little of it was understood.
    if coverage.kind == DocumentKind::Other && coverage.lines > 0 && coverage.share() < 0.2 {
        warnings.push(format!(
            "no structure recognised: not an agenda, minutes, transcript, report, response or letter by any evidence ({} of {} lines inside an extracted fact)",
            coverage.covered_lines, coverage.lines
        ));
    } else if coverage.lines > 0 && coverage.share() < 0.05 {
        warnings.push(format!(
            "almost nothing was understood: {} of {} lines are inside an extracted fact",
            coverage.covered_lines, coverage.lines
        ));
    } else if coverage.lines > 0 && coverage.share() < 0.2 {
        // A document of a known kind whose prose is mostly unread (a
        // report's reasons, minutes' discussion) says so too, with the figure.
        warnings.push(format!(
            "little was understood: {} of {} lines are inside an extracted fact; the rest was not read",
            coverage.covered_lines, coverage.lines
        ));
    }
    warnings
}
