import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { can, canOnSession, type Actor } from '@/lib/policies';
import { loadEventAccess, type EventAccess } from '@/lib/events/event-access';

export interface SessionAccess {
  access: EventAccess;
  session: { id: string; eventId: string; title: string; status: string; proposerId: string | null; hostIds: string[] };
  canReadNotes: boolean;
  canEditNotes: boolean;
  canRestoreNotes: boolean;
}

/** Loads a session and what the actor may do with its notes; not_found when the event is hidden. */
export async function loadSessionAccess(actor: Actor | null, sessionId: string): Promise<SessionAccess> {
  const s = await db.session.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      eventId: true,
      title: true,
      status: true,
      proposerId: true,
      hosts: { select: { userId: true } },
    },
  });
  if (!s) throw new AppError('not_found', 'Session not found');
  const access = await loadEventAccess(actor, { id: s.eventId }).catch((err) => {
    if (err instanceof AppError && err.code === 'not_found') throw new AppError('not_found', 'Session not found');
    throw err;
  });
  const session = {
    id: s.id,
    eventId: s.eventId,
    title: s.title,
    status: s.status,
    proposerId: s.proposerId,
    hostIds: s.hosts.map((h) => h.userId),
  };
  return {
    access,
    session,
    canReadNotes: can(actor, 'notes.read', access.policy),
    canEditNotes: can(actor, 'notes.edit', access.policy),
    canRestoreNotes: canOnSession(actor, 'notes.restore', access.policy, session),
  };
}
