// "Mentions" and "Mentioned in": what a node's text names, and what names
// it. A node named many times by one statement is listed once, with the
// count, so long lists stay readable.

import { useState } from "react";
import type { MentionItem, NodeRef } from "../fragments";
import { kindLabel } from "../fragments";
import { KindBadge } from "./badges";
import { NodeLink, SourceLink } from "./links";

interface Grouped {
  node: NodeRef;
  count: number;
  explicit: boolean;
  first: MentionItem;
}

function group(mentions: MentionItem[], exclude?: string): Grouped[] {
  const by = new Map<string, Grouped>();
  for (const m of mentions) {
    if (m.node.id === exclude) continue;
    const g = by.get(m.node.id);
    if (g) {
      g.count += 1;
      g.explicit ||= m.basis === "EXPLICIT";
    } else by.set(m.node.id, { node: m.node, count: 1, explicit: m.basis === "EXPLICIT", first: m });
  }
  return [...by.values()];
}

export function MentionList(props: {
  title: string;
  mentions: MentionItem[];
  /** A node to leave out (the page's own). */
  exclude?: string;
  /** Sort by count (a person's topics) rather than the server's order. */
  byCount?: boolean;
  initial?: number;
  empty?: string;
}) {
  const [all, setAll] = useState(false);
  const groups = group(props.mentions, props.exclude);
  if (props.byCount) groups.sort((a, b) => b.count - a.count || a.node.name.localeCompare(b.node.name));
  const initial = props.initial ?? 20;
  const shown = all ? groups : groups.slice(0, initial);
  return (
    <section aria-label={props.title}>
      <h2>{props.title}</h2>
      {groups.length === 0 ? (
        <p className="muted">{props.empty ?? "None recorded."}</p>
      ) : (
        <ul className="plain mentions">
          {shown.map((g) => (
            <li key={g.node.id}>
              <KindBadge kind={kindLabel(g.node.__typename, g.node.id)} /> <NodeLink node={g.node} />
              {g.count > 1 ? <span className="muted"> ×{g.count}</span> : null}
              {!g.explicit ? (
                <span className="muted" title={g.first.cue ? `By context: “${g.first.cue}”` : "By context"}>
                  {" "}
                  (by context{g.first.cue ? `: “${g.first.cue}”` : ""})
                </span>
              ) : g.first.asWritten && g.first.asWritten !== g.node.name ? (
                <span className="muted"> as “{g.first.asWritten}”</span>
              ) : null}
              {g.first.provenance[0] ? (
                <>
                  {" · "}
                  <SourceLink p={g.first.provenance[0]} label="source" />
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {groups.length > initial ? (
        <button type="button" className="link-button" onClick={() => setAll(!all)}>
          {all ? "Show fewer" : `Show all ${groups.length}`}
        </button>
      ) : null}
    </section>
  );
}
