// #/organisations: every organisation in key order, with what the record
// holds about each (the API has no name filter for organisations).

import { useConnection, useTitle, type Connection } from "../hooks";
import type { NodeRef } from "../fragments";
import { plural } from "../format";
import { NodeLink } from "../components/links";
import { MoreButton } from "../components/pagination";
import { ErrorBox } from "../components/status";

const ORGANISATIONS = `query Organisations($after: String) {
  organisations(first: 30, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id name aliases
      memberships { id } recommendations { id } responses { id } meetings { id }
      statements(first: 0) { totalCount } } }
  }
}`;

interface OrgItem extends NodeRef {
  aliases: string[];
  memberships: { id: string }[];
  recommendations: { id: string }[];
  responses: { id: string }[];
  meetings: { id: string }[];
  statements: { totalCount: number };
}

export function OrganisationsPage() {
  useTitle("Organisations");
  const orgs = useConnection<{ organisations: Connection<OrgItem> }, OrgItem>(ORGANISATIONS, {}, (d) => d.organisations);
  return (
    <>
      <h1>Organisations</h1>
      {orgs.totalCount != null ? <p className="muted">{plural(orgs.totalCount, "organisation")}</p> : null}
      <ErrorBox error={orgs.items.length ? null : orgs.error} />
      <ul className="plain doc-list">
        {orgs.items.map((o) => {
          const aliases = o.aliases.filter((a) => a !== o.name);
          const counts = [
            o.memberships.length ? plural(o.memberships.length, "member record") : "",
            o.meetings.length ? plural(o.meetings.length, "meeting") : "",
            o.statements.totalCount ? plural(o.statements.totalCount, "statement") : "",
            o.recommendations.length ? plural(o.recommendations.length, "recommendation") + " addressed" : "",
            o.responses.length ? plural(o.responses.length, "response") + " given" : "",
          ].filter(Boolean);
          return (
            <li key={o.id}>
              <NodeLink node={o} />
              {aliases.length ? <span className="muted"> ({aliases.slice(0, 4).join(", ")})</span> : null}
              {counts.length ? <div className="muted">{counts.join(" · ")}</div> : null}
            </li>
          );
        })}
      </ul>
      <MoreButton conn={orgs} label="More organisations" />
    </>
  );
}
