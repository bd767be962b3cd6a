import { db } from '@/lib/db';
import { scheduleWarnings, type ScheduleWarning, type WarningSession } from './schedule-warnings';

/** The people hosting a session: its proposer first, then co-hosts. */
export function hostsOf(s: {
  proposer: { id: string; name: string } | null;
  hosts: { user: { id: string; name: string } }[];
}) {
  const all = [...(s.proposer ? [s.proposer] : []), ...s.hosts.map((h) => h.user)];
  return all.filter((h, i) => all.findIndex((x) => x.id === h.id) === i);
}

/** What the warnings need of a session row (the board and loadEventWarnings read the same fields). */
export function toWarningSession(r: {
  id: string;
  title: string;
  roomId: string | null;
  slotId: string | null;
  proposer: { id: string; name: string } | null;
  hosts: { user: { id: string; name: string } }[];
  votes: { userId: string }[];
}): WarningSession {
  return {
    id: r.id,
    title: r.title,
    roomId: r.roomId,
    slotId: r.slotId,
    hosts: hostsOf(r),
    voterIds: r.votes.map((v) => v.userId),
  };
}

/** Warnings for every scheduled session of an event, from the database as it is now. */
export async function loadEventWarnings(eventId: string): Promise<Map<string, ScheduleWarning[]>> {
  const [rows, rooms, slots] = await Promise.all([
    db.session.findMany({
      where: { eventId, status: 'SCHEDULED' },
      select: {
        id: true,
        title: true,
        roomId: true,
        slotId: true,
        proposer: { select: { id: true, name: true } },
        hosts: { select: { user: { select: { id: true, name: true } } } },
        votes: { select: { userId: true } },
      },
    }),
    db.room.findMany({ where: { eventId }, select: { id: true, name: true, capacity: true, order: true } }),
    db.slot.findMany({ where: { eventId }, select: { id: true, startsAt: true, endsAt: true } }),
  ]);
  const sessions = rows.map(toWarningSession);
  return scheduleWarnings(sessions, rooms, slots);
}
