import type { Actor } from '@/lib/policies';
import { loadEventAccess } from '@/lib/events/event-access';
import { listRooms, type RoomDto } from '@/lib/rooms/rooms';
import { listSlots, type SlotDto } from '@/lib/slots/slots';
import { listSessions } from '@/lib/sessions/sessions';
import type { SessionDto } from '@/lib/sessions/session-dto';

export interface ScheduleDay {
  day: string;
  slots: { slot: SlotDto; cells: (SessionDto | null)[] }[];
}
export interface ScheduleGrid {
  rooms: RoomDto[];
  days: ScheduleDay[];
  unscheduled: SessionDto[];
}

/** The event's rooms × slots with the sessions placed in them, day by day. */
export async function loadScheduleGrid(actor: Actor | null, slug: string): Promise<ScheduleGrid> {
  await loadEventAccess(actor, { slug });
  const [rooms, slots, sessions] = await Promise.all([
    listRooms(actor, slug),
    listSlots(actor, slug),
    listSessions(actor, slug),
  ]);
  const at = new Map(sessions.filter((s) => s.slot && s.room).map((s) => [`${s.slot!.id}/${s.room!.id}`, s]));
  const days = new Map<string, ScheduleDay>();
  for (const slot of slots) {
    const d = days.get(slot.day) ?? { day: slot.day, slots: [] };
    d.slots.push({ slot, cells: rooms.map((r) => at.get(`${slot.id}/${r.id}`) ?? null) });
    days.set(slot.day, d);
  }
  return { rooms, days: [...days.values()], unscheduled: sessions.filter((s) => s.status === 'PROPOSED') };
}
