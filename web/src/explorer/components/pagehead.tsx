// The top of every node page: its kind, name as the <h1>, the "Graph"
// link, and anything page-specific (a Cite button) beside them.

import type { ReactNode } from "react";
import { useTitle } from "../hooks";
import { KindBadge } from "./badges";
import { GraphLink } from "./links";

export function PageHead(props: { id: string; kind: string; title: string; iri?: string; children?: ReactNode }) {
  useTitle(props.title);
  return (
    <header className="page-head">
      <KindBadge kind={props.kind} />
      <h1>{props.title}</h1>
      <div className="actions">
        <GraphLink id={props.id} />
        {props.children}
      </div>
      {props.iri ? (
        <p className="iri muted">
          Permanent link: <code>{props.iri}</code>
        </p>
      ) : null}
    </header>
  );
}

/** A short "label: value" list; entries without a value are left out. */
export function Facts(props: { items: [string, ReactNode][] }) {
  const items = props.items.filter(([, v]) => v !== null && v !== undefined && v !== "" && v !== false);
  if (!items.length) return null;
  return (
    <dl className="facts">
      {items.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
