'use client';

import {
  closestCenter,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MouseSensor,
  pointerWithin,
  TouchSensor,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import clsx from 'clsx';
import { useMemo, useState } from 'react';
import type { BoardSessionDto, BoardStateDto } from '@/lib/board/board-dto';
import { callApi } from '@/lib/http/client-api';
import type { ScheduleWarning } from '@/lib/schedule/schedule-warnings';
import {
  applyMove,
  cellKey,
  describeCell,
  droppableId,
  holdsSessions,
  PARKING,
  parkingLot,
  parseDroppableId,
  sessionsByCell,
  shortDay,
  type Cell,
} from './board-moves';
import { gridKeyboardCoordinates } from './keyboard-coordinates';
import { LiveIndicator } from './live-indicator';
import { ProposalForm } from './proposal-form';
import { SessionCard, SessionCardOverlay, type CardActions } from './session-card';
import { SessionEditDialog } from './session-edit-dialog';
import { useBoardState } from './use-board-state';
import { VoteBudget } from './vote-control';

type Notice = { tone: 'error' | 'warning' | 'info'; text: string; details?: string[] };

// The pointer decides where a mouse or finger drops; keyboard drags have no pointer, so the
// nearest target to the moved card wins.
const collision: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length ? hits : closestCenter(args);
};

function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
}

function DropCell({
  id,
  enabled,
  label,
  children,
  highlight,
}: {
  id: string;
  enabled: boolean;
  label: string;
  children: React.ReactNode;
  highlight: boolean;
}) {
  const { setNodeRef, isOver } = useDroppable({ id, disabled: !enabled });
  return (
    <td
      ref={setNodeRef}
      data-testid="board-cell"
      data-cell={id}
      aria-label={label}
      className={clsx('h-24 px-1.5 py-1.5 align-top transition-colors', isOver && 'bg-brand-50')}
    >
      {children ?? (
        <div
          className={clsx(
            'flex h-full min-h-20 items-center justify-center rounded-lg border border-dashed text-xs',
            highlight ? 'border-brand-500 text-brand-700' : 'border-stone-200 text-stone-500',
          )}
        >
          {enabled ? (highlight ? 'Drop here' : 'Free') : ''}
        </div>
      )}
    </td>
  );
}

function ParkingLot({ enabled, children, count }: { enabled: boolean; children: React.ReactNode; count: number }) {
  const { setNodeRef, isOver } = useDroppable({ id: 'parking', disabled: !enabled });
  return (
    <section
      ref={setNodeRef}
      aria-labelledby="parking-title"
      data-testid="parking-lot"
      className={clsx(
        'rounded-xl bg-stone-100/70 p-3 ring-1 ring-stone-200 transition-colors',
        isOver && 'bg-brand-50 ring-brand-500',
      )}
    >
      <h2 id="parking-title" className="mb-2 flex items-baseline justify-between px-1 text-sm font-semibold text-ink">
        Parking lot{' '}
        <span className="text-xs font-normal text-stone-600">
          {count} proposal{count === 1 ? '' : 's'}
        </span>
      </h2>
      <div className="space-y-2">{children}</div>
    </section>
  );
}

/** The live scheduling board: day tabs, rooms × slots, the parking lot, votes and proposals. */
export function BoardView({ slug, initial }: { slug: string; initial: BoardStateDto }) {
  const { state, setState, refresh, status } = useBoardState(slug, initial);
  const today = todayIn(state.event.timezone);
  const [dayChoice, setDayChoice] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 5 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 180, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: gridKeyboardCoordinates }),
  );
  const byCell = useMemo(() => sessionsByCell(state), [state]);
  const lot = useMemo(() => parkingLot(state), [state]);
  const day = state.days.find((d) => d.day === (dayChoice ?? today)) ?? state.days[0];
  const canDrag = state.viewer.canSchedule || state.viewer.canPlaceOwn;
  const active = state.sessions.find((s) => s.id === activeId) ?? null;
  const titleOf = (id: string | number) => state.sessions.find((s) => s.id === id)?.title ?? 'the session';
  const where = (id: string | number | undefined) =>
    id === undefined ? 'nowhere' : describeCell(state, parseDroppableId(String(id)) ?? PARKING);

  const announcements: Announcements = {
    onDragStart: ({ active: a }) =>
      `Picked up “${titleOf(a.id)}”. Use the arrow keys to move between cells, space to drop, escape to cancel.`,
    onDragOver: ({ active: a, over }) =>
      over ? `“${titleOf(a.id)}” is over ${where(over.id)}.` : `“${titleOf(a.id)}” is over no target.`,
    onDragEnd: ({ active: a, over }) =>
      over ? `Dropped “${titleOf(a.id)}” on ${where(over.id)}.` : `Dropped “${titleOf(a.id)}”.`,
    onDragCancel: ({ active: a }) => `Cancelled moving “${titleOf(a.id)}”.`,
  };

  async function move(session: BoardSessionDto, to: Cell) {
    const from: Cell = { roomId: session.roomId, slotId: session.slotId };
    if (from.roomId === to.roomId && from.slotId === to.slotId) return;
    const holder = to.roomId && to.slotId ? byCell.get(cellKey(to.slotId, to.roomId)) : undefined;
    // Swapping trades places between two scheduled sessions; a proposal dropped on a taken cell is
    // refused rather than silently pushing the holder off the board.
    const swap = Boolean(holder && state.viewer.canSchedule && session.status === 'SCHEDULED');
    setNotice(null);
    if (!holder || swap) setState((s) => applyMove(s, session.id, to, holder ? { id: holder.id, to: from } : null));
    const res = await callApi<{ warnings: ScheduleWarning[]; swapped: { title: string } | null }>(
      `/api/sessions/${session.id}`,
      {
        method: 'PATCH',
        body: { ...to, from, ...(swap ? { swap: true } : {}) },
      },
    );
    if (!res.ok) {
      setNotice({ tone: 'error', text: `“${session.title}” was not moved: ${res.message}` });
      await refresh();
      return;
    }
    const moved = to.roomId
      ? `Moved “${session.title}” to ${describeCell(state, to)}`
      : `“${session.title}” is back in the parking lot`;
    const swapped = res.data.swapped ? `; “${res.data.swapped.title}” went to ${describeCell(state, from)}` : '';
    setNotice(
      res.data.warnings.length
        ? {
            tone: 'warning',
            text: `${moved}${swapped}, with warnings:`,
            details: res.data.warnings.map((w) => w.message),
          }
        : { tone: 'info', text: `${moved}${swapped}.` },
    );
    await refresh();
  }

  async function vote(session: BoardSessionDto, votes: number) {
    const delta = votes - session.myVotes;
    setState((s) => ({
      ...s,
      viewer: { ...s.viewer, votesUsed: s.viewer.votesUsed + delta },
      sessions: s.sessions.map((x) =>
        x.id === session.id ? { ...x, myVotes: votes, votes: x.votes === null ? null : x.votes + delta } : x,
      ),
    }));
    const res = await callApi(`/api/sessions/${session.id}/vote`, { method: 'PUT', body: { votes } });
    if (!res.ok) setNotice({ tone: 'error', text: `Vote not counted: ${res.message}` });
    await refresh();
  }

  const actions: CardActions = {
    onMove: (s, to) => void move(s, to),
    onVote: (s, v) => void vote(s, v),
    onEdit: (s) => setEditing(s.id),
  };

  function onDragEnd(e: DragEndEvent) {
    setActiveId(null);
    const session = state.sessions.find((s) => s.id === e.active.id);
    const target = e.over ? parseDroppableId(String(e.over.id)) : null;
    if (session && target) void move(session, target);
  }

  const noGrid = state.rooms.length === 0 || state.days.length === 0;
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collision}
      accessibility={{ announcements }}
      onDragStart={(e: DragStartEvent) => setActiveId(String(e.active.id))}
      onDragEnd={onDragEnd}
      onDragCancel={() => setActiveId(null)}
    >
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <LiveIndicator status={status} />
        {state.settings.barcampMode && (
          <span className="rounded-full bg-brand-50 px-2.5 py-1 text-xs font-medium text-brand-700">
            Barcamp mode: hosts place their own sessions
          </span>
        )}
        {state.settings.boardLocked && (
          <span className="rounded-full bg-amber-50 px-2.5 py-1 text-xs font-medium text-amber-800">
            Board locked by the organisers
          </span>
        )}
        {state.viewer.canVote && (
          <div className="ml-auto">
            <VoteBudget used={state.viewer.votesUsed} budget={state.settings.votesPerAttendee} />
          </div>
        )}
      </div>
      <div aria-live="polite" className="min-h-0">
        {notice && (
          <div
            role={notice.tone === 'error' ? 'alert' : 'status'}
            data-testid="board-notice"
            data-tone={notice.tone}
            className={clsx(
              'mb-4 flex items-start justify-between gap-3 rounded-lg px-4 py-3 text-sm ring-1 ring-inset',
              notice.tone === 'error'
                ? 'bg-red-50 text-red-800 ring-red-200'
                : notice.tone === 'warning'
                  ? 'bg-amber-50 text-amber-900 ring-amber-200'
                  : 'bg-brand-50 text-brand-700 ring-brand-100',
            )}
          >
            <div>
              <p>{notice.text}</p>
              {notice.details && (
                <ul className="mt-1 list-disc pl-5">
                  {notice.details.map((d) => (
                    <li key={d}>{d}</li>
                  ))}
                </ul>
              )}
            </div>
            <button
              type="button"
              onClick={() => setNotice(null)}
              aria-label="Dismiss"
              className="rounded px-1 hover:bg-black/5"
            >
              ✕
            </button>
          </div>
        )}
      </div>

      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0">
          {noGrid ? (
            <div className="rounded-xl bg-white p-6 text-stone-600 shadow-sm ring-1 ring-stone-200">
              No rooms and time slots yet.
              {state.viewer.canSchedule ? (
                <>
                  {' '}
                  Add them in{' '}
                  <a className="font-semibold text-brand-700 underline" href={`/e/${slug}/settings#rooms`}>
                    the event settings
                  </a>
                  .
                </>
              ) : (
                ' The organisers will add them.'
              )}
            </div>
          ) : (
            <>
              {state.days.length > 1 && (
                <div role="tablist" aria-label="Days" className="mb-3 flex flex-wrap gap-1">
                  {state.days.map((d) => (
                    <button
                      key={d.day}
                      role="tab"
                      type="button"
                      aria-selected={d.day === day!.day}
                      onClick={() => setDayChoice(d.day)}
                      className={clsx(
                        'rounded-md px-3 py-1.5 text-sm font-medium',
                        d.day === day!.day
                          ? 'bg-ink text-white'
                          : 'bg-white text-stone-700 ring-1 ring-stone-200 hover:bg-stone-50',
                      )}
                    >
                      {shortDay(d.day)}
                    </button>
                  ))}
                </div>
              )}
              <div className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-stone-200">
                <table
                  style={{ minWidth: `${5 + state.rooms.length * 12}rem` }}
                  className="w-full table-fixed border-collapse text-sm"
                  data-testid="board-grid"
                  aria-label={`Schedule for ${shortDay(day!.day)}`}
                >
                  <thead className="bg-stone-50 text-left text-xs uppercase tracking-wide text-stone-500">
                    <tr>
                      <th scope="col" className="sticky left-0 z-10 w-20 bg-stone-50 px-3 py-2 font-medium">
                        Time
                      </th>
                      {state.rooms.map((r) => (
                        <th key={r.id} scope="col" className="px-3 py-2 font-medium">
                          {r.name}
                          {r.capacity ? (
                            <span className="ml-1 normal-case text-stone-500">· {r.capacity} seats</span>
                          ) : null}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-stone-100">
                    {day!.slots.map((slot) => (
                      <tr key={slot.id} className={holdsSessions(slot) ? '' : 'bg-stone-50'}>
                        <th
                          scope="row"
                          className={
                            'sticky left-0 z-10 bg-inherit px-3 py-3 text-left align-top font-mono text-xs font-normal ' +
                            'text-stone-600'
                          }
                        >
                          <span className="block bg-inherit">{slot.start}</span>
                          <span className="block text-stone-500">{slot.end}</span>
                        </th>
                        {holdsSessions(slot) ? (
                          state.rooms.map((room) => {
                            const s = byCell.get(cellKey(slot.id, room.id));
                            return (
                              <DropCell
                                key={room.id}
                                id={droppableId({ roomId: room.id, slotId: slot.id })}
                                enabled={canDrag}
                                highlight={activeId !== null && !s}
                                label={`${room.name} at ${slot.start}${s ? `: ${s.title}` : ', free'}`}
                              >
                                {s ? (
                                  <SessionCard
                                    session={s}
                                    state={state}
                                    byCell={byCell}
                                    actions={actions}
                                    variant="cell"
                                  />
                                ) : null}
                              </DropCell>
                            );
                          })
                        ) : (
                          <td colSpan={state.rooms.length} className="px-3 py-3 text-center text-sm text-stone-600">
                            <span className="font-medium">
                              {slot.label ?? (slot.kind === 'BREAK' ? 'Break' : 'Plenary')}
                            </span>
                            <span className="ml-2 text-xs uppercase tracking-wide text-stone-500">
                              {slot.kind.toLowerCase()}
                            </span>
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {canDrag && (
                <p className="mt-2 text-xs text-stone-500">
                  Drag a card by its handle (on a phone: press and hold), use the arrow keys after pressing space on the
                  handle, or pick a place with “Move to…”.
                </p>
              )}
            </>
          )}
        </div>
        <div className="space-y-4">
          <ParkingLot enabled={canDrag} count={lot.length}>
            {lot.length === 0 ? (
              <p className="px-1 py-4 text-center text-sm text-stone-500">No proposals waiting.</p>
            ) : (
              lot.map((s) => (
                <SessionCard key={s.id} session={s} state={state} byCell={byCell} actions={actions} variant="lot" />
              ))
            )}
          </ParkingLot>
          {state.viewer.canPropose && (
            <details className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
              <summary className="cursor-pointer text-sm font-semibold text-ink">Propose a session</summary>
              <div className="mt-4">
                <ProposalForm
                  slug={slug}
                  idPrefix="board-proposal"
                  people={state.people}
                  selfId={state.viewer.userId}
                  existing={state.sessions.map((s) => ({ id: s.id, title: s.title, path: s.path }))}
                  onDone={() => void refresh()}
                />
              </div>
            </details>
          )}
        </div>
      </div>
      <DragOverlay dropAnimation={null}>
        {active ? (
          <div className="w-56">
            <SessionCardOverlay session={active} state={state} byCell={byCell} actions={actions} variant="cell" />
          </div>
        ) : null}
      </DragOverlay>
      <SessionEditDialog
        key={editing ?? 'none'}
        session={state.sessions.find((s) => s.id === editing) ?? null}
        state={state}
        onClose={() => {
          setEditing(null);
          void refresh();
        }}
      />
    </DndContext>
  );
}
