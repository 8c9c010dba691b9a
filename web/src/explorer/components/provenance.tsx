// Where a node comes from: each source span with its document, lines,
// exact quote and a link to the source view. Long lists (a meeting named
// on twenty pages) show the first few and a button for the rest.

import { useState } from "react";
import type { Provenance } from "../api";
import { linesLabel, truncate } from "../format";
import { NodeLink, SourceLink } from "./links";

export function ProvenanceList(props: { sources: Provenance[]; initial?: number; title?: string }) {
  const { sources } = props;
  const initial = props.initial ?? 3;
  const [all, setAll] = useState(false);
  if (!sources.length) return null;
  const shown = all ? sources : sources.slice(0, initial);
  return (
    <section className="provenance" aria-label={props.title ?? "Sources"}>
      <h2>{props.title ?? "Sources"}</h2>
      <ul className="plain">
        {shown.map((p, i) => (
          <li key={i}>
            <ProvenanceLine p={p} />
          </li>
        ))}
      </ul>
      {sources.length > initial ? (
        <button type="button" className="link-button" onClick={() => setAll(!all)}>
          {all ? "Show fewer" : `Show all ${sources.length} sources`}
        </button>
      ) : null}
    </section>
  );
}

/** One span: "Document title, lines 3–9" with its quote and a source link. */
export function ProvenanceLine(props: { p: Provenance; quote?: boolean }) {
  const { p } = props;
  return (
    <div className="prov">
      <div className="prov-where">
        {p.document ? <NodeLink node={{ id: p.document.id, name: p.document.title }} /> : <span>{p.documentId}</span>}
        <span className="muted">, {linesLabel(p)}</span> · <SourceLink p={p} label="Open in source" />
      </div>
      {props.quote !== false && p.quote.trim() ? <blockquote>{truncate(p.quote.trim(), 400)}</blockquote> : null}
    </div>
  );
}

/** A compact "document, lines" source link for list entries. */
export function SourceRef(props: { sources: Provenance[] }) {
  const p = props.sources[0];
  if (!p) return null;
  return (
    <span className="source-ref">
      <SourceLink p={p} label={`${p.document?.title ?? p.documentId}, ${linesLabel(p)}`} />
      {props.sources.length > 1 ? <span className="muted"> (+{props.sources.length - 1} more)</span> : null}
    </span>
  );
}

/** The sources with the one holding `quote` first (a response's justifying
 *  sentence rather than the heading it was grouped under). */
export function preferring(sources: Provenance[], quote: string | null | undefined): Provenance[] {
  const q = quote?.trim();
  if (!q) return sources;
  const at = sources.findIndex((p) => p.quote.includes(q));
  if (at <= 0) return sources;
  return [sources[at], ...sources.filter((_, i) => i !== at)];
}
