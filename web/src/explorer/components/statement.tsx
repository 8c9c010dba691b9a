// One statement (a transcript turn, a reported claim): who, where, what was
// said, with a link to its page, its source lines and a Cite button.

import { useState } from "react";
import { Cite } from "../cite";
import type { StatementItem } from "../fragments";
import { formatDate, paragraphs } from "../format";
import { nodeHref } from "../router";
import { NodeLink } from "./links";
import { SourceRef } from "./provenance";

/** Turns longer than this show their opening and a "Read the whole turn" button. */
const LONG = 900;

export function StatementView(props: {
  s: StatementItem;
  /** Show the speaker (off on a person's own page). */
  speaker?: boolean;
  /** Show the meeting and date (off on a meeting's transcript). */
  meeting?: boolean;
  /** Show the agenda item (off when the list is already grouped by item). */
  item?: boolean;
}) {
  const { s } = props;
  const [full, setFull] = useState(false);
  const text = s.text ?? "";
  const long = text.length > LONG;
  const shown = long && !full ? `${text.slice(0, text.lastIndexOf(" ", LONG))}…` : text;
  const speakerName = s.speaker?.name ?? s.speakerLabel ?? "Unknown speaker";
  const citedSpeaker = s.role ? `${speakerName} (${s.role})` : speakerName;
  return (
    <article className="statement" data-testid="statement">
      <header className="statement-head">
        {props.speaker !== false ? (
          <span className="speaker">
            {s.speaker ? <NodeLink node={s.speaker} /> : <span>{speakerName}</span>}
            {s.role ? <span className="role">, {s.role}</span> : null}
            {s.organisation ? (
              <span className="role">
                {" "}
                (<NodeLink node={s.organisation} />)
              </span>
            ) : null}
          </span>
        ) : s.role ? (
          <span className="role">As {s.role}</span>
        ) : null}
        {props.meeting !== false && (s.meeting || s.date) ? (
          <span className="muted">
            {s.meeting ? <NodeLink node={s.meeting} /> : formatDate(s.date)}
          </span>
        ) : null}
        {props.item !== false && s.agendaItem ? (
          <span className="muted">
            <NodeLink node={{ id: s.agendaItem.id, name: `Item ${s.agendaItem.number ?? "?"}: ${s.agendaItem.title ?? ""}` }} />
          </span>
        ) : null}
        {!s.verbatim ? <span className="badge kind">reported</span> : null}
      </header>
      <div className="statement-text">
        {paragraphs(shown).map((p, i) => (
          <p key={i}>{p}</p>
        ))}
        {long ? (
          <button type="button" className="link-button" onClick={() => setFull(!full)} aria-expanded={full}>
            {full ? "Show less" : "Read the whole turn"}
          </button>
        ) : null}
      </div>
      <footer className="actions">
        <a href={nodeHref(s.id)}>{s.ordinal ? `Turn ${s.ordinal}` : "Statement page"}</a>
        <SourceRef sources={s.provenance} />
        <Cite
          iri={s.iri}
          sources={s.provenance}
          speaker={citedSpeaker}
          date={s.date}
          part={s.document?.title}
        />
      </footer>
    </article>
  );
}
