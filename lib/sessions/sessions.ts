import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/policies';
import { assertCan, loadEventAccess } from '@/lib/events/event-access';
import { announceBoardChange } from '@/lib/board/board-events';
import { sessionInclude, toSessionDto, type SessionDto } from './session-dto';
import { assertHostsAreMembers } from './session-hosts';
import { proposeSessionInput } from './session-input';

/** Proposes a session in an event (members): the caller is its proposer, `hostIds` co-host it. */
export async function proposeSession(actor: Actor | null, slug: string, input: unknown): Promise<SessionDto> {
  const access = await loadEventAccess(actor, { slug });
  assertCan(access, 'session.propose');
  const data = proposeSessionInput.parse(input);
  const hostIds = data.hostIds.filter((id) => id !== actor!.userId);
  await assertHostsAreMembers(access.event.id, hostIds);
  const s = await db.session.create({
    data: {
      eventId: access.event.id,
      title: data.title,
      description: data.description,
      format: data.format,
      tags: JSON.stringify(data.tags),
      needsHost: data.needsHost,
      proposerId: actor!.userId,
      hosts: hostIds.length ? { create: hostIds.map((userId) => ({ userId })) } : undefined,
    },
    include: sessionInclude,
  });
  announceBoardChange(access.event.id, 'session', s.id);
  return toSessionDto(s, access.event);
}

/** Sessions of an event in schedule order, then proposals by age. */
export async function listSessions(actor: Actor | null, slug: string): Promise<SessionDto[]> {
  const access = await loadEventAccess(actor, { slug });
  const rows = await db.session.findMany({
    where: { eventId: access.event.id },
    include: sessionInclude,
    orderBy: { createdAt: 'asc' },
  });
  const scheduledFirst = (a: (typeof rows)[number], b: (typeof rows)[number]) =>
    (a.slot?.startsAt.getTime() ?? Infinity) - (b.slot?.startsAt.getTime() ?? Infinity);
  return rows.sort(scheduledFirst).map((s) => toSessionDto(s, access.event));
}

export async function getSession(
  actor: Actor | null,
  sessionId: string,
): Promise<SessionDto & { eventTitle: string; timezone: string }> {
  const s = await db.session.findUnique({
    where: { id: sessionId },
    include: { ...sessionInclude, event: { select: { id: true, slug: true, timezone: true, title: true } } },
  });
  if (!s) throw new AppError('not_found', 'Session not found');
  await loadEventAccess(actor, { id: s.event.id }).catch((err) => {
    throw err instanceof AppError && err.code === 'not_found' ? new AppError('not_found', 'Session not found') : err;
  });
  return { ...toSessionDto(s, s.event), eventTitle: s.event.title, timezone: s.event.timezone };
}
