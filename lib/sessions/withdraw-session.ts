import { db } from '@/lib/db';
import type { Actor } from '@/lib/policies';
import { announceBoardChange } from '@/lib/board/board-events';
import { assertCanOnSession } from '@/lib/events/event-access';
import { sessionInclude, toSessionDto, type SessionDto } from './session-dto';
import { assertOpen, loadSessionForChange } from './load-session-for-change';

/**
 * Withdraws a proposal (its proposer and co-hosts, or organisers): it leaves the board and the
 * votes spent on it return to the voters, but the session and its notes stay readable.
 */
export async function withdrawSession(actor: Actor | null, sessionId: string): Promise<SessionDto> {
  const { access, session } = await loadSessionForChange(actor, sessionId);
  assertCanOnSession(access, 'session.withdraw', session);
  assertOpen(session);
  const [, row] = await db.$transaction([
    db.vote.deleteMany({ where: { sessionId: session.id } }),
    db.session.update({
      where: { id: session.id },
      data: { status: 'WITHDRAWN', roomId: null, slotId: null },
      include: sessionInclude,
    }),
  ]);
  announceBoardChange(access.event.id, 'session', session.id);
  return toSessionDto(row, access.event);
}
