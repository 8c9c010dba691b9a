// Search (#/search?q=…&kind=…&speaker=…&organisation=…&meeting=…&report=…&from=…&to=…):
// ranked hits with highlighted snippets, filters kept in the URL, more by
// cursor. The words come from the header's search box.

import { useState, type FormEvent } from "react";
import type { Provenance } from "../api";
import { PROVENANCE } from "../api";
import { useConnection, useQuery, useTitle, type Connection } from "../hooks";
import { REF, kindLabel, type NodeRef } from "../fragments";
import { formatDate, plural } from "../format";
import { href, navigate, nodeHref, sourceHref } from "../router";
import { Cite } from "../cite";
import { KindBadge, StanceBadge } from "../components/badges";
import { NodeLink } from "../components/links";
import { preferring, SourceRef } from "../components/provenance";
import { MoreButton } from "../components/pagination";
import { ErrorBox } from "../components/status";

const KINDS: [string, string][] = [
  ["statement", "Statements"],
  ["recommendation", "Recommendations"],
  ["response", "Responses"],
  ["document", "Documents"],
  ["paragraph", "Paragraphs of any document"],
];

/** The filters kept in the URL besides `q`. */
const FILTER_KEYS = ["kind", "speaker", "organisation", "meeting", "report", "from", "to"] as const;

const SEARCH = `query Search($query: String!, $filter: SearchFilter, $after: String) {
  search(query: $query, filter: $filter, first: 20, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      kind score
      snippet { text highlighted }
      source { ${PROVENANCE} }
      node { __typename id iri name
        ... on Statement { verbatim speaker { id name } speakerLabel role date meeting { id name } agendaItem { id number title } document { id title } organisation { id name } }
        ... on Recommendation { number part report { id name date } }
        ... on Response { stance date quote respondent { ${REF} } signatory { id name } report { id name } recommendation { id number part } document { id title } }
        ... on Document { title kind date }
      }
    } }
  }
}`;

interface Hit {
  kind: string;
  score: number;
  snippet: { text: string; highlighted: boolean }[];
  source: Provenance[];
  node: {
    __typename: string;
    id: string;
    iri: string;
    name: string;
    // Statement
    verbatim?: boolean;
    speaker?: NodeRef | null;
    speakerLabel?: string | null;
    role?: string | null;
    meeting?: NodeRef | null;
    agendaItem?: { id: string; number: string | null; title: string | null } | null;
    organisation?: NodeRef | null;
    // Statement, Response, Document
    date?: string | null;
    document?: { id: string; title: string } | null;
    // Recommendation
    number?: number | null;
    part?: string | null;
    report?: (NodeRef & { date?: string | null }) | null;
    // Response
    stance?: string | null;
    quote?: string | null;
    respondent?: NodeRef | null;
    signatory?: NodeRef | null;
    recommendation?: { id: string; number: number | null; part: string | null } | null;
    // Document
    title?: string;
    kind?: string | null;
  };
}

interface SearchData {
  search: Connection<Hit>;
}

/** The GraphQL SearchFilter for the URL's filters; undefined when none. */
function filterFrom(params: URLSearchParams): Record<string, unknown> | undefined {
  const filter: Record<string, unknown> = {};
  const kinds = kindsFrom(params);
  if (kinds.length) filter.kinds = kinds;
  for (const k of FILTER_KEYS) {
    if (k === "kind") continue;
    const v = params.get(k)?.trim();
    if (v) filter[k] = v;
  }
  return Object.keys(filter).length ? filter : undefined;
}

/** `kind=statement,response` (or the key repeated). */
function kindsFrom(params: URLSearchParams): string[] {
  return params
    .getAll("kind")
    .flatMap((k) => k.split(","))
    .map((k) => k.trim())
    .filter(Boolean);
}

export function SearchPage(props: { params: URLSearchParams }) {
  const { params } = props;
  const q = params.get("q")?.trim() ?? "";
  const filter = filterFrom(params);
  // Filters alone list everything they keep: "*" matches every item.
  const query = q || (filter ? "*" : "");
  useTitle(q ? `“${q}”` : "Search");
  const conn = useConnection<SearchData, Hit>(
    SEARCH,
    { query, filter },
    (d) => d.search,
    !query,
  );

  return (
    <>
      <h1>{q ? <>Search: “{q}”</> : "Search"}</h1>
      <Filters params={params} />
      {!query ? (
        <p className="hint-box">
          Type words in the search box at the top and press Enter. Words must all appear; put a phrase in
          “quotes”; use <code>AND</code>, <code>OR</code>, <code>NOT</code>, <code>+word</code>,{" "}
          <code>-word</code>, <code>prefix*</code>; <code>title:</code> or <code>text:</code> before a word
          looks in one field only.
        </p>
      ) : null}
      {query && conn.totalCount != null ? (
        <p className="hit-count" data-testid="hit-count" role="status">
          {plural(conn.totalCount, "result")}
          {q ? "" : " (every item the filters keep)"}
        </p>
      ) : null}
      {query && conn.error && !conn.items.length ? <ErrorBox error={conn.error} title="The search failed" /> : null}
      <ol className="hits plain">
        {conn.items.map((hit, i) => (
          <HitView key={`${hit.node.id} ${hit.source[0]?.firstLine ?? i}`} hit={hit} />
        ))}
      </ol>
      {query && conn.totalCount === 0 ? (
        <p>Nothing matches. Try fewer words, a prefix* or fewer filters.</p>
      ) : null}
      {query && (conn.items.length || conn.loading) ? <MoreButton conn={conn} label="More results" /> : null}
    </>
  );
}

/** One ranked hit: what it is, who and when, the snippet, links and Cite. */
function HitView({ hit }: { hit: Hit }) {
  const n = hit.node;
  const isParagraph = hit.kind === "paragraph";
  const speaker = n.speaker?.name ?? n.speakerLabel;
  const title = hitTitle(hit);
  const first = hit.source[0];
  return (
    <li className="hit" data-testid="hit">
      <div className="hit-head">
        <KindBadge kind={hit.kind} />
        {n.__typename === "Response" ? <StanceBadge stance={n.stance} /> : null}
        {/* A paragraph's node is its whole document: its lines are the hit. */}
        <a className="hit-title" href={isParagraph && first ? sourceHref(first.documentId, first.firstLine, first.lastLine) : nodeHref(n.id)}>
          {title}
        </a>
      </div>
      <div className="hit-meta muted">
        {n.__typename === "Statement" ? (
          <>
            {n.speaker ? <NodeLink node={n.speaker} /> : speaker ? <span>{speaker}</span> : null}
            {n.role ? <span>, {n.role}</span> : null}
            {n.organisation ? (
              <span>
                {" "}
                (<NodeLink node={n.organisation} />)
              </span>
            ) : null}
            {n.date ? (
              <>
                <Sep />
                {formatDate(n.date)}
              </>
            ) : null}
            {!n.meeting && n.document ? (
              <>
                <Sep />
                in <NodeLink node={{ id: n.document.id, name: n.document.title }} />
              </>
            ) : null}
            {n.meeting ? (
              <>
                <Sep />
                <NodeLink node={n.meeting} />
              </>
            ) : null}
            {n.agendaItem ? (
              <>
                <Sep />
                <NodeLink node={{ id: n.agendaItem.id, name: `Item ${n.agendaItem.number ?? "?"}: ${n.agendaItem.title ?? ""}` }} />
              </>
            ) : null}
          </>
        ) : null}
        {n.__typename === "Recommendation" ? (
          <>
            {n.report ? <NodeLink node={n.report} /> : null}
            {n.report?.date ? (
              <>
                <Sep />
                {formatDate(n.report.date)}
              </>
            ) : null}
          </>
        ) : null}
        {n.__typename === "Response" ? (
          <>
            {n.respondent ? <NodeLink node={n.respondent} /> : null}
            {n.signatory ? <span> (signed by {n.signatory.name})</span> : null}
            {n.date ? (
              <>
                <Sep />
                {formatDate(n.date)}
              </>
            ) : null}
            {n.recommendation ? (
              <>
                <Sep />
                to <NodeLink node={{ id: n.recommendation.id, name: `recommendation ${n.recommendation.number ?? ""}${n.recommendation.part ?? ""}` }} />
              </>
            ) : null}
            {n.report ? (
              <>
                {" "}
                of <NodeLink node={n.report} />
              </>
            ) : null}
          </>
        ) : null}
        {n.__typename === "Document" && !isParagraph ? (
          <>
            {n.kind ? <span>{n.kind}</span> : null}
            {n.date ? (
              <>
                <Sep />
                {formatDate(n.date)}
              </>
            ) : null}
          </>
        ) : null}
      </div>
      <p className="snippet">
        {hit.snippet.map((part, i) => (part.highlighted ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
      </p>
      <div className="actions">
        <SourceRef sources={preferring(hit.source, n.quote)} />
        <a href={nodeHref(n.id)}>{isParagraph ? "Document page" : `${capitalise(kindLabel(n.__typename, n.id))} page`}</a>
        {first ? (
          <Cite
            iri={n.iri}
            sources={hit.source}
            speaker={citedSpeaker(hit)}
            date={n.date ?? n.report?.date}
            part={n.document?.title ?? (n.__typename === "Recommendation" ? n.report?.name : undefined)}
            prefer={n.quote}
          />
        ) : null}
      </div>
    </li>
  );
}

/** A hit's heading: who spoke, which recommendation; node names are cut short. */
function hitTitle(hit: Hit): string {
  const n = hit.node;
  if (hit.kind === "paragraph") return `Paragraph of ${n.name}`;
  switch (n.__typename) {
    case "Statement": {
      const who = n.speaker?.name ?? n.speakerLabel ?? "an unnamed speaker";
      return n.verbatim === false ? `Reported statement of ${who}` : `Statement by ${who}`;
    }
    case "Recommendation":
      return `Recommendation ${n.number ?? "?"}${n.part ? `(${n.part})` : ""}${n.report ? ` of “${n.report.name}”` : ""}`;
    case "Document":
      return n.title ?? n.name;
    default:
      return n.name;
  }
}

function citedSpeaker(hit: Hit): string | null {
  const n = hit.node;
  if (n.__typename === "Statement") {
    const name = n.speaker?.name ?? n.speakerLabel;
    return name ? (n.role ? `${name} (${n.role})` : name) : null;
  }
  if (n.__typename === "Response") {
    if (n.signatory && n.respondent) return `${n.signatory.name}, for ${n.respondent.name}`;
    return n.signatory?.name ?? n.respondent?.name ?? null;
  }
  return null;
}

const Sep = () => <span aria-hidden="true"> · </span>;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The meeting filter. Controlled, because its options arrive after it is
 * shown: the meeting in the URL must stay chosen when the list comes.
 */
function MeetingSelect(props: { value: string; meetings?: (NodeRef & { date: string | null })[] }) {
  const [value, setValue] = useState(props.value);
  const known = props.meetings?.some((m) => m.id === value);
  return (
    <select name="meeting" value={value} onChange={(e) => setValue(e.target.value)}>
      <option value="">Any meeting</option>
      {value && !known ? <option value={value}>{value}</option> : null}
      {props.meetings?.map((m) => (
        <option key={m.id} value={m.id}>
          {m.name}
        </option>
      ))}
    </select>
  );
}

/** Options for the filters, loaded only once the filters are opened. */
const OPTIONS = `{
  meetings(first: 100) { edges { node { id name date } } }
  reports: documents(kind: "report", first: 100) { edges { node { id title } } }
  people(first: 100) { edges { node { id name } } }
  organisations(first: 100) { edges { node { id name } } }
}`;

interface OptionsData {
  meetings: { edges: { node: NodeRef & { date: string | null } }[] };
  reports: { edges: { node: { id: string; title: string } }[] };
  people: { edges: { node: NodeRef }[] };
  organisations: { edges: { node: NodeRef }[] };
}

/** The filter form: applied with its button (one history entry per change). */
function Filters({ params }: { params: URLSearchParams }) {
  const active = FILTER_KEYS.some((k) => params.get(k));
  const [open, setOpen] = useState(active);
  const options = useQuery<OptionsData>(OPTIONS, {}, !open);
  const kinds = new Set(kindsFrom(params));
  const formKey = params.toString();

  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const next: Record<string, string> = { q: params.get("q") ?? "" };
    const chosen = form.getAll("kind").map(String);
    if (chosen.length) next.kind = chosen.join(",");
    for (const k of FILTER_KEYS) {
      if (k === "kind") continue;
      const v = String(form.get(k) ?? "").trim();
      if (v) next[k] = v;
    }
    navigate(href("search", "", next));
  };

  const clear = href("search", "", { q: params.get("q") ?? "" });

  return (
    <details className="filters" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Filters{active ? " (on)" : ""}</summary>
      {/* Keyed on the URL so the fields show the filters in force after back/forward. */}
      <form key={formKey} onSubmit={apply}>
        <fieldset className="kinds">
          <legend>Kind (none ticked: statements, recommendations, responses and documents)</legend>
          {KINDS.map(([value, label]) => (
            <label key={value}>
              <input type="checkbox" name="kind" value={value} defaultChecked={kinds.has(value)} /> {label}
            </label>
          ))}
        </fieldset>
        <div className="filter-grid">
          <label>
            Speaker (or signatory)
            <input name="speaker" list="speaker-options" defaultValue={params.get("speaker") ?? ""} placeholder="name or alias" />
          </label>
          <label>
            Organisation
            <input name="organisation" list="organisation-options" defaultValue={params.get("organisation") ?? ""} placeholder="name or abbreviation (MOPAC)" />
          </label>
          <label>
            Meeting
            <MeetingSelect value={params.get("meeting") ?? ""} meetings={options.data?.meetings.edges.map((e) => e.node)} />
          </label>
          <label>
            Report
            <input name="report" list="report-options" defaultValue={params.get("report") ?? ""} placeholder="title or id" />
          </label>
          <label>
            From
            <input type="date" name="from" defaultValue={params.get("from") ?? ""} />
          </label>
          <label>
            To
            <input type="date" name="to" defaultValue={params.get("to") ?? ""} />
          </label>
        </div>
        <datalist id="speaker-options">
          {options.data?.people.edges.map(({ node }) => <option key={node.id} value={node.name} />)}
        </datalist>
        <datalist id="organisation-options">
          {options.data?.organisations.edges.map(({ node }) => <option key={node.id} value={node.name} />)}
        </datalist>
        <datalist id="report-options">
          {options.data?.reports.edges.map(({ node }) => <option key={node.id} value={node.title} />)}
        </datalist>
        <div className="actions">
          <button type="submit">Apply filters</button>
          {active ? <a href={clear}>Clear filters</a> : null}
        </div>
      </form>
    </details>
  );
}
