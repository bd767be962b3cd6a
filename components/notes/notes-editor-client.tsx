'use client';

import { lazy, Suspense, useEffect, useSyncExternalStore, type ComponentProps } from 'react';
import { mark } from '@/lib/browser/mark';

const loadEditor = () => import('./notes-editor');

// Ask for the editor chunk as soon as this module runs in the browser, not when React first
// renders the lazy component (after hydration).
if (typeof window !== 'undefined') {
  mark('client-module');
  void loadEditor().catch(() => undefined);
}

// React.lazy rather than next/dynamic: the same loading, without next/dynamic's own code on the page.
const NotesEditor = lazy(() => loadEditor().then((m) => ({ default: m.NotesEditor })));

const subscribeNever = () => () => undefined;

/** False in the server render and while hydrating, true once the page runs in the browser. */
function useInBrowser(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}

function EditorPlaceholder() {
  return (
    <div
      className="h-[60vh] animate-pulse rounded-xl bg-white shadow-sm ring-1 ring-stone-200"
      aria-busy="true"
      aria-label="Opening the notes"
    />
  );
}

/**
 * The editor renders in the browser only: it needs IndexedDB and a WebSocket, and keeping Yjs out
 * of the server render keeps one Yjs per server process (see lib/editor/server-yjs.ts).
 */
export function NotesEditorClient(props: ComponentProps<typeof NotesEditor>) {
  useEffect(() => mark('hydrated'), []);
  if (!useInBrowser()) return <EditorPlaceholder />;
  return (
    <Suspense fallback={<EditorPlaceholder />}>
      <NotesEditor {...props} />
    </Suspense>
  );
}
