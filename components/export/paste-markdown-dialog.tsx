'use client';

import { useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError, Textarea } from '@/components/ui/field';

/** "Paste Markdown": replaces or appends to a session's notes through the import endpoint. */
export function PasteMarkdownDialog({ sessionId }: { sessionId: string }) {
  const uid = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const [mode, setMode] = useState<'replace' | 'append'>('append');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/sessions/${sessionId}/notes${mode === 'append' ? '?mode=append' : ''}`, {
        method: 'PUT',
        headers: { 'content-type': 'text/markdown; charset=utf-8' },
        body: text,
        credentials: 'same-origin',
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        setError(body?.error?.message ?? `Import failed (${res.status})`);
        return;
      }
      setText('');
      dialog.current?.close();
    } catch {
      setError('Could not reach the server. Check your connection and try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button type="button" variant="secondary" onClick={() => dialog.current?.showModal()}>
        Paste Markdown
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={`${uid}-title`}
        className="m-auto w-[min(40rem,calc(100vw-2rem))] rounded-xl p-0 shadow-xl backdrop:bg-stone-900/40"
      >
        <form onSubmit={submit} className="space-y-4 p-6">
          <h2 id={`${uid}-title`} className="text-lg font-semibold text-ink">
            Paste Markdown into the notes
          </h2>
          <p className="text-sm text-stone-600">
            Nested bullets, tasks, links and code come in as they are. Everyone in the notes sees the change at once.
          </p>
          <label htmlFor={`${uid}-text`} className="sr-only">
            Markdown
          </label>
          <Textarea
            id={`${uid}-text`}
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={12}
            className="font-mono text-xs"
            placeholder={'- a point\n  - a detail'}
            required
          />
          <fieldset className="flex flex-wrap gap-4 text-sm text-stone-700">
            <legend className="sr-only">Where the Markdown goes</legend>
            <label className="flex items-center gap-1.5">
              <input type="radio" name={`${uid}-mode`} checked={mode === 'append'} onChange={() => setMode('append')} />{' '}
              Add after the notes
            </label>
            <label className="flex items-center gap-1.5">
              <input
                type="radio"
                name={`${uid}-mode`}
                checked={mode === 'replace'}
                onChange={() => setMode('replace')}
              />{' '}
              Replace the notes
            </label>
          </fieldset>
          <FormError message={error} />
          <div className="flex justify-end gap-2">
            <Button type="button" variant="ghost" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" disabled={busy || !text.trim()}>
              {busy ? 'Importing…' : mode === 'replace' ? 'Replace notes' : 'Add to notes'}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
