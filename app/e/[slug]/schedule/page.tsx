import type { Metadata } from 'next';
import Link from 'next/link';
import { EventNav } from '@/components/events/event-nav';
import { ScheduleView } from '@/components/schedule/schedule-view';
import { PageShell } from '@/components/site-header';
import { PageTitle } from '@/components/ui/card';
import { loadBoardState } from '@/lib/board/load-board';
import { loadPageEvent } from '@/lib/events/load-page-event';

export const dynamic = 'force-dynamic';

type Params = Promise<{ slug: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { access } = await loadPageEvent((await params).slug);
  return { title: `Schedule · ${access.event.title}` };
}

export default async function SchedulePage({ params }: { params: Params }) {
  const { slug } = await params;
  const { user, access, organiser } = await loadPageEvent(slug);
  const state = await loadBoardState(user, slug);
  return (
    <PageShell wide>
      <PageTitle
        title="Schedule"
        subtitle={
          <Link href={`/e/${slug}`} className="hover:underline">
            {access.event.title}
          </Link>
        }
      />
      <EventNav slug={slug} current="schedule" signedIn={!!user} organiser={organiser} />
      <ScheduleView slug={slug} initial={state} />
    </PageShell>
  );
}
