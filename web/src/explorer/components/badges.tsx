// Small labels: a node's kind, a response's stance, an attendance status.
// Colour is never the only signal: every badge says its word too.

/** Stances and the colour family each takes (see .stance-* in styles.css). */
const STANCE_TONE: Record<string, string> = {
  accepted: "good",
  "accepted-in-part": "partial",
  "accepted-in-principle": "partial",
  "under-consideration": "pending",
  noted: "neutral",
  redirected: "neutral",
  rejected: "bad",
  "not-addressed": "bad",
};

export function StanceBadge(props: { stance: string | null | undefined }) {
  const stance = props.stance ?? "unknown";
  const tone = STANCE_TONE[stance] ?? "neutral";
  return (
    <span className={`badge stance stance-${tone}`} title="The response's stance">
      {stance.replace(/-/g, " ")}
    </span>
  );
}

export function KindBadge(props: { kind: string }) {
  return <span className={`badge kind kind-${props.kind.replace(/[^a-z]/gi, "")}`}>{props.kind}</span>;
}

export function StatusBadge(props: { status: string | null | undefined }) {
  if (!props.status) return null;
  return <span className={`badge status status-${props.status.replace(/[^a-z]/gi, "")}`}>{props.status}</span>;
}
