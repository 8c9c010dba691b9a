// #/people?name=…: everyone named in the record, in key order, with a
// name filter (names and aliases).

import { type FormEvent } from "react";
import { useConnection, useTitle, type Connection } from "../hooks";
import type { NodeRef } from "../fragments";
import { plural } from "../format";
import { href, navigate } from "../router";
import { NodeLink } from "../components/links";
import { MoreButton } from "../components/pagination";
import { ErrorBox } from "../components/status";

const PEOPLE = `query People($name: String, $after: String) {
  people(name: $name, first: 30, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id name roles { role organisation { name } } statements(first: 0) { totalCount } } }
  }
}`;

interface PersonItem extends NodeRef {
  roles: { role: string | null; organisation: { name: string } | null }[];
  statements: { totalCount: number };
}

export function PeoplePage(props: { params: URLSearchParams }) {
  useTitle("People");
  const name = props.params.get("name") ?? "";
  const people = useConnection<{ people: Connection<PersonItem> }, PersonItem>(
    PEOPLE,
    { name: name || null },
    (d) => d.people,
  );

  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    navigate(href("people", "", { name: String(new FormData(e.currentTarget).get("name") ?? "").trim() }));
  };

  return (
    <>
      <h1>People</h1>
      <form className="inline-form" onSubmit={apply} key={name}>
        <label>
          Name <input name="name" type="search" defaultValue={name} placeholder="part of a name or alias" />
        </label>
        <button type="submit">Find</button>
      </form>
      {people.totalCount != null ? <p className="muted">{plural(people.totalCount, "person", "people")}</p> : null}
      <ErrorBox error={people.items.length ? null : people.error} />
      <ul className="plain doc-list">
        {people.items.map((p) => (
          <li key={p.id}>
            <NodeLink node={p} />
            <div className="muted">
              {[rolesLine(p.roles), p.statements.totalCount ? plural(p.statements.totalCount, "statement") : ""]
                .filter(Boolean)
                .join(" · ")}
            </div>
          </li>
        ))}
      </ul>
      <MoreButton conn={people} label="More people" />
    </>
  );
}

/** Up to three distinct "Role, Organisation" pairs. */
function rolesLine(roles: PersonItem["roles"]): string {
  const seen: string[] = [];
  for (const r of roles) {
    const text = [r.role, r.organisation?.name].filter(Boolean).join(", ");
    if (text && !seen.includes(text)) seen.push(text);
  }
  return seen.length > 3 ? `${seen.slice(0, 3).join("; ")}; …` : seen.join("; ");
}
