import { z } from 'zod';
import { transaction, type Role, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/policies';
import { parseStoredSettings } from '@/lib/events/event-settings';
import { inviteTokenSchema } from './invite-token';

/** The invite behind a token if it can still be used, else a clear error. */
async function usableInvite(tx: Tx, token: string) {
  const invite = await tx.invite.findUnique({
    where: { token: inviteTokenSchema.parse(token) },
    include: { event: true },
  });
  if (!invite || invite.revokedAt) throw new AppError('not_found', 'This invite link is not valid');
  if (invite.expiresAt && invite.expiresAt.getTime() < Date.now())
    throw new AppError('conflict', 'This invite link has expired');
  if (invite.maxUses !== null && invite.uses >= invite.maxUses)
    throw new AppError('conflict', 'This invite link has been used up');
  return invite;
}

/** Counts one use, refusing when a concurrent redemption took the last one. */
async function consume(tx: Tx, inviteId: string): Promise<void> {
  const res = await tx.invite.updateMany({
    where: { id: inviteId, OR: [{ maxUses: null }, { uses: { lt: tx.invite.fields.maxUses } }] },
    data: { uses: { increment: 1 } },
  });
  if (res.count !== 1) throw new AppError('conflict', 'This invite link has been used up');
}

export interface InvitePreview {
  eventSlug: string;
  eventTitle: string;
  role: Role;
  guestsAllowed: boolean;
}

/** What the join page shows before anyone commits. */
export async function previewInvite(token: string): Promise<InvitePreview> {
  const invite = await transaction((tx) => usableInvite(tx, token));
  return {
    eventSlug: invite.event.slug,
    eventTitle: invite.event.title,
    role: invite.role,
    guestsAllowed: parseStoredSettings(invite.event.settings).guestsAllowed && invite.role === 'ATTENDEE',
  };
}

/** Makes a signed-in user a member through an invite; an existing member may be promoted, never demoted. */
export async function acceptInvite(
  actor: Actor,
  token: string,
): Promise<{ eventId: string; eventSlug: string; role: Role }> {
  return transaction(async (tx) => {
    const invite = await usableInvite(tx, token);
    if (actor.isGuest && actor.guestEventId !== invite.eventId)
      throw new AppError('forbidden', 'Guest accounts belong to one event; sign up to join another');
    // A guest is whoever holds the cookie on a shared device: organiser rights need a real account.
    if (actor.isGuest && invite.role === 'ORGANISER')
      throw new AppError('forbidden', 'Organiser invites need an account');
    const current = await tx.membership.findUnique({
      where: { eventId_userId: { eventId: invite.eventId, userId: actor.userId } },
    });
    if (current && (current.role === 'ORGANISER' || current.role === invite.role)) {
      return { eventId: invite.eventId, eventSlug: invite.event.slug, role: current.role };
    }
    await consume(tx, invite.id);
    const m = current
      ? await tx.membership.update({ where: { id: current.id }, data: { role: invite.role } })
      : await tx.membership.create({ data: { eventId: invite.eventId, userId: actor.userId, role: invite.role } });
    return { eventId: invite.eventId, eventSlug: invite.event.slug, role: m.role };
  });
}

export const guestJoinInput = z.object({
  token: inviteTokenSchema,
  name: z.string().trim().min(1, 'Enter a display name').max(60, 'Keep the name under 60 characters'),
});

/** Creates a guest (a real user bound to this event) from an invite link and a display name. */
export async function joinAsGuest(
  input: z.infer<typeof guestJoinInput>,
): Promise<{ userId: string; name: string; eventSlug: string }> {
  const { token, name } = guestJoinInput.parse(input);
  return transaction(async (tx) => {
    const invite = await usableInvite(tx, token);
    if (invite.role !== 'ATTENDEE') throw new AppError('forbidden', 'Organiser invites need an account');
    if (!parseStoredSettings(invite.event.settings).guestsAllowed)
      throw new AppError('forbidden', 'The organisers of this event do not allow guests; sign up to join');
    await consume(tx, invite.id);
    const user = await tx.user.create({ data: { name, isGuest: true, guestEventId: invite.eventId } });
    await tx.membership.create({ data: { eventId: invite.eventId, userId: user.id, role: 'ATTENDEE' } });
    return { userId: user.id, name: user.name, eventSlug: invite.event.slug };
  });
}
