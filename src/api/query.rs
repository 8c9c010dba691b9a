//! The root query.

use async_graphql::{Context, InputObject, Object, ID};
use chrono::NaiveDate;

use super::actors::{Organisation, Person};
use super::documents::Document;
use super::meetings::Meeting;
use super::node::AnyNode;
use super::page::{page_cost, paginate, Page};
use super::statements::{statement_page, Statement, StatementFilter};
use super::view::{lookup, View};
use super::{error, graph, Code};
use crate::index::fold_name;
use crate::model::NodeKind;

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

/// Entry points to the graph.
pub struct Query;

#[Object]
impl Query {
    /// Any node by its global id (the node key, e.g. `person/susan-hall`).
    async fn node(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<AnyNode> {
        let graph = graph(ctx);
        let idx = graph
            .get(id.as_str())
            .ok_or_else(|| error(Code::NotFound, format!("no node with id {:?}", id.as_str())))?;
        AnyNode::from_view(View { graph, idx }).ok_or_else(|| {
            error(
                Code::NotFound,
                format!("node {:?} has no GraphQL type yet", id.as_str()),
            )
        })
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
            Some(body) => Some(
                graph
                    .node(lookup(&graph, NodeKind::Organisation, body)?)
                    .name
                    .clone(),
            ),
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
                body.as_deref().is_none_or(|b| node.prop("body") == Some(b))
                    && from.as_deref().is_none_or(|f| date >= f)
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
}
