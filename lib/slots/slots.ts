import { z } from 'zod';
import { db, type Slot } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/policies';
import { assertCan, loadEventAccess } from '@/lib/events/event-access';
import { dayInZone, instantSchema, timeInZone } from '@/lib/time';

const kind = z.enum(['SESSION', 'BREAK', 'PLENARY', 'LIGHTNING']);
const label = z.string().trim().max(80).nullable();
export const createSlotInput = z
  .object({ startsAt: instantSchema, endsAt: instantSchema, kind: kind.default('SESSION'), label: label.optional() })
  .strict()
  // Zod runs object refinements even when a field failed, so check the fields parsed first.
  .refine((s) => !(s.startsAt instanceof Date && s.endsAt instanceof Date) || s.endsAt > s.startsAt, { message: 'A slot must end after it starts', path: ['endsAt'] })
  .refine((s) => !(s.startsAt instanceof Date && s.endsAt instanceof Date) || s.endsAt.getTime() - s.startsAt.getTime() <= 24 * 3600_000, { message: 'A slot cannot last more than a day', path: ['endsAt'] });
export const updateSlotInput = z.object({ startsAt: instantSchema, endsAt: instantSchema, kind, label }).partial().strict();

export interface SlotDto { id: string; day: string; startsAt: string; endsAt: string; start: string; end: string; kind: Slot['kind']; label: string | null }

export function toSlotDto(s: Slot, timeZone: string): SlotDto {
  return { id: s.id, day: s.day, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), start: timeInZone(s.startsAt, timeZone), end: timeInZone(s.endsAt, timeZone), kind: s.kind, label: s.label };
}

export async function listSlots(actor: Actor | null, slug: string): Promise<SlotDto[]> {
  const access = await loadEventAccess(actor, { slug });
  const rows = await db.slot.findMany({ where: { eventId: access.event.id }, orderBy: { startsAt: 'asc' } });
  return rows.map((s) => toSlotDto(s, access.event.timezone));
}

export async function createSlot(actor: Actor | null, slug: string, input: unknown): Promise<SlotDto> {
  const access = await loadEventAccess(actor, { slug });
  assertCan(access, 'slot.manage');
  const data = createSlotInput.parse(input);
  const slot = await db.slot.create({
    data: { eventId: access.event.id, startsAt: data.startsAt, endsAt: data.endsAt, day: dayInZone(data.startsAt, access.event.timezone), kind: data.kind, label: data.label ?? null },
  });
  return toSlotDto(slot, access.event.timezone);
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

export async function updateSlot(actor: Actor | null, slug: string, slotId: string, input: unknown): Promise<SlotDto> {
  const { access, slot } = await slotInEvent(actor, slug, slotId, true);
  const data = updateSlotInput.parse(input);
  const startsAt = data.startsAt ?? slot.startsAt;
  const endsAt = data.endsAt ?? slot.endsAt;
  if (endsAt <= startsAt) throw new AppError('bad_request', 'A slot must end after it starts', 'endsAt');
  const updated = await db.slot.update({
    where: { id: slot.id },
    data: { startsAt, endsAt, day: dayInZone(startsAt, access.event.timezone), kind: data.kind, label: data.label },
  });
  return toSlotDto(updated, access.event.timezone);
}

/** Deletes a slot; sessions scheduled in it go back to unscheduled proposals. */
export async function deleteSlot(actor: Actor | null, slug: string, slotId: string): Promise<void> {
  const { slot } = await slotInEvent(actor, slug, slotId, true);
  await db.$transaction([
    db.session.updateMany({ where: { slotId: slot.id, status: 'SCHEDULED' }, data: { status: 'PROPOSED', roomId: null, slotId: null } }),
    db.slot.delete({ where: { id: slot.id } }),
  ]);
}
