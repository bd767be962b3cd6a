import { z } from 'zod';
import { db, type Slot } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/policies';
import { announceBoardChange } from '@/lib/board/board-events';
import { assertCan, loadEventAccess } from '@/lib/events/event-access';
import { dayInZone, instantSchema, timeInZone, zonedTimeToInstant } from '@/lib/time';
import { assertSlotFits } from './slot-rules';

const kind = z.enum(['SESSION', 'BREAK', 'PLENARY', 'LIGHTNING']);
const label = z.string().trim().max(80).nullable();
const localDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-06-11');
const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time like 09:30');

/**
 * A slot's times come either as instants (`startsAt`, `endsAt` with a zone) or as a day and wall
 * times in the event's zone (`day`, `start`, `end`), which is what the settings page sends.
 */
const times = { startsAt: instantSchema, endsAt: instantSchema, day: localDay, start: localTime, end: localTime };
export const createSlotInput = z
  .object({ ...times, kind: kind.default('SESSION'), label: label.optional() })
  .partial({ startsAt: true, endsAt: true, day: true, start: true, end: true })
  .strict();
export const updateSlotInput = z
  .object({ ...times, kind, label })
  .partial()
  .strict();

export interface SlotDto {
  id: string;
  day: string;
  startsAt: string;
  endsAt: string;
  start: string;
  end: string;
  kind: Slot['kind'];
  label: string | null;
}

export function toSlotDto(s: Slot, timeZone: string): SlotDto {
  return {
    id: s.id,
    day: s.day,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    start: timeInZone(s.startsAt, timeZone),
    end: timeInZone(s.endsAt, timeZone),
    kind: s.kind,
    label: s.label,
  };
}

type TimeFields = Partial<Pick<z.infer<typeof updateSlotInput>, 'startsAt' | 'endsAt' | 'day' | 'start' | 'end'>>;

/** Resolves either form of times into instants, falling back to the slot's current ones. */
function resolveTimes(
  data: TimeFields,
  timeZone: string,
  current?: { startsAt: Date; endsAt: Date },
): { startsAt: Date; endsAt: Date } {
  const local = data.day !== undefined || data.start !== undefined || data.end !== undefined;
  if (local && (data.startsAt || data.endsAt))
    throw new AppError('bad_request', 'Give either startsAt/endsAt or day/start/end', 'startsAt');
  if (local) {
    const day = data.day ?? (current ? dayInZone(current.startsAt, timeZone) : undefined);
    const start = data.start ?? (current ? timeInZone(current.startsAt, timeZone) : undefined);
    const end = data.end ?? (current ? timeInZone(current.endsAt, timeZone) : undefined);
    if (!day) throw new AppError('bad_request', 'Which day?', 'day');
    if (!start) throw new AppError('bad_request', 'When does it start?', 'start');
    if (!end) throw new AppError('bad_request', 'When does it end?', 'end');
    const startsAt = zonedTimeToInstant(day, start, timeZone);
    // An end before the start means the slot runs past midnight into the next day.
    let endsAt = zonedTimeToInstant(day, end, timeZone);
    if (endsAt <= startsAt && end !== start) endsAt = new Date(endsAt.getTime() + 86_400_000);
    return { startsAt, endsAt };
  }
  const startsAt = data.startsAt ?? current?.startsAt;
  const endsAt = data.endsAt ?? current?.endsAt;
  if (!startsAt) throw new AppError('bad_request', 'startsAt: Required', 'startsAt');
  if (!endsAt) throw new AppError('bad_request', 'endsAt: Required', 'endsAt');
  return { startsAt, endsAt };
}

export async function listSlots(actor: Actor | null, slug: string): Promise<SlotDto[]> {
  const access = await loadEventAccess(actor, { slug });
  const rows = await db.slot.findMany({ where: { eventId: access.event.id }, orderBy: { startsAt: 'asc' } });
  return rows.map((s) => toSlotDto(s, access.event.timezone));
}

/** Adds a slot (organisers): 400 outside the event's dates, 409 when it overlaps another slot. */
export async function createSlot(actor: Actor | null, slug: string, input: unknown): Promise<SlotDto> {
  const access = await loadEventAccess(actor, { slug });
  assertCan(access, 'slot.manage');
  const data = createSlotInput.parse(input);
  const { startsAt, endsAt } = resolveTimes(data, access.event.timezone);
  const event = access.event;
  await assertSlotFits({ event, startsAt, endsAt });
  const slot = await db.slot.create({
    data: {
      eventId: event.id,
      startsAt,
      endsAt,
      day: dayInZone(startsAt, event.timezone),
      kind: data.kind ?? 'SESSION',
      label: data.label ?? null,
    },
  });
  announceBoardChange(event.id, 'slot');
  return toSlotDto(slot, event.timezone);
}

async function slotInEvent(actor: Actor | null, slug: string, slotId: string, write: boolean) {
  const access = await loadEventAccess(actor, { slug });
  if (write) assertCan(access, 'slot.manage');
  const slot = await db.slot.findFirst({ where: { id: slotId, eventId: access.event.id } });
  if (!slot) throw new AppError('not_found', 'Slot not found');
  return { access, slot };
}

export async function getSlot(actor: Actor | null, slug: string, slotId: string): Promise<SlotDto> {
  const { access, slot } = await slotInEvent(actor, slug, slotId, false);
  return toSlotDto(slot, access.event.timezone);
}

/** Changes a slot with the same rules as creating one; it cannot become a break while it holds sessions. */
export async function updateSlot(actor: Actor | null, slug: string, slotId: string, input: unknown): Promise<SlotDto> {
  const { access, slot } = await slotInEvent(actor, slug, slotId, true);
  const data = updateSlotInput.parse(input);
  const event = access.event;
  const { startsAt, endsAt } = resolveTimes(data, event.timezone, slot);
  await assertSlotFits({ event, startsAt, endsAt, exceptSlotId: slot.id });
  if (data.kind === 'BREAK' || data.kind === 'PLENARY') {
    const held = await db.session.count({ where: { slotId: slot.id } });
    if (held > 0)
      throw new AppError(
        'conflict',
        `This slot holds ${held} session${held === 1 ? '' : 's'}: move them before making it a ${data.kind.toLowerCase()}`,
        'kind',
      );
  }
  const updated = await db.slot.update({
    where: { id: slot.id },
    data: { startsAt, endsAt, day: dayInZone(startsAt, event.timezone), kind: data.kind, label: data.label },
  });
  announceBoardChange(event.id, 'slot');
  return toSlotDto(updated, event.timezone);
}

/** Deletes a slot; sessions scheduled in it go back to unscheduled proposals. */
export async function deleteSlot(actor: Actor | null, slug: string, slotId: string): Promise<{ unscheduled: number }> {
  const { access, slot } = await slotInEvent(actor, slug, slotId, true);
  const [moved] = await db.$transaction([
    db.session.updateMany({ where: { slotId: slot.id }, data: { status: 'PROPOSED', roomId: null, slotId: null } }),
    db.slot.delete({ where: { id: slot.id } }),
  ]);
  announceBoardChange(access.event.id, 'slot');
  return { unscheduled: moved.count };
}

export const copyDayInput = z.object({ fromDay: localDay, toDay: localDay }).strict();

/** Copies every slot of one day to another day at the same wall-clock times (organisers). */
export async function copySlotsToDay(actor: Actor | null, slug: string, input: unknown): Promise<SlotDto[]> {
  const access = await loadEventAccess(actor, { slug });
  assertCan(access, 'slot.manage');
  const { fromDay, toDay } = copyDayInput.parse(input);
  const event = access.event;
  if (fromDay === toDay) throw new AppError('bad_request', 'Pick another day to copy to', 'toDay');
  const source = await db.slot.findMany({ where: { eventId: event.id, day: fromDay }, orderBy: { startsAt: 'asc' } });
  if (source.length === 0) throw new AppError('bad_request', `${fromDay} has no slots to copy`, 'fromDay');
  const planned = source.map((s) => {
    const startsAt = zonedTimeToInstant(toDay, timeInZone(s.startsAt, event.timezone), event.timezone);
    return {
      startsAt,
      endsAt: new Date(startsAt.getTime() + (s.endsAt.getTime() - s.startsAt.getTime())),
      kind: s.kind,
      label: s.label,
    };
  });
  for (const p of planned) await assertSlotFits({ event, startsAt: p.startsAt, endsAt: p.endsAt, field: 'toDay' });
  const created = await db.$transaction(
    planned.map((p) =>
      db.slot.create({ data: { eventId: event.id, day: dayInZone(p.startsAt, event.timezone), ...p } }),
    ),
  );
  announceBoardChange(event.id, 'slot');
  return created.map((s) => toSlotDto(s, event.timezone));
}
