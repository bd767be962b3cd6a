import { db } from '@/lib/db';
import { addMember, buildEvent, buildUser, sessionCookieFor } from '@/test/builders';

export type RoleName = 'anonymous' | 'guest' | 'attendee' | 'organiser' | 'otherOrganiser';
export const ROLES: RoleName[] = ['anonymous', 'guest', 'attendee', 'organiser', 'otherOrganiser'];

/**
 * An event with one person of every kind the API tells apart: nobody, a guest of this event, an
 * attendee, an organiser, and an organiser of another event (who is an outsider here).
 */
export async function eventWithRoles(
  opts: { visibility?: 'PUBLIC' | 'UNLISTED' | 'PRIVATE'; settings?: Record<string, unknown>; timezone?: string } = {},
) {
  const { event, organiserId } = await buildEvent({
    visibility: opts.visibility ?? 'PUBLIC',
    settings: opts.settings,
    timezone: opts.timezone ?? 'UTC',
  });
  const organiser = await db.user.findUniqueOrThrow({ where: { id: organiserId } });
  const attendee = await buildUser();
  await addMember(event.id, attendee.id);
  const guest = await buildUser({ isGuest: true, guestEventId: event.id, email: null });
  await addMember(event.id, guest.id);
  const other = await buildEvent();
  const otherOrganiser = await db.user.findUniqueOrThrow({ where: { id: other.organiserId } });
  const users = { organiser, attendee, guest, otherOrganiser };
  const cookies: Record<RoleName, string | undefined> = {
    anonymous: undefined,
    guest: await sessionCookieFor(guest),
    attendee: await sessionCookieFor(attendee),
    organiser: await sessionCookieFor(organiser),
    otherOrganiser: await sessionCookieFor(otherOrganiser),
  };
  return { event, users, cookies };
}
