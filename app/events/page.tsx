import type { Metadata } from 'next';
import Link from 'next/link';
import { PageShell } from '@/components/site-header';
import { ButtonLink } from '@/components/ui/button';
import { Badge, PageTitle } from '@/components/ui/card';
import { requirePageUser } from '@/lib/auth/page-user';
import { listMyEvents } from '@/lib/events/list-events';
import { formatDateRange } from '@/lib/time';
import { eventPath } from '@/lib/paths';

export const metadata: Metadata = { title: 'My events' };
export const dynamic = 'force-dynamic';

export default async function MyEventsPage() {
  const user = await requirePageUser('/events');
  const events = await listMyEvents(user);
  return (
    <PageShell wide>
      <PageTitle
        title="My events"
        subtitle={`Signed in as ${user.name}`}
        actions={!user.isGuest && <ButtonLink href="/events/new">New event</ButtonLink>}
      />
      {events.length === 0 ? (
        <div className="rounded-xl border-2 border-dashed border-stone-300 p-12 text-center">
          <h2 className="font-semibold text-ink">No events yet</h2>
          <p className="mt-1 text-sm text-stone-600">
            Create your first event, or open an invite link an organiser sent you.
          </p>
          {!user.isGuest && (
            <ButtonLink href="/events/new" className="mt-6">
              Create an event
            </ButtonLink>
          )}
        </div>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {events.map((e) => (
            <li key={e.id}>
              <Link
                href={eventPath(e.slug)}
                className="flex h-full flex-col rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200 transition hover:ring-brand-500"
              >
                <div className="flex items-start justify-between gap-2">
                  <span className="font-semibold text-ink">{e.title}</span>
                  <Badge tone={e.role === 'ORGANISER' ? 'brand' : 'stone'}>
                    {e.role === 'ORGANISER' ? 'Organiser' : 'Attendee'}
                  </Badge>
                </div>
                <span className="mt-1 text-sm text-stone-600">
                  {formatDateRange(new Date(e.startDate), new Date(e.endDate))}
                </span>
                {e.description && <p className="mt-3 line-clamp-2 text-sm text-stone-500">{e.description}</p>}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </PageShell>
  );
}
