'use client';

import Link from 'next/link';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, FormError, Input } from '@/components/ui/field';
import { safeCallbackPath } from '@/lib/http/safe-redirect';

export function SignInForm({ callbackUrl, github }: { callbackUrl?: string; github: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const target = safeCallbackPath(callbackUrl);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const res = await signIn('password', {
      email: String(form.get('email')),
      password: String(form.get('password')),
      redirect: false,
    });
    setBusy(false);
    if (res?.error === 'RateLimited') {
      setError('Too many sign-in attempts. Wait a few minutes and try again.');
      return;
    }
    if (!res || res.error) {
      // One message whatever was wrong, so addresses cannot be probed.
      setError('That email and password do not match an account.');
      return;
    }
    router.push(target);
    router.refresh();
  }

  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} className="space-y-4" noValidate={false}>
        <FormError message={error} />
        <Field id="email" label="Email">
          <Input id="email" name="email" type="email" autoComplete="email" required autoFocus />
        </Field>
        <Field id="password" label="Password">
          <Input id="password" name="password" type="password" autoComplete="current-password" required />
        </Field>
        <Button type="submit" className="w-full" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
      {github && (
        <>
          <div className="flex items-center gap-3 text-xs uppercase tracking-wide text-stone-500">
            <span className="h-px flex-1 bg-stone-200" />
            or
            <span className="h-px flex-1 bg-stone-200" />
          </div>
          <Button
            type="button"
            variant="secondary"
            className="w-full"
            onClick={() => void signIn('github', { callbackUrl: target })}
          >
            <svg aria-hidden viewBox="0 0 16 16" className="h-4 w-4 fill-current">
              <path
                d={
                  'M8 0a8 8 0 0 0-2.53 ' +
                  '15.59c.4.07.55-.17.55-.38v-1.34c-2.23.48-2.7-1.07-2.7-1.07-.36-.92-.89-1.17-.89-1.17-.73-.5.06-.49.06-.49.8.06 ' +
                  '1.23.83 1.23.83.72 1.22 1.87.87 2.33.67.07-.52.28-.87.5-1.07-1.78-.2-3.65-.89-3.65-3.95 ' +
                  '0-.87.31-1.59.82-2.15-.08-.2-.36-1.02.08-2.12 0 0 .67-.22 2.2.82a7.6 7.6 0 0 1 4 ' +
                  '0c1.53-1.04 2.2-.82 2.2-.82.44 1.1.16 1.92.08 2.12.51.56.82 1.28.82 2.15 0 3.07-1.87 ' +
                  '3.75-3.65 3.95.29.25.54.73.54 1.48v2.2c0 .21.15.46.55.38A8 8 0 0 0 8 0Z'
                }
              />
            </svg>
            Continue with GitHub
          </Button>
        </>
      )}
      <p className="text-center text-sm text-stone-600">
        New here?{' '}
        <Link
          href={`/signup?callbackUrl=${encodeURIComponent(target)}`}
          className="font-semibold text-brand-700 hover:underline"
        >
          Create an account
        </Link>
      </p>
    </div>
  );
}
