// Soft problems with a schedule, worked out from plain data so the board, the scheduling API and
// the tests share one definition. Hard rules (one session per cell, no sessions in breaks) are
// enforced by scheduleSession instead.

export interface WarningSession {
  id: string;
  title: string;
  roomId: string | null;
  slotId: string | null;
  /** Proposer and co-hosts. */
  hosts: { id: string; name: string }[];
  voterIds: string[];
}
export interface WarningRoom {
  id: string;
  name: string;
  capacity: number | null;
  order: number;
}
export interface WarningSlot {
  id: string;
  startsAt: Date | string;
  endsAt: Date | string;
}

export type ScheduleWarning =
  | { kind: 'host_double_booked'; message: string; hostName: string; otherSessionId: string }
  | {
      kind: 'over_capacity';
      message: string;
      voters: number;
      capacity: number;
      suggestedRoom: { id: string; name: string; capacity: number | null } | null;
    }
  | { kind: 'shared_voters'; message: string; otherSessionId: string; shared: number };

/** Two parallel sessions share "many" voters: at least 2 people and half of the smaller audience. */
export function manySharedVoters(shared: number, a: number, b: number): boolean {
  return shared >= 2 && shared * 2 >= Math.min(a, b);
}

const ms = (d: Date | string) => (typeof d === 'string' ? Date.parse(d) : d.getTime());

/** Warnings for every scheduled session, keyed by session id (sessions without any are left out). */
export function scheduleWarnings(
  sessions: WarningSession[],
  rooms: WarningRoom[],
  slots: WarningSlot[],
): Map<string, ScheduleWarning[]> {
  const slotById = new Map(slots.map((s) => [s.id, s]));
  const roomById = new Map(rooms.map((r) => [r.id, r]));
  const placed = sessions.filter((s) => s.roomId && s.slotId && slotById.has(s.slotId) && roomById.has(s.roomId));
  const parallel = (a: WarningSession, b: WarningSession) => {
    const x = slotById.get(a.slotId!)!;
    const y = slotById.get(b.slotId!)!;
    return ms(x.startsAt) < ms(y.endsAt) && ms(y.startsAt) < ms(x.endsAt);
  };
  const out = new Map<string, ScheduleWarning[]>();
  const add = (id: string, w: ScheduleWarning) => out.set(id, [...(out.get(id) ?? []), w]);

  for (const s of placed) {
    const others = placed.filter((o) => o.id !== s.id && parallel(s, o));
    for (const host of s.hosts) {
      const clash = others.find((o) => o.hosts.some((h) => h.id === host.id));
      if (clash)
        add(s.id, {
          kind: 'host_double_booked',
          hostName: host.name,
          otherSessionId: clash.id,
          message: `${host.name} also hosts “${clash.title}” at the same time`,
        });
    }
    const room = roomById.get(s.roomId!)!;
    const voters = new Set(s.voterIds).size;
    if (room.capacity !== null && voters > room.capacity) {
      const taken = new Set(placed.filter((o) => o.slotId === s.slotId).map((o) => o.roomId));
      const bigger = rooms
        .filter((r) => !taken.has(r.id) && (r.capacity === null || r.capacity > room.capacity!))
        .sort((a, b) => (a.capacity ?? Infinity) - (b.capacity ?? Infinity) || a.order - b.order);
      const fits = bigger.find((r) => r.capacity === null || r.capacity >= voters) ?? bigger.at(-1) ?? null;
      const suggestedRoom = fits ? { id: fits.id, name: fits.name, capacity: fits.capacity } : null;
      add(s.id, {
        kind: 'over_capacity',
        voters,
        capacity: room.capacity,
        suggestedRoom,
        message:
          `${voters} people voted for it; ${room.name} seats ${room.capacity}` +
          (suggestedRoom
            ? `. ${suggestedRoom.name} is free${suggestedRoom.capacity ? ` (${suggestedRoom.capacity} seats)` : ''}`
            : ''),
      });
    }
    const mine = new Set(s.voterIds);
    for (const o of others) {
      const theirs = new Set(o.voterIds);
      const shared = [...mine].filter((v) => theirs.has(v)).length;
      if (manySharedVoters(shared, mine.size, theirs.size)) {
        add(s.id, {
          kind: 'shared_voters',
          otherSessionId: o.id,
          shared,
          message: `${shared} people voted for both this and “${o.title}”, which runs in parallel`,
        });
      }
    }
  }
  return out;
}
