'use client';

import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import type { BoardSessionDto, BoardStateDto } from '@/lib/board/board-dto';
import { cellKey, holdsSessions, PARKING, shortDay, type Cell } from './board-moves';

const item =
  'cursor-pointer rounded px-3 py-1.5 outline-none data-[highlighted]:bg-brand-50 data-[highlighted]:text-brand-700';

/** The non-drag way to move a session: every free cell (and, for organisers, swaps), by keyboard or touch. */
export function MoveMenu({
  session,
  state,
  byCell,
  onMove,
}: {
  session: BoardSessionDto;
  state: BoardStateDto;
  byCell: Map<string, BoardSessionDto>;
  onMove: (session: BoardSessionDto, to: Cell) => void;
}) {
  const swaps = state.viewer.canSchedule && session.status === 'SCHEDULED';
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger
        className="rounded px-1.5 py-0.5 text-xs font-semibold text-brand-700 hover:bg-brand-50"
        aria-label={`Move “${session.title}” to…`}
      >
        Move to…
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="start"
          sideOffset={4}
          collisionPadding={8}
          className={
            'z-50 max-h-[min(28rem,var(--radix-dropdown-menu-content-available-height))] min-w-60 overflow-y-auto ' +
            'rounded-lg bg-white p-1 text-sm shadow-lg ring-1 ring-stone-200'
          }
        >
          {session.status === 'SCHEDULED' && (
            <DropdownMenu.Item className={item} onSelect={() => onMove(session, PARKING)}>
              Back to the parking lot
            </DropdownMenu.Item>
          )}
          {state.days.map((day) => (
            <DropdownMenu.Group key={day.day}>
              <DropdownMenu.Label className="px-3 pb-1 pt-2 text-xs font-semibold uppercase tracking-wide text-stone-500">
                {shortDay(day.day)}
              </DropdownMenu.Label>
              {day.slots.filter(holdsSessions).flatMap((slot) =>
                state.rooms.map((room) => {
                  const holder = byCell.get(cellKey(slot.id, room.id));
                  if (holder?.id === session.id || (holder && !swaps)) return null;
                  return (
                    <DropdownMenu.Item
                      key={`${slot.id}/${room.id}`}
                      className={item}
                      onSelect={() => onMove(session, { roomId: room.id, slotId: slot.id })}
                    >
                      {slot.start} · {room.name}
                      {holder ? <span className="text-stone-500"> (swap with “{holder.title}”)</span> : null}
                    </DropdownMenu.Item>
                  );
                }),
              )}
            </DropdownMenu.Group>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
