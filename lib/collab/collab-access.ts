import { z } from 'zod';
import { db } from '@/lib/db';
import { sessionIdFromDocName } from '@/lib/notes/doc-name';
import { can, type Actor } from '@/lib/policies';

export type CollabAccess = 'none' | 'read' | 'write';

/**
 * What a user (or an anonymous visitor, userId null) may do with a collaborative document now.
 * The collab server asks on every upgrade and again periodically, so revocation takes effect.
 */
export async function collabAccess(userId: string | null, docName: string): Promise<CollabAccess> {
  return (await collabAccessOf(userId, docName)).access;
}

// One row: the session's event (its visibility), the user's membership role in it, and the user.
// No row: no such session. User columns null with a userId: no such user.
const accessRow = z.object({
  eventId: z.string(),
  visibility: z.enum(['PUBLIC', 'UNLISTED', 'PRIVATE']),
  role: z.enum(['ORGANISER', 'ATTENDEE']).nullable(),
  userName: z.string().nullable(),
  // SQLite stores booleans as integers.
  isGuest: z.union([z.boolean(), z.number(), z.bigint()]).nullable(),
  guestEventId: z.string().nullable(),
});

/**
 * collabAccess with the user's display name, which the collab server shows to others (never the
 * client's claim). Decided by the same policy as every page (`can` on the event's visibility and
 * the actor's role, as loadSessionAccess does), from one SQL query instead of four Prisma queries:
 * the collab server asks this on upgrades and for every open (user, document) pair every
 * COLLAB_REVALIDATE_MS, and most of a Prisma query's cost here was compiling it (measured with
 * bench/access-check-bench.ts). The SQL is plain enough for both SQLite and PostgreSQL.
 */
export async function collabAccessOf(
  userId: string | null,
  docName: string,
): Promise<{ access: CollabAccess; name: string | null }> {
  const sessionId = sessionIdFromDocName(docName);
  if (!sessionId) return { access: 'none', name: null };
  const rows = await db.$queryRaw<unknown[]>`
    SELECT e."id" AS "eventId", e."visibility" AS "visibility",
      (SELECT m."role" FROM "Membership" m WHERE m."eventId" = e."id" AND m."userId" = ${userId}) AS "role",
      u."name" AS "userName", u."isGuest" AS "isGuest", u."guestEventId" AS "guestEventId"
    FROM "Session" s
    JOIN "Event" e ON e."id" = s."eventId"
    LEFT JOIN "User" u ON u."id" = ${userId}
    WHERE s."id" = ${sessionId}`;
  if (rows.length === 0) return { access: 'none', name: null };
  const row = accessRow.parse(rows[0]);
  if (userId && row.userName === null) return { access: 'none', name: null };
  const name = row.userName;
  const actor: Actor | null = userId ? { userId, isGuest: Boolean(row.isGuest), guestEventId: row.guestEventId } : null;
  // A guest belongs to its own event only, whatever rows exist (as roleInEvent).
  const role = actor && !(actor.isGuest && actor.guestEventId !== row.eventId) ? row.role : null;
  const policy = { visibility: row.visibility, role };
  // A hidden event's sessions do not exist for this actor (loadEventAccess's not_found).
  if (!can(actor, 'event.view', policy)) return { access: 'none', name };
  return {
    access: can(actor, 'notes.edit', policy) ? 'write' : can(actor, 'notes.read', policy) ? 'read' : 'none',
    name,
  };
}
