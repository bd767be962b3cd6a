'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError, Select } from '@/components/ui/field';
import { callApi } from '@/lib/http/client-api';

interface Invite { id: string; url: string; role: 'ORGANISER' | 'ATTENDEE'; uses: number; maxUses: number | null; expiresAt: string | null; revoked: boolean }

/** Organisers create, copy and revoke invite links. */
export function InvitePanel({ slug, initial }: { slug: string; initial: Invite[] }) {
  const [invites, setInvites] = useState(initial.filter((i) => !i.revoked));
  const [role, setRole] = useState<'ATTENDEE' | 'ORGANISER'>('ATTENDEE');
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function create() {
    setBusy(true);
    setError(null);
    const res = await callApi<Invite>(`/api/events/${slug}/invites`, { body: { role } });
    setBusy(false);
    if (!res.ok) return setError(res.message);
    setInvites((list) => [res.data, ...list]);
  }
  async function revoke(id: string) {
    const res = await callApi(`/api/events/${slug}/invites/${id}`, { method: 'DELETE' });
    if (!res.ok) return setError(res.message);
    setInvites((list) => list.filter((i) => i.id !== id));
  }
  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(url);
    } catch {
      setError('Copying failed: select the link and copy it by hand.');
    }
  }

  return (
    <div className="space-y-4">
      <FormError message={error} />
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor="invite-role" className="text-sm text-stone-600">New link for</label>
        <Select id="invite-role" className="w-auto" value={role} onChange={(e) => setRole(e.target.value as 'ATTENDEE' | 'ORGANISER')}>
          <option value="ATTENDEE">attendees</option>
          <option value="ORGANISER">organisers</option>
        </Select>
        <Button type="button" onClick={create} disabled={busy}>{busy ? 'Creating…' : 'Create invite link'}</Button>
      </div>
      {invites.length === 0 ? (
        <p className="text-sm text-stone-500">No active invite links.</p>
      ) : (
        <ul className="divide-y divide-stone-200 rounded-lg ring-1 ring-stone-200">
          {invites.map((i) => (
            <li key={i.id} className="space-y-2 p-3">
              <input readOnly value={i.url} aria-label={`Invite link for ${i.role.toLowerCase()}s`} data-testid="invite-url" onFocus={(e) => e.currentTarget.select()} className="w-full rounded bg-stone-50 px-2 py-1.5 font-mono text-xs text-stone-700 ring-1 ring-stone-200" />
              <div className="flex flex-wrap items-center gap-2">
                <span className="mr-auto text-xs text-stone-500">{i.role === 'ORGANISER' ? 'Organisers' : 'Attendees'} · used {i.uses}{i.maxUses ? ` of ${i.maxUses}` : ''}</span>
                <Button type="button" variant="secondary" className="px-2.5 py-1" onClick={() => copy(i.url)}>{copied === i.url ? 'Copied' : 'Copy'}</Button>
                <Button type="button" variant="danger" className="px-2.5 py-1" onClick={() => revoke(i.id)}>Revoke</Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
