// An organisation's page: names, members and posts, meetings it held,
// statements made for it, recommendations addressed to it, its responses.

import { PROVENANCE, type Provenance } from "../api";
import { useConnection, useQuery, type Connection } from "../hooks";
import {
  MENTION, RECOMMENDATION, RESPONSE, STATEMENT,
  type MentionItem, type NodeRef, type RecommendationItem, type ResponseItem, type StatementItem,
} from "../fragments";
import { formatDate, plural, truncate } from "../format";
import { nodeHref } from "../router";
import { PageHead, Facts } from "../components/pagehead";
import { NodeLink } from "../components/links";
import { ProvenanceList, SourceRef } from "../components/provenance";
import { MentionList } from "../components/mentions";
import { StatementView } from "../components/statement";
import { StanceBadge } from "../components/badges";
import { MoreButton } from "../components/pagination";
import { ErrorBox, Loading } from "../components/status";
import { Cite } from "../cite";
import { recLabel, ResponseView } from "./report";

const ORGANISATION = `query Organisation($id: ID!) {
  node(id: $id) { __typename id iri name provenance { ${PROVENANCE} }
    ... on Organisation {
      aliases
      memberships { id role basis since asOf person { id name } }
      posts { id name holders { id since asOf person { id name } } }
      meetings { id name date }
      recommendations { ${RECOMMENDATION} responses { id stance } }
      responses { ${RESPONSE} }
      mentionedIn { ${MENTION} }
    }
  }
}`;

const STATEMENTS = `query OrganisationStatements($id: ID!, $after: String) {
  node(id: $id) { ... on Organisation {
    statements(first: 50, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { ${STATEMENT} } }
    }
  } }
}`;

interface OrgData {
  node: {
    __typename: "Organisation";
    id: string;
    iri: string;
    name: string;
    provenance: Provenance[];
    aliases: string[];
    memberships: { id: string; role: string | null; basis: string | null; since: string | null; asOf: string | null; person: NodeRef | null }[];
    posts: { id: string; name: string; holders: { id: string; since: string | null; asOf: string | null; person: NodeRef | null }[] }[];
    meetings: (NodeRef & { date: string | null })[];
    recommendations: (RecommendationItem & { responses: { id: string; stance: string | null }[] })[];
    responses: ResponseItem[];
    mentionedIn: MentionItem[];
  };
}

export function OrganisationPage(props: { id: string }) {
  const { data, error, loading } = useQuery<OrgData>(ORGANISATION, { id: props.id });
  const statements = useConnection<{ node: { statements: Connection<StatementItem> } }, StatementItem>(
    STATEMENTS,
    { id: props.id },
    (d) => d.node.statements,
  );
  if (error) return <ErrorBox error={error} />;
  if (loading || !data) return <Loading />;
  const o = data.node;
  const otherNames = o.aliases.filter((a) => a !== o.name);
  const members = groupMembers(o.memberships);

  return (
    <>
      <PageHead id={o.id} kind="organisation" title={o.name} iri={o.iri} />
      <Facts items={[["Also written", otherNames.length ? otherNames.join("; ") : null]]} />

      <section aria-label="Members and posts">
        <h2>Members and posts</h2>
        {members.length === 0 && o.posts.length === 0 ? <p className="muted">None recorded.</p> : null}
        {members.length ? (
          <ul className="plain">
            {members.map((m) => (
              <li key={m.key}>
                <NodeLink node={m.person} /> — {m.roles.join(", ")}
                {m.dates ? <span className="muted"> ({m.dates})</span> : null}
              </li>
            ))}
          </ul>
        ) : null}
        {o.posts.length ? (
          <>
            <h3>Posts</h3>
            <ul className="plain">
              {o.posts.map((p) => (
                <li key={p.id}>
                  <NodeLink node={p} />
                  {p.holders.length ? (
                    <span className="muted">
                      {" "}
                      — held by{" "}
                      {uniqueBy(p.holders.filter((h) => h.person), (h) => h.person!.id).map((h, i) => (
                        <span key={h.id}>
                          {i ? ", " : ""}
                          <NodeLink node={h.person} />
                        </span>
                      ))}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      {o.meetings.length ? (
        <section aria-label="Meetings">
          <h2>Meetings ({o.meetings.length})</h2>
          <ul className="plain columns-list">
            {o.meetings.map((m) => (
              <li key={m.id}>
                <NodeLink node={m} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-label="Recommendations addressed to it">
        <h2>Recommendations addressed to it ({o.recommendations.length})</h2>
        {o.recommendations.length === 0 ? <p className="muted">None.</p> : null}
        {o.recommendations.map((r) => (
          <article key={r.id} className="recommendation">
            <header className="rec-head">
              <a href={nodeHref(r.id)} className="rec-number">
                {recLabel(r)}
              </a>
              {r.report ? (
                <span className="muted">
                  {" "}
                  of <NodeLink node={r.report} />
                </span>
              ) : null}{" "}
              {r.responses.length ? (
                r.responses.map((x) => <StanceBadge key={x.id} stance={x.stance} />)
              ) : (
                <span className="badge stance stance-bad">no response</span>
              )}
            </header>
            <p className="rec-text">{truncate(r.text ?? "", 500)}</p>
            <div className="actions">
              <SourceRef sources={r.provenance} />
              <Cite iri={r.iri} sources={r.provenance} date={r.report?.date} part={r.report?.name} />
            </div>
          </article>
        ))}
      </section>

      <section aria-label="Responses it gave">
        <h2>Responses it gave ({o.responses.length})</h2>
        {o.responses.length === 0 ? <p className="muted">None on record.</p> : null}
        {o.responses.map((x) => (
          <ResponseView key={x.id} x={x} showRecommendation />
        ))}
      </section>

      <section aria-label="Statements made for it">
        <h2>Statements made for it{statements.totalCount != null ? ` (${statements.totalCount})` : ""}</h2>
        <ErrorBox error={statements.items.length ? null : statements.error} />
        {statements.totalCount === 0 ? <p className="muted">No speaker label names it.</p> : null}
        {statements.items.map((s) => (
          <StatementView key={s.id} s={s} />
        ))}
        <MoreButton conn={statements} label="More statements" />
      </section>

      <MentionList title="Mentioned in" mentions={o.mentionedIn} initial={15} />
      <ProvenanceList sources={o.provenance} />
    </>
  );
}

/** Memberships folded per person: their roles and the dates seen. */
function groupMembers(ms: OrgData["node"]["memberships"]) {
  const by = new Map<string, { key: string; person: NodeRef | null; roles: string[]; dates: string[] }>();
  for (const m of ms) {
    const key = m.person?.id ?? m.id;
    const g = by.get(key) ?? { key, person: m.person, roles: [], dates: [] };
    if (m.role && !g.roles.includes(m.role)) g.roles.push(m.role);
    const d = m.since ?? m.asOf;
    if (d) g.dates.push(d);
    by.set(key, g);
  }
  return [...by.values()]
    .map((g) => {
      g.dates = [...new Set(g.dates)].sort();
      const dates = g.dates.length
        ? g.dates.length === 1
          ? formatDate(g.dates[0])
          : `${formatDate(g.dates[0])} – ${formatDate(g.dates[g.dates.length - 1])}, ${plural(g.dates.length, "record")}`
        : "";
      return { key: g.key, person: g.person, roles: g.roles, dates };
    })
    .sort((a, b) => (a.person?.name ?? "").localeCompare(b.person?.name ?? ""));
}

function uniqueBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => (seen.has(key(t)) ? false : (seen.add(key(t)), true)));
}
