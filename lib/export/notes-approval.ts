import { retryOnConflict } from '@/lib/db-errors';
import { z } from 'zod';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { assertCanOnSession } from '@/lib/events/event-access';
import type { Actor } from '@/lib/policies';
import { loadSessionAccess } from '@/lib/sessions/session-access';

// Publish with consent: when an event asks for it (settings.requireNotesApproval), a session's
// notes go into the event export only after one of its hosts (or an organiser) approved them.

export const approvalInput = z.object({ approved: z.boolean() }).strict();

export interface NotesApprovalDto {
  sessionId: string;
  approved: boolean;
  approvedAt: string | null;
  approvedBy: { id: string; name: string } | null;
}

/** Approves (or withdraws approval of) a session's notes for the event export: hosts and organisers. */
export async function setNotesApproval(opts: {
  actor: Actor | null;
  sessionId: string;
  input: unknown;
}): Promise<NotesApprovalDto> {
  const { approved } = approvalInput.parse(opts.input);
  const access = await loadSessionAccess(opts.actor, opts.sessionId);
  if (!access.canReadNotes) throw new AppError('not_found', 'Session not found');
  assertCanOnSession(access.access, 'notes.restore', access.session);
  const sessionId = opts.sessionId;
  if (!approved) {
    await db.notesApproval.deleteMany({ where: { sessionId } });
    return { sessionId, approved: false, approvedAt: null, approvedBy: null };
  }
  // Read then write: retried when SQLite refuses it for another writer's commit in between.
  const row = await retryOnConflict(() =>
    db.notesApproval.upsert({
      where: { sessionId },
      create: { sessionId, eventId: access.session.eventId, approvedById: opts.actor!.userId },
      update: { approvedById: opts.actor!.userId, approvedAt: new Date() },
    }),
  );
  const by = await db.user.findUnique({ where: { id: row.approvedById }, select: { id: true, name: true } });
  return { sessionId, approved: true, approvedAt: row.approvedAt.toISOString(), approvedBy: by };
}

/** Approvals of an event's sessions, by session id (callers have checked they may read the event). */
export async function notesApprovals(eventId: string): Promise<Map<string, NotesApprovalDto>> {
  const rows = await db.notesApproval.findMany({ where: { eventId } });
  const users = await db.user.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.approvedById))] } },
    select: { id: true, name: true },
  });
  const names = new Map(users.map((u) => [u.id, u]));
  return new Map(
    rows.map((r) => [
      r.sessionId,
      {
        sessionId: r.sessionId,
        approved: true,
        approvedAt: r.approvedAt.toISOString(),
        approvedBy: names.get(r.approvedById) ?? null,
      },
    ]),
  );
}
