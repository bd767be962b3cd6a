import type { Metadata } from 'next';
import { AuthCard } from '@/components/auth/auth-card';
import { JoinInvite } from '@/components/events/join-invite';
import { getPageUser } from '@/lib/auth/page-user';
import { AppError } from '@/lib/errors';
import { previewInvite } from '@/lib/invites/redeem-invite';

export const metadata: Metadata = { title: 'Join an event' };
export const dynamic = 'force-dynamic';

export default async function JoinPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [user, preview] = await Promise.all([
    getPageUser(),
    previewInvite(token).catch((err) =>
      err instanceof AppError || (err as Error).name === 'ZodError' ? (err as Error) : Promise.reject(err),
    ),
  ]);
  if (preview instanceof Error) {
    return (
      <AuthCard
        title="This invite link does not work"
        subtitle={preview instanceof AppError ? preview.message : 'This invite link is not valid'}
      >
        <p className="text-sm text-stone-600">Ask the organisers for a new link.</p>
      </AuthCard>
    );
  }
  const signedIn = user && !user.isGuest ? { name: user.name, isGuest: false } : null;
  return (
    <AuthCard
      title={`Join ${preview.eventTitle}`}
      subtitle={`You have been invited as ${preview.role === 'ORGANISER' ? 'an organiser' : 'an attendee'}.`}
    >
      <JoinInvite
        token={token}
        eventSlug={preview.eventSlug}
        role={preview.role}
        guestsAllowed={preview.guestsAllowed}
        signedInAs={signedIn}
      />
    </AuthCard>
  );
}
