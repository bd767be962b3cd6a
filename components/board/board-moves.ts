import type { BoardSessionDto, BoardStateDto } from '@/lib/board/board-dto';
import type { SlotDto } from '@/lib/slots/slots';

export interface Cell {
  roomId: string | null;
  slotId: string | null;
}
export const PARKING: Cell = { roomId: null, slotId: null };

export const cellKey = (slotId: string, roomId: string) => `${slotId}/${roomId}`;
export const droppableId = (c: Cell) => (c.roomId && c.slotId ? `cell:${c.slotId}:${c.roomId}` : 'parking');

export function parseDroppableId(id: string): Cell | null {
  if (id === 'parking') return PARKING;
  const m = /^cell:([^:]+):([^:]+)$/.exec(id);
  return m ? { slotId: m[1]!, roomId: m[2]! } : null;
}

/** Slots that take sessions: breaks and plenaries span all rooms. */
export const holdsSessions = (slot: SlotDto) => slot.kind === 'SESSION' || slot.kind === 'LIGHTNING';

export function sessionsByCell(state: BoardStateDto): Map<string, BoardSessionDto> {
  const out = new Map<string, BoardSessionDto>();
  for (const s of state.sessions)
    if (s.status === 'SCHEDULED' && s.roomId && s.slotId) out.set(cellKey(s.slotId, s.roomId), s);
  return out;
}

/** The state after moving a session (and a swapped one), shown before the server answers. */
export function applyMove(
  state: BoardStateDto,
  id: string,
  to: Cell,
  swapped: { id: string; to: Cell } | null,
): BoardStateDto {
  const place = (s: BoardSessionDto, c: Cell): BoardSessionDto => ({
    ...s,
    ...c,
    status: c.roomId ? 'SCHEDULED' : 'PROPOSED',
    warnings: [],
  });
  return {
    ...state,
    sessions: state.sessions.map((s) =>
      s.id === id ? place(s, to) : swapped && s.id === swapped.id ? place(s, swapped.to) : s,
    ),
  };
}

/** Proposals waiting for a place: by votes where the viewer sees them, then oldest first. */
export function parkingLot(state: BoardStateDto): BoardSessionDto[] {
  return state.sessions
    .filter((s) => s.status === 'PROPOSED')
    .sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0) || a.createdAt.localeCompare(b.createdAt));
}

/** "Thu 11 Jun" for a YYYY-MM-DD day. */
export function shortDay(day: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/** Human name of a cell, for messages and menus. */
export function describeCell(state: BoardStateDto, c: Cell): string {
  if (!c.roomId || !c.slotId) return 'the parking lot';
  const room = state.rooms.find((r) => r.id === c.roomId);
  const day = state.days.find((d) => d.slots.some((s) => s.id === c.slotId));
  const slot = day?.slots.find((s) => s.id === c.slotId);
  return `${room?.name ?? 'a room'} at ${slot?.start ?? '?'}${state.days.length > 1 && day ? ` on ${shortDay(day.day)}` : ''}`;
}
