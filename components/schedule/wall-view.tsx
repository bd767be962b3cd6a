'use client';

import { cellKey, holdsSessions, sessionsByCell } from '@/components/board/board-moves';
import { useBoardState } from '@/components/board/use-board-state';
import type { BoardSessionDto, BoardStateDto } from '@/lib/board/board-dto';
import { displayHosts } from '@/lib/schedule/display-hosts';
import type { SlotDto } from '@/lib/slots/slots';
import { timeInZone } from '@/lib/time';
import { nowAndNext } from './now-next';
import { QrCode } from './qr-code';
import { useNow } from './use-now';

function Upcoming({
  s,
  slot,
  origin,
  kind,
}: {
  s: BoardSessionDto;
  slot: SlotDto;
  origin: string;
  kind: 'now' | 'next';
}) {
  const hosts = displayHosts(s)
    .map((h) => h.name)
    .join(', ');
  return (
    <div className="flex items-start gap-4" data-testid={`wall-${kind}`}>
      <div className="min-w-0 flex-1">
        <p
          className={
            kind === 'now'
              ? 'text-3xl font-bold leading-tight text-white xl:text-4xl'
              : 'text-xl font-semibold text-stone-200'
          }
        >
          {s.title}
        </p>
        <p className="mt-1 text-lg text-stone-400">
          {hosts}
          {hosts ? ' · ' : ''}
          {kind === 'now' ? `until ${slot.end}` : `at ${slot.start}`}
        </p>
      </div>
      {kind === 'now' && (
        <QrCode
          url={`${origin}${s.path}`}
          label={`QR code: notes of ${s.title}`}
          className="h-28 w-28 shrink-0 rounded-lg bg-white p-1.5"
        />
      )}
    </div>
  );
}

/** The projector view: now and next per room, QR codes to each session's notes and to the event. */
export function WallView({ slug, initial }: { slug: string; initial: BoardStateDto }) {
  const { state } = useBoardState(slug, initial);
  const now = useNow(5_000);
  const byCell = sessionsByCell(state);
  const slots = state.days.flatMap((d) => d.slots);
  const marks = nowAndNext(slots, now);
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  const later = now ? slots.filter((s) => holdsSessions(s) && Date.parse(s.startsAt) > now.getTime()) : [];
  const plenaryNow = marks.now && !holdsSessions(marks.now) ? marks.now : null;

  return (
    <div className="flex min-h-screen flex-col bg-ink p-8 text-white">
      <header className="mb-8 flex items-start justify-between gap-8">
        <div>
          <h1 className="text-4xl font-bold tracking-tight xl:text-5xl">{state.event.title}</h1>
          <p className="mt-2 text-2xl text-stone-300" data-testid="wall-clock">
            {now ? timeInZone(now, state.event.timezone) : '\u00a0'}
            {plenaryNow && (
              <span className="ml-4 rounded-full bg-amber-400 px-3 py-1 text-lg font-semibold text-ink">
                {plenaryNow.label ?? plenaryNow.kind.toLowerCase()}
              </span>
            )}
          </p>
        </div>
        <div className="flex items-center gap-4">
          <p className="max-w-48 text-right text-lg text-stone-300">Join, vote and take notes</p>
          <QrCode
            url={state.event.url}
            label="QR code: join the event"
            className="h-32 w-32 rounded-lg bg-white p-1.5"
          />
        </div>
      </header>
      {state.rooms.length === 0 ? (
        <p className="text-2xl text-stone-400">No rooms yet.</p>
      ) : (
        <ul
          className="grid flex-1 gap-6"
          style={{ gridTemplateColumns: `repeat(${Math.min(state.rooms.length, 3)}, minmax(0, 1fr))` }}
        >
          {state.rooms.map((room) => {
            const current =
              marks.now && holdsSessions(marks.now) ? byCell.get(cellKey(marks.now.id, room.id)) : undefined;
            const nextSlot = later.find((s) => byCell.has(cellKey(s.id, room.id)));
            const next = nextSlot ? byCell.get(cellKey(nextSlot.id, room.id)) : undefined;
            return (
              <li
                key={room.id}
                className="flex flex-col rounded-2xl bg-white/5 p-6 ring-1 ring-white/10"
                data-testid="wall-room"
                aria-label={room.name}
              >
                <h2 className="mb-4 text-lg font-semibold uppercase tracking-widest text-brand-100">{room.name}</h2>
                <div className="flex-1">
                  <p className="mb-2 text-sm font-bold uppercase tracking-wider text-emerald-300">Now</p>
                  {current && marks.now ? (
                    <Upcoming s={current} slot={marks.now} origin={origin} kind="now" />
                  ) : (
                    <p className="text-2xl text-stone-400">Nothing right now</p>
                  )}
                </div>
                <div className="mt-6 border-t border-white/10 pt-4">
                  <p className="mb-2 text-sm font-bold uppercase tracking-wider text-amber-400">Next</p>
                  {next && nextSlot ? (
                    <Upcoming s={next} slot={nextSlot} origin={origin} kind="next" />
                  ) : (
                    <p className="text-lg text-stone-400">Nothing later today</p>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
