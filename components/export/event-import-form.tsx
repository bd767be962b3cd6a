'use client';

import { useId, useState } from 'react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/field';

interface ImportResult {
  created: { id: string; title: string }[];
  matched: { id: string; title: string }[];
}

/** Uploads a whole event's notes file (one `##` section per session) to the import endpoint. */
export function EventImportForm({ slug, maxKb }: { slug: string; maxKb: number }) {
  const uid = useId();
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const res = await fetch(`/api/events/${slug}/notes/import`, {
        method: 'POST',
        headers: { 'content-type': 'text/markdown; charset=utf-8' },
        body: file,
        credentials: 'same-origin',
      });
      const body = (await res.json().catch(() => null)) as (ImportResult & { error?: { message?: string } }) | null;
      if (!res.ok) setError(body?.error?.message ?? `Import failed (${res.status})`);
      else {
        setResult(body);
        router.refresh();
      }
    } catch {
      setError('Could not reach the server. Check your connection and try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-3">
      <label htmlFor={`${uid}-file`} className="block text-sm font-medium text-ink">
        Markdown file
      </label>
      <input
        id={`${uid}-file`}
        type="file"
        accept=".md,.markdown,.txt,text/markdown,text/plain"
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        className={
          'block w-full text-sm text-stone-700 file:mr-3 file:rounded-md file:border-0 file:bg-stone-100 ' +
          'file:px-3 file:py-2 file:text-sm file:font-semibold file:text-ink hover:file:bg-stone-200'
        }
        aria-describedby={`${uid}-hint`}
      />
      <p id={`${uid}-hint`} className="text-xs text-stone-500">
        One <code>##</code> heading per session, as exports and published notes gists have. Sessions are matched by
        title; missing ones are created unscheduled. Up to {maxKb} KB.
      </p>
      <FormError message={error} />
      {result && (
        <p role="status" className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-800">
          Imported {result.created.length + result.matched.length} sessions: {result.matched.length} matched,{' '}
          {result.created.length} created.
        </p>
      )}
      <Button type="submit" variant="secondary" disabled={!file || busy}>
        {busy ? 'Importing…' : 'Import notes'}
      </Button>
    </form>
  );
}
