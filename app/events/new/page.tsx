import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { EventForm } from '@/components/events/event-form';
import { PageShell } from '@/components/site-header';
import { Card, PageTitle } from '@/components/ui/card';
import { requirePageUser } from '@/lib/auth/page-user';
import { DEFAULT_SETTINGS } from '@/lib/events/event-settings';
import { timeZoneList } from '@/lib/time-zones';

export const metadata: Metadata = { title: 'New event' };
export const dynamic = 'force-dynamic';

export default async function NewEventPage() {
  const user = await requirePageUser('/events/new');
  if (user.isGuest) redirect('/events');
  const today = new Date().toISOString().slice(0, 10);
  return (
    <PageShell>
      <PageTitle title="Create an event" subtitle="You can change all of this later." />
      <Card>
        <EventForm
          mode="create"
          timeZones={timeZoneList()}
          initial={{
            title: '',
            slug: '',
            description: '',
            timezone: 'Europe/London',
            startDate: today,
            endDate: today,
            visibility: 'UNLISTED',
            settings: DEFAULT_SETTINGS,
          }}
        />
      </Card>
    </PageShell>
  );
}
