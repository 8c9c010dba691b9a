// A report's page: its recommendations in number order, each with whom it
// is addressed to and every response (stance, quote, letter, Cite), then
// the recommendations still unanswered.

import { PROVENANCE, type Provenance } from "../api";
import { useQuery } from "../hooks";
import { RECOMMENDATION, RESPONSE, type NodeRef, type RecommendationItem, type ResponseItem } from "../fragments";
import { formatDate, paragraphs, plural } from "../format";
import { href, nodeHref } from "../router";
import { Cite } from "../cite";
import { PageHead, Facts } from "../components/pagehead";
import { NodeLink } from "../components/links";
import { preferring, ProvenanceList, SourceRef } from "../components/provenance";
import { StanceBadge } from "../components/badges";
import { ErrorBox, Loading } from "../components/status";

const REPORT = `query Report($id: ID!) {
  node(id: $id) { __typename id iri name provenance { ${PROVENANCE} }
    ... on Document {
      title kind date dateBasis publisher subject
      author { id name } partOf { id title }
      recommendations {
        ${RECOMMENDATION}
        parts { ${RECOMMENDATION} responses { ${RESPONSE} } }
        responses { ${RESPONSE} }
      }
      responses { ${RESPONSE} }
      citedMeetings { id name }
      discussedAt { id name meeting { id name } }
    }
  }
}`;

type Rec = RecommendationItem & { responses: ResponseItem[]; parts?: Rec[] };

interface ReportData {
  node: {
    __typename: "Document";
    id: string;
    iri: string;
    name: string;
    provenance: Provenance[];
    title: string;
    kind: string | null;
    date: string | null;
    dateBasis: string | null;
    publisher: string | null;
    subject: string | null;
    author: NodeRef | null;
    partOf: { id: string; title: string } | null;
    recommendations: Rec[];
    responses: ResponseItem[];
    citedMeetings: NodeRef[];
    discussedAt: (NodeRef & { meeting: NodeRef | null })[];
  };
}

/** A recommendation's label: "Recommendation 3", "Recommendation 3(a)". */
export function recLabel(r: { number: number | null; part: string | null }): string {
  return `Recommendation ${r.number ?? "?"}${r.part ? `(${r.part})` : ""}`;
}

/** Every response to a recommendation and to its lettered parts. */
function allResponses(r: Rec): ResponseItem[] {
  return [...r.responses, ...(r.parts ?? []).flatMap(allResponses)];
}

export function ReportPage(props: { id: string }) {
  const { data, error, loading } = useQuery<ReportData>(REPORT, { id: props.id });
  if (error) return <ErrorBox error={error} />;
  if (loading || !data) return <Loading />;
  const d = data.node;
  // Lettered parts are listed under their whole, not again on their own.
  const recs = d.recommendations.filter((r) => !r.part || !d.recommendations.some((w) => w.parts?.some((p) => p.id === r.id)));
  const unanswered = recs.filter((r) => allResponses(r).length === 0);
  const stances = new Map<string, number>();
  for (const r of recs) for (const x of allResponses(r)) stances.set(x.stance ?? "unknown", (stances.get(x.stance ?? "unknown") ?? 0) + 1);
  // `responses` on a report also lists its reported statements (ids
  // "statement/…"): only real responses to the whole report are kept.
  const wholeReport = d.responses.filter((x) => x.id.startsWith("response/") && !x.recommendation);

  return (
    <>
      <PageHead id={d.id} kind="report" title={d.title} iri={d.iri} />
      <Facts
        items={[
          ["Date", d.date ? `${formatDate(d.date)}${d.dateBasis === "agreed" ? " (agreed)" : ""}` : null],
          ["Author", d.author ? <NodeLink node={d.author} /> : null],
          ["Publisher", d.publisher],
          ["Subject", d.subject],
          ["Published in", d.partOf ? <NodeLink node={{ id: d.partOf.id, name: d.partOf.title }} /> : null],
          [
            "Discussed at",
            d.discussedAt.length
              ? d.discussedAt.map((a, i) => (
                  <span key={a.id}>
                    {i ? "; " : ""}
                    <NodeLink node={a.meeting ?? a} /> <span className="muted">({a.name})</span>
                  </span>
                ))
              : null,
          ],
          [
            "Evidence from",
            d.citedMeetings.length
              ? d.citedMeetings.map((m, i) => (
                  <span key={m.id}>
                    {i ? "; " : ""}
                    <NodeLink node={m} />
                  </span>
                ))
              : null,
          ],
        ]}
      />
      <p className="summary">
        {plural(recs.length, "recommendation")}: {recs.length - unanswered.length} with a response,{" "}
        {unanswered.length} still unanswered.{" "}
        {[...stances].map(([stance, n]) => (
          <span key={stance} className="tally">
            <StanceBadge stance={stance} /> {n}
          </span>
        ))}
      </p>
      <p>
        <a href={href("search", "", { q: "*", kind: "statement", report: d.id })}>Statements about this report</a>
        {" · "}
        <a href={href("search", "", { q: "*", kind: "response", report: d.id })}>Responses to it in search</a>
      </p>

      <section aria-label="Recommendations">
        <h2>Recommendations</h2>
        {recs.map((r) => (
          <RecommendationView key={r.id} r={r} report={d.title} />
        ))}
      </section>

      <section aria-label="Still unanswered" data-testid="unanswered" className="unanswered">
        <h2>Still unanswered ({unanswered.length})</h2>
        {unanswered.length === 0 ? (
          <p>Every recommendation has at least one response on record.</p>
        ) : (
          <ul className="plain">
            {unanswered.map((r) => (
              <li key={r.id}>
                <a href={nodeHref(r.id)}>
                  <strong>{recLabel(r)}</strong>
                </a>
                {r.addressedTo.length ? (
                  <span className="muted"> — to {r.addressedTo.map((a) => a.party.name).join(", ")}</span>
                ) : null}
                <div>{r.text}</div>
              </li>
            ))}
          </ul>
        )}
      </section>

      {wholeReport.length ? (
        <section aria-label="Responses to the whole report">
          <h2>Responses to the report as a whole</h2>
          {wholeReport.map((x) => (
            <ResponseView key={x.id} x={x} />
          ))}
        </section>
      ) : null}

      <ProvenanceList sources={d.provenance} />
    </>
  );
}

/** One recommendation with its addressees, responses and lettered parts. */
function RecommendationView(props: { r: Rec; report: string; nested?: boolean }) {
  const { r } = props;
  return (
    <article className={props.nested ? "recommendation part" : "recommendation"} data-testid="recommendation">
      <header className="rec-head">
        <a href={nodeHref(r.id)} className="rec-number">
          {recLabel(r)}
        </a>
        {r.addressedTo.length ? (
          <span className="muted">
            {" "}
            to{" "}
            {r.addressedTo.map((a, i) => (
              <span key={a.position}>
                {i ? (i === r.addressedTo.length - 1 ? " and " : ", ") : ""}
                <NodeLink node={a.party}>{a.party.name}</NodeLink>
              </span>
            ))}
          </span>
        ) : null}
      </header>
      {paragraphs(r.text).map((p, i) => (
        <p key={i} className="rec-text">
          {p}
        </p>
      ))}
      <div className="actions">
        <SourceRef sources={r.provenance} />
        <Cite iri={r.iri} sources={r.provenance} date={r.report?.date} part={props.report} />
      </div>
      {r.parts?.map((p) => (
        <RecommendationView key={p.id} r={p} report={props.report} nested />
      ))}
      {r.responses.length ? (
        <div className="responses">
          <h3 className="visually-hidden">Responses to {recLabel(r)}</h3>
          {r.responses.map((x) => (
            <ResponseView key={x.id} x={x} />
          ))}
        </div>
      ) : !r.parts?.length ? (
        <p className="no-response">No response on record.</p>
      ) : null}
    </article>
  );
}

/** A response: stance badge, who, when, the justifying quote, the letter, Cite. */
export function ResponseView(props: { x: ResponseItem; showRecommendation?: boolean }) {
  const { x } = props;
  const who = x.signatory && x.respondent ? `${x.signatory.name}, for ${x.respondent.name}` : (x.signatory?.name ?? x.respondent?.name);
  return (
    <div className="response" data-testid="response">
      <div className="response-head">
        <StanceBadge stance={x.stance} />{" "}
        {x.respondent ? <NodeLink node={x.respondent} /> : <span>Unknown respondent</span>}
        {x.date ? <span className="muted"> · {formatDate(x.date)}</span> : null}
        {props.showRecommendation && x.recommendation ? (
          <span className="muted">
            {" "}
            · to <NodeLink node={{ id: x.recommendation.id, name: recLabel(x.recommendation) }} />
            {x.recommendation.report ? (
              <>
                {" "}
                of <NodeLink node={x.recommendation.report} />
              </>
            ) : null}
          </span>
        ) : null}
      </div>
      {x.group ? <div className="muted">Under “{x.group}”</div> : null}
      {x.quote ? <blockquote>{x.quote}</blockquote> : x.text ? <blockquote>{x.text}</blockquote> : null}
      <div className="actions">
        {x.document ? (
          <span>
            In <NodeLink node={{ id: x.document.id, name: x.document.title }} />
            {x.signatory ? (
              <span className="muted">
                , signed by <NodeLink node={x.signatory} />
                {x.signatoryTitle ? ` (${x.signatoryTitle})` : ""}
              </span>
            ) : null}
          </span>
        ) : null}
        <a href={nodeHref(x.id)}>Response page</a>
        <SourceRef sources={preferring(x.provenance, x.quote)} />
        <Cite iri={x.iri} sources={x.provenance} speaker={who} date={x.date} part={x.document?.title} prefer={x.quote} />
      </div>
    </div>
  );
}
