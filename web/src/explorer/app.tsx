// The explorer's shell: header (name, search box, navigation) and the main
// area, which shows the page the hash route names (see router.ts).

import { Component, lazy, Suspense, useLayoutEffect, useRef, type ReactNode } from "react";
import { useRoute, type Route } from "./router";
import { SearchBox } from "./components/searchbox";
import { Loading } from "./components/status";
import { HomePage } from "./pages/home";
import { SearchPage } from "./pages/search";
import { SourcePage } from "./pages/source";
import { NodePage } from "./pages/node";
import { UploadPage } from "./pages/upload";
import { ReportsPage } from "./pages/reports";
import { MeetingsPage } from "./pages/meetings";
import { PeoplePage } from "./pages/people";
import { OrganisationsPage } from "./pages/organisations";
import { useTitle } from "./hooks";

// The graph view draws with cytoscape, the one large dependency: loaded
// only when a graph is asked for, so the first page stays small.
const GraphPage = lazy(() => import("./pages/graph"));

const NAV: [string, string, string][] = [
  // [label, href, the route view it marks as current]
  ["Search", "#/search", "search"],
  ["Reports", "#/reports", "reports"],
  ["Meetings", "#/meetings", "meetings"],
  ["People", "#/people", "people"],
  ["Organisations", "#/organisations", "organisations"],
  ["Upload", "#/upload", "upload"],
];

export function App() {
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  // A page that failed is tried afresh on the next view (not on a change
  // of its own parameters, which must not reset the search page's state).
  const place = `${route.view}/${route.rest}`;

  // A new view starts at its top (the source view scrolls to its lines itself).
  useLayoutEffect(() => {
    if (route.view !== "source") scrollTo(0, 0);
  }, [route.view, route.rest]);

  return (
    <>
      <button type="button" className="skip-link" onClick={() => main.current?.focus()}>
        Skip to content
      </button>
      <header className="site-header">
        <div className="site-header-inner">
          <a className="brand" href="#/">
            Scrutiny
          </a>
          <SearchBox route={route} />
          <nav aria-label="Main">
            <ul>
              {NAV.map(([label, link, view]) => (
                <li key={view}>
                  <a href={link} aria-current={route.view === view ? "page" : undefined}>
                    {label}
                  </a>
                </li>
              ))}
              <li>
                <a href="/graphiql">GraphiQL</a>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <ErrorBoundary key={place}>
          <Page route={route} />
        </ErrorBoundary>
      </main>
    </>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.view) {
    case "":
      return <HomePage />;
    case "search":
      return <SearchPage params={route.params} />;
    case "node":
      return <NodePage key={route.rest} id={route.rest} />;
    case "source":
      return <SourcePage key={`${route.rest}?${route.params}`} documentId={route.rest} params={route.params} />;
    case "graph":
      return (
        <Suspense fallback={<Loading what="the graph" />}>
          <GraphPage id={route.rest} to={route.params.get("to") ?? undefined} />
        </Suspense>
      );
    case "upload":
      return <UploadPage />;
    case "reports":
      return <ReportsPage params={route.params} />;
    case "meetings":
      return <MeetingsPage params={route.params} />;
    case "people":
      return <PeoplePage params={route.params} />;
    case "organisations":
      return <OrganisationsPage />;
    default:
      return <NotFound />;
  }
}

function NotFound() {
  useTitle("Not found");
  return (
    <>
      <h1>No such page</h1>
      <p>
        This address names no view of the explorer. <a href="#/">Start from the home page</a>.
      </p>
    </>
  );
}

/** A page that throws while rendering shows a message, not a blank screen. */
class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="error" role="alert">
        <h1>This page could not be shown</h1>
        <p>{this.state.error.message}</p>
      </div>
    );
  }
}
