import { db } from '@/lib/db';
import type { Actor } from '@/lib/policies';
import { allows, loadEventAccess } from '@/lib/events/event-access';
import { eventPath } from '@/lib/events/event-dto';
import { absoluteUrl } from '@/lib/env';
import { renderMarkdown } from '@/lib/markdown/render-markdown';
import { presenceForSessions } from '@/lib/notes/session-presence';
import { canOnSession } from '@/lib/policies';
import { toWarningSession } from '@/lib/schedule/event-warnings';
import { scheduleWarnings } from '@/lib/schedule/schedule-warnings';
import { parseTags, sessionPath } from '@/lib/sessions/session-dto';
import { toSlotDto } from '@/lib/slots/slots';
import { toDateOnly } from '@/lib/time';
import type { BoardDayDto, BoardSessionDto, BoardStateDto } from './board-dto';

/**
 * The board as one viewer may see it: rooms, slots by day, open sessions (proposed and scheduled)
 * with votes, the viewer's own dots and stars, presence in their notes, and for organisers the
 * schedule's warnings. Board, schedule, projector and agenda pages all render from this.
 */
export async function loadBoardState(actor: Actor | null, slug: string): Promise<BoardStateDto> {
  const access = await loadEventAccess(actor, { slug });
  const { event, settings } = access;
  const organiser = allows(access, 'schedule.manage');
  const userId = actor?.userId ?? null;
  const [rooms, slots, rows, members, stars] = await Promise.all([
    db.room.findMany({ where: { eventId: event.id }, orderBy: [{ order: 'asc' }, { createdAt: 'asc' }] }),
    db.slot.findMany({ where: { eventId: event.id }, orderBy: { startsAt: 'asc' } }),
    db.session.findMany({
      where: { eventId: event.id, status: { in: ['PROPOSED', 'SCHEDULED'] } },
      include: {
        proposer: { select: { id: true, name: true } },
        hosts: { select: { user: { select: { id: true, name: true } } } },
        votes: { select: { userId: true, count: true } },
      },
      orderBy: { createdAt: 'asc' },
    }),
    access.role
      ? db.membership.findMany({ where: { eventId: event.id }, select: { user: { select: { id: true, name: true } } } })
      : Promise.resolve([]),
    userId
      ? db.star.findMany({ where: { userId, session: { eventId: event.id } }, select: { sessionId: true } })
      : Promise.resolve([]),
  ]);
  const starred = new Set(stars.map((s) => s.sessionId));
  const warnings = organiser
    ? scheduleWarnings(rows.filter((r) => r.status === 'SCHEDULED').map(toWarningSession), rooms, slots)
    : new Map();
  const presence = await presenceForSessions(rows.filter((r) => r.status === 'SCHEDULED').map((r) => r.id));
  const canPlaceOwn = !organiser && access.role !== null && settings.barcampMode && !settings.boardLocked;

  const sessions: BoardSessionDto[] = rows.map((r) => {
    const hosts = r.hosts.map((h) => h.user);
    const own = userId !== null && (r.proposerId === userId || hosts.some((h) => h.id === userId));
    const hidden = !organiser && settings.hideVotesUntilScheduled && r.status !== 'SCHEDULED';
    return {
      id: r.id,
      title: r.title,
      description: r.description,
      descriptionHtml: renderMarkdown(r.description),
      format: r.format,
      tags: parseTags(r.tags),
      needsHost: r.needsHost,
      status: r.status as BoardSessionDto['status'],
      proposer: r.proposer,
      hosts,
      roomId: r.roomId,
      slotId: r.slotId,
      votes: hidden ? null : r.votes.reduce((n, v) => n + v.count, 0),
      myVotes: r.votes.find((v) => v.userId === userId)?.count ?? 0,
      starred: starred.has(r.id),
      canEdit: canOnSession(actor, 'session.edit', access.policy, {
        proposerId: r.proposerId,
        hostIds: hosts.map((h) => h.id),
      }),
      canMove: organiser || (canPlaceOwn && own),
      presence: presence.get(r.id) ?? null,
      warnings: warnings.get(r.id) ?? [],
      path: sessionPath(event.slug, r.id),
      createdAt: r.createdAt.toISOString(),
    };
  });

  const days: BoardDayDto[] = [];
  for (const s of slots) {
    const dto = toSlotDto(s, event.timezone);
    const day = days.at(-1)?.day === dto.day ? days.at(-1)! : days[days.push({ day: dto.day, slots: [] }) - 1]!;
    day.slots.push(dto);
  }
  const votesUsed = userId ? rows.reduce((n, r) => n + (r.votes.find((v) => v.userId === userId)?.count ?? 0), 0) : 0;

  return {
    event: {
      id: event.id,
      slug: event.slug,
      title: event.title,
      timezone: event.timezone,
      startDate: toDateOnly(event.startDate),
      endDate: toDateOnly(event.endDate),
      url: absoluteUrl(eventPath(event.slug)),
    },
    viewer: {
      userId,
      role: access.role,
      canSchedule: organiser,
      canPlaceOwn,
      canVote: allows(access, 'vote.cast'),
      canPropose: allows(access, 'session.propose'),
      votesUsed,
    },
    settings: {
      votesPerAttendee: settings.votesPerAttendee,
      maxVotesPerSession: settings.maxVotesPerSession,
      barcampMode: settings.barcampMode,
      boardLocked: settings.boardLocked,
      hideVotesUntilScheduled: settings.hideVotesUntilScheduled,
    },
    rooms: rooms.map((r) => ({ id: r.id, name: r.name, capacity: r.capacity, order: r.order })),
    days,
    sessions,
    people: members.map((m) => m.user).sort((a, b) => a.name.localeCompare(b.name)),
    generatedAt: new Date().toISOString(),
  };
}
