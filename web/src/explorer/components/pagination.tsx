// "Show more" for a Relay connection read with useConnection: the next page
// is appended below, so the reader keeps their place and the URL stays the
// one they can share.

import type { ConnectionState } from "../hooks";
import { ErrorBox, Loading } from "./status";

export function MoreButton<N>(props: { conn: ConnectionState<N>; label?: string }) {
  const { conn } = props;
  return (
    <div className="more">
      <ErrorBox error={conn.error} />
      {conn.loading ? (
        <Loading />
      ) : conn.hasMore ? (
        <button type="button" onClick={conn.loadMore}>
          {props.label ?? "Show more"}
          {conn.totalCount != null ? ` (${conn.items.length} of ${conn.totalCount.toLocaleString("en-GB")} shown)` : ""}
        </button>
      ) : null}
    </div>
  );
}
