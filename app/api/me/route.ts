import { apiRoute, requireActor } from '@/lib/http/api-route';

export const GET = apiRoute(async ({ actor }) => {
  const me = requireActor(actor);
  return { id: me.userId, name: me.name, email: me.email, isGuest: me.isGuest };
});
