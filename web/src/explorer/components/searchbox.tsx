// The search box in the header, on every page. Enter goes to
// #/search?q=…; on the search page itself the filters chosen are kept, so
// refining the words does not lose them. "/" anywhere focuses it.

import { useEffect, useRef, useState, type FormEvent } from "react";
import { href, navigate, type Route } from "../router";

export function SearchBox(props: { route: Route }) {
  const { route } = props;
  const routeQ = route.view === "search" ? (route.params.get("q") ?? "") : "";
  const [q, setQ] = useState(routeQ);
  const input = useRef<HTMLInputElement>(null);

  // Follow the URL: back/forward between searches shows each one's words.
  useEffect(() => setQ(routeQ), [routeQ]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const params: Record<string, string> = {};
    if (route.view === "search") for (const [k, v] of route.params) params[k] = v;
    params.q = q.trim();
    navigate(href("search", "", params));
  };

  return (
    <form className="search-box" role="search" onSubmit={submit}>
      <input
        ref={input}
        type="search"
        name="q"
        data-testid="search-input"
        aria-label="Search the record"
        placeholder='Search, e.g. vetting, "stop and search"   ( / )'
        value={q}
        onChange={(e) => setQ(e.target.value)}
        autoComplete="off"
        enterKeyHint="search"
      />
      <button type="submit">Search</button>
    </form>
  );
}
