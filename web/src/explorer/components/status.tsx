// Loading and error states, the same on every page.

import type { ApiError } from "../api";

export function Loading(props: { what?: string }) {
  return (
    <p className="loading" role="status">
      Loading{props.what ? ` ${props.what}` : ""}…
    </p>
  );
}

/** Words for the server's error codes, before its own message. */
const CODE_WORDS: Record<string, string> = {
  LIMIT_EXCEEDED: "Too large a request",
  BAD_USER_INPUT: "The request could not be read",
  NOT_FOUND: "Not found",
  UNAUTHENTICATED: "The write token was refused",
  FORBIDDEN: "Not allowed",
};

/** An error as a readable message, never a crash or a blank page. */
export function ErrorBox(props: { error: ApiError | Error | null; title?: string }) {
  if (!props.error) return null;
  const code = (props.error as ApiError).code;
  const title = props.title ?? (code && CODE_WORDS[code]) ?? "Something went wrong";
  return (
    <div className="error" role="alert">
      <strong>{title}.</strong> {props.error.message}
      {code ? <span className="error-code"> ({code})</span> : null}
    </div>
  );
}
