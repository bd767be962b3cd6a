import ical from 'ical-generator';
import type { PublicSchedule } from './public-schedule';

/** An iCalendar (RFC 5545) document of a schedule, times in UTC; each event links to its notes. */
export function scheduleToIcal(
  schedule: PublicSchedule,
  opts: { name?: string; onlyIds?: ReadonlySet<string> } = {},
): string {
  const cal = ical({
    name: opts.name ?? schedule.event.title,
    prodId: { company: 'Hallway', product: 'schedule', language: 'EN' },
  });
  cal.timezone(schedule.event.timezone);
  const slots = new Map(schedule.days.flatMap((d) => d.slots).map((s) => [s.id, s]));
  const rooms = new Map(schedule.rooms.map((r) => [r.id, r]));
  for (const s of schedule.sessions) {
    if (opts.onlyIds && !opts.onlyIds.has(s.id)) continue;
    const slot = slots.get(s.slotId);
    if (!slot) continue;
    const hosts = s.hosts.map((h) => h.name).join(', ');
    cal.createEvent({
      id: `${s.id}@hallway`,
      start: new Date(slot.startsAt),
      end: new Date(slot.endsAt),
      summary: s.title,
      description: [hosts && `Hosted by ${hosts}`, s.description, `Notes: ${s.url}`].filter(Boolean).join('\n\n'),
      location: rooms.get(s.roomId)?.name ?? null,
      url: s.url,
    });
  }
  return cal.toString();
}

export function icalResponse(body: string, filename: string): Response {
  return new Response(body, {
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `inline; filename="${filename}"`,
      'cache-control': 'no-store',
    },
  });
}
