import { z } from 'zod';
import { db } from '@/lib/db';
import { absoluteUrl } from '@/lib/env';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/policies';
import { assertCan, loadEventAccess } from '@/lib/events/event-access';
import { instantSchema } from '@/lib/time';
import { generateInviteToken, invitePath } from './invite-token';

export const createInviteInput = z
  .object({
    role: z.enum(['ORGANISER', 'ATTENDEE']).default('ATTENDEE'),
    maxUses: z.number().int().min(1).max(100_000).nullable().optional(),
    expiresAt: instantSchema.nullable().optional(),
  })
  .strict();

export interface InviteDto {
  id: string;
  token: string;
  url: string;
  role: 'ORGANISER' | 'ATTENDEE';
  maxUses: number | null;
  uses: number;
  expiresAt: string | null;
  revoked: boolean;
  createdAt: string;
}

export function toInviteDto(i: {
  id: string;
  token: string;
  role: 'ORGANISER' | 'ATTENDEE';
  maxUses: number | null;
  uses: number;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}): InviteDto {
  return {
    id: i.id,
    token: i.token,
    url: absoluteUrl(invitePath(i.token)),
    role: i.role,
    maxUses: i.maxUses,
    uses: i.uses,
    expiresAt: i.expiresAt?.toISOString() ?? null,
    revoked: i.revokedAt !== null,
    createdAt: i.createdAt.toISOString(),
  };
}

/** Creates an invite link for an event (organisers). */
export async function createInvite(actor: Actor | null, slug: string, input: unknown): Promise<InviteDto> {
  const access = await loadEventAccess(actor, { slug });
  assertCan(access, 'invite.manage');
  const data = createInviteInput.parse(input);
  if (data.expiresAt && data.expiresAt.getTime() <= Date.now())
    throw new AppError('bad_request', 'expiresAt must be in the future', 'expiresAt');
  const invite = await db.invite.create({
    data: {
      eventId: access.event.id,
      token: generateInviteToken(),
      role: data.role,
      maxUses: data.maxUses ?? null,
      expiresAt: data.expiresAt ?? null,
      createdById: actor!.userId,
    },
  });
  return toInviteDto(invite);
}

export async function listInvites(actor: Actor | null, slug: string): Promise<InviteDto[]> {
  const access = await loadEventAccess(actor, { slug });
  assertCan(access, 'invite.manage');
  const rows = await db.invite.findMany({ where: { eventId: access.event.id }, orderBy: { createdAt: 'desc' } });
  return rows.map(toInviteDto);
}

export async function revokeInvite(actor: Actor | null, slug: string, inviteId: string): Promise<void> {
  const access = await loadEventAccess(actor, { slug });
  assertCan(access, 'invite.manage');
  const res = await db.invite.updateMany({
    where: { id: inviteId, eventId: access.event.id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (res.count === 0) throw new AppError('not_found', 'Invite not found');
}
