import { db } from '@/lib/db';
import type { Actor } from '@/lib/policies';
import { toEventDto, type EventDto } from './event-dto';

/** The events the actor belongs to, soonest first. */
export async function listMyEvents(actor: Actor): Promise<EventDto[]> {
  const rows = await db.membership.findMany({
    where: { userId: actor.userId },
    include: { event: true },
    orderBy: { event: { startDate: 'desc' } },
  });
  return rows.filter((m) => !actor.isGuest || m.eventId === actor.guestEventId).map((m) => toEventDto(m.event, m.role));
}

/** Public events, for the landing page and the CLI. */
export async function listPublicEvents(limit = 12): Promise<EventDto[]> {
  const rows = await db.event.findMany({
    where: { visibility: 'PUBLIC' },
    orderBy: { startDate: 'desc' },
    take: limit,
  });
  return rows.map((e) => toEventDto(e, null));
}

/** Every event with its member count, for operators. */
export async function listAllEvents(): Promise<
  Array<{ slug: string; title: string; startDate: string; endDate: string; visibility: string; members: number }>
> {
  const rows = await db.event.findMany({
    orderBy: { startDate: 'desc' },
    include: { _count: { select: { memberships: true } } },
  });
  return rows.map((e) => ({
    slug: e.slug,
    title: e.title,
    startDate: e.startDate.toISOString().slice(0, 10),
    endDate: e.endDate.toISOString().slice(0, 10),
    visibility: e.visibility,
    members: e._count.memberships,
  }));
}
