// #/graph/{key}?to={key2}: the neighbourhood of one node, drawn with
// Cytoscape, grown by clicking nodes, with each edge's source on hover and
// the shortest path to a second node highlighted.
//
// The drawing is one view of the page's state; the lists beside it are
// another, built from the same model, so keyboard and screen-reader users get
// everything the canvas shows (nodes, edges, provenance, the path) without
// having to point at pixels.

import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type FormEvent } from "react";
import cytoscape from "cytoscape";
import type { CollectionReturnValue, Core, ElementDefinition, EventObject, LayoutOptions, Layouts, Position, StylesheetJson } from "cytoscape";
import { gql, type Provenance } from "../api";
import { href, navigate, nodeHref, sourceHref } from "../router";
import {
  DRAWN_KINDS,
  EMPTY_MODEL,
  FIND_ORGANISATION_QUERY,
  FIND_PEOPLE_QUERY,
  FIND_REPORT_QUERY,
  FIND_SEARCH_QUERY,
  MINOR_KINDS,
  NEIGHBOURHOOD_QUERY,
  PATH_QUERY,
  canvasLabel,
  labelOf,
  look,
  lookKind,
  merge,
  shorten,
  spanText,
  within,
  type GraphEdge,
  type GraphNode,
  type Model,
  type Path,
  type Subgraph,
} from "../graph-model";
import "../graph.css";

type Status = { state: "loading" } | { state: "ready" } | { state: "error"; message: string };
type PathState =
  | { state: "idle" }
  | { state: "loading" }
  | { state: "none" }
  | { state: "error"; message: string }
  | { state: "found"; path: Path };
/** A node or an edge: what is selected, hovered or focused in a list. */
interface Target {
  type: "node" | "edge";
  id: string;
}
interface Hover extends Target {
  x: number;
  y: number;
}
interface Candidate {
  id: string;
  label: string;
  kind: string;
}

const DEPTHS = [1, 2, 3];
const LIMITS = [50, 100, 250, 500];
const MAX_HOPS = [1, 2, 3, 4, 5, 6, 7, 8];
/** The zoom a fit stops at: labels of 9px read as 9px or a little more. */
const FIT_ZOOM = 1.3;
/** Above this many nodes the minor kinds' labels wait for a closer zoom. */
const CROWDED = 40;
/** The most nodes laid out with cose; see layoutOptions. */
const COSE_MAX = 150;

// Drawn kinds get their colour, shape and size from graph-model.ts; the
// classes the page toggles (centre, path, selection…) come after them, so
// they win where they overlap.
function stylesheet(): StylesheetJson {
  return [
    {
      selector: "node",
      style: {
        label: "data(short)",
        "font-family": "system-ui, sans-serif",
        "font-size": 9,
        color: "#1d2430",
        "text-valign": "bottom",
        "text-margin-y": 3,
        "text-wrap": "wrap",
        "text-max-width": "120px",
        "text-outline-color": "#ffffff",
        "text-outline-width": 2,
        // Labels of a zoomed-out hairball are noise; they appear as one zooms in.
        "min-zoomed-font-size": 6,
        "border-width": 1,
        "border-color": "#ffffff",
      },
    },
    ...DRAWN_KINDS.map((kind) => {
      const l = look(kind);
      return { selector: `node[look = "${kind}"]`, style: { "background-color": l.color, shape: l.shape, width: l.size, height: l.size } };
    }),
    // In a crowded drawing the many small nodes (a speaker's every turn,
    // every citation) would bury the rest under their labels: theirs show
    // only when zoomed well in (past 2×: Cytoscape rounds the zoom up to a
    // power of two before it compares), or on hover, selection or the path.
    { selector: "node.quiet", style: { "min-zoomed-font-size": 19 } },
    {
      selector: "edge",
      style: {
        width: 1.2,
        "line-color": "#b4bac4",
        "target-arrow-color": "#b4bac4",
        "target-arrow-shape": "triangle",
        "arrow-scale": 0.7,
        // Bezier (not haystack) so arrows show and parallel edges fan out.
        "curve-style": "bezier",
        label: "data(kind)",
        "font-family": "system-ui, sans-serif",
        "font-size": 7,
        color: "#4a5260",
        "text-rotation": "autorotate",
        "text-background-color": "#ffffff",
        "text-background-opacity": 0.85,
        "text-background-padding": "1px",
        "min-zoomed-font-size": 7,
      },
    },
    { selector: "node.pending", style: { "border-width": 3, "border-style": "dashed", "border-color": "#4a5260" } },
    { selector: "node.on-path", style: { "border-width": 4, "border-color": "#c8102e", "z-index": 10, "min-zoomed-font-size": 0 } },
    {
      selector: "edge.on-path",
      style: { width: 4, "line-color": "#c8102e", "target-arrow-color": "#c8102e", color: "#8a0a1f", "font-size": 9, "font-weight": "bold", "z-index": 10, "min-zoomed-font-size": 0 },
    },
    {
      selector: "node.centre",
      style: { width: 46, height: 46, "border-width": 4, "border-color": "#111111", "font-size": 11, "font-weight": "bold", "min-zoomed-font-size": 0, "z-index": 30 },
    },
    { selector: "node.end", style: { width: 46, height: 46, "border-width": 6, "border-style": "double", "border-color": "#c8102e", "font-size": 11, "font-weight": "bold", "min-zoomed-font-size": 0, "z-index": 30 } },
    { selector: ".faded", style: { opacity: 0.22 } },
    { selector: "edge.hover", style: { width: 3, "line-color": "#1d2430", "target-arrow-color": "#1d2430", "min-zoomed-font-size": 0, "z-index": 20, opacity: 1 } },
    { selector: "node.hover", style: { "min-zoomed-font-size": 0, "z-index": 20, opacity: 1 } },
    { selector: ".chosen, .focused", style: { "overlay-color": "#005fcc", "overlay-opacity": 0.25, "overlay-padding": 6, opacity: 1, "min-zoomed-font-size": 0 } },
  ];
}

function nodeElement(n: GraphNode, position: Position): ElementDefinition {
  const drawn = lookKind(n);
  return { group: "nodes", data: { id: n.id, kind: n.kind, look: drawn, minor: MINOR_KINDS.has(drawn), label: n.label, short: canvasLabel(n) }, position };
}

function edgeElement(e: GraphEdge): ElementDefinition {
  return { group: "edges", data: { id: e.id, kind: e.kind, source: e.source, target: e.target } };
}

/**
 * Where to put nodes that arrive with an expansion or a path: beside a drawn
 * neighbour, so the layout (which starts from current positions) only has
 * to nudge, and what the reader was looking at stays where it was.
 */
function placeNew(cy: Core, nodes: GraphNode[], edges: GraphEdge[]): Map<string, Position> {
  const placed = new Map<string, Position>();
  const touching = new Map<string, string[]>();
  for (const e of edges) {
    touching.set(e.source, [...(touching.get(e.source) ?? []), e.target]);
    touching.set(e.target, [...(touching.get(e.target) ?? []), e.source]);
  }
  const positionOf = (id: string): Position | undefined => {
    const el = cy.getElementById(id);
    return el.nonempty() ? el.position() : placed.get(id);
  };
  const jitter = (p: Position): Position => {
    const angle = Math.random() * 2 * Math.PI;
    const r = 40 + Math.random() * 40;
    return { x: p.x + r * Math.cos(angle), y: p.y + r * Math.sin(angle) };
  };
  // Several passes: a node reached only through another new node (the
  // middle of a path) is placed once that one is.
  for (let pass = 0; pass < 3; pass++)
    for (const n of nodes) {
      if (placed.has(n.id)) continue;
      const anchor = (touching.get(n.id) ?? []).map(positionOf).find((p) => p !== undefined);
      if (anchor) placed.set(n.id, jitter(anchor));
    }
  const box = cy.elements().boundingBox();
  const middle = cy.elements().nonempty() ? { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 } : { x: 0, y: 0 };
  for (const n of nodes) if (!placed.has(n.id)) placed.set(n.id, jitter(middle));
  return placed;
}

/**
 * Cose (force-directed) reads best but grows with the square of the nodes:
 * in headless Chromium 0.25 s for 100 nodes, 0.8 s for 190 and 10 s for
 * 500 (with 1000 iterations; 500 look as good here). Above COSE_MAX the
 * nodes go on rings by their distance from the centre, grouped by kind,
 * which takes a fraction of a second at any size.
 */
function layoutOptions(cy: Core, centre: string, fresh: boolean): LayoutOptions {
  const common = { fit: true, padding: 24 } as const;
  if (cy.nodes().length <= COSE_MAX) {
    const animate = !fresh && !reducedMotion();
    return {
      ...common,
      name: "cose",
      // A first drawing starts from random positions; a grown one from the
      // current ones, so the reader keeps their bearings.
      randomize: fresh,
      // "end" (documented for cose, missing from the typings) moves nodes
      // straight from where they were to where they end, without the jitter
      // of animating every iteration.
      animate: (animate ? "end" : false) as boolean,
      animationDuration: 300,
      idealEdgeLength: () => 60,
      nodeRepulsion: () => 6000,
      componentSpacing: 60,
      numIter: 500,
    };
  }
  const hops = new Map<string, number>();
  cy.elements().bfs({ roots: cy.getElementById(centre), directed: false, visit: (v, _e, _u, _i, depth) => void hops.set(v.id(), depth) });
  const far = Math.max(0, ...hops.values()) + 1;
  const rank = DRAWN_KINDS.length + 1;
  return {
    ...common,
    name: "concentric",
    animate: false,
    minNodeSpacing: 4,
    // Nearer rings inside; within a ring, nodes of one kind side by side.
    // Rings are 2·rank apart and kinds span less than rank, so Cytoscape's
    // "new ring when the value drops by levelWidth" never splits or merges one.
    concentric: (node) => (far - (hops.get(node.id()) ?? far)) * 2 * rank + (rank - 1 - Math.max(0, DRAWN_KINDS.indexOf(node.data("look")))),
    levelWidth: () => rank,
  };
}

/** The drawn elements among `ids`. */
function byIds(cy: Core, ids: Iterable<string>): CollectionReturnValue {
  let found = cy.collection();
  for (const key of ids) found = found.union(cy.getElementById(key));
  return found;
}

/** Gives `cls` to exactly `els`, touching only elements that change. */
function mark(cy: Core, cls: string, els: CollectionReturnValue) {
  const had = cy.elements(`.${cls}`);
  had.difference(els).removeClass(cls);
  els.difference(had).addClass(cls);
}

function fit(cy: Core | null) {
  if (!cy) return;
  cy.fit(undefined, 24);
  if (cy.zoom() > FIT_ZOOM) {
    cy.zoom(FIT_ZOOM);
    cy.center();
  }
}

const reducedMotion = () => typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;

export default function GraphPage(props: { id: string; to?: string }) {
  const { id } = props;
  const [depth, setDepth] = useState(1);
  const [limit, setLimit] = useState(100);
  /** Edge kinds to walk along; empty means every kind. */
  const [kinds, setKinds] = useState<readonly string[]>([]);
  const [model, setModel] = useState<Model>(EMPTY_MODEL);
  /** Nodes whose neighbours are all drawn (up to the limit). */
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  /** Nodes whose neighbourhood is being fetched. */
  const [pending, setPending] = useState<ReadonlySet<string>>(() => new Set());
  /** Nodes whose neighbourhood the limit cut short. */
  const [cut, setCut] = useState<ReadonlySet<string>>(() => new Set());
  /** Every edge kind met so far, for the filter's checkboxes. */
  const [seenKinds, setSeenKinds] = useState<ReadonlySet<string>>(() => new Set());
  const [status, setStatus] = useState<Status>({ state: "loading" });
  const [notice, setNotice] = useState<string | null>(null);
  const [selected, setSelected] = useState<Target | null>(null);
  const [focused, setFocused] = useState<Target | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const [end, setEndState] = useState<string | undefined>(props.to);
  const [maxHops, setMaxHops] = useState(4);
  const [path, setPath] = useState<PathState>({ state: "idle" });

  // Bumped whenever the drawing starts over (other node, depth, limit,
  // kinds): an answer to an older request is then dropped, not merged.
  const generation = useRef(0);
  // Requests already made since the last start-over; a ref, not state, so two
  // quick clicks cannot both see "not yet asked".
  const requested = useRef(new Set<string>());
  const containerRef = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const edgeKinds = kinds.length ? [...kinds] : null;

  useEffect(() => {
    if (model.nodes.has(id)) document.title = `Graph: ${shorten(labelOf(model, id), 60)} · Scrutiny`;
  }, [model, id]);

  // A shared URL with ?to= sets the end; so does going to another graph.
  useEffect(() => setEndState(props.to), [id, props.to]);

  /** Changes the path's end and puts it in the URL, without a new history entry. */
  function setEnd(key: string | undefined) {
    setEndState(key);
    history.replaceState(history.state, "", href("graph", id, { to: key }));
  }

  function noteKinds(edges: GraphEdge[]) {
    setSeenKinds((seen) => {
      const fresh = edges.filter((e) => !seen.has(e.kind));
      return fresh.length ? new Set([...seen, ...fresh.map((e) => e.kind)]) : seen;
    });
  }

  // Start over: the centre's neighbourhood at the chosen depth.
  useEffect(() => {
    const gen = ++generation.current;
    const abort = new AbortController();
    requested.current = new Set([id]);
    setModel(EMPTY_MODEL);
    setExpanded(new Set());
    setPending(new Set());
    setCut(new Set());
    setStatus({ state: "loading" });
    setNotice(null);
    setSelected(null);
    setHover(null);
    gql<{ neighbourhood: Subgraph }>(NEIGHBOURHOOD_QUERY, { id, depth, limit, edgeKinds: kinds.length ? kinds : null }, abort.signal)
      .then(({ neighbourhood }) => {
        if (gen !== generation.current) return;
        setModel((m) => merge(m, neighbourhood));
        noteKinds(neighbourhood.edges);
        // Nodes nearer than the depth have had all their neighbours fetched,
        // unless the limit stopped the walk early.
        const done = neighbourhood.truncated ? new Set([id]) : within(neighbourhood, id, depth - 1);
        for (const key of done) requested.current.add(key);
        setExpanded(done);
        setCut(neighbourhood.truncated ? new Set([id]) : new Set());
        setStatus({ state: "ready" });
      })
      .catch((e: Error) => {
        if (e.name === "AbortError" || gen !== generation.current) return;
        setStatus({ state: "error", message: e.message });
      });
    return () => abort.abort();
  }, [id, depth, limit, kinds]);

  // The path to the end node. Declared after the start-over so that, when
  // both run, it sees the new generation; it depends on the same inputs so
  // its nodes are merged again into a fresh drawing.
  useEffect(() => {
    if (!end || end === id) {
      setPath({ state: "idle" });
      return;
    }
    const gen = generation.current;
    const abort = new AbortController();
    setPath({ state: "loading" });
    gql<{ path: Path | null }>(PATH_QUERY, { from: id, to: end, maxHops, edgeKinds: kinds.length ? kinds : null }, abort.signal)
      .then(({ path }) => {
        if (gen !== generation.current) return;
        if (!path || path.edges.length === 0) {
          setPath({ state: "none" });
          return;
        }
        setModel((m) => merge(m, path));
        noteKinds(path.edges);
        setPath({ state: "found", path });
      })
      .catch((e: Error) => {
        if (e.name === "AbortError" || gen !== generation.current) return;
        setPath({ state: "error", message: e.message });
      });
    return () => abort.abort();
  }, [id, end, maxHops, depth, limit, kinds]);

  /** Fetches a node's direct neighbours and adds them to the drawing. */
  function expand(key: string) {
    if (requested.current.has(key)) return;
    requested.current.add(key);
    const gen = generation.current;
    const label = labelOf(model, key);
    setPending((p) => new Set(p).add(key));
    gql<{ neighbourhood: Subgraph }>(NEIGHBOURHOOD_QUERY, { id: key, depth: 1, limit, edgeKinds })
      .then(({ neighbourhood }) => {
        if (gen !== generation.current) return;
        setModel((m) => merge(m, neighbourhood));
        noteKinds(neighbourhood.edges);
        setExpanded((s) => new Set(s).add(key));
        if (neighbourhood.truncated) setCut((s) => new Set(s).add(key));
        setNotice(null);
      })
      .catch((e: Error) => {
        if (gen !== generation.current) return;
        // Allow a retry with another click.
        requested.current.delete(key);
        setNotice(`Could not draw the neighbours of ${label}: ${e.message}`);
      })
      .finally(() => {
        if (gen !== generation.current) return;
        setPending((p) => {
          const next = new Set(p);
          next.delete(key);
          return next;
        });
      });
  }

  function activateNode(key: string) {
    setSelected({ type: "node", id: key });
    expand(key);
  }

  // Cytoscape's handlers are bound once; they call through this ref to reach
  // the current render's functions rather than the first render's.
  const actions = useRef({ activateNode, selectEdge: (_key: string) => {}, clear: () => {} });
  useLayoutEffect(() => {
    actions.current = {
      activateNode,
      selectEdge: (key) => setSelected({ type: "edge", id: key }),
      clear: () => setSelected(null),
    };
  });

  // The Cytoscape instance lives as long as the page.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const cy = cytoscape({
      container,
      style: stylesheet(),
      minZoom: 0.05,
      maxZoom: 5,
      boxSelectionEnabled: false,
      // Selection is the page's state (the side panel), not Cytoscape's.
      autounselectify: true,
    });
    cyRef.current = cy;
    (window as unknown as { __scrutinyGraph?: Core }).__scrutinyGraph = cy;
    cy.on("tap", "node", (e: EventObject) => {
      actions.current.activateNode(e.target.id());
      // The name of what was tapped, for a phone, where nothing hovers.
      setHover({ type: "node", id: e.target.id(), x: e.renderedPosition.x, y: e.renderedPosition.y });
    });
    cy.on("dbltap", "node", (e: EventObject) => navigate(nodeHref(e.target.id())));
    // A tap on an edge pins it in the side panel and also opens the card at
    // the tap: on a phone there is no hover, and the panel is a scroll away.
    cy.on("tap", "edge", (e: EventObject) => {
      actions.current.selectEdge(e.target.id());
      setHover({ type: "edge", id: e.target.id(), x: e.renderedPosition.x, y: e.renderedPosition.y });
    });
    cy.on("tap", (e: EventObject) => {
      if (e.target !== cy) return;
      actions.current.clear();
      setHover(null);
    });
    cy.on("mouseover", "node, edge", (e: EventObject) => {
      container.style.cursor = "pointer";
      setHover({ type: e.target.isNode() ? "node" : "edge", id: e.target.id(), x: e.renderedPosition.x, y: e.renderedPosition.y });
    });
    cy.on("mouseout", "node, edge", () => {
      container.style.cursor = "";
      setHover(null);
    });
    // A card would point at the wrong place once the view moves, and
    // Cytoscape sends no mouseout when the pointer leaves the canvas from
    // over an element.
    cy.on("viewport", () => setHover(null));
    const leave = () => setHover(null);
    container.addEventListener("mouseleave", leave);
    const resize = new ResizeObserver(() => cy.resize());
    resize.observe(container);
    return () => {
      container.removeEventListener("mouseleave", leave);
      resize.disconnect();
      const w = window as unknown as { __scrutinyGraph?: Core };
      if (w.__scrutinyGraph === cy) delete w.__scrutinyGraph;
      cy.destroy();
      cyRef.current = null;
    };
  }, []);

  // Bring the canvas in line with the model: drop what a start-over removed,
  // add what arrived, then lay out again.
  const layoutRef = useRef<Layouts | null>(null);
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const stale = cy.elements().filter((el) => (el.isNode() ? !model.nodes.has(el.id()) : !model.edges.has(el.id())));
    const fresh = stale.nodes().length === cy.nodes().length;
    const newNodes = [...model.nodes.values()].filter((n) => cy.getElementById(n.id).empty());
    const newEdges = [...model.edges.values()].filter((e) => cy.getElementById(e.id).empty());
    if (stale.empty() && !newNodes.length && !newEdges.length) return;
    cy.batch(() => {
      stale.remove();
      const at = fresh ? new Map<string, Position>() : placeNew(cy, newNodes, newEdges);
      cy.add(newNodes.map((n) => nodeElement(n, at.get(n.id) ?? { x: 0, y: 0 })));
      cy.add(newEdges.map(edgeElement));
    });
    if (!newNodes.length && !newEdges.length) return;
    layoutRef.current?.stop();
    layoutRef.current = cy.layout(layoutOptions(cy, id, fresh));
    // Fitting a small graph zooms far in; capping the zoom keeps the label
    // rule above (minor labels only when zoomed in) meaning the same thing.
    layoutRef.current.one("layoutstop", () => fit(cy));
    layoutRef.current.run();
  }, [model, id]);

  const onPath = useMemo(() => {
    if (path.state !== "found") return null;
    return new Set([...path.path.nodes.map((n) => n.id), ...path.path.edges.map((e) => e.id)]);
  }, [path]);

  // Classes carry the page's state onto the canvas. Only elements whose
  // class changes are touched: restyling all of a 500-node drawing on every
  // hover took the better part of a second.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const crowded = cy.nodes().length > CROWDED;
    const path = onPath ? byIds(cy, onPath) : cy.collection();
    cy.batch(() => {
      mark(cy, "quiet", crowded ? cy.collection().union(cy.nodes("[?minor]")) : cy.collection());
      mark(cy, "centre", byIds(cy, [id]));
      mark(cy, "end", byIds(cy, end ? [end] : []));
      mark(cy, "pending", byIds(cy, pending));
      mark(cy, "on-path", path);
      mark(cy, "faded", onPath ? cy.elements().difference(path) : cy.collection());
    });
  }, [model, id, end, pending, onPath]);
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      mark(cy, "chosen", byIds(cy, selected ? [selected.id] : []));
      mark(cy, "focused", byIds(cy, focused ? [focused.id] : []));
      mark(cy, "hover", byIds(cy, hover ? [hover.id] : []));
    });
  }, [model, selected, focused, hover]);

  // Stable, so the memoised node list does not re-render for it.
  const onActivate = useCallback((key: string) => actions.current.activateNode(key), []);
  const centreLabel = labelOf(model, id);
  const endLabel = end ? labelOf(model, end) : "";
  const kindCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const e of model.edges.values()) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
    return counts;
  }, [model]);
  const looks = useMemo(() => {
    const counts = new Map<string, number>();
    for (const n of model.nodes.values()) counts.set(lookKind(n), (counts.get(lookKind(n)) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]);
  }, [model]);

  const summary =
    status.state === "ready"
      ? `Graph around ${centreLabel}: ${model.nodes.size} nodes and ${model.edges.size} edges` +
        (path.state === "found" ? `; the path to ${endLabel}, ${path.path.length} ${path.path.length === 1 ? "edge" : "edges"} long, is highlighted` : "") +
        (cut.size ? "; cut short by the node limit" : "") +
        ". The lists beside it hold the same nodes and edges."
      : status.state === "error"
        ? `No graph: ${status.message}`
        : `Graph around ${id}: loading`;

  function toggleKind(kind: string, on: boolean) {
    setKinds((ks) => (on ? [...ks, kind].sort() : ks.filter((k) => k !== kind)));
  }

  return (
    <div className="graph-page">
      <header className="graph-head">
        <h1>
          Connections of <a href={nodeHref(id)}>{model.nodes.has(id) ? centreLabel : id}</a>
        </h1>
        <form className="graph-controls" onSubmit={(e) => e.preventDefault()} aria-label="Drawing options" hidden={status.state === "error"}>
          <label>
            Depth{" "}
            <select value={depth} onChange={(e) => setDepth(Number(e.target.value))} data-testid="graph-depth">
              {DEPTHS.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </label>
          <label>
            Node limit{" "}
            <select value={limit} onChange={(e) => setLimit(Number(e.target.value))} data-testid="graph-limit">
              {LIMITS.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </label>
          <details className="graph-kinds" data-testid="graph-kinds">
            <summary>Edge kinds: {kinds.length ? kinds.join(", ") : "all"}</summary>
            <fieldset>
              <legend>Walk only along</legend>
              {[...new Set([...seenKinds, ...kinds])].sort().map((kind) => (
                <label key={kind}>
                  <input type="checkbox" checked={kinds.includes(kind)} onChange={(e) => toggleKind(kind, e.target.checked)} /> {kind}
                  {kindCounts.has(kind) ? <span className="graph-muted"> ({kindCounts.get(kind)})</span> : null}
                </label>
              ))}
              <button type="button" onClick={() => setKinds([])} disabled={!kinds.length}>
                All kinds
              </button>
            </fieldset>
          </details>
          <button type="button" onClick={() => fit(cyRef.current)}>
            Fit
          </button>
        </form>
        <div role="status" className="graph-status">
          {status.state === "loading" ? <p data-testid="graph-loading">Loading the neighbourhood…</p> : null}
          {status.state === "ready" && cut.size ? (
            <p className="graph-notice" data-testid="graph-truncated">
              Truncated: the {limit}-node limit cut short the neighbourhood of {[...cut].map((k) => shorten(labelOf(model, k), 40)).join(", ")}, so not every neighbour
              is drawn. Raise the limit, lower the depth or pick fewer edge kinds.
            </p>
          ) : null}
          {notice ? <p className="graph-error">{notice}</p> : null}
        </div>
        {status.state === "error" ? (
          <p className="graph-error" role="alert" data-testid="graph-error">
            {status.message}
          </p>
        ) : null}
      </header>

      {/* Hidden, not unmounted, on an error: Cytoscape stays bound to its container. */}
      <div className="graph-layout" hidden={status.state === "error"}>
        <div className="graph-stage">
          <div className="graph-canvas-wrap">
            <div ref={containerRef} className="graph-canvas" data-testid="graph" role="img" aria-label={summary} aria-busy={status.state === "loading" || pending.size > 0} />
            {hover ? <HoverCard hover={hover} model={model} container={containerRef.current} /> : null}
          </div>
          <p className="graph-hint">
            Click a node to draw its neighbours, double-click to open its page. Hover or tap an edge to see where it comes from. Scroll to zoom, drag to pan.
          </p>
          <ul className="graph-legend" aria-label="Node kinds drawn">
            {looks.map(([kind, count]) => (
              <li key={kind}>
                <Swatch kind={kind} /> {look(kind).name} <span className="graph-muted">({count})</span>
              </li>
            ))}
          </ul>
        </div>

        <aside className="graph-side" aria-label="Graph details">
          <SelectedPanel
            selected={selected}
            model={model}
            centre={id}
            end={end}
            expanded={expanded}
            pending={pending}
            onExpand={expand}
            onSetEnd={setEnd}
          />

          <PathPanel
            centre={id}
            centreLabel={centreLabel}
            end={end}
            endLabel={endLabel}
            model={model}
            path={path}
            maxHops={maxHops}
            filtered={kinds.length > 0}
            onMaxHops={setMaxHops}
            onSetEnd={setEnd}
          />

          <NodeList
            nodes={model.nodes}
            centre={id}
            end={end}
            selected={selected?.type === "node" ? selected.id : undefined}
            onPath={onPath}
            pending={pending}
            expanded={expanded}
            onActivate={onActivate}
            onFocus={setFocused}
          />
          <EdgeList model={model} onPath={onPath} onFocus={setFocused} />
        </aside>
      </div>
    </div>
  );
}

// The lists are memoised: with hundreds of nodes and thousands of edges,
// re-rendering them on every hover of the canvas took most of a second.

const NodeList = memo(function NodeList(props: {
  nodes: ReadonlyMap<string, GraphNode>;
  centre: string;
  end: string | undefined;
  selected: string | undefined;
  onPath: ReadonlySet<string> | null;
  pending: ReadonlySet<string>;
  expanded: ReadonlySet<string>;
  onActivate: (key: string) => void;
  onFocus: (target: Target | null) => void;
}) {
  const { onPath } = props;
  const nodes = [...props.nodes.values()];
  return (
    <section className="graph-section" aria-labelledby="graph-nodes-h">
      <h2 id="graph-nodes-h">Nodes ({nodes.length})</h2>
      <ul className="graph-list" data-testid="graph-node-list">
        {nodes.map((n) => (
          <li key={n.id} className={onPath?.has(n.id) ? "graph-on-path" : undefined}>
            <button
              type="button"
              className="graph-node-button"
              data-testid="graph-node"
              data-key={n.id}
              aria-pressed={props.selected === n.id}
              onClick={() => props.onActivate(n.id)}
              onFocus={() => props.onFocus({ type: "node", id: n.id })}
              onBlur={() => props.onFocus(null)}
            >
              <Swatch kind={lookKind(n)} /> <span className="graph-node-label">{n.label}</span>{" "}
              <span className="graph-muted">
                {look(lookKind(n)).name}
                {n.id === props.centre ? ", centre" : ""}
                {n.id === props.end ? ", path end" : ""}
                {onPath?.has(n.id) ? ", on the path" : ""}
                {props.pending.has(n.id) ? ", loading neighbours" : props.expanded.has(n.id) ? ", neighbours drawn" : ""}
              </span>
            </button>
            <a href={nodeHref(n.id)} className="graph-page-link">
              page<span className="graph-sr"> of {n.label}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
});

const EdgeList = memo(function EdgeList(props: { model: Model; onPath: ReadonlySet<string> | null; onFocus: (target: Target | null) => void }) {
  const edges = [...props.model.edges.values()];
  return (
    <section className="graph-section" aria-labelledby="graph-edges-h">
      <h2 id="graph-edges-h">Edges ({edges.length})</h2>
      <ul className="graph-list" data-testid="graph-edge-list">
        {edges.map((e) => (
          <EdgeItem key={e.id} edge={e} model={props.model} onPath={!!props.onPath?.has(e.id)} onFocus={props.onFocus} />
        ))}
      </ul>
    </section>
  );
});

function Swatch({ kind }: { kind: string }) {
  const l = look(kind);
  return <span className="graph-swatch" data-shape={l.shape} style={{ backgroundColor: l.color }} aria-hidden="true" />;
}

/** "Source —kind→ Target", the way the lists and panels name an edge. */
function EdgeName({ edge, model }: { edge: GraphEdge; model: Model }) {
  return (
    <>
      <span>{shorten(labelOf(model, edge.source), 48)}</span> <strong className="graph-edge-kind">—{edge.kind}→</strong>{" "}
      <span>{shorten(labelOf(model, edge.target), 48)}</span>
    </>
  );
}

function ProvenanceList({ items }: { items: Provenance[] }) {
  if (!items.length) return <p className="graph-muted">No source recorded for this edge.</p>;
  return (
    <ul className="graph-prov">
      {items.map((p, i) => (
        <li key={i}>
          <cite>{p.document?.title ?? p.documentId}</cite>
          {p.document?.date ? <span className="graph-muted"> ({p.document.date})</span> : null}
          <br />
          <span className="graph-muted">{spanText(p)}</span>
          <blockquote>{p.quote}</blockquote>
          <a href={sourceHref(p.documentId, p.firstLine, p.lastLine)}>Read in the source</a>
        </li>
      ))}
    </ul>
  );
}

/** One edge in the list; its provenance is rendered only when opened, as there may be thousands. */
function EdgeItem(props: { edge: GraphEdge; model: Model; onPath: boolean; onFocus: (target: Target | null) => void }) {
  const { edge } = props;
  const [open, setOpen] = useState(false);
  return (
    <li data-testid="graph-edge" data-key={edge.id} data-kind={edge.kind} className={props.onPath ? "graph-on-path" : undefined}
      onFocus={() => props.onFocus({ type: "edge", id: edge.id })}
      onBlur={() => props.onFocus(null)}
    >
      <EdgeName edge={edge} model={props.model} />
      {props.onPath ? <span className="graph-muted"> (on the path)</span> : null}
      <details onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          Provenance ({edge.provenance.length})<span className="graph-sr"> of {edge.kind} from {labelOf(props.model, edge.source)} to {labelOf(props.model, edge.target)}</span>
        </summary>
        {open ? <ProvenanceList items={edge.provenance} /> : null}
      </details>
    </li>
  );
}

/** The card that follows the pointer over the canvas. */
function HoverCard({ hover, model, container }: { hover: Hover; model: Model; container: HTMLElement | null }) {
  const width = container?.clientWidth ?? 600;
  const height = container?.clientHeight ?? 400;
  // Keep the card inside the canvas: flip to the left or above near an edge.
  const left = hover.x + 300 > width ? Math.max(4, hover.x - 304) : hover.x + 14;
  const top = hover.y + 200 > height ? Math.max(4, hover.y - 200) : hover.y + 14;
  if (hover.type === "node") {
    const node = model.nodes.get(hover.id);
    if (!node) return null;
    return (
      <div className="graph-tooltip" style={{ left, top }} data-testid="graph-tooltip">
        <strong>{node.label}</strong>
        <div className="graph-muted">
          {look(lookKind(node)).name} · {node.id}
        </div>
        <div className="graph-muted">Click to draw its neighbours, double-click to open its page.</div>
      </div>
    );
  }
  const edge = model.edges.get(hover.id);
  if (!edge) return null;
  const shown = edge.provenance.slice(0, 2);
  return (
    <div className="graph-tooltip" style={{ left, top }} data-testid="graph-tooltip">
      <div>
        <EdgeName edge={edge} model={model} />
      </div>
      {shown.map((p, i) => (
        <div key={i} className="graph-tooltip-prov">
          <cite>{p.document?.title ?? p.documentId}</cite>, {spanText(p)}
          <blockquote>{p.quote}</blockquote>
        </div>
      ))}
      {edge.provenance.length > shown.length ? <div className="graph-muted">and {edge.provenance.length - shown.length} more</div> : null}
      {!edge.provenance.length ? <div className="graph-muted">No source recorded.</div> : null}
      <div className="graph-muted">Click or tap the edge to pin this in the side panel.</div>
    </div>
  );
}

function SelectedPanel(props: {
  selected: Target | null;
  model: Model;
  centre: string;
  end: string | undefined;
  expanded: ReadonlySet<string>;
  pending: ReadonlySet<string>;
  onExpand: (key: string) => void;
  onSetEnd: (key: string) => void;
}) {
  const { selected, model } = props;
  const node = selected?.type === "node" ? model.nodes.get(selected.id) : undefined;
  const edge = selected?.type === "edge" ? model.edges.get(selected.id) : undefined;
  return (
    <section className="graph-section graph-selected" aria-labelledby="graph-selected-h" aria-live="polite" data-testid="graph-selected">
      <h2 id="graph-selected-h">{node ? "Node" : edge ? "Edge" : "Selection"}</h2>
      {node ? (
        <>
          <p>
            <strong>{node.label}</strong>
            <br />
            <span className="graph-muted">
              {look(lookKind(node)).name} · <code>{node.id}</code>
            </span>
          </p>
          <div className="graph-actions">
            <button type="button" onClick={() => props.onExpand(node.id)} disabled={props.expanded.has(node.id) || props.pending.has(node.id)}>
              {props.pending.has(node.id) ? "Loading…" : props.expanded.has(node.id) ? "Neighbours drawn" : "Draw neighbours"}
            </button>
            <a className="graph-button" href={nodeHref(node.id)} data-testid="graph-open-page">
              Open page
            </a>
            <button type="button" onClick={() => props.onSetEnd(node.id)} disabled={node.id === props.centre || node.id === props.end} data-testid="graph-set-end">
              Set as path end
            </button>
            {node.id !== props.centre ? (
              <a className="graph-button" href={href("graph", node.id)}>
                Centre graph here
              </a>
            ) : null}
          </div>
        </>
      ) : edge ? (
        <>
          <p>
            <EdgeName edge={edge} model={model} />
          </p>
          <ProvenanceList items={edge.provenance} />
        </>
      ) : (
        <p className="graph-muted">Nothing selected. Click or tap a node or an edge, or use the lists below.</p>
      )}
    </section>
  );
}

function PathPanel(props: {
  centre: string;
  centreLabel: string;
  end: string | undefined;
  endLabel: string;
  model: Model;
  path: PathState;
  maxHops: number;
  filtered: boolean;
  onMaxHops: (n: number) => void;
  onSetEnd: (key: string | undefined) => void;
}) {
  const { path, model } = props;
  const [text, setText] = useState("");
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const [finding, setFinding] = useState(false);

  /** Turns what was typed into ids to choose from: an id as is, a name through the lookups. */
  async function find(e: FormEvent) {
    e.preventDefault();
    const q = text.trim();
    if (!q) return;
    // A node key: kind, slash, rest, no spaces.
    if (/^[a-z-]+\/\S+$/.test(q)) {
      setCandidates(null);
      props.onSetEnd(q);
      return;
    }
    setFinding(true);
    const lower = q.toLowerCase();
    const found: Candidate[] = [...model.nodes.values()]
      .filter((n) => n.label.toLowerCase().includes(lower))
      .slice(0, 5)
      .map((n) => ({ id: n.id, label: n.label, kind: look(lookKind(n)).name }));
    const [people, organisation, report, search] = await Promise.allSettled([
      gql<{ people: { edges: { node: { id: string; name: string } }[] } }>(FIND_PEOPLE_QUERY, { name: q }),
      gql<{ organisation: { id: string; name: string } }>(FIND_ORGANISATION_QUERY, { name: q }),
      gql<{ report: { id: string; name: string } }>(FIND_REPORT_QUERY, { title: q }),
      gql<{ search: { edges: { node: { kind: string; node: { id: string; name: string } } }[] } }>(FIND_SEARCH_QUERY, { q }),
    ]);
    if (people.status === "fulfilled") for (const { node } of people.value.people.edges) found.push({ id: node.id, label: node.name, kind: "person" });
    if (organisation.status === "fulfilled") found.push({ id: organisation.value.organisation.id, label: organisation.value.organisation.name, kind: "organisation" });
    if (report.status === "fulfilled") found.push({ id: report.value.report.id, label: report.value.report.name, kind: "report" });
    if (search.status === "fulfilled") for (const { node } of search.value.search.edges) found.push({ id: node.node.id, label: node.node.name, kind: node.kind });
    const seen = new Set([props.centre]);
    setCandidates(found.filter((c) => !seen.has(c.id) && (seen.add(c.id), true)));
    setFinding(false);
  }

  return (
    <section className="graph-section" aria-labelledby="graph-path-h" data-testid="graph-path">
      <h2 id="graph-path-h">Path</h2>
      <p>
        From <strong>{shorten(props.centreLabel, 60)}</strong> to{" "}
        {props.end ? (
          <>
            <strong data-testid="graph-path-end">{shorten(props.endLabel, 60)}</strong>{" "}
            <button type="button" onClick={() => props.onSetEnd(undefined)}>
              Clear
            </button>
          </>
        ) : (
          <span className="graph-muted">a node of your choice: “Set as path end” on a drawn node, or find one here.</span>
        )}
      </p>
      <form className="graph-find" onSubmit={find} role="search" aria-label="Find the path's end node">
        <label>
          Path to…{" "}
          <input value={text} onChange={(e) => setText(e.target.value)} placeholder="a name or a node id" data-testid="graph-path-input" />
        </label>
        <button type="submit" disabled={finding}>
          {finding ? "Finding…" : "Find"}
        </button>
        <label>
          at most{" "}
          <select value={props.maxHops} onChange={(e) => props.onMaxHops(Number(e.target.value))} data-testid="graph-max-hops">
            {MAX_HOPS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>{" "}
          hops
        </label>
      </form>
      {candidates ? (
        candidates.length ? (
          <ul className="graph-candidates" aria-label="Matching nodes">
            {candidates.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  data-testid="graph-path-candidate"
                  data-key={c.id}
                  onClick={() => {
                    setCandidates(null);
                    props.onSetEnd(c.id);
                  }}
                >
                  {shorten(c.label, 70)} <span className="graph-muted">{c.kind}</span>
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="graph-muted">Nothing found for “{text.trim()}”.</p>
        )
      ) : null}
      <div aria-live="polite" data-testid="graph-path-result">
        {path.state === "loading" ? <p>Finding the path…</p> : null}
        {path.state === "error" ? <p className="graph-error">{path.message}</p> : null}
        {path.state === "none" ? (
          <p>
            No connection within {props.maxHops} hops{props.filtered ? " along the chosen edge kinds" : ""}.
          </p>
        ) : null}
        {path.state === "found" ? (
          <>
            <p>
              {path.path.length} {path.path.length === 1 ? "edge" : "edges"}, highlighted in red:
            </p>
            <ol className="graph-steps">
              {path.path.edges.map((edge, i) => {
                const from = path.path.nodes[i]?.id ?? edge.source;
                // A path may walk an edge against its direction.
                const backwards = edge.source !== from;
                return (
                  <li key={edge.id}>
                    {shorten(labelOf(model, from), 48)}{" "}
                    <strong className="graph-edge-kind">{backwards ? `←${edge.kind}—` : `—${edge.kind}→`}</strong>{" "}
                    {shorten(labelOf(model, backwards ? edge.source : edge.target), 48)}
                    <details>
                      <summary>Provenance ({edge.provenance.length})</summary>
                      <ProvenanceList items={edge.provenance} />
                    </details>
                  </li>
                );
              })}
            </ol>
          </>
        ) : null}
      </div>
    </section>
  );
}
