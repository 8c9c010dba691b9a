// A person's page: names, roles over time, attendance, what they said
// (grouped by meeting, each with Cite and source) and what they spoke about.

import { PROVENANCE, type Provenance } from "../api";
import { useConnection, useQuery, type Connection } from "../hooks";
import { MENTION, STATEMENT, type MentionItem, type NodeRef, type StatementItem } from "../fragments";
import { formatDate, plural } from "../format";
import { nodeHref } from "../router";
import { PageHead, Facts } from "../components/pagehead";
import { NodeLink, SourceLink } from "../components/links";
import { ProvenanceList } from "../components/provenance";
import { MentionList } from "../components/mentions";
import { StatementView } from "../components/statement";
import { StatusBadge } from "../components/badges";
import { MoreButton } from "../components/pagination";
import { ErrorBox, Loading } from "../components/status";

const PERSON = `query Person($id: ID!) {
  node(id: $id) { __typename id iri name provenance { ${PROVENANCE} }
    ... on Person {
      aliases honorifics titles email sameAs
      possibleSameAs { person { id name } evidence }
      roles { id role basis since asOf organisation { id name } provenance { ${PROVENANCE} } }
      attendance { id status mode role organisationName meeting { id name date } agendaItem { id number title } substituteFor { id name } }
      mentionedIn { ${MENTION} }
    }
  }
}`;

const STATEMENTS = `query PersonStatements($id: ID!, $after: String) {
  node(id: $id) { ... on Person {
    statements(first: 100, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { ${STATEMENT} mentions { ${MENTION} } } }
    }
  } }
}`;

interface Membership {
  id: string;
  role: string | null;
  basis: string | null;
  since: string | null;
  asOf: string | null;
  organisation: NodeRef | null;
  provenance: Provenance[];
}

interface PersonData {
  node: {
    __typename: "Person";
    id: string;
    iri: string;
    name: string;
    provenance: Provenance[];
    aliases: string[];
    honorifics: string[];
    titles: string | null;
    email: string | null;
    sameAs: string | null;
    possibleSameAs: { person: NodeRef; evidence: string }[];
    roles: Membership[];
    attendance: {
      id: string;
      status: string | null;
      mode: string | null;
      role: string | null;
      organisationName: string | null;
      meeting: (NodeRef & { date: string | null }) | null;
      agendaItem: { id: string; number: string | null; title: string | null } | null;
      substituteFor: NodeRef | null;
    }[];
    mentionedIn: MentionItem[];
  };
}

type PersonStatement = StatementItem & { mentions: MentionItem[] };

/** How each basis of a role reads in a sentence. */
const BASIS_WORDS: Record<string, string> = {
  agreed: "appointed",
  listed: "on a member list",
  present: "in the minutes",
  invited: "invited as a guest",
  labelled: "in a speaker label",
  declared: "in a register of interests",
  contact: "in a contact block",
};

export function PersonPage(props: { id: string }) {
  const { data, error, loading } = useQuery<PersonData>(PERSON, { id: props.id });
  const statements = useConnection<{ node: { statements: Connection<PersonStatement> } }, PersonStatement>(
    STATEMENTS,
    { id: props.id },
    (d) => d.node.statements,
  );
  if (error) return <ErrorBox error={error} />;
  if (loading || !data) return <Loading />;
  const p = data.node;
  const otherNames = p.aliases.filter((a) => a !== p.name);
  const spokeAbout = statements.items.flatMap((s) => s.mentions);

  return (
    <>
      <PageHead id={p.id} kind="person" title={p.name} iri={p.iri} />
      <Facts
        items={[
          ["Also written", otherNames.length ? otherNames.join("; ") : null],
          ["Titles", p.titles],
          ["Honours", p.honorifics.length ? p.honorifics.join(", ") : null],
          ["E-mail", p.email],
          ["Same as", p.sameAs],
          [
            "Possibly the same as",
            p.possibleSameAs.length ? (
              <ul className="plain">
                {p.possibleSameAs.map((c) => (
                  <li key={c.person.id}>
                    <NodeLink node={c.person} /> <span className="muted">({c.evidence})</span>
                  </li>
                ))}
              </ul>
            ) : null,
          ],
        ]}
      />

      <Roles roles={p.roles} />

      <section aria-label="Attendance">
        <h2>Attendance</h2>
        {p.attendance.length === 0 ? (
          <p className="muted">No attendance recorded.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Meeting</th>
                  <th scope="col">Status</th>
                  <th scope="col">As</th>
                </tr>
              </thead>
              <tbody>
                {[...p.attendance]
                  .sort((a, b) => (a.meeting?.date ?? "").localeCompare(b.meeting?.date ?? ""))
                  .map((a) => (
                    <tr key={a.id}>
                      <td>
                        <NodeLink node={a.meeting} />
                      </td>
                      <td>
                        <a href={nodeHref(a.id)}>
                          <StatusBadge status={a.status} />
                        </a>
                        {a.mode ? <span className="muted"> ({a.mode})</span> : null}
                      </td>
                      <td>
                        {[a.role, a.organisationName].filter(Boolean).join(", ")}
                        {a.agendaItem ? <span className="muted"> for item {a.agendaItem.number}</span> : null}
                        {a.substituteFor ? (
                          <span>
                            {" "}
                            substituting for <NodeLink node={a.substituteFor} />
                          </span>
                        ) : null}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {/* Above the statements: the overview first, then the detail. */}
      {statements.items.length ? (
        <MentionList
          title="What they spoke about"
          mentions={spokeAbout}
          exclude={p.id}
          byCount
          empty="Their statements name no person, organisation or report."
        />
      ) : null}

      <section aria-label="Statements">
        <h2>Statements{statements.totalCount != null ? ` (${statements.totalCount})` : ""}</h2>
        <ErrorBox error={statements.items.length ? null : statements.error} />
        {statements.totalCount === 0 ? <p className="muted">No statements recorded.</p> : null}
        {groupByPlace(statements.items).map((g) => (
          <div key={g.key} className="group">
            <h3>
              {g.place ? <NodeLink node={g.place} /> : "Elsewhere"}
              <span className="muted"> · {plural(g.items.length, "statement")}</span>
            </h3>
            {g.items.map((s, i) => (
              // The agenda item is named when it changes, not on every turn.
              <StatementView key={s.id} s={s} speaker={false} meeting={false} item={i === 0 || g.items[i - 1].agendaItem?.id !== s.agendaItem?.id} />
            ))}
          </div>
        ))}
        <MoreButton conn={statements} label="More statements" />
      </section>

      <MentionList title="Mentioned in" mentions={p.mentionedIn} initial={10} />
      <ProvenanceList sources={p.provenance} />
    </>
  );
}

/** Roles grouped by role and organisation, with the dates each was seen. */
function Roles(props: { roles: Membership[] }) {
  const groups = new Map<string, { role: string; org: NodeRef | null; dates: string[]; since: string | null; bases: Set<string>; first: Membership }>();
  for (const m of props.roles) {
    const key = `${m.role ?? ""}|${m.organisation?.id ?? ""}`;
    let g = groups.get(key);
    if (!g) {
      g = { role: m.role ?? "Role", org: m.organisation, dates: [], since: null, bases: new Set(), first: m };
      groups.set(key, g);
    }
    if (m.since) g.since = !g.since || m.since < g.since ? m.since : g.since;
    if (m.asOf) g.dates.push(m.asOf);
    if (m.basis) g.bases.add(m.basis);
  }
  const rows = [...groups.values()].map((g) => {
    g.dates = [...new Set(g.dates)].sort();
    return { ...g, start: g.since ?? g.dates[0] ?? "" };
  });
  rows.sort((a, b) => a.start.localeCompare(b.start));
  return (
    <section aria-label="Roles">
      <h2>Roles</h2>
      {rows.length === 0 ? (
        <p className="muted">No roles recorded.</p>
      ) : (
        <ul className="plain roles" data-testid="roles">
          {rows.map((r) => {
            const seen = r.dates.length
              ? r.dates.length === 1
                ? formatDate(r.dates[0])
                : `${formatDate(r.dates[0])} – ${formatDate(r.dates[r.dates.length - 1])}`
              : "";
            return (
              <li key={`${r.role}|${r.org?.id}`}>
                <a href={nodeHref(r.first.id)}>
                  <strong>{r.role}</strong>
                </a>
                {r.org ? (
                  <>
                    , <NodeLink node={r.org} />
                  </>
                ) : null}
                <div className="muted">
                  {[r.since ? `from ${formatDate(r.since)}` : "", seen ? `seen ${seen}` : ""].filter(Boolean).join("; ")}
                  {r.bases.size ? ` (${[...r.bases].map((b) => BASIS_WORDS[b] ?? b).join(", ")})` : ""}
                  {r.first.provenance[0] ? (
                    <>
                      {" · "}
                      <SourceLink p={r.first.provenance[0]} label="source" />
                    </>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** Consecutive statements at one meeting (or in one document) as a group. */
function groupByPlace(items: PersonStatement[]) {
  const groups: { key: string; placeId: string; place: NodeRef | null; items: PersonStatement[] }[] = [];
  for (const s of items) {
    const place: NodeRef | null = s.meeting ?? (s.document ? { id: s.document.id, name: s.document.title } : null);
    const placeId = place?.id ?? "elsewhere";
    const last = groups[groups.length - 1];
    if (last && last.placeId === placeId) last.items.push(s);
    // One place can come back after another: the index keeps keys unique.
    else groups.push({ key: `${placeId}#${groups.length}`, placeId, place, items: [s] });
  }
  return groups;
}
