import { db } from '@/lib/db';
import type { Actor } from '@/lib/policies';
import { assertCan, loadEventAccess } from './event-access';
import { toEventDto, type EventDto } from './event-dto';
import { updateEventInput } from './event-input';
import { AppError } from '@/lib/errors';
import { requestCollabAccessRecheck } from '@/lib/collab/revocation';
import { announceBoardChange } from '@/lib/board/board-events';

/** Changes an event's details or settings (organisers). */
export async function updateEvent(actor: Actor | null, slug: string, input: unknown): Promise<EventDto> {
  const access = await loadEventAccess(actor, { slug });
  assertCan(access, 'event.update');
  const data = updateEventInput.parse(input);
  const startDate = data.startDate ?? access.event.startDate;
  const endDate = data.endDate ?? access.event.endDate;
  if (endDate < startDate) throw new AppError('bad_request', 'The event cannot end before it starts', 'endDate');
  const event = await db.event.update({
    where: { id: access.event.id },
    data: {
      title: data.title,
      description: data.description,
      timezone: data.timezone,
      startDate: data.startDate,
      endDate: data.endDate,
      visibility: data.visibility,
      settings: data.settings ? JSON.stringify({ ...access.settings, ...data.settings }) : undefined,
    },
  });
  if (data.visibility && data.visibility !== access.event.visibility) requestCollabAccessRecheck();
  announceBoardChange(event.id, 'settings');
  return toEventDto(event, access.role);
}
