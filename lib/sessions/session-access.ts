import { can, canOnSession, type Actor } from '@/lib/policies';
import type { EventAccess } from '@/lib/events/event-access';
import { loadSessionForChange } from './load-session-for-change';

export interface SessionAccess {
  access: EventAccess;
  session: { id: string; eventId: string; title: string; status: string; proposerId: string | null; hostIds: string[] };
  canReadNotes: boolean;
  canEditNotes: boolean;
  canRestoreNotes: boolean;
}

/** Loads a session and what the actor may do with its notes; not_found when it or its event is hidden. */
export async function loadSessionAccess(actor: Actor | null, sessionId: string): Promise<SessionAccess> {
  const { access, session: row } = await loadSessionForChange(actor, sessionId);
  const { id, eventId, title, status, proposerId, hostIds } = row;
  const session = { id, eventId, title, status, proposerId, hostIds };
  return {
    access,
    session,
    canReadNotes: can(actor, 'notes.read', access.policy),
    canEditNotes: can(actor, 'notes.edit', access.policy),
    canRestoreNotes: canOnSession(actor, 'notes.restore', access.policy, session),
  };
}
