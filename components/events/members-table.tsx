'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/card';
import { FormError } from '@/components/ui/field';
import { callApi } from '@/lib/http/client-api';

interface Member {
  userId: string;
  name: string;
  email: string | null;
  role: 'ORGANISER' | 'ATTENDEE';
  isGuest: boolean;
}

export function MembersTable({ slug, members, selfId }: { slug: string; members: Member[]; selfId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);

  async function act(userId: string, op: { role: Member['role'] } | 'remove') {
    setError(null);
    const res =
      op === 'remove'
        ? await callApi(`/api/events/${slug}/members/${userId}`, { method: 'DELETE' })
        : await callApi(`/api/events/${slug}/members/${userId}`, { method: 'PATCH', body: op });
    if (!res.ok) return setError(res.message);
    router.refresh();
  }

  // The server refuses to leave an event without an organiser: offer nothing that can only fail.
  const organisers = members.filter((m) => m.role === 'ORGANISER').length;

  return (
    <div className="space-y-3">
      <FormError message={error} />
      <ul className="divide-y divide-stone-100">
        {members.map((m) => (
          <li key={m.userId} className="flex flex-wrap items-center justify-between gap-2 py-2.5">
            <div className="min-w-0">
              <span className="font-medium text-ink">
                {m.name}
                {m.userId === selfId ? ' (you)' : ''}
              </span>{' '}
              {m.isGuest && <Badge tone="amber">guest</Badge>}{' '}
              <Badge tone={m.role === 'ORGANISER' ? 'brand' : 'stone'}>
                {m.role === 'ORGANISER' ? 'Organiser' : 'Attendee'}
              </Badge>
              {m.email && <span className="block truncate text-xs text-stone-500">{m.email}</span>}
            </div>
            {m.role === 'ORGANISER' && organisers === 1 ? (
              <span className="text-xs text-stone-600" data-testid="last-organiser">
                The only organiser: make someone else organiser first
              </span>
            ) : (
              <div className="flex gap-2">
                {m.role === 'ATTENDEE' && !m.isGuest && (
                  <Button
                    variant="secondary"
                    className="px-2.5 py-1"
                    onClick={() => act(m.userId, { role: 'ORGANISER' })}
                  >
                    Make organiser
                  </Button>
                )}
                {m.role === 'ORGANISER' && (
                  <Button
                    variant="secondary"
                    className="px-2.5 py-1"
                    onClick={() => act(m.userId, { role: 'ATTENDEE' })}
                  >
                    Make attendee
                  </Button>
                )}
                <Button
                  variant="danger"
                  className="px-2.5 py-1"
                  onClick={() => act(m.userId, 'remove')}
                  aria-label={`Remove ${m.name}`}
                >
                  Remove
                </Button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
