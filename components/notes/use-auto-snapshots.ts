'use client';

import { useEffect } from 'react';
import type { CollabConnection } from './collab-connection';

/** Every this often, while someone here has been typing, the server records an automatic version. */
export const AUTO_SNAPSHOT_EVERY_MS = 10 * 60_000;

function request(sessionId: string, reason: 'interval' | 'slot-end' | 'leave'): void {
  const url = `/api/sessions/${encodeURIComponent(sessionId)}/versions`;
  const body = JSON.stringify({ kind: 'AUTO', reason });
  if (reason === 'leave' && typeof navigator.sendBeacon === 'function') {
    navigator.sendBeacon(url, new Blob([body], { type: 'application/json' }));
    return;
  }
  void fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' }, credentials: 'same-origin' }).catch(() => undefined);
}

/**
 * Automatic versions are asked for by the editors' browsers (every 10 minutes of activity, at the
 * end of the slot, when leaving after edits) and taken by the server from its own copy; the
 * server skips them when nothing changed or one was taken moments ago, so many browsers asking
 * at once still make one version.
 */
export function useAutoSnapshots({ sessionId, conn, enabled, slotEndsAt }: { sessionId: string; conn: CollabConnection; enabled: boolean; slotEndsAt: string | null }): void {
  useEffect(() => {
    if (!enabled) return;
    let editedSinceSnapshot = false;
    const onUpdate = (_u: Uint8Array, origin: unknown) => {
      if (origin !== conn.provider) editedSinceSnapshot = true;
    };
    conn.doc.on('update', onUpdate);
    const interval = setInterval(() => {
      if (!editedSinceSnapshot || !navigator.onLine) return;
      editedSinceSnapshot = false;
      request(sessionId, 'interval');
    }, AUTO_SNAPSHOT_EVERY_MS);
    let slotTimer: ReturnType<typeof setTimeout> | null = null;
    const untilEnd = slotEndsAt ? new Date(slotEndsAt).getTime() - Date.now() : -1;
    if (untilEnd > 0 && untilEnd < 24 * 3600_000) slotTimer = setTimeout(() => request(sessionId, 'slot-end'), untilEnd + 5_000);
    const onLeave = () => {
      if (editedSinceSnapshot) request(sessionId, 'leave');
      editedSinceSnapshot = false;
    };
    window.addEventListener('pagehide', onLeave);
    return () => {
      conn.doc.off('update', onUpdate);
      clearInterval(interval);
      if (slotTimer) clearTimeout(slotTimer);
      window.removeEventListener('pagehide', onLeave);
    };
  }, [sessionId, conn, enabled, slotEndsAt]);
}
