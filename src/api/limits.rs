//! Limits async-graphql does not have built in. Depth and complexity are the
//! schema's own (`limit_depth`, `limit_complexity`); this adds a cap on
//! aliases, since a thousand aliases of one cheap field pass the complexity
//! limit while costing a thousand resolver calls and a huge response.

use std::sync::Arc;

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery};
use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{ServerError, ServerResult, Variables};

/// Most aliased fields one request may hold, over all its operations and fragments.
pub const MAX_ALIASES: usize = 200;

/// Refuses documents with more than [`MAX_ALIASES`] aliases, right after parsing.
pub struct AliasLimit;

impl ExtensionFactory for AliasLimit {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(AliasLimit)
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for AliasLimit {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        let aliases: usize = document
            .operations
            .iter()
            .map(|(_, op)| count(&op.node.selection_set.node))
            .chain(
                document
                    .fragments
                    .values()
                    .map(|f| count(&f.node.selection_set.node)),
            )
            .sum();
        if aliases > MAX_ALIASES {
            let mut error = ServerError::new(
                format!("the query has {aliases} aliases; at most {MAX_ALIASES} are allowed (ask for a list instead)"),
                None,
            );
            error
                .extensions
                .get_or_insert_with(Default::default)
                .set("code", "LIMIT_EXCEEDED");
            return Err(error);
        }
        Ok(document)
    }
}

/// Aliased fields in a selection set and below it (fragment spreads are
/// counted where the fragment is defined).
fn count(set: &SelectionSet) -> usize {
    set.items
        .iter()
        .map(|item| match &item.node {
            Selection::Field(field) => {
                usize::from(field.node.alias.is_some()) + count(&field.node.selection_set.node)
            }
            Selection::InlineFragment(fragment) => count(&fragment.node.selection_set.node),
            Selection::FragmentSpread(_) => 0,
        })
        .sum()
}
