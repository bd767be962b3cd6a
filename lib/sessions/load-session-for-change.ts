import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/policies';
import { loadEventAccess, type EventAccess } from '@/lib/events/event-access';

export interface SessionRow {
  id: string;
  eventId: string;
  title: string;
  status: 'PROPOSED' | 'SCHEDULED' | 'WITHDRAWN' | 'MERGED';
  proposerId: string | null;
  roomId: string | null;
  slotId: string | null;
  hostIds: string[];
}

/** The columns of a SessionRow, for every query that reads one. */
export const SESSION_ROW_SELECT = {
  id: true,
  eventId: true,
  title: true,
  status: true,
  proposerId: true,
  roomId: true,
  slotId: true,
  hosts: { select: { userId: true } },
} as const;

/** A row read with SESSION_ROW_SELECT as a SessionRow. */
export function toSessionRow({
  hosts,
  ...rest
}: Omit<SessionRow, 'hostIds'> & { hosts: { userId: string }[] }): SessionRow {
  return { ...rest, hostIds: hosts.map((h) => h.userId) };
}

/** A session and the caller's access to its event; 404 when either is missing or hidden. */
export async function loadSessionForChange(
  actor: Actor | null,
  sessionId: string,
): Promise<{ access: EventAccess; session: SessionRow }> {
  const s = await db.session.findUnique({ where: { id: sessionId }, select: SESSION_ROW_SELECT });
  if (!s) throw new AppError('not_found', 'Session not found');
  const access = await loadEventAccess(actor, { id: s.eventId }).catch((err) => {
    throw err instanceof AppError && err.code === 'not_found' ? new AppError('not_found', 'Session not found') : err;
  });
  return { access, session: toSessionRow(s) };
}

/** Withdrawn and merged sessions are history: they can be read but not changed. */
export function assertOpen(session: SessionRow): void {
  if (session.status === 'WITHDRAWN') throw new AppError('conflict', `“${session.title}” was withdrawn`);
  if (session.status === 'MERGED') throw new AppError('conflict', `“${session.title}” was merged into another session`);
}
