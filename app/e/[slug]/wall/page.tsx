import type { Metadata } from 'next';
import { WallView } from '@/components/schedule/wall-view';
import { loadBoardState } from '@/lib/board/load-board';
import { loadPageEvent } from '@/lib/events/load-page-event';

export const dynamic = 'force-dynamic';

type Params = Promise<{ slug: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { access } = await loadPageEvent((await params).slug);
  return { title: `Now and next · ${access.event.title}` };
}

/** Full-screen projector view; no site header. */
export default async function WallPage({ params }: { params: Params }) {
  const { slug } = await params;
  const { user } = await loadPageEvent(slug);
  const state = await loadBoardState(user, slug);
  return (
    <main id="main">
      <WallView slug={slug} initial={state} />
    </main>
  );
}
