'use client';

import Link from 'next/link';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { shortDay } from '@/components/board/board-moves';
import { useBoardState } from '@/components/board/use-board-state';
import type { BoardStateDto } from '@/lib/board/board-dto';
import { callApi } from '@/lib/http/client-api';
import { displayHosts } from '@/lib/schedule/display-hosts';
import { StarButton } from './star-button';

/** The viewer's starred sessions in time order, with a private calendar feed. */
export function AgendaView({ slug, initial }: { slug: string; initial: BoardStateDto }) {
  const { state, refresh } = useBoardState(slug, initial);
  const [feed, setFeed] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const slots = new Map(state.days.flatMap((d) => d.slots).map((s) => [s.id, s]));
  const rooms = new Map(state.rooms.map((r) => [r.id, r]));
  const starred = state.sessions
    .filter((s) => s.starred)
    .sort((a, b) =>
      (a.slotId ? (slots.get(a.slotId)?.startsAt ?? '') : '~').localeCompare(
        b.slotId ? (slots.get(b.slotId)?.startsAt ?? '') : '~',
      ),
    );

  async function subscribe() {
    const res = await callApi<{ url: string }>(`/api/events/${slug}/agenda-feed`, { body: {} });
    if (res.ok) setFeed(res.data.url);
    else setError(res.message);
  }

  return (
    <div className="space-y-6">
      {starred.length === 0 ? (
        <div className="rounded-xl bg-white p-6 text-stone-600 shadow-sm ring-1 ring-stone-200">
          Nothing starred yet. Star sessions on{' '}
          <Link className="font-semibold text-brand-700 underline" href={`/e/${slug}/schedule`}>
            the schedule
          </Link>{' '}
          to collect them here.
        </div>
      ) : (
        <ol
          className="divide-y divide-stone-100 rounded-xl bg-white shadow-sm ring-1 ring-stone-200"
          data-testid="agenda-list"
        >
          {starred.map((s) => {
            const slot = s.slotId ? slots.get(s.slotId) : undefined;
            return (
              <li key={s.id} className="flex items-start gap-4 p-4">
                <div className="w-28 shrink-0 font-mono text-sm text-stone-600">
                  {slot ? (
                    <>
                      {shortDay(slot.day)}
                      <br />
                      {slot.start}–{slot.end}
                    </>
                  ) : (
                    <span className="font-sans text-stone-500">Not scheduled yet</span>
                  )}
                </div>
                <div className="min-w-0 flex-1">
                  <Link href={s.path} className="font-semibold text-ink hover:text-brand-700 hover:underline">
                    {s.title}
                  </Link>
                  <p className="text-sm text-stone-500">
                    {[
                      s.roomId ? rooms.get(s.roomId)?.name : null,
                      displayHosts(s)
                        .map((h) => h.name)
                        .join(', '),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </p>
                </div>
                <StarButton sessionId={s.id} title={s.title} starred onChange={() => void refresh()} />
              </li>
            );
          })}
        </ol>
      )}
      <section className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200" aria-labelledby="feed-title">
        <h2 id="feed-title" className="font-semibold text-ink">
          In your calendar
        </h2>
        <p className="mt-1 text-sm text-stone-600">
          A private link to your starred sessions that calendar apps keep up to date. Anyone with the link can read it.
        </p>
        {feed ? (
          <input
            readOnly
            value={feed}
            aria-label="Your calendar feed"
            data-testid="agenda-feed-url"
            onFocus={(e) => e.currentTarget.select()}
            className="mt-3 block w-full rounded-md bg-stone-50 px-3 py-2 font-mono text-xs ring-1 ring-stone-200"
          />
        ) : (
          <Button type="button" variant="secondary" className="mt-3" onClick={() => void subscribe()}>
            Get my calendar link
          </Button>
        )}
        {error && (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {error}
          </p>
        )}
      </section>
    </div>
  );
}
