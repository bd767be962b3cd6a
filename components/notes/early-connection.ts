'use client';

import { CollabConnection } from './collab-connection';
import { CONNECTION_START_ATTRIBUTE, type ConnectionStart } from './connection-start';
import { localCopyName } from './device-copies';

// The notes' connection (the local copy in IndexedDB, the WebSocket and its first sync) opens as
// soon as the page's first notes module runs, from what the server wrote into the page, rather
// than after the editor's code was evaluated and React hydrated the page: on a cold start both
// took ~100 ms each after hydration, side by side with creating the editor.

let early: { key: string; conn: CollabConnection } | null = null;

const keyOf = (s: ConnectionStart) => JSON.stringify([s.sessionId, s.docName, s.viewerId, s.canEdit]);

function open(start: ConnectionStart): CollabConnection {
  return new CollabConnection({
    sessionId: start.sessionId,
    docName: start.docName,
    canEdit: start.canEdit,
    localName: localCopyName(start.viewerId, start.docName),
    initialGrant: start.grant,
  });
}

/** Opens the connection of the notes whose placeholder is in the page already, if any. */
export function openEarlyFromPage(): void {
  const json = document.querySelector(`[${CONNECTION_START_ATTRIBUTE}]`)?.getAttribute(CONNECTION_START_ATTRIBUTE);
  if (!json || early) return;
  try {
    const start = JSON.parse(json) as ConnectionStart;
    early = { key: keyOf(start), conn: open(start) };
  } catch {
    // not what the server writes: the editor opens its connection when it mounts
  }
}

/** The connection opened early for these notes (once), or a new one; the caller destroys it. */
export function takeConnection(start: ConnectionStart): CollabConnection {
  const found = early;
  early = null;
  if (found && found.key === keyOf(start)) return found.conn;
  found?.conn.destroy();
  return open(start);
}
