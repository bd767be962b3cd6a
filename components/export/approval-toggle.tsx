'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';

/** A host's consent to publishing the session's notes in the event export. */
export function ApprovalToggle({ sessionId, approved: initial }: { sessionId: string; approved: boolean }) {
  const router = useRouter();
  const [approved, setApproved] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function toggle() {
    setBusy(true);
    setError(null);
    const res = await fetch(`/api/sessions/${sessionId}/notes/approval`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ approved: !approved }),
    }).catch(() => null);
    setBusy(false);
    if (!res?.ok) return setError('Could not save the approval; try again.');
    setApproved(!approved);
    router.refresh();
  }

  return (
    <span className="inline-flex items-center gap-2">
      <Button
        type="button"
        variant={approved ? 'secondary' : 'primary'}
        onClick={() => void toggle()}
        disabled={busy}
        aria-pressed={approved}
      >
        {approved ? 'Withdraw approval' : 'Approve for publishing'}
      </Button>
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
