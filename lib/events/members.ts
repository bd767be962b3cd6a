import { z } from 'zod';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/policies';
import { requestCollabAccessRecheck } from '@/lib/collab/revocation';
import { assertCan, loadEventAccess } from './event-access';

export interface MemberDto {
  userId: string;
  name: string;
  email: string | null;
  role: 'ORGANISER' | 'ATTENDEE';
  isGuest: boolean;
  joinedAt: string;
}

export async function listMembers(actor: Actor | null, slug: string): Promise<MemberDto[]> {
  const access = await loadEventAccess(actor, { slug });
  assertCan(access, 'member.list');
  const organiser = access.role === 'ORGANISER';
  const rows = await db.membership.findMany({
    where: { eventId: access.event.id },
    include: { user: true },
    orderBy: [{ role: 'desc' }, { createdAt: 'asc' }],
  });
  // Only organisers see email addresses.
  return rows.map((m) => ({
    userId: m.userId,
    name: m.user.name,
    email: organiser ? m.user.email : null,
    role: m.role,
    isGuest: m.user.isGuest,
    joinedAt: m.createdAt.toISOString(),
  }));
}

export const changeRoleInput = z.object({ role: z.enum(['ORGANISER', 'ATTENDEE']) }).strict();

async function otherOrganisers(eventId: string, userId: string): Promise<number> {
  return db.membership.count({ where: { eventId, role: 'ORGANISER', userId: { not: userId } } });
}

/** Changes a member's role (organisers); an event always keeps at least one organiser. */
export async function changeMemberRole(
  actor: Actor | null,
  slug: string,
  userId: string,
  input: unknown,
): Promise<void> {
  const access = await loadEventAccess(actor, { slug });
  assertCan(access, 'member.manage');
  const { role } = changeRoleInput.parse(input);
  const m = await db.membership.findUnique({
    where: { eventId_userId: { eventId: access.event.id, userId } },
    include: { user: true },
  });
  if (!m) throw new AppError('not_found', 'Member not found');
  if (role === 'ORGANISER' && m.user.isGuest) throw new AppError('bad_request', 'Guests cannot be organisers', 'role');
  if (role === 'ATTENDEE' && m.role === 'ORGANISER' && (await otherOrganisers(access.event.id, userId)) === 0) {
    throw new AppError('conflict', 'An event needs at least one organiser');
  }
  await db.membership.update({ where: { id: m.id }, data: { role } });
  requestCollabAccessRecheck();
}

/** Removes a member (organisers, or the member leaving); their open notes connections close soon after. */
export async function removeMember(actor: Actor | null, slug: string, userId: string): Promise<void> {
  const access = await loadEventAccess(actor, { slug });
  if (actor?.userId !== userId) assertCan(access, 'member.manage');
  const m = await db.membership.findUnique({ where: { eventId_userId: { eventId: access.event.id, userId } } });
  if (!m) throw new AppError('not_found', 'Member not found');
  if (m.role === 'ORGANISER' && (await otherOrganisers(access.event.id, userId)) === 0)
    throw new AppError('conflict', 'An event needs at least one organiser');
  await db.membership.delete({ where: { id: m.id } });
  // Their open notes connections close now on this node; other nodes notice within seconds.
  requestCollabAccessRecheck();
}
