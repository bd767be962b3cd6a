import type { CollabAccess } from '@/lib/collab/collab-access';
import type { Db } from '@/lib/db';
import { sessionIdFromDocName } from '@/lib/notes/doc-name';
import { can, type Actor, type Role, type Visibility } from '@/lib/policies';

/** One (user, document) pair to check; userId null is an anonymous reader. */
export interface AccessQuestion {
  userId: string | null;
  docName: string;
}

// SQLite allows 32,766 bound values per statement; stay far below it and keep each statement short.
const CHUNK = 500;

async function inChunks<T>(ids: string[], load: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await load(ids.slice(i, i + CHUNK))));
  return out;
}

export function accessKey(userId: string | null, docName: string): string {
  return `${docName}\u0000${userId ?? ''}`;
}

/**
 * The same decision as `collabAccess` (lib/collab/collab-access.ts) for many (user, document)
 * pairs at once, in four queries whatever their number (sessions, events, users, memberships),
 * instead of four per pair. The periodic re-check of hundreds of open documents used to issue
 * ~2,000 queries every interval; access-batch.test.ts holds both answers equal case by case.
 */
export async function collabAccessBatch(db: Db, questions: AccessQuestion[]): Promise<Map<string, CollabAccess>> {
  const sessionIds = [...new Set(questions.map((q) => sessionIdFromDocName(q.docName)).filter((s) => s !== null))];
  const userIds = [...new Set(questions.map((q) => q.userId).filter((u) => u !== null))];
  const sessions = new Map(
    (
      await inChunks(sessionIds, (ids) =>
        db.session.findMany({ where: { id: { in: ids } }, select: { id: true, eventId: true } }),
      )
    ).map((s) => [s.id, s.eventId]),
  );
  const eventIds = [...new Set(sessions.values())];
  const events = new Map<string, Visibility>(
    (
      await inChunks(eventIds, (ids) =>
        db.event.findMany({ where: { id: { in: ids } }, select: { id: true, visibility: true } }),
      )
    ).map((e) => [e.id, e.visibility]),
  );
  const users = new Map<string, Actor>(
    (
      await inChunks(userIds, (ids) =>
        db.user.findMany({ where: { id: { in: ids } }, select: { id: true, isGuest: true, guestEventId: true } }),
      )
    ).map((u) => [u.id, { userId: u.id, isGuest: u.isGuest, guestEventId: u.guestEventId }]),
  );
  // Every membership of these users in these events: a superset of the pairs asked about, in one pass.
  const roles = new Map<string, Role>();
  if (eventIds.length > 0) {
    for (const m of await inChunks(userIds, (ids) =>
      db.membership.findMany({
        where: { userId: { in: ids }, eventId: { in: eventIds } },
        select: { userId: true, eventId: true, role: true },
      }),
    ))
      roles.set(`${m.eventId}\u0000${m.userId}`, m.role);
  }

  const out = new Map<string, CollabAccess>();
  for (const q of questions) {
    out.set(accessKey(q.userId, q.docName), decide(q, sessions, events, users, roles));
  }
  return out;
}

function decide(
  q: AccessQuestion,
  sessions: Map<string, string>,
  events: Map<string, Visibility>,
  users: Map<string, Actor>,
  roles: Map<string, Role>,
): CollabAccess {
  const sessionId = sessionIdFromDocName(q.docName);
  if (!sessionId) return 'none';
  let actor: Actor | null = null;
  if (q.userId) {
    actor = users.get(q.userId) ?? null;
    // A user who no longer exists has no access (not even a public event's).
    if (!actor) return 'none';
  }
  const eventId = sessions.get(sessionId);
  if (eventId === undefined) return 'none';
  const visibility = events.get(eventId);
  if (visibility === undefined) return 'none';
  // As roleInEvent (lib/events/event-access.ts): a guest belongs to its own event only.
  const role =
    actor && !(actor.isGuest && actor.guestEventId !== eventId)
      ? (roles.get(`${eventId}\u0000${actor.userId}`) ?? null)
      : null;
  const policy = { visibility, role };
  if (!can(actor, 'event.view', policy)) return 'none';
  return can(actor, 'notes.edit', policy) ? 'write' : can(actor, 'notes.read', policy) ? 'read' : 'none';
}
