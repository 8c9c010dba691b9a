// Home (#/): how to search, and places to start: the reports and the most
// recent meetings on record.

import { useQuery, useTitle } from "../hooks";
import { formatDate, plural, today } from "../format";
import { href } from "../router";
import type { NodeRef } from "../fragments";
import { NodeLink } from "../components/links";
import { ErrorBox, Loading } from "../components/status";

const HOME = `query Home($today: NaiveDate!) {
  reports: documents(kind: "report", first: 10) {
    totalCount
    edges { node { id title date author { id name } recommendations { id responses { id } } } }
  }
  meetings(filter: { to: $today }, first: 100) {
    totalCount
    edges { node { id name date body { id name } documents { id kind } statements(first: 0) { totalCount } } }
  }
  people(first: 0) { totalCount }
  organisations(first: 0) { totalCount }
}`;

interface HomeData {
  reports: {
    totalCount: number;
    edges: { node: { id: string; title: string; date: string | null; author: NodeRef | null; recommendations: { id: string; responses: { id: string }[] }[] } }[];
  };
  meetings: {
    totalCount: number;
    edges: { node: NodeRef & { date: string | null; body: NodeRef | null; documents: { id: string; kind: string | null }[]; statements: { totalCount: number } } }[];
  };
  people: { totalCount: number };
  organisations: { totalCount: number };
}

/** Example searches, each showing one feature of the query language. */
const EXAMPLES: [string, string][] = [
  ["vetting", "a word"],
  ['"stop and search"', "a phrase"],
  ["prevent AND referral*", "all of them, a prefix"],
  ["missing children -asylum", "leave a word out"],
  ["title:recommendation", "in titles only"],
];

export function HomePage() {
  useTitle(null);
  const { data, error, loading } = useQuery<HomeData>(HOME, { today: today() });

  const meetings = data ? data.meetings.edges.map((e) => e.node) : [];
  // "Recent" means the latest meetings that have a record (minutes, a
  // transcript), newest first; the list is in date order, oldest first.
  const recorded = meetings.filter((m) => m.documents.length > 0 || m.statements.totalCount > 0);
  const recent = (recorded.length ? recorded : meetings).slice(-6).reverse();

  return (
    <>
      <h1>Search and cite the public record of police accountability</h1>
      <p className="lead">
        Committee minutes, hearing transcripts, reports with recommendations and the responses to them, read into one
        record. Every statement links back to the lines it comes from, and every one can be cited.
      </p>
      <section aria-label="How to search" className="hint-box">
        <h2>How to search</h2>
        <p>
          Type in the box at the top (press <kbd>/</kbd> to get there). Words must all appear; put a phrase in quotes;
          use <code>AND</code>, <code>OR</code>, <code>NOT</code>, <code>+word</code>, <code>-word</code>,{" "}
          <code>prefix*</code>; <code>title:</code> or <code>text:</code> before a word looks in one field only.
        </p>
        <ul className="examples">
          {EXAMPLES.map(([q, what]) => (
            <li key={q}>
              <a href={href("search", "", { q })}>
                <code>{q}</code>
              </a>{" "}
              <span className="muted">{what}</span>
            </li>
          ))}
        </ul>
      </section>
      <ErrorBox error={error} />
      {loading ? <Loading /> : null}
      {data ? (
        <div className="columns">
          <section aria-label="Reports">
            <h2>Reports</h2>
            <ul className="plain cards">
              {data.reports.edges.map(({ node: r }) => {
                const answered = r.recommendations.filter((x) => x.responses.length > 0).length;
                return (
                  <li key={r.id}>
                    <NodeLink node={{ id: r.id, name: r.title }} className="card-title" />
                    <div className="muted">
                      {[formatDate(r.date), r.author?.name].filter(Boolean).join(" · ")}
                    </div>
                    <div>
                      {plural(r.recommendations.length, "recommendation")}, {answered} with a response
                    </div>
                  </li>
                );
              })}
            </ul>
            <a href="#/reports">All reports and documents</a>
          </section>
          <section aria-label="Recent meetings">
            <h2>Recent meetings</h2>
            <ul className="plain cards">
              {recent.map((m) => (
                <li key={m.id}>
                  <NodeLink node={m} className="card-title" />
                  <div className="muted">
                    {formatDate(m.date)}
                    {m.statements.totalCount ? ` · ${plural(m.statements.totalCount, "transcript turn")}` : ""}
                  </div>
                </li>
              ))}
            </ul>
            <a href="#/meetings">All meetings</a>
          </section>
        </div>
      ) : null}
      {data ? (
        <p className="muted">
          Also: <a href="#/people">{plural(data.people.totalCount, "person", "people")}</a> and{" "}
          <a href="#/organisations">{plural(data.organisations.totalCount, "organisation")}</a> named in the record.
        </p>
      ) : null}
    </>
  );
}
