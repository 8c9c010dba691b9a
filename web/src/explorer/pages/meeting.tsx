// A meeting's page: body, date, agenda, who attended (by status), the
// documents recording it, actions arising, and the transcript turn by turn.

import { PROVENANCE, type Provenance } from "../api";
import { useConnection, useQuery, type Connection } from "../hooks";
import { STATEMENT, type NodeRef, type StatementItem } from "../fragments";
import { formatDate, plural } from "../format";
import { PageHead, Facts } from "../components/pagehead";
import { NodeLink, SourceLink } from "../components/links";
import { ProvenanceList } from "../components/provenance";
import { StatementView } from "../components/statement";
import { KindBadge, StatusBadge } from "../components/badges";
import { MoreButton } from "../components/pagination";
import { ErrorBox, Loading } from "../components/status";

const MEETING = `query Meeting($id: ID!) {
  node(id: $id) { __typename id iri name provenance { ${PROVENANCE} }
    ... on Meeting {
      aliases body { id name } date time place topic kind statedIn scheduled
      dateDisputed dateOfRecord
      dateReadings { date basis asWritten ofRecord provenance { ${PROVENANCE} } }
      chair { id name }
      agendaItems { id number title discusses { id name } statements(first: 0) { totalCount } }
      attendance { id status mode role organisationName person { id name } substituteFor { id name } agendaItem { id number } provenance { ${PROVENANCE} } }
      actions { id name status text item }
      documents { id title kind date }
    }
  }
}`;

const TRANSCRIPT = `query Transcript($id: ID!, $after: String) {
  node(id: $id) { ... on Meeting {
    statements(first: 100, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { ${STATEMENT} panel } }
    }
  } }
}`;

interface Attendance {
  id: string;
  status: string | null;
  mode: string | null;
  role: string | null;
  organisationName: string | null;
  person: NodeRef | null;
  substituteFor: NodeRef | null;
  agendaItem: { id: string; number: string | null } | null;
  provenance: Provenance[];
}

interface MeetingData {
  node: {
    __typename: "Meeting";
    id: string;
    iri: string;
    name: string;
    provenance: Provenance[];
    aliases: string[];
    body: NodeRef | null;
    date: string | null;
    time: string | null;
    place: string | null;
    topic: string | null;
    kind: string | null;
    statedIn: string | null;
    scheduled: boolean;
    dateDisputed: boolean;
    dateOfRecord: string | null;
    dateReadings: { date: string; basis: string; asWritten: string; ofRecord: boolean; provenance: Provenance[] }[];
    chair: NodeRef | null;
    agendaItems: { id: string; number: string | null; title: string | null; discusses: NodeRef[]; statements: { totalCount: number } }[];
    attendance: Attendance[];
    actions: { id: string; name: string; status: string | null; text: string | null; item: string | null }[];
    documents: { id: string; title: string; kind: string | null; date: string | null }[];
  };
}

type Turn = StatementItem & { panel: string | null };

/** Attendance statuses in the order a record lists them. */
const STATUS_ORDER = ["present", "substitute", "guest", "officer", "apologies", "absent"];
const STATUS_HEADING: Record<string, string> = {
  present: "Present",
  substitute: "Substitutes",
  guest: "Guests",
  officer: "Officers",
  apologies: "Apologies",
  absent: "Absent",
};

const STATED_IN: Record<string, string> = {
  "committee-activity": "a report's list of committee activity",
  minutes: "the minutes of another meeting",
  prose: "a sentence in a document",
};

export function MeetingPage(props: { id: string }) {
  const { data, error, loading } = useQuery<MeetingData>(MEETING, { id: props.id });
  const transcript = useConnection<{ node: { statements: Connection<Turn> } }, Turn>(
    TRANSCRIPT,
    { id: props.id },
    (d) => d.node.statements,
  );
  if (error) return <ErrorBox error={error} />;
  if (loading || !data) return <Loading />;
  const m = data.node;

  const byStatus = new Map<string, Attendance[]>();
  for (const a of m.attendance) {
    const s = a.status ?? "other";
    byStatus.set(s, [...(byStatus.get(s) ?? []), a]);
  }
  const statuses = [...byStatus.keys()].sort((a, b) => rank(a) - rank(b));

  return (
    <>
      <PageHead id={m.id} kind="meeting" title={m.name} iri={m.iri} />
      <Facts
        items={[
          ["Body", m.body ? <NodeLink node={m.body} /> : null],
          ["Date", m.date ? formatDate(m.date) : null],
          ["Time", m.time],
          ["Place", m.place],
          ["Topic", m.topic],
          ["Kind", m.kind],
          ["Chair", m.chair ? <NodeLink node={m.chair} /> : null],
          ["Known from", m.statedIn ? (STATED_IN[m.statedIn] ?? m.statedIn) : null],
          ["Scheduled", m.scheduled ? "on a work programme" : null],
        ]}
      />
      {m.dateDisputed ? (
        <section aria-label="Dates given" className="warning-box">
          <h2>The documents give more than one date</h2>
          <ul>
            {m.dateReadings.map((r, i) => (
              <li key={i}>
                <strong>{formatDate(r.date)}</strong> — “{r.asWritten}”{r.ofRecord ? " (the meeting's own record)" : ""}
                {r.basis === "weekday" ? " (from the weekday written)" : ""}
                {r.provenance[0] ? (
                  <>
                    {" · "}
                    <SourceLink p={r.provenance[0]} label="source" />
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {m.documents.length ? (
        <section aria-label="Documents">
          <h2>Documents recording it</h2>
          <ul className="plain">
            {m.documents.map((d) => (
              <li key={d.id}>
                {d.kind ? <KindBadge kind={d.kind} /> : null} <NodeLink node={{ id: d.id, name: d.title }} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-label="Agenda">
        <h2>Agenda</h2>
        {m.agendaItems.length === 0 ? (
          <p className="muted">No agenda recorded.</p>
        ) : (
          <ol className="agenda plain">
            {m.agendaItems.map((item) => (
              <li key={item.id}>
                <span className="item-number">{item.number}</span>
                <div>
                  <NodeLink node={{ id: item.id, name: item.title ?? `Item ${item.number}` }} />
                  {item.statements.totalCount ? <span className="muted"> · {plural(item.statements.totalCount, "turn")}</span> : null}
                  {item.discusses.length ? (
                    <div className="muted">
                      Discusses:{" "}
                      {item.discusses.map((d, i) => (
                        <span key={d.id}>
                          {i ? "; " : ""}
                          <NodeLink node={d} />
                        </span>
                      ))}
                    </div>
                  ) : null}
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-label="Attendance">
        <h2>Attendance</h2>
        {m.attendance.length === 0 ? <p className="muted">No attendance recorded.</p> : null}
        <div className="attendance-groups">
          {statuses.map((status) => (
            <div key={status} className="group">
              <h3>
                {STATUS_HEADING[status] ?? status} <span className="muted">({byStatus.get(status)!.length})</span>
              </h3>
              <ul className="plain">
                {byStatus.get(status)!.map((a) => (
                  <li key={a.id} data-testid="attendee" data-status={a.status ?? undefined}>
                    {a.person ? <NodeLink node={a.person} /> : <span>{a.id}</span>}
                    {a.role || a.organisationName ? (
                      <span className="muted">, {[a.role, a.organisationName].filter(Boolean).join(", ")}</span>
                    ) : null}
                    {a.mode ? (
                      <>
                        {" "}
                        <StatusBadge status={a.mode} />
                      </>
                    ) : null}
                    {a.substituteFor ? (
                      <span className="muted">
                        {" "}
                        for <NodeLink node={a.substituteFor} />
                      </span>
                    ) : null}
                    {a.agendaItem ? <span className="muted"> (item {a.agendaItem.number})</span> : null}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </section>

      {m.actions.length ? (
        <section aria-label="Actions">
          <h2>Actions arising</h2>
          <ul className="plain">
            {m.actions.map((a) => (
              <li key={a.id}>
                <StatusBadge status={a.status} /> {a.item ? <span className="muted">Item {a.item}: </span> : null}
                <NodeLink node={{ id: a.id, name: a.text ?? a.name }} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-label="Transcript">
        <h2>Transcript{transcript.totalCount ? ` (${plural(transcript.totalCount, "turn")})` : ""}</h2>
        {transcript.totalCount === 0 ? <p className="muted">No transcript is held for this meeting.</p> : null}
        <ErrorBox error={transcript.items.length ? null : transcript.error} />
        {transcript.items.map((s, i) => {
          const prev = transcript.items[i - 1];
          const newItem = s.agendaItem && (!prev || prev.agendaItem?.id !== s.agendaItem.id);
          const newPanel = s.panel && (!prev || prev.panel !== s.panel);
          return (
            <div key={s.id}>
              {newItem || newPanel ? (
                <h3 className="transcript-heading">
                  {s.agendaItem ? `Item ${s.agendaItem.number ?? "?"}: ${s.agendaItem.title ?? ""}` : ""}
                  {s.panel ? ` — ${s.panel}` : ""}
                </h3>
              ) : null}
              <StatementView s={s} meeting={false} item={false} />
            </div>
          );
        })}
        <MoreButton conn={transcript} label="More of the transcript" />
      </section>

      <ProvenanceList sources={m.provenance} />
    </>
  );
}

function rank(status: string): number {
  const i = STATUS_ORDER.indexOf(status);
  return i < 0 ? STATUS_ORDER.length : i;
}
