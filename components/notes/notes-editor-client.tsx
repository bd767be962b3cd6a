'use client';

import { useEffect, useSyncExternalStore, type ComponentProps } from 'react';
import { mark } from '@/lib/browser/mark';
import { CONNECTION_START_ATTRIBUTE, type ConnectionStart } from './connection-start';
import type * as EarlyConnectionModule from './early-connection';
import type * as EditorModule from './notes-editor';

// In the browser the editor is one of this page's own scripts, so the page's HTML asks for its
// code at once, beside React's, instead of this module asking for it after the framework has
// started (a lazy chunk was fetched ~250 ms later and only then evaluated). The server never
// loads it: `typeof window` is a build-time constant there, and the bundler leaves the require
// out of the server bundle, so Yjs stays out of the server render (see lib/editor/server-yjs.ts).
// The connection opens first (early-connection.ts), so the socket and IndexedDB work while the
// editor's code is evaluated and the page hydrates.
let editorModule: typeof EditorModule | null = null;
if (typeof window !== 'undefined') {
  mark('client-module');
  /* eslint-disable @typescript-eslint/no-require-imports -- browser only, see above */
  (require('./early-connection') as typeof EarlyConnectionModule).openEarlyFromPage();
  editorModule = require('./notes-editor') as typeof EditorModule;
  /* eslint-enable @typescript-eslint/no-require-imports */
}

const subscribeNever = () => () => undefined;

/** False in the server render and while hydrating, true once the page runs in the browser. */
function useInBrowser(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}

function EditorPlaceholder({ start }: { start: ConnectionStart }) {
  return (
    <div
      {...{ [CONNECTION_START_ATTRIBUTE]: JSON.stringify(start) }}
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
export function NotesEditorClient(props: ComponentProps<typeof EditorModule.NotesEditor>) {
  useEffect(() => mark('hydrated'), []);
  const inBrowser = useInBrowser();
  if (!inBrowser || !editorModule) {
    const start: ConnectionStart = {
      sessionId: props.sessionId,
      docName: props.docName,
      viewerId: props.viewer?.id ?? null,
      canEdit: props.canEdit,
      grant: props.initialGrant ?? null,
    };
    return <EditorPlaceholder start={start} />;
  }
  const { NotesEditor } = editorModule;
  return <NotesEditor {...props} />;
}
