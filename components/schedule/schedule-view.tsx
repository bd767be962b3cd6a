'use client';

import clsx from 'clsx';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { LiveIndicator } from '@/components/board/live-indicator';
import { cellKey, holdsSessions, sessionsByCell, shortDay } from '@/components/board/board-moves';
import { useBoardState } from '@/components/board/use-board-state';
import { PresenceBadge } from '@/components/events/presence-badge';
import type { BoardSessionDto, BoardStateDto } from '@/lib/board/board-dto';
import { displayHosts } from '@/lib/schedule/display-hosts';
import type { SlotDto } from '@/lib/slots/slots';
import { nowAndNext } from './now-next';
import { StarButton } from './star-button';
import { useNow } from './use-now';

function Marker({ kind }: { kind: 'now' | 'next' }) {
  return (
    <span
      data-testid={`marker-${kind}`}
      className={clsx(
        'rounded-full px-2 py-0.5 text-[11px] font-bold uppercase tracking-wide',
        kind === 'now' ? 'bg-brand-600 text-white' : 'bg-amber-100 text-amber-900',
      )}
    >
      {kind}
    </span>
  );
}

function SessionEntry({ s, signedIn, roomName }: { s: BoardSessionDto; signedIn: boolean; roomName?: string }) {
  const hosts = displayHosts(s);
  return (
    <div className="flex items-start gap-1" data-testid="schedule-session">
      <div className="min-w-0 flex-1">
        <Link href={s.path} className="font-semibold leading-snug text-ink hover:text-brand-700 hover:underline">
          {s.title}
        </Link>
        <p className="text-xs text-stone-600">
          {[roomName, hosts.map((h) => h.name).join(', ')].filter(Boolean).join(' · ')}
        </p>
        <PresenceBadge presence={s.presence ?? undefined} />
      </div>
      {signedIn && <StarButton sessionId={s.id} title={s.title} starred={s.starred} />}
    </div>
  );
}

function slotName(slot: SlotDto) {
  return slot.label ?? (slot.kind === 'BREAK' ? 'Break' : slot.kind === 'PLENARY' ? 'Plenary' : '');
}

/** The public schedule: day tabs, a grid on wide screens and a list on phones, now and next marked; live. */
export function ScheduleView({ slug, initial }: { slug: string; initial: BoardStateDto }) {
  const { state, status } = useBoardState(slug, initial);
  const now = useNow();
  const todayKey = now ? new Intl.DateTimeFormat('en-CA', { timeZone: state.event.timezone }).format(now) : null;
  const [choice, setChoice] = useState<string | null>(null);
  const day = state.days.find((d) => d.day === (choice ?? todayKey)) ?? state.days[0];
  const byCell = useMemo(() => sessionsByCell(state), [state]);
  const signedIn = state.viewer.userId !== null;
  if (!day || state.rooms.length === 0) {
    return (
      <div className="rounded-xl bg-white p-6 text-stone-600 shadow-sm ring-1 ring-stone-200">
        The schedule has not been published yet.
      </div>
    );
  }
  const marks = nowAndNext(
    state.days.flatMap((d) => d.slots),
    now,
  );
  const mark = (slot: SlotDto) => (marks.now?.id === slot.id ? 'now' : marks.next?.id === slot.id ? 'next' : null);

  return (
    <div>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        {state.days.length > 1 ? (
          <div role="tablist" aria-label="Days" className="flex flex-wrap gap-1">
            {state.days.map((d) => (
              <button
                key={d.day}
                type="button"
                role="tab"
                aria-selected={d.day === day.day}
                onClick={() => setChoice(d.day)}
                className={clsx(
                  'rounded-md px-3 py-1.5 text-sm font-medium',
                  d.day === day.day
                    ? 'bg-ink text-white'
                    : 'bg-white text-stone-700 ring-1 ring-stone-200 hover:bg-stone-50',
                )}
              >
                {shortDay(d.day)}
              </button>
            ))}
          </div>
        ) : (
          <h2 className="font-semibold text-ink">{shortDay(day.day)}</h2>
        )}
        <div className="flex items-center gap-3">
          <span className="text-xs text-stone-500">Times in {state.event.timezone}</span>
          <LiveIndicator status={status} />
        </div>
      </div>

      {/* Wide screens: rooms side by side. */}
      <div className="hidden overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-stone-200 md:block">
        <table className="w-full table-fixed text-sm" data-testid="schedule-grid">
          <thead className="bg-stone-50 text-left text-xs uppercase tracking-wide text-stone-500">
            <tr>
              <th scope="col" className="w-28 px-3 py-2 font-medium">
                Time
              </th>
              {state.rooms.map((r) => (
                <th key={r.id} scope="col" className="px-3 py-2 font-medium">
                  {r.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {day.slots.map((slot) => {
              const m = mark(slot);
              return (
                <tr
                  key={slot.id}
                  data-testid="schedule-row"
                  data-mark={m ?? ''}
                  className={clsx(m === 'now' && 'bg-brand-50/70', !holdsSessions(slot) && 'bg-stone-50')}
                >
                  <th
                    scope="row"
                    className="px-3 py-3 text-left align-top font-mono text-xs font-normal text-stone-600"
                  >
                    {slot.start}–{slot.end}
                    {m && (
                      <div className="mt-1">
                        <Marker kind={m} />
                      </div>
                    )}
                  </th>
                  {holdsSessions(slot) ? (
                    state.rooms.map((room) => {
                      const s = byCell.get(cellKey(slot.id, room.id));
                      return (
                        <td key={room.id} className="px-3 py-3 align-top">
                          {s ? <SessionEntry s={s} signedIn={signedIn} /> : null}
                        </td>
                      );
                    })
                  ) : (
                    <td colSpan={state.rooms.length} className="px-3 py-3 text-center text-stone-600">
                      {slotName(slot)}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      {/* Phones: one list by time. */}
      <ol className="space-y-3 md:hidden" data-testid="schedule-list">
        {day.slots.map((slot) => {
          const m = mark(slot);
          const inSlot = state.rooms
            .map((room) => ({ room, s: byCell.get(cellKey(slot.id, room.id)) }))
            .filter((x) => x.s);
          return (
            <li
              key={slot.id}
              className={clsx(
                'rounded-xl bg-white p-4 shadow-sm ring-1',
                m === 'now' ? 'ring-brand-500' : 'ring-stone-200',
              )}
              data-mark={m ?? ''}
            >
              <div
                className={clsx(
                  'flex items-center gap-2 font-mono text-sm text-stone-600',
                  holdsSessions(slot) && 'mb-2',
                )}
              >
                {slot.start}–{slot.end} {m && <Marker kind={m} />}
                {!holdsSessions(slot) && <span className="font-sans font-medium text-stone-700">{slotName(slot)}</span>}
              </div>
              {holdsSessions(slot) &&
                (inSlot.length === 0 ? (
                  <p className="text-sm text-stone-500">Nothing scheduled</p>
                ) : (
                  <ul className="divide-y divide-stone-100">
                    {inSlot.map(({ room, s }) => (
                      <li key={room.id} className="py-2">
                        <SessionEntry s={s!} signedIn={signedIn} roomName={room.name} />
                      </li>
                    ))}
                  </ul>
                ))}
            </li>
          );
        })}
      </ol>
      <p className="mt-6 text-sm text-stone-600">
        Add the whole schedule to your calendar:{' '}
        <a className="font-semibold text-brand-700 hover:underline" href={`/api/events/${slug}/schedule.ics`}>
          schedule.ics
        </a>
        {signedIn && (
          <>
            {' '}
            ·{' '}
            <Link className="font-semibold text-brand-700 hover:underline" href={`/e/${slug}/agenda`}>
              My agenda
            </Link>
          </>
        )}
      </p>
    </div>
  );
}
