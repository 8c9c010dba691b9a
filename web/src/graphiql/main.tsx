// GraphiQL from its npm package, talking to this server's /graphql: the
// page works with no network beyond the host that serves it.
import { createRoot } from "react-dom/client";
import { GraphiQL } from "graphiql";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import "graphiql/style.css";

const fetcher = createGraphiQLFetcher({ url: new URL("/graphql", location.href).toString() });

const defaultQuery = `# Scrutiny's GraphQL API. The explorer is at /, these docs in the panel on the left.
{
  search(query: "vetting", first: 3) {
    totalCount
    edges { node { kind snippet { text highlighted } source { documentId firstLine lastLine quote } } }
  }
}
`;

createRoot(document.getElementById("graphiql")!).render(
  <GraphiQL fetcher={fetcher} defaultQuery={defaultQuery} />,
);
