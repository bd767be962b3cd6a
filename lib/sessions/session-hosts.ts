import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';

/** Checks that every co-host is a member of the event (400 naming the field otherwise). */
export async function assertHostsAreMembers(eventId: string, hostIds: string[]): Promise<void> {
  if (hostIds.length === 0) return;
  const members = await db.membership.count({ where: { eventId, userId: { in: hostIds } } });
  if (members !== hostIds.length)
    throw new AppError('bad_request', 'Co-hosts must be members of this event', 'hostIds');
}

/** Replaces a session's co-hosts. */
export async function setHosts(tx: Tx, sessionId: string, hostIds: string[]): Promise<void> {
  await tx.sessionHost.deleteMany({ where: { sessionId } });
  if (hostIds.length) await tx.sessionHost.createMany({ data: hostIds.map((userId) => ({ sessionId, userId })) });
}
