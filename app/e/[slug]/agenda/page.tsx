import type { Metadata } from 'next';
import Link from 'next/link';
import { EventNav } from '@/components/events/event-nav';
import { AgendaView } from '@/components/schedule/agenda-view';
import { PageShell } from '@/components/site-header';
import { PageTitle } from '@/components/ui/card';
import { requirePageUser } from '@/lib/auth/page-user';
import { loadBoardState } from '@/lib/board/load-board';
import { loadPageEvent } from '@/lib/events/load-page-event';

export const dynamic = 'force-dynamic';

type Params = Promise<{ slug: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { access } = await loadPageEvent((await params).slug);
  return { title: `My agenda · ${access.event.title}` };
}

export default async function AgendaPage({ params }: { params: Params }) {
  const { slug } = await params;
  await requirePageUser(`/e/${slug}/agenda`);
  const { user, access, organiser } = await loadPageEvent(slug);
  const state = await loadBoardState(user, slug);
  return (
    <PageShell>
      <PageTitle
        title="My agenda"
        subtitle={
          <Link href={`/e/${slug}`} className="hover:underline">
            {access.event.title}
          </Link>
        }
      />
      <EventNav slug={slug} current="agenda" signedIn organiser={organiser} />
      <AgendaView slug={slug} initial={state} />
    </PageShell>
  );
}
