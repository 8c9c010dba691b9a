// Deep links: every view is a hash route, so a URL can be shared, the back
// button works, and the server needs no fallback route (the paths beside
// `/` belong to the API: /graphql, /id/, /source/, /csv/ …).
//
//   #/                         home: the search box
//   #/search?q=…&kind=…&speaker=…&organisation=…&meeting=…&report=…&from=…&to=…
//   #/node/{key}               a node's page (person, meeting, report, organisation, any other)
//   #/source/{documentId}?from=N&to=M   a source document, lines N–M highlighted
//   #/graph/{key}?to={key}     the neighbourhood of a node; with `to`, the path between them
//   #/upload                   add documents (needs the write token)
//   #/reports?kind=…           reports, then documents (of one kind)
//   #/meetings?body=…&from=…&to=…   meetings in date order
//   #/people?name=…            people, by name or alias
//   #/organisations            organisations

import { useEffect, useState } from "react";

export interface Route {
  /** The first path segment: "", "search", "node", "source", "graph", "upload". */
  view: string;
  /** The rest of the path, decoded ("person/susan-hall" for #/node/person/susan-hall). */
  rest: string;
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const text = hash.replace(/^#\/?/, "");
  const [path, query = ""] = splitOnce(text, "?");
  const [view, rest = ""] = splitOnce(path, "/");
  return { view, rest: safeDecode(rest), params: new URLSearchParams(query) };
}

/** The hash for a view: `href("node", "person/x")`, `href("search", "", {q: "vetting"})`. */
export function href(view: string, rest = "", params: Record<string, string | number | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") query.set(k, String(v));
  const tail = query.toString();
  const path = rest ? `${view}/${rest.split("/").map(encodeURIComponent).join("/")}` : view;
  return `#/${path}${tail ? `?${tail}` : ""}`;
}

export const nodeHref = (key: string) => href("node", key);
export const sourceHref = (documentId: string, from?: number, to?: number) => href("source", documentId, { from, to });

/** Goes to a hash route (a new history entry). */
export function navigate(hash: string) {
  if (location.hash !== hash) location.hash = hash;
}

/** The current route, re-rendered on every hash change. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(location.hash));
    addEventListener("hashchange", onChange);
    return () => removeEventListener("hashchange", onChange);
  }, []);
  return route;
}

function splitOnce(text: string, sep: string): [string, string?] {
  const at = text.indexOf(sep);
  return at < 0 ? [text] : [text.slice(0, at), text.slice(at + 1)];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
