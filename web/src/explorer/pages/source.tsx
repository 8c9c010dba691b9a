// Source view (#/source/{documentId}?from=N&to=M): the document's text with
// line numbers (and page breaks for a PDF), lines N–M highlighted and
// scrolled into view. A window around them is loaded; buttons load more
// before and after.

import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { gql } from "../api";
import { toApiError, useTitle } from "../hooks";
import type { ApiError } from "../api";
import { plural } from "../format";
import { ErrorBox, Loading } from "../components/status";

/** Lines loaded either side of the cited ones, and per "load more". */
const WINDOW = 300;

const SOURCE = `query Source($document: String!, $from: Int, $to: Int) {
  sourceText(document: $document, from: $from, to: $to) {
    documentId title format lineCount from to
    lines { number text page }
  }
}`;

interface SourceLine {
  number: number;
  text: string;
  page: number | null;
}

interface SourceText {
  documentId: string;
  title: string;
  format: string | null;
  lineCount: number;
  from: number;
  to: number;
  lines: SourceLine[];
}

function positive(v: string | null): number | null {
  const n = v ? Number.parseInt(v, 10) : NaN;
  return Number.isFinite(n) && n > 0 ? n : null;
}

export function SourcePage(props: { documentId: string; params: URLSearchParams }) {
  const { documentId } = props;
  const citedFrom = positive(props.params.get("from"));
  const citedTo = citedFrom ? Math.max(citedFrom, positive(props.params.get("to")) ?? citedFrom) : null;

  const [meta, setMeta] = useState<Omit<SourceText, "lines" | "from" | "to"> | null>(null);
  const [lines, setLines] = useState<SourceLine[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<"" | "first" | "earlier" | "later">("first");
  const scrolled = useRef(false);
  // When lines are put before the ones shown, the page is moved down by as
  // much, so what the reader was looking at stays where it was.
  const keepPlace = useRef<number | null>(null);
  useTitle(meta ? meta.title : "Source");

  const load = (from: number, to: number, where: "first" | "earlier" | "later") => {
    setBusy(where);
    setError(null);
    const controller = new AbortController();
    gql<{ sourceText: SourceText }>(SOURCE, { document: documentId, from, to }, controller.signal).then(
      ({ sourceText: t }) => {
        setMeta({ documentId: t.documentId, title: t.title, format: t.format, lineCount: t.lineCount });
        if (where === "earlier") keepPlace.current = document.documentElement.scrollHeight;
        setLines((old) => (where === "first" ? t.lines : where === "earlier" ? [...t.lines, ...old] : [...old, ...t.lines]));
        setBusy("");
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setError(toApiError(e));
        setBusy("");
      },
    );
    return controller;
  };

  useEffect(() => {
    const from = citedFrom ? Math.max(1, citedFrom - WINDOW) : 1;
    const to = citedTo ? citedTo + WINDOW : 2 * WINDOW;
    const controller = load(from, to, "first");
    return () => controller.abort();
    // Once per address: the page is keyed on the document and the lines.
  }, []);

  useLayoutEffect(() => {
    if (keepPlace.current != null) {
      scrollBy(0, document.documentElement.scrollHeight - keepPlace.current);
      keepPlace.current = null;
    }
    if (!scrolled.current && lines.length) {
      scrolled.current = true;
      if (citedFrom) showCited(citedFrom, citedTo ?? citedFrom);
    }
  }, [lines, citedFrom, citedTo]);

  const first = lines[0]?.number ?? 1;
  const last = lines[lines.length - 1]?.number ?? 0;
  const paged = lines.some((l) => l.page != null);
  const original = `/source/${encodeURIComponent(documentId)}/original`;

  return (
    <>
      <header className="page-head">
        <span className="badge kind">source</span>
        <h1>{meta?.title ?? documentId}</h1>
        <div className="actions">
          <a href={original}>Original file{meta?.format ? ` (${meta.format.toUpperCase()})` : ""}</a>
          <a href={`/source/${encodeURIComponent(documentId)}`}>Plain text</a>
          {citedFrom ? (
            <button
              type="button"
              onClick={() => showCited(citedFrom, citedTo ?? citedFrom)}
            >
              Go to the cited lines
            </button>
          ) : null}
        </div>
        {meta ? (
          <p className="muted">
            {plural(meta.lineCount, "line")}
            {citedFrom ? `; cited: lines ${citedFrom}–${citedTo}` : ""}
            {lines.length ? `; showing ${first}–${last}` : ""}
          </p>
        ) : null}
      </header>
      <ErrorBox error={error} title="The source could not be loaded" />
      {busy === "first" ? <Loading what="the text" /> : null}
      {lines.length && first > 1 ? (
        <div className="more">
          <button type="button" disabled={busy !== ""} onClick={() => load(Math.max(1, first - WINDOW), first - 1, "earlier")}>
            {busy === "earlier" ? "Loading…" : `Load earlier lines (${Math.max(1, first - WINDOW)}–${first - 1})`}
          </button>
        </div>
      ) : null}
      {lines.length ? (
        <div className={`source-text${paged ? " paged" : ""}`} role="region" aria-label="Document text">
          {lines.map((line, i) => {
            const cited = citedFrom != null && citedTo != null && line.number >= citedFrom && line.number <= citedTo;
            const newPage = line.page != null && (i === 0 || lines[i - 1].page !== line.page);
            return (
              <div key={line.number} className="source-row">
                {newPage ? (
                  <div className="page-break" aria-label={`Page ${line.page}`}>
                    Page {line.page}
                  </div>
                ) : null}
                <div
                  className={cited ? "source-line cited" : "source-line"}
                  data-testid="source-line"
                  data-line={line.number}
                  data-cited={cited ? "true" : undefined}
                  data-page={line.page ?? undefined}
                >
                  <span className="ln" aria-hidden="true">
                    {line.number}
                  </span>
                  <span className="lt">{line.text || "\u00a0"}</span>
                </div>
              </div>
            );
          })}
        </div>
      ) : null}
      {meta && lines.length && last < meta.lineCount ? (
        <div className="more">
          <button type="button" disabled={busy !== ""} onClick={() => load(last + 1, Math.min(meta.lineCount, last + WINDOW), "later")}>
            {busy === "later" ? "Loading…" : `Load later lines (${last + 1}–${Math.min(meta.lineCount, last + WINDOW)})`}
          </button>
        </div>
      ) : null}
    </>
  );
}

/** Scrolls the cited lines into view: centred when they fit on the screen,
 *  else their first line near the top, so the citation starts in sight. */
function showCited(from: number, to: number) {
  const first = document.querySelector(`[data-line="${from}"]`);
  const last = document.querySelector(`[data-line="${to}"]`) ?? first;
  if (!first || !last) return;
  const top = first.getBoundingClientRect().top + scrollY;
  const height = last.getBoundingClientRect().bottom + scrollY - top;
  const offset = height < innerHeight * 0.7 ? (innerHeight - height) / 2 : 80;
  scrollTo({ top: Math.max(0, top - offset) });
}
