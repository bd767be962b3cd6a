import crypto from 'node:crypto';
import { db, type Role, type Visibility, type SlotKind } from '@/lib/db';
import { generateApiToken } from '@/lib/auth/api-tokens';
import { hashPassword } from '@/lib/auth/password';
import { encodeSessionToken, sessionCookieName } from '@/lib/auth/session-cookie';

// Builders for tests and seeds: each call makes unique rows, every field can be overridden.

const unique = () => crypto.randomBytes(5).toString('hex');

export async function buildUser(
  overrides: Partial<{
    name: string;
    email: string | null;
    password: string;
    isGuest: boolean;
    guestEventId: string;
  }> = {},
) {
  const id = unique();
  return db.user.create({
    data: {
      name: overrides.name ?? `User ${id}`,
      email: overrides.email === undefined ? `user-${id}@example.test` : overrides.email,
      passwordHash: overrides.password ? await hashPassword(overrides.password) : null,
      isGuest: overrides.isGuest ?? false,
      guestEventId: overrides.guestEventId ?? null,
    },
  });
}

export async function buildEvent(
  overrides: Partial<{
    slug: string;
    title: string;
    visibility: Visibility;
    timezone: string;
    organiserId: string;
    settings: Record<string, unknown>;
  }> = {},
) {
  const id = unique();
  const organiserId = overrides.organiserId ?? (await buildUser()).id;
  const event = await db.event.create({
    data: {
      slug: overrides.slug ?? `event-${id}`,
      title: overrides.title ?? `Event ${id}`,
      timezone: overrides.timezone ?? 'Europe/London',
      startDate: new Date('2026-06-11T00:00:00Z'),
      endDate: new Date('2026-06-12T00:00:00Z'),
      visibility: overrides.visibility ?? 'PUBLIC',
      settings: JSON.stringify(overrides.settings ?? {}),
      memberships: { create: { userId: organiserId, role: 'ORGANISER' } },
    },
  });
  return { event, organiserId };
}

export function addMember(eventId: string, userId: string, role: Role = 'ATTENDEE') {
  return db.membership.create({ data: { eventId, userId, role } });
}

export async function buildRoom(
  eventId: string,
  overrides: Partial<{ name: string; capacity: number; order: number }> = {},
) {
  return db.room.create({
    data: {
      eventId,
      name: overrides.name ?? `Room ${unique()}`,
      capacity: overrides.capacity ?? 30,
      order: overrides.order ?? 0,
    },
  });
}

export async function buildSlot(
  eventId: string,
  overrides: Partial<{ startsAt: Date; endsAt: Date; kind: SlotKind; label: string; day: string }> = {},
) {
  const startsAt = overrides.startsAt ?? new Date('2026-06-11T09:00:00Z');
  const endsAt = overrides.endsAt ?? new Date(startsAt.getTime() + 45 * 60_000);
  return db.slot.create({
    data: {
      eventId,
      startsAt,
      endsAt,
      day: overrides.day ?? startsAt.toISOString().slice(0, 10),
      kind: overrides.kind ?? 'SESSION',
      label: overrides.label ?? null,
    },
  });
}

export async function buildSession(
  eventId: string,
  overrides: Partial<{ title: string; proposerId: string; hostIds: string[]; roomId: string; slotId: string }> = {},
) {
  return db.session.create({
    data: {
      eventId,
      title: overrides.title ?? `Session ${unique()}`,
      proposerId: overrides.proposerId ?? null,
      roomId: overrides.roomId ?? null,
      slotId: overrides.slotId ?? null,
      status: overrides.slotId ? 'SCHEDULED' : 'PROPOSED',
      hosts: overrides.hostIds ? { create: overrides.hostIds.map((userId) => ({ userId })) } : undefined,
    },
  });
}

/** A personal API token for the user (the plain token, as shown once). */
export async function buildApiToken(userId: string, name = 'test'): Promise<string> {
  const t = generateApiToken();
  await db.apiToken.create({ data: { userId, name, tokenHash: t.hash, prefix: t.prefix } });
  return t.token;
}

/** A Cookie header that signs the user in, as next-auth's own cookie would. */
export async function sessionCookieFor(user: { id: string; name: string; email?: string | null }): Promise<string> {
  const token = await encodeSessionToken({ sub: user.id, name: user.name, email: user.email ?? null });
  return `${sessionCookieName()}=${token}`;
}
