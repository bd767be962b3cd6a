import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/policies';
import { loadSessionForChange } from './load-session-for-change';

/** Puts a session on (or takes it off) the caller's agenda. Anyone signed in who can see the event. */
export async function starSession(
  actor: Actor | null,
  sessionId: string,
  starred: boolean,
): Promise<{ sessionId: string; starred: boolean }> {
  const { session } = await loadSessionForChange(actor, sessionId);
  if (!actor) throw new AppError('unauthenticated', 'Sign in first');
  if (starred) {
    await db.star.upsert({
      where: { userId_sessionId: { userId: actor.userId, sessionId: session.id } },
      create: { userId: actor.userId, sessionId: session.id },
      update: {},
    });
  } else {
    await db.star.deleteMany({ where: { userId: actor.userId, sessionId: session.id } });
  }
  return { sessionId: session.id, starred };
}
