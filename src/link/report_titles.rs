//! A response names the report it answers by a shortened title.

use std::collections::HashSet;

use crate::model::{Edge, EdgeKind, Node, NodeKind};

/// Resolves `responds-to` edges whose target report is named by a shortened title.
pub fn resolve_report_titles(nodes: &[Node], edges: &mut [Edge]) {
    let keys: HashSet<&str> = nodes.iter().map(|n| n.key.as_str()).collect();
    // Reports are documents keyed `report/{title slug}`.
    let reports: Vec<&str> = nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Document && n.key.starts_with("report/"))
        .map(|n| n.key.as_str())
        .filter(|k| !crate::keys::path(k).contains('/'))
        .collect();
    for edge in edges.iter_mut() {
        if edge.kind != EdgeKind::RespondsTo || keys.contains(edge.target.as_str()) {
            continue;
        }
        let Some((named, number)) = crate::keys::split_recommendation(&edge.target) else {
            continue;
        };
        // Whole words only: "rapid-review" begins "rapid-review-of-data", not "rapid-reviewing".
        let prefix_of = |long: &str, short: &str| {
            long.strip_prefix(short)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('-'))
        };
        let candidates: Vec<String> = reports
            .iter()
            .filter(|r| prefix_of(r, named) || prefix_of(named, r))
            .map(|r| crate::keys::recommendation(r, number))
            .filter(|k| keys.contains(k.as_str()))
            .collect();
        if let [only] = candidates.as_slice() {
            edge.target = only.clone();
            edge.props
                .insert("linked_by".to_owned(), "report-title".to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    fn span() -> Span {
        Span {
            document: "d".into(),
            first_line: 1,
            last_line: 1,
            quote: "q".into(),
        }
    }

    #[test]
    fn a_shortened_title_finds_its_report() {
        let nodes = vec![
            Node::new(
                "report/rapid-review-of-data-final-report",
                NodeKind::Document,
                "R",
                span(),
            ),
            Node::new(
                "report/rapid-review-of-data-final-report/recommendation/2",
                NodeKind::Recommendation,
                "2",
                span(),
            ),
            Node::new("report/rapid-reviewing", NodeKind::Document, "S", span()),
            Node::new("response/x/2/y", NodeKind::Response, "r", span()),
        ];
        let mut edges = vec![
            Edge::new(
                "response/x/2/y",
                EdgeKind::RespondsTo,
                "report/rapid-review-of-data/recommendation/2",
                span(),
            ),
            Edge::new(
                "response/x/3/y",
                EdgeKind::RespondsTo,
                "report/rapid-review-of-data/recommendation/3",
                span(),
            ),
            Edge::new(
                "response/x/2/y",
                EdgeKind::RespondsTo,
                "report/rapid/recommendation/2",
                span(),
            ),
        ];
        resolve_report_titles(&nodes, &mut edges);
        assert_eq!(
            edges[0].target,
            "report/rapid-review-of-data-final-report/recommendation/2"
        );
        assert_eq!(edges[0].prop("linked_by"), Some("report-title"));
        // No recommendation 3: left as it was (a dangling edge the graph counts).
        assert_eq!(
            edges[1].target,
            "report/rapid-review-of-data/recommendation/3"
        );
        assert_eq!(
            edges[2].target,
            "report/rapid-review-of-data-final-report/recommendation/2"
        );
    }
}
