import type { Metadata } from 'next';
import { AuthCard } from '@/components/auth/auth-card';
import { safeCallbackPath } from '@/lib/http/safe-redirect';
import { SignUpForm } from '@/components/auth/sign-up-form';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password';

export const metadata: Metadata = { title: 'Create an account' };
export const dynamic = 'force-dynamic';

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[] }>;
}) {
  const { callbackUrl } = await searchParams;
  return (
    <AuthCard title="Create your account" subtitle="Organise events, propose sessions and take notes together.">
      <SignUpForm callbackUrl={safeCallbackPath(callbackUrl)} minPassword={MIN_PASSWORD_LENGTH} />
    </AuthCard>
  );
}
