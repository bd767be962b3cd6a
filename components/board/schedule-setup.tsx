'use client';

import type { BoardStateDto } from '@/lib/board/board-dto';
import { RoomsEditor } from './rooms-editor';
import { SlotsEditor } from './slots-editor';
import { useSetupState } from './use-setup-state';

function eventDays(start: string, end: string): string[] {
  const out: string[] = [];
  for (
    let t = Date.parse(`${start}T00:00:00Z`);
    t <= Date.parse(`${end}T00:00:00Z`) && out.length < 31;
    t += 86_400_000
  )
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** Rooms and time slots in the event settings. */
export function ScheduleSetup({ slug, initial }: { slug: string; initial: BoardStateDto }) {
  const { state, run: runAbsolute, heldByRoom, heldBySlot } = useSetupState(slug, initial);
  const run = (path: string, init: { method?: string; body?: unknown }) =>
    runAbsolute(`/api/events/${slug}/${path}`, init);
  const days = eventDays(state.event.startDate, state.event.endDate);
  const slotsByDay = new Map(state.days.map((d) => [d.day, d.slots]));
  return (
    <div className="space-y-8">
      <div id="rooms">
        <h3 className="mb-1 font-semibold text-ink">Rooms</h3>
        <p className="mb-3 text-sm text-stone-600">
          Columns of the board, left to right. Seats let the board warn when a session draws more voters than fit.
        </p>
        <RoomsEditor rooms={state.rooms} heldByRoom={heldByRoom} run={run} />
      </div>
      <div id="slots">
        <h3 className="mb-1 font-semibold text-ink">Time slots</h3>
        <p className="mb-3 text-sm text-stone-600">
          Rows of the board, in {state.event.timezone} time. Breaks and plenaries span every room and take no sessions.
        </p>
        <SlotsEditor days={days} slotsByDay={slotsByDay} heldBySlot={heldBySlot} run={run} />
      </div>
    </div>
  );
}
