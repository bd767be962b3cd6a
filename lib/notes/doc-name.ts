// A session's notes live in the Yjs document `session:<sessionId>`.
const PREFIX = 'session:';
const ID = /^[a-z0-9]{10,40}$/;

export function docNameForSession(sessionId: string): string {
  return PREFIX + sessionId;
}

/** The session id a document name refers to, or null for anything that is not a notes document. */
export function sessionIdFromDocName(docName: string): string | null {
  if (!docName.startsWith(PREFIX)) return null;
  const id = docName.slice(PREFIX.length);
  return ID.test(id) ? id : null;
}
