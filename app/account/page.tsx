import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { ApiTokens } from '@/components/account/api-tokens';
import { PageShell } from '@/components/site-header';
import { Card, PageTitle } from '@/components/ui/card';
import { requirePageUser } from '@/lib/auth/page-user';
import { listApiTokens } from '@/lib/tokens/api-tokens';

export const metadata: Metadata = { title: 'Account' };
export const dynamic = 'force-dynamic';

export default async function AccountPage() {
  const user = await requirePageUser('/account');
  if (user.isGuest) redirect('/events');
  const tokens = await listApiTokens(user);
  return (
    <PageShell>
      <PageTitle title="Account" subtitle={`${user.name}${user.email ? ` · ${user.email}` : ''}`} />
      <Card aria-labelledby="tokens-title">
        <h2 id="tokens-title" className="text-lg font-semibold text-ink">
          Personal API tokens
        </h2>
        <p className="mb-5 mt-1 text-sm text-stone-600">
          Scripts and integrations use these as{' '}
          <code className="rounded bg-stone-100 px-1 font-mono text-xs">Authorization: Bearer …</code> on the JSON API.
          They act as you.
        </p>
        <ApiTokens initial={tokens} />
      </Card>
    </PageShell>
  );
}
