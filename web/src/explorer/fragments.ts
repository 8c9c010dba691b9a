// GraphQL selections several pages share, each with the TypeScript shape it
// fills. Kept as strings (no client library): a page's query is these
// pieces spliced into one document.

import { PROVENANCE, type Provenance } from "./api";

/** Any node, enough to link to it. */
export interface NodeRef {
  __typename?: string;
  id: string;
  name: string;
}

/** A reference to any node or party (union): its type, id and name. */
export const REF = `__typename ... on Node { id name }`;

/** A statement as lists show it (transcript turns, a person's statements). */
export interface StatementItem {
  __typename: "Statement";
  id: string;
  iri: string;
  name: string;
  text: string | null;
  speakerLabel: string | null;
  role: string | null;
  ordinal: number | null;
  date: string | null;
  kind: string;
  verbatim: boolean;
  speaker: NodeRef | null;
  organisation: NodeRef | null;
  meeting: (NodeRef & { date: string | null }) | null;
  agendaItem: { id: string; number: string | null; title: string | null } | null;
  document: { id: string; title: string } | null;
  provenance: Provenance[];
}

export const STATEMENT = `__typename id iri name text speakerLabel role ordinal date kind verbatim
  speaker { id name } organisation { id name } meeting { id name date }
  agendaItem { id number title } document { id title }
  provenance { ${PROVENANCE} }`;

/** A response to a recommendation, as report and organisation pages show it. */
export interface ResponseItem {
  __typename: "Response";
  id: string;
  iri: string;
  name: string;
  stance: string | null;
  quote: string | null;
  text: string | null;
  group: string | null;
  date: string | null;
  respondent: NodeRef | null;
  signatory: NodeRef | null;
  signatoryTitle: string | null;
  document: { id: string; title: string; date: string | null } | null;
  recommendation: { id: string; number: number | null; part: string | null; report: NodeRef | null } | null;
  report: NodeRef | null;
  provenance: Provenance[];
}

export const RESPONSE = `__typename id iri name stance quote text group date
  respondent { ${REF} } signatory { id name } signatoryTitle
  document { id title date }
  recommendation { id number part report { id name } }
  report { id name }
  provenance { ${PROVENANCE} }`;

/** A recommendation with whom it is addressed to. */
export interface RecommendationItem {
  __typename: "Recommendation";
  id: string;
  iri: string;
  name: string;
  number: number | null;
  part: string | null;
  text: string | null;
  report: (NodeRef & { date: string | null }) | null;
  addressedTo: { asWritten: string; position: number; party: NodeRef }[];
  provenance: Provenance[];
}

export const RECOMMENDATION = `__typename id iri name number part text
  report { id name date }
  addressedTo { asWritten position party { ${REF} } }
  provenance { ${PROVENANCE} }`;

/** A mention: the node named (or naming), how, and where. */
export interface MentionItem {
  node: NodeRef;
  asWritten: string | null;
  basis: "EXPLICIT" | "CONTEXT";
  cue: string | null;
  provenance: Provenance[];
}

export const MENTION = `node { ${REF} } asWritten basis cue provenance { ${PROVENANCE} }`;

/** What kind of node a __typename or key is, in words. */
export function kindLabel(typename: string | undefined, id?: string): string {
  switch (typename) {
    case "AgendaItem":
      return "agenda item";
    case "Document":
      return id?.startsWith("report/") ? "report" : "document";
    case undefined:
      return id ? id.split("/")[0] : "";
    default:
      return typename.toLowerCase();
  }
}

/**
 * A node's name for a link. Statements, recommendations and actions are
 * named by their first 80 characters, cut mid-word: such a name is cut back
 * to its last whole word and marked with an ellipsis.
 */
export function displayName(node: NodeRef): string {
  const { id, name } = node;
  const excerpted = /^(statement|action)\//.test(id) || id.includes("/recommendation/");
  if (!excerpted || name.length < 80 || /[.!?…"”')\]]$/.test(name)) return name;
  const cut = name.lastIndexOf(" ");
  return cut > 40 ? `${name.slice(0, cut).replace(/[,;:]$/, "")}…` : name;
}
