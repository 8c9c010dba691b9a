//! The root query.

use async_graphql::{Context, InputObject, Object, SimpleObject, ID};
use chrono::NaiveDate;

use super::actors::{Organisation, Party, Person, Post};
use super::documents::{Document, Recommendation, Response};
use super::meetings::{Action, Meeting};
use super::node::AnyNode;
use super::page::{page_cost, paginate, Page};
use super::statements::{statement_page, Statement, StatementFilter};
use super::view::{lookup, View};
use super::{error, graph, Code};
use crate::index::fold_name;
use crate::model::{EdgeKind, NodeKind, ResponseStance};

/// Filters on meetings.
#[derive(Clone, Debug, Default, InputObject)]
pub struct MeetingFilter {
    /// The body that met: id, name or abbreviation.
    pub body: Option<String>,
    /// On or after this date.
    pub from: Option<NaiveDate>,
    /// On or before this date.
    pub to: Option<NaiveDate>,
}

/// Filters on recommendations.
#[derive(Clone, Debug, Default, InputObject)]
pub struct RecommendationFilter {
    /// The report: id or title (case-insensitive).
    pub report: Option<String>,
    /// An addressee: organisation or post id, name or abbreviation.
    pub addressee: Option<String>,
    /// `true` keeps recommendations with a response, `false` those with none yet.
    pub responded: Option<bool>,
}

/// Filters on responses.
#[derive(Clone, Debug, Default, InputObject)]
pub struct ResponseFilter {
    /// One stance ("redirected").
    pub stance: Option<String>,
    /// The respondent: organisation or post id, name or abbreviation.
    pub respondent: Option<String>,
    /// The report: id or title.
    pub report: Option<String>,
}

/// Finds a report by id or title.
pub(super) fn report_index(
    graph: &crate::index::Graph,
    text: &str,
) -> async_graphql::Result<petgraph::graph::NodeIndex> {
    let is_report = |idx: &petgraph::graph::NodeIndex| graph.node(*idx).prop("title").is_some();
    graph
        .get(text)
        .filter(is_report)
        .or_else(|| {
            graph
                .by_name(NodeKind::Document, text)
                .into_iter()
                .find(is_report)
        })
        .ok_or_else(|| {
            error(
                Code::NotFound,
                format!("no report with id or title {text:?}"),
            )
        })
}

/// Entry points to the graph.
#[derive(Default)]
pub struct CoreQuery;

#[Object]
impl CoreQuery {
    /// Any node by its global id (the node key, e.g. `person/susan-hall`).
    async fn node(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<AnyNode> {
        let graph = graph(ctx);
        let idx = graph
            .get(id.as_str())
            .ok_or_else(|| error(Code::NotFound, format!("no node with id {:?}", id.as_str())))?;
        Ok(AnyNode::from_view(View { graph, idx }))
    }

    /// A person by id, name or any alias seen, ignoring case.
    async fn person(&self, ctx: &Context<'_>, name: String) -> async_graphql::Result<Person> {
        let graph = graph(ctx);
        let idx = lookup(&graph, NodeKind::Person, &name)?;
        Ok(Person(View { graph, idx }))
    }

    /// People in key order; `name` keeps those whose name or an alias contains it
    /// (case-insensitive).
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn people(
        &self,
        ctx: &Context<'_>,
        name: Option<String>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Page<Person>> {
        let graph = graph(ctx);
        let needle = name.as_deref().map(fold_name);
        let items = graph
            .of_kind(NodeKind::Person)
            .iter()
            .filter(|&&idx| {
                let node = graph.node(idx);
                needle.as_deref().is_none_or(|n| {
                    std::iter::once(&node.name)
                        .chain(&node.aliases)
                        .any(|a| fold_name(a).contains(n))
                })
            })
            .map(|&idx| {
                Person(View {
                    graph: graph.clone(),
                    idx,
                })
            })
            .collect();
        paginate(items, first, after)
    }

    /// An organisation by id, name or abbreviation ("MPS", "the Met", "MOPAC").
    async fn organisation(
        &self,
        ctx: &Context<'_>,
        name: String,
    ) -> async_graphql::Result<Organisation> {
        let graph = graph(ctx);
        let idx = lookup(&graph, NodeKind::Organisation, &name)?;
        Ok(Organisation(View { graph, idx }))
    }

    /// Organisations in key order.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn organisations(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Page<Organisation>> {
        let graph = graph(ctx);
        let items = graph
            .of_kind(NodeKind::Organisation)
            .iter()
            .map(|&idx| {
                Organisation(View {
                    graph: graph.clone(),
                    idx,
                })
            })
            .collect();
        paginate(items, first, after)
    }

    /// Meetings in date order, filtered by body and date range.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn meetings(
        &self,
        ctx: &Context<'_>,
        filter: Option<MeetingFilter>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Page<Meeting>> {
        let graph = graph(ctx);
        let filter = filter.unwrap_or_default();
        let body = match &filter.body {
            Some(body) => Some(lookup(&graph, NodeKind::Organisation, body)?),
            None => None,
        };
        let (from, to) = (
            filter.from.map(|d| d.to_string()),
            filter.to.map(|d| d.to_string()),
        );
        let mut items: Vec<Meeting> = graph
            .of_kind(NodeKind::Meeting)
            .iter()
            .filter(|&&idx| {
                let node = graph.node(idx);
                let date = node.prop("date").unwrap_or("");
                // Held by the body: alone, or jointly with another.
                body.is_none_or(|b| {
                    node.prop("body") == Some(graph.node(b).name.as_str())
                        || graph.out(idx, EdgeKind::HeldBy).contains(&b)
                }) && from.as_deref().is_none_or(|f| date >= f)
                    && to.as_deref().is_none_or(|t| date <= t)
            })
            .map(|&idx| {
                Meeting(View {
                    graph: graph.clone(),
                    idx,
                })
            })
            .collect();
        items.sort_by(|a, b| a.0.node().prop("date").cmp(&b.0.node().prop("date")));
        paginate(items, first, after)
    }

    /// Speaker turns across all transcripts, filtered.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn statements(
        &self,
        ctx: &Context<'_>,
        filter: Option<StatementFilter>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Page<Statement>> {
        let graph = graph(ctx);
        let all = graph.of_kind(NodeKind::Statement).to_vec();
        statement_page(&graph, all, filter, first, after)
    }

    /// Documents in key order; `kind` keeps one kind ("transcript", "minutes", "letter", ...).
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn documents(
        &self,
        ctx: &Context<'_>,
        kind: Option<String>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Page<Document>> {
        let graph = graph(ctx);
        let items = graph
            .of_kind(NodeKind::Document)
            .iter()
            .filter(|&&idx| {
                kind.as_deref()
                    .is_none_or(|k| graph.node(idx).prop("kind") == Some(k))
            })
            .map(|&idx| {
                Document(View {
                    graph: graph.clone(),
                    idx,
                })
            })
            .collect();
        paginate(items, first, after)
    }

    /// A report by id or title (case-insensitive).
    async fn report(&self, ctx: &Context<'_>, title: String) -> async_graphql::Result<Document> {
        let graph = graph(ctx);
        let idx = report_index(&graph, &title)?;
        Ok(Document(View { graph, idx }))
    }

    /// Recommendations of every report, in report and number order.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn recommendations(
        &self,
        ctx: &Context<'_>,
        filter: Option<RecommendationFilter>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Page<Recommendation>> {
        let graph = graph(ctx);
        let filter = filter.unwrap_or_default();
        let report = match &filter.report {
            Some(report) => Some(report_index(&graph, report)?),
            None => None,
        };
        let items = graph
            .of_kind(NodeKind::Recommendation)
            .iter()
            .map(|&idx| {
                Recommendation(View {
                    graph: graph.clone(),
                    idx,
                })
            })
            // Whole recommendations; their lettered parts are under `parts`.
            .filter(|r| r.0.node().prop("part").is_none())
            .filter(|r| {
                report.is_none_or(|report| {
                    graph
                        .edge_between(report, EdgeKind::Recommends, r.0.idx)
                        .is_some()
                })
            })
            .filter(|r| {
                filter
                    .addressee
                    .as_deref()
                    .is_none_or(|a| r.is_addressed_to(a))
            })
            .filter(|r| {
                filter.responded.is_none_or(|wanted| {
                    graph.incoming(r.0.idx, EdgeKind::RespondsTo).is_empty() != wanted
                })
            })
            .collect();
        paginate(items, first, after)
    }

    /// Responses, filtered by stance, respondent and report.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn responses(
        &self,
        ctx: &Context<'_>,
        filter: Option<ResponseFilter>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Page<Response>> {
        let graph = graph(ctx);
        let filter = filter.unwrap_or_default();
        if let Some(stance) = filter
            .stance
            .as_deref()
            .filter(|s| ResponseStance::parse(s).is_none())
        {
            let known: Vec<&str> = ResponseStance::ALL.iter().map(|s| s.as_str()).collect();
            return Err(error(
                Code::BadUserInput,
                format!(
                    "unknown stance {stance:?}: expected one of {}",
                    known.join(", ")
                ),
            ));
        }
        let respondent = match &filter.respondent {
            Some(name) => Some(
                lookup(&graph, NodeKind::Organisation, name)
                    .or_else(|_| lookup(&graph, NodeKind::Post, name))?,
            ),
            None => None,
        };
        let report = match &filter.report {
            Some(report) => Some(report_index(&graph, report)?),
            None => None,
        };
        let items = graph
            .of_kind(NodeKind::Response)
            .iter()
            .filter(|&&idx| {
                filter
                    .stance
                    .as_deref()
                    .is_none_or(|s| graph.node(idx).prop("stance") == Some(s))
            })
            .filter(|&&idx| {
                respondent
                    .is_none_or(|r| graph.edge_between(idx, EdgeKind::Respondent, r).is_some())
            })
            .filter(|&&idx| {
                report.is_none_or(|report| {
                    graph
                        .out(idx, EdgeKind::RespondsTo)
                        .into_iter()
                        .any(|target| {
                            target == report
                                || graph
                                    .edge_between(report, EdgeKind::Recommends, target)
                                    .is_some()
                        })
                })
            })
            .map(|&idx| {
                Response(View {
                    graph: graph.clone(),
                    idx,
                })
            })
            .collect();
        paginate(items, first, after)
    }

    /// A post by id or name ("the Deputy Mayor for Policing and Crime").
    async fn post(&self, ctx: &Context<'_>, name: String) -> async_graphql::Result<Post> {
        let graph = graph(ctx);
        let by_vocabulary = crate::index::VOCABULARY
            .resolve_post(&name)
            .and_then(|p| graph.get(&p.key));
        let idx = match by_vocabulary {
            Some(idx) => idx,
            None => lookup(&graph, NodeKind::Post, &name)?,
        };
        Ok(Post(View { graph, idx }))
    }

    /// Who is responsible for, addressed by or answering something, by name.
    async fn party(&self, ctx: &Context<'_>, name: String) -> async_graphql::Result<Party> {
        let graph = graph(ctx);
        let idx = lookup(&graph, NodeKind::Organisation, &name)
            .or_else(|_| lookup(&graph, NodeKind::Post, &name))
            .or_else(|_| lookup(&graph, NodeKind::Person, &name))?;
        Party::from_view(View { graph, idx })
            .ok_or_else(|| error(Code::NotFound, format!("no party named {name:?}")))
    }

    /// Follow-up actions, newest meeting first; `status` keeps "completed",
    /// "ongoing" or "closed"; `responsible` keeps one person, post or
    /// organisation; `kind` is "action" (the default) or "milestone".
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn actions(
        &self,
        ctx: &Context<'_>,
        status: Option<String>,
        responsible: Option<String>,
        #[graphql(default_with = "String::from(\"action\")")] kind: String,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Page<Action>> {
        let graph = graph(ctx);
        let responsible = match &responsible {
            Some(name) => Some(
                lookup(&graph, NodeKind::Organisation, name)
                    .or_else(|_| lookup(&graph, NodeKind::Post, name))
                    .or_else(|_| lookup(&graph, NodeKind::Person, name))?,
            ),
            None => None,
        };
        let mut items: Vec<Action> = graph
            .of_kind(NodeKind::Action)
            .iter()
            .filter(|&&idx| graph.node(idx).prop("kind").unwrap_or("action") == kind)
            .filter(|&&idx| {
                status
                    .as_deref()
                    .is_none_or(|s| graph.node(idx).prop("status") == Some(s))
            })
            .filter(|&&idx| {
                responsible.is_none_or(|r| {
                    graph
                        .edge_between(r, EdgeKind::ResponsibleFor, idx)
                        .is_some()
                })
            })
            .map(|&idx| {
                Action(View {
                    graph: graph.clone(),
                    idx,
                })
            })
            .collect();
        // Keys hold the meeting date, so reverse key order is newest first; the
        // rows of one meeting keep their order.
        items.sort_by(|a, b| {
            let date = |x: &Action| {
                x.0.graph
                    .out_one(x.0.idx, EdgeKind::ArisesFrom)
                    .and_then(|m| x.0.graph.node(m).prop("date").map(str::to_owned))
            };
            date(b).cmp(&date(a)).then(a.0.idx.cmp(&b.0.idx))
        });
        paginate(items, first, after)
    }

    /// Nodes and edges changed or deleted, oldest first, for integrations that
    /// keep a copy in sync: page with `after` (the log only grows, so a cursor
    /// stays valid); a deleted key is a tombstone.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn changes(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Page<ChangeEntry>> {
        let graph = graph(ctx);
        let items = graph
            .changes
            .iter()
            .cloned()
            .map(ChangeEntry::from)
            .collect();
        paginate(items, first, after)
    }
}

/// One entry of the change log.
#[derive(Clone, Debug, SimpleObject)]
pub struct ChangeEntry {
    /// Position in the log, from 1.
    pub sequence: u64,
    /// The node id or edge key (`"{source} {kind} {target}"`).
    pub id: ID,
    /// "node" or "edge".
    pub entity: String,
    /// "changed" (created or updated) or "deleted" (a tombstone).
    pub change: String,
    /// The document whose ingest made the change.
    pub document: String,
}

impl From<crate::store::Change> for ChangeEntry {
    fn from(change: crate::store::Change) -> Self {
        ChangeEntry {
            sequence: change.sequence,
            id: ID(change.key),
            entity: change.entity,
            change: change.change,
            document: change.document,
        }
    }
}
