// #/reports?kind=…: the reports with how many of their recommendations
// have been answered, then every document, optionally of one kind.

import { type FormEvent } from "react";
import { useConnection, useTitle, type Connection } from "../hooks";
import type { NodeRef } from "../fragments";
import { formatDate, plural } from "../format";
import { href, navigate } from "../router";
import { NodeLink } from "../components/links";
import { KindBadge, StanceBadge } from "../components/badges";
import { MoreButton } from "../components/pagination";
import { ErrorBox } from "../components/status";

const REPORTS = `query Reports($after: String) {
  documents(kind: "report", first: 20, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id title date author { id name } partOf { id title }
      recommendations { id responses { id stance } } } }
  }
}`;

interface ReportItem {
  id: string;
  title: string;
  date: string | null;
  author: NodeRef | null;
  partOf: { id: string; title: string } | null;
  recommendations: { id: string; responses: { id: string; stance: string | null }[] }[];
}

const DOCUMENTS = `query Documents($kind: String, $after: String) {
  documents(kind: $kind, first: 25, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id title kind date publisher } }
  }
}`;

interface DocumentItem {
  id: string;
  title: string;
  kind: string | null;
  date: string | null;
  publisher: string | null;
}

/** The kinds of document the readers produce (the schema gives no list). */
const DOCUMENT_KINDS = [
  "agenda", "agenda-pack", "minutes", "transcript", "report", "committee-letter",
  "letter", "article", "message", "progress-update", "external",
];

export function ReportsPage(props: { params: URLSearchParams }) {
  useTitle("Reports and documents");
  const kind = props.params.get("kind") ?? "";
  const reports = useConnection<{ documents: Connection<ReportItem> }, ReportItem>(REPORTS, {}, (d) => d.documents);
  const documents = useConnection<{ documents: Connection<DocumentItem> }, DocumentItem>(
    DOCUMENTS,
    { kind: kind || null },
    (d) => d.documents,
  );

  const choose = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const value = String(new FormData(e.currentTarget).get("kind") ?? "");
    navigate(href("reports", "", { kind: value }));
  };

  return (
    <>
      <h1>Reports and documents</h1>
      <section aria-label="Reports">
        <h2>Reports{reports.totalCount != null ? ` (${reports.totalCount})` : ""}</h2>
        <ErrorBox error={reports.items.length ? null : reports.error} />
        <ul className="plain cards">
          {reports.items.map((r) => {
            const answered = r.recommendations.filter((x) => x.responses.length).length;
            const stances = new Map<string, number>();
            for (const x of r.recommendations.flatMap((y) => y.responses)) stances.set(x.stance ?? "unknown", (stances.get(x.stance ?? "unknown") ?? 0) + 1);
            return (
              <li key={r.id}>
                <NodeLink node={{ id: r.id, name: r.title }} className="card-title" />
                <div className="muted">
                  {[formatDate(r.date), r.author?.name].filter(Boolean).join(" · ")}
                  {r.partOf ? (
                    <>
                      {r.date || r.author ? " · " : ""}
                      in <NodeLink node={{ id: r.partOf.id, name: r.partOf.title }} />
                    </>
                  ) : null}
                </div>
                <div>
                  {plural(r.recommendations.length, "recommendation")}: {answered} answered,{" "}
                  {r.recommendations.length - answered} unanswered{" "}
                  {[...stances].map(([s, n]) => (
                    <span key={s} className="tally">
                      <StanceBadge stance={s} /> {n}
                    </span>
                  ))}
                </div>
              </li>
            );
          })}
        </ul>
        <MoreButton conn={reports} label="More reports" />
      </section>

      <section aria-label="All documents">
        <h2>Documents{documents.totalCount != null ? ` (${documents.totalCount})` : ""}</h2>
        <form className="inline-form" onSubmit={choose} key={kind}>
          <label>
            Kind{" "}
            <select name="kind" defaultValue={kind}>
              <option value="">Any kind</option>
              {DOCUMENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>{" "}
          <button type="submit">Show</button>
        </form>
        <ErrorBox error={documents.items.length ? null : documents.error} />
        <ul className="plain doc-list">
          {documents.items.map((d) => (
            <li key={d.id}>
              {d.kind ? <KindBadge kind={d.kind} /> : null} <NodeLink node={{ id: d.id, name: d.title }} />
              <span className="muted">{[formatDate(d.date), d.publisher].filter(Boolean).map((x) => ` · ${x}`).join("")}</span>
            </li>
          ))}
        </ul>
        <MoreButton conn={documents} label="More documents" />
      </section>
    </>
  );
}
