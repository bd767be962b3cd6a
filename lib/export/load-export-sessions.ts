import { db } from '@/lib/db';
import { docNameForSession } from '@/lib/notes/doc-name';
import { timeInZone } from '@/lib/time';
import type { ExportSession } from './markdown-document';
import { loadRenderedNotes } from './notes-renditions';

const DAY_MS = 86_400_000;

interface EventRow {
  id: string;
  timezone: string;
  startDate: Date;
}

/**
 * An event's sessions ready for export, in schedule order (day and time, then room order), then
 * unscheduled sessions that have notes. Withdrawn and merged sessions are left out, unless
 * `anyStatus` (one session's own export shows whatever it is).
 */
export async function loadExportSessions(
  event: EventRow,
  only?: string[],
  opts: { anyStatus?: boolean } = {},
): Promise<ExportSession[]> {
  const rows = await db.session.findMany({
    where: {
      eventId: event.id,
      ...(opts.anyStatus ? {} : { status: { in: ['SCHEDULED', 'PROPOSED'] } }),
      ...(only ? { id: { in: only } } : {}),
    },
    select: {
      id: true,
      title: true,
      createdAt: true,
      proposer: { select: { name: true } },
      hosts: { select: { user: { select: { name: true } } } },
      room: { select: { name: true, order: true } },
      slot: { select: { day: true, startsAt: true, endsAt: true } },
    },
  });
  const scheduled = rows.filter((r) => r.slot);
  scheduled.sort(
    (a, b) =>
      a.slot!.startsAt.getTime() - b.slot!.startsAt.getTime() ||
      (a.room?.order ?? Infinity) - (b.room?.order ?? Infinity) ||
      (a.room?.name ?? '').localeCompare(b.room?.name ?? '') ||
      a.title.localeCompare(b.title),
  );
  const unscheduled = rows.filter((r) => !r.slot).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const notes = await loadRenderedNotes(rows.map((r) => docNameForSession(r.id)));
  const firstDay = Date.parse(event.startDate.toISOString().slice(0, 10));
  const toExport = (r: (typeof rows)[number]): ExportSession => ({
    id: r.id,
    title: r.title,
    dayNumber: r.slot ? Math.round((Date.parse(r.slot.day) - firstDay) / DAY_MS) + 1 : null,
    start: r.slot ? timeInZone(r.slot.startsAt, event.timezone) : null,
    end: r.slot ? timeInZone(r.slot.endsAt, event.timezone) : null,
    room: r.room?.name ?? null,
    hosts: r.hosts.length ? r.hosts.map((h) => h.user.name) : r.proposer ? [r.proposer.name] : [],
    notes: notes.get(docNameForSession(r.id))!,
  });
  const rest = unscheduled.map(toExport);
  return [...scheduled.map(toExport), ...(opts.anyStatus ? rest : rest.filter((s) => s.notes.hasNotes))];
}
