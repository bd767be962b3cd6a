import { sessionIdFromDocName } from '@/lib/notes/doc-name';
import { can, type Actor } from '@/lib/policies';
import { accessRowFor } from './access-rows';

export type CollabAccess = 'none' | 'read' | 'write';

/**
 * What a user (or an anonymous visitor, userId null) may do with a collaborative document now.
 * The collab server asks on every upgrade and again periodically, so revocation takes effect.
 */
export async function collabAccess(userId: string | null, docName: string): Promise<CollabAccess> {
  return (await collabAccessOf(userId, docName)).access;
}

/**
 * collabAccess with the user's display name, which the collab server shows to others (never the
 * client's claim). Decided by the same policy as every page (`can` on the event's visibility and
 * the actor's role, as loadSessionAccess does), from one SQL query shared by the lookups of the
 * same turn (access-rows.ts) instead of four Prisma queries each.
 */
export async function collabAccessOf(
  userId: string | null,
  docName: string,
): Promise<{ access: CollabAccess; name: string | null; epoch: number | null }> {
  const sessionId = sessionIdFromDocName(docName);
  if (!sessionId) return { access: 'none', name: null, epoch: null };
  const row = await accessRowFor(userId, sessionId);
  if (!row) return { access: 'none', name: null, epoch: null };
  const epoch = row.epoch;
  if (userId && row.userName === null) return { access: 'none', name: null, epoch };
  const name = row.userName;
  const actor: Actor | null = userId ? { userId, isGuest: Boolean(row.isGuest), guestEventId: row.guestEventId } : null;
  // A guest belongs to its own event only, whatever rows exist (as roleInEvent).
  const role = actor && !(actor.isGuest && actor.guestEventId !== row.eventId) ? row.role : null;
  const policy = { visibility: row.visibility, role };
  // A hidden event's sessions do not exist for this actor (loadEventAccess's not_found).
  if (!can(actor, 'event.view', policy)) return { access: 'none', name, epoch };
  return {
    access: can(actor, 'notes.edit', policy) ? 'write' : can(actor, 'notes.read', policy) ? 'read' : 'none',
    name,
    epoch,
  };
}
