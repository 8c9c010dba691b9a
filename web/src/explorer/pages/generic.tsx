// The page for any kind of node without its own (agenda item, statement,
// response, recommendation, document, post, action, citation…): its name,
// every field worth showing as the schema lists them, its sources with
// Cite, and what it mentions and is mentioned in.

import { useEffect, useState, type ReactNode } from "react";
import type { Provenance } from "../api";
import { toApiError, useConnection, useQuery, type Connection } from "../hooks";
import { MENTION, STATEMENT, kindLabel, type MentionItem, type NodeRef, type StatementItem } from "../fragments";
import { formatDate, humanize, paragraphs, plural, truncate } from "../format";
import { planFor, CONNECTION_PAGE, type FieldPlan, type NodePlan } from "../introspect";
import type { ApiError } from "../api";
import { Cite } from "../cite";
import { PageHead } from "../components/pagehead";
import { NodeLink, SourceLink } from "../components/links";
import { ProvenanceList, SourceRef } from "../components/provenance";
import { MentionList } from "../components/mentions";
import { StanceBadge, StatusBadge } from "../components/badges";
import { ErrorBox, Loading } from "../components/status";
import { MoreButton } from "../components/pagination";
import { StatementView } from "../components/statement";

/** Text fields shown as paragraphs above the other fields. */
const PROSE = new Set(["text", "quote", "bodyText", "statusText", "progress"]);

/** Lists longer than this show their start and a button for the rest. */
const LIST_START = 12;

type Value = unknown;
type Data = { __typename: string; id: string; iri: string; name: string; provenance: Provenance[] } & Record<string, Value>;

export function GenericPage(props: { id: string; typename: string }) {
  const [plan, setPlan] = useState<NodePlan | null>(null);
  const [planError, setPlanError] = useState<ApiError | null>(null);
  useEffect(() => {
    let live = true;
    planFor(props.typename, MENTION).then(
      (p) => live && setPlan(p),
      (e: unknown) => live && setPlanError(toApiError(e)),
    );
    return () => {
      live = false;
    };
  }, [props.typename]);
  const { data, error } = useQuery<{ node: Data }>(plan?.query ?? "", { id: props.id }, !plan);

  if (planError || error) return <ErrorBox error={planError ?? error} />;
  if (!plan || !data) return <Loading />;
  const n = data.node;
  const kind = kindLabel(n.__typename, n.id);
  const present = plan.fields.filter((f) => !isEmpty(n[f.name]));
  const prose = present.filter((f) => f.shape.k === "scalar" && PROSE.has(f.name));
  const facts = present.filter((f) => !prose.includes(f) && isShort(f, n[f.name]));
  const lists = present.filter((f) => !prose.includes(f) && !facts.includes(f));

  return (
    <>
      <PageHead id={n.id} kind={kind} title={displayTitle(n)} iri={n.iri}>
        {n.provenance.length ? <Cite {...citeProps(n)} /> : null}
        {n.__typename === "Document" && n.provenance[0] ? (
          <SourceLink p={n.provenance[0]} label="Read the text" />
        ) : null}
      </PageHead>
      {prose.map((f) => (
        <section key={f.name} aria-label={humanize(f.name)} className="prose">
          <h2>{humanize(f.name)}</h2>
          {paragraphs(String(n[f.name])).map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </section>
      ))}
      {facts.length ? (
        <dl className="facts">
          {facts.map((f) => (
            <div key={f.name}>
              <dt title={f.description}>{humanize(f.name)}</dt>
              <dd>{renderValue(f, n[f.name])}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {lists.map((f) => (
        <section key={f.name} aria-label={humanize(f.name)}>
          <h2 title={f.description}>{humanize(f.name)}</h2>
          {f.shape.k === "connection" && f.shape.node === "Statement" ? (
            <StatementPages id={n.id} typename={n.__typename} field={f.name} />
          ) : (
            renderValue(f, n[f.name])
          )}
        </section>
      ))}
      {plan.mentions ? (
        <>
          <MentionList title="Mentions" mentions={(n.mentions as MentionItem[]) ?? []} exclude={n.id} empty="It names nothing recorded." />
          <MentionList title="Mentioned in" mentions={(n.mentionedIn as MentionItem[]) ?? []} empty="Nothing recorded names it." />
        </>
      ) : null}
      <ProvenanceList sources={n.provenance} initial={5} />
    </>
  );
}

/** The heading: node names of statements and recommendations are cut
 *  mid-word, so those are named by who spoke and which recommendation. */
function displayTitle(n: Data): string {
  const ref = (v: Value) => (v && typeof v === "object" && "name" in v ? (v as NodeRef).name : null);
  if (n.__typename === "Statement") {
    const who = ref(n.speaker) ?? (typeof n.speakerLabel === "string" ? n.speakerLabel : "an unnamed speaker");
    const turn = typeof n.ordinal === "number" ? `, turn ${n.ordinal}` : "";
    if (n.kind === "comment") return `Comment by ${who}`;
    return n.verbatim === false ? `Reported statement of ${who}` : `Statement by ${who}${turn}`;
  }
  if (n.__typename === "Recommendation" && typeof n.number === "number") {
    const part = typeof n.part === "string" ? `(${n.part})` : "";
    const report = ref(n.report);
    return `Recommendation ${n.number}${part}${report ? ` of “${report}”` : ""}`;
  }
  // A name cut from the node's text (an action, a footnote) reads better
  // as the text's first words up to a word boundary.
  if (typeof n.text === "string" && n.name.length < n.text.length && n.text.startsWith(n.name)) return truncate(n.text, 160);
  return n.name;
}

/** What the citation names for a node of any kind, from the fields it has. */
function citeProps(n: Data) {
  const ref = (v: Value) => (v && typeof v === "object" && "name" in v ? (v as NodeRef).name : null);
  const speakerName = ref(n.speaker) ?? (typeof n.speakerLabel === "string" ? n.speakerLabel : null);
  const role = typeof n.role === "string" ? n.role : null;
  let speaker = speakerName ? (role ? `${speakerName} (${role})` : speakerName) : null;
  if (n.__typename === "Response") {
    const signatory = ref(n.signatory);
    const respondent = ref(n.respondent);
    speaker = signatory && respondent ? `${signatory}, for ${respondent}` : (signatory ?? respondent);
  }
  return {
    iri: n.iri,
    sources: n.provenance,
    speaker,
    date: typeof n.date === "string" ? n.date : null,
    part: ref(n.document) ?? ref(n.report),
    prefer: typeof n.quote === "string" ? n.quote : null,
  };
}

function isEmpty(v: Value): boolean {
  if (v === null || v === undefined || v === "") return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === "object" && "totalCount" in (v as object)) return (v as { totalCount: number }).totalCount === 0;
  return false;
}

/** Whether a value fits on one line of the facts list. */
function isShort(f: FieldPlan, v: Value): boolean {
  switch (f.shape.k) {
    case "scalar":
      return !f.shape.list || (v as unknown[]).length <= 4;
    case "ref":
      return !f.shape.list || (v as unknown[]).length <= 3;
    case "provenance":
      return !f.shape.list;
    default:
      return false;
  }
}

function renderValue(f: FieldPlan, v: Value): ReactNode {
  const s = f.shape;
  switch (s.k) {
    case "scalar":
      return s.list ? (v as Value[]).map((x) => scalar(f.name, s.type, x)).join("; ") : scalarNode(f.name, s.type, v);
    case "ref":
      return s.list ? <RefList refs={v as NodeRef[]} /> : <NodeLink node={v as NodeRef} />;
    case "provenance":
      return <SourceRef sources={s.list ? (v as Provenance[]) : [v as Provenance]} />;
    case "connection": {
      const conn = v as { totalCount: number; edges: { node: NodeRef }[] };
      return (
        <>
          <RefList refs={conn.edges.map((e) => e.node)} />
          {conn.totalCount > CONNECTION_PAGE ? (
            <p className="muted">
              {conn.edges.length} of {conn.totalCount} shown.
            </p>
          ) : null}
        </>
      );
    }
    case "object": {
      const items = s.list ? (v as Record<string, Value>[]) : [v as Record<string, Value>];
      return <ObjectList fields={s.fields} items={items} />;
    }
  }
}

function scalar(field: string, type: string, v: Value): string {
  if (v === null || v === undefined) return "";
  if (type === "Boolean") return v ? "yes" : "no";
  if (type === "NaiveDate" || (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v))) return formatDate(String(v));
  if (type === "Float" && field === "share") return `${(Number(v) * 100).toFixed(1)} %`;
  return String(v);
}

function scalarNode(field: string, type: string, v: Value): ReactNode {
  if (field === "status") return <StatusBadge status={String(v)} />;
  if (field === "stance") return <StanceBadge stance={String(v)} />;
  return scalar(field, type, v);
}

function RefList(props: { refs: NodeRef[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? props.refs : props.refs.slice(0, LIST_START);
  return (
    <>
      <ul className="plain ref-list">
        {shown.map((r, i) => (
          <li key={`${r.id}#${i}`}>
            <span className="muted">{kindLabel(r.__typename, r.id)}</span> <NodeLink node={r} />
          </li>
        ))}
      </ul>
      {props.refs.length > LIST_START ? (
        <button type="button" className="link-button" onClick={() => setAll(!all)}>
          {all ? "Show fewer" : `Show all ${props.refs.length}`}
        </button>
      ) : null}
    </>
  );
}

/** A node's statements (an agenda item's turns, a transcript's), in full
 *  with Cite, a page at a time. */
function StatementPages(props: { id: string; typename: string; field: string }) {
  // The query names the type and field the schema gave: both are
  // GraphQL names, so they can be spliced in as they are.
  const query = `query Statements($id: ID!, $after: String) {
    node(id: $id) { ... on ${props.typename} { ${props.field}(first: 50, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { ${STATEMENT} } }
    } } }
  }`;
  const conn = useConnection<{ node: Record<string, Connection<StatementItem>> }, StatementItem>(
    query,
    { id: props.id },
    (d) => d.node[props.field],
  );
  return (
    <>
      {conn.totalCount != null ? <p className="muted">{plural(conn.totalCount, "statement")}</p> : null}
      {conn.items.map((s) => (
        <StatementView key={s.id} s={s} />
      ))}
      <MoreButton conn={conn} label="More statements" />
    </>
  );
}

/** Objects that are not nodes (a signature, an addressee, a coverage report):
 *  a table when they are flat (counts, regions), else one block each. */
function ObjectList(props: { fields: FieldPlan[]; items: Record<string, Value>[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? props.items : props.items.slice(0, LIST_START);
  const flat = props.items.length > 1 && props.fields.every((f) => (f.shape.k === "scalar" || f.shape.k === "ref") && !f.shape.list);
  const more =
    props.items.length > LIST_START ? (
      <button type="button" className="link-button" onClick={() => setAll(!all)}>
        {all ? "Show fewer" : `Show all ${props.items.length}`}
      </button>
    ) : null;
  if (flat) {
    const columns = props.fields.filter((f) => props.items.some((item) => !isEmpty(item[f.name])));
    return (
      <>
        <div className="table-wrap">
          <table className="object-table">
            <thead>
              <tr>
                {columns.map((f) => (
                  <th key={f.name} scope="col" title={f.description}>
                    {humanize(f.name)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((item, i) => (
                <tr key={i}>
                  {columns.map((f) => (
                    <td key={f.name}>{isEmpty(item[f.name]) ? "" : renderValue(f, item[f.name])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {more}
      </>
    );
  }
  return (
    <>
      <ul className="plain object-list">
        {shown.map((item, i) => (
          <li key={i}>
            <dl className="facts compact">
              {props.fields
                .filter((f) => !isEmpty(item[f.name]))
                .map((f) => (
                  <div key={f.name}>
                    <dt title={f.description}>{humanize(f.name)}</dt>
                    <dd>{renderValue(f, item[f.name])}</dd>
                  </div>
                ))}
            </dl>
          </li>
        ))}
      </ul>
      {more}
    </>
  );
}
