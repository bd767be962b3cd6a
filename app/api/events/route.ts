import { apiRoute, created, readBody, requireActor } from '@/lib/http/api-route';
import { createEvent } from '@/lib/events/create-event';
import { listMyEvents, listPublicEvents } from '@/lib/events/list-events';

export const GET = apiRoute(async ({ req, actor }) => {
  const scope = new URL(req.url).searchParams.get('scope');
  if (scope === 'public') return { events: await listPublicEvents(50) };
  return { events: await listMyEvents(requireActor(actor)) };
});

export const POST = apiRoute(async ({ req, actor }) => {
  requireActor(actor);
  return created(await createEvent(actor, await readBody(req)));
});
