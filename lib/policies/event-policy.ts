import type { Actor, EventPolicyContext, SessionPolicyContext } from './types';

/** Everything that can be done to or inside an event. */
export const EVENT_ACTIONS = [
  'event.view',
  'event.update',
  'event.delete',
  'event.export',
  'member.list',
  'member.manage',
  'invite.manage',
  'room.manage',
  'slot.manage',
  'schedule.manage',
  'session.propose',
  'session.merge',
  'vote.cast',
  'notes.read',
  'notes.edit',
] as const;
export type EventAction = (typeof EVENT_ACTIONS)[number];

/** Actions on one session, where proposer and co-hosts get rights of their own. */
export const SESSION_ACTIONS = ['session.edit', 'session.withdraw', 'notes.restore'] as const;
export type SessionAction = (typeof SESSION_ACTIONS)[number];

const ORGANISER_ONLY: ReadonlySet<EventAction> = new Set([
  'event.update',
  'event.delete',
  'member.manage',
  'invite.manage',
  'room.manage',
  'slot.manage',
  'schedule.manage',
  'session.merge',
]);
const MEMBERS: ReadonlySet<EventAction> = new Set(['member.list', 'session.propose', 'vote.cast', 'notes.edit']);
const READERS: ReadonlySet<EventAction> = new Set(['event.view', 'event.export', 'notes.read']);

/** Whether anyone (even signed out) may read the event: public, or unlisted and reached by link. */
function openToReaders(ctx: EventPolicyContext): boolean {
  return ctx.visibility === 'PUBLIC' || ctx.visibility === 'UNLISTED';
}

/** The role that counts: guests never hold organiser rights, whatever a membership row says. */
function effectiveRole(actor: Actor | null, ctx: EventPolicyContext): EventPolicyContext['role'] {
  if (!actor) return null;
  return actor.isGuest && ctx.role === 'ORGANISER' ? 'ATTENDEE' : ctx.role;
}

/** The one place that decides what an actor may do in an event. */
export function can(actor: Actor | null, action: EventAction, ctx: EventPolicyContext): boolean {
  const role = effectiveRole(actor, ctx);
  if (READERS.has(action)) return role !== null || openToReaders(ctx);
  if (!actor || !role) return false;
  if (MEMBERS.has(action)) return true;
  if (ORGANISER_ONLY.has(action)) return role === 'ORGANISER';
  return false;
}

/** Session-level rights: organisers always; proposer and co-hosts for their own session. */
export function canOnSession(
  actor: Actor | null,
  action: SessionAction,
  ctx: EventPolicyContext,
  session: SessionPolicyContext,
): boolean {
  const role = effectiveRole(actor, ctx);
  if (!actor || !role) return false;
  if (role === 'ORGANISER') return true;
  const isHost = session.proposerId === actor.userId || session.hostIds.includes(actor.userId);
  return isHost;
}

/** Account-level rights: guests exist for one event only and cannot create events or tokens. */
export function canCreateEvent(actor: Actor | null): boolean {
  return actor !== null && !actor.isGuest;
}

export function canManageApiTokens(actor: Actor | null): boolean {
  return actor !== null && !actor.isGuest;
}
