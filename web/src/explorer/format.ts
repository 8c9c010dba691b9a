// Small text helpers shared by every page: dates, line ranges, counts.

import type { Provenance } from "./api";

const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

/** "2023-03-08" → "8 March 2023", as the documents themselves write dates. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const month = MONTHS[Number(m[2]) - 1];
  return month ? `${Number(m[3])} ${month} ${m[1]}` : iso;
}

/** Today as an ISO date in local time, for "meetings up to now". */
export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * Where a span is, as a citation says it: "p. 14, lines 3–9" for a PDF
 * (page lines), "lines 120–124" otherwise. Always a range with an en dash,
 * even for one line, so every citation reads the same way.
 */
export function linesLabel(p: Pick<Provenance, "firstLine" | "lastLine" | "page" | "pageLine">): string {
  if (p.page != null) {
    // The page line of the last line is not given: a span is counted
    // on from the first, which is right unless it crosses a page break.
    const first = p.pageLine ?? p.firstLine;
    const last = first + (p.lastLine - p.firstLine);
    return `p. ${p.page}, lines ${first}–${last}`;
  }
  return `lines ${p.firstLine}–${p.lastLine}`;
}

/** "1 statement", "3 statements". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

/** "speakerLabel" → "Speaker label", for field names shown as labels. */
export function humanize(field: string): string {
  const words = field.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Splits text into paragraphs on blank lines, as statements store them. */
export function paragraphs(text: string | null | undefined): string[] {
  if (!text) return [];
  return text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
}

/** Cuts text at a word boundary near `max` characters. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(" ", max);
  return `${text.slice(0, cut > max * 0.6 ? cut : max)}…`;
}
