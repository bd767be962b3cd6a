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
  return (await collabAccessOf(userId, docName)).access;
}

/** collabAccess with the user's display name, which the collab server shows to others (never the client's claim). */
export async function collabAccessOf(
  userId: string | null,
  docName: string,
): Promise<{ access: CollabAccess; name: string | null }> {
  const sessionId = sessionIdFromDocName(docName);
  if (!sessionId) return { access: 'none', name: null };
  let actor = null;
  let name: string | null = null;
  if (userId) {
    const u = await db.user.findUnique({
      where: { id: userId },
      select: { id: true, name: true, isGuest: true, guestEventId: true },
    });
    if (!u) return { access: 'none', name: null };
    actor = { userId: u.id, isGuest: u.isGuest, guestEventId: u.guestEventId };
    name = u.name;
  }
  try {
    const access = await loadSessionAccess(actor, sessionId);
    return { access: access.canEditNotes ? 'write' : access.canReadNotes ? 'read' : 'none', name };
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') return { access: 'none', name };
    throw err;
  }
}
