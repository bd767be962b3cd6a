'use client';

import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/field';

export interface GistInfo {
  gistId: string;
  url: string;
  public: boolean;
  updatedAt: string;
}

/** "Publish as gist": public or secret, and for an event one file per session or a single file. */
export function GistPublisher({
  endpoint,
  returnTo,
  connected,
  existing,
  isEvent,
}: {
  endpoint: string;
  returnTo: string;
  connected: boolean;
  existing: GistInfo | null;
  isEvent: boolean;
}) {
  const uid = useId();
  const [gist, setGist] = useState<GistInfo | null>(existing);
  const [visibility, setVisibility] = useState<'secret' | 'public'>(existing?.public ? 'public' : 'secret');
  const [layout, setLayout] = useState<'files' | 'single'>('files');
  const [anonymous, setAnonymous] = useState(false);
  const [error, setError] = useState<{ message: string; reconnect: boolean } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const connectHref = `/api/github/connect?returnTo=${encodeURIComponent(returnTo)}`;

  if (!connected) {
    return (
      <div className="space-y-2" data-testid="gist-publisher">
        <p className="text-sm text-stone-600">
          Publishing creates a gist in your own GitHub account. GitHub will ask you to allow Hallway to create gists.
        </p>
        <a
          href={connectHref}
          className={
            'inline-flex items-center gap-2 rounded-md bg-ink px-3.5 py-2 text-sm font-semibold text-white ' +
            'shadow-sm hover:bg-stone-800'
          }
        >
          Connect GitHub to publish
        </a>
      </div>
    );
  }

  async function publish() {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({
          public: visibility === 'public',
          attribution: anonymous ? 'none' : 'full',
          ...(isEvent ? { layout } : {}),
        }),
      });
      const body = (await res.json().catch(() => null)) as
        (GistInfo & { created?: boolean; error?: { message?: string; field?: string } }) | null;
      if (!res.ok || !body) {
        setError({
          message: body?.error?.message ?? `Publishing failed (${res.status})`,
          reconnect: body?.error?.field === 'github',
        });
        if (res.status === 404) setGist(null);
        return;
      }
      setGist(body);
      setDone(body.created ? 'Gist created.' : 'Gist updated: its revisions on GitHub show what changed.');
    } catch {
      setError({ message: 'Could not reach the server. Check your connection and try again.', reconnect: false });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-4" data-testid="gist-publisher">
      {gist && (
        <p className="text-sm text-stone-700">
          Published as a {gist.public ? 'public' : 'secret'} gist:{' '}
          <a
            href={gist.url}
            target="_blank"
            rel="noopener noreferrer"
            className="break-all font-semibold text-brand-700 underline"
            data-testid="gist-link"
          >
            {gist.url}
          </a>
        </p>
      )}
      <div className="flex flex-wrap gap-x-6 gap-y-3">
        <fieldset disabled={!!gist}>
          <legend className="text-sm font-medium text-ink">
            Visibility{gist ? ' (fixed by GitHub once created)' : ''}
          </legend>
          <div className="mt-1.5 flex gap-4 text-sm text-stone-700">
            <label className="flex items-center gap-1.5">
              <input
                type="radio"
                name={`${uid}-vis`}
                checked={visibility === 'secret'}
                onChange={() => setVisibility('secret')}
              />{' '}
              Secret
            </label>
            <label className="flex items-center gap-1.5">
              <input
                type="radio"
                name={`${uid}-vis`}
                checked={visibility === 'public'}
                onChange={() => setVisibility('public')}
              />{' '}
              Public
            </label>
          </div>
        </fieldset>
        {isEvent && (
          <fieldset>
            <legend className="text-sm font-medium text-ink">Files</legend>
            <div className="mt-1.5 flex gap-4 text-sm text-stone-700">
              <label className="flex items-center gap-1.5">
                <input
                  type="radio"
                  name={`${uid}-layout`}
                  checked={layout === 'files'}
                  onChange={() => setLayout('files')}
                />{' '}
                One per session + README
              </label>
              <label className="flex items-center gap-1.5">
                <input
                  type="radio"
                  name={`${uid}-layout`}
                  checked={layout === 'single'}
                  onChange={() => setLayout('single')}
                />{' '}
                One file
              </label>
            </div>
          </fieldset>
        )}
        <label className="flex items-center gap-1.5 self-end text-sm text-stone-700">
          <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} /> Leave out names
        </label>
      </div>
      {error && (
        <div className="space-y-2">
          <FormError message={error.message} />
          {error.reconnect && (
            <a href={connectHref} className="text-sm font-semibold text-brand-700 underline">
              Connect GitHub again
            </a>
          )}
        </div>
      )}
      <p role="status" className="text-sm text-brand-800">
        {done}
      </p>
      <Button type="button" onClick={() => void publish()} disabled={busy}>
        {busy ? 'Publishing…' : gist ? 'Update gist' : 'Publish as gist'}
      </Button>
    </div>
  );
}
