'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';

/** Organisers: require hosts' approval before a session's notes enter the event export. */
export function ApprovalRequirement({ slug, required: initial }: { slug: string; required: boolean }) {
  const router = useRouter();
  const [required, setRequired] = useState(initial);
  const [error, setError] = useState<string | null>(null);

  async function change(next: boolean) {
    setError(null);
    // Shown at once, taken back if the server refuses.
    setRequired(next);
    const res = await fetch(`/api/events/${slug}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ settings: { requireNotesApproval: next } }),
    }).catch(() => null);
    if (!res?.ok) {
      setRequired(!next);
      return setError('Could not save; try again.');
    }
    router.refresh();
  }

  return (
    <div>
      <label className="flex items-center gap-2 text-sm font-medium text-ink">
        <input type="checkbox" checked={required} onChange={(e) => void change(e.target.checked)} /> Require each
        session&rsquo;s hosts to approve its notes before they are exported
      </label>
      {error && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
