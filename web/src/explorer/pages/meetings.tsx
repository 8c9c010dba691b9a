// #/meetings?body=…&from=…&to=…: meetings in date order, with what is on
// record for each (minutes, transcript turns).

import { type FormEvent } from "react";
import { useConnection, useTitle, type Connection } from "../hooks";
import type { NodeRef } from "../fragments";
import { formatDate, plural } from "../format";
import { href, navigate } from "../router";
import { NodeLink } from "../components/links";
import { KindBadge } from "../components/badges";
import { MoreButton } from "../components/pagination";
import { ErrorBox } from "../components/status";

const MEETINGS = `query Meetings($filter: MeetingFilter, $after: String) {
  meetings(filter: $filter, first: 25, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id name date kind body { id name }
      documents { id kind } statements(first: 0) { totalCount } agendaItems { id } } }
  }
}`;

interface MeetingItem extends NodeRef {
  date: string | null;
  kind: string | null;
  body: NodeRef | null;
  documents: { id: string; kind: string | null }[];
  statements: { totalCount: number };
  agendaItems: { id: string }[];
}

export function MeetingsPage(props: { params: URLSearchParams }) {
  useTitle("Meetings");
  const { params } = props;
  const filter: Record<string, string> = {};
  for (const k of ["body", "from", "to"]) {
    const v = params.get(k);
    if (v) filter[k] = v;
  }
  const meetings = useConnection<{ meetings: Connection<MeetingItem> }, MeetingItem>(
    MEETINGS,
    { filter: Object.keys(filter).length ? filter : null },
    (d) => d.meetings,
  );

  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const next: Record<string, string> = {};
    for (const k of ["body", "from", "to"]) next[k] = String(form.get(k) ?? "").trim();
    navigate(href("meetings", "", next));
  };

  return (
    <>
      <h1>Meetings</h1>
      <form className="inline-form" onSubmit={apply} key={params.toString()}>
        <label>
          Body <input name="body" defaultValue={params.get("body") ?? ""} placeholder="e.g. Police and Crime Committee" />
        </label>
        <label>
          From <input type="date" name="from" defaultValue={params.get("from") ?? ""} />
        </label>
        <label>
          To <input type="date" name="to" defaultValue={params.get("to") ?? ""} />
        </label>
        <button type="submit">Show</button>
      </form>
      {meetings.totalCount != null ? (
        <p className="muted">{plural(meetings.totalCount, "meeting")}, oldest first.</p>
      ) : null}
      <ErrorBox error={meetings.items.length ? null : meetings.error} />
      <ul className="plain doc-list">
        {meetings.items.map((m) => (
          <li key={m.id}>
            <span className="date">{formatDate(m.date)}</span> <NodeLink node={m} />
            {m.kind && m.kind !== "formal" ? (
              <>
                {" "}
                <KindBadge kind={m.kind} />
              </>
            ) : null}
            <div className="muted">
              {[
                m.agendaItems.length ? plural(m.agendaItems.length, "agenda item") : "",
                m.statements.totalCount ? plural(m.statements.totalCount, "transcript turn") : "",
                m.documents.map((d) => d.kind).filter(Boolean).join(", "),
              ]
                .filter(Boolean)
                .join(" · ") || "Known only from mentions"}
            </div>
          </li>
        ))}
      </ul>
      <MoreButton conn={meetings} label="More meetings" />
    </>
  );
}
