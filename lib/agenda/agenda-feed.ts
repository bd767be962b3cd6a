import { retryOnConflict } from '@/lib/db-errors';
import crypto from 'node:crypto';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/policies';
import { absoluteUrl } from '@/lib/env';
import { loadEventAccess } from '@/lib/events/event-access';
import { loadPublicSchedule } from '@/lib/schedule/public-schedule';
import { scheduleToIcal } from '@/lib/schedule/schedule-ical';

const TOKEN = /^[A-Za-z0-9_-]{20,64}$/;

const feedUrl = (token: string) => absoluteUrl(`/api/agenda/${token}/agenda.ics`);

/** The secret URL of the caller's starred sessions as a calendar feed; made on first request. */
export async function getAgendaFeed(actor: Actor | null, slug: string, rotate = false): Promise<{ url: string }> {
  const access = await loadEventAccess(actor, { slug });
  if (!actor) throw new AppError('unauthenticated', 'Sign in first');
  const where = { eventId_userId: { eventId: access.event.id, userId: actor.userId } };
  const token = crypto.randomBytes(24).toString('base64url');
  // Read then write: retried when SQLite refuses it for another writer's commit in between.
  const feed = await retryOnConflict(() =>
    db.agendaFeed.upsert({
      where,
      create: { eventId: access.event.id, userId: actor.userId, token },
      update: rotate ? { token } : {},
    }),
  );
  return { url: feedUrl(feed.token) };
}

/** The iCal body of a personal feed. The token stands in for the owner, with the owner's rights today. */
export async function renderAgendaFeed(token: string): Promise<string> {
  if (!TOKEN.test(token)) throw new AppError('not_found', 'No such calendar');
  const feed = await db.agendaFeed.findUnique({
    where: { token },
    include: { user: { select: { id: true, isGuest: true, guestEventId: true } }, event: { select: { slug: true } } },
  });
  if (!feed) throw new AppError('not_found', 'No such calendar');
  const actor: Actor = { userId: feed.user.id, isGuest: feed.user.isGuest, guestEventId: feed.user.guestEventId };
  const schedule = await loadPublicSchedule(actor, feed.event.slug);
  const stars = await db.star.findMany({
    where: { userId: actor.userId, session: { eventId: feed.eventId } },
    select: { sessionId: true },
  });
  return scheduleToIcal(schedule, {
    name: `${schedule.event.title}: my agenda`,
    onlyIds: new Set(stars.map((s) => s.sessionId)),
  });
}
