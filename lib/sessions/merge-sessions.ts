import { z } from 'zod';
import { db, transaction } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/policies';
import { announceBoardChange } from '@/lib/board/board-events';
import { assertCan } from '@/lib/events/event-access';
import { sessionInclude, toSessionDto, type SessionDto } from './session-dto';
import { assertOpen, loadSessionForChange, SESSION_ROW_SELECT } from './load-session-for-change';

export const mergeSessionsInput = z.object({ intoId: z.string().min(1).max(40) }).strict();

/**
 * Merges a duplicate proposal into another (organisers). Its voters' dots move over (capped at
 * the per-session maximum, so nobody ends up over it), its proposer and co-hosts co-host the kept
 * session, stars follow, and the merged one leaves the board pointing at the kept one; its notes stay.
 */
export async function mergeSessions(actor: Actor | null, sessionId: string, input: unknown): Promise<SessionDto> {
  const { access, session: from } = await loadSessionForChange(actor, sessionId);
  assertCan(access, 'session.merge');
  const { intoId } = mergeSessionsInput.parse(input);
  if (intoId === from.id) throw new AppError('bad_request', 'A session cannot be merged into itself', 'intoId');
  const into = await db.session.findFirst({ where: { id: intoId, eventId: from.eventId }, select: SESSION_ROW_SELECT });
  if (!into) throw new AppError('bad_request', 'No such session in this event', 'intoId');
  assertOpen(from);
  assertOpen({ ...into, hostIds: [] });
  const cap = access.settings.maxVotesPerSession;

  await transaction(async (tx) => {
    const [fromVotes, intoVotes] = await Promise.all([
      tx.vote.findMany({ where: { sessionId: from.id } }),
      tx.vote.findMany({ where: { sessionId: into.id } }),
    ]);
    const existing = new Map(intoVotes.map((v) => [v.userId, v.count]));
    for (const v of fromVotes) {
      const count = Math.min(cap, (existing.get(v.userId) ?? 0) + v.count);
      await tx.vote.upsert({
        where: { sessionId_userId: { sessionId: into.id, userId: v.userId } },
        create: { sessionId: into.id, userId: v.userId, count },
        update: { count },
      });
    }
    await tx.vote.deleteMany({ where: { sessionId: from.id } });
    const hostIds = new Set([...(from.proposerId ? [from.proposerId] : []), ...from.hostIds]);
    hostIds.delete(into.proposerId ?? '');
    for (const h of into.hosts) hostIds.delete(h.userId);
    if (hostIds.size)
      await tx.sessionHost.createMany({ data: [...hostIds].map((userId) => ({ sessionId: into.id, userId })) });
    const stars = await tx.star.findMany({ where: { sessionId: from.id }, select: { userId: true } });
    const starred = new Set(
      (await tx.star.findMany({ where: { sessionId: into.id }, select: { userId: true } })).map((s) => s.userId),
    );
    const newStars = stars.filter((s) => !starred.has(s.userId));
    if (newStars.length)
      await tx.star.createMany({ data: newStars.map((s) => ({ userId: s.userId, sessionId: into.id })) });
    await tx.session.update({
      where: { id: from.id },
      data: { status: 'MERGED', mergedIntoId: into.id, roomId: null, slotId: null },
    });
  });
  announceBoardChange(access.event.id, 'session', into.id);
  const row = await db.session.findUniqueOrThrow({ where: { id: into.id }, include: sessionInclude });
  return toSessionDto(row, access.event);
}
