import { gistPageState, type GistPageState } from '@/lib/github/gist-page-state';
import type { SessionAccess } from '@/lib/sessions/session-access';
import { db } from '@/lib/db';

export interface SessionHarvestState {
  gist: GistPageState;
  /** Present when the event requires hosts' approval before notes are exported. */
  approval: { approved: boolean; canApprove: boolean } | null;
}

/** What the session page shows about publishing its notes, for the viewer. */
export async function sessionHarvestState(access: SessionAccess): Promise<SessionHarvestState> {
  const { actor, settings, event } = access.access;
  const [gist, approved] = await Promise.all([
    gistPageState(actor, event.id, access.session.id),
    settings.requireNotesApproval
      ? db.notesApproval.findUnique({ where: { sessionId: access.session.id }, select: { sessionId: true } })
      : null,
  ]);
  return {
    gist,
    approval: settings.requireNotesApproval ? { approved: !!approved, canApprove: access.canRestoreNotes } : null,
  };
}
