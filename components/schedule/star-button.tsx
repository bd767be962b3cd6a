'use client';

import clsx from 'clsx';
import { useState } from 'react';
import { callApi } from '@/lib/http/client-api';

/** Adds a session to (or removes it from) the viewer's agenda. */
export function StarButton({
  sessionId,
  title,
  starred,
  onChange,
}: {
  sessionId: string;
  title: string;
  starred: boolean;
  onChange?: (starred: boolean) => void;
}) {
  const [on, setOn] = useState(starred);
  const [busy, setBusy] = useState(false);
  async function toggle() {
    setBusy(true);
    const next = !on;
    setOn(next);
    const res = await callApi(`/api/sessions/${sessionId}/star`, { method: next ? 'PUT' : 'DELETE' });
    setBusy(false);
    if (!res.ok) setOn(!next);
    else onChange?.(next);
  }
  return (
    <button
      type="button"
      onClick={() => void toggle()}
      disabled={busy}
      aria-pressed={on}
      aria-label={on ? `Remove “${title}” from my agenda` : `Add “${title}” to my agenda`}
      className={clsx(
        'flex h-8 w-8 shrink-0 items-center justify-center rounded-full text-lg leading-none transition',
        on ? 'text-amber-500 hover:bg-amber-50' : 'text-stone-300 hover:bg-stone-100 hover:text-stone-500',
      )}
    >
      <span aria-hidden>{on ? '★' : '☆'}</span>
    </button>
  );
}
