'use client';

import dynamic from 'next/dynamic';

/**
 * The editor renders in the browser only: it needs IndexedDB and a WebSocket, and keeping Yjs out
 * of the server render keeps one Yjs per server process (see lib/editor/server-yjs.ts).
 */
export const NotesEditorClient = dynamic(() => import('./notes-editor').then((m) => m.NotesEditor), {
  ssr: false,
  loading: () => (
    <div
      className="h-[60vh] animate-pulse rounded-xl bg-white shadow-sm ring-1 ring-stone-200"
      aria-busy="true"
      aria-label="Opening the notes"
    />
  ),
});
