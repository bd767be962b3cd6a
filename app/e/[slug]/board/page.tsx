import type { Metadata } from 'next';
import Link from 'next/link';
import { BoardView } from '@/components/board/board-view';
import { EventNav } from '@/components/events/event-nav';
import { PageShell } from '@/components/site-header';
import { PageTitle } from '@/components/ui/card';
import { loadBoardState } from '@/lib/board/load-board';
import { loadPageEvent } from '@/lib/events/load-page-event';

export const dynamic = 'force-dynamic';

type Params = Promise<{ slug: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { access } = await loadPageEvent((await params).slug);
  return { title: `Board · ${access.event.title}` };
}

export default async function BoardPage({ params }: { params: Params }) {
  const { slug } = await params;
  const { user, access, organiser } = await loadPageEvent(slug);
  const state = await loadBoardState(user, slug);
  const help = organiser
    ? 'Drag proposals onto rooms and time slots. Everyone watching sees each move at once.'
    : state.viewer.canPlaceOwn
      ? 'Barcamp mode: put your own sessions into free cells.'
      : 'Vote for the sessions you want; the organisers put them on the board.';
  return (
    <PageShell wide>
      <PageTitle
        title="Schedule board"
        subtitle={
          <>
            <Link href={`/e/${slug}`} className="hover:underline">
              {access.event.title}
            </Link>{' '}
            · {help}
          </>
        }
      />
      <EventNav slug={slug} current="board" signedIn={!!user} organiser={organiser} />
      <BoardView slug={slug} initial={state} />
    </PageShell>
  );
}
