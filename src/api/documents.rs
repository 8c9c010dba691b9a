//! Documents: source files and their parts, reports, letters.

use async_graphql::SimpleObject;
use chrono::NaiveDate;

use async_graphql::Object;

use super::actors::{Party, Person};
use super::meetings::Meeting;
use super::view::node_type;
use crate::index::fold_name;
use crate::model::EdgeKind;

node_type! {
    /// A document: a source file, or a part of one (minutes, a transcript).
    Document [statements("Speaker turns in this transcript.", incoming, InDocument)] {
        /// The title.
        async fn title(&self) -> String {
            self.0.node().name.clone()
        }

        /// What it is: agenda-pack, minutes, transcript, letter, article, ...
        async fn kind(&self) -> Option<String> {
            self.0.prop("kind")
        }

        /// Its date.
        async fn date(&self) -> Option<NaiveDate> {
            self.0.date("date")
        }

        /// Publisher as the manifest names it.
        async fn publisher(&self) -> Option<String> {
            self.0.prop("publisher")
        }

        /// The source file name.
        async fn file_name(&self) -> Option<String> {
            self.0.prop("file_name")
        }

        /// The format of the source file (pdf, html, rst, text), for a
        /// document read from a file.
        async fn format(&self) -> Option<&'static str> {
            let record = self.record()?;
            record.reading.format.map(crate::read::Format::as_str)
        }

        /// How many pages the source PDF has text on.
        async fn page_count(&self) -> Option<usize> {
            let record = self.record()?;
            (!record.reading.pages.is_empty()).then_some(record.reading.pages.len())
        }

        /// SHA-256 of the original file, for a PDF or HTML source (whose
        /// normalised text is served at `/source/{id}`, the file at
        /// `/source/{id}/original`).
        async fn original_sha256(&self) -> Option<String> {
            let record = self.record()?;
            record.reading.original_sha256.clone()
        }

        /// What ingest understood of this source file: its kind with the
        /// evidence, facts by type, the share of lines covered, warnings.
        async fn coverage(&self) -> Option<Coverage> {
            let record = self.record()?;
            record.reading.coverage.clone().map(Coverage)
        }

        /// The panel of a transcript, when a session had several.
        async fn panel(&self) -> Option<String> {
            self.0.prop("panel")
        }

        /// The document this one is part of.
        async fn part_of(&self) -> Option<Document> {
            self.0.out_one(EdgeKind::PartOf)
        }

        /// The documents inside this one.
        async fn parts(&self) -> Vec<Document> {
            self.0.incoming(EdgeKind::PartOf)
        }

        /// A letter's subject line.
        async fn subject(&self) -> Option<String> {
            self.0.prop("subject")
        }

        /// Who wrote it: the organisation of a letter's sender or a report's committee.
        async fn author(&self) -> Option<super::actors::Organisation> {
            let target = self.0.graph.out(self.0.idx, EdgeKind::AuthoredBy).into_iter().find(|&t| self.0.graph.node(t).kind == crate::model::NodeKind::Organisation)?;
            Some(super::actors::Organisation(self.0.at(target)))
        }

        /// The person a byline names ("A message from …").
        async fn byline(&self) -> Option<Person> {
            let target = self.0.graph.out(self.0.idx, EdgeKind::AuthoredBy).into_iter().find(|&t| self.0.graph.node(t).kind == crate::model::NodeKind::Person)?;
            Some(Person(self.0.at(target)))
        }

        /// Reader comments and other statements the document holds.
        async fn comments(&self) -> Vec<super::statements::Statement> {
            let graph = &self.0.graph;
            graph
                .incoming(self.0.idx, EdgeKind::InDocument)
                .into_iter()
                .filter(|&idx| graph.node(idx).prop("kind") == Some("comment"))
                .map(|idx| super::statements::Statement(self.0.at(idx)))
                .collect()
        }

        /// Milestones a progress update reports on.
        async fn milestones(&self) -> Vec<super::meetings::Action> {
            let graph = &self.0.graph;
            graph
                .incoming(self.0.idx, EdgeKind::PartOf)
                .into_iter()
                .filter(|&idx| graph.node(idx).kind == crate::model::NodeKind::Action)
                .map(|idx| super::meetings::Action(self.0.at(idx)))
                .collect()
        }

        /// Who signed it, with the title under the signature.
        async fn signatories(&self) -> Vec<Signature> {
            let graph = &self.0.graph;
            graph
                .out_edges(self.0.idx, EdgeKind::SignedBy)
                .into_iter()
                .map(|(idx, edge)| Signature { person: Person(self.0.at(idx)), title: edge.prop("title").map(str::to_owned) })
                .collect()
        }

        /// Who it is addressed to (`as`: "to" or "cc").
        async fn recipients(&self) -> Vec<Recipient> {
            self.0
                .graph
                .out_edges(self.0.idx, EdgeKind::AddressedTo)
                .into_iter()
                .filter_map(|(idx, edge)| {
                    let party = Party::from_view(self.0.at(idx))?;
                    Some(Recipient { party, r#as: edge.prop("as").unwrap_or("to").to_owned(), title: edge.prop("title").map(str::to_owned) })
                })
                .collect()
        }

        /// A report's recommendations in number order; `addressee` keeps those
        /// addressed to an organisation or post (id, name or abbreviation).
        async fn recommendations(&self, addressee: Option<String>) -> Vec<Recommendation> {
            let all: Vec<Recommendation> = self.0.out(EdgeKind::Recommends);
            match addressee {
                None => all,
                Some(wanted) => all.into_iter().filter(|r| r.is_addressed_to(&wanted)).collect(),
            }
        }

        /// Responses to the document as a whole (a letter the minutes record
        /// as noted), and responses a letter holds.
        async fn responses(&self) -> Vec<Response> {
            // Statements a document reports are in it too: only responses count.
            let graph = &self.0.graph;
            [EdgeKind::RespondsTo, EdgeKind::InDocument]
                .into_iter()
                .flat_map(|kind| graph.incoming(self.0.idx, kind))
                .filter(|&idx| graph.node(idx).kind == crate::model::NodeKind::Response)
                .map(|idx| Response(self.0.at(idx)))
                .collect()
        }

        /// Footnotes the document's text cites, in number order.
        async fn citations(&self) -> Vec<Citation> {
            self.0.out(EdgeKind::Cites)
        }

        /// Meetings its footnotes cite (transcripts of evidence), in date order.
        async fn cited_meetings(&self) -> Vec<Meeting> {
            let graph = &self.0.graph;
            let mut meetings: Vec<petgraph::graph::NodeIndex> = graph
                .out(self.0.idx, EdgeKind::Cites)
                .into_iter()
                .flat_map(|citation| graph.out(citation, EdgeKind::Cites))
                .filter(|&target| graph.node(target).kind == crate::model::NodeKind::Meeting)
                .collect();
            meetings.sort();
            meetings.dedup();
            meetings.into_iter().map(|idx| Meeting(self.0.at(idx))).collect()
        }

        /// Agenda items at which this outside document was discussed.
        async fn discussed_at(&self) -> Vec<super::meetings::AgendaItem> {
            self.0.out(EdgeKind::DiscussedAt)
        }

        /// Committee requests (actions) this letter answers, with the heading that does.
        async fn answers(&self) -> Vec<super::view::Mention> {
            self.0.linked(false, EdgeKind::Answers)
        }

        /// How the date was found: "agreed" when the document records the day
        /// the output was agreed rather than a date printed on it.
        async fn date_basis(&self) -> Option<String> {
            self.0.prop("date_basis")
        }

        /// The meeting it records.
        async fn meeting(&self) -> Option<Meeting> {
            self.0.out_one(EdgeKind::Records)
        }

    }
}

/// A signature on a document.
#[derive(SimpleObject)]
pub struct Signature {
    /// Who signed.
    pub person: Person,
    /// The title under the name ("Chief Executive").
    pub title: Option<String>,
}

/// A recipient of a document.
#[derive(SimpleObject)]
pub struct Recipient {
    /// The person or organisation.
    pub party: Party,
    /// "to" or "cc".
    pub r#as: String,
    /// The title written under the name.
    pub title: Option<String>,
}

/// Who a recommendation is addressed to, as the recommendation words it.
#[derive(SimpleObject)]
pub struct Addressee {
    /// The words of the recommendation ("the Magistrates Association").
    pub as_written: String,
    /// Position among the addressees, from 1.
    pub position: i32,
    /// The organisation or post.
    pub party: Party,
}

node_type! {
    /// One numbered recommendation of a report.
    Recommendation {
        /// Its number in the report's summary list (by position for a bullet list).
        async fn number(&self) -> Option<i32> {
            self.0.prop("number").and_then(|n| n.parse().ok())
        }

        /// The full text.
        async fn text(&self) -> Option<String> {
            self.0.prop("text")
        }

        /// For a lettered part ("3(a)"), its letter; the whole is `partOf`.
        async fn part(&self) -> Option<String> {
            self.0.prop("part")
        }

        /// The lettered parts of this recommendation, each answerable alone.
        async fn parts(&self) -> Vec<Recommendation> {
            self.0.incoming(EdgeKind::PartOf)
        }

        /// The whole recommendation a part belongs to.
        async fn part_of(&self) -> Option<Recommendation> {
            self.0.out_one(EdgeKind::PartOf)
        }

        /// The number the report's body gives it where it restates it, when the
        /// body restates it (it can differ from the summary list).
        async fn body_number(&self) -> Option<i32> {
            self.0.prop("body_number").and_then(|n| n.parse().ok())
        }

        /// The wording of the body's restatement.
        async fn body_text(&self) -> Option<String> {
            self.0.prop("body_text")
        }

        /// The report.
        async fn report(&self) -> Option<Document> {
            self.0.incoming_one(EdgeKind::Recommends)
        }

        /// Who it is addressed to, in the order the text names them.
        async fn addressed_to(&self) -> Vec<Addressee> {
            let mut out: Vec<Addressee> = self
                .0
                .graph
                .out_edges(self.0.idx, EdgeKind::AddressedTo)
                .into_iter()
                .filter_map(|(idx, edge)| {
                    Some(Addressee {
                        as_written: edge.prop("as_written").unwrap_or_default().to_owned(),
                        position: edge.prop("position").and_then(|p| p.parse().ok()).unwrap_or(0),
                        party: Party::from_view(self.0.at(idx))?,
                    })
                })
                .collect();
            out.sort_by_key(|a| a.position);
            out
        }

        /// Responses to it; `stance` keeps one stance.
        async fn responses(&self, stance: Option<String>) -> Vec<Response> {
            let all: Vec<Response> = self.0.incoming(EdgeKind::RespondsTo);
            all.into_iter().filter(|r| stance.as_deref().is_none_or(|s| r.0.prop("stance").as_deref() == Some(s))).collect()
        }
    }
}

impl Recommendation {
    /// Whether an addressee's id, name, alias or abbreviation matches `wanted`.
    pub fn is_addressed_to(&self, wanted: &str) -> bool {
        let wanted_folded = fold_name(wanted);
        let resolved = crate::index::VOCABULARY.resolve(wanted).map(|o| o.key);
        self.0
            .graph
            .out(self.0.idx, EdgeKind::AddressedTo)
            .into_iter()
            .any(|idx| {
                let node = self.0.graph.node(idx);
                node.key == wanted
                    || resolved.as_deref() == Some(node.key.as_str())
                    || std::iter::once(&node.name)
                        .chain(&node.aliases)
                        .any(|n| fold_name(n) == wanted_folded)
            })
    }
}

node_type! {
    /// One respondent's answer to one recommendation (or to a whole report).
    Response {
        /// The stance: accepted, accepted-in-part, accepted-in-principle,
        /// under-consideration, rejected, noted, redirected, not-addressed.
        async fn stance(&self) -> Option<String> {
            self.0.prop("stance")
        }

        /// How the stance was assigned: the rule set's version and the cue that fired.
        async fn stance_rule(&self) -> Option<String> {
            self.0.prop("stance_rule")
        }

        /// The sentence that justifies the stance.
        async fn quote(&self) -> Option<String> {
            self.0.prop("quote")
        }

        /// Everything the respondent wrote about the recommendation.
        async fn text(&self) -> Option<String> {
            self.0.prop("text")
        }

        /// The heading the respondent grouped it under ("Prison Leavers").
        async fn group(&self) -> Option<String> {
            self.0.prop("group")
        }

        /// The date of the response.
        async fn date(&self) -> Option<NaiveDate> {
            self.0.date("date")
        }

        /// The recommendation answered (none for a response to a whole report).
        async fn recommendation(&self) -> Option<Recommendation> {
            let target = self.0.graph.out_one(self.0.idx, EdgeKind::RespondsTo)?;
            (self.0.graph.node(target).kind == crate::model::NodeKind::Recommendation).then(|| Recommendation(self.0.at(target)))
        }

        /// The report answered.
        async fn report(&self) -> Option<Document> {
            let target = self.0.graph.out_one(self.0.idx, EdgeKind::RespondsTo)?;
            match self.0.graph.node(target).kind {
                crate::model::NodeKind::Recommendation => self.0.at(target).incoming_one(EdgeKind::Recommends),
                _ => Some(Document(self.0.at(target))),
            }
        }

        /// Who responded: an organisation or a post.
        async fn respondent(&self) -> Option<Party> {
            Party::from_view(self.0.at(self.0.graph.out_one(self.0.idx, EdgeKind::Respondent)?))
        }

        /// Who signed the letter.
        async fn signatory(&self) -> Option<Person> {
            self.0.out_one(EdgeKind::SignedBy)
        }

        /// The signatory's title as signed ("Chief Executive").
        async fn signatory_title(&self) -> Option<String> {
            let graph = &self.0.graph;
            let letter = graph.out_one(self.0.idx, EdgeKind::InDocument)?;
            let person = graph.out_one(self.0.idx, EdgeKind::SignedBy)?;
            graph.edge_between(letter, EdgeKind::SignedBy, person)?.prop("title").map(str::to_owned)
        }

        /// The letter it is in.
        async fn document(&self) -> Option<Document> {
            self.0.out_one(EdgeKind::InDocument)
        }
    }
}

node_type! {
    /// A footnote: what a report or letter cites as evidence.
    Citation {
        /// The footnote number.
        async fn number(&self) -> Option<i32> {
            self.0.prop("number").and_then(|n| n.parse().ok())
        }

        /// The footnote's text.
        async fn text(&self) -> Option<String> {
            self.0.prop("text")
        }

        /// The page cited, when given ("p.6").
        async fn page(&self) -> Option<i32> {
            self.0.prop("page").and_then(|n| n.parse().ok())
        }

        /// The meeting cited, when the footnote names a transcript or meeting.
        async fn meeting(&self) -> Option<Meeting> {
            let target = self.0.graph.out_one(self.0.idx, EdgeKind::Cites)?;
            (self.0.graph.node(target).kind == crate::model::NodeKind::Meeting).then(|| Meeting(self.0.at(target)))
        }

        /// The outside document cited, otherwise.
        async fn document(&self) -> Option<Document> {
            let target = self.0.graph.out_one(self.0.idx, EdgeKind::Cites)?;
            (self.0.graph.node(target).kind == crate::model::NodeKind::Document).then(|| Document(self.0.at(target)))
        }

        /// The statements (reported claims) that rest on it.
        async fn statements(&self) -> Vec<super::statements::Statement> {
            let graph = &self.0.graph;
            graph
                .incoming(self.0.idx, EdgeKind::Cites)
                .into_iter()
                .filter(|&idx| graph.node(idx).kind == crate::model::NodeKind::Statement)
                .map(|idx| super::statements::Statement(self.0.at(idx)))
                .collect()
        }
    }
}

impl Document {
    /// The stored record of a source document (none for a part of one, such
    /// as a pack's transcript, or a document only cited).
    fn record(&self) -> Option<&crate::store::DocumentRecord> {
        self.0
            .graph
            .document(crate::keys::document_id(&self.0.node().key)?)
    }
}

/// What ingest understood of one source file.
pub struct Coverage(crate::coverage::Coverage);

/// A count of one kind of fact.
#[derive(SimpleObject)]
pub struct FactCount {
    /// A node kind (`statement`, `recommendation`, …), `attendance:{status}`
    /// or `mentions`.
    pub kind: String,
    /// How many.
    pub count: usize,
}

fn fact_counts(counts: &std::collections::BTreeMap<String, usize>) -> Vec<FactCount> {
    counts
        .iter()
        .map(|(kind, &count)| FactCount {
            kind: kind.clone(),
            count,
        })
        .collect()
}

/// A run of lines the parsers read as one kind of document.
#[derive(SimpleObject)]
pub struct CoverageRegion {
    /// agenda, minutes, transcript, report, response, letter.
    pub kind: String,
    /// First line.
    pub first_line: usize,
    /// Last line.
    pub last_line: usize,
    /// Why: the heading or wording that made it so.
    pub evidence: String,
}

#[Object]
impl Coverage {
    /// agenda, minutes, transcript, report, response, letter or other.
    async fn kind(&self) -> &'static str {
        self.0.kind.as_str()
    }

    /// The evidence the kind was decided from.
    async fn evidence(&self) -> &[String] {
        &self.0.evidence
    }

    /// The regions found.
    async fn regions(&self) -> Vec<CoverageRegion> {
        self.0
            .regions
            .iter()
            .map(|r| CoverageRegion {
                kind: r.kind.as_str().to_owned(),
                first_line: r.first,
                last_line: r.last,
                evidence: r.evidence.clone(),
            })
            .collect()
    }

    /// Facts extracted, by kind.
    async fn facts(&self) -> Vec<FactCount> {
        fact_counts(&self.0.facts)
    }

    /// Blocks of the outline, by kind (heading, paragraph, list-item, table-row).
    async fn blocks(&self) -> Vec<FactCount> {
        fact_counts(&self.0.blocks)
    }

    /// Non-blank lines of the normalised text.
    async fn lines(&self) -> usize {
        self.0.lines
    }

    /// Non-blank lines inside some node's or edge's span.
    async fn covered_lines(&self) -> usize {
        self.0.covered_lines
    }

    /// `coveredLines / lines`.
    async fn share(&self) -> f64 {
        self.0.share()
    }

    /// Lines of a PDF left out as running headers, footers, page numbers.
    async fn furniture_lines(&self) -> usize {
        self.0.furniture_lines
    }

    /// What was expected and not found, and what could not be read.
    async fn warnings(&self) -> &[String] {
        &self.0.warnings
    }
}
