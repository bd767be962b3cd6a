import { cache } from 'react';
import { db, type Event } from '@/lib/db';
import { AppError } from '@/lib/errors';
import {
  can,
  canOnSession,
  type Actor,
  type EventAction,
  type EventPolicyContext,
  type Role,
  type SessionAction,
} from '@/lib/policies';
import { parseStoredSettings, type EventSettings } from './event-settings';

/** An event together with what the asking actor is to it. */
export interface EventAccess {
  event: Event;
  settings: EventSettings;
  actor: Actor | null;
  role: Role | null;
  policy: EventPolicyContext;
}

// A page renders the header, metadata, the page and its parts, each asking for the same event and
// membership: React's cache() makes that one query each per request while rendering. Outside a
// render (route handlers, the collab server, the CLI) it calls through, so writes are never hidden.
const findEvent = cache((by: 'slug' | 'id', key: string) =>
  db.event.findUnique({ where: by === 'slug' ? { slug: key } : { id: key } }),
);
const findRole = cache(async (eventId: string, userId: string): Promise<Role | null> => {
  const m = await db.membership.findUnique({ where: { eventId_userId: { eventId, userId } }, select: { role: true } });
  return m?.role ?? null;
});

export async function roleInEvent(actor: Actor | null, eventId: string): Promise<Role | null> {
  if (!actor) return null;
  // A guest belongs to its own event only, whatever rows exist.
  if (actor.isGuest && actor.guestEventId !== eventId) return null;
  const role = await findRole(eventId, actor.userId);
  // Guests never hold organiser rights, even if a row says so (see lib/policies too).
  if (actor.isGuest && role === 'ORGANISER') return 'ATTENDEE';
  return role;
}

async function accessFor(actor: Actor | null, event: Event): Promise<EventAccess> {
  const role = await roleInEvent(actor, event.id);
  return {
    event,
    settings: parseStoredSettings(event.settings),
    actor,
    role,
    policy: { visibility: event.visibility, role },
  };
}

/**
 * Loads an event the actor may see, or throws not_found: an event the actor cannot see is
 * reported as missing so private events do not leak their existence.
 */
export async function loadEventAccess(
  actor: Actor | null,
  where: { slug: string } | { id: string },
): Promise<EventAccess> {
  const event = await ('slug' in where ? findEvent('slug', where.slug) : findEvent('id', where.id));
  if (!event) throw new AppError('not_found', 'Event not found');
  const access = await accessFor(actor, event);
  if (!can(actor, 'event.view', access.policy)) throw new AppError('not_found', 'Event not found');
  return access;
}

/** Throws the right error when the actor may not do `action`: 401 signed out, 403 otherwise. */
export function assertCan(access: EventAccess, action: EventAction): void {
  if (can(access.actor, action, access.policy)) return;
  if (!access.actor) throw new AppError('unauthenticated', 'Sign in first');
  throw new AppError('forbidden', access.role ? 'Only organisers of this event can do that' : 'Join this event first');
}

export function assertCanOnSession(
  access: EventAccess,
  action: SessionAction,
  session: { proposerId: string | null; hostIds: readonly string[] },
): void {
  if (canOnSession(access.actor, action, access.policy, session)) return;
  if (!access.actor) throw new AppError('unauthenticated', 'Sign in first');
  throw new AppError('forbidden', 'Only organisers and the session’s hosts can do that');
}

export function allows(access: EventAccess, action: EventAction): boolean {
  return can(access.actor, action, access.policy);
}
