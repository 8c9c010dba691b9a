// #/upload: add documents to the running server. The files go to
// POST /ingest as multipart with the write token as a bearer token; the
// answer says, per file, what was added and how much of it was understood.
// The token is kept (in sessionStorage, this tab only) only when asked.

import { useRef, useState, type FormEvent } from "react";
import { useTitle } from "../hooks";
import { plural } from "../format";
import { nodeHref, sourceHref } from "../router";
import { StatusBadge } from "../components/badges";

const TOKEN_KEY = "scrutiny.writeToken";

interface Coverage {
  kind: string;
  evidence: string[];
  regions: { kind: string; first: number; last: number; evidence: string }[];
  blocks: Record<string, number>;
  facts: Record<string, number>;
  lines: number;
  covered_lines: number;
  furniture_lines: number;
  pages: number;
  warnings: string[];
}

interface FileResult {
  file: string;
  status: "added" | "replaced" | "unchanged" | "failed";
  id?: string;
  error?: string;
  diagnostics: string[];
  coverage?: Coverage;
}

interface IngestAnswer {
  files: FileResult[];
  graph: { nodes: number; edges: number; generation: number };
}

interface Failure {
  status: number;
  code?: string;
  message: string;
}

/** What each refusal means to the person uploading. */
const STATUS_WORDS: Record<number, string> = {
  400: "The upload could not be read",
  401: "The write token was refused",
  403: "This server does not accept uploads",
  413: "The upload is too large (at most 64 MiB in all)",
  422: "None of the files could be read",
  503: "The server cannot store documents now",
};

function storedToken(): string {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? "";
  } catch {
    return "";
  }
}

function keepToken(token: string) {
  try {
    sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Storage refused (private mode): the token is simply not kept.
  }
}

function forgetToken() {
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Nothing was kept.
  }
}

export function UploadPage() {
  useTitle("Upload");
  const [token, setToken] = useState(storedToken);
  const [remember, setRemember] = useState(() => storedToken() !== "");
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<IngestAnswer | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const filesRef = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const files = filesRef.current?.files;
    if (!files || files.length === 0) {
      setFailure({ status: 0, message: "Choose one or more files first." });
      return;
    }
    if (remember) keepToken(token);
    else forgetToken();
    const body = new FormData();
    for (const f of files) body.append("file", f, f.name);
    setBusy(true);
    setAnswer(null);
    setFailure(null);
    try {
      const response = await fetch("/ingest", {
        method: "POST",
        headers: { Authorization: `Bearer ${token.trim()}`, accept: "application/json" },
        body,
      });
      const json = await response.json().catch(() => null);
      if (json && Array.isArray(json.files)) {
        setAnswer(json as IngestAnswer);
        if (!response.ok) setFailure({ status: response.status, message: "Every file failed; see each one below." });
      } else {
        const err = json?.error as { code?: string; message?: string } | undefined;
        setFailure({
          status: response.status,
          code: err?.code,
          message: err?.message ?? `The server answered ${response.status} ${response.statusText}.`,
        });
      }
    } catch {
      setFailure({ status: 0, message: "The server cannot be reached." });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>Upload documents</h1>
      <p>
        Add minutes, transcripts, reports or letters (PDF, HTML or text). Each file is read, and what was found is
        added to the record at once. Uploading needs the server's write token.
      </p>
      <form className="upload-form" onSubmit={submit}>
        <label>
          Files
          <input ref={filesRef} type="file" name="file" multiple accept=".pdf,.html,.htm,.txt,.md,.rst,text/*,application/pdf" />
        </label>
        <label>
          Write token
          <input
            type="password"
            name="token"
            autoComplete="off"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            required
          />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={remember}
            onChange={(e) => {
              setRemember(e.target.checked);
              // Unticking forgets at once, not only at the next upload.
              if (!e.target.checked) forgetToken();
            }}
          />{" "}
          Remember the token
          for this tab
        </label>
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? "Uploading…" : "Upload"}
          </button>
        </div>
      </form>
      {failure ? (
        <div className="error" role="alert">
          <strong>{STATUS_WORDS[failure.status] ?? (failure.status ? `Refused (${failure.status})` : "Not sent")}.</strong>{" "}
          {failure.message}
          {failure.code ? <span className="error-code"> ({failure.code})</span> : null}
        </div>
      ) : null}
      {answer ? <Results answer={answer} /> : null}
    </>
  );
}

function Results({ answer }: { answer: IngestAnswer }) {
  return (
    <section aria-label="Upload results" className="upload-results" role="status">
      <h2>Result</h2>
      <p className="muted">
        The record now holds {plural(answer.graph.nodes, "node")} and {plural(answer.graph.edges, "edge")} (generation{" "}
        {answer.graph.generation}).
      </p>
      {answer.files.map((f, i) => (
        <article key={i} className={`file-result file-${f.status}`}>
          <h3>
            {f.file} <StatusBadge status={f.status} />
          </h3>
          {f.error ? <p className="error">{f.error}</p> : null}
          {f.id ? (
            <p>
              Stored as <code>{f.id}</code>: <a href={sourceHref(f.id)}>read its text</a> ·{" "}
              <a href={nodeHref(`document/${f.id}`)}>document page</a>
            </p>
          ) : null}
          {f.coverage ? <CoverageView c={f.coverage} /> : null}
          {f.diagnostics.length ? (
            <details>
              <summary>{plural(f.diagnostics.length, "diagnostic")}</summary>
              <ul className="diagnostics">
                {f.diagnostics.map((d, j) => (
                  <li key={j}>
                    <code>{d}</code>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </article>
      ))}
    </section>
  );
}

function CoverageView({ c }: { c: Coverage }) {
  const share = c.lines ? (100 * c.covered_lines) / c.lines : 0;
  const facts = Object.entries(c.facts);
  return (
    <div className="coverage">
      <p>
        Read as <strong>{c.kind}</strong>
        {c.evidence.length ? ` (${c.evidence.join("; ")})` : ""}. {share.toFixed(0)} % of its{" "}
        {plural(c.lines, "line")} are inside something extracted
        {c.pages ? `; ${plural(c.pages, "page")}` : ""}
        {c.furniture_lines ? `; ${plural(c.furniture_lines, "line")} of page furniture left out` : ""}.
      </p>
      <meter min={0} max={100} value={share} aria-label="Share of lines covered">
        {share.toFixed(0)} %
      </meter>
      {facts.length ? (
        <>
          <h4>Added</h4>
          <ul className="plain facts-list">
            {facts.map(([kind, n]) => (
              <li key={kind}>
                {kind}: <strong>{n}</strong>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {c.regions.length ? (
        <>
          <h4>Regions</h4>
          <ul className="plain">
            {c.regions.map((r, i) => (
              <li key={i}>
                {r.kind}, lines {r.first}–{r.last} <span className="muted">({r.evidence})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {c.warnings.length ? (
        <>
          <h4>Warnings</h4>
          <ul className="warnings">
            {c.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
