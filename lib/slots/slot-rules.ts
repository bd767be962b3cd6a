import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { dayInZone, timeInZone, toDateOnly } from '@/lib/time';

const MAX_SLOT_MS = 24 * 3600_000;

interface SlotCandidate {
  event: { id: string; timezone: string; startDate: Date; endDate: Date };
  startsAt: Date;
  endsAt: Date;
  /** The slot being changed, which must not collide with itself. */
  exceptSlotId?: string;
  /** Field named in errors about the slot's day. */
  field?: string;
}

/**
 * The rules every new or changed slot obeys, for POST and PATCH alike: it ends after it starts and
 * within a day, starts on one of the event's days (400), and overlaps no other slot (409).
 */
export async function assertSlotFits(c: SlotCandidate): Promise<void> {
  if (c.endsAt <= c.startsAt) throw new AppError('bad_request', 'A slot must end after it starts', 'endsAt');
  if (c.endsAt.getTime() - c.startsAt.getTime() > MAX_SLOT_MS)
    throw new AppError('bad_request', 'A slot cannot last more than a day', 'endsAt');
  const day = dayInZone(c.startsAt, c.event.timezone);
  const first = toDateOnly(c.event.startDate);
  const last = toDateOnly(c.event.endDate);
  if (day < first || day > last) {
    throw new AppError(
      'bad_request',
      `The event runs from ${first} to ${last}; this slot starts on ${day}`,
      c.field ?? 'startsAt',
    );
  }
  const clash = await db.slot.findFirst({
    where: {
      eventId: c.event.id,
      startsAt: { lt: c.endsAt },
      endsAt: { gt: c.startsAt },
      ...(c.exceptSlotId ? { id: { not: c.exceptSlotId } } : {}),
    },
    orderBy: { startsAt: 'asc' },
  });
  if (clash) {
    const tz = c.event.timezone;
    throw new AppError(
      'conflict',
      `Overlaps the ${timeInZone(clash.startsAt, tz)}–${timeInZone(clash.endsAt, tz)} slot on ${clash.day}`,
      c.field ?? 'startsAt',
    );
  }
}
