import { apiRoute, readBody } from '@/lib/http/api-route';
import { loadEventAccess } from '@/lib/events/event-access';
import { toEventDto } from '@/lib/events/event-dto';
import { updateEvent } from '@/lib/events/update-event';

type P = { slug: string };

export const GET = apiRoute<P>(async ({ params, actor }) => {
  const access = await loadEventAccess(actor, { slug: params.slug });
  return toEventDto(access.event, access.role);
});

export const PATCH = apiRoute<P>(async ({ req, params, actor }) =>
  updateEvent(actor, params.slug, await readBody(req)),
);
