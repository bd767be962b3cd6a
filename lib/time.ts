import { z } from 'zod';

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(isValidTimeZone, 'Unknown time zone (use an IANA name such as Europe/London)');

/** A calendar date, YYYY-MM-DD, stored as UTC midnight. */
export const dateOnlySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-06-11')
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'Not a real date',
  )
  .transform((s) => new Date(`${s}T00:00:00Z`));

/** An instant with an explicit offset (2026-06-11T09:00:00Z or +01:00). */
export const instantSchema = z.iso
  .datetime({ offset: true, message: 'Use an ISO 8601 time with a zone, like 2026-06-11T09:00:00Z' })
  .transform((s) => new Date(s));

export function toDateOnly(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The calendar day of an instant in a time zone, YYYY-MM-DD. */
export function dayInZone(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** "09:30" in the event's zone. */
export function timeInZone(d: Date, timeZone: string): string {
  // One formatter per zone: making one costs far more than formatting (exports format hundreds).
  let f = timeFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false });
    timeFormats.set(timeZone, f);
  }
  return f.format(d);
}

/** "Thu 11 June 2026" for a date-only value. */
export function formatDay(d: Date | string): string {
  const date = typeof d === 'string' ? new Date(`${d}T00:00:00Z`) : d;
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
}

export function formatDateRange(start: Date, end: Date): string {
  const s = toDateOnly(start);
  const e = toDateOnly(end);
  return s === e ? formatDay(start) : `${formatDay(start)} – ${formatDay(end)}`;
}

/** Offset of a time zone from UTC at an instant, in minutes (Europe/London in June → 60). */
function zoneOffsetMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - at.getTime()) / 60_000);
}

/** The instant of a wall-clock time ("09:30") on a day (YYYY-MM-DD) in a time zone. */
export function zonedTimeToInstant(day: string, time: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const naive = Date.UTC(y, m - 1, d, hh, mm);
  // Two rounds settle the offset even when the guess lands on the other side of a DST change.
  let instant = naive - zoneOffsetMinutes(new Date(naive), timeZone) * 60_000;
  instant = naive - zoneOffsetMinutes(new Date(instant), timeZone) * 60_000;
  return new Date(instant);
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
