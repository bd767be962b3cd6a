import type { Metadata } from 'next';
import { AuthCard } from '@/components/auth/auth-card';
import { safeCallbackPath } from '@/lib/http/safe-redirect';
import { SignInForm } from '@/components/auth/sign-in-form';
import { githubEnabled } from '@/lib/env';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[]; error?: string }>;
}) {
  const { callbackUrl, error } = await searchParams;
  return (
    <AuthCard
      title="Sign in to Hallway"
      subtitle={error ? 'Signing in did not work. Please try again.' : 'Welcome back.'}
    >
      <SignInForm callbackUrl={safeCallbackPath(callbackUrl)} github={githubEnabled()} />
    </AuthCard>
  );
}
