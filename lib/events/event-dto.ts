import type { Event, Role } from '@/lib/db';
import { absoluteUrl } from '@/lib/env';
import { toDateOnly } from '@/lib/time';
import { parseStoredSettings, type EventSettings } from './event-settings';
import { eventBoardPath, eventNotesPath, eventPath } from '@/lib/paths';

/** An event as the API and the UI see it. */
export interface EventDto {
  id: string;
  slug: string;
  title: string;
  description: string;
  timezone: string;
  startDate: string;
  endDate: string;
  visibility: 'PUBLIC' | 'UNLISTED' | 'PRIVATE';
  settings: EventSettings;
  url: string;
  boardUrl: string;
  notesUrl: string;
  /** The caller's role, when they are a member. */
  role: Role | null;
  createdAt: string;
}

export { eventPath };

export function toEventDto(event: Event, role: Role | null): EventDto {
  return {
    id: event.id,
    slug: event.slug,
    title: event.title,
    description: event.description,
    timezone: event.timezone,
    startDate: toDateOnly(event.startDate),
    endDate: toDateOnly(event.endDate),
    visibility: event.visibility,
    settings: parseStoredSettings(event.settings),
    url: absoluteUrl(eventPath(event.slug)),
    boardUrl: absoluteUrl(eventBoardPath(event.slug)),
    notesUrl: absoluteUrl(eventNotesPath(event.slug)),
    role,
    createdAt: event.createdAt.toISOString(),
  };
}
