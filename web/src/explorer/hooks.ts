// Data hooks over `gql`: one query, or a Relay connection read page by page.
// A change of variables aborts the request in flight, so a fast typist or
// a quick back-and-forth never sees an older answer overwrite a newer one.

import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, gql } from "./api";

export interface QueryState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
}

/** Runs `query` whenever it or `variables` change; `skip` holds it back. */
export function useQuery<T>(query: string, variables: Record<string, unknown> = {}, skip = false): QueryState<T> {
  const key = JSON.stringify(variables);
  const [state, setState] = useState<QueryState<T>>({ data: null, error: null, loading: !skip });
  useEffect(() => {
    if (skip) return;
    const controller = new AbortController();
    setState({ data: null, error: null, loading: true });
    gql<T>(query, JSON.parse(key), controller.signal).then(
      (data) => setState({ data, error: null, loading: false }),
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setState({ data: null, error: toApiError(e), loading: false });
      },
    );
    return () => controller.abort();
  }, [query, key, skip]);
  return state;
}

export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError(e instanceof Error ? e.message : String(e));
}

/** The part of a Relay connection the pages read. */
export interface Connection<N> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: N }[];
}

export interface ConnectionState<N> {
  items: N[];
  totalCount: number | null;
  hasMore: boolean;
  loading: boolean;
  error: ApiError | null;
  loadMore: () => void;
}

/**
 * Reads a connection a page at a time: `pick` finds the connection in the
 * answer; `loadMore` appends the next page (by `after` cursor). The list
 * starts over when `query` or `variables` change.
 */
export function useConnection<T, N>(
  query: string,
  variables: Record<string, unknown>,
  pick: (data: T) => Connection<N>,
  skip = false,
): ConnectionState<N> {
  const key = JSON.stringify(variables);
  const [items, setItems] = useState<N[]>([]);
  const [totalCount, setTotal] = useState<number | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(!skip);
  const [error, setError] = useState<ApiError | null>(null);
  // `pick` is usually an inline arrow: keep the latest without re-running.
  const pickRef = useRef(pick);
  pickRef.current = pick;
  const controllerRef = useRef<AbortController | null>(null);

  const fetchPage = useCallback(
    (after: string | null, append: boolean) => {
      controllerRef.current?.abort();
      const controller = new AbortController();
      controllerRef.current = controller;
      setLoading(true);
      setError(null);
      gql<T>(query, { ...JSON.parse(key), after }, controller.signal).then(
        (data) => {
          const conn = pickRef.current(data);
          const nodes = conn.edges.map((e) => e.node);
          setItems((old) => (append ? [...old, ...nodes] : nodes));
          setTotal(conn.totalCount);
          setCursor(conn.pageInfo.endCursor);
          setHasMore(conn.pageInfo.hasNextPage);
          setLoading(false);
        },
        (e: unknown) => {
          if (controller.signal.aborted) return;
          setError(toApiError(e));
          setLoading(false);
        },
      );
    },
    [query, key],
  );

  useEffect(() => {
    if (skip) return;
    setItems([]);
    setTotal(null);
    setHasMore(false);
    fetchPage(null, false);
    return () => controllerRef.current?.abort();
  }, [fetchPage, skip]);

  const loadMore = useCallback(() => {
    if (cursor) fetchPage(cursor, true);
  }, [cursor, fetchPage]);

  return { items, totalCount, hasMore, loading, error, loadMore };
}

/** Sets the tab's title while a page is shown. */
export function useTitle(title: string | null | undefined) {
  useEffect(() => {
    document.title = title ? `${title} — Scrutiny` : "Scrutiny";
  }, [title]);
}
