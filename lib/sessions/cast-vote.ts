import { z } from 'zod';
import { db, transaction } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/policies';
import { announceBoardChange } from '@/lib/board/board-events';
import { assertCan } from '@/lib/events/event-access';
import { assertOpen, loadSessionForChange } from './load-session-for-change';

export const castVoteInput = z.object({ votes: z.number().int().min(0).max(100) }).strict();

export interface VoteResult {
  sessionId: string;
  votes: number;
  used: number;
  remaining: number;
  budget: number;
  maxPerSession: number;
}

/**
 * Sets how many of their dots the caller puts on a session (0 takes them back). Refused with 409
 * when it would exceed the event's budget or the per-session cap.
 */
export async function castVote(actor: Actor | null, sessionId: string, input: unknown): Promise<VoteResult> {
  const { access, session } = await loadSessionForChange(actor, sessionId);
  assertCan(access, 'vote.cast');
  const { votes } = castVoteInput.parse(input);
  assertOpen(session);
  const userId = actor!.userId;
  const { votesPerAttendee: budget, maxVotesPerSession: maxPerSession } = access.settings;
  if (votes > maxPerSession) {
    throw new AppError(
      'conflict',
      `At most ${maxPerSession} vote${maxPerSession === 1 ? '' : 's'} on one session`,
      'votes',
    );
  }
  const used = await transaction(async (tx) => {
    // Touching the caller's membership row first serialises their concurrent votes, so two
    // requests at once cannot both spend the last dot (a row lock on PostgreSQL, the write lock on SQLite).
    await tx.$executeRaw`UPDATE "Membership" SET "role" = "role" WHERE "eventId" = ${session.eventId} AND "userId" = ${userId}`;
    const elsewhere = await tx.vote.aggregate({
      _sum: { count: true },
      where: { userId, sessionId: { not: session.id }, session: { eventId: session.eventId } },
    });
    const spent = elsewhere._sum.count ?? 0;
    if (spent + votes > budget) {
      const left = Math.max(0, budget - spent);
      throw new AppError(
        'conflict',
        `Over your budget: you have ${left} of ${budget} vote${budget === 1 ? '' : 's'} left`,
        'votes',
      );
    }
    if (votes === 0) await tx.vote.deleteMany({ where: { userId, sessionId: session.id } });
    else
      await tx.vote.upsert({
        where: { sessionId_userId: { sessionId: session.id, userId } },
        create: { sessionId: session.id, userId, count: votes },
        update: { count: votes },
      });
    return spent + votes;
  });
  announceBoardChange(access.event.id, 'vote', session.id);
  return { sessionId: session.id, votes, used, remaining: budget - used, budget, maxPerSession };
}

/** How many dots a user has spent in an event. */
export async function votesUsed(userId: string, eventId: string): Promise<number> {
  const agg = await db.vote.aggregate({ _sum: { count: true }, where: { userId, session: { eventId } } });
  return agg._sum.count ?? 0;
}
