import { apiRoute, requireActor } from '@/lib/http/api-route';
import { absoluteUrl } from '@/lib/env';
import { eventPath } from '@/lib/events/event-dto';
import { acceptInvite } from '@/lib/invites/redeem-invite';

export const POST = apiRoute<{ token: string }>(async ({ params, actor }) => {
  const r = await acceptInvite(requireActor(actor), params.token);
  return { eventSlug: r.eventSlug, role: r.role, url: absoluteUrl(eventPath(r.eventSlug)) };
});
