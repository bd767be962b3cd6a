/** What POST /api/sessions/{id}/collab-token answers: shared by the route and the browser's connection. */
export interface CollabTokenGrant {
  token: string;
  /** WebSocket base URL to hand y-websocket's provider (the document name is appended by it). */
  url: string;
  docName: string;
  readOnly: boolean;
  expiresAt: string;
}
