'use client';

import Collaboration, { isChangeOrigin } from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions/placeholder'; // not the package's index: it pulls in all its extensions
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import { lazy, Suspense, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Doc as YDoc } from 'yjs';
import type { CollabTokenGrant } from '@/lib/collab/collab-grant';
import { notesExtensions } from '@/lib/editor/extensions';
import { mark } from '@/lib/browser/mark';
import { loadMarkdownWhenIdle } from '@/lib/editor/lazy-markdown';
import { isDocNewerThanEditor, NOTES_FRAGMENT, NOTES_META, stampSchemaVersion } from '@/lib/editor/schema-version';
import { colorForUser } from '@/lib/notes/presence';
import type { CollabConnection, ConnectionState } from './collab-connection';
import { ConnectionStatus } from './connection-status';
import { foldKey } from './device-copies';
import { takeConnection } from './early-connection';
import { NotesToolbar } from './notes-toolbar';
import { PresenceAvatars } from './presence-avatars';
import { usePresence } from './use-presence';
import './notes-editor.css';

export interface NotesEditorProps {
  sessionId: string;
  docName: string;
  /** The signed-in person, or null for an anonymous reader. */
  viewer: { id: string; name: string } | null;
  canEdit: boolean;
  canRestore: boolean;
  /** End of the session's slot (ISO), when scheduled: an automatic snapshot is taken then. */
  slotEndsAt: string | null;
  /** The collab token the page came with (signed-in viewers), so the first connection need not ask. */
  initialGrant?: CollabTokenGrant | null;
}

declare global {
  interface Window {
    /** Set only when localStorage `hallway:debug` is "1" (browser tests read the document through it). */
    __hallwayEditor?: Editor;
    /** The shared document, under the same condition. */
    __hallwayDoc?: YDoc;
  }
}

mark('editor-module');

// The history drawer (a dialog, a preview editor) loads when first opened, not with the page.
const HistoryPanel = lazy(() => import('./history-panel').then((m) => ({ default: m.HistoryPanel })));

/** The live notes editor of one session. */
export function NotesEditor(props: NotesEditorProps) {
  const [conn, setConn] = useState<CollabConnection | null>(null);
  // The page's token serves the first connection only: a later one (other viewer, refresh) asks.
  const pageGrant = useRef(props.initialGrant ?? null);
  useEffect(() => {
    const grant = pageGrant.current;
    pageGrant.current = null;
    const c = takeConnection({
      sessionId: props.sessionId,
      docName: props.docName,
      viewerId: props.viewer?.id ?? null,
      canEdit: props.canEdit,
      grant,
    });
    setConn(c);
    return () => c.destroy();
  }, [props.sessionId, props.docName, props.canEdit, props.viewer?.id]);
  if (!conn)
    return (
      <EditorFrame>
        <p className="px-6 py-8 text-stone-500">Opening the notes…</p>
      </EditorFrame>
    );
  return <LiveEditor key={conn.doc.guid} conn={conn} {...props} />;
}

function EditorFrame({
  children,
  toolbar,
  status,
}: {
  children: React.ReactNode;
  toolbar?: React.ReactNode;
  status?: React.ReactNode;
}) {
  return (
    <div className="overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-stone-200">
      {(toolbar || status) && (
        <div className="flex flex-wrap items-center justify-between gap-2 border-b border-stone-200 bg-stone-50/80 px-3 py-2">
          {toolbar}
          {status}
        </div>
      )}
      {children}
    </div>
  );
}

function useConnectionState(conn: CollabConnection): ConnectionState {
  return useSyncExternalStore(
    (cb) => conn.subscribe(cb),
    () => conn.current,
    () => conn.current,
  );
}

/** True when the document says it was written by a newer editor than this page's. */
function useDocTooNew(conn: CollabConnection): boolean {
  return useSyncExternalStore(
    (cb) => {
      const meta = conn.doc.getMap(NOTES_META);
      meta.observe(cb);
      return () => meta.unobserve(cb);
    },
    () => isDocNewerThanEditor(conn.doc),
    () => false,
  );
}

function LiveEditor({
  conn,
  sessionId,
  docName,
  viewer,
  canEdit,
  canRestore,
}: NotesEditorProps & { conn: CollabConnection }) {
  const state = useConnectionState(conn);
  const tooNew = useDocTooNew(conn);
  const presence = usePresence(conn.provider.awareness);
  const [historyOpen, setHistoryOpenState] = useState(false);
  const [historyLoaded, setHistoryLoaded] = useState(false);
  const setHistoryOpen = (open: boolean) => {
    if (open) setHistoryLoaded(true);
    setHistoryOpenState(open);
  };
  const [waitedForServer, setWaitedForServer] = useState(false);
  const historyButton = useRef<HTMLButtonElement>(null);
  // Esc moves focus just past the editor, so the next Tab leaves it (Tab itself indents).
  const afterEditor = useRef<HTMLParagraphElement>(null);

  const user = useMemo(() => {
    const id = viewer?.id ?? `anon-${conn.doc.clientID}`;
    return { id, name: viewer?.name ?? 'Reader', color: colorForUser(id) };
  }, [viewer, conn]);

  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: false,
      onCreate: () => mark('editor-created'),
      extensions: [
        ...notesExtensions({ foldStorageKey: foldKey(viewer?.id ?? null, docName), isRemoteChange: isChangeOrigin }),
        Collaboration.configure({ document: conn.doc, field: NOTES_FRAGMENT }),
        CollaborationCaret.configure({ provider: conn.provider, user: { ...user, readOnly: !canEdit } }),
        Placeholder.configure({ placeholder: 'Type a point…', includeChildren: true }),
      ],
      editorProps: {
        attributes: {
          class: 'notes-prose',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': 'Session notes',
          'data-testid': 'notes-editor',
          spellcheck: 'true',
        },
        handleKeyDown: (_view, event) => {
          if (event.key !== 'Escape' || !afterEditor.current) return false;
          afterEditor.current.focus();
          return true;
        },
      },
    },
    [conn],
  );

  // A browser that never heard from the server (offline first visit, server down) may still type
  // into what it kept locally after a short wait; until then, typing into an empty local copy
  // would race with the server's content.
  useEffect(() => {
    const t = setTimeout(() => setWaitedForServer(true), 4000);
    return () => clearTimeout(t);
  }, []);
  const ready = state.localLoaded && (state.everSynced || state.phase === 'offline' || waitedForServer);
  const editable = canEdit && !state.readOnly && !tooNew && ready && state.phase !== 'no-access';

  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    editor.setEditable(editable);
    editor.commands.updateUser({ ...user, readOnly: !editable });
  }, [editor, editable, user]);

  useEffect(() => {
    if (editable && state.everSynced) stampSchemaVersion(conn.doc);
  }, [editable, state.everSynced, conn]);

  // The clipboard's Markdown code and linkifyjs are left out of the editor's chunk: fetch them once
  // the notes are in and the editor is ready (the local copy too), so they never delay editing.
  const notesIn = ready && state.everSynced;
  useEffect(() => {
    if (editor && !editor.isDestroyed && notesIn) loadMarkdownWhenIdle(editor.view.dom);
  }, [editor, notesIn]);

  useEffect(() => {
    if (!editor) return;
    try {
      if (localStorage.getItem('hallway:debug') === '1') {
        window.__hallwayEditor = editor;
        window.__hallwayDoc = conn.doc;
      }
    } catch {
      // storage disabled: no debug handle
    }
  }, [editor, conn]);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <PresenceAvatars presence={presence} selfId={user.id} hideSelf={!viewer} />
        <div className="flex items-center gap-2">
          <ConnectionStatus state={state} />
          {(canEdit || canRestore) && (
            <button
              ref={historyButton}
              type="button"
              onClick={() => setHistoryOpen(true)}
              className={
                'inline-flex items-center gap-1.5 rounded-md bg-white px-3 py-1.5 text-sm font-semibold text-ink ' +
                'shadow-sm ring-1 ring-inset ring-stone-300 hover:bg-stone-50'
              }
            >
              <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4 fill-current">
                <path d="M10 3a7 7 0 1 1-6.6 9.3l1.9-.6A5 5 0 1 0 6 6.5L8 8.5H3v-5l1.6 1.6A7 7 0 0 1 10 3Zm-1 3h2v4l3 1.8-1 1.7-4-2.4V6Z" />
              </svg>
              History
            </button>
          )}
        </div>
      </div>

      {tooNew && (
        <div
          role="alert"
          data-testid="schema-newer"
          className={
            'flex flex-wrap items-center justify-between gap-3 rounded-lg bg-amber-50 px-4 py-3 text-sm ' +
            'text-amber-900 ring-1 ring-amber-200'
          }
        >
          <span>
            These notes were saved by a newer version of Hallway. Reload the page to keep editing; until then they are
            read-only so nothing gets damaged.
          </span>
          <button
            type="button"
            onClick={() => location.reload()}
            className="rounded-md bg-amber-600 px-3 py-1.5 font-semibold text-white hover:bg-amber-700"
          >
            Reload
          </button>
        </div>
      )}
      {!tooNew && (state.readOnly || !canEdit) && state.phase !== 'no-access' && (
        <div className="rounded-lg bg-stone-100 px-4 py-3 text-sm text-stone-700" data-testid="readonly-notice">
          {viewer
            ? 'You are reading these notes. Only members of the event can edit them; changes by others appear here live.'
            : 'You are reading these notes live. Sign in and join the event to take notes.'}
        </div>
      )}
      {state.phase === 'no-access' && (
        <div role="alert" className="rounded-lg bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200">
          You no longer have access to these notes. What you typed is kept in this browser.
        </div>
      )}

      <EditorFrame toolbar={toolbarFor(editable && editor ? editor : null, state.readOnly, ready)}>
        <EditorContent editor={editor} className="notes-editor" />
        {editable && (
          <p
            ref={afterEditor}
            tabIndex={-1}
            data-testid="key-hints"
            className="border-t border-stone-100 px-6 py-2 text-xs text-stone-600 focus:outline-2 focus:outline-brand-600"
          >
            <kbd>Enter</kbd> new point · <kbd>Tab</kbd>/<kbd>Shift</kbd>+<kbd>Tab</kbd> indent/outdent · <kbd>Alt</kbd>+
            <kbd>↑</kbd>/<kbd>↓</kbd> move · <kbd>Ctrl</kbd>+<kbd>.</kbd> fold · <kbd>[ ]</kbd> task · <kbd>##</kbd>{' '}
            heading · <kbd>Esc</kbd> then <kbd>Tab</kbd> leave the notes
          </p>
        )}
      </EditorFrame>

      {editor && historyLoaded && (
        <Suspense fallback={null}>
          <HistoryPanel
            open={historyOpen}
            onOpenChange={setHistoryOpen}
            returnFocusTo={historyButton}
            sessionId={sessionId}
            editor={editor}
            canEdit={editable}
            canRestore={canRestore && editable}
          />
        </Suspense>
      )}
    </div>
  );
}

/** The toolbar row: formatting for editors; for readers nothing (the status says "Read-only"). */
function toolbarFor(editor: Editor | null, readOnly: boolean, ready: boolean): React.ReactNode {
  if (editor) return <NotesToolbar editor={editor} />;
  if (readOnly) return undefined;
  return <span className="px-1 text-sm text-stone-600">{ready ? 'Read-only' : 'Loading…'}</span>;
}
