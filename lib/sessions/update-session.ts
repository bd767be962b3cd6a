import { db, transaction } from '@/lib/db';
import type { Actor } from '@/lib/policies';
import { announceBoardChange } from '@/lib/board/board-events';
import { assertCanOnSession } from '@/lib/events/event-access';
import { sessionInclude, toSessionDto, type SessionDto } from './session-dto';
import { assertHostsAreMembers, setHosts } from './session-hosts';
import { updateSessionInput } from './session-input';
import { assertOpen, loadSessionForChange } from './load-session-for-change';

/** Edits a proposal's details: its proposer and co-hosts, or any organiser. */
export async function updateSession(actor: Actor | null, sessionId: string, input: unknown): Promise<SessionDto> {
  const { access, session } = await loadSessionForChange(actor, sessionId);
  assertCanOnSession(access, 'session.edit', session);
  const data = updateSessionInput.parse(input);
  assertOpen(session);
  const hostIds = data.hostIds?.filter((id) => id !== session.proposerId);
  if (hostIds) await assertHostsAreMembers(access.event.id, hostIds);
  await transaction(async (tx) => {
    await tx.session.update({
      where: { id: session.id },
      data: {
        title: data.title,
        description: data.description,
        format: data.format,
        needsHost: data.needsHost,
        tags: data.tags && JSON.stringify(data.tags),
      },
    });
    if (hostIds) await setHosts(tx, session.id, hostIds);
  });
  announceBoardChange(access.event.id, 'session', session.id);
  const row = await db.session.findUniqueOrThrow({ where: { id: session.id }, include: sessionInclude });
  return toSessionDto(row, access.event);
}
