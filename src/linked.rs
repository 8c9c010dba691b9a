//! Linked data over HTTP: every node's IRI dereferences, by content
//! negotiation, to JSON-LD, Turtle, N-Triples or a readable HTML page; the
//! vocabulary, the JSON-LD context and the source texts have IRIs of their
//! own; and the whole graph downloads as a stream in any export format.
//!
//! | path | what |
//! |---|---|
//! | `/id/{key}` | a node (`Accept`, or `?format=jsonld|turtle|ntriples|html`) |
//! | `/ns` | the vocabulary and stance scheme, Turtle |
//! | `/ns/context.jsonld` | the JSON-LD context |
//! | `/source/{id}` | a source document's text: the file itself for text formats, the normalised text of a PDF or HTML file (what spans quote) |
//! | `/source/{id}/original` | the original PDF or HTML file, as ingested |
//! | `/export/{format}` | the whole graph: `nquads`, `turtle`, `ntriples`, `jsonld`, `csv` |

use std::collections::BTreeMap;
use std::io::{self, Write};

use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use crate::index::{Graph, SharedGraph};
use crate::rdf::{write, Format, Scope, Vocab};

/// State of the linked-data routes.
#[derive(Clone)]
struct Linked {
    graph: SharedGraph,
    vocab: Vocab,
}

/// The routes, for [`crate::server::router`].
pub fn routes(graph: SharedGraph, base_iri: &str) -> Router {
    Router::new()
        .route("/id/{*key}", get(node))
        .route("/ns", get(vocabulary))
        .route("/ns/context.jsonld", get(context))
        .route("/source/{id}", get(source))
        .route("/source/{id}/original", get(original))
        .route("/export/{format}", get(export))
        .with_state(Linked {
            graph,
            vocab: Vocab::new(base_iri),
        })
}

/// What a node can be served as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Representation {
    /// `application/ld+json` (also for `application/json`).
    JsonLd,
    /// `text/turtle`.
    Turtle,
    /// `application/n-triples`.
    NTriples,
    /// `text/html`.
    Html,
}

/// Media types offered, in order of preference when the client weighs them
/// equally (`*/*`): data first, since browsers ask for HTML by name.
const OFFERED: &[(&str, Representation)] = &[
    ("application/ld+json", Representation::JsonLd),
    ("text/turtle", Representation::Turtle),
    ("application/n-triples", Representation::NTriples),
    ("text/html", Representation::Html),
    ("application/json", Representation::JsonLd),
];

/// Picks a representation for an `Accept` header (RFC 9110 §12.5.1): each
/// offered type takes the quality of the most specific range matching it;
/// the highest quality wins, ties go to the order of [`OFFERED`]. `None` when
/// nothing offered is acceptable (406). A missing or empty header accepts all.
pub fn negotiate(accept: Option<&str>) -> Option<Representation> {
    let accept = accept
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .unwrap_or("*/*");
    // (type, subtype, q) for each range; a malformed q counts as 0.
    let ranges: Vec<(String, String, f32)> = accept
        .split(',')
        .filter_map(|range| {
            let mut parts = range.split(';');
            let media = parts.next()?.trim().to_ascii_lowercase();
            let (kind, sub) = media.split_once('/')?;
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q=").map(str::to_owned))
                .next()
                .map_or(1.0, |q| {
                    q.trim().parse::<f32>().unwrap_or(0.0).clamp(0.0, 1.0)
                });
            Some((kind.trim().to_owned(), sub.trim().to_owned(), q))
        })
        .collect();
    let quality = |offered: &str| -> f32 {
        let (kind, sub) = offered.split_once('/').unwrap_or((offered, ""));
        let mut best: Option<(u8, f32)> = None;
        for (k, s, q) in &ranges {
            let specificity = match (k.as_str(), s.as_str()) {
                (k2, s2) if k2 == kind && s2 == sub => 2,
                (k2, "*") if k2 == kind => 1,
                ("*", "*") => 0,
                _ => continue,
            };
            if best.is_none_or(|(b, _)| specificity > b) {
                best = Some((specificity, *q));
            }
        }
        best.map_or(0.0, |(_, q)| q)
    };
    let mut chosen: Option<(f32, Representation)> = None;
    for &(media, representation) in OFFERED {
        let q = quality(media);
        if q > 0.0 && chosen.is_none_or(|(best, _)| q > best) {
            chosen = Some((q, representation));
        }
    }
    chosen.map(|(_, r)| r)
}

fn text(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        body,
    )
        .into_response()
}

async fn node(
    State(linked): State<Linked>,
    Path(key): Path<String>,
    Query(query): Query<BTreeMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let graph = linked.graph.snapshot();
    let Some(idx) = graph.get(&key) else {
        return not_found(&graph, &key);
    };
    let representation = match query.get("format").map(String::as_str) {
        Some("jsonld") => Some(Representation::JsonLd),
        Some("turtle") => Some(Representation::Turtle),
        Some("ntriples") => Some(Representation::NTriples),
        Some("html") => Some(Representation::Html),
        Some(other) => {
            return text(
                StatusCode::BAD_REQUEST,
                format!("unknown format {other:?}; use jsonld, turtle, ntriples or html\n"),
            )
        }
        None => negotiate(headers.get(header::ACCEPT).and_then(|v| v.to_str().ok())),
    };
    let Some(representation) = representation else {
        let offered: Vec<&str> = OFFERED.iter().map(|(m, _)| *m).collect();
        return text(
            StatusCode::NOT_ACCEPTABLE,
            format!("this resource is available as {}\n", offered.join(", ")),
        );
    };
    let (media, format) = match representation {
        Representation::Html => {
            let page = html::page(&graph, &linked.vocab, idx);
            let mut response =
                ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response();
            vary(&mut response);
            return response;
        }
        Representation::JsonLd => ("application/ld+json", Format::Jsonld),
        Representation::Turtle => ("text/turtle; charset=utf-8", Format::Turtle),
        Representation::NTriples => ("application/n-triples", Format::Ntriples),
    };
    let mut body = Vec::new();
    if let Err(error) = write(&graph, &linked.vocab, Scope::Node(idx), format, &mut body) {
        tracing::error!(%error, key, "serialising a node");
        return text(
            StatusCode::INTERNAL_SERVER_ERROR,
            "could not serialise this node\n".into(),
        );
    }
    let mut response = ([(header::CONTENT_TYPE, media)], body).into_response();
    vary(&mut response);
    response
}

fn vary(response: &mut Response) {
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("Accept"));
}

/// 404 with what ids look like and, when the kind is known, a few real ones
/// close to what was asked.
fn not_found(graph: &Graph, key: &str) -> Response {
    let kind = key.split('/').next().unwrap_or("");
    let wanted = key.rsplit('/').next().unwrap_or("");
    let mut close: Vec<&str> = graph
        .nodes()
        .map(|n| n.key.as_str())
        .filter(|k| k.starts_with(&format!("{kind}/")))
        .filter(|k| wanted.split('-').any(|w| w.len() > 2 && k.contains(w)))
        .take(5)
        .collect();
    if close.is_empty() {
        close = graph
            .nodes()
            .map(|n| n.key.as_str())
            .filter(|k| k.starts_with(&format!("{kind}/")))
            .take(3)
            .collect();
    }
    let mut body = format!(
        "no node with id {key:?}.\nIds are {{kind}}/{{slug}}, e.g. person/susan-hall; find them with GraphQL at /graphql (people, search, node(id:)).\n"
    );
    if !close.is_empty() {
        body.push_str("Ids like it:\n");
        for k in close {
            body.push_str(&format!("  /id/{k}\n"));
        }
    }
    text(StatusCode::NOT_FOUND, body)
}

async fn vocabulary(State(linked): State<Linked>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/turtle; charset=utf-8")],
        linked.vocab.turtle(),
    )
        .into_response()
}

async fn context(State(linked): State<Linked>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/ld+json")],
        serde_json::to_string_pretty(&linked.vocab.context()).unwrap_or_default(),
    )
        .into_response()
}

async fn source(State(linked): State<Linked>, Path(id): Path<String>) -> Response {
    match linked.graph.snapshot().document(&id) {
        Some(document) => text(StatusCode::OK, document.text.clone()),
        None => text(
            StatusCode::NOT_FOUND,
            format!("no source document {id:?}; documents are listed by GraphQL `documents`\n"),
        ),
    }
}

async fn original(State(linked): State<Linked>, Path(id): Path<String>) -> Response {
    let graph = linked.graph.snapshot();
    let Some(record) = graph.document(&id) else {
        return text(
            StatusCode::NOT_FOUND,
            format!("no source document {id:?}; documents are listed by GraphQL `documents`\n"),
        );
    };
    let media = match record.reading.format {
        Some(crate::read::Format::Pdf) => "application/pdf",
        Some(crate::read::Format::Html) => "text/html; charset=utf-8",
        // A text source is its own original.
        _ => return text(StatusCode::OK, record.text.clone()),
    };
    let bytes = tokio::task::spawn_blocking(move || graph.original(&id))
        .await
        .map_err(|e| e.to_string())
        .and_then(|read| read.map_err(|e| e.to_string()));
    match bytes {
        Ok(Some(bytes)) => ([(header::CONTENT_TYPE, media)], bytes).into_response(),
        Ok(None) => text(
            StatusCode::NOT_FOUND,
            "the original file of this source is not in the store\n".to_owned(),
        ),
        Err(error) => {
            tracing::error!(%error, "reading an original file");
            text(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the original could not be read\n".to_owned(),
            )
        }
    }
}

/// Buffers writes and hands them to the response body in chunks, so the
/// export is written on a blocking thread while the client reads it.
struct ChannelWriter {
    sender: tokio::sync::mpsc::Sender<io::Result<Bytes>>,
    buffer: Vec<u8>,
}

const CHUNK: usize = 64 * 1024;

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(data);
        if self.buffer.len() >= CHUNK {
            self.flush()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::take(&mut self.buffer));
        self.sender
            .blocking_send(Ok(chunk))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the client went away"))
    }
}

async fn export(State(linked): State<Linked>, Path(name): Path<String>) -> Response {
    let Some(format) = Format::parse(&name) else {
        return text(
            StatusCode::NOT_FOUND,
            format!("no export format {name:?}; formats: nquads, turtle, ntriples, jsonld, csv\n"),
        );
    };
    let graph = linked.graph.snapshot();
    let vocab = linked.vocab.clone();
    // A few chunks in flight at most: memory stays flat whatever the graph's size.
    let (sender, mut receiver) = tokio::sync::mpsc::channel(4);
    tokio::task::spawn_blocking(move || {
        let mut out = ChannelWriter {
            sender: sender.clone(),
            buffer: Vec::with_capacity(CHUNK),
        };
        let result =
            write(&graph, &vocab, Scope::Graph, format, &mut out).and_then(|_| out.flush());
        if let Err(error) = result {
            if error.kind() != io::ErrorKind::BrokenPipe {
                tracing::error!(%error, "export failed part-way");
                let _ = sender.blocking_send(Err(error));
            }
        }
    });
    let stream = futures_util::stream::poll_fn(move |cx| receiver.poll_recv(cx));
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(format.media_type()),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&format!(
                    "attachment; filename=\"scrutiny.{}\"",
                    format.extension()
                ))
                .unwrap_or(HeaderValue::from_static("attachment")),
            ),
        ],
        Body::from_stream(stream),
    )
        .into_response()
}

/// The HTML page of a node.
mod html {
    use super::*;

    /// Most relations listed on a page; the data formats list them all.
    const MAX_RELATIONS: usize = 300;

    use crate::text::escape_html as escape;

    fn link(graph: &Graph, vocab: &Vocab, idx: NodeIndex) -> String {
        let node = graph.node(idx);
        format!(
            "<a href=\"{}\">{}</a> <small>{}</small>",
            escape(vocab.node(&node.key).as_str()),
            escape(&node.name),
            node.kind.as_str()
        )
    }

    pub fn page(graph: &Graph, vocab: &Vocab, idx: NodeIndex) -> String {
        let node = graph.node(idx);
        let iri = vocab.node(&node.key);
        let mut out = String::new();
        out.push_str(&format!(
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{} — Scrutiny</title>\n\
             <link rel=\"alternate\" type=\"application/ld+json\" href=\"?format=jsonld\">\n\
             <link rel=\"alternate\" type=\"text/turtle\" href=\"?format=turtle\">\n\
             <style>body{{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}}\
             table{{border-collapse:collapse}}td,th{{padding:.2rem .6rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}}\
             blockquote{{margin:.5rem 0;padding:.3rem .8rem;border-left:3px solid #999;white-space:pre-wrap}}small{{color:#666}}</style>\n\
             </head><body>\n<p><small>{}</small></p>\n<h1>{}</h1>\n<p><code>{}</code></p>\n",
            escape(&node.name),
            node.kind.as_str(),
            escape(&node.name),
            escape(iri.as_str())
        ));
        out.push_str("<h2>Properties</h2>\n<table>\n");
        if !node.aliases.is_empty() {
            let aliases: Vec<String> = node.aliases.iter().map(|a| escape(a)).collect();
            out.push_str(&format!(
                "<tr><th>also written</th><td>{}</td></tr>\n",
                aliases.join("<br>")
            ));
        }
        for (name, value) in &node.props {
            out.push_str(&format!(
                "<tr><th>{}</th><td>{}</td></tr>\n",
                escape(name),
                escape(value)
            ));
        }
        out.push_str("</table>\n<h2>Relations</h2>\n<table>\n");
        let mut shown = 0;
        let mut total = 0;
        for (direction, arrow) in [
            (petgraph::Direction::Outgoing, "→"),
            (petgraph::Direction::Incoming, "←"),
        ] {
            for edge in graph.graph.edges_directed(idx, direction) {
                total += 1;
                if shown >= MAX_RELATIONS {
                    continue;
                }
                shown += 1;
                let other = if direction == petgraph::Direction::Outgoing {
                    edge.target()
                } else {
                    edge.source()
                };
                let quote = edge
                    .weight()
                    .provenance
                    .first()
                    .map(|s| {
                        format!(
                            "<small>{} l. {}–{}: “{}”</small>",
                            escape(&s.document),
                            s.first_line,
                            s.last_line,
                            escape(&s.quote)
                        )
                    })
                    .unwrap_or_default();
                out.push_str(&format!(
                    "<tr><td>{arrow} {}</td><td>{}</td><td>{quote}</td></tr>\n",
                    edge.weight().kind.as_str(),
                    link(graph, vocab, other)
                ));
            }
        }
        out.push_str("</table>\n");
        if total > shown {
            out.push_str(&format!(
                "<p>{shown} of {total} relations shown; <a href=\"?format=turtle\">the Turtle</a> has them all.</p>\n"
            ));
        }
        out.push_str("<h2>Sources</h2>\n");
        for span in &node.provenance {
            let title = graph
                .document(&span.document)
                .map_or(span.document.clone(), |d| d.meta.title.clone());
            out.push_str(&format!(
                "<blockquote>{}</blockquote>\n<p><small><a href=\"{}\">{}</a>, lines {}–{}</small></p>\n",
                escape(&span.quote),
                escape(vocab.source(&span.document).as_str()),
                escape(&title),
                span.first_line,
                span.last_line
            ));
        }
        out.push_str(
            "<p><small>Also as <a href=\"?format=jsonld\">JSON-LD</a>, <a href=\"?format=turtle\">Turtle</a>, \
             <a href=\"?format=ntriples\">N-Triples</a>.</small></p>\n</body></html>\n",
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_headers_pick_by_quality_then_preference() {
        use Representation::*;
        assert_eq!(negotiate(None), Some(JsonLd));
        assert_eq!(negotiate(Some("*/*")), Some(JsonLd));
        assert_eq!(negotiate(Some("text/turtle")), Some(Turtle));
        assert_eq!(
            negotiate(Some(
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
            )),
            Some(Html)
        );
        assert_eq!(
            negotiate(Some("application/ld+json;q=0.5, text/turtle;q=0.9")),
            Some(Turtle)
        );
        assert_eq!(
            negotiate(Some("text/*;q=0.3, application/n-triples;q=0.2")),
            Some(Turtle)
        );
        assert_eq!(negotiate(Some("application/json")), Some(JsonLd));
        assert_eq!(negotiate(Some("image/png")), None);
        assert_eq!(negotiate(Some("*/*;q=0")), None);
        assert_eq!(negotiate(Some("text/turtle;q=0, */*;q=0.1")), Some(JsonLd));
    }
}
