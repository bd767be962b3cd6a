import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { sessionIdFromDocName } from '@/lib/notes/doc-name';
import { loadSessionAccess } from '@/lib/sessions/session-access';

export type CollabAccess = 'none' | 'read' | 'write';

/**
 * What a user (or an anonymous visitor, userId null) may do with a collaborative document now.
 * The collab server asks on every upgrade and again periodically, so revocation takes effect.
 */
export async function collabAccess(userId: string | null, docName: string): Promise<CollabAccess> {
  const sessionId = sessionIdFromDocName(docName);
  if (!sessionId) return 'none';
  let actor = null;
  if (userId) {
    const u = await db.user.findUnique({ where: { id: userId }, select: { id: true, isGuest: true, guestEventId: true } });
    if (!u) return 'none';
    actor = { userId: u.id, isGuest: u.isGuest, guestEventId: u.guestEventId };
  }
  try {
    const access = await loadSessionAccess(actor, sessionId);
    if (access.canEditNotes) return 'write';
    return access.canReadNotes ? 'read' : 'none';
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') return 'none';
    throw err;
  }
}
