// "Cite": a button that opens a small panel with a citation ready to paste
// (the exact quote, who said it, the document, date, page and lines, the
// node's IRI), with "Copy" and "Copy link". Used on search hits and on
// every statement, recommendation and response the pages show.

import { useEffect, useId, useRef, useState } from "react";
import type { Provenance } from "./api";
import { formatDate, linesLabel } from "./format";

export interface CiteProps {
  /** The node's IRI: the citation's permanent link. */
  iri: string;
  /** Where the node comes from; one of them is cited (the reader can pick). */
  sources: Provenance[];
  /** Who said or wrote it, as the citation should name them. */
  speaker?: string | null;
  /** The node's own date (a statement's, a response's); else the document's. */
  date?: string | null;
  /** The title of the part the node is in (a transcript inside an agenda
   *  pack), when it differs from the source file's title. */
  part?: string | null;
  /** A quote to prefer among the sources: a response's justifying sentence. */
  prefer?: string | null;
}

/** The plain-text citation for one source of a node. */
export function citationText(props: CiteProps, source: Provenance | undefined): string {
  const lines: string[] = [];
  if (source) lines.push(`“${source.quote.trim()}”`);
  const date = formatDate(props.date ?? source?.document?.date);
  // The date goes with who said it; without a speaker, with the document.
  if (props.speaker) lines.push(`— ${props.speaker}${date ? `, ${date}` : ""}`);
  const where: string[] = [];
  // Titles taken from a salutation ("Letter: Dear Susan,") lose their end
  // punctuation, so the citation's own commas read cleanly.
  const title = tidy(source?.document?.title ?? source?.documentId);
  const part = tidy(props.part);
  if (part && part !== title) where.push(title ? `${part}, in ${title}` : part);
  else if (title) where.push(title);
  if (date && !props.speaker) where.push(date);
  if (source) where.push(linesLabel(source));
  if (where.length) lines.push(`${where.join(", ")}.`);
  lines.push(props.iri);
  return lines.join("\n");
}

function tidy(title: string | null | undefined): string | undefined {
  return title?.trim().replace(/[\s,;:]+$/, "") || undefined;
}

/** Which source to cite first: the one holding the preferred quote, else the first. */
function firstChoice(props: CiteProps): number {
  const prefer = props.prefer?.trim();
  if (prefer) {
    const at = props.sources.findIndex((s) => s.quote.includes(prefer));
    if (at >= 0) return at;
  }
  return 0;
}

type CopyState = "" | "copied" | "link-copied" | "selected";

export function Cite(props: CiteProps) {
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState(() => firstChoice(props));
  const [copied, setCopied] = useState<CopyState>("");
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const textRef = useRef<HTMLPreElement>(null);
  const linkRef = useRef<HTMLInputElement>(null);

  const source = props.sources[choice] ?? props.sources[0];
  const text = citationText(props, source);

  // Focus the citation when the panel opens, so a keyboard user is in it.
  useEffect(() => {
    if (open) textRef.current?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    setCopied("");
    buttonRef.current?.focus();
  };

  const copyText = async () => {
    if (await writeClipboard(text)) return setCopied("copied");
    // No clipboard (an insecure origin, a refused permission): select the
    // text so Ctrl+C / long-press copies it.
    if (textRef.current) selectContents(textRef.current);
    setCopied(document.execCommand?.("copy") ? "copied" : "selected");
  };

  const copyLink = async () => {
    if (await writeClipboard(props.iri)) return setCopied("link-copied");
    linkRef.current?.select();
    setCopied(document.execCommand?.("copy") ? "link-copied" : "selected");
  };

  return (
    <span className="cite">
      <button
        type="button"
        ref={buttonRef}
        data-testid="cite"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => (open ? close() : setOpen(true))}
      >
        Cite
      </button>
      {open ? (
        <div
          className="cite-panel"
          id={panelId}
          role="group"
          aria-label="Citation"
          onKeyDown={(e) => {
            if (e.key === "Escape") close();
          }}
        >
          {props.sources.length > 1 ? (
            <label className="cite-choice">
              Cite{" "}
              <select value={choice} onChange={(e) => setChoice(Number(e.target.value))}>
                {props.sources.map((s, i) => (
                  <option key={i} value={i}>
                    source {i + 1} of {props.sources.length}: {linesLabel(s)}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <pre className="citation" data-testid="citation-text" tabIndex={-1} ref={textRef}>
            {text}
          </pre>
          <input className="cite-link" ref={linkRef} readOnly value={props.iri} aria-label="The node's permanent link" />
          <div className="cite-actions">
            <button type="button" onClick={copyText}>
              Copy
            </button>
            <button type="button" onClick={copyLink}>
              Copy link
            </button>
            <button type="button" onClick={close}>
              Close
            </button>
            <span className="cite-status" role="status">
              {copied === "copied"
                ? "Citation copied."
                : copied === "link-copied"
                  ? "Link copied."
                  : copied === "selected"
                    ? "Selected: press Ctrl+C (⌘C) to copy."
                    : ""}
            </span>
          </div>
        </div>
      ) : null}
    </span>
  );
}

async function writeClipboard(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function selectContents(el: HTMLElement) {
  const range = document.createRange();
  range.selectNodeContents(el);
  const selection = getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}
