//! The vocabulary: which IRI each kind, relation and property of the graph
//! becomes, reusing schema.org, Popolo's choices (FOAF, W3C ORG), PROV-O and
//! the Web Annotation model, and our own namespace `{base}/ns#` for the rest
//! (recommendation, response, stance, ...). The stance values are a SKOS
//! concept scheme at `{base}/ns/stance`.
//!
//! The mapping is one-to-one where the import needs it: every node kind has
//! one class in our namespace, every edge kind one predicate. Standard classes
//! and the derived standard triples (`schema:creator`, `org:memberOf`) are
//! added for other tools and ignored on import.

use oxrdf::NamedNode;
use serde_json::{json, Map, Value};

use crate::model::{EdgeKind, NodeKind, ResponseStance};

pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const SCHEMA: &str = "http://schema.org/";
pub const FOAF: &str = "http://xmlns.com/foaf/0.1/";
pub const ORG: &str = "http://www.w3.org/ns/org#";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const OA: &str = "http://www.w3.org/ns/oa#";
pub const DCTERMS: &str = "http://purl.org/dc/terms/";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
/// RFC 5147 fragment identifiers for plain text (`line=a,b`), which a
/// Web Annotation `FragmentSelector` names with `dcterms:conformsTo`.
pub const RFC5147: &str = "http://tools.ietf.org/rfc/rfc5147";

/// The stance vocabulary (DESIGN.md) with a definition each.
pub const STANCES: &[(ResponseStance, &str)] = &[
    (ResponseStance::Accepted, "The respondent accepts the recommendation."),
    (ResponseStance::AcceptedInPart, "The respondent accepts part of the recommendation."),
    (ResponseStance::AcceptedInPrinciple, "The respondent agrees with the aim but commits to no action, or only subject to conditions."),
    (ResponseStance::UnderConsideration, "The respondent is still considering the recommendation."),
    (ResponseStance::Rejected, "The respondent does not accept the recommendation."),
    (ResponseStance::Noted, "The respondent notes the recommendation without taking a position."),
    (ResponseStance::Redirected, "The respondent says another body should lead."),
    (ResponseStance::NotAddressed, "The response does not address the recommendation."),
];

/// IRIs for one deployment (one base IRI).
#[derive(Clone, Debug)]
pub struct Vocab {
    base: String,
}

/// Characters kept as they are in an IRI path; anything else is
/// percent-encoded, so any key gives a valid IRI.
fn escape_path(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for byte in key.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Reverses [`escape_path`].
pub fn unescape_path(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 3 <= bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(byte) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `at-meeting` → `atMeeting`.
fn camel(kebab: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in kebab.chars() {
        if c == '-' || c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `agenda-item` → `AgendaItem`.
pub fn class_name(kind: NodeKind) -> String {
    let c = camel(kind.as_str());
    let mut chars = c.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => c,
    }
}

fn iri(text: String) -> NamedNode {
    // Built from constants and escaped keys only, so always valid.
    NamedNode::new_unchecked(text)
}

impl Vocab {
    /// The vocabulary of a deployment whose IRIs start with `base`.
    pub fn new(base: &str) -> Vocab {
        Vocab {
            base: base.trim_end_matches('/').to_owned(),
        }
    }

    /// The base IRI, without a trailing slash.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// Our namespace: `{base}/ns#`.
    pub fn ns(&self) -> String {
        format!("{}/ns#", self.base)
    }

    /// A node's IRI: `{base}/id/{key}`.
    pub fn node(&self, key: &str) -> NamedNode {
        iri(format!("{}/id/{}", self.base, escape_path(key)))
    }

    /// The key of a node IRI of this deployment.
    pub fn node_key(&self, iri: &str) -> Option<String> {
        let path = iri.strip_prefix(&self.base)?.strip_prefix("/id/")?;
        (!path.contains('#')).then(|| unescape_path(path))
    }

    /// An edge's IRI: its source's IRI with `#{kind}/{target}`.
    pub fn edge(&self, source: &str, kind: EdgeKind, target: &str) -> NamedNode {
        iri(format!(
            "{}/id/{}#{}/{}",
            self.base,
            escape_path(source),
            kind.as_str(),
            escape_path(target)
        ))
    }

    /// A source document's IRI: `{base}/source/{id}`; also the name of the
    /// graph holding the facts drawn from it.
    pub fn source(&self, document: &str) -> NamedNode {
        iri(format!("{}/source/{}", self.base, escape_path(document)))
    }

    /// The document id of a source IRI of this deployment.
    pub fn source_id(&self, iri: &str) -> Option<String> {
        let path = iri.strip_prefix(&self.base)?.strip_prefix("/source/")?;
        Some(unescape_path(path))
    }

    /// A term of our namespace.
    pub fn term(&self, local: &str) -> NamedNode {
        iri(format!("{}{local}", self.ns()))
    }

    /// The local name of a term of our namespace.
    pub fn local<'a>(&self, iri: &'a str) -> Option<&'a str> {
        iri.strip_prefix(&self.base)?.strip_prefix("/ns#")
    }

    /// The concept of a stance value.
    pub fn stance(&self, value: &str) -> NamedNode {
        iri(format!("{}/ns/stance#{}", self.base, escape_path(value)))
    }

    /// The stance value of a concept IRI.
    pub fn stance_value(&self, iri: &str) -> Option<String> {
        let value = iri.strip_prefix(&self.base)?.strip_prefix("/ns/stance#")?;
        Some(unescape_path(value))
    }

    /// The class in our namespace that identifies a node kind.
    pub fn class(&self, kind: NodeKind) -> NamedNode {
        self.term(&class_name(kind))
    }

    /// The node kind a class of our namespace stands for.
    pub fn kind_of_class(&self, iri: &str) -> Option<NodeKind> {
        let local = self.local(iri)?;
        NodeKind::ALL
            .iter()
            .copied()
            .find(|&k| class_name(k) == local)
    }

    /// Standard classes a node of this kind also has (Popolo's choices where
    /// it makes one: FOAF person, ORG organisation, membership and post).
    pub fn standard_classes(kind: NodeKind) -> &'static [&'static str] {
        match kind {
            NodeKind::Person => &[
                "http://schema.org/Person",
                "http://xmlns.com/foaf/0.1/Person",
            ],
            NodeKind::Organisation => &[
                "http://schema.org/Organization",
                "http://www.w3.org/ns/org#Organization",
            ],
            NodeKind::Membership => &["http://www.w3.org/ns/org#Membership"],
            NodeKind::Post => &["http://www.w3.org/ns/org#Post"],
            NodeKind::Meeting | NodeKind::AgendaItem => &["http://schema.org/Event"],
            NodeKind::Document | NodeKind::Statement => &["http://schema.org/CreativeWork"],
            NodeKind::Action => &["http://schema.org/Action"],
            _ => &[],
        }
    }

    /// The predicate of an edge kind: a standard one where its direction and
    /// meaning match, else ours.
    pub fn predicate(&self, kind: EdgeKind) -> NamedNode {
        match standard_predicate(kind) {
            Some(standard) => iri(standard.to_owned()),
            None => self.term(&camel(kind.as_str())),
        }
    }

    /// The edge kind of a predicate.
    pub fn edge_kind(&self, predicate: &str) -> Option<EdgeKind> {
        EdgeKind::ALL
            .iter()
            .copied()
            .find(|&k| self.predicate(k).as_str() == predicate)
    }

    /// The predicate of a node or edge property.
    pub fn property(&self, name: &str) -> NamedNode {
        match name {
            "text" => iri(format!("{SCHEMA}text")),
            "date" => iri(format!("{DCTERMS}date")),
            "email" => iri(format!("{SCHEMA}email")),
            "same_as" => iri(format!("{SCHEMA}sameAs")),
            _ => self.term(&format!("p_{name}")),
        }
    }

    /// The property a predicate stands for.
    pub fn property_name(&self, predicate: &str) -> Option<String> {
        if predicate == format!("{SCHEMA}text") {
            return Some("text".to_owned());
        }
        for (name, iri) in [
            ("date", format!("{DCTERMS}date")),
            ("email", format!("{SCHEMA}email")),
            ("same_as", format!("{SCHEMA}sameAs")),
        ] {
            if predicate == iri {
                return Some(name.to_owned());
            }
        }
        self.local(predicate)?.strip_prefix("p_").map(str::to_owned)
    }

    /// The JSON-LD context: prefixes, and a term for every class, relation and
    /// common property, so documents read as plain JSON.
    pub fn context(&self) -> Value {
        let mut context = Map::new();
        for (prefix, ns) in self.prefixes() {
            context.insert(prefix.to_owned(), json!(ns));
        }
        context.insert("id".into(), json!("@id"));
        context.insert("type".into(), json!("@type"));
        context.insert("name".into(), json!("schema:name"));
        context.insert("aliases".into(), json!("schema:alternateName"));
        context.insert("text".into(), json!("schema:text"));
        context.insert(
            "date".into(),
            json!({"@id": "dcterms:date", "@type": "xsd:date"}),
        );
        context.insert(
            "derivedFrom".into(),
            json!({"@id": "prov:wasDerivedFrom", "@type": "@id"}),
        );
        context.insert(
            "source".into(),
            json!({"@id": "oa:hasSource", "@type": "@id"}),
        );
        context.insert(
            "selector".into(),
            json!({"@id": "oa:hasSelector", "@type": "@id"}),
        );
        context.insert("exact".into(), json!("oa:exact"));
        context.insert(
            "stance".into(),
            json!({"@id": "scr:p_stance", "@type": "@id"}),
        );
        for &kind in NodeKind::ALL {
            let class = class_name(kind);
            context.insert(class.clone(), json!(format!("scr:{class}")));
        }
        for &kind in EdgeKind::ALL {
            let predicate = self.predicate(kind);
            context.insert(
                camel(kind.as_str()),
                json!({"@id": self.compact(predicate.as_str()), "@type": "@id"}),
            );
        }
        json!({ "@context": Value::Object(context) })
    }

    /// The prefixes used in every serialisation.
    pub fn prefixes(&self) -> Vec<(&'static str, String)> {
        let mut prefixes: Vec<(&'static str, String)> = [
            ("rdf", RDF),
            ("rdfs", RDFS),
            ("xsd", XSD),
            ("schema", SCHEMA),
            ("foaf", FOAF),
            ("org", ORG),
            ("prov", PROV),
            ("oa", OA),
            ("dcterms", DCTERMS),
            ("skos", SKOS),
        ]
        .into_iter()
        .map(|(p, ns)| (p, ns.to_owned()))
        .collect();
        prefixes.push(("scr", self.ns()));
        prefixes.push(("stance", format!("{}/ns/stance#", self.base)));
        prefixes.push(("id", format!("{}/id/", self.base)));
        prefixes
    }

    /// An IRI as `prefix:local` when a prefix fits.
    pub fn compact(&self, iri: &str) -> String {
        for (prefix, ns) in self.prefixes() {
            if let Some(local) = iri.strip_prefix(ns.as_str()) {
                return format!("{prefix}:{local}");
            }
        }
        iri.to_owned()
    }

    /// The vocabulary itself, in Turtle: our classes and predicates with
    /// labels, and the stance concept scheme.
    pub fn turtle(&self) -> String {
        let mut out = String::new();
        for (prefix, ns) in self.prefixes() {
            out.push_str(&format!("@prefix {prefix}: <{ns}> .\n"));
        }
        out.push_str(&format!(
            "\n<{}/ns> a skos:ConceptScheme , rdfs:Resource ;\n  rdfs:label \"Scrutiny vocabulary\" ;\n  rdfs:comment \"Terms for police accountability records: reports, recommendations, responses, statements, and the places in documents they come from.\" .\n\n",
            self.base
        ));
        for &kind in NodeKind::ALL {
            out.push_str(&format!(
                "scr:{} a rdfs:Class ; rdfs:label \"{}\"",
                class_name(kind),
                kind.as_str()
            ));
            for standard in Vocab::standard_classes(kind) {
                out.push_str(&format!(" ; rdfs:subClassOf <{standard}>"));
            }
            out.push_str(" .\n");
        }
        out.push('\n');
        for &kind in EdgeKind::ALL {
            if standard_predicate(kind).is_none() {
                out.push_str(&format!(
                    "scr:{} a rdf:Property ; rdfs:label \"{}\" .\n",
                    camel(kind.as_str()),
                    kind.as_str()
                ));
            }
        }
        out.push_str(&format!(
            "\nstance: a skos:ConceptScheme ; skos:prefLabel \"Response stances\"@en ;\n  rdfs:seeAlso <{}/ns> .\nscr:p_stance a rdf:Property ; rdfs:label \"stance\" ; rdfs:range skos:Concept .\n",
            self.base
        ));
        for (value, definition) in STANCES {
            out.push_str(&format!(
                "stance:{value} a skos:Concept ; skos:inScheme stance: ; skos:topConceptOf stance: ;\n  skos:prefLabel \"{value}\"@en ; skos:definition \"{definition}\"@en .\n",
                value = value.as_str()
            ));
        }
        out
    }
}

fn standard_predicate(kind: EdgeKind) -> Option<&'static str> {
    Some(match kind {
        EdgeKind::PartOf => "http://schema.org/isPartOf",
        EdgeKind::Mentions => "http://schema.org/mentions",
        EdgeKind::SubOrganisationOf => "http://www.w3.org/ns/org#subOrganizationOf",
        EdgeKind::Member => "http://www.w3.org/ns/org#member",
        EdgeKind::MemberOf => "http://www.w3.org/ns/org#organization",
        EdgeKind::PostOf => "http://www.w3.org/ns/org#postIn",
        EdgeKind::PublishedBy => "http://schema.org/publisher",
        EdgeKind::AuthoredBy => "http://schema.org/author",
        EdgeKind::Cites => "http://schema.org/citation",
        EdgeKind::HeldBy => "http://schema.org/organizer",
        EdgeKind::ItemOf => "http://schema.org/superEvent",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stance_has_a_definition() {
        let defined: Vec<ResponseStance> = STANCES.iter().map(|(s, _)| *s).collect();
        assert_eq!(defined, ResponseStance::ALL);
    }

    #[test]
    fn mappings_are_one_to_one() {
        let v = Vocab::new("http://x.test");
        let mut seen = std::collections::BTreeSet::new();
        for &kind in EdgeKind::ALL {
            let p = v.predicate(kind);
            assert!(seen.insert(p.as_str().to_owned()), "{p}");
            assert_eq!(v.edge_kind(p.as_str()), Some(kind));
        }
        for &kind in NodeKind::ALL {
            assert_eq!(v.kind_of_class(v.class(kind).as_str()), Some(kind));
        }
        for name in ["text", "date", "email", "same_as", "speaker_label", "kind"] {
            assert_eq!(
                v.property_name(v.property(name).as_str()).as_deref(),
                Some(name)
            );
        }
    }

    #[test]
    fn keys_round_trip_through_iris() {
        let v = Vocab::new("http://x.test/");
        for key in ["person/susan-hall", "document/a b#c%d", "statement/x/1"] {
            let iri = v.node(key);
            assert!(NamedNode::new(iri.as_str()).is_ok(), "{iri}");
            assert_eq!(v.node_key(iri.as_str()).as_deref(), Some(key));
        }
        assert_eq!(
            v.source_id(v.source("pcc pack").as_str()).as_deref(),
            Some("pcc pack")
        );
    }
}
