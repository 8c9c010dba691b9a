//! Linked data: every export format parses with a real RDF library and holds
//! the same triples; N-Quads import gives back the same graph; node IRIs
//! dereference by content negotiation; the JSON-LD context and vocabulary are
//! committed, current and valid.

mod common;

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{export, ingest_fresh, seed_dir, seed_graph, BASE};
use http_body_util::BodyExt;
use oxjsonld::JsonLdParser;
use oxrdf::{Quad, Term, Triple};
use oxttl::{NQuadsParser, NTriplesParser, TurtleParser};
use scrutiny::api::ApiConfig;
use scrutiny::index::{Graph, SharedGraph};
use scrutiny::model::NodeKind;
use scrutiny::rdf::import::{import_nquads, ImportError};
use scrutiny::rdf::{write, Format, Scope, Vocab};
use scrutiny::server::router;
use scrutiny::store::Store;
use tower::ServiceExt;

const OA_EXACT: &str = "http://www.w3.org/ns/oa#exact";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const DERIVED: &str = "http://www.w3.org/ns/prov#wasDerivedFrom";

fn exported(format: Format) -> Vec<u8> {
    let graph = seed_graph().snapshot();
    let mut out = Vec::new();
    write(&graph, &Vocab::new(BASE), Scope::Graph, format, &mut out).expect("export");
    out
}

fn parse(format: Format, bytes: &[u8]) -> Vec<Quad> {
    let quads: Result<Vec<Quad>, String> = match format {
        Format::Nquads => NQuadsParser::new()
            .for_slice(bytes)
            .map(|q| q.map_err(|e| e.to_string()))
            .collect(),
        Format::Turtle => TurtleParser::new()
            .for_slice(bytes)
            .map(|t| {
                t.map(|t| t.in_graph(oxrdf::GraphName::DefaultGraph))
                    .map_err(|e| e.to_string())
            })
            .collect(),
        Format::Ntriples => NTriplesParser::new()
            .for_slice(bytes)
            .map(|t| {
                t.map(|t| t.in_graph(oxrdf::GraphName::DefaultGraph))
                    .map_err(|e| e.to_string())
            })
            .collect(),
        Format::Jsonld => JsonLdParser::new()
            .for_slice(bytes)
            .map(|q| q.map_err(|e| e.to_string()))
            .collect(),
        Format::Csv => unreachable!("not RDF"),
    };
    quads.unwrap_or_else(|e| panic!("{format:?} does not parse: {e}"))
}

/// Triples whose ends are not blank nodes: comparable across documents,
/// where blank node labels are the parser's own.
fn ground(quads: &[Quad]) -> std::collections::HashSet<Triple> {
    quads
        .iter()
        .map(|q| Triple::from(q.clone()))
        .filter(|t| {
            matches!(t.subject, oxrdf::NamedOrBlankNode::NamedNode(_))
                && !matches!(t.object, Term::BlankNode(_))
        })
        .collect()
}

#[test]
fn every_format_parses_and_holds_the_same_triples() {
    let graph = seed_graph().snapshot();
    let nquads = parse(Format::Nquads, &exported(Format::Nquads));
    let total = nquads.len();
    // No triple is said twice, in one graph or across graphs.
    let distinct: std::collections::HashSet<Triple> =
        nquads.iter().map(|q| Triple::from(q.clone())).collect();
    assert_eq!(distinct.len(), total);

    // Counts made from the graph itself.
    let spans: usize = graph.nodes().map(|n| n.provenance.len()).sum::<usize>()
        + graph.edges().map(|e| e.provenance.len()).sum::<usize>();
    let derived = nquads
        .iter()
        .filter(|q| q.predicate.as_str() == DERIVED)
        .count();
    assert_eq!(derived, spans);
    let people = graph.of_kind(NodeKind::Person).len();
    let typed_people = nquads
        .iter()
        .filter(|q| q.predicate.as_str() == RDF_TYPE)
        .filter(
            |q| matches!(&q.object, Term::NamedNode(n) if n.as_str() == "http://schema.org/Person"),
        )
        .count();
    assert_eq!(typed_people, people);
    let graphs: BTreeSet<String> = nquads.iter().map(|q| q.graph_name.to_string()).collect();
    assert_eq!(
        graphs.len(),
        graph.documents().count(),
        "one named graph per source"
    );

    let reference = ground(&nquads);
    for format in [Format::Turtle, Format::Ntriples, Format::Jsonld] {
        let quads = parse(format, &exported(format));
        assert_eq!(quads.len(), total, "{format:?}");
        assert_eq!(ground(&quads), reference, "{format:?}");
    }
    // JSON-LD keeps the named graphs too.
    let jsonld = parse(Format::Jsonld, &exported(Format::Jsonld));
    let jsonld_graphs: BTreeSet<String> = jsonld.iter().map(|q| q.graph_name.to_string()).collect();
    assert_eq!(jsonld_graphs, graphs);
    // CSV: a header and one row per quad, quotes and newlines escaped.
    let csv = exported(Format::Csv);
    let rows = csv::Reader::from_reader(csv.as_slice())
        .records()
        .collect::<Result<Vec<_>, _>>()
        .expect("csv");
    assert_eq!(rows.len(), total);
}

#[test]
fn every_quote_of_the_export_is_in_its_source_text() {
    let quads = parse(Format::Nquads, &exported(Format::Nquads));
    let graph = seed_graph().snapshot();
    let mut checked = 0;
    for quad in quads.iter().filter(|q| q.predicate.as_str() == OA_EXACT) {
        let Term::Literal(quote) = &quad.object else {
            panic!("oa:exact is a literal")
        };
        let document = quad.graph_name.to_string();
        let id = document
            .trim_matches(|c| c == '<' || c == '>')
            .rsplit('/')
            .next()
            .unwrap()
            .to_owned();
        let text = &graph.document(&id).expect("source").text;
        assert!(text.contains(quote.value()), "{id}: {:?}", quote.value());
        checked += 1;
    }
    assert!(checked > 1000);
}

#[test]
fn nquads_round_trip_rebuilds_the_same_graph() {
    let original = ingest_fresh(&[seed_dir()]);
    let vocab = Vocab::new(BASE);
    let mut nquads = Vec::new();
    let graph = Graph::load(&original).unwrap();
    write(&graph, &vocab, Scope::Graph, Format::Nquads, &mut nquads).unwrap();

    let restored = Store::temporary().unwrap();
    let imported = import_nquads(&restored, &vocab, nquads.as_slice()).expect("import");
    assert_eq!(imported.nodes, graph.graph.node_count());
    assert_eq!(imported.edges, graph.graph.edge_count());
    assert_eq!(imported.documents, graph.documents().count());
    assert_eq!(export(&restored), export(&original));

    // Into a store that is not empty: refused, nothing written.
    let again = import_nquads(&restored, &vocab, nquads.as_slice());
    assert!(matches!(again, Err(ImportError::NotEmpty)));
    assert_eq!(export(&restored), export(&original));
}

#[test]
fn bad_imports_say_what_is_wrong_and_write_nothing() {
    let vocab = Vocab::new(BASE);
    let store = Store::temporary().unwrap();
    let broken = b"<http://a.test/x> <http://a.test/p> \"ok\" .\n<http://a.test/x> <http://a.test/p> \"unterminated .\n";
    match import_nquads(&store, &vocab, broken.as_slice()) {
        Err(ImportError::Syntax { line, .. }) => assert_eq!(line, 2),
        other => panic!("{other:?}"),
    }
    assert!(store.is_empty());
    let foreign = b"<http://a.test/x> <http://a.test/p> \"ok\" .\n";
    let error = import_nquads(&store, &vocab, foreign.as_slice()).unwrap_err();
    assert!(error.to_string().contains("--base-iri"), "{error}");
    assert!(store.is_empty());

    // An export whose quote was edited no longer matches its source.
    let mut nquads = Vec::new();
    write(
        &seed_graph().snapshot(),
        &vocab,
        Scope::Graph,
        Format::Nquads,
        &mut nquads,
    )
    .unwrap();
    let text = String::from_utf8(nquads).unwrap();
    let (at, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(OA_EXACT))
        .unwrap();
    let tampered: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == at {
                l.replacen("\" <", "TAMPERED\" <", 1)
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert_ne!(tampered.lines().nth(at).unwrap(), line);
    let error = import_nquads(&store, &vocab, tampered.as_bytes()).unwrap_err();
    assert!(error.to_string().contains("is not in lines"), "{error}");
    assert!(store.is_empty());
}

async fn get(uri: &str, accept: Option<&str>) -> (StatusCode, String, String, Vec<u8>) {
    let app = router(seed_graph().clone(), ApiConfig::new(BASE));
    let mut request = Request::get(uri);
    if let Some(accept) = accept {
        request = request.header(header::ACCEPT, accept);
    }
    let response = app
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let vary = response
        .headers()
        .get(header::VARY)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    (status, content_type, vary, body)
}

/// One node of each kind the issue names: a person, a recommendation, a statement.
fn sample_nodes() -> Vec<String> {
    let graph = seed_graph().snapshot();
    [
        NodeKind::Person,
        NodeKind::Recommendation,
        NodeKind::Statement,
    ]
    .iter()
    .map(|&k| graph.node(graph.of_kind(k)[0]).key.clone())
    .collect()
}

#[tokio::test]
async fn node_iris_negotiate_every_media_type() {
    let graph = seed_graph().snapshot();
    let vocab = Vocab::new(BASE);
    for key in sample_nodes() {
        let uri = format!("/id/{key}");
        let iri = vocab.node(&key);
        let node = graph.node(graph.get(&key).unwrap());
        for (accept, media, format) in [
            (
                "application/ld+json",
                "application/ld+json",
                Some(Format::Jsonld),
            ),
            ("text/turtle", "text/turtle", Some(Format::Turtle)),
            (
                "application/n-triples",
                "application/n-triples",
                Some(Format::Ntriples),
            ),
            (
                "text/html,application/xhtml+xml,*/*;q=0.8",
                "text/html",
                None,
            ),
            (
                "text/turtle;q=0.4, application/ld+json;q=0.9",
                "application/ld+json",
                Some(Format::Jsonld),
            ),
            (
                "application/ld+json;q=0.1, text/*;q=0.5",
                "text/turtle",
                Some(Format::Turtle),
            ),
            ("*/*", "application/ld+json", Some(Format::Jsonld)),
        ] {
            let (status, content_type, vary, body) = get(&uri, Some(accept)).await;
            assert_eq!(status, StatusCode::OK, "{uri} {accept}");
            assert!(content_type.starts_with(media), "{accept}: {content_type}");
            assert_eq!(vary, "Accept");
            match format {
                Some(format) => {
                    let quads = parse(format, &body);
                    assert!(
                        quads
                            .iter()
                            .any(|q| q.subject.to_string() == format!("<{}>", iri.as_str())
                                && q.predicate.as_str() == "http://schema.org/name"),
                        "{key} as {accept}"
                    );
                    // The node's own quotes are in its description.
                    let quotes: BTreeSet<&str> = quads
                        .iter()
                        .filter(|q| q.predicate.as_str() == OA_EXACT)
                        .filter_map(|q| match &q.object {
                            Term::Literal(l) => Some(l.value()),
                            _ => None,
                        })
                        .collect();
                    for span in &node.provenance {
                        assert!(quotes.contains(span.quote.as_str()), "{key}");
                    }
                }
                None => {
                    let html = String::from_utf8(body).unwrap();
                    assert!(html.starts_with("<!doctype html>"));
                    let first_line = node.name.lines().next().unwrap_or("");
                    let escaped = scrutiny::text::escape_html(first_line);
                    assert!(html.contains(&escaped), "{key}");
                    let quote = node.provenance[0].quote.lines().next().unwrap_or("");
                    let quote = scrutiny::text::escape_html(quote);
                    assert!(html.contains(&quote), "{key}");
                }
            }
        }
    }
}

#[tokio::test]
async fn unknown_iris_and_unacceptable_types_get_404_and_406() {
    let (status, content_type, _, body) = get("/id/person/nobody-at-all", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Every refusal has one JSON shape, the route's words as its message.
    assert!(
        content_type.starts_with("application/json"),
        "{content_type}"
    );
    let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(body["error"]["code"], "NOT_FOUND");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("person/nobody-at-all") && message.contains("/id/person/"),
        "{message}"
    );

    let key = &sample_nodes()[0];
    let (status, _, _, body) = get(&format!("/id/{key}"), Some("image/png")).await;
    assert_eq!(status, StatusCode::NOT_ACCEPTABLE);
    assert!(String::from_utf8(body).unwrap().contains("text/turtle"));
    let (status, _, _, _) = get(&format!("/id/{key}"), Some("text/turtle;q=0")).await;
    assert_eq!(status, StatusCode::NOT_ACCEPTABLE);
    // ?format= overrides Accept, for links a browser follows.
    let (status, content_type, _, _) =
        get(&format!("/id/{key}?format=turtle"), Some("text/html")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/turtle"));
}

#[tokio::test]
async fn the_json_ld_of_a_person_expands_to_schema_org_and_popolo_types_and_quotes() {
    let graph = seed_graph().snapshot();
    // The person with the most statements.
    let &idx = graph
        .of_kind(NodeKind::Person)
        .iter()
        .max_by_key(|&&p| graph.out(p, scrutiny::model::EdgeKind::Spoke).len())
        .unwrap();
    let person = graph.node(idx);
    let (_, _, _, body) = get(&format!("/id/{}", person.key), Some("application/ld+json")).await;
    let quads = parse(Format::Jsonld, &body);
    let me = format!("<{}>", Vocab::new(BASE).node(&person.key).as_str());
    let types: BTreeSet<String> = quads
        .iter()
        .filter(|q| q.subject.to_string() == me && q.predicate.as_str() == RDF_TYPE)
        .map(|q| q.object.to_string())
        .collect();
    for expected in [
        "<http://schema.org/Person>",
        "<http://xmlns.com/foaf/0.1/Person>",
    ] {
        assert!(types.contains(expected), "{types:?}");
    }
    let quotes: Vec<String> = quads
        .iter()
        .filter(|q| q.predicate.as_str() == OA_EXACT)
        .map(|q| q.object.to_string())
        .collect();
    let first = format!("{:?}", person.provenance[0].quote);
    assert!(
        quotes.iter().any(|q| q == &first),
        "{first} not in {quotes:?}"
    );
    // Popolo's speaker: statements name their creator.
    assert!(
        quads
            .iter()
            .any(|q| q.predicate.as_str() == "http://schema.org/creator"
                && q.object.to_string() == me)
    );
}

#[tokio::test]
async fn the_context_and_vocabulary_are_served_committed_and_valid() {
    let vocab = Vocab::new(scrutiny::config::DEFAULT_BASE_IRI);
    let context = serde_json::to_string_pretty(&vocab.context()).unwrap() + "\n";
    let turtle = vocab.turtle();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema");
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(dir.join("context.jsonld"), &context).unwrap();
        std::fs::write(dir.join("vocabulary.ttl"), &turtle).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(dir.join("context.jsonld")).unwrap(),
        context,
        "schema/context.jsonld is stale: run UPDATE_SCHEMA=1 cargo test"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("vocabulary.ttl")).unwrap(),
        turtle,
        "schema/vocabulary.ttl is stale: run UPDATE_SCHEMA=1 cargo test"
    );

    // The vocabulary parses, and its stance scheme has every stance.
    let triples = parse(Format::Turtle, turtle.as_bytes());
    let concepts = triples
        .iter()
        .filter(|q| {
            q.predicate.as_str() == RDF_TYPE
                && q.object.to_string() == "<http://www.w3.org/2004/02/skos/core#Concept>"
        })
        .count();
    assert_eq!(concepts, scrutiny::rdf::vocab::STANCES.len());

    // A document written with the context's terms expands to the right IRIs.
    let mut document = vocab.context();
    let object = document.as_object_mut().unwrap();
    object.insert(
        "id".into(),
        "http://127.0.0.1:8080/id/person/someone".into(),
    );
    object.insert("type".into(), "Person".into());
    object.insert("name".into(), "Someone".into());
    object.insert(
        "spoke".into(),
        "http://127.0.0.1:8080/id/statement/x/1".into(),
    );
    let bytes = serde_json::to_vec(&document).unwrap();
    let quads = parse(Format::Jsonld, &bytes);
    let expanded: BTreeSet<(String, String)> = quads
        .iter()
        .map(|q| (q.predicate.as_str().to_owned(), q.object.to_string()))
        .collect();
    assert!(expanded.contains(&(RDF_TYPE.into(), "<http://127.0.0.1:8080/ns#Person>".into())));
    assert!(expanded.contains(&("http://schema.org/name".into(), "\"Someone\"".into())));
    assert!(expanded.contains(&(
        "http://127.0.0.1:8080/ns#spoke".into(),
        "<http://127.0.0.1:8080/id/statement/x/1>".into()
    )));

    // Served at stable URLs.
    let (status, content_type, _, body) = get("/ns/context.jsonld", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "application/ld+json");
    let served: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(served, Vocab::new(BASE).context());
    let (status, content_type, _, _) = get("/ns", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/turtle"));
}

#[tokio::test]
async fn exports_stream_over_http_and_sources_are_served() {
    let (status, content_type, _, body) = get("/export/nquads", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "application/n-quads");
    assert_eq!(body, exported(Format::Nquads));
    let (status, _, _, body) = get("/export/turtle", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        parse(Format::Turtle, &body).len(),
        parse(Format::Nquads, &exported(Format::Nquads)).len()
    );
    let (status, _, _, _) = get("/export/rdfxml", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let graph = seed_graph().snapshot();
    let document = graph.documents().next().unwrap();
    let (status, _, _, body) = get(&format!("/source/{}", document.meta.id), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, document.text.as_bytes());
}

#[test]
fn contact_addresses_are_kept_on_people() {
    // Every "Contact…: Name, …" followed by an address in the seed, counted
    // from the raw text, gives that person an email.
    let graph = seed_graph().snapshot();
    let with_email: Vec<(&str, &str)> = graph
        .of_kind(NodeKind::Person)
        .iter()
        .filter_map(|&p| {
            let n = graph.node(p);
            n.prop("email").map(|e| (n.name.as_str(), e))
        })
        .collect();
    assert!(!with_email.is_empty());
    for (name, email) in &with_email {
        // The address is in a source next to the name: on its line or the
        // next, or (a "Contact us" block: name, post, address) two
        // non-blank lines below.
        let found = graph.documents().any(|d| {
            let lines: Vec<&str> = d.text.lines().filter(|l| !l.trim().is_empty()).collect();
            lines
                .windows(3)
                .any(|w| w[0].contains(name) && w.iter().any(|l| l.contains(email)))
        });
        assert!(found, "{name} {email}");
    }
    let store = ingest_fresh(&[seed_dir()]);
    let shared = SharedGraph::new(Graph::load(&store).unwrap());
    let mut turtle = Vec::new();
    let (name, email) = with_email[0];
    let idx = shared.snapshot().resolve(NodeKind::Person, name).unwrap();
    write(
        &shared.snapshot(),
        &Vocab::new(BASE),
        Scope::Node(idx),
        Format::Turtle,
        &mut turtle,
    )
    .unwrap();
    let quads = parse(Format::Turtle, &turtle);
    assert!(quads
        .iter()
        .any(|q| q.predicate.as_str() == "http://schema.org/email"
            && q.object.to_string() == format!("{email:?}")));
}
