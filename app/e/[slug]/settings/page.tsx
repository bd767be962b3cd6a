import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ScheduleSetup } from '@/components/board/schedule-setup';
import { EventForm } from '@/components/events/event-form';
import { MembersTable } from '@/components/events/members-table';
import { PageShell } from '@/components/site-header';
import { Card, PageTitle } from '@/components/ui/card';
import { requirePageUser } from '@/lib/auth/page-user';
import { AppError } from '@/lib/errors';
import { allows, loadEventAccess } from '@/lib/events/event-access';
import { listMembers } from '@/lib/events/members';
import { loadBoardState } from '@/lib/board/load-board';
import { timeZoneList } from '@/lib/time-zones';
import { toDateOnly } from '@/lib/time';
import { eventPath, eventSettingsPath } from '@/lib/paths';

export const metadata: Metadata = { title: 'Event settings' };
export const dynamic = 'force-dynamic';

export default async function EventSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requirePageUser(eventSettingsPath(slug));
  const access = await loadEventAccess(user, { slug }).catch((err) => {
    if (err instanceof AppError && err.code === 'not_found') notFound();
    throw err;
  });
  if (!allows(access, 'event.update')) {
    return (
      <PageShell>
        <PageTitle title="Settings" />
        <Card>
          <p className="text-stone-700">
            Only organisers of this event can change its settings.{' '}
            <Link className="font-semibold text-brand-700 hover:underline" href={eventPath(slug)}>
              Back to the event
            </Link>
          </p>
        </Card>
      </PageShell>
    );
  }
  const { event, settings } = access;
  const [members, board] = await Promise.all([listMembers(user, slug), loadBoardState(user, slug)]);
  return (
    <PageShell>
      <PageTitle
        title="Event settings"
        subtitle={
          <Link href={eventPath(slug)} className="hover:underline">
            ← {event.title}
          </Link>
        }
      />
      <div className="space-y-6">
        <Card aria-labelledby="details-title">
          <h2 id="details-title" className="mb-5 text-lg font-semibold text-ink">
            Details
          </h2>
          <EventForm
            mode="edit"
            slug={slug}
            timeZones={timeZoneList()}
            initial={{
              title: event.title,
              description: event.description,
              timezone: event.timezone,
              startDate: toDateOnly(event.startDate),
              endDate: toDateOnly(event.endDate),
              visibility: event.visibility,
              settings,
            }}
          />
        </Card>
        <Card aria-labelledby="schedule-setup-title">
          <h2 id="schedule-setup-title" className="mb-5 text-lg font-semibold text-ink">
            Rooms and time slots
          </h2>
          <ScheduleSetup slug={slug} initial={board} />
        </Card>
        <Card aria-labelledby="members-title">
          <h2 id="members-title" className="mb-3 text-lg font-semibold text-ink">
            People ({members.length})
          </h2>
          <MembersTable slug={slug} members={members} selfId={user.userId} />
        </Card>
      </div>
    </PageShell>
  );
}
