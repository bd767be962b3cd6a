'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button, ButtonLink } from '@/components/ui/button';
import { Field, FormError, Input } from '@/components/ui/field';
import { callApi } from '@/lib/http/client-api';
import { eventPath } from '@/lib/paths';

interface Props {
  token: string;
  eventSlug: string;
  role: 'ORGANISER' | 'ATTENDEE';
  guestsAllowed: boolean;
  signedInAs: { name: string; isGuest: boolean } | null;
}

export function JoinInvite({ token, eventSlug, role, guestsAllowed, signedInAs }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const back = `/join/${token}`;

  async function accept() {
    setBusy(true);
    setError(null);
    const res = await callApi(`/api/invites/${token}/accept`, { method: 'POST' });
    setBusy(false);
    if (!res.ok) return setError(res.message);
    router.push(eventPath(eventSlug));
    router.refresh();
  }

  async function joinAsGuest(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const name = String(new FormData(e.currentTarget).get('name') ?? '').trim();
    if (!name) return setError('Enter a display name.');
    setBusy(true);
    setError(null);
    const res = await signIn('guest', { token, name, redirect: false });
    setBusy(false);
    if (!res || res.error)
      return setError(
        res?.error && res.error !== 'CredentialsSignin'
          ? res.error
          : 'Joining did not work: the link may have expired.',
      );
    router.push(eventPath(eventSlug));
    router.refresh();
  }

  if (signedInAs) {
    return (
      <div className="space-y-4">
        <FormError message={error} />
        <p className="text-sm text-stone-600">
          You are signed in as <strong>{signedInAs.name}</strong>.
        </p>
        <Button onClick={accept} disabled={busy} className="w-full">
          {busy ? 'Joining…' : `Join as ${role === 'ORGANISER' ? 'an organiser' : 'an attendee'}`}
        </Button>
      </div>
    );
  }

  return (
    <div className="space-y-6">
      <FormError message={error} />
      {guestsAllowed && (
        <form onSubmit={joinAsGuest} className="space-y-3">
          <Field id="guest-name" label="Join as a guest" hint="Just a name: it is shown next to what you write.">
            <Input
              id="guest-name"
              name="name"
              required
              maxLength={60}
              placeholder="Your name"
              autoComplete="nickname"
            />
          </Field>
          <Button type="submit" disabled={busy} className="w-full">
            {busy ? 'Joining…' : 'Join as guest'}
          </Button>
        </form>
      )}
      {guestsAllowed && (
        <div className="flex items-center gap-3 text-xs uppercase tracking-wide text-stone-500">
          <span className="h-px flex-1 bg-stone-200" />
          or
          <span className="h-px flex-1 bg-stone-200" />
        </div>
      )}
      <div className="grid gap-2 sm:grid-cols-2">
        <ButtonLink href={`/signin?callbackUrl=${encodeURIComponent(back)}`} variant="secondary">
          Sign in
        </ButtonLink>
        <ButtonLink href={`/signup?callbackUrl=${encodeURIComponent(back)}`} variant="secondary">
          Create account
        </ButtonLink>
      </div>
    </div>
  );
}
