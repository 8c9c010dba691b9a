// Links between views. Every one is a real <a href="#/…">, so it opens in
// a new tab, can be copied, and is reached with Tab like any link.

import type { ReactNode } from "react";
import type { Provenance } from "../api";
import { href, nodeHref, sourceHref } from "../router";
import { linesLabel } from "../format";
import { displayName, type NodeRef } from "../fragments";

/** A link to a node's page; nothing when there is no node. */
export function NodeLink(props: { node: NodeRef | null | undefined; children?: ReactNode; className?: string }) {
  const { node } = props;
  if (!node) return null;
  return (
    <a href={nodeHref(node.id)} className={props.className}>
      {props.children ?? displayName(node)}
    </a>
  );
}

/** "Open in source" for a span, to the source view with its lines highlighted. */
export function SourceLink(props: { p: Provenance; label?: string }) {
  const { p } = props;
  return (
    <a className="source-link" href={sourceHref(p.documentId, p.firstLine, p.lastLine)}>
      {props.label ?? `Source, ${linesLabel(p)}`}
    </a>
  );
}

/** The "Graph" link every node page carries. */
export function GraphLink(props: { id: string }) {
  return (
    <a className="button-link" href={href("graph", props.id)}>
      Graph
    </a>
  );
}
