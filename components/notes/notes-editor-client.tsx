'use client';

import dynamic from 'next/dynamic';

const loadEditor = () => import('./notes-editor');

// next/dynamic without server rendering does not preload its chunk: it would be asked for only
// when React renders the placeholder. Ask for it as soon as this module runs in the browser.
if (typeof window !== 'undefined') void loadEditor().catch(() => undefined);

/**
 * The editor renders in the browser only: it needs IndexedDB and a WebSocket, and keeping Yjs out
 * of the server render keeps one Yjs per server process (see lib/editor/server-yjs.ts).
 */
export const NotesEditorClient = dynamic(() => loadEditor().then((m) => m.NotesEditor), {
  ssr: false,
  loading: () => (
    <div
      className="h-[60vh] animate-pulse rounded-xl bg-white shadow-sm ring-1 ring-stone-200"
      aria-busy="true"
      aria-label="Opening the notes"
    />
  ),
});
