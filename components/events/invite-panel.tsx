'use client';

import { useState, useSyncExternalStore } from 'react';
import { Button } from '@/components/ui/button';
import { FormError, Select } from '@/components/ui/field';
import { callApi } from '@/lib/http/client-api';
import { InviteQr } from './invite-qr';

interface Invite {
  id: string;
  url: string;
  role: 'ORGANISER' | 'ATTENDEE';
  uses: number;
  maxUses: number | null;
  expiresAt: string | null;
  revoked: boolean;
}

const noSubscription = () => () => {};

/**
 * With no PUBLIC_URL the server only knows itself as localhost, a dead link on a phone: links
 * then use the address this organiser reached Hallway at (the venue's Wi-Fi address, say).
 */
function useLinkBase(useVisitedHost: boolean): string | null {
  const origin = useSyncExternalStore(
    noSubscription,
    () => location.origin,
    () => null,
  );
  return useVisitedHost ? origin : '';
}

function linkFor(serverUrl: string, base: string): string {
  if (!base) return serverUrl;
  const u = new URL(serverUrl);
  return `${base}${u.pathname}${u.search}`;
}

/** Organisers create, copy and revoke invite links, each also shown as a QR code. */
export function InvitePanel({
  slug,
  initial,
  useVisitedHost,
}: {
  slug: string;
  initial: Invite[];
  /** True when PUBLIC_URL is not set: links are built from the address in this browser. */
  useVisitedHost: boolean;
}) {
  const base = useLinkBase(useVisitedHost);
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
        <label htmlFor="invite-role" className="text-sm text-stone-600">
          New link for
        </label>
        <Select
          id="invite-role"
          className="w-auto"
          value={role}
          onChange={(e) => setRole(e.target.value as 'ATTENDEE' | 'ORGANISER')}
        >
          <option value="ATTENDEE">attendees</option>
          <option value="ORGANISER">organisers</option>
        </Select>
        <Button type="button" onClick={create} disabled={busy}>
          {busy ? 'Creating…' : 'Create invite link'}
        </Button>
      </div>
      {useVisitedHost && base && (
        <p
          className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900 ring-1 ring-amber-200"
          data-testid="invite-host-note"
        >
          Links use the address you opened Hallway at, <span className="font-mono">{base}</span>: people must be able to
          reach it too (same Wi-Fi, not localhost). The server administrator can set PUBLIC_URL to fix the address.
        </p>
      )}
      {invites.length === 0 ? (
        <p className="text-sm text-stone-500">No active invite links.</p>
      ) : (
        <ul className="divide-y divide-stone-200 rounded-lg ring-1 ring-stone-200">
          {invites.map((i) => {
            const url = base === null ? '' : linkFor(i.url, base);
            const who = i.role === 'ORGANISER' ? 'organisers' : 'attendees';
            return (
              <li key={i.id} className="flex flex-col gap-3 p-3">
                {url && <InviteQr url={url} label={`QR code of the invite link for ${who}`} />}
                <div className="min-w-0 flex-1 space-y-2">
                  <input
                    readOnly
                    value={url}
                    aria-label={`Invite link for ${who}`}
                    data-testid="invite-url"
                    onFocus={(e) => e.currentTarget.select()}
                    className="w-full rounded bg-stone-50 px-2 py-1.5 font-mono text-xs text-stone-700 ring-1 ring-stone-200"
                  />
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="mr-auto text-xs text-stone-600">
                      {i.role === 'ORGANISER' ? 'Organisers' : 'Attendees'} · used {i.uses}
                      {i.maxUses ? ` of ${i.maxUses}` : ''}
                    </span>
                    <Button type="button" variant="secondary" className="px-2.5 py-1" onClick={() => copy(url)}>
                      {copied === url ? 'Copied' : 'Copy'}
                    </Button>
                    <Button type="button" variant="danger" className="px-2.5 py-1" onClick={() => revoke(i.id)}>
                      Revoke
                    </Button>
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
