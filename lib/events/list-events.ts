import { db } from '@/lib/db';
import type { Actor } from '@/lib/policies';
import { toEventDto, type EventDto } from './event-dto';

/** The events the actor belongs to, soonest first. */
export async function listMyEvents(actor: Actor): Promise<EventDto[]> {
  const rows = await db.membership.findMany({ where: { userId: actor.userId }, include: { event: true }, orderBy: { event: { startDate: 'desc' } } });
  return rows.filter((m) => !actor.isGuest || m.eventId === actor.guestEventId).map((m) => toEventDto(m.event, m.role));
}

/** Public events, for the landing page and the CLI. */
export async function listPublicEvents(limit = 12): Promise<EventDto[]> {
  const rows = await db.event.findMany({ where: { visibility: 'PUBLIC' }, orderBy: { startDate: 'desc' }, take: limit });
  return rows.map((e) => toEventDto(e, null));
}
