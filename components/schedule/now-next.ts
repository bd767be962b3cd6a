import type { SlotDto } from '@/lib/slots/slots';

/** The slot running at `now` and the one after it (by start time), among slots of any kind. */
export function nowAndNext(slots: SlotDto[], now: Date | null): { now: SlotDto | null; next: SlotDto | null } {
  if (!now) return { now: null, next: null };
  const t = now.getTime();
  const sorted = [...slots].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const current = sorted.find((s) => Date.parse(s.startsAt) <= t && t < Date.parse(s.endsAt)) ?? null;
  const next = sorted.find((s) => Date.parse(s.startsAt) > t) ?? null;
  return { now: current, next };
}
