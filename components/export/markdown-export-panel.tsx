'use client';

import { useId, useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';

export interface ExportSessionOption {
  id: string;
  title: string;
  /** Shown next to the title, e.g. "Day 1, 10:00 · Aft". */
  when: string;
}

/**
 * Options, preview, download and copy for a notes.md endpoint. With `sessions`, people may pick
 * which sessions go in (all by default).
 */
export function MarkdownExportPanel({
  endpoint,
  sessions,
  idPrefix = 'export',
}: {
  endpoint: string;
  sessions?: ExportSessionOption[];
  idPrefix?: string;
}) {
  const uid = useId();
  const [format, setFormat] = useState<'gist' | 'jekyll'>('gist');
  const [anonymous, setAnonymous] = useState(false);
  const [picked, setPicked] = useState<Set<string>>(() => new Set(sessions?.map((s) => s.id) ?? []));
  const [preview, setPreview] = useState<{ text: string; query: string } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const query = useMemo(() => {
    const q = new URLSearchParams();
    if (format !== 'gist') q.set('format', format);
    if (anonymous) q.set('attribution', 'none');
    if (sessions && picked.size !== sessions.length)
      q.set(
        'sessions',
        sessions
          .filter((s) => picked.has(s.id))
          .map((s) => s.id)
          .join(','),
      );
    return q.toString();
  }, [format, anonymous, picked, sessions]);
  const url = (extra?: string) => `${endpoint}${query || extra ? '?' : ''}${[query, extra].filter(Boolean).join('&')}`;
  const nothingPicked = sessions !== undefined && picked.size === 0;

  async function load(): Promise<string | null> {
    setBusy(true);
    setStatus(null);
    try {
      const res = await fetch(url(), { credentials: 'same-origin' });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        setStatus(body?.error?.message ?? `Export failed (${res.status})`);
        return null;
      }
      const text = await res.text();
      setPreview({ text, query });
      return text;
    } catch {
      setStatus('Could not reach the server. Check your connection and try again.');
      return null;
    } finally {
      setBusy(false);
    }
  }

  async function copy() {
    const text = preview?.query === query ? preview.text : await load();
    if (text === null) return;
    try {
      await navigator.clipboard.writeText(text);
      setStatus('Markdown copied to the clipboard.');
    } catch {
      setStatus('Your browser did not allow copying: select the preview and copy it instead.');
    }
  }

  const stale = preview !== null && preview.query !== query;
  return (
    <div className="space-y-4" data-testid={`${idPrefix}-panel`}>
      <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
        <fieldset>
          <legend className="text-sm font-medium text-ink">Format</legend>
          <div className="mt-1.5 flex gap-4 text-sm text-stone-700">
            <label className="flex items-center gap-1.5">
              <input
                type="radio"
                name={`${uid}-format`}
                checked={format === 'gist'}
                onChange={() => setFormat('gist')}
              />{' '}
              Gist / plain Markdown
            </label>
            <label className="flex items-center gap-1.5">
              <input
                type="radio"
                name={`${uid}-format`}
                checked={format === 'jekyll'}
                onChange={() => setFormat('jekyll')}
              />{' '}
              Blog post (Jekyll)
            </label>
          </div>
        </fieldset>
        <label className="flex items-center gap-1.5 text-sm text-stone-700">
          <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} /> Leave out names
          (Chatham House)
        </label>
      </div>

      {sessions && sessions.length > 0 && (
        <fieldset className="rounded-lg ring-1 ring-stone-200">
          <legend className="sr-only">Sessions to include</legend>
          <div className="flex items-center justify-between border-b border-stone-100 px-3 py-2 text-sm">
            <span className="font-medium text-ink">
              {picked.size} of {sessions.length} sessions
            </span>
            <span className="flex gap-3">
              <button
                type="button"
                className="font-semibold text-brand-700 hover:underline"
                onClick={() => setPicked(new Set(sessions.map((s) => s.id)))}
              >
                All
              </button>
              <button
                type="button"
                className="font-semibold text-brand-700 hover:underline"
                onClick={() => setPicked(new Set())}
              >
                None
              </button>
            </span>
          </div>
          <ul className="max-h-64 divide-y divide-stone-100 overflow-auto">
            {sessions.map((s) => (
              <li key={s.id}>
                <label className="flex items-start gap-2 px-3 py-2 text-sm">
                  <input
                    type="checkbox"
                    className="mt-0.5"
                    checked={picked.has(s.id)}
                    onChange={(e) => {
                      const next = new Set(picked);
                      if (e.target.checked) next.add(s.id);
                      else next.delete(s.id);
                      setPicked(next);
                    }}
                  />
                  <span>
                    <span className="font-medium text-ink">{s.title}</span>
                    <span className="block text-xs text-stone-500">{s.when}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}

      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="secondary" onClick={() => void load()} disabled={busy || nothingPicked}>
          {preview ? 'Refresh preview' : 'Preview'}
        </Button>
        {nothingPicked ? (
          <Button type="button" disabled>
            Download .md
          </Button>
        ) : (
          <a
            href={url('download=1')}
            download
            className={
              'inline-flex items-center justify-center gap-2 rounded-md bg-brand-600 px-3.5 py-2 text-sm ' +
              'font-semibold text-white shadow-sm hover:bg-brand-700'
            }
          >
            Download .md
          </a>
        )}
        <Button type="button" variant="secondary" onClick={() => void copy()} disabled={busy || nothingPicked}>
          Copy Markdown
        </Button>
      </div>
      <p role="status" className="text-sm text-stone-600">
        {status}
      </p>
      {preview && (
        <div>
          <div className="mb-1 flex items-center justify-between text-xs text-stone-500">
            <span>Preview{stale ? ' (options changed: refresh to update)' : ''}</span>
            <span>{preview.text.split('\n').length} lines</span>
          </div>
          <pre
            data-testid={`${idPrefix}-preview`}
            tabIndex={0}
            aria-label="Markdown preview"
            className={
              'max-h-96 overflow-auto whitespace-pre-wrap break-words rounded-lg bg-stone-900 p-4 font-mono text-xs ' +
              'leading-relaxed text-stone-100'
            }
          >
            {preview.text}
          </pre>
        </div>
      )}
    </div>
  );
}
