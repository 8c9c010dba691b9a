// The graph page's data, kept apart from React and Cytoscape so the merge
// rules (no duplicates, no dangling edges) and the look of each kind live in
// one place: the GraphQL selections, the merge of a fetched subgraph into
// what is drawn, and the colour and shape of every node kind.

import type { Provenance } from "./api";
import { PROVENANCE } from "./api";

/** A drawn node (GraphQL `GraphNode`). */
export interface GraphNode {
  id: string;
  kind: string;
  label: string;
}

/** A drawn edge (GraphQL `GraphEdge`), with the spans that justify it. */
export interface GraphEdge {
  id: string;
  kind: string;
  source: string;
  target: string;
  provenance: Provenance[];
}

/** A `Subgraph` or a `Path`: whatever the server sends to be drawn. */
export interface Fragment {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface Subgraph extends Fragment {
  truncated: boolean;
}

export interface Path extends Fragment {
  length: number;
}

const FRAGMENT = `nodes { id kind label } edges { id kind source target provenance { ${PROVENANCE} } }`;

export const NEIGHBOURHOOD_QUERY = `query GraphNeighbourhood($id: ID!, $depth: Int!, $limit: Int!, $edgeKinds: [String!]) {
  neighbourhood(id: $id, depth: $depth, limit: $limit, edgeKinds: $edgeKinds) { truncated ${FRAGMENT} }
}`;

export const PATH_QUERY = `query GraphPath($from: ID!, $to: ID!, $maxHops: Int!, $edgeKinds: [String!]) {
  path(from: $from, to: $to, maxHops: $maxHops, edgeKinds: $edgeKinds) { length ${FRAGMENT} }
}`;

// The end-node finder asks each lookup on its own: `organisation(name:)` and
// `report(title:)` fail with NOT_FOUND when nothing matches, and `gql`
// rejects a whole answer on any error.
export const FIND_PEOPLE_QUERY = `query GraphFindPeople($name: String!) { people(name: $name, first: 5) { edges { node { id name } } } }`;
export const FIND_ORGANISATION_QUERY = `query GraphFindOrganisation($name: String!) { organisation(name: $name) { id name } }`;
export const FIND_REPORT_QUERY = `query GraphFindReport($title: String!) { report(title: $title) { id name } }`;
export const FIND_SEARCH_QUERY = `query GraphFindSearch($q: String!) { search(query: $q, first: 5) { edges { node { kind node { id name } } } } }`;

/** What is drawn: insertion-ordered, so the centre stays first in the lists. */
export interface Model {
  nodes: ReadonlyMap<string, GraphNode>;
  edges: ReadonlyMap<string, GraphEdge>;
}

export const EMPTY_MODEL: Model = { nodes: new Map(), edges: new Map() };

/**
 * Adds a fragment's nodes and edges that are not drawn yet. Returns the same
 * model object when nothing is new, so React skips a re-render and Cytoscape
 * a re-layout. An edge whose ends are missing is dropped: Cytoscape refuses
 * dangling edges, and the server should never send one.
 */
export function merge(model: Model, fragment: Fragment): Model {
  let nodes: Map<string, GraphNode> | null = null;
  let edges: Map<string, GraphEdge> | null = null;
  for (const node of fragment.nodes) {
    if (model.nodes.has(node.id) || nodes?.has(node.id)) continue;
    nodes ??= new Map(model.nodes);
    nodes.set(node.id, node);
  }
  const known = nodes ?? model.nodes;
  for (const edge of fragment.edges) {
    if (model.edges.has(edge.id) || edges?.has(edge.id)) continue;
    if (!known.has(edge.source) || !known.has(edge.target)) continue;
    edges ??= new Map(model.edges);
    edges.set(edge.id, edge);
  }
  if (!nodes && !edges) return model;
  return { nodes: nodes ?? model.nodes, edges: edges ?? model.edges };
}

/** Cuts a label at a word boundary so the drawing stays legible. */
export function shorten(label: string, max = 28): string {
  const text = label.replace(/\s+/g, " ").trim();
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  // Back up to the last whole word, unless the cut already ends on one.
  const space = cut.lastIndexOf(" ");
  if (text[max - 1] !== " " && space > max / 2) cut = cut.slice(0, space);
  return `${cut.replace(/[\s,.:;–-]+$/, "")}…`;
}

/** Kinds drawn small, whose labels show only when zoomed well in. */
export const MINOR_KINDS: ReadonlySet<string> = new Set(["statement", "citation", "membership", "attendance"]);

/** The label on the canvas: short, and leading with what tells nodes apart. */
export function canvasLabel(node: GraphNode): string {
  const drawn = lookKind(node);
  if (drawn === "statement") {
    // "Speaker: words": the speaker is drawn beside it anyway.
    const said = /^[^:]{2,80}: (.+)$/s.exec(node.label)?.[1];
    if (said) return `“${shorten(said, 26)}”`;
  }
  if (drawn === "meeting") {
    // "Police and Crime Committee, 12 October 2022": many meetings of one
    // body sit side by side, so the date must survive the cut.
    const m = /^(.+?), (\d{1,2} \S+ \d{4}.*)$/.exec(node.label);
    if (m) return `${shorten(m[1], 28)}\n${m[2]}`;
  }
  return shorten(node.label, MINOR_KINDS.has(drawn) ? 28 : 40);
}

/** The node's label, or its id when it is not drawn (an end node not yet fetched). */
export function labelOf(model: Model, id: string): string {
  return model.nodes.get(id)?.label ?? id;
}

// Cytoscape's shape names, used both by the canvas and the legend.
export type Shape =
  | "ellipse"
  | "round-rectangle"
  | "rectangle"
  | "cut-rectangle"
  | "diamond"
  | "hexagon"
  | "octagon"
  | "triangle"
  | "vee"
  | "star"
  | "tag"
  | "barrel";

export interface KindLook {
  /** What the legend calls it. */
  name: string;
  color: string;
  shape: Shape;
  /** Diameter in model units: the kinds one reads the graph for are larger. */
  size: number;
}

// Colours from the Okabe–Ito palette (distinguishable with the common colour
// blindnesses), and every kind has its own shape as well, so colour is never
// the only cue. The many small nodes (statements, citations, attendances)
// are grey and small so people, organisations and documents stand out.
const LOOKS: Record<string, KindLook> = {
  person: { name: "person", color: "#0072B2", shape: "ellipse", size: 34 },
  organisation: { name: "organisation", color: "#E69F00", shape: "round-rectangle", size: 34 },
  post: { name: "post", color: "#CC79A7", shape: "hexagon", size: 28 },
  meeting: { name: "meeting", color: "#009E73", shape: "octagon", size: 32 },
  "agenda-item": { name: "agenda item", color: "#56B4E9", shape: "tag", size: 20 },
  report: { name: "report", color: "#D55E00", shape: "cut-rectangle", size: 36 },
  document: { name: "document", color: "#8C5A3C", shape: "rectangle", size: 26 },
  recommendation: { name: "recommendation", color: "#B8336A", shape: "triangle", size: 24 },
  response: { name: "response", color: "#1B9E9E", shape: "vee", size: 24 },
  action: { name: "action", color: "#6A3D9A", shape: "star", size: 24 },
  statement: { name: "statement", color: "#8F96A3", shape: "ellipse", size: 14 },
  membership: { name: "membership", color: "#A0A0A0", shape: "diamond", size: 14 },
  attendance: { name: "attendance", color: "#A0A0A0", shape: "diamond", size: 14 },
  citation: { name: "citation", color: "#B5B5B5", shape: "barrel", size: 12 },
};

const OTHER: KindLook = { name: "other", color: "#666666", shape: "ellipse", size: 18 };

/** Every drawn kind, the important first: the order rings and legends use. */
export const DRAWN_KINDS: readonly string[] = [...Object.keys(LOOKS), "other"];

/**
 * The kind a node is drawn as. A report is a `document` to the API, but the
 * reports are what the committees scrutinise, so they get their own look;
 * their keys start with `report/`.
 */
export function lookKind(node: Pick<GraphNode, "id" | "kind">): string {
  if (node.kind === "document" && node.id.startsWith("report/")) return "report";
  return node.kind in LOOKS ? node.kind : "other";
}

export function look(kind: string): KindLook {
  return LOOKS[kind] ?? OTHER;
}

/** "lines 12–14", "line 12", with "page 3, " before it for a PDF. */
export function spanText(p: Pick<Provenance, "firstLine" | "lastLine" | "page" | "pageLine">): string {
  const lines = p.firstLine === p.lastLine ? `line ${p.firstLine}` : `lines ${p.firstLine}–${p.lastLine}`;
  if (p.page == null) return lines;
  const onPage = p.pageLine != null ? ` (line ${p.pageLine} of the page)` : "";
  return `page ${p.page}, ${lines}${onPage}`;
}

/**
 * The nodes at most `hops` edges from `start`, walking edges both ways (the
 * server's neighbourhood ignores direction too). A node closer than the
 * fetched depth has all its neighbours drawn already, so the page marks it
 * expanded and a click on it costs no request.
 */
export function within(fragment: Fragment, start: string, hops: number): Set<string> {
  const next = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    const list = next.get(a);
    if (list) list.push(b);
    else next.set(a, [b]);
  };
  for (const e of fragment.edges) {
    link(e.source, e.target);
    link(e.target, e.source);
  }
  const seen = new Set([start]);
  let frontier = [start];
  for (let hop = 0; hop < hops && frontier.length; hop++) {
    const after: string[] = [];
    for (const id of frontier)
      for (const other of next.get(id) ?? [])
        if (!seen.has(other)) {
          seen.add(other);
          after.push(other);
        }
    frontier = after;
  }
  return seen;
}
