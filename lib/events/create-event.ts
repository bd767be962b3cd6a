import crypto from 'node:crypto';
import { db } from '@/lib/db';
import { AppError, isUniqueViolation } from '@/lib/errors';
import { canCreateEvent, type Actor } from '@/lib/policies';
import { DEFAULT_SETTINGS } from './event-settings';
import { createEventInput, slugify, RESERVED_SLUGS } from './event-input';
import { toEventDto, type EventDto } from './event-dto';

/** Creates an event; the caller becomes its organiser. */
export async function createEvent(actor: Actor | null, input: unknown): Promise<EventDto> {
  if (!actor) throw new AppError('unauthenticated', 'Sign in first');
  if (!canCreateEvent(actor)) throw new AppError('forbidden', 'Guest accounts cannot create events; sign up first');
  const data = createEventInput.parse(input);
  const explicit = data.slug !== undefined;
  let slug = data.slug ?? slugify(data.title);
  if (RESERVED_SLUGS.has(slug)) slug = `${slug}-event`;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const event = await db.event.create({
        data: {
          slug,
          title: data.title,
          description: data.description,
          timezone: data.timezone,
          startDate: data.startDate,
          endDate: data.endDate,
          visibility: data.visibility,
          settings: JSON.stringify({ ...DEFAULT_SETTINGS, ...data.settings }),
          memberships: { create: { userId: actor.userId, role: 'ORGANISER' } },
        },
      });
      return toEventDto(event, 'ORGANISER');
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      if (explicit) throw new AppError('conflict', 'That address is taken; choose another', 'slug');
      slug = `${slugify(data.title).slice(0, 44)}-${crypto.randomBytes(2).toString('hex')}`;
    }
  }
  throw new AppError('conflict', 'Could not find a free address; choose one', 'slug');
}
