import { retryOnConflict } from '@/lib/db-errors';
import { db } from '@/lib/db';
import { AppError, isUniqueViolation } from '@/lib/errors';
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
    // Upsert is a read then a create: two tabs starring at once race to the create, and the loser's
    // unique violation means the star is there, which is what it asked for.
    // An upsert reads then writes: on SQLite it is refused at once (SQLITE_BUSY_SNAPSHOT) when the
    // collab server's log writer commits in between, and simply runs again.
    await retryOnConflict(() =>
      db.star.upsert({
        where: { userId_sessionId: { userId: actor.userId, sessionId: session.id } },
        create: { userId: actor.userId, sessionId: session.id },
        update: {},
      }),
    ).catch((err: unknown) => {
      if (!isUniqueViolation(err)) throw err;
    });
  } else {
    await db.star.deleteMany({ where: { userId: actor.userId, sessionId: session.id } });
  }
  return { sessionId: session.id, starred };
}
