// WebSocket close codes of the collab server, shared with the editor client. The stock
// y-websocket provider stops reconnecting on 4400-4499 (permanent: fetch a new token or give
// up) and retries everything else with back-off.

export const CollabCloseCode = {
  /** Server shutting down or restarting: reconnect. */
  normal: 1000,
  /** Message larger than COLLAB_MAX_MESSAGE_BYTES (sent by the ws library itself). */
  messageTooBig: 1009,
  /** Not a binary frame, unknown message type, undecodable message or invalid Yjs update. */
  badMessage: 4400,
  /**
   * An update would put content the notes editor does not allow into the document (unknown node,
   * text where none may go, a disallowed attribute, mark or link) or set a field clients may not
   * set (meta.schemaVersion): nothing of it is kept or forwarded. Permanent: the client is out of
   * step with this server's editor (or hostile); reload.
   */
  schemaViolation: 4422,
  /** Access revoked or reduced while connected: fetch a new token, then reconnect. */
  accessRevoked: 4403,
  /** The document would exceed COLLAB_MAX_DOC_BYTES. */
  documentTooLarge: 4413,
  /** More messages than the per-user rate limit allows. */
  rateLimited: 4429,
  /**
   * The database has been unavailable long enough that this server's buffer of unsaved edits is
   * full (COLLAB_MAX_UNSAVED_BYTES): the edit was not taken. It stays in the editor and is sent
   * again on reconnect.
   */
  storageUnavailable: 4503,
  /** The server had to reload the document; reconnect and resync. */
  reload: 4500,
  /** The socket fell too far behind (slow consumer); reconnect and resync. */
  slowConsumer: 4508,
} as const;

export type CollabCloseCodeName = keyof typeof CollabCloseCode;
