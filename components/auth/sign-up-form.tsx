'use client';

import Link from 'next/link';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, FormError, Input } from '@/components/ui/field';
import { callApi } from '@/lib/http/client-api';
import { safeCallbackPath } from '@/lib/http/safe-redirect';

export function SignUpForm({ callbackUrl, minPassword }: { callbackUrl?: string; minPassword: number }) {
  const router = useRouter();
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const target = safeCallbackPath(callbackUrl);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const body = {
      name: String(form.get('name')),
      email: String(form.get('email')),
      password: String(form.get('password')),
    };
    setBusy(true);
    setError(null);
    const created = await callApi('/api/users', { body });
    if (!created.ok) {
      setBusy(false);
      setError({ message: created.message.replace(/^\w+: /, ''), field: created.field });
      return;
    }
    const res = await signIn('password', { email: body.email, password: body.password, redirect: false });
    setBusy(false);
    if (!res || res.error) {
      // Also what someone sees who signs up with an address that already has an account.
      setError({
        message: 'We could not sign you in with these details. If you already have an account, sign in instead.',
      });
      return;
    }
    router.push(target);
    router.refresh();
  }

  const fieldError = (f: string) => (error?.field === f ? error.message : null);
  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} className="space-y-4">
        <FormError message={error && !error.field ? error.message : null} />
        <Field id="name" label="Your name" hint="Shown next to your notes and proposals." error={fieldError('name')}>
          <Input
            id="name"
            name="name"
            autoComplete="name"
            required
            maxLength={80}
            autoFocus
            aria-invalid={!!fieldError('name')}
          />
        </Field>
        <Field id="email" label="Email" error={fieldError('email')}>
          <Input
            id="email"
            name="email"
            type="email"
            autoComplete="email"
            required
            aria-invalid={!!fieldError('email')}
          />
        </Field>
        <Field
          id="password"
          label="Password"
          hint={`At least ${minPassword} characters.`}
          error={fieldError('password')}
        >
          <Input
            id="password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={minPassword}
            aria-invalid={!!fieldError('password')}
          />
        </Field>
        <Button type="submit" className="w-full" disabled={busy}>
          {busy ? 'Creating your account…' : 'Create account'}
        </Button>
      </form>
      <p className="text-center text-sm text-stone-600">
        Already have an account?{' '}
        <Link
          href={`/signin?callbackUrl=${encodeURIComponent(target)}`}
          className="font-semibold text-brand-700 hover:underline"
        >
          Sign in
        </Link>
      </p>
    </div>
  );
}
