'use client';

import * as Dialog from '@radix-ui/react-dialog';
import type { JSONContent } from '@tiptap/core';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import clsx from 'clsx';
import { useCallback, useEffect, useState } from 'react';
import { notesExtensions } from '@/lib/editor/extensions';
import { callApi } from '@/lib/http/client-api';
import type { NoteVersionDto } from '@/lib/notes/note-versions';
import { restoreVersion } from './restore-version';

const KIND_LABEL = { AUTO: 'Automatic', MANUAL: 'Named', RESTORE: 'Before a restore' } as const;

function versionTitle(v: NoteVersionDto): string {
  return v.name ?? (v.kind === 'AUTO' ? 'Automatic snapshot' : 'Version');
}

/** In the reader's own time zone, named, since the event may be elsewhere ("Thu 11 Jun, 14:05 CEST"). */
function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    day: 'numeric',
    month: 'short',
    timeZoneName: 'short',
  });
}

/** The app's one browser API call (lib/http/client-api.ts), throwing its readable message. */
async function api<T>(url: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await callApi<T>(url, init);
  if (!res.ok) throw new Error(res.message);
  return res.data;
}

function Preview({ content }: { content: JSONContent }) {
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: false,
      extensions: notesExtensions(),
      content,
      editorProps: { attributes: { class: 'notes-prose notes-prose--preview' } },
    },
    [content],
  );
  return <EditorContent editor={editor} data-testid="version-preview" />;
}

export interface HistoryPanelProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Where focus goes back to when the panel closes (the button that opened it). */
  returnFocusTo: React.RefObject<HTMLElement | null>;
  sessionId: string;
  editor: Editor;
  canEdit: boolean;
  canRestore: boolean;
}

/** The session's versions: save a named one, preview one, restore it (as an undoable change). */
export function HistoryPanel({
  open,
  onOpenChange,
  returnFocusTo,
  sessionId,
  editor,
  canEdit,
  canRestore,
}: HistoryPanelProps) {
  const base = `/api/sessions/${encodeURIComponent(sessionId)}/versions`;
  const [versions, setVersions] = useState<NoteVersionDto[] | null>(null);
  const [selected, setSelected] = useState<{ version: NoteVersionDto; content: JSONContent } | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; undo?: boolean; error?: boolean } | null>(null);

  const reload = useCallback(async () => {
    try {
      setVersions((await api<{ versions: NoteVersionDto[] }>(base)).versions);
    } catch (err) {
      setMessage({ text: (err as Error).message, error: true });
    }
  }, [base]);

  useEffect(() => {
    if (!open) return;
    const t = setTimeout(() => void reload(), 0);
    return () => clearTimeout(t);
  }, [open, reload]);

  async function saveNamed(e: React.FormEvent) {
    e.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    try {
      await api(base, { method: 'POST', body: { kind: 'MANUAL', name: name.trim() } });
      setName('');
      setMessage({ text: 'Version saved.' });
      await reload();
    } catch (err) {
      setMessage({ text: (err as Error).message, error: true });
    } finally {
      setBusy(false);
    }
  }

  async function select(v: NoteVersionDto) {
    if (!canRestore) return;
    setMessage(null);
    try {
      setSelected(await api<{ version: NoteVersionDto; content: JSONContent }>(`${base}/${encodeURIComponent(v.id)}`));
    } catch (err) {
      setMessage({ text: (err as Error).message, error: true });
    }
  }

  async function restore() {
    if (!selected) return;
    setBusy(true);
    try {
      // Keep what is there now as a version too, then apply the old content as a new change.
      await api(base, {
        method: 'POST',
        body: { kind: 'RESTORE', name: `Before restoring “${versionTitle(selected.version)}”`.slice(0, 120) },
      });
      restoreVersion(editor, selected.content);
      setMessage({ text: `Restored “${versionTitle(selected.version)}”.`, undo: true });
      setSelected(null);
      await reload();
    } catch (err) {
      setMessage({ text: (err as Error).message, error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-ink/20" />
        <Dialog.Content
          onCloseAutoFocus={(e) => {
            e.preventDefault();
            returnFocusTo.current?.focus();
          }}
          className="fixed inset-y-0 right-0 z-50 flex w-full max-w-md flex-col bg-white shadow-xl ring-1 ring-stone-200 focus:outline-none"
          data-testid="history-panel"
        >
          <div className="flex items-center justify-between border-b border-stone-200 px-5 py-4">
            <Dialog.Title className="text-lg font-semibold text-ink">History</Dialog.Title>
            <Dialog.Close className="rounded-md px-2 py-1 text-stone-500 hover:bg-stone-100" aria-label="Close history">
              ✕
            </Dialog.Close>
          </div>
          <Dialog.Description className="px-5 pt-3 text-sm text-stone-600">
            Snapshots are taken automatically every 10 minutes while people type and when the session ends.
            {canRestore
              ? ' Restoring adds the old text as a new change: you can undo it.'
              : ' Organisers and hosts can preview and restore them.'}
          </Dialog.Description>

          {canEdit && (
            <form onSubmit={saveNamed} className="flex gap-2 px-5 pt-4">
              <label htmlFor="version-name" className="sr-only">
                Version name
              </label>
              <input
                id="version-name"
                value={name}
                onChange={(e) => setName(e.target.value)}
                maxLength={120}
                placeholder="Name this version, e.g. “After the intro round”"
                className={
                  'min-w-0 flex-1 rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-stone-300 focus:ring-2 ' +
                  'focus:ring-brand-500'
                }
              />
              <button
                type="submit"
                disabled={busy || !name.trim()}
                className="rounded-md bg-brand-600 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-50"
              >
                Save
              </button>
            </form>
          )}

          {message && (
            <div
              role="status"
              className={clsx(
                'mx-5 mt-4 flex items-center justify-between gap-3 rounded-md px-3 py-2 text-sm',
                message.error ? 'bg-red-50 text-red-800' : 'bg-brand-50 text-brand-700',
              )}
              data-testid="history-message"
            >
              <span>{message.text}</span>
              {message.undo && (
                <button
                  type="button"
                  className="font-semibold underline"
                  onClick={() => {
                    editor.chain().focus().undo().run();
                    setMessage({ text: 'Restore undone.' });
                  }}
                >
                  Undo restore
                </button>
              )}
            </div>
          )}

          <div className="mt-4 min-h-0 flex-1 overflow-y-auto px-5 pb-5">
            {selected ? (
              <div className="space-y-3">
                <button
                  type="button"
                  onClick={() => setSelected(null)}
                  className="text-sm font-medium text-brand-700 hover:underline"
                >
                  ← All versions
                </button>
                <div>
                  <h3 className="font-semibold text-ink">{versionTitle(selected.version)}</h3>
                  <p className="text-xs text-stone-500">
                    {when(selected.version.createdAt)}
                    {selected.version.createdBy ? ` · ${selected.version.createdBy.name}` : ''}
                  </p>
                </div>
                <div className="max-h-[55vh] overflow-y-auto rounded-lg bg-stone-50 p-1 ring-1 ring-stone-200">
                  <Preview content={selected.content} />
                </div>
                {canRestore && (
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => void restore()}
                    className={
                      'w-full rounded-md bg-brand-600 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-700 ' +
                      'disabled:opacity-50'
                    }
                  >
                    Restore this version
                  </button>
                )}
              </div>
            ) : versions === null ? (
              <p className="text-sm text-stone-500">Loading…</p>
            ) : versions.length === 0 ? (
              <p className="text-sm text-stone-500">No versions yet.</p>
            ) : (
              <ol className="divide-y divide-stone-100" aria-label="Versions">
                {versions.map((v) => (
                  <li key={v.id}>
                    <button
                      type="button"
                      onClick={() => void select(v)}
                      disabled={!canRestore}
                      className="flex w-full items-start justify-between gap-3 rounded-md px-2 py-3 text-left enabled:hover:bg-stone-50"
                      data-testid="version-row"
                    >
                      <span>
                        <span className="block text-sm font-medium text-ink">{versionTitle(v)}</span>
                        <span className="block text-xs text-stone-500">
                          {when(v.createdAt)}
                          {v.createdBy ? ` · ${v.createdBy.name}` : ''}
                        </span>
                      </span>
                      <span
                        className={clsx(
                          'shrink-0 rounded-full px-2 py-0.5 text-xs font-medium',
                          v.kind === 'MANUAL' ? 'bg-brand-50 text-brand-700' : 'bg-stone-100 text-stone-600',
                        )}
                      >
                        {KIND_LABEL[v.kind]}
                      </span>
                    </button>
                  </li>
                ))}
              </ol>
            )}
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
