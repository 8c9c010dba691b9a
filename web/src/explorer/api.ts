// The explorer's one way to the server: GraphQL over POST /graphql.
// (Uploads go to POST /ingest, see pages/upload.tsx.)

/** A GraphQL error as the server sends it: a message and a code. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** Runs `query` with `variables`; resolves to `data`, rejects with the first error. */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    throw new ApiError("The server cannot be reached.");
  }
  let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The server answered ${response.status} without a GraphQL body.`);
  }
  if (body.errors?.length) {
    const first = body.errors[0];
    throw new ApiError(first.message, first.extensions?.code);
  }
  if (!body.data) throw new ApiError("The server answered without data.");
  return body.data;
}

/** Where a node or edge comes from (GraphQL `Provenance`). */
export interface Provenance {
  documentId: string;
  firstLine: number;
  lastLine: number;
  quote: string;
  page: number | null;
  pageLine: number | null;
  document: { id: string; title: string; date: string | null; iri: string } | null;
}

/** The GraphQL selection that fills a `Provenance`. */
export const PROVENANCE = `documentId firstLine lastLine quote page pageLine document { id title date iri }`;
